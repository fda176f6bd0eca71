#!/usr/bin/env bats
# Test plan: Net Promoter answers (0 to 10) as feedback's field nps, and
# crm-report satisfaction's count of them.
#   - a survey export's answers are read as NPS wherever the file names
#     them: Delighted's Score (Survey type nps), NPS / NPS Score / eNPS,
#     the question itself as the header (Google Forms, Typeform); a
#     column of such a name whose cells are no 0 to 10 stays a field
#   - an answer out of range is refused: file:line: column, exit 65, the
#     database unchanged; --map 'COLUMN=nps' reads any column as one
#   - on a call or a ticket the cell stays what it came as (a field)
#   - crm-log --nps on the command line: feedback only, 0 to 10
#   - crm-report satisfaction: answers, promoters (9, 10), detractors
#     (0 to 6) and NPS (their shares' difference, -100 to 100) by period
#     and group, recomputed by hand; no such columns without answers
#   - per customer: crm-log --show's column nps, crm-report customer's
#     latest answer (no row without one), crm-segment's metric nps (the
#     latest in the window, an organisation's over its contacts); a
#     call's own column nps is none of these

bats_require_minimum_version 1.5.0

load helper

people() {
	crm-add -n 'Ann Lee' -e ann@example.com -i retail >/dev/null
	crm-add -n 'Bob Ray' -e bob@example.com -i retail >/dev/null
	crm-add -n 'Cy Dee' -e cy@example.com -i software >/dev/null
}

nps_of() {
	sql "SELECT f.value FROM interaction_fields f JOIN interactions i ON i.id = f.interaction_id WHERE f.key = 'nps' ORDER BY i.at" | paste -sd ' '
}

@test "Delighted's Score, NPS Score, the question as the header: answers kept, the report counts them" {
	people
	printf '%s\n' 'Response ID,Person ID,Name,Email,Survey type,Score,Comment,Created At,Updated At,Tags,Permalink' \
	    'r_1,p_1,Ann Lee,ann@example.com,nps,10,Great,2026-11-02 10:00:00 UTC,2026-11-02 10:00:00 UTC,,' \
	    'r_2,p_2,Bob Ray,bob@example.com,nps,6,Slow,2026-11-04 12:30:00 UTC,2026-11-04 12:30:00 UTC,,' \
	    'r_3,p_3,Cy Dee,cy@example.com,nps,9,,2026-11-20 08:00:00 UTC,2026-11-20 08:00:00 UTC,,' >dl.csv
	run --separate-stderr crm-log --import dl.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT DISTINCT kind FROM interactions")" feedback
	eq "$(sql "SELECT count(rating) FROM interactions")" 0
	eq "$(nps_of)" "10 6 9"
	# December: a Google Forms sheet, the question its header
	printf '%s\n' 'Timestamp,Email Address,How likely are you to recommend us to a friend or colleague?,What could we do better?' \
	    '2026/12/01 9:15:02 AM GMT,ann@example.com,3,Faster delivery' \
	    '2026/12/02 4:40:10 PM GMT,bob@example.com,0,' >gf.csv
	run --separate-stderr crm-log --import --date-format '%Y/%m/%d %I:%M:%S %p' gf.csv
	status_is 0
	eq "$(nps_of)" "10 6 9 3 0"
	# by hand: November 2 promoters, 1 detractor of 3: 33; December 0 of 2
	# promoters, 2 detractors: -100; the year 2 and 3 of 5: -20
	run --separate-stderr crm-report satisfaction --from 2026-11-01 --to 2027-01-01 -o csv
	status_is 0
	eq "$output" $'period,ratings,mean_rating,nps_answers,promoters,detractors,nps\n2026-11,0,,3,2,1,33\n2026-12,0,,2,0,2,-100'
	run --separate-stderr crm-report satisfaction --from 2026-01-01 --to 2027-01-01 --by year -f period,nps_answers,nps -o csv
	eq "$output" $'period,nps_answers,nps\n2026,5,-20'
	# by industry: retail Ann 10, 3 and Bob 6, 0 (1 of 4 against 3: -50);
	# software Cy 9 (100)
	run --separate-stderr crm-report satisfaction --from 2026-01-01 --to 2027-01-01 --by year --group industry -f period,industry,nps_answers,nps -o csv
	eq "$output" $'period,industry,nps_answers,nps\n2026,retail,4,-50\n2026,software,1,100'
}

@test "an answer out of range is refused, the database unchanged; --map reads any column as one; a column of words stays a field" {
	people
	printf 'Email,Date,NPS\nann@example.com,2026-11-02,8\nbob@example.com,2026-11-03,8\n' >ok.csv
	run --separate-stderr crm-log --import ok.csv
	status_is 0
	eq "$(nps_of)" "8 8"
	printf 'Email,Date,Recommend\nann@example.com,2026-11-05,9\nbob@example.com,2026-11-06,11\n' >bad.csv
	run --separate-stderr crm-log --import --kind feedback --map Recommend=nps bad.csv
	fails 65 "crm-log: bad.csv:3: Recommend: an NPS score is a whole number from 0 to 10"
	eq "$(sql "SELECT count(*) FROM interactions")" 2
	sed -i 's/,11$/,10/' bad.csv
	run --separate-stderr crm-log --import --kind feedback --map Recommend=nps bad.csv
	status_is 0
	eq "$(nps_of)" "8 8 9 10"
	# an NPS column of segments is no answer: kept as it came
	printf 'Email,Date,NPS,Comment\ncy@example.com,2026-11-07,Promoter,Nice\n' >seg.csv
	run --separate-stderr crm-log --import --kind feedback seg.csv
	status_is 0
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'NPS'")" Promoter
	eq "$(nps_of)" "8 8 9 10"
}

