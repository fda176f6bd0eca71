#!/usr/bin/env bats
# Test plan: the database file, shared by every program (lib/db.c).
#   - created on first write: file 0600, directory 0700 whatever the umask
#     (000 and 077), missing parent directories made too, each 0700; an
#     existing directory is left as it was
#   - readers never create it: crm-segment without one exits 66 "no
#     database yet" and leaves no file or directory behind; nor does a
#     crm-add whose command line is refused, or whose CRM_NOW is bad
#   - where it is: --db, else CRM_DB, else $XDG_DATA_HOME/crm/crm.db (an
#     absolute XDG_DATA_HOME only), else ~/.local/share/crm/crm.db; no HOME
#     and nothing else set is a usage error (64)
#   - what is refused, with the file left byte for byte as it was: a file
#     that is not SQLite (65), an SQLite file of another program (65), a
#     crm database of a newer schema (65 "newer")
#   - what a new database is: WAL, schema version and application id set,
#     STRICT tables, foreign keys that cascade
#   - a writer kept out by another past CRM_BUSY_TIMEOUT exits 75 (cron may
#     retry) and changes nothing, while a reader still reads; a bad
#     CRM_BUSY_TIMEOUT is 64
#   - a failed write leaves nothing readable beside the database
#   - a connection string where libpq cannot be loaded: 69, the package
#     named (libpq hidden in a mount namespace)

load helper

mode() {
	stat -c %a "$1"
}

@test "a new database is 0600 in a new 0700 directory under umask 000" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	umask 000
	crm-add -d "$BATS_TEST_TMPDIR/a/b/c/crm.db" -n Ann >/dev/null
	eq "$(mode "$BATS_TEST_TMPDIR/a")" 700
	eq "$(mode "$BATS_TEST_TMPDIR/a/b")" 700
	eq "$(mode "$BATS_TEST_TMPDIR/a/b/c")" 700
	eq "$(mode "$BATS_TEST_TMPDIR/a/b/c/crm.db")" 600
}

@test "a new database is 0600 in a new 0700 directory under umask 077" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	umask 077
	crm-add -d "$BATS_TEST_TMPDIR/x/y/crm.db" -n Ann >/dev/null
	eq "$(mode "$BATS_TEST_TMPDIR/x")" 700
	eq "$(mode "$BATS_TEST_TMPDIR/x/y")" 700
	eq "$(mode "$BATS_TEST_TMPDIR/x/y/crm.db")" 600
}

@test "a new database under umask 022 in an existing directory: 0600, the directory untouched" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	umask 022
	mkdir -m 0755 "$BATS_TEST_TMPDIR/shared"
	crm-add -d "$BATS_TEST_TMPDIR/shared/crm.db" -n Ann >/dev/null
	eq "$(mode "$BATS_TEST_TMPDIR/shared")" 755
	eq "$(mode "$BATS_TEST_TMPDIR/shared/crm.db")" 600
}

@test "crm-segment with no database exits 66 and creates nothing" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	run --separate-stderr crm-segment -d "$BATS_TEST_TMPDIR/new/dir/crm.db"
	fails 66 "crm-segment: $BATS_TEST_TMPDIR/new/dir/crm.db: no database yet (crm-add creates it)"
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
	run --separate-stderr crm-segment
	fails 66 "crm-segment: $CRM_DB: no database yet (crm-add creates it)"
	no_db
}

@test "crm-segment on an empty file says there is no database yet and leaves it empty" {
	only_on sqlite "what is in the file is SQLite's: its header, its pragmas, its -wal and -shm"
	: >"$CRM_DB"
	run --separate-stderr crm-segment
	fails 66 "crm-segment: $CRM_DB: no database yet (crm-add creates it)"
	[ ! -s "$CRM_DB" ]
}

@test "--db wins over CRM_DB, for writers and readers" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	crm-add -n InEnv >/dev/null
	crm-add --db "$BATS_TEST_TMPDIR/opt.db" -n InOpt >/dev/null
	eq "$(sql 'SELECT name FROM customers')" InEnv
	eq "$(sqlite3 "$BATS_TEST_TMPDIR/opt.db" 'SELECT name FROM customers')" InOpt
	run --separate-stderr crm-segment -f name -d "$BATS_TEST_TMPDIR/opt.db"
	status_is 0
	eq "$output" $'name\nInOpt'
	run --separate-stderr crm-segment -f name
	status_is 0
	eq "$output" $'name\nInEnv'
}

