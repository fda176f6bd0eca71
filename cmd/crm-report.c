/*
 * crm-report - the numbers a manager asks for: summary, activity, sales,
 * pareto, service, satisfaction, owners, and one customer's picture; and
 * on deals, Monday's questions: the pipeline, the forecast, the win rate,
 * the sales cycle and the stage funnel.  monthly puts last month's
 * summary, sales, service, satisfaction and owners together; -o html
 * makes any report a page with a chart, and --mail a message of the text
 * and the page for sendmail -t, for a cron job.
 *
 * Every report covers the period [--from, --to), by default the twelve
 * months up to now (for the forecast, the twelve months from today),
 * split --by month unless told otherwise, narrowed by --where to the
 * customers a filter selects.  The definitions of every figure are in
 * crm-report(1); the SQL is in lib/report.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

enum {
	OPT_ALL = 256, OPT_BY, OPT_CHART, OPT_CREDIT, OPT_FROM, OPT_GROUP,
	OPT_MAIL, OPT_MATRIX, OPT_NOCHART, OPT_SLA, OPT_SPREADSHEET, OPT_TO,
	OPT_VERSION, OPT_WEIGHTS,
	OPT_WHERE,
};

static const struct option longopts[] = {
	{ "all",      no_argument,       NULL, OPT_ALL },
	{ "by",       required_argument, NULL, OPT_BY },
	{ "chart",    no_argument,       NULL, OPT_CHART },
	{ "credit",   required_argument, NULL, OPT_CREDIT },
	{ "db",       required_argument, NULL, 'd' },
	{ "fields",   required_argument, NULL, 'f' },
	{ "from",     required_argument, NULL, OPT_FROM },
	{ "group",    required_argument, NULL, OPT_GROUP },
	{ "help",     no_argument,       NULL, 'h' },
	{ "mail",     required_argument, NULL, OPT_MAIL },
	{ "matrix",   required_argument, NULL, OPT_MATRIX },
	{ "no-chart", no_argument,       NULL, OPT_NOCHART },
	{ "output",   required_argument, NULL, 'o' },
	{ "sla",      required_argument, NULL, OPT_SLA },
	{ "spreadsheet", no_argument,    NULL, OPT_SPREADSHEET },
	{ "to",       required_argument, NULL, OPT_TO },
	{ "version",  no_argument,       NULL, OPT_VERSION },
	{ "weights",  required_argument, NULL, OPT_WEIGHTS },
	{ "where",    required_argument, NULL, OPT_WHERE },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-report [-d db] [--from when] [--to when]\n"
"                  [--where expression] [-f fields]\n"
"                  [-o tsv|csv|json|table|html | --spreadsheet]\n"
"                  [--chart | --no-chart] [--mail to] summary | pareto\n"
"       crm-report [common options] [--by week|month|quarter|year]\n"
"                  activity\n"
"       crm-report [common options] owners [--credit owner|logger]\n"
"       crm-report [common options] [--by period]\n"
"                  [--weights indicator=weight,...] monthly\n"
"       crm-report [common options] pipeline | funnel\n"
"       crm-report [common options] [--by period] forecast\n"
"       crm-report [common options] [--by period] sales\n"
"                  [--group field | --matrix rows,columns]\n"
"       crm-report [common options] [--by period] service [--group field]\n"
"                  [--sla dur]\n"
"       crm-report [common options] [--by period] satisfaction\n"
"                  [--group field] [--weights indicator=weight,...]\n"
"       crm-report [common options] win-rate | cycle\n"
"                  [--group owner|product|industry]\n"
"       crm-report [common options] receivables [--group owner]\n"
"       crm-report [common options] risk\n"
"       crm-report [-d db] [-f fields] [-o format | --spreadsheet]\n"
"                  customer key\n"
"       crm-report [-d db] [-o json] customer key --all\n"
"       crm-report [-d db] [--from when] [--to when] [--where expression]\n"
"                  [-f fields] [-o format | --spreadsheet] audit\n";

/* --help: every option in longopts, one line each (t/035-help.bats). */
static const char help_text[] =
"Reports:\n"
"  summary       customers, interactions and revenue\n"
"  activity      interactions by period and kind\n"
"  pareto        the customers that make 80% of revenue\n"
"  owners        each owner's customers, activity and revenue\n"
"  sales         revenue by period (--group, --matrix)\n"
"  service       complaints and their resolution (--sla)\n"
"  satisfaction  ratings and scores (--weights)\n"
"  pipeline      open deals by stage\n"
"  forecast      weighted open deals by expected close\n"
"  funnel        deals through the stages\n"
"  win-rate      deals won of those closed\n"
"  cycle         days from a deal's creation to its close\n"
"  receivables   open invoices by days past due, DSO (--group owner)\n"
"  monthly       summary, sales, service, satisfaction and owners\n"
"  risk          customers at risk by signal, owner, industry; the top\n"
"  customer      all about one customer (key)\n"
"  audit         the audit trail\n"
"\n"
"Period and selection:\n"
"      --from when         from this date\n"
"      --to when           up to this date\n"
"      --by period         week, month, quarter or year, of a time series\n"
"      --where expression  only the customers the expression selects\n"
"      --group field       one row per value of field\n"
"      --matrix rows,columns  a table of two fields\n"
"      --sla dur           service, monthly: the time a complaint may\n"
"                          stay open (default 24h)\n"
"      --weights indicator=weight,...  satisfaction: weights of scores\n"
"      --all               customer: every table, as JSON\n"
"      --credit owner|logger  owners: credit the customer's owner\n"
"                          (default) or who logged each interaction\n"
"\n"
"Output:\n"
"  -f, --fields list       the columns to print, comma-separated\n"
"  -o, --output format     tsv, csv, json, table or html (a page with a chart)\n"
"      --spreadsheet       a CSV for spreadsheets (UTF-8 BOM, CRLF)\n"
"      --chart             draw a chart under the table\n"
"      --no-chart          no chart\n"
"      --mail to           a mail of text and HTML, for sendmail -t\n"
"\n"
CRM_HELP_DB
"\n"
"Examples:\n"
"  crm-report --from 2026-01-01 --by month sales\n"
"  crm-report --where 'tier = gold' satisfaction -o table\n"
"  crm-report monthly -o html --mail boss@example.com | sendmail -t\n"
"  crm-report risk -o table --chart\n"
"\n"
"See crm-report(1).\n";

