/*
 * store.c - the storage seam: every SQL statement of every program goes
 * through these functions, and only the engine behind them (sqlite.c;
 * PostgreSQL next) knows which database it talks to.
 *
 * Errors are sticky, as a stdio stream's are: the first failure of a
 * statement records the error (err.c), marks the database failed, and
 * from then on every statement on it does nothing and reports CRM_FAIL.
 * So a caller need not test every call: a loop over rows ends, a write
 * that follows a failed one is not made, and crm_commit() and
 * crm_db_close() return -1, which the program turns into its exit status
 * (the transaction is not committed).  Callers that must not go on after
 * a failure (a row loop of an import, a decision on a looked-up value)
 * ask crm_db_failed().  A constraint is not a failure: crm_step() returns
 * CRM_CONSTRAINT to the caller that asked for it.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The engine reports a failure: the first is kept, and the db stops. */
int
crm_store_fail(struct crm_db *db, int status, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (db)
		db->failed = 1;
	va_start(ap, fmt);
	msg = crm_xvasprintf(fmt, ap);
	va_end(ap);
	crm_fail(status, "%s", msg);
	free(msg);
	return CRM_FAIL;
}

int
crm_db_failed(const struct crm_db *db)
{
	return db == NULL || db->failed;
}

struct crm_stmt *
crm_prepare(struct crm_db *db, const char *sql)
{
	struct crm_stmt *st;
	void *h;

	if (crm_db_failed(db))
		return NULL;
	if ((h = db->eng->prepare(db, sql)) == NULL)
		return NULL;
	st = crm_xmalloc(sizeof *st);
	st->db = db;
	st->h = h;
	return st;
}

/* Text that is copied: s may go before the statement runs. */
void
crm_bind_text(struct crm_stmt *st, int i, const char *s)
{
	if (st)
		st->db->eng->bind_text(st->h, i, s, 1);
}

/* Text that is not copied: s must outlive the statement's next step. */
void
crm_bind_ref(struct crm_stmt *st, int i, const char *s)
{
	if (st)
		st->db->eng->bind_text(st->h, i, s, 0);
}

void
crm_bind_int(struct crm_stmt *st, int i, long long v)
{
	if (st)
		st->db->eng->bind_int(st->h, i, v);
}

void
crm_bind_real(struct crm_stmt *st, int i, double v)
{
	if (st)
		st->db->eng->bind_real(st->h, i, v);
}

/* CRM_ROW, CRM_DONE, CRM_CONSTRAINT, or CRM_FAIL with the error kept. */
int
crm_step(struct crm_stmt *st)
{
	if (st == NULL || st->db->failed)
		return CRM_FAIL;
	return st->db->eng->step(st->db, st->h);
}

int
crm_col_count(struct crm_stmt *st)
{
	return st ? st->db->eng->col_count(st->h) : 0;
}

const char *
crm_col_name(struct crm_stmt *st, int i)
{
	return st ? st->db->eng->col_name(st->h, i) : "";
}

int
crm_col_type(struct crm_stmt *st, int i)
{
	return st ? st->db->eng->col_type(st->h, i) : CRM_NULL;
}

/* The column as text, NULL for NULL; valid until the next step. */
const char *
crm_col_text(struct crm_stmt *st, int i)
{
	return st ? st->db->eng->col_text(st->h, i) : NULL;
}

long long
crm_col_int(struct crm_stmt *st, int i)
{
	return st ? st->db->eng->col_int(st->h, i) : 0;
}

double
crm_col_real(struct crm_stmt *st, int i)
{
	return st ? st->db->eng->col_real(st->h, i) : 0;
}

void
crm_reset(struct crm_stmt *st)
{
	if (st)
		st->db->eng->reset(st->h);
}

void
crm_finalize(struct crm_stmt *st)
{
	if (st == NULL)
		return;
	st->db->eng->finalize(st->h);
	free(st);
}

/* The id of the row the last INSERT made. */
long long
crm_last_id(struct crm_db *db)
{
	return crm_db_failed(db) ? 0 : db->eng->last_id(db);
}

/* How many rows the last INSERT, UPDATE or DELETE changed. */
long long
crm_changes(struct crm_db *db)
{
	return crm_db_failed(db) ? 0 : db->eng->changes(db);
}

/*
 * Statements run through crm_exec() and crm_query_*() are kept prepared:
 * an import runs the same few statements for every row, and preparing
 * them again each time cost more than running them.  They are found by
 * the address of their text, which is why those functions take only
 * string literals (hashing the text cost 5% of an import).  A copy of
 * the text is kept beside, and compared at every use (strcmp stops at
 * the first byte that differs, and a match is one pass): SQL built in
 * a buffer whose address comes back with other text is prepared again
 * rather than run as the stale statement.
 */
static unsigned
hash(const void *key)
{
	uintptr_t p = (uintptr_t)key;

	return (unsigned)(p ^ (p >> 9));
}

