#!/usr/bin/env bats
# Test plan: crm-remind import, another CRM's open tasks as reminders.
#   - HubSpot's tasks: the contact by Associated Contact IDs (the id the
#     contacts' import kept), not the task's Record ID; Due date, Task
#     Title and Notes, Assigned to; Completed skipped and counted; the
#     columns not read named; a second import adds nothing
#   - Salesforce's Task export: WhoId the contact, its bare ID the task's;
#     ISCLOSED and STATUS; Pipedrive's Due date with its Due time
#   - a row naming nobody, with no due date or an unknown status: file:
#     line: column, exit 65, nothing added; --rejects takes the others;
#     --due gives rows without one theirs; --dry-run adds nothing
#   - crm undo takes the whole import back; its audit row is
#     remind-import, not crm-add's import
#   - a task's own id (Record ID, ID beside WHOID, Activity - ID, a
#     Ref) is kept with its reminder (schema 20), per system: imported
#     again, a task moved or edited there updates it, one done there
#     closes it, one gone from the file is left alone, each said; the
#     reminders of an import from before schema 20 take their ids; a
#     refused or killed run changes none of it; crm undo puts it back

bats_require_minimum_version 1.5.0

load helper

setup() {
	crm_setup
	export TZ=UTC
	printf '%s\n' 'Record ID,First Name,Last Name,Email,Contact owner' \
	    '39779198735,Ann,Lee,ann@northwind.example,rep1@ourco.example' \
	    '39779198736,Bob,Martin,bob@contoso.example,rep2@ourco.example' >contacts.csv
	crm-add --import contacts.csv 2>/dev/null
}

reminders() {
	sql "SELECT c.name || '|' || r.due || '|' || r.note || '|' || coalesce(r.owner, '-') FROM reminders r JOIN customers c ON c.id = r.customer_id ORDER BY r.due"
}

hubspot() {
	printf '\357\273\277'
	printf '%s\r\n' 'Record ID,Task Title,Task Type,Due date,Task Status,Priority,Assigned to,Associated Contact,Associated Contact IDs,Notes,Completed at,Create Date' \
	    '53000000001,Send proposal,To-do,2026-12-01 09:00,Not started,High,rep2@ourco.example,Bob Martin (bob@contoso.example),39779198736,,,2026-11-20 09:00' \
	    '53000000002,Call back,Call,2027-01-15 10:00,In progress,Medium,rep1@ourco.example,Ann Lee (ann@northwind.example),39779198735,Ask budget,,2026-11-25 09:00' \
	    '53000000003,Send brochure,Email,2026-10-01 09:00,Completed,Low,rep1@ourco.example,Ann Lee (ann@northwind.example),39779198735,,2026-10-02 11:00,2026-09-20 09:00'
}

@test "HubSpot's tasks: open ones as reminders of the right contacts, done ones skipped, nothing twice" {
	hubspot >tasks.csv
	run --separate-stderr crm-remind import tasks.csv
	status_is 0
	eq "$stderr" "crm-remind: tasks.csv: not read: Task Type, Priority, Create Date
1 task skipped: done (Completed)
2 reminders added, 0 already there, 0 rejected"
	eq "$(reminders)" "Bob Martin|2026-12-01T09:00:00Z|Send proposal|rep2@ourco.example
Ann Lee|2027-01-15T10:00:00Z|Call back: Ask budget|rep1@ourco.example"
	run --separate-stderr crm-remind import tasks.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 reminders added, 2 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM reminders")" 2
	# overdue on the day: the list has it
	CRM_NOW=2026-12-06T08:00:00Z run --separate-stderr crm-remind -f name,note
	eq "$output" $'name\tnote\nBob Martin\tSend proposal'
}

@test "crm undo takes a whole import of tasks back" {
	only_on sqlite "crm undo is SQLite's own"
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM reminders")" 2
	run --separate-stderr crm undo
	status_is 0
	eq "$(sql "SELECT count(*) FROM reminders")" 0
}

