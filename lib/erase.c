/*
 * erase.c - erasing a customer on request (GDPR Art. 17, PIPL Art. 47):
 * every row about them goes, and the audit trail keeps that something
 * happened (when, who, what) but none of their values.
 *
 * The customer's own rows go with the customers row (the schema's ON
 * DELETE CASCADE: ids, fields, tags, interactions with their scores and
 * fields, reminders, deals with their history and fields); an
 * organisation's people stay, unlinked.  The connection overwrites what
 * it deletes (crm_db_secure_delete), the search indexes are merged
 * without them (forget_text), and the program checkpoints after the
 * commit (crm_db_checkpoint), so the values are gone from the file and
 * from the WAL, not only from the tables.
 */
#include <ctype.h>
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
 * and their ids, e-mails and extra fields.
 */
#define VALUES "SELECT external_id AS v FROM customers WHERE id = ?1 " \
	"UNION SELECT name FROM customers WHERE id = ?1 UNION SELECT email " \
	"FROM customers WHERE id = ?1 UNION SELECT phone FROM customers " \
	"WHERE id = ?1 UNION SELECT value FROM identities WHERE customer_id " \
	"= ?1 UNION SELECT value FROM customer_fields WHERE customer_id = ?1" \
	OLD_VALUES

/* A former id's values up to change ?2, when the id is another's now. */
#define OLD_VALUES_UPTO "SELECT name FROM undo_customers WHERE undo_rid = " \
	"?1 AND undo_change <= ?2 UNION SELECT email FROM undo_customers " \
	"WHERE undo_rid = ?1 AND undo_change <= ?2 UNION SELECT phone FROM " \
	"undo_customers WHERE undo_rid = ?1 AND undo_change <= ?2 UNION " \
	"SELECT external_id FROM undo_customers WHERE undo_rid = ?1 AND " \
	"undo_change <= ?2 UNION SELECT value FROM undo_customer_fields " \
	"WHERE customer_id = ?1 AND undo_change <= ?2"

/* And the values they had before (an e-mail changed since, a name
 * before a merge), from what undo keeps. */
#define OLD_VALUES " UNION SELECT external_id FROM undo_customers WHERE " \
	"undo_rid = ?1 UNION SELECT name FROM undo_customers WHERE undo_rid " \
	"= ?1 UNION SELECT email FROM undo_customers WHERE undo_rid = ?1 " \
	"UNION SELECT phone FROM undo_customers WHERE undo_rid = ?1 UNION " \
	"SELECT value FROM undo_identities WHERE customer_id = ?1 UNION " \
	"SELECT value FROM undo_customer_fields WHERE customer_id = ?1"

/*
 * The values to take out of the audit trail, as the trail wrote them:
 * JSON-escaped.  A value is found wherever it occurs whole (a filter
 * quoted in an export's "what" too), never inside a longer word: erasing
 * "Li" leaves "List" alone, erasing "Anna" leaves "Annabel".  A value of
 * four bytes or more is looked up by its first four bytes, a shorter one
 * whole.  One pass over the trail finds them all, however many
 * customers a stream erases.
 */
struct vset {
	char **v;
	size_t *len, n, cap;
	size_t *head, *next, mask;	/* chains by key; longest first */
	char *drop;			/* another customer's too: kept */
};

#define NIL ((size_t)-1)

static size_t
vkey(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The key of a value: its first four bytes, or a short one whole. */
static size_t
vkey_of(const char *s, size_t n)
{
	return vkey(s, n < 4 ? n : 4) ^ (n < 4 ? n + 1 : 0);
}

/*
 * The text s as the audit trail writes it (JSON-escaped, without the
 * quotes) and in lower case (key.c's folding, as e-mails are found), into
 * b: filters find a customer in any case ("email = ANN@EXAMPLE.COM",
 * "name = \"ann lee\""), so their values are looked for in any case.
 */
static void
fold_json(struct crm_buf *b, const char *s)
{
	struct crm_buf j = { 0 };
	char *f;

	crm_json_str(&j, s);
	j.s[j.len - 1] = '\0';
	f = crm_key_fold(j.s + 1);
	crm_buf_reset(b);
	crm_buf_adds(b, f);
	free(f);
	crm_buf_free(&j);
}

static void
vset_add(struct vset *vs, const char *value)
{
	struct crm_buf b = { 0 };

	fold_json(&b, value);
	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 64;
		vs->v = crm_xreallocarray(vs->v, vs->cap, sizeof *vs->v);
		vs->len = crm_xreallocarray(vs->len, vs->cap, sizeof *vs->len);
	}
	vs->len[vs->n] = b.len;
	vs->v[vs->n++] = crm_xstrndup(b.s, b.len);
	crm_buf_free(&b);
}

/* Is s (n bytes) one of the values?  With drop, keep it from now on. */
static int
vset_has(const struct vset *vs, const char *s, size_t n, int drop)
{
	size_t i = vs->head[vkey_of(s, n) & vs->mask];
	int has = 0;

	for (; i != NIL; i = vs->next[i])
		if (vs->len[i] == n && !vs->drop[i] &&
		    memcmp(vs->v[i], s, n) == 0) {
			has = 1;
			if (!drop)
				break;
			vs->drop[i] = 1;
		}
	return has;
}

