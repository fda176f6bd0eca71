#!/usr/bin/env bats
# Test plan: crm-remind and deals that go quiet (issue 14, item 5; see
# man/crm-remind.1, "Deals").
#   - an open deal past its expected close is an item deal:N due at the
#     close date, owned by the deal's owner (else the customer's), with
#     the note "Deal 'T' (stage, amount) was to close on DATE"
#   - an open deal with no activity for the quiet time (14d unless
#     `quiet DUR` stored another) is due at last activity + that time:
#     listed exactly then, not a second before, not a day before
#   - activity: a stage move, an update, anything logged against the
#     deal, and a rep's contact (call, e-mail, meeting ...) with the
#     customer logged against no deal; not the customer's web visits or
#     complaints, not what was logged against another deal; an
#     organisation's deal, its people's contacts too
#   - past close and quiet: one item, the close date, the note says both
#   - won and lost deals never; --owner, --until, --all; quiet (no output,
#     exit 0) in every format when nothing is due
#   - --mail: one message per owner (read with python3's email package);
#     -o ics: a VTODO with a stable UID (read by hand, and by
#     python3-vobject when it is installed)
#   - quiet [DUR]: shown, stored and audited; a bad one 64, a stored bad
#     one 65, the database unchanged
#   - done deal:N [--log KIND]: logs an interaction against the deal, which
#     clears the quiet item; past close, not due, won, lost, unknown: 65
#     with what to do; a bad id 64; the database unchanged
# Every date is worked out by hand below from CRM_NOW=2026-11-23T10:00:00Z.

bats_require_minimum_version 1.5.0

load helper

HEADER=$'id\tdue\toverdue_days\tcustomer\tname\tcompany\tphone\temail\towner\tnote\tsource\tevery'

setup() {
	crm_setup
	crm-add -n "Ann Steel" -e ann@mill.example --owner ann@example.com >/dev/null
	crm-add -n "Bo Pumps" -e bo@pumps.example -c Pumpco --owner bo@example.com >/dev/null
}

# deal WHEN ARGS...: crm-deal add ARGS as if run at WHEN (its creation,
# its first history row and its last update are WHEN).
deal() {
	CRM_NOW=$1 crm-deal add "${@:2}" >/dev/null
}

# The deals of most tests, with their items at 2026-11-23T10:00:00Z and
# the quiet time 14d:
#   1 Ann's "Rolling mill upgrade", proposal, 120000.00, to close
#     2026-11-01, made 2026-10-20T09:00 and not touched since: quiet
#     since 2026-11-03T09:00, and past close, which wins: due
#     2026-11-01T00:00:00Z, 22 days 10 hours ago, so 22 overdue_days;
#     owner ann@example.com (the customer's)
#   2 Bo's "Pump overhaul", lead (the first stage), 5000.50, to close
#     2027-01-15, owner carol, made 2026-11-02T15:30: quiet at
#     2026-11-16T15:30:00Z, 6 days 18.5 hours ago, so 6
#   3 Ann's "Spare rolls", made 2026-11-20T10:00, to close 2026-12-31:
#     quiet at 2026-12-04T10:00:00Z, before its close: listed with --all
#   4 won and 5 lost, both past close and quiet: never listed
# and reminder 1 for Bo, due 2026-11-10, 13 days ago, owner bo (his rep).
scene() {
	deal 2026-10-20T09:00:00Z 1 Rolling mill upgrade --amount 120000 \
	    --stage proposal --close 2026-11-01
	deal 2026-11-02T15:30:00Z 2 Pump overhaul --amount 5000.50 \
	    --close 2027-01-15 --owner carol@example.com
	deal 2026-11-20T10:00:00Z 1 Spare rolls --amount 800 --close 2026-12-31
	deal 2026-09-01T00:00:00Z 2 Old valves --close 2026-10-01
	CRM_NOW=2026-09-15T00:00:00Z crm-deal won 4 >/dev/null
	deal 2026-09-01T00:00:00Z 1 Lost gears --close 2026-10-01
	CRM_NOW=2026-09-15T00:00:00Z crm-deal lost 5 --reason price >/dev/null
	crm-remind add 2 --due 2026-11-10 Send the quote >/dev/null
}

NOTE1="Deal 'Rolling mill upgrade' (proposal, 120000.00) was to close on 2026-11-01; no activity since 2026-10-20"
NOTE2="Deal 'Pump overhaul' (lead, 5000.50): no activity since 2026-11-02"

