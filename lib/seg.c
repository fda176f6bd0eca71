/*
 * seg.c - segments: the customers a filter selects, printed with the
 * columns asked for, counted, grouped, sampled, or scored by a value
 * model (RFM, 80/20 ABC classes, revenue tiers), and the model's verdict
 * written back.
 *
 * Every query is one statement over the filter's WHERE clause, so the
 * work happens inside SQLite in a single pass and the program's memory
 * does not grow with the number of interactions.  Amounts stay integers
 * (minor units) until they are printed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The columns "-f all" prints, then every extra field. */
static const char *const all_columns[] = {
	"id", "external_id", "name", "company", "email", "phone", "industry",
	"tier", "owner", "status", "created", "updated", "tags",
};

/*
 * And then, in a database with organisations (or roles), what a row is,
 * a person's organisation and role, and an organisation's domain: at the
 * end, so that a database without them prints what it always did.
 */
static const char *const org_columns[] = { "type", "org", "role", "domain" };

static void
add_name(char ***names, size_t *n, const char *name)
{
	*names = crm_xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[(*n)++] = crm_xstrdup(name);
}

/*
 * A customer's other keys as columns: "emails" and "other_ids" (ids
 * from no named system), and "id:SYSTEM" for each system's ids; several
 * values are joined with ", ".  Which identity rows a name stands for.
 */
static int
identity_column(const char *name, const char **source)
{
	if (strcmp(name, "emails") == 0 || strcmp(name, "other_ids") == 0) {
		if (source)
			*source = name[0] == 'e' ? NULL : "";
		return 1;
	}
	if (strncmp(name, "id:", 3) == 0 && name[3]) {
		if (source)
			*source = name + 3;
		return 1;
	}
	return 0;
}

/* -f all: the identity columns there are rows for, after the tags. */
static void
add_identity_columns(struct crm_db *db, char ***names, size_t *n)
{
	struct crm_stmt *st;
	char *name;

	st = crm_prepare(db, "SELECT DISTINCT CASE WHEN kind = 'email' THEN "
	    "'emails' WHEN source = '' THEN 'other_ids' ELSE 'id:' || source "
	    "END FROM identities ORDER BY 1");
	while (crm_step(st) == CRM_ROW) {
		name = (char *)crm_col_text(st, 0);
		add_name(names, n, name);
	}
	crm_finalize(st);
}


/*
 * The fields list: "all", or names checked against what there is.  NULL
 * for an empty list or a name that is no column.
 */
static char **
columns(struct crm_db *db, const char *list, int vcard, size_t *n)
{
	struct crm_stmt *st;
	char **names;
	size_t i;

	if (!crm_fields_all(list)) {
		names = crm_split_list(list, n);
		if (*n == 0) {
			crm_free_list(names, *n);
			crm_fail_arg(CRM_EX_USAGE, "fields", "no fields given");
			return NULL;
		}
		for (i = 0; i < *n; i++)
			if (strcmp(names[i], "tags") != 0 &&
			    !identity_column(names[i], NULL) &&
			    !crm_filter_known(db, names[i]) &&
			    crm_filter_absent(db, names[i], "fields") < 0) {
				crm_free_list(names, *n);
				return NULL;
			}
		return names;
	}
	names = NULL, *n = 0;
	for (i = 0; i < sizeof all_columns / sizeof all_columns[0]; i++)
		add_name(&names, n, all_columns[i]);
	add_identity_columns(db, &names, n);
	st = crm_prepare(db, "SELECT DISTINCT key FROM customer_fields "
	    "ORDER BY key");
	while (crm_step(st) == CRM_ROW)
		add_name(&names, n, crm_col_text(st, 0));
	crm_finalize(st);
	/* A card's ORG is read back as its link unless X-CRM-ORG says
	 * another or none: a vCard says it for a company that is only text
	 * (crm-add -c) in a database with no organisation yet too. */
	if (crm_query_int(db, 0, "SELECT 1 FROM customers WHERE type = 'org' "
	    "OR role IS NOT NULL OR (?1 = 1 AND company <> '') LIMIT 1", "i",
	    (long long)vcard))
		for (i = 0; i < sizeof org_columns / sizeof org_columns[0]; i++)
			add_name(&names, n, org_columns[i]);
	return names;
}

