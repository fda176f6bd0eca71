/*
 * hint.c - what to say about a value crm could not read: the way out
 * that fits the value as written, not a list of every form.  A date
 * like 05.03.2021 gets the --date-format that reads it (03/05/2021 the
 * two it may be), an amount the forms the options in force read (not
 * --decimal-comma again when it was given), an e-mail cell holding two
 * addresses says so.  Each returns a static buffer, valid until the
 * next call; option names come from crm_optname, as a row's reason is
 * a value and not a format.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

/*
 * Is v's number a 0 and one group of thousands ("0,250"; "0.250" with
 * --decimal-comma), which no amount is?  Its first digit, else NULL.
 */
static const char *
zero_grouped(const char *v)
{
	char group = crm_decimal_comma() ? '.' : ',';
	const char *p = strpbrk(v, "0123456789");

	if (p == NULL || p[0] != '0' || p[1] != group ||
	    strspn(p + 2, "0123456789") != 3 || (p[5] && strchr(",.", p[5])))
		return NULL;
	return p;
}

/*
 * Does the number in v, [first, last) (its first digit to its last),
 * read as an amount with the options in force?  "12,5" does not, and
 * the word beside it ("kr", "PCS") is not the first thing wrong.
 */
static int
number_reads(const char *first, const char *last)
{
	char num[64];
	long long minor;

	if ((size_t)(last - first) >= sizeof num)
		return 0;
	snprintf(num, sizeof num, "%.*s", (int)(last - first), first);
	return crm_parse_money(num, &minor) == 0;
}

/*
 * With no --decimal-comma in force, v with a ',' in its number that
 * only that option reads ("12,5", "1.234,5", "12,5 kr" as the crown it
 * is in a crown's database): what its number reads as then, in msg; 0
 * when v is not one.  "1.234" is not: it may be three decimals as well
 * as a German thousand, so the option is not offered as its reading.
 */
static int
comma_decimals(const char *v, char *msg, size_t size)
{
	const char *first = strpbrk(v, "0123456789"), *last, *codes;
	char code[4], *as = NULL, buf[32];
	long long minor;
	int r;

	if (crm_decimal_comma() || first == NULL)
		return 0;
	for (last = v + strlen(v); !isdigit((unsigned char)last[-1]); last--)
		;
	if (!memchr(first, ',', (size_t)(last - first)) ||
	    number_reads(first, last))
		return 0;
	if ((codes = crm_money_word_codes(v)) != NULL) {
		snprintf(code, sizeof code, "%s", codes + 1);
		as = crm_money_word(v, code);	/* "12,5 kr": "12,5 SEK" */
	}
	crm_set_decimal_comma(1);
	r = crm_parse_money(as ? as : v, &minor);
	crm_set_decimal_comma(0);
	free(as);
	if (r < 0)
		return 0;
	snprintf(msg, size, "',' is no decimal mark without %s, which reads "
	    "%.*s as %s", crm_optname("decimal-comma"), (int)(last - first),
	    first, crm_fmt_money(minor < 0 ? -minor : minor, buf));
	return 1;
}

/*
 * Could --decimal-comma be what v needs: a ',' in it, or a '.' before
 * three digits (1.299, 1.299.50, as a German sheet groups thousands)?
 * Not "33.3333" or "1e3", which it reads no better.
 */
static int
comma_could(const char *v)
{
	const char *p;

	if (strchr(v, ','))
		return 1;
	for (p = strchr(v, '.'); p; p = strchr(p + 1, '.'))
		if (strspn(p + 1, "0123456789") == 3)
			return 1;
	return 0;
}

/* Has v's number more than n digits after its last '.' ("33.3333")? */
static int
decimals_past(const char *v, size_t n)
{
	const char *dot = strrchr(v, '.');

	return dot && strspn(dot + 1, "0123456789") > n;
}

/*
 * The hint for v, an amount crm_money_either reads two ways ("1.500"),
 * into msg: what shows its reading (crm_money_column's shows, at line's
 * val; -1 for nothing, column 0 for no column at all), and the ways
 * out: the option that groups, or v written with two decimals or
 * grouped as the options in force read it (3,000 or 3.00).
 */
static const char *
either_hint(const char *v, int column, int shows, long line,
    const char *val)
{
	static char msg[400];
	char mark = crm_decimal_comma() ? ',' : '.', group = mark == '.' ?
	    ',' : '.', buf[32], grouped[32], *p;
	const char *first = strpbrk(v, "0123456789");
	long long g, d;
	size_t n = strspn(first, "0123456789.,");

	crm_money_either(v, &g, &d);
	snprintf(grouped, sizeof grouped, "%.*s", (int)n, first);
	if ((p = strchr(grouped, mark)) != NULL)
		*p = group;	/* 3.000: 3,000 */
	crm_fmt_money(d, buf);
	if ((p = strchr(buf, '.')) != NULL)
		*p = mark;	/* 12,00 with --decimal-comma */
	if (shows == M_OTHER)
		snprintf(msg, sizeof msg, "'%c' groups thousands in this "
		    "column, as line %ld's '%s' shows: %s %s (%s)", mark, line,
		    val, crm_decimal_comma() ? "leave out" : "say",
		    crm_optname("decimal-comma"), crm_fmt_money(g, grouped));
	else if (shows == M_TWO)
		snprintf(msg, sizeof msg, "'%c' before three digits groups "
		    "thousands as often as it marks decimals, and the column's "
		    "other amounts have two decimals at most (line %ld's '%s'): "
		    "write %s for thousands, or %s", mark, line, val, grouped,
		    buf);
	else
		snprintf(msg, sizeof msg, "'%c' before three digits groups "
		    "thousands as often as it marks decimals%s: %s%s%s it groups "
		    "them (%s)%s write %s", mark, column ? ", and no other "
		    "amount of the column tells which" : "",
		    crm_decimal_comma() ? "without " : "say ",
		    crm_optname("decimal-comma"), crm_decimal_comma() ? "" :
		    " if", crm_fmt_money(g, grouped),
		    crm_decimal_comma() ? "; if it marks them," : ", or if it "
		    "marks them", buf);
	return msg;
}

