/*
 * prog.c - what every crm program's main shares: opening the database,
 * the end of a program, its message and its exit status; and the import
 * options crm-add and crm-log have in common, read in one place.
 *
 * The library records an error (lib/err.c) and returns; each program's
 * main passes it here.  A message ending in ':' has strerror(errno)
 * appended, as in sbase.  An error about a parameter is printed with the
 * name of the option that set it, which only the programs know: the
 * library says "weights", the user typed --weights.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

/*
 * A parameter's name in the library, and the option that sets it: the
 * library's messages say {name} where the user is to read the option.
 */
static const struct crm_optname options[] = {
	{ "add-customers", "--add-customers" },
	{ "amount",   "--amount" },
	{ "at",       "--at" },
	{ "by",       "--by" },
	{ "channel",  "--channel" },
	{ "contact-of", "--contact-of" },
	{ "credit-limit", "--credit-limit" },
	{ "date-format", "--date-format" },
	{ "db",       "--db" },
	{ "decimal-comma", "--decimal-comma" },
	{ "delimiter", "--delimiter" },
	{ "dry-run",  "--dry-run" },
	{ "encoding", "--encoding" },
	{ "every",    "--every" },
	{ "fields",   "-f" },
	{ "from",     "--from" },
	{ "group",    "--group" },
	{ "import",   "--import" },
	{ "kind",     "--kind" },
	{ "limit",    "--limit" },
	{ "map",      "--map" },
	{ "matrix",   "--matrix" },
	{ "merge",    "--merge" },
	{ "org",      "--org" },
	{ "owner",    "--owner" },
	{ "pareto",   "--pareto" },
	{ "product",  "--product" },
	{ "ref",      "--ref" },
	{ "rejects",  "--rejects" },
	{ "rfm",      "--rfm" },
	{ "risk",     "--risk" },
	{ "risk-set", "--risk-set" },
	{ "role",     "--role" },
	{ "sample",   "--sample" },
	{ "score",    "--score" },
	{ "search",   "--search" },
	{ "seed",     "--seed" },
	{ "show",     "--show" },
	{ "sla",      "--sla" },
	{ "source",   "--source" },
	{ "spreadsheet", "--spreadsheet" },
	{ "tiers",    "--tiers" },
	{ "to",       "--to" },
	{ "tsv-escapes", "--tsv-escapes" },
	{ "update",   "-u" },
	{ "weights",  "--weights" },
	{ "where",    "--where" },
	{ "window",   "--window" },
};

static void leave(int status) __attribute__((noreturn));

/* The library's allocators have no memory left (lib/err.c crm_oom). */
static void
out_of_memory(void)
{
	fprintf(stderr, "%s: out of memory\n", crm_prog);
	leave(CRM_EX_SOFTWARE);
}

/* Every program's first call: its name, its options' names, and what to
 * do without memory. */
void
crm_prog_init(const char *argv0)
{
	crm_setprog(argv0);
	crm_set_optnames(options, sizeof options / sizeof options[0]);
	crm_oom_hook = out_of_memory;
}

/* Leave: a run that made the database and failed takes it away again. */
static void
leave(int status)
{
	crm_db_unmake();
#ifdef __SANITIZE_ADDRESS__
	/* What a fatal error leaves allocated is not a leak worth a report:
	 * end without LeakSanitizer's exit-time check. */
	fflush(NULL);
	_exit(status);
#endif
	exit(status);
}

/*
 * "prog: message", exit status.  When the library has recorded an error,
 * that is the cause of whatever the program found wrong after it (a
 * lookup that failed looks like a missing customer): it is said instead.
 */
