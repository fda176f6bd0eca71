#!/usr/bin/env bats
# Test plan: the other party's NAME in a phone system's call log read by
# direction (qa32 F1, F10; the shapes in t/data/real/SOURCES.md).
#   - --add-customers names a new customer by the caller's name on a
#     call in and the callee's on a call out, as it reads her number:
#     Zoom Phone's caller_name and callee_name, 8x8's Caller Name and
#     Callee Name, 3CX's from-dispname and to-dispname by its Line side;
#     never the firm's own user on the other side (Zoom's Maria Ortiz)
#   - a row whose side's name is empty is bad, naming that column, and
#     never suggests a column of names that is the firm's on some rows;
#     a caller ID's placeholder (WIRELESS CALLER) is no name
#   - a call log with no name columns (Vonage's, Twilio's) says the pair
#     --map 'COLUMN=from name' --map 'COLUMN=to name', and following it
#     names the right party; one with the caller's name only (Twilio's
#     caller_name) says the callee's column on a call out
#   - a caller's or callee's name column mapped as the customer's name
#     (--map 'caller_name=full name', crm's old hint) is refused at the
#     header, the database unchanged
#   - without --add-customers a named row says --add-customers
#   - a call of no known direction says --rejects as the way out, and
#     --rejects takes it out and logs the rest

bats_require_minimum_version 1.5.0

load helper

customers() {
	sql "SELECT id || ' ' || name || ' ' || coalesce(phone, '-') FROM customers ORDER BY id" | paste -sd ,
}

# The second column (why) of each row of a rejects file.
why() {
	sed 1d "$1" | sed -E 's/^[0-9]+,("([^"]*)"|([^,]*)).*/\2\3/'
}

@test "Zoom Phone: --add-customers names the caller on a call in, the callee on a call out, never the firm's user" {
	local f="$DATA/real/zoom-phone-call-logs.csv"
	run --separate-stderr crm-log --import --add-customers --rejects rej.csv "$f"
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 2 customers added, 2 rejected"
	eq "$(customers)" "1 Bob Turner +14155550132,2 David Lee +447700900123"
	eq "$(why rej.csv)" "callee_number: no customer with phone +12125550199, and no name in callee_name to add her by: crm-add -n NAME -p '+12125550199' adds her
caller_number: no customer with phone +15105550000, and 'WIRELESS CALLER' is a caller ID's, no name: crm-add -n NAME -p '+15105550000' adds her"
	# the call out with its callee's name: hers, not Maria Ortiz's
	sed '3s/,2,,outbound,/,2,Emma Wilson,outbound,/' "$f" >z.csv
	run --separate-stderr crm-log --import --add-customers --rejects rej.csv z.csv
	status_is 0
	eq "${stderr_lines[-1]}" "1 logged, 2 already there, 1 customer added, 1 rejected"
	eq "$(customers)" "1 Bob Turner +14155550132,2 David Lee +447700900123,3 Emma Wilson +12125550199"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Maria Ortiz' OR name = 'Ken Ito'")" 0
	# the names stay the call's extra fields
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'caller_name' ORDER BY interaction_id" | paste -sd ,)" \
	    "Bob Turner,David Lee,Maria Ortiz"
}

@test "8x8's Caller Name and Callee Name, 3CX's from-dispname and to-dispname: the other party's by direction or Line side" {
	sed '3s/,Maria Ortiz,$/,Maria Ortiz,Emma Wilson/' "$DATA/real/8x8-work-analytics-cdr.csv" >e.csv
	run --separate-stderr crm-log --import --add-customers --rejects rej.csv e.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 2 customers added, 1 rejected"
	eq "$(customers)" "1 Bob Turner +14155550132,2 Emma Wilson +12125550199"
	eq "$(why rej.csv)" "Caller: no customer with phone +447700900123, and no name in Caller Name to add her by: crm-add -n NAME -p '+447700900123' adds her"
	sql "DELETE FROM interactions; DELETE FROM customers" >/dev/null
	sed '3s/,Maria Ortiz,,,$/,Maria Ortiz,Emma Wilson,Emma Wilson,/' "$DATA/real/3cx-cdr.csv" >x.csv
	run --separate-stderr crm-log --import --add-customers x.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(customers)" "3 Bob Turner +14155550132,4 Emma Wilson +12125550199"
}

