#!/usr/bin/env bats
# Test plan: counts that crm prints for people carry a thousands
# separator, "1,200", as the import summaries ("60,000 added") always
# did (qa49 F3; crm_fmt_count in lib/util.c).  The erase count is in
# 170-crm-add-erase.bats, the copy's rows in 910-copy.bats; here a
# warning of an import that counts rows:
#   - crm-add --import: e-mail cells that held "Name <address>"

load helper

@test "an import's warning counts 1,200 e-mail cells with a separator" {
	local i
	for i in $(seq 1 1200); do
		echo "P $i,P $i <p$i@example.com>"
	done | { echo name,email; cat; } >named.csv
	run --separate-stderr crm-add --import named.csv
	status_is 0
	eq "$stderr" "crm-add: named.csv:2: 1,200 e-mail cells held a name with the address (\"Name <address>\"): the address taken, and the name where the row gave none
1,200 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT email FROM customers WHERE id = 1200")" p1200@example.com
}
