/*
 * seg.c - segments: the customers a filter selects, printed with the
 * columns asked for, counted, grouped, sampled, or scored by a value
 * model (RFM, 80/20 ABC classes, revenue tiers), and the model's verdict
 * written back.
 *
 * Every query is one statement over the filter's WHERE clause, so the
 * work happens inside SQLite in a single pass and the program's memory
 * does not grow with the number of interactions.  Amounts stay integers
 * (minor units) until they are printed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The columns "-f all" prints, then every extra field. */
static const char *const all_columns[] = {
	"id", "external_id", "name", "company", "email", "phone", "industry",
	"tier", "owner", "status", "created", "updated", "tags",
};

/*
 * And then, in a database with organisations (or roles), what a row is,
 * a person's organisation and role, and an organisation's domain: at the
 * end, so that a database without them prints what it always did.
 */
static const char *const org_columns[] = { "type", "org", "role", "domain" };

/*
 * RFM segments from the R and F scores, first match wins; documented in
 * crm-segment(1).
 */
#define RFM_SEGMENT "CASE " \
	"WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'champions' " \
	"WHEN r <= 2 AND f >= 4 AND m >= 4 THEN 'cannot lose' " \
	"WHEN r <= 2 AND f >= 3 THEN 'at risk' " \
	"WHEN r >= 3 AND f >= 4 THEN 'loyal' " \
	"WHEN r >= 4 AND f >= 2 THEN 'potential loyalist' " \
	"WHEN r = 5 THEN 'new' " \
	"WHEN r = 4 THEN 'promising' " \
	"WHEN r = 3 AND f >= 3 THEN 'need attention' " \
	"WHEN r = 3 THEN 'about to sleep' " \
	"WHEN r = 2 THEN 'hibernating' " \
	"ELSE 'lost' END"

static void
add_name(char ***names, size_t *n, const char *name)
{
	*names = crm_xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[(*n)++] = crm_xstrdup(name);
}

/*
 * A customer's other keys as columns: "emails" and "other_ids" (ids
 * from no named system), and "id:SYSTEM" for each system's ids; several
 * values are joined with ", ".  Which identity rows a name stands for.
 */
static int
identity_column(const char *name, const char **source)
{
	if (strcmp(name, "emails") == 0 || strcmp(name, "other_ids") == 0) {
		if (source)
			*source = name[0] == 'e' ? NULL : "";
		return 1;
	}
	if (strncmp(name, "id:", 3) == 0 && name[3]) {
		if (source)
			*source = name + 3;
		return 1;
	}
	return 0;
}

/* -f all: the identity columns there are rows for, after the tags. */
static void
add_identity_columns(struct crm_db *db, char ***names, size_t *n)
{
	struct crm_stmt *st;
	char *name;

	st = crm_prepare(db, "SELECT DISTINCT CASE WHEN kind = 'email' THEN "
	    "'emails' WHEN source = '' THEN 'other_ids' ELSE 'id:' || source "
	    "END FROM identities ORDER BY 1");
	while (crm_step(st) == CRM_ROW) {
		name = (char *)crm_col_text(st, 0);
		add_name(names, n, name);
	}
	crm_finalize(st);
}

/* A name of the fields list that is no column: NULL, said why. */
static char **
unknown_column(struct crm_db *db, char **names, size_t n, size_t i)
{
	if (!crm_db_failed(db))		/* else the look-up failed */
		crm_fail_arg(CRM_EX_USAGE, "fields", "unknown field '%s' (the "
		    "customer columns, tags, a metric such as revenue or "
		    "last_contact, or an extra field)", names[i]);
	crm_free_list(names, n);
	return NULL;
}

/*
 * The fields list: "all", or names checked against what there is.  NULL
 * for an empty list or a name that is no column.
 */
