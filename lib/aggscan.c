/*
 * aggscan.c - an import's catch-up into an empty interactions table
 * (agg.c's crm_agg_catch_up) adds up cust_totals, cust_periods,
 * cust_years, cust_orders and cust_split here, in C, in one pass over
 * the rows sorted once, rather than in one grouped INSERT ... SELECT a
 * table: SQLite's aggregate functions cost some 500 instructions a row
 * each (a call, a copy of the value, an aggregate context a group), and
 * the five passes had 50 of them a row and five sorts of every row:
 * bench/README.md (*The catch-up in C*).
 *
 * The figures are agg.c's SQL's (TOTALS_OF ... SPLIT_OF) to the byte:
 * min() and max() of text compare as SQLite's BINARY collation does,
 * the months and years are SQLite's own substr() of each row, sums of
 * integers are exact or not made: a sum that would overflow (SQLite's
 * sum() fails there) or a return of the least integer (whose abs()
 * fails) makes crm_agg_scan give up, and the caller runs the SQL.
 *
 * The rows come sorted by customer, then ref, then time: a customer's
 * figures are complete at the next customer, and a ref's purchases are
 * together, in time order, so its distinct months are told by the month
 * changing (what the SQL's count(DISTINCT) did with a table a group).
 * Memory is a customer's months and years, not their rows.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* A text value of a figure: NULL, or len bytes. */
struct txt {
	char *s;
	size_t len, cap;
	int null;
};

/* What cust_totals and cust_periods keep (a period has no first_at nor
 * first_purchase). */
struct figs {
	long long n, purchases, units, revenue, returns, complaints, open,
	    rating_sum, rating_n;
	struct txt first_at, last_at, first_purchase, last_purchase;
};

/* A month's or a year's figures, by key. */
struct slot {
	struct txt key;
	struct figs f;
	long long orders;	/* years: distinct month and ref, and the
				 * purchases without a ref */
};

struct slots {
	struct slot *v;
	size_t n, cap;
};

struct scan {
	struct crm_db *db;
	long long customer;
	struct figs tot;
	struct slots months, years;
	long long purchases, refs, split;	/* cust_orders, cust_split */
	struct txt ref, ref_month;	/* the ref being read, and the
					 * month of its last purchase */
	long long ref_months;	/* its purchases' distinct months */
	int overflow;		/* a sum SQLite would have failed */
};

static void
txt_set(struct txt *t, const char *s, size_t len)
{
	if (s == NULL) {
		t->null = 1;
		return;
	}
	if (len + 1 > t->cap) {
		t->cap = len + 16;
		t->s = crm_xrealloc(t->s, t->cap);
	}
	memcpy(t->s, s, len);
	t->s[len] = '\0';
	t->len = len;
	t->null = 0;
}

/* SQLite's BINARY collation: the bytes, then the shorter first. */
static int
txt_cmp(const struct txt *t, const char *s, size_t len)
{
	int c = memcmp(t->s, s, t->len < len ? t->len : len);

	if (c != 0)
		return c;
	return t->len < len ? -1 : t->len > len;
}

static int
txt_eq(const struct txt *t, const char *s, size_t len)
{
	if (s == NULL || t->null)
		return s == NULL && t->null;
	return t->len == len && memcmp(t->s, s, len) == 0;
}

/* min() and max() of text, NULLs left out as SQLite's are. */
static void
txt_min(struct txt *t, const char *s, size_t len)
{
	if (t->null || txt_cmp(t, s, len) > 0)
		txt_set(t, s, len);
}

static void
txt_max(struct txt *t, const char *s, size_t len)
{
	if (t->null || txt_cmp(t, s, len) < 0)
		txt_set(t, s, len);
}

static void
add(struct scan *x, long long *sum, long long v)
{
	if (__builtin_add_overflow(*sum, v, sum))
		x->overflow = 1;
}

static void
figs_clear(struct figs *f)
{
	f->n = f->purchases = f->units = f->revenue = f->returns = 0;
	f->complaints = f->open = f->rating_sum = f->rating_n = 0;
	f->first_at.null = f->last_at.null = 1;
	f->first_purchase.null = f->last_purchase.null = 1;
}

static void
figs_free(struct figs *f)
{
	free(f->first_at.s);
	free(f->last_at.s);
	free(f->first_purchase.s);
	free(f->last_purchase.s);
}

/* One row of the scan, as read. */
struct row {
	const char *at, *kind;
	size_t at_len;
	long long quantity, amount, rating;
	int has_quantity, has_amount, has_rating, open;
};

