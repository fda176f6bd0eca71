#!/bin/sh
# The crm tour on a sample database: import two spreadsheets, look at the
# customers, change one, export for a spreadsheet.  Run by `make demo`;
# it uses a fresh database in a temporary directory and leaves it there
# for you to explore.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-demo.XXXXXX")
CRM_DB=$dir/crm.db
CRM_USER=${CRM_USER:-demo}
export CRM_DB CRM_USER

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "$*"; "$@"; }

run crm-add --import "$here/sample-customers.csv"
run crm-add --import "$here/sample-customers.csv"
run crm-add --import "$here/sample-update.csv"
run crm-segment -o table
run crm-segment -o table -f id,name,tier,owner,City,tags
run crm-add --update C-1003 --field 'Next visit=2026-12-01' --tag key-account
run crm-add -n 'Jane Roe' -e jane@tailspin.example -c 'Tailspin Logistics' --owner bob
run crm-add --reassign bob dana
run crm-segment -o csv -f id,name,company,owner
run sqlite3 -table "$CRM_DB" 'SELECT at, actor, action, customer_id FROM audit ORDER BY id DESC LIMIT 5'

printf '\nThe demo database is %s\n' "$CRM_DB"
printf 'Try: CRM_DB=%s crm-segment -o table -f all\n' "$CRM_DB"
