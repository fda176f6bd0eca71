#!/usr/bin/env bats
# Test plan: crm-remind import of task files from CRMs qa41 tried.
#   - vtiger's Calendar export (t/data/real/vtiger-calendar.csv, events
#     and tasks in one file): Held and Not Held events and Completed
#     tasks are skipped and counted, each word said; Planned, Not Started
#     and Pending Input are reminders.  The file read by crm-log too:
#     every row in one program, Not Held in neither
#   - one table of status words for both programs: a word crm-log reads
#     as done (or as never held) is no reminder, one it reads as open is
#   - a file of no customer's column (Freshsales' tasks: Related to) is
#     refused with the --map that reads it, as crm-log's is
#   - a row of no task (Close's lead export: next_task_text and
#     next_task_date empty) is skipped and counted; a task with a note
#     and no due date is still refused

bats_require_minimum_version 1.5.0

load helper

VT="$BATS_TEST_DIRNAME/data/real/vtiger-calendar.csv"

setup() {
	crm_setup
	export TZ=UTC	# CRM_NOW is 2026-11-23T10:00:00Z (helper)
	printf '%s\n' 'name,email,external_id' \
	    'Bill Lumbergh,bill@initech.example,lead_7Hk2aQ1' \
	    'Art Vandelay,art@vandelay.example,lead_9Pq4zX2' \
	    'Joanna Doe,joanna@initech.example,lead_3Rt8yU3' >people.csv
	crm-add --import people.csv >/dev/null 2>&1
}

reminders() {
	sql "SELECT c.name || '|' || r.due || '|' || r.note FROM reminders r JOIN customers c ON c.id = r.customer_id ORDER BY r.due"
}

@test "vtiger's Calendar: Held, Not Held and Completed skipped and counted; Planned, Not Started, Pending Input added" {
	run --separate-stderr crm-remind import --date-format %d-%m-%Y "$VT"
	status_is 0
	eq "${stderr_lines[1]}" "3 tasks skipped: done (Held, Not Held, Completed)"
	eq "${stderr_lines[2]}" "3 reminders added, 0 already there, 0 rejected"
	eq "$(reminders)" "Joanna Doe|2026-11-25T00:00:00Z|Chase payment
Bill Lumbergh|2026-11-26T00:00:00Z|Send contract: Contract for POT21
Art Vandelay|2026-12-01T00:00:00Z|Demo"
}

@test "vtiger's Calendar in crm-log and crm-remind: every row in one of them, Not Held in neither" {
	crm-remind import --date-format %d-%m-%Y "$VT" 2>/dev/null
	crm-log --import --date-format %d-%m-%Y "$VT" 2>/dev/null
	eq "$(sql "SELECT summary FROM interactions ORDER BY at")" "Old task
Talked about TPS covers"
	eq "$(sql "SELECT note FROM reminders ORDER BY due")" "Chase payment
Send contract: Contract for POT21
Demo"
}

@test "a status word crm-log reads as done or not held is no reminder; one it reads as open is" {
	local w
	for w in Held Completed Complete Done Closed Finished Resolved \
	    'Not Held' Cancelled Canceled No-show NOT_HELD; do
		printf 'email,due,note,status\nart@vandelay.example,2026-12-01,Call,%s\n' "$w" >s.csv
		run --separate-stderr crm-remind import s.csv
		status_is 0
		eq "$stderr" "1 task skipped: done ($w)
0 reminders added, 0 already there, 0 rejected"
	done
	for w in Planned 'Pending Input' 'Not Started' 'In Progress' \
	    Deferred Scheduled Upcoming 'Waiting on someone else' \
	    'Not done' 'To do' New Open; do
		printf 'email,due,note,status\nart@vandelay.example,2026-12-01,%s,%s\n' "$w" "$w" >s.csv
		run --separate-stderr crm-remind import s.csv
		status_is 0
		eq "$stderr" "1 reminder added, 0 already there, 0 rejected"
	done
	# and the same words to crm-log: done logged, not held and open not
	printf 'email,date,kind,summary,status\nart@vandelay.example,2026-11-20,call,a,Held\nart@vandelay.example,2026-11-20,call,b,Pending Input\nart@vandelay.example,2026-11-20,call,c,No-show\n' >l.csv
	run --separate-stderr crm-log --import l.csv
	status_is 0
	eq "${stderr_lines[2]}" "1 logged, 0 already there, 0 rejected"
}

