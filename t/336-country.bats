#!/usr/bin/env bats
# Test plan: the home country (crm country) and the rules by which two
# written phone numbers are one (lib/key.c), qa29 F1, F2, F5, F7, F8.
#   - crm country prints the setting (nothing without one), sets it by an
#     ISO 3166 alpha-2 code in any case, forgets it with -; an unknown
#     code or a second operand is a usage error (64), the database
#     unchanged; a change is audited
#   - with a home country a number written without a country code is the
#     home country's: crm-log takes a customer's number written with it
#     surely, saying nothing (a Twilio log too), and a call from another
#     country with her national digits is nobody's; crm-add's import
#     keeps such a row's namesake apart, and the home's own merges
#   - North American ten digits (qa29 F2): +1 is sure with home US (and
#     a trunk 1, and the US international prefix 011), never with home
#     IT, and a guess without one; crm-log and crm-add agree
#   - numbers with no trunk 0 (qa29 F5, F7): India's 98765 43210,
#     Brazil's (21) 2345-6789 are the home's; without a home, ten such
#     digits are no other country's than North America's (and Italy's,
#     Greece's, Mexico's), and fewer are a guess, said, as crm-log(1)
#     says
#   - the home's own trunk prefix: Russia's 8 (a call log's E.164 too),
#     Hungary's 06
#   - national forms (qa29 F8): +49 (030) 1234567 (not Italy's +39 (06)),
#     Mexico's old mobile 1 after +52, with or without a home
#   - without a home country the message names the setting

bats_require_minimum_version 1.5.0

load helper

NOTE="one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)"

# customer NAME PHONE: add her.
customer() {
	crm-add -n "$1" -p "$2" >/dev/null
}

# logged_on KEY: the call logged by KEY's customer's name; stderr in $stderr.
logged_on() {
	run --separate-stderr crm-log "$1" call
	[[ $status -eq 0 ]] || return 0
}

# last: the name the last interaction is on.
last() {
	sql "SELECT c.name FROM interactions i JOIN customers c ON c.id = i.customer_id ORDER BY i.id DESC LIMIT 1"
}

@test "crm country prints, sets, forgets the home country; an unknown code is a usage error" {
	customer Anna '030 1234567'
	run --separate-stderr crm country
	status_is 0
	eq "$output" ""
	eq "$stderr" "crm: no home country: a number written without a country code matches one written with it only as a guess, said (crm country CC sets one)"
	run --separate-stderr crm country de
	status_is 0
	eq "$stderr" "crm: the home country is DE (+49): a number written without a country code is +49's"
	run --separate-stderr crm country
	status_is 0
	eq "$output" "DE +49"
	# -d after the command, as crm's own commands take it
	run --separate-stderr crm country -d "$CRM_DB"
	eq "$output" "DE +49"
	eq "$(sql "SELECT value FROM settings WHERE key = 'country'")" "DE"
	# every NANP country is +1, Russia and Kazakhstan +7
	run crm country CA
	run crm country
	eq "$output" "CA +1"
	run crm country kz
	run crm country
	eq "$output" "KZ +7"
	# unknown, and too many: 64, nothing changed
	run --separate-stderr crm country XX
	status_is 64
	eq "$stderr" "crm: country: 'XX' is no country crm knows: give its ISO 3166 code of two letters (DE, US, GB ...), or - for none"
	run --separate-stderr crm country DEU
	status_is 64
	run --separate-stderr crm country DE GB
	status_is 64
	run crm country
	eq "$output" "KZ +7"
	run --separate-stderr crm country -
	status_is 0
	run --separate-stderr crm country
	eq "$output" ""
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'country'")" "0"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'settings' ORDER BY id" | paste -sd ' ')" \
	    '{"country":"DE"} {"country":"CA"} {"country":"KZ"} {"country":null}'
}

@test "crm country is a change of its own: crm undo undoes it, never the import before it (qa38 F2)" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	printf 'email,at,kind\na@x.example,2026-01-02,call\n' >"$BATS_TEST_TMPDIR/l.csv"
	crm-log --import --add-customers "$BATS_TEST_TMPDIR/l.csv" 2>/dev/null
	# in the same second as the import, as a script runs them
	CRM_NOW=$(sql "SELECT at FROM audit ORDER BY id DESC LIMIT 1") crm country DE 2>/dev/null
	run --separate-stderr crm undo --list
	has "${lines[1]}" "settings"
	run --separate-stderr crm undo
	status_is 0
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'country'")" "0"
	eq "$(sql "SELECT count(*) FROM interactions")" "1"
	run --separate-stderr crm country
	eq "$output" ""
}

