#!/usr/bin/env bash
# bench/stress.sh - the reliability promises of README.md, under load:
# many writers at once, and processes killed at random moments.  Each
# part checks its promise itself and prints one line of figures; a broken
# promise prints "stress: FAIL: ..." and exits 1.  The programs are the
# ones on PATH ("make stress" puts cmd/ first).
#
#   stress.sh writers W OPS      W processes x OPS writes, a reader besides
#   stress.sh kill-import ROWS KILLS
#   stress.sh kill-apply CUSTOMERS KILLS
#   stress.sh kill-done KILLS
#   stress.sh kill-crypt CUSTOMERS KILLS   crm encrypt, rekey, decrypt
#   stress.sh all                what "make stress" runs: the full sizes
#
# t/800-reliability.bats runs the same parts with small sizes.

set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/crm-stress.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
export TZ=UTC CRM_NOW=2026-11-23T10:00:00Z CRM_USER=stress
export HOME="$work/home"
unset CRM_DB XDG_DATA_HOME CRM_BUSY_TIMEOUT
# The tests' writers on a loaded machine (a sanitizer build beside two
# suites) may wait past the 5 s default: what they check is that nothing
# is lost or doubled, so they may give a longer wait.
if [ -n "${STRESS_BUSY_TIMEOUT:-}" ]; then
	export CRM_BUSY_TIMEOUT=$STRESS_BUSY_TIMEOUT
fi

fail() {
	echo "stress: FAIL: $*" >&2
	exit 1
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# sqlite3, waiting for the lock as the programs do.
q() {
	sqlite3 -batch -cmd '.timeout 10000' "$@"
}

integrity_ok() {
	[ "$(q "$1" 'PRAGMA integrity_check')" = ok ] ||
	    fail "$1: integrity_check: $(q "$1" 'PRAGMA integrity_check' | head -3)"
	crm -d "$1" check >"$work/check" 2>&1 ||
	    fail "$1: crm check failed: $(head -3 "$work/check")"
}

# A random moment in [0, MS) milliseconds, as seconds for sleep(1).
random_delay() {
	local ms=$(( (RANDOM * 32768 + RANDOM) % ($1 > 0 ? $1 : 1) ))
	printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# Run CMD... in the background, kill it with SIGKILL after a random part
# of MS milliseconds, and wait for it.
kill_at_random() {
	local ms=$1 pid
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(random_delay "$ms")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# customers N: N customers, ids 1..N (the 2% repeated rows merge).
customers() {
	python3 "$here/gen-customers.py" "$1" 7
}

# --- many writers --------------------------------------------------------

# One writer: OPS operations, turn about crm-log, crm-add --update and
# crm-remind done, on the first 20 customers, so that writers meet on
# the same rows.  A failed operation is written to $work/failed.
writer() {
	local db=$1 w=$2 ops=$3 i c rids rid k=0
	rids=($(q "$db" "SELECT id FROM reminders WHERE note = 'w$w' ORDER BY id"))
	for ((i = 0; i < ops; i++)); do
		c=$((1 + i % 20))
		case $((i % 3)) in
		0) CRM_USER=w$w crm-log -d "$db" "$c" call "w$w op $i" ;;
		1) CRM_USER=w$w crm-add -d "$db" -u "$c" -F "w$w=$i" ;;
		2) rid=${rids[k++]}
		   CRM_USER=w$w crm-remind -d "$db" done "$rid" ;;
		esac >/dev/null 2>"$work/err.$w" ||
		    { echo "writer $w op $i: $(cat "$work/err.$w")" >>"$work/failed"; }
	done
}

# The reader: reports until the writers are done.
reader() {
	local db=$1 n=0
	while [ ! -e "$work/writers-done" ]; do
		crm-report -d "$db" summary >/dev/null 2>"$work/err.r" &&
		crm-report -d "$db" owners >/dev/null 2>>"$work/err.r" &&
		crm-segment -d "$db" --count 'interactions > 0' >/dev/null \
		    2>>"$work/err.r" ||
		    echo "reader: $(cat "$work/err.r")" >>"$work/failed"
		n=$((n + 1))
	done
	echo "$n" >"$work/reads"
}

