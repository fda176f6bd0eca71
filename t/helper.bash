# t/helper.bash - what every crm test file shares: a private database per
# test, a fixed clock and user, and a few assertions that say what they
# expected when they fail (bats on its own only names the failing line).
#
# Load it with "load helper".  The programs under test are the ones on
# PATH: "make check" puts cmd/ first.

bats_require_minimum_version 1.5.0

DATA="$BATS_TEST_DIRNAME/data"

# The schema version this crm brings a database to (lib/sqlite.c), so a
# migration test says "the newest" once, not a number in every file.
SCHEMA=$(sed -n 's/^#define SCHEMA_VERSION[[:space:]]*\([0-9]*\).*/\1/p' \
    "$BATS_TEST_DIRNAME/../lib/sqlite.c")
# PostgreSQL's (lib/pg.c), likewise.
PG_SCHEMA=$(sed -n 's/^#define PG_SCHEMA_VERSION[[:space:]]*\([0-9]*\).*/\1/p' \
    "$BATS_TEST_DIRNAME/../lib/pg.c")

# The engine the suite runs on: sqlite (make check), or pg (make
# check-pg: CRM_TEST_ENGINE=pg, and CRM_PG the server's libpq string).
# On pg every test's database is one of its own on that server, made
# empty (the programs make the schema on their first write, as they make
# a SQLite file), and dropped with the file's others at its end; sql and
# dump read it with psql.  A test that is one engine's own says so with
# only_on.
CRM_TEST_ENGINE=${CRM_TEST_ENGINE:-sqlite}
if [[ $CRM_TEST_ENGINE == pg ]]; then
	source "$BATS_TEST_DIRNAME/pg.bash"
fi

# only_on ENGINE WHY: skip this test on the other engine, saying why.
only_on() {
	if [[ $CRM_TEST_ENGINE != "$1" ]]; then
		skip "only on $1: $2"
	fi
}

# is_pg NAME: NAME is a PostgreSQL connection string, as lib/db.c tells
# one (a URI, or key=value with one of libpq's keys first), not a file.
is_pg() {
	[[ $1 == postgres://* || $1 == postgresql://* ||
	    $1 =~ ^(host|hostaddr|port|dbname|user|service)= ]]
}

# The settings every test and fixture shares: UTC, a fixed "now" and
# user, and a HOME of its own (under DIR) so nothing touches the real one.
crm_env() {
	if ! command -v crm-add >/dev/null; then
		echo "crm-add is not on PATH: put cmd/ first (make check does)" >&2
		return 1
	fi
	export TZ=UTC
	export CRM_USER=tester
	export CRM_NOW=2026-11-23T10:00:00Z
	export HOME="$1/home"
	unset XDG_DATA_HOME CRM_BUSY_TIMEOUT
}

# Every test: its own database (on pg, a copy of the database TEMPLATE
# when one is named), and the settings above.  On pg the test's database
# is named by the run and the test's number, and the file's teardown
# drops them all at once (a psql less a test).
crm_setup() {
	crm_env "$BATS_TEST_TMPDIR" || return 1
	if [[ $CRM_TEST_ENGINE == pg ]]; then
		CRM_TEST_PGDB="crm_t${BATS_SUITE_TEST_NUMBER:-$BATS_TEST_NUMBER}_$BATS_ROOT_PID"
		pg_create "$CRM_TEST_PGDB" "${1:-}" || return 1
		export CRM_DB=$(pg_conn "$CRM_TEST_PGDB")
	else
		export CRM_DB="$BATS_TEST_TMPDIR/crm.db"
	fi
	cd "$BATS_TEST_TMPDIR" || return 1
}

setup() {
	crm_setup
}

# no_db: crm made no database: no file; on a server, none of crm's
# tables (the database itself is the server's, made before).
no_db() {
	if is_pg "$CRM_DB"; then
		eq "$(psql "$CRM_DB" -qAtX -c "SELECT count(*) FROM pg_tables
		    WHERE schemaname = 'public'")" 0
	else
		[[ ! -e $CRM_DB ]]
	fi
}

# new_db: the test's database as if nothing had been written to it: a
# file removed (with its -wal and -shm), a database on a server made
# again, empty.
new_db() {
	if is_pg "$CRM_DB"; then
		pg_create "$CRM_TEST_PGDB"
	else
		rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
	fi
}

# crm_teardown: what a test leaves to clean up (a file with a teardown of
# its own calls it too).  Nothing yet: the test's database on a server
# goes with the file's (crm_teardown_file).
crm_teardown() {
	:
}

teardown() {
	crm_teardown
}

