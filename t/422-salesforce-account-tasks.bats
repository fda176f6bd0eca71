#!/usr/bin/env bats
# Test plan: a Salesforce task on an account alone (qa35 F6), from the
# weekly Data Export's Task.csv (t/data/real/salesforce-export-tasks.csv)
#   - an empty WhoId and an AccountId: the account's organisation, by the
#     Id crm-add kept (external_id), in crm-log --import and crm-remind
#     import, as a Pipedrive note on an organisation alone is
#   - a contact's row stays hers: the account's id is never learned as
#     hers, and a WhoId nobody has is refused, not filed on the account
#   - without AccountId (a Data Loader export) a WhatId of an account
#     (001...) is the account, one of an opportunity (006...) nobody
#   - an account nobody has is refused, --add-customers or not: its id
#     is never a new customer's name

bats_require_minimum_version 1.5.0

load helper

T="$BATS_TEST_DIRNAME/data/real/salesforce-export-tasks.csv"

setup() {
	crm_setup
	export TZ=UTC	# CRM_NOW is 2026-11-23T10:00:00Z (helper)
	crm-add --org -n Northwind -x 0015g00000ACC0001 >/dev/null 2>&1
	crm-add --org -n Contoso -x 0015g00000ACC0002 >/dev/null 2>&1
	printf '%s\n' 'name,email,company,external_id' \
	    'Ann Lee,ann@northwind.example,Northwind,0035g00000AAAAAAA1' \
	    'Bob Martin,bob@contoso.example,Contoso,0035g00000AAAAAAA2' >people.csv
	crm-add --import people.csv >/dev/null 2>&1
}

logged() {
	sql "SELECT c.name || '|' || i.at || '|' || i.summary FROM interactions i JOIN customers c ON c.id = i.customer_id ORDER BY i.at"
}

ids() {
	sql "SELECT name || '|' || coalesce(external_id, '') FROM customers ORDER BY id"
	sql "SELECT count(*) FROM identities"
}

@test "crm-log: a Salesforce task of no WhoId is its AccountId's organisation's; the contacts' stay theirs" {
	local before=$(ids)
	run --separate-stderr crm-log --import --kind call "$T"
	status_is 0
	eq "${stderr##*$'\n'}" "3 logged, 0 already there, 0 rejected"
	eq "$(logged)" "Ann Lee|2026-03-10T15:45:00Z|Discussed renewal.
Contoso|2026-04-20T11:00:00Z|Org-level review
Bob Martin|2026-05-02T09:20:00Z|Renewal signed"
	eq "$(ids)" "$before"	# nobody learned an account's id
}

@test "crm-log: a WhoId nobody has is refused, not filed on its account" {
	sed 's/0035g00000AAAAAAA2/0035g00000ZZZZZZZ9/' "$T" >who.csv
	run --separate-stderr crm-log --import --kind call who.csv
	fails 65 "crm-log: who.csv:5: WhoId: no customer with WhoId '0035g00000ZZZZZZZ9': the contacts export of the system it is from, imported first (crm-add --import), gives crm its contacts' ids"
	eq "$(sql "SELECT count(*) FROM interactions")" 0
}

@test "crm-log: without AccountId a WhatId of an account is it, an opportunity's names nobody" {
	run --separate-stderr crm-log --import --kind call --map AccountId=- "$T"
	status_is 0
	eq "$(logged)" "Ann Lee|2026-03-10T15:45:00Z|Discussed renewal.
Contoso|2026-04-20T11:00:00Z|Org-level review
Bob Martin|2026-05-02T09:20:00Z|Renewal signed"
	sed 's/"0015g00000ACC0002","Account review"/"0065g00000OPP0002","Account review"/' "$T" >opp.csv
	sql "DELETE FROM interactions" >/dev/null
	run --separate-stderr crm-log --import --kind call --map AccountId=- opp.csv
	fails 65 "crm-log: opp.csv:3: WhoId: no customer given; --rejects FILE leaves such rows out"
}

@test "crm-log: an account nobody has is refused, and never added by its id" {
	sed 's/0015g00000ACC0002/0015g00000ACC0009/g' "$T" >acc.csv
	local n=$(sql "SELECT count(*) FROM customers")
	for add in "" --add-customers; do
		run --separate-stderr crm-log --import --kind call $add acc.csv
		fails 65 "crm-log: acc.csv:3: AccountId: no organisation with AccountId '0015g00000ACC0009': the accounts export (Account.csv), imported first (crm-add --import), gives crm its accounts' ids"
	done
	eq "$(sql "SELECT count(*) FROM customers")" "$n"
}

@test "crm-remind import: an open task of no WhoId is a reminder of its account's organisation" {
	run --separate-stderr crm-remind import "$T"
	status_is 0
	eq "${stderr##*$'\n'}" "1 reminder added, 0 already there, 0 rejected"
	eq "$(sql "SELECT c.name || '|' || r.due || '|' || r.note FROM reminders r JOIN customers c ON c.id = r.customer_id")" \
	    "Northwind|2026-12-15T00:00:00Z|Send contract"
}