static int
longest_first(const void *a, const void *b)
{
	size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);

	return x > y ? -1 : x < y;
}

/* Chain the values by key, longest first in each chain. */
static void
vset_index(struct vset *vs)
{
	size_t i, k, size = 16;

	qsort(vs->v, vs->n, sizeof *vs->v, longest_first);
	while (size < 2 * vs->n)
		size *= 2;
	vs->mask = size - 1;
	vs->head = crm_xcalloc(size, sizeof *vs->head);
	vs->next = crm_xcalloc(vs->n ? vs->n : 1, sizeof *vs->next);
	vs->drop = crm_xcalloc(vs->n ? vs->n : 1, 1);
	memset(vs->head, 0xff, size * sizeof *vs->head);
	for (i = vs->n; i-- > 0;) {
		vs->len[i] = strlen(vs->v[i]);
		k = vkey_of(vs->v[i], vs->len[i]) & vs->mask;
		vs->next[i] = vs->head[k];
		vs->head[k] = i;
	}
}

static void
vset_free(struct vset *vs)
{
	crm_free_list(vs->v, vs->n);
	free(vs->len);
	free(vs->head);
	free(vs->next);
	free(vs->drop);
}

/*
 * A value another customer's record holds too is theirs as well and
 * stays: an organisation's name is its people's company, and two people
 * may share a name.  (An organisation's domain is no one's personal
 * value, and is in its people's e-mails: it is not among the values.)
 * Their record is also their extra fields' values and their other ids
 * and e-mails (a region "north" two customers have is neither's alone),
 * and their owner (a rep's name, such as "bob", is not a customer Bob's).
 * The customers but except (0: all, once the erased are gone).
 */
static void
keep_others(struct crm_db *db, struct vset *vs, long long except)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT name, company, email, "
	    "phone, external_id, owner FROM customers WHERE id <> ?1 UNION "
	    "ALL SELECT value, NULL, NULL, NULL, NULL, NULL FROM "
	    "customer_fields WHERE customer_id <> ?1 UNION ALL SELECT value, "
	    "NULL, NULL, NULL, NULL, NULL FROM identities WHERE customer_id "
	    "<> ?1");
	struct crm_buf b = { 0 };
	const char *s;
	int c;

	crm_bind_int(st, 1, except);
	while (crm_step(st) == CRM_ROW)
		for (c = 0; c < 6; c++) {
			if ((s = crm_col_text(st, c)) == NULL || *s == '\0')
				continue;
			fold_json(&b, s);
			vset_has(vs, b.s, b.len, 1);
		}
	crm_finalize(st);
	crm_buf_free(&b);
}

/* Part of a word: a letter, a digit, or a byte of a UTF-8 character. */
static int
wordch(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * Whether the n bytes at p stand alone: not the middle of a longer word
 * or number ("Anna" in "Annabel", "anna@x" in "hanna@x", "555-1234" in
 * "555-12345"); a value that begins or ends with a mark ("+44 ...")
 * needs no gap there.
 */
static int
whole(const char *d, const char *p, size_t n, const char *end)
{
	if (p > d && wordch(p[-1]) && wordch(p[0]))
		return 0;
	if (p + n < end && wordch(p[n]) && wordch(p[n - 1]))
		return 0;
	return 1;
}

/* How long a short value that is a whole word at p is, or 0. */
static size_t
short_word(const struct vset *vs, const char *d, const char *p,
    const char *end)
{
	size_t n;

	if (p > d && wordch(p[-1]))
		return 0;
	for (n = 3; n > 0; n--)
		if ((size_t)(end - p) >= n && (p + n == end || !wordch(p[n])) &&
		    vset_has(vs, p, n, 0))
			return n;
	return 0;
}

/*
 * d in lower case into f, and where each byte of f came from in d into
 * *at (one more for the end): a value is matched in the folded text and
 * cut from the text as written.
 */
static void
fold_mapped(const char *d, struct crm_buf *f, size_t **at)
{
	size_t i = 0, n, k, cap = strlen(d) + 16;

	crm_buf_reset(f);
	crm_buf_add(f, "", 0);
	*at = crm_xreallocarray(NULL, cap, sizeof **at);
	while (d[i]) {
		k = f->len;
		n = crm_key_fold_char(d + i, f);
		if (f->len + 1 > cap) {
			cap = 2 * (f->len + 1);
			*at = crm_xreallocarray(*at, cap, sizeof **at);
		}
		for (; k < f->len; k++)
			(*at)[k] = i;
		i += n;
	}
	(*at)[f->len] = i;
}

/* The longest value at p in the folded text d..end, as a whole: its
 * length, or 0. */
static size_t
value_at(const struct vset *vs, const char *d, const char *p,
    const char *end)
{
	size_t i;

	i = end - p < 4 ? NIL : vs->head[vkey_of(p, 4) & vs->mask];
	for (; i != NIL; i = vs->next[i])
		if (vs->len[i] >= 4 && !vs->drop[i] &&
		    vs->len[i] <= (size_t)(end - p) &&
		    memcmp(p, vs->v[i], vs->len[i]) == 0 &&
		    whole(d, p, vs->len[i], end))
			return vs->len[i];
	return short_word(vs, d, p, end);
}

/*
 * detail without the values, in any case, into b: 1 if any was there.
 * The values are matched in the detail folded as they were; what is
 * kept is copied from the detail as written.
 */
static int
scrub_text(const struct vset *vs, const char *d, struct crm_buf *b)
{
	struct crm_buf f = { 0 };
	size_t *at, fp = 0, kept = 0, n;
	int hit = 0;

	fold_mapped(d, &f, &at);
	crm_buf_reset(b);
	crm_buf_add(b, "", 0);
	while (fp < f.len) {
		if ((n = value_at(vs, f.s, f.s + fp, f.s + f.len)) == 0) {
			fp++;
			continue;
		}
		crm_buf_add(b, d + kept, at[fp] - kept);
		crm_buf_adds(b, "[erased]");
		kept = at[fp + n], fp += n, hit = 1;
	}
	crm_buf_adds(b, d + kept);
	free(at);
	crm_buf_free(&f);
	return hit;
}

/*
 * A search's words are in its export row's "what" (crm-segment --search
 * words, a filter's matches 'words' and name ~ part), and a search for part of a name
 * ("Tanak") is no whole value.  A word of a search (3 bytes or more:
 * one Chinese character) that is part of one of their values, in any
 * case of ASCII letters, becomes [erased] too, wherever the search found
 * it: the row does not say whom a search found.
 */
static int
in_values(const struct vset *vs, const char *t, size_t n)
{
	size_t i, j;

	for (i = 0; i < vs->n; i++) {
		if (vs->drop[i] || vs->len[i] < n)
			continue;
		for (j = 0; j + n <= vs->len[i]; j++) {
			if (memcmp(vs->v[i] + j, t, n) == 0)
				return 1;
		}
	}
	return 0;
}

/* Is the word t (n bytes), in lower case, part of one of the values? */
static int
in_folded(const struct vset *vs, const char *t, size_t n)
{
	char *w = crm_xstrndup(t, n), *f = crm_key_fold(w);
	int in = in_values(vs, f, strlen(f));

	free(w);
	free(f);
	return in;
}

/* Between words of a search, as the row has them JSON-escaped. */
#define SEARCH_GAP(c)	((c) == ' ' || (c) == '\\' || (c) == '"' || \
			    (c) == '\'' || (c) == '*')

