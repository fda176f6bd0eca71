/*
 * copy.c - crm copy FROM TO: a whole database into an empty (or new)
 * one, on either engine (SQLite or PostgreSQL, either way), every row as
 * it is: the same ids, the same values, the same audit trail.
 *
 * The target is written in one transaction: a failure anywhere (a row
 * the target refuses, a lost connection, a killed process) leaves it as
 * it was.  The source is read in one snapshot (a read transaction), so
 * writers there may go on and the copy is still of one moment.  Rows go
 * table by table through the storage seam with bound parameters, BATCH
 * rows a statement (on PostgreSQL a statement is a round trip, which
 * one row at a time made most of a copy's time); memory stays constant
 * whatever the size.  A batch the target refuses is tried row by row,
 * to name the row.
 *
 * What the target derives from the rows is derived there, not copied:
 * the aggregates (cust_totals, cust_periods: agg.c's catch-up, as an
 * import's) and the search indexes (search.c's catch-up, and the
 * triggers for deals), so `crm check` on the copy holds them to the
 * rows.  crm undo's shadow data is not copied: the copy is not a change
 * to undo, and the source's earlier changes are the source's.  The
 * largest customer id ever given is (copy_sequence).
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define BATCH	64	/* rows an INSERT */

/*
 * The tables with the data, each in an order that keeps its references
 * satisfied (a customer before their fields, a deal before the
 * interactions that name it) and a key that lists it the same way on
 * both engines.  A customer's organisation (org_id) may be a later
 * customer: it is set in a second pass (copy_orgs).
 */
static const struct table {
	const char *name, *order;
} tables[] = {
	{ "customers", "id" },
	{ "customer_fields", "customer_id, key" },
	{ "tags", "customer_id, tag" },
	{ "identities", "kind, value, source" },
	{ "stages", "position" },
	{ "deals", "id" },
	{ "deal_history", "id" },
	{ "deal_fields", "deal_id, key" },
	{ "interactions", "id" },
	{ "interaction_fields", "interaction_id, key" },
	{ "scores", "interaction_id, indicator" },
	{ "rules", "id" },
	{ "reminders", "id" },
	{ "settings", "key" },
	{ "erased", "hash" },
	{ "audit", "id" },
};
#define NTABLES (sizeof tables / sizeof tables[0])

/*
 * Empty: no rows in any table but stages, which a new database fills
 * with the default pipeline (replaced by the source's).  -1 with the
 * error kept when it is not.
 */
static int
check_empty(struct crm_db *to)
{
	struct crm_stmt *st;
	char *sql;
	size_t i;
	int rc;

	for (i = 0; i < NTABLES; i++) {
		if (strcmp(tables[i].name, "stages") == 0)
			continue;
		sql = crm_xasprintf("SELECT 1 FROM %s LIMIT 1", tables[i].name);
		st = crm_prepare(to, sql);
		rc = crm_step(st);
		crm_finalize(st);
		free(sql);
		if (rc == CRM_ROW)
			return crm_fail(CRM_EX_CANTCREAT, "%s: is not empty (%s "
			    "has rows): crm copy writes only into an empty or "
			    "new database", crm_db_name(to), tables[i].name);
		if (rc == CRM_FAIL)
			return -1;
	}
	return 0;
}

/*
 * INSERT INTO t (the source's columns) VALUES (?, ...).  The names come
 * from the source's schema, which is crm's; a new column the target has
 * no place for fails the copy rather than being left behind.
 */
static char *
insert_sql(struct crm_stmt *src, const char *table)
{
	struct crm_buf b = { 0 };
	int i, n = crm_col_count(src);

	crm_buf_addf(&b, "INSERT INTO %s (", table);
	for (i = 0; i < n; i++) {
		if (strchr(crm_col_name(src, i), '"')) {
			crm_buf_free(&b);
			crm_fail(CRM_EX_SOFTWARE, "%s: a column named %s",
			    table, crm_col_name(src, i));
			return NULL;
		}
		crm_buf_addf(&b, "%s\"%s\"", i ? ", " : "",
		    crm_col_name(src, i));
	}
	crm_buf_adds(&b, ") VALUES (");
	for (i = 0; i < n; i++)
		crm_buf_adds(&b, i ? ", ?" : "?");
	crm_buf_adds(&b, ")");
	return b.s;
}

/* BATCH rows INSERTed by one statement; the rest one by one. */
static char *
batch_sql(const char *one)
{
	struct crm_buf b = { 0 };
	const char *values = strstr(one, ") VALUES (") + 9;
	int i;

	crm_buf_adds(&b, one);
	for (i = 1; i < BATCH; i++) {
		crm_buf_adds(&b, ", ");
		crm_buf_adds(&b, values);
	}
	return b.s;
}

/* A value of the source's, kept as it is, type and all. */
struct val {
	int type;
	long long i;
	double r;
	char *s;
};

/* The rows read and not yet written: at most BATCH of n columns. */
struct batch {
	struct crm_stmt *one, *many;
	const char *table;
	char *first;		/* the first column's name, for refused() */
	int n, rows;
	struct val *v;
};

