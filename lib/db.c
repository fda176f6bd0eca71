/*
 * db.c - finding, opening, creating and migrating the SQLite database, and
 * the thin layer every program runs its SQL through.
 *
 * The file is created 0600 in a 0700 directory whatever the umask, since
 * it holds customer data.  WAL lets readers run while a writer works;
 * writers take the lock up front (BEGIN IMMEDIATE) so two writers queue on
 * the busy timeout instead of failing half-way.  Any SQLite error other
 * than a constraint ends the program with a sysexits status, so callers
 * only ever see rows, done, or a constraint they asked about.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm.h"

#define SCHEMA_VERSION	3
#define APPLICATION_ID	0x63726d31	/* "crm1" */
#define BUSY_TIMEOUT_MS	5000
#define WRITE_CACHE_KB	"16384"

/* Migration N takes a database from version N-1 to N. */
static const char *const migrations[SCHEMA_VERSION] = {
	crm_schema_sql,
	crm_migrate_2_sql,
	crm_migrate_3_sql,
};

static const char *db_path;	/* for messages */
static char *made_path;		/* the file this run made, until it ends well */

/*
 * A run that made the database and then failed (a refused first import)
 * leaves no empty database behind: its file, -wal and -shm go.
 */
static void
unmake(void)
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


const char *
crm_db_path(const char *opt)
{
	const char *s;

	if (opt && *opt)
		return opt;
	if ((s = getenv("CRM_DB")) && *s)
		return s;
	if ((s = getenv("XDG_DATA_HOME")) && *s == '/')
		return crm_xasprintf("%s/crm/crm.db", s);
	if ((s = getenv("HOME")) && *s)
		return crm_xasprintf("%s/.local/share/crm/crm.db", s);
	crm_die(CRM_EX_USAGE, "HOME is not set: name the database with --db "
	    "or CRM_DB");
}

/* mkdir -p for the directory part of path; what we create is 0700. */
static void
make_parents(const char *path)
{
	char *dir = crm_xstrdup(path), *p;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0)
			chmod(dir, 0700);
		else if (errno != EEXIST)
			crm_die(CRM_EX_CANTCREAT, "cannot create directory %s:",
			    dir);
		*p = '/';
	}
	free(dir);
}

/* Create an empty file 0600 before SQLite does, so the umask has no say. */
static void
create_file(const char *path)
{
	int fd;

	make_parents(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return;
		crm_die(CRM_EX_CANTCREAT, "cannot create %s:", path);
	}
	if (fchmod(fd, 0600) < 0 || close(fd) < 0)
		crm_die(CRM_EX_CANTCREAT, "cannot create %s:", path);
}

/*
 * Say which permission is missing.  Even a reader needs to write in the
 * database's directory: SQLite keeps the WAL index (-shm) beside the file.
 */
static _Noreturn void
readonly_fail(const char *path, const char *msg)
{
	char *dir = crm_xstrdup(path), *slash = strrchr(dir, '/');

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	if (access(slash ? dir : ".", W_OK) < 0)
		crm_die(CRM_EX_CANTCREAT, "%s: cannot use the database: its "
		    "directory %s is not writable, and SQLite keeps its -wal "
		    "and -shm files there", path, slash ? dir : ".");
	if (access(path, W_OK) < 0)
		crm_die(CRM_EX_CANTCREAT, "%s: cannot write: the file is "
		    "read-only", path);
	crm_die(CRM_EX_CANTCREAT, "%s: cannot write: %s", path, msg);
}

/* End the program for an SQLite error, with the status cron can act on. */
static _Noreturn void
db_fail(sqlite3 *db, int rc)
{
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	const char *path = db_path ? db_path : "database";

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		crm_die(CRM_EX_TEMPFAIL, "%s: database is busy: another "
		    "process has held it longer than the busy timeout; try "
		    "again", path);
	case SQLITE_READONLY:
		readonly_fail(path, msg);
	case SQLITE_CANTOPEN:
		crm_die(CRM_EX_NOINPUT, "%s: cannot open: %s", path, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		crm_die(CRM_EX_DATAERR, "%s: not a usable crm database: %s",
		    path, msg);
	case SQLITE_FULL:
		crm_die(CRM_EX_IOERR, "%s: the disk is full; nothing was "
		    "changed", path);
	case SQLITE_IOERR:
		crm_die(CRM_EX_IOERR, "%s: %s (is the disk full, or a file size "
		    "limit reached?); nothing was changed", path, msg);
	default:
		crm_die(CRM_EX_SOFTWARE, "%s: %s", path, msg);
	}
}

