/*
 * search.c - full-text search over the FTS5 indexes of schema 6 and 9
 * (share/crm/migrate-6.sql, migrate-9.sql): a customer's record (name,
 * company, e-mail, phone, extra fields' values, tags), their deals
 * (titles, history notes) and their interactions (summaries,
 * resolutions).
 *
 * The indexes use the trigram tokenizer: a word matches wherever its
 * characters stand in a row's text, in any case ("valv" finds "Valve",
 * "门" "阀门" ...), Latin, Cyrillic, Chinese, Japanese or Korean alike.
 * The user's text is split into terms at blanks; "double quotes" make a
 * phrase one term; a trailing * is allowed and means nothing more (every
 * term is a substring already).  Every term is quoted as an FTS5 string
 * before it is bound, so NEAR, AND, OR, parentheses or quotes in the
 * text are searched for as they are, never obeyed.  A row matches when
 * it holds every term.  Diacritics count: SQLite 3.40's trigram
 * tokenizer has no remove_diacritics (3.45 has), so "cafe" does not find
 * "café".
 *
 * A term of 1 or 2 characters (two Chinese characters, "阀门") is too
 * short for a trigram.  With longer terms beside it, it is looked for
 * with instr() in the rows they found.  Alone, it is looked up in the
 * index too: every place it stands begins a trigram (schema 9 ends each
 * text with a newline), so the index's trigrams that begin with it
 * (its fts5vocab table) are where it is, and the rows with any of them
 * are the rows that hold it (expand()).
 *
 * The ranked search (crm_search_run) gives the best first and stops
 * after as many as were asked for, reading no more of the indexes than
 * it needs: customers whose own record matched, then those whose
 * organisation's record matched, then by a deal, then by an
 * interaction; within each, the latest written first (the highest id:
 * FTS5 gives a match's rows in that order and can stop at any point,
 * where ordering by bm25 scored every match first: 35 s for a common
 * word at 10,000,000 interactions).
 *
 * On PostgreSQL (crm_db_fts5() false) the indexes are pg_trgm's over
 * the same texts (share/crm/pg/migrate-9.sql), and a row matches when its
 * text holds every term, both in Unicode's lower case (LIKE): the
 * trigram index finds the rows for a term of 3 characters or more, a
 * shorter one is looked for in every row.  The ranked search reads the
 * same sources in the same order, each row's customer once, with the
 * snippet cut here from the same text: the same customers, the same
 * places, the same snippets (doc/scale.md says where the case folding
 * of the two may differ).
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* Characters (not bytes) in a UTF-8 string. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

struct terms {
	char **t;
	size_t n;
	char *match;		/* the long terms as an FTS5 query, or NULL */
	int exact;		/* every term as instr() sees it (exact()) */
};

#define SHORT(s)	(chars(s) < 3)

static void
add_term(struct terms *ts, const char *s, size_t len)
{
	char *t;

	while (len && (s[len - 1] == '*'))
		len--;
	if (len == 0)
		return;
	ts->t = crm_xreallocarray(ts->t, ts->n + 1, sizeof *ts->t);
	t = crm_xstrndup(s, len);
	ts->t[ts->n++] = crm_nfc(t);	/* as names are stored (cust.c) */
	free(t);
}

static void
terms_free(struct terms *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i]);
	free(ts->t);
	free(ts->match);
	memset(ts, 0, sizeof *ts);
}

/* The length of the blank at s, 0 if none: ASCII's, the no-break space
 * and the ideographic space (Chinese and Japanese text's). */