@test "without --db or CRM_DB the database is \$XDG_DATA_HOME/crm/crm.db" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	unset CRM_DB
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg"
	crm-add -n Ann >/dev/null
	eq "$(sqlite3 "$XDG_DATA_HOME/crm/crm.db" 'SELECT name FROM customers')" Ann
	eq "$(mode "$XDG_DATA_HOME/crm")" 700
	[ ! -e "$HOME" ]
	run --separate-stderr crm-segment -f name
	status_is 0
	eq "$output" $'name\nAnn'
}

@test "without --db, CRM_DB or XDG_DATA_HOME the database is ~/.local/share/crm/crm.db" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	unset CRM_DB
	mkdir "$HOME"
	crm-add -n Ann >/dev/null
	eq "$(sqlite3 "$HOME/.local/share/crm/crm.db" 'SELECT name FROM customers')" Ann
	eq "$(mode "$HOME/.local/share/crm/crm.db")" 600
	eq "$(mode "$HOME/.local/share/crm")" 700
	eq "$(mode "$HOME/.local")" 700
}

@test "an empty CRM_DB or a relative XDG_DATA_HOME is ignored" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	export CRM_DB='' XDG_DATA_HOME=relative/dir
	mkdir "$HOME"
	crm-add -n Ann >/dev/null
	[ -f "$HOME/.local/share/crm/crm.db" ]
	[ ! -e relative ]
}

@test "no HOME and nothing else naming the database exits 64" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	run --separate-stderr env -u HOME -u CRM_DB -u XDG_DATA_HOME crm-add -n Ann
	fails 64 "crm-add: HOME is not set: name the database with --db or CRM_DB"
	run --separate-stderr env -u HOME -u CRM_DB -u XDG_DATA_HOME crm-segment
	fails 64 "crm-segment: HOME is not set: name the database with --db or CRM_DB"
}

@test "a file that is not a database: exit 65, the file unchanged" {
	only_on sqlite "what is in the file is SQLite's: its header, its pragmas, its -wal and -shm"
	printf 'name,email\nAnn,ann@example.com\n' >"$CRM_DB"
	head -c 4096 /dev/zero | tr '\0' 'x' >>"$CRM_DB"
	local before; before=$(checksum "$CRM_DB")
	run --separate-stderr crm-add -n Bob
	fails 65 "crm-add: $CRM_DB: not a usable crm database: file is not a database"
	eq "$(checksum "$CRM_DB")" "$before"
	run --separate-stderr crm-segment
	fails 65 "crm-segment: $CRM_DB: not a usable crm database: file is not a database"
	eq "$(checksum "$CRM_DB")" "$before"
	[ ! -e "$CRM_DB-wal" ]
}

@test "another program's SQLite database: exit 65, the file unchanged" {
	only_on sqlite "what is in the file is SQLite's: its header, its pragmas, its -wal and -shm"
	sql "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')"
	local before; before=$(checksum "$CRM_DB")
	run --separate-stderr crm-add -n Bob
	fails 65 "crm-add: $CRM_DB: not a crm database"
	eq "$(checksum "$CRM_DB")" "$before"
	eq "$(sql 'SELECT name FROM sqlite_schema')" notes
}

@test "a database of a newer schema: exit 65 'newer', the file unchanged" {
	only_on sqlite "SQLite's schema versions (user_version, migrate-N.sql); PostgreSQL's crm_schema is t/900's"
	crm-add -n Ann >/dev/null
	sql 'PRAGMA user_version = 99'
	local before; before=$(checksum "$CRM_DB")
	run --separate-stderr crm-add -n Bob
	fails 65 "crm-add: $CRM_DB: database schema version 99 is newer than this crm knows ($SCHEMA): upgrade crm"
	run --separate-stderr crm-segment
	fails 65 "crm-segment: $CRM_DB: database schema version 99 is newer than this crm knows ($SCHEMA): upgrade crm"
	eq "$(checksum "$CRM_DB")" "$before"
	eq "$(ncustomers)" 1
}

@test "a new database is in WAL mode with the schema version and application id set" {
	only_on sqlite "what is in the file is SQLite's: its header, its pragmas, its -wal and -shm"
	crm-add -n Ann >/dev/null
	eq "$(sql 'PRAGMA journal_mode')" wal
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(printf '%x' "$(sql 'PRAGMA application_id')")" 63726d31
}