/*
 * One output column's SQL, for the filter's customers (people, or
 * organisations with their figures rolled up); extra fields' names
 * become parameters.
 */
static void
column_sql(struct crm_buf *sql, struct crm_filter *f, const char *name)
{
	const char *source;
	char *frag;

	if (strcmp(name, "tags") == 0) {
		crm_buf_adds(sql, "(SELECT group_concat(tag, ',') FROM (SELECT "
		    "tag FROM tags WHERE customer_id = c.id ORDER BY tag))");
	} else if (identity_column(name, &source) && source == NULL) {
		crm_buf_adds(sql, "(SELECT group_concat(value, ', ') FROM "
		    "(SELECT value FROM identities WHERE customer_id = c.id AND "
		    "kind = 'email' ORDER BY value))");
	} else if (identity_column(name, &source)) {
		crm_buf_addf(sql, "(SELECT group_concat(value, ', ') FROM "
		    "(SELECT value FROM identities WHERE customer_id = c.id AND "
		    "kind = 'id' AND source = ?%d ORDER BY value))",
		    crm_filter_param(f, source));
	} else {
		frag = crm_filter_printed(f, name);
		crm_buf_adds(sql, frag);
		free(frag);
	}
}

static void
select_list(struct crm_buf *sql, struct crm_filter *f, char **names,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		crm_buf_adds(sql, i ? ", " : "");
		column_sql(sql, f, names[i]);
	}
}

/* The statement, bound, ready to step; NULL when the database failed. */
static struct crm_stmt *
prepared(struct crm_db *db, struct crm_buf *sql, const struct crm_filter *f)
{
	struct crm_stmt *st = crm_prepare(db, sql->s);

	crm_filter_bind(f, st, 1);
	return st;
}

/* Whether any of the columns names people (crm_names_people). */
static int
names_people(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (crm_names_people(names[i]))
			return 1;
	return 0;
}

/*
 * Print the statement and record the export: customers that leave the
 * database are in the audit trail, with what the caller says decides
 * which and what of them (s->audit_what: enough to run the export
 * again).  An export that failed is not recorded, nor one that told
 * nothing about anyone: no rows, or only what kind of customers (owner,
 * tier: what shell completion asks for).
 */
static int
run(struct crm_db *db, struct crm_seg *s, struct crm_buf *sql,
    struct crm_filter *f, char **names, size_t n)
{
	struct crm_out *out;
	struct crm_stmt *st;
	long long rows = -1;

