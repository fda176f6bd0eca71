/*
 * report.c - the figures a manager asks for: summary, activity, sales,
 * pareto, service, satisfaction, owners and one customer's picture; and
 * on deals, the pipeline, the forecast, the win rate, the sales cycle and
 * the stage funnel.
 *
 * Each report is one SQL statement over the period [from, to), narrowed
 * to the customers a filter selects, so memory does not grow with the
 * number of interactions.  Where the whole months are kept per customer
 * (summary, owners, sales), those are first added up in C by their
 * groups (tally.c, bounded) into a temporary table the statement reads:
 * the figures are still SQL's, the join and the sort by group are not.
 * The filter selects people and organisations alike: an interaction or
 * a deal counts whoever it was logged against.
 * Where customers are counted (summary, activity, owners' book) they are
 * the people; an organisation's own revenue still counts, once.  Amounts
 * are summed as integers (minor units) and printed exactly; rates are
 * percentages with two decimals.  The definitions are in crm-report(1)
 * and must stay true to this file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm.h"

#define PCT(num, den) "CASE WHEN (" den ") > 0 THEN fixed(100.0 * " \
	"(" num ") / (" den "), 2) END"

/* A part of a report of several (in_parts): its name and its columns. */
struct dry_part {
	char *name;
	char **cols;
	size_t n;
};

struct ctx {
	struct crm_db *db;
	struct crm_report *r;
	struct crm_filter f;
	int from, to, now;	/* parameter numbers */
	int mfrom, mto;		/* whole months [$A, $B) (whole_months) */
	char ma[16], mb[16];	/* their text, 'YYYY-MM' */
	int edges;		/* rows of [from, to) outside them */
	int whole;		/* there is a whole month */
	int tallied;		/* temp.report_cells holds them (tally_cells) */
	const char *group;	/* SQL of the --group column, or NULL */
	const char *at;		/* the time $P cuts periods of; NULL: i.at */
	const char *names;	/* a group that names customers, or NULL */
	const char *title;	/* a page's title, or its section's */
	int part;		/* monthly: a section of its page */
	int dry;		/* emit only keeps the columns, for -f */
	struct dry_part *dry_parts;	/* the parts' columns (dry) */
	size_t ndry_parts;
	int *cuts;		/* local periods: label, then start, ... */
	int ncuts;		/* how many numbers in cuts; 0: local is UTC */
	struct crm_buf sql;
};

/*
 * The period a time (an interaction's, a deal's close) falls in, as
 * text that sorts.  Times are kept in UTC; periods are the user's, in
 * local time as TZ says (a purchase at 00:30 on 1 December in Berlin is
 * December's).  Where local time is UTC at every edge of the periods
 * the text of the time says its period; otherwise the edges, worked out
 * once (local_periods), are compared in a CASE.
 */
static void
add_period(struct ctx *x, const char *at)
{
	struct crm_buf *b = &x->sql;
	const char *by = x->r->by;
	int i;

	if (x->ncuts == 1 && strcmp(at, "i.month") != 0)
		crm_buf_addf(b, "CAST(?%d AS TEXT)", x->cuts[0]);
	else if (x->ncuts > 0 && strcmp(at, "i.month") != 0) {
		crm_buf_adds(b, "CASE");
		for (i = 1; i + 1 < x->ncuts; i += 2)
			crm_buf_addf(b, " WHEN %s < ?%d THEN CAST(?%d AS "
			    "TEXT)", at, x->cuts[i], x->cuts[i - 1]);
		crm_buf_addf(b, " ELSE CAST(?%d AS TEXT) END",
		    x->cuts[x->ncuts - 1]);
	} else if (strcmp(by, "year") == 0)
		crm_buf_addf(b, "substr(%s, 1, 4)", at);
	else if (strcmp(by, "quarter") == 0)
		crm_buf_addf(b, "substr(%s, 1, 4) || '-Q' || "
		    "((CAST(substr(%s, 6, 2) AS INTEGER) + 2) / 3)", at, at);
	else if (strcmp(by, "week") == 0)	/* the Monday it starts on */
		crm_buf_addf(b, "date(%s, 'weekday 0', '-6 days')", at);
	else
		crm_buf_addf(b, "substr(%s, 1, 7)", at);
}

/* The local start of the period that tm is in, into tm (mktime's
 * fields; tm_isdst left for mktime to find). */
static void
period_start(struct tm *tm, const char *by)
{
	tm->tm_hour = tm->tm_min = tm->tm_sec = 0;
	if (strcmp(by, "week") == 0)
		tm->tm_mday -= (tm->tm_wday + 6) % 7;
	else {
		tm->tm_mday = 1;
		if (strcmp(by, "year") == 0)
			tm->tm_mon = 0;
		else if (strcmp(by, "quarter") == 0)
			tm->tm_mon -= tm->tm_mon % 3;
	}
	tm->tm_isdst = -1;
}

/* The next period's start after the one tm starts. */
static void
period_next(struct tm *tm, const char *by)
{
	if (strcmp(by, "week") == 0)
		tm->tm_mday += 7;
	else if (strcmp(by, "year") == 0)
		tm->tm_year++;
	else
		tm->tm_mon += strcmp(by, "quarter") == 0 ? 3 : 1;
	tm->tm_isdst = -1;
}

/* The label of the period starting at tm, as add_period's text. */
static void
period_label(const struct tm *tm, const char *by, char *buf, size_t n)
{
	int y = (tm->tm_year + 1900) % 10000;

	if (strcmp(by, "year") == 0)
		snprintf(buf, n, "%04d", y);
	else if (strcmp(by, "quarter") == 0)
		snprintf(buf, n, "%04d-Q%d", y, tm->tm_mon / 3 + 1);
	else if (strcmp(by, "week") == 0)
		snprintf(buf, n, "%04d-%02d-%02d", y, tm->tm_mon + 1,
		    tm->tm_mday);
	else
		snprintf(buf, n, "%04d-%02d", y, tm->tm_mon + 1);
}

/*
 * The local periods of [from, to) as parameters, when local time is not
 * UTC at one of their edges: x->cuts holds the first period's label,
 * then for each later period its start (UTC text) and its label.  Left
 * empty where every edge is at UTC's own, as for TZ=UTC: the text of a
 * time then says its period, and the months kept per customer
 * (whole_months) can answer for whole months.
 */
static void
local_periods(struct ctx *x)
{
	const char *by = x->r->by;
	char label[32], when[CRM_TIME_LEN];
	time_t from, to, t;
	struct tm tm;
	int shifted = 0, n = 0, cap = 0, *v = NULL;

	if (!by || crm_parse_when(x->r->from, &from) < 0 ||
	    crm_parse_when(x->r->to, &to) < 0 || from >= to)
		return;
	localtime_r(&from, &tm);
	shifted = tm.tm_gmtoff != 0;
	period_start(&tm, by);
	for (;;) {
		t = mktime(&tm);
		if (t == (time_t)-1)
			break;
		localtime_r(&t, &tm);
		shifted |= tm.tm_gmtoff != 0;
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 32;
			v = crm_xrealloc(v, (size_t)cap * sizeof *v);
		}
		if (n > 0) {
			if (t >= to)
				break;
			v[n++] = crm_filter_param(&x->f, crm_fmt_time(t, when));
		}
		period_label(&tm, by, label, sizeof label);
		v[n++] = crm_filter_param(&x->f, label);
		period_next(&tm, by);
	}
	if (shifted && n > 0) {
		x->cuts = v;
		x->ncuts = n;
	} else
		free(v);
}

/*
 * Append SQL written with placeholders: $F and $T the period's bounds,
 * $N now, $W the customer filter on c, $P the period of i.at (or of
 * x->at), $G the group column, $J the join of interactions i (and $D of
 * deals d) to customers c when $W or $G need it, $A and $B the whole
 * months of the period (whole_months).  Keeps the SQL readable and
 * printf's % out of it.
 */
static void
add(struct ctx *x, const char *t)
{
	for (; *t; t++) {
		if (*t != '$' || !t[1] || !strchr("FTNWPGJDAB", t[1])) {
			crm_buf_addc(&x->sql, *t);
			continue;
		}
		switch (*++t) {
		case 'F': crm_buf_addf(&x->sql, "?%d", x->from); break;
		case 'T': crm_buf_addf(&x->sql, "?%d", x->to); break;
		case 'N': crm_buf_addf(&x->sql, "?%d", x->now); break;
		case 'A': crm_buf_addf(&x->sql, "?%d", x->mfrom); break;
		case 'B': crm_buf_addf(&x->sql, "?%d", x->mto); break;
		case 'W': crm_buf_addf(&x->sql, "(%s)", x->f.sql.s); break;
		case 'P': add_period(x, x->at ? x->at : "i.at");
			break;
		case 'G': crm_buf_adds(&x->sql, x->group ? x->group : "''");
			break;
		case 'J':	/* the customers, when the query needs them */
			if (x->group || x->r->where)
				crm_buf_adds(&x->sql, "JOIN customers c ON c.id = "
				    "i.customer_id ");
			break;
		case 'D':
			if (x->group || x->r->where)
				crm_buf_adds(&x->sql, "JOIN customers c ON c.id = "
				    "d.customer_id ");
			break;
		}
	}
}

/* CRM_SQL_MONEY() around an expression built at run time. */
static void
add_money(struct ctx *x, const char *e)
{
	struct crm_buf b = { 0 };

	crm_sql_money(&b, e);
	add(x, b.s);
	crm_buf_free(&b);
}

/*
 * Where a report goes: stdout (or r->out), in the format asked for,
 * with bars of the chart column when asked for; and for mail, the page
 * too (r->html), which always has its chart.
 */
static struct crm_out *
new_out(struct ctx *x, const char *chart)
{
	struct crm_report *r = x->r;
	struct crm_out *out = crm_out_new(r->out ? r->out : stdout, r->fmt);
	struct crm_out *page;

	if (r->spreadsheet)
		crm_out_spreadsheet(out);
	if (r->chart && chart)
		crm_out_chart(out, chart);
	if (r->html) {
		page = crm_out_new(r->html, CRM_FMT_HTML);
		if (chart)
			crm_out_chart(page, chart);
		crm_out_also(out, page);
	}
	crm_out_title(out, x->title);
	if (x->part)
		crm_out_part(out);
	if (x->part && r->fmt == CRM_FMT_JSON)
		crm_out_section(out, x->title);
	return out;
}

/*
 * A report split by a value that names people (an e-mail, a name, an
 * extra field) lists customers: it leaves the database as an export
 * does, and the audit trail says who took it and how many rows.
 */
static void
disclosed(struct ctx *x, long long rows)
{
	char *what = crm_xasprintf("crm-report %s by %s", x->r->name,
	    x->names);

	crm_audit_export(x->db, what, rows);
	free(what);
}

/* The columns of the part being checked (parts_fields_check). */
static void
dry_keep(struct ctx *x, const char *const *hdr, size_t n)
{
	struct dry_part *p;
	size_t i;

	x->dry_parts = crm_xrealloc(x->dry_parts, (x->ndry_parts + 1) *
	    sizeof *x->dry_parts);
	p = &x->dry_parts[x->ndry_parts++];
	p->name = crm_xstrdup(x->title ? x->title : "");
	p->n = n;
	p->cols = crm_xcalloc(n ? n : 1, sizeof *p->cols);
	for (i = 0; i < n; i++)
		p->cols[i] = crm_xstrdup(hdr[i]);
}

/*
 * Run the statement and print it.  The header is the statement's column
 * names, except "grp" (the group column, named as the user named it)
 * and "xN" (named by names[N], e.g. indicators): names that come from
 * data are never SQL aliases.  -1 when the statement or the writing
 * failed (a field list naming no column is the writer's failure).
 */
static int
emit_named(struct ctx *x, const char *chart, char **names, size_t nnames)
{
	struct crm_out *out;
	struct crm_stmt *st;
	size_t i, n;
	const char **hdr;
	const char *c;
	char *end;
	unsigned long k;
	long long rows = 0;
	int r = -1;

	if ((st = crm_prepare(x->db, x->sql.s)) == NULL)
		return -1;
	n = (size_t)crm_col_count(st);
	hdr = crm_xcalloc(n ? n : 1, sizeof *hdr);
	for (i = 0; i < n; i++) {
		c = hdr[i] = crm_col_name(st, (int)i);
		if (strcmp(c, "grp") == 0 && x->r->group)
			hdr[i] = x->r->group;
		else if (c[0] == 'x' && (k = strtoul(c + 1, &end, 10)) > 0 &&
		    *end == '\0' && k <= nnames)
			hdr[i] = names[k - 1];
	}
	if (x->dry) {
		dry_keep(x, hdr, n);
		crm_finalize(st);
		free(hdr);
		return 0;
	}
	out = new_out(x, chart);
	crm_filter_bind(&x->f, st, 1);
	crm_out_fields(out, x->r->fields);
	if (crm_out_header(out, hdr, n) == 0 && (rows = crm_out_stmt(out,
	    st)) >= 0)
		r = 0;
	crm_finalize(st);
	if (crm_out_end(out) < 0)
		r = -1;
	free(hdr);
	if (r == 0 && x->names && rows > 0)
		disclosed(x, rows);
	return r;
}

static int
emit(struct ctx *x, const char *chart)
{
	return emit_named(x, chart, NULL, 0);
}

/*
 * The error for a --group or --matrix field there is not: "did you mean"
 * the built-in or the extra field some customer has that it is a near
 * miss of ("tierr" for tier, "Cty" or "CITY" for City), as the filter
 * language says.
 */
static int
unknown_group(struct crm_db *db, const char *name, const char *param)
{
	char *near = crm_filter_near_group(db, name);
	int r;

	if (crm_db_failed(db))
		r = -1;	/* recorded: the cause */
	else if (near)
		r = crm_fail_arg(CRM_EX_USAGE, param, "unknown field '%s' "
		    "(did you mean '%s'?)", name, near);
	else
		r = crm_fail_arg(CRM_EX_USAGE, param, "unknown field '%s' "
		    "(product, owner, a customer column or an extra field)",
		    name);
	free(near);
	return r;
}

/*
 * The group column's SQL into *sql: product, owner (the interaction's
 * when interaction_owner, else the customer's), a customer column, or an
 * extra field; NULL when there is none.  param is the parameter that
 * named it, for the error (the matrix sets r->group to each of its
 * fields).  -1 for a field there is not.
 */
static int
group_sql(struct ctx *x, const char *param, int interaction_owner,
    const char **sql)
{
	static struct crm_buf g;
	const char *name = x->r->group, *frag;
	int money;

	*sql = NULL;
	if (name == NULL)
		return 0;
	crm_buf_reset(&g);
	if (strcmp(name, "product") == 0)
		crm_buf_adds(&g, "i.product");
	else if (strcmp(name, "owner") == 0 && interaction_owner)
		crm_buf_adds(&g, "i.owner");
	else if (crm_cust_colindex(name) >= 0 &&
	    (frag = crm_filter_field(name, &money)))
		crm_buf_adds(&g, frag);
	else if (crm_query_int(x->db, 0, "SELECT 1 FROM customer_fields "
	    "WHERE key = ? LIMIT 1", "s", name))
		crm_buf_addf(&g, "(SELECT value FROM customer_fields WHERE "
		    "customer_id = c.id AND key = ?%d)",
		    crm_filter_param(&x->f, name));
	else if (crm_db_failed(x->db))
		return -1;	/* not "unknown": the look-up failed */
	else
		return unknown_group(x->db, name, param);
	if (crm_names_people(name))
		x->names = name;
	*sql = g.s;
	return 0;
}

/* Orders, not line items (crm.h): among one customer's purchases, and
 * among any purchases and returns. */
#define ORDERS CRM_SQL_ORDERS
#define ORDERS_OF CRM_SQL_ORDERS_OF

