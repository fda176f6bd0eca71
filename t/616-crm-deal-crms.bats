#!/usr/bin/env bats
# t/616-crm-deal-crms.bats - crm-deal --import of five CRMs' opportunity
# exports it had not seen (qa41): vtiger, Capsule, Close, Insightly and
# Freshsales (fixtures in t/data/real, see SOURCES.md).
#
# Test plan:
#   - Each CRM's outcome column (vtiger's Sales Stage, Capsule's Milestone,
#     Close's status_type beside status_label, Insightly's Opportunity
#     State beside Pipeline Stage): its won and lost deals are won and
#     lost, not open; the pipeline's figures are recomputed here from the
#     raw file (pipeline_of) and compared with crm-report pipeline's.
#   - Probabilities (Close's confidence, Insightly's Probability Of
#     Winning), Insightly's Forecast Close Date and Opportunity Value,
#     Freshsales' Created at, the owner (Close's user_name, Insightly's
#     User Responsible), the company (vtiger's Organization Name, Close's
#     lead_name; a Close lead named after its one contact is hers), the
#     deal number as the ref (vtiger's Opportunity No): a second import
#     with another --map adds nothing.
#   - Close's value in cents beside value_formatted: read as cents, said;
#     a row whose two disagree, or whose unit is not the file's, refused;
#     a Close file without value_formatted refused.
#   - An outcome column under a header crm does not know: read as the
#     stage, or as the status beside a stage that says no outcome, and
#     said; a row whose outcome stays unread is refused with the --map.
load helper

R="$BATS_TEST_DIRNAME/data/real"

setup() {
	crm_setup
	export CRM_NOW=2026-12-06T12:00:00Z	# the files' deals closed before
}

# pipeline_of FILE AMOUNT OUTCOME OPEN PROB [CENTS]: the open deals'
# count, sum and weighted sum (PROB percent each), and the won deals'
# sum, worked out from FILE's raw cells as "count|sum|weighted|won":
# a row is open when its OUTCOME cell is one of OPEN's words (split at
# '/'), won when it is Won, Closed Won or WON.  CENTS: AMOUNT's cells are
# cents.
pipeline_of() {
	python3 - "$@" <<'EOF'
import csv, sys
from decimal import Decimal
path, amount, outcome, open_words, prob = sys.argv[1:6]
cents = len(sys.argv) > 6
n, total, weighted, won = 0, Decimal(0), Decimal(0), Decimal(0)
for row in csv.DictReader(open(path, newline='', encoding='utf-8')):
    a = Decimal(row[amount].replace(',', '').lstrip('$'))
    if cents:
        a /= 100
    state = row[outcome].strip()
    if state in open_words.split('/'):
        n += 1
        total += a
        weighted += a * Decimal(row[prob]) / 100
    elif state.lower() in ('won', 'closed won'):
        won += a
print('%d|%.2f|%.2f|%.2f' % (n, total, weighted, won))
EOF
}

# The database's pipeline as pipeline_of says it: crm-report pipeline's
# total line, and the won deals' sum.
pipeline_here() {
	local total won
	total=$(crm-report pipeline | awk -F'\t' '$1 == "total" { print $2 "|" $3 "|" $4 }')
	won=$(sql "SELECT coalesce(sum(amount), 0) FROM deals WHERE stage = 'won'")
	printf '%s|%d.%02d\n' "$total" $((won / 100)) $((won % 100))
}