writers() {
	local nw=$1 ops=$2 db="$work/writers.db" w i pids=() t0 t1
	local nlog=0 nupd=0 ndone=0 rpid

	customers 20 | crm-add -d "$db" --import 2>/dev/null ||
	    fail "writers: setup import"
	for ((w = 1; w <= nw; w++)); do
		{ echo id; for ((i = 2; i < ops; i += 3)); do
			echo $((1 + i % 20))
		done; } | crm-remind -d "$db" add - --in 1d "w$w" >/dev/null 2>&1 ||
		    fail "writers: setup reminders"
	done
	for ((i = 0; i < ops; i++)); do
		case $((i % 3)) in
		0) nlog=$((nlog + 1)) ;;
		1) nupd=$((nupd + 1)) ;;
		2) ndone=$((ndone + 1)) ;;
		esac
	done
	: >"$work/failed"
	rm -f "$work/writers-done"
	reader "$db" &
	rpid=$!
	t0=$(now_ms)
	for ((w = 1; w <= nw; w++)); do
		writer "$db" "$w" "$ops" &
		pids+=($!)
	done
	wait "${pids[@]}"
	t1=$(now_ms)
	touch "$work/writers-done"
	wait "$rpid"

	[ -s "$work/failed" ] && fail "writers: $(wc -l <"$work/failed") \
failed operations, the first: $(head -1 "$work/failed")"
	integrity_ok "$db"
	for ((w = 1; w <= nw; w++)); do
		check_writer "$db" "$w" "$ops" "$nlog" "$nupd" "$ndone"
	done
	printf 'writers: %d processes x %d writes = %d, all present, 0 failed; %d reader rounds; %d.%03d s\n' \
	    "$nw" "$ops" $((nw * ops)) "$(cat "$work/reads")" \
	    $(((t1 - t0) / 1000)) $(((t1 - t0) % 1000))
}

