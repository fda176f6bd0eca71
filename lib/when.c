/*
 * when.c - dates, times and durations.
 *
 * In: ISO 8601 dates and date-times (a time without a zone is local time,
 * as TZ says), the words now/today/tomorrow/yesterday, and offsets from
 * now such as +3d, -2w, 1m.  Out and stored: UTC, "2026-11-23T09:30:00Z",
 * which sorts as text.  CRM_NOW fixes "now" so tests and reports can be
 * reproduced.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "crm.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Read 1..max digits into *v; returns the digits read, 0 on none. */
static int
digits(const char **s, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && isdigit((unsigned char)**s)) {
		*v = *v * 10 + (**s - '0');
		(*s)++, n++;
	}
	return n;
}

/*
 * "+08", "+0800", "+08:00", "+8", "+5:30" (Google Forms' GMT+5:30); sets
 * *off to seconds east of UTC.
 */
static int
parse_offset(const char *s, long *off)
{
	int sign, h, m = 0, n, colon;

	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if ((n = digits(&s, 2, &h)) < 1 || h > 23)
		return -1;
	if ((colon = *s == ':') != 0 && *++s == '\0')
		return -1;
	if (*s && ((n != 2 && !colon) || digits(&s, 2, &m) != 2 || m > 59))
		return -1;
	if (*s)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/*
 * Zones as exports name them.  The abbreviations are fixed offsets (an
 * export that says PDT means the summer offset); the regions (Square's
 * "Pacific Time (US & Canada)") go through the tz database, which knows
 * when their summer time starts.  CST is the US Central time PayPal
 * writes, IST India's, BST British summer time and AST Atlantic time,
 * unless the machine's own zone calls its time so (machine_abbrev): CST
 * on a machine in China is China's (+08:00, as Java's Date.toString
 * writes it there), IST in Israel Israel's (+02:00) and in Ireland Irish
 * summer time (+01:00).
 */
static const struct {
	const char *name;
	long off;		/* seconds east of UTC, when tz is NULL */
	const char *tz;
} zones[] = {
	{ "Z", 0, NULL }, { "UTC", 0, NULL }, { "GMT", 0, NULL },
	{ "UT", 0, NULL },
	{ "PST", -8 * 3600L, NULL }, { "PDT", -7 * 3600L, NULL },
	{ "MST", -7 * 3600L, NULL }, { "MDT", -6 * 3600L, NULL },
	{ "CST", -6 * 3600L, NULL }, { "CDT", -5 * 3600L, NULL },
	{ "EST", -5 * 3600L, NULL }, { "EDT", -4 * 3600L, NULL },
	{ "AKST", -9 * 3600L, NULL }, { "AKDT", -8 * 3600L, NULL },
	{ "HST", -10 * 3600L, NULL },
	/* Atlantic (Puerto Rico's, Halifax's), as Google Forms' Timestamp
	 * writes it in English: Arabia's AST is GMT+3 there */
	{ "AST", -4 * 3600L, NULL }, { "ADT", -3 * 3600L, NULL },
	{ "BST", 3600L, NULL }, { "CET", 3600L, NULL },
	{ "CEST", 2 * 3600L, NULL }, { "EET", 2 * 3600L, NULL },
	{ "EEST", 3 * 3600L, NULL }, { "IST", 5 * 3600L + 1800, NULL },
	{ "HKT", 8 * 3600L, NULL }, { "SGT", 8 * 3600L, NULL },
	{ "JST", 9 * 3600L, NULL }, { "KST", 9 * 3600L, NULL },
	{ "AEST", 10 * 3600L, NULL }, { "AEDT", 11 * 3600L, NULL },
	{ "AWST", 8 * 3600L, NULL }, { "ACST", 9 * 3600L + 1800, NULL },
	{ "ACDT", 10 * 3600L + 1800, NULL }, { "NZST", 12 * 3600L, NULL },
	{ "NZDT", 13 * 3600L, NULL }, { "WET", 0, NULL },
	{ "WEST", 3600L, NULL }, { "MSK", 3 * 3600L, NULL },
	{ "Pacific Time (US & Canada)", 0, "America/Los_Angeles" },
	{ "Mountain Time (US & Canada)", 0, "America/Denver" },
	{ "Central Time (US & Canada)", 0, "America/Chicago" },
	{ "Eastern Time (US & Canada)", 0, "America/New_York" },
	{ "Alaska", 0, "America/Anchorage" }, { "Hawaii", 0, "Pacific/Honolulu" },
	{ "Arizona", 0, "America/Phoenix" }, { "London", 0, "Europe/London" },
	{ "Beijing", 0, "Asia/Shanghai" },
};

/*
 * What local_time learned of a zone: over [lo, hi] (UTC) its offset
 * stays off, with isdst and the zone's abbreviation, for the TZ it was
 * learned in.  A wall time whose UTC time, at that offset, is NEAR or
 * more inside the span happens once, at that offset: no change of the
 * clocks is within reach of it (the largest, war time's double summer
 * time, was 2 h).  A span is learned by reading the offset PROBE before
 * and after a time: the same at both ends and in the middle is the same
 * all through, as no zone has changed its clocks twice within a day.
 * One span is kept for each of the last SPANS zones, so that a file
 * whose rows name a zone each (PayPal's Fuseau horaire), in turns or
 * not, sets no TZ for a row its zone's span holds (time_in).
 */
#define NEAR	(3 * 3600L)
#define PROBE	(12 * 3600L)
#define SPANS	4
static struct span {
	time_t lo, hi;
	long off;
	int isdst, ok;
	char zone[16];		/* tm_zone's text: TZ's data goes with TZ */
	char tz[64];
} spans[SPANS];
static unsigned span_next;	/* the slot a new zone takes */

/* TZ as it is now, or "" unset; 0 when too long to keep. */
static int
tz_now(char tz[64])
{
	const char *v = getenv("TZ");

	if (v == NULL)
		v = "";
	if (strlen(v) >= 64)
		return 0;
	strcpy(tz, v);
	return 1;
}

/* The span learned in TZ tz, or NULL. */
static struct span *
span_of(const char *tz)
{
	int i;

	for (i = 0; i < SPANS; i++)
		if (spans[i].ok && strcmp(spans[i].tz, tz) == 0)
			return &spans[i];
	return NULL;
}

/* tm read at tz's learned offset, when its span holds it: 1, else 0. */
static int
in_span(struct tm *tm, const char *tz, time_t *out)
{
	struct span *sp = span_of(tz);
	struct tm w = *tm;
	time_t t;

	if (sp == NULL)
		return 0;
	t = timegm(&w) - sp->off;	/* w normalised, as mktime would */
	if (t - NEAR < sp->lo || t + NEAR > sp->hi)
		return 0;
	w.tm_isdst = sp->isdst;
	w.tm_gmtoff = sp->off;
	w.tm_zone = sp->zone;
	*tm = w;
	*out = t;
	return 1;
}

/* The slot for a span of TZ tz: its own, else the oldest. */
static struct span *
span_slot(const char *tz)
{
	struct span *sp = span_of(tz);

	if (sp == NULL)
		sp = &spans[span_next++ % SPANS];
	return sp;
}

/*
 * Is the offset of t (tm, as mktime made it) the same PROBE before and
 * after (in *before and *after)?  Then the span is learned, and t is the
 * only reading of its wall time.
 */
static int
steady(time_t t, const struct tm *tm, struct tm *before, struct tm *after)
{
	struct span *sp;
	char tz[64];

	if (localtime_r(&(time_t){ t - PROBE }, before) == NULL ||
	    localtime_r(&(time_t){ t + PROBE }, after) == NULL)
		return -1;
	if (before->tm_gmtoff != tm->tm_gmtoff || after->tm_gmtoff !=
	    tm->tm_gmtoff || before->tm_isdst != tm->tm_isdst ||
	    after->tm_isdst != tm->tm_isdst)
		return 0;
	if (!tz_now(tz) || tm->tm_zone == NULL ||
	    strlen(tm->tm_zone) >= sizeof sp->zone)
		return 1;	/* right, but not kept */
	sp = span_slot(tz);
	strcpy(sp->tz, tz);
	strcpy(sp->zone, tm->tm_zone);
	sp->lo = t - PROBE, sp->hi = t + PROBE;
	sp->off = tm->tm_gmtoff, sp->isdst = tm->tm_isdst;
	sp->ok = 1;
	return 1;
}

/* Does t read with the offset off (the wall clock it was taken from)? */
static int
reads_with(time_t t, long off)
{
	struct tm x;

	return localtime_r(&t, &x) != NULL && x.tm_gmtoff == off;
}

/*
 * tm, a wall-clock time in local time (TZ), as UTC, the same every time.
 * glibc's mktime() guesses the offset of a time that happens twice (the
 * hour the clocks go back) from the last time it converted, so the same
 * text read after another row came out an hour apart: here such a time
 * is the first of the two (still summer time), always.  A time the clocks
 * skip (the hour they go forward) is read with the offset before the
 * change, as the wall clock would have shown it.  tm is normalised.
 *
 * One mktime finds the time, or nearly (its guess): when the offset is
 * the same 12 hours before and after, there is no other reading
 * (steady), and a later time well inside those 24 hours needs no mktime
 * at all (in_span: an import's rows are mostly near each other).  Near a
 * change of the clocks, the wall time is read with the offset before and
 * the one after, and kept where it reads back so: both (the hour that
 * happens twice), the first; neither (the hour skipped), the one before.
 * Nothing depends on mktime's guess, so war time's double summer time
 * (two summer offsets) follows the same rules.
 */
static time_t
local_time(struct tm *tm)
{
	struct tm w = *tm, before, after;
	time_t t, wall, t1, t2;
	int ok1, ok2, r;
	char tz[64];

	/* No span learned yet (a zone without summer time): no TZ read. */
	if (span_next > 0 && tz_now(tz) && in_span(tm, tz, &t))
		return t;
	tm->tm_isdst = -1;
	if ((t = mktime(tm)) == (time_t)-1 || !daylight)
		return t;	/* a zone without summer time: one answer */
	if ((r = steady(t, tm, &before, &after)) != 0)
		return t;	/* no change of the clocks near (or no zone) */
	wall = timegm(&w);	/* the wall clock's fields, normalised */
	t1 = wall - before.tm_gmtoff;
	t2 = wall - after.tm_gmtoff;
	ok1 = reads_with(t1, before.tm_gmtoff);
	ok2 = reads_with(t2, after.tm_gmtoff);
	t = ok2 && (!ok1 || t2 < t1) ? t2 : t1;
	if (localtime_r(&t, tm) == NULL)
		return (time_t)-1;
	return t;
}

/*
 * tm, a wall-clock time in the tz database's zone tz, as UTC.  Setting
 * TZ and back costs two loads of a zone's file (tzset): a time its
 * zone's span holds (local_time, learned while TZ was tz) needs neither.
 */
static time_t
time_in(struct tm *tm, const char *tz)
{
	char *old;
	time_t t;

	if (strlen(tz) < 64 && in_span(tm, tz, &t))
		return t;
	old = getenv("TZ") ? crm_xstrdup(getenv("TZ")) : NULL;
	setenv("TZ", tz, 1);
	tzset();
	t = local_time(tm);
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
	return t;
}

/*
 * Is zone (a path under TZDIR, or an absolute one) a zone's file this
 * machine has?  A directory ("Europe") is none: glibc reads it as UTC.
 */
static int
tz_file(const char *zone)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	struct stat st;

	if (*zone == '/')
		snprintf(path, sizeof path, "%s", zone);
	else
		snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir :
		    "/usr/share/zoneinfo", zone);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, R_OK) == 0;
}

