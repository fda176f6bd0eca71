#!/usr/bin/env bats
# Test plan: crm-remind, follow-ups (see man/crm-remind.1).
#   - --help (stdout, 0), --version; a bad option, an unknown command,
#     list with operands, a bad -o or -f: 64 with the usage or message;
#     readers (list, rule list, sla) never make a database (66)
#   - add: by id or e-mail, --due or --in, --every, --owner (default
#     CRM_USER), the note words joined; the id on stdout; every column
#     checked with sqlite3; bad --due/--in/--every, an unknown customer,
#     --due with --in: the status, the message, the database unchanged
#   - add -: crm-segment | crm-remind add -, one reminder per record, ids
#     printed after the commit; an unknown customer names its line, adds
#     nothing and prints no ids; no key column; a header alone
#   - list: the exact columns; what is due or overdue now, --until, --all,
#     --owner; done reminders never; quiet (no header, exit 0) in tsv,
#     csv, json, table, ics and --mail when nothing is due
#   - done: a one-off is done; a recurring one moves to its first date
#     after now (no pile-up: 2026-10-01 every 2w -> 2026-11-26), calendar
#     months for m and y; a second done is refused (65) and changes
#     nothing; --log KIND logs the interaction in the same transaction
#   - snooze by duration or date, rm; their errors
#   - rules: rule add/list/rm; items due at last contact + DUR, or when
#     the rule was made for customers never contacted; owned by the
#     customer's owner, else the rule's (t/415); a new interaction clears the
#     item; done rule:R:C logs a note (or --log KIND)
#   - complaints: open ones past the SLA (24h, the sla setting, --sla)
#     are due, owned by the complaint's owner; done complaint:N resolves
#   - --mail: one RFC 5322 message per owner in an mbox stream (From_
#     lines, >From quoting), To: the owner or --to/$CRM_MAIL_TO, 64 when
#     neither; --owner O: one message without the From_ line
#   - -o ics --all: every source's item (complaint, deal, invoice,
#     reminder, rule) keeps its note in SUMMARY
#   - -o ics: VCALENDAR/VTODO, stable UIDs, DUE, RRULE, CRLF, folding at
#     75 octets never inside a UTF-8 character, TEXT escaping (python3)
#   - the audit trail of every write
#   - known bugs are tests of the right behaviour, skipped "BUG: ..."

bats_require_minimum_version 1.5.0

load helper

USAGE1="usage: crm-remind [list] [-d db] [--until when] [--owner owner] [--all]"
HEADER=$'id\tdue\toverdue_days\tcustomer\tname\tcompany\tphone\temail\towner\tnote\tsource\tevery'

# Four customers (t/data/remind-customers.csv):
#   1 Ann Lee, Acme, ann@example.com, +1 555 0100, gold, alice@example.com
#   2 Bob Ray, bob@example.com, silver, owner bob
#   3 Cy Ng, Cyco, +1 555 0102, gold, no owner, no e-mail
#   4 Di Roe, Dico, di@example.com, gold, dave@example.com
customers() {
	crm-add --import "$DATA/remind-customers.csv" 2>/dev/null >&2
}

# The customers and their history (t/data/remind-log.csv): Ann called
# 2026-10-01T09:00, Di 2026-11-20T09:00, and complaint 3 of Bob's, open
# since 2026-11-21T00:00, owned by bob@example.com.
scene() {
	customers
	crm-log --import "$DATA/remind-log.csv" 2>/dev/null >&2
}

# Row counts of what crm-remind writes, and the whole database, to show a
# failure changed nothing.
snap() {
	sql "SELECT (SELECT count(*) FROM reminders),
	    (SELECT count(*) FROM rules), (SELECT count(*) FROM interactions),
	    (SELECT count(*) FROM interactions WHERE resolved IS NOT NULL),
	    (SELECT count(*) FROM settings), (SELECT count(*) FROM audit)"
	dump
}

# One reminder, every column, '|'-separated, NULL shown.
rem() {
	sql "SELECT id, customer_id, due, quote(every), note, quote(owner),
	    quote(done), created FROM reminders WHERE id = $1"
}

# The audit rows crm-remind wrote: action|customer|detail, in order.
remind_audit() {
	sql "SELECT action, quote(customer_id), detail FROM audit
	    WHERE action NOT IN ('add', 'import', 'log-import', 'remind-import') ORDER BY id"
}

# Mail with the host name made constant.
mail_norm() {
	sed 's/crm@[^ >]*/crm@HOST/g'
}

# ics_lines FILE: check the physical lines of an iCalendar file (CRLF
# only, at most 75 octets, each valid UTF-8, folded lines start with a
# space), then print the unfolded content lines.
ics_lines() {
	python3 - "$1" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
assert data.endswith(b'\r\n'), 'does not end in CRLF'
phys = data[:-2].split(b'\r\n')
for i, line in enumerate(phys):
    assert b'\n' not in line and b'\r' not in line, 'bare LF or CR: %r' % line
    assert len(line) <= 75, 'line %d has %d octets' % (i + 1, len(line))
    line.decode('utf-8')     # raises when folded inside a character
unfolded = data.replace(b'\r\n ', b'').decode('utf-8')
assert unfolded.endswith('\r\n')
sys.stdout.write(unfolded[:-2].replace('\r\n', '\n') + '\n')
EOF
}

# --- the command line --------------------------------------------------

