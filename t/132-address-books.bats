#!/usr/bin/env bats
# Test plan: one person in two address books (an Android phone's vCard
# 2.1, an iPhone's 3.0 from iCloud, a spreadsheet of "Last, First"
# names; t/data/real/ab-*), imported in turn, night after night, settles:
#   - "Müller, Jürgen" and "Jürgen Müller" are one name: no rename either
#     way, no audit row, the customer's spelling kept

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

# import FILE [OPTION...]: run crm-add --import, stdout and stderr apart.
import() {
	local f=$1
	shift
	run --separate-stderr crm-add --import "$@" "$f"
}

# How many rows of the audit trail renamed a customer.
renames() {
	sql "SELECT count(*) FROM audit WHERE action = 'update' AND
	    detail LIKE '%\"name\"%'"
}

@test "'Müller, Jürgen' and 'Jürgen Müller' are one name: no rename either way, no audit row; the customer's spelling kept" {
	import "$REAL/ab-excel-names.csv"
	status_is 0
	import "$REAL/ab-android-21.vcf"
	status_is 0
	[[ $stderr != *renamed* ]]
	eq "$(sql "SELECT name FROM customers WHERE email LIKE 'juergen%'")" \
	    'Müller, Jürgen'
	import "$REAL/ab-excel-names.csv"
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(renames)" 0
	# and the other way round: the card's spelling first
	new_db
	import "$REAL/ab-android-21.vcf"
	import "$REAL/ab-excel-names.csv"
	[[ $stderr != *renamed* ]]
	eq "$(sql "SELECT name FROM customers WHERE email LIKE 'juergen%'")" \
	    'Jürgen Müller'
	eq "$(renames)" 0
	# a fuller name is still one
	printf 'Name,Email\nJürgen K. Müller,juergen.mueller@example.de\n' >f.csv
	import f.csv
	has "$stderr" "renamed 'Jürgen K. Müller', a fuller name"
}
