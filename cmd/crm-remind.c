/*
 * crm-remind - follow-ups that never get forgotten: dated and recurring
 * reminders, cadence rules over a filter, complaints past their SLA,
 * open deals past their close date or gone quiet; the list of what is
 * due for people, for cron and mail, and for calendars.
 *
 * It is quiet when nothing is due (no header, no mail, exit 0), so a
 * cron job mails only when there is work.  Subcommands come first; the
 * options after them are parsed per subcommand.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

enum {
	OPT_ALL = 256, OPT_DUE, OPT_EVERY, OPT_IN, OPT_LOG, OPT_MAIL,
	OPT_OWNER, OPT_SLA, OPT_SOURCE, OPT_TO, OPT_UNTIL, OPT_VERSION,
};

static const struct option longopts[] = {
	{ "all",     no_argument,       NULL, OPT_ALL },
	{ "csv",     no_argument,       NULL, CRM_OPT_CSV },
	{ "date-format", required_argument, NULL, CRM_OPT_DATEFMT },
	{ "db",      required_argument, NULL, 'd' },
	{ "delimiter", required_argument, NULL, CRM_OPT_DELIM },
	{ "dry-run", no_argument,       NULL, CRM_OPT_DRYRUN },
	{ "encoding", required_argument, NULL, CRM_OPT_ENCODING },
	{ "due",     required_argument, NULL, OPT_DUE },
	{ "every",   required_argument, NULL, OPT_EVERY },
	{ "fields",  required_argument, NULL, 'f' },
	{ "help",    no_argument,       NULL, 'h' },
	{ "in",      required_argument, NULL, OPT_IN },
	{ "log",     required_argument, NULL, OPT_LOG },
	{ "mail",    no_argument,       NULL, OPT_MAIL },
	{ "map",     required_argument, NULL, CRM_OPT_MAP },
	{ "output",  required_argument, NULL, 'o' },
	{ "owner",   required_argument, NULL, OPT_OWNER },
	{ "rejects", required_argument, NULL, CRM_OPT_REJECTS },
	{ "sla",     required_argument, NULL, OPT_SLA },
	{ "source",  required_argument, NULL, OPT_SOURCE },
	{ "to",      required_argument, NULL, OPT_TO },
	{ "tsv",     no_argument,       NULL, CRM_OPT_TSV },
	{ "tsv-escapes", required_argument, NULL, CRM_OPT_TSVESC },
	{ "until",   required_argument, NULL, OPT_UNTIL },
	{ "version", no_argument,       NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-remind [list] [-d db] [--until when] [--owner owner] [--all]\n"
"                  [--sla dur] [-f fields] [-o tsv|csv|json|table|ics]\n"
"                  [--mail [--to address]]\n"
"       crm-remind add customer | - (--due when | --in dur) [--every dur]\n"
"                  [--owner owner] note ...\n"
"       crm-remind import [--due when | --in dur] [--owner owner]\n"
"                  [--csv | --tsv] [--tsv-escapes=yes|no] [--delimiter c]\n"
"                  [--encoding name] [--date-format format]\n"
"                  [--map from=to]... [--source name] [--rejects file]\n"
"                  [--dry-run] [file | -]\n"
"       crm-remind done id [--log kind] [summary ...]\n"
"       crm-remind snooze id dur | when\n"
"       crm-remind rm id\n"
"       crm-remind rule add expression --every dur [--owner owner] note ...\n"
"       crm-remind rule list | rm id\n"
"       crm-remind sla [dur]\n"
"       crm-remind quiet [dur]\n"
"       crm-remind owner [name [address]]\n";

/* --help: every option in longopts, one line each (t/035-help.bats). */
static const char help_text[] =
"Commands:\n"
"  list      what is due (the default)\n"
"  add       a reminder about a customer (--due or --in)\n"
"  import    open tasks of another CRM's export as reminders\n"
"  done      a reminder is done (--log logs it)\n"
"  snooze    put a reminder off\n"
"  rm        remove a reminder\n"
"  rule      cadence rules: rule add, rule list, rule rm\n"
"  sla       print or set the complaint SLA\n"
"  quiet     print or set how long a deal may go untouched\n"
"  owner     an owner's mail address\n"
"\n"
"Listing:\n"
"      --until when        what is due by when (default now)\n"
"      --owner owner       only this owner's (add: whose it is)\n"
"      --all               every open item, however far off\n"
"      --sla dur           the complaint SLA for this run\n"
"  -f, --fields list       the columns to print, comma-separated\n"
"  -o, --output format     tsv, csv, json, table or ics\n"
"      --mail              write the list as mail, one per owner\n"
"      --to address        --mail: where owners without an address go\n"
"\n"
"Adding:\n"
"      --due when          when it is due\n"
"      --in dur            due in dur (e.g. 3d)\n"
"      --every dur         repeat every dur (add, rule add)\n"
"      --log kind          done: log an interaction of this kind\n"
"\n"
"Importing (import [file | -]):\n"
CRM_HELP_READ
"      --source name       the system the file's task ids come from\n"
"      --rejects file      write the rows not taken to file\n"
"      --dry-run           check the file, change nothing\n"
"\n"
CRM_HELP_DB
"\n"
"Examples:\n"
"  crm-remind add ada@example.com --in 3d 'call about the renewal'\n"
"  crm-remind rule add 'last_contact > 30d' --every 30d 'check in'\n"
"  crm-remind --owner alice -o table\n"
"\n"
"See crm-remind(1).\n";

