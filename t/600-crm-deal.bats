#!/usr/bin/env bats
# t/600-crm-deal.bats - deals through the pipeline.
#
# Test plan:
#   - add: the id printed; the pipeline's first stage, the customer's
#     owner and now by default; amounts exact; one deal per customer of a
#     stream; the history's first row and an audit row.
#   - move, won, lost: each move a history row (from, to, note, who,
#     when); won and lost close the deal, leaving them opens it again;
#     moving back is allowed; lost needs a reason.
#   - update: only what is given changes; the stage is not among it.
#   - list and show: the effective probability (the deal's, the stage's,
#     100 won, 0 lost) and the weighted amount, worked out by hand.
#   - stages: the default pipeline; a new one in order; refused without
#     won and lost, with a name twice, with a percent out of range, with
#     won not 100 or lost not 0, with an open stage after them, with no
#     open stage; a name is the same in any case and spacing (retyped,
#     it renames the stage and its deals go with it; twins refused), and
#     open deals left in stages a new pipeline lacks are said.
#   - bad input: an unknown customer, deal or stage, a bad amount or
#     percent (65), a bad date or id (64); the database unchanged.
#   - a version 3 database (crm before deals) is migrated forward.
load helper

setup() {
	crm_setup
	crm-add -n "Ann Steel" -e ann@mill.example --owner bob >/dev/null
	crm-add -n "Bo Pumps" -e bo@pumps.example >/dev/null
}

@test "add: the id, the first stage, the customer's owner, now, the exact amount" {
	run --separate-stderr crm-deal add ann@mill.example Rolling mill upgrade \
	    --amount '120,000.50' --close 2027-01-31
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT customer_id, title, amount, stage, CASE WHEN probability IS NULL THEN 1 ELSE 0 END,
	    close, owner, created, CASE WHEN closed IS NULL THEN 1 ELSE 0 END FROM deals')" \
	    "1|Rolling mill upgrade|12000050|lead|1|2027-01-31T00:00:00Z|bob|2026-11-23T10:00:00Z|1"
	eq "$(sql 'SELECT deal_id, at, CASE WHEN from_stage IS NULL THEN 1 ELSE 0 END, stage, actor FROM deal_history')" \
	    "1|2026-11-23T10:00:00Z|1|lead|tester"
	eq "$(sql "SELECT action, customer_id, detail FROM audit WHERE action LIKE 'deal%'")" \
	    'deal add|1|{"deal":1,"stage":"lead"}'
}

@test "add: a customer with no owner gives the deal to whoever adds it; --owner, --stage, --at" {
	run crm-deal add bo@pumps.example Pumps
	eq "$(sql 'SELECT owner FROM deals WHERE id = 1')" tester
	run crm-deal add 2 Valves --owner alice --stage proposal --at 2026-10-01
	eq "$output" 2
	eq "$(sql 'SELECT owner, stage, created FROM deals WHERE id = 2')" \
	    "alice|proposal|2026-10-01T00:00:00Z"
	eq "$(sql 'SELECT at, stage FROM deal_history WHERE deal_id = 2')" \
	    "2026-10-01T00:00:00Z|proposal"
}

@test "add -: one deal per customer of a stream, ids in order" {
	run --separate-stderr bash -c "crm-segment -f id,email | crm-deal add - Renewal 2027 --amount 900"
	status_is 0
	eq "$output" $'1\n2'
	eq "$(sql 'SELECT customer_id, title, amount FROM deals ORDER BY id')" \
	    $'1|Renewal 2027|90000\n2|Renewal 2027|90000'
}

@test "add -: an empty stream adds no deal, exit 0" {
	run --separate-stderr bash -c "set -o pipefail; printf '' | crm-deal add - Renewal 2027 --amount 900"
	status_is 0
	eq "$output" ""
	eq "$(sql 'SELECT count(*) FROM deals')" 0
}