/* The whole months of [f, t), a <= month < b ('YYYY-MM'), if any. */
static int
months_of(const char *f, const char *t, char a[16], char b[16])
{
	int y, m;

	if (f == NULL || t == NULL || strlen(f) != 20 || strlen(t) != 20 ||
	    sscanf(f, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return 0;
	if (strcmp(f + 7, "-01T00:00:00Z") != 0 && ++m > 12) {
		m = 1;
		y++;
	}
	snprintf(a, 16, "%04d-%02d", y % 10000, m);
	snprintf(b, 16, "%.7s", t);
	return strcmp(a, b) < 0;
}

/*
 * The whole months of [from, to), which the per-customer rollups
 * (cust_periods, cust_sales: agg.c) answer for, as $A and $B: months
 * 'YYYY-MM' from $A up to, not with, $B.  What is left of the period,
 * [$F, $A) and [$B, $T), is read from the raw rows (x->edges says
 * whether there is any), so that every figure stays exact whatever the
 * bounds (a local midnight, the 15th).  Without a whole month, when
 * the periods cannot be cut from months (weeks), or on an engine that
 * keeps no sales cells (crm_db_cells: PostgreSQL, so far), $A and $B
 * are both $T: no month from the rollups, the raw rows for all of
 * [$F, $T).
 */
static void
whole_months(struct ctx *x, int by_months)
{
	const char *f = x->r->from, *t = x->r->to;
	char a[16], b[16];

	x->edges = 1;
	x->whole = 0;
	if (by_months && crm_db_cells(x->db) && x->ncuts == 0 &&
	    months_of(f, t, a, b)) {
		x->mfrom = crm_filter_param(&x->f, a);
		x->mto = crm_filter_param(&x->f, b);
		memcpy(x->ma, a, sizeof x->ma);
		memcpy(x->mb, b, sizeof x->mb);
		x->edges = strcmp(f + 7, "-01T00:00:00Z") != 0 ||
		    strcmp(t + 7, "-01T00:00:00Z") != 0;
		x->whole = 1;
		return;
	}
	x->mfrom = x->mto = x->to;
}

/*
 * The whole years among the whole months [a, b) ('YYYY-MM'), which
 * cust_years (migrate-12.sql) answers for: a year's report reads a row
 * per customer where its months were seven here (bench/README.md).
 * Into *y the parameters of the years, y1 <= year < y2 ('YYYY'), and of
 * the months left to cust_periods and cust_sales, [a, m1) and [m2, b)
 * ('YYYY-01' of y1 and y2), and whether there are any (months); 0 when
 * there is no whole year.
 */
struct years {
	int y1, y2, m1, m2, months;
};

static int
whole_years(struct ctx *x, const char *a, const char *b, struct years *y)
{
	char s[16];
	int ya, ma, yb, mb, y1;

	if (sscanf(a, "%4d-%2d", &ya, &ma) != 2 ||
	    sscanf(b, "%4d-%2d", &yb, &mb) != 2)
		return 0;
	y1 = ma == 1 ? ya : ya + 1;
	if (y1 >= yb)
		return 0;
	y->months = ma != 1 || mb != 1;
	snprintf(s, sizeof s, "%04d", y1 % 10000);
	y->y1 = crm_filter_param(&x->f, s);
	snprintf(s, sizeof s, "%04d", yb % 10000);
	y->y2 = crm_filter_param(&x->f, s);
	snprintf(s, sizeof s, "%04d-01", y1 % 10000);
	y->m1 = crm_filter_param(&x->f, s);
	snprintf(s, sizeof s, "%04d-01", yb % 10000);
	y->m2 = crm_filter_param(&x->f, s);
	return 1;
}

/* The rows of [from, to) outside its whole months, or none. */
#define EDGES "(at >= $F AND at < $A OR at >= $B AND at < $T)"

/*
 * The key of a group of the cells: SQL over a cell i (its month and
 * product) or over its customer c.
 */
struct cell_key {
	const char *sql;
	int of_customer;
};

/* The cells' figures, as cust_sales (migrate-10.sql) names them. */
#define CELL_COLS "purchases, units, amount, priced, returns, returned, " \
	"orders, month_orders"
enum { NCELL_COLS = 8 };

/*
 * Kept rows of customers (cells: customer_id, the keys of the cell's
 * side, then nsums figures, in the order of customer_id) added up by
 * their keys, where the customers (cust: c.id, the keys of the
 * customer's side, then 1 to leave them out, in the order of c.id)
 * select them; side[i] says whose key i is (1: the customer's).  Both
 * statements bound here and finalized.  NULL on failure, or when there
 * are too many groups to hold (the database has not failed).
 */
static struct crm_tally *
merge_tally(struct ctx *x, struct crm_stmt *cells, struct crm_stmt *cust,
    const int *side, int nkeys, int nsums)
{
	struct crm_tally *t = crm_tally_new(nkeys, nsums);
	const char *k[4];
	long long id, cid = 0, *sum;
	int i, skip = 1, more = 1, full = 0;

	crm_filter_bind(&x->f, cells, 1);
	crm_filter_bind(&x->f, cust, 1);
	while (crm_step(cells) == CRM_ROW) {
		id = crm_col_int(cells, 0);
		while (more && cid < id)
			if ((more = crm_step(cust) == CRM_ROW)) {
				cid = crm_col_int(cust, 0);
				skip = crm_col_int(cust, nkeys + 1) != 0;
			}
		if (!more || cid != id || skip)
			continue;	/* not selected, or read raw */
		for (i = 0; i < nkeys; i++)
			k[i] = crm_col_text(side[i] ? cust : cells, i + 1);
		if ((sum = crm_tally_at(t, k)) == NULL) {
			full = 1;	/* too many groups */
			break;
		}
		for (i = 0; i < nsums && !full; i++)
			if (crm_sum_add(&sum[i], crm_col_int(cells, nkeys + 1 +
			    i), crm_col_name(cells, nkeys + 1 + i), k[0]) < 0)
				full = -1;
	}
	crm_finalize(cells);
	crm_finalize(cust);
	if (full || crm_db_failed(x->db)) {
		crm_tally_free(t);
		return NULL;
	}
	return t;
}

/* SQL made at run time, run once: crm_exec keeps a statement by the
 * address of its text, which a buffer's does not stand for. */
static void
run_once(struct crm_db *db, const char *sql)
{
	struct crm_stmt *st = crm_prepare(db, sql);

	if (st)
		crm_step(st);
	crm_finalize(st);
}

/*
 * A tally into the temporary table name, made anew with cols (its
 * columns: the nkeys keys as text, then the nsums sums), for the
 * report's statement to read; frees t.  0, or -1 on failure.
 */
static int
tally_store(struct ctx *x, struct crm_tally *t, const char *name,
    const char *cols, int nkeys, int nsums)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *ins;
	const char *k[2];
	long long *sum;
	size_t n;
	int i;

	crm_exec(x->db, "SAVEPOINT report_tally", NULL);
	crm_buf_addf(&sql, "DROP TABLE IF EXISTS temp.%s", name);
	run_once(x->db, sql.s);
	crm_buf_reset(&sql);
	crm_buf_addf(&sql, "CREATE TEMP TABLE %s (%s)", name, cols);
	run_once(x->db, sql.s);
	crm_buf_reset(&sql);
	crm_buf_addf(&sql, "INSERT INTO temp.%s VALUES (?1", name);
	for (i = 2; i <= nkeys + nsums; i++)
		crm_buf_addf(&sql, ", ?%d", i);
	crm_buf_adds(&sql, ")");
	ins = crm_prepare(x->db, sql.s);
	for (n = 0; n < crm_tally_count(t); n++) {
		sum = crm_tally_row(t, n, k);
		for (i = 0; i < nkeys; i++)
			crm_bind_text(ins, i + 1, k[i]);
		for (i = 0; i < nsums; i++)
			crm_bind_int(ins, nkeys + i + 1, sum[i]);
		crm_step(ins);
		crm_reset(ins);
	}
	crm_finalize(ins);
	crm_exec(x->db, "RELEASE report_tally", NULL);
	crm_buf_free(&sql);
	crm_tally_free(t);
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * The whole months' cells of the customers the filter selects, added
 * up in C by the two keys into temp.report_cells (k1, k2 and the sums
 * of the cells' figures), which add_sales_parts then reads in place of
 * cust_sales: at 200,000 customers SQLite's join of every cell to its
 * customer and its GROUP BY, a sort of all of them, were most of a
 * sales report's time (bench/README.md).  Two plain SELECTs
 * in the order of the customer, the cells and the customers, merged
 * here; a customer of cust_split is left out, as add_sales_parts leaves
 * it to the raw rows.  A key's SQL is worked out by SQL on its side,
 * so the groups are SQL's own values.  0 when done (x->tallied), 1 when
 * there is nothing to tally or too many groups to hold (then
 * add_sales_parts reads cust_sales as before), -1 on failure.
 */
static int
tally_cells(struct ctx *x, const struct cell_key *keys, int nkeys)
{
	struct ctx y = *x;
	struct crm_stmt *cells, *cust;
	struct crm_tally *t;
	int i, side[2];

	if (!x->whole || x->tallied)
		return x->tallied ? 0 : 1;
	memset(&y.sql, 0, sizeof y.sql);
	y.at = "i.month";
	add(&y, "SELECT customer_id");
	for (i = 0; i < nkeys; i++) {
		add(&y, ", ");
		add(&y, keys[i].of_customer ? "NULL" : keys[i].sql);
		side[i] = keys[i].of_customer;
	}
	add(&y, ", " CELL_COLS " FROM (SELECT customer_id, month, CASE WHEN "
	    "typeof(product) = 'blob' THEN NULL ELSE product END AS product, "
	    CELL_COLS " FROM cust_sales WHERE month >= $A AND month < $B) i "
	    "ORDER BY customer_id");
	cells = crm_prepare(x->db, y.sql.s);
	crm_buf_reset(&y.sql);
	add(&y, "SELECT c.id");
	for (i = 0; i < nkeys; i++) {
		add(&y, ", ");
		add(&y, keys[i].of_customer ? keys[i].sql : "NULL");
	}
	add(&y, ", c.id IN (SELECT customer_id FROM cust_split) FROM "
	    "customers c WHERE $W ORDER BY c.id");
	cust = crm_prepare(x->db, y.sql.s);
	crm_buf_free(&y.sql);
	t = merge_tally(x, cells, cust, side, nkeys, NCELL_COLS);
	if (t == NULL)	/* failed, a sum too large, or too many groups */
		return crm_db_failed(x->db) || crm_err_status() ? -1 : 1;
	if (tally_store(x, t, "report_cells", "k1 TEXT, k2 TEXT, purchases "
	    "INTEGER, units INTEGER, amount INTEGER, priced INTEGER, returns "
	    "INTEGER, returned INTEGER, orders INTEGER, month_orders INTEGER",
	    2, NCELL_COLS) < 0)
		return -1;
	x->tallied = 1;
	return 0;
}

/*
 * The purchases and returns of [from, to) in groups, as rows of the
 * figures named by keys (SQL with $P, $G ...), in two parts to add up:
 * the whole months of the customers from cust_sales (its product X''
 * is NULL again), through cell_figs, or where tally_cells added them
 * up, from temp.report_cells by tallied (its k1, k2 named as keys
 * names them); the other rows raw, through raw_figs.  A customer with
 * an order in two months (cust_split) is all raw: orders are distinct
 * refs, which do not add across months.
 */
static void
add_sales_parts(struct ctx *x, const char *keys, const char *tallied,
    const char *groups, const char *cell_figs, const char *raw_figs)
{
	const char *at = x->at;

	if (x->tallied) {
		add(x, "SELECT ");
		add(x, tallied);
		add(x, ", ");
		add(x, cell_figs);
		add(x, " FROM temp.report_cells i GROUP BY ");
		add(x, groups);
		add(x, " UNION ALL ");
	} else if (x->whole) {
		x->at = "i.month";
		add(x, "SELECT ");
		add(x, keys);
		add(x, ", ");
		add(x, cell_figs);
		add(x, " FROM (SELECT customer_id, month, CASE WHEN "
		    "typeof(product) = 'blob' THEN NULL ELSE product END AS "
		    "product, purchases, units, amount, priced, returns, "
		    "returned, orders, month_orders FROM cust_sales WHERE "
		    "month >= $A AND month < $B AND customer_id NOT IN (SELECT "
		    "customer_id FROM cust_split)) i $JWHERE $W GROUP BY ");
		add(x, groups);
		x->at = at;
		add(x, " UNION ALL ");
	}
	add(x, "SELECT ");
	add(x, keys);
	add(x, ", ");
	add(x, raw_figs);
	add(x, " FROM (");
	if (x->edges)
		add(x, "SELECT customer_id, at, kind, product, quantity, amount, "
		    "ref FROM interactions WHERE kind IN ('purchase', 'return') "
		    "AND ");
	if (x->edges)	/* without a whole month, all of [$F, $T) */
		add(x, x->whole ? EDGES : "at >= $F AND at < $T");
	if (x->edges && x->whole)
		add(x, " UNION ALL ");
	if (x->whole)
		add(x, "SELECT i.customer_id, i.at, i.kind, i.product, "
		    "i.quantity, i.amount, i.ref FROM cust_split s JOIN "
		    "interactions i ON i.customer_id = s.customer_id WHERE "
		    "i.kind IN ('purchase', 'return') AND i.at >= $A AND "
		    "i.at < $B");
	add(x, ") i $JWHERE $W GROUP BY ");
	add(x, groups);
}

/* A cell's net revenue: NULL when no row had an amount, as sum(). */
#define CELL_NET "CASE WHEN sum(i.priced) > 0 THEN sum(i.amount - " \
	"i.returned) END"
#define CELL_FIGS "sum(i.units) AS units, sum(i.amount) AS gross, " \
	"sum(i.returns) AS returns, sum(i.returned) AS returned"

/*
 * The whole months [$A, $B) less the whole years of y (NULL: none),
 * as a condition on a kept table's month.
 */
static void
months_where(struct ctx *x, const struct years *y)
{
	if (y == NULL) {
		add(x, "(month >= $A AND month < $B)");
		return;
	}
	crm_buf_addf(&x->sql, "(month >= ?%d AND month < ?%d OR month >= ?%d "
	    "AND month < ?%d)", x->mfrom, y->m1, y->m2, x->mto);
}

/*
 * The rows of a kept table (SQL: customer_id, then figures, in the
 * order of customer_id) that belong to customer id: added to sum[],
 * and how many there were.  *more is 0 once the statement is done;
 * *at is its current row's customer.
 */
static long long
rows_of(struct crm_stmt *st, int *more, long long *at, long long id,
    long long *sum, int nsums)
{
	long long n = 0;
	int i;

	while (*more && *at < id)
		if ((*more = crm_step(st) == CRM_ROW))
			*at = crm_col_int(st, 0);
	while (*more && *at == id) {
		for (i = 0; i < nsums; i++)
			sum[i] += crm_col_int(st, i + 1);
		n++;
		if ((*more = crm_step(st) == CRM_ROW))
			*at = crm_col_int(st, 0);
	}
	return n;
}

/*
 * Whether a kept table in the order of customer_id (SQL: customer_id,
 * then its columns; one row a customer) has a row of customer id: its
 * statement is then on it.  *more and *at as rows_of.
 */
static int
row_of(struct crm_stmt *st, int *more, long long *at, long long id)
{
	while (*more && *at < id)
		if ((*more = crm_step(st) == CRM_ROW))
			*at = crm_col_int(st, 0);
	return *more && *at == id;
}

/* summary's groupings, the customers' columns it groups by. */
static const char *const summary_groups[] = { "tier", "industry", "owner",
    "status" };

/*
 * summary's figures of each customer added up in C, where the whole
 * months are kept (crm_db_cells): four plain SELECTs in the order of the
 * customer (the customers, their months' activity and revenue from
 * cust_periods, their orders from cust_sales, their edge rows), merged
 * here, where SQL looked up each customer's months three times and
 * grouped five times.  The groups go to temp.report_summary (grouping,
 * value, customers, new, active, rev, orders), which summary() prints
 * as before.  0 done, 1 nothing to do (SQL does it all), -1 failed.
 */
static int
tally_summary(struct ctx *x)
{
	static const char *const names[] = { "customers", "new customers",
	    "active customers", "revenue", "orders" };
	struct ctx y = *x;
	struct crm_stmt *cu, *pe = NULL, *sa = NULL, *ed = NULL, *ye = NULL;
	struct crm_stmt *ft, *sp;
	struct crm_tally *t, *combos;
	struct years yr;
	const char *k[4], *since, *first;
	long long id, s[5], per, sal, edv[2], yev[2], *sum;
	long long pat = 0, sat = 0, eat = 0, yat = 0, fat = 0, sat2 = 0;
	int pmore = 1, smore = 1, emore = 1, ymore = 1, fmore = 1, spmore = 1;
	int g, i, full = 0, years, split;
	size_t n;

	if (!x->whole || !crm_db_cells(x->db))
		return 1;
	memset(&y.sql, 0, sizeof y.sql);
	/* 1-4 the groups, 5 a person, 6 created; the first thing logged
	 * (cust_totals) and the split customers' orders of the period (raw)
	 * each in its own SELECT in the customer's order, merged here: a
	 * look-up of each in each customer's row was most of the time left
	 * (bench/README.md). */
	add(&y, "SELECT c.id, c.tier, c.industry, c.owner, c.status, c.type = "
	    "'person', c.created FROM customers c WHERE $W ORDER BY c.id");
	cu = crm_prepare(x->db, y.sql.s);
	ft = crm_prepare(x->db, "SELECT customer_id, first_at FROM "
	    "cust_totals ORDER BY customer_id");
	crm_buf_reset(&y.sql);
	add(&y, "SELECT s.customer_id, (SELECT " ORDERS " FROM interactions "
	    "WHERE customer_id = s.customer_id AND kind = 'purchase' AND at "
	    ">= $F AND at < $T) FROM cust_split s ORDER BY s.customer_id");
	sp = crm_prepare(x->db, y.sql.s);
	/* The whole years from cust_years, the months around them from
	 * cust_periods and cust_sales, which are read only when there
	 * are such months: their keys lead with the customer, and a
	 * range of months is a scan of the whole table. */
	years = whole_years(x, x->ma, x->mb, &yr);
	if (years) {
		crm_buf_reset(&y.sql);
		crm_buf_addf(&y.sql, "SELECT customer_id, revenue, orders FROM "
		    "cust_years WHERE year >= ?%d AND year < ?%d ORDER BY "
		    "customer_id", yr.y1, yr.y2);
		ye = crm_prepare(x->db, y.sql.s);
	} else
		ymore = 0;
	if (!years || yr.months) {
		crm_buf_reset(&y.sql);
		add(&y, "SELECT customer_id, revenue FROM cust_periods WHERE ");
		months_where(&y, years ? &yr : NULL);
		add(&y, " ORDER BY customer_id");
		pe = crm_prepare(x->db, y.sql.s);
		crm_buf_reset(&y.sql);
		add(&y, "SELECT customer_id, month_orders FROM cust_sales WHERE ");
		months_where(&y, years ? &yr : NULL);
		add(&y, " ORDER BY customer_id");
		sa = crm_prepare(x->db, y.sql.s);
	} else
		pmore = smore = 0;
	if (x->edges) {
		crm_buf_reset(&y.sql);
		add(&y, "SELECT customer_id, coalesce(sum(" CRM_NET_AMOUNT ") "
		    "FILTER (WHERE kind IN ('purchase', 'return')), 0), "
		    "count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + "
		    "count(*) FILTER (WHERE kind = 'purchase' AND ref IS NULL) "
		    "FROM interactions WHERE " EDGES " GROUP BY customer_id "
		    "ORDER BY customer_id");
		ed = crm_prepare(x->db, y.sql.s);
	} else
		emore = 0;
	crm_buf_free(&y.sql);
	crm_filter_bind(&x->f, cu, 1);
	crm_filter_bind(&x->f, sp, 1);
	if (pe)
		crm_filter_bind(&x->f, pe, 1);
	if (sa)
		crm_filter_bind(&x->f, sa, 1);
	if (ed)
		crm_filter_bind(&x->f, ed, 1);
	if (ye)
		crm_filter_bind(&x->f, ye, 1);
	/* Added up first by the customer's four groups at once, one look-up
	 * a customer; then each of those into its four groups and all. */
	combos = crm_tally_new(4, 5);
	while (!full && crm_step(cu) == CRM_ROW) {
		id = crm_col_int(cu, 0);
		per = sal = 0;
		edv[0] = edv[1] = yev[0] = yev[1] = 0;
		n = (size_t)rows_of(pe, &pmore, &pat, id, &per, 1);
		rows_of(sa, &smore, &sat, id, &sal, 1);
		n += (size_t)rows_of(ed, &emore, &eat, id, edv, 2);
		n += (size_t)rows_of(ye, &ymore, &yat, id, yev, 2);
		/* since: created, or the first thing logged if earlier, as
		 * SQL's min() of text (the bytes) */
		since = crm_col_text(cu, 6);
		if (row_of(ft, &fmore, &fat, id) &&
		    strcmp(first = crm_col_text(ft, 1), since) < 0)
			since = first;
		split = row_of(sp, &spmore, &sat2, id);
		if (strcmp(since, x->r->to) >= 0)
			continue;	/* not a customer by --to */
		s[0] = crm_col_int(cu, 5);		/* customers */
		s[1] = s[0] && strcmp(since, x->r->from) >= 0;	/* new */
		s[2] = s[0] && n > 0;			/* active */
		s[3] = per + edv[0] + yev[0];		/* revenue */
		s[4] = split ? crm_col_int(sp, 1) :
		    sal + edv[1] + yev[1];		/* orders */
		for (g = 0; g < 4; g++)
			k[g] = crm_col_text(cu, g + 1);
		if ((sum = crm_tally_at(combos, k)) == NULL)
			full = 1;
		else
			for (i = 0; i < 5 && !full; i++)
				if (crm_sum_add(&sum[i], s[i], names[i], NULL) < 0)
					full = -1;
	}
	t = crm_tally_new(2, 5);
	k[0] = "all";
	k[1] = NULL;
	full |= crm_tally_at(t, k) == NULL;	/* the row of all, even of none */
	for (n = 0; !full && n < crm_tally_count(combos); n++) {
		const char *ck[4];
		long long *cs = crm_tally_row(combos, n, ck);

		for (g = -1; g < 4 && !full; g++) {
			k[0] = g < 0 ? "all" : summary_groups[g];
			k[1] = g < 0 ? NULL : ck[g];
			if (k[1] && *k[1] == '\0')
				k[1] = NULL;	/* nullif(, '') */
			if ((sum = crm_tally_at(t, k)) == NULL)
				full = 1;
			else
				for (i = 0; i < 5 && !full; i++)
					if (crm_sum_add(&sum[i], cs[i], names[i],
					    k[1] ? k[1] : k[0]) < 0)
						full = -1;
		}
	}
	crm_tally_free(combos);
	crm_finalize(cu);
	crm_finalize(ft);
	crm_finalize(sp);
	crm_finalize(pe);
	crm_finalize(sa);
	crm_finalize(ed);
	crm_finalize(ye);
	if (full || crm_db_failed(x->db)) {
		crm_tally_free(t);
		return crm_db_failed(x->db) || full < 0 ? -1 : 1;
	}
	return tally_store(x, t, "report_summary", "grouping TEXT, value "
	    "TEXT, customers INTEGER, new INTEGER, active INTEGER, rev "
	    "INTEGER, orders INTEGER", 2, 5);
}

/*
 * Customers: in total, new, active, by tier, industry, owner, status.
 * A missing or empty value is one group, NULL (null in JSON, as in the
 * other reports), and so is the value of the "all" row.
 */
static int
summary(struct ctx *x)
{
	const char *const *groups = summary_groups;
	size_t i;
	int r;

	/* The people are the customers counted; an organisation's own
	 * revenue and orders count under its own tier, industry ...
	 * A customer is one since it was created or since the first thing
	 * logged for it, whichever is earlier (history imported after its
	 * customers), through the index on (customer_id, at): a period's
	 * figures do not depend on the day of an import.  Activity,
	 * revenue and orders: the whole months from cust_periods and
	 * cust_sales, the rest of the period raw (whole_months). */
	whole_months(x, 1);
	if ((r = tally_summary(x)) <= 0) {
		if (r < 0)
			return -1;
		add(x, "SELECT * FROM (SELECT grouping, value, customers, new, "
		    "active, " PCT("active", "customers") " AS active_rate, "
		    CRM_SQL_MONEY("rev") " AS revenue, orders FROM "
		    "temp.report_summary) ORDER BY CASE grouping WHEN 'all' "
		    "THEN 0 WHEN 'tier' THEN 1 WHEN 'industry' THEN 2 WHEN "
		    "'owner' THEN 3 ELSE 4 END, customers DESC, value IS NOT "
		    "NULL, value");
		return emit(x, NULL);
	}
	/* The edges of the period in one pass over the index on
	 * (customer_id, at), grouped: half the time of three look-ups a
	 * customer (bench/README.md). */
	add(x, "WITH ");
	if (x->edges)
		add(x, "edge AS (SELECT customer_id, sum(" CRM_NET_AMOUNT ") "
		    "FILTER (WHERE kind IN ('purchase', 'return')) AS rev, "
		    "count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + "
		    "count(*) FILTER (WHERE kind = 'purchase' AND ref IS NULL) "
		    "AS orders FROM interactions WHERE " EDGES " GROUP BY "
		    "customer_id), ");
	add(x, "s0 AS (SELECT c.id, c.tier, c.industry, c.owner, "
	    "c.status, c.type = 'person' AS person, min(c.created, coalesce("
	    "(SELECT e.first_at FROM cust_totals e WHERE e.customer_id = "
	    "c.id), c.created)) AS since, "
	    "(EXISTS (SELECT 1 FROM cust_periods p WHERE p.customer_id = c.id "
	    "AND p.month >= $A AND p.month < $B)");
	if (x->edges)
		add(x, " OR edge.customer_id IS NOT NULL");
	add(x, ") AS act, (SELECT coalesce(sum(revenue), 0) FROM cust_periods "
	    "p WHERE p.customer_id = c.id AND p.month >= $A AND p.month < $B)");
	if (x->edges)
		add(x, " + coalesce(edge.rev, 0)");
	/* orders: see add_sales_parts */
	add(x, " AS rev, CASE WHEN EXISTS (SELECT 1 FROM cust_split WHERE "
	    "customer_id = c.id) THEN (SELECT " ORDERS " FROM interactions "
	    "WHERE customer_id = c.id AND kind = 'purchase' AND at >= $F AND "
	    "at < $T) ELSE (SELECT coalesce(sum(month_orders), 0) FROM "
	    "cust_sales WHERE customer_id = c.id AND month >= $A AND "
	    "month < $B)");
	if (x->edges)
		add(x, " + coalesce(edge.orders, 0)");
	add(x, " END AS orders FROM customers c ");
	if (x->edges)
		add(x, "LEFT JOIN edge ON edge.customer_id = c.id ");
	add(x, "WHERE $W), "
	    "s AS (SELECT id, tier, industry, owner, status, person, person "
	    "AND since >= $F AS new, person AND act AS active, rev, orders "
	    "FROM s0 WHERE since < $T) ");
	add(x, "SELECT * FROM (SELECT 'all' AS grouping, NULL AS value, "
	    "coalesce(sum(person), 0) AS customers, "
	    "coalesce(sum(new), 0) AS new, coalesce(sum(active), 0) AS active, "
	    PCT("sum(active)", "sum(person)") " AS active_rate, "
	    CRM_SQL_MONEY("coalesce(sum(rev), 0)") " AS revenue, coalesce(sum(orders), "
	    "0) AS orders FROM s");
	for (i = 0; i < 4; i++) {
		add(x, " UNION ALL SELECT '");
		add(x, groups[i]);
		add(x, "', nullif(");
		add(x, groups[i]);
		add(x, ", ''), sum(person), sum(new), sum(active), "
		    PCT("sum(active)", "sum(person)") ", "
		    CRM_SQL_MONEY("sum(rev)") ", sum(orders) FROM s GROUP BY 2");
	}
	/* The order of a UNION ALL is not promised: say it. */
	add(x, ") ORDER BY CASE grouping WHEN 'all' THEN 0 WHEN 'tier' THEN 1 "
	    "WHEN 'industry' THEN 2 WHEN 'owner' THEN 3 ELSE 4 END, "
	    "customers DESC, value IS NOT NULL, value");	/* none first */
	return emit(x, NULL);
}

static const char *const kinds[] = { "call", "email", "fax", "meeting",
	"visit", "web", "chat", "purchase", "return", "complaint", "inquiry",
	"feedback", "note" };
static const char *const channels[] = { "phone", "email", "fax", "web",
	"wechat", "visit", "chat", "other" };

/*
 * Per period: interactions by kind and channel, active customers.  The
 * active are counted among the customers of the base (people created
 * before --to), so the rate cannot pass 100% when history was logged for
 * a customer added later.  Those few, and the organisations, are counted
 * apart ("late", through the index on customer_id) and taken off, rather
 * than joining every interaction to its customer, which cost half as
 * much again as the grouping itself; customers are joined only for
 * --where.
 */
/*
 * The channels of the period beyond the known ones (any text: WhatsApp,
 * LINE, store), each a column after them, named channel_ and its text.
 */
static char **
other_channels(struct ctx *x, size_t *n)
{
	struct ctx y = *x;
	struct crm_stmt *st;
	char **v = NULL;
	size_t i;

	memset(&y.sql, 0, sizeof y.sql);
	add(&y, "SELECT DISTINCT i.channel FROM interactions i $JWHERE i.at >= "
	    "$F AND i.at < $T AND $W AND i.channel IS NOT NULL AND i.channel "
	    "NOT IN (");
	for (i = 0; i < sizeof channels / sizeof channels[0]; i++) {
		add(&y, i ? ", '" : "'");
		add(&y, channels[i]);
		add(&y, "'");
	}
	add(&y, ") ORDER BY 1");
	st = crm_prepare(x->db, y.sql.s);
	crm_filter_bind(&x->f, st, 1);
	*n = 0;
	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = crm_xasprintf("channel_%s",
		    crm_col_text(st, 0));
	}
	crm_finalize(st);
	crm_buf_free(&y.sql);
	return v;
}

static int
activity(struct ctx *x)
{
	char **others, num[48];
	size_t i, nothers;
	int r;

	/* A person with an interaction before --to is a customer by then,
	 * whenever created (imported): only organisations are "late". */
	add(x, "WITH p AS (SELECT $P AS period, i.kind, i.channel, "
	    "i.customer_id FROM interactions i $JWHERE i.at >= $F AND i.at < "
	    "$T AND $W), "
	    "late AS (SELECT $P AS period, count(DISTINCT c.id) AS n FROM "
	    "customers c JOIN interactions i ON i.customer_id = c.id WHERE "
	    "c.type <> 'person' AND i.at >= $F AND i.at < $T AND $W GROUP BY "
	    "1), "
	    "base AS (SELECT count(*) AS n FROM customers c WHERE $W AND "
	    "c.type = 'person' AND (c.created < $T OR EXISTS (SELECT 1 FROM "
	    "interactions e WHERE e.customer_id = c.id AND e.at < $T))) "
	    "SELECT period, count(*) AS interactions");
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		add(x, ", coalesce(sum(kind = '");
		add(x, kinds[i]);
		add(x, "'), 0) AS ");
		add(x, kinds[i]);
	}
	for (i = 0; i < sizeof channels / sizeof channels[0]; i++) {
		add(x, ", coalesce(sum(channel = '");
		add(x, channels[i]);
		add(x, "'), 0) AS channel_");
		add(x, channels[i]);
	}
	/* Other channels' text is data: bound, and named through xN. */
	others = other_channels(x, &nothers);
	for (i = 0; i < nothers; i++) {
		snprintf(num, sizeof num, ", coalesce(sum(channel = ?%d), 0) ",
		    crm_filter_param(&x->f, others[i] + 8));
		add(x, num);
		snprintf(num, sizeof num, "AS x%zu", i + 1);
		add(x, num);
	}
#define ACTIVE "count(DISTINCT customer_id) - coalesce((SELECT n FROM " \
	"late WHERE late.period = p.period), 0)"
	add(x, ", " ACTIVE " AS active, " PCT(ACTIVE, "(SELECT n FROM base)")
	    " AS active_rate FROM p GROUP BY period ORDER BY period");
#undef ACTIVE
	r = emit_named(x, "interactions", others, nothers);
	crm_free_list(others, nothers);
	return r;
}

static int matrix(struct ctx *x);

/* Per period (and group): net revenue, orders, units, returns; or the
 * matrix. */
static int
sales(struct ctx *x)
{
	struct cell_key k[2];

	if (x->r->matrix)
		return matrix(x);
	if (group_sql(x, "group", 0, &x->group) < 0)
		return -1;
	whole_months(x, strcmp(x->r->by, "week") != 0);
	k[0].sql = "$P";
	k[0].of_customer = 0;
	k[1].sql = x->group ? x->group : "''";
	k[1].of_customer = x->group && strcmp(x->r->group, "product") != 0;
	if (crm_db_cells(x->db) && tally_cells(x, k, 2) < 0)
		return -1;
	add(x, "SELECT period");
	if (x->group)
		add(x, ", grp");
	/* The average in whole cents, rounded half away from zero by
	 * integer division: through a double, a gross past 2^53 cents
	 * (90,071,992,547,409.92) lost its last cents. */
	add(x, ", " CRM_SQL_MONEY("net") " AS revenue, orders, units, CASE "
	    "WHEN orders > 0 THEN " CRM_SQL_MONEY("gross / orders + CASE WHEN "
	    "2 * abs(gross % orders) >= orders THEN CASE WHEN gross < 0 THEN "
	    "-1 ELSE 1 END ELSE 0 END") " END AS average_order, returns, "
	    CRM_SQL_MONEY("returned") " AS returned FROM (SELECT period, grp, "
	    "sum(net) AS net, sum(orders) AS orders, sum(units) AS units, "
	    "sum(gross) AS gross, sum(returns) AS returns, sum(returned) AS "
	    "returned FROM (");
	/* A product's orders are those with a line of it; a customer's,
	 * each order once, whatever its products (month_orders). */
	add_sales_parts(x, "$P AS period, $G AS grp",
	    "i.k1 AS period, i.k2 AS grp", "1, 2",
	    x->r->group && strcmp(x->r->group, "product") == 0 ?
	    CELL_NET " AS net, sum(i.orders) AS orders, " CELL_FIGS :
	    CELL_NET " AS net, sum(i.month_orders) AS orders, " CELL_FIGS,
	    "sum(" CRM_NET_AMOUNT ") AS net, " ORDERS_OF " AS orders, "
	    "coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0) AS "
	    "units, coalesce(sum(amount) FILTER (WHERE kind = 'purchase'), 0) "
	    "AS gross, count(*) FILTER (WHERE kind = 'return') AS returns, "
	    "coalesce(sum(abs(amount)) FILTER (WHERE kind = 'return'), 0) AS "
	    "returned");
	add(x, ") GROUP BY period, grp) ORDER BY period");
	if (x->group)
		add(x, ", net DESC, grp NULLS FIRST");
	return emit(x, x->group ? NULL : "revenue");
}

/* Distinct values of a column over the period, for a cross table (the
 * matrix's columns: k2 of its tally). */
static char **
distinct(struct ctx *x, const char *col_sql, size_t *n)
{
	struct ctx y = *x;
	struct crm_stmt *st;
	char **v = NULL, *key;
	const char *t;

	memset(&y.sql, 0, sizeof y.sql);
	add(&y, "SELECT DISTINCT k FROM (");
	key = crm_xasprintf("coalesce(%s, '') AS k", col_sql);
	add_sales_parts(&y, key, "i.k2 AS k", "1", "1", "1");
	free(key);
	add(&y, ") ORDER BY 1");
	st = crm_prepare(x->db, y.sql.s);
	crm_filter_bind(&x->f, st, 1);
	*n = 0;
	while (crm_step(st) == CRM_ROW) {
		t = crm_col_text(st, 0);
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = crm_xstrdup((const char *)t);
	}
	crm_finalize(st);
	crm_buf_free(&y.sql);
	return v;
}

static int
taken(char **names, size_t n, const char *rows, const char *s)
{
	size_t i;

	if (*s == '\0' || strcmp(s, rows) == 0 || strcmp(s, "total") == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return 1;
	return 0;
}

/*
 * The matrix's column names: each value as it is, but one that is empty
 * or would take the name of the first column, of "total" or of a column
 * before it goes in brackets ("[total]", "[]"), again until it is free.
 * Values come from data and may be anything; a header must name every
 * column once (JSON keys, -f total).
 */
static char **
column_names(char **vals, size_t n, const char *rows)
{
	char **names = crm_xcalloc(n ? n : 1, sizeof *names), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		names[i] = crm_xstrdup(vals[i]);
		while (taken(names, i, rows, names[i])) {
			t = crm_xasprintf("[%s]", names[i]);
			free(names[i]);
			names[i] = t;
		}
	}
	return names;
}

/* The matrix ROWS,COLUMNS: net revenue in a cross table. */
static int
matrix(struct ctx *x)
{
	char **dims, **cols, **names, *rows_sql, *expr, *keys, *key0, num[32];
	struct cell_key k[2];
	const char *g;
	size_t ndims, ncols, i;
	int r;

	dims = crm_split_list(x->r->matrix, &ndims);	/* two: checked */
	x->r->group = dims[0];
	r = group_sql(x, "matrix", 0, &g);
	rows_sql = crm_xstrdup(g ? g : "");
	x->r->group = dims[1];
	if (r < 0 || group_sql(x, "matrix", 0, &x->group) < 0) {
		x->r->group = NULL;	/* dims[1] is freed */
		free(rows_sql);
		crm_free_list(dims, ndims);
		return -1;
	}
	whole_months(x, 1);
	k[0].sql = key0 = crm_xasprintf("nullif(%s, '')", rows_sql);
	k[0].of_customer = strcmp(dims[0], "product") != 0;
	k[1].sql = "coalesce($G, '')";
	k[1].of_customer = strcmp(dims[1], "product") != 0;
	r = crm_db_cells(x->db) ? tally_cells(x, k, 2) : 1;
	free(key0);
	if (r < 0) {
		x->r->group = NULL;
		free(rows_sql);
		crm_free_list(dims, ndims);
		return -1;
	}
	cols = distinct(x, x->group, &ncols);
	add(x, "SELECT r AS grp");
	for (i = 0; i < ncols; i++) {
		snprintf(num, sizeof num, "?%d", crm_filter_param(&x->f,
		    cols[i]));
		expr = crm_xasprintf("coalesce(sum(net) FILTER (WHERE k = %s), "
		    "0)", num);
		add(x, ", ");
		add_money(x, expr);
		snprintf(num, sizeof num, " AS x%zu", i + 1);
		add(x, num);
		free(expr);
	}
	add(x, ", " CRM_SQL_MONEY("sum(net)") " AS total FROM (");
	keys = crm_xasprintf("nullif(%s, '') AS r, coalesce($G, '') AS k",
	    rows_sql);
	add_sales_parts(x, keys, "i.k1 AS r, i.k2 AS k", "1, 2",
	    CELL_NET " AS net",
	    "sum(" CRM_NET_AMOUNT ") AS net");
	free(keys);
	add(x, ") GROUP BY 1 ORDER BY sum(net) DESC, 1 NULLS FIRST");
	x->r->group = dims[0];
	names = column_names(cols, ncols, dims[0]);
	r = emit_named(x, NULL, names, ncols);
	x->r->group = NULL;	/* dims[0] is freed */
	crm_free_list(names, ncols);
	crm_free_list(cols, ncols);
	crm_free_list(dims, ndims);
	free(rows_sql);
	return r;
}

/*
 * One point of the pareto curve: the top k of the n contributors, their
 * revenue together and its share of the contributors' total.
 */
static int
pareto_point(struct crm_out *out, const struct crm_model *m,
    const char *label, size_t k, size_t n)
{
	char num[24], ks[64], rev[32], share[64];
	const char *vals[5];
	long long top = crm_model_pareto_top(m, k);

	vals[0] = label;
	vals[1] = crm_fmt_int((long long)k, num);
	vals[2] = crm_fmt_fixed(100.0 * (double)k / (double)n, 2, ks);
	vals[3] = crm_fmt_money(top, rev);
	vals[4] = crm_model_pareto_share(m, top, share);
	return crm_out_row(out, vals, "snsss");
}

/*
 * Say why the 80% row's share can read far past 80% (96.94%): the top k
 * reach the line, and a tie at it is kept whole, a customers in all.
 */
static void
pareto_tie_said(const struct crm_model *m, size_t a)
{
	size_t k = crm_model_pareto_reach(m);
	long long top = crm_model_pareto_top(m, k);
	char at[32], reach[64], kept[64];

	if (k == 0 || k >= a)
		return;
	crm_fmt_money(top - crm_model_pareto_top(m, k - 1), at);
	crm_model_pareto_share(m, top, reach);
	crm_model_pareto_share(m, crm_model_pareto_top(m, a), kept);
	crm_warn("pareto: the top %zu customers reach 80%% of revenue "
	    "(%s%%); the row \"80%% of revenue\" has %zu (%s%%): the tie at "
	    "%s is kept whole, as in crm-segment --pareto's class A", k,
	    reach, a, kept, at);
}

/*
 * The cumulative revenue curve over the contributors of the period, the
 * customers with net revenue above 0, at every tenth of them (the top
 * ceil(k * n / 10)), and the point where 80% of the revenue is reached:
 * crm-segment --pareto's class A, a tie at the line kept in it.  One
 * Pareto for both (model.c), so the two programs cannot disagree.
 */
static int
pareto(struct ctx *x)
{
	static const char *const cols[] = { "point", "customers",
	    "share_of_customers", "revenue", "share_of_revenue" };
	struct crm_model *m;
	struct crm_out *out;
	char label[32];
	size_t n, s;
	int r;

	if (x->dry) {
		dry_keep(x, cols, 5);
		return 0;
	}
	m = crm_model_new(x->db, &x->f, CRM_MODEL_PARETO, NULL, 0);
	if (m == NULL)
		return -1;
	n = crm_model_pareto(m);
	out = new_out(x, NULL);
	crm_out_fields(out, x->r->fields);
	r = crm_out_header(out, cols, 5);
	for (s = 10; r == 0 && n > 0 && s <= 100; s += 10) {
		snprintf(label, sizeof label, "%zu%% of customers", s);
		r = pareto_point(out, m, label, (s * n + 99) / 100, n);
	}
	if (r == 0 && n > 0) {
		s = crm_model_pareto_a(m);
		r = pareto_point(out, m, "80% of revenue", s, n);
		pareto_tie_said(m, s);
	}
	crm_model_free(m);
	if (crm_out_end(out) < 0)
		r = -1;
	return r;
}

static long long
seconds(const char *dur)
{
	struct crm_dur d;

	crm_parse_dur(dur, &d);
	return d.months * 30LL * 86400 + d.seconds;
}

/*
 * Complaints opened in each period (and group): resolved, still open,
 * median and 90th percentile hours to resolve (nearest rank: the value
 * at rank ceil(p * n) of the resolved ones in order), the share resolved
 * within the SLA, and returns per purchase.  Times to resolve are whole
 * seconds from strftime('%s'), not julianday() differences: those are
 * floating point, and 1 h came out as 3600.00003 s, outside a 1h SLA.
 */
static int
service(struct ctx *x)
{
	char sla[32];

	snprintf(sla, sizeof sla, "?%d", crm_filter_param_int(&x->f,
	    seconds(x->r->sla)));
	if (group_sql(x, "group", 1, &x->group) < 0)
		return -1;
	add(x, "WITH comp AS (SELECT $P AS period, $G AS grp, i.resolved, "
	    "CAST(strftime('%s', i.resolved) AS INTEGER) - "
	    "CAST(strftime('%s', i.at) AS INTEGER) AS secs FROM "
	    "interactions i $JWHERE "
	    "i.kind = 'complaint' AND i.at >= $F AND i.at < $T AND $W), "
	    "ranked AS (SELECT period, grp, secs, row_number() OVER (PARTITION "
	    "BY period, grp ORDER BY secs) AS k, count(*) OVER (PARTITION BY "
	    "period, grp) AS n FROM comp WHERE resolved IS NOT NULL), "
	    "agg AS (SELECT period, grp, count(*) AS opened, count(resolved) "
	    "AS resolved, coalesce(sum(resolved IS NOT NULL AND secs <= ");
	add(x, sla);
	add(x, "), 0) AS within FROM comp GROUP BY 1, 2), "
	    "pr AS (SELECT $P AS period, $G AS grp, count(*) FILTER (WHERE "
	    "kind = 'purchase') AS purchases, count(*) FILTER (WHERE kind = "
	    "'return') AS returns FROM interactions i $JWHERE i.kind IN "
	    "('purchase', 'return') AND i.at >= $F AND i.at < $T AND $W "
	    "GROUP BY 1, 2), "
	    "keys AS (SELECT period, grp FROM agg UNION SELECT period, grp "
	    "FROM pr) "
	    "SELECT k.period");
	if (x->group)
		add(x, ", k.grp AS grp");
	add(x, ", coalesce(a.opened, 0) AS opened, coalesce(a.resolved, 0) AS "
	    "resolved, coalesce(a.opened - a.resolved, 0) AS still_open, "
	    "(SELECT fixed(secs / 3600.0, 1) FROM ranked r WHERE "
	    "r.period = k.period AND r.grp IS k.grp AND r.k = (r.n + 1) / 2) "
	    "AS median_hours, (SELECT fixed(secs / 3600.0, 1) FROM "
	    "ranked r WHERE r.period = k.period AND r.grp IS k.grp AND r.k = "
	    "(9 * r.n + 9) / 10) AS p90_hours, " PCT("a.within", "a.opened")
	    " AS within_sla, CASE WHEN p.purchases > 0 THEN fixed("
	    "1.0 * p.returns / p.purchases, 4) END AS returns_per_purchase "
	    "FROM keys k LEFT JOIN agg a ON a.period = k.period AND a.grp IS "
	    "k.grp LEFT JOIN pr p ON p.period = k.period AND p.grp IS k.grp "
	    "ORDER BY 1, 2 NULLS FIRST");
	return emit(x, x->group ? NULL : "median_hours");
}

/* The indicators with scores in the period, sorted. */
static char **
indicators(struct ctx *x, size_t *n)
{
	struct ctx y = *x;
	struct crm_stmt *st;
	char **v = NULL;

	memset(&y.sql, 0, sizeof y.sql);
	add(&y, "SELECT DISTINCT s.indicator FROM scores s JOIN interactions i "
	    "ON i.id = s.interaction_id $JWHERE i.at >= $F AND i.at < $T AND "
	    "$W ORDER BY 1");
	st = crm_prepare(x->db, y.sql.s);
	crm_filter_bind(&x->f, st, 1);
	*n = 0;
	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = crm_xstrdup(crm_col_text(st,
		    0));
	}
	crm_finalize(st);
	crm_buf_free(&y.sql);
	return v;
}