static size_t
blank(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* s as an FTS5 string, "..." with its quotes doubled, added to q. */
static void
fts_string(struct crm_buf *q, const char *s)
{
	crm_buf_addc(q, '"');
	for (; *s; s++) {
		if (*s == '"')
			crm_buf_addc(q, '"');
		crm_buf_addc(q, *s);
	}
	crm_buf_addc(q, '"');
}

/* The next character of a string, *s moved past it (a byte that is not
 * UTF-8: itself). */
static unsigned long
next_char(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned long c;
	size_t n = crm_utf8_decode(p, strnlen(*s, 4), &c);

	if (n == 0)
		c = *p, n = 1;
	*s += n;
	return c;
}

/*
 * Whether instr(lower(text), lower(s)) finds s where the index does: s
 * is ASCII (SQLite's lower() folds only that, the tokenizer all of
 * Unicode), or its other characters have no case (Chinese, Japanese,
 * Korean, their punctuation).
 */
static int
exact(const char *s)
{
	unsigned long c;

	while (*s) {
		c = next_char(&s);
		if (c >= 0x80 && !(c >= 0x2e80 && c <= 0x9fff) &&
		    !(c >= 0xac00 && c <= 0xd7af) &&
		    !(c >= 0xf900 && c <= 0xfaff) && !(c >= 0x20000))
			return 0;
	}
	return 1;
}

/*
 * Split words into terms; -1 with *err (to free) when there is nothing
 * to look for.
 */
static int
parse(const char *words, struct terms *ts, char **err)
{
	struct crm_buf q = { 0 };
	const char *p = words, *e;
	size_t i, n;

	memset(ts, 0, sizeof *ts);
	while (*p) {
		if ((n = blank(p)) > 0) {
			p += n;
		} else if (*p == '"') {
			e = strchr(p + 1, '"');
			if (e == NULL)
				e = p + strlen(p);
			add_term(ts, p + 1, (size_t)(e - p - 1));
			p = *e ? e + 1 : e;
		} else {	/* a quote inside a word is a character */
			for (e = p; *e && !blank(e); e++)
				;
			add_term(ts, p, (size_t)(e - p));
			p = e;
		}
	}
	if (ts->n == 0) {
		*err = crm_xstrdup("nothing to search for");
		return -1;
	}
	for (i = 0; i < ts->n; i++) {
		if (SHORT(ts->t[i]))
			continue;
		if (q.len)
			crm_buf_addc(&q, ' ');
		fts_string(&q, ts->t[i]);
	}
	if (q.len)
		ts->match = crm_xstrdup(q.s);
	crm_buf_free(&q);
	for (i = 0, ts->exact = 1; i < ts->n; i++)
		ts->exact &= exact(ts->t[i]);
	return 0;
}

/*
 * Where a short term stands in an index: its trigrams that begin with
 * the term (in the tokenizer's case), from the index's fts5vocab table,
 * added to q as an FTS5 group ("阀门x" OR "阀门y" ...).  How many there
 * are (0: the term is in no row), or -1 when the database failed.
 * Reading them costs about what the rows that hold the term do.
 */
static long
expand(struct crm_db *db, const char *vocab, const char *term,
    struct crm_buf *q)
{
	struct crm_stmt *st;
	char *sql, *low = crm_key_fold(term);
	long n = 0;

	sql = crm_xasprintf("SELECT term FROM %s WHERE term >= ?1 AND "
	    "term < ?1 || char(1114111)", vocab);
	st = crm_prepare(db, sql);
	free(sql);
	crm_bind_text(st, 1, low);
	while (crm_step(st) == CRM_ROW) {
		crm_buf_adds(q, n++ ? " OR " : "(");
		fts_string(q, crm_col_text(st, 0));
	}
	crm_finalize(st);
	free(low);
	if (n)
		crm_buf_addc(q, ')');
	return crm_db_failed(db) ? -1 : n;
}

/*
 * The FTS5 query of the short terms in one index (expand()), each of
 * them anded, to free; all of them, or with inexact only those instr()
 * cannot check (exact()).  "" when there are none, NULL when one of
 * them is in no row, or when the database failed (*failed then set).
 */
static char *
expanded(struct crm_db *db, const char *vocab, const struct terms *ts,
    int inexact, int *failed)
{
	struct crm_buf q = { 0 };
	size_t i;
	long n;

	*failed = 0;
	crm_buf_add(&q, "", 0);
	for (i = 0; i < ts->n; i++) {
		if (!SHORT(ts->t[i]) || (inexact && exact(ts->t[i])))
			continue;
		if (q.len)	/* not implied between groups */
			crm_buf_adds(&q, " AND ");
		if ((n = expand(db, vocab, ts->t[i], &q)) <= 0) {
			*failed = n < 0;
			crm_buf_free(&q);
			return NULL;
		}
	}
	return q.s;
}

/* One place a customer's text is: an index and the way to the customer;
 * sources[] lists them in rank order. */
struct source {
	const char *fts;	/* the FTS5 index */
	const char *vocab;	/* its trigrams (migrate-9.sql) */
	const char *who;	/* the customer's id in a row */
	const char *jtab;	/* the table from the index to who, or NULL, */
	const char *jon;	/* joined on this */
	const char *text;	/* the row's text, for instr() */
	int col;		/* the snippet's column, -1: the best */
	/* PostgreSQL's: who when the index has it (no join), the text in
	 * lower case (LIKE) and as it is (the snippet) */
	const char *pgwho, *pgfold, *pgtext;
};

#define IA_TEXT "(coalesce(fts_interactions.summary, '') || char(10) || " \
	"coalesce(fts_interactions.resolution, ''))"
/* As IA_TEXT on PostgreSQL, and lowered as the expression index
 * interactions_search has it (the view fts_interactions inlined:
 * share/crm/pg/migrate-9.sql). */
#define IA_PG "(coalesce(fts_interactions.summary, '') || chr(10) || " \
	"coalesce(fts_interactions.resolution, ''))"
#define IA_FOLD "lower(" IA_PG " COLLATE crm_search) COLLATE \"C\""
#define CUST_PG NULL, "fts_customers.folded", "fts_customers.body"

static const struct source sources[] = {
	{ "fts_customers", "fts_customers_terms", "fts_customers.rowid",
	    NULL, NULL, "fts_customers.body", 0, CUST_PG },
	{ "fts_customers", "fts_customers_terms", "m.id", "customers m",
	    "m.org_id = fts_customers.rowid", "fts_customers.body", 0,
	    CUST_PG },
	{ "fts_deals", "fts_deals_terms", "d.customer_id", "deals d",
	    "d.id = fts_deals.rowid", "fts_deals.body", 0, NULL,
	    "fts_deals.folded", "fts_deals.body" },
	{ "fts_interactions", "fts_interactions_terms", "i.customer_id",
	    "interactions i", "i.id = fts_interactions.rowid", IA_TEXT, -1,
	    "fts_interactions.customer_id", IA_FOLD, IA_PG },
};
#define NSOURCES	(sizeof sources / sizeof sources[0])

/* The customer's id in a row of src. */
static const char *
who(struct crm_db *db, const struct source *src)
{
	return !crm_db_fts5(db) && src->pgwho ? src->pgwho : src->who;
}

/* The join from src's index to who() added to sql: " CROSS JOIN ...
 * ON", SQLite's way to say the index is read first; PostgreSQL's planner
 * takes no such hint (nor the syntax), a JOIN, or none where its index
 * has the customer's id. */
static void
join(struct crm_buf *sql, struct crm_db *db, const struct source *src)
{
	if (src->jtab == NULL || (!crm_db_fts5(db) && src->pgwho))
		return;
	crm_buf_addf(sql, " %s %s ON %s", crm_db_fts5(db) ? "CROSS JOIN" :
	    "JOIN", src->jtab, src->jon);
}

/* " AND instr(...) > 0" for every short term of ts that instr() sees as
 * the index does (exact()), made f's parameters. */
static void
instr_terms(struct crm_buf *sql, struct crm_filter *f, const struct terms *ts,
    const char *text)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (SHORT(ts->t[i]) && exact(ts->t[i]))
			crm_buf_addf(sql, " AND instr(lower(%s), lower(?%d)) > 0",
			    text, crm_filter_param(f, ts->t[i]));
}