sqlite3_stmt *
crm_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		db_fail(db, rc);
	return st;
}

void
crm_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/*
 * Statements run through crm_exec() and crm_query_*() are kept prepared:
 * an import runs the same few statements for every row, and preparing
 * them again each time cost more than running them.  They are found by
 * the address of their text, which is why those functions take only
 * string literals (hashing the text cost 5% of an import).
 */
#define CACHE_SIZE	256
#define PROBES		4

static struct cached {
	const void *key;
	sqlite3_stmt *st;
} cache[CACHE_SIZE];
static sqlite3 *cache_db;

static unsigned
hash(const void *key)
{
	uintptr_t p = (uintptr_t)key;

	return (unsigned)(p ^ (p >> 9));
}

static void
cache_flush(void)
{
	size_t i;

	for (i = 0; i < CACHE_SIZE; i++) {
		sqlite3_finalize(cache[i].st);
		cache[i].key = NULL, cache[i].st = NULL;
	}
	cache_db = NULL;
}

/*
 * A prepared statement for sql, reset, found by key: the address of a
 * string literal, or any other address that stands for one text for the
 * life of the program.  Owned by the cache.
 */
sqlite3_stmt *
crm_stmt(sqlite3 *db, const void *key, const char *sql)
{
	struct cached *c;
	unsigned h, i;

	if (db != cache_db) {
		cache_flush();
		cache_db = db;
	}
	h = hash(key);
	/* Look in a few slots, so two hot statements need not collide. */
	for (i = 0; i < PROBES; i++) {
		c = &cache[(h + i) % CACHE_SIZE];
		if (c->key == key) {
			sqlite3_reset(c->st);
			sqlite3_clear_bindings(c->st);
			return c->st;
		}
	}
	for (i = 0; i < PROBES; i++) {
		c = &cache[(h + i) % CACHE_SIZE];
		if (c->key == NULL)
			break;
	}
	if (i == PROBES)
		c = &cache[h % CACHE_SIZE];	/* full: replace the first */
	sqlite3_finalize(c->st);
	c->st = crm_prepare(db, sql);
	c->key = key;
	return c->st;
}

/* SQLITE_ROW, SQLITE_DONE or SQLITE_CONSTRAINT; anything else is fatal. */
int
crm_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		sqlite3_reset(st);
		return SQLITE_CONSTRAINT;
	}
	db_fail(sqlite3_db_handle(st), rc);
}

/*
 * Bind by a type string: 's' text (NULL is NULL), 'i' long long.  The
 * callers step and reset the statement before they return, so the text
 * outlives its use and SQLite need not copy it (a malloc and a free for
 * every value of every row of an import).
 */
static void
bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
	const char *s;
	int i;

	for (i = 1; types && *types; types++, i++) {
		switch (*types) {
		case 's':
			if ((s = va_arg(ap, const char *)))
				sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, i);
			break;
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, long long));
			break;
		default:
			crm_die(CRM_EX_SOFTWARE, "bad bind type '%c'", *types);
		}
	}
}

