/*
 * money.c - amounts, exact from end to end: read digit by digit into
 * integer minor units (cents, fen), never through a double, and printed
 * back the same way, in C and in SQL (CRM_SQL_MONEY in crm.h).
 *
 * Amounts are read as spreadsheets and shops write them: a currency sign
 * or code before or after, thousands separators, "(12.50)" for -12.50,
 * and with --decimal-comma "1.299,50".  Anything else ("12,5", three
 * decimals, an exponent) is refused rather than guessed at.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

static int decimal_comma;	/* --decimal-comma: 1.299,50 */

/*
 * The digits after the decimal mark that amounts are printed with: 2, or
 * 0 in a database whose currency has no minor unit (a yen is not split).
 * Set by db.c where the database's currency is known, for the process,
 * as a run has one database.  Amounts are kept in hundredths of the unit
 * whatever the currency: this changes how they are printed and read,
 * never what is stored.
 */
static int money_digits = 2;

/*
 * ISO 4217's currencies whose minor unit is 0 (its list A.1, as of
 * 2026): their amounts are whole.  CRM_SQL_WHOLE (crm.h) is the same
 * list for SQL; crm_currency_digits reads it there, so there is one.
 */
int
crm_currency_digits(const char *code)
{
	char q[6];

	if (code == NULL || strlen(code) != 3)
		return 2;
	snprintf(q, sizeof q, "'%c%c%c'", toupper((unsigned char)code[0]),
	    toupper((unsigned char)code[1]), toupper((unsigned char)code[2]));
	return strstr(CRM_WHOLE_CODES, q) ? 0 : 2;	/* "jpy" too (Stripe) */
}

void
crm_set_money_digits(int digits)
{
	money_digits = digits;
}

/* The digits amounts are printed with (2, or 0: crm_set_money_digits). */
int
crm_money_digits(void)
{
	return money_digits;
}

/*
 * Whether an amount in minor units may be written in currency code (the
 * row's or the database's; NULL for none known): NULL when it may, else
 * what is wrong, in a static buffer: a yen has no fraction ("1500.50
 * JPY"), while 1500.00 is a whole amount as exports write it.
 */
const char *
crm_money_whole(long long minor, const char *code)
{
	static char msg[200];
	long long a = minor < 0 ? -(minor / 100) : minor / 100;
	char up[4];
	int i;

	if (crm_currency_digits(code) != 0 || minor % 100 == 0)
		return NULL;
	for (i = 0; i < 3; i++)
		up[i] = (char)toupper((unsigned char)code[i]);
	up[3] = '\0';
	snprintf(msg, sizeof msg, "'%s%lld.%02lld' has a fraction, and %.3s "
	    "has no minor unit: its amounts are whole (%s%lld, or %s%lld.00 "
	    "as some exports write them)", minor < 0 ? "-" : "", a,
	    llabs(minor % 100), up, minor < 0 ? "-" : "", a, minor < 0 ? "-" :
	    "", a);
	return msg;
}

void
crm_set_decimal_comma(int on)
{
	decimal_comma = on;
}

/* Is --decimal-comma on (for a hint that must not suggest it again)? */
int
crm_decimal_comma(void)
{
	return decimal_comma;
}

/*
 * The one table of what crm reads as a currency that is not an ISO code
 * (and the codes spreadsheets put beside a number): each with the code
 * it names; a sign several currencies use names itself ("$", "¥", kept
 * as such: crm_currency_check takes it in a database of one of them)
 * or, a local word ("kr", "Rs."), nothing: codes lists what it may be,
 * a space before each.  AMT: read beside a number in an amount too
 * ("€12", "12 zł", "100 Kč"); the others only as a currency column's
 * whole cell ("US$", "kr"), where a word
 * of letters cannot be part of another.  Looked up in order: "R$" before "$" does not matter, as a
 * cell is matched whole and an amount's sign where it starts.  None
 * begins with a digit, '.', ',', ' ' or '-' (sign_at skips those bytes).
 */