# qa34 F2 (c): crm-remind import and crm-add --import both wrote action
# 'import'; only the detail's keys told a task import from a contacts one.
@test "the import's audit row is remind-import, told from crm-add's import in the trail and in crm undo --list" {
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	eq "$(sql "SELECT action || ' ' || detail FROM audit WHERE customer_id IS NULL ORDER BY id")" \
	    "import {\"file\":\"contacts.csv\",\"added\":2,\"updated\":0,\"unchanged\":0,\"rejected\":0,\"added_ids\":[1,2]}
remind-import {\"file\":\"tasks.csv\",\"reminders\":2,\"already\":0,\"done\":1,\"held\":0,\"updated\":0,\"closed\":0,\"rejected\":0}"
	[[ $CRM_TEST_ENGINE == pg ]] && return 0	# crm undo is SQLite's own
	eq "$(crm undo --list | cut -f4 | paste -sd ' ')" "action remind-import import"
}

@test "Salesforce's WhoId and ISCLOSED, its bare ID the task's; Pipedrive's due time" {
	printf '%s\n' 'Id,FirstName,LastName,Email' '0035g00000AAAAAAA1,Cai,Chen,cai@example.com' >sf-contacts.csv
	crm-add --import sf-contacts.csv 2>/dev/null
	printf '%s\n' '"ID","WHOID","SUBJECT","ACTIVITYDATE","STATUS","OWNERID","DESCRIPTION","ISCLOSED"' \
	    '"00T5g00000T0000001","0035g00000AAAAAAA1","Call","2026-03-10","Completed","0055g000001OwNrAAA","Discussed renewal.","true"' \
	    '"00T5g00000T0000002","0035g00000AAAAAAA1","Follow up","2027-01-15","Not Started","0055g000001OwNrAAA","","false"' >sf.csv
	run --separate-stderr crm-remind import --owner alice sf.csv
	status_is 0
	eq "${stderr##*$'\n'}" "1 reminder added, 0 already there, 0 rejected"
	eq "$(reminders)" "Cai Chen|2027-01-15T00:00:00Z|Follow up|alice"
	printf '%s\n' 'Activity - ID,Activity - Subject,Activity - Due date,Activity - Due time,Activity - Done,Person - Email' \
	    '9004,Demo,2026-12-20,14:00,To do,ann@northwind.example' \
	    '9005,Intro,2026-03-10,10:30,Done,ann@northwind.example' >pd.csv
	run --separate-stderr crm-remind import pd.csv
	status_is 0
	eq "$(reminders | grep Demo)" "Ann Lee|2026-12-20T14:00:00Z|Demo|rep1@ourco.example"
	# a HubSpot task of two contacts: the first's (qa32 F4: refused)
	printf '%s\n' 'Record ID,Task Title,Due date,Task Status,Associated Contact IDs' \
	    '53000000009,Visit,2027-02-01 09:00,Not started,39779198736;39779198735' >two.csv
	run --separate-stderr crm-remind import two.csv
	status_is 0
	eq "$(reminders | grep Visit)" "Bob Martin|2027-02-01T09:00:00Z|Visit|rep2@ourco.example"
}

@test "a row naming nobody, with no due date or an unknown status: exit 65, nothing added; --rejects, --due, --dry-run" {
	printf '%s\n' 'Email,Subject,Due Date,Status' \
	    'ann@northwind.example,Call,2026-12-10,Open' \
	    'nobody@example.com,Mail,2026-12-11,Open' >t.csv
	run --separate-stderr crm-remind import t.csv
	fails 65 "crm-remind: t.csv:3: Email: no customer 'nobody@example.com'"
	eq "$(sql "SELECT count(*) FROM reminders")" 0
	printf '%s\n' 'Email,Subject,Due Date,Status' 'ann@northwind.example,Call,,Open' >nodue.csv
	run --separate-stderr crm-remind import nodue.csv
	fails 65 "crm-remind: nodue.csv:2: Due Date: no due date: --due or --in gives the rows without one theirs"
	CRM_NOW=2026-12-06T08:00:00Z run --separate-stderr crm-remind import --in 2d nodue.csv
	status_is 0
	eq "$(reminders)" "Ann Lee|2026-12-08T08:00:00Z|Call|rep1@ourco.example"
	printf '%s\n' 'Email,Subject,Due Date,Status' 'bob@contoso.example,Call,2026-12-10,Frobbed' >st.csv
	run --separate-stderr crm-remind import st.csv
	fails 65 "crm-remind: st.csv:2: Status: 'Frobbed' is neither open nor done: --map 'Status=-' takes every row as open"
	run --separate-stderr crm-remind import --rejects rej.csv t.csv
	status_is 0
	eq "${stderr##*$'\n'}" "1 reminder added, 0 already there, 1 rejected"
	eq "$(sed -n 2p rej.csv)" "3,Email: no customer 'nobody@example.com',nobody@example.com,Mail,2026-12-11,Open"
	run --separate-stderr crm-remind import --dry-run --map 'Status=-' st.csv
	status_is 0
	eq "$stderr" "dry run: 1 reminder added, 0 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM reminders")" 2
	# a task done and one refused: nothing imported (rev30 F3)
	printf '%s\n' 'Email,Subject,Due Date,Status' 'ann@northwind.example,Old,2026-10-01,Completed' \
	    'nobody@example.com,Mail,2026-12-11,Open' >dr.csv
	run --separate-stderr crm-remind import --rejects rej2.csv dr.csv
	status_is 65
	eq "$(sql "SELECT count(*) FROM reminders")" 2
	# a mapped name it does not read is refused, not left unread (F5)
	run --separate-stderr crm-remind import --map 'Due Date=dew' t.csv
	fails 64 "crm-remind: --map: 'dew' is nothing crm-remind import reads: due, note, owner, status, done, ref (the task's id), a customer's key (email, external_id, customer, id), or - for none"
	run --separate-stderr crm-remind add ann@northwind.example --in 1d --map a=b call
	status_is 64
	eq "${stderr_lines[0]}" "crm-remind: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --source, --rejects and --dry-run go with import"
}

