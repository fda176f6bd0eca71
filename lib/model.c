/*
 * model.c - crm-segment's value models (RFM, 80/20 classes, revenue
 * tiers) worked out in C: one plain SELECT reads the selected customers'
 * figures, and the scores, the running sum and the order the rows are
 * printed in are worked out here; seg.c looks up the other columns to
 * print by id as it prints.  crm-report's pareto curve is read off the
 * same Pareto (report.c), so the two cannot disagree.
 *
 * Why not in SQL, as it was: at 1,000,000 customers SQLite spent most of
 * the time in its windows (RFM's three rank(), pareto's running sum and
 * its total over a buffered partition) and the final ORDER BY, each a
 * sort of the million rows with the printed columns carried through:
 * RFM took 17 s where reading the figures takes 1 s (bench/README.md,
 * issue 16).  The rules stay those of the SQL that was: the ranks are
 * rank()'s (ties share the lowest rank, no value ranks lowest), but for
 * the tie at the best value, which shares the highest (crm-segment(1)), the
 * orders are those of its ORDER BYs, and every figure is printed as its
 * printf() printed it.
 *
 * Memory: 32 bytes a customer for RFM, 16 for pareto and tiers, sorted
 * in place: RFM four times (by each figure to score it, then in the
 * order printed).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The RFM segments, by the R, F and M scores; crm-segment(1). */
static const char *
rfm_segment(int r, int f, int m)
{
	if (r >= 4 && f >= 4 && m >= 4)
		return "champions";
	if (r <= 2 && f >= 4 && m >= 4)
		return "cannot lose";
	if (r <= 2 && f >= 3)
		return "at risk";
	if (r >= 3 && f >= 4)
		return "loyal";
	if (r >= 4 && f >= 2)
		return "potential loyalist";
	if (r == 5)
		return "new";
	if (r == 4)
		return "promising";
	if (r == 3)
		return f >= 3 ? "need attention" : "about to sleep";
	return r == 2 ? "hibernating" : "lost";
}

/* An RFM customer: the figures, then the scores. */
struct rfm {
	long long id, freq, money;
	int days;		/* julianday's range: at most 3.7e6 (and
				   PostgreSQL's dates 1.1e8) */
	unsigned char null;	/* NO_DAYS, NO_MONEY: SQL's NULL */
	unsigned char code;	/* 25 (r - 1) + 5 (f - 1) + m - 1 */
};
#define NO_DAYS		1
#define NO_MONEY	2
#define CODES		125

/* A customer's net revenue (pareto, tiers). */
struct rev {
	long long rev, id;
};

#define NFIGS	8	/* the most columns a model prints */

struct crm_model {
	struct crm_db *db;
	enum crm_model_kind kind;
	const struct crm_tier *tiers;	/* highest amount first */
	size_t ntiers;
	size_t n, cap;
	size_t nahead;		/* RFM: last purchases after now, */
	long long ahead;	/* the least id of whose */
	struct rfm *rfm;	/* RFM's rows, or */
	struct rev *rev;	/* pareto's and tiers' */
	/* pareto: the customers with revenue above 0 (the first rows), the
	 * sum of their revenue, the running sum, and that of the customers
	 * above the row's revenue (a tie is classed as one) */
	size_t npos;
	long long total, cum, above;
	char text[NFIGS][64];	/* the row's figures as text */
};

/*
 * Which interactions i are the customer c's: a person's own, an
 * organisation's own and its contacts'.
 */
static const char *
whose(const struct crm_filter *f)
{
	return f->scope == CRM_SCOPE_ORGS ? "i.customer_id IN "
	    CRM_ORG_MEMBERS : "i.customer_id = c.id";
}

/* Which rows t of cust_totals are the customer c's, as whose(). */
static const char *
kept(const struct crm_filter *f)
{
	return f->scope == CRM_SCOPE_ORGS ? "t.customer_id IN "
	    CRM_ORG_MEMBERS : "t.customer_id = c.id";
}

