#!/usr/bin/env bats
# t/915-own-outputs.bats - crm's own outputs read back by crm (qa38).
#
# Test plan:
#   - crm-deal list (tsv, csv, json) | crm-deal --import into its own
#     database changes nothing, again and again (its id is the deal, its
#     customer the customer: no organisation named "12"); into another
#     database whose customers have other ids, each deal goes to the
#     customer of its name, once; without a name column it is refused,
#     saying what to do.
#   - crm-remind --all (tsv, csv, json) | crm-remind import into a
#     database whose customers have other ids: each reminder on the
#     person its e-mail names (not the id's), a repeating one still
#     repeating (every); again: nothing added; into its own database:
#     nothing added; an e-mail and an id of the same database naming two
#     customers refused (file:line: email); a bad every refused.
#   - crm-segment --orgs (no type column) | crm-add --import: the rows
#     are organisations, in another database and in its own; contacts
#     (worked out) is named once and never stored as a field, so it
#     follows a contact linked later; crm-segment --risk's level,
#     signals and reasons neither.
#   - -o vcard writes the credit limit and terms (X-CRM-CREDIT-LIMIT,
#     X-CRM-TERMS) and crm-add reads them back; again: unchanged.
#   - a field named Birthday keeps its name through tsv, csv and json
#     (crm's own export), so -f Birthday finds it; crm's own birthday
#     column stays the birthday.

load helper

# Four deals (one won, one lost) for three people and an organisation.
deals() {
	crm-add -n 'Ann Lee' -e ann@x.example >/dev/null
	crm-add -n 'Bo Chan' -e bo@x.example >/dev/null
	crm-add -n 'Cy Dunn' -e cy@x.example >/dev/null
	crm-add --org -n "Mill Co" >/dev/null
	crm-deal add ann@x.example Renewal --amount 1200 --stage proposal \
	    --at 2026-10-01 >/dev/null
	crm-deal add bo@x.example Pumps --amount 99.50 --at 2026-10-02 \
	    --owner al >/dev/null
	crm-deal won 2 --at 2026-11-01 >/dev/null
	crm-deal add cy@x.example Valves --at 2026-10-03 >/dev/null
	crm-deal lost 3 --reason price --at 2026-11-02 >/dev/null
	crm-deal add 4 'Mill line' --amount 5000 --at 2026-10-04 >/dev/null
}

# The deals, their stages, history and fields as stored.
deal_rows() {
	CRM_DB=${1:-$CRM_DB} sql "
	    SELECT d.id, c.name, d.title, d.stage, d.amount, d.close, d.owner,
	        d.created, d.closed, d.reason FROM deals d JOIN customers c ON
	        c.id = d.customer_id ORDER BY d.id;
	    SELECT deal_id, stage, at FROM deal_history ORDER BY 1, 3, 2;
	    SELECT deal_id, key, value FROM deal_fields ORDER BY 1, 2;
	    SELECT count(*), count(*) FILTER (WHERE type = 'org') FROM customers"
}

@test "crm-deal list back into its own database (tsv, csv, json): nothing changes, twice" {
	deals
	before=$(deal_rows)
	for f in tsv csv json; do
		run --separate-stderr bash -c "crm-deal list -o $f | crm-deal --import -"
		status_is 0
		eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
		eq "$(deal_rows)" "$before"
	done
}

@test "crm-deal list edited and read back: the deal of its id is updated, no new one" {
	deals
	crm-deal list -o tsv | sed 's/\tRenewal\tproposal\t1200.00\t/\tRenewal 2027\tproposal\t1500.00\t/' >l.tsv
	grep -q 'Renewal 2027' l.tsv
	run --separate-stderr crm-deal --import l.tsv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 3 unchanged, 0 rejected"
	eq "$(sql "SELECT id, title, amount FROM deals WHERE customer_id = 1")" "1|Renewal 2027|150000"
	eq "$(sql 'SELECT count(*) FROM deals')" 4
}