# Every write of writer W is in the database: its calls, the last value
# it gave each customer's field, its reminders done, and an audit row for
# each update.
check_writer() {
	local db=$1 w=$2 ops=$3 nlog=$4 nupd=$5 ndone=$6 got want
	got=$(q "$db" "SELECT count(DISTINCT summary) FROM interactions
	    WHERE kind = 'call' AND summary LIKE 'w$w op %'")
	[ "$got" = "$nlog" ] || fail "writer $w: $got of $nlog calls logged"
	got=$(q "$db" "SELECT count(*) FROM reminders
	    WHERE note = 'w$w' AND done IS NOT NULL")
	[ "$got" = "$ndone" ] || fail "writer $w: $got of $ndone reminders done"
	got=$(q "$db" "SELECT count(*) FROM audit
	    WHERE actor = 'w$w' AND action = 'update'")
	[ "$got" = "$nupd" ] || fail "writer $w: $got of $nupd updates audited"
	got=$(q "$db" "SELECT group_concat(customer_id || '=' || value, ' ')
	    FROM (SELECT customer_id, value FROM customer_fields
	    WHERE key = 'w$w' ORDER BY customer_id)")
	want=$(awk -v ops="$ops" 'BEGIN {
		for (i = 1; i < ops; i += 3) last[1 + i % 20] = i
		for (c = 1; c <= 20; c++)
			if (c in last) s = s (s ? " " : "") c "=" last[c]
		print s }')
	[ "$got" = "$want" ] || fail "writer $w: fields $got, expected $want"
}

# --- killed imports ------------------------------------------------------

kill_import() {
	local rows=$1 kills=$2 base="$work/base.db" full="$work/full.db"
	local db="$work/killed.db" t0 ms nbase nfull n k none=0 all=0

	customers 50 | sed 's/user/base/g; s/C-/B-/' |
	    crm-add -d "$base" --import 2>/dev/null || fail "kill-import: setup"
	python3 "$here/gen-customers.py" "$rows" 1 >"$work/import.csv"
	cp "$base" "$full"
	t0=$(now_ms)
	crm-add -d "$full" --import "$work/import.csv" 2>/dev/null ||
	    fail "kill-import: the import itself fails"
	ms=$(($(now_ms) - t0))
	nbase=$(q "$base" 'SELECT count(*) FROM customers')
	nfull=$(q "$full" 'SELECT count(*) FROM customers')
	# Until KILLS of them land before the commit: a kill that comes after
	# it proves less, and says the moments should be earlier.
	for ((k = 1; none < kills && k <= 3 * kills; k++)); do
		cp "$base" "$db"
		rm -f "$db-wal" "$db-shm"
		kill_at_random "$ms" crm-add -d "$db" --import "$work/import.csv"
		integrity_ok "$db"
		n=$(q "$db" 'SELECT count(*) FROM customers')
		case $n in
		"$nbase") none=$((none + 1)) ;;
		"$nfull") all=$((all + 1)) ms=$((ms * 3 / 4)) ;;
		*) fail "kill-import: kill $k left $n customers: neither" \
		       "$nbase (none of the import) nor $nfull (all of it)" ;;
		esac
		crm-add -d "$db" -n "After kill $k" >/dev/null 2>&1 ||
		    fail "kill-import: kill $k: the next write fails"
	done
	echo "kill-import: $rows rows killed $((none + all)) times:" \
	    "integrity ok every time; $none kills during the import left" \
	    "none of it, $all after its commit left all of it"
}

# --- killed --apply ------------------------------------------------------

apply_state() {
	q "$1" '.dump customers customer_fields audit' | sha256sum
}

kill_apply() {
	local n=$1 kills=$2 base="$work/base.db" full="$work/full.db"
	local db="$work/killed.db" t0 ms before after s k none=0 all=0
	local tiers='platinum=5000,gold=2000,silver=500,general=0'

	customers "$n" | crm-add -d "$base" --import 2>/dev/null ||
	    fail "kill-apply: setup"
	python3 "$here/gen-interactions.py" $((n * 5)) "$n" |
	    crm-log -d "$base" --import 2>/dev/null || fail "kill-apply: setup log"
	cp "$base" "$full"
	t0=$(now_ms)
	crm-segment -d "$full" --tiers "$tiers" --apply >/dev/null 2>&1 ||
	    fail "kill-apply: --apply itself fails"
	ms=$(($(now_ms) - t0))
	before=$(apply_state "$base")
	after=$(apply_state "$full")
	[ "$before" != "$after" ] || fail "kill-apply: --apply changed nothing"
	for ((k = 1; none < kills && k <= 3 * kills; k++)); do
		cp "$base" "$db"
		rm -f "$db-wal" "$db-shm"
		kill_at_random "$ms" crm-segment -d "$db" --tiers "$tiers" --apply
		integrity_ok "$db"
		s=$(apply_state "$db")
		if [ "$s" = "$before" ]; then
			none=$((none + 1))
		elif [ "$s" = "$after" ]; then
			all=$((all + 1)) ms=$((ms * 3 / 4))
		else
			fail "kill-apply: kill $k left some tiers written, not all"
		fi
	done
	echo "kill-apply: --apply on $n customers killed $((none + all))" \
	    "times: integrity ok every time; $none kills during it wrote" \
	    "nothing, $all after its commit wrote all"
}

# --- killed crm-remind done --log ---------------------------------------

kill_done() {
	local kills=$1 db="$work/done.db" k t0 ms done logged

	customers 10 | crm-add -d "$db" --import 2>/dev/null ||
	    fail "kill-done: setup"
	{ echo id; for ((k = 0; k < kills + 1; k++)); do
		echo $((1 + k % 10)); done; } |
	    crm-remind -d "$db" add - --in 1d "call back" >/dev/null 2>&1 ||
	    fail "kill-done: setup reminders"
	t0=$(now_ms)
	crm-remind -d "$db" done 1 --log call >/dev/null 2>&1 ||
	    fail "kill-done: done itself fails"
	ms=$(($(now_ms) - t0))
	for ((k = 2; k <= kills + 1; k++)); do
		kill_at_random "$ms" crm-remind -d "$db" done "$k" --log call
		integrity_ok "$db"
		done=$(q "$db" 'SELECT count(*) FROM reminders WHERE done IS NOT NULL')
		logged=$(q "$db" "SELECT count(*) FROM interactions WHERE kind = 'call'")
		[ "$done" = "$logged" ] || fail "kill-done: kill $k: $done" \
		    "reminders done but $logged calls logged"
	done
	echo "kill-done: crm-remind done --log ($ms ms) killed $kills times:" \
	    "integrity ok; every reminder done has its call logged" \
	    "($done of $((kills + 1)) done)"
}

# --- killed crm encrypt, rekey, decrypt ----------------------------------

# Which key opens DB: plain, k1 or k2 (and crm check passes with it).
crypt_key() {
	local db=$1 k
	if [ "$(head -c 22 "$db" | tr -d '\0')" != "crm encrypted database" ]; then
		CRM_KEY_FILE= crm -d "$db" check >/dev/null 2>&1 &&
		    { echo plain; return; }
		fail "kill-crypt: a plain file that crm check refuses"
	fi
	for k in k1 k2; do
		if CRM_KEY_FILE="$work/$k" crm -d "$db" check >"$work/check" 2>&1
		then
			echo "$k"
			return
		fi
	done
	fail "kill-crypt: neither key opens it: $(head -2 "$work/check")"
}

# The customers as the key opens them.
crypt_state() {
	local key=$2
	[ "$key" = plain ] && key=
	CRM_KEY_FILE=${key:+$work/$key} crm-segment -d "$1" -f id,email,name,phone |
	    sha256sum
}

kill_crypt() {
	local n=$1 kills=$2 db="$work/crypt.db" k key next ms want got t0
	local -A took moved=() stayed=()

	printf '%064x\n' 1 >"$work/k1"
	printf '%064x\n' 2 >"$work/k2"
	chmod 600 "$work/k1" "$work/k2"
	customers "$n" | CRM_KEY_FILE= crm-add -d "$db" --import 2>/dev/null ||
	    fail "kill-crypt: setup"
	want=$(crypt_state "$db" plain)
	# How long each takes, unkilled: plain -> k1 -> k2 -> plain.
	t0=$(now_ms)
	CRM_KEY_FILE="$work/k1" crm -d "$db" encrypt 2>/dev/null ||
	    fail "kill-crypt: encrypt fails"
	took[plain]=$(($(now_ms) - t0)) t0=$(now_ms)
	CRM_KEY_FILE="$work/k1" CRM_NEW_KEY_FILE="$work/k2" crm -d "$db" \
	    rekey 2>/dev/null || fail "kill-crypt: rekey fails"
	took[k1]=$(($(now_ms) - t0)) t0=$(now_ms)
	CRM_KEY_FILE="$work/k2" crm -d "$db" decrypt 2>/dev/null ||
	    fail "kill-crypt: decrypt fails"
	took[k2]=$(($(now_ms) - t0))
	key=plain
	for ((k = 1; k <= kills; k++)); do
		case $key in
		plain) next=k1
		    kill_at_random "${took[plain]}" env CRM_KEY_FILE="$work/k1" \
			crm -d "$db" encrypt ;;
		k1) next=k2
		    kill_at_random "${took[k1]}" env CRM_KEY_FILE="$work/k1" \
			CRM_NEW_KEY_FILE="$work/k2" crm -d "$db" rekey ;;
		k2) next=plain
		    kill_at_random "${took[k2]}" env CRM_KEY_FILE="$work/k2" \
			crm -d "$db" decrypt ;;
		esac
		got=$(crypt_key "$db")
		[ "$got" = "$key" ] || [ "$got" = "$next" ] ||
		    fail "kill-crypt: kill $k from $key: opens with $got"
		[ "$(crypt_state "$db" "$got")" = "$want" ] ||
		    fail "kill-crypt: kill $k: the customers changed"
		# Kills before the rename and after it, both: a kill that
		# left the old file comes later next time, and the reverse.
		if [ "$got" = "$key" ]; then
			stayed[$key]=$((${stayed[$key]:-0} + 1))
			took[$key]=$((took[$key] * 5 / 4))
		else
			moved[$key]=$((${moved[$key]:-0} + 1))
			took[$key]=$((took[$key] * 3 / 4))
		fi
		key=$got
	done
	echo "kill-crypt: $n customers, encrypt/rekey/decrypt killed $kills" \
	    "times: the old key or the new one opened it every time, crm" \
	    "check ok, customers unchanged; killed before the rename" \
	    "(old key): encrypt ${stayed[plain]:-0}, rekey ${stayed[k1]:-0}," \
	    "decrypt ${stayed[k2]:-0}; after (new key): ${moved[plain]:-0}," \
	    "${moved[k1]:-0}, ${moved[k2]:-0}"
}

main() {
	case ${1-} in
	writers) writers "${2:-8}" "${3:-500}" ;;
	kill-import) kill_import "${2:-200000}" "${3:-10}" ;;
	kill-apply) kill_apply "${2:-20000}" "${3:-10}" ;;
	kill-done) kill_done "${2:-20}" ;;
	kill-crypt) kill_crypt "${2:-50000}" "${3:-30}" ;;
	all)
		writers 8 500 && kill_import 200000 10 && kill_apply 20000 10 &&
		    kill_done 20 && kill_crypt 50000 30 ;;
	*)
		echo "usage: stress.sh writers W OPS | kill-import ROWS KILLS |" \
		    "kill-apply CUSTOMERS KILLS | kill-done KILLS |" \
		    "kill-crypt CUSTOMERS KILLS | all" >&2
		exit 64 ;;
	esac
}

# Sourced (by t/800-reliability.bats, to test the checks), it only defines.
[[ ${BASH_SOURCE[0]} != "$0" ]] || main "$@"
