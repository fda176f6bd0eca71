/*
 * sqlite.c - the SQLite engine behind the storage seam (store.c): the
 * only file that includes sqlite3.h.  What is SQLite's own lives here:
 * the database file and its permissions, PRAGMAs, the schema's version
 * in user_version and its migrations, bulk-load tuning, the online
 * backup, the integrity check, SQL functions, and how SQLite's errors
 * map to exit classes.
 *
 * The file is created 0600 in a 0700 directory whatever the umask, since
 * it holds customer data.  WAL lets readers run while a writer works;
 * writers take the lock up front (BEGIN IMMEDIATE) so two writers queue on
 * the busy timeout instead of failing half-way.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>		/* mallopt */
#endif
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm.h"

#define SCHEMA_VERSION	21
/* The version from which stored e-mails are in NFC (renormalise_emails). */
#define NFC_EMAILS	12
/* The version that brought cust_orders (migrate-13.sql), filled after it. */
#define ORDERS_SCHEMA	13
/* The version that brought cust_years (migrate-14.sql), filled after it. */
#define YEARS_SCHEMA	14
/* The version that made customers again with AUTOINCREMENT (migrate-17.sql). */
#define AUTOINC_SCHEMA	17
/* The version that brought reminders' source and ref (migrate-20.sql). */
#define REMIND_REF_SCHEMA	20
/* The version that brought reminders' source_due (migrate-21.sql). */
#define SOURCE_DUE_SCHEMA	21
/* The version that brought undo's shadow tables (lib/undo.c). */
#define UNDO_SCHEMA	5
#define APPLICATION_ID	0x63726d31	/* "crm1" */
#define WRITE_CACHE_KB	"16384"
/*
 * An encrypted database pays a decryption for every page read back into
 * the cache: crm-log --import of 500,000 interactions read 1,070,000
 * pages with 16 MB and ran 1.78x the plain one; with 64 MB, 1.26x
 * (bench/README.md).  Pages are allocated as used, as above.
 */
#define SEALED_CACHE_KB	"65536"

/* Migration N takes a database from version N-1 to N. */
static const char *const migrations[SCHEMA_VERSION] = {
	crm_schema_sql,
	crm_migrate_2_sql,
	crm_migrate_3_sql,
	crm_migrate_4_sql,
	crm_migrate_5_sql,
	crm_migrate_6_sql,
	crm_migrate_7_sql,
	crm_migrate_8_sql,
	crm_migrate_9_sql,
	crm_migrate_10_sql,
	crm_migrate_11_sql,
	crm_migrate_12_sql,
	crm_migrate_13_sql,	/* cust_orders: ORDERS_SCHEMA */
	crm_migrate_14_sql,	/* cust_years: YEARS_SCHEMA */
	crm_migrate_15_sql,	/* erased: the erased list (erase.c) */
	crm_migrate_16_sql,	/* agg.c's raw figures: no views */
	crm_migrate_17_sql,	/* customers' ids never given again: AUTOINC_SCHEMA */
	crm_migrate_18_sql,	/* the morning list's indexes (remind.c) */
	crm_migrate_19_sql,	/* cust_never: the never contacted (remind.c) */
	crm_migrate_20_sql,	/* a reminder's task id: REMIND_REF_SCHEMA */
	crm_migrate_21_sql,	/* people by organisation and name; source_due */
};

static char *made_path;		/* the file this run made, until it ends well */

#define CONN(db)	((sqlite3 *)(db)->h)

/*
 * A run that made the database and then failed (a refused first import)
 * leaves no empty database behind: its file, -wal and -shm go.
 */
void
crm_db_unmake(void)
{
	char *p;

	if (made_path == NULL)
		return;
	unlink(made_path);
	p = crm_xasprintf("%s-wal", made_path);
	unlink(p);
	free(p);
	p = crm_xasprintf("%s-shm", made_path);
	unlink(p);
	free(p);
	free(made_path);
	made_path = NULL;
}

/* mkdir -p for the directory part of path; what we create is 0700. */
static int
make_parents(const char *path)
{
	char *dir = crm_xstrdup(path), *p;
	int r = 0;

	for (p = dir + 1; *p && r == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0)
			chmod(dir, 0700);
		else if (errno != EEXIST)
			r = crm_fail(CRM_EX_CANTCREAT,
			    "cannot create directory %s:", dir);
		*p = '/';
	}
	free(dir);
	return r;
}

/* Create an empty file 0600 before SQLite does, so the umask has no say. */
static int
create_file(const char *path)
{
	int fd;

	if (make_parents(path) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return crm_fail(CRM_EX_CANTCREAT, "cannot create %s:", path);
	}
	if (fchmod(fd, 0600) < 0 || close(fd) < 0)
		return crm_fail(CRM_EX_CANTCREAT, "cannot create %s:", path);
	return 0;
}

/*
 * Say which permission is missing.  Even a reader needs to write in the
 * database's directory: SQLite keeps the WAL index (-shm) beside the file.
 */
static int
readonly_fail(struct crm_db *db, const char *path, const char *msg)
{
	char *dir = crm_xstrdup(path), *slash = strrchr(dir, '/');
	int r;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	if (access(slash ? dir : ".", W_OK) < 0)
		r = crm_store_fail(db, CRM_EX_CANTCREAT, "%s: cannot use the "
		    "database: its directory %s is not writable, and SQLite "
		    "keeps its -wal and -shm files there", path,
		    slash ? dir : ".");
	else if (access(path, W_OK) < 0)
		r = crm_store_fail(db, CRM_EX_CANTCREAT, "%s: cannot write: "
		    "the file is read-only", path);
	else
		r = crm_store_fail(db, CRM_EX_CANTCREAT, "%s: cannot write: "
		    "%s", path, msg);
	free(dir);
	return r;
}

/* An SQLite error as an exit class cron can act on; CRM_FAIL. */
static int
fail(struct crm_db *db, int rc)
{
	sqlite3 *conn = db && db->h ? CONN(db) : NULL;
	const char *msg = conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc);
	const char *path = db && db->path ? db->path : "database";
	const char *why = crm_crypt_failure();	/* a page that is not ours */

	if (why)
		return crm_store_fail(db, CRM_EX_NOPERM, "%s: %s; nothing was "
		    "changed", path, why);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return crm_store_fail(db, CRM_EX_TEMPFAIL, "%s: database is "
		    "busy: %s", path, crm_busy_advice());
	case SQLITE_READONLY:
		return readonly_fail(db, path, msg);
	case SQLITE_CANTOPEN:
		return crm_store_fail(db, CRM_EX_NOINPUT, "%s: cannot open: %s",
		    path, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return crm_store_fail(db, CRM_EX_DATAERR, "%s: not a usable crm "
		    "database: %s", path, msg);
	case SQLITE_FULL:
		return crm_store_fail(db, CRM_EX_IOERR, "%s: the disk is full; "
		    "nothing was changed", path);
	case SQLITE_IOERR:
		return crm_store_fail(db, CRM_EX_IOERR, "%s: %s (is the disk "
		    "full, or a file size limit reached?); nothing was changed",
		    path, msg);
	default:
		/* sum() over figures too large: the data's, not a bug. */
		if (strcmp(msg, "integer overflow") == 0)
			return crm_store_fail(db, CRM_EX_DATAERR, "%s: a sum "
			    "adds up past the largest crm keeps, "
			    CRM_SUM_LIMIT, path);
		return crm_store_fail(db, CRM_EX_SOFTWARE, "%s: %s", path, msg);
	}
}

/* The statements */

static void *
prepare(struct crm_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(CONN(db), sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		fail(db, rc);
		return NULL;
	}
	return st;
}

