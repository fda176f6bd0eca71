/*
 * agg.c - the per-customer aggregates of schema 8 (share/crm/
 * migrate-8.sql): cust_totals, one row per customer over all their
 * interactions, and cust_periods, one per customer per month; and of
 * schema 10 (migrate-10.sql): cust_sales, one per customer, month and
 * product, and cust_split; of schema 13 (migrate-13.sql): cust_orders,
 * each customer's orders; and of schema 14 (migrate-14.sql): cust_years,
 * one per customer and year; and of schema 19 (migrate-19.sql):
 * cust_never, the people with none.  Triggers keep them with every
 * write; this file has what the triggers leave to code: an import's
 * catch-up at its end (crm_agg_defer, crm_agg_catch_up; into an empty
 * table on SQLite added up in C, aggscan.c), filling schema 10's, 13's and
 * 14's tables (crm_agg_fill, crm_agg_fill_orders, crm_agg_fill_years) and
 * `crm check`'s recomputation from the raw rows (crm_agg_check).
 *
 * The readers (expr.c's metrics, seg.c, remind.c, report.c) read these
 * tables for all time; a window bounded by dates reads the raw rows
 * through the index on (customer_id, at).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/*
 * An import's interactions are added up at its end, in one statement per
 * table, rather than a row at a time by the triggers: crm_agg_defer()
 * before its rows, crm_agg_catch_up() after them, in the same
 * transaction, whatever happened between.  Errors are kept by the
 * database.
 */
void
crm_agg_defer(struct crm_db *db)
{
	crm_exec(db, "INSERT INTO agg_defer (lo) SELECT coalesce(max(id), 0) "
	    "FROM interactions WHERE NOT EXISTS (SELECT 1 FROM agg_defer)",
	    NULL);
}

/*
 * cust_totals' and cust_periods' figures (migrate-8.sql) from the raw
 * rows.  SQLite's schema 8 had them as views (agg_totals_raw,
 * agg_periods_raw), whose text every run parsed, 0.2 M instructions of
 * a crm-log call's 11 M: schema 16 dropped them for this SQL.
 * PostgreSQL keeps its views (share/crm/pg/schema.sql), whose sums are
 * cast to bigint (its sum of bigints is numeric): RAW picks.
 */
#define TOTALS_OF(h) "(SELECT customer_id, count(*) AS n, min(at) AS " \
	"first_at, max(at) AS last_at, " \
	"count(*) FILTER (WHERE kind = 'purchase') AS purchases, " \
	"coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0) AS " \
	"units, coalesce(sum(CASE kind WHEN 'purchase' THEN amount WHEN " \
	"'return' THEN -abs(amount) END), 0) AS revenue, " \
	"min(at) FILTER (WHERE kind = 'purchase') AS first_purchase, " \
	"max(at) FILTER (WHERE kind = 'purchase') AS last_purchase, " \
	"count(*) FILTER (WHERE kind = 'return') AS returns, " \
	"count(*) FILTER (WHERE kind = 'complaint') AS complaints, " \
	"count(*) FILTER (WHERE kind = 'complaint' AND resolved IS NULL) AS " \
	"open_complaints, coalesce(sum(rating), 0) AS rating_sum, " \
	"count(rating) AS rating_n FROM interactions" h " GROUP BY " \
	"customer_id)"
#define TOTALS_RAW TOTALS_OF("")
#define PERIODS_OF(h) "(SELECT customer_id, substr(at, 1, 7) AS month, " \
	"count(*) AS n, max(at) AS last_at, " \
	"count(*) FILTER (WHERE kind = 'purchase') AS purchases, " \
	"coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0) AS " \
	"units, coalesce(sum(CASE kind WHEN 'purchase' THEN amount WHEN " \
	"'return' THEN -abs(amount) END), 0) AS revenue, " \
	"max(at) FILTER (WHERE kind = 'purchase') AS last_purchase, " \
	"count(*) FILTER (WHERE kind = 'return') AS returns, " \
	"count(*) FILTER (WHERE kind = 'complaint') AS complaints, " \
	"count(*) FILTER (WHERE kind = 'complaint' AND resolved IS NULL) AS " \
	"open_complaints, coalesce(sum(rating), 0) AS rating_sum, " \
	"count(rating) AS rating_n FROM interactions" h " GROUP BY " \
	"customer_id, substr(at, 1, 7))"