@test "--help prints the usage on stdout and exits 0; --version" {
	run --separate-stderr crm-remind --help
	status_is 0
	eq "$stderr" ""
	eq "${lines[0]}" "$USAGE1"
	has "$output" "crm-remind rule add expression --every dur [--owner owner] note ..."
	has "$output" "crm-remind sla [dur]"
	run --separate-stderr crm-remind --version
	status_is 0
	[[ "$output" =~ ^crm-remind\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "a bad option, command, operand or format exits 64 with the usage, no database made" {
	run --separate-stderr crm-remind --bogus
	fails_usage 64 "crm-remind: unrecognized option '--bogus'"
	run --separate-stderr crm-remind frob
	fails_usage 64 "crm-remind: unknown or incomplete command 'frob'"
	run --separate-stderr crm-remind list extra
	fails_usage 64 "crm-remind: list takes no arguments: 'extra'"
	run --separate-stderr crm-remind -o xml
	fails_usage 64 "crm-remind: -o: unknown format 'xml' (tsv, csv, json, table, ics)"
	run --separate-stderr crm-remind rm
	fails_usage 64 "crm-remind: unknown or incomplete command 'rm'"
	run --separate-stderr crm-remind done
	fails_usage 64 "crm-remind: unknown or incomplete command 'done'"
	no_db
}

@test "readers never make a database: list, rule list and sla exit 66" {
	run --separate-stderr crm-remind
	fails 66 "crm-remind: $CRM_DB: no database yet (crm-add creates it)"
	run --separate-stderr crm-remind rule list
	fails 66 "crm-remind: $CRM_DB: no database yet (crm-add creates it)"
	run --separate-stderr crm-remind sla
	fails 66 "crm-remind: $CRM_DB: no database yet (crm-add creates it)"
	run --separate-stderr crm-remind --mail -o ics
	fails 66 "crm-remind: $CRM_DB: no database yet (crm-add creates it)"
	no_db
}

@test "usage errors of the writing commands make no database" {
	run --separate-stderr crm-remind add 1 note
	fails_usage 64 "crm-remind: add needs one of --due and --in"
	run --separate-stderr crm-remind rule add 'tier = gold' note
	fails_usage 64 "crm-remind: rule add needs --every"
	run --separate-stderr crm-remind snooze 1
	fails_usage 64 "crm-remind: snooze takes an id and a duration or date"
	no_db
}

# --- add ---------------------------------------------------------------

@test "add with --due: the id on stdout, every column stored, owner the customer's" {
	customers
	run --separate-stderr crm-remind add ann@example.com --due 2026-12-01 Call about the renewal
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	eq "$(rem 1)" "1|1|2026-12-01T00:00:00Z|NULL|Call about the renewal|'alice@example.com'|NULL|2026-11-23T10:00:00Z"
	eq "$(remind_audit)" 'remind|1|{"reminder":1,"due":"2026-12-01T00:00:00Z"}'
}

@test "add with --in, --every and --owner; --due takes words and times with zones" {
	customers
	run --separate-stderr crm-remind add 2 --in 3d --every 2w --owner bob@example.com "Send offer"
	status_is 0
	eq "$output" 1
	eq "$(rem 1)" "1|2|2026-11-26T10:00:00Z|'2w'|Send offer|'bob@example.com'|NULL|2026-11-23T10:00:00Z"
	crm-remind add 3 --due tomorrow x >/dev/null
	crm-remind add 3 --due 2026-12-01T09:30:00+01:00 y >/dev/null
	eq "$(sql 'SELECT due FROM reminders WHERE id > 1 ORDER BY id')" \
	    $'2026-11-24T00:00:00Z\n2026-12-01T08:30:00Z'
}

@test "add: bad values and an unknown customer change nothing" {
	customers
	before=$(snap)
	run --separate-stderr crm-remind add 99 --in 3d x
	fails 65 "crm-remind: no customer '99'"
	run --separate-stderr crm-remind add 1 --due garbage x
	fails_usage 64 "crm-remind: --due: 'garbage' is not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; today, tomorrow, yesterday, +3d, -2w)"
	run --separate-stderr crm-remind add 1 --in 3x x
	fails_usage 64 "crm-remind: --in: '3x' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind add 1 --in 0d x
	fails_usage 64 "crm-remind: --in: '0d' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind add 1 --due 2026-12-01 --every fortnight x
	fails_usage 64 "crm-remind: --every: 'fortnight' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind add 1 --in 3d --due 2026-12-01 x
	fails_usage 64 "crm-remind: add needs one of --due and --in"
	run --separate-stderr crm-remind add 1 x
	fails_usage 64 "crm-remind: add needs one of --due and --in"
	run --separate-stderr crm-remind add 1 --in 3d
	fails_usage 64 "crm-remind: add needs a customer and a note"
	eq "$(snap)" "$before"
}

@test "add -: one reminder per customer of a crm-segment stream, one transaction" {
	customers
	# (through a file: see the next test for the pipe)
	crm-segment 'tier = gold' -f id >gold.tsv
	run --separate-stderr crm-remind add - --in 3d 'Call about the new catalogue' <gold.tsv
	status_is 0
	eq "$output" $'1\n2\n3'
	eq "$stderr" "3 reminders added"
	eq "$(sql "SELECT id, customer_id, due, note, owner FROM reminders")" \
	    "1|1|2026-11-26T10:00:00Z|Call about the new catalogue|alice@example.com
2|3|2026-11-26T10:00:00Z|Call about the new catalogue|tester
3|4|2026-11-26T10:00:00Z|Call about the new catalogue|dave@example.com"
	eq "$(sql "SELECT group_concat(customer_id) FROM audit WHERE action = 'remind'")" 1,3,4
}

@test "crm-segment | crm-remind add -: no lock wait, the export audited" {
	customers
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		run --separate-stderr bash -c "crm-segment 'tier = gold' -f id |
		    CRM_BUSY_TIMEOUT=2000 crm-remind add - --in 3d x"
		status_is 0
		eq "$stderr" "3 reminders added"
	done
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'export'")" 20
}

@test "add -: an unknown customer names its line, adds nothing and prints no ids" {
	customers
	before=$(snap)
	run --separate-stderr crm-remind add - --in 3d x <"$DATA/remind-stream-bad.csv"
	fails 65 "crm-remind: stdin:3: email: no customer 'nobody@example.com'"
	printf 'name\nAnn Lee\n' >names.csv
	run --separate-stderr crm-remind add - --in 3d x <names.csv
	fails 65 "crm-remind: stdin:1: no customer column (id, external_id, email or customer)"
	eq "$(snap)" "$before"
	printf 'id\n' >empty.csv
	run --separate-stderr crm-remind add - --in 3d x <empty.csv
	status_is 0
	eq "$output" ""
	eq "$stderr" "0 reminders added"
}

@test "add -: an empty stream (crm-segment of nobody, a morning nothing is due) adds nothing, exit 0" {
	customers
	before=$(snap)
	run --separate-stderr bash -c "set -o pipefail; printf '' | crm-remind add - --in 3d x"
	status_is 0
	eq "$output" ""
	eq "$stderr" "0 reminders added"
	eq "$(snap)" "$before"
}

# --- the list ------------------------------------------------------------

@test "nothing due prints nothing in every format, exit 0" {
	customers
	crm-remind add 1 --in 3d later >/dev/null
	for args in "" "list" "-o tsv" "-o csv" "-o json" "-o table" "-o ics" \
	    "-f id,due" "--mail" "--mail --owner tester" "--all --owner nobody"; do
		run --separate-stderr crm-remind $args
		status_is 0
		eq "$output" ""
		eq "$stderr" ""
	done
}

@test "the list: exact columns for a reminder, a rule's item and a complaint, in due order" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	crm-remind add 4 --due 2026-11-01 --every 2w Quarterly review >/dev/null
	run --separate-stderr crm-remind
	status_is 0
	eq "$stderr" ""
	eq "$output" "$HEADER
rule:1:1	2026-10-31T09:00:00Z	23	1	Ann Lee	Acme	+1 555 0100	ann@example.com	alice@example.com	Gold call	rule	30d
1	2026-11-01T00:00:00Z	22	4	Di Roe	Dico		di@example.com	dave@example.com	Quarterly review	reminder	2w
complaint:3	2026-11-22T00:00:00Z	1	2	Bob Ray			bob@example.com	bob	Complaint: Lid cracked	complaint	
rule:1:3	2026-11-23T10:00:00Z	0	3	Cy Ng	Cyco	+1 555 0102			Gold call	rule	30d"
	eq "$(crm-remind list)" "$(crm-remind)"
}

@test "the list as JSON: numbers, strings and null" {
	customers
	crm-remind add 2 --due 2026-11-20 Send offer >/dev/null
	run --separate-stderr crm-remind -o json
	status_is 0
	eq "$output" '{"id":"1","due":"2026-11-20T00:00:00Z","overdue_days":3,"customer":2,"name":"Bob Ray","company":null,"phone":null,"email":"bob@example.com","owner":"bob","note":"Send offer","source":"reminder","every":null}'
}

@test "--until looks ahead, --all shows future ones, --owner narrows, done ones never" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	crm-remind add 2 --in 3d --owner bob@example.com Send offer >/dev/null
	crm-remind add 1 --due 2026-11-01 Done already >/dev/null
	crm-remind done 2 >/dev/null
	eq "$(crm-remind -f id | tail -n +2 | paste -sd ' ')" "rule:1:1 complaint:3 rule:1:3"
	eq "$(crm-remind --until 2026-11-27 -f id | tail -n +2 | paste -sd ' ')" \
	    "rule:1:1 complaint:3 rule:1:3 1"
	eq "$(crm-remind --all -f id,due | tail -n +2 | paste -sd ' ')" \
	    "rule:1:1	2026-10-31T09:00:00Z complaint:3	2026-11-22T00:00:00Z rule:1:3	2026-11-23T10:00:00Z 1	2026-11-26T10:00:00Z rule:1:4	2026-12-20T09:00:00Z"
	eq "$(crm-remind --owner alice@example.com -f id)" $'id\nrule:1:1'
	eq "$(crm-remind --all --owner bob@example.com -f id,owner)" \
	    $'id\towner\n1\tbob@example.com'
	# the complaint is Bob Ray's owner's, bob, not its logger's
	eq "$(crm-remind --all --owner bob -f id,owner)" \
	    $'id\towner\ncomplaint:3\tbob'
}

@test "list errors: -f, --until" {
	customers
	run --separate-stderr crm-remind -f id,bogus
	fails 64 "crm-remind: -f: unknown field 'bogus' (fields: id, due, overdue_days, customer, name, company, phone, email, owner, note, source, every)"
	run --separate-stderr crm-remind --until garbage
	fails_usage 64 "crm-remind: --until: 'garbage' is not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; today, tomorrow, yesterday, +3d, -2w)"
	run --separate-stderr crm-remind --mail --to not-an-address
	fails 64 "crm-remind: --to: 'not-an-address' is not a mail address"
}

@test "a bad CRM_MAIL_TO does not stop a plain list" {
	customers
	crm-remind add 1 --due 2026-11-01 x >/dev/null
	CRM_MAIL_TO=bogus run --separate-stderr crm-remind -f id
	status_is 0
	eq "$output" $'id\n1'
}

# --- done, snooze, rm ----------------------------------------------------

@test "done: a one-off due reminder is done, listed no more" {
	customers
	crm-remind add 1 --due 2026-11-20 Call >/dev/null
	run --separate-stderr crm-remind done 1
	status_is 0
	eq "$output" ""
	eq "$stderr" ""
	eq "$(rem 1)" "1|1|2026-11-20T00:00:00Z|NULL|Call|'alice@example.com'|'2026-11-23T10:00:00Z'|2026-11-23T10:00:00Z"
	eq "$(crm-remind --all)" ""
	before=$(snap)
	run --separate-stderr crm-remind done 1
	fails 65 "crm-remind: reminder 1 was already done at 2026-11-23T10:00:00Z"
	eq "$(snap)" "$before"
}

@test "done: a recurring reminder moves to its next date after now, no pile-up; a second done is refused" {
	customers
	crm-remind add 1 --due 2026-10-01 --every 2w Fortnightly call >/dev/null
	run --separate-stderr crm-remind done 1
	status_is 0
	eq "$output" ""
	eq "$stderr" "next due 2026-11-26T00:00:00Z"
	eq "$(rem 1)" "1|1|2026-11-26T00:00:00Z|'2w'|Fortnightly call|'alice@example.com'|NULL|2026-11-23T10:00:00Z"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'remind-done'")" \
	    '{"reminder":1,"next":"2026-11-26T00:00:00Z"}'
	eq "$(crm-remind)" ""
	before=$(snap)
	run --separate-stderr crm-remind done 1
	fails 65 "crm-remind: reminder 1 is not due until 2026-11-26T00:00:00Z: nothing done (snooze or rm it instead)"
	run --separate-stderr crm-remind done 1 --log call Again
	fails 65 "crm-remind: reminder 1 is not due until 2026-11-26T00:00:00Z: nothing done (snooze or rm it instead)"
	eq "$(snap)" "$before"
}

@test "done: months and years are calendar months, clamped to the month's end; due now moves on" {
	customers
	crm-remind add 1 --due 2026-01-31 --every 1m Monthly >/dev/null
	crm-remind add 1 --due 2024-02-29 --every 1y Yearly >/dev/null
	crm-remind add 1 --due 2026-11-23T10:00:00Z --every 24h Daily >/dev/null
	crm-remind add 1 --due 2026-08-23 --every 3m Quarterly >/dev/null
	for id in 1 2 3 4; do
		crm-remind done $id 2>/dev/null
	done
	eq "$(sql 'SELECT due FROM reminders ORDER BY id')" \
	    $'2026-11-30T00:00:00Z\n2027-02-28T00:00:00Z\n2026-11-24T10:00:00Z\n2027-02-23T00:00:00Z'
}

@test "done: a monthly reminder on the 31st stays on the month's last day" {
	customers
	CRM_NOW=2026-02-10T00:00:00Z crm-remind add 1 --due 2026-01-31 --every 1m Monthly >/dev/null
	CRM_NOW=2026-02-10T00:00:00Z crm-remind done 1 2>/dev/null
	eq "$(sql 'SELECT due FROM reminders')" 2026-02-28T00:00:00Z
	CRM_NOW=2026-03-05T00:00:00Z crm-remind done 1 2>/dev/null
	eq "$(sql 'SELECT due FROM reminders')" 2026-03-31T00:00:00Z
}

@test "done: months and years step in the local calendar (TZ), keeping the day and the wall-clock time across DST; -o ics says so" {
	customers
	export TZ=Europe/Berlin
	crm-remind add 1 --due 2027-03-01 --every 1m 'First of month' >/dev/null
	crm-remind add 1 --due 2027-01-31T09:00 --every 1y Yearly >/dev/null
	eq "$(sql 'SELECT due FROM reminders ORDER BY id')" \
	    $'2027-02-28T23:00:00Z\n2027-01-31T08:00:00Z'
	# 1 April 00:00 in Berlin (summer time): 31 March 22:00 UTC
	CRM_NOW=2027-03-01T12:00:00Z crm-remind done 1 2>/dev/null
	# 31 January 2028 09:00 in Berlin (winter time again)
	CRM_NOW=2027-03-01T12:00:00Z crm-remind done 2 2>/dev/null
	eq "$(sql 'SELECT due FROM reminders ORDER BY id')" \
	    $'2027-03-31T22:00:00Z\n2028-01-31T08:00:00Z'
	# The calendar expands the RRULE in DTSTART's zone: local (floating)
	# time, as the steps are, not UTC, where the 1st is the 31st 22:00.
	CRM_NOW=2027-04-01T12:00:00Z crm-remind -o ics >a.ics
	eq "$(ics_lines a.ics | grep -E '^(DUE|DTSTART|RRULE)' | paste -sd ' ')" \
	    "DUE:20270401T000000 DTSTART:20270401T000000 RRULE:FREQ=MONTHLY;INTERVAL=1"
}

@test "--in, snooze and a cadence rule step in the local calendar (TZ) too, as done does" {
	export TZ=Europe/Berlin
	crm-add -n Ann -e ann@example.com -T gold >/dev/null
	# 15 March 09:00 in Berlin (winter time) plus a month is 15 April
	# 09:00 (summer time): 07:00 UTC, not 08:00
	CRM_NOW=2027-03-15T08:00:00Z crm-remind add 1 --in 1m Call >/dev/null
	# 25 March 09:00 plus a week, across the change: 1 April 09:00
	CRM_NOW=2027-03-25T08:00:00Z crm-remind add 1 --in 1w Mail >/dev/null
	eq "$(sql 'SELECT due FROM reminders ORDER BY id')" \
	    $'2027-04-15T07:00:00Z\n2027-04-01T07:00:00Z'
	CRM_NOW=2027-03-25T08:00:00Z crm-remind snooze 2 1m >/dev/null
	eq "$(sql 'SELECT due FROM reminders WHERE id = 2')" 2027-04-25T07:00:00Z
	# A monthly cadence from the last contact, 1 March 00:30 in Berlin
	# (28 February 23:30 UTC): due 1 April 00:30 there, 31 March 22:30
	# UTC (in UTC's calendar it would be 28 March 23:30)
	crm-remind rule add 'tier = gold' --every 1m Monthly call >/dev/null
	crm-log --at 2027-02-28T23:30:00Z 1 call >/dev/null
	eq "$(CRM_NOW=2027-03-29T12:00:00Z crm-remind --all -f id,due | grep rule:)" \
	    $'rule:1:1\t2027-03-31T22:30:00Z'
	# not due on 29 March, due on 1 April
	eq "$(CRM_NOW=2027-03-29T12:00:00Z crm-remind -f id | grep -c rule:)" 0
	eq "$(CRM_NOW=2027-04-01T06:00:00Z crm-remind -f id | grep -c rule:)" 1
}

@test "-o ics --all: every item's note is its SUMMARY, whatever its source" {
	crm-add -n Ann -e ann@example.com -T gold >/dev/null
	crm-log 1 complaint Broken lid >/dev/null
	crm-log 1 invoice --amount 100 --ref INV1 >/dev/null
	crm-deal add 1 Big order --close 2027-06-01 >/dev/null
	crm-remind add 1 --due 2027-01-20 Call back >/dev/null
	crm-remind rule add 'tier = gold' --every 3m Quarterly call >/dev/null
	crm-remind --all -o ics >all.ics
	eq "$(ics_lines all.ics | grep '^SUMMARY')" \
"SUMMARY:Ann: Complaint: Broken lid
SUMMARY:Ann: Deal 'Big order' (lead\\, 0.00): no activity since 2026-11-23
SUMMARY:Ann: Invoice INV1: 100.00 open
SUMMARY:Ann: Call back
SUMMARY:Ann: Quarterly call"
}

@test "done --log KIND SUMMARY logs the interaction in the same transaction" {
	customers
	crm-remind add 2 --due 2026-11-20 Call >/dev/null
	run --separate-stderr crm-remind done 1 --log call Talked about the offer
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT customer_id, at, kind, channel, summary, owner FROM interactions')" \
	    "2|2026-11-23T10:00:00Z|call|phone|Talked about the offer|tester"
	eq "$(sql 'SELECT done FROM reminders')" 2026-11-23T10:00:00Z
	eq "$(remind_audit | cut -d'|' -f1 | paste -sd ' ')" "remind remind-done log"
}

@test "done: bad ids and kinds change nothing" {
	customers
	crm-remind add 1 --due 2026-11-20 Call >/dev/null
	before=$(snap)
	run --separate-stderr crm-remind done 1 --log bogus
	fails 64 "crm-remind: --log: unknown kind 'bogus' (call email fax meeting visit web chat purchase return complaint inquiry feedback note invoice payment)"
	run --separate-stderr crm-remind done 99 --log call
	fails 65 "crm-remind: no reminder 99"
	run --separate-stderr crm-remind done x
	fails 64 "crm-remind: 'x' is not a reminder id"
	eq "$(snap)" "$before"
}

@test "done: a one-off reminder can be done before it is due" {
	customers
	crm-remind add 1 --in 3d Send the offer >/dev/null
	run --separate-stderr crm-remind done 1
	status_is 0
	eq "$(sql 'SELECT done FROM reminders')" 2026-11-23T10:00:00Z
}

@test "snooze moves a recurring reminder's series: it goes on from the new date" {
	customers
	CRM_NOW=2026-10-01T00:00:00Z crm-remind add 1 --due 2026-10-01 --every 1m Monthly >/dev/null
	CRM_NOW=2026-11-01T00:00:00Z crm-remind snooze 1 2026-12-05 >/dev/null
	CRM_NOW=2026-12-06T00:00:00Z crm-remind done 1 2>/dev/null
	eq "$(sql 'SELECT due FROM reminders')" 2027-01-05T00:00:00Z
	CRM_NOW=2027-01-06T00:00:00Z crm-remind done 1 2>/dev/null
	eq "$(sql 'SELECT due FROM reminders')" 2027-02-05T00:00:00Z
}

@test "snooze by a duration or to a date; its errors change nothing" {
	customers
	crm-remind add 1 --due 2026-11-20 Call >/dev/null
	run --separate-stderr crm-remind snooze 1 1w
	status_is 0
	eq "$output" ""
	eq "$stderr" "due 2026-11-30T10:00:00Z"
	run --separate-stderr crm-remind snooze 1 2026-12-24
	status_is 0
	eq "$stderr" "due 2026-12-24T00:00:00Z"
	eq "$(rem 1)" "1|1|2026-12-24T00:00:00Z|NULL|Call|'alice@example.com'|NULL|2026-11-23T10:00:00Z"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'remind-snooze' ORDER BY id")" \
	    $'{"reminder":1,"due":"2026-11-30T10:00:00Z"}\n{"reminder":1,"due":"2026-12-24T00:00:00Z"}'
	crm-remind add 1 --due 2026-11-20 Other >/dev/null
	crm-remind done 2
	before=$(snap)
	run --separate-stderr crm-remind snooze 1 garbage
	fails_usage 64 "crm-remind: snooze: 'garbage' is not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; today, tomorrow, yesterday, +3d, -2w)"
	run --separate-stderr crm-remind snooze 2 1w
	fails 65 "crm-remind: no open reminder 2"
	run --separate-stderr crm-remind snooze 9 1w
	fails 65 "crm-remind: no open reminder 9"
	run --separate-stderr crm-remind snooze rule:1:1 1w
	fails 64 "crm-remind: 'rule:1:1' is not a reminder id"
	# put off to the past: a mistake, not a snooze (a series would move back)
	run --separate-stderr crm-remind snooze 1 2020-01-01
	fails_usage 64 "crm-remind: snooze: '2020-01-01' is not later than now: a reminder is put off to a later time"
	run --separate-stderr crm-remind snooze 1 -- -2d
	fails_usage 64 "crm-remind: snooze: '-2d' is not later than now: a reminder is put off to a later time"
	eq "$(snap)" "$before"
}

@test "rm removes a reminder; rm of an unknown one changes nothing" {
	customers
	crm-remind add 1 --due 2026-11-20 Call >/dev/null
	crm-remind add 2 --due 2026-11-20 Other >/dev/null
	run --separate-stderr crm-remind rm 2
	status_is 0
	eq "$output" ""
	eq "$stderr" ""
	eq "$(sql 'SELECT group_concat(id) FROM reminders')" 1
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'remind-rm'")" '2|{"reminder":2}'
	before=$(snap)
	run --separate-stderr crm-remind rm 2
	fails 65 "crm-remind: no reminder 2"
	run --separate-stderr crm-remind rm 0
	fails 64 "crm-remind: '0' is not a reminder id"
	eq "$(snap)" "$before"
}

# --- cadence rules -------------------------------------------------------

@test "rule add prints its id and stores it; rule list; rule rm" {
	customers
	run --separate-stderr crm-remind rule add 'tier = gold' --every 30d Gold call
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	CRM_NOW=2026-11-01T00:00:00Z crm-remind rule add 'tier = silver' --every 1m --owner sam Silver check >/dev/null
	eq "$(sql 'SELECT id, expr, every, note, quote(owner), created FROM rules')" \
	    "1|tier = gold|30d|Gold call|NULL|2026-11-23T10:00:00Z
2|tier = silver|1m|Silver check|'sam'|2026-11-01T00:00:00Z"
	run --separate-stderr crm-remind rule list
	status_is 0
	eq "$output" "id	expr	every	note	owner	created
1	tier = gold	30d	Gold call		2026-11-23T10:00:00Z
2	tier = silver	1m	Silver check	sam	2026-11-01T00:00:00Z"
	run --separate-stderr crm-remind rule rm 1
	status_is 0
	eq "$output" ""
	eq "$(sql 'SELECT group_concat(id) FROM rules')" 2
	eq "$(crm-remind --all -f id | tail -n +2 | paste -sd ' ')" "rule:2:2"
	eq "$(sql "SELECT group_concat(action, ' ') FROM audit WHERE action LIKE 'rule-%'")" "rule-add rule-add rule-rm"
}

@test "rule list with no rules prints the header alone" {
	customers
	eq "$(crm-remind rule list)" $'id\texpr\tevery\tnote\towner\tcreated'
}

@test "rule errors change nothing" {
	customers
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	before=$(snap)
	run --separate-stderr crm-remind rule add 'tier = = gold' --every 30d x
	fails 64 "crm-remind: expression: column 8: a value is needed here"
	run --separate-stderr crm-remind rule add 'tier = gold' --every 3q x
	fails_usage 64 "crm-remind: --every: '3q' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind rule add 'tier = gold' x
	fails_usage 64 "crm-remind: rule add needs --every"
	run --separate-stderr crm-remind rule add 'tier = gold' --every 30d
	fails_usage 64 "crm-remind: rule add EXPR --every DUR NOTE..., rule list, or rule rm ID"
	run --separate-stderr crm-remind rule rm 99
	fails 65 "crm-remind: no rule 99"
	eq "$(snap)" "$before"
}

@test "a rule's items: last contact + DUR, never contacted since the rule was made, owners" {
	scene
	CRM_NOW=2026-11-01T00:00:00Z crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	crm-remind rule add 'tier = silver' --every 1m --owner sam Silver check >/dev/null
	eq "$(crm-remind --all -f id,due,owner,every | tail -n +2)" \
	    "rule:1:1	2026-10-31T09:00:00Z	alice@example.com	30d
rule:1:3	2026-11-01T00:00:00Z		30d
complaint:3	2026-11-22T00:00:00Z	bob	
rule:1:4	2026-12-20T09:00:00Z	dave@example.com	30d
rule:2:2	2026-12-21T00:00:00Z	bob	1m"
	eq "$(crm-remind -f id,overdue_days | tail -n +2 | paste -sd ' ')" \
	    "rule:1:1	23 rule:1:3	22 complaint:3	1"
}

@test "the list of a day, through schema 18's indexes, has the items of --all that are due: the overdue, the never contacted, the open complaints" {
	# Most customers called within the cadence (the day's list finds the
	# others through cust_totals_last), an organisation never contacted
	# (no rule takes it), then a person never contacted.
	local i
	for i in 1 2 3 4 5 6 7 8; do
		crm-add -n "P$i" -e "p$i@example.com" -T gold >/dev/null
	done
	crm-add --org -n 'Globex, Ltd.' >/dev/null
	CRM_NOW=2026-01-01T00:00:00Z crm-remind rule add 'tier = gold' --every 14d Call >/dev/null
	for i in 1 2 3 4 5 6; do
		crm-log --at "2026-11-1${i}T09:00:00Z" "p$i@example.com" call >/dev/null
	done
	# P7 14 days ago to the minute: due now; P8 a month ago, two
	# complaints, one resolved
	crm-log --at 2026-11-09T00:00:00Z p7@example.com call >/dev/null
	crm-log --at 2026-10-23T09:00:00Z p8@example.com complaint Late >/dev/null
	crm-log --at 2026-10-24T09:00:00Z p8@example.com complaint Later >/dev/null
	crm-remind done complaint:9 >/dev/null
	if is_pg "$CRM_DB"; then
		eq "$(sql "SELECT indexname FROM pg_indexes WHERE indexname IN ('cust_totals_last', 'interactions_open_complaints') ORDER BY 1")" \
		    $'cust_totals_last\ninteractions_open_complaints'
	else
		eq "$(sql "SELECT name FROM sqlite_schema WHERE name IN ('cust_totals_last', 'interactions_open_complaints') ORDER BY 1")" \
		    $'cust_totals_last\ninteractions_open_complaints'
	fi
	local now=2026-11-23T00:00:00Z due
	due=$(crm-remind --all -f id,due | awk -v now="$now" 'NR > 1 && $2 <= now')
	eq "$(crm-remind -f id,due | tail -n +2)" "$due"
	eq "$(crm-remind -f id | tail -n +2 | paste -sd ' ')" \
	    "complaint:8 rule:1:8 rule:1:7"
	crm-add -n P9 -e p9@example.com -T gold >/dev/null
	due=$(crm-remind --all -f id,due | awk -v now="$now" 'NR > 1 && $2 <= now')
	eq "$(crm-remind -f id,due | tail -n +2)" "$due"
	eq "$(crm-remind -f id | tail -n +2 | paste -sd ' ')" \
	    "rule:1:10 complaint:8 rule:1:8 rule:1:7"
}

@test "a new interaction clears a rule's item" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	crm-log 1 visit Dropped by >/dev/null
	eq "$(crm-remind -f id | tail -n +2 | paste -sd ' ')" "complaint:3 rule:1:3"
	eq "$(crm-remind --all -f id,due | grep rule:1:1)" "rule:1:1	2026-12-23T10:00:00Z"
}

