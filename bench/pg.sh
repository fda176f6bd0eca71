#!/bin/sh
# crm on PostgreSQL beside crm on SQLite, each against its own anchor,
# in the same run, on the same generated data (issue 19):
#
#   sh bench/pg.sh [C [N1 N2 ...]]
#
# C customers (default 1,000,000) with N1, N2, ... interactions (default
# 2,000,000 and 10,000,000).  Four tools take turns within each run:
#
#   crm-sqlite  crm on a SQLite file
#   crm-pg      the same command with CRM_DB the server's libpq string
#   sqlite3     the sqlite3 shell: .import, or hand-written SQL over
#               crm-sqlite's database (anchors.sh)
#   pg          psql on the same server: \copy into tables with the same
#               keys, or the same questions by hand over crm-pg's database
#
# The questions: the customers' load (once, before the sizes: it does
# not depend on N), then at each size the interactions' load (crm-log
# --import, which finds each row's customer by e-mail; the anchors
# resolve nothing, as log.sh's), crm-segment --rfm, --pareto and
# crm-report sales --by month --group industry (2025), which read every
# customer, then one customer's timeline (crm-log --show) and one
# crm-log call, which touch one (what stays on one shard when the
# server is sharded: doc/scale.md).  It prints the median seconds of
# RUNS runs (default 3; LOAD_RUNS, default 1, for the loads, each into a
# new database: at the full size crm-log --import takes minutes), crm-pg
# / pg, crm-pg /
# crm-sqlite, crm-sqlite / sqlite3, crm's peak RSS on each engine and
# the rows each tool printed (crm's header left out), and whether crm
# printed the same bytes on both engines; then the growth from the
# first size to the last, and the databases' sizes.
#
# The server: $CRM_PG (a superuser's libpq string in the key=value form,
# with a dbname=, which the script replaces: it makes and drops
# databases named crm_bench*), else a throwaway one from .ci/pg
# (fsync, synchronous_commit and full_page_writes off: a bench server,
# not a durable one; PostgreSQL's other settings its defaults).  Without
# PostgreSQL the script says so and does nothing (exit 0), so that
# `make bench` runs where it is not installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
c=${1:-1000000}
[ $# -gt 0 ] && shift
sizes=${*:-2000000 10000000}
load_runs=${LOAD_RUNS:-1}

if ! command -v psql >/dev/null 2>&1 || { [ -z "${CRM_PG:-}" ] &&
    ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 &&
    ! command -v initdb >/dev/null 2>&1; }; then
	echo "bench/pg.sh: no PostgreSQL (psql, initdb; .ci/deps installs them) and no CRM_PG: left out" >&2
	exit 0
fi

F=2025-01-01T00:00:00Z
T=2026-01-01T00:00:00Z
export CRM_NOW=2026-11-23T00:00:00Z CRM_USER=bench TZ=UTC
. "$here/anchors.sh"

tmp=$work/pg.$$
mkdir -p "$tmp"
pgdir=
cleanup() {
	[ -z "$pgdir" ] || sh "$here/../.ci/pg" stop "$pgdir"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
if [ -n "${CRM_PG:-}" ]; then
	case $CRM_PG in
	*dbname=*) ;;
	*) echo "bench/pg.sh: CRM_PG must be key=value with a dbname=" >&2
	   exit 64 ;;
	esac
else
	pgdir=$(mktemp -d /tmp/crm-pgbench.XXXXXX)
	CRM_PG=$(sh "$here/../.ci/pg" start "$pgdir")
fi
# dsn NAME: the server's connection string for database NAME.
dsn() {
	echo "$CRM_PG" | sed "s/dbname=[^ ]*/dbname=$1/"
}
pg() {
	psql "$(dsn postgres)" -qAtX -v ON_ERROR_STOP=1 "$@"
}
# fresh NAME [TEMPLATE]: database NAME, new (a copy of TEMPLATE).
fresh() {
	pg -c 'SET client_min_messages = warning' \
	    -c "DROP DATABASE IF EXISTS $1" >/dev/null
	pg -c "CREATE DATABASE $1${2:+ TEMPLATE $2}" >/dev/null
}
pgsize() {
	pg -c "SELECT pg_size_pretty(pg_database_size('$1'))"
}

