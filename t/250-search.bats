#!/usr/bin/env bats
# Full-text search (schema 6, lib/search.c): crm-segment --search, the
# filter's "matches", crm-log --show --search.
#   - a word, a prefix, a phrase, two Chinese characters, three Japanese
#     ones; diacritics count (café is not cafe)
#   - every source: name, company, organisation's name, e-mail, phone,
#     extra field, tag, interaction summary and resolution, deal title,
#     deal note
#   - the index follows crm-add -u, a merge, an erase (nothing left in the
#     file), a re-import, undo
#   - the user's text is text: FTS5 operators and SQL are searched for as
#     they are
#   - ranked: a customer's own record before their interactions

load helper

# found WORDS [ARGS...]: the names crm-segment --search finds, in order,
# comma-separated.
found() {
	local w=$1
	shift
	crm-segment --search "$w" -f name "$@" | tail -n +2 | cut -f1 |
	    paste -sd, -
}

seed() {
	crm-add --org -n 'Nordhavn Marine' >/dev/null                   # 1
	crm-add -n 'Ann Lee' -e ann@example.com -p '+44 20 7946 0001' \
	    -c 'Lee Hydraulics' --contact-of 'Nordhavn Marine' -T gold \
	    -t wholesale -F 'WeChat=wx_annlee' >/dev/null                # 2
	crm-add -n '张伟' -c '上海阀门厂' -e zw@example.cn -T silver >/dev/null # 3
	crm-add -n 'Tanaka' -e tanaka@example.jp >/dev/null              # 4
	crm-add -n 'Bob Roe' -e bob@example.com -T gold >/dev/null       # 5
	crm-add -n 'Zoë Café' -e zoe@example.fr >/dev/null              # 6
	crm-log tanaka@example.jp note 'バルブの納期について' >/dev/null
	crm-log bob@example.com complaint 'late delivery of the valve spring' >/dev/null
	crm-log --resolve 2 'sent a replacement by courier' >/dev/null
	crm-deal add bob@example.com Gearbox retrofit --amount 5000 >/dev/null
	crm-deal move 1 qualified --note 'bilge pump tender' >/dev/null
}

@test "a word, a prefix, a phrase; any case; diacritics count" {
	seed
	eq "$(found valve)" 'Bob Roe'
	eq "$(found VALVE)" 'Bob Roe'
	# a prefix, with or without its star, and the middle of a word
	eq "$(found 'retro*')" 'Bob Roe'
	eq "$(found retro)" 'Bob Roe'
	eq "$(found ydrau)" 'Ann Lee'
	# a phrase: the words together, in that order
	eq "$(found '"valve spring"')" 'Bob Roe'
	eq "$(found '"spring valve"')" ''
	# every word, in one row: late and courier are in one interaction
	eq "$(found 'late courier')" 'Bob Roe'
	eq "$(found 'late gearbox')" ''
	# diacritics: Café is found by café and by CAFÉ, not by cafe
	eq "$(found café)" 'Zoë Café'
	eq "$(found CAFÉ)" 'Zoë Café'
	eq "$(found cafe)" ''
}

@test "Chinese by two characters, Japanese by three, with the snippet" {
	seed
	eq "$(found 阀门)" '张伟'
	eq "$(found 上海)" '张伟'
	eq "$(found バルブ)" 'Tanaka'
	eq "$(found 納期)" 'Tanaka'
	eq "$(found '阀 海')" '张伟'
	# the ideographic space and the no-break space part words too
	eq "$(found '上海　阀门')" '张伟'
	eq "$(found $'上海\u00a0阀门')" '张伟'
	eq "$(found '上海　门阀')" ''
	eq "$(found 阀门厂)" '张伟'
	eq "$(found 门阀)" ''
	# the snippet marks the match; the rank is the place
	eq "$(crm-segment --search 阀门 -f id | tail -n +2)" \
	    "$(printf '3\t张伟 上海[阀门]厂 zw@example.cn\t1')"
	eq "$(crm-segment --search バルブの -f id | tail -n +2 | cut -f2)" \
	    '[バルブの]納期について'
}

