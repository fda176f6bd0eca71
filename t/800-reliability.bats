#!/usr/bin/env bats
# Reliability: nothing lost and nothing half-written under many writers,
# SIGKILL and faults.  The load and kill runs are bench/stress.sh with
# small sizes ("make stress" runs the full ones); the faults are here.
#
# What is checked:
#   - 8 writers (crm-log, crm-add --update, crm-remind done) and a reader
#     at once: every write present, none failed
#   - SIGKILL at random moments of an import, of crm-segment --apply and
#     of crm-remind done --log: integrity_check ok, all or nothing
#   - crm backup while writers run: a consistent copy
#   - crm check: 0 on a sound database; a broken reference is found
#   - a file size limit (disk full): 74, the file unchanged, no summary
#   - a read-only file, a read-only directory: 73 with a message naming
#     what is read-only, the file unchanged; a reader of a read-only
#     file still reads
#   (no HOME, not a database, a newer schema, a lock held past the busy
#   timeout: t/010-db.bats)

load helper

STRESS="$BATS_TEST_DIRNAME/../bench/stress.sh"

# as_other CMD...: run CMD as a user without write permission on what
# the test made read-only.  Root may write anything, so as root the
# command runs as nobody, and the test's files are given to nobody.
as_other() {
	if [[ $(id -u) == 0 ]]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
		    env PATH="$PATH" HOME="$HOME" "$@"
	else
		"$@"
	fi
}

# A directory for as_other's files, which nobody can reach as well.
other_dir() {
	OTHER=$(mktemp -d /tmp/crm-800.XXXXXX)
	chmod 755 "$OTHER"
	if [[ $(id -u) == 0 ]]; then
		command -v setpriv >/dev/null || skip "needs setpriv as root"
		local p
		for p in $(command -v crm-add crm-segment); do
			as_other test -x "$p" ||
			    skip "user nobody cannot run $p"
		done
	fi
}

teardown() {
	crm_teardown
	if [[ -n ${OTHER-} ]]; then
		chmod -R u+w "$OTHER"
		rm -rf "$OTHER"
	fi
}

# give_away FILE...: the files belong to the user as_other runs as.
give_away() {
	if [[ $(id -u) == 0 ]]; then
		chown -R nobody "$@"
	fi
}

@test "8 writers and a reader at once: every write present, none failed" {
	only_on sqlite "bench/stress.sh's writers and kills run on a SQLite file (PostgreSQL's writers: t/900, t/930)"
	# nothing lost, none failed: on a loaded CI machine (the SAN run
	# beside two suites) a writer may wait past the 5 s default
	STRESS_BUSY_TIMEOUT=60000 run bash "$STRESS" writers 8 30
	status_is 0
	has "$output" "writers: 8 processes x 30 writes = 240, all present, 0 failed"
}

@test "an import killed at random moments leaves a sound database with none or all of it" {
	only_on sqlite "bench/stress.sh's writers and kills run on a SQLite file (PostgreSQL's writers: t/900, t/930)"
	run bash "$STRESS" kill-import 5000 3
	status_is 0
	has "$output" "integrity ok every time; 3 kills during"
}

@test "crm-segment --apply killed at random moments writes all the tiers or none" {
	only_on sqlite "bench/stress.sh's writers and kills run on a SQLite file (PostgreSQL's writers: t/900, t/930)"
	run bash "$STRESS" kill-apply 1000 3
	status_is 0
	has "$output" "integrity ok every time; 3 kills during"
}

@test "crm-remind done --log killed at random moments: done and logged together or not at all" {
	only_on sqlite "bench/stress.sh's writers and kills run on a SQLite file (PostgreSQL's writers: t/900, t/930)"
	run bash "$STRESS" kill-done 5
	status_is 0
	has "$output" "every reminder done has its call logged"
}

