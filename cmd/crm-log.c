/*
 * crm-log - record every touch with a customer: calls, e-mails, visits,
 * purchases, returns, complaints, ratings; for one customer, for every
 * customer on standard input, or from an order export; resolve
 * complaints; show a customer's timeline.
 *
 * Each run is one transaction: a stream with one unknown customer logs
 * nothing, so a pipeline can be run again after the fix.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

enum mode { LOG, RESOLVE, IMPORT, SHOW };

/* The import's options are prog.h's CRM_OPT_*, shared with crm-add. */
enum {
	OPT_ADDCUST = 256, OPT_AMOUNT, OPT_AT, OPT_CHANNEL, OPT_DEAL, OPT_DUE,
	OPT_DECIMAL, OPT_IMPORT, OPT_KIND, OPT_NPS, OPT_OWNER, OPT_PRODUCT,
	OPT_QTY, OPT_RATING, OPT_REF, OPT_RESOLVE, OPT_SCORE, OPT_SEARCH,
	OPT_SHOW, OPT_SINCE, OPT_VERSION,
};

static const struct option longopts[] = {
	{ "add-customers", no_argument,       NULL, OPT_ADDCUST },
	{ "amount",        required_argument, NULL, OPT_AMOUNT },
	{ "at",            required_argument, NULL, OPT_AT },
	{ "channel",       required_argument, NULL, OPT_CHANNEL },
	{ "csv",           no_argument,       NULL, CRM_OPT_CSV },
	{ "date-format",   required_argument, NULL, CRM_OPT_DATEFMT },
	{ "db",            required_argument, NULL, 'd' },
	{ "deal",          required_argument, NULL, OPT_DEAL },
	{ "due",           required_argument, NULL, OPT_DUE },
	{ "decimal-comma", no_argument,       NULL, OPT_DECIMAL },
	{ "defer-index",   no_argument,       NULL, CRM_OPT_DEFER_INDEX },
	{ "delimiter",     required_argument, NULL, CRM_OPT_DELIM },
	{ "dry-run",       no_argument,       NULL, CRM_OPT_DRYRUN },
	{ "encoding",      required_argument, NULL, CRM_OPT_ENCODING },
	{ "fields",        required_argument, NULL, 'f' },
	{ "help",          no_argument,       NULL, 'h' },
	{ "import",        no_argument,       NULL, OPT_IMPORT },
	{ "kind",          required_argument, NULL, OPT_KIND },
	{ "map",           required_argument, NULL, CRM_OPT_MAP },
	{ "nps",           required_argument, NULL, OPT_NPS },
	{ "output",        required_argument, NULL, 'o' },
	{ "owner",         required_argument, NULL, OPT_OWNER },
	{ "product",       required_argument, NULL, OPT_PRODUCT },
	{ "qty",           required_argument, NULL, OPT_QTY },
	{ "rating",        required_argument, NULL, OPT_RATING },
	{ "ref",           required_argument, NULL, OPT_REF },
	{ "rejects",       required_argument, NULL, CRM_OPT_REJECTS },
	{ "resolve",       required_argument, NULL, OPT_RESOLVE },
	{ "score",         required_argument, NULL, OPT_SCORE },
	{ "show",          required_argument, NULL, OPT_SHOW },
	{ "search",        required_argument, NULL, OPT_SEARCH },
	{ "since",         required_argument, NULL, OPT_SINCE },
	{ "tsv",           no_argument,       NULL, CRM_OPT_TSV },
	{ "tsv-escapes", required_argument, NULL, CRM_OPT_TSVESC },
	{ "version",       no_argument,       NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-log [-d db] [--at when] [--channel channel] [--owner owner]\n"
"               [--product product] [--qty n] [--amount amount]\n"
"               [--decimal-comma] [--rating 1-5] [--score indicator=1-5]...\n"
"               [--nps 0-10]\n"
"               [--ref ref] [--deal id] [--due when]\n"
"               customer | - kind [summary ...]\n"
"       crm-log [-d db] --resolve id [--at when] [summary ...]\n"
"       crm-log [-d db] --import [--kind kind] [--csv | --tsv]\n"
"               [--tsv-escapes=yes|no] [--delimiter c] [--encoding name]\n"
"               [--date-format format] [--decimal-comma] [--map from=to]...\n"
"               [--add-customers]\n"
"               [--rejects file] [--defer-index] [--dry-run] [file | -]\n"
"       crm-log [-d db] --show customer [--since when] [--kind kind]\n"
"               [--search words] [-f fields] [-o tsv|csv|json|table]\n";

/* --help: every option in longopts, one line each (t/035-help.bats). */
static const char help_text[] =
"Recording (customer kind [summary]; - reads customers from stdin):\n"
"      --at when           when it happened (default now)\n"
"      --channel channel   phone, email, visit, web, chat...\n"
"      --owner owner       who dealt with it\n"
"      --product product   the product bought, returned or asked about\n"
"      --qty n             how many\n"
"      --amount amount     the amount, exact to the cent\n"
"      --decimal-comma     amounts write 1.234,56\n"
"      --rating 1-5        the customer's rating\n"
"      --score indicator=1-5  a score on one indicator (repeatable)\n"
"      --nps 0-10          feedback: how likely to recommend us (NPS)\n"
"      --ref ref           the order or ticket number\n"
"      --deal id           the deal it belongs to\n"
"      --due when          an invoice's due date (default: by terms)\n"
"      --resolve id        resolve complaint id\n"
"\n"
"Kinds:\n"
"  call email fax meeting visit web chat purchase return complaint\n"
"  inquiry feedback note invoice payment\n"
"\n"
"Importing (--import [file | -]):\n"
"      --import            log many interactions from a file\n"
"      --kind kind         the kind of rows that give none\n"
CRM_HELP_READ
"      --add-customers     add the customers the file names and we lack\n"
"      --rejects file      write the rows not taken to file\n"
"      --defer-index       leave search indexing to crm index or a search\n"
"      --dry-run           check the file, change nothing\n"
"\n"
"Timeline (--show customer):\n"
"      --show customer     print the customer's interactions\n"
"      --since when        only those since when\n"
"      --search words      only those whose text matches\n"
"  -f, --fields list       the columns to print, comma-separated\n"
"  -o, --output format     tsv, csv, json or table\n"
"\n"
CRM_HELP_DB
"\n"
"Examples:\n"
"  crm-log ada@example.com call 'asked about the renewal'\n"
"  crm-log --amount 120.50 --product widget ada@example.com purchase\n"
"  crm-log --show ada@example.com --since -30d\n"
"  crm-log --amount 120.00 --ref INV-1 --due 2026-12-31 ada@example.com "
"invoice\n"
"  crm-log --amount 50.00 --ref INV-1 ada@example.com payment\n"
"\n"
"See crm-log(1).\n";

#define usage(status) crm_usage(usage_text, (status))

struct args {
	enum mode mode;
	int modes;
	const char *db, *key, *when, *since, *fields, *amount, *search, *due;
	int decimal_comma;
	enum crm_fmt fmt;
	struct crm_ia ia;
	struct crm_import_opts imp;
	struct crm_ia_import iaim;
	char at[CRM_TIME_LEN], due_at[CRM_TIME_LEN];
	char **rest;		/* the operands, after the options */
	int nrest;
};

static void
set_mode(struct args *a, enum mode m, const char *key)
{
	a->mode = m;
	a->key = key;
	a->modes++;
}

/* Options that describe the interaction itself. */
static int
ia_option(struct args *a, int c, char *arg)
{
	const char *err;
	char *end;
	long v;

	switch (c) {
	case OPT_AMOUNT:
		a->amount = arg;	/* read once --decimal-comma is known */
		a->ia.has_amount = 1;
		return 1;
	case OPT_CHANNEL: a->ia.channel = crm_trim(arg); return 1;
	case OPT_OWNER: a->ia.owner = arg; return 1;
	case OPT_PRODUCT: a->ia.product = arg; return 1;
	case OPT_REF: a->ia.ref = crm_trim(arg); return 1;	/* as a file's */
	case OPT_DEAL: a->ia.deal = crm_arg_id("a deal", arg); return 1;
	case OPT_QTY:
		v = strtol(arg, &end, 10);
		if (*end || end == arg || v <= 0)
			crm_die(CRM_EX_DATAERR, "--qty: '%s' is not a positive "
			    "whole number", arg);
		a->ia.qty = v, a->ia.has_qty = 1;
		return 1;
	case OPT_RATING:
		if (strlen(arg) != 1 || *arg < '1' || *arg > '5')
			crm_die(CRM_EX_DATAERR, "--rating: '%s': a rating is "
			    "from 1 to 5", arg);
		a->ia.rating = *arg - '0';
		return 1;
	case OPT_NPS:
		if ((err = crm_ia_nps(&a->ia, crm_trim(arg))))
			crm_die(CRM_EX_DATAERR, "--nps: '%s': %s", arg, err);
		return 1;
	case OPT_SCORE:
		if ((err = crm_ia_score(&a->ia, arg)))
			crm_die(CRM_EX_DATAERR, "--score: '%s': %s", arg, err);
		return 1;
	}
	return 0;
}

static void
parse_args(struct args *a, int argc, char **argv)
{
	enum crm_fmt fmt;
	int c;

	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts, NULL)) != -1) {
		if (ia_option(a, c, optarg) ||
		    crm_import_opt(&a->imp, c, optarg, usage_text))
			continue;
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'f': a->fields = crm_arg_names(optarg); break;
		case 'h': crm_help(usage_text, help_text);
		case OPT_ADDCUST: a->iaim.add_customers = 1; break;
		case 'o':
			if (crm_fmt_parse(optarg, &fmt) < 0)
				crm_usage_error(usage_text,
				    "-o: unknown format '%s' (tsv, csv, "
				    "json, table)", optarg);
			a->fmt = fmt;
			break;
		case OPT_AT: a->when = optarg; break;
		case OPT_DUE: a->due = optarg; break;
		case OPT_DECIMAL: a->decimal_comma = 1; break;
		case OPT_IMPORT: set_mode(a, IMPORT, NULL); break;
		case OPT_KIND:	/* "Order" and 投诉 are kinds too */
			a->ia.kind = crm_kind_word(optarg) ?
			    crm_kind_word(optarg) : optarg;
			break;
		case OPT_RESOLVE: set_mode(a, RESOLVE, optarg); break;
		case OPT_SHOW: set_mode(a, SHOW, optarg); break;
		case OPT_SEARCH: a->search = optarg; break;
		case OPT_SINCE: a->since = optarg; break;
		case OPT_VERSION:
			printf("crm-log %s\n", CRM_VERSION);
			exit(0);
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->rest = argv + optind, a->nrest = argc - optind;
}

