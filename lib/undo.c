/*
 * undo.c - every change a crm program makes can be undone: crm undo.
 *
 * A change is one write transaction (crm_begin .. crm_commit) that wrote
 * an audit row; the id users see is that first audit row's.  What a
 * change replaced is kept by triggers, so every write path is covered
 * without each one knowing: for every data table T a shadow table undo_T
 * holds the old image of each row the change updated ('u', with the new
 * key) or deleted ('d'), and the key of each row it inserted over one
 * that was there before ('i').  Rows it added to a table with rowids are
 * not copied, nor even seen by a trigger (an import adds millions, and a
 * trigger that only looks costs 13,000 instructions a row): no code
 * names a rowid, so a new row takes the largest one plus one (in
 * customers, schema 17, one more than the largest it ever had: the
 * sqlite_sequence), and the rows a change added are those above that
 * before it (undo_now.lo_T while it runs, undo_marks.lo after) up to the
 * largest after it (undo_marks.hi).  When the change deletes the top rows, lo
 * comes down to the new top, so that a rowid it frees and takes again
 * counts as added (and its old row is logged).  Rows of a table without
 * rowids (fields, tags, scores) whose customer, interaction or deal the
 * change added go with it and are not logged either.
 *
 * The triggers fire only while undo_now.change is set, inside a crm
 * change: edits made with the SQLite shell are not recorded, and the
 * triggers call no function of ours.  One update of many rows of a
 * table (crm-log --import's created dates) may instead go through
 * crm_undo_update, which writes the same images in one statement and
 * runs the update with the trigger off, when the trigger is all the
 * update would run.  The events of all tables share one
 * sequence (undo_now.n), so undo plays them back in exactly the reverse
 * order.
 *
 * Undo refuses a change that a later change (not itself undone) built
 * on: one that touched a row this change touched or added, that added a
 * row referring to one this change added, or that reused a rowid this
 * change freed.  It is never half done.
 *
 * The shadow tables and triggers are made from the schema (the names are
 * our own, never a user's: the only text put together into SQL here) by
 * crm_undo_schema(), which the engine runs after every migration.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* A data table, as the schema says. */
struct utab {
	char *name;
	int rowid;		/* has rowids (not WITHOUT ROWID) */
	int ncol;
	char **col;
	int *pk;		/* position in the primary key, 1.., or 0 */
	int ipk;		/* its INTEGER PRIMARY KEY column, or -1 */
	int nfk;
	char **fkcol, **fkparent;	/* col REFERENCES parent */
	int parent;		/* WITHOUT ROWID: fk[] whose parent has
				 * rowids (its rows go with it), or -1 */
	int refs;		/* how many foreign keys name this table */
};

struct uschema {
	int n;
	struct utab *t;
};

/* Run one statement built here (from our own names), with up to two
 * integer parameters. */
static int
run(struct crm_db *db, const char *sql, long long a, long long b)
{
	struct crm_stmt *st = crm_prepare(db, sql);
	int rc;

	crm_bind_int(st, 1, a);
	crm_bind_int(st, 2, b);
	while ((rc = crm_step(st)) == CRM_ROW)
		;
	crm_finalize(st);
	return rc == CRM_DONE ? 0 : -1;
}

/* The first column of the first row of a statement built here, or none. */
static long long
query(struct crm_db *db, long long none, const char *sql, long long a,
    long long b)
{
	struct crm_stmt *st = crm_prepare(db, sql);
	long long v = none;

	crm_bind_int(st, 1, a);
	crm_bind_int(st, 2, b);
	if (crm_step(st) == CRM_ROW && crm_col_type(st, 0) != CRM_NULL)
		v = crm_col_int(st, 0);
	crm_finalize(st);
	return v;
}

static void
tab_free(struct utab *t)
{
	int j;

	for (j = 0; j < t->ncol; j++)
		free(t->col[j]);
	for (j = 0; j < t->nfk; j++) {
		free(t->fkcol[j]);
		free(t->fkparent[j]);
	}
	free(t->name);
	free(t->col);
	free(t->pk);
	free(t->fkcol);
	free(t->fkparent);
}

static void
schema_free(struct uschema *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		tab_free(&s->t[i]);
	free(s->t);
	s->t = NULL;
	s->n = 0;
}

static struct utab *
find_tab(struct uschema *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->t[i].name, name) == 0)
			return &s->t[i];
	return NULL;
}

/* Our names are plain words; anything else is not put into SQL. */
static int
plain(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int
load_table(struct crm_db *db, struct utab *t)
{
	struct crm_stmt *st;
	int n;

	st = crm_prepare(db, "SELECT name, pk, upper(type) = 'INTEGER' FROM "
	    "pragma_table_info(?) ORDER BY cid");
	crm_bind_text(st, 1, t->name);
	t->ipk = -1;
	n = 0;
	while (crm_step(st) == CRM_ROW) {
		t->col = crm_xrealloc(t->col, (n + 1) * sizeof *t->col);
		t->pk = crm_xrealloc(t->pk, (n + 1) * sizeof *t->pk);
		t->col[n] = crm_xstrdup(crm_col_text(st, 0));
		t->pk[n] = (int)crm_col_int(st, 1);
		if (t->pk[n] && crm_col_int(st, 2))
			t->ipk = n;
		n++;
	}
	crm_finalize(st);
	t->ncol = n;
	if (!t->rowid)
		t->ipk = -1;
	/* INTEGER PRIMARY KEY is the rowid only as the whole key. */
	for (n = 0; n < t->ncol; n++)
		if (t->pk[n] > 1)
			t->ipk = -1;
	st = crm_prepare(db, "SELECT \"from\", \"table\" FROM "
	    "pragma_foreign_key_list(?) ORDER BY id, seq");
	crm_bind_text(st, 1, t->name);
	while (crm_step(st) == CRM_ROW) {
		t->fkcol = crm_xrealloc(t->fkcol, (t->nfk + 1) *
		    sizeof *t->fkcol);
		t->fkparent = crm_xrealloc(t->fkparent, (t->nfk + 1) *
		    sizeof *t->fkparent);
		t->fkcol[t->nfk] = crm_xstrdup(crm_col_text(st, 0));
		t->fkparent[t->nfk] = crm_xstrdup(crm_col_text(st, 1));
		t->nfk++;
	}
	crm_finalize(st);
	for (n = 0; n < t->ncol; n++)
		if (!plain(t->col[n]))
			return crm_fail(CRM_EX_SOFTWARE, "undo: column %s.%s "
			    "is not a plain name", t->name, t->col[n]);
	return crm_db_failed(db) ? -1 : 0;
}

/* The data tables: every table but the audit trail, ours and SQLite's. */
static int
load_schema(struct crm_db *db, struct uschema *s)
{
	struct crm_stmt *st;
	struct utab *t, *p;
	int i, j;

	memset(s, 0, sizeof *s);
	st = crm_prepare(db, "SELECT name, sql NOT LIKE '%WITHOUT ROWID%' "
	    "FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
	    "'sqlite%' AND name NOT LIKE 'undo%' AND name <> 'audit' "
	    /* the search indexes, kept by their own triggers */
	    "AND name NOT LIKE 'fts%' "
	    /* the aggregates, kept by theirs from the interactions */
	    "AND name NOT IN ('cust_totals', 'cust_periods', 'cust_sales', "
	    "'cust_split', 'cust_orders', 'cust_years', 'cust_never', "
	    "'agg_defer') "
	    "ORDER BY name");
	while (crm_step(st) == CRM_ROW) {
		s->t = crm_xrealloc(s->t, (s->n + 1) * sizeof *s->t);
		t = &s->t[s->n++];
		memset(t, 0, sizeof *t);
		t->name = crm_xstrdup(crm_col_text(st, 0));
		t->rowid = (int)crm_col_int(st, 1);
	}
	crm_finalize(st);
	for (i = 0; i < s->n; i++) {
		if (!plain(s->t[i].name)) {
			crm_fail(CRM_EX_SOFTWARE, "undo: table %s is not a "
			    "plain name", s->t[i].name);
			goto fail;
		}
		if (load_table(db, &s->t[i]) < 0)
			goto fail;
	}
	for (i = 0; i < s->n; i++) {
		t = &s->t[i];
		t->parent = -1;
		for (j = 0; j < t->nfk; j++) {
			if ((p = find_tab(s, t->fkparent[j])) == NULL)
				continue;
			p->refs++;
			if (!t->rowid && p->rowid && t->parent < 0)
				t->parent = j;
		}
	}
	if (crm_db_failed(db))
		goto fail;
	return 0;
fail:
	schema_free(s);
	return -1;
}

/* Whether table tbl has column col. */
static int
has_column(struct crm_db *db, const char *tbl, const char *col)
{
	struct crm_stmt *st;
	int r;

	st = crm_prepare(db, "SELECT 1 FROM pragma_table_info(?) WHERE "
	    "name = ?");
	crm_bind_text(st, 1, tbl);
	crm_bind_text(st, 2, col);
	r = crm_step(st) == CRM_ROW;
	crm_finalize(st);
	return r;
}

static void
add_column(struct crm_db *db, const char *tbl, const char *col,
    const char *type)
{
	char *sql;

	if (has_column(db, tbl, col))
		return;
	sql = crm_xasprintf("ALTER TABLE \"%s\" ADD COLUMN \"%s\"%s", tbl, col,
	    type);
	run(db, sql, 0, 0);
	free(sql);
}

/* "OLD."a", OLD."b"" or ""a", "b"": the table's columns, prefixed. */
static void
add_cols(struct crm_buf *b, const struct utab *t, const char *prefix,
    int pk_only, int skip_ipk)
{
	int i, first = 1;

	for (i = 0; i < t->ncol; i++) {
		if ((pk_only && !t->pk[i]) || (skip_ipk && i == t->ipk))
			continue;
		crm_buf_addf(b, "%s%s\"%s\"", first ? "" : ", ", prefix,
		    t->col[i]);
		first = 0;
	}
}

/* Whether column i of a table without rowid is kept with its new value
 * when the row is updated: its key, and the column naming its parent. */
static int
is_newkey(const struct utab *t, int i)
{
	return t->pk[i] || (t->parent >= 0 &&
	    strcmp(t->col[i], t->fkcol[t->parent]) == 0);
}

/* The new key of a row without rowid: "undo_new_a", ...; with all, the
 * parent column too; with values, NEW."a", ... instead. */
static void
add_newkey(struct crm_buf *b, const struct utab *t, const char *prefix,
    int all, int values)
{
	int i, first = 1;

	for (i = 0; i < t->ncol; i++) {
		if (all ? !is_newkey(t, i) : !t->pk[i])
			continue;
		crm_buf_addf(b, values ? "%s%s\"%s\"" : "%s%s\"undo_new_%s\"",
		    first ? "" : ", ", prefix, t->col[i]);
		first = 0;
	}
}

/* The WHEN of a trigger: the change is recorded, and the row was there
 * before it (rows it added go without a record). */
static void
add_when(struct crm_buf *b, const struct uschema *s, const struct utab *t,
    const char *row)
{
	const struct utab *p;

	if (t->rowid) {
		if (strcmp(row, "u") == 0)
			row = "OLD";
		crm_buf_addf(b, "%s.rowid <= (SELECT \"lo_%s\" FROM undo_now)",
		    row, t->name);
	} else if (t->parent >= 0) {
		p = find_tab((struct uschema *)s, t->fkparent[t->parent]);
		if (strcmp(row, "u") == 0)
			crm_buf_addf(b, "min(OLD.\"%s\", NEW.\"%s\")",
			    t->fkcol[t->parent], t->fkcol[t->parent]);
		else
			crm_buf_addf(b, "%s.\"%s\"", row, t->fkcol[t->parent]);
		crm_buf_addf(b, " <= (SELECT \"lo_%s\" FROM undo_now)",
		    p->name);
	} else {
		crm_buf_adds(b, "(SELECT change FROM undo_now) IS NOT NULL");
	}
}

/* Whether name is a column of t that is in its key. */
static int
col_index(const struct utab *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->col[i], name) == 0)
			return i;
	return -1;
}