	if ((st = prepared(db, sql, f)) == NULL)
		return -1;
	out = crm_out_new(stdout, s->fmt);
	if (s->spreadsheet)
		crm_out_spreadsheet(out);
	if (crm_out_header(out, (const char *const *)names, n) == 0)
		rows = crm_out_stmt(out, st);
	crm_finalize(st);
	if (crm_out_end(out) < 0 || rows < 0)
		return -1;
	if (rows > 0 && names_people(names, n))
		crm_audit_export(db, s->audit_what ? s->audit_what :
		    "segment", rows);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * " WHERE" and the selection: the filter's customers, or with --sample
 * the N of them first in a seeded shuffle.
 */
static void
where(struct crm_buf *sql, const struct crm_seg *s, struct crm_filter *f)
{
	crm_buf_addf(sql, " WHERE %s", f->sql.s);
	if (s->sample > 0)
		crm_buf_addf(sql, " AND c.id IN (SELECT c.id FROM customers c "
		    "WHERE %s ORDER BY crm_sample(?%d, c.id) LIMIT ?%d)",
		    f->sql.s, crm_filter_param_int(f, s->seed),
		    crm_filter_param_int(f, s->sample));
}

/* --search's rows as they are found: each customer's columns in turn. */
struct hits {
	struct crm_out *out;
	const char *const *cols;	/* the header, */
	size_t ncols;			/* written before the first row */
	struct crm_stmt *st;	/* the columns of customer ?id */
	int snip, rank, id;	/* its parameters */
	long long n;
};

static int
hit(void *arg, long long id, const char *snip)
{
	struct hits *h = arg;

	if (h->n == 0 && crm_out_header(h->out, h->cols, h->ncols) < 0)
		return -1;
	crm_reset(h->st);
	crm_bind_text(h->st, h->snip, snip);
	crm_bind_int(h->st, h->rank, ++h->n);
	crm_bind_int(h->st, h->id, id);
	return crm_out_stmt(h->out, h->st) < 0 ? -1 : 0;
}

/* A search's best so many, unless told (crm-segment(1), Searching). */
#define SEARCH_LIMIT	20

/*
 * --search: the customers that match the words, best first, with the
 * snippet of their best match and their place (rank, from 1); the best
 * SEARCH_LIMIT unless s->limit says, and a note when more match.
 */
static int
searched(struct crm_db *db, struct crm_seg *s, struct crm_filter *f,
    char **names, size_t n)
{
	struct crm_buf sql = { 0 };
	struct hits h = { 0 };
	char **cols, num[32];
	long long limit = s->limit < 0 ? SEARCH_LIMIT : s->limit, found;
	int more = 0;

	cols = crm_xreallocarray(NULL, n + 2, sizeof *cols);
	if (n)
		memcpy(cols, names, n * sizeof *names);
	cols[n] = (char *)"snippet", cols[n + 1] = (char *)"rank";
	crm_buf_adds(&sql, "SELECT ");
	select_list(&sql, f, names, n);
	h.snip = crm_filter_param(f, "");
	h.rank = crm_filter_param_int(f, 0);
	h.id = crm_filter_param_int(f, 0);
	/* the rank an integer on PostgreSQL too, which types a bare ? text */
	crm_buf_addf(&sql, "%s?%d, CAST(?%d AS INTEGER) FROM customers c "
	    "WHERE c.id = ?%d",
	    n ? ", " : "", h.snip, h.rank, h.id);
	h.st = prepared(db, &sql, f);
	crm_buf_free(&sql);
	h.out = crm_out_new(stdout, s->fmt);
	if (s->spreadsheet)
		crm_out_spreadsheet(h.out);
	h.cols = (const char *const *)cols, h.ncols = n + 2;
	found = -1;
	if (h.st)	/* the header with the first row: none if it fails */
		found = crm_search_run(db, f, s->search, limit, hit, &h, &more);
	if (found == 0)
		crm_out_header(h.out, h.cols, h.ncols);
	crm_finalize(h.st);
	free(cols);
	if (crm_out_end(h.out) < 0 || found < 0)
		return -1;
	if (more)
		crm_warn("the best %s shown; more match ({limit} N for more, "
		    "0 for all)", crm_fmt_count(found, num));
	if (found > 0 && names_people(names, n))
		crm_audit_export(db, s->audit_what ? s->audit_what :
		    "segment", found);
	return crm_db_failed(db) ? -1 : 0;
}

static int
list(struct crm_db *db, struct crm_seg *s, struct crm_filter *f, char **names,
    size_t n)
{
	struct crm_buf sql = { 0 };
	int r;

	if (s->search)
		return searched(db, s, f, names, n);
	crm_buf_adds(&sql, "SELECT ");
	select_list(&sql, f, names, n);
	crm_buf_adds(&sql, " FROM customers c");
	where(&sql, s, f);
	crm_buf_adds(&sql, " ORDER BY c.id");
	if (s->limit > 0)
		crm_buf_addf(&sql, " LIMIT ?%d",
		    crm_filter_param_int(f, s->limit));
	r = run(db, s, &sql, f, names, n);
	crm_buf_free(&sql);
	return r;
}

static int
count(struct crm_db *db, struct crm_seg *s, struct crm_filter *f)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;

	crm_buf_adds(&sql, "SELECT count(*) FROM customers c");
	where(&sql, s, f);
	st = prepared(db, &sql, f);
	if (crm_step(st) == CRM_ROW)
		printf("%lld\n", crm_col_int(st, 0));
	crm_finalize(st);
	crm_buf_free(&sql);
	return crm_db_failed(db) ? -1 : 0;
}

/* By a field: customers and net revenue per value. */
static int
by(struct crm_db *db, struct crm_seg *s, struct crm_filter *f)
{
	const char *names[] = { s->by, "customers", "revenue" };
	struct crm_buf sql = { 0 };
	char *rev;
	int money, r;

	if (strcmp(s->by, "tags") != 0 && !crm_filter_known(db, s->by) &&
	    crm_filter_absent(db, s->by, "by") < 0)
		return -1;
	crm_buf_adds(&sql, "SELECT v, count(*), " CRM_SQL_MONEY("sum(rev)") " FROM "
	    "(SELECT ");
	column_sql(&sql, f, s->by);
	rev = crm_filter_column(f, "revenue", &money);
	crm_buf_addf(&sql, " AS v, %s AS rev FROM customers c", rev);
	free(rev);
	where(&sql, s, f);
	/* None first, as SQLite sorts NULL (PostgreSQL sorts it last). */
	crm_buf_adds(&sql, ") GROUP BY v ORDER BY count(*) DESC, v IS NOT "
	    "NULL, v");
	r = run(db, s, &sql, f, (char **)names, 3);
	crm_buf_free(&sql);
	return r;
}

