#!/usr/bin/env bats
# Test plan: crm-log --import of help desks' and surveys' exports that
# qa26 met (t/data/real: Zendesk, Jira; Help Scout and Delighted in the
# shapes the tester reconstructed, made here).
#   - a ticket's number is its identity: the same ticket exported again
#     with an edited subject is the same complaint, said as differing in
#     summary, not a second one (Zendesk's Id, Jira's Issue key, Help
#     Scout's Number, or its Conversation ID without one)
#   - an NPS survey's Score (0 to 10) is never read as a 1 to 5 rating,
#     even in a month whose scores are all 5 or less: its NPS answer
#     (t/344), said; a bare Score read as a rating by its cells is said
#   - Help Scout's ratings Great, Okay, Not Good are 5, 3, 1; a card
#     terminal's Successful (SumUp's) is paid
#   - a survey's Comment is the summary (one logged without it gets it,
#     not a second row, and loses the extra field that held it: qa28
#     F9); Help Scout's Assigned To is the owner
#   - a ticket an older crm logged without its number (Jira's Issue key,
#     Help Scout's Number) gets it and its agent, so that an edited
#     subject later is the same ticket (qa28 F2)

bats_require_minimum_version 1.5.0

load helper

# Help Scout's conversations as the qa26 tester had them (reconstructed).
helpscout() {
	printf '%s\n' 'Conversation ID,Number,Subject,Customer Name,Customer Email,Status,Mailbox,Assigned To,Tags,Created At,Closed At' \
	    '2871001,1041,"Refund not received, order #5512",Bob Ray,bob@example.com,closed,Support,Maria Ortiz,refund,2026-11-02T09:00:00Z,2026-11-03T10:30:00Z' \
	    '2871002,1042,Where is my parcel?,Cy Dee,cy@example.com,active,Support,,shipping,2026-11-20T14:00:00Z,' \
	    '2871003,1043,Damaged item,Cy Dee,cy@example.com,pending,Support,Ken Ito,,2026-11-25T08:00:00Z,'
}

open_complaints() {
	sql "SELECT count(*) FROM interactions WHERE kind = 'complaint' AND resolved IS NULL"
}

# qa26 F1: Broken mug became "Broken mug (photos)" in the next export:
# it was logged as a second open complaint of Bob's, both ref 102.
@test "Zendesk: a ticket whose subject was edited is the same complaint, said, not a second one" {
	local f="$DATA/real/zendesk-tickets.csv"
	run --separate-stderr crm-log --import --kind complaint --add-customers "$f"
	status_is 0
	sed 's/,Broken mug,/,Broken mug (photos),/' "$f" >edited.csv
	run --separate-stderr crm-log --import --kind complaint edited.csv
	status_is 0
	eq "$stderr" "crm-log: edited.csv: 1 row already there differs in summary: not changed (an import adds what a row lacks, it does not change what was logged)
crm-log: edited.csv: 1 complaint solved or closed by Status with no time it was: left open (name the column of that time with --map 'COLUMN=resolved')
0 logged, 4 already there, 0 rejected"
	eq "$(sql "SELECT count(*) || ' ' || min(summary) FROM interactions WHERE ref = '102'")" "1 Broken mug"
	eq "$(open_complaints)" 2
}

# Jira's Issue key is the ticket's number, its Assignee the agent.  The
# next export: SUP-101's summary edited, SUP-102 resolved since.
# November's resolution times: 101 3 Nov 09:41 to 5 Nov 16:10 (54.5 h),
# 102 10 Nov 11:05 to 18 Nov 08:00 (188.9 h), 103 14 Nov 15:42 to 20 Nov
# 09:00 (137.3 h): median 137.3 h (qa26: with 101 logged twice, 54.5).
@test "Jira: the Issue key is the ref and the row's identity, the Assignee the owner" {
	local f="$DATA/real/jira-issues.csv" d='%d/%b/%y %I:%M %p'
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	crm-add -n 'Cy Dee' -e cy@example.com >/dev/null
	run --separate-stderr crm-log --import --kind complaint --date-format "$d" --map Reporter=customer "$f"
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT customer_id, ref, owner FROM interactions ORDER BY id")" "1|SUP-101|Maria Ortiz
2|SUP-102|Maria Ortiz
3|SUP-103|Ken Ito"
	sed 's/^"Oven arrived dented, want replacement"/Oven arrived dented - replacement sent/; s/Waiting for support,\(.*\),,Maria Ortiz\(.*\),12\/Nov\/26 8:00 AM,,,/Resolved,\1,Done,Maria Ortiz\2,18\/Nov\/26 8:00 AM,,18\/Nov\/26 8:00 AM,/' "$f" >later.csv
	run --separate-stderr crm-log --import --kind complaint --date-format "$d" --map Reporter=customer later.csv
	status_is 0
	eq "$stderr" "crm-log: later.csv: 1 row already there differs in summary: not changed (an import adds what a row lacks, it does not change what was logged)
0 logged, 2 already there, 1 resolved, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions")" 3
	run --separate-stderr crm-report service --from 2026-11-01 --to 2026-12-01 -f period,opened,resolved,still_open,median_hours -o csv
	eq "$output" "period,opened,resolved,still_open,median_hours
2026-11,3,3,0,137.3"
}

