#!/bin/sh
# The crm tour on a sample database: import customers from two
# spreadsheets, log orders and calls, find segments and score customers,
# set follow-ups, move deals through the pipeline, and report.
# Run by `make demo`; it uses a fresh database in a temporary directory
# and leaves it there for you to explore.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-demo.XXXXXX")
CRM_DB=$dir/crm.db
CRM_USER=${CRM_USER:-demo}
CRM_NOW=${CRM_NOW:-2026-11-23T09:00:00Z}	# the sample data's "today"
export CRM_DB CRM_USER CRM_NOW

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "$*"; "$@"; }

# Import: the same file twice changes nothing; a newer export updates.
run crm-add --import "$here/sample-customers.csv"
run crm-add --import "$here/sample-customers.csv"
run crm-add --import "$here/sample-update.csv"
run crm-segment -o table -f id,name,company,tier,owner,City,tags

# Log: an order export, then calls and a complaint by hand.
run crm-log --import --kind purchase --map Notes=summary "$here/sample-orders.csv"
run crm-log C-1004 call --at 2026-11-20 "Asked for a quote on valves"
run crm-log li.na@dongfang.example complaint --at 2026-11-21 "Pump delivered late"
run crm-log --show C-1003 -o table

# Segment: a filter, a value model, revenue tiers written back.
run crm-segment -o table -f id,name,industry,revenue,last_contact \
    'industry in (steel, energy) and revenue > 5000'
run crm-segment -o table -f id,name --rfm
run crm-segment -o table -f id,name --pareto
run crm-segment -o table --tiers 'platinum=50000,gold=10000,silver=1000,general=0' --apply

# Pipes: everyone not contacted for 60 days gets the autumn catalogue.
step "crm-segment -f id 'last_contact > 60d' | crm-log - email 'Autumn catalogue sent'"
crm-segment -f id 'last_contact > 60d' | crm-log - email 'Autumn catalogue sent' >/dev/null

# Remind: a dated follow-up, a cadence rule, and the complaint past its SLA.
run crm-remind add C-1001 --due 2026-11-20 --owner alice@example.com "Call about the renewal"
run crm-remind add C-1010 --in 7d --every 1m --owner chen@example.com "Monthly check-in"
run crm-remind rule add 'tier = platinum' --every 30d "Platinum customers hear from us monthly"
run crm-remind -o table -f id,due,overdue_days,name,owner,note,source
step "crm-remind --mail --to sales-lead@example.com | head -20"
crm-remind --mail --to sales-lead@example.com | head -20

# Deals: a quote that moves through the pipeline, one won, one lost.
run crm-deal add C-1003 Valve retrofit --amount 48,000 --close 2026-12-20 --product valves --at 2026-11-02
run crm-deal add C-1004 Pump service contract --amount 12,500 --close 2027-01-31
run crm-deal add li.na@dongfang.example Spare pumps --amount 6,200 --stage proposal
run crm-deal move 1 proposal --at 2026-11-10 --note "quote sent"
run crm-deal move 1 negotiation --note "price agreed, contract with legal"
run crm-deal won 3
run crm-deal lost 2 --reason "went with a local supplier"
run crm-deal -o table -f id,name,title,stage,amount,probability,weighted,close
run crm-deal show 1 -o table

# Report: what the manager asks for.
run crm-report -o table summary
run crm-report -o table --chart sales --by quarter
run crm-report -o table sales --matrix product,industry
run crm-report -o table service
run crm-report -o table owners
run crm-report -o table pipeline
run crm-report -o table win-rate --group owner
run sqlite3 -table "$CRM_DB" 'SELECT at, actor, action, customer_id FROM audit ORDER BY id DESC LIMIT 5'

# The hint must work in the user's own shell, where cmd/ of a clone is
# not on PATH as it is here (make demo puts it there for this run only).
bin=$(cd "$(dirname "$(command -v crm-segment)")" && pwd)
printf '\nThe demo database is %s\n' "$CRM_DB"
printf 'Try: CRM_DB=%s %s/crm-segment -o table -f all\n' "$CRM_DB" "$bin"
printf 'or run every program by name: export PATH=%s:$PATH\n' "$bin"