/*
 * Is zone a name of the tz database ("Europe/Paris", PayPal's Fuseau
 * horaire) that this machine has?  Only an Area/Place name of the
 * database's letters, found under TZDIR: a name it lacks would be read
 * as UTC without a word.
 */
static int
tz_name(const char *zone)
{
	/* A file names one zone in every row: its file looked for once. */
	static char last[128];
	static int last_ok;

	if (strchr(zone, '/') == NULL || *zone == '/' ||
	    strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-") != strlen(zone) || strstr(zone, ".."))
		return 0;
	if (strcmp(zone, last) == 0)
		return last_ok;
	last_ok = tz_file(zone);
	snprintf(last, sizeof last, "%s", strlen(zone) < sizeof last ? zone :
	    "");
	return last_ok;
}

/*
 * A POSIX rule's zone name at s ("CET", "<+03>"): past it, or NULL.
 */
static const char *
posix_name(const char *s)
{
	size_t n = 0;

	if (*s == '<') {
		s++;
		while (isalnum((unsigned char)s[n]) || s[n] == '+' ||
		    s[n] == '-')
			n++;
		return s[n] == '>' && n >= 3 ? s + n + 1 : NULL;
	}
	while (isalpha((unsigned char)s[n]))
		n++;
	return n >= 3 ? s + n : NULL;
}

/* A number of 1 to width digits at s, at most max: past it, or NULL. */
static const char *
posix_num(const char *s, int width, int max, int *v)
{
	int n;

	for (*v = 0, n = 0; n < width && isdigit((unsigned char)s[n]); n++)
		*v = *v * 10 + (s[n] - '0');
	return n > 0 && *v <= max ? s + n : NULL;
}

/*
 * A POSIX time at s, [+-]hh[:mm[:ss]], its hours at most maxh, minutes
 * and seconds 0-59: past it, or NULL.  glibc takes "EST+25" as +24
 * hours, "garbage123" as 123, without a word.
 */
static const char *
posix_time(const char *s, int maxh)
{
	int v;

	if (*s == '+' || *s == '-')
		s++;
	if ((s = posix_num(s, 3, maxh, &v)) == NULL)
		return NULL;
	if (*s == ':' && (s = posix_num(s + 1, 2, 59, &v)) != NULL &&
	    *s == ':')
		s = posix_num(s + 1, 2, 59, &v);
	return s;
}

/* A rule's date, Jn, n or Mm.w.d, and its /time: past it, or NULL. */
static const char *
posix_date(const char *s)
{
	int v;

	if (*s == 'J')
		s = posix_num(s + 1, 3, 365, &v);
	else if (*s != 'M')
		s = posix_num(s, 3, 365, &v);
	else if ((s = posix_num(s + 1, 2, 12, &v)) != NULL && *s == '.' &&
	    (s = posix_num(s + 1, 1, 5, &v)) != NULL && *s == '.')
		s = posix_num(s + 1, 1, 6, &v);
	else
		return NULL;
	/* a rule's time may run past a day (RFC 8536): ",M3.5.0/-1" */
	if (s && *s == '/')
		s = posix_time(s + 1, 167);
	return s;
}

/*
 * Is tz a POSIX rule, std offset [dst [offset] [,start[/time],end[/time]]]
 * ("CET-1CEST,M3.5.0,M10.5.0/3", "<+03>-3", "EST5EDT"), its offsets hours
 * 0-24, minutes and seconds 0-59?  glibc reads such a TZ without a
 * zone's file.
 */
static int
tz_posix(const char *tz)
{
	const char *s;

	if ((s = posix_name(tz)) == NULL || (s = posix_time(s, 24)) == NULL)
		return 0;
	if (*s == '\0')
		return 1;
	if ((s = posix_name(s)) == NULL)
		return 0;
	if (*s != ',' && *s != '\0' && (s = posix_time(s, 24)) == NULL)
		return 0;
	if (*s == '\0')
		return 1;
	if (*s != ',' || (s = posix_date(s + 1)) == NULL || *s != ',' ||
	    (s = posix_date(s + 1)) == NULL)
		return 0;
	return *s == '\0';
}

/*
 * 0, or -1 when TZ names no zone this machine has: glibc takes a name
 * it cannot find (a typo, "Europe/Berln") as UTC without a word, which
 * would move every local date and period.  Unset, empty, a zone's file
 * (":" before it or not), UTC and a POSIX rule are zones.
 */
static int
tz_check(void)
{
	const char *tz = getenv("TZ");
	const char *dir = getenv("TZDIR");

	if (tz == NULL)
		return 0;
	if (*tz == ':')
		tz++;
	if (*tz == '\0' || strcmp(tz, "UTC") == 0 || strcmp(tz, "GMT") == 0 ||
	    tz_file(tz) || tz_posix(tz))
		return 0;
	return crm_fail(CRM_EX_USAGE, "TZ: '%s' is not a time zone: no such "
	    "zone in %s (as Europe/Berlin), and not a POSIX rule (as "
	    "CET-1CEST,M3.5.0,M10.5.0/3)", getenv("TZ"), dir && *dir ? dir :
	    "/usr/share/zoneinfo");
}

/*
 * The offset the machine's zone (TZ) gives an abbreviation that names
 * several zones (CST, IST, BST), when that zone uses it at some time of
 * the year: 1 and *off, else 0.  Looked at in mid-January and mid-July
 * of this year (winter and summer on either side of the equator), once
 * per TZ.
 */
static int
machine_abbrev(const char *name, long *off)
{
	static char tz[64], seen[64];
	static struct { char zone[8]; long off; } uses[2];
	static const int mon[2] = { 0, 6 };
	struct tm tm;
	time_t t;
	size_t i;

	if (!tz_now(tz))
		return 0;
	if (strcmp(tz, seen) != 0 || uses[0].zone[0] == '\0') {
		strcpy(seen, tz);
		for (i = 0; i < 2; i++) {
			t = crm_now();
			localtime_r(&t, &tm);
			tm.tm_mon = mon[i], tm.tm_mday = 15, tm.tm_hour = 12;
			tm.tm_isdst = -1;
			t = mktime(&tm);
			uses[i].zone[0] = '-';	/* looked at */
			uses[i].zone[1] = '\0';
			if (t != (time_t)-1 && localtime_r(&t, &tm) && tm.tm_zone &&
			    strlen(tm.tm_zone) < sizeof uses[i].zone) {
				strcpy(uses[i].zone, tm.tm_zone);
				uses[i].off = tm.tm_gmtoff;
			}
		}
	}
	for (i = 0; i < 2; i++)
		if (strcasecmp(uses[i].zone, name) == 0) {
			*off = uses[i].off;
			return 1;
		}
	return 0;
}

/* Does an abbreviation name different zones in different countries? */
static int
ambiguous_abbrev(const char *name)
{
	return strcmp(name, "CST") == 0 || strcmp(name, "IST") == 0 ||
	    strcmp(name, "BST") == 0 || strcmp(name, "AST") == 0;
}

/*
 * tm, in the zone that follows the time ("Z", "+0800", " -05:00", " PST",
 * " GMT+08:00", " Pacific Time (US & Canada)", " Europe/Paris"), as UTC;
 * no zone is local time.  -1 if the zone is none of those.
 */
static int
zoned(struct tm *tm, const char *zone, time_t *out)
{
	size_t i, n, nz;
	long off;

	if (zone)
		while (*zone == ' ')
			zone++;
	if (zone == NULL || *zone == '\0') {
		*out = local_time(tm);
		return 0;
	}
	if (parse_offset(zone, &off) == 0) {
		*out = timegm(tm) - off;
		return 0;
	}
	/* A tz database name ("Europe/Paris", in every row of a PayPal
	 * file) is none of the table's: their names have no '/', and what
	 * may follow one is an offset, which has none either. */
	nz = strchr(zone, '/') ? 0 : sizeof zones / sizeof zones[0];
	for (i = 0; i < nz; i++) {
		n = strlen(zones[i].name);
		if (strncasecmp(zone, zones[i].name, n) != 0)
			continue;
		if (zones[i].tz && zone[n] == '\0') {
			*out = time_in(tm, zones[i].tz);
			return 0;
		}
		if (zone[n] == '\0' && ambiguous_abbrev(zones[i].name) &&
		    machine_abbrev(zones[i].name, &off)) {
			*out = timegm(tm) - off;	/* the machine's own */
			return 0;
		}
		off = 0;
		if (zones[i].tz || (zone[n] && (zones[i].off != 0 ||
		    parse_offset(zone + n, &off) < 0)))
			continue;	/* "GMT+08:00", "UTC-5" only */
		*out = timegm(tm) - (zone[n] ? off : zones[i].off);
		return 0;
	}
	if (tz_name(zone)) {
		*out = time_in(tm, zone);
		return 0;
	}
	return -1;
}

/* The time part after the date: "HH:MM[:SS[.fff]][zone]". */
static int
parse_clock(const char *s, struct tm *tm, const char **zone)
{
	int v;

	if (digits(&s, 2, &v) < 1 || v > 23)	/* "2:22:11 PM" too */
		return -1;
	tm->tm_hour = v;
	if (*s++ != ':' || digits(&s, 2, &v) != 2 || v > 59)
		return -1;
	tm->tm_min = v;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &v) != 2 || v > 60)
			return -1;
		tm->tm_sec = v == 60 ? 59 : v;
		if (*s == '.' || *s == ',') {
			s++;
			if (!isdigit((unsigned char)*s))
				return -1;
			while (isdigit((unsigned char)*s))
				s++;	/* we keep whole seconds */
		}
	}
	*zone = *s ? s : NULL;
	return 0;
}

