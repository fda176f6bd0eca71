#!/usr/bin/env bats
# Test plan: every manual is well-formed mdoc.
#   - mandoc -T lint -W warning says nothing about any page in man/
#   - every program has its page, and every page is installed by make
#     install's MAN1/MAN7 lists
#   - no page says an option's value that is not a date exits 65: the
#     programs exit 64 for it (DESIGN.md: 64 usage and options, 65 data)

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

@test "no manual says an option's bad date exits 65 (it is a usage error, 64)" {
	local f text
	for f in "$SRC"/man/*.[17]; do
		text=$(mandoc -T ascii "$f" | col -b | tr -s ' \n' '  ')
		if [[ "$text" =~ value\ that\ is\ not\ a\ date\ is\ refused\ with\ exit\ 65 ]]; then
			echo "$(basename "$f"): a bad date exits 65" >&2
			return 1
		fi
	done
	# and the program does exit 64
	crm_setup
	crm-add -n Ann >/dev/null
	run --separate-stderr crm-log --at garbage 1 call
	status_is 64
}