/*
 * crm_money_hint of an amount in column col of the file rd reads: one
 * read two ways ("1.500") is told what the column's other cells show of
 * it (crm_money_column).
 */
const char *
crm_money_hint_column(const char *v, struct crm_rd *rd, size_t col)
{
	long long g, d;
	long line = 0;
	const char *val = NULL;
	int shows;

	if (rd == NULL || !crm_money_either(v, &g, &d))
		return crm_money_hint(v);
	shows = crm_money_column(rd, col, &line, &val);
	return either_hint(v, 1, shows, line, val);
}

/*
 * The amount forms read now: the inside of "not an amount (...)", for
 * v as written: "0,250" is told the two it may mean (250, not "250"
 * as its group wrote it with a 0 before: "0,050" is 50; "0,000" is 0
 * either way), "12,5" what --decimal-comma reads it as, and, with no
 * --decimal-comma in force, that option, the likely way out for a file
 * whose ',' is its decimal mark.
 */
const char *
crm_money_hint(const char *v)
{
	static char msg[300];
	char mark = crm_decimal_comma() ? ',' : '.';
	const char *p = zero_grouped(v), *whole;
	long long g, d;
	int n;

	if (p && strncmp(p + 2, "000", 3) == 0) {
		snprintf(msg, sizeof msg, "a 0 before '%c' groups no "
		    "thousands: write 0", p[1]);
		return msg;
	}
	if (p) {
		whole = p + 2 + strspn(p + 2, "0");	/* "050": 50 */
		if (p[4] == '0')	/* 0,250: 0.25 or 250 */
			n = snprintf(msg, sizeof msg, "a 0 before '%c' groups "
			    "no thousands: write 0%c%.2s for a fraction of "
			    "one, or %.*s", p[1], mark, p + 2,
			    (int)(p + 5 - whole), whole);
		else		/* 0,255: three decimals, or 255 */
			n = snprintf(msg, sizeof msg, "a 0 before '%c' groups "
			    "no thousands: write %.*s, or the amount to the "
			    "cent", p[1], (int)(p + 5 - whole), whole);
		if (!crm_decimal_comma() && n > 0 && (size_t)n < sizeof msg)
			snprintf(msg + n, sizeof msg - (size_t)n, "; if ',' "
			    "marks the decimals, say %s",
			    crm_optname("decimal-comma"));
		return msg;
	}
	if (comma_decimals(v, msg, sizeof msg))
		return msg;
	if (crm_money_either(v, &g, &d))	/* "1.500": 1500 or 1.5 */
		return either_hint(v, 0, -1, 0, NULL);
	if (crm_money_digits() == 0)	/* a yen is not split */
		snprintf(msg, sizeof msg, "e.g. 1299, 1,299 or 1 299: this "
		    "database's currency has no minor unit, its amounts are "
		    "whole");
	else if (crm_decimal_comma())
		snprintf(msg, sizeof msg, "e.g. 1299,50, 1.299,50 or 1 299,50 "
		    "EUR, as %s reads them; at most two decimals",
		    crm_optname("decimal-comma"));
	else if (comma_could(v))
		snprintf(msg, sizeof msg, CRM_MONEY_HINT "; for 1.299,50 say "
		    "%s", crm_optname("decimal-comma"));
	else if (decimals_past(v, 2))	/* "33.3333": a computed price */
		snprintf(msg, sizeof msg, CRM_MONEY_HINT ": round it to the "
		    "cent");
	else
		snprintf(msg, sizeof msg, CRM_MONEY_HINT);
	return msg;
}

/* Past the spaces (and no-break spaces) and the chars of strip at s. */
static const char *
skip_blank(const char *s, const char *end, const char *strip)
{
	for (;;) {
		if (s < end && *s && strchr(strip, *s))
			s++;
		else if (end - s >= 2 && strncmp(s, "\xc2\xa0", 2) == 0)
			s += 2;
		else if (end - s >= 3 && strncmp(s, "\xe2\x80\xaf", 3) == 0)
			s += 3;
		else
			return s;
	}
}

/* [s, end) less the blanks and the chars of strip at its end. */
static const char *
blank_end(const char *s, const char *end, const char *strip)
{
	for (;;) {
		if (end > s && strchr(strip, end[-1]))
			end--;
		else if (end - s >= 2 && strncmp(end - 2, "\xc2\xa0", 2) == 0)
			end -= 2;
		else if (end - s >= 3 && strncmp(end - 3, "\xe2\x80\xaf", 3) == 0)
			end -= 3;
		else
			return end;
	}
}