/*
 * A long term is looked up as the two of its trigrams that fill the
 * fewest pages of the index, anded, and the rows they find checked with
 * instr(): the phrase of all its trigrams reads every row that has them
 * all and checks their places, which for an e-mail is every customer's
 * record ("user12345@example.com": ".co", "com", "exa" ... are in all of
 * them; 0.98 s at 200,000 customers, 0.003 s for "r12" and "345").
 * How many pages a trigram's rows fill is read off FTS5's %_idx table,
 * which has a row for each page where a term begins (fts5_index.c:
 * segid, the term's shortest distinct prefix after a '0', the page): the
 * pages up to the next term's, in each segment.  Were that layout ever
 * to change, the choice would be worse, never the answer: the check
 * makes it exact.
 */
#define PICK	2	/* trigrams of a term looked up */
#define LOOK	32	/* of a long term's trigrams, at most so many weighed */

/* The statement of about how many pages of fts a trigram's rows fill
 * (?1, in the tokenizer's ASCII case; a term on part of one page: 0 or
 * 1): prepared once for all the trigrams of a term. */
static struct crm_stmt *
pages_stmt(struct crm_db *db, const char *fts)
{
	struct crm_stmt *st;
	char *sql;

	sql = crm_xasprintf("SELECT coalesce(sum(coalesce((SELECT pgno FROM "
	    "%s_idx n WHERE n.segid = s.segid AND n.term > CAST('0' || ?1 "
	    "AS BLOB) ORDER BY n.term LIMIT 1), cur + 1) - cur), 0) FROM "
	    "(SELECT s.segid, (SELECT pgno FROM %s_idx c WHERE c.segid = "
	    "s.segid AND c.term <= CAST('0' || ?1 AS BLOB) ORDER BY c.term "
	    "DESC LIMIT 1) AS cur FROM (SELECT DISTINCT segid FROM %s_idx) s) "
	    "s WHERE cur IS NOT NULL", fts, fts, fts);
	st = crm_prepare(db, sql);
	free(sql);
	return st;
}

static long long
pages(struct crm_stmt *st, char *tri)
{
	long long n = 0;

	crm_lower(tri);
	crm_reset(st);
	crm_bind_text(st, 1, tri);
	if (crm_step(st) == CRM_ROW)
		n = crm_col_int(st, 0);
	return n;
}

/* Term t (of 4 or more characters) in the index of src, added to q as
 * the PICK of its trigrams that fill the fewest pages, with an instr()
 * check of t added to checks. */
static void
rare_term(struct crm_filter *f, const char *t, const struct source *src,
    struct crm_buf *q, struct crm_buf *checks)
{
	struct { const char *at; size_t len; long long pages; } best[PICK];
	const char *p = t, *a, *e;
	struct crm_buf one = { 0 };
	struct crm_stmt *st = pages_stmt(f->db, src->fts);
	size_t i, k, nbest = 0, nth = 0, every = chars(t) / LOOK + 1;
	long long n;

	for (; *p; p = a, nth++) {
		a = p;
		next_char(&a);
		e = a;
		for (i = 0; i < 2 && *e; i++)
			next_char(&e);
		if (i < 2)
			break;
		if (nth % every)	/* a long one: LOOK of them, spread */
			continue;
		crm_buf_free(&one);
		crm_buf_add(&one, p, (size_t)(e - p));
		n = pages(st, one.s);
		for (k = nbest; k > 0 && best[k - 1].pages > n; k--)
			if (k < PICK)
				best[k] = best[k - 1];
		if (k < PICK) {
			best[k].at = p, best[k].len = (size_t)(e - p);
			best[k].pages = n;
			if (nbest < PICK)
				nbest++;
		}
	}
	crm_finalize(st);
	for (k = 0; k < nbest; k++) {
		crm_buf_adds(q, q->len ? " AND " : "");
		crm_buf_free(&one);
		crm_buf_add(&one, best[k].at, best[k].len);
		fts_string(q, one.s);
	}
	crm_buf_free(&one);
	crm_buf_addf(checks, " AND instr(lower(%s), lower(?%d)) > 0",
	    src->text, crm_filter_param(f, t));
}

/* The long terms of ts as an FTS5 query for src's index (rare_term()),
 * to free, with their checks; NULL when the database failed. */
static char *
rare_match(struct crm_filter *f, const struct terms *ts,
    const struct source *src, struct crm_buf *checks)
{
	struct crm_buf q = { 0 };
	size_t i;

	for (i = 0; i < ts->n; i++) {
		if (SHORT(ts->t[i]))
			continue;
		if (chars(ts->t[i]) > 3) {
			rare_term(f, ts->t[i], src, &q, checks);
			continue;
		}
		crm_buf_adds(&q, q.len ? " AND " : "");
		fts_string(&q, ts->t[i]);
	}
	if (crm_db_failed(f->db)) {
		crm_buf_free(&q);
		return NULL;
	}
	return q.s;
}

/*
 * PostgreSQL's WHERE of a source's rows that hold every term: each as
 * "%term%", its own %, _ and backslash escaped, lowered, LIKE the text
 * lowered (a trigram index's, where the term has a trigram).
 */
static void
where_like(struct crm_buf *sql, struct crm_filter *f, const struct terms *ts,
    const struct source *src)
{
	struct crm_buf pat = { 0 };
	const char *p;
	size_t i;

	crm_buf_adds(sql, " WHERE TRUE");
	for (i = 0; i < ts->n; i++) {
		crm_buf_free(&pat);
		crm_buf_addc(&pat, '%');
		for (p = ts->t[i]; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				crm_buf_addc(&pat, '\\');
			crm_buf_addc(&pat, *p);
		}
		crm_buf_addc(&pat, '%');
		crm_buf_addf(sql, " AND %s LIKE lower(?%d COLLATE crm_search) "
		    "COLLATE \"C\"", src->pgfold, crm_filter_param(f, pat.s));
	}
	crm_buf_free(&pat);
}