static char **
columns(struct crm_db *db, const char *list, size_t *n)
{
	struct crm_stmt *st;
	char **names;
	size_t i;

	if (strcmp(list, "all") != 0) {
		names = crm_split_list(list, n);
		if (*n == 0) {
			crm_free_list(names, *n);
			crm_fail_arg(CRM_EX_USAGE, "fields", "no fields given");
			return NULL;
		}
		for (i = 0; i < *n; i++)
			if (strcmp(names[i], "tags") != 0 &&
			    !identity_column(names[i], NULL) &&
			    !crm_filter_known(db, names[i]))
				return unknown_column(db, names, *n, i);
		return names;
	}
	names = NULL, *n = 0;
	for (i = 0; i < sizeof all_columns / sizeof all_columns[0]; i++)
		add_name(&names, n, all_columns[i]);
	add_identity_columns(db, &names, n);
	st = crm_prepare(db, "SELECT DISTINCT key FROM customer_fields "
	    "ORDER BY key");
	while (crm_step(st) == CRM_ROW)
		add_name(&names, n, crm_col_text(st, 0));
	crm_finalize(st);
	if (crm_query_int(db, 0, "SELECT 1 FROM customers WHERE type = 'org' "
	    "OR role IS NOT NULL LIMIT 1", ""))
		for (i = 0; i < sizeof org_columns / sizeof org_columns[0]; i++)
			add_name(&names, n, org_columns[i]);
	return names;
}

/*
 * One output column's SQL, for the filter's customers (people, or
 * organisations with their figures rolled up); extra fields' names
 * become parameters.
 */
static void
column_sql(struct crm_buf *sql, struct crm_filter *f, const char *name)
{
	const char *source;
	char *frag;
	int money;

	if (strcmp(name, "tags") == 0) {
		crm_buf_adds(sql, "(SELECT group_concat(tag, ',') FROM (SELECT "
		    "tag FROM tags WHERE customer_id = c.id ORDER BY tag))");
	} else if (identity_column(name, &source) && source == NULL) {
		crm_buf_adds(sql, "(SELECT group_concat(value, ', ') FROM "
		    "(SELECT value FROM identities WHERE customer_id = c.id AND "
		    "kind = 'email' ORDER BY value))");
	} else if (identity_column(name, &source)) {
		crm_buf_addf(sql, "(SELECT group_concat(value, ', ') FROM "
		    "(SELECT value FROM identities WHERE customer_id = c.id AND "
		    "kind = 'id' AND source = ?%d ORDER BY value))",
		    crm_filter_param(f, source));
	} else if ((frag = crm_filter_column(f, name, &money)) && money) {
		/* None stays none: org.revenue of a person in no organisation. */
		crm_buf_adds(sql, "(SELECT CASE WHEN v IS NOT NULL THEN "
		    CRM_SQL_MONEY("v") " END FROM (SELECT ");
		crm_buf_adds(sql, frag);
		crm_buf_adds(sql, " AS v))");
		free(frag);
	} else {
		crm_buf_adds(sql, frag);
		free(frag);
	}
}

static void
select_list(struct crm_buf *sql, struct crm_filter *f, char **names,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		crm_buf_adds(sql, i ? ", " : "");
		column_sql(sql, f, names[i]);
	}
}

/* The statement, bound, ready to step; NULL when the database failed. */
static struct crm_stmt *
prepared(struct crm_db *db, struct crm_buf *sql, const struct crm_filter *f)
{
	struct crm_stmt *st = crm_prepare(db, sql->s);

	crm_filter_bind(f, st, 1);
	return st;
}

/* Whether any of the columns names people (crm_names_people). */
static int
names_people(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (crm_names_people(names[i]))
			return 1;
	return 0;
}

/*
 * Print the statement and record the export: customers that leave the
 * database are in the audit trail, with what the caller says decides
 * which and what of them (s->audit_what: enough to run the export
 * again).  An export that failed is not recorded, nor one that told
 * nothing about anyone: no rows, or only what kind of customers (owner,
 * tier: what shell completion asks for).
 */
static int
run(struct crm_db *db, struct crm_seg *s, struct crm_buf *sql,
    struct crm_filter *f, char **names, size_t n)
{
	struct crm_out *out;
	struct crm_stmt *st;
	long long rows = -1;

