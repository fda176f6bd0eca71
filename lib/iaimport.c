/*
 * iaimport.c - interactions from a file or a stream, and the key column
 * that names each record's customer in every stream a program reads.
 *
 * One interaction per row, for the customer its key column names; a row
 * already logged (same customer, time, kind and ref) is not logged again,
 * so an order export can be imported every night.
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/*
 * Streams of customers: the output of crm-segment, or any CSV/TSV with an
 * id, external_id or e-mail column (in that order of preference), or a
 * "customer" column holding any of the three.
 */
static const struct {
	const char *header;	/* normalised */
	const char *prefix;	/* for crm_cust_find() */
} keycols[] = {
	{ "id", "id:" },
	{ "externalid", "ext:" }, { "customerno", "ext:" },
	{ "customernumber", "ext:" }, { "客户编号", "ext:" },
	{ "email", "email:" }, { "emailaddress", "email:" },
	{ "email1value", "email:" }, { "邮箱", "email:" },
	{ "电子邮件", "email:" },
	{ "customerid", "ext:" },	/* as crm-add reads it */
	{ "customer", "" }, { "客户", "" },
};

int
crm_keycol_find(char *const *names, size_t n, struct crm_keycol *kc)
{
	size_t i, k;
	char *h;

	for (k = 0; k < sizeof keycols / sizeof keycols[0]; k++)
		for (i = 0; i < n; i++) {
			h = crm_norm_header(names[i]);
			if (strcmp(h, keycols[k].header) == 0) {
				free(h);
				kc->col = i;
				kc->prefix = keycols[k].prefix;
				kc->name = names[i];
				return 0;
			}
			free(h);
		}
	return -1;
}

/* The customer a record names; 0 and *err when none. */
long long
crm_keycol_customer(sqlite3 *db, const struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err)
{
	static char msg[256];
	char *key;
	long long id;

	if (kc->col >= rec->n || *crm_trim(rec->f[kc->col]) == '\0') {
		*err = "no customer given";
		return 0;
	}
	key = crm_xasprintf("%s%s", kc->prefix, rec->f[kc->col]);
	id = crm_cust_find(db, key, err);
	free(key);
	if (id == 0 && strncmp(*err, "no customer", 11) == 0) {
		snprintf(msg, sizeof msg, "no customer '%.200s'",
		    rec->f[kc->col]);
		*err = msg;
	}
	return id;
}

static int
keycol_like(const char *norm)
{
	size_t k;

	for (k = 0; k < sizeof keycols / sizeof keycols[0]; k++)
		if (strcmp(norm, keycols[k].header) == 0)
			return 1;
	return 0;
}

/* Interaction columns beyond the customer key. */
enum { I_AT, I_KIND, I_CHANNEL, I_PRODUCT, I_QTY, I_AMOUNT, I_RATING,
	I_SUMMARY, I_REF, I_OWNER, I_KEY, I_SCORE, I_SKIP };

static const struct {
	const char *from;
	int to;
} ia_aliases[] = {
	{ "at", I_AT }, { "date", I_AT }, { "time", I_AT },
	{ "datetime", I_AT }, { "orderdate", I_AT }, { "createdat", I_AT },
	{ "日期", I_AT }, { "时间", I_AT }, { "下单时间", I_AT },
	{ "kind", I_KIND }, { "type", I_KIND }, { "类型", I_KIND },
	{ "channel", I_CHANNEL }, { "渠道", I_CHANNEL },
	{ "product", I_PRODUCT }, { "item", I_PRODUCT }, { "sku", I_PRODUCT },
	{ "productname", I_PRODUCT }, { "商品", I_PRODUCT },
	{ "产品", I_PRODUCT },
	{ "quantity", I_QTY }, { "qty", I_QTY }, { "数量", I_QTY },
	{ "amount", I_AMOUNT }, { "total", I_AMOUNT },
	{ "ordertotal", I_AMOUNT }, { "金额", I_AMOUNT },
	{ "总额", I_AMOUNT },
	{ "rating", I_RATING }, { "评分", I_RATING },
	{ "summary", I_SUMMARY }, { "note", I_SUMMARY },
	{ "notes", I_SUMMARY }, { "description", I_SUMMARY },
	{ "subject", I_SUMMARY }, { "备注", I_SUMMARY },
	{ "摘要", I_SUMMARY },
	{ "ref", I_REF }, { "order", I_REF }, { "orderid", I_REF },
	{ "orderno", I_REF }, { "ordernumber", I_REF },
	{ "reference", I_REF }, { "ticket", I_REF }, { "订单号", I_REF },
	{ "owner", I_OWNER }, { "负责人", I_OWNER },
	{ "name", I_SKIP }, { "company", I_SKIP }, { "phone", I_SKIP },
	{ "-", I_SKIP },
};

