/*
 * key.c - the one normaliser for the keys a customer is found by: e-mail
 * addresses, ids and names, in arguments, streams, imports and merges
 * alike, so that what is stored and what is looked up always agree.
 *
 * An e-mail is trimmed of white space (including the no-break and
 * ideographic spaces and the byte order mark that spreadsheets leave),
 * has the zero width spaces and soft hyphens a web page leaves taken out
 * wherever they are (crm_invisible_len, util.c),
 * and lower-cased as a whole in Unicode: JÜRGEN@Example.DE and
 * jürgen@example.de are one address; and in Unicode's NFC (nfc.c), so
 * that a ü typed as one character and one typed as u and a combining
 * diaeresis are one too; and without a leading mailto: (a link's).
 * Lower case comes from glibc's C.UTF-8 locale, which every glibc since
 * 2.35 has built in, whatever locale the program runs under; without it
 * only ASCII is folded.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "crm.h"

/* Code point at s (valid UTF-8: the readers checked), its length in *n. */
static unsigned long
decode(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80 || ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) != 0x80))
		return *n = 1, s[0];
	if ((s[0] & 0xe0) == 0xc0)
		return *n = 2, (s[0] & 0x1fUL) << 6 | (s[1] & 0x3f);
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80)
		return *n = 3, (s[0] & 0x0fUL) << 12 | (s[1] & 0x3fUL) << 6 |
		    (s[2] & 0x3f);
	if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80)
		return *n = 4, (s[0] & 0x07UL) << 18 | (s[1] & 0x3fUL) << 12 |
		    (s[2] & 0x3fUL) << 6 | (s[3] & 0x3f);
	return *n = 1, s[0];	/* not UTF-8: kept byte for byte */
}

static locale_t
utf8_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

/* Is the space-like character at s n bytes long (0: not one)?  Unicode's
 * spaces and invisible characters (crm_invisible_len) as well. */
static size_t
blank_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	int space;

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return 1;
	return c >= 0x80 ? crm_invisible_len(s, &space) : 0;
}

/* s without the white space around it, in place. */
char *
crm_key_trim(char *s)
{
	char *p, *last;
	size_t n;

	while ((n = blank_len(s)))
		s += n;
	for (p = last = s; *p; ) {
		if ((n = blank_len(p))) {
			p += n;
		} else {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
			last = p;
		}
	}
	*last = '\0';
	return s;
}

/*
 * The character at p in Unicode lower case, appended to b: how many bytes
 * of p it was.  (A byte that is not UTF-8 is kept as it is.)
 */
size_t
crm_key_fold_char(const char *p, struct crm_buf *b)
{
	const unsigned char *u = (const unsigned char *)p;
	locale_t loc = utf8_locale();
	unsigned long c;
	size_t n;

	c = decode(u, &n);
	if (c < 0x80)
		c = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
	else if (n > 1 && loc)
		c = (unsigned long)towlower_l((wint_t)c, loc);
	if (n == 1 && *u >= 0x80)
		crm_buf_addc(b, (char)*u);
	else
		crm_utf8_encode(b, c);
	return n;
}

/* s in Unicode lower case, allocated. */
char *
crm_key_fold(const char *s)
{
	struct crm_buf b = { 0 };

	crm_buf_add(&b, "", 0);
	while (*s)
		s += crm_key_fold_char(s, &b);
	return b.s;
}

/*
 * A name as names are compared, allocated: in lower case and without
 * accents (crm_unaccent), so that a shop's "JOSE NUNEZ" is "José Núñez"
 * (qa50 F5).  Only for comparing: a name is kept as written.
 */
char *
crm_name_fold(const char *s)
{
	char *u = crm_unaccent(s), *f = crm_key_fold(u);

	free(u);
	return f;
}

/*
 * s past a leading "mailto:" (in any case), and the blanks after it: a
 * cell copied from a web page or a spreadsheet's link holds the link,
 * and mailto:ann@example.com is ann@example.com.  A link's headers
 * (mailto:ann@example.com?subject=Hi, RFC 6068) are cut off at its '?':
 * only a link's, since a bare address may have one before its @.
 */
char *
crm_key_mailto(char *s)
{
	char *at, *q;

	if (strncasecmp(s, "mailto:", 7) != 0)
		return s;
	s = crm_key_trim(s + 7);
	if ((at = strchr(s, '@')) != NULL && (q = strchr(at, '?')) != NULL) {
		*q = '\0';
		s = crm_key_trim(s);
	}
	return s;
}

