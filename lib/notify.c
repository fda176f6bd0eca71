/*
 * notify.c - what is due, as mail (RFC 5322 messages in an mbox stream,
 * or one message for sendmail -t) and as an iCalendar (RFC 5545) file of
 * VTODOs for calendar apps; and a report as one message of text and its
 * HTML page (crm-report --mail).
 *
 * Each is built in memory and written whole (a calendar) or a message
 * at a time, and every write is checked where it is made, so a write
 * error is said with its own cause and a failed export returns -1.
 *
 * The escaping lives in small functions of their own (ics_text, fold,
 * mbox body quoting) so the fuzzers can reach them.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm.h"

enum { I_ID, I_DUE, I_OVERDUE, I_CUSTOMER, I_NAME, I_COMPANY, I_PHONE,
	I_EMAIL, I_OWNER, I_NOTE, I_SOURCE, I_EVERY, I_NCOLS };

struct item {
	char *v[I_NCOLS];
};

static void
free_items(struct item *items, size_t n)
{
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		for (k = 0; k < I_NCOLS; k++)
			free(items[i].v[k]);
	free(items);
}

/*
 * Read the due list into memory (mail groups it by owner): 0 and *items,
 * *n, or -1 when the statement failed, so a list cut short is not sent
 * as if it were all.
 */
static int
read_items(struct crm_stmt *st, struct item **items, size_t *n)
{
	const char *t;
	int k, rc;

	*items = NULL;
	*n = 0;
	while ((rc = crm_step(st)) == CRM_ROW) {
		*items = crm_xreallocarray(*items, *n + 1, sizeof **items);
		for (k = 0; k < I_NCOLS; k++) {
			t = crm_col_text(st, k);
			(*items)[*n].v[k] = t ? crm_xstrdup(t) : NULL;
		}
		(*n)++;
	}
	if (rc == CRM_FAIL) {
		free_items(*items, *n);
		return -1;
	}
	return 0;
}

/* Add items [0, n) to what was told (each item names a customer). */
static void
tell(struct crm_told *t, const struct item *items, size_t n)
{
	size_t i;

	for (i = 0; t && i < n; i++)
		crm_told_add(t, items[i].v[I_CUSTOMER] ?
		    atoll(items[i].v[I_CUSTOMER]) : 0);
}

/* Write b whole to fp: 0, or -1 with the cause. */
static int
put(FILE *fp, const struct crm_buf *b)
{
	if (b->len > 0 && fwrite(b->s, 1, b->len, fp) != b->len)
		return crm_fail(CRM_EX_IOERR, "write error:");
	return 0;
}

/* RFC 5545 TEXT: backslash, ';', ',' and newlines escaped. */
void
crm_ics_text(struct crm_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': crm_buf_adds(b, "\\\\"); break;
		case ';': crm_buf_adds(b, "\\;"); break;
		case ',': crm_buf_adds(b, "\\,"); break;
		case '\n': crm_buf_adds(b, "\\n"); break;
		case '\r': break;
		default: crm_buf_addc(b, *s);
		}
	}
}

/*
 * One content line into b, folded at 75 octets with CRLF and a space,
 * never inside a UTF-8 sequence: iCalendar (RFC 5545) and vCard (RFC
 * 6350) fold alike.
 */
void
crm_fold_line(struct crm_buf *b, const char *line)
{
	size_t len = strlen(line), i = 0, n, limit = 75;

	while (i < len) {
		n = len - i < limit ? len - i : limit;
		while (n > 1 && i + n < len &&
		    ((unsigned char)line[i + n] & 0xc0) == 0x80)
			n--;	/* back to the start of a character */
		if (i > 0)
			crm_buf_addc(b, ' ');
		crm_buf_add(b, line + i, n);
		crm_buf_adds(b, "\r\n");
		i += n;
		limit = 74;	/* the leading space counts */
	}
}

void
crm_ics_line(FILE *fp, const char *line)
{
	struct crm_buf b = { 0 };

	crm_fold_line(&b, line);
	if (b.s)
		fwrite(b.s, 1, b.len, fp);
	crm_buf_free(&b);
}

static void
ics_prop(struct crm_buf *cal, const char *name, const char *text)
{
	struct crm_buf b = { 0 };

	crm_buf_addf(&b, "%s:", name);
	crm_ics_text(&b, text);
	crm_fold_line(cal, b.s);
	crm_buf_free(&b);
}