/*
 * Whether column i of t is the one its rows hang on (a field's customer):
 * an insert's image keeps it beside the key, so that erasing the
 * customer finds the image (an identity's key is its value, not its
 * customer).
 */
static int
is_parent(const struct utab *t, int i)
{
	return t->parent >= 0 && strcmp(t->col[i], t->fkcol[t->parent]) == 0;
}

/*
 * Where an image's values come from: its number, its change, the row as
 * it was (row) and as it is after (new).  A trigger's are n and change of
 * undo_now, OLD (NEW for an insert) and NEW; crm_undo_update's the table's
 * row for both (the update keeps its rowid).
 */
struct src {
	const char *seq, *change, *row, *new;
};

/* What a trigger for op (0 'i', 1 'u', 2 'd') puts in each column of
 * t's shadow table, in the order the table has them. */
static void
add_values(struct crm_db *db, struct crm_buf *b, const struct utab *t,
    int op, const struct src *v)
{
	static const char *const ops[] = { "'i'", "'u'", "'d'" };
	const char *row = v->row, *c;
	struct crm_stmt *st;
	char *name;
	int first = 1, i;

	name = crm_xasprintf("undo_%s", t->name);
	st = crm_prepare(db, "SELECT name FROM pragma_table_info(?) ORDER BY "
	    "cid");
	crm_bind_text(st, 1, name);
	while (crm_step(st) == CRM_ROW) {
		c = crm_col_text(st, 0);
		crm_buf_adds(b, first ? "" : ", ");
		first = 0;
		if (strcmp(c, "undo_seq") == 0)
			crm_buf_adds(b, v->seq);
		else if (strcmp(c, "undo_change") == 0)
			crm_buf_adds(b, v->change);
		else if (strcmp(c, "undo_op") == 0)
			crm_buf_adds(b, ops[op]);
		else if (strcmp(c, "undo_rid") == 0)
			crm_buf_addf(b, "%s.rowid", row);
		else if (strcmp(c, "undo_nrid") == 0) {
			if (op == 1)
				crm_buf_addf(b, "%s.rowid", v->new);
			else
				crm_buf_adds(b, "NULL");
		} else if (strncmp(c, "undo_new_", 9) == 0 && op == 1 &&
		    (i = col_index(t, c + 9)) >= 0)
			crm_buf_addf(b, "%s.\"%s\"", v->new, t->col[i]);
		else if ((i = col_index(t, c)) >= 0 && (op > 0 ||
		    (!t->rowid && (t->pk[i] || is_parent(t, i)))))
			crm_buf_addf(b, "%s.\"%s\"", row, t->col[i]);
		else
			crm_buf_adds(b, "NULL");
	}
	crm_finalize(st);
	free(name);
}

static void
make_triggers(struct crm_db *db, const struct uschema *s,
    const struct utab *t)
{
	static const char *const ops[] = { "i", "u", "d" };
	static const char *const events[] = { "INSERT", "UPDATE", "DELETE" };
	struct src src = { "n", "change", NULL, "NEW" };
	struct crm_buf b = { 0 };
	int i;

	for (i = 0; i < 3; i++) {
		crm_buf_reset(&b);
		crm_buf_addf(&b, "DROP TRIGGER IF EXISTS \"undo_%s_%s\"",
		    t->name, ops[i]);
		run(db, crm_buf_str(&b), 0, 0);
		/* A table with rowids needs no insert trigger: see above. */
		if (i == 0 && t->rowid)
			continue;
		crm_buf_reset(&b);
		crm_buf_addf(&b, "CREATE TRIGGER \"undo_%s_%s\" AFTER %s ON "
		    "\"%s\" WHEN ", t->name, ops[i], events[i], t->name);
		add_when(&b, s, t, i == 0 ? "NEW" : i == 1 ? "u" : "OLD");
		/* Values in the shadow table's own order, named nowhere:
		 * every reader parses the triggers, half as long so. */
		crm_buf_addf(&b, " BEGIN UPDATE undo_now SET n = n + 1; "
		    "INSERT INTO \"undo_%s\" SELECT ", t->name);
		src.row = i == 0 ? "NEW" : "OLD";
		add_values(db, &b, t, i, &src);
		crm_buf_adds(&b, " FROM undo_now;");
		if (i == 2 && t->rowid)
			crm_buf_addf(&b, " UPDATE undo_now SET \"lo_%s\" = (SELECT "
			    "coalesce(max(rowid), 0) FROM \"%s\") WHERE \"lo_%s\" "
			    "> (SELECT coalesce(max(rowid), 0) FROM \"%s\");",
			    t->name, t->name, t->name, t->name);
		crm_buf_adds(&b, " END");
		run(db, crm_buf_str(&b), 0, 0);
	}
	crm_buf_free(&b);
}

/*
 * Make (or bring up to date) the shadow tables and triggers for the
 * schema as it is: run after every migration, so a column a migration
 * adds is recorded too.  0, or -1 with the error kept.
 */
