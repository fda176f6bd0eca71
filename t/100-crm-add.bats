#!/usr/bin/env bats
# Test plan: crm-add, one customer at a time (merge and reassign are in
# 120-crm-add-merge.bats, --import in 110-crm-add-import.bats).
#   - --help (stdout, 0), --version, a bad option (64, usage on stderr),
#     the usage errors of the command line
#   - add: every option stored as given, the e-mail trimmed and lower
#     case, the new id on stdout; defaults (status active, name '')
#   - bad values (e-mail, status, tag, field named like a column, invalid
#     UTF-8) exit 65 naming the option, nothing stored
#   - duplicates refused (external_id; e-mail after normalising): 65, the
#     message names the existing customer, the database unchanged
#   - --update by id, e-mail or external_id (bare or id:/email:/ext:)
#     changes only what is given; "" clears; --field k= removes a field;
#     --untag; an unknown key is 65 "no customer"; an e-mail or
#     external_id another customer has is refused (65); a key that names
#     two customers is refused
#   - -u -: the keys on stdin (crm-segment's output or one a line), the
#     same change to each, all or nothing (an unknown key: file:line, 65)
#   - the audit trail: "add" and "update" rows with CRM_USER as the actor,
#     or the login name without it; nothing changed, no row
#   - SQL-looking text as name, field key and value, tag, and --update key
#     is stored and printed literally, and every table is still there

load helper

SQL1="'; DROP TABLE customers; --"
SQL2="x' OR 1=1 --"

# The stored row, every core column, '|'-separated.
row() {
	sql "SELECT id, external_id, name, company, email, phone, industry,
	    tier, owner, status, created, updated FROM customers WHERE id = $1"
}

@test "--help prints the usage on stdout and exits 0" {
	run --separate-stderr crm-add --help
	status_is 0
	eq "$stderr" ""
	eq "${lines[0]}" "usage: crm-add [-d db] [-n name] [-e email] [-p phone] [-c company]"
	has "$output" "crm-add [-d db] --merge keep duplicate"
	has "$output" "crm-add [-d db] --import"
	run --separate-stderr crm-add -h
	status_is 0
	eq "${lines[0]}" "usage: crm-add [-d db] [-n name] [-e email] [-p phone] [-c company]"
	no_db
}