# The tables a failed command must leave as they were, and all the rest.
snap() {
	sql "SELECT (SELECT count(*) FROM interactions),
	    (SELECT count(*) FROM deals), (SELECT count(*) FROM deal_history),
	    (SELECT count(*) FROM settings), (SELECT count(*) FROM audit)"
	dump
}

# The items' ids, one line: what crm-remind ARGS lists.
ids() {
	crm-remind "$@" -f id | tail -n +2 | paste -sd ' '
}

# --- the list ----------------------------------------------------------

@test "the list: a deal past close and a quiet deal, exact columns, among a reminder, in due order" {
	scene
	run --separate-stderr crm-remind
	status_is 0
	eq "$stderr" ""
	eq "$output" "$HEADER
deal:1	2026-11-01T00:00:00Z	22	1	Ann Steel			ann@mill.example	ann@example.com	$NOTE1	deal	
1	2026-11-10T00:00:00Z	13	2	Bo Pumps	Pumpco		bo@pumps.example	bo@example.com	Send the quote	reminder	
deal:2	2026-11-16T15:30:00Z	6	2	Bo Pumps	Pumpco		bo@pumps.example	carol@example.com	$NOTE2	deal	14d"
}

@test "--all adds the deal that goes quiet later; won and lost deals never; --until" {
	scene
	eq "$(crm-remind --all -f id,due,owner,note)" "id	due	owner	note
deal:1	2026-11-01T00:00:00Z	ann@example.com	$NOTE1
1	2026-11-10T00:00:00Z	bo@example.com	Send the quote
deal:2	2026-11-16T15:30:00Z	carol@example.com	$NOTE2
deal:3	2026-12-04T10:00:00Z	ann@example.com	Deal 'Spare rolls' (lead, 800.00): no activity since 2026-11-20"
	# deal 3 is due 2026-12-04T10:00:00Z: not by a second before
	eq "$(ids --until 2026-12-04T09:59:59Z)" "deal:1 1 deal:2"
	eq "$(ids --until 2026-12-04T10:00:00Z)" "deal:1 1 deal:2 deal:3"
}

@test "--owner: the deal's owner, else the customer's" {
	scene
	eq "$(ids --owner carol@example.com)" "deal:2"
	eq "$(ids --owner ann@example.com)" "deal:1"
	eq "$(ids --owner ann@example.com --all)" "deal:1 deal:3"
	eq "$(ids --owner bo@example.com)" "1"
	# a deal without an owner (as an import may make) is its customer's
	sql 'UPDATE deals SET owner = NULL WHERE id = 2'
	eq "$(ids --owner bo@example.com)" "1 deal:2"
	eq "$(crm-remind --owner carol@example.com)" ""
}

@test "a quiet deal is due exactly the quiet time after its last activity" {
	# made 2026-11-09T10:00:00Z, + 14 days = 2026-11-23T10:00:00Z
	deal 2026-11-09T10:00:00Z 1 Mill --close 2027-06-01
	run --separate-stderr env CRM_NOW=2026-11-22T10:00:00Z crm-remind
	status_is 0
	eq "$output" ""
	eq "$(CRM_NOW=2026-11-23T09:59:59Z crm-remind)" ""
	eq "$(CRM_NOW=2026-11-22T10:00:00Z crm-remind --until 2026-11-23T10:00:00Z -f id,due,overdue_days)" \
	    $'id\tdue\toverdue_days\ndeal:1\t2026-11-23T10:00:00Z\t0'
	eq "$(crm-remind -f id,due,overdue_days,every)" \
	    $'id\tdue\toverdue_days\tevery\ndeal:1\t2026-11-23T10:00:00Z\t0\t14d'
	# a day later, 1 day overdue
	eq "$(CRM_NOW=2026-11-24T10:00:00Z crm-remind -f id,overdue_days)" \
	    $'id\toverdue_days\ndeal:1\t1'
}

