/*
 * crm-deal - deals: what a customer may buy, how much, by when, and how
 * sure we are; moved through the pipeline's stages until won or lost,
 * every move kept with its time.
 *
 * Subcommands come first, as in crm-remind; with none, or with a filter
 * expression alone, the deals are listed.  Every change is one
 * transaction with its history and audit rows, and the ids it made are
 * printed once it is committed.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

/* The import's options are prog.h's CRM_OPT_*, shared with crm-add. */
enum {
	OPT_ADDCUST = 256, OPT_AMOUNT, OPT_AT, OPT_CLOSE, OPT_DECIMAL,
	OPT_IMPORT, OPT_NOTE, OPT_OWNER, OPT_PROBABILITY, OPT_PRODUCT,
	OPT_REASON, OPT_SOURCE, OPT_STAGE, OPT_TITLE, OPT_VERSION,
};

static const struct option longopts[] = {
	{ "add-customers", no_argument,     NULL, OPT_ADDCUST },
	{ "amount",      required_argument, NULL, OPT_AMOUNT },
	{ "at",          required_argument, NULL, OPT_AT },
	{ "close",       required_argument, NULL, OPT_CLOSE },
	{ "csv",         no_argument,       NULL, CRM_OPT_CSV },
	{ "date-format", required_argument, NULL, CRM_OPT_DATEFMT },
	{ "db",          required_argument, NULL, 'd' },
	{ "decimal-comma", no_argument,     NULL, OPT_DECIMAL },
	{ "delimiter",   required_argument, NULL, CRM_OPT_DELIM },
	{ "dry-run",     no_argument,       NULL, CRM_OPT_DRYRUN },
	{ "encoding",    required_argument, NULL, CRM_OPT_ENCODING },
	{ "fields",      required_argument, NULL, 'f' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "import",      no_argument,       NULL, OPT_IMPORT },
	{ "map",         required_argument, NULL, CRM_OPT_MAP },
	{ "note",        required_argument, NULL, OPT_NOTE },
	{ "output",      required_argument, NULL, 'o' },
	{ "owner",       required_argument, NULL, OPT_OWNER },
	{ "probability", required_argument, NULL, OPT_PROBABILITY },
	{ "product",     required_argument, NULL, OPT_PRODUCT },
	{ "reason",      required_argument, NULL, OPT_REASON },
	{ "rejects",     required_argument, NULL, CRM_OPT_REJECTS },
	{ "source",      required_argument, NULL, OPT_SOURCE },
	{ "stage",       required_argument, NULL, OPT_STAGE },
	{ "title",       required_argument, NULL, OPT_TITLE },
	{ "tsv",         no_argument,       NULL, CRM_OPT_TSV },
	{ "tsv-escapes", required_argument, NULL, CRM_OPT_TSVESC },
	{ "version",     no_argument,       NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-deal [list] [-d db] [-f fields] [-o tsv|csv|json|table]\n"
"                [expression]\n"
"       crm-deal add customer | - title ... [--amount amount]\n"
"                [--stage stage] [--close when] [--probability percent]\n"
"                [--decimal-comma] [--owner owner] [--product product]\n"
"                [--at when] [--reason text]\n"
"       crm-deal move id stage [--at when] [--note text]\n"
"       crm-deal won id [--at when] [--note text]\n"
"       crm-deal lost id --reason text [--at when]\n"
"       crm-deal update id [--title title] [--amount amount]\n"
"                [--probability percent] [--decimal-comma] [--close when]\n"
"                [--owner owner] [--product product]\n"
"       crm-deal show id\n"
"       crm-deal stages [stage:percent,...]\n"
"       crm-deal [-d db] --import [--csv | --tsv] [--tsv-escapes=yes|no]\n"
"                [--delimiter c] [--encoding enc] [--date-format fmt]\n"
"                [--decimal-comma] [--map from=to ...] [--source name]\n"
"                [--add-customers]\n"
"                [--rejects file] [--dry-run] [file | -]\n";

/* --help: every option in longopts, one line each (t/035-help.bats). */
static const char help_text[] =
"Commands:\n"
"  list      the deals an expression selects (the default)\n"
"  add       a new deal for a customer\n"
"  move      move a deal to another stage\n"
"  won       the deal is won\n"
"  lost      the deal is lost (--reason)\n"
"  update    change a deal's title, amount, close, owner...\n"
"  show      one deal and its history\n"
"  stages    print or set the pipeline's stages\n"
"\n"
"Deals:\n"
"      --amount amount     the amount, exact to the cent\n"
"      --stage stage       the stage (default the first)\n"
"      --close when        the expected close date\n"
"      --probability percent  the deal's own probability, a whole percent\n"
"      --owner owner       who works the deal\n"
"      --product product   what is sold\n"
"      --title title       the new title (update)\n"
"      --at when           when it was made or moved (default now)\n"
"      --note text         a note kept with the move\n"
"      --reason text       why the deal was lost (lost, add --stage lost)\n"
"\n"
"Importing (--import [file | -]):\n"
"      --import            add or update many deals from a file\n"
"      --csv               the file is CSV\n"
"      --tsv               the file is TSV\n"
"      --tsv-escapes yes|no  undo TSV's \\t \\n \\\\ escapes (default: crm's own)\n"
"      --delimiter c       the field separator\n"
"      --encoding name     the file's character set (default UTF-8)\n"
"      --date-format format  how the file writes dates (strptime)\n"
"      --decimal-comma     amounts and percents write 1.234,56 and 20,00 %\n"
"      --map from=to       read column from as to (repeatable)\n"
"      --source name       the system the file comes from\n"
"      --add-customers     add the customers the file names and we lack\n"
"      --rejects file      write the rows not taken to file\n"
"      --dry-run           check the file, change nothing\n"
"\n"
"Output:\n"
"  -f, --fields list       the columns to print, comma-separated; a deal's\n"
"                          extra field by its name: -f 'id,Deal - Pipeline';\n"
"                          email: the customer's; all: every column and field\n"
"  -o, --output format     tsv, csv, json or table\n"
"\n"
CRM_HELP_DB
"\n"
"Examples:\n"
"  crm-deal add ada@example.com 'Renewal 2027' --amount 12000 --close +30d\n"
"  crm-deal move 4 proposal --note 'sent the quote'\n"
"  crm-deal list 'stage = proposal and owner = alice' -o table\n"
"\n"
"See crm-deal(1).\n";

#define usage(status) crm_usage(usage_text, (status))

struct args {
	const char *db, *fields, *amount, *probability, *close, *at, *note;
	const char *reason;
	struct crm_deal d;
	enum crm_fmt fmt;
	char close_at[CRM_TIME_LEN], at_buf[CRM_TIME_LEN];
	struct crm_buf ids;	/* printed once committed */
	struct crm_rd *stream;	/* add - or the import: read before the lock */
	struct crm_import_opts imp;
	struct crm_deal_import dim;
	long long orphans;	/* stages: open deals left in no stage */
	struct crm_buf orphan_stages;
	int import, decimal_comma;
	char *title;		/* add's words */
	char **rest;
	int nrest;
};

static void
parse_args(struct args *a, int argc, char **argv)
{
	int c;

	a->d.probability = -1;
	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts, NULL)) != -1) {
		if (crm_import_opt(&a->imp, c, optarg, usage_text))
			continue;
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'f': a->fields = crm_arg_names(optarg); break;
		case 'h': crm_help(usage_text, help_text);
		case 'o':
			if (crm_fmt_parse(optarg, &a->fmt) < 0 ||
			    a->fmt == CRM_FMT_VCARD)
				crm_usage_error(usage_text,
				    "-o: unknown format '%s' (tsv, csv, "
				    "json, table)", optarg);
			break;
		case OPT_ADDCUST: a->dim.add_customers = 1; break;
		case OPT_AMOUNT: a->amount = optarg; break;
		case OPT_AT: a->at = optarg; break;
		case OPT_CLOSE: a->close = optarg; break;
		case OPT_DECIMAL: a->decimal_comma = 1; break;
		case OPT_IMPORT: a->import = 1; break;
		case OPT_NOTE: a->note = optarg; break;
		case OPT_OWNER: a->d.owner = optarg; break;
		case OPT_PROBABILITY: a->probability = optarg; break;
		case OPT_PRODUCT: a->d.product = optarg; break;
		case OPT_REASON: a->reason = optarg; break;
		case OPT_SOURCE: a->imp.im.source = optarg; break;
		case OPT_STAGE: a->d.stage = optarg; break;
		case OPT_TITLE: a->d.title = optarg; break;
		case OPT_VERSION:
			printf("crm-deal %s\n", CRM_VERSION);
			exit(0);
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->rest = argv + optind;
	a->nrest = argc - optind;
}