@test "a file of no customer's column: the --map that reads it, its likely column named" {
	# Freshsales' tasks (qa41 9): the person is in Related to
	printf '%s\n' 'Title,Description,Due date,Owner,Status,Outcome,Task type,Related to,Created at' \
	    'Send SLA draft,Needs legal review,2026-12-09 15:00:00,Maria Hill,Open,,Follow up,Art Vandelay,2026-12-01 09:00:00' \
	    'Book onsite,,2026-11-30 09:00:00,Maria Hill,Completed,Done,Meeting,Joanna Doe,2026-11-20 09:00:00' >fs.csv
	run --separate-stderr crm-remind import fs.csv
	fails 65 "crm-remind: fs.csv:1: no customer column (id, external_id, email or customer): say which with --map 'Related to=customer' (a name, or =email, =external_id)"
	eq "$(sql "SELECT count(*) FROM reminders")" "0"
	run --separate-stderr crm-remind import --map 'Related to=customer' fs.csv
	status_is 0
	eq "$(reminders)" "Art Vandelay|2026-12-09T15:00:00Z|Send SLA draft: Needs legal review"
	# an e-mail's column first, as crm-log names it
	printf 'Due,Note,Mail address\n2026-12-01,Call,art@vandelay.example\n' >m.csv
	run --separate-stderr crm-remind import m.csv
	fails 65 "crm-remind: m.csv:1: no customer column (id, external_id, email or customer): say which with --map 'Mail address=email' (or =external_id, =customer)"
	printf 'Due,Note\n2026-12-01,Call\n' >n.csv
	run --separate-stderr crm-remind import n.csv
	fails 65 "crm-remind: n.csv:1: no customer column (id, external_id, email or customer): say which with --map 'COLUMN=email' (or =external_id, =customer)"
}

@test "a row of no task (no note, no due date) is skipped and counted; a task of no due date is refused" {
	# Close's lead export (qa41 9): a lead's next task, if it has one;
	# its description is the lead's, not the task's
	printf '%s\n' 'id,display_name,description,next_task_text,next_task_date' \
	    'lead_7Hk2aQ1,Initech,Paper goods,Send revised quote,2026-12-10' \
	    'lead_9Pq4zX2,Vandelay,Latex,,' \
	    'lead_3Rt8yU3,Doe Ltd,,,' >close.csv
	set -- --map id=external_id --map next_task_text=title \
	    --map next_task_date=due --map description=-
	run --separate-stderr crm-remind import "$@" close.csv
	status_is 0
	eq "${stderr_lines[1]}" "2 rows skipped: no task (next_task_text and next_task_date empty)"
	eq "${stderr_lines[2]}" "1 reminder added, 0 already there, 0 rejected"
	eq "$(reminders)" "Bill Lumbergh|2026-12-10T00:00:00Z|Send revised quote"
	# a task's text without its date is a task: refused, nothing added
	printf '%s\n' 'lead_9Pq4zX2,Vandelay,Latex,Call back,' >>close.csv
	run --separate-stderr crm-remind import "$@" close.csv
	status_is 65
	eq "${stderr_lines[1]}" "crm-remind: close.csv:5: next_task_date: no due date: --due or --in gives the rows without one theirs"
	# a file of no task at all: every row skipped, nothing wrong
	printf '%s\n' 'email,note,due' 'art@vandelay.example,,' >none.csv
	run --separate-stderr crm-remind import none.csv
	status_is 0
	eq "$stderr" "1 row skipped: no task (note and due empty)
0 reminders added, 0 already there, 0 rejected"
	# but a file of no task columns (a contact list given by mistake) is
	# refused with its hint, and so is a row of no note under --in (qa45)
	printf '%s\n' 'email,name' 'art@vandelay.example,Art' >contacts.csv
	run --separate-stderr crm-remind import contacts.csv
	status_is 65
	eq "${stderr_lines[1]}" "crm-remind: contacts.csv:2: no due date column: --due or --in gives every row's"
	run --separate-stderr crm-remind import --in 3d contacts.csv
	status_is 65
	eq "${stderr_lines[1]}" "crm-remind: contacts.csv:2: no note (a task's subject or title)"
	eq "$(sql 'SELECT count(*) FROM reminders')" 1
}

