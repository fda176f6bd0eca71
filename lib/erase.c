/*
 * erase.c - erasing a customer on request (GDPR Art. 17, PIPL Art. 47):
 * every row about them goes, and the audit trail keeps that something
 * happened (when, who, what) but none of their values.
 *
 * The customer's own rows go with the customers row (the schema's ON
 * DELETE CASCADE: ids, fields, tags, interactions with their scores and
 * fields, reminders, deals with their history and fields); an
 * organisation's people stay, unlinked.  The connection overwrites what
 * it deletes (crm_db_secure_delete), and the program checkpoints after
 * the commit (crm_db_checkpoint), so the values are gone from the file
 * and from the WAL, not only from the tables.
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* What is about to go, counted before the delete. */
static void
count_rows(struct crm_db *db, long long id, struct crm_erase_counts *n)
{
	n->ids += crm_query_int(db, 0, "SELECT count(*) FROM identities "
	    "WHERE customer_id = ?", "i", id);
	n->fields += crm_query_int(db, 0, "SELECT count(*) FROM "
	    "customer_fields WHERE customer_id = ?", "i", id);
	n->tags += crm_query_int(db, 0, "SELECT count(*) FROM tags WHERE "
	    "customer_id = ?", "i", id);
	n->interactions += crm_query_int(db, 0, "SELECT count(*) FROM "
	    "interactions WHERE customer_id = ?", "i", id);
	n->reminders += crm_query_int(db, 0, "SELECT count(*) FROM reminders "
	    "WHERE customer_id = ?", "i", id);
	n->deals += crm_query_int(db, 0, "SELECT count(*) FROM deals WHERE "
	    "customer_id = ?", "i", id);
}

/*
 * Their values that other audit rows may quote: the keys and the name,
 * and their ids, e-mails and extra fields, longest first (so that "Ann
 * Lee" goes before "Ann").  A value another customer's record holds too
 * is theirs as well and stays: an organisation's name is its people's
 * company, and two people may share a name.  (An organisation's domain
 * is no one's personal value, and is in its people's e-mails.)
 */
#define VALUES "SELECT v FROM (SELECT external_id AS v FROM customers " \
	"WHERE id = ?1 UNION SELECT name FROM customers WHERE id = ?1 UNION " \
	"SELECT email FROM customers WHERE id = ?1 UNION SELECT phone FROM " \
	"customers WHERE id = ?1 UNION SELECT value FROM identities WHERE " \
	"customer_id = ?1 UNION SELECT value FROM customer_fields WHERE " \
	"customer_id = ?1) WHERE v IS NOT NULL AND v <> '' AND NOT EXISTS " \
	"(SELECT 1 FROM customers WHERE id <> ?1 AND v IN (name, company, " \
	"email, phone, external_id)) ORDER BY length(v) DESC, v"

/*
 * A value as the audit trail wrote it: JSON-escaped, inside a string.  A
 * value of four characters or more is replaced wherever it occurs (a
 * filter quoted in an export's "what"); a shorter one only as a whole
 * string, so that erasing "Li" leaves "List" alone.
 */
static void
scrub_value(struct crm_db *db, const char *v)
{
	struct crm_buf b = { 0 };
	const char *find, *with;

	crm_json_str(&b, v);
	if (strlen(v) >= 4) {
		b.s[b.len - 1] = '\0';	/* drop the quotes */
		find = b.s + 1, with = "[erased]";
	} else {
		find = b.s, with = "\"[erased]\"";
	}
	crm_exec(db, "UPDATE audit SET detail = replace(detail, ?1, ?2) "
	    "WHERE instr(detail, ?1) > 0", "ss", find, with);
	crm_buf_free(&b);
}

/* Rows some erase has taken a value from. */
#define SCRUBBED "SELECT count(*) FROM audit WHERE instr(detail, " \
	"'[erased]') > 0"

/*
 * The audit trail about them: their own rows keep when, who and what,
 * and lose their detail and their customer id, which SQLite gives again
 * to the next customer added when theirs was the highest (a new customer
 * must not inherit their trail); other rows lose any of their values.
 * *rows counts each row once, however many of their values it held, and
 * a row an earlier erase of the run scrubbed already is not counted
 * again.
 */
static void
scrub_audit(struct crm_db *db, long long id, long long *rows)
{
	struct crm_stmt *st;
	char **v = NULL;
	size_t n = 0, i;
	long long before;

	crm_exec(db, "UPDATE audit SET detail = NULL, customer_id = NULL "
	    "WHERE customer_id = ?", "i", id);
	*rows += crm_changes(db);
	st = crm_prepare(db, VALUES);
	crm_bind_int(st, 1, id);
	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, n + 1, sizeof *v);
		v[n++] = crm_xstrdup(crm_col_text(st, 0));
	}
	crm_finalize(st);
	before = crm_query_int(db, 0, SCRUBBED, NULL);
	for (i = 0; i < n; i++)
		scrub_value(db, v[i]);
	*rows += crm_query_int(db, 0, SCRUBBED, NULL) - before;
	crm_free_list(v, n);
}

/*
 * Erase customer id: every row about them, their values in the audit
 * trail, and one audit row "erase" with their former id and the counts
 * only (about no customer, as their other rows: see scrub_audit).  Call
 * it in a transaction; n adds up what went (zero it first).  0, or -1
 * with the error kept (65: no such customer).
 */