	if ((st = prepared(db, sql, f)) == NULL)
		return -1;
	out = crm_out_new(stdout, s->fmt);
	if (s->spreadsheet)
		crm_out_spreadsheet(out);
	if (crm_out_header(out, (const char *const *)names, n) == 0)
		rows = crm_out_stmt(out, st);
	crm_finalize(st);
	if (crm_out_end(out) < 0 || rows < 0)
		return -1;
	if (rows > 0 && names_people(names, n))
		crm_audit_export(db, s->audit_what ? s->audit_what :
		    "segment", rows);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * " WHERE" and the selection: the filter's customers, or with --sample
 * the N of them first in a seeded shuffle.
 */
static void
where(struct crm_buf *sql, const struct crm_seg *s, struct crm_filter *f)
{
	crm_buf_addf(sql, " WHERE %s", f->sql.s);
	if (s->sample > 0)
		crm_buf_addf(sql, " AND c.id IN (SELECT c.id FROM customers c "
		    "WHERE %s ORDER BY crm_sample(?%d, c.id) LIMIT ?%d)",
		    f->sql.s, crm_filter_param_int(f, s->seed),
		    crm_filter_param_int(f, s->sample));
}

/* --search's rows as they are found: each customer's columns in turn. */
struct hits {
	struct crm_out *out;
	const char *const *cols;	/* the header, */
	size_t ncols;			/* written before the first row */
	struct crm_stmt *st;	/* the columns of customer ?id */
	int snip, rank, id;	/* its parameters */
	long long n;
};

static int
hit(void *arg, long long id, const char *snip)
{
	struct hits *h = arg;

	if (h->n == 0 && crm_out_header(h->out, h->cols, h->ncols) < 0)
		return -1;
	crm_reset(h->st);
	crm_bind_text(h->st, h->snip, snip);
	crm_bind_int(h->st, h->rank, ++h->n);
	crm_bind_int(h->st, h->id, id);
	return crm_out_stmt(h->out, h->st) < 0 ? -1 : 0;
}

/* A search's best so many, unless told (crm-segment(1), Searching). */
#define SEARCH_LIMIT	20

/*
 * --search: the customers that match the words, best first, with the
 * snippet of their best match and their place (rank, from 1); the best
 * SEARCH_LIMIT unless s->limit says, and a note when more match.
 */
static int
searched(struct crm_db *db, struct crm_seg *s, struct crm_filter *f,
    char **names, size_t n)
{
	struct crm_buf sql = { 0 };
	struct hits h = { 0 };
	char **cols;
	long long limit = s->limit < 0 ? SEARCH_LIMIT : s->limit, found;
	int more = 0;

	cols = crm_xreallocarray(NULL, n + 2, sizeof *cols);
	if (n)
		memcpy(cols, names, n * sizeof *names);
	cols[n] = (char *)"snippet", cols[n + 1] = (char *)"rank";
	crm_buf_adds(&sql, "SELECT ");
	select_list(&sql, f, names, n);
	h.snip = crm_filter_param(f, "");
	h.rank = crm_filter_param_int(f, 0);
	h.id = crm_filter_param_int(f, 0);
	/* the rank an integer on PostgreSQL too, which types a bare ? text */
	crm_buf_addf(&sql, "%s?%d, CAST(?%d AS INTEGER) FROM customers c "
	    "WHERE c.id = ?%d",
	    n ? ", " : "", h.snip, h.rank, h.id);
	h.st = prepared(db, &sql, f);
	crm_buf_free(&sql);
	h.out = crm_out_new(stdout, s->fmt);
	if (s->spreadsheet)
		crm_out_spreadsheet(h.out);
	h.cols = (const char *const *)cols, h.ncols = n + 2;
	found = -1;
	if (h.st)	/* the header with the first row: none if it fails */
		found = crm_search_run(db, f, s->search, limit, hit, &h, &more);
	if (found == 0)
		crm_out_header(h.out, h.cols, h.ncols);
	crm_finalize(h.st);
	free(cols);
	if (crm_out_end(h.out) < 0 || found < 0)
		return -1;
	if (more)
		crm_warn("the best %lld shown; more match ({limit} N for more, "
		    "0 for all)", found);
	if (found > 0 && names_people(names, n))
		crm_audit_export(db, s->audit_what ? s->audit_what :
		    "segment", found);
	return crm_db_failed(db) ? -1 : 0;
}

static int
list(struct crm_db *db, struct crm_seg *s, struct crm_filter *f, char **names,
    size_t n)
{
	struct crm_buf sql = { 0 };
	int r;

	if (s->search)
		return searched(db, s, f, names, n);
	crm_buf_adds(&sql, "SELECT ");
	select_list(&sql, f, names, n);
	crm_buf_adds(&sql, " FROM customers c");
	where(&sql, s, f);
	crm_buf_adds(&sql, " ORDER BY c.id");
	if (s->limit > 0)
		crm_buf_addf(&sql, " LIMIT ?%d",
		    crm_filter_param_int(f, s->limit));
	r = run(db, s, &sql, f, names, n);
	crm_buf_free(&sql);
	return r;
}

static int
count(struct crm_db *db, struct crm_seg *s, struct crm_filter *f)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;