/*
 * Is the word [w, we) plain letters written against the number
 * [first, last) with nothing between (a typed O for a 0)?
 */
static int
glued_letters(const char *w, const char *we, const char *first,
    const char *last)
{
	const char *p;

	if (we != first && w != last)
		return 0;
	for (p = w; p < we; p++)
		if (!isalpha((unsigned char)*p))
			return 0;
	return 1;
}

/*
 * CR or DR (Cr., dr) beside an amount: a credit or a debit, whose sign
 * depends on whose books the file is from (a bank's statement says CR
 * for money paid in; a ledger of what a customer owes, for money owed
 * back to her), so never read as one.
 */
static int
credit_debit(const char *w)
{
	return (strncasecmp(w, "cr", 2) == 0 || strncasecmp(w, "dr", 2) ==
	    0) && (w[2] == '\0' || strcmp(w + 2, ".") == 0);
}

/* The local words several currencies write alike ("kr", "Rs."): whose
 * they are, and the codes to write instead. */
static const struct local_word {
	const char *word, *whose, *codes;
} local_words[] = {
	{ "kr", "Swedish, Norwegian, Danish and Icelandic crown's",
	    "SEK, NOK, DKK or ISK" },
	{ "rs", "Indian, Pakistani, Sri Lankan and Nepalese rupee's",
	    "INR, PKR, LKR or NPR" },
};

/* word's row of local_words, in any case and with or without its dot. */
static const struct local_word *
local_word(const char *word)
{
	size_t i;

	for (i = 0; i < sizeof local_words / sizeof local_words[0]; i++)
		if (strncasecmp(word, local_words[i].word, 2) == 0 &&
		    (word[2] == '\0' || strcmp(word + 2, ".") == 0))
			return &local_words[i];
	return NULL;
}

/*
 * The word written beside an amount that crm takes for no currency
 * ("kr", "PCS", "sek"), when the number itself reads with the options
 * in force: a message naming it and what to write instead; NULL when
 * the number is what is wrong.  "12,5 kr" is the number's fault first:
 * in a crown's database kr is read (crm_money_word) and only the
 * number is wrong, and anywhere the code the message offers ("12,5
 * SEK") would be refused as well.
 */
const char *
crm_money_sign_refusal(const char *v)
{
	static char msg[400];
	char word[24], num[64], probe[32];
	const char *first, *last, *w, *we, *code, *codes;
	const struct local_word *local;
	size_t n;

	first = strpbrk(v, "0123456789");
	if (first == NULL)
		return NULL;
	for (last = v + strlen(v); !isdigit((unsigned char)last[-1]); last--)
		;
	w = skip_blank(v, first, " (-+");
	we = blank_end(w, first, " -+");
	if (w == we) {
		w = skip_blank(last, last + strlen(last), " -");
		we = blank_end(w, w + strlen(w), " )");
	}
	n = (size_t)(we - w);
	if (n == 1 && *w == '%') {	/* a sheet's percent cell: no sign */
		snprintf(msg, sizeof msg, "'%.40s' is a percentage, not an "
		    "amount: a rate or a share, no sum of money", v);
		return msg;
	}
	if (glued_letters(w, we, first, last))
		return NULL;	/* "12,5O", "5x": a slip, not a sign */
	if (strspn(w, ",.'\xe2\x80\x99-") >= n)
		return NULL;	/* "1’", "1 ,", "1 2,-": a stray mark, no sign */
	if (memchr(w, '(', n) || memchr(w, ')', n))
		return NULL;	/* "$(12": a parenthesis unclosed, no sign */
	if (n == 0 || n >= sizeof word || (size_t)(last - first) >= sizeof num)
		return NULL;
	memcpy(word, w, n);
	word[n] = '\0';
	snprintf(num, sizeof num, "%.*s", (int)(last - first), first);
	if (!number_reads(first, last))
		return NULL;	/* the number is wrong, maybe the word too */
	snprintf(probe, sizeof probe, "1 %s", word);
	if (crm_is_amount(probe))
		return NULL;	/* a sign crm reads: the number is wrong */
	snprintf(probe, sizeof probe, "%s 1", word);
	if (crm_is_amount(probe))
		return NULL;
	if (credit_debit(word))
		snprintf(msg, sizeof msg, "'%s' marks a credit or a debit, "
		    "not a currency: which is money in depends on whose books "
		    "the file is from (a bank statement's CR is money paid in, "
		    "a customer ledger's money owed back to her), and crm does "
		    "not guess; write a sale's amount alone, and money back "
		    "with a minus (-%s) or as a return in a kind column",
		    word, num);
	else if ((local = local_word(word)) != NULL)
		snprintf(msg, sizeof msg, "'%s' is not a currency sign crm "
		    "reads: it is the %s alike, and crm does not guess which; "
		    "write the code instead (%s %s), or the amount alone and "
		    "the currency in an import's Currency column", word,
		    local->whose, num, local->codes);
	else if (strcmp(word, "\xe2\x88\x92") == 0)	/* "\xe2\x88\x92 5" */
		snprintf(msg, sizeof msg, "'%s' (U+2212, a typeset minus) is "
		    "a minus only once and next to the number: write -%s",
		    word, num);
	else	/* a word crm knows is told its own code ("12 US$": USD) */
		snprintf(msg, sizeof msg, "'%s' is not a currency sign crm "
		    "reads: write the currency's ISO 4217 code in capitals "
		    "instead (%s %s), or the amount alone", word, num,
		    (code = crm_money_cell(word, NULL, &codes)) &&
		    crm_money_sign_codes(code) == NULL ? code : "SEK");
	return msg;
}