void
crm_die(int status, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;
	size_t len = strlen(fmt);

	if (crm_error())
		crm_die_err();
	fprintf(stderr, "%s: ", crm_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
	leave(status);
}

/* The library's error: "prog: [option: ]message", its exit status. */
void
crm_die_err(void)
{
	const struct crm_err *e = crm_error();

	if (e == NULL)
		crm_die(CRM_EX_SOFTWARE, "failed, and the library said "
		    "nothing of why");
	if (e->arg)
		fprintf(stderr, "%s: %s: %s\n", crm_prog, crm_optname(e->arg),
		    e->msg);
	else
		fprintf(stderr, "%s: %s\n", crm_prog, e->msg);
	leave(e->status);
}

/* A library call's result: below 0 is the recorded error. */
void
crm_check(int r)
{
	if (r < 0)
		crm_die_err();
}

void *
crm_check_ptr(void *p)
{
	if (p == NULL)
		crm_die_err();
	return p;
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

/*
 * --help: the synopsis, then the program's options, grouped, one line
 * each, and examples (its help text), exit 0.  A mistake prints the
 * synopsis alone (crm_usage).  Shell completion reads the option lines
 * (share/bash-completion/completions/crm), so every option is there.
 */
void
crm_help(const char *usage_text, const char *help_text)
{
	fputs(usage_text, stdout);
	fputc('\n', stdout);
	fputs(help_text, stdout);
	crm_close_stdout();
	exit(0);
}

/* "prog: what is wrong", then the usage, exit 64. */
void
crm_usage_error(const char *text, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", crm_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	crm_usage(text, CRM_EX_USAGE);
}

/*
 * The end of a run that went well: a full disk or a closed pipe must not
 * end in exit 0, and neither must an error the library recorded that no
 * caller passed on (the net under every return value not checked).
 */
void
crm_close_stdout(void)
{
	if (crm_error())
		crm_die_err();
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		crm_die(CRM_EX_IOERR, "write error on standard output:");
}

/* The database named by --db (opt), $CRM_DB or the default, for mode. */
struct crm_db *
crm_open(const char *opt, int mode)
{
	struct crm_db *db;

	if (crm_db_path(opt) == NULL) {
		crm_err_clear();	/* said here, with the option */
		crm_die(CRM_EX_USAGE, "HOME is not set: name the database "
		    "with --db or CRM_DB");
	}
	if ((db = crm_db_open(opt, mode)) == NULL)
		crm_die_err();
	return db;
}

/*
 * One parser per value a command line gives, for every program, with one
 * exit status each: a date or a duration that is not one is a usage
 * error (64, with the usage), an id too (64, the message alone); an
 * amount is data (65), as the same amount in a file would be.
 */
static const char *prog_usage;

/* The program's usage, for the parsers' usage errors. */
void
crm_prog_usage(const char *text)
{
	prog_usage = text;
}

static _Noreturn void
arg_error(const char *fmt, const char *opt, const char *s, const char *hint)
{
	if (prog_usage == NULL)
		crm_die(CRM_EX_USAGE, fmt, opt, s, hint);
	fprintf(stderr, "%s: ", crm_prog);
	fprintf(stderr, fmt, opt, s, hint);
	fputc('\n', stderr);
	crm_usage(prog_usage, CRM_EX_USAGE);
}

/* opt's date s, as an ISO 8601 UTC time in buf. */
const char *
crm_arg_when(const char *opt, const char *s, char buf[CRM_TIME_LEN])
{
	time_t t;

	if (crm_parse_when(s, &t) < 0)
		arg_error("%s: '%s' is not a date (%s)", opt, s,
		    CRM_ARG_DATE_HINT);
	return crm_fmt_time(t, buf);
}

/* opt's duration s, which must be longer than nothing. */
const char *
crm_arg_dur(const char *opt, const char *s, struct crm_dur *d)
{
	struct crm_dur scratch;

	if (d == NULL)
		d = &scratch;
	if (crm_parse_dur(s, d) < 0 || (d->months == 0 && d->seconds == 0))
		arg_error("%s: '%s' is not a duration (%s)", opt, s,
		    CRM_ARG_DUR_HINT);
	return s;
}

/*
 * --source's name of a system, s (NULL: not given): not empty, UTF-8, no
 * comma (a list's separator), the same for every program that takes it.
 */
const char *
crm_arg_source(const char *usage, const char *s)
{
	if (s && (!*s || strchr(s, ',') || !crm_utf8_str(s)))
		crm_usage_error(usage,
		    "--source: a system's name, such as shopify");
	return s;
}

/* A positive whole number naming a what (a deal, a reminder ...). */
long long
crm_arg_id(const char *what, const char *s)
{
	char *end;
	long long id;

	errno = 0;
	id = strtoll(s, &end, 10);
	if (*end || end == s || id <= 0 || errno)
		crm_die(CRM_EX_USAGE, "'%s' is not %s id", s, what);
	return id;
}

/* opt's whole number s, at least min. */
long long
crm_arg_count(const char *opt, const char *s, long long min)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || end == s || v < min || errno)
		crm_die(CRM_EX_USAGE, "%s: '%s' is not a whole number of at "
		    "least %lld", opt, s, min);
	return v;
}

