#!/usr/bin/env bats
# Test plan: encryption at rest (lib/crypt.c, doc/encryption.md).
#   - CRM_KEY_FILE (0600) makes a new database encrypted: its file starts
#     with the crm header, the sqlite3 shell cannot read it, and no e-mail,
#     name or phone is in it (the same data in a plain database is: the
#     search can fail)
#   - every program works on it: crm-add, crm-add --import, crm-log,
#     crm-segment (--rfm), crm-deal, crm-remind, crm-report, crm check,
#     crm backup; figures worked out by hand
#   - its WAL, copied while an import is under way, holds no customer
#     value (the same copy of a plain database's WAL does)
#   - a backup is encrypted with the same key, and reads back
#   - refused with 77, the message, and the file byte for byte as it was:
#     a key file of mode 0644, a wrong key, no key and no terminal, a key
#     for a plain database, a flipped byte in page 1 (every program) or in
#     the last page (crm check), a damaged header
#   - crm encrypt then crm decrypt gives the same dump; rekey: the old
#     key is refused after, the new one works; encrypting twice or
#     decrypting a plain database is 65
#   - a passphrase in the key file (Argon2id) works, and a raw key for a
#     passphrase's database is told apart; asked on a terminal (script)
#   - a WAL left by a killed import is recovered, also with a frame
#     changed; an empty file left by a killed first run is made encrypted
#   - a header with an impossible page size is refused (77) before a key
#     is made from it; a database named through a symbolic link is
#     converted and the link stays
#   - encrypt/rekey/decrypt killed at random moments (bench/stress.sh,
#     small)
#   - a db.crypt-new a killed conversion left: crm check and crm-add
#     --erase warn naming it (and leave it), the next conversion removes
#     it (and its -wal) and says so

load helper

setup() {
	crm_setup
	# 64 hex digits: a raw 256-bit key.
	printf '%064x\n' 7 >"$BATS_TEST_TMPDIR/key"
	printf '%064x\n' 9 >"$BATS_TEST_TMPDIR/key2"
	chmod 600 "$BATS_TEST_TMPDIR/key" "$BATS_TEST_TMPDIR/key2"
	KEY="$BATS_TEST_TMPDIR/key"
	KEY2="$BATS_TEST_TMPDIR/key2"
	export CRM_KEY_FILE="$KEY"
	unset CRM_NEW_KEY_FILE
}

# Three customers; Ann bought for 120.50 on 1 November, Bo for 30 on
# the 10th.
fill() {
	crm-add --email ann@example.com --name "Ann Smith" \
	    --phone "+44 20 7946 0001" >/dev/null
	printf 'email,name,phone\nbo@example.com,Bo Jones,+44 20 7946 0002\ncy@example.com,Cy Brown,+44 20 7946 0003\n' >in.csv
	crm-add --import in.csv 2>/dev/null
	crm-log --at 2026-11-01 --amount 120.50 ann@example.com purchase Kettle
	crm-log --at 2026-11-10 --amount 30 bo@example.com purchase Mug
}

# How many of the customer values FILE holds (0 for an encrypted one).
plain_values() {
	python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
print(sum(d.count(v) for v in (b"ann@example", b"bo@example", b"Ann Smith",
    b"Jones", b"7946 000", b"Kettle")))' "$1"
}

# Flip one bit of FILE at byte OFFSET.
flip() {
	python3 -c '
import sys
f = open(sys.argv[1], "r+b"); o = int(sys.argv[2])
f.seek(o); b = f.read(1); f.seek(o); f.write(bytes([b[0] ^ 1]))' "$1" "$2"
}

@test "a key file makes a new database encrypted: no customer value in its file, and sqlite3 cannot read it" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	eq "$(head -c 22 crm.db)" "crm encrypted database"
	eq "$(plain_values crm.db)" 0
	run sqlite3 -batch crm.db 'SELECT count(*) FROM customers'
	status_is 26
	has "$output" "file is not a database"
	# The same customers in a plain database are found by the search.
	CRM_DB=plain.db CRM_KEY_FILE= fill
	[ "$(plain_values plain.db)" -ge 6 ]
}