/*
 * A 12-hour clock's AM or PM after the time at *zone (" 7:01:33 PM
 * GMT+2"): tm's hour made the day's, and *zone past it; 0, or -1 for an
 * hour a 12-hour clock never shows (0, 13).  None there: 0, as it was.
 */
static int
meridiem(struct tm *tm, const char **zone)
{
	const char *z = *zone;

	if (z == NULL || (strncasecmp(z, " am", 3) != 0 &&
	    strncasecmp(z, " pm", 3) != 0) || (z[3] != '\0' && z[3] != ' '))
		return 0;
	if (tm->tm_hour > 12 || tm->tm_hour == 0)
		return -1;
	tm->tm_hour = tm->tm_hour % 12 + (tolower((unsigned char)z[1]) ==
	    'p' ? 12 : 0);
	*zone = z + 3;
	return 0;
}

/*
 * YYYY-MM-DD (or YYYY/M/D) with an optional time and zone.  The year
 * first leaves no doubt which is the month, so a 12-hour clock is read
 * too: Google Forms' Timestamp, "2026/05/28 7:01:33 PM GMT+2".
 */
static int
parse_iso(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	const char *zone = NULL;
	int y, m, d;
	char sep;

	if (digits(&s, 4, &y) != 4 || (*s != '-' && *s != '/'))
		return -1;
	sep = *s++;
	if (digits(&s, 2, &m) < 1 || *s++ != sep || digits(&s, 2, &d) < 1)
		return -1;
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return -1;
	tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if (parse_clock(s + 1, &tm, &zone) < 0 ||
		    (*s == ' ' && meridiem(&tm, &zone) < 0))
			return -1;
	} else if (*s) {
		return -1;
	}
	return zoned(&tm, zone, out);
}

