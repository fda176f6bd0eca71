/*
 * crm-segment - find the right customers: a filter expression, then a
 * list, a count, counts per value, a random sample, or a value model
 * (RFM, 80/20, revenue tiers) whose verdict --apply writes back.
 *
 * It selects people; with --orgs, organisations instead, each with the
 * figures of its own and its contacts' interactions.  With no expression
 * it lists every one: this is also how customers are exported (-o csv,
 * --spreadsheet).  The work is in lib/expr.c and lib/seg.c.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"

#define DEFAULT_FIELDS	"id,name,company,email,phone,tier,owner"
#define DEFAULT_ORG_FIELDS	"id,name,domain,industry,tier,owner,contacts"

enum {
	OPT_APPLY = 256, OPT_BY, OPT_COUNT, OPT_LIMIT, OPT_ORGS, OPT_PARETO, OPT_RFM,
	OPT_RISK, OPT_RISK_SET, OPT_SAMPLE, OPT_SEARCH, OPT_SEED, OPT_SPREADSHEET, OPT_TIERS,
	OPT_VERSION, OPT_WINDOW,
};

static const struct option longopts[] = {
	{ "apply",       optional_argument, NULL, OPT_APPLY },
	{ "by",          required_argument, NULL, OPT_BY },
	{ "count",       no_argument,       NULL, OPT_COUNT },
	{ "db",          required_argument, NULL, 'd' },
	{ "fields",      required_argument, NULL, 'f' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "limit",       required_argument, NULL, OPT_LIMIT },
	{ "orgs",        no_argument,       NULL, OPT_ORGS },
	{ "output",      required_argument, NULL, 'o' },
	{ "pareto",      no_argument,       NULL, OPT_PARETO },
	{ "rfm",         no_argument,       NULL, OPT_RFM },
	{ "risk",        optional_argument, NULL, OPT_RISK },
	{ "risk-set",    required_argument, NULL, OPT_RISK_SET },
	{ "sample",      required_argument, NULL, OPT_SAMPLE },
	{ "search",      required_argument, NULL, OPT_SEARCH },
	{ "seed",        required_argument, NULL, OPT_SEED },
	{ "spreadsheet", no_argument,       NULL, OPT_SPREADSHEET },
	{ "tiers",       required_argument, NULL, OPT_TIERS },
	{ "version",     no_argument,       NULL, OPT_VERSION },
	{ "window",      required_argument, NULL, OPT_WINDOW },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-segment [-d db] [-f fields] [-o tsv|csv|json|table|vcard]\n"
"                   [--spreadsheet] [--orgs] [--window dur]\n"
"                   [--count | --by field] [--sample n [--seed s]]\n"
"                   [--limit n] [expression]\n"
"       crm-segment [-d db] [-f fields] [-o format] [--orgs] [--window dur]\n"
"                   --search words [--limit n] [expression]\n"
"       crm-segment [-d db] [-f fields] [-o format] [--orgs] [--window dur]\n"
"                   --rfm | --pareto | --tiers name=amount,...\n"
"                   [--apply[=field]] [expression]\n"
"       crm-segment [-d db] [-f fields] [-o tsv|csv|json|table] [--window dur]\n"
"                   --risk[=name=value,...] [expression]\n"
"       crm-segment [-d db] --risk-set name=value,...\n";

/* --help: every option in longopts, one line each (t/035-help.bats). */
static const char help_text[] =
"Selecting:\n"
"      --orgs              organisations rather than people\n"
"      --window dur        metrics over the last dur (e.g. 90d)\n"
"      --count             only how many\n"
"      --by field          how many for each value of field\n"
"      --sample n          n at random\n"
"      --seed s            the random seed (a sample that repeats)\n"
"      --search words      those whose text matches, best first (the\n"
"                          best 20 unless --limit says)\n"
"      --limit n           at most n (0: all)\n"
"\n"
"Models:\n"
"      --rfm               recency, frequency and monetary scores\n"
"      --pareto            the 80/20 of revenue\n"
"      --tiers name=amount,...  tiers by revenue\n"
"      --apply[=field]     write the model's result to the customers\n"
"\n"
"Risk:\n"
"      --risk[=params]     the customers with churn or risk signals,\n"
"                          their level (risk) and reasons; params: this run's\n"
"                          gap, gap_min, period, drop, rate, min (a=1,b=2)\n"
"      --risk-set params   store them for every program (the setting risk)\n"
"\n"
"Output:\n"
"  -f, --fields list       the columns to print, comma-separated\n"
"  -o, --output format     tsv, csv, json, table or vcard\n"
"      --spreadsheet       a CSV for spreadsheets (UTF-8 BOM, CRLF)\n"
"\n";

/* After the "Fields:" group, which print_help makes from expr.c's table. */
static const char help_tail[] =
CRM_HELP_DB
"\n"
"Examples:\n"
"  crm-segment 'tier = gold and last_contact > 90d' -f name,email\n"
"  crm-segment --tiers gold=5000,silver=1000 --apply\n"
"  crm-segment --search 'valve spring' 'tier = gold'\n"
"  crm-segment --risk 'tier = gold'\n"
"\n"
"See crm-segment(1).\n";