@test "every program works on an encrypted database" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	run crm-segment --count
	eq "$output" 3
	# RFM on 23 November: Bo bought 13 days ago, 30.00; Ann 22 days ago,
	# 120.50; each once.  Bo is the more recent (r 3), Ann spent more (m 3),
	# and one order each is a tie at the most (f 3 both).
	run bash -c 'crm-segment --rfm | cut -f 4,8,10,14'
	eq "$output" "email	recency_days	monetary	rfm
bo@example.com	13	30.00	331
ann@example.com	22	120.50	133"
	run crm-log --show 1 -f kind,summary,amount
	eq "$output" "kind	summary	amount
purchase	Kettle	120.50"
	crm-deal add cy@example.com Big order --amount 1000 >/dev/null
	run crm-deal list -f id,title,amount
	eq "$output" "id	title	amount
1	Big order	1000.00"
	crm-remind add bo@example.com --due 2026-11-20 call back >/dev/null
	run crm-remind list -f id,note
	eq "$output" "id	note
1	call back"
	# 150.50 of sales in two orders: 75.25 on average.
	run crm-report sales
	eq "${lines[1]}" "2026-11	150.50	2	0	75.25	0	0.00"
	run crm check
	status_is 0
	eq "$output" ""
	eq "$(plain_values crm.db)" 0
}

@test "the WAL of an encrypted database holds no customer value while an import is under way" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	for db in crm.db plain.db; do
		if [ "$db" = plain.db ]; then export CRM_KEY_FILE=; fi
		CRM_DB="$BATS_TEST_TMPDIR/$db" crm-add --email x@y.example >/dev/null
		rm -f fifo
		mkfifo fifo
		CRM_DB="$BATS_TEST_TMPDIR/$db" crm-add --import fifo \
		    >/dev/null 2>&1 3>&- &
		pid=$!
		exec 7>fifo
		# 60,000 customers are more than the import's 4 MB page cache:
		# pages go to the WAL before the end.
		python3 -c '
print("email,name,phone")
for i in range(60000):
    print(f"ann{i}@example.org,Ann Smith{i},+44 20 7946 {i:05d}")' >&7
		size=0
		for _ in $(seq 100); do
			size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
			[ "$size" -gt 1000000 ] && break
			sleep 0.1
		done
		cp "$db-wal" "$db-copy-wal"
		exec 7>&-
		wait "$pid"
		[ "$size" -gt 1000000 ]
	done
	eq "$(plain_values crm.db-copy-wal)" 0
	[ "$(plain_values plain.db-copy-wal)" -gt 1000 ]
	CRM_KEY_FILE="$KEY" run crm-segment --count
	eq "$output" 60001
}

@test "crm backup of an encrypted database is encrypted with the same key" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	run --separate-stderr crm backup copy.db
	status_is 0
	eq "$stderr" "crm: copy.db written"
	eq "$(head -c 22 copy.db)" "crm encrypted database"
	eq "$(plain_values copy.db)" 0
	run sqlite3 -batch copy.db 'SELECT count(*) FROM customers'
	status_is 26
	CRM_DB=copy.db run crm-segment -f email 'name = "Ann Smith"'
	eq "$output" "email
ann@example.com"
	CRM_DB=copy.db run crm check
	status_is 0
	CRM_DB=copy.db CRM_KEY_FILE="$KEY2" run --separate-stderr crm-segment --count
	fails 77 "crm-segment: copy.db: wrong key (or its encryption header is damaged)"
}

@test "a key file readable by others is refused, and nothing is written" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	cp crm.db before.db
	chmod 644 "$KEY"
	run --separate-stderr crm-add --email dee@example.com
	fails 77 "crm-add: CRM_KEY_FILE: the key file $KEY has mode 0644: it must be yours and readable by you alone (chmod 600 $KEY)"
	cmp crm.db before.db
	# Nor is a new database made with it.
	CRM_DB=new.db run --separate-stderr crm-add --email dee@example.com
	status_is 77
	[ ! -e new.db ]
}