sdb=$work/pg-bench.db	# crm on SQLite: customers, then all
sdb_c=$work/pg-bench-c.db	# its customers only, copied for each load
adb=$tmp/anchor.db	# the sqlite3 anchor's loads
pdb=crm_bench	# crm on PostgreSQL
pdb_c=crm_bench_c	# its customers only, the template of each load
padb=crm_bench_anchor	# the psql anchor's loads

# tool NAME CMD: times CMD (sh -c; its output to $tmp/out.NAME, its
# errors to $tmp/err.NAME) into $tmp/t.NAME; a failed run is noted in
# $tmp/fail.NAME and not counted.
tool() {
	if r=$(measure sh -c "$2 >'$tmp/out.$1'" 2>"$tmp/err.$1"); then
		echo "$r" >>"$tmp/t.$1"
	else
		tail -n 1 "$tmp/err.$1" >"$tmp/fail.$1"
	fi
}
# lines NAME [SKIP]: the rows of the last output of NAME, SKIP header
# lines left out.
lines() {
	tail -n +$((${2:-0} + 1)) "$tmp/out.$1" | wc -l | tr -d ' '
}

results=$tmp/results	# question size crm-sqlite crm-pg sqlite3 pg rss-s rss-p
hdr() {
	printf '%-24s %9s %9s %9s %9s %7s %7s %7s %6s %6s  %s\n' question \
	    crm-sqlite crm-pg sqlite3 pg pg/pg pg/sqlt sqlt/sq 'RSS s' \
	    'RSS p' 'rows: crm-s crm-p sqlite3 pg, same'
}
# row LABEL KEY SIZE ROWS: prints and keeps the medians of the four.
row() {
	for t in cs cp sq pq; do
		if [ -s "$tmp/fail.$t" ]; then
			eval "m_$t='- 0'"
			echo "  $t failed: $(cat "$tmp/fail.$t")" >>"$tmp/notes"
		elif [ -s "$tmp/t.$t" ]; then
			eval "m_$t=\$(median \"\$tmp/t.\$t\")"
		else
			eval "m_$t='- 0'"
		fi
	done
	echo "$2 $3 ${m_cs% *} ${m_cp% *} ${m_sq% *} ${m_pq% *} ${m_cs#* }" \
	    "${m_cp#* }" >>"$results"
	echo "$1|${m_cs% *} ${m_cp% *} ${m_sq% *} ${m_pq% *} ${m_cs#* } ${m_cp#* }|$4" |
	    awk -F'|' '
	    function s(x) { return x == "-" ? "-" : sprintf("%.3fs", x) }
	    function r(a, b) { return a == "-" || b == "-" || b == 0 ? "-" : sprintf("%.2f", a / b) }
	    function m(x) { return x == 0 ? "-" : sprintf("%dMB", x / 1024) }
	    { split($2, v, " ")
	      printf "%-24s %9s %9s %9s %9s %7s %7s %7s %6s %6s  %s\n", $1,
	        s(v[1]), s(v[2]), s(v[3]), s(v[4]), r(v[2], v[4]),
	        r(v[2], v[1]), r(v[1], v[3]), m(v[5]), m(v[6]), $3 }'
	if [ -s "$tmp/notes" ]; then
		cat "$tmp/notes"
	fi
	rm -f "$tmp"/t.* "$tmp"/fail.* "$tmp/notes"
}

# load_c: the customers, LOAD_RUNS times, each into a new database; crm's
# last are kept (the SQLite file, and on the server as the template of
# the interactions' loads).
load_c() {
	pg_load_c "$cust" >"$tmp/load_c.sql"
	i=0
	while [ "$i" -lt "$load_runs" ]; do
		rm -f "$adb"* "$sdb_c" "$sdb_c"-*
		sqlite3 "$adb" "$anchor_c" >/dev/null
		tool sq "sqlite3 '$adb' '.import --csv --skip 1 $cust c' 2>/dev/null"
		fresh "$padb"
		psql "$(dsn "$padb")" -qAtX -c "$pg_anchor_c"
		tool pq "psql '$(dsn "$padb")' -qAtX -v ON_ERROR_STOP=1 -f '$tmp/load_c.sql'"
		tool cs "CRM_DB='$sdb_c' '$bin/crm-add' --import '$cust'"
		fresh "$pdb_c"
		tool cp "CRM_DB='$(dsn "$pdb_c")' '$bin/crm-add' --import '$cust'"
		i=$((i + 1))
	done
	rows="$(sqlite3 "$sdb_c" 'SELECT count(*) FROM customers')"
	rows="$rows $(psql "$(dsn "$pdb_c")" -qAtX -c 'SELECT count(*) FROM customers')"
	rows="$rows $(sqlite3 "$adb" 'SELECT count(*) FROM c')"
	rows="$rows $(psql "$(dsn "$padb")" -qAtX -c 'SELECT count(*) FROM c')"
	row "load customers" load_c "$c" "$rows (table rows)"
	rm -f "$adb"*
	pg -c "DROP DATABASE $padb" >/dev/null
}