/*
 * --probability: a whole percent, 0 to 100, read as an import's column
 * is (crm_parse_percent: "20%", "12,5" with --decimal-comma refused as
 * not whole, as the database keeps whole percents; data: 65, as
 * --rating).
 */
static int
percent(const char *s)
{
	const char *why;
	int v;

	if ((why = crm_parse_percent(s, 0, &v)) != NULL)
		crm_die(CRM_EX_DATAERR, "--probability: %s", why);
	return v;
}

/* The values the options give a deal, checked before the database. */
static void
check_values(struct args *a)
{
	crm_set_decimal_comma(a->decimal_comma);
	if (a->amount) {
		a->d.amount = crm_arg_money("--amount", a->amount);
		a->d.has_amount = 1;
		a->d.currency = crm_money_currency(a->amount);
	}
	if (a->probability)
		a->d.probability = percent(a->probability);
	if (a->close)
		a->d.close = crm_arg_when("--close", a->close, a->close_at);
	if (a->at)
		a->at = crm_arg_when("--at", a->at, a->at_buf);
	if (a->at && strcmp(a->at, crm_now_str()) > 0)
		crm_usage_error(usage_text, "--at: %s is later than now: a "
		    "deal is made or moved when it happens (--close is when "
		    "it is expected to close)", a->at);
}