@test "a wrong key is refused, and the file is byte for byte as it was" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	cp crm.db before.db
	CRM_KEY_FILE="$KEY2" run --separate-stderr crm-add --email dee@example.com
	fails 77 "crm-add: $CRM_DB: wrong key (or its encryption header is damaged)"
	CRM_KEY_FILE="$KEY2" run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: wrong key (or its encryption header is damaged)"
	cmp crm.db before.db
	[ ! -e crm.db-wal ]
	run crm-segment --count
	eq "$output" 3
}

@test "no key and no terminal is refused with 77; a missing key file too" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	unset CRM_KEY_FILE
	run --separate-stderr setsid -w crm-segment --count </dev/null
	fails 77 "crm-segment: $CRM_DB: is encrypted and there is no terminal to ask a passphrase on: set CRM_KEY_FILE"
	CRM_KEY_FILE=nokey run --separate-stderr crm-segment --count
	fails 77 "crm-segment: CRM_KEY_FILE: cannot read the key file nokey: No such file or directory"
}

@test "a key given for a plain database is refused: it is not encrypted" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	CRM_KEY_FILE= fill
	cp crm.db before.db
	run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: is not encrypted, but CRM_KEY_FILE is set: encrypt it with 'crm encrypt', or unset CRM_KEY_FILE"
	cmp crm.db before.db
}

@test "a flipped byte in page 1 stops every program with 77, and nothing is written" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	# Page 1 is after the 4096-byte header; byte 200 of it is inside
	# the sealed part (the last 40 bytes of a page are nonce and tag).
	flip crm.db $((4096 + 200))
	cp crm.db before.db
	msg="$CRM_DB: page 1 does not authenticate: the file is damaged or was tampered with; nothing was changed"
	run --separate-stderr crm-add --email dee@example.com
	fails 77 "crm-add: $msg"
	run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $msg"
	run --separate-stderr crm-log ann@example.com call
	fails 77 "crm-log: $msg"
	run --separate-stderr crm check
	fails 77 "crm: $msg"
	cmp crm.db before.db
}

@test "a flipped byte in the last page is found by crm check, with its number" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	size=$(stat -c %s crm.db)
	# Pages of 4096 after a 4096-byte header: the last is number
	# (size - 4096) / 4096; flip a byte of its tag.
	last=$(( (size - 4096) / 4096 ))
	flip crm.db $((size - 1))
	cp crm.db before.db
	run --separate-stderr crm check
	status_is 77
	eq "${stderr}" "crm: $CRM_DB: page $last does not authenticate: the file is damaged or was tampered with; nothing was changed"
	cmp crm.db before.db
}

@test "a damaged header is a wrong key or a damaged header, 77" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	flip crm.db 60		# in the salt
	run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: wrong key (or its encryption header is damaged)"
}

@test "a database with merged customers encrypts, rekeys and decrypts (SQLite 3.40's false NULL in identities is no damage)" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	CRM_KEY_FILE= fill
	CRM_KEY_FILE= crm-add --merge ann@example.com bo@example.com >/dev/null
	eq "$(sql "SELECT count(*) FROM identities")" 1
	local before; before=$(sql "SELECT id, email FROM customers ORDER BY id")
	run --separate-stderr crm encrypt
	status_is 0
	eq "$(head -c 22 crm.db)" "crm encrypted database"
	CRM_NEW_KEY_FILE="$KEY2" run --separate-stderr crm rekey
	status_is 0
	CRM_KEY_FILE="$KEY2" run --separate-stderr crm decrypt
	status_is 0
	eq "$(sql "SELECT id, email FROM customers ORDER BY id")" "$before"
	CRM_KEY_FILE= run --separate-stderr crm check
	status_is 0
}

