#!/bin/sh
# A merge's aggregates on PostgreSQL (schema 19; bench/README.md,
# PostgreSQL, *A merge's aggregates*):
#
#   sh bench/merge-pg.sh [N ...]
#
# For each N (default 2000 20000): a customer kept, with N/10 purchases,
# and a duplicate with N purchases over twelve months (orders of two
# lines), loaded with crm-log --import into a template database; then
# RUNS times (default 3) a copy of it (CREATE DATABASE ... TEMPLATE) and
# crm-add --merge timed, and crm check on the last copy (it must say
# nothing).  Then LOG_RUNS (default 30) single crm-log calls on the
# merged customer, each timed.  Prints the median seconds of each.
# Wall time on a shared machine varies with the load: compare the
# figures of one run, or the server's time (bench/README.md says how).
#
# The server: $CRM_PG (a superuser's key=value string with a dbname=,
# which the script replaces: it makes and drops databases named
# crm_bench_merge*), else a throwaway one from .ci/pg.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
sizes=${*:-2000 20000}
log_runs=${LOG_RUNS:-30}
export CRM_USER=bench TZ=UTC

if ! command -v psql >/dev/null 2>&1; then
	echo "bench/merge-pg.sh: no PostgreSQL (psql): left out" >&2
	exit 0
fi
tmp=$work/merge-pg.$$
mkdir -p "$tmp"
pgdir=
cleanup() {
	[ -z "$pgdir" ] || sh "$here/../.ci/pg" stop "$pgdir"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
if [ -z "${CRM_PG:-}" ]; then
	pgdir=$(mktemp -d /tmp/crm-pgbench.XXXXXX)
	CRM_PG=$(sh "$here/../.ci/pg" start "$pgdir")
fi
export HOME=$tmp
dsn() {
	echo "$CRM_PG" | sed "s/dbname=[^ ]*/dbname=$1/"
}
# fresh NAME [TEMPLATE]: database NAME made anew, empty or a copy.
fresh() {
	psql "$CRM_PG" -qAtX -v ON_ERROR_STOP=1 \
	    -c "SET client_min_messages = warning" \
	    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
	    -c "CREATE DATABASE $1${2:+ TEMPLATE $2}" >/dev/null
}

for n in $sizes; do
	fresh crm_bench_merge_t
	export CRM_DB="$(dsn crm_bench_merge_t)"
	"$bin/crm-add" -n Keep -e keep@example.com >/dev/null
	"$bin/crm-add" -n Dup -e dup@example.com >/dev/null
	python3 - "$n" >"$tmp/orders.csv" <<-'EOF'
	import sys
	n = int(sys.argv[1])
	print("email,at,kind,amount,quantity,ref")
	for i in range(n):
	    print("dup@example.com,2024-%02d-%02dT%02d:00:00Z,purchase,%d.%02d,%d,D%d"
	          % (1 + i % 12, 1 + i % 28, i % 24, 10 + i % 50, i % 100,
	             1 + i % 3, i // 2))
	for i in range(n // 10):
	    print("keep@example.com,2025-%02d-%02dT10:00:00Z,purchase,5,1,K%d"
	          % (1 + i % 12, 1 + i % 28, i))
	EOF
	"$bin/crm-log" --import "$tmp/orders.csv" >/dev/null 2>&1
	psql "$CRM_DB" -qAtX -c "VACUUM ANALYZE" >/dev/null
	: >"$tmp/merge"
	i=0
	while [ "$i" -lt "$runs" ]; do
		fresh crm_bench_merge crm_bench_merge_t
		CRM_DB="$(dsn crm_bench_merge)" measure "$bin/crm-add" \
		    --merge keep@example.com dup@example.com >>"$tmp/merge"
		i=$((i + 1))
	done
	export CRM_DB="$(dsn crm_bench_merge)"
	"$bin/crm" check
	: >"$tmp/log"
	i=0
	while [ "$i" -lt "$log_runs" ]; do
		measure "$bin/crm-log" --at "2026-01-0$((1 + i % 9))" \
		    --amount 3 keep@example.com purchase >>"$tmp/log"
		i=$((i + 1))
	done
	printf 'N=%s  merge %s s (median of %s)  crm-log %s s (median of %s)\n' \
	    "$n" "$(median "$tmp/merge" | cut -d' ' -f1)" "$runs" \
	    "$(median "$tmp/log" | cut -d' ' -f1)" "$log_runs"
done
psql "$CRM_PG" -qAtX -c "DROP DATABASE crm_bench_merge_t WITH (FORCE)" \
    -c "DROP DATABASE crm_bench_merge WITH (FORCE)" >/dev/null
