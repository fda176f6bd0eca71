#!/bin/sh
# Full-text search (schema 6, lib/search.c) over C customers (default
# 1,000,000) and N interactions (default 10,000,000) with a summary of 3
# to 8 words each, Latin and Chinese:
#  1. what the search index costs crm-log --import: the same import into
#     the same database with the interactions' index and without it (its
#     table a view that takes the rows and keeps nothing), and the ratio
#     (goal: under 1.30);
#  2. the median of 5 runs of each query (goal at full size: 50 ms): a
#     word, a prefix, two Chinese characters common and rare (too short
#     for a trigram: the newest rows, then the index's trigrams that
#     begin with them), a phrase, a rare word, a whole e-mail, a word that
#     is nowhere, every match of a rare word (--limit 0), a filter's
#     matches with other conditions (every match, not the best 20), and
#     crm-log --show --search;
#  3. what an erase costs with the indexes 'optimize'd (lib/erase.c).
# Run it with nice, and at a modest size beside other work.  A third
# argument, a database made by crm from the same files, skips 1 (its
# copy is asked).
set -eu
n=${1:-10000000}
c=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
gen_data "$c"
ia=$work/search-interactions-$n-$c.csv
db=$work/search.db
[ -s "$ia" ] || [ -n "${3:-}" ] ||
    python3 "$here/gen-search.py" "$n" "$c" >"$ia"

rm -f "$work"/search*.db*
if [ -n "${3:-}" ]; then
	cp "$3" "$db"
else
CRM_DB=$work/search-base.db "$bin/crm-add" --import "$cust" 2>/dev/null
cp "$work/search-base.db" "$work/search-none.db"
# The anchor: the interactions' index a view that keeps nothing (the
# import still hands it its rows, in one statement at its end).
sqlite3 "$work/search-none.db" "DROP TRIGGER fts_interactions_ai;
DROP TRIGGER fts_interactions_au; DROP TRIGGER fts_interactions_ad;
DROP TABLE fts_interactions;
CREATE VIEW fts_interactions (rowid, summary, resolution) AS
  SELECT 0, '', '' WHERE 0;
CREATE TRIGGER fts_interactions_keep INSTEAD OF INSERT ON fts_interactions
  BEGIN SELECT 1; END;"
a=$(CRM_DB=$work/search-none.db python3 "$here/measure.py" -q \
    "$bin/crm-log" --import "$ia")
cp "$work/search-base.db" "$db"
l=$(CRM_DB=$db python3 "$here/measure.py" -q "$bin/crm-log" --import "$ia")
echo "$a $l" | awk -v n="$n" '{ printf "crm-log --import of %s interactions: %.2fs without the search index, %.2fs with it, ratio %.2f\n", n, $1, $3, $3 / $1 }'
rm -f "$work"/search-none.db* "$work"/search-base.db*
fi
echo "database: $(du -k "$db" | cut -f1) KB, the interactions' index \
$(sqlite3 "$db" "SELECT sum(length(block)) / 1024 FROM \
fts_interactions_data") KB"

# A rare two-character word in old rows (one in 1,000,003), which the
# newest rows do not have: the index must find it.
sqlite3 "$db" "UPDATE interactions SET summary = summary || ' 密封'
WHERE id % 1000003 = 7"

export CRM_DB="$db" CRM_USER=bench CRM_NOW=2026-11-23T00:00:00Z
# median NAME CMD...: the median of 5 runs' seconds, and how many lines.
median() {
	name=$1
	shift
	lines=$("$@" 2>/dev/null | wc -l)
	for i in 1 2 3 4 5; do
		python3 "$here/measure.py" -q "$@" | cut -d' ' -f1
	done | sort -n | sed -n 3p | awk -v name="$name" -v l="$lines" \
	    '{ printf "%-44s %7.0f ms  (%d lines)\n", name, $1 * 1000, l }'
}
median "a word: --search valve" "$bin/crm-segment" --search valve
median "a prefix: --search 'deliv*'" "$bin/crm-segment" --search 'deliv*'
median "two Chinese characters: --search 阀门" "$bin/crm-segment" \
    --search 阀门
median "a rare two: --search 密封" "$bin/crm-segment" --search 密封
median "a phrase: --search '\"late delivery\"'" "$bin/crm-segment" \
    --search '"late delivery"'
median "a rare one: --search user12345@" "$bin/crm-segment" \
    --search user12345@
median "an e-mail: --search user12345@example.com" "$bin/crm-segment" \
    --search user12345@example.com
median "nowhere: --search gearbox" "$bin/crm-segment" --search gearbox
median "every match: --search 密封 --limit 0" "$bin/crm-segment" \
    --search 密封 --limit 0
median "matches and other conditions" "$bin/crm-segment" \
    "tier = gold and matches 'broken valve' and owner = alice"
median "crm-log --show --search (one customer)" "$bin/crm-log" --show \
    user77@example.com --search valve

cp "$db" "$work/search-erase.db"
e=$(CRM_DB=$work/search-erase.db python3 "$here/measure.py" -q \
    "$bin/crm-add" --erase user77@example.com --yes)
echo "$e" | awk '{ printf "crm-add --erase of one customer (the indexes optimized): %.2fs\n", $1 }'
rm -f "$work"/search*.db*