/* The words from p to end into b, those in their values [erased]. */
static int
scrub_words(const struct vset *vs, const char *p, const char *end,
    struct crm_buf *b)
{
	const char *e;
	int hit = 0;

	while (p < end) {
		if (SEARCH_GAP(*p)) {
			crm_buf_addc(b, *p++);
			continue;
		}
		for (e = p; e < end && !SEARCH_GAP(*e); e++)
			;
		/* (a word of which scrub_text took a value goes whole) */
		if (e - p >= 3 && (in_folded(vs, p, (size_t)(e - p)) ||
		    memmem(p, (size_t)(e - p), "[erased]", 8))) {
			crm_buf_adds(b, "[erased]");
			hit = 1;
		} else {
			crm_buf_addf(b, "%.*s", (int)(e - p), p);
		}
		p = e;
	}
	return hit;
}

/* The earlier of two places found (NULL: not found). */
static const char *
first_of(const char *a, const char *b)
{
	return a == NULL ? b : b == NULL || a < b ? a : b;
}

/*
 * d with the words of its searches scrubbed, into b: 1 if any was.  The
 * words of --search run to the expression (": ") or the end of "what";
 * those of matches to their closing quote (or a bare word's end).
 */
static int
scrub_searches(const struct vset *vs, const char *d, struct crm_buf *b)
{
	const char *p = d, *s, *e, *m, *end;
	size_t q;
	int hit = 0;

	crm_buf_reset(b);
	if (strncmp(d, "{\"what\":\"", 9) != 0 ||
	    (end = strstr(d, "\",\"rows\":")) == NULL)
		end = d;	/* no export: copied as it is */
	while (p < end) {
		s = strstr(p, " --search ");
		m = first_of(strstr(p, "matches "), strstr(p, " ~ "));
		if (s && s >= end)
			s = NULL;
		if (m && m >= end)
			m = NULL;
		if (s && (m == NULL || s < m)) {
			s += strlen(" --search ");
			crm_buf_addf(b, "%.*s", (int)(s - p), p);
			e = strstr(s, ": ");
			e = e && e < end ? e : end;
		} else if (m) {
			m += *m == ' ' ? strlen(" ~ ") : strlen("matches ");
			q = *m == '\'' ? 1 : strncmp(m, "\\\"", 2) == 0 ? 2 : 0;
			crm_buf_addf(b, "%.*s", (int)(m + q - p), p);
			s = m + q;
			e = q == 1 ? strchr(s, '\'') : q ? strstr(s, "\\\"") :
			    s + strcspn(s, " )");	/* a bare word */
			e = e && e < end ? e : end;
		} else {
			break;
		}
		hit |= scrub_words(vs, s, e, b);
		p = e;
	}
	crm_buf_adds(b, p);
	return hit;
}

/*
 * The audit rows that quote one of the values, or whose search words are
 * part of one, in one pass over the trail: how many, their ids into *ids
 * and, with texts, each detail without the values into *texts (to free).
 * The one rule of which rows are theirs, for the erase that scrubs them
 * and the access report that lists them (crm_erase_audit_rows).
 */
