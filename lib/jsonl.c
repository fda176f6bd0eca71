/*
 * jsonl.c - read one line of JSON Lines as the programs write it
 * (-o json): a flat object whose values are strings, numbers, true,
 * false or null.  So "crm-segment -o json | crm-log - call" works like
 * the TSV and CSV pipes.  Nested objects and arrays are refused rather
 * than flattened: no program writes them, and a guess would lose data.
 */
#include <ctype.h>
#include <string.h>

#include "crm.h"

struct jp {
	const char *s, *p, *end;
	const char *err;
};

static void
skip_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

static int
fail(struct jp *j, const char *why)
{
	if (j->err == NULL)
		j->err = why;
	return -1;
}

static int
hex4(const char *p, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)p[i]))
			return -1;
		*v = *v * 16 + (unsigned)(isdigit((unsigned char)p[i]) ?
		    p[i] - '0' : (tolower((unsigned char)p[i]) - 'a' + 10));
	}
	return 0;
}

static void
put_utf8(struct crm_buf *b, unsigned c)
{
	char u[4];
	size_t n;

	if (c < 0x80)
		u[0] = (char)c, n = 1;
	else if (c < 0x800)
		u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f)),
		    n = 2;
	else if (c < 0x10000)
		u[0] = (char)(0xe0 | c >> 12),
		    u[1] = (char)(0x80 | (c >> 6 & 0x3f)),
		    u[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		u[0] = (char)(0xf0 | c >> 18),
		    u[1] = (char)(0x80 | (c >> 12 & 0x3f)),
		    u[2] = (char)(0x80 | (c >> 6 & 0x3f)),
		    u[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	crm_buf_add(b, u, n);
}

/* \uXXXX, with a surrogate pair joined; j->p is past the 'u'. */
static int
unicode_escape(struct jp *j, struct crm_buf *b)
{
	unsigned c, lo;

	if (j->end - j->p < 4 || hex4(j->p, &c) < 0)
		return fail(j, "bad \\u escape");
	j->p += 4;
	if (c >= 0xdc00 && c <= 0xdfff)
		return fail(j, "a lone low surrogate in \\u escapes");
	if (c >= 0xd800 && c <= 0xdbff) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
		    hex4(j->p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
			return fail(j, "a high surrogate without its pair");
		j->p += 6;
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (c == 0) {
		j->p -= 6;	/* point at the escape */
		return fail(j, "contains a NUL byte");
	}
	put_utf8(b, c);
	return 0;
}

/* A JSON string at j->p, decoded into b. */
static int
string(struct jp *j, struct crm_buf *b)
{
	const char *esc = "\"\\/bfnrt", *out = "\"\\/\b\f\n\r\t", *q;

	crm_buf_reset(b);
	if (j->p >= j->end || *j->p != '"')
		return fail(j, "expected a string");
	for (j->p++; j->p < j->end && *j->p != '"'; j->p++) {
		if ((unsigned char)*j->p < 0x20)
			return fail(j, "a control character in a string");
		if (*j->p != '\\') {
			crm_buf_addc(b, *j->p);
			continue;
		}
		if (++j->p >= j->end)
			break;
		if (*j->p == 'u') {
			j->p++;
			if (unicode_escape(j, b) < 0)
				return -1;
			j->p--;
		} else if (*j->p && (q = strchr(esc, *j->p))) {
			crm_buf_addc(b, out[q - esc]);
		} else {
			return fail(j, "bad escape in a string");
		}
	}
	if (j->p >= j->end)
		return fail(j, "unterminated string");
	j->p++;
	crm_buf_str(b);
	return 0;
}

static const char *
digits(const char *p, const char *end)
{
	while (p < end && isdigit((unsigned char)*p))
		p++;
	return p;
}

/* JSON's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
is_number(const char *p, const char *end)
{
	const char *q;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if ((q = digits(p, end)) > p)
		p = q;
	else
		return 0;
	if (p < end && *p == '.') {
		if ((q = digits(p + 1, end)) == p + 1)
			return 0;
		p = q;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if ((q = digits(p, end)) == p)
			return 0;
		p = q;
	}
	return p == end;
}

/* A number, true, false or null: its text as it stands ("" for null). */
static int
scalar(struct jp *j, struct crm_buf *b, int *null)
{
	const char *start = j->p;

	crm_buf_reset(b);
	*null = 0;
	while (j->p < j->end && (isalnum((unsigned char)*j->p) ||
	    strchr("+-.", *j->p)))
		j->p++;
	if (j->p == start)
		return fail(j, *start == '{' || *start == '[' ? "nested "
		    "objects and arrays are not read" : "expected a value");
	if (j->p - start == 4 && strncmp(start, "null", 4) == 0) {
		*null = 1;
	} else if (!(j->p - start == 4 && strncmp(start, "true", 4) == 0) &&
	    !(j->p - start == 5 && strncmp(start, "false", 5) == 0) &&
	    !is_number(start, j->p)) {
		j->p = start;
		return fail(j, "expected a value");
	}
	crm_buf_add(b, start, *null ? 0 : (size_t)(j->p - start));
	crm_buf_str(b);
	return 0;
}

/*
 * Parse the object in s[0, len), calling pair() for each key and value
 * in order (null values as ""); pair() returns NULL or what is wrong.
 * NULL, or what is wrong with *col the 1-based character column where it
 * was found.
 */
const char *
crm_json_object(const char *s, size_t len,
    const char *(*pair)(void *ctx, const char *key, const char *value),
    void *ctx,
    size_t *col)
{
	struct jp j = { s, s, s + len, NULL };
	struct crm_buf k = { 0 }, v = { 0 };
	const char *why, *key;
	int null;

	skip_ws(&j);
	if (j.p >= j.end || *j.p != '{') {
		fail(&j, "a JSON Lines record is an object: '{' expected");
		goto out;
	}
	j.p++;
	skip_ws(&j);
	if (j.p < j.end && *j.p == '}')
		j.p++;
	else
		for (;;) {
			skip_ws(&j);
			key = j.p;
			if (string(&j, &k) < 0)
				goto out;
			skip_ws(&j);
			if (j.p >= j.end || *j.p++ != ':') {
				fail(&j, "':' expected after a key");
				goto out;
			}
			skip_ws(&j);
			if (j.p < j.end && *j.p == '"' ? string(&j, &v) < 0 :
			    scalar(&j, &v, &null) < 0)
				goto out;
			if ((why = pair(ctx, crm_buf_str(&k),
			    crm_buf_str(&v)))) {
				j.p = key;	/* point at the key */
				fail(&j, why);
				goto out;
			}
			skip_ws(&j);
			if (j.p < j.end && *j.p == ',') {
				j.p++;
				continue;
			}
			if (j.p < j.end && *j.p == '}') {
				j.p++;
				break;
			}
			fail(&j, "',' or '}' expected");
			goto out;
		}
	skip_ws(&j);
	if (j.p < j.end)
		fail(&j, "text after the object");
out:
	if (j.err) {
		const char *p;

		*col = 1;
		for (p = s; p < j.p && p < j.end; p++)
			*col += ((unsigned char)*p & 0xc0) != 0x80;
	}
	crm_buf_free(&k);
	crm_buf_free(&v);
	return j.err;
}