@test "move, won, lost: history rows with from, to, note, time; closed and reopened" {
	crm-deal add 1 Mill --amount 1000 --at 2026-10-20 >/dev/null
	run crm-deal move 1 proposal --note "sent the quote" --at 2026-11-01
	status_is 0
	run crm-deal lost 1 --reason "price too high" --at 2026-11-10
	status_is 0
	eq "$(sql 'SELECT stage, closed, reason FROM deals')" \
	    "lost|2026-11-10T00:00:00Z|price too high"
	# Back from lost: open again, the reason gone, the move kept.
	run crm-deal move 1 negotiation --note "they came back"
	status_is 0
	eq "$(sql 'SELECT stage, CASE WHEN closed IS NULL THEN 1 ELSE 0 END, CASE WHEN reason IS NULL THEN 1 ELSE 0 END FROM deals')" "negotiation|1|1"
	run crm-deal won 1
	eq "$(sql 'SELECT stage, closed FROM deals')" "won|2026-11-23T10:00:00Z"
	eq "$(sql 'SELECT from_stage, stage, note FROM deal_history ORDER BY id')" \
	    $'|lead|\nlead|proposal|sent the quote\nproposal|lost|price too high\nlost|negotiation|they came back\nnegotiation|won|'
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'deal move'")" 4
}

@test "lost needs a reason; a move to where the deal is changes nothing" {
	crm-deal add 1 Mill >/dev/null
	before=$(dump)
	run --separate-stderr crm-deal lost 1
	fails_usage 64 "crm-deal: lost needs --reason: why was the deal lost?"
	run --separate-stderr crm-deal move 1 lead
	fails 65 "crm-deal: deal 1 is already lead: nothing changed"
	run --separate-stderr crm-deal won 1 --reason cheap
	fails_usage 64 "crm-deal: --reason goes with lost"
	eq "$(dump)" "$before"
}

@test "move, won, lost --at before the deal was made or last moved: 65, nothing changed" {
	crm-deal add 1 Mill --at 2026-10-01 >/dev/null
	before=$(dump)
	run --separate-stderr crm-deal won 1 --at 2026-09-01
	fails 65 "crm-deal: deal 1 was made at 2026-10-01T00:00:00Z, after 2026-09-01T00:00:00Z"
	crm-deal move 1 qualified --at 2026-10-12 >/dev/null
	before=$(dump)
	for c in "won 1" "lost 1 --reason late" "move 1 proposal"; do
		run --separate-stderr crm-deal $c --at 2026-10-11T23:59:59Z
		fails 65 "crm-deal: deal 1 was moved to qualified at 2026-10-12T00:00:00Z, after 2026-10-11T23:59:59Z"
	done
	eq "$(dump)" "$before"
	# the same time is not before
	run crm-deal won 1 --at 2026-10-12
	status_is 0
}

@test "lost needs a reason that says something, added lost too; a title needs words" {
	crm-deal add 1 Mill >/dev/null
	before=$(dump)
	for c in "lost 1 --reason ''" "lost 1 --reason '  '" "move 1 lost" \
	    "add 1 Old --stage lost" "add 1 Old --stage lost --reason ' '"; do
		eval "run --separate-stderr crm-deal $c"
		fails_usage 64 "crm-deal: lost needs --reason: why was the deal lost?"
	done
	run --separate-stderr crm-deal add 1 Old --reason cheap
	fails_usage 64 "crm-deal: --note and --reason go with move, won and lost (and --reason with add --stage lost)"
	run --separate-stderr crm-deal add 1 '   '
	fails 65 "crm-deal: title: a deal needs a title"
	eq "$(dump)" "$before"
	run crm-deal add 1 Old --stage lost --reason "went elsewhere"
	eq "$output" 2
	eq "$(sql 'SELECT stage, reason FROM deals WHERE id = 2')" "lost|went elsewhere"
	eq "$(sql 'SELECT stage, note FROM deal_history WHERE deal_id = 2')" "lost|went elsewhere"
}