/*
 * The WHERE of a source's rows that hold every term: " WHERE" and the
 * condition, with f's parameters; NULL-free.  Returns 0, or 1 when no
 * row can (a short term in no row of the index), or -1 when the
 * database failed.
 */
static int
where_terms(struct crm_buf *sql, struct crm_filter *f, const struct terms *ts,
    const struct source *src)
{
	struct crm_buf checks = { 0 }, q = { 0 };
	char *m = NULL, *x;
	int failed;

	if (!crm_db_fts5(f->db)) {
		where_like(sql, f, ts, src);
		return 0;
	}
	if (ts->match && ts->exact && (m = rare_match(f, ts, src,
	    &checks)) == NULL) {
		crm_buf_free(&checks);
		return -1;
	}
	if ((x = expanded(f->db, src->vocab, ts, ts->match != NULL,
	    &failed)) == NULL) {
		free(m);
		crm_buf_free(&checks);
		return failed ? -1 : 1;
	}
	crm_buf_adds(&q, m ? m : ts->match ? ts->match : "");
	if (*x)
		crm_buf_addf(&q, "%s%s", q.len ? " AND " : "", x);
	crm_buf_addf(sql, " WHERE %s MATCH ?%d%s", src->fts,
	    crm_filter_param(f, q.s), checks.s ? checks.s : "");
	instr_terms(sql, f, ts, src->text);
	free(m);
	free(x);
	crm_buf_free(&q);
	crm_buf_free(&checks);
	return 0;
}

/* *err (to free) says why the database failed. */
static void
db_failed(char **err)
{
	const struct crm_err *e = crm_error();

	*err = crm_xstrdup(e && e->msg ? e->msg : "the database failed");
}

/*
 * The SQL (to free) of a SELECT of the ids of the customers that match
 * words, maybe more than once, unranked, for the filter's matches
 * (expr.c), with f's parameters; NULL with *err (to free) when the words
 * are nothing to search for or the database failed.
 */
char *
crm_search_ids_sql(struct crm_filter *f, const char *words, char **err)
{
	struct crm_buf sql = { 0 };
	struct terms ts;
	size_t i, k = 0;
	int r;

	if (parse(words, &ts, err) < 0)
		return NULL;
	if (f->db && crm_search_ready(f->db) < 0) {
		terms_free(&ts);
		db_failed(err);
		return NULL;
	}
	for (i = 0; i < NSOURCES; i++) {
		struct crm_buf one = { 0 };

		crm_buf_addf(&one, "SELECT %s AS cid FROM %s",
		    who(f->db, &sources[i]), sources[i].fts);
		join(&one, f->db, &sources[i]);
		if ((r = where_terms(&one, f, &ts, &sources[i])) == 0)
			crm_buf_addf(&sql, "%s%s", k++ ? " UNION ALL " : "",
			    one.s);
		crm_buf_free(&one);
		if (r < 0) {
			crm_buf_free(&sql);
			terms_free(&ts);
			db_failed(err);
			return NULL;
		}
	}
	if (k == 0)
		crm_buf_adds(&sql, "SELECT NULL AS cid WHERE 0");
	terms_free(&ts);
	return sql.s;
}

/* The SQL (to free) of a SELECT of the rowids of src's index whose text
 * matches words, with f's parameters; NULL with *err (to free) as
 * above. */
static char *
rows_sql(struct crm_db *db, struct crm_filter *f, const struct source *src,
    const char *words, char **err)
{
	struct crm_buf sql = { 0 };
	struct terms ts;
	struct crm_db *had = f->db;
	int r;

	if (parse(words, &ts, err) < 0)
		return NULL;
	/* The interactions' index may wait for a load; the deals' never. */
	if (src == &sources[NSOURCES - 1] && crm_search_ready(db) < 0) {
		terms_free(&ts);
		db_failed(err);
		return NULL;
	}
	f->db = db;
	crm_buf_addf(&sql, "SELECT rowid FROM %s", src->fts);
	r = where_terms(&sql, f, &ts, src);
	f->db = had;
	terms_free(&ts);
	if (r < 0) {
		crm_buf_free(&sql);
		db_failed(err);
		return NULL;
	}
	if (r > 0)
		crm_buf_adds(&sql, " WHERE 0");
	return sql.s;
}

/* The ids of the interactions whose summary or resolution matches words
 * (crm-log --show --search), as rows_sql(). */
char *
crm_search_interactions_sql(struct crm_db *db, struct crm_filter *f,
    const char *words, char **err)
{
	return rows_sql(db, f, &sources[NSOURCES - 1], words, err);
}

/* The ids of the deals whose title or notes match words (a filter on
 * deals: its matches), as rows_sql(). */
char *
crm_search_deals_sql(struct crm_filter *f, const char *words, char **err)
{
	return rows_sql(f->db, f, &sources[NSOURCES - 2], words, err);
}

/*
 * The ranked search (crm_search_run): the customers found so far, an
 * open-addressed set of ids, and what to do with each new one.
 */
struct run {
	struct crm_db *db;
	struct crm_filter *f;
	const struct terms *ts;
	long long *ids;		/* 0: a free slot (ids start at 1) */
	size_t cap, n;
	long long limit;	/* 0: no limit */
	int (*each)(void *, long long, const char *);
	void *arg;
	int more;		/* another matched past the limit */
};

static size_t
slot(const struct run *r, long long id)
{
	size_t i = (size_t)((unsigned long long)id * 0x9e3779b97f4a7c15ULL >>
	    7) & (r->cap - 1);

	while (r->ids[i] && r->ids[i] != id)
		i = (i + 1) & (r->cap - 1);
	return i;
}