@test "--at of add and move is when the deal entered its stage: the quiet clock starts there" {
	# added now (2026-11-23) as made 2026-10-01: quiet since 2026-10-15
	crm-deal add 1 Old --amount 10 --at 2026-10-01 --close 2027-06-01 >/dev/null
	eq "$(crm-remind -f id,due,note)" \
	    $'id\tdue\tnote\ndeal:1\t2026-10-15T00:00:00Z\tDeal \'Old\' (lead, 10.00): no activity since 2026-10-01'
	eq "$(sql 'SELECT created, updated FROM deals')" "2026-10-01T00:00:00Z|2026-10-01T00:00:00Z"
	# moved, as of 2026-10-20: quiet since 2026-11-03
	crm-deal move 1 proposal --at 2026-10-20 >/dev/null
	eq "$(crm-remind -f id,due)" $'id\tdue\ndeal:1\t2026-11-03T00:00:00Z'
	# an update now is activity now, and a move as of before it does
	# not take it back
	crm-deal update 1 --amount 20 >/dev/null
	crm-deal move 1 negotiation --at 2026-10-25 >/dev/null
	eq "$(sql 'SELECT updated FROM deals')" 2026-11-23T10:00:00Z
}

# due1 / due2: deal 1's and 2's items, "due|note" as --all lists them.
due_of() {
	crm-remind --all -f id,due,note | awk -F'\t' -v id="deal:$1" '$1 == id { print $2 "|" $3 }'
}

@test "activity: a move, an update, a rep's contact with the customer, what is logged against the deal" {
	# Two deals of Ann's, made 2026-10-01: quiet at 2026-10-15
	deal 2026-10-01T00:00:00Z 1 Mill --close 2027-06-01
	deal 2026-10-01T00:00:00Z 1 Rolls --close 2027-06-01
	eq "$(due_of 1)" "2026-10-15T00:00:00Z|Deal 'Mill' (lead, 0.00): no activity since 2026-10-01"
	# a stage move on 2026-11-01T08:00: + 14d = 2026-11-15T08:00
	CRM_NOW=2026-11-01T08:00:00Z crm-deal move 1 qualified >/dev/null
	eq "$(due_of 1)" "2026-11-15T08:00:00Z|Deal 'Mill' (qualified, 0.00): no activity since 2026-11-01"
	eq "$(due_of 2)" "2026-10-15T00:00:00Z|Deal 'Rolls' (lead, 0.00): no activity since 2026-10-01"
	# an update on 2026-11-05T12:00: 2026-11-19T12:00
	CRM_NOW=2026-11-05T12:00:00Z crm-deal update 1 --amount 2000 >/dev/null
	eq "$(due_of 1)" "2026-11-19T12:00:00Z|Deal 'Mill' (qualified, 2000.00): no activity since 2026-11-05"
	# a call to Ann on 2026-11-10T09:00, about no deal: both deals,
	# 2026-11-24T09:00
	crm-log 1 call Rang Ann --at 2026-11-10T09:00:00Z >/dev/null
	eq "$(due_of 1)" "2026-11-24T09:00:00Z|Deal 'Mill' (qualified, 2000.00): no activity since 2026-11-10"
	eq "$(due_of 2)" "2026-11-24T09:00:00Z|Deal 'Rolls' (lead, 0.00): no activity since 2026-11-10"
	# what the customer does is not work on the deal
	crm-log 1 web Visited the site --at 2026-11-20T00:00:00Z >/dev/null
	crm-log 1 complaint Late --at 2026-11-21T00:00:00Z >/dev/null
	eq "$(due_of 1)" "2026-11-24T09:00:00Z|Deal 'Mill' (qualified, 2000.00): no activity since 2026-11-10"
	# a call on 2026-11-21T09:00 logged against deal 2 (as crm-remind
	# done deal:2 logs it): deal 2 is due 2026-12-05T09:00, deal 1 not
	# moved by what was about another deal
	crm-log 1 call About the rolls --at 2026-11-21T09:00:00Z >/dev/null
	sql "UPDATE interactions SET deal_id = 2 WHERE summary = 'About the rolls'"
	eq "$(due_of 2)" "2026-12-05T09:00:00Z|Deal 'Rolls' (lead, 0.00): no activity since 2026-11-21"
	eq "$(due_of 1)" "2026-11-24T09:00:00Z|Deal 'Mill' (qualified, 2000.00): no activity since 2026-11-10"
	# a complaint logged against the deal is about it: 2026-12-06T00:00
	crm-log 1 complaint Wrong rolls --at 2026-11-22T00:00:00Z >/dev/null
	sql "UPDATE interactions SET deal_id = 2 WHERE summary = 'Wrong rolls'"
	eq "$(due_of 2)" "2026-12-06T00:00:00Z|Deal 'Rolls' (lead, 0.00): no activity since 2026-11-22"
}