@test "add and update: an amount in another currency than the database's is refused, 65, nothing changed" {
	# The first currency met becomes the database's, as crm-log's.
	run --separate-stderr crm-deal add ann@mill.example Mill --amount '1,200 USD'
	status_is 0
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency'")" USD
	eq "$(sql 'SELECT amount FROM deals')" 120000
	before=$(dump)
	run --separate-stderr crm-deal add ann@mill.example Press --amount '€900'
	status_is 65
	eq "$stderr" "crm-deal: --amount: 'EUR' is not this database's currency, USD: amounts are added up as they are, never converted; convert it first, or give the amount without its currency to take it as USD"
	run --separate-stderr crm-deal update 1 --amount '900 GBP'
	status_is 65
	has "$stderr" "'GBP' is not this database's currency, USD"
	eq "$(dump)" "$before"
	# A sign of several currencies names none; no currency is no check.
	crm-deal add ann@mill.example Lathe --amount '$50' >/dev/null
	crm-deal update 1 --amount 1300 >/dev/null
	eq "$(sql 'SELECT amount FROM deals ORDER BY id' | tr '\n' ,)" "130000,5000,"
}

@test "update: only what is given changes, and it is audited" {
	crm-deal add 1 Mill --amount 1000 --close 2027-01-01 --product rollers >/dev/null
	run crm-deal update 1 --amount 1500 --probability 40
	status_is 0
	eq "$(sql 'SELECT title, amount, probability, close, product, stage FROM deals')" \
	    "Mill|150000|40|2027-01-01T00:00:00Z|rollers|lead"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'deal update'")" '{"deal":1}'
	run --separate-stderr crm-deal update 1 --stage won
	fails_usage 64 "crm-deal: update does not move a deal: crm-deal move ID STAGE"
	run --separate-stderr crm-deal update 1
	status_is 64
}

# qa-left F2: customers' names were NFC, deal titles were not.
@test "add and update: a title written in NFD (macOS) is kept in NFC, as a name is" {
	crm-deal add 1 "$(printf 'Cafe\xcc\x81 machines')" >/dev/null
	eq "$(sql 'SELECT title FROM deals')" 'Café machines'
	crm-deal update 1 --title "$(printf 'Ku\xcc\x88chen')" >/dev/null
	eq "$(sql 'SELECT title FROM deals')" 'Küchen'
	eq "$(crm-deal list "title = 'Küchen'" | cut -f1 | sed 1d)" 1
}

@test "list: effective probability and weighted amount, worked out by hand" {
	# 1: lead (10%) 1,000.00 -> 100.00; 2: the deal's own 60% of 333.33
	# -> 199.998 -> 200.00; 3: won: 100% of 50.00; 4: lost: 0%.
	crm-deal add 1 A --amount 1000 --close 2026-12-31 >/dev/null
	crm-deal add 2 B --amount 333.33 --probability 60 --stage proposal >/dev/null
	crm-deal add 1 C --amount 50 --probability 30 >/dev/null
	crm-deal add 2 D --amount 70 >/dev/null
	crm-deal won 3 >/dev/null
	crm-deal lost 4 --reason late >/dev/null
	run --separate-stderr crm-deal -f id,stage,amount,probability,weighted -o csv
	status_is 0
	eq "$output" 'id,stage,amount,probability,weighted
1,lead,1000.00,10,100.00
2,proposal,333.33,60,200.00
3,won,50.00,100,50.00
4,lost,70.00,0,0.00'
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export'")" \
	    '{"what":"crm-deal list","rows":4}'
}

@test "show: the deal and its history as section, field, value" {
	crm-deal add 1 Mill --amount 10 >/dev/null
	crm-deal move 1 qualified --note "budget confirmed" >/dev/null
	run --separate-stderr crm-deal show 1 -o csv
	status_is 0
	has "$output" "deal,stage,qualified"
	has "$output" "deal,weighted,2.50"
	has "$output" "history,2026-11-23T10:00:00Z,lead (by tester)"
	has "$output" "history,2026-11-23T10:00:00Z,lead -> qualified: budget confirmed (by tester)"
	run --separate-stderr crm-deal show 7
	fails 65 "crm-deal: no deal 7"
}

