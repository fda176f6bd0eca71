#!/usr/bin/env bats
# Every disclosure is in the audit trail (issue 15, part 5): a backup,
# the morning list as text, mail and iCalendar, a report split by a value
# that names people.  Each is one "export" row: who (actor), when (at),
# what, and how many rows and customers it told.

load helper

setup() {
	crm_setup
	crm-add -n 'Ann Lee' -e ann@example.org --owner alice >/dev/null
	crm-add -n 'Bob Roe' -e bob@example.org --owner bob >/dev/null
	crm-add -n 'Cy Poe' -e cy@example.org >/dev/null
	# Three items about two customers: Ann twice, Bob once.
	crm-remind add ann@example.org --due 2026-11-01 call back >/dev/null
	crm-remind add ann@example.org --due 2026-11-02 send offer >/dev/null
	crm-remind add bob@example.org --due 2026-11-03 visit >/dev/null
	crm-log ann@example.org purchase --amount 10 >/dev/null
	crm-log bob@example.org purchase --amount 5 >/dev/null
	sql "DELETE FROM audit WHERE action = 'export'"
}

# The export rows, one a line: actor, what, rows, customers.
exports() {
	sql "SELECT actor, detail ->> 'what', detail ->> 'rows',
	    coalesce(detail ->> 'customers', '-'), at FROM audit
	    WHERE action = 'export' ORDER BY id"
}

@test "the morning list, as text, iCalendar and mail, is audited with its customers" {
	run crm-remind
	status_is 0
	run crm-remind -o ics
	status_is 0
	has "$output" "BEGIN:VTODO"
	CRM_MAIL_TO=boss@example.org run crm-remind --mail
	status_is 0
	run exports
	eq "$output" "tester|crm-remind|3|2|2026-11-23T10:00:00Z
tester|crm-remind -o ics|3|2|2026-11-23T10:00:00Z
tester|crm-remind --mail|3|2|2026-11-23T10:00:00Z"
}

@test "mail counts only what went out" {
	# Only alice's items have an address: Ann's two, one customer.
	crm-remind owner alice alice@example.org
	sql "DELETE FROM audit WHERE action = 'export'"
	run crm-remind --mail
	status_is 1
	run exports
	eq "$output" "tester|crm-remind --mail|2|1|2026-11-23T10:00:00Z"
}

@test "an empty list discloses nothing and is not audited" {
	run crm-remind --until 2026-10-01
	status_is 0
	eq "$output" ""
	run exports
	eq "$output" ""
}

@test "a backup is an export of every customer, naming the file" {
	only_on sqlite "crm backup is SQLite's own (pg_dump on a server)"
	run crm backup "$BATS_TEST_TMPDIR/copy.db"
	status_is 0
	run exports
	eq "$output" "tester|backup to $BATS_TEST_TMPDIR/copy.db|3|3|2026-11-23T10:00:00Z"
	# The copy was taken before its export row was written.
	run sqlite3 "$BATS_TEST_TMPDIR/copy.db" \
	    "SELECT count(*) FROM audit WHERE action = 'export'"
	eq "$output" 0
}

@test "a report by e-mail or by an extra field is audited; by tier it is not" {
	crm-add -u ann@example.org -F vip=yes >/dev/null
	sql "DELETE FROM audit WHERE action = 'export'"
	run crm-report sales --group email
	status_is 0
	has "$output" "ann@example.org"
	run crm-report sales --group tier
	status_is 0
	run crm-report sales --group vip
	status_is 0
	run crm-report sales --matrix 'name,tier'
	status_is 0
	# Sales by e-mail: one period, two customers who bought: 2 rows.
	# By vip: Ann's "yes" and the others' empty value: 2 rows.
	run exports
	eq "$output" "tester|crm-report sales by email|2|-|2026-11-23T10:00:00Z
tester|crm-report sales by vip|2|-|2026-11-23T10:00:00Z
tester|crm-report sales by name|2|-|2026-11-23T10:00:00Z"
}
