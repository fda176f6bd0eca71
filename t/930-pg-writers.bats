#!/usr/bin/env bats
# PostgreSQL: many writers at once, and a transaction that the server
# fails with a serialization failure or a deadlock run again as a whole
# (lib/pg.c's journal, "Retrying a transaction"; doc/scale.md); and a
# row the server refuses in a load whose rows are not waited for.
#
# A deadlock or serialization failure between crm's own writers cannot
# happen (they queue on one lock); another client of the server makes
# them, at a moment no test can choose.  The tests provoke them
# deterministically instead: a trigger raises the SQLSTATE the first N
# times a sequence (which no rollback puts back) is drawn.

load helper
load pg

setup_file() {
	pg_server_start
}

teardown_file() {
	pg_server_stop
}

setup() {
	crm_setup
	pg_database w
	export CRM_DB=$PG
}

teardown() {
	pg_drop_database
}

pg() {
	PGOPTIONS='-c client_min_messages=warning' psql "$PG" -qAtX -F '|' -c "$1"
}

# flaky TABLE STATE N: the next N inserts into TABLE fail with STATE
# (40001 serialization failure, 40P01 deadlock), then they succeed.
flaky() {
	local t
	for t in customers interactions audit; do
		pg "DROP TRIGGER IF EXISTS flaky ON $t" >/dev/null
	done
	pg "DROP SEQUENCE IF EXISTS flaky_seq" >/dev/null
	pg "CREATE SEQUENCE flaky_seq" >/dev/null
	pg "CREATE OR REPLACE FUNCTION flaky() RETURNS trigger
	    LANGUAGE plpgsql AS \$\$
	BEGIN
		IF nextval('flaky_seq') <= $3 THEN
			RAISE EXCEPTION 'provoked' USING ERRCODE = '$2';
		END IF;
		RETURN NEW;
	END\$\$" >/dev/null
	pg "CREATE TRIGGER flaky BEFORE INSERT ON $1 FOR EACH ROW
	    EXECUTE FUNCTION flaky()" >/dev/null
}

# How often the trigger ran: the attempts.
drawn() {
	pg "SELECT last_value FROM flaky_seq"
}

@test "retry: a deadlock in a transaction runs the whole of it again, nothing doubled" {
	crm-add -n Ada -e ada@example.com >/dev/null
	# The interaction's own insert fails twice, a statement waited for.
	flaky interactions 40P01 2
	run --separate-stderr crm-log ada@example.com call hello
	status_is 0
	eq "$(drawn)" 3
	eq "$(pg "SELECT count(*), min(summary) FROM interactions")" "1|hello"
	eq "$(pg "SELECT count(*) FROM audit WHERE action = 'log'")" 1
	eq "$(pg "SELECT n FROM cust_totals WHERE customer_id = 1")" 1
	# The audit row, a write not waited for, fails at the commit.
	flaky audit 40P01 1
	run --separate-stderr crm-log ada@example.com call again
	status_is 0
	eq "$(drawn)" 2
	eq "$(pg "SELECT count(*) FROM interactions")" 2
	eq "$(pg "SELECT count(*) FROM audit WHERE action = 'log'")" 2
	run crm check
	status_is 0
}

@test "retry: a serialization failure midway through an import, then all rows once" {
	crm-add -n Ada -e ada@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	printf 'email,at,kind,amount,ref\n' >"$BATS_TEST_TMPDIR/o.csv"
	for i in 1 2 3 4 5 6; do
		printf 'ada@example.com,2025-01-0%sT10:00:00Z,purchase,10,A-%s\n' $i $i
		printf 'bob@example.com,2025-01-0%sT10:00:00Z,purchase,20,B-%s\n' $i $i
	done >>"$BATS_TEST_TMPDIR/o.csv"
	# The fifth insert fails once: four rows in, the import begins again.
	pg "CREATE SEQUENCE flaky_seq" >/dev/null
	pg "CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN
		IF nextval('flaky_seq') = 5 THEN
			RAISE EXCEPTION 'provoked' USING ERRCODE = '40001';
		END IF;
		RETURN NEW;
	END\$\$" >/dev/null
	pg "CREATE TRIGGER flaky BEFORE INSERT ON interactions FOR EACH ROW
	    EXECUTE FUNCTION flaky()" >/dev/null
	run --separate-stderr crm-log --import "$BATS_TEST_TMPDIR/o.csv"
	status_is 0
	has "$stderr" "12 logged, 0 already there"
	eq "$(drawn)" 17
	eq "$(pg "SELECT count(*), count(DISTINCT ref), sum(amount) FROM interactions")" "12|12|18000"
	eq "$(pg "SELECT min(id), max(id) FROM interactions")" "1|12"
	eq "$(pg "SELECT customer_id, n FROM cust_totals ORDER BY 1")" "1|6
2|6"
	run crm check
	status_is 0
}