# The HubSpot file of hubspot() a week on: 001 done, 002 moved and its
# notes edited; 003 done before, still; 004 new; none of them gone.
hubspot_later() {
	printf '\357\273\277'
	printf '%s\r\n' 'Record ID,Task Title,Task Type,Due date,Task Status,Priority,Assigned to,Associated Contact,Associated Contact IDs,Notes,Completed at,Create Date' \
	    '53000000001,Send proposal,To-do,2026-12-01 09:00,Completed,High,rep2@ourco.example,Bob Martin (bob@contoso.example),39779198736,,2026-12-02 10:00,2026-11-20 09:00' \
	    '53000000002,Call back,Call,2027-01-22 10:00,In progress,Medium,rep1@ourco.example,Ann Lee (ann@northwind.example),39779198735,Ask budget and timing,,2026-11-25 09:00' \
	    '53000000003,Send brochure,Email,2026-10-01 09:00,Completed,Low,rep1@ourco.example,Ann Lee (ann@northwind.example),39779198735,,2026-10-02 11:00,2026-09-20 09:00' \
	    '53000000004,Book the visit,To-do,2027-02-01 09:00,Not started,Low,rep1@ourco.example,Ann Lee (ann@northwind.example),39779198735,,,2026-12-03 09:00'
}

# Each reminder: its note, due date, whether done, its task's system and id.
tasks() {
	sql "SELECT note || '|' || due || '|' || CASE WHEN done IS NULL THEN 'open' ELSE 'done' END || '|' || source || '|' || coalesce(ref, '-') FROM reminders ORDER BY id"
}

@test "a task imported again by its Record ID: moved or edited updates its reminder, done closes it, each said; one audit row a run" {
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	eq "$(tasks)" "Send proposal|2026-12-01T09:00:00Z|open|hubspot|53000000001
Call back: Ask budget|2027-01-15T10:00:00Z|open|hubspot|53000000002"
	hubspot_later >later.csv
	run --separate-stderr crm-remind import later.csv
	status_is 0
	eq "$stderr" "crm-remind: later.csv: not read: Task Type, Priority, Create Date
1 task skipped: done (Completed)
1 reminder updated: its task moved or edited
1 reminder done: its task done (Completed)
1 reminder added, 0 already there, 0 rejected"
	eq "$(tasks)" "Send proposal|2026-12-01T09:00:00Z|done|hubspot|53000000001
Call back: Ask budget and timing|2027-01-22T10:00:00Z|open|hubspot|53000000002
Book the visit|2027-02-01T09:00:00Z|open|hubspot|53000000004"
	# again: nothing changes; a done one stays done
	run --separate-stderr crm-remind import later.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 reminders added, 2 already there, 0 rejected"
	# the first file again (002 back to the 15th): the file is the task
	# as it is now; 001 done here stays done; 004, gone, is left alone
	run --separate-stderr crm-remind import tasks.csv
	status_is 0
	eq "$(tasks)" "Send proposal|2026-12-01T09:00:00Z|done|hubspot|53000000001
Call back: Ask budget|2027-01-15T10:00:00Z|open|hubspot|53000000002
Book the visit|2027-02-01T09:00:00Z|open|hubspot|53000000004"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'remind-import' AND detail LIKE '%later.csv%' ORDER BY id LIMIT 1")" \
	    '{"file":"later.csv","reminders":1,"already":0,"done":1,"held":0,"updated":1,"closed":1,"rejected":0}'
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'remind-import' AND detail LIKE '%.csv\",\"reminders%'")" 4
}

