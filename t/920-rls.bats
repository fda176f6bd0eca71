#!/usr/bin/env bats
# Test plan: per-rep access on PostgreSQL (crm grant, crm revoke,
# share/crm/pg/rls.sql, doc/scale.md "Per-rep access"), against a real
# server as t/900-pg.bats finds one ($CRM_PG, else .ci/pg), skipped saying
# why when there is none.  Three logins are made on the server: two reps
# and a manager (ordinary roles; the socket trusts them, no password);
# the database's owner is the server's "crm".
#   - crm grant and revoke: refused for a SQLite file (64, no file made),
#     an unknown login (66), a superuser as a rep (64); what they write
#     (crm_access, the audit rows by the server's login)
#   - a rep's query for another rep's customer returns nothing
#     (crm-segment, --count, crm-log --show, crm-deal list/show,
#     crm-remind list) and says what crm says of an unknown customer
#   - a rep's update of another rep's customer changes nothing (crm-add
#     -u, crm-log, crm-remind add/done, crm-deal add/move), with an
#     unknown customer's message and status; the database is the same
#   - organisations are shared but their owner is not: a rep renames
#     another's (audited), cannot take it, give theirs to another, nor add
#     one as another's; one nobody owns a rep takes for themselves; the
#     manager gives any to anyone
#   - the manager sees and changes all
#   - a rep's merge keeps the orders right (pg/migrate-18.sql's trigger
#     runs as the owner)
#   - ids: a rep's new rows are numbered after every row, not after the
#     ones they see (customers, interactions, reminders, deals, history,
#     audit)
#   - the audit trail's actor (and a deal move's) is the server's login,
#     whatever CRM_USER says
#   - the audit trail is append-only for reps and managers: no DELETE,
#     no UPDATE (an erase's scrub goes through crm_audit_blank and
#     crm_audit_redact, which blank or redact only an erased customer's
#     values), id, at, actor and action never changed (the owner's
#     neither), an inserted row at the server's clock; an older grant's
#     DELETE and UPDATE revoked
#   - a rep adds only the audit rows crm writes for a rep's own work,
#     about nobody or a customer of theirs
#   - the erased list's key is a manager's: a rep reads no key, changes
#     no entry, and their import still refuses an erased customer (the
#     server hashes: crm_erased_at, rls.sql's BLAKE2b as libsodium's)
#   - migration 21: a login not the owner is the actor without crm
#     grant too; a version 20 database is brought to 21
#   - a rep's new customer is theirs (the owner name granted); revoke
#     leaves a login with no rights (77)
#   - a migration (a version 8 database, before search's tables, whose
#     per-rep access an older crm set up) gives the new tables their
#     policies and every login in crm_access its rights again

load helper
load pg

# These tests compare the engines themselves, whichever the suite runs
# on: $CRM_DB from crm_setup is SQLite's file, $PG the server's.
CRM_TEST_ENGINE=sqlite

REP1=crm_rls_ann
REP2=crm_rls_bob
BOSS=crm_rls_boss

setup_file() {
	export RLS_SKIP=""
	pg_server_start
	[[ -n "$CRM_PG" ]] || return 0
	# The logins, cluster-wide; kept if another run made them.
	local r
	for r in $REP1 $REP2 $BOSS; do
		psql "$CRM_PG" -qAtX -c "DO \$\$BEGIN CREATE ROLE $r LOGIN;
		    EXCEPTION WHEN duplicate_object THEN NULL; END\$\$" \
		    >/dev/null 2>&1 || RLS_SKIP="cannot make the logins on $CRM_PG (needs CREATEROLE)"
	done
	export RLS_SKIP
}

teardown_file() {
	if [[ -n "${CRM_PG:-}" ]]; then
		psql "$CRM_PG" -qAtX -c "DROP ROLE IF EXISTS $REP1, $REP2, $BOSS" \
		    >/dev/null 2>&1 || true
	fi
	pg_server_stop
}

setup() {
	crm_setup
	pg_database rls
	[[ -z "$RLS_SKIP" ]] || skip "$RLS_SKIP"
	OWNER=$PG
	ANN="${OWNER/user=crm/user=$REP1}"
	BOB="${OWNER/user=crm/user=$REP2}"
	MGR="${OWNER/user=crm/user=$BOSS}"
	export CRM_DB=$OWNER
}

teardown() {
	pg_drop_database
}

# pg QUERY: SQL on the test's database as its owner (who sees all).
pg() {
	psql "$OWNER" -qAtX -F '|' -c "$1"
}

# Every row a rep could change, as the owner reads it.
snapshot() {
	local t
	for t in customers customer_fields tags identities interactions \
	    reminders deals deal_history deal_fields cust_totals cust_orders; do
		echo "== $t"
		pg "SELECT * FROM $t ORDER BY 1, 2"
	done
}

# The owner's data: Ada is ann's, Bea is "Bob B"'s (bob's login is
# crm_rls_bob: the mapping), Acme an organisation; each customer has an
# interaction, a reminder and a deal; then the grants.
fixture() {
	crm-add -n Ada -e ada@example.com --owner $REP1 -t vip -F size=3 >/dev/null
	crm-add -n Bea -e bea@example.com --owner 'Bob B' -t vip -F size=5 >/dev/null
	crm-add --org -n Acme --domain acme.example >/dev/null
	crm-log --amount 10 ada@example.com purchase widget >/dev/null
	crm-log --amount 20 bea@example.com purchase gadget >/dev/null
	crm-remind add ada@example.com --in 1d call Ada >/dev/null
	crm-remind add bea@example.com --in 1d call Bea >/dev/null
	crm-deal add ada@example.com Ada deal --amount 100 >/dev/null
	crm-deal add bea@example.com Bea deal --amount 200 >/dev/null
	crm grant rep $REP1 2>/dev/null
	crm grant rep $REP2 'Bob B' 2>/dev/null
	crm grant manager $BOSS 2>/dev/null
}