# snip WORDS: the snippet of crm-segment --search's first row.
snip() {
	crm-segment --search "$1" -f id | sed -n 2p | cut -f2
}

@test "snippets: one blank between fields, a long phrase whole, every short term" {
	seed
	crm-log bob@example.com note 'asked when the delivery schedule of the valve spring order is due' >/dev/null
	# Bob's record is "Bob Roe", "" (company), "bob@example.com", ""
	# (phone), "" (fields), "" (tags), joined by newlines: one blank
	# between the fields, none at the end, not two ("Bob [Roe]  bob..."),
	# and no "..." where nothing was left out
	eq "$(snip Roe)" 'Bob [Roe] bob@example.com'
	# 37 characters, 35 trigrams: more than the 24 tokens of FTS5's
	# snippet(), which closed the bracket at "[delivery sc]..."
	eq "$(snip '"delivery schedule of the valve spring"')" \
	    'asked when the [delivery schedule of the valve spring] order is due'
	# Two short terms: both bracketed, not only the first
	eq "$(snip '上海 阀门')" '张伟 [上海][阀门]厂 zw@example.cn'
	# A short term beside a long one: FTS5 brackets the long, we the
	# short
	eq "$(snip 'example 上海')" '张伟 [上海]阀门厂 zw@[example].cn'
	# A long text: a line about the first match, from a word's start,
	# "..." where it was cut, never in a bracket's middle
	crm-log ann@example.com note "$(printf 'word%d ' $(seq 1 30))the \
sprocket valve $(printf 'more%d ' $(seq 1 30))" >/dev/null
	eq "$(snip sprocket)" '...word29 word30 the [sprocket] valve more1 more2 more3 more4 more5 more6 more7...'
	eq "$(snip '"the sprocket valve more1 more2 more3 more4 more5 more6 more7 more8"')" \
	    '...word28 word29 word30 [the sprocket valve more1 more2 more3 more4 more5 more6 more7 more8]...'
}

@test "every source: record, organisation, fields, tags, interactions, deals" {
	seed
	eq "$(found 'Ann Lee')" 'Ann Lee'                 # name
	eq "$(found 'Lee Hydraulics')" 'Ann Lee'          # company
	eq "$(found Nordhavn)" 'Ann Lee'                  # organisation's name
	eq "$(found Nordhavn --orgs)" 'Nordhavn Marine'   # the organisation
	eq "$(found ann@example)" 'Ann Lee'               # e-mail
	eq "$(found '7946 0001')" 'Ann Lee'               # phone
	eq "$(found wx_annlee)" 'Ann Lee'                 # extra field
	eq "$(found wholesale)" 'Ann Lee'                 # tag
	eq "$(found delivery)" 'Bob Roe'                  # summary
	eq "$(found courier)" 'Bob Roe'                   # resolution
	eq "$(found Gearbox)" 'Bob Roe'                   # deal title
	eq "$(found 'bilge pump')" 'Bob Roe'              # deal note
}

@test "ranked: a customer's own record before what an interaction says" {
	seed
	crm-add -n 'Kai Spring' -e kai@example.com >/dev/null            # 7
	crm-log ann@example.com note 'spring catalogue sent' >/dev/null
	# Kai's name (tier 1) before Ann's and Bob's interactions (tier 4);
	# those two the latest written first: Ann's note after Bob's
	# complaint
	eq "$(found spring)" 'Kai Spring,Ann Lee,Bob Roe'
	eq "$(crm-segment --search spring -f id | tail -n +2 | cut -f1,3 |
	    tr '\t\n' ': ')" '7:1 2:2 5:3 '
	# Bob writes again: his latest match now before Ann's
	crm-log bob@example.com call 'spring sizes' >/dev/null
	eq "$(found spring)" 'Kai Spring,Bob Roe,Ann Lee'
	# a customer once, with the snippet of their latest match
	eq "$(crm-segment --search spring -f name | grep -c Bob)" 1
	eq "$(crm-segment --search spring -f name | grep Bob | cut -f2)" \
	    '[spring] sizes'
}