@test "done rule:R:C logs a note, or --log KIND, which clears the item" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	run --separate-stderr crm-remind done rule:1:1
	status_is 0
	eq "$output" 4
	eq "$stderr" ""
	run --separate-stderr crm-remind done rule:1:3 --log call Rang them
	status_is 0
	eq "$output" 5
	eq "$(sql 'SELECT id, customer_id, at, kind, quote(summary), owner FROM interactions WHERE id > 3')" \
	    "4|1|2026-11-23T10:00:00Z|note|NULL|tester
5|3|2026-11-23T10:00:00Z|call|'Rang them'|tester"
	eq "$(crm-remind -f id | tail -n +2 | paste -sd ' ')" "complaint:3"
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'log' ORDER BY id")" \
	    $'1|{"interaction":4,"kind":"note"}\n3|{"interaction":5,"kind":"call"}'
}

@test "done rule:R:C: an unknown rule or customer changes nothing" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	before=$(snap)
	run --separate-stderr crm-remind done rule:9:1
	fails 65 "crm-remind: no item rule:9:1: no such rule"
	run --separate-stderr crm-remind done rule:1:99
	fails 65 "crm-remind: no item rule:1:99: the customer is not in the rule"
	eq "$(snap)" "$before"
}

@test "done rule:R:C for a customer the rule does not match changes nothing" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	before=$(snap)
	run --separate-stderr crm-remind done rule:1:2
	status_is 65
	eq "$output" ""
	has "$stderr" "rule:1:2"
	eq "$(snap)" "$before"
}