static void
cache_flush(struct crm_db *db)
{
	size_t i;

	for (i = 0; i < CRM_CACHE_SIZE; i++) {
		crm_finalize(db->cache[i].st);
		free(db->cache[i].sql);
		db->cache[i].key = NULL, db->cache[i].st = NULL;
		db->cache[i].sql = NULL;
	}
}

/*
 * A prepared statement for sql, reset, found by key: the address of a
 * string literal, or any other address that stands for one text for the
 * life of the program.  Under a key whose text has changed (a reused
 * buffer), sql is prepared again.  Owned by the database; NULL once it
 * has failed.
 */
struct crm_stmt *
crm_cached(struct crm_db *db, const void *key, const char *sql)
{
	struct crm_cached *c;
	unsigned h, i;

	if (crm_db_failed(db))
		return NULL;
	h = hash(key);
	/* Look in a few slots, so two hot statements need not collide. */
	for (i = 0; i < CRM_CACHE_PROBES; i++) {
		c = &db->cache[(h + i) % CRM_CACHE_SIZE];
		if (c->key == key && strcmp(c->sql, sql) == 0) {
			db->eng->reset(c->st->h);
			db->eng->clear(c->st->h);
			return c->st;
		}
		if (c->key == key)
			goto prepare;	/* the same key, other text */
	}
	for (i = 0; i < CRM_CACHE_PROBES; i++) {
		c = &db->cache[(h + i) % CRM_CACHE_SIZE];
		if (c->key == NULL)
			break;
	}
	if (i == CRM_CACHE_PROBES)
		c = &db->cache[h % CRM_CACHE_SIZE];	/* full: the first */
prepare:
	crm_finalize(c->st);
	free(c->sql);
	c->key = NULL, c->sql = NULL;
	if ((c->st = crm_prepare(db, sql)) != NULL) {
		c->key = key;
		c->sql = crm_xstrdup(sql);
	}
	return c->st;
}

/*
 * Bind by a type string: 's' text (NULL is NULL), 'i' long long.  The
 * callers step and reset the statement before they return, so the text
 * outlives its use and need not be copied (a malloc and a free for every
 * value of every row of an import).
 */
static void
bind_args(struct crm_stmt *st, const char *types, va_list ap)
{
	int i;

	for (i = 1; types && *types; types++, i++) {
		if (*types == 'i')
			crm_bind_int(st, i, va_arg(ap, long long));
		else
			crm_bind_ref(st, i, va_arg(ap, const char *));
	}
}

/* Run st, bound, to its end: CRM_DONE, CRM_CONSTRAINT or CRM_FAIL. */
static int
run_bound(struct crm_stmt *st)
{
	int rc;

	while ((rc = crm_step(st)) == CRM_ROW)
		;
	crm_reset(st);
	return rc;
}

/*
 * Run sql to its end: CRM_DONE, CRM_CONSTRAINT or CRM_FAIL.  sql is best
 * a string literal: its address is the statement's key in the cache
 * (crm_cached).  SQL built at run time, in a buffer whose address comes
 * back with other text, is right too (crm_cached prepares it again when
 * the text differs) but prepared at each change: such SQL, run once,
 * goes through crm_prepare.
 */
int
crm_exec(struct crm_db *db, const char *sql, const char *types, ...)
{
	struct crm_stmt *st = crm_cached(db, sql, sql);
	va_list ap;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	return run_bound(st);
}

/* crm_exec_nowait and crm_exec_sure: sure says a refusal is a failure. */
static int
exec_unread(struct crm_db *db, struct crm_stmt *st, int sure)
{
	int rc;

	if (st == NULL || db->failed)
		return CRM_FAIL;
	if (db->eng->step_nowait == NULL) {
		rc = run_bound(st);
		if (rc == CRM_CONSTRAINT && sure)
			return crm_store_fail(db, CRM_EX_SOFTWARE, "%s: a new "
			    "row refused by the database", db->path);
		return rc == CRM_FAIL ? CRM_FAIL : CRM_DONE;
	}
	rc = db->eng->step_nowait(db, st->h, sure);
	crm_reset(st);
	return rc == CRM_FAIL ? CRM_FAIL : CRM_DONE;
}

/*
 * Whether the engine sends a write not waited for without waiting
 * (PostgreSQL's pipeline): then rows one at a time cost no round trip
 * each; else a multi-row statement is cheaper than as many statements.
 */
int
crm_db_nowait(const struct crm_db *db)
{
	return db->eng->step_nowait != NULL;
}

/* sql, cached, with its arguments bound, run and not waited for. */
static int
exec_unread_args(struct crm_db *db, const char *sql, int sure,
    const char *types, va_list ap)
{
	struct crm_stmt *st = crm_cached(db, sql, sql);

	bind_args(st, types, ap);
	return exec_unread(db, st, sure);
}

/*
 * A write whose outcome the caller does not read, as crm_exec, but the
 * engine need not wait for it (PostgreSQL sends it in a pipeline with
 * what follows: an import's rows are mostly such writes, and waiting for
 * each was most of their time).  A constraint undoes it alone, as
 * crm_exec's does, unreported; any other failure is kept, and the next
 * statement or crm_commit fails.  Not for a write whose id or count is
 * read after (crm_last_id, crm_changes).  CRM_DONE or CRM_FAIL.
 */