@test "Close's lead export without --map id=external_id: its lead_ id is no id of crm's, read as another system's (as crm-add reads it)" {
	printf '%s\n' 'id,display_name,description,next_task_text,next_task_date' \
	    'lead_7Hk2aQ1,Initech,Paper goods,Send revised quote,2026-12-10' \
	    'lead_9Pq4zX2,Vandelay,Latex,,' >close.csv
	set -- --map next_task_text=title --map next_task_date=due \
	    --map description=-
	run --separate-stderr crm-remind import "$@" close.csv
	status_is 0
	eq "${stderr_lines[2]}" "1 reminder added, 0 already there, 0 rejected"
	eq "$(reminders)" "Bill Lumbergh|2026-12-10T00:00:00Z|Send revised quote"
	# a lead of no customer here: refused by its external id, nothing added
	printf '%s\n' 'lead_0Zz0zZ0,Nobody,,Call,2026-12-11' >>close.csv
	run --separate-stderr crm-remind import "$@" close.csv
	status_is 65
	eq "${stderr_lines[1]}" "crm-remind: close.csv:4: id: no customer 'lead_0Zz0zZ0' (not an id of crm's: read as another system's, external_id)"
	eq "$(sql 'SELECT count(*) FROM reminders')" 1
	# ids of numbers beside a due are still crm-remind's listing's own
	printf '%s\n' 'id,note,due' '1,call,2026-12-12' >num.csv
	run --separate-stderr crm-remind import num.csv
	fails 65 "crm-remind: num.csv:1: this looks like crm-remind's output: its id is a reminder's, not a customer's"
}