@test "stages: the default pipeline, a new one, and what is refused" {
	run crm-deal stages -o csv
	eq "$output" 'stage,probability
lead,10
qualified,25
proposal,50
negotiation,75
won,100
lost,0'
	run crm-deal stages 'new:5, demo:40, won:100, lost:0'
	status_is 0
	eq "$(sql 'SELECT name, position, probability FROM stages ORDER BY position')" \
	    $'new|1|5\ndemo|2|40\nwon|3|100\nlost|4|0'
	before=$(dump)
	run --separate-stderr crm-deal stages 'a:10,won:100'
	fails 64 "crm-deal: stages: the pipeline needs the stages won and lost (e.g. ...,won:100,lost:0)"
	run --separate-stderr crm-deal stages 'a:10,a:20,won:100,lost:0'
	fails 64 "crm-deal: stages: 'a' is given twice"
	run --separate-stderr crm-deal stages 'a:101,won:100,lost:0'
	fails 64 "crm-deal: stages: 'a:101': '101' is not a probability (a whole percent from 0 to 100, as 20 or 20%)"
	run --separate-stderr crm-deal stages 'a:12.5,won:100,lost:0'
	fails 64 "crm-deal: stages: 'a:12.5': '12.5' is not a whole percent: crm keeps a deal's probability in whole percents; round it to 12 or 13"
	run --separate-stderr crm-deal stages 'a:0x1A,won:100,lost:0'
	fails 64 "crm-deal: stages: 'a:0x1A': '0x1A' is not a probability (a whole percent from 0 to 100, as 20 or 20%)"
	run --separate-stderr crm-deal stages 'a,won:100,lost:0'
	fails 64 "crm-deal: stages: 'a' is not stage:probability, e.g. proposal:50"
	eq "$(dump)" "$before"
}

@test "stages: the outcomes are 100 and 0, last, after an open stage" {
	before=$(dump)
	run --separate-stderr crm-deal stages 'a:10,won:90,lost:0'
	fails 64 "crm-deal: stages: 'won:90': won's probability is 100, a won deal is won"
	run --separate-stderr crm-deal stages 'a:10,won:100,lost:5'
	fails 64 "crm-deal: stages: 'lost:5': lost's probability is 0, a lost deal is lost"
	run --separate-stderr crm-deal stages 'a:10,won:100,b:50,lost:0'
	fails 64 "crm-deal: stages: 'b' comes after won: won and lost are the last stages"
	run --separate-stderr crm-deal stages 'won:100,lost:0'
	fails 64 "crm-deal: stages: the pipeline needs an open stage before won and lost, for new deals"
	eq "$(dump)" "$before"
	# lost may come before won: both are outcomes.
	run crm-deal stages 'a:10,lost:0,won:100'
	status_is 0
	eq "$(sql 'SELECT name, probability FROM stages ORDER BY position')" \
	    $'a|10\nlost|0\nwon|100'
}

@test "stages: a name retyped in another case or spacing is the same stage, its deals with it; a twin refused; open deals left out said" {
	crm-deal stages 'Contract Sent:90,Appointment Scheduled:20,won:100,lost:0'
	crm-deal add ann@mill.example Mill --amount 1000 --stage 'Contract Sent' >/dev/null
	crm-deal add bo@pumps.example Pumps --amount 500 --stage 'Appointment Scheduled' >/dev/null
	crm-deal move 2 'Contract Sent' >/dev/null
	run --separate-stderr crm-deal stages ' appointment   scheduled :20,contract sent:90,won:100,lost:0'
	status_is 0
	eq "$stderr" ""
	# the new spelling is the stage's, its blanks one space; the deals
	# and their history go with it, so the pipeline keeps their figures
	eq "$(sql 'SELECT name FROM stages ORDER BY position' | tr '\n' ,)" 'appointment scheduled,contract sent,won,lost,'
	eq "$(sql 'SELECT id, stage FROM deals ORDER BY id')" $'1|contract sent\n2|contract sent'
	eq "$(sql "SELECT deal_id, coalesce(from_stage, '-'), stage FROM deal_history ORDER BY id")" \
	    $'1|-|contract sent\n2|-|appointment scheduled\n2|appointment scheduled|contract sent'
	eq "$(crm-report pipeline -o csv | grep '^contract sent')" 'contract sent,2,1500.00,1350.00,0.0'
	# twins by case or spacing are refused, nothing changed
	before=$(dump)
	run --separate-stderr crm-deal stages 'x  y:10,X Y:20,won:100,lost:0'
	fails 64 "crm-deal: stages: 'X Y' is given twice (as 'x y' too: a stage's name is the same in any case)"
	eq "$(dump)" "$before"
	# WON is won
	run crm-deal stages 'contract sent:90,appointment scheduled:20,WON:100,Lost:0'
	status_is 0
	eq "$(sql 'SELECT name FROM stages ORDER BY position' | tr '\n' ,)" 'contract sent,appointment scheduled,won,lost,'
	# a pipeline without their stages: the open deals keep them, said
	crm-deal add ann@mill.example Press --stage 'appointment scheduled' >/dev/null
	run --separate-stderr crm-deal stages 'lead:10,won:100,lost:0'
	status_is 0
	eq "$stderr" "crm-deal: 3 open deals are in stages this pipeline has not: contract sent, appointment scheduled (their stages are kept: crm-deal move ID STAGE)"
	eq "$(sql 'SELECT stage FROM deals ORDER BY id' | tr '\n' ,)" 'contract sent,contract sent,appointment scheduled,'
}

