/*
 * risk.c - churn and risk signals a person can explain, worked out from
 * a customer's own history up to now (or --to), in one statement over
 * every customer (window functions over the index interactions_kind,
 * and each purchase's ref for its order), so that crm-segment --risk,
 * the filter names risk, risk_gap ... and crm-report risk all say the
 * same thing:
 *
 *	gap	 at least gap_min orders before now, and the days since
 *		 the last one more than gap times the median of the days
 *		 between consecutive ones (the median greater than 0)
 *	drop	 the net revenue (purchases less returns) of the last period
 *		 [now - period, now) below drop% of the period before it
 *		 [now - 2 period, now - period), which was more than 0
 *	complaints, returns
 *		 in the window [from, now): at least min orders, at least
 *		 2 complaints (returns), and complaints (returns) per
 *		 order more than rate times the company's (everyone's
 *		 complaints, returns, per order, in the same window)
 *	receivables
 *		 an open amount past its due date before now, or the open
 *		 amount over the customer's credit limit.  An invoice's
 *		 open amount is its amount less the payments of the same
 *		 customer with its ref before now, never below 0.
 *
 * Orders, not purchases: a purchase is one line of an order, and the
 * purchases of one customer with one ref are one order, a purchase
 * without a ref an order of its own (crm.h's CRM_SQL_ORDERS, as
 * crm-report counts them).  Counting lines, a customer whose orders have
 * three lines had gaps of 0 days, a median of 0 and never the gap
 * signal, and rates per purchase a third of a one-line customer's.  An
 * order's time is its first line's.
 *
 * The level: high with receivables or two signals or more, medium with
 * one, low with none.  The parameters (struct crm_risk) are the stored
 * setting "risk" (gap=2,gap_min=3,period=90d,drop=50,rate=2,min=3,
 * any of them), and a run may give others (crm_risk_override).
 * Definitions for people are in crm-segment(1) and crm(7): keep them true
 * to this file.
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define RISK_KEY	"risk"

static const struct crm_risk defaults = { 2, 3, "90d", 50, 2, 3 };

static struct crm_risk cur;
static int loaded;
static const char *run_spec;	/* the run's own, checked */

/* One number from spec, whole when whole is set; -1 if it is none. */
static int
number(const char *v, int whole, double *d)
{
	char *end;

	if (whole) {
		long long n = strtoll(v, &end, 10);

		*d = (double)n;
	} else {
		*d = strtod(v, &end);
	}
	if (end == v || (*end && !(*end == '%' && end[1] == '\0')))
		return -1;
	return 0;
}

/*
 * Read spec ("gap=3,drop=40%") into p over what it holds.  0, or the
 * reason it is wrong in *why (to free).
 */
static int
parse(const char *spec, struct crm_risk *p, char **why)
{
	char **items, *k, *v;
	size_t n, i;
	struct crm_dur dur;
	double d;
	int r = 0;

	items = crm_split_list(spec, &n);
	for (i = 0; r == 0 && i < n; i++) {
		k = items[i];
		if ((v = strchr(k, '=')) == NULL) {
			*why = crm_xasprintf("'%s' is not name=value", k);
			r = -1;
			break;
		}
		*v++ = '\0';
		if (strcmp(k, "period") == 0) {
			if (crm_parse_dur(v, &dur) < 0 || (dur.months <= 0 &&
			    dur.seconds <= 0) || strlen(v) >= sizeof p->period)
				r = -1;
			else
				snprintf(p->period, sizeof p->period, "%s", v);
		} else if (strcmp(k, "gap") == 0 || strcmp(k, "rate") == 0) {
			if (number(v, 0, &d) < 0 || strchr(v, '%') || !(d > 0) ||
			    d > 1000)
				r = -1;
			else if (*k == 'g')
				p->gap = d;
			else
				p->rate = d;
		} else if (strcmp(k, "drop") == 0) {
			if (number(v, 0, &d) < 0 || !(d > 0) || d > 100)
				r = -1;
			else
				p->drop = d;
		} else if (strcmp(k, "gap_min") == 0 || strcmp(k, "min") == 0) {
			if (number(v, 1, &d) < 0 || strchr(v, '%') ||
			    d < (*k == 'g' ? 2 : 1) || d > 1000000)
				r = -1;
			else if (*k == 'g')
				p->gap_min = (long)d;
			else
				p->min = (long)d;
		} else {
			*why = crm_xasprintf("unknown parameter '%s' (gap, "
			    "gap_min, period, drop, rate, min)", k);
			r = -1;
			break;
		}
		if (r < 0)
			*why = crm_xasprintf("%s: '%s' is not %s", k, v,
			    strcmp(k, "period") == 0 ? "a duration (90d, 13w, "
			    "3m)" : strcmp(k, "drop") == 0 ? "a percentage "
			    "above 0, at most 100" : strcmp(k, "gap_min") == 0 ?
			    "a whole number, at least 2" : strcmp(k, "min") ==
			    0 ? "a whole number, at least 1" : "a number above "
			    "0, at most 1000");
	}
	crm_free_list(items, n);
	return r;
}