/*
 * A model's customers are ordered in C (model.c): the columns printed
 * beside its figures are looked up by id, BATCH customers at a time, as
 * the rows are printed.  One statement over them all would sort the
 * million rows again; one a customer would cost a round trip each on
 * PostgreSQL.
 */
#define BATCH	256
#define NONE	((size_t)-1)	/* a NULL value */

struct batch {
	struct crm_stmt *st;	/* c.id and the columns, of ?param[...] */
	int param[BATCH];
	size_t ncols;		/* the columns looked up (all but id) */
	size_t n;		/* customers in the batch */
	struct slot {
		long long id;
		size_t k;	/* its place in the batch */
	} slot[BATCH];		/* by id */
	size_t *at;		/* n x ncols: the values' offsets in text */
	char *type;		/* n x ncols: 'n' or 's' */
	struct crm_buf text;
};

/* The statement that looks up the columns other than id; 0, or -1. */
static int
batch_prepare(struct crm_db *db, struct crm_filter *f, char **names,
    size_t n, struct batch *b)
{
	struct crm_buf sql = { 0 };
	size_t i;

	crm_buf_adds(&sql, "SELECT c.id");
	for (i = 0; i < n; i++)
		if (strcmp(names[i], "id") != 0) {
			crm_buf_adds(&sql, ", ");
			column_sql(&sql, f, names[i]);
			b->ncols++;
		}
	crm_buf_adds(&sql, " FROM customers c WHERE c.id IN (");
	for (i = 0; i < BATCH; i++) {
		b->param[i] = crm_filter_param_int(f, 0);
		crm_buf_addf(&sql, "%s?%d", i ? ", " : "", b->param[i]);
	}
	crm_buf_adds(&sql, ")");
	if (b->ncols)
		b->st = prepared(db, &sql, f);
	crm_buf_free(&sql);
	b->at = crm_xreallocarray(NULL, BATCH * (b->ncols + 1), sizeof *b->at);
	b->type = crm_xcalloc(BATCH * (b->ncols + 1), 1);
	return b->ncols && b->st == NULL ? -1 : 0;
}

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Where the customer id is in the batch, or NONE. */
static size_t
slot_of(const struct batch *b, long long id)
{
	struct slot key = { id, 0 }, *s;

	s = bsearch(&key, b->slot, b->n, sizeof *b->slot, slot_cmp);
	return s ? s->k : NONE;
}

/* One looked-up row's columns into the batch. */
static void
batch_keep(struct batch *b, size_t k)
{
	size_t j, *at = b->at + k * b->ncols;
	int t;

	for (j = 0; j < b->ncols; j++) {
		t = crm_col_type(b->st, (int)j + 1);
		b->type[k * b->ncols + j] = t == CRM_INT || t == CRM_REAL ?
		    'n' : 's';
		if (t == CRM_NULL)
			continue;
		at[j] = b->text.len;
		crm_buf_adds(&b->text, crm_col_text(b->st, (int)j + 1));
		crm_buf_add(&b->text, "", 1);
	}
}

/*
 * The columns of the batch's customers (slot[k].id for k < n); 0, or -1.
 * A customer not found (none can be, in the snapshot) has none.
 */
static int
batch_load(struct batch *b)
{
	size_t i, k;
	int rc;

	for (i = 0; i < b->n * b->ncols; i++)
		b->at[i] = NONE, b->type[i] = 's';
	if (b->st == NULL)
		return 0;
	crm_reset(b->st);
	/* the ids past the batch's end repeat its first: IN is a set */
	for (i = 0; i < BATCH; i++)
		crm_bind_int(b->st, b->param[i], b->slot[i < b->n ? i : 0].id);
	qsort(b->slot, b->n, sizeof *b->slot, slot_cmp);
	crm_buf_reset(&b->text);
	while ((rc = crm_step(b->st)) == CRM_ROW)
		if ((k = slot_of(b, crm_col_int(b->st, 0))) != NONE)
			batch_keep(b, k);
	return rc == CRM_DONE ? 0 : -1;
}