#define usage(status) crm_usage(usage_text, (status))

static const char *
when(const char *opt, const char *s, char buf[CRM_TIME_LEN])
{
	time_t t;

	if (crm_parse_when(s, &t) < 0)
		crm_usage_error(usage_text, "%s: '%s' is not a date (%s)", opt,
		    s, CRM_ARG_DATE_HINT);
	return crm_fmt_time(t, buf);
}

/* The command line: the report asked for, and what is not in it. */
struct args {
	struct crm_report r;
	const char *db;
	const char *mail;	/* --mail: one message to these addresses */
	int chart;		/* -1 until --chart or --no-chart */
	char **rest;		/* the operands: the report and its key */
	int nrest;
};

static void
parse_args(struct args *a, int argc, char **argv)
{
	static char from[CRM_TIME_LEN], to[CRM_TIME_LEN];
	struct crm_report *r = &a->r;
	struct crm_dur d;
	int c;

	a->chart = -1;
	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'f': r->fields = crm_arg_names(optarg); break;
		case 'h': crm_help(usage_text, help_text);
		case 'o':	/* html is ours: a page with a chart */
			if (strcmp(optarg, "html") == 0)
				r->fmt = CRM_FMT_HTML;
			else if (crm_fmt_parse(optarg, &r->fmt) < 0)
				crm_usage_error(usage_text,
				    "-o: unknown format '%s' (tsv, csv, "
				    "json, table, html)", optarg);
			break;
		case OPT_ALL: r->all = 1; break;
		case OPT_BY:
			if (strcmp(optarg, "week") && strcmp(optarg, "month") &&
			    strcmp(optarg, "quarter") && strcmp(optarg, "year"))
				crm_usage_error(usage_text,
				    "--by: '%s' is not week, month, "
				    "quarter or year", optarg);
			r->by = optarg;
			break;
		case OPT_CHART: a->chart = 1; break;
		case OPT_CREDIT:
			if (strcmp(optarg, "owner") && strcmp(optarg, "logger"))
				crm_usage_error(usage_text,
				    "--credit: '%s' is not owner or logger",
				    optarg);
			r->credit = optarg;
			break;
		case OPT_FROM: r->from = when("--from", optarg, from); break;
		case OPT_GROUP: r->group = crm_arg_names(optarg); break;
		case OPT_MAIL: a->mail = optarg; break;
		case OPT_MATRIX: r->matrix = crm_arg_names(optarg); break;
		case OPT_NOCHART: a->chart = 0; break;
		case OPT_SLA:
			if (crm_parse_dur(optarg, &d) < 0)
				crm_usage_error(usage_text, "--sla: '%s' is "
				    "not a duration (%s)", optarg,
				    CRM_ARG_DUR_HINT);
			r->sla = optarg;
			break;
		case OPT_SPREADSHEET: r->spreadsheet = 1; break;
		case OPT_TO: r->to = when("--to", optarg, to); break;
		case OPT_VERSION:
			printf("crm-report %s\n", CRM_VERSION);
			exit(0);
		case OPT_WEIGHTS: r->weights = optarg; break;
		case OPT_WHERE: r->where = optarg; break;
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->rest = argv + optind;
	a->nrest = argc - optind;
}