@test "the best 20 unless --limit says; a note when more match" {
	seed
	for i in $(seq 1 25); do
		printf 'name,email\nP%d,p%d@example.com\n' "$i" "$i"
	done | awk 'NR == 1 || !/^name/' >people.csv
	crm-add --import people.csv >/dev/null
	sql "SELECT email FROM customers WHERE email LIKE 'p%' ORDER BY id" |
	    while read -r e; do echo "$e,note,pump check"; done |
	    { echo 'email,kind,summary'; cat; } >notes.csv
	crm-log --import notes.csv >/dev/null
	run --separate-stderr crm-segment --search pump -f name
	[ "$status" -eq 0 ]
	eq "$(echo "$output" | tail -n +2 | wc -l)" 20
	eq "$stderr" 'crm-segment: the best 20 shown; more match (--limit N for more, 0 for all)'
	# Bob first (a deal's note: 'bilge pump tender'), then the notes,
	# the latest written first: P25's was the last
	eq "$(echo "$output" | sed -n 2,3p | cut -f1 | paste -sd, -)" \
	    'Bob Roe,P25'
	run --separate-stderr crm-segment --search pump -f name --limit 0
	eq "$(echo "$output" | tail -n +2 | wc -l)" 26   # and Bob's deal note
	eq "$stderr" ''
	run --separate-stderr crm-segment --search pump -f name --limit 3
	eq "$(echo "$output" | tail -n +2 | cut -f3 | paste -sd, -)" '1,2,3'
	eq "$stderr" 'crm-segment: the best 3 shown; more match (--limit N for more, 0 for all)'
	# exactly as many as match: no note
	run --separate-stderr crm-segment --search pump -f name --limit 26
	eq "$(echo "$output" | tail -n +2 | wc -l)" 26
	eq "$stderr" ''
	# a list takes --limit too; counts and models do not
	eq "$(crm-segment -f name --limit 2 | tail -n +2 | paste -sd, -)" \
	    "$(crm-segment -f name | tail -n +2 | head -2 | paste -sd, -)"
	run --separate-stderr crm-segment --count --limit 2
	fails_usage 64 'crm-segment: --limit shortens a list or a search; it does not go with --count, --by, --sample, --risk or a model'
	run --separate-stderr crm-segment --search pump --limit x
	[ "$status" -eq 64 ]
}

@test "one or two characters alone: looked up in the index, at a text's end too" {
	only_on sqlite "short words via FTS5's fts5vocab tables (PostgreSQL: t/940)"
	seed
	# 阀门 at the very end of a summary, and of a resolution
	crm-log tanaka@example.jp note '更换阀门' >/dev/null
	crm-log ann@example.com complaint '漏水' >/dev/null
	crm-log --resolve 4 '已换阀门' >/dev/null
	# the filter's matches and --limit 0 read the index only (its
	# trigrams that begin with the word), never a scan
	eq "$(crm-segment 'matches 阀门' -f name | tail -n +2 | paste -sd, -)" \
	    'Ann Lee,张伟,Tanaka'
	eq "$(found 阀门 --limit 0)" '张伟,Ann Lee,Tanaka'
	eq "$(crm-segment 'matches 换' -f name | tail -n +2 | paste -sd, -)" \
	    'Ann Lee,Tanaka'
	# two short words, both in one row
	eq "$(crm-segment "matches '更换 阀门'" -f name | tail -n +2)" Tanaka
	eq "$(crm-segment "matches '漏水 阀门'" -f name | tail -n +2)" 'Ann Lee'
	eq "$(crm-segment "matches '漏水 更换'" -f name | tail -n +2)" ''
	# a Latin pair in any case, and one that is nowhere
	eq "$(crm-segment "matches 'RO'" -f name | tail -n +2)" 'Bob Roe'
	eq "$(crm-segment "matches 'qj'" -f name | tail -n +2)" ''
	eq "$(crm-log --show tanaka@example.jp --search 阀门 -f summary |
	    tail -n +2)" '更换阀门'
	# the index has each trigram that begins with 阀门, as the
	# search asks it (migrate-9.sql: every text ends with a newline)
	eq "$(sql "SELECT group_concat(term, '|') FROM (SELECT term FROM
	    fts_interactions_terms WHERE term >= '阀门' AND
	    term < '阀门' || char(1114111) ORDER BY term)")" \
	    "$(printf '阀门\n')"
}