#define AMT	1
static const struct sign {
	const char *sign, *code, *codes;
	int amount;
} signs[] = {
	{ "$", "$", " USD CAD AUD NZD SGD HKD MXN TWD ARS CLP COP CUP DOP "
	    "UYU BSD BBD BZD BMD BND KYD FJD GYD JMD LRD NAD SBD SRD TTD XCD",
	    AMT },
	{ "\xe2\x82\xac" /* € */, "EUR", NULL, AMT },
	{ "\xc2\xa3" /* £ */, "GBP", NULL, AMT },
	{ "\xc2\xa5" /* ¥ */, "\xc2\xa5", " JPY CNY", AMT },
	{ "\xef\xbf\xa5" /* ￥ */, "\xc2\xa5", NULL, AMT },
	{ "\xe5\x85\x83" /* 元 */, "CNY", NULL, AMT },
	{ "USD", "USD", NULL, AMT }, { "EUR", "EUR", NULL, AMT },
	{ "GBP", "GBP", NULL, AMT }, { "CNY", "CNY", NULL, AMT },
	{ "RMB", "CNY", NULL, AMT }, { "JPY", "JPY", NULL, AMT },
	{ "CHF", "CHF", NULL, AMT }, { "CAD", "CAD", NULL, AMT },
	{ "AUD", "AUD", NULL, AMT }, { "HKD", "HKD", NULL, AMT },
	{ "R$", "BRL", NULL, AMT }, { "z\xc5\x82" /* zł */, "PLN", NULL, AMT },
	{ "Fr.", "CHF", NULL, AMT },
	{ "\xe2\x82\xb9" /* ₹ */, "INR", NULL, AMT },
	{ "\xe2\x82\xa9" /* ₩ */, "KRW", NULL, AMT },
	{ "\xe2\x82\xba" /* ₺ */, "TRY", NULL, AMT },
	{ "\xe2\x82\xbd" /* ₽ */, "RUB", NULL, AMT },
	{ "\xe2\x82\xb4" /* ₴ */, "UAH", NULL, AMT },
	{ "\xe2\x82\xaa" /* ₪ */, "ILS", NULL, AMT },
	{ "\xe0\xb8\xbf" /* ฿ */, "THB", NULL, AMT },
	{ "\xe2\x82\xab" /* ₫ */, "VND", NULL, AMT },
	{ "\xe2\x82\xb1" /* ₱ */, "PHP", NULL, AMT },
	/* words, read in an amount too: an amount is a cell or an option of
	 * its own, so "12 Ft" there is 12 forints, never a product's text;
	 * written as the countries write them (case matters: "12 ft" is no
	 * forint, "12 Lei" and "12 LEI" are lei as a table heads them) */
	{ "K\xc4\x8d" /* Kč */, "CZK", NULL, AMT },
	{ "Ft", "HUF", NULL, AMT }, { "lei", "RON", NULL, AMT },
	{ "Lei", "RON", NULL, AMT }, { "LEI", "RON", NULL, AMT },
	/* a currency column's cell only */
	{ "kr", NULL, " SEK NOK DKK ISK", 0 },
	{ "kr.", NULL, " SEK NOK DKK ISK", 0 },
	{ "Rs", NULL, " INR PKR LKR NPR", 0 },
	{ "Rs.", NULL, " INR PKR LKR NPR", 0 },
	/* the dollars with their country before the $, as a currency
	 * column writes them to tell them apart: each names one; "C$" is
	 * the Canadian dollar's, as North American exports write it (the
	 * Nicaraguan cordoba's sign too, but an NIO file says NIO) */
	{ "US$", "USD", NULL, 0 }, { "A$", "AUD", NULL, 0 },
	{ "AU$", "AUD", NULL, 0 }, { "C$", "CAD", NULL, 0 },
	{ "CA$", "CAD", NULL, 0 }, { "NZ$", "NZD", NULL, 0 },
	{ "HK$", "HKD", NULL, 0 }, { "S$", "SGD", NULL, 0 },
	{ "SG$", "SGD", NULL, 0 }, { "NT$", "TWD", NULL, 0 },
	{ "MX$", "MXN", NULL, 0 },
};

/* The row of signs[] that is sign, written in any case; NULL for none. */
static const struct sign *
sign_row(const char *sign)
{
	size_t i;

	for (i = 0; i < NELEM(signs); i++)
		if (strcasecmp(sign, signs[i].sign) == 0)
			return &signs[i];
	return NULL;
}

/* The amount's sign that starts at s, a row of signs[]; NULL for none. */
static const struct sign *
sign_at(const char *s)
{
	size_t i;

	/* No sign begins with a digit or what is written between them:
	 * asked of every amount of an import at each of its bytes, a scan
	 * of the table there was 7,000 instructions an amount
	 * (bench/README.md, *Bulk loads*). */
	if ((*s >= '0' && *s <= '9') || *s == '.' || *s == ',' ||
	    *s == ' ' || *s == '-' || *s == '\0')
		return NULL;
	for (i = 0; i < NELEM(signs); i++)
		if (signs[i].amount && strncmp(s, signs[i].sign,
		    strlen(signs[i].sign)) == 0)
			return &signs[i];
	return NULL;
}

/*
 * The other ISO 4217 codes (iso-codes' iso_4217.json, less the metals
 * and test codes): "12 SEK" names Swedish kronor as a currency column's
 * SEK does.  Only these: "12 PCS" is not an amount in a currency PCS.
 */
static const char *const iso_codes[] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AWG", "AZN", "BAM",
	"BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL",
	"BSD", "BTN", "BWP", "BYN", "BZD", "CDF", "CHE", "CHW", "CLF", "CLP",
	"COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP",
	"DZD", "EGP", "ERN", "ETB", "FJD", "FKP", "GEL", "GHS", "GIP", "GMD",
	"GNF", "GTQ", "GYD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR",
	"IQD", "IRR", "ISK", "JMD", "JOD", "KES", "KGS", "KHR", "KMF", "KPW",
	"KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
	"MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
	"MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR",
	"NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
	"RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
	"SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
	"THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
	"UGX", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV",
	"WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL"
};

/* The ISO code at s, a word of its own: the table's string, or NULL. */
static const char *
iso_code(const char *s)
{
	size_t i;

	if (!isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]) ||
	    !isupper((unsigned char)s[2]) || isalpha((unsigned char)s[3]))
		return NULL;
	for (i = 0; i < NELEM(iso_codes); i++)
		if (strncmp(s, iso_codes[i], 3) == 0)
			return iso_codes[i];
	return NULL;
}

/*
 * The currencies whose sign is sign ("$" or "¥", as crm_money_currency
 * gives them), a space before each; NULL when sign is a code.
 */
const char *
crm_money_sign_codes(const char *sign)
{
	const struct sign *r = sign_row(sign);

	return r && r->code && strcmp(r->code, r->sign) == 0 ? r->codes :
	    NULL;
}

/* Is code one of codes (" SEK NOK ...")? */
static int
codes_have(const char *codes, const char *code)
{
	const char *p;
	size_t n = strlen(code);

	for (p = codes; (p = strstr(p, " ")) != NULL; p++)
		if (strncasecmp(p + 1, code, n) == 0 && (p[n + 1] == ' ' ||
		    p[n + 1] == '\0'))
			return 1;
	return 0;
}