@test "a second done rule:R:C, when the item is no longer due, changes nothing" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	crm-remind done rule:1:1 >/dev/null
	before=$(snap)
	run --separate-stderr crm-remind done rule:1:1
	status_is 65
	eq "$output" ""
	has "$stderr" "rule:1:1"
	eq "$(snap)" "$before"
}

# --- complaints and the SLA ----------------------------------------------

@test "open complaints past the SLA are due, owned by the customer's owner, else by their logger" {
	scene
	crm-log 3 complaint Late --at 2026-11-23T09:00:00Z --owner carol >/dev/null
	crm-log 4 complaint Old --at 2026-11-01 >/dev/null
	crm-log --resolve 5 Fixed >/dev/null
	eq "$(crm-remind -f id,due,owner,note,source)" "id	due	owner	note	source
complaint:3	2026-11-22T00:00:00Z	bob	Complaint: Lid cracked	complaint"
	# Cy Ng has no owner: carol, who logged it, hears of it
	eq "$(crm-remind --all -f id,due,owner | tail -n +2 | paste -sd ' ')" \
	    "complaint:3	2026-11-22T00:00:00Z	bob complaint:4	2026-11-24T09:00:00Z	carol"
	eq "$(crm-remind --sla 1h -f id | tail -n +2 | paste -sd ' ')" "complaint:3 complaint:4"
	eq "$(crm-remind --sla 3d -f id)" ""
}

