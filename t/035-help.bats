#!/usr/bin/env bats
# Test plan: --help of every program, and a help text that cannot drift
# from the options the program takes or from its manual.
#   - --help: exit 0, stdout only; the synopsis, then the options grouped
#     under headings ending in ':', an "Examples:" group whose lines run
#     the program, and "See PROG(1)." (crm: crm(7)) last; no line wider
#     than 79 columns
#   - a usage error prints the synopsis alone, on stderr, exit 64
#   - the options --help lists, long and short, are exactly those of the
#     program's longopts table and getopt string in cmd/PROG.c (crm: and
#     undo's --list and --forget-before, which undo reads itself)
#   - every option --help lists is in the manual (Fl -name, Fl x), and
#     the manual's SYNOPSIS is the synopsis the program prints, word for
#     word (mandoc -T ascii, spaces and " | " aside)
#   - the synopsis is true: crm-add needs -n or -e, -e alone is enough,
#     -x alone is not (64, the message)

load helper

PROGS="crm crm-add crm-deal crm-log crm-remind crm-report crm-segment"
SRC="$BATS_TEST_DIRNAME/.."

# The option part of --help's option lines (after the synopsis, those
# that start with spaces and a dash), up to the two spaces before the description: each -x and
# --name in it, one a line, sorted.
help_opts() {
	"$1" --help | sed '1,/^$/d' | grep -E '^ +-' | sed -E 's/^ +//; s/  .*//' |
	    grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | sed -E 's/^[ ,]//' |
	    sort -u
}

# The long options of cmd/PROG.c's longopts table, and its short ones
# from the getopt string, spelled as on a command line.
src_opts() {
	local f="$SRC/cmd/$1.c"
	awk '/longopts\[\] = \{/,/^\};/' "$f" | grep -oE '\{ "[a-z-]+"' |
	    sed -E 's/\{ "/--/; s/"$//'
	grep -oE 'getopt_long\(argc, argv, "[^"]*"' "$f" |
	    sed -E 's/.*"(.*)"/\1/; s/[+:]//g' | grep -oE '[A-Za-z]' |
	    sed 's/^/-/'
	if [[ $1 == crm ]]; then
		echo --list
		echo --forget-before
	fi
}

# The manual's SYNOPSIS, and the program's, as one line of words.
words() {
	tr -s ' \n' '  ' | sed -E 's/^ //; s/ $//; s/ \| /|/g'
}
man_synopsis() {
	mandoc -T ascii -O width=300 "$SRC/man/$1.1" | col -b |
	    awk '/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f' | words
}
prog_synopsis() {
	"$1" --no-such-option 2>&1 >/dev/null | sed 1d | sed 's/^usage: //' |
	    words
}

@test "--help: the synopsis, grouped options, examples, the manual; stdout, 0" {
	local p
	for p in $PROGS; do
		run --separate-stderr "$p" --help
		status_is 0
		eq "$stderr" ""
		has "${lines[0]}" "usage: $p "
		has "$output" $'\n\n'		# the groups after the synopsis
		has "$output" $'\nExamples:\n  '"${p%%-*}"
		if [[ $p == crm ]]; then
			eq "${lines[-1]}" "See crm(7) for the overview and crm-COMMAND(1) for each command."
		else
			eq "${lines[-1]}" "See $p(1)."
		fi
		# on an 80-column terminal
		eq "$(printf '%s\n' "$output" | awk 'length > 79')" ""
		# at least two groups of options and the examples, headed "...:"
		(( $(printf '%s\n' "$output" | grep -cE '^[A-Z].*:$') >= 3 ))
		# and every example runs this program
		printf '%s\n' "$output" | sed -n '/^Examples:$/,/^$/p' | sed '1d;$d' |
		    { while read -r cmd _; do eq "$cmd" "${p%%-*}${p#crm}" || exit 1; done; }
	done
}

@test "a usage error prints the synopsis alone, on stderr, exit 64" {
	local p
	for p in $PROGS; do
		run --separate-stderr "$p" --no-such-option
		status_is 64
		eq "$output" ""
		has "$stderr" "$p: unrecognized option '--no-such-option'"
		has "$stderr" $'\nusage: '"$p "
		if [[ $stderr == *Examples:* || $stderr == *See* ]]; then
			echo "$p: the help on a usage error" >&2
			return 1
		fi
	done
}

@test "--help lists exactly the options the program takes" {
	local p
	for p in $PROGS; do
		local h s
		h=$(help_opts "$p")
		s=$(src_opts "$p" | sort -u)
		[[ -n $h && $(wc -l <<<"$h") -ge 3 ]]
		if [[ $h != "$s" ]]; then
			echo "$p: --help (<) and cmd/$p.c (>) differ:" >&2
			diff <(echo "$h") <(echo "$s") >&2
			return 1
		fi
	done
}

@test "every option --help lists is in the manual" {
	local p o
	for p in $PROGS; do
		for o in $(help_opts "$p"); do
			if [[ $o == --* ]]; then
				grep -qE "Fl \\\\?-${o#--}( |\$)" "$SRC/man/$p.1" ||
				    { echo "$p: $o is not in $p.1" >&2; return 1; }
			else
				grep -qE "Fl ${o#-}( |\$)" "$SRC/man/$p.1" ||
				    { echo "$p: $o is not in $p.1" >&2; return 1; }
			fi
		done
	done
}

@test "the manual's SYNOPSIS is the program's, word for word" {
	local p
	for p in $PROGS; do
		local m u
		m=$(man_synopsis "$p")
		u=$(prog_synopsis "$p")
		[[ -n $m ]]
		if [[ $m != "$u" ]]; then
			echo "$p: SYNOPSIS (<) and usage (>) differ:" >&2
			diff <(tr ' ' '\n' <<<"$m") <(tr ' ' '\n' <<<"$u") >&2
			return 1
		fi
	done
}

@test "crm-add's synopsis is true: -n or -e, -e alone is enough" {
	run --separate-stderr crm-add --help
	has "${lines[0]}" "usage: crm-add [-d db] [-n name] [-e email] "
	has "$output" "A person needs -n or -e (or both); an organisation needs -n."
	run --separate-stderr crm-add -e ada@example.com
	status_is 0
	eq "$output" 1
	run --separate-stderr crm-add -n Bob
	status_is 0
	eq "$output" 2
	run --separate-stderr crm-add -x S-1 -p 555
	fails_usage 64 "crm-add: a customer needs a --name or an --email"
	eq "$(sql 'SELECT count(*) FROM customers')" 2
}

# qa19 #4: the synopsis showed --by on summary's and pareto's line, which
# refuse it (exit 64); the manual's SYNOPSIS is checked against it above.
@test "crm-report's synopsis is true: --by beside the time series only, not summary's or pareto's" {
	run --separate-stderr crm-report --help
	status_is 0
	summary=$(printf '%s\n' "$output" | sed -n '1,/summary/p')
	has "$summary" "summary | pareto"
	[[ "$summary" != *--by* ]] || { echo "--by on summary's line: $summary" >&2; false; }
	has "$output" "[--by week|month|quarter|year]
                  activity"
	run --separate-stderr crm-report --by month pareto
	status_is 64
}
