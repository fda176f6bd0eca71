#!/usr/bin/env bats
# Hostile input, across every program: what looks like SQL is only text,
# and what is too big, broken or deep ends in a clear error, never a
# crash, a hang or a half-written database.
#
# What is checked:
#   - SQL-looking text through every argument that is stored, and through
#     every column of both imports: stored and printed as it is, the
#     schema whole
#   - SQL-looking text where a key, a field name, a group or a filter
#     value is expected: found nothing, or named in an error
#   - a 1 MiB field stored whole and exported byte for byte; one byte
#     more refused naming its column
#   - NUL bytes and invalid UTF-8 in every reader and every stored
#     argument: 65, the line and column, nothing stored
#   - 1,000,000 columns in a header; 10,000 parentheses in every place
#     that takes a filter: a clear error at once
# (filter compilation itself: t/210-crm-segment-filter.bats)

load helper

S="x'); DROP TABLE customers; --"
D='1 OR 1=1; DELETE FROM interactions'

# The tables are all there (on a server all but SQLite's sales cells
# and years; sqlite_sequence, customers' largest id ever given, on both).
TABLES="agg_defer audit cust_never cust_orders cust_periods cust_sales cust_split cust_totals cust_years customer_fields customers deal_fields deal_history deals erased identities interaction_fields interactions reminders rules scores settings sqlite_sequence stages tags"
schema_whole() {
	if is_pg "$CRM_DB"; then
		local t n=0
		for t in ${TABLES/cust_sales cust_split /}; do
			[ "$t" != cust_years ] || continue
			sql "SELECT count(*) FROM $t" >/dev/null && n=$((n + 1))
		done
		eq "$n" 22
		return
	fi
	eq "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM
	    sqlite_schema WHERE type = 'table' AND name NOT LIKE 'undo%'
	    AND name NOT LIKE 'fts%'
	    ORDER BY name)")" "$TABLES"
}

@test "SQL-looking text in every stored argument is stored and printed as it is" {
	crm-add -n "$S" -c "$D" -e "o'reilly@example.com" -p "$D" -i "$S" \
	    -T "$D" --owner "$S" --external-id "$D" -t "$S" -F "$S=$D" >/dev/null
	crm-log 1 purchase --product "$S" --ref "$D" --owner "$D" --amount 5 \
	    "$S" >/dev/null
	crm-log 1 feedback --rating 4 --score "$S=5" "$D" >/dev/null
	crm-remind add 1 --in 1d --owner "$D" "$S" >/dev/null
	crm-remind rule add "name = \"$S\"" --every 1m --owner "$S" "$D" >/dev/null
	schema_whole
	eq "$(sql "SELECT name, company, email, phone, industry, tier, owner,
	    external_id FROM customers")" \
	    "$S|$D|o'reilly@example.com|$D|$S|$D|$S|$D"
	eq "$(sql 'SELECT tag FROM tags')" "$S"
	eq "$(sql 'SELECT key, value FROM customer_fields')" "$S|$D"
	eq "$(sql 'SELECT product, ref, owner, summary FROM interactions WHERE id = 1')" \
	    "$S|$D|$D|$S"
	# Indicator names are folded to lower case, like kinds.
	eq "$(sql 'SELECT indicator FROM scores')" "${S,,}"
	eq "$(sql 'SELECT owner, note FROM reminders')" "$D|$S"
	eq "$(sql 'SELECT expr, owner, note FROM rules')" "name = \"$S\"|$S|$D"
	# Printed back as stored, in TSV and JSON.
	run --separate-stderr crm-segment -f "name,company,tags,$S"
	status_is 0
	eq "$output" "name	company	tags	$S"$'\n'"$S	$D	$S	$D"
	run --separate-stderr crm-segment -o json -f name,company
	status_is 0
	python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
assert r == {"name": sys.argv[1], "company": sys.argv[2]}, r
' "$S" "$D" <<<"$output"
	run --separate-stderr crm-report --from 2026-11-01 sales --group product -f product,revenue
	status_is 0
	eq "$output" $'product\trevenue\n'"$S"$'\t5.00'
	# The rule is an expression like any other: it selects customer 1.
	run --separate-stderr crm-remind --until 2027-12-31 -f customer,note
	status_is 0
	has "$output" "1	$S"
	has "$output" "1	$D"
	eq "$(ncustomers)" 1
}

