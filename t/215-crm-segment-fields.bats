#!/usr/bin/env bats
# Test plan: extra fields named in the filter language (lib/expr.c,
# crm-segment(1) "Filter expressions"), on five customers imported from
# a spreadsheet whose headers no bare word can hold.
#   - [name] for names with spaces, punctuation and CJK: is [not] empty,
#     = != in, not in, ~ (a part and a glob); "]]" inside is one "]"; the
#     name is exact (case, spaces); [tier] is the column tier
#   - bare CJK names and values: 客户来源 = 展会
#   - comparisons as for a bare-named extra field: text without case,
#     numbers as numbers, ISO dates as text (which orders them)
#   - "[" where a value goes is part of the value: name ~ [ab]* globs
#   - brackets with and/or/not and parentheses, with and without spaces
#   - every user of the filter: crm-segment, crm-report --where, a
#     crm-remind rule
#   - a hostile name in brackets is only a name
#   - errors: unterminated "[", empty "[]", an unknown name in brackets,
#     what follows "]": exit 64, the column, the exact message

load helper

# The fixture (t/data/seg-fields.csv):
#
# id name WeChat ID Next visit 客户来源 a-b Lifetime Value (USD) Note [internal]
# 1  Ann  ann_wx    2026-11-30 展会     x   1200                 vip]
# 2  Bob  -         2027-01-15 官网     y   80.5                 -
# 3  Cai  CAI_WX    -          展会     -   n/a                  call first
# 4  Dee  -         2026-12-01 转介绍   X   99                   -
# 5  Eve  eve.wx    -          -        -   -                    -
#
# (an empty cell is no field at all).
setup() {
	crm_setup
	crm-add --import "$DATA/seg-fields.csv" 2>/dev/null
}

# picks [OPTION...] EXPR: the ids selected, on one line, or what failed.
picks() {
	local out
	if ! out=$(crm-segment -f id "$@" 2>&1); then
		printf 'FAILED: %s' "$out"
		return 0
	fi
	sed 1d <<<"$out" | paste -sd ' ' -
}

# bad EXPR MESSAGE: refused with exit 64, MESSAGE after "crm-segment:
# expression: ", nothing on stdout.
bad() {
	run --separate-stderr crm-segment -f id "$1"
	fails 64 "crm-segment: expression: $2"
}

@test "the fixture's headers are extra fields under their own names" {
	eq "$(sql "SELECT DISTINCT key FROM customer_fields ORDER BY key" | paste -sd '|' -)" \
	    "Lifetime Value (USD)|Next visit|Note [internal]|WeChat ID|a-b|客户来源"
}

@test "[name] with spaces or punctuation: is empty, is not empty" {
	eq "$(picks '[WeChat ID] is not empty')" "1 3 5"
	eq "$(picks '[WeChat ID] is empty')" "2 4"
	eq "$(picks '[Next visit] is not empty')" "1 2 4"
	eq "$(picks '[a-b] is empty')" "3 5"
	eq "$(picks '[Lifetime Value (USD)] is not empty')" "1 2 3 4"
	eq "$(picks '[客户来源] IS NOT EMPTY')" "1 2 3 4"
}

@test "[name]: = != in, not in, ~, text without regard to ASCII case" {
	eq "$(picks '[WeChat ID] = cai_wx')" "3"
	eq "$(picks '[a-b] = x')" "1 4"
	# a customer without the field differs from every value
	eq "$(picks '[a-b] != x')" "2 3 5"
	eq "$(picks '[客户来源] = 展会')" "1 3"
	eq "$(picks '[客户来源] != 展会')" "2 4 5"
	eq "$(picks '[客户来源] in (官网, 转介绍)')" "2 4"
	eq "$(picks '[客户来源] not in (展会)')" "2 4 5"
	eq "$(picks '[WeChat ID] ~ WX')" "1 3 5"
	eq "$(picks "[WeChat ID] ~ '*.wx'")" "5"
	eq "$(picks "[Note [internal]]] ~ 'call'")" "3"
}

@test "]] inside brackets is one ]; the name is exact, spaces and case (a near miss named)" {
	eq "$(picks '[Note [internal]]] = vip]')" "1"
	eq "$(picks '[Note [internal]]] is not empty')" "1 3"
	bad '[wechat id] = ann_wx' "column 1: unknown field 'wechat id' (did you mean 'WeChat ID'?)"
	bad '[ WeChat ID] = ann_wx' "column 1: unknown field ' WeChat ID' (did you mean 'WeChat ID'?)"
	# a "]" alone ends the name, so "[Note [internal]" names "Note
	# [internal", and in "[Note [internal]] = x" the "]]" is a "]" inside
	bad '[Note [internal]] = x' "column 1: unterminated field name in brackets"
	bad '[Note [internal] = x' "column 1: unknown field 'Note [internal' (did you mean 'Note [internal]'?)"
}

@test "a bare CJK word is a field name, and a value" {
	eq "$(picks '客户来源 = 展会')" "1 3"
	eq "$(picks '客户来源 in (官网,转介绍)')" "2 4"
	eq "$(picks '客户来源 is empty')" "5"
	eq "$(picks '客户来源 ~ 介')" "4"
}

@test "E-mail 2 Address and a-b, the issue's other names" {
	# crm-add --import takes "E-mail 2 Address" for a second e-mail; as
	# an extra field it comes from -F
	crm-add -u 2 -F 'E-mail 2 Address=bob2@fields.example' >/dev/null
	eq "$(picks '[E-mail 2 Address] ~ bob2')" "2"
	eq "$(picks '[E-mail 2 Address] is empty')" "1 3 4 5"
	# a bare word holds a-b: only spaces and ( ) , = ! < > ~ ' " end one
	eq "$(picks 'a-b = X')" "1 4"
}