@test "move and add --stage: a stage in another case or spacing is the pipeline's; LOST needs a reason" {
	crm-deal stages 'Contract Sent:90,won:100,lost:0'
	run --separate-stderr crm-deal add ann@mill.example Mill --stage 'contract  sent'
	status_is 0
	eq "$(sql 'SELECT stage FROM deals WHERE id = 1')" 'Contract Sent'
	run --separate-stderr crm-deal move 1 'CONTRACT SENT'
	fails 65 "crm-deal: deal 1 is already Contract Sent: nothing changed"
	run --separate-stderr crm-deal move 1 LOST
	fails_usage 64 "crm-deal: lost needs --reason: why was the deal lost?"
	run --separate-stderr crm-deal add bo@pumps.example Pumps --stage Lost
	fails_usage 64 "crm-deal: lost needs --reason: why was the deal lost?"
	run --separate-stderr crm-deal move 1 Won
	status_is 0
	eq "$(sql 'SELECT stage, closed FROM deals WHERE id = 1')" 'won|2026-11-23T10:00:00Z'
	eq "$(sql 'SELECT from_stage, stage FROM deal_history WHERE deal_id = 1 ORDER BY id DESC LIMIT 1')" 'Contract Sent|won'
}

@test "--probability is read as an import's column: 20% and 20,0 with --decimal-comma; 12.5, hex and exponents refused, never rounded" {
	crm-deal add 1 Mill --amount 1000 --probability 20% >/dev/null
	crm-deal add 1 Saw --amount 1000 --probability 30,0 --decimal-comma >/dev/null
	crm-deal update 2 --probability '40,00 %' --decimal-comma
	eq "$(sql 'SELECT title, probability FROM deals ORDER BY id')" "Mill|20
Saw|40"
	before=$(dump)
	run --separate-stderr crm-deal add 1 Drill --amount 1000 --probability 12.5
	fails 65 "crm-deal: --probability: '12.5' is not a whole percent: crm keeps a deal's probability in whole percents; round it to 12 or 13"
	run --separate-stderr crm-deal update 1 --probability 12,5 --decimal-comma
	fails 65 "crm-deal: --probability: '12,5' is not a whole percent: crm keeps a deal's probability in whole percents; round it to 12 or 13"
	run --separate-stderr crm-deal update 1 --probability 12,5
	fails 65 "crm-deal: --probability: '12,5' is not a probability (a whole percent from 0 to 100, as 20 or 20%; for a decimal comma say --decimal-comma)"
	run --separate-stderr crm-deal update 1 --probability 0.5
	fails 65 "crm-deal: --probability: '0.5' is not a whole percent: crm keeps a deal's probability in whole percents; round it to 0 or 1 (a fraction of one? then it is 50%)"
	for v in 0x1A 1e2 +5 -5 101; do
		run --separate-stderr crm-deal update 1 --probability "$v"
		fails 65 "crm-deal: --probability: '$v' is not a probability (a whole percent from 0 to 100, as 20 or 20%)"
	done
	eq "$(dump)" "$before"
	run --separate-stderr crm-deal -f title,weighted -o csv
	eq "$output" "title,weighted
Mill,200.00
Saw,400.00"
}

