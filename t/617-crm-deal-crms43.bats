#!/usr/bin/env bats
# t/617-crm-deal-crms43.bats - crm-deal --import of the CRMs qa43 tried:
# SuiteCRM, Bitrix24, monday.com, ActiveCampaign, EspoCRM, Airtable and
# Odoo (fixtures in t/data/real, see SOURCES.md).
#
# Test plan (the pipeline's figures worked out by hand from the raw files,
# as qa43 checked them with python3):
#   - SuiteCRM's Deleted 1 row is skipped, as crm-add skips it, and said;
#     the pipeline is the file's other rows'; its Currency -99 is the base.
#   - Won and lost stage names: Bitrix24's Deal won/Deal lost and Сделка
#     успешна/провалена, Airtable's Closed—won; a name holding a won or lost
#     word, said; a new stage that only sounds ended, flagged.
#   - Probability, close and owner columns: monday's Close Probability,
#     ActiveCampaign's Forecasted Close Date (the forecast), Bitrix24's
#     Responsible person and Russian headers, EspoCRM's assignedUserName;
#     a header of probab/chance over percentages, of close and date.
#   - A stage's probability and place from its open rows: the same funnel
#     in either row order.
#   - Hints (Status=stage, Contacts=contact) and monday's group sum rows.
#   - --add-customers: Odoo's private person, the people beside an
#     organisation made its contacts; a second run adds nothing.
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

@test "monday.com: Close Probability's percentages are the deals' probabilities, Expected Close Date their close" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y \
	    --map Contacts=contact --add-customers "$R/monday-deals-board.csv"
	status_is 0
	eq "$(sql "SELECT title, probability, close FROM deals WHERE closed IS NULL ORDER BY title")" \
	    "Acme rollout|40|2026-12-20T00:00:00Z
Globex renewal|60|2027-01-15T00:00:00Z"
	# 24,000 at 40% and 12,500 at 60%, not the stages' own 50 and 75
	eq "$(pipeline_total)" "2|36500.00|17100.00"
}

@test "ActiveCampaign: Forecasted Close Date is the expected close, so the forecast has the open deals" {
	run --separate-stderr crm-deal --import "$R/activecampaign-deals.csv"
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(crm-report forecast | tail -n +2 | cut -f1-4)" "2026-12	1	4800.00	1680.00
2027-01	1	12000.00	9600.00"
	eq "$(sql "SELECT DISTINCT owner FROM deals ORDER BY 1")" "joe@ourco.example
kate@ourco.example"
}

@test "owners: Bitrix24's Responsible person and Ответственный, EspoCRM's assignedUserName (and its createdAt)" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y "$R/bitrix24-deals-en.csv"
	status_is 0
	eq "$(sql "SELECT DISTINCT owner FROM deals ORDER BY 1")" "John Smith
Olga White"
	run --separate-stderr crm-deal --import "$R/espocrm-opportunities.csv"
	status_is 0
	eq "$(sql "SELECT owner, created FROM deals WHERE title = 'POS upgrade'")" \
	    "Will Manager|2026-11-20T14:00:00Z"
	eq "$(sql "SELECT count(*) FROM deal_fields WHERE key IN ('assignedUserName', 'createdAt')")" 0
}

@test "Bitrix24 in Russian: Название, Стадия, Сумма, Валюта, Вероятность, Дата завершения, Дата создания, Компания, Ответственный; Сделка успешна won, Сделка провалена lost" {
	run --separate-stderr crm-deal --import --add-customers --date-format %d.%m.%Y "$R/bitrix24-deals-ru.csv"
	status_is 0
	eq "${stderr_lines[0]}" "5 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT ref, stage, amount, coalesce(CAST(probability AS TEXT), ''), close, owner, created
	    FROM deals ORDER BY ref")" \
	    "12|В работе|15000000||2026-12-25T00:00:00Z|Иван Петров|2026-10-01T10:15:00Z
14|Новая|4800050||2027-01-15T00:00:00Z|Иван Петров|2026-11-15T09:00:00Z
15|won|7200000||2026-11-20T00:00:00Z|Ольга Иванова|2026-09-01T12:00:00Z
16|lost|9000000||2026-11-10T00:00:00Z|Ольга Иванова|2026-09-05T16:30:00Z
17|Подготовка документов|1250000||2026-12-10T00:00:00Z|Иван Петров|2026-11-20T11:00:00Z"
	eq "$(pipeline_total)" "3|210500.50|67300.05"
	eq "$(sql "SELECT c.name FROM deals d JOIN customers c ON c.id = d.customer_id WHERE d.ref = '12'")" "ООО Ромашка"
}

@test "a column whose header says probability (chance, confidence) and whose cells are percentages is read, and said; close and date is the close; else said" {
	printf 'Deal Name,Company,Stage,Amount,Win Chance,Target Close Date\nA,Acme,proposal,100,40%%,2026-12-20\nB,Acme,proposal,200,60%%,2027-01-10\n' >"$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr crm-deal --import "$BATS_TEST_TMPDIR/d.csv"
	status_is 0
	has "$stderr" "Win Chance: read as the deals' probability, as its name says (--map 'Win Chance=-' keeps it a field)"
	has "$stderr" "Target Close Date: read as the deals' expected close, as its name says (--map 'Target Close Date=-' keeps it a field)"
	eq "$(sql "SELECT title, probability, close FROM deals ORDER BY title")" \
	    "A|40|2026-12-20T00:00:00Z
B|60|2027-01-10T00:00:00Z"
	printf 'Deal Name,Company,Stage,Amount,Close Chance\nC,Acme,proposal,100,high\n' >"$BATS_TEST_TMPDIR/e.csv"
	run --separate-stderr crm-deal --import "$BATS_TEST_TMPDIR/e.csv"
	status_is 0
	has "$stderr" "e.csv:1: Close Chance: sounds like the deals' probability, but 'high' is no percentage: kept as a field (--map 'Close Chance=probability' reads it)"
	eq "$(sql "SELECT value FROM deal_fields WHERE key = 'Close Chance'")" high
}

