#!/usr/bin/env bats
# Test plan: crm-log --import of phone systems' call logs (qa26 F3, F4,
# F9; the shapes in t/data/real/SOURCES.md).
#   - the call's time under a phone system's name (Twilio's Start Time
#     in RFC 5322's form, Dialpad's date_started, 3CX's Call Time), read
#     when the file has no column of the usual name, never in its place
#   - an unread time column of seconds since 1970 (Aircall's started_at)
#     said with the options that read it; a "not a date" of such values
#     says them too
#   - a call log keyed by number (Twilio's From and To): the other party
#     by Direction (From in, To out: never the firm's own number), found
#     by phone as crm-add compares numbers ("+14155550132" is "(415)
#     555-0132", "+447700900123" is "07700 900123"), also past the key
#     map's bound; a re-import logs nothing twice; a number two
#     customers have refused naming them; an unknown number refused, and
#     --add-customers adds nobody by a number alone; with a column of
#     names it adds each number's caller once, with the phone (two
#     "WIRELESS CALLER"s are two); From and To with no Direction refused
#     at the header, saying the --map; a stream's customer and the
#     command line's by phone
#   - without a home country (crm country: t/336) a match with and
#     without the country code is a guess (qa29 F1), said on the command
#     line, and once after an import or a stream, naming the setting
#   - a call that did not connect (no-answer, busy, Missed, Voicemail)
#     says so in its summary when it has none of its own; RingCentral's
#     Action Result read as the call's status

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
	local u="crm undo, then "	# SQLite's own
	is_pg "$CRM_DB" && u=
	run --separate-stderr crm-log --import --kind call --map contact_email=email "$DATA/real/aircall-calls.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/aircall-calls.csv: started_at: every value is a time in seconds since 1970 (1793714400 is 2026-11-03T14:00:00Z), but the rows were logged at now (no time column): if it is their time, ${u}say --map 'started_at=at' --date-format %s
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

@test "Twilio's call log: From or To by Direction, the customer found by phone however written; a re-import adds nothing" {
	seed
	crm-add -n 'Claire Dubois' -p '+33 6 12 34 56 78' >/dev/null
	run --separate-stderr crm-log --import --kind call --rejects rej.csv "$DATA/real/twilio-calls.csv"
	status_is 0
	# +1 and +33 numbers: which country David's 07700 is in is not known
	eq "$stderr" "crm-log: $DATA/real/twilio-calls.csv: 2 numbers taken as customers' written with a country code and without (the first: +14155550132 as customer 1's (415) 555-0132): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
4 logged, 0 already there, 1 rejected"
	eq "$(sed -n 2p rej.csv | cut -d, -f1-2)" "6,From: no customer '+15105550000' (a number alone adds nobody: crm-add -n NAME -p '+15105550000' adds her)"
	# CA0001 Bob in, CA0002 Emma out (To), CA0003 David in, CA0004 Claire
	# out: the firm's +14155550100 is nobody's.
	eq "$(ats)" "1 2026-11-03T14:02:11Z 3 2026-11-04T09:15:00Z 2 2026-11-05T17:30:00Z 4 2026-11-06T08:00:00Z"
	eq "$(ncustomers)" 4
	CRM_NOW=2026-11-24T10:00:00Z run --separate-stderr crm-log --import --kind call --rejects rej.csv "$DATA/real/twilio-calls.csv"
	status_is 0
	eq "${stderr_lines[-1]}" "0 logged, 4 already there, 1 rejected"
	# Past the key map's bound, every number is still found.
	sql "DELETE FROM interactions" >/dev/null
	CRM_KEYMAP_MAX=0 run --separate-stderr crm-log --import --kind call --rejects rej.csv "$DATA/real/twilio-calls.csv"
	eq "${stderr_lines[-1]}" "4 logged, 0 already there, 1 rejected"
	eq "$(ats)" "1 2026-11-03T14:02:11Z 3 2026-11-04T09:15:00Z 2 2026-11-05T17:30:00Z 4 2026-11-06T08:00:00Z"
}