#define PERIODS_RAW PERIODS_OF("")
/* SQLite's SQL above, or PostgreSQL's view: both literals (crm_exec's
 * cache is keyed by the text's address). */
#define RAW(db, view, sql) (is_sqlite(db) ? sql : view)
/*
 * The hint (h above) of a pass over the whole table, SQLite's own
 * syntax (so through RAW): read the table in its order and sort for the
 * GROUP BY, rather than through the index on (customer_id, at), which
 * reads the rows in the customers' order, a page read for every row
 * once the table outgrows the page cache.  An import's catch-up into an
 * empty table, 1,000,000 rows: bench/README.md (*Bulk loads*).
 */
#define SCAN " NOT INDEXED"

static int
is_sqlite(const struct crm_db *db)
{
	return strcmp(crm_db_engine(db), "sqlite") == 0;
}

/*
 * The sales figures of cust_sales and cust_split (migrate-10.sql) worked
 * out from the raw rows: what a migration fills them with, an import's
 * end puts back, and `crm check` compares with.  Here rather than views
 * in the schema, whose text every run would parse.  A purchase's order
 * in its month is looked up through the (kind, customer_id, at) index,
 * the month as a range of at: by substr() of every purchase of the
 * customer it took 15.9 s at 2,000,000 rows, 13.2 s so.
 */
#define SALES_OF(h) "(SELECT customer_id, substr(at, 1, 7) AS month, " \
	"coalesce(product, X'') AS product, " \
	"count(*) FILTER (WHERE kind = 'purchase') AS purchases, " \
	"coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0) AS " \
	"units, coalesce(sum(amount) FILTER (WHERE kind = 'purchase'), 0) " \
	"AS amount, count(amount) AS priced, " \
	"count(*) FILTER (WHERE kind = 'return') AS returns, " \
	"coalesce(sum(abs(amount)) FILTER (WHERE kind = 'return'), 0) AS " \
	"returned, count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + " \
	"count(*) FILTER (WHERE kind = 'purchase' AND ref IS NULL) AS orders, " \
	"count(DISTINCT ref) FILTER (WHERE kind = 'purchase' AND ref IS NOT " \
	"NULL AND coalesce(product, X'') = (SELECT min(coalesce(o.product, " \
	"X'')) FROM interactions o WHERE o.kind = 'purchase' AND " \
	"o.customer_id = i.customer_id AND o.ref = i.ref AND " \
	"o.at >= substr(i.at, 1, 7) AND o.at < substr(i.at, 1, 7) || '.'))" \
	" + " \
	"count(*) FILTER (WHERE kind = 'purchase' AND ref IS NULL) AS " \
	"month_orders FROM interactions i" h " WHERE kind IN ('purchase', " \
	"'return') GROUP BY customer_id, substr(at, 1, 7), " \
	"coalesce(product, X''))"
#define SALES_RAW SALES_OF("")
/*
 * cust_split's rows, of the customers the condition w picks.  One
 * customer's is asked with w inside: SQLite 3.40 does not push
 * "customer_id = ?" through the two GROUP BYs, and scanned every
 * customer's purchases for each customer an import touched.
 */
#define SPLIT_OF(h, w) "(SELECT customer_id, count(*) AS refs FROM " \
	"(SELECT customer_id, ref FROM interactions" h " WHERE kind = " \
	"'purchase' AND ref IS NOT NULL" w " GROUP BY customer_id, ref HAVING count(DISTINCT " \
	"substr(at, 1, 7)) > 1) GROUP BY customer_id)"
#define SPLIT_RAW SPLIT_OF("", "")