static void
bind_text(void *st, int i, const char *s, int copy)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, copy ? SQLITE_TRANSIENT :
		    SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_int(void *st, int i, long long v)
{
	sqlite3_bind_int64(st, i, v);
}

static void
bind_real(void *st, int i, double v)
{
	sqlite3_bind_double(st, i, v);
}

/*
 * AUTOINCREMENT (customers, schema 17) counts an id as given when an
 * INSERT ... ON CONFLICT DO NOTHING inserted nothing (the key was taken:
 * cust.c's answer that the customer is there), so a re-import of known
 * customers would use up an id for each of them.  The caller says which
 * statement that is and into which table (crm_exec_insert, step_insert
 * below: no other statement pays for it), and the table's sequence is
 * put back, as PostgreSQL forgets its count (pg.c's forget()): nothing
 * was inserted, so no id was given.
 */
#define SEQ_SQL "SELECT seq FROM sqlite_sequence WHERE name = ?"
#define SEQ_UP "UPDATE sqlite_sequence SET seq = ?1 WHERE name = ?2"

/* Prepared once for the connection, below the store (the put back is no
 * statement of the caller's: changes() answers for the INSERT); close_db
 * ends them. */
static sqlite3_stmt *seq_st, *seq_up;
static sqlite3 *seq_conn;
/* The INSERT's own changes, none, not the put back's: see changes(). */
static int seq_put;

static void
seq_end(sqlite3 *conn)
{
	if (conn != seq_conn)
		return;
	sqlite3_finalize(seq_st);
	sqlite3_finalize(seq_up);
	seq_st = seq_up = NULL;
	seq_conn = NULL;
}

/* table's sequence, or -1: it has none (a schema before 17). */
static long long
seq_before(struct crm_db *db, const char *table)
{
	long long v = -1;

	if (seq_conn != CONN(db)) {
		seq_end(seq_conn);
		seq_conn = CONN(db);
		if (sqlite3_prepare_v2(seq_conn, SEQ_SQL, -1, &seq_st, NULL) !=
		    SQLITE_OK || sqlite3_prepare_v2(seq_conn, SEQ_UP, -1,
		    &seq_up, NULL) != SQLITE_OK) {
			seq_end(seq_conn);
			return -1;	/* then an id may go unused: no harm */
		}
	}
	sqlite3_bind_text(seq_st, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(seq_st) == SQLITE_ROW)
		v = sqlite3_column_int64(seq_st, 0);
	sqlite3_reset(seq_st);
	sqlite3_clear_bindings(seq_st);
	return v;
}

static int
seq_put_back(struct crm_db *db, const char *table, long long seq)
{
	int rc;

	if (sqlite3_changes(CONN(db)) > 0 || seq_up == NULL)
		return SQLITE_DONE;
	sqlite3_bind_int64(seq_up, 1, seq);
	sqlite3_bind_text(seq_up, 2, table, -1, SQLITE_STATIC);
	rc = sqlite3_step(seq_up);
	sqlite3_reset(seq_up);
	sqlite3_clear_bindings(seq_up);
	seq_put = 1;	/* the INSERT's caller asks how many it inserted */
	return rc;
}

/* sqlite3_step's answer as the store's. */
static int
stepped(struct crm_db *db, sqlite3_stmt *st, int rc)
{
	if (rc == SQLITE_ROW)
		return CRM_ROW;
	if (rc == SQLITE_DONE)
		return CRM_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		sqlite3_reset(st);
		return CRM_CONSTRAINT;
	}
	sqlite3_reset(st);
	return fail(db, rc);
}

static int
step(struct crm_db *db, void *st)
{
	seq_put = 0;
	return stepped(db, st, sqlite3_step(st));
}

/* An INSERT ... ON CONFLICT DO NOTHING into table (crm_exec_insert). */
static int
step_insert(struct crm_db *db, void *st, const char *table)
{
	long long seq;
	int rc;

	seq_put = 0;
	seq = seq_before(db, table);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE && seq >= 0)
		rc = seq_put_back(db, table, seq);
	return stepped(db, st, rc);
}

static int
col_count(void *st)
{
	return sqlite3_column_count(st);
}

static const char *
col_name(void *st, int i)
{
	return sqlite3_column_name(st, i);
}

static int
col_type(void *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL: return CRM_NULL;
	case SQLITE_INTEGER: return CRM_INT;
	case SQLITE_FLOAT: return CRM_REAL;
	default: return CRM_TEXT;
	}
}