/* "2026-11-23T09:30:00Z" as "20261123T093000Z". */
static void
ics_time(char out[17], const char *iso)
{
	int j = 0;

	for (; *iso && j < 16; iso++)
		if (*iso != '-' && *iso != ':')
			out[j++] = *iso;
	out[j] = '\0';
}

/*
 * iso as a floating local time, 20270401T000000: a calendar expands an
 * RRULE in its DTSTART's zone, and a UTC one would step UTC months (the
 * 1st at local midnight east of UTC is the 31st or 28th there) and move
 * an hour with summer time.  Floating time is the user's own wall clock,
 * which crm-remind steps in; a TZID would need a VTIMEZONE that TZ alone
 * cannot give honestly.
 */
static void
ics_local(char out[17], const char *iso)
{
	struct tm tm;
	time_t t;

	if (crm_parse_when(iso, &t) < 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(out, 17, "%Y%m%dT%H%M%S", &tm) == 0)
		ics_time(out, iso);
}

/*
 * "30d" as FREQ=DAILY;INTERVAL=30.  A monthly or yearly series on a day
 * that some months lack (the 29th to the 31st, its first due date's in
 * local time: day) is on the month's last day then, as crm-remind steps
 * it; a calendar would skip those months (RFC 5545), so the rule says
 * "the last of the 28th ... day that the month has" (BYSETPOS=-1).
 */
static char *
rrule(const char *every, int day, int month)
{
	struct crm_buf days = { 0 };
	const char *freq;
	char *r;
	long n = strtol(every, NULL, 10);
	int unit = every[strlen(every) - 1], d;

	switch (unit) {
	case 'h': freq = "HOURLY"; break;
	case 'd': freq = "DAILY"; break;
	case 'w': freq = "WEEKLY"; break;
	case 'm': freq = "MONTHLY"; break;
	default: freq = "YEARLY"; break;
	}
	if ((unit != 'm' && unit != 'y') || day <= 28)
		return crm_xasprintf("FREQ=%s;INTERVAL=%ld", freq, n);
	for (d = 28; d <= day; d++)
		crm_buf_addf(&days, "%s%d", d > 28 ? "," : "", d);
	if (unit == 'y')
		r = crm_xasprintf("FREQ=YEARLY;INTERVAL=%ld;BYMONTH=%d;"
		    "BYMONTHDAY=%s;BYSETPOS=-1", n, month, days.s);
	else
		r = crm_xasprintf("FREQ=MONTHLY;INTERVAL=%ld;BYMONTHDAY=%s;"
		    "BYSETPOS=-1", n, days.s);
	crm_buf_free(&days);
	return r;
}

/* The local day and month of a reminder series' first due date. */
static void
series_day(struct crm_db *db, const struct item *it, int *day, int *month)
{
	char *first = crm_query_text(db, "SELECT coalesce(first_due, due) "
	    "FROM reminders WHERE id = ?", "i", atoll(it->v[I_ID]));
	struct tm tm;
	time_t t;

	*day = 1, *month = 1;
	if (first && crm_parse_when(first, &t) == 0 &&
	    localtime_r(&t, &tm) != NULL)
		*day = tm.tm_mday, *month = tm.tm_mon + 1;
	free(first);
}

static void
describe(struct crm_buf *b, const struct item *it)
{
	crm_buf_addf(b, "%s", it->v[I_NAME] && *it->v[I_NAME] ?
	    it->v[I_NAME] : "(no name)");
	if (it->v[I_COMPANY])
		crm_buf_addf(b, ", %s", it->v[I_COMPANY]);
	if (it->v[I_PHONE])
		crm_buf_addf(b, "\nPhone: %s", it->v[I_PHONE]);
	if (it->v[I_EMAIL])
		crm_buf_addf(b, "\nE-mail: %s", it->v[I_EMAIL]);
	crm_buf_addf(b, "\nCustomer %s, %s %s", it->v[I_CUSTOMER],
	    it->v[I_SOURCE], it->v[I_ID]);
}