static time_t
local_midnight(time_t t, int days)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday += days;
	return local_time(&tm);
}

/*
 * Now, fixed for the run; CRM_NOW sets it for tests and reproducible
 * reports.  A CRM_NOW that is no date is an error crm_now_check() (and
 * so opening the database) reports; until then the clock stands in.
 */
static time_t now = (time_t)-1;
static int now_bad;

time_t
crm_now(void)
{
	const char *s;

	if (now != (time_t)-1)
		return now;
	s = getenv("CRM_NOW");
	if (s && *s && parse_iso(s, &now) < 0) {
		now_bad = 1;
		now = (time_t)-1;
	}
	if (now == (time_t)-1)
		now = time(NULL);
	return now;
}

/*
 * 0, or -1 when CRM_NOW is set to something that is not a date or TZ
 * to no zone: the time every program sets up as it opens a database.
 */
int
crm_now_check(void)
{
	crm_now();
	if (now_bad)
		return crm_fail(CRM_EX_USAGE, "CRM_NOW: '%s' is not an ISO 8601 "
		    "date or date-time", getenv("CRM_NOW"));
	return tz_check();
}

/* "Now" is fixed for the run, so it is formatted once. */
const char *
crm_now_str(void)
{
	static char buf[CRM_TIME_LEN];

	if (buf[0] == '\0')
		crm_fmt_time(crm_now(), buf);
	return buf;
}