#define usage(status) crm_usage(usage_text, (status))

struct args {
	const char *db, *due, *in, *every, *owner, *until, *sla, *to, *log;
	const char *fields;
	const char *mail_to;	/* --to, or CRM_MAIL_TO with --mail */
	const char *mail_domain;	/* CRM_MAIL_DOMAIN with --mail */
	int status;		/* 1: mail partly delivered */
	int all, mail, ics;
	enum crm_fmt fmt;
	struct crm_buf ids;	/* printed once committed */
	char due_at[CRM_TIME_LEN];
	struct crm_rd *stream;	/* add -, import: read before the lock */
	struct crm_import_opts imp;	/* import's reading and --map */
	struct crm_remind_import ri;	/* what import did */
	char **rest;
	int nrest;
};

static void
parse_args(struct args *a, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts, NULL)) != -1) {
		if (crm_import_opt(&a->imp, c, optarg, usage_text))
			continue;
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'f': a->fields = crm_arg_names(optarg); break;
		case 'h': crm_help(usage_text, help_text);
		case 'o':
			if (strcmp(optarg, "ics") == 0)
				a->ics = 1;
			else if (crm_fmt_parse(optarg, &a->fmt) < 0)
				crm_usage_error(usage_text,
				    "-o: unknown format '%s' (tsv, csv, "
				    "json, table, ics)", optarg);
			break;
		case OPT_ALL: a->all = 1; break;
		case OPT_DUE: a->due = optarg; break;
		case OPT_EVERY: a->every = optarg; break;
		case OPT_IN: a->in = optarg; break;
		case OPT_LOG: a->log = optarg; break;
		case OPT_MAIL: a->mail = 1; break;
		case OPT_OWNER: a->owner = optarg; break;
		case OPT_SLA: a->sla = optarg; break;
		case OPT_SOURCE: a->imp.im.source = optarg; break;
		case OPT_TO: a->to = optarg; break;
		case OPT_UNTIL: a->until = optarg; break;
		case OPT_VERSION:
			printf("crm-remind %s\n", CRM_VERSION);
			exit(0);
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->rest = argv + optind;
	a->nrest = argc - optind;
}

static long long
reminder_id(const char *s)
{
	return crm_arg_id("a reminder", s);
}

/* list: operands, and the mail address, checked before the database. */
static void
check_list(struct args *a)
{
	/* The name is optional: with no operand at all this is list. */
	if (a->nrest > 1)
		crm_usage_error(usage_text,
		    "list takes no arguments: '%s'", a->rest[1]);
	a->mail_to = a->to ? a->to : a->mail ? getenv("CRM_MAIL_TO") : NULL;
	a->mail_domain = a->mail ? getenv("CRM_MAIL_DOMAIN") : NULL;
	if (a->mail_to && *a->mail_to && !crm_email_valid(a->mail_to))
		crm_die(CRM_EX_USAGE, "%s: '%s' is not a mail address", a->to ?
		    "--to" : "CRM_MAIL_TO", a->mail_to);
	if (a->sla)
		crm_arg_dur("--sla", a->sla, NULL);
}

