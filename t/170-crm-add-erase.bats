#!/usr/bin/env bats
# t/170-crm-add-erase.bats - crm-add --erase: a customer erased on request
# (GDPR Art. 17, PIPL Art. 47).
#
# Test plan:
#   - --erase KEY --yes: the customer and every row about them go (ids,
#     fields, tags, interactions with scores and fields, reminders, deals
#     with history and fields), another customer's rows stay; the summary
#     counts them; the references stay sound
#   - the audit trail: their rows keep at, actor and action and lose the
#     detail and the customer id; another row quoting their e-mail (an
#     export's filter) loses it and keeps the rest; one 'erase' row with
#     their former id and counts only; no value of theirs left anywhere
#     in the table; a new customer is not given their id (schema 17:
#     never given again) and inherits none of it; a short value (under four bytes)
#     goes only where it is a whole word; a filter that typed a value
#     in another case (email = WIL.FAIR@..., name ~ FAIRWEATHER, a search
#     for JÜRGEN) loses it too, and grep -i on the files finds none
#   - the access report (crm-report customer --all) lists the audit rows
#     the erase scrubs: hers, and the exports that named her (a filter, a
#     search), and another customer's row that quoted her, without its
#     detail; not a whole listing nor another's search
#   - a key on the erased list is said erased, with the day, by every
#     program that names a customer
#   - on a terminal (a pseudo-terminal) without --yes: asks, naming them;
#     n erases nothing (1), y erases
#   - the bytes: the database file, its -wal and -shm hold none of their
#     e-mail, phone or name after the erase, while another program keeps
#     the database open (so the WAL stays); the other customer's values
#     are still there (the search finds what is there)
#   - a reader holding a snapshot stops the checkpoint: erased all the
#     same, a warning and 75; the values go with the last connection
#   - a stream: crm-segment's TSV and JSON, a bare list of keys, a key
#     named twice is erased once
#   - refusals, nothing erased: an unknown key (65, naming the line of a
#     stream), no --yes off a terminal (64), --erase with other options
#     or --yes alone (64), no database (66)
#   - an organisation erased: its people stay, unlinked, with their rows
#   - --unerase of a system's id without --source: the system named when
#     another customer has an id of it, else "try --source NAME"

load helper

# raw COUNTS: how many times each value occurs in the bytes of the
# database's files (the file, -wal and -shm), space-separated.
raw() {
	python3 - "$CRM_DB" "$@" <<'EOF'
import os, sys
db, values = sys.argv[1], sys.argv[2:]
data = b''
for suffix in ('', '-wal', '-shm'):
    if os.path.exists(db + suffix):
        with open(db + suffix, 'rb') as f:
            data += f.read() + b'\0'
print(' '.join(str(data.count(v.encode())) for v in values))
EOF
}

# no_vacuum TEXT: TEXT without the line crm-add --erase adds on
# PostgreSQL (the VACUUM FULL the owner runs; its own test below).
no_vacuum() {
	grep -v '^crm-add: PostgreSQL keeps the erased values' <<<"$1" || true
}

# Ann (1) with every kind of row; Bob (2) with a few of his own.
people() {
	crm-add -n 'Ann Lee' -e ann@example.com -p '+44 20 7946 0001' -x A-1 \
	    -t vip -F city=Leeds >/dev/null
	crm-add -n 'Bob Roe' -e bob@example.com -p '+44 20 7946 0002' -t vip \
	    -F city=York >/dev/null
	printf 'Email,Customer ID\nann@example.com,S-77\n' >shop.csv
	crm-add --import --source shop shop.csv 2>/dev/null
	crm-log ann@example.com feedback --score quality=4 'Ann liked it' \
	    >/dev/null
	printf 'email,kind,at,summary,Ticket Channel\nann@example.com,call,2026-11-01,renewal,phone desk\n' \
	    >calls.csv
	crm-log --import calls.csv 2>/dev/null
	crm-remind add ann@example.com --in 3d 'call Ann back' >/dev/null
	crm-deal add ann@example.com 'Ann renewal' --amount 500 >/dev/null
	crm-deal move 1 proposal >/dev/null
	crm-log bob@example.com call 'Bob asked' >/dev/null
	crm-remind add bob@example.com --in 2d 'call Bob back' >/dev/null
}

# Rows of each table that are Ann's (customer 1), in one line.
anns() {
	sql "SELECT (SELECT count(*) FROM customers WHERE id = 1) || ' ' ||
	    (SELECT count(*) FROM identities WHERE customer_id = 1) || ' ' ||
	    (SELECT count(*) FROM customer_fields WHERE customer_id = 1) || ' ' ||
	    (SELECT count(*) FROM tags WHERE customer_id = 1) || ' ' ||
	    (SELECT count(*) FROM interactions WHERE customer_id = 1) || ' ' ||
	    (SELECT count(*) FROM scores) || ' ' ||
	    (SELECT count(*) FROM interaction_fields) || ' ' ||
	    (SELECT count(*) FROM reminders WHERE customer_id = 1) || ' ' ||
	    (SELECT count(*) FROM deals WHERE customer_id = 1) || ' ' ||
	    (SELECT count(*) FROM deal_history)"
}

@test "--erase KEY --yes: the customer and every row about them go, another's stay" {
	people
	# customers, ids, fields, tags, interactions (2), scores, the
	# import's extra column, reminders, deals, history (created, moved).
	eq "$(anns)" '1 1 1 1 2 1 1 1 1 2'
	run --separate-stderr crm-add --erase ann@example.com --yes
	status_is 0
	eq "$output" ""
	# Her audit rows: add, log, remind, deal add, deal move (the
	# imports' rows name no customer, nor hold her values).
	eq "$(no_vacuum "$stderr")" '1 customer erased (2 interactions, 1 reminder, 1 deal; 5 audit rows scrubbed)'
	eq "$(anns)" '0 0 0 0 0 0 0 0 0 0'
	eq "$(sql "SELECT name, email FROM customers; SELECT key, value FROM customer_fields; SELECT tag FROM tags")" \
	    $'Bob Roe|bob@example.com\ncity|York\nvip'
	eq "$(sql "SELECT summary FROM interactions; SELECT note FROM reminders")" \
	    $'Bob asked\ncall Bob back'
	# (a server keeps foreign keys itself)
	[[ $CRM_TEST_ENGINE != sqlite ]] || eq "$(sql 'PRAGMA foreign_key_check')" ""
}