/*
 * RFM's figures of the selected customers who bought in the window:
 * id, days since the last purchase (with their fraction: days()),
 * orders (crm.h's CRM_SQL_ORDERS: a purchase is one line of an order),
 * net revenue.  All time, they are
 * kept per customer (agg.c): a person has one row of the totals and one
 * of cust_orders, so there is nothing to group (grouping cost twice the
 * rest); an organisation's are summed over its contacts'.  As a sum over
 * the rows, money is NULL when no purchase or return has an amount:
 * looked for only when the kept revenue is 0.
 */
static void
rfm_sql(struct crm_buf *sql, struct crm_filter *f)
{
	int now = crm_filter_param(f, crm_now_str());
	int one = f->scope == CRM_SCOPE_PEOPLE;
	const char *max = one ? "" : "max", *sum = one ? "" : "sum";

	if (crm_filter_all_time(f)) {
		crm_buf_addf(sql, "SELECT c.id, julianday(?%d) - "
		    "julianday(%s(t.last_purchase)), "
		    "%s(coalesce(o.orders, 0)), CASE WHEN %s(t.revenue) <> 0 "
		    "OR EXISTS (SELECT 1 FROM interactions i WHERE %s AND "
		    "i.kind IN ('purchase', 'return') AND i.amount IS NOT "
		    "NULL) THEN %s(t.revenue) END FROM customers c JOIN "
		    "cust_totals t ON %s LEFT JOIN cust_orders o ON "
		    "o.customer_id = t.customer_id WHERE %s", now, max, sum,
		    sum, whose(f), sum, kept(f), f->sql.s);
		crm_buf_adds(sql, one ? " AND t.purchases > 0" : " GROUP BY "
		    "c.id HAVING sum(t.purchases) > 0");
	} else {
		crm_buf_addf(sql, "SELECT c.id, julianday(?%d) - "
		    "julianday(max(i.at) FILTER (WHERE i.kind = 'purchase')), "
		    CRM_SQL_ORDERS_OF ", "
		    "sum(" CRM_NET_AMOUNT ") FROM customers c JOIN "
		    "interactions i ON %s AND i.kind IN ('purchase', "
		    "'return') AND i.at >= ?1 AND (?2 IS NULL OR i.at < ?2) "
		    "WHERE %s GROUP BY c.id HAVING count(*) FILTER (WHERE "
		    "i.kind = 'purchase') > 0", now, whose(f), f->sql.s);
	}
}

/*
 * Each selected customer's id and net revenue in the window, 0 for none.
 * All time, kept per customer (agg.c), as for RFM.
 */
static void
revenue_sql(struct crm_buf *sql, struct crm_filter *f)
{
	if (crm_filter_all_time(f) && f->scope == CRM_SCOPE_PEOPLE)
		crm_buf_addf(sql, "SELECT c.id, coalesce(t.revenue, 0) FROM "
		    "customers c LEFT JOIN cust_totals t ON t.customer_id = "
		    "c.id WHERE %s", f->sql.s);
	else if (crm_filter_all_time(f))
		crm_buf_addf(sql, "SELECT c.id, coalesce((SELECT "
		    "sum(t.revenue) FROM cust_totals t WHERE %s), 0) FROM "
		    "customers c WHERE %s", kept(f), f->sql.s);
	else
		crm_buf_addf(sql, "SELECT c.id, coalesce(sum(" CRM_NET_AMOUNT
		    "), 0) FROM customers c LEFT JOIN interactions i ON %s "
		    "AND i.kind IN ('purchase', 'return') AND i.at >= ?1 AND "
		    "(?2 IS NULL OR i.at < ?2) WHERE %s GROUP BY c.id",
		    whose(f), f->sql.s);
}

/* Room for one more row. */
static void
grow(struct crm_model *m)
{
	size_t size = m->kind == CRM_MODEL_RFM ? sizeof *m->rfm :
	    sizeof *m->rev;
	void *p;

	if (m->n < m->cap)
		return;
	m->cap = m->cap ? 2 * m->cap : 1024;
	p = crm_xreallocarray(m->kind == CRM_MODEL_RFM ? (void *)m->rfm :
	    (void *)m->rev, m->cap, size);
	if (m->kind == CRM_MODEL_RFM)
		m->rfm = p;
	else
		m->rev = p;
}