int
crm_parse_dur(const char *s, struct crm_dur *out)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &end, 10);
	if (n > 100000 || end[0] == '\0' || end[1] != '\0')
		return -1;
	out->months = 0, out->seconds = 0;
	switch (*end) {
	case 'h': out->seconds = n * 3600LL; break;
	case 'd': out->seconds = n * 86400LL; break;
	case 'w': out->seconds = n * 7 * 86400LL; break;
	case 'm': out->months = (int)n; break;
	case 'y': out->months = (int)n * 12; break;
	default: return -1;
	}
	return 0;
}

/* t moved by d, forwards (sign 1) or backwards (-1), in calendar months. */
time_t
crm_dur_add(time_t t, const struct crm_dur *d, int sign)
{
	struct tm tm;
	int mon, y, m;

	if (d->months) {
		gmtime_r(&t, &tm);
		mon = tm.tm_year * 12 + tm.tm_mon + sign * d->months;
		y = mon / 12, m = mon % 12;
		if (m < 0)
			m += 12, y--;
		tm.tm_year = y, tm.tm_mon = m;
		if (tm.tm_mday > mdays(y + 1900, m + 1))
			tm.tm_mday = mdays(y + 1900, m + 1);
		t = timegm(&tm);
	}
	return t + sign * d->seconds;
}

/*
 * t moved forwards by d in the user's local calendar (TZ): months and
 * whole days step the local date and keep the wall-clock time, across
 * summer time too, so a reminder on the 1st at 00:00 stays there east of
 * UTC (where that is the 28th or 31st in UTC); hours are hours.
 */
time_t
crm_dur_add_local(time_t t, const struct crm_dur *d)
{
	long long days = d->seconds / 86400, rest = d->seconds % 86400;
	struct tm tm;
	int mon;

	if (d->months == 0 && days == 0)
		return t + rest;
	localtime_r(&t, &tm);
	mon = tm.tm_mon + d->months;
	tm.tm_year += mon / 12, tm.tm_mon = mon % 12;
	if (tm.tm_mday > mdays(tm.tm_year + 1900, tm.tm_mon + 1))
		tm.tm_mday = mdays(tm.tm_year + 1900, tm.tm_mon + 1);
	tm.tm_mday += (int)days;
	return local_time(&tm) + rest;	/* the zone's offset on that day */
}

static const char *date_format;	/* the import's own, or NULL */

/*
 * Read dates that ISO 8601 does not, such as 05.03.2024, as FMT says
 * (strptime(3)); NULL, or why FMT cannot be one.  Only a format says
 * which of 05/03 is the day: guessing would turn 5 March into 3 May
 * without a word.
 */
const char *
crm_set_date_format(const char *fmt)
{
	static char *why;

	if (strchr(fmt, '%') == NULL) {	/* no field at all: a mistake */
		free(why);
		why = crm_msgf("{date-format} needs strptime fields, e.g. "
		    "%%d.%%m.%%Y or '%%m/%%d/%%Y %%H:%%M'");
		return why;
	}
	date_format = fmt;
	return NULL;
}

const char *
crm_date_format(void)
{
	return date_format;
}

/*
 * A format of a date alone (%d.%m.%Y) also reads the time of day that
 * exports write after it ("05.03.2024 14:30:00", Bitrix24, 1C, or a
 * separate Time column, "9:15:00 AM"): the user names the date's order,
 * the time's is not in doubt.
 */
static const char *
time_of_day(const char *fmt, const char *s, struct tm *tm)
{
	const char *end;

	if (strstr(fmt, "%H") || strstr(fmt, "%T") || strstr(fmt, "%R") ||
	    strstr(fmt, "%I") || strstr(fmt, "%c"))
		return s;
	if ((end = strptime(s, " %I:%M:%S %p", tm)) ||
	    (end = strptime(s, " %I:%M %p", tm)) ||
	    (end = strptime(s, " %H:%M:%S", tm)) ||
	    (end = strptime(s, " %H:%M", tm)))
		return end;
	return s;
}

/*
 * The date part of a format with a time ("%m/%d/%Y %H:%M" gives
 * "%m/%d/%Y"), in buf; NULL for a format with no time or no date before
 * it.  One export mixes them: Dynamics 365 writes Modified On with its
 * time and Est. Close Date without.
 */
static const char *
date_part(const char *fmt, char *buf, size_t cap)
{
	static const char *const clocks[] = { "%H", "%I", "%T", "%R", "%k",
	    "%l" };
	const char *cut = NULL, *p;
	size_t i, n;

	for (i = 0; i < sizeof clocks / sizeof clocks[0]; i++)
		if ((p = strstr(fmt, clocks[i])) && (cut == NULL || p < cut))
			cut = p;
	if (cut == NULL)
		return NULL;
	for (n = (size_t)(cut - fmt); n && strchr(" T,", fmt[n - 1]); n--)
		;
	if (n == 0 || n >= cap || memchr(fmt, '%', n) == NULL)
		return NULL;
	memcpy(buf, fmt, n);
	buf[n] = '\0';
	return buf;
}

/*
 * The fewest seconds since 1970 that %s takes (1973-03-03, nine digits):
 * fewer are an Excel day number (45123) or a count read as seconds, a
 * date in 1970 that no sale or customer has.
 */
#define SECONDS_MIN	100000000LL
/*
 * The most (5138-11-16, eleven digits): more are milliseconds since 1970
 * (a JavaScript or API export's 1709648531000), whose every date since
 * 1973 has twelve digits or more; read as seconds they are no year crm
 * can write (past 9999) or none of a customer's.
 */
#define SECONDS_MAX	99999999999LL

/*
 * Month names of other languages, which strptime(3)'s %b, %B and %h do
 * not read in the C locale crm runs in: German (eBay.de's "10-Dez-25"),
 * French, Spanish and Italian, lower case, each with the English
 * abbreviation strptime reads instead.  None is another month's English
 * name or abbreviation, nor another month's in any of the four, so a date
 * read before is read as it was and no name can mean two months.  Those
 * strptime reads already (April, August) are not here, but for the
 * English abbreviations, which it does not read with a dot ("Jan.").
 */
struct native {
	const char *name;
	const char *en;
};