@test "task ids are per system: Pipedrive's activity 9001 is not HubSpot's task 9001; a Ref column, a Salesforce ID beside WHOID" {
	printf '%s\n' 'Record ID,Task Title,Due date,Task Status,Associated Contact IDs' \
	    '9001,Visit,2027-02-01 09:00,Not started,39779198736' >hs.csv
	printf '%s\n' 'Activity - ID,Activity - Subject,Activity - Due date,Activity - Due time,Activity - Done,Person - Email' \
	    '9001,Demo,2026-12-20,14:00,To do,ann@northwind.example' >pd.csv
	crm-remind import hs.csv 2>/dev/null
	crm-remind import pd.csv 2>/dev/null
	printf '%s\n' 'Activity - ID,Activity - Subject,Activity - Due date,Activity - Due time,Activity - Done,Person - Email' \
	    '9001,Demo,2026-12-21,15:00,To do,ann@northwind.example' >pd.csv
	run --separate-stderr crm-remind import pd.csv
	status_is 0
	eq "$(tasks)" "Visit|2027-02-01T09:00:00Z|open|hubspot|9001
Demo|2026-12-21T15:00:00Z|open|pipedrive|9001"
	printf '%s\n' 'Id,FirstName,LastName,Email' '0035g00000AAAAAAA1,Cai,Chen,cai@example.com' >sf-contacts.csv
	crm-add --import sf-contacts.csv 2>/dev/null
	printf '%s\n' '"ID","WHOID","SUBJECT","ACTIVITYDATE","STATUS","ISCLOSED"' \
	    '"00T5g00000T0000002","0035g00000AAAAAAA1","Follow up","2027-01-15","Not Started","false"' >sf.csv
	crm-remind import sf.csv 2>/dev/null
	printf '%s\n' '"ID","WHOID","SUBJECT","ACTIVITYDATE","STATUS","ISCLOSED"' \
	    '"00T5g00000T0000002","0035g00000AAAAAAA1","Follow up","2027-01-15","Completed","true"' >sf.csv
	run --separate-stderr crm-remind import sf.csv
	status_is 0
	eq "${stderr_lines[0]}" "1 reminder done: its task done (Completed)"
	eq "$(tasks | grep Follow)" "Follow up|2027-01-15T00:00:00Z|done|salesforce|00T5g00000T0000002"
	# a sheet's Ref: the task's id, of no system named
	printf '%s\n' 'Email,Subject,Due Date,Ref' 'bob@contoso.example,Call,2026-12-10,T-7' >ref.csv
	crm-remind import ref.csv 2>/dev/null
	printf '%s\n' 'Email,Subject,Due Date,Ref' 'bob@contoso.example,Call,2026-12-11,T-7' >ref.csv
	run --separate-stderr crm-remind import ref.csv
	status_is 0
	eq "$(tasks | grep T-7)" "Call|2026-12-11T00:00:00Z|open||T-7"
	# a file without ids: the customer, due date and note, as before
	printf '%s\n' 'Email,Subject,Due Date' 'bob@contoso.example,Call,2026-12-11' >noid.csv
	run --separate-stderr crm-remind import noid.csv
	status_is 0
	eq "$stderr" "0 reminders added, 1 already there, 0 rejected"
}

@test "reminders imported before task ids were kept take them at the next import, and are followed from then on" {
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	# as schema 19 left them: no ids
	sql "UPDATE reminders SET source = '', ref = NULL"
	run --separate-stderr crm-remind import tasks.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 reminders added, 2 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM reminders WHERE source = 'hubspot' AND ref IS NOT NULL")" 2
	hubspot_later >later.csv
	crm-remind import later.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM reminders")" 3
	eq "$(sql "SELECT count(*) FROM reminders WHERE done IS NULL")" 2
}