/* Row k of the batch: the columns names asks for, id as the model has it. */
static void
batch_row(const struct batch *b, size_t k, char **names, size_t n,
    const char *id, const char **vals, char *types)
{
	size_t i, j = 0, at;

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "id") == 0) {
			vals[i] = id, types[i] = 'n';
			continue;
		}
		at = b->at[k * b->ncols + j];
		vals[i] = at == NONE ? NULL : b->text.s + at;
		types[i] = b->type[k * b->ncols + j++];
	}
}

static void
batch_free(struct batch *b)
{
	crm_finalize(b->st);
	free(b->at);
	free(b->type);
	crm_buf_free(&b->text);
}

/* Where a model's rows go, one at a time: 0, or -1 to stop. */
typedef int (*model_each)(void *arg, const char *const *vals,
    const char *types);

/*
 * Each of the model's rows in order, the columns names asks for and then
 * the model's (nm of them), to each(): how many, or -1.
 */
static long long
model_rows(struct crm_db *db, struct crm_filter *f, struct crm_model *m,
    char **names, size_t n, size_t nm, model_each each, void *arg)
{
	struct batch b = { 0 };
	const char **vals = crm_xcalloc(n + nm, sizeof *vals);
	char *types = crm_xcalloc(n + nm, 1), idbuf[BATCH][24];
	size_t rows = crm_model_size(m), i, k;
	int r = batch_prepare(db, f, names, n, &b);

	for (i = 0; r == 0 && i < rows; i += b.n) {
		b.n = rows - i < BATCH ? rows - i : BATCH;
		for (k = 0; k < b.n; k++) {
			b.slot[k].id = crm_model_id(m, i + k);
			b.slot[k].k = k;
			crm_fmt_int(b.slot[k].id, idbuf[k]);
		}
		r = batch_load(&b);
		for (k = 0; r == 0 && k < b.n; k++) {
			batch_row(&b, k, names, n, idbuf[k], vals, types);
			crm_model_row(m, i + k, vals + n, types + n);
			r = each(arg, vals, types);
		}
	}
	batch_free(&b);
	free(vals);
	free(types);
	return r < 0 || crm_db_failed(db) ? -1 : (long long)rows;
}

static int
print_row(void *arg, const char *const *vals, const char *types)
{
	return crm_out_row(arg, vals, types);
}

/* The model's rows printed: how many, or -1. */
static long long
shown(struct crm_db *db, struct crm_seg *s, struct crm_filter *f,
    struct crm_model *m, char **names, size_t n, size_t nm)
{
	struct crm_out *out = crm_out_new(stdout, s->fmt);
	long long rows = -1;

	if (s->spreadsheet)
		crm_out_spreadsheet(out);
	if (crm_out_header(out, (const char *const *)names, n + nm) == 0)
		rows = model_rows(db, f, m, names, n, nm, print_row, out);
	if (crm_out_end(out) < 0)
		return -1;
	return rows;
}

/*
 * Highest amount first, so that the first tier reached is the highest;
 * equal amounts in the order given (qsort is not stable).
 */
static int
tier_cmp(const void *a, const void *b)
{
	const struct crm_tier *x = a, *y = b;

	if (x->min != y->min)
		return x->min < y->min ? 1 : -1;
	return x->given < y->given ? -1 : x->given > y->given;
}

/*
 * "gold=20000,platinum=100000": the tiers, highest amount first; NULL
 * for one that is not NAME=AMOUNT or two at the same amount.
 */
static struct crm_tier *
parse_tiers(char **t, size_t nt)
{
	struct crm_tier *v = crm_xcalloc(nt, sizeof *v);
	char *eq;
	size_t i;

	for (i = 0; i < nt; i++) {
		if ((eq = strchr(t[i], '=')) == NULL || eq == t[i] ||
		    crm_parse_money(crm_trim(eq + 1), &v[i].min) < 0) {
			crm_fail_arg(CRM_EX_USAGE, "tiers", "'%s' is not "
			    "NAME=AMOUNT", t[i]);
			free(v);
			return NULL;
		}
		*eq = '\0';
		v[i].name = crm_trim(t[i]);
		v[i].given = i;
	}
	qsort(v, nt, sizeof *v, tier_cmp);
	for (i = 1; i < nt; i++)
		if (v[i].min == v[i - 1].min) {
			crm_fail_arg(CRM_EX_USAGE, "tiers", "'%s' and '%s' "
			    "have the same amount", v[i - 1].name, v[i].name);
			free(v);
			return NULL;
		}
	return v;
}