/*
 * A field's name, or a list of them, from the command line (-f, --by,
 * --group) in NFC, as stored names and filters are (cust.c, expr.c): a
 * Mac's decomposed "Café" names the field typed elsewhere.  Kept to the
 * end, as optarg is; NULL stays NULL.
 */
const char *
crm_arg_names(const char *s)
{
	static char **kept;
	static size_t n;

	if (s == NULL || crm_ascii(s))
		return s;
	kept = crm_xreallocarray(kept, n + 1, sizeof *kept);
	return kept[n++] = crm_nfc(s);
}

/*
 * opt's amount s in minor units.  One written with a local word several
 * currencies use ("100 kr") is read here as its number, and taken once
 * the database says its currency is one of them (crm_amount_word_given).
 */
long long
crm_arg_money(const char *opt, const char *s)
{
	long long v;
	const char *codes = crm_money_word_codes(s);
	char code[4], *as;

	if (crm_parse_money(s, &v) < 0 && codes) {
		snprintf(code, sizeof code, "%s", codes + 1);
		as = crm_money_word(s, code);
		if (as && crm_parse_money(as, &v) == 0) {
			free(as);
			return v;
		}
		free(as);
	}
	if (crm_parse_money(s, &v) < 0 && crm_money_sign_refusal(s))
		crm_die(CRM_EX_DATAERR, "%s: %s", opt,
		    crm_money_sign_refusal(s));
	if (crm_parse_money(s, &v) < 0)
		crm_die(CRM_EX_DATAERR, "%s: '%s' is not an amount (%s)", opt,
		    s, crm_money_hint(s));
	return v;
}

/* Do two headers read alike, as crm_norm_header compares them? */
static int
same_header(const char *x, const char *y)
{
	char *a = crm_norm_header(x), *b = crm_norm_header(y);
	int same = strcmp(a, b) == 0;

	free(a);
	free(b);
	return same;
}

/*
 * A column --map'ed twice to two places (Opt=unsubscribed and
 * Opt=bounced) is a usage error: a column goes to one, and the later
 * map silently winning would lose what the earlier said.  The same map
 * twice is no conflict.
 */
static void
map_once(const struct crm_import *im, const char *arg, const char *text)
{
	const char *eq = strchr(arg, '='), *e, *from = arg + strspn(arg, " ");
	char *f = crm_xstrndup(arg, (size_t)(eq - arg)), *a;
	size_t j;
	int clash = 0, len = (int)(eq - from);

	while (len > 0 && from[len - 1] == ' ')
		len--;
	for (j = 0; j < im->nmaps && !clash; j++) {
		e = strchr(im->maps[j], '=');
		a = crm_xstrndup(im->maps[j], (size_t)(e - im->maps[j]));
		clash = same_header(a, f) && !same_header(e + 1, eq + 1);
		free(a);
	}
	free(f);
	if (clash)	/* e: the earlier map's target */
		crm_usage_error(text, "--map: '%.*s' is mapped twice, to '%s' "
		    "and to '%s': a column goes to one place", len, from,
		    e + 1, eq + 1);
}

