#!/bin/sh
# What per-rep access (row-level security, doc/scale.md) costs on
# PostgreSQL: the same commands run by the database's owner (no
# policies: the anchor), a manager (policies, all rows) and a rep (one
# owner's rows, a fifth of the generated customers), in the same run, on
# C customers (default 20,000) with N interactions (default 100,000).
# The server: $CRM_PG (a libpq connection string of a superuser, who
# can make the logins), else a throwaway one from .ci/pg.
#   sh bench/rls.sh [N [C]]
set -eu
n=${1:-100000}
c=${2:-20000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
gen_data "$c" "$n"
pgdir=
if [ -z "${CRM_PG:-}" ]; then
	pgdir=$(mktemp -d /tmp/crm-pg.XXXXXX)
	CRM_PG=$(sh "$here/../.ci/pg" start "$pgdir")
	trap 'sh "$here/../.ci/pg" stop "$pgdir"' EXIT
fi
psql "$CRM_PG" -qAtX -c "DROP DATABASE IF EXISTS crm_rls_bench" \
    -c "CREATE DATABASE crm_rls_bench" >/dev/null 2>&1
for r in crm_bench_rep crm_bench_boss; do
	psql "$CRM_PG" -qAtX -c "DO \$\$BEGIN CREATE ROLE $r LOGIN;
	    EXCEPTION WHEN duplicate_object THEN NULL; END\$\$" >/dev/null
done
owner=$(echo "$CRM_PG" | sed 's/dbname=[^ ]*/dbname=crm_rls_bench/')
rep=$(echo "$owner" | sed 's/user=[^ ]*/user=crm_bench_rep/')
boss=$(echo "$owner" | sed 's/user=[^ ]*/user=crm_bench_boss/')
export CRM_NOW=2026-11-23T00:00:00Z CRM_USER=bench
CRM_DB=$owner "$bin/crm-add" --import "$cust" 2>/dev/null
CRM_DB=$owner "$bin/crm-log" --import "$ia" 2>/dev/null
# gen-customers.py's owners are five names; the rep is one of them.
CRM_DB=$owner "$bin/crm" grant rep crm_bench_rep alice 2>/dev/null
CRM_DB=$owner "$bin/crm" grant manager crm_bench_boss 2>/dev/null

# row NAME CMD...: the median seconds of CMD as owner, manager and rep,
# and the manager's and rep's as ratios to the owner's.
row() {
	name=$1
	shift
	for who in owner boss rep; do
		eval "db=\$$who"
		: >"$work/rls.$who"
		i=0
		while [ $i -lt "$runs" ]; do
			CRM_DB=$db measure -q "$@" >>"$work/rls.$who"
			i=$((i + 1))
		done
		eval "t_$who=\$(median \"\$work/rls.\$who\" | cut -d' ' -f1)"
	done
	awk -v n="$name" -v o="$t_owner" -v m="$t_boss" -v r="$t_rep" \
	    'BEGIN { printf "%-22s %7.3f %7.3f %7.3f  %5.2fx %5.2fx\n",
	    n, o, m, r, m / o, r / o }'
}

echo "rls: $c customers, $n interactions; seconds (median of $runs)"
printf '%-22s %7s %7s %7s  %6s %6s\n' command owner manager rep \
    mgr/own rep/own
row "segment --count" "$bin/crm-segment" --count
row "segment list" "$bin/crm-segment" -f id,name,owner
row "segment revenue>1000" "$bin/crm-segment" --count 'revenue > 1000'
row "segment --rfm" "$bin/crm-segment" --rfm
row "report sales" "$bin/crm-report" sales
# A customer of the rep's, whom all three may see.
one=$(psql "$owner" -qAtX -c "SELECT email FROM customers WHERE owner =
    'alice' AND email IS NOT NULL ORDER BY id LIMIT 1")
row "log --show" "$bin/crm-log" --show "$one"
psql "$CRM_PG" -qAtX -c "DROP DATABASE IF EXISTS crm_rls_bench" >/dev/null