/* --at, --since: a date (64 naming the option), or now. */
static const char *
when(const char *opt, const char *s, char buf[CRM_TIME_LEN])
{
	return s ? crm_arg_when(opt, s, buf) : crm_fmt_time(crm_now(), buf);
}

/*
 * Every customer named, one or a stream's, gets the same interaction.
 * The new ids go to ids, printed after the commit: a stream that fails
 * half way must not leave ids of rolled-back rows on stdout.
 */
struct logged {
	const struct crm_ia *ia;
	struct crm_buf *ids;
	long count;
	long no_mail;		/* e-mails to customers tagged not to */
	struct crm_buf said;	/* the first few of them, and their tags */
};

/*
 * An e-mail logged for a customer tagged unsubscribed or bounced is
 * logged (it may be the customer's own, or one they asked for) but said:
 * a mailing's filter should have left them out.
 */
static int
no_mail(struct crm_db *db, long long customer, struct logged *l)
{
	char *tags;

	if (strcmp(l->ia->kind, "email") != 0)
		return 0;
	if ((tags = crm_ia_no_mail(db, customer)) == NULL)
		return crm_db_failed(db) ? -1 : 0;
	if (l->no_mail++ < 3)
		crm_buf_addf(&l->said, "%scustomer %lld (%s)", l->no_mail > 1 ?
		    ", " : "", customer, tags);
	else if (l->no_mail == 4)
		crm_buf_adds(&l->said, ", ...");
	free(tags);
	return 0;
}

