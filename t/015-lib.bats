#!/usr/bin/env bats
# t/015-lib.bats - the library reports errors and returns; only programs
# exit.  t/lib/libcheck (built by make check, linked with libcrm alone)
# calls the library where it must fail and prints what it kept; each test
# asserts that the process went on and the error is the right one.  And
# the house rules that keep it so, read from the source: only the engine
# file talks to SQLite, and no library file exits; and lib/iaimport.c's
# status words (states[]), added a language at a time, have each word
# once.
load helper

libcheck() {
	run "$BATS_TEST_DIRNAME/lib/libcheck" "$@"
	printf '%s\n' "$output"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "still running: all held" ]
}

@test "a missing database: NULL, 66, no file made, the process goes on" {
	libcheck open-missing "$BATS_TEST_TMPDIR"
	has "$output" "kept: 66 -: $BATS_TEST_TMPDIR/none.db: no database yet"
}

@test "a directory for a database: NULL, 66" {
	libcheck open-dir "$BATS_TEST_TMPDIR"
}

@test "a failed statement: every later one fails, commit refuses, nothing written" {
	libcheck sticky "$BATS_TEST_TMPDIR"
	has "$output" "kept: 70 -: $BATS_TEST_TMPDIR/sticky.db: no such table: nowhere"
}

@test "a field list naming no column: -1 from the writer, the fields parameter, 64" {
	libcheck fields
}

@test "a missing input file: NULL, 66" {
	libcheck reader "$BATS_TEST_TMPDIR"
}

@test "one yes/no reader for every import: true yes y 1 x, false no n 0, any case; -1 for the rest" {
	libcheck yes-no
	has "$output" "ok verylongword"
}

@test "one rule of a person's name for crm-add, crm-log and crm-deal: no number, user name, address, firm or note; what is turned round" {
	libcheck names
	status_is 0
	has "$output" "ok a b c d, Ann"
}

@test "messages name parameters; the program's table names the options; values are never read for them" {
	libcheck optnames
}

@test "the statement cache runs what the text says: SQL built in a reused buffer is prepared again, not run stale" {
	libcheck cache "$CRM_DB"
	eq "$(sql "SELECT key, value FROM settings WHERE key = 'k'")" "k|v"
}

@test "a local time in a zone with summer time costs at most one mktime, with the same answers" {
	libcheck local-times
	has "$output" "672 times"
}

@test "a bad CRM_NOW is kept as an error, not an exit" {
	libcheck now
}

@test "only the storage part (lib/sqlite.c, lib/crypt.c) includes sqlite3.h or calls SQLite" {
	src="$BATS_TEST_DIRNAME/.."
	run grep -l 'sqlite3' "$src"/lib/*.c "$src"/lib/*.h "$src"/cmd/*.c "$src"/cmd/*.h
	eq "$output" "$src/lib/crypt.c
$src/lib/sqlite.c"
}

@test "no library file exits or calls crm_die; crm_die is declared only for programs" {
	src="$BATS_TEST_DIRNAME/.."
	run grep -nE '\<(exit|_exit|crm_die|crm_usage|crm_usage_error)\(' "$src"/lib/*.c
	eq "$output" ""
	run grep -n 'crm_die' "$src"/lib/crm.h
	eq "$output" ""
}

# A word twice in states[] is dead weight at best, and at worst means two
# things (order_state() takes the first).  Compared as same_status() and
# folded_state() compare: case aside, `_' read as a space.
@test "lib/iaimport.c's status words: each once, so none means two things" {
	run python3 - "$BATS_TEST_DIRNAME/../lib/iaimport.c" <<-'EOF'
	import re, sys
	s = open(sys.argv[1], encoding="utf-8").read()
	a = s.index("} states[] = {")
	body = s[a:s.index("\n};", a)]
	seen = {}
	for w, st in re.findall(r'\{\s*"((?:[^"\\]|\\.)*)",\s*(ST_\w+)\s*\}', body):
	    k = w.replace("_", " ").lower()
	    if k in seen:
	        print(f"{w}: {st}, and {seen[k][0]}: {seen[k][1]}")
	    seen[k] = (w, st)
	print(len(seen) > 200)
	EOF
	status_is 0
	eq "$output" "True"
}
