/*
 * key.c - the one normaliser for the keys a customer is found by: e-mail
 * addresses, ids and names, in arguments, streams, imports and merges
 * alike, so that what is stored and what is looked up always agree.
 *
 * An e-mail is trimmed of white space (including the no-break and
 * ideographic spaces and the byte order mark that spreadsheets leave)
 * and lower-cased as a whole in Unicode: JÜRGEN@Example.DE and
 * jürgen@example.de are one address; and in Unicode's NFC (nfc.c), so
 * that a ü typed as one character and one typed as u and a combining
 * diaeresis are one too; and without a leading mailto: (a link's).
 * Lower case comes from glibc's C.UTF-8 locale, which every glibc since
 * 2.35 has built in, whatever locale the program runs under; without it
 * only ASCII is folded.
 */
#include <locale.h>
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

/* Is the space-like character at s n bytes long (0: not one)? */
static size_t
blank_len(const char *s)
{
	static const char *const wide[] = {
		"\xc2\xa0",		/* no-break space */
		"\xe2\x80\xaf",		/* narrow no-break space */
		"\xe3\x80\x80",		/* ideographic space */
		"\xef\xbb\xbf",		/* byte order mark */
		"\xe2\x80\x8b",		/* zero width space */
	};
	unsigned char c = (unsigned char)*s;
	size_t i, n;

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return 1;
	if (c != 0xc2 && c != 0xe2 && c != 0xe3 && c != 0xef)
		return 0;	/* the lead bytes of those below: most are not */
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (strncmp(s, wide[i], n = strlen(wide[i])) == 0)
			return n;
	return 0;
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
	char *copy = crm_xstrdup(s),
	    *e = crm_key_fold(crm_key_mailto(crm_key_trim(copy))),
	    *n = crm_nfc(e);

	free(copy);
	free(e);
	return n;
}

/*
 * A phone number as two numbers are compared, allocated: its digits
 * alone, so that "+44 7700 900123", "+447700900123" and "'+44 (7700)
 * 900-123" (Excel's text mark) are one; "00" before a country code is
 * the "+" written another way.  crm stores a phone as it was written:
 * this is only for finding a customer by it.
 */
char *
crm_key_phone(const char *s)
{
	char *d = crm_xmalloc(strlen(s) + 1), *p = d;

	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			*p++ = *s;
	*p = '\0';
	if (d[0] == '0' && d[1] == '0')
		memmove(d, d + 2, strlen(d + 2) + 1);
	return d;
}
