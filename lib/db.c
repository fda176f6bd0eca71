/*
 * db.c - finding and opening the database, and what every program writes
 * to it whatever the engine: the audit trail, and the whole-database
 * verbs (backup, check, bulk-load tuning) passed on to the engine.
 *
 * The engine is chosen by the database's name: a libpq connection
 * string is PostgreSQL (pg.c), anything else a SQLite file (sqlite.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

/*
 * The database named by --db, else $CRM_DB, else the XDG data home.  The
 * default is made once and kept: every open of the run names it.
 */
const char *
crm_db_path(const char *opt)
{
	static char *made;
	const char *s;

	if (opt && *opt)
		return opt;
	if ((s = getenv("CRM_DB")) && *s)
		return s;
	if (made)
		return made;
	if ((s = getenv("XDG_DATA_HOME")) && *s == '/')
		return made = crm_xasprintf("%s/crm/crm.db", s);
	if ((s = getenv("HOME")) && *s)
		return made = crm_xasprintf("%s/.local/share/crm/crm.db", s);
	crm_fail(CRM_EX_USAGE, "HOME is not set: nothing names the database");
	return NULL;
}

/* A libpq connection string is PostgreSQL; anything else a file. */
static const struct crm_engine *
engine_for(const char *path)
{
	return crm_pg_name(path) ? &crm_pg : &crm_sqlite;
}

static void money_digits(struct crm_db *);

/*
 * Open the database for mode (CRM_DB_READ, _WRITE, _DRYRUN, _UPDATE),
 * creating and migrating it as the mode allows; NULL with the error kept.
 */
struct crm_db *
crm_db_open(const char *opt, int mode)
{
	struct crm_db *db;
	const char *path;

	if ((path = crm_db_path(opt)) == NULL)
		return NULL;
	if (crm_now_check() < 0)	/* before a file is made */
		return NULL;
	db = crm_xcalloc(1, sizeof *db);
	db->eng = engine_for(path);
	db->path = path;
	if (db->eng->open(db, mode) < 0) {
		db->failed = 1;
		crm_db_close(db);
		return NULL;
	}
	/* Writers record what each change replaces, for crm undo, on an
	 * engine that keeps its shadow tables (SQLite's only, so far). */
	db->undo = (mode == CRM_DB_WRITE || mode == CRM_DB_UPDATE) &&
	    db->eng->undo;
	money_digits(db);
	crm_phone_home_load(db);
	return db;
}

static void export_row(struct crm_db *, const char *, long long, long long,
    long long);

const char *
crm_db_name(const struct crm_db *db)
{
	return db->path;
}

/* Which engine: "sqlite" or "postgresql" (crm copy's audit row). */
const char *
crm_db_engine(const struct crm_db *db)
{
	return db->eng->name;
}

/* The changes from now on are not recorded for crm undo (crm copy). */
void
crm_db_no_undo(struct crm_db *db)
{
	db->undo = 0;
}

/*
 * A copy of the whole database in path; a copy takes every customer out
 * of the database, so the audit trail records it as an export of them
 * all, naming the file.
 */
