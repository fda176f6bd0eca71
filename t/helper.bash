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

# Every test: its own database, UTC, a fixed "now" and user, and a HOME
# of its own so that nothing can touch the real one.
crm_setup() {
	if ! command -v crm-add >/dev/null; then
		echo "crm-add is not on PATH: put cmd/ first (make check does)" >&2
		return 1
	fi
	export CRM_DB="$BATS_TEST_TMPDIR/crm.db"
	export TZ=UTC
	export CRM_USER=tester
	export CRM_NOW=2026-11-23T10:00:00Z
	export HOME="$BATS_TEST_TMPDIR/home"
	unset XDG_DATA_HOME CRM_BUSY_TIMEOUT
	cd "$BATS_TEST_TMPDIR" || return 1
}

setup() {
	crm_setup
}

# For a file whose tests share one fixture, built once in setup_file:
# the same settings as crm_setup, the database the file's own.  The
# file's setup copies it into each test's database.
crm_setup_file() {
	if ! command -v crm-add >/dev/null; then
		echo "crm-add is not on PATH: put cmd/ first (make check does)" >&2
		return 1
	fi
	export TZ=UTC CRM_USER=tester CRM_NOW=2026-11-23T10:00:00Z
	export HOME="$BATS_FILE_TMPDIR/home"
	export CRM_DB="$BATS_FILE_TMPDIR/fixture.db"
	unset XDG_DATA_HOME CRM_BUSY_TIMEOUT
}

# sql QUERY...: run SQL on the test database with the sqlite3 CLI, apart
# from the programs under test.
sql() {
	sqlite3 -batch "$CRM_DB" "$@"
}

# The whole database as SQL text, to show that a command changed nothing.
dump() {
	sqlite3 -batch "${1:-$CRM_DB}" .dump
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