# h-deal40 (4): a deal on an organisation went quiet however often its
# people were called: only contacts logged on the organisation itself
# counted.
@test "activity: an organisation's deal counts the contacts logged on its people, not on another's" {
	crm-add --org -n Acme >/dev/null
	crm-add -n "Cy Lee" -e cy@acme.example --contact-of Acme >/dev/null
	crm-add --org -n Other >/dev/null
	crm-add -n "Di Fox" -e di@other.example --contact-of Other >/dev/null
	# ids: 1 Ann, 2 Bo, 3 Acme, 4 Cy (Acme's), 5 Other, 6 Di (Other's)
	eq "$(sql "SELECT group_concat(id || ':' || coalesce(CAST(org_id AS TEXT), '-'), ',') FROM (SELECT id, org_id FROM customers ORDER BY id) AS c")" \
	    "1:-,2:-,3:-,4:3,5:-,6:5"
	# Acme's deal made 2026-10-01: quiet at 2026-10-15
	deal 2026-10-01T00:00:00Z id:3 Mill --close 2027-06-01
	eq "$(due_of 1)" "2026-10-15T00:00:00Z|Deal 'Mill' (lead, 0.00): no activity since 2026-10-01"
	# a call to Cy, Acme's buyer, on 2026-11-10T09:00: + 14d
	crm-log cy@acme.example call Rang Cy --at 2026-11-10T09:00:00Z >/dev/null
	eq "$(due_of 1)" "2026-11-24T09:00:00Z|Deal 'Mill' (lead, 0.00): no activity since 2026-11-10"
	# a later call on the organisation itself counts as before
	crm-log id:3 meeting Met Acme --at 2026-11-12T09:00:00Z >/dev/null
	eq "$(due_of 1)" "2026-11-26T09:00:00Z|Deal 'Mill' (lead, 0.00): no activity since 2026-11-12"
	# a later call to Di, another organisation's, and Cy's web visit: not
	crm-log di@other.example call Rang Di --at 2026-11-20T09:00:00Z >/dev/null
	crm-log cy@acme.example web Visited --at 2026-11-21T09:00:00Z >/dev/null
	eq "$(due_of 1)" "2026-11-26T09:00:00Z|Deal 'Mill' (lead, 0.00): no activity since 2026-11-12"
	# Cy's e-mail about no deal, later still: 2026-12-06T09:00
	crm-log cy@acme.example email Sent terms --at 2026-11-22T09:00:00Z >/dev/null
	eq "$(due_of 1)" "2026-12-06T09:00:00Z|Deal 'Mill' (lead, 0.00): no activity since 2026-11-22"
}

@test "past close and quiet: one item, due at the close date, whichever came first" {
	# 1: made 2026-10-01 (quiet at 2026-10-15), to close 2026-11-20: past
	#    close wins though it went quiet first: due 2026-11-20, 3 days
	# 2: made 2026-10-01, to close 2026-11-20, but a call on 2026-11-22:
	#    past close only
	# 3: made 2026-11-20 (quiet at 2026-12-04), to close 2026-11-25:
	#    the close comes first: due then, "is to close"
	deal 2026-10-01T00:00:00Z 1 Mill --close 2026-11-20
	deal 2026-10-01T00:00:00Z 2 Pumps --close 2026-11-20
	crm-log 2 call Rang Bo --at 2026-11-22T00:00:00Z >/dev/null
	deal 2026-11-20T00:00:00Z 1 Rolls --close 2026-11-25
	eq "$(crm-remind --all -f id,due,overdue_days,note,every)" "id	due	overdue_days	note	every
deal:1	2026-11-20T00:00:00Z	3	Deal 'Mill' (lead, 0.00) was to close on 2026-11-20; no activity since 2026-10-01	
deal:2	2026-11-20T00:00:00Z	3	Deal 'Pumps' (lead, 0.00) was to close on 2026-11-20	
deal:3	2026-11-25T00:00:00Z	0	Deal 'Rolls' (lead, 0.00) is to close on 2026-11-25	"
	eq "$(ids)" "deal:1 deal:2"
	eq "$(ids --until 2026-11-25)" "deal:1 deal:2 deal:3"
}