static long long
scrub_scan(struct crm_db *db, const struct vset *vs, long long **ids,
    char ***texts)
{
	struct crm_stmt *st;
	struct crm_buf b = { 0 }, b2 = { 0 };
	long long n = 0;
	int hit;

	*ids = NULL;
	if (texts)
		*texts = NULL;
	if (vs->n == 0)
		return 0;
	st = crm_prepare(db, "SELECT id, detail FROM audit WHERE detail IS "
	    "NOT NULL ORDER BY id");
	while (crm_step(st) == CRM_ROW) {
		hit = scrub_text(vs, crm_col_text(st, 1), &b);
		if (!scrub_searches(vs, b.s ? b.s : "", &b2) && !hit)
			continue;
		*ids = crm_xreallocarray(*ids, (size_t)n + 1, sizeof **ids);
		(*ids)[n] = crm_col_int(st, 0);
		if (texts) {
			*texts = crm_xreallocarray(*texts, (size_t)n + 1,
			    sizeof **texts);
			(*texts)[n] = crm_xstrdup(b2.s);
		}
		n++;
	}
	crm_finalize(st);
	crm_buf_free(&b);
	crm_buf_free(&b2);
	return n;
}

/*
 * Does the server scrub the audit trail (PostgreSQL where crm grant ran:
 * share/crm/pg/rls.sql's crm_audit_blank and crm_audit_redact)?  There
 * no login may UPDATE the trail: an erase's scrub goes through those,
 * which check that the customer is erased and blank only that.
 */
static int
server_scrubs(struct crm_db *db)
{
	return strcmp(crm_db_engine(db), "sqlite") != 0 && crm_query_int(db,
	    0, "SELECT CAST(to_regprocedure('crm_audit_blank(bigint, "
	    "bigint)') IS NOT NULL AS integer)", NULL) > 0;
}

/*
 * Every other audit row loses their values, in one pass over the trail:
 * how many rows changed.  The rows are read first and changed after.
 */
static long long
scrub_others(struct crm_db *db, const struct vset *vs, long long erased)
{
	long long *ids, n, i;
	char **texts;
	int server = server_scrubs(db);

	n = scrub_scan(db, vs, &ids, &texts);
	for (i = 0; i < n; i++)
		if (server)
			crm_query_int(db, 0, "SELECT crm_audit_redact(?, ?, ?)",
			    "iis", erased, ids[i], texts[i]);
		else
			crm_exec(db, "UPDATE audit SET detail = ? WHERE id = "
			    "?", "si", texts[i], ids[i]);
	crm_free_list(texts, (size_t)n);
	free(ids);
	return n;
}

/*
 * The customer id and every customer merged into it (their audit rows
 * say so), and into those: the same person under their former ids, whose
 * old records the audit trail and undo still hold.  (*f)[i].before is
 * the audit id of the merge that ended it (0 for id itself).  To free.
 */
struct former {
	long long id, before;
};

static void
merged_into(struct crm_db *db, long long id, struct former **f, size_t *n)
{
	struct crm_stmt *st;
	size_t i;

	*f = crm_xmalloc(sizeof **f);
	(*f)[0].id = id, (*f)[0].before = 0;
	*n = 1;
	st = crm_prepare(db, "SELECT detail ->> '$.merged.id', id FROM audit "
	    "WHERE action = 'merge' AND customer_id = ? AND "
	    "detail ->> '$.merged.id' IS NOT NULL");
	for (i = 0; i < *n && !crm_db_failed(db); i++) {
		crm_reset(st);
		crm_bind_int(st, 1, (*f)[i].id);
		while (crm_step(st) == CRM_ROW) {
			*f = crm_xreallocarray(*f, *n + 1, sizeof **f);
			(*f)[*n].id = crm_col_int(st, 0);
			(*f)[(*n)++].before = crm_col_int(st, 1);
		}
	}
	crm_finalize(st);
}

/*
 * A former id's values, into vs: the audit id its own rows end before (0:
 * all its rows are its own) and, in *upto, the undo change what undo
 * keeps of it is its own up to (0: all).  An id SQLite has given to a new
 * customer since is theirs now: only the audit rows from before the
 * merge, and the values undo kept until then, are the former's.
 */
static long long
former_values(struct crm_db *db, const struct former *f, struct vset *vs,
    long long *upto)
{
	struct crm_stmt *st;
	long long before = 0;

	*upto = 0;
	if (f->before && crm_query_int(db, 0, "SELECT count(*) FROM customers "
	    "WHERE id = ?", "i", f->id)) {
		/* The change that merged it, and what undo kept until then. */
		*upto = crm_query_int(db, 0, "SELECT max(id) FROM undo_changes "
		    "WHERE audit_id <= ?", "i", f->before);
		st = crm_prepare(db, OLD_VALUES_UPTO);
		crm_bind_int(st, 2, *upto);
		before = f->before;
	} else {
		st = crm_prepare(db, VALUES);
	}
	crm_bind_int(st, 1, f->id);
	while (crm_step(st) == CRM_ROW)
		if (crm_col_type(st, 0) != CRM_NULL && *crm_col_text(st, 0))
			vset_add(vs, crm_col_text(st, 0));
	crm_finalize(st);
	return before;
}