int
crm_exec_nowait(struct crm_db *db, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = exec_unread_args(db, sql, 0, types, ap);
	va_end(ap);
	return rc;
}

/*
 * A write its caller knows the database takes (a new row whose keys no
 * row has, its id given: a bulk load's, crm_bulk's next), not waited
 * for either; and as nothing is to be undone alone, PostgreSQL sends it
 * without a savepoint.  A refusal is a failure: the transaction's end.
 * CRM_DONE or CRM_FAIL.
 */
int
crm_exec_sure(struct crm_db *db, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = exec_unread_args(db, sql, 1, types, ap);
	va_end(ap);
	return rc;
}

/*
 * st, bound, as crm_exec_sure: for a write built at run time (its text
 * cached by the caller's key), reset after.  CRM_DONE or CRM_FAIL.
 */
int
crm_step_sure(struct crm_stmt *st)
{
	if (st == NULL)
		return CRM_FAIL;
	return exec_unread(st->db, st, 1);
}

/*
 * An INSERT ... ON CONFLICT DO NOTHING into table, whose ids are never
 * given twice (customers: AUTOINCREMENT, schema 17), as crm_exec: a
 * taken key is an answer (crm_changes() is 0), and then uses up no id.
 * SQLite counts the refused row's id as given unless told (sqlite.c's
 * step_insert), and only this statement is worth asking about: the
 * caller says so, rather than every step of every statement looking.
 */
int
crm_exec_insert(struct crm_db *db, const char *table, const char *sql,
    const char *types, ...)
{
	struct crm_stmt *st = crm_cached(db, sql, sql);
	va_list ap;
	int rc;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	if (st == NULL || db->eng->step_insert == NULL)
		return run_bound(st);
	rc = db->eng->step_insert(db, st->h, table);
	crm_reset(st);
	return rc;
}

/* First column of the first row as an integer, or none. */
long long
crm_query_int(struct crm_db *db, long long none, const char *sql,
    const char *types, ...)
{
	struct crm_stmt *st = crm_cached(db, sql, sql);
	long long v = none;
	va_list ap;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	if (crm_step(st) == CRM_ROW && crm_col_type(st, 0) != CRM_NULL)
		v = crm_col_int(st, 0);
	crm_reset(st);
	return v;
}

/* First column of the first row as a string to free, or NULL. */
char *
crm_query_text(struct crm_db *db, const char *sql, const char *types, ...)
{
	struct crm_stmt *st = crm_cached(db, sql, sql);
	char *v = NULL;
	va_list ap;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	if (crm_step(st) == CRM_ROW && crm_col_type(st, 0) != CRM_NULL)
		v = crm_xstrdup(crm_col_text(st, 0));
	crm_reset(st);
	return v;
}

/* Writers take the lock up front, so two queue instead of failing. */
int
crm_begin(struct crm_db *db)
{
	if (crm_exec(db, "BEGIN IMMEDIATE", NULL) == CRM_FAIL)
		return -1;
	return db->undo ? crm_undo_start(db) : 0;
}

/*
 * Commit, unless something failed: then nothing is, and -1.  Any error
 * kept counts, not only the database's: a caller that went on past a
 * failure it did not pass up must not make half its work permanent.
 */
int
crm_commit(struct crm_db *db)
{
	if (crm_db_failed(db) || crm_error())
		return -1;
	if (db->undo_change && crm_undo_finish(db) < 0)
		return -1;
	return crm_exec(db, "COMMIT", NULL) == CRM_FAIL ? -1 : 0;
}

int
crm_rollback(struct crm_db *db)
{
	if (db == NULL)
		return -1;
	db->undo_change = 0;
	return db->eng->rollback(db);
}

/* Close the database: -1 if anything failed on it (the error kept). */
int
crm_db_close(struct crm_db *db)
{
	int failed;

	if (db == NULL)
		return -1;
	cache_flush(db);
	failed = db->failed;
	if (db->eng->close(db) < 0)
		failed = 1;
	free(db);
	return failed ? -1 : 0;
}

/*
 * Run one statement whose failure the caller reports itself (a warning,
 * say): the database is not marked failed and the error is not kept;
 * *why gets its message to free.  CRM_DONE, CRM_CONSTRAINT or CRM_FAIL.
 */
int
crm_exec_try(struct crm_db *db, char **why, const char *sql,
    const char *types, ...)
{
	struct crm_stmt *st;
	int had = crm_error() != NULL, rc;
	va_list ap;

	*why = NULL;
	if (crm_db_failed(db))
		return CRM_FAIL;
	st = crm_cached(db, sql, sql);
	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	while ((rc = crm_step(st)) == CRM_ROW)
		;
	crm_reset(st);
	if (rc == CRM_FAIL) {
		db->failed = 0;
		*why = crm_xstrdup(had ? "failed" : crm_error()->msg);
		if (!had)
			crm_err_clear();
	}
	return rc;
}