/*
 * One INDICATOR=WEIGHT of the weights, split in place: the indicator in
 * lower case, and a finite weight not below 0 (strtod takes "nan" and
 * "inf", which would make every index NaN).  NULL when it is neither.
 */
static char *
weight_item(char *spec, double *v)
{
	char *eq, *end;

	if ((eq = strchr(spec, '=')) == NULL) {
		crm_fail_arg(CRM_EX_USAGE, "weights", "'%s' is not "
		    "INDICATOR=WEIGHT", spec);
		return NULL;
	}
	*eq = '\0';
	*v = strtod(eq + 1, &end);
	if (*end || end == eq + 1 || !isfinite(*v) || *v < 0) {
		crm_fail_arg(CRM_EX_USAGE, "weights", "'%s' is not a weight",
		    eq + 1);
		return NULL;
	}
	spec = crm_trim(spec);
	crm_lower(spec);
	return spec;
}

/* The weights' syntax, and that they add up to something. */
static int
weights_check(const char *list)
{
	char **spec;
	size_t ns, i;
	double v, sum = 0;

	spec = crm_split_list(list, &ns);
	for (i = 0; i < ns; i++) {
		if (weight_item(spec[i], &v) == NULL)
			break;
		sum += v;
	}
	crm_free_list(spec, ns);
	if (i < ns)
		return -1;
	if (sum <= 0)
		return crm_fail_arg(CRM_EX_USAGE, "weights", "they add up to "
		    "nothing");
	return 0;
}

