/*
 * recv.c - receivables and credit: invoices and the payments that settle
 * them (interactions of kinds invoice and payment, schema 7), a
 * customer's credit limit and payment terms, and the ageing report.
 *
 * An invoice's ref is its number, unique per customer; its due date is
 * given, else its time plus the customer's terms, else plus the setting
 * "terms", else plus 30 days.  A payment's ref names the invoice of the
 * same customer it settles, wholly or in part; several may settle one,
 * never more than is open on it.  A payment that names no invoice of its
 * customer is refused: crm keeps no unapplied cash, and no credit of its
 * own (an invoice list's credit note is logged as payments of the
 * invoices it settles, oldest first).  The definitions are
 * in crm-log(1) and crm-report(1) and must stay true to this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

#define TERMS_KEY	"terms"
#define TERMS_DEFAULT	"30d"


/*
 * What is still open on invoice ref of customer: its amount less the
 * payments against it, never below 0; -1 when there is no such invoice (or the
 * database failed: crm_db_failed says which).
 */
long long
crm_recv_open(struct crm_db *db, long long customer, const char *ref)
{
	long long amount;

	amount = crm_query_int(db, -1, "SELECT amount FROM interactions WHERE "
	    "kind = 'invoice' AND customer_id = ? AND ref = ? ORDER BY id "
	    "LIMIT 1", "is", customer, ref);
	if (amount < 0)
		return -1;
	amount -= crm_recv_paid(db, customer, ref);
	return amount < 0 ? 0 : amount;
}

/*
 * The due date of an invoice of customer issued at at: at plus the
 * customer's terms, else the setting's, else 30 days.  NULL, or what is
 * wrong (stored terms that are no duration); NULL too when the database
 * failed (crm_db_failed says so).
 */
static const char *
due_by_terms(struct crm_db *db, long long customer, const char *at,
    char due[CRM_TIME_LEN])
{
	static char msg[200];
	char *terms = crm_query_text(db, "SELECT coalesce((SELECT terms FROM "
	    "customers WHERE id = ?), (SELECT value FROM settings WHERE key = "
	    "'" TERMS_KEY "'), '" TERMS_DEFAULT "')", "i", customer);
	const char *err = NULL;
	struct crm_dur d;
	time_t t;

	if (terms == NULL)
		return NULL;
	if (crm_parse_dur(terms, &d) < 0) {
		snprintf(msg, sizeof msg, "customer %lld's payment terms "
		    "'%.40s' are not a duration such as 30d", customer, terms);
		err = msg;
	} else if (crm_parse_when(at, &t) < 0) {
		err = "its time is not a time";
	} else {
		crm_fmt_time(crm_dur_add(t, &d, 1), due);
	}
	free(terms);
	return err;
}

/*
 * Payment terms as a duration, into dur: a duration (30d, 2w; 0d is due
 * on receipt) or an accounting system's words for one (Net 30, 30 days,
 * Due on receipt).  0, or -1 when s is none of them (nothing recorded).
 */
int
crm_parse_terms(const char *s, char dur[CRM_TERMS_LEN])
{
	struct crm_dur d;
	char *end;
	long n;

	while (*s == ' ')
		s++;
	if (crm_parse_dur(s, &d) == 0 && strlen(s) < CRM_TERMS_LEN) {
		snprintf(dur, CRM_TERMS_LEN, "%s", s);
		return 0;
	}
	if (strcasecmp(s, "due on receipt") == 0) {
		snprintf(dur, CRM_TERMS_LEN, "0d");
		return 0;
	}
	if (strncasecmp(s, "net", 3) == 0)
		s += 3;
	n = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (end != s && n >= 0 && n <= 100000 && (*end == '\0' ||
	    strcasecmp(end, "days") == 0 || strcasecmp(end, "day") == 0)) {
		snprintf(dur, CRM_TERMS_LEN, "%ldd", n);
		return 0;
	}
	return -1;
}

/*
 * The invoices of customer with something open, oldest first (by their
 * time, then as logged): each its ref, time and open part, *n of them;
 * NULL when there are none (or the database failed: crm_db_failed says
 * which).  A credit crm is told of without its invoice is applied to
 * them in this order (crm-log(1)).  Freed with crm_recv_open_free().
 */