@test "matches in a filter, with and, or, not; --search with a filter" {
	seed
	crm-add -n 'Cy Poe' -e cy@example.com -T silver >/dev/null       # 7
	crm-log cy@example.com complaint 'late delivery again' >/dev/null
	eq "$(crm-segment -f name "tier = gold and matches 'late delivery'" |
	    tail -n +2)" 'Bob Roe'
	eq "$(crm-segment -f name "matches 'late delivery' and not tier = gold" |
	    tail -n +2)" 'Cy Poe'
	eq "$(crm-segment -f name "matches 阀门 or matches wx_annlee" |
	    tail -n +2 | paste -sd, -)" 'Ann Lee,张伟'
	eq "$(found 'late delivery' 'tier = silver')" 'Cy Poe'
	eq "$(crm-segment --count "matches delivery")" 2
}

@test "operators and SQL in the words are searched for as they are" {
	only_on sqlite "compares sqlite_schema and .dump before and after (PostgreSQL: t/940)"
	seed
	crm-add -n 'Odd' -e odd@example.com \
	    -F 'note=use NEAR(a b) AND "x" OR (y); DROP TABLE x' >/dev/null
	# what a search may not touch (it adds an export row to the audit)
	before=$(sql "SELECT type, name FROM sqlite_schema ORDER BY name" \
	    ".dump customers" ".dump customer_fields")
	for w in 'NEAR(a b)' 'AND' '"x" OR' '(y);' 'DROP TABLE' \
	    "x'); DROP TABLE customers; --" 'a OR b' '^col:*' '-' '*'; do
		run --separate-stderr crm-segment --search "$w" -f name
		[ "$status" -eq 0 ] || [ "$status" -eq 64 ]
		if [ "$status" -eq 64 ]; then
			eq "$stderr" 'crm-segment: --search: nothing to search for'
		fi
	done
	eq "$(found 'NEAR(a b) AND')" Odd
	eq "$(found '(y); DROP')" Odd
	eq "$(found 'AND')" Odd
	# every word counts, OR too: "a OR b" is three words
	eq "$(found 'a OR b')" Odd
	eq "$(found 'OR zzz')" ''
	eq "$(found "x'); DROP TABLE customers; --")" ''
	eq "$(sql "SELECT type, name FROM sqlite_schema ORDER BY name" \
	    ".dump customers" ".dump customer_fields")" "$before"
}

@test "nothing to search for: 64, database unchanged" {
	seed
	before=$(dump)
	run --separate-stderr crm-segment --search ' "" * '
	fails 64 'crm-segment: --search: nothing to search for'
	run --separate-stderr crm-segment "matches ''"
	fails 64 "crm-segment: expression: column 9: matches: nothing to search for"
	run --separate-stderr crm-segment --search x --count
	fails_usage 64 'crm-segment: --search lists the customers that match; it does not go with --count, --by, --sample or a model'
	run --separate-stderr crm-log --search x
	fails_usage 64 'crm-log: -f, -o, --since and --search go with --show'
	eq "$(dump)" "$before"
}

@test "crm-log --show --search narrows the timeline" {
	seed
	crm-log bob@example.com call 'asked about the spring order' >/dev/null
	crm-log bob@example.com call 'price list' >/dev/null
	eq "$(crm-log --show bob@example.com --search spring -f id |
	    tail -n +2 | paste -sd, -)" '3,2'
	eq "$(crm-log --show bob@example.com --search courier -f id |
	    tail -n +2)" 2
	eq "$(crm-log --show bob@example.com --search 納期 -f id |
	    tail -n +2)" ''
	eq "$(crm-log --show tanaka@example.jp --search 納期 -f id |
	    tail -n +2)" 1
}