@test "crm-deal list into another database: each deal its customer's by name, once; again: unchanged" {
	deals
	crm-deal list -o csv >l.csv
	# the same people and organisation, other ids
	crm-add -d other.db --org -n "Mill Co" >/dev/null
	crm-add -d other.db -n 'Cy Dunn' -e cy@x.example >/dev/null
	crm-add -d other.db -n 'Bo Chan' -e bo@x.example >/dev/null
	crm-add -d other.db -n 'Ann Lee' -e ann@x.example >/dev/null
	run --separate-stderr crm-deal -d other.db --import l.csv
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(crm-deal -d other.db list -o tsv | cut -f3- | sort)" "$(crm-deal list -o tsv | cut -f3- | sort)"
	eq "$(CRM_DB=other.db sql "SELECT count(*) FROM customers; SELECT count(*) FROM deal_fields")" $'4\n0'
	run --separate-stderr crm-deal -d other.db --import l.csv
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
	# the same into the engine under test, made again in that order
	crm-deal list -o tsv | cut -f3- | sort >want
	new_db
	crm-add --org -n "Mill Co" >/dev/null
	crm-add -n 'Cy Dunn' -e cy@x.example >/dev/null
	crm-add -n 'Ann Lee' -e ann@x.example >/dev/null
	crm-add -n 'Bo Chan' -e bo@x.example >/dev/null
	run --separate-stderr crm-deal --import l.csv
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(crm-deal list -o tsv | cut -f3- | sort)" "$(cat want)"
	run --separate-stderr crm-deal --import l.csv
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
}

@test "crm-deal list into another database: a customer not there, or a listing with no name, refused saying what to do" {
	deals
	crm-add -d other.db -n 'Zed' >/dev/null
	crm-deal list -o tsv >l.tsv
	run crm-deal -d other.db --import l.tsv
	status_is 65
	eq "$output" "crm-deal: l.tsv:2: name: no customer Ann Lee here: crm-deal's listing names its customer by another database's id (1); add them first (crm-add), or with --add-customers one is made"
	crm-deal list -f id,customer,title,stage -o tsv >n.tsv
	run crm-deal -d other.db --import n.tsv
	status_is 65
	eq "$output" "crm-deal: n.tsv:2: customer: '1' is a customer's id in the database crm-deal listed, not here, and the listing has no name or e-mail column to find them by: list the deals with -f id,customer,name,email,... and import that"
	eq "$(CRM_DB=other.db sql "SELECT count(*) FROM customers; SELECT count(*) FROM deals")" $'1\n0'
}

# Three people in r1 (the test's database) and in other.db in another
# order; two reminders in r1, one repeating weekly.
reminders() {
	for p in 'Pad pad' 'Good g' 'Two t'; do
		set -- $p
		crm-add -n "$1" -e "$2@ex.com" >/dev/null
	done
	for p in 'Good g' 'Two t' 'Pad pad'; do
		set -- $p
		crm-add -d other.db -n "$1" -e "$2@ex.com" >/dev/null
	done
	crm-remind add g@ex.com --due 2026-12-01 overdue one >/dev/null
	crm-remind add t@ex.com --in 2d --every 1w weekly check >/dev/null
}

# Whose each reminder is, when, repeating how often.
remind_rows() {
	CRM_DB=${1:-$CRM_DB} sql "SELECT c.email, r.due, coalesce(r.every, ''),
	    r.note FROM reminders r JOIN customers c ON c.id = r.customer_id
	    ORDER BY r.due"
}

@test "a hand-made sheet of id, customer and title whose customers are names: companies, as before" {
	printf 'id,customer,title,amount\n7,Acme Ltd,Big deal,100\n' >hand.csv
	run --separate-stderr crm-deal --import hand.csv
	status_is 0
	eq "$(sql "SELECT c.name, c.type, d.title, d.ref FROM deals d JOIN customers c ON c.id = d.customer_id")" "Acme Ltd|org|Big deal|7"
}

@test "crm-remind's listing into a database of other ids: each reminder its e-mail's person, every read; again and back home: nothing added" {
	reminders
	for f in tsv csv json; do
		crm-remind --all -o $f >r.$f
		run --separate-stderr crm-remind import -d other.db r.$f
		status_is 0
		[[ $f == tsv ]] && eq "$stderr" "2 reminders added, 0 already there, 0 rejected"
		[[ $f != tsv ]] && eq "$stderr" "0 reminders added, 2 already there, 0 rejected"
		eq "$(remind_rows other.db)" "$(remind_rows)"
		run --separate-stderr crm-remind import r.$f
		eq "$stderr" "0 reminders added, 2 already there, 0 rejected"
	done
	eq "$(remind_rows other.db | cut -d'|' -f1,3,4)" $'t@ex.com|1w|weekly check\ng@ex.com||overdue one'
	# other.db's listing into the engine under test, its people again
	# in another order
	remind_rows >want
	crm-remind -d other.db --all -o tsv >back.tsv
	new_db
	for p in 'Two t' 'Pad pad' 'Good g'; do
		set -- $p
		crm-add -n "$1" -e "$2@ex.com" >/dev/null
	done
	run --separate-stderr crm-remind import back.tsv
	eq "$stderr" "2 reminders added, 0 already there, 0 rejected"
	eq "$(remind_rows)" "$(cat want)"
}