/*
 * The whole days from a last purchase to now, rounded down, of the days
 * between them as julianday() gives them: rounded to the second first,
 * so that 10 days come out 10 however the engine's doubles fall.  A
 * purchase after now (a date mistyped, a clock ahead) is 0 days, the
 * most recent there is, not a day below 0, and counted for a warning.
 */
static int
days(struct crm_model *m, struct rfm *r, double d)
{
	long long secs;

	if (!(d > -1e8 && d < 1e8))	/* past any calendar's range */
		return crm_fail(CRM_EX_DATAERR, "customer %lld: %g days "
		    "since the last purchase", r->id, d);
	secs = (long long)(d * 86400.0 + (d < 0 ? -0.5 : 0.5));
	if (secs < 0) {
		if (m->nahead++ == 0 || r->id < m->ahead)
			m->ahead = r->id;
		secs = 0;
	}
	r->days = (int)(secs / 86400);
	return 0;
}

/* One row of rfm_sql(). */
static int
read_rfm(struct crm_model *m, struct crm_stmt *st)
{
	struct rfm *r = &m->rfm[m->n];

	memset(r, 0, sizeof *r);
	r->id = crm_col_int(st, 0);
	if (crm_col_type(st, 1) == CRM_NULL)
		r->null |= NO_DAYS;
	else if (days(m, r, crm_col_real(st, 1)) < 0)
		return -1;
	r->freq = crm_col_int(st, 2);
	r->money = crm_col_int(st, 3);
	if (crm_col_type(st, 3) == CRM_NULL)
		r->null |= NO_MONEY;
	return 0;
}

/* Say which customers' last purchase is after now (days()). */
static void
warn_ahead(const struct crm_model *m)
{
	char more[48] = "";

	if (m->nahead == 0)
		return;
	if (m->nahead > 1)
		snprintf(more, sizeof more, " and %zu more", m->nahead - 1);
	crm_warn("{rfm}: customer %lld%s: the last purchase is after now "
	    "(%s): recency_days 0", m->ahead, more, crm_now_str());
}

/* Every row of the model's figures; 0, or -1. */
static int
read_rows(struct crm_model *m, struct crm_filter *f)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	int rc = CRM_FAIL;

	if (m->kind == CRM_MODEL_RFM)
		rfm_sql(&sql, f);
	else
		revenue_sql(&sql, f);
	st = crm_prepare(m->db, sql.s);
	crm_buf_free(&sql);
	if (st == NULL)
		return -1;
	crm_filter_bind(f, st, 1);
	while ((rc = crm_step(st)) == CRM_ROW) {
		grow(m);
		if (m->kind != CRM_MODEL_RFM) {
			m->rev[m->n].id = crm_col_int(st, 0);
			m->rev[m->n].rev = crm_col_int(st, 1);
		} else if (read_rfm(m, st) < 0) {
			break;
		}
		m->n++;
	}
	crm_finalize(st);
	if (rc != CRM_DONE)
		return -1;
	warn_ahead(m);
	return 0;
}

/*
 * An in-place sort: glibc's qsort() is a mergesort that copies the
 * array, 32 MB more for RFM at 1,000,000 customers.  Introsort:
 * quicksort on the median of three, the smaller side first, heapsort
 * past 2 log n levels (no quadratic case), insertion sort below 16.
 * Equal elements stop both scans, so many ties split evenly.
 */
typedef int (*before_fn)(const void *a, const void *b);	/* a first */

struct sort {
	char *a;
	size_t size;		/* a multiple of 8 */
	before_fn lt;
};

static int
lt(const struct sort *s, size_t i, size_t j)
{
	return s->lt(s->a + i * s->size, s->a + j * s->size);
}

static void
swap(const struct sort *s, size_t i, size_t j)
{
	uint64_t *x = (uint64_t *)(void *)(s->a + i * s->size), t;
	uint64_t *y = (uint64_t *)(void *)(s->a + j * s->size);
	size_t k;

	for (k = 0; k < s->size / 8; k++)
		t = x[k], x[k] = y[k], y[k] = t;
}