@test "crm encrypt of a database that fails SQLite's check says the check's words, 65, and changes nothing" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	CRM_KEY_FILE= fill
	# a NULL in a NOT NULL column, written before the column was made so
	sql "CREATE TABLE t_probe (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
	    INSERT INTO t_probe VALUES ('y', NULL);
	    PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(sql, 'v INTEGER',
	      'v INTEGER NOT NULL') WHERE name = 't_probe'"
	local before; before=$(checksum crm.db)
	run --separate-stderr crm encrypt
	fails 65 "crm: $CRM_DB: the converted copy fails SQLite's check (NULL value in t_probe.v); nothing was changed: see crm check"
	eq "$(checksum crm.db)" "$before"
}

@test "crm encrypt then crm decrypt: the same dump; the files in between are encrypted" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	CRM_KEY_FILE= fill
	# VACUUM INTO writes the schema's entries in its own order: the
	# same statements, sorted, are the same database.
	dump | sort >before.sql
	run --separate-stderr crm encrypt
	status_is 0
	eq "$stderr" "crm: $CRM_DB encrypted"
	eq "$(plain_values crm.db)" 0
	run crm-segment --count
	eq "$output" 3
	run --separate-stderr crm decrypt
	status_is 0
	eq "$stderr" "crm: $CRM_DB decrypted"
	# The same but for the two conversions' own audit rows.
	dump | grep -v -E "^INSERT INTO audit VALUES\([0-9]+,'[^']*','tester','(en|de)crypt',NULL,NULL\);$" |
	    sort >after.sql
	cmp before.sql after.sql
	eq "$(sql "SELECT group_concat(action) FROM audit WHERE action LIKE '%crypt'")" encrypt,decrypt
	eq "$(sql 'PRAGMA journal_mode')" wal
	CRM_KEY_FILE= run crm-segment --count
	eq "$output" 3
}

@test "encrypting twice, or decrypting a plain database, is 65 and changes nothing" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	run --separate-stderr crm encrypt
	fails 65 "crm: $CRM_DB: cannot encrypt it: it is already encrypted (crm rekey changes its key)"
	crm decrypt 2>/dev/null
	cp crm.db before.db
	CRM_KEY_FILE= run --separate-stderr crm decrypt
	fails 65 "crm: $CRM_DB: cannot decrypt it: it is not encrypted"
	cmp crm.db before.db
}

@test "crm decrypt with a wrong key is 77 and changes nothing" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	cp crm.db before.db
	CRM_KEY_FILE="$KEY2" run --separate-stderr crm decrypt
	fails 77 "crm: $CRM_DB: wrong key (or its encryption header is damaged)"
	cmp crm.db before.db
	[ ! -e crm.db.crypt-new ]
}

@test "crm rekey: the old key is refused after, the new one works" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	CRM_NEW_KEY_FILE="$KEY2" run --separate-stderr crm rekey
	status_is 0
	eq "$stderr" "crm: $CRM_DB has a new key"
	run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: wrong key (or its encryption header is damaged)"
	CRM_KEY_FILE="$KEY2" run crm-segment --count
	eq "$output" 3
	CRM_KEY_FILE="$KEY2" run crm check
	status_is 0
	eq "$(plain_values crm.db)" 0
}

@test "a passphrase in the key file is stretched (Argon2id); a raw key for its database is told apart" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	printf 'correct horse battery staple\n' >pass
	chmod 600 pass
	CRM_KEY_FILE=pass crm-add --email ann@example.com --name "Ann Smith" >/dev/null
	eq "$(plain_values crm.db)" 0
	CRM_KEY_FILE=pass run crm-segment -f name
	eq "$output" "name
Ann Smith"
	run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: wrong key: the database was encrypted with a passphrase, CRM_KEY_FILE holds a raw key"
}

@test "a passphrase for a database encrypted with a raw key is a wrong key, 77 (not a memory error)" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	printf 'correct horse battery staple\n' >pass
	chmod 600 pass
	CRM_KEY_FILE=pass run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: wrong key: the database was encrypted with a raw key, CRM_KEY_FILE holds a passphrase"
}