# load_i N: the interactions, LOAD_RUNS times, each into a new database
# of the customers.
load_i() {
	pg_load_i "$ia" >"$tmp/load_i.sql"
	i=0
	while [ "$i" -lt "$load_runs" ]; do
		rm -f "$adb"* "$sdb" "$sdb"-*
		sqlite3 "$adb" "$anchor_i" >/dev/null
		tool sq "sqlite3 '$adb' '.import --csv --skip 1 $ia i' 2>/dev/null"
		fresh "$padb"
		psql "$(dsn "$padb")" -qAtX -c "$pg_anchor_i"
		tool pq "psql '$(dsn "$padb")' -qAtX -v ON_ERROR_STOP=1 -f '$tmp/load_i.sql'"
		cp "$sdb_c" "$sdb"
		tool cs "CRM_DB='$sdb' '$bin/crm-log' --import '$ia'"
		fresh "$pdb" "$pdb_c"
		tool cp "CRM_DB='$(dsn "$pdb")' '$bin/crm-log' --import '$ia'"
		i=$((i + 1))
	done
	rows="$(sqlite3 "$sdb" 'SELECT count(*) FROM interactions')"
	rows="$rows $(psql "$(dsn "$pdb")" -qAtX -c 'SELECT count(*) FROM interactions')"
	rows="$rows $(sqlite3 "$adb" 'SELECT count(*) FROM i')"
	rows="$rows $(psql "$(dsn "$padb")" -qAtX -c 'SELECT count(*) FROM i')"
	row "load interactions" load_i "$1" "$rows (table rows)"
	ssize=$(du -h "$sdb" | cut -f1)
	psize=$(pgsize "$pdb")
	rm -f "$adb"*
	pg -c "DROP DATABASE $padb" >/dev/null
}

# build N: the databases of one load, not timed (LOAD_RUNS=0).
build() {
	rm -f "$sdb" "$sdb"-*
	fresh "$pdb"
	CRM_DB=$sdb "$bin/crm-add" --import "$cust" 2>/dev/null
	CRM_DB=$sdb "$bin/crm-log" --import "$ia" 2>/dev/null
	CRM_DB=$(dsn "$pdb") "$bin/crm-add" --import "$cust" 2>/dev/null
	CRM_DB=$(dsn "$pdb") "$bin/crm-log" --import "$ia" 2>/dev/null
	ssize=$(du -h "$sdb" | cut -f1)
	psize=$(pgsize "$pdb")
}

# ask LABEL KEY SIZE CRM-ARGS...: one question RUNS times, the four
# taking turns; crm's output compared between the engines.
ask() {
	label=$1 key=$2 size=$3
	shift 3
	eval "ssql=\$q_${key}_sql; psql_q=\$q_${key}_pg"
	i=0
	while [ "$i" -lt "$runs" ]; do
		tool sq "sqlite3 '$sdb' \"\$ssql\""
		tool pq "psql '$(dsn "$pdb")' -qAtX -c \"\$psql_q\""
		tool cs "CRM_DB='$sdb' $*"
		tool cp "CRM_DB='$(dsn "$pdb")' $*"
		i=$((i + 1))
	done
	if cmp -s "$tmp/out.cs" "$tmp/out.cp"; then
		same=same
	else
		same=DIFFER
		diff "$tmp/out.cs" "$tmp/out.cp" >"$tmp/diff" || :
		{ grep -m 1 '^<' "$tmp/diff"; grep -m 1 '^>' "$tmp/diff"; } |
		    sed 's/^/  first difference: /' >>"$tmp/notes"
	fi
	row "$label" "$key" "$size" "$(lines cs 1) $(lines cp 1) $(lines sq) $(lines pq), $same"
}
export ssql psql_q

echo "crm on SQLite and on PostgreSQL, each against its anchor: $c customers;" \
    "interactions: $sizes"
