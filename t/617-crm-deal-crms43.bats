#!/usr/bin/env bats
# t/617-crm-deal-crms43.bats - crm-deal --import of the CRMs qa43 tried:
# SuiteCRM, Bitrix24, monday.com, ActiveCampaign, EspoCRM, Airtable and
# Odoo (fixtures in t/data/real, see SOURCES.md).
#
# Test plan:
#   - SuiteCRM's Deleted 1 row is skipped, as crm-add skips it, and said;
#     the pipeline is the file's other rows'.
load helper

R="$BATS_TEST_DIRNAME/data/real"

setup() {
	crm_setup
	export CRM_NOW=2026-12-06T12:00:00Z
}

# The pipeline's total line: count|amount|weighted.
pipeline_total() {
	crm-report pipeline | awk -F'\t' '$1 == "total" { print $2 "|" $3 "|" $4 }'
}

@test "SuiteCRM: a Deleted 1 opportunity is skipped as crm-add skips a deleted row, and said" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y \
	    --map Currency=- "$R/suitecrm-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${stderr_lines[1]}" "1 row skipped: a deal deleted in the CRM it came from"
	eq "$(sql "SELECT count(*) FROM deals WHERE title = 'Old quote'")" 0
	eq "$(pipeline_total)" "2|63000.00|42900.00"
	# the flag is no field of the deals
	eq "$(sql "SELECT count(*) FROM deal_fields WHERE key = 'Deleted'")" 0
}

@test "Bitrix24: its Deal won and Deal lost stages are the outcomes, not open stages" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y "$R/bitrix24-deals-en.csv"
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT ref, stage, coalesce(closed, '') FROM deals ORDER BY ref")" \
	    "21|In progress|
22|New|
23|won|2026-11-20T00:00:00Z
24|lost|2026-11-10T00:00:00Z"
	eq "$(pipeline_total)" "2|19800.50|6480.05"
	eq "$(sql "SELECT count(*) FROM stages WHERE name LIKE 'Deal %'")" 0
}

@test "Airtable: Closed—won with its em dash is won" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y \
	    --map 'Estimated value=amount' --map Status=stage "$R/airtable-sales-opportunities.csv"
	status_is 0
	eq "$(sql "SELECT stage FROM deals WHERE title = 'Pied Piper - pilot'")" won
	[[ $(pipeline_total) == "2|33500.00|"* ]]
	eq "$(sql "SELECT count(*) FROM stages WHERE name LIKE 'Closed%'")" 0
}

@test "a stage name that holds a won or lost word is that outcome, said once a name; one that only sounds ended is flagged" {
	printf 'Deal Name,Company,Stage,Amount\nA,Acme,Won via partner,100\nB,Acme,Verloren an Mitbewerber,200\nC,Acme,Won via partner,300\nD,Acme,Closed,50\n' >"$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr crm-deal --import "$BATS_TEST_TMPDIR/d.csv"
	status_is 0
	eq "$(sql "SELECT title, stage FROM deals ORDER BY title")" "A|won
B|lost
C|won
D|Closed"
	eq "$(printf '%s\n' "${stderr_lines[@]}" | grep -c "read as")" 2
	has "$stderr" "d.csv:2: Stage: 'Won via partner' read as won: its name says so"
	has "$stderr" "d.csv:3: Stage: 'Verloren an Mitbewerber' read as lost: its name says so"
	has "$stderr" "Closed (0%: the file gives none; an open stage, though its name sounds like an outcome)"
}