/* Whether id is new (and now in the set). */
static int
found(struct run *r, long long id)
{
	long long *old = r->ids;
	size_t i, cap = r->cap;

	if (2 * (r->n + 1) > r->cap) {
		r->cap = cap ? 2 * cap : 256;
		r->ids = crm_xcalloc(r->cap, sizeof *r->ids);
		for (i = 0; i < cap; i++)
			if (old[i])
				r->ids[slot(r, old[i])] = old[i];
		free(old);
	}
	i = slot(r, id);
	if (r->ids[i])
		return 0;
	r->ids[i] = id;
	r->n++;
	return 1;
}

/* Whether the run has all it wants. */
static int
done(const struct run *r)
{
	return r->more || crm_db_failed(r->db);
}

/*
 * The snippet: a row's text with its matches marked (FTS5's highlight()
 * marks the long terms, mark() the short ones), cut to a line
 * about the first match.  The marks are control characters, made
 * brackets at the end.
 */
#define MARK_OPEN	'\002'
#define MARK_CLOSE	'\003'
#define SNIP_BEFORE	24	/* characters before the first match */
#define SNIP_CHARS	72	/* characters in all, about */

/* Whether term i of ts is marked here (mark()): when highlight() marks
 * the long terms, a short one inside one of them is marked with it. */
static int
marked_here(const struct terms *ts, size_t i)
{
	size_t k;

	if (ts->exact || ts->match == NULL)
		return 1;
	if (!SHORT(ts->t[i]))
		return 0;
	for (k = 0; k < ts->n; k++)
		if (!SHORT(ts->t[k]) && strcasestr(ts->t[k], ts->t[i]))
			return 0;
	return 1;
}

/* text with every term of ts that marked_here() marked where it
 * stands outside a mark, the longest first, in any ASCII case, to
 * free. */
static char *
mark(const struct terms *ts, const char *text)
{
	struct crm_buf b = { 0 };
	const char *p;
	size_t i, len, best;
	int depth = 0;

	crm_buf_add(&b, "", 0);
	for (p = text ? text : ""; *p; ) {
		if (*p == MARK_OPEN || *p == MARK_CLOSE) {
			depth = *p == MARK_OPEN;
			crm_buf_addc(&b, *p++);
			continue;
		}
		for (i = 0, best = 0; depth == 0 && i < ts->n; i++) {
			len = strlen(ts->t[i]);
			if (marked_here(ts, i) && len > best &&
			    strncasecmp(p, ts->t[i], len) == 0)
				best = len;
		}
		if (best) {
			crm_buf_addc(&b, MARK_OPEN);
			crm_buf_add(&b, p, best);
			crm_buf_addc(&b, MARK_CLOSE);
			p += best;
		} else {
			crm_buf_addc(&b, *p++);
		}
	}
	return b.s;
}