# h-rem48 1: Zoho's "Record Id" was read as HubSpot's "Record ID" (the
# header folded to recordid): its tasks were kept as hubspot's.
@test "Zoho's Tasks export: its Record Id is Zoho's, not HubSpot's Record ID; tasks an older crm kept as hubspot's are found, not added again" {
	printf '%s\n' 'Record Id,First Name,Last Name,Email' \
	    'zcrm_5725767000000384001,Ann,Lee,ann@northwind.example' \
	    'zcrm_5725767000000384002,Bob,Martin,bob@contoso.example' \
	    'zcrm_5725767000000384003,Cai,Chen,cai@example.com' >zc.csv
	crm-add --import zc.csv >/dev/null 2>&1
	ZT="$BATS_TEST_DIRNAME/data/real/zoho-tasks.csv"
	run --separate-stderr crm-remind import "$ZT"
	status_is 0
	eq "${stderr_lines[1]}" "1 task skipped: done (Completed)"
	eq "${stderr_lines[2]}" "4 reminders added, 0 already there, 0 rejected"
	eq "$(sql "SELECT DISTINCT source FROM reminders")" zoho
	eq "$(sql "SELECT c.name || '|' || r.due || '|' || r.note || '|' || r.ref FROM reminders r JOIN customers c ON c.id = r.customer_id ORDER BY r.id")" \
	    "Ann Lee|2026-12-01T00:00:00Z|Send proposal|zcrm_5725767000000612001
Bob Martin|2027-01-15T00:00:00Z|Call back: Ask budget|zcrm_5725767000000612002
Cai Chen|2026-12-10T00:00:00Z|Chase invoice|zcrm_5725767000000612004
Bob Martin|2027-02-01T00:00:00Z|Quarterly review|zcrm_5725767000000612005"
	# as an older crm kept them: under hubspot's name; the same file
	# again adds nothing, and they are zoho's from then on
	sql "UPDATE reminders SET source = 'hubspot'"
	run --separate-stderr crm-remind import "$ZT"
	status_is 0
	eq "${stderr_lines[2]}" "4 reminders kept as hubspot's tasks by an older crm: zoho's now"
	eq "${stderr_lines[3]}" "0 reminders added, 4 already there, 0 rejected"
	eq "$(sql "SELECT source || ' ' || count(*) FROM reminders GROUP BY source")" "zoho 4"
	# moved there: followed, under its new name
	sed 's/2027-01-15/2027-01-20/' "$ZT" >moved.csv
	run --separate-stderr crm-remind import moved.csv
	status_is 0
	eq "${stderr_lines[2]}" "1 reminder updated: its task moved or edited"
	eq "$(sql "SELECT due FROM reminders WHERE ref = 'zcrm_5725767000000612002'")" 2027-01-20T00:00:00Z
	# a Record Id column lower-cased by a spreadsheet: its zcrm_ ids tell
	sed '1s/Record Id/record id/' moved.csv >lower.csv
	run --separate-stderr crm-remind import lower.csv
	eq "${stderr_lines[2]}" "0 reminders added, 4 already there, 0 rejected"
	# HubSpot's Record ID stays HubSpot's
	printf '%s\n' 'Record ID,Task Title,Due date,Task Status,Email' \
	    '53000000001,Visit,2027-02-01 09:00,Not started,cai@example.com' >hs.csv
	crm-remind import hs.csv 2>/dev/null
	eq "$(sql "SELECT source FROM reminders WHERE ref = '53000000001'")" hubspot
}

# h-rem48 4: vtiger's Related To naming a deal's (Potential's) title was
# not linked to the deal, where other CRMs' deal columns are.
@test "vtiger's Calendar in crm-log: Related To naming one deal's title links the activity to it; two deals so named are said; an organisation's name is no deal" {
	crm-deal add bill@initech.example "Initech TPS licences" --amount 12500 >/dev/null
	# the held call is about the deal (the fixture's task row names it)
	sed 's/"Bill Lumbergh","Initech GmbH","Peter Gibbons","Talked/"Bill Lumbergh","Initech TPS licences","Peter Gibbons","Talked/' "$VT" >vt.csv
	run --separate-stderr crm-log --import --date-format %d-%m-%Y vt.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 logged, 0 already there, 1 linked to its deal, 0 rejected"
	eq "$(sql "SELECT i.summary || '|' || coalesce(d.title, '-') FROM interactions i LEFT JOIN deals d ON d.id = i.deal_id ORDER BY i.at")" \
	    "Old task|-
Talked about TPS covers|Initech TPS licences"
	# two of Art's deals of that title: logged without one, said
	crm-deal add art@vandelay.example "Vandelay latex import" >/dev/null
	crm-deal add art@vandelay.example "Vandelay latex import" >/dev/null
	{ head -1 "$VT"; printf '%s\n' '"Latex call","Call","13-11-2026 14:00","13-11-2026","14:30","Held","Medium","Art Vandelay","Vandelay latex import","Milton Waddams","Prices","13-11-2026 15:00:00"'; } >two.csv
	run --separate-stderr crm-log --import --date-format %d-%m-%Y two.csv
	status_is 0
	eq "$stderr" "crm-log: two.csv:2: 1 row names a deal not linked (Related To 'Vandelay latex import'): two or more of the customer's deals are named so: logged without one (crm-log --deal ID names it)
1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE summary = 'Prices' AND deal_id IS NULL")" 1
}