/* The tiers spec names, in *t (to free) and *v; 0, or -1. */
static int
tiers_of(const char *spec, char ***t, size_t *nt, struct crm_tier **v)
{
	*t = crm_split_list(spec, nt);
	*v = NULL;
	if (*nt == 0 || (*v = parse_tiers(*t, *nt)) == NULL) {
		if (*nt == 0)
			crm_fail_arg(CRM_EX_USAGE, "tiers", "no tiers given");
		crm_free_list(*t, *nt);
		*t = NULL;
		return -1;
	}
	return 0;
}

static char **
model_names(char **names, size_t *n, const char *const *extra, size_t nx)
{
	size_t i;

	names = crm_xreallocarray(names, *n + nx, sizeof *names);
	for (i = 0; i < nx; i++)
		names[(*n)++] = crm_xstrdup(extra[i]);
	return names;
}

struct change {
	long long id;
	char *name, *value;
};

/* The model's verdicts (id, name, then the value at col), read in full
 * before anything is written. */
struct verdicts {
	struct change *v;
	size_t n, cap, col;
};

static int
verdict(void *arg, const char *const *vals, const char *types)
{
	struct verdicts *vs = arg;
	struct change *c;

	(void)types;
	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 64;
		vs->v = crm_xreallocarray(vs->v, vs->cap, sizeof *vs->v);
	}
	c = &vs->v[vs->n++];
	c->id = strtoll(vals[0], NULL, 10);
	c->name = crm_xstrdup(vals[1] ? vals[1] : "");
	c->value = crm_xstrdup(vals[vs->col] ? vals[vs->col] : "");
	return 0;
}

/*
 * Apply: write the model's last column into the tier (tiers) or into
 * the extra field s->apply_field names, for the customers whose value
 * changes, each change audited, and print those changes.  The caller
 * holds the transaction, and rolls it back when this fails.
 */
static int
apply(struct crm_db *db, struct crm_seg *s, struct crm_filter *f,
    struct crm_model *m, char **names, size_t nm)
{
	static const char *const cols[] = { "id", "name", "old", "new" };
	struct verdicts vs = { .col = 2 + nm - 1 };
	struct crm_out *out;
	struct crm_cust c = { 0 };
	const char *vals[4];
	char *old, idbuf[32];
	size_t i, changed = 0;
	int r;

	r = model_rows(db, f, m, names, 2, nm, verdict, &vs) < 0 ? -1 : 0;
	out = crm_out_new(stdout, s->fmt);
	/* A verdict read in part, or a value not read, is no verdict. */
	if (r == 0)
		r = crm_out_header(out, cols, 4);
	for (i = 0; i < vs.n; i++) {
		old = r < 0 ? NULL : s->apply_field ? crm_query_text(db,
		    "SELECT value FROM customer_fields WHERE customer_id = ? "
		    "AND key = ?", "is", vs.v[i].id, s->apply_field) :
		    crm_query_text(db, "SELECT tier FROM customers WHERE id = "
		    "?", "i", vs.v[i].id);
		if (crm_db_failed(db))
			r = -1;
		if (r == 0 && strcmp(old ? old : "", vs.v[i].value) != 0) {
			if (s->apply_field)
				crm_cust_field(&c, s->apply_field,
				    vs.v[i].value);
			else
				crm_cust_set(&c, CRM_C_TIER, vs.v[i].value);
			crm_cust_update(db, vs.v[i].id, &c, 0);
			crm_cust_free(&c);
			snprintf(idbuf, sizeof idbuf, "%lld", vs.v[i].id);
			vals[0] = idbuf, vals[1] = vs.v[i].name;
			vals[2] = old ? old : "", vals[3] = vs.v[i].value;
			if (crm_db_failed(db) ||
			    crm_out_row(out, vals, "nsss") < 0)
				r = -1;
			changed++;
		}
		free(old);
		free(vs.v[i].name);
		free(vs.v[i].value);
	}
	free(vs.v);
	if (crm_out_end(out) < 0 || r < 0)
		return -1;
	fflush(stdout);		/* the table before the summary */
	fprintf(stderr, "%zu customer%s changed\n", changed,
	    changed == 1 ? "" : "s");
	return 0;
}