@test "every table is STRICT: text in an integer column is refused" {
	only_on sqlite "STRICT tables are SQLite's; PostgreSQL's columns are typed"
	crm-add -n Ann >/dev/null
	# FTS5's tables (the search indexes, schema 6) and sqlite_sequence
	# (AUTOINCREMENT's, schema 17) are SQLite's own
	eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'fts%' AND name <> 'sqlite_sequence'
	    AND sql NOT LIKE '%) STRICT%'")" 0
	# 16 data and audit tables; undo's changes, marks, now, and a shadow
	# table for each of the 15 data tables (schema 15: erased, the erased
	# list); the aggregates (schema 8):
	# cust_totals, cust_periods and agg_defer, (schema 10) cust_sales
	# and cust_split, (schema 13) cust_orders, (schema 14) cust_years
	# and (schema 19) cust_never, which undo does not
	# shadow; and (schema 17) sqlite_sequence, AUTOINCREMENT's
	eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'fts%'")" 43
	# 3 search indexes, each with its shadow tables: data, idx, config,
	# docsize, and content for the two that keep their own text; and
	# fts_defer, fts_dirty; and each index's list of its trigrams
	# (schema 9, fts5vocab): 3 + 4 + 5 + 5 + 2 + 3
	eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
	    AND name LIKE 'fts%'")" 22
	run sql "INSERT INTO customers (id, name, created, updated)
	    VALUES ('abc', 'x', 'now', 'now')"
	[ "$status" -ne 0 ]
	has "$output" "datatype mismatch"
	run sql "INSERT INTO interactions (customer_id, at, kind, amount, created)
	    VALUES (1, 'now', 'purchase', 'lots', 'now')"
	[ "$status" -ne 0 ]
	has "$output" "cannot store TEXT value in INTEGER column interactions.amount"
	eq "$(ncustomers)" 1
}

@test "deleting a customer cascades to fields, tags, interactions and reminders" {
	crm-add -n Ann -t vip -F City=Oslo >/dev/null
	crm-add -n Bob -t vip -F City=Rome >/dev/null
	sql "INSERT INTO interactions (customer_id, at, kind, created)
	        VALUES (1, '2026-11-01T00:00:00Z', 'call', '2026-11-01T00:00:00Z');
	     INSERT INTO reminders (customer_id, due, note, created)
	        VALUES (1, '2026-12-01T00:00:00Z', 'call back', '2026-11-01T00:00:00Z')"
	sql 'PRAGMA foreign_keys = ON; DELETE FROM customers WHERE id = 1'
	eq "$(sql 'SELECT count(*) FROM customer_fields WHERE customer_id = 1')" 0
	eq "$(sql 'SELECT count(*) FROM tags WHERE customer_id = 1')" 0
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	eq "$(sql 'SELECT count(*) FROM reminders')" 0
	eq "$(sql 'SELECT customer_id, key, value FROM customer_fields')" '2|City|Rome'
	eq "$(sql 'SELECT count(*) FROM tags')" 1
}

@test "a foreign key to no customer is refused" {
	crm-add -n Ann >/dev/null
	run sql "PRAGMA foreign_keys = ON; INSERT INTO tags VALUES (42, 'x')"
	[ "$status" -ne 0 ]
	has "${output,,}" "foreign key"	# "FOREIGN KEY constraint failed", "violates foreign key constraint"
	eq "$(sql 'SELECT count(*) FROM tags')" 0
}

@test "what a failed write leaves beside the database (-wal, -shm) is 0600 too" {
	only_on sqlite "what is in the file is SQLite's: its header, its pragmas, its -wal and -shm"
	umask 000
	crm-add -n Ann -e ann@x.example >/dev/null
	# refused inside the transaction: the program ends with the
	# database open
	run --separate-stderr crm-add -n Ann -e ann@x.example
	fails 65 "crm-add: customer 1 already has this email (to change that customer: crm-add --update 1)"
	local f n=0
	for f in "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm" "$CRM_DB-journal"; do
		[ -e "$f" ] || continue
		eq "$f $(mode "$f")" "$f 600"
		n=$((n + 1))
	done
	[ "$n" -ge 1 ]
}

@test "a command line refused as a usage error (64) leaves no database behind" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	run --separate-stderr crm-add -d "$BATS_TEST_TMPDIR/new/crm.db" -p 123
	fails_usage 64 "crm-add: a customer needs a --name or an --email"
	run --separate-stderr crm-add -d "$BATS_TEST_TMPDIR/new/crm.db" -n Ann --untag x
	fails_usage 64 "crm-add: --untag needs --update"
	run --separate-stderr crm-add -d "$BATS_TEST_TMPDIR/new/crm.db" -e 'not an address'
	fails 65 "crm-add: --email: not a valid e-mail address"
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
}

@test "a CRM_NOW that is not a date leaves no database behind" {
	only_on sqlite "the database is a file: its mode, its place, its directory"
	run --separate-stderr env CRM_NOW=junk crm-add -d "$BATS_TEST_TMPDIR/new/crm.db" -n Ann
	fails 64 "crm-add: CRM_NOW: 'junk' is not an ISO 8601 date or date-time"
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
}