@test "retry: a failure that keeps coming is 75 after a few tries, nothing changed" {
	crm-add -n Ada -e ada@example.com >/dev/null
	flaky interactions 40001 100
	run --separate-stderr crm-log ada@example.com call hello
	status_is 75
	has "$stderr" "try again"
	eq "$(pg "SELECT count(*) FROM interactions")" 0
	eq "$(pg "SELECT count(*) FROM audit WHERE action = 'log'")" 0
	# A bounded number of attempts: 5 at most.
	eq "$(drawn)" 5
	flaky customers 40P01 100
	run --separate-stderr crm-add -n Bob
	status_is 75
	eq "$(pg "SELECT count(*) FROM customers")" 1
}

# refuse TABLE COLUMN VALUE: the server refuses a row of TABLE whose
# COLUMN is VALUE (an error of its own, not a constraint crm knows).
refuse() {
	pg "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN
		IF NEW.$2 = '$3' THEN
			RAISE EXCEPTION 'refused here';
		END IF;
		RETURN NEW;
	END\$\$" >/dev/null
	pg "CREATE TRIGGER refuse BEFORE INSERT ON $1 FOR EACH ROW
	    EXECUTE FUNCTION refuse()" >/dev/null
}

# The foreign keys, each with its definition: a load drops some and adds
# them again (lib/pg.c, bulk_fks).
fks() {
	pg "SELECT string_agg(conrelid::regclass || ' ' || conname || ' ' ||
	    pg_get_constraintdef(oid), ',' ORDER BY conname) FROM pg_constraint
	    WHERE contype = 'f'"
}

@test "pg: a row the server refuses midway through a load not waited for leaves nothing of it" {
	local i audit fk gin
	# Into empty tables the rows are numbered by crm and sent without
	# waiting (lib/pg.c, crm_exec_sure): the refusal is read later.
	printf 'Full Name,Company,Email\n' >"$BATS_TEST_TMPDIR/c.csv"
	for i in $(seq 1 40); do
		printf 'P %s,Co %s,p%s@example.com\n' $i $((i % 3)) $i
	done >>"$BATS_TEST_TMPDIR/c.csv"
	printf 'Full Name,Email\n' >"$BATS_TEST_TMPDIR/none.csv"
	crm-add --import "$BATS_TEST_TMPDIR/none.csv" >/dev/null 2>&1
	fk=$(fks)
	[[ "$fk" == *"customer_fields_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE"* ]]
	gin=$(pg "SELECT indexdef FROM pg_indexes WHERE indexname = 'fts_customers_folded'")
	[[ "$gin" == *"USING gin (folded gin_trgm_ops)"* ]]
	refuse customers name 'P 25'
	audit=$(pg 'SELECT count(*) FROM audit')
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	status_is 70
	has "$stderr" "refused here"
	eq "$(pg 'SELECT count(*) FROM customers')" 0
	eq "$(pg 'SELECT count(*) FROM audit')" "$audit"
	eq "$(pg "SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_org'")" 1
	eq "$(pg "SELECT indexdef FROM pg_indexes WHERE indexname = 'fts_customers_folded'")" "$gin"
	eq "$(fks)" "$fk"
	pg 'DROP TRIGGER refuse ON customers' >/dev/null
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	status_is 0
	eq "$(pg 'SELECT count(*), min(id), max(id) FROM customers')" "43|1|43"
	# search's index, dropped for the load and built after (lib/pg.c),
	# as it was, and holding the load's texts
	eq "$(pg "SELECT indexdef FROM pg_indexes WHERE indexname = 'fts_customers_folded'")" "$gin"
	eq "$(pg "SET enable_seqscan = off; SELECT rowid FROM fts_customers WHERE folded LIKE '%p 25%'")" \
	    "$(pg "SELECT id FROM customers WHERE name = 'P 25'")"
	# The interactions likewise.
	printf 'email,at,kind,amount,ref\n' >"$BATS_TEST_TMPDIR/o.csv"
	for i in $(seq 1 40); do
		printf 'p%s@example.com,2025-01-01T10:00:00Z,purchase,10,R-%s\n' $i $i
	done >>"$BATS_TEST_TMPDIR/o.csv"
	pg 'DROP FUNCTION refuse()' >/dev/null
	refuse interactions ref R-30
	audit=$(pg 'SELECT count(*) FROM audit')
	run --separate-stderr crm-log --import "$BATS_TEST_TMPDIR/o.csv"
	status_is 70
	has "$stderr" "refused here"
	eq "$(pg 'SELECT count(*) FROM interactions')" 0
	eq "$(pg 'SELECT count(*) FROM audit')" "$audit"
	eq "$(pg "SELECT count(*) FROM pg_indexes WHERE indexname = 'interactions_kind'")" 1
	eq "$(fks)" "$fk"
	pg 'DROP TRIGGER refuse ON interactions' >/dev/null
	run --separate-stderr crm-log --import "$BATS_TEST_TMPDIR/o.csv"
	status_is 0
	eq "$(fks)" "$fk"
	run crm check
	status_is 0
}

