#!/usr/bin/env bats
# Test plan: the time of crm-log --import's rows under a second name
# (Timestamp, Paid At, Placed On) and the forms crm reads without
# --date-format (qa32 F2, F3).
#   - a column under a second time name with one cell that is no date is
#     read as the time all the same, its bad rows refused as a Date
#     column's are (file:line: column: not a date, exit 65, the database
#     unchanged; --rejects takes them out), never a field that logs every
#     row at now without a word; a column with no date at all stays one
#   - Google Forms' Timestamp, year first with a 12-hour clock and the
#     zone (2026/05/28 7:01:33 PM GMT+2, GMT+5:30, GMT-3, EST, AST), is
#     read without --date-format, the offset applied; 0:30 AM and 13:30
#     PM are no times
#   - en-US's 5/28/2026 19:01:33 leaves the month in doubt: kept a field,
#     and the note's --map names the --date-format that reads it, which
#     then works

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
	# qa32's command, and the same without its --date-format
	run --separate-stderr crm-log --import --add-customers --date-format '%Y/%m/%d %I:%M:%S %p' g2.csv
	fails 65 "crm-log: g2.csv:4: Timestamp: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
	no_db
	run --separate-stderr crm-log --import --add-customers g2.csv
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

@test "Google Forms' Timestamp read without --date-format: 12-hour clock, GMT+N, GMT+5:30, GMT-3, EST, AST" {
	cp "$BATS_TEST_DIRNAME/data/real/google-forms.csv" .
	run --separate-stderr crm-log --import --add-customers --kind note google-forms.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 3 customers added, 0 rejected"
	eq "$(at_of xena@example.com)" 2026-05-28T17:01:33Z
	eq "$(at_of yusuf@example.com)" 2026-05-28T17:14:09Z
	# 12:00:00 AM is midnight, at GMT+2 the evening before in UTC
	eq "$(at_of zed@example.com)" 2026-05-28T22:00:00Z
	printf '%s\n' 'Timestamp,Email Address,Score' \
	    '2026/05/28 7:01:33 PM GMT+5:30,in@example.com,9' \
	    '2026/05/28 12:30:00 PM GMT-3,br@example.com,8' \
	    '2026/05/28 9:00:00 AM EST,ny@example.com,7' \
	    '2022/06/22 11:07:29 AM AST,pr@example.com,6' \
	    '2026/05/28 10:00:00 AM,lo@example.com,5' >gz.csv
	run --separate-stderr crm-log --import --add-customers --kind feedback gz.csv
	status_is 0
	eq "$(at_of in@example.com)" 2026-05-28T13:31:33Z
	eq "$(at_of br@example.com)" 2026-05-28T15:30:00Z
	eq "$(at_of ny@example.com)" 2026-05-28T14:00:00Z
	eq "$(at_of pr@example.com)" 2022-06-22T15:07:29Z
	eq "$(at_of lo@example.com)" 2026-05-28T10:00:00Z
	# no 12-hour clock shows 0 or 13
	for t in '2026/05/28 0:30:00 AM' '2026/05/28 13:30:00 PM'; do
		printf 'Date,Email,Kind\n%s,in@example.com,note\n' "$t" >bad.csv
		run --separate-stderr crm-log --import bad.csv
		status_is 65
		has "$stderr" "bad.csv:2: Date: not a date"
	done
	# Delighted's UTC, as before
	printf 'Email,Date,Kind\nin@example.com,2026-11-02 10:00:00 UTC,note\n' >dl.csv
	run --separate-stderr crm-log --import dl.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM interactions WHERE at = '2026-11-02T10:00:00Z'")" 1
}

@test "en-US Sheets' Timestamp 5/28/2026 19:01:33: a field, and the note's --map with its --date-format works" {
	printf '%s\n' 'Timestamp,Email Address,Comment' '5/28/2026 19:01:33,a@example.com,ok' \
	    '5/29/2026 7:01:33,b@example.com,fine' >us.csv
	run --separate-stderr crm-log --import --add-customers --kind note us.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: us.csv: Timestamp: every value is a date, but the rows were logged at now (no time column): if it is their time, $(is_pg "$CRM_DB" || echo 'crm undo, then ')say --map 'Timestamp=at' --date-format '%m/%d/%Y %H:%M:%S'"
	new_db
	run --separate-stderr crm-log --import --add-customers --kind note --map 'Timestamp=at' --date-format '%m/%d/%Y %H:%M:%S' us.csv
	status_is 0
	eq "$(at_of a@example.com)" 2026-05-28T19:01:33Z
	eq "$(at_of b@example.com)" 2026-05-29T07:01:33Z
	# a zone crm does not know: no --map is offered that would fail
	printf '%s\n' 'Booked,Email' '2026/05/28 7:01:33 PM XYZT,c@example.com' >xz.csv
	run --separate-stderr crm-log --import --add-customers --kind note xz.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: xz.csv: Booked: every value looks like a date, but the rows were logged at now (no time column): crm reads none as written, with no --date-format either (a zone it does not know? a UTC offset such as GMT+2 is read)"
}