/*
 * The weights (a=0.4,b=0.6) over the indicators; equal when not given.
 * NULL for a bad list or an indicator that was never scored.
 */
static double *
weights(struct ctx *x, char **ind, size_t n)
{
	double *w = crm_xcalloc(n ? n : 1, sizeof *w), v;
	char **spec, *name;
	size_t ns, i, j;

	if (x->r->weights == NULL) {
		for (i = 0; i < n; i++)
			w[i] = 1;
		return w;
	}
	spec = crm_split_list(x->r->weights, &ns);
	for (i = 0; i < ns; i++) {
		if ((name = weight_item(spec[i], &v)) == NULL)
			break;
		for (j = 0; j < n && strcmp(ind[j], name); j++)
			;
		if (j == n && !crm_query_int(x->db, 0, "SELECT 1 FROM scores "
		    "WHERE indicator = ? LIMIT 1", "s", name)) {
			if (!crm_db_failed(x->db))	/* else it is the cause */
				crm_fail_arg(CRM_EX_USAGE, "weights", "unknown "
				    "indicator '%s'", name);
			break;
		}
		if (j < n)
			w[j] = v;
	}
	crm_free_list(spec, ns);
	if (i < ns) {
		free(w);
		return NULL;
	}
	return w;
}

/* A Net Promoter answer as crm_ia_nps() keeps it: feedback's field nps. */
#define NPS_KEPT "JOIN interaction_fields f ON f.interaction_id = i.id AND " \
	"f.key = 'nps' AND f.value IN " CRM_SQL_NPS_VALUES " "