@test "SQL-looking headers and values in every imported column are kept as they are" {
	printf '%s\n' \
	    "Name,Email,Company,Phone,Industry,Tier,Owner,Customer No,\"$S\"" \
	    "\"$S\",a@example.com,\"$D\",\"$D\",\"$S\",\"$D\",\"$S\",\"$D\",\"$S\"" \
	    >customers.csv
	run --separate-stderr crm-add --import customers.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	printf '%s\n' "email,kind,amount,product,ref,summary,owner" \
	    "a@example.com,purchase,7,\"$S\",\"$D\",\"$S\",\"$D\"" >log.csv
	run --separate-stderr crm-log --import log.csv
	status_is 0
	schema_whole
	eq "$(sql "SELECT name, company, phone, industry, tier, owner,
	    external_id FROM customers WHERE type = 'person'")" "$S|$D|$D|$S|$D|$S|$D"
	eq "$(sql "SELECT name FROM customers WHERE type = 'org'")" "$D"
	eq "$(sql 'SELECT key, value FROM customer_fields')" "$S|$S"
	eq "$(sql 'SELECT product, ref, summary, owner FROM interactions')" \
	    "$S|$D|$S|$D"
	# The export imports back unchanged.
	run --separate-stderr bash -c 'crm-segment -f all | crm-add --import --dry-run'
	status_is 0
	eq "$stderr" "dry run: 0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "SQL-looking keys, fields, groups and values find nothing or are named in an error" {
	crm-add -n Ann -T gold >/dev/null
	crm-log 1 purchase --amount 10 >/dev/null
	before=$(dump)
	run --separate-stderr crm-add -u "$D" -p 1
	fails 65 "crm-add: no customer '$D'"
	run --separate-stderr crm-log "$D" call hi
	fails 65 "crm-log: no customer '$D'"
	run --separate-stderr crm-remind add "$D" --in 1d hi
	fails 65 "crm-remind: no customer '$D'"
	run --separate-stderr crm-report customer "$D"
	fails 65 "crm-report: no customer '$D'"
	run --separate-stderr crm-segment --count "tier = \"$S\" or name = '$D'"
	status_is 0
	eq "$output" 0
	run --separate-stderr crm-report --from 2026-01-01 --where "tier = \"$S\"" summary -f grouping,customers
	status_is 0
	eq "${lines[1]}" "all	0"
	# a name that is no field is an extra field no customer has: empty
	run --separate-stderr crm-segment --by "$S"
	status_is 0
	eq "$stderr" "crm-segment: --by: no customer has a field '$S': its cells are empty"
	eq "${lines[1]}" $'\t1\t10.00'
	run --separate-stderr crm-segment --count "\"$S\" = x"
	status_is 64
	has "$stderr" "crm-segment: expression: column 1:"
	run --separate-stderr crm-remind rule add "tier = gold; $D" --every 1m x
	status_is 64
	has "$stderr" "crm-remind: expression: column 14: unexpected '1'"
	sql "DELETE FROM audit WHERE action = 'export'"
	eq "$(dump)" "$before"
}

