#!/usr/bin/env bats
# t/905-readme-tour.bats - the README's "A short tour", run as written.
#
# Test plan:
#   - every "$ command" of the tour's code blocks runs, in order, on a fresh
#     database, and exits 0 (a pipeline's every part: pipefail); a command
#     continued on the next line (after | or \) is one command;
#   - the lines a block shows under a command (its output: counts, the id
#     a new customer, interaction or reminder is given) are in what it
#     printed, so the ids the tour then uses are the ones it really gets;
#   - the files the tour names are the user's: here share/crm's sample
#     customers and orders, and fixtures of t/data in the shapes it names
#     (Shopify, HubSpot's companies, deals and tasks, a Xero and a lexoffice invoice
#     list), cut
#     to the database's currency and given the companies the tour uses
#     (Steel Mill Ltd); formail and sendmail take the mail and drop it.
load helper

TOP="$BATS_TEST_DIRNAME/.."

# The tour's files, in the current directory.
stage() {
	local real="$TOP/t/data/real"

	awk -F, -v OFS=, 'NR == 1 { print $0, "WeChat ID"; next }
	    { print $0, ($1 == "C-1003" ? "wxid_wangxm" : "") }' \
	    "$TOP/share/crm/sample-customers.csv" >customers.csv
	cp "$TOP/share/crm/sample-orders.csv" orders.csv
	grep -v ',CNY,' "$real/shopify-orders.csv" >shopify-orders_export.csv
	{ cat "$real/hubspot-companies.csv"
	  printf '"9011000299","Steel Mill Ltd","Sam Lee","2025-02-01 10:00","","","Sheffield","United Kingdom","Mining & Metals","steelmill.example"\n'
	} >hubspot-crm-exports-all-companies-2026-12-01.csv
	{ grep -v '"Hooli Example - Renewal"' "$real/hubspot-deals.csv"
	  printf '"18734500199","Steel Mill Ltd - Service renewal","Qualified To Buy","2027-01-31 00:00","Sam Lee","18000","Renewals","2026-10-01 09:00","0.4","Existing Business","Steel Mill Ltd","18000","USD"\n'
	} >hubspot-crm-exports-all-deals-2026-12-01.csv
	head -3 "$TOP/t/data/recv/xero-invoices.csv" |
	    sed 's/Dana Example,dana@example.com/Ann Lee,ann.lee@northwind.example/; s/,GBP,/,USD,/' \
	    >xero-invoices.csv
	printf '%s\r\n' 'Record ID,Task Title,Task Type,Due date,Task Status,Priority,Assigned to,Associated Contact,Notes,Completed at,Create Date' \
	    '53000000001,Send the renewal quote,To-do,2027-01-05 09:00,Not started,High,alice,Ann Lee (ann.lee@northwind.example),,,2026-11-20 09:00' \
	    '53000000002,Call back,Call,2026-10-01 09:00,Completed,Low,alice,Bob Martin (bob@contoso.example),,2026-10-02 11:00,2026-09-20 09:00' \
	    >hubspot-tasks.csv
	{ sed -n 1p "$real/lexoffice-belege.csv"
	  printf '%s\n' 'RE0001;03.11.2026;17.11.2026;C-1001;Ann Lee;Rechnung;bezahlt;1.000,00;190,00;1.190,00;USD' \
	    'RE0002;15.11.2026;29.11.2026;C-1002;Bob Martin;Rechnung;offen;2.500,50;475,10;2.975,60;USD'
	} >belege.csv
	mkdir -p bin
	printf '#!/bin/sh\ncat >/dev/null\n' >bin/formail
	cp bin/formail bin/sendmail
	chmod +x bin/formail bin/sendmail
}

# The tour's commands and the output lines shown under them, one record
# each ("C<TAB>command" or "O<TAB>line"), records ended by a NUL.
tour() {
	awk '/^## A short tour/ { on = 1; next } /^## / { on = 0 } on' "$TOP/README.md" |
	awk '
	function flush() { if (cmd != "") printf "C\t%s%c", cmd, 0; cmd = "" }
	/^    \$ / { flush(); cmd = substr($0, 7); more = cmd ~ /(\||\\)[ ]*$/
		code = 1; next }
	/^    / { if (code && more) { cmd = cmd "\n" substr($0, 5)
			more = $0 ~ /(\||\\)[ ]*$/; next }
		if (code) { flush(); printf "O\t%s%c", substr($0, 5), 0 }
		next }
	{ flush(); code = 0 }
	END { flush() }'
}

@test "the README's tour runs as written on a fresh database: every command exits 0, and prints what the tour shows (the ids it uses after)" {
	stage
	local kind body out="" rc n=0
	PATH="$PWD/bin:$PATH"
	while IFS= read -r -d '' rec; do
		kind=${rec%%$'\t'*} body=${rec#*$'\t'}
		if [[ $kind == C ]]; then
			n=$((n + 1))
			rc=0
			out=$(bash -o pipefail -c "$body" 2>&1) || rc=$?
			if [[ $rc != 0 ]]; then
				printf 'the tour: %s\nexited %s: %s\n' "$body" "$rc" "$out" >&2
				return 1
			fi
		elif [[ "$out" != *"$body"* ]]; then
			printf 'the tour shows %q, the command printed %q\n' "$body" "$out" >&2
			return 1
		fi
	done < <(tour)
	# the tour is all there (an awk that read nothing would pass)
	[[ $n -ge 70 ]]
	eq "$(sql "SELECT name FROM customers WHERE id = 21")" "Jane Roe"
	eq "$(sql "SELECT count(*) FROM customers WHERE id = 22")" 0
	eq "$(sql "SELECT kind, CASE WHEN resolved IS NULL THEN 0 ELSE 1 END FROM interactions WHERE id = 3")" "complaint|1"
}