@test "crm encrypt, rekey and decrypt killed at random moments leave the old key or the new one (make stress, small)" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	run bash "$BATS_TEST_DIRNAME/../bench/stress.sh" kill-crypt 2000 6
	status_is 0
	has "$output" "kill-crypt: 2000 customers, encrypt/rekey/decrypt killed 6 times: the old key or the new one opened it every time"
}

@test "an import killed mid-way leaves its sealed WAL: the next program recovers it, also with a frame changed" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	rm -f fifo
	mkfifo fifo
	crm-add --import fifo >/dev/null 2>&1 3>&- &
	pid=$!
	exec 7>fifo
	python3 -c '
print("email,name")
for i in range(60000):
    print(f"u{i}@example.org,N{i}")' >&7
	for _ in $(seq 100); do
		[ "$(stat -c %s crm.db-wal 2>/dev/null || echo 0)" -gt 1000000 ] &&
		    break
		sleep 0.1
	done
	kill -KILL "$pid"
	exec 7>&-
	wait "$pid" || true
	[ -s crm.db-wal ]
	cp crm.db-wal saved-wal
	# None of the import was committed: the three customers of fill.
	run crm-segment --count
	eq "$output" 3
	run crm check
	status_is 0
	# Again from the WAL as the kill left it, its first frame's page
	# changed (byte 100 of the page after the 32-byte WAL header and
	# the 24-byte frame header): the log ends there.
	cp saved-wal crm.db-wal
	rm -f crm.db-shm
	flip crm.db-wal $((32 + 24 + 100))
	run crm-segment --count
	eq "$output" 3
}

@test "an empty file (a first run killed after making it) becomes an encrypted database" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	: >crm.db
	chmod 600 crm.db
	run crm-add --email ann@example.com
	eq "$output" 1
	eq "$(head -c 22 crm.db)" "crm encrypted database"
}

# Lines typed on a terminal, one a second (the prompt turns echo off and
# drops what was typed before it, as getpass does).
typed() {
	local line
	for line in "$@"; do
		sleep 1
		printf '%s\n' "$line"
	done
	sleep 1
}

@test "without a key file the passphrase is asked on the terminal: twice to encrypt, once to open" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	command -v script >/dev/null || skip "no script(1) to give a terminal"
	CRM_KEY_FILE= fill
	unset CRM_KEY_FILE
	typed "two words" "two words" | script -qec "crm encrypt" /dev/null >out
	has "$(cat out)" "new passphrase for $CRM_DB: "
	has "$(cat out)" "crm: $CRM_DB encrypted"
	eq "$(plain_values crm.db)" 0
	typed "two words" | script -qec "crm-segment --count" /dev/null >out
	has "$(cat out)" "passphrase for $CRM_DB: "
	has "$(cat out)" $'\n3\r'
	typed "other words" | script -qec "crm-segment --count; echo status \$?" /dev/null >out
	has "$(cat out)" "crm-segment: $CRM_DB: wrong key (or its encryption header is damaged)"
	has "$(cat out)" "status 77"
}

@test "a database named by a symbolic link: encrypted through it, and the link stays a link" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	CRM_KEY_FILE= fill
	mkdir sub
	ln -s ../crm.db sub/link.db
	CRM_DB=sub/link.db run --separate-stderr crm encrypt
	status_is 0
	eq "$stderr" "crm: sub/link.db encrypted"
	[ -L sub/link.db ]
	eq "$(head -c 22 crm.db)" "crm encrypted database"
	CRM_DB=sub/link.db run crm-segment --count
	eq "$output" 3
	CRM_DB=sub/link.db run crm decrypt
	status_is 0
	[ -L sub/link.db ]
	eq "$(sql 'SELECT count(*) FROM customers')" 3
}