/* The list: for people, for mail, or for a calendar; quiet when empty. */
static void
run_list(struct crm_db *db, struct args *a)
{
	char until[CRM_TIME_LEN];
	struct crm_remind_list l = { .owner = a->owner, .sla = a->sla,
	    .all = a->all, .mail = a->mail, .ics = a->ics, .to = a->mail_to,
	    .domain = a->mail_domain, .fmt = a->fmt, .fields = a->fields };
	int r;

	/* --until is read once the database is open, as it always was. */
	l.until = a->until ? crm_arg_when("--until", a->until, until) :
	    crm_now_str();
	crm_check(r = crm_remind_list(db, &l));
	a->status = r;	/* 1: some owners had no address */
}

/* add CUSTOMER|- ...: one reminder, or one per customer of a stream. */
struct added {
	struct args *a;
	const char *note;
	long count;
};

static int
add_customer(struct crm_db *db, long long customer, const struct crm_rec *rec,
    void *ctx)
{
	struct added *ad = ctx;
	struct args *a = ad->a;

	(void)rec;
	crm_buf_addf(&a->ids, "%lld\n", crm_remind_add(db, customer,
	    a->due_at, a->every, ad->note, a->owner, 1));
	ad->count++;
	return 0;
}

/* What will be stored, the note words from FIRST on and --owner, is UTF-8. */
static void
check_text(struct args *a, int first)
{
	int i;

	for (i = first; i < a->nrest; i++)
		if (!crm_utf8_str(a->rest[i]))
			crm_die(CRM_EX_DATAERR, "the note: invalid UTF-8");
	if (!crm_utf8_str(a->owner))
		crm_die(CRM_EX_DATAERR, "--owner: invalid UTF-8");
}

static void
check_add(struct args *a)
{
	struct crm_dur d;

	if (a->nrest < 3)
		crm_usage_error(usage_text,
		    "add needs a customer and a note");
	if (!!a->due == !!a->in)
		crm_usage_error(usage_text,
		    "add needs one of --due and --in");
	if (a->due)
		crm_arg_when("--due", a->due, a->due_at);
	else {
		/* The local calendar, as a recurring reminder steps. */
		crm_arg_dur("--in", a->in, &d);
		crm_fmt_time(crm_dur_add_local(crm_now(), &d), a->due_at);
	}
	if (a->every)
		crm_arg_dur("--every", a->every, NULL);
	check_text(a, 2);
	if (strcmp(a->rest[1], "-") == 0) {	/* read before the lock */
		struct crm_rd_opts opts = { .spool = 1, .empty_ok = 1 };

		a->stream = crm_check_ptr(crm_rd_open("-", &opts));
	}
}

static void
run_add(struct crm_db *db, struct args *a)
{
	char *note = crm_join(a->rest + 2, a->nrest - 2), num[32];
	struct added ad = { a, note, 0 };

	crm_check(crm_each_customer(db, a->rest[1], a->stream, add_customer,
	    &ad));
	if (a->stream) {
		crm_rd_close(a->stream);
		fprintf(stderr, "%s reminder%s added\n",
		    crm_fmt_count(ad.count, num), ad.count == 1 ? "" : "s");
	}
	free(note);
}

/* import [FILE]: the due date for rows without one; read before the lock. */
static void
check_import(struct args *a)
{
	struct crm_dur d;

	if (a->nrest > 2)
		crm_usage_error(usage_text, "import takes one file");
	if (a->due && a->in)
		crm_usage_error(usage_text,
		    "import takes one of --due and --in");
	if (a->every)
		crm_usage_error(usage_text, "import takes no --every");
	if (a->due)
		crm_arg_when("--due", a->due, a->due_at);
	else if (a->in) {
		crm_arg_dur("--in", a->in, &d);
		crm_fmt_time(crm_dur_add_local(crm_now(), &d), a->due_at);
	}
	check_text(a, a->nrest);
	crm_import_opts_check(&a->imp, usage_text);
	a->imp.rd.spool = 1;
	a->stream = crm_check_ptr(crm_rd_open(a->nrest > 1 ? a->rest[1] :
	    "-", &a->imp.rd));
}

