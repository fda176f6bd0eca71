/*
 * crm-add - add, update, merge and reassign customers, people and
 * organisations, one at a time from options or many from a spreadsheet
 * with --import; link a person to the organisation it is a contact of.
 *
 * Every change runs in one transaction and leaves a row in the audit
 * trail.  The work is in the library (cust.c, import.c, erase.c); this
 * file only reads the command line, picks the mode, and asks before an
 * erase.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

enum mode { ADD, UPDATE, MERGE, REASSIGN, IMPORT, ERASE, UNERASE };

/* The import's options are prog.h's CRM_OPT_*, shared with crm-log. */
enum {
	OPT_CONTACT_OF = 256, OPT_CREATED, OPT_CREDIT, OPT_DECIMAL, OPT_DOMAIN,
	OPT_ERASE, OPT_IMPORT, OPT_UNERASE,
	OPT_MERGE, OPT_ORG, OPT_OWNER, OPT_REASSIGN, OPT_ROLE, OPT_SOURCE,
	OPT_STATUS, OPT_TERMS, OPT_UNTAG, OPT_VERSION, OPT_YES,
};

static const struct option longopts[] = {
	{ "company",     required_argument, NULL, 'c' },
	{ "contact-of",  required_argument, NULL, OPT_CONTACT_OF },
	{ "created",     required_argument, NULL, OPT_CREATED },
	{ "credit-limit", required_argument, NULL, OPT_CREDIT },
	{ "csv",         no_argument,       NULL, CRM_OPT_CSV },
	{ "date-format", required_argument, NULL, CRM_OPT_DATEFMT },
	{ "db",          required_argument, NULL, 'd' },
	{ "decimal-comma", no_argument,     NULL, OPT_DECIMAL },
	{ "defer-index", no_argument,       NULL, CRM_OPT_DEFER_INDEX },
	{ "delimiter",   required_argument, NULL, CRM_OPT_DELIM },
	{ "domain",      required_argument, NULL, OPT_DOMAIN },
	{ "dry-run",     no_argument,       NULL, CRM_OPT_DRYRUN },
	{ "email",       required_argument, NULL, 'e' },
	{ "encoding",    required_argument, NULL, CRM_OPT_ENCODING },
	{ "erase",       required_argument, NULL, OPT_ERASE },
	{ "external-id", required_argument, NULL, 'x' },
	{ "field",       required_argument, NULL, 'F' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "import",      no_argument,       NULL, OPT_IMPORT },
	{ "industry",    required_argument, NULL, 'i' },
	{ "map",         required_argument, NULL, CRM_OPT_MAP },
	{ "merge",       no_argument,       NULL, OPT_MERGE },
	{ "name",        required_argument, NULL, 'n' },
	{ "org",         no_argument,       NULL, OPT_ORG },
	{ "owner",       required_argument, NULL, OPT_OWNER },
	{ "phone",       required_argument, NULL, 'p' },
	{ "reassign",    no_argument,       NULL, OPT_REASSIGN },
	{ "rejects",     required_argument, NULL, CRM_OPT_REJECTS },
	{ "role",        required_argument, NULL, OPT_ROLE },
	{ "source",      required_argument, NULL, OPT_SOURCE },
	{ "status",      required_argument, NULL, OPT_STATUS },
	{ "tag",         required_argument, NULL, 't' },
	{ "terms",       required_argument, NULL, OPT_TERMS },
	{ "tier",        required_argument, NULL, 'T' },
	{ "tsv",         no_argument,       NULL, CRM_OPT_TSV },
	{ "tsv-escapes", required_argument, NULL, CRM_OPT_TSVESC },
	{ "unerase",     required_argument, NULL, OPT_UNERASE },
	{ "untag",       required_argument, NULL, OPT_UNTAG },
	{ "update",      required_argument, NULL, 'u' },
	{ "version",     no_argument,       NULL, OPT_VERSION },
	{ "yes",         no_argument,       NULL, OPT_YES },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-add [-d db] [-n name] [-e email] [-p phone] [-c company]\n"
"               [-i industry] [-T tier] [--owner owner] [--status status]\n"
"               [-x id] [--created when] [--contact-of org] [--role role]\n"
"               [-t tag]... [-F key=value]... [--credit-limit amount]\n"
"               [--decimal-comma] [--terms terms]\n"
"       crm-add [-d db] --org -n name [--domain domain] [-e email]\n"
"               [-p phone] [-i industry] [-T tier] [--owner owner]\n"
"               [--status status] [-x id] [--created when] [-t tag]...\n"
"               [-F key=value]... [--credit-limit amount] [--decimal-comma]\n"
"               [--terms terms]\n"
"       crm-add [-d db] -u key | - [options as above] [--untag tag]...\n"
"       crm-add [-d db] --merge keep duplicate\n"
"       crm-add [-d db] --reassign from-owner to-owner\n"
"       crm-add [-d db] --import [--csv | --tsv] [--tsv-escapes=yes|no]\n"
"               [--delimiter c] [--encoding name] [--date-format format]\n"
"               [--map from=to]... [--source name] [--rejects file]\n"
"               [--defer-index] [--dry-run] [file | -]\n"
"       crm-add [-d db] --erase key | - [--yes]\n"
"       crm-add [-d db] --unerase key [--source name]\n";

/* --help: every option in longopts, one line each (t/035-help.bats). */
static const char help_text[] =
"A person needs -n or -e (or both); an organisation needs -n.\n"
"\n"
"Modes (without one, add a customer):\n"
"  -u, --update key        update the customer with this id, e-mail or id\n"
"                          (- reads keys, one a line)\n"
"      --merge             merge the second customer into the first\n"
"      --reassign          give one owner's customers to another\n"
"      --import            add or update many from CSV, TSV, JSON, vCard, LDIF\n"
"      --erase key         erase a customer and all about them (- reads keys)\n"
"      --unerase key       let an erased customer's e-mail or id be added again\n"
"\n"
"Adding and updating:\n"
"  -n, --name name         the name\n"
"  -e, --email email       the e-mail address\n"
"  -p, --phone phone       the phone number\n"
"  -c, --company company   the company, as text\n"
"  -i, --industry industry the industry\n"
"  -T, --tier tier         the tier (e.g. gold)\n"
"      --owner owner       who looks after the customer\n"
"      --status status     lead, prospect, active, inactive or lost\n"
"  -x, --external-id id    the id in another system\n"
"      --created when      when the customer came (default now)\n"
"  -t, --tag tag           add a tag (repeatable)\n"
"      --untag tag         remove a tag (repeatable)\n"
"  -F, --field key=value   an extra field (repeatable)\n"
"      --org               an organisation rather than a person\n"
"      --domain domain     the organisation's web domain\n"
"      --contact-of org    make the person a contact of org (\"\" unlinks)\n"
"      --role role         the person's role at the organisation\n"
"      --credit-limit amount  the most they may owe (\"\" for none)\n"
"      --decimal-comma     the credit limit writes 1.234,56\n"
"      --terms terms       their payment terms: 30d, Net 30, Due on receipt\n"
"                          (\"\" for the default)\n"
"      --yes               erase without asking\n"
"\n"
"Importing:\n"
CRM_HELP_READ
"      --source name       the system the file's ids come from\n"
"      --rejects file      write the rows not taken to file\n"
"      --defer-index       leave search indexing to crm index or a search\n"
"      --dry-run           check the file, change nothing\n"
"\n"
CRM_HELP_DB
"\n"
"Examples:\n"
"  crm-add -n 'Ada Lovelace' -e ada@example.com -T gold --owner alice\n"
"  crm-add --import customers.csv --dry-run\n"
"\n"
"See crm-add(1).\n";

#define usage(status) crm_usage(usage_text, (status))

struct args {
	enum mode mode;
	int modes, changes;
	int credit;		/* of the changes, credit limit and terms */
	int has_limit;		/* --credit-limit: 1 an amount, -1 none */
	long long limit;
	const char *limit_arg;	/* read once --decimal-comma is known */
	int decimal_comma;
	const char *terms;	/* --terms: "" for the setting's */
	char dur[CRM_TERMS_LEN];	/* --terms as a duration */
	const char *db, *key;
	char *contact_of;	/* --contact-of: "" unlinks */
	struct crm_cust cust;
	struct crm_import_opts imp;	/* --source is crm-add's own */
	char **rest;		/* the operands, after the options */
	int nrest;
	int yes;		/* --yes: erase without asking */
	char *phone_kept;	/* -u -p: the number it replaced, kept */
	long long *ids;		/* -u -: the customers updated */
	size_t nids;
};

static void
set_mode(struct args *a, enum mode m)
{
	a->mode = m;
	a->modes++;
}

static void
add_field(struct args *a, const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *given, *key;

	if (eq == NULL || eq == kv)
		crm_usage_error(usage_text,
		    "--field takes KEY=VALUE");
	given = crm_xstrndup(kv, (size_t)(eq - kv));
	key = crm_cust_field_key(&a->cust, given);
	crm_cust_field(&a->cust, key, eq + 1);
	free(given);
	free(key);
	a->changes++;
}

static void
set_col(struct args *a, int col, const char *v)
{
	crm_cust_set(&a->cust, col, v);
	a->changes++;
}

/*
 * A phone number typed with no digit at all (-p gold, an option given
 * the next word) is a mistake, said (qa38 F9g); an import's cell of
 * words (n/a, call me) is kept as the file has it.
 */
static void
set_phone(struct args *a, const char *v)
{
	if (*v && strpbrk(v, "0123456789") == NULL)
		crm_die(CRM_EX_DATAERR, "--phone: '%s' has no digit: not a "
		    "phone number", v);
	set_col(a, CRM_C_PHONE, v);
}

static void
parse_args(struct args *a, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "F:T:c:d:e:hi:n:p:t:u:x:",
	    longopts, NULL)) != -1) {
		if (crm_import_opt(&a->imp, c, optarg, usage_text))
			continue;
		switch (c) {
		case 'F': add_field(a, optarg); break;
		case 'T': set_col(a, CRM_C_TIER, optarg); break;
		case 'c': set_col(a, CRM_C_COMPANY, optarg); break;
		case 'd': a->db = optarg; break;
		case 'e': set_col(a, CRM_C_EMAIL, optarg); break;
		case 'h': crm_help(usage_text, help_text);
		case 'i': set_col(a, CRM_C_INDUSTRY, optarg); break;
		case 'n': set_col(a, CRM_C_NAME, optarg); break;
		case 'p': set_phone(a, optarg); break;
		case 't': crm_cust_tag(&a->cust, optarg, 0), a->changes++; break;
		case 'u': a->key = optarg, set_mode(a, UPDATE); break;
		case 'x': set_col(a, CRM_C_EXTERNAL_ID, optarg); break;
		case OPT_CONTACT_OF: a->contact_of = optarg, a->changes++; break;
		case OPT_CREATED: set_col(a, CRM_C_CREATED, optarg); break;
		case OPT_CREDIT:
			a->has_limit = *optarg ? 1 : -1;
			a->limit_arg = optarg;
			a->changes++, a->credit++;
			break;
		case OPT_DECIMAL: a->decimal_comma = 1; break;
		case OPT_TERMS:
			a->terms = "";
			if (*crm_trim(optarg) && crm_parse_terms(optarg,
			    a->dur) < 0)
				crm_die(CRM_EX_USAGE, "--terms: '%s' is not "
				    "payment terms (30d, Net 30, Due on "
				    "receipt)", optarg);
			if (*optarg)
				a->terms = a->dur;
			a->changes++, a->credit++;
			break;
		case OPT_DOMAIN: set_col(a, CRM_C_DOMAIN, optarg); break;
		case OPT_ERASE: a->key = optarg, set_mode(a, ERASE); break;
		case OPT_UNERASE: a->key = optarg, set_mode(a, UNERASE); break;
		case OPT_IMPORT: set_mode(a, IMPORT); break;
		case OPT_MERGE: set_mode(a, MERGE); break;
		case OPT_ORG: a->cust.type = CRM_TYPE_ORG, a->changes++; break;
		case OPT_OWNER: set_col(a, CRM_C_OWNER, optarg); break;
		case OPT_REASSIGN: set_mode(a, REASSIGN); break;
		case OPT_ROLE: set_col(a, CRM_C_ROLE, optarg); break;
		case OPT_SOURCE: a->imp.im.source = optarg; break;
		case OPT_STATUS: set_col(a, CRM_C_STATUS, optarg); break;
		case OPT_UNTAG:
			crm_cust_tag(&a->cust, optarg, 1), a->changes++;
			break;
		case OPT_VERSION:
			printf("crm-add %s\n", CRM_VERSION);
			exit(0);
		case OPT_YES: a->yes = 1; break;
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->rest = argv + optind, a->nrest = argc - optind;
	crm_set_decimal_comma(a->decimal_comma);
	if (a->has_limit > 0 && (a->limit = crm_arg_money("--credit-limit",
	    a->limit_arg)) < 0)
		crm_die(CRM_EX_DATAERR, "--credit-limit: '%s' is less than "
		    "nothing", a->limit_arg);
}

/* Stop with exit 65 and the column at fault when the record is bad. */
static void
check_cust(struct crm_cust *c)
{
	const char *err, *what;
	int col;

	if ((err = crm_cust_check(c, &col, &what)) == NULL)
		return;
	if (col >= 0)
		crm_die(CRM_EX_DATAERR, "--%s: %s", col == CRM_C_EXTERNAL_ID ?
		    "external-id" : crm_cust_colname(col), err);
	crm_die(CRM_EX_DATAERR, "%s%s%s", what ? what : "", what ? ": " : "",
	    err);
}

static void
refuse_conflict(struct crm_db *db, const struct crm_cust *c, long long self)
{
	const char *col;
	long long other = crm_cust_conflict(db, c, self, &col);

	char *name;

	if (other < 0)
		crm_die_err();
	if (other && strcmp(col, "name") == 0) {
		name = crm_query_text(db, "SELECT name FROM customers WHERE id "
		    "= ?", "i", other);
		crm_die(CRM_EX_DATAERR, "organisation %lld '%s' has this name "
		    "(to change that organisation: crm-add --update %lld)",
		    other, name ? name : "", other);
	}
	if (other)
		crm_die(CRM_EX_DATAERR, "customer %lld already has this %s "
		    "(to change that customer: crm-add --update %lld)", other,
		    col, other);
}

/* --contact-of: the organisation it names, or "" none; else exit 65. */
static void
link_org(struct crm_db *db, struct args *a)
{
	if (a->contact_of == NULL)
		return;
	a->cust.has_org = 1;
	if (*crm_trim(a->contact_of) &&
	    (a->cust.org_id = crm_org_must_find(db, a->contact_of)) == 0)
		crm_die_err();
}

/*
 * A credit limit written with its currency ("GBP 100", "$100") is in the
 * database's one currency, or makes it the database's, as crm-log's
 * --amount is: a limit in another would be compared with receivables in
 * this one.
 */
static void
credit_currency(struct crm_db *db, const struct args *a)
{
	if (a->has_limit > 0)
		crm_check(crm_amount_word_given(db, a->limit_arg,
		    "credit-limit"));
	if (a->has_limit > 0)
		crm_check(crm_currency_given(db,
		    crm_money_currency(a->limit_arg), a->limit,
		    "credit-limit"));
}

/* The customer key names, or exit 65. */
static long long
must_find(struct crm_db *db, const char *key)
{
	long long id = crm_cust_must_find(db, key);

	if (id == 0)
		crm_die_err();
	return id;
}

/* A customer erased on request is not added again unless lifted. */
static void
refuse_erased(struct crm_db *db, const struct crm_cust *c)
{
	const char *v;
	int r, i;

	for (i = 0; i < 2; i++) {
		v = c->v[i ? CRM_C_EXTERNAL_ID : CRM_C_EMAIL];
		if ((r = crm_erased_is(db, i ? "id" : "email", "", v)) < 0)
			crm_die_err();
		if (r > 0)
			crm_die(CRM_EX_DATAERR, "'%s' was erased on request: "
			    "to add it again, first %s %s", v,
			    "crm-add --unerase", v);
	}
}

static long long
add_one(struct crm_db *db, struct args *a)
{
	long long id;

	credit_currency(db, a);
	refuse_erased(db, &a->cust);
	refuse_conflict(db, &a->cust, 0);
	link_org(db, a);
	free(crm_other_phones_hand(db, 0, &a->cust));	/* each once */
	if ((id = crm_cust_insert(db, &a->cust, 1)) < 0)
		crm_die_err();
	if (id == 0)
		crm_die(CRM_EX_DATAERR, "the external_id, e-mail or domain "
		    "belongs to another customer");
	crm_check(crm_recv_set_credit(db, id, a->has_limit, a->limit,
	    a->terms, 1));
	crm_check(crm_org_learn_person(db, id));
	return id;
}

/* -u -: the customers' keys come on stdin, one a line (or a stream). */
static int
update_many(const struct args *a)
{
	return a->mode == UPDATE && strcmp(a->key, "-") == 0;
}

/* What an update checks and settles once, whoever it is given to. */
static void
update_prepare(struct crm_db *db, struct args *a)
{
	credit_currency(db, a);
	refuse_erased(db, &a->cust);	/* not given to another either */
	link_org(db, a);
	/* A phone given by hand is no system's: the next import of one
	 * keeps it as another number (crm-add(1), Identities). */
	if (a->cust.v[CRM_C_PHONE])
		crm_cust_field(&a->cust, "phone source", "");
}

static void
update_apply(struct crm_db *db, struct args *a, long long id)
{
	refuse_conflict(db, &a->cust, id);
	a->phone_kept = crm_other_phones_hand(db, id, &a->cust);
	if (a->changes > a->credit)
		crm_check(crm_cust_update(db, id, &a->cust, 0));
	crm_check(crm_recv_set_credit(db, id, a->has_limit, a->limit,
	    a->terms, 1));
	crm_check(crm_org_learn_person(db, id));
}

static long long
update_one(struct crm_db *db, struct args *a)
{
	long long id = must_find(db, a->key);

	update_prepare(db, a);
	update_apply(db, a, id);
	return id;
}

/*
 * -u -: every key of the stream found first (one unknown: file:line, 65,
 * nothing changed), as --erase - finds them (crm_cust_keys), then each
 * given the same change in this one transaction; their ids kept for
 * summary().  A stream of none changes nobody: a segment may be empty.
 */
static void
update_stream(struct crm_db *db, struct args *a, struct crm_rd *rd)
{
	char *more = NULL;
	size_t i;

	crm_check(crm_cust_keys(db, a->key, rd, &a->ids, &a->nids));
	crm_rd_close(rd);
	update_prepare(db, a);
	for (i = 0; i < a->cust.nfields; i++)
		if (strcmp(a->cust.fields[i].key, "other phones") == 0)
			more = crm_xstrdup(a->cust.fields[i].value);
	for (i = 0; i < a->nids; i++) {
		/* as given: the one before kept none of its own phone's */
		if (more)
			crm_cust_field(&a->cust, "other phones", more);
		update_apply(db, a, a->ids[i]);
	}
	free(more);
}

static void
import(struct crm_db *db, struct args *a, struct crm_rd *rd)
{
	crm_check(crm_import_customers(db, rd, &a->imp.im));
	crm_rd_close(rd);
	crm_check(crm_import_finish(&a->imp.im));
}

/*
 * The rows that said a person is not to be e-mailed (import.c), and how a
 * mailing leaves them out: the README's pattern would mail them else.
 */
static void
optout_summary(const struct crm_import *im)
{
	char n[2][32];

	if (im->unsubscribed == 0 && im->bounced == 0)
		return;
	if (im->unsubscribed)
		fprintf(stderr, "%s opted out of e-mail, tagged unsubscribed%s",
		    crm_fmt_count(im->unsubscribed, n[0]), im->bounced ?
		    "; " : "");
	if (im->bounced)
		fprintf(stderr, "%s with an address that bounced, tagged "
		    "bounced", crm_fmt_count(im->bounced, n[1]));
	fputs(" (a mailing's filter leaves them out with 'not has "
	    "unsubscribed and not has bounced')\n", stderr);
}

/* Only once the import is committed: a summary must not claim rows that a
 * full disk then took away. */
static void
import_summary(const struct args *a)
{
	const struct crm_import *im = &a->imp.im;
	char n[32];

	crm_import_summary(im, a->imp.dry_run);
	optout_summary(im);
	if (im->skipped && im->no_buyer)
		fprintf(stderr, "%s row%s skipped: %s with no buyer in %s "
		    "(crm-log --import logs %s)\n",
		    crm_fmt_count(im->skipped, n), im->skipped == 1 ? "" :
		    "s", im->skipped == 1 ? "an order or payment" :
		    "orders or payments", im->skipped == 1 ? "it" : "them",
		    im->skipped == 1 ? "it" : "them");
	else if (im->skipped)
		fprintf(stderr, "%s row%s skipped: no customer in %s (an "
		    "order's fee or transfer, a report's footer or totals "
		    "line)\n",
		    crm_fmt_count(im->skipped, n),
		    im->skipped == 1 ? "" : "s",
		    im->skipped == 1 ? "it" : "them");
	if (im->erased)
		fprintf(stderr, "%s row%s skipped: a customer erased on "
		    "request (%s%s; crm-add --unerase KEY lets one back)\n",
		    crm_fmt_count(im->erased, n), im->erased == 1 ? "" : "s",
		    im->erased_keys, im->erased_more ? ", ..." : "");
	if (im->deleted)
		fprintf(stderr, "%s row%s skipped: deleted in the source\n",
		    crm_fmt_count(im->deleted, n), im->deleted == 1 ? "" : "s");
}

/* What goes with --org and what with a person (part of check_args). */
static void
check_org_args(struct args *a)
{
	int org = a->cust.type == CRM_TYPE_ORG;

	if (org && (a->contact_of || a->cust.v[CRM_C_ROLE]))
		crm_usage_error(usage_text,
		    "--contact-of and --role are a person's: an organisation "
		    "is no contact");
	if (org && a->mode == ADD && a->cust.v[CRM_C_COMPANY])
		crm_usage_error(usage_text,
		    "an organisation's company is its --name: -c is a "
		    "person's");
	if (!org && a->mode == ADD && a->cust.v[CRM_C_DOMAIN])
		crm_usage_error(usage_text,
		    "--domain is an organisation's: give --org");
}

/*
 * --erase takes its key and --yes, nothing else; without --yes it asks
 * on the terminal, so stdin must be one (a script says --yes).
 */
static void
check_erase_args(struct args *a)
{
	if (a->yes && a->mode != ERASE)
		crm_usage_error(usage_text,
		    "--yes goes with --erase");
	if (a->mode != ERASE)
		return;
	if (a->changes || a->nrest || crm_import_opts_given(&a->imp) ||
	    a->imp.im.source)
		crm_usage_error(usage_text,
		    "--erase takes a key (or - for a stream) and --yes, and "
		    "nothing else");
	if (!a->yes && !isatty(STDIN_FILENO))
		crm_usage_error(usage_text,
		    "--erase asks on a terminal before it erases: not on "
		    "one, give --yes");
}

/*
 * Every mistake on the command line, in one place and before a database is
 * opened or made.  The order is the order of the messages when several
 * things are wrong.
 */
static void
check_args(struct args *a)
{
	const char *source = a->imp.im.source;

	if (a->modes > 1)
		crm_usage_error(usage_text,
		    "--update, --merge, --reassign, --import, --erase and "
		    "--unerase do not go together");
	if (a->mode == UNERASE && (a->changes || a->nrest ||
	    crm_import_opts_given(&a->imp)))
		crm_usage_error(usage_text,
		    "--unerase takes a key (and --source), and nothing else");
	check_erase_args(a);
	if ((a->mode == MERGE || a->mode == REASSIGN) && (a->nrest != 2 ||
	    a->changes))
		crm_usage_error(usage_text, a->mode == MERGE ?
		    "--merge takes KEEP and DUPLICATE, and nothing else" :
		    "--reassign takes FROM and TO, and nothing else");
	if (a->mode == IMPORT && a->changes)
		crm_usage_error(usage_text,
		    "customer options do not go with --import: the "
		    "file gives the values");
	if (a->mode == IMPORT ? a->nrest > 1 : a->mode != MERGE &&
	    a->mode != REASSIGN && a->nrest > 0)
		crm_usage_error(usage_text,
		    "too many arguments");
	if (a->mode == ADD && a->cust.nuntags)
		crm_usage_error(usage_text,
		    "--untag needs --update");
	check_org_args(a);
	if (a->mode == ADD && a->cust.type == CRM_TYPE_ORG &&
	    (!a->cust.v[CRM_C_NAME] || !*crm_trim(a->cust.v[CRM_C_NAME])))
		crm_usage_error(usage_text,
		    "an organisation needs a --name");
	if (a->mode == ADD && (!a->cust.v[CRM_C_NAME] ||
	    !*crm_trim(a->cust.v[CRM_C_NAME])) && (!a->cust.v[CRM_C_EMAIL] ||
	    !*crm_trim(a->cust.v[CRM_C_EMAIL])))
		crm_usage_error(usage_text,
		    "a customer needs a --name or an --email");
	if (a->mode == UPDATE && a->changes == 0)
		crm_usage_error(usage_text,
		    "--update needs something to change");
	if (update_many(a) && (a->cust.v[CRM_C_NAME] ||
	    a->cust.v[CRM_C_EMAIL] || a->cust.v[CRM_C_PHONE] ||
	    a->cust.v[CRM_C_EXTERNAL_ID] || a->cust.v[CRM_C_DOMAIN]))
		crm_usage_error(usage_text,
		    "-u - gives every customer of the stream the same change: "
		    "--name, --email, --phone, --external-id and --domain are "
		    "one customer's");
	crm_arg_source(usage_text, source);
	if ((crm_import_opts_given(&a->imp) || (source && a->mode != UNERASE))
	    && a->mode != IMPORT)
		crm_usage_error(usage_text,
		    "--csv, --tsv, --delimiter, --encoding, --date-format, --map, "
		    "--source, --rejects, --defer-index and --dry-run go with "
		    "--import");
	crm_import_opts_check(&a->imp, usage_text);
	if (a->imp.rd.format == 't' && a->imp.rd.delim)
		crm_usage_error(usage_text,
		    "--delimiter is for CSV; TSV is always tab");
	if (a->mode == UPDATE && ((a->cust.v[CRM_C_STATUS] &&
	    !*a->cust.v[CRM_C_STATUS]) || (a->cust.v[CRM_C_CREATED] &&
	    !*a->cust.v[CRM_C_CREATED])))
		crm_usage_error(usage_text,
		    "--status and --created cannot be cleared");
	if (a->mode == REASSIGN && (!*a->rest[0] || !*a->rest[1]))
		crm_usage_error(usage_text,
		    "--reassign needs two owner names");
	if (a->mode == ADD || a->mode == UPDATE)
		check_cust(&a->cust);	/* exit 65, still before a database */
}

/* The file to import, all of stdin read before the database is locked. */
static struct crm_rd *
open_input(struct args *a)
{
	a->imp.rd.spool = 1;
	a->imp.rd.known = crm_header_known;
	/* A stream of keys with nothing in it (a grep or a segment that
	 * matched nobody) is no records, not a file with no header: -u -
	 * updates nobody, --erase - says no customer was given. */
	a->imp.rd.empty_ok = a->mode != IMPORT;
	if ((a->mode == ERASE && strcmp(a->key, "-") == 0) || update_many(a))
		return crm_check_ptr(crm_rd_open("-", &a->imp.rd));
	if (a->mode != IMPORT)
		return NULL;
	return crm_check_ptr(crm_rd_open(a->nrest ? a->rest[0] : "-",
	    &a->imp.rd));
}

static void
reassign(struct crm_db *db, struct args *a, long long *n)
{
	if ((*n = crm_cust_reassign(db, a->rest[0], a->rest[1])) < 0)
		crm_die_err();
	if (*n == 0)
		crm_die(CRM_EX_DATAERR, "no customer is owned by '%s' "
		    "(owners: crm-segment --by owner)", a->rest[0]);
}

/*
 * --unerase: the key off the erased list (as an e-mail, and as an id of
 * --source), so that an import or crm-add may add it again; 1 when it was
 * not on it.  The audit row (crm_unerase's) says which entry, as the
 * list's keyed hash, not the key.
 */
static void
unerase(struct crm_db *db, struct args *a)
{
	long long n = crm_unerase(db, a->key, a->imp.im.source);
	char *source;

	if (n < 0)
		crm_die_err();
	if (n == 0 && a->imp.im.source == NULL &&
	    (source = crm_erased_source(db, a->key)) != NULL)
		crm_die(CRM_EX_NONE, "'%s' is not on the erased list (an id "
		    "of %s is: --source %s)", a->key, source, source);
	if (n == 0 && a->imp.im.source == NULL && !crm_email_valid(a->key))
		crm_die(CRM_EX_NONE, "'%s' is not on the erased list (ids "
		    "are erased per source: try --source NAME)", a->key);
	if (n == 0)
		crm_die(CRM_EX_NONE, "'%s' is not on the erased list",
		    a->key);
	fprintf(stderr, "'%s' taken off the erased list: it may be added "
	    "again\n", a->key);
}

/* The mode's work, inside the transaction: the customer's id to print, or
 * 0; n counts the customers reassigned. */
static long long
run_mode(struct crm_db *db, struct args *a, struct crm_rd *rd, long long *n)
{
	long long id = 0;

	switch (a->mode) {
	case ADD:
		id = add_one(db, a);
		break;
	case UPDATE:
		if (update_many(a))
			update_stream(db, a, rd);
		else
			id = update_one(db, a);
		break;
	case MERGE:
		id = must_find(db, a->rest[0]);
		crm_check(crm_cust_merge(db, id, must_find(db, a->rest[1])));
		break;
	case REASSIGN:
		reassign(db, a, n);
		break;
	case IMPORT:
		import(db, a, rd);
		break;
	case ERASE:	/* erase(): not in this transaction */
		break;
	case UNERASE:
		unerase(db, a);
		break;
	}
	return id;
}

/* What the run did, once it is committed (see import_summary). */
static void
summary(const struct args *a, long long id, long long n)
{
	char num[32];
	size_t i;

	if (a->mode == IMPORT)
		import_summary(a);
	if (a->mode == REASSIGN)
		fprintf(stderr, "%s customer%s reassigned from %s to %s\n",
		    crm_fmt_count(n, num), n == 1 ? "" : "s", a->rest[0],
		    a->rest[1]);
	if (id)
		printf("%lld\n", id);
	/* said, as a typo typed over can then be dropped */
	if (a->phone_kept)
		crm_warn("customer %lld: the phone it had, %s, is kept in "
		    "other phones (-F 'other phones=' drops them)", id,
		    a->phone_kept);
	if (!update_many(a))
		return;
	for (i = 0; i < a->nids; i++)
		printf("%lld\n", a->ids[i]);
	fprintf(stderr, "%s customer%s updated\n", crm_fmt_count(
	    (long)a->nids, num), a->nids == 1 ? "" : "s");
}

/* "Ann Lee <ann@example.com>", or its id when it has neither. */
static char *
who(struct crm_db *db, long long id)
{
	char *s = crm_query_text(db, "SELECT trim(name || coalesce(' <' || "
	    "email || '>', '')) FROM customers WHERE id = ?", "i", id);

	if (s && *s)
		return s;
	free(s);
	return crm_xasprintf("#%lld", id);
}

/* Ask on the terminal, naming the first few; exit 1 unless the answer is
 * yes. */
static void
confirm(struct crm_db *db, const long long *ids, size_t n)
{
	struct crm_buf q = { 0 };
	char answer[16] = "", *s;
	FILE *tty;
	size_t i;

	crm_buf_addf(&q, "erase %zu customer%s (", n, n == 1 ? "" : "s");
	for (i = 0; i < n && i < 5; i++) {
		s = who(db, ids[i]);
		crm_buf_addf(&q, "%s%s", i ? ", " : "", s);
		free(s);
	}
	crm_buf_addf(&q, "%s)? [y/N] ", n > 5 ? ", ..." : "");
	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		crm_die(CRM_EX_USAGE, "/dev/tty: cannot ask: give --yes");
	fputs(q.s, tty);
	fflush(tty);
	if (fgets(answer, sizeof answer, tty) == NULL)
		answer[0] = '\0';
	fclose(tty);
	crm_buf_free(&q);
	s = crm_trim(answer);
	if (strcmp(s, "y") && strcmp(s, "Y") && strcmp(s, "yes"))
		crm_die(CRM_EX_NONE, "nothing erased");
}

/*
 * --erase: every key found first (one unknown: nothing erased), asked
 * about, erased in one transaction, then the engine's log emptied so the
 * values are gone from the disk too: 75 when another process kept it.
 */
static void
erase(struct crm_db *db, struct args *a, struct crm_rd *rd)
{
	struct crm_erase_counts n = { 0 };
	long long *ids;
	size_t nids;
	char *vacuum, c1[32], c2[32], c3[32], c4[32], c5[32];
	int r;

	crm_check(crm_cust_keys(db, a->key, rd, &ids, &nids));
	if (rd)
		crm_rd_close(rd);
	/*
	 * An empty stream is a segment that matched nobody (a nightly
	 * `crm-segment ... | crm-add --erase - --yes`): nothing to erase,
	 * as `crm-add -u -` updates nothing, and no question asked.
	 */
	if (nids > 0) {
		if (!a->yes)
			confirm(db, ids, nids);
		crm_check(crm_begin(db));
		crm_check(crm_cust_erase(db, ids, nids, &n));
		crm_check(crm_commit(db));
	}
	free(ids);
	/* "5,000 customers erased", as every count people read */
#define S(n)	((n) == 1 ? "" : "s")
	fprintf(stderr, "%s customer%s erased (%s interaction%s, %s "
	    "reminder%s, %s deal%s; %s audit row%s scrubbed)\n",
	    crm_fmt_count(n.customers, c1), S(n.customers),
	    crm_fmt_count(n.interactions, c2), S(n.interactions),
	    crm_fmt_count(n.reminders, c3), S(n.reminders),
	    crm_fmt_count(n.deals, c4), S(n.deals),
	    crm_fmt_count(n.audit, c5), S(n.audit));
#undef S
	if (n.contacts)
		fprintf(stderr, "%s contact%s kept, no longer linked to an "
		    "organisation\n", crm_fmt_count(n.contacts, c1),
		    n.contacts == 1 ? "" : "s");
	if (n.unlisted)
		crm_warn("%s customer%s erased had no e-mail and no id to "
		    "put on the erased list: an import that holds them adds "
		    "them again", crm_fmt_count(n.unlisted, c1),
		    n.unlisted == 1 ? "" : "s");
	if ((vacuum = crm_erase_vacuum(db, &n)) != NULL)
		crm_warn("PostgreSQL keeps the erased values in the files of "
		    "the tables until VACUUM FULL rewrites them, and in its "
		    "write-ahead log and base backups until they are "
		    "recycled: as the database's owner, run %s", vacuum);
	free(vacuum);
	/* A copy a killed conversion left keeps what was just erased. */
	crm_crypt_leftover(crm_db_path(a->db));
	crm_check(r = crm_db_checkpoint(db));
	if (r == 1) {
		crm_check(crm_db_close(db));
		crm_die(CRM_EX_TEMPFAIL, "%s: another process is reading the "
		    "database: the erased values stay on the disk, in the "
		    "database's files, until the last program using it ends", crm_db_path(a->db));
	}
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	struct crm_rd *rd;
	long long id, n = 0;
	struct crm_db *db;

	crm_prog_init(argv[0]);
	parse_args(&a, argc, argv);
	check_args(&a);
	rd = open_input(&a);
	if (a.mode == ERASE) {
		db = crm_open(a.db, CRM_DB_UPDATE);
		erase(db, &a, rd);
		crm_check(crm_db_close(db));
		crm_close_stdout();
		return 0;
	}
	db = crm_open(a.db, a.imp.dry_run ? CRM_DB_DRYRUN : CRM_DB_WRITE);
	crm_check(crm_begin(db));
	id = run_mode(db, &a, rd, &n);
	crm_check(a.imp.dry_run ? crm_rollback(db) : crm_commit(db));
	crm_check(crm_db_close(db));
	summary(&a, id, n);
	crm_cust_free(&a.cust);
	free(a.imp.im.maps);
	free(a.ids);
	free(a.phone_kept);
	crm_close_stdout();
	return 0;
}