@test "a writer locked out past CRM_BUSY_TIMEOUT exits 75; a reader still reads" {
	only_on sqlite "a lock held by the sqlite3 shell; PostgreSQL's writers' lock is t/900's"
	crm-add -n Ann >/dev/null
	mkfifo lock
	sqlite3 "$CRM_DB" <lock >locked 2>&1 3>&- &
	local pid=$! i w
	exec {w}>lock
	echo "BEGIN IMMEDIATE; SELECT 'locked';" >&"$w"
	for i in $(seq 50); do [ -s locked ] && break; sleep 0.1; done
	eq "$(cat locked)" locked
	run --separate-stderr env CRM_BUSY_TIMEOUT=100 crm-add -n Bob
	fails 75 "crm-add: $CRM_DB: database is busy: another process has held it longer than the busy timeout, CRM_BUSY_TIMEOUT=100 ms; try again, or wait longer with a higher CRM_BUSY_TIMEOUT (an import holds the database until it ends)"
	# qa20 #13: the default named as such, so the user learns the knob
	run --separate-stderr env -u CRM_BUSY_TIMEOUT crm-log Ann call x
	fails 75 "crm-log: $CRM_DB: database is busy: another process has held it longer than the busy timeout, CRM_BUSY_TIMEOUT=5000 ms (the default); try again, or wait longer with a higher CRM_BUSY_TIMEOUT (an import holds the database until it ends)"
	run --separate-stderr crm-segment -f name
	status_is 0
	eq "$output" $'name\nAnn'
	exec {w}>&-
	wait "$pid"
	eq "$(sql 'SELECT name FROM customers')" Ann
}

@test "a CRM_BUSY_TIMEOUT that is not a number of milliseconds exits 64" {
	run --separate-stderr env CRM_BUSY_TIMEOUT=soon crm-add -n Ann
	fails 64 "crm-add: CRM_BUSY_TIMEOUT: 'soon' is not a number of milliseconds"
}

@test "a version 1 database is migrated forward once, in place, keeping its data" {
	only_on sqlite "SQLite's schema versions (user_version, migrate-N.sql); PostgreSQL's crm_schema is t/900's"
	# Build what crm 0.1 made: the version 1 schema, a customer and a
	# recurring reminder, then let a reader open it.
	sqlite3 "$CRM_DB" <"$BATS_TEST_DIRNAME/../share/crm/schema.sql"
	sql "PRAGMA user_version = 1; PRAGMA application_id = 1668443441;
	    INSERT INTO customers (name, created, updated) VALUES ('Ann', '', '');
	    INSERT INTO reminders (customer_id, due, every, note, created)
	    VALUES (1, '2026-01-31T00:00:00Z', '1m', 'Monthly', '')"
	run --separate-stderr crm-remind --all -f id,due,every
	status_is 0
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(sql 'SELECT first_due, due FROM reminders')" \
	    "2026-01-31T00:00:00Z|2026-01-31T00:00:00Z"
	eq "$(sql 'PRAGMA integrity_check')" ok
	# schema 7 widened the kinds in place: invoices now, nonsense still not
	sql "INSERT INTO interactions (customer_id, at, kind, amount, due,
	    created) VALUES (1, '2026-01-01T00:00:00Z', 'invoice', 100,
	    '2026-01-31T00:00:00Z', '')"
	run sql "INSERT INTO interactions (customer_id, at, kind, created)
	    VALUES (1, '2026-01-01T00:00:00Z', 'gossip', '')"
	has "$output" "CHECK constraint failed"
	run --separate-stderr crm-segment -f name
	eq "$output" "name
Ann"
}

@test "a PostgreSQL connection string where libpq cannot be loaded: 69 naming the package, no file made" {
	# libpq hidden in a mount namespace of the test's own (unshare -rm):
	# /dev/null over the library makes dlopen fail as a missing one does.
	local lib
	lib=$(ldconfig -p | sed -n 's/.*libpq\.so\.5 (libc6,x86-64) => //p' | head -1)
	[[ -n $lib ]] || skip "no libpq.so.5 to hide"
	unshare -rm true 2>/dev/null || skip "no user and mount namespaces (unshare -rm)"
	run --separate-stderr unshare -rm sh -c "mount --bind /dev/null '$lib' && exec crm-segment -d 'host=/nonexistent dbname=crm'"
	status_is 69
	has "$stderr" "crm-segment: PostgreSQL: cannot load libpq: "
	has "$stderr" "(install it: Debian's package libpq5)"
	eq "$(ls | grep -c host=)" 0
}
