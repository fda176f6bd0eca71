#!/usr/bin/env bats
# Test plan: dates (lib/when.c), through crm-add --created, stored as UTC.
#   - a date alone is local midnight (TZ), a date-time without a zone is
#     local time, with a zone (Z, +08:00, +0530, -05:00) it is that zone's
#     time; summer time is taken into account
#   - a file whose rows name their zone (Europe/Paris, America/New_York),
#     in turns, across both zones' changes of the clocks: each row read in
#     its own zone on its own date, the skipped hour with the offset
#     before, the hour that happens twice its first time (lib/when.c keeps
#     what it learned of each zone: a row must not borrow another zone's
#     offset, nor its own zone's of another season)
#   - 2026/1/5 and 2026-1-5 are accepted; fractions of seconds dropped
#   - the words yesterday/today/tomorrow (local midnight) and now, offsets
#     +3d, -2w, 1m, 1y from CRM_NOW; months clamp to the month's last day
#   - impossible or foreign dates exit 65 naming --created, nothing stored
#   - a CRM_NOW that is not a date exits 64

load helper

# created WHEN: add a customer created WHEN, print what was stored.
created() {
	local id
	id=$(crm-add -n "created $1" --created "$1")
	sql "SELECT created FROM customers WHERE id = $id"
}

@test "a date alone is local midnight: 2026-01-05 in UTC" {
	eq "$(created 2026-01-05)" 2026-01-05T00:00:00Z
}

@test "a date alone is local midnight: 2026-01-05 in Shanghai is 16:00Z the day before" {
	TZ=Asia/Shanghai
	eq "$(created 2026-01-05)" 2026-01-04T16:00:00Z
}

@test "a date-time with a zone is converted to UTC" {
	eq "$(created 2026-01-05T09:30:00+08:00)" 2026-01-05T01:30:00Z
	eq "$(created 2026-01-05T09:30:00+0530)" 2026-01-05T04:00:00Z
	eq "$(created 2026-01-05T09:30:00-05:00)" 2026-01-05T14:30:00Z
	eq "$(created 2026-01-05T09:30:00Z)" 2026-01-05T09:30:00Z
	eq "$(created 2026-01-05T09:30Z)" 2026-01-05T09:30:00Z
}

@test "a date-time without a zone is local time: 2026-01-05 09:30 in Shanghai is 01:30Z" {
	TZ=Asia/Shanghai
	eq "$(created '2026-01-05 09:30')" 2026-01-05T01:30:00Z
	eq "$(created 2026-01-05T09:30:00)" 2026-01-05T01:30:00Z
}

@test "local time follows summer time (Berlin: +02:00 in July, +01:00 in January)" {
	TZ=Europe/Berlin
	eq "$(created '2026-07-01 09:30')" 2026-07-01T07:30:00Z
	eq "$(created '2026-01-01 09:30')" 2026-01-01T08:30:00Z
}

@test "the hour the clocks go back is its first time, whatever row came before; the hour they skip, the offset before" {
	export TZ=Europe/Berlin
	crm-add -n P -e p@x.example >/dev/null
	# glibc guesses the offset of a time that happens twice from the
	# last time it read: after a July row 02:30 on 25 October came out
	# an hour later, and the same order was logged twice
	printf 'Email,Date,Order,Amount\np@x.example,2026-10-25 02:30,A1,10.00\n' >d1.csv
	printf 'Email,Date,Order,Amount\np@x.example,2026-07-01 10:00,C1,5.00\np@x.example,2026-10-25 02:30,A1,10.00\np@x.example,2026-03-29 02:30,G1,1.00\n' >d2.csv
	crm-log --import --kind purchase d1.csv 2>/dev/null
	run --separate-stderr crm-log --import --kind purchase d2.csv
	status_is 0
	eq "$stderr" "2 logged, 1 already there, 0 rejected"
	eq "$(sql "SELECT ref, at FROM interactions ORDER BY at")" \
	    $'G1|2026-03-29T01:30:00Z\nC1|2026-07-01T08:00:00Z\nA1|2026-10-25T00:30:00Z'
	# a zone by its name reads the same: Square's Pacific time
	eq "$(TZ=UTC created '2026-11-01 01:30 Pacific Time (US & Canada)')" 2026-11-01T08:30:00Z
}