/*
 * Forget a former id: its values (into vs), what undo keeps of it
 * (former_values says which are its own); its audit rows, how many,
 * are blanked once the erase row is written (blank_former).  f->before
 * becomes the audit id its own rows end before (0: all).
 */
static long long
forget_former(struct crm_db *db, struct former *f, struct vset *vs)
{
	long long upto;

	f->before = former_values(db, f, vs, &upto);
	if (f->before && upto > 0)
		crm_undo_forget_upto(db, f->id, upto);
	return crm_query_int(db, 0, "SELECT count(*) FROM audit WHERE "
	    "customer_id = ?1 AND (?2 = 0 OR id < ?2)", "ii", f->id,
	    f->before);
}

/*
 * A former id's audit rows blanked (detail, customer_id), after the erase
 * row of erased: on PostgreSQL through crm_audit_blank where the trail
 * is append-only, which works out which are the former's itself.
 */
static void
blank_former(struct crm_db *db, long long erased, const struct former *f,
    int server)
{
	if (server)
		crm_query_int(db, 0, "SELECT crm_audit_blank(?, ?)", "ii",
		    erased, f->id);
	else
		crm_exec(db, "UPDATE audit SET detail = NULL, customer_id = "
		    "NULL WHERE customer_id = ?1 AND (?2 = 0 OR id < ?2)",
		    "ii", f->id, f->before);
}

/*
 * The erased list (schema 15): a customer erased on request must not come
 * back with the next import of a file she is in.  Her e-mail addresses
 * and ids are kept as keyed hashes only: BLAKE2b (crypt.c) keyed with a
 * random key the database makes on the first erase (the setting
 * 'erased_key', never written to the audit trail), over the kind, the
 * id's system and the value as crm finds it (an e-mail through key.c).
 * The hashes cannot be read back into addresses, nor matched without the
 * key; with the database itself (and its key) one can test a guessed
 * address, which is what the list is for.
 */
static char *
erased_key(struct crm_db *db, int make)
{
	char *key = crm_setting(db, "erased_key");

	if (key || !make || crm_db_failed(db))
		return key;
	if ((key = crm_crypt_new_key_hex()) != NULL)
		crm_exec(db, "INSERT INTO settings (key, value) VALUES "
		    "('erased_key', ?)", "s", key);
	return key;
}

/*
 * What is hashed of one key of a customer (allocated): the kind, the
 * id's system and the value as crm finds it, 0x1f between.
 */
static char *
erased_text(const char *kind, const char *source, const char *value)
{
	char *copy = crm_xstrdup(value), *v, *text;

	v = strcmp(kind, "email") == 0 ? crm_key_email(copy) :
	    crm_xstrdup(crm_key_trim(copy));
	text = crm_xasprintf("%s\x1f%s\x1f%s", kind, source ? source : "", v);
	free(copy);
	free(v);
	return text;
}

/* The hash of one key of a customer, allocated; NULL with the error kept. */
static char *
erased_hash(const char *key, const char *kind, const char *source,
    const char *value)
{
	char *text = erased_text(kind, source, value), *h;

	h = crm_crypt_mac_hex(key, text);
	free(text);
	return h;
}

/*
 * Does the server hash for us: a login that may not read the list's key
 * (a rep on PostgreSQL: rls.sql's policy on settings) while the list has
 * entries, where crm grant made crm_erased_at?  It hashes on the server.
 */
static int
server_hashes(struct crm_db *db)
{
	return strcmp(crm_db_engine(db), "sqlite") != 0 &&
	    crm_query_int(db, 0, "SELECT CAST(to_regprocedure('crm_erased_at("
	    "text)') IS NOT NULL AS integer)", NULL) > 0 &&
	    crm_erased_any(db) > 0;
}

/* When the server's list took a key (server_hashes): its "at", or NULL. */
static char *
server_erased_at(struct crm_db *db, const char *kind, const char *source,
    const char *value)
{
	char *text = erased_text(kind, source, value), *at;

	at = crm_query_text(db, "SELECT crm_erased_at(?)", "s", text);
	free(text);
	return at;
}

/* Their e-mails and ids, as kind, system and value: read before they go. */
struct erased_keys {
	char **v;	/* three a key */
	size_t n;
};

static void
keys_of(struct crm_db *db, long long id, struct erased_keys *k)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT 'email', '', email FROM "
	    "customers WHERE id = ?1 AND email IS NOT NULL UNION SELECT 'id', "
	    "'', external_id FROM customers WHERE id = ?1 AND external_id IS "
	    "NOT NULL UNION SELECT kind, source, value FROM identities WHERE "
	    "customer_id = ?1");
	int c;

	crm_bind_int(st, 1, id);
	while (crm_step(st) == CRM_ROW) {
		k->v = crm_xreallocarray(k->v, k->n + 3, sizeof *k->v);
		for (c = 0; c < 3; c++)
			k->v[k->n++] = crm_xstrdup(crm_col_text(st, c));
	}
	crm_finalize(st);
}

