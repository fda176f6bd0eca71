/*
 * err.c - how the library reports what went wrong: it records the error
 * and returns, and only a program's main decides to exit.
 *
 * One error is kept, the first since crm_err_clear(): a message, the
 * input place it is about (file:line:column, when there is one), the
 * parameter it is about (a struct field's name such as "weights", which
 * the program turns into its own option's name), and an exit class from
 * sysexits.h.  A function that fails returns -1 (or NULL, or a value it
 * documents) after crm_fail(); its caller passes the failure up.  The
 * first error wins because it is the cause: what fails after it (a
 * statement on a database already in error) is a consequence.
 *
 * Messages may name a parameter as {name}; the program has told the
 * library which option sets it (crm_set_optnames), and that is printed.
 *
 * Warnings are not errors: crm_warn() prints "prog: message" and goes on.
 * Allocation failure is the one thing not reported: a command-line tool
 * cannot do anything useful without memory, so the crm_x* allocators
 * call crm_oom(), which the program may replace and which otherwise
 * aborts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

const char *crm_prog = "crm";
int crm_quiet_errors;		/* fuzzers: no messages */
void (*crm_oom_hook)(void);	/* the program's own way out */

static struct crm_err err;
static const struct crm_optname *optnames;
static size_t noptnames;

/*
 * How the program spells its parameters on its command line: the library
 * names a parameter ("encoding") and the program's option ("--encoding")
 * is said, so only the programs know their options.
 */
void
crm_set_optnames(const struct crm_optname *t, size_t n)
{
	optnames = t;
	noptnames = n;
}

/* The option that sets parameter name, or the name itself. */
const char *
crm_optname(const char *name)
{
	size_t i;

	for (i = 0; i < noptnames; i++)
		if (strcmp(optnames[i].param, name) == 0)
			return optnames[i].option;
	return name;
}

/*
 * fmt with each {param} of it replaced by the option's name, so a message
 * can say what to type ("name it with {encoding}").  Only the format is
 * read for them: the values put into it (what the user gave) never are.
 */
static char *
expand(const char *fmt)
{
	struct crm_buf b = { 0 };
	const char *p, *end;
	char *name;

	for (p = fmt; *p; p++) {
		if (*p == '{' && (end = strchr(p, '}')) && end - p < 32 &&
		    end > p + 1 && strspn(p + 1, "abcdefghijklmnopqrstuvwxyz-") ==
		    (size_t)(end - p - 1)) {
			name = crm_xstrndup(p + 1, (size_t)(end - p - 1));
			crm_buf_adds(&b, crm_optname(name));
			free(name);
			p = end;
		} else {
			crm_buf_addc(&b, *p);
		}
	}
	return b.s ? b.s : crm_xstrdup("");
}

void
crm_setprog(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	crm_prog = slash ? slash + 1 : argv0;
}

/* The message of fmt, with strerror(saved) appended after a final ':'. */
static char *
vformat(int saved, const char *fmt, va_list ap)
{
	size_t len = strlen(fmt);
	char *f = expand(fmt), *s, *t;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	s = crm_xvasprintf(f, ap);	/* fmt's own conversions, checked */
#pragma GCC diagnostic pop
	free(f);
	if (len == 0 || fmt[len - 1] != ':')
		return s;
	t = crm_xasprintf("%s %s", s, strerror(saved));
	free(s);
	return t;
}

static int
vfail(int status, const char *arg, const char *fmt, va_list ap)
{
	int saved = errno;

	if (err.status != 0)
		return -1;	/* the first error is the cause */
	err.status = status ? status : CRM_EX_SOFTWARE;
	err.arg = arg;
	err.msg = vformat(saved, fmt, ap);
	return -1;
}

/* A message to free, with {param} named as crm_fail does, not kept. */
char *
crm_msgf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vformat(errno, fmt, ap);
	va_end(ap);
	return s;
}

int
crm_fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(status, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

/* An error about one parameter (what the program took from an option). */
int
crm_fail_arg(int status, const char *arg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(status, arg, fmt, ap);
	va_end(ap);
	return -1;
}

/* The error recorded since crm_err_clear(), or NULL. */
const struct crm_err *
crm_error(void)
{
	return err.status ? &err : NULL;
}

/* The exit class of the recorded error, 0 for none. */
int
crm_err_status(void)
{
	return err.status;
}

void
crm_err_clear(void)
{
	free(err.msg);
	memset(&err, 0, sizeof err);
}

void
crm_warn(const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int saved = errno;

	if (crm_quiet_errors)
		return;
	va_start(ap, fmt);
	msg = vformat(saved, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", crm_prog, msg);
	free(msg);
}

/* Out of memory: nothing sensible is left to do. */
void
crm_oom(void)
{
	if (crm_oom_hook)
		crm_oom_hook();
	fputs("out of memory\n", stderr);
	abort();
}