# Before qa26 Jira's Issue key (and Help Scout's Number) was an extra
# field: the tickets an import logged then have no ref.  The export read
# again finds them, not logging them twice.
@test "Jira: tickets logged when the Issue key was not read are found again, not doubled" {
	local f="$DATA/real/jira-issues.csv" d='%d/%b/%y %I:%M %p'
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	crm-add -n 'Cy Dee' -e cy@example.com >/dev/null
	run --separate-stderr crm-log --import --kind complaint --date-format "$d" --map Reporter=customer --map 'Issue key=-' "$f"
	status_is 0
	eq "$(sql "SELECT count(ref) FROM interactions")" 0
	run --separate-stderr crm-log --import --kind complaint --date-format "$d" --map Reporter=customer "$f"
	status_is 0
	# given the number they lacked (qa28 F2)
	eq "$stderr" "0 logged, 0 already there, 3 filled in, 0 rejected"
	eq "$(sql "SELECT count(*), count(ref) FROM interactions")" "3|3"
}

@test "Help Scout: its Number is the ref, or its Conversation ID without one; an edited subject is the same ticket" {
	helpscout >hs.csv
	run --separate-stderr crm-log --import --kind complaint --add-customers hs.csv
	status_is 0
	eq "$(sql "SELECT ref FROM interactions ORDER BY id" | paste -sd ' ')" "1041 1042 1043"
	sed 's/,Where is my parcel?,/,Where is my parcel? (2nd mail),/' hs.csv >hs2.csv
	run --separate-stderr crm-log --import --kind complaint hs2.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 rejected"
	eq "$(open_complaints)" 2
	# without its Number, the conversation's id is the ticket's
	new_db
	cut -d, -f1,3- hs.csv >noid.csv
	run --separate-stderr crm-log --import --kind complaint --add-customers noid.csv
	status_is 0
	eq "$(sql "SELECT ref FROM interactions ORDER BY id" | paste -sd ' ')" "2871001 2871002 2871003"
	sed 's/,Damaged item,/,Damaged item (photos),/' noid.csv >noid2.csv
	run --separate-stderr crm-log --import --kind complaint noid2.csv
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 rejected"
}

# Delighted's responses as the qa26 tester had them (its API's names).
delighted() {
	printf '%s\n' 'Response ID,Person ID,Name,Email,Survey type,Score,Comment,Created At,Updated At,Tags,Permalink' "$@"
}

# qa26 F2: November's three detractors (5, 3, 4: NPS -100) were read as
# ratings, mean 4.00 of 5, and their Score not kept; December's 10, 0, 8
# stayed a field.  Either month: the Score kept, no rating.
@test "an NPS survey's Score of 0 to 10 is no rating, even when a month's are all 5 or less" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	delighted 'r_9001,p_11,Ann Lee,ann@example.com,nps,5,"Slow delivery, but ok",2026-11-02 10:00:00 UTC,2026-11-02 10:00:00 UTC,delivery,https://delighted.com/r/9001' \
	    'r_9002,p_12,Bob Ray,bob@example.com,nps,3,,2026-11-04 12:30:00 UTC,2026-11-04 12:30:00 UTC,billing,https://delighted.com/r/9002' >nov.csv
	run --separate-stderr crm-log --import --kind feedback nov.csv
	status_is 0
	eq "$stderr" "crm-log: nov.csv: Score read as an NPS score from 0 to 10, not as a rating: the file is a Net Promoter survey (--map 'Score=rating' reads it as one)
2 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT count(rating) FROM interactions")" 0
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'nps' ORDER BY interaction_id" | paste -sd ' ')" "5 3"
	# a header that names the scale says it too, with no survey type
	printf 'Email,Date,Score,NPS Segment\nann@example.com,2026-11-05,4,Detractor\n' >seg.csv
	run --separate-stderr crm-log --import --kind feedback seg.csv
	status_is 0
	eq "$(sql "SELECT count(rating) FROM interactions")" 0
	# a bare Score of 1 to 5 with no such sign is a rating, said so
	printf 'Email,Date,Score\nann@example.com,2026-08-01,4\n' >s.csv
	run --separate-stderr crm-log --import --kind feedback s.csv
	status_is 0
	eq "$stderr" "crm-log: s.csv: Score read as a rating from 1 to 5, as its every cell is one (if it is a score of 0 to 10, an NPS, --map 'Score=nps' reads it as one)