/* The source's current row kept (org_id, skip, as NULL: copy_orgs). */
static void
keep_row(struct crm_stmt *src, struct batch *b, int skip)
{
	struct val *v = b->v + (size_t)b->rows++ * (size_t)b->n;
	int i;

	for (i = 0; i < b->n; i++, v++) {
		v->type = i == skip ? CRM_NULL : crm_col_type(src, i);
		switch (v->type) {
		case CRM_NULL:
			break;
		case CRM_INT:
			v->i = crm_col_int(src, i);
			break;
		case CRM_REAL:
			v->r = crm_col_real(src, i);
			break;
		default:
			v->s = crm_xstrdup(crm_col_text(src, i));
		}
	}
}

static void
bind_vals(struct crm_stmt *dst, const struct val *v, int n, int base)
{
	int i;

	for (i = 0; i < n; i++, v++)
		switch (v->type) {
		case CRM_NULL:
			crm_bind_text(dst, base + i + 1, NULL);
			break;
		case CRM_INT:
			crm_bind_int(dst, base + i + 1, v->i);
			break;
		case CRM_REAL:
			crm_bind_real(dst, base + i + 1, v->r);
			break;
		default:	/* kept until the batch is written */
			crm_bind_ref(dst, base + i + 1, v->s);
		}
}

static int
step_once(struct crm_stmt *st)
{
	int r = crm_step(st);

	crm_reset(st);
	return r;
}

/* A row the target refused: which, by the source's first column. */
static int
refused(const char *table, const char *column, const char *value)
{
	return crm_fail(CRM_EX_DATAERR, "%s: the row with %s %s: the target "
	    "refuses it (a constraint): nothing was copied", table, column,
	    value ? value : "NULL");
}

/*
 * Write the rows kept: a full batch in one statement, else (the last
 * few, or a batch refused, to find the row) one by one.  0, or -1 with
 * the error kept.
 */
static int
flush(struct batch *b)
{
	const struct val *v;
	char num[32];
	int k, r = CRM_CONSTRAINT;

	if (b->rows == BATCH) {
		for (k = 0; k < b->rows; k++)
			bind_vals(b->many, b->v + (size_t)k * (size_t)b->n,
			    b->n, k * b->n);
		r = step_once(b->many);
	}
	if (r == CRM_CONSTRAINT)
		for (k = 0, r = CRM_DONE; r == CRM_DONE && k < b->rows; k++) {
			v = b->v + (size_t)k * (size_t)b->n;
			bind_vals(b->one, v, b->n, 0);
			if ((r = step_once(b->one)) != CRM_CONSTRAINT)
				continue;
			if (v->type == CRM_INT)
				snprintf(num, sizeof num, "%lld", v->i);
			else if (v->type == CRM_REAL)
				snprintf(num, sizeof num, "%.17g", v->r);
			refused(b->table, b->first, v->type == CRM_INT ||
			    v->type == CRM_REAL ? num : v->s);
			r = CRM_FAIL;
		}
	for (k = 0; k < b->rows * b->n; k++) {
		free(b->v[k].s);
		b->v[k].s = NULL;
	}
	b->rows = 0;
	return r == CRM_FAIL ? -1 : 0;
}

/* The column named name, or -1. */
static int
column(struct crm_stmt *st, const char *name)
{
	int i, n = crm_col_count(st);

	for (i = 0; i < n; i++)
		if (strcmp(crm_col_name(st, i), name) == 0)
			return i;
	return -1;
}

/* One table's rows, streamed: how many, or -1 with the error kept. */
static long long
copy_table(struct crm_db *from, struct crm_db *to, const struct table *t)
{
	struct batch b = { .table = t->name };
	struct crm_stmt *src;
	long long rows = 0;
	char *sql, *many;
	int k, rc, skip = -1;

	sql = crm_xasprintf("SELECT * FROM %s ORDER BY %s", t->name,
	    t->order);
	src = crm_prepare(from, sql);
	free(sql);
	rc = crm_step(src);
	if (rc == CRM_ROW) {
		if (strcmp(t->name, "customers") == 0)
			skip = column(src, "org_id");	/* copy_orgs */
		b.n = crm_col_count(src);
		b.first = crm_xstrdup(crm_col_name(src, 0));
		b.v = crm_xcalloc((size_t)BATCH * (size_t)b.n, sizeof *b.v);
		if ((sql = insert_sql(src, t->name)) == NULL)
			rc = CRM_FAIL;
		else {
			b.one = crm_prepare(to, sql);
			many = batch_sql(sql);
			b.many = crm_prepare(to, many);
			free(many);
		}
		free(sql);
	}
	for (; rc == CRM_ROW && b.one && b.many; rc = crm_step(src)) {
		keep_row(src, &b, skip);
		rows++;
		if (b.rows == BATCH && flush(&b) < 0) {
			rc = CRM_FAIL;
			break;
		}
	}
	if (rc == CRM_DONE && b.rows > 0 && flush(&b) < 0)
		rc = CRM_FAIL;
	crm_finalize(b.one);
	crm_finalize(b.many);
	for (k = 0; b.v && k < b.rows * b.n; k++)
		free(b.v[k].s);
	free(b.v);
	free(b.first);
	crm_finalize(src);
	if (rc == CRM_FAIL || crm_db_failed(from) || crm_db_failed(to) ||
	    crm_error())
		return -1;
	return rows;
}