/* n digits at *s (n 1 to max), moved past; the number, or -1. */
static int
digits(const char **s, int max)
{
	int n = 0, v = 0;

	while (isdigit((unsigned char)**s) && n < max)
		v = v * 10 + *(*s)++ - '0', n++;
	return n ? v : -1;
}

/* Is s " AM" or " PM", in any case, as Excel's h:mm AM/PM ends? */
static int
am_pm(const char *s)
{
	return *s == ' ' && s[1] != '\0' && strchr("AaPp", s[1]) &&
	    (s[2] == 'M' || s[2] == 'm') && s[3] == '\0';
}

/*
 * The time after a date as %H:%M or %H:%M:%S (" 14:22", " 14:22:05"),
 * or with AM or PM (" 2:05 PM", Excel's default for a date and time in
 * en-US), "" for none, NULL for anything else.
 */
static const char *
clock_format(const char *s)
{
	if (*s == '\0')
		return "";
	if (*s++ != ' ' || digits(&s, 2) < 0 || *s++ != ':' ||
	    digits(&s, 2) < 0)
		return NULL;
	if (*s == '\0' || am_pm(s))
		return *s ? " %I:%M %p" : " %H:%M";
	if (*s++ != ':' || digits(&s, 2) < 0 || (*s != '\0' && !am_pm(s)))
		return NULL;
	return *s ? " %I:%M:%S %p" : " %H:%M:%S";
}

/*
 * Excel's default d-mmm-yy ("3-Dec-26", "03-Dec-2026 14:05"): the
 * --date-format that reads s, checked, or NULL.
 */
static const char *
month_named(const char *v)
{
	static char fmt[40];
	const char *s = v, *clock, *y;
	time_t t;
	size_t n;

	if (digits(&s, 2) < 0 || *s++ != '-' || (n = strspn(s,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) < 3 ||
	    s[n] != '-')
		return NULL;
	y = s += n + 1;
	if (digits(&s, 4) < 0 || (s - y != 2 && s - y != 4) ||
	    (clock = clock_format(s)) == NULL)
		return NULL;
	snprintf(fmt, sizeof fmt, "%%d-%%b-%%%s%s", s - y == 4 ? "Y" : "y",
	    clock);
	return crm_parse_when_as(v, fmt, &t) == 0 ? fmt : NULL;
}

/*
 * What an Excel day number (45123, 45123.5: a date cell formatted as a
 * number, or an .xlsx turned to CSV by a script) is, in msg: the date
 * it is in Excel's 1900 date system and in its 1904 one (Excel for Mac's
 * before 2011), which the file does not say, so it is not read.  0 when
 * v is not five digits.
 */
static int
excel_day(const char *v, char *msg, size_t size)
{
	const char *s = v;
	char d1900[CRM_TIME_LEN], d1904[CRM_TIME_LEN];
	long n;

	while (isdigit((unsigned char)*s))
		s++;
	if (s - v != 5 || (*s == '.' && (s++, !isdigit((unsigned char)*s))))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s != '\0')
		return 0;
	n = strtol(v, NULL, 10) - 25569;	/* days from 1899-12-30 to 1970 */
	crm_fmt_time((time_t)n * 86400, d1900);
	crm_fmt_time((time_t)(n + 1462) * 86400, d1904);
	d1900[10] = d1904[10] = '\0';
	snprintf(msg, size, "an Excel day number? %.*s is %s in Excel's 1900 "
	    "date system, %s in its 1904 one: format the column as a date "
	    "and export again", (int)(s - v), v, d1900, d1904);
	return 1;
}

/*
 * The --date-format given with its %Y as %y, into buf, when that reads
 * v (1/2/25 under %m/%d/%Y: the year has two digits); NULL when not.
 */
static const char *
short_year(const char *v, char *buf, size_t cap)
{
	const char *fmt = crm_date_format(), *p;
	time_t t;
	int r;

	if (fmt == NULL || (p = strstr(fmt, "%Y")) == NULL ||
	    strlen(fmt) >= cap)
		return NULL;
	snprintf(buf, cap, "%s", fmt);
	buf[p - fmt + 1] = 'y';
	crm_set_date_format(buf);
	r = crm_parse_when(v, &t);
	crm_set_date_format(fmt);
	return r == 0 ? buf : NULL;
}

/*
 * The inside of "not a date (...)" for value v: ISO 8601 and the
 * option, and when v is day.month.year or a slashed date, the format
 * that reads it.  Not when a --date-format was given: it is the one
 * that failed, and the general hint says what else there is.
 */
