#!/bin/sh
# Search on PostgreSQL (pg_trgm, doc/scale.md) beside SQLite (FTS5):
# C customers (default 100,000) and N interactions (default 500,000)
# from gen-customers.py and gen-search.py, made in a SQLite file, copied
# to the server with crm copy; then each of bench/search.sh's queries on
# both, the median of 5 runs each, and whether both printed the same.
# The server: $CRM_PG (a libpq connection string), else a throwaway one
# from .ci/pg (with KEEP=1 and $CRM_PG both databases are left).  Run it
# with nice.
#   sh bench/search-pg.sh [N [C]]
set -eu
n=${1:-500000}
c=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
gen_data "$c"
ia=$work/search-interactions-$n-$c.csv
[ -s "$ia" ] || python3 "$here/gen-search.py" "$n" "$c" >"$ia"
pgdir=
if [ -z "${CRM_PG:-}" ]; then
	pgdir=$(mktemp -d /tmp/crm-pg.XXXXXX)
	CRM_PG=$(sh "$here/../.ci/pg" start "$pgdir")
	trap 'sh "$here/../.ci/pg" stop "$pgdir"' EXIT
fi
psql "$CRM_PG" -qAtX -c "DROP DATABASE IF EXISTS crm_search_bench" \
    -c "CREATE DATABASE crm_search_bench" >/dev/null 2>&1
pg=$(echo "$CRM_PG" | sed 's/dbname=[^ ]*/dbname=crm_search_bench/')
lite=$work/search-pg.db
export CRM_NOW=2026-11-23T00:00:00Z CRM_USER=bench
rm -f "$lite"*
CRM_DB=$lite "$bin/crm-add" --import "$cust" 2>/dev/null
CRM_DB=$lite "$bin/crm-log" --import "$ia" 2>/dev/null
# A rare two-character word in old rows, as bench/search.sh has it.
sqlite3 "$lite" "UPDATE interactions SET summary = summary || ' 密封'
WHERE id % 100003 = 7"
t=$(python3 "$here/measure.py" -q "$bin/crm" copy "$lite" "$pg" |
    cut -d' ' -f1)
psql "$pg" -qAtX -c 'VACUUM ANALYZE' >/dev/null 2>&1
echo "$c customers, $n interactions; crm copy to PostgreSQL: ${t}s"
echo "indexes on PostgreSQL: $(psql "$pg" -qAtX -c "SELECT
    string_agg(c.relname || ' ' || pg_size_pretty(pg_relation_size(c.oid)),
    ', ' ORDER BY c.relname) FROM pg_class c WHERE c.relname IN
    ('interactions_search', 'fts_customers_folded', 'fts_deals_folded')")"

# med DB CMD...: the median of 5 runs' seconds of CMD on DB.
med() {
	db=$1
	shift
	for i in 1 2 3 4 5; do
		CRM_DB=$db python3 "$here/measure.py" -q "$@" | cut -d' ' -f1
	done | sort -n | sed -n 3p
}

# row NAME CMD...: SQLite's and PostgreSQL's medians in ms, the lines
# printed, and whether both printed the same bytes.
row() {
	name=$1
	shift
	a=$(CRM_DB=$lite "$@" 2>&1 | cksum)
	b=$(CRM_DB=$pg "$@" 2>&1 | sed "s|$pg|$lite|g" | cksum)
	l=$(CRM_DB=$lite "$@" 2>/dev/null | wc -l)
	same=same
	[ "$a" = "$b" ] || same=DIFFERS
	printf '%-40s %8.0f %8.0f %6d  %s\n' "$name" \
	    "$(echo "$(med "$lite" "$@") * 1000" | bc)" \
	    "$(echo "$(med "$pg" "$@") * 1000" | bc)" "$l" "$same"
}
printf '%-40s %8s %8s %6s\n' query 'SQLite' 'PG' lines
row "a word: valve" "$bin/crm-segment" --search valve
row "a prefix: deliv*" "$bin/crm-segment" --search 'deliv*'
row "two Chinese characters: 阀门" "$bin/crm-segment" --search 阀门
row "a rare two: 密封" "$bin/crm-segment" --search 密封
row "a phrase: \"late delivery\"" "$bin/crm-segment" \
    --search '"late delivery"'
row "a rare one: user12345@" "$bin/crm-segment" --search user12345@
row "an e-mail: user12345@example.com" "$bin/crm-segment" \
    --search user12345@example.com
row "nowhere: gearbox" "$bin/crm-segment" --search gearbox
row "every match: 密封 --limit 0" "$bin/crm-segment" --search 密封 \
    --limit 0
row "matches and other conditions" "$bin/crm-segment" \
    "tier = gold and matches 'broken valve' and owner = alice"
row "crm-log --show --search (one customer)" "$bin/crm-log" --show \
    user77@example.com --search valve
[ -n "${KEEP:-}" ] && exit 0	# KEEP=1: both left, to look into
rm -f "$lite"*
psql "$CRM_PG" -qAtX -c "DROP DATABASE IF EXISTS crm_search_bench" \
    >/dev/null 2>&1 || true
