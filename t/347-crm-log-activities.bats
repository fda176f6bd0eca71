#!/usr/bin/env bats
# Test plan: crm-log --import of another CRM's activities, in the shapes
# qa30 and qa31 met (t/data/real: Salesforce's Tasks and its report,
# HubSpot's calls and tasks, Pipedrive's activities, Zoho CRM's Calls,
# Calendly's scheduled events).
#   - an open task, a planned or cancelled call, a cancelled booking and
#     a no-show are skipped and counted, said with the word that said so
#     and crm-remind for open tasks: never logged as a contact that took
#     place (qa30 F1, qa31 F4)
#   - an activity's own id as its ref is the activity: exported again
#     with its note edited, or read again under another TZ, it is the
#     same row, said as differing in summary (qa30 F3)
#   - an activity's own time (Zoho's Call Start Time, Pipedrive's Due
#     date and Due time, HubSpot's Activity date, Salesforce's
#     COMPLETEDDATETIME) before the record's creation time (qa30 F6)
#   - its owner, its body as the summary (its subject when the body is
#     empty), its types Other, Task, Lunch as kinds (qa30 F7)
#   - a row of an empty time in a file with a time column is not "the
#     same" as an earlier activity of any time; the time hint says how
#     many cells hold dates (qa30 F4); a task report without --kind is
#     refused for no kind column (qa30 F10)
#   - a note body written in HTML is stored as its text, its HTML kept
#     as an extra field, said once (qa30 F8)

bats_require_minimum_version 1.5.0

load helper

# The customers of the activities, by the other CRM's ids.
people() {
	printf '%s\n' 'name,email,external_id' \
	    "Ann Lee,ann@northwind.example,$1" \
	    "Bob Martin,bob@contoso.example,$2" \
	    "Cai Chen,cai@example.com,$3" >people.csv
	crm-add --import people.csv >/dev/null
}

@test "Salesforce Tasks: open tasks are skipped and counted, not logged as calls; COMPLETEDDATETIME is the time; Other is a note" {
	people 0035g00000AAAAAAA1 0035g00000AAAAAAA2 0035g00000AAAAAAA3
	run --separate-stderr crm-log --import --map WHOID=external_id \
	    --map ID=ref "$DATA/real/salesforce-tasks.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/salesforce-tasks.csv: 2 rows skipped: not done yet (Not Started, In Progress); open tasks are reminders, not contacts: crm-remind import FILE adds them
crm-log: $DATA/real/salesforce-tasks.csv:2: 1 row names a deal not linked (WHATID '0065g00000OPP0001'): crm has no such deal: logged without it (import the deals first, crm-deal --import; this file imported again then links them)
4 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT group_concat(ref || ' ' || kind || ' ' || at, '; ') FROM interactions")" \
	    "00T5g00000T0000001 call 2026-03-10T15:45:00Z; 00T5g00000T0000002 email 2026-03-11T08:05:00Z; 00T5g00000T0000005 meeting 2026-02-02T17:00:00Z; 00T5g00000T0000006 note 2026-04-20T10:05:00Z"
	# the body is the summary, the subject kept beside it
	eq "$(sql "SELECT summary FROM interactions WHERE ref = '00T5g00000T0000005'")" "Met at trade fair"
	eq "$(sql "SELECT summary FROM interactions WHERE ref = '00T5g00000T0000006'")" "Sent brochure by post"
	# OWNERID holds ids: no owner named by one, the id kept as a field
	eq "$(sql "SELECT count(*) FROM interactions WHERE owner IS NOT NULL")" 0
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'OWNERID'")" 4
	# Bob's last contact is his meeting of February, not a task due later
	eq "$(sql "SELECT max(at) FROM interactions WHERE customer_id = 2")" "2026-02-02T17:00:00Z"
	# a type of the CRM's own, with --kind: that kind, the type kept
	sed 's/"Meeting","Task","true"/"Site visit","Task","true"/' \
	    "$DATA/real/salesforce-tasks.csv" >own.csv
	run --separate-stderr crm-log --import --kind visit \
	    --map WHOID=external_id --map ID=ref own.csv
	status_is 0
	eq "$(sql "SELECT i.kind || ' ' || f.value FROM interactions i JOIN interaction_fields f ON f.interaction_id = i.id AND f.key = 'TYPE'")" \
	    "visit Site visit"
}