/* May an amount written with sign (or code) be in currency code? */
int
crm_money_sign_fits(const char *sign, const char *code)
{
	const char *codes = crm_money_sign_codes(sign);

	if (codes == NULL)
		return strcasecmp(sign, code) == 0;
	return codes_have(codes, code);
}

/* Spaces, and the no-break spaces a French or Swiss Excel writes. */
static size_t
space_len(const char *s)
{
	if (*s == ' ')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

static const char *
skip_spaces(const char *s)
{
	size_t n;

	while ((n = space_len(s)))
		s += n;
	return s;
}

/*
 * The length of a minus at s: the ASCII hyphen-minus, or the typeset
 * minus U+2212 that Apple Numbers, typeset reports and some locales'
 * number formats write ("\xe2\x88\x9212.50"); 0 for none.
 */
static size_t
minus_len(const char *s)
{
	if (*s == '-')
		return 1;
	return strncmp(s, "\xe2\x88\x92", 3) == 0 ? 3 : 0;
}

/* Past a sign at s, setting *sign (-1 for a minus), or s itself. */
static const char *
skip_sign(const char *s, int *sign)
{
	size_t n = minus_len(s);

	if (n) {
		*sign = -1;
		return s + n;
	}
	if (*s == '+')
		*sign = 1, s++;
	return s;
}

/* Past a currency at s, or s itself. */
static const char *
skip_currency(const char *s)
{
	const struct sign *r = sign_at(s);

	if (r)
		return skip_spaces(s + strlen(r->sign));
	return iso_code(s) ? skip_spaces(s + 3) : s;
}

/* Does a currency (and spaces) fill [s, end)? */
static int
is_currency_tail(const char *s, const char *end)
{
	return skip_currency(skip_spaces(s)) >= end;
}

/* The right single quote a Swiss (de-CH) thousands mark is: 1’234.50. */
static int
swiss_mark(const char *s)
{
	return strncmp(s, "\xe2\x80\x99", 3) == 0;
}

/* The end of the digits and separators of a number. */
static const char *
number_end(const char *s)
{
	size_t n;

	for (;;) {
		if (*s && (isdigit((unsigned char)*s) || strchr(",.'", *s)))
			s++;
		else if (swiss_mark(s))
			s += 3;		/* "1’234.50" */
		else if ((n = space_len(s)) && isdigit((unsigned char)s[n]))
			s += n;		/* "1 299,50", "5 000" */
		else
			return s;
	}
}

/*
 * The length of a thousands mark at p (one of ,.' ’ or a space), or 0.
 * A space groups thousands with either decimal mark, as SI writes them
 * ("5 000", "1 299.50", "1 299,50"): no one writes decimals after one,
 * so it is never a guess, and the code a refusal suggests ("5 000 SEK"
 * for "5 000 kr") reads without --decimal-comma.
 */
static size_t
mark_len(const char *p)
{
	if (*p == (decimal_comma ? '.' : ',') || *p == '\'')
		return 1;
	if (swiss_mark(p))
		return 3;
	return space_len(p);
}

/*
 * Are the digit groups runs[0..n] (n marks between them) grouped as
 * thousands: groups of three after a first of one to three, or in
 * Indian lakhs and crores (1,23,456: twos after a first of one or two,
 * then a last three), which no group of threes reads otherwise?
 */
static int
grouped(const size_t *runs, size_t n, int indian_ok)
{
	size_t i;
	int threes = 1, lakhs = indian_ok && n >= 2 && runs[0] <= 2 &&
	    runs[n] == 3;

	if (runs[0] == 0 || runs[0] > 3)
		return 0;
	for (i = 1; i <= n; i++) {
		threes &= runs[i] == 3;
		lakhs &= i == n || runs[i] == 2;
	}
	return threes || lakhs;
}

/*
 * The digits of an amount without its thousands separators, into out:
 * groups of three after the first, all separated alike, so that "12,5"
 * is refused, not read as 125 or 12.5, and the first not a 0, so that
 * "0,250" is refused, not read as 250 (a quarter, by its writer's
 * decimal comma).  -1 if they are not like that.
 */
static int
ungroup(const char *s, const char *end, char *out, size_t cap)
{
	const char *p, *sep = NULL;
	size_t n = 0, groups = 0, len, runs[32] = { 0 };

	for (p = s; p < end; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= cap)
				return -1;
			out[n++] = *p, runs[groups]++;
			continue;
		}
		len = mark_len(p);
		if (len == 0 || (sep && strncmp(sep, p, len) != 0) ||
		    groups + 1 >= NELEM(runs))
			return -1;
		sep = p, groups++;
		p += len - 1;
	}
	if (groups && !grouped(runs, groups, *sep == ',' && !decimal_comma))
		return -1;
	if (groups && out[0] == '0')
		return -1;	/* "0,250": no thousands follow a 0 (hint.c) */
	out[n] = '\0';
	return 0;
}

/*
 * The length of the dash of whole units at s, 0 when there is none: the
 * hyphen-minus "49.-" as typed, or the typeset en dash (U+2013) "49.\u2013"
 * as Swiss and German price tags and letters print it, or an em dash
 * (U+2014) or the minus sign (U+2212) a word processor makes of it.
 */