/*
 * cust_orders' rows (migrate-13.sql), of the customers the condition w
 * picks: orders as crm-report counts them (crm.h's CRM_SQL_ORDERS), the
 * purchases of one customer with one ref one order, a purchase without
 * a ref one of its own.  w inside, as SPLIT_OF's.  (On PostgreSQL an
 * update's and a delete's are counted once a statement, pg/migrate-18.sql:
 * its row triggers run only after the statement's last row.)
 */
#define ORDERS_OF(h, w) "(SELECT customer_id, " CRM_SQL_ORDERS " AS " \
	"orders FROM interactions" h " WHERE kind = 'purchase'" w " GROUP " \
	"BY customer_id)"
#define ORDERS_RAW ORDERS_OF("", "")

/* cust_orders, all of it, from the raw rows: after the migration that
 * made it, and an import's catch-up into an empty table. */
void
crm_agg_fill_orders(struct crm_db *db)
{
	crm_exec(db, "DELETE FROM cust_orders", NULL);
	crm_exec(db, RAW(db, "INSERT INTO cust_orders SELECT * FROM "
	    ORDERS_RAW, "INSERT INTO cust_orders SELECT * FROM "
	    ORDERS_OF(SCAN, "")), NULL);
}

/*
 * cust_years' figures (migrate-14.sql) from the raw rows: a year's
 * orders are its months' (an order of two months counts in each), a
 * ref once in each month it has a purchase in (the month is 7
 * characters, so month and ref make one text).
 */
#define YEARS_OF(h) "(SELECT customer_id, substr(at, 1, 4) AS year, " \
	"count(*) AS n, coalesce(sum(CASE kind WHEN 'purchase' THEN amount " \
	"WHEN 'return' THEN -abs(amount) END), 0) AS revenue, " \
	"count(DISTINCT CASE WHEN kind = 'purchase' AND ref IS NOT NULL THEN " \
	"substr(at, 1, 7) || ref END) + count(*) FILTER (WHERE kind = " \
	"'purchase' AND ref IS NULL) AS orders, coalesce(sum(rating), 0) AS " \
	"rating_sum, count(rating) AS rating_n FROM interactions" h " GROUP " \
	"BY customer_id, substr(at, 1, 4))"
#define YEARS_RAW YEARS_OF("")

/* cust_sales and cust_split, all of them, from the raw rows (where the
 * engine keeps them: crm_db_cells). */
void
crm_agg_fill(struct crm_db *db)
{
	if (!crm_db_cells(db))
		return;
	crm_exec(db, "DELETE FROM cust_sales", NULL);
	crm_exec(db, "DELETE FROM cust_split", NULL);
	crm_exec(db, RAW(db, "INSERT INTO cust_sales SELECT * FROM " SALES_RAW,
	    "INSERT INTO cust_sales SELECT * FROM " SALES_OF(SCAN)), NULL);
	crm_exec(db, RAW(db, "INSERT INTO cust_split SELECT * FROM " SPLIT_RAW,
	    "INSERT INTO cust_split SELECT * FROM " SPLIT_OF(SCAN, "")), NULL);
	crm_agg_fill_years(db);
}

/* cust_years, all of it, from the raw rows (where crm_db_cells). */
void
crm_agg_fill_years(struct crm_db *db)
{
	if (!crm_db_cells(db))
		return;
	crm_exec(db, "DELETE FROM cust_years", NULL);
	crm_exec(db, RAW(db, "INSERT INTO cust_years SELECT * FROM " YEARS_RAW,
	    "INSERT INTO cust_years SELECT * FROM " YEARS_OF(SCAN)), NULL);
}

/*
 * All of SQLite's tables from the raw rows in one pass in C (aggscan.c):
 * 1 when done (or failed, the error kept), 0 for the SQL to do them all
 * (PostgreSQL, whose text collates by locale; what the pass gives up
 * on, which leaves the tables empty).
 */