int
crm_undo_schema(struct crm_db *db)
{
	struct crm_buf b = { 0 };
	struct uschema s;
	struct utab *t;
	char *name;
	int i, j;

	if (!crm_query_int(db, 0, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'undo_changes'", NULL))
		return 0;	/* an older schema, on its way to 5 */
	if (load_schema(db, &s) < 0)
		return -1;
	if (crm_query_int(db, 0, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'undo_now'", NULL) == 0) {
		crm_buf_adds(&b, "CREATE TABLE undo_now (change INTEGER, n "
		    "INTEGER NOT NULL DEFAULT 0");
		for (i = 0; i < s.n; i++)
			if (s.t[i].rowid)
				crm_buf_addf(&b, ", \"lo_%s\" INTEGER",
				    s.t[i].name);
		crm_buf_adds(&b, ") STRICT");
		run(db, crm_buf_str(&b), 0, 0);
	}
	crm_exec(db, "INSERT INTO undo_now (change, n) SELECT NULL, 0 WHERE "
	    "NOT EXISTS (SELECT 1 FROM undo_now)", NULL);
	for (i = 0; i < s.n; i++) {
		t = &s.t[i];
		name = crm_xasprintf("undo_%s", t->name);
		if (t->rowid) {
			char *lo = crm_xasprintf("lo_%s", t->name);

			add_column(db, "undo_now", lo, " INTEGER");
			free(lo);
		}
		/* Made whole when new (each ALTER reloads the schema); a
		 * table a migration gave a column gets it added. */
		if (crm_query_int(db, 0, "SELECT count(*) FROM sqlite_schema "
		    "WHERE type = 'table' AND name = ?", "s", name) == 0) {
			crm_buf_reset(&b);
			crm_buf_addf(&b, "CREATE TABLE \"%s\" (undo_seq INTEGER "
			    "PRIMARY KEY, undo_change INTEGER NOT NULL, "
			    "undo_op TEXT NOT NULL", name);
			if (t->rowid)
				crm_buf_adds(&b, ", undo_rid INTEGER, "
				    "undo_nrid INTEGER");
			for (j = 0; j < t->ncol; j++) {
				crm_buf_addf(&b, ", \"%s\" ANY", t->col[j]);
				if (!t->rowid && is_newkey(t, j))
					crm_buf_addf(&b, ", \"undo_new_%s\" ANY",
					    t->col[j]);
			}
			crm_buf_adds(&b, ") STRICT");
			run(db, crm_buf_str(&b), 0, 0);
		}
		for (j = 0; j < t->ncol; j++) {
			char *nk;

			add_column(db, name, t->col[j], " ANY");
			if (t->rowid || !is_newkey(t, j))
				continue;
			nk = crm_xasprintf("undo_new_%s", t->col[j]);
			add_column(db, name, nk, " ANY");
			free(nk);
		}
		crm_buf_reset(&b);
		crm_buf_addf(&b, "CREATE INDEX IF NOT EXISTS \"%s_change\" ON "
		    "\"%s\" (undo_change)", name, name);
		run(db, crm_buf_str(&b), 0, 0);
		crm_buf_reset(&b);
		crm_buf_addf(&b, "CREATE INDEX IF NOT EXISTS \"%s_key\" ON "
		    "\"%s\" (", name, name);
		if (t->rowid)
			crm_buf_adds(&b, "undo_rid)");
		else {
			add_cols(&b, t, "", 1, 0);
			crm_buf_adds(&b, ")");
		}
		run(db, crm_buf_str(&b), 0, 0);
		make_triggers(db, &s, t);
		free(name);
	}
	crm_buf_free(&b);
	schema_free(&s);
	return crm_db_failed(db) ? -1 : 0;
}

/* Recording a change */

/*
 * The rowid tables, from undo_now's lo_ columns (made from the schema),
 * in their order.  The PRAGMA itself, filtered here: through the
 * pragma_table_info() table it cost every write twice as much.
 */
static char **
rowid_tables(struct crm_db *db, int *n)
{
	struct crm_stmt *st;
	const char *name;
	char **v = NULL;

	*n = 0;
	st = crm_prepare(db, "PRAGMA table_info(undo_now)");
	while (crm_step(st) == CRM_ROW) {
		name = crm_col_text(st, 1);
		if (strncmp(name, "lo_", 3) != 0)
			continue;
		v = crm_xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = crm_xstrdup(name + 3);
	}
	crm_finalize(st);
	return v;
}

/*
 * The statements that start and end a change, made once per run, and the
 * rowid tables they name.  The end reads every table's bounds in one row
 * and C writes the marks of the tables that grew: one INSERT ... SELECT
 * of a UNION ALL a table did the same at three times the cost of
 * compiling (0.6 M instructions of a crm-log call's 12.9 M).
 */
static char *start_sql, *bounds_sql, *stop_sql;
static char **rowid_names;
static int rowid_n;

/*
 * The tables that give ids with AUTOINCREMENT (customers, schema 17, or
 * one added by hand), read once: SQLite keeps the largest id each ever
 * gave in sqlite_sequence, and a change's new rows are those above it.
 * One that has given none has no row there yet, and its bound is its
 * top, as any other table's.
 */
static char **
autoinc_tables(struct crm_db *db, int *n)
{
	struct crm_stmt *st;
	char **v = NULL;

	*n = 0;
	st = crm_prepare(db, "SELECT name FROM sqlite_sequence");
	while (crm_step(st) == CRM_ROW) {
		v = crm_xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = crm_xstrdup(crm_col_text(st, 0));
	}
	crm_finalize(st);
	return v;
}

static int
make_hooks(struct crm_db *db)
{
	struct crm_buf a = { 0 }, m = { 0 }, z = { 0 };
	char **v, **ai;
	int n, nai, i;

	if (start_sql)
		return 0;
	v = rowid_tables(db, &n);
	ai = autoinc_tables(db, &nai);
	if (crm_db_failed(db)) {
		crm_free_list(v, (size_t)n);
		crm_free_list(ai, (size_t)nai);
		return -1;
	}
	crm_buf_adds(&a, "UPDATE undo_now SET change = ?1");
	crm_buf_adds(&m, "SELECT 0");
	crm_buf_adds(&z, "UPDATE undo_now SET change = NULL");
	for (i = 0; i < n; i++) {
		/* An AUTOINCREMENT table gives ids above the largest it
		 * ever gave: the rows above that are the change's.  The
		 * others: above their top. */
		if (crm_in_list(v[i], (const char *const *)ai, (size_t)nai))
			crm_buf_addf(&a, ", \"lo_%s\" = max((SELECT "
			    "coalesce(max(rowid), 0) FROM \"%s\"), coalesce(("
			    "SELECT seq FROM sqlite_sequence WHERE name = '%s'),"
			    " 0))", v[i], v[i], v[i]);
		else
			crm_buf_addf(&a, ", \"lo_%s\" = (SELECT coalesce("
			    "max(rowid), 0) FROM \"%s\")", v[i], v[i]);
		crm_buf_addf(&m, ", \"lo_%s\", (SELECT coalesce(max(rowid), 0) "
		    "FROM \"%s\")", v[i], v[i]);
		crm_buf_addf(&z, ", \"lo_%s\" = NULL", v[i]);
	}
	crm_buf_adds(&m, " FROM undo_now");
	crm_free_list(ai, (size_t)nai);
	rowid_names = v;
	rowid_n = n;
	start_sql = crm_xstrdup(crm_buf_str(&a));
	bounds_sql = crm_xstrdup(crm_buf_str(&m));
	stop_sql = crm_xstrdup(crm_buf_str(&z));
	crm_buf_free(&a);
	crm_buf_free(&m);
	crm_buf_free(&z);
	return 0;
}

/*
 * Change id's marks: each rowid table whose largest rowid is now above
 * its lo (the rows the change added, undo_marks.lo < rowid <= hi).
 */
static void
write_marks(struct crm_db *db, long long id)
{
	struct crm_stmt *st = crm_prepare(db, bounds_sql);
	long long *lo = crm_xmalloc(2 * (size_t)(rowid_n + 1) * sizeof *lo);
	long long *hi = lo + rowid_n + 1;
	int i, got = crm_step(st) == CRM_ROW;

	for (i = 0; got && i < rowid_n; i++) {
		/* lo is NULL outside a change: nothing above it. */
		lo[i] = crm_col_type(st, 1 + 2 * i) == CRM_NULL ? LLONG_MAX :
		    crm_col_int(st, 1 + 2 * i);
		hi[i] = crm_col_int(st, 2 + 2 * i);
	}
	crm_finalize(st);
	for (i = 0; got && i < rowid_n; i++)
		if (hi[i] > lo[i])
			crm_exec(db, "INSERT INTO undo_marks (change, tbl, lo, "
			    "hi) VALUES (?, ?, ?, ?)", "isii", id,
			    rowid_names[i], lo[i], hi[i]);
	free(lo);
}

/* At the start of a write transaction: a new change, recorded. */
int
crm_undo_start(struct crm_db *db)
{
	if (make_hooks(db) < 0)
		return -1;
	crm_exec(db, "INSERT INTO undo_changes (audit_id) VALUES (NULL)", NULL);
	db->undo_change = crm_last_id(db);
	db->undo_audited = 0;
	db->undo_seq = crm_query_int(db, 0, "SELECT n FROM undo_now", NULL);
	run(db, start_sql, db->undo_change, 0);
	if (crm_db_failed(db)) {
		db->undo_change = 0;
		return -1;
	}
	return 0;
}

/* crm_audit wrote the change's first audit row: its id is the change's. */
void
crm_undo_audited(struct crm_db *db)
{
	crm_exec(db, "UPDATE undo_changes SET audit_id = ? WHERE id = ?", "ii",
	    crm_last_id(db), db->undo_change);
	db->undo_audited = 1;
}

/* Every shadow row of change id goes (a change nobody can undo). */
static void
drop_shadow(struct crm_db *db, long long id)
{
	struct crm_stmt *st;
	char *sql;

	st = crm_prepare(db, "SELECT name FROM sqlite_schema WHERE type = "
	    "'table' AND name LIKE 'undo\\_%' ESCAPE '\\' AND name NOT IN "
	    "('undo_changes', 'undo_marks', 'undo_now')");
	while (crm_step(st) == CRM_ROW) {
		sql = crm_xasprintf("DELETE FROM \"%s\" WHERE undo_change = ?1",
		    crm_col_text(st, 0));
		run(db, sql, id, 0);
		free(sql);
	}
	crm_finalize(st);
}

/*
 * Whether change id added, changed and deleted no row at all: no row
 * above its marks, and no image (each trigger counts undo_now.n up).
 */
static int
wrote_nothing(struct crm_db *db, long long id)
{
	return crm_query_int(db, 1, "SELECT count(*) FROM undo_marks WHERE "
	    "change = ? AND hi > lo", "i", id) == 0 &&
	    crm_query_int(db, -1, "SELECT n FROM undo_now", NULL) ==
	    db->undo_seq && !crm_db_failed(db);
}

/*
 * Before the commit: the rows the change added are bounded, and it stops
 * recording.  A transaction that wrote no audit row is no change: its
 * record goes.  An erase keeps nothing of what it deleted.
 */
int
crm_undo_finish(struct crm_db *db)
{
	long long id = db->undo_change;
	long long blocked;

	db->undo_change = 0;
	/* An erase keeps nothing, whether it said so or not. */
	if (db->undo_audited && crm_query_int(db, 0, "SELECT count(*) FROM "
	    "audit WHERE id >= (SELECT audit_id FROM undo_changes WHERE id = "
	    "?1) AND action = 'erase'", "i", id))
		crm_exec(db, "UPDATE undo_changes SET blocked = id WHERE id = ?",
		    "i", id);
	blocked = crm_query_int(db, 0, "SELECT blocked FROM undo_changes "
	    "WHERE id = ?", "i", id);
	if (!db->undo_audited || blocked == id) {
		drop_shadow(db, id);
		if (!db->undo_audited)
			crm_exec(db, "DELETE FROM undo_changes WHERE id = ?", "i",
			    id);
	} else {
		write_marks(db, id);
		/* An import of nothing new is no change to undo: a bare
		 * "crm undo" must not stop at last night's.  Its record
		 * stays, as undone by its own audit row (NOTHING): without
		 * it, its audit row read as the change before it's, and
		 * "crm undo ROW" undid that one (qa34 F1). */
		if (wrote_nothing(db, id)) {
			crm_exec(db, "DELETE FROM undo_marks WHERE change = ?",
			    "i", id);
			crm_exec(db, "UPDATE undo_changes SET undone_by = "
			    "audit_id WHERE id = ?", "i", id);
		}
	}
	run(db, stop_sql, 0, 0);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * The images of the rows of t that where selects, as undo's update
 * trigger writes them, one a row the change had before it (at or below
 * lo), in rowid order: the order in which an UPDATE visits rows it finds
 * by rowid, as the trigger numbers them.  The first row's (first) is
 * numbered n + 1, the others as SQLite numbers a row given none: one
 * above the shadow table's largest, and every number there is at most n
 * (row_number() kept every row in a window's table: twice the
 * instructions).  How many, or -1.
 */
static long long
write_images(struct crm_db *db, const struct utab *t, const char *where,
    long long a, long long b, long long first)
{
	struct src src = { "CASE rowid WHEN ?3 THEN (SELECT n FROM undo_now) "
	    "+ 1 END", "(SELECT change FROM undo_now)", NULL, NULL };
	struct crm_stmt *st;
	struct crm_buf q = { 0 };
	char *row;
	long long n = -1;

	row = crm_xasprintf("\"%s\"", t->name);
	src.row = src.new = row;
	crm_buf_addf(&q, "INSERT INTO \"undo_%s\" SELECT ", t->name);
	add_values(db, &q, t, 1, &src);
	crm_buf_addf(&q, " FROM \"%s\" WHERE rowid <= (SELECT \"lo_%s\" FROM "
	    "undo_now) AND (%s) ORDER BY rowid", t->name, t->name, where);
	st = crm_prepare(db, crm_buf_str(&q));
	crm_bind_int(st, 1, a);
	crm_bind_int(st, 2, b);
	crm_bind_int(st, 3, first);
	if (crm_step(st) == CRM_DONE)
		n = crm_changes(db);
	crm_finalize(st);
	crm_buf_free(&q);
	free(row);
	return n;
}

/*
 * The rowid of the first row of table that where selects of those the
 * change had before it, in *first: 1, or 0 for none, or -1.
 */
static int
first_row(struct crm_db *db, const char *table, const char *where,
    long long a, long long b, long long *first)
{
	struct crm_stmt *st;
	char *sql;
	int rc;

	sql = crm_xasprintf("SELECT rowid FROM \"%s\" WHERE rowid <= (SELECT "
	    "\"lo_%s\" FROM undo_now) AND (%s) ORDER BY rowid LIMIT 1", table,
	    table, where);
	st = crm_prepare(db, sql);
	crm_bind_int(st, 1, a);
	crm_bind_int(st, 2, b);
	if ((rc = crm_step(st)) == CRM_ROW)
		*first = crm_col_int(st, 0);
	crm_finalize(st);
	free(sql);
	return rc == CRM_ROW ? 1 : rc == CRM_DONE ? 0 : -1;
}

/* The images of crm_undo_update: how many, or -1. */
static long long
images(struct crm_db *db, const char *table, const char *where,
    long long a, long long b)
{
	struct utab t = { 0 };
	long long first, n = -1;
	int r;

	if ((r = first_row(db, table, where, a, b, &first)) <= 0)
		return r;
	t.name = crm_xstrdup(table);
	t.rowid = 1;
	if (load_table(db, &t) == 0)
		n = write_images(db, &t, where, a, b, first);
	tab_free(&t);
	return n;
}

/*
 * Whether sql, an UPDATE of a table undo records, runs one trigger only
 * (undo's, on every column): SQLite codes each trigger that may fire,
 * and a foreign key's action, as a sub-program it calls (OP_Program).
 */
static int
undo_trigger_only(struct crm_db *db, const char *sql)
{
	struct crm_stmt *st;
	char *explain;
	int n = 0;

	explain = crm_xasprintf("EXPLAIN %s", sql);
	st = crm_prepare(db, explain);
	while (crm_step(st) == CRM_ROW)
		if (strcmp(crm_col_text(st, 1), "Program") == 0)
			n++;
	crm_finalize(st);
	free(explain);
	return n == 1 && !crm_db_failed(db);
}

/*
 * UPDATE table SET set WHERE where, with ?1 and ?2 (no other parameter)
 * in them the integers a and b: an update of many rows of a table with
 * rowids (crm-log --import's created dates), recorded for undo as the
 * trigger records it.  When undo's trigger is the only one the update
 * runs, its images are written first in one INSERT ... SELECT and the
 * update runs with triggers off: at 50,000 rows the trigger's copy of
 * each row was 440 M of the 613 M instructions of crm-log --import's
 * update, and its sub-program, called for each row, 118 M more even
 * when it had nothing to write (bench/README.md).  Otherwise (a trigger
 * of the user's own on the column, whose writes undo's triggers record
 * too) the update runs as any other.  set must keep the rowid, and
 * where read no other row of table than the one it tests: the images
 * are of the rows it selects before the update.  Without undo
 * (PostgreSQL, crm copy) the UPDATE alone.  0, or -1 with the error
 * kept.
 */
int
crm_undo_update(struct crm_db *db, const char *table, const char *set,
    const char *where, long long a, long long b)
{
	char *sql;
	long long n;
	int was;

	if (!plain(table))
		return crm_fail(CRM_EX_SOFTWARE, "undo: table %s is not a "
		    "plain name", table);
	sql = crm_xasprintf("UPDATE \"%s\" SET %s WHERE %s", table, set,
	    where);
	if (!db->undo_change || !db->eng->triggers ||
	    !undo_trigger_only(db, sql)) {
		run(db, sql, a, b);
		free(sql);
		return crm_db_failed(db) ? -1 : 0;
	}
	if ((n = images(db, table, where, a, b)) > 0)
		run(db, "UPDATE undo_now SET n = n + ?1", n, 0);
	was = db->eng->triggers(db, 0);
	run(db, sql, a, b);
	db->eng->triggers(db, was);
	free(sql);
	return crm_db_failed(db) ? -1 : 0;
}

/* Undoing a change */

struct change {
	long long id, audit, undone_by, blocked;
};

/*
 * What change u (whose first audit row is a) did: its last audit row's
 * action, an import's own ("import", "log-import", "remind-import",
 * "deal-import") rather than the "add" of the first organisation it
 * made.  Its rows run to the next change's first.
 */
#define LAST_ACTION "(SELECT l.action FROM audit l WHERE l.id >= " \
	"u.audit_id AND l.id < coalesce((SELECT min(n.audit_id) FROM " \
	"undo_changes n WHERE n.id > u.id), (SELECT max(id) + 1 FROM audit)) " \
	"AND l.at = a.at AND l.actor = a.actor AND l.action NOT IN " \
	"('export', 'undo') ORDER BY l.id DESC LIMIT 1)"

/* "change 345 (log, 2026-12-03T10:00:00Z, by alice)", to free. */
static char *
describe(struct crm_db *db, long long id)
{
	struct crm_stmt *st;
	char *s = NULL;

	st = crm_prepare(db, "SELECT a.id, " LAST_ACTION ", a.at, a.actor FROM "
	    "undo_changes u JOIN audit a ON a.id = u.audit_id WHERE u.id = ?");
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW)
		s = crm_xasprintf("change %lld (%s, %s, by %s)",
		    crm_col_int(st, 0), crm_col_text(st, 1),
		    crm_col_text(st, 2), crm_col_text(st, 3));
	crm_finalize(st);
	return s ? s : crm_xstrdup("a change");
}

static int
get_change(struct crm_stmt *st, struct change *c)
{
	int r = crm_step(st) == CRM_ROW;

	if (r) {
		c->id = crm_col_int(st, 0);
		c->audit = crm_col_int(st, 1);
		c->undone_by = crm_col_int(st, 2);
		c->blocked = crm_col_int(st, 3);
	}
	crm_finalize(st);
	return r;
}

#define CHANGE_COLS "u.id, u.audit_id, u.undone_by, u.blocked"

/*
 * The customers (x) change ?1 changed or deleted, or that its audit rows
 * name (those it added that were audited, a log's customer).
 */
#define CHANGE_CUSTOMERS "SELECT undo_rid AS x FROM undo_customers WHERE " \
	"undo_change = ?1 UNION SELECT a.customer_id FROM undo_changes u " \
	"JOIN audit f ON f.id = u.audit_id JOIN audit a ON a.id >= " \
	"u.audit_id AND a.id < coalesce((SELECT min(audit_id) FROM " \
	"undo_changes WHERE id > ?1), (SELECT max(id) + 1 FROM audit)) " \
	"WHERE u.id = ?1 AND a.at = f.at AND a.actor = f.actor AND " \
	"a.action NOT IN ('export', 'undo') AND a.customer_id IS NOT NULL"

/*
 * The change audit row id belongs to (its first, or any other row it
 * wrote), or the last one not undone for 0.  0, or -1 with the error.
 */
static int
find_change(struct crm_db *db, long long audit, struct change *c)
{
	struct crm_stmt *st;

	memset(c, 0, sizeof *c);
	if (audit == 0) {
		st = crm_prepare(db, "SELECT " CHANGE_COLS " FROM undo_changes "
		    "u WHERE u.undone_by IS NULL AND u.audit_id IS NOT NULL "
		    "ORDER BY u.id DESC LIMIT 1");
		if (get_change(st, c))
			return 0;
		if (crm_db_failed(db))
			return -1;
		return crm_fail(CRM_EX_DATAERR, "nothing to undo");
	}
	st = crm_prepare(db, "SELECT " CHANGE_COLS " FROM undo_changes u "
	    "JOIN audit f ON f.id = u.audit_id JOIN audit a ON a.id = ?1 "
	    "WHERE u.audit_id <= ?1 AND a.at = f.at AND a.actor = f.actor AND "
	    "a.action NOT IN ('export', 'undo') ORDER BY u.audit_id DESC "
	    "LIMIT 1");
	crm_bind_int(st, 1, audit);
	if (get_change(st, c))
		return 0;
	if (crm_db_failed(db))
		return -1;
	if (crm_query_int(db, 0, "SELECT count(*) FROM audit WHERE id = ?",
	    "i", audit))
		return crm_fail(CRM_EX_DATAERR, "audit row %lld is no change "
		    "that can be undone (an export, an undo, or a change made "
		    "before undo was kept)", audit);
	return crm_fail(CRM_EX_DATAERR, "there is no audit row %lld", audit);
}

/* Row id of table tbl: "customer 12" (customers, interactions, deals,
 * reminders, rules: one of them), "deal_history row 7". */
static char *
id_name(const char *tbl, long long id)
{
	size_t n = strlen(tbl);

	if (n > 1 && tbl[n - 1] == 's' && strchr(tbl, '_') == NULL)
		return crm_xasprintf("%.*s %lld", (int)n - 1, tbl, id);
	return crm_xasprintf("%s row %lld", tbl, id);
}

/* A row of t, by its rowid, or for a table without rowids by its
 * parent: "a row of tags of customer 12". */
static char *
row_name(const struct utab *t, long long rid, long long parent)
{
	char *p, *r;

	if (t->rowid)
		return id_name(t->name, rid);
	if (t->parent < 0)
		return crm_xasprintf("a row of %s", t->name);
	p = id_name(t->fkparent[t->parent], parent);
	r = crm_xasprintf("a row of %s of %s", t->name, p);
	free(p);
	return r;
}

/* A conflict found: the latest later change wins, with what it did. */
struct conflict {
	long long change;	/* undo_changes.id, 0 none */
	char *what;		/* the row it touched */
	int outside;		/* no change made it: the shell? */
};

static void
conflict(struct conflict *k, long long change, char *what)
{
	if (change > k->change || (k->change == 0 && k->what == NULL)) {
		free(k->what);
		k->change = change;
		k->what = what;
	} else {
		free(what);
	}
}

/* pk columns "d."p1", d."p2"" with prefix, or the new key's. */
static void
add_pk(struct crm_buf *b, const struct utab *t, const char *prefix,
    int newkey)
{
	if (newkey)
		add_newkey(b, t, prefix, 0, 0);
	else
		add_cols(b, t, prefix, 1, 0);
}

/* Later changes, not undone, that touched a row c touched or added. */
static void
later_touched(struct crm_db *db, const struct utab *t, long long c,
    struct conflict *k)
{
	struct crm_buf b = { 0 };
	struct crm_stmt *st;
	const char *pc = t->parent >= 0 ? t->fkcol[t->parent] : NULL;

	crm_buf_addf(&b, "SELECT d.undo_change, %s, %s%s%s FROM \"undo_%s\" d "
	    "JOIN undo_changes k ON k.id = d.undo_change WHERE d.undo_change "
	    "> ?1 AND k.undone_by IS NULL AND (", t->rowid ? "d.undo_rid" :
	    "0", pc ? "d.\"" : "0", pc ? pc : "", pc ? "\"" : "", t->name);
	if (t->rowid) {
		crm_buf_addf(&b, "d.undo_rid IN (SELECT undo_rid FROM \"undo_%s\" "
		    "WHERE undo_change = ?1 UNION ALL SELECT undo_nrid FROM "
		    "\"undo_%s\" WHERE undo_change = ?1 AND undo_nrid IS NOT "
		    "NULL) OR d.undo_nrid IN (SELECT undo_rid FROM \"undo_%s\" "
		    "WHERE undo_change = ?1) OR EXISTS (SELECT 1 FROM undo_marks "
		    "m WHERE m.change = ?1 AND m.tbl = '%s' AND ((d.undo_rid > "
		    "m.lo AND d.undo_rid <= m.hi) OR (d.undo_nrid > m.lo AND "
		    "d.undo_nrid <= m.hi)))", t->name, t->name, t->name,
		    t->name);
	} else {
		crm_buf_adds(&b, "(");
		add_pk(&b, t, "d.", 0);
		crm_buf_adds(&b, ") IN (SELECT ");
		add_pk(&b, t, "", 0);
		crm_buf_addf(&b, " FROM \"undo_%s\" WHERE undo_change = ?1 "
		    "UNION ALL SELECT ", t->name);
		add_pk(&b, t, "", 1);
		crm_buf_addf(&b, " FROM \"undo_%s\" WHERE undo_change = ?1 AND "
		    "undo_op = 'u') OR (", t->name);
		add_pk(&b, t, "d.", 1);
		crm_buf_adds(&b, ") IN (SELECT ");
		add_pk(&b, t, "", 0);
		crm_buf_addf(&b, " FROM \"undo_%s\" WHERE undo_change = ?1)",
		    t->name);
		if (pc)
			crm_buf_addf(&b, " OR EXISTS (SELECT 1 FROM undo_marks "
			    "m WHERE m.change = ?1 AND m.tbl = '%s' AND "
			    "((d.\"%s\" > m.lo AND d.\"%s\" <= m.hi) OR "
			    "(d.\"undo_new_%s\" > m.lo AND d.\"undo_new_%s\" <= "
			    "m.hi)))", t->fkparent[t->parent], pc, pc, pc, pc);
	}
	crm_buf_adds(&b, ") ORDER BY d.undo_change DESC LIMIT 1");
	st = crm_prepare(db, crm_buf_str(&b));
	crm_bind_int(st, 1, c);
	if (crm_step(st) == CRM_ROW) {
		char *row = row_name(t, crm_col_int(st, 1), crm_col_int(st, 2));

		conflict(k, crm_col_int(st, 0), crm_xasprintf("changed %s",
		    row));
		free(row);
	}
	crm_finalize(st);
	crm_buf_free(&b);
}

/*
 * Rows not added by c that now refer to a row c added: who made them.
 * A row c changed itself (an import that makes a person's organisation
 * and links the person to it) is not one: undoing c puts its old image
 * back, made before c, which refers to no row c added; a later change
 * that touched it too is later_touched's.
 */
static void
later_refer(struct crm_db *db, struct uschema *s, const struct utab *t,
    long long c, struct conflict *k)
{
	struct crm_stmt *st;
	long long rid, who, added;
	char *sql, *row = NULL, *parent = NULL;
	int j;

	if (!t->rowid)
		return;		/* logged when added: later_touched */
	for (j = 0; j < t->nfk; j++) {
		const struct utab *p = find_tab(s, t->fkparent[j]);

		if (p == NULL || !p->rowid)
			continue;
		sql = crm_xasprintf("SELECT t.rowid, t.\"%s\" FROM \"%s\" t, "
		    "undo_marks m "
		    "WHERE m.change = ?1 AND m.tbl = '%s' AND t.\"%s\" > m.lo "
		    "AND t.\"%s\" <= m.hi AND NOT EXISTS (SELECT 1 FROM "
		    "undo_marks n WHERE n.change = ?1 AND n.tbl = '%s' AND "
		    "t.rowid > n.lo AND t.rowid <= n.hi) AND NOT EXISTS (SELECT "
		    "1 FROM \"undo_%s\" u WHERE u.undo_change = ?1 AND "
		    "u.undo_op = 'u' AND u.undo_nrid = t.rowid) LIMIT 1",
		    t->fkcol[j], t->name, p->name, t->fkcol[j], t->fkcol[j],
		    t->name, t->name);
		st = crm_prepare(db, sql);
		crm_bind_int(st, 1, c);
		rid = 0;
		if (crm_step(st) == CRM_ROW) {
			rid = crm_col_int(st, 0);
			row = row_name(t, rid, 0);
			parent = row_name(p, crm_col_int(st, 1), 0);
		}
		crm_finalize(st);
		free(sql);
		if (rid == 0)
			continue;
		/* The latest later change that added the row, or changed
		 * it (to refer to the parent, as like as not). */
		sql = crm_xasprintf("SELECT max(m.change) FROM undo_marks m "
		    "JOIN undo_changes k ON k.id = m.change WHERE m.tbl = '%s' "
		    "AND m.change > ?1 AND k.undone_by IS NULL AND ?2 > m.lo "
		    "AND ?2 <= m.hi", t->name);
		added = query(db, 0, sql, c, rid);
		free(sql);
		sql = crm_xasprintf("SELECT max(d.undo_change) FROM \"undo_%s\" "
		    "d JOIN undo_changes k ON k.id = d.undo_change WHERE "
		    "d.undo_rid = ?2 AND d.undo_change > ?1 AND k.undone_by IS "
		    "NULL", t->name);
		who = query(db, 0, sql, c, rid);
		free(sql);
		if (added && added >= who)
			conflict(k, added, crm_xasprintf("added %s for %s", row,
			    parent));
		else if (who)
			conflict(k, who, crm_xasprintf("changed %s to refer to "
			    "%s", row, parent));
		else if (k->change == 0) {
			conflict(k, 0, crm_xasprintf("%s, which refers to %s",
			    row, parent));
			k->outside = 1;
		}
		free(row);
		free(parent);
	}
}

/* The first row of sql (?1 = c): a later change and a row id it took
 * again.  sql is freed. */
static void
took_again(struct crm_db *db, const struct utab *t, long long c, char *sql,
    struct conflict *k)
{
	struct crm_stmt *st = crm_prepare(db, sql);
	char *row;

	crm_bind_int(st, 1, c);
	if (crm_step(st) == CRM_ROW) {
		row = row_name(t, crm_col_int(st, 1), 0);
		conflict(k, crm_col_int(st, 0), crm_xasprintf("took the id of "
		    "%s again", row));
		free(row);
	}
	crm_finalize(st);
	free(sql);
}

/* Rowids c freed that a later change has taken again. */
static void
later_reused(struct crm_db *db, const struct utab *t, long long c,
    struct conflict *k)
{
	if (!t->rowid)
		return;
	took_again(db, t, c, crm_xasprintf("SELECT m.change, d.undo_rid FROM "
	    "\"undo_%s\" d JOIN undo_marks m ON m.tbl = '%s' AND d.undo_rid > "
	    "m.lo AND d.undo_rid <= m.hi JOIN undo_changes k ON k.id = "
	    "m.change WHERE d.undo_change = ?1 AND d.undo_op = 'd' AND "
	    "m.change > ?1 AND k.undone_by IS NULL ORDER BY m.change DESC "
	    "LIMIT 1", t->name, t->name), k);
	/*
	 * Rows c added that someone else deleted since (an erase, a merge)
	 * free their ids too: a later change that added rows in c's range
	 * took them again, and undoing c would delete its rows.
	 */
	took_again(db, t, c, crm_xasprintf("SELECT n.change, max(m.lo, n.lo) "
	    "+ 1 FROM undo_marks m JOIN undo_marks n ON n.tbl = m.tbl AND "
	    "n.change > m.change AND n.hi > n.lo AND n.lo < m.hi AND n.hi > "
	    "m.lo JOIN undo_changes k ON k.id = n.change WHERE m.change = ?1 "
	    "AND m.tbl = '%s' AND k.undone_by IS NULL ORDER BY n.change DESC "
	    "LIMIT 1", t->name), k);
}

/* Why a change cannot be undone, if it cannot. */
enum { V_OK, V_UNDONE, V_ERASE, V_ERASED, V_DEPENDS, V_OUTSIDE };

/* V_*; k gets the later change (V_DEPENDS) and the row, -1 if the
 * database failed. */
static int
verdict(struct crm_db *db, struct uschema *s, const struct change *c,
    struct conflict *k)
{
	int i;

	memset(k, 0, sizeof *k);
	if (c->undone_by)
		return V_UNDONE;
	if (c->blocked == c->id || crm_query_int(db, 0, "SELECT count(*) FROM "
	    "audit WHERE id = ? AND action = 'erase'", "i", c->audit))
		return V_ERASE;
	if (c->blocked)
		return V_ERASED;
	for (i = 0; i < s->n; i++) {
		later_touched(db, &s->t[i], c->id, k);
		later_refer(db, s, &s->t[i], c->id, k);
		later_reused(db, &s->t[i], c->id, k);
	}
	if (crm_db_failed(db))
		return -1;
	return k->change ? V_DEPENDS : k->outside ? V_OUTSIDE : V_OK;
}

/* Whether change c may be undone: 0, or -1 with the refusal kept. */
static int
may_undo(struct crm_db *db, struct uschema *s, const struct change *c)
{
	struct conflict k;
	char *me, *them = NULL;
	int r = 0;

	me = describe(db, c->id);
	switch (verdict(db, s, c, &k)) {
	case -1:
		r = -1;
		break;
	case V_UNDONE:
		if (c->undone_by == c->audit)	/* crm_undo_finish's */
			r = crm_fail(CRM_EX_DATAERR, "%s changed nothing: "
			    "nothing to undo", me);
		else
			r = crm_fail(CRM_EX_DATAERR, "%s was undone already "
			    "(audit row %lld)", me, c->undone_by);
		break;
	case V_ERASE:
		r = crm_fail(CRM_EX_DATAERR, "%s cannot be undone: an erase "
		    "is not undoable", me);
		break;
	case V_ERASED:
		them = describe(db, c->blocked);
		r = crm_fail(CRM_EX_DATAERR, "%s cannot be undone: it touches "
		    "a customer erased by %s", me, them);
		break;
	case V_DEPENDS:
		them = describe(db, k.change);
		r = crm_fail(CRM_EX_DATAERR, "cannot undo %s: %s later %s; "
		    "undo it first", me, them, k.what);
		break;
	case V_OUTSIDE:
		r = crm_fail(CRM_EX_DATAERR, "cannot undo %s: %s it added, "
		    "and no later change made that row (an edit outside "
		    "crm?)", me, k.what);
		break;
	}
	free(them);
	free(k.what);
	free(me);
	return r;
}

/* The short form of verdict() for the list, to free. */
static char *
status(struct crm_db *db, struct uschema *s, const struct change *c)
{
	struct conflict k;
	char *r;

	switch (verdict(db, s, c, &k)) {
	case V_UNDONE:
		r = crm_xasprintf("undone by %lld", c->undone_by);
		break;
	case V_ERASE:
		r = crm_xstrdup("not undoable: erase");
		break;
	case V_ERASED:
		r = crm_xasprintf("not undoable: touches a customer erased by "
		    "change %lld", crm_query_int(db, 0, "SELECT audit_id FROM "
		    "undo_changes WHERE id = ?", "i", c->blocked));
		break;
	case V_DEPENDS:
		r = crm_xasprintf("depends: later change %lld", crm_query_int(db,
		    0, "SELECT audit_id FROM undo_changes WHERE id = ?", "i",
		    k.change));
		break;
	case V_OUTSIDE:
		r = crm_xstrdup("depends: an edit outside crm");
		break;
	default:
		r = crm_xstrdup("undoable");
		break;
	}
	free(k.what);
	return r;
}

/* The statements that put one event of t back, by undo_seq (?1) of
 * change ?2: 'u', 'd', 'i', and what goes before a 'd'. */
static void
restore_sql(const struct utab *t, char *sql[4])
{
	struct crm_buf b = { 0 };
	int i, first;

	/* 'u': the old image over the row, found by its new key. */
	crm_buf_addf(&b, "UPDATE \"%s\" SET ", t->name);
	for (i = 0, first = 1; i < t->ncol; i++) {
		if (i == t->ipk)
			continue;
		crm_buf_addf(&b, "%s\"%s\" = s.\"%s\"", first ? "" : ", ",
		    t->col[i], t->col[i]);
		first = 0;
	}
	if (t->rowid)
		crm_buf_adds(&b, ", rowid = s.undo_rid");
	crm_buf_addf(&b, " FROM (SELECT * FROM \"undo_%s\" WHERE undo_seq = "
	    "?1) AS s WHERE ", t->name);
	if (t->rowid)
		crm_buf_addf(&b, "\"%s\".rowid = s.undo_nrid", t->name);
	else
		for (i = 0, first = 1; i < t->ncol; i++) {
			if (!t->pk[i])
				continue;
			crm_buf_addf(&b, "%s\"%s\".\"%s\" = s.\"undo_new_%s\"",
			    first ? "" : " AND ", t->name, t->col[i],
			    t->col[i]);
			first = 0;
		}
	sql[0] = crm_xstrdup(crm_buf_str(&b));
	/* 'd': the old image back, with its rowid. */
	crm_buf_reset(&b);
	crm_buf_addf(&b, "INSERT INTO \"%s\" (%s", t->name, t->rowid ?
	    "rowid, " : "");
	add_cols(&b, t, "", 0, 1);
	crm_buf_addf(&b, ") SELECT %s", t->rowid ? "undo_rid, " : "");
	add_cols(&b, t, "", 0, 1);
	crm_buf_addf(&b, " FROM \"undo_%s\" WHERE undo_seq = ?1", t->name);
	sql[1] = crm_xstrdup(crm_buf_str(&b));
	/* 'i': the row it added over an old key goes. */
	crm_buf_reset(&b);
	if (t->rowid)
		crm_buf_addf(&b, "DELETE FROM \"%s\" WHERE rowid = (SELECT "
		    "undo_rid FROM \"undo_%s\" WHERE undo_seq = ?1)", t->name,
		    t->name);
	else {
		crm_buf_addf(&b, "DELETE FROM \"%s\" WHERE (", t->name);
		add_cols(&b, t, "", 1, 0);
		crm_buf_adds(&b, ") = (SELECT ");
		add_cols(&b, t, "", 1, 0);
		crm_buf_addf(&b, " FROM \"undo_%s\" WHERE undo_seq = ?1)",
		    t->name);
	}
	sql[2] = crm_xstrdup(crm_buf_str(&b));
	crm_buf_reset(&b);
	crm_buf_adds(&b, "SELECT 1");	/* spare */
	sql[3] = crm_xstrdup(crm_buf_str(&b));
	crm_buf_free(&b);
}

/* One event put back; a row that collides with one there is a failure
 * (it cannot be, as later changes were checked): nothing is undone. */
static void
step_event(struct crm_stmt *r, long long seq, long long c)
{
	int rc;

	crm_bind_int(r, 1, seq);
	crm_bind_int(r, 2, c);
	while ((rc = crm_step(r)) == CRM_ROW)
		;
	crm_reset(r);
	if (rc == CRM_CONSTRAINT)
		crm_store_fail(r->db, CRM_EX_DATAERR, "undoing change %lld: a "
		    "row it changed collides with one there now; nothing was "
		    "changed", c);
}

/* Play c's events back, last first. */
static void
replay(struct crm_db *db, struct uschema *s, long long c)
{
	struct crm_stmt **st, *ev;
	char *sql[4];
	int i, j, op;

	crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS undo_ev (seq INTEGER "
	    "PRIMARY KEY, tbl INTEGER NOT NULL, op TEXT NOT NULL) STRICT",
	    NULL);
	crm_exec(db, "DELETE FROM temp.undo_ev", NULL);
	st = crm_xcalloc((size_t)s->n * 4, sizeof *st);
	for (i = 0; i < s->n; i++) {
		char *q = crm_xasprintf("INSERT INTO temp.undo_ev SELECT "
		    "undo_seq, %d, undo_op FROM \"undo_%s\" WHERE undo_change = "
		    "?1", i, s->t[i].name);

		run(db, q, c, 0);
		free(q);
		restore_sql(&s->t[i], sql);
		for (j = 0; j < 4; j++) {
			st[i * 4 + j] = crm_prepare(db, sql[j]);
			free(sql[j]);
		}
	}
	ev = crm_prepare(db, "SELECT seq, tbl, op FROM temp.undo_ev ORDER BY "
	    "seq DESC");
	while (crm_step(ev) == CRM_ROW) {
		const char *o = crm_col_text(ev, 2);
		long long seq = crm_col_int(ev, 0), tb = crm_col_int(ev, 1);

		op = *o == 'u' ? 0 : *o == 'd' ? 1 : 2;
		step_event(st[tb * 4 + op], seq, c);
		/* A row it changed that went with a row it added (a cascade
		 * of remove_added) comes back whole. */
		if (op == 0 && crm_changes(db) == 0)
			step_event(st[tb * 4 + 1], seq, c);
	}
	crm_finalize(ev);
	for (i = 0; i < s->n * 4; i++)
		crm_finalize(st[i]);
	free(st);
	crm_exec(db, "DELETE FROM temp.undo_ev", NULL);
}

static int
by_refs(const void *a, const void *b)
{
	const struct utab *x = *(const struct utab *const *)a;
	const struct utab *y = *(const struct utab *const *)b;

	return (x->refs > y->refs) - (x->refs < y->refs);
}

/* The rows c added go: children first, so no cascade does the work. */
static void
remove_added(struct crm_db *db, struct uschema *s, long long c)
{
	struct utab **v = crm_xcalloc((size_t)s->n + 1, sizeof *v);
	struct crm_stmt *st;
	long long lo, hi;
	char *sql;
	int i, n = 0;

	for (i = 0; i < s->n; i++)
		if (s->t[i].rowid)
			v[n++] = &s->t[i];
	qsort(v, (size_t)n, sizeof *v, by_refs);
	for (i = 0; i < n; i++) {
		st = crm_prepare(db, "SELECT lo, hi FROM undo_marks WHERE "
		    "change = ? AND tbl = ?");
		crm_bind_int(st, 1, c);
		crm_bind_text(st, 2, v[i]->name);
		if (crm_step(st) == CRM_ROW) {
			lo = crm_col_int(st, 0), hi = crm_col_int(st, 1);
			crm_finalize(st);
			sql = crm_xasprintf("DELETE FROM \"%s\" WHERE rowid > ?1 "
			    "AND rowid <= ?2", v[i]->name);
			run(db, sql, lo, hi);
			free(sql);
		} else
			crm_finalize(st);
	}
	free(v);
}

/*
 * Undo is SQLite's own (its shadow tables, schema 5): on a server, the
 * server's tools restore what was.  0, or -1 with the refusal kept (64).
 */
static int
undo_here(struct crm_db *db)
{
	if (strcmp(crm_db_engine(db), "sqlite") == 0)
		return 0;
	return crm_fail(CRM_EX_USAGE, "%s: crm undo is SQLite's own: a "
	    "PostgreSQL database is restored by the server's tools (pg_dump, "
	    "point-in-time recovery), not by crm", crm_db_name(db));
}

/* The customers CHANGE_CUSTOMERS gives for change c, in order; *n. */
static long long *
change_customers(struct crm_db *db, long long c, size_t *n)
{
	struct crm_stmt *st = crm_prepare(db, CHANGE_CUSTOMERS " ORDER BY x");
	long long *v = NULL;

	*n = 0;
	crm_bind_int(st, 1, c);
	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = crm_col_int(st, 0);
	}
	crm_finalize(st);
	return v;
}

/*
 * The undo's audit rows: one for each customer of cust (so that each
 * one's history in the trail shows the undo as it showed the change), or
 * one naming none; all say {"change":audit}.  The first one's id.
 */
static long long
audit_undo(struct crm_db *db, long long audit, const long long *cust,
    size_t n)
{
	struct crm_buf d = { 0 };
	long long first = 0;
	size_t i = 0;

	crm_buf_addf(&d, "{\"change\":%lld}", audit);
	do {
		crm_audit(db, "undo", n ? cust[i] : 0, d.s);
		if (first == 0)
			first = crm_last_id(db);
	} while (++i < n);
	crm_buf_free(&d);
	return first;
}

/*
 * Undo the change audit row audit_id belongs to (0: the last one not
 * undone), in a transaction of its own that writes an 'undo' audit row;
 * the change's first audit row id, or -1 with the refusal kept (exit 65)
 * and the database unchanged.
 */
long long
crm_undo(struct crm_db *db, long long audit_id)
{
	struct uschema s;
	struct change c;
	long long *cust, undo;
	size_t ncust;
	int rc;

	if (undo_here(db) < 0)
		return -1;
	db->undo = 0;		/* an undo is not itself recorded */
	if (crm_begin(db) < 0)
		return -1;
	if (find_change(db, audit_id, &c) < 0 || load_schema(db, &s) < 0) {
		crm_rollback(db);
		return -1;
	}
	if (may_undo(db, &s, &c) < 0)
		goto fail;
	crm_exec(db, "PRAGMA defer_foreign_keys = ON", NULL);
	/* Whom it touched, read while its shadow rows are there. */
	cust = change_customers(db, c.id, &ncust);
	/* The rows it added go first: a rowid it freed and took again
	 * is then free for its old row. */
	remove_added(db, &s, c.id);
	replay(db, &s, c.id);
	drop_shadow(db, c.id);
	crm_exec(db, "DELETE FROM undo_marks WHERE change = ?", "i", c.id);
	undo = audit_undo(db, c.audit, cust, ncust);
	free(cust);
	crm_exec(db, "UPDATE undo_changes SET undone_by = ? WHERE id = ?", "ii",
	    undo, c.id);
	/* A load made with --defer-index left marks for the search index,
	 * of customers this may have taken away or put back: the index is
	 * brought up to date here (a writer, as the next search would be),
	 * so the undo leaves nothing waiting for a reader (qa21). */
	crm_search_catch_up(db);
	if (crm_db_failed(db) || crm_error())
		goto fail;
	rc = crm_exec(db, "COMMIT", NULL);
	if (rc == CRM_CONSTRAINT) {
		crm_rollback(db);
		crm_fail(CRM_EX_DATAERR, "undoing change %lld would leave rows "
		    "referring to rows that are gone; nothing was changed",
		    c.audit);
		schema_free(&s);
		return -1;
	}
	schema_free(&s);
	return rc == CRM_DONE ? c.audit : -1;
fail:
	crm_rollback(db);
	schema_free(&s);
	return -1;
}

/* What can be undone */

/* How many rows change c added, changed or deleted; *cust: customers. */
static long long
change_rows(struct crm_db *db, long long c, long long *cust)
{
	struct crm_stmt *st;
	long long n;
	char *sql;

	n = crm_query_int(db, 0, "SELECT sum(hi - lo) FROM undo_marks WHERE "
	    "change = ?", "i", c);
	/* The customers it added, and those it changed or deleted or its
	 * audit rows name (a log names the customer), less those. */
	*cust = crm_query_int(db, 0, "SELECT hi - lo FROM undo_marks WHERE "
	    "change = ? AND tbl = 'customers'", "i", c);
	*cust += crm_query_int(db, 0, "SELECT count(*) FROM ("
	    CHANGE_CUSTOMERS ") WHERE NOT EXISTS (SELECT 1 FROM "
	    "undo_marks m WHERE m.change = ?1 AND m.tbl = 'customers' AND "
	    "x > m.lo AND x <= m.hi)", "i", c);
	st = crm_prepare(db, "SELECT name FROM sqlite_schema WHERE type = "
	    "'table' AND name LIKE 'undo\\_%' ESCAPE '\\' AND name NOT IN "
	    "('undo_changes', 'undo_marks', 'undo_now')");
	while (crm_step(st) == CRM_ROW) {
		sql = crm_xasprintf("SELECT count(*) FROM \"%s\" WHERE "
		    "undo_change = ?1", crm_col_text(st, 0));
		n += query(db, 0, sql, c, 0);
		free(sql);
	}
	crm_finalize(st);
	return n;
}

/*
 * Every change kept, the last first: its audit id, when, who, what,
 * customers and rows it touched, and whether it can be undone.  0, or
 * -1 with the error kept.
 */
int
crm_undo_list(struct crm_db *db, struct crm_out *out)
{
	static const char *const hdr[] = { "change", "at", "actor", "action",
	    "customers", "rows", "undo" };
	struct crm_stmt *st;
	struct uschema s;
	struct change c;
	char num[3][32], *why;
	const char *v[7];

	if (undo_here(db) < 0)
		return -1;

	if (load_schema(db, &s) < 0)
		return -1;
	crm_out_header(out, hdr, 7);
	/* not the runs that changed nothing (crm_undo_finish) */
	st = crm_prepare(db, "SELECT " CHANGE_COLS ", a.at, a.actor, "
	    LAST_ACTION " FROM undo_changes u JOIN audit a ON a.id = "
	    "u.audit_id WHERE u.undone_by IS NULL OR u.undone_by <> "
	    "u.audit_id ORDER BY u.id DESC");
	while (crm_step(st) == CRM_ROW) {
		long long cust, rows;

		c.id = crm_col_int(st, 0);
		c.audit = crm_col_int(st, 1);
		c.undone_by = crm_col_int(st, 2);
		c.blocked = crm_col_int(st, 3);
		rows = change_rows(db, c.id, &cust);
		snprintf(num[0], sizeof num[0], "%lld", c.audit);
		snprintf(num[1], sizeof num[1], "%lld", cust);
		snprintf(num[2], sizeof num[2], "%lld", rows);
		why = status(db, &s, &c);
		v[0] = num[0], v[1] = crm_col_text(st, 4);
		v[2] = crm_col_text(st, 5), v[3] = crm_col_text(st, 6);
		v[4] = num[1], v[5] = num[2], v[6] = why;
		crm_out_row(out, v, "nsssnns");
		free(why);
	}
	crm_finalize(st);
	schema_free(&s);
	if (crm_db_failed(db))
		return -1;
	return crm_out_end(out);
}

/* Forgetting */

/*
 * An erase takes a customer's personal values out of the undo data too:
 * every shadow row about them (their own row, and their fields, tags,
 * identities, interactions, reminders and deals, and what hangs on
 * those) goes, and every change that had one is marked blocked by the
 * change running now (the erase, which is itself not undoable), so that
 * undoing it is refused rather than half done.  0, or -1.
 */
int
crm_undo_forget_customer(struct crm_db *db, long long customer_id)
{
	return crm_undo_forget_upto(db, customer_id, 0);
}

/*
 * The same for what undo keeps of a customer up to change upto (> 0): an
 * id merged away whose number SQLite has given to a new customer since;
 * the rows that hang on that id now are the new customer's.
 */
int
crm_undo_forget_upto(struct crm_db *db, long long customer_id, long long upto)
{
	struct uschema s;
	struct utab *t, *p;
	struct crm_buf w = { 0 };
	char *sql;
	int i, j, pass;
	long long self = db->undo_change;
	long long bound = upto > 0 ? upto : LLONG_MAX;

	if (!db->eng->undo)
		return 0;	/* nothing kept to forget */
	if (load_schema(db, &s) < 0)
		return -1;
	crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS undo_forget (tbl TEXT, "
	    "id INTEGER, PRIMARY KEY (tbl, id)) STRICT, WITHOUT ROWID", NULL);
	crm_exec(db, "DELETE FROM temp.undo_forget", NULL);
	crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS undo_blocked (change "
	    "INTEGER PRIMARY KEY) STRICT", NULL);
	crm_exec(db, "DELETE FROM temp.undo_blocked", NULL);
	crm_exec(db, "INSERT INTO temp.undo_forget VALUES ('customers', ?)",
	    "i", customer_id);
	/* The changes that added the customer (its rowid in their range). */
	crm_exec(db, "INSERT OR IGNORE INTO temp.undo_blocked SELECT change "
	    "FROM undo_marks WHERE tbl = 'customers' AND ?1 > lo AND ?1 <= hi "
	    "AND change <= ?2", "ii", customer_id, bound);
	/* Rows that hang on the customer, and on those, now or in images. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < s.n; i++) {
			t = &s.t[i];
			if (!t->rowid || strcmp(t->name, "customers") == 0)
				continue;
			for (j = 0; j < t->nfk; j++) {
				p = find_tab(&s, t->fkparent[j]);
				if (p == NULL || p == t)
					continue;
				sql = crm_xasprintf("INSERT OR IGNORE INTO "
				    "temp.undo_forget SELECT '%s', rowid FROM "
				    "\"%s\" WHERE ?1 = 0 AND \"%s\" IN (SELECT "
				    "id FROM temp.undo_forget WHERE tbl = '%s') "
				    "UNION SELECT '%s', undo_rid FROM "
				    "\"undo_%s\" WHERE \"%s\" IN (SELECT id "
				    "FROM temp.undo_forget WHERE tbl = '%s') AND "
				    "undo_change <= ?2",
				    t->name, t->name, t->fkcol[j], p->name,
				    t->name, t->name, t->fkcol[j], p->name);
				run(db, sql, upto > 0, bound);
				free(sql);
			}
		}
	for (i = 0; i < s.n; i++) {
		t = &s.t[i];
		crm_buf_reset(&w);
		if (t->rowid)
			crm_buf_addf(&w, "undo_rid IN (SELECT id FROM "
			    "temp.undo_forget WHERE tbl = '%s')", t->name);
		for (j = 0; j < t->nfk; j++) {
			if ((p = find_tab(&s, t->fkparent[j])) == NULL)
				continue;
			crm_buf_addf(&w, "%s\"%s\" IN (SELECT id FROM "
			    "temp.undo_forget WHERE tbl = '%s')", w.len ?
			    " OR " : "", t->fkcol[j], p->name);
			if (!t->rowid && t->parent == j)
				crm_buf_addf(&w, " OR \"undo_new_%s\" IN (SELECT "
				    "id FROM temp.undo_forget WHERE tbl = '%s')",
				    t->fkcol[j], p->name);
		}
		if (w.len == 0)
			continue;
		sql = crm_xasprintf("INSERT OR IGNORE INTO temp.undo_blocked "
		    "SELECT undo_change FROM \"undo_%s\" WHERE (%s) AND "
		    "undo_change <= ?1", t->name, crm_buf_str(&w));
		run(db, sql, bound, 0);
		free(sql);
		sql = crm_xasprintf("DELETE FROM \"undo_%s\" WHERE (%s) AND "
		    "undo_change <= ?1", t->name, crm_buf_str(&w));
		run(db, sql, bound, 0);
		free(sql);
	}
	/* The changes that added rows about them (a call logged for them):
	 * undoing one would delete whatever row takes that id next. */
	crm_exec(db, "INSERT OR IGNORE INTO temp.undo_blocked SELECT m.change "
	    "FROM undo_marks m JOIN temp.undo_forget f ON f.tbl = m.tbl AND "
	    "f.id > m.lo AND f.id <= m.hi WHERE m.change <= ?", "i", bound);
	if (self)
		crm_exec(db, "INSERT OR IGNORE INTO temp.undo_blocked VALUES "
		    "(?)", "i", self);
	crm_exec(db, "UPDATE undo_changes SET blocked = ? WHERE id IN (SELECT "
	    "change FROM temp.undo_blocked) AND undone_by IS NULL", "i",
	    self ? self : -1);
	crm_buf_free(&w);
	schema_free(&s);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * The forgetting's own audit row (qa44 6): a change that can no longer
 * be taken back is a change to what the database can do.  db->undo is
 * off, so the row is no change of its own.  None when nothing was
 * forgotten: a monthly cron would otherwise add a row a month that
 * changed nothing.
 */
static void
forget_audit(struct crm_db *db, const char *when, long long n)
{
	struct crm_buf d = { 0 };

	if (n == 0)
		return;
	crm_buf_adds(&d, "{\"before\":");
	crm_json_str(&d, when);
	crm_buf_addf(&d, ",\"changes\":%lld}", n);
	crm_audit(db, "forget undo", 0, d.s);
	crm_buf_free(&d);
}

/*
 * Forget the undo data of the changes made before when (they stay in the
 * audit trail but can no longer be undone); how many, or -1.
 */
long long
crm_undo_forget_before(struct crm_db *db, const char *when)
{
	struct crm_stmt *st;
	long long n = 0;

	if (undo_here(db) < 0)
		return -1;

	db->undo = 0;
	if (crm_begin(db) < 0)
		return -1;
	st = crm_prepare(db, "SELECT u.id FROM undo_changes u LEFT JOIN audit "
	    "a ON a.id = u.audit_id WHERE a.at IS NULL OR a.at < ?");
	crm_bind_text(st, 1, when);
	while (crm_step(st) == CRM_ROW) {
		drop_shadow(db, crm_col_int(st, 0));
		crm_exec(db, "DELETE FROM undo_marks WHERE change = ?", "i",
		    crm_col_int(st, 0));
		n++;
	}
	crm_finalize(st);
	crm_exec(db, "DELETE FROM undo_changes WHERE id IN (SELECT u.id FROM "
	    "undo_changes u LEFT JOIN audit a ON a.id = u.audit_id WHERE a.at "
	    "IS NULL OR a.at < ?)", "s", when);
	forget_audit(db, when, n);
	if (crm_commit(db) < 0) {
		crm_rollback(db);
		return -1;
	}
	return n;
}