static const char *
col_text(void *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static long long
col_int(void *st, int i)
{
	return sqlite3_column_int64(st, i);
}

static double
col_real(void *st, int i)
{
	return sqlite3_column_double(st, i);
}

static void
reset(void *st)
{
	sqlite3_reset(st);
}

static void
clear(void *st)
{
	sqlite3_clear_bindings(st);
}

static void
finalize(void *st)
{
	sqlite3_finalize(st);
}

static long long
last_id(struct crm_db *db)
{
	return sqlite3_last_insert_rowid(CONN(db));
}

static long long
changes(struct crm_db *db)
{
	return seq_put ? 0 : sqlite3_changes(CONN(db));
}

/* A script of several statements (a migration), or CRM_FAIL. */
static int
exec_script(struct crm_db *db, const char *sql)
{
	if (crm_db_failed(db))
		return CRM_FAIL;
	if (sqlite3_exec(CONN(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, sqlite3_errcode(CONN(db)));
	return CRM_DONE;
}

/* Undo the open transaction, if any, even after a failure. */
static int
rollback(struct crm_db *db)
{
	if (db->h == NULL || sqlite3_get_autocommit(CONN(db)))
		return 0;
	return sqlite3_exec(CONN(db), "ROLLBACK", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

/* SQL functions: the same answers every engine must give. */

/* crm_sample(seed, id): the order of a fair, repeatable sample. */
static void
sql_sample_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, crm_sample_hash(sqlite3_value_int64(argv[0]),
	    sqlite3_value_int64(argv[1])));
}

/* fixed(x, n): x with n decimals as text (crm_fmt_fixed), NULL for NULL. */
static void
sql_fixed(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[64];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	crm_fmt_fixed(sqlite3_value_double(argv[0]),
	    sqlite3_value_int(argv[1]), buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* crm_now(): the time crm takes for now (CRM_NOW in tests), as text. */
static void
sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_text(ctx, crm_now_str(), -1, SQLITE_TRANSIENT);
}

static void
add_functions(sqlite3 *conn)
{
	sqlite3_create_function(conn, "crm_now", 0, SQLITE_UTF8, NULL,
	    sql_now, NULL, NULL);
	sqlite3_create_function(conn, "fixed", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_fixed, NULL, NULL);
	sqlite3_create_function(conn, "crm_sample", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_sample_hash, NULL, NULL);
}

/* Opening and migrating */

static int
has_tables(struct crm_db *db)
{
	return crm_query_int(db, 0, "SELECT count(*) FROM sqlite_schema",
	    NULL) > 0;
}

/*
 * Version 3 lower-cases e-mails in Unicode, not only ASCII, and version
 * 12 puts them in NFC (a decomposed ü as the one character): stored ones
 * are brought in line, the customers' own and their others (identities).
 * Two customers that now share an address are reported, not merged
 * behind the user's back; the second keeps its old spelling until they
 * are merged.
 */
static void
renormalise_emails(struct crm_db *db)
{
	struct crm_stmt *st;
	long long id, other;
	const char *old;
	char *e;

	st = crm_prepare(db, "SELECT id, email FROM customers WHERE email "
	    "GLOB '*[^ -~]*' OR email <> trim(email) ORDER BY id");
	while (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		e = crm_key_email(crm_col_text(st, 1));
		other = crm_cust_by_email(db, e);
		if (other && other != id)
			crm_warn("customers %lld and %lld have one e-mail, %s: "
			    "merge them with crm-add {merge} %lld %lld", other,
			    id, e, other, id);
		else if (other == 0)
			crm_exec(db, "UPDATE customers SET email = ? WHERE id = "
			    "?", "si", e, id);
		free(e);
	}
	crm_finalize(st);
	/* Sorted, so read before any is changed. */
	st = crm_prepare(db, "SELECT customer_id, value, source FROM "
	    "identities WHERE kind = 'email' AND (value GLOB '*[^ -~]*' OR "
	    "value <> trim(value)) ORDER BY customer_id, value");
	while (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		e = crm_key_email(old = crm_col_text(st, 1));
		other = strcmp(e, old) == 0 ? -1 : crm_cust_by_email(db, e);
		if (other > 0 && other != id)
			crm_warn("customers %lld and %lld have one e-mail, %s: "
			    "merge them with crm-add {merge} %lld %lld", other,
			    id, e, other, id);
		else if (other == id)	/* it has it already */
			crm_exec(db, "DELETE FROM identities WHERE kind = "
			    "'email' AND value = ? AND source = ?", "ss", old,
			    crm_col_text(st, 2));
		else if (other == 0)
			crm_exec(db, "UPDATE identities SET value = ? WHERE "
			    "kind = 'email' AND value = ? AND source = ?", "sss",
			    e, old, crm_col_text(st, 2));
		free(e);
	}
	crm_finalize(st);
}

/*
 * Schema 17 (migrate-17.sql): customers made again with AUTOINCREMENT,
 * as SQLite's documentation says, since no ALTER TABLE adds it.  Foreign
 * keys off, or dropping the table would delete every row that names a
 * customer (ON DELETE CASCADE): the PRAGMA cannot change inside a
 * transaction, the connection flag can (as a bulk load's, below).  The
 * table is made from its own SQL with AUTOINCREMENT added (a column
 * added by hand stays), its indexes and triggers (search, undo) from
 * theirs, all our own schema's text.  Every row keeps its id, so no
 * reference can break and none is checked (a scan of every
 * interaction).  Undo keeps a deleted customer's id too: the sequence
 * is raised to it here, as the script raises it to the audit trail's.
 */
#define PLAIN_ID	"INTEGER PRIMARY KEY,"
#define AUTOINC_ID	"INTEGER PRIMARY KEY AUTOINCREMENT,"

static void
remake_customers(struct crm_db *db, long long v)
{
	char *table, *keep;
	int fk = 1;

	table = crm_query_text(db, "SELECT replace(sql, '" PLAIN_ID "', '"
	    AUTOINC_ID "') || ';' FROM sqlite_schema WHERE name = "
	    "'customers' AND instr(sql, 'AUTOINCREMENT') = 0", NULL);
	if (table == NULL)
		return;		/* made with it (schema.sql), or failed */
	if (strstr(table, AUTOINC_ID) == NULL) {
		crm_store_fail(db, CRM_EX_SOFTWARE, "%s: schema %d: customers' "
		    "id is not as crm made it", db->path, AUTOINC_SCHEMA);
		free(table);
		return;
	}
	keep = crm_query_text(db, "SELECT group_concat(sql, ';' || char(10)) "
	    "|| ';' FROM sqlite_schema WHERE tbl_name = 'customers' AND type "
	    "IN ('index', 'trigger') AND sql IS NOT NULL", NULL);
	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_FKEY, -1, &fk);
	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
	exec_script(db, "CREATE TEMP TABLE crm_customers_15 AS SELECT * FROM "
	    "main.customers; DROP TABLE main.customers");
	exec_script(db, table);
	exec_script(db, "INSERT INTO main.customers SELECT * FROM "
	    "temp.crm_customers_15 ORDER BY id; DROP TABLE "
	    "temp.crm_customers_15");
	if (keep)
		exec_script(db, keep);
	if (v >= UNDO_SCHEMA)
		crm_exec(db, "UPDATE sqlite_sequence SET seq = max(seq, "
		    "coalesce((SELECT max(undo_rid) FROM undo_customers), 0)) "
		    "WHERE name = 'customers'", NULL);
	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_FKEY, fk, NULL);
	free(table);
	free(keep);
}

/*
 * Column of table added by sql when the table has none of that name:
 * ALTER TABLE has no IF NOT EXISTS, and a migration runs again on a
 * database set back to an older version (migrate-20.sql).
 */
static void
add_column(struct crm_db *db, const char *table, const char *column,
    const char *sql)
{
	if (crm_query_int(db, -1, "SELECT count(*) FROM pragma_table_info(?) "
	    "WHERE name = ?", "ss", table, column) == 0)
		exec_script(db, sql);
}

/* Schema 20's columns, before migrate-20.sql indexes them. */
static void
add_remind_refs(struct crm_db *db)
{
	add_column(db, "reminders", "source", "ALTER TABLE reminders ADD "
	    "COLUMN source TEXT NOT NULL DEFAULT ''");
	add_column(db, "reminders", "ref", "ALTER TABLE reminders ADD COLUMN "
	    "ref TEXT");
}

/* Whether this database may be brought to SCHEMA_VERSION; -1 if not. */
static int
migratable(struct crm_db *db, long long v, int mode, int readonly)
{
	if (v > SCHEMA_VERSION)
		return crm_store_fail(db, CRM_EX_DATAERR, "%s: database schema "
		    "version %lld is newer than this crm knows (%d): upgrade "
		    "crm", db->path, v, SCHEMA_VERSION);
	if (v == 0 && has_tables(db) && crm_query_int(db, 0,
	    "PRAGMA application_id", NULL) != APPLICATION_ID)
		return crm_store_fail(db, CRM_EX_DATAERR, "%s: not a crm "
		    "database", db->path);
	if (v == 0 && mode == CRM_DB_READ)
		return crm_store_fail(db, CRM_EX_NOINPUT, "%s: no database yet "
		    "(crm-add creates it)", db->path);
	if (readonly)
		return crm_store_fail(db, CRM_EX_CANTCREAT, "%s: database needs "
		    "upgrading to schema %d but is read-only", db->path,
		    SCHEMA_VERSION);
	return crm_db_failed(db) ? -1 : 0;
}

/* Bring the schema to SCHEMA_VERSION, in one transaction. */
static int
migrate(struct crm_db *db, int mode, int readonly)
{
	char sql[64];
	long long v;
	int i;

	v = crm_query_int(db, 0, "PRAGMA user_version", NULL);
	if (crm_db_failed(db))
		return -1;
	if (v == SCHEMA_VERSION)
		return 0;
	if (migratable(db, v, mode, readonly) < 0)
		return -1;
	if (v == 0)
		crm_exec(db, "PRAGMA journal_mode = WAL", NULL);
	crm_begin(db);
	v = crm_query_int(db, 0, "PRAGMA user_version", NULL);
	for (i = (int)v; i < SCHEMA_VERSION; i++) {
		if (i + 1 == AUTOINC_SCHEMA)
			remake_customers(db, v);
		if (i + 1 == REMIND_REF_SCHEMA)
			add_remind_refs(db);
		if (i + 1 == SOURCE_DUE_SCHEMA)
			add_column(db, "reminders", "source_due", "ALTER TABLE "
			    "reminders ADD COLUMN source_due TEXT");
		exec_script(db, migrations[i]);
	}
	if (v < 10)	/* migrate-10.sql's tables, from agg.c's SQL */
		crm_agg_fill(db);
	else if (v < YEARS_SCHEMA)	/* and the years' (crm_agg_fill's too) */
		crm_agg_fill_years(db);
	if (v < ORDERS_SCHEMA)	/* migrate-13.sql's, from agg.c's SQL */
		crm_agg_fill_orders(db);
	if (v > 0 && v < NFC_EMAILS)
		renormalise_emails(db);
	crm_undo_schema(db);	/* after every migration: its columns too */
	/* PRAGMA takes no parameters; these are our own constants. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA "
	    "application_id = %d", SCHEMA_VERSION, APPLICATION_ID);
	exec_script(db, sql);
	return crm_commit(db);
}

#ifndef __SANITIZE_ADDRESS__
static int
small_init(void *unused)
{
	(void)unused;
	return SQLITE_OK;
}

static void
small_shutdown(void *unused)
{
	(void)unused;
}
#endif

/*
 * glibc gives the top of the heap back to the system (brk) once 128 KB
 * of it are free, and takes it again at the next malloc.  A load's
 * multi-row INSERTs open a statement journal each, whose blocks (larger
 * than smalloc.c's classes: malloc's) are freed at the statement's end,
 * and the top of the heap with them: 23,190 brk calls at 200,000
 * customers, 7-8% of `crm-add --import --defer-index` (bench/README.md,
 * *Heap churn and the filters*).  Kept up to 64 MB (issue 16's bound on
 * the whole process), grown 8 MB at a time: pages never touched cost no
 * memory.
 * Not for sanitizer builds, whose allocator is their own.
 */
static void
keep_heap(void)
{
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TOP_PAD, 8 * 1024 * 1024);
#endif
}

/*
 * Our programs have one thread and one connection: SQLite's mutexes and
 * its memory accounting (a lock around every malloc) are pure cost, some
 * 5% of an import.  Its memory comes from smalloc.c's size classes, not
 * straight from malloc: the schema parsed on every open is some 15,000
 * small blocks (smalloc.c says why).  Sanitizer builds keep malloc, so
 * that ASan sees every block SQLite hands out.  Only possible before
 * SQLite starts; later calls fail harmlessly.
 */
static void
configure(void)
{
#ifndef __SANITIZE_ADDRESS__
	static const sqlite3_mem_methods small = {
		crm_small_alloc, crm_small_free, crm_small_realloc,
		crm_small_size, crm_small_roundup, small_init, small_shutdown,
		NULL
	};

	sqlite3_config(SQLITE_CONFIG_MALLOC, &small);
#endif
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	keep_heap();
}

/* The file for mode: made when a writer needs it; *readonly for a reader
 * that may not write it. */
static int
find_file(const char *path, int mode, int *readonly)
{
	struct stat sb;

	if (stat(path, &sb) < 0) {
		if (errno != ENOENT)
			return crm_fail(CRM_EX_NOINPUT, "%s:", path);
		if (mode == CRM_DB_READ || mode == CRM_DB_UPDATE)
			return crm_fail(CRM_EX_NOINPUT, "%s: no database yet "
			    "(crm-add creates it)", path);
		if (create_file(path) < 0)
			return -1;
		made_path = crm_xstrdup(path);
	} else if (S_ISDIR(sb.st_mode)) {
		return crm_fail(CRM_EX_NOINPUT, "%s: is a directory", path);
	}
	/* A reader of a file it may not write still reads it. */
	*readonly = mode == CRM_DB_READ && access(path, W_OK) < 0;
	return 0;
}

/*
 * Open db->path for mode; a dry run against a database that does not
 * exist yet gets one in memory.  -1 with the error kept.
 */
static int
open_db(struct crm_db *db, int mode)
{
	sqlite3 *conn = NULL;
	int readonly = 0, rc, ms, sealed = 0;
	struct stat sb;

	configure();
	if (crm_busy_timeout(&ms) < 0)
		return -1;
	/* A file size limit (ulimit -f) is a full disk to us: an error
	 * SQLite reports and we explain, not a signal that kills. */
	signal(SIGXFSZ, SIG_IGN);
	if (mode == CRM_DB_DRYRUN && stat(db->path, &sb) < 0 &&
	    errno == ENOENT) {
		db->path = "(dry run)";
		rc = sqlite3_open_v2(":memory:", &conn, SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_CREATE, NULL);
		mode = CRM_DB_WRITE;
	} else {
		if (find_file(db->path, mode, &readonly) < 0 ||
		    (sealed = crm_crypt_setup(db->path)) < 0)
			return -1;
		rc = sqlite3_open_v2(db->path, &conn, readonly ?
		    SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, sealed ?
		    crm_crypt_vfs() : NULL);
	}
	db->h = conn;
	if (rc != SQLITE_OK)
		return fail(db, rc);
	/* An encrypted database is always in WAL mode (crypt.c). */
	if (sealed && (rc = crm_crypt_wal(conn, 1)) != SQLITE_OK)
		return fail(db, rc);
	sqlite3_busy_timeout(conn, ms);
	add_functions(conn);
	crm_exec(db, "PRAGMA foreign_keys = ON", NULL);
	/*
	 * A bulk import touches more index pages than SQLite's default 2 MB
	 * cache holds, and then spends its time writing pages out and
	 * reading them back.  Pages are allocated as used: a small change
	 * stays small.
	 */
	/*
	 * A reader of an encrypted database opens every page it reads
	 * again: RFM over 2,000,000 interactions ran 1.41x the plain one
	 * with SQLite's 2 MB, 1.20x with 16 MB (peak 106 MB: the sorter
	 * sizes its buffers by the cache), 1.18x with 64 MB (240 MB).
	 */
	if (sealed && mode != CRM_DB_READ)
		crm_exec(db, "PRAGMA cache_size = -" SEALED_CACHE_KB, NULL);
	else if (sealed || mode != CRM_DB_READ)
		crm_exec(db, "PRAGMA cache_size = -" WRITE_CACHE_KB, NULL);
	return migrate(db, mode, readonly);
}

static int
close_db(struct crm_db *db)
{
	int ok = 1;

	seq_end(CONN(db));
	if (db->h && sqlite3_close(CONN(db)) != SQLITE_OK)
		ok = fail(db, sqlite3_errcode(CONN(db))) == 0;
	if (ok && !db->failed) {
		free(made_path);	/* the run ended well: the file stays */
		made_path = NULL;
	}
	return ok ? 0 : -1;
}

/* Whole-database work */

/*
 * A bulk load of customers (crm-add --import): settings measured to
 * matter while its rows go in, and put back after.
 *
 * The schema's only CHECK, customers.status IN (...), makes SQLite 3.40
 * build a temporary b-tree of the five statuses for every row written,
 * over 10% of an import; the importer has already refused any other
 * status (crm_cust_check), so while its rows go in the check is skipped.
 * Likewise the foreign key probe of every extra field and tag written:
 * their customer_id is one the import has just inserted or found in this
 * transaction, and nothing in it deletes a customer.  The pragma cannot
 * change inside a transaction; the connection flag can.  And measured
 * side by side (bench/README.md): with a 4 MB page cache 1,000,000
 * customers import as fast as with the 16 MB open_db() sets (2 to 16
 * MB are all within the noise: more pages read back from the WAL, less
 * CPU for each), in a third of the memory, once the org_id index is
 * built after the load (below).
 */
#define BULK_CACHE_KB	"4096"

/*
 * The index of people by their organisation takes an import's inserts
 * in no order (every row is linked to its organisation): built once
 * after the rows are in, in the same transaction, 1,000,000 customers
 * took 7.2 s instead of 8.3 s and 13 MB instead of 24 (its definition is
 * migrate-21.sql's).
 */
#define ORG_INDEX "CREATE INDEX IF NOT EXISTS customers_org ON customers " \
	"(org_id, name) WHERE org_id IS NOT NULL"

/*
 * A bulk load of interactions (crm-log --import) skips the same checks
 * (crm_ia_check has refused any other kind or rating; each row's
 * customer is one it has just found or made): the kind's CHECK built a
 * temporary b-tree of the kinds for every row, a third of an insert's
 * instructions.  Into a table that is empty or small next to the file,
 * the index in (kind, customer_id, at, amount) order, which takes the
 * rows in no order, is built after they are in, in the same transaction
 * (so a killed or refused import leaves it as it was); the one in
 * (customer_id, at) order stays: every row is looked for in it first.
 */
#define IA_INDEX	"interactions_kind"
#define BULK_SMALL	1	/* measured: bench/README.md */

/*
 * A load of interactions holds its page cache and, while the index above
 * is made again and the aggregates caught up, a sorter as big as the
 * cache (SQLite sizes it by cache_size): 16 MB each made 32 MB of the
 * load's peak.  At 8 MB each the load stays under issue 16's 64 MB with
 * the import's own maps (iaimport.c); the time it cost is in
 * bench/README.md (*Memory*).  An encrypted database keeps its larger
 * cache: every page read back into the cache is a decryption.
 */
#define BULK_IA_CACHE_KB	"8192"

static void
drop_ia_index(struct crm_db *db, struct crm_bulk *b)
{
	char *sql = crm_query_text(db, "SELECT sql FROM sqlite_schema WHERE "
	    "type = 'index' AND name = '" IA_INDEX "'", NULL);

	if (sql && strlen(sql) < sizeof b->index) {
		strcpy(b->index, sql);
		crm_exec(db, "DROP INDEX " IA_INDEX, NULL);
	}
	free(sql);
}

/*
 * The triggers on an interaction's insert whose every action waits while
 * an import defers the search index (fts_defer, migrate-6.sql) and the
 * aggregates (agg_defer, migrate-8.sql, migrate-13.sql): during a load
 * each does nothing but ask its WHEN.  Yet a table with an insert
 * trigger makes SQLite run every row's INSERT with a statement journal
 * (the trigger may fail after the row is in), and with no other
 * reader of the load's pages that journal copies each page the row
 * writes first, its table leaf and its index leaves: at 1,000,000 rows
 * 11% of the load's CPU time, most of it writing the journal to its
 * temporary file (bench/README.md, *Bulk loads*).  So a load drops
 * them, in its transaction, and makes them again from their own SQL at
 * its end, after the catch-ups (crm_search_catch_up, crm_agg_catch_up),
 * in the order they were made; a refused or killed load leaves them as
 * they were.  Only a trigger whose SQL still asks for its deferral is
 * dropped.
 */
#define IA_ROW_WHICH "tbl_name = 'interactions' AND name IN " \
	"('fts_interactions_ai', 'agg_interactions_ai', 'agg_orders_ai') " \
	"AND (instr(sql, 'NOT EXISTS (SELECT 1 FROM agg_defer)') OR " \
	"instr(sql, 'NOT EXISTS (SELECT 1 FROM fts_defer)'))"

/*
 * The triggers `which` (a condition on sqlite_schema) kept in b->triggers,
 * their SQL in the order they were made (so made again at the load's end
 * they fire in the same order), and dropped in the load's transaction.
 * 0 dropped; -1 none (or the database failed): the load goes as before.
 */
static int
triggers_drop(struct crm_db *db, struct crm_bulk *b, const char *which)
{
	struct crm_buf sql = { 0 };
	char *drop;

	crm_buf_addf(&sql, "SELECT group_concat(sql, ';' || char(10)) || ';' "
	    "FROM (SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND "
	    "%s ORDER BY rowid)", which);
	b->triggers = crm_query_text(db, sql.s, NULL);
	crm_buf_reset(&sql);
	crm_buf_addf(&sql, "SELECT group_concat('DROP TRIGGER ' || name, ';') "
	    "FROM (SELECT name FROM sqlite_schema WHERE type = 'trigger' AND "
	    "%s ORDER BY rowid)", which);
	drop = crm_query_text(db, sql.s, NULL);
	crm_buf_free(&sql);
	if (b->triggers == NULL || drop == NULL) {
		free(drop);
		free(b->triggers);
		b->triggers = NULL;
		return -1;
	}
	exec_script(db, drop);
	free(drop);
	return 0;
}

static void
ia_triggers_off(struct crm_db *db, struct crm_bulk *b)
{
	triggers_drop(db, b, IA_ROW_WHICH);
}

/*
 * The search index's triggers that fire for every row a load of
 * customers inserts or updates: on its customers and their extra
 * fields, tags and identities (migrate-6.sql, migrate-9.sql,
 * migrate-11.sql).  While an import defers the index they only mark the
 * customer in fts_dirty, but as an INSERT ... SELECT that reads the
 * table it writes (and an update's as a UNION), which SQLite runs
 * through a temporary b-tree made for every row: 20,000 customers took
 * 1,640 M instructions of 4,640 M that way (bench/README.md).  So a load
 * drops them, in its transaction (a refused or killed load leaves them
 * as they were; other connections read the old schema until the
 * commit), and makes them again from their own SQL at its end.  As
 * PostgreSQL's load skips its own rows' triggers (pg.c, migrate-10.sql):
 * the new customers are indexed at the end in one statement (bulk_end),
 * and temporary triggers mark those there before whose rows the load
 * adds or changes, in a WHEN that costs the load's own rows little.
 * Deletes fire as ever.  The never contacted's trigger on a new person
 * (migrate-19.sql) goes with them, and the load's people with no
 * interactions join cust_never at the end in one statement: row by row
 * it cost a load of 20,000 customers 159 M instructions (5%).
 */
#define FTS_ROW_TRIGGERS "('never_customers_ai', " \
	"'fts_customers_ai', 'fts_customers_ai_later', " \
	"'fts_customers_au', 'fts_customers_au_later', 'fts_fields_ai', " \
	"'fts_fields_ai_later', 'fts_fields_au', 'fts_fields_au_later', " \
	"'fts_tags_ai', 'fts_tags_ai_later', 'fts_tags_au', " \
	"'fts_tags_au_later', 'fts_identities_ai', " \
	"'fts_identities_ai_later', 'fts_identities_au', " \
	"'fts_identities_au_later')"

/* Each table and the column that names the customer. */
static const char *const fts_row_tables[][2] = {
	{ "customers", "id" }, { "customer_fields", "customer_id" },
	{ "tags", "customer_id" }, { "identities", "customer_id" },
};

/*
 * The temporary triggers that mark a customer there before the load (an
 * id up to lo) whose row of a table it adds or changes: the bodies are
 * migrate-11.sql's (a mark asks first).  Any change to a customer's row
 * marks them, a few more than the schema's list of columns: made again,
 * their text is the same.  A customer the load inserts is a new one
 * (SQLite numbers them above lo; crm never gives a row its id, undo.c):
 * a trigger that asked would cost every row 4,600 instructions.  The
 * names and the number are crm's own.
 */
static void
fts_mark_sql(struct crm_buf *sql, long long lo, int drop)
{
	size_t i;
	const char *t, *c;

	for (i = 0; i < CRM_NELEM(fts_row_tables); i++) {
		t = fts_row_tables[i][0];
		c = fts_row_tables[i][1];
		if (drop) {
			crm_buf_addf(sql, "DROP TRIGGER IF EXISTS "
			    "temp.crm_bulk_%s_i; DROP TRIGGER IF EXISTS "
			    "temp.crm_bulk_%s_u;\n", t, t);
			continue;
		}
		if (i > 0)	/* a customer's own row is a new one's */
			crm_buf_addf(sql, "CREATE TEMP TRIGGER crm_bulk_%s_i "
			    "AFTER INSERT ON main.%s WHEN new.%s <= %lld BEGIN "
			    "INSERT INTO fts_dirty (id) SELECT new.%s WHERE "
			    "new.%s NOT IN (SELECT id FROM fts_dirty); END;\n",
			    t, t, c, lo, c, c);
		crm_buf_addf(sql, "CREATE TEMP TRIGGER crm_bulk_%s_u AFTER "
		    "UPDATE ON main.%s WHEN old.%s <= %lld OR new.%s <= %lld "
		    "BEGIN INSERT INTO fts_dirty (id) SELECT x FROM (SELECT "
		    "old.%s AS x UNION SELECT new.%s) WHERE x NOT IN (SELECT "
		    "id FROM fts_dirty); END;\n", t, t, c, lo, c, lo, c, c);
	}
}

static void
fts_triggers_off(struct crm_db *db, struct crm_bulk *b)
{
	struct crm_buf sql = { 0 };

	b->lo = crm_query_int(db, 0, "SELECT max(id) FROM customers", NULL);
	if (triggers_drop(db, b, "name IN " FTS_ROW_TRIGGERS) < 0)
		return;
	/* Into an empty table no customer was there before: nothing to
	 * mark, and each extra field's insert need not ask (17 M
	 * instructions at 20,000 customers). */
	if (b->lo == 0)
		return;
	fts_mark_sql(&sql, b->lo, 0);
	exec_script(db, sql.s);
	crm_buf_free(&sql);
}

/*
 * The new customers' text for the search index, made in one pass rather
 * than through the view fts_customer_text (migrate-9.sql), whose three
 * correlated group_concat subqueries looked up each customer's extra
 * fields, identities and tags again: ~500 M instructions of an import
 * of 20,000 customers (bench/README.md, "Bulk loads").  The text is the
 * view's, byte for byte (t/116-bulk.bats compares them): each list is
 * read in the order of the index the view's subquery walks (a field's
 * key, an identity's primary key, a tag), its values joined as
 * group_concat joins them.  One list's rows, in its customers' order:
 */
struct fts_list {
	sqlite3_stmt *st;
	const char *sep;
	int rc;		/* SQLITE_ROW: a row waits */
};

/*
 * Which customers a pass indexes: a load's new ones (those above ?1, as
 * SQLite numbers them), or those marked in fts_dirty (a catch-up: ?1 is
 * 0), read from it in id order as the lists are.  The marks' IN walks
 * fts_dirty's rows in order and looks each customer's rows up in the
 * index a list reads, so the lists stay in the customers' order.
 */
enum { FTS_NEW, FTS_MARKED };
static const char *const fts_which[] = {
	[FTS_NEW] = "> ?1",
	[FTS_MARKED] = "IN (SELECT id FROM fts_dirty WHERE id > ?1)",
};

static const char *const fts_list_sql[][2] = {
	{ "SELECT customer_id, value FROM customer_fields WHERE customer_id "
	    "%s ORDER BY customer_id, key", "\n" },
	{ "SELECT customer_id, value FROM identities WHERE customer_id %s "
	    "ORDER BY customer_id, kind, value, source", "\n" },
	{ "SELECT customer_id, tag FROM tags WHERE customer_id %s ORDER BY "
	    "customer_id, tag", " " },
};

/* Column col of st's row as text (group_concat's and ||'s), if any. */
static void
fts_add_col(struct crm_buf *b, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	if (s)	/* NULL: nothing, as the view's coalesce */
		crm_buf_add(b, s, (size_t)sqlite3_column_bytes(st, col));
}

/* Customer id's values of l, joined, then a newline. */
static void
fts_list_add(struct crm_buf *b, struct fts_list *l, long long id)
{
	long long at;
	int first = 1;

	while (l->rc == SQLITE_ROW &&
	    (at = sqlite3_column_int64(l->st, 0)) <= id) {
		if (at == id) {
			if (!first)
				crm_buf_adds(b, l->sep);
			fts_add_col(b, l->st, 1);
			first = 0;
		}
		l->rc = sqlite3_step(l->st);
	}
	crm_buf_addc(b, '\n');
}

/* A customer's text, as the view's: the row of c, then the lists. */
static void
fts_text(struct crm_buf *b, sqlite3_stmt *c, struct fts_list *l, size_t n)
{
	long long id = sqlite3_column_int64(c, 0);
	size_t i;
	int col;

	crm_buf_reset(b);
	for (col = 1; col <= 5; col++) {	/* name ... external_id */
		fts_add_col(b, c, col);
		crm_buf_addc(b, '\n');
	}
	for (i = 0; i < n; i++)
		fts_list_add(b, &l[i], id);
	crm_buf_addc(b, '\n');
}

/* fmt (one %s) with which's condition, prepared. */
static sqlite3_stmt *
fts_prepare(struct crm_db *db, const char *fmt, int which)
{
	struct crm_buf sql = { 0 };
	sqlite3_stmt *st;

	crm_buf_addf(&sql, fmt, fts_which[which]);
	st = prepare(db, sql.s);
	crm_buf_free(&sql);
	return st;
}

/*
 * The customers which (FTS_NEW: above lo; FTS_MARKED: in fts_dirty,
 * lo 0) into the index, in id order, one row in memory at a time.  A
 * new one the catch-up indexed already (an id above lo that fts_dirty
 * named) is left as it is; a marked one's old entry the caller has
 * deleted.  The customers indexed, or -1 (the error kept).
 */
static long long
fts_index(struct crm_db *db, int which, long long lo)
{
	struct fts_list l[CRM_NELEM(fts_list_sql)] = { { 0 } };
	struct crm_buf b = { 0 };
	sqlite3_stmt *c = fts_prepare(db, which == FTS_NEW ? "SELECT id, "
	    "name, company, email, phone, external_id FROM customers WHERE id "
	    "%s AND id NOT IN (SELECT rowid FROM fts_customers WHERE rowid > "
	    "?1) ORDER BY id" : "SELECT id, name, company, email, phone, "
	    "external_id FROM customers WHERE id %s ORDER BY id", which);
	sqlite3_stmt *ins = prepare(db, "INSERT INTO fts_customers (rowid, "
	    "body) VALUES (?1, ?2)");
	size_t i;
	long long n = 0;
	int rc = SQLITE_ROW, ok = c && ins;

	for (i = 0; i < CRM_NELEM(l); i++) {
		l[i].st = fts_prepare(db, fts_list_sql[i][0], which);
		l[i].sep = fts_list_sql[i][1];
		if (l[i].st == NULL)
			ok = 0;	/* failed: recorded */
		else if (sqlite3_bind_int64(l[i].st, 1, lo) == SQLITE_OK)
			l[i].rc = sqlite3_step(l[i].st);
	}
	if (ok && sqlite3_bind_int64(c, 1, lo) == SQLITE_OK)
		while ((rc = sqlite3_step(c)) == SQLITE_ROW) {
			fts_text(&b, c, l, CRM_NELEM(l));
			sqlite3_bind_int64(ins, 1, sqlite3_column_int64(c, 0));
			sqlite3_bind_text(ins, 2, b.s, (int)b.len,
			    SQLITE_STATIC);
			if ((rc = sqlite3_step(ins)) != SQLITE_DONE ||
			    (rc = sqlite3_reset(ins)) != SQLITE_OK)
				break;
			n++;
		}
	for (i = 0; i < CRM_NELEM(l); i++)
		if (l[i].rc != SQLITE_ROW && l[i].rc != SQLITE_DONE &&
		    rc == SQLITE_DONE)
			rc = l[i].rc;
	if (ok && rc != SQLITE_DONE && !crm_db_failed(db))
		fail(db, rc);
	for (i = 0; i < CRM_NELEM(l); i++)
		sqlite3_finalize(l[i].st);
	sqlite3_finalize(c);
	sqlite3_finalize(ins);
	crm_buf_free(&b);
	return ok && rc == SQLITE_DONE ? n : -1;
}

/*
 * The customers marked in fts_dirty into the index (crm_search_catch_up):
 * as a load's own are, streamed (the view fts_customer_text looks each
 * one's lists up again, ~500 M instructions at 20,000 customers), and
 * their old entries out first.  How many were indexed, or -1.
 */
static long long
fts_index_marked(struct crm_db *db)
{
	long long cache = crm_query_int(db, -2000, "PRAGMA cache_size", NULL),
	    n;
	char sql[48];

	/* Only the marks up to the index's last entry can have one: a
	 * load's new customers, above it, cost FTS5 a look-up each (55 M
	 * instructions at 20,000, 3.5% of crm index). */
	crm_exec(db, "DELETE FROM fts_customers WHERE rowid IN (SELECT id "
	    "FROM fts_dirty WHERE id <= (SELECT rowid FROM fts_customers "
	    "ORDER BY rowid DESC LIMIT 1))", NULL);
	if (crm_db_failed(db))
		return -1;
	/* As a load's (fts_triggers_on): FTS5's pending terms written out
	 * in a cache no larger than a load's, not at the commit in the
	 * writers' 16 MB one. */
	if (cache < -atoll(BULK_CACHE_KB))
		crm_exec(db, "PRAGMA cache_size = -" BULK_CACHE_KB, NULL);
	n = fts_index(db, FTS_MARKED, 0);
	exec_script(db, "SAVEPOINT crm_fts_flush; RELEASE crm_fts_flush");
	/* PRAGMA takes no parameters: the number is SQLite's own. */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", cache);
	exec_script(db, sql);
	return crm_db_failed(db) ? -1 : n;
}

/* The load's new customers into the index and the never contacted, and
 * the triggers back. */
static void
fts_triggers_on(struct crm_db *db, const struct crm_bulk *b)
{
	struct crm_buf sql = { 0 };

	if (b->triggers == NULL)
		return;
	fts_mark_sql(&sql, 0, 1);
	exec_script(db, sql.s);
	crm_buf_free(&sql);
	exec_script(db, b->triggers);
	/* Deferred (crm-add --import --defer-index): the new customers are
	 * marked as the triggers would have marked them, in one statement,
	 * and the index waits for crm_search_catch_up. */
	if (b->defer)
		crm_exec(db, "INSERT OR IGNORE INTO fts_dirty (id) SELECT id "
		    "FROM customers WHERE id > ?", "i", b->lo);
	else
		fts_index(db, FTS_NEW, b->lo);
	/* FTS5 writes its pending terms out at a savepoint (as it did at
	 * the end of the one INSERT ... SELECT this replaced): here, in the
	 * load's 4 MB page cache, not at the commit in the 16 MB one: 200,000
	 * customers peaked at 43 MB that way, 35 MB this way. */
	exec_script(db, "SAVEPOINT crm_fts_flush; RELEASE crm_fts_flush");
	crm_exec(db, "INSERT OR IGNORE INTO cust_never SELECT id FROM "
	    "customers c WHERE id > ? AND type = 'person' AND NOT EXISTS "
	    "(SELECT 1 FROM cust_totals t WHERE t.customer_id = c.id)", "i",
	    b->lo);
}

/*
 * The id a load of customers gives its next new row (crm_bulk's next), as
 * PostgreSQL's load does: the load holds the write lock from its first
 * statement, and AUTOINCREMENT (schema 17) gives one above the largest
 * ever given, which sqlite_sequence keeps (and an INSERT with its id
 * given raises).  Into an empty table (1) the importer then makes each
 * row it knows new with its id (import.c, sure_new), without an INSERT
 * ... ON CONFLICT DO NOTHING and the sequence read before and put back
 * after it, and its organisations without looking them up: 20,000
 * customers took 56 M instructions (2%) less (bench/README.md).  0: not
 * known.
 */
static long long
bulk_next(struct crm_db *db)
{
	long long top = crm_query_int(db, -1, "SELECT max(coalesce((SELECT "
	    "max(id) FROM customers), 0), coalesce((SELECT seq FROM "
	    "sqlite_sequence WHERE name = 'customers'), 0))", NULL);

	return top < 0 || crm_db_failed(db) ? 0 : top + 1;
}

static void
bulk_begin(struct crm_db *db, struct crm_bulk *b)
{
	long long have;

	crm_exec(db, "PRAGMA ignore_check_constraints = ON", NULL);
	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_FKEY, -1, &b->fk);
	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
	b->cache = crm_query_int(db, -2000, "PRAGMA cache_size", NULL);
	b->index[0] = '\0';
	b->triggers = NULL;
	if (b->what == CRM_BULK_INTERACTIONS) {
		have = crm_query_int(db, 0, "SELECT max(id) FROM interactions",
		    NULL);
		b->empty = have == 0 && !crm_db_failed(db);
		if (b->rows > 0 && have <= b->rows * BULK_SMALL)
			drop_ia_index(db, b);
		if (b->cache == -atoll(WRITE_CACHE_KB))	/* not sealed */
			crm_exec(db, "PRAGMA cache_size = -" BULK_IA_CACHE_KB,
			    NULL);
		ia_triggers_off(db, b);
		return;
	}
	crm_exec(db, "PRAGMA cache_size = -" BULK_CACHE_KB, NULL);
	fts_triggers_off(db, b);	/* b->lo: the largest id there is */
	/* Into a table with rows the load asks for a namesake at a person's
	 * organisation (import.c's twin_added) through this index: without
	 * it each person was a scan of the table, 100,000 people into
	 * 105,000 customers six minutes (qa21).  Only into an empty one
	 * is it built after. */
	if (b->lo == 0)
		exec_script(db, "DROP INDEX IF EXISTS customers_org");
	b->next = bulk_next(db);
}

static void
bulk_end(struct crm_db *db, const struct crm_bulk *b)
{
	char sql[48];

	if (b->what == CRM_BULK_CUSTOMERS) {
		exec_script(db, ORG_INDEX);
		fts_triggers_on(db, b);
	}
	if (b->index[0])
		exec_script(db, b->index);	/* the schema's own SQL */
	if (b->what == CRM_BULK_INTERACTIONS && b->triggers)
		exec_script(db, b->triggers);	/* ia_triggers_off's */
	/* PRAGMA takes no parameters: the number is SQLite's own. */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", b->cache);
	exec_script(db, sql);
	crm_exec(db, "PRAGMA ignore_check_constraints = OFF", NULL);
	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_FKEY, b->fk, NULL);
}

