/*
 * crm-segment - print customers, with the columns and in the format asked
 * for; this is also how customers are exported.
 *
 * Columns are the customer's own, "tags", or any extra field by name.
 * The query is put together from fixed fragments only: an extra field's
 * name is a bound parameter, never part of the SQL text.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define DEFAULT_FIELDS	"id,name,company,email,phone,tier,owner"

enum { OPT_SPREADSHEET = 256, OPT_VERSION };

static const struct option longopts[] = {
	{ "db",      required_argument, NULL, 'd' },
	{ "fields",  required_argument, NULL, 'f' },
	{ "help",    no_argument,       NULL, 'h' },
	{ "output",  required_argument, NULL, 'o' },
	{ "spreadsheet", no_argument,   NULL, OPT_SPREADSHEET },
	{ "version", no_argument,       NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: crm-segment [-d db] [-f fields] [-o tsv|csv|json|table]\n"
"       crm-segment [-d db] [-f fields] --spreadsheet\n";

static _Noreturn void
usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

/* The customer columns, in the order "-f all" prints them. */
static const char *const columns[] = {
	"id", "external_id", "name", "company", "email", "phone", "industry",
	"tier", "owner", "status", "created", "updated", "tags",
};

static int
is_column(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof columns / sizeof columns[0]; i++)
		if (strcmp(name, columns[i]) == 0)
			return 1;
	return 0;
}

static void
add_name(char ***names, size_t *n, const char *name)
{
	*names = crm_xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[(*n)++] = crm_xstrdup(name);
}

/* "all": every column, then every extra field any customer has. */
static char **
all_fields(sqlite3 *db, size_t *n)
{
	sqlite3_stmt *st;
	char **names = NULL;
	size_t i;

	*n = 0;
	for (i = 0; i < sizeof columns / sizeof columns[0]; i++)
		add_name(&names, n, columns[i]);
	st = crm_prepare(db, "SELECT DISTINCT key FROM customer_fields "
	    "ORDER BY key");
	while (crm_step(st) == SQLITE_ROW)
		add_name(&names, n, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return names;
}

/* A name that is neither a column nor any customer's extra field. */
static void
check_field(sqlite3 *db, const char *name)
{
	if (is_column(name) || crm_query_int(db, 0, "SELECT 1 FROM "
	    "customer_fields WHERE key = ? LIMIT 1", "s", name))
		return;
	crm_die(CRM_EX_USAGE, "-f: unknown field '%s' (columns: id, "
	    "external_id, name, company, email, phone, industry, tier, owner, "
	    "status, created, updated, tags, or an extra field)", name);
}

static sqlite3_stmt *
build_query(sqlite3 *db, char **names, size_t n)
{
	struct crm_buf sql = { 0 };
	sqlite3_stmt *st;
	size_t i;
	int param = 0;

	crm_buf_adds(&sql, "SELECT ");
	for (i = 0; i < n; i++) {
		if (i > 0)
			crm_buf_adds(&sql, ", ");
		if (strcmp(names[i], "tags") == 0)
			crm_buf_adds(&sql, "(SELECT group_concat(tag, ',') "
			    "FROM (SELECT tag FROM tags WHERE customer_id = "
			    "c.id ORDER BY tag))");
		else if (is_column(names[i]))
			crm_buf_addf(&sql, "c.%s", names[i]);	/* ours */
		else
			crm_buf_adds(&sql, "(SELECT value FROM customer_fields "
			    "WHERE customer_id = c.id AND key = ?)");
	}
	crm_buf_adds(&sql, " FROM customers c ORDER BY c.id");
	st = crm_prepare(db, sql.s);
	for (i = 0; i < n; i++)
		if (!is_column(names[i]))
			crm_bind_text(st, ++param, names[i]);
	crm_buf_free(&sql);
	return st;
}

int
main(int argc, char **argv)
{
	static const char default_fields[] = DEFAULT_FIELDS;
	const char *dbopt = NULL, *fields = default_fields;
	enum crm_fmt fmt = CRM_FMT_AUTO;
	int spreadsheet = 0;
	struct crm_out *out;
	sqlite3_stmt *st;
	sqlite3 *db;
	char **names;
	size_t n, i;
	int c;

	crm_setprog(argv[0]);
	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': dbopt = optarg; break;
		case 'f': fields = optarg; break;
		case 'h': usage(0);
		case 'o':
			if (crm_fmt_parse(optarg, &fmt) < 0) {
				crm_warn("-o: unknown format '%s' (tsv, csv, "
				    "json, table)", optarg);
				usage(CRM_EX_USAGE);
			}
			break;
		case OPT_SPREADSHEET:
			spreadsheet = 1;
			break;
		case OPT_VERSION:
			printf("crm-segment %s\n", CRM_VERSION);
			return 0;
		default:
			usage(CRM_EX_USAGE);
		}
	}
	if (optind < argc) {
		crm_warn("filter expressions are not supported yet: '%s'",
		    argv[optind]);
		usage(CRM_EX_USAGE);
	}
	db = crm_db_open(dbopt, CRM_DB_READ);
	if (spreadsheet && fmt != CRM_FMT_AUTO && fmt != CRM_FMT_CSV)
		crm_die(CRM_EX_USAGE, "--spreadsheet writes CSV; it does not "
		    "go with -o %s", fmt == CRM_FMT_TSV ? "tsv" :
		    fmt == CRM_FMT_JSON ? "json" : "table");
	if (spreadsheet && fields == default_fields)
		fields = "all";
	if (strcmp(fields, "all") == 0)
		names = all_fields(db, &n);
	else
		names = crm_split_list(fields, &n);
	if (n == 0)
		crm_die(CRM_EX_USAGE, "-f: no fields given");
	for (i = 0; i < n; i++)
		check_field(db, names[i]);
	out = crm_out_new(stdout, fmt);
	if (spreadsheet)
		crm_out_spreadsheet(out);
	crm_out_header(out, (const char *const *)names, n);
	st = build_query(db, names, n);
	crm_out_stmt(out, st);
	sqlite3_finalize(st);
	crm_out_end(out);
	crm_free_list(names, n);
	crm_db_close(db);
	crm_close_stdout();
	return 0;
}