@test "with a home country a number with its code is her national one surely, and another country's never (qa29 F1)" {
	customer Anna '030 1234567'
	customer Karl '0171/1234567'
	customer Claire '+33 6 12 34 56 78'
	crm country DE 2>/dev/null
	logged_on '+49 30 1234567'
	status_is 0
	eq "$stderr" ""
	eq "$(last)" "Anna"
	logged_on '+49 171 1234567'
	eq "$stderr" ""
	eq "$(last)" "Karl"
	# a stranger in France with Anna's digits: nobody
	run --separate-stderr crm-log '+33 30 1234567' call
	status_is 65
	eq "$stderr" "crm-log: no customer '+33 30 1234567'"
	run --separate-stderr crm-log '+33 171 1234567' call
	status_is 65
	# Claire's own, and a French number written nationally is a German one
	logged_on '0033 6 12 34 56 78'
	eq "$(last)" "Claire"
	run --separate-stderr crm-log '06 12 34 56 78' call
	status_is 65
	# a Twilio log: Anna's call silent, the stranger's rejected
	printf 'From,To,Status,Direction,Start Time,Duration\n+49301234567,+4940999,completed,inbound,2026-11-03T14:02:11Z,60\n+33301234567,+4940999,completed,inbound,2026-11-03T15:02:11Z,60\n' >tw.csv
	run --separate-stderr crm-log --import --rejects rej.csv tw.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 1 rejected"
	eq "$(tail -n +2 rej.csv | cut -d, -f1,3)" "3,+33301234567"
	eq "$(sql "SELECT count(*) FROM interactions WHERE customer_id = 1")" "2"
	# crm-add: the home's own number is Anna's, the French one a new Anna
	printf 'name,phone\nAnna,+49 30 1234567\n' >same.csv
	run --separate-stderr crm-add --import same.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	printf 'name,phone\nAnna,+33 30 1234567\n' >other.csv
	run --separate-stderr crm-add --import other.csv
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
}

@test "without a home country such a match is a guess, taken and said, naming the setting" {
	customer Anna '030 1234567'
	logged_on '+49 30 1234567'
	eq "$stderr" "crm-log: +49 30 1234567 as customer 1's 030 1234567 taken: $NOTE"
	eq "$(last)" "Anna"
	# set, then forgotten: a guess again
	crm country DE 2>/dev/null
	logged_on '+49 30 1234567'
	eq "$stderr" ""
	crm country - 2>/dev/null
	logged_on '+49 30 1234567'
	eq "$stderr" "crm-log: +49 30 1234567 as customer 1's 030 1234567 taken: $NOTE"
}

