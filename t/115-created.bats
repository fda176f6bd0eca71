#!/usr/bin/env bats
# Test plan: a customer's created comes from its data, not from the day
# of the import (issue 18, item 3; see crm-add(1) "Columns", crm-log(1)).
#   - the export's own creation column, by the names the systems write
#     (HubSpot Create Date, Zoho Created Time, WooCommerce date_created,
#     Mailchimp OPTIN_TIME, 创建时间, 作成日, 登録日時 ...), read with
#     --date-format; without one, created is now
#   - a re-import keeps the earliest created any file gave
#   - crm-log and crm-log --import move created back to the earliest
#     interaction, never forward (into an empty table and one with rows,
#     on either engine); the database unchanged on a refused import; the
#     move is undone with the log, every moved customer whole, after a
#     later change's undo, and with a trigger of one's own on created
#   - crm-add --update --created after the first interaction is refused
#     (65), so crm-segment's created and crm-report's base agree
# CRM_NOW=2026-11-23T10:00:00Z, TZ=UTC (t/helper.bash).

bats_require_minimum_version 1.5.0

load helper

created() {
	sql "SELECT group_concat(name || '=' || created, ' ') FROM (SELECT * FROM customers ORDER BY id) AS c"
}

@test "the export's creation column, whatever the system calls it" {
	local h
	for h in 'Create Date' 'Created Time' 'date_created' 'Created At' \
	    'OPTIN_TIME' '创建时间' '注册日期' '作成日' '登録日時'; do
		new_db
		printf 'Name,%s\nAnn,2025-03-04 09:30:00\n' "$h" >c.csv
		run --separate-stderr crm-add --import c.csv
		status_is 0
		eq "$(created)" "Ann=2025-03-04T09:30:00Z"
	done
	# Mailchimp: OPTIN_TIME is created, CONFIRM_TIME is kept beside it
	new_db
	printf 'Email Address,OPTIN_TIME,CONFIRM_TIME\nann@example.com,2025-03-04 09:30:00,2025-03-05 10:00:00\n' >mc.csv
	crm-add --import mc.csv 2>/dev/null
	eq "$(sql "SELECT created FROM customers")" 2025-03-04T09:30:00Z
	eq "$(sql "SELECT key || '=' || value FROM customer_fields")" "CONFIRM_TIME=2025-03-05 10:00:00"
	# no such column: the customer is one from now
	new_db
	printf 'Name,Email\nBob,bob@example.com\n' >n.csv
	crm-add --import n.csv 2>/dev/null
	eq "$(created)" "Bob=2026-11-23T10:00:00Z"
}

@test "a creation column with --date-format; a re-import keeps the earliest" {
	printf 'Name,Email,作成日\nAnn,ann@example.com,04.03.2025\nBob,bob@example.com,01.06.2025\n' >jp.csv
	crm-add --import jp.csv --date-format %d.%m.%Y 2>/dev/null
	eq "$(created)" "Ann=2025-03-04T00:00:00Z Bob=2025-06-01T00:00:00Z"
	# Another system knew Ann earlier, Bob later: Ann moves back, Bob
	# stays.
	printf 'Email,Created At\nann@example.com,2024-12-31T23:00:00Z\nbob@example.com,2025-07-01T00:00:00Z\n' >other.csv
	crm-add --import other.csv 2>/dev/null
	eq "$(created)" "Ann=2024-12-31T23:00:00Z Bob=2025-06-01T00:00:00Z"
}

@test "crm-log: an interaction before created moves it back, never forward" {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com --created 2025-01-01 >/dev/null
	eq "$(created)" "Ann=2026-11-23T10:00:00Z Bob=2025-01-01T00:00:00Z"
	crm-log --at 2025-11-05T12:00:00Z ann@example.com purchase --amount 10 >/dev/null
	crm-log --at 2025-02-01 bob@example.com call >/dev/null
	# Ann since her purchase; Bob's call is after his created: unchanged
	eq "$(created)" "Ann=2025-11-05T12:00:00Z Bob=2025-01-01T00:00:00Z"
	crm-log --at 2025-11-06 ann@example.com call >/dev/null
	crm-log ann@example.com call >/dev/null
	eq "$(created)" "Ann=2025-11-05T12:00:00Z Bob=2025-01-01T00:00:00Z"
	crm-log --at 2025-10-01 ann@example.com note >/dev/null
	eq "$(created)" "Ann=2025-10-01T00:00:00Z Bob=2025-01-01T00:00:00Z"
}

@test "crm-add --update --created after the first interaction: 65, unchanged; up to it is taken" {
	crm-add -n Ann -e ann@example.com --created 2025-01-01 >/dev/null
	crm-log --at 2025-06-01T08:00:00Z ann@example.com call >/dev/null
	before=$(dump)
	run --separate-stderr crm-add -u ann@example.com --created 2026-01-01
	fails 65 "crm-add: customer 1: created 2026-01-01T00:00:00Z is after their first interaction, 2025-06-01T08:00:00Z"
	eq "$(dump)" "$before"
	# crm-segment and crm-report count Ann from the same day
	eq "$(crm-segment -f id 'created < 2025-02-01' | tail -n +2)" 1
	run crm-add -u ann@example.com --created 2025-06-01T08:00:00Z
	status_is 0
	crm-add -u ann@example.com --created 2025-03-01 >/dev/null
	eq "$(created)" "Ann=2025-03-01T00:00:00Z"
	# an import never moves created forward (the earliest any file gave)
	printf 'Email,Created At\nann@example.com,2026-01-01\n' >late.csv
	crm-add --import late.csv 2>/dev/null
	eq "$(created)" "Ann=2025-03-01T00:00:00Z"
}