	crm_buf_adds(&sql, "SELECT count(*) FROM customers c");
	where(&sql, s, f);
	st = prepared(db, &sql, f);
	if (crm_step(st) == CRM_ROW)
		printf("%lld\n", crm_col_int(st, 0));
	crm_finalize(st);
	crm_buf_free(&sql);
	return crm_db_failed(db) ? -1 : 0;
}

/* By a field: customers and net revenue per value. */
static int
by(struct crm_db *db, struct crm_seg *s, struct crm_filter *f)
{
	const char *names[] = { s->by, "customers", "revenue" };
	struct crm_buf sql = { 0 };
	char *rev;
	int money, r;

	if (strcmp(s->by, "tags") != 0 && !crm_filter_known(db, s->by))
		return crm_db_failed(db) ? -1 : crm_fail_arg(CRM_EX_USAGE,
		    "by", "unknown field '%s'", s->by);
	crm_buf_adds(&sql, "SELECT v, count(*), " CRM_SQL_MONEY("sum(rev)") " FROM "
	    "(SELECT ");
	column_sql(&sql, f, s->by);
	rev = crm_filter_column(f, "revenue", &money);
	crm_buf_addf(&sql, " AS v, %s AS rev FROM customers c", rev);
	free(rev);
	where(&sql, s, f);
	/* None first, as SQLite sorts NULL (PostgreSQL sorts it last). */
	crm_buf_adds(&sql, ") GROUP BY v ORDER BY count(*) DESC, v IS NOT "
	    "NULL, v");
	r = run(db, s, &sql, f, (char **)names, 3);
	crm_buf_free(&sql);
	return r;
}

/*
 * ", col AS x1, ...": the printed columns, computed in a model's grouped
 * pass so that no second look-up of each customer is needed to print them.
 */
static void
carry(struct crm_buf *sql, struct crm_filter *f, char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		crm_buf_adds(sql, ", ");
		column_sql(sql, f, names[i]);
		crm_buf_addf(sql, " AS x%zu", i + 1);
	}
}

/* "x1, x2, ..., ": the printed columns carry() carried. */
static void
carried(struct crm_buf *sql, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		crm_buf_addf(sql, "x%zu, ", i + 1);
}

/*
 * Which interactions i are the customer c's: a person's own, an
 * organisation's own and its contacts'.
 */
static const char *
whose(const struct crm_filter *f)
{
	return f->scope == CRM_SCOPE_ORGS ? "i.customer_id IN "
	    CRM_ORG_MEMBERS : "i.customer_id = c.id";
}

/* Which rows t of cust_totals are the customer c's, as whose(). */
static const char *
kept(const struct crm_filter *f)
{
	return f->scope == CRM_SCOPE_ORGS ? "t.customer_id IN "
	    CRM_ORG_MEMBERS : "t.customer_id = c.id";
}

/*
 * "WITH rev AS (...)": each selected customer's net revenue in the window
 * with the columns to print as x1, x2, ...: one pass over the interactions
 * grouped by customer, faster than a revenue subquery per customer, and
 * no second look-up of each customer to print it.
 */
static void
revenue_cte(struct crm_buf *sql, struct crm_filter *f, char **names,
    size_t n)
{
	crm_buf_adds(sql, "WITH rev AS (SELECT c.id AS id");
	carry(sql, f, names, n);
	if (crm_filter_all_time(f)) {
		/* all time: kept per customer (agg.c) */
		crm_buf_addf(sql, ", coalesce((SELECT sum(t.revenue) FROM "
		    "cust_totals t WHERE %s), 0) AS rev FROM customers c "
		    "WHERE %s)", kept(f), f->sql.s);
		return;
	}
	crm_buf_addf(sql, ", coalesce(sum(" CRM_NET_AMOUNT "), 0) AS rev "
	    "FROM customers c LEFT JOIN interactions i ON %s "
	    "AND i.kind IN ('purchase', 'return') AND i.at >= ?1 AND "
	    "(?2 IS NULL OR i.at < ?2) WHERE %s GROUP BY c.id)", whose(f),
	    f->sql.s);
}