const char *
crm_date_hint(const char *v)
{
	static char msg[360];
	char fmt[64];
	const char *s = v ? v + strspn(v, " ") : "", *opt, *clock, *y;
	int a, b, sep, year;
	size_t n;

	if (excel_day(s, msg, sizeof msg) ||
	    crm_weekday_clash(s, msg, sizeof msg))
		return msg;
	opt = crm_optname("date-format");
	snprintf(msg, sizeof msg, CRM_DATE_HINT, opt);
	if ((y = crm_date_format_for(s)) != NULL) {
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; a "
		    "day's or month's name: say %s '%s'", opt, y);
		return msg;
	}
	if ((y = short_year(s, fmt, sizeof fmt)) != NULL) {
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; the "
		    "year has two digits (%%y), not four (%%Y): say %s '%s'",
		    opt, y);
		return msg;
	}
	if (crm_date_format() && strstr(crm_date_format(), "%s") &&
	    s[strspn(s, "0123456789")] == '\0')
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; %%s "
		    "reads seconds since 1970, and %.20s of them is no date of "
		    "a customer's%s", s, strlen(s) > 11 ? ": milliseconds? "
		    "divide by 1000" : "");
	n = strspn(s, "0123456789");
	if (crm_date_format() == NULL && s[n] == '\0' && *s != '0' &&
	    (n == 9 || n == 10 || n == 13)) {	/* an API's times */
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; %s "
		    "since 1970? say %s %%s%s", n == 13 ? "milliseconds" :
		    "seconds", opt, n == 13 ? ", the last three digits "
		    "dropped" : "");
		return msg;
	}
	if (crm_date_format() == NULL && (clock = month_named(s)) != NULL) {
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; day, "
		    "month's name, year: say %s '%s'", opt, clock);
		return msg;
	}
	if (crm_date_format() != NULL || (a = digits(&s, 2)) < 0 ||
	    (sep = *s) == '\0' || !strchr("./", sep) || (s++,
	    b = digits(&s, 2)) < 0 || *s++ != sep)
		return msg;
	y = s;
	if ((year = digits(&s, 4)) < 0 || (s - y != 2 && s - y != 4) ||
	    (clock = clock_format(s)) == NULL)
		return msg;
	y = s - y == 4 ? "Y" : "y";
	if (sep == '.' && a >= 1 && a <= 31 && b >= 1 && b <= 12)
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; day "
		    "first, as written: say %s '%%d.%%m.%%%s%s'", opt, y, clock);
	else if (sep == '/' && a > 12 && b >= 1 && b <= 12)
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; day "
		    "first: say %s '%%d/%%m/%%%s%s'", opt, y, clock);
	else if (sep == '/' && a >= 1 && a <= 12 && b > 12 && b <= 31)
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; month "
		    "first: say %s '%%m/%%d/%%%s%s'", opt, y, clock);
	else if (sep == '/' && a >= 1 && a <= 12 && b >= 1 && b <= 12)
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; month "
		    "first (US) is %s '%%m/%%d/%%%s%s', day first %s "
		    "'%%d/%%m/%%%s%s': say which the file has", opt, y, clock,
		    opt, y, clock);
	return msg;
}

/*
 * A slashed date's first two parts (03/02/2026: 3 and 2), its year's
 * letter and its clock's format; 0 when v is not one.
 */
static int
slashed(const char *v, int *a, int *b, const char **y, const char **clock)
{
	const char *s = v + strspn(v, " "), *ys;

	if ((*a = digits(&s, 2)) < 0 || *s++ != '/' ||
	    (*b = digits(&s, 2)) < 0 || *s++ != '/')
		return 0;
	ys = s;
	if (digits(&s, 4) < 0 || (s - ys != 2 && s - ys != 4) ||
	    (*clock = clock_format(s)) == NULL)
		return 0;
	*y = s - ys == 4 ? "Y" : "y";
	return *a >= 1 && *a <= 31 && *b >= 1 && *b <= 31;
}

/*
 * The order the column's dates are in, by the first of its next
 * CRM_DATE_LOOK records whose slashed date has a part above 12
 * (14/02/2026 is day first, 02/14/2026 month first): 'd' or 'm', with
 * that record's line and value in *line and val; 0 when none does.
 * Kept for the file and column, so that each row of a file read with
 * --rejects does not look again.
 */
#define CRM_DATE_LOOK	1000
static int
column_order(struct crm_rd *rd, size_t col, long *line, char *val,
    size_t cap)
{
	static char name[256], seen[64];
	static const struct crm_rd *last;
	static size_t last_col;
	static long seen_line;
	static int order;
	const struct crm_rec *rec;
	const char *y, *clock;
	size_t k;
	int a, b;

	if (rd == last && col == last_col &&
	    strncmp(name, crm_rd_name(rd), sizeof name - 1) == 0)
		goto done;
	last = rd, last_col = col, order = 0;
	snprintf(name, sizeof name, "%s", crm_rd_name(rd));
	for (k = 0; k < CRM_DATE_LOOK && order == 0 &&
	    (rec = crm_rd_peek(rd, k)) != NULL; k++) {
		if (col >= rec->n || !slashed(rec->f[col], &a, &b, &y, &clock))
			continue;
		if (a > 12 && b <= 12)
			order = 'd';
		else if (b > 12 && a <= 12)
			order = 'm';
		if (order) {
			seen_line = rec->line;
			snprintf(seen, sizeof seen, "%.60s",
			    rec->f[col] + strspn(rec->f[col], " "));
		}
	}
done:
	*line = seen_line;
	snprintf(val, cap, "%s", seen);
	return order;
}

