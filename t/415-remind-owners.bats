#!/usr/bin/env bats
# Test plan: whose items crm-remind lists (issue 18, item 2; see
# man/crm-remind.1, "Rule items" and "Deals").
#   - a cadence rule's items belong to each customer's owner, whatever
#     the rule's --owner; the rule's owner takes the customers who have
#     none; without it they have no owner; reassigning a customer moves
#     its item
#   - --owner lists the rule owner's share alone
#   - a deal's item: the deal's owner, else the customer's, else whoever
#     made the deal (its first history row's actor)
# CRM_NOW=2026-11-23T10:00:00Z, CRM_USER=tester (t/helper.bash).

bats_require_minimum_version 1.5.0

load helper

# Four customers (t/data/remind-customers.csv) and their history
# (t/data/remind-log.csv):
#   1 Ann, gold, alice@example.com; called 2026-10-01T09:00
#   2 Bob, silver, bob; complaint 2026-11-21T00:00
#   3 Cy, gold, no owner; never contacted
#   4 Di, gold, dave@example.com; called 2026-11-20T09:00
scene() {
	crm-add --import "$DATA/remind-customers.csv" 2>/dev/null >&2
	crm-log --import "$DATA/remind-log.csv" 2>/dev/null >&2
}

# The rule items with their owners, due order, space-separated.
rule_items() {
	crm-remind --all -f id,owner "$@" | grep '^rule:' | tr '\t' '=' |
	    paste -sd ' '
}

@test "a rule's items go to each customer's owner; the rule's --owner takes the unowned" {
	scene
	crm-remind rule add 'tier = gold' --every 30d --owner sam Gold call >/dev/null
	crm-remind rule add 'tier = silver' --every 1m --owner sam Silver check >/dev/null
	# Gold: Ann due 10-01T09:00 + 30d = 10-31T09:00, alice's; Cy never
	# contacted, due when the rule was made (now), no owner: sam's; Di
	# 11-20T09:00 + 30d = 12-20T09:00, dave's.  Silver: Bob's complaint
	# 11-21 + 1m = 12-21T00:00, bob's, not sam's.
	eq "$(rule_items)" "rule:1:1=alice@example.com rule:1:3=sam rule:1:4=dave@example.com rule:2:2=bob"
	# sam's share is the one customer without an owner
	eq "$(crm-remind --all --owner sam -f id | tail -n +2 | paste -sd ' ')" "rule:1:3"
	# Ann goes to zoe: so does her item
	crm-add -u ann@example.com --owner zoe >/dev/null
	eq "$(rule_items)" "rule:1:1=zoe rule:1:3=sam rule:1:4=dave@example.com rule:2:2=bob"
	# Cy gets an owner: sam has nothing left
	crm-add -u 3 --owner cy-rep >/dev/null
	eq "$(rule_items)" "rule:1:1=zoe rule:1:3=cy-rep rule:1:4=dave@example.com rule:2:2=bob"
	eq "$(crm-remind --all --owner sam -f id)" ""
}

@test "a rule without --owner: customers without an owner have items without one" {
	scene
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	eq "$(rule_items)" "rule:1:1=alice@example.com rule:1:3= rule:1:4=dave@example.com"
}

@test "a deal's item: the deal's owner, else the customer's, else who made it" {
	scene
	# Made before their close dates passed, all past close now: due at
	# the close date, one item each.
	#   1 Cy's (no owner), made by desk: the deal is desk's
	#   2 Ann's, --owner carol
	#   3 Ann's, no --owner: alice's, her customer's owner
	CRM_USER=desk CRM_NOW=2026-10-01T00:00:00Z crm-deal add 3 Valves --close 2026-11-01 >/dev/null
	CRM_NOW=2026-10-01T00:00:00Z crm-deal add 1 Mill --close 2026-11-02 --owner carol >/dev/null
	CRM_NOW=2026-10-01T00:00:00Z crm-deal add 1 Rolls --close 2026-11-03 >/dev/null
	eq "$(sql "SELECT group_concat(owner, ' ') FROM (SELECT owner FROM deals ORDER BY id) AS d")" "desk carol alice@example.com"
	items() {
		crm-remind --all -f id,owner | grep '^deal:' | tr '\t' '=' |
		    paste -sd ' '
	}
	eq "$(items)" "deal:1=desk deal:2=carol deal:3=alice@example.com"
	# A deal without an owner (as stored by hand, or an empty one): the
	# customer's; Cy has none, so whoever made deal 1, desk.
	sql "UPDATE deals SET owner = NULL WHERE id IN (1, 3); UPDATE deals SET owner = '' WHERE id = 2"
	eq "$(items)" "deal:1=desk deal:2=alice@example.com deal:3=alice@example.com"
	# Cy gets an owner: deal 1 is now the rep's
	crm-add -u 3 --owner cy-rep >/dev/null
	eq "$(items)" "deal:1=cy-rep deal:2=alice@example.com deal:3=alice@example.com"
}