/* The length of the UTF-8 character at s (a stray byte: 1). */
static size_t
char_len(const char *s)
{
	size_t n = 1;

	while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/*
 * text with every long term of ts marked where it stands, in any case
 * (Unicode's, crm_key_fold()), the longest first, to free: what FTS5's
 * highlight() marks on SQLite, for PostgreSQL, whose ILIKE found the
 * row in Unicode's case where mark() sees ASCII's.  A short term that
 * instr() cannot check (exact()) is in SQLite's query as the trigrams
 * that begin with it (expand()), so highlight() marks it with the
 * characters that make it a trigram: so here.  Folding keeps a
 * character one character, so the folded text is walked beside the
 * text.
 */
static char *
mark_long(const struct terms *ts, const char *text)
{
	struct crm_buf b = { 0 };
	char *low = crm_key_fold(text ? text : ""), **t;
	const char *p = text ? text : "", *q = low;
	size_t i, k, best, len;

	t = crm_xcalloc(ts->n + 1, sizeof *t);
	for (i = 0; i < ts->n; i++)
		if (!SHORT(ts->t[i]) || !exact(ts->t[i]))
			t[i] = crm_key_fold(ts->t[i]);
	crm_buf_add(&b, "", 0);
	while (*p && *q) {
		for (i = 0, best = 0; i < ts->n; i++)
			if (t[i] && strncmp(q, t[i], strlen(t[i])) == 0 &&
			    (len = chars(t[i])) > best)
				best = len < 3 ? 3 : len;
		if (best == 0) {
			len = char_len(p);
			crm_buf_add(&b, p, len);
			p += len, q += char_len(q);
			continue;
		}
		crm_buf_addc(&b, MARK_OPEN);
		for (k = 0; k < best && *q; k++) {
			crm_buf_add(&b, p, char_len(p));
			p += char_len(p), q += char_len(q);
		}
		crm_buf_addc(&b, MARK_CLOSE);
	}
	crm_buf_adds(&b, p);
	for (i = 0; i < ts->n; i++)
		free(t[i]);
	free(t);
	free(low);
	return b.s;
}

/* p moved back (n < 0) or on by up to |n| characters within [lo, hi). */
static const char *
step_chars(const char *p, long n, const char *lo, const char *hi)
{
	for (; n < 0 && p > lo; n++)
		while (--p > lo && ((unsigned char)*p & 0xc0) == 0x80)
			;
	for (; n > 0 && p < hi; n--)
		while (++p < hi && ((unsigned char)*p & 0xc0) == 0x80)
			;
	return p;
}

#define SPACE(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			    (c) == '\r')

/*
 * The snippet of marked text, to free: from a word's start a little
 * before the first mark to about SNIP_CHARS on (never in a mark's
 * middle), "..." where it was cut, on one line with one blank between
 * words, the marks as [ and ].
 */
static char *
crop(const char *text)
{
	struct crm_buf b = { 0 };
	const char *end = text + strlen(text), *m, *lo, *hi, *p;
	int open = 0;

	if ((m = strchr(text, MARK_OPEN)) == NULL)
		m = text;
	lo = step_chars(m, -SNIP_BEFORE, text, end);
	if (lo > text) {	/* from the start of a word */
		for (p = lo; p < m && !SPACE(*p); p++)
			;
		if (p < m)
			lo = p;
	}
	hi = step_chars(lo, SNIP_CHARS, lo, end);
	for (p = lo; p < hi; p++)
		open = *p == MARK_OPEN ? 1 : *p == MARK_CLOSE ? 0 : open;
	if (open && (p = strchr(hi, MARK_CLOSE)) != NULL)
		hi = p + 1;
	else if (hi < end)	/* to the end of a word, if it is near */
		for (p = hi; p < end && p < hi + 16; p++)
			if (SPACE(*p)) {
				hi = p;
				break;
			}
	while (lo < hi && SPACE(*lo))
		lo++;
	crm_buf_add(&b, "", 0);
	for (p = text; p < lo && SPACE(*p); p++)
		;
	if (p < lo)
		crm_buf_adds(&b, "...");
	for (p = lo; p < hi; p++) {
		if (SPACE(*p)) {
			while (p + 1 < hi && SPACE(p[1]))
				p++;
			if (p + 1 < hi)
				crm_buf_addc(&b, ' ');
		} else if (*p == MARK_OPEN || *p == MARK_CLOSE) {
			crm_buf_addc(&b, *p == MARK_OPEN ? '[' : ']');
		} else {
			crm_buf_addc(&b, *p);
		}
	}
	for (p = hi; p < end && SPACE(*p); p++)
		;
	if (p < end)
		crm_buf_adds(&b, "...");
	return b.s;
}

/* The SQL of a source's row's text, the long terms marked unless
 * mark() marks them. */
static void
marked_text(struct crm_buf *sql, const struct terms *ts,
    const struct source *src)
{
	if (ts->match == NULL || ts->exact)
		crm_buf_adds(sql, src->text);
	else if (src->col >= 0)
		crm_buf_addf(sql, "highlight(%s, %d, char(2), char(3))",
		    src->fts, src->col);
	else
		crm_buf_addf(sql, "coalesce(highlight(%s, 0, char(2), char(3)), "
		    "'') || char(10) || coalesce(highlight(%s, 1, char(2), "
		    "char(3)), '')", src->fts, src->fts);
}

/*
 * The rows of st (a customer's id, the text of one of their matches),
 * each customer not found before passed on, with the snippet, until the
 * run has all it wants: how many rows were read, or -1 when each failed.
 */
static long long
rows(struct run *r, struct crm_stmt *st)
{
	char *marked, *snip, *longs;
	long long id, n = 0;
	int w = 0;

	while (!done(r) && crm_step(st) == CRM_ROW) {
		n++;
		id = crm_col_int(st, 0);
		if (!found(r, id))
			continue;
		if (r->limit && (long long)r->n > r->limit) {
			r->more = 1;
			break;
		}
		if (crm_db_fts5(r->db) || r->ts->match == NULL ||
		    r->ts->exact) {
			marked = mark(r->ts, crm_col_text(st, 1));
		} else {	/* as highlight() would have */
			longs = mark_long(r->ts, crm_col_text(st, 1));
			marked = mark(r->ts, longs);
			free(longs);
		}
		snip = crop(marked);
		if (r->each(r->arg, id, snip) < 0)
			r->more = 1, w = -1;
		free(snip);
		free(marked);
	}
	return w < 0 ? -1 : n;
}

/* rows() of sql, with f's parameters. */
static long long
run_rows(struct run *r, struct crm_buf *sql)
{
	struct crm_stmt *st = crm_prepare(r->db, sql->s);
	long long n;

	crm_buf_free(sql);
	crm_filter_bind(r->f, st, 1);
	n = rows(r, st);
	crm_finalize(st);
	return crm_db_failed(r->db) ? -1 : n;
}

/*
 * PostgreSQL's pass over a source (pass() on SQLite): each customer once,
 * by the latest of their rows that hold the terms (the highest id, as
 * FTS5 hands rows out: members of one organisation by their ids), the
 * latest first.  The server reads every row a statement finds (lib/pg.c
 * reads it to its end), so with a limit the newest PROBE * (limit + 1)
 * matching rows are asked for first, the latest first: a common word
 * fills the list there, from a few hundred rows (1.3 s for one in 68,000
 * of 500,000 interactions, every match read, sorted and rechecked).
 * When it does not, every match: each customer's latest, cut to the
 * limit on the server (limit + 1 rows are all it can need, whatever
 * number of them were found before).
 */
#define PROBE	8

static int
pass_pg(struct run *r, const struct source *src)
{
	struct crm_buf sql = { 0 };
	const char *w = who(r->db, src);
	long long want = r->limit ? PROBE * (r->limit + 1) : 0, n;

	if (want) {
		crm_buf_addf(&sql, "SELECT %s, %s FROM %s", w, src->pgtext,
		    src->fts);
		join(&sql, r->db, src);
		crm_buf_addf(&sql, " JOIN customers c ON c.id = %s", w);
		where_like(&sql, r->f, r->ts, src);
		crm_buf_addf(&sql, " AND (%s) ORDER BY %s.rowid DESC, %s LIMIT "
		    "%lld", r->f->sql.s, src->fts, w, want);
		if ((n = run_rows(r, &sql)) < 0)
			return -1;
		if (done(r) || n < want)	/* all of them read */
			return 0;
	}
	crm_buf_addf(&sql, "SELECT s.cid, s.t FROM (SELECT DISTINCT ON (%s) "
	    "%s AS cid, %s.rowid AS rid, %s AS t FROM %s", w, w, src->fts,
	    src->pgtext, src->fts);
	join(&sql, r->db, src);
	where_like(&sql, r->f, r->ts, src);
	/* each customer's latest match first, then theirs of f's */
	crm_buf_addf(&sql, " ORDER BY %s, %s.rowid DESC) AS s JOIN customers "
	    "c ON c.id = s.cid WHERE (%s) ORDER BY s.rid DESC, s.cid", w,
	    src->fts, r->f->sql.s);
	if (r->limit)
		crm_buf_addf(&sql, " LIMIT %lld", r->limit + 1);
	return run_rows(r, &sql) < 0 ? -1 : 0;
}

/*
 * One pass over a source's rows that hold the terms, the latest first,
 * each customer not found before passed on, until the run has all it
 * wants.  newest > 0: only the newest that many of the index's rows (a
 * short term alone, looked for with instr()).  -1 when the database
 * failed.
 */
static int
pass(struct run *r, const struct source *src, long newest)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	int w = 0;

	if (!crm_db_fts5(r->db))
		return pass_pg(r, src);
	crm_buf_addf(&sql, "SELECT %s, ", src->who);
	marked_text(&sql, r->ts, src);
	if (newest > 0)
		crm_buf_addf(&sql, " FROM (SELECT rowid, * FROM %s ORDER BY "
		    "rowid DESC LIMIT %ld) AS %s", src->fts, newest, src->fts);
	else
		crm_buf_addf(&sql, " FROM %s", src->fts);
	join(&sql, r->db, src);
	crm_buf_addf(&sql, " CROSS JOIN customers c ON c.id = %s", src->who);
	if (newest > 0) {
		crm_buf_adds(&sql, " WHERE 1");
		instr_terms(&sql, r->f, r->ts, src->text);
	} else if ((w = where_terms(&sql, r->f, r->ts, src)) != 0) {
		crm_buf_free(&sql);
		return w < 0 ? -1 : 0;
	}
	/* then by id: an organisation's members share its row (schema
	 * 21's index of them reads them by name) */
	crm_buf_addf(&sql, " AND (%s) ORDER BY %s.rowid DESC, %s", r->f->sql.s,
	    src->fts, src->who);
	st = crm_prepare(r->db, sql.s);
	crm_buf_free(&sql);
	crm_filter_bind(r->f, st, 1);
	w = rows(r, st) < 0 ? -1 : 0;
	crm_finalize(st);
	return w < 0 || crm_db_failed(r->db) ? -1 : 0;
}

