# Loaded by the PostgreSQL tests (t/900-pg.bats, t/910-copy.bats,
# t/920-rls.bats), and by t/helper.bash when the whole suite runs on
# PostgreSQL (make check-pg): the server $CRM_PG names (make check-pg starts a
# throwaway one with .ci/pg and sets it), else one the file starts with
# .ci/pg, and a database of each test's own on it.

# pg_server_start (in setup_file): $CRM_PG, or a throwaway server's, or
# "" when neither can be had (the tests then skip, saying why).
pg_server_start() {
	export CRM_PG_DIR=""
	if [[ -z "${CRM_PG:-}" ]]; then
		CRM_PG_DIR=$(mktemp -d /tmp/crm-pg.XXXXXX)
		if ! CRM_PG=$(sh "$BATS_TEST_DIRNAME/../.ci/pg" start \
		    "$CRM_PG_DIR" 2>"$BATS_FILE_TMPDIR/pg.err"); then
			rm -rf "$CRM_PG_DIR"
			CRM_PG_DIR=""
			CRM_PG=""
		fi
	fi
	export CRM_PG
}

# pg_server_stop (in teardown_file): the throwaway server gone.
pg_server_stop() {
	if [[ -n "${CRM_PG_DIR:-}" ]]; then
		sh "$BATS_TEST_DIRNAME/../.ci/pg" stop "$CRM_PG_DIR"
	fi
}

# pg_create NAME [TEMPLATE]: an empty database NAME on $CRM_PG, or a
# copy of the database TEMPLATE, whatever NAME was before.  FILE_COPY:
# copying the template's files is quicker than logging them for a
# throwaway server's small databases (make check-pg makes one a test).
pg_create() {
	psql "$CRM_PG" -qAtX -c "SET client_min_messages = warning" \
	    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
	    -c "CREATE DATABASE $1${2:+ TEMPLATE $2} STRATEGY FILE_COPY" \
	    >/dev/null
}

# pg_drop NAME: the database NAME gone, and anyone still connected to it.
pg_drop() {
	psql "$CRM_PG" -qAtX -c "SET client_min_messages = warning" \
	    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
	    >/dev/null 2>&1 || true
}

# pg_drop_like PATTERN: every database whose name is LIKE PATTERN gone.
pg_drop_like() {
	psql "$CRM_PG" -qAtX -v pat="$1" -f - >/dev/null 2>&1 <<-'EOF' || true
	SET client_min_messages = warning;
	SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname)
	FROM pg_database WHERE datname LIKE :'pat' \gexec
	EOF
}

# pg_conn NAME: the connection string of the database NAME on $CRM_PG.
pg_conn() {
	echo "${CRM_PG/dbname=crm/dbname=$1}"
}

# pg_database PREFIX: skips without a server; else an empty database of
# this test's own, $PGDB (PREFIX and the test's number), whose
# connection string is $PG.
pg_database() {
	if [[ -z "${CRM_PG:-}" ]]; then
		skip "no PostgreSQL server: set CRM_PG to a libpq connection string, or install postgresql (.ci/deps) for .ci/pg to start one"
	fi
	PGDB="crm_$1${BATS_SUITE_TEST_NUMBER:-$BATS_TEST_NUMBER}_$$"
	pg_create "$PGDB" 2>/dev/null
	PG=$(pg_conn "$PGDB")
}

# pg_drop_database (in teardown): the test's database gone.
pg_drop_database() {
	if [[ -n "${PGDB:-}" && -n "${CRM_PG:-}" ]]; then
		pg_drop "$PGDB"
	fi
}

# both CMD...: run CMD on the SQLite file $LITE and on the PostgreSQL
# database $PG; their stdout, stderr (the database's name made the same) and
# exit status must be equal.  $output, $stderr and $status are
# PostgreSQL's.
both() {
	local lite_out lite_err lite_rc pg_out pg_err
	lite_out=$(CRM_DB=$LITE "$@" 2>"$BATS_TEST_TMPDIR/lite.err") &&
	    lite_rc=0 || lite_rc=$?
	lite_err=$(cat "$BATS_TEST_TMPDIR/lite.err")
	pg_out=$(CRM_DB=$PG "$@" 2>"$BATS_TEST_TMPDIR/pg.err") &&
	    status=0 || status=$?
	pg_err=$(cat "$BATS_TEST_TMPDIR/pg.err")
	pg_err=${pg_err//"$PG"/$LITE}
	output=$pg_out stderr=$pg_err
	eq "$pg_out" "$lite_out" || { echo "stdout differs: $*" >&2; return 1; }
	eq "$pg_err" "$lite_err" || { echo "stderr differs: $*" >&2; return 1; }
	eq "$status" "$lite_rc" || { echo "status differs: $*" >&2; return 1; }
}