@test "won and lost deals are never listed, however late and quiet" {
	deal 2026-01-01T00:00:00Z 1 Mill --close 2026-02-01
	deal 2026-01-01T00:00:00Z 2 Pumps --close 2026-02-01
	eq "$(ids)" "deal:1 deal:2"
	CRM_NOW=2026-03-01T00:00:00Z crm-deal won 1 >/dev/null
	CRM_NOW=2026-03-01T00:00:00Z crm-deal lost 2 --reason price >/dev/null
	eq "$(crm-remind --all)" ""
	# moved back out of lost, it is open again (and was touched then)
	CRM_NOW=2026-11-01T00:00:00Z crm-deal move 2 proposal >/dev/null
	eq "$(crm-remind -f id,due)" $'id\tdue\ndeal:2\t2026-02-01T00:00:00Z'
}

@test "nothing due prints nothing in every format, exit 0" {
	deal 2026-11-20T00:00:00Z 1 Mill --close 2027-01-01
	for args in "" "list" "-o tsv" "-o csv" "-o json" "-o table" "-o ics" \
	    "-f id,due" "--mail" "--mail --owner ann@example.com" \
	    "--all --owner nobody"; do
		run --separate-stderr crm-remind $args
		status_is 0
		eq "$output" ""
		eq "$stderr" ""
	done
}

# --- mail and calendars ----------------------------------------------------

# mails FILE: each message of an mbox as parsed by python3's email
# package: "To|Subject", then its body.
mails() {
	python3 - "$1" <<'EOF'
import mailbox, sys
for m in mailbox.mbox(sys.argv[1]):
    print('%s|%s' % (m['To'], m['Subject']))
    assert m.get_content_type() == 'text/plain'
    sys.stdout.write(m.get_payload(decode=True).decode('utf-8'))
EOF
}

@test "--mail: the deals' items in their owners' messages, one message per owner" {
	scene
	crm-remind --mail >mail.mbox
	run mails mail.mbox
	status_is 0
	eq "$output" "ann@example.com|crm: 1 follow-up due, 1 overdue for ann@example.com
2026-11-01, 22 days overdue  [deal deal:1]
Deal 'Rolling mill upgrade' (proposal, 120000.00) was to close on
2026-11-01; no activity since 2026-10-20
Ann Steel
E-mail: ann@mill.example

bo@example.com|crm: 1 follow-up due, 1 overdue for bo@example.com
2026-11-10, 13 days overdue  [reminder 1]
Send the quote
Bo Pumps, Pumpco
E-mail: bo@pumps.example

carol@example.com|crm: 1 follow-up due, 1 overdue for carol@example.com
2026-11-16, 6 days overdue  [deal deal:2]
Deal 'Pump overhaul' (lead, 5000.50): no activity since 2026-11-02
Bo Pumps, Pumpco
E-mail: bo@pumps.example"
	# ann's deal 3 joins her message once it is due: at 2026-12-05T00:00
	# it has been due 14 hours (since 2026-12-04T10:00), not a whole day,
	# so it is not counted overdue
	CRM_NOW=2026-12-05T00:00:00Z crm-remind --mail >later.mbox
	eq "$(mails later.mbox | grep '^ann@')" "ann@example.com|crm: 2 follow-ups due, 1 overdue for ann@example.com"
}

@test "--mail --owner: one message, without the From_ line, for sendmail -t" {
	scene
	run --separate-stderr crm-remind --mail --owner carol@example.com
	status_is 0
	eq "${lines[0]}" "Date: Mon, 23 Nov 2026 10:00:00 +0000"
	eq "$(printf '%s\n' "$output" | grep -c '^From ')" 0
	printf '%s\n' "$output" >one.eml
	eq "$(python3 -c '
import email, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
print(m["To"], m["Subject"], sep="|")' one.eml)" \
	    "carol@example.com|crm: 1 follow-up due, 1 overdue for carol@example.com"
}

# ics_unfold FILE: the content lines of an iCalendar file, CRLF and
# folding undone (t/400 checks the folding itself).
ics_unfold() {
	python3 -c '
import sys
data = open(sys.argv[1], "rb").read()
sys.stdout.write(data.replace(b"\r\n ", b"").decode("utf-8").replace("\r\n", "\n"))' "$1"
}