struct crm_recv_inv *
crm_recv_open_list(struct crm_db *db, long long customer, size_t *n)
{
	struct crm_recv_inv *v = NULL;
	struct crm_stmt *st;
	long long open;

	*n = 0;
	st = crm_prepare(db, "SELECT i.ref, i.at, "
	    CRM_SQL_INVOICE_OPEN("1 = 1") " FROM interactions i WHERE "
	    "i.kind = 'invoice' AND i.customer_id = ? ORDER BY i.at, i.id");
	crm_bind_int(st, 1, customer);
	while (crm_step(st) == CRM_ROW) {
		if ((open = crm_col_int(st, 2)) <= 0)
			continue;
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[*n].ref = crm_xstrdup(crm_col_text(st, 0));
		snprintf(v[*n].at, sizeof v[*n].at, "%s", crm_col_text(st, 1));
		v[(*n)++].open = open;
	}
	crm_finalize(st);
	return v;
}

/*
 * The payments of customer's invoices logged at time at with no summary
 * (a payment's own, not a credit note's): each invoice's ref, at, and
 * their sum in open, *n of them; NULL for none (or the database failed:
 * crm_db_failed says which).  An invoice list's Payment row finds so
 * what it logged to invoices the file does not list when the file was
 * read before (iaimport.c).  Freed with crm_recv_open_free().
 */
struct crm_recv_inv *
crm_recv_paid_at(struct crm_db *db, long long customer, const char *at,
    size_t *n)
{
	struct crm_recv_inv *v = NULL;
	struct crm_stmt *st;

	*n = 0;
	st = crm_prepare(db, "SELECT ref, sum(amount) FROM interactions "
	    "WHERE kind = 'payment' AND customer_id = ? AND at = ? AND "
	    "summary IS NULL AND ref IS NOT NULL GROUP BY ref ORDER BY ref");
	crm_bind_int(st, 1, customer);
	crm_bind_text(st, 2, at);
	while (crm_step(st) == CRM_ROW) {
		v = crm_xreallocarray(v, *n + 1, sizeof *v);
		v[*n].ref = crm_xstrdup(crm_col_text(st, 0));
		snprintf(v[*n].at, sizeof v[*n].at, "%s", at);
		v[(*n)++].open = crm_col_int(st, 1);
	}
	crm_finalize(st);
	return v;
}

void
crm_recv_open_free(struct crm_recv_inv *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].ref);
	free(v);
}

/* What has been paid of invoice ref of customer. */
long long
crm_recv_paid(struct crm_db *db, long long customer, const char *ref)
{
	return crm_query_int(db, 0, "SELECT coalesce(sum(amount), 0) FROM "
	    "interactions WHERE kind = 'payment' AND customer_id = ? AND ref "
	    "= ?", "is", customer, ref);
}

/*
 * What is wrong with an invoice or a payment of customer, against what
 * is stored, or NULL; an invoice's due date filled in (due: "" for any
 * other kind).  Wrong: a second invoice of the same number, one due
 * before the day it is issued, a payment of no invoice of the
 * customer's, of more than is open on it, or dated before the day the
 * invoice was issued.  NULL too
 * when the database failed (crm_db_failed says so).  Nothing recorded:
 * an import refuses the row.
 */
const char *
crm_recv_why(struct crm_db *db, long long customer, const struct crm_ia *ia,
    char due[CRM_TIME_LEN])
{
	static char msg[300];
	char a[32], b[32], *issued;
	long long open;

	due[0] = '\0';
	if (strcmp(ia->kind, "invoice") == 0) {
		if (crm_query_int(db, 0, "SELECT 1 FROM interactions WHERE "
		    "kind = 'invoice' AND customer_id = ? AND ref = ?", "is",
		    customer, ia->ref)) {
			snprintf(msg, sizeof msg, "customer %lld has an "
			    "invoice %.100s already", customer, ia->ref);
			return msg;
		}
		if (ia->due && ia->at && strncmp(ia->due, ia->at, 10) < 0) {
			snprintf(msg, sizeof msg, "an invoice due before it is "
			    "issued: due %.10s, issued %.10s", ia->due,
			    ia->at);
			return msg;
		}
		if (ia->due) {
			snprintf(due, CRM_TIME_LEN, "%s", ia->due);
			return NULL;
		}
		return due_by_terms(db, customer, ia->at, due);
	}
	if (strcmp(ia->kind, "payment") != 0)
		return NULL;
	open = crm_recv_open(db, customer, ia->ref);
	if (crm_db_failed(db))
		return NULL;
	if (open < 0) {
		snprintf(msg, sizeof msg, "a payment of no invoice: customer "
		    "%lld has no invoice '%.100s'", customer, ia->ref);
		return msg;
	}
	issued = crm_query_text(db, "SELECT at FROM interactions WHERE kind = "
	    "'invoice' AND customer_id = ? AND ref = ? ORDER BY id LIMIT 1",
	    "is", customer, ia->ref);
	if (issued && ia->at && strncmp(ia->at, issued, 10) < 0) {
		snprintf(msg, sizeof msg, "a payment dated %.10s, before "
		    "invoice %.100s was issued (%.10s)", ia->at, ia->ref,
		    issued);
		free(issued);
		return msg;
	}
	free(issued);
	if (ia->amount > open) {
		snprintf(msg, sizeof msg, "a payment of %s is more than the %s "
		    "open on invoice %.100s", crm_fmt_money(ia->amount, a),
		    crm_fmt_money(open, b), ia->ref);
		return msg;
	}
	return NULL;
}