/*
 * Has any feedback an NPS answer, or does -f ask for the NPS columns?
 * They are shown only then (a database of ratings alone keeps the
 * columns it always had).
 */
static int
nps_kept(struct ctx *x)
{
	static const char *const cols[] = { "nps_answers", "promoters",
		"detractors", "nps" };
	char **f;
	size_t n = 0, i, j;
	int asked = 0;

	if (x->r->fields) {
		f = crm_split_list(x->r->fields, &n);
		for (i = 0; i < n; i++)
			for (j = 0; j < sizeof cols / sizeof cols[0]; j++)
				asked |= strcmp(f[i], cols[j]) == 0;
		crm_free_list(f, n);
	}
	return asked || crm_query_int(x->db, 0, "SELECT 1 FROM interactions "
	    "i " NPS_KEPT "WHERE i.kind = 'feedback' LIMIT 1", "") > 0;
}

/*
 * The Net Promoter part of the satisfaction report: the answers (0 to
 * 10), promoters (9, 10), detractors (0 to 6), and the score, the share
 * of promoters less that of detractors, -100 to 100.
 */
static void
nps_cte(struct ctx *x)
{
	add(x, ", n AS (SELECT $P AS period, $G AS grp, count(*) AS "
	    "responses, sum(CASE WHEN f.value IN ('9', '10') THEN 1 ELSE 0 "
	    "END) AS promoters, sum(CASE WHEN f.value IN ('0', '1', '2', "
	    "'3', '4', '5', '6') THEN 1 ELSE 0 END) AS detractors FROM "
	    "interactions i $J" NPS_KEPT "WHERE i.kind = 'feedback' AND "
	    "i.at >= $F AND i.at < $T AND $W GROUP BY 1, 2)");
}

/*
 * Ratings and indicator means per period (and group), and an index from
 * 0 to 100: the weighted mean over the indicators with scores in that row
 * of (mean - 1) / 4 * 100, weights normalised to what is there.  Only
 * rated interactions are grouped: a row without ratings has its count
 * from coalesce(), and sorting every interaction for nothing took half
 * as long again as the hand-written SQL.
 */
static int
satisfaction(struct ctx *x)
{
	size_t n, i;
	char **ind = indicators(x, &n), **names, p[32], *e;
	double *w = weights(x, ind, n);
	struct crm_buf num = { 0 }, den = { 0 };
	int r, nps = nps_kept(x);

	if (w == NULL || group_sql(x, "group", 0, &x->group) < 0) {
		crm_free_list(ind, n);
		free(w);
		return -1;
	}
	names = crm_xcalloc(n ? n : 1, sizeof *names);
	add(x, "WITH r AS (SELECT $P AS period, $G AS grp, count(i.rating) AS "
	    "ratings, avg(i.rating) AS mean FROM interactions i $J"
	    "WHERE i.rating IS NOT NULL AND i.at >= $F AND i.at < $T AND $W "
	    "GROUP BY 1, 2), s AS (SELECT $P AS period, $G AS "
	    "grp, s.indicator, avg(s.score) AS mean FROM scores s JOIN "
	    "interactions i ON i.id = s.interaction_id $J"
	    "WHERE i.at >= $F AND i.at < $T AND $W GROUP "
	    "BY 1, 2, 3)");
	if (nps)
		nps_cte(x);
	add(x, ", keys AS (SELECT period, grp FROM r WHERE ratings > 0 "
	    "UNION SELECT period, grp FROM s");
	if (nps)
		add(x, " UNION SELECT period, grp FROM n");
	add(x, ") SELECT k.period");
	if (x->group)
		add(x, ", k.grp AS grp");
	add(x, ", coalesce(r.ratings, 0) AS ratings, fixed(r.mean, 2) AS "
	    "mean_rating");
	for (i = 0; i < n; i++) {
		names[i] = crm_xasprintf("mean_%s", ind[i]);
		snprintf(p, sizeof p, "?%d", crm_filter_param(&x->f, ind[i]));
		e = crm_xasprintf("(SELECT mean FROM s WHERE s.period = "
		    "k.period AND s.grp IS k.grp AND s.indicator = %s)", p);
		add(x, ", fixed(");
		add(x, e);
		crm_buf_addf(&x->sql, ", 2) AS x%zu", i + 1);
		crm_buf_addf(&num, "%s + %.17g * coalesce((%s - 1) * 25, 0)",
		    i ? "" : "0", w[i], e);
		crm_buf_addf(&den, "%s + CASE WHEN %s IS NOT NULL THEN %.17g "
		    "ELSE 0 END", i ? "" : "0", e, w[i]);
		free(e);
	}
	if (n > 0) {
		add(x, ", fixed((");
		add(x, num.s);
		add(x, ") / nullif(");
		add(x, den.s);
		add(x, ", 0), 1) AS satisfaction_index");
	}
	if (nps)
		add(x, ", coalesce(n.responses, 0) AS nps_answers, "
		    "coalesce(n.promoters, 0) AS promoters, "
		    "coalesce(n.detractors, 0) AS detractors, fixed(100.0 * "
		    "(n.promoters - n.detractors) / n.responses, 0) AS nps");
	add(x, " FROM keys k LEFT JOIN r ON r.period = k.period AND r.grp IS "
	    "k.grp");
	if (nps)
		add(x, " LEFT JOIN n ON n.period = k.period AND n.grp IS k.grp");
	add(x, " ORDER BY 1, 2 NULLS FIRST");
	r = emit_named(x, x->group ? NULL : n > 0 ? "satisfaction_index" :
	    "mean_rating", names, n);
	crm_free_list(names, n);
	crm_free_list(ind, n);
	crm_buf_free(&num);
	crm_buf_free(&den);
	free(w);
	return r;
}

/*
 * The months wholly inside the window [$F, $T) as cust_periods names
 * them, m1 <= month < m2, and where they start and end (m1s, m2s): the
 * rows before m1s and from m2s on are the window's edges, read from the
 * interactions; a window inside one month is all edge.
 */
#define MONTHS "(SELECT m1, m1 || '-01T00:00:00Z' AS m1s, m2, m2 || " \
	"'-01T00:00:00Z' AS m2s FROM (SELECT CASE WHEN $F = '' THEN '' " \
	"WHEN substr($F, 8) = '-01T00:00:00Z' THEN substr($F, 1, 7) ELSE " \
	"strftime('%Y-%m', $F, 'start of month', '+1 month') END AS m1, " \
	"substr($T, 1, 7) AS m2))"

/*
 * owners' figures of each customer added up in C by the customer's
 * owner, where the cells are kept (as tally_summary): the book (b: the
 * people who are customers by --to), the whole months' work, money and
 * ratings (v: cust_periods) and the open complaints (oc: cust_totals),
 * from three plain SELECTs in the customer's order, where SQL joined
 * each month of each customer to the customer and sorted them all by
 * owner.  Into temp.report_owners: owner, bn (b's), vrows, n, rev, rs,
 * rn (v's, where vrows > 0), ocrows, oc (oc's, where ocrows > 0).  0
 * done, -1 failed, 1 too many owners to hold (SQL does it).
 */
static int
tally_owners(struct ctx *x)
{
	static const char *const names[] = { "customers", "active rows",
	    "interactions", "revenue", "ratings", "ratings", "complaint rows",
	    "open complaints" };
	struct ctx y = *x;
	struct crm_stmt *cu, *pe = NULL, *ot, *ye = NULL;
	struct crm_tally *t;
	struct years yr;
	const char *k[1];
	char a[16], b[16];
	long long s[8], *sum, pat = 0, oat = 0, yat = 0;
	int pmore = 1, omore = 1, ymore = 0, i, full = 0;

	memset(&y.sql, 0, sizeof y.sql);
	add(&y, "SELECT c.id, coalesce(c.owner, ''), c.type = 'person' AND "
	    "(c.created < $T OR EXISTS (SELECT 1 FROM interactions e WHERE "
	    "e.customer_id = c.id AND e.at < $T)) FROM customers c WHERE $W "
	    "ORDER BY c.id");
	cu = crm_prepare(x->db, y.sql.s);
	/* The whole years from cust_years and the months around them,
	 * where there are any, from cust_periods (as tally_summary). */
	if (months_of(x->r->from, x->r->to, a, b) &&
	    whole_years(x, a, b, &yr)) {
		crm_buf_reset(&y.sql);
		crm_buf_addf(&y.sql, "SELECT customer_id, n, revenue, "
		    "rating_sum, rating_n FROM cust_years WHERE year >= ?%d AND "
		    "year < ?%d ORDER BY customer_id", yr.y1, yr.y2);
		ye = crm_prepare(x->db, y.sql.s);
		ymore = 1;
		pmore = yr.months;
	}
	if (pmore) {
		crm_buf_reset(&y.sql);
		add(&y, "SELECT p.customer_id, p.n, p.revenue, p.rating_sum, "
		    "p.rating_n FROM " MONTHS " w, cust_periods p WHERE "
		    "p.month >= w.m1 AND p.month < w.m2");
		if (ymore)
			crm_buf_addf(&y.sql, " AND NOT (p.month >= ?%d AND "
			    "p.month < ?%d)", yr.m1, yr.m2);
		add(&y, " ORDER BY p.customer_id");
		pe = crm_prepare(x->db, y.sql.s);
	}
	crm_buf_free(&y.sql);
	ot = crm_prepare(x->db, "SELECT customer_id, open_complaints FROM "
	    "cust_totals WHERE open_complaints > 0 ORDER BY customer_id");
	crm_filter_bind(&x->f, cu, 1);
	if (pe)
		crm_filter_bind(&x->f, pe, 1);
	if (ye)
		crm_filter_bind(&x->f, ye, 1);
	t = crm_tally_new(1, 8);
	while (!full && crm_step(cu) == CRM_ROW) {
		memset(s, 0, sizeof s);
		s[0] = crm_col_int(cu, 2);
		s[1] = rows_of(pe, &pmore, &pat, crm_col_int(cu, 0), s + 2, 4);
		s[1] += rows_of(ye, &ymore, &yat, crm_col_int(cu, 0), s + 2, 4);
		s[6] = rows_of(ot, &omore, &oat, crm_col_int(cu, 0), s + 7, 1);
		if (!s[0] && !s[1] && !s[6])
			continue;	/* in none of b, v, oc */
		k[0] = crm_col_text(cu, 1);
		if ((sum = crm_tally_at(t, k)) == NULL)
			full = 1;
		else
			for (i = 0; i < 8 && !full; i++)
				if (crm_sum_add(&sum[i], s[i], names[i], *k[0] ?
				    k[0] : "no owner") < 0)
					full = -1;
	}
	crm_finalize(cu);
	crm_finalize(pe);
	crm_finalize(ot);
	crm_finalize(ye);
	if (full || crm_db_failed(x->db)) {
		crm_tally_free(t);
		return crm_db_failed(x->db) || full < 0 ? -1 : 1;
	}
	return tally_store(x, t, "report_owners", "owner TEXT, bn INTEGER, "
	    "vrows INTEGER, n INTEGER, rev INTEGER, rs INTEGER, rn INTEGER, "
	    "ocrows INTEGER, oc INTEGER", 1, 8);
}

/* A time at the start of a UTC month: the edges there hold nothing. */
static int
month_start(const char *t)
{
	return strlen(t) == 20 && strcmp(t + 7, "-01T00:00:00Z") == 0;
}

/*
 * owners' v, the work credited to the customer's owner: the window's
 * whole months as kept (cust_periods), from tally_owners where it added
 * them up (tallied); its edges from the rows, where it has any (none
 * when from and to are at the start of UTC months: a scan of every
 * interaction for nothing, most of the report's time).
 */
static void
owner_work(struct ctx *x, int tallied)
{
	add(x, "owner, sum(n) AS n, sum(rev) AS rev, CAST(sum(rs) AS REAL) / "
	    "nullif(sum(rn), 0) AS rating FROM (");
	if (tallied)
		add(x, "SELECT owner, n, rev, rs, rn FROM temp.report_owners "
		    "WHERE vrows > 0");
	else
		add(x, "SELECT coalesce(c.owner, '') AS owner, p.n AS n, "
		    "p.revenue AS rev, p.rating_sum AS rs, p.rating_n AS rn "
		    "FROM " MONTHS " w, cust_periods p JOIN customers c ON "
		    "c.id = p.customer_id WHERE p.month >= w.m1 AND p.month < "
		    "w.m2 AND $W");
	if (!tallied || !month_start(x->r->from) || !month_start(x->r->to))
		add(x, " UNION ALL SELECT coalesce(c.owner, ''), 1, CASE "
		    "i.kind WHEN 'purchase' THEN i.amount WHEN 'return' THEN "
		    "-abs(i.amount) END, i.rating, CASE WHEN i.rating IS NULL "
		    "THEN 0 ELSE 1 END FROM " MONTHS " w, customers c JOIN "
		    "interactions i ON i.customer_id = c.id WHERE $W AND "
		    "i.at < $T AND ((i.at >= $F AND i.at < w.m1s) OR (i.at >= "
		    "max(w.m1s, w.m2s)))");
	add(x, ") GROUP BY 1), ");
}