@test "the index follows an update: the old word gone, the new found" {
	seed
	crm-add -u ann@example.com -c 'Lee Pumps' -t dockside \
	    -F 'WeChat=wx_leeann' >/dev/null
	eq "$(found Hydraulics)" ''
	eq "$(found 'Lee Pumps')" 'Ann Lee'
	eq "$(found wx_annlee)" ''
	eq "$(found wx_leeann)" 'Ann Lee'
	eq "$(found dockside)" 'Ann Lee'
	crm-add -u ann@example.com --untag wholesale >/dev/null
	eq "$(found wholesale)" ''
	crm-deal update 1 --title 'Winch overhaul' >/dev/null
	eq "$(found Gearbox)" ''
	eq "$(found Winch)" 'Bob Roe'
	eq "$(found 'bilge pump')" 'Bob Roe'
	eq "$(sql "INSERT INTO fts_customers (fts_customers) VALUES
	    ('integrity-check'); INSERT INTO fts_interactions (fts_interactions)
	    VALUES ('integrity-check'); INSERT INTO fts_deals (fts_deals)
	    VALUES ('integrity-check')")" ''
}

@test "the index follows a merge" {
	seed
	crm-add -n 'Robert Roe' -e robert@example.com -t fleet >/dev/null  # 7
	crm-log robert@example.com note 'hawser enquiry' >/dev/null
	crm-add --merge bob@example.com robert@example.com >/dev/null
	eq "$(found hawser)" 'Bob Roe'
	eq "$(found fleet)" 'Bob Roe'
	# the duplicate's name is gone; Bob is known by its e-mail too
	eq "$(found '"Robert Roe"')" ''
	eq "$(found robert@example)" 'Bob Roe'
	eq "$(sql "SELECT count(*) FROM fts_customers WHERE rowid = 7")" 0
}

@test "an erase leaves nothing in the index nor in the file" {
	only_on sqlite "the SQLite file's bytes"
	seed
	crm-log tanaka@example.jp note 'zebrafish quarantine' >/dev/null
	run --separate-stderr crm-add --erase tanaka@example.jp --yes
	status_is 0
	# the words are nowhere in the database's bytes (looked at before
	# any search: a search's words are in the audit trail's export row)
	python3 - "$CRM_DB" <<'EOF'
import os, sys
data = b''
for s in ('', '-wal', '-shm'):
    if os.path.exists(sys.argv[1] + s):
        data += open(sys.argv[1] + s, 'rb').read()
for w in ('zebrafish', 'quarantine', 'tanaka@example', 'バルブ'):
    assert data.count(w.encode()) == 0, w
EOF
	eq "$(sql "SELECT count(*) FROM fts_customers WHERE rowid = 4")" 0
	eq "$(sql "SELECT count(*) FROM fts_interactions_docsize WHERE
	    id NOT IN (SELECT id FROM interactions)")" 0
	eq "$(sql "INSERT INTO fts_interactions (fts_interactions) VALUES
	    ('integrity-check')")" ''
	eq "$(found zebrafish)" ''
	eq "$(found バルブ)" ''
	eq "$(found Tanaka)" ''
}

# The bytes FTS5 keeps of each trigram of the words given, which a
# raw scan of the file can find: an index stores a term after the bytes
# it shares with the term before it, and these words' characters
# (U+9Bxx-U+9Exx, 3 bytes each) share at most their first byte with any
# other term here, so a trigram's 2nd and 3rd characters are whole in
# its segment.  Prints one hexadecimal string a line.
trigram_tails() {
	python3 - "$@" <<'EOF'
import sys
for w in sys.argv[1:]:
    for i in range(len(w) - 2):
        print(w[i + 1:i + 3].encode().hex())
EOF
}

# in_file HEX...: how many of them are in the database's bytes.
in_file() {
	python3 - "$CRM_DB" "$@" <<'EOF'
import os, sys
data = b''
for s in ('', '-wal'):
    if os.path.exists(sys.argv[1] + s):
        data += open(sys.argv[1] + s, 'rb').read()
print(sum(1 for h in sys.argv[2:] if bytes.fromhex(h) in data))
EOF
}

