/*
 * crm.h - the one public header of libcrm, the library every crm program
 * is built on.  Prototypes are grouped by the file that defines them; every
 * symbol starts with crm_.
 */
#ifndef CRM_H
#define CRM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#ifndef CRM_VERSION
#define CRM_VERSION "0.1.0"
#endif

/* Exit statuses (sysexits.h values, listed in crm.7). */
enum {
	CRM_EX_OK = 0,
	CRM_EX_NONE = 1,	/* nothing found / false */
	CRM_EX_USAGE = 64,
	CRM_EX_DATAERR = 65,
	CRM_EX_NOINPUT = 66,
	CRM_EX_UNAVAILABLE = 69,	/* libpq, for a PostgreSQL database */
	CRM_EX_SOFTWARE = 70,
	CRM_EX_CANTCREAT = 73,
	CRM_EX_IOERR = 74,
	CRM_EX_TEMPFAIL = 75,
	CRM_EX_NOPERM = 77,	/* no key, a wrong key, a page that does
				   not authenticate (crypt.c) */
};

#define CRM_FIELD_MAX	(1 << 20)	/* longest field read, in bytes */
#define CRM_COLS_MAX	4096		/* most columns in an input header */
#define CRM_TIME_LEN	21		/* "2026-11-23T09:30:00Z" + NUL */