@test "a refused run changes no reminder; a killed one neither" {
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	before=$(tasks)
	{ hubspot_later; printf '%s\r\n' '53000000005,Lost,To-do,2027-03-01 09:00,Not started,Low,rep1@ourco.example,Nobody,1,,,2026-12-03 09:00'; } >bad.csv
	run --separate-stderr crm-remind import bad.csv
	status_is 65
	has "$stderr" "bad.csv:6: Associated Contact IDs: "
	eq "$(tasks)" "$before"
	# killed after it updated and closed, before it committed: the
	# file read from a pipe left open, rows enough after those that it
	# reads on past them (on SQLite it holds the write lock then)
	mkfifo pipe.csv
	crm-remind import pipe.csv 2>/dev/null &
	pid=$!
	exec 5>pipe.csv
	{ hubspot_later
	  for i in $(seq 1000 4000); do
		printf '%s\r\n' "5300000$i,Task $i,To-do,2027-03-01 09:00,Not started,Low,rep1@ourco.example,Ann,39779198735,,,2026-12-03 09:00"
	  done; } >&5
	sleep 2
	if ! is_pg "$CRM_DB"; then
		run sql "PRAGMA busy_timeout = 100; BEGIN IMMEDIATE; ROLLBACK"
		has "$output" "database is locked"
	fi
	kill -9 "$pid"
	exec 5>&-
	wait "$pid" || true
	eq "$(tasks)" "$before"
	hubspot_later >later.csv
	crm-remind import later.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM reminders WHERE done IS NULL")" 2
}

@test "crm undo puts back the reminders an import updated and closed" {
	only_on sqlite "crm undo is SQLite's own"
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	before=$(sql "SELECT * FROM reminders ORDER BY id")
	hubspot_later >later.csv
	crm-remind import later.csv 2>/dev/null
	run --separate-stderr crm undo
	status_is 0
	eq "$(sql "SELECT * FROM reminders ORDER BY id")" "$before"
}

# h-rem40 4: the message named her by the key's internal prefix
# ('email:ann@...'), not as the listing and every other message write her.
@test "crm-remind's listing into a database without her: no customer 'her e-mail', as written" {
	crm-remind add ann@northwind.example --due 2027-01-01 call >/dev/null
	crm-remind --all -o tsv >r.tsv
	crm-add -d other.db -n Zed -e zed@example.com >/dev/null
	run --separate-stderr crm-remind import -d other.db r.tsv
	fails 65 "crm-remind: r.tsv:2: email: no customer 'ann@northwind.example'"
	eq "$(CRM_DB=other.db sql "SELECT count(*) FROM reminders")" 0
}