@test "bad input: 65 for data, 64 for the command line, the database unchanged" {
	crm-deal add 1 Mill >/dev/null
	before=$(dump)
	run --separate-stderr crm-deal add nobody@x.example Mill
	status_is 65
	has "$stderr" "nobody@x.example"
	run --separate-stderr crm-deal add 1 Mill --amount 12,5
	status_is 65
	has "$stderr" "crm-deal: --amount: '12,5' is not an amount"
	run --separate-stderr crm-deal add 1 Mill --probability 120
	fails 65 "crm-deal: --probability: '120' is not a probability (a whole percent from 0 to 100, as 20 or 20%)"
	run --separate-stderr crm-deal add 1 Mill --close someday
	fails_usage 64 "crm-deal: --close: 'someday' is not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; today, tomorrow, yesterday, +3d, -2w)"
	run --separate-stderr crm-deal add 1 Mill --stage nowhere
	fails 65 "crm-deal: unknown stage 'nowhere' (the pipeline: lead, qualified, proposal, negotiation, won, lost)"
	run --separate-stderr crm-deal move x won
	fails 64 "crm-deal: 'x' is not a deal id"
	run --separate-stderr crm-deal move 9 won
	fails 65 "crm-deal: no deal 9"
	run --separate-stderr crm-deal add 1 $'\xff'
	fails 65 "crm-deal: title: invalid UTF-8"
	run --separate-stderr crm-deal add 1 Mill --note x
	fails_usage 64 "crm-deal: --note and --reason go with move, won and lost (and --reason with add --stage lost)"
	eq "$(dump)" "$before"
}

@test "a reader never makes a database; crm deal is the front door" {
	new_db
	run --separate-stderr crm-deal
	status_is 66
	no_db
	crm-add -n Ann >/dev/null
	run crm deal add 1 Mill
	eq "$output" 1
	run crm help
	has "$output" "deal"
}

@test "a version 3 database (crm before deals) is migrated forward, keeping its data" {
	only_on sqlite "SQLite's schema 3 migrated (user_version, migrate-N.sql); PostgreSQL's schema starts at 8"
	new_db
	share="$BATS_TEST_DIRNAME/../share/crm"
	cat "$share/schema.sql" "$share/migrate-2.sql" "$share/migrate-3.sql" |
	    sqlite3 "$CRM_DB"
	sql "PRAGMA user_version = 3; PRAGMA application_id = 1668443441;
	    INSERT INTO customers (name, email, created, updated)
	    VALUES ('Ann', 'ann@x.example', 'x', 'x');
	    INSERT INTO interactions (customer_id, at, kind, amount, created)
	    VALUES (1, '2026-01-01T00:00:00Z', 'purchase', 500, 'x')"
	run --separate-stderr crm-deal stages -o csv
	status_is 0
	eq "${lines[1]}" "lead,10"
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(sql 'SELECT amount, deal_id IS NULL FROM interactions')" "500|1"
	run crm-deal add ann@x.example Mill
	eq "$output" 1
	eq "$(sql 'PRAGMA foreign_key_check')" ""
}