/* The heap of the n elements from lo, below root. */
static void
sift(const struct sort *s, size_t lo, size_t root, size_t n)
{
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && lt(s, lo + child, lo + child + 1))
			child++;
		if (!lt(s, lo + root, lo + child))
			return;
		swap(s, lo + root, lo + child);
		root = child;
	}
}

static void
heap_sort(const struct sort *s, size_t lo, size_t n)
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift(s, lo, i, n);
	for (i = n; i-- > 1;) {
		swap(s, lo, lo + i);
		sift(s, lo, 0, i);
	}
}

/* [lo, hi) around the median of three: where the pivot ends. */
static size_t
partition(const struct sort *s, size_t lo, size_t hi)
{
	size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;

	if (lt(s, mid, lo))
		swap(s, mid, lo);
	if (lt(s, hi - 1, lo))
		swap(s, hi - 1, lo);
	if (lt(s, hi - 1, mid))
		swap(s, hi - 1, mid);
	swap(s, lo, mid);	/* the pivot at lo; hi - 1 is not less */
	for (;;) {
		while (lt(s, ++i, lo))
			;
		while (lt(s, lo, --j))
			;
		if (i >= j)
			break;
		swap(s, i, j);
	}
	swap(s, lo, j);
	return j;
}

static void
intro_sort(const struct sort *s, size_t lo, size_t hi, int depth)
{
	size_t p, i, j;

	while (hi - lo > 16) {
		if (depth-- == 0) {
			heap_sort(s, lo, hi - lo);
			return;
		}
		p = partition(s, lo, hi);
		if (p - lo < hi - p) {
			intro_sort(s, lo, p, depth);
			lo = p + 1;
		} else {
			intro_sort(s, p + 1, hi, depth);
			hi = p;
		}
	}
	for (i = lo + 1; i < hi; i++)
		for (j = i; j > lo && lt(s, j, j - 1); j--)
			swap(s, j, j - 1);
}

static void
sort(void *a, size_t n, size_t size, before_fn less)
{
	struct sort s = { a, size, less };
	int depth = 0;
	size_t k;

	for (k = n; k > 1; k /= 2)
		depth += 2;
	if (n > 1)
		intro_sort(&s, 0, n, depth);
}

/*
 * The orders rank() ranks the figures by: days descending (the most
 * recent purchase ranks highest), purchases and money ascending, with
 * NULL lowest as SQLite sorts it: last by days, first by money.
 */
static int
by_days(const void *pa, const void *pb)
{
	const struct rfm *a = pa, *b = pb;
	int na = a->null & NO_DAYS, nb = b->null & NO_DAYS;

	return na || nb ? !na && nb : a->days > b->days;
}

static int
by_freq(const void *pa, const void *pb)
{
	const struct rfm *a = pa, *b = pb;

	return a->freq < b->freq;
}

static int
by_money(const void *pa, const void *pb)
{
	const struct rfm *a = pa, *b = pb;
	int na = a->null & NO_MONEY, nb = b->null & NO_MONEY;

	return na || nb ? na && !nb : a->money < b->money;
}

/* The order printed: rfm highest first, then by id. */
static int
by_rfm(const void *pa, const void *pb)
{
	const struct rfm *a = pa, *b = pb;

	return a->code != b->code ? a->code > b->code : a->id < b->id;
}

static const before_fn rank_order[3] = { by_days, by_freq, by_money };

/*
 * Figure how (0 days, 1 purchases, 2 money) of r as a key that rank()'s
 * order ascends by (days negated); 0 when it is NULL.
 */
static int
rank_key(const struct rfm *r, int how, long long *k)
{
	if (how == 0)
		*k = -(long long)r->days;
	else
		*k = how == 1 ? r->freq : r->money;
	return !(r->null & (how == 0 ? NO_DAYS : how == 2 ? NO_MONEY : 0));
}

/* The code of r with the score of its rank: 1 + 5 (rank - 1) / n. */
static void
put_score(const struct crm_model *m, struct rfm *r, size_t before)
{
	r->code = (unsigned char)(r->code * 5 + 5 * before / m->n);
}