# h-rem40 1: a task imported again by its id had its due date and note
# followed, not its owner (Assigned to) nor its every.
@test "a task imported again by its id: reassigned there, or repeating otherwise, its reminder follows; nothing else of it lost" {
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	sed 's/In progress,Medium,rep1@ourco.example/In progress,Medium,rep3@ourco.example/' tasks.csv >moved.csv
	run --separate-stderr crm-remind import moved.csv
	status_is 0
	eq "$stderr" "crm-remind: moved.csv: not read: Task Type, Priority, Create Date
1 task skipped: done (Completed)
1 reminder updated: its task moved or edited
0 reminders added, 1 already there, 0 rejected"
	eq "$(reminders)" "Bob Martin|2026-12-01T09:00:00Z|Send proposal|rep2@ourco.example
Ann Lee|2027-01-15T10:00:00Z|Call back: Ask budget|rep3@ourco.example"
	# again: there already; an owner cell empty there keeps the owner
	run --separate-stderr crm-remind import moved.csv
	eq "${stderr##*$'\n'}" "0 reminders added, 2 already there, 0 rejected"
	sed 's/In progress,Medium,rep3@ourco.example/In progress,Medium,/' moved.csv >none.csv
	run --separate-stderr crm-remind import --owner boss none.csv
	eq "${stderr##*$'\n'}" "0 reminders added, 2 already there, 0 rejected"
	eq "$(reminders | grep Call)" "Ann Lee|2027-01-15T10:00:00Z|Call back: Ask budget|rep3@ourco.example"
	# a sheet's Ref and Every: weekly, then every 2 weeks from its due,
	# then a one-off; its created, source and ref stay
	printf '%s\n' 'Email,Subject,Due Date,Ref,Every,Owner' 'bob@contoso.example,Check,2026-12-10,T-8,1w,kim' >ev.csv
	crm-remind import ev.csv 2>/dev/null
	created=$(sql "SELECT created FROM reminders WHERE ref = 'T-8'")
	eq "$(sql "SELECT coalesce(every, '-') || '|' || coalesce(first_due, '-') || '|' || owner FROM reminders WHERE ref = 'T-8'")" "1w|2026-12-10T00:00:00Z|kim"
	printf '%s\n' 'Email,Subject,Due Date,Ref,Every,Owner' 'bob@contoso.example,Check,2026-12-17,T-8,2w,kim' >ev.csv
	run --separate-stderr crm-remind import ev.csv
	eq "$stderr" $'1 reminder updated: its task moved or edited\n0 reminders added, 0 already there, 0 rejected'
	eq "$(sql "SELECT coalesce(every, '-') || '|' || coalesce(first_due, '-') || '|' || due FROM reminders WHERE ref = 'T-8'")" "2w|2026-12-17T00:00:00Z|2026-12-17T00:00:00Z"
	printf '%s\n' 'Email,Subject,Due Date,Ref,Every,Owner' 'bob@contoso.example,Check,2026-12-17,T-8,,kim' >ev.csv
	run --separate-stderr crm-remind import ev.csv
	eq "$stderr" $'1 reminder updated: its task moved or edited\n0 reminders added, 0 already there, 0 rejected'
	eq "$(sql "SELECT coalesce(every, '-') || '|' || coalesce(first_due, '-') || '|' || created || '|' || source || '|' || ref || '|' || owner FROM reminders WHERE ref = 'T-8'")" "-|-|$created||T-8|kim"
	# a file without the Every column leaves a series a series
	printf '%s\n' 'Email,Subject,Due Date,Ref,Every' 'bob@contoso.example,Check,2026-12-17,T-8,1m' >ev.csv
	crm-remind import ev.csv 2>/dev/null
	printf '%s\n' 'Email,Subject,Due Date,Ref' 'bob@contoso.example,Check,2026-12-17,T-8' >ev.csv
	run --separate-stderr crm-remind import ev.csv
	eq "$stderr" "0 reminders added, 1 already there, 0 rejected"
	eq "$(sql "SELECT every || '|' || owner FROM reminders WHERE ref = 'T-8'")" "1m|kim"
}

