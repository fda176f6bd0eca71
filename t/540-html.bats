#!/usr/bin/env bats
# Test plan: crm-report -o html, monthly and --mail (see crm-report(1)).
# The pages are read by python's html.parser (t/lib/page.py check: every
# tag closed in order, no script, no src= or href=, nothing with "://",
# the doctype, charset and viewport; the title, each table's rows, each
# chart's bars) and by a real browser: Debian's chromium renders them
# headless to PNG (t/lib/page.py png counts the pixels of the bars'
# colour) and dumps the DOM it built.  Figures are worked out by hand
# from the fixture below.
#   - a report's page: title with the period, the table, one bar per row
#     whose length is the row's figure over the largest (260 units for
#     the largest, rounded; none for an empty or negative figure)
#   - every value escaped (& < > " '), and read back whole by the parser
#   - monthly: last month by default, summary, sales, service,
#     satisfaction and owners by week, one page with a section each; in
#     text, the same sections under their names
#   - --mail: one RFC 5322 message, multipart/alternative of exactly the
#     table and exactly the page, quoted-printable lines of 76 columns at
#     most, From from CRM_MAIL_FROM or the user, a subject with the period
#   - errors: status and stderr together
#   - chromium: each chart drawn, in pixels; skipped only where chromium
#     cannot be installed, never in CI

bats_require_minimum_version 1.5.0

load helper

P=(--from 2026-09-01 --to 2026-11-01)
PAGE="$BATS_TEST_DIRNAME/lib/page.py"
ONEIL="O'Neil & <Sons> \"Ltd\""
CUT="O'Neil & <Sons> \"L…"	# a chart's label: 18 octets at most

# Customers: 1 Ann (alice), 2 Bob (bob), 3 Cy (owner $ONEIL), all
# created 2026-01-01.  Interactions, each logged by the customer's owner:
#   Ann purchase 200.00 09-10; purchase 100.00 10-05 (a Monday);
#       complaint 10-06T08:00 resolved 10:00 (2 h); feedback rating 2,
#       quality 2, 10-07
#   Bob purchase 300.00 10-14 (week of Monday 10-12); complaint
#       10-13T00:00 resolved 10-14T06:00 (30 h); feedback rating 4,
#       quality 5, 10-15
#   Cy  purchase 50.00 10-20 (week of 10-19)
# Deals: Ann's Mill 1000 in lead (alice), Bob's Pumps 400 in proposal
# (bob).  Now is 2026-11-23: last month is October.
setup_file() {
	crm_setup_file || return 1
	local o=(--created 2026-01-01)
	crm-add -n Ann -e ann@x.example --owner alice "${o[@]}" >/dev/null
	crm-add -n Bob -e bob@x.example --owner bob "${o[@]}" >/dev/null
	crm-add -n Cy -e cy@x.example --owner "$ONEIL" "${o[@]}" >/dev/null
	crm-log 1 purchase --amount 200.00 --owner alice --at 2026-09-10T10:00:00Z >/dev/null
	crm-log 1 purchase --amount 100.00 --owner alice --at 2026-10-05T10:00:00Z >/dev/null
	crm-log 1 complaint --owner alice --at 2026-10-06T08:00:00Z >/dev/null
	crm-log 1 feedback --rating 2 --score quality=2 --owner alice --at 2026-10-07T10:00:00Z >/dev/null
	crm-log 2 purchase --amount 300.00 --owner bob --at 2026-10-14T10:00:00Z >/dev/null
	crm-log 2 complaint --owner bob --at 2026-10-13T00:00:00Z >/dev/null
	crm-log 2 feedback --rating 4 --score quality=5 --owner bob --at 2026-10-15T10:00:00Z >/dev/null
	crm-log 3 purchase --amount 50.00 --owner "$ONEIL" --at 2026-10-20T10:00:00Z >/dev/null
	crm-log --resolve 3 --at 2026-10-06T10:00:00Z
	crm-log --resolve 6 --at 2026-10-14T06:00:00Z
	crm-deal add 1 Mill --amount 1000 --owner alice --at 2026-11-01T10:00:00Z >/dev/null
	crm-deal add 2 Pumps --amount 400 --owner bob --at 2026-11-02T10:00:00Z >/dev/null
	crm-deal move 2 proposal --at 2026-11-03
}