/* A reason for lost that says something, else 64. */
static void
check_reason(const char *reason)
{
	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		crm_usage_error(usage_text, "lost needs --reason: why was "
		    "the deal lost?");
}

/* Options that only some subcommands take; a deal added lost takes
 * --reason, as a move to lost does. */
static void
check_only(const struct args *a, int deal, int move)
{
	int lost = deal && a->d.stage && crm_stage_same(a->d.stage, "lost");

	if (!deal && (a->amount || a->probability || a->close || a->d.owner ||
	    a->d.product || a->d.title || a->d.stage))
		crm_usage_error(usage_text, "--amount, --probability, --close, "
		    "--owner, --product, --title and --stage go with add or "
		    "update");
	if (!move && (a->note || (a->reason && !lost)))
		crm_usage_error(usage_text, "--note and --reason go with move, "
		    "won and lost (and --reason with add --stage lost)");
	if (!move && !deal && a->at)
		crm_usage_error(usage_text,
		    "--at goes with add, move, won and lost");
}

/* list [EXPR]: the deals the expression (its words joined) selects. */
static void
check_list(struct args *a)
{
	int first = a->nrest && strcmp(a->rest[0], "list") == 0;

	check_only(a, 0, 0);
	a->title = crm_join(a->rest + first, a->nrest - first);
	if (a->fmt == CRM_FMT_AUTO)
		a->fmt = isatty(STDOUT_FILENO) ? CRM_FMT_TABLE : CRM_FMT_TSV;
}

static void
run_list(struct crm_db *db, struct args *a)
{
	struct crm_out *out;
	struct crm_filter f;
	char *err;
	long long n;

	if (crm_filter_compile_deals(db, a->title, &f, &err) < 0) {
		if (crm_error())
			crm_die_err();
		crm_die(CRM_EX_USAGE, "expression: %s", err);
	}
	out = crm_out_new(stdout, a->fmt);
	crm_out_fields(out, a->fields);
	n = crm_deal_list(db, &f, a->fields, out);
	crm_check(crm_out_end(out));
	crm_check(n < 0 ? -1 : 0);
	crm_filter_free(&f);
	/* As crm-segment: a list of no deal took nothing out (and shell
	 * completion's look at the columns leaves no row). */
	if (n > 0)
		crm_audit_export(db, "crm-deal list", n);
}

/* add CUSTOMER|- TITLE...: one deal, or one per customer of a stream. */
static void
check_add(struct args *a)
{
	check_only(a, 1, 0);
	if (a->nrest < 3)
		crm_usage_error(usage_text, "add needs a customer and a title");
	if (a->d.title)
		crm_usage_error(usage_text,
		    "add takes its title as words, not --title");
	if (a->d.stage && crm_stage_same(a->d.stage, "lost"))
		check_reason(a->reason);
	a->d.reason = a->reason;
	check_values(a);
	a->title = crm_join(a->rest + 2, a->nrest - 2);
	a->d.title = a->title;
	if (strcmp(a->rest[1], "-") == 0) {	/* read before the lock */
		struct crm_rd_opts opts = { .spool = 1, .empty_ok = 1 };

		a->stream = crm_check_ptr(crm_rd_open("-", &opts));
	}
}

