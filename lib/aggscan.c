/*
 * aggscan.c - an import's catch-up into an empty interactions table
 * (agg.c's crm_agg_catch_up) adds up cust_totals, cust_periods,
 * cust_sales, cust_years, cust_orders and cust_split here, in C, in one
 * pass over the rows sorted once, rather than in one grouped INSERT ...
 * SELECT a table: SQLite's aggregate functions cost some 500
 * instructions a row each (a call, a copy of the value, an aggregate
 * context a group), the six passes had some 60 of them a row, six sorts
 * of every row and, for cust_sales, a correlated subquery a purchase:
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
 * changing (what the SQL's count(DISTINCT) did with a table a group),
 * and its products in a month are all known at the month's end (SALES_OF
 * counts the ref once in each of their cells, and once as a month's
 * order in the cell of the least, its correlated min(); it asks for the
 * month as a range of at, the same rows as substr(at, 1, 7) for every
 * time crm writes).  Memory is a customer's months, years and cells,
 * not their rows, at most MAX_SLOTS of each.
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

/* A month's or a year's figures, by key; or cust_sales' cell, by month
 * and product (key2; NULL for none, the SQL's X''). */
struct slot {
	struct txt key, key2;
	struct figs f;
	long long orders;	/* years: distinct month and ref, and the
				 * purchases without a ref; a cell's
				 * distinct refs and the purchases without */
	long long amount, priced, returned, month_orders;	/* a cell's */
};

/* Slots a customer may have in one array: past it the SQL does it all
 * (its sorter is bounded, our arrays would not be). */
#define MAX_SLOTS 65536

struct slots {
	struct slot *v;
	size_t n, cap;
};

struct scan {
	struct crm_db *db;
	long long customer;
	struct figs tot;
	struct slots months, years, cells;
	long long purchases, refs, split;	/* cust_orders, cust_split */
	struct txt ref, ref_month;	/* the ref being read, and the
					 * month of its last purchase */
	long long ref_months;	/* its purchases' distinct months */
	struct slots prods;	/* the products of the ref's purchases
				 * in that month (key2 only), in order */
	int overflow;		/* a sum SQLite would have failed, or
				 * more slots than MAX_SLOTS */
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

/* A product as cust_sales keys it: texts in SQLite's BINARY order, then
 * none (the SQL's X'', a blob, after every text). */
static int
prod_cmp(const struct txt *t, const char *s, size_t len)
{
	if (t->null || s == NULL)
		return t->null - (s == NULL);
	return txt_cmp(t, s, len);
}

static int
slot_cmp(const struct slot *p, const char *key, size_t len,
    const char *key2, size_t len2)
{
	int c = txt_cmp(&p->key, key, len);

	return c != 0 ? c : prod_cmp(&p->key2, key2, len2);
}

/* The slot of key and key2 in s, made where it is missing, s kept in key
 * order (the order the rows go into the table in); NULL past
 * MAX_SLOTS. */
static struct slot *
slot_of(struct slots *s, const char *key, size_t len, const char *key2,
    size_t len2)
{
	size_t lo = 0, hi = s->n, mid;
	struct slot *p;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = slot_cmp(&s->v[mid], key, len, key2, len2);
		if (c == 0)
			return &s->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->n == MAX_SLOTS)
		return NULL;
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
	txt_set(&p->key2, key2, len2);
	figs_clear(&p->f);
	p->orders = p->amount = p->priced = p->returned = 0;
	p->month_orders = 0;
	return p;
}

static void
slots_free(struct slots *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++) {
		free(s->v[i].key.s);
		free(s->v[i].key2.s);
		figs_free(&s->v[i].f);
	}
	free(s->v);
}

static const char *
txt_or_null(const struct txt *t)
{
	return t->null ? NULL : t->s;
}

/*
 * The ref's purchases in its month, done (SALES_OF): an order of each
 * cell they are in, and of the month (month_orders) in the cell of the
 * least of their products, as the SQL's correlated min() picks it.
 */
static void
ref_month_done(struct scan *x)
{
	const struct txt *t;
	struct slot *c;
	size_t i;

	for (i = 0; i < x->prods.n; i++) {
		t = &x->prods.v[i].key2;
		c = slot_of(&x->cells, x->ref_month.s, x->ref_month.len,
		    txt_or_null(t), t->len);
		if (c == NULL)
			continue;	/* made with the row: not reached */
		c->orders++;
		if (i == 0)	/* the least */
			c->month_orders++;
	}
	x->prods.n = 0;
}

static void
insert_cells(struct scan *x)
{
	const struct slot *c;
	size_t i;

	for (i = 0; i < x->cells.n; i++) {
		c = &x->cells.v[i];
		crm_exec(x->db, "INSERT INTO cust_sales VALUES (?, ?, coalesce(?, "
		    "X''), ?, ?, ?, ?, ?, ?, ?, ?)", "issiiiiiiii", x->customer,
		    c->key.s, txt_or_null(&c->key2), c->f.purchases, c->f.units,
		    c->amount, c->priced, c->f.returns, c->returned, c->orders,
		    c->month_orders);
	}
}

/* The customer's rows into the six tables, and the scan ready for the
 * next customer. */