setup() {
	crm_setup_fixture
	unset CRM_MAIL_FROM
}

# page FILE: what page.py check reads of a page (and fail if it is bad).
page() {
	run python3 "$PAGE" check "$1"
	status_is 0
}

@test "-o html: a page with the title, the table and a bar per row" {
	crm-report "${P[@]}" -o html sales >sales.html
	page sales.html
	# Revenue 2026-09 200.00, 2026-10 100 + 300 + 50 = 450.00: the
	# largest is 260 long, 200/450 * 260 = 115.6.
	eq "$output" "title sales, 2026-09-01 to 2026-10-31
table 2
bar 2026-09 200.00 116
bar 2026-10 450.00 260
svg 2"
	has "$(<sales.html)" '<td class="n">450.00</td>'
	has "$(<sales.html)" '<th class="n">revenue</th>'
}

@test "-o html: each report's chart column by its first column" {
	crm-report -o html pipeline >pipeline.html
	page pipeline.html
	# Open now: lead 1000.00, proposal 400.00, total 1400.00:
	# 1000/1400 * 260 = 185.7, 400/1400 * 260 = 74.3.
	eq "$output" "title pipeline, 2026-11-23
table 5
bar lead 1000.00 186
bar qualified 0.00 0
bar proposal 400.00 74
bar negotiation 0.00 0
bar total 1400.00 260
svg 5"
	crm-report "${P[@]}" -o html service >service.html
	page service.html
	# October's complaints took 2 h and 30 h: the median by nearest
	# rank is the first, 2.0; September has purchases and no complaint.
	eq "$output" "title service, 2026-09-01 to 2026-10-31
table 2
bar 2026-09  0
bar 2026-10 2.0 260
svg 2"
	crm-report "${P[@]}" -o html satisfaction >satisfaction.html
	page satisfaction.html
	# Quality 2 and 5: mean 3.5, index (3.5 - 1) * 25 = 62.5.
	eq "$output" "title satisfaction, 2026-09-01 to 2026-10-31
table 1
bar 2026-10 62.5 260
svg 1"
}

@test "-o html: every value escaped, and read back whole" {
	crm-report "${P[@]}" -o html owners >owners.html
	page owners.html
	# Revenue by the customers' owner: alice 200 + 100, bob 300, Cy's
	# owner 50 (first: 'O' sorts before 'a'): 50/300 * 260 = 43.3.
	# The table has the name whole, the chart its first 18 octets.
	eq "$output" "title owners, 2026-09-01 to 2026-10-31
table 3
bar $CUT 50.00 43
bar alice 300.00 260
bar bob 300.00 260
svg 3"
	has "$(<owners.html)" "<td>O&#39;Neil &amp; &lt;Sons&gt; &quot;Ltd&quot;</td>"
	run grep -c "<Sons>" owners.html
	eq "$output" 0
}

@test "monthly: last month's five reports, one page, by week" {
	crm-report -o html monthly >monthly.html
	page monthly.html
	# October by week (the Monday it starts on): sales 10-05 100.00,
	# 10-12 300.00, 10-19 50.00 (100/300 * 260 = 86.7, 50/300 * 260 =
	# 43.3); service 2 h in the week of 10-05, 30 h in 10-12's, none in
	# 10-19's (a purchase, no complaint): 2/30 * 260 = 17.3; the index
	# (2 - 1) * 25 = 25.0 and (5 - 1) * 25 = 100.0: 25/100 * 260 = 65;
	# owners' October revenue 50.00, 100.00, 300.00.  The summary has
	# no chart; its rows: all, one tier, one industry (none given), the
	# owners' three, one status (active).
	eq "$output" "title monthly, 2026-10-01 to 2026-10-31
h2 summary
table 7
h2 sales
table 3
bar 2026-10-05 100.00 87
bar 2026-10-12 300.00 260
bar 2026-10-19 50.00 43
svg 3
h2 service
table 3
bar 2026-10-05 2.0 17
bar 2026-10-12 30.0 260
bar 2026-10-19  0
svg 3
h2 satisfaction
table 2
bar 2026-10-05 25.0 65
bar 2026-10-12 100.0 260
svg 2
h2 owners
table 3
bar $CUT 50.00 43
bar alice 100.00 87
bar bob 300.00 260
svg 3"
}