@test "-o ics: a VTODO per deal item, with a stable UID and the close or quiet date as DUE" {
	scene
	crm-remind --owner carol@example.com -o ics >carol.ics
	eq "$(ics_unfold carol.ics)" "BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//crm//crm-remind 0.1.0//EN
BEGIN:VTODO
UID:deal-2-20261116T153000Z@crm
DTSTAMP:20261123T100000Z
DUE:20261116T153000Z
SUMMARY:Bo Pumps: Deal 'Pump overhaul' (lead\\, 5000.50): no activity since 2026-11-02
DESCRIPTION:Bo Pumps\\, Pumpco\\nE-mail: bo@pumps.example\\nCustomer 2\\, deal deal:2
STATUS:NEEDS-ACTION
END:VTODO
END:VCALENDAR"
	crm-remind -o ics >all.ics
	eq "$(ics_unfold all.ics | grep -E '^(UID|DUE|SUMMARY)' | paste -sd ' ')" \
	    "UID:deal-1-20261101T000000Z@crm DUE:20261101T000000Z SUMMARY:Ann Steel: Deal 'Rolling mill upgrade' (proposal\\, 120000.00) was to close on 2026-11-01\\; no activity since 2026-10-20 UID:1@crm DUE:20261110T000000Z SUMMARY:Bo Pumps: Send the quote UID:deal-2-20261116T153000Z@crm DUE:20261116T153000Z SUMMARY:Bo Pumps: Deal 'Pump overhaul' (lead\\, 5000.50): no activity since 2026-11-02"
	# a deal's item is not a series
	eq "$(ics_unfold all.ics | grep -c RRULE)" 0
}

@test "-o ics: python3-vobject reads the deals' VTODOs" {
	/usr/bin/python3 -c 'import vobject' 2>/dev/null ||
	    skip "python3-vobject is not installed (make deps)"
	scene
	crm-remind -o ics >all.ics
	run /usr/bin/python3 -c '
import sys, vobject
cal = vobject.readOne(open(sys.argv[1], newline="").read())
for t in cal.vtodo_list:
    print(t.uid.value, t.due.value.isoformat(), t.summary.value, sep="|")' all.ics
	status_is 0
	eq "$output" "deal-1-20261101T000000Z@crm|2026-11-01T00:00:00+00:00|Ann Steel: $NOTE1
1@crm|2026-11-10T00:00:00+00:00|Bo Pumps: Send the quote
deal-2-20261116T153000Z@crm|2026-11-16T15:30:00+00:00|Bo Pumps: $NOTE2"
}

# --- the quiet time ----------------------------------------------------------

@test "quiet prints 14d, stores another (audited), which the list uses" {
	# made 2026-11-14T10:00: quiet at 2026-11-28T10:00 with 14d, at
	# 2026-11-21T10:00 (2 days ago) with 7d
	deal 2026-11-14T10:00:00Z 1 Mill --close 2027-06-01
	eq "$(crm-remind quiet)" 14d
	eq "$(crm-remind)" ""
	run --separate-stderr crm-remind quiet 7d
	status_is 0
	eq "$output" ""
	eq "$stderr" ""
	eq "$(crm-remind quiet)" 7d
	eq "$(sql 'SELECT key, value FROM settings')" "deal_quiet|7d"
	eq "$(sql "SELECT quote(customer_id), detail FROM audit WHERE action = 'settings'")" \
	    'NULL|{"deal_quiet":"7d"}'
	eq "$(crm-remind -f id,due,overdue_days,every)" \
	    $'id\tdue\toverdue_days\tevery\ndeal:1\t2026-11-21T10:00:00Z\t2\t7d'
	# the complaint SLA is another setting
	crm-remind sla 48h
	eq "$(crm-remind quiet) $(crm-remind sla)" "7d 48h"
	# calendar months: 2026-11-14T10:00 + 1m = 2026-12-14T10:00
	crm-remind quiet 1m
	eq "$(crm-remind --all -f id,due)" $'id\tdue\ndeal:1\t2026-12-14T10:00:00Z'
}

@test "quiet: a bad duration or operand is 64, a stored bad one 65; nothing changed" {
	deal 2026-10-01T00:00:00Z 1 Mill --close 2027-06-01
	before=$(snap)
	run --separate-stderr crm-remind quiet bogus
	fails_usage 64 "crm-remind: quiet: 'bogus' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind quiet 0d
	fails_usage 64 "crm-remind: quiet: '0d' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind quiet 7d 8d
	fails_usage 64 "crm-remind: unknown or incomplete command 'quiet'"
	eq "$(snap)" "$before"
	sql "INSERT INTO settings (key, value) VALUES ('deal_quiet', 'soon')"
	run --separate-stderr crm-remind
	fails 65 "crm-remind: the stored deal quiet time 'soon' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-remind done deal:1
	fails 65 "crm-remind: the stored deal quiet time 'soon' is not a duration (24h, 3d, 2w, 1m, 1y)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
}