@test "an erase leaves no trigram of their text in the indexes' segments" {
	only_on sqlite "FTS5's index segments"
	seed
	crm-add -u tanaka@example.jp -F 'Nick=鷹鷺鸚鵡' >/dev/null
	crm-log tanaka@example.jp note '鯨鰐鴎鶴鷲' >/dev/null
	crm-deal add tanaka@example.jp '鰹鯖鰯鱈' >/dev/null
	crm-deal move 2 qualified --note '鰻鱒鮫鯛' >/dev/null
	# and in a record merged into theirs, gone from the index already
	crm-add -n 'T. Tanaka' -e tt@example.jp -F 'Alias=鴨鷗鵜鶏' >/dev/null
	crm-add --merge tanaka@example.jp tt@example.jp >/dev/null
	# 2 + 3 + 2 + 2 + 2 = 11 trigrams, each in an index segment (so the
	# scan can see them): their tails are in the indexes' data
	tails=$(trigram_tails 鷹鷺鸚鵡 鯨鰐鴎鶴鷲 鰹鯖鰯鱈 鰻鱒鮫鯛 鴨鷗鵜鶏)
	eq "$(echo "$tails" | wc -l)" 11
	for h in $tails; do
		eq "$(sql "SELECT count(*) > 0 FROM (SELECT block FROM
		    fts_customers_data UNION ALL SELECT block FROM fts_deals_data
		    UNION ALL SELECT block FROM fts_interactions_data) WHERE
		    instr(block, X'$h')")" 1
	done
	eq "$(in_file $tails)" 11
	crm-add --erase tanaka@example.jp --yes >/dev/null 2>&1
	# none of them anywhere in the file: not in a segment FTS5 wrote
	# before the erase, nor in the notes of deleted rows it wrote with it
	eq "$(in_file $tails)" 0
	eq "$(found 鸚鵡)" ''
	eq "$(found 鴎鶴)" ''
	eq "$(found 鯖鰯)" ''
	eq "$(found 鴨鷗)" ''
	# the indexes are whole, and still find the others
	for t in fts_customers fts_deals fts_interactions; do
		eq "$(sql "INSERT INTO $t ($t) VALUES ('integrity-check')")" ''
	done
	eq "$(found valve)" 'Bob Roe'
	eq "$(found 阀门)" '张伟'
}

@test "an erase scrubs the words of searches for them from the audit trail" {
	seed
	crm-segment --search 'Tanak' -f name >/dev/null
	crm-segment --search '"bob roe"' -f name >/dev/null
	crm-segment -f name "matches 'TANAKA@ex' or matches \"バル\"" >/dev/null
	crm-segment -f name --search 'anaka jp' 'tier is empty' >/dev/null
	crm-segment -f name 'matches tanaka' >/dev/null
	crm-add --erase tanaka@example.jp --yes >/dev/null 2>&1
	# a word of 3 bytes or more that is part of one of their values, in
	# any case, goes; Bob's search stays, and so do the other words of a
	# search, the expression, a short word (jp), and バル (2 characters,
	# 6 bytes, but no part of their record: of their interaction's)
	eq "$(sql "SELECT detail ->> '\$.what' FROM audit WHERE action =
	    'export' ORDER BY id")" "crm-segment -f name --search [erased]
crm-segment -f name --search \"bob roe\"
crm-segment -f name: matches '[erased]' or matches \"バル\"
crm-segment -f name --search [erased] jp: tier is empty
crm-segment -f name: matches [erased]"
}