@test "a 1 MiB field is stored whole and exported byte for byte; one byte more is refused naming the column" {
	python3 -c '
import sys
print("name,email,bio")
print("Big,big@example.com," + "x" * 1048576)
' >big.csv
	run --separate-stderr crm-add --import big.csv
	status_is 0
	eq "$(sql "SELECT length(value) FROM customer_fields WHERE key = 'bio'")" 1048576
	crm-segment -f name,email,bio -o csv >out.csv
	eq "$(checksum out.csv)" "$(checksum big.csv)"
	python3 -c '
print("name,email,bio")
print("Bigger,bigger@example.com," + "y" * 1048577)
' >bigger.csv
	before=$(dump)
	run --separate-stderr crm-add --import bigger.csv
	fails 65 "crm-add: bigger.csv:2: bio: field longer than 1048576 bytes"
	eq "$(dump)" "$before"
}

@test "a 100 kB argument is stored whole" {
	long=$(head -c 100000 /dev/zero | tr '\0' 'y')
	crm-add -n Ann -F "notes=$long" >/dev/null
	crm-log 1 note "$long" >/dev/null
	eq "$(sql "SELECT length(value) FROM customer_fields")" 100000
	eq "$(sql "SELECT length(summary) FROM interactions")" 100000
}

@test "a NUL byte in any input stream: 65, the line and column, nothing stored" {
	crm-add -n Ann -e ann@example.com >/dev/null
	before=$(dump)
	printf 'name,email\nB\0b,b@example.com\n' >nul.csv
	run --separate-stderr crm-add --import nul.csv
	fails 65 "crm-add: nul.csv:2: name: contains a NUL byte"
	printf 'email,kind,summary\nann@example.com,call,a\0b\n' >nul-log.csv
	run --separate-stderr crm-log --import nul-log.csv
	fails 65 "crm-log: nul-log.csv:2: summary: contains a NUL byte"
	run --separate-stderr crm-log - call hello < <(printf 'id\n1\0\n')
	fails 65 "crm-log: stdin:2: id: contains a NUL byte"
	run --separate-stderr crm-remind add - --in 1d hello < <(printf 'id\n1\0\n')
	fails 65 "crm-remind: stdin:2: id: contains a NUL byte"
	eq "$(dump)" "$before"
}

@test "invalid UTF-8 in any stored argument: 65, nothing stored, no database made" {
	bad=$'caf\xe9'
	run --separate-stderr crm-add -n "$bad"
	fails 65 "crm-add: --name: invalid UTF-8"
	[[ ! -e $CRM_DB ]]
	crm-add -n Ann >/dev/null
	crm-log 1 complaint late >/dev/null
	before=$(dump)
	run --separate-stderr crm-log 1 call "$bad"
	fails 65 "crm-log: the summary: invalid UTF-8"
	run --separate-stderr crm-log 1 purchase --amount 1 --product "$bad"
	fails 65 "crm-log: --product: invalid UTF-8"
	run --separate-stderr crm-log 1 call --owner "$bad" hi
	fails 65 "crm-log: --owner: invalid UTF-8"
	run --separate-stderr crm-log 1 call --ref "$bad" hi
	fails 65 "crm-log: --ref: invalid UTF-8"
	run --separate-stderr crm-log 1 feedback --score "$bad=4" hi
	fails 65 "crm-log: --score: invalid UTF-8"
	run --separate-stderr crm-log --resolve 1 "$bad"
	fails 65 "crm-log: the summary: invalid UTF-8"
	run --separate-stderr crm-remind add 1 --in 1d "$bad"
	fails 65 "crm-remind: the note: invalid UTF-8"
	run --separate-stderr crm-remind add 1 --in 1d --owner "$bad" hi
	fails 65 "crm-remind: --owner: invalid UTF-8"
	run --separate-stderr crm-remind rule add 'tier = gold' --every 1m "$bad"
	fails 65 "crm-remind: the note: invalid UTF-8"
	run --separate-stderr crm-add -u 1 -t "$bad"
	fails 65 "crm-add: a tag: invalid UTF-8"
	run --separate-stderr crm-add -u 1 -F "$bad=x"
	fails 65 "crm-add: a field name: invalid UTF-8"
	eq "$(dump)" "$before"
}