@test "sla prints the default, stores another, which the list uses" {
	scene
	eq "$(crm-remind sla)" 24h
	run --separate-stderr crm-remind sla 72h
	status_is 0
	eq "$output" ""
	eq "$stderr" ""
	eq "$(crm-remind sla)" 72h
	eq "$(sql 'SELECT key, value FROM settings')" "complaint_sla|72h"
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'settings'")" 1
	eq "$(crm-remind -f id,due)" ""
	eq "$(crm-remind --all -f id,due)" $'id\tdue\ncomplaint:3\t2026-11-24T00:00:00Z'
	eq "$(crm-remind --sla 24h -f id)" $'id\ncomplaint:3'
	before=$(snap)
	run --separate-stderr crm-remind sla bogus
	fails_usage 64 "crm-remind: sla: 'bogus' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind sla 0h
	fails_usage 64 "crm-remind: sla: '0h' is not a duration (24h, 3d, 2w, 1m, 1y)"
	eq "$(snap)" "$before"
}

@test "a bad --sla is bad data (65), as every other bad duration" {
	scene
	run --separate-stderr crm-remind --sla bogus
	fails_usage 64 "crm-remind: --sla: 'bogus' is not a duration (24h, 3d, 2w, 1m, 1y)"
}

@test "done complaint:N resolves the complaint; twice or a non-complaint changes nothing" {
	scene
	run --separate-stderr crm-remind done complaint:3 Sent a new lid
	status_is 0
	eq "$output" ""
	eq "$stderr" ""
	eq "$(sql 'SELECT resolved, resolution FROM interactions WHERE id = 3')" "2026-11-23T10:00:00Z|Sent a new lid"
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'resolve'")" \
	    '2|{"interaction":3,"resolved":"2026-11-23T10:00:00Z"}'
	eq "$(crm-remind --all)" ""
	before=$(snap)
	run --separate-stderr crm-remind done complaint:3
	fails 65 "crm-remind: complaint 3 was already resolved at 2026-11-23T10:00:00Z"
	run --separate-stderr crm-remind done complaint:1
	fails 65 "crm-remind: interaction 1 is a call, not a complaint: only complaints are resolved"
	run --separate-stderr crm-remind done complaint:99
	fails 65 "crm-remind: no interaction 99"
	eq "$(snap)" "$before"
}

