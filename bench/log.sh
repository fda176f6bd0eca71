#!/bin/sh
# crm-log against the sqlite3 shell, in the same run:
#  1. import N generated interactions (default 10,000,000) for C customers
#     (default 1,000,000) with crm-log --import, next to sqlite3's .import
#     of the same file into a table of the same shape (the interactions
#     table and its indexes, WAL), and print the ratio;
#  2. 1,000 single crm-log calls in a loop next to 1,000 `sqlite3 DB
#     'insert ...'` calls, and print the ratio.
set -eu
n=${1:-10000000}
c=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
gen_data "$c" "$n"

rm -f "$work"/log.db* "$work"/anchor.db*
CRM_DB=$work/log.db "$bin/crm-add" --import "$cust" 2>/dev/null
cp "$work/log.db" "$work/base.db"

# The anchor: the same table and indexes, no customer resolving.
sqlite3 "$work/anchor.db" "PRAGMA journal_mode=WAL;
CREATE TABLE i (email TEXT, at TEXT, kind TEXT, product TEXT, quantity ANY,
  amount ANY, rating ANY, ref TEXT) STRICT;
CREATE INDEX i_customer ON i (email, at);
CREATE INDEX i_kind ON i (kind, email, at, amount);" >/dev/null
a=$(python3 "$here/measure.py" -q sqlite3 "$work/anchor.db" \
    ".import --csv --skip 1 $ia i")
l=$(CRM_DB=$work/log.db python3 "$here/measure.py" "$bin/crm-log" --import \
    "$ia")
echo "$a $l" | awk -v n="$n" '{ printf "import %s interactions: sqlite3 .import %.2fs, crm-log --import %.2fs, ratio %.2f, crm peak RSS %d MB\n", n, $1, $3, $3 / $1, $4 / 1024 }'

cp "$work/base.db" "$work/log.db"
t0=$(date +%s.%N)
for i in $(seq 1000); do
	CRM_DB=$work/log.db "$bin/crm-log" "user$i@example.com" call >/dev/null
done
t1=$(date +%s.%N)
for i in $(seq 1000); do
	sqlite3 "$work/anchor.db" "INSERT INTO i (email, at, kind) VALUES ('user$i@example.com', '2026-11-23T00:00:00Z', 'call')"
done
t2=$(date +%s.%N)
echo "$t0 $t1 $t2" | awk '{ printf "1,000 single calls: crm-log %.2fs, sqlite3 insert %.2fs, ratio %.2f\n", $2 - $1, $3 - $2, ($2 - $1) / ($3 - $2) }'
rm -f "$work"/log.db* "$work"/anchor.db* "$work"/base.db*