/*
 * A short term alone: the newest rows are read first, as they are (a
 * word common enough fills the list there, and reading its trigrams
 * would cost what all the rows that hold it do), then the index is asked
 * for the rest (expand()).
 */
#define NEWEST	2000

/*
 * The ranked search: each(arg, id, snippet) for every customer of f
 * ("c") whose text holds words, best first (see the top of this file),
 * at most limit of them (0: all).  How many were passed on, and *more
 * set when another matched past the limit; -1 with the error recorded
 * (bad words, the database, or each's own).
 */
long long
crm_search_run(struct crm_db *db, struct crm_filter *f, const char *words,
    long long limit, int (*each)(void *, long long, const char *),
    void *arg, int *more)
{
	struct terms ts;
	struct run r = { 0 };
	struct crm_db *had = f->db;
	char *err = NULL;
	size_t i;
	int rc = 0;

	*more = 0;
	if (parse(words, &ts, &err) < 0) {
		crm_fail_arg(CRM_EX_USAGE, "search", "%s", err);
		free(err);
		return -1;
	}
	if (crm_search_ready(db) < 0) {
		terms_free(&ts);
		return -1;
	}
	f->db = db;
	r.db = db, r.f = f, r.ts = &ts, r.limit = limit, r.each = each;
	r.arg = arg;
	for (i = 0; i < NSOURCES && rc == 0 && !done(&r); i++) {
		if (ts.match == NULL && ts.exact && limit &&
		    crm_db_fts5(db))	/* PostgreSQL's probe does it */
			rc = pass(&r, &sources[i], NEWEST);
		if (rc == 0 && !done(&r))
			rc = pass(&r, &sources[i], 0);
	}
	f->db = had;
	terms_free(&ts);
	free(r.ids);
	*more = r.more && rc == 0;
	if (rc < 0)
		return -1;
	return (long long)r.n - (r.more ? 1 : 0);
}

/*
 * An import's interactions and customers are indexed at its end, in one
 * statement each (migrate-6.sql says what it saves): crm_search_defer()
 * before its rows, crm_search_catch_up() after them, in the same
 * transaction, whatever happened between.  Errors are kept by the
 * database.
 */
void
crm_search_defer(struct crm_db *db)
{
	/* One row: an aggregate's SELECT gives its row whatever its WHERE
	 * says, so the max is a subquery's.  A load with --defer-index
	 * leaves it; the next load keeps it (its lo the first's). */
	crm_exec(db, "INSERT INTO fts_defer (lo) SELECT (SELECT "
	    "coalesce(max(id), 0) FROM interactions) WHERE NOT EXISTS "
	    "(SELECT 1 FROM fts_defer)", NULL);
}

/*
 * Does this connection see every customer?  Not a rep under row-level
 * security (PostgreSQL, crm grant: rls.sql's crm_manager() says who
 * sees all): their catch-up makes their own customers' texts, and must
 * leave the others' marks for one who sees them.
 */
static int
sees_all(struct crm_db *db)
{
	if (crm_db_fts5(db) || crm_query_int(db, 0, "SELECT "
	    "row_security_active('customers')", NULL) != 1)
		return 1;
	return crm_query_int(db, 0, "SELECT crm_manager()", NULL) == 1;
}

/*
 * The index brought up to date: the customers marked in fts_dirty (made
 * again the engine's fastest way, index_marked) and the interactions
 * above fts_defer's lo (SQLite's; PostgreSQL's index is the table's and
 * always in step: the view's insert is nothing).  How many of each in
 * *customers and *interactions.  A rep's (above) takes only their own
 * customers' marks, and fts_defer's row with the last.
 */