/*
 * The e-mail address s as it is stored and looked up, allocated: also in
 * Unicode's NFC (nfc.c), so that a composed and a decomposed ü are one.
 */
char *
crm_key_email(const char *s)
{
	char *copy = crm_xstrdup(s), *e, *n;

	/* a zero width space or a soft hyphen pasted into an address is
	 * no part of it (crm_invisible_len); a no-break space stays, to be
	 * refused as a space is (crm_email_valid) */
	crm_invisible_fold(copy, 0);
	e = crm_key_fold(crm_key_mailto(crm_key_trim(copy)));
	n = crm_nfc(e);

	free(copy);
	free(e);
	return n;
}

/*
 * The country codes of ITU-T E.164 two digits long (the list is prefix
 * free: 1 and 7 are the codes one digit long, every other code is three).
 */
static const char cc2[][3] = {
	"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41",
	"43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54",
	"55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
	"81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
};

/* The length of the country code the digits d of an international number begin with. */
static size_t
cc_len(const char *d)
{
	size_t i;

	if (d[0] == '1' || d[0] == '7')
		return 1;
	for (i = 0; i < sizeof cc2 / sizeof cc2[0]; i++)
		if (d[0] == cc2[i][0] && d[1] == cc2[i][1])
			return 2;
	return 3;
}

/*
 * The home country (crm country): its ISO code, calling code and trunk
 * prefix (country.c), for the process, as a run has one database (db.c
 * sets it when the database is opened, as it sets the digits amounts
 * are printed with); NULL when none is set.  With one, a number written
 * without a country code is the home country's, and whether two numbers
 * are one is sure (home_full); without, a match across writings is a
 * guess (crm_phone_same).
 */
static const char *home_iso, *home_cc, *home_trunk;

/* Make iso (any case; NULL or "" for none) the home country: its code as
 * the table spells it, or NULL for none or one the table lacks. */
const char *
crm_phone_set_home(const char *iso)
{
	home_cc = iso && *iso ? crm_country_cc(iso, &home_iso, &home_trunk) :
	    NULL;
	if (home_cc == NULL)
		home_iso = home_trunk = NULL;
	return home_iso;
}

/* The home country's ISO code, or NULL when none is set. */
const char *
crm_phone_home(void)
{
	return home_iso;
}

/* The home country db keeps (the setting "country") made the process's:
 * its ISO code, or NULL for none. */
const char *
crm_phone_home_load(struct crm_db *db)
{
	char *v = crm_setting(db, "country");
	const char *iso = crm_phone_set_home(v);

	free(v);
	return iso;
}

/*
 * Make iso (an ISO 3166-1 alpha-2 code in any case, or NULL for none)
 * db's home country and the process's, audited: 0, or -1 for a code
 * country.c does not have (nothing changed) or a failed write.
 */
int
crm_phone_home_put(struct crm_db *db, const char *iso)
{
	const char *name = NULL, *trunk;

	if (iso && crm_country_cc(iso, &name, &trunk) == NULL)
		return -1;
	crm_setting_put(db, "country", name);
	crm_phone_set_home(name);
	return crm_db_failed(db) ? -1 : 0;
}

/* Do the digits d of an international number begin with the home
 * country's calling code? */
static int
home_code(const char *d)
{
	size_t n = home_cc ? strlen(home_cc) : 0;

	return n && cc_len(d) == n && strncmp(d, home_cc, n) == 0;
}

/*
 * Are the digits d to p (not yet ended) a calling code written as
 * international ("+49", "0049") whose country writes a trunk 0?  Then a
 * "(0" after it opens its area code written as at home ("+49 (030)
 * 1234567"), the 0 no digit of the number; not Italy's ("+39 (06) ..."
 * keeps it), whose numbers have no trunk prefix.
 */
static int
trunk_bracket(char *d, char *p, int plus)
{
	const char *cc = d, *trunk;

	*p = '\0';
	if (!plus && (d[0] != '0' || d[1] != '0'))
		return 0;
	if (!plus)
		cc += 2;
	if (*cc == '\0' || cc_len(cc) != strlen(cc))
		return 0;
	trunk = crm_country_trunk(cc, strlen(cc));
	return trunk && strcmp(trunk, "0") == 0;
}

