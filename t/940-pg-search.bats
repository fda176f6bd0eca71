#!/usr/bin/env bats
# Test plan: search on PostgreSQL (pg_trgm: share/crm/pg/schema.sql,
# lib/search.c, doc/scale.md), each command run on SQLite (FTS5) and on
# PostgreSQL with t/pg.bash's both: the same bytes out, the same status.
# The cases are t/250-search.bats's:
#   - a word, a prefix, a phrase, any case, diacritics count; two Chinese
#     characters, three Japanese; the ideographic and no-break spaces
#   - the snippet: the same line cut from the same text, short and long
#     terms bracketed, "..." where it was cut
#   - every source (record, organisation, fields, tags, e-mail, phone,
#     customer number, other e-mails, interactions, deals), in the same
#     tiers and the same order inside each; --orgs --search
#   - the best 20, --limit, the note on stderr
#   - one or two characters alone, at a text's very end too
#   - matches in filters (and, or, not; --count; a deal filter's is the
#     deal's text), crm-log --show --search
#   - the words are text: SQL, FTS5's operators and ILIKE's (% _ \) are
#     searched for as they are; nothing to search for: 64
#   - the index follows crm-add -u, untagging, a deal's update, a merge,
#     an erase (never found again), imports (deferred, then caught up)
#   - letters with case beyond ASCII (Müller, Привет) in any case
#   - a rep's search finds only their customers (row-level security)
#   - the index is used: EXPLAIN of a search's conditions shows the
#     trigram indexes; the kept lower case is Unicode's
#   - a database of version 8 gets the indexes when it is opened

load helper
load pg

# These tests compare the engines themselves, whichever the suite runs
# on: $CRM_DB from crm_setup is SQLite's file, $PG the server's.
CRM_TEST_ENGINE=sqlite

setup_file() {
	pg_server_start
}

teardown_file() {
	pg_server_stop
}

setup() {
	crm_setup
	pg_database s	# a database of this test's own, on the server
	LITE="$BATS_TEST_TMPDIR/crm.db"
}

teardown() {
	pg_drop_database
}

# on_both CMD...: CMD on each database, its output dropped (writes to
# set a case up; both checks what they print where it matters).
on_both() {
	CRM_DB=$LITE "$@" >/dev/null 2>&1
	CRM_DB=$PG "$@" >/dev/null 2>&1
}

# found WORDS EXPECTED [ARGS...]: crm-segment --search WORDS -f name
# ARGS prints the same on both engines, and the names it finds, in
# order, comma-separated, are EXPECTED.
found() {
	local w=$1 want=$2
	shift 2
	both crm-segment --search "$w" -f name "$@"
	eq "$(echo "$output" | tail -n +2 | cut -f1 | paste -sd, -)" "$want"
}

# matching EXPR EXPECTED: a filter's names, alike on both, are EXPECTED.
matching() {
	both crm-segment -f name "$1"
	eq "$(echo "$output" | tail -n +2 | paste -sd, -)" "$2"
}

seed() {
	on_both crm-add --org -n 'Nordhavn Marine'                       # 1
	on_both crm-add -n 'Ann Lee' -e ann@example.com \
	    -p '+44 20 7946 0001' -c 'Lee Hydraulics' \
	    --contact-of 'Nordhavn Marine' -T gold -t wholesale \
	    -F 'WeChat=wx_annlee'                                       # 2
	on_both crm-add -n '张伟' -c '上海阀门厂' -e zw@example.cn -T silver # 3
	on_both crm-add -n 'Tanaka' -e tanaka@example.jp                # 4
	on_both crm-add -n 'Bob Roe' -e bob@example.com -T gold         # 5
	on_both crm-add -n 'Zoë Café' -e zoe@example.fr                 # 6
	on_both crm-log tanaka@example.jp note 'バルブの納期について'
	on_both crm-log bob@example.com complaint \
	    'late delivery of the valve spring'
	on_both crm-log --resolve 2 'sent a replacement by courier'
	on_both crm-deal add bob@example.com Gearbox retrofit --amount 5000
	on_both crm-deal move 1 qualified --note 'bilge pump tender'
}