static int
backup_fail(const char *path, int status, const char *msg)
{
	unlink(path);
	return crm_fail(status, "%s: %s", path, msg);
}

/*
 * A consistent copy of the database in path (0600), taken through
 * SQLite's online backup while writers go on.
 */
static int
backup(struct crm_db *db, const char *path)
{
	sqlite3_backup *b;
	sqlite3 *dst = NULL;
	int fd, rc, tries, ms, sealed;

	if (crm_busy_timeout(&ms) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return crm_fail(CRM_EX_CANTCREAT, "%s:", path);
	if (fchmod(fd, 0600) < 0 || close(fd) < 0)
		return crm_fail(CRM_EX_CANTCREAT, "%s:", path);
	/* A copy of an encrypted database is sealed with the same key. */
	if ((sealed = crm_crypt_clone(db->path, path)) < 0) {
		unlink(path);
		return -1;
	}
	if ((rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, sealed ?
	    crm_crypt_vfs() : NULL)) != SQLITE_OK || (sealed &&
	    (rc = sqlite3_exec(dst, "PRAGMA journal_mode = OFF", NULL, NULL,
	    NULL)) != SQLITE_OK)) {
		sqlite3_close(dst);
		crm_crypt_forget(path);
		return backup_fail(path, CRM_EX_CANTCREAT, sqlite3_errstr(rc));
	}
	b = sqlite3_backup_init(dst, "main", CONN(db), "main");
	if (b == NULL) {
		rc = backup_fail(path, CRM_EX_CANTCREAT, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		crm_crypt_forget(path);
		return rc;
	}
	/* All pages in one step: a copy of one moment, not of several. */
	for (tries = 0; ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) && tries < ms / 50; tries++)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE && sealed && crm_crypt_wal(dst, 1) != SQLITE_OK)
		rc = sqlite3_errcode(dst);
	if (rc != SQLITE_DONE)
		sqlite3_close(dst);
	else if (sqlite3_close(dst) != SQLITE_OK)
		rc = SQLITE_IOERR;
	crm_crypt_forget(path);		/* after the last file closed */
	if (rc != SQLITE_DONE) {
		unlink(path);
		return crm_fail(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ?
		    CRM_EX_TEMPFAIL : rc == SQLITE_FULL || rc == SQLITE_IOERR ?
		    CRM_EX_IOERR : CRM_EX_CANTCREAT, "%s: backup failed: %s",
		    path, sqlite3_errstr(rc));
	}
	return 0;
}