static int
fill_by_scan(struct crm_db *db)
{
	if (!is_sqlite(db) || !crm_db_cells(db))
		return 0;
	crm_exec(db, "DELETE FROM cust_orders", NULL);
	crm_exec(db, "DELETE FROM cust_sales", NULL);
	crm_exec(db, "DELETE FROM cust_split", NULL);
	crm_exec(db, "DELETE FROM cust_years", NULL);
	return crm_agg_scan(db) <= 0;
}

void
crm_agg_catch_up(struct crm_db *db)
{
	struct crm_stmt *st;
	long long lo, id;

	lo = crm_query_int(db, -1, "SELECT min(lo) FROM agg_defer", NULL);
	if (lo == 0) {
		/* nothing was there before: all of it, in one pass */
		crm_exec(db, "DELETE FROM cust_totals", NULL);
		crm_exec(db, "DELETE FROM cust_periods", NULL);
		if (!fill_by_scan(db)) {
			crm_exec(db, RAW(db, "INSERT INTO cust_totals SELECT * "
			    "FROM agg_totals_raw", "INSERT INTO cust_totals "
			    "SELECT * FROM " TOTALS_OF(SCAN)), NULL);
			crm_exec(db, RAW(db, "INSERT INTO cust_periods SELECT * "
			    "FROM agg_periods_raw", "INSERT INTO cust_periods "
			    "SELECT * FROM " PERIODS_OF(SCAN)), NULL);
			crm_agg_fill_orders(db);
			crm_agg_fill(db);
		}
		/* The never contacted (migrate-19.sql): those with totals now
		 * are not (the triggers that keep the set were deferred). */
		crm_exec(db, "DELETE FROM cust_never WHERE customer_id IN "
		    "(SELECT customer_id FROM cust_totals)", NULL);
	} else if (lo > 0) {
		/* every customer the new rows are about, worked out again */
		crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS agg_touched "
		    "(id INTEGER PRIMARY KEY)", NULL);
		crm_exec(db, "DELETE FROM agg_touched", NULL);
		crm_exec(db, "INSERT OR IGNORE INTO agg_touched SELECT "
		    "customer_id FROM interactions WHERE id > ?", "i", lo);
		crm_exec(db, "DELETE FROM cust_totals WHERE customer_id IN "
		    "(SELECT id FROM agg_touched)", NULL);
		crm_exec(db, "DELETE FROM cust_periods WHERE customer_id IN "
		    "(SELECT id FROM agg_touched)", NULL);
		crm_exec(db, "DELETE FROM cust_orders WHERE customer_id IN "
		    "(SELECT id FROM agg_touched)", NULL);
		if (crm_db_cells(db)) {
			crm_exec(db, "DELETE FROM cust_sales WHERE customer_id "
			    "IN (SELECT id FROM agg_touched)", NULL);
			crm_exec(db, "DELETE FROM cust_split WHERE customer_id "
			    "IN (SELECT id FROM agg_touched)", NULL);
			crm_exec(db, "DELETE FROM cust_years WHERE customer_id "
			    "IN (SELECT id FROM agg_touched)", NULL);
		}
		/* One customer a statement: SQLite 3.40 pushes "customer_id
		 * = ?" into the grouped view (its rows through the index),
		 * but not a join or an IN, for which it groups them all. */
		st = crm_prepare(db, "SELECT id FROM agg_touched");
		while (crm_step(st) == CRM_ROW) {
			id = crm_col_int(st, 0);
			crm_exec(db, RAW(db, "INSERT INTO cust_totals SELECT * "
			    "FROM agg_totals_raw WHERE customer_id = ?",
			    "INSERT INTO cust_totals SELECT * FROM " TOTALS_RAW
			    " WHERE customer_id = ?"), "i", id);
			crm_exec(db, RAW(db, "INSERT INTO cust_periods SELECT * "
			    "FROM agg_periods_raw WHERE customer_id = ?",
			    "INSERT INTO cust_periods SELECT * FROM " PERIODS_RAW
			    " WHERE customer_id = ?"), "i", id);
			crm_exec(db, "INSERT INTO cust_orders SELECT * FROM "
			    ORDERS_OF("", " AND customer_id = ?"), "i", id);
			if (!crm_db_cells(db))
				continue;
			crm_exec(db, "INSERT INTO cust_sales SELECT * FROM "
			    SALES_RAW " WHERE customer_id = ?", "i", id);
			crm_exec(db, "INSERT INTO cust_split SELECT * FROM "
			    SPLIT_OF("", " AND customer_id = ?"), "i", id);
			crm_exec(db, "INSERT INTO cust_years SELECT * FROM "
			    YEARS_RAW " WHERE customer_id = ?", "i", id);
		}
		crm_finalize(st);
		/* The never contacted of those customers, as the deferred
		 * triggers would have kept them (migrate-19.sql). */
		crm_exec(db, "DELETE FROM cust_never WHERE customer_id IN "
		    "(SELECT a.id FROM agg_touched a WHERE EXISTS (SELECT 1 FROM "
		    "cust_totals t WHERE t.customer_id = a.id))", NULL);
		/* CROSS JOIN: by the touched, not a scan of the customers. */
		crm_exec(db, "INSERT OR IGNORE INTO cust_never SELECT a.id FROM "
		    "agg_touched a CROSS JOIN customers c WHERE c.id = a.id AND "
		    "c.type = 'person' AND NOT EXISTS (SELECT 1 FROM cust_totals "
		    "t WHERE t.customer_id = a.id)", NULL);
		crm_exec(db, "DELETE FROM agg_touched", NULL);
	}
	crm_exec(db, "DELETE FROM agg_defer", NULL);
}

