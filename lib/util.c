/*
 * util.c - memory, growing buffers, strings, lists and UTF-8 for every
 * crm program.
 *
 * Allocation failure is not recoverable in a command-line tool, so the
 * crm_x* functions never return NULL: they call crm_oom() (err.c).
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm.h"

void *
crm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		crm_oom();
	return p;
}

void *
crm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		crm_oom();
	return p;
}

void *
crm_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		crm_oom();
	return p;
}

void *
crm_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		crm_oom();
	return crm_xrealloc(p, n * size);
}

char *
crm_xstrdup(const char *s)
{
	return crm_xstrndup(s, strlen(s));
}

char *
crm_xstrndup(const char *s, size_t n)
{
	char *p = crm_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
crm_xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)	/* only a wide character that cannot be: none */
		n = 0;
	s = crm_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
crm_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = crm_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static void
buf_grow(struct crm_buf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = crm_xrealloc(b->s, b->cap);
}

void
crm_buf_add(struct crm_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
crm_buf_adds(struct crm_buf *b, const char *s)
{
	crm_buf_add(b, s, strlen(s));
}

void
crm_buf_addc(struct crm_buf *b, char c)
{
	crm_buf_add(b, &c, 1);
}

void
crm_buf_addf(struct crm_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
crm_buf_free(struct crm_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
crm_buf_reset(struct crm_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

const char *
crm_buf_str(struct crm_buf *b)
{
	return b->s ? b->s : "";
}

/* Code point c in UTF-8 onto the end of b. */
void
crm_utf8_encode(struct crm_buf *b, unsigned long c)
{
	if (c < 0x80) {
		crm_buf_addc(b, (char)c);
	} else if (c < 0x800) {
		crm_buf_addc(b, (char)(0xc0 | c >> 6));
		crm_buf_addc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		crm_buf_addc(b, (char)(0xe0 | c >> 12));
		crm_buf_addc(b, (char)(0x80 | (c >> 6 & 0x3f)));
		crm_buf_addc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		crm_buf_addc(b, (char)(0xf0 | c >> 18));
		crm_buf_addc(b, (char)(0x80 | (c >> 12 & 0x3f)));
		crm_buf_addc(b, (char)(0x80 | (c >> 6 & 0x3f)));
		crm_buf_addc(b, (char)(0x80 | (c & 0x3f)));
	}
}

/*
 * Length of the UTF-8 sequence at s (at most n bytes) and its code point,
 * or 0 when it is not well-formed (overlong forms and surrogates refused).
 */
size_t
crm_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * b's bytes, in charset, converted to UTF-8 in place: a value whose
 * character set is named apart from the file's bytes (a vCard's CHARSET,
 * an LDIF base64 value read with --encoding).  0; -1 for a charset iconv
 * does not know; -2 for bytes that are not valid in it (b unchanged).
 */
int
crm_to_utf8(struct crm_buf *b, const char *charset)
{
	struct crm_buf t = { 0 };
	iconv_t cd;
	char *in, *out;
	size_t in_left, out_left, r;

	if (strcasecmp(charset, "UTF-8") == 0 || strcasecmp(charset, "UTF8")
	    == 0 || b->len == 0)
		return 0;
	if ((cd = iconv_open("UTF-8", charset)) == (iconv_t)-1)
		return -1;
	in = b->s, in_left = b->len;
	for (;;) {
		if (t.cap - t.len < in_left * 4 + 16) {
			t.cap = t.len + in_left * 4 + 16;
			t.s = crm_xrealloc(t.s, t.cap);
		}
		out = t.s + t.len, out_left = t.cap - t.len;
		r = iconv(cd, &in, &in_left, &out, &out_left);
		t.len = (size_t)(out - t.s);
		if (r != (size_t)-1 || errno != E2BIG)
			break;
	}
	iconv_close(cd);
	if (r == (size_t)-1) {
		crm_buf_free(&t);
		return -2;
	}
	crm_buf_reset(b);
	crm_buf_add(b, t.s, t.len);
	crm_buf_free(&t);
	return 0;
}

int
crm_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t i = 0, len;

	while (i < n) {
		uint64_t w;

		/* Eight ASCII bytes at a time: most of any file is ASCII. */
		if (n - i >= 8 && (memcpy(&w, p + i, 8),
		    (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = crm_utf8_decode(p + i, n - i, &cp)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* A whole string (NULL counts as valid: nothing to store). */
int
crm_utf8_str(const char *s)
{
	return s == NULL || crm_utf8_valid(s, strlen(s));
}

/* Columns a code point takes on a terminal: East Asian wide is 2. */
static int
cp_width(unsigned long c)
{
	if (c == 0x200b || (c >= 0x0300 && c <= 0x036f) ||
	    (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x20d0 && c <= 0x20ff))
		return 0;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

/*
 * Display width of a UTF-8 string, independent of the locale so that a
 * table lines up the same under cron's C locale as in a terminal.
 */
int
crm_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, len;
	unsigned long cp;
	int w = 0;

	while (i < n) {
		len = crm_utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			w++, i++;
			continue;
		}
		w += cp_width(cp);
		i += len;
	}
	return w;
}

char *
crm_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

/*
 * The length of the character at s that nobody sees as one: 0 for any
 * other.  *space is set for a space other than ASCII's (no-break, the
 * typographer's spaces U+2000 to U+200A, narrow no-break, medium
 * mathematical, ideographic, ogham), cleared for a character that shows
 * nothing at all (zero width space, word joiner, soft hyphen, the byte
 * order mark as a zero width no-break space).  Text copied from a web
 * page or a PDF into a spreadsheet brings them, and "Café Noir" with a
 * no-break space in it is another organisation than the one typed.
 * Zero width joiners and non-joiners are not here: an emoji's or a
 * Persian name's, they are part of what is written.
 */
size_t
crm_invisible_len(const char *s, int *space)
{
	const unsigned char *u = (const unsigned char *)s;

	*space = 1;
	if (u[0] == 0xc2)
		return u[1] == 0xa0 ? 2 : u[1] == 0xad ? (*space = 0, 2) : 0;
	if (u[0] == 0xe1)
		return u[1] == 0x9a && u[2] == 0x80 ? 3 : 0;
	if (u[0] == 0xe3)
		return u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
	if (u[0] == 0xef)
		return u[1] == 0xbb && u[2] == 0xbf ? (*space = 0, 3) : 0;
	if (u[0] != 0xe2)
		return 0;
	if (u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0x8a)
		return 3;
	if (u[1] == 0x80 && u[2] == 0xaf)
		return 3;
	if (u[1] == 0x81 && u[2] == 0x9f)
		return 3;
	*space = 0;
	return (u[1] == 0x80 && u[2] == 0x8b) || (u[1] == 0x81 &&
	    u[2] == 0xa0) ? 3 : 0;
}

/*
 * s without the characters crm_invisible_len finds, in place; with
 * spaces, its spaces become ASCII's, else they stay.  How many there
 * were.  Only shortens s.
 */
size_t
crm_invisible_fold(char *s, int spaces)
{
	char *d = s, *p = s;
	size_t len, n = 0;
	int space;

	while (*p) {
		if (!(*p & 0x80) || (len = crm_invisible_len(p, &space)) == 0 ||
		    (space && !spaces)) {
			*d++ = *p++;
			continue;
		}
		n++;
		p += len;
		if (space)
			*d++ = ' ';
	}
	*d = '\0';
	return n;
}

/*
 * One tag that holds a comma (a vCard's escaped "Dublin\, Ireland", a
 * Google label "Clients, 2024"): a tag cannot, since tags are written as a
 * comma list, so the comma and the spaces after it become one space
 * ("Dublin Ireland"), keeping the one tag the file meant.  In place.
 */
char *
crm_tag_uncomma(char *s)
{
	char *d = s, *p = s;

	while (*p) {
		if (*p != ',') {
			*d++ = *p++;
			continue;
		}
		while (*p == ',' || *p == ' ')
			p++;
		if (d > s && d[-1] != ' ')
			*d++ = ' ';
	}
	*d = '\0';
	return crm_trim(s);
}

/* Split "a, b,c" into trimmed, non-empty items. */
char **
crm_split_list(const char *s, size_t *n)
{
	char *copy = crm_xstrdup(s), *tok, *save = NULL, **v = NULL;

	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		tok = crm_trim(tok);
		if (*tok == '\0')
			continue;
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = crm_xstrdup(tok);
	}
	free(copy);
	return v;
}

/* Whether s is one of the n strings of list. */
int
crm_in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)	/* the first byte first: most differ */
		if (s[0] == list[i][0] && strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/*
 * A yes/no cell as exports and spreadsheets write one: 1 for true, yes,
 * y, 1 or x (a sheet's tick), 0 for false, no, n or 0, -1 for anything
 * else; any case, blanks around ignored.  Each reader adds its own
 * source's words (Done, To do ...) around it.
 */
int
crm_yes_no(const char *v)
{
	static const char *const yes[] = { "true", "yes", "y", "1", "x" };
	static const char *const no[] = { "false", "no", "n", "0" };
	char w[8];
	size_t n, i;

	v += strspn(v, " \t");
	for (n = strlen(v); n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t');)
		n--;
	if (n == 0 || n >= sizeof w)
		return -1;	/* none of the words is so long */
	for (i = 0; i < n; i++)
		w[i] = (char)tolower((unsigned char)v[i]);
	w[n] = '\0';
	for (i = 0; i < CRM_NELEM(yes); i++)
		if (strcmp(w, yes[i]) == 0)
			return 1;
	for (i = 0; i < CRM_NELEM(no); i++)
		if (strcmp(w, no[i]) == 0)
			return 0;
	return -1;
}

void
crm_free_list(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* ASCII lower case: enough for e-mail addresses and keywords. */
void
crm_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

/* Who is acting, for the audit trail and default owners. */
const char *
crm_actor(void)
{
	static char *actor;
	const char *s;
	struct passwd *pw;

	if (actor)
		return actor;
	if ((s = getenv("CRM_USER")) && *s)
		actor = crm_xstrdup(s);
	else if ((pw = getpwuid(geteuid())) && pw->pw_name)
		actor = crm_xstrdup(pw->pw_name);
	else if ((s = getenv("USER")) && *s)
		actor = crm_xstrdup(s);
	else
		actor = crm_xasprintf("uid%ld", (long)geteuid());
	return actor;
}

/* Append s as a JSON string literal. */
void
crm_json_str(struct crm_buf *b, const char *s)
{
	const unsigned char *p;

	crm_buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  crm_buf_adds(b, "\\\""); break;
		case '\\': crm_buf_adds(b, "\\\\"); break;
		case '\n': crm_buf_adds(b, "\\n"); break;
		case '\r': crm_buf_adds(b, "\\r"); break;
		case '\t': crm_buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				crm_buf_addf(b, "\\u%04x", *p);
			else
				crm_buf_addc(b, (char)*p);
		}
	}
	crm_buf_addc(b, '"');
}

/*
 * v in decimal, as printf's %lld writes it: the figures of a million
 * rows (crm-segment's models), where snprintf() took a tenth of the time.
 */
char *
crm_fmt_int(long long v, char buf[24])
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	char t[24], *p = t + sizeof t;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	memcpy(buf, p, (size_t)(t + sizeof t - p));
	return buf;
}

/* 1204 as "1,204", for summaries people read. */
char *
crm_fmt_count(long n, char buf[32])
{
	char digits[24], *d = buf;
	int len, i;

	len = snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
	if (n < 0)
		*d++ = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			*d++ = ',';
		*d++ = digits[i];
	}
	*d = '\0';
	return buf;
}

/*
 * x with n (0 to 9) decimals, as SQL's fixed(x, n) prints a figure.
 * Rounded half away from zero, as amounts are and as a figure worked out
 * by hand is: printf rounds the exact binary value, so 3.125 (exact)
 * became 3.12 while 0.145 (just below in binary) became 0.14.  Fifteen
 * significant digits first drop that binary noise; our figures have far
 * fewer.
 */
char *
crm_fmt_fixed(double x, int n, char buf[64])
{
	long long p10 = 1, q;
	double v;
	int i;

	n = n < 0 ? 0 : n > 9 ? 9 : n;
	for (i = 0; i < n; i++)
		p10 *= 10;
	v = x * (double)p10;
	if (!isfinite(v) || v >= 1e15 || v <= -1e15) {
		snprintf(buf, 64, "%.*f", n, x);
		return buf;
	}
	snprintf(buf, 64, "%.15g", v);
	v = strtod(buf, NULL);
	q = (long long)(v < 0 ? v - 0.5 : v + 0.5);
	i = snprintf(buf, 64, "%s%lld", q < 0 ? "-" : "",
	    (q < 0 ? -q : q) / p10);
	if (n > 0)
		snprintf(buf + i, 64 - (size_t)i, ".%0*lld", n,
		    (q < 0 ? -q : q) % p10);
	return buf;
}

/* splitmix64: a well-mixed hash of (seed, id) orders a fair sample. */
long long
crm_sample_hash(long long seed, long long id)
{
	uint64_t z = (uint64_t)seed * 0x9e3779b97f4a7c15u + (uint64_t)id;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	z ^= z >> 31;
	return (long long)(z >> 1);
}

/*
 * Keys seen, for a bulk load to tell a row no row had (nothing to look
 * up) from one it may have: a Bloom filter of six probes, 16 bits a key
 * (about 0.1% wrongly "maybe", which only costs a look-up; two probes
 * were 1.4%, and 478 rows of 102,051 of bench/gen-customers.py were
 * looked up for nothing, each a round trip that sent the rows waiting),
 * at most 16 MiB: constant memory whatever the load.  Up to 8,388,608
 * keys that is 16 bits a key still; at 10,000,000, 13.4 bits and about
 * 0.26% wrongly "maybe" (32 MiB made it 0.007%, and put a load of that
 * size over issue 16's 64 MB with the importer's other maps).  The six
 * bits of a key lie in one cache line (seen_line): 0.10% wrongly
 * "maybe" at 16 bits a key where six anywhere were 0.074%.  keys: how
 * many are expected, 0 when not known.
 */
#define SEEN_BITS_MIN	(1ULL << 20)
#define SEEN_BITS_MAX	(1ULL << 27)
#define SEEN_BITS_UNKNOWN	(1ULL << 24)
#define SEEN_PROBES	6

void
crm_seen_init(struct crm_seen *s, long long keys)
{
	unsigned long long n = keys > 0 ? SEEN_BITS_MIN : SEEN_BITS_UNKNOWN;

	while (keys > 0 && n < SEEN_BITS_MAX && n < 16ULL * (unsigned long long)keys)
		n *= 2;
	/* On cache lines (seen_line): calloc's 16 MB would begin 16
	 * bytes into a page, each line of the filter across two. */
	if ((s->bits = aligned_alloc(64, n / 8)) == NULL)
		crm_oom();
	memset(s->bits, 0, n / 8);
	s->mask = n - 1;
}

void
crm_seen_free(struct crm_seen *s)
{
	free(s->bits);
	s->bits = NULL;
}

/* h (start at 0) and the text s (NULL told apart from ""), FNV-1a. */
unsigned long long
crm_seen_hash(unsigned long long h, const char *s)
{
	h = h ? h : 14695981039346656037ULL;
	if (s == NULL)
		return (h ^ 0xff) * 1099511628211ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xfe) * 1099511628211ULL;
}

/* h mixed (splitmix64's finaliser): FNV-1a's low bits, which pick the
 * line, follow the text's last characters too closely alone. */
static unsigned long long
seen_mix(unsigned long long h)
{
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

/*
 * A key's six bits all lie in one line of 512 (64 bytes, a cache line):
 * the line from the mixed hash's low bits, each bit from nine bits of
 * it mixed again.  Past the cache (the filter is 16 MB at 1,000,000
 * customers) six bits anywhere were six cache misses a key, crm_seen_add and
 * crm_seen_maybe 6% of `crm-add --import --defer-index`'s CPU there
 * (bench/README.md, *Heap churn and the filters*); one line is one miss,
 * for a little more wrongly "maybe" (measured there).
 */
#define SEEN_LINE	512
static unsigned long long *
seen_line(const struct crm_seen *s, unsigned long long m)
{
	return s->bits + (m & (s->mask / SEEN_LINE)) * (SEEN_LINE / 64);
}

void
crm_seen_add(struct crm_seen *s, unsigned long long h)
{
	unsigned long long m = seen_mix(h), *line = seen_line(s, m), b;
	int i;

	for (i = 0, m = seen_mix(m); i < SEEN_PROBES; i++, m >>= 9) {
		b = m % SEEN_LINE;
		line[b / 64] |= 1ULL << (b % 64);
	}
}

int
crm_seen_maybe(const struct crm_seen *s, unsigned long long h)
{
	unsigned long long m = seen_mix(h), *line = seen_line(s, m), b;
	int i;

	for (i = 0, m = seen_mix(m); i < SEEN_PROBES; i++, m >>= 9) {
		b = m % SEEN_LINE;
		if (!(line[b / 64] & (1ULL << (b % 64))))
			return 0;
	}
	return 1;
}