/*
 * Whether a line of integrity_check or quick_check on conn is a problem.
 * SQLite 3.40 says "NULL value in T.C" of every row of a WITHOUT ROWID
 * table whose NOT NULL column is outside its primary key
 * (identities.customer_id: any merged customer), so that claim is asked
 * of the table itself.  T and C are checked to be a table and column of
 * the schema before they are put in the query as quoted names (a name
 * cannot be a bound parameter); typeof(), since "IS NULL" of a NOT NULL
 * column is folded to false.  crypt.c asks it of a converted copy.
 */
int
crm_sqlite_problem(void *h, const char *msg)
{
	sqlite3 *conn = h;
	char table[128], column[128], *sql;
	sqlite3_stmt *st = NULL;
	int real = 1;

	if (strcmp(msg, "ok") == 0)
		return 0;
	if (sscanf(msg, "NULL value in %127[^.].%127s", table, column) != 2 ||
	    strchr(table, '"') || strchr(column, '"'))
		return 1;
	if (sqlite3_prepare_v2(conn, "SELECT count(*) FROM pragma_table_info(?) "
	    "WHERE name = ?", -1, &st, NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1) {
		sqlite3_finalize(st);
		st = NULL;
		sql = crm_xasprintf("SELECT count(*) FROM \"%s\" WHERE "
		    "typeof(\"%s\") = 'null'", table, column);
		if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			real = sqlite3_column_int64(st, 0) != 0;
		free(sql);
	}
	sqlite3_finalize(st);
	return real;
}

/* Integrity and foreign keys; prints each problem, returns how many. */
static long
check(struct crm_db *db, FILE *out)
{
	struct crm_stmt *st;
	const char *msg;
	long problems = 0;

	st = crm_prepare(db, "PRAGMA integrity_check");
	while (crm_step(st) == CRM_ROW) {
		msg = crm_col_text(st, 0);
		if (crm_sqlite_problem(CONN(db), msg)) {
			fprintf(out, "integrity: %s\n", msg);
			problems++;
		}
	}
	crm_finalize(st);
	/* The check goes on past a page that is not ours: we stop. */
	if ((msg = crm_crypt_failure()))
		return crm_store_fail(db, CRM_EX_NOPERM, "%s: %s; nothing was "
		    "changed", db->path, msg);
	st = crm_prepare(db, "PRAGMA foreign_key_check");
	while (crm_step(st) == CRM_ROW) {
		/* Tables WITHOUT ROWID (fields, tags, scores) have no rowid. */
		if (crm_col_type(st, 1) == CRM_NULL)
			fprintf(out, "foreign key: a row of %s refers to a "
			    "missing row of %s\n", crm_col_text(st, 0),
			    crm_col_text(st, 2));
		else
			fprintf(out, "foreign key: %s row %lld refers to a "
			    "missing row of %s\n", crm_col_text(st, 0),
			    crm_col_int(st, 1), crm_col_text(st, 2));
		problems++;
	}
	crm_finalize(st);
	return problems;
}

static int
readonly(struct crm_db *db)
{
	return sqlite3_db_readonly(CONN(db), "main") == 1;
}

static int
in_txn(struct crm_db *db)
{
	return !sqlite3_get_autocommit(CONN(db));
}

/*
 * Erasing (crm_cust_erase): from now on this connection overwrites what
 * it deletes with zeros, in table and index pages and in pages it frees,
 * so an erased value is not left in the file's unused space.  It holds
 * for the connection only, and may be set inside a transaction.
 */
static int
secure_delete(struct crm_db *db)
{
	return crm_exec(db, "PRAGMA secure_delete = ON", NULL) == CRM_FAIL ?
	    -1 : 0;
}

/*
 * After an erase is committed, its pages (zeroed) are in the WAL, and
 * the WAL still holds the earlier versions of those pages with the
 * values.  Copy the WAL into the file and truncate it to nothing.  A
 * reader that keeps a snapshot open past the busy timeout stops part of
 * it: 1, and the values stay in the WAL until a later checkpoint (the
 * last connection to close does one).
 */
static int
checkpoint(struct crm_db *db)
{
	int rc, log = 0, done = 0;

	rc = sqlite3_wal_checkpoint_v2(CONN(db), NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	if (rc == SQLITE_BUSY || (rc == SQLITE_OK && log > 0 && done < log))
		return 1;
	if (rc != SQLITE_OK)
		return fail(db, rc);
	return 0;
}

/*
 * Triggers on or off (undo.c's crm_undo_update: an update whose only
 * trigger is undo's, which it has done the work of).  Statements made
 * before are prepared again: SQLite codes the triggers into them.
 */
static int
triggers(struct crm_db *db, int on)
{
	int was = 1;

	sqlite3_db_config(CONN(db), SQLITE_DBCONFIG_ENABLE_TRIGGER, on, &was);
	return was;
}

const struct crm_engine crm_sqlite = {
	.name = "sqlite",
	.undo = 1,
	.cells = 1,
	.fts5 = 1,
	.open = open_db,
	.close = close_db,
	.prepare = prepare,
	.bind_text = bind_text,
	.bind_int = bind_int,
	.bind_real = bind_real,
	.step = step,
	.step_insert = step_insert,
	.col_count = col_count,
	.col_name = col_name,
	.col_type = col_type,
	.col_text = col_text,
	.col_int = col_int,
	.col_real = col_real,
	.reset = reset,
	.clear = clear,
	.finalize = finalize,
	.last_id = last_id,
	.changes = changes,
	.rollback = rollback,
	.bulk_begin = bulk_begin,
	.bulk_end = bulk_end,
	.index_marked = fts_index_marked,
	.in_txn = in_txn,
	.backup = backup,
	.check = check,
	.readonly = readonly,
	.secure_delete = secure_delete,
	.checkpoint = checkpoint,
	.triggers = triggers,
};
