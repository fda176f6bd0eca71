#!/usr/bin/env bats
# crm-add --import and crm-log --import with --defer-index (issues 16 and
# 19): the load commits with its rows' search index pending (fts_defer,
# fts_dirty), and crm index, the next search or the next import that does
# not defer brings it up to date.
#
# What is checked:
#   - a deferred crm-add import says what the import says without it,
#     leaves its customers marked and unindexed; a search finds them (it
#     catches up first) and leaves nothing pending; crm check says what
#     waits on stderr, and is clean
#   - a deferred crm-log import: crm-log --show --search and a filter's
#     matches find its interactions
#   - writes while the index waits (crm-add -u, a single crm-log, erase,
#     merge), crm undo of the deferred import and of a merge made while
#     the index waits, crm copy of a database whose index waits (the
#     copy's is whole, the source's still waits): after the catch-up
#     every customer's entry is the view's text, no other is there, the
#     interactions' index holds what the table does (FTS5's
#     integrity-check), and crm check is clean
#   - crm index: what it did, then that nothing waits (idempotent)
#   - a read-only database with the index waiting: the search refused
#     with 75 and a message naming crm index
#   - two deferred imports in a row; a deferred import then one that does
#     not defer: everything caught up
#   - a crm index killed (SIGKILL) at random moments leaves the marks or
#     the whole catch-up
#   - the index after a deferred import and crm index is the one an
#     import that does not defer makes, row for row; bench/search.sh's
#     searches give the same answers

load helper

GEN="$BATS_TEST_DIRNAME/../bench"

# What waits: fts_defer's rows and fts_dirty's.
pending() {
	sql "SELECT (SELECT count(*) FROM fts_defer) || ' ' ||
	    (SELECT count(*) FROM fts_dirty)"
}

# fts_same: every customer's index entry is the view's text and no other
# entry is there; on SQLite the interactions' index holds what the table
# does.
fts_same() {
	eq "$(sql "SELECT count(*) FROM customers c LEFT JOIN fts_customers f
	    ON f.rowid = c.id JOIN fts_customer_text t ON t.id = c.id
	    WHERE f.body IS NULL OR f.body <> t.body")" 0
	eq "$(sql "SELECT count(*) FROM fts_customers WHERE rowid NOT IN
	    (SELECT id FROM customers)")" 0
	if ! is_pg "$CRM_DB"; then
		sql "INSERT INTO fts_interactions (fts_interactions) VALUES
		    ('integrity-check')"
	fi
}

# The index's rows, to compare.
fts_rows() {
	sql "SELECT rowid, body FROM fts_customers ORDER BY rowid"
}

# A few interactions with words to search for, for customers 1..3 of
# gen-customers.py.
talks() {
	printf '%s\n' 'email,at,kind,summary' \
	    'user1@example.com,2026-11-01T10:00:00Z,call,zebra crossing quote' \
	    'user2@example.com,2026-11-02T10:00:00Z,note,walrus gasket leak' \
	    'user3@example.com,2026-11-03T10:00:00Z,meeting,okapi delivery'
}

@test "a deferred crm-add --import: the same summary, its customers marked; a search catches up and finds them" {
	python3 "$GEN/gen-customers.py" 50 >c.csv
	run --separate-stderr crm-add --import c.csv
	status_is 0
	local said=$stderr
	fts_rows >normal.txt
	new_db
	run --separate-stderr crm-add --import --defer-index c.csv
	status_is 0
	eq "$stderr" "$said"
	eq "$(sql 'SELECT count(*) FROM fts_customers')" 0
	eq "$(pending)" "1 $(sql 'SELECT count(*) FROM customers')"
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
	has "$stderr" "crm check: the search index waits for crm index:"
	run --separate-stderr crm-segment --search 'Customer 37' -f name
	status_is 0
	has "$output" "Customer 37"
	eq "$(pending)" "0 0"
	fts_same
	fts_rows >deferred.txt
	cmp normal.txt deferred.txt
	run --separate-stderr crm check
	status_is 0
	eq "$stderr" ""
}