static const struct native month_names[] = {
	/* German, and Austrian Jänner */
	{ "januar", "Jan" }, { "jänner", "Jan" }, { "jän", "Jan" },
	{ "februar", "Feb" }, { "märz", "Mar" }, { "mär", "Mar" },
	{ "mrz", "Mar" }, { "mai", "May" }, { "juni", "Jun" },
	{ "juli", "Jul" }, { "sept", "Sep" }, { "oktober", "Oct" },
	{ "okt", "Oct" }, { "dezember", "Dec" }, { "dez", "Dec" },
	/* French */
	{ "janvier", "Jan" }, { "janv", "Jan" }, { "février", "Feb" },
	{ "févr", "Feb" }, { "fév", "Feb" }, { "mars", "Mar" },
	{ "avril", "Apr" }, { "avr", "Apr" }, { "juin", "Jun" },
	{ "juillet", "Jul" }, { "juil", "Jul" }, { "août", "Aug" },
	{ "septembre", "Sep" }, { "octobre", "Oct" }, { "novembre", "Nov" },
	{ "décembre", "Dec" }, { "déc", "Dec" },
	/* Spanish */
	{ "enero", "Jan" }, { "ene", "Jan" }, { "febrero", "Feb" },
	{ "marzo", "Mar" }, { "abril", "Apr" }, { "abr", "Apr" },
	{ "mayo", "May" }, { "junio", "Jun" }, { "julio", "Jul" },
	{ "agosto", "Aug" }, { "ago", "Aug" }, { "septiembre", "Sep" },
	{ "setiembre", "Sep" }, { "set", "Sep" }, { "octubre", "Oct" },
	{ "noviembre", "Nov" }, { "diciembre", "Dec" }, { "dic", "Dec" },
	/* Italian */
	{ "gennaio", "Jan" }, { "gen", "Jan" }, { "febbraio", "Feb" },
	{ "aprile", "Apr" }, { "maggio", "May" }, { "mag", "May" },
	{ "giugno", "Jun" }, { "giu", "Jun" }, { "luglio", "Jul" },
	{ "lug", "Jul" }, { "settembre", "Sep" }, { "ottobre", "Oct" },
	{ "ott", "Oct" }, { "dicembre", "Dec" },
	/* English abbreviations, for their dot ("05-Jan.-25", "Sept."):
	 * strptime reads them without it first, so as it always did */
	{ "jan", "Jan" }, { "feb", "Feb" }, { "mar", "Mar" },
	{ "apr", "Apr" }, { "may", "May" }, { "jun", "Jun" },
	{ "jul", "Jul" }, { "aug", "Aug" }, { "sep", "Sep" },
	{ "oct", "Oct" }, { "nov", "Nov" }, { "dec", "Dec" },
};

/*
 * Weekday names of the same languages, which %a and %A do not read either
 * (German Excel's long date "Montag, 2. März 2026", "Mo, 02.03.2026"),
 * each with the English abbreviation.  A word two languages share names
 * the same day in both (mar: Tuesday in French, Spanish and Italian), and
 * none is an English day's name.
 */
static const struct native weekday_names[] = {
	/* German */
	{ "sonntag", "Sun" }, { "montag", "Mon" }, { "dienstag", "Tue" },
	{ "mittwoch", "Wed" }, { "donnerstag", "Thu" }, { "freitag", "Fri" },
	{ "samstag", "Sat" }, { "sonnabend", "Sat" }, { "so", "Sun" },
	{ "mo", "Mon" }, { "di", "Tue" }, { "mi", "Wed" }, { "do", "Thu" },
	{ "fr", "Fri" }, { "sa", "Sat" },
	/* French */
	{ "dimanche", "Sun" }, { "lundi", "Mon" }, { "mardi", "Tue" },
	{ "mercredi", "Wed" }, { "jeudi", "Thu" }, { "vendredi", "Fri" },
	{ "samedi", "Sat" }, { "dim", "Sun" }, { "lun", "Mon" },
	{ "mar", "Tue" }, { "mer", "Wed" }, { "jeu", "Thu" }, { "ven", "Fri" },
	{ "sam", "Sat" },
	/* Spanish */
	{ "domingo", "Sun" }, { "lunes", "Mon" }, { "martes", "Tue" },
	{ "miércoles", "Wed" }, { "miercoles", "Wed" }, { "jueves", "Thu" },
	{ "viernes", "Fri" }, { "sábado", "Sat" }, { "sabado", "Sat" },
	{ "dom", "Sun" }, { "mié", "Wed" }, { "mie", "Wed" }, { "jue", "Thu" },
	{ "vie", "Fri" }, { "sáb", "Sat" }, { "sab", "Sat" },
	/* Italian */
	{ "domenica", "Sun" }, { "lunedì", "Mon" }, { "lunedi", "Mon" },
	{ "martedì", "Tue" }, { "martedi", "Tue" }, { "mercoledì", "Wed" },
	{ "mercoledi", "Wed" }, { "giovedì", "Thu" }, { "giovedi", "Thu" },
	{ "venerdì", "Fri" }, { "venerdi", "Fri" }, { "sabato", "Sat" },
	{ "gio", "Thu" },
};

/*
 * s with its first word that is a name of names[] (in any case: Ä as ä)
 * written as the English abbreviation, in buf, and the dot after it
 * ("Dez.", "lun.") left out when nodot says; NULL when it has none.
 */
static const char *
to_english(const char *s, const struct native *names, size_t count,
    int nodot, char *buf, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s, *w;
	char word[16];
	size_t n, i;

	while (*p) {
		if (*p < 0x80 && !isalpha(*p)) {
			p++;
			continue;
		}
		for (w = p, n = 0; *p >= 0x80 || isalpha(*p); p++, n++)
			if (n < sizeof word - 1)
				word[n] = (char)(*p < 0x80 ? tolower(*p) :
				    p > w && p[-1] == 0xC3 && *p <= 0x9E &&
				    *p != 0x97 ? *p + 0x20 : *p);
		if (n >= sizeof word)
			continue;
		word[n] = '\0';
		for (i = 0; i < count; i++)
			if (strcmp(word, names[i].name) == 0)
				break;
		if (i == count)
			continue;
		if (nodot && *p == '.')
			p++;
		if ((size_t)(w - (const unsigned char *)s) + 3 + strlen(
		    (const char *)p) >= cap)
			return NULL;
		snprintf(buf, cap, "%.*s%s%s", (int)(w - (const unsigned char *)
		    s), s, names[i].en, (const char *)p);
		return buf;
	}
	return NULL;
}