# Everything an import may write, and the load's DDL: all of it or none.
dump() {
	pg "SELECT * FROM customers ORDER BY id; SELECT * FROM customer_fields
	    ORDER BY 1, 2; SELECT * FROM identities ORDER BY 1, 2, 3, 4;
	    SELECT * FROM tags ORDER BY 1, 2; SELECT * FROM audit ORDER BY id;
	    SELECT * FROM fts_customers ORDER BY 1; SELECT * FROM
	    sqlite_sequence; SELECT indexname FROM pg_indexes WHERE schemaname
	    = 'public' ORDER BY 1"
	fks
}

# Customers there before, then a file that adds 30 and changes 11 of
# them (a repeated row's tier, phone and field: in a numbered load
# writes not waited for, lib/cust.c's may_refuse), its last row bad.
two_loads() {
	local i
	printf 'Full Name,Email,Tier,Phone,Shoe\n' >"$BATS_TEST_TMPDIR/a.csv"
	for i in $(seq 1 30); do
		printf 'P %s,p%s@example.com,gold,+1 555 %04d,%s\n' $i $i $i $i
	done >>"$BATS_TEST_TMPDIR/a.csv"
	crm-add --import "$BATS_TEST_TMPDIR/a.csv" >/dev/null 2>&1
	printf 'Full Name,Email,Tier,Phone,Shoe\n' >"$BATS_TEST_TMPDIR/b.csv"
	for i in $(seq 20 60); do
		printf 'P %s, P%s@Example.com ,silver,+1 666 %04d,%s\n' $i $i $i \
		    $((i + 1))
	done >>"$BATS_TEST_TMPDIR/b.csv"
	printf 'Bad,not-an-email,gold,,\n' >>"$BATS_TEST_TMPDIR/b.csv"
}

@test "pg: crm-add --import whose last row is bad (65) leaves the database as it was, its updates too" {
	two_loads
	local before
	before=$(dump)
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/b.csv"
	status_is 65
	eq "$stderr" "crm-add: $BATS_TEST_TMPDIR/b.csv:43: Email: not a valid e-mail address"
	eq "$(dump)" "$before"
	# A refused update, read after the rows that follow it: the load's
	# end, nothing of it kept.
	sed -i '$d' "$BATS_TEST_TMPDIR/b.csv"
	pg "CREATE FUNCTION refuse_up() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN
		IF NEW.phone = '+1 666 0025' THEN
			RAISE EXCEPTION 'refused here';
		END IF;
		RETURN NEW;
	END\$\$" >/dev/null
	pg "CREATE TRIGGER refuse_up BEFORE UPDATE ON customers FOR EACH ROW
	    EXECUTE FUNCTION refuse_up()" >/dev/null
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/b.csv"
	status_is 70
	has "$stderr" "refused here"
	eq "$(dump)" "$before"
	# Without either: every row, the updates too.
	pg 'DROP TRIGGER refuse_up ON customers' >/dev/null
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/b.csv"
	status_is 0
	eq "$stderr" "crm-add: $BATS_TEST_TMPDIR/b.csv: 11 phones replaced by the file's: the old numbers kept in 'other phones'
30 added, 11 updated, 0 unchanged, 0 rejected"
	eq "$(pg "SELECT tier, phone, value FROM customers JOIN customer_fields
	    ON customer_id = id AND key = 'Shoe' WHERE email IN
	    ('p19@example.com', 'p25@example.com', 'p45@example.com') ORDER BY
	    id")" "gold|+1 555 0019|19
silver|+1 666 0025|26
silver|+1 666 0045|46"
	run crm check
	status_is 0
}