/* A row into f: TOTALS_OF's and PERIODS_OF's figures. */
static void
figs_add(struct scan *x, struct figs *f, const struct row *r)
{
	int purchase = strcmp(r->kind, "purchase") == 0;
	int ret = strcmp(r->kind, "return") == 0;

	f->n++;
	txt_min(&f->first_at, r->at, r->at_len);
	txt_max(&f->last_at, r->at, r->at_len);
	if (purchase) {
		f->purchases++;
		if (r->has_quantity)
			add(x, &f->units, r->quantity);
		if (r->has_amount)
			add(x, &f->revenue, r->amount);
		txt_min(&f->first_purchase, r->at, r->at_len);
		txt_max(&f->last_purchase, r->at, r->at_len);
	} else if (ret) {
		f->returns++;
		if (r->has_amount && r->amount == LLONG_MIN)
			x->overflow = 1;	/* abs() fails */
		else if (r->has_amount)
			add(x, &f->revenue, r->amount < 0 ? r->amount :
			    -r->amount);
	} else if (strcmp(r->kind, "complaint") == 0) {
		f->complaints++;
		f->open += r->open;
	}
	if (r->has_rating) {
		add(x, &f->rating_sum, r->rating);
		f->rating_n++;
	}
}

/* The slot of key in s, made where it is missing, s kept in key order
 * (the order the rows go into the table in). */
static struct slot *
slot_of(struct slots *s, const char *key, size_t len)
{
	size_t lo = 0, hi = s->n, mid;
	struct slot *p;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = txt_cmp(&s->v[mid].key, key, len);
		if (c == 0)
			return &s->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = crm_xreallocarray(s->v, s->cap, sizeof *s->v);
		memset(s->v + s->n, 0, (s->cap - s->n) * sizeof *s->v);
	}
	p = &s->v[lo];
	if (lo < s->n) {	/* the free slot at the end, moved here */
		struct slot spare = s->v[s->n];

		memmove(p + 1, p, (s->n - lo) * sizeof *p);
		*p = spare;
	}
	s->n++;
	txt_set(&p->key, key, len);
	figs_clear(&p->f);
	p->orders = 0;
	return p;
}

static void
slots_free(struct slots *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++) {
		free(s->v[i].key.s);
		figs_free(&s->v[i].f);
	}
	free(s->v);
}

static const char *
txt_or_null(const struct txt *t)
{
	return t->null ? NULL : t->s;
}

/* The customer's rows into the five tables, and the scan ready for the
 * next customer. */
static void
flush(struct scan *x)
{
	const struct figs *f = &x->tot;
	size_t i;

	if (x->customer < 0)
		return;
	crm_exec(x->db, "INSERT INTO cust_totals VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", "iissiiissiiiii", x->customer, f->n,
	    f->first_at.s, f->last_at.s, f->purchases, f->units, f->revenue,
	    txt_or_null(&f->first_purchase), txt_or_null(&f->last_purchase),
	    f->returns, f->complaints, f->open, f->rating_sum, f->rating_n);
	for (i = 0; i < x->months.n; i++) {
		const struct slot *m = &x->months.v[i];

		f = &m->f;
		crm_exec(x->db, "INSERT INTO cust_periods VALUES (?, ?, ?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?, ?)", "isisiiisiiiii", x->customer,
		    m->key.s, f->n, f->last_at.s, f->purchases, f->units,
		    f->revenue, txt_or_null(&f->last_purchase), f->returns,
		    f->complaints, f->open, f->rating_sum, f->rating_n);
	}
	for (i = 0; i < x->years.n; i++) {
		const struct slot *y = &x->years.v[i];

		crm_exec(x->db, "INSERT INTO cust_years VALUES (?, ?, ?, ?, ?, "
		    "?, ?)", "isiiiii", x->customer, y->key.s, y->f.n,
		    y->f.revenue, y->orders, y->f.rating_sum, y->f.rating_n);
	}
	if (x->purchases > 0)
		crm_exec(x->db, "INSERT INTO cust_orders VALUES (?, ?)", "ii",
		    x->customer, x->refs);
	if (x->split > 0)
		crm_exec(x->db, "INSERT INTO cust_split VALUES (?, ?)", "ii",
		    x->customer, x->split);
	figs_clear(&x->tot);
	x->months.n = x->years.n = 0;
	x->purchases = x->refs = x->split = 0;
	x->ref.null = x->ref_month.null = 1;
	x->ref_months = 0;
}