/* owners' b, the book, by SQL: "WITH b AS (...), v AS (SELECT ". */
static void
b_sql(struct ctx *x, int logger)
{
	add(x, "WITH b AS (SELECT ");
	add(x, logger ? "c.owner" : "coalesce(c.owner, '')");
	add(x, " AS owner, count(*) AS n FROM customers c WHERE ");
	add(x, logger ? "c.owner IS NOT NULL AND " : "");
	add(x, "(c.created < $T OR EXISTS (SELECT 1 FROM interactions e "
	    "WHERE e.customer_id = c.id AND e.at < $T)) AND c.type = "
	    "'person' AND $W GROUP BY 1), v AS (SELECT ");
}

/*
 * Per sales rep: the book (people), the work, the money (organisations'
 * too: an owner of organisations alone has a row), what is waiting, and
 * the deals.  The work, the money, the ratings and the open complaints
 * are credited to the customer's owner (customers without one are one
 * row, owner NULL, last), or with --credit logger to whoever logged them
 * (interactions.owner).  One grouped pass per figure, joined by owner
 * ('' stands for none inside, as USING never matches NULL): a subquery
 * per owner scanned the interactions once for each of them (3.3 times
 * the hand-written SQL in bench/report.sh).
 */
static int
owners(struct ctx *x)
{
	int logger = x->r->credit && strcmp(x->r->credit, "logger") == 0;
	/* Whom an interaction i of customer c is credited to. */
	const char *credit = logger ? "i.owner" : "coalesce(c.owner, '')";
	/* 1 where tally_owners added up b, v's months and oc */
	int tallied = !logger && crm_db_cells(x->db) ? tally_owners(x) : 1;

	if (tallied < 0)
		return -1;
	tallied = tallied == 0;
	if (tallied)
		add(x, "WITH b AS (SELECT owner, bn AS n FROM temp.report_owners "
		    "WHERE bn > 0), v AS (SELECT ");
	else
		b_sql(x, logger);
	if (logger) {
		add(x, credit);
		add(x, " AS owner, count(*) AS n, sum(" CRM_NET_AMOUNT ") "
		    "FILTER (WHERE i.kind IN ('purchase', 'return')) AS rev, "
		    "avg(i.rating) AS rating FROM interactions i JOIN "
		    "customers c ON c.id = i.customer_id WHERE i.owner IS NOT "
		    "NULL AND i.at >= $F AND i.at < $T AND $W GROUP BY 1), ");
	} else
		owner_work(x, tallied);
	add(x, "d AS (SELECT r.owner, count(*) AS n FROM reminders r ");
	if (x->r->where)
		add(x, "JOIN customers c ON c.id = r.customer_id ");
	add(x, "WHERE r.done IS NULL AND r.due < $N AND $W GROUP BY 1), "
	    "oc AS (SELECT ");
	add(x, tallied ? "owner" : credit);
	if (logger)
		add(x, " AS owner, count(*) AS n FROM interactions i JOIN "
		    "customers c ON c.id = i.customer_id WHERE i.kind = "
		    "'complaint' AND i.resolved IS NULL AND i.owner IS NOT "
		    "NULL AND $W GROUP BY 1), ");
	else if (tallied)	/* as kept (cust_totals), added up */
		add(x, " AS owner, oc AS n FROM temp.report_owners WHERE "
		    "ocrows > 0), ");
	else	/* as kept (cust_totals) */
		add(x, " AS owner, sum(t.open_complaints) AS n FROM "
		    "cust_totals t JOIN customers c ON c.id = t.customer_id "
		    "WHERE t.open_complaints > 0 AND $W GROUP BY 1), ");
	add(x,
	    /* The deals they own: open now, or closed in the period. */
	    "dl AS (SELECT d.owner, sum(d.amount) FILTER (WHERE d.closed IS "
	    "NULL) AS open, sum(d.amount) FILTER (WHERE d.stage = 'won' AND "
	    "d.closed IS NOT NULL) AS won, count(*) FILTER (WHERE d.stage = "
	    "'won' AND d.closed IS NOT NULL) AS nwon, count(d.closed) AS "
	    "nclosed FROM deals d $DWHERE d.owner IS NOT NULL AND (d.closed "
	    "IS NULL OR (d.closed >= $F AND d.closed < $T)) AND $W GROUP BY "
	    "1) "
	    "SELECT nullif(k.owner, '') AS owner, coalesce(b.n, 0) AS "
	    "customers, coalesce(v.n, 0) AS interactions, "
	    CRM_SQL_MONEY("coalesce(v.rev, 0)") " AS revenue, "
	    "coalesce(d.n, 0) AS overdue_reminders, coalesce(oc.n, 0) AS "
	    "open_complaints, fixed(v.rating, 2) AS mean_rating, "
	    CRM_SQL_MONEY("coalesce(dl.open, 0)") " AS open_pipeline, "
	    CRM_SQL_MONEY("coalesce(dl.won, 0)") " AS won_amount, "
	    PCT("dl.nwon", "dl.nclosed") " AS win_rate "
	    "FROM (SELECT owner FROM b UNION SELECT owner FROM v UNION "
	    "SELECT owner FROM oc UNION SELECT owner FROM dl) k "
	    "LEFT JOIN b USING (owner) LEFT JOIN v USING (owner) "
	    "LEFT JOIN d USING (owner) LEFT JOIN oc USING (owner) "
	    "LEFT JOIN dl USING (owner) ORDER BY k.owner = '', k.owner");
	return emit(x, "revenue");
}

/*
 * The deal reports.  A deal is open while it is neither won nor lost
 * (closed is NULL); its weighted amount is CRM_DEAL_WEIGHTED, rounded
 * deal by deal as crm-deal lists it, so that the sums here are the sums
 * of what crm-deal prints.  --where narrows the deals to those of the
 * customers it selects ($D joins them).
 */

/* Whole seconds from time a to time b (see service() on julianday()). */
#define SECS(a, b) "(CAST(strftime('%s', " b ") AS INTEGER) - " \
	"CAST(strftime('%s', " a ") AS INTEGER))"

/*
 * A stage named like the total row: "total", in any number of brackets,
 * gets one pair more (as the matrix's columns do), so that "total" is
 * the total row's name alone and no two rows are named alike.
 */
#define UNTOTAL(e) "CASE WHEN trim(" e ", '[]') = 'total' AND length(" e \
	") - length(ltrim(" e ", '[')) = length(" e ") - length(rtrim(" e \
	", ']')) THEN '[' || " e " || ']' ELSE " e " END"

/* The probability from which a deal's amount is committed. */
#define COMMITTED "75"

/*
 * The --group of win-rate and cycle: the deal's owner or product, or its
 * customer's industry; crm_report_check lets no other through.
 */
static const char *const deal_groups[] = { "owner", "product", "industry" };

static void
deal_group(struct ctx *x)
{
	const char *g = x->r->group;

	if (g == NULL)
		x->group = NULL;
	else if (strcmp(g, "owner") == 0)
		x->group = "nullif(d.owner, '')";
	else if (strcmp(g, "product") == 0)
		x->group = "nullif(d.product, '')";
	else
		x->group = "nullif(c.industry, '')";
}

/*
 * The open deals now, per stage of the pipeline in its order (won and
 * lost hold no open deal), then the stages no longer in it that still
 * hold some, by name, then the total.  The period does not apply.
 */
static int
pipeline(struct ctx *x)
{
	add(x, "WITH o AS (SELECT stage, n, amount, weighted, n * CAST("
	    "strftime('%s', $N) AS INTEGER) - born AS age FROM (SELECT "
	    "d.stage, count(*) AS n, sum(d.amount) AS amount, sum("
	    CRM_DEAL_WEIGHTED ") AS weighted, sum(CAST(strftime('%s', "
	    "d.created) AS INTEGER)) AS born FROM deals d " CRM_DEAL_STAGE
	    "$DWHERE d.closed IS "
	    "NULL AND $W GROUP BY 1)), "
	    "p AS (SELECT name AS stage, position AS pos FROM stages WHERE "
	    "name NOT IN ('won', 'lost')), "
	    "s AS (SELECT stage, pos FROM p UNION ALL SELECT stage, NULL FROM "
	    "o WHERE stage NOT IN (SELECT stage FROM p)) "
	    "SELECT stage, deals, amount, weighted, average_age_days FROM ("
	    "SELECT 0 AS k, s.pos, s.stage AS name, " UNTOTAL("s.stage")
	    " AS stage, coalesce(o.n, 0) AS deals, "
	    CRM_SQL_MONEY("coalesce(o.amount, 0)") " AS amount, "
	    CRM_SQL_MONEY("coalesce(o.weighted, 0)") " AS weighted, "
	    "fixed(o.age / 86400.0 / o.n, 1) AS average_age_days FROM s LEFT "
	    "JOIN o USING (stage) "
	    "UNION ALL SELECT 1, NULL, NULL, 'total', coalesce(sum(n), 0), "
	    CRM_SQL_MONEY("coalesce(sum(amount), 0)") ", "
	    CRM_SQL_MONEY("coalesce(sum(weighted), 0)") ", "
	    "fixed(sum(age) / 86400.0 / sum(n), 1) FROM o) "
	    "ORDER BY k, pos IS NULL, pos, name");
	return emit(x, "amount");
}

/*
 * The open deals by the period of their expected close, in [from, to):
 * how many, their amount, weighted, and the committed part (the amount
 * of those at COMMITTED% or more).  A deal without a close date is in
 * no period.
 */
static int
forecast(struct ctx *x)
{
	x->at = "d.close";
	add(x, "SELECT period, deals, " CRM_SQL_MONEY("amount") " AS amount, "
	    CRM_SQL_MONEY("weighted") " AS weighted, "
	    CRM_SQL_MONEY("committed") " AS committed FROM (SELECT $P AS "
	    "period, count(*) AS deals, sum(d.amount) AS amount, sum("
	    CRM_DEAL_WEIGHTED ") AS weighted, coalesce(sum(d.amount) FILTER "
	    "(WHERE " CRM_DEAL_PROB " >= " COMMITTED "), 0) AS committed FROM "
	    "deals d " CRM_DEAL_STAGE "$DWHERE d.closed IS NULL AND d.close "
	    ">= $F AND d.close < "
	    "$T AND $W GROUP BY 1) ORDER BY 1");
	return emit(x, "weighted");
}

/*
 * The deals won or lost in the period, and the win rate by count and by
 * amount; one row for all, or one per group.
 */
static int
win_rate(struct ctx *x)
{
	deal_group(x);
	add(x, "SELECT ");
	if (x->group)
		add(x, "grp, ");
	add(x, "won, lost, " PCT("won", "won + lost") " AS win_rate, "
	    CRM_SQL_MONEY("won_amount") " AS won_amount, "
	    CRM_SQL_MONEY("lost_amount") " AS lost_amount, "
	    PCT("won_amount", "won_amount + lost_amount") " AS "
	    "win_rate_amount FROM (SELECT $G AS grp, count(*) FILTER (WHERE "
	    "d.stage = 'won') AS won, count(*) FILTER (WHERE d.stage = "
	    "'lost') AS lost, coalesce(sum(d.amount) FILTER (WHERE d.stage = "
	    "'won'), 0) AS won_amount, coalesce(sum(d.amount) FILTER (WHERE "
	    "d.stage = 'lost'), 0) AS lost_amount FROM deals d $DWHERE "
	    "d.stage IN ('won', 'lost') AND d.closed >= $F AND d.closed < $T "
	    "AND $W");
	add(x, x->group ? " GROUP BY 1) ORDER BY grp IS NULL, grp" : ")");
	return emit(x, x->group ? "win_rate" : NULL);
}

/*
 * The sales cycle of the deals won in the period: days from created to
 * won, the mean and the median (nearest rank, as service's).
 */
static int
cycle(struct ctx *x)
{
	deal_group(x);
	add(x, "WITH w AS (SELECT $G AS grp, " SECS("d.created", "d.closed")
	    " AS secs FROM deals d $DWHERE d.stage = 'won' AND d.closed >= $F "
	    "AND d.closed < $T AND $W), "
	    "r AS (SELECT grp, secs, row_number() OVER (PARTITION BY grp "
	    "ORDER BY secs) AS k, count(*) OVER (PARTITION BY grp) AS n FROM "
	    "w) SELECT ");
	if (x->group)
		add(x, "grp, ");
	add(x, "won, average_days, (SELECT fixed(secs / 86400.0, 1) FROM r "
	    "WHERE r.grp IS g.grp AND r.k = (r.n + 1) / 2) AS median_days "
	    "FROM (SELECT ");
	/* Ungrouped, the one group's (NULL) as an aggregate: PostgreSQL
	 * takes no bare column beside count(). */
	add(x, x->group ? "grp" : "min(grp) AS grp");
	add(x, ", count(*) AS won, fixed(avg(secs) / 86400.0, 1) AS "
	    "average_days FROM w");
	add(x, x->group ? " GROUP BY 1) g ORDER BY grp IS NULL, grp" : ") g");
	return emit(x, x->group ? "median_days" : NULL);
}

/*
 * The deals created in the period, and how many of them reached each
 * stage: were ever (by their history or their stage now) in it or in a
 * later one.  The stages are the pipeline's in order, won last; lost is
 * no step forward, and a stage no longer in the pipeline is none.  A won
 * deal passed every stage; a lost one that was never in an open stage as
 * far as crm knows (an import of HubSpot's Closed Lost, which keeps no
 * stage) reached the first, as every deal made did, and no further: in
 * none, the first stage would hold fewer deals than were made.
 */
static int
funnel(struct ctx *x)
{
	add(x, "WITH rk AS (SELECT name, CASE name WHEN 'won' THEN (SELECT "
	    "max(position) FROM stages) + 1 ELSE position END AS r FROM "
	    "stages WHERE name <> 'lost'), "
	    "reach AS (SELECT d.stage, max(rk.r) AS top, count(*) FILTER "
	    "(WHERE h.stage NOT IN ('won', 'lost')) AS in_open FROM deals d "
	    "$DLEFT JOIN deal_history h ON h.deal_id = d.id LEFT JOIN rk ON "
	    "rk.name = h.stage WHERE d.created >= $F AND d.created < $T AND "
	    "$W GROUP BY d.id, d.stage), "
	    "t AS (SELECT max(coalesce(top, 0), coalesce((SELECT r FROM rk "
	    "WHERE rk.name = reach.stage), 0), CASE WHEN reach.stage = 'lost' "
	    "AND in_open = 0 THEN (SELECT min(r) FROM rk) ELSE 0 END) AS top, "
	    "count(*) AS n FROM reach GROUP BY 1), "
	    "f AS (SELECT rk.name AS stage, rk.r, coalesce(sum(t.n), 0) AS n "
	    "FROM rk LEFT JOIN t ON t.top >= rk.r GROUP BY rk.name, rk.r), "
	    "g AS (SELECT stage, r, n, first_value(n) OVER w AS n1, lag(n) "
	    "OVER w AS np FROM f WINDOW w AS (ORDER BY r)) "
	    "SELECT stage, n AS deals, " PCT("n", "n1") " AS share_of_first, "
	    PCT("n", "np") " AS share_of_previous FROM g ORDER BY r");
	return emit(x, "deals");
}