@test "a number two customers have is refused naming them; --add-customers adds nobody by a number alone, and the firm's own number is no customer" {
	seed
	local before; before=$(dump)
	run --separate-stderr crm-log --import --kind call --map From=customer --add-customers "$DATA/real/twilio-calls.csv"
	fails 65 "crm-log: $DATA/real/twilio-calls.csv:3: From: no customer with phone +14155550100, and no name to add her by: crm-add -n NAME -p '+14155550100' adds her, and so does a column of names (--map 'COLUMN=full name')"
	eq "$(dump)" "$before"
	# Bob's office line is his partner's too: the number is no one's
	# more than the other's, however it is written.
	crm-add -n 'Ann Turner' -e ann@turner.example.com -p '415.555.0132' >/dev/null
	printf 'From,To,Direction,Start Time\n+14155550132,+14155550100,inbound,2026-11-03T14:00:00Z\n415-555-0132,+14155550100,inbound,2026-11-04T14:00:00Z\n' >two.csv
	run --separate-stderr crm-log --import --kind call --rejects rej.csv two.csv
	status_is 65
	eq "$stderr" "crm-log: two.csv: every row was rejected (2, each with why in rej.csv): nothing imported"
	eq "$(sed 1d rej.csv | cut -d'"' -f1-2)" '2,"From: +14155550132 is the phone of 2 customers (1, 4): say which by e-mail or id
3,"From: 415-555-0132 is the phone of 2 customers (1, 4): say which by e-mail or id'
}

@test "a caller's name column: --add-customers adds each unknown number once, with its phone, never by a caller ID's WIRELESS CALLER; From and To with no Direction refused at the header" {
	seed
	printf 'Phone Number,Name,Date,Action Result\n(415) 555-0132,Bob Turner,2026-11-03,Call connected\n(510) 555-0000,Ann Lee,2026-11-06,Call connected\n(212) 555-7777,WIRELESS CALLER,2026-11-07,Missed\n+1 510 555 0000,Ann Lee,2026-11-08,Call connected\n(650) 555-0101,Anonymous,2026-11-09,Call connected\n(650) 555-0102,(650) 555-0102,2026-11-09,Call connected\n(650) 555-0103,CELL PHONE   CA,2026-11-09,Call connected\n(650) 555-0104,Unknown Caller,2026-11-09,Call connected\n(650) 555-0105,RESTRICTED,2026-11-09,Call connected\n(650) 555-0106,Private,2026-11-09,Call connected\n(650) 555-0107,UNAVAILABLE,2026-11-09,Call connected\n' >rc.csv
	run --separate-stderr crm-log --import --kind call --map 'Phone Number=customer' --map 'Name=full name' --add-customers --rejects rej.csv rc.csv
	status_is 0
	eq "$stderr" "crm-log: rc.csv: 1 number taken as customers' written with a country code and without (the first: +1 510 555 0000 as customer 4's (510) 555-0000): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
3 logged, 0 already there, 1 customer added, 8 rejected"
	eq "$(sql "SELECT id || ' ' || name || ' ' || phone FROM customers WHERE id > 3 ORDER BY id" | paste -sd ,)" \
	    "4 Ann Lee (510) 555-0000"
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "1 4 4"
	eq "$(sed -n 2p rej.csv | cut -d, -f1-4)" "4,\"Phone Number: no customer with phone (212) 555-7777, and 'WIRELESS CALLER' is a caller ID's, no name: crm-add -n NAME -p '(212) 555-7777' adds her\""
	eq "$(sed 1d rej.csv | cut -d"'" -f2 | paste -sd ,)" "WIRELESS CALLER,Anonymous,(650) 555-0102,CELL PHONE   CA,Unknown Caller,RESTRICTED,Private,UNAVAILABLE"
	# without --add-customers, the hint is not that it would add them
	run --separate-stderr crm-log --import --kind call --map 'Phone Number=customer' --map 'Name=full name' --rejects rej.csv rc.csv
	eq "$(sed -n 2p rej.csv | cut -d, -f2-3)" "Phone Number: no customer '(212) 555-7777' (a number alone adds nobody: crm-add -n NAME -p '(212) 555-7777' adds her),(212) 555-7777"
	printf 'From,To,Start Time\n+14155550132,+14155550100,2026-11-03T14:00:00Z\n' >nodir.csv
	run --separate-stderr crm-log --import --kind call nodir.csv
	fails 65 "crm-log: nodir.csv:1: no customer column: a call log's numbers, and no Direction column to say whether From or To is the customer's: say which with --map 'From=customer'"
}