int
crm_cust_erase(struct crm_db *db, long long id, struct crm_erase_counts *n)
{
	struct crm_erase_counts one = { 0 };
	char *detail;

	if (crm_db_secure_delete(db) < 0)
		return -1;
	if (crm_query_int(db, 0, "SELECT count(*) FROM customers WHERE id = ?",
	    "i", id) != 1)
		return crm_db_failed(db) ? -1 : crm_fail(CRM_EX_DATAERR,
		    "no customer %lld", id);
	count_rows(db, id, &one);
	scrub_audit(db, id, &one.audit);
	/* An organisation's people stay, no longer its contacts. */
	crm_exec(db, "UPDATE customers SET org_id = NULL, updated = ? WHERE "
	    "org_id = ?", "si", crm_now_str(), id);
	one.contacts = crm_changes(db);
	crm_exec(db, "DELETE FROM customers WHERE id = ?", "i", id);
	one.customers = crm_changes(db);
	/* undo data about them: crm_undo_forget_customer() */
	detail = crm_xasprintf("{\"customer\":%lld,\"ids\":%lld,\"fields\":"
	    "%lld,\"tags\":%lld,\"interactions\":%lld,\"reminders\":%lld,"
	    "\"deals\":%lld,\"contacts\":%lld,\"audit\":%lld}", id, one.ids,
	    one.fields, one.tags, one.interactions, one.reminders, one.deals,
	    one.contacts, one.audit);
	crm_audit(db, "erase", 0, detail);
	free(detail);
	if (crm_db_failed(db))
		return -1;
	n->customers += one.customers, n->ids += one.ids;
	n->fields += one.fields, n->tags += one.tags;
	n->interactions += one.interactions, n->reminders += one.reminders;
	n->deals += one.deals, n->contacts += one.contacts;
	n->audit += one.audit;
	return 0;
}

struct keys {
	long long *ids;
	size_t n, cap;
};

static int
add_id(struct crm_db *db, long long id, const struct crm_rec *rec,
    void *ctx)
{
	struct keys *k = ctx;

	(void)db, (void)rec;
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->ids = crm_xreallocarray(k->ids, k->cap, sizeof *k->ids);
	}
	k->ids[k->n++] = id;
	return 0;
}

/* An id and where it was first named. */
struct named {
	long long id;
	size_t at;
};

static int
by_id_at(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int
by_at(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* Each customer once, in the order first named (a stream may be long). */
static void
unique_ids(struct keys *k)
{
	struct named *v = crm_xcalloc(k->n ? k->n : 1, sizeof *v);
	size_t i, m = 0;

	for (i = 0; i < k->n; i++)
		v[i].id = k->ids[i], v[i].at = i;
	qsort(v, k->n, sizeof *v, by_id_at);
	for (i = 0; i < k->n; i++)
		if (m == 0 || v[m - 1].id != v[i].id)
			v[m++] = v[i];
	qsort(v, m, sizeof *v, by_at);
	for (i = 0; i < m; i++)
		k->ids[i] = v[i].id;
	k->n = m;
	free(v);
}

/* One key, of a list with no header (line 1 is a key too). */
static int
bare_key(struct crm_db *db, struct crm_rd *rd, const char *key, long line,
    struct keys *k)
{
	const char *err;
	long long id;

	if ((id = crm_cust_find(db, key, &err)) == 0)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s", crm_rd_name(rd),
		    line, err);
	return add_id(db, id, NULL, k);
}

/* A list of bare keys, one a line: its header is the first of them. */
static int
bare_keys(struct crm_db *db, struct crm_rd *rd, const char *first,
    struct keys *k)
{
	struct crm_rec rec;
	const char *why;
	long line;
	int r;

	if (bare_key(db, rd, first, 1, k) < 0)
		return -1;
	while ((r = crm_rd_next(rd, &rec)) != CRM_REC_EOF) {
		if (r != CRM_REC_OK) {
			why = crm_rd_error(rd, &line);
			return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s",
			    crm_rd_name(rd), line, why);
		}
		if (crm_rec_blank(&rec))
			continue;
		if (bare_key(db, rd, rec.f[0], rec.line, k) < 0)
			return -1;
	}
	return 0;
}

/*
 * The customers to erase: key, or each record of rd (a stream with a
 * customer column, crm_each_customer's, or a list of keys one a line),
 * each once.  Every key must name a customer: -1 with the first that
 * does not (65, as file:line), before anything is erased.
 */
int
crm_erase_keys(struct crm_db *db, const char *key, struct crm_rd *rd,
    long long **ids, size_t *n)
{
	struct keys k = { NULL, 0, 0 };
	struct crm_keycol kc;
	char *const *names;
	size_t cols = 0;
	int r;

	if (rd)
		cols = crm_rd_header(rd, &names);
	if (rd && cols == 1 && crm_keycol_find(names, cols, &kc) < 0)
		r = bare_keys(db, rd, names[0], &k);
	else
		r = crm_each_customer(db, key, rd, add_id, &k);
	if (r == 0 && k.n == 0)
		r = crm_fail(CRM_EX_DATAERR, "%s: no customer given",
		    crm_rd_name(rd));
	if (r != 0 || crm_db_failed(db)) {
		free(k.ids);
		return -1;
	}
	unique_ids(&k);
	*ids = k.ids, *n = k.n;
	return 0;
}
