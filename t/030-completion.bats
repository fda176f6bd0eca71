#!/usr/bin/env bats
# Test plan: bash completion (share/bash-completion/completions/crm),
# driven as bash drives it: the file sourced in a fresh bash -c,
# COMP_WORDS, COMP_CWORD and COMP_LINE set, the function called, and
# COMPREPLY read back.  No bash-completion package is needed.
#   - options from the program's own --help: crm-add --imp, and for every
#     program "--" offers exactly the long options its --help lists
#   - commands and reports: crm re, crm-report sa, crm-remind, crm-remind
#     rule, crm-deal; crm help se; crm undo --; crm cou, and nothing
#     after crm country; crm add --ow (through the front door, to
#     crm-add's options)
#   - values from the synopsis: -o (crm-report, crm-segment), --by,
#     --group (the named report's: win-rate's three, receivables' owner;
#     sales', service's and satisfaction's the fields they split by, and
#     --matrix's); kinds from crm-log's --help (crm-log ann c, --kind pu)
#   - column names after -f, after a comma too, extra fields included
#   - owners and tiers from the database: $CRM_DB, or the -d on the line
#     (also before the command of crm); none, quietly, with no database,
#     which completion does not make; an encrypted database without its
#     key gives none and asks nothing; with CRM_KEY_FILE it gives them
#   - stages from crm-deal stages (--stage, crm-deal move ID)
#   - make install-completion: the file and a link per crm-* name, and
#     each loads its completion

load helper

COMPLETION="$BATS_TEST_DIRNAME/../share/bash-completion/completions/crm"

# comp LINE: what TAB at the end of LINE offers, one a line, sorted.
# LINE is split on spaces; a trailing space starts an empty word.
comp() {
	timeout 20 bash --norc --noprofile -c '
		. "$1" || exit 1
		COMP_LINE=$2
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_crm </dev/null
		printf "%s\n" "${COMPREPLY[@]}"
	' comp "$COMPLETION" "$1" | grep -v '^$' | sort
}

# The customers: people owned by alice (gold) and bob (silver), one with
# the extra field birthday; an organisation owned by carol (platinum).
fill() {
	crm-add -n Ann -e ann@example.com --owner alice -T gold \
	    -F birthday=1990-01-01 >/dev/null
	crm-add -n Bo -e bo@example.com --owner bob -T silver >/dev/null
	crm-add --org -n Acme --owner carol -T platinum >/dev/null
}

@test "options come from the program's own --help" {
	eq "$(comp 'crm-add --imp')" "--import"
	eq "$(comp 'crm-remind import --sou')" "--source"
	eq "$(comp 'crm-segment --s')" $'--sample\n--search\n--seed\n--spreadsheet'
	local p
	for p in crm-add crm-deal crm-log crm-remind crm-report crm-segment; do
		local want
		want=$("$p" --help | sed '1,/^$/d' | grep -E '^ +-' | sed -E 's/^ +//; s/  .*//' |
		    grep -oE -- '--[a-z][a-z-]*' | sort -u)
		[[ $(wc -l <<<"$want") -ge 10 ]]
		eq "$(comp "$p --")" "$want"
	done
}

@test "commands and reports, through the front door too" {
	eq "$(comp 'crm re')" $'rekey\nremind\nreport\nrevoke'
	eq "$(comp 'crm-report sa')" $'sales\nsatisfaction'
	eq "$(comp 'crm-report w')" "win-rate"
	eq "$(comp 'crm-remind ')" $'add\ndone\nimport\nlist\nowner\nquiet\nrm\nrule\nsla\nsnooze'
	eq "$(comp 'crm-remind rule ')" $'add\nlist\nrm'
	eq "$(comp 'crm-deal ')" $'add\nlist\nlost\nmove\nshow\nstages\nupdate\nwon'
	eq "$(comp 'crm help se')" "segment"
	eq "$(comp 'crm undo --')" $'--forget-before\n--list'
	eq "$(comp 'crm cou')" "country"
	eq "$(comp 'crm country ')" ""
	eq "$(comp 'crm add --ow')" "--owner"
	eq "$(comp 'crm report sa')" $'sales\nsatisfaction'
	eq "$(comp 'crm --v')" "--version"
	# a report name is not offered once there is one
	eq "$(comp 'crm-report sales sa')" ""
}

@test "values from the synopsis, kinds from crm-log --help" {
	eq "$(comp 'crm-report -o ')" $'csv\nhtml\njson\ntable\ntsv'
	eq "$(comp 'crm-segment -o v')" "vcard"
	eq "$(comp 'crm-remind --output i')" "ics"
	eq "$(comp 'crm-report --by m')" "month"
	eq "$(comp 'crm-report win-rate --group ')" $'industry\nowner\nproduct'
	eq "$(comp 'crm-report receivables --group ')" "owner"
}