/*
 * Where a phone number's extension begins: a letter after its first
 * digit ("x5", "ext. 5", "extension 5"), "#5", RFC 3966's ";ext=5", a
 * comma (a dialler's pause before it), or 转 or 分机 ("010-12345678转5").
 * The number reached is the same whatever the extension, and a person's
 * extension is written one way in one system and another way (or not
 * at all) in the next.
 */
static int
ext_starts(const char *s, int digits)
{
	unsigned char c = (unsigned char)*s;

	return digits && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	    c == '#' || c == ';' || c == ',' ||
	    strncmp(s, "\xe8\xbd\xac", 3) == 0 ||	/* 转 */
	    strncmp(s, "\xe5\x88\x86\xe6\x9c\xba", 6) == 0);	/* 分机 */
}

/*
 * A phone number's digits into d (room for strlen(s) + 1), without its
 * extension and without a "(0)" written after a country code ("+44 (0)
 * 7700 900123") or the 0 of a "(0" there ("+49 (030) 1234567":
 * trunk_bracket); "00" before a country code is the "+" written another
 * way, and so is "011" in a North American home (its international
 * prefix: no area code begins with 0).  Mexico's mobiles had a 1 after
 * +52 until 2019 and have none now ("+52 1 55 1234 5678" is "+52 55 1234
 * 5678"): its national numbers are ten digits beginning 2 to 9
 * (libphonenumber's), so a 1 before ten such is that 1.  1 when it is
 * written as international (with "+", "00" or "011").
 */
static int
phone_digits(const char *s, char *d)
{
	char *p = d;
	int plus = 0, skip;

	for (; *s && !ext_starts(s, p > d); s++) {
		if (*s == '+' && p == d)
			plus = 1;
		else if (strncmp(s, "(0)", 3) == 0 && p > d)
			s += 2;
		else if (s[0] == '(' && s[1] == '0' && p > d &&
		    trunk_bracket(d, p, plus))
			s++;
		else if (*s >= '0' && *s <= '9')
			*p++ = *s;
	}
	*p = '\0';
	skip = d[0] == '0' && d[1] == '0' ? 2 : !plus && home_cc &&
	    strcmp(home_cc, "1") == 0 && strncmp(d, "011", 3) == 0 ? 3 : 0;
	if (skip) {
		memmove(d, d + skip, strlen(d + skip) + 1);
		plus = 1;
	}
	if (plus && strncmp(d, "521", 3) == 0 && strlen(d) == 13 &&
	    d[3] >= '2')
		memmove(d + 2, d + 3, strlen(d + 3) + 1);
	return plus;
}

/*
 * The digits of phone s as it is dialled from abroad, allocated, with a
 * home country set: a number written as international as it is (the
 * home's trunk prefix after its own code dropped: "+44 020 ..." typed
 * for "+44 20 ..."), one written without a country code the home
 * country's, its trunk prefix dropped (with home GB "07700 900123" is
 * 447700900123; with IN "98765 43210" is 919876543210; with RU "8 (912)
 * 345-67-89" is 79123456789; with US "1 206 555 0111" is 12065550111).
 */
static char *
home_full(const char *s)
{
	size_t cl = strlen(home_cc), tl = strlen(home_trunk);
	char *d = crm_xmalloc(strlen(s) + cl + 1), *n = d;

	if (phone_digits(s, d)) {
		if (tl && home_code(d) && strncmp(d + cl, home_trunk, tl) == 0)
			memmove(d + cl, d + cl + tl, strlen(d + cl + tl) + 1);
		return d;
	}
	if (tl && strncmp(d, home_trunk, tl) == 0)
		n += tl;
	memmove(d + cl, n, strlen(n) + 1);
	memcpy(d, home_cc, cl);
	return d;
}

/* Are a and b one number dialled from abroad, with a home country set
 * (home_full)?  2 when they are (their digits differ), else 0. */
static int
home_same(const char *a, const char *b)
{
	char *fa = home_full(a), *fb = home_full(b);
	int same = strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return same ? 2 : 0;
}