@test "invalid UTF-8 in a file without --encoding: 65, the line and column, a hint" {
	crm-add -n Ann -e ann@example.com >/dev/null
	before=$(dump)
	printf 'email,kind,summary\nann@example.com,call,caf\xe9\n' >latin1.csv
	run --separate-stderr crm-log --import latin1.csv
	fails 65 "crm-log: latin1.csv:2: summary: invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
	run --separate-stderr crm-log --import --encoding CP1252 latin1.csv
	status_is 0
	eq "$(sql 'SELECT summary FROM interactions')" "café"
}

@test "1,000,000 columns in a header: 65 at once, for both imports" {
	python3 -c '
print(",".join("c%d" % i for i in range(1000000)))
print(",".join("v" for i in range(1000000)))
' >wide.csv
	run --separate-stderr crm-add --import wide.csv
	fails 65 "crm-add: wide.csv:1: header: more than 4096 columns"
	run --separate-stderr crm-log --import wide.csv
	fails 65 "crm-log: wide.csv:1: header: more than 4096 columns"
	[[ ! -s $CRM_DB ]]
}

@test "10,000 nested parentheses in every filter: 64, nested too deeply" {
	crm-add -n Ann -T gold >/dev/null
	before=$(dump)
	deep="$(printf '(%.0s' {1..10000})tier = gold$(printf ')%.0s' {1..10000})"
	msg="expression: column 33: expression nested too deeply (more than 32 levels)"
	run --separate-stderr crm-segment "$deep"
	fails 64 "crm-segment: $msg"
	run --separate-stderr crm-report --where "$deep" summary
	fails 64 "crm-report: --where: column 33: expression nested too deeply (more than 32 levels)"
	run --separate-stderr crm-remind rule add "$deep" --every 1m hi
	fails 64 "crm-remind: $msg"
	sql "DELETE FROM audit WHERE action = 'export'"
	eq "$(dump)" "$before"
}

@test "hostile JSON Lines: deep nesting, a NUL escape, invalid UTF-8, a 2 MiB string, 4097 keys: 65, nothing stored" {
	crm-add -n Ann -e ann@example.com >/dev/null
	before=$(dump)
	{ echo '{"email":"ann@example.com","kind":"call"}'
	  printf '{"email":%s1%s,"kind":"call"}\n' "$(printf '[%.0s' {1..10000})" \
	      "$(printf ']%.0s' {1..10000})"; } >deep.jsonl
	run --separate-stderr crm-log --import deep.jsonl
	fails 65 "crm-log: deep.jsonl:2: character 10: nested objects and arrays are not read"
	printf '{"email":"ann@example.com","kind":"call","summary":"a\\u0000b"}\n' >nul.jsonl
	run --separate-stderr crm-log --import nul.jsonl
	fails 65 "crm-log: nul.jsonl:1: character 54: contains a NUL byte"
	printf '{"email":"ann@example.com","kind":"call"}\n{"email":"ann@example.com","kind":"caf\xe9"}\n' >latin1.jsonl
	run --separate-stderr crm-log --import latin1.jsonl
	fails 65 "crm-log: latin1.jsonl:2: kind: invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
	python3 -c '
print("{\"email\":\"ann@example.com\",\"kind\":\"call\"}")
print("{\"email\":\"ann@example.com\",\"kind\":\"" + "x" * 2097152 + "\"}")' >long.jsonl
	run --separate-stderr crm-log --import long.jsonl
	fails 65 "crm-log: long.jsonl:2: kind: field longer than 1048576 bytes"
	# every record a key of its own: the columns are bounded, not the
	# memory taken
	python3 -c '
for i in range(4097): print("{\"email\":\"ann@example.com\",\"k%d\":1}" % i)' >keys.jsonl
	run --separate-stderr crm-log --import keys.jsonl
	fails 65 "crm-log: keys.jsonl:4096: character 28: more than 4096 keys in all"
	eq "$(dump)" "$before"
}
