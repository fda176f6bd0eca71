/*
 * agg.c - the per-customer aggregates of schema 8 (share/crm/
 * migrate-8.sql): cust_totals, one row per customer over all their
 * interactions, and cust_periods, one per customer per month.  Triggers
 * keep them with every write; this file has what the triggers leave to
 * code: an import's catch-up at its end (crm_agg_defer, crm_agg_catch_up)
 * and `crm check`'s recomputation from the raw rows (crm_agg_check).
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
		crm_exec(db, "INSERT INTO cust_totals SELECT * FROM "
		    "agg_totals_raw", NULL);
		crm_exec(db, "INSERT INTO cust_periods SELECT * FROM "
		    "agg_periods_raw", NULL);
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
		/* One customer a statement: SQLite 3.40 pushes "customer_id
		 * = ?" into the grouped view (its rows through the index),
		 * but not a join or an IN, for which it groups them all. */
		st = crm_prepare(db, "SELECT id FROM agg_touched");
		while (crm_step(st) == CRM_ROW) {
			id = crm_col_int(st, 0);
			crm_exec(db, "INSERT INTO cust_totals SELECT * FROM "
			    "agg_totals_raw WHERE customer_id = ?", "i", id);
			crm_exec(db, "INSERT INTO cust_periods SELECT * FROM "
			    "agg_periods_raw WHERE customer_id = ?", "i", id);
		}
		crm_finalize(st);
		crm_exec(db, "DELETE FROM agg_touched", NULL);
	}
	crm_exec(db, "DELETE FROM agg_defer", NULL);
}

/* The figures of each table, as migrate-8.sql names them. */
static const char *const total_figs[] = { "n", "first_at", "last_at",
	"purchases", "units", "revenue", "first_purchase", "last_purchase",
	"returns", "complaints", "open_complaints", "rating_sum", "rating_n",
	NULL };
static const char *const period_figs[] = { "n", "last_at", "purchases",
	"units", "revenue", "last_purchase", "returns", "complaints",
	"open_complaints", "rating_sum", "rating_n", NULL };

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
	    { "rating_n", "ratings" } };
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
	if (strcmp(fig, "revenue") == 0)
		return crm_fmt_money(strtoll(v, NULL, 10), buf);
	return v;
}

/*
 * One table compared with its figures worked out from the raw rows:
 * prints each difference, returns how many, -1 on failure.  key is the
 * table's key beyond customer_id (month), or NULL.
 */
static long
compare(struct crm_db *db, FILE *out, const char *kept, const char *raw,
    const char *key, const char *const *figs)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	const char *want, *have, *sep;
	char hbuf[32], wbuf[32];
	long problems = 0;
	size_t i, n, k;

	for (n = 0; figs[n]; n++)
		;
	k = key ? 2 : 1;
	/* The keys of both sides, and every figure of each. */
	crm_buf_addf(&sql, "WITH w AS MATERIALIZED (SELECT * FROM %s), "
	    "ids AS (SELECT customer_id%s%s FROM w UNION SELECT "
	    "customer_id%s%s FROM %s) SELECT ids.customer_id%s%s, "
	    "w.customer_id IS NULL, h.customer_id IS NULL", raw,
	    key ? ", " : "", key ? key : "", key ? ", " : "",
	    key ? key : "", kept, key ? ", ids." : "", key ? key : "");
	for (i = 0; i < n; i++)
		crm_buf_addf(&sql, ", w.%s, h.%s", figs[i], figs[i]);
	crm_buf_addf(&sql, " FROM ids LEFT JOIN w ON w.customer_id = "
	    "ids.customer_id%s%s%s%s LEFT JOIN %s h ON h.customer_id = "
	    "ids.customer_id%s%s%s%s WHERE w.customer_id IS NULL OR "
	    "h.customer_id IS NULL",
	    key ? " AND w." : "", key ? key : "", key ? " = ids." : "",
	    key ? key : "", kept,
	    key ? " AND h." : "", key ? key : "", key ? " = ids." : "",
	    key ? key : "");
	for (i = 0; i < n; i++)
		crm_buf_addf(&sql, " OR w.%s IS NOT h.%s", figs[i], figs[i]);
	crm_buf_adds(&sql, " ORDER BY 1");
	if (key)
		crm_buf_adds(&sql, ", 2");
	st = crm_prepare(db, sql.s);
	while (crm_step(st) == CRM_ROW) {
		fprintf(out, "aggregates: customer %lld", crm_col_int(st, 0));
		if (key)
			fprintf(out, ", %s %s", key, crm_col_text(st, 1));
		if (crm_col_int(st, k)) {
			fprintf(out, ": %s keeps figures, but there are no "
			    "interactions\n", kept);
			problems++;
			continue;
		}
		if (crm_col_int(st, k + 1)) {
			fprintf(out, ": %s has no figures for its %lld "
			    "interaction%s\n", kept,
			    crm_col_int(st, k + 2),
			    crm_col_int(st, k + 2) == 1 ? "" : "s");
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
 * `crm check`: every aggregate worked out again from the interactions
 * and compared with what is kept; prints each difference (customer,
 * month, figure, both values), returns how many, -1 on failure.
 */
long
crm_agg_check(struct crm_db *db, FILE *out)
{
	long a, b;

	if ((a = compare(db, out, "cust_totals", "agg_totals_raw", NULL,
	    total_figs)) < 0)
		return -1;
	if ((b = compare(db, out, "cust_periods", "agg_periods_raw", "month",
	    period_figs)) < 0)
		return -1;
	return a + b;
}