static void
run_import(struct crm_db *db, struct args *a)
{
	a->ri.im = &a->imp.im;
	a->ri.due = a->due || a->in ? a->due_at : NULL;
	a->ri.owner = a->owner;
	a->ri.date_format = a->imp.date_format;
	crm_check(crm_import_reminders(db, a->stream, &a->ri));
	crm_rd_close(a->stream);
	crm_check(crm_import_finish(&a->imp.im));
}

/* What import did, once it is committed. */
static void
import_summary(const struct args *a)
{
	const struct crm_remind_import *ri = &a->ri;
	char n[3][32];

	if (ri->done)
		fprintf(stderr, "%s task%s skipped: done (%s)\n",
		    crm_fmt_count(ri->done, n[0]), ri->done == 1 ? "" : "s",
		    ri->done_word);
	if (ri->no_task)	/* Close's leads of no next task */
		fprintf(stderr, "%s row%s skipped: no task (%s)\n",
		    crm_fmt_count(ri->no_task, n[0]), ri->no_task == 1 ? "" :
		    "s", ri->no_task_why);
	if (ri->computed)	/* its own listing's items of no reminder */
		fprintf(stderr, "%s row%s skipped: computed by crm-remind "
		    "(%s), not %s\n", crm_fmt_count(ri->computed, n[0]),
		    ri->computed == 1 ? "" : "s", ri->computed_what,
		    ri->computed == 1 ? "a stored reminder" :
		    "stored reminders");
	if (ri->held)
		fprintf(stderr, "%s event%s skipped: held (started before "
		    "now): crm-log --import FILE logs %s\n",
		    crm_fmt_count(ri->held, n[0]), ri->held == 1 ? "" : "s",
		    ri->held == 1 ? "it" : "them");
	if (ri->renamed)	/* Zoho's ids an older crm took for HubSpot's */
		fprintf(stderr, "%s reminder%s kept as %s's task%s by an "
		    "older crm: %s's now\n", crm_fmt_count(ri->renamed, n[0]),
		    ri->renamed == 1 ? "" : "s", ri->renamed_from,
		    ri->renamed == 1 ? "" : "s", ri->source);
	if (ri->kept)		/* the user's snooze or done, not undone */
		fprintf(stderr, "%s reminder%s snoozed or repeated here kept %s "
		    "due: %s task%s due unchanged in the file\n",
		    crm_fmt_count(ri->kept, n[0]), ri->kept == 1 ? "" : "s",
		    ri->kept == 1 ? "its" : "their", ri->kept == 1 ? "its" :
		    "their", ri->kept == 1 ? "'s" : "s'");
	if (ri->updated)	/* by the task's id: moved or edited there */
		fprintf(stderr, "%s reminder%s updated: %s task%s moved or "
		    "edited\n", crm_fmt_count(ri->updated, n[0]),
		    ri->updated == 1 ? "" : "s", ri->updated == 1 ? "its" :
		    "their", ri->updated == 1 ? "" : "s");
	if (ri->closed)		/* by the task's id: done there */
		fprintf(stderr, "%s reminder%s done: %s task%s done (%s)\n",
		    crm_fmt_count(ri->closed, n[0]), ri->closed == 1 ? "" : "s",
		    ri->closed == 1 ? "its" : "their", ri->closed == 1 ? "" :
		    "s", ri->closed_word);
	fprintf(stderr, "%s%s reminder%s added, %s already there, %s "
	    "rejected\n", a->imp.dry_run ? "dry run: " : "",
	    crm_fmt_count(a->imp.im.added, n[0]), a->imp.im.added == 1 ? "" :
	    "s", crm_fmt_count(ri->there, n[1]),
	    crm_fmt_count(a->imp.im.rejected, n[2]));
}