@test "Salesforce Tasks: a done task of no COMPLETEDDATETIME (an older one) is at its ACTIVITYDATE, not at now" {
	people 0035g00000AAAAAAA1 0035g00000AAAAAAA2 0035g00000AAAAAAA3
	sed 's/"2026-04-20T10:05:00.000Z"/""/' "$DATA/real/salesforce-tasks.csv" >old.csv
	run --separate-stderr crm-log --import --map WHOID=external_id \
	    --map ID=ref old.csv
	status_is 0
	eq "$(sql "SELECT at FROM interactions WHERE ref = '00T5g00000T0000006'")" \
	    "2026-04-20T00:00:00Z"
}

@test "Zoho Calls: Call Start Time is the time, not Created Time; a scheduled or cancelled call is skipped; Call Owner is the owner" {
	people zcrm_5725767000000384001 zcrm_5725767000000384002 zcrm_5725767000000384003
	sed 's/^\(zcrm_5725767000000500004,.*\),Scheduled,/\1,Cancelled,/' \
	    "$DATA/real/zoho-calls-scheduled.csv" >cancelled.csv
	TZ=Europe/London run --separate-stderr crm-log --import --kind call \
	    --map 'Who Id=external_id' "$DATA/real/zoho-calls-scheduled.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/zoho-calls-scheduled.csv: 1 row skipped: not done yet (Scheduled); open tasks are reminders, not contacts: crm-remind import FILE adds them
3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT group_concat(at || ' ' || owner || ' ' || summary, '; ') FROM interactions")" \
	    "2026-03-10T10:30:00Z Rep One Discussed renewal, wants discount; 2026-10-25T02:30:00Z Rep Two Support; 2026-04-02T08:00:00Z Rep One Missed"
	eq "$(sql "SELECT max(at) FROM interactions WHERE customer_id = 1")" "2026-03-10T10:30:00Z"
	TZ=Europe/London run --separate-stderr crm-log --import --kind call \
	    --map 'Who Id=external_id' cancelled.csv
	status_is 0
	eq "$stderr" "crm-log: cancelled.csv: 1 row skipped: did not take place (Cancelled)
0 logged, 3 already there, 0 rejected"
}

@test "Pipedrive activities: To do is skipped; Due date and Due time are the time; Assigned to user the owner; Lunch a meeting; Activity - ID the ref" {
	people 101 102 103
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' \
	    "$DATA/real/pipedrive-activities.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/pipedrive-activities.csv: 3 rows skipped: not done yet (To do); open tasks are reminders, not contacts: crm-remind import FILE adds them
crm-log: $DATA/real/pipedrive-activities.csv: 1 summary written in HTML stored as text (tags out, entities decoded), the HTML kept as the extra field Activity - Note (HTML)
crm-log: $DATA/real/pipedrive-activities.csv:2: 2 rows name a deal not linked (Deal - Title 'Big deal', ...): crm has no such deal: logged without it (import the deals first, crm-deal --import; this file imported again then links them)
3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT group_concat(ref, ' ') FROM interactions")" "9001 9002 9003"
	eq "$(sql "SELECT group_concat(kind || ' ' || at || ' ' || owner || ' ' || summary, '; ') FROM interactions")" \
	    "call 2026-03-10T10:30:00Z Rep One Good intro; meeting 2026-03-12T12:00:00Z Rep Two Lunch; email 2026-03-15T09:00:00Z Rep One Quote v2
sent"
}

# qa35 F9: a task due 2026-11-30 (no Due time) marked done 2026-12-07
# 10:00 was logged 2026-11-30T00:00:00Z.
@test "Pipedrive: a done activity due on a day, no time, is dated when it was marked done" {
	people 101 102 103
	head -1 "$DATA/real/pipedrive-activities.csv" >acts.csv
	printf '%s\n' \
	    '9006,Follow-up,Task,2026-11-30,,,Done,2026-12-07 10:00:00,Rep One,,2026-11-20 08:00:00,101,Ann Lee,ann@northwind.example,Northwind,' \
	    '9009,Call,Call,2026-11-30,15:00,,Done,2026-12-01 10:00:00,Rep One,,2026-11-20 08:00:00,101,Ann Lee,ann@northwind.example,Northwind,' >>acts.csv
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' acts.csv
	status_is 0
	eq "$(sql "SELECT group_concat(ref || ' ' || at, '; ') FROM interactions")" \
	    "9006 2026-12-07T10:00:00Z; 9009 2026-11-30T15:00:00Z"
}