/*
 * Score figure how by counting, without moving the rows, when its values
 * span fewer than the customers (days and purchases, as a rule): rank 1
 * + those with a lower key, NULL after them all by days, before them all
 * by money.  0, or -1 to sort instead.
 */
static int
score_counted(struct crm_model *m, int how)
{
	size_t i, nn = 0, *before;
	unsigned long long span;
	long long k, lo = LLONG_MAX, hi = LLONG_MIN;

	for (i = 0; i < m->n; i++)
		if (rank_key(&m->rfm[i], how, &k)) {
			nn++;
			lo = k < lo ? k : lo;
			hi = k > hi ? k : hi;
		}
	span = nn ? (unsigned long long)hi - (unsigned long long)lo : 0;
	if (span >= m->n)
		return -1;
	before = crm_xcalloc(span + 2, sizeof *before);
	for (i = 0; i < m->n; i++)
		if (rank_key(&m->rfm[i], how, &k))
			before[(unsigned long long)k - lo + 1]++;
	for (i = 1; i <= span + 1; i++)
		before[i] += before[i - 1];	/* before[k - lo]: keys < k */
	for (i = 0; i < m->n; i++)
		if (!rank_key(&m->rfm[i], how, &k))
			put_score(m, &m->rfm[i], how == 0 ? nn : 0);
		else if (k == hi)	/* the best value: the top rank */
			put_score(m, &m->rfm[i], nn - 1 +
			    (how == 2 ? m->n - nn : 0));
		else
			put_score(m, &m->rfm[i], before[k - lo] +
			    (how == 2 ? m->n - nn : 0));
	free(before);
	return 0;
}

/*
 * Where the best value's tie ends in rank()'s order: the last customer
 * with a value (NULL, no value, is no best), or n if none has one.
 */
static size_t
best_end(const struct crm_model *m, int how)
{
	long long k;
	size_t i;

	for (i = m->n; i-- > 0;)
		if (rank_key(&m->rfm[i], how, &k))
			return i;
	return m->n;
}

/*
 * Score figure how of every customer into its code, by counting, or
 * else sorted in rank()'s order: rank 1 + the customers before, ties
 * sharing the lowest, but for the tie at the best value, which shares
 * the highest: the most recent buyers (today's and those of a date
 * after now alike, recency 0) are never scored below the others.
 */
static void
score(struct crm_model *m, int how)
{
	before_fn before = rank_order[how];
	size_t i, first = 0, best;

	if (score_counted(m, how) == 0)
		return;
	sort(m->rfm, m->n, sizeof *m->rfm, before);
	best = best_end(m, how);
	for (i = 0; i < m->n; i++) {
		if (i > 0 && before(&m->rfm[i - 1], &m->rfm[i]))
			first = i;
		put_score(m, &m->rfm[i], best < m->n && i <= best &&
		    !before(&m->rfm[i], &m->rfm[best]) ? best : first);
	}
}

/* The scores, r then f then m, and the order printed. */
static void
rank_rfm(struct crm_model *m)
{
	int how;

	for (how = 0; how < 3; how++)
		score(m, how);
	sort(m->rfm, m->n, sizeof *m->rfm, by_rfm);
}

/* Revenue highest first, then by id. */
static int
by_revenue(const void *pa, const void *pb)
{
	const struct rev *a = pa, *b = pb;

	return a->rev != b->rev ? a->rev > b->rev : a->id < b->id;
}

/*
 * Pareto's contributors, the customers with revenue above 0, first in
 * the order, and their total: a customer who returned more than it
 * bought takes nothing off it, or the shares of the others would pass
 * 100%.  0, or -1 if the sum overflows.
 */
static int
total(struct crm_model *m)
{
	size_t i;

	for (i = 0; i < m->n && m->rev[i].rev > 0; i++)
		if (crm_sum_add(&m->total, m->rev[i].rev, "customers' "
		    "revenue", NULL) < 0)
			return -1;
	m->npos = i;
	return 0;
}

/*
 * The model over the customers f selects (tiers: the tiers, highest
 * amount first), its rows read and ordered; NULL when that failed, the
 * error recorded.
 */