/*
 * crm_date_hint of a date in column col of the file rd reads: a slashed
 * date that is either order (03/02/2026) is not asked about when a later
 * row of the column shows the order (14/02/2026 on line 3): the format
 * that reads the file is said, with that row.
 */
const char *
crm_date_hint_column(const char *v, struct crm_rd *rd, size_t col)
{
	static char msg[480];
	const char *y, *clock;
	char val[64];
	long line;
	int a, b, order;

	if (rd == NULL || crm_date_format() != NULL ||
	    !slashed(v, &a, &b, &y, &clock) || a > 12 || b > 12 ||
	    (order = column_order(rd, col, &line, val, sizeof val)) == 0)
		return crm_date_hint(v);
	snprintf(msg, sizeof msg, CRM_DATE_HINT, crm_optname("date-format"));
	snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; %s first, "
	    "as line %ld's %s shows: say %s '%s/%s/%%%s%s'", order == 'd' ?
	    "day" : "month", line, val, crm_optname("date-format"),
	    order == 'd' ? "%d" : "%m", order == 'd' ? "%m" : "%d", y, clock);
	return msg;
}

/*
 * Does v hold two addresses or more, each whole ("a@x.example;
 * b@y.example", "a@x.example, b@y.example")?  Not merely two @: Lemon
 * Squeezy's invalid_email "bad@@example" is one address mistyped, and
 * --map 'email=emails' would not read it either.
 */
static int
email_list(const char *v)
{
	char *copy = crm_xstrdup(v), *tok, *save = NULL;
	int n = 0;

	for (tok = strtok_r(copy, ",; \t|", &save); tok;
	    tok = strtok_r(NULL, ",; \t|", &save))
		n += crm_email_valid(tok) != 0;
	free(copy);
	return n >= 2;
}

/* What a space of Unicode's is called: the ones spreadsheets, web pages
 * and Japanese and Chinese input bring by name, the others as one. */
static const char *
space_name(unsigned long c)
{
	switch (c) {
	case 0xa0:
		return "a no-break space";
	case 0x2007:
		return "a figure space";
	case 0x2009:
		return "a thin space";
	case 0x202f:
		return "a narrow no-break space";
	case 0x3000:
		return "an ideographic space";
	}
	return "a Unicode space";
}

/*
 * A space inside the address v (one @ in it, so it is one address with
 * a space, not words): which character and after what, as "a no-break
 * space (U+00A0) after \"ann\"", into msg; 0 when v has none.  A space
 * of Unicode's looks like ASCII's in a message, so its code point is
 * said; and where, since it cannot be seen.
 */
static int
space_inside(const char *v, char *msg, size_t cap)
{
	const char *at = strchr(v, '@'), *p, *from;
	unsigned long c = ' ';
	size_t len;
	int space = 0;

	if (at == NULL || strchr(at + 1, '@'))
		return 0;
	for (p = v; *p; p++)
		if (*p == ' ' || *p == '\t' || ((*p & 0x80) &&
		    crm_invisible_len(p, &space) && space))
			break;
	if (*p == '\0')
		return 0;
	if (*p & 0x80) {
		len = crm_utf8_decode((const unsigned char *)p, strlen(p), &c);
		snprintf(msg, cap, "%s (U+%04lX)", space_name(len ? c : 0),
		    len ? c : 0UL);
	} else {
		snprintf(msg, cap, "%s", *p == ' ' ? "a space" : "a tab");
	}
	len = strlen(msg);
	/* what comes before it, its last 60 bytes at most, from a
	 * character's first byte */
	for (from = p - v > 60 ? p - 60 : v; (*from & 0xc0) == 0x80; from++)
		;
	if (p == v)
		snprintf(msg + len, cap - len, " at its start");
	else
		snprintf(msg + len, cap - len, " after \"%.*s\"",
		    (int)(p - from), from);
	return 1;
}

/*
 * What is wrong with e-mail cell v that is not an address: two of them
 * ("a@x.example; b@y.example") are said as two, with the way out, and
 * a name with its address ("Ann Lee <ann@x.example>") as that.
 */
const char *
crm_email_hint(const char *v)
{
	static char msg[200];
	const char *at = strchr(v, '@'), *lt = strrchr(v, '<'), *gt;
	char *inside, where[120];
	int valid;

	/* "Ann Lee <ann@example.com>", as Outlook and Thunderbird copy it */
	if (lt && (gt = strchr(lt, '>')) && gt[strspn(gt + 1, " ") + 1] ==
	    '\0') {
		inside = crm_xstrndup(lt + 1, (size_t)(gt - lt - 1));
		if ((valid = crm_email_valid(inside)))
			snprintf(msg, sizeof msg, "a name and an address: "
			    "write the address alone (%.120s)", inside);
		free(inside);
		if (valid)
			return msg;
	}
	if (at && strchr(at + 1, '@') && email_list(v))
		return "two e-mail addresses in one value, where one is wanted";
	if (space_inside(v, where, sizeof where)) {
		snprintf(msg, sizeof msg, "not a valid e-mail address: %s, "
		    "where an address has no space", where);
		return msg;
	}
	return "not a valid e-mail address";
}

/*
 * crm_email_hint of an import's e-mail cell under column: two addresses
 * are said with crm-add's ways out, --map's with the column's own name,
 * to paste as printed.
 */
