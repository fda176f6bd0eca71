#!/usr/bin/env bats
# Test plan: crm, the front door.
#   - "crm add ..." runs crm-add with the rest of the command line, options
#     included (they are not taken for crm's own), against the same database
#   - "crm segment ..." runs crm-segment
#   - "crm help" lists the commands; "crm help add" is crm-add --help
#   - --version, --help
#   - no command, an unknown command, "crm help nosuch", a bad option: 64
#     and a message

load helper

@test "crm add -n X runs crm-add: prints the new id and stores the customer" {
	run --separate-stderr crm add -n 'Ann Lee' -e ann@example.com
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	eq "$(sql 'SELECT name, email FROM customers')" 'Ann Lee|ann@example.com'
}

@test "crm passes options after the command on, even ones crm itself has" {
	crm add -n 'Ann' >/dev/null
	run --separate-stderr crm add --version
	status_is 0
	[[ "$output" =~ ^crm-add\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	run --separate-stderr crm add -d "$BATS_TEST_TMPDIR/other.db" -n Bob
	status_is 0
	eq "$output" 1
	eq "$(sqlite3 "$BATS_TEST_TMPDIR/other.db" 'SELECT name FROM customers')" Bob
	eq "$(ncustomers)" 1
}

@test "crm segment runs crm-segment" {
	crm-add -n Ann -e ann@example.com >/dev/null
	run --separate-stderr crm segment -f name,email
	status_is 0
	eq "$output" $'name\temail\nAnn\tann@example.com'
}

@test "crm help lists the commands on stdout" {
	run --separate-stderr crm help
	status_is 0
	eq "$stderr" ""
	eq "${lines[0]}" "usage: crm command [argument ...]"
	has "$output" $'\n  add '
	has "$output" $'\n  segment '
}

@test "crm --help is crm help" {
	run --separate-stderr crm help
	local help=$output
	run --separate-stderr crm --help
	status_is 0
	eq "$output" "$help"
}

@test "crm help add prints crm-add's usage on stdout" {
	run --separate-stderr crm help add
	status_is 0
	eq "$stderr" ""
	eq "${lines[0]}" "usage: crm-add [-d db] [-n name] [-e email] [-p phone] [-c company]"
	run --separate-stderr crm-add --help
	local direct=$output
	run --separate-stderr crm help add
	eq "$output" "$direct"
}

@test "crm --version prints the name and a version number" {
	run --separate-stderr crm --version
	status_is 0
	[[ "$output" =~ ^crm\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	eq "$stderr" ""
}

@test "crm with no command exits 64 with the usage on stderr" {
	run --separate-stderr crm
	status_is 64
	eq "$output" ""
	eq "${stderr_lines[0]}" "usage: crm command [argument ...]"
}

@test "crm nosuch exits 64 naming the command" {
	run --separate-stderr crm nosuch -x
	fails 64 "crm: 'nosuch' is not a crm command (see crm help)"
}

@test "crm help nosuch exits 64 naming the command" {
	run --separate-stderr crm help nosuch
	fails 64 "crm: 'nosuch' is not a crm command (see crm help)"
}

@test "crm with a bad option exits 64 with the usage on stderr" {
	run --separate-stderr crm --bogus
	fails_usage 64 "crm: unrecognized option '--bogus'"
}

@test "crm add with a bad option is crm-add's usage error" {
	run --separate-stderr crm add --bogus
	fails_usage 64 "crm-add: unrecognized option '--bogus'"
	no_db
}

@test "crm's own commands take -d after the command too; two databases are a usage error" {
	crm-add -d other.db -n Ann >/dev/null
	run --separate-stderr crm check -d other.db
	status_is 0
	run --separate-stderr crm undo --db=other.db --list
	status_is 0
	eq "$(cut -f4 <<<"${lines[1]}")" add
	run --separate-stderr crm undo -d other.db
	status_is 0
	eq "$(sqlite3 other.db 'SELECT count(*) FROM customers')" 0
	run --separate-stderr crm -d other.db undo -d x.db
	status_is 64
	[ ! -e x.db ]
}