struct crm_model *
crm_model_new(struct crm_db *db, struct crm_filter *f,
    enum crm_model_kind kind, const struct crm_tier *tiers, size_t ntiers)
{
	struct crm_model *m = crm_xcalloc(1, sizeof *m);

	m->db = db, m->kind = kind, m->tiers = tiers, m->ntiers = ntiers;
	if (read_rows(m, f) < 0) {
		crm_model_free(m);
		return NULL;
	}
	if (kind == CRM_MODEL_RFM)
		rank_rfm(m);
	else
		sort(m->rev, m->n, sizeof *m->rev, by_revenue);
	if (kind == CRM_MODEL_PARETO && total(m) < 0) {
		crm_model_free(m);
		return NULL;
	}
	return m;
}

size_t
crm_model_size(const struct crm_model *m)
{
	return m->n;
}

void
crm_model_free(struct crm_model *m)
{
	if (m == NULL)
		return;
	free(m->rfm);
	free(m->rev);
	free(m);
}

/* Column k of the row: the text put in text[k], of type t. */
static void
put(struct crm_model *m, int k, const char **vals, char *types, char t)
{
	vals[k] = m->text[k];
	types[k] = t;
}

/* Column k: the whole number v. */
static void
put_int(struct crm_model *m, int k, const char **vals, char *types,
    long long v)
{
	crm_fmt_int(v, m->text[k]);
	put(m, k, vals, types, 'n');
}

static void
rfm_row(struct crm_model *m, const struct rfm *r, const char **vals,
    char *types)
{
	int rs = r->code / 25 + 1, fs = r->code / 5 % 5 + 1,
	    ms = r->code % 5 + 1;

	put_int(m, 0, vals, types, r->days);
	if (r->null & NO_DAYS)
		vals[0] = NULL, types[0] = 's';
	put_int(m, 1, vals, types, r->freq);
	/* printf's %d of NULL is 0 */
	crm_fmt_money(r->null & NO_MONEY ? 0 : r->money, m->text[2]);
	put(m, 2, vals, types, 's');
	put_int(m, 3, vals, types, rs);
	put_int(m, 4, vals, types, fs);
	put_int(m, 5, vals, types, ms);
	m->text[6][0] = (char)('0' + rs), m->text[6][1] = (char)('0' + fs);
	m->text[6][2] = (char)('0' + ms), m->text[6][3] = '\0';
	put(m, 6, vals, types, 's');
	vals[7] = rfm_segment(rs, fs, ms), types[7] = 's';
}

/* a * x < b * y, as SQL works it out: in doubles past 64 bits. */
static int
less_scaled(long long a, long long x, long long b, long long y)
{
	long long p, q;

	if (__builtin_mul_overflow(a, x, &p) ||
	    __builtin_mul_overflow(b, y, &q))
		return (double)a * (double)x < (double)b * (double)y;
	return p < q;
}

/*
 * The class of a contributor with the revenue above of the customers
 * ranked above it, a tie not counted (it is one class): A while that is
 * under 80% of the total, B under 95%, else C.  In integers, so the
 * lines are exact.
 */
static const char *
pareto_class(const struct crm_model *m, long long above)
{
	if (less_scaled(above, 100, m->total, 80))
		return "A";
	return less_scaled(above, 100, m->total, 95) ? "B" : "C";
}

/*
 * v (0 to the total) as a percentage of the contributors' total, with
 * two decimals rounded half away from zero: in whole numbers, 10000 v /
 * total, so that the figure is exact, the same on either engine, and
 * costs no printf() (fixed()'s, two a row, tripled a million customers'
 * time); past 64 bits, as fixed() (util.c) writes it from doubles.
 */
static char *
share_text(const struct crm_model *m, long long v, char buf[64])
{
	long long p, q, r;
	size_t n;

	if (__builtin_mul_overflow(v, 10000LL, &p))
		return crm_fmt_fixed(100.0 * (double)v / (double)m->total, 2,
		    buf);
	q = p / m->total, r = p % m->total;
	if (r >= m->total - r)
		q++;
	n = strlen(crm_fmt_int(q / 100, buf));
	buf[n] = '.';
	buf[n + 1] = (char)('0' + q % 100 / 10);
	buf[n + 2] = (char)('0' + q % 10);
	buf[n + 3] = '\0';
	return buf;
}