static int
add_customer(struct crm_db *db, long long customer, const struct crm_rec *rec,
    void *ctx)
{
	struct args *a = ctx;
	long long id;

	(void)rec;
	if (crm_amount_word_given(db, a->amount, "amount") < 0)
		return -1;
	id = crm_deal_add(db, customer, &a->d, a->at, 1);
	if (id < 0)
		return -1;
	crm_buf_addf(&a->ids, "%lld\n", id);
	return 0;
}

static void
run_add(struct crm_db *db, struct args *a)
{
	crm_check(crm_each_customer(db, a->rest[1], a->stream, add_customer,
	    a));
	if (a->stream)
		crm_rd_close(a->stream);
}

/* move ID STAGE, won ID, lost ID --reason TEXT. */
static void
check_move(struct args *a)
{
	int lost = strcmp(a->rest[0], "lost") == 0 ||
	    (strcmp(a->rest[0], "move") == 0 &&
	    crm_stage_same(a->rest[2], "lost"));

	check_only(a, 0, 1);
	crm_arg_id("a deal", a->rest[1]);
	if (a->reason && !lost)
		crm_usage_error(usage_text, "--reason goes with lost");
	if (lost)
		check_reason(a->reason);
	check_values(a);
}

static void
run_move(struct crm_db *db, struct args *a)
{
	const char *stage = strcmp(a->rest[0], "move") == 0 ? a->rest[2] :
	    a->rest[0];

	crm_check(crm_deal_move(db, crm_arg_id("a deal", a->rest[1]), stage,
	    a->at, a->note, a->reason));
}

static void
check_update(struct args *a)
{
	check_only(a, 1, 0);
	crm_arg_id("a deal", a->rest[1]);
	if (a->d.stage)
		crm_usage_error(usage_text,
		    "update does not move a deal: crm-deal move ID STAGE");
	if (a->at)
		crm_usage_error(usage_text, "--at goes with add, move, won "
		    "and lost");
	if (!a->amount && !a->probability && !a->close && !a->d.owner &&
	    !a->d.product && !a->d.title)
		crm_usage_error(usage_text, "update needs something to "
		    "change: --title, --amount, --probability, --close, "
		    "--owner or --product");
	check_values(a);
}

static void
run_update(struct crm_db *db, struct args *a)
{
	crm_check(crm_amount_word_given(db, a->amount, "amount"));
	crm_check(crm_deal_update(db, crm_arg_id("a deal", a->rest[1]),
	    &a->d));
}

static void
check_show(struct args *a)
{
	check_only(a, 0, 0);
	crm_arg_id("a deal", a->rest[1]);
	if (a->fmt == CRM_FMT_AUTO)
		a->fmt = isatty(STDOUT_FILENO) ? CRM_FMT_TABLE : CRM_FMT_TSV;
}

static void
run_show(struct crm_db *db, struct args *a)
{
	struct crm_out *out = crm_out_new(stdout, a->fmt);
	long long id = crm_arg_id("a deal", a->rest[1]);
	int r;

	crm_out_fields(out, a->fields);
	r = crm_deal_show(db, id, out);
	crm_check(crm_out_end(out));
	crm_check(r);
	crm_audit_export_of(db, "crm-deal show", 1, crm_deal_customer(db, id));
}

static void
check_stages(struct args *a)
{
	check_only(a, 0, 0);
	if (a->fmt == CRM_FMT_AUTO)
		a->fmt = isatty(STDOUT_FILENO) ? CRM_FMT_TABLE : CRM_FMT_TSV;
}

static void
run_stages(struct crm_db *db, struct args *a)
{
	struct crm_out *out = crm_out_new(stdout, a->fmt);
	int r;

	crm_out_fields(out, a->fields);
	r = crm_stages_print(db, out);
	crm_check(crm_out_end(out));
	crm_check(r);
}

/*
 * stages SPEC; the open deals left in stages the new pipeline has not
 * keep them, and are said once it is committed (a name mistyped would
 * otherwise drop them from the pipeline's figures without a word).
 */