int
crm_exec(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = crm_stmt(db, sql, sql);
	va_list ap;
	int rc;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	while ((rc = crm_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return rc;
}

/* First column of the first row as an integer, or none. */
long long
crm_query_int(sqlite3 *db, long long none, const char *sql,
    const char *types, ...)
{
	sqlite3_stmt *st = crm_stmt(db, sql, sql);
	long long v = none;
	va_list ap;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	if (crm_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

/* First column of the first row as a string to free, or NULL. */
char *
crm_query_text(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = crm_stmt(db, sql, sql);
	char *v = NULL;
	va_list ap;

	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	if (crm_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = crm_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return v;
}

void
crm_begin(sqlite3 *db)
{
	crm_exec(db, "BEGIN IMMEDIATE", NULL);
}

void
crm_commit(sqlite3 *db)
{
	crm_exec(db, "COMMIT", NULL);
}

void
crm_audit(sqlite3 *db, const char *action, long long customer,
    const char *detail)
{
	crm_exec(db, "INSERT INTO audit (at, actor, action, customer_id, "
	    "detail) VALUES (?, ?, ?, nullif(?, 0), ?)", "sssis",
	    crm_now_str(), crm_actor(), action, customer > 0 ? customer : 0,
	    detail);
}

static int
has_tables(sqlite3 *db)
{
	return crm_query_int(db, 0, "SELECT count(*) FROM sqlite_schema",
	    NULL) > 0;
}

/*
 * Version 3 lower-cases e-mails in Unicode, not only ASCII: stored ones
 * are brought in line.  Two customers that now share an address are
 * reported, not merged behind the user's back; the second keeps its old
 * spelling until they are merged.
 */
static void
renormalise_emails(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long id, other;
	char *e;

	st = crm_prepare(db, "SELECT id, email FROM customers WHERE email "
	    "GLOB '*[^ -~]*' OR email <> trim(email) ORDER BY id");
	while (crm_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		e = crm_key_email((const char *)sqlite3_column_text(st, 1));
		other = crm_query_int(db, 0, "SELECT id FROM customers WHERE "
		    "email = ?", "s", e);
		if (other && other != id)
			crm_warn("customers %lld and %lld have one e-mail, %s: "
			    "merge them with crm-add --merge %lld %lld", other,
			    id, e, other, id);
		else if (other == 0)
			crm_exec(db, "UPDATE customers SET email = ? WHERE id = "
			    "?", "si", e, id);
		free(e);
	}
	sqlite3_finalize(st);
}

/* Bring the schema to SCHEMA_VERSION, in one transaction. */
static void
migrate(sqlite3 *db, int mode, int readonly)
{
	char sql[64];
	long long v;
	int i;

	v = crm_query_int(db, 0, "PRAGMA user_version", NULL);
	if (v == SCHEMA_VERSION)
		return;
	if (v > SCHEMA_VERSION)
		crm_die(CRM_EX_DATAERR, "%s: database schema version %lld is "
		    "newer than this crm knows (%d): upgrade crm", db_path, v,
		    SCHEMA_VERSION);
	if (v == 0 && has_tables(db) && crm_query_int(db, 0,
	    "PRAGMA application_id", NULL) != APPLICATION_ID)
		crm_die(CRM_EX_DATAERR, "%s: not a crm database", db_path);
	if (v == 0 && mode == CRM_DB_READ)
		crm_die(CRM_EX_NOINPUT, "%s: no database yet (crm-add creates "
		    "it)", db_path);
	if (readonly)
		crm_die(CRM_EX_CANTCREAT, "%s: database needs upgrading to "
		    "schema %d but is read-only", db_path, SCHEMA_VERSION);
	if (v == 0)
		crm_exec(db, "PRAGMA journal_mode = WAL", NULL);
	crm_begin(db);
	v = crm_query_int(db, 0, "PRAGMA user_version", NULL);
	for (i = (int)v; i < SCHEMA_VERSION; i++) {
		if (sqlite3_exec(db, migrations[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			db_fail(db, sqlite3_errcode(db));
	}
	if (v > 0 && v < 3)
		renormalise_emails(db);
	/* PRAGMA takes no parameters; these are our own constants. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA "
	    "application_id = %d", SCHEMA_VERSION, APPLICATION_ID);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		db_fail(db, sqlite3_errcode(db));
	crm_commit(db);
}

static int
busy_timeout(void)
{
	const char *s = getenv("CRM_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (s == NULL || *s == '\0')
		return BUSY_TIMEOUT_MS;
	ms = strtol(s, &end, 10);
	if (*end || ms < 0 || ms > 3600000)
		crm_die(CRM_EX_USAGE, "CRM_BUSY_TIMEOUT: '%s' is not a number "
		    "of milliseconds", s);
	return (int)ms;
}

/* A dry run against a database that does not exist yet: one in memory. */
static sqlite3 *
scratch_db(void)
{
	sqlite3 *db = NULL;
	int rc;

	db_path = "(dry run)";
	rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		db_fail(db, rc);
	crm_exec(db, "PRAGMA foreign_keys = ON", NULL);
	migrate(db, CRM_DB_WRITE, 0);
	return db;
}

/*
 * Our programs have one thread and one connection: SQLite's mutexes and
 * its memory accounting (a lock around every malloc) are pure cost, some
 * 5% of an import.  Only possible before SQLite starts; later calls fail
 * harmlessly.
 */
static void
configure(void)
{
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

sqlite3 *
crm_db_open(const char *opt, int mode)
{
	sqlite3 *db = NULL;
	int flags, readonly = 0, rc;
	struct stat sb;

	configure();
	db_path = crm_db_path(opt);
	crm_now();		/* a bad CRM_NOW stops us before a file is made */
	/* A file size limit (ulimit -f) is a full disk to us: an error
	 * SQLite reports and we explain, not a signal that kills. */
	signal(SIGXFSZ, SIG_IGN);
	if (stat(db_path, &sb) < 0) {
		if (errno != ENOENT)
			crm_die(CRM_EX_NOINPUT, "%s:", db_path);
		if (mode == CRM_DB_READ || mode == CRM_DB_UPDATE)
			crm_die(CRM_EX_NOINPUT, "%s: no database yet (crm-add "
			    "creates it)", db_path);
		if (mode == CRM_DB_DRYRUN)
			return scratch_db();
		create_file(db_path);
		made_path = crm_xstrdup(db_path);
		crm_fail_hook = unmake;
	} else if (S_ISDIR(sb.st_mode)) {
		crm_die(CRM_EX_NOINPUT, "%s: is a directory", db_path);
	}
	/* A reader of a file it may not write still reads it. */
	if (mode == CRM_DB_READ && access(db_path, W_OK) < 0)
		readonly = 1;
	flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(db_path, &db, flags, NULL);
	if (rc != SQLITE_OK)
		db_fail(db, rc);
	sqlite3_busy_timeout(db, busy_timeout());
	crm_exec(db, "PRAGMA foreign_keys = ON", NULL);
	/*
	 * A bulk import touches more index pages than SQLite's default 2 MB
	 * cache holds, and then spends its time writing pages out and
	 * reading them back.  Pages are allocated as used: a small change
	 * stays small.
	 */
	if (mode != CRM_DB_READ)
		crm_exec(db, "PRAGMA cache_size = -" WRITE_CACHE_KB, NULL);
	migrate(db, mode, readonly);
	return db;
}

void
crm_db_close(sqlite3 *db)
{
	if (db == cache_db)
		cache_flush();
	if (sqlite3_close(db) != SQLITE_OK)
		db_fail(db, sqlite3_errcode(db));
	free(made_path);	/* the run ended well: the file stays */
	made_path = NULL;
}

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
 * customers import as fast as with the 16 MB crm_db_open() sets (2 to 16
 * MB are all within the noise: more pages read back from the WAL, less
 * CPU for each), in a third of the memory.
 */
#define BULK_CACHE_KB	"4096"

void
crm_db_bulk_begin(sqlite3 *db, struct crm_bulk *b)
{
	crm_exec(db, "PRAGMA ignore_check_constraints = ON", NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &b->fk);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
	b->cache = crm_query_int(db, -2000, "PRAGMA cache_size", NULL);
	crm_exec(db, "PRAGMA cache_size = -" BULK_CACHE_KB, NULL);
}

void
crm_db_bulk_end(sqlite3 *db, const struct crm_bulk *b)
{
	char sql[48];

	/* PRAGMA takes no parameters: the number is SQLite's own. */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", b->cache);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		db_fail(db, sqlite3_errcode(db));
	crm_exec(db, "PRAGMA ignore_check_constraints = OFF", NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, b->fk, NULL);
}

/*
 * A consistent copy of the database in path (0600), taken through
 * SQLite's online backup while writers go on.
 */
void
crm_db_backup(sqlite3 *db, const char *path)
{
	sqlite3_backup *b;
	sqlite3 *dst = NULL;
	int fd, rc, tries;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		crm_die(CRM_EX_CANTCREAT, "%s:", path);
	if (fchmod(fd, 0600) < 0 || close(fd) < 0)
		crm_die(CRM_EX_CANTCREAT, "%s:", path);
	if ((rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL)) !=
	    SQLITE_OK) {
		unlink(path);
		crm_die(CRM_EX_CANTCREAT, "%s: %s", path, sqlite3_errstr(rc));
	}
	b = sqlite3_backup_init(dst, "main", db, "main");
	if (b == NULL) {
		unlink(path);
		crm_die(CRM_EX_CANTCREAT, "%s: %s", path, sqlite3_errmsg(dst));
	}
	/* All pages in one step: a copy of one moment, not of several. */
	for (tries = 0; ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) && tries < busy_timeout() / 50; tries++)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE || sqlite3_close(dst) != SQLITE_OK) {
		unlink(path);
		crm_die(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ?
		    CRM_EX_TEMPFAIL : rc == SQLITE_FULL || rc == SQLITE_IOERR ?
		    CRM_EX_IOERR : CRM_EX_CANTCREAT, "%s: backup failed: %s",
		    path, sqlite3_errstr(rc));
	}
}

/* Integrity and foreign keys; prints each problem, returns how many. */
long
crm_db_check(sqlite3 *db, FILE *out)
{
	sqlite3_stmt *st;
	const char *msg;
	long problems = 0;

	st = crm_prepare(db, "PRAGMA integrity_check");
	while (crm_step(st) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(msg, "ok") != 0) {
			fprintf(out, "integrity: %s\n", msg);
			problems++;
		}
	}
	sqlite3_finalize(st);
	st = crm_prepare(db, "PRAGMA foreign_key_check");
	while (crm_step(st) == SQLITE_ROW) {
		/* Tables WITHOUT ROWID (fields, tags, scores) have no rowid. */
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			fprintf(out, "foreign key: a row of %s refers to a "
			    "missing row of %s\n", sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 2));
		else
			fprintf(out, "foreign key: %s row %lld refers to a "
			    "missing row of %s\n", sqlite3_column_text(st, 0),
			    (long long)sqlite3_column_int64(st, 1),
			    sqlite3_column_text(st, 2));
		problems++;
	}
	sqlite3_finalize(st);
	return problems;
}

/*
 * Record that rows left the database (an export), in a transaction of
 * its own.  A reader that may not write says so instead of failing.
 */
void
crm_audit_export(sqlite3 *db, const char *what, long long rows)
{
	crm_audit_export_of(db, what, rows, 0);
}

/* The same for an export about one customer (> 0), which the row names. */
void
crm_audit_export_of(sqlite3 *db, const char *what, long long rows,
    long long customer)
{
	struct crm_buf d = { 0 };

	sqlite3_stmt *st;
	int rc;

	if (sqlite3_db_readonly(db, "main") == 1) {
		crm_warn("%s: read-only: the export is not in the audit trail",
		    db_path);
		return;
	}
	crm_buf_adds(&d, "{\"what\":");
	crm_json_str(&d, what);
	crm_buf_addf(&d, ",\"rows\":%lld}", rows);
	/*
	 * One statement is its own transaction.  A writer holding the
	 * database past the busy timeout must not fail a read that has
	 * already printed its rows: say so instead.
	 */
	if (sqlite3_prepare_v2(db, "INSERT INTO audit (at, actor, action, "
	    "customer_id, detail) VALUES (?, ?, 'export', nullif(?, 0), ?)",
	    -1, &st, NULL) != SQLITE_OK)
		db_fail(db, sqlite3_errcode(db));
	crm_bind_text(st, 1, crm_now_str());
	crm_bind_text(st, 2, crm_actor());
	sqlite3_bind_int64(st, 3, customer > 0 ? customer : 0);
	crm_bind_text(st, 4, d.s);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		crm_warn("%s: the export is not in the audit trail: %s",
		    db_path, sqlite3_errstr(rc));
	crm_buf_free(&d);
}