@test "pg: a load's rows are checked against the foreign keys at its end" {
	local i audit fk
	# Into a small table a load drops the foreign keys its rows would
	# each check and adds them again at its end (lib/pg.c, bulk_fks),
	# which checks every row: one that names nobody ends the load.
	printf 'Full Name,Email,City\n' >"$BATS_TEST_TMPDIR/c.csv"
	for i in $(seq 1 200); do
		printf 'P %s,p%s@example.com,Town %s\n' $i $i $i
	done >>"$BATS_TEST_TMPDIR/c.csv"
	printf 'Full Name,Email\n' >"$BATS_TEST_TMPDIR/none.csv"
	crm-add --import "$BATS_TEST_TMPDIR/none.csv" >/dev/null 2>&1
	fk=$(fks)
	audit=$(pg 'SELECT count(*) FROM audit')
	# A customer taken away behind the load's back once its field is in:
	# with the key dropped nothing cascades, the field names nobody.
	pg "CREATE FUNCTION orphan() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN
		IF NEW.value = 'Town 150' THEN
			DELETE FROM customers WHERE id = NEW.customer_id;
		END IF;
		RETURN NEW;
	END\$\$" >/dev/null
	pg "CREATE TRIGGER orphan AFTER INSERT ON customer_fields FOR EACH ROW
	    EXECUTE FUNCTION orphan()" >/dev/null
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	status_is 70
	has "$stderr" "names one that is not there (a foreign key)"
	eq "$(pg 'SELECT count(*) FROM customers')" 0
	eq "$(pg 'SELECT count(*) FROM customer_fields')" 0
	eq "$(pg 'SELECT count(*) FROM audit')" "$audit"
	eq "$(fks)" "$fk"
	pg 'DROP TRIGGER orphan ON customer_fields' >/dev/null
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	status_is 0
	eq "$(pg 'SELECT count(*), min(id), max(id) FROM customers')" "200|1|200"
	eq "$(fks)" "$fk"
	run crm check
	status_is 0
}

@test "pg: a row the server refuses midway through a COPY leaves nothing of the load" {
	local i audit
	# Over 64 new rows of a statement go as COPY (lib/pg.c, copy_send):
	# a refusal of one is the whole load's.
	printf 'Full Name,Email,City\n' >"$BATS_TEST_TMPDIR/c.csv"
	for i in $(seq 1 200); do
		printf 'P %s,p%s@example.com,Town %s\n' $i $i $i
	done >>"$BATS_TEST_TMPDIR/c.csv"
	printf 'Full Name,Email\n' >"$BATS_TEST_TMPDIR/none.csv"
	crm-add --import "$BATS_TEST_TMPDIR/none.csv" >/dev/null 2>&1
	refuse customer_fields value 'Town 150'
	audit=$(pg 'SELECT count(*) FROM audit')
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	status_is 70
	has "$stderr" "refused here"
	eq "$(pg 'SELECT count(*) FROM customers')" 0
	eq "$(pg 'SELECT count(*) FROM customer_fields')" 0
	eq "$(pg 'SELECT count(*) FROM audit')" "$audit"
	pg 'DROP TRIGGER refuse ON customer_fields' >/dev/null
	run --separate-stderr crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	status_is 0
	eq "$(pg 'SELECT count(*), min(id), max(id) FROM customers')" "200|1|200"
	eq "$(pg 'SELECT count(*) FROM customer_fields')" 200
	run crm check
	status_is 0
}

@test "pg: an import killed midway (kill -9) leaves nothing of it" {
	crm-add -n Ada -e ada@example.com >/dev/null
	python3 "$BATS_TEST_DIRNAME/../bench/gen-customers.py" 20000 \
	    >"$BATS_TEST_TMPDIR/c.csv"
	crm-add --import "$BATS_TEST_TMPDIR/c.csv" >/dev/null 2>&1 &
	local pid=$! i
	# Killed a second after its transaction began (20,000 rows take
	# several), while still running.
	for i in $(seq 1 200); do
		[[ "$(pg "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")" -gt 0 ]] && break
		sleep 0.05
	done
	sleep 1
	kill -0 $pid
	kill -9 $pid
	wait $pid || true
	eq "$(pg 'SELECT count(*) FROM customers')" 1
	eq "$(pg "SELECT count(*) FROM audit WHERE action <> 'add' OR customer_id <> 1")" 0
	# the index the bulk load dropped (lib/pg.c) is there as before
	eq "$(pg "SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_org'")" 1
	eq "$(pg "SELECT count(*) FROM pg_indexes WHERE indexname = 'fts_customers_folded'")" 1
	run crm check
	status_is 0
}