/* Does fmt read a month's name (%b, %B, %h), a day's (%a, %A)? */
static int
names_month(const char *fmt)
{
	return strstr(fmt, "%b") || strstr(fmt, "%B") || strstr(fmt, "%h");
}

static int
names_day(const char *fmt)
{
	return strstr(fmt, "%a") || strstr(fmt, "%A");
}

/*
 * strptime(3), and where fmt names a month or a day by name and s has
 * one of month_names[] or weekday_names[], s with them in English (in
 * buf), with their dot and without: the end of the date read, or NULL.
 */
static const char *
read_date(const char *s, const char *fmt, struct tm *tm, char *buf,
    size_t cap)
{
	const char *end, *t, *u;
	char day[256];
	int nodot;

	if ((end = strptime(s, fmt, tm)) || (!names_month(fmt) &&
	    !names_day(fmt)))
		return end;
	for (nodot = 0; nodot < 2 && end == NULL; nodot++) {
		t = s;
		if (names_day(fmt) && (u = to_english(t, weekday_names,
		    CRM_NELEM(weekday_names), nodot, day, sizeof day)))
			t = u;
		if (names_month(fmt) && (u = to_english(t, month_names,
		    CRM_NELEM(month_names), nodot, buf, cap)))
			t = u;
		if (t == s)
			continue;
		if (t == day && snprintf(buf, cap, "%s", day) < (int)cap)
			t = buf;	/* what follows the date is read after */
		else if (t == day)
			continue;
		memset(tm, 0, sizeof *tm);
		end = strptime(t, fmt, tm);
	}
	return end;
}

/*
 * Is the day of the week fmt read (%a, %A) the date's own?  strptime(3)
 * keeps the day it read and never checks it, so "Sunday, March 2, 2026"
 * would be 2 March, a Monday, without a word: one of the two is a typo,
 * and which one crm cannot know.
 */
static int
weekday_fits(const struct tm *tm, const char *fmt)
{
	struct tm day = { 0 }, out;
	time_t t;

	if (!names_day(fmt))
		return 1;
	day.tm_year = tm->tm_year, day.tm_mon = tm->tm_mon;
	day.tm_mday = tm->tm_mday;
	t = timegm(&day);
	return gmtime_r(&t, &out) != NULL && out.tm_wday == tm->tm_wday;
}

/*
 * A date in the --date-format, local time unless the format has %z or a
 * zone follows (" PST", " +0800"); -1 if it is not one.  A date alone
 * where the format has a time too is that day's midnight.
 */
static int
parse_formatted(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	const char *end, *fmt = date_format;
	char part[64], en[256];
	long off;

	if (fmt == NULL)
		return -1;
	if ((end = read_date(s, fmt, &tm, en, sizeof en)) == NULL) {
		memset(&tm, 0, sizeof tm);
		if ((fmt = date_part(date_format, part, sizeof part)) == NULL ||
		    (end = read_date(s, fmt, &tm, en, sizeof en)) == NULL ||
		    *end)
			return -1;
	}
	if (tm.tm_year + 1900 < 1000 || tm.tm_mday < 1 ||
	    tm.tm_mday > mdays(tm.tm_year + 1900, tm.tm_mon + 1) ||
	    !weekday_fits(&tm, fmt))
		return -1;
	if (strstr(fmt, "%s") && (strtoll(s, NULL, 10) < SECONDS_MIN ||
	    strtoll(s, NULL, 10) > SECONDS_MAX))
		return -1;
	end = time_of_day(fmt, end, &tm);
	if (strstr(fmt, "%z")) {
		while (*end == ' ')
			end++;
		if (*end)
			return -1;
		off = tm.tm_gmtoff;	/* timegm() resets it */
		*out = timegm(&tm) - off;
		return 0;
	}
	return zoned(&tm, end, out);
}

/*
 * The length of an English day's name, whole or its three letters, and
 * the comma and space after it that begin an RFC 5322 date ("Tue, 03 Nov
 * 2026 14:02:11 +0000": e-mail's, HTTP's, and Twilio's call logs' Start
 * Time) or a long one ("Monday, March 2, 2026": Excel's and Google
 * Sheets' Long Date), with the day (0 Sunday) in *wday; 0 when s has none.
 * The day is checked against the date (weekday_fits()).
 */
static size_t
weekday(const char *s, int *wday)
{
	static const char *const days[] = { "sunday", "monday", "tuesday",
	    "wednesday", "thursday", "friday", "saturday" };
	size_t k, n;

	for (k = 0; k < CRM_NELEM(days); k++) {
		n = strlen(days[k]);
		if (strncasecmp(s, days[k], n) != 0)
			n = 3;
		if (strncasecmp(s, days[k], n) == 0 && s[n] == ',' &&
		    s[n + 1] == ' ') {
			*wday = (int)k;
			return n + 2;
		}
	}
	return 0;
}

/*
 * "Mar 5, 2024 02:22:11 PM" (Magento), "March 5, 2024", "5 Mar 2024
 * 14:22", "Tue, 03 Nov 2026 14:02:11 +0000": English month names say
 * which number is the day.
 */
static int
parse_english(const char *s, time_t *out)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	struct tm tm = { 0 };
	const char *p, *zone = NULL;
	int y, d, m = -1, wday = -1;
	size_t n;

	if ((n = weekday(s, &wday)) > 0)
		s += n;
	if (isdigit((unsigned char)*s) && digits(&s, 2, &d) && *s == ' ')
		s++;
	else
		d = 0;
	for (p = months; *p && m < 0; p += 3)
		if (strncasecmp(s, p, 3) == 0)
			m = (int)(p - months) / 3;
	if (m < 0)
		return -1;
	while (isalpha((unsigned char)*s))
		s++;
	if (*s == '.')
		s++;
	if (*s++ != ' ')
		return -1;
	if (d == 0) {
		if (digits(&s, 2, &d) < 1)
			return -1;
		if (*s == ',')
			s++;
		if (*s++ != ' ')
			return -1;
	}
	if (digits(&s, 4, &y) != 4 || y < 1000 || d < 1 ||
	    d > mdays(y, m + 1))
		return -1;
	tm.tm_year = y - 1900, tm.tm_mon = m, tm.tm_mday = d;
	tm.tm_wday = wday;
	if (wday >= 0 && !weekday_fits(&tm, "%a"))
		return -1;
	if (*s == ' ' && isdigit((unsigned char)s[1])) {
		if (parse_clock(s + 1, &tm, &zone) < 0 ||
		    meridiem(&tm, &zone) < 0)
			return -1;
	} else if (*s) {
		zone = s;
	}
	return zoned(&tm, zone, out);
}

