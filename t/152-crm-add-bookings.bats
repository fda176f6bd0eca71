#!/usr/bin/env bats
# t/152-crm-add-bookings.bats - crm-add --import of the files creators and
# small firms download from booking, membership and payment services
# (t/data/real, SOURCES.md says where each header comes from)
#
# Test plan:
#   - a hint that names the people's columns offers the name beside the
#     e-mail (Invitee Name by Invitee Email), never the host's (User Name)
#   - Calendly's invitees are read without a --map: Invitee Name, Invitee
#     Email, Text Reminder Number
#   - a bookings export (Calendly, Acuity) keeps only the person's
#     columns and says the bookings are crm-log's; --map keeps one
#   - a list's consent column (Ghost's subscribed_to_emails) whose cell
#     says no is said with the --map that reads it; =subscribed tags, in
#     crm-add and crm-log; a checkout's box (Accepts Marketing) unsaid
#   - Ko-fi's From beside BuyerEmail is the name, an anonymous tip nobody;
#     Razorpay's contact the phone

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

import() {
	run --separate-stderr crm-add --import "$@"
}

@test "the name hint: the column beside the e-mail, never the host's" {
	printf 'Host Name,Booker Name,Booker Email\nJo Coach,Ann Lee,ann@example.com\n' >"$BATS_TEST_TMPDIR/b.csv"
	import "$BATS_TEST_TMPDIR/b.csv"
	status_is 65
	has "$stderr" "--map 'Booker Email=email' --map 'Booker Name=name'"
	printf 'User Name,Client name,Addr\nJo Coach,Ann Lee,ann@example.com\n' >"$BATS_TEST_TMPDIR/u.csv"
	# a hand-made sheet's Client name is the name (qa37 F8): the
	# addresses' column is what is left to say
	import "$BATS_TEST_TMPDIR/u.csv"
	status_is 65
	eq "$stderr" "crm-add: $BATS_TEST_TMPDIR/u.csv:1: 'Addr' holds e-mail addresses, but no column is read as the e-mail: say --map 'Addr=email' to read it as the customers' e-mail, or --map 'Addr=Addr' to keep it as a field"
	import "$BATS_TEST_TMPDIR/u.csv" --map 'Addr=email'
	status_is 0
	eq "$(sql "SELECT name FROM customers")" "Ann Lee"
}

@test "Calendly's invitees: Invitee Name, Invitee Email and Text Reminder Number, without a --map" {
	import "$REAL/calendly-events.csv"
	status_is 0
	run crm-segment -f name,email,phone -o csv
	eq "$output" 'name,email,phone
Claire Martin,claire@example.fr,
Ian Moss,ian@example.co.uk,+44 7700 900456
Bob Turner,bob@example.com,'
	eq "$(crm-segment --count 'name = "Jo Coach"')" 0
}

@test "a bookings export keeps only the person's columns, and says the bookings are crm-log's" {
	import "$REAL/calendly-events.csv"
	status_is 0
	eq "$stderr" "crm-add: $REAL/calendly-events.csv: a bookings export: only the people who booked are imported (crm-log --import --kind meeting logs the bookings)
3 added, 0 updated, 1 unchanged, 0 rejected"
	# Claire booked twice: no booking's time, place or price is hers
	run crm-segment -o json 'name = "Claire Martin"' -f all
	has "$output" '"Invitee Time Zone":"Central European Time"'
	[[ "$output" != *Location* && "$output" != *"Start Date"* &&
	    "$output" != *"Event Price"* && "$output" != *Jo* ]]
	# a --map still reads a booking's column
	import --map 'Location=Where' "$REAL/calendly-events.csv"
	status_is 0
	eq "$(crm-segment -f Where -o tsv 'name = "Claire Martin"' | tail -1)" "Zoom URL: https://zoom.example/j/1"
}

@test "Acuity's appointments: the client's name, e-mail and phone, nothing of the appointment" {
	import "$REAL/acuity-appointments.csv"
	status_is 0
	eq "$stderr" "crm-add: $REAL/acuity-appointments.csv: a bookings export: only the people who booked are imported (crm-log --import --kind meeting logs the bookings)
3 added, 0 updated, 1 unchanged, 0 rejected"
	run crm-segment -o json -f all 'name = "Claire Martin"'
	has "$output" '"phone":"+33 6 12 34 56 78"'
	[[ "$output" != *"Back pain"* && "$output" != *Massage* &&
	    "$output" != *"Checked In"* && "$output" != *"75.00"* ]]
	eq "$(crm-segment -f name,phone -o csv 'email = "max@example.de"')" 'name,phone
Max Müller,0171 2345678'
}