@test "a re-import: no duplicates; undo of an import: gone" {
	only_on sqlite "crm undo"
	printf 'name,email,company\nAnn Lee,ann@example.com,Keel Works\nBo,bo@example.com,Keel Yards\n' >c.csv
	crm-add --import c.csv >/dev/null 2>&1
	crm-add --import c.csv >/dev/null 2>&1
	# both in their own record: bm25 puts the shorter text first
	eq "$(found Keel)" 'Bo,Ann Lee'
	eq "$(sql "SELECT count(*) FROM fts_customers")" 2
	printf 'customer,kind,summary\nann@example.com,note,mooring lines\n' >i.csv
	crm-log --import i.csv --dry-run >/dev/null 2>&1
	eq "$(found mooring)" ''
	crm-log --import i.csv >/dev/null 2>&1
	eq "$(found mooring)" 'Ann Lee'
	# indexed at the import's end, in one go: all there, nothing left
	eq "$(sql "SELECT count(*) FROM fts_defer")" 0
	eq "$(sql "INSERT INTO fts_interactions (fts_interactions) VALUES
	    ('integrity-check')")" ''
	crm-log ann@example.com note 'mooring again' >/dev/null
	eq "$(crm-log --show ann@example.com --search mooring -f id |
	    tail -n +2 | paste -sd, -)" '2,1'
	run --separate-stderr crm undo
	status_is 0
	eq "$(crm-log --show ann@example.com --search mooring -f id |
	    tail -n +2)" 1
	run --separate-stderr crm undo
	status_is 0
	eq "$(found mooring)" ''
	eq "$(found Keel)" 'Bo,Ann Lee'
	# the second import changed nothing, so it is no change to undo
	run --separate-stderr crm undo
	status_is 0
	eq "$(found Keel)" ''
	run --separate-stderr crm undo
	status_is 65
	eq "$(sql "SELECT count(*) FROM fts_customers")" 0
	eq "$(sql "INSERT INTO fts_interactions (fts_interactions) VALUES
	    ('integrity-check'); INSERT INTO fts_customers (fts_customers)
	    VALUES ('integrity-check')")" ''
}

@test "a database of schema 5 gets its index when it is opened" {
	only_on sqlite "a SQLite database of schema 5 (PostgreSQL's version 8: t/940)"
	# What crm made at schema 5, with two customers, a complaint and a
	# deal with a note in its history, written as that crm wrote them.
	local f
	for f in schema migrate-2 migrate-3 migrate-4 migrate-5; do
		cat "$BATS_TEST_DIRNAME/../share/crm/$f.sql"
	done | sqlite3 "$CRM_DB"
	sql "PRAGMA user_version = 5; PRAGMA application_id = 1668443441;
	    INSERT INTO customers (name, company, created, updated) VALUES
	      ('Bob Roe', NULL, 'x', 'x'), ('张伟', '上海阀门厂', 'x', 'x');
	    INSERT INTO interactions (customer_id, at, kind, summary, created)
	      VALUES (1, '2026-01-01T00:00:00Z', 'complaint',
	      'late delivery of the valve spring', 'x');
	    INSERT INTO deals (customer_id, title, stage, created, updated)
	      VALUES (1, 'Gearbox retrofit', 'lead', 'x', 'x');
	    INSERT INTO deal_history (deal_id, at, stage, note, actor)
	      VALUES (1, 'x', 'qualified', 'bilge pump tender', 'x')"
	eq "$(found valve)" 'Bob Roe'
	eq "$(found 阀门)" '张伟'
	eq "$(found 'bilge pump')" 'Bob Roe'
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
}

@test "an import that changes customers: indexed at its end, old text gone" {
	printf 'name,email,company,tags\nAnn Lee,ann@example.com,Keel Works,rigging\nBo,bo@example.com,Keel Yards,\n' >c.csv
	crm-add --import c.csv >/dev/null 2>&1
	printf 'name,email,company,tags\nAnn Lee,ann@example.com,Slipway Ltd,\n' >c2.csv
	crm-add --import c2.csv >/dev/null 2>&1
	eq "$(found Keel)" 'Bo'
	eq "$(found Slipway)" 'Ann Lee'
	eq "$(found rigging)" 'Ann Lee'
	# a customer an interactions import adds is indexed too
	printf 'customer,kind,summary\ncy@example.com,note,capstan\n' >i.csv
	crm-log --import --add-customers i.csv >/dev/null 2>&1
	eq "$(found cy@example)" 'cy@example.com'
	eq "$(found capstan)" 'cy@example.com'
	eq "$(sql "SELECT count(*) FROM fts_defer; SELECT count(*) FROM
	    fts_dirty")" $'0\n0'
	eq "$(sql "INSERT INTO fts_customers (fts_customers) VALUES
	    ('integrity-check')")" ''
}