/* Check spec, the parameter param names: 0, or -1 with a usage error. */
int
crm_risk_check(const char *spec, const char *param)
{
	struct crm_risk p = defaults;
	char *why = NULL;

	if (parse(spec, &p, &why) < 0) {
		crm_fail_arg(CRM_EX_USAGE, param, "%s", why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * Check spec, the run's own parameters, and use them over the stored
 * ones in this run.  0, or -1 with a usage error.
 */
int
crm_risk_override(const char *spec)
{
	if (crm_risk_check(spec, "risk") < 0)
		return -1;
	run_spec = spec;
	loaded = 0;
	return 0;
}

/*
 * The parameters in force: the defaults, then the stored setting, then
 * the run's.  0, or -1 (a stored setting that is wrong is a data error).
 */
int
crm_risk_params(struct crm_db *db, struct crm_risk *p)
{
	char *v, *why = NULL;

	if (!loaded) {
		cur = defaults;
		v = crm_setting(db, RISK_KEY);
		if (crm_db_failed(db)) {
			free(v);
			return -1;
		}
		if (v && parse(v, &cur, &why) < 0) {
			crm_fail(CRM_EX_DATAERR, "the stored risk setting '%s': %s",
			    v, why);
			free(why);
			free(v);
			return -1;
		}
		free(v);
		if (run_spec && parse(run_spec, &cur, &why) < 0) {
			free(why);	/* checked by crm_risk_override */
			return -1;
		}
		loaded = 1;
	}
	*p = cur;
	return 0;
}

/*
 * Check spec and store it as the setting, audited; "" is the defaults.
 * 0, or -1.
 */
int
crm_risk_save(struct crm_db *db, const char *spec)
{
	if (crm_risk_check(spec, "risk-set") < 0)
		return -1;
	crm_setting_put(db, RISK_KEY, spec);
	loaded = 0;
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * The statement, with @X for the parameters: @F the window's start (the
 * filter's ?1), @N now, @E the end of the rows counted (the window's
 * end, else the second after now: what was logged now counts), @A and @B the starts of the last period and the
 * one before, @P the period as given, @K gap, @M gap_min, @S drop, @R
 * rate, @I min.  One row per customer with a signal: id, the five
 * signals 0/1, how many, level, the signals' names, the reasons,
 * revenue (net, in the window, minor units).
 */
static const char risk_sql[] =
"(WITH "
/* Orders before now, at their first line (a purchase without a ref is
 * an order: its id groups it alone), each with the one before it (gap).
 * One window, so one pass in the orders' order. */
"od AS (SELECT customer_id AS id, min(at) AS at FROM interactions WHERE "
"kind = 'purchase' AND at < @E GROUP BY customer_id, ref, CASE WHEN ref "
"IS NULL THEN id END), "
"pu AS (SELECT id, at, lag(at) OVER w AS prev, max(at) OVER w AS last, "
"count(*) OVER w AS n FROM od WINDOW w AS (PARTITION BY id ORDER BY at "
"ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), "
"gs AS (SELECT id, last, n, julianday(at) - julianday(prev) AS d, "
"row_number() OVER (PARTITION BY id ORDER BY julianday(at) - "
"julianday(prev)) AS rn FROM pu WHERE prev IS NOT NULL AND n >= @M), "
/* The median of n - 1 gaps: the (n/2)th and ((n+1)/2)th smallest. */
"gm AS (SELECT id, avg(d) AS med, julianday(@N) - julianday(max(last)) "
"AS since FROM gs WHERE rn IN (n / 2, (n + 1) / 2) GROUP BY id), "
/* Net revenue in the last period and the one before (drop). */
"dr AS (SELECT customer_id AS id, coalesce(sum(" CRM_NET_AMOUNT ") "
"FILTER (WHERE at >= @A), 0) AS cur, coalesce(sum(" CRM_NET_AMOUNT ") "
"FILTER (WHERE at < @A), 0) AS before FROM interactions WHERE kind IN "
"('purchase', 'return') AND at >= @B AND at < @E GROUP BY customer_id), "
/* Orders, complaints, returns and revenue in the window (rates). */
"rt AS (SELECT customer_id AS id, " CRM_SQL_ORDERS_OF " AS np, "
"count(*) FILTER (WHERE kind = 'complaint') AS nc, "
"count(*) FILTER (WHERE kind = 'return') AS nr, coalesce(sum("
CRM_NET_AMOUNT ") FILTER (WHERE kind IN ('purchase', 'return')), 0) AS "
"rev FROM interactions WHERE kind IN ('purchase', 'complaint', 'return') "
"AND at >= @F AND at < @E GROUP BY customer_id), "
"co AS (SELECT 1.0 * sum(nc) / nullif(sum(np), 0) AS cr, 1.0 * sum(nr) "
"/ nullif(sum(np), 0) AS rr FROM rt), "
/* Open invoices (receivables). */
"inv AS (SELECT i.customer_id AS id, i.due, "
CRM_SQL_INVOICE_OPEN("p.at < @E") " AS open FROM interactions i WHERE "
"i.kind = 'invoice' AND "
"i.at < @E), "
"rv AS (SELECT r.id, r.open, r.overdue, c.credit_limit AS lim FROM ("
"SELECT id, coalesce(sum(open), 0) AS open, coalesce(sum(open) FILTER "
"(WHERE due < @N), 0) AS overdue FROM inv GROUP BY id) r JOIN customers "
"c ON c.id = r.id WHERE r.overdue > 0 OR r.open > c.credit_limit), "
/* Each signal a row with its reason; the reasons in the order of the
 * names (a column each, not a sorted group_concat). */
"sg AS (SELECT id, max(k = 1) AS gap, max(k = 2) AS dr, max(k = 3) AS "
"cp, max(k = 4) AS rp, max(k = 5) AS rc, count(*) AS n, substr("
"coalesce('; ' || max(why) FILTER (WHERE k = 1), '') || coalesce('; ' "
"|| max(why) FILTER (WHERE k = 2), '') || coalesce('; ' || max(why) "
"FILTER (WHERE k = 3), '') || coalesce('; ' || max(why) FILTER (WHERE "
"k = 4), '') || coalesce('; ' || max(why) FILTER (WHERE k = 5), ''), 3) "
"AS why FROM ("
/* Half a day up, as SQLite's round() does and PostgreSQL's round() of a
 * double does not (10.5 is 10 there): both are positive here, and a cast
 * goes toward zero on both engines (pg.c's crm_int). */
"SELECT id, 1 AS k, printf('no purchase for %d days, %.1fx the usual "
"%d', CAST(since + 0.5 AS INTEGER), since / med, CAST(med + 0.5 AS "
"INTEGER)) AS why FROM gm WHERE med > 0 AND since > @K * med "
"UNION ALL SELECT id, 2, printf('net revenue %s in the last %s, %d%% of "
"%s in the %s before', " CRM_SQL_MONEY("cur") ", @P, CAST(100 * cur / "
"before AS INTEGER), " CRM_SQL_MONEY("before") ", @P) FROM dr WHERE "
"before > 0 AND cur * 100.0 < before * @S "
"UNION ALL SELECT id, 3, printf('%d complaints in %d orders, %.1fx "
"the company''s rate', nc, np, nc * 1.0 / np / cr) FROM rt, co WHERE np "
">= @I AND nc >= 2 AND nc * 1.0 / np > @R * cr "
"UNION ALL SELECT id, 4, printf('%d returns in %d orders, %.1fx the "
"company''s rate', nr, np, nr * 1.0 / np / rr) FROM rt, co WHERE np >= "
"@I AND nr >= 2 AND nr * 1.0 / np > @R * rr "
"UNION ALL SELECT id, 5, CASE WHEN overdue > 0 THEN printf('%s "
"overdue', " CRM_SQL_MONEY("overdue") ") ELSE '' END || CASE WHEN overdue > 0 "
"AND open > lim THEN ', ' ELSE '' END || CASE WHEN open > lim THEN "
"printf('%s open over the credit limit %s', " CRM_SQL_MONEY("open") ", "
CRM_SQL_MONEY("lim") ") ELSE '' END FROM rv "
") GROUP BY id) "
"SELECT sg.id, sg.gap, sg.dr AS \"drop\", sg.cp AS complaints, sg.rp AS "
"returns, sg.rc AS receivables, sg.n AS nsignals, CASE WHEN sg.rc OR "
"sg.n >= 2 THEN 'high' ELSE 'medium' END AS level, "
"substr(CASE WHEN sg.gap THEN ',gap' ELSE '' END || CASE WHEN sg.dr "
"THEN ',drop' ELSE '' END || CASE WHEN sg.cp THEN ',complaints' ELSE '' "
"END || CASE WHEN sg.rp THEN ',returns' ELSE '' END || CASE WHEN sg.rc "
"THEN ',receivables' ELSE '' END, 2) AS signals, sg.why AS reasons, "
"coalesce(rt.rev, 0) AS revenue FROM sg LEFT JOIN rt ON rt.id = sg.id)";

/*
 * The statement of one row per customer at risk (see risk_sql), to
 * free, its parameters added to f (compiled with its window: ?1 its
 * start, ?2 its end, which is now when NULL).  NULL when the parameters
 * could not be had.
 */
char *
crm_risk_sql(struct crm_filter *f)
{
	struct crm_risk p;
	struct crm_buf b = { 0 };
	struct crm_dur dur;
	char a[CRM_TIME_LEN], bb[CRM_TIME_LEN], e[CRM_TIME_LEN];
	const char *now, *s;
	time_t t;
	int pn, pe, pa, pb, pp, pk, pm, ps, pr, pi;

	if (crm_risk_params(f->db, &p) < 0)
		return NULL;
	now = f->nparams > 1 && f->params[1].s ? f->params[1].s :
	    crm_now_str();
	if (crm_parse_when(now, &t) < 0)
		t = crm_now();
	crm_parse_dur(p.period, &dur);
	crm_fmt_time(crm_dur_add(t, &dur, -1), a);
	crm_fmt_time(crm_dur_add(crm_dur_add(t, &dur, -1), &dur, -1), bb);
	/* The rows' end: a window's end is not in it; now is. */
	if (f->nparams > 1 && f->params[1].s)
		snprintf(e, sizeof e, "%s", now);
	else
		crm_fmt_time(t + 1, e);
	pn = crm_filter_param(f, now);
	pe = crm_filter_param(f, e);
	pa = crm_filter_param(f, a);
	pb = crm_filter_param(f, bb);
	pp = crm_filter_param(f, p.period);
	pk = crm_filter_param_real(f, p.gap);
	pm = crm_filter_param_int(f, p.gap_min);
	ps = crm_filter_param_real(f, p.drop);
	pr = crm_filter_param_real(f, p.rate);
	pi = crm_filter_param_int(f, p.min);
	for (s = risk_sql; *s; s++) {
		if (*s != '@' || !s[1] || !strchr("FNEABPKMSRI", s[1])) {
			crm_buf_addc(&b, *s);
			continue;
		}
		switch (*++s) {
		case 'F': crm_buf_adds(&b, "?1"); break;
		case 'N': crm_buf_addf(&b, "?%d", pn); break;
		case 'E': crm_buf_addf(&b, "?%d", pe); break;
		case 'A': crm_buf_addf(&b, "?%d", pa); break;
		case 'B': crm_buf_addf(&b, "?%d", pb); break;
		case 'P': crm_buf_addf(&b, "?%d", pp); break;
		case 'K': crm_buf_addf(&b, "?%d", pk); break;
		case 'M': crm_buf_addf(&b, "?%d", pm); break;
		case 'S': crm_buf_addf(&b, "?%d", ps); break;
		case 'R': crm_buf_addf(&b, "?%d", pr); break;
		case 'I': crm_buf_addf(&b, "?%d", pi); break;
		}
	}
	return b.s;
}

/*
 * A filter name about risk (risk, risk_gap ...): the SQL of its value
 * for the customer c, to free, or NULL when the parameters could not be
 * had.  Every customer at risk is worked out once, and looked up.
 */
char *
crm_risk_field(struct crm_filter *f, const char *name)
{
	static const struct {
		const char *name, *col, *none;
	} cols[] = {
		/* A flag is a comparison's value: FALSE, SQLite's 0. */
		{ "risk", "level", "'low'" },
		{ "risk_signals", "nsignals", "0" },
		{ "risk_gap", "gap", "FALSE" },
		{ "risk_drop", "\"drop\"", "FALSE" },
		{ "risk_complaints", "complaints", "FALSE" },
		{ "risk_returns", "returns", "FALSE" },
		{ "risk_receivables", "receivables", "FALSE" },
	};
	char *sub, *sql;
	size_t i;

	for (i = 0; i < CRM_NELEM(cols) - 1; i++)
		if (strcmp(name, cols[i].name) == 0)
			break;
	if ((sub = crm_risk_sql(f)) == NULL)
		return NULL;
	sql = crm_xasprintf("coalesce((WITH rk AS MATERIALIZED %s SELECT %s "
	    "FROM rk WHERE rk.id = c.id), %s)", sub, cols[i].col,
	    cols[i].none);
	free(sub);
	return sql;
}

/*
 * The columns of crm-segment --risk, and their SQL.  The level is named
 * risk, as the filter field and any listing's -f risk name it: a column
 * spelt only by crm, so that crm-add --import knows the listing read
 * back (another system's "level" is a tier there).  -f level, its name
 * before, is read as risk.
 */
static const struct {
	const char *name, *sql;
} risk_cols[] = {
	{ "id", "c.id" }, { "name", "c.name" }, { "owner", "c.owner" },
	{ "risk", "rk.level" }, { "signals", "rk.signals" },
	{ "reasons", "rk.reasons" },
	{ "revenue", CRM_SQL_MONEY("rk.revenue") },
};

/*
 * The select list of the -f names into sql, and the names into *hdr:
 * the risk columns, or any a listing may have (email, tier, an extra
 * field).  -1 for a name there is not.
 */
static int
columns(struct crm_db *db, struct crm_filter *f, const char *fields,
    struct crm_buf *sql, char ***hdr, size_t *n)
{
	char *frag;
	size_t i, k;

	if (fields == NULL || crm_fields_all(fields)) {
		*n = CRM_NELEM(risk_cols);
		*hdr = crm_xcalloc(*n, sizeof **hdr);
		for (i = 0; i < *n; i++)
			(*hdr)[i] = crm_xstrdup(risk_cols[i].name);
	} else {
		*hdr = crm_split_list(fields, n);
	}
	if (*n == 0)
		return crm_fail_arg(CRM_EX_USAGE, "fields", "no fields given");
	for (i = 0; i < *n; i++) {
		crm_buf_adds(sql, i ? ", " : "");
		if (strcmp((*hdr)[i], "level") == 0) {
			free((*hdr)[i]);
			(*hdr)[i] = crm_xstrdup("risk");
		}
		for (k = 0; k < CRM_NELEM(risk_cols); k++)
			if (strcmp((*hdr)[i], risk_cols[k].name) == 0)
				break;
		if (k < CRM_NELEM(risk_cols)) {
			crm_buf_adds(sql, risk_cols[k].sql);
			continue;
		}
		if (!crm_filter_known(db, (*hdr)[i]) &&
		    crm_filter_absent(db, (*hdr)[i], "fields") < 0)
			return -1;
		frag = crm_filter_printed(f, (*hdr)[i]);
		crm_buf_adds(sql, frag);
		free(frag);
	}
	return 0;
}

/*
 * crm-segment --risk: each customer the filter selects who has a
 * signal, the highest level and the most revenue first.  0, or -1.
 */
int
crm_risk_list(struct crm_db *db, const struct crm_seg *s)
{
	struct crm_filter f;
	struct crm_out *out;
	struct crm_stmt *st = NULL;
	struct crm_buf sql = { 0 };
	char *err, *sub, **hdr = NULL;
	size_t n = 0;
	long long rows = -1;
	int r = -1;

	if (crm_filter_compile(db, s->expr ? s->expr : "", s->window, NULL,
	    &f, &err) < 0) {
		crm_fail(CRM_EX_USAGE, "expression: %s", err);
		free(err);
		return -1;
	}
	crm_buf_adds(&sql, "SELECT ");
	if (columns(db, &f, s->fields, &sql, &hdr, &n) == 0 &&
	    (sub = crm_risk_sql(&f)) != NULL) {
		crm_buf_addf(&sql, " FROM %s rk JOIN customers c ON c.id = "
		    "rk.id WHERE (%s) ORDER BY rk.level = 'high' DESC, "
		    "rk.nsignals DESC, rk.revenue DESC, c.id", sub, f.sql.s);
		free(sub);
		st = crm_prepare(db, sql.s);
	}
	if (st != NULL) {
		crm_filter_bind(&f, st, 1);
		out = crm_out_new(stdout, s->fmt);
		if (s->spreadsheet)
			crm_out_spreadsheet(out);
		if (crm_out_header(out, (const char *const *)hdr, n) == 0 &&
		    (rows = crm_out_stmt(out, st)) >= 0)
			r = 0;
		crm_finalize(st);
		if (crm_out_end(out) < 0)
			r = -1;
		if (r == 0 && rows > 0)
			crm_audit_export(db, s->audit_what ? s->audit_what :
			    "segment --risk", rows);
	}
	crm_free_list(hdr, n);
	crm_buf_free(&sql);
	crm_filter_free(&f);
	return r < 0 || crm_db_failed(db) ? -1 : 0;
}