@test "quiet is a reader: no database, 66; --help shows it" {
	new_db
	run --separate-stderr crm-remind quiet
	fails 66 "crm-remind: $CRM_DB: no database yet (crm-add creates it)"
	no_db
	run --separate-stderr crm-remind --help
	status_is 0
	has "$output" "crm-remind quiet [dur]"
}

# --- done deal:N -------------------------------------------------------------

@test "done deal:N --log call logs it against the deal, which clears the quiet item" {
	scene
	run --separate-stderr crm-remind done deal:2 --log call Went through the offer
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	eq "$(sql 'SELECT id, customer_id, deal_id, at, kind, channel, summary, owner FROM interactions')" \
	    "1|2|2|2026-11-23T10:00:00Z|call|phone|Went through the offer|tester"
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'log'")" \
	    '2|{"interaction":1,"kind":"call"}'
	eq "$(ids)" "deal:1 1"
	# quiet again 14 days on: 2026-12-07T10:00:00Z
	eq "$(crm-remind --all -f id,due,note | grep '^deal:2')" \
	    "deal:2	2026-12-07T10:00:00Z	Deal 'Pump overhaul' (lead, 5000.50): no activity since 2026-11-23"
	# done again: not due; nothing changed
	before=$(snap)
	run --separate-stderr crm-remind done deal:2 --log call Again
	fails 65 "crm-remind: deal:2 is not due until 2026-12-07T10:00:00Z: nothing done"
	eq "$(snap)" "$before"
}

@test "done deal:N without --log logs a note" {
	scene
	run --separate-stderr crm-remind done deal:2
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT customer_id, deal_id, kind, quote(summary) FROM interactions')" "2|2|note|NULL"
	eq "$(ids --owner carol@example.com)" ""
}

@test "done deal:N past its close date says what to do and changes nothing; a new close date clears it" {
	scene
	before=$(snap)
	run --separate-stderr crm-remind done deal:1 --log call
	fails 65 "crm-remind: deal:1 was to close on 2026-11-01: nothing done; move it on (crm-deal won, lost or move 1) or give it a new close date (crm-deal update 1 --close when)"
	eq "$(snap)" "$before"
	# updated now, to close 2027-01-31: quiet at 2026-12-07T10:00 first
	crm-deal update 1 --close 2027-01-31 >/dev/null
	eq "$(ids)" "1 deal:2"
	eq "$(crm-remind --all -f id,due | grep '^deal:1')" "deal:1	2026-12-07T10:00:00Z"
}

@test "done deal:N: won, lost, unknown or not yet due is 65, a bad id 64; nothing changed" {
	scene
	before=$(snap)
	run --separate-stderr crm-remind done deal:4
	fails 65 "crm-remind: no item deal:4: the deal is won"
	run --separate-stderr crm-remind done deal:5 --log call
	fails 65 "crm-remind: no item deal:5: the deal is lost"
	run --separate-stderr crm-remind done deal:9
	fails 65 "crm-remind: no item deal:9: no such deal"
	run --separate-stderr crm-remind done deal:3
	fails 65 "crm-remind: deal:3 is not due until 2026-12-04T10:00:00Z: nothing done"
	run --separate-stderr crm-remind done deal:x
	fails 64 "crm-remind: 'deal:x' is not an item id (deal:N)"
	run --separate-stderr crm-remind done deal:0
	fails 64 "crm-remind: 'deal:0' is not an item id (deal:N)"
	run --separate-stderr crm-remind done deal:2 --log bogus
	status_is 64
	has "$stderr" "--log: unknown kind 'bogus'"
	eq "$(snap)" "$before"
}

@test "a deal goes quiet in the local calendar (TZ): the same wall-clock time across DST" {
	export TZ=Europe/Berlin
	# made 20 March 09:00 in Berlin (winter time), quiet 14d: 3 April
	# 09:00 (summer time), 07:00 UTC, not 08:00
	deal 2027-03-20T08:00:00Z ann@mill.example Gearbox --close 2027-12-31
	eq "$(CRM_NOW=2027-03-21T00:00:00Z crm-remind --all -f id,due | tail -n +2)" \
	    $'deal:1\t2027-04-03T07:00:00Z'
}