/*
 * RFM over the customers who bought in the window; the printed columns
 * ride along with the figures, as in revenue_cte().
 */
static void
rfm_sql(struct crm_buf *sql, struct crm_filter *f, char **names, size_t n)
{
	int now = crm_filter_param(f, crm_now_str());

	crm_buf_adds(sql, "WITH buy AS (SELECT c.id AS id");
	carry(sql, f, names, n);
	if (crm_filter_all_time(f))
		/* All time: kept per customer (agg.c).  As a sum over the
		 * rows, money is NULL when no purchase or return has an
		 * amount: looked for only when the kept revenue is 0. */
		crm_buf_addf(sql, ", CAST(julianday(?%d) - julianday("
		    "max(t.last_purchase)) AS INTEGER) AS days, "
		    "sum(t.purchases) AS freq, CASE WHEN sum(t.revenue) <> 0 "
		    "OR EXISTS (SELECT 1 FROM interactions i WHERE %s AND "
		    "i.kind IN ('purchase', 'return') AND i.amount IS NOT "
		    "NULL) THEN sum(t.revenue) END AS money FROM customers c "
		    "JOIN cust_totals t ON %s WHERE %s GROUP BY c.id HAVING "
		    "sum(t.purchases) > 0), ", now, whose(f), kept(f), f->sql.s);
	else
		crm_buf_addf(sql, ", CAST(julianday(?%d) - julianday("
		    "max(i.at) FILTER (WHERE i.kind = 'purchase')) AS INTEGER) "
		    "AS days, count(*) FILTER (WHERE i.kind = 'purchase') AS "
		    "freq, sum(" CRM_NET_AMOUNT ") AS money FROM customers c "
		    "JOIN interactions i ON %s AND i.kind IN ('purchase', "
		    "'return') AND i.at >= ?1 AND (?2 IS NULL OR i.at < ?2) "
		    "WHERE %s GROUP BY c.id HAVING count(*) FILTER (WHERE "
		    "i.kind = 'purchase') > 0), ", now, whose(f),
		    f->sql.s);
	crm_buf_adds(sql, "ranked AS (SELECT *, "
	    "1 + 5 * (rank() OVER (ORDER BY days DESC) - 1) / count(*) OVER () "
	    "AS r, 1 + 5 * (rank() OVER (ORDER BY freq) - 1) / count(*) OVER () "
	    "AS f, 1 + 5 * (rank() OVER (ORDER BY money) - 1) / count(*) OVER () "
	    "AS m FROM buy) SELECT ");
	carried(sql, n);
	crm_buf_adds(sql, "days, freq, " CRM_SQL_MONEY("money") ", r, f, m, "
	    "CAST(r AS TEXT) || f || m, " RFM_SEGMENT " FROM ranked "
	    "ORDER BY CAST(r AS TEXT) || f || m DESC, id");
}

/* Customers by net revenue with their share and ABC class. */
static void
pareto_sql(struct crm_buf *sql, struct crm_filter *f, char **names,
    size_t n)
{
	revenue_cte(sql, f, names, n);
	crm_buf_adds(sql, ", cum AS (SELECT *, sum(rev) OVER (ORDER BY rev "
	    "DESC, id ROWS UNBOUNDED PRECEDING) AS cum, sum(rev) OVER () AS "
	    "total FROM rev) SELECT ");
	carried(sql, n);
	/* Integer arithmetic: the 80% line is exact. */
	crm_buf_adds(sql, CRM_SQL_MONEY("rev") ", CASE WHEN total > 0 THEN "
	    "printf('%.2f', 100.0 * rev / total) END, CASE WHEN total > 0 "
	    "THEN printf('%.2f', 100.0 * cum / total) END, "
	    "CASE WHEN total <= 0 THEN 'C' "
	    "WHEN (cum - rev) * 100 < total * 80 AND rev > 0 THEN 'A' "
	    "WHEN (cum - rev) * 100 < total * 95 AND rev > 0 THEN 'B' "
	    "ELSE 'C' END FROM cum ORDER BY rev DESC, id");
}