echo "$(psql "$(dsn postgres)" -qAtX -c 'SHOW server_version') server" \
    "($( [ -n "$pgdir" ] && echo ".ci/pg's throwaway: fsync off" || echo "CRM_PG")," \
    "shared_buffers $(pg -c 'SHOW shared_buffers'), work_mem" \
    "$(pg -c 'SHOW work_mem'); SQLite $(sqlite3 -version | cut -d' ' -f1);" \
    "$(nproc) cores"
echo "medians of $runs runs (loads: $load_runs), the four taking turns;" \
    "pg/pg = crm-pg / pg anchor, pg/sqlt = crm-pg / crm-sqlite," \
    "sqlt/sq = crm-sqlite / sqlite3"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

gen_data "$c"
echo
hdr
if [ "$load_runs" -gt 0 ]; then
	load_c
fi

for n in $sizes; do
	gen_data "$c" "$n"
	echo
	echo "$c customers, $n interactions (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	hdr
	if [ "$load_runs" -gt 0 ]; then
		load_i "$n"
	else
		build "$n"
	fi
	# What autovacuum would do before long, done now, so that the
	# planner knows the tables (not timed).
	psql "$(dsn "$pdb")" -qAtX -c 'VACUUM ANALYZE'
	ask "crm-segment --rfm" rfm "$n" "'$bin/crm-segment' --rfm -f id"
	ask "crm-segment --pareto" pareto "$n" "'$bin/crm-segment' --pareto -f id"
	ask "sales by month, industry" sales "$n" \
	    "'$bin/crm-report' -o tsv --no-chart --from $F --to $T --by month sales --group industry"
	# One customer's timeline, and one interaction logged for another
	# (each run adds one: a row more among N changes nothing).
	who=user$((c / 2))@example.com
	q_show_sql="SELECT id, at, kind, channel, product, quantity, amount,
	  rating, summary, ref, owner, resolved, resolution, due
	  FROM interactions WHERE customer_id = (SELECT id FROM customers
	  WHERE email = '$who') ORDER BY at DESC, id DESC;"
	q_show_pg=$q_show_sql
	ask "crm-log --show" show "$n" "'$bin/crm-log' --show '$who'"
	who=user$((c / 3))@example.com
	q_log_sql="INSERT INTO interactions (customer_id, at, kind, created)
	  SELECT id, '$CRM_NOW', 'call', '$CRM_NOW' FROM customers
	  WHERE email = '$who';"
	q_log_pg=$q_log_sql
	ask "crm-log (one call)" log "$n" "'$bin/crm-log' '$who' call"
	# What every anchor's run pays before its question: psql's start
	# and connection are most of a one-customer question's time.
	for t in sq pq; do
		i=0
		while [ "$i" -lt "$runs" ]; do
			if [ $t = sq ]; then
				measure sqlite3 "$sdb" 'SELECT 1' >>"$tmp/t.$t"
			else
				measure psql "$(dsn "$pdb")" -qAtX -c 'SELECT 1' \
				    >>"$tmp/t.$t"
			fi
			i=$((i + 1))
		done
	done
	echo "fixed cost of a run (open, SELECT 1): sqlite3" \
	    "$(median "$tmp/t.sq" | cut -d' ' -f1)s, psql" \
	    "$(median "$tmp/t.pq" | cut -d' ' -f1)s"
	rm -f "$tmp"/t.*
	echo "databases: SQLite $ssize, PostgreSQL $psize; load average" \
	    "$(cut -d' ' -f1-3 /proc/loadavg)"
done

first=${sizes%% *}
last=${sizes##* }
[ "$first" = "$last" ] && exit 0
echo
echo "Growth from $first to $last interactions (time at $last / time at $first):"
printf '%-24s %9s %9s %9s %9s\n' question crm-sqlite crm-pg sqlite3 pg
for q in load_i rfm pareto sales show log; do
	a=$(awk -v q="$q" -v n="$first" '$1 == q && $2 == n' "$results")
	b=$(awk -v q="$q" -v n="$last" '$1 == q && $2 == n' "$results")
	[ -n "$a" ] && [ -n "$b" ] || continue
	echo "$q|$a|$b" | awk -F'|' '
	    function g(x, y) { return x == "-" || y == "-" || x == 0 ? "-" : sprintf("%.2fx", y / x) }
	    { split($2, a, " "); split($3, b, " ")
	      printf "%-24s %9s %9s %9s %9s\n", $1, g(a[3], b[3]), g(a[4], b[4]),
	        g(a[5], b[5]), g(a[6], b[6]) }'
done