/*
 * The revenue above contributor i's, cum being that of those before it
 * and above that of the one before: a tie's first sets it for them all.
 */
static long long
tie_above(const struct crm_model *m, size_t i, long long cum,
    long long above)
{
	return i == 0 || m->rev[i].rev != m->rev[i - 1].rev ? cum : above;
}

/*
 * The rows must be asked for in order: the cumulative share adds up.  A
 * customer at or below 0 is no contributor: no share, class "none".
 */
static void
pareto_row(struct crm_model *m, size_t i, const char **vals, char *types)
{
	const struct rev *r = &m->rev[i];

	crm_fmt_money(r->rev, m->text[0]);
	put(m, 0, vals, types, 's');
	types[1] = types[2] = types[3] = 's';
	if (i >= m->npos) {
		vals[1] = vals[2] = NULL, vals[3] = "none";
		return;
	}
	m->above = tie_above(m, i, m->cum, m->above);
	m->cum += r->rev;	/* no overflow: total() added these */
	vals[1] = share_text(m, r->rev, m->text[1]);
	vals[2] = share_text(m, m->cum, m->text[2]);
	vals[3] = pareto_class(m, m->above);
}

/*
 * Pareto's contributors: how many; the revenue of the top k of them.
 * crm-report's curve is read off these.
 */
size_t
crm_model_pareto(const struct crm_model *m)
{
	return m->npos;
}

long long
crm_model_pareto_top(const struct crm_model *m, size_t k)
{
	long long sum = 0;
	size_t i;

	for (i = 0; i < k && i < m->npos; i++)
		sum += m->rev[i].rev;	/* total() added these */
	return sum;
}

/* How many contributors are in class A (a tie at the line with them). */
size_t
crm_model_pareto_a(const struct crm_model *m)
{
	long long above = 0, cum = 0;
	size_t i;

	for (i = 0; i < m->npos; i++) {
		above = tie_above(m, i, cum, above);
		if (strcmp(pareto_class(m, above), "A") != 0)
			break;
		cum += m->rev[i].rev;
	}
	return i;
}

/*
 * How many of the top contributors it takes for their revenue to reach
 * 80% of the total: class A less a tie it keeps whole past the line.
 */
size_t
crm_model_pareto_reach(const struct crm_model *m)
{
	long long cum = 0;
	size_t i;

	for (i = 0; i < m->npos; i++) {
		cum += m->rev[i].rev;	/* total() added these */
		if (!less_scaled(cum, 100, m->total, 80))
			return i + 1;
	}
	return i;
}

/* A percentage of the contributors' total, as pareto's shares. */
char *
crm_model_pareto_share(const struct crm_model *m, long long v,
    char buf[64])
{
	return share_text(m, v, buf);
}

/* The highest tier the revenue reaches, or none. */
static void
tier_row(struct crm_model *m, const struct rev *r, const char **vals,
    char *types)
{
	size_t i;

	crm_fmt_money(r->rev, m->text[0]);
	put(m, 0, vals, types, 's');
	vals[1] = NULL, types[1] = 's';
	for (i = 0; i < m->ntiers && vals[1] == NULL; i++)
		if (r->rev >= m->tiers[i].min)
			vals[1] = m->tiers[i].name;
}

/* The customer of row i (from 0) of the model. */
long long
crm_model_id(const struct crm_model *m, size_t i)
{
	return m->kind == CRM_MODEL_RFM ? m->rfm[i].id :
	    m->rev[i].id;
}

/*
 * The model's columns of row i into vals and types (valid until the
 * next call); the rows are asked for in order, from 0.
 */
void
crm_model_row(struct crm_model *m, size_t i, const char **vals, char *types)
{
	if (m->kind == CRM_MODEL_RFM)
		rfm_row(m, &m->rfm[i], vals, types);
	else if (m->kind == CRM_MODEL_PARETO)
		pareto_row(m, i, vals, types);
	else
		tier_row(m, &m->rev[i], vals, types);
}