@test "a stream's customer and the command line's by phone, as crm-add compares numbers" {
	seed
	printf 'customer\n+14155550132\n+447700900123\n' | crm-log - call Called back >/dev/null
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "1 2"
	run --separate-stderr crm-log '+1 212-555-0199' call Called back
	status_is 0
	eq "$output" 3
	eq "$(sql 'SELECT customer_id FROM interactions WHERE id = 3')" 3
	run --separate-stderr crm-log '+1 510 555 0000' call Called back
	fails 65 "crm-log: no customer '+1 510 555 0000'"
	# Bare digits are a customer number in some system, not a phone.
	run --separate-stderr crm-log 4155550132 call Called back
	fails 65 "crm-log: no customer '4155550132'"
	crm-add -n 'Ann Turner' -e ann@turner.example.com -p '415.555.0132' >/dev/null
	run --separate-stderr crm-log '+14155550132' call Called back
	fails 65 "crm-log: +14155550132 is the phone of 2 customers (1, 4): say which by e-mail or id"
}

@test "a call that did not connect says so in its summary: Twilio's no-answer and busy, RingCentral's Missed and Voicemail" {
	seed
	crm-add -n 'Claire Dubois' -p '+33 6 12 34 56 78' >/dev/null
	crm-log --import --kind call --rejects rej.csv "$DATA/real/twilio-calls.csv" 2>/dev/null
	eq "$(sql "SELECT customer_id || ' ' || coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd ,)" \
	    "1 -,3 -,2 Missed call: no-answer,4 Missed call: busy"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Status' ORDER BY interaction_id" | paste -sd ' ')" \
	    "completed completed no-answer busy"
	sql "DELETE FROM interactions" >/dev/null
	printf 'Phone Number,Name,Date,Action Result,Notes\n(415) 555-0132,Bob Turner,2026-11-03,Call connected,\n+44 7700 900123,David Lee,2026-11-05,Missed,\n+1 212-555-0199,Emma Wilson,2026-11-06,Voicemail,\n+1 212-555-0199,Emma Wilson,2026-11-07,Missed,Called back at once\n(415) 555-0132,Bob Turner,2026-11-08,Line Busy,\n' >rc.csv
	run --separate-stderr crm-log --import --kind call --map 'Phone Number=customer' rc.csv
	status_is 0
	eq "$stderr" "crm-log: rc.csv: 1 number taken as customers' written with a country code and without (the first: +44 7700 900123 as customer 2's 07700 900123): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
5 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT customer_id || ' ' || coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd ,)" \
	    "1 -,2 Missed call,3 Missed call: Voicemail,3 Called back at once,1 Missed call: Line Busy"
}