int
crm_db_backup(struct crm_db *db, const char *path)
{
	long long n;
	char *what;

	if (crm_db_failed(db) || db->eng->backup(db, path) < 0)
		return -1;
	n = crm_query_int(db, 0, "SELECT count(*) FROM customers", NULL);
	what = crm_xasprintf("backup to %s", path);
	export_row(db, what, n, n, 0);
	free(what);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * Integrity, references and the aggregates (agg.c): prints each
 * problem, returns how many.
 */
long
crm_db_check(struct crm_db *db, FILE *out)
{
	long n, a;

	if (crm_db_failed(db) || (n = db->eng->check(db, out)) < 0)
		return -1;
	if ((a = crm_agg_check(db, out)) < 0)
		return -1;
	return n + a;
}

/* From now on, what this connection deletes is overwritten (erase.c). */
int
crm_db_secure_delete(struct crm_db *db)
{
	return crm_db_failed(db) ? -1 : db->eng->secure_delete(db);
}

/*
 * Whatever the engine keeps beside the file (SQLite's WAL) moved into it
 * and emptied: 0, 1 when another process kept part of it, -1.
 */
int
crm_db_checkpoint(struct crm_db *db)
{
	return crm_db_failed(db) ? -1 : db->eng->checkpoint(db);
}

/* Whether the engine keeps schema 10's sales cells and schema 12's years
 * (agg.c): SQLite's triggers do; on PostgreSQL (doc/scale.md) the
 * reports read the rows. */
int
crm_db_cells(const struct crm_db *db)
{
	return db != NULL && db->eng->cells;
}

/* Whether search runs on SQLite's FTS5 indexes (schema 6, 9), else on
 * PostgreSQL's pg_trgm ones (share/crm/pg/schema.sql): search.c's SQL
 * differs by it. */
int
crm_db_fts5(const struct crm_db *db)
{
	return db != NULL && db->eng->fts5;
}

void
crm_db_bulk_begin(struct crm_db *db, struct crm_bulk *b)
{
	if (!crm_db_failed(db))
		db->eng->bulk_begin(db, b);
	db->bulk_sure = b->next > 0;
}

/*
 * A key in a load's filter of the rows waiting to be sent (pg.c): own,
 * a row's own id (customers' id); else a value that names a customer
 * (an e-mail, an external_id, another table's customer_id, a person's
 * org_id).  Told apart so that a person read with their organisation's
 * name (cust.c's read_stored) does not send the rows waiting because
 * one of them is another person of that organisation.
 */
unsigned long long
crm_bulk_key(int own, const char *v)
{
	return crm_seen_hash(own ? crm_seen_hash(0, "id") : 0, v);
}

/*
 * In a load numbered by its caller, the statements sent from now until
 * the next call (NULL, 0, 0) read and write only the rows of customer id
 * (its own, and those naming it), the customer with e-mail email, and
 * organisation org's own row (its name): a repeated row's look-up, and
 * the reads and writes of the customer it found.  An engine that keeps
 * the load's rows waiting in the client (pg.c) need not send them first
 * when none of them holds one of these keys.  Outside such a load
 * nothing is kept: everything waiting goes first, as always.
 */
void
crm_db_bulk_keys(struct crm_db *db, const char *email, long long id,
    long long org)
{
	char buf[24];
	int n = 0;

	db->nbulk_keys = 0;
	if (!db->bulk_sure)
		return;
	if (email)
		db->bulk_key[n++] = crm_bulk_key(0, email);
	if (id) {
		snprintf(buf, sizeof buf, "%lld", id);
		db->bulk_key[n++] = crm_bulk_key(0, buf);
		db->bulk_key[n++] = crm_bulk_key(1, buf);
	}
	if (org) {
		snprintf(buf, sizeof buf, "%lld", org);
		db->bulk_key[n++] = crm_bulk_key(1, buf);
	}
	db->nbulk_keys = n;
}

/*
 * May rows of customer id (its own, or naming it) be waiting in the
 * client to be sent, so that a read not scoped to it (crm_db_bulk_keys)
 * may have missed them?
 */
int
crm_db_bulk_waiting(struct crm_db *db, long long id)
{
	unsigned long long k[2];
	char buf[24];

	if (!db->bulk_sure || db->eng->bulk_waiting == NULL)
		return 0;
	snprintf(buf, sizeof buf, "%lld", id);
	k[0] = crm_bulk_key(0, buf);
	k[1] = crm_bulk_key(1, buf);
	return db->eng->bulk_waiting(db, k, 2);
}

void
crm_db_bulk_end(struct crm_db *db, const struct crm_bulk *b)
{
	db->bulk_sure = 0;
	db->nbulk_keys = 0;
	if (!crm_db_failed(db))
		db->eng->bulk_end(db, b);
	free(b->triggers);
}

void
crm_audit(struct crm_db *db, const char *action, long long customer,
    const char *detail)
{
	/* Nobody reads an audit row's id: not waited for (store.c).  In a
	 * load numbered by its caller (crm_bulk's next), sent with the
	 * load's rows (crm_exec_sure): as a write of its own it sent the
	 * rows waiting first, one organisation's at a time (the first 5,000
	 * rows of bench/gen-customers.py each make one).  Undo reads the
	 * first one's id. */
	int sure = db && db->bulk_sure && !(db->undo_change &&
	    !db->undo_audited);

	(sure ? crm_exec_sure : crm_exec_nowait)(db, "INSERT INTO audit (at, "
	    "actor, action, customer_id, detail) VALUES (?1, ?2, ?3, "
	    "nullif(?4, 0), ?5)", "sssis", crm_now_str(), crm_actor(), action,
	    customer > 0 ? customer : 0, detail);
	if (db && db->undo_change && !db->undo_audited)
		crm_undo_audited(db);
}

/* A setting's value (malloc'd), or NULL for none or a failed read. */
char *
crm_setting(struct crm_db *db, const char *key)
{
	return crm_query_text(db, "SELECT value FROM settings WHERE key = ?",
	    "s", key);
}

/*
 * The digits amounts are printed with, for the process (money.c), from
 * the database's currency: none for a yen.  Set where the currency is
 * known: when the database is opened, and when its first amount gives it.
 */
static void
money_digits(struct crm_db *db)
{
	char *code = crm_setting(db, "currency");

	crm_set_money_digits(crm_currency_digits(code));
	free(code);
}

/*
 * One currency per database: crm adds amounts up as they are, never
 * converting them, so amounts in two currencies would make figures of
 * neither.  Whether amounts in code (as a file or an option writes it,
 * in any case) may go into db: the first currency met becomes the
 * database's (the setting "currency"), and another is refused.  cur
 * keeps the setting once read, for an import's every row (zeroed at
 * first, freed with crm_currency_free).  NULL when they may, else what
 * is wrong (to free), with the way out: --map 'column=-' when a column
 * gave the code, else giving the amount without it.
 */
/*
 * A sign several currencies use ($, ¥: crm_money_currency) names none
 * of them, but rules out the others: it is taken in a database whose
 * currency is one of its own (a $ in a USD, CAD or AUD database), and
 * refused in any other (a $ amount is never EUR).  Before any code is
 * met, the first sign is kept (the setting "currency_sign"), so that a
 * later code or sign must fit it: ¥1,000 and then €5 are not added up.
 */
static const char *
sign_known(struct crm_db *db, struct crm_currency *cur)
{
	if (!cur->sign_read) {
		cur->sign = crm_setting(db, "currency_sign");
		cur->sign_read = 1;
	}
	return cur->sign;
}

/* What a sign several currencies use stands for, in a message. */
static const char *
sign_names(const char *sign)
{
	return strcmp(sign, "$") == 0 ? "a dollar or a peso (USD, CAD, "
	    "AUD, MXN ...)" : "yen or yuan (JPY, CNY)";
}

/* What is wrong with code (a sign or a code) while the database has no
 * currency yet but amounts written with the sign met first. */
static char *
sign_check(struct crm_db *db, struct crm_currency *cur, const char *code)
{
	const char *sign = sign_known(db, cur);

	if (sign == NULL && !crm_db_failed(db) &&
	    crm_money_sign_codes(code) != NULL) {
		cur->sign = crm_xstrdup(code);
		crm_setting_put(db, "currency_sign", code);
		return NULL;
	}
	if (sign == NULL || (crm_money_sign_codes(code) ?
	    strcmp(code, sign) == 0 : crm_money_sign_fits(sign, code)))
		return NULL;
	return crm_msgf("'%.15s' is not this database's currency: its amounts "
	    "so far were written with %s, the sign of %s, and are added up as "
	    "they are, never converted; convert it first", code, sign,
	    sign_names(sign));
}

char *
crm_currency_check(struct crm_db *db, struct crm_currency *cur,
    const char *code, const char *column)
{
	char up[16];
	size_t i;
	char *msg;

	snprintf(up, sizeof up, "%s", code);
	for (i = 0; up[i]; i++)
		up[i] = (char)toupper((unsigned char)up[i]);
	if (crm_currency_known(db, cur) == NULL && !crm_db_failed(db)) {
		if ((msg = sign_check(db, cur, up)) != NULL ||
		    crm_money_sign_codes(up) != NULL)
			return msg;	/* a sign names no code to keep */
		cur->code = crm_xstrdup(up);
		crm_setting_put(db, "currency", up);
		crm_set_money_digits(crm_currency_digits(up));
		return NULL;
	}
	if (cur->code && crm_money_sign_codes(up) != NULL) {
		if (crm_money_sign_fits(up, cur->code))
			return NULL;
		if (column)	/* a currency column's $ */
			return crm_msgf("'%.15s' is not this database's "
			    "currency, %.15s: it is the sign of %s, never of "
			    "%.15s; amounts are added up as they are, never "
			    "converted: convert them first, or say %s %s to "
			    "take them as %.15s", code, cur->code,
			    sign_names(up), cur->code, crm_optname("map"),
			    crm_map_word(column, "-"), cur->code);
		return crm_msgf("'%.15s' is not this database's currency, "
		    "%.15s: it is the sign of %s, never of %.15s; amounts are added "
		    "up as they are, never converted: convert it first, or "
		    "give the amount without its sign to take it as %.15s",
		    code, cur->code, sign_names(up), cur->code, cur->code);
	}
	if (cur->code == NULL || strcmp(up, cur->code) == 0)
		return NULL;	/* a failed read is the database's error */
	if (column)
		return crm_msgf("'%.15s' is not this database's currency, "
		    "%.15s: amounts are added up as they are, never converted; "
		    "convert them first, or say %s %s to take them as "
		    "%.15s", code, cur->code, crm_optname("map"),
		    crm_map_word(column, "-"), cur->code);
	return crm_msgf("'%.15s' is not this database's currency, %.15s: "
	    "amounts are added up as they are, never converted; convert it "
	    "first, or give the amount without its currency to take it as "
	    "%.15s", code, cur->code, cur->code);
}

/*
 * An amount given on the command line (minor, with its currency code, as
 * crm_money_currency reads it; NULL for none) is in the database's one
 * currency, or makes it the database's, and has no fraction that
 * currency lacks (crm_money_whole: 1500.50 is no amount of yen): 0, or
 * -1 with the error kept, naming the option arg.
 */
int
crm_currency_given(struct crm_db *db, const char *code, long long minor,
    const char *arg)
{
	struct crm_currency cur = { 0 };
	const char *whole;
	char *msg = NULL;

	if (code)
		msg = crm_currency_check(db, &cur, code, NULL);
	whole = msg ? NULL : crm_money_whole(minor, crm_currency_known(db,
	    &cur));
	crm_currency_free(&cur);
	if (msg == NULL && whole == NULL)
		return crm_db_failed(db) ? -1 : 0;
	crm_fail_arg(CRM_EX_DATAERR, arg, "%s", msg ? msg : whole);
	free(msg);
	return -1;
}

/*
 * An amount given on the command line (s, of the option arg) written with
 * a local word several currencies use ("100 kr"; crm_arg_money read its
 * number): taken when the database's currency is one the word may be,
 * as a currency column's word is (crm_money_word), else refused, as crm
 * does not guess which.  0 (also for an amount with no such word), or -1
 * with the error kept.
 */
int
crm_amount_word_given(struct crm_db *db, const char *s, const char *arg)
{
	struct crm_currency cur = { 0 };
	const char *msg;
	char *as;

	if (s == NULL || crm_money_word_codes(s) == NULL)
		return 0;
	as = crm_money_word(s, crm_currency_known(db, &cur));
	crm_currency_free(&cur);
	if (as) {
		free(as);
		return 0;
	}
	if (crm_db_failed(db))
		return -1;
	msg = crm_money_sign_refusal(s);
	return crm_fail_arg(CRM_EX_DATAERR, arg, "%s", msg ? msg :
	    "not an amount");
}

/* codes (" SEK NOK DKK ISK") as a message lists them: "SEK, NOK, DKK or ISK". */
static char *
codes_list(const char *codes)
{
	struct crm_buf b = { 0 };
	const char *p, *next;
	char *s;

	for (p = codes + 1; p; p = next) {
		next = strchr(p, ' ');
		crm_buf_addf(&b, "%s%.*s", p == codes + 1 ? "" : next ? ", " :
		    " or ", next ? (int)(next - p) : (int)strlen(p), p);
		if (next)
			next++;
	}
	s = crm_xstrdup(crm_buf_str(&b));
	crm_buf_free(&b);
	return s;
}

/*
 * A currency column's cell v (of the column named column), checked as
 * crm_currency_check checks a code once crm_money_cell has read it ("€"
 * is EUR, "RMB" CNY, "kr" the crown the database keeps).  A local word
 * several currencies use is taken only as the database's own currency:
 * with none yet, or another, it is refused naming the ones it may be,
 * as crm does not guess which.  NULL when its amounts may go in, else
 * what is wrong (to free).
 */
char *
crm_currency_cell(struct crm_db *db, struct crm_currency *cur, const char *v,
    const char *column)
{
	const char *have = crm_currency_known(db, cur), *codes, *code;
	char *err, *list;

	if ((code = crm_money_cell(v, have, &codes)) == NULL && codes) {
		list = codes_list(codes);
		if (have)
			err = crm_msgf("'%.15s' may be %s, none of them this "
			    "database's currency, %.15s: write the currency's "
			    "code instead", v, list, have);
		else
			err = crm_msgf("'%.15s' may be %s, and this database "
			    "has no currency yet to tell which: write the "
			    "currency's code instead", v, list);
		free(list);
		return err;
	}
	if (code == NULL)
		return crm_msgf("'%.40s' is not a currency (an ISO 4217 code "
		    "such as EUR, or a sign such as \xe2\x82\xac)", v);
	if (strcasecmp(code, v) == 0)	/* "eur" as written */
		return crm_currency_check(db, cur, v, column);
	if ((err = crm_currency_check(db, cur, code, column)) == NULL ||
	    strncmp(err + 1, code, strlen(code)) ||
	    err[strlen(code) + 1] != '\'')
		return err;
	/* '£' (GBP) as written */
	list = crm_msgf("'%s' (%s)%s", v, code, err + strlen(code) + 2);
	free(err);
	return list;
}

/* The database's currency as cur keeps it, read once; NULL for none. */
const char *
crm_currency_known(struct crm_db *db, struct crm_currency *cur)
{
	if (!cur->read) {
		cur->code = crm_setting(db, "currency");
		cur->read = 1;
	}
	return cur->code;
}

void
crm_currency_free(struct crm_currency *cur)
{
	free(cur->code);
	free(cur->sign);
	cur->code = cur->sign = NULL;
	cur->read = cur->sign_read = 0;
}

/* Store a setting (a value the caller has checked), or forget it (value
 * NULL), audited. */
void
crm_setting_put(struct crm_db *db, const char *key, const char *value)
{
	struct crm_buf d = { 0 };

	if (value)
		crm_exec(db, "INSERT INTO settings (key, value) VALUES (?, ?) "
		    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		    "ss", key, value);
	else
		crm_exec(db, "DELETE FROM settings WHERE key = ?", "s", key);
	crm_buf_addc(&d, '{');
	crm_json_str(&d, key);
	crm_buf_addc(&d, ':');
	if (value)
		crm_json_str(&d, value);
	else
		crm_buf_adds(&d, "null");
	crm_buf_addc(&d, '}');
	crm_audit(db, "settings", 0, d.s);
	crm_buf_free(&d);
}

/*
 * An audit row about one item (a deal, a reminder): {"item":id} and, when
 * key is given, its value ({"deal":3,"stage":"won"}).
 */
void
crm_audit_item(struct crm_db *db, const char *action, long long customer,
    const char *item, long long id, const char *key, const char *value)
{
	struct crm_buf b = { 0 };

	crm_buf_adds(&b, "{");
	crm_json_str(&b, item);
	crm_buf_addf(&b, ":%lld", id);
	if (key) {
		crm_buf_addc(&b, ',');
		crm_json_str(&b, key);
		crm_buf_addc(&b, ':');
		crm_json_str(&b, value);
	}
	crm_buf_addc(&b, '}');
	crm_audit(db, action, customer, b.s);
	crm_buf_free(&b);
}

/*
 * Record that rows left the database (an export), in a transaction of
 * its own.  A reader that may not write says so instead of failing.
 */
void
crm_audit_export(struct crm_db *db, const char *what, long long rows)
{
	crm_audit_export_of(db, what, rows, 0);
}

/* The same for an export about one customer (> 0), which the row names. */
void
crm_audit_export_of(struct crm_db *db, const char *what, long long rows,
    long long customer)
{
	export_row(db, what, rows, -1, customer);
}

void
crm_told_add(struct crm_told *t, long long customer)
{
	t->ids = crm_xreallocarray(t->ids, (size_t)t->items + 1,
	    sizeof *t->ids);
	t->ids[t->items++] = customer;
}

static int
by_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* An export of t's items, saying how many customers they name. */
void
crm_audit_told(struct crm_db *db, const char *what, struct crm_told *t)
{
	long long i, customers = 0;

	qsort(t->ids, (size_t)t->items, sizeof *t->ids, by_id);
	for (i = 0; i < t->items; i++)
		if (i == 0 || t->ids[i] != t->ids[i - 1])
			customers++;
	export_row(db, what, t->items, customers, 0);
}

/*
 * The export's row: what, how many rows, and how many customers they
 * name when known (>= 0).
 */
static void
export_row(struct crm_db *db, const char *what, long long rows,
    long long customers, long long customer)
{
	struct crm_buf d = { 0 };
	char *why = NULL;

	if (crm_db_failed(db))
		return;
	if (db->eng->readonly(db)) {
		crm_warn("%s: read-only: the export is not in the audit trail",
		    db->path);
		return;
	}
	crm_buf_adds(&d, "{\"what\":");
	crm_json_str(&d, what);
	crm_buf_addf(&d, ",\"rows\":%lld", rows);
	if (customers >= 0)
		crm_buf_addf(&d, ",\"customers\":%lld", customers);
	crm_buf_addc(&d, '}');
	/*
	 * One statement is its own transaction.  A writer holding the
	 * database past the busy timeout must not fail a read that has
	 * already printed its rows: say so instead.
	 */
	if (crm_exec_try(db, &why, "INSERT INTO audit (at, actor, action, "
	    "customer_id, detail) VALUES (?, ?, 'export', nullif(?, 0), ?)",
	    "ssis", crm_now_str(), crm_actor(), customer > 0 ? customer : 0,
	    d.s) == CRM_FAIL)
		crm_warn("the export is not in the audit trail: %s", why);
	free(why);
	crm_buf_free(&d);
}

/* How long a writer waits for the lock when CRM_BUSY_TIMEOUT is unset. */
#define BUSY_TIMEOUT_MS 5000

/*
 * CRM_BUSY_TIMEOUT: how long to wait for a database another process is
 * writing, in milliseconds (BUSY_TIMEOUT_MS unset), for both engines and
 * crypt.c.  0, or -1 with the error recorded for anything but a number
 * from 0 to 3600000.
 */
int
crm_busy_timeout(int *ms)
{
	const char *s = getenv("CRM_BUSY_TIMEOUT");
	char *end;
	long v;

	*ms = BUSY_TIMEOUT_MS;
	if (s == NULL || *s == '\0')
		return 0;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 3600000)
		return crm_fail(CRM_EX_USAGE, "CRM_BUSY_TIMEOUT: '%s' is not a "
		    "number of milliseconds", s);
	*ms = (int)v;
	return 0;
}

/*
 * What the busy message (exit 75) says after "database is busy: ": the
 * wait in force and the variable that sets it.  The default stays short:
 * an import holds the lock to its end (all or nothing), minutes for a
 * big file, and a command typed meanwhile should say so, not hang; cron
 * tries again on 75, and a job that would rather wait sets the variable.
 */
const char *
crm_busy_advice(void)
{
	static char msg[300];
	const char *s = getenv("CRM_BUSY_TIMEOUT");
	int ms;

	if (crm_busy_timeout(&ms) < 0)	/* refused at the open already */
		ms = BUSY_TIMEOUT_MS;
	snprintf(msg, sizeof msg, "another process has held it longer than "
	    "the busy timeout, CRM_BUSY_TIMEOUT=%d ms%s; try again, or wait "
	    "longer with a higher CRM_BUSY_TIMEOUT (an import holds the "
	    "database until it ends)", ms, s && *s ? "" :
	    " (the default)");
	return msg;
}