@test "Odoo: a stage's probability and place are its open rows', whatever the rows' order; a lost row's 0 is none of its stage's" {
	local f="$R/odoo-opportunities-lost-first.csv" stages funnel
	# the lost New (Probability 0) comes before the open New (10)
	run --separate-stderr crm-deal --import --add-customers "$f"
	status_is 0
	has "$stderr" "New (10%)"
	stages=$(crm-deal stages)
	funnel=$(crm-report funnel)
	eq "$(printf '%s\n' "$stages" | cut -f1 | paste -sd' ')" "stage New qualified Proposition won lost"
	eq "$(printf '%s\n' "$funnel" | cut -f1,2 | paste -sd' ')" "stage	deals New	5 qualified	3 Proposition	2 won	1"
	# the same rows the other way round give the same stages and funnel
	{ head -1 "$f"; tail -n +2 "$f" | tac; } >"$BATS_TEST_TMPDIR/rev.csv"
	new_db
	run --separate-stderr crm-deal --import --add-customers "$BATS_TEST_TMPDIR/rev.csv"
	status_is 0
	eq "$(crm-deal stages)" "$stages"
	eq "$(crm-report funnel)" "$funnel"
}

@test "SuiteCRM: Currency -99, Sugar's base currency, is the database's own; Sales Stage and Assigned User read without a --map" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y "$R/suitecrm-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT title, owner, stage FROM deals ORDER BY title")" \
	    "Depot chargers|Max Jensen|Negotiation/Review
Driver app|Sally Bronsen|won
Eco fleet lease|Sally Bronsen|Value Proposition"
	eq "$(pipeline_total)" "2|63000.00|42900.00"
}

@test "hints: Airtable's Status of stages says --map Status=stage; monday.com's Contacts says --map Contacts=contact" {
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y --map 'Estimated value=amount' "$R/airtable-sales-opportunities.csv"
	fails 65 "crm-deal: $R/airtable-sales-opportunities.csv:2: Status: 'Proposal' is not a deal status crm knows (open, won, lost; deleted deals are skipped); if the column holds the deals' stages, say so with --map 'Status=stage'"
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y "$R/monday-deals-board.csv"
	status_is 65
	has "$stderr" "crm-deal: $R/monday-deals-board.csv:4: the row names no company, contact or e-mail, and a deal is someone's: say which column names them with --map 'Contacts=contact', or leave such rows out with --rejects FILE"
}

@test "monday.com: a group's sum row (no name, the summed Deal Value) is skipped as a totals line, and said" {
	run --separate-stderr crm-deal --import --add-customers --map Contacts=contact \
	    --date-format %m/%d/%Y "$R/monday-deals-sums.csv"
	status_is 0
	eq "${stderr_lines[2]}" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${stderr_lines[3]}" "3 rows skipped: a report's footer or totals line"
	eq "$(sql "SELECT count(*) FROM deals")" 3
	eq "$(pipeline_total)" "2|36500.00|18975.00"
}

@test "--add-customers: Odoo's Customer naming a private person is that person; the people beside an organisation are its contacts, the deal the organisation's" {
	run --separate-stderr crm-deal --import --add-customers "$R/odoo-opportunities-lost-first.csv"
	status_is 0
	eq "${stderr_lines[1]}" "2 organisations and 4 customers added"
	eq "$(sql "SELECT p.type, p.name, coalesce(p.email, ''), coalesce(o.name, '') FROM customers p
	    LEFT JOIN customers o ON o.id = p.org_id ORDER BY p.id")" \
	    "org|Azure Interior||
person|Brandon Freeman|brandon.freeman@azure-interior.example|Azure Interior
org|Deco Addict||
person|Nicole Ford|nicole.ford@azure-interior.example|Azure Interior
person|Addison Olson|addison.olson@deco-addict.example|Deco Addict
person|Jane Solo|jane.solo@gmail.example|"
	eq "$(sql "SELECT d.title, c.type, c.name FROM deals d JOIN customers c ON c.id = d.customer_id ORDER BY d.title")" \
	    "Distributor Contract|org|Azure Interior
Home office chairs|person|Jane Solo
Office Design Project|org|Azure Interior
Open Space Design|org|Deco Addict
Quote for 12 Tables|org|Deco Addict"
	# ActiveCampaign's Contact Full Name and Contact Email beside Account Name
	new_db
	run --separate-stderr crm-deal --import --add-customers "$R/activecampaign-deals.csv"
	status_is 0
	eq "${stderr_lines[1]}" "3 organisations and 3 customers added"
	eq "$(sql "SELECT p.name, p.email, o.name FROM customers p JOIN customers o ON o.id = p.org_id ORDER BY p.id")" \
	    "Lena Park|lena@brightside.example|Brightside Media
Omar Haddad|omar@corex.example|Corex
Mia Stone|mia@pinehill.example|Pinehill Farms"
	eq "$(sql "SELECT count(*) FROM deals d JOIN customers c ON c.id = d.customer_id WHERE c.type = 'org'")" 4
	# again: nothing new
	run --separate-stderr crm-deal --import --add-customers "$R/activecampaign-deals.csv"
	eq "${stderr_lines[0]}" "0 added, 0 updated, 4 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers")" 6
}