@test "--erase: the audit trail keeps when, who and what, and none of their values" {
	people
	crm-segment "email = 'ann@example.com'" >/dev/null
	before=$(sql "SELECT id, at, actor, action FROM audit WHERE customer_id = 1 ORDER BY id")
	ids=$(sql "SELECT group_concat(id) FROM audit WHERE customer_id = 1")
	# Ann's own rows (an import's row names no customer).
	eq "$(sql "SELECT group_concat(action, ',') FROM audit WHERE customer_id = 1")" \
	    'add,log,remind,deal add,deal move'
	run --separate-stderr crm-add --erase 1 --yes
	status_is 0
	eq "$(no_vacuum "$stderr")" '1 customer erased (2 interactions, 1 reminder, 1 deal; 6 audit rows scrubbed)'
	# They keep when, who and what; no detail, and no customer: the
	# next customer added may be given her id 1 again.
	eq "$(sql "SELECT id, at, actor, action FROM audit WHERE id IN ($ids) ORDER BY id")" \
	    "$before"
	eq "$(sql "SELECT count(*) FROM audit WHERE id IN ($ids) AND (detail IS NOT NULL OR customer_id IS NOT NULL)")" 0
	eq "$(sql "SELECT count(*) FROM audit WHERE customer_id = 1")" 0
	# The export's filter quoted her e-mail: it goes, the rest stays.
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export'")" \
	    "{\"what\":\"crm-segment -f id,name,company,email,phone,tier,owner: email = '[erased]'\",\"rows\":1}"
	# Her 5 rows lost their detail (the erase row counts them), the
	# export row lost her e-mail (the summary counts 6).
	eq "$(sql "SELECT actor, quote(customer_id), detail FROM audit WHERE action = 'erase'")" \
	    'tester|NULL|{"customer":1,"ids":1,"fields":1,"tags":1,"interactions":2,"reminders":1,"deals":1,"contacts":0,"audit":5}'
	for v in ann@example.com 'Ann Lee' '7946 0001' A-1 S-77 Leeds; do
		eq "$(sql "SELECT count(*) FROM audit WHERE instr(detail, '$v') > 0")" 0
	done
	# Bob's rows are as they were.
	eq "$(sql "SELECT detail FROM audit WHERE customer_id = 2 AND action = 'add'")" \
	    '{"name":"Bob Roe","email":"bob@example.com","phone":"+44 20 7946 0002","field:city":"York","tag:vip":"added"}'
}