#define usage(status) crm_usage(usage_text, (status))

/*
 * --help: crm_help's text, with a group of the names -f and a filter
 * take (besides extra fields), from the filter's own table.
 */
static _Noreturn void
print_help(void)
{
	struct crm_buf b = { 0 };
	size_t i, col = 0;
	const char *name;

	crm_buf_adds(&b, help_text);
	crm_buf_adds(&b, "Fields (and any extra field by its name):\n");
	for (i = 0; (name = crm_filter_field_name(i)) != NULL; i++) {
		if (col == 0 || col + 1 + strlen(name) > 78) {
			crm_buf_adds(&b, col ? "\n  " : "  ");
			col = 2;
		} else {
			crm_buf_adds(&b, " ");
			col++;
		}
		crm_buf_adds(&b, name);
		col += strlen(name);
	}
	crm_buf_adds(&b, "\n\n");
	crm_buf_adds(&b, help_tail);
	crm_help(usage_text, b.s);
}

/* --window 90d: metrics count from that long ago. */
static const char *
window_start(const char *s)
{
	static char buf[CRM_TIME_LEN];
	struct crm_dur d;

	crm_arg_dur("--window", s, &d);
	return crm_fmt_time(crm_dur_add(crm_now(), &d, -1), buf);
}

/* The command line: the segment asked for, and what is not in it. */
struct args {
	struct crm_seg s;
	const char *db;
	const char *window;	/* --window as given, for the audit trail */
	int seeded;		/* --seed given */
	const char *risk;	/* --risk=params */
	const char *risk_set;	/* --risk-set params */
	char **rest;		/* the operands: at most the expression */
	int nrest;
};

static void
parse_args(struct args *a, int argc, char **argv)
{
	struct crm_seg *s = &a->s;
	int c;

	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'f': s->fields = crm_arg_names(optarg); break;
		case 'h': print_help();
		case 'o':
			if (crm_fmt_parse(optarg, &s->fmt) < 0)
				crm_usage_error(usage_text,
				    "-o: unknown format '%s' (tsv, csv, "
				    "json, table)", optarg);
			break;
		case OPT_APPLY:
			s->apply = 1;
			s->apply_field = crm_arg_names(optarg);
			break;
		case OPT_BY: s->by = crm_arg_names(optarg); break;
		case OPT_COUNT: s->count = 1; break;
		case OPT_LIMIT: s->limit = crm_arg_count("--limit", optarg, 0); break;
		case OPT_ORGS: s->orgs = 1; break;
		case OPT_PARETO: s->pareto = 1; break;
		case OPT_RFM: s->rfm = 1; break;
		case OPT_RISK:
			s->risk = 1;
			a->risk = optarg;
			break;
		case OPT_RISK_SET: a->risk_set = optarg; break;
		case OPT_SAMPLE: s->sample = crm_arg_count("--sample", optarg, 1); break;
		case OPT_SEARCH: s->search = optarg; break;
		case OPT_SEED:
			s->seed = crm_arg_count("--seed", optarg, 0);
			a->seeded = 1;
			break;
		case OPT_SPREADSHEET: s->spreadsheet = 1; break;
		case OPT_TIERS: s->tiers = optarg; break;
		case OPT_VERSION:
			printf("crm-segment %s\n", CRM_VERSION);
			exit(0);
		case OPT_WINDOW:
			s->window = window_start(optarg);
			a->window = optarg;
			break;
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->rest = argv + optind;
	a->nrest = argc - optind;
}

/*
 * One expression at most, and options that cannot work together, are
 * refused before anything runs; then the defaults.
 */
