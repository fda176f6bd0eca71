#!/usr/bin/env bats
# Test plan: crm-log --import of phone systems' call logs (qa26 F3, F4,
# F9; the shapes in t/data/real/SOURCES.md).
#   - the call's time under a phone system's name (Twilio's Start Time
#     in RFC 5322's form, Dialpad's date_started, 3CX's Call Time), read
#     when the file has no column of the usual name, never in its place
#   - an unread time column of seconds since 1970 (Aircall's started_at)
#     said with the options that read it; a "not a date" of such values
#     says them too

bats_require_minimum_version 1.5.0

load helper

ats() {
	sql "SELECT customer_id || ' ' || at FROM interactions ORDER BY id" | paste -sd ' '
}

seed() {
	crm-add -n 'Bob Turner' -e bob@turner.example.com -p '(415) 555-0132' >/dev/null
	crm-add -n 'David Lee' -e dlee@example.co.uk -p '07700 900123' >/dev/null
	crm-add -n 'Emma Wilson' -e emma.w@example.com -p '+1 212 555 0199' >/dev/null
}

@test "a call's time: Twilio's Start Time (RFC 5322), Dialpad's date_started, 3CX's Call Time; a Date beside it wins" {
	seed
	printf 'Email,Direction,Start Time\nbob@turner.example.com,inbound,"Tue, 03 Nov 2026 14:02:11 +0000"\n' >tw.csv
	printf 'email,date_started,direction\ndlee@example.co.uk,2026-11-04 09:15:00,outbound\n' >dp.csv
	printf 'Email,Call Time,Status\nemma.w@example.com,2026-11-05 17:30,Answered\n' >cx.csv
	printf 'Email,Date,Start Time\nemma.w@example.com,2026-11-06,2026-11-01 08:00\n' >both.csv
	for f in tw dp cx both; do
		run --separate-stderr crm-log --import --kind call $f.csv
		status_is 0
		eq "$stderr" "1 logged, 0 already there, 0 rejected"
	done
	eq "$(ats)" "1 2026-11-03T14:02:11Z 2 2026-11-04T09:15:00Z 3 2026-11-05T17:30:00Z 3 2026-11-06T00:00:00Z"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Start Time'")" "2026-11-01 08:00"
	# An e-mail's date, as --at reads it too.
	crm-log --at 'Fri, 06 Nov 2026 08:00:00 +0100' 1 call >/dev/null
	eq "$(sql 'SELECT at FROM interactions ORDER BY id DESC LIMIT 1')" "2026-11-06T07:00:00Z"
}

@test "Aircall's started_at in seconds since 1970: said with the options that read it" {
	seed
	run --separate-stderr crm-log --import --kind call --map contact_email=email "$DATA/real/aircall-calls.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/aircall-calls.csv: started_at: every value is a time in seconds since 1970 (1793714400 is 2026-11-03T14:00:00Z), but the rows were logged at now (no time column): if it is their time, crm undo, then say --map 'started_at=at' --date-format %s
3 logged, 0 already there, 0 rejected"
	eq "$(ats)" "1 2026-11-23T10:00:00Z 2 2026-11-23T10:00:00Z 3 2026-11-23T10:00:00Z"
}

@test "Aircall's started_at: --date-format %s reads it; mapped without it, the refusal says so" {
	seed
	run --separate-stderr crm-log --import --kind call --map contact_email=email --map started_at=at "$DATA/real/aircall-calls.csv"
	fails 65 "crm-log: $DATA/real/aircall-calls.csv:2: started_at: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; seconds since 1970? say --date-format %s)"
	run --separate-stderr crm-log --import --kind call --map contact_email=email --date-format %s "$DATA/real/aircall-calls.csv"
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(ats)" "1 2026-11-03T14:00:00Z 2 2026-11-04T14:00:00Z 3 2026-11-05T14:00:00Z"
}