static int
ia_target(const char *norm)
{
	size_t i;

	if (strncmp(norm, "score:", 6) == 0 && norm[6])
		return I_SCORE;
	for (i = 0; i < sizeof ia_aliases / sizeof ia_aliases[0]; i++)
		if (strcmp(norm, ia_aliases[i].from) == 0)
			return ia_aliases[i].to;
	return -1;
}

/*
 * Map an interaction file's header.  A column with no place in an
 * interaction stops the import before any row: dropping it silently would
 * lose data, so the user says what it is with --map.
 */
static int *
ia_map_header(char *const *names, size_t n, const struct crm_keycol *kc,
    const struct crm_import *im, const char *file, char ***scores)
{
	int *to = crm_xcalloc(n, sizeof *to);
	const char *m, *target;
	char *h, *t;
	size_t i;

	*scores = crm_xcalloc(n, sizeof **scores);
	for (i = 0; i < n; i++) {
		h = crm_norm_header(names[i]);
		m = crm_import_mapped(h, im->maps, im->nmaps);
		target = m ? m : names[i];
		t = crm_norm_header(target);
		to[i] = m && strcmp(crm_trim((char *)m), "-") == 0 ? I_SKIP :
		    ia_target(t);
		free(t);
		if (to[i] == I_SCORE)	/* "score:Quality": the indicator */
			(*scores)[i] = crm_xstrdup(strchr(target, ':') + 1);
		if (i == kc->col)
			to[i] = I_KEY;
		else if (to[i] < 0 && keycol_like(h))
			to[i] = I_SKIP;	/* another key of the same customer */
		free(h);
		if (to[i] < 0)
			crm_die(CRM_EX_DATAERR, "%s:1: %s: no such interaction "
			    "column (at kind channel product quantity amount "
			    "rating summary ref owner score:NAME); say what it "
			    "is with --map '%s=summary', or drop it with --map "
			    "'%s=-'", file, names[i], names[i], names[i]);
	}
	return to;
}

/* An interaction from one row, on top of the defaults; NULL or an error. */
static const char *
row_to_ia(const struct crm_rec *rec, const int *to, char *const *scores,
    struct crm_ia *ia, char **at_buf, int *col)
{
	const char *err;
	char *v, *score;
	time_t t;
	long r;
	size_t i;

	for (i = 0; i < rec->n; i++) {
		v = crm_trim(rec->f[i]);
		*col = (int)i;
		if (*v == '\0' || to[i] == I_KEY || to[i] == I_SKIP)
			continue;
		switch (to[i]) {
		case I_AT:
			if (crm_parse_when(v, &t) < 0)
				return "not a date (" CRM_DATE_HINT ")";
			crm_fmt_time(t, *at_buf);
			ia->at = *at_buf;
			break;
		case I_KIND: crm_lower(v), ia->kind = v; break;
		case I_CHANNEL: crm_lower(v), ia->channel = v; break;
		case I_PRODUCT: ia->product = v; break;
		case I_SUMMARY: ia->summary = v; break;
		case I_REF: ia->ref = v; break;
		case I_OWNER: ia->owner = v; break;
		case I_QTY:
			r = strtol(v, &score, 10);
			if (*score || r <= 0)
				return "not a positive whole number";
			ia->qty = r, ia->has_qty = 1;
			break;
		case I_AMOUNT:
			if (crm_parse_money(v, &ia->amount) < 0)
				return "not an amount (" CRM_MONEY_HINT ")";
			ia->has_amount = 1;
			break;
		case I_RATING:
			if (strlen(v) != 1 || *v < '1' || *v > '5')
				return "a rating is from 1 to 5";
			ia->rating = *v - '0';
			break;
		case I_SCORE:
			score = crm_xasprintf("%s=%s", scores[i], v);
			err = crm_ia_score(ia, score);
			free(score);
			if (err)
				return err;
			break;
		}
	}
	*col = -1;
	return crm_ia_check(ia);
}