/* The figures of each table, as migrate-8.sql and migrate-10.sql name
 * them, and the keys beyond customer_id. */
static const char *const total_figs[] = { "n", "first_at", "last_at",
	"purchases", "units", "revenue", "first_purchase", "last_purchase",
	"returns", "complaints", "open_complaints", "rating_sum", "rating_n",
	NULL };
static const char *const period_figs[] = { "n", "last_at", "purchases",
	"units", "revenue", "last_purchase", "returns", "complaints",
	"open_complaints", "rating_sum", "rating_n", NULL };
static const char *const sales_figs[] = { "purchases", "units", "amount",
	"priced", "returns", "returned", "orders", "month_orders", NULL };
static const char *const split_figs[] = { "refs", NULL };
static const char *const order_figs[] = { "orders", NULL };
static const char *const year_figs[] = { "n", "revenue", "orders",
	"rating_sum", "rating_n", NULL };
static const char *const no_keys[] = { NULL };
static const char *const period_keys[] = { "month", NULL };
static const char *const sales_keys[] = { "month", "product", NULL };
static const char *const year_keys[] = { "year", NULL };

/* A figure as the filter language and the reports call it. */
static const char *
fig_name(const char *fig)
{
	static const char *const names[][2] = { { "n", "interactions" },
	    { "first_at", "first contact" }, { "last_at", "last contact" },
	    { "first_purchase", "first purchase" },
	    { "last_purchase", "last purchase" },
	    { "open_complaints", "open complaints" },
	    { "rating_sum", "the sum of ratings" },
	    { "rating_n", "ratings" },
	    { "amount", "the purchases' amount" },
	    { "priced", "rows with an amount" },
	    { "month_orders", "orders of the month" },
	    { "refs", "orders in more than one month" } };
	size_t i;

	for (i = 0; i < CRM_NELEM(names); i++)
		if (strcmp(names[i][0], fig) == 0)
			return names[i][1];
	return fig;
}

/* A figure's value as crm prints it: money in currency units. */
static const char *
fig_value(const char *fig, const char *v, char buf[32])
{
	if (v == NULL)
		return "none";
	if (strcmp(fig, "revenue") == 0 || strcmp(fig, "amount") == 0 ||
	    strcmp(fig, "returned") == 0)
		return crm_fmt_money(strtoll(v, NULL, 10), buf);
	return v;
}