/* Each customer's organisation, once every customer is there. */
static int
copy_orgs(struct crm_db *from, struct crm_db *to)
{
	struct crm_stmt *src;
	int r = CRM_DONE;

	src = crm_prepare(from, "SELECT id, org_id FROM customers WHERE "
	    "org_id IS NOT NULL ORDER BY id");
	while (r != CRM_FAIL && crm_step(src) == CRM_ROW) {
		r = crm_exec(to, "UPDATE customers SET org_id = ? WHERE id = ?",
		    "ii", crm_col_int(src, 1), crm_col_int(src, 0));
		if (r == CRM_CONSTRAINT) {
			refused("customers", crm_col_name(src, 0),
			    crm_col_text(src, 0));
			r = CRM_FAIL;
		}
	}
	crm_finalize(src);
	return r == CRM_FAIL || crm_db_failed(from) ? -1 : 0;
}

/*
 * The largest customer id ever given (SQLite's schema 17, PostgreSQL's
 * 15, under SQLite's name on both): the copy does not give an erased or
 * merged-away customer's id to a new one either.  The copied rows have
 * moved the target's to their largest id already (SQLite), or left it
 * at 0 (PostgreSQL, which writes it only before a delete).
 */
static int
copy_sequence(struct crm_db *from, struct crm_db *to)
{
	long long seq = crm_query_int(from, 0, "SELECT seq FROM "
	    "sqlite_sequence WHERE name = 'customers'", NULL);

	crm_exec(to, "INSERT INTO sqlite_sequence (name, seq) SELECT "
	    "'customers', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence "
	    "WHERE name = 'customers')", NULL);
	crm_exec(to, "UPDATE sqlite_sequence SET seq = ?1 WHERE name = "
	    "'customers' AND seq < ?1", "i", seq);
	return crm_db_failed(from) || crm_db_failed(to) ? -1 : 0;
}

/* The copy's own audit row on the target: from where, how much. */
static void
audit_copy(struct crm_db *from, struct crm_db *to, long long customers,
    long long rows)
{
	struct crm_buf d = { 0 };

	/* The name holds no password: the engine refuses one in it. */
	crm_buf_adds(&d, "{\"from\":");
	crm_json_str(&d, crm_db_name(from));
	crm_buf_adds(&d, ",\"engine\":");
	crm_json_str(&d, crm_db_engine(from));
	crm_buf_addf(&d, ",\"customers\":%lld,\"rows\":%lld}", customers,
	    rows);
	crm_audit(to, "copy", 0, d.s);
	crm_buf_free(&d);
}

/* Everything, inside the target's transaction: rows copied, or -1. */
static long long
copy_all(struct crm_db *from, struct crm_db *to, long long *customers)
{
	long long n, rows = 0;
	size_t i;

	if (check_empty(to) < 0)
		return -1;
	crm_search_defer(to);	/* indexed at the end (search.c) */
	crm_agg_defer(to);	/* added up at the end (agg.c) */
	crm_exec(to, "DELETE FROM stages", NULL);
	for (i = 0; i < NTABLES; i++) {
		if ((n = copy_table(from, to, &tables[i])) < 0)
			return -1;
		if (i == 0)
			*customers = n;
		rows += n;
	}
	if (copy_orgs(from, to) < 0 || copy_sequence(from, to) < 0)
		return -1;
	crm_search_catch_up(to);
	crm_agg_catch_up(to);
	audit_copy(from, to, *customers, rows);
	return crm_db_failed(to) ? -1 : rows;
}

/*
 * Copy the database from into to, which must be empty or new (73 when it
 * is not).  One transaction on to: all of it or, on any failure, none.
 * The source records the copy as an export of every customer, as a
 * backup does.  How many rows, or -1 with the error kept.
 */
long long
crm_copy(struct crm_db *from, struct crm_db *to)
{
	long long rows, customers = 0;
	char *what;

	if (crm_db_failed(from) || crm_db_failed(to))
		return -1;
	/* Not a change crm undo takes back: its shadow tables would hold
	 * the whole database a second time. */
	crm_db_no_undo(to);
	if (crm_exec(from, "BEGIN DEFERRED", NULL) == CRM_FAIL ||
	    crm_begin(to) < 0)
		return -1;
	rows = copy_all(from, to, &customers);
	if (rows < 0 || crm_commit(to) < 0) {
		crm_rollback(to);
		return -1;
	}
	if (crm_exec(from, "COMMIT", NULL) == CRM_FAIL)
		return -1;
	what = crm_xasprintf("copy to %s", crm_db_name(to));
	crm_audit_export(from, what, customers);
	free(what);
	return rows;
}