/* As crm_recv_why, what is wrong recorded (65): 0, or -1. */
int
crm_recv_check(struct crm_db *db, long long customer, const struct crm_ia *ia,
    char due[CRM_TIME_LEN])
{
	const char *err = crm_recv_why(db, customer, ia, due);

	if (err)
		return crm_fail(CRM_EX_DATAERR, "%s", err);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * crm-remind's done of invoice id: an invoice is done when it is paid,
 * so done refuses it (65), saying so; or that there is no invoice id.
 * Always -1, with the error recorded.
 */
int
crm_recv_done(struct crm_db *db, long long id)
{
	char *kind = crm_query_text(db, "SELECT kind FROM interactions WHERE "
	    "id = ?", "i", id);
	int r;

	if (kind == NULL && crm_db_failed(db))
		return -1;
	if (kind == NULL)
		r = crm_fail(CRM_EX_DATAERR, "no invoice %lld", id);
	else if (strcmp(kind, "invoice") != 0)
		r = crm_fail(CRM_EX_DATAERR, "interaction %lld is not an "
		    "invoice but a %s", id, kind);
	else
		r = crm_fail(CRM_EX_DATAERR, "invoice:%lld is done when it is "
		    "paid: log the payment (crm-log CUSTOMER payment {amount} "
		    "AMOUNT {ref} INVOICE)", id);
	free(kind);
	return r;
}

/*
 * Set a customer's credit limit (has_limit 1: limit, minor units; -1:
 * none; 0: leave it) and payment terms (a checked duration, "" for the
 * setting's, NULL: leave them), with an audit row of its own when audit
 * (an import has one for the file).  0, or -1 with the error kept.
 */
int
crm_recv_set_credit(struct crm_db *db, long long customer, int has_limit,
    long long limit, const char *terms, int audit)
{
	struct crm_buf d = { 0 };
	char m[32];

	if (has_limit == 0 && terms == NULL)
		return 0;
	if (has_limit)
		crm_exec(db, "UPDATE customers SET credit_limit = CASE WHEN ? "
		    "THEN CAST(? AS INTEGER) END WHERE id = ?", "iii",
		    (long long)(has_limit > 0), limit, customer);
	if (terms)
		crm_exec(db, "UPDATE customers SET terms = nullif(?, '') WHERE "
		    "id = ?", "si", terms, customer);
	if (!audit)
		return crm_db_failed(db) ? -1 : 0;
	crm_buf_adds(&d, "{");
	if (has_limit > 0)
		crm_buf_addf(&d, "\"credit_limit\":\"%s\"",
		    crm_fmt_money(limit, m));
	else if (has_limit < 0)
		crm_buf_adds(&d, "\"credit_limit\":null");
	if (terms) {
		crm_buf_adds(&d, has_limit ? ",\"terms\":" : "\"terms\":");
		if (*terms)
			crm_json_str(&d, terms);
		else
			crm_buf_adds(&d, "null");
	}
	crm_buf_addc(&d, '}');
	crm_audit(db, "credit", customer, d.s);
	crm_buf_free(&d);
	return crm_db_failed(db) ? -1 : 0;
}

/* The report's grouping: by customer (NULL) or by owner. */
int
crm_recv_group_check(const char *group)
{
	if (group == NULL || strcmp(group, "owner") == 0)
		return 0;
	return crm_fail_arg(CRM_EX_USAGE, "group", "receivables groups by "
	    "owner, not '%s'", group);
}

/*
 * The invoices open at $T (the report's time) of the customers c that
 * $W selects, each with its open part (never below 0), its days past
 * due and its amount if it was issued in the 90 days before $T; and the
 * buckets summed by key.  The days past due are whole days from the due time to $T,
 * rounded down: 0 or less is current.
 */
#define RECV_INVOICES \
	"WITH inv AS (SELECT i.customer_id AS cid, c.name AS name, " \
	"c.owner AS owner, c.credit_limit AS credit_limit, " \
	CRM_SQL_INVOICE_OPEN("p.at < $T") " AS open, " \
	"CAST(julianday($T) - julianday(i.due) AS " \
	"INTEGER) AS late, CASE WHEN i.at >= strftime('%Y-%m-%dT%H:%M:%SZ', " \
	"$T, '-90 days') THEN i.amount ELSE 0 END AS recent FROM " \
	"interactions i JOIN customers c ON c.id = i.customer_id WHERE " \
	"i.kind = 'invoice' AND i.at < $T AND $W), "
#define RECV_SUMS \
	"coalesce(sum(CASE WHEN late <= 0 THEN open END), 0) AS b0, " \
	"coalesce(sum(CASE WHEN late BETWEEN 1 AND 30 THEN open END), 0) AS " \
	"b1, coalesce(sum(CASE WHEN late BETWEEN 31 AND 60 THEN open END), " \
	"0) AS b2, coalesce(sum(CASE WHEN late BETWEEN 61 AND 90 THEN open " \
	"END), 0) AS b3, coalesce(sum(CASE WHEN late > 90 THEN open END), 0) " \
	"AS b4, coalesce(sum(open), 0) AS o, coalesce(sum(recent), 0) AS " \
	"recent"
/* The customers with something open. */
#define RECV_OPEN_CUST "count(DISTINCT CASE WHEN open <> 0 THEN cid END)"
#define RECV_COLS \
	CRM_SQL_MONEY("b0") " AS current, " \
	CRM_SQL_MONEY("b1") " AS days_1_30, " \
	CRM_SQL_MONEY("b2") " AS days_31_60, " \
	CRM_SQL_MONEY("b3") " AS days_61_90, " \
	CRM_SQL_MONEY("b4") " AS over_90, " \
	CRM_SQL_MONEY("o") " AS open, " \
	"CASE WHEN recent > 0 THEN fixed(90.0 * o / recent, 1) END AS dso"

/*
 * The SQL of the receivables report, written with report.c's $T (the
 * report's time) and $W (the customer filter on c): a row a customer
 * (or an owner) with something open, the largest first, and a total.
 * The customer's id is text beside 'total' (a column of a UNION has one
 * type on PostgreSQL), sorted as the number it is.
 */
const char *
crm_recv_report_sql(const char *group)
{
	if (group)
		return RECV_INVOICES "g AS (SELECT owner, " RECV_OPEN_CUST
		    " AS customers, " RECV_SUMS " FROM inv GROUP BY owner) "
		    "SELECT owner, customers, " RECV_COLS " FROM (SELECT 0 AS "
		    "k, * FROM g WHERE o <> 0 UNION ALL SELECT 1, 'total', "
		    RECV_OPEN_CUST ", " RECV_SUMS " FROM inv) ORDER BY k, o "
		    "DESC, owner NULLS FIRST";
	return RECV_INVOICES "g AS (SELECT cid, name, owner, credit_limit, "
	    RECV_SUMS " FROM inv GROUP BY cid, name, owner, credit_limit) "
	    "SELECT customer, name, owner, " RECV_COLS ", CASE WHEN "
	    "credit_limit IS NOT NULL THEN " CRM_SQL_MONEY("credit_limit")
	    " END AS credit_limit FROM (SELECT 0 AS k, cid, CAST(cid AS TEXT) "
	    "AS customer, name, owner, credit_limit, b0, b1, b2, b3, b4, o, "
	    "recent FROM g WHERE o <> 0 UNION ALL SELECT 1, NULL, 'total', "
	    "NULL, NULL, NULL, " RECV_SUMS " FROM inv) ORDER BY k, o DESC, cid";
}