@test "rows naming their zone in turns, across both zones' changes of the clocks: each read in its own zone on its own date" {
	export TZ=UTC
	# The UTC times as Python's zoneinfo gives them (fold=0: the first
	# of an hour that happens twice; the skipped hour at the offset
	# before).  Paris changes on 31 March and 27 October 2024, New York
	# on 10 March and 3 November.
	cat >z.csv <<'CSV'
Email,Date,Order,Amount
p@x.example,2024-03-30 12:00 Europe/Paris,P1,1.00
p@x.example,2024-03-30 12:00 America/New_York,N1,1.00
p@x.example,2024-03-30 15:00 Europe/Paris,P2,1.00
p@x.example,2024-03-30 15:00 America/New_York,N2,1.00
p@x.example,2024-03-31 01:30 Europe/Paris,P3,1.00
p@x.example,2024-03-10 02:30 America/New_York,N3,1.00
p@x.example,2024-03-31 02:30 Europe/Paris,P4,1.00
p@x.example,2024-03-31 03:30 Europe/Paris,P5,1.00
p@x.example,2024-03-10 03:30 America/New_York,N4,1.00
p@x.example,2024-03-31 12:00 Europe/Paris,P6,1.00
p@x.example,2024-10-27 02:30 Europe/Paris,P7,1.00
p@x.example,2024-11-03 01:30 America/New_York,N5,1.00
p@x.example,2024-10-27 03:30 Europe/Paris,P8,1.00
p@x.example,2024-11-03 02:30 America/New_York,N6,1.00
p@x.example,2024-10-27 01:30 Europe/Paris,P9,1.00
p@x.example,2024-11-03 00:30 America/New_York,N7,1.00
p@x.example,2024-10-28 12:00 Europe/Paris,P10,1.00
p@x.example,2024-11-02 12:00 America/New_York,N8,1.00
CSV
	run --separate-stderr crm-log --import --kind purchase --add-customers z.csv
	status_is 0
	eq "$stderr" "18 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT ref || ' ' || at FROM interactions ORDER BY id" | paste -sd ' ' -)" \
	    "P1 2024-03-30T11:00:00Z N1 2024-03-30T16:00:00Z P2 2024-03-30T14:00:00Z N2 2024-03-30T19:00:00Z P3 2024-03-31T00:30:00Z N3 2024-03-10T07:30:00Z P4 2024-03-31T01:30:00Z P5 2024-03-31T01:30:00Z N4 2024-03-10T07:30:00Z P6 2024-03-31T10:00:00Z P7 2024-10-27T00:30:00Z N5 2024-11-03T05:30:00Z P8 2024-10-27T02:30:00Z N6 2024-11-03T07:30:00Z P9 2024-10-26T23:30:00Z N7 2024-11-03T04:30:00Z P10 2024-10-28T11:00:00Z N8 2024-11-02T16:00:00Z"
}

@test "the hour skipped is read with the offset before, whichever the zone's clocks change between" {
	# Morocco keeps +01 but +00 in Ramadan: on 2025-04-06 its clocks
	# went from 02:00 (+00, its "summer" time) to 03:00 (+01); Moscow on
	# 1992-01-19 from 02:00 (+02) to 03:00 (+03), standard both.  02:45
	# was never on those clocks: read with the offset before, as for
	# Berlin in March (was the offset after, from mktime's own guess).
	eq "$(TZ=Africa/Casablanca created '2025-04-06 02:45')" 2025-04-06T02:45:00Z
	eq "$(TZ=Europe/Moscow created '1992-01-19 02:15')" 1992-01-19T00:15:00Z
	# and the hours around them as ever
	eq "$(TZ=Africa/Casablanca created '2025-04-06 01:45')" 2025-04-06T01:45:00Z
	eq "$(TZ=Africa/Casablanca created '2025-04-06 03:15')" 2025-04-06T02:15:00Z
}

@test "a TZ naming no zone (a typo, a directory) is a usage error, nothing stored; empty, UTC, POSIX rules and ':' names are zones (qa13 #8)" {
	crm-add -n Ann -e ann@example.com >/dev/null
	before=$(dump)
	# glibc reads a name it cannot find as UTC without a word
	TZ=Europe/Berln run --separate-stderr crm-log --at '2024-04-01 09:00' ann@example.com note x
	fails 64 "crm-log: TZ: 'Europe/Berln' is not a time zone: no such zone in /usr/share/zoneinfo (as Europe/Berlin), and not a POSIX rule (as CET-1CEST,M3.5.0,M10.5.0/3)"
	TZ=Europe run --separate-stderr crm-segment --count
	status_is 64
	TZ=:Europe/Berln run --separate-stderr crm-report summary
	status_is 64
	TZ=Mars run --separate-stderr crm-add -n Bo
	status_is 64
	# qa14 F18: a POSIX rule's offset out of its range (hours 0-24,
	# minutes and seconds 0-59), which glibc clamps or misreads
	local bad
	for bad in EST+25 garbage123 EST5:60 'IST-5:30:61' 'CET-1CEST,M13.5.0,M10.5.0' \
	    'CET-1CEST,M3.5.0' 'CET-1CEST,M3.5.0,M10.5.0/3x'; do
		TZ=$bad run --separate-stderr crm-add -n Bo
		fails 64 "crm-add: TZ: '$bad' is not a time zone: no such zone in /usr/share/zoneinfo (as Europe/Berlin), and not a POSIX rule (as CET-1CEST,M3.5.0,M10.5.0/3)"
	done
	eq "$(dump)" "$before"
	# a zone however it is written: 09:00 in Berlin's summer is 07:00Z
	for tz in Europe/Berlin :Europe/Berlin 'CET-1CEST,M3.5.0,M10.5.0/3' \
	    '<+02>-2'; do
		TZ=$tz crm-log --at '2024-04-01 09:00' ann@example.com note "$tz" >/dev/null
	done
	for tz in '' UTC GMT UTC0 'ZZZ+24' '<+0530>-5:30' 'AAA0BBB,J60/2:00:00,J300'; do
		TZ=$tz crm-log --at '2024-04-01 09:00' ann@example.com note "z$tz" >/dev/null
	done
	(unset TZ; crm-segment --count >/dev/null)
	eq "$(sql "SELECT summary || ' ' || at FROM interactions ORDER BY id" | paste -sd ' ' -)" \
	    "Europe/Berlin 2024-04-01T07:00:00Z :Europe/Berlin 2024-04-01T07:00:00Z CET-1CEST,M3.5.0,M10.5.0/3 2024-04-01T07:00:00Z <+02>-2 2024-04-01T07:00:00Z z 2024-04-01T09:00:00Z zUTC 2024-04-01T09:00:00Z zGMT 2024-04-01T09:00:00Z zUTC0 2024-04-01T09:00:00Z zZZZ+24 2024-04-02T09:00:00Z z<+0530>-5:30 2024-04-01T03:30:00Z zAAA0BBB,J60/2:00:00,J300 2024-04-01T08:00:00Z"
}