static size_t
whole_units_dash(const char *s)
{
	if (strncmp(s, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(s, "\xe2\x80\x94", 3) == 0)
		return 3;
	return minus_len(s);
}

/*
 * Does the number [s, end) end in a decimal mark with no decimals and a
 * dash straight after it, then nothing but a currency or a bracket?
 * That is the Swiss whole francs, "49.-" and "CHF 1'299.-", and the
 * German and Austrian whole euros, "49,-" and "1.299,-": 49.00, not
 * SAP's trailing minus, whose amounts always have their decimals
 * ("12.50-").
 */
static int
whole_units(const char *s, const char *end)
{
	size_t n = whole_units_dash(end);

	return n && end - s >= 2 &&
	    (end[-1] == '.' || end[-1] == ',') &&
	    isdigit((unsigned char)end[-2]) &&
	    (end[n] == '\0' || !strchr("0123456789,.'-+", end[n]));
}

static int parse_money(const char *s, long long *minor, int three_ok);

/*
 * The amount in, whose number starts at num and whose mark at p is
 * followed by its whole units' dash: read without the two, the mark
 * saying which is the decimal one ("1.299,-" is 1299.00 with or without
 * --decimal-comma, as a comma with no digits after it groups nothing).
 * A number with that mark before it too ("1,2,-") is none.
 */
static int
parse_whole_units(const char *in, const char *num, const char *p,
    long long *minor)
{
	char *s;
	int was = decimal_comma, r;

	if (memchr(num, *p, (size_t)(p - num)))
		return -1;
	s = crm_xasprintf("%.*s%s", (int)(p - in), in,
	    p + 1 + whole_units_dash(p + 1));
	decimal_comma = *p == ',';
	r = parse_money(s, minor, 0);
	decimal_comma = was;
	free(s);
	return r;
}

/*
 * Is [s, end) a number whose one mark is the decimal one in force with
 * three digits after it and one to three before, the first not a 0
 * ("1.500", "12.000"; "1,000" with --decimal-comma)?  Half the world
 * groups thousands so, the other half writes three decimals: either
 * reading is a guess.  Not "0.500" (no thousands follow a 0), "1234.500"
 * (no group has four), "1,500.000" (its ',' groups) nor "61.3500".
 */
static int
three_after_mark(const char *s, const char *end)
{
	char mark = decimal_comma ? ',' : '.';
	size_t before = strspn(s, "0123456789");

	return before >= 1 && before <= 3 && *s != '0' &&
	    s[before] == mark && end - (s + before) == 4 &&
	    strspn(s + before + 1, "0123456789") == 3;
}

/*
 * crm_parse_money, where three decimals (and more, all 0 past the
 * second) are read when three_ok or the number cannot be a group of
 * thousands (three_after_mark).
 */
static int
parse_money(const char *s, long long *minor, int three_ok)
{
	char buf[64];
	const char *end, *dot, *close, *pre;
	long long units = 0;
	int sign = 1, decimals = 0, digits = 0, paren = 0;
	char mark = decimal_comma ? ',' : '.';
	size_t i;
	const char *in = s;

	s = skip_spaces(s);
	if (*s != '(' && *(pre = skip_currency(s)) == '(')
		s = pre;	/* Excel's Accounting format: "$ (1,200.00)" */
	else
		pre = NULL;
	if (*s == '(')
		paren = 1, s = skip_spaces(s + 1);
	s = skip_sign(s, &sign);
	s = skip_currency(s);
	if (sign == 1 && !paren)
		s = skip_sign(s, &sign);	/* "$-12.50" */
	end = number_end(s);
	if (whole_units(s, end))
		return parse_whole_units(in, s, end - 1, minor);
	if (paren) {
		close = strchr(end, ')');
		if (close == NULL || sign == -1 ||
		    !is_currency_tail(end, close) ||
		    !is_currency_tail(close + 1, close + 1 + strlen(close + 1)) ||
		    (pre != NULL) + (skip_spaces(end) != close) +
		    (*skip_spaces(close + 1) != '\0') > 1)
			return -1;	/* one currency at most, wherever */
		sign = -1;
	} else if (sign == 1 && minus_len(end) && end > s &&
	    is_currency_tail(end + minus_len(end), end + strlen(end))) {
		sign = -1;	/* SAP's "1.234,56-" */
	} else if (!is_currency_tail(end, end + strlen(end))) {
		return -1;
	}
	if (!three_ok && three_after_mark(s, end))
		return -1;	/* 1.500: 1500 or 1.5 (crm_money_hint) */
	dot = memrchr(s, mark, (size_t)(end - s));
	if (ungroup(s, dot ? dot : end, buf, sizeof buf) < 0)
		return -1;
	for (i = 0; buf[i]; i++, digits++) {
		if (units > 9000000000000000LL / 10)
			return -1;	/* beyond any real amount */
		units = units * 10 + (buf[i] - '0');
	}
	units *= 100;
	if (dot) {
		for (dot++; dot < end && isdigit((unsigned char)*dot) &&
		    decimals < 2; dot++)
			units += (*dot - '0') * (decimals++ == 0 ? 10 : 1);
		while (dot < end && *dot == '0')
			dot++;	/* Magento's 61.3500: exact all the same */
		if (dot != end || (decimals == 0 && digits == 0))
			return -1;
		digits += decimals;
	}
	if (digits == 0)
		return -1;
	*minor = sign * units;
	return 0;
}

/*
 * An amount into minor units (two decimals): "1299.50", "-12.5", "+3",
 * and as spreadsheets write them, "$1,299.50", "1 299,50 EUR" (with
 * --decimal-comma), "(12.50)", "$(12.50)", "(12.50) EUR" and "(12,50 €)"
 * for -12.50 as accounting formats write it, and as SAP does,
 * "1.234,56-"; a minus is the hyphen-minus or the typeset U+2212
 * (minus_len).  More than two decimals, an exponent or a stray
 * separator is refused, not guessed at; zeros past the second decimal
 * are read (Magento's 61.3500), but not the three digits after a lone
 * mark that may as well group thousands ("1.500", three_after_mark):
 * an import reads those by its column (crm_parse_money_cell).
 */
int
crm_parse_money(const char *s, long long *minor)
{
	return parse_money(s, minor, 0);
}

/*
 * Is s an amount whose number only its column can read, one mark before
 * three digits the last of which is a 0 ("1.500 €", "€12.000"; "$1,000"
 * with --decimal-comma)?  Its two readings then: *grouped as the other
 * decimal mark reads it (1500.00), *decimals as three decimals (1.50).
 */
int
crm_money_either(const char *s, long long *grouped, long long *decimals)
{
	long long m;
	int was = decimal_comma, r;

	if (parse_money(s, &m, 0) == 0 || parse_money(s, decimals, 1) < 0)
		return 0;
	decimal_comma = !was;
	r = parse_money(s, grouped, 0);
	decimal_comma = was;
	return r == 0;
}

/*
 * What an amount column's cells show of how its marks are meant, for one
 * that crm_money_either reads two ways: the first cell, up to
 * CRM_MONEY_LOOK records on from that one and any read before it, that
 * has three decimals or more where they group nothing ("0.500",
 * "1234.500", Magento's "61.3500": M_THREE, read as decimals then), or
 * that only the other decimal mark reads ("1.234,56", "12,50" without
 * --decimal-comma: M_OTHER), or that writes this mark or groups with
 * two decimals at most ("€12,000.00", "12.50": M_TWO).  Kept for four
 * columns at a time, by file and column, as the column's cells pass.
 */
#define CRM_MONEY_LOOK	1000
static struct money_col {
	const struct crm_rd *rd;
	char name[256];
	size_t col;
	int looked;		/* the records ahead were looked at */
	long line[M_SHOWS];	/* the first cell of each, 0 for none */
	char val[M_SHOWS][64];
	int comma_said;		/* comma_groups() looked, and said */
} money_cols[4];
static size_t money_next;

static struct money_col *
money_col(const struct crm_rd *rd, size_t col)
{
	struct money_col *c;
	size_t i;

	for (i = 0; i < NELEM(money_cols); i++) {
		c = &money_cols[i];
		if (c->rd == rd && c->col == col &&
		    strncmp(c->name, crm_rd_name(rd), sizeof c->name - 1) == 0)
			return c;
	}
	c = &money_cols[money_next++ % NELEM(money_cols)];
	memset(c, 0, sizeof *c);
	c->rd = rd, c->col = col;
	snprintf(c->name, sizeof c->name, "%s", crm_rd_name(rd));
	return c;
}

/* Is v's number one mark before three digits (three_after_mark)? */
static int
lone_three(const char *v)
{
	const char *p = strpbrk(v, "0123456789");

	return p && three_after_mark(p, number_end(p));
}

/* What cell v shows (M_THREE...), read or not (ok); -1 for nothing. */
static int
money_shows(const char *v, int ok)
{
	char mark = decimal_comma ? ',' : '.';
	const char *p = strrchr(v, mark);
	long long a, b;

	if (!ok) {
		int was = decimal_comma, r;

		if (crm_money_either(v, &a, &b) || lone_three(v))
			return -1;	/* "1.234": as much either way */
		decimal_comma = !was;
		r = parse_money(v, &a, 0);
		decimal_comma = was;
		return r == 0 && strpbrk(v, ",.") ? M_OTHER : -1;
	}
	if (p && strspn(p + 1, "0123456789") >= 3)
		return M_THREE;	/* it read: the mark is a decimal one */
	return strpbrk(v, ",.") ? M_TWO : -1;
}

/* Keeps what cell v of line shows in c, when it is the first to. */
static void
money_note(struct money_col *c, const char *v, int ok, long line)
{
	int m = money_shows(v, ok);

	if (m >= 0 && c->line[m] == 0) {
		c->line[m] = line;
		snprintf(c->val[m], sizeof c->val[m], "%s", v);
	}
}

/*
 * Is v the zero of Excel's Accounting format, a dash in its padding with
 * the currency before or after it (" $ -   ", "€ -", "- €") or alone
 * ("-")?  A sheet so formatted writes every 0 that way: it is 0.00
 * (qa48 F9).  Only an import's cell: on the command line a lone dash is
 * no amount.
 */
static int
accounting_zero(const char *v)
{
	const char *s = skip_currency(skip_spaces(v));
	size_t n = whole_units_dash(s);

	if (n == 0)
		return 0;
	s = skip_spaces(s + n);
	return is_currency_tail(s, s + strlen(s));
}

/*
 * Is v a number whose only marks are commas before three digits each
 * ("1,234", "12,345,678"), read as thousands without --decimal-comma?
 */
static int
comma_grouped(const char *v)
{
	const char *p = strpbrk(v, "0123456789"), *end, *c;

	if (decimal_comma || p == NULL || (c = memchr(p, ',',
	    (size_t)((end = number_end(p)) - p))) == NULL ||
	    memchr(p, '.', (size_t)(end - p)))
		return 0;
	return end - strrchr(p, ',') == 4;
}

/*
 * Does a cell of column col, of its next CRM_MONEY_LOOK records, tell
 * its marks: a decimal point ("12.50", "1,234.50"), which says its
 * commas group, or a decimal comma only --decimal-comma reads ("2,5"),
 * whose row is refused naming the option?
 */
static int
marks_shown(struct crm_rd *rd, size_t col)
{
	const struct crm_rec *rec;
	const char *v, *p;
	long long minor;
	size_t k;

	for (k = 0; k < CRM_MONEY_LOOK && (rec = crm_rd_peek(rd, k)); k++) {
		if (col >= rec->n)
			continue;
		v = crm_trim(rec->f[col]);
		if ((p = strchr(v, '.')) && isdigit((unsigned char)p[1]) &&
		    parse_money(v, &minor, 0) == 0)
			return 1;
		if (money_shows(v, parse_money(v, &minor, 0) == 0) == M_OTHER)
			return 1;
	}
	return 0;
}

/*
 * A ';' file's "1,234" read as 1234.00, as the rules say (',' groups
 * thousands without --decimal-comma), is said once a column: a sheet of
 * German or French Excel writes ';' and a decimal comma, and one whose
 * every amount happens to have three decimals (unit prices, litres)
 * would be 1000 times too large without a word (qa48 F8).  Not where a
 * cell of the column tells the marks (marks_shown).
 */
static void
comma_groups(struct money_col *c, const char *v, long long minor,
    struct crm_rd *rd, size_t col, long line)
{
	char *const *names;
	char buf[32];
	size_t n;

	if (c->comma_said || crm_rd_delim(rd) != ';' || !comma_grouped(v))
		return;
	c->comma_said = 1;	/* said, or no need: looked at once */
	if (marks_shown(rd, col))
		return;
	n = crm_rd_header(rd, &names);
	crm_warn("%s:%ld: %s%s'%s' read as %s: ',' groups thousands without "
	    "%s; in a ';' file it is as often the decimal mark: if it is "
	    "here, say %s (said once)", crm_rd_name(rd), line,
	    col < n ? names[col] : "", col < n ? ": " : "", v,
	    crm_fmt_money(minor, buf), crm_optname("decimal-comma"),
	    crm_optname("decimal-comma"));
}

/*
 * Has cell v of an import's column col (file rd, at line) been read
 * into *minor?  As crm_parse_money; one crm_money_either reads two ways
 * is read as decimals where the column shows M_THREE, and Excel's
 * Accounting zero as 0.  Each cell read is kept for what it shows
 * (crm_money_column).
 */
int
crm_parse_money_cell(const char *v, long long *minor, struct crm_rd *rd,
    size_t col, long line)
{
	struct money_col *c;
	long long a, b;
	long l;
	const char *val;

	if (rd == NULL)
		return crm_parse_money(v, minor);
	c = money_col(rd, col);
	if (parse_money(v, minor, 0) == 0) {
		if (c->line[M_THREE] == 0 || c->line[M_TWO] == 0)
			money_note(c, v, 1, line);
		comma_groups(c, v, *minor, rd, col, line);
		return 0;
	}
	if (accounting_zero(v)) {
		*minor = 0;
		return 0;
	}
	if (!crm_money_either(v, &a, &b)) {
		money_note(c, v, 0, line);
		return -1;
	}
	if (crm_money_column(rd, col, &l, &val) != M_THREE)
		return -1;
	*minor = b;
	return 0;
}

/*
 * What column col of the file rd shows of its marks (M_THREE, M_OTHER,
 * M_TWO, in that order of weight), with the line and value that show
 * it; -1 for nothing.
 */
int
crm_money_column(struct crm_rd *rd, size_t col, long *line,
    const char **val)
{
	struct money_col *c = money_col(rd, col);
	const struct crm_rec *rec;
	size_t k;
	int m;

	for (k = 0; !c->looked && k < CRM_MONEY_LOOK && c->line[M_THREE] == 0 &&
	    (rec = crm_rd_peek(rd, k)) != NULL; k++) {
		long long minor;
		const char *v;

		if (col >= rec->n || *(v = crm_trim(rec->f[col])) == '\0')
			continue;
		money_note(c, v, parse_money(v, &minor, 0) == 0, rec->line);
	}
	c->looked = 1;
	for (m = 0; m < M_SHOWS; m++)
		if (c->line[m]) {
			*line = c->line[m], *val = c->val[m];
			return m;
		}
	return -1;
}

/*
 * The local word several currencies use ("kr", "kr.", "Rs", "Rs.") that
 * s has as a word of its own, into word (cap bytes); its row of signs[],
 * or NULL for none.
 */
static const struct sign *
money_word(const char *s, char *word, size_t cap)
{
	const struct sign *r;
	const char *p, *e;

	for (p = s; *p; p = e) {
		for (; *p && !isalpha((unsigned char)*p); p++)
			;
		for (e = p; isalpha((unsigned char)*e); e++)
			;
		if (*e == '.')
			e++;
		if (e == p || (size_t)(e - p) >= cap)
			continue;
		memcpy(word, p, (size_t)(e - p));
		word[e - p] = '\0';
		if ((r = sign_row(word)) != NULL && r->code == NULL)
			return r;	/* "kr." and "Rs." are rows too */
	}
	return NULL;
}

/* The codes (" SEK NOK DKK ISK") of the local word s is written with,
 * as money_word finds it; NULL for none. */
const char *
crm_money_word_codes(const char *s)
{
	char word[8];
	const struct sign *r = money_word(s, word, sizeof word);

	return r ? r->codes : NULL;
}

/*
 * An amount written with a local word several currencies use ("kr 120,50",
 * "120,50 kr", "Kr. 99", "Rs. 500") as one written with the code code
 * names, allocated: "SEK 120,50".  code is a currency column's cell or
 * the database's currency, and decides as crm_money_cell decides a
 * currency column's word, the one rule for both: kr is SEK where SEK is
 * the currency.  NULL when code is none the word may be, or s has no
 * such word: then it is not read, as crm does not guess which
 * (crm_money_sign_refusal).
 */
char *
crm_money_word(const char *s, const char *code)
{
	char word[8], c[4];
	const char *p, *at, *codes;
	size_t n;

	code = code ? skip_spaces(code) : "";
	if (strlen(code) < 3 || *skip_spaces(code + 3) != '\0' ||
	    money_word(s, word, sizeof word) == NULL)
		return NULL;
	memcpy(c, code, 3);
	c[3] = '\0';
	if ((at = crm_money_cell(word, c, &codes)) == NULL)
		return NULL;
	n = strlen(word);
	for (p = s; (p = strcasestr(p, word)) != NULL; p++)
		if ((p == s || !isalpha((unsigned char)p[-1])) &&
		    !isalpha((unsigned char)p[n]))
			break;
	if (p == NULL)
		return NULL;
	return crm_xasprintf("%.*s%.3s%s", (int)(p - s), s, at, p + n);
}

/*
 * The currency an amount is written in, when its sign or code names one
 * ("1299.50 EUR", "€12" are EUR): its ISO code; "$" or "¥" for an amount
 * written with a sign several currencies use ("$12": a dollar, "¥12":
 * yen or yuan); NULL for none.  For checking it against the database's
 * (crm_currency_check).
 */
const char *
crm_money_currency(const char *s)
{
	const struct sign *r;
	const char *p;

	for (p = s; *p; p++) {
		if ((r = sign_at(p)) != NULL)
			return r->code;
		if ((p == s || !isalpha((unsigned char)p[-1])) && iso_code(p))
			return iso_code(p);
	}
	return NULL;
}

/*
 * What a currency column's cell v names: its ISO code ("€" and "eur"
 * are EUR, "RMB" CNY, "zł" PLN, "US$" USD); "$" or "¥" themselves, as
 * crm_money_currency says; for a local word several currencies use
 * ("kr", "Rs."), the one of them that db (the database's currency, or
 * NULL) is.  NULL when it names none; *codes is then those it may be,
 * or NULL when it is no currency at all.  "C$" is never "$": a Canadian
 * dollar is not taken as any dollar.
 */
const char *
crm_money_cell(const char *v, const char *db, const char **codes)
{
	const struct sign *r = sign_row(v);
	const char *iso = strlen(v) == 3 ? iso_code(v) : NULL;
	char up[4];
	size_t i;

	*codes = NULL;
	if (r && r->code)
		return r->code;
	if (r) {
		if (db && codes_have(r->codes, db))
			return db;
		*codes = r->codes;
		return NULL;
	}
	if (strlen(v) != 3)
		return NULL;
	for (i = 0; i < 4; i++)
		up[i] = (char)toupper((unsigned char)v[i]);
	return iso ? iso : iso_code(up);
}

/*
 * minor as an exact decimal with the database's digits: "1299.50", or
 * "1500" where the currency has no minor unit (a figure worked out in
 * hundredths, an average, rounded half away from zero there, as
 * CRM_SQL_MONEY does).
 */
char *
crm_fmt_money(long long minor, char buf[32])
{
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor :
	    (unsigned long long)minor;
	char *p = buf;

	if (money_digits == 0) {
		a = a / 100 + (a % 100 >= 50);
		if (minor < 0 && a > 0)
			*p++ = '-';
		crm_fmt_int((long long)a, p);	/* < 2^63 / 100 + 1 */
		return buf;
	}
	if (minor < 0)
		*p++ = '-';
	crm_fmt_int((long long)(a / 100), p);	/* < 2^63 / 100 */
	p += strlen(p);
	*p++ = '.';
	*p++ = (char)('0' + a % 100 / 10);
	*p++ = (char)('0' + a % 10);
	*p = '\0';
	return buf;
}

/*
 * *sum += v, exactly, for a figure that is added up (a report's revenue
 * of a group): 0, or -1 with the error kept when the sum would pass what
 * 64 bits hold, naming the figure, its group and the limit, where it
 * would have wrapped round to a wrong figure.
 */
int
crm_sum_add(long long *sum, long long v, const char *what, const char *group)
{
	if (!__builtin_add_overflow(*sum, v, sum))
		return 0;
	return crm_fail(CRM_EX_DATAERR, "the %s%s%s adds up past the largest "
	    "sum crm keeps, " CRM_SUM_LIMIT, what, group ? " of " : "", group ?
	    group : "");
}

/* CRM_SQL_MONEY() around an expression made at run time. */
void
crm_sql_money(struct crm_buf *b, const char *e)
{
	crm_buf_addf(b, "CASE WHEN " CRM_SQL_WHOLE " THEN printf('%%s%%d', "
	    "CASE WHEN (%s) <= -50 THEN '-' ELSE '' END, (abs(%s) + 50) / "
	    "100) ELSE printf('%%s%%d.%%02d', CASE WHEN (%s) < 0 THEN '-' "
	    "ELSE '' END, abs(%s) / 100, abs(%s) %% 100) END", e, e, e, e, e);
}

/*
 * Whether s reads as an amount in either convention, 1,234.56 or
 * 1.234,56 (a spreadsheet's totals line, whatever --decimal-comma says).
 */
int
crm_is_amount(const char *s)
{
	int was = decimal_comma, yes;
	long long minor;

	yes = crm_parse_money(s, &minor) == 0;
	if (!yes) {
		decimal_comma = !was;
		yes = crm_parse_money(s, &minor) == 0;
		decimal_comma = was;
	}
	return yes;
}

/*
 * A probability as written, the other number crm reads in the user's
 * notation: its value in millionths of what is written (0.125 or 12.5),
 * exact to six decimals (*inexact when a digit past them is not a 0),
 * and whether a '%' follows, after spaces or the no-break spaces a
 * French sheet writes ("12,5 %").  Digits and one decimal mark only:
 * a hex "0x1A", an exponent "1e2", a '+', a thousands mark, the other
 * decimal mark are no probability, where strtod would read the first
 * three.  0, or -1.
 */
struct pct {
	long long micro;
	int sign, inexact, minus;
};

static int
pct_read(const char *s, struct pct *p)
{
	static const long long scale[] = { 100000, 10000, 1000, 100, 10, 1 };
	char mark = decimal_comma ? ',' : '.';
	int digits = 0, decimals = 0;
	size_t n;

	memset(p, 0, sizeof *p);
	s = skip_spaces(s);
	if ((n = minus_len(s)) != 0)
		p->minus = 1, s += n;
	for (; isdigit((unsigned char)*s); s++, digits++)	/* 1e9: past 100 */
		p->micro = p->micro < 100000000 ? p->micro * 10 + *s - '0' :
		    1000000000;
	p->micro *= 1000000;
	if (*s == mark) {
		for (s++; isdigit((unsigned char)*s); s++, decimals++)
			if (decimals < 6)
				p->micro += (*s - '0') * scale[decimals];
			else if (*s != '0')
				p->inexact = 1;
		if (decimals == 0)
			return -1;
	}
	if (digits + decimals == 0)
		return -1;
	s = skip_spaces(s);
	if (*s == '%')
		p->sign = 1, s = skip_spaces(s + 1);
	return *s ? -1 : 0;
}

/*
 * What a probability cell is, for telling a column of fractions (a
 * spreadsheet's percent cells as numbers: 0.125 for 12.5%) from one of
 * percents: one of CRM_PCT_* (crm.h).
 */
int
crm_percent_kind(const char *s)
{
	struct pct p;

	if (pct_read(s, &p) < 0 || p.minus)
		return CRM_PCT_NONE;
	if (p.sign || p.micro > 1000000 || (p.micro == 1000000 && p.inexact))
		return CRM_PCT_PERCENT;
	if (p.micro == 0 && !p.inexact)
		return CRM_PCT_ZERO;
	return p.micro == 1000000 ? CRM_PCT_ONE : CRM_PCT_PART;
}

/* micro (millionths) as a decimal in the user's notation: "12,5". */
static char *
fmt_micro(long long micro, char buf[32])
{
	int n = snprintf(buf, 32, "%lld%c%06lld", micro / 1000000,
	    decimal_comma ? ',' : '.', micro % 1000000);

	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && (buf[n - 1] == '.' || buf[n - 1] == ','))
		buf[--n] = '\0';
	return buf;
}