/* err.c */
struct crm_err {
	int status;		/* the exit class: CRM_EX_* */
	const char *arg;	/* the parameter it is about (a program's
				   option names it), or NULL */
	char *msg;
};
struct crm_optname {
	const char *param, *option;	/* "weights", "--weights" */
};
extern const char *crm_prog;
extern int crm_quiet_errors;
extern void (*crm_oom_hook)(void);
void crm_setprog(const char *argv0);
void crm_set_optnames(const struct crm_optname *t, size_t n);
const char *crm_optname(const char *name);
char *crm_msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int crm_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int crm_fail_arg(int status, const char *arg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const struct crm_err *crm_error(void);
int crm_err_status(void);
void crm_err_clear(void);
void crm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void crm_oom(void);

/* util.c */
struct crm_buf {
	char *s;
	size_t len, cap;
};
void *crm_xmalloc(size_t n);
void *crm_xcalloc(size_t n, size_t size);
void *crm_xrealloc(void *p, size_t n);
void *crm_xreallocarray(void *p, size_t n, size_t size);
char *crm_xstrdup(const char *s);
char *crm_xstrndup(const char *s, size_t n);
char *crm_xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
char *crm_xvasprintf(const char *fmt, va_list ap);
void crm_buf_add(struct crm_buf *b, const char *s, size_t n);
void crm_buf_adds(struct crm_buf *b, const char *s);
void crm_buf_addc(struct crm_buf *b, char c);
void crm_buf_addf(struct crm_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void crm_buf_free(struct crm_buf *b);
void crm_buf_reset(struct crm_buf *b);
const char *crm_buf_str(struct crm_buf *b);
int crm_utf8_valid(const char *s, size_t n);
int crm_to_utf8(struct crm_buf *b, const char *charset);
int crm_utf8_str(const char *s);
int crm_utf8_width(const char *s);
size_t crm_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);
void crm_utf8_encode(struct crm_buf *b, unsigned long c);
char *crm_trim(char *s);
size_t crm_invisible_len(const char *s, int *space);
size_t crm_invisible_fold(char *s, int spaces);
char *crm_tag_uncomma(char *s);
char **crm_split_list(const char *s, size_t *n);
void crm_free_list(char **v, size_t n);
int crm_in_list(const char *s, const char *const *list, size_t n);
int crm_yes_no(const char *v);
#define CRM_NELEM(a)	(sizeof (a) / sizeof (a)[0])
void crm_lower(char *s);
const char *crm_actor(void);
void crm_json_str(struct crm_buf *b, const char *s);
const char *crm_json_object(const char *s, size_t len,
    const char *(*pair)(void *ctx, const char *key, const char *value),
    void *ctx, size_t *col);
char *crm_fmt_count(long n, char buf[32]);
char *crm_fmt_fixed(double v, int decimals, char buf[64]);
char *crm_fmt_int(long long v, char buf[24]);
long long crm_sample_hash(long long seed, long long id);
/* Keys seen (a bulk load's): "maybe" may be wrong, "no" never is. */
struct crm_seen {
	unsigned long long *bits, mask;
};
void crm_seen_init(struct crm_seen *s, long long keys);
void crm_seen_free(struct crm_seen *s);
unsigned long long crm_seen_hash(unsigned long long h, const char *s);
void crm_seen_add(struct crm_seen *s, unsigned long long h);
int crm_seen_maybe(const struct crm_seen *s, unsigned long long h);

/* key.c */
char *crm_key_trim(char *s);
char *crm_key_fold(const char *s);
char *crm_name_fold(const char *s);
size_t crm_key_fold_char(const char *p, struct crm_buf *b);
char *crm_key_email(const char *s);
char *crm_key_mailto(char *s);
char *crm_key_phone(const char *s);
char *crm_key_phone_national(const char *s, int *intl);
char *crm_key_phone_bare(const char *s, int *intl);
struct crm_db;
int crm_phone_same(const char *a, const char *b);
int crm_phone_exact(const char *a, const char *b);
int crm_phone_one(const char *a, const char *b);
void crm_phone_cross_note(struct crm_db *db, const char *key, long long id,
    const char *theirs, int same);
void crm_phone_cross_say(struct crm_db *db, const char *where);
const char *crm_phone_set_home(const char *iso);
const char *crm_phone_home(void);
const char *crm_phone_home_load(struct crm_db *db);
int crm_phone_home_put(struct crm_db *db, const char *iso);

/* country.c */
const char *crm_country_cc(const char *iso, const char **name,
    const char **trunk);
const char *crm_country_trunk(const char *d, size_t len);

/* nfc.c */
char *crm_nfc(const char *s);
int crm_ascii(const char *s);
char *crm_unaccent(const char *s);

/* when.c */
struct crm_dur {
	int months;
	long long seconds;
};
time_t crm_now(void);
int crm_now_check(void);
int crm_parse_when(const char *s, time_t *out);
int crm_parse_when_as(const char *s, const char *fmt, time_t *out);
const char *crm_set_date_format(const char *fmt);
const char *crm_date_format(void);
const char *crm_weekday_clash(const char *s, char *buf, size_t cap);
const char *crm_date_format_for(const char *s);
/* What a date or duration on the command line may be (a usage error, 64). */
#define CRM_ARG_DATE_HINT "ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; " \
	"today, tomorrow, yesterday, +3d, -2w"
#define CRM_ARG_DUR_HINT "24h, 3d, 2w, 1m, 1y"
/*
 * What a date in a file may be.  Its %s is the option that reads other
 * forms, crm_optname("date-format"): the hint goes into a row's reason,
 * a value and not a format, where {date-format} would stay as it is.
 */
#define CRM_DATE_HINT "ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an " \
	"import reads other forms with %s"
int crm_parse_dur(const char *s, struct crm_dur *out);
time_t crm_dur_add(time_t t, const struct crm_dur *d, int sign);
time_t crm_dur_add_local(time_t t, const struct crm_dur *d);
char *crm_fmt_time(time_t t, char buf[CRM_TIME_LEN]);
const char *crm_now_str(void);

/* store.c: the storage seam.  Every statement goes through these; see
 * store.c for the sticky errors that let a caller test only at the end. */
struct crm_db;
struct crm_stmt;
enum { CRM_FAIL = -1, CRM_DONE = 0, CRM_ROW = 1, CRM_CONSTRAINT = 2 };
enum { CRM_NULL, CRM_INT, CRM_REAL, CRM_TEXT };
struct crm_stmt *crm_prepare(struct crm_db *db, const char *sql);
void crm_bind_text(struct crm_stmt *st, int i, const char *s);
void crm_bind_ref(struct crm_stmt *st, int i, const char *s);
void crm_bind_int(struct crm_stmt *st, int i, long long v);
void crm_bind_real(struct crm_stmt *st, int i, double v);
int crm_step(struct crm_stmt *st);
int crm_col_count(struct crm_stmt *st);
const char *crm_col_name(struct crm_stmt *st, int i);
int crm_col_type(struct crm_stmt *st, int i);
const char *crm_col_text(struct crm_stmt *st, int i);
long long crm_col_int(struct crm_stmt *st, int i);
double crm_col_real(struct crm_stmt *st, int i);
void crm_reset(struct crm_stmt *st);
void crm_finalize(struct crm_stmt *st);
long long crm_last_id(struct crm_db *db);
long long crm_changes(struct crm_db *db);
int crm_db_failed(const struct crm_db *db);
int crm_busy_timeout(int *ms);
const char *crm_busy_advice(void);
/* A cached statement; key stands for sql's text for good (see store.c). */
struct crm_stmt *crm_cached(struct crm_db *db, const void *key,
    const char *sql);
/* crm_exec and crm_query_*: sql must be a string literal (see store.c). */
int crm_exec(struct crm_db *db, const char *sql, const char *types, ...);
int crm_exec_nowait(struct crm_db *db, const char *sql, const char *types,
    ...);
int crm_exec_sure(struct crm_db *db, const char *sql, const char *types,
    ...);
int crm_step_sure(struct crm_stmt *st);
int crm_db_nowait(const struct crm_db *db);
int crm_exec_try(struct crm_db *db, char **why, const char *sql,
    const char *types, ...);
int crm_exec_insert(struct crm_db *db, const char *table, const char *sql,
    const char *types, ...);
long long crm_query_int(struct crm_db *db, long long none, const char *sql,
    const char *types, ...);
char *crm_query_text(struct crm_db *db, const char *sql, const char *types,
    ...);
int crm_begin(struct crm_db *db);
int crm_commit(struct crm_db *db);
int crm_rollback(struct crm_db *db);
int crm_db_close(struct crm_db *db);

/* db.c */
enum { CRM_DB_READ, CRM_DB_WRITE, CRM_DB_DRYRUN, CRM_DB_UPDATE };
extern const char crm_schema_sql[];
extern const char crm_migrate_2_sql[];
extern const char crm_migrate_3_sql[];
extern const char crm_migrate_4_sql[];
extern const char crm_migrate_5_sql[];
extern const char crm_migrate_6_sql[];
extern const char crm_migrate_7_sql[];
extern const char crm_migrate_8_sql[];
extern const char crm_migrate_9_sql[];
extern const char crm_migrate_10_sql[];
extern const char crm_migrate_11_sql[];
extern const char crm_migrate_12_sql[];
extern const char crm_migrate_13_sql[];
extern const char crm_migrate_14_sql[];
extern const char crm_migrate_15_sql[];
extern const char crm_migrate_16_sql[];
extern const char crm_migrate_17_sql[];
extern const char crm_migrate_18_sql[];
extern const char crm_migrate_19_sql[];
extern const char crm_migrate_20_sql[];
extern const char crm_migrate_21_sql[];
/*
 * A bulk load into one table: the caller sets what and rows (the file's
 * rows, about; 0 when not known), the engine the rest.
 */
enum { CRM_BULK_CUSTOMERS, CRM_BULK_INTERACTIONS };
struct crm_bulk {
	int what;		/* CRM_BULK_* */
	long long rows;
	long long cache;	/* what to put back */
	int fk;
	char index[256];	/* an index dropped for the load, built at its end */
	char *triggers;		/* triggers dropped for the load (sqlite.c) */
	long long lo;		/* the table's largest id before the load */
	long long next;		/* 0, or the id the caller gives its next
				 * row (crm_exec_sure): the engine wants
				 * them numbered by the caller */
	int empty;		/* the table had no rows before the load
				 * (sqlite.c; pg.c says so by next == 1) */
	int defer;		/* the caller sets it: the load's customers
				 * are marked in fts_dirty, not indexed */
};
const char *crm_db_path(const char *opt);
struct crm_db *crm_db_open(const char *opt, int mode);
const char *crm_db_name(const struct crm_db *db);
const char *crm_db_engine(const struct crm_db *db);
void crm_db_no_undo(struct crm_db *db);
void crm_audit(struct crm_db *db, const char *action, long long customer,
    const char *detail);
char *crm_setting(struct crm_db *db, const char *key);
void crm_setting_put(struct crm_db *db, const char *key, const char *value);
/* The database's one currency, as an import reads it once. */
struct crm_currency {
	char *code;		/* the setting "currency", NULL for none yet */
	int read;
	char *sign;		/* the setting "currency_sign": $ or ¥ met */
	int sign_read;		/* while no code was */
};
char *crm_currency_check(struct crm_db *db, struct crm_currency *cur,
    const char *code, const char *column);
const char *crm_currency_known(struct crm_db *db, struct crm_currency *cur);
char *crm_currency_cell(struct crm_db *db, struct crm_currency *cur,
    const char *v, const char *column);
void crm_currency_free(struct crm_currency *cur);
int crm_currency_given(struct crm_db *db, const char *code, long long minor,
    const char *arg);
void crm_audit_item(struct crm_db *db, const char *action,
    long long customer, const char *item, long long id, const char *key,
    const char *value);
void crm_audit_export(struct crm_db *db, const char *what, long long rows);
/* What a listing told: its items and the customers they name. */
struct crm_told {
	long long items;
	long long *ids;		/* each item's customer, to free */
};
void crm_told_add(struct crm_told *t, long long customer);
void crm_audit_told(struct crm_db *db, const char *what, struct crm_told *t);
void crm_audit_export_of(struct crm_db *db, const char *what,
    long long rows, long long customer);
int crm_db_backup(struct crm_db *db, const char *path);
void crm_db_bulk_begin(struct crm_db *db, struct crm_bulk *b);
void crm_db_bulk_end(struct crm_db *db, const struct crm_bulk *b);
#define CRM_BULK_KEYS	4
void crm_db_bulk_keys(struct crm_db *db, const char *email, long long id,
    long long org);
unsigned long long crm_bulk_key(int own, const char *v);
int crm_db_bulk_waiting(struct crm_db *db, long long id);
long crm_db_check(struct crm_db *db, FILE *out);
int crm_db_secure_delete(struct crm_db *db);
int crm_db_checkpoint(struct crm_db *db);
int crm_db_cells(const struct crm_db *db);
int crm_db_fts5(const struct crm_db *db);

/* copy.c: crm copy, a whole database into an empty one (any engines) */
long long crm_copy(struct crm_db *from, struct crm_db *to);

/*
 * The engine interface, for store.c, db.c and the engines only: what a
 * second engine implements.  An engine's failures go through
 * crm_store_fail(), which keeps the error and marks the database failed.
 */
#define CRM_CACHE_SIZE		256
#define CRM_CACHE_PROBES	4
struct crm_engine {
	const char *name;
	int undo;		/* keeps crm undo's shadow tables (undo.c) */
	int cells;		/* keeps schema 10's sales cells (agg.c) */
	int fts5;		/* searches FTS5 indexes, else pg_trgm's (search.c) */
	int (*open)(struct crm_db *db, int mode);	/* db->path */
	int (*close)(struct crm_db *db);
	void *(*prepare)(struct crm_db *db, const char *sql);
	void (*bind_text)(void *st, int i, const char *s, int copy);
	void (*bind_int)(void *st, int i, long long v);
	void (*bind_real)(void *st, int i, double v);
	int (*step)(struct crm_db *db, void *st);
	/* A write whose outcome is not read (crm_exec_nowait; sure:
	 * crm_exec_sure, a refusal is a failure) */
	int (*step_nowait)(struct crm_db *db, void *st, int sure);
	/* An INSERT ... ON CONFLICT DO NOTHING into table, which gives no
	 * id twice (crm_exec_insert; NULL: step does it) */
	int (*step_insert)(struct crm_db *db, void *st, const char *table);
	int (*col_count)(void *st);
	const char *(*col_name)(void *st, int i);
	int (*col_type)(void *st, int i);
	const char *(*col_text)(void *st, int i);
	long long (*col_int)(void *st, int i);
	double (*col_real)(void *st, int i);
	void (*reset)(void *st);
	void (*clear)(void *st);
	void (*finalize)(void *st);
	long long (*last_id)(struct crm_db *db);
	long long (*changes)(struct crm_db *db);
	int (*rollback)(struct crm_db *db);
	void (*bulk_begin)(struct crm_db *db, struct crm_bulk *b);
	void (*bulk_end)(struct crm_db *db, const struct crm_bulk *b);
	/* The customers marked in fts_dirty into the search index, their
	 * old entries out: how many, or -1 (crm_search_catch_up) */
	long long (*index_marked)(struct crm_db *db);
	int (*in_txn)(struct crm_db *db);	/* a transaction is open */
	int (*backup)(struct crm_db *db, const char *path);
	long (*check)(struct crm_db *db, FILE *out);
	int (*readonly)(struct crm_db *db);
	/* Erasing: deleted content overwritten from now on, in this
	 * connection; and the log moved into the file and emptied (0, 1
	 * when a reader kept part of it, -1). */
	int (*secure_delete)(struct crm_db *db);
	int (*checkpoint)(struct crm_db *db);
	/* May a row waiting in the client (a load's) hold one of the
	 * keys (crm_bulk_key)?  NULL: none ever waits. */
	int (*bulk_waiting)(struct crm_db *db, const unsigned long long *keys,
	    int n);
	/* Triggers on or off for the connection's next statements (undo.c's
	 * crm_undo_update); what it was.  NULL: never off. */
	int (*triggers)(struct crm_db *db, int on);
};
struct crm_db {
	const struct crm_engine *eng;
	void *h;		/* the engine's connection */
	const char *path;	/* the database's name, for messages */
	int failed;		/* a statement failed: see store.c */
	int undo;		/* record each change for crm undo (undo.c) */
	long long undo_change;	/* the change being recorded, 0 if none */
	int undo_audited;	/* it has written its first audit row */
	long long undo_seq;	/* undo_now.n when it began */
	int bulk_sure;		/* in a load numbered by its caller */
	/* What the statements now sent read and write (crm_db_bulk_keys):
	 * the hashes of their keys (crm_bulk_key), none when 0. */
	unsigned long long bulk_key[CRM_BULK_KEYS];
	int nbulk_keys;
	/* Customers found by a number written another way (key.c's
	 * crm_phone_cross_note), said once: how many, and the first. */
	long long phone_cross, phone_guess;
	char phone_cross_first[256];
	struct crm_cached {
		const void *key;
		struct crm_stmt *st;
		char *sql;	/* its text, checked at every use */
	} cache[CRM_CACHE_SIZE];
};
struct crm_stmt {
	struct crm_db *db;
	void *h;		/* the engine's statement */
};
int crm_store_fail(struct crm_db *db, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* crypt.c: encryption at rest, under sqlite.c (doc/encryption.md) */
enum { CRM_CRYPT_ENCRYPT, CRM_CRYPT_DECRYPT, CRM_CRYPT_REKEY };
const char *crm_crypt_vfs(void);
int crm_crypt_state(const char *path);
int crm_crypt_wanted(void);
int crm_crypt_setup(const char *path);
int crm_crypt_clone(const char *path, const char *copy);
int crm_crypt_wal(void *conn, int sealed);
void crm_crypt_forget(const char *path);
const char *crm_crypt_failure(void);
int crm_crypt_convert(const char *path, int op);
int crm_crypt_leftover(const char *path);
char *crm_crypt_mac_hex(const char *keyhex, const char *text);
char *crm_crypt_new_key_hex(void);

/* pg.c: PostgreSQL (doc/scale.md) */
extern const struct crm_engine crm_pg;
int crm_pg_name(const char *name);
int crm_pg_script(struct crm_db *db, const char *sql);

/* grant.c: per-rep access on PostgreSQL (doc/scale.md) */
int crm_grant(struct crm_db *db, const char *level, const char *login,
    const char *owner);
int crm_revoke(struct crm_db *db, const char *login);

/* sqlite.c */
extern const struct crm_engine crm_sqlite;
int crm_sqlite_problem(void *conn, const char *msg);
void crm_db_unmake(void);

/* smalloc.c: SQLite's memory, small blocks by size class */
void *crm_small_alloc(int n);
void crm_small_free(void *p);
void *crm_small_realloc(void *p, int n);
int crm_small_size(void *p);
int crm_small_roundup(int n);

/* deal.c */
struct crm_out;
struct crm_filter;
struct crm_deal {
	const char *title, *stage, *close, *owner, *product, *reason;
	const char *source, *ref;	/* an import's system and its id */
	const char *closed_at;		/* when a won or lost deal closed */
	const char *currency;		/* the amount's, checked; NULL: none */
	long long amount;		/* minor units */
	int has_amount;
	int probability;		/* 0 to 100; -1: the stage's */
};
int crm_stage_closed(const char *stage);
char *crm_stage_key(const char *name);
int crm_stage_same(const char *a, const char *b);
char *crm_stage_find(struct crm_db *db, const char *stage);
char *crm_stage_check(struct crm_db *db, const char *stage);
int crm_stages_set(struct crm_db *db, const char *spec);
long long crm_stages_orphans(struct crm_db *db, struct crm_buf *names);
int crm_stages_print(struct crm_db *db, struct crm_out *out);
long long crm_deal_add(struct crm_db *db, long long customer,
    const struct crm_deal *d, const char *at, int audit);
long long crm_deal_customer(struct crm_db *db, long long id);
char *crm_deal_too_early(struct crm_db *db, long long id, const char *at);
char *crm_deal_made_after(struct crm_db *db, long long id, const char *at);
int crm_deal_move_past(struct crm_db *db, long long id, const char *stage,
    const char *at, const char *note);
int crm_deal_move(struct crm_db *db, long long id, const char *stage,
    const char *at, const char *note, const char *reason);
int crm_deal_update(struct crm_db *db, long long id,
    const struct crm_deal *d);
long long crm_deal_list(struct crm_db *db, struct crm_filter *f,
    const char *fields, struct crm_out *out);
int crm_deal_show(struct crm_db *db, long long id, struct crm_out *out);
/*
 * SQL on a deal "d": its effective probability (a closed deal's outcome,
 * else the deal's own, else its stage's), and its weighted amount in
 * minor units, amount x probability rounded half up, deal by deal (what
 * crm-deal lists, and what crm-report's pipeline and forecast sum).
 */
#define CRM_DEAL_PROB "(CASE d.stage WHEN 'won' THEN 100 WHEN 'lost' THEN " \
	"0 ELSE coalesce(d.probability, ds.probability, 0) END)"
/* What a query using them joins: a lookup per row was a quarter of it. */
#define CRM_DEAL_STAGE "LEFT JOIN stages ds ON ds.name = d.stage "
#define CRM_DEAL_WEIGHTED "((d.amount * " CRM_DEAL_PROB " + 50) / 100)"

/* dealimport.c */
struct crm_deal_import {
	int add_customers;	/* make the people rows name */
	long orgs, customers;	/* organisations and people made */
	struct crm_buf new_stages;	/* "Contract Sent (90%), ..." */
	long deleted;		/* rows of deals deleted there: skipped */
	long closed;		/* ... imported open before: closed, lost */
	char *closed_why;	/* their reason: "deleted in pipedrive" */
	long made_at_close;	/* closed deals the file dates not the
				 * making of: made at their close */
	long older;		/* rows older than their deal here: not taken */
	long closed_now;	/* won or lost deals the file dates not the
				 * close of: closed at the import's time */
	struct crm_buf dropped_stages;	/* crm's own, unused: "lead, ..." */
};
struct crm_import;
struct crm_rd;
int crm_import_deals(struct crm_db *db, struct crm_rd *rd,
    struct crm_import *im, struct crm_deal_import *opts);

/* org.c */
char *crm_org_key(const char *name);
int crm_org_legal_form(const char *name);
int crm_domain_free(const char *domain);
const char *crm_org_domain(const char *email);
long long crm_org_by_id(struct crm_db *db, const char *id);
long long crm_org_find(struct crm_db *db, const char *name,
    const char *domain);
long long crm_org_add(struct crm_db *db, const char *name,
    const char *domain, const char *owner);
long long crm_org_add_new(struct crm_db *db, const char *name,
    const char *domain, const char *owner, long long id);
long long crm_org_for(struct crm_db *db, const char *company,
    const char *email, const char *owner, int *added);
int crm_org_learn_domain(struct crm_db *db, long long org, long long person,
    const char *email);
int crm_org_learn_person(struct crm_db *db, long long id);
long long crm_org_link(struct crm_db *db, const char *company,
    const char *domain, const char *owner, int *added);
char *crm_domain_norm(const char *s);
long long crm_org_by_name(struct crm_db *db, const char *key,
    const char **err);
long long crm_org_must_find(struct crm_db *db, const char *key);

/* erase.c */
struct crm_erase_counts {
	long long customers, ids, fields, tags, interactions, reminders;
	long long deals, contacts;	/* contacts: an organisation's people
					   unlinked */
	long long audit;		/* audit rows scrubbed */
	long long unlisted;		/* erased with no e-mail or id: none
					   on the erased list */
};
int crm_cust_erase(struct crm_db *db, const long long *ids, size_t n,
    struct crm_erase_counts *c);
int crm_erased_any(struct crm_db *db);
int crm_erased_is(struct crm_db *db, const char *kind, const char *source,
    const char *value);
long long crm_unerase(struct crm_db *db, const char *key, const char *source);
char *crm_erased_source(struct crm_db *db, const char *value);
char *crm_erased_when(struct crm_db *db, const char *key);
struct crm_audit_of {
	long long id;
	int theirs;	/* about them (else a row that names them) */
};
int crm_erase_audit_rows(struct crm_db *db, long long id,
    struct crm_audit_of **rows, size_t *n);
char *crm_erase_vacuum(const struct crm_db *db,
    const struct crm_erase_counts *c);

/* out.c */
enum crm_fmt { CRM_FMT_AUTO, CRM_FMT_TSV, CRM_FMT_CSV, CRM_FMT_JSON,
	CRM_FMT_TABLE, CRM_FMT_VCARD, CRM_FMT_HTML };
struct crm_out;
int crm_fmt_parse(const char *s, enum crm_fmt *fmt);
struct crm_out *crm_out_new(FILE *fp, enum crm_fmt fmt);
void crm_out_delim(struct crm_out *o, int delim);
int crm_fields_all(const char *list);
void crm_out_fields(struct crm_out *o, const char *list);
void crm_out_spreadsheet(struct crm_out *o);
void crm_out_quiet(struct crm_out *o);
void crm_out_chart(struct crm_out *o, const char *column);
void crm_out_title(struct crm_out *o, const char *title);
void crm_out_part(struct crm_out *o);
void crm_out_section(struct crm_out *o, const char *name);
void crm_out_also(struct crm_out *o, struct crm_out *also);
int crm_out_header(struct crm_out *o, const char *const *names, size_t n);
int crm_out_row(struct crm_out *o, const char *const *vals,
    const char *types);
int crm_out_row_wide(struct crm_out *o, const char *const *vals, size_t n);
long long crm_out_stmt(struct crm_out *o, struct crm_stmt *st);
long long crm_out_stmt_each(struct crm_out *o, struct crm_stmt *st,
    void (*each)(struct crm_stmt *, void *), void *ctx);
void crm_json_members(struct crm_buf *b, struct crm_stmt *st);
int crm_out_end(struct crm_out *o);
int crm_formula_like(const char *s);
void crm_unneutralise(char *s);

/* rec.c */
enum { CRM_REC_EOF, CRM_REC_OK, CRM_REC_BAD, CRM_REC_FATAL };
struct crm_rd_opts {
	int format;		/* 0 detect, 'c' CSV, 't' TSV ('j', 'v') */
	int delim;		/* CSV delimiter, 0 to detect */
	const char *encoding;	/* iconv name of the input, NULL for UTF-8 */
	int spool;		/* read all of stdin before the first record */
	int empty_ok;		/* no header at all: no records, not an error */
	int tsv_escapes;	/* TSV: 0 guess, 'y' undo \t \n \r \\, 'n' keep */
	/* Does a header cell name a column the program reads (a list of
	 * one column under it is no preamble)?  NULL: none is known. */
	int (*known)(const char *name);
};
struct crm_rec {
	char **f;		/* fields, NUL-terminated */
	size_t n;
	long line;		/* line the record starts on */
};
struct crm_rd;
int crm_rd_try(const char *path, const struct crm_rd_opts *opts,
    struct crm_rd **rdp);
struct crm_rd *crm_rd_open(const char *path, const struct crm_rd_opts *opts);
int crm_parse_delim(const char *s);
const char *crm_rd_name(const struct crm_rd *rd);
long long crm_rd_size(const struct crm_rd *rd);
size_t crm_rd_header(const struct crm_rd *rd, char *const **names);
long crm_rd_header_line(const struct crm_rd *rd);
int crm_rd_format(const struct crm_rd *rd);
int crm_rd_delim(const struct crm_rd *rd);
int crm_rd_field(const struct crm_rd *rd, const char *name);
int crm_rd_next(struct crm_rd *rd, struct crm_rec *rec);
const struct crm_rec *crm_rd_peek(struct crm_rd *rd, size_t k);
size_t crm_rd_cells(const struct crm_rd *rd);
long crm_rd_header_below(struct crm_rd *rd, int *d);
const char *crm_rd_error(const struct crm_rd *rd, long *line);
int crm_rd_fail(const struct crm_rd *rd);
void crm_rd_close(struct crm_rd *rd);

/* ldif.c */
struct crm_ldif;
struct crm_ldif *crm_ldif_new(FILE *fp, const char *encoding);
int crm_ldif_scan(struct crm_ldif *l);
size_t crm_ldif_header(const struct crm_ldif *l, char *const **names);
int crm_ldif_next(struct crm_ldif *l, const char *const **vals, long *line);
const char *crm_ldif_error(const struct crm_ldif *l, long *line);
void crm_ldif_free(struct crm_ldif *l);

/* vcard.c */
struct crm_vcard;
struct crm_vcard *crm_vcard_new(FILE *fp);
int crm_vcard_scan(struct crm_vcard *v);
size_t crm_vcard_header(const struct crm_vcard *v, char *const **names);
int crm_vcard_field(const struct crm_vcard *v, const char *name);
int crm_vcard_next(struct crm_vcard *v, const char *const **vals,
    long *line);
const char *crm_vcard_error(const struct crm_vcard *v, long *line);
void crm_vcard_free(struct crm_vcard *v);
int crm_base64_decode(struct crm_buf *b, const char *s);
/* the field a card's own N is kept in when its name does not give it */
#define CRM_VCARD_N	"vCard N"
/* The field a fax number is (a vCard's TEL;TYPE=FAX, QuickBooks' Fax:). */
#define CRM_VCARD_FAX	"fax"
/* The field a pager's number is (Outlook's and Yahoo's Pager, Google's
 * Phone N labelled Pager): no number to call either. */
#define CRM_VCARD_PAGER	"pager"
/*
 * The field an ORG's units are (ORG:Acme Ltd;Sales), under the header
 * Outlook's and Thunderbird's CSVs give a department, so that one filter
 * finds both; the company is the organisation's name alone.
 */
#define CRM_VCARD_UNIT	"Department"
void crm_vcard_n(struct crm_buf *b, const char *name, const char *kept,
    const char *const parts[5]);
int crm_vcard_n_part(const char *field, const char *value);

/* cust.c */
enum crm_cfield {
	CRM_C_EXTERNAL_ID, CRM_C_NAME, CRM_C_COMPANY, CRM_C_EMAIL,
	CRM_C_PHONE, CRM_C_INDUSTRY, CRM_C_TIER, CRM_C_OWNER, CRM_C_STATUS,
	CRM_C_CREATED, CRM_C_ROLE, CRM_C_DOMAIN, CRM_C_NFIELDS
};
/* A customer's type: 0 when not given (a new one is a person). */
enum { CRM_TYPE_PERSON = 1, CRM_TYPE_ORG };
struct crm_kv {
	char *key, *value;
};
struct crm_cust {
	char *v[CRM_C_NFIELDS];	/* NULL: not given; "" clears on update */
	struct crm_kv *fields;
	size_t nfields;
	size_t *fslot, nfslot;	/* cust.c's hash of fields' keys (a wide
				   file's row has thousands): index + 1 */
	char **tags, **untags;
	size_t ntags, nuntags;
	char *arena;		/* one block holding values (not freed singly) */
	size_t narena;
	int utf8_ok;		/* values are a reader's, already checked */
	int keys_moved;		/* crm_cust_check trimmed or normalised a
				   key: two fields may now share one */
	int type;		/* CRM_TYPE_*, 0: not given */
	int has_org;		/* org_id is given: */
	long long org_id;	/* the organisation a person is a contact
				   of, 0: none */
};
enum { CRM_UP_ADDED, CRM_UP_UPDATED, CRM_UP_UNCHANGED };
int crm_email_valid(const char *s);
const char *crm_cust_colname(int i);
int crm_names_people(const char *name);
int crm_cust_colindex(const char *name);
int crm_cust_reserved(const char *name);
void crm_cust_free(struct crm_cust *c);
void crm_cust_set(struct crm_cust *c, int col, const char *value);
void crm_cust_field(struct crm_cust *c, const char *key, const char *value);
char *crm_cust_field_key(const struct crm_cust *c, const char *key);
void crm_cust_field_take(struct crm_cust *c, const char *key, char *value);
void crm_cust_field_drop(struct crm_cust *c, const char *key);
void crm_cust_tag(struct crm_cust *c, const char *tag, int remove);
const char *crm_cust_check(struct crm_cust *c, int *col, const char **what);
long long crm_cust_find(struct crm_db *db, const char *key, const char **err);
int crm_name_shaped(const char *v);
char *crm_name_turned(const char *name);
long long crm_cust_by_email(struct crm_db *db, const char *e);
long long crm_cust_by_id(struct crm_db *db, const char *source, const char *id);
int crm_sf_id_other(const char *id, char out[19]);
long long crm_cust_add_id(struct crm_db *db, long long id, const char *source,
    const char *value);
long long crm_cust_add_email(struct crm_db *db, long long id, const char *email);
long long crm_cust_must_find(struct crm_db *db, const char *key);
const char *crm_cust_none_why(struct crm_db *db, const char *key,
    const char *err);
const char *crm_cust_erased_why(struct crm_db *db, const char *key,
    const char *shown);
int crm_each_customer(struct crm_db *db, const char *key, struct crm_rd *rd,
    int (*fn)(struct crm_db *, long long, const struct crm_rec *, void *),
    void *ctx);
int crm_cust_keys(struct crm_db *db, const char *key, struct crm_rd *rd,
    long long **ids, size_t *n);
long long crm_cust_conflict(struct crm_db *db, const struct crm_cust *c,
    long long self, const char **col);
long long crm_cust_insert(struct crm_db *db, const struct crm_cust *c, int audit);
long long crm_cust_insert_new(struct crm_db *db, const struct crm_cust *c,
    long long id);
int crm_cust_update(struct crm_db *db, long long id, const struct crm_cust *c,
    int keep_nonempty);
struct crm_stored;
struct crm_stored *crm_cust_read_by_email(struct crm_db *db,
    const char *email, const struct crm_cust *c);
long long crm_stored_id(const struct crm_stored *s);
const char *crm_stored_col(const struct crm_stored *s, int col);
void crm_stored_free(struct crm_stored *s);
int crm_cust_update_read(struct crm_db *db, long long id,
    const struct crm_cust *c, int keep_nonempty, struct crm_stored *read);
int crm_cust_merge(struct crm_db *db, long long keep, long long dup);
long long crm_cust_reassign(struct crm_db *db, const char *from, const char *to);

/* money.c */
int crm_parse_money(const char *s, long long *minor);
int crm_money_either(const char *s, long long *grouped, long long *decimals);
int crm_parse_money_cell(const char *v, long long *minor, struct crm_rd *rd,
    size_t col, long line);
/* What an amount column's other cells show (crm_money_column): three
 * decimals, the other decimal mark, two decimals at most. */
enum { M_THREE, M_OTHER, M_TWO, M_SHOWS };
int crm_money_column(struct crm_rd *rd, size_t col, long *line,
    const char **val);
const char *crm_money_currency(const char *s);
const char *crm_money_cell(const char *v, const char *db, const char **codes);
const char *crm_money_sign_codes(const char *sign);
int crm_money_sign_fits(const char *sign, const char *code);
char *crm_money_word(const char *s, const char *code);
const char *crm_money_word_codes(const char *s);
int crm_amount_word_given(struct crm_db *db, const char *s, const char *arg);
/* What a sum in 64 bits holds, as crm says it when a sum would pass it. */
#define CRM_SUM_LIMIT "92233720368547758.07 as an amount " \
	"(9223372036854775807 in cents or as a count)"
int crm_sum_add(long long *sum, long long v, const char *what,
    const char *group);
void crm_set_decimal_comma(int on);
int crm_is_amount(const char *s);
/* The amounts crm reads, for a hint (crm_money_hint adds the way out). */
#define CRM_MONEY_HINT "e.g. 1299.50, 1,299.50 or $1,299.50; at most two " \
	"decimals"
int crm_decimal_comma(void);
const char *crm_parse_percent(const char *s, int fraction, int *pct);
/*
 * crm_percent_kind's answer, what a probability cell is: no number (or a
 * negative one), 0, 1 (1% or, as a fraction, 100%), a number strictly
 * between 0 and 1 without '%' (a fraction, or a fraction of a percent),
 * and one above 1 or with its '%' (a percent).
 */
enum { CRM_PCT_NONE = -1, CRM_PCT_ZERO, CRM_PCT_ONE, CRM_PCT_PART,
	CRM_PCT_PERCENT };
int crm_percent_kind(const char *s);
char *crm_fmt_money(long long minor, char buf[32]);
int crm_currency_digits(const char *code);
void crm_set_money_digits(int digits);
int crm_money_digits(void);
const char *crm_money_whole(long long minor, const char *code);
/* ISO 4217's currencies of no minor unit (money.c), as an SQL list. */
#define CRM_WHOLE_CODES "'BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW'," \
	"'PYG','RWF','UGX','UYI','VND','VUV','XAF','XOF','XPF'"
/* Is the database's currency one of them?  Read by the statement itself
 * (once a run of it), so that SQL prints as crm_fmt_money does on either
 * engine with no function of its own, even in the transaction that
 * first set the currency. */
#define CRM_SQL_WHOLE "((SELECT value FROM settings WHERE key = " \
	"'currency') IN (" CRM_WHOLE_CODES "))"
/*
 * An SQL expression of minor units (a literal) printed as an exact
 * decimal, as crm_fmt_money prints it: two decimals, or none (rounded
 * half away from zero) where the currency has no minor unit.
 */
#define CRM_SQL_MONEY(x) "CASE WHEN " CRM_SQL_WHOLE " THEN printf('%s%d', " \
	"CASE WHEN (" x ") <= -50 THEN '-' ELSE '' END, (abs(" x ") + 50) / " \
	"100) ELSE printf('%s%d.%02d', CASE WHEN (" x ") < 0 THEN " \
	"'-' ELSE '' END, abs(" x ") / 100, abs(" x ") % 100) END"
void crm_sql_money(struct crm_buf *b, const char *e);

/* log.c */
struct crm_ia {
	const char *kind, *at, *channel, *owner, *product, *summary, *ref;
	const char *due;		/* an invoice's due time; NULL: terms */
	long long qty, amount;		/* amount in minor units */
	long long item;			/* line of the order, 0 for none */
	long long deal;			/* the deal it is about, 0 for none */
	int has_qty, has_amount, rating;
	int has_nps, nps;		/* a survey's 0 to 10 (Net Promoter) */
	int at_now;			/* no time given: at is now; */
					/* CRM_AT_EMPTY: a file's empty cell */
	struct crm_kv *fields;		/* extra columns, kept as they are */
	size_t nfields;
	struct crm_score {
		char *indicator;
		int score;
	} *scores;
	size_t nscores;
};
/*
 * at_now of an import's row whose time cell is empty in a file that has
 * a time column: the same only as a row logged at now too (at is its
 * created), not as one of any time, as a row of a file with no time
 * column is (qa30 F4: an open task of no done time was "the same" as
 * the customer's call of March).
 */
#define CRM_AT_EMPTY	2
int crm_kind_valid(const char *s);
const char *crm_kind_word(const char *s);
const char *crm_channel_word(const char *s);
const char *crm_kinds(void);
const char *crm_ia_score(struct crm_ia *ia, const char *s);
const char *crm_ia_nps(struct crm_ia *ia, const char *s);
const char *crm_ia_check(struct crm_ia *ia);
int crm_ia_check_text(const struct crm_ia *ia);
void crm_ia_free(struct crm_ia *ia);
int crm_ia_money_ahead(const struct crm_ia *ia, char ahead[CRM_TIME_LEN]);
void crm_ia_warn_ahead(const char *file, long n, long line,
    const struct crm_ia *ia);
/*
 * The deals (a WHERE of deals) that may hold an interaction of customer
 * ?2: the customer's own, their organisation's, and, for an organisation,
 * its people's.  Each side through its index (deals_customer,
 * customers_org): an import asks it for every row.
 */
#define CRM_SQL_DEAL_OF "customer_id IN (SELECT id FROM customers WHERE " \
	"id = ?2 UNION SELECT org_id FROM customers WHERE id = ?2 UNION " \
	"SELECT id FROM customers WHERE org_id = ?2)"
int crm_ia_check_deal(struct crm_db *db, long long customer,
    const struct crm_ia *ia);
char *crm_ia_no_mail(struct crm_db *db, long long customer);
long long crm_ia_insert(struct crm_db *db, long long customer,
    const struct crm_ia *ia, int audit);
long long crm_ia_insert_new(struct crm_db *db, long long customer,
    const struct crm_ia *ia, long long id);
long long crm_ia_find(struct crm_db *db, long long customer,
    const struct crm_ia *ia, int keyed, long long nth, long long *amount,
    int *has_amount);
long long crm_ia_find_loose(struct crm_db *db, long long customer,
    const struct crm_ia *ia, long long nth, long long before);
long long crm_ia_same_day(struct crm_db *db, long long customer,
    const struct crm_ia *ia, const char *from, const char *to,
    long long before, long long *amount);
enum { CRM_FILL_RATING = 1, CRM_FILL_PRODUCT = 2, CRM_FILL_SUMMARY = 4 };
int crm_ia_fill(struct crm_db *db, long long id, const struct crm_ia *ia,
    int *differ);
long long crm_ia_find_line(struct crm_db *db, long long customer,
    const struct crm_ia *ia, const long long *taken, size_t ntaken,
    long long *amount, int *has_amount);
long long crm_ia_find_by_field(struct crm_db *db, long long customer,
    const struct crm_ia *ia, const char *key, const char *value,
    long long *amount, int *has_amount);
long long crm_ia_find_other_level(struct crm_db *db, long long customer,
    const struct crm_ia *ia, long long before);
void crm_ia_set_amount(struct crm_db *db, long long id, long long amount);
void crm_ia_drop_field(struct crm_db *db, long long id, const char *key,
    const char *value);
int crm_ia_fill_ticket(struct crm_db *db, long long id, const char *ref,
    const char *owner);
void crm_ia_move(struct crm_db *db, long long id, const char *at,
    long long amount);
void crm_ia_set_resolved(struct crm_db *db, long long id, const char *at);
int crm_ia_set_rating(struct crm_db *db, long long id, int rating,
    const char *key, const char *cell);
long long crm_ia_customer(struct crm_db *db, long long id);
int crm_ia_resolve(struct crm_db *db, long long id, const char *at,
    const char *summary);
long long crm_ia_show(struct crm_db *db, long long customer,
    const char *since, const char *kind, const char *search,
    struct crm_out *out, const char *what);

/* expr.c */
/*
 * An invoice i's open amount (receivables): its amount less the payments
 * p of the same customer that name its number and for which paid holds
 * (e.g. "p.at <= crm_now()"), never below 0.  The one definition every
 * figure, report, reminder and risk signal uses.
 */
#define CRM_SQL_INVOICE_OPEN(paid) "max(0, i.amount - coalesce((SELECT " \
	"sum(p.amount) FROM interactions p WHERE p.kind = 'payment' AND " \
	"p.customer_id = i.customer_id AND p.ref = i.ref AND " paid "), 0))"

/*
 * An interaction's part in net revenue: a return counts against it
 * whatever the sign it was logged with.
 */
#define CRM_NET_AMOUNT \
	"(CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END)"

/*
 * Orders, not line items: the purchases of one customer with one ref are
 * one order (Shopify's #1001 of two lines), a purchase without a ref is
 * an order of its own.  CRM_SQL_ORDERS counts them among one customer's
 * purchases (the rows aggregated are all of kind 'purchase'),
 * CRM_SQL_ORDERS_OF among any customers' purchases and other rows.
 * crm-report, the filter's `orders`, RFM's frequency, risk and
 * cust_orders (agg.c) all count so.
 */
#define CRM_SQL_ORDERS \
	"(count(DISTINCT ref) + count(*) FILTER (WHERE ref IS NULL))"
#define CRM_SQL_ORDERS_OF "(count(DISTINCT CASE WHEN kind = 'purchase' " \
	"AND ref IS NOT NULL THEN customer_id || ' ' || ref END) + " \
	"count(*) FILTER (WHERE kind = 'purchase' AND ref IS NULL))"

/*
 * A Net Promoter answer as crm_ia_nps() keeps it: feedback's field nps,
 * 0 to 10 (another kind's nps, or a feedback's cell that was no answer,
 * is an extra field of the same name).  CRM_SQL_NPS_OF(i) is the answer
 * of interaction i as a number, NULL when it has none: crm-log --show,
 * crm-report customer and the filter's nps read it so.
 */
#define CRM_SQL_NPS_VALUES "('0', '1', '2', '3', '4', '5', '6', '7', " \
	"'8', '9', '10')"
#define CRM_SQL_NPS_OF(i) "(SELECT CAST(nf.value AS INTEGER) FROM " \
	"interaction_fields nf WHERE nf.interaction_id = " i ".id AND " \
	"nf.key = 'nps' AND " i ".kind = 'feedback' AND nf.value IN " \
	CRM_SQL_NPS_VALUES ")"

/* Set one extra field; a second value for a key replaces the first. */
#define CRM_FIELD_UPSERT "INSERT INTO customer_fields (customer_id, key, " \
	"value) VALUES (?, ?, ?) ON CONFLICT (customer_id, key) DO UPDATE " \
	"SET value = excluded.value"

struct crm_param {
	int type;		/* 's' text, 'i' integer, 'd' real, 'w' window */
	char *s;
	long long i;
	double d;
};
/*
 * Which customers a filter is about: people (type 'person'), whose
 * figures are their own; organisations (type 'org'), whose figures are
 * rolled up over their contacts; or all of them, each with its own kind
 * of figures (reports, deals).
 */
enum crm_scope { CRM_SCOPE_PEOPLE, CRM_SCOPE_ORGS, CRM_SCOPE_ALL };
/*
 * The ids whose interactions and deals are the customer c's when c is an
 * organisation: its own and its contacts' (people whose org_id it is).
 */
#define CRM_ORG_MEMBERS "(SELECT c.id UNION ALL SELECT id FROM customers " \
	"WHERE org_id = c.id)"
struct crm_filter {
	struct crm_buf sql;	/* a condition on customers "c" */
	struct crm_param *params;	/* ?1, ?2, ... in order */
	size_t nparams;
	enum crm_scope scope;
	struct crm_db *db;	/* compiled for (risk.c reads its settings) */
};
int crm_filter_compile(struct crm_db *db, const char *expr, const char *from,
    const char *to, struct crm_filter *f, char **err);
int crm_filter_compile_scope(struct crm_db *db, const char *expr,
    const char *from, const char *to, enum crm_scope scope,
    struct crm_filter *f, char **err);
void crm_filter_bind(const struct crm_filter *f, struct crm_stmt *st,
    int first);
int crm_filter_compile_deals(struct crm_db *db, const char *expr,
    struct crm_filter *f, char **err);
void crm_filter_free(struct crm_filter *f);
int crm_filter_param(struct crm_filter *f, const char *s);
int crm_filter_param_int(struct crm_filter *f, long long i);
int crm_filter_param_real(struct crm_filter *f, double d);
const char *crm_filter_field(const char *name, int *money);
const char *crm_filter_field_name(size_t i);
int crm_filter_known(struct crm_db *db, const char *name);
int crm_filter_absent(struct crm_db *db, const char *name,
    const char *param);
char *crm_filter_near_group(struct crm_db *db, const char *name);
char *crm_filter_near_deal(struct crm_db *db, const char *name,
    const char *const *names, size_t n);
int crm_filter_all_time(const struct crm_filter *f);
char *crm_filter_column(struct crm_filter *f, const char *name, int *money);
char *crm_filter_printed(struct crm_filter *f, const char *name);

/* recv.c: receivables and credit */
struct crm_recv_inv {
	char *ref;
	char at[CRM_TIME_LEN];
	long long open;
};
struct crm_recv_inv *crm_recv_open_list(struct crm_db *db, long long customer,
    size_t *n);
void crm_recv_open_free(struct crm_recv_inv *v, size_t n);
struct crm_recv_inv *crm_recv_paid_at(struct crm_db *db, long long customer,
    const char *at, size_t *n);
long long crm_recv_open(struct crm_db *db, long long customer,
    const char *ref);
long long crm_recv_paid(struct crm_db *db, long long customer,
    const char *ref);
const char *crm_recv_why(struct crm_db *db, long long customer,
    const struct crm_ia *ia, char due[CRM_TIME_LEN]);
int crm_recv_check(struct crm_db *db, long long customer,
    const struct crm_ia *ia, char due[CRM_TIME_LEN]);
int crm_recv_set_credit(struct crm_db *db, long long customer,
    int has_limit, long long limit, const char *terms, int audit);
int crm_recv_group_check(const char *group);
int crm_recv_done(struct crm_db *db, long long id);
#define CRM_TERMS_LEN	16
int crm_parse_terms(const char *s, char dur[CRM_TERMS_LEN]);
const char *crm_recv_report_sql(const char *group);

/* search.c */
long long crm_search_run(struct crm_db *db, struct crm_filter *f,
    const char *words, long long limit,
    int (*each)(void *, long long, const char *), void *arg, int *more);
char *crm_search_ids_sql(struct crm_filter *f, const char *words,
    char **err);
char *crm_search_interactions_sql(struct crm_db *db, struct crm_filter *f,
    const char *words, char **err);
char *crm_search_deals_sql(struct crm_filter *f, const char *words,
    char **err);
void crm_search_defer(struct crm_db *db);
void crm_search_catch_up(struct crm_db *db);
int crm_search_behind(struct crm_db *db, long long *customers,
    long long *interactions);
int crm_search_index(struct crm_db *db, long long *customers,
    long long *interactions);
int crm_search_ready(struct crm_db *db);
void crm_search_left(struct crm_db *db);

/* agg.c */
void crm_agg_defer(struct crm_db *db);
void crm_agg_catch_up(struct crm_db *db);
void crm_agg_fill(struct crm_db *db);
void crm_agg_fill_orders(struct crm_db *db);
void crm_agg_fill_years(struct crm_db *db);
long crm_agg_check(struct crm_db *db, FILE *out);

/* aggscan.c */
int crm_agg_scan(struct crm_db *db);

/* tally.c: sums by group of text keys, added up in C */
struct crm_tally;
struct crm_tally *crm_tally_new(int nkeys, int nsums);
long long *crm_tally_at(struct crm_tally *t, const char *const *keys);
size_t crm_tally_count(const struct crm_tally *t);
long long *crm_tally_row(const struct crm_tally *t, size_t i,
    const char **keys);
void crm_tally_free(struct crm_tally *t);

/* model.c: the value models, worked out in C (crm-segment's, and
 * crm-report's pareto curve read off the same Pareto) */
enum crm_model_kind { CRM_MODEL_RFM, CRM_MODEL_PARETO, CRM_MODEL_TIERS };
struct crm_tier {
	char *name;
	long long min;		/* in minor units */
	size_t given;		/* its place in the list */
};
struct crm_model;
struct crm_model *crm_model_new(struct crm_db *db, struct crm_filter *f,
    enum crm_model_kind kind, const struct crm_tier *tiers, size_t ntiers);
size_t crm_model_size(const struct crm_model *m);
long long crm_model_id(const struct crm_model *m, size_t i);
void crm_model_row(struct crm_model *m, size_t i, const char **vals,
    char *types);
size_t crm_model_pareto(const struct crm_model *m);
long long crm_model_pareto_top(const struct crm_model *m, size_t k);
size_t crm_model_pareto_a(const struct crm_model *m);
size_t crm_model_pareto_reach(const struct crm_model *m);
char *crm_model_pareto_share(const struct crm_model *m, long long v,
    char buf[64]);
void crm_model_free(struct crm_model *m);

/* seg.c */
/*
 * What crm_segment() computes over the customers expr selects: their
 * count, or customers and revenue per value of the field by, or a model
 * (rfm, pareto or tiers) with the columns fields, or its verdict written
 * back (apply), or else the columns fields of each, or of a sample.  A
 * field's name is its parameter's in errors (the program names the
 * option); a listing is recorded as an export, saying audit_what.
 */
struct crm_seg {
	const char *expr;	/* filter, NULL for every customer */
	const char *window;	/* start of the metrics' window, NULL: all */
	const char *fields;	/* columns, comma-separated, or "all" */
	enum crm_fmt fmt;
	int spreadsheet;	/* CSV for Excel: BOM, CRLF, no formulas */
	int count, rfm, pareto;
	const char *by;		/* a field: customers and revenue per value */
	const char *tiers;	/* NAME=AMOUNT,...: revenue tiers */
	long sample;		/* N, 0 for all */
	long long seed;		/* of the sample's shuffle */
	int apply;		/* write the model's verdict back */
	const char *apply_field;	/* into this extra field; NULL: tier */
	int orgs;		/* organisations, their figures rolled up over
				   their contacts; else people */
	const char *audit_what;	/* what was asked, for the audit trail:
				   enough to export the same again */
	const char *search;	/* words: the customers that match, ranked,
				   with snippet and rank columns */
	long long limit;	/* at most so many (a list, a search); 0: all,
				   -1: the default (all; a search's best 20) */
	int risk;		/* the customers at risk (crm_risk_list) */
};
int crm_segment(struct crm_db *db, struct crm_seg *s);

/* risk.c: churn and risk signals */
struct crm_risk {
	double gap;		/* days since the last purchase > gap x the
				   median days between purchases */
	long gap_min;		/* purchases needed for that median */
	char period[32];	/* drop: the period, a duration */
	double drop;		/* drop: below this percentage */
	double rate;		/* complaints, returns: x the company's rate */
	long min;		/* purchases needed for a rate */
};
int crm_risk_check(const char *spec, const char *param);
int crm_risk_override(const char *spec);
int crm_risk_params(struct crm_db *db, struct crm_risk *p);
int crm_risk_save(struct crm_db *db, const char *spec);
char *crm_risk_sql(struct crm_filter *f);
char *crm_risk_field(struct crm_filter *f, const char *name);
int crm_risk_list(struct crm_db *db, const struct crm_seg *s);

/* remind.c */
struct crm_remind_list {
	const char *until;	/* what is due by then (all: all open) */
	const char *owner;	/* NULL: everyone's */
	const char *sla;	/* checked duration; NULL: the stored SLA */
	int all;
	int mail, ics;		/* else a table: fmt, fields */
	const char *to;		/* where mail goes that has no address */
	const char *domain;	/* owner@domain for an owner not mapped */
	enum crm_fmt fmt;
	const char *fields;
};
const char *crm_remind_sla(struct crm_db *db);
void crm_remind_set_sla(struct crm_db *db, const char *sla);
const char *crm_remind_quiet(struct crm_db *db);
void crm_remind_set_quiet(struct crm_db *db, const char *quiet);
void crm_remind_set_owner(struct crm_db *db, const char *owner,
    const char *address);
int crm_remind_owners(struct crm_db *db, const char *owner,
    struct crm_out *out);
int crm_remind_list(struct crm_db *db, const struct crm_remind_list *l);
long long crm_remind_customer(struct crm_db *db, long long id);
enum crm_task_state { CRM_TASK_UNKNOWN, CRM_TASK_OPEN, CRM_TASK_DONE,
    CRM_TASK_NOT_HELD };
enum crm_task_state crm_task_state(const char *v);
long long crm_remind_add_task(struct crm_db *db, long long customer,
    const char *due, const char *every, const char *note, const char *owner,
    const char *source, const char *ref);
long long crm_remind_add(struct crm_db *db, long long customer, const char *due,
    const char *every, const char *note, const char *owner, int audit);
/* crm-remind import: another CRM's open tasks (remimport.c). */
struct crm_remind_import {
	struct crm_import *im;	/* --map, --rejects; added, rejected */
	const char *due;	/* --due or --in: rows without a due date */
	const char *owner;	/* --owner: rows without an owner */
	const char *date_format;	/* --date-format */
	long there;		/* already reminders, not added again */
	long done;		/* tasks done, skipped */
	long held;		/* events started (held), skipped */
	long updated;		/* tasks moved or edited: reminders updated */
	long closed;		/* tasks done: their open reminders closed */
	char done_word[160];	/* the done ones' statuses, said */
	char closed_word[64];	/* the first closed one's status, said */
	long no_task;		/* rows of no task (no note, no due), skipped */
	char no_task_why[160];	/* their columns, said */
	long computed;		/* crm-remind's own items of no reminder */
	char computed_what[64];	/* their sources, said: "deal, rule" */
	long renamed;		/* reminders whose system an older crm
				 * misnamed (Zoho's as hubspot), renamed */
	char renamed_from[32];	/* that name, said */
	const char *source;	/* the system the file's ids were read as */
	long kept;		/* reminders snoozed or repeated here whose
				 * task's due is unchanged there: kept */
};
int crm_import_reminders(struct crm_db *db, struct crm_rd *rd,
    struct crm_remind_import *opts);
int crm_remind_done(struct crm_db *db, long long id, char next[CRM_TIME_LEN]);
int crm_remind_snooze(struct crm_db *db, long long id, const char *until);
int crm_remind_rm(struct crm_db *db, long long id);
int crm_rule_item(struct crm_db *db, long long rule, long long customer,
    char due[CRM_TIME_LEN], const char **why);
long long crm_rule_add(struct crm_db *db, const char *expr, const char *every,
    const char *note, const char *owner);
int crm_rule_list(struct crm_db *db, struct crm_out *out);
int crm_rule_rm(struct crm_db *db, long long id);
int crm_deal_item(struct crm_db *db, long long id, char due[CRM_TIME_LEN],
    int *closing, const char **why);
long long crm_deal_item_done(struct crm_db *db, long long id,
    const struct crm_ia *ia);

/* html.c */
void crm_html_text(struct crm_buf *b, const char *s);
void crm_html_head(struct crm_buf *b, const char *title);
void crm_html_foot(struct crm_buf *b);
int crm_html_cell(const char *s);
const char *crm_html_to_text(struct crm_buf *b, const char *s);
void crm_html_chart(struct crm_buf *b, const char *column, const char *by,
    char *const *labels, char *const *values, size_t n);

/* notify.c */
void crm_ics_text(struct crm_buf *b, const char *s);
void crm_fold_line(struct crm_buf *b, const char *line);
void crm_ics_line(FILE *fp, const char *line);
void crm_mbox_line(struct crm_buf *b, const char *line);
int crm_remind_ics(FILE *fp, struct crm_db *db, struct crm_stmt *st,
    struct crm_told *told);
int crm_remind_mail(FILE *fp, struct crm_db *db, struct crm_stmt *st,
    const char *fallback, const char *domain, int single,
    struct crm_told *told);
int crm_mail_alt(FILE *fp, const char *to, const char *from,
    const char *subject, const char *text, const char *html);

/* report.c */
/*
 * What crm_report() computes.  A field's name is its parameter's in
 * errors (the program names the option).
 */
struct crm_report {
	const char *name;	/* summary, activity, sales, ... */
	const char *from, *to;	/* the period [from, to), UTC */
	const char *by;		/* periods: week, month, quarter, year */
	const char *credit;	/* owners: "owner" (NULL) or "logger" */
	const char *where;	/* customer filter, NULL for all */
	const char *group;	/* a field each period is split by, or NULL */
	const char *matrix;	/* "ROWS,COLUMNS": two fields, a cross table */
	const char *sla;	/* a duration: complaints resolved within it */
	const char *weights;	/* INDICATOR=WEIGHT,...; NULL: equal */
	const char *key;	/* the customer report's customer */
	const char *fields;	/* the columns to print, NULL for all */
	enum crm_fmt fmt;
	int chart;		/* bars under a table */
	int spreadsheet;	/* CSV for Excel: BOM, CRLF, no formulas */
	int all;		/* customer: every stored value, as JSON */
	FILE *out;		/* where it goes; NULL: stdout */
	FILE *html;		/* the page too, here (mail), or NULL */
};
int crm_report_check(const struct crm_report *r);
int crm_report(struct crm_db *db, struct crm_report *r);
char *crm_report_title(const struct crm_report *r);

/* import.c */
/* The tags of a person not to be e-mailed: opted out, or whose address
 * bounced for good (an import reads them off other systems' columns). */
#define CRM_TAG_UNSUB	"unsubscribed"
#define CRM_TAG_BOUNCED	"bounced"
/* The columns that say a person is not to be e-mailed (import.c's one
 * table, read by crm-add and crm-log --import alike). */
enum { CRM_OPT_ODD = -2, CRM_OPT_NONE = -1, CRM_OPT_UNSUB, CRM_OPT_BOUNCED };
struct crm_optcol;
const struct crm_optcol *crm_optout_column(const char *norm,
    char *const *names, size_t n, int *every);
const struct crm_optcol *crm_optout_mapped(const char *to);
int crm_optout_mark(const struct crm_optcol *oc, int every, const char *v);
const char *crm_optout_tag(int mark);
char *crm_import_read_as(const char *header, const char **when);
struct crm_import {
	char **maps;		/* --map FROM=TO */
	size_t nmaps;
	const char *rejects_path;	/* bad rows go here; NULL: fatal */
	FILE *rejects;
	struct crm_out *rej_out;
	const char *source;	/* --source: the system the ids are from */
	long added, updated, unchanged, rejected;
	long skipped;		/* rows of an order export with no buyer */
	int no_buyer;		/* an orders file with no buyer's column */
	long erased;		/* rows of a customer erased on request */
	char erased_keys[200];	/* the first few of their keys, ", " between */
	int nerased_keys, erased_more;	/* how many; and more not named */
	long deleted;		/* rows deleted in the system they are from */
	long orgs;		/* organisations made for the rows' people */
	long unsubscribed, bounced;	/* rows that said so (tagged so) */
	long kept_out;		/* rows of another name at a customer's address */
	long long first_id, last_id;	/* ids of the customers added (of
					 * the deals: crm-deal --import) */
	int footer_seen;	/* a report's footer was (crm_footer_line), or
				 * begins here (crm_import_rows' look-ahead) */
	int defer_index;	/* --defer-index: the search index waits
				 * (search.c, crm_search_catch_up) */
	int row_skipped;	/* the row read now was skipped, not
				 * imported (crm_import_skip) */
};
#define CRM_KEYS_MAX	4
struct crm_keycol {
	size_t col;		/* which column names the customer */
	const char *prefix;	/* "id:", "ext:", "email:", "phone:" or "" */
	const char *name;	/* its header (of the column last used) */
	size_t nalt;		/* more columns naming the same customer, */
	size_t alt[CRM_KEYS_MAX];	/* tried in order when col is empty */
	const char *altprefix[CRM_KEYS_MAX];
	char *const *names;	/* the header */
};
/* One key of a row and the customer it names: a row's keys must name one. */
struct crm_match {
	long long id;		/* the customer the first key named, 0 none */
	const char *what, *value;	/* that key: "e-mail", "id" ... */
	int col;		/* the column of a key naming a second one */
	int id_col;		/* the column of the key that named the first */
};
int crm_match_key(struct crm_match *m, long long id, const char *what,
    const char *value, int col);
const char *crm_match_conflict(const struct crm_match *m, long long other);
const char *crm_match_conflict_id(const struct crm_match *m, long long other,
    const char *idcol);
const char *crm_match_other_person(long long id, const char *value,
    const char *idcol);
int crm_import_customers(struct crm_db *db, struct crm_rd *rd,
    struct crm_import *im);
int crm_import_finish(struct crm_import *im);
char *crm_phones_join(const char *phone, const char *other,
    const char *more);
char **crm_phones_split(const char *list, size_t *n);
int crm_phone_of(const char *own, const char *others, const char *phone,
    int ext, char **theirs, int *cross);
char *crm_other_phones_hand(struct crm_db *db, long long id,
    struct crm_cust *c);
char *crm_norm_header(const char *s);
int crm_header_secret(const char *norm);
int crm_header_rejects(const char *norm);
int crm_totals_line(const struct crm_rec *rec, const char **word);
int crm_subtotal_word(const char *cell);
int crm_footer_line(const struct crm_rec *rec, const char **word,
    int *after);
/* The most addresses a customer's fields number ("Address 99 - City"). */
#define CRM_ADR_MAX	99
const char *crm_field_vcard(const char *field);
char *crm_field_address(const char *field);
int crm_field_adr(const char *field, char **group);
int crm_adr_agree(const char *address, const char *const *part, size_t n);
int crm_adr_says(const char *address, const char *part);
int crm_header_column(const char *norm);
int crm_header_buyer(const char *norm);
int crm_header_known(const char *name);
int crm_header_has(char *const *names, size_t n, const char *norm);
int crm_names_have(char *const *names, size_t n, const char *name);
int crm_header_birth(const char *norm);
int crm_header_computed(const char *name, char *const *names, size_t n);
int crm_import_check_maps(char **maps, size_t nmaps, char *const *names,
    size_t n, const char *file);
const char *crm_import_mapped(const char *norm, char **maps, size_t nmaps);
int crm_header_exact(char *const *names, size_t n, const char *name);
int crm_deleted_cell(const char *v);
int crm_rec_blank(const struct crm_rec *rec);
char *crm_import_reason(const char *err, char *const *names, int col);
int crm_import_rows(struct crm_rd *rd, struct crm_import *im,
    int (*row)(const struct crm_rec *, void *, char **), void *ctx);
int crm_import_reject(struct crm_import *im, const struct crm_rd *rd,
    const struct crm_rec *rec, char *why);
void crm_import_skip(struct crm_import *im);

/* own.c: crm's own listings read back, by their header */
enum crm_own {
	CRM_OWN_NONE,
	CRM_OWN_CUSTOMERS,	/* crm-segment's, into crm-add --import */
	CRM_OWN_ORGS,		/* crm-segment --orgs's: organisations */
	CRM_OWN_DEALS,		/* crm-deal list's, into crm-deal --import */
	CRM_OWN_REMINDERS	/* crm-remind's, into crm-remind import */
};
int crm_own_listing(char *const *names, size_t n, enum crm_own kind);

/* iaimport.c */
struct crm_ia_import {
	int add_customers;	/* --add-customers */
	long customers;		/* customers it added */
	long changed;		/* already there, but changed since */
	long once;		/* the same as a row above in the file */
	long same_day;		/* logged beside one of its customer, kind
				 * and day with another amount (no id) */
	long resolved;		/* complaints logged before, solved since */
	long rated;		/* tickets logged before, rated since */
	long rerated;		/* tickets logged before, rated again since */
	long filled;		/* logged before, a product, summary or
				 * rating an earlier import did not read
				 * filled in since */
	long differ[3];		/* already there with another rating,
				 * product, summary (CRM_FILL_* bits 0..2):
				 * kept as logged */
	long other_level;	/* orders logged from another export at another
				 * level of detail (totals, lines): skipped */
	long unsubscribed;	/* customers it tagged unsubscribed, and */
	long bounced;		/* bounced (crm_optout_column's columns) */
	long deals;		/* activities linked to the deals their rows
				 * name: logged so, or logged before without */
};
int crm_keycol_find(char *const *names, size_t n, struct crm_keycol *kc);
int crm_keycol_must_find(char *const *names, size_t n,
    struct crm_keycol *kc, const char *file);
int crm_keycol_must_find_as(char *const *eff, char *const *own,
    size_t n, struct crm_keycol *kc, const char *file);
long long crm_keycol_customer(struct crm_db *db, struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err);
long long crm_keycol_customer_why(struct crm_db *db, struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err);
long long crm_cust_by_phone(struct crm_db *db, const char *phone,
    const char **err, int *guess);
long long crm_keycol_phone(struct crm_db *db, const char *key,
    const char **err);
int crm_payment_row(const char *type, const char *gross);
int crm_ia_header_known(const char *name);
int crm_import_interactions(struct crm_db *db, struct crm_rd *rd,
    struct crm_import *im, const struct crm_ia *defaults,
    struct crm_ia_import *opts);

/* hint.c: what to say about a value that is not read */
const char *crm_money_hint(const char *v);
const char *crm_money_hint_column(const char *v, struct crm_rd *rd,
    size_t col);
const char *crm_money_sign_refusal(const char *v);
const char *crm_date_hint(const char *v);
const char *crm_date_hint_column(const char *v, struct crm_rd *rd,
    size_t col);
int crm_date_like(const char *v);
int crm_date_formats_narrow(const char *v, unsigned long long *mask);
const char *crm_date_formats_say(unsigned long long mask);
int crm_header_not_amount(const char *h);
const char *crm_email_hint(const char *v);
const char *crm_email_cell_hint(const char *v, const char *column);
const char *crm_map_word(const char *column, const char *to);
int crm_no_customer_column(char *const *names, size_t n,
    const char *file, long line);
const char *crm_excel_hint(const char *v);

/* undo.c: every change recorded, and undone on demand */
int crm_undo_schema(struct crm_db *db);
int crm_undo_start(struct crm_db *db);
void crm_undo_audited(struct crm_db *db);
int crm_undo_finish(struct crm_db *db);
int crm_undo_update(struct crm_db *db, const char *table, const char *set,
    const char *where, long long a, long long b);
long long crm_undo(struct crm_db *db, long long audit_id);
int crm_undo_list(struct crm_db *db, struct crm_out *out);
int crm_undo_forget_customer(struct crm_db *db, long long customer_id);
int crm_undo_forget_upto(struct crm_db *db, long long customer_id,
    long long upto);
long long crm_undo_forget_before(struct crm_db *db, const char *when);

#endif