static void
no_mail_say(const struct logged *l)
{
	char n[32];

	if (l->no_mail == 0)
		return;
	crm_warn("e-mail logged all the same for %s customer%s tagged not "
	    "to be e-mailed: %s; a mailing's filter leaves them out with "
	    "'not has unsubscribed and not has bounced'",
	    crm_fmt_count(l->no_mail, n), l->no_mail == 1 ? "" : "s",
	    l->said.s);
}

static int
log_customer(struct crm_db *db, long long customer, const struct crm_rec *rec,
    void *ctx)
{
	struct logged *l = ctx;
	long long id;

	(void)rec;
	if ((id = crm_ia_insert(db, customer, l->ia, 1)) < 0 ||
	    no_mail(db, customer, l) < 0)
		return -1;
	crm_buf_addf(l->ids, "%lld\n", id);
	l->count++;
	return 0;
}

static void
log_each(struct crm_db *db, const struct crm_ia *ia, const char *key,
    struct crm_rd *rd, struct crm_buf *ids)
{
	struct logged l = { ia, ids, 0, 0, { 0 } };
	char num[32];

	crm_check(crm_each_customer(db, key, rd, log_customer, &l));
	if (rd)
		fprintf(stderr, "%s interaction%s logged\n",
		    crm_fmt_count(l.count, num), l.count == 1 ? "" : "s");
	no_mail_say(&l);
	crm_buf_free(&l.said);
}