@test "crm-log --import: each customer since its earliest interaction; undone with the log" {
	only_on sqlite "undone with crm undo, SQLite's own"
	printf 'Name,Email\nAnn,ann@example.com\nBob,bob@example.com\nCy,cy@example.com\n' >c.csv
	crm-add --import c.csv 2>/dev/null
	# Ann: 2025-12-02 and 2025-11-03 (the earliest, not the first row);
	# Bob: 2026-12-01, after now and after created: unchanged; Cy none.
	printf '%s\n' 'email,at,kind,amount' \
	    'ann@example.com,2025-12-02T10:00:00Z,purchase,20.00' \
	    'bob@example.com,2026-12-01T00:00:00Z,call,' \
	    'ann@example.com,2025-11-03T09:00:00Z,purchase,10.00' >log.csv
	before=$(created)
	run --separate-stderr crm-log --import log.csv
	status_is 0
	eq "$(created)" "Ann=2025-11-03T09:00:00Z Bob=2026-11-23T10:00:00Z Cy=2026-11-23T10:00:00Z"
	# A refused import (a bad row, no --rejects) moves nothing
	printf '%s\n' 'email,at,kind' 'cy@example.com,2024-01-01T00:00:00Z,call' \
	    'cy@example.com,2024-01-02T00:00:00Z,nonsense' >bad.csv
	run --separate-stderr crm-log --import bad.csv
	fails 65 "crm-log: bad.csv:3: kind: 'nonsense' is not a kind (call email fax meeting visit web chat purchase return complaint inquiry feedback note invoice payment): --map 'kind=-' ignores the column, --kind then says it"
	eq "$(created)" "Ann=2025-11-03T09:00:00Z Bob=2026-11-23T10:00:00Z Cy=2026-11-23T10:00:00Z"
	# crm undo of the log import puts created back
	id=$(sql "SELECT id FROM audit WHERE action = 'log-import'")
	crm undo "$id" >/dev/null 2>&1
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	eq "$(created)" "$before"
}

@test "crm-log --import moves created back into an empty table and into one with rows, on either engine" {
	printf 'Name,Email\nAnn,ann@example.com\nBob,bob@example.com\nCy,cy@example.com\n' >c.csv
	crm-add --import c.csv 2>/dev/null
	printf '%s\n' 'email,at,kind' 'ann@example.com,2025-11-03T09:00:00Z,call' >one.csv
	run --separate-stderr crm-log --import one.csv
	status_is 0
	eq "$(created)" "Ann=2025-11-03T09:00:00Z Bob=2026-11-23T10:00:00Z Cy=2026-11-23T10:00:00Z"
	printf '%s\n' 'email,at,kind' 'cy@example.com,2025-07-01T00:00:00Z,call' \
	    'ann@example.com,2025-01-01T00:00:00Z,call' \
	    'bob@example.com,2026-12-01T00:00:00Z,call' >two.csv
	run --separate-stderr crm-log --import two.csv
	status_is 0
	eq "$(created)" "Ann=2025-01-01T00:00:00Z Bob=2026-11-23T10:00:00Z Cy=2025-07-01T00:00:00Z"
}

@test "crm-log --import into a table with rows: every customer it moved back comes back whole with crm undo, after a later change's undo" {
	only_on sqlite "undone with crm undo, SQLite's own"
	printf 'Name,Email,Phone\nAnn,ann@example.com,+1 206 555 0100\nBob,bob@example.com,\nCy,cy@example.com,\nDee,dee@example.com,\n' >c.csv
	crm-add --import c.csv 2>/dev/null
	printf '%s\n' 'email,at,kind' 'ann@example.com,2025-11-03T09:00:00Z,call' >one.csv
	crm-log --import one.csv 2>/dev/null
	customers() { sql "SELECT * FROM customers ORDER BY id"; }
	before=$(customers)
	# Into a table with rows: Ann earlier still, Bob and Dee (the last
	# customer) moved back, Cy's after now: left.
	printf '%s\n' 'email,at,kind,amount' \
	    'dee@example.com,2025-07-01T00:00:00Z,purchase,5.00' \
	    'cy@example.com,2026-12-01T00:00:00Z,call,' \
	    'bob@example.com,2025-06-01T00:00:00Z,call,' \
	    'ann@example.com,2025-01-01T00:00:00Z,call,' >two.csv
	run --separate-stderr crm-log --import two.csv
	status_is 0
	eq "$(created)" "Ann=2025-01-01T00:00:00Z Bob=2025-06-01T00:00:00Z Cy=2026-11-23T10:00:00Z Dee=2025-07-01T00:00:00Z"
	# one image a customer moved, as the trigger writes them
	eq "$(sql "SELECT group_concat(undo_rid || ':' || created, ' ') FROM (SELECT * FROM undo_customers WHERE undo_change = (SELECT max(undo_change) FROM undo_customers) ORDER BY undo_seq)")" \
	    "1:2025-11-03T09:00:00Z 2:2026-11-23T10:00:00Z 4:2026-11-23T10:00:00Z"
	# a later change records its own image after them
	run --separate-stderr crm-add -u bob@example.com -T gold
	status_is 0
	run --separate-stderr crm undo
	status_is 0
	run --separate-stderr crm undo
	status_is 0
	eq "$(customers)" "$before"
	eq "$(sql 'SELECT count(*) FROM interactions')" 1
	run --separate-stderr crm check
	status_is 0
}