struct tier {
	char *name;
	long long min;		/* in minor units */
	size_t given;		/* its place in the list */
};

/*
 * Highest amount first, so that the first WHEN reached is the highest;
 * equal amounts in the order given (qsort is not stable).
 */
static int
tier_cmp(const void *a, const void *b)
{
	const struct tier *x = a, *y = b;

	if (x->min != y->min)
		return x->min < y->min ? 1 : -1;
	return x->given < y->given ? -1 : x->given > y->given;
}

/*
 * "gold=20000,platinum=100000": the tiers, highest amount first; NULL
 * for one that is not NAME=AMOUNT or two at the same amount.
 */
static struct tier *
parse_tiers(char **t, size_t nt)
{
	struct tier *v = crm_xcalloc(nt, sizeof *v);
	char *eq;
	size_t i;

	for (i = 0; i < nt; i++) {
		if ((eq = strchr(t[i], '=')) == NULL || eq == t[i] ||
		    crm_parse_money(crm_trim(eq + 1), &v[i].min) < 0) {
			crm_fail_arg(CRM_EX_USAGE, "tiers", "'%s' is not "
			    "NAME=AMOUNT", t[i]);
			free(v);
			return NULL;
		}
		*eq = '\0';
		v[i].name = crm_trim(t[i]);
		v[i].given = i;
	}
	qsort(v, nt, sizeof *v, tier_cmp);
	for (i = 1; i < nt; i++)
		if (v[i].min == v[i - 1].min) {
			crm_fail_arg(CRM_EX_USAGE, "tiers", "'%s' and '%s' "
			    "have the same amount", v[i - 1].name, v[i].name);
			free(v);
			return NULL;
		}
	return v;
}

/* The highest tier the revenue reaches, whatever the order given. */
static int
tiers_sql(struct crm_buf *sql, struct crm_filter *f, char **names, size_t n,
    const char *spec)
{
	struct tier *v;
	char **t;
	size_t nt, i;

	t = crm_split_list(spec, &nt);
	if (nt == 0 || (v = parse_tiers(t, nt)) == NULL) {
		if (nt == 0)
			crm_fail_arg(CRM_EX_USAGE, "tiers", "no tiers given");
		crm_free_list(t, nt);
		return -1;
	}
	revenue_cte(sql, f, names, n);
	crm_buf_adds(sql, " SELECT ");
	carried(sql, n);
	crm_buf_adds(sql, CRM_SQL_MONEY("rev") ", CASE");
	for (i = 0; i < nt; i++)
		crm_buf_addf(sql, " WHEN rev >= ?%d THEN ?%d",
		    crm_filter_param_int(f, v[i].min),
		    crm_filter_param(f, v[i].name));
	crm_buf_adds(sql, " END FROM rev ORDER BY rev DESC, id");
	free(v);
	crm_free_list(t, nt);
	return 0;
}

static char **
model_names(char **names, size_t *n, const char *const *extra, size_t nx)
{
	size_t i;

	names = crm_xreallocarray(names, *n + nx, sizeof *names);
	for (i = 0; i < nx; i++)
		names[(*n)++] = crm_xstrdup(extra[i]);
	return names;
}

struct change {
	long long id;
	char *name, *value;
};

/* The model's verdicts, read in full before anything is written. */
static struct change *
verdicts(struct crm_db *db, struct crm_buf *sql, const struct crm_filter *f,
    size_t col, size_t *n)
{
	struct crm_stmt *st = prepared(db, sql, f);
	struct change *v = NULL;
	const char *t;

	*n = 0;
	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[*n].id = crm_col_int(st, 0);
		v[*n].name = crm_xstrdup(crm_col_text(st, 1));
		t = crm_col_text(st, (int)col);
		v[(*n)++].value = crm_xstrdup(t ? (const char *)t : "");
	}
	crm_finalize(st);
	return v;
}

/*
 * Apply: write the model's last column into the tier (tiers) or into
 * the extra field s->apply_field names, for the customers whose value
 * changes, each change audited, and print those changes.  The caller
 * holds the transaction, and rolls it back when this fails.
 */