static void
check_args(struct args *a)
{
	struct crm_seg *s = &a->s;
	int models = s->rfm + s->pareto + (s->tiers != NULL);

	if (a->nrest > 1)
		crm_usage_error(usage_text,
		    "one expression, in quotes: '%s ...'", a->rest[0]);
	s->expr = a->nrest > 0 ? a->rest[0] : NULL;
	if (models > 1)
		crm_usage_error(usage_text,
		    "--rfm, --pareto and --tiers: one at a time");
	if ((s->count || s->by || s->sample) && models)
		crm_usage_error(usage_text,
		    "--count, --by and --sample do not go with a "
		    "model");
	if (s->search && (s->count || s->by || s->sample || models))
		crm_usage_error(usage_text,
		    "--search lists the customers that match; it does "
		    "not go with --count, --by, --sample or a model");
	if (s->limit >= 0 && (s->count || s->by || s->sample || models ||
	    s->risk))
		crm_usage_error(usage_text,
		    "--limit shortens a list or a search; it does not go "
		    "with --count, --by, --sample, --risk or a model");
	if (s->count && s->by)
		crm_usage_error(usage_text,
		    "--count and --by: one at a time");
	if (a->seeded && !s->sample)
		crm_usage_error(usage_text,
		    "--seed goes with --sample");
	if (s->apply && !models)
		crm_usage_error(usage_text,
		    "--apply writes a model's verdict: give --rfm, "
		    "--pareto or --tiers");
	if (s->apply && !s->tiers && (!s->apply_field || !*s->apply_field))
		crm_usage_error(usage_text,
		    "--apply=FIELD: --rfm and --pareto write into an "
		    "extra field you name");
	if (s->apply && s->apply_field && crm_cust_colindex(s->apply_field) >= 0)
		crm_usage_error(usage_text,
		    "--apply=%s: name an extra field, not a column",
		    s->apply_field);
	if (s->spreadsheet && s->fmt != CRM_FMT_AUTO && s->fmt != CRM_FMT_CSV)
		crm_usage_error(usage_text,
		    "--spreadsheet writes CSV; it does not go with "
		    "-o");
	if (a->risk_set && (a->nrest || s->risk || models || s->count ||
	    s->by || s->sample || s->search || s->orgs || s->fields ||
	    s->window || s->spreadsheet || s->fmt != CRM_FMT_AUTO))
		crm_usage_error(usage_text,
		    "--risk-set stores the risk parameters; it goes alone");
	if (a->risk_set)
		crm_check(crm_risk_check(a->risk_set, "risk-set"));
	if (s->risk && (s->count || s->by || s->sample || models ||
	    s->search || s->orgs))
		crm_usage_error(usage_text,
		    "--risk lists the customers at risk; it does not go "
		    "with --count, --by, --sample, --search, --orgs or a "
		    "model");
	if (s->risk && s->fmt == CRM_FMT_VCARD)
		crm_usage_error(usage_text,
		    "--risk: -o tsv, csv, json or table");
	if (a->risk)
		crm_check(crm_risk_override(a->risk));
	if (s->risk && s->fields == NULL && !s->spreadsheet)
		s->fields = "id,name,owner,risk,signals,reasons,revenue";
	if (s->spreadsheet && s->fields == NULL)
		s->fields = "all";
	if (s->fields == NULL)
		s->fields = s->orgs ? DEFAULT_ORG_FIELDS : DEFAULT_FIELDS;
	/* A card holds a whole customer: -o vcard means -f all, unless -f
	 * asked for other columns than the default. */
	if (s->fmt == CRM_FMT_VCARD && (strcmp(s->fields, DEFAULT_FIELDS) == 0 ||
	    strcmp(s->fields, DEFAULT_ORG_FIELDS) == 0))
		s->fields = "all";
	if (s->sample && !a->seeded)
		s->seed = (long long)time(NULL) ^ (long long)getpid();
}

/*
 * What an export's row in the audit trail says was asked: the options
 * that decide which customers and what of them, and the expression,
 * enough to run the export again (the seed is recorded even when it was
 * picked at random).  To free.
 */
static char *
audit_what(const struct args *a)
{
	const struct crm_seg *s = &a->s;
	const char *model = s->rfm ? " --rfm" : s->pareto ? " --pareto" :
	    s->tiers ? " --tiers" : s->risk ? " --risk" : "";
	struct crm_buf what = { 0 };

	crm_buf_addf(&what, "crm-segment%s%s%s", s->orgs ? " --orgs" : "",
	    model, s->spreadsheet ? " --spreadsheet" : "");
	if (s->by)
		crm_buf_addf(&what, " --by %s", s->by);
	else
		crm_buf_addf(&what, " -f %s", s->fields);
	if (s->sample > 0)
		crm_buf_addf(&what, " --sample %ld --seed %lld", s->sample,
		    s->seed);
	if (a->window)
		crm_buf_addf(&what, " --window %s", a->window);
	if (s->search)
		crm_buf_addf(&what, " --search %s", s->search);
	if (s->expr)
		crm_buf_addf(&what, ": %s", s->expr);
	return what.s;
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	struct crm_db *db;
	char *what;

	crm_prog_init(argv[0]);
	crm_prog_usage(usage_text);
	a.s.limit = -1;
	parse_args(&a, argc, argv);
	check_args(&a);
	if (a.risk_set) {	/* the stored parameters, audited */
		db = crm_open(a.db, CRM_DB_WRITE);
		crm_check(crm_begin(db));
		crm_check(crm_risk_save(db, a.risk_set));
		crm_check(crm_commit(db));
		crm_check(crm_db_close(db));
		return 0;
	}
	a.s.audit_what = what = audit_what(&a);
	/* --apply writes, but only to customers there are: like every
	 * reader it never creates the database. */
	db = crm_open(a.db, a.s.apply ? CRM_DB_UPDATE : CRM_DB_READ);
	if (a.s.apply)
		crm_check(crm_begin(db));
	crm_check(a.s.risk ? crm_risk_list(db, &a.s) : crm_segment(db, &a.s));
	if (a.s.apply)
		crm_check(crm_commit(db));
	crm_check(crm_db_close(db));
	free(what);
	crm_close_stdout();
	return 0;
}