/*
 * A phone number as two numbers are compared, allocated: its digits
 * alone (phone_digits), so that "+44 7700 900123", "+447700900123",
 * "'+44 (7700) 900-123" (Excel's text mark), "+44 (0) 7700 900123" and
 * "+44 7700 900123 ext 5" are one.  crm stores a phone as it was
 * written: this is only for finding a customer by it.
 */
char *
crm_key_phone(const char *s)
{
	char *d = crm_xmalloc(strlen(s) + 1);

	phone_digits(s, d);
	return d;
}

/*
 * A phone number's national significant number, allocated, or NULL: the
 * digits after the country code of a number written as international,
 * the digits after the trunk prefix 0 of one written in national form
 * ("07700 900123"); a 0 after the country code is dropped too (Italy
 * keeps it: "+39 06 ..." is "06 ..." at home).  NULL for a number
 * written neither way ("5550100", "447700900123": which digits are the
 * country's is not known) and for fewer than six digits left, too few
 * to tell two numbers apart.  *intl says which form it was.
 */
char *
crm_key_phone_national(const char *s, int *intl)
{
	char *d = crm_xmalloc(strlen(s) + 1), *n = d;
	size_t len;

	*intl = phone_digits(s, d);
	len = strlen(d);
	if (*intl && len > 3)
		n += cc_len(d);
	else if (!*intl && home_trunk && *home_trunk &&
	    strcmp(home_trunk, "0") != 0 &&
	    strncmp(d, home_trunk, strlen(home_trunk)) == 0)
		n += strlen(home_trunk);	/* Russia's 8, Hungary's 06 */
	else if (*intl || d[0] != '0')
		n += len;	/* neither form: none */
	if (*n == '0')
		n++;
	if (strlen(n) < 6) {
		free(d);
		return NULL;
	}
	memmove(d, n, strlen(n) + 1);
	return d;
}

/*
 * Are the digits n ten beginning 2 to 9, as a North American number is
 * written at home ("(206) 555-0111")?  Such digits are not taken for
 * another country's number after its code ("+44 20 6555 0111"): a US
 * system writes them with no country, and two numbers are lost one into
 * the other.  Only the countries whose ten-digit numbers are written so
 * at home have their numbers found by them (bare_ten).
 */
static int
nanp_shaped(const char *n)
{
	return strlen(n) == 10 && n[0] >= '2';
}

/*
 * Do the digits d of an international number begin with the code of a
 * country that writes its ten-digit numbers at home with no trunk
 * prefix: North America (1), Italy (39, its mobiles "347 123 4567"),
 * Greece (30, none since 2002), Mexico (52, none since 2019)?
 */
static int
bare_ten(const char *d)
{
	return d[0] == '1' || strncmp(d, "39", 2) == 0 ||
	    strncmp(d, "30", 2) == 0 || strncmp(d, "52", 2) == 0;
}

/*
 * A phone number's digits as a national number without a trunk prefix
 * is written, allocated, or NULL: the digits after the country code of a
 * number written as international, all the digits of one written with
 * neither "+", "00" nor a trunk 0.  Countries without a trunk prefix
 * write their numbers so at home: China's mobiles ("13800138000" is
 * "+86 138 0013 8000"), Italy's mobiles, Spain's, Norway's.  Unlike
 * crm_key_phone_national no 0 is dropped, so the two are one only when
 * the digits are the whole national significant number, not a suffix of
 * it.  NULL for fewer than seven digits, too few to tell numbers apart
 * without knowing the country, and for ten digits after the code of a
 * country that does not write them so (nanp_shaped).  *intl says which
 * form it was.
 */
char *
crm_key_phone_bare(const char *s, int *intl)
{
	char *d = crm_xmalloc(strlen(s) + 1), *n = d;

	*intl = phone_digits(s, d);
	if (*intl)
		n += strlen(d) > 3 ? cc_len(d) : strlen(d);
	if (*n == '0' || strlen(n) < 7 ||	/* a trunk 0: the other key's */
	    (*intl && nanp_shaped(n) && !bare_ten(d) && !home_code(d))) {
		free(d);
		return NULL;
	}
	memmove(d, n, strlen(n) + 1);
	return d;
}

/*
 * The digits of a phone number's extension (after ext_starts) into d
 * (room for strlen(s) + 1): "" when it has none.
 */
static void
ext_digits(const char *s, char *d)
{
	int digits = 0;

	for (; *s && !ext_starts(s, digits); s++)
		digits |= *s >= '0' && *s <= '9';
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			*d++ = *s;
	*d = '\0';
}