@test "vtiger: Sales Stage's Closed Won and Closed Lost, Organization Name's organisations, Opportunity No the ref" {
	run --separate-stderr crm-deal --import --date-format %d-%m-%Y "$R/vtiger-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${stderr_lines[1]}" "2 organisations and 0 customers added"
	eq "$(sql "SELECT d.ref, c.type, c.name, d.stage, d.owner, d.closed FROM deals d
	    JOIN customers c ON c.id = d.customer_id ORDER BY d.ref")" \
	    "POT21|org|Initech GmbH|Proposal or Price Quote|Peter Gibbons|
POT22|org|Initech GmbH|won|Peter Gibbons|2026-11-30T00:00:00Z
POT23|org|Vandelay Industries|Qualification|Milton Waddams|
POT24|org|Vandelay Industries|lost|Milton Waddams|2026-11-01T00:00:00Z"
	want=$(pipeline_of "$R/vtiger-opportunities.csv" Amount 'Sales Stage' \
	    'Proposal or Price Quote/Qualification' Probability)
	eq "$want" "2|19750.50|9575.10|3000.00"
	eq "$(pipeline_here)" "$want"
	# the contact beside the organisation is kept
	eq "$(sql "SELECT value FROM deal_fields f JOIN deals d ON d.id = f.deal_id
	    WHERE d.ref = 'POT21' AND key = 'Contact Name'")" "Bill Lumbergh"
	# the same deals again, under another --map, are the same deals
	run --separate-stderr crm-deal --import --date-format %d-%m-%Y --map 'Next Step=-' "$R/vtiger-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "0 added, 0 updated, 4 unchanged, 0 rejected"
	eq "$(sql 'SELECT count(*) FROM deals')" 4
}

@test "Capsule: Milestone's Won and Lost are the outcomes; a lost deal keeps its reason" {
	run --separate-stderr crm-deal --import "$R/capsule-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT ref, stage, closed, coalesce(reason, '') FROM deals ORDER BY ref")" \
	    "2001|proposal||
2002|won|2026-11-25T00:00:00Z|
2003|lost|2026-10-10T00:00:00Z|Price too high
2004|qualified||"
	want=$(pipeline_of "$R/capsule-opportunities.csv" Value Milestone \
	    'Proposal/Qualified' Probability)
	eq "$want" "2|19200.00|9300.00|4200.00"
	eq "$(pipeline_here)" "$want"
}

@test "Insightly: Opportunity State beside Pipeline Stage, Probability Of Winning, Forecast Close Date, Opportunity Value, User Responsible" {
	run --separate-stderr crm-deal --import "$R/insightly-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT ref, stage, amount, coalesce(CAST(probability AS TEXT), ''), close, owner,
	    coalesce(closed, ''), coalesce(reason, '') FROM deals ORDER BY ref")" \
	    "3101|proposal|800000|60|2027-02-15T00:00:00Z|Peter Gibbons||
3102|won|360000||2026-11-30T00:00:00Z|Peter Gibbons|2026-11-28T00:00:00Z|
3103|lost|250000||2026-10-31T00:00:00Z|Milton Waddams|2026-10-20T00:00:00Z|ABANDONED"
	want=$(pipeline_of "$R/insightly-opportunities.csv" 'Opportunity Value' \
	    'Opportunity State' OPEN/SUSPENDED 'Probability Of Winning')
	eq "$want" "1|8000.00|4800.00|3600.00"
	eq "$(pipeline_here)" "$want"
	# the bid per month is kept beside the whole value
	eq "$(sql "SELECT value FROM deal_fields WHERE deal_id = 2 AND key = 'Bid Amount'")" 300
}

@test "Insightly: a Suspended opportunity is open, as Insightly counts it" {
	sed 's/,OPEN,60,/,SUSPENDED,60,/' "$R/insightly-opportunities.csv" >s.csv
	run --separate-stderr crm-deal --import s.csv
	status_is 0
	eq "$(sql "SELECT stage FROM deals WHERE ref = '3101'")" proposal
}

