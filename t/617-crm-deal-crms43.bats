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