# h-rem40 2: a task done in the file closed its reminder at now, not when
# the file says it was done.
@test "a task done there closes its reminder at the file's completion time, in the zone the file's times are read in; without one, now" {
	hubspot >tasks.csv
	crm-remind import tasks.csv 2>/dev/null
	hubspot_later >later.csv
	# HubSpot's Completed at names no zone: local time, as its Due date
	TZ=Europe/Berlin CRM_NOW=2026-12-06T08:00:00Z run --separate-stderr crm-remind import later.csv
	status_is 0
	has "$stderr" "1 reminder done: its task done (Completed)"
	eq "$(sql "SELECT done FROM reminders WHERE ref = '53000000001'")" "2026-12-02T09:00:00Z"
	# Salesforce's COMPLETEDDATETIME names its zone (Z)
	printf '%s\n' 'Id,FirstName,LastName,Email' '0035g00000AAAAAAA1,Cai,Chen,cai@example.com' >sf-contacts.csv
	crm-add --import sf-contacts.csv 2>/dev/null
	printf '%s\n' '"ID","WHOID","SUBJECT","ACTIVITYDATE","STATUS","ISCLOSED","COMPLETEDDATETIME"' \
	    '"00T5g00000T0000002","0035g00000AAAAAAA1","Follow up","2027-01-15","Not Started","false",""' >sf.csv
	crm-remind import sf.csv 2>/dev/null
	printf '%s\n' '"ID","WHOID","SUBJECT","ACTIVITYDATE","STATUS","ISCLOSED","COMPLETEDDATETIME"' \
	    '"00T5g00000T0000002","0035g00000AAAAAAA1","Follow up","2027-01-15","Completed","true","2026-12-03T15:45:00.000Z"' >sf.csv
	TZ=America/New_York run --separate-stderr crm-remind import sf.csv
	status_is 0
	eq "$(sql "SELECT done FROM reminders WHERE ref = '00T5g00000T0000002'")" "2026-12-03T15:45:00Z"
	# Pipedrive's Marked as done time
	printf '%s\n' 'Activity - ID,Activity - Subject,Activity - Due date,Activity - Due time,Activity - Done,Activity - Marked as done time,Person - Email' \
	    '9004,Demo,2026-12-20,14:00,To do,,ann@northwind.example' >pd.csv
	crm-remind import pd.csv 2>/dev/null
	printf '%s\n' 'Activity - ID,Activity - Subject,Activity - Due date,Activity - Due time,Activity - Done,Activity - Marked as done time,Person - Email' \
	    '9004,Demo,2026-12-20,14:00,Done,2026-12-04 16:20:00,ann@northwind.example' >pd.csv
	run --separate-stderr crm-remind import pd.csv
	status_is 0
	eq "$(sql "SELECT done FROM reminders WHERE ref = '9004'")" "2026-12-04T16:20:00Z"
	# a sheet's Status alone says no time: now
	printf '%s\n' 'Email,Subject,Due Date,Ref,Status' 'bob@contoso.example,Call,2026-12-10,T-9,Open' >st.csv
	crm-remind import st.csv 2>/dev/null
	printf '%s\n' 'Email,Subject,Due Date,Ref,Status' 'bob@contoso.example,Call,2026-12-10,T-9,Done' >st.csv
	CRM_NOW=2026-12-06T08:00:00Z run --separate-stderr crm-remind import st.csv
	eq "$(sql "SELECT done FROM reminders WHERE ref = 'T-9'")" "2026-12-06T08:00:00Z"
	# a completion time that is no date: refused as a due date is
	printf '%s\n' 'Email,Subject,Due Date,Ref,Status' 'bob@contoso.example,Mail,2026-12-10,T-10,Open' >bad.csv
	crm-remind import bad.csv 2>/dev/null
	printf '%s\n' 'Email,Subject,Due Date,Ref,Status,Completed At' 'bob@contoso.example,Mail,2026-12-10,T-10,Done,last week' >bad.csv
	before=$(dump)
	run --separate-stderr crm-remind import bad.csv
	status_is 65
	has "$stderr" "crm-remind: bad.csv:2: Completed At: "
	eq "$(dump)" "$before"
}

# h-rem40 3: Zoho's Task ID (any system's the columns do not tell) was of
# no system: a second such system's task 5001 was the first's.
@test "--source names the system of a file's task ids: Zoho's task 5001 is not another system's; the same --source again follows it" {
	printf '%s\n' 'Task ID,Subject,Due Date,Status,Email' \
	    '5001,Call,2027-01-10,Not Started,ann@northwind.example' >zoho.csv
	printf '%s\n' 'Task ID,Subject,Due Date,Status,Email' \
	    '5001,Visit,2027-02-01,Not Started,bob@contoso.example' >other.csv
	run --separate-stderr crm-remind import --source zoho zoho.csv
	status_is 0
	run --separate-stderr crm-remind import --source acme other.csv
	status_is 0
	eq "$stderr" "1 reminder added, 0 already there, 0 rejected"
	eq "$(tasks)" "Call|2027-01-10T00:00:00Z|open|zoho|5001
Visit|2027-02-01T00:00:00Z|open|acme|5001"
	# zoho's moved: its reminder, not acme's
	sed -i 's/2027-01-10/2027-01-12/' zoho.csv
	run --separate-stderr crm-remind import --source zoho zoho.csv
	eq "$stderr" $'1 reminder updated: its task moved or edited\n0 reminders added, 0 already there, 0 rejected'
	eq "$(tasks)" "Call|2027-01-12T00:00:00Z|open|zoho|5001
Visit|2027-02-01T00:00:00Z|open|acme|5001"
	# --source wins over what the columns tell (HubSpot's Record ID)
	printf '%s\n' 'Record ID,Task Title,Due date,Task Status,Associated Contact IDs' \
	    '9001,Visit,2027-02-01 09:00,Not started,39779198736' >hs.csv
	crm-remind import --source hubspot-eu hs.csv 2>/dev/null
	eq "$(tasks | grep 9001)" "Visit|2027-02-01T09:00:00Z|open|hubspot-eu|9001"
	# a name that is none, and --source elsewhere: usage errors
	run --separate-stderr crm-remind import --source '' zoho.csv
	status_is 64
	eq "${stderr_lines[0]}" "crm-remind: --source: a system's name, such as shopify"
	run --separate-stderr crm-remind import --source a,b zoho.csv
	status_is 64
	run --separate-stderr crm-remind --source zoho
	status_is 64
	eq "${stderr_lines[0]}" "crm-remind: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --source, --rejects and --dry-run go with import"
	eq "$(sql "SELECT count(*) FROM reminders")" 3
}

