#!/usr/bin/env bats
# Test plan: every manual is well-formed mdoc.
#   - mandoc -T lint -W warning says nothing about any page in man/
#   - every program has its page, and every page is installed by make
#     install's MAN1/MAN7 lists

load helper

SRC="$BATS_TEST_DIRNAME/.."

@test "every manual lints clean (mandoc -T lint -W warning)" {
	local f out
	for f in "$SRC"/man/*.[17]; do
		out=$(mandoc -T lint -W warning "$f" 2>&1)
		eq "$out" ""
	done
}

@test "every program has a manual, and make install installs every manual" {
	local p
	for p in crm crm-add crm-deal crm-log crm-remind crm-report crm-segment; do
		[[ -f "$SRC/man/$p.1" ]] || { echo "no man/$p.1" >&2; return 1; }
	done
	run make -s -C "$SRC" -n install DESTDIR=/nonexistent PREFIX=/p
	status_is 0
	for p in "$SRC"/man/*.[17]; do
		has "$output" "man/$(basename "$p")"
	done
}