/* "a.k1 = b.k1 AND a.k2 = b.k2 ..." for customer_id and the keys. */
static void
add_keys_equal(struct crm_buf *b, const char *l, const char *r,
    const char *const *keys)
{
	size_t i;

	crm_buf_addf(b, "%s.customer_id = %s.customer_id", l, r);
	for (i = 0; keys[i]; i++)
		crm_buf_addf(b, " AND %s.%s = %s.%s", l, keys[i], r, keys[i]);
}

/* ", k1, k2 ..." with a prefix ("ids.") or none. */
static void
add_keys(struct crm_buf *b, const char *prefix, const char *const *keys)
{
	size_t i;

	for (i = 0; keys[i]; i++)
		crm_buf_addf(b, ", %s%s", prefix, keys[i]);
}

/*
 * One table compared with its figures worked out from the raw rows:
 * prints each difference, returns how many, -1 on failure.  keys are
 * the table's keys beyond customer_id (month, product).
 */
static long
compare(struct crm_db *db, FILE *out, const char *kept, const char *raw,
    const char *const *keys, const char *const *figs)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	const char *want, *have, *sep, *v;
	char hbuf[32], wbuf[32];
	long problems = 0;
	size_t i, n, k;

	for (n = 0; figs[n]; n++)
		;
	for (k = 1; keys[k - 1]; k++)
		;
	/* The keys of both sides, and every figure of each. */
	crm_buf_addf(&sql, "WITH w AS MATERIALIZED (SELECT * FROM %s), "
	    "ids AS (SELECT customer_id", raw);
	add_keys(&sql, "", keys);
	crm_buf_adds(&sql, " FROM w UNION SELECT customer_id");
	add_keys(&sql, "", keys);
	crm_buf_addf(&sql, " FROM %s) SELECT ids.customer_id", kept);
	add_keys(&sql, "ids.", keys);
	crm_buf_adds(&sql, ", w.customer_id IS NULL, h.customer_id IS NULL");
	for (i = 0; i < n; i++)
		crm_buf_addf(&sql, ", w.%s, h.%s", figs[i], figs[i]);
	crm_buf_adds(&sql, " FROM ids LEFT JOIN w ON ");
	add_keys_equal(&sql, "w", "ids", keys);
	crm_buf_addf(&sql, " LEFT JOIN %s h ON ", kept);
	add_keys_equal(&sql, "h", "ids", keys);
	crm_buf_adds(&sql, " WHERE w.customer_id IS NULL OR "
	    "h.customer_id IS NULL");
	for (i = 0; i < n; i++)
		crm_buf_addf(&sql, " OR w.%s IS NOT h.%s", figs[i], figs[i]);
	crm_buf_adds(&sql, " ORDER BY 1");
	for (i = 1; i < k; i++)
		crm_buf_addf(&sql, ", %zu", i + 1);
	st = crm_prepare(db, sql.s);
	while (crm_step(st) == CRM_ROW) {
		fprintf(out, "aggregates: customer %lld", crm_col_int(st, 0));
		for (i = 1; i < k; i++) {
			v = crm_col_text(st, (int)i);
			fprintf(out, ", %s %s", keys[i - 1],
			    v && *v ? v : "(none)");
		}
		if (crm_col_int(st, (int)k)) {
			fprintf(out, ": %s keeps figures, but there are no "
			    "interactions\n", kept);
			problems++;
			continue;
		}
		if (crm_col_int(st, (int)k + 1)) {
			if (strcmp(figs[0], "n") == 0)
				fprintf(out, ": %s has no figures for its "
				    "%lld interaction%s\n", kept,
				    crm_col_int(st, (int)k + 2),
				    crm_col_int(st, (int)k + 2) == 1 ? "" :
				    "s");
			else
				fprintf(out, ": %s has no figures for its "
				    "interactions\n", kept);
			problems++;
			continue;
		}
		sep = ":";
		for (i = 0; i < n; i++) {
			want = crm_col_text(st, (int)(k + 2 + 2 * i));
			have = crm_col_text(st, (int)(k + 3 + 2 * i));
			if (want && have && strcmp(want, have) == 0)
				continue;
			if (!want && !have)
				continue;
			fprintf(out, "%s %s kept as %s, the interactions say %s",
			    sep, fig_name(figs[i]),
			    fig_value(figs[i], have, hbuf),
			    fig_value(figs[i], want, wbuf));
			sep = ";";
		}
		fprintf(out, "\n");
		problems++;
	}
	crm_finalize(st);
	crm_buf_free(&sql);
	return crm_db_failed(db) ? -1 : problems;
}

