# Sourced by the bench scripts: where things are, the generated data
# (made once for each size and kept in $work), timing, and DuckDB.
# POSIX sh; the caller sets -eu and $here (the bench directory).

bin=$here/../cmd
work=${BENCH_DIR:-$here/data}
runs=${RUNS:-3}
mkdir -p "$work"

# gen_data C [N]: sets cust to the CSV of C generated customers and, with
# N, ia to the CSV of N interactions for them, generating each file only
# if it is not there yet.
gen_data() {
	cust=$work/customers-$1.csv
	[ -s "$cust" ] || python3 "$here/gen-customers.py" "$1" >"$cust.tmp"
	[ -s "$cust" ] || mv "$cust.tmp" "$cust"
	if [ $# -gt 1 ]; then
		ia=$work/interactions-$2-$1.csv
		[ -s "$ia" ] ||
		    python3 "$here/gen-interactions.py" "$2" "$1" >"$ia.tmp"
		[ -s "$ia" ] || mv "$ia.tmp" "$ia"
	fi
}

# measure [-q] CMD [ARG...]: prints "SECONDS PEAK_RSS_KB" of one run.
measure() {
	python3 "$here/measure.py" "$@"
}

# median FILE: the median of the first column of FILE's lines, and the
# highest of the second: "SECONDS PEAK_RSS_KB".
median() {
	sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
	    END { printf "%s %d\n", t[int((NR + 1) / 2)], m }'
}

# duck_setup: makes DuckDB ready for duck, from the npm package
# @duckdb/node-api, which ships its own binary, installed once into
# $DUCKDB_DIR (default bench/duckdb, git-ignored).  Returns 1 with a
# note on stderr where there is no node or npm or no network; the
# caller then leaves DuckDB out.  BENCH_DUCKDB=0 leaves it out too.
duck_setup() {
	DUCKDB_DIR=${DUCKDB_DIR:-$here/duckdb}
	export DUCKDB_DIR
	if [ "${BENCH_DUCKDB:-1}" = 0 ]; then
		echo "bench: DuckDB left out (BENCH_DUCKDB=0)" >&2
		return 1
	fi
	if ! command -v node >/dev/null 2>&1; then
		echo "bench: no node, so no DuckDB: its column is left out" >&2
		return 1
	fi
	if [ ! -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
		if ! command -v npm >/dev/null 2>&1; then
			echo "bench: no npm, so no DuckDB: its column is left out" >&2
			return 1
		fi
		mkdir -p "$DUCKDB_DIR"
		[ -s "$DUCKDB_DIR/package.json" ] ||
		    echo '{ "private": true }' >"$DUCKDB_DIR/package.json"
		echo "bench: installing DuckDB (npm @duckdb/node-api) into $DUCKDB_DIR" >&2
		# A minute, not npm's default of three tries of five, where
		# the registry cannot be reached.
		if ! (cd "$DUCKDB_DIR" && npm install --no-audit --no-fund \
		    --loglevel=error --fetch-retries=1 --fetch-timeout=60000 \
		    @duckdb/node-api >&2); then
			echo "bench: npm could not install @duckdb/node-api (no network?): DuckDB is left out" >&2
			return 1
		fi
	fi
	if ! duck ':memory:' 'SELECT 1' >/dev/null 2>&1; then
		echo "bench: @duckdb/node-api is installed but does not run here: DuckDB is left out" >&2
		return 1
	fi
	duck_version=$(duck ':memory:' "COPY (SELECT version()) TO '/dev/stdout' (FORMAT csv, HEADER false)")
}

# duck DATABASE SQL: runs SQL in DuckDB (after duck_setup).
duck() {
	node "$here/duck.js" "$@"
}