static void
audit_batch(sqlite3 *db, const char *action, const char *file, long n,
    long long first, long long last)
{
	struct crm_buf d = { 0 };

	crm_buf_adds(&d, "{\"file\":");
	crm_json_str(&d, file);
	crm_buf_addf(&d, ",\"logged\":%ld", n);
	if (n)
		crm_buf_addf(&d, ",\"interaction_ids\":[%lld,%lld]", first,
		    last);
	crm_buf_addc(&d, '}');
	crm_audit(db, action, 0, d.s);
	crm_buf_free(&d);
}

/* One interaction row: 0 logged or already there, -1 rejected (*why). */
static int
import_ia_row(sqlite3 *db, const struct crm_rec *rec, const int *to,
    char *const *names, char *const *scores, const struct crm_keycol *kc,
    const struct crm_ia *defaults, struct crm_import *im, char **why)
{
	struct crm_ia ia = *defaults;
	char at[CRM_TIME_LEN], *atp = at, *sc;
	const char *err;
	long long customer, id;
	size_t i;
	int col = kc->col;

	ia.scores = NULL, ia.nscores = 0;
	if (crm_rec_blank(rec))
		return 0;
	for (i = 0; i < defaults->nscores; i++) {	/* --score */
		sc = crm_xasprintf("%s=%d", defaults->scores[i].indicator,
		    defaults->scores[i].score);
		crm_ia_score(&ia, sc);
		free(sc);
	}
	if ((customer = crm_keycol_customer(db, kc, rec, &err)) == 0 ||
	    (err = row_to_ia(rec, to, scores, &ia, &atp, &col))) {
		*why = crm_import_reason(err, names, col);
		crm_ia_free(&ia);
		return -1;
	}
	if (ia.at == NULL)
		ia.at = crm_now_str();
	if (crm_ia_exists(db, customer, &ia)) {
		im->unchanged++;
	} else {
		id = crm_ia_insert(db, customer, &ia, 0);
		if (im->added++ == 0)
			im->first_id = id;
		im->last_id = id;
	}
	crm_ia_free(&ia);
	return 0;
}

/*
 * Interactions from a file: one per row, for the customer its key column
 * names.  A row already logged (same customer, time, kind and ref) is not
 * logged again, so an order export can be imported every night.
 */
struct ia_ctx {
	sqlite3 *db;
	int *to;
	char *const *names;
	char **scores;
	struct crm_keycol kc;
	const struct crm_ia *defaults;
	struct crm_import *im;
};

static int
ia_row(const struct crm_rec *rec, void *p, char **why)
{
	struct ia_ctx *x = p;

	return import_ia_row(x->db, rec, x->to, x->names, x->scores, &x->kc,
	    x->defaults, x->im, why);
}

void
crm_import_interactions(sqlite3 *db, struct crm_rd *rd, struct crm_import *im,
    const struct crm_ia *defaults)
{
	struct ia_ctx x = { 0 };
	size_t n = crm_rd_header(rd, &x.names);

	x.db = db, x.defaults = defaults, x.im = im;
	if (crm_keycol_find(x.names, n, &x.kc) < 0)
		crm_die(CRM_EX_DATAERR, "%s:1: no customer column (id, "
		    "external_id, email or customer)", crm_rd_name(rd));
	x.to = ia_map_header(x.names, n, &x.kc, im, crm_rd_name(rd),
	    &x.scores);
	crm_import_rows(rd, im, ia_row, &x);
	free(x.to);
	crm_free_list(x.scores, n);
	audit_batch(db, "log-import", crm_rd_name(rd), im->added,
	    im->first_id, im->last_id);
}