@test "Pipedrive notes: Note - Add time is the note's time, Note - User its owner" {
	people 101 102 103
	printf '%s\n' 'Note - ID,Note - Content,Note - Add time,Note - User,Person - ID,Person - Name' \
	    '7001,Prefers email after 3pm,2026-04-01 09:00:00,Rep One,101,Ann Lee' >notes.csv
	run --separate-stderr crm-log --import --kind note \
	    --map 'Person - ID=external_id' notes.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT at || ' ' || owner || ' ' || summary FROM interactions")" \
	    "2026-04-01T09:00:00Z Rep One Prefers email after 3pm"
}

@test "HubSpot: a call exported again with its note edited, or read under another TZ, is the same call (its Record ID)" {
	people 39779198735 39779198736 39779198737
	local maps=(--kind call --map 'Associated Contact IDs=external_id'
	    --map 'Record ID=ref')
	local html="crm-log: %s: 1 summary written in HTML stored as text (tags out, entities decoded), the HTML kept as the extra field Call notes (HTML)"
	run --separate-stderr crm-log --import "${maps[@]}" "$DATA/real/hubspot-calls-html.csv"
	status_is 0
	eq "$stderr" "$(printf "$html" "$DATA/real/hubspot-calls-html.csv")
3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT group_concat(at || ' ' || owner, '; ') FROM interactions")" \
	    "2026-03-10T10:30:00Z rep1@ourco.example; 2026-03-29T01:30:00Z rep2@ourco.example; 2026-04-02T09:00:00Z rep1@ourco.example"
	sed 's/,Short,/,Short call edited,/' "$DATA/real/hubspot-calls-html.csv" >edited.csv
	run --separate-stderr crm-log --import "${maps[@]}" edited.csv
	status_is 0
	eq "$stderr" "$(printf "$html" edited.csv)
crm-log: edited.csv: 1 row already there differs in summary: not changed (an import adds what a row lacks, it does not change what was logged)
0 logged, 3 already there, 0 rejected"
	TZ=America/New_York run --separate-stderr crm-log --import "${maps[@]}" \
	    "$DATA/real/hubspot-calls-html.csv"
	status_is 0
	eq "$stderr" "$(printf "$html" "$DATA/real/hubspot-calls-html.csv")
0 logged, 3 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions")" 3
}

@test "an Order ID as a call's ref is no call's identity: two calls about one order are two calls" {
	crm-add -n 'Ann Lee' -e ann@northwind.example
	printf '%s\n' 'email,Order ID,at,note' \
	    'ann@northwind.example,1001,2026-03-10 10:00,Where is it?' \
	    'ann@northwind.example,1001,2026-03-12 09:00,"Arrived, thanks"' >calls.csv
	run --separate-stderr crm-log --import --kind call calls.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import --kind call calls.csv
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
}

@test "HubSpot tasks: Not started and In progress are skipped; a completed one is logged at its Completed at, its Due date a field" {
	people 39779198735 39779198736 39779198737
	run --separate-stderr crm-log --import --kind note \
	    --map 'Associated Contact IDs=external_id' --map 'Record ID=ref' \
	    "$DATA/real/hubspot-tasks.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/hubspot-tasks.csv: 2 rows skipped: not done yet (Not started, In progress); open tasks are reminders, not contacts: crm-remind import FILE adds them
1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind || ' ' || at || ' ' || ref || ' ' || summary FROM interactions")" \
	    "email 2026-10-02T11:00:00Z 53000000003 Send brochure"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Due date'")" "2026-10-01 09:00"
}

@test "Calendly: a cancelled booking and a no-show are skipped and counted, not meetings held" {
	run --separate-stderr crm-log --import --kind meeting --add-customers \
	    --map 'Invitee Email=email' --date-format '%Y-%m-%d %I:%M %p' \
	    "$DATA/real/calendly-events.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/calendly-events.csv: 2 rows skipped: did not take place (Canceled, Marked as No-Show)
2 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT group_concat(at, ' ') FROM interactions")" \
	    "2026-11-03T10:00:00Z 2026-11-24T10:00:00Z"
}