@test "pg search: a word, a prefix, a phrase; any case; diacritics count" {
	seed
	found valve 'Bob Roe'
	found VALVE 'Bob Roe'
	found 'retro*' 'Bob Roe'
	found ydrau 'Ann Lee'
	found '"valve spring"' 'Bob Roe'
	found '"spring valve"' ''
	found 'late courier' 'Bob Roe'
	found 'late gearbox' ''
	found café 'Zoë Café'
	found CAFÉ 'Zoë Café'
	found cafe ''
}

@test "pg search: Chinese by two characters, Japanese by three, the snippets" {
	seed
	found 阀门 '张伟'
	found 上海 '张伟'
	found バルブ Tanaka
	found 納期 Tanaka
	found '阀 海' '张伟'
	found '上海　阀门' '张伟'
	found $'上海\u00a0阀门' '张伟'
	found '上海　门阀' ''
	found 门阀 ''
	both crm-segment --search 阀门 -f id
	eq "$(echo "$output" | tail -n +2)" "$(printf '3\t张伟 上海[阀门]厂 zw@example.cn\t1')"
	both crm-segment --search バルブの -f id
	eq "$(echo "$output" | tail -n +2 | cut -f2)" '[バルブの]納期について'
}

@test "pg search: snippets cut alike, long and short terms bracketed" {
	seed
	on_both crm-log bob@example.com note \
	    'asked when the delivery schedule of the valve spring order is due'
	on_both crm-log ann@example.com note "$(printf 'word%d ' $(seq 1 30))the \
sprocket valve $(printf 'more%d ' $(seq 1 30))"
	for w in Roe '"delivery schedule of the valve spring"' '上海 阀门' \
	    'example 上海' sprocket \
	    '"the sprocket valve more1 more2 more3 more4 more5 more6 more7 more8"' \
	    'word29 more7' 'Lee 44'; do
		both crm-segment --search "$w" -f id
		[ "$(echo "$output" | wc -l)" -gt 1 ]
	done
	both crm-segment --search sprocket -f id
	eq "$(echo "$output" | sed -n 2p | cut -f2)" '...word29 word30 the [sprocket] valve more1 more2 more3 more4 more5 more6 more7...'
}

@test "pg search: every source, the organisation's too, in the same tiers" {
	seed
	found 'Ann Lee' 'Ann Lee'
	found 'Lee Hydraulics' 'Ann Lee'
	found Nordhavn 'Ann Lee'
	found Nordhavn 'Nordhavn Marine' --orgs
	found ann@example 'Ann Lee'
	found '7946 0001' 'Ann Lee'
	found wx_annlee 'Ann Lee'
	found wholesale 'Ann Lee'
	found delivery 'Bob Roe'
	found courier 'Bob Roe'
	found Gearbox 'Bob Roe'
	found 'bilge pump' 'Bob Roe'
	# the tiers: own record, organisation, deal, interaction; in each
	# the latest first, members of one organisation by their ids
	on_both crm-add -n 'Kai Spring' -e kai@example.com              # 7
	on_both crm-log ann@example.com note 'spring catalogue sent'
	on_both crm-add -n 'Cy Poe' -e cy@example.com -c Other \
	    --contact-of 'Nordhavn Marine'                              # 8
	on_both crm-add -n 'Al Bee' -e al@example.com -c Else \
	    --contact-of 'Nordhavn Marine'                              # 9
	on_both crm-add -u ann@example.com -t springtime
	found spring 'Kai Spring,Ann Lee,Bob Roe'
	found Nordhavn 'Ann Lee,Cy Poe,Al Bee'
	both crm-segment --search spring -f id
	eq "$(echo "$output" | tail -n +2 | cut -f1,3 | tr '\t\n' ': ')" \
	    '7:1 2:2 5:3 '
	on_both crm-log bob@example.com call 'spring sizes'
	on_both crm-deal add cy@example.com 'Spring overhaul'
	found spring 'Kai Spring,Ann Lee,Cy Poe,Bob Roe'
	found spring 'Kai Spring,Ann Lee' --limit 2
	found spring 'Kai Spring,Cy Poe' 'tier is empty'
}