static int
kv(struct crm_out *out, const char *section, const char *key,
    const char *value)
{
	const char *v[3] = { section, key, value };

	return crm_out_row(out, v, NULL);
}

/*
 * Rows of a statement as (section, key, value): column 0 key, 1 value.
 * The writer and the database keep their failures, which the end of
 * customer() asks about.
 */
static void
kv_rows(struct crm_out *out, const char *section, struct crm_stmt *st)
{
	while (crm_step(st) == CRM_ROW &&
	    kv(out, section, crm_col_text(st, 0), crm_col_text(st, 1)) == 0)
		;
	crm_finalize(st);
}

static struct crm_stmt *
by_id(struct crm_db *db, const char *sql, long long id)
{
	struct crm_stmt *st = crm_prepare(db, sql);

	crm_bind_int(st, 1, id);
	crm_bind_text(st, 2, crm_now_str());
	return st;
}

/*
 * Whose rows a customer's picture holds, W in the SQL below: a person's
 * own, or an organisation's own and its contacts' (?1 is the customer).
 * A picture's values are text, the counts too: a column of a UNION has
 * one type on PostgreSQL.
 */
#define OWN "customer_id = ?1"
#define MEMBERS "customer_id IN (SELECT id FROM customers WHERE id = ?1 " \
	"OR org_id = ?1)"

#define LIFETIME(W) \
	"SELECT 'first_contact', min(at) FROM interactions WHERE " W \
	" UNION ALL SELECT 'last_contact', max(at) FROM interactions WHERE " \
	W " UNION ALL SELECT 'purchases', CAST(count(*) AS TEXT) FROM interactions WHERE " \
	W " AND kind = 'purchase' UNION ALL SELECT 'revenue', " \
	CRM_SQL_MONEY("coalesce(sum(" CRM_NET_AMOUNT "), 0)") " FROM " \
	"interactions WHERE " W " AND kind IN ('purchase', 'return') UNION " \
	"ALL SELECT 'complaints', CAST(count(*) AS TEXT) FROM interactions WHERE " W \
	" AND kind = 'complaint' UNION ALL SELECT 'open_complaints', " \
	"CAST(count(*) AS TEXT) FROM interactions WHERE " W " AND kind = 'complaint' AND " \
	"resolved IS NULL UNION ALL SELECT 'mean_rating', fixed(avg(rating), " \
	"2) FROM interactions WHERE " W " UNION ALL SELECT 'nps', CAST(n AS " \
	"TEXT) FROM (SELECT " CRM_SQL_NPS_OF("i") " AS n FROM interactions i " \
	"WHERE " W " AND kind = 'feedback' AND " CRM_SQL_NPS_OF("i") " IS NOT " \
	"NULL ORDER BY at DESC, id DESC LIMIT 1) l"

/*
 * Whose a row (of the table aliased a) of an organisation's picture is:
 * "Ann: ", "Globex: ".
 */
#define WHO(a) "(SELECT coalesce(nullif(name, ''), email, '#' || id) || " \
	"': ' FROM customers WHERE id = " a ".customer_id)"

#define REMINDERS(W, who) "SELECT id, due || ' ' || " who " || note || " \
	"CASE WHEN every IS NOT NULL THEN ' (every ' || every || ')' ELSE " \
	"'' END FROM reminders r WHERE " W " AND done IS NULL ORDER BY due, id"

#define TIMELINE(W, who) "SELECT id, at || ' ' || " who " || kind || " \
	"CASE WHEN amount IS NOT NULL THEN ' ' || " CRM_SQL_MONEY("amount") \
	" ELSE '' END || coalesce(' ' || product, '') || coalesce(' ' || " \
	"summary, '') FROM interactions i WHERE " W " ORDER BY at DESC, id " \
	"DESC LIMIT 10"

/* The SQL of a person's picture [0] and of an organisation's [1]. */
static const char *const lifetime_sql[] = { LIFETIME(OWN),
	LIFETIME(MEMBERS) };
static const char *const reminder_sql[] = { REMINDERS(OWN, "''"),
	REMINDERS(MEMBERS, WHO("r")) };
static const char *const timeline_sql[] = { TIMELINE(OWN, "''"),
	TIMELINE(MEMBERS, WHO("i")) };

/*
 * The record's rows beyond the columns: an organisation's type and
 * domain; or the organisation a person is a contact of (its name and
 * id) and their role.  None for a person who is no contact, whose
 * picture is what it always was.
 */
static void
org_rows(struct ctx *x, struct crm_out *out, long long id, int org)
{
	if (org) {
		kv_rows(out, "record", by_id(x->db, "SELECT 'type', type FROM "
		    "customers WHERE id = ?1 UNION ALL SELECT 'domain', domain "
		    "FROM customers WHERE id = ?1", id));
		return;
	}
	kv_rows(out, "record", by_id(x->db, "SELECT 'org', o.name FROM "
	    "customers c JOIN customers o ON o.id = c.org_id WHERE c.id = ?1 "
	    "UNION ALL SELECT 'org_id', CAST(c.org_id AS TEXT) FROM customers c WHERE c.id "
	    "= ?1 AND c.org_id IS NOT NULL UNION ALL SELECT 'role', c.role "
	    "FROM customers c WHERE c.id = ?1 AND c.role IS NOT NULL", id));
}

/* An organisation's contacts by name: id, "Name (role) <e-mail>". */
static void
contact_rows(struct ctx *x, struct crm_out *out, long long id)
{
	kv_rows(out, "contact", by_id(x->db, "SELECT id, coalesce(nullif(name, "
	    "''), '#' || id) || coalesce(' (' || nullif(role, '') || ')', '') "
	    "|| coalesce(' <' || email || '>', '') FROM customers WHERE "
	    "org_id = ?1 ORDER BY name, id", id));
}

/*
 * Everything stored about one customer (GDPR Art. 15, PIPL Art. 45): each
 * section is the rows of one table that are theirs, every column as
 * stored, and a row's own rows nested in it (an interaction's scores and
 * fields, a deal's history and fields).  ?1 is the customer, or the row
 * a nested section belongs to (its first column).
 */
struct section {
	const char *name, *sql;
	const struct section *sub;	/* nested in each row, NULL-ended */
};

static const struct section interaction_subs[] = {
	{ "scores", "SELECT indicator, score FROM scores WHERE "
	    "interaction_id = ?1 ORDER BY indicator", NULL },
	{ "fields", "SELECT key, value FROM interaction_fields WHERE "
	    "interaction_id = ?1 ORDER BY key", NULL },
	{ NULL, NULL, NULL },
};

static const struct section deal_subs[] = {
	{ "history", "SELECT * FROM deal_history WHERE deal_id = ?1 ORDER BY "
	    "at, id", NULL },
	{ "fields", "SELECT key, value FROM deal_fields WHERE deal_id = ?1 "
	    "ORDER BY key", NULL },
	{ NULL, NULL, NULL },
};

static const struct section all_sections[] = {
	{ "identities", "SELECT kind, value, source FROM identities WHERE "
	    "customer_id = ?1 ORDER BY kind, source, value", NULL },
	{ "fields", "SELECT key, value FROM customer_fields WHERE "
	    "customer_id = ?1 ORDER BY key", NULL },
	{ "tags", "SELECT tag FROM tags WHERE customer_id = ?1 ORDER BY tag",
	    NULL },
	{ "interactions", "SELECT * FROM interactions WHERE customer_id = ?1 "
	    "ORDER BY at, id", interaction_subs },
	{ "reminders", "SELECT * FROM reminders WHERE customer_id = ?1 ORDER "
	    "BY due, id", NULL },
	{ "deals", "SELECT * FROM deals WHERE customer_id = ?1 ORDER BY "
	    "created, id", deal_subs },
	/* the rows crm-add --erase would scrub: json_audit() */
	{ "audit", "SELECT id, at, actor, action, CASE WHEN ?2 = 1 OR "
	    "customer_id IS NULL THEN customer_id END AS customer_id, CASE "
	    "WHEN ?2 = 1 OR customer_id IS NULL THEN detail END AS detail "
	    "FROM audit WHERE id = ?1", NULL },
	{ NULL, NULL, NULL },
};

/* The record and the sections: the record in the terminator's place. */
#define ALL_MEMBERS CRM_NELEM(all_sections)

/* The rows of sec's statement as a JSON array of objects; -1 if the
 * statement failed. */
static int
json_section(struct crm_db *db, struct crm_buf *b, const struct section *sec,
    long long id)
{
	struct crm_stmt *st = crm_prepare(db, sec->sql);
	const struct section *sub;
	int rc, rows = 0;

	crm_bind_int(st, 1, id);
	crm_buf_addc(b, '[');
	while ((rc = crm_step(st)) == CRM_ROW) {
		crm_buf_adds(b, rows++ ? ",{" : "{");
		crm_json_members(b, st);
		for (sub = sec->sub; sub && sub->name; sub++) {
			crm_buf_addc(b, ',');
			crm_json_str(b, sub->name);
			crm_buf_addc(b, ':');
			json_section(db, b, sub, crm_col_int(st, 0));
		}
		crm_buf_addc(b, '}');
	}
	crm_buf_addc(b, ']');
	crm_finalize(st);
	return rc == CRM_FAIL ? -1 : 0;
}

/*
 * The audit rows about customer id as sec's objects: every row erasing
 * them would scrub, by the erase's own rule (crm_erase_audit_rows: their
 * rows, their former ids', and the others that quote their values or
 * searched for them), so that the access report shows every disclosure
 * of them the trail names (qa44 7).  A row about another customer that
 * names them is listed without its customer and detail, which are that
 * customer's data (GDPR Art. 15(4)), so that it can be looked up.  -1 if
 * the database failed.
 */
static int
json_audit(struct crm_db *db, struct crm_buf *b, const struct section *sec,
    long long id)
{
	struct crm_audit_of *rows;
	struct crm_stmt *st;
	size_t n, i;
	int k = 0;

	if (crm_erase_audit_rows(db, id, &rows, &n) < 0)
		return -1;
	st = crm_prepare(db, sec->sql);
	crm_buf_addc(b, '[');
	for (i = 0; i < n && !crm_db_failed(db); i++) {
		crm_reset(st);
		crm_bind_int(st, 1, rows[i].id);
		crm_bind_int(st, 2, rows[i].theirs);
		if (crm_step(st) != CRM_ROW)
			continue;
		crm_buf_adds(b, k++ ? ",{" : "{");
		crm_json_members(b, st);
		crm_buf_addc(b, '}');
	}
	crm_buf_addc(b, ']');
	crm_finalize(st);
	free(rows);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * customer --all: one JSON object, {"record":{...},"identities":[...],
 * ...}, written as a JSON Lines row whose values are JSON already; the
 * disclosure is in the audit trail, unless it failed.
 */
static int
customer_all(struct crm_db *db, long long id)
{
	const char *names[ALL_MEMBERS], *vals[ALL_MEMBERS];
	char types[ALL_MEMBERS];
	struct crm_buf b[ALL_MEMBERS];
	struct crm_out *out = crm_out_new(stdout, CRM_FMT_JSON);
	struct crm_stmt *st;
	size_t i, n = ALL_MEMBERS;
	int r;

	memset(b, 0, sizeof b);
	names[0] = "record", types[0] = 'n';
	st = by_id(db, "SELECT * FROM customers WHERE id = ?1", id);
	crm_buf_addc(&b[0], '{');
	if (crm_step(st) == CRM_ROW)
		crm_json_members(&b[0], st);
	crm_buf_addc(&b[0], '}');
	crm_finalize(st);
	vals[0] = b[0].s;
	for (i = 1; i < n; i++) {
		names[i] = all_sections[i - 1].name, types[i] = 'n';
		if (strcmp(names[i], "audit") == 0)
			json_audit(db, &b[i], &all_sections[i - 1], id);
		else
			json_section(db, &b[i], &all_sections[i - 1], id);
		vals[i] = b[i].s;
	}
	r = crm_out_header(out, names, n);
	if (r == 0 && !crm_db_failed(db))
		r = crm_out_row(out, vals, types);
	if (crm_out_end(out) < 0)
		r = -1;
	for (i = 0; i < n; i++)
		crm_buf_free(&b[i]);
	if (r < 0 || crm_db_failed(db))
		return -1;
	crm_audit_export_of(db, "customer --all", 1, id);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * One customer's whole picture, as section, key, value records, and the
 * export in the audit trail, unless it failed.  An organisation's shows
 * its contacts, and its figures, reminders and timeline are its own and
 * its contacts', each row saying whose it is.
 */
static int
customer(struct ctx *x)
{
	static const char *const names[] = { "section", "key", "value" };
	static const char *const cols[] = { "id", "external_id", "name",
	    "company", "email", "phone", "industry", "tier", "owner",
	    "status", "created", "updated" };
	struct crm_out *out;
	long long id;
	struct crm_stmt *st;
	char what[64];
	size_t i;
	int org;

	if ((id = crm_cust_must_find(x->db, x->r->key)) <= 0)
		return -1;
	if (x->r->all)
		return customer_all(x->db, id);
	org = crm_query_int(x->db, 0, "SELECT type = 'org' FROM customers "
	    "WHERE id = ?", "i", id) == 1;
	out = new_out(x, NULL);
	crm_out_fields(out, x->r->fields);
	if (crm_out_header(out, names, 3) < 0) {
		crm_out_end(out);
		return -1;
	}
	st = by_id(x->db, "SELECT * FROM customers WHERE id = ?1", id);
	if (crm_step(st) == CRM_ROW)
		for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
			kv(out, "record", cols[i], crm_col_text(st, (int)i));
	crm_finalize(st);
	org_rows(x, out, id, org);
	if (org)
		contact_rows(x, out, id);
	/* Its other keys: e-mails, and ids by the system they came from. */
	kv_rows(out, "identity", by_id(x->db, "SELECT CASE WHEN kind = "
	    "'email' THEN 'email' WHEN source = '' THEN 'id' ELSE 'id:' || "
	    "source END, value FROM identities WHERE customer_id = ?1 "
	    "ORDER BY kind, source, value", id));
	kv_rows(out, "field", by_id(x->db, "SELECT key, value FROM "
	    "customer_fields WHERE customer_id = ?1 ORDER BY key", id));
	kv_rows(out, "tag", by_id(x->db, "SELECT tag, '' FROM tags WHERE "
	    "customer_id = ?1 ORDER BY tag", id));
	kv_rows(out, "lifetime", by_id(x->db, lifetime_sql[org], id));
	kv_rows(out, "reminder", by_id(x->db, reminder_sql[org], id));
	kv_rows(out, "interaction", by_id(x->db, timeline_sql[org], id));
	if (crm_out_end(out) < 0 || crm_db_failed(x->db))
		return -1;
	snprintf(what, sizeof what, "crm-report customer %lld", id);
	crm_audit_export_of(x->db, what, 1, id);
	return crm_db_failed(x->db) ? -1 : 0;
}

/* Who changed or exported what, in the period. */
static int
audit(struct ctx *x)
{
	add(x, "SELECT a.id, a.at, a.actor, a.action, a.customer_id AS "
	    "customer, a.detail FROM audit a WHERE a.at >= $F AND a.at < $T");
	if (x->r->where)
		add(x, " AND a.customer_id IN (SELECT c.id FROM customers c "
		    "WHERE $W)");
	add(x, " ORDER BY a.id");
	return emit(x, NULL);
}

/* Write b to fp: 0, or -1 with the cause. */
static int
put(FILE *fp, struct crm_buf *b)
{
	int r = 0;

	if (b->len > 0 && fwrite(b->s, 1, b->len, fp) != b->len)
		r = crm_fail(CRM_EX_IOERR, "write error:");
	crm_buf_reset(b);
	return r;
}

/* A page's head (or foot, with title NULL) to fp. */
static int
page(FILE *fp, const char *title)
{
	struct crm_buf b = { 0 };
	int r;

	if (title)
		crm_html_head(&b, title);
	else
		crm_html_foot(&b);
	r = put(fp, &b);
	crm_buf_free(&b);
	return r;
}

/*
 * crm-report risk: the customers at risk (risk.c) among the people the
 * filter selects, up to --to, their rates and revenue over [--from,
 * --to): per signal (and any), per owner, per industry, and the ten with
 * the most revenue.  Revenue at risk is the net revenue in the period of
 * the customers with the signal (or in the row).
 */
static int
risk_with(struct ctx *x)
{
	add(x, "WITH s AS (SELECT * FROM temp.risk_at) ");
	return 0;
}

/*
 * The customers at risk the filter selects, worked out once into a
 * table of this connection's for the four parts (the statement is the
 * time of the report: four times over, it was four times as long).
 */
static int
risk_table(struct ctx *x)
{
	struct crm_stmt *st;
	char *sub = crm_risk_sql(&x->f);

	if (sub == NULL)
		return -1;
	crm_exec(x->db, "DROP TABLE IF EXISTS temp.risk_at", NULL);
	crm_buf_reset(&x->sql);
	add(x, "CREATE TEMP TABLE risk_at AS SELECT rk.*, c.name, c.owner, "
	    "c.industry FROM ");
	crm_buf_adds(&x->sql, sub);
	add(x, " rk JOIN customers c ON c.id = rk.id WHERE c.type = 'person' "
	    "AND $W");
	free(sub);
	if ((st = crm_prepare(x->db, x->sql.s)) == NULL)
		return -1;
	crm_filter_bind(&x->f, st, 1);
	crm_step(st);
	crm_finalize(st);
	crm_buf_reset(&x->sql);
	return crm_db_failed(x->db) ? -1 : 0;
}

#define RISK_FIGURES "count(s.id) AS customers, count(s.id) FILTER (WHERE " \
	"s.level = 'high') AS high, count(s.id) FILTER (WHERE s.level = " \
	"'medium') AS medium, " CRM_SQL_MONEY("coalesce(sum(s.revenue), 0)") \
	" AS revenue "

static int
risk_signals(struct ctx *x)
{
	if (risk_with(x) < 0)
		return -1;
	add(x, "SELECT v.column2 AS signal, " RISK_FIGURES "FROM (VALUES (1, "
	    "'gap'), (2, 'drop'), (3, 'complaints'), (4, 'returns'), (5, "
	    "'receivables'), (6, 'any')) v LEFT JOIN s ON CASE v.column1 WHEN "
	    "1 THEN s.gap WHEN 2 THEN s.\"drop\" WHEN 3 THEN s.complaints WHEN "
	    "4 THEN s.returns WHEN 5 THEN s.receivables ELSE TRUE END GROUP BY "
	    "v.column1, v.column2 ORDER BY v.column1");
	return emit(x, "revenue");
}

/* Per owner or industry (col), none last, the most revenue first. */
static int
risk_by(struct ctx *x, const char *col)
{
	if (risk_with(x) < 0)
		return -1;
	add(x, "SELECT nullif(s.");
	add(x, col);
	add(x, ", '') AS ");
	add(x, col);
	/* "1 IS NULL" would be a constant, not the column: written out. */
	add(x, ", " RISK_FIGURES "FROM s GROUP BY 1 ORDER BY nullif(s.");
	add(x, col);
	add(x, ", '') IS NULL, sum(s.revenue) DESC, 1");
	return emit(x, "revenue");
}

static int
risk_owners(struct ctx *x)
{
	return risk_by(x, "owner");
}

static int
risk_industries(struct ctx *x)
{
	return risk_by(x, "industry");
}

static int
risk_top(struct ctx *x)
{
	if (risk_with(x) < 0)
		return -1;
	x->names = "customer";	/* it lists customers: audited */
	add(x, "SELECT s.id, s.name, s.owner, s.level, s.signals, "
	    CRM_SQL_MONEY("s.revenue") " AS revenue, s.reasons FROM s ORDER BY "
	    "s.revenue DESC, s.level = 'high' DESC, s.id LIMIT 10");
	return emit(x, "revenue");
}

/*
 * Reports in one, each under its name: a page has a section each
 * (heading, table, chart); text has a title line first, and each part
 * after a blank line and its name; JSON Lines has records alone, each
 * with its part's name as "section" (new_out).  The same filter serves
 * them all: its parameters only grow, and a statement binds those it
 * names.
 */
/* Has part p a column name? */
static int
dry_has(const struct dry_part *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->cols[i], name) == 0)
			return 1;
	return 0;
}

