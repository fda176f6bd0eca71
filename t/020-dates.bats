#!/usr/bin/env bats
# Test plan: dates (lib/when.c), through crm-add --created, stored as UTC.
#   - a date alone is local midnight (TZ), a date-time without a zone is
#     local time, with a zone (Z, +08:00, +0530, -05:00) it is that zone's
#     time; summer time is taken into account
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

@test "2026/1/5 and 2026-1-5 are accepted" {
	eq "$(created 2026/1/5)" 2026-01-05T00:00:00Z
	eq "$(created 2026-1-5)" 2026-01-05T00:00:00Z
}

@test "fractions of a second are dropped" {
	eq "$(created 2026-01-05T09:30:00.999Z)" 2026-01-05T09:30:00Z
}

@test "29 February only in a leap year" {
	eq "$(created 2028-02-29)" 2028-02-29T00:00:00Z
	run --separate-stderr crm-add -n x --created 2027-02-29
	fails 65 "crm-add: --created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
}

@test "yesterday, today and tomorrow are local midnights around CRM_NOW" {
	eq "$(created yesterday)" 2026-11-22T00:00:00Z
	eq "$(created today)" 2026-11-23T00:00:00Z
	eq "$(created tomorrow)" 2026-11-24T00:00:00Z
	eq "$(created now)" 2026-11-23T10:00:00Z
}

@test "today in Shanghai at CRM_NOW 10:00Z is Shanghai's midnight, 16:00Z the day before" {
	TZ=Asia/Shanghai
	eq "$(created today)" 2026-11-22T16:00:00Z
}

@test "+3d, -2w, 1m and 1y are offsets from CRM_NOW" {
	eq "$(created +3d)" 2026-11-26T10:00:00Z
	eq "$(created -2w)" 2026-11-09T10:00:00Z
	eq "$(created 1m)" 2026-12-23T10:00:00Z
	eq "$(created +1y)" 2027-11-23T10:00:00Z
}

@test "a month from 31 January is the last day of February" {
	CRM_NOW=2026-01-31T12:00:00Z
	eq "$(created 1m)" 2026-02-28T12:00:00Z
	CRM_NOW=2026-03-31T12:00:00Z
	eq "$(created -1m)" 2026-02-28T12:00:00Z
}

@test "bad dates exit 65 naming --created and store nothing" {
	local d
	crm-add -n Seed >/dev/null
	for d in 2026-02-30 2026-13-01 'next tuesday' 2026-01-05T25:00 \
	    2026-01-05T09:60 26-01-05 2026-01-05T09:30+25:00 3x +1.5d \
	    '2026-01-05 x'; do
		run --separate-stderr crm-add -n Bad --created "$d"
		fails 65 "crm-add: --created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
	done
	eq "$(ncustomers)" 1
}

@test "a CRM_NOW that is not a date exits 64 and stores nothing" {
	crm-add -n Seed >/dev/null
	CRM_NOW='next tuesday'
	run --separate-stderr crm-add -n Ann
	fails 64 "crm-add: CRM_NOW: 'next tuesday' is not an ISO 8601 date or date-time"
	CRM_NOW=2026-02-30T00:00:00Z
	run --separate-stderr crm-add -n Ann
	fails 64 "crm-add: CRM_NOW: '2026-02-30T00:00:00Z' is not an ISO 8601 date or date-time"
	run --separate-stderr crm-add -n Ann --created tomorrow
	fails 64 "crm-add: CRM_NOW: '2026-02-30T00:00:00Z' is not an ISO 8601 date or date-time"
	eq "$(sql 'SELECT name FROM customers')" Seed
}

@test "created defaults to CRM_NOW, and so does updated" {
	crm-add -n Ann >/dev/null
	eq "$(sql 'SELECT created, updated FROM customers')" '2026-11-23T10:00:00Z|2026-11-23T10:00:00Z'
}