/*
 * Do a and b both have an extension, and other ones?  Then they are two
 * lines (two people at one switchboard), whatever the number: an
 * extension on one side only may be the same line written without it.
 */
static int
ext_differ(const char *a, const char *b)
{
	char *ea = crm_xmalloc(strlen(a) + 1), *eb = crm_xmalloc(strlen(b) + 1);
	int differ;

	ext_digits(a, ea);
	ext_digits(b, eb);
	differ = *ea && *eb && strcmp(ea, eb) != 0;
	free(ea);
	free(eb);
	return differ;
}

/*
 * Are a and b one phone number written alike: the same digits and the
 * same extension (or none on either side)?  Among several customers whose
 * phones are crm_phone_same, the one whose number this is.
 */
int
crm_phone_exact(const char *a, const char *b)
{
	char *da = crm_key_phone(a), *db = crm_key_phone(b);
	char *ea = crm_xmalloc(strlen(a) + 1), *eb = crm_xmalloc(strlen(b) + 1);
	int same;

	ext_digits(a, ea);
	ext_digits(b, eb);
	same = *da && strcmp(da, db) == 0 && strcmp(ea, eb) == 0;
	free(da);
	free(db);
	free(ea);
	free(eb);
	return same;
}

/*
 * The ten digits of a North American number into d (room for strlen(s)
 * + 1), or 0 when s is none: "+1" and ten digits, or in national form
 * ten digits or "1" and ten (the 1 is the trunk prefix there, as 0 is in
 * Britain), the ten not beginning with 0 or 1 (no area code does).  The
 * national form is the one a US system writes ("(206) 555-0111"): a
 * seven-digit local number is not one, as which area it is in is not
 * written.
 */
static int
nanp_digits(const char *s, char *d, int *intl)
{
	size_t len;

	*intl = phone_digits(s, d);
	len = strlen(d);
	if (len == 11 && d[0] == '1') {
		memmove(d, d + 1, len);
		len--;
	} else if (*intl)
		return 0;
	return len == 10 && d[0] >= '2';
}

/*
 * Are a and b one North American number, however written (nanp_digits),
 * with no home country set?  crm_key_phone_national gives no national
 * significant number for a national number without a trunk 0, as which
 * country it is in is not written; crm_key_phone_bare matches such
 * digits with the whole number after any country code, but not the
 * trunk 1 a US system may write before them ("1 206 555 0111").  Such a
 * 1 is matched here: one US system writes "(206) 555-0111" and the next
 * "+1 206 555 0111".  2 for two numbers in national form (the trunk 1
 * says North America), 3 for one with +1 and one without, a guess as
 * every match across writings is without a home country (the ten digits
 * may be India's, "98765 43210"); else 0.
 */
static int
nanp_same(const char *a, const char *b)
{
	char *da = crm_xmalloc(strlen(a) + 1), *db = crm_xmalloc(strlen(b) + 1);
	int same, ia, ib;

	same = nanp_digits(a, da, &ia) && nanp_digits(b, db, &ib) &&
	    strcmp(da, db) == 0;
	free(da);
	free(db);
	return !same ? 0 : ia == ib ? 2 : 3;
}

/*
 * Are a and b one number for a customer's list of them: crm_phone_same,
 * and the same extension or none on both sides ("+44 20 7946 0777" and
 * "+442079460777" are one; "+1 555 0100" and "+1 555 0100 x5" are two
 * numbers to keep, though a row without the extension finds the line).
 */
int
crm_phone_one(const char *a, const char *b)
{
	char *ea, *eb;
	int same;

	if (!crm_phone_same(a, b))
		return 0;
	ea = crm_xmalloc(strlen(a) + 1), eb = crm_xmalloc(strlen(b) + 1);
	ext_digits(a, ea);
	ext_digits(b, eb);
	same = strcmp(ea, eb) == 0;
	free(ea);
	free(eb);
	return same;
}

/*
 * Are a and b one number written two ways, one as international and the
 * other not, with the same national digits in form 'N' (a trunk 0:
 * crm_key_phone_national) or 'B' (none: crm_key_phone_bare)?  The form,
 * and in *intl the one written as international; else 0.
 */