/*
 * Those keys onto the erased list, once the customer is gone and the
 * erase row written (which refuses a login not allowed to erase: it is
 * refused for that, not for the list's key in settings).
 */
static void
remember_erased(struct crm_db *db, struct erased_keys *k)
{
	char *key, *h;
	size_t i;

	if (k->n && !crm_db_failed(db) && (key = erased_key(db, 1)) != NULL) {
		for (i = 0; i + 2 < k->n; i += 3) {
			if ((h = erased_hash(key, k->v[i], k->v[i + 1],
			    k->v[i + 2])) == NULL)
				break;
			crm_exec(db, "INSERT INTO erased (hash, at) VALUES (?, "
			    "?) ON CONFLICT (hash) DO NOTHING", "ss", h,
			    crm_now_str());
			free(h);
		}
		free(key);
	}
	crm_free_list(k->v, k->n);
}

/* Whether anyone is on the erased list: 1 or 0 (-1: the database failed). */
int
crm_erased_any(struct crm_db *db)
{
	long long n = crm_query_int(db, 0, "SELECT count(*) FROM (SELECT 1 "
	    "FROM erased LIMIT 1) AS e", "");

	return crm_db_failed(db) ? -1 : n > 0;
}

/*
 * Is the customer key value (kind "email" or "id"; an id of the system
 * source, "" for none) on the erased list?  1 or 0, -1 with the error
 * kept.
 */
int
crm_erased_is(struct crm_db *db, const char *kind, const char *source,
    const char *value)
{
	char *key, *h;
	long long n;

	if (value == NULL || *value == '\0')
		return 0;
	if ((key = erased_key(db, 0)) == NULL) {
		if (!crm_db_failed(db) && server_hashes(db) &&
		    (h = server_erased_at(db, kind, source, value)) != NULL) {
			free(h);
			return 1;
		}
		return crm_db_failed(db) ? -1 : 0;
	}
	h = erased_hash(key, kind, source, value);
	free(key);
	if (h == NULL)
		return -1;
	n = crm_query_int(db, 0, "SELECT count(*) FROM erased WHERE hash = ?",
	    "s", h);
	free(h);
	return crm_db_failed(db) ? -1 : n > 0;
}

/*
 * Take key off the erased list (crm-add --unerase), as an e-mail and as
 * an id of the system source: how many entries went, -1 on failure.
 */
long long
crm_unerase(struct crm_db *db, const char *value, const char *source)
{
	static const char *const kinds[] = { "email", "id" };
	struct crm_buf d = { 0 };
	char *key, *h;
	long long n = 0, one;
	size_t i;

	if ((key = erased_key(db, 0)) == NULL) {
		if (!crm_db_failed(db) && server_hashes(db))
			return crm_fail(CRM_EX_NOPERM, "taking a key off the "
			    "erased list is a manager's (crm grant manager), "
			    "as erasing is");
		return crm_db_failed(db) ? -1 : 0;
	}
	crm_buf_adds(&d, "{\"hashes\":[");
	for (i = 0; i < 2; i++) {
		if ((h = erased_hash(key, kinds[i], source, value)) == NULL)
			break;
		crm_exec(db, "DELETE FROM erased WHERE hash = ?", "s", h);
		if ((one = crm_changes(db)) > 0) {
			if (n)
				crm_buf_addc(&d, ',');
			crm_json_str(&d, h);
		}
		n += one;
		free(h);
	}
	free(key);
	/* Which entry went, as the list kept it: its keyed hash (and the
	 * system an id was of), never the key given (qa44 6). */
	crm_buf_addc(&d, ']');
	if (source && *source) {
		crm_buf_adds(&d, ",\"source\":");
		crm_json_str(&d, source);
	}
	crm_buf_addc(&d, '}');
	if (n > 0)
		crm_audit(db, "unerase", 0, d.s);
	crm_buf_free(&d);
	return crm_db_failed(db) ? -1 : n;
}

/*
 * The system whose id value is on the erased list, among the systems
 * other customers' ids are from (to free), or NULL: an id is erased as
 * one of its system (the list keeps keyed hashes, which name none), so
 * --unerase without --source does not find it.  A system none of the
 * customers left has an id of cannot be told.
 */
char *
crm_erased_source(struct crm_db *db, const char *value)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT DISTINCT source FROM "
	    "identities WHERE kind = 'id' AND source <> '' ORDER BY source");
	char **v = NULL, *found = NULL;
	size_t n = 0, i;

	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, n + 1, sizeof *v);
		v[n++] = crm_xstrdup(crm_col_text(st, 0));
	}
	crm_finalize(st);
	for (i = 0; i < n && found == NULL; i++)
		if (crm_erased_is(db, "id", v[i], value) > 0)
			found = crm_xstrdup(v[i]);
	crm_free_list(v, n);
	return found;
}

/*
 * When the list took the key value of kind and source: its "at", or
 * NULL.  key NULL: the server hashes (server_hashes).
 */
static char *
erased_at(struct crm_db *db, const char *key, const char *kind,
    const char *source, const char *value)
{
	char *h, *at;

	if (key == NULL)
		return server_erased_at(db, kind, source, value);
	if ((h = erased_hash(key, kind, source, value)) == NULL)
		return NULL;
	at = crm_query_text(db, "SELECT at FROM erased WHERE hash = ?", "s", h);
	free(h);
	return at;
}