@test "a caller's or callee's name column mapped as the customer's name is refused at the header; without --add-customers a named row says it" {
	local f="$DATA/real/zoom-phone-call-logs.csv" before
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	before=$(dump)
	run --separate-stderr crm-log --import --add-customers --map 'caller_name=full name' "$f"
	fails 65 "crm-log: $f:1: caller_name: the caller's name is the firm's own user's on a call out, so it is no customer's name on every row: without that --map crm reads it as hers on calls in, and the callee's name on calls out"
	eq "$(dump)" "$before"
	run --separate-stderr crm-log --import --add-customers --map 'Callee Name=first name' "$DATA/real/8x8-work-analytics-cdr.csv"
	fails 65 "crm-log: $DATA/real/8x8-work-analytics-cdr.csv:1: Callee Name: the callee's name is the firm's own user's on a call in, so it is no customer's name on every row: without that --map crm reads it as hers on calls out, and the caller's name on calls in"
	eq "$(dump)" "$before"
	# the number alone names nobody crm has; the caller's name is there
	run --separate-stderr crm-log --import --rejects rej.csv "$f"
	status_is 65
	eq "$(why rej.csv | sed -n 1p)" "caller_number: no customer '+14155550132' (--add-customers adds them)"
	eq "$(why rej.csv | sed -n 2p)" "callee_number: no customer '+12125550199' (a number alone adds nobody: crm-add -n NAME -p '+12125550199' adds her)"
}

@test "a call log with no names says the pair --map 'COLUMN=from name' --map 'COLUMN=to name'; following it names the other party" {
	run --separate-stderr crm-log --import --add-customers --rejects rej.csv "$DATA/real/vonage-call-logs.csv"
	status_is 65
	eq "$(why rej.csv | sed -n 2p)" "to: no customer with phone +12125550199, and no name to add her by: crm-add -n NAME -p '+12125550199' adds her, and so do columns of the caller's and the callee's names (--map 'COLUMN=from name' --map 'COLUMN=to name': the customer's is the caller's on a call in, the callee's on a call out)"
	printf 'id,from,to,direction,start,Who,Whom\nv1,+14155550132,+14155550100,Inbound,2026-11-03 14:02:11,Bob Turner,Maria Ortiz\nv2,+14155550100,+12125550199,Outbound,2026-11-04 09:15:00,Maria Ortiz,Emma Wilson\n' >v.csv
	run --separate-stderr crm-log --import --add-customers --map 'Who=from name' --map 'Whom=to name' v.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(customers)" "1 Bob Turner +14155550132,2 Emma Wilson +12125550199"
	# found again by number: nobody added twice
	run --separate-stderr crm-log --import --add-customers --map 'Who=from name' --map 'Whom=to name' v.csv
	status_is 0
	eq "${stderr_lines[-1]}" "0 logged, 2 already there, 0 customers added, 0 rejected"
	# Twilio's caller_name (an inbound call's caller ID) alone: a call
	# out asks for the callee's column only
	sql "DELETE FROM interactions; DELETE FROM customers" >/dev/null
	printf 'Call SID,From,To,Direction,Start Time,Caller Name\nCA1,+15105550000,+14155550100,inbound,2026-11-03T14:00:00Z,Ann Lee\nCA2,+14155550100,+33612345678,outbound-api,2026-11-04T14:00:00Z,\n' >t.csv
	run --separate-stderr crm-log --import --add-customers --rejects rej.csv t.csv
	status_is 0
	eq "$(customers)" "3 Ann Lee +15105550000"
	eq "$(why rej.csv)" "To: no customer with phone +33612345678, and no name to add her by: crm-add -n NAME -p '+33612345678' adds her, and so does a column of the callee's names (--map 'COLUMN=to name')"
}

@test "a call of no known direction, or with two outside Lines, says --rejects as the way out; --rejects logs the rest" {
	crm-add -n 'Bob Turner' -p '(415) 555-0132' >/dev/null
	printf 'From,To,Direction,Start Time\n+14155550132,+14155550100,inbound,2026-11-03T14:00:00Z\n+14155550132,+14155550100,forwarded,2026-11-03T15:00:00Z\n' >d.csv
	run --separate-stderr crm-log --import d.csv
	fails 65 "crm-log: d.csv:3: Direction: 'forwarded' is neither inbound nor outbound, so which of From and To is the customer is not known: leave such calls out of the file, or --rejects FILE sets them aside and imports the rest"
	run --separate-stderr crm-log --import --rejects rej.csv d.csv
	status_is 0
	eq "${stderr_lines[-1]}" "1 logged, 0 already there, 1 rejected"
	eq "$(sed 1d rej.csv | cut -d, -f1)" 3
	sed -n 1p "$DATA/real/3cx-cdr.csv" >ll.csv
	sed -n 2p "$DATA/real/3cx-cdr.csv" | sed 's/,Line,Extension,/,Line,Line,/' >>ll.csv
	run --separate-stderr crm-log --import ll.csv
	fails 65 "crm-log: ll.csv:2: from-type: both sides are an outside Line, so which of from-no and to-no is the customer is not known: leave such calls out of the file, or --rejects FILE sets them aside and imports the rest"
}
