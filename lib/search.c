/*
 * search.c - full-text search over the FTS5 indexes of schema 6
 * (share/crm/migrate-6.sql): a customer's record (name, company, e-mail,
 * phone, extra fields' values, tags), their deals (titles, history
 * notes) and their interactions (summaries, resolutions).
 *
 * The indexes use the trigram tokenizer: a word matches wherever its
 * characters stand in a row's text, in any case ("valv" finds "Valve",
 * "门" "阀门" ...), Latin, Cyrillic, Chinese, Japanese or Korean alike.
 * The user's text is split into terms at blanks; "double quotes" make a
 * phrase one term; a trailing * is allowed and means nothing more (every
 * term is a substring already).  Every term is quoted as an FTS5 string
 * before it is bound, so NEAR, AND, OR, parentheses or quotes in the
 * text are searched for as they are, never obeyed.  A row matches when
 * it holds every term.  Trigrams need 3 characters: a term of 1 or 2
 * (two Chinese characters, "阀门") is looked for with instr() over the
 * text of the rows the longer terms found, or of all rows when there
 * are none (a scan).  Diacritics count: SQLite 3.40's trigram tokenizer
 * has no remove_diacritics (3.45 has), so "cafe" does not find "café".
 *
 * A customer's rank: what matched their own record first, then their
 * organisation's record, then a deal, then an interaction; within each,
 * FTS5's bm25 (its best match).
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
	int pmatch;		/* its parameter */
	int *pshort;		/* the short terms' parameters */
	size_t nshort;
};

static void
add_term(struct terms *ts, const char *s, size_t len)
{
	while (len && (s[len - 1] == '*'))
		len--;
	if (len == 0)
		return;
	ts->t = crm_xreallocarray(ts->t, ts->n + 1, sizeof *ts->t);
	ts->t[ts->n] = crm_xmalloc(len + 1);
	memcpy(ts->t[ts->n], s, len);
	ts->t[ts->n++][len] = '\0';
}

static void
terms_free(struct terms *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i]);
	free(ts->t);
	free(ts->match);
	free(ts->pshort);
	memset(ts, 0, sizeof *ts);
}

#define BLANK(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			    (c) == '\r')

/*
 * Split words into terms and make them f's parameters; -1 with *err (to
 * free) when there is nothing to look for.
 */