static void
ics_todo(struct crm_db *db, struct crm_buf *cal, const struct item *it,
    const char *stamp)
{
	struct crm_buf b = { 0 };
	char t[17], *rule, *p;
	int recurs, day, month;

	crm_fold_line(cal, "BEGIN:VTODO");
	/*
	 * Stable: the same item has the same UID in every export.  A rule's
	 * or a deal's item comes back in every cycle (the next call due,
	 * the deal quiet again): its due time is part of its UID, so that a
	 * calendar that keeps the last cycle's completed task shows the new.
	 */
	crm_buf_addf(&b, "UID:%s", it->v[I_ID]);
	if (strcmp(it->v[I_SOURCE], "rule") == 0 || strcmp(it->v[I_SOURCE],
	    "deal") == 0) {
		ics_time(t, it->v[I_DUE]);
		crm_buf_addf(&b, ":%s", t);
	}
	crm_buf_adds(&b, "@crm");
	for (p = b.s; *p; p++)
		if (*p == ':' && p > b.s + 3)
			*p = '-';
	crm_fold_line(cal, b.s);
	crm_buf_reset(&b);
	crm_buf_addf(&b, "DTSTAMP:%s", stamp);
	crm_fold_line(cal, b.s);
	recurs = it->v[I_EVERY] && strcmp(it->v[I_SOURCE], "reminder") == 0;
	if (recurs)
		ics_local(t, it->v[I_DUE]);	/* DUE as DTSTART is */
	else
		ics_time(t, it->v[I_DUE]);
	crm_buf_reset(&b);
	crm_buf_addf(&b, "DUE:%s", t);
	crm_fold_line(cal, b.s);
	crm_buf_reset(&b);
	crm_buf_addf(&b, "%s: %s", it->v[I_NAME] && *it->v[I_NAME] ?
	    it->v[I_NAME] : it->v[I_EMAIL] ? it->v[I_EMAIL] : "customer",
	    it->v[I_NOTE] ? it->v[I_NOTE] : "");
	ics_prop(cal, "SUMMARY", b.s);
	crm_buf_reset(&b);
	describe(&b, it);
	ics_prop(cal, "DESCRIPTION", b.s);
	if (recurs) {
		/* RRULE counts from DTSTART: the reminder's due date. */
		crm_buf_reset(&b);
		crm_buf_addf(&b, "DTSTART:%s", t);
		crm_fold_line(cal, b.s);
		series_day(db, it, &day, &month);
		rule = rrule(it->v[I_EVERY], day, month);
		crm_buf_reset(&b);
		crm_buf_addf(&b, "RRULE:%s", rule);
		crm_fold_line(cal, b.s);
		free(rule);
	}
	crm_fold_line(cal, "STATUS:NEEDS-ACTION");
	crm_fold_line(cal, "END:VTODO");
	crm_buf_free(&b);
}

/*
 * Every item as a VTODO; nothing at all when nothing is due.  0, or -1
 * when reading the list or writing failed.
 */
int
crm_remind_ics(FILE *fp, struct crm_db *db, struct crm_stmt *st,
    struct crm_told *told)
{
	struct crm_buf cal = { 0 };
	struct item *items;
	size_t n, i;
	char stamp[17];
	int r;

	if (read_items(st, &items, &n) < 0)
		return -1;
	if (n > 0) {
		ics_time(stamp, crm_now_str());
		crm_fold_line(&cal, "BEGIN:VCALENDAR");
		crm_fold_line(&cal, "VERSION:2.0");
		crm_fold_line(&cal, "PRODID:-//crm//crm-remind " CRM_VERSION
		    "//EN");
		for (i = 0; i < n; i++)
			ics_todo(db, &cal, &items[i], stamp);
		crm_fold_line(&cal, "END:VCALENDAR");
	}
	if (crm_db_failed(db))
		r = -1;		/* a series' first date unread */
	else if ((r = put(fp, &cal)) == 0)
		tell(told, items, n);
	crm_buf_free(&cal);
	free_items(items, n);
	return r;
}

/* A body line beginning "From " would start a new message in an mbox. */
void
crm_mbox_line(struct crm_buf *b, const char *line)
{
	const char *p = line;

	while (*p == '>')
		p++;
	if (strncmp(p, "From ", 5) == 0)
		crm_buf_addc(b, '>');
	crm_buf_adds(b, line);
	crm_buf_addc(b, '\n');
}

/* Text for one line of a header or body: no control characters. */
static void
flat(struct crm_buf *b, const char *s)
{
	for (; s && *s; s++)
		crm_buf_addc(b, (unsigned char)*s < ' ' ? ' ' : *s);
}