static void
run_stages_set(struct crm_db *db, struct args *a)
{
	crm_check(crm_stages_set(db, a->rest[1]));
	a->orphans = crm_stages_orphans(db, &a->orphan_stages);
	crm_check(a->orphans < 0 ? -1 : 0);
}

static void
stages_summary(struct args *a)
{
	char n[32];

	if (a->orphans > 0)
		fprintf(stderr, "%s: %s open deal%s %s in %s this pipeline has "
		    "not: %s (%s kept: crm-deal move ID STAGE)\n", crm_prog,
		    crm_fmt_count(a->orphans, n), a->orphans == 1 ? "" : "s",
		    a->orphans == 1 ? "is" : "are", strchr(a->orphan_stages.s,
		    ',') ? "stages" : "a stage", a->orphan_stages.s,
		    a->orphans == 1 ? "its stage is" : "their stages are");
	crm_buf_free(&a->orphan_stages);
}

/* --import [FILE]: a deal export, read before the lock. */
static void
check_import(struct args *a)
{
	check_only(a, 0, 0);
	if (a->nrest > 1)
		crm_usage_error(usage_text, "--import takes one file");
	crm_import_opts_check(&a->imp, usage_text);
	crm_set_decimal_comma(a->decimal_comma);
	a->imp.rd.spool = 1;
	a->imp.rd.known = crm_header_known;
	a->stream = crm_check_ptr(crm_rd_open(a->nrest ? a->rest[0] : "-",
	    &a->imp.rd));
}

static void
run_import(struct crm_db *db, struct args *a)
{
	crm_check(crm_import_deals(db, a->stream, &a->imp.im, &a->dim));
	crm_rd_close(a->stream);
	crm_check(crm_import_finish(&a->imp.im));
}

/* What the import did, once it is committed. */
static void
import_summary(const struct args *a)
{
	char n[2][32];

	crm_import_summary(&a->imp.im, a->imp.dry_run);
	if (a->imp.im.skipped)
		fprintf(stderr, "%s row%s skipped: a report's footer or totals "
		    "line\n", crm_fmt_count(a->imp.im.skipped, n[0]),
		    a->imp.im.skipped == 1 ? "" : "s");
	if (a->imp.im.erased)
		fprintf(stderr, "%s row%s skipped: a customer erased on request "
		    "(crm-add --unerase KEY lets one back)\n",
		    crm_fmt_count(a->imp.im.erased, n[0]),
		    a->imp.im.erased == 1 ? "" : "s");
	if (a->dim.deleted)
		fprintf(stderr, "%s row%s skipped: a deal deleted in the CRM "
		    "it came from\n", crm_fmt_count(a->dim.deleted, n[0]),
		    a->dim.deleted == 1 ? "" : "s");
	if (a->dim.closed)
		fprintf(stderr, "%s closed: %s (lost, imported open before)\n",
		    crm_fmt_count(a->dim.closed, n[0]), a->dim.closed_why);
	if (a->dim.made_at_close)
		fprintf(stderr, "%s won or lost deal%s without a created date: "
		    "made at %s close, not after it (a won one's sales cycle "
		    "is 0 days; --map 'COLUMN=created' reads a column of "
		    "them)\n",
		    crm_fmt_count(a->dim.made_at_close, n[0]),
		    a->dim.made_at_close == 1 ? "" : "s",
		    a->dim.made_at_close == 1 ? "its" : "their");
	if (a->dim.closed_now)
		fprintf(stderr, "%s won or lost deal%s without a close date: "
		    "closed at the import's time, not at %s making (--map "
		    "'COLUMN=closed_at' reads a column of them)\n",
		    crm_fmt_count(a->dim.closed_now, n[0]),
		    a->dim.closed_now == 1 ? "" : "s",
		    a->dim.closed_now == 1 ? "its" : "their");
	if (a->dim.older)
		fprintf(stderr, "%s row%s older than %s deal%s here: not taken "
		    "(said above)\n", crm_fmt_count(a->dim.older, n[0]),
		    a->dim.older == 1 ? "" : "s", a->dim.older == 1 ? "its" :
		    "their", a->dim.older == 1 ? "" : "s");
	if (a->dim.orgs || a->dim.customers)
		fprintf(stderr, "%s organisation%s and %s customer%s added\n",
		    crm_fmt_count(a->dim.orgs, n[0]), a->dim.orgs == 1 ? "" :
		    "s", crm_fmt_count(a->dim.customers, n[1]),
		    a->dim.customers == 1 ? "" : "s");
	if (a->dim.new_stages.len)
		fprintf(stderr, "stages added to the pipeline: %s (their "
		    "order: crm-deal stages)\n", a->dim.new_stages.s);
	if (a->dim.dropped_stages.len)
		fprintf(stderr, "stages of crm's own that no deal has been in, "
		    "left out of the pipeline: %s\n", a->dim.dropped_stages.s);
}