@test "a deferred crm-log --import: --show --search and matches find its interactions" {
	python3 "$GEN/gen-customers.py" 5 >c.csv
	crm-add --import c.csv 2>/dev/null
	talks >t.csv
	crm-log --import --defer-index t.csv 2>/dev/null
	if is_pg "$CRM_DB"; then	# its interactions' index is the table's
		eq "$(sql 'SELECT count(*) FROM fts_defer')" 0
	else
		eq "$(sql 'SELECT count(*) FROM fts_defer')" 1
	fi
	run --separate-stderr crm-log --show user2@example.com --search walrus \
	    -f summary
	status_is 0
	has "$output" "walrus gasket leak"
	eq "$(pending)" "0 0"
	fts_same
	crm-log --import --defer-index t.csv 2>/dev/null
	run --separate-stderr crm-segment "matches 'okapi'" -f email
	status_is 0
	has "$output" "user3@example.com"
	eq "$(pending)" "0 0"
	fts_same
}

@test "writes while the index waits, then the catch-up: every entry right, crm check clean" {
	python3 "$GEN/gen-customers.py" 40 >c.csv
	crm-add --import c.csv 2>/dev/null
	python3 "$GEN/gen-customers.py" 60 >d.csv
	crm-add --import --defer-index d.csv 2>/dev/null
	talks >t.csv
	crm-log --import --defer-index t.csv 2>/dev/null
	crm-add -u user45@example.com -n 'Quetzal Renamed' -t heron 2>/dev/null
	crm-add -u user5@example.com -F note=ibis 2>/dev/null
	crm-log user50@example.com call 'tapir on the line' 2>/dev/null
	crm-add --erase user55@example.com --yes 2>/dev/null
	crm-add --merge user56@example.com user57@example.com 2>/dev/null
	eq "$(sql 'SELECT count(*) FROM fts_defer')" 1
	run --separate-stderr crm-segment --search 'Quetzal heron' -f email
	status_is 0
	eq "${#lines[@]}" 2
	has "${lines[1]}" user45@example.com
	fts_same
	run crm-segment "matches 'ibis'" -f email
	has "$output" "user5@example.com"
	run crm-log --show user50@example.com --search tapir -f summary
	has "$output" "tapir on the line"
	run --separate-stderr crm check
	status_is 0
	eq "$output$stderr" ""
}

@test "crm undo of a deferred import, and of a merge while the index waits: the index right after" {
	only_on sqlite "crm undo is SQLite's (t/710)"
	python3 "$GEN/gen-customers.py" 10 >c.csv
	crm-add --import c.csv 2>/dev/null
	python3 "$GEN/gen-customers.py" 30 >d.csv
	crm-add --import --defer-index d.csv 2>/dev/null
	crm undo 2>/dev/null
	eq "$(ncustomers)" "$(sql "SELECT count(*) FROM customers WHERE
	    external_id IN ('C-1','C-2','C-3','C-4','C-5','C-6','C-7','C-8',
	    'C-9','C-10') OR type = 'org'")"
	# the undo brought the index up to date: nothing waits for a reader
	eq "$(pending)" "0 0"
	run --separate-stderr crm check
	status_is 0
	eq "$stderr" ""
	fts_same
	# the duplicate and its interactions back
	talks >t.csv
	crm-log --import --defer-index t.csv 2>/dev/null
	crm-add --merge user1@example.com user2@example.com 2>/dev/null
	crm undo 2>/dev/null
	eq "$(pending)" "0 0"
	fts_same
	run crm-log --show user2@example.com --search walrus -f summary
	has "$output" "walrus gasket leak"
	run --separate-stderr crm check
	status_is 0
	eq "$output$stderr" ""
}

@test "crm copy of a database whose index waits: the copy's index whole" {
	python3 "$GEN/gen-customers.py" 20 >c.csv
	crm-add --import --defer-index c.csv 2>/dev/null
	talks >t.csv
	crm-log --import --defer-index t.csv 2>/dev/null
	local marks; marks=$(pending)
	crm copy "$CRM_DB" "$BATS_TEST_TMPDIR/copy.db" 2>/dev/null
	eq "$(pending)" "$marks"
	CRM_DB=$BATS_TEST_TMPDIR/copy.db
	eq "$(pending)" "0 0"
	fts_same
	eq "$(sql 'SELECT count(*) FROM fts_customers')" "$(ncustomers)"
}

@test "crm index: what it did, then nothing left" {
	crm-add -n 'Ada Lovelace' 2>/dev/null
	run --separate-stderr crm index
	status_is 0
	eq "$stderr" "crm index: the search index is up to date"
	python3 "$GEN/gen-customers.py" 3 >c.csv
	local n; n=$(ncustomers)
	crm-add --import --defer-index c.csv 2>/dev/null
	n=$(( $(ncustomers) - n ))
	talks >t.csv
	crm-log --import --defer-index t.csv 2>/dev/null
	run --separate-stderr crm index
	status_is 0
	if is_pg "$CRM_DB"; then
		eq "$stderr" "crm index: $n customers, 0 interactions indexed"
	else
		eq "$stderr" "crm index: $n customers, 3 interactions indexed"
	fi
	fts_same
	run --separate-stderr crm index
	status_is 0
	eq "$stderr" "crm index: the search index is up to date"
	run --separate-stderr crm index extra
	status_is 64
}