# qa28 F3, then qa29 F1: a number written with its country code and one
# written without are one number only if both are in one country, which
# crm does not know (reading it from the customers' international numbers
# took a foreign customer's country for the firm's): such a match is
# taken, and always said, never silent.
@test "a number written with its country code matches one written without only as a guess, said: on the command line, in a stream, in a call log (qa28 F3, qa29 F1)" {
	crm-add -n 'Anna' -p '030 1234567' >/dev/null
	crm-add -n 'Claire' -p '+33 6 12 34 56 78' >/dev/null
	# Anna's own call, as Twilio logs it: hers, said as a guess
	run --separate-stderr crm-log '+49 30 1234567' call
	status_is 0
	eq "$stderr" "crm-log: +49 30 1234567 as customer 1's 030 1234567 taken: one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)"
	# a stranger abroad with her digits: taken too, and said just so
	run --separate-stderr crm-log '+33 30 1234567' call
	status_is 0
	eq "$stderr" "crm-log: +33 30 1234567 as customer 1's 030 1234567 taken: one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)"
	# written alike: nothing to say
	run --separate-stderr crm-log '030 1234567' call
	status_is 0
	eq "$stderr" ""
	run --separate-stderr crm-log '+33 6 12 34 56 78' call
	status_is 0
	eq "$stderr" ""
	# a stream: said once, with how many and the first
	printf 'customer\n+49301234567\n+49 30 1234567\n030 1234567\n' >keys.csv
	run --separate-stderr crm-log - call <keys.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: stdin: 2 numbers taken as customers' written with a country code and without (the first: +49301234567 as customer 1's 030 1234567): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)"
	# a call log: once after the import
	printf 'From,To,Status,Direction,Start Time,Duration\n+49301234567,+4940999,completed,inbound,2026-11-03T14:02:11Z,60\n' >de.csv
	run --separate-stderr crm-log --import de.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: de.csv: 1 number taken as customers' written with a country code and without (the first: +49301234567 as customer 1's 030 1234567): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)"
	eq "$(sql "SELECT customer_id FROM interactions ORDER BY id" | paste -sd ' ')" "1 1 1 2 1 1 1 1"
}

# qa28 F6: Twilio's log without --kind was read as orders (its Status a
# sale's), refused for "no amount column: --map 'Price=amount'", and
# following that every row was rejected.  RingCentral's Type (Voice,
# Fax) was refused as no kind even with --kind call given.
@test "a call log without --kind is calls: Twilio's, Aircall's; RingCentral's Type Voice is a call, Fax a fax" {
	seed
	crm-add -n 'Claire Dubois' -p '+33 6 12 34 56 78' >/dev/null
	run --separate-stderr crm-log --import --rejects rej.csv "$DATA/real/twilio-calls.csv"
	status_is 0
	eq "${stderr##*$'\n'}" "4 logged, 0 already there, 1 rejected"
	local without
	without=$(sql "SELECT customer_id, at, kind, channel, coalesce(summary, '-'), coalesce(amount, -1) FROM interactions ORDER BY id")
	eq "$(sql "SELECT DISTINCT kind FROM interactions")" call
	sql "DELETE FROM interactions" >/dev/null
	crm-log --import --kind call --rejects rej.csv "$DATA/real/twilio-calls.csv" 2>/dev/null
	eq "$(sql "SELECT customer_id, at, kind, channel, coalesce(summary, '-'), coalesce(amount, -1) FROM interactions ORDER BY id")" "$without"
	# Aircall's: a direction beside a duration
	sql "DELETE FROM interactions" >/dev/null
	run --separate-stderr crm-log --import --map contact_email=email --map started_at=at --date-format %s "$DATA/real/aircall-calls.csv"
	status_is 0
	eq "$(sql "SELECT DISTINCT kind FROM interactions")" call
	# RingCentral's Type: Voice is a call, Fax a fax, with --kind or not
	printf 'Type,Phone Number,Name,Date,Direction,Action Result,Duration\nVoice,(415) 555-0132,Bob Turner,2026-11-03,Inbound,Call connected,0:02:10\nFax,(415) 555-0132,Bob Turner,2026-11-04,Outbound,Sent,0:00:40\nVoice,+1 212-555-0199,Emma Wilson,2026-11-06,Outbound,Missed,0:00:00\n' >rc.csv
	for k in '' '--kind call'; do
		sql "DELETE FROM interactions" >/dev/null
		run --separate-stderr crm-log --import $k --map 'Phone Number=customer' rc.csv
		status_is 0
		eq "$stderr" "3 logged, 0 already there, 0 rejected"
		eq "$(sql "SELECT customer_id || ' ' || kind || ' ' || coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd ,)" \
		    "1 call -,1 fax -,3 call Missed call"
	done
	# a text message is no call, and crm has no kind for it: skipped,
	# counted and said, with --kind call or not (h-call26's leftover)
	sed 's/^Fax,/SMS,/' rc.csv >sms.csv
	for k in '' '--kind call'; do
		sql "DELETE FROM interactions" >/dev/null
		run --separate-stderr crm-log --import $k --map 'Phone Number=customer' sms.csv
		status_is 0
		eq "$stderr" "crm-log: sms.csv: 1 row skipped: a text message, not a call: crm has no kind for it (SMS)