@test "--version prints the name and a version number" {
	run --separate-stderr crm-add --version
	status_is 0
	[[ "$output" =~ ^crm-add\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	eq "$stderr" ""
}

@test "a bad option exits 64 with the usage on stderr" {
	run --separate-stderr crm-add --bogus
	fails_usage 64 "crm-add: unrecognized option '--bogus'"
	run --separate-stderr crm-add -n
	fails_usage 64 "crm-add: option requires an argument -- 'n'"
	no_db
}

@test "usage errors of the command line exit 64 with the usage on stderr" {
	run --separate-stderr crm-add -n Ann extra
	fails_usage 64 "crm-add: too many arguments"
	run --separate-stderr crm-add -u 1
	fails_usage 64 "crm-add: --update needs something to change"
	run --separate-stderr crm-add -n Ann --dry-run
	fails_usage 64 "crm-add: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --source, --rejects, --defer-index and --dry-run go with --import"
	run --separate-stderr crm-add -u 1 --merge 1 2
	fails_usage 64 "crm-add: --update, --merge, --reassign, --import, --erase and --unerase do not go together"
	run --separate-stderr crm-add -n Ann -F novalue
	fails_usage 64 "crm-add: --field takes KEY=VALUE"
	run --separate-stderr crm-add -n Ann -F =value
	fails_usage 64 "crm-add: --field takes KEY=VALUE"
}

@test "a customer needs a name or an e-mail" {
	crm-add -n Seed >/dev/null
	run --separate-stderr crm-add -p '+1 555 0100' -c Acme
	fails_usage 64 "crm-add: a customer needs a --name or an --email"
	eq "$(ncustomers)" 1
}

@test "every option is stored as given and the new id printed" {
	run --separate-stderr crm-add -n 'Ann Lee' -e ann@example.com \
	    -p '+44 20 7946 0001' -c 'Northwind Steel, Ltd.' -i steel -T gold \
	    --owner alice --status lead --external-id C-1001 \
	    --created 2026-01-05T09:30:00Z -t vip -t renewal \
	    -F City=London -F 'Next visit=2026-12-01'
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	eq "$(row 1)" "1|C-1001|Ann Lee|Northwind Steel, Ltd.|ann@example.com|+44 20 7946 0001|steel|gold|alice|lead|2026-01-05T09:30:00Z|2026-11-23T10:00:00Z"
	eq "$(sql 'SELECT tag FROM tags WHERE customer_id = 1 ORDER BY tag')" $'renewal\nvip'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields WHERE customer_id = 1 ORDER BY key")" \
	    $'City=London\nNext visit=2026-12-01'
}

@test "long options are the short ones" {
	crm-add --name Ann --email ann@example.com --phone 1 --company Acme \
	    --industry steel --tier gold --tag vip --field City=Oslo >/dev/null
	eq "$(sql 'SELECT name, email, phone, company, industry, tier FROM customers')" \
	    'Ann|ann@example.com|1|Acme|steel|gold'
	eq "$(sql 'SELECT tag FROM tags')" vip
	eq "$(sql 'SELECT key, value FROM customer_fields')" 'City|Oslo'
}

@test "ids count up; defaults are status active and no other values" {
	run --separate-stderr crm-add -n Ann
	eq "$output" 1
	run --separate-stderr crm-add -e Bob@Example.com
	eq "$output" 2
	eq "$(sql "SELECT id, quote(external_id), name, quote(company), quote(email), quote(phone), quote(industry), quote(tier), quote(owner), status FROM customers ORDER BY id")" \
	    $'1|NULL|Ann|NULL|NULL|NULL|NULL|NULL|NULL|active\n2|NULL||NULL|\'bob@example.com\'|NULL|NULL|NULL|NULL|active'
}

@test "the e-mail is stored trimmed and in lower case" {
	crm-add -n Ann -e ' ANN@X.com ' >/dev/null
	eq "$(sql 'SELECT email FROM customers')" ann@x.com
}

@test "the status is one of lead, prospect, active, inactive, lost (any case)" {
	crm-add -n A --status PROSPECT >/dev/null
	eq "$(sql 'SELECT status FROM customers')" prospect
	run --separate-stderr crm-add -n B --status customer
	fails 65 "crm-add: --status: not a status (lead, prospect, active, inactive, lost)"
	eq "$(ncustomers)" 1
}

@test "bad values exit 65 naming what is wrong, and store nothing" {
	crm-add -n Seed >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add -n Ann -e 'ann at example.com'
	fails 65 "crm-add: --email: not a valid e-mail address"
	run --separate-stderr crm-add -n Ann -e 'ann@example'
	fails 65 "crm-add: --email: not a valid e-mail address"
	# a phone of no digit: a word given to -p (qa38 F9g)
	run --separate-stderr crm-add -n Ann -p gold
	fails 65 "crm-add: --phone: 'gold' has no digit: not a phone number"
	run --separate-stderr crm-add -n Ann -t 'a,b'
	fails 65 "crm-add: a tag must be non-empty and have no comma"
	run --separate-stderr crm-add -n Ann -t ' '
	fails 65 "crm-add: a tag must be non-empty and have no comma"
	run --separate-stderr crm-add -n Ann -F tier=gold
	fails 65 "crm-add: tier: is a column, not an extra field"
	run --separate-stderr crm-add -n Ann -F 'tags=x'
	fails 65 "crm-add: tags: is a column, not an extra field"
	run --separate-stderr crm-add -n Ann -F 'Email=x'
	fails 65 "crm-add: Email: is a column, not an extra field"
	eq "$(dump)" "$before"
}

@test "invalid UTF-8 in --name exits 65 and stores nothing" {
	crm-add -n Seed >/dev/null
	run --separate-stderr crm-add -n $'Ann \xff\xfe Lee'
	fails 65 "crm-add: --name: invalid UTF-8"
	run --separate-stderr crm-add -n $'\xc0\xaf'
	fails 65 "crm-add: --name: invalid UTF-8"
	run --separate-stderr crm-add -n Ann -c $'Acme\xed\xa0\x80'
	fails 65 "crm-add: --company: invalid UTF-8"
	run --separate-stderr crm-add -n Ann -F $'City=Z\xfcrich'
	fails 65 "crm-add: City: invalid UTF-8"
	run --separate-stderr crm-add -n Ann -t $'\xff'
	fails 65 "crm-add: a tag: invalid UTF-8"
	eq "$(sql 'SELECT name FROM customers')" Seed
}

@test "UTF-8 text is stored as given" {
	crm-add -n '王小明' -c '华北钢铁有限公司' -F '城市=北京' -t '重点' >/dev/null
	eq "$(sql 'SELECT name, company FROM customers')" '王小明|华北钢铁有限公司'
	eq "$(sql 'SELECT key, value FROM customer_fields')" '城市|北京'
	eq "$(sql 'SELECT tag FROM tags')" '重点'
}

@test "the same external_id again is refused: 65 naming the customer, database unchanged" {
	crm-add -n Ann --external-id C-1 >/dev/null
	crm-add -n Bob --external-id C-2 >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add -n 'Ann again' --external-id C-1
	fails 65 "crm-add: customer 1 already has this external_id (to change that customer: crm-add --update 1)"
	eq "$(dump)" "$before"
	eq "$(ncustomers)" 2
}

@test "the same e-mail after normalising is refused: 65 naming the customer, database unchanged" {
	crm-add -n Bob -e bob@x.com >/dev/null
	crm-add -n Ann -e ann@x.com >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add -n 'Ann again' -e ' ANN@X.com '
	fails 65 "crm-add: customer 2 already has this email (to change that customer: crm-add --update 2)"
	eq "$(dump)" "$before"
	eq "$(ncustomers)" 2
}

@test "--update by id changes only the given fields" {
	crm-add -n Ann -e ann@x.com -p 1 -c Acme -i steel -T gold --owner alice \
	    --external-id C-1 -t vip -F City=Oslo >/dev/null
	crm-add -n Bob -e bob@x.com -p 2 >/dev/null
	local bob; bob=$(row 2)
	CRM_NOW=2026-11-24T08:00:00Z
	run --separate-stderr crm-add --update 1 -T platinum -p '+47 1'
	status_is 0
	eq "$output" 1
	# the phone replaced is kept, and said (qa24)
	eq "$stderr" "crm-add: customer 1: the phone it had, 1, is kept in other phones (-F 'other phones=' drops them)"
	eq "$(row 1)" "1|C-1|Ann|Acme|ann@x.com|+47 1|steel|platinum|alice|active|2026-11-23T10:00:00Z|2026-11-24T08:00:00Z"
	eq "$(sql 'SELECT tag FROM tags WHERE customer_id = 1')" vip
	eq "$(sql 'SELECT key, value FROM customer_fields WHERE customer_id = 1 ORDER BY key')" $'City|Oslo\nother phones|1'
	eq "$(row 2)" "$bob"
}

# qa25 F2, F9: other phones held the phone's own number and one number
# twice, as typed.
@test "-F 'other phones=...' keeps each number once and none the phone's, however written; -u - each customer's own (qa25)" {
	run --separate-stderr crm-add -n Di -e di@x.example -p '+44 7700 900123' \
	    -F 'other phones=07700 900123, +44 7700 900555, +447700900555'
	status_is 0
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other phones'")" '+44 7700 900555'
	run --separate-stderr crm-add -u 1 -F 'other phones=+44 7700 900777, +44 7700 900777, (07700) 900-123'
	status_is 0
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other phones'")" '+44 7700 900777'
	# a list given to a stream: none of each customer's own phone
	crm-add -n Ed -e ed@x.example -p '+44 7700 900555' >/dev/null
	printf 'di@x.example\ned@x.example\n' >keys
	run --separate-stderr crm-add -u - -F 'other phones=+44 7700 900123, +44 7700 900555, 07700 900555' <keys
	status_is 0
	eq "$(sql "SELECT customer_id, value FROM customer_fields WHERE key = 'other phones' ORDER BY 1")" \
	    $'1|+44 7700 900555\n2|+44 7700 900123'
}

@test "--update by e-mail, in any case and with spaces" {
	crm-add -n Ann -e ann@x.com -c Acme >/dev/null
	run --separate-stderr crm-add -u ' ANN@X.COM ' -c 'Acme Ltd'
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT name, company, email FROM customers')" 'Ann|Acme Ltd|ann@x.com'
	run --separate-stderr crm-add -u email:ann@x.com -i steel
	status_is 0
	eq "$(sql 'SELECT industry FROM customers')" steel
}

@test "--update by external_id" {
	crm-add -n Ann --external-id C-1001 >/dev/null
	crm-add -n Bob --external-id C-1002 >/dev/null
	run --separate-stderr crm-add --update C-1002 --owner dana
	status_is 0
	eq "$output" 2
	eq "$(sql 'SELECT id, quote(owner) FROM customers ORDER BY id')" $'1|NULL\n2|\'dana\''
	run --separate-stderr crm-add --update ext:C-1001 --owner erin
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT owner FROM customers WHERE id = 1')" erin
}

@test "--update can change the e-mail and external_id, normalised" {
	crm-add -n Ann -e ann@x.com --external-id C-1 >/dev/null
	crm-add -u 1 -e ' Ann.Lee@X.com ' --external-id C-9 >/dev/null
	eq "$(sql 'SELECT email, external_id FROM customers')" 'ann.lee@x.com|C-9'
}

@test "--update with an empty string clears a value" {
	crm-add -n Ann -e ann@x.com -p 1 -c Acme -i steel -T gold --owner alice \
	    --external-id C-1 >/dev/null
	crm-add -u 1 -c '' -p '' -e '' --external-id '' -i '' -T '' --owner '' >/dev/null
	eq "$(sql 'SELECT name, quote(company), quote(phone), quote(email), quote(external_id), quote(industry), quote(tier), quote(owner) FROM customers')" \
	    'Ann|NULL|NULL|NULL|NULL|NULL|NULL|NULL'
	# the e-mail and external_id are free for someone else now
	crm-add -n Other -e ann@x.com --external-id C-1 >/dev/null
	eq "$(ncustomers)" 2
}

@test "--field k= removes a field; --field k=v sets or replaces one" {
	crm-add -n Ann -F City=Oslo -F Size=10 >/dev/null
	crm-add -u 1 -F City= -F Size=20 -F Fax=123 >/dev/null
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" $'Fax=123\nSize=20'
}

@test "--tag adds and --untag removes tags" {
	crm-add -n Ann -t vip -t renewal >/dev/null
	crm-add -u 1 --untag renewal -t key-account >/dev/null
	eq "$(sql 'SELECT tag FROM tags ORDER BY tag')" $'key-account\nvip'
	crm-add -u 1 --untag no-such-tag >/dev/null
	eq "$(sql 'SELECT count(*) FROM tags')" 2
}

@test "--untag without --update is a usage error" {
	run --separate-stderr crm-add -n Ann --untag vip
	fails_usage 64 "crm-add: --untag needs --update"
}

@test "--update of an unknown key exits 65 'no customer'" {
	crm-add -n Ann -e ann@x.com --external-id C-1 >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add -u 2 -p 1
	fails 65 "crm-add: no customer '2'"
	run --separate-stderr crm-add -u nobody@x.com -p 1
	fails 65 "crm-add: no customer 'nobody@x.com'"
	run --separate-stderr crm-add -u C-2 -p 1
	fails 65 "crm-add: no customer 'C-2'"
	eq "$(dump)" "$before"
}

@test "-u - gives every customer a stream names the same change, in one transaction; an unknown key is its line, 65, nothing changed (qa22)" {
	for n in ann bo cy; do crm-add -n $n -e $n@x.com >/dev/null; done
	# crm-segment's output: its id column
	run --separate-stderr bash -c "crm-segment -f id 'email <> \"bo@x.com\"' | crm-add -u - -t unsubscribed --owner alice"
	status_is 0
	eq "$output" $'1\n3'
	eq "$stderr" "2 customers updated"
	eq "$(sql "SELECT c.email || ' ' || t.tag || ' ' || c.owner FROM tags t JOIN customers c ON c.id = t.customer_id ORDER BY c.id")" \
	    $'ann@x.com unsubscribed alice\ncy@x.com unsubscribed alice'
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 2
	# keys one a line, no header; a blank line and a key twice are fine
	run --separate-stderr crm-add -u - --untag unsubscribed <<<$'cy@x.com\n\n1\ncy@x.com'
	status_is 0
	eq "$output" $'3\n1'
	eq "$(sql 'SELECT count(*) FROM tags')" 0
	# one unknown key: its line, and nobody changed
	local before; before=$(dump)
	run --separate-stderr crm-add -u - -t vip <<<$'1\n2\nnobody@x.com'
	fails 65 "crm-add: stdin:3: no customer 'nobody@x.com'"
	eq "$(dump)" "$before"
	run --separate-stderr crm-add -u - -t vip <<<$'id\n2\n9'
	fails 65 "crm-add: stdin:3: id: no customer '9'"
	eq "$(dump)" "$before"
	# an empty segment changes nobody
	run --separate-stderr bash -c "crm-segment -f id 'has nothing' | crm-add -u - -t vip"
	status_is 0
	eq "$stderr" "0 customers updated"
	eq "$(dump)" "$before"
	# one customer's own values cannot go to many
	run --separate-stderr crm-add -u - -e one@x.com <<<1
	fails_usage 64 "crm-add: -u - gives every customer of the stream the same change: --name, --email, --phone, --external-id and --domain are one customer's"
}

# qa24 F8: an empty stream (a grep with no match) was "empty file: a
# header line is needed", though plain keys need no header.
@test "-u - with an empty stream (zero bytes) changes nobody: 0 customers updated, exit 0; --erase - with one says no customer was given (qa24)" {
	crm-add -n Ann -e ann@x.com >/dev/null
	local before; before=$(dump)
	run --separate-stderr bash -c "grep nobody /dev/null | crm-add -u - -t vip"
	status_is 0
	eq "$stderr" "0 customers updated"
	eq "$(dump)" "$before"
	run --separate-stderr bash -c "printf '' | crm-add --erase - --yes"
	status_is 0
	eq "$stderr" "0 customers erased (0 interactions, 0 reminders, 0 deals; 0 audit rows scrubbed)"
	eq "$(dump)" "$before"
	# an import of nothing is still refused
	run --separate-stderr bash -c "printf '' | crm-add --import"
	fails 65 "crm-add: stdin:1: empty file"
}

@test "--update to another customer's e-mail or external_id is refused (65)" {
	crm-add -n Ann -e ann@x.com --external-id C-1 >/dev/null
	crm-add -n Bob -e bob@x.com --external-id C-2 >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add -u 2 -e ' Ann@X.com'
	fails 65 "crm-add: customer 1 already has this email (to change that customer: crm-add --update 1)"
	run --separate-stderr crm-add -u bob@x.com --external-id C-1
	fails 65 "crm-add: customer 1 already has this external_id (to change that customer: crm-add --update 1)"
	eq "$(dump)" "$before"
}

@test "--update to the customer's own e-mail in another case is no conflict" {
	crm-add -n Ann -e ann@x.com >/dev/null
	run --separate-stderr crm-add -u 1 -e ANN@x.com -p 5
	status_is 0
	eq "$(sql 'SELECT email, phone FROM customers')" 'ann@x.com|5'
}

@test "a bare key that is one customer's id and another's external_id is refused" {
	crm-add -n Ann --external-id 2 >/dev/null
	crm-add -n Bob >/dev/null
	run --separate-stderr crm-add -u 2 -p 1
	fails 65 "crm-add: '2' names two customers (2 and 1): say id:2 or ext:2"
	crm-add -u id:2 -p 22 >/dev/null
	crm-add -u ext:2 -p 11 >/dev/null
	eq "$(sql 'SELECT id, phone FROM customers ORDER BY id')" $'1|11\n2|22'
}

@test "an add leaves an audit row: action add, actor CRM_USER, the values" {
	crm-add -n Ann -e ann@x.com -T gold -F City=Oslo >/dev/null
	eq "$(sql 'SELECT at, actor, action, customer_id FROM audit')" \
	    '2026-11-23T10:00:00Z|tester|add|1'
	run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d["name"], d["email"], d["tier"], d["field:City"])' \
	    "$(sql 'SELECT detail FROM audit')"
	status_is 0
	eq "$output" 'Ann ann@x.com gold Oslo'
}

@test "an update leaves an audit row with the old and new values" {
	crm-add -n Ann -T gold -c Acme >/dev/null
	CRM_USER=alice CRM_NOW=2026-11-24T09:00:00Z crm-add -u 1 -T platinum -c '' >/dev/null
	eq "$(sql "SELECT at, actor, action, customer_id FROM audit WHERE action = 'update'")" \
	    '2026-11-24T09:00:00Z|alice|update|1'
	run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d["tier"], d["company"])' \
	    "$(sql "SELECT detail FROM audit WHERE action = 'update'")"
	status_is 0
	eq "$output" "['gold', 'platinum'] ['Acme', None]"
}