@test "monthly: in text, the sections under their names; --from/--to" {
	run --separate-stderr crm-report -o tsv --from 2026-09-01 monthly
	status_is 0
	# --from alone: the month from it, September: one purchase, 200.00,
	# in the week of Monday 09-07.
	eq "$(head -3 <<<"$output")" $'monthly, 2026-09-01 to 2026-09-30\n\nsummary'
	run grep -A2 -x sales <<<"$output"
	eq "$output" $'sales\nperiod\trevenue\torders\tunits\taverage_order\treturns\treturned\n2026-09-07\t200.00\t1\t0\t200.00\t0\t0.00'
	run --separate-stderr crm-report -o tsv monthly
	run grep -x -e summary -e sales -e service -e satisfaction -e owners <<<"$output"
	eq "$output" $'summary\nsales\nservice\nsatisfaction\nowners'
}

# parts MESSAGE: the message's headers that a test compares, then its
# parts' types, written to text.out and html.out decoded; fails on a
# line over 76 columns.
parts() {
	python3 -c '
import email, email.policy, sys
raw = open(sys.argv[1], "rb").read()
long = [l for l in raw.split(b"\n") if len(l) > 76]
if long:
    sys.exit("long line: %r" % long[0])
m = email.message_from_bytes(raw, policy=email.policy.default)
for h in ("To", "From", "Subject", "MIME-Version"):
    print("%s: %s" % (h, m[h]))
print(m.get_content_type(), m["Date"] is not None)
for p, name in zip(m.iter_parts(), ("text.out", "html.out")):
    print(p.get_content_type(), p["Content-Transfer-Encoding"])
    open(name, "w", encoding="utf-8").write(p.get_content())
' "$1"
}

@test "--mail: the table and the page as one message for sendmail -t" {
	crm-report "${P[@]}" -o table sales >table.txt
	crm-report "${P[@]}" -o html sales >page.html
	CRM_MAIL_FROM='Reports <reports@example.com>' \
	    crm-report "${P[@]}" --mail boss@example.com,ops@example.com sales >m.eml
	run parts m.eml
	status_is 0
	eq "$output" "To: boss@example.com, ops@example.com
From: Reports <reports@example.com>
Subject: crm: sales, 2026-09-01 to 2026-10-31
MIME-Version: 1.0
multipart/alternative True
text/plain quoted-printable
text/html quoted-printable"
	cmp text.out table.txt
	cmp html.out page.html
	# The user at this host without CRM_MAIL_FROM; -o html asks for
	# nothing more than the page that is there anyway.
	crm-report -o html --mail boss@example.com monthly >m.eml
	run parts m.eml
	has "$output" "From: tester@$(hostname)"
	has "$output" "Subject: crm: monthly, 2026-10-01 to 2026-10-31"
	crm-report -o table monthly >table.txt
	crm-report -o html monthly >page.html
	cmp text.out table.txt
	cmp html.out page.html
}

@test "--mail: a subject beyond ASCII, encoded" {
	crm-report "${P[@]}" --where "owner = 'Zoë'" --mail boss@example.com sales >m.eml
	run grep '^Subject: =?UTF-8?B?' m.eml
	status_is 0
	run parts m.eml
	has "$output" "Subject: crm: sales, 2026-09-01 to 2026-10-31, where owner = 'Zoë'"
}