/*
 * A deal's probability as written, s, into *pct: a whole percent from 0
 * to 100, "20", "20%", "20 %", "20.00%" (the decimal mark is
 * --decimal-comma's, "20,00 %"), or with fraction set and no '%', a
 * fraction of one ("0.2", as HubSpot exports it and as a percent cell
 * of a sheet holds it).  The schema keeps whole percents, so "12.5%" is
 * refused, never rounded: the weighted pipeline would sum the rounded
 * figure.  NULL, or what is wrong with s, with the way out, in a static
 * buffer: the one reading of --probability and an import's column.
 */
const char *
crm_parse_percent(const char *s, int fraction, int *pct)
{
	static char msg[400];
	char a[32], b[32], c[32], alt[80];
	struct pct p;
	long long pm, lo;	/* in millionths of a percent */
	int frac, was = decimal_comma, other;

	if (pct_read(s, &p) < 0 || p.minus) {
		decimal_comma = !was;	/* "12,5": the other mark would read it */
		other = pct_read(s, &p) == 0 && !p.minus;
		decimal_comma = was;
		snprintf(alt, sizeof alt, "; %s %s", was ? "the mark is ',' "
		    "with" : "for a decimal comma say",
		    crm_optname("decimal-comma"));
		snprintf(msg, sizeof msg, "'%.40s' is not a probability (%s%s)",
		    s, fraction ? "a fraction from 0 to 1, as 0.2 for 20%; or "
		    "a percentage with its sign, 20%" : "a whole percent from 0 "
		    "to 100, as 20 or 20%", other ? alt : "");
		return msg;
	}
	frac = fraction && !p.sign;
	pm = frac ? p.micro * 100 : p.micro;
	if (pm > 100000000 || (pm == 100000000 && p.inexact)) {
		snprintf(msg, sizeof msg, "'%.40s' is not a probability (%s)", s,
		    frac ? "a fraction from 0 to 1, as 0.2 for 20%; or a "
		    "percentage with its sign, 20%" : "a whole percent from 0 "
		    "to 100, as 20 or 20%");
		return msg;
	}
	if (pm % 1000000 == 0 && !p.inexact) {
		*pct = (int)(pm / 1000000);
		return NULL;
	}
	lo = pm / 1000000 * 1000000;
	if (frac)
		snprintf(msg, sizeof msg, "'%.40s' is %s%%, not a whole percent: "
		    "crm keeps a deal's probability in whole percents; round it "
		    "to %s or %s", s, fmt_micro(pm, a), fmt_micro(lo / 100, b),
		    fmt_micro((lo + 1000000) / 100, c));
	else
		snprintf(msg, sizeof msg, "'%.40s' is not a whole percent: crm "
		    "keeps a deal's probability in whole percents; round it to "
		    "%s%s or %s%s%s%s%s", s, fmt_micro(lo, a), p.sign ? "%" :
		    "", fmt_micro(lo + 1000000, b), p.sign ? "%" : "",
		    !p.sign && pm < 1000000 ? " (a fraction of one? then it is "
		    : "", !p.sign && pm < 1000000 ? fmt_micro(pm * 100, c) : "",
		    !p.sign && pm < 1000000 ? "%)" : "");
	return msg;
}
