/*
 * pg.c - the PostgreSQL engine behind the storage seam (store.c): the
 * only file that includes libpq-fe.h.  Chosen by a database name that
 * is a libpq connection string (db.c: postgresql://, postgres://, or
 * key=value); see doc/scale.md for what runs on it and what does not yet.
 *
 * One copy of every query.  The programs' SQL is SQLite's; what differs
 * is bridged in two places, never by a second copy of a query:
 *  - here, mechanically, once when a statement is prepared (rewrite()):
 *    ?, ?N, @name, :name -> $N; BEGIN IMMEDIATE -> BEGIN and the
 *    writers' lock; BEGIN DEFERRED (a reader's snapshot, crm copy) ->
 *    a read-only REPEATABLE READ transaction; INSERT OR IGNORE -> ON CONFLICT DO NOTHING; [NOT]
 *    GLOB -> the ~# and !~# operators; COLLATE BINARY -> COLLATE "C";
 *    x IS [NOT] y -> IS [NOT]
 *    DISTINCT FROM; CAST (x AS INTEGER/REAL) -> crm_int(x)/crm_real(x)
 *    (toward zero, text by its leading number); INTEGER, REAL ->
 *    bigint, float8; temp.t -> pg_temp.t; a subquery in FROM gets a
 *    name; printf(f, a, ...) -> crm_printf(f, ARRAY[(a)::text, ...]);
 *    json_array, json_group_array and _object -> PostgreSQL's, as text;
 *    an INSERT into a table with ids returns the id (SQLite's
 *    last_insert_rowid);
 *  - in the schema (share/crm/pg/schema.sql): functions with SQLite's
 *    names and meanings (julianday, strftime, date, instr,
 *    group_concat, total, min/max of several, sum/max of comparisons,
 *    crm_now, fixed, crm_sample ...).
 *
 * What SQLite promises that PostgreSQL does not by itself, kept here:
 *  - Writers queue, as BEGIN IMMEDIATE makes them on SQLite: a write
 *    transaction takes one advisory lock first, waiting at most the busy
 *    timeout (CRM_BUSY_TIMEOUT), then 75 as on SQLite.  Readers never
 *    wait (MVCC).  A serialization failure or a deadlock (another client
 *    of the same server) is retried: a statement of its own alone, a
 *    transaction as a whole from its journal (see retry()); then 75.
 *  - A failed statement does not end the transaction: on SQLite a
 *    constraint (CRM_CONSTRAINT) undoes that statement only and the
 *    caller goes on.  PostgreSQL aborts the whole transaction, so each
 *    write inside one runs under a savepoint, sent with it in one round
 *    trip (the pipeline; and writes whose outcome is not read are not
 *    waited for: step_nowait; a bulk load's new rows, numbered by the
 *    client, go without a savepoint, many rows an INSERT or a COPY:
 *    batch_send).
 *  - Rows are read one at a time (single-row mode), so memory stays
 *    constant however long the listing.  A statement run while another's
 *    rows are still being read (a look-up per row) makes the first be
 *    read to its end into memory first: one connection carries one
 *    query at a time.
 *  - Typeless values: a column's type is told by PostgreSQL's type; a
 *    boolean reads as 1 or 0, a whole numeric (sum of integers) as an
 *    integer, a real as SQLite prints it ("2.5", "3.0").
 *
 * A password never goes in the connection string (it would be on the
 * command line, in ps and in the shell's history): one is refused, and
 * libpq's ~/.pgpass, PGPASSFILE or PGPASSWORD give it instead.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The schema version of share/crm/pg/schema.sql (SQLite's it matches),
 * and of its last migration (share/crm/pg/migrate-N.sql, below). */
#define PG_SCHEMA_FIRST		8
#define PG_SCHEMA_VERSION	21
#define RETRIES			5	/* a lone statement's serialization */
/* libpq before 17 cannot read a statement's description of more
 * parameters (a message over 30,000 bytes): see describe(). */
#define DESCRIBE_MAX		7000
#define PIPE_MAX		128	/* writes sent before their outcome is read */
#define BATCH_LOG		6	/* sure INSERTs sent as one (batch_send), */
#define BATCH_ROWS		(1 << BATCH_LOG)	/* at most so many */
#define SURE_STMTS		8	/* statements with sure rows waiting */
#define SURE_ROWS		8192	/* rows waiting in all, then they go */
#define COPY_MIN		1024	/* fewer go as INSERTs */
#define COPY_CHUNK		65536	/* bytes of COPY data a message */
/* A transaction's journal, to retry it: the memory it holds, counted
 * as malloc spends it.  32 MB counted as its values' bytes was some 70
 * MB held (a pointer array and a copy of each value apiece), the most
 * of crm-add --import's peak (issue 16: every command under 64 MB). */
#define JOURNAL_MAX		(8L << 20)
/* The writers' lock: "crm1", as SQLite's application_id. */
#define WRITERS_LOCK		"1668443441"
#define TEXTOID			25
#define BOOLOID			16
#define INT2OID			21
#define INT4OID			23
#define INT8OID			20
#define OIDOID			26
#define FLOAT4OID		700
#define FLOAT8OID		701
#define NUMERICOID		1700
/* libpq's soname: the library pq_load opens */
#define LIBPQ			"libpq.so.5"

extern const char crm_pg_schema_sql[];
extern const char crm_pg_migrate_9_sql[];
extern const char crm_pg_migrate_10_sql[];
extern const char crm_pg_migrate_11_sql[];
extern const char crm_pg_migrate_12_sql[];
extern const char crm_pg_migrate_13_sql[];
extern const char crm_pg_migrate_14_sql[];
extern const char crm_pg_migrate_15_sql[];
extern const char crm_pg_migrate_16_sql[];
extern const char crm_pg_migrate_17_sql[];
extern const char crm_pg_migrate_18_sql[];
extern const char crm_pg_migrate_19_sql[];
extern const char crm_pg_migrate_20_sql[];
extern const char crm_pg_migrate_21_sql[];
extern const char crm_pg_rls_sql[];
static const char *const migrations[PG_SCHEMA_VERSION - PG_SCHEMA_FIRST] = {
	crm_pg_migrate_9_sql,		/* search: pg_trgm (search.c) */
	crm_pg_migrate_10_sql,		/* bulk loads skip triggers */
	crm_pg_migrate_11_sql,		/* and the id trigger, ids given */
	crm_pg_migrate_12_sql,		/* cust_orders (agg.c) */
	crm_pg_migrate_13_sql,		/* e-mails in NFC */
	crm_pg_migrate_14_sql,		/* erased: the erased list */
	crm_pg_migrate_15_sql,		/* customers' ids never given again */
	crm_pg_migrate_16_sql,		/* the morning list's indexes (remind.c) */
	crm_pg_migrate_17_sql,		/* cust_never: the never contacted */
	crm_pg_migrate_18_sql,		/* cust_orders by statement (agg.c) */
	crm_pg_migrate_19_sql,		/* the totals and months by statement */
	crm_pg_migrate_20_sql,		/* a reminder's task id (remimport.c) */
	crm_pg_migrate_21_sql,		/* the audit actor: a login not the owner */
};

enum { ST_QUERY, ST_WRITE, ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_SNAPSHOT };
enum { S_IDLE, S_STREAM, S_BUFFERED, S_DONE };

/* A write sent in the pipeline, its outcome not read yet. */
struct pending {
	struct pgst *st;
	char **vals;			/* copies of its values, to send again */
	int release;			/* it went after RELEASE SAVEPOINT */
	int sure;			/* crm_exec_sure: alone, no savepoint */
};

/* Sure INSERTs of one statement waiting in the client (sure_add). */
struct sure {
	struct pgst *st;
	char **vals;			/* n rows of st->nparams, owned */
	int n, cap;
	int first;			/* its place among them, first used */
};

/* A statement of the open transaction, to run again (see retry()). */
struct jentry {
	char name[24];			/* the prepared statement */
	int nparams, write;
	char **vals;			/* copies of its values */
	int blind;			/* not waited for: nothing to compare */
	unsigned long long hash;	/* of what its caller was told */
	long rows;			/* rows its caller read */
	int ended;			/* its caller saw its end */
};

struct pgconn {
	PGconn *c;
	struct jentry *j;		/* the journal of the transaction */
	size_t nj;
	long jbytes;
	int jon;			/* kept: a write transaction, not too big */
	unsigned jgen;			/* which transaction's journal */
	int tries;			/* times it was begun again */
	char **unprepare;		/* DEALLOCATE once the journal is done */
	size_t nunprepare;
	unsigned names;			/* statements prepared so far */
	struct pgst *streaming;		/* whose rows are on the wire */
	long long changes, last_id;
	int savepoint;			/* one is open in the transaction */
	int pipe;			/* in pipeline mode */
	int sync;			/* the streaming one ends the pipeline */
	struct pending *q;		/* writes not waited for, in order */
	size_t nq;
	struct sure sure[SURE_STMTS];	/* sure rows waiting, to go */
	int nsure;			/* statements in it, first used first */
	long nsurerows;			/* rows in it */
	struct pgst *setnext;		/* the id count past them (sure_go) */
	struct crm_seen waiting;	/* their keys' values (batch_before) */
	int waiting_any;		/* some are in it */
	int unmade;			/* UNMADE_*: see migrate() */
};

/* A database crm never wrote: its schema is in the open transaction, not
 * committed yet; at the end of a run that went well, a writer's is. */
enum { UNMADE_NOT, UNMADE_WRITE, UNMADE_DRYRUN };

struct pgst {
	struct crm_db *db;
	char name[24];
	int kind, returning;
	int nparams;
	char **vals;			/* what is bound, as text */
	char **owned;			/* the copies among them, to free */
	char (*num)[24];		/* integers, printed */
	PGresult *desc;			/* the columns */
	int state;
	PGresult *row;			/* the current row */
	PGresult **buf;			/* results read ahead */
	size_t nbuf, ibuf;
	int eof;			/* its results are read to their end */
	long je;			/* its journal entry, or -1 */
	unsigned jgen;			/* of the journal it is in */
	long delivered;			/* rows its caller has had */
	char forget[48];		/* crm.next_TABLE: see forget() */
	char text[40];			/* a boolean or real, as text */
	char *sql;			/* an INSERT ... VALUES: its text, */
	struct pgst *multi[BATCH_LOG + 1];	/* and 2^k rows a statement */
	struct copyplan *copy;		/* its rows as COPY, or NULL */
	int copy_tried;			/* copy_plan was asked */
	int keyed;			/* may go before the rows waiting
					 * (batch_before) */
	int *keyp;			/* an INSERT's parameters that give
					 * its key columns (key_params) */
	int nkeyp;			/* how many; -1 all of them */
	int ownp;			/* the one of its id column, or -1 */
};

#define PC(db)	((struct pgconn *)(db)->h)

/*
 * libpq, loaded when a connection string is first met (pq_load), not
 * linked: linked, it and the libraries it needs (OpenSSL, Kerberos,
 * LDAP, ...) were loaded and relocated at the start of every run of
 * every program, SQLite's too: some 10.8 M instructions, 38% of a
 * crm-log call (bench/README.md, "One crm-log call against issue 16's
 * start").  The functions used, called through pq by the names
 * libpq-fe.h declares; one used and not listed fails to link.
 */
#define PQ_FUNCS(X) \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconndefaults) \
	X(PQconnectdb) X(PQconninfoFree) X(PQconninfoParse) \
	X(PQdescribePrepared) X(PQenterPipelineMode) \
	X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQexecPrepared) \
	X(PQexitPipelineMode) X(PQfinish) X(PQfname) X(PQfreemem) \
	X(PQftype) X(PQgetResult) X(PQgetisnull) X(PQgetlength) \
	X(PQgetvalue) X(PQmakeEmptyPGresult) X(PQnfields) \
	X(PQntuples) X(PQpipelineSync) X(PQprepare) X(PQputCopyData) \
	X(PQputCopyEnd) X(PQresultErrorField) X(PQresultStatus) \
	X(PQsendQueryParams) X(PQsendQueryPrepared) \
	X(PQsetNoticeReceiver) X(PQsetSingleRowMode) X(PQstatus) \
	X(PQtransactionStatus)

#define PQ_POINTER(f)	__typeof__(f) *f;
static struct {
	PQ_FUNCS(PQ_POINTER)
} pq;

/*
 * 0, or -1 with the error kept when libpq cannot be loaded: 69
 * (EX_UNAVAILABLE), a part of the system that is missing, not a fault of
 * crm's (70); the message names the package to install.
 */