@test "pg search: the best 20 unless --limit says; the note when more match" {
	seed
	for i in $(seq 1 25); do
		printf 'P%d,p%d@example.com\n' "$i" "$i"
	done | { echo 'name,email'; cat; } >people.csv
	on_both crm-add --import people.csv
	for i in $(seq 1 25); do
		echo "p$i@example.com,note,pump check"
	done | { echo 'email,kind,summary'; cat; } >notes.csv
	on_both crm-log --import notes.csv
	found pump 'Bob Roe,P25,P24,P23,P22,P21,P20,P19,P18,P17,P16,P15,P14,P13,P12,P11,P10,P9,P8,P7'
	eq "$stderr" 'crm-segment: the best 20 shown; more match (--limit N for more, 0 for all)'
	both crm-segment --search pump -f name --limit 0
	eq "$(echo "$output" | tail -n +2 | wc -l)" 26
	eq "$stderr" ''
	both crm-segment --search pump -f name --limit 3
	eq "$stderr" 'crm-segment: the best 3 shown; more match (--limit N for more, 0 for all)'
	both crm-segment --search pump -f name --limit 26
	eq "$stderr" ''
	both crm-segment --search pump --limit x
	[ "$status" -eq 64 ]
	# one customer's many rows fill PostgreSQL's first look (the newest
	# 8 x (limit + 1) rows): the rest is found after them, in order
	on_both crm-log ann@example.com note 'gizmo order'
	for i in $(seq 1 30); do
		echo "bob@example.com,note,gizmo check $i"
	done | { echo 'email,kind,summary'; cat; } >gizmo.csv
	on_both crm-log --import gizmo.csv
	found gizmo 'Bob Roe' --limit 1
	eq "$stderr" 'crm-segment: the best 1 shown; more match (--limit N for more, 0 for all)'
	found gizmo 'Bob Roe,Ann Lee' --limit 2
	eq "$stderr" ''
	found gizmo 'Bob Roe,Ann Lee' --limit 0
	found 'gizmo check' 'Bob Roe' --limit 1
	eq "$stderr" ''
}

@test "pg search: one or two characters alone, at a text's very end too" {
	seed
	on_both crm-log tanaka@example.jp note '更换阀门'
	on_both crm-log ann@example.com complaint '漏水'
	on_both crm-log --resolve 4 '已换阀门'
	on_both crm-log ann@example.com note 'Offer Plan Q'
	on_both crm-deal add tanaka@example.jp 'Pump Ж'
	matching 'matches 阀门' 'Ann Lee,张伟,Tanaka'
	found 阀门 '张伟,Ann Lee,Tanaka' --limit 0
	found 阀门 '张伟,Ann Lee'  --limit 2
	matching 'matches 换' 'Ann Lee,Tanaka'
	matching "matches '更换 阀门'" Tanaka
	matching "matches '漏水 阀门'" 'Ann Lee'
	matching "matches '漏水 更换'" ''
	matching "matches 'RO'" 'Bob Roe'
	matching "matches 'qj'" ''
	matching 'matches Q' 'Ann Lee'
	matching 'matches ж' Tanaka
	found Q 'Ann Lee' --limit 0
	found Q 'Ann Lee'
	found ro 'Bob Roe'
	both crm-log --show tanaka@example.jp --search 阀门 -f summary
	eq "$(echo "$output" | tail -n +2)" '更换阀门'
	both crm-log --show ann@example.com --search Q -f summary
	eq "$(echo "$output" | tail -n +2)" 'Offer Plan Q'
}

@test "pg search: matches in filters; --search with a filter; deals" {
	seed
	on_both crm-add -n 'Cy Poe' -e cy@example.com -T silver          # 7
	on_both crm-log cy@example.com complaint 'late delivery again'
	matching "tier = gold and matches 'late delivery'" 'Bob Roe'
	matching "matches 'late delivery' and not tier = gold" 'Cy Poe'
	matching "matches 阀门 or matches wx_annlee" 'Ann Lee,张伟'
	found 'late delivery' 'Cy Poe' 'tier = silver'
	both crm-segment --count "matches delivery"
	eq "$output" 2
	on_both crm-deal add bob@example.com 'Unrelated gasket order'
	for w in retrofit bilge gasket; do
		both crm-deal list -f title "matches $w"
	done
	eq "$(echo "$output" | tail -n +2)" 'Unrelated gasket order'
}