@test "Close: status_type's won and lost, confidence, user_name, lead_name's organisation, value in cents as value_formatted says" {
	run --separate-stderr crm-deal --import --add-customers --map note=title "$R/close-opportunities.csv"
	status_is 0
	eq "${stderr_lines[0]}" "crm-deal: $R/close-opportunities.csv:2: value: in cents, as value_formatted says ('\$12,500' for 1250000): read as such"
	eq "${stderr_lines[1]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	# Carlos Mendes, and the leads' contacts Ann Lee and Hank Scorpio (qa43 4)
	eq "${stderr_lines[2]}" "2 organisations and 3 customers added"
	eq "$(sql "SELECT d.ref, c.type, c.name, d.stage, d.amount, coalesce(CAST(d.probability AS TEXT), ''),
	    d.owner, d.created, coalesce(d.closed, '') FROM deals d
	    JOIN customers c ON c.id = d.customer_id ORDER BY d.ref")" \
	    "oppo_A1|org|Northwind Traders|Active|1250000||Dana Scully|2026-10-01T10:00:00Z|
oppo_A2|org|Globex Corporation|won|480000||Fox Mulder|2026-09-01T10:00:00Z|2026-11-15T00:00:00Z
oppo_A3|org|Globex Corporation|lost|200000||Fox Mulder|2026-09-10T10:00:00Z|2026-11-01T12:00:00Z
oppo_A4|person|Carlos Mendes|Active|9900|20|Dana Scully|2026-10-02T11:20:00Z|"
	want=$(pipeline_of "$R/close-opportunities.csv" value status_type active confidence cents)
	eq "$want" "2|12599.00|6269.80|4800.00"
	eq "$(pipeline_here)" "$want"
	# Close's own figures in cents are not kept as fields
	eq "$(sql "SELECT count(*) FROM deal_fields WHERE key IN ('expected_value', 'annualized_value')")" 0
	# Active took the first deal's 50%, the stage's now, so none of its own
	eq "$(sql "SELECT probability FROM stages WHERE name = 'Active'")" 50
	# a second run: the same deals
	run --separate-stderr crm-deal --import --add-customers --map note=title "$R/close-opportunities.csv"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 4 unchanged, 0 rejected"
}

@test "Close: a won or lost opportunity's status_label is its outcome's own name, never an open stage" {
	sed 's/,stat_o3,Lost,lost,/,stat_o3,Lost - Budget,lost,/' "$R/close-opportunities.csv" >lb.csv
	run --separate-stderr crm-deal --import --add-customers --map note=title lb.csv
	status_is 0
	eq "$(sql "SELECT name FROM stages ORDER BY position" | tr '\n' ,)" "Active,won,lost,"
	eq "$(sql "SELECT stage FROM deals WHERE ref = 'oppo_A3'")" lost
	eq "$(sql "SELECT coalesce(h.from_stage, '') || '>' || h.stage FROM deal_history h JOIN deals d ON d.id = h.deal_id
	    WHERE d.ref = 'oppo_A3'")" ">lost"
}

@test "Close: its opportunities have no name; the refusal names its note as the column to --map" {
	run --separate-stderr crm-deal --import --add-customers "$R/close-opportunities.csv"
	status_is 65
	eq "$stderr" "crm-deal: $R/close-opportunities.csv:1: no deal name column (Deal Name, Opportunity Name, Deal - Title ...): say which with --map 'note=title'"
	no_db
}

@test "Close: a value that value_formatted contradicts, or in the other unit than the file's, is refused; without value_formatted the file is" {
	sed 's/"\$12,500"/"$125"/' "$R/close-opportunities.csv" >bad.csv
	run --separate-stderr crm-deal --import --add-customers --map note=title bad.csv
	status_is 65
	eq "$stderr" "crm-deal: bad.csv:2: value: '1250000' is neither value_formatted's '\$125' nor that in cents: say which column is the amount with --map 'value_formatted=amount'"
	no_db
	# the first row as written, the second in cents: one unit a file
	sed 's/,1250000,USD,/,12500,USD,/' "$R/close-opportunities.csv" >mixed.csv
	run --separate-stderr crm-deal --import --add-customers --map note=title mixed.csv
	status_is 65
	eq "$stderr" "crm-deal: mixed.csv:3: value: '480000' is value_formatted's '\$4,800' in cents, but at line 2 the column was as written, and a file has one unit: fix the row, or read the amounts from value_formatted with --map 'value_formatted=amount'"
	no_db
	# which reads it whole
	run --separate-stderr crm-deal --import --add-customers --map note=title --map value_formatted=amount mixed.csv
	status_is 0
	eq "$(sql "SELECT sum(amount) FROM deals")" 1939900
	new_db
	# the same file in whole dollars throughout is read as written
	sed 's/,1250000,USD,/,12500,USD,/; s/,480000,USD,/,4800,USD,/; s/,200000,USD,/,2000,USD,/; s/,9900,USD,/,99,USD,/' \
	    "$R/close-opportunities.csv" >whole.csv
	run --separate-stderr crm-deal --import --add-customers --map note=title whole.csv
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT sum(amount) FROM deals")" 1939900
	new_db
	cut -d, -f1-13,15- "$R/close-opportunities.csv" >nofmt.csv
	run --separate-stderr crm-deal --import --add-customers --map note=title nofmt.csv
	status_is 65
	eq "$stderr" "crm-deal: nofmt.csv:1: value: Close writes an opportunity's value in cents, and the file has no value_formatted to tell: export that column too (or say another column with --map 'COLUMN=amount')"
}