static const char *const day_full[] = { "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday" };

/*
 * The day of the week the first word of s names, English (Monday, Mon)
 * or of weekday_names[] (Montag, Mo.), 0 Sunday, and the word's length
 * in *len; -1 when it names none.
 */
static int
day_named(const char *s, size_t *len)
{
	char word[16], buf[64];
	const char *en = word;
	size_t n = 0;
	int k;

	while (s[n] && (isalpha((unsigned char)s[n]) || (unsigned char)s[n] >=
	    0x80))
		n++;
	if (n == 0 || n >= sizeof word)
		return -1;
	memcpy(word, s, n);
	word[n] = '\0';
	*len = n;
	if (to_english(word, weekday_names, CRM_NELEM(weekday_names), 0, buf,
	    sizeof buf))
		en = buf;	/* Montag: Mon */
	for (k = 0; k < 7; k++)
		if (strcasecmp(en, day_full[k]) == 0 || (strlen(en) == 3 &&
		    strncasecmp(en, day_full[k], 3) == 0))
			return k;
	return -1;
}

/*
 * Why s is no date when only its day of the week is wrong ("Sunday, March
 * 2, 2026", a Monday): "... names a Sunday, but the date is a Monday", in
 * buf; NULL when s reads with no day in its place either.  For the hint
 * after a refusal (crm_date_hint): a weekday and a date that disagree
 * are refused, never one of them taken.
 */
const char *
crm_weekday_clash(const char *s, char *buf, size_t cap)
{
	char try[256];
	size_t len, lead = strspn(s, " ");
	time_t t;
	int said, k;

	if ((said = day_named(s + lead, &len)) < 0)
		return NULL;
	for (k = 0; k < 7; k++) {
		if (k == said || snprintf(try, sizeof try, "%.*s%s%s",
		    (int)lead, s, day_full[k], s + lead + len) >= (int)sizeof try ||
		    crm_parse_when(try, &t) < 0)
			continue;
		snprintf(buf, cap, "'%.60s' names a %s, but the date is a %s: "
		    "the day or the date is wrong", s + lead, day_full[said],
		    day_full[k]);
		return buf;
	}
	return NULL;
}

/*
 * The --date-format that reads s when s is a date in words that only a
 * format reads: a spreadsheet's Long Date in German ("Montag, 2. März
 * 2026", Excel's), French, Spanish or Italian, or a day's short name
 * before digits ("Mo, 02.03.2026"; a slashed date's order is the one
 * whose day it names); NULL when none of them reads it.  Only said,
 * never tried on a file: the user says the format.
 */
const char *
crm_date_format_for(const char *s)
{
	static const char *const fmts[] = { "%A, %d. %B %Y", "%d. %B %Y",
	    "%A %d %B %Y", "%A, %d %B %Y", "%A, %d de %B de %Y",
	    "%d de %B de %Y", "%d %B %Y", "%a, %d.%m.%Y", "%a %d.%m.%Y",
	    "%a, %d/%m/%Y", "%a %d/%m/%Y", "%a, %m/%d/%Y", "%a %m/%d/%Y" };
	const char *saved = date_format;
	size_t i;
	time_t t;
	int r = -1;

	if (saved != NULL)
		return NULL;
	for (i = 0; i < CRM_NELEM(fmts) && r < 0; i++) {
		date_format = fmts[i];
		r = parse_formatted(s, &t);
	}
	date_format = saved;
	return r == 0 ? fmts[i - 1] : NULL;
}

/*
 * As crm_parse_when, reading s in fmt when the user gave no --date-format:
 * an importer that knows the export's own date order (PayPal's 03/05/2024
 * with PST is 5 March) says so, but what the user says wins.
 */
int
crm_parse_when_as(const char *s, const char *fmt, time_t *out)
{
	const char *saved = date_format;
	int r;

	if (date_format == NULL)
		date_format = fmt;
	r = crm_parse_when(s, out);
	date_format = saved;
	return r;
}

/*
 * Can crm_fmt_time write t: a year from 1 to 9999?  Never a time it
 * would write as 0000-00-00 ("+10000y", a far date of a format).
 */
static int
writable(time_t t)
{
	struct tm tm;

	return gmtime_r(&t, &tm) != NULL && tm.tm_year + 1900 >= 1 &&
	    tm.tm_year + 1900 <= 9999;
}

int
crm_parse_when(const char *s, time_t *out)
{
	struct crm_dur d;
	int sign = 1;

	if (strcmp(s, "now") == 0)
		*out = crm_now();
	else if (strcmp(s, "today") == 0)
		*out = local_midnight(crm_now(), 0);
	else if (strcmp(s, "tomorrow") == 0)
		*out = local_midnight(crm_now(), 1);
	else if (strcmp(s, "yesterday") == 0)
		*out = local_midnight(crm_now(), -1);
	else if (*s == '+' || *s == '-' || (isdigit((unsigned char)*s) &&
	    crm_parse_dur(s, &d) == 0)) {
		if (*s == '+' || *s == '-')
			sign = *s++ == '-' ? -1 : 1;
		if (crm_parse_dur(s, &d) < 0)
			return -1;
		*out = crm_dur_add(crm_now(), &d, sign);
	} else if (parse_iso(s, out) < 0 && parse_formatted(s, out) < 0 &&
	    parse_english(s, out) < 0)
		return -1;
	return writable(*out) ? 0 : -1;
}

char *
crm_fmt_time(time_t t, char buf[CRM_TIME_LEN])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, CRM_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(buf, "0000-00-00T00:00:00Z");
	return buf;
}