/* The fields every part kept has, in the first part's order, into b. */
static void
dry_common(const struct ctx *x, struct crm_buf *b)
{
	size_t i, k;

	for (i = 0; x->ndry_parts && i < x->dry_parts[0].n; i++) {
		for (k = 1; k < x->ndry_parts && dry_has(&x->dry_parts[k],
		    x->dry_parts[0].cols[i]); k++)
			;
		if (k == x->ndry_parts)
			crm_buf_addf(b, "%s%s", b->len ? ", " : "",
			    x->dry_parts[0].cols[i]);
	}
}

/*
 * Whether -f picks fields every part kept has: 0, or -1 with a usage
 * error naming the first it does not, the parts without it (none named
 * when no part has it), and the fields every part has.
 */
static int
dry_fields(struct ctx *x)
{
	struct crm_buf missing = { 0 }, common = { 0 };
	char **want;
	size_t nwant, i, k, nmissing = 0;
	int r = 0;

	want = crm_split_list(x->r->fields, &nwant);
	if (nwant == 0)
		r = crm_fail_arg(CRM_EX_USAGE, "fields", "no fields given");
	for (i = 0; r == 0 && i < nwant; i++) {
		for (k = 0; k < x->ndry_parts; k++)
			if (!dry_has(&x->dry_parts[k], want[i]))
				crm_buf_addf(&missing, "%s%s", nmissing++ ?
				    ", " : " in ", x->dry_parts[k].name);
		if (nmissing == 0)
			continue;
		dry_common(x, &common);
		r = crm_fail_arg(CRM_EX_USAGE, "fields", "unknown field '%s'%s "
		    "(%s%s)", want[i], nmissing < x->ndry_parts ?
		    crm_buf_str(&missing) : "", common.len ? "fields of every "
		    "part: " : "no field is in every part", crm_buf_str(&common));
	}
	crm_free_list(want, nwant);
	crm_buf_free(&missing);
	crm_buf_free(&common);
	return r;
}

/* Part i of in_parts, named name: its statement from scratch. */
static int
run_part(struct ctx *x, const char *name, int (*run)(struct ctx *))
{
	crm_buf_reset(&x->sql);
	x->group = x->at = x->names = NULL;
	x->tallied = 0;
	x->title = name;
	x->part = 1;
	return run(x);
}

/*
 * Whether -f names columns of every part: each part's statement is
 * prepared, not run, before a line is written, so that a usage error
 * prints nothing (a bad -f found at the third part printed two), and
 * the error names the parts without the field and the fields every part
 * has (it named one part's columns, which -f could not pick either).
 */
static int
parts_fields_check(struct ctx *x, const char *const parts[],
    int (*const run[])(struct ctx *), size_t n)
{
	const char *title = x->title;
	size_t i, j;
	int r = 0;

	if (x->r->fields == NULL)
		return 0;
	x->dry = 1;
	for (i = 0; r == 0 && i < n; i++)
		r = run_part(x, parts[i], run[i]);
	x->dry = 0;
	x->title = title;
	x->part = 0;
	if (r == 0)
		r = dry_fields(x);
	for (i = 0; i < x->ndry_parts; i++) {
		for (j = 0; j < x->dry_parts[i].n; j++)
			free(x->dry_parts[i].cols[j]);
		free(x->dry_parts[i].cols);
		free(x->dry_parts[i].name);
	}
	free(x->dry_parts);
	x->dry_parts = NULL;
	x->ndry_parts = 0;
	return r;
}

static int
in_parts(struct ctx *x, const char *const parts[],
    int (*const run[])(struct ctx *), size_t n)
{
	FILE *fp = x->r->out ? x->r->out : stdout;
	int html = x->r->fmt == CRM_FMT_HTML, r = 0;
	int text = !html && x->r->fmt != CRM_FMT_JSON;
	struct crm_buf b = { 0 };
	size_t i;

	if (parts_fields_check(x, parts, run, n) < 0)
		return -1;
	if (html)
		r = page(fp, x->title);
	else if (text)
		crm_buf_addf(&b, "%s\n", x->title);
	if (r == 0 && x->r->html)
		r = page(x->r->html, x->title);
	for (i = 0; r == 0 && i < n; i++) {
		if (text) {
			crm_buf_addf(&b, "\n%s\n", parts[i]);
			if ((r = put(fp, &b)) < 0)
				break;
		}
		r = run_part(x, parts[i], run[i]);
	}
	if (r == 0 && html)
		r = page(fp, NULL);
	if (r == 0 && x->r->html)
		r = page(x->r->html, NULL);
	crm_buf_free(&b);
	return r;
}

/* The four, each under its name, as monthly puts its reports. */
static int
risk(struct ctx *x)
{
	static const char *const parts[] = { "signals", "owners",
	    "industries", "top" };
	static int (*const run[])(struct ctx *) = { risk_signals, risk_owners,
	    risk_industries, risk_top };
	struct crm_risk p;

	if (crm_risk_params(x->db, &p) < 0 || risk_table(x) < 0)
		return -1;	/* before a line is printed */
	return in_parts(x, parts, run, CRM_NELEM(parts));
}

static int monthly(struct ctx *x);

/* Open invoices in ageing buckets, by customer or owner (recv.c). */
static int
receivables(struct ctx *x)
{
	if (x->r->group == NULL)
		x->names = "customer";	/* it lists customers: audited */
	add(x, crm_recv_report_sql(x->r->group));
	return emit(x, "open");
}

/* The reports, by name, in the order their names are listed. */
static const struct report {
	const char *name;
	int (*run)(struct ctx *);
} reports[] = {
	{ "summary", summary }, { "activity", activity }, { "sales", sales },
	{ "pareto", pareto }, { "service", service },
	{ "satisfaction", satisfaction }, { "owners", owners },
	{ "pipeline", pipeline }, { "forecast", forecast },
	{ "win-rate", win_rate }, { "cycle", cycle }, { "funnel", funnel },
	{ "customer", customer }, { "audit", audit },
	{ "monthly", monthly }, { "receivables", receivables },
	{ "risk", risk },
};
#define NREPORTS (sizeof reports / sizeof reports[0])

static const struct report *
find_report(const char *name)
{
	size_t i;

	for (i = 0; i < NREPORTS; i++)
		if (strcmp(reports[i].name, name) == 0)
			return &reports[i];
	return NULL;
}

/*
 * The month in one: summary, sales, service, satisfaction and owners,
 * each under its name (in_parts).
 */
static int
monthly(struct ctx *x)
{
	static const char *const parts[] = { "summary", "sales", "service",
	    "satisfaction", "owners" };
	static int (*const run[])(struct ctx *) = { summary, sales, service,
	    satisfaction, owners };

	return in_parts(x, parts, run, CRM_NELEM(parts));
}

/* The reports' names, "summary, activity, ...", to free. */
static char *
report_names(void)
{
	struct crm_buf b = { 0 };
	size_t i;

	for (i = 0; i < NREPORTS; i++)
		crm_buf_addf(&b, "%s%s", i ? ", " : "", reports[i].name);
	return b.s;
}

/* --group of win-rate and cycle: one of deal_groups. */
static int
deal_group_check(const struct crm_report *r)
{
	size_t i;

	if (r->group == NULL || (strcmp(r->name, "win-rate") &&
	    strcmp(r->name, "cycle")))
		return 0;
	for (i = 0; i < sizeof deal_groups / sizeof deal_groups[0]; i++)
		if (strcmp(r->group, deal_groups[i]) == 0)
			return 0;
	return crm_fail_arg(CRM_EX_USAGE, "group", "%s groups by owner, "
	    "product or industry, not '%s'", r->name, r->group);
}

/*
 * What can be checked of r without the database: the report's name,
 * the matrix's two fields, the syntax of the weights, the deal reports'
 * groups.  Called before the database is opened, so that a usage error
 * is not taken for a missing database (64, not 66).  0, or -1 with the
 * error recorded.
 */
int
crm_report_check(const struct crm_report *r)
{
	char **dims, *names;
	size_t n;

	if (find_report(r->name) == NULL) {
		names = report_names();
		crm_fail(CRM_EX_USAGE, "unknown report '%s' (%s)", r->name,
		    names);
		free(names);
		return -1;
	}
	if (deal_group_check(r) < 0)
		return -1;
	if (strcmp(r->name, "receivables") == 0 &&
	    crm_recv_group_check(r->group) < 0)
		return -1;
	if (r->matrix) {
		dims = crm_split_list(r->matrix, &n);
		crm_free_list(dims, n);
		if (n != 2)
			return crm_fail(CRM_EX_USAGE, "{matrix} takes two "
			    "fields, e.g. product,industry");
	}
	if (r->weights)
		return weights_check(r->weights);
	return 0;
}

/* "2026-11-01 to 2026-11-30": the days of [from, to). */
static void
period_text(struct crm_buf *b, const struct crm_report *r)
{
	char last[CRM_TIME_LEN];
	time_t t;

	if (crm_parse_when(r->to, &t) < 0) {
		crm_buf_addf(b, "%s to %s", r->from, r->to);
		return;
	}
	crm_fmt_time(t - 1, last);
	if (strncmp(r->from, last, 10) == 0)
		crm_buf_addf(b, "%.10s", last);
	else
		crm_buf_addf(b, "%.10s to %.10s", r->from, last);
}

/*
 * The report's title, for a page and a mail's subject: its name and
 * its period ("sales, 2026-11-01 to 2026-11-30"), the filter if there
 * is one.  The pipeline is now's; a customer's picture is all-time.
 * Allocated.
 */
char *
crm_report_title(const struct crm_report *r)
{
	struct crm_buf b = { 0 };

	crm_buf_adds(&b, r->name);
	if (strcmp(r->name, "customer") == 0 && r->key)
		crm_buf_addf(&b, " %s", r->key);
	else if (strcmp(r->name, "pipeline") == 0)
		crm_buf_addf(&b, ", %.10s", crm_now_str());
	else if (r->from && r->to) {
		crm_buf_adds(&b, ", ");
		period_text(&b, r);
	}
	if (r->where)
		crm_buf_addf(&b, ", where %s", r->where);
	return b.s;
}

/* Run report r; the caller has opened db.  0, or -1 with the error. */
int
crm_report(struct crm_db *db, struct crm_report *r)
{
	struct ctx x = { 0 };
	char *err, *title;
	int rc;

	if (crm_report_check(r) < 0)
		return -1;
	x.db = db;
	x.r = r;
	/* Every customer: an interaction or a deal counts whoever it is
	 * logged against, a person or an organisation. */
	if (crm_filter_compile_scope(db, r->where ? r->where : "", r->from,
	    r->to, CRM_SCOPE_ALL, &x.f, &err) < 0) {
		crm_fail_arg(CRM_EX_USAGE, "where", "%s", err);
		free(err);
		return -1;
	}
	x.from = crm_filter_param(&x.f, r->from);
	x.to = crm_filter_param(&x.f, r->to);
	x.now = crm_filter_param(&x.f, crm_now_str());
	local_periods(&x);
	x.title = title = crm_report_title(r);
	rc = find_report(r->name)->run(&x);
	free(title);
	free(x.cuts);
	crm_buf_free(&x.sql);
	crm_filter_free(&x.f);
	return rc;
}