static int
apply(struct crm_db *db, struct crm_seg *s, struct crm_buf *sql,
    struct crm_filter *f, size_t col)
{
	static const char *const names[] = { "id", "name", "old", "new" };
	struct crm_out *out;
	struct crm_cust c = { 0 };
	struct change *v;
	const char *vals[4];
	char *old, idbuf[32];
	size_t n, i, changed = 0;
	int r;

	v = verdicts(db, sql, f, col, &n);
	out = crm_out_new(stdout, s->fmt);
	/* A verdict read in part, or a value not read, is no verdict. */
	r = crm_db_failed(db) ? -1 : crm_out_header(out, names, 4);
	for (i = 0; i < n; i++) {
		old = r < 0 ? NULL : s->apply_field ? crm_query_text(db,
		    "SELECT value FROM customer_fields WHERE customer_id = ? "
		    "AND key = ?", "is", v[i].id, s->apply_field) :
		    crm_query_text(db, "SELECT tier FROM customers WHERE id = "
		    "?", "i", v[i].id);
		if (crm_db_failed(db))
			r = -1;
		if (r == 0 && strcmp(old ? old : "", v[i].value) != 0) {
			if (s->apply_field)
				crm_cust_field(&c, s->apply_field, v[i].value);
			else
				crm_cust_set(&c, CRM_C_TIER, v[i].value);
			crm_cust_update(db, v[i].id, &c, 0);
			crm_cust_free(&c);
			snprintf(idbuf, sizeof idbuf, "%lld", v[i].id);
			vals[0] = idbuf, vals[1] = v[i].name;
			vals[2] = old ? old : "", vals[3] = v[i].value;
			if (crm_db_failed(db) ||
			    crm_out_row(out, vals, "nsss") < 0)
				r = -1;
			changed++;
		}
		free(old);
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
	if (crm_out_end(out) < 0 || r < 0)
		return -1;
	fflush(stdout);		/* the table before the summary */
	fprintf(stderr, "%zu customer%s changed\n", changed,
	    changed == 1 ? "" : "s");
	return 0;
}

/*
 * The customers s->fields names, listed, or with a model's figures and
 * verdict, printed or applied.
 */
static int
modelled(struct crm_db *db, struct crm_seg *s, struct crm_filter *f)
{
	static const char *const rfm_cols[] = { "recency_days", "frequency",
	    "monetary", "r", "f", "m", "rfm", "segment" };
	static const char *const pareto_cols[] = { "revenue", "share",
	    "cumulative_share", "class" };
	static const char *const tier_cols[] = { "revenue", "new_tier" };
	struct crm_buf sql = { 0 };
	char **names;
	size_t n;
	int r = 0;

	names = columns(db, s->apply ? "id,name" : s->fields, &n);
	if (names == NULL)
		return -1;
	if (s->rfm) {
		rfm_sql(&sql, f, names, n);
		names = model_names(names, &n, rfm_cols, 8);
	} else if (s->pareto) {
		pareto_sql(&sql, f, names, n);
		names = model_names(names, &n, pareto_cols, 4);
	} else if (s->tiers) {
		r = tiers_sql(&sql, f, names, n, s->tiers);
		names = model_names(names, &n, tier_cols, 2);
	}
	if (r == 0)
		r = s->apply ? apply(db, s, &sql, f, n - 1) :
		    sql.s ? run(db, s, &sql, f, names, n) :
		    list(db, s, f, names, n);
	crm_free_list(names, n);
	crm_buf_free(&sql);
	return r;
}

/* Run the segment s describes: 0, or -1 with the error recorded. */
int
crm_segment(struct crm_db *db, struct crm_seg *s)
{
	struct crm_filter f;
	char *err;
	int r;

	if (crm_filter_compile_scope(db, s->expr ? s->expr : "", s->window,
	    NULL, s->orgs ? CRM_SCOPE_ORGS : CRM_SCOPE_PEOPLE, &f, &err) < 0) {
		crm_fail(CRM_EX_USAGE, "expression: %s", err);
		free(err);
		return -1;
	}
	if (s->count)
		r = count(db, s, &f);
	else if (s->by)
		r = by(db, s, &f);
	else
		r = modelled(db, s, &f);
	crm_filter_free(&f);
	return r;
}