@test "crm-report --group: sales, service and satisfaction split by product, owner, a customer column or an extra field" {
	fill
	# not win-rate's three: crm-report sales --group took those
	local want=$'birthday\ncompany\ncreated\ndomain\nemail\nexternal_id\nindustry\nname\nowner\nphone\nproduct\nrole\nstatus\ntier'
	eq "$(comp 'crm-report sales --group ')" "$want"
	eq "$(comp 'crm-report --by month service --group ')" "$want"
	eq "$(comp 'crm-report satisfaction --group ')" "$want"
	eq "$(comp 'crm-report --group ')" "$want"
	eq "$(comp 'crm-report sales --group bi')" "birthday"
	# each is one a report takes
	local g
	for g in $want; do
		crm-report -o tsv sales --group "$g" >/dev/null
	done
	# --matrix: two of them, after the comma too
	eq "$(comp 'crm-report sales --matrix product,ti')" "product,tier"
	eq "$(comp 'crm-log ann@example.com c')" $'call\nchat\ncomplaint'
	eq "$(comp 'crm-log --kind pu')" "purchase"
	eq "$(comp 'crm-remind done 3 --log me')" "meeting"
}

@test "column names after -f, after a comma too, extra fields included" {
	fill
	eq "$(comp 'crm-segment -f em')" "email"
	eq "$(comp 'crm-segment -f id,em')" "id,email"
	eq "$(comp 'crm-segment --fields bi')" "birthday"
	# type: the database has an organisation; terms: a computed field of
	# crm-segment --help's Fields group, as revenue and last_contact are
	eq "$(comp 'crm-segment -f t')" $'tags\nterms\ntier\ntype'
	eq "$(comp 'crm-segment -f id,rev')" "id,revenue"
	eq "$(comp 'crm-segment -f last_c')" "last_contact"
	eq "$(comp 'crm-segment --by ow')" "owner"
	# crm-deal's own columns
	eq "$(comp 'crm-deal -f wei')" "weighted"
	eq "$(comp 'crm-deal list -f id,pro')" $'id,probability\nid,product'
	eq "$(comp 'crm-deal list -f id,em')" "id,email"
	# Looking up owners and column names is no disclosure: pressing TAB
	# leaves no export row in the audit trail.
	eq "$(comp 'crm-add --owner a')" "alice"
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'export'")" 0
}

@test "owners and tiers from the database, the -d on the line first" {
	only_on sqlite "the database file moved aside for -d to name, and a file that is no database"
	fill
	eq "$(comp 'crm-add --owner a')" "alice"
	eq "$(comp 'crm-add --owner ')" $'alice\nbob\ncarol'
	eq "$(comp 'crm-add -T ')" $'gold\nplatinum\nsilver'
	eq "$(comp 'crm-log --owner b')" "bob"
	mv crm.db other.db
	eq "$(comp 'crm-add --owner ')" ""
	[[ ! -e crm.db ]]
	eq "$(comp 'crm-add -d other.db --owner c')" "carol"
	eq "$(comp 'crm-remind --db other.db --owner ')" $'alice\nbob\ncarol'
	eq "$(comp 'crm -d other.db add --tier s')" "silver"
	eq "$(comp 'crm add -d other.db -T g')" "gold"
	CRM_DB=other.db
	eq "$(comp 'crm-deal add 1 x --owner al')" "alice"
	# a file that is no database gives nothing, and is left as it was
	echo 'not a database' >junk.db
	eq "$(comp 'crm-add -d junk.db --owner ')" ""
	eq "$(cat junk.db)" "not a database"
}

@test "an encrypted database without its key: nothing, and no question" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file)"
	printf '%064x\n' 7 >key
	chmod 600 key
	CRM_KEY_FILE=$PWD/key fill
	eq "$(head -c 22 crm.db)" "crm encrypted database"
	# without the key a program would ask on the terminal; completion
	# gives it none, so nothing comes back, and at once
	SECONDS=0
	eq "$(comp 'crm-add --owner ')" ""
	(( SECONDS < 10 ))
	export CRM_KEY_FILE=$PWD/key
	eq "$(comp 'crm-add --owner ')" $'alice\nbob\ncarol'
}

@test "stages from crm-deal stages" {
	fill
	eq "$(comp 'crm-deal add 1 Renewal --stage q')" "qualified"
	eq "$(comp 'crm-deal move 4 ')" \
	    "$(crm-deal stages | tail -n +2 | cut -f1 | sort)"
	eq "$(comp 'crm-deal move 4 l')" $'lead\nlost'
}

@test "make install-completion: the file and a link for every crm-* name" {
	make -s -C "$BATS_TEST_DIRNAME/.." install-completion \
	    DESTDIR="$BATS_TEST_TMPDIR/dest" PREFIX=/usr
	local dir="$BATS_TEST_TMPDIR/dest/usr/share/bash-completion/completions" p
	cmp "$dir/crm" "$COMPLETION"
	for p in crm-add crm-deal crm-log crm-remind crm-report crm-segment; do
		eq "$(readlink "$dir/$p")" "crm"
		# bash-completion sources the file named after the command
		eq "$(bash --norc -c '. "$1" && complete -p "$2"' x "$dir/$p" "$p")" \
		    "complete -F _crm $p"
	done
}