@test "a row of no time in a file with a time column is not the same as an earlier call; the hint counts the empty cells" {
	crm-add -n 'Ann Lee' -e ann@northwind.example
	printf 'email,kind,at\nann@northwind.example,call,2026-01-05\n' >one.csv
	printf 'email,kind,at\nann@northwind.example,call,\n' >two.csv
	crm-log --import one.csv
	run --separate-stderr crm-log --import two.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import two.csv
	eq "$stderr" "0 logged, 1 already there, 0 rejected"
	# in one file: the call of no time is not line 2's
	printf '%s\n' 'email,kind,Done at' 'ann@northwind.example,email,2026-03-10 10:50' \
	    'ann@northwind.example,email,' >three.csv
	run --separate-stderr crm-log --import --map 'Done at=at' three.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	printf '%s\n' 'email,kind,Done at' 'ann@northwind.example,note,2026-03-10 10:50' \
	    'ann@northwind.example,note,' 'ann@northwind.example,note,2026-03-12 09:00' >four.csv
	run --separate-stderr crm-log --import four.csv
	status_is 0
	local undo="crm undo, then "	# SQLite's own
	[[ $CRM_TEST_ENGINE == pg ]] && undo=
	eq "$stderr" "crm-log: four.csv: Done at: 2 of 3 values are dates, the others empty, but the rows were logged at now (no time column): if it is their time, ${undo}say --map 'Done at=at' (its rows of no date are then logged at now)
3 logged, 0 already there, 0 rejected"
}

@test "a Salesforce task report without --kind is refused for no kind column, not for no amount; with it, Not Started is skipped" {
	local f="$DATA/real/salesforce-tasks-report.csv"
	crm-add -n 'Ann Lee' -e ann@northwind.example
	crm-add -n 'Bob Martin' -e bob@contoso.example
	run --separate-stderr crm-log --import "$f"
	status_is 65
	eq "$stderr" "crm-log: $f:1: no kind column: say which kind the rows are with --kind (call, meeting, note ...), or --map 'COLUMN=kind'; orders need their amount too, --map 'COLUMN=amount'"
	run --separate-stderr crm-log --import --kind call --date-format %d/%m/%Y "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: totals, not a sale
crm-log: $f: 2 rows skipped: a report's footer, not a sale
crm-log: $f: 1 row skipped: not done yet (Not Started); open tasks are reminders, not contacts: crm-remind import FILE adds them
2 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT group_concat(owner || ' ' || summary, '; ') FROM interactions")" \
	    "Rep One Spoke to Ann; Rep One On site"
}

@test "a note body written in HTML is stored as its text: tags out, entities decoded; its HTML kept, said once" {
	people 39779198735 39779198736 39779198737
	run --separate-stderr crm-log --import --kind call \
	    --map 'Associated Contact IDs=external_id' --map 'Record ID=ref' \
	    "$DATA/real/hubspot-calls-html.csv"
	status_is 0
	eq "$(sql "SELECT summary FROM interactions WHERE ref = '51000000001'")" \
	    $'Discussed renewal.\nWants 10% off'
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Call notes (HTML)'")" \
	    '<p>Discussed <strong>renewal</strong>.</p><p>Wants 10% off</p>'
	eq "$(sql "SELECT summary FROM interactions WHERE ref = '51000000002'")" Short
	run crm-log --show 1 --search strong -o tsv
	eq "${#lines[@]}" 1	# the header alone
	run crm-log --show 1 --search renewal -o tsv
	eq "${#lines[@]}" 2
	printf '%s\n' 'email,kind,note' \
	    'ann@northwind.example,note,"<div>Met at <b>expo</b>,<br>interested in &quot;Pro&quot; plan &amp; support, &#x20AC;5 &lt;3</div>"' \
	    'ann@northwind.example,note,<3 works fine' >notes.csv
	run --separate-stderr crm-log --import notes.csv
	status_is 0
	eq "$(sql "SELECT group_concat(summary, '|') FROM interactions WHERE kind = 'note'")" \
	    $'Met at expo,\ninterested in "Pro" plan & support, \u20ac5 <3|<3 works fine'
}