@test "the stress checks fail when a promise is broken" {
	only_on sqlite "bench/stress.sh's writers and kills run on a SQLite file (PostgreSQL's writers: t/900, t/930)"
	# A database where a writer's call went missing: the check must see it.
	run bash -c "source '$STRESS'; crm-add -d crm.db -n A >/dev/null
	    check_writer crm.db 1 3 1 1 1"
	status_is 1
	eq "$output" "stress: FAIL: writer 1: 0 of 1 calls logged"
}

@test "crm backup while writers run: a sound copy of one moment" {
	only_on sqlite "crm backup is SQLite's own (pg_dump on a server)"
	crm-add -n Seed >/dev/null
	for w in 1 2 3; do
		(for i in $(seq 1 40); do
			crm-log 1 call "w$w $i" >/dev/null || echo fail >>failed
		done) &
	done
	sleep 0.2
	run --separate-stderr crm backup copy.db
	status_is 0
	wait
	[[ ! -e failed ]]
	eq "$(sqlite3 copy.db 'PRAGMA integrity_check')" ok
	n=$(sqlite3 copy.db 'SELECT count(*) FROM interactions')
	(( n <= 120 ))
	# One moment: each writer's calls in the copy are its first ones.
	for w in 1 2 3; do
		eq "$(sqlite3 copy.db "SELECT count(*) FROM interactions
		    WHERE summary LIKE 'w$w %'")" \
		    "$(sqlite3 copy.db "SELECT coalesce(max(CAST(substr(summary, 4)
		    AS INTEGER)), 0) FROM interactions WHERE summary LIKE 'w$w %'")"
	done
	eq "$(stat -c %a copy.db)" 600
	eq "$(sql 'SELECT count(*) FROM interactions')" 120
	run --separate-stderr crm-segment -d copy.db -f name
	status_is 0
	eq "${lines[1]}" Seed
}

@test "crm backup refuses to overwrite a file" {
	only_on sqlite "crm backup is SQLite's own (pg_dump on a server)"
	crm-add -n Seed >/dev/null
	echo keep >copy.db
	run --separate-stderr crm backup copy.db
	status_is 73
	has "$stderr" "copy.db"
	eq "$(cat copy.db)" keep
}

@test "crm check: 0 and silent on a sound database; a broken reference is named, exit 65" {
	only_on sqlite "a broken reference or a NULL behind the schema's back is made with SQLite's PRAGMAs; a server keeps foreign keys itself, and crm check there checks the aggregates"
	crm-add -n Ann -t vip >/dev/null
	crm-log 1 call hello >/dev/null
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
	sql "PRAGMA foreign_keys = OFF; DELETE FROM customers"
	run --separate-stderr crm check
	status_is 65
	has "$output" "foreign key: a row of tags refers to a missing row of customers"
	has "$output" "foreign key: interactions row 1 refers to a missing row of customers"
	# and the customer's aggregates (schema 8), which still agree with
	# the interactions left behind
	has "$output" "foreign key: cust_totals row 1 refers to a missing row of customers"
	has "$output" "foreign key: a row of cust_periods refers to a missing row of customers"
	# (schema 14) and the year's
	has "$output" "foreign key: a row of cust_years refers to a missing row of customers"
	has "$stderr" "crm: 5 problems in the database"
}

@test "crm check after a merge: silent (SQLite 3.40's false NULL in identities is asked of the table), a real NULL still named" {
	only_on sqlite "a broken reference or a NULL behind the schema's back is made with SQLite's PRAGMAs; a server keeps foreign keys itself, and crm check there checks the aggregates"
	crm-add -n A -e a@x.example >/dev/null
	crm-add -n B -e b@x.example >/dev/null
	crm-add --merge a@x.example b@x.example >/dev/null
	# the merge kept B's address as an identity of A
	eq "$(sql "SELECT customer_id, kind, value FROM identities")" "1|email|b@x.example"
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
	# a NULL that is there (written before the column was made NOT
	# NULL behind SQLite's back) is named
	sql "CREATE TABLE t_probe (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
	    INSERT INTO t_probe VALUES ('x', 1), ('y', NULL);
	    PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(sql, 'v INTEGER',
	      'v INTEGER NOT NULL') WHERE name = 't_probe'"
	run --separate-stderr crm check
	status_is 65
	has "$output" "integrity: NULL value in t_probe.v"
}