@test "Freshsales: Created at is when an open deal was made" {
	run --separate-stderr crm-deal --import "$R/freshsales-deals.csv"
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT title, created FROM deals ORDER BY id")" \
	    "Stark fleet tracking|2026-09-01T10:00:00Z
Stark spares 2026|2026-08-01T10:00:00Z
Wayne cold chain|2026-03-01T10:00:00Z
Wayne pilot|2026-11-01T10:00:00Z"
	want=$(pipeline_of "$R/freshsales-deals.csv" 'Deal value' 'Deal stage' \
	    Negotiation/Proposal 'Probability (%)')
	eq "$want" "2|26500.00|17800.00|6500.00"
	eq "$(pipeline_here)" "$want"
}

@test "an outcome column under a header crm does not know is read as the stage, and said" {
	sed '1s/"Sales Stage"/"Phase"/' "$R/vtiger-opportunities.csv" >vt.csv
	run --separate-stderr crm-deal --import --date-format %d-%m-%Y vt.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-deal: vt.csv:1: Phase: its cells are deals' outcomes (such as 'Closed Won'): read as the deals' stage (--map 'Phase=-' keeps it a field)"
	eq "$(sql "SELECT ref, stage FROM deals ORDER BY ref" | tr '\n' ,)" \
	    "POT21|Proposal or Price Quote,POT22|won,POT23|Qualification,POT24|lost,"
	# German words, as a hand-made sheet writes them
	sed '1s/Milestone/Ergebnis/; s/,Won,/,Gewonnen,/; s/,Lost,/,Verloren,/' \
	    "$R/capsule-opportunities.csv" >cap.csv
	new_db
	run --separate-stderr crm-deal --import cap.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-deal: cap.csv:1: Ergebnis: its cells are deals' outcomes (such as 'Gewonnen'): read as the deals' stage (--map 'Ergebnis=-' keeps it a field)"
	eq "$(sql "SELECT ref, stage FROM deals ORDER BY ref" | tr '\n' ,)" \
	    "2001|proposal,2002|won,2003|lost,2004|qualified,"
	# kept as a field when the user says so: the deals open, as asked
	new_db
	run --separate-stderr crm-deal --import --map 'Ergebnis=-' cap.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM deals WHERE closed IS NULL")" 4
}

@test "a column of Open, Won and Abandoned beside a stage that says no outcome is the status; a row whose outcome stays unread is refused" {
	sed '1s/Opportunity State/Current State/' "$R/insightly-opportunities.csv" >ins.csv
	run --separate-stderr crm-deal --import ins.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-deal: ins.csv:1: Current State: its cells are deals' outcomes (such as 'WON'): read as the deals' status (--map 'Current State=-' keeps it a field)"
	eq "$(sql "SELECT ref, stage FROM deals ORDER BY ref" | tr '\n' ,)" \
	    "3101|proposal,3102|won,3103|lost,"
	# a stage of its own beside another column's outcome: which is
	# the deal's, the user says
	printf '%s\n' 'Deal Name,Company,Amount,Stage,Result' 'A,Acme,100,won,Won' \
	    'B,Acme,200,Proposal,Won' >conf.csv
	new_db
	run --separate-stderr crm-deal --import conf.csv
	status_is 65
	eq "$stderr" "crm-deal: conf.csv:3: Result: 'Won' says the deal was won, and no column crm reads says so (its stage is 'Proposal'): say this one does with --map 'Result=status' (or 'Result=-' to take the deal as open)"
	no_db
	run --separate-stderr crm-deal --import --map 'Result=status' conf.csv
	status_is 0
	eq "$(sql "SELECT title, stage FROM deals ORDER BY id" | tr '\n' ,)" "A|won,B|won,"
}
