#!/bin/sh
# Import N generated customers (default 1,000,000) with crm-add --import
# and with the sqlite3 shell's .import into a table of the same shape (the
# same columns, a unique e-mail index, WAL), in the same run, and print
# the ratio and crm's peak memory.  Medians of RUNS runs (default 3).
set -eu
n=${1:-1000000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
gen_data "$n"
csv=$cust

shape='PRAGMA journal_mode=WAL;
CREATE TABLE c (no TEXT UNIQUE, name TEXT, company TEXT, email TEXT UNIQUE,
  phone TEXT, industry TEXT, tier TEXT, owner TEXT, city TEXT) STRICT;'

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for i in $(seq "$runs"); do
	rm -f "$work"/anchor.db* "$work"/crm.db*
	sqlite3 "$work/anchor.db" "$shape" >/dev/null
	python3 "$here/measure.py" -q sqlite3 "$work/anchor.db" \
	    ".import --csv --skip 1 $csv c" >>"$work/a.$$"
	CRM_DB=$work/crm.db python3 "$here/measure.py" "$bin/crm-add" --import \
	    "$csv" >>"$work/c.$$"
done
a=$(cut -d' ' -f1 "$work/a.$$" | median)
c=$(cut -d' ' -f1 "$work/c.$$" | median)
rss=$(cut -d' ' -f2 "$work/c.$$" | sort -n | tail -n 1)
rm -f "$work/a.$$" "$work/c.$$" "$work"/anchor.db* "$work"/crm.db*
printf 'import %s customers: sqlite3 .import %.2fs, crm-add --import %.2fs, ratio %.2f, crm peak RSS %d MB\n' \
    "$n" "$a" "$c" "$(echo "$c $a" | awk '{ print $1 / $2 }')" $((rss / 1024))