static void
catch_up(struct crm_db *db, long long *customers, long long *interactions)
{
	int all = sees_all(db);

	*customers = db->eng->index_marked(db);
	if (all)
		crm_exec(db, "DELETE FROM fts_dirty", NULL);
	else
		crm_exec(db, "DELETE FROM fts_dirty WHERE id IN (SELECT id "
		    "FROM customers)", NULL);
	crm_exec(db, "INSERT INTO fts_interactions (rowid, summary, "
	    "resolution) SELECT id, summary, resolution FROM "
	    "fts_interaction_text WHERE id > (SELECT min(lo) FROM fts_defer) "
	    "ORDER BY id", NULL);
	*interactions = crm_db_fts5(db) ? crm_changes(db) : 0;
	if (all)
		crm_exec(db, "DELETE FROM fts_defer", NULL);
	else
		crm_exec(db, "DELETE FROM fts_defer WHERE NOT EXISTS (SELECT 1 "
		    "FROM fts_dirty)", NULL);
}

void
crm_search_catch_up(struct crm_db *db)
{
	long long c, i;

	catch_up(db, &c, &i);
}

/*
 * Does anything wait for the index: fts_defer has its row and a
 * customer there is is marked, or (SQLite's) an interaction above its lo
 * is there?  A load that marked nothing, or whose rows an undo took
 * away, leaves the row with nothing behind it (qa21): no reason to
 * refuse a reader's search.  1, 0, or -1 (the error kept).  A rep under
 * row-level security sees their own customers' marks only, which are
 * all their search can find.
 */
static int
waiting(struct crm_db *db)
{
	int w;

	if (crm_query_int(db, 0, "SELECT count(*) FROM fts_defer", NULL) == 0)
		return crm_db_failed(db) ? -1 : 0;
	w = crm_query_int(db, 0, "SELECT EXISTS (SELECT 1 FROM fts_dirty d "
	    "JOIN customers c ON c.id = d.id)", NULL) == 1;
	if (!w && crm_db_fts5(db))
		w = crm_query_int(db, 0, "SELECT EXISTS (SELECT 1 FROM "
		    "interactions WHERE id > (SELECT min(lo) FROM fts_defer))",
		    NULL) == 1;
	return crm_db_failed(db) ? -1 : w;
}

/*
 * What a load with --defer-index left for the index (crm-add(1)): the
 * customers marked and the interactions not yet indexed; 1 when anything
 * waits, 0 when the index is up to date, -1 (the error kept).
 */
int
crm_search_behind(struct crm_db *db, long long *customers,
    long long *interactions)
{
	int w = waiting(db);

	*customers = *interactions = 0;
	if (w <= 0)
		return w;
	*customers = crm_query_int(db, 0, "SELECT count(*) FROM fts_dirty "
	    "WHERE id IN (SELECT id FROM customers)", NULL);
	if (crm_db_fts5(db))
		*interactions = crm_query_int(db, 0, "SELECT count(*) FROM "
		    "interactions WHERE id > (SELECT min(lo) FROM fts_defer)",
		    NULL);
	return crm_db_failed(db) ? -1 : 1;
}

/*
 * After a load with --defer-index, and by crm index: when nothing waits
 * (the load logged nothing new, or changed no customer), fts_defer's row
 * and any marks of customers gone are taken away, so later writes are
 * indexed as they come again.  Not by a rep (they do not see every
 * customer's marks).
 */
void
crm_search_left(struct crm_db *db)
{
	if (waiting(db) != 0 || !sees_all(db))
		return;
	crm_exec(db, "DELETE FROM fts_dirty", NULL);
	crm_exec(db, "DELETE FROM fts_defer", NULL);
}

/*
 * May this connection bring the index up to date?  Not a read-only file
 * or server; on PostgreSQL, not a login without the rights.  A rep under
 * row-level security (crm grant) may: their catch-up takes their own
 * customers' marks (catch_up), which are all their search can find
 * (waiting), and leaves the others' for those who see them.
 */
static int
may_index(struct crm_db *db)
{
	if (db->eng->readonly(db))
		return 0;
	if (crm_db_fts5(db))
		return 1;
	return crm_query_int(db, 0, "SELECT has_table_privilege("
	    "'fts_customers', 'INSERT, DELETE') AND has_table_privilege("
	    "'fts_dirty', 'DELETE') AND has_table_privilege('fts_defer', "
	    "'DELETE')", NULL) == 1;
}

/*
 * crm index, and a search that finds the index behind: the catch-up in
 * a write transaction of its own (one: a killed one leaves the marks),
 * or in the caller's when one is open (crm-segment --apply).  Two at
 * once queue on the writers' lock; the second finds nothing left.  The
 * counts in *customers and *interactions; 0, or -1 (the error kept).
 */
int
crm_search_index(struct crm_db *db, long long *customers,
    long long *interactions)
{
	int own = !db->eng->in_txn(db);

	*customers = *interactions = 0;
	if (!may_index(db))
		return crm_fail(CRM_EX_TEMPFAIL, "%s: the search index waits "
		    "for a load made with --defer-index, and this connection "
		    "may not bring it up to date: run crm index as one who "
		    "may write the database, then search again", db->path);
	if (own && crm_exec(db, "BEGIN IMMEDIATE", NULL) == CRM_FAIL)
		return -1;
	if (crm_query_int(db, 0, "SELECT count(*) FROM fts_defer", NULL) > 0)
		catch_up(db, customers, interactions);
	if (own && crm_commit(db) < 0) {
		crm_rollback(db);
		return -1;
	}
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * Before a search reads the index: a search gives the answers the index
 * built in the load would have given, so one that finds it behind
 * brings it up to date first, or refuses (75: crm index, then again).
 */
int
crm_search_ready(struct crm_db *db)
{
	long long c, i;
	int r = waiting(db);

	if (r < 0)
		return -1;
	return r ? crm_search_index(db, &c, &i) : 0;
}