/*
 * A purchase's part of the orders (CRM_SQL_ORDERS, YEARS_OF, SPLIT_OF):
 * one for each purchase without a ref; for one with a ref, an order of
 * the customer at its ref's first purchase, of the year at each month
 * the ref has purchases in, and a split ref at its second month.
 */
static void
order_add(struct scan *x, struct slot *year, const char *ref,
    size_t ref_len, const char *month, size_t month_len)
{
	x->purchases++;
	if (ref == NULL) {
		x->refs++;
		year->orders++;
		return;
	}
	if (!txt_eq(&x->ref, ref, ref_len)) {
		txt_set(&x->ref, ref, ref_len);
		x->ref_month.null = 1;
		x->ref_months = 0;
		x->refs++;
	}
	if (txt_eq(&x->ref_month, month, month_len))
		return;
	txt_set(&x->ref_month, month, month_len);
	year->orders++;
	if (++x->ref_months == 2)
		x->split++;
}

/* The columns of the scan's SELECT, in its order. */
enum { C_CUSTOMER, C_AT, C_KIND, C_QUANTITY, C_AMOUNT, C_RATING, C_OPEN,
	C_REF, C_MONTH, C_YEAR };

static void
row_read(struct crm_stmt *st, struct row *r)
{
	r->at = crm_col_text(st, C_AT);
	r->at_len = strlen(r->at);
	r->kind = crm_col_text(st, C_KIND);
	r->has_quantity = crm_col_type(st, C_QUANTITY) != CRM_NULL;
	r->quantity = crm_col_int(st, C_QUANTITY);
	r->has_amount = crm_col_type(st, C_AMOUNT) != CRM_NULL;
	r->amount = crm_col_int(st, C_AMOUNT);
	r->has_rating = crm_col_type(st, C_RATING) != CRM_NULL;
	r->rating = crm_col_int(st, C_RATING);
	r->open = (int)crm_col_int(st, C_OPEN);
}

static void
scan_row(struct scan *x, struct crm_stmt *st)
{
	const char *ref, *month, *year;
	struct slot *m, *y;
	struct row r;

	row_read(st, &r);
	month = crm_col_text(st, C_MONTH);
	year = crm_col_text(st, C_YEAR);
	m = slot_of(&x->months, month, strlen(month));
	y = slot_of(&x->years, year, strlen(year));
	figs_add(x, &x->tot, &r);
	figs_add(x, &m->f, &r);
	figs_add(x, &y->f, &r);
	if (strcmp(r.kind, "purchase") != 0)
		return;
	ref = crm_col_type(st, C_REF) == CRM_NULL ? NULL :
	    crm_col_text(st, C_REF);
	order_add(x, y, ref, ref ? strlen(ref) : 0, month, strlen(month));
}

/*
 * Fill cust_totals, cust_periods, cust_years, cust_orders and cust_split
 * (empty) from every interaction.  0; 1 when a sum would overflow,
 * with nothing kept of what was written, for the SQL to do it (and fail
 * as it does); -1 with the error kept by the database.
 */
int
crm_agg_scan(struct crm_db *db)
{
	struct scan x = { 0 };
	struct crm_stmt *st;
	long long c;

	x.db = db;
	x.customer = -1;
	figs_clear(&x.tot);
	x.ref.null = x.ref_month.null = 1;
	/* NOT INDEXED: the table in its order, sorted once (agg.c's SCAN) */
	st = crm_prepare(db, "SELECT customer_id, at, kind, quantity, amount, "
	    "rating, resolved IS NULL, ref, substr(at, 1, 7), substr(at, 1, 4) "
	    "FROM interactions NOT INDEXED ORDER BY customer_id, ref, at");
	while (!x.overflow && crm_step(st) == CRM_ROW) {
		c = crm_col_int(st, C_CUSTOMER);
		if (c != x.customer) {
			flush(&x);
			x.customer = c;
		}
		scan_row(&x, st);
	}
	crm_finalize(st);
	if (!x.overflow)
		flush(&x);
	figs_free(&x.tot);
	slots_free(&x.months);
	slots_free(&x.years);
	free(x.ref.s);
	free(x.ref_month.s);
	if (crm_db_failed(db))
		return -1;
	if (!x.overflow)
		return 0;
	crm_exec(db, "DELETE FROM cust_totals", NULL);
	crm_exec(db, "DELETE FROM cust_periods", NULL);
	crm_exec(db, "DELETE FROM cust_years", NULL);
	crm_exec(db, "DELETE FROM cust_orders", NULL);
	crm_exec(db, "DELETE FROM cust_split", NULL);
	return crm_db_failed(db) ? -1 : 1;
}