@test "pg search: the words are text: SQL, FTS5's and ILIKE's signs" {
	seed
	on_both crm-add -n 'Odd' -e odd@example.com \
	    -F 'note=use NEAR(a b) AND "x" OR (y); DROP TABLE x'
	on_both crm-add -n 'Pct' -e pct@example.com -F 'deal=100% off a_c \d'
	on_both crm-add -n 'Num' -e num@example.com -F 'deal=1000 off abc d'
	for w in 'NEAR(a b)' 'AND' '"x" OR' '(y);' 'DROP TABLE' \
	    "x'); DROP TABLE customers; --" 'a OR b' '^col:*' '-' '*' \
	    'NEAR(a b) AND' 'OR zzz'; do
		both crm-segment --search "$w" -f name
	done
	found '100%' Pct
	found '%' Pct
	found '0% off' Pct
	found 'a_c' Pct
	found '_' 'Pct,Ann Lee'
	found '\d' Pct
	found '\' Pct
	found '%%' ''
	matching "matches '%'" Pct
	both crm-segment --search ' "" * '
	eq "$status" 64
	both crm-segment "matches ''"
	eq "$status" 64
	eq "$(psql "$PG" -qAtX -c 'SELECT count(*) FROM customers')" 9
}

@test "pg search: crm-log --show --search narrows the timeline" {
	seed
	on_both crm-log bob@example.com call 'asked about the spring order'
	on_both crm-log bob@example.com call 'price list'
	both crm-log --show bob@example.com --search spring -f id
	eq "$(echo "$output" | tail -n +2 | paste -sd, -)" '3,2'
	both crm-log --show bob@example.com --search courier -f id
	both crm-log --show bob@example.com --search 納期 -f id
	both crm-log --show tanaka@example.jp --search 納期 -f id
	eq "$(echo "$output" | tail -n +2)" 1
	both crm-log --show tanaka@example.jp --search 'ばるぶ' -f id
	both crm-log --show bob@example.com --search 'SPRING ORDER' -f id
	eq "$(echo "$output" | tail -n +2)" 3
}

@test "pg search: the index follows an update, a merge, an erase" {
	seed
	on_both crm-add -u ann@example.com -c 'Lee Pumps' -t dockside \
	    -F 'WeChat=wx_leeann'
	found Hydraulics ''
	found 'Lee Pumps' 'Ann Lee'
	found wx_annlee ''
	found wx_leeann 'Ann Lee'
	found dockside 'Ann Lee'
	on_both crm-add -u ann@example.com --untag wholesale
	found wholesale ''
	on_both crm-deal update 1 --title 'Winch overhaul'
	found Gearbox ''
	found Winch 'Bob Roe'
	found 'bilge pump' 'Bob Roe'
	# a customer number, changed
	on_both crm-add -n 'Kim' -e kim@example.com -x C-1003
	found C-1003 Kim
	on_both crm-add -u kim@example.com -x C-2004
	found C-1003 ''
	found C-2004 Kim
	# a merge: the duplicate's words are Bob's, its e-mail too
	on_both crm-add -n 'Robert Roe' -e robert@example.com -t fleet
	on_both crm-log robert@example.com note 'hawser enquiry'
	on_both crm-add --merge bob@example.com robert@example.com
	found hawser 'Bob Roe'
	found fleet 'Bob Roe'
	found '"Robert Roe"' ''
	found robert@example 'Bob Roe'
	# an erase: never found again, nothing of them in the index
	on_both crm-log tanaka@example.jp note 'zebrafish quarantine'
	on_both crm-add --erase tanaka@example.jp --yes
	found zebrafish ''
	found バルブ ''
	found Tanaka ''
	eq "$(psql "$PG" -qAtX -c "SELECT count(*) FROM fts_customers WHERE
	    rowid = 4 OR body ILIKE '%tanaka%'")" 0
	# the kept texts are what the views make of the rows
	eq "$(psql "$PG" -qAtX -c "SELECT count(*) FROM (SELECT rowid, body
	    COLLATE \"C\" FROM fts_customers EXCEPT ALL SELECT id, body FROM
	    fts_customer_text) x; SELECT count(*) FROM (SELECT id, body FROM
	    fts_customer_text EXCEPT ALL SELECT rowid, body COLLATE \"C\" FROM
	    fts_customers) x; SELECT count(*) FROM (SELECT rowid, body
	    COLLATE \"C\" FROM fts_deals EXCEPT SELECT id, body FROM
	    fts_deal_text) x")" \
	    $'0\n0\n0'
}