@test "a header whose page size was changed is refused before any key is made from it" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	# Bytes 28-31: the page size, 4096 = 00 00 10 00; byte 29 flipped
	# makes it 69,632, no SQLite page size.
	flip crm.db 29
	run --separate-stderr crm-segment --count
	fails 77 "crm-segment: $CRM_DB: its encryption header is damaged or was tampered with"
}

@test "crm help lists encrypt, decrypt and rekey; they take no operand" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	run --separate-stderr crm help
	has "$output" $'\n  decrypt   decrypt the database in place'
	has "$output" $'\n  encrypt   encrypt the database in place'
	has "$output" $'\n  rekey     a new key for an encrypted database'
	has "$output" "       crm [-d db] encrypt | decrypt | rekey"
	run --separate-stderr crm encrypt now
	status_is 64
	eq "$output" ""
	eq "${stderr_lines[0]}" "usage: crm command [argument ...]"
}

# qa44 4: a crm decrypt killed (SIGKILL) leaves db.crypt-new, a plain copy
# of the whole database, beside the encrypted one; crm check and an
# erase said nothing of it.  The next conversion removes it and says so;
# crm check and crm-add --erase warn, naming it.
@test "a db.crypt-new left by a killed conversion: crm check and --erase warn naming it, the next conversion removes it and says so" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	fill
	# What a decrypt killed before its rename leaves: a plain copy.
	CRM_KEY_FILE= crm-add -d left.db -n 'Ann Smith' -e ann@example.com >/dev/null
	mv left.db crm.db.crypt-new
	run --separate-stderr crm check
	status_is 0
	eq "$stderr" "crm: $CRM_DB.crypt-new: left by a crm encrypt, decrypt or rekey that was killed: a whole copy of the database (plain after decrypt), which may hold erased values; remove it (the next crm encrypt, decrypt or rekey does)"
	run --separate-stderr crm-add --erase ann@example.com --yes
	status_is 0
	has "$stderr" "crm-add: $CRM_DB.crypt-new: left by a crm encrypt, decrypt or rekey that was killed"
	# Still there: crm-add does not remove what it did not make.
	[ -e crm.db.crypt-new ]
	touch crm.db.crypt-new-wal
	CRM_NEW_KEY_FILE="$KEY2" run --separate-stderr crm rekey
	status_is 0
	eq "$stderr" "crm: $CRM_DB.crypt-new: removed, left by a conversion that was killed
crm: $CRM_DB has a new key"
	[ ! -e crm.db.crypt-new ]
	[ ! -e crm.db.crypt-new-wal ]
	CRM_KEY_FILE="$KEY2" run --separate-stderr crm check
	eq "$status $stderr" '0 '
}

# qa44 6: encrypt, decrypt and rekey wrote no audit row, so turning
# encryption off was in no record.  Each is a row in the converted
# database itself: there if and only if the conversion happened.
@test "crm encrypt, rekey and decrypt each leave an audit row (by whom, when); a refused one none" {
	only_on sqlite "encryption at rest is SQLite's own (an encrypted file); a server's is the server's"
	CRM_KEY_FILE= fill
	n=$(CRM_KEY_FILE= sql 'SELECT max(id) FROM audit')
	CRM_USER=dpo crm encrypt 2>/dev/null
	CRM_NEW_KEY_FILE="$KEY2" crm rekey 2>/dev/null
	CRM_KEY_FILE="$KEY2" run --separate-stderr crm rekey
	status_is 77
	CRM_KEY_FILE="$KEY2" crm decrypt 2>/dev/null
	CRM_KEY_FILE= run --separate-stderr crm decrypt
	status_is 65
	eq "$(CRM_KEY_FILE= sql "SELECT group_concat(actor || ' ' || action || ' ' || at || ' ' || coalesce(customer_id, '-') || ' ' || coalesce(detail, '-'), '|') FROM audit WHERE id > $n")" \
	    'dpo encrypt 2026-11-23T10:00:00Z - -|tester rekey 2026-11-23T10:00:00Z - -|tester decrypt 2026-11-23T10:00:00Z - -'
}