static void
flush(struct scan *x)
{
	const struct figs *f = &x->tot;
	size_t i;

	if (x->customer < 0)
		return;
	ref_month_done(x);
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
	insert_cells(x);
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
	x->months.n = x->years.n = x->cells.n = 0;
	x->purchases = x->refs = x->split = 0;
	x->ref.null = x->ref_month.null = 1;
	x->ref_months = 0;
}

/* A product of the ref's purchases in its month, once (slot_of keeps
 * them in order: the least first). */
static void
ref_product(struct scan *x, const char *prod, size_t len)
{
	if (slot_of(&x->prods, "", 0, prod, len) == NULL)
		x->overflow = 1;
}

/*
 * A purchase's part of the orders (CRM_SQL_ORDERS, YEARS_OF, SPLIT_OF,
 * SALES_OF): one for each purchase without a ref (in its cell too); for
 * one with a ref, an order of the customer at its ref's first purchase,
 * of the year at each month the ref has purchases in, a split ref at
 * its second month, and its product noted for the cells at the month's
 * end.
 */
static void
order_add(struct scan *x, struct slot *year, struct slot *cell,
    const char *ref, size_t ref_len, const char *month, size_t month_len,
    const char *prod, size_t prod_len)
{
	x->purchases++;
	if (ref == NULL) {
		x->refs++;
		year->orders++;
		cell->orders++;
		cell->month_orders++;
		return;
	}
	if (!txt_eq(&x->ref, ref, ref_len)) {
		ref_month_done(x);
		txt_set(&x->ref, ref, ref_len);
		x->ref_month.null = 1;
		x->ref_months = 0;
		x->refs++;
	}
	if (!txt_eq(&x->ref_month, month, month_len)) {
		ref_month_done(x);
		txt_set(&x->ref_month, month, month_len);
		year->orders++;
		if (++x->ref_months == 2)
			x->split++;
	}
	ref_product(x, prod, prod_len);
}

/* A purchase's or a return's figures in its cell (SALES_OF). */
static void
cell_add(struct scan *x, struct slot *c, const struct row *r, int purchase)
{
	if (r->has_amount)
		c->priced++;
	if (purchase) {
		c->f.purchases++;
		if (r->has_quantity)
			add(x, &c->f.units, r->quantity);
		if (r->has_amount)
			add(x, &c->amount, r->amount);
		return;
	}
	c->f.returns++;
	if (r->has_amount && r->amount == LLONG_MIN)
		x->overflow = 1;	/* abs() fails */
	else if (r->has_amount)
		add(x, &c->returned, r->amount < 0 ? -r->amount : r->amount);
}

/* The columns of the scan's SELECT, in its order. */
enum { C_CUSTOMER, C_AT, C_KIND, C_QUANTITY, C_AMOUNT, C_RATING, C_OPEN,
	C_REF, C_MONTH, C_YEAR, C_PRODUCT };

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

/* A text column's value, NULL for none, and its length. */
static const char *
col_txt(struct crm_stmt *st, int i, size_t *len)
{
	const char *s = crm_col_type(st, i) == CRM_NULL ? NULL :
	    crm_col_text(st, i);

	*len = s ? strlen(s) : 0;
	return s;
}

static void
scan_row(struct scan *x, struct crm_stmt *st)
{
	const char *ref, *month, *year, *prod;
	size_t ref_len, month_len, prod_len;
	struct slot *m, *y, *c;
	struct row r;
	int purchase;

	row_read(st, &r);
	month = col_txt(st, C_MONTH, &month_len);
	year = crm_col_text(st, C_YEAR);
	m = slot_of(&x->months, month, month_len, NULL, 0);
	y = slot_of(&x->years, year, strlen(year), NULL, 0);
	if (m == NULL || y == NULL) {
		x->overflow = 1;
		return;
	}
	figs_add(x, &x->tot, &r);
	figs_add(x, &m->f, &r);
	figs_add(x, &y->f, &r);
	purchase = strcmp(r.kind, "purchase") == 0;
	if (!purchase && strcmp(r.kind, "return") != 0)
		return;
	prod = col_txt(st, C_PRODUCT, &prod_len);
	if ((c = slot_of(&x->cells, month, month_len, prod, prod_len)) == NULL) {
		x->overflow = 1;
		return;
	}
	cell_add(x, c, &r, purchase);
	if (!purchase)
		return;
	ref = col_txt(st, C_REF, &ref_len);
	order_add(x, y, c, ref, ref_len, month, month_len, prod, prod_len);
}

/*
 * Fill cust_totals, cust_periods, cust_sales, cust_years, cust_orders and
 * cust_split (empty) from every interaction.  0; 1 when a sum would
 * overflow or a customer has more than MAX_SLOTS months, years, cells or
 * products of a ref in a month, with nothing kept of what was written,
 * for the SQL to do it (and fail where it fails); -1 with the error kept
 * by the database.
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
	    "rating, resolved IS NULL, ref, substr(at, 1, 7), substr(at, 1, 4), "
	    "product FROM interactions NOT INDEXED ORDER BY customer_id, ref, at");
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
	slots_free(&x.cells);
	slots_free(&x.prods);
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
	crm_exec(db, "DELETE FROM cust_sales", NULL);
	return crm_db_failed(db) ? -1 : 1;
}