/* Which report, and the one key a customer report takes. */
static void
check_operands(struct args *a)
{
	if (a->nrest == 0)
		crm_usage_error(usage_text,
		    "which report? (summary, activity, sales, pareto, "
		    "service, satisfaction, owners, pipeline, forecast, "
		    "win-rate, cycle, funnel, customer, audit, monthly, receivables, risk)");
	a->r.name = a->rest[0];
	if (strcmp(a->r.name, "customer") == 0) {
		if (a->nrest != 2)
			crm_usage_error(usage_text,
			    "customer takes one key: an id, e-mail or "
			    "external_id");
		a->r.key = a->rest[1];
	} else if (a->nrest > 1) {
		crm_usage_error(usage_text,
		    "unexpected argument '%s'", a->rest[1]);
	}
}

/*
 * The forecast looks ahead: by default from the start of today (the
 * deals whose close date has passed are not forecast) to twelve months
 * after its start.
 */
static void
forecast_period(struct crm_report *r)
{
	static char from[CRM_TIME_LEN], to[CRM_TIME_LEN];
	const struct crm_dur year = { 12, 0 };
	time_t t;

	if (r->from == NULL) {
		crm_parse_when("today", &t);
		r->from = crm_fmt_time(t, from);
	}
	if (r->to == NULL) {
		crm_parse_when(r->from, &t);
		r->to = crm_fmt_time(crm_dur_add(t, &year, 1), to);
	}
}

/*
 * monthly: by default last month, from its first day to this month's;
 * with only --from or only --to, the month from or to it.
 */
static void
monthly_period(struct crm_report *r)
{
	static char from[CRM_TIME_LEN], to[CRM_TIME_LEN];
	const struct crm_dur month = { 1, 0 };
	char first[16];
	time_t t;

	if (r->to == NULL && r->from) {
		crm_parse_when(r->from, &t);
		r->to = crm_fmt_time(crm_dur_add(t, &month, 1), to);
	} else if (r->to == NULL) {
		crm_parse_when("today", &t);
		crm_fmt_time(t, to);
		snprintf(first, sizeof first, "%.7s-01", to);
		crm_parse_when(first, &t);
		r->to = crm_fmt_time(t, to);
	}
	if (r->from == NULL) {
		crm_parse_when(r->to, &t);
		r->from = crm_fmt_time(crm_dur_add(t, &month, -1), from);
	}
}