/*
 * One of the import options crm-add and crm-log share, c as getopt_long
 * returned it: 1 when it was one (a mistake in its value is a usage
 * error), 0 when it is the program's own.
 */
int
crm_import_opt(struct crm_import_opts *o, int c, char *arg,
    const char *usage_text)
{
	switch (c) {
	case CRM_OPT_CSV: o->rd.format = 'c'; break;
	case CRM_OPT_DATEFMT: o->date_format = arg; break;
	case CRM_OPT_DELIM:
		if ((o->rd.delim = crm_parse_delim(arg)) < 0)
			crm_usage_error(usage_text,
			    "--delimiter takes one character, or 'tab'");
		break;
	case CRM_OPT_DEFER_INDEX: o->im.defer_index = 1; break;
	case CRM_OPT_DRYRUN: o->dry_run = 1; break;
	case CRM_OPT_ENCODING: o->rd.encoding = arg; break;
	case CRM_OPT_MAP:
		if (strchr(arg, '=') == NULL || *arg == '=')
			crm_usage_error(usage_text, "--map takes FROM=TO");
		map_once(&o->im, arg, usage_text);
		o->im.maps = crm_xreallocarray(o->im.maps, o->im.nmaps + 1,
		    sizeof *o->im.maps);
		o->im.maps[o->im.nmaps++] = arg;
		break;
	case CRM_OPT_REJECTS: o->im.rejects_path = arg; break;
	case CRM_OPT_TSV: o->rd.format = 't'; break;
	case CRM_OPT_TSVESC:
		if (strcmp(arg, "yes") != 0 && strcmp(arg, "no") != 0)
			crm_usage_error(usage_text,
			    "--tsv-escapes takes yes or no");
		o->rd.tsv_escapes = *arg;
		break;
	default:
		return 0;
	}
	return 1;
}

/* Was any of them given?  They mean nothing without --import. */
int
crm_import_opts_given(const struct crm_import_opts *o)
{
	return o->dry_run || o->im.defer_index || o->im.rejects_path || o->im.nmaps ||
	    o->rd.format || o->rd.delim || o->rd.encoding || o->date_format;
}

/* What can be checked of them before a file is read. */
void
crm_import_opts_check(const struct crm_import_opts *o, const char *usage_text)
{
	const char *err;

	if (o->date_format && (err = crm_set_date_format(o->date_format)))
		crm_usage_error(usage_text, "%s", err);
}

/* The words of a command line as one text, to free ("" for none). */
char *
crm_join(char **w, int n)
{
	struct crm_buf b = { 0 };
	int i;

	for (i = 0; i < n; i++)
		crm_buf_addf(&b, "%s%s", i ? " " : "", w[i]);
	return b.s ? b.s : crm_xstrdup("");
}

/*
 * An import's counts, once it is committed (stderr): a summary must not
 * claim rows that a full disk then took away.
 */
void
crm_import_summary(const struct crm_import *im, int dry_run)
{
	char n[5][32];

	fprintf(stderr, "%s%s added, %s updated, %s unchanged, %s rejected",
	    dry_run ? "dry run: " : "", crm_fmt_count(im->added, n[0]),
	    crm_fmt_count(im->updated, n[1]), crm_fmt_count(im->unchanged,
	    n[2]), crm_fmt_count(im->rejected, n[3]));
	if (im->orgs)
		fprintf(stderr, ", %s organisation%s added",
		    crm_fmt_count(im->orgs, n[4]), im->orgs == 1 ? "" : "s");
	/* another name at a customer's address: its opt-out alone taken */
	if (im->kept_out)
		fprintf(stderr, ", %s kept out", crm_fmt_count(im->kept_out,
		    n[4]));
	fputc('\n', stderr);
}