static int
cross_form(const char *a, const char *b, const char **intl)
{
	char *(*key[2])(const char *, int *) = {
		crm_key_phone_national, crm_key_phone_bare
	};
	char *na, *nb;
	int ia, ib, i, same = 0;

	for (i = 0; i < 2 && !same; i++) {
		na = key[i](a, &ia);
		nb = key[i](b, &ib);
		same = na && nb && ia != ib && strcmp(na, nb) == 0;
		free(na);
		free(nb);
	}
	*intl = ia ? a : b;
	return same ? (i == 1 ? 'N' : 'B') : 0;
}

/*
 * Are a and b one phone number?  1 when their digits are
 * (crm_key_phone), else 0 unless both have digits.  With a home country
 * set (crm country) a number written without a country code is the home
 * country's, so two numbers are one exactly when they are dialled alike
 * from abroad (home_full): 2, sure ("+447700900123" and "07700 900123"
 * with home GB), and never one when the number written as international
 * is another country's ("+33 7700 900123" is a stranger in France).
 * Without one, which country a number written nationally is in crm does
 * not know: one written as international and the other in national form
 * with the same national significant number (crm_key_phone_national:
 * "+447700900123" and "07700 900123"), or the other with no prefix at
 * all, its digits the whole national significant number
 * (crm_key_phone_bare: "+86 138 0013 8000" and "13800138000"; not
 * "(206) 555-0111" and "+44 20 6555 0111": nanp_shaped), or one North
 * American number (nanp_same) is 3, a guess, and the caller says so
 * (crm_phone_cross_note).  Reading a home country from the customers'
 * numbers written as international was tried and was wrong where it
 * matters (qa29): a business types its own country's numbers nationally
 * and its foreign customers' with their code, so the code they shared
 * was a foreign country's.  Two international numbers of other
 * countries are never one, nor two numbers with other extensions
 * (ext_differ).  An extension on one side only matches: the caller
 * takes such a match only when it is the only one.
 */
int
crm_phone_same(const char *a, const char *b)
{
	const char *intl;
	char *da, *db;
	int same;

	if (ext_differ(a, b))
		return 0;
	da = crm_key_phone(a), db = crm_key_phone(b);
	same = !*da || !*db ? 0 : strcmp(da, db) == 0 ? 1 : -1;
	free(da);
	free(db);
	if (same >= 0)
		return same;
	if (home_cc)
		return home_same(a, b);
	return cross_form(a, b, &intl) ? 3 : nanp_same(a, b);
}

/*
 * Customer id found by key, her phone theirs, as one number written
 * another way (same: crm_phone_same's 2, or 3 for a guess): counted in
 * db, the first kept (a guess first), to be said once
 * (crm_phone_cross_say): a stranger's call from abroad may have a
 * customer's digits.
 */
void
crm_phone_cross_note(struct crm_db *db, const char *key, long long id,
    const char *theirs, int same)
{
	if (db->phone_cross++ == 0 || (same == 3 && db->phone_guess == 0))
		snprintf(db->phone_cross_first, sizeof db->phone_cross_first,
		    "%.60s as customer %lld's %.60s", key, id, theirs);
	db->phone_guess += same == 3;
}

/*
 * Say the customers found by a number written another way since the
 * last time, once, where that was a guess (no home country set: crm
 * country): of the command line's key (where NULL), or of a file or
 * stream named where, with how many and the first.  A match the home
 * country makes sure is the same number, as crm-add takes it: not said,
 * or a US database would hear of every Twilio call on every import.
 */
void
crm_phone_cross_say(struct crm_db *db, const char *where)
{
	char num[32], why[200];

	if (db->phone_guess == 0) {
		db->phone_cross = 0;
		return;
	}
	snprintf(why, sizeof why, "one number if both are in one country, "
	    "which crm does not know (crm country CC names the home country "
	    "and makes such numbers sure)");
	if (where == NULL)
		fprintf(stderr, "%s: %s taken: %s\n", crm_prog,
		    db->phone_cross_first, why);
	else
		fprintf(stderr, "%s: %s: %s number%s taken as customers' "
		    "written with a country code and without (the first: "
		    "%s): %s\n", crm_prog, where,
		    crm_fmt_count((long)db->phone_guess, num),
		    db->phone_guess == 1 ? "" : "s", db->phone_cross_first,
		    why);
	db->phone_cross = db->phone_guess = 0;
}