@test "a file size limit during an import: 74, the file unchanged, no summary claimed" {
	only_on sqlite "a file size limit and a read-only file or directory are the file's (a server's disk and permissions are the server's: 74, 73 from its SQLSTATE)"
	crm-add -n Before >/dev/null
	python3 "$BATS_TEST_DIRNAME/../bench/gen-customers.py" 20000 >big.csv
	before=$(checksum "$CRM_DB")
	run --separate-stderr bash -c 'ulimit -f 200; crm-add --import big.csv'
	status_is 74
	eq "$output" ""
	eq "$stderr" "crm-add: $CRM_DB: disk I/O error (is the disk full, or a file size limit reached?); nothing was changed"
	eq "$(checksum "$CRM_DB")" "$before"
	eq "$(sql 'PRAGMA integrity_check')" ok
	eq "$(ncustomers)" 1
}

@test "a file size limit on a single crm-log: 74, nothing logged" {
	only_on sqlite "a file size limit and a read-only file or directory are the file's (a server's disk and permissions are the server's: 74, 73 from its SQLSTATE)"
	crm-add -n Ann >/dev/null
	before=$(checksum "$CRM_DB")
	# A 100 kB note does not fit in a write-ahead log limited to 50 kB.
	run --separate-stderr bash -c "ulimit -f 50
	    crm-log 1 note \"\$(head -c 100000 /dev/zero | tr '\\0' x)\""
	status_is 74
	eq "$output" ""
	has "$stderr" "nothing was changed"
	eq "$(checksum "$CRM_DB")" "$before"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	eq "$(sql 'PRAGMA integrity_check')" ok
}

@test "a read-only database file: writers exit 73 saying so, readers read, the file unchanged" {
	only_on sqlite "a file size limit and a read-only file or directory are the file's (a server's disk and permissions are the server's: 74, 73 from its SQLSTATE)"
	other_dir
	export CRM_DB="$OTHER/crm.db"
	crm-add -n Ann >/dev/null
	give_away "$OTHER"
	chmod 400 "$CRM_DB"
	before=$(checksum "$CRM_DB")
	run --separate-stderr as_other crm-add -n Bob
	fails 73 "crm-add: $CRM_DB: cannot write: the file is read-only"
	run --separate-stderr as_other crm-log 1 call hello
	fails 73 "crm-log: $CRM_DB: cannot write: the file is read-only"
	run --separate-stderr as_other crm-segment -f name
	status_is 0
	eq "$output" $'name\nAnn'
	eq "$stderr" "crm-segment: $CRM_DB: read-only: the export is not in the audit trail"
	eq "$(checksum "$CRM_DB")" "$before"
}

@test "a read-only directory: exit 73 naming the directory, the file unchanged" {
	only_on sqlite "a file size limit and a read-only file or directory are the file's (a server's disk and permissions are the server's: 74, 73 from its SQLSTATE)"
	other_dir
	mkdir "$OTHER/ro"
	export CRM_DB="$OTHER/ro/crm.db"
	crm-add -n Ann >/dev/null
	give_away "$OTHER"
	chmod 500 "$OTHER/ro"
	before=$(checksum "$CRM_DB")
	msg="$CRM_DB: cannot use the database: its directory $OTHER/ro is not writable, and SQLite keeps its -wal and -shm files there"
	run --separate-stderr as_other crm-add -n Bob
	fails 73 "crm-add: $msg"
	run --separate-stderr as_other crm-segment
	fails 73 "crm-segment: $msg"
	eq "$(checksum "$CRM_DB")" "$before"
	# A new database in a read-only directory.
	run --separate-stderr as_other crm-add -d "$OTHER/ro/new.db" -n Bob
	fails 73 "crm-add: cannot create $OTHER/ro/new.db: Permission denied"
	[[ ! -e $OTHER/ro/new.db ]]
}