@test "done complaint:N --log KIND also logs the interaction" {
	scene
	run --separate-stderr crm-remind done complaint:3 --log call Replaced
	status_is 0
	eq "$output" 4
	eq "$(sql 'SELECT resolution FROM interactions WHERE id = 3')" Replaced
	eq "$(sql 'SELECT customer_id, kind, summary FROM interactions WHERE id = 4')" "2|call|Replaced"
}

# --- mail ------------------------------------------------------------------

# Ann's and Bob's reminders are alice's (one overdue, one due now), Di's
# is owned by bob, which is not a mail address.
mail_scene() {
	customers
	crm-remind add 1 --due 2026-11-20 --owner alice@example.com Call about renewal >/dev/null
	crm-remind add 2 --due 2026-11-23T10:00:00Z --owner alice@example.com Send offer >/dev/null
	crm-remind add 4 --due 2026-11-01 --owner bob Visit >/dev/null
}

@test "--mail: one message per owner as an mbox stream; To: the owner or --to" {
	mail_scene
	run --separate-stderr crm-remind --mail --to lead@example.com
	status_is 0
	eq "$stderr" ""
	eq "$(printf '%s\n' "$output" | mail_norm)" "From crm@HOST Mon Nov 23 10:00:00 2026
Date: Mon, 23 Nov 2026 10:00:00 +0000
From: crm <crm@HOST>
To: alice@example.com
Subject: crm: 2 follow-ups due, 1 overdue for alice@example.com
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

2026-11-20, 3 days overdue  [reminder 1]
Call about renewal
Ann Lee, Acme
Phone: +1 555 0100
E-mail: ann@example.com

2026-11-23  [reminder 2]
Send offer
Bob Ray
E-mail: bob@example.com


From crm@HOST Mon Nov 23 10:00:00 2026
Date: Mon, 23 Nov 2026 10:00:00 +0000
From: crm <crm@HOST>
To: lead@example.com
Subject: crm: 1 follow-up due, 1 overdue for bob
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

2026-11-01, 22 days overdue  [reminder 3]
Visit
Di Roe, Dico
E-mail: di@example.com"
	[[ "${lines[0]}" =~ ^From\ crm@[^\ ]+\ Mon\ Nov\ 23\ 10:00:00\ 2026$ ]]
}

@test "--mail: \$CRM_MAIL_TO when there is no --to; --to wins over it" {
	mail_scene
	CRM_MAIL_TO=desk@example.com run --separate-stderr crm-remind --mail
	status_is 0
	eq "$(printf '%s\n' "$output" | grep '^To:' | paste -sd ' ')" "To: alice@example.com To: desk@example.com"
	CRM_MAIL_TO=desk@example.com run --separate-stderr crm-remind --mail --to lead@example.com
	eq "$(printf '%s\n' "$output" | grep '^To:' | paste -sd ' ')" "To: alice@example.com To: lead@example.com"
}

@test "--mail: an owner with no address does not stop the others' mail: warned, exit 1" {
	mail_scene
	run --separate-stderr crm-remind --mail
	status_is 1
	eq "$stderr" "crm-remind: no mail address for bob: 1 item not sent (map an owner with crm-remind owner NAME ADDRESS, set CRM_MAIL_DOMAIN, or give --to)"
	# alice's message went out whole, as python's mailbox reads it
	printf '%s\n' "$output" >out.mbox
	run python3 -c '
import mailbox, sys
for m in mailbox.mbox(sys.argv[1]):
    print(m["To"], "|", m["Subject"], "|", m.get_payload().count("[reminder "))
' out.mbox
	eq "$output" "alice@example.com | crm: 2 follow-ups due, 1 overdue for alice@example.com | 2"
	run --separate-stderr crm-remind --mail --owner bob
	status_is 1
	eq "$output" ""
}