/* The time series, which --by cuts into periods. */
static int
series(const char *name)
{
	static const char *const with[] = { "activity", "sales", "service",
	    "satisfaction", "forecast", "monthly" };

	return crm_in_list(name, with, CRM_NELEM(with));
}

/* The reports --group goes with. */
static int
groups(const char *name)
{
	static const char *const with[] = { "sales", "service",
	    "satisfaction", "win-rate", "cycle", "receivables" };
	size_t i;

	for (i = 0; i < sizeof with / sizeof with[0]; i++)
		if (strcmp(name, with[i]) == 0)
			return 1;
	return 0;
}

/*
 * --mail: the addresses, each one an address (no header can be slipped
 * in); the text part in the format asked for, a table by default (the
 * page is always there: -o html asks for nothing more).
 */
static void
check_mail(struct args *a)
{
	struct crm_report *r = &a->r;
	char **to;
	size_t n, i;

	if (a->mail == NULL)
		return;
	to = crm_split_list(a->mail, &n);
	for (i = 0; i < n; i++)
		if (!crm_email_valid(to[i]))
			crm_usage_error(usage_text, "--mail: '%s' is not an "
			    "e-mail address", to[i]);
	crm_free_list(to, n);
	if (n == 0)
		crm_usage_error(usage_text, "--mail: no address given");
	if (r->all || r->spreadsheet)
		crm_usage_error(usage_text, "--mail does not go with %s",
		    r->all ? "--all" : "--spreadsheet");
	if (r->fmt == CRM_FMT_AUTO || r->fmt == CRM_FMT_HTML)
		r->fmt = CRM_FMT_TABLE;
	if (a->chart < 0)	/* the page has its chart: no bars */
		a->chart = 0;
}

/*
 * The report as one message on stdout for sendmail -t: the text and the
 * page of one run (its audit rows once), written only when the whole
 * report was made.
 */
static void
mail(struct crm_db *db, struct args *a)
{
	struct crm_report *r = &a->r;
	char *text = NULL, *html = NULL, *subject, *title;
	size_t ntext, nhtml;

	r->out = open_memstream(&text, &ntext);
	r->html = open_memstream(&html, &nhtml);
	if (r->out == NULL || r->html == NULL)
		crm_oom();
	crm_check(crm_report(db, r));
	if (fclose(r->out) != 0 || fclose(r->html) != 0)
		crm_oom();
	subject = crm_xasprintf("crm: %s", title = crm_report_title(r));
	crm_check(crm_mail_alt(stdout, a->mail, getenv("CRM_MAIL_FROM"),
	    subject, text, html));
	free(subject);
	free(title);
	free(text);
	free(html);
}

/* customer --all: one JSON document, every stored value. */
static void
check_all(struct crm_report *r)
{
	if (!r->all)
		return;
	if (strcmp(r->name, "customer") != 0)
		crm_usage_error(usage_text,
		    "--all goes with customer");
	if (r->fields || r->spreadsheet || (r->fmt != CRM_FMT_AUTO &&
	    r->fmt != CRM_FMT_JSON))
		crm_usage_error(usage_text,
		    "customer --all writes one JSON object (-o json): no -f, "
		    "no other format");
	r->fmt = CRM_FMT_JSON;
}

/*
 * The operands, the defaults, and options that do not fit the report
 * asked for: every usage error comes before "no database".
 */
