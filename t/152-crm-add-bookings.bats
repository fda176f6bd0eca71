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
	import "$BATS_TEST_TMPDIR/u.csv"
	status_is 65
	has "$stderr" "--map 'Addr=email' --map 'Client name=name'"
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