/*
 * A long line broken at spaces near 76 columns, for a phone's screen;
 * a word longer than that is cut at 76 octets (between characters), so
 * no line comes near RFC 5322's 998.
 */
static void
wrapped(struct crm_buf *body, const char *s)
{
	struct crm_buf line = { 0 };
	size_t n, cut;

	while (strlen(s) > 76) {
		for (cut = 76; cut > 0 && s[cut] != ' '; cut--)
			;
		if (cut == 0)
			for (cut = 76; cut > 1 &&
			    ((unsigned char)s[cut] & 0xc0) == 0x80; cut--)
				;
		crm_buf_reset(&line);
		crm_buf_add(&line, s, cut);
		crm_mbox_line(body, line.s);
		s += cut;
		while (*s == ' ')
			s++;
	}
	n = strlen(s);
	crm_buf_reset(&line);
	crm_buf_add(&line, s, n);
	crm_mbox_line(body, crm_buf_str(&line));
	crm_buf_free(&line);
}

static void
mail_body(struct crm_buf *body, const struct item *it)
{
	struct crm_buf line = { 0 };

	crm_buf_adds(&line, it->v[I_DUE]);
	line.len = 10, line.s[10] = '\0';	/* the date is enough */
	if (atoi(it->v[I_OVERDUE]) > 0)
		crm_buf_addf(&line, ", %s day%s overdue", it->v[I_OVERDUE],
		    atoi(it->v[I_OVERDUE]) == 1 ? "" : "s");
	crm_buf_addf(&line, "  [%s %s]", it->v[I_SOURCE], it->v[I_ID]);
	crm_mbox_line(body, line.s);
	crm_buf_reset(&line);
	flat(&line, it->v[I_NOTE]);
	wrapped(body, line.s);
	crm_buf_reset(&line);
	flat(&line, it->v[I_NAME] && *it->v[I_NAME] ? it->v[I_NAME] :
	    "(no name)");
	if (it->v[I_COMPANY]) {
		crm_buf_adds(&line, ", ");
		flat(&line, it->v[I_COMPANY]);
	}
	crm_mbox_line(body, line.s);
	crm_buf_reset(&line);
	if (it->v[I_PHONE]) {
		crm_buf_adds(&line, "Phone: ");
		flat(&line, it->v[I_PHONE]);
		crm_mbox_line(body, line.s);
		crm_buf_reset(&line);
	}
	if (it->v[I_EMAIL]) {
		crm_buf_adds(&line, "E-mail: ");
		flat(&line, it->v[I_EMAIL]);
		crm_mbox_line(body, line.s);
	}
	crm_mbox_line(body, "");
	crm_buf_free(&line);
}

/*
 * A header value that is not plain ASCII goes out as RFC 2047 base64:
 * encoded words of 39 octets at most (64 columns, the limit is 75), cut
 * between characters, one a line after the first, so that no header
 * line passes 76 columns.
 */
static void
header_value(struct crm_buf *b, const char *s)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p;
	size_t n = strlen(s), i, at, end;
	unsigned v;

	for (p = (const unsigned char *)s; *p && *p >= ' ' && *p < 0x7f; p++)
		;
	if (*p == '\0') {
		crm_buf_adds(b, s);
		return;
	}
	p = (const unsigned char *)s;
	for (at = 0; at < n; at = end) {
		end = at + 39 < n ? at + 39 : n;
		while (end < n && end > at + 1 && (p[end] & 0xc0) == 0x80)
			end--;	/* back to the start of a character */
		crm_buf_adds(b, at ? "\n =?UTF-8?B?" : "=?UTF-8?B?");
		for (i = at; i < end; i += 3) {
			v = (unsigned)p[i] << 16 | (i + 1 < end ?
			    (unsigned)p[i + 1] << 8 : 0) | (i + 2 < end ?
			    p[i + 2] : 0);
			crm_buf_addc(b, b64[v >> 18 & 63]);
			crm_buf_addc(b, b64[v >> 12 & 63]);
			crm_buf_addc(b, i + 1 < end ? b64[v >> 6 & 63] : '=');
			crm_buf_addc(b, i + 2 < end ? b64[v & 63] : '=');
		}
		crm_buf_adds(b, "?=");
	}
}