@test "errors: --mail, monthly and html where they do not fit" {
	run --separate-stderr crm-report --mail nobody sales
	fails_usage 64 "crm-report: --mail: 'nobody' is not an e-mail address"
	run --separate-stderr crm-report --mail $'a@example.com\nBcc: x@example.com' sales
	fails_usage 64 "crm-report: --mail: 'a@example.com"
	run --separate-stderr crm-report --mail boss@example.com --spreadsheet sales
	fails_usage 64 "crm-report: --mail does not go with --spreadsheet"
	run --separate-stderr crm-report -f period monthly
	fails_usage 64 "crm-report: -f does not go with monthly (its reports have their own columns)"
	run --separate-stderr crm-report -o tsv --chart sales
	fails_usage 64 "crm-report: --chart draws under a table (-o table) or in a page (-o html)"
	run --separate-stderr crm-report -o html customer 1 --all
	fails_usage 64 "crm-report: customer --all writes one JSON object (-o json): no -f, no other format"
	run --separate-stderr crm-report -o pdf sales
	fails_usage 64 "crm-report: -o: unknown format 'pdf' (tsv, csv, json, table, html)"
	# The other programs' lists have no charts: a page is crm-report's.
	run --separate-stderr crm-segment -o html
	fails_usage 64 "crm-segment: -o: unknown format 'html' (tsv, csv, json, table)"
}

# A browser, or skip where there can be none (never in CI).
chromium_or_skip() {
	if ! command -v chromium >/dev/null; then
		[[ -z "${CI:-}" ]] || { echo "chromium is missing in CI (.ci/deps installs it)" >&2; return 1; }
		skip "no chromium (.ci/deps installs Debian's chromium as root)"
	fi
}

# shot FILE HEIGHT: FILE rendered by chromium at 800 x HEIGHT to FILE.png.
# Root needs --no-sandbox; --headless is the new headless mode (the old
# one is gone from chromium 132).
shot() {
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	    --user-data-dir="$BATS_TEST_TMPDIR/chromium" \
	    --screenshot="$BATS_TEST_TMPDIR/$1.png" --window-size=800,"$2" \
	    "file://$BATS_TEST_TMPDIR/$1" >/dev/null 2>&1
	[[ -s "$1.png" ]]
}

@test "chromium: each chart drawn, bar by bar" {
	chromium_or_skip
	# At 800 wide the chart is 480 px for its 480 units, a bar 16 px
	# high: the bars' pixels are 16 times their lengths' sum (above).
	crm-report "${P[@]}" -o html sales >sales.html
	shot sales.html 600
	run python3 "$PAGE" png sales.html.png
	# 116 + 260 = 376, * 16 = 6016.
	[[ "$output" =~ ^colours\ ([0-9]+)\ bars\ 6016$ ]] || eq "$output" "colours >20 bars 6016"
	(( BASH_REMATCH[1] > 20 ))
	crm-report -o html pipeline >pipeline.html
	shot pipeline.html 600
	run python3 "$PAGE" png pipeline.html.png
	# 186 + 74 + 260 = 520, * 16 = 8320.
	[[ "$output" == *" bars 8320" ]] || eq "$output" "colours N bars 8320"
	crm-report "${P[@]}" -o html owners >owners.html
	shot owners.html 600
	run python3 "$PAGE" png owners.html.png
	# 43 + 260 + 260 = 563, * 16 = 9008.
	[[ "$output" == *" bars 9008" ]] || eq "$output" "colours N bars 9008"
}

@test "chromium: the monthly page's charts survive its parser" {
	chromium_or_skip
	crm-report -o html monthly >monthly.html
	chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$BATS_TEST_TMPDIR/chromium" \
	    --dump-dom "file://$BATS_TEST_TMPDIR/monthly.html" 2>/dev/null >dom.html
	# The rects above: sales 3, service 3, satisfaction 2, owners 3.
	run python3 "$PAGE" rects dom.html
	eq "$output" 11
	has "$(<dom.html)" "<svg viewBox=\"0 0 480 74\""
}