static void
import(struct crm_db *db, struct args *a, struct crm_rd *rd)
{
	crm_check(crm_import_interactions(db, rd, &a->imp.im, &a->ia,
	    &a->iaim));
	crm_rd_close(rd);
	crm_check(crm_import_finish(&a->imp.im));
}

/* Only once the import is committed, as in crm-add. */
static void
import_summary(const struct args *a)
{
	char n[4][32];

	fprintf(stderr, "%s%s logged, %s already there, ", a->imp.dry_run ?
	    "dry run: " : "", crm_fmt_count(a->imp.im.added, n[0]),
	    crm_fmt_count(a->imp.im.unchanged, n[1]));
	if (a->iaim.changed)
		fprintf(stderr, "%s of them changed since (kept as logged), ",
		    crm_fmt_count(a->iaim.changed, n[3]));
	if (a->iaim.same_day)	/* same_day(): no id tells them apart */
		fprintf(stderr, "%s logged beside one of the same customer, "
		    "kind and day with another amount, ",
		    crm_fmt_count(a->iaim.same_day, n[3]));
	if (a->iaim.resolved)
		fprintf(stderr, "%s resolved, ",
		    crm_fmt_count(a->iaim.resolved, n[3]));
	if (a->iaim.rated)
		fprintf(stderr, "%s rated, ",
		    crm_fmt_count(a->iaim.rated, n[3]));
	if (a->iaim.rerated)
		fprintf(stderr, "%s re-rated, ",
		    crm_fmt_count(a->iaim.rerated, n[3]));
	if (a->iaim.filled)	/* fill_in(): what an earlier import lacked */
		fprintf(stderr, "%s filled in, ",
		    crm_fmt_count(a->iaim.filled, n[3]));
	if (a->iaim.once)
		fprintf(stderr, "%s the same as a row above (counted once), ",
		    crm_fmt_count(a->iaim.once, n[3]));
	if (a->iaim.deals)	/* the deals their rows name (iaimport.c) */
		fprintf(stderr, "%s linked to %s deal%s, ",
		    crm_fmt_count(a->iaim.deals, n[3]), a->iaim.deals == 1 ?
		    "its" : "their", a->iaim.deals == 1 ? "" : "s");
	if (a->iaim.add_customers)
		fprintf(stderr, "%s customer%s added, ",
		    crm_fmt_count(a->iaim.customers, n[3]),
		    a->iaim.customers == 1 ? "" : "s");
	if (a->iaim.unsubscribed)	/* crm-add's words (optout_summary) */
		fprintf(stderr, "%s opted out of e-mail, tagged unsubscribed, ",
		    crm_fmt_count(a->iaim.unsubscribed, n[3]));
	if (a->iaim.bounced)
		fprintf(stderr, "%s with an address that bounced, tagged "
		    "bounced, ", crm_fmt_count(a->iaim.bounced, n[3]));
	fprintf(stderr, "%s rejected\n",
	    crm_fmt_count(a->imp.im.rejected, n[2]));
}