/*
 * cust_never (migrate-19.sql) against the raw rows: the people with no
 * interactions, as the set is kept, and no one else.  Prints each
 * difference, returns how many, -1 on failure.
 */
static long
check_never(struct crm_db *db, FILE *out)
{
	static const char *const why[] = {
		"", "never contacted, but not in cust_never",
		"cust_never keeps a customer who is not there",
		"cust_never keeps an organisation",
		"cust_never keeps them, but there are interactions",
	};
	struct crm_stmt *st = crm_prepare(db, "SELECT c.id, 1 FROM customers "
	    "c WHERE c.type = 'person' AND NOT EXISTS (SELECT 1 FROM "
	    "interactions i WHERE i.customer_id = c.id) AND NOT EXISTS (SELECT "
	    "1 FROM cust_never n WHERE n.customer_id = c.id) UNION ALL SELECT "
	    "n.customer_id, coalesce((SELECT CASE WHEN c.type = 'person' THEN "
	    "4 ELSE 3 END FROM customers c WHERE c.id = n.customer_id), 2) FROM "
	    "cust_never n WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE "
	    "c.id = n.customer_id AND c.type = 'person') OR EXISTS (SELECT 1 "
	    "FROM interactions i WHERE i.customer_id = n.customer_id) "
	    "ORDER BY 1, 2");
	long problems = 0;
	long long k;

	while (crm_step(st) == CRM_ROW) {
		k = crm_col_int(st, 1);
		fprintf(out, "aggregates: customer %lld: %s\n",
		    crm_col_int(st, 0), why[k >= 1 && k <= 4 ? k : 0]);
		problems++;
	}
	crm_finalize(st);
	return crm_db_failed(db) ? -1 : problems;
}

/*
 * `crm check`: every aggregate worked out again from the interactions
 * and compared with what is kept; prints each difference (customer,
 * month, product, figure, both values), returns how many, -1 on
 * failure.
 */
long
crm_agg_check(struct crm_db *db, FILE *out)
{
	static const struct {
		const char *kept, *raw, *view;	/* view: PostgreSQL's */
		const char *const *keys, *const *figs;
	} t[] = {
		{ "cust_totals", TOTALS_RAW, "agg_totals_raw", no_keys,
		    total_figs },
		{ "cust_periods", PERIODS_RAW, "agg_periods_raw", period_keys,
		    period_figs },
		{ "cust_orders", ORDERS_RAW, NULL, no_keys, order_figs },
		{ "cust_sales", SALES_RAW, NULL, sales_keys, sales_figs },
		{ "cust_split", SPLIT_RAW, NULL, no_keys, split_figs },
		{ "cust_years", YEARS_RAW, NULL, year_keys, year_figs },
	};
	long a, all = 0;
	size_t i;

	for (i = 0; i < CRM_NELEM(t); i++) {
		if (i >= 3 && !crm_db_cells(db))	/* the cells: none */
			break;
		if ((a = compare(db, out, t[i].kept, t[i].view ?
		    RAW(db, t[i].view, t[i].raw) : t[i].raw, t[i].keys,
		    t[i].figs)) < 0)
			return -1;
		all += a;
	}
	if ((a = check_never(db, out)) < 0)
		return -1;
	return all + a;
}