static int
parse(struct crm_filter *f, const char *words, struct terms *ts, char **err)
{
	struct crm_buf q = { 0 };
	const char *p = words, *e;
	size_t i;

	memset(ts, 0, sizeof *ts);
	while (*p) {
		if (BLANK(*p)) {
			p++;
		} else if (*p == '"') {
			e = strchr(p + 1, '"');
			if (e == NULL)
				e = p + strlen(p);
			add_term(ts, p + 1, (size_t)(e - p - 1));
			p = *e ? e + 1 : e;
		} else {
			for (e = p; *e && !BLANK(*e) && *e != '"'; e++)
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
		const char *s;

		if (chars(ts->t[i]) < 3) {
			ts->pshort = crm_xreallocarray(ts->pshort,
			    ts->nshort + 1, sizeof *ts->pshort);
			ts->pshort[ts->nshort++] = crm_filter_param(f,
			    ts->t[i]);
			continue;
		}
		crm_buf_adds(&q, q.len ? " \"" : "\"");
		for (s = ts->t[i]; *s; s++) {
			if (*s == '"')
				crm_buf_addc(&q, '"');
			crm_buf_addc(&q, *s);
		}
		crm_buf_addc(&q, '"');
	}
	if (q.len) {
		ts->match = crm_xstrdup(q.s);
		ts->pmatch = crm_filter_param(f, ts->match);
	}
	crm_buf_free(&q);
	return 0;
}

/*
 * One source's rows: "SELECT who, score, snippet FROM fts f JOIN ...
 * WHERE" the terms, or with ids only "SELECT who FROM"; text is the SQL
 * of the row's text (for the short terms), col the snippet's column (-1:
 * the best).
 */
static void
source(struct crm_buf *sql, const struct terms *ts, int ids, const char *who,
    int tier, const char *fts, const char *join, const char *text, int col)
{
	size_t i, ntok = 24;
	int k;

	/* A trigram a token: 24 are some words about a term, but a long
	 * one (a phrase) needs room for itself and as many about it, or
	 * its bracket closes in the middle of a word ("[delivery
	 * schedul]..."); FTS5 gives 64 at most. */
	for (i = 0; i < ts->n; i++)
		if (chars(ts->t[i]) > 12 && chars(ts->t[i]) + 24 > ntok)
			ntok = chars(ts->t[i]) + 24;
	if (ntok > 64)
		ntok = 64;
	crm_buf_addf(sql, "SELECT %s AS cid", who);
	if (ids)
		;
	else if (ts->match)
		crm_buf_addf(sql, ", %d + bm25(%s) AS score, snippet(%s, %d, "
		    "'[', ']', '...', %zu) AS snip", tier * 1000, fts, fts, col,
		    ntok);
	else {
		/* A few characters each side of the first short term. */
		k = ts->pshort[0];
		crm_buf_addf(sql, ", %d AS score, substr(%s, max(1, instr(lower("
		    "%s), lower(?%d)) - 12), min(12, instr(lower(%s), "
		    "lower(?%d)) - 1)) || '[' || substr(%s, instr(lower(%s), "
		    "lower(?%d)), length(?%d)) || ']' || substr(%s, instr("
		    "lower(%s), lower(?%d)) + length(?%d), 12) AS snip",
		    tier * 1000, text, text, k, text, k, text, text, k, k,
		    text, text, k, k);
	}
	crm_buf_addf(sql, " FROM %s%s WHERE ", fts, join);
	if (ts->match)
		crm_buf_addf(sql, "%s MATCH ?%d", fts, ts->pmatch);
	else
		crm_buf_adds(sql, "1");
	for (i = 0; i < ts->nshort; i++)
		crm_buf_addf(sql, " AND instr(lower(%s), lower(?%d)) > 0", text,
		    ts->pshort[i]);
}

#define IA_TEXT "(coalesce(fts_interactions.summary, '') || char(10) || " \
	"coalesce(fts_interactions.resolution, ''))"

/*
 * The SQL (to free) of a SELECT of rows (cid, score, snip): each customer
 * that matches words, the lower the score the better, with the snippet
 * of the best match.  The words are f's parameters.  NULL with *err (to
 * free) when the words are nothing to search for.
 */
/*
 * Is term i of ts inside another (a longer one, or an earlier one the
 * same), in any case?  Then it is bracketed with that one.
 */
static int
inside(const struct terms *ts, size_t i)
{
	size_t k;

	for (k = 0; k < ts->n; k++)
		if (k != i && (strlen(ts->t[k]) > strlen(ts->t[i]) || k < i) &&
		    strcasestr(ts->t[k], ts->t[i]))
			return 1;
	return 0;
}

/*
 * The snippet of the best match, snip, as it is shown: a record's
 * fields, joined by newlines some of which stand between empty ones, on
 * one line, a blank between them, none at either end; and every short
 * term bracketed where it stands as it was given, not only the first
 * (FTS5's snippet() brackets the long ones, source() the first short
 * one when there are none).
 */
static void
snippet(struct crm_buf *sql, const struct terms *ts)
{
	struct crm_buf e = { 0 };
	size_t i, k, j;
	char *w;
	int n;

	/* Up to 2^5 blanks in a row become one. */
	crm_buf_adds(&e, "replace(snip, char(10), ' ')");
	for (n = 0; n < 5; n++) {
		w = crm_xasprintf("replace(%s, '  ', ' ')", e.s);
		crm_buf_free(&e);
		crm_buf_adds(&e, w);
		free(w);
	}
	for (i = 0, k = 0; i < ts->n; i++) {
		if (chars(ts->t[i]) >= 3)
			continue;
		j = k++;
		if ((j == 0 && ts->match == NULL) || inside(ts, i))
			continue;
		w = crm_xasprintf("replace(%s, ?%d, '[' || ?%d || ']')", e.s,
		    ts->pshort[j], ts->pshort[j]);
		crm_buf_free(&e);
		crm_buf_adds(&e, w);
		free(w);
	}
	crm_buf_addf(sql, "trim(%s)", e.s);
	crm_buf_free(&e);
}

/* Every source's rows, one UNION ALL (source()). */
static void
sources(struct crm_buf *sql, const struct terms *ts, int ids)
{
	source(sql, ts, ids, "fts_customers.rowid", 1, "fts_customers", "",
	    "fts_customers.body", 0);
	crm_buf_adds(sql, " UNION ALL ");
	source(sql, ts, ids, "m.id", 2, "fts_customers", " JOIN customers m "
	    "ON m.org_id = fts_customers.rowid", "fts_customers.body", 0);
	crm_buf_adds(sql, " UNION ALL ");
	source(sql, ts, ids, "d.customer_id", 3, "fts_deals", " JOIN deals d "
	    "ON d.id = fts_deals.rowid", "fts_deals.body", 0);
	crm_buf_adds(sql, " UNION ALL ");
	source(sql, ts, ids, "i.customer_id", 4, "fts_interactions", " JOIN "
	    "interactions i ON i.id = fts_interactions.rowid", IA_TEXT, -1);
}

char *
crm_search_sql(struct crm_filter *f, const char *words, char **err)
{
	struct crm_buf sql = { 0 };
	struct terms ts;

	if (parse(f, words, &ts, err) < 0) {
		terms_free(&ts);
		return NULL;
	}
	crm_buf_adds(&sql, "SELECT cid, min(score) AS score, ");
	snippet(&sql, &ts);
	crm_buf_adds(&sql, " AS snip FROM (");
	sources(&sql, &ts, 0);
	crm_buf_adds(&sql, ") GROUP BY cid");
	terms_free(&ts);
	return sql.s;
}

/*
 * The SQL (to free) of a SELECT of rows (cid): the ids of the customers
 * that match words, maybe more than once, unranked, for the filter's
 * matches (expr.c): no bm25, no snippet ("tier = gold and matches valve"
 * over 200,000 interactions: 0.17 s with them, 0.03 s without).  NULL
 * with *err as above.
 */
char *
crm_search_ids_sql(struct crm_filter *f, const char *words, char **err)
{
	struct crm_buf sql = { 0 };
	struct terms ts;

	if (parse(f, words, &ts, err) < 0) {
		terms_free(&ts);
		return NULL;
	}
	sources(&sql, &ts, 1);
	terms_free(&ts);
	return sql.s;
}

/*
 * The SQL (to free) of a SELECT of the ids of the interactions whose
 * summary or resolution matches words, which become f's parameters;
 * NULL with *err (to free) as above.
 */
char *
crm_search_interactions_sql(struct crm_filter *f, const char *words,
    char **err)
{
	struct crm_buf sql = { 0 };
	struct terms ts;
	size_t i;

	if (parse(f, words, &ts, err) < 0) {
		terms_free(&ts);
		return NULL;
	}
	crm_buf_adds(&sql, "SELECT rowid FROM fts_interactions WHERE ");
	if (ts.match)
		crm_buf_addf(&sql, "fts_interactions MATCH ?%d", ts.pmatch);
	else
		crm_buf_adds(&sql, "1");
	for (i = 0; i < ts.nshort; i++)
		crm_buf_addf(&sql, " AND instr(lower(" IA_TEXT "), lower(?%d)) "
		    "> 0", ts.pshort[i]);
	terms_free(&ts);
	return sql.s;
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
	crm_exec(db, "INSERT INTO fts_defer (lo) SELECT coalesce(max(id), 0) "
	    "FROM interactions WHERE NOT EXISTS (SELECT 1 FROM fts_defer)",
	    NULL);
}

void
crm_search_catch_up(struct crm_db *db)
{
	crm_exec(db, "DELETE FROM fts_customers WHERE rowid IN (SELECT id "
	    "FROM fts_dirty)", NULL);
	crm_exec(db, "INSERT INTO fts_customers (rowid, body) SELECT id, body "
	    "FROM fts_customer_text WHERE id IN (SELECT id FROM fts_dirty)",
	    NULL);
	crm_exec(db, "DELETE FROM fts_dirty", NULL);
	crm_exec(db, "INSERT INTO fts_interactions (rowid, summary, "
	    "resolution) SELECT id, summary, resolution FROM interactions "
	    "WHERE id > (SELECT min(lo) FROM fts_defer) ORDER BY id", NULL);
	crm_exec(db, "DELETE FROM fts_defer", NULL);
}
