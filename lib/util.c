/*
 * util.c - errors, memory, strings and UTF-8 for every crm program.
 *
 * Errors follow sbase: crm_die() prints "prog: message" and exits with a
 * sysexits status; a message ending in ':' gets strerror(errno) appended.
 * Allocation failure is not recoverable in a command-line tool, so the
 * crm_x* functions die instead of returning NULL.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

const char *crm_prog = "crm";
int crm_quiet_errors;		/* fuzzers: no messages */
void (*crm_die_hook)(int);	/* fuzzers: return to the harness */
void (*crm_fail_hook)(void);	/* db.c: undo what a failed run made */

void
crm_setprog(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	crm_prog = slash ? slash + 1 : argv0;
}

static void
vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t len = strlen(fmt);

	fprintf(stderr, "%s: ", crm_prog);
	vfprintf(stderr, fmt, ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
crm_die(int status, const char *fmt, ...)
{
	va_list ap;

	if (!crm_quiet_errors) {
		va_start(ap, fmt);
		vwarn(fmt, ap);
		va_end(ap);
	}
	if (crm_fail_hook)
		crm_fail_hook();
	if (crm_die_hook)
		crm_die_hook(status);	/* does not return */
#ifdef __SANITIZE_ADDRESS__
	/* What a fatal error leaves allocated is not a leak worth a report:
	 * end without LeakSanitizer's exit-time check. */
	fflush(NULL);
	_exit(status);
#endif
	exit(status);
}

/* The usage text on stdout (asked for: exit 0) or stderr (a mistake). */
void
crm_usage(const char *text, int status)
{
	fputs(text, status ? stderr : stdout);
	if (status == 0)
		crm_close_stdout();
	exit(status);
}

/* "prog: what is wrong", then the usage, exit 64. */
void
crm_usage_error(const char *text, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	crm_usage(text, CRM_EX_USAGE);
}

void
crm_warn(const char *fmt, ...)
{
	va_list ap;

	if (crm_quiet_errors)
		return;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void *
crm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		crm_die(CRM_EX_SOFTWARE, "out of memory");
	return p;
}

void *
crm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		crm_die(CRM_EX_SOFTWARE, "out of memory");
	return p;
}

void *
crm_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		crm_die(CRM_EX_SOFTWARE, "out of memory");
	return p;
}

void *
crm_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		crm_die(CRM_EX_SOFTWARE, "out of memory");
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
crm_xasprintf(const char *fmt, ...)
{
	struct crm_buf b = { 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		crm_die(CRM_EX_SOFTWARE, "bad format");
	b.s = crm_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.s;
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
		crm_die(CRM_EX_SOFTWARE, "bad format");
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

/*
 * Length of the UTF-8 sequence at s (at most n bytes) and its code point,
 * or 0 when it is not well-formed (overlong forms and surrogates refused).
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
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
		if ((len = utf8_decode(p + i, n - i, &cp)) == 0)
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
		len = utf8_decode(p + i, n - i, &cp);
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

/* A full disk or a closed pipe must not end in exit 0. */
void
crm_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		crm_die(CRM_EX_IOERR, "write error on standard output:");
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