1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT rating FROM interactions WHERE at LIKE '2026-08-01%'")" 4
}

# qa26 F8: "a rating is from 1 to 5" for Help Scout's Not Good.  Great 5,
# Okay 3, Not Good 1: mean 3.00 of three ratings; 1042 has none.
@test "Help Scout's Rating: Great, Okay, Not Good are ratings 5, 3, 1" {
	printf '%s\n' 'Conversation ID,Number,Subject,Customer Name,Customer Email,Status,Assigned To,Created At,Closed At,Rating' \
	    '2871001,1041,Refund not received,Bob Ray,bob@example.com,closed,Maria Ortiz,2026-11-02T09:00:00Z,2026-11-03T10:30:00Z,Not Good' \
	    '2871002,1042,Where is my parcel?,Cy Dee,cy@example.com,active,,2026-11-20T14:00:00Z,,' \
	    '2871003,1043,Thanks!,Cy Dee,cy@example.com,closed,Ken Ito,2026-11-21T08:00:00Z,2026-11-21T08:05:00Z,Great' \
	    '2871004,1044,Damaged item,Ann Lee,ann@example.com,pending,Ken Ito,2026-11-25T08:00:00Z,,Okay' >hs.csv
	run --separate-stderr crm-log --import --kind complaint --add-customers hs.csv
	status_is 0
	eq "$(sql "SELECT ref || ' ' || coalesce(CAST(rating AS TEXT), '-') FROM interactions ORDER BY id" | paste -sd ,)" "1041 1,1042 -,1043 5,1044 3"
	run --separate-stderr crm-report satisfaction --from 2026-11-01 --to 2026-12-01 -o csv
	eq "$output" $'period,ratings,mean_rating\n2026-11,3,3.00'
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Rating' ORDER BY interaction_id" | paste -sd ,)" "Not Good,Great,Okay"
}

# qa26 F8: SumUp's Status Successful was refused ("write paid ... in its
# place").  45.50 paid, 12.00 failed: revenue 45.50.
@test "a card terminal's Status Successful is paid; Failed is skipped" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	printf '%s\n' 'Email,Date,Transaction ID,Transaction Type,Status,Total Amount' \
	    'ann@example.com,2026-11-03 09:12,TDXK2P7Q,Sale,Successful,45.50' \
	    'ann@example.com,2026-11-04 15:03,TF1A9B8C,Sale,Failed,12.00' >tx.csv
	run --separate-stderr crm-log --import tx.csv
	status_is 0
	eq "$stderr" "crm-log: tx.csv: 1 row skipped: not a purchase (Failed)
1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind || ' ' || amount || ' ' || ref FROM interactions")" "purchase 4550 TDXK2P7Q"
}

# qa26 F9: Delighted's Comment was an extra field (Commentaire was the
# summary); Help Scout's Assigned To too (Zendesk's Assignee was the owner).
@test "a survey's Comment is the summary; Help Scout's Assigned To is the owner" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	delighted 'r_9001,p_11,Ann Lee,ann@example.com,nps,9,"Slow delivery, but ok",2026-11-02 10:00:00 UTC,2026-11-02 10:00:00 UTC,delivery,https://delighted.com/r/9001' \
	    'r_9002,p_12,Bob Ray,bob@example.com,nps,10,,2026-11-04 12:30:00 UTC,2026-11-04 12:30:00 UTC,billing,https://delighted.com/r/9002' >dl.csv
	# as an import that did not read it logged them: then read, filled in
	run --separate-stderr crm-log --import --kind feedback --map 'Comment=-' dl.csv
	status_is 0
	run --separate-stderr crm-log --import --kind feedback dl.csv
	status_is 0
	eq "$stderr" "0 logged, 1 already there, 1 filled in, 0 rejected"
	eq "$(sql "SELECT coalesce(summary, '-') FROM interactions ORDER BY id" | paste -sd '|')" "Slow delivery, but ok|-"
	new_db
	helpscout >hs.csv
	run --separate-stderr crm-log --import --kind complaint --add-customers hs.csv
	status_is 0
	eq "$(sql "SELECT ref || ' ' || coalesce(owner, '-') FROM interactions ORDER BY id" | paste -sd ,)" "1041 Maria Ortiz,1042 -,1043 Ken Ito"
}

