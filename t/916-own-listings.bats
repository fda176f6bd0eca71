#!/usr/bin/env bats
# t/916-own-listings.bats - every listing crm writes, read back by the
# import that takes it, in every format that import reads (lib/own.c:
# one table of the columns that mark each listing, taken from the
# writers; a writer's renamed column fails here, not in a user's import).
#
# Test plan:
#   - crm-segment (its default columns, -f all, --orgs, --rfm, --pareto),
#     crm-deal list (its columns, -f all) and crm-remind --all, each in
#     tsv, csv and json (crm-segment in vcard too), read back into their
#     own database: every row unchanged, nothing written; crm-remind's
#     items of no reminder (a deal's, a rule's, a complaint's) skipped
#     and counted, by their source, else (-f) by their ids.
#   - the same listings, saved, into another database whose customers
#     get other ids: crm-segment's first, then crm-deal's and
#     crm-remind's find their customers there; each writer then lists
#     the same (but the ids), on the engine under test; crm-remind's
#     items of no reminder are not added as reminders there either.
#   - crm-deal list -f ...,email: the customer's e-mail, by which the
#     listing read back into another database finds the person among
#     namesakes (by name alone it was refused); the customer of the id
#     here is not taken when the e-mail is another's; the default
#     columns stay as they were.

load helper

# An organisation and its contact, two people, purchases, three deals
# (one with a field a sheet brought; one open), a reminder and a
# repeating one, a rule and a complaint.
world() {
	crm-add --org -n 'Mill Co' --domain mill.example -i steel >/dev/null
	crm-add -n 'Ann Lee' -e ann@x.example -p '+44 20 7946 0001' \
	    --contact-of 'Mill Co' -F Region=North >/dev/null
	crm-add -n 'Bo Chan' -e bo@x.example --tier gold --owner al >/dev/null
	crm-add -n 'Cy Dunn' -e cy@x.example >/dev/null
	for at in 2025-10-10 2025-12-10 2026-01-10; do
		crm-log ann@x.example purchase --amount 100 --at $at >/dev/null
	done
	crm-log bo@x.example purchase --amount 80 --at 2026-11-01 >/dev/null
	crm-log bo@x.example purchase --amount 40 --at 2026-11-10 >/dev/null
	crm-deal add ann@x.example Renewal --amount 1200 --stage proposal \
	    --at 2026-11-20 >/dev/null
	crm-deal add 1 'Mill line' --amount 5000 --at 2026-11-21 >/dev/null
	printf 'email,title,amount,created,Region\nbo@x.example,Valves,300,2026-11-22,North\n' |
	    crm-deal --import - 2>/dev/null
	# deal 1 stays open: its idle item is in crm-remind --all, as are
	# the rule's and the complaint's, none of them a stored reminder
	crm-deal lost 2 --reason price --at 2026-11-22 >/dev/null
	crm-deal won 3 --at 2026-11-23 >/dev/null
	crm-remind add cy@x.example --due 2026-11-01 call back >/dev/null
	crm-remind add bo@x.example --in 2d --every 1w weekly check >/dev/null
	crm-remind rule add "tier = 'gold'" --every 30d call gold >/dev/null
	crm-log cy@x.example complaint --at 2026-11-20 late parts >/dev/null
}

# What a read-back must not change: every row of the customers, their
# keys and fields, the deals, their history and fields, the reminders.
state() {
	sql "SELECT * FROM customers ORDER BY id;
	    SELECT customer_id, kind, value, source FROM identities ORDER BY 1, 2, 3;
	    SELECT * FROM customer_fields ORDER BY 1, 2;
	    SELECT * FROM deals ORDER BY id;
	    SELECT deal_id, stage, at FROM deal_history ORDER BY 1, 3, 2;
	    SELECT * FROM deal_fields ORDER BY 1, 2;
	    SELECT * FROM reminders ORDER BY id"
}

# The writers and the import that reads each one's listing back.
listings() {
	cat <<-'EOF'
	crm-segment|crm-add --import
	crm-segment -f all|crm-add --import
	crm-segment --orgs|crm-add --import
	crm-segment --rfm|crm-add --import
	crm-segment --pareto|crm-add --import
	crm-segment --risk|crm-add --import
	crm-deal list|crm-deal --import
	crm-deal list -f all|crm-deal --import
	crm-remind --all|crm-remind import
	EOF
}

# The formats the import of a writer reads: crm-add takes vCards too.
formats() {
	[[ $1 == crm-segment* && $1 != *--risk ]] && echo tsv csv json vcard ||
	    echo tsv csv json
}