@test "numbers compare as numbers, ISO dates as text, as for any extra field" {
	# 1200 > 100 as numbers (as text "1200" < "200"); n/a is no number
	eq "$(picks '[Lifetime Value (USD)] > 100')" "1"
	eq "$(picks '[Lifetime Value (USD)] > 200')" "1"
	eq "$(picks '[Lifetime Value (USD)] < 100')" "2 4"
	eq "$(picks '[Lifetime Value (USD)] <= 80.5')" "2"
	eq "$(picks '[Lifetime Value (USD)] = 99')" "4"
	# an ISO date is text that sorts as the date does; no visit is not
	# before or after any date
	eq "$(picks '[Next visit] < 2026-12-01')" "1"
	eq "$(picks '[Next visit] <= 2026-12-01')" "1 4"
	eq "$(picks '[Next visit] >= 2026-12-01')" "2 4"
	eq "$(picks '[Next visit] > 2026-12-01 and [Next visit] < 2027-02')" "2"
	# a duration is no age for an extra field: only text
	eq "$(picks '[Next visit] < 30d')" "1 2 4"
}

@test "brackets around a built-in name; a [ where a value goes is the value's" {
	sql "UPDATE customers SET tier = 'gold' WHERE id = 1"
	eq "$(picks '[tier] = gold')" "1"
	eq "$(picks '[name] ~ [ab]*')" "1 2"
	eq "$(picks 'name ~ [ab]*')" "1 2"
	eq "$(picks 'name in ([Ann], Bob)')" "2"
}

@test "brackets with and, or, not and parentheses; a space after a keyword" {
	eq "$(picks '[a-b] = x and [WeChat ID] is not empty')" "1"
	eq "$(picks '([a-b]=x)or [客户来源]=官网')" "1 2 4"
	eq "$(picks 'not [WeChat ID] is empty')" "1 3 5"
	eq "$(picks 'not([Next visit]is empty)and [a-b]in(y,x)')" "1 2 4"
	# "[" is a word's character: "or[" is one word, as "or_" would be
	bad '[a-b] = x or[a-b] = y' "column 11: unexpected 'or[a-b]'"
}

@test "an extra field called and, or, not is named in brackets" {
	crm-add -u 5 -F 'and=1' -F 'not=2' >/dev/null
	eq "$(picks '[and] = 1 or [not] = 2')" "5"
}

@test "crm-report --where counts the customers a bracketed field selects" {
	run --separate-stderr crm-report summary -f grouping,customers --where '[WeChat ID] is not empty'
	status_is 0
	eq "${lines[1]}" "all	3"
	run --separate-stderr crm-report summary -f grouping,customers --where '客户来源 = 展会 and [Lifetime Value (USD)] > 1000'
	status_is 0
	eq "${lines[1]}" "all	1"
	run --separate-stderr crm-report summary --where '[WeChat ID'
	fails 64 "crm-report: --where: column 1: unterminated field name in brackets"
}

@test "a crm-remind rule over a bracketed field lists exactly those customers" {
	run --separate-stderr crm-remind rule add '[Next visit] is not empty' --every 30d "note"
	status_is 0
	run --separate-stderr crm-remind -f customer,note
	status_is 0
	eq "$output" "customer	note
1	note
2	note
4	note"
	run --separate-stderr crm-remind rule add '[]' --every 30d x
	fails 64 "crm-remind: expression: column 1: empty field name in brackets"
	eq "$(sql 'SELECT count(*) FROM rules')" 1
}

@test "a hostile name in brackets is only a name" {
	local before
	crm-add -u 3 -F "x'); DROP TABLE customers; --=v" >/dev/null
	before=$(dump)
	eq "$(picks "[x'); DROP TABLE customers; --] = v")" "3"
	eq "$(picks "[x'' OR 1=1 --] is empty")" "FAILED: crm-segment: expression: column 1: unknown field 'x'' OR 1=1 --' (fields: id, external_id, name, company, email, phone, industry, tier, owner, status, created, updated, last_contact, last_purchase, purchases, orders, revenue, returns, complaints, open_complaints, rating, nps, interactions, type, org, role, domain, contacts, deals, pipeline, credit_limit, terms, open_amount, overdue, over_credit, risk, risk_signals, risk_gap, risk_drop, risk_complaints, risk_returns, risk_receivables, or an extra field)"
	eq "$(ncustomers)" 5
	sql "DELETE FROM audit WHERE action = 'export'"
	eq "$(dump)" "$before"
}

@test "errors: unterminated [, empty [], unknown [name], what follows ]" {
	bad '[WeChat ID is not empty' "column 1: unterminated field name in brackets"
	bad '[WeChat ID]] = x' "column 1: unterminated field name in brackets"
	bad '[] = x' "column 1: empty field name in brackets"
	bad '[]' "column 1: empty field name in brackets"
	# the column counts characters: [客户来源] is six
	bad '[客户来源] = 展会 and [Next' "column 17: unterminated field name in brackets"
	bad 'tier = x or [No such] = 1' "column 13: unknown field 'No such' (fields: id, external_id, name, company, email, phone, industry, tier, owner, status, created, updated, last_contact, last_purchase, purchases, orders, revenue, returns, complaints, open_complaints, rating, nps, interactions, type, org, role, domain, contacts, deals, pipeline, credit_limit, terms, open_amount, overdue, over_credit, risk, risk_signals, risk_gap, risk_drop, risk_complaints, risk_returns, risk_receivables, or an extra field)"
	bad '[WeChat ID]x = 1' "column 12: an operator (= != < <= > >= ~ in is) is needed here"
}