# qa28 F9: a row an older crm logged kept its Comment as an extra field;
# the summary filled in from it left the field beside it, twice.
@test "a Comment filled in as an old row's summary is no longer kept as its extra field too" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	delighted 'r_9001,p_11,Ann Lee,ann@example.com,nps,9,great,2026-11-02 10:00:00 UTC,2026-11-02 10:00:00 UTC,,' \
	    'r_9002,p_12,Bob Ray,bob@example.com,nps,3,bad,2026-11-04 12:30:00 UTC,2026-11-04 12:30:00 UTC,,' >dl.csv
	# as an older crm logged them: no summary, the Comment a field
	crm-log --import --kind feedback --map 'Comment=-' dl.csv 2>/dev/null
	sql "INSERT INTO interaction_fields (interaction_id, key, value) VALUES (1, 'Comment', 'great'), (2, 'Comment', 'bad')"
	run --separate-stderr crm-log --import --kind feedback dl.csv
	status_is 0
	eq "$stderr" "0 logged, 0 already there, 2 filled in, 0 rejected"
	eq "$(sql "SELECT summary FROM interactions ORDER BY id" | paste -sd '|')" "great|bad"
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'Comment'")" 0
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'nps'")" 2
	# a field that says otherwise than the summary is no copy: it stays
	new_db
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	crm-log --import --kind feedback --map 'Comment=-' dl.csv 2>/dev/null
	sql "INSERT INTO interaction_fields (interaction_id, key, value) VALUES (1, 'Comment', 'great!')"
	crm-log --import --kind feedback dl.csv 2>/dev/null
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Comment'")" "great!"
	# crm undo (SQLite's own) takes the filling in back, field and all
	is_pg "$CRM_DB" && return 0
	sql "DELETE FROM interaction_fields WHERE key = 'Comment'"
	sql "UPDATE interactions SET summary = NULL"
	sql "INSERT INTO interaction_fields (interaction_id, key, value) VALUES (1, 'Comment', 'great'), (2, 'Comment', 'bad')"
	crm-log --import --kind feedback dl.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'Comment'")" 0
	run crm undo
	status_is 0
	eq "$(sql "SELECT count(summary) FROM interactions")" 0
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Comment' ORDER BY interaction_id" | paste -sd ' ')" "great bad"
}

# qa28 F2: 55ab84a found a ticket an older crm had logged without its
# number (Jira's Issue key, Help Scout's Number were extra fields then)
# but left it without: an edited subject in a later export then logged
# the ticket a second time.  It is given its number and agent.
@test "a ticket an older crm logged without its number gets it and its agent, so an edited subject is still the same ticket" {
	local f="$DATA/real/jira-issues.csv" d='%d/%b/%y %I:%M %p'
	local J=(--kind complaint --date-format "$d" --map Reporter=customer)
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com >/dev/null
	crm-add -n 'Cy Dee' -e cy@example.com >/dev/null
	# as an older crm logged them: no ref, no owner, both extra fields
	crm-log --import "${J[@]}" --map 'Issue key=-' --map 'Assignee=-' "$f" 2>/dev/null
	sql "INSERT INTO interaction_fields (interaction_id, key, value) VALUES (1, 'Issue key', 'SUP-101'), (1, 'Assignee', 'Maria Ortiz'), (2, 'Issue key', 'SUP-102'), (2, 'Assignee', 'Maria Ortiz'), (3, 'Issue key', 'SUP-103'), (3, 'Assignee', 'Ken Ito')"
	eq "$(sql "SELECT count(ref), count(owner) FROM interactions")" "0|0"
	run --separate-stderr crm-log --import "${J[@]}" "$f"
	status_is 0
	eq "$stderr" "0 logged, 0 already there, 3 filled in, 0 rejected"
	eq "$(sql "SELECT customer_id, ref, owner FROM interactions ORDER BY id")" "1|SUP-101|Maria Ortiz
2|SUP-102|Maria Ortiz
3|SUP-103|Ken Ito"
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key IN ('Issue key', 'Assignee')")" 0
	run --separate-stderr crm-log --import "${J[@]}" "$f"
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	sed 's/^"Oven arrived dented, want replacement"/Oven arrived dented - replacement sent/' "$f" >later.csv
	run --separate-stderr crm-log --import "${J[@]}" later.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions")" 3
	# Help Scout's Number and Assigned To the same way
	new_db
	helpscout >hs.csv
	crm-log --import --kind complaint --add-customers --map Number=- --map 'Conversation ID=-' --map 'Assigned To=-' hs.csv 2>/dev/null
	eq "$(sql "SELECT count(ref), count(owner) FROM interactions")" "0|0"
	run --separate-stderr crm-log --import --kind complaint hs.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 0 already there, 3 filled in, 0 rejected"
	eq "$(sql "SELECT ref || ' ' || coalesce(owner, '-') FROM interactions ORDER BY id" | paste -sd ,)" "1041 Maria Ortiz,1042 -,1043 Ken Ito"
	sed 's/,Damaged item,/,Damaged item (photos),/' hs.csv >hs2.csv
	run --separate-stderr crm-log --import --kind complaint hs2.csv
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions")" 3
}