# For a file whose tests share one fixture, built once in setup_file:
# the same settings as crm_setup, the database the file's own.  The
# file's setup then calls crm_setup_fixture for each test's copy of it.
crm_setup_file() {
	crm_env "$BATS_FILE_TMPDIR" || return 1
	if [[ $CRM_TEST_ENGINE == pg ]]; then
		local f=${BATS_TEST_FILENAME##*/}
		export CRM_TEST_PGFIXTURE="crm_f${f%%-*}_$BATS_ROOT_PID"
		pg_create "$CRM_TEST_PGFIXTURE" || return 1
		export CRM_DB=$(pg_conn "$CRM_TEST_PGFIXTURE")
	else
		export CRM_DB="$BATS_FILE_TMPDIR/fixture.db"
	fi
}

# crm_copy_fixture: this test's database made a copy of setup_file's
# fixture (on SQLite its file and any -wal/-shm beside it, mode 0600; on
# pg a database made with the fixture as its template).
crm_copy_fixture() {
	local f
	if [[ $CRM_TEST_ENGINE == pg ]]; then
		pg_create "$CRM_TEST_PGDB" "$CRM_TEST_PGFIXTURE"
		return
	fi
	for f in "$BATS_FILE_TMPDIR"/fixture.db*; do
		cp "$f" "$CRM_DB${f#"$BATS_FILE_TMPDIR"/fixture.db}"
	done
	chmod 600 "$CRM_DB"*
}

# crm_setup_fixture: crm_setup, the database a copy of the fixture.
crm_setup_fixture() {
	if [[ $CRM_TEST_ENGINE == pg ]]; then
		crm_setup "$CRM_TEST_PGFIXTURE"
	else
		crm_setup && crm_copy_fixture
	fi
}

# crm_teardown_file: the file's databases on the server gone, its tests'
# and its fixture (every one of this run's, so none is left behind).
crm_teardown_file() {
	if [[ $CRM_TEST_ENGINE == pg ]]; then
		pg_drop_like "crm\\_%\\_$BATS_ROOT_PID"
	fi
}

teardown_file() {
	crm_teardown_file
}

# sql QUERY...: run SQL on the test database, apart from the programs
# under test: with the sqlite3 CLI, or with psql when $CRM_DB names a
# server; sqlite3's list format either way ('|' between columns, NULL
# as nothing).  A server always enforces foreign keys: the PRAGMA that
# turns them on in the sqlite3 shell is left out there.
sql() {
	if is_pg "$CRM_DB"; then
		if (($#)); then
			printf '%s;\n' "$@"
		else
			cat
		fi | sed 's/PRAGMA foreign_keys = ON;//' |
		    psql "$CRM_DB" -qAtX -v ON_ERROR_STOP=1 -F '|' -f -
		return
	fi
	sqlite3 -batch "$CRM_DB" "$@"
}

# The whole database as text, to show that a command changed nothing:
# SQLite's .dump; on a server, every table's rows in order, each as
# "INSERT INTO table VALUES(...);" as .dump has them (a test may leave
# out a table's rows by that).
dump() {
	local db=${1:-$CRM_DB}
	if is_pg "$db"; then
		psql "$db" -qAtX -v ON_ERROR_STOP=1 -f - <<-'EOF'
		SELECT format('SELECT %L || t::text || '';'' FROM %I t ORDER BY 1',
		    'INSERT INTO ' || c.relname || ' VALUES', c.relname)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
		ORDER BY c.relname
		\gexec
		EOF
		return
	fi
	sqlite3 -batch "$db" .dump
}

ncustomers() {
	sql 'SELECT count(*) FROM customers'
}

checksum() {
	sha256sum <"$1"
}

# eq ACTUAL EXPECTED
eq() {
	if [[ "$1" != "$2" ]]; then
		printf 'expected: %q\nactual:   %q\n' "$2" "$1" >&2
		return 1
	fi
}

# has HAYSTACK NEEDLE: NEEDLE occurs in HAYSTACK.
has() {
	if [[ "$1" != *"$2"* ]]; then
		printf 'expected to find: %q\nin:               %q\n' "$2" "$1" >&2
		return 1
	fi
}

# status_is N: the last "run" exited N (and if not, show what it said).
status_is() {
	if [[ "$status" != "$1" ]]; then
		printf 'exit status %s, expected %s\nstdout: %s\nstderr: %s\n' \
		    "$status" "$1" "$output" "${stderr-}" >&2
		return 1
	fi
}

# fails N MESSAGE: the last "run --separate-stderr" exited N, printed
# nothing on stdout and exactly MESSAGE (one line) on stderr.
fails() {
	status_is "$1"
	eq "$output" ""
	eq "$stderr" "$2"
}

# fails_usage N MESSAGE: as fails, but MESSAGE is followed by the usage.
fails_usage() {
	status_is "$1"
	eq "$output" ""
	eq "${stderr_lines[0]}" "$2"
	has "$stderr" "usage: "
}

# The display column (0-based, East Asian wide characters count 2) at
# which TEXT starts in each line of stdin that contains it.
display_col() {
	python3 -c '
import sys, unicodedata
text = sys.argv[1]
for line in sys.stdin.read().splitlines():
    i = line.find(text)
    if i >= 0:
        print(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
                  for ch in line[:i]))
' "$1"
}

# The "section" member of each line of JSON Lines on stdin, a line each;
# a line that is not JSON fails (python3, as the other JSON tests: no jq).
sections() {
	python3 -c 'import sys, json
for l in sys.stdin:
	print(json.loads(l)["section"])'
}

# What crm-log says of a WooCommerce file's times of no zone (crm-log(1),
# ORDER EXPORTS): FILE, its time column, the rows read ("1 row" for one).
woo_tz() {
	echo "crm-log: $1: $2: no time zone in $3 row$([ "$3" = 1 ] || echo s): read in TZ=UTC; a shop's export writes its shop's own (a WordPress site's time zone): if that is another, crm undo this import and run it again with TZ set to the shop's (TZ=Europe/Berlin crm-log --import ...)"
}