@test "pg search: imports are indexed at their end, old text gone" {
	printf 'name,email,company,tags\nAnn Lee,ann@example.com,Keel Works,rigging\nBo,bo@example.com,Keel Yards,\n' >c.csv
	on_both crm-add --import c.csv
	on_both crm-add --import c.csv
	found Keel 'Bo,Ann Lee'
	printf 'name,email,company,tags\nAnn Lee,ann@example.com,Slipway Ltd,\n' >c2.csv
	on_both crm-add --import c2.csv
	found Keel Bo
	found Slipway 'Ann Lee'
	found rigging 'Ann Lee'
	printf 'customer,kind,summary\nann@example.com,note,mooring lines\ncy@example.com,note,capstan\n' >i.csv
	on_both crm-log --import --add-customers i.csv
	found mooring 'Ann Lee'
	found cy@example cy@example.com
	found capstan cy@example.com
	eq "$(psql "$PG" -qAtX -c "SELECT count(*) FROM fts_defer; SELECT
	    count(*) FROM fts_dirty; SELECT count(*) FROM fts_customers")" \
	    $'0\n0\n3'
}

# What the server made of every customer row by row (its view) is what
# an import's bulk load left (lib/pg.c's bulk_end, migrate-10.sql).
texts_as_made() {
	eq "$(psql "$PG" -qAtX -c "SELECT count(*) FROM fts_customers f
	    FULL JOIN fts_customer_text t ON t.id = f.rowid WHERE f.body IS
	    DISTINCT FROM t.body")" 0
}