static void
check_done(struct args *a)
{
	if (a->log && !crm_kind_valid(a->log))
		crm_die(CRM_EX_USAGE, "--log: unknown kind '%s' (%s)",
		    a->log, crm_kinds());
}

/*
 * done deal:N: a quiet deal's item logs work on the deal (a note unless
 * --log says), which clears it; a deal past its close date is not put
 * right by a touch, so that is refused with what would put it right.
 */
static long long
done_deal(struct crm_db *db, const char *id, struct crm_ia *ia)
{
	const char *why;
	char due[CRM_TIME_LEN], *end;
	long long deal = strtoll(id + 5, &end, 10), logged;
	int closing, r;

	if (*end || end == id + 5 || deal <= 0)
		crm_die(CRM_EX_USAGE, "'%s' is not an item id (deal:N)", id);
	r = crm_deal_item(db, deal, due, &closing, &why);
	crm_check(r);
	if (r > 0)
		crm_die(CRM_EX_DATAERR, "no item %s: %s", id, why);
	if (strcmp(due, crm_now_str()) > 0)
		crm_die(CRM_EX_DATAERR, "%s is not due until %s: nothing done",
		    id, due);
	if (closing)
		crm_die(CRM_EX_DATAERR, "%s was to close on %.10s: nothing "
		    "done; move it on (crm-deal won, lost or move %lld) or give "
		    "it a new close date (crm-deal update %lld --close when)",
		    id, due, deal, deal);
	if (ia->kind == NULL)
		ia->kind = "note";
	if ((logged = crm_deal_item_done(db, deal, ia)) < 0)
		crm_die_err();
	return logged;
}

/* done ID: a reminder, a rule's item (logs a contact), a complaint or a
 * deal's item. */
static void
run_done(struct crm_db *db, struct args *a)
{
	const char *id = a->rest[1], *why;
	char *summary = crm_join(a->rest + 2, a->nrest - 2), due[CRM_TIME_LEN];
	char next[CRM_TIME_LEN];
	struct crm_ia ia = { 0 };
	long long rule, customer;
	int r;

	ia.at = crm_now_str(), ia.owner = crm_actor();
	ia.summary = *summary ? summary : NULL;
	ia.kind = a->log;
	if (ia.kind)
		crm_ia_check(&ia);	/* the channel the kind implies */
	if (strncmp(id, "deal:", 5) == 0) {
		crm_buf_addf(&a->ids, "%lld\n", done_deal(db, id, &ia));
		customer = 0;	/* logged already, against the deal */
	} else if (strncmp(id, "invoice:", 8) == 0) {
		crm_check(crm_recv_done(db, crm_arg_id("an invoice",
		    id + 8)));	/* never done: it is paid */
		customer = 0;
	} else if (strncmp(id, "complaint:", 10) == 0) {
		crm_check(crm_ia_resolve(db, reminder_id(id + 10),
		    crm_now_str(), ia.summary));
		customer = crm_ia_customer(db, reminder_id(id + 10));
	} else if (sscanf(id, "rule:%lld:%lld", &rule, &customer) == 2) {
		/* A rule's item clears when the customer is contacted. */
		if (ia.kind == NULL)
			ia.kind = "note";
		r = crm_rule_item(db, rule, customer, due, &why);
		crm_check(r);
		if (r > 0)
			crm_die(CRM_EX_DATAERR, "no item %s: %s", id, why);
		if (strcmp(due, crm_now_str()) > 0)
			crm_die(CRM_EX_DATAERR, "%s is not due until %s: nothing "
			    "done", id, due);
	} else {
		crm_check(crm_remind_done(db, reminder_id(id), next));
		customer = crm_remind_customer(db, reminder_id(id));
		if (*next)
			fprintf(stderr, "next due %s\n", next);
	}
	if (ia.kind && customer) {
		long long logged = crm_ia_insert(db, customer, &ia, 1);

		crm_check(logged < 0 ? -1 : 0);
		crm_buf_addf(&a->ids, "%lld\n", logged);
	}
	free(summary);
}