@test "every listing crm writes, in every format its import reads, back into its own database: all unchanged, nothing written" {
	world
	eq "$(crm-deal list -f title,Region -o csv | grep Valves)" "Valves,North"
	eq "$(crm-remind --all -o tsv | cut -f11 | sort -u)" $'complaint\ndeal\nreminder\nrule\nsource'
	while IFS='|' read -r writer import; do
		for f in $(formats "$writer"); do
			before=$(state)
			run --separate-stderr bash -c "$writer -o $f | $import -"
			status_is 0
			[[ ${stderr##*$'\n'} =~ ^0\ (added,\ 0\ updated,\ [1-9][0-9]*\ unchanged|reminders\ added,\ [1-9][0-9]*\ already\ there),\ 0\ rejected$ ]] ||
			    { echo "$writer -o $f | $import: $stderr" >&2; false; }
			eq "$(state)" "$before"
			# crm-remind's items of no reminder: skipped, said
			[[ $import != crm-remind* ]] ||
			    eq "${stderr%%$'\n'*}" "3 rows skipped: computed by crm-remind (complaint, deal, rule), not stored reminders"
		done
	done < <(listings)
	# without the source column, by the item's id
	before=$(state)
	run --separate-stderr bash -c "crm-remind --all -f id,due,customer,note -o csv | crm-remind import -"
	status_is 0
	eq "$stderr" $'3 rows skipped: computed by crm-remind (complaint, deal, rule), not stored reminders\n0 reminders added, 2 already there, 0 rejected'
	eq "$(state)" "$before"
}

# Each writer's listing of the test's database but for its id columns
# (the customer's id too), in a fixed order: what another database
# that took the listings back lists.
lists() {
	crm-segment -f all -o tsv "name != 'Zed'" | cut -f2- | sort
	crm-segment --orgs -o tsv | cut -f2- | sort
	crm-deal list -f all -o tsv | cut -f3- | sort
	# the rule's and the complaint's items are this database's own
	crm-remind --all -o tsv |
	    awk -F'\t' '$11 != "rule" && $11 != "complaint"' |
	    cut -f2,3,5- | sort
}

@test "every listing into another database, whose customers have other ids: each writer lists the same there" {
	world
	want=$(lists)
	for f in tsv csv json; do
		crm-segment -f all -o $f >c.$f
		crm-segment --orgs -o $f >o.$f
		crm-deal list -f all -o $f >d.$f
		crm-remind --all -o $f >r.$f
	done
	for f in tsv csv json; do
		new_db
		crm-add -n Zed -e zed@x.example >/dev/null	# ids shifted
		run --separate-stderr crm-add --import o.$f
		status_is 0
		eq "${stderr##*$'\n'}" "1 added, 0 updated, 0 unchanged, 0 rejected"
		run --separate-stderr crm-add --import c.$f
		status_is 0
		eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
		eq "$(sql "SELECT type FROM customers WHERE name = 'Mill Co'")" org
		run --separate-stderr crm-deal --import d.$f
		status_is 0
		eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
		run --separate-stderr crm-remind import r.$f
		status_is 0
		eq "$stderr" $'3 rows skipped: computed by crm-remind (complaint, deal, rule), not stored reminders\n2 reminders added, 0 already there, 0 rejected'
		eq "$(lists)" "$want"
	done
}

@test "crm-deal list -f email: the customer's e-mail, by which another database finds the person among namesakes" {
	crm-add -n 'Ann Lee' -e ann@x.example >/dev/null
	crm-add -n 'Bo Chan' -e bo@x.example >/dev/null
	crm-deal add ann@x.example Renewal --amount 1200 --at 2026-11-20 >/dev/null
	crm-deal add bo@x.example Pumps --at 2026-11-21 >/dev/null
	# the default columns stay as they were
	eq "$(crm-deal list | head -1)" "$(printf 'id\tcustomer\tname\ttitle\tstage\tamount\tprobability\tweighted\tclose\towner\tproduct\tcreated\tclosed\treason\tsource\tref')"
	run --separate-stderr crm-deal list -f id,customer,name,email,title -o csv
	status_is 0
	eq "$stderr" ""
	eq "$output" $'id,customer,name,email,title\n1,1,Ann Lee,ann@x.example,Renewal\n2,2,Bo Chan,bo@x.example,Pumps'
	for f in tsv csv json; do
		crm-deal list -f id,customer,name,email,title,stage,amount -o $f >l.$f
	done
	crm-deal list -f title,stage,amount -o tsv | sort >want
	# another database: a namesake of Ann's first, Ann herself the
	# second, so that the id 1 and the name "Ann Lee" are the namesake's
	for f in tsv csv json; do
		new_db
		crm-add -n 'Ann Lee' -e other@x.example >/dev/null
		crm-add -n 'Ann Lee' -e ann@x.example >/dev/null
		crm-add -n 'Bo Chan' -e bo@x.example >/dev/null
		run --separate-stderr crm-deal --import l.$f
		status_is 0
		eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
		eq "$(sql "SELECT c.email, d.title FROM deals d JOIN customers c ON c.id = d.customer_id ORDER BY d.id")" $'ann@x.example|Renewal\nbo@x.example|Pumps'
		eq "$(crm-deal list -f title,stage,amount -o tsv | sort)" "$(cat want)"
		run --separate-stderr crm-deal --import l.$f
		eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	done
	# an e-mail no one here has, and the id here another's: refused at
	# its column, saying so
	new_db
	crm-add -n 'Bo Chan' -e bo@x.example >/dev/null
	run --separate-stderr crm-deal --import l.csv
	fails 65 "crm-deal: l.csv:2: email: no customer ann@x.example here: crm-deal's listing names its customer by another database's id (1); add them first (crm-add), or with --add-customers one is made"
	eq "$(sql 'SELECT count(*) FROM deals')" 0
}

@test "crm-segment --risk (id, name, owner, no e-mail) read back: the customer of its id with its name; another's id, or a name of a customer with an e-mail, refused, never a second one" {
	world
	crm-segment --risk -o csv >risk.csv
	eq "$(head -2 risk.csv)" $'id,name,owner,risk,signals,reasons,revenue\n2,Ann Lee,,medium,gap,"no purchase for 317 days, 6.9x the usual 46",300.00'
	before=$(state)
	run --separate-stderr crm-add --import risk.csv
	status_is 0
	# the model's columns are figures of a moment: none a field
	eq "$stderr" "crm-add: risk: computed by crm, not imported
crm-add: signals: computed by crm, not imported
crm-add: reasons: computed by crm, not imported
crm-add: revenue: computed by crm, not imported
0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(state)" "$before"
	# the id here another's (renamed, or another database's): refused
	crm-add --update 2 -n 'Ann Smith' >/dev/null
	before=$(state)
	run --separate-stderr crm-add --import risk.csv
	status_is 65
	eq "${stderr##*$'\n'}" "crm-add: risk.csv:2: id: customer 2 here is 'Ann Smith', not 'Ann Lee': crm's own listing names its customers by the ids of the database it was listed from; list them with their e-mail (crm-segment -f id,name,email,...), or --map id=- reads the row by its name alone"
	eq "$(state)" "$before"
	# no such id, and the name a customer's with an e-mail: refused
	new_db
	crm-add -n 'Ann Lee' -e ann@x.example >/dev/null
	run --separate-stderr crm-add --import risk.csv
	status_is 65
	eq "${stderr##*$'\n'}" "crm-add: risk.csv:2: id: no customer 2 here, and 'Ann Lee' is customer 1's name, who has an e-mail or id the row lacks: crm's own listing names its customers by the ids of the database it was listed from; list them with their e-mail (crm-segment -f id,name,email,...), or --map id=- reads the row by its name alone"
	eq "$(sql 'SELECT count(*) FROM customers')" 1
	# --map id=- reads it by its name alone, as any sheet's
	run --separate-stderr crm-add --import --map id=- risk.csv
	status_is 0
	eq "${stderr##*$'\n'}" "1 added, 0 updated, 0 unchanged, 0 rejected"
	# someone new here: added, once
	new_db
	crm-add -n 'Bo Chan' -e bo@x.example >/dev/null
	for i in 1 2; do
		run --separate-stderr crm-add --import risk.csv
		status_is 0
	done
	eq "${stderr##*$'\n'}" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT name, coalesce(email, '-') FROM customers ORDER BY id")" $'Bo Chan|bo@x.example\nAnn Lee|-'
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
}

@test "crm-segment --risk -f id,name,email,level read back: its risk (the level) computed, the ids crm's; another system's id,email,name,level: its level the tier, its id its own" {
	world
	crm-add --update 2 --tier gold >/dev/null
	# level, the column's name before, prints as risk: crm's own spelling
	crm-segment --risk -o csv -f id,name,email,level >risk.csv
	eq "$(head -1 risk.csv)" "id,name,email,risk"
	grep -q '^2,Ann Lee,ann@x.example,medium$' risk.csv
	before=$(state)
	run --separate-stderr crm-add --import risk.csv
	status_is 0
	eq "$stderr" "crm-add: risk: computed by crm, not imported
0 added, 0 updated, 1 unchanged, 0 rejected"
	# the tier not the risk level, no id taken for another system's
	eq "$(state)" "$before"
	# the same header written by another system: id its own, level a tier
	printf 'id,email,name,level\nX-9,zed@x.example,Zed Roe,platinum\n' >other.csv
	run --separate-stderr crm-add --import other.csv
	status_is 0
	eq "${stderr##*$'\n'}" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(crm-segment -f external_id,tier -o csv 'email = zed@x.example' | sed 1d)" "X-9,platinum"
}