@test "--mail: owners mapped to addresses, or to user@CRM_MAIL_DOMAIN" {
	mail_scene
	run --separate-stderr crm-remind owner bob bob.ray@corp.example
	status_is 0
	eq "$(sql "SELECT value FROM settings WHERE key = 'mail:bob'")" bob.ray@corp.example
	eq "$(sql "SELECT detail FROM audit WHERE action = 'settings'")" '{"mail:bob":"bob.ray@corp.example"}'
	run --separate-stderr crm-remind owner
	eq "$output" $'owner\taddress\nbob\tbob.ray@corp.example'
	run --separate-stderr crm-remind --mail
	status_is 0
	eq "$(printf '%s\n' "$output" | grep '^To:' | paste -sd ' ')" "To: alice@example.com To: bob.ray@corp.example"
	# the mapping forgotten, the mail domain gives bob@corp.example
	crm-remind owner bob '' >/dev/null
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'mail:bob'")" 0
	CRM_MAIL_DOMAIN=corp.example run --separate-stderr crm-remind --mail
	status_is 0
	eq "$(printf '%s\n' "$output" | grep '^To:' | paste -sd ' ')" "To: alice@example.com To: bob@corp.example"
	# python's email parser reads the addressed message
	CRM_MAIL_DOMAIN=corp.example run --separate-stderr crm-remind --mail --owner bob
	run python3 -c '
import email, sys
m = email.message_from_string(sys.stdin.read())
print(m["To"], "|", m["Subject"])
' <<<"$output"
	eq "$output" "bob@corp.example | crm: 1 follow-up due, 1 overdue for bob"
	run --separate-stderr crm-remind owner bob not-an-address
	fails_usage 64 "crm-remind: owner: 'not-an-address' is not a mail address"
}

@test "--mail --owner O: one message without the From_ line, for sendmail -t" {
	mail_scene
	run --separate-stderr crm-remind --mail --owner alice@example.com
	status_is 0
	eq "${lines[0]}" "Date: Mon, 23 Nov 2026 10:00:00 +0000"
	eq "$(printf '%s\n' "$output" | grep -c '^From ')" 0
	eq "$(printf '%s\n' "$output" | grep -c '^To: alice@example.com$')" 1
	eq "$(printf '%s\n' "$output" | grep '^Subject:')" "Subject: crm: 2 follow-ups due, 1 overdue for alice@example.com"
	run --separate-stderr crm-remind --mail --owner bob --to lead@example.com
	status_is 0
	eq "$(printf '%s\n' "$output" | grep -c '^From ')" 0
	eq "$(printf '%s\n' "$output" | grep '^To:')" "To: lead@example.com"
}

@test "--mail: body lines starting From are quoted; headers cannot be injected" {
	crm-add -n 'From Here' -c Acme >/dev/null
	crm-remind add 1 --due 2026-11-20 --owner "$(printf 'carol\nBcc: evil@example.com')" "From the catalogue" >/dev/null
	crm-remind add 1 --due 2026-11-20 --owner 'Zoë' '>From x' >/dev/null
	crm-remind add 1 --due 2026-11-20 --owner a@example.com "$(printf 'one\nFrom two')" >/dev/null
	run --separate-stderr crm-remind --mail --to lead@example.com
	status_is 0
	eq "$(printf '%s\n' "$output" | grep -c '^From ')" 3
	eq "$(printf '%s\n' "$output" | grep -c '^From crm@')" 3
	has "$output" $'\n>From the catalogue\n'
	has "$output" $'\n>>From x\n'
	has "$output" $'\n>From Here, Acme\n'
	has "$output" $'\none From two\n'
	eq "$(printf '%s\n' "$output" | grep -ci '^bcc')" 0
	has "$output" "Subject: crm: 1 follow-up due, 1 overdue for =?UTF-8?B?Wm/Dqw==?="
}

@test "--mail: no line is longer than RFC 5322's 998 octets" {
	customers
	crm-remind add 1 --due 2026-11-20 --owner a@example.com "$(printf 'word %.0s' {1..300})" >/dev/null
	crm-remind --mail >mail.txt
	eq "$(awk 'length($0) > 998' mail.txt | wc -l)" 0
}

# --- iCalendar -------------------------------------------------------------

@test "-o ics: a VTODO per item with stable UIDs, DTSTAMP, DUE, SUMMARY, DESCRIPTION and RRULE" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	crm-remind add 4 --due 2026-11-01 --every 2w Review >/dev/null
	crm-remind -o ics >a.ics
	run ics_lines a.ics
	status_is 0
	eq "$output" "BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//crm//crm-remind 0.1.0//EN
BEGIN:VTODO
UID:rule-1-1-20261031T090000Z@crm
DTSTAMP:20261123T100000Z
DUE:20261031T090000Z
SUMMARY:Ann Lee: Gold call
DESCRIPTION:Ann Lee\, Acme\nPhone: +1 555 0100\nE-mail: ann@example.com\nCustomer 1\, rule rule:1:1
STATUS:NEEDS-ACTION
END:VTODO
BEGIN:VTODO
UID:1@crm
DTSTAMP:20261123T100000Z
DUE:20261101T000000
SUMMARY:Di Roe: Review
DESCRIPTION:Di Roe\, Dico\nE-mail: di@example.com\nCustomer 4\, reminder 1
DTSTART:20261101T000000
RRULE:FREQ=WEEKLY;INTERVAL=2
STATUS:NEEDS-ACTION
END:VTODO
BEGIN:VTODO
UID:complaint-3@crm
DTSTAMP:20261123T100000Z
DUE:20261122T000000Z
SUMMARY:Bob Ray: Complaint: Lid cracked
DESCRIPTION:Bob Ray\nE-mail: bob@example.com\nCustomer 2\, complaint complaint:3
STATUS:NEEDS-ACTION
END:VTODO
BEGIN:VTODO
UID:rule-1-3-20261123T100000Z@crm
DTSTAMP:20261123T100000Z
DUE:20261123T100000Z
SUMMARY:Cy Ng: Gold call
DESCRIPTION:Cy Ng\, Cyco\nPhone: +1 555 0102\nCustomer 3\, rule rule:1:3
STATUS:NEEDS-ACTION
END:VTODO
END:VCALENDAR"
	# the same UIDs in the next export, whatever else has come
	crm-remind add 1 --due 2026-11-02 Another >/dev/null
	eq "$(crm-remind -o ics | grep '^UID' | tr -d '\r' | sort | paste -sd ' ')" \
	    "UID:1@crm UID:2@crm UID:complaint-3@crm UID:rule-1-1-20261031T090000Z@crm UID:rule-1-3-20261123T100000Z@crm"
}

# qa5 B12: a rule's item comes back every cycle, under a UID of its own.
@test "-o ics: a rule's item in its next cycle has a new UID (its due time in it), the same one in every export of that cycle" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	uid1() { crm-remind -o ics --until "$1" | tr -d '\r' | grep '^UID:rule-1-1'; }
	eq "$(uid1 now)" "UID:rule-1-1-20261031T090000Z@crm"
	eq "$(uid1 now)" "UID:rule-1-1-20261031T090000Z@crm"
	# the call is made: the next cycle is due 30 days on
	crm-log --at 2026-11-23T09:00:00Z 1 call >/dev/null
	eq "$(uid1 now)" ""
	eq "$(uid1 2026-12-31)" "UID:rule-1-1-20261223T090000Z@crm"
}