static void
check_snooze(struct args *a)
{
	struct crm_dur d;

	if (a->nrest != 3)
		crm_usage_error(usage_text,
		    "snooze takes an id and a duration or date");
	reminder_id(a->rest[1]);
	if (crm_parse_dur(a->rest[2], &d) == 0)
		crm_fmt_time(crm_dur_add_local(crm_now(), &d), a->due_at);
	else
		crm_arg_when("snooze", a->rest[2], a->due_at);
	/* put off to the past would move a series back, a mistake */
	if (strcmp(a->due_at, crm_now_str()) <= 0)
		crm_usage_error(usage_text, "snooze: '%s' is not later than "
		    "now: a reminder is put off to a later time", a->rest[2]);
}

static void
run_snooze(struct crm_db *db, struct args *a)
{
	crm_check(crm_remind_snooze(db, reminder_id(a->rest[1]), a->due_at));
	fprintf(stderr, "due %s\n", a->due_at);
}

static void
check_rm(struct args *a)
{
	reminder_id(a->rest[1]);
}

static void
run_rm(struct crm_db *db, struct args *a)
{
	crm_check(crm_remind_rm(db, reminder_id(a->rest[1])));
}

static void
run_rule_list(struct crm_db *db, struct args *a)
{
	struct crm_out *out = crm_out_new(stdout, a->fmt);
	int r;

	crm_out_fields(out, a->fields);
	r = crm_rule_list(db, out);
	if (crm_out_end(out) < 0)
		r = -1;
	crm_check(r);
}

static void
check_rule_rm(struct args *a)
{
	reminder_id(a->rest[2]);
}

static void
run_rule_rm(struct crm_db *db, struct args *a)
{
	int r = crm_rule_rm(db, reminder_id(a->rest[2]));

	crm_check(r);
	if (r > 0)
		crm_die(CRM_EX_DATAERR, "no rule %s", a->rest[2]);
}

/* Any "rule" that is not list or rm ID must be a whole rule add. */
static void
check_rule_add(struct args *a)
{
	if (a->nrest < 4 || strcmp(a->rest[1], "add") != 0)
		crm_usage_error(usage_text,
		    "rule add EXPR --every DUR NOTE..., rule list, or "
		    "rule rm ID");
	if (a->every == NULL)
		crm_usage_error(usage_text, "rule add needs --every");
	crm_arg_dur("--every", a->every, NULL);
	check_text(a, 3);
}

static void
run_rule_add(struct crm_db *db, struct args *a)
{
	char *note = crm_join(a->rest + 3, a->nrest - 3);
	long long id;

	if ((id = crm_rule_add(db, a->rest[2], a->every, note, a->owner)) < 0)
		crm_die_err();
	crm_buf_addf(&a->ids, "%lld\n", id);
	free(note);
}

static void
run_sla(struct crm_db *db, struct args *a)
{
	const char *sla = crm_remind_sla(db);

	(void)a;
	if (sla == NULL)
		crm_die_err();
	printf("%s\n", sla);
}

static void
run_quiet(struct crm_db *db, struct args *a)
{
	const char *quiet = crm_remind_quiet(db);

	(void)a;
	if (quiet == NULL)
		crm_die_err();
	printf("%s\n", quiet);
}

static void
check_quiet_set(struct args *a)
{
	crm_arg_dur("quiet", a->rest[1], NULL);
}

static void
run_quiet_set(struct crm_db *db, struct args *a)
{
	crm_remind_set_quiet(db, a->rest[1]);
}

static void
check_sla_set(struct args *a)
{
	crm_arg_dur("sla", a->rest[1], NULL);
}

static void
run_sla_set(struct crm_db *db, struct args *a)
{
	crm_remind_set_sla(db, a->rest[1]);
}

/*
 * The subcommands.  The first entry whose name, second word (sub) and
 * operand count (the name included) fit is the one; check refuses what
 * it can before the database is opened (or made).  A mode other than
 * CRM_DB_READ runs in one transaction, and the ids it made are printed
 * once committed.
 */
/* owner [NAME [ADDRESS]]: where an owner's mail goes. */
static void
check_owner_set(struct args *a)
{
	if (*a->rest[2] && !crm_email_valid(a->rest[2]))
		crm_usage_error(usage_text, "owner: '%s' is not a mail "
		    "address", a->rest[2]);
	if (!crm_utf8_str(a->rest[1]) || *a->rest[1] == '\0')
		crm_usage_error(usage_text, "owner: '%s' is not an owner",
		    a->rest[1]);
}