# h-rem48 3: a sheet's column mapped to due made its customer id column
# look like crm-remind's listing's reminder id: refused, --map unheard.
@test "a column --map names due is the user's word: no 'crm-remind's output' refusal; crm-remind's own listing still refused, --map id=id reads it" {
	printf '%s\n' 'id,When,What' '2,2027-03-01,Call Bob' >m.csv
	run --separate-stderr crm-remind import --map When=due --map What=note m.csv
	status_is 0
	eq "$stderr" "1 reminder added, 0 already there, 0 rejected"
	eq "$(reminders)" "Bob Martin|2027-03-01T00:00:00Z|Call Bob|rep2@ourco.example"
	# the listing's own due beside a bare id: a reminder's id
	printf '%s\n' 'id,due,note' '1,2027-03-02,Call Ann' >own.csv
	run --separate-stderr crm-remind import own.csv
	fails 65 "crm-remind: own.csv:1: this looks like crm-remind's output: its id is a reminder's, not a customer's"
	run --separate-stderr crm-remind import --map id=id own.csv
	status_is 0
	eq "$(reminders | grep Ann)" "Ann Lee|2027-03-02T00:00:00Z|Call Ann|rep1@ourco.example"
}

# h-rem48 2: a re-import put a snoozed or repeating reminder's due back to
# the file's date, the task unchanged there.
@test "imported again, a task whose due is unchanged in the file keeps the snooze and the repeat done here; one moved there moves; an older crm's, snoozed, kept and said" {
	printf '%s\n' 'Email,Subject,Due Date,Ref,Every' \
	    'bob@contoso.example,Call,2026-12-10,T-1,' \
	    'bob@contoso.example,Check,2026-11-20,T-2,1w' >t.csv
	crm-remind import t.csv 2>/dev/null
	crm-remind snooze 1 2026-12-20 >/dev/null
	CRM_NOW=2026-11-24T10:00:00Z crm-remind done 2 >/dev/null
	due() { sql "SELECT due FROM reminders ORDER BY id" | paste -sd ' '; }
	eq "$(due)" "2026-12-20T00:00:00Z 2026-11-27T00:00:00Z"
	run --separate-stderr crm-remind import t.csv
	status_is 0
	eq "$stderr" "2 reminders snoozed or repeated here kept their due: their tasks' due unchanged in the file
0 reminders added, 2 already there, 0 rejected"
	eq "$(due)" "2026-12-20T00:00:00Z 2026-11-27T00:00:00Z"
	# moved there: the file's due, said
	sed -i 's/2026-12-10/2026-12-12/' t.csv
	run --separate-stderr crm-remind import t.csv
	eq "$stderr" "1 reminder snoozed or repeated here kept its due: its task's due unchanged in the file
1 reminder updated: its task moved or edited
0 reminders added, 1 already there, 0 rejected"
	eq "$(due)" "2026-12-12T00:00:00Z 2026-11-27T00:00:00Z"
	# snoozed again: the file, unchanged since, keeps it
	crm-remind snooze 1 2026-12-24 >/dev/null
	run --separate-stderr crm-remind import t.csv
	eq "$(due)" "2026-12-24T00:00:00Z 2026-11-27T00:00:00Z"
	# an older crm's import kept no file due: a snoozed one is kept and
	# said, with the file's; a repeating one not snoozed has its first
	sql "UPDATE reminders SET source_due = NULL"
	run --separate-stderr crm-remind import t.csv
	status_is 0
	eq "$stderr" "crm-remind: t.csv:2: reminder 1 snoozed here: its due 2026-12-24T00:00:00Z kept (the file's is 2026-12-12T00:00:00Z: crm-remind snooze 1 2026-12-12T00:00:00Z moves it)
1 reminder snoozed or repeated here kept its due: its task's due unchanged in the file
0 reminders added, 2 already there, 0 rejected"
	eq "$(due)" "2026-12-24T00:00:00Z 2026-11-27T00:00:00Z"
}