@test "Ghost's subscribed_to_emails false is said, not read; --map 'subscribed_to_emails=subscribed' tags it unsubscribed" {
	import "$REAL/ghost-members.csv"
	status_is 0
	eq "$stderr" "crm-add: $REAL/ghost-members.csv:3: subscribed_to_emails: 'false' is no consent to e-mail (never given, or taken back), which crm does not read as an opt-out: nobody is tagged unsubscribed by it; --map 'subscribed_to_emails=subscribed' reads it (crm-add(1), Opted out and bounced)
3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(crm-segment --count 'has unsubscribed')" 0
	import --map 'subscribed_to_emails=subscribed' "$REAL/ghost-members.csv"
	status_is 0
	eq "$stderr" "0 added, 1 updated, 2 unchanged, 0 rejected
1 opted out of e-mail, tagged unsubscribed (a mailing's filter leaves them out with 'not has unsubscribed and not has bounced')"
	eq "$(crm-segment -f name,subscribed_to_emails -o csv 'has unsubscribed')" 'name,subscribed_to_emails
Lena Gruber,false'
	# a consent's yes or an empty cell marks nothing; an odd word is said
	printf 'Email,Opted In\na@x.example,yes\nb@x.example,\nc@x.example,N\nd@x.example,maybe\n' >"$BATS_TEST_TMPDIR/o.csv"
	import --map 'Opted In=subscribed' "$BATS_TEST_TMPDIR/o.csv"
	status_is 0
	has "$stderr" "'maybe' is not a value crm reads"
	eq "$(crm-segment -f email -o tsv 'has unsubscribed' | tail -n +2)" $'lena@example.at\nc@x.example'
}

@test "a checkout's consent box (Shopify's Accepts Marketing) is not said; --map =subscribed reads it" {
	printf 'Email,First Name,Accepts Marketing\na@x.example,Ann,no\nb@x.example,Bo,yes\n' >"$BATS_TEST_TMPDIR/s.csv"
	import "$BATS_TEST_TMPDIR/s.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	import --map 'Accepts Marketing=subscribed' "$BATS_TEST_TMPDIR/s.csv"
	eq "$(crm-segment -f email -o tsv 'has unsubscribed' | tail -n +2)" 'a@x.example'
}

@test "crm-log --import reads --map COLUMN=subscribed as crm-add does" {
	printf 'Email,Amount,Date,Newsletter\na@x.example,10.00,2026-11-01,no\nb@x.example,5.00,2026-11-02,yes\n' >"$BATS_TEST_TMPDIR/l.csv"
	run --separate-stderr crm-log --import --kind purchase --add-customers --map 'Newsletter=subscribed' "$BATS_TEST_TMPDIR/l.csv"
	status_is 0
	eq "$(crm-segment -f email -o tsv 'has unsubscribed' | tail -n +2)" 'a@x.example'
}

@test "Ko-fi's From is the supporter's name beside BuyerEmail; an anonymous tip adds nobody" {
	import "$REAL/kofi-transactions.csv"
	status_is 0
	has "$stderr" "3 added, 0 updated, 1 unchanged, 0 rejected
1 row skipped: no customer in it"
	eq "$(crm-segment -f name,email -o csv)" 'name,email
Bob Turner,bob@example.com
Gus Park,gus@example.com
Hana Ito,hana@example.jp'
	eq "$(crm-segment --count 'name = "Anonymous"')" 0
	# a From elsewhere is not a name: a sheet's sender
	printf 'From,Email,Subject\nsupport desk,ann@x.example,Hi\n' >"$BATS_TEST_TMPDIR/f.csv"
	import "$BATS_TEST_TMPDIR/f.csv"
	status_is 0
	eq "$(crm-segment --count 'name = "support desk"')" 0
}

@test "Razorpay's payments: the payer's contact is her phone" {
	import "$REAL/razorpay-payments.csv"
	status_is 0
	eq "$(crm-segment -f email,phone -o csv)" 'email,phone
ravi@example.in,+919876543210
priya@example.in,+919812345678'
}