2 logged, 0 already there, 0 rejected"
		eq "$(sql "SELECT customer_id || ' ' || kind FROM interactions ORDER BY id" | paste -sd ,)" "1 call,3 call"
	done
	# a Type that is no kind, with --kind given, says --kind was
	sed 's/^Fax,/Video,/' rc.csv >video.csv
	run --separate-stderr crm-log --import --kind call --map 'Phone Number=customer' video.csv
	fails 65 "crm-log: video.csv:3: Type: 'Video' is not a kind (call email fax meeting visit web chat purchase return complaint inquiry feedback note invoice payment): --map 'Type=-' ignores the column, so that --kind call says every row's"
	# outside a call log a Voice is no kind
	printf 'Email,Type,Date\nbob@turner.example.com,Voice,2026-11-03\n' >v.csv
	run --separate-stderr crm-log --import v.csv
	fails 65 "crm-log: v.csv:2: Type: 'Voice' is not a kind (call email fax meeting visit web chat purchase return complaint inquiry feedback note invoice payment): --map 'Type=-' ignores the column, --kind then says it"
}

# qa29 F3: a call log's own id column was taken for the customer's id:
# Aircall's calls added customers named 1001, 1002, 1003, and Vonage's
# from, to and direction were passed over.
@test "a call log's id is the call's, its ref: Aircall's customer by contact_email, Vonage's by from or to as its direction says" {
	crm-add -n Bob -e bob@turner.example.com -p '(415) 555-0132' >/dev/null
	run --separate-stderr crm-log --import --add-customers "$DATA/real/aircall-calls.csv"
	status_is 0
	eq "$(sql "SELECT name FROM customers ORDER BY id" | paste -sd ,)" "Bob,dlee@example.co.uk,emma.w@example.com"
	eq "$(sql "SELECT customer_id || ' ' || ref FROM interactions ORDER BY id" | paste -sd ,)" "1 1001,2 1002,3 1003"
	sql 'DELETE FROM interactions'
	printf 'id,from,to,direction,start,duration\nv1,+14155550132,+14155550100,inbound,2026-11-03T14:00:00Z,60\nv2,+14155550100,+14155550132,outbound,2026-11-04T14:00:00Z,30\n' >vn.csv
	run --separate-stderr crm-log --import --add-customers vn.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(sql "SELECT customer_id || ' ' || kind || ' ' || ref FROM interactions ORDER BY id" | paste -sd ,)" "1 call v1,1 call v2"
}