@test "-o ics: RRULE for every unit" {
	customers
	for every in 12h 10d 2w 3m 1y; do
		crm-remind add 1 --due 2026-11-01 --every $every "$every" >/dev/null
	done
	crm-remind add 1 --due 2026-11-01 once >/dev/null
	crm-remind -o ics >a.ics
	eq "$(ics_lines a.ics | grep '^RRULE' | paste -sd ' ')" \
	    "RRULE:FREQ=HOURLY;INTERVAL=12 RRULE:FREQ=DAILY;INTERVAL=10 RRULE:FREQ=WEEKLY;INTERVAL=2 RRULE:FREQ=MONTHLY;INTERVAL=3 RRULE:FREQ=YEARLY;INTERVAL=1"
}

@test "-o ics: a series on the 29th to 31st is on a shorter month's last day, as crm-remind steps it, not skipped" {
	customers
	# RFC 5545 skips the months without the day; crm-remind takes their
	# last day and goes back to the 31st: "the last of 28..31 it has"
	crm-remind add 1 --due 2026-10-31 --every 1m "monthly" >/dev/null
	crm-remind add 1 --due 2028-02-29 --every 1y "leap" >/dev/null
	# done in November: due the 30th, the series still on the 31st
	CRM_NOW=2026-11-02T10:00:00Z crm-remind done 1 >/dev/null
	eq "$(sql "SELECT due FROM reminders WHERE id = 1")" 2026-11-30T00:00:00Z
	crm-remind --all -o ics >a.ics
	eq "$(ics_lines a.ics | grep -E '^(DTSTART|RRULE)' | paste -sd ' ')" \
	    "DTSTART:20261130T000000 RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30,31;BYSETPOS=-1 DTSTART:20280229T000000 RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
}

@test "-o ics: TEXT escaping, and folding at 75 octets never inside a UTF-8 character" {
	customers
	crm-remind add 1 --due 2026-11-01 "$(printf 'Call, then; pay \\ back\r\nline two')" >/dev/null
	# the note starts at octet 18 of "SUMMARY:Ann Lee: ": with 0 to 3
	# ASCII characters first, the fold falls on each octet of the
	# three-octet characters
	for pad in "" x xx xxx; do
		crm-remind add 1 --due 2026-11-01 "${pad}日本語のカタログ、価格表と注文書について電話する。よろしくお願いします。" >/dev/null
	done
	crm-remind add 1 --due 2026-11-01 "$(printf 'Ü%.0s' {1..100})" >/dev/null
	crm-remind -o ics >a.ics
	run ics_lines a.ics
	status_is 0
	has "$output" 'SUMMARY:Ann Lee: Call\, then\; pay \\ back\nline two'
	has "$output" "SUMMARY:Ann Lee: xxx日本語のカタログ、価格表と注文書について電話する。よろしくお願いします。"
	has "$output" "SUMMARY:Ann Lee: $(printf 'Ü%.0s' {1..100})"
	# folded lines exist, and each ends on a character boundary (checked
	# by ics_lines); every line ends in CRLF
	[ "$(grep -c $'^ ' a.ics)" -ge 6 ]
	eq "$(grep -c $'\r$' a.ics)" "$(wc -l <a.ics)"
}

# --- the audit trail ---------------------------------------------------------

@test "every write is audited" {
	customers
	crm-remind add 1 --due 2026-11-20 One >/dev/null
	crm-remind add 2 --due 2026-11-20 Two >/dev/null
	crm-remind snooze 2 1d 2>/dev/null
	crm-remind done 1
	crm-remind rm 2
	crm-remind rule add 'tier = gold' --every 30d Gold >/dev/null
	crm-remind rule rm 1
	crm-remind sla 48h
	eq "$(sql "SELECT action, quote(customer_id), actor, at FROM audit WHERE action NOT IN ('add', 'import') ORDER BY id")" \
	    "remind|1|tester|2026-11-23T10:00:00Z
remind|2|tester|2026-11-23T10:00:00Z
remind-snooze|2|tester|2026-11-23T10:00:00Z
remind-done|1|tester|2026-11-23T10:00:00Z
remind-rm|2|tester|2026-11-23T10:00:00Z
rule-add|NULL|tester|2026-11-23T10:00:00Z
rule-rm|NULL|tester|2026-11-23T10:00:00Z
settings|NULL|tester|2026-11-23T10:00:00Z"
	has "$(sql "SELECT detail FROM audit WHERE action = 'rule-add'")" "tier = gold"
	has "$(sql "SELECT detail FROM audit WHERE action = 'settings'")" "48h"
}

@test "the audit details of rules and settings are JSON objects, as crm(7) says" {
	customers
	crm-remind rule add 'tier = gold' --every 30d Gold >/dev/null
	crm-remind rule rm 1
	crm-remind sla 48h
	sql "SELECT detail FROM audit WHERE action IN ('rule-add', 'rule-rm', 'settings')" |
	    python3 -c 'import json, sys; assert all(isinstance(json.loads(l), dict) for l in sys.stdin)'
}

@test "crm-remind(1): OPTIONS describes every option --help lists (qa42 13)" {
	local man="$BATS_TEST_DIRNAME/../man/crm-remind.1" o
	for o in $(crm-remind --help | sed '1,/^$/d' | grep -E '^ +-' |
	    sed -E 's/^ +//; s/  .*//' |
	    grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | sed -E 's/^[ ,]//'); do
		# an item of the list, not the SYNOPSIS alone
		grep -E '^\.It ' "$man" | grep -qE "Fl \\\\?${o#-}( |\$)" ||
		    { echo "crm-remind.1 does not describe $o" >&2; return 1; }
	done
}

@test "crm-remind(1): the HubSpot import example prints what the page shows; its audit example has the keys written (qa42 9)" {
	local man="$BATS_TEST_DIRNAME/../man/crm-remind.1" shown ran cmd
	cp "$DATA/real/hubspot-contacts.csv" "$DATA/real/hubspot-tasks.csv" .
	shown=$(sed -n '/^\$ crm-add --import hubspot-contacts.csv$/,/^\.Ed$/p' "$man" | sed '$d')
	[[ -n $shown ]]
	ran=$(printf '%s\n' "$shown" | sed -n 's/^\$ //p' | while read -r cmd; do
		printf '$ %s\n' "$cmd"
		$cmd 2>&1
	done)
	eq "$ran" "$shown"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'remind-import'" | grep -oE '"[a-z]+":' | tr '\n' ' ')" \
	    "$(grep -oE "^\.Ql \{\"file\":\"tasks.csv\".*" "$man" | grep -oE '"[a-z]+":' | tr '\n' ' ')"
}

@test "a rule that searches finds what a load with --defer-index left for the index; the list reads in a reader's transaction" {
	# (the list's transaction may not write on PostgreSQL: the catch-up
	# goes before it, in one of its own)
	crm-add -n Ada -e ada@example.com >/dev/null
	crm-remind rule add "matches 'valve'" --every 30d ping >/dev/null
	printf 'name,email,notes\nVal Ve,v@example.com,needs a valve\n' >v.csv
	crm-add --import --defer-index v.csv 2>/dev/null
	eq "$(sql 'SELECT count(*) FROM fts_defer')" 1
	run --separate-stderr crm-remind -f id,name
	status_is 0
	eq "$output" "id	name
rule:1:2	Val Ve"
	eq "$(sql 'SELECT count(*) FROM fts_defer')" 0
}