@test "North American ten digits follow the home country: sure with US, never with IT, a guess without (qa29 F2)" {
	customer Bianchi '347 123 4567'
	customer Bob '(415) 555-0132'
	# no home: +1 and the national ten digits are a guess, said
	logged_on '+1 347 123 4567'
	eq "$(last)" "Bianchi"
	eq "$stderr" "crm-log: +1 347 123 4567 as customer 1's 347 123 4567 taken: $NOTE"
	logged_on '+1 415 555 0132'
	eq "$(last)" "Bob"
	eq "$stderr" "crm-log: +1 415 555 0132 as customer 2's (415) 555-0132 taken: $NOTE"
	# a trunk 1 and none are one North American number: silent
	logged_on '1-415-555-0132'
	eq "$(last)" "Bob"
	eq "$stderr" ""
	# home Italy: the ten digits are Italian, +1's are not hers
	crm country IT 2>/dev/null
	run --separate-stderr crm-log '+1 347 123 4567' call
	status_is 65
	logged_on '+39 347 123 4567'
	eq "$(last)" "Bianchi"
	eq "$stderr" ""
	printf 'name,phone\nBianchi,+1 347 123 4567\n' >b.csv
	run --separate-stderr crm-add --import b.csv
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	# home US: sure, silent; 011 is the US international prefix
	crm country US 2>/dev/null
	logged_on '+1 415 555 0132'
	eq "$(last)" "Bob"
	eq "$stderr" ""
	customer Lupita '+52 55 1234 5678'
	logged_on '011 52 55 1234 5678'
	eq "$(last)" "Lupita"
	run --separate-stderr crm-log '+52 415 555 0132' call
	status_is 65
	printf 'name,phone\nBob,+1 415 555 0132\n' >bob.csv
	run --separate-stderr crm-add --import bob.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "numbers with no trunk 0 are the home country's: India, Brazil, a bare area code (qa29 F5, F7)" {
	customer Ravi '98765 43210'
	customer Maria '(21) 2345-6789'
	customer Anna '+49 30 1234567'
	# no home: ten digits are North American or nobody's, fewer a guess
	run --separate-stderr crm-log '+91 98765 43210' call
	status_is 65
	logged_on '+1 987 654 3210'
	eq "$(last)" "Ravi"
	eq "$stderr" "crm-log: +1 987 654 3210 as customer 1's 98765 43210 taken: $NOTE"
	logged_on '30 1234567'
	eq "$(last)" "Anna"
	eq "$stderr" "crm-log: 30 1234567 as customer 3's +49 30 1234567 taken: $NOTE"
	crm country IN 2>/dev/null
	logged_on '+91 98765 43210'
	eq "$(last)" "Ravi"
	eq "$stderr" ""
	run --separate-stderr crm-log '+1 987 654 3210' call
	status_is 65
	crm country BR 2>/dev/null
	logged_on '+55 21 2345-6789'
	eq "$(last)" "Maria"
	eq "$stderr" ""
	run --separate-stderr crm-log '+1 212 345 6789' call
	status_is 65
	crm country DE 2>/dev/null
	logged_on '30 1234567'
	eq "$(last)" "Anna"
	eq "$stderr" ""
}

@test "the home country's own trunk prefix: Russia's 8, Hungary's 06" {
	customer Ivan '8 (912) 345-67-89'
	customer Olga '+7 495 123 45 67'
	customer Zsofia '06 1 234 5678'
	run --separate-stderr crm-log '+7 912 345 67 89' call
	status_is 65
	crm country RU 2>/dev/null
	logged_on '+7 912 345 67 89'
	eq "$(last)" "Ivan"
	eq "$stderr" ""
	logged_on '8 495 123 45 67'
	eq "$(last)" "Olga"
	printf 'name,phone\nIvan,+7 (912) 345-67-89\n' >ivan.csv
	run --separate-stderr crm-add --import ivan.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# a Twilio log finds her too
	printf 'From,To,Status,Direction,Start Time,Duration\n+79123456789,+74950000000,completed,inbound,2026-11-03T14:02:11Z,60\n' >tw.csv
	run --separate-stderr crm-log --import tw.csv
	status_is 0
	eq "$(last)" "Ivan"
	crm country HU 2>/dev/null
	logged_on '+36 1 234 5678'
	eq "$(last)" "Zsofia"
	eq "$stderr" ""
}

@test "national forms: +49 (030), Mexico's old mobile 1 (qa29 F8)" {
	customer Anna '+49 30 1234567'
	customer Rossi '+39 06 1234 5678'
	customer Lupita '+52 55 1234 5678'
	customer Bruno '+39 6 1234 5678'
	# the same number, with no home country and nothing said
	logged_on '+49 (030) 1234567'
	eq "$(last)" "Anna"
	eq "$stderr" ""
	logged_on '0049 (030) 1234567'
	eq "$(last)" "Anna"
	# Italy's 0 is the number's own: +39 (06) is Rossi's, not Bruno's
	logged_on '+39 (06) 1234 5678'
	eq "$(last)" "Rossi"
	logged_on '+52 1 55 1234 5678'
	eq "$(last)" "Lupita"
	eq "$stderr" ""
	printf 'name,phone\nLupita,+52 1 55 1234 5678\n' >mx.csv
	run --separate-stderr crm-add --import mx.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# and with a home
	crm country DE 2>/dev/null
	logged_on '+49 (030) 1234567'
	eq "$(last)" "Anna"
	eq "$stderr" ""
}

# rev30 F2: crm-add's phone-only row took crm_phone_same's 2 (sure, with
# a home country) for a guess and refused it; F4: with home US, 011 and
# thirteen digits was no phone.
@test "with a home country a crm-add row of a phone alone finds her surely; 011 dials out" {
	crm country GB
	crm-add -n Ann -e ann@x.example -p '07700 900123' >/dev/null
	printf 'Phone,Tags\n+44 7700 900123,vip\n' >p.csv
	run --separate-stderr crm-add --import p.csv
	status_is 0
	eq "$(sql "SELECT tag FROM tags")" vip
	crm country US
	crm-add -n Wei -e wei@x.example -p '+86 138 0013 8000' >/dev/null
	run --separate-stderr crm-log '011 86 138 0013 8000' note hi
	status_is 0
	eq "$(sql "SELECT c.name FROM interactions i JOIN customers c ON c.id = i.customer_id")" Wei
}