@test "a deferred import that leaves nothing to index leaves nothing waiting; a stale row goes with crm index" {
	python3 "$GEN/gen-customers.py" 5 >c.csv
	crm-add --import c.csv 2>/dev/null
	talks >t.csv
	crm-log --import t.csv 2>/dev/null
	# the same rows again: nothing logged, nothing marked
	run --separate-stderr crm-log --import --defer-index t.csv
	status_is 0
	eq "$(pending)" "0 0"
	run --separate-stderr crm-add --import --defer-index c.csv
	status_is 0
	eq "$(pending)" "0 0"
	run --separate-stderr crm check
	status_is 0
	eq "$stderr" ""
	# a row left by an older build: nothing behind it, not waiting
	sql "INSERT INTO fts_defer (lo) SELECT max(id) FROM interactions"
	run --separate-stderr crm check
	eq "$stderr" ""
	run --separate-stderr crm index
	status_is 0
	eq "$stderr" "crm index: the search index is up to date"
	eq "$(pending)" "0 0"
}

@test "a reader who may not write: refused (75) while customers wait, answered when nothing does" {
	only_on sqlite "a read-only file; a PostgreSQL login without the rights is refused alike (search.c may_index)"
	command -v setpriv >/dev/null || skip "no setpriv to read as another user"
	[[ $(id -u) == 0 ]] || skip "reads as user 65534 through setpriv (root)"
	python3 "$GEN/gen-customers.py" 5 >c.csv
	crm-add --import c.csv 2>/dev/null
	crm-add --import --defer-index c.csv 2>/dev/null	# nothing new
	python3 "$GEN/gen-customers.py" 8 >d.csv
	local ro; ro=$(mktemp -d /tmp/crm-ro.XXXXXX)
	chmod 1777 "$ro"	# SQLite's -wal and -shm files go beside it
	cp "$CRM_DB" "$ro/nothing.db"
	crm-add --import --defer-index d.csv 2>/dev/null	# 3 new customers
	cp "$CRM_DB" "$ro/waits.db"
	chmod 444 "$ro"/*.db
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
	    --clear-groups crm-segment -d "$ro/nothing.db" \
	    --search 'Customer 3' -f name
	status_is 0
	has "$output" "Customer 3"
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
	    --clear-groups crm-segment -d "$ro/waits.db" \
	    --search 'Customer 7' -f name
	status_is 75
	eq "$output" ""
	has "$stderr" "run crm index"
	rm -rf "$ro"
}

@test "a read-only database whose index waits: the search refused (75), naming crm index" {
	only_on sqlite "a read-only file; a PostgreSQL login without the rights is refused alike (search.c may_index)"
	if [[ $(id -u) == 0 ]]; then
		skip "root writes a read-only file"
	fi
	python3 "$GEN/gen-customers.py" 5 >c.csv
	crm-add --import --defer-index c.csv 2>/dev/null
	chmod 444 "$CRM_DB"
	run --separate-stderr crm-segment --search 'Customer 3'
	status_is 75
	eq "$output" ""
	has "$stderr" "run crm index"
	run --separate-stderr crm-segment "matches 'Customer 3'"
	status_is 75
	has "$stderr" "run crm index"
	chmod 644 "$CRM_DB"
	run --separate-stderr crm-segment --search 'Customer 3' -f name
	status_is 0
	has "$output" "Customer 3"
}

@test "two deferred imports in a row, then one that does not defer: all caught up" {
	python3 "$GEN/gen-customers.py" 20 >c.csv
	python3 "$GEN/gen-customers.py" 35 >d.csv
	python3 "$GEN/gen-customers.py" 45 >e.csv
	crm-add --import c.csv 2>/dev/null
	crm-add --import d.csv 2>/dev/null
	crm-add --import e.csv 2>/dev/null
	fts_rows >normal.txt
	new_db
	crm-add --import --defer-index c.csv 2>/dev/null
	crm-add --import --defer-index d.csv 2>/dev/null
	eq "$(sql 'SELECT count(*) FROM fts_defer')" 1
	crm-add --import e.csv 2>/dev/null
	eq "$(pending)" "0 0"
	fts_same
	fts_rows >after.txt
	cmp normal.txt after.txt
	new_db
	crm-add --import --defer-index c.csv 2>/dev/null
	crm-add --import --defer-index d.csv 2>/dev/null
	crm-add --import --defer-index e.csv 2>/dev/null
	crm index 2>/dev/null
	fts_same
	fts_rows >indexed.txt
	cmp normal.txt indexed.txt
}

@test "a deferred load whose new ids are marked already (a mark above the table's largest id): all marked once, then caught up" {
	python3 "$GEN/gen-customers.py" 20 >c.csv
	python3 "$GEN/gen-customers.py" 35 >d.csv
	crm-add --import c.csv 2>/dev/null
	crm-add --import d.csv 2>/dev/null
	fts_rows >normal.txt
	new_db
	crm-add --import --defer-index c.csv 2>/dev/null
	local top
	top=$(sql 'SELECT max(id) FROM customers')
	# PostgreSQL's load marks those above the largest mark without
	# ON CONFLICT (pg.c defer_marks): one of its ids marked already.
	sql "INSERT INTO fts_dirty (id) VALUES ($((top + 3)))"
	run --separate-stderr crm-add --import --defer-index d.csv
	status_is 0
	eq "$(pending)" "1 $(sql 'SELECT count(*) FROM customers')"
	crm index 2>/dev/null
	eq "$(pending)" "0 0"
	fts_same
	fts_rows >indexed.txt
	cmp normal.txt indexed.txt
}

@test "a crm index killed at random moments leaves the marks or the whole catch-up" {
	only_on sqlite "the file copied and killed mid-catch-up"
	python3 "$GEN/gen-customers.py" 3000 >c.csv
	crm-add --import --defer-index c.csv 2>/dev/null
	local marks t0 ms k pid d kills=0
	marks=$(pending)
	cp "$CRM_DB" base.db
	t0=$(date +%s%N)
	CRM_DB=base.db crm index 2>/dev/null
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	for k in 1 2 3 4 5 6; do
		cp "$CRM_DB" k.db
		rm -f k.db-wal k.db-shm
		CRM_DB=k.db crm index 2>/dev/null &
		pid=$!
		d=$(( (RANDOM * 32768 + RANDOM) % (ms > 0 ? ms : 1) ))
		sleep "$((d / 1000)).$(printf %03d $((d % 1000)))"
		kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
		wait "$pid" || true
		eq "$(sqlite3 k.db 'PRAGMA integrity_check')" ok
		case $(CRM_DB=k.db pending) in
		"$marks") eq "$(sqlite3 k.db 'SELECT count(*) FROM fts_customers')" 0 ;;
		"0 0") CRM_DB=k.db fts_same ;;
		*) echo "kill $k left $(CRM_DB=k.db pending)" >&2; return 1 ;;
		esac
	done
	echo "kills during crm index: $kills of 6" >&3
}

# bench/search.sh's searches, their answers one after another.
searches() {
	crm-segment --search valve
	crm-segment --search 'deliv*'
	crm-segment --search 阀门
	crm-segment --search 密封 --limit 0
	crm-segment --search '"late delivery"'
	crm-segment --search user123@
	crm-segment --search user123@example.com
	crm-segment --search gearbox
	crm-segment "tier = gold and matches 'broken valve' and owner = alice"
	crm-log --show user77@example.com --search valve
}

@test "bench/search.sh's searches: the same answers after deferred loads and crm index as after loads that index" {
	python3 "$GEN/gen-customers.py" 300 >c.csv
	python3 "$GEN/gen-search.py" 900 300 >s.csv
	crm-add --import c.csv 2>/dev/null
	crm-log --import s.csv 2>/dev/null
	searches >normal.txt 2>&1
	fts_rows >normal-rows.txt
	new_db
	crm-add --import --defer-index c.csv 2>/dev/null
	crm-log --import --defer-index s.csv 2>/dev/null
	crm index 2>/dev/null
	searches >deferred.txt 2>&1
	fts_rows >deferred-rows.txt
	[[ -s normal.txt ]]
	diff normal.txt deferred.txt
	cmp normal-rows.txt deferred-rows.txt
	fts_same
}

@test "--defer-index goes with --import" {
	run --separate-stderr crm-add -n Ada --defer-index
	fails_usage 64 "crm-add: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --source, --rejects, --defer-index and --dry-run go with --import"
	run --separate-stderr crm-log --defer-index ada@example.com call
	fails_usage 64 "crm-log: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --add-customers, --rejects, --defer-index and --dry-run go with --import"
}