@test "on a call the cell stays a field; crm-log --nps on the command line is feedback's, 0 to 10" {
	people
	printf 'Email,Date,NPS\nann@example.com,2026-11-02,9\n' >calls.csv
	run --separate-stderr crm-log --import --kind call calls.csv
	status_is 0
	eq "$(sql "SELECT key || '=' || value FROM interaction_fields")" NPS=9
	run --separate-stderr crm-report satisfaction --from 2026-01-01 -o csv
	eq "$output" "period,ratings,mean_rating"
	# asked for, the columns are there before any answer is
	run --separate-stderr crm-report satisfaction --from 2026-01-01 -f period,nps_answers,nps -o csv
	status_is 0
	eq "$output" "period,nps_answers,nps"
	run --separate-stderr crm-log --nps 7 ann@example.com feedback 'asked at the till'
	status_is 0
	eq "$(nps_of)" 7
	run --separate-stderr crm-log --nps 11 ann@example.com feedback
	fails 65 "crm-log: --nps: '11': an NPS score is a whole number from 0 to 10"
	run --separate-stderr crm-log --nps 9.5 ann@example.com feedback
	fails 65 "crm-log: --nps: '9.5': an NPS score is a whole number from 0 to 10"
	# a sheet's 09 and 9.0 are 9 (qa32 F7: the file was refused)
	printf 'Email,Date,NPS\nann@example.com,2026-11-03,09\nann@example.com,2026-11-04,9.0\n' >z.csv
	run --separate-stderr crm-log --import z.csv
	status_is 0
	eq "$(nps_of)" "9 9 7"
	run --separate-stderr crm-log --nps 9 ann@example.com call
	fails 65 "crm-log: an NPS score is a survey's answer: only feedback has one"
	eq "$(sql "SELECT count(*) FROM interactions")" 4
}

# qa32 F6: the answer was only in interaction_fields and the satisfaction
# report: --show -f nps was "unknown field", and neither crm-report
# customer nor crm-segment had it.
@test "a customer's answers: crm-log --show's nps, crm-report customer's latest, crm-segment's nps, an organisation's its contacts'" {
	people
	crm-add --org -n Globex >/dev/null
	crm-log --nps 9 --at 2026-10-01 ann@example.com feedback 'early' >/dev/null
	crm-log --nps 4 --at 2026-11-01 ann@example.com feedback 'later' >/dev/null
	crm-log --rating 5 --at 2026-11-02 ann@example.com feedback 'rated' >/dev/null
	crm-log --nps 10 --at 2026-11-03 bob@example.com feedback >/dev/null
	crm-log --nps 2 --at 2026-09-01 cy@example.com feedback >/dev/null
	# a call's own column nps is no answer: it stays out
	printf 'Email,Date,nps\ncy@example.com,2026-11-05,8\nann@example.com,2026-11-06,10\n' >calls.csv
	crm-log --import --kind call calls.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'nps'")" 6
	run --separate-stderr crm-log --show ann@example.com -f at,kind,rating,nps,summary -o csv
	status_is 0
	eq "$output" 'at,kind,rating,nps,summary
2026-11-06T00:00:00Z,call,,,
2026-11-02T00:00:00Z,feedback,5,,rated
2026-11-01T00:00:00Z,feedback,,4,later
2026-10-01T00:00:00Z,feedback,,9,early'
	run --separate-stderr crm-log --show ann@example.com -f kind,nps -o json
	eq "${lines[2]}" '{"kind":"feedback","nps":4}'
	eq "${lines[0]}" '{"kind":"call","nps":null}'
	run --separate-stderr crm-report customer ann@example.com
	status_is 0
	eq "$(grep -E '^lifetime	(mean_rating|nps)' <<<"$output")" 'lifetime	mean_rating	5.00
lifetime	nps	4'
	# none: no row (a picture without answers is what it was)
	run --separate-stderr crm-report customer Globex
	eq "$(grep -c '^lifetime	nps' <<<"$output")" 0
	crm-add --update bob@example.com --contact-of Globex >/dev/null
	run --separate-stderr crm-report customer Globex
	eq "$(grep '^lifetime	nps' <<<"$output")" 'lifetime	nps	10'
	run --separate-stderr crm-segment -f email,nps -o csv
	status_is 0
	eq "$output" 'email,nps
ann@example.com,4
bob@example.com,10
cy@example.com,2'
	run --separate-stderr crm-segment -f email 'nps <= 6'
	eq "$output" $'email\nann@example.com\ncy@example.com'
	# in a window of 30 days: Cy's answer of September is not in it
	run --separate-stderr crm-segment --window 30d -f email,nps 'nps >= 0'
	eq "$output" $'email\tnps\nann@example.com\t4\nbob@example.com\t10'
	run --separate-stderr crm-segment --orgs -f name,nps
	eq "$output" $'name\tnps\nGlobex\t10'
	run --separate-stderr crm-segment -f email 'nps >= 9.5'
	fails 64 "crm-segment: expression: column 8: '9.5' is not a whole number"
}