/*
 * Was the customer key given on a command line (crm_cust_find's forms:
 * an e-mail, an id, email:, ext:) erased on request?  When, as the list
 * has it (its "at", the time of the erase; to free), or NULL: not on the
 * list, a key no list holds (id:, org:, a name), or the database failed.
 * An id is tried as nobody's system's, then as each system's other
 * customers have ids of (crm_erased_source), as crm-add --unerase is.
 */
char *
crm_erased_when(struct crm_db *db, const char *key)
{
	char *copy = crm_xstrdup(key), *v = crm_key_trim(copy), *list, *at;
	char *source;
	const char *kind = "id";

	if (strncmp(v, "email:", 6) == 0)
		kind = "email", v += 6;
	else if (strncmp(v, "ext:", 4) == 0)
		kind = "id", v += 4;
	else if (strncmp(v, "id:", 3) == 0 || strncmp(v, "org:", 4) == 0)
		v = "";
	else
		kind = strchr(v, '@') ? "email" : "id";
	if (*v == '\0' || ((list = erased_key(db, 0)) == NULL &&
	    (crm_db_failed(db) || !server_hashes(db)))) {
		free(copy);
		return NULL;
	}
	at = erased_at(db, list, kind, "", v);
	if (at == NULL && strcmp(kind, "id") == 0 && !crm_db_failed(db) &&
	    (source = crm_erased_source(db, v)) != NULL) {
		at = erased_at(db, list, kind, source, v);
		free(source);
	}
	free(list);
	free(copy);
	return at;
}

static int
erase_one(struct crm_db *db, long long id, struct vset *vs,
    struct crm_erase_counts *n)
{
	struct crm_erase_counts one = { 0 };
	struct erased_keys keys = { 0 };
	struct former *former;
	size_t nformer, i;
	char *detail;
	int server;

	if (crm_query_int(db, 0, "SELECT count(*) FROM customers WHERE id = ?",
	    "i", id) != 1)
		return crm_db_failed(db) ? -1 : crm_fail(CRM_EX_DATAERR,
		    "no customer %lld", id);
	count_rows(db, id, &one);
	keys_of(db, id, &keys);
	merged_into(db, id, &former, &nformer);
	for (i = 0; i < nformer; i++)
		one.audit += forget_former(db, &former[i], vs);
	/* An organisation's people stay, no longer its contacts. */
	crm_exec(db, "UPDATE customers SET org_id = NULL, updated = ? WHERE "
	    "org_id = ?", "si", crm_now_str(), id);
	one.contacts = crm_changes(db);
	crm_exec(db, "DELETE FROM customers WHERE id = ?", "i", id);
	one.customers = crm_changes(db);
	/* What undo keeps of them goes too; changes that touched them can
	 * no longer be undone (they would come back half). */
	for (i = 0; i < nformer; i++)	/* a reused id: forget_former() */
		if (i == 0 || !crm_query_int(db, 0, "SELECT count(*) FROM "
		    "customers WHERE id = ?", "i", former[i].id))
			crm_undo_forget_customer(db, former[i].id);
	detail = crm_xasprintf("{\"customer\":%lld,\"ids\":%lld,\"fields\":"
	    "%lld,\"tags\":%lld,\"interactions\":%lld,\"reminders\":%lld,"
	    "\"deals\":%lld,\"contacts\":%lld,\"audit\":%lld}", id, one.ids,
	    one.fields, one.tags, one.interactions, one.reminders, one.deals,
	    one.contacts, one.audit);
	crm_audit(db, "erase", 0, detail);
	free(detail);
	/* Her own rows last: crm_audit_blank finds her former ids by the
	 * merge rows among them. */
	server = server_scrubs(db);
	for (i = nformer; i-- > 0;)
		blank_former(db, id, &former[i], server);
	free(former);
	/* No key of theirs for the list: an import may bring them back. */
	n->unlisted += keys.n == 0;
	remember_erased(db, &keys);
	n->customers += one.customers, n->ids += one.ids;
	n->fields += one.fields, n->tags += one.tags;
	n->interactions += one.interactions, n->reminders += one.reminders;
	n->deals += one.deals, n->contacts += one.contacts;
	n->audit += one.audit;
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * Erase the customers ids (n of them): every row about them, their
 * values in the audit trail, and one audit row "erase" each (see
 * erase_one).  Call it in a transaction; c adds up what went (zero it
 * first), c->audit counting each audit row changed once.  What this
 * connection deletes from now on is overwritten.  0, or -1 with the
 * error kept (65: no such customer).
 */
/*
 * Their text out of the search indexes' bytes too (schema 6): FTS5
 * deletes a row from an index by writing a note that it is gone, and
 * keeps its words, with their places, in the older segments until those
 * are merged; SQLite 3.40 has no secure-delete for FTS5.  'optimize'
 * merges every segment of an index into one, without them, and the old
 * pages are overwritten as they are freed (crm_db_secure_delete): it
 * rewrites the whole index, once an erase however many it erases, and
 * only the indexes they were in (their former ids' too, merged away:
 * their records are in fts_customers' old segments).  bench/search.sh
 * says what it costs.
 */
static void
forget_text(struct crm_db *db, const struct crm_erase_counts *c)
{
	if (!crm_db_fts5(db))	/* PostgreSQL's: the server's VACUUM */
		return;
	crm_exec(db, "INSERT INTO fts_customers (fts_customers) VALUES "
	    "('optimize')", NULL);
	if (c->deals)
		crm_exec(db, "INSERT INTO fts_deals (fts_deals) VALUES "
		    "('optimize')", NULL);
	if (c->interactions)
		crm_exec(db, "INSERT INTO fts_interactions (fts_interactions) "
		    "VALUES ('optimize')", NULL);
}

int
crm_cust_erase(struct crm_db *db, const long long *ids, size_t n,
    struct crm_erase_counts *c)
{
	struct vset vs = { 0 };
	size_t i;
	int r = 0;