@test "pg search: an import's bulk load: every text as row by row, the indexes built again, a refused one changes nothing" {
	seed
	# Old customers changed (Ann: company, tag, field), new ones with
	# tags and fields (two, in the file not in their keys' order: the
	# text has them by key), one of them changed again by a later row,
	# one linked to an old organisation.
	printf '%s\n' 'name,email,company,tags,WeChat,Shoe size' \
	    'Ann Lee,ann@example.com,Keel Works,rigging,wx_keel,' \
	    'Cy Moe,cy@example.com,Nordhavn Marine,winch,wx_cy,42' \
	    'Di Fox,di@example.com,Fox Spars,,,' \
	    'Di Fox,di@example.com,Fox Masts,mast,wx_di,44' >c.csv
	both crm-add --import c.csv
	texts_as_made
	found Keel 'Ann Lee'
	found wx_di 'Di Fox'
	# the later row fills what the first left empty (a tag, fields),
	# never the company the first gave (one file's rows, h-sw36)
	found Spars 'Di Fox'
	found Masts ''
	found winch 'Cy Moe'
	both crm-segment -f name,company 'company = "Nordhavn Marine"'
	printf '%s\n' 'customer,kind,summary,at' \
	    'cy@example.com,complaint,frayed winch line,2026-01-02' \
	    'di@example.com,note,mast step,2026-01-03' >i.csv
	both crm-log --import i.csv
	found frayed 'Cy Moe'
	both crm-segment -f name,interactions,complaints 'interactions > 0'
	run crm -d "$PG" check
	status_is 0
	# the indexes the load dropped are back
	eq "$(psql "$PG" -qAtX -c "SELECT string_agg(indexname, ',' ORDER BY
	    indexname) FROM pg_indexes WHERE indexname IN ('customers_org',
	    'interactions_search', 'interactions_kind')")" \
	    'customers_org,interactions_kind,interactions_search'
	# a refused load into a small table: nothing of it, indexes too
	local before
	before=$(psql "$PG" -qAtX -c "SELECT * FROM interactions ORDER BY id;
	    SELECT * FROM cust_totals ORDER BY 1; SELECT count(*) FROM
	    pg_indexes WHERE indexname IN ('interactions_search',
	    'interactions_kind')")
	{ echo 'customer,kind,summary'
	  for i in $(seq 1 40); do echo "cy@example.com,note,rope $i"; done
	  echo 'cy@example.com,bogus,rope'; } >bad.csv
	CRM_DB=$PG run --separate-stderr crm-log --import bad.csv
	status_is 65
	has "$stderr" 'bad.csv:42:'
	eq "$(psql "$PG" -qAtX -c "SELECT * FROM interactions ORDER BY id;
	    SELECT * FROM cust_totals ORDER BY 1; SELECT count(*) FROM
	    pg_indexes WHERE indexname IN ('interactions_search',
	    'interactions_kind')")" "$before"
}

@test "pg search: letters with case beyond ASCII, long and short, any case" {
	on_both crm-add -n 'Hans Müller' -e hm@example.com
	on_both crm-add -n 'HANS MÜLLER' -e hm2@example.com
	on_both crm-add -n 'ООО Привет' -e ooo@example.ru
	on_both crm-add -n 'Иван' -e iv@example.ru -c 'ПРИВЕТ и К'
	found 'hans ü' 'HANS MÜLLER,Hans Müller' --limit 0
	found 'müller mü' 'HANS MÜLLER,Hans Müller' --limit 0
	found 'MÜLLER' 'HANS MÜLLER,Hans Müller'
	found 'привет' 'Иван,ООО Привет'
	found 'Привет пр' 'Иван,ООО Привет' --limit 0
	matching "matches 'hans ü'" 'Hans Müller,HANS MÜLLER'
	found Ü 'HANS MÜLLER,Hans Müller' --limit 0
	# and the snippets: FTS5's highlight() in Unicode's case, mark()
	# in ASCII's, alike
	for w in müller 'MÜLLER hans' 'привет' 'привет и' 'ü ans'; do
		both crm-segment --search "$w" -f id --limit 0
		[ "$(echo "$output" | wc -l)" -gt 1 ]
	done
	both crm-segment --search 'müller' -f id --limit 0
	eq "$(echo "$output" | tail -n +2 | cut -f2 | paste -sd'|' -)" \
	    'HANS [MÜLLER] hm2@example.com|Hans [Müller] hm@example.com'
}

@test "pg search: a quote inside a word; identities; a search's columns" {
	on_both crm-add -n 'Say "hi" Ltd' -e say@example.com
	on_both crm-add -n 'Sayhi Corp' -e sayhi@example.com
	on_both crm-add -n 'Size 12" pipe' -e size12@example.com
	found 'say"hi"' ''
	found Say 'Sayhi Corp,Say "hi" Ltd'
	found '12"' 'Size 12" pipe'
	found '2"' 'Size 12" pipe'
	both crm-segment --search say -o csv
	both crm-segment --search say -o json
}

@test "pg search: a rep finds only their own customers" {
	seed
	on_both crm-add -u ann@example.com --owner ann
	on_both crm-add -u bob@example.com --owner bob
	psql "$PG" -qAtX -c "DROP ROLE IF EXISTS srep_$$" \
	    -c "CREATE ROLE srep_$$ LOGIN" >/dev/null
	CRM_DB=$PG run crm grant rep "srep_$$" ann
	[ "$status" -eq 0 ]
	rep=${PG/user=crm/user=srep_$$}
	run --separate-stderr crm-segment -d "$rep" --search example -f name \
	    --limit 0
	eq "$(echo "$output" | tail -n +2 | cut -f1 | paste -sd, -)" 'Ann Lee'
	run --separate-stderr crm-segment -d "$rep" -f name 'matches valve'
	eq "$(echo "$output" | tail -n +2)" ''
	# the kept texts of others' customers are not theirs to read either
	eq "$(psql "$rep" -qAtX -c "SELECT count(*) FROM fts_customers
	    WHERE body ILIKE '%bob%'")" 0
	eq "$(psql "$rep" -qAtX -c "SELECT count(*) FROM fts_deals")" 0
	# a rep's write keeps their customer's text
	run crm-add -d "$rep" -u ann@example.com -t rigging
	[ "$status" -eq 0 ]
	run --separate-stderr crm-segment -d "$rep" --search rigging -f name
	eq "$(echo "$output" | tail -n +2 | cut -f1)" 'Ann Lee'
	psql "$CRM_PG" -qAtX -c "DROP OWNED BY srep_$$ CASCADE" >/dev/null 2>&1 || true
}

@test "pg search: the trigram indexes are what the server reads" {
	seed
	# enough rows that a scan costs more than the index
	for i in $(seq 1 300); do
		echo "p$i@example.com,note,routine call $i"
	done | { echo 'email,kind,summary'; cat; } >notes.csv
	CRM_DB=$PG crm-log --import --add-customers notes.csv >/dev/null 2>&1
	# (a few rows: told not to scan, the server takes the index if the
	# query's expression is the index's)
	plan=$(psql "$PG" -qAtX -c 'SET enable_seqscan = off' -c "EXPLAIN SELECT
	    rowid FROM fts_interactions WHERE lower((coalesce(
	    fts_interactions.summary, '') || chr(10) ||
	    coalesce(fts_interactions.resolution, '')) COLLATE crm_search)
	    COLLATE \"C\" LIKE lower('%valve%' COLLATE crm_search) COLLATE \"C\"")
	has "$plan" interactions_search
	plan=$(psql "$PG" -qAtX -c 'SET enable_seqscan = off' -c "EXPLAIN SELECT
	    rowid FROM fts_customers WHERE folded LIKE '%tanaka%'")
	has "$plan" fts_customers_folded
	# and what a search sends is that
	CRM_DB=$PG CRM_PG_TRACE=1 crm-segment --search valve 2>trace >/dev/null
	has "$(cat trace)" "$(printf '%s' 'lower((coalesce(fts_interactions.summary')"
	has "$(cat trace)" 'fts_customers.folded LIKE lower($'
	# the kept lower case is Unicode's
	eq "$(psql "$PG" -qAtX -c "SELECT folded FROM fts_customers WHERE
	    rowid = 6")" "$(printf 'zoë café\n\nzoe@example.fr\n\n\n\n\n\n\n')"
}

@test "pg search: a database of version 8 gets its indexes when opened" {
	# What crm made before search on PostgreSQL (schema.sql alone, its
	# placeholders), with a customer, a complaint and a deal's note.
	psql "$PG" -qAtX -v ON_ERROR_STOP=1 \
	    -f "$BATS_TEST_DIRNAME/../share/crm/pg/schema.sql" >/dev/null 2>&1
	psql "$PG" -qAtX -v ON_ERROR_STOP=1 -c "INSERT INTO crm_schema
	    VALUES (8); INSERT INTO customers (name, company, created,
	    updated) VALUES ('Bob Roe', NULL, 'x', 'x'), ('张伟',
	    '上海阀门厂', 'x', 'x'); INSERT INTO interactions (customer_id, at,
	    kind, summary, created) VALUES (1, '2026-01-01T00:00:00Z',
	    'complaint', 'late delivery of the valve spring', 'x'); INSERT
	    INTO deals (customer_id, title, stage, created, updated) VALUES
	    (1, 'Gearbox retrofit', 'lead', 'x', 'x'); INSERT INTO
	    deal_history (deal_id, at, stage, note, actor) VALUES (1, 'x',
	    'qualified', 'bilge pump tender', 'x')" >/dev/null
	CRM_DB=$PG run --separate-stderr crm-segment --search valve -f name
	status_is 0
	eq "$(echo "$output" | tail -n +2 | cut -f1,2)" \
	    "$(printf 'Bob Roe\tlate delivery of the [valve] spring')"
	CRM_DB=$PG run --separate-stderr crm-segment --search 阀门 -f name
	eq "$(echo "$output" | tail -n +2 | cut -f1)" '张伟'
	CRM_DB=$PG run --separate-stderr crm-segment --search 'bilge pump' -f name
	eq "$(echo "$output" | tail -n +2 | cut -f1)" 'Bob Roe'
	eq "$(psql "$PG" -qAtX -c 'SELECT max(version) FROM crm_schema')" "$PG_SCHEMA"
	# and it is kept from then on
	CRM_DB=$PG run crm-add -u 1 -c 'Keel Works'
	status_is 0
	CRM_DB=$PG run --separate-stderr crm-segment --search keel -f name
	eq "$(echo "$output" | tail -n +2 | cut -f1)" 'Bob Roe'
}