/* Does this look like an address a mail system would take? */
static int
is_address(const char *s)
{
	return s && crm_email_valid(s);
}

/* One message for owner's n items, written to fp: 0, or -1. */
static int
message(FILE *fp, const char *to, const char *owner, const struct item *it,
    size_t n, int mbox)
{
	struct crm_buf h = { 0 }, body = { 0 };
	char date[64], host[256] = "localhost";
	time_t now = crm_now();
	size_t i, overdue = 0;
	struct tm tm;
	int r;

	for (i = 0; i < n; i++) {
		overdue += atoi(it[i].v[I_OVERDUE]) > 0;
		mail_body(&body, &it[i]);
	}
	gethostname(host, sizeof host - 1);
	gmtime_r(&now, &tm);
	if (mbox) {
		strftime(date, sizeof date, "%a %b %e %H:%M:%S %Y", &tm);
		crm_buf_addf(&h, "From crm@%s %s\n", host, date);
	}
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	crm_buf_addf(&h, "Date: %s\nFrom: crm <crm@%s>\nTo: %s\n", date, host,
	    to);
	crm_buf_addf(&h, "Subject: crm: %zu follow-up%s due", n,
	    n == 1 ? "" : "s");
	if (overdue)
		crm_buf_addf(&h, ", %zu overdue", overdue);
	crm_buf_adds(&h, " for ");
	header_value(&h, owner ? owner : "nobody");
	crm_buf_adds(&h, "\nMIME-Version: 1.0\nContent-Type: text/plain; "
	    "charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n");
	crm_buf_adds(&h, body.s);
	if (mbox)
		crm_buf_addc(&h, '\n');
	r = put(fp, &h);
	crm_buf_free(&h);
	crm_buf_free(&body);
	return r;
}

static int
by_owner(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->v[I_OWNER] ? x->v[I_OWNER] : "",
	    y->v[I_OWNER] ? y->v[I_OWNER] : "");

	return c ? c : strcmp(x->v[I_DUE], y->v[I_DUE]);
}

/*
 * Where owner's mail goes: the owner when it is an address, else the
 * address stored for it (crm-remind owner NAME ADDRESS), else
 * owner@domain with a mail domain, else the fallback (the program's --to
 * or $CRM_MAIL_TO); NULL for nowhere.  Allocated.
 */
static char *
owner_address(struct crm_db *db, const char *owner, const char *domain,
    const char *fallback)
{
	char *to = NULL, *key;

	if (is_address(owner))
		return crm_xstrdup(owner);
	if (owner && *owner) {
		key = crm_xasprintf("mail:%s", owner);
		to = crm_setting(db, key);
		free(key);
	}
	if (to == NULL && owner && *owner && domain && *domain &&
	    !strchr(owner, '@')) {
		to = crm_xasprintf("%s@%s", owner, domain);
		if (!is_address(to)) {
			free(to);
			to = NULL;
		}
	}
	if (to == NULL && fallback && *fallback)
		to = crm_xstrdup(fallback);
	return to;
}

/*
 * One message per owner, to owner_address().  single: one message without
 * the mbox "From " line, for sendmail -t.  Nothing at all when nothing is
 * due.  The owners no address is found for do not stop the others' mail:
 * a warning names them and their items, and the result is 1 ("partly
 * delivered").  0 when every item went out, -1 when reading the list or
 * writing failed (the messages before it were written).
 */
int
crm_remind_mail(FILE *fp, struct crm_db *db, struct crm_stmt *st,
    const char *fallback, const char *domain, int single,
    struct crm_told *told)
{
	struct crm_buf lost = { 0 };
	size_t n, i, j, nlost = 0;
	struct item *items;
	const char *owner;
	char *to;
	int r = 0;