	if (crm_db_secure_delete(db) < 0)
		return -1;
	for (i = 0; i < n && r == 0; i++)
		r = erase_one(db, ids[i], &vs, c);
	if (r == 0) {
		vset_index(&vs);
		keep_others(db, &vs, 0);
		c->audit += scrub_others(db, &vs, ids[0]);
		forget_text(db, c);
	}
	vset_free(&vs);
	return r < 0 || crm_db_failed(db) ? -1 : 0;
}

static int
by_id(const void *a, const void *b)
{
	const struct crm_audit_of *x = a, *y = b;

	/* one row twice: theirs first, so that it is kept */
	return x->id < y->id ? -1 : x->id > y->id ? 1 : y->theirs - x->theirs;
}

static void
add_row(struct crm_audit_of **rows, size_t *n, long long id, int theirs)
{
	*rows = crm_xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[*n].id = id, (*rows)[(*n)++].theirs = theirs;
}

/*
 * The audit rows erasing customer id would scrub, without erasing (qa44
 * 7: the access report lists what the erase counts as theirs): their own
 * rows and their former ids' (merged into them; theirs 1), and every
 * other row that quotes one of their values or searched for them
 * (scrub_scan; theirs 0: an export's, or another customer's row that
 * names them).  By ascending id into *rows (to free), *n of them; 0, or
 * -1 with the error kept.
 */
int
crm_erase_audit_rows(struct crm_db *db, long long id,
    struct crm_audit_of **rows, size_t *n)
{
	struct vset vs = { 0 };
	struct former *former;
	struct crm_stmt *st;
	long long *quoting, nq, upto, before;
	size_t nformer, i, k;

	*rows = NULL, *n = 0;
	merged_into(db, id, &former, &nformer);
	st = crm_prepare(db, "SELECT id FROM audit WHERE customer_id = ?1 AND "
	    "(?2 = 0 OR id < ?2)");
	for (i = 0; i < nformer && !crm_db_failed(db); i++) {
		before = former_values(db, &former[i], &vs, &upto);
		crm_reset(st);
		crm_bind_int(st, 1, former[i].id);
		crm_bind_int(st, 2, before);
		while (crm_step(st) == CRM_ROW)
			add_row(rows, n, crm_col_int(st, 0), 1);
	}
	crm_finalize(st);
	free(former);
	vset_index(&vs);
	keep_others(db, &vs, id);
	nq = scrub_scan(db, &vs, &quoting, NULL);
	vset_free(&vs);
	for (i = 0; i < (size_t)nq; i++)
		add_row(rows, n, quoting[i], 0);
	free(quoting);
	if (*n)
		qsort(*rows, *n, sizeof **rows, by_id);
	for (i = k = 0; i < *n; i++)
		if (k == 0 || (*rows)[k - 1].id != (*rows)[i].id)
			(*rows)[k++] = (*rows)[i];
	*n = k;
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * What a PostgreSQL database's owner runs to get erased values out of the
 * tables' files (qa44 1): the server deletes a row by marking it dead,
 * and a plain VACUUM marks its space free without overwriting it; VACUUM
 * FULL writes each table, and its indexes, anew without it (the
 * interactions' search index is on interactions: fts_interactions is a
 * view there, which VACUUM skips with a warning).  The tables
 * erasing c deleted from or scrubbed, as one statement (malloc'd), or
 * NULL on SQLite, whose erase overwrites the bytes itself
 * (crm_db_secure_delete, forget_text), or when nobody was erased.
 */
char *
crm_erase_vacuum(const struct crm_db *db, const struct crm_erase_counts *c)
{
	struct crm_buf b = { 0 };

	if (crm_db_fts5(db) || c->customers == 0)
		return NULL;
	crm_buf_adds(&b, "VACUUM FULL customers");
	if (c->fields)
		crm_buf_adds(&b, ", customer_fields");
	if (c->tags)
		crm_buf_adds(&b, ", tags");
	if (c->ids)
		crm_buf_adds(&b, ", identities");
	if (c->interactions)
		crm_buf_adds(&b, ", interactions, interaction_fields, scores, "
		    "cust_totals, cust_periods, cust_orders, cust_never");
	if (c->reminders)
		crm_buf_adds(&b, ", reminders");
	if (c->deals)
		crm_buf_adds(&b, ", deals, deal_history, deal_fields, "
		    "fts_deals");
	crm_buf_adds(&b, ", fts_customers, audit");
	return b.s;
}