@test "crm-log --import: a trigger of one's own on customers' created still fires when created moves back, and undo takes back what it wrote too" {
	only_on sqlite "a trigger made with the sqlite3 shell"
	printf 'Name,Email\nAnn,ann@example.com\nBob,bob@example.com\n' >c.csv
	crm-add --import c.csv 2>/dev/null
	sql "CREATE TRIGGER moved_au AFTER UPDATE OF created ON customers BEGIN INSERT INTO customer_fields VALUES (new.id, 'was', old.created); END"
	rows() { sql "SELECT * FROM customers ORDER BY id" "SELECT * FROM customer_fields"; }
	before=$(rows)
	printf '%s\n' 'email,at,kind' 'bob@example.com,2025-06-01T00:00:00Z,call' \
	    'ann@example.com,2025-01-01T00:00:00Z,call' >log.csv
	run --separate-stderr crm-log --import log.csv
	status_is 0
	eq "$(created)" "Ann=2025-01-01T00:00:00Z Bob=2025-06-01T00:00:00Z"
	eq "$(sql "SELECT group_concat(customer_id || ':' || value, ' ') FROM customer_fields WHERE key = 'was'")" \
	    "1:2026-11-23T10:00:00Z 2:2026-11-23T10:00:00Z"
	# (undo's own updates would fire it again)
	sql "DROP TRIGGER moved_au"
	run --separate-stderr crm undo
	status_is 0
	eq "$(rows)" "$before"
}

@test "WooCommerce Analytics' Sign Up, WordPress's user_registered, Klaviyo's Profile Created On are created; an unread column of dates is said with its --map (qa13 #12)" {
	# the header as WooCommerce Analytics > Customers downloads it
	printf '%s\n' 'Name,Username,Last Active,Sign Up,Email,Orders,Total Spend,AOV,Country / Region,City,Region,Postal Code' \
	    'Ann Lee,annlee,2024-03-05,2023-01-10,ann@example.com,3,"$1,234.50",$411.50,United Kingdom,London,,EC1A 1AA' \
	    'Bob Martin,,2024-03-07,,bob@example.com,1,$25.00,$25.00,United States,Austin,TX,02134' >wc.csv
	run --separate-stderr crm-add --import wc.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(created)" "Ann Lee=2023-01-10T00:00:00Z Bob Martin=2026-11-23T10:00:00Z"
	local h
	for h in user_registered 'Profile Created On'; do
		new_db
		printf 'Email,%s\nann@example.com,2023-01-10 10:00:00\n' "$h" >c.csv
		crm-add --import c.csv 2>/dev/null
		eq "$(sql "SELECT created FROM customers")" 2023-01-10T10:00:00Z
	done
	# a header no alias knows, all dates: said with the --map that reads
	# it; Last Login names another time, Note holds a word: not said
	new_db
	printf 'Email,Registered,Last Login,Note\nann@example.com,2023-01-10 10:00:00,2024-01-01,x\nbob@example.com,,2024-01-02,2024-01-01\n' >r.csv
	run --separate-stderr crm-add --import r.csv
	status_is 0
	local undo="crm undo, then "
	[[ $CRM_TEST_ENGINE == pg ]] && undo=
	eq "$stderr" "crm-add: r.csv: Registered: every value is a date, but the customers added were created now (no created column): if it is when they began, ${undo}say --map 'Registered=created'
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(created)" "=2026-11-23T10:00:00Z =2026-11-23T10:00:00Z"
	# qa14 F20: a date of birth says nothing of when they began: not said
	local h
	for h in DOB D.O.B. 'Date of Birth' Geburtsdatum 'Date de naissance'; do
		new_db
		printf 'Email,%s\nann@example.com,1990-01-10\nbob@example.com,1985-02-11\n' "$h" >b.csv
		run --separate-stderr crm-add --import b.csv
		status_is 0
		eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	done
	eq "$(sql "SELECT count(*) FROM customers WHERE created = '$CRM_NOW'")" 2
	# as it says
	new_db
	crm-add --import --map 'Registered=created' r.csv 2>/dev/null
	eq "$(sql "SELECT email || ' ' || created FROM customers ORDER BY id")" \
	    "ann@example.com 2023-01-10T10:00:00Z
bob@example.com 2026-11-23T10:00:00Z"
}