	if (read_items(st, &items, &n) < 0)
		return -1;
	if (n > 1)
		qsort(items, n, sizeof *items, by_owner);
	for (i = 0; r == 0 && i < n; i = j) {
		owner = items[i].v[I_OWNER];
		for (j = i + 1; j < n && strcmp(items[j].v[I_OWNER] ?
		    items[j].v[I_OWNER] : "", owner ? owner : "") == 0; j++)
			;
		if ((to = owner_address(db, owner, domain, fallback)) != NULL) {
			r = message(fp, to, owner, &items[i], j - i, !single);
			if (r == 0)
				tell(told, &items[i], j - i);
			free(to);
		} else if (!crm_db_failed(db)) {
			crm_buf_addf(&lost, "%s%s", lost.len ? ", " : "",
			    owner && *owner ? owner : "(no owner)");
			nlost += j - i;
		} else {
			r = -1;
		}
	}
	if (r == 0 && nlost) {
		crm_warn("no mail address for %s: %zu item%s not sent (map an "
		    "owner with crm-remind owner NAME ADDRESS, set "
		    "CRM_MAIL_DOMAIN, or give {to})", lost.s, nlost,
		    nlost == 1 ? "" : "s");
		r = 1;
	}
	crm_buf_free(&lost);
	free_items(items, n);
	return r;
}

/*
 * Quoted-printable (RFC 2045): lines of at most 76 columns however wide
 * the table or the page, every byte beyond ASCII and '=' escaped, and
 * spaces before a line's end.  A line that begins with '.' (alone, the
 * end of the message to a sendmail without -oi) or "From " (an mbox's
 * next message) has its first byte escaped too.
 */
static int
qp_escape(const unsigned char *p, size_t col)
{
	int c = *p;

	if (c == '=' || c > '~' || (c < ' ' && c != '\t'))
		return 1;
	if ((c == ' ' || c == '\t') && (p[1] == '\n' || p[1] == '\0' ||
	    (p[1] == '\r' && p[2] == '\n')))
		return 1;
	return col == 0 && (c == '.' ||
	    strncmp((const char *)p, "From ", 5) == 0);
}

static void
qp(struct crm_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t col = 0, len;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n') {
			crm_buf_addc(b, '\n');
			col = 0;
			continue;
		}
		len = qp_escape(p, col) ? 3 : 1;
		/* Room for the soft break's '=' unless the line ends here. */
		if (col + len > (p[1] == '\n' || p[1] == '\0' ? 76 : 75)) {
			crm_buf_adds(b, "=\n");
			col = 0;
			len = qp_escape(p, col) ? 3 : 1;
		}
		if (len == 3) {
			crm_buf_addc(b, '=');
			crm_buf_addc(b, hex[*p >> 4]);
			crm_buf_addc(b, hex[*p & 15]);
		} else {
			crm_buf_addc(b, (char)*p);
		}
		col += len;
	}
	if (col > 0)
		crm_buf_addc(b, '\n');
}

/* "=_" never occurs in quoted-printable text: a boundary that cannot
 * be in the parts. */
#define BOUNDARY "=_crm-report"

static void
part(struct crm_buf *b, const char *type, const char *body)
{
	crm_buf_addf(b, "--" BOUNDARY "\nContent-Type: %s; charset=utf-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n", type);
	qp(b, body);
	crm_buf_addc(b, '\n');	/* the boundary's own: the body keeps its end */
}

/*
 * One message for sendmail -t to "to" (addresses, checked by the
 * caller): the report's text and its page, as multipart/alternative
 * (RFC 2046), so that a mail program shows the page and a terminal one
 * the text.  From is from (flattened to one line), or the user at this
 * host.  0, or -1 when writing failed.
 */
int
crm_mail_alt(FILE *fp, const char *to, const char *from,
    const char *subject, const char *text, const char *html)
{
	struct crm_buf b = { 0 };
	char date[64], host[256] = "localhost";
	time_t now = crm_now();
	struct tm tm;
	int r;

	gethostname(host, sizeof host - 1);
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	crm_buf_adds(&b, "To: ");
	flat(&b, to);
	crm_buf_adds(&b, "\nFrom: ");
	if (from && *from)
		flat(&b, from);
	else if (strchr(crm_actor(), '@'))
		flat(&b, crm_actor());
	else
		crm_buf_addf(&b, "%s@%s", crm_actor(), host);
	crm_buf_adds(&b, "\nSubject: ");
	header_value(&b, subject);
	crm_buf_addf(&b, "\nDate: %s\nMIME-Version: 1.0\nContent-Type: "
	    "multipart/alternative; boundary=\"" BOUNDARY "\"\n\n", date);
	part(&b, "text/plain", text);
	part(&b, "text/html", html);
	crm_buf_adds(&b, "--" BOUNDARY "--\n");
	r = put(fp, &b);
	crm_buf_free(&b);
	return r;
}