const char *
crm_email_cell_hint(const char *v, const char *column)
{
	static char msg[600];
	const char *m = crm_email_hint(v);

	if (strncmp(m, "two e-mail addresses", 20) != 0)
		return m;
	snprintf(msg, sizeof msg, "two e-mail addresses in one cell, but the "
	    "column holds one: keep one there and put the other in a column "
	    "of its own, such as Email 2 (another e-mail of the customer's), "
	    "or mark the column as a list of them with %s %s",
	    crm_optname("map"), crm_map_word(column, "emails"));
	return msg;
}

/*
 * --map's argument COLUMN=TO as one word to paste into a shell: in
 * single quotes, or in double quotes when the header holds a ' (PayPal's
 * "De l'adresse email"), and with '\'' when it holds a " $ ` \ or ! as
 * well.  A long header is cut at 120 bytes, as the messages cut values.
 * Two calls may share one message: the buffers alternate.
 */
const char *
crm_map_word(const char *column, const char *to)
{
	static char buf[2][400];
	static int which;
	char *b = buf[which ^= 1], *d = b;
	size_t n = strnlen(column, 120), i;
	int dq = memchr(column, '\'', n) && strcspn(column, "\"$`\\!") >= n;

	*d++ = dq ? '"' : '\'';
	for (i = 0; i < n; i++) {
		if (!dq && column[i] == '\'') {
			memcpy(d, "'\\''", 4);
			d += 4;
		} else {
			*d++ = column[i];
		}
	}
	snprintf(d, sizeof buf[0] - (size_t)(d - b), "=%.40s%c", to,
	    dq ? '"' : '\'');
	return b;
}

/*
 * A long number Excel rewrote in scientific notation when the file went
 * through it (1.23457E+15, 4,47701E+11 in a comma locale, 1E+15): the
 * digits past the sixth are gone, so a phone, an id or an order's ref
 * read from it would be wrong, and two of them the same.  What to say,
 * or NULL when v is not one.
 */
const char *
crm_excel_hint(const char *v)
{
	static char msg[300];
	const char *p = v + strspn(v, " ");

	if (!isdigit((unsigned char)*p++))
		return NULL;
	if (*p == '.' || *p == ',') {
		if (!isdigit((unsigned char)*++p))
			return NULL;
		p += strspn(p, "0123456789");
	}
	if ((*p != 'E' && *p != 'e') || p[1] != '+' ||
	    !isdigit((unsigned char)p[2]))
		return NULL;
	p += 2 + strspn(p + 2, "0123456789");
	if (p[strspn(p, " ")] != '\0')
		return NULL;
	snprintf(msg, sizeof msg, "Excel turned this number into %.40s; its "
	    "digits are lost: export again without opening it in Excel, or "
	    "format the column as text", v + strspn(v, " "));
	return msg;
}

/*
 * Does a header name a tax or the postage ("Tax Amount", "Shipping
 * Amount", "MwSt"), not a total that only says whether it holds them
 * ("Total (incl. Tax)", "Amount excl. shipping")?
 */
static int
tax_or_postage(const char *h)
{
	static const char *const words[] = { "tax", "shipping", "postage",
	    "freight", "delivery", "mwst", "steuer", "versand", "porto",
	    "税", "运费", "邮费", NULL };
	static const char *const qualifiers[] = { "inc", "incl", "excl",
	    "ex", "with", "without", "plus", "less", "before", "after",
	    "inkl", "exkl", "ohne", "mit", "zzgl", NULL };
	const char *at, *const *w, *const *q;
	size_t n, k;

	for (w = words; *w; w++) {
		if ((at = strstr(h, *w)) == NULL)
			continue;
		n = (size_t)(at - h);
		while (n > 0 && (h[n - 1] == '.' || h[n - 1] == '(' ||
		    h[n - 1] == ','))
			n--;
		for (q = qualifiers; *q; q++) {
			k = strlen(*q);
			if (n >= k && strncmp(h + n - k, *q, k) == 0)
				break;
		}
		if (*q == NULL)
			return 1;
	}
	return strncmp(h, "vat", 3) == 0;
}

/*
 * Is a header (as crm_norm_header makes it) a part taken off or paid
 * back, or a tax or the postage on top, never what was sold ("Cart
 * Discount Amount", "Order Refund Amount", "Tax Amount", "Shipping
 * Amount"), so that no hint offers it as the amount?
 */