# qa29 F9: phone systems' call logs as they are, each customer found by
# the other party's number, never the firm's.
@test "call logs as phone systems write them: Zoom Phone's (its user's email no key), 8x8's, 3CX's CDR by from-type and to-type, Vonage's, Dialpad's" {
	seed
	crm-add -n 'Maria Ortiz' -e maria@firm.example.com >/dev/null
	local f want
	for f in zoom-phone-call-logs 8x8-work-analytics-cdr vonage-call-logs dialpad-calls; do
		sql "DELETE FROM interactions" >/dev/null
		run --separate-stderr crm-log --import --rejects rej.csv "$DATA/real/$f.csv"
		status_is 0
		want="3 logged, 0 already there, 0 rejected"
		[ "$f" = zoom-phone-call-logs ] && want="3 logged, 0 already there, 1 rejected"
		eq "$f: ${stderr_lines[-1]}" "$f: $want"
		# Bob in, Emma out (To, Callee, external_number), David in:
		# the firm's +14155550100 and its user Maria are nobody's
		eq "$f: $(ats)" "$f: 1 2026-11-03T14:02:11Z 3 2026-11-04T09:15:00Z 2 2026-11-05T17:30:00Z"
	done
	# Zoom's result and Vonage's are a call's status; its e-mail a field
	sql "DELETE FROM interactions" >/dev/null
	crm-log --import --rejects rej.csv "$DATA/real/zoom-phone-call-logs.csv" 2>/dev/null
	eq "$(sql "SELECT coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd ,)" "-,-,Missed call: No Answer"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'email' ORDER BY interaction_id" | paste -sd ' ')" \
	    "maria@firm.example.com maria@firm.example.com ken@firm.example.com"
	sql "DELETE FROM interactions" >/dev/null
	crm-log --import "$DATA/real/vonage-call-logs.csv" 2>/dev/null
	eq "$(sql "SELECT ref || ' ' || coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd ,)" \
	    "f27b937d-0001 -,f27b937d-0002 -,f27b937d-0003 Missed call"
	# 3CX: the side whose type is Line; an internal call skipped, said
	sql "DELETE FROM interactions" >/dev/null
	run --separate-stderr crm-log --import "$DATA/real/3cx-cdr.csv"
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: $DATA/real/3cx-cdr.csv: 1 row skipped: an internal call, no customer's"
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 0 rejected"
	eq "$(ats)" "1 2026-11-03T14:02:11Z 3 2026-11-04T09:15:00Z"
	# both sides a Line: which is the customer is not known
	sed -n 1p "$DATA/real/3cx-cdr.csv" >ll.csv
	sed -n 2p "$DATA/real/3cx-cdr.csv" | sed 's/,Line,Extension,/,Line,Line,/' >>ll.csv
	run --separate-stderr crm-log --import ll.csv
	fails 65 "crm-log: ll.csv:2: from-type: both sides are an outside Line, so which of from-no and to-no is the customer is not known: leave such calls out of the file, or --rejects FILE sets them aside and imports the rest"
}

# qa29 F9: a layout crm does not know is read by direction once --map
# names its numbers From and To.
@test "--map 'COLUMN=from', 'COLUMN=to' and 'COLUMN=direction' read a call log crm does not know; its refusal says them" {
	seed
	printf 'A Number,B Number,Call Type,Start Time,Duration\n+14155550132,+14155550100,Incoming,2026-11-03 14:02,60\n+14155550100,+12125550199,Outgoing,2026-11-04 09:15,30\n' >odd.csv
	run --separate-stderr crm-log --import odd.csv
	fails 65 "crm-log: odd.csv:1: no customer column: if this is a call log, say which column holds the caller's number and which the called number with --map 'A Number=from' --map 'B Number=to', and which way each call went with --map 'COLUMN=direction' (the customer is From on a call in, To on a call out); or the customer's own column with --map 'COLUMN=customer'"
	run --separate-stderr crm-log --import --map 'A Number=from' --map 'B Number=to' --map 'Call Type=direction' odd.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 0 rejected"
	eq "$(ats)" "1 2026-11-03T14:02:00Z 3 2026-11-04T09:15:00Z"
	eq "$(sql "SELECT DISTINCT kind FROM interactions")" call
	# 8x8's Caller and Callee mapped past a From and To of its own
	sql "DELETE FROM interactions" >/dev/null
	printf 'From,To,Caller,Callee,Direction,Date\nMaria,Ken,+14155550132,+14155550100,Incoming,2026-11-03\n' >m.csv
	run --separate-stderr crm-log --import --map Caller=from --map Callee=to m.csv
	status_is 0
	eq "$(ats)" "1 2026-11-03T00:00:00Z"
	# one number: the other party's, said so
	printf 'Date,Number,Name,Call Type\n2026-11-03,+14155550132,Bob Turner,Incoming\n' >one.csv
	run --separate-stderr crm-log --import one.csv
	fails 65 "crm-log: one.csv:1: no customer column: if this is a call log and its one number the other party's, say so with --map 'Number=customer'"
	# a file that is no call log: as before
	printf 'Name,Date\nBob,2026-11-03\n' >plain.csv
	run --separate-stderr crm-log --import plain.csv
	fails 65 "crm-log: plain.csv:1: no customer column (id, external_id, email or customer): say which with --map 'Name=customer' (a name, or =email, =external_id)"
}