@test "rls: crm grant and revoke, what they refuse and what they write" {
	crm-add -n Ada >/dev/null
	run --separate-stderr crm -d "$BATS_TEST_TMPDIR/lite.db" grant rep $REP1
	status_is 64
	has "$stderr" "per-rep access needs a PostgreSQL server"
	[[ ! -e "$BATS_TEST_TMPDIR/lite.db" ]]
	run --separate-stderr crm grant rep crm_rls_nobody_here
	status_is 66
	eq "$stderr" "crm: no login 'crm_rls_nobody_here' on the server: make it first (createuser crm_rls_nobody_here, or CREATE ROLE ... LOGIN)"
	# The owner, a superuser here, is never limited: not a rep.
	run --separate-stderr crm grant rep crm
	status_is 64
	has "$stderr" "row-level security never limits"
	run --separate-stderr crm grant boss $REP1
	status_is 64
	run --separate-stderr crm grant manager $BOSS someone
	status_is 64
	run --separate-stderr crm grant rep $REP1
	status_is 0
	eq "$stderr" "crm: $REP1 is a rep"
	run --separate-stderr crm grant rep $REP2 'Bob B'
	status_is 0
	run --separate-stderr crm grant manager $BOSS
	status_is 0
	eq "$(pg 'SELECT * FROM crm_access ORDER BY login')" \
	    "$REP1|rep|$REP1
$REP2|rep|Bob B
$BOSS|manager|"
	# Granted again: the new level wins; nothing doubled.
	crm grant manager $REP2 2>/dev/null
	eq "$(pg "SELECT level, owner IS NULL FROM crm_access WHERE login = '$REP2'")" "manager|t"
	# Audited by the server's login, whatever CRM_USER says.
	eq "$(pg "SELECT actor, action, detail FROM audit WHERE action IN ('grant', 'revoke') ORDER BY id")" \
	    "crm|grant|{\"login\":\"$REP1\",\"level\":\"rep\",\"owner\":\"$REP1\"}
crm|grant|{\"login\":\"$REP2\",\"level\":\"rep\",\"owner\":\"Bob B\"}
crm|grant|{\"login\":\"$BOSS\",\"level\":\"manager\"}
crm|grant|{\"login\":\"$REP2\",\"level\":\"manager\"}"
	run --separate-stderr crm revoke $REP2
	status_is 0
	eq "$stderr" "crm: $REP2's access revoked"
	run --separate-stderr crm revoke $REP2
	status_is 0
	eq "$stderr" "crm: $REP2 had no access from crm grant"
	# No rights left: the server refuses it (77).
	run --separate-stderr crm-segment -d "$BOB"
	status_is 77
	has "$stderr" "permission denied"
	eq "$(pg "SELECT count(*) FROM crm_access WHERE login = '$REP2'")" 0
}

@test "rls: a rep sees only their customers and those customers' rows" {
	fixture
	run --separate-stderr crm-segment -d "$ANN" -f id,name,owner
	status_is 0
	eq "$output" "id	name	owner
1	Ada	$REP1"
	run --separate-stderr crm-segment -d "$BOB" -f id,name,owner
	eq "$output" "id	name	owner
2	Bea	Bob B"
	# Organisations are shared.
	eq "$(psql "$BOB" -qAtX -c "SELECT name FROM customers WHERE type = 'org'")" Acme
	# Filters over what cannot be seen find nothing.
	run --separate-stderr crm-segment -d "$ANN" --count 'owner = "Bob B"'
	status_is 0
	eq "$output" 0
	run --separate-stderr crm-segment -d "$ANN" --count 'revenue > 0'
	eq "$output" 1
	run --separate-stderr crm-segment -d "$ANN" -f id 'has vip'
	eq "$output" "id
1"
	# Another rep's customer is as an unknown one, by key and by id.
	local unknown
	run --separate-stderr crm-log -d "$ANN" --show nobody@example.com
	unknown="$status|${stderr//nobody@example.com/KEY}|$output"
	run --separate-stderr crm-log -d "$ANN" --show bea@example.com
	status_is 65
	eq "$status|${stderr//bea@example.com/KEY}|$output" "$unknown"
	run --separate-stderr crm-log -d "$ANN" --show 2
	status_is 65
	run --separate-stderr crm-log -d "$ANN" --show ada@example.com -f kind,amount
	status_is 0
	eq "$output" "kind	amount
purchase	10.00"
	run --separate-stderr crm-deal -d "$ANN" list -f id,title
	eq "$output" "id	title
1	Ada deal"
	run --separate-stderr crm-deal -d "$ANN" show 2
	local other="$status|$stderr|$output"
	run --separate-stderr crm-deal -d "$ANN" show 99
	eq "$other" "$status|${stderr//99/2}|$output"
	run --separate-stderr crm-remind -d "$ANN" list --all -f id,note
	eq "$output" "id	note
1	call Ada
deal:1	Deal 'Ada deal' (lead, 100.00): no activity since 2026-11-23"
	# A temporary table of the rep's own cannot stand in for crm's in
	# what runs as the owner (pg_temp comes last in its search_path).
	eq "$(psql "$ANN" -qAtX -c "CREATE TEMP TABLE crm_access (login text,
	    level text, owner text)" -c "INSERT INTO crm_access VALUES
	    ('$REP1', 'manager', NULL), ('$REP1', 'rep', 'Bob B')" \
	    -c "SELECT count(*) FROM customers")" 2
	# The kept aggregates and the raw views are limited alike.
	eq "$(psql "$ANN" -qAtX -c 'SELECT customer_id FROM cust_totals UNION ALL SELECT customer_id FROM agg_totals_raw')" "1
1"
	eq "$(psql "$ANN" -qAtX -c 'SELECT customer_id, orders FROM cust_orders')" "1|1"
}

@test "rls: the never contacted (cust_never) are a rep's own, as their morning list" {
	fixture
	crm-add -n Cy -e cy@example.com --owner $REP1 -T gold >/dev/null
	crm-add -n Di -e di@example.com --owner 'Bob B' -T gold >/dev/null
	CRM_NOW=2026-01-01T00:00:00Z crm-remind rule add 'tier = gold' \
	    --every 14d Call >/dev/null
	eq "$(pg 'SELECT customer_id FROM cust_never ORDER BY 1')" $'4\n5'
	eq "$(pg "SELECT relrowsecurity FROM pg_class WHERE relname = 'cust_never'")" t
	eq "$(psql "$ANN" -qAtX -c 'SELECT customer_id FROM cust_never')" 4
	eq "$(psql "$BOB" -qAtX -c 'SELECT customer_id FROM cust_never')" 5
	eq "$(psql "$MGR" -qAtX -c 'SELECT customer_id FROM cust_never ORDER BY 1')" $'4\n5'
	eq "$(crm-remind -d "$ANN" -f id | grep '^rule:')" rule:1:4
	eq "$(crm-remind -d "$BOB" -f id | grep '^rule:')" rule:1:5
	# A rep's new customer joins the set, their first call takes them out
	crm-add -d "$ANN" -n Eve -e eve@example.com -T gold >/dev/null 2>&1
	eq "$(psql "$ANN" -qAtX -c 'SELECT customer_id FROM cust_never ORDER BY 1')" $'4\n6'
	crm-log -d "$ANN" cy@example.com call >/dev/null
	eq "$(psql "$ANN" -qAtX -c 'SELECT customer_id FROM cust_never')" 6
	eq "$(crm-remind -d "$ANN" -f id | grep '^rule:')" rule:1:6
	# the other rep's row is out of reach: nothing deleted
	eq "$(psql "$ANN" -qAtX -c 'DELETE FROM cust_never WHERE customer_id = 5 RETURNING 1')" ""
	eq "$(pg 'SELECT customer_id FROM cust_never ORDER BY 1')" $'5\n6'
	run --separate-stderr crm check
	status_is 0
}

@test "rls: a rep's update of another rep's customer changes nothing and says so as for an unknown one" {
	fixture
	local before u o
	before=$(snapshot)
	# each: the other rep's customer, then an unknown one; same output,
	# same status (the key made the same).
	run --separate-stderr crm-add -d "$ANN" -u bea@example.com -p 123
	o="$status|${stderr//bea@example.com/K}"
	run --separate-stderr crm-add -d "$ANN" -u nobody@example.com -p 123
	u="$status|${stderr//nobody@example.com/K}"
	eq "$o" "$u"
	[[ $status -ne 0 ]]
	run --separate-stderr crm-log -d "$ANN" bea@example.com call hello
	o="$status|${stderr//bea@example.com/K}"
	run --separate-stderr crm-log -d "$ANN" nobody@example.com call hello
	u="$status|${stderr//nobody@example.com/K}"
	eq "$o" "$u"
	status_is 65
	run --separate-stderr crm-remind -d "$ANN" add bea@example.com --in 2d x
	o="$status|${stderr//bea@example.com/K}"
	run --separate-stderr crm-remind -d "$ANN" add nobody@example.com --in 2d x
	u="$status|${stderr//nobody@example.com/K}"
	eq "$o" "$u"
	[[ $status -ne 0 ]]
	run --separate-stderr crm-deal -d "$ANN" add bea@example.com T --amount 5
	o="$status|${stderr//bea@example.com/K}"
	run --separate-stderr crm-deal -d "$ANN" add nobody@example.com T --amount 5
	u="$status|${stderr//nobody@example.com/K}"
	eq "$o" "$u"
	[[ $status -ne 0 ]]
	# Bea's deal (2) and reminder (2) are as ones that do not exist (99).
	run --separate-stderr crm-deal -d "$ANN" move 2 won
	o="$status|${stderr//2/N}"
	run --separate-stderr crm-deal -d "$ANN" move 99 won
	u="$status|${stderr//99/N}"
	eq "$o" "$u"
	[[ $status -ne 0 ]]
	run --separate-stderr crm-remind -d "$ANN" done 2
	o="$status|${stderr//2/N}"
	run --separate-stderr crm-remind -d "$ANN" done 99
	u="$status|${stderr//99/N}"
	eq "$o" "$u"
	[[ $status -ne 0 ]]
	run --separate-stderr crm-add -d "$ANN" --erase bea@example.com --yes
	[[ $status -ne 0 ]]
	# Straight SQL past crm is limited the same way.
	psql "$ANN" -qAtX -c "UPDATE customers SET phone = '1' WHERE id = 2" \
	    -c "DELETE FROM interactions WHERE customer_id = 2" \
	    -c "DELETE FROM customers WHERE id = 2" >/dev/null
	run psql "$ANN" -qAtX -c "UPDATE customers SET owner = 'Bob B' WHERE id = 1"
	[[ $status -ne 0 ]]
	has "$output" "row-level security"
	eq "$(snapshot)" "$before"
	# Nor given away: the row would leave what they may write.
	run --separate-stderr crm-add -d "$ANN" -u ada@example.com --owner 'Bob B'
	status_is 77
	has "$stderr" "row-level security"
	# Settings are the managers'.
	run --separate-stderr crm-remind -d "$ANN" sla 2d
	status_is 77
	eq "$(snapshot)" "$before"
	# Their own customer they change.
	run --separate-stderr crm-add -d "$ANN" -u ada@example.com -p 555
	status_is 0
	eq "$(pg 'SELECT phone FROM customers WHERE id = 1')" 555
}

@test "rls: organisations are shared, their owner is not: a rep renames another's (audited) but cannot take it, give theirs away or add one as another's; a manager can" {
	fixture
	crm-add -u 3 --owner 'Bob B' >/dev/null
	# Shared data: ann, who owns no organisation, may correct its name.
	run --separate-stderr crm-add -d "$ANN" -u 3 -n 'Acme Ltd'
	status_is 0
	eq "$(pg "SELECT name, owner FROM customers WHERE id = 3")" "Acme Ltd|Bob B"
	eq "$(pg "SELECT actor FROM audit WHERE customer_id = 3 ORDER BY id DESC LIMIT 1")" $REP1
	# Not take it, by crm-add or by hand; not by changing a type either.
	before=$(snapshot)
	run --separate-stderr crm-add -d "$ANN" -u 3 --owner $REP1
	status_is 77
	has "$stderr" "a rep gives an organisation an owner only when it is theirs or nobody's"
	run psql "$ANN" -qAtX -c "UPDATE customers SET owner = '$REP1' WHERE id = 3"
	[[ $status -ne 0 ]]
	run psql "$ANN" -qAtX -c "UPDATE customers SET owner = NULL WHERE id = 3"
	[[ $status -ne 0 ]]
	run psql "$ANN" -qAtX -c "UPDATE customers SET type = 'org', owner = 'Bob B' WHERE id = 1"
	[[ $status -ne 0 ]]
	# Nor add one as another's.
	run --separate-stderr crm-add -d "$ANN" --org -n Initech --owner 'Bob B'
	status_is 77
	eq "$(snapshot)" "$before"
	# Its owner gives it to nobody; then any rep may take it, for themselves only.
	run --separate-stderr crm-add -d "$BOB" -u 3 --owner $REP1
	status_is 77
	psql "$BOB" -qAtX -c "UPDATE customers SET owner = NULL WHERE id = 3" >/dev/null
	run --separate-stderr crm-add -d "$ANN" -u 3 --owner 'Bob B'
	status_is 77
	run --separate-stderr crm-add -d "$ANN" -u 3 --owner $REP1
	status_is 0
	run --separate-stderr crm-add -d "$ANN" --org -n Initech
	status_is 0
	eq "$(pg "SELECT name, coalesce(owner, '-') FROM customers WHERE type = 'org' ORDER BY id")" "Acme Ltd|$REP1
Initech|-"
	# A manager gives any organisation to anyone.
	run --separate-stderr crm-add -d "$MGR" -u 3 --owner 'Bob B'
	status_is 0
	eq "$(pg "SELECT owner FROM customers WHERE id = 3")" "Bob B"
}

@test "rls: a rep's merge of two of their customers keeps the duplicate's orders of several lines" {
	fixture
	crm-add -n Ada2 -e ada2@example.com --owner $REP1 >/dev/null
	local p
	for p in P1 P2; do
		crm-log -d "$ANN" --ref O1 --amount 5 --product $p ada2@example.com purchase >/dev/null
	done
	run --separate-stderr crm-add -d "$ANN" --merge ada@example.com ada2@example.com
	status_is 0
	# Ada: her purchase without a ref, and O1 of two lines
	eq "$(pg "SELECT c.email, o.orders FROM cust_orders o JOIN customers c
	    ON c.id = o.customer_id ORDER BY 1")" "ada@example.com|2
bea@example.com|1"
	run --separate-stderr crm check
	status_is 0
}

@test "rls: the manager sees and changes every customer" {
	fixture
	run --separate-stderr crm-segment -d "$MGR" -f id,name
	status_is 0
	eq "$output" "id	name
1	Ada
2	Bea"
	run --separate-stderr crm-log -d "$MGR" --show bea@example.com -f amount
	eq "$output" "amount
20.00"
	run --separate-stderr crm-log -d "$MGR" bea@example.com call checked
	status_is 0
	# every report reads for a manager and a rep, the summary (which
	# names SQLite's sales cells, empty here) among them
	for r in summary monthly sales owners; do
		run --separate-stderr crm-report -d "$MGR" --no-chart $r
		status_is 0
		run --separate-stderr crm-report -d "$ANN" --no-chart $r
		status_is 0
	done
	run --separate-stderr crm-report -d "$MGR" -o tsv --no-chart \
	    --from 2026-01-01 --to 2027-01-01 sales
	has "$output" "30.00"
	run --separate-stderr crm-deal -d "$MGR" move 2 won
	status_is 0
	run --separate-stderr crm-add -d "$MGR" --reassign 'Bob B' $REP1
	status_is 0
	eq "$(pg 'SELECT owner FROM customers WHERE id = 2')" $REP1
	# Now Bea is ann's.
	run --separate-stderr crm-segment -d "$ANN" --count
	eq "$output" 2
	run --separate-stderr crm-segment -d "$BOB" --count
	eq "$output" 0
	# Stages and settings are the managers'.
	run --separate-stderr crm-deal -d "$ANN" stages lead:5,won:100,lost:0
	status_is 77
	run --separate-stderr crm-deal -d "$MGR" stages lead:5,won:100,lost:0
	status_is 0
}

@test "rls: a rep's new rows are numbered after every row, not after those they see" {
	fixture
	# Ann sees customer 1 and 3, interaction 1, reminder 1, deal 1.
	run --separate-stderr crm-add -d "$ANN" -n Cy -e cy@example.com
	status_is 0
	eq "$output" 4
	run --separate-stderr crm-log -d "$ANN" --amount 5 cy@example.com purchase
	status_is 0
	run --separate-stderr crm-remind -d "$ANN" add cy@example.com --in 1d hi
	status_is 0
	run --separate-stderr crm-deal -d "$ANN" add cy@example.com Cy deal
	status_is 0
	eq "$output" 3
	run --separate-stderr crm-deal -d "$ANN" move 3 won
	status_is 0
	eq "$(pg "SELECT 'c', max(id) FROM customers UNION ALL
	    SELECT 'i', max(id) FROM interactions UNION ALL
	    SELECT 'r', max(id) FROM reminders UNION ALL
	    SELECT 'd', max(id) FROM deals UNION ALL
	    SELECT 'h', count(*) - count(DISTINCT id) FROM deal_history UNION ALL
	    SELECT 'a', count(*) - count(DISTINCT id) FROM audit")" "c|4
i|3
r|3
d|3
h|0
a|0"
	# Cy is ann's without --owner: her owner name.
	eq "$(pg 'SELECT owner FROM customers WHERE id = 4')" $REP1
	# Bob's new customer carries his owner name (the mapping).
	crm-add -d "$BOB" -n Dee >/dev/null
	eq "$(pg "SELECT owner FROM customers WHERE name = 'Dee'")" "Bob B"
	# The kept figures still add up for every customer.
	run crm check
	status_is 0
}

@test "rls: a rep's import: new rows theirs, numbered after every row, other reps' search texts untouched, the indexes kept" {
	fixture
	# Bob's Dee has the largest id, which Ann cannot see.
	crm-add -n Dee -e dee@example.com --owner 'Bob B' >/dev/null
	# Files large enough next to the tables for a bulk load to drop
	# indexes, were it the owner's (lib/pg.c).
	{ echo name,email,company
	  echo Eve,eve@example.com,Eve Ropes
	  for i in 1 2 3 4 5; do
		echo "Fay $i,fay$i@example.com,Fay Sails and Rigging Company $i"
	  done; } >c.csv
	run --separate-stderr crm-add -d "$ANN" --import c.csv
	status_is 0
	{ echo customer,kind,amount
	  for i in 1 2 3 4 5; do echo "fay$i@example.com,purchase,$i"; done
	  echo eve@example.com,purchase,5; } >i.csv
	run --separate-stderr crm-log -d "$ANN" --import i.csv
	status_is 0
	# the orders kept as the rep wrote them, and by the trigger, which
	# sees every customer's purchases
	run --separate-stderr crm-log -d "$ANN" --amount 5 eve@example.com purchase
	status_is 0
	run --separate-stderr crm check
	status_is 0
	eq "$(pg "SELECT orders FROM cust_orders WHERE customer_id = 5")" 2
	eq "$(pg "SELECT id, name, owner FROM customers WHERE id IN (4, 5, 10) ORDER BY id")" \
	    "4|Dee|Bob B
5|Eve|$REP1
10|Fay 5|$REP1"
	# every customer's search text as the server makes it, Dee's too
	eq "$(pg "SELECT count(*) FROM fts_customers f FULL JOIN
	    fts_customer_text t ON t.id = f.rowid WHERE f.body IS DISTINCT
	    FROM t.body")" 0
	run --separate-stderr crm-segment -d "$ANN" --search ropes -f name
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Eve
	# a rep may not drop the tables' indexes: all there
	eq "$(pg "SELECT count(*) FROM pg_indexes WHERE indexname IN
	    ('customers_org', 'interactions_search', 'interactions_kind')")" 3
	run crm check
	status_is 0
}

@test "rls: the audit trail's actor is the server's login, whatever CRM_USER says" {
	fixture
	local n
	n=$(pg 'SELECT max(id) FROM audit')
	CRM_USER=$REP2 crm-log -d "$ANN" ada@example.com call hello >/dev/null
	CRM_USER=$BOSS crm-deal -d "$ANN" move 1 won >/dev/null
	CRM_USER=someone-else crm-add -d "$ANN" -n Cy >/dev/null
	CRM_USER=$REP1 crm-segment -d "$BOB" >/dev/null
	CRM_USER=nobody crm-log -d "$MGR" bea@example.com note hi >/dev/null
	eq "$(pg "SELECT actor, action, customer_id FROM audit WHERE id > $n ORDER BY id")" \
	    "$REP1|log|1
$REP1|deal move|1
$REP1|add|4
$REP2|export|
$BOSS|log|2"
	eq "$(pg "SELECT actor FROM deal_history WHERE deal_id = 1 ORDER BY id DESC LIMIT 1")" "$REP1"
	# A rep cannot rewrite or remove the trail, not even their own rows.
	run psql "$ANN" -qAtX -c "UPDATE audit SET actor = 'x', detail = 'x'"
	status_is 1
	run psql "$ANN" -qAtX -c "DELETE FROM audit"
	status_is 1
	eq "$(pg "SELECT count(*) FROM audit WHERE actor = 'x' OR detail = 'x'")" 0
	eq "$(pg "SELECT count(*) > $n FROM audit")" t
	# Erasing scrubs the whole trail, which a rep sees part of: a
	# manager's, and a rep's is refused as a whole.
	local before
	before=$(snapshot)
	run --separate-stderr crm-add -d "$ANN" --erase ada@example.com --yes
	status_is 77
	has "$stderr" "erasing a customer is a manager's"
	eq "$(snapshot)" "$before"
	run --separate-stderr crm-add -d "$MGR" --erase ada@example.com --yes
	status_is 0
	eq "$(pg "SELECT count(*) FROM customers WHERE id = 1")" 0
	# An insert by hand is stamped too.
	psql "$ANN" -qAtX -c "INSERT INTO audit (at, actor, action, detail) VALUES ('now', 'boss', 'log', 'by hand')" >/dev/null
	eq "$(pg "SELECT actor FROM audit WHERE detail = 'by hand'")" "$REP1"
}

# qa44 2: a manager could rewrite and delete audit rows, a rep insert
# one backdated.  The trail is append-only for every login crm granted:
# no UPDATE (an erase's scrub goes through rls.sql's functions), no
# DELETE, a trigger refusing a change of id, at, actor or action, and an
# inserted row's at the server's clock.
@test "rls: the audit trail is append-only for reps and managers: no DELETE, no UPDATE, at the server's" {
	fixture
	crm-log -d "$MGR" ada@example.com call hello >/dev/null
	local n before
	n=$(pg "SELECT max(id) FROM audit")
	before=$(pg "SELECT * FROM audit ORDER BY id")
	local who
	for who in "$MGR" "$ANN"; do
		run psql "$who" -qAtX -c "DELETE FROM audit WHERE id = $n"
		status_is 1
		has "$output" 'permission denied'
		for set in "at = '2001-01-01'" "action = 'nothing'" "actor = 'x'" "id = 999"; do
			run psql "$who" -qAtX -c "UPDATE audit SET $set WHERE id = $n"
			status_is 1
		done
	done
	eq "$(pg "SELECT * FROM audit ORDER BY id")" "$before"
	# Not even the owner changes when, who or what.
	run psql "$OWNER" -qAtX -c "UPDATE audit SET at = '2001-01-01' WHERE id = $n"
	status_is 1
	has "$output" 'append-only'
	# Nor the detail and customer (left40: a manager could rewrite a
	# row's detail, which an erase's scrub needed): an erase's scrub
	# is crm_audit_blank's and crm_audit_redact's.
	for set in "detail = 'rewritten'" "detail = NULL, customer_id = NULL"; do
		run psql "$MGR" -qAtX -c "UPDATE audit SET $set WHERE id = $n"
		status_is 1
		has "$output" 'permission denied'
	done
	eq "$(pg "SELECT * FROM audit ORDER BY id")" "$before"
	# A row inserted by hand, or by crm with a clock set back, is at
	# the server's time.
	psql "$ANN" -qAtX -c "INSERT INTO audit (at, actor, action) VALUES ('2020-01-01T00:00:00Z', 'x', 'log')" >/dev/null
	CRM_NOW=2020-01-01T00:00:00Z crm-log -d "$MGR" ada@example.com call early >/dev/null
	eq "$(pg "SELECT count(*) FROM audit WHERE id > $n AND at LIKE '2020%'")" 0
	eq "$(pg "SELECT count(*) FROM audit WHERE id > $n AND at >= to_char(now() AT TIME ZONE 'UTC' - interval '1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")" 2
	# The owner's clock stands (crm copy keeps a trail's times).
	CRM_NOW=2020-01-01T00:00:00Z crm-log ada@example.com call owner >/dev/null
	eq "$(pg "SELECT at FROM audit ORDER BY id DESC LIMIT 1")" 2020-01-01T00:00:00Z
	# A manager an older crm granted DELETE loses it when rls.sql runs
	# again (any login's grant).
	pg "GRANT UPDATE, DELETE ON audit TO $BOSS"
	crm grant rep $REP2 'Bob B' 2>/dev/null
	run psql "$MGR" -qAtX -c "DELETE FROM audit WHERE id = $n"
	status_is 1
	eq "$(pg "SELECT count(*) FROM audit WHERE id = $n")" 1
}

@test "rls: a rep's interactions, deals and reminders are theirs, whatever CRM_USER or --owner says; a manager's owner stands" {
	fixture
	CRM_USER=someone-else crm-log -d "$BOB" bea@example.com call hello >/dev/null
	CRM_USER=someone-else crm-deal -d "$BOB" add bea@example.com Big --owner $REP1 >/dev/null
	CRM_USER=someone-else crm-remind -d "$BOB" add bea@example.com --in 2d ring >/dev/null
	eq "$(pg "SELECT owner FROM interactions WHERE summary = 'hello'")" "Bob B"
	eq "$(pg "SELECT owner FROM deals WHERE title = 'Big'")" "Bob B"
	eq "$(pg "SELECT owner FROM reminders WHERE note = 'ring'")" "Bob B"
	# Nor can a rep hand a row to another name afterwards.
	crm-deal -d "$BOB" update 3 --owner $REP1 >/dev/null
	psql "$BOB" -qAtX -c "UPDATE interactions SET owner = 'x'" >/dev/null
	eq "$(pg "SELECT owner FROM deals WHERE id = 3")" "Bob B"
	eq "$(pg "SELECT DISTINCT owner FROM interactions WHERE customer_id = 2 AND owner IS NOT NULL")" "Bob B"
	# A manager assigns work: their owner is what they send.
	CRM_USER=someone-else crm-log -d "$MGR" ada@example.com note assigned >/dev/null
	CRM_USER=someone-else crm-deal -d "$MGR" add ada@example.com Mgr --owner $REP1 >/dev/null
	eq "$(pg "SELECT owner FROM interactions WHERE summary = 'assigned'")" someone-else
	eq "$(pg "SELECT owner FROM deals WHERE title = 'Mgr'")" $REP1
}

@test "rls: a migration gives the tables it adds their policies and every login's rights" {
	# A database of version 8 (before search, whose migration adds the
	# tables fts_customers and fts_deals) where an older crm set up
	# per-rep access: crm_access, and rights on the tables there were.
	psql "$PG" -qAtX -v ON_ERROR_STOP=1 \
	    -f "$BATS_TEST_DIRNAME/../share/crm/pg/schema.sql" >/dev/null 2>&1
	pg "INSERT INTO crm_schema VALUES (8);
	    INSERT INTO customers (name, email, owner, created, updated) VALUES
	    ('Ada', 'ada@example.com', '$REP1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
	    ('Bea', 'bea@example.com', 'Bob B', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
	    CREATE TABLE crm_access (login text COLLATE \"C\" PRIMARY KEY,
	    level text COLLATE \"C\" NOT NULL CHECK (level IN ('rep', 'manager')),
	    owner text COLLATE \"C\" CHECK ((level = 'rep') = (owner IS NOT NULL)));
	    INSERT INTO crm_access VALUES ('$REP1', 'rep', '$REP1'),
	    ('$REP2', 'rep', 'Bob B'), ('$BOSS', 'manager', NULL);
	    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public
	    TO $REP1, $REP2, $BOSS" >/dev/null
	# The owner's crm opens it: migrated to today's version
	run --separate-stderr crm-segment -f name
	status_is 0
	eq "$(pg 'SELECT max(version) FROM crm_schema')" "$PG_SCHEMA"
	# the new tables are under row-level security, and each login has
	# its rights on them
	eq "$(pg "SELECT relname, relrowsecurity FROM pg_class WHERE relname IN
	    ('customers', 'fts_customers', 'fts_deals') ORDER BY 1")" \
	    $'customers|t\nfts_customers|t\nfts_deals|t'
	eq "$(pg "SELECT relrowsecurity FROM pg_class WHERE relname IN
	    ('cust_orders', 'cust_never')")" $'t\nt'
	eq "$(pg "SELECT has_table_privilege('$REP1', 'fts_customers', 'INSERT'),
	    has_table_privilege('$BOSS', 'fts_deals', 'SELECT'),
	    has_table_privilege('$REP2', 'stages', 'INSERT'),
	    has_table_privilege('$REP2', 'cust_orders', 'INSERT'),
	    has_table_privilege('$REP2', 'cust_never', 'INSERT')")" 't|t|f|t|t'
	# A rep searches and adds: their own customers only
	run --separate-stderr crm-segment -d "$ANN" --search example -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Ada
	run --separate-stderr crm-add -d "$ANN" -n Cid -e cid@example.com
	status_is 0
	run --separate-stderr crm-segment -d "$BOB" --search example -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Bea
	run --separate-stderr crm-segment -d "$MGR" -f name
	eq "$(echo "$output" | tail -n +2 | cut -f1 | paste -sd ' ')" "Ada Bea Cid"
	# no grant was made by anyone: no audit row says so
	eq "$(pg "SELECT count(*) FROM audit WHERE action = 'grant'")" 0
}

@test "rls: a load made with --defer-index: a rep's search catches up their own customers only, never answers without them" {
	fixture
	{ echo name,email,owner
	  echo Gus,gus@example.com,Bob B
	  echo "Ida,ida@example.com,$REP1"; } >c.csv
	crm-add --import --defer-index c.csv 2>/dev/null
	eq "$(pg "SELECT count(*) FROM fts_dirty")" 2
	# Ann sees Ida, not Gus: her search indexes Ida and finds her; Bob's
	# Gus waits for one who sees him
	run --separate-stderr crm-segment -d "$ANN" --search ida -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Ida
	eq "$(pg "SELECT count(*) FROM fts_dirty") $(pg "SELECT count(*) FROM fts_defer")" "1 1"
	run --separate-stderr crm-segment -d "$ANN" --search gus -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2)" ""
	# Ann's own import catches up her own customers, not Bob's Gus
	{ echo name,email
	  echo Hal,hal@example.com; } >h.csv
	run --separate-stderr crm-add -d "$ANN" --import h.csv
	status_is 0
	eq "$(pg "SELECT count(*) FROM fts_dirty") $(pg "SELECT count(*) FROM fts_defer")" "1 1"
	run --separate-stderr crm-segment -d "$ANN" --search hal -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Hal
	# Bob's search brings his Gus in
	run --separate-stderr crm-segment -d "$BOB" --search gus -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Gus
	# a manager sees every customer: nothing waits after theirs
	run --separate-stderr crm-segment -d "$MGR" --search gus -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1)" Gus
	eq "$(pg "SELECT count(*) FROM fts_dirty") $(pg "SELECT count(*) FROM fts_defer")" "0 0"
	eq "$(pg "SELECT count(*) FROM fts_customers f FULL JOIN
	    fts_customer_text t ON t.id = f.rowid WHERE f.body IS DISTINCT
	    FROM t.body")" 0
}

# left40: a rep read settings.erased_key beside the erased hashes, and
# could test any address against them offline.
@test "rls: the erased list's key is a manager's: a rep reads none, yet their import refuses an erased customer as before" {
	fixture
	crm-add --owner $REP1 -n Eva -e eva@example.fr -x E-9 >/dev/null
	crm-add --owner $REP1 -n Flo -e flo@example.fr >/dev/null
	crm-add -d "$MGR" --erase eva@example.fr --yes 2>/dev/null
	eq "$(pg "SELECT count(*) FROM settings WHERE key = 'erased_key'")" 1
	# The rep: no key, by crm or by hand; the list not changed.
	eq "$(psql "$ANN" -qAtX -c "SELECT count(*) FROM settings WHERE key = 'erased_key'")" 0
	eq "$(psql "$ANN" -qAtX -c "SELECT value FROM settings WHERE key = 'erased_key'")" ""
	run psql "$ANN" -qAtX -c "DELETE FROM erased"
	status_is 1
	has "$output" 'permission denied'
	run psql "$ANN" -qAtX -c "UPDATE settings SET value = 'x' WHERE key = 'erased_key'"
	status_is 1
	eq "$(pg "SELECT count(*) FROM erased")" 2
	# The manager reads it (an erase and --unerase need it).
	eq "$(psql "$MGR" -qAtX -c "SELECT count(*) FROM settings WHERE key = 'erased_key'")" 1
	# The server's hash is libsodium's (crypt.c): the rep's ask finds
	# the entries crm wrote.
	eq "$(psql "$ANN" -qAtX -c "SELECT crm_erased_at('email' || chr(31) || chr(31) || 'eva@example.fr') IS NOT NULL,
	    crm_erased_at('id' || chr(31) || chr(31) || 'E-9') IS NOT NULL,
	    crm_erased_at('email' || chr(31) || chr(31) || 'flo@example.fr') IS NULL")" 't|t|t'
	# A rep's import refuses her as before, and adds the others.
	printf 'Name,Email\nEva D,EVA@example.fr\nGus,gus@example.com\n' >in.csv
	run --separate-stderr crm-add -d "$ANN" --import in.csv
	status_is 0
	has "$stderr" "1 row skipped: a customer erased on request"
	eq "$(pg "SELECT count(*) FROM customers WHERE lower(email) = 'eva@example.fr'")" 0
	eq "$(pg "SELECT owner FROM customers WHERE email = 'gus@example.com'")" $REP1
	run --separate-stderr crm-add -d "$ANN" -n Eva -e eva@example.fr
	fails 65 "crm-add: 'eva@example.fr' was erased on request: to add it again, first crm-add --unerase eva@example.fr"
	run --separate-stderr crm-log -d "$ANN" E-9 call hello
	status_is 65
	has "$stderr" "'E-9' was erased on request ("
	# Lifting an erase is a manager's, as erasing is.
	run --separate-stderr crm-add -d "$ANN" --unerase eva@example.fr
	status_is 77
	has "$stderr" "a manager's"
	eq "$(pg "SELECT count(*) FROM erased")" 2
	crm-add -d "$MGR" --unerase eva@example.fr >/dev/null 2>&1
	eq "$(pg "SELECT count(*) FROM erased")" 1
}

# left40: a manager could rewrite an audit row's detail (UPDATE was
# granted for the erase's scrub).
@test "rls: an erase scrubs through crm_audit_blank and crm_audit_redact, which scrub an erased customer's values only" {
	fixture
	crm-add --owner $REP1 -n 'Eva Durand' -e eva@example.fr >/dev/null
	crm-add --owner $REP1 -n 'Eva Two' -e eva2@example.fr >/dev/null
	crm-add -d "$MGR" --merge eva@example.fr eva2@example.fr >/dev/null 2>&1 || crm-add --merge eva@example.fr eva2@example.fr >/dev/null
	crm-log -d "$ANN" eva@example.fr call hello >/dev/null
	crm-segment -d "$MGR" --search 'Durand' >/dev/null
	local eva
	eva=$(pg "SELECT id FROM customers WHERE email = 'eva@example.fr'")
	# Before any erase the functions refuse: she is not erased.
	run psql "$MGR" -qAtX -c "SELECT crm_audit_blank($eva, $eva)"
	status_is 1
	has "$output" 'is not erased'
	run psql "$MGR" -qAtX -c "SELECT crm_audit_redact($eva, 1, '[erased]')"
	status_is 1
	# A rep may not run them at all.
	run psql "$ANN" -qAtX -c "SELECT crm_audit_blank(1, 1)"
	status_is 1
	has "$output" 'permission denied'
	run psql "$ANN" -qAtX -c "SELECT crm_erased_customer(2)"
	status_is 1
	has "$output" 'permission denied'
	run --separate-stderr crm-add -d "$MGR" --erase eva@example.fr --yes
	status_is 0
	# Her rows (her former id's too) blanked, the search's redacted.
	eq "$(pg "SELECT count(*) FROM audit WHERE customer_id = $eva")" 0
	eq "$(pg "SELECT count(*) FROM audit WHERE detail LIKE '%Durand%' OR detail LIKE '%eva@%' OR detail LIKE '%eva2@%'")" 0
	eq "$(pg "SELECT count(*) FROM audit WHERE action = 'export' AND detail LIKE '%[erased]%'")" 1
	# Once she is erased, still only blanks and [erased]: not another
	# customer's rows, no text of one's own.
	local other
	other=$(pg "SELECT max(id) FROM audit WHERE customer_id = 1")
	run psql "$MGR" -qAtX -c "SELECT crm_audit_blank($eva, 1)"
	status_is 1
	has "$output" 'never merged into'
	run psql "$MGR" -qAtX -c "SELECT crm_audit_redact($eva, $other, 'anything')"
	status_is 1
	has "$output" 'append-only'
	run psql "$MGR" -qAtX -c "SELECT crm_audit_redact($eva, $other, '{\"x\":\"[erased]\"}')"
	status_is 1
	eq "$(pg "SELECT count(*) FROM audit WHERE id = $other AND detail IS NOT NULL")" 1
}

# left40: a rep could insert an audit row of any action.
@test "rls: a rep adds only the audit rows crm writes for a rep's own work, about their customers" {
	fixture
	local n
	n=$(pg "SELECT count(*) FROM audit")
	for action in erase unerase grant revoke settings stages copy undo 'forget undo' forged; do
		run psql "$ANN" -qAtX -c "INSERT INTO audit (at, actor, action) VALUES ('now', 'x', '$action')"
		status_is 1
	done
	# about another rep's customer (Bea, 2)
	run psql "$ANN" -qAtX -c "INSERT INTO audit (at, actor, action, customer_id) VALUES ('now', 'x', 'log', 2)"
	status_is 1
	has "$output" 'row-level security'
	eq "$(pg "SELECT count(*) FROM audit")" "$n"
	# Their own work is written as before, and the manager's rows stand.
	crm-log -d "$ANN" ada@example.com call hello >/dev/null
	crm-deal -d "$ANN" move 1 won >/dev/null
	crm-remind -d "$ANN" add ada@example.com --in 2d ring >/dev/null
	crm-segment -d "$ANN" >/dev/null
	run psql "$MGR" -qAtX -c "INSERT INTO audit (at, actor, action) VALUES ('now', 'x', 'settings')"
	status_is 0
	eq "$(pg "SELECT string_agg(actor || ':' || action, ' ' ORDER BY id) FROM audit WHERE id > (SELECT max(id) - 5 FROM audit)")" \
	    "$REP1:log $REP1:deal move $REP1:remind $REP1:export $BOSS:settings"
}

# Item of left40: before crm grant the actor was CRM_USER whoever logged
# in; since migration 21 a login not the owner is itself.
@test "rls: migration 21: a login not the owner is the audit actor without crm grant; a version 20 database is brought to 21" {
	crm-add -n Ada -e ada@example.com >/dev/null
	# The owner's rows keep CRM_USER.
	eq "$(pg "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")" tester
	# Another login given rights by hand, no crm grant.
	pg "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $REP2" >/dev/null
	CRM_USER=someone-else crm-log -d "$BOB" ada@example.com call hello >/dev/null
	eq "$(pg "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")" $REP2
	# A version 20 database (migration 21 taken back) is brought to 21
	# when opened: its trigger made, and the old rows as they were.
	pg "DROP TRIGGER crm_actor_login ON audit; DROP TRIGGER crm_actor_login ON deal_history;
	    DROP FUNCTION crm_actor_login(); DELETE FROM crm_schema WHERE version = 21;
	    INSERT INTO crm_schema VALUES (20)" >/dev/null
	eq "$(pg 'SELECT max(version) FROM crm_schema')" 20
	# (only the owner migrates: another login is refused the old one)
	run --separate-stderr crm-log -d "$BOB" ada@example.com call again
	status_is 77
	run --separate-stderr crm-segment -f name
	status_is 0
	eq "$(pg 'SELECT max(version) FROM crm_schema')" 21
	CRM_USER=someone-else crm-log -d "$BOB" ada@example.com call third >/dev/null
	eq "$(pg "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")" $REP2
	eq "$(pg "SELECT string_agg(actor, ' ' ORDER BY id) FROM audit WHERE action = 'log'")" "$REP2 $REP2"
	CRM_USER=me crm-log ada@example.com call owner >/dev/null
	eq "$(pg "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")" me
}