@test "an update that changes nothing leaves no audit row and keeps updated" {
	crm-add -n Ann -T gold >/dev/null
	CRM_NOW=2026-11-30T00:00:00Z crm-add -u 1 -T gold >/dev/null
	eq "$(sql 'SELECT count(*) FROM audit')" 1
	eq "$(sql 'SELECT updated FROM customers')" 2026-11-23T10:00:00Z
}

@test "without CRM_USER the actor is the login name" {
	local me; me=$(id -un)
	env -u CRM_USER crm-add -n Ann >/dev/null
	CRM_USER='' crm-add -u 1 -p 1 >/dev/null
	eq "$(sql 'SELECT actor FROM audit ORDER BY id')" "$me"$'\n'"$me"
}

@test "SQL-looking text is stored and printed literally" {
	crm-add -n "$SQL1" -c "$SQL2" -t "$SQL1" -t "$SQL2" -F "$SQL1=$SQL2" \
	    --external-id "$SQL2" >/dev/null
	eq "$(sql 'SELECT name, company, external_id FROM customers')" "$SQL1|$SQL2|$SQL2"
	eq "$(sql 'SELECT tag FROM tags ORDER BY tag')" "$SQL1"$'\n'"$SQL2"
	eq "$(sql 'SELECT key, value FROM customer_fields')" "$SQL1|$SQL2"
	run --separate-stderr crm-segment -f "name,company,tags,$SQL1"
	status_is 0
	eq "$output" "name	company	tags	$SQL1"$'\n'"$SQL1	$SQL2	$SQL1,$SQL2	$SQL2"
	# the tables are all still there (and none of them empty)
	eq "$(sql 'SELECT 1 FROM customers, customer_fields, tags, audit LIMIT 1')" 1
}

@test "SQL-looking text as an --update key finds that customer and no other" {
	crm-add -n Ann --external-id "$SQL2" >/dev/null
	crm-add -n Bob >/dev/null
	run --separate-stderr crm-add -u "$SQL2" -F "$SQL1=$SQL1"
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT customer_id, key, value FROM customer_fields')" "1|$SQL1|$SQL1"
	run --separate-stderr crm-add -u "$SQL1" -p 1
	fails 65 "crm-add: no customer '$SQL1'"
	run --separate-stderr crm-add -u "1 OR 1=1" -p 1
	fails 65 "crm-add: no customer '1 OR 1=1'"
	eq "$(sql 'SELECT count(*) FROM customers WHERE phone IS NOT NULL')" 0
	eq "$(ncustomers)" 2
}