/*
 * A model's rows printed, in a snapshot (the figures and the columns
 * are read by more than one statement), and recorded as an export.
 */
static int
model_shown(struct crm_db *db, struct crm_seg *s, struct crm_filter *f,
    enum crm_model_kind kind, const struct crm_tier *tiers, size_t nt,
    char **names, size_t n, size_t nm)
{
	struct crm_model *m;
	long long rows = -1;

	if (crm_exec(db, "BEGIN DEFERRED", NULL) == CRM_FAIL)
		return -1;
	if ((m = crm_model_new(db, f, kind, tiers, nt)) != NULL)
		rows = shown(db, s, f, m, names, n, nm);
	crm_model_free(m);
	if (rows < 0 || crm_exec(db, "COMMIT", NULL) == CRM_FAIL) {
		crm_rollback(db);
		return -1;
	}
	if (rows > 0 && names_people(names, n + nm))
		crm_audit_export(db, s->audit_what ? s->audit_what :
		    "segment", rows);
	return crm_db_failed(db) ? -1 : 0;
}

/* The model s asks for, its columns' names and the tiers; -1 for none. */
static int
model_of(const struct crm_seg *s, const char *const **cols, size_t *nc)
{
	static const char *const rfm_cols[] = { "recency_days", "frequency",
	    "monetary", "r", "f", "m", "rfm", "segment" };
	static const char *const pareto_cols[] = { "revenue", "share",
	    "cumulative_share", "class" };
	static const char *const tier_cols[] = { "revenue", "new_tier" };

	if (s->rfm)
		*cols = rfm_cols, *nc = 8;
	else if (s->pareto)
		*cols = pareto_cols, *nc = 4;
	else if (s->tiers)
		*cols = tier_cols, *nc = 2;
	else
		return -1;
	return s->rfm ? CRM_MODEL_RFM : s->pareto ? CRM_MODEL_PARETO :
	    CRM_MODEL_TIERS;
}

/*
 * The customers s->fields names, listed, or with a model's figures and
 * verdict, printed or applied.
 */
static int
modelled(struct crm_db *db, struct crm_seg *s, struct crm_filter *f)
{
	const char *const *cols = NULL;
	struct crm_tier *tiers = NULL;
	struct crm_model *m;
	char **names, **t = NULL;
	size_t n, nc = 0, nt = 0;
	int kind = model_of(s, &cols, &nc), r;

	names = columns(db, s->apply ? "id,name" : s->fields,
	    s->fmt == CRM_FMT_VCARD, &n);
	if (names == NULL)
		return -1;
	if (s->tiers && tiers_of(s->tiers, &t, &nt, &tiers) < 0) {
		r = -1;
	} else if (kind < 0) {
		r = list(db, s, f, names, n);
	} else if (!s->apply) {
		names = model_names(names, &n, cols, nc);
		r = model_shown(db, s, f, kind, tiers, nt, names, n - nc, nc);
	} else {
		names = model_names(names, &n, cols, nc);
		m = crm_model_new(db, f, kind, tiers, nt);
		r = m ? apply(db, s, f, m, names, nc) : -1;
		crm_model_free(m);
	}
	crm_free_list(names, n);
	free(tiers);
	if (t)
		crm_free_list(t, nt);
	return r;
}

/* Run the segment s describes: 0, or -1 with the error recorded. */
int
crm_segment(struct crm_db *db, struct crm_seg *s)
{
	struct crm_filter f;
	char *err;
	int r;

	if (crm_filter_compile_scope(db, s->expr ? s->expr : "", s->window,
	    NULL, s->orgs ? CRM_SCOPE_ORGS : CRM_SCOPE_PEOPLE, &f, &err) < 0) {
		crm_fail(CRM_EX_USAGE, "expression: %s", err);
		free(err);
		return -1;
	}
	if (s->count)
		r = count(db, s, &f);
	else if (s->by)
		r = by(db, s, &f);
	else
		r = modelled(db, s, &f);
	crm_filter_free(&f);
	return r;
}