@test "--erase and the access report (crm-report customer --all) agree on her audit rows: her own, and the listings and searches that named her" {
	people
	crm-segment "email = 'ann@example.com'" >/dev/null
	crm-segment 'name ~ Ann' >/dev/null
	crm-segment --search 'Ann Lee' >/dev/null
	crm-segment --search Roe >/dev/null	# Bob's
	crm-segment >/dev/null			# everyone: names nobody
	# Bob's row that named her: listed without Bob's detail.
	crm-add -u bob@example.com -F referrer='Ann Lee' >/dev/null
	crm-add -u bob@example.com -F referrer=web >/dev/null
	bobs=$(sql "SELECT min(id) FROM audit WHERE customer_id = 2 AND detail LIKE '%Ann Lee%'")
	run --separate-stderr crm-report customer ann@example.com --all
	status_is 0
	listed=$(python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(",".join(str(a["id"]) for a in d["audit"]))
print([(a["action"], a["customer_id"], a["detail"]) for a in d["audit"] if a["id"] == '"$bobs"'])
for a in d["audit"]:
    if a["action"] == "export":
        print(a["detail"])
' <<<"$output")
	eq "$(sed -n 2p <<<"$listed")" "[('update', None, None)]"
	# The three exports that named her, not Bob's search nor the whole listing.
	eq "$(tail -n +3 <<<"$listed")" \
	    "{\"what\":\"crm-segment -f id,name,company,email,phone,tier,owner: email = 'ann@example.com'\",\"rows\":1}
{\"what\":\"crm-segment -f id,name,company,email,phone,tier,owner: name ~ Ann\",\"rows\":1}
{\"what\":\"crm-segment -f id,name,company,email,phone,tier,owner --search Ann Lee\",\"rows\":1}"
	# The erase scrubs exactly those, and the report's own row.
	own=$(sql "SELECT max(id) FROM audit")
	before=$(sql "SELECT id, customer_id, detail FROM audit ORDER BY id")
	crm-add --erase 1 --yes 2>/dev/null
	after=$(sql "SELECT id, customer_id, detail FROM audit WHERE id <= $own ORDER BY id")
	changed=$(diff <(echo "$before") <(echo "$after") | sed -n 's/^< \([0-9]*\)|.*/\1/p' | paste -sd,)
	eq "$changed" "$(head -1 <<<"$listed"),$own"
}

@test "--erase keeps a value another customer's extra field, other id or owner holds (theirs too)" {
	crm-add -n Bob -e bob@example.com -F region=north >/dev/null
	crm-add -n 'Cy Poe' -e cy@example.com -F region=north --owner bob >/dev/null
	printf 'Email,Customer ID\ncy@example.com,S-5\n' >shop.csv
	crm-add --import --source shop shop.csv 2>/dev/null
	crm-add -u bob@example.com -F ref=S-5 >/dev/null
	crm-add --erase bob@example.com --yes 2>/dev/null
	eq "$(sql "SELECT detail FROM audit WHERE customer_id = 2 AND action = 'add'")" \
	    '{"name":"Cy Poe","email":"cy@example.com","owner":"bob","field:region":"north"}'
}

@test "--erase: the next customer is not given the erased one's id and inherits none of their trail" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Bob Roe' -e bob@example.com >/dev/null
	crm-log bob@example.com call 'Bob asked' >/dev/null
	crm-add --erase bob@example.com --yes 2>/dev/null
	# Bob's id, the highest, is not given again (schema 17): Cy is 3.
	eq "$(crm-add -n 'Cy Poe' -e cy@example.com)" 3
	run --separate-stderr crm-report customer 2 --all
	status_is 65
	run --separate-stderr crm-report customer 3 --all
	status_is 0
	python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert [a["action"] for a in d["audit"]] == ["add"], d["audit"]
assert d["audit"][0]["detail"] == "{\"name\":\"Cy Poe\",\"email\":\"cy@example.com\"}", d
' <<<"$output"
	# Erasing Cy leaves Bob's erase row as it was.
	crm-add --erase 3 --yes 2>/dev/null
	eq "$(sql "SELECT detail FROM audit WHERE action = 'erase' ORDER BY id")" \
	    '{"customer":2,"ids":0,"fields":0,"tags":0,"interactions":1,"reminders":0,"deals":0,"contacts":0,"audit":2}
{"customer":3,"ids":0,"fields":0,"tags":0,"interactions":0,"reminders":0,"deals":0,"contacts":0,"audit":2}'
}

@test "--erase on a terminal asks, and erases only on yes" {
	people
	# A terminal of its own (a pseudo-terminal), answered n, then y.
	run --separate-stderr python3 -c '
import os, pty, sys
def ask(answer):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("crm-add", ["crm-add", "--erase", "ann@example.com"])
    out = b""
    while b"[y/N] " not in out:
        out += os.read(fd, 1024)
    os.write(fd, answer + b"\n")
    while True:
        try:
            d = os.read(fd, 1024)
        except OSError:
            break
        if not d:
            break
        out += d
    st = os.waitpid(pid, 0)[1]
    print(os.waitstatus_to_exitcode(st), out.decode().replace("\r\n", "|"))
    sys.stdout.flush()
ask(b"n")
os.system("crm-segment --count")
ask(b"y")
'
	status_is 0
	eq "${lines[0]}" "1 erase 1 customer (Ann Lee <ann@example.com>)? [y/N] n|crm-add: nothing erased|"
	eq "${lines[1]}" 2
	eq "${lines[2]%%crm-add: PostgreSQL keeps*}" "0 erase 1 customer (Ann Lee <ann@example.com>)? [y/N] y|1 customer erased (2 interactions, 1 reminder, 1 deal; 5 audit rows scrubbed)|"
	eq "$(sql 'SELECT name FROM customers')" 'Bob Roe'
}

@test "--erase: none of their bytes in the file, its WAL or -shm; the other's still there" {
	only_on sqlite "the file's bytes, its WAL and a reader's snapshot are SQLite's (secure_delete, checkpoint); the server's VACUUM is the server's"
	people
	# Another program has the database open (idle): the WAL stays
	# when crm-add ends, so what is in it is what the erase left.
	python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM customers").fetchall()
open(sys.argv[2], "w").close()
time.sleep(60)
' "$CRM_DB" ready 3>&- &
	pid=$!
	while [[ ! -e ready ]]; do sleep 0.1; done
	eq "$(raw ann@example.com '+44 20 7946 0001' 'Ann Lee' | tr ' ' '\n' | grep -c '^0$')" 0
	run --separate-stderr crm-add --erase ann@example.com --yes
	status_is 0
	[[ -e "$CRM_DB-wal" ]]
	eq "$(raw ann@example.com '+44 20 7946 0001' 'Ann Lee' 'Ann renewal' 'call Ann back' Leeds S-77)" \
	    '0 0 0 0 0 0 0'
	eq "$(raw bob@example.com '+44 20 7946 0002' 'Bob Roe' | tr ' ' '\n' | grep -c '^0$')" 0
	kill "$pid"
}

@test "--erase: a reader holding a snapshot keeps the WAL: erased, a warning, 75" {
	only_on sqlite "the file's bytes, its WAL and a reader's snapshot are SQLite's (secure_delete, checkpoint); the server's VACUUM is the server's"
	people
	python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT count(*) FROM customers").fetchall()
open(sys.argv[2], "w").close()
time.sleep(60)
' "$CRM_DB" ready 3>&- &
	pid=$!
	while [[ ! -e ready ]]; do sleep 0.1; done
	CRM_BUSY_TIMEOUT=100 run --separate-stderr crm-add --erase ann@example.com --yes
	kill "$pid"
	wait "$pid" || true
	status_is 75
	eq "${stderr_lines[1]}" "crm-add: $CRM_DB: another process is reading the database: the erased values stay on the disk, in the database's files, until the last program using it ends"
	eq "$(sql "SELECT count(*) FROM customers WHERE email = 'ann@example.com'")" 0
	# The last connection to close (sqlite3's here) empties the WAL.
	eq "$(raw ann@example.com 'Ann Lee')" '0 0'
}

@test "--erase - --yes: crm-segment's stream, TSV and JSON, erases each" {
	people
	crm-add -n 'Cy Poe' -e cy@example.com >/dev/null
	crm-add -n 'Di Ray' -e di@example.com >/dev/null
	run --separate-stderr bash -c "crm-segment \"email in ('ann@example.com', 'cy@example.com')\" | crm-add --erase - --yes"
	status_is 0
	# Ann's 5 rows, Cy's add, and crm-segment's export row (written
	# before it ends, so before crm-add reads the end of the stream),
	# which quotes both: once.
	eq "$(no_vacuum "$stderr")" '2 customers erased (2 interactions, 1 reminder, 1 deal; 7 audit rows scrubbed)'
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Bob Roe\nDi Ray'
	# Di's e-mail: her row, the e-mail's unique index, her audit row,
	# and the search index's copy of her record's text (schema 6).
	[[ $CRM_TEST_ENGINE != sqlite ]] ||	# the file's bytes: SQLite's
	    eq "$(raw ann@example.com cy@example.com 'Cy Poe' 'Ann Lee' di@example.com)" '0 0 0 0 4'
	crm-segment -o json "name = 'Di Ray'" | crm-add --erase - --yes 2>/dev/null
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" 'Bob Roe'
}

@test "--erase - --yes: a bare list of keys, one a line; a customer named twice once" {
	people
	crm-add -n 'Cy Poe' -e cy@example.com >/dev/null
	run --separate-stderr crm-add --erase - --yes <<<$'ann@example.com\n\n3\nA-1'
	status_is 0
	eq "$(no_vacuum "$stderr")" '2 customers erased (2 interactions, 1 reminder, 1 deal; 6 audit rows scrubbed)'
	eq "$(sql 'SELECT name FROM customers')" 'Bob Roe'
}

@test "--erase: the counts have a thousands separator, as every count people read" {
	local i
	# (qa49 F3: "1200 customers erased" beside an import's "1,200 added")
	for i in $(seq 1 1200); do
		echo "P $i,p$i@example.com"
	done | { echo name,email; cat; } >many.csv
	run --separate-stderr crm-add --import many.csv
	eq "$stderr" "1,200 added, 0 updated, 0 unchanged, 0 rejected"
	for i in $(seq 1 1200); do
		echo "p$i@example.com,2025-01-01,note"
	done | { echo email,at,kind; cat; } >notes.csv
	crm-log --import notes.csv 2>/dev/null
	run --separate-stderr bash -c "crm-segment -f email | crm-add --erase - --yes"
	status_is 0
	eq "$(no_vacuum "$stderr")" "1,200 customers erased (1,200 interactions, 0 reminders, 0 deals; 0 audit rows scrubbed)"
	eq "$(sql 'SELECT count(*) FROM customers')" 0
}

@test "--erase: an unknown key erases nothing (65, the line of a stream)" {
	people
	before=$(dump)
	run --separate-stderr crm-add --erase nobody@example.com --yes
	fails 65 "crm-add: no customer 'nobody@example.com'"
	run --separate-stderr crm-add --erase - --yes <<<$'ann@example.com\nbob@example.com\nnobody'
	fails 65 "crm-add: stdin:3: no customer 'nobody'"
	run --separate-stderr crm-add --erase - --yes <<<$'id\tname\n1\tAnn\n99\tX'
	fails 65 "crm-add: stdin:3: id: no customer '99'"
	run --separate-stderr crm-add --erase - --yes </dev/null
	status_is 0
	eq "$stderr" "0 customers erased (0 interactions, 0 reminders, 0 deals; 0 audit rows scrubbed)"
	# a segment that matched nobody
	run --separate-stderr bash -c "crm-segment 'email = \"nobody@example.com\"' | crm-add --erase - --yes"
	status_is 0
	eq "$stderr" "0 customers erased (0 interactions, 0 reminders, 0 deals; 0 audit rows scrubbed)"
	eq "$(dump)" "$before"
}

@test "--erase: refused without --yes off a terminal, with other options, and --yes alone (64)" {
	people
	before=$(dump)
	run --separate-stderr crm-add --erase ann@example.com </dev/null
	fails_usage 64 'crm-add: --erase asks on a terminal before it erases: not on one, give --yes'
	run --separate-stderr crm-add --erase ann@example.com --yes -n Ann
	fails_usage 64 'crm-add: --erase takes a key (or - for a stream) and --yes, and nothing else'
	run --separate-stderr crm-add --erase ann@example.com --yes extra
	fails_usage 64 'crm-add: --erase takes a key (or - for a stream) and --yes, and nothing else'
	run --separate-stderr crm-add --erase ann@example.com --yes -u bob@example.com
	fails_usage 64 'crm-add: --update, --merge, --reassign, --import, --erase and --unerase do not go together'
	run --separate-stderr crm-add -n Cy --yes
	fails_usage 64 'crm-add: --yes goes with --erase'
	eq "$(dump)" "$before"
	new_db
	run --separate-stderr crm-add --erase ann@example.com --yes
	fails 66 "crm-add: $CRM_DB: no database yet (crm-add creates it)"
	no_db
}

@test "--erase ORG: its people stay, unlinked, with their own rows" {
	crm-add --org -n 'Globex Ltd' --domain globex.com -x G-1 >/dev/null
	crm-add -n Ann -e ann@globex.com --contact-of globex --role buyer >/dev/null
	crm-add -n Raj -e raj@globex.com --contact-of globex >/dev/null
	crm-deal add globex 'Globex deal' --amount 900 >/dev/null
	crm-deal won 1 >/dev/null
	crm-log ann@globex.com purchase --amount 10 --deal 1 >/dev/null
	run --separate-stderr crm-add --erase org:globex --yes
	status_is 0
	# Its audit rows: add, deal add, deal won.  Its name is its
	# people's company, so their rows keep it, and their e-mails the
	# domain.
	eq "${stderr_lines[0]}" '1 customer erased (0 interactions, 0 reminders, 1 deal; 3 audit rows scrubbed)'
	eq "${stderr_lines[1]}" '2 contacts kept, no longer linked to an organisation'
	# The people and Ann's purchase stay; the purchase loses its deal.
	eq "$(sql "SELECT id, name, quote(org_id), role FROM customers ORDER BY id")" \
	    $'2|Ann|NULL|buyer\n3|Raj|NULL|'
	eq "$(sql "SELECT customer_id, amount, quote(deal_id) FROM interactions")" '2|1000|NULL'
	eq "$(sql "SELECT count(*) FROM deals")" 0
	eq "$(sql "SELECT detail FROM audit WHERE customer_id = 2 AND action = 'add'")" \
	    '{"name":"Ann","company":"Globex Ltd","email":"ann@globex.com","role":"buyer","org":"1"}'
	eq "$(sql "SELECT company FROM customers WHERE id = 2")" 'Globex Ltd'
	[[ $CRM_TEST_ENGINE != sqlite ]] ||	# the file's bytes: SQLite's
	    eq "$(raw G-1)" 0
}

@test "--erase: one of a kind is said in the singular" {
	crm-add -n Mo -e mo@example.com >/dev/null
	crm-log mo@example.com call >/dev/null
	crm-add -n Flo -e flo@example.com >/dev/null
	run --separate-stderr crm-add --erase mo@example.com --yes
	status_is 0
	# One interaction; two audit rows, the add's and the log's.
	eq "$(no_vacuum "$stderr")" '1 customer erased (1 interaction, 0 reminders, 0 deals; 2 audit rows scrubbed)'
	run --separate-stderr crm-add --erase flo@example.com --yes
	status_is 0
	# The add's audit row alone.
	eq "$(no_vacuum "$stderr")" '1 customer erased (0 interactions, 0 reminders, 0 deals; 1 audit row scrubbed)'
}

@test "--erase: a short value goes from other audit rows as a whole word only" {
	crm-add -n Li -e li@example.com >/dev/null
	crm-add -n List -e list@example.com >/dev/null
	crm-segment 'name = Li or name = List' >/dev/null
	run --separate-stderr crm-add --erase li@example.com --yes
	status_is 0
	# Li's add row, and the export row: "Li" (two bytes) goes where it
	# is a word, "List" stays; li@example.com goes anywhere.
	eq "$(no_vacuum "$stderr")" '1 customer erased (0 interactions, 0 reminders, 0 deals; 2 audit rows scrubbed)'
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export'")" \
	    '{"what":"crm-segment -f id,name,company,email,phone,tier,owner: name = [erased] or name = List","rows":2}'
	eq "$(sql "SELECT detail FROM audit WHERE customer_id = 2")" \
	    '{"name":"List","email":"list@example.com"}'
}

@test "--erase scrubs whole values only: erasing Anna leaves Annabel's rows alone" {
	crm-add -n Anna -e anna@x.example -p 555-1234 >/dev/null
	crm-add -n 'Annabel Smith' -e hanna@x.example -p 555-12345 >/dev/null
	crm-segment "name = 'Annabel Smith'" >/dev/null
	crm-segment "name = 'Anna'" >/dev/null
	run --separate-stderr crm-add --erase anna@x.example --yes
	status_is 0
	eq "$(sql "SELECT detail FROM audit WHERE id = 2")" '{"name":"Annabel Smith","email":"hanna@x.example","phone":"555-12345"}'
	has "$(sql "SELECT detail FROM audit WHERE id = 3")" "name = 'Annabel Smith'"
	has "$(sql "SELECT detail FROM audit WHERE id = 4")" "name = '[erased]'"
}

@test "--erase takes their former values too: an e-mail changed since, a duplicate merged into them" {
	only_on sqlite "former values come from crm undo's shadow tables, SQLite's own: on PostgreSQL an e-mail changed before the erase stays quoted in other audit rows (doc/scale.md)"
	crm-add -n Yuri -e yuri.old@x.example >/dev/null
	crm-segment 'email = yuri.old@x.example' >/dev/null
	crm-add -u yuri.old@x.example -e yuri.new@x.example >/dev/null
	crm-add -n 'Yuri D.' -e yuri.dup@x.example -p '+1 555 999 8888' -F nick=yuridupnick >/dev/null
	crm-add --merge yuri.new@x.example yuri.dup@x.example >/dev/null
	# The duplicate's id (2) is the highest, and not given again (schema
	# 16): Olga is 3.
	crm-add -n Olga -e olga@x.example -F nick=olganick >/dev/null
	eq "$(sql "SELECT id FROM customers WHERE name = 'Olga'")" 3
	run --separate-stderr crm-add --erase yuri.new@x.example --yes
	status_is 0
	# The number in any writing; not a bare 8888, which the dump's random
	# hex (the erased hashes, the key, the search index's blobs) can hold.
	eq "$(dump | grep -c -i -e yuri -e '999[^0-9]\{0,2\}8888')" 0
	# Olga's record, field and audit rows stay.
	eq "$(sql "SELECT name, value FROM customers JOIN customer_fields ON customer_id = id")" 'Olga|olganick'
	has "$(sql "SELECT detail FROM audit WHERE customer_id = 3")" olganick
}

@test "--erase: her values go from filters that typed them in another case (e-mail in Unicode too)" {
	crm-add -n 'Wilhelmina Fairweather' -e wil.fair@example.com -p '+1 555 0142' >/dev/null
	crm-add -n 'Jürgen Maß' -e jürgen@example.de >/dev/null
	crm-add -n 'Bob Roe' -e bob@example.com >/dev/null
	crm-segment 'email = WIL.FAIR@EXAMPLE.COM' >/dev/null
	crm-segment 'name ~ FAIRWEATHER or name ~ Roe' >/dev/null
	crm-segment -o vcard 'name = "wilhelmina fairweather"' >/dev/null
	crm-segment 'email = JüRGEN@EXAMPLE.DE' >/dev/null
	crm-segment --search JÜRGEN >/dev/null
	# The filters found them as typed (the scrub must find them so too).
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'export' AND detail LIKE '%\"rows\":1}'")" 4
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'export' AND detail LIKE '%\"rows\":2}'")" 1
	run --separate-stderr crm-add --erase wil.fair@example.com --yes
	status_is 0
	eq "$(no_vacuum "$stderr")" '1 customer erased (0 interactions, 0 reminders, 0 deals; 4 audit rows scrubbed)'
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export' ORDER BY id")" \
	    '{"what":"crm-segment -f id,name,company,email,phone,tier,owner: email = [erased]","rows":1}
{"what":"crm-segment -f id,name,company,email,phone,tier,owner: name ~ [erased] or name ~ Roe","rows":2}
{"what":"crm-segment -f all: name = \"[erased]\"","rows":1}
{"what":"crm-segment -f id,name,company,email,phone,tier,owner: email = JüRGEN@EXAMPLE.DE","rows":1}
{"what":"crm-segment -f id,name,company,email,phone,tier,owner --search JÜRGEN","rows":1}'
	# A letter beyond ASCII in another case: folded as e-mails are.
	run --separate-stderr crm-add --erase jürgen@example.de --yes
	status_is 0
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export' ORDER BY id DESC LIMIT 2")" \
	    '{"what":"crm-segment -f id,name,company,email,phone,tier,owner --search [erased]","rows":1}
{"what":"crm-segment -f id,name,company,email,phone,tier,owner: email = [erased]","rows":1}'
	eq "$(sql "SELECT count(*) FROM audit WHERE lower(detail) LIKE '%fairweather%' OR lower(detail) LIKE '%wil.fair%' OR detail LIKE '%RGEN%'")" 0
	[[ $CRM_TEST_ENGINE == sqlite ]] || return 0
	# Nor in the file's or its WAL's bytes, in any case.
	eq "$(cat "$CRM_DB"* | grep -a -i -c -e fairweather -e wil.fair -e 'rgen@example' -e 'JÜRGEN')" 0
	(( $(cat "$CRM_DB"* | grep -a -c 'Bob Roe') > 0 ))
}

@test "--erase: the next import of the same file does not bring her back (the erased list, hashes only)" {
	printf 'email,name,at,kind,amount,ref\neva@example.fr,Eva Durand,2024-10-27,purchase,30.00,2001\neva@example.fr,Eva Durand,2024-10-27,purchase,40.00,2001-2\nsam@example.com,Sam Hill,2024-11-03,purchase,10.00,2002\n' >orders.csv
	crm-log --import --add-customers orders.csv 2>/dev/null
	run --separate-stderr crm-add --erase eva@example.fr --yes
	status_is 0
	# Kept as a keyed hash: one row, 64 hex digits, not the address.
	eq "$(sql "SELECT count(*) FROM erased WHERE length(hash) = 64")" 1
	eq "$(sql "SELECT count(*) FROM erased WHERE hash LIKE '%eva%'")" 0
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'erased_key' AND length(value) = 64")" 1
	# The nightly import: her rows skipped and counted, Sam's as before.
	run --separate-stderr crm-log --import --add-customers orders.csv
	status_is 0
	eq "$stderr" 'crm-log: orders.csv: 2 rows skipped: a customer erased on request (eva@example.fr)
0 logged, 1 already there, 0 customers added, 0 rejected'
	# Without --add-customers too: skipped, not refused.
	run --separate-stderr crm-log --import orders.csv
	status_is 0
	has "$stderr" '2 rows skipped: a customer erased on request'
	eq "$(sql "SELECT count(*) FROM customers WHERE lower(email) LIKE 'eva%' OR name LIKE 'Eva%'")" 0
	eq "$(sql "SELECT count(*) FROM interactions")" 1
	[[ $CRM_TEST_ENGINE == sqlite ]] || return 0
	eq "$(cat "$CRM_DB"* | grep -a -i -c -e 'eva@example' -e durand)" 0
	run crm check
	status_is 0
}

# The erased list holds e-mails and ids: a customer known only by name
# and phone leaves nothing on it, and the next import adds her again.
# crm-add(1) said so; now the command does too (exit 0).
@test "--erase of a customer with no e-mail and no id: a warning that an import brings her back, exit 0" {
	crm-add -n 'Eva Lund' -p '+47 555 01 00' >/dev/null
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bo -p '+47 555 01 01' >/dev/null
	run --separate-stderr crm-add --erase 1 --yes
	status_is 0
	eq "$(no_vacuum "$stderr")" "1 customer erased (0 interactions, 0 reminders, 0 deals; 1 audit row scrubbed)
crm-add: 1 customer erased had no e-mail and no id to put on the erased list: an import that holds them adds them again"
	eq "$(sql "SELECT count(*) FROM erased")" 0
	# one with an e-mail is on the list: no warning
	run --separate-stderr crm-add --erase ann@example.com --yes
	status_is 0
	eq "$(no_vacuum "$stderr")" "1 customer erased (0 interactions, 0 reminders, 0 deals; 1 audit row scrubbed)"
	# what the warning says: the import adds her again
	printf 'name,phone\nEva Lund,+47 555 01 00\n' >e.csv
	run --separate-stderr crm-add --import e.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	crm-add -n Cy -p '+47 555 01 02' >/dev/null
	printf '3\n5\n' | crm-add --erase - --yes 2>err
	eq "$(no_vacuum "$(cat err)" | tail -1)" "crm-add: 2 customers erased had no e-mail and no id to put on the erased list: an import that holds them adds them again"
}

@test "--erase: crm-add and crm-add --import do not add her again (any case, another id system too), --unerase lifts it" {
	crm-add -n 'Eva Durand' -e eva@example.fr -x E-9 >/dev/null
	printf 'Email,Customer ID\neva@example.fr,S-77\n' >shop.csv
	crm-add --import --source shop shop.csv 2>/dev/null
	crm-add --erase eva@example.fr --yes 2>/dev/null
	eq "$(sql "SELECT count(*) FROM erased")" 3
	run --separate-stderr crm-add -n Eva -e EVA@Example.FR
	fails 65 "crm-add: 'eva@example.fr' was erased on request: to add it again, first crm-add --unerase eva@example.fr"
	run --separate-stderr crm-add -n Eva -x E-9
	status_is 65
	# Nor given to another customer by an update.
	crm-add -n Tom -e tom@example.com >/dev/null
	run --separate-stderr crm-add -u tom@example.com -e eva@example.fr
	fails 65 "crm-add: 'eva@example.fr' was erased on request: to add it again, first crm-add --unerase eva@example.fr"
	run --separate-stderr crm-add -u tom@example.com -x E-9
	status_is 65
	eq "$(sql "SELECT email, coalesce(external_id, '-') FROM customers WHERE name = 'Tom'")" "tom@example.com|-"
	printf 'Name,Email\nEva D,Eva@Example.fr\nZed,zed@example.com\n' >c.csv
	run --separate-stderr crm-add --import c.csv
	status_is 0
	eq "$stderr" '1 added, 0 updated, 0 unchanged, 0 rejected
1 row skipped: a customer erased on request (eva@example.fr; crm-add --unerase KEY lets one back)'
	# by the shop's id alone
	printf 'Customer ID,Name\nS-77,Eva\n' >ids.csv
	run --separate-stderr crm-add --import --source shop ids.csv
	status_is 0
	has "$stderr" '1 row skipped: a customer erased on request (S-77;'
	eq "$(sql "SELECT group_concat(name) FROM (SELECT name FROM customers ORDER BY id) c")" Tom,Zed
	# Lifted: the address may be added again; not on the list: 1.
	run --separate-stderr crm-add --unerase eva@example.fr
	status_is 0
	eq "$stderr" "'eva@example.fr' taken off the erased list: it may be added again"
	eq "$(sql "SELECT count(*) FROM erased")" 2
	# Which key, as the list's keyed hash, never the address (qa44 6).
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'unerase' AND detail LIKE '{\"hashes\":[\"%\"]}' AND length(detail) = 79")" 1
	eq "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%eva@%'")" 0
	run --separate-stderr crm-add --unerase eva@example.fr
	fails 1 "crm-add: 'eva@example.fr' is not on the erased list"
	run --separate-stderr crm-add --unerase S-77 --source shop
	status_is 0
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'unerase' AND detail LIKE '{\"hashes\":[\"%\"],\"source\":\"shop\"}' AND detail NOT LIKE '%S-77%'")" 1
	run --separate-stderr crm-add --import c.csv
	status_is 0
	eq "$stderr" '1 added, 0 updated, 1 unchanged, 0 rejected'
	eq "$(sql "SELECT email FROM customers ORDER BY id")" $'tom@example.com\nzed@example.com\neva@example.fr'
	run --separate-stderr crm-add --unerase x@example.com -n X
	status_is 64
}

@test "--erase: a row with an erased second e-mail or id is its own key's customer, or new, the erased key left out and said" {
	printf 'Name,Email,Other email\nAnn Lee,ann@example.com,family@example.com\n' >a1.csv
	crm-add --import a1.csv 2>/dev/null
	crm-add -n 'Tom Lee' -e tom@example.com -p '+1 555 0202' -x T-1 >/dev/null
	crm-add --erase ann@example.com --yes 2>/dev/null
	printf 'Name,Email,Other email,Phone,City\nTom Lee,tom@example.com,family@example.com,+1 555 0299,Austin\nNew Guy,new@example.com,family@example.com,,Paris\nAnn Lee,ann@example.com,family@example.com,,Rome\n' >t2.csv
	run --separate-stderr crm-add --import t2.csv
	status_is 0
	eq "$stderr" 'crm-add: t2.csv:2: Other email: family@example.com is erased on request: left out
crm-add: t2.csv:3: Other email: family@example.com is erased on request: left out
crm-add: t2.csv: 1 phone replaced by the file'\''s: the old number kept in '\''other phones'\''
1 added, 1 updated, 0 unchanged, 0 rejected
1 row skipped: a customer erased on request (ann@example.com; crm-add --unerase KEY lets one back)'
	eq "$(sql "SELECT group_concat(id || ' ' || name || ' ' || email || ' ' || coalesce(phone, '-'), ',') FROM (SELECT * FROM customers ORDER BY id) AS c")" \
	    '2 Tom Lee tom@example.com +1 555 0299,3 New Guy new@example.com -'
	eq "$(sql "SELECT group_concat(customer_id || ' ' || value, ',') FROM (SELECT * FROM customer_fields ORDER BY customer_id, key) AS f")" '2 Austin,2 +1 555 0202,3 Paris'
	eq "$(sql "SELECT count(*) FROM identities WHERE value LIKE 'family%'")" 0
	# crm-log: a row named by the erased address and by Tom's id is Tom's
	printf 'email,customer id,date,kind,amount\nfamily@example.com,T-1,2024-01-06,purchase,6\nann@example.com,,2024-01-07,purchase,7\n' >l.csv
	run --separate-stderr crm-log --import --add-customers l.csv
	status_is 0
	eq "$stderr" 'crm-log: l.csv:2: email: family@example.com is erased on request: left out
crm-log: l.csv: 1 row skipped: a customer erased on request (ann@example.com)
1 logged, 0 already there, 0 customers added, 0 rejected'
	eq "$(sql "SELECT customer_id || ' ' || amount FROM interactions")" '2 600'
}

@test "--erase: a key on the erased list is said erased, with the day, wherever a customer is named (65), not 'no customer'" {
	crm-add -n 'Eva Durand' -e eva@example.fr -x E-9 >/dev/null
	printf 'Email,Customer ID\neva@example.fr,S-77\nbob@example.com,S-1\n' >shop.csv
	crm-add --import --source shop shop.csv 2>/dev/null
	crm-add --erase eva@example.fr --yes 2>/dev/null
	for k in eva@example.fr EVA@Example.FR email:eva@example.fr E-9 ext:E-9 S-77; do
		run --separate-stderr crm-report customer "$k" --all
		fails 65 "crm-report: '$k' was erased on request (2026-11-23)"
	done
	run --separate-stderr crm-report customer E-9
	fails 65 "crm-report: 'E-9' was erased on request (2026-11-23)"
	run --separate-stderr crm-log --show E-9
	fails 65 "crm-log: 'E-9' was erased on request (2026-11-23)"
	run --separate-stderr crm-log eva@example.fr call 'she rang'
	fails 65 "crm-log: 'eva@example.fr' was erased on request (2026-11-23)"
	run --separate-stderr crm-deal add E-9 'Eva renewal'
	fails 65 "crm-deal: 'E-9' was erased on request (2026-11-23)"
	run --separate-stderr crm-remind add E-9 --in 1d 'call Eva'
	fails 65 "crm-remind: 'E-9' was erased on request (2026-11-23)"
	run --separate-stderr crm-add -u E-9 -n Eva
	fails 65 "crm-add: 'E-9' was erased on request (2026-11-23)"
	run --separate-stderr crm-add --erase - --yes <<<$'bob@example.com\nE-9'
	fails 65 "crm-add: stdin:2: 'E-9' was erased on request (2026-11-23)"
	eq "$(sql "SELECT count(*) FROM customers WHERE email = 'bob@example.com'")" 1
	# never known, or a key the list cannot hold: no customer
	run --separate-stderr crm-report customer nobody@example.com --all
	fails 65 "crm-report: no customer 'nobody@example.com'"
	run --separate-stderr crm-report customer id:1
	fails 65 "crm-report: no customer 'id:1'"
	# lifted: no customer again
	crm-add --unerase E-9 >/dev/null 2>&1
	run --separate-stderr crm-report customer E-9
	fails 65 "crm-report: no customer 'E-9'"
}

@test "--erase: a stream with a header column says a key erased on request so, as one key does, not 'no customer'" {
	crm-add -n 'Eva Durand' -e eva@example.fr -x E-9 >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	crm-add --erase eva@example.fr --yes 2>/dev/null
	run --separate-stderr crm-log - call 'she rang' <<<$'email\nbob@example.com\nEVA@Example.fr'
	fails 65 "crm-log: stdin:3: email: 'EVA@Example.fr' was erased on request (2026-11-23)"
	run --separate-stderr crm-log - call 'she rang' <<<$'customer\nE-9'
	fails 65 "crm-log: stdin:2: customer: 'E-9' was erased on request (2026-11-23)"
	run --separate-stderr crm-add --erase - --yes <<<$'Email\nbob@example.com\neva@example.fr'
	fails 65 "crm-add: stdin:3: Email: 'eva@example.fr' was erased on request (2026-11-23)"
	eq "$(sql "SELECT count(*) FROM customers WHERE email = 'bob@example.com'")" 1
	# never known: no customer
	run --separate-stderr crm-log - call x <<<$'email\nnobody@example.com'
	fails 65 "crm-log: stdin:2: email: no customer 'nobody@example.com'"
}

@test "--unerase of a system's id without --source says which system, or that ids are erased per source" {
	printf 'Email,Customer ID,Name\neva@example.fr,S-77,Eva\nbob@example.com,S-1,Bob\n' >shop.csv
	crm-add --import --source shop shop.csv 2>/dev/null
	crm-add --erase eva@example.fr --yes 2>/dev/null
	before=$(sql "SELECT count(*) FROM erased")
	run --separate-stderr crm-add --unerase S-77
	fails 1 "crm-add: 'S-77' is not on the erased list (an id of shop is: --source shop)"
	eq "$(sql "SELECT count(*) FROM erased")" "$before"
	# no customer left with a shop id: the list's hashes cannot tell
	crm-add --erase bob@example.com --yes 2>/dev/null
	run --separate-stderr crm-add --unerase S-1
	fails 1 "crm-add: 'S-1' is not on the erased list (ids are erased per source: try --source NAME)"
	run --separate-stderr crm-add --unerase nobody@example.com
	fails 1 "crm-add: 'nobody@example.com' is not on the erased list"
	run --separate-stderr crm-add --unerase S-1 --source shop
	status_is 0
}

@test "--erase: a row whose own e-mail is erased and whose other keys crm never knew is still hers: skipped by crm-add, crm-log and crm-deal --import, not a new customer" {
	crm-add -n 'Ann Lee' -e ann@example.com >/dev/null
	crm-add -n 'Tom Lee' -e tom@example.com >/dev/null
	crm-add --erase ann@example.com --yes 2>/dev/null
	printf 'Name,Email,Other email,Customer ID\nAnn Lee,ann@example.com,ann.home@example.org,SH-77\n' >c.csv
	run --separate-stderr crm-add --import c.csv
	status_is 0
	eq "$stderr" '0 added, 0 updated, 0 unchanged, 0 rejected
1 row skipped: a customer erased on request (ann@example.com; crm-add --unerase KEY lets one back)'
	printf 'email,Customer ID,date,kind,amount\nann@example.com,SH-77,2024-01-05,purchase,5\n' >l.csv
	run --separate-stderr crm-log --import --add-customers l.csv
	status_is 0
	eq "$stderr" 'crm-log: l.csv: 1 row skipped: a customer erased on request (ann@example.com)
0 logged, 0 already there, 0 customers added, 0 rejected'
	printf 'Deal Name,Email,Contact,Stage,Amount\nBig,ann@example.com,Ann Lee,lead,100\n' >d.csv
	run --separate-stderr crm-deal --import --add-customers d.csv
	status_is 0
	eq "${stderr_lines[1]}" '1 row skipped: a customer erased on request (crm-add --unerase KEY lets one back)'
	eq "$(sql 'SELECT count(*) FROM deals')" 0
	eq "$(sql "SELECT group_concat(name, ',') FROM customers")" 'Tom Lee'
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
}

@test "--erase: a crm-log row with her erased id and an address crm never saw is still hers: skipped, not a new customer (either column order, a Stripe payment too)" {
	crm-add -n Ann -e ann@example.com -x SH-77 >/dev/null
	crm-add --erase ann@example.com --yes 2>/dev/null
	printf 'Customer ID,email,date,kind,amount\nSH-77,ann.new@example.com,2024-01-05,purchase,5\n' >z1.csv
	printf 'email,Customer ID,date,kind,amount\nann.new@example.com,SH-77,2024-01-05,purchase,5\n' >z2.csv
	for f in z1.csv z2.csv; do
		run --separate-stderr crm-log --import --add-customers $f
		status_is 0
		eq "$stderr" "crm-log: $f: 1 row skipped: a customer erased on request (SH-77)
0 logged, 0 already there, 0 customers added, 0 rejected"
	done
	# Her Stripe id (read with --source stripe, or as her external_id)
	# beside her new address in a payments export.
	printf 'Customer ID,Name,Email\ncus_X1,Bea Lee,bea@example.com\n' >sc.csv
	crm-add --import --source stripe sc.csv 2>/dev/null
	crm-add -n Cy -e cy@example.com -x cus_Y2 >/dev/null
	crm-add --erase bea@example.com --yes 2>/dev/null
	crm-add --erase cy@example.com --yes 2>/dev/null
	printf 'id,Created date (UTC),Amount,Status,Customer ID,Customer Description,Customer Email\nch_9,2024-03-01 10:00:00,50.00,Paid,cus_X1,Bea Lee,bea@newmail.example\nch_8,2024-03-02 10:00:00,20.00,Paid,cus_Y2,Cy,cy@newmail.example\n' >sp.csv
	run --separate-stderr crm-log --import --add-customers sp.csv
	status_is 0
	eq "$stderr" "crm-log: sp.csv: 2 rows skipped: a customer erased on request (cus_X1, cus_Y2)
0 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" 0
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
}

# qa44 3: -u -e replaced the e-mail and kept nothing, so an erase left
# the old address off the erased list and the next import brought her
# back.  The replaced address is kept as another of hers, as an import
# keeps a second e-mail: found by it, and listed when she is erased.
@test "-u KEY -e NEW keeps the old address as another of hers: found by it, erased with her, the import skips it" {
	crm-add -n 'Ann Lee' -e ann.lee@northwind.example >/dev/null
	crm-add -u ann.lee@northwind.example -e annie.lee@gmail.example >/dev/null
	eq "$(sql "SELECT email FROM customers")" annie.lee@gmail.example
	eq "$(sql "SELECT kind || ' ' || value FROM identities WHERE customer_id = 1")" 'email ann.lee@northwind.example'
	run --separate-stderr crm-report customer ann.lee@northwind.example
	status_is 0
	has "$output" 'Ann Lee'
	# Made her own again: the other address is the new one's.
	crm-add -u 1 -e ann.lee@northwind.example >/dev/null
	eq "$(sql "SELECT email FROM customers")" ann.lee@northwind.example
	eq "$(sql "SELECT value FROM identities WHERE customer_id = 1")" annie.lee@gmail.example
	run --separate-stderr crm-add --erase ann.lee@northwind.example --yes
	status_is 0
	eq "$(sql "SELECT count(*) FROM erased")" 2
	printf 'Email,First Name,Last Name\nannie.lee@gmail.example,Ann,Lee\nann.lee@northwind.example,Ann,Lee\n' >shop.csv
	run --separate-stderr crm-add --import shop.csv
	status_is 0
	has "$stderr" '2 rows skipped: a customer erased on request'
	eq "$(sql "SELECT count(*) FROM customers")" 0
}

# qa44 1: on PostgreSQL a deleted row's bytes stay in the table's file
# after a plain VACUUM, and in the WAL.  crm-add says so, once, and what
# the owner runs; on SQLite it overwrites them itself and says nothing.
@test "--erase on PostgreSQL says once what stays on the server's disk and the VACUUM FULL that rewrites the tables; SQLite nothing" {
	people
	run --separate-stderr crm-add --erase ann@example.com --yes
	status_is 0
	if [[ $CRM_TEST_ENGINE == pg ]]; then
		eq "$(grep -c 'VACUUM' <<<"$stderr")" 1
		has "$stderr" 'crm-add: PostgreSQL keeps the erased values in the files of the tables until VACUUM FULL rewrites them, and in its write-ahead log and base backups until they are recycled: as the database'"'"'s owner, run VACUUM FULL customers, customer_fields, tags, identities, interactions, interaction_fields, scores, cust_totals, cust_periods, cust_orders, cust_never, reminders, deals, deal_history, deal_fields, fts_deals, fts_customers, audit'
		# What it names is what the owner can run.
		run psql "$CRM_DB" -qAtX -c "$(sed -n 's/.*run \(VACUUM FULL [a-z_, ]*\).*/\1/p' <<<"$stderr")"
		eq "$status $output" '0 '
		# None of hers when the rest erase only Bob's record.
		crm-add -n Cy -e cy@example.com >/dev/null
		run --separate-stderr crm-add --erase cy@example.com --yes
		has "$stderr" 'run VACUUM FULL customers, fts_customers, audit'
	else
		eq "$(grep -c -i 'vacuum' <<<"$stderr")" 0
	fi
}