int
crm_header_not_amount(const char *h)
{
	static const char *const words[] = { "discount", "coupon", "refund",
	    "rabatt", "remise", "descuento", "sconto", "erstattung",
	    "折扣", "优惠", "退款", NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (strstr(h, words[i]))
			return 1;
	return tax_or_postage(h);
}

/*
 * Is v a date as exports write them: 2025-05-01, 05/01/2025, 01.05.25,
 * Excel's 3-Dec-26, with a time after it or not; or one crm reads with
 * its month's name (Magento 1's "Mar 5, 2025 10:00:00 AM")?  What
 * crm-log and crm-add say of an unread column whose every value is one.
 */
int
crm_date_like(const char *v)
{
	static const char digits[] = "0123456789";
	size_t a, b, c;
	const char *p;
	char sep;
	time_t t;

	a = strspn(v, digits);
	sep = v[a];
	if (a >= 1 && a <= 4 && sep && strchr("-/.", sep)) {
		p = v + a + 1;
		b = strspn(p, digits);
		if (b >= 1 && b <= 2 && p[b] == sep) {
			p += b + 1;
			c = strspn(p, digits);
			if ((a == 4 || c == 2 || c == 4) && c <= 4 &&
			    (p[c] == '\0' || p[c] == ' ' || p[c] == 'T'))
				return 1;
		}
	}
	if (month_named(v))	/* Excel's "3-Dec-26" */
		return 1;
	return strpbrk(v, digits) && strpbrk(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strchr(v, ' ') &&
	    crm_parse_when_as(v, NULL, &t) == 0;
}

/*
 * The --date-formats a column's dates may need, when crm does not read
 * them as written (Google Forms' "2026/05/28 7:01:33 PM GMT+2"): each
 * a date order and a clock, a bit of a mask that crm_date_formats_narrow
 * clears for every value the format does not read.  A zone after the
 * time is read by any (crm_parse_when).
 */
static const char *const fmt_dates[] = { "%Y/%m/%d", "%Y.%m.%d",
	/* two-digit years first: %Y reads "26" as the year 26 */
	"%m/%d/%y", "%d/%m/%y", "%d.%m.%y", "%m/%d/%Y", "%d/%m/%Y",
	"%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y",
	/* Excel's d-mmm-yy, "3-Dec-26" */
	"%d-%b-%y", "%d-%b-%Y" };
static const char *const fmt_clocks[] = { " %I:%M:%S %p", " %I:%M %p",
	" %H:%M:%S", " %H:%M", "" };
#define NCLOCKS (sizeof fmt_clocks / sizeof fmt_clocks[0])
#define NFORMATS (sizeof fmt_dates / sizeof fmt_dates[0] * NCLOCKS)

static void
format_of(size_t k, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", fmt_dates[k / NCLOCKS],
	    fmt_clocks[k % NCLOCKS]);
}

/*
 * Narrow *mask (all ones to begin) to the formats that read v; 1 when
 * v needs one (crm does not read it without), else 0 and *mask as it
 * was.  Only without a --date-format: with one, that one is the
 * question, and crm_date_hint says what else there is.
 */
int
crm_date_formats_narrow(const char *v, unsigned long long *mask)
{
	char fmt[32];
	size_t k;
	time_t t;

	if (crm_date_format() != NULL || crm_parse_when(v, &t) == 0)
		return 0;
	for (k = 0; k < NFORMATS; k++) {
		format_of(k, fmt, sizeof fmt);
		if ((*mask >> k & 1) && crm_parse_when_as(v, fmt, &t) != 0)
			*mask &= ~(1ULL << k);
	}
	return 1;
}

/*
 * The option that reads a column's dates, from its mask: " --date-format
 * 'F'", or both orders when the values leave day and month either way
 * round (03/05/2024 and no day past 12); "" when no format reads them.
 */
const char *
crm_date_formats_say(unsigned long long mask)
{
	static char msg[200];
	char a[32], b[32];
	size_t k, first = NFORMATS;

	for (k = 0; k < NFORMATS && first == NFORMATS; k++)
		if (mask >> k & 1)
			first = k;
	if (first == NFORMATS)
		return "";
	format_of(first, a, sizeof a);
	for (k = first + 1; k < NFORMATS; k++)
		if ((mask >> k & 1) && k % NCLOCKS == first % NCLOCKS)
			break;
	if (k == NFORMATS) {
		snprintf(msg, sizeof msg, " %s '%s'", crm_optname("date-format"),
		    a);
		return msg;
	}
	format_of(k, b, sizeof b);
	snprintf(msg, sizeof msg, " %s '%s' (or '%s': the values say not "
	    "which is the month)", crm_optname("date-format"), a, b);
	return msg;
}

/*
 * A file of no customer's column (crm-log --import, crm-remind import),
 * refused with the --map that would read it (qa41 9): the column most
 * likely the customer's, an e-mail's, else one a file names the person
 * it is with by (Freshsales' Related to, vtiger's Contact Name, a plain
 * Name), else COLUMN.  -1, the error recorded (exit 65); line is the
 * header's.
 */
int
crm_no_customer_column(char *const *names, size_t n, const char *file,
    long line)
{
	static const char *const whom[] = { "relatedto", "contact",
		"contactname", "contacts", "relatedcontact", "relatedcontacts",
		"regarding", "who", "name", "fullname", "customername",
		"client", "clientname", "person", "personname", "lead",
		"leadname", "associatedcontact", "associatedwith" };
	const char *mail = NULL, *who = NULL;
	char *norm;
	size_t i;

	for (i = 0; i < n; i++) {
		norm = crm_norm_header(names[i]);
		if (!mail && strstr(norm, "mail"))
			mail = names[i];
		if (!who && crm_in_list(norm, whom, CRM_NELEM(whom)))
			who = names[i];
		free(norm);
	}
	if (mail || !who)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column "
		    "(id, external_id, email or customer): say which with "
		    "{map} %s (or =external_id, =customer)", file, line,
		    crm_map_word(mail ? mail : "COLUMN", "email"));
	return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column (id, "
	    "external_id, email or customer): say which with {map} %s (a "
	    "name, or =email, =external_id)", file, line,
	    crm_map_word(who, "customer"));
}