static void
show(struct args *a)
{
	struct crm_db *db = crm_open(a->db, CRM_DB_READ);
	struct crm_out *out = crm_out_new(stdout, a->fmt);
	char since[CRM_TIME_LEN], what[64];
	long long customer = crm_cust_must_find(db, a->key);

	if (customer == 0)
		crm_die_err();
	if (a->ia.kind && !crm_kind_valid(a->ia.kind))
		crm_die(CRM_EX_USAGE, "--kind: unknown kind '%s' (%s)",
		    a->ia.kind, crm_kinds());
	crm_out_fields(out, a->fields);
	snprintf(what, sizeof what, "crm-log --show %lld", customer);
	if (crm_ia_show(db, customer, a->since ? when("--since", a->since,
	    since) : NULL, a->ia.kind, a->search, out, what) < 0)
		crm_die_err();
	crm_check(crm_out_end(out));
	crm_check(crm_db_close(db));
}

static long long
interaction_id(const char *s)
{
	char *end;
	long long id = strtoll(s, &end, 10);

	if (*end || end == s || id <= 0)
		crm_usage_error(usage_text,
		    "--resolve: '%s' is not an interaction id", s);
	return id;
}

/* CUSTOMER KIND [SUMMARY ...]: the interaction to log. */
static void
check_interaction(struct args *a)
{
	char **rest = a->rest;
	int nrest = a->nrest;
	const char *err;

	if (nrest < 2)
		crm_usage_error(usage_text,
		    "a customer and a kind are needed");
	if (crm_kind_word(rest[1]) == NULL)
		crm_die(CRM_EX_USAGE, "unknown kind '%s' (%s)", rest[1],
		    crm_kinds());
	if (a->ia.kind && strcmp(a->ia.kind, crm_kind_word(rest[1])) != 0)
		crm_usage_error(usage_text,
		    "--kind and the KIND argument disagree");
	a->ia.kind = crm_kind_word(rest[1]);
	a->ia.summary = nrest > 2 ? crm_join(rest + 2, nrest - 2) : NULL;
	crm_check(crm_ia_check_text(&a->ia));
	if ((err = crm_ia_check(&a->ia)))
		crm_die(CRM_EX_DATAERR, "%s", err);
}

static void
check_resolve(struct args *a)
{
	a->ia.summary = a->nrest ? crm_join(a->rest, a->nrest) : NULL;
	crm_check(crm_ia_check_text(&a->ia));
}

static void
check_import(struct args *a)
{
	crm_check(crm_ia_check_text(&a->ia));
	if (a->ia.kind && !crm_kind_valid(a->ia.kind))
		crm_die(CRM_EX_USAGE, "--kind: unknown kind '%s' (%s)",
		    a->ia.kind, crm_kinds());
}

/*
 * Every mistake on the command line, in one place and before a database is
 * opened.  The order is the order of the messages when several things are
 * wrong; --show looks at its operands only.  What the line leaves out, the
 * time and the owner, is filled in last.
 */
