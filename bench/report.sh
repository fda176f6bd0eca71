#!/bin/sh
# Every crm-report report (summary, activity, sales, pareto, service,
# satisfaction, owners) over 12 months against the same figures written by
# hand in SQL for the sqlite3 shell, on the same database in the same run:
# C customers (default 1,000,000) with N interactions (default 10,000,000),
# imported by crm itself.  Prints each pair's seconds (the median of RUNS
# runs, default 3), the ratio (target 1.5x) and crm's peak memory, which
# must not grow with the number of interactions.
#
# First, on a small database built the same way, each report's output is
# compared with its hand-written SQL's: the two must agree, or the timing
# compares different work.  The script says which agree and exits 1 if
# any does not.
set -eu
n=${1:-10000000}
c=${2:-1000000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

# The generated interactions fall in 2025: the 12 months are that year.
F=2025-01-01T00:00:00Z
T=2026-01-01T00:00:00Z
export CRM_NOW=2026-11-23T00:00:00Z CRM_USER=bench TZ=UTC

. "$here/report-sql.sh"

# build DB C N: a database of C customers and N interactions as crm
# imports them (the generated files are kept for the other scripts), then
# enriched.
build() {
	[ -s "$1" ] && return
	gen_data "$2" "$3"
	CRM_DB=$1 "$bin/crm-add" --import "$cust" 2>/dev/null
	CRM_DB=$1 "$bin/crm-log" --import "$ia" 2>/dev/null
	sqlite3 "$1" "$enrich_sql"
}

reports="summary activity sales pareto service satisfaction owners"
sql_of() {
	case $1 in
	summary) echo "$summary_sql" ;;
	activity) echo "$activity_sql" ;;
	sales) echo "$sales_sql" ;;
	pareto) echo "$pareto_sql" ;;
	service) echo "$service_sql" ;;
	satisfaction) echo "$sat_sql" ;;
	owners) echo "$owners_sql" ;;
	esac
}
crm_report="$bin/crm-report -o tsv --no-chart --from $F --to $T"

# Do crm and the hand-written SQL say the same?
small=$work/report-check.db
build "$small" 2000 20000
bad=0
for r in $reports; do
	CRM_DB=$small $crm_report "$r" | tail -n +2 >"$work/check-crm.tsv"
	sqlite3 -batch -separator '	' "$small" "$(sql_of "$r")" \
	    >"$work/check-sql.tsv"
	if cmp -s "$work/check-crm.tsv" "$work/check-sql.tsv"; then
		echo "$r: crm and the hand-written SQL agree" \
		    "($(wc -l <"$work/check-crm.tsv") rows)"
	else
		echo "$r: crm and the hand-written SQL DIFFER:"
		diff "$work/check-crm.tsv" "$work/check-sql.tsv" | head -n 10
		bad=1
	fi
done
rm -f "$work/check-crm.tsv" "$work/check-sql.tsv"

# median SECONDS and peak RSS of RUNS runs of a command
median() {
	i=0
	while [ "$i" -lt "$runs" ]; do
		python3 "$here/measure.py" "$@"
		i=$((i + 1))
	done | sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
	    END { printf "%s %d\n", t[int((NR + 1) / 2)], m }'
}

db=$work/report-$n-$c.db
build "$db" "$c" "$n"
export CRM_DB="$db"
echo "$c customers, $n interactions; 12 months; median of $runs runs"
for r in $reports; do
	a=$(median sqlite3 "$db" "$(sql_of "$r")")
	b=$(median sh -c "$crm_report $r")
	echo "$a $b" | awk -v l="crm-report $r" '{ printf "%-24s sqlite3 %6.2fs  crm %6.2fs  ratio %.2f  crm peak RSS %d MB\n", l, $1, $3, $3 / $1, $4 / 1024 }'
done
exit "$bad"
