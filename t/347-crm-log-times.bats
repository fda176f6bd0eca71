#!/usr/bin/env bats
# Test plan: the time of crm-log --import's rows under a second name
# (Timestamp, Paid At, Placed On) and the forms crm reads without
# --date-format (qa32 F2, F3).
#   - a column under a second time name with one cell that is no date is
#     read as the time all the same, its bad rows refused as a Date
#     column's are (file:line: column: not a date, exit 65, the database
#     unchanged; --rejects takes them out), never a field that logs every
#     row at now without a word; a column with no date at all stays one

bats_require_minimum_version 1.5.0

load helper

at_of() {
	sql "SELECT i.at FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE c.email = '$1'"
}

@test "a Timestamp column with one cell that is no date: its row refused with file:line, not every row logged at now" {
	printf '%s\n' 'Timestamp,Email Address,How likely are you to recommend us to a friend or colleague?' \
	    '2026/05/28 7:01:33 PM GMT+2,a@example.com,9' \
	    '2026/05/29 8:01:33 AM GMT+2,b@example.com,3' \
	    'yesterday-ish,c@example.com,7' >g2.csv
	# qa32's command
	run --separate-stderr crm-log --import --add-customers --date-format '%Y/%m/%d %I:%M:%S %p' g2.csv
	fails 65 "crm-log: g2.csv:4: Timestamp: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
	no_db
	# the rows that are dated logged at their time, the other one set apart
	run --separate-stderr crm-log --import --add-customers --date-format '%Y/%m/%d %I:%M:%S %p' --rejects rej.csv g2.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 2 customers added, 1 rejected"
	eq "$(at_of a@example.com)" 2026-05-28T17:01:33Z
	eq "$(at_of b@example.com)" 2026-05-29T06:01:33Z
	has "$(cat rej.csv)" "yesterday-ish,c@example.com,7"
}

@test "Paid At, Placed On: one bad cell refuses its row; a second name's column of no date at all stays a field" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	printf '%s\n' 'Email,Amount,Paid At' 'ann@example.com,10.00,2026-11-02 09:00' \
	    'ann@example.com,12.00,n/a' >pa.csv
	run --separate-stderr crm-log --import --kind purchase pa.csv
	status_is 65
	has "$stderr" "pa.csv:3: Paid At: not a date"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	# a bad cell first, the dates after it: the same
	printf '%s\n' 'Email,Amount,Placed On' 'ann@example.com,10.00,soon' \
	    'ann@example.com,12.00,2026-11-03' >po.csv
	run --separate-stderr crm-log --import --kind purchase po.csv
	status_is 65
	has "$stderr" "po.csv:2: Placed On: not a date"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	# no date in it at all: no time column, as before (a field)
	printf '%s\n' 'Email,Kind,Timestamp' 'ann@example.com,note,yes' >ts.csv
	run --separate-stderr crm-log --import ts.csv
	status_is 0
	eq "$(sql "SELECT at FROM interactions")" 2026-11-23T10:00:00Z
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Timestamp'")" yes
}
