#!/bin/sh
# The cost of encryption at rest: crm-add --import of C generated
# customers (default 200,000) and crm-segment --rfm over them with N
# interactions (default 2,000,000), on a plain database and on an
# encrypted one (a raw key in a 0600 key file), in the same run.  Prints
# each pair's medians of RUNS runs (default 3) and the ratio encrypted /
# plain (goal: 1.3x at most); and the crm-log --import of the
# interactions, once each.
set -eu
c=${1:-200000}
n=${2:-2000000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
key=$work/crypt.key
gen_data "$c" "$n"
printf '%064x\n' 42 >"$key"
chmod 600 "$key"
export CRM_NOW=2026-11-23T00:00:00Z CRM_USER=bench

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# run DB KEY CMD...: seconds of CMD on DB, plain (KEY empty) or encrypted.
run() {
	db=$1 k=$2
	shift 2
	t=$(CRM_DB=$db CRM_KEY_FILE=$k python3 "$here/measure.py" -q "$@") ||
	    { echo "crypt.sh: $* failed on $db" >&2; exit 1; }
	echo "${t%% *}"
}

pair() {	# label, plain seconds file, encrypted seconds file
	p=$(median <"$2")
	e=$(median <"$3")
	printf '%-30s plain %6.2fs  encrypted %6.2fs  ratio %.2f\n' "$1" "$p" \
	    "$e" "$(echo "$e $p" | awk '{ print $1 / $2 }')"
	rm -f "$2" "$3"
}

for i in $(seq "$runs"); do
	rm -f "$work"/plain.db* "$work"/sealed.db*
	run "$work/plain.db" "" "$bin/crm-add" --import "$cust" >>"$work/p.$$"
	run "$work/sealed.db" "$key" "$bin/crm-add" --import "$cust" \
	    >>"$work/e.$$"
done
echo "$c customers, $n interactions"
pair "crm-add --import" "$work/p.$$" "$work/e.$$"
# One run each: the interactions for RFM.
run "$work/plain.db" "" "$bin/crm-log" --import "$ia" >"$work/p.$$"
run "$work/sealed.db" "$key" "$bin/crm-log" --import "$ia" >"$work/e.$$"
pair "crm-log --import (one run)" "$work/p.$$" "$work/e.$$"
for i in $(seq "$runs"); do
	run "$work/plain.db" "" "$bin/crm-segment" --rfm -f id >>"$work/p.$$"
	run "$work/sealed.db" "$key" "$bin/crm-segment" --rfm -f id \
	    >>"$work/e.$$"
done
pair "crm-segment --rfm" "$work/p.$$" "$work/e.$$"
echo "files: plain $(stat -c %s "$work/plain.db") bytes," \
    "encrypted $(stat -c %s "$work/sealed.db") bytes"
rm -f "$work"/plain.db* "$work"/sealed.db* "$key"