@test "a call log's internal call (Direction internal) is no customer's: skipped, counted, said" {
	seed
	printf 'From,To,Direction,Start Time\n+14155550132,+14155550100,inbound,2026-11-03T14:00:00Z\n101,102,internal,2026-11-03T15:00:00Z\n' >int.csv
	run --separate-stderr crm-log --import int.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: int.csv: 1 row skipped: an internal call, no customer's"
	eq "${stderr_lines[-1]}" "1 logged, 0 already there, 0 rejected"
	eq "$(ats)" "1 2026-11-03T14:00:00Z"
}

# h-calllay30's leftovers: a call's id (Twilio's Call SID, its API's sid,
# Zoom Phone's call_id) is the call's ref, so a log exported again with
# a note edited is the same calls; 8x8's Completed call of no Talk Time
# was nobody's answer.
@test "a call log's call id is the call's ref: read again with a note edited, nothing is logged twice; 8x8's Talk Time 00:00:00 is a missed call" {
	seed
	crm-add -n 'Claire Dubois' -p '+33 6 12 34 56 78' >/dev/null
	awk 'NR == 1 { print $0 ",Notes"; next } { print $0 ",note " NR }' \
	    "$DATA/real/twilio-calls.csv" >tw1.csv
	sed 's/note 2$/called back/' tw1.csv >tw2.csv
	run --separate-stderr crm-log --import --rejects rej.csv tw1.csv
	status_is 0
	eq "${stderr_lines[-1]}" "4 logged, 0 already there, 1 rejected"
	eq "$(sql "SELECT ref || ' ' || summary FROM interactions ORDER BY id" | paste -sd ,)" \
	    "CA0001 note 2,CA0002 note 3,CA0003 note 4,CA0004 note 5"
	run --separate-stderr crm-log --import --rejects rej.csv tw2.csv
	status_is 0
	eq "${stderr_lines[-1]}" "0 logged, 4 already there, 1 rejected"
	# the Call resource's own field name, sid; its Parent Call SID no ref
	sql "DELETE FROM interactions" >/dev/null
	sed '1s/,Call SID,/,sid,/' tw1.csv >sid1.csv
	sed '1s/,Call SID,/,sid,/' tw2.csv >sid2.csv
	crm-log --import --rejects rej.csv sid1.csv 2>/dev/null
	run --separate-stderr crm-log --import --rejects rej.csv sid2.csv
	eq "${stderr_lines[-1]}" "0 logged, 4 already there, 1 rejected"
	eq "$(sql "SELECT ref FROM interactions ORDER BY id" | paste -sd ,)" "CA0001,CA0002,CA0003,CA0004"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Parent Call SID'")" CA0002
	# Zoom Phone's call_id beside its charge (the API's fields)
	sql "DELETE FROM interactions" >/dev/null
	awk -F, 'NR == 1 { print "call_id," $0 ",charge,notes"; next }
	    { print "z" NR "," $0 ",0.02,note " NR }' \
	    "$DATA/real/zoom-phone-call-logs.csv" >zm1.csv
	sed 's/note 2$/called back/' zm1.csv >zm2.csv
	crm-log --import --rejects rej.csv zm1.csv 2>/dev/null
	run --separate-stderr crm-log --import --rejects rej.csv zm2.csv
	eq "${stderr_lines[-1]}" "0 logged, 3 already there, 1 rejected"
	eq "$(sql "SELECT ref || ' ' || summary FROM interactions ORDER BY id" | paste -sd ,)" \
	    "z2 note 2,z3 note 3,z4 note 4"
	# 8x8: c-0003 rang out, Status Completed, Talk Time 00:00:00
	sql "DELETE FROM interactions" >/dev/null
	crm-log --import "$DATA/real/8x8-work-analytics-cdr.csv" 2>/dev/null
	eq "$(sql "SELECT ref || ' ' || coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd ,)" \
	    "c-0001 -,c-0002 -,c-0003 Missed call"
	# a Talk Time left empty says nothing
	sql "DELETE FROM interactions" >/dev/null
	sed '4s/,00:00:00,/,,/' "$DATA/real/8x8-work-analytics-cdr.csv" >e8.csv
	crm-log --import e8.csv 2>/dev/null
	eq "$(sql "SELECT coalesce(summary, '-') FROM interactions WHERE ref = 'c-0003'")" -
}