static void
check_args(struct args *a)
{
	static char from[CRM_TIME_LEN], to[CRM_TIME_LEN];
	const struct crm_dur year = { 12, 0 };
	struct crm_report *r = &a->r;
	int is = 0;

	check_operands(a);
	if (strcmp(r->name, "forecast") == 0)
		forecast_period(r);
	if (strcmp(r->name, "monthly") == 0)
		monthly_period(r);
	if (r->to == NULL && strcmp(r->name, "receivables") == 0) {
		time_t t;	/* aged as of now, as crm-remind ages them */

		crm_parse_when("now", &t);	/* [from, to): now's second in */
		r->to = crm_fmt_time(t + 1, to);
	}
	if (r->to == NULL) {	/* to the end of today: all that is logged */
		time_t t;

		crm_parse_when("tomorrow", &t);
		r->to = crm_fmt_time(t, to);
	}
	if (r->from == NULL) {
		time_t t;

		crm_parse_when(r->to, &t);
		r->from = crm_fmt_time(crm_dur_add(t, &year, -1), from);
	}
	/* --to is the first moment left out: one day is --from D --to
	 * D+1d, which the same dates given twice would seem to mean
	 * (qa38 F9d) */
	if (strcmp(r->from, r->to) == 0)
		crm_usage_error(usage_text, "--from must be before --to, "
		    "which is left out: for one day, --to the day after");
	if (strcmp(r->from, r->to) > 0)
		crm_usage_error(usage_text,
		    "--from must be before --to");
	/* --by cuts a time series into periods; another report would
	 * ignore it, one figure for the whole period. */
	if (r->by && !series(r->name))
		crm_usage_error(usage_text,
		    "--by goes with the time series (activity, sales, "
		    "service, satisfaction, forecast and monthly): %s is "
		    "worked out for the whole period, --from to --to",
		    r->name);
	if (r->by && r->matrix)
		crm_usage_error(usage_text,
		    "--by and --matrix do not go together (the matrix is "
		    "one table for the whole period)");
	if (r->by == NULL)	/* a month's report, its weeks */
		r->by = strcmp(r->name, "monthly") ? "month" : "week";
	if (r->sla && strcmp(r->name, "service") && strcmp(r->name, "monthly"))
		crm_usage_error(usage_text,
		    "--sla goes with service and monthly");
	if (r->sla == NULL)
		r->sla = "24h";
	is = strcmp(r->name, "sales") == 0;
	if (r->matrix && !is)
		crm_usage_error(usage_text,
		    "--matrix goes with sales");
	if (r->matrix && r->group)	/* the matrix would ignore it */
		crm_usage_error(usage_text,
		    "--group and --matrix do not go together");
	if (r->group && !groups(r->name))
		crm_usage_error(usage_text,
		    "--group goes with sales, service, satisfaction, "
		    "win-rate, cycle and receivables");
	if (r->credit && strcmp(r->name, "owners"))
		crm_usage_error(usage_text,
		    "--credit goes with owners");
	if (r->weights && strcmp(r->name, "satisfaction") &&
	    strcmp(r->name, "monthly"))
		crm_usage_error(usage_text,
		    "--weights goes with satisfaction and monthly");
	if (r->fields && strcmp(r->name, "monthly") == 0)
		crm_usage_error(usage_text,
		    "-f does not go with monthly (its reports have their "
		    "own columns)");
	if (r->spreadsheet && r->fmt != CRM_FMT_AUTO && r->fmt != CRM_FMT_CSV)
		crm_usage_error(usage_text,
		    "--spreadsheet writes CSV; it does not go with -o");
	check_all(r);
	check_mail(a);
	if (r->spreadsheet)
		r->fmt = CRM_FMT_CSV;
	if (r->fmt == CRM_FMT_AUTO)
		r->fmt = isatty(STDOUT_FILENO) ? CRM_FMT_TABLE : CRM_FMT_TSV;
	if (a->chart == 1 && r->fmt != CRM_FMT_TABLE &&
	    r->fmt != CRM_FMT_HTML)
		crm_usage_error(usage_text,
		    "--chart draws under a table (-o table) or in a page "
		    "(-o html)");
	r->chart = a->chart < 0 ? isatty(STDOUT_FILENO) ||
	    r->fmt == CRM_FMT_HTML : a->chart;
	crm_check(crm_report_check(r));	/* name, --matrix, --weights */
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	struct crm_db *db;

	crm_prog_init(argv[0]);
	parse_args(&a, argc, argv);
	check_args(&a);
	db = crm_open(a.db, CRM_DB_READ);
	if (a.mail)
		mail(db, &a);
	else
		crm_check(crm_report(db, &a.r));
	crm_check(crm_db_close(db));
	crm_close_stdout();
	return 0;
}