/*
 * The subcommands: the first whose name and operand count (the name
 * included) fit.  A mode other than CRM_DB_READ runs in one transaction.
 */
static const struct cmd {
	const char *name;
	int min, max;		/* max -1: any number */
	void (*check)(struct args *);
	void (*run)(struct crm_db *, struct args *);
	int mode;
} cmds[] = {
	{ "list",   0, -1, check_list,   run_list,       CRM_DB_READ },
	{ "add",    0, -1, check_add,    run_add,        CRM_DB_WRITE },
	{ "move",   3,  3, check_move,   run_move,       CRM_DB_UPDATE },
	{ "won",    2,  2, check_move,   run_move,       CRM_DB_UPDATE },
	{ "lost",   2,  2, check_move,   run_move,       CRM_DB_UPDATE },
	{ "update", 2,  2, check_update, run_update,     CRM_DB_UPDATE },
	{ "show",   2,  2, check_show,   run_show,       CRM_DB_READ },
	{ "stages", 1,  1, check_stages, run_stages,     CRM_DB_READ },
	{ "stages", 2,  2, NULL,         run_stages_set, CRM_DB_WRITE },
	{ "import", 0,  1, check_import, run_import,     CRM_DB_WRITE },
};

static const char *const names[] = { "list", "add", "move", "won", "lost",
	"update", "show", "stages" };

/* The subcommand, its operands and options checked: no database yet. */
static const struct cmd *
check_args(struct args *a)
{
	const char *name = a->nrest ? a->rest[0] : "list";
	const struct cmd *c;
	size_t i;

	/* --decimal-comma reads --amount and --probability too, as
	 * crm-log's --amount */
	if (crm_import_opts_given(&a->imp) || a->imp.im.source ||
	    a->dim.add_customers) {
		if (!a->import)
			crm_usage_error(usage_text, "--csv, --tsv, --delimiter, "
			    "--encoding, --date-format, --map, --source, "
			    "--add-customers, --rejects and --dry-run go with "
			    "--import");
	}
	if (a->import) {
		for (c = cmds; strcmp(c->name, "import") != 0; c++)
			;
		c->check(a);
		return c;
	}
	for (i = 0; i < sizeof names / sizeof names[0] &&
	    strcmp(names[i], name); i++)
		;
	if (i == sizeof names / sizeof names[0])
		name = "list";		/* an expression alone */
	for (c = cmds; c < cmds + sizeof cmds / sizeof cmds[0]; c++) {
		if (strcmp(c->name, name) != 0 || a->nrest < c->min ||
		    (c->max >= 0 && a->nrest > c->max))
			continue;
		if (c->check)
			c->check(a);
		return c;
	}
	crm_usage_error(usage_text, "%s: wrong number of arguments", name);
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	const struct cmd *cmd;
	struct crm_db *db;

	crm_prog_init(argv[0]);
	crm_prog_usage(usage_text);
	parse_args(&a, argc, argv);
	cmd = check_args(&a);
	db = crm_open(a.db, a.imp.dry_run ? CRM_DB_DRYRUN : cmd->mode);
	if (cmd->mode != CRM_DB_READ)
		crm_check(crm_begin(db));
	cmd->run(db, &a);
	if (cmd->mode != CRM_DB_READ)
		crm_check(a.imp.dry_run ? crm_rollback(db) : crm_commit(db));
	crm_check(crm_db_close(db));
	if (a.import)
		import_summary(&a);
	stages_summary(&a);
	fputs(crm_buf_str(&a.ids), stdout);
	crm_buf_free(&a.ids);
	crm_buf_free(&a.dim.new_stages);
	crm_buf_free(&a.dim.dropped_stages);
	free(a.dim.closed_why);
	free(a.imp.im.maps);
	free(a.title);
	crm_close_stdout();
	return 0;
}