# 16 writers x 500 operations: each writer imports 100 customers (100
# writes) and 370 interactions for them (370), then runs 30 programs of
# one write each: 5 crm-add, 5 crm-log on its own customers and 5 on a
# customer all share, 5 crm-remind add, 5 crm-deal add and 5 crm-deal
# move.  All 16 at once; then every row is counted.
@test "pg: 16 writers x 500 operations at once: nothing lost, nothing doubled" {
	local w k
	# Writers queue on one lock; an import holds it a while.
	export CRM_BUSY_TIMEOUT=300000
	crm-add -n Seed -e seed@example.com >/dev/null
	for w in $(seq 1 16); do
		{
			echo "name,email"
			for k in $(seq 1 100); do
				echo "W$w C$k,w$w.$k@example.com"
			done
		} >"$BATS_TEST_TMPDIR/c$w.csv"
		{
			echo "email,at,kind,amount,ref"
			for k in $(seq 1 370); do
				printf 'w%s.%s@example.com,2025-01-01T10:%02d:%02dZ,purchase,%s,W%s-%s\n' \
				    "$w" $((k % 100 + 1)) $((k / 60)) $((k % 60)) "$k" "$w" "$k"
			done
		} >"$BATS_TEST_TMPDIR/i$w.csv"
	done
	for w in $(seq 1 16); do
		(
			crm-add --import "$BATS_TEST_TMPDIR/c$w.csv" 2>/dev/null ||
			    echo "import $w: $?"
			crm-log --import "$BATS_TEST_TMPDIR/i$w.csv" 2>/dev/null ||
			    echo "log import $w: $?"
			for k in 1 2 3 4 5; do
				crm-add -n "W$w S$k" -e "w$w.s$k@example.com" \
				    >/dev/null || echo "add $w $k: $?"
				crm-log "w$w.$k@example.com" call "w$w own $k" \
				    >/dev/null || echo "log $w $k: $?"
				crm-log seed@example.com call "w$w seed $k" \
				    >/dev/null || echo "seed $w $k: $?"
				crm-remind add "w$w.$k@example.com" --in 1d "w$w r$k" \
				    >/dev/null || echo "remind $w $k: $?"
				d=$(crm-deal add "w$w.$k@example.com" "w$w d$k" \
				    --amount 100) || echo "deal $w $k: $?"
				crm-deal move "$d" won >/dev/null ||
				    echo "move $w $k: $?"
			done
		) >"$BATS_TEST_TMPDIR/w$w.out" 2>&1 &
	done
	wait
	eq "$(cat "$BATS_TEST_TMPDIR"/w*.out)" ""
	# 1 + 16 x 105 customers, numbered without a gap, each once.
	eq "$(pg 'SELECT count(*), min(id), max(id), count(DISTINCT email) FROM customers')" \
	    "1681|1|1681|1681"
	# 16 x (370 + 5 + 5) interactions, each once.
	eq "$(pg "SELECT count(*), max(id), count(DISTINCT (customer_id, at, kind, ref, summary)) FROM interactions")" \
	    "6080|6080|6080"
	eq "$(pg "SELECT count(*) FROM interactions WHERE ref LIKE 'W%'")" 5920
	eq "$(pg "SELECT n FROM cust_totals WHERE customer_id = 1")" 80
	eq "$(pg "SELECT count(*), count(DISTINCT note) FROM reminders")" "80|80"
	eq "$(pg "SELECT count(*), count(DISTINCT title), min(stage), max(stage) FROM deals")" \
	    "80|80|won|won"
	eq "$(pg "SELECT count(*) FROM deal_history WHERE stage = 'won'")" 80
	eq "$(pg "SELECT action, count(*) FROM audit WHERE action IN ('add', 'import', 'log') GROUP BY 1 ORDER BY 1")" \
	    "add|81
import|16
log|160"
	run crm check
	status_is 0
}