@test "a one-character word at a text's very end is in the index" {
	only_on sqlite "FTS5's vocabulary at a text's end (PostgreSQL: t/940)"
	seed
	crm-log ann@example.com note 'Offer Plan Q' >/dev/null
	crm-deal add tanaka@example.jp 'Pump Ж' >/dev/null
	eq "$(crm-segment 'matches Q' -f name | tail -n +2)" 'Ann Lee'
	eq "$(found Q --limit 0)" 'Ann Lee'
	eq "$(crm-log --show ann@example.com --search Q -f summary |
	    tail -n +2)" 'Offer Plan Q'
	eq "$(crm-segment 'matches ж' -f name | tail -n +2)" 'Tanaka'
	# the texts end with two newlines (migrate-9.sql)
	eq "$(sql "SELECT count(*) FROM fts_interactions_terms
	    WHERE term = 'q' || char(10, 10)")" 1
}

@test "short words with letters that have case beyond ASCII: any case" {
	crm-add -n 'Hans Müller' -e hm@example.com >/dev/null
	crm-add -n 'HANS MÜLLER' -e hm2@example.com >/dev/null
	crm-add -n 'ООО Привет' -e ooo@example.ru >/dev/null
	crm-add -n 'Иван' -e iv@example.ru -c 'ПРИВЕТ и К' >/dev/null
	eq "$(found 'hans ü' --limit 0)" 'HANS MÜLLER,Hans Müller'
	eq "$(found 'müller mü' --limit 0)" 'HANS MÜLLER,Hans Müller'
	eq "$(crm-segment "matches 'hans ü'" -f name | tail -n +2 |
	    paste -sd, -)" 'Hans Müller,HANS MÜLLER'
	eq "$(found 'Привет пр' --limit 0)" 'Иван,ООО Привет'
	# alone: the latest first, whatever its case
	eq "$(found ü --limit 1 2>/dev/null)" 'HANS MÜLLER'
	eq "$(found Ü --limit 0)" 'HANS MÜLLER,Hans Müller'
}

@test "a quote inside a word is a character; a search's columns are not imported back" {
	crm-add -n 'Say "hi" Ltd' -e say@example.com >/dev/null
	crm-add -n 'Sayhi Corp' -e sayhi@example.com >/dev/null
	crm-add -n 'Size 12" pipe' -e size12@example.com >/dev/null
	# not split into say and "hi" (which found Sayhi too)
	eq "$(found 'say"hi"')" ''
	eq "$(found 'Say')" 'Sayhi Corp,Say "hi" Ltd'
	eq "$(found '12"')" 'Size 12" pipe'
	eq "$(found '2"')" 'Size 12" pipe'
	# crm-segment --search's output read back: snippet and rank are
	# the search's, not the customers' (as revenue, rfm ...)
	crm-segment --search say -o csv >s.csv
	run --separate-stderr crm-add --import s.csv
	[ "$status" -eq 0 ]
	has "$stderr" 'snippet: computed by crm, not imported'
	crm-segment --search say -o vcard >s.vcf
	eq "$(grep -c '^BEGIN:VCARD' s.vcf)" 2
	! grep -q 'snippet\|rank' s.vcf
	crm-add --import s.vcf >/dev/null 2>&1
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key IN
	    ('snippet', 'rank')")" 0
	# a user's own column called rank, alone, is theirs
	printf 'name,email,rank\nZed,zed@example.com,captain\n' >r.csv
	crm-add --import r.csv >/dev/null
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'rank'")" captain
}

@test "a customer's number, other e-mails and ids are searched; a deal filter's matches is the deal's text" {
	seed
	crm-add -n 'Kim' -e kim@example.com -x C-1003 >/dev/null
	eq "$(found C-1003)" Kim
	crm-add -u kim@example.com -x C-2004 >/dev/null
	eq "$(found C-1003)" ''
	eq "$(found C-2004)" Kim
	# a deal filter: the deals whose title or notes hold the words,
	# not every deal of a customer who matches
	crm-deal add bob@example.com 'Unrelated gasket order' >/dev/null
	eq "$(crm-deal list -f title "matches retrofit" | tail -n +2)" \
	    'Gearbox retrofit'
	eq "$(crm-deal list -f title "matches 'bilge'" | tail -n +2)" \
	    'Gearbox retrofit'
	eq "$(crm-deal list -f title "matches gasket" | tail -n +2)" \
	    'Unrelated gasket order'
}