static void
run_owner_set(struct crm_db *db, struct args *a)
{
	crm_remind_set_owner(db, a->rest[1], a->rest[2]);
}

static void
run_owners(struct crm_db *db, struct args *a)
{
	struct crm_out *out = crm_out_new(stdout, a->fmt == CRM_FMT_AUTO ?
	    CRM_FMT_TSV : a->fmt);
	int r;

	crm_out_fields(out, a->fields);
	r = crm_remind_owners(db, a->nrest > 1 ? a->rest[1] : NULL, out);
	crm_check(crm_out_end(out));
	crm_check(r);
}

static const struct cmd {
	const char *name, *sub;
	int min, max;		/* max -1: any number */
	void (*check)(struct args *);
	void (*run)(struct crm_db *, struct args *);
	int mode;
} cmds[] = {
	{ "list",   NULL,   0, -1, check_list,     run_list,      CRM_DB_READ },
	{ "add",    NULL,   0, -1, check_add,      run_add,       CRM_DB_WRITE },
	{ "import", NULL,   1,  2, check_import,   run_import,    CRM_DB_WRITE },
	{ "done",   NULL,   2, -1, check_done,     run_done,      CRM_DB_UPDATE },
	{ "snooze", NULL,   0, -1, check_snooze,   run_snooze,    CRM_DB_UPDATE },
	{ "rm",     NULL,   2,  2, check_rm,       run_rm,        CRM_DB_UPDATE },
	{ "rule",   "list", 2,  2, NULL,           run_rule_list, CRM_DB_READ },
	{ "rule",   "rm",   3,  3, check_rule_rm,  run_rule_rm,   CRM_DB_UPDATE },
	{ "rule",   NULL,   0, -1, check_rule_add, run_rule_add,  CRM_DB_WRITE },
	{ "sla",    NULL,   1,  1, NULL,           run_sla,       CRM_DB_READ },
	{ "sla",    NULL,   2,  2, check_sla_set,  run_sla_set,   CRM_DB_WRITE },
	{ "quiet",  NULL,   1,  1, NULL,           run_quiet,     CRM_DB_READ },
	{ "quiet",  NULL,   2,  2, check_quiet_set, run_quiet_set, CRM_DB_WRITE },
	{ "owner",  NULL,   1,  2, NULL,           run_owners,    CRM_DB_READ },
	{ "owner",  NULL,   3,  3, check_owner_set, run_owner_set, CRM_DB_WRITE },
};

static int
fits(const struct cmd *c, const char *name, const struct args *a)
{
	if (strcmp(c->name, name) != 0)
		return 0;
	if (c->sub && (a->nrest < 2 || strcmp(a->rest[1], c->sub) != 0))
		return 0;
	return a->nrest >= c->min && (c->max < 0 || a->nrest <= c->max);
}

/* The subcommand, its operands and options checked: no database yet. */
static const struct cmd *
check_args(struct args *a)
{
	const char *name = a->nrest ? a->rest[0] : "list";
	const struct cmd *c;

	if ((crm_import_opts_given(&a->imp) || a->imp.im.source) &&
	    strcmp(name, "import") != 0)
		crm_usage_error(usage_text, "--csv, --tsv, --delimiter, "
		    "--encoding, --date-format, --map, --source, --rejects and "
		    "--dry-run go with import");
	crm_arg_source(usage_text, a->imp.im.source);

	for (c = cmds; c < cmds + sizeof cmds / sizeof cmds[0]; c++) {
		if (!fits(c, name, a))
			continue;
		if (c->check)
			c->check(a);
		return c;
	}
	crm_usage_error(usage_text,
	    "unknown or incomplete command '%s'", name);
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
	if (cmd->run == run_import)
		import_summary(&a);
	crm_check(crm_db_close(db));
	fputs(crm_buf_str(&a.ids), stdout);
	crm_buf_free(&a.ids);
	free(a.imp.im.maps);
	crm_close_stdout();
	return a.status;
}