@test "pg: a reader of customers alone does not wait for an interactions load into a small table" {
	local i pid
	# The load drops only keys pointing at the table it holds (lib/pg.c,
	# bulk_fks): one on customers locked their readers out (75).
	crm-add -n Ada -e ada@example.com >/dev/null
	printf 'email,at,kind,amount,ref\n' >"$BATS_TEST_TMPDIR/o.csv"
	for i in $(seq 1 40); do
		printf 'ada@example.com,2025-01-01T10:00:00Z,purchase,10,R-%s\n' $i
	done >>"$BATS_TEST_TMPDIR/o.csv"
	# The load stops for 4 s at its 20th row, its locks held.
	pg "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN
		IF NEW.ref = 'R-20' THEN
			PERFORM pg_sleep(4);
		END IF;
		RETURN NEW;
	END\$\$" >/dev/null
	pg "CREATE TRIGGER slow BEFORE INSERT ON interactions FOR EACH ROW
	    EXECUTE FUNCTION slow()" >/dev/null
	crm-log --import "$BATS_TEST_TMPDIR/o.csv" >"$BATS_TEST_TMPDIR/log.out" 2>&1 &
	pid=$!
	# Until the load holds its locks: its row 20 asleep in the server.
	for i in $(seq 1 50); do
		[ "$(pg "SELECT count(*) FROM pg_stat_activity WHERE
		    wait_event = 'PgSleep'")" = 1 ] && break
		sleep 0.1
	done
	CRM_BUSY_TIMEOUT=1000 run --separate-stderr crm-segment -f name \
	    'name = Ada'
	wait "$pid"
	status_is 0
	eq "$output" "name
Ada"
	has "$(cat "$BATS_TEST_TMPDIR/log.out")" "40 logged"
	eq "$(pg 'SELECT count(*) FROM interactions')" 40
}

# The writers' lock held by another writer (an import) until
# release_writers_lock: the session asleep in the server holds it.
hold_writers_lock() {
	local i
	psql "$PG" -qAtX -c "BEGIN" -c "SELECT pg_advisory_xact_lock(1668443441)" \
	    -c "SELECT pg_sleep(60)" -c "COMMIT" >/dev/null 2>&1 &
	for i in $(seq 1 50); do
		[ "$(pg "SELECT count(*) FROM pg_locks WHERE locktype =
		    'advisory' AND granted")" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}

release_writers_lock() {
	pg "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype =
	    'advisory' AND granted" >/dev/null
	wait
}

@test "pg: crm-remind's listings read while an import holds the writers' lock; its writes wait" {
	local when
	# (the list's temporary table is written in a reader's transaction:
	# a writer's BEGIN waited for the lock, then 75; qa49 F1)
	crm-add -n Ada -e ada@example.com >/dev/null
	crm-remind add ada@example.com --due 2025-01-01T10:00:00Z "call back" \
	    >/dev/null
	crm-remind rule add 'name = Ada' --every 30d ping >/dev/null
	crm-remind owner sam sam@example.com
	when=$(pg "SELECT created FROM rules")
	hold_writers_lock
	export CRM_BUSY_TIMEOUT=500
	run --separate-stderr crm-remind -f id,name,note
	status_is 0
	eq "$output" "id	name	note
1	Ada	call back
rule:1:1	Ada	ping"
	run --separate-stderr crm-remind -o json --all -f id
	status_is 0
	eq "$output" '{"id":"1"}
{"id":"rule:1:1"}'
	run --separate-stderr crm-remind -o ics
	status_is 0
	has "$output" "BEGIN:VCALENDAR"
	run --separate-stderr crm-remind --owner nobody
	status_is 0
	eq "$output" ""
	run --separate-stderr crm-remind owner
	status_is 0
	eq "$output" "owner	address
sam	sam@example.com"
	run --separate-stderr crm-remind rule list
	status_is 0
	has "$output" "1	name = Ada	30d	ping		$when"
	run --separate-stderr crm-remind sla
	status_is 0
	eq "$output" 24h
	run --separate-stderr crm-remind add ada@example.com --in 1d later
	fails 75 "crm-remind: $PG: database is busy: another process has held it longer than the busy timeout, CRM_BUSY_TIMEOUT=500 ms; try again, or wait longer with a higher CRM_BUSY_TIMEOUT (an import holds the database until it ends)"
	release_writers_lock
	eq "$(pg 'SELECT count(*) FROM reminders')" 1
	# The listings told of Ada in the audit trail, as always.
	eq "$(pg "SELECT count(*) FROM audit WHERE action = 'export'")" 3
}