static int
pq_load(void)
{
	static int loaded;
	void *h;

	if (loaded)
		return 0;
	if ((h = dlopen(LIBPQ, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return crm_fail(CRM_EX_UNAVAILABLE, "PostgreSQL: cannot load "
		    "libpq: %s (install it: Debian's package libpq5)",
		    dlerror());
#define PQ_LOOKUP(f)							\
	if ((pq.f = (__typeof__(pq.f))dlsym(h, #f)) == NULL)		\
		return crm_fail(CRM_EX_UNAVAILABLE, "PostgreSQL: %s has no "	\
		    "%s (libpq 14 or later is needed: Debian's package "	\
		    "libpq5)", LIBPQ, #f);
	PQ_FUNCS(PQ_LOOKUP)
	loaded = 1;
	return 0;
}

#define PQclear			(*pq.PQclear)
#define PQcmdStatus		(*pq.PQcmdStatus)
#define PQcmdTuples		(*pq.PQcmdTuples)
#define PQconndefaults		(*pq.PQconndefaults)
#define PQconnectdb		(*pq.PQconnectdb)
#define PQconninfoFree		(*pq.PQconninfoFree)
#define PQconninfoParse		(*pq.PQconninfoParse)
#define PQdescribePrepared	(*pq.PQdescribePrepared)
#define PQenterPipelineMode	(*pq.PQenterPipelineMode)
#define PQerrorMessage		(*pq.PQerrorMessage)
#define PQexec			(*pq.PQexec)
#define PQexecParams		(*pq.PQexecParams)
#define PQexecPrepared		(*pq.PQexecPrepared)
#define PQexitPipelineMode	(*pq.PQexitPipelineMode)
#define PQfinish		(*pq.PQfinish)
#define PQfname			(*pq.PQfname)
#define PQfreemem		(*pq.PQfreemem)
#define PQftype			(*pq.PQftype)
#define PQgetResult		(*pq.PQgetResult)
#define PQgetisnull		(*pq.PQgetisnull)
#define PQgetlength		(*pq.PQgetlength)
#define PQgetvalue		(*pq.PQgetvalue)
#define PQmakeEmptyPGresult	(*pq.PQmakeEmptyPGresult)
#define PQnfields		(*pq.PQnfields)
#define PQntuples		(*pq.PQntuples)
#define PQpipelineSync		(*pq.PQpipelineSync)
#define PQprepare		(*pq.PQprepare)
#define PQputCopyData		(*pq.PQputCopyData)
#define PQputCopyEnd		(*pq.PQputCopyEnd)
#define PQresultErrorField	(*pq.PQresultErrorField)
#define PQresultStatus		(*pq.PQresultStatus)
#define PQsendQueryParams	(*pq.PQsendQueryParams)
#define PQsendQueryPrepared	(*pq.PQsendQueryPrepared)
#define PQsetNoticeReceiver	(*pq.PQsetNoticeReceiver)
#define PQsetSingleRowMode	(*pq.PQsetSingleRowMode)
#define PQstatus		(*pq.PQstatus)
#define PQtransactionStatus	(*pq.PQtransactionStatus)

/* Errors */

/* The first line of the server's message, without "ERROR:  ". */
static const char *
pg_msg(const PGresult *r, PGconn *c, char *buf, size_t len)
{
	const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;
	size_t n;

	if (m == NULL)
		m = c ? PQerrorMessage(c) : "no connection";
	n = strcspn(m, "\n");
	snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), m);
	return buf;
}

static const char *
sqlstate(const PGresult *r)
{
	const char *s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	return s ? s : "";
}

static int
is_constraint(const char *state)
{
	return strncmp(state, "23", 2) == 0;	/* integrity violations */
}

static int
is_retryable(const char *state)
{
	return strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0;
}

/* A PostgreSQL error as an exit class cron can act on; CRM_FAIL. */
static int
fail(struct crm_db *db, const PGresult *r)
{
	const char *state = sqlstate(r);
	char m[512];

	pg_msg(r, db->h ? PC(db)->c : NULL, m, sizeof m);
	if (is_retryable(state))
		return crm_store_fail(db, CRM_EX_TEMPFAIL, "%s: %s: another "
		    "client changed the same rows; nothing was changed, try "
		    "again", db->path, m);
	if (strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
		return crm_store_fail(db, CRM_EX_TEMPFAIL, "%s: database is "
		    "busy: %s", db->path, crm_busy_advice());
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return crm_store_fail(db, CRM_EX_TEMPFAIL, "%s: the server "
		    "went away: %s; try again", db->path, m);
	if (strcmp(state, "53100") == 0)
		return crm_store_fail(db, CRM_EX_IOERR, "%s: the server's disk "
		    "is full; nothing was changed", db->path);
	if (strncmp(state, "42501", 5) == 0)
		return crm_store_fail(db, CRM_EX_NOPERM, "%s: %s", db->path, m);
	/* A kept figure (a customer's revenue) past bigint: SQLite's
	 * "integer overflow", refused as bad data there too. */
	if (strcmp(state, "22003") == 0)
		return crm_store_fail(db, CRM_EX_DATAERR, "%s: a figure adds up "
		    "past the largest sum crm keeps, " CRM_SUM_LIMIT
		    "; nothing was changed (%s)", db->path, m);
	if (strcmp(state, "25006") == 0)
		return crm_store_fail(db, CRM_EX_CANTCREAT, "%s: cannot write: "
		    "%s", db->path, m);
	return crm_store_fail(db, CRM_EX_SOFTWARE, "%s: %s", db->path, m);
}

static int park(struct crm_db *);

/* Run one command of our own (no parameters); CRM_DONE or CRM_FAIL. */
static int
run(struct crm_db *db, const char *sql)
{
	PGresult *r;
	ExecStatusType s;
	int rc = CRM_DONE;

	if (park(db) == CRM_FAIL)
		return CRM_FAIL;
	r = PQexec(PC(db)->c, sql);
	s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = fail(db, r);
	PQclear(r);
	return rc;
}

/* The SQL dialect, rewritten once per statement */

static int
word_is(const char *p, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]) &&
	    p[n] != '_';
}

static const char *
skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* Tables whose rows have ids (INTEGER PRIMARY KEY id: SQLite's rowid). */
static int
has_ids(const char *p)
{
	static const char *const tables[] = { "customers", "interactions",
	    "rules", "reminders", "audit", "deals", "deal_history", NULL };
	int i;

	for (i = 0; tables[i]; i++)
		if (word_is(p, tables[i]))
			return 1;
	return 0;
}

/*
 * May a statement of kind, SQL p (PostgreSQL's), go before the rows
 * waiting in the client when it reads or writes only rows of keys none
 * of them holds (batch_before)?  A read, an UPDATE or DELETE, an INSERT
 * into a table without ids; not an INSERT that takes an id, which would
 * take it before the rows waiting took theirs (an audit row of a change
 * undo reads, crm_exec_nowait): SQLite numbers them in the order
 * written.
 */
static int
keyed(int kind, const char *p)
{
	if (kind == ST_QUERY)
		return 1;
	if (kind != ST_WRITE)
		return 0;
	p = skip_space(p);
	if (word_is(p, "UPDATE") || word_is(p, "DELETE"))
		return 1;
	return word_is(p, "INSERT") && word_is(p = skip_space(p + 6),
	    "INTO") && !has_ids(skip_space(p + 4));
}

/* Where a CAST's "AS type" starts, and its closing parenthesis. */
static int
cast_parts(const char *open, const char **as, const char **close)
{
	const char *p = open + 1, *last = NULL;
	int depth = 1;

	for (; *p && depth > 0; p++) {
		if (*p == '\'' || *p == '"') {	/* to its closing quote */
			if ((p = strchr(p + 1, *p)) == NULL)
				return -1;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (depth == 1 && isspace((unsigned char)p[-1]) &&
		    word_is(p, "AS")) {
			last = p;
		}
	}
	if (depth > 0 || last == NULL)
		return -1;
	*as = last;
	*close = p - 1;
	return 0;
}

/* The parenthesis that closes the one at open, or NULL. */
static const char *
matching(const char *open)
{
	const char *p = open + 1;
	int depth = 1;

	for (; *p; p++) {
		if (*p == '\'' || *p == '"') {	/* to its closing quote */
			if ((p = strchr(p + 1, *p)) == NULL)
				return NULL;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p;
		}
	}
	return NULL;
}

/*
 * The closing parenthesis of a subquery in FROM that has no name (open
 * is its opening one), or NULL: SQLite needs none, PostgreSQL 15 does.
 */
static const char *
unnamed_subquery(const char *open)
{
	static const char *const after[] = { "WHERE", "GROUP", "ORDER",
	    "LIMIT", "JOIN", "LEFT", "INNER", "CROSS", "ON", "UNION",
	    "EXCEPT", "INTERSECT", "WINDOW", "HAVING", "USING", "NATURAL",
	    "FULL", "RIGHT", "OFFSET", NULL };
	const char *p = open + 1, *q;
	int i;

	if (!word_is(skip_space(p), "SELECT") && !word_is(skip_space(p),
	    "WITH") && !word_is(skip_space(p), "VALUES"))
		return NULL;
	if ((p = matching(open)) == NULL)
		return NULL;
	p++;
	q = skip_space(p);
	if (!isalpha((unsigned char)*q) && *q != '"')
		return p - 1;		/* ")" then ",", ")" or the end */
	for (i = 0; after[i]; i++)
		if (word_is(q, after[i]))
			return p - 1;
	return NULL;
}

static const char *const json_functions[][2] = {
	{ "json_array", "json_build_array(" },
	{ "json_group_array", "json_agg(" },
	{ "json_group_object", "json_object_agg(" },
};

/* Which of SQLite's JSON functions is called at p; *open its '('. */
static int
json_function(const char *p, const char **open)
{
	size_t i;

	for (i = 0; i < sizeof json_functions / sizeof json_functions[0]; i++)
		if (word_is(p, json_functions[i][0]) && *(*open = skip_space(p +
		    strlen(json_functions[i][0]))) == '(')
			return (int)i;
	return -1;
}

/* Text to put before given places of the statement, in their order. */
#define INSERTS	512
struct inserts {
	int n, next;
	const char *at[INSERTS];
	const char *text[INSERTS];
};

static int
insert(struct inserts *ins, const char *at, const char *text)
{
	int i;

	if (ins->n == INSERTS)
		return -1;
	for (i = ins->n; i > ins->next && ins->at[i - 1] > at; i--) {
		ins->at[i] = ins->at[i - 1];
		ins->text[i] = ins->text[i - 1];
	}
	ins->at[i] = at, ins->text[i] = text;
	ins->n++;
	return 0;
}

/*
 * printf(fmt, a, b) is crm_printf(fmt, ARRAY[(a)::text, (b)::text]): SQLite's
 * printf takes any values, and a PostgreSQL function of SQL cannot.  The
 * places are marked in ins; -1 (left as it is) when it has no arguments.
 */
static int
printf_args(struct inserts *ins, const char *open)
{
	const char *p = open + 1, *commas[32];
	int depth = 1, n = 0, i;

	for (; *p && depth > 0; p++) {
		if (*p == '\'' || *p == '"') {	/* to its closing quote */
			if ((p = strchr(p + 1, *p)) == NULL)
				return -1;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == ',' && depth == 1 && n < 32) {
			commas[n++] = p;
		}
	}
	if (depth > 0 || n == 0 || n == 32 || ins->n + 2 * n > INSERTS)
		return -1;
	insert(ins, commas[0] + 1, " ARRAY[(");
	for (i = 1; i < n; i++) {
		insert(ins, commas[i], ")::text");
		insert(ins, commas[i] + 1, "(");
	}
	insert(ins, p - 1, ")::text]");
	return 0;
}

/* SQLite's named parameters (@name, :name) are numbered as it does. */
struct params {
	int top;
	int n;
	char names[32][32];
	int nums[32];
};

static int
named_param(struct params *ps, const char *p, const char **end)
{
	const char *q = p + 1;
	size_t len;
	int i;

	while (isalnum((unsigned char)*q) || *q == '_')
		q++;
	*end = q;
	len = (size_t)(q - p);
	for (i = 0; i < ps->n; i++)
		if (strlen(ps->names[i]) == len &&
		    strncmp(ps->names[i], p, len) == 0)
			return ps->nums[i];
	if (ps->n < 32 && len < sizeof ps->names[0]) {
		memcpy(ps->names[ps->n], p, len);
		ps->names[ps->n][len] = '\0';
		ps->nums[ps->n++] = ps->top + 1;
	}
	return ++ps->top;
}

/*
 * A word of SQLite's at p, written as PostgreSQL's into b; the text
 * after it, or NULL when the word is kept as it is.
 */
static const char *
rewrite_word(struct crm_buf *b, const char *p, int kind)
{
	const char *q;

	if (word_is(p, "GLOB")) {
		crm_buf_adds(b, "~#");
		return p + 4;
	}
	/* Types: SQLite's INTEGER is 64 bits, its REAL a double. */
	if (word_is(p, "INTEGER")) {
		crm_buf_adds(b, "bigint");
		return p + 7;
	}
	if (word_is(p, "REAL")) {
		crm_buf_adds(b, "float8");
		return p + 4;
	}
	/* SQLite's schema of temporary tables is PostgreSQL's pg_temp. */
	if (word_is(p, "temp") && p[4] == '.') {
		crm_buf_adds(b, "pg_temp");
		return p + 4;
	}
	if (word_is(p, "NOT") && word_is(skip_space(p + 3), "GLOB")) {
		crm_buf_adds(b, "!~#");
		return skip_space(p + 3) + 4;
	}
	/* SQLite's BINARY, bytes, is PostgreSQL's "C" (lower() of it folds
	 * ASCII only, as SQLite's: expr.c's FOLD). */
	if (word_is(p, "COLLATE") && word_is(skip_space(p + 7), "BINARY")) {
		crm_buf_adds(b, "COLLATE \"C\"");
		return skip_space(p + 7) + 6;
	}
	if (word_is(p, "IMMEDIATE") && kind == ST_BEGIN)
		return p + 9;
	/* x IS y, x IS NOT y: null-safe comparisons of any two values. */
	if (word_is(p, "IS")) {
		q = skip_space(p + 2);
		if (word_is(q, "NOT")) {
			q = skip_space(q + 3);
			if (word_is(q, "NULL") || word_is(q, "TRUE") ||
			    word_is(q, "FALSE") || word_is(q, "DISTINCT"))
				return NULL;
			crm_buf_adds(b, "IS DISTINCT FROM ");
			return q;
		}
		if (word_is(q, "NULL") || word_is(q, "TRUE") ||
		    word_is(q, "FALSE") || word_is(q, "DISTINCT"))
			return NULL;
		crm_buf_adds(b, "IS NOT DISTINCT FROM ");
		return q;
	}
	return NULL;
}

/*
 * SQLite's statement as PostgreSQL's: see the head of this file.  Text
 * in quotes and comments is copied as it is.  *kind says what it is,
 * *nparams how many parameters it has, *returning whether RETURNING id
 * was added.
 */
static char *
rewrite(const char *sql, int *kind, int *nparams, int *returning)
{
	struct crm_buf b = { 0 };
	struct params ps = { 0 };
	const char *p = skip_space(sql), *q, *as, *close;
	const char *skip[16], *resume[16], *closing[16], *suffix[16];
	struct inserts ins = { 0 };
	int ignore = 0, n, nskip = 0, nclose = 0, nsub = 0, first = 1, j;

	*kind = ST_QUERY, *returning = 0;
	if (word_is(p, "BEGIN"))
		*kind = word_is(skip_space(p + 5), "DEFERRED") ? ST_SNAPSHOT :
		    ST_BEGIN;
	else if (word_is(p, "COMMIT") || word_is(p, "END"))
		*kind = ST_COMMIT;
	else if (word_is(p, "ROLLBACK") && !word_is(skip_space(p + 8), "TO"))
		*kind = ST_ROLLBACK;
	else if (word_is(p, "INSERT") || word_is(p, "UPDATE") ||
	    word_is(p, "DELETE"))
		*kind = ST_WRITE;
	if (word_is(p, "INSERT")) {
		q = skip_space(p + 6);
		if (word_is(q, "OR") && word_is(skip_space(q + 2), "IGNORE") &&
		    word_is(skip_space(skip_space(q + 2) + 6), "INTO")) {
			ignore = 1;
			crm_buf_adds(&b, "INSERT");
			p = skip_space(q + 2) + 6;
		}
		q = skip_space(p + (ignore ? 0 : 6));
		if (word_is(q, "INTO") && has_ids(skip_space(q + 4)))
			*returning = 1;
	}
	while (*p) {
		/* Text that goes before p (printf's arguments as text). */
		while (ins.next < ins.n && p == ins.at[ins.next])
			crm_buf_adds(&b, ins.text[ins.next++]);
		if (nskip > 0 && p == skip[nskip - 1]) {
			p = resume[--nskip];	/* a CAST's "AS INTEGER" */
		} else if (nclose > 0 && p == closing[nclose - 1]) {
			/* A subquery's name, a JSON value as text. */
			crm_buf_addc(&b, ')');
			if (suffix[--nclose])
				crm_buf_adds(&b, suffix[nclose]);
			else
				crm_buf_addf(&b, " AS crm_sub%d", ++nsub);
			p++;
		} else if (*p == '\'' || *p == '"') {
			q = p + 1;
			while (*q && !(*q == *p && q[1] != *p))
				q += *q == *p ? 2 : 1;
			if (*q)
				q++;
			crm_buf_addf(&b, "%.*s", (int)(q - p), p);
			p = q;
		} else if (p[0] == '-' && p[1] == '-') {
			q = p + strcspn(p, "\n");
			crm_buf_addf(&b, "%.*s", (int)(q - p), p);
			p = q;
		} else if (p[0] == '/' && p[1] == '*') {
			q = strstr(p + 2, "*/");
			q = q ? q + 2 : p + strlen(p);
			crm_buf_addf(&b, "%.*s", (int)(q - p), p);
			p = q;
		} else if (*p == '?') {
			/* SQLite: a bare ? is one more than the largest yet. */
			if (isdigit((unsigned char)p[1])) {
				n = (int)strtol(p + 1, (char **)&q, 10);
				p = q;
			} else {
				n = ps.top + 1;
				p++;
			}
			if (n > ps.top)
				ps.top = n;
			crm_buf_addf(&b, "$%d", n);
		} else if ((*p == '@' || (*p == ':' && (first || p[-1] != ':')))
		    && isalpha((unsigned char)p[1])) {
			crm_buf_addf(&b, "$%d", named_param(&ps, p, &p));
		} else if ((first || !(isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_' || p[-1] == '.')) &&
		    isalpha((unsigned char)*p)) {
			/* The words looked at here are all four letters. */
			q = word_is(p, "CAST") || word_is(p, "FROM") ||
			    word_is(p, "JOIN") ? skip_space(p + 4) : p;
			if (word_is(p, "CAST") && *q == '(' && nskip < 16 &&
			    cast_parts(q, &as, &close) == 0 &&
			    (word_is(skip_space(as + 2), "INTEGER") ||
			    word_is(skip_space(as + 2), "REAL"))) {
				/* SQLite's casts: toward zero, text leniently. */
				crm_buf_adds(&b, word_is(skip_space(as + 2),
				    "REAL") ? "crm_real(" : "crm_int(");
				while (as > q && isspace((unsigned char)as[-1]))
					as--;
				skip[nskip] = as, resume[nskip++] = close;
				p = q + 1;
			} else if ((word_is(p, "FROM") || word_is(p, "JOIN")) &&
			    *(q = skip_space(p + 4)) == '(' && nclose < 16 &&
			    (close = unnamed_subquery(q)) != NULL) {
				closing[nclose] = close, suffix[nclose++] = NULL;
				crm_buf_addf(&b, "%.4s", p);
				p += 4;
			} else if ((j = json_function(p, &q)) >= 0 &&
			    nclose < 16 && (close = matching(q)) != NULL) {
				/* SQLite's JSON functions: the same value, as
				 * text (only compared, never shown). */
				crm_buf_adds(&b, json_functions[j][1]);
				closing[nclose] = close, suffix[nclose++] =
				    "::text";
				p = q + 1;
			} else if (word_is(p, "printf") && *(q = skip_space(p +
			    6)) == '(' && printf_args(&ins, q) == 0) {
				crm_buf_adds(&b, "crm_printf(");
				p = q + 1;
			} else if ((q = rewrite_word(&b, p, *kind)) != NULL) {
				p = q;
			} else {
				for (q = p; isalnum((unsigned char)*q) ||
				    *q == '_'; q++)
					;
				crm_buf_addf(&b, "%.*s", (int)(q - p), p);
				p = q;
			}
		} else {
			crm_buf_addc(&b, *p++);
		}
		first = 0;
	}
	/* What is appended goes before a final ';'. */
	while (b.len > 0 && (isspace((unsigned char)b.s[b.len - 1]) ||
	    b.s[b.len - 1] == ';'))
		b.s[--b.len] = '\0';
	if (ignore)
		crm_buf_adds(&b, " ON CONFLICT DO NOTHING");
	if (*returning && strcasestr(b.s, "RETURNING") == NULL)
		crm_buf_adds(&b, " RETURNING id");
	else
		*returning = 0;
	*nparams = ps.top;
	return b.s ? b.s : crm_xstrdup("");
}

/* The statements */

static void st_flush(struct pgst *);

static int
in_transaction(struct crm_db *db)
{
	return PQtransactionStatus(PC(db)->c) != PQTRANS_IDLE;
}


/*
 * The pipeline (libpq's pipeline mode).  A write in a transaction goes
 * in one round trip with its savepoint's commands, and one whose outcome
 * the caller does not read (crm_exec_nowait) is not waited for at all:
 * its outcome is read with the next statement's, in the same round
 * trip.  An import's row makes several statements, and their round
 * trips were most of its time.
 */

/* The pipeline ended: its results read up to its sync, and left. */
static void
pipe_close(struct pgconn *pc)
{
	PGresult *r;
	int nulls = 0;

	if (!pc->pipe)
		return;
	/* Two NULLs in a row: nothing more is coming (a lost server). */
	while (nulls < 2) {
		if ((r = PQgetResult(pc->c)) == NULL) {
			nulls++;
			continue;
		}
		nulls = 0;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		PQclear(r);
	}
	PQexitPipelineMode(pc->c);
	pc->pipe = pc->sync = 0;
}

/* One query's results to their end: the first failed one, else NULL. */
static PGresult *
pipe_query(PGconn *c)
{
	PGresult *r, *bad = NULL;
	ExecStatusType s;

	while ((r = PQgetResult(c)) != NULL) {
		s = PQresultStatus(r);
		if (bad == NULL && s != PGRES_COMMAND_OK &&
		    s != PGRES_TUPLES_OK && s != PGRES_SINGLE_TUPLE)
			bad = r;
		else
			PQclear(r);
	}
	return bad;
}

/*
 * Send a write after its savepoint's commands, all without waiting; a
 * sure one (crm_exec_sure) alone: a refusal ends the transaction anyway,
 * and a savepoint a row was much of a bulk load's time on the server.
 */
static int
pipe_write(struct crm_db *db, struct pgst *st, int sure)
{
	struct pgconn *pc = PC(db);
	PGconn *c = pc->c;

	if (!pc->pipe && !PQenterPipelineMode(c))
		return fail(db, NULL);
	pc->pipe = 1;
	if ((!sure && pc->savepoint && !PQsendQueryParams(c, "RELEASE "
	    "SAVEPOINT crm_stmt", 0, NULL, NULL, NULL, NULL, 0)) ||
	    (!sure && !PQsendQueryParams(c, "SAVEPOINT crm_stmt", 0, NULL,
	    NULL, NULL, NULL, 0)) ||
	    !PQsendQueryPrepared(c, st->name, st->nparams,
	    (const char *const *)st->vals, NULL, NULL, 0))
		return fail(db, NULL);
	if (!sure)
		pc->savepoint = 1;
	return CRM_DONE;
}

/*
 * The outcome of the writes not waited for, in order: the index of the
 * first that failed (nq if none) and its result; *in_sp when it was its
 * savepoint's command that failed.  The server skips all after it.
 */
static size_t
pending_read(struct pgconn *pc, PGresult **why, int *in_sp)
{
	size_t i, bad = pc->nq;
	PGresult *r;
	int k;

	*why = NULL;
	for (i = 0; i < pc->nq; i++)
		for (k = pc->q[i].sure ? 2 : pc->q[i].release ? 0 : 1; k < 3;
		    k++) {
			if ((r = pipe_query(pc->c)) == NULL)
				continue;
			if (bad < pc->nq) {
				PQclear(r);
				continue;
			}
			bad = i, *why = r, *in_sp = k < 2;
		}
	return bad;
}

static int step(struct crm_db *, void *);
static int batch_send(struct crm_db *);
static int batch_before(struct crm_db *, const struct pgst *);
static void waiting_clear(struct pgconn *);
static void park_stream(struct crm_db *);
static int retry(struct crm_db *, size_t, PGresult *);

/* A write not waited for, sent again and waited for this time. */
static void
replay(struct crm_db *db, struct pending *p)
{
	struct pgst *st = p->st;
	char **keep = st->vals;
	int jon = PC(db)->jon, rc;

	/* In the journal already, as it was sent. */
	PC(db)->jon = 0;
	st->vals = p->vals;
	st->state = S_IDLE;
	while ((rc = step(db, st)) == CRM_ROW)
		;
	if (rc == CRM_CONSTRAINT && p->sure)
		crm_store_fail(db, CRM_EX_SOFTWARE, "%s: a new row refused "
		    "by the database", db->path);
	st->state = S_IDLE;
	st->vals = keep;
	PC(db)->jon = jon;
}

/*
 * After the pipeline's end: a constraint undoes that write alone, as it
 * would have undone it waited for (its caller did not ask), and those
 * after it, which the server skipped, are sent again; any other failure
 * is the database's.  The writes forgotten; CRM_DONE or CRM_FAIL.
 */
static int
pending_settle(struct crm_db *db, size_t bad, PGresult *why, int in_sp)
{
	struct pgconn *pc = PC(db);
	struct pending *q = pc->q;
	size_t i, n = pc->nq;
	int j, rc = CRM_DONE;

	pc->q = NULL, pc->nq = 0;
	if (bad < n) {
		if (!in_sp && !q[bad].sure && is_constraint(sqlstate(why)) &&
		    run(db, "ROLLBACK TO SAVEPOINT crm_stmt") == CRM_DONE) {
			pc->savepoint = 1;
			for (i = bad + 1; i < n && !db->failed; i++)
				replay(db, &q[i]);
			rc = db->failed ? CRM_FAIL : CRM_DONE;
		} else if (retry(db, pc->nj, why) == CRM_FAIL)
			rc = fail(db, why);
	}
	PQclear(why);
	for (i = 0; i < n; i++) {
		for (j = 0; q[i].vals && j < q[i].st->nparams; j++)
			free(q[i].vals[j]);
		free(q[i].vals);
	}
	free(q);
	return rc;
}

/* Wait for the writes in the pipeline, not for the rows waiting in the
 * client (batch_add) to be sent: CRM_DONE, or CRM_FAIL. */
static int
drain_pipe(struct crm_db *db)
{
	struct pgconn *pc = PC(db);
	PGresult *why;
	size_t bad;
	int in_sp = 0;

	if (!pc->pipe)
		return CRM_DONE;
	park_stream(db);
	if (!pc->pipe)
		return CRM_DONE;
	if (!PQpipelineSync(pc->c)) {
		pipe_close(pc);
		return fail(db, NULL);
	}
	bad = pending_read(pc, &why, &in_sp);
	pipe_close(pc);
	return pending_settle(db, bad, why, in_sp);
}

/* Wait for the writes not waited for: CRM_DONE, or CRM_FAIL. */
static int
drain(struct crm_db *db)
{
	if (batch_send(db) == CRM_FAIL)
		return CRM_FAIL;
	return drain_pipe(db);
}

/* One connection carries one query: read the one on the wire to its end. */
static void
park_stream(struct crm_db *db)
{
	struct pgconn *pc = PC(db);
	struct pgst *st = pc->streaming;
	PGresult *r;

	if (st == NULL)
		return;
	while ((r = PQgetResult(pc->c)) != NULL) {
		st->buf = crm_xreallocarray(st->buf, st->nbuf + 1,
		    sizeof *st->buf);
		st->buf[st->nbuf++] = r;
	}
	st->state = S_BUFFERED;
	pc->streaming = NULL;
	if (pc->sync)
		pipe_close(pc);
}

/* Nothing on the wire: no rows streaming, no writes unread. */
static int
park(struct crm_db *db)
{
	park_stream(db);
	return drain(db);
}

/*
 * Prepare on the server.  A parameter whose type PostgreSQL cannot tell
 * from its place (SELECT ?, ? IS NULL) is text, as SQLite would take it:
 * the failed attempt is rolled back to a savepoint inside a transaction,
 * which a failed PREPARE would otherwise end.
 */
static PGresult *
server_prepare(struct crm_db *db, struct pgst *st, const char *sql,
    Oid *types)
{
	PGconn *c = PC(db)->c;
	PGresult *r = NULL;
	const char *m;
	int tries, n, tx = in_transaction(db);

	if (tx)
		PQclear(PQexec(c, "SAVEPOINT crm_prepare"));
	for (tries = 0; tries <= st->nparams; tries++) {
		PQclear(r);
		r = PQprepare(c, st->name, sql, st->nparams, types);
		/* 42P18, or 42P08 when another use came first. */
		if (PQresultStatus(r) == PGRES_COMMAND_OK ||
		    (strcmp(sqlstate(r), "42P18") != 0 &&
		    strcmp(sqlstate(r), "42P08") != 0))
			break;
		m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
		if (m == NULL || strncmp(m, "could not determine", 19) != 0 ||
		    (m = strchr(m, '$')) == NULL || (n = atoi(m + 1)) < 1 ||
		    n > st->nparams || types[n - 1] == TEXTOID)
			break;
		types[n - 1] = TEXTOID;
		if (tx)
			PQclear(PQexec(c, "ROLLBACK TO SAVEPOINT crm_prepare"));
	}
	if (tx && PQresultStatus(r) == PGRES_COMMAND_OK)
		PQclear(PQexec(c, "RELEASE SAVEPOINT crm_prepare"));
	return r;
}

/*
 * The columns of the statement prepared as st from sql with types.
 * libpq before 17 takes a statement's description of more than 7,498
 * parameters (its list of their types is over 30,000 bytes) for a lost
 * connection, and a filter's list may have 10,000 values: such a query's
 * columns are read off the same SQL run with no row (LIMIT 0, every
 * value NULL), whose answer describes its rows alone; such a write has
 * none (a filter's, without RETURNING).
 */
static PGresult *
describe(struct crm_db *db, struct pgst *st, const char *sql,
    const Oid *types)
{
	PGconn *c = PC(db)->c;
	PGresult *r;
	char *q;

	if (st->nparams <= DESCRIBE_MAX || st->returning)
		return PQdescribePrepared(c, st->name);
	if (st->kind == ST_WRITE)
		return PQmakeEmptyPGresult(c, PGRES_COMMAND_OK);
	q = crm_xasprintf("SELECT * FROM (%s) AS crm_d LIMIT 0", sql);
	r = PQexecParams(c, q, st->nparams, types, NULL, NULL, NULL, 0);
	free(q);
	return r;
}

static void *
prepare(struct crm_db *db, const char *sql)
{
	struct pgconn *pc = PC(db);
	struct pgst *st = crm_xcalloc(1, sizeof *st);
	PGresult *r;
	char *pgsql, table[32];
	Oid *types = NULL;
	ExecStatusType ok;

	st->db = db;
	pgsql = rewrite(sql, &st->kind, &st->nparams, &st->returning);
	if (strncmp(sql, "INSERT INTO ", 12) == 0 && strstr(sql, " VALUES (") &&
	    !strstr(sql, "ON CONFLICT") && !strstr(sql, "SELECT"))
		st->sql = crm_xstrdup(sql);
	st->keyed = keyed(st->kind, pgsql);
	if (st->returning && strstr(pgsql, "ON CONFLICT") &&
	    sscanf(pgsql, " INSERT INTO %31[a-z_]", table) == 1)
		snprintf(st->forget, sizeof st->forget, "crm.next_%s", table);
	/* Test-only: each statement as PostgreSQL gets it. */
	if (getenv("CRM_PG_TRACE"))
		fprintf(stderr, "pg: %s\n", pgsql);
	st->vals = crm_xcalloc((size_t)st->nparams + 1, sizeof *st->vals);
	st->owned = crm_xcalloc((size_t)st->nparams + 1, sizeof *st->owned);
	st->num = crm_xcalloc((size_t)st->nparams + 1, sizeof *st->num);
	if (st->kind == ST_QUERY || st->kind == ST_WRITE) {
		if (park(db) == CRM_FAIL)
			goto bad;
		snprintf(st->name, sizeof st->name, "crm%u", ++pc->names);
		types = crm_xcalloc((size_t)st->nparams + 1, sizeof *types);
		r = server_prepare(db, st, pgsql, types);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			fail(db, r);
			PQclear(r);
			st->name[0] = '\0';
			goto bad;
		}
		PQclear(r);
		st->desc = describe(db, st, pgsql, types);
		ok = PQresultStatus(st->desc);
		if (ok != PGRES_COMMAND_OK && ok != PGRES_TUPLES_OK) {
			fail(db, st->desc);
			goto bad;
		}
	}
	free(types);
	free(pgsql);
	return st;
bad:
	free(types);
	free(pgsql);
	st_flush(st);
	return NULL;
}

static void
unbind(struct pgst *st, int i)
{
	free(st->owned[i]);
	st->owned[i] = NULL;
	st->vals[i] = NULL;
}

static void
bind_text(void *h, int i, const char *s, int copy)
{
	struct pgst *st = h;

	if (i < 1 || i > st->nparams)
		return;
	unbind(st, i - 1);
	if (s && copy)
		s = st->owned[i - 1] = crm_xstrdup(s);
	st->vals[i - 1] = (char *)s;
}

static void
bind_int(void *h, int i, long long v)
{
	struct pgst *st = h;

	if (i < 1 || i > st->nparams)
		return;
	unbind(st, i - 1);
	snprintf(st->num[i - 1], sizeof st->num[0], "%lld", v);
	st->vals[i - 1] = st->num[i - 1];
}

static void
bind_real(void *h, int i, double v)
{
	struct pgst *st = h;

	if (i < 1 || i > st->nparams)
		return;
	unbind(st, i - 1);
	snprintf(st->num[i - 1], sizeof st->num[0], "%.17g", v);
	st->vals[i - 1] = st->num[i - 1];
}

/* The next result of st: read ahead, or from the wire. */
static PGresult *
next_result(struct pgst *st)
{
	struct pgconn *pc = PC(st->db);

	PGresult *r;

	if (st->state == S_BUFFERED)
		return st->ibuf < st->nbuf ? st->buf[st->ibuf++] : NULL;
	if (st->eof)
		return NULL;
	if ((r = PQgetResult(pc->c)) == NULL)
		st->eof = 1;
	return r;
}

static void
drop_row(struct pgst *st)
{
	PQclear(st->row);
	st->row = NULL;
}

/* The statement has ended: the rest of its results read and dropped. */
static void
finish(struct pgst *st)
{
	struct pgconn *pc = PC(st->db);
	PGresult *r;

	drop_row(st);
	if (st->state == S_STREAM || st->state == S_BUFFERED)
		while ((r = next_result(st)) != NULL)
			PQclear(r);
	free(st->buf);
	st->buf = NULL, st->nbuf = st->ibuf = 0;
	if (pc->streaming == st) {
		pc->streaming = NULL;
		if (pc->sync)
			pipe_close(pc);
	}
	st->state = S_DONE;
}

/*
 * Retrying a transaction.  A serialization failure or a deadlock (40001,
 * 40P01: another client of the server, since crm's writers queue on one
 * lock) ends the whole transaction, and only running it again from its
 * BEGIN can save it.  The engine keeps a journal of the transaction's
 * statements (their values, and a hash of every row and outcome its
 * caller was told), and on such a failure rolls back, begins again and
 * runs the journal again.  The caller decided what to do next from what
 * it was told; if every statement tells the same again, those decisions
 * stand, the transaction is the same one redone from the start (nothing
 * doubled: the first attempt's writes were rolled back), and the failed
 * statement is sent again.  If anything reads differently, or after
 * RETRIES attempts, it is 75 as before.  A transaction whose journal
 * would outgrow JOURNAL_MAX (a large import) is not retried.
 */

static unsigned long long
fnv(unsigned long long h, const char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

/* A row its caller was told, or its end, into the hash. */
static unsigned long long
hash_row(unsigned long long h, const PGresult *r, int row)
{
	int i;

	for (i = 0; i < PQnfields(r); i++)
		h = PQgetisnull(r, row, i) ? fnv(h, "\1", 1) :
		    fnv(fnv(h, PQgetvalue(r, row, i), (size_t)PQgetlength(r,
		    row, i)), "", 1);
	return fnv(h, "\2", 1);
}

static unsigned long long
hash_end(unsigned long long h, const char *changes, int outcome)
{
	h = fnv(h, changes, strlen(changes));
	return fnv(h, outcome == CRM_CONSTRAINT ? "c" : "d", 1);
}

static void
journal_clear(struct crm_db *db)
{
	struct pgconn *pc = PC(db);
	char sql[48];
	size_t i;

	for (i = 0; i < pc->nj; i++)
		free(pc->j[i].vals);
	free(pc->j);
	pc->j = NULL, pc->nj = 0, pc->jbytes = 0, pc->jon = 0;
	pc->jgen++;
	for (i = 0; i < pc->nunprepare; i++) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", pc->unprepare[i]);
		if (PQstatus(pc->c) == CONNECTION_OK)
			PQclear(PQexec(pc->c, sql));
		free(pc->unprepare[i]);
	}
	free(pc->unprepare);
	pc->unprepare = NULL, pc->nunprepare = 0;
}

/* st, sent in the transaction, into its journal. */
static void
journal_add(struct crm_db *db, struct pgst *st, int blind)
{
	struct pgconn *pc = PC(db);
	struct jentry *e;
	size_t size, len;
	char *p;
	int i;

	st->je = -1;
	if (!pc->jon)
		return;
	/* The values' pointers and copies in one block (one malloc, not one
	 * a value), counted with the entry and malloc's overhead. */
	size = ((size_t)st->nparams + 1) * sizeof *e->vals;
	for (i = 0; i < st->nparams; i++)
		if (st->vals[i])
			size += strlen(st->vals[i]) + 1;
	pc->jbytes += (long)(sizeof *e + size + 32);
	if (pc->jbytes > JOURNAL_MAX) {
		journal_clear(db);
		return;
	}
	if ((pc->nj & (pc->nj - 1)) == 0)	/* 0, 1, 2, 4, ...: doubled */
		pc->j = crm_xreallocarray(pc->j, pc->nj ? 2 * pc->nj : 1,
		    sizeof *pc->j);
	e = &pc->j[pc->nj];
	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", st->name);
	e->nparams = st->nparams;
	e->write = st->kind == ST_WRITE;
	e->blind = blind;
	e->hash = 14695981039346656037ULL;
	e->vals = crm_xmalloc(size);
	p = (char *)(e->vals + st->nparams + 1);
	for (i = 0; i <= st->nparams; i++) {
		e->vals[i] = NULL;
		if (i < st->nparams && st->vals[i]) {
			len = strlen(st->vals[i]) + 1;
			e->vals[i] = memcpy(p, st->vals[i], len);
			p += len;
		}
	}
	st->je = (long)pc->nj++;
	st->jgen = pc->jgen;
}

static struct jentry *
entry(struct pgst *st)
{
	struct pgconn *pc = PC(st->db);

	if (st->je < 0 || st->jgen != pc->jgen || (size_t)st->je >= pc->nj)
		return NULL;
	return &pc->j[st->je];
}

static void
journal_row(struct pgst *st, const PGresult *r)
{
	struct jentry *e = entry(st);

	st->delivered++;
	if (e) {
		e->hash = hash_row(e->hash, r, 0);
		e->rows++;
	}
}

static void
journal_end(struct pgst *st, const char *changes, int outcome)
{
	struct jentry *e = entry(st);

	if (e) {
		e->hash = hash_end(e->hash, changes, outcome);
		e->ended = 1;
	}
}

/*
 * One statement of the journal again, under a savepoint if a write:
 * CRM_DONE if it told the same, CRM_ROW if not, else CRM_FAIL with *why.
 */
static int
replay_entry(struct crm_db *db, const struct jentry *e, PGresult **why)
{
	PGconn *c = PC(db)->c;
	unsigned long long h = 14695981039346656037ULL;
	ExecStatusType s;
	PGresult *r;
	long rows = 0;
	int i, n;

	if (e->write)
		PQclear(PQexec(c, "SAVEPOINT crm_stmt"));
	r = PQexecPrepared(c, e->name, e->nparams,
	    (const char *const *)e->vals, NULL, NULL, 0);
	s = PQresultStatus(r);
	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
		n = PQntuples(r);
		for (i = 0; i < n && (e->blind || rows < e->rows); i++, rows++)
			h = hash_row(h, r, i);
		if (e->ended)
			h = hash_end(h, PQcmdTuples(r), CRM_DONE);
	} else if (e->write && is_constraint(sqlstate(r))) {
		PQclear(PQexec(c, "ROLLBACK TO SAVEPOINT crm_stmt"));
		if (e->ended)
			h = hash_end(h, "", CRM_CONSTRAINT);
	} else {
		*why = r;
		return CRM_FAIL;
	}
	PQclear(r);
	if (e->write)
		PQclear(PQexec(c, "RELEASE SAVEPOINT crm_stmt"));
	return e->blind || (h == e->hash && rows == e->rows) ? CRM_DONE :
	    CRM_ROW;
}

static int begin(struct crm_db *);

/*
 * After a serialization failure or deadlock: roll back, begin again and
 * run the first keep statements of the journal again, telling the same.
 * CRM_DONE: go on (the failed statement is the caller's to send again);
 * CRM_FAIL: why stands (the caller reports it).
 */
static int
retry(struct crm_db *db, size_t keep, PGresult *why)
{
	struct pgconn *pc = PC(db);
	struct jentry *j;
	PGresult *r;
	size_t i, nj;
	int rc = CRM_ROW;
	unsigned gen;

	if (!pc->jon || pc->pipe || pc->streaming || !is_retryable(sqlstate(why)))
		return CRM_FAIL;
	/* The journal outlives the rollback and BEGIN. */
	j = pc->j, nj = pc->nj, gen = pc->jgen;
	pc->j = NULL, pc->nj = 0;
	while (rc != CRM_DONE && ++pc->tries < RETRIES) {
		PQclear(PQexec(pc->c, "ROLLBACK"));
		if (begin(db) == CRM_FAIL)
			break;
		rc = CRM_DONE;
		for (i = 0; i < keep && rc == CRM_DONE; i++) {
			r = NULL;
			rc = replay_entry(db, &j[i], &r);
			if (rc == CRM_FAIL && !is_retryable(sqlstate(r)))
				pc->tries = RETRIES;
			PQclear(r);
		}
	}
	for (i = keep; i < nj; i++)
		free(j[i].vals);
	pc->j = j, pc->nj = keep, pc->jgen = gen, pc->jon = rc == CRM_DONE;
	return rc == CRM_DONE ? CRM_DONE : CRM_FAIL;
}

/*
 * Send st, its rows to be read by step.  A write in a transaction runs
 * under a savepoint (see the file's head), whose commands go in the
 * pipeline before it; so does anything after writes not waited for,
 * whose outcome is read first.  If one of those failed, st was skipped
 * by the server, and is sent again once they are settled.
 */
static int
send(struct pgst *st)
{
	struct crm_db *db = st->db;
	struct pgconn *pc = PC(db);
	int write = st->kind == ST_WRITE && in_transaction(db);
	int in_sp = 0, release = pc->savepoint;
	PGresult *why = NULL;
	size_t bad;

	/* A write waited for may be refused by a row waiting (a key
	 * taken): they go first. */
	if ((st->kind == ST_QUERY ? batch_before(db, st) : batch_send(db)) ==
	    CRM_FAIL)
		return CRM_FAIL;
	park_stream(db);
	st->eof = 0;
	st->delivered = 0;
	if (!write && !pc->pipe) {
		if (!PQsendQueryPrepared(pc->c, st->name, st->nparams,
		    (const char *const *)st->vals, NULL, NULL, 0))
			return fail(db, NULL);
		goto stream;
	}
	if (write ? pipe_write(db, st, 0) == CRM_FAIL :
	    !PQsendQueryPrepared(pc->c, st->name, st->nparams,
	    (const char *const *)st->vals, NULL, NULL, 0))
		return db->failed ? CRM_FAIL : fail(db, NULL);
	if (!PQpipelineSync(pc->c)) {
		pipe_close(pc);
		return fail(db, NULL);
	}
	bad = pending_read(pc, &why, &in_sp);
	if (bad < pc->nq) {
		pipe_close(pc);
		if (pending_settle(db, bad, why, in_sp) == CRM_FAIL)
			return CRM_FAIL;
		return send(st);
	}
	pending_settle(db, bad, NULL, 0);
	if (write && ((release && (why = pipe_query(pc->c)) != NULL) ||
	    (why = pipe_query(pc->c)) != NULL)) {
		pipe_close(pc);
		pc->savepoint = 0;
		fail(db, why);
		PQclear(why);
		return CRM_FAIL;
	}
	pc->sync = 1;
stream:
	journal_add(db, st, 0);
	PQsetSingleRowMode(pc->c);
	pc->streaming = st;
	st->state = S_STREAM;
	return CRM_DONE;
}

/* st in the pipeline, not waited for (step_nowait): CRM_DONE or CRM_FAIL. */
static int
nowait_send(struct crm_db *db, struct pgst *st, int sure)
{
	struct pgconn *pc = PC(db);
	struct pending *p;
	int i, release;

	/* The rows waiting went first if they had to (batch_before). */
	if (pc->nq == PIPE_MAX && drain_pipe(db) == CRM_FAIL)
		return CRM_FAIL;
	park_stream(db);
	release = pc->savepoint;
	if (pipe_write(db, st, sure) == CRM_FAIL)
		return CRM_FAIL;
	journal_add(db, st, 1);
	pc->q = crm_xreallocarray(pc->q, pc->nq + 1, sizeof *pc->q);
	p = &pc->q[pc->nq++];
	p->st = st;
	p->release = release;
	p->sure = sure;
	p->vals = crm_xcalloc((size_t)st->nparams + 1, sizeof *p->vals);
	for (i = 0; i < st->nparams; i++)
		if (st->vals[i])
			p->vals[i] = crm_xstrdup(st->vals[i]);
	st->state = S_IDLE;
	return CRM_DONE;
}

/*
 * Sure rows: a bulk load's new rows (crm_exec_sure), kept in the client
 * by statement (batch_add), whatever statements come between them, until
 * there are SURE_ROWS or anything else is sent (send, step_nowait,
 * drain: what follows them may read them); their ids were given, so
 * nothing waits for them.  Then each statement's go as one COPY (from
 * COPY_MIN rows: copy_send) or as INSERTs of 2^k rows, up to BATCH_ROWS
 * (64 as one; 37 as 32, 4 and 1), the VALUES repeated with the
 * parameters numbered on: at most BATCH_LOG statements prepared for
 * each.  On the server, a statement of one row cost as much again as
 * the row (its executor, its snapshot, its queue of triggers).  A
 * refusal of one is a refusal of all: the transaction's end, as a sure
 * write's is anyway.
 */

/* st's text with its VALUES rows times, or NULL: not one to do so. */
static char *
multi_sql(const struct pgst *st, int rows)
{
	struct crm_buf b = { 0 };
	const char *open = strstr(st->sql, " VALUES (") + 8, *close, *p;
	char *end;
	long n;
	int i;

	if ((close = matching(open)) == NULL || *skip_space(close + 1) ||
	    (long)st->nparams * BATCH_ROWS > 30000)
		return NULL;
	crm_buf_add(&b, st->sql, (size_t)(open - st->sql));
	for (i = 0; i < rows; i++) {
		crm_buf_adds(&b, i ? ", (" : "(");
		for (p = open + 1; p < close; p++) {
			if (*p == '\'') {	/* a literal, as it is */
				if ((end = strchr(p + 1, '\'')) == NULL) {
					crm_buf_free(&b);
					return NULL;
				}
				crm_buf_add(&b, p, (size_t)(end - p));
				p = end;
			}
			if (*p != '?') {
				crm_buf_addc(&b, *p);
				continue;
			}
			n = strtol(p + 1, &end, 10);
			if (end == p + 1) {	/* a ? without its number */
				crm_buf_free(&b);
				return NULL;
			}
			crm_buf_addf(&b, "?%ld", n + (long)i * st->nparams);
			p = end - 1;
		}
		crm_buf_addc(&b, ')');
	}
	return b.s;
}

/* st's statement of 2^k rows (k > 0), prepared once; or NULL. */
static struct pgst *
multi(struct crm_db *db, struct pgst *st, int k)
{
	char *sql;

	if (st->multi[k] == NULL && (sql = multi_sql(st, 1 << k)) != NULL) {
		st->multi[k] = prepare(db, sql);
		free(sql);
	}
	return st->multi[k];
}

/*
 * The sure rows go in as COPY (the most rows a statement, and no
 * statement's own cost a row) or, a few, as INSERTs of many rows.
 * COPY takes values, not expressions: a statement's VALUES is turned
 * into the few things the client can compute itself, once (copy_plan):
 * a parameter, a literal, NULL, CAST (one AS INTEGER), coalesce(a, b),
 * nullif(a, b) and CASE WHEN a THEN b END of those.  Any other
 * statement's rows go as INSERTs, and so do rows whose values the client
 * cannot be sure to compute as the server would (copy_fits).
 */
enum { CV_NULL, CV_PARAM, CV_LIT };
enum { CI_ONE, CI_COALESCE, CI_NULLIF, CI_CASE };

struct cval {
	int kind;
	int param;			/* CV_PARAM: its index, from 0 */
	char *lit;			/* CV_LIT: its text */
	int whole;			/* CAST (it AS INTEGER): a whole number */
};

struct citem {
	int op;
	struct cval a, b;
};

struct copyplan {
	char *sql;			/* COPY table (columns) FROM STDIN */
	struct citem *items;		/* a column each */
	int n;
	int idcol;			/* the item of column id, or -1 */
	char next[48];			/* crm.next_TABLE, with an id column */
};

static void
copyplan_free(struct copyplan *cp)
{
	int i;

	if (cp == NULL)
		return;
	for (i = 0; i < cp->n; i++) {
		free(cp->items[i].a.lit);
		free(cp->items[i].b.lit);
	}
	free(cp->items);
	free(cp->sql);
	free(cp);
}

/* One value from p to end (trimmed): 0, or -1 if not one COPY can give. */
static int
cval_parse(struct cval *v, const char *p, const char *end, int *top)
{
	struct crm_buf b = { 0 };
	char *e;
	long n;

	p = skip_space(p);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (end - p > 17 && strncasecmp(p, "CAST(", 5) == 0 &&
	    strncasecmp(end - 12, " AS INTEGER)", 12) == 0) {
		if (cval_parse(v, p + 5, end - 12, top) < 0)
			return -1;
		v->whole = 1;
		return 0;
	}
	if (*p == '?') {
		if (end == p + 1)
			n = ++*top;	/* a bare ?: SQLite's next number */
		else if ((n = strtol(p + 1, &e, 10)) < 1 || e != end)
			return -1;
		if (n > *top)
			*top = (int)n;
		v->kind = CV_PARAM, v->param = (int)n - 1;
		return 0;
	}
	if (*p == '\'') {
		for (p++; p < end; p++) {
			if (*p == '\'' && (p + 1 >= end || p[1] != '\''))
				break;
			if (*p == '\'')
				p++;	/* '' is one quote */
			crm_buf_addc(&b, *p);
		}
		if (p + 1 != end) {
			crm_buf_free(&b);
			return -1;
		}
		crm_buf_addc(&b, '\0');
		v->kind = CV_LIT, v->lit = b.s;
		return 0;
	}
	if (end - p == 4 && strncasecmp(p, "NULL", 4) == 0) {
		v->kind = CV_NULL;
		return 0;
	}
	strtol(p, &e, 10);		/* a whole number, as it is written */
	if (e != end || e == p)
		return -1;
	v->kind = CV_LIT, v->lit = crm_xstrndup(p, (size_t)(end - p));
	return 0;
}

/* The end of the item at p: its comma or the list's end. */
static const char *
item_end(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\'') {
			if ((p = memchr(p + 1, '\'', (size_t)(end - p - 1))) ==
			    NULL)
				return NULL;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == ',' && depth == 0) {
			return p;
		}
	}
	return end;
}

/* One VALUES item from p to end: 0, or -1. */
static int
citem_parse(struct citem *it, const char *p, const char *end, int *top)
{
	static const char *const fn[] = { [CI_COALESCE] = "coalesce(",
	    [CI_NULLIF] = "nullif(" };
	const char *comma;
	int op;

	p = skip_space(p);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	for (op = CI_COALESCE; op <= CI_NULLIF; op++) {
		if (strncasecmp(p, fn[op], strlen(fn[op])) != 0)
			continue;
		p += strlen(fn[op]);
		if (end[-1] != ')' || (comma = item_end(p, end - 1)) == NULL ||
		    comma == end - 1 || item_end(comma + 1, end - 1) !=
		    end - 1)
			return -1;
		it->op = op;
		return cval_parse(&it->a, p, comma, top) < 0 ||
		    cval_parse(&it->b, comma + 1, end - 1, top) < 0 ? -1 : 0;
	}
	if (end - p > 18 && strncasecmp(p, "CASE WHEN ", 10) == 0 &&
	    strncasecmp(end - 4, " END", 4) == 0 &&
	    (comma = strstr(p, " THEN ")) != NULL && comma < end - 4) {
		it->op = CI_CASE;
		return cval_parse(&it->a, p + 10, comma, top) < 0 ||
		    cval_parse(&it->b, comma + 6, end - 4, top) < 0 ? -1 : 0;
	}
	it->op = CI_ONE;
	return cval_parse(&it->a, p, end, top);
}

/* st's rows as COPY: its plan, or NULL (not an INSERT COPY can do). */
static struct copyplan *
copy_plan(const struct pgst *st)
{
	struct copyplan *cp;
	char table[32];
	const char *cols, *cend, *open, *close, *p, *e;
	int ncols = 0, top = 0, len;

	if (st->sql == NULL || sscanf(st->sql, "INSERT INTO %31[a-z_] (%n",
	    table, &len) != 1 || (cend = matching(cols = st->sql + len - 1)) ==
	    NULL || strncmp(cend, ") VALUES (", 10) != 0 ||
	    (close = matching(open = cend + 9)) == NULL ||
	    *skip_space(close + 1))
		return NULL;
	cp = crm_xcalloc(1, sizeof *cp);
	cp->idcol = -1;
	for (p = cols + 1; p < cend; p = e + 1, ncols++) {
		e = memchr(p, ',', (size_t)(cend - p));
		e = e ? e : cend;
		p = skip_space(p);
		if (e - p >= 2 && strncmp(p, "id", 2) == 0 &&
		    skip_space(p + 2) >= e)
			cp->idcol = ncols;
	}
	cp->items = crm_xcalloc((size_t)ncols, sizeof *cp->items);
	for (p = open + 1; p < close && cp->n < ncols; p = e + 1) {
		if ((e = item_end(p, close)) == NULL ||
		    citem_parse(&cp->items[cp->n++], p, e, &top) < 0)
			break;
	}
	if (p <= close || cp->n != ncols || top != st->nparams) {
		copyplan_free(cp);
		return NULL;
	}
	cp->sql = crm_xasprintf("COPY %s %.*s FROM STDIN", table,
	    (int)(cend + 1 - cols), cols);
	if (cp->idcol >= 0 && has_ids(table))
		snprintf(cp->next, sizeof cp->next, "crm.next_%s", table);
	return cp;
}

/* Is s a whole number as PostgreSQL prints one ("7", not "07")? */
static int
whole(const char *s)
{
	char *e, buf[24];
	long long n = strtoll(s, &e, 10);

	snprintf(buf, sizeof buf, "%lld", n);
	return *s && *e == '\0' && strcmp(buf, s) == 0;
}

/* Can the client give the rows' values as the server would compute
 * them: a whole number where one is cast or tested (CASE WHEN)? */
static int
copy_fits(const struct copyplan *cp, char *const *vals, int rows,
    int np)
{
	const struct cval *v;
	const char *s;
	int r, i, k;

	for (r = 0; r < rows; r++, vals += np)
		for (i = 0; i < cp->n; i++)
			for (k = 0; k < 2; k++) {
				v = k ? &cp->items[i].b : &cp->items[i].a;
				s = v->kind == CV_PARAM ? vals[v->param] :
				    v->lit;
				if (s && (v->whole || (k == 0 &&
				    cp->items[i].op == CI_CASE)) && !whole(s))
					return 0;
			}
	return 1;
}

static const char *
cval_of(const struct cval *v, char *const *vals)
{
	return v->kind == CV_PARAM ? vals[v->param] : v->kind == CV_LIT ?
	    v->lit : NULL;
}

/* a = b, as nullif compares them: whole numbers by value. */
static int
same_value(const char *a, const char *b)
{
	char *ea, *eb;
	long long x, y;

	x = strtoll(a, &ea, 10), y = strtoll(b, &eb, 10);
	if (*a && *b && *ea == '\0' && *eb == '\0')
		return x == y;
	return strcmp(a, b) == 0;
}

/* What item it gives for a row of vals, or NULL. */
static const char *
citem_value(const struct citem *it, char *const *vals)
{
	const char *a = cval_of(&it->a, vals), *b;

	if (it->op == CI_COALESCE)
		return a ? a : cval_of(&it->b, vals);
	if (it->op == CI_CASE)	/* a whole number (copy_fits): true if not 0 */
		return a && strcmp(a, "0") != 0 ? cval_of(&it->b, vals) : NULL;
	if (it->op == CI_NULLIF && a && (b = cval_of(&it->b, vals)) &&
	    same_value(a, b))
		return NULL;
	return a;
}

/* One row in COPY's text format: \N for NULL; \, tab, newline, CR
 * escaped, so that a value with them arrives as it is. */
static void
copy_row(struct crm_buf *b, const struct copyplan *cp, char *const *vals)
{
	const char *v;
	int i;

	for (i = 0; i < cp->n; i++) {
		if (i)
			crm_buf_addc(b, '\t');
		if ((v = citem_value(&cp->items[i], vals)) == NULL) {
			crm_buf_adds(b, "\\N");
			continue;
		}
		for (; *v; v++) {
			switch (*v) {
			case '\\': crm_buf_adds(b, "\\\\"); break;
			case '\t': crm_buf_adds(b, "\\t"); break;
			case '\n': crm_buf_adds(b, "\\n"); break;
			case '\r': crm_buf_adds(b, "\\r"); break;
			default: crm_buf_addc(b, *v);
			}
		}
	}
	crm_buf_addc(b, '\n');
}

/*
 * The sure rows of st (in s) as one COPY: what the pipeline holds
 * settled first (COPY cannot go in it), the rows in the journal each as
 * its INSERT (a retried transaction runs them again so), then the data
 * and its end, and the answer waited for.  CRM_DONE or CRM_FAIL.
 */
static int
copy_send(struct crm_db *db, struct sure *s)
{
	struct pgconn *pc = PC(db);
	struct pgst *st = s->st;
	struct crm_buf data = { 0 };
	char **keep = st->vals;
	PGresult *r;
	int i, np = st->nparams, ok = 1, rc = CRM_DONE;

	if (drain(db) == CRM_FAIL)
		return CRM_FAIL;
	for (i = 0; i < s->n; i++) {
		st->vals = s->vals + (size_t)i * np;
		journal_add(db, st, 1);
	}
	st->vals = keep;
	r = PQexec(pc->c, st->copy->sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		rc = fail(db, r);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	for (i = 0; i < s->n && ok; i++) {
		copy_row(&data, st->copy, s->vals + (size_t)i * np);
		if (data.len >= COPY_CHUNK || i == s->n - 1) {
			ok = PQputCopyData(pc->c, data.s, (int)data.len) == 1;
			data.len = 0;
		}
	}
	crm_buf_free(&data);
	if (PQputCopyEnd(pc->c, ok ? NULL : "crm: the rows were not sent") !=
	    1)
		return fail(db, NULL);
	if ((r = pipe_query(pc->c)) == NULL)	/* its end read */
		return CRM_DONE;
	if (retry(db, pc->nj, r) == CRM_DONE)
		rc = CRM_DONE;	/* the journal ran them again */
	else if (is_constraint(sqlstate(r)))
		rc = crm_store_fail(db, CRM_EX_SOFTWARE, "%s: a new row "
		    "refused by the database", db->path);
	else
		rc = fail(db, r);
	PQclear(r);
	return rc;
}

/* st's rows (in s) as INSERTs of 2^k rows, not waited for. */
static int
insert_send(struct crm_db *db, struct sure *s)
{
	struct pgst *st = s->st, *m;
	char **keep;
	int i, k, np = st->nparams, off = 0, n, rc = CRM_DONE;

	while (off < s->n && rc == CRM_DONE && !db->failed) {
		n = s->n - off < BATCH_ROWS ? s->n - off : BATCH_ROWS;
		for (k = BATCH_LOG; k >= 0 && rc == CRM_DONE &&
		    !db->failed; k--) {
			if (!(n & (1 << k)))
				continue;
			if (k == 0 || (m = multi(db, st, k)) == NULL) {
				keep = st->vals;	/* one by one */
				for (i = 0; i < 1 << k && rc == CRM_DONE;
				    i++) {
					st->vals = s->vals + (size_t)(off + i) *
					    np;
					rc = nowait_send(db, st, 1);
				}
				st->vals = keep;
			} else {
				keep = m->vals;
				m->vals = s->vals + (size_t)off * np;
				rc = nowait_send(db, m, 1);
				m->vals = keep;
			}
			off += 1 << k;
		}
	}
	return db->failed ? CRM_FAIL : rc;
}

/*
 * The table's id count (schema.sql's crm.next_TABLE) past the largest id
 * of rows sent: a load's own rows skip the id trigger (schema 11), which
 * moved it, so a row after them without an id (an organisation made by
 * its name) does not take one of theirs.  Not waited for.
 */
static int
setnext_send(struct crm_db *db, struct sure *s)
{
	struct pgconn *pc = PC(db);
	struct copyplan *cp = s->st->copy;
	long long id, top = 0;
	char **keep, n1[24], n2[24];
	const char *v;
	int i, rc;

	for (i = 0; i < s->n; i++)
		if ((v = s->vals[(size_t)i * s->st->nparams +
		    (size_t)cp->items[cp->idcol].a.param]) &&
		    (id = strtoll(v, NULL, 10)) > top)
			top = id;
	if (top == 0)
		return CRM_DONE;
	if (pc->setnext == NULL && (pc->setnext = prepare(db, "SELECT "
	    "set_config(?1, ?3, TRUE) WHERE CAST(nullif(current_setting(?1, "
	    "TRUE), '') AS INTEGER) <= ?2")) == NULL)
		return CRM_FAIL;
	snprintf(n1, sizeof n1, "%lld", top);
	snprintf(n2, sizeof n2, "%lld", top + 1);
	keep = pc->setnext->vals;
	pc->setnext->vals = (char *[]){ cp->next, n1, n2, NULL };
	rc = nowait_send(db, pc->setnext, 1);
	pc->setnext->vals = keep;
	return rc;
}

static void
sure_free(struct sure *s)
{
	size_t i;

	for (i = 0; i < (size_t)s->n * (size_t)s->st->nparams; i++)
		free(s->vals[i]);
	free(s->vals);
}

/* Where a statement's rows go among the others: a table's before the
 * tables that name its rows (organisations (crm_org_add_new) before
 * their people, customers, deals, interactions, then the rest), else in
 * the order the statements were first used. */
static int
parent_rank(const struct sure *s)
{
	static const char *const parents[] = {
	    "INSERT INTO customers (type, name, company, org_key, ",
	    "INSERT INTO customers ", "INSERT INTO deals ",
	    "INSERT INTO interactions ", NULL };
	int i;

	for (i = 0; parents[i]; i++)
		if (strncmp(s->st->sql, parents[i], strlen(parents[i])) == 0)
			break;
	return i;
}

static int
by_parent(const void *a, const void *b)
{
	const struct sure *x = a, *y = b;
	int d = parent_rank(x) - parent_rank(y);

	return d ? d : x->first < y->first ? -1 : x->first > y->first;
}

/*
 * The rows waiting sent, parents first (by_parent); CRM_DONE or
 * CRM_FAIL.  What it calls sends first: the waiting rows are taken out.
 */
static int
batch_send(struct crm_db *db)
{
	struct pgconn *pc = PC(db);
	struct sure s[SURE_STMTS];
	int i, n = pc->nsure, rc = CRM_DONE;

	if (n == 0)
		return CRM_DONE;
	memcpy(s, pc->sure, sizeof s);
	pc->nsure = 0, pc->nsurerows = 0;
	waiting_clear(pc);
	qsort(s, (size_t)n, sizeof *s, by_parent);
	for (i = 0; i < n; i++) {
		if (rc == CRM_DONE && !db->failed) {
			if (!s[i].st->copy_tried) {
				s[i].st->copy = copy_plan(s[i].st);
				s[i].st->copy_tried = 1;
			}
			rc = s[i].st->copy && s[i].n >= COPY_MIN &&
			    copy_fits(s[i].st->copy, s[i].vals, s[i].n,
			    s[i].st->nparams) ? copy_send(db, &s[i]) :
			    insert_send(db, &s[i]);
			if (rc == CRM_DONE && s[i].st->copy &&
			    s[i].st->copy->next[0])
				rc = setnext_send(db, &s[i]);
		}
		sure_free(&s[i]);
	}
	return db->failed ? CRM_FAIL : rc;
}

/*
 * The keys of the rows waiting, so that a statement about others need
 * not send them first (batch_before): the values of each row's key
 * columns (a customer's id, e-mail, external_id, domain, organisation;
 * another table's customer_id; an identity's value), in a filter that
 * may say "maybe" wrongly (crm_seen: then they are sent, as before),
 * never "no".  An INSERT whose columns are not read here gives all its
 * values.
 */
static void
key_params(struct pgst *st)
{
	static const char *const keys[] = { "id", "customer_id", "org_id",
	    "email", "external_id", "domain", "value", NULL };
	const char *cols, *cend, *open, *close, *p, *e, *v, *ve, *q;
	char table[32];
	int len, i;

	st->nkeyp = -1, st->ownp = -1;
	if (sscanf(st->sql, "INSERT INTO %31[a-z_] (%n", table, &len) != 1 ||
	    (cend = matching(cols = st->sql + len - 1)) == NULL ||
	    strncmp(cend, ") VALUES (", 10) != 0 ||
	    (close = matching(open = cend + 9)) == NULL)
		return;
	st->keyp = crm_xcalloc((size_t)st->nparams + 1, sizeof *st->keyp);
	st->nkeyp = 0;
	for (p = cols + 1, v = open + 1; p < cend && v < close;
	    p = e + 1, v = ve + 1) {
		e = memchr(p, ',', (size_t)(cend - p));
		e = e ? e : cend;
		p = skip_space(p);
		if ((ve = item_end(v, close)) == NULL)
			break;
		for (i = 0; keys[i]; i++)
			if (word_is(p, keys[i]) && skip_space(p +
			    strlen(keys[i])) >= e)
				break;
		/* Its parameters, ?N, in its value (nullif(?16, 0)). */
		for (q = v; keys[i] && (q = memchr(q, '?', (size_t)(ve - q)));
		    q++)
			if (isdigit((unsigned char)q[1]) && st->nkeyp <
			    st->nparams) {
				if (i == 0)
					st->ownp = atoi(q + 1) - 1;
				st->keyp[st->nkeyp++] = atoi(q + 1) - 1;
			} else
				goto all;	/* a bare ?: not counted here */
	}
	if (p >= cend && v >= close)
		return;
all:
	free(st->keyp);
	st->keyp = NULL;
	st->nkeyp = -1, st->ownp = -1;
}

/* The keys of st's row just waiting (batch_add), into the filter. */
static void
waiting_add(struct pgconn *pc, struct pgst *st)
{
	int i, k, n;

	if (st->keyp == NULL && st->nkeyp == 0)
		key_params(st);
	if (pc->waiting.bits == NULL)
		crm_seen_init(&pc->waiting, 4 * SURE_ROWS);
	n = st->nkeyp < 0 ? st->nparams : st->nkeyp;
	for (i = 0; i < n; i++) {
		k = st->nkeyp < 0 ? i : st->keyp[i];
		if (k < 0 || k >= st->nparams || st->vals[k] == NULL)
			continue;
		/* Each value of a row not read here as both. */
		if (k != st->ownp)
			crm_seen_add(&pc->waiting, crm_bulk_key(0,
			    st->vals[k]));
		if (k == st->ownp || st->nkeyp < 0)
			crm_seen_add(&pc->waiting, crm_bulk_key(1,
			    st->vals[k]));
	}
	pc->waiting_any = 1;
}

/* No rows waiting: their keys forgotten. */
static void
waiting_clear(struct pgconn *pc)
{
	if (pc->waiting_any)
		memset(pc->waiting.bits, 0, (pc->waiting.mask + 1) / 8);
	pc->waiting_any = 0;
}

/*
 * Before st is sent (a read, or a write not waited for), the rows
 * waiting go, as what st does may concern them; but not in a load whose
 * caller said which keys the statements now sent concern
 * (crm_db_bulk_keys: a repeated row's customer, found by its e-mail or
 * id), when st may go before them (keyed) and no row waiting holds one
 * of those keys.  The server runs st before the rows, which do not
 * concern it.  A repeated row's look-up and the reads and writes of its
 * update sent the rows waiting, some 15 customers' at a time at
 * 1,000,000 (three round trips a repeated row); so they wait until there
 * are SURE_ROWS and go as COPY.  CRM_DONE or CRM_FAIL.
 */
static int
bulk_waiting(struct crm_db *db, const unsigned long long *keys, int n)
{
	struct pgconn *pc = PC(db);
	int i;

	for (i = 0; pc->nsure > 0 && i < n; i++)
		if (crm_seen_maybe(&pc->waiting, keys[i]))
			return 1;
	return 0;
}

static int
batch_before(struct crm_db *db, const struct pgst *st)
{
	struct pgconn *pc = PC(db);

	if (pc->nsure == 0)
		return CRM_DONE;
	if (!st->keyed || db->nbulk_keys == 0 ||
	    bulk_waiting(db, db->bulk_key, db->nbulk_keys))
		return batch_send(db);
	return CRM_DONE;
}

/* The rows waiting forgotten (a rollback). */
static void
batch_drop(struct pgconn *pc)
{
	int i;

	for (i = 0; i < pc->nsure; i++)
		sure_free(&pc->sure[i]);
	pc->nsure = 0, pc->nsurerows = 0;
	waiting_clear(pc);
}

/* Are rows of st waiting? */
static int
batch_has(struct pgconn *pc, const struct pgst *st)
{
	int i;

	for (i = 0; i < pc->nsure; i++)
		if (pc->sure[i].st == st)
			return 1;
	return 0;
}

/*
 * A sure INSERT, kept with the others of its statement: interleaved
 * statements (a customer, its fields, the next customer) each keep
 * their own rows, sent when anything else is sent or there are
 * SURE_ROWS of them.
 */
static int
batch_add(struct crm_db *db, struct pgst *st)
{
	struct pgconn *pc = PC(db);
	struct sure *s;
	int i, np = st->nparams;

	for (i = 0; i < pc->nsure && pc->sure[i].st != st; i++)
		;
	if (i == SURE_STMTS) {
		if (batch_send(db) == CRM_FAIL)
			return CRM_FAIL;
		i = 0;
	}
	s = &pc->sure[i];
	if (i == pc->nsure) {
		memset(s, 0, sizeof *s);
		s->st = st;
		s->first = pc->nsure++;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : BATCH_ROWS;
		s->vals = crm_xreallocarray(s->vals, (size_t)s->cap *
		    (size_t)np + 1, sizeof *s->vals);
	}
	for (i = 0; i < np; i++)
		s->vals[(size_t)s->n * (size_t)np + (size_t)i] = st->vals[i] ?
		    crm_xstrdup(st->vals[i]) : NULL;
	waiting_add(pc, st);
	s->n++;
	st->state = S_IDLE;
	return ++pc->nsurerows == SURE_ROWS ? batch_send(db) : CRM_DONE;
}

/*
 * A write whose outcome its caller does not read (crm_exec_nowait,
 * crm_exec_sure): in a transaction, sent in the pipeline and not waited
 * for (see above), a sure INSERT in a batch; else run as any statement.
 */
static int
step_nowait(struct crm_db *db, void *h, int sure)
{
	struct pgst *st = h;
	int rc;

	if (st->kind != ST_WRITE || !in_transaction(db) ||
	    (PQnfields(st->desc) > 0 && !st->returning)) {
		while ((rc = step(db, st)) == CRM_ROW)
			;
		if (rc == CRM_CONSTRAINT && sure)
			return crm_store_fail(db, CRM_EX_SOFTWARE, "%s: a new "
			    "row refused by the database", db->path);
		return rc;
	}
	if (sure && st->sql)
		return batch_add(db, st);
	if (batch_before(db, st) == CRM_FAIL)
		return CRM_FAIL;
	return nowait_send(db, st, sure);
}

static int make_schema(struct crm_db *);

/* BEGIN: the writers' lock first, as SQLite's BEGIN IMMEDIATE; and the
 * schema not made for good yet (migrate()), again after a rollback. */
static int
begin(struct crm_db *db)
{
	PC(db)->savepoint = 0;
	if (run(db, "BEGIN") == CRM_FAIL || run(db, "SELECT "
	    "pg_advisory_xact_lock(" WRITERS_LOCK ")") == CRM_FAIL)
		return CRM_FAIL;
	return PC(db)->unmade ? make_schema(db) : CRM_DONE;
}

/* COMMIT of an aborted transaction answers ROLLBACK: not a success. */
static int
commit(struct crm_db *db)
{
	PGresult *r = PQexec(PC(db)->c, "COMMIT");
	int rc = CRM_DONE;

	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = fail(db, r);
	else if (strcmp(PQcmdStatus(r), "COMMIT") != 0)
		rc = crm_store_fail(db, CRM_EX_SOFTWARE, "%s: the transaction "
		    "failed and was rolled back", db->path);
	else
		PC(db)->unmade = UNMADE_NOT;	/* the schema too */
	PQclear(r);
	PC(db)->savepoint = 0;
	journal_clear(db);
	return rc;
}

static int rollback(struct crm_db *);

/*
 * An INSERT ... ON CONFLICT into a table with ids whose row was not
 * inserted after all has taken an id from the transaction's count
 * (schema.sql's crm_next_id): SQLite would give it to the next row, so
 * the count is forgotten and the next row's id looked up again (of
 * customers, schema 15, above the largest ever given: migrate-15.sql;
 * SQLite puts its sequence back likewise, sqlite.c's step_insert()).
 */
static int
forget(struct crm_db *db, const char *name)
{
	const char *vals[1] = { name };
	PGresult *r;
	int rc = CRM_DONE;

	r = PQexecParams(PC(db)->c, "SELECT set_config($1, '', true)", 1,
	    NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = fail(db, r);
	PQclear(r);
	return rc;
}

static int
step(struct crm_db *db, void *h)
{
	struct pgst *st = h;
	struct pgconn *pc = PC(db);
	const char *state, *v;
	PGresult *r;
	int tries = 0, rows = 0, rc;

	switch (st->kind) {
	case ST_BEGIN:
		if (park(db) == CRM_FAIL)
			return CRM_FAIL;
		journal_clear(db);
		/* The run's first write joins its schema's transaction. */
		if (!(pc->unmade && in_transaction(db)) &&
		    begin(db) == CRM_FAIL)
			return CRM_FAIL;
		pc->jon = 1, pc->tries = 0;
		return CRM_DONE;
	case ST_COMMIT:
		if (park(db) == CRM_FAIL)
			return CRM_FAIL;
		return commit(db);
	case ST_SNAPSHOT:
		/* Every read after it sees one moment, as SQLite's read
		 * transaction does; no lock, so writers go on. */
		if (park(db) == CRM_FAIL)
			return CRM_FAIL;
		return run(db, "BEGIN ISOLATION LEVEL REPEATABLE READ, "
		    "READ ONLY");
	case ST_ROLLBACK:
		if (rollback(db) < 0)
			return CRM_FAIL;
		/* What the run reads next still finds the schema. */
		return pc->unmade ? begin(db) : CRM_DONE;
	}
	if (st->state == S_DONE)
		return CRM_DONE;
again:
	if (st->state == S_IDLE && send(st) == CRM_FAIL)
		return CRM_FAIL;
	drop_row(st);
	while ((r = next_result(st)) != NULL) {
		switch (PQresultStatus(r)) {
		case PGRES_SINGLE_TUPLE:
			journal_row(st, r);
			if (!st->returning) {
				st->row = r;
				return CRM_ROW;
			}
			v = PQgetvalue(r, 0, 0);
			pc->last_id = strtoll(v, NULL, 10);
			rows++;
			break;
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			v = PQcmdTuples(r);
			if (*v)
				pc->changes = strtoll(v, NULL, 10);
			journal_end(st, v, CRM_DONE);
			break;
		default:
			state = sqlstate(r);
			finish(st);
			if (pc->savepoint && in_transaction(db))
				run(db, "ROLLBACK TO SAVEPOINT crm_stmt");
			if (is_constraint(state)) {
				journal_end(st, "", CRM_CONSTRAINT);
				PQclear(r);
				return CRM_CONSTRAINT;
			}
			/* In a transaction, the whole of it is (see retry()). */
			if (is_retryable(state) && in_transaction(db) &&
			    st->delivered == 0 && entry(st) &&
			    retry(db, (size_t)st->je, r) == CRM_DONE) {
				PQclear(r);
				st->state = S_IDLE;
				goto again;
			}
			/* A statement of its own is tried again. */
			if (is_retryable(state) && !in_transaction(db) &&
			    rows == 0 && ++tries < RETRIES) {
				PQclear(r);
				st->state = S_IDLE;
				goto again;
			}
			rc = fail(db, r);
			PQclear(r);
			return rc;
		}
		PQclear(r);
	}
	finish(st);
	if (st->forget[0] && rows == 0 && in_transaction(db))
		return forget(db, st->forget);
	return CRM_DONE;
}

static int
col_count(void *h)
{
	struct pgst *st = h;

	return st->desc ? PQnfields(st->desc) : 0;
}

static const char *
col_name(void *h, int i)
{
	struct pgst *st = h;

	return st->desc ? PQfname(st->desc, i) : "";
}

static int
col_null(struct pgst *st, int i)
{
	return st->row == NULL || i < 0 || i >= PQnfields(st->row) ||
	    PQgetisnull(st->row, 0, i);
}

static int
col_type(void *h, int i)
{
	struct pgst *st = h;
	const char *v;

	if (col_null(st, i))
		return CRM_NULL;
	switch (PQftype(st->row, i)) {
	case BOOLOID:
	case INT2OID:
	case INT4OID:
	case INT8OID:
	case OIDOID:
		return CRM_INT;
	case FLOAT4OID:
	case FLOAT8OID:
		return CRM_REAL;
	case NUMERICOID:
		/* sum() of integers is numeric: whole, it is an integer. */
		v = PQgetvalue(st->row, 0, i);
		return strpbrk(v, ".eEN") ? CRM_REAL : CRM_INT;
	default:
		return CRM_TEXT;
	}
}

/* A real as SQLite prints one ("%!.15g": 2.5, 3.0, 1.0e+20). */
static const char *
real_text(struct pgst *st, double x)
{
	char *e;

	snprintf(st->text, sizeof st->text, "%.15g", x);
	if (strpbrk(st->text, ".ni") == NULL) {
		if ((e = strchr(st->text, 'e')) != NULL) {
			memmove(e + 2, e, strlen(e) + 1);
			memcpy(e, ".0", 2);
		} else {
			strcat(st->text, ".0");
		}
	}
	return st->text;
}

static const char *
col_text(void *h, int i)
{
	struct pgst *st = h;
	const char *v;

	if (col_null(st, i))
		return NULL;
	v = PQgetvalue(st->row, 0, i);
	switch (col_type(st, i)) {
	case CRM_INT:
		if (PQftype(st->row, i) == BOOLOID)
			return *v == 't' ? "1" : "0";
		return v;
	case CRM_REAL:
		return real_text(st, strtod(v, NULL));
	default:
		return v;
	}
}

static long long
col_int(void *h, int i)
{
	struct pgst *st = h;
	const char *v;

	if (col_null(st, i))
		return 0;
	v = PQgetvalue(st->row, 0, i);
	if (PQftype(st->row, i) == BOOLOID)
		return *v == 't';
	if (col_type(st, i) == CRM_REAL)
		return (long long)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double
col_real(void *h, int i)
{
	struct pgst *st = h;
	const char *v;

	if (col_null(st, i))
		return 0;
	v = PQgetvalue(st->row, 0, i);
	if (PQftype(st->row, i) == BOOLOID)
		return *v == 't';
	return strtod(v, NULL);
}

static void
reset(void *h)
{
	struct pgst *st = h;

	if (st->state != S_IDLE)
		finish(st);
	st->state = S_IDLE;
}

static void
clear(void *h)
{
	struct pgst *st = h;
	int i;

	for (i = 0; i < st->nparams; i++)
		unbind(st, i);
}

static void
st_flush(struct pgst *st)
{
	struct crm_db *db = st->db;
	char sql[48];
	int i;

	/* A write not waited for may be this one's. */
	if (db->h && PC(db)->c && (PC(db)->pipe || batch_has(PC(db), st)))
		park(db);
	copyplan_free(st->copy);
	for (i = 1; i <= BATCH_LOG; i++)
		if (st->multi[i])
			st_flush(st->multi[i]);
	free(st->sql);
	free(st->keyp);
	reset(st);
	clear(st);
	/* The journal may run it again: gone once the transaction is. */
	if (st->name[0] && db->h && PC(db)->jon) {
		PC(db)->unprepare = crm_xreallocarray(PC(db)->unprepare,
		    PC(db)->nunprepare + 1, sizeof *PC(db)->unprepare);
		PC(db)->unprepare[PC(db)->nunprepare++] =
		    crm_xstrdup(st->name);
	/* Only this process's statements, on a connection still there. */
	} else if (st->name[0] && db->h &&
	    PQstatus(PC(db)->c) == CONNECTION_OK) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
		PQclear(PQexec(PC(db)->c, sql));
	}
	PQclear(st->desc);
	free(st->vals);
	free(st->owned);
	free(st->num);
	free(st);
}

static void
finalize(void *h)
{
	st_flush(h);
}

static long long
last_id(struct crm_db *db)
{
	return PC(db)->last_id;
}

static long long
changes(struct crm_db *db)
{
	return PC(db)->changes;
}

/* Undo the open transaction, if any, even after a failure. */
static int
rollback(struct crm_db *db)
{
	PGresult *r;
	int ok;

	if (db->h == NULL || PC(db)->c == NULL)
		return 0;
	batch_drop(PC(db));	/* unsent, as the rest is undone */
	park_stream(db);
	if (PC(db)->streaming)
		return -1;
	/* The writes not waited for are undone unread. */
	if (PC(db)->pipe) {
		PQpipelineSync(PC(db)->c);
		pipe_close(PC(db));
		pending_settle(db, PC(db)->nq, NULL, 0);
	}
	PC(db)->savepoint = 0;
	journal_clear(db);
	if (!in_transaction(db))
		return 0;
	r = PQexec(PC(db)->c, "ROLLBACK");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok ? 0 : -1;
}

/* Opening and the schema */

/*
 * The server's notices ("already exists, skipping") are not the user's;
 * a WARNING of our own scripts' (migrate-13.sql: two customers that now
 * share an e-mail) is, said as crm_warn says SQLite's.
 */
static void
quiet(void *arg, const PGresult *r)
{
	const char *sev = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
	const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);

	(void)arg;
	if (sev && m && strcmp(sev, "WARNING") == 0 &&
	    strncmp(m, "crm: ", 5) == 0)
		crm_warn("%s", m + 5);
}

/* A password in the connection string would be on the command line. */
static int
no_password(struct crm_db *db)
{
	PQconninfoOption *o, *opts;
	char *err = NULL;
	int bad = 0;

	if ((opts = PQconninfoParse(db->path, &err)) == NULL) {
		crm_fail(CRM_EX_USAGE, "%s: not a PostgreSQL connection string: "
		    "%s", db->path, err ? err : "out of memory");
		PQfreemem(err);
		return -1;
	}
	for (o = opts; o->keyword; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val && *o->val)
			bad = 1;
	PQconninfoFree(opts);
	if (bad)
		return crm_fail(CRM_EX_USAGE, "the database's connection string "
		    "holds a password, which others can read on the command "
		    "line: put it in ~/.pgpass (or the file PGPASSFILE names), "
		    "or in PGPASSWORD");
	return 0;
}

/*
 * The session: crm's now (crm_now() in SQL), the busy timeout; and no
 * JIT.  A filter repeated in a report's parts makes a plan whose cost
 * calls for JIT however few its rows, and LLVM then compiled the
 * largest filter crm takes (200 conditions, 32 levels) for minutes,
 * deaf to a cancel (the DROP DATABASE after it waited); with no JIT
 * that report takes a third of a second.
 */
static int
session(struct crm_db *db)
{
	const char *vals[2];
	char ms[24];
	PGresult *r;
	int t, rc = 0;

	if (crm_busy_timeout(&t) < 0)
		return -1;
	/* 0 is no wait on SQLite, and no limit here: 1 ms is close. */
	snprintf(ms, sizeof ms, "%d", t > 0 ? t : 1);
	vals[0] = crm_now_str();
	vals[1] = ms;
	r = PQexecParams(PC(db)->c, "SELECT set_config('crm.now', $1, false), "
	    "set_config('lock_timeout', $2, false), "
	    "set_config('client_min_messages', 'warning', false), "
	    "set_config('jit', 'off', false)", 2, NULL,
	    vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = fail(db, r);
	PQclear(r);
	return rc;
}

/* One number of our own query's, or -1 with the error kept. */
static long long
run_int(struct crm_db *db, const char *sql)
{
	PGresult *r = PQexec(PC(db)->c, sql);
	long long v = -1;

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fail(db, r);
	else if (PQntuples(r) == 1)
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return v;
}

static long long
schema_version(struct crm_db *db)
{
	if (crm_query_int(db, 0, "SELECT to_regclass('crm_schema') IS NOT "
	    "NULL", NULL) == 0)
		return 0;
	return crm_query_int(db, 0, "SELECT max(version) FROM crm_schema",
	    NULL);
}

/*
 * After a migration, on a database with per-rep access (crm grant made
 * crm_access): share/crm/pg/rls.sql again, so the tables the migration
 * added get their policies, and crm_grant() again for every login, so
 * they get its rights.  Else a rep is refused a new table (77) until the
 * owner runs crm grant again by hand.  It is run by whoever migrates, the
 * tables' owner (nobody else may change the schema); no audit row, as
 * nobody granted anything new.
 */
static int
regrant(struct crm_db *db)
{
	long long v = run_int(db, "SELECT CAST(to_regclass('crm_access') IS "
	    "NOT NULL AS integer)");

	if (v <= 0)
		return v < 0 ? CRM_FAIL : CRM_DONE;
	if (run(db, crm_pg_rls_sql) == CRM_FAIL)
		return CRM_FAIL;
	return run(db, "DO $$DECLARE a record; BEGIN FOR a IN SELECT login, "
	    "level, owner FROM crm_access ORDER BY login LOOP PERFORM "
	    "crm_grant(a.level, a.login, a.owner); END LOOP; END$$");
}

/*
 * The schema made, or brought to PG_SCHEMA_VERSION, in the transaction
 * open under the writers' lock: another writer may have made it while we
 * waited for the lock.  Our own statements only (run): begin() calls it
 * again when a transaction is run again (retry), journal and all.
 */
static int
make_schema(struct crm_db *db)
{
	char sql[64];
	long long v;
	int i, made = 0;

	v = run_int(db, "SELECT CAST(to_regclass('crm_schema') IS NOT NULL "
	    "AS integer)");
	if (v > 0)
		v = run_int(db, "SELECT max(version) FROM crm_schema");
	if (v < 0)
		return CRM_FAIL;
	if (v == 0) {
		if (run(db, crm_pg_schema_sql) == CRM_FAIL)
			return CRM_FAIL;
		v = PG_SCHEMA_FIRST;
		made = 1;
	}
	for (i = (int)(v - PG_SCHEMA_FIRST); i < PG_SCHEMA_VERSION -
	    PG_SCHEMA_FIRST; i++)
		if (run(db, migrations[i]) == CRM_FAIL)
			return CRM_FAIL;
	if (v >= PG_SCHEMA_VERSION)
		return CRM_DONE;
	if (!made && regrant(db) == CRM_FAIL)
		return CRM_FAIL;	/* a database that had a schema */
	snprintf(sql, sizeof sql, "INSERT INTO crm_schema (version) VALUES "
	    "(%d)", PG_SCHEMA_VERSION);
	return run(db, sql);
}

/*
 * The schema brought to PG_SCHEMA_VERSION when opened, in one
 * transaction, as on SQLite.  A database crm never wrote has its schema
 * made in a transaction left open: the run's first write joins it
 * (step's ST_BEGIN), so a refused first write, or a run killed midway
 * (crm copy), leaves no schema behind, as SQLite takes away the file it
 * made; a dry run tries itself on it and rolls it back, as SQLite does
 * on a database in memory.  A writer's run that goes well without a
 * write commits it when it closes, as SQLite keeps its file.
 */
static int
migrate(struct crm_db *db, int mode)
{
	long long v = schema_version(db);

	if (crm_db_failed(db))
		return -1;
	if (v == PG_SCHEMA_VERSION)
		return 0;
	if (v > PG_SCHEMA_VERSION)
		return crm_store_fail(db, CRM_EX_DATAERR, "%s: database schema "
		    "version %lld is newer than this crm knows (%d): upgrade "
		    "crm", db->path, v, PG_SCHEMA_VERSION);
	if (v != 0 && v < PG_SCHEMA_FIRST)
		return crm_store_fail(db, CRM_EX_DATAERR, "%s: schema version "
		    "%lld: this crm has no migration from it", db->path, v);
	if (v == 0 && (mode == CRM_DB_READ || mode == CRM_DB_UPDATE))
		return crm_store_fail(db, CRM_EX_NOINPUT, "%s: no database yet "
		    "(crm-add creates it)", db->path);
	if (v == 0) {
		PC(db)->unmade = mode == CRM_DB_DRYRUN ? UNMADE_DRYRUN :
		    UNMADE_WRITE;
		return begin(db) == CRM_FAIL ? -1 : 0;
	}
	if (begin(db) == CRM_FAIL || make_schema(db) == CRM_FAIL) {
		rollback(db);
		return -1;
	}
	return commit(db) == CRM_FAIL ? -1 : 0;
}

/*
 * A script of our own (per-rep access, grant.c), in the caller's
 * transaction; SQLite has no roles to run it for.
 */
int
crm_pg_script(struct crm_db *db, const char *sql)
{
	if (crm_db_failed(db))
		return -1;
	if (db->eng != &crm_pg)
		return crm_fail(CRM_EX_USAGE, "%s: not a PostgreSQL "
		    "database", db->path);
	return run(db, sql) == CRM_FAIL ? -1 : 0;
}

/*
 * Why a connection failed, as an exit class: no such database 66, not
 * let in 77, else the server is not there now, which cron may try again
 * (75).  libpq says which only in its message.
 */
static int
connect_status(const char *m)
{
	if (strstr(m, "database \"") && strstr(m, "does not exist"))
		return CRM_EX_NOINPUT;
	if (strstr(m, "role \"") || strstr(m, "password") ||
	    strstr(m, "authentication") || strstr(m, "permission denied") ||
	    strstr(m, "no pg_hba.conf"))
		return CRM_EX_NOPERM;
	return CRM_EX_TEMPFAIL;
}

static int
open_db(struct crm_db *db, int mode)
{
	struct pgconn *pc;
	char m[512];

	if (pq_load() < 0 || no_password(db) < 0)
		return -1;
	pc = crm_xcalloc(1, sizeof *pc);
	db->h = pc;
	pc->c = PQconnectdb(db->path);
	if (PQstatus(pc->c) != CONNECTION_OK) {
		pg_msg(NULL, pc->c, m, sizeof m);
		return crm_store_fail(db, connect_status(m), "%s: cannot "
		    "connect: %s", db->path, m);
	}
	PQsetNoticeReceiver(pc->c, quiet, NULL);
	if (session(db) < 0)
		return -1;
	return migrate(db, mode);
}

static int
close_db(struct crm_db *db)
{
	struct pgconn *pc = PC(db);

	if (pc == NULL)
		return 0;
	if (pc->c) {
		/* migrate()'s schema, kept by a writer's run that went well */
		if (pc->unmade == UNMADE_WRITE && !db->failed &&
		    crm_error() == NULL && in_transaction(db))
			commit(db);
		rollback(db);
		if (pc->setnext)
			st_flush(pc->setnext);
		PQfinish(pc->c);
	}
	crm_seen_free(&pc->waiting);
	free(pc);
	db->h = NULL;
	return 0;
}

/* Whole-database work */

/*
 * A bulk load (crm-add --import, crm-log --import), in the caller's one
 * transaction, as sqlite.c's: the server's time per row was the cost
 * (bench/README.md), and most of it triggers with nothing to do and
 * indexes taking the rows in no order.  The table's largest id before
 * the load goes in a setting local to the transaction, crm.bulk_TABLE,
 * which the triggers of search and of the aggregates read in their WHEN
 * clause (migrate-10.sql): the load's own rows skip them.  The caller
 * defers the aggregates (crm_agg_defer), which then adds up every new
 * interaction at its end; the search text of every new customer is made
 * here at the end in one statement.
 */
#define BULK_SMALL	1	/* a table this small next to the file: sqlite.c's */

/*
 * The indexes a load drops into a table that is small next to the file,
 * and builds once the rows are in, in the same transaction (a killed or
 * refused load leaves them as they were): those that take its rows in
 * no order, as on SQLite (people by organisation, interactions by
 * kind), and the interactions' GIN trigram index of search
 * (migrate-9.sql), which took a third of their time row by row; and
 * the customers' search texts' GIN trigram index: their texts go in at
 * the end in one statement, about as fast into it as into none and a
 * build after at 105,000 (6.4 s against 2.3 + 3.8 s), but at 1,005,000
 * the build took 99 s against 152 s into the index (a GIN index takes
 * a statement's rows through its pending list, merged into a tree that
 * grows; the build sorts them in memory: bench/README.md).  Only the
 * tables' owner may drop them (a rep's load keeps them); until the
 * commit, readers of the table wait (SQLite's read the old snapshot).
 */
static const char *const bulk_indexes[] = {
	[CRM_BULK_CUSTOMERS] = "customers_org fts_customers_folded",
	[CRM_BULK_INTERACTIONS] = "interactions_search interactions_kind",
};
/*
 * And the foreign keys its rows would each check, as SQLite's load turns
 * them off (sqlite.c): each check locked the row it names (FOR KEY
 * SHARE), 530,467 of them in a load of 200,000 interactions into a new
 * table (6.5 s of the server's 40 s; the aggregates' catch-up fills
 * cust_totals, cust_periods and cust_orders anew), 203,742 in a load of
 * 100,000 customers (1.0 s).  Dropped by the same rule as the indexes
 * and added again at the end, which checks every row in one join: a row
 * that names none is still refused, and the load with it.  Only keys
 * that point at a table the load holds already (its indexes dropped lock
 * it until the commit): dropping a key locks the table it points at too,
 * and an interactions load that dropped theirs on customers locked every
 * reader of customers out until its commit (75 after the busy timeout);
 * so an interactions load checks its customers row by row, as before.
 * cust_never's (schema 17) too: bulk_end adds the load's people to it in
 * one statement, whose checks, one a person, each locking its customer's
 * row, took 5.4 s of a load of 200,000 (bench/README.md).
 */
static const char *const bulk_fks[] = {
	[CRM_BULK_CUSTOMERS] = "customers.customers_org_id_fkey "
	    "customer_fields.customer_fields_customer_id_fkey "
	    "identities.identities_customer_id_fkey tags.tags_customer_id_fkey "
	    "cust_never.cust_never_customer_id_fkey",
	[CRM_BULK_INTERACTIONS] =
	    "interaction_fields.interaction_fields_interaction_id_fkey "
	    "scores.scores_interaction_id_fkey",
};
static const char *const bulk_lo[] = {
	[CRM_BULK_CUSTOMERS] = "crm.bulk_customers",
	[CRM_BULK_INTERACTIONS] = "crm.bulk_interactions",
};
static const char bulk_drop[] =
	"DO $$\n"
	"DECLARE\n"
	"	i text;\n"
	"	k oid;\n"
	"	t regclass;\n"
	"BEGIN\n"
	"	FOREACH i IN ARRAY string_to_array(current_setting("
	"'crm.bulk_drop'), ' ') LOOP\n"
	"		IF EXISTS (SELECT FROM pg_class c WHERE c.oid = "
	"to_regclass(i) AND pg_has_role(c.relowner, 'USAGE')) THEN\n"
	"			INSERT INTO pg_temp.crm_bulk_index VALUES "
	"(pg_get_indexdef(to_regclass(i)));\n"
	"			EXECUTE format('DROP INDEX %s', to_regclass(i));\n"
	"		END IF;\n"
	"	END LOOP;\n"
	"	FOREACH i IN ARRAY string_to_array(current_setting("
	"'crm.bulk_fks'), ' ') LOOP\n"
	"		SELECT f.oid, f.conrelid INTO k, t FROM pg_constraint f "
	"JOIN pg_class c ON c.oid = f.conrelid WHERE f.conrelid = "
	"to_regclass(split_part(i, '.', 1)) AND f.conname = split_part(i, "
	"'.', 2) AND f.contype = 'f' AND pg_has_role(c.relowner, 'USAGE');\n"
	"		IF FOUND THEN\n"
	"			INSERT INTO pg_temp.crm_bulk_index VALUES (format("
	"'ALTER TABLE %s ADD CONSTRAINT %I %s', t, split_part(i, '.', 2), "
	"pg_get_constraintdef(k)));\n"
	"			EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t, "
	"split_part(i, '.', 2));\n"
	"		END IF;\n"
	"	END LOOP;\n"
	"END$$";
static const char bulk_build[] =
	"DO $$\n"
	"DECLARE\n"
	"	d text;\n"
	"BEGIN\n"
	"	FOR d IN SELECT def FROM pg_temp.crm_bulk_index LOOP\n"
	"		EXECUTE d;\n"
	"	END LOOP;\n"
	"	DELETE FROM pg_temp.crm_bulk_index;\n"
	"END$$";

/*
 * The new customers' search texts, made at a load's end: what the view
 * fts_customer_text (migrate-9.sql) makes of each row, byte for byte,
 * but with the load's fields, identities and tags each grouped once
 * (three hash aggregates) instead of three index probes a customer
 * (the view's subqueries): 105,000 texts read in 0.5 s against 3.2-3.9
 * s (bench/README.md).  The two must stay alike: t/940 and t/116
 * compare every kept text with the view's after a load.
 */
#define BULK_TEXTS(W) \
	"INSERT INTO fts_customers (rowid, body) SELECT c.id, c.name || " \
	"chr(10) || coalesce(c.company, '') || chr(10) || coalesce(c.email, " \
	"'') || chr(10) || coalesce(c.phone, '') || chr(10) || " \
	"coalesce(c.external_id, '') || chr(10) || coalesce(f.v, '') || " \
	"chr(10) || coalesce(i.v, '') || chr(10) || coalesce(t.v, '') || " \
	"chr(10) || chr(10) FROM customers c " \
	"LEFT JOIN (SELECT customer_id, string_agg(value, chr(10) ORDER BY " \
	"key) AS v FROM customer_fields WHERE customer_id " W " GROUP BY " \
	"customer_id) AS f ON f.customer_id = c.id " \
	"LEFT JOIN (SELECT customer_id, string_agg(value, chr(10) ORDER BY " \
	"kind, value, source) AS v FROM identities WHERE customer_id " W " " \
	"GROUP BY customer_id) AS i ON i.customer_id = c.id " \
	"LEFT JOIN (SELECT customer_id, string_agg(tag, ' ' ORDER BY tag) AS " \
	"v FROM tags WHERE customer_id " W " GROUP BY customer_id) AS t ON " \
	"t.customer_id = c.id WHERE c.id " W " ORDER BY c.id"
static const char bulk_texts[] = BULK_TEXTS("> ?1");
/* The customers marked in fts_dirty (crm_search_catch_up), the same way:
 * one statement, their lists each grouped once. */
static const char marked_texts[] =
	BULK_TEXTS("IN (SELECT id FROM fts_dirty)");

/*
 * The customers marked in fts_dirty into fts_customers, their old texts
 * out: how many, or -1.  Marks as many as the texts there are (a load
 * made with --defer-index into a table small next to it) are written as
 * a load writes them: the trigram index dropped and built after, by the
 * same rule and with the same statements (bulk_drop, bulk_build; only
 * the table's owner's), where a GIN index taking them one by one took
 * half as long again (bulk_indexes above).
 */
static long long
index_marked(struct crm_db *db)
{
	long long marked = crm_query_int(db, 0, "SELECT count(*) FROM "
	    "fts_dirty", NULL), n;
	int rebuild = marked > 0 && crm_query_int(db, 0, "SELECT count(*) "
	    "FROM fts_customers", NULL) <= marked * BULK_SMALL;

	crm_exec(db, "DELETE FROM fts_customers WHERE rowid IN (SELECT id "
	    "FROM fts_dirty)", NULL);
	if (rebuild) {
		crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS crm_bulk_index "
		    "(def TEXT)", NULL);
		crm_exec(db, "SELECT set_config('crm.bulk_drop', "
		    "'fts_customers_folded', TRUE), set_config('crm.bulk_fks', "
		    "'', TRUE)", NULL);
		crm_exec(db, bulk_drop, NULL);
	}
	crm_exec(db, marked_texts, NULL);
	n = crm_changes(db);
	if (rebuild)
		crm_exec(db, bulk_build, NULL);
	return crm_db_failed(db) ? -1 : n;
}

static void
bulk_begin(struct crm_db *db, struct crm_bulk *b)
{
	char lo[32];
	int ia = b->what == CRM_BULK_INTERACTIONS;

	b->index[0] = '\0';
	/* Customers' ids start above the largest ever given (schema 15). */
	b->lo = crm_query_int(db, 0, ia ? "SELECT max(id) FROM interactions" :
	    "SELECT coalesce(max(top), 0) FROM (SELECT max(id) AS top FROM "
	    "customers UNION ALL SELECT seq FROM sqlite_sequence WHERE name = "
	    "'customers') AS t", NULL);
	snprintf(lo, sizeof lo, "%lld", b->lo);
	crm_exec(db, "SELECT set_config(?, ?, TRUE)", "ss", bulk_lo[b->what],
	    lo);
	/* The load holds the writers' lock: its rows' ids are the count's,
	 * which the caller may keep and give (crm_exec_sure), unless
	 * row-level security hides rows from it (a rep's load). */
	b->next = crm_query_int(db, 0, "SELECT NOT row_security_active(?)",
	    "s", ia ? "interactions" : "customers") ? b->lo + 1 : 0;
	if (b->rows <= 0 || b->lo > b->rows * BULK_SMALL || crm_db_failed(db))
		return;
	crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS crm_bulk_index "
	    "(def TEXT)", NULL);
	/* Into customers with rows, people's organisation index stays: the
	 * load asks it for a namesake at a person's organisation (import.c's
	 * twin_added), a scan of the table a person without it (qa21). */
	crm_exec(db, "SELECT set_config('crm.bulk_drop', ?, TRUE), "
	    "set_config('crm.bulk_fks', ?, TRUE)", "ss", !ia && b->lo > 0 ?
	    "fts_customers_folded" : bulk_indexes[b->what], bulk_fks[b->what]);
	/* Through the store, not run(): a retried transaction does it again
	 * (the journal). */
	crm_exec(db, bulk_drop, NULL);
	if (crm_query_int(db, 0, "SELECT count(*) FROM pg_temp.crm_bulk_index",
	    NULL) > 0)
		strcpy(b->index, "dropped");
}

/*
 * --defer-index: the load's new customers (above lo) marked as the
 * triggers would have marked them; the texts wait for
 * crm_search_catch_up (index_marked).  Marks above the largest there
 * cannot conflict, and go in without ON CONFLICT's speculative insertion
 * (200,000 marks 0.74 s against 1.05 s: bench/README.md, *Heap churn
 * and the filters*); any at or below it (none unless ids were given
 * again) as before.
 */
/*
 * A statement of the load's end that no row may be refused by: its
 * refusal (a constraint) is the load's failure, never a row left out of
 * the marks, the texts or the never-contacted, committed with exit 0.
 */
static void
end_sure(struct crm_db *db, int rc, const char *what)
{
	if (rc == CRM_CONSTRAINT && !crm_db_failed(db))
		crm_store_fail(db, CRM_EX_SOFTWARE, "%s: the load's %s refused "
		    "by the database (a constraint)", db->path, what);
}

static void
defer_marks(struct crm_db *db, long long lo)
{
	long long top = crm_query_int(db, 0, "SELECT coalesce(max(id), 0) "
	    "FROM fts_dirty", NULL);

	if (top > lo)
		end_sure(db, crm_exec(db, "INSERT INTO fts_dirty (id) SELECT "
		    "id FROM customers WHERE id > ? AND id <= ? ON CONFLICT DO "
		    "NOTHING", "ii", lo, top), "search marks");
	end_sure(db, crm_exec(db, "INSERT INTO fts_dirty (id) SELECT id FROM "
	    "customers WHERE id > ?", "i", top > lo ? top : lo),
	    "search marks");
}

static void
bulk_end(struct crm_db *db, const struct crm_bulk *b)
{
	if (crm_db_failed(db))
		return;		/* all of it is rolled back */
	/* What the statements below read and the keys added again check is
	 * the load's rows, which the planner knows nothing of yet (the
	 * tables were small when last analysed): at 1,000,000 customers
	 * the check of the customers' organisation took 3.2 s unanalysed,
	 * 0.2 s analysed.  Only the tables' owner's load (as the indexes):
	 * another's ANALYZE is skipped with a warning.  Not an interactions
	 * load's: its end (agg.c's catch-up) runs before this, and its keys
	 * added again are small tables'. */
	if (b->index[0] && b->what == CRM_BULK_CUSTOMERS)
		crm_exec(db, "ANALYZE customers, customer_fields, identities, "
		    "tags", NULL);
	if (b->what == CRM_BULK_CUSTOMERS && b->defer)
		defer_marks(db, b->lo);
	else if (b->what == CRM_BULK_CUSTOMERS) {
		end_sure(db, crm_exec(db, "DELETE FROM fts_customers WHERE "
		    "rowid > ?", "i", b->lo), "search index");
		end_sure(db, crm_exec(db, bulk_texts, "i", b->lo),
		    "search index");
	}
	if (b->what == CRM_BULK_CUSTOMERS) {
		/* The load's people skipped never_customers (migrate-17.sql):
		 * those with no totals are never contacted. */
		end_sure(db, crm_exec(db, "INSERT OR IGNORE INTO cust_never "
		    "SELECT id FROM customers c WHERE c.id > ? AND c.type = "
		    "'person' AND NOT EXISTS (SELECT 1 FROM cust_totals t WHERE "
		    "t.customer_id = c.id)", "i", b->lo), "never-contacted");
	}
	crm_exec(db, "SELECT set_config(?, '', TRUE)", "s", bulk_lo[b->what]);
	/* A foreign key added again refuses a row that names none: the
	 * load's end, not a row to skip. */
	if (b->index[0] && crm_exec(db, bulk_build, NULL) != CRM_DONE &&
	    !crm_db_failed(db))
		crm_store_fail(db, CRM_EX_SOFTWARE, "%s: a row of the load "
		    "names one that is not there (a foreign key)", db->path);
}

static int
backup(struct crm_db *db, const char *path)
{
	(void)path;
	return crm_fail(CRM_EX_USAGE, "%s: a PostgreSQL database is backed up "
	    "by the server's tools (pg_dump), not by crm", db->path);
}

/* The server keeps its own integrity and every foreign key. */
static long
check(struct crm_db *db, FILE *out)
{
	(void)db, (void)out;
	return 0;
}

static int
readonly(struct crm_db *db)
{
	return crm_query_int(db, 0, "SELECT current_setting("
	    "'default_transaction_read_only') = 'on'", NULL) == 1;
}

/* Deleted rows are the server's to vacuum: nothing the client can do. */
static int
secure_delete(struct crm_db *db)
{
	(void)db;
	return 0;
}

static int
checkpoint(struct crm_db *db)
{
	(void)db;
	return 0;
}

const struct crm_engine crm_pg = {
	.name = "postgresql",
	.open = open_db,
	.close = close_db,
	.prepare = prepare,
	.bind_text = bind_text,
	.bind_int = bind_int,
	.bind_real = bind_real,
	.step = step,
	.step_nowait = step_nowait,
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
	.index_marked = index_marked,
	.in_txn = in_transaction,
	.backup = backup,
	.check = check,
	.readonly = readonly,
	.secure_delete = secure_delete,
	.checkpoint = checkpoint,
	.bulk_waiting = bulk_waiting,
};

/*
 * Whether name is a libpq connection string rather than a file: a URI,
 * or key=value whose first key is one of libpq's ("host=/run/pg
 * dbname=crm"; a file named "x=1" is still a file).
 */
int
crm_pg_name(const char *name)
{
	PQconninfoOption *o, *opts;
	size_t n = strcspn(name, "= \t");
	int found = 0;

	if (strncmp(name, "postgresql://", 13) == 0 ||
	    strncmp(name, "postgres://", 11) == 0)
		return 1;
	if (name[n] == '\0' || name[n + strspn(name + n, " \t")] != '=')
		return 0;
	if (pq_load() < 0)	/* open_db says why */
		return 1;
	if ((opts = PQconndefaults()) == NULL)
		return 0;
	for (o = opts; o->keyword && !found; o++)
		found = strlen(o->keyword) == n &&
		    strncmp(o->keyword, name, n) == 0;
	PQconninfoFree(opts);
	return found;
}