@test "list with a filter: the deal's names, the customer's, a typo named" {
	crm-add --update 1 --industry steel >/dev/null
	crm-deal add 1 A --amount 12000 --close 2026-12-10 >/dev/null
	crm-deal add 2 B --amount 9000 --close 2026-12-01 --stage proposal >/dev/null
	crm-deal add 2 C --amount 50000 --close 2027-06-01 --owner bob >/dev/null
	crm-deal lost 3 --reason late >/dev/null
	run --separate-stderr crm-deal -f id 'amount > 10000 and closed is empty'
	eq "$output" $'id\n1'
	# The deal's owner, not the customer's: Ann's deal 1 is bob's (hers),
	# deal 3 is bob's by --owner on Bo; closing within 30 days of 11-23.
	run --separate-stderr crm-deal list -f id 'owner = bob'
	eq "$output" $'id\n1\n3'
	run --separate-stderr crm-deal -f id 'close < +30d'
	eq "$output" $'id\n2\n1'
	run --separate-stderr crm-deal -f id,title 'industry = steel or stage = lost'
	eq "$output" $'id\ttitle\n1\tA\n3\tC'
	run --separate-stderr crm-deal -f id 'weighted >= 4500'
	eq "$output" $'id\n2'
	run --separate-stderr crm-deal 'stag = proposal'
	fails 64 "crm-deal: expression: column 1: unknown field 'stag' (did you mean 'stage'?)"
}

@test "a deal without an expected close is neither before nor after a date: close < +30d, the man page's example" {
	crm-deal add 1 NoClose --amount 20000 --stage proposal >/dev/null
	crm-deal add 1 Soon --amount 20000 --stage proposal --close 2026-12-10 --at 2026-10-01 >/dev/null
	crm-deal add 1 Later --amount 20000 --stage proposal --close 2027-06-01 >/dev/null
	run --separate-stderr crm-deal -f title 'stage = proposal and amount > 10000 and close < +30d'
	eq "$output" $'title\nSoon'
	run --separate-stderr crm-deal -f title 'close > 2027-01-01'
	eq "$output" $'title\nLater'
	run --separate-stderr crm-deal -f title 'close != 2026-12-10'
	eq "$output" $'title\nLater\nNoClose'
	run --separate-stderr crm-deal -f title 'close is empty'
	eq "$output" $'title\nNoClose'
	# an open deal did not close long ago either
	crm-deal won 2 --at 2026-11-01 >/dev/null
	run --separate-stderr crm-deal -f title 'closed > 7d'
	eq "$output" $'title\nSoon'
}

@test "crm-log --deal: a touch on a deal; a purchase only against a won one; the customer's or their organisation's" {
	crm-deal add 1 Mill --amount 1000 >/dev/null
	run --separate-stderr crm-log 1 call "About the mill" --deal 1
	status_is 0
	eq "$(sql 'SELECT customer_id, kind, deal_id FROM interactions')" "1|call|1"
	before=$(dump)
	run --separate-stderr crm-log 1 purchase --amount 1000 --deal 1
	fails 65 "crm-log: deal 1 is lead, not won: a purchase is logged against a won deal"
	run --separate-stderr crm-log 2 call --deal 1
	fails 65 "crm-log: deal 1 is not customer 2's"
	run --separate-stderr crm-log 1 call --deal 9
	fails 65 "crm-log: no deal 9"
	run --separate-stderr crm-log 1 call --deal x
	fails 64 "crm-log: 'x' is not a deal id"
	eq "$(dump)" "$before"
	crm-deal won 1 >/dev/null
	run --separate-stderr crm-log 1 purchase --amount 1000 --deal 1 --ref SO-9
	status_is 0
	eq "$(sql "SELECT amount, deal_id FROM interactions WHERE kind = 'purchase'")" "100000|1"
	# A person at the deal's organisation logs against it too.
	sql "INSERT INTO customers (type, name, org_key, created, updated)
	    VALUES ('org', 'Globex', 'globex', 'x', 'x');
	    UPDATE customers SET org_id = 3 WHERE id = 2"
	crm-deal add 3 Pumps >/dev/null
	run --separate-stderr crm-log 2 meeting --deal 2
	status_is 0
}

@test "--at later than now is a usage error: a deal is moved when it happens" {
	crm-deal add 1 Mill --at 2026-10-01 >/dev/null
	before=$(dump)
	run --separate-stderr crm-deal won 1 --at 2027-01-01
	fails_usage 64 "crm-deal: --at: 2027-01-01T00:00:00Z is later than now: a deal is made or moved when it happens (--close is when it is expected to close)"
	run --separate-stderr crm-deal add 1 Later --at tomorrow
	status_is 64
	eq "$(dump)" "$before"
}