@test "crm-remind's listing: an e-mail and an id of this database naming two customers refused; a bad every refused" {
	reminders
	crm-remind --all -o tsv | sed 's/g@ex.com/pad@ex.com/' >bad.tsv
	before=$(dump)
	run --separate-stderr crm-remind import bad.tsv
	fails 65 "crm-remind: bad.tsv:3: email: pad@ex.com is customer 1's here, but the row's customer 2 (Good) is another: say which (--map customer=- or email=-)"
	eq "$(dump)" "$before"
	crm-remind --all -o tsv | sed 's/\t1w$/\t1 fortnight/' >every.tsv
	run --separate-stderr crm-remind import -d other.db every.tsv
	fails 65 "crm-remind: every.tsv:2: every: not a duration crm-remind add --every takes (7d, 2w, 1m)"
}

@test "crm-segment --orgs into crm-add --import: organisations, not people; contacts not stored; again: unchanged" {
	crm-add --org -n 'Mill Co' --domain mill.example -i steel >/dev/null
	crm-add -n Ann -e ann@x.example --contact-of 'Mill Co' >/dev/null
	crm-segment --orgs -o tsv >orgs.tsv
	run --separate-stderr crm-add -d other.db --import orgs.tsv
	status_is 0
	eq "$stderr" $'crm-add: contacts: computed by crm, not imported\n1 added, 0 updated, 0 unchanged, 0 rejected'
	eq "$(CRM_DB=other.db sql "SELECT name, type, domain, industry FROM customers; SELECT count(*) FROM customer_fields")" $'Mill Co|org|mill.example|steel\n0'
	run --separate-stderr crm-add -d other.db --import orgs.tsv
	eq "${stderr##*$'\n'}" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# into its own database: the same organisation, no field contacts=1
	run --separate-stderr crm-add --import orgs.tsv
	eq "${stderr##*$'\n'}" "0 added, 0 updated, 1 unchanged, 0 rejected"
	crm-add -n Bo -e bo@x.example --contact-of 'Mill Co' >/dev/null
	eq "$(sql "SELECT count(*) FROM customer_fields")" 0
	eq "$(crm-segment --orgs -f name,contacts -o csv | tail -1)" "Mill Co,2"
	# crm-segment --risk's shape, as it prints a customer at risk
	printf 'id\tname\towner\trisk\tsignals\treasons\trevenue\n1\tMill Co\t\thigh\t2\tgone quiet\t0.00\n' >risk.tsv
	crm-segment --risk -o tsv | head -1 | cmp - <(head -1 risk.tsv)
	run --separate-stderr crm-add --import risk.tsv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customer_fields")" 0
	# and as an older crm printed it, its level named so
	sed '1s/risk/level/' risk.tsv >old-risk.tsv
	run --separate-stderr crm-add --import old-risk.tsv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customer_fields")" 0
}

@test "-o vcard keeps the credit limit and terms, and crm-add --import reads them back; again: unchanged" {
	crm-add -n Ann -e ann@x.example --credit-limit 5000 --terms 'net 30' >/dev/null
	crm-segment -f name,email,credit_limit,terms -o vcard >ann.vcf
	tr -d '\r' <ann.vcf | grep -qx 'X-CRM-CREDIT-LIMIT:5000.00'
	tr -d '\r' <ann.vcf | grep -qx 'X-CRM-TERMS:30d'
	run --separate-stderr crm-add -d other.db --import ann.vcf
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(crm-segment -d other.db -f name,email,credit_limit,terms -o csv)" "$(crm-segment -f name,email,credit_limit,terms -o csv)"
	run --separate-stderr crm-add -d other.db --import ann.vcf
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "a field named Birthday keeps its name through tsv, csv and json; crm's birthday column stays the birthday" {
	crm-add -n Ann -e ann@x.example -F Birthday=1990-04-01 >/dev/null
	crm-add -n Bo -e bo@x.example -F birthday=1985-02-03 >/dev/null
	for f in tsv csv json; do
		crm-segment -f all -o $f | crm-add -d o-$f.db --import - 2>/dev/null
		eq "$(crm-segment -d o-$f.db -f email,Birthday,birthday -o csv)" $'email,Birthday,birthday\nann@x.example,1990-04-01,\nbo@x.example,,1985-02-03'
		run --separate-stderr bash -c "crm-segment -f all -o $f | crm-add -d o-$f.db --import -"
		eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	done
}