static void
check_args(struct args *a)
{
	if (a->modes > 1)
		crm_usage_error(usage_text,
		    "--resolve, --import and --show do not go "
		    "together");
	crm_set_decimal_comma(a->decimal_comma);
	if (a->amount)
		a->ia.amount = crm_arg_money("--amount", a->amount);
	if (a->mode == SHOW) {
		if (a->nrest)
			crm_usage_error(usage_text,
			    "--show takes one customer");
		return;
	}
	if (a->fields || a->fmt || a->since || a->search)
		crm_usage_error(usage_text,
		    "-f, -o, --since and --search go with --show");
	if (a->mode == IMPORT && a->nrest > 1)
		crm_usage_error(usage_text,
		    "--import reads one file");
	if ((crm_import_opts_given(&a->imp) || a->iaim.add_customers) &&
	    a->mode != IMPORT)
		crm_usage_error(usage_text,
		    "--csv, --tsv, --delimiter, --encoding, --date-format, --map, "
		    "--add-customers, --rejects, --defer-index and --dry-run go "
		    "with --import");
	crm_import_opts_check(&a->imp, usage_text);
	if (a->mode == RESOLVE)
		check_resolve(a);
	if (a->mode == IMPORT)
		check_import(a);
	if (a->due && a->mode != LOG)
		crm_usage_error(usage_text, "--due goes with an invoice");
	if (a->due)
		a->ia.due = crm_arg_when("--due", a->due, a->due_at);
	if (a->mode == LOG)
		check_interaction(a);
	a->ia.at = when("--at", a->when, a->at);
	if (a->mode != IMPORT && a->ia.owner == NULL)
		a->ia.owner = crm_actor();
}

/* The export, or the customers on stdin ("-"), all read before the
 * database is locked. */
static struct crm_rd *
open_input(struct args *a)
{
	a->imp.rd.spool = 1;
	a->imp.rd.known = crm_ia_header_known;	/* eBay's report too */
	if (a->mode == IMPORT)
		return crm_check_ptr(crm_rd_open(a->nrest ? a->rest[0] : "-",
		    &a->imp.rd));
	/* `crm-remind | crm-log - call` on a day nothing is due: crm-remind
	 * prints nothing, and nothing is logged (a filter's empty input). */
	a->imp.rd.empty_ok = a->mode == LOG;
	if (a->mode == LOG && strcmp(a->rest[0], "-") == 0)
		return crm_check_ptr(crm_rd_open("-", &a->imp.rd));
	return NULL;
}

/* The mode's work, inside the transaction.  --resolve's id is read here,
 * after the database is opened, as it always was: which error wins when
 * both are wrong stays the same. */
static void
run_mode(struct crm_db *db, struct args *a, struct crm_rd *rd, struct crm_buf *ids)
{
	switch (a->mode) {
	case LOG:
		/* "12 EUR": the database's one currency, as imports keep */
		crm_check(crm_amount_word_given(db, a->amount, "amount"));
		crm_check(crm_currency_given(db, a->amount ?
		    crm_money_currency(a->amount) : NULL, a->amount ?
		    a->ia.amount : 0, "amount"));
		log_each(db, &a->ia, a->rest[0], rd, ids);
		crm_rd_close(rd);
		break;
	case RESOLVE:
		crm_check(crm_ia_resolve(db, interaction_id(a->key), a->ia.at,
		    a->ia.summary));
		break;
	case IMPORT:
		if (a->when == NULL)
			a->ia.at = NULL;	/* each row says when, else now */
		import(db, a, rd);
		break;
	case SHOW:
		break;
	}
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	struct crm_buf ids = { 0 };
	struct crm_rd *rd;
	struct crm_db *db;
	char ahead[CRM_TIME_LEN] = "";

	crm_prog_init(argv[0]);
	crm_prog_usage(usage_text);
	parse_args(&a, argc, argv);
	check_args(&a);
	if (a.mode == SHOW) {
		show(&a);	/* reads only: no transaction */
		crm_close_stdout();
		return 0;
	}
	rd = open_input(&a);
	db = crm_open(a.db, a.imp.dry_run ? CRM_DB_DRYRUN : CRM_DB_WRITE);
	crm_check(crm_begin(db));
	run_mode(db, &a, rd, &ids);
	crm_check(a.imp.dry_run ? crm_rollback(db) : crm_commit(db));
	crm_check(crm_db_close(db));
	if (a.mode == IMPORT)
		import_summary(&a);
	if (a.mode == LOG && crm_ia_money_ahead(&a.ia, ahead))
		crm_ia_warn_ahead(NULL, 1, 0, &a.ia);	/* as imports say */
	fputs(crm_buf_str(&ids), stdout);
	crm_buf_free(&ids);
	free((char *)a.ia.summary);
	crm_ia_free(&a.ia);
	free(a.imp.im.maps);
	crm_close_stdout();
	return 0;
}
