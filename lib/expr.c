/*
 * expr.c - the filter language, compiled to a WHERE clause with bound
 * parameters:
 *
 *	tier = gold and industry in (steel, energy) and last_contact > 30d
 *
 * The SQL text is made only of fragments written here; every value from
 * the expression, and every extra field's name, is a numbered parameter
 * (?1 and ?2 are the start and end of the window metrics are counted
 * over).  So an expression can select any customers it likes and nothing
 * else: it cannot reach SQL.
 *
 * Grammar (keywords in any case):
 *	expr	= and { "or" and }
 *	and	= not { "and" not }
 *	not	= "not" not | "(" expr ")" | "has" value
 *		| "matches" value | cond
 *	cond	= field op value | field ["not"] "in" "(" value {"," value} ")"
 *		| field "is" ["not"] "empty"
 *	field	= word | "[" name "]"
 *	op	= "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "~"
 *
 * The brackets are for an extra field named by a spreadsheet's header,
 * "[WeChat ID]", which a word cannot hold; "]]" in them is one "]".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

/*
 * Limits that keep the SQL within SQLite's, whatever statement the
 * filter is put in.  Each parenthesis or "not" takes a place on SQLite's
 * parser stack, which holds 100 (YYSTACKDEPTH) for the whole statement:
 * at 64 levels a revenue condition inside crm-segment --sample or a
 * crm-report query overflowed it.  Each "and" or "or" makes the SQL tree
 * one level deeper, and SQLite refuses trees more than 1000 deep
 * (SQLITE_MAX_EXPR_DEPTH); a condition takes about 12 levels, and a
 * statement that holds the filter twice (crm-segment --sample,
 * crm-report owners) counts it twice: 470 conditions were too many
 * there.  Every value is a parameter, far below SQLite's 32766.
 */
#define MAX_DEPTH	32	/* parentheses and "not" */
#define MAX_CONDS	200	/* conditions and "has" */
#define MAX_VALUES	10000	/* values, each "in" list's one by one */
#define STR(n)		STR_(n)
#define STR_(n)		#n

/*
 * F_LEVEL: low < medium < high (risk); F_FLAG: 0 or 1 (risk_gap ...).
 * F_DATE: a time that may be to come (a deal's close) or not yet (its
 * closed), where F_TIME is one past (last_contact): none is no date at
 * all, not longer ago than any.
 */
enum ftype { F_TEXT, F_TIME, F_COUNT, F_MONEY, F_REAL, F_FIELD, F_LEVEL,
	F_FLAG, F_DATE };

/*
 * Interactions in the window [?1, ?2): ?1 is '' for all time, which every
 * time is at or after, and ?2 NULL for no end.
 */
#define IN_WINDOW "at >= ?1 AND (?2 IS NULL OR at < ?2)"

/* An organisation's figures are its own and its contacts'. */
#define MEMBERS CRM_ORG_MEMBERS

/* A metric: head, whose rows, tail; a person's are their own. */
#define METRIC(name, type, head, tail) \
	{ name, type, head "customer_id = c.id" tail, \
	  head "customer_id IN " MEMBERS tail }

/* The SQL of a risk name: risk.c's, made when it is used. */
static const char RISK[] = "";
#define IS_RISK(fd)	((fd)->sql == RISK)

/*
 * The invoices' open amounts (less the payments against each, never
 * below 0) before the window's end ?2, else up to now, of those where
 * cond holds; the customer's condition, on column prefix, follows.
 */
#define RECV_OPEN(cond, prefix) "(SELECT coalesce(sum(" \
	CRM_SQL_INVOICE_OPEN("(p.at < ?2 OR (?2 IS NULL AND p.at <= " \
	"crm_now()))") "), 0) FROM " \
	"interactions i WHERE i.kind = 'invoice' AND (i.at < ?2 OR (?2 IS " \
	"NULL AND i.at <= crm_now())) AND " cond " AND " \
	prefix

/*
 * A metric kept in cust_totals (schema 8, agg.c): for all time (?1 '',
 * ?2 NULL) the customer's row there, col (for a person) or agg over
 * their members' rows (for an organisation); for a window bounded by a
 * date the raw rows, as METRIC.  zero is the figure of a customer with
 * no row (no interactions): 0 for a count or a sum.
 */
#define ALL_TIME "?1 = '' AND ?2 IS NULL"
#define AGG(name, type, zero, col, agg, head, tail) \
	AGG_IN(name, type, zero, col, agg, head, tail, "", "")
/* The same, the figure put inside l and r. */
#define AGG_IN(name, type, zero, col, agg, head, tail, l, r) \
	{ name, type, l "(CASE WHEN " ALL_TIME " THEN coalesce((SELECT " col \
	  " FROM cust_totals WHERE customer_id = c.id), " zero \
	  ") ELSE " head "customer_id = c.id" tail " END)" r, \
	  l "(CASE WHEN " ALL_TIME " THEN coalesce((SELECT " agg " FROM " \
	  "cust_totals WHERE customer_id IN " MEMBERS "), " zero \
	  ") ELSE " head "customer_id IN " MEMBERS tail " END)" r }

/*
 * A mean (F_REAL) has the two decimals crm-report prints one with
 * (fixed(): half away from zero), in a filter as in a column: what is
 * printed is what "rating = 3.33" compares, not 3.33333333333333.
 */
#define MEAN_DECIMALS	2
#define MEAN_L	"CAST(fixed("
#define MEAN_R	", " STR(MEAN_DECIMALS) ") AS REAL)"

/*
 * What a name means: sql for a person, roll (when it differs) for an
 * organisation.  Metrics, from last_contact on, look only at the
 * interactions in the window.  In this SQL "c." is only ever the
 * customer's alias: realias() puts another in its place.
 */
static const struct field {
	const char *name;
	enum ftype type;
	const char *sql;
	const char *roll;
} fields[] = {
	{ "id", F_COUNT, "c.id", NULL },
	{ "external_id", F_TEXT, "c.external_id", NULL },
	{ "name", F_TEXT, "c.name", NULL },
	{ "company", F_TEXT, "c.company", NULL },
	{ "email", F_TEXT, "c.email", NULL },
	{ "phone", F_TEXT, "c.phone", NULL },
	{ "industry", F_TEXT, "c.industry", NULL },
	{ "tier", F_TEXT, "c.tier", NULL },
	{ "owner", F_TEXT, "c.owner", NULL },
	{ "status", F_TEXT, "c.status", NULL },
	{ "created", F_TIME, "c.created", NULL },
	{ "updated", F_TIME, "c.updated", NULL },
	AGG("last_contact", F_TIME, "NULL", "last_at", "max(last_at)",
	    "(SELECT max(at) FROM interactions WHERE ", " AND " IN_WINDOW ")"),
	AGG("last_purchase", F_TIME, "NULL", "last_purchase",
	    "max(last_purchase)",
	    "(SELECT max(at) FROM interactions "
	    "WHERE ", " AND kind = 'purchase' AND " IN_WINDOW ")"),
	AGG("purchases", F_COUNT, "0", "purchases", "sum(purchases)",
	    "(SELECT count(*) FROM interactions "
	    "WHERE ", " AND kind = 'purchase' AND " IN_WINDOW ")"),
	/* Orders (crm.h's CRM_SQL_ORDERS), kept in cust_orders (schema
	 * 13): an organisation's are its people's, each their own. */
	{ "orders", F_COUNT, "(CASE WHEN " ALL_TIME " THEN coalesce(("
	  "SELECT orders FROM cust_orders WHERE customer_id = c.id), 0) "
	  "ELSE (SELECT " CRM_SQL_ORDERS " FROM interactions WHERE "
	  "customer_id = c.id AND kind = 'purchase' AND " IN_WINDOW ") END)",
	  "(CASE WHEN " ALL_TIME " THEN coalesce((SELECT sum(orders) FROM "
	  "cust_orders WHERE customer_id IN " MEMBERS "), 0) ELSE (SELECT "
	  CRM_SQL_ORDERS_OF " FROM interactions WHERE customer_id IN "
	  MEMBERS " AND kind = 'purchase' AND " IN_WINDOW ") END)" },
	AGG("revenue", F_MONEY, "0", "revenue", "sum(revenue)",
	    "(SELECT coalesce(sum(" CRM_NET_AMOUNT
	    "), 0) FROM interactions WHERE kind IN ('purchase', 'return') "
	    "AND ", " AND " IN_WINDOW ")"),
	AGG("returns", F_COUNT, "0", "returns", "sum(returns)",
	    "(SELECT count(*) FROM interactions "
	    "WHERE ", " AND kind = 'return' AND " IN_WINDOW ")"),
	AGG("complaints", F_COUNT, "0", "complaints", "sum(complaints)",
	    "(SELECT count(*) FROM interactions "
	    "WHERE ", " AND kind = 'complaint' AND " IN_WINDOW ")"),
	/* Open at the window's end: a report on a past period counts a
	 * complaint resolved after it as open then. */
	AGG("open_complaints", F_COUNT, "0", "open_complaints",
	    "sum(open_complaints)", "(SELECT count(*) FROM "
	    "interactions WHERE ", " AND kind = 'complaint' AND " IN_WINDOW
	    " AND (resolved IS NULL OR resolved >= ?2))"),
	/* No rating: NULL, which PostgreSQL's division by zero is not. */
	AGG_IN("rating", F_REAL, "NULL", "CAST(rating_sum AS REAL) / "
	    "nullif(rating_n, 0)", "CAST(sum(rating_sum) AS REAL) / "
	    "nullif(sum(rating_n), 0)",
	    "(SELECT avg(rating) FROM interactions "
	    "WHERE ", " AND rating IS NOT NULL AND " IN_WINDOW ")", MEAN_L,
	    MEAN_R),
	/* The latest Net Promoter answer, 0 to 10, none when none. */
	METRIC("nps", F_COUNT, "(SELECT " CRM_SQL_NPS_OF("i") " FROM "
	    "interactions i WHERE kind = 'feedback' AND ", " AND "
	    CRM_SQL_NPS_OF("i") " IS NOT NULL AND " IN_WINDOW " ORDER BY at "
	    "DESC, id DESC LIMIT 1)"),
	AGG("interactions", F_COUNT, "0", "n", "sum(n)",
	    "(SELECT count(*) FROM interactions "
	    "WHERE ", " AND " IN_WINDOW ")"),
	/* Organisations and their people (schema 4). */
	{ "type", F_TEXT, "c.type", NULL },
	{ "org", F_TEXT, "(SELECT o.name FROM customers o WHERE o.id = "
	    "c.org_id)", NULL },
	{ "role", F_TEXT, "c.role", NULL },
	{ "domain", F_TEXT, "c.domain", NULL },
	{ "contacts", F_COUNT, "(SELECT count(*) FROM customers WHERE "
	    "org_id = c.id)", NULL },
	/* The open deals now, whatever the window. */
	METRIC("deals", F_COUNT, "(SELECT count(*) FROM deals WHERE ",
	    " AND closed IS NULL)"),
	METRIC("pipeline", F_MONEY, "(SELECT coalesce(sum(amount), 0) FROM "
	    "deals WHERE ", " AND closed IS NULL)"),
	/* Credit (schema 7): the customer's limit and payment terms. */
	{ "credit_limit", F_MONEY, "c.credit_limit", NULL },
	{ "terms", F_TEXT, "c.terms", NULL },
	/* Receivables (schema 7) at the window's end, else now: what is
	 * open on invoices, the part of it past due, and whether it is
	 * more than the customer's credit limit. */
	METRIC("open_amount", F_MONEY, RECV_OPEN("TRUE", "i."), ")"),
	METRIC("overdue", F_MONEY, RECV_OPEN("i.due < coalesce(?2, "
	    "crm_now())", "i."), ")"),
	{ "over_credit", F_COUNT, "(c.credit_limit IS NOT NULL AND "
	    RECV_OPEN("TRUE", "i.") "customer_id = c.id) > c.credit_limit)",
	  "(c.credit_limit IS NOT NULL AND " RECV_OPEN("TRUE", "i.")
	    "customer_id IN " MEMBERS ") > c.credit_limit)" },
	/* Churn and risk signals (risk.c): their SQL is made with the
	 * parameters in force, up to the window's end or now. */
	{ "risk", F_LEVEL, RISK, NULL },
	{ "risk_signals", F_COUNT, RISK, NULL },
	{ "risk_gap", F_FLAG, RISK, NULL },
	{ "risk_drop", F_FLAG, RISK, NULL },
	{ "risk_complaints", F_FLAG, RISK, NULL },
	{ "risk_returns", F_FLAG, RISK, NULL },
	{ "risk_receivables", F_FLAG, RISK, NULL },
};

#define NFIELDS (sizeof fields / sizeof fields[0])

/*
 * A deal's own names, for a filter on deals (crm-deal list): deals "d"
 * joined to their customers "c", so every customer name above works too,
 * and where a name is both (owner, created ...) the deal's is meant.
 */
static const struct field deal_fields[] = {
	{ "id", F_COUNT, "d.id", NULL },
	{ "customer", F_COUNT, "d.customer_id", NULL },
	{ "title", F_TEXT, "d.title", NULL },
	{ "stage", F_TEXT, "d.stage", NULL },
	{ "amount", F_MONEY, "d.amount", NULL },
	{ "probability", F_COUNT, CRM_DEAL_PROB, NULL },
	{ "weighted", F_MONEY, CRM_DEAL_WEIGHTED, NULL },
	{ "close", F_DATE, "d.close", NULL },
	{ "owner", F_TEXT, "d.owner", NULL },
	{ "product", F_TEXT, "d.product", NULL },
	{ "reason", F_TEXT, "d.reason", NULL },
	{ "created", F_TIME, "d.created", NULL },
	{ "updated", F_TIME, "d.updated", NULL },
	{ "closed", F_DATE, "d.closed", NULL },
};

#define NDEAL_FIELDS (sizeof deal_fields / sizeof deal_fields[0])

enum tok { T_END, T_WORD, T_STRING, T_LPAREN, T_RPAREN, T_COMMA, T_OP };

struct parser {
	struct crm_db *db;
	const char *src, *p;
	enum tok tok;
	char *text;		/* the token's text */
	const char *tokp;	/* the byte it starts at */
	int col;		/* where it starts, in characters from 1 */
	const char *colp;	/* the byte col was counted up to */
	int depth, nconds, nvalues;
	int key;		/* the extra field's name: its parameter */
	const char *keyin;	/* whose extra field: extra_sql's from */
	int deals;		/* a filter on deals: deal_fields first */
	int bracket;		/* the field was named in brackets */
	struct crm_filter *f;
	char *err;
};


static int
fail(struct parser *ps, int col, const char *fmt, const char *arg)
{
	if (ps->err == NULL) {
		char *msg = crm_xasprintf(fmt, arg);

		ps->err = crm_xasprintf("column %d: %s", col, msg);
		free(msg);
	}
	return -1;
}

static int
is_word_char(int c)
{
	return c && !isspace(c) && !strchr("(),=!<>~'\"", c);
}

static void
next(struct parser *ps)
{
	const char *s;
	char q;

	free(ps->text);
	ps->text = NULL;
	while (isspace((unsigned char)*ps->p))
		ps->p++;
	/* Characters, not bytes: UTF-8 continuation bytes do not count.
	 * Counted on from the last token, so a long expression is read in
	 * linear time. */
	if (ps->colp == NULL)
		ps->colp = ps->src, ps->col = 1;
	for (; ps->colp < ps->p; ps->colp++)
		ps->col += ((unsigned char)*ps->colp & 0xc0) != 0x80;
	s = ps->tokp = ps->p;
	if (*s == '\0') {
		ps->tok = T_END;
		return;
	}
	if (*s == '(' || *s == ')' || *s == ',') {
		ps->tok = *s == '(' ? T_LPAREN : *s == ')' ? T_RPAREN :
		    T_COMMA;
		ps->text = crm_xstrndup(s, 1);
		ps->p++;
		return;
	}
	if (*s == '\'' || *s == '"') {
		struct crm_buf b = { 0 };

		q = *s++;
		for (; *s && !(*s == q && s[1] != q); s++) {
			if (*s == q)
				s++;	/* a doubled quote is one quote */
			crm_buf_addc(&b, *s);
		}
		ps->tok = *s == q ? T_STRING : T_END;
		if (*s != q)
			fail(ps, ps->col, "unterminated quoted value%s", "");
		ps->text = b.s ? b.s : crm_xstrdup("");
		ps->p = *s ? s + 1 : s;
		return;
	}
	if (strchr("=!<>~", *s)) {
		size_t n = (s[1] == '=' || (s[0] == '<' && s[1] == '>')) ? 2 :
		    1;

		ps->tok = T_OP;
		ps->text = crm_xstrndup(s, n);
		ps->p += n;
		return;
	}
	while (is_word_char((unsigned char)*ps->p))
		ps->p++;
	ps->tok = T_WORD;
	ps->text = crm_xstrndup(s, (size_t)(ps->p - s));
}

static int
is_kw(const struct parser *ps, const char *kw)
{
	return ps->tok == T_WORD && strcasecmp(ps->text, kw) == 0;
}

/* A new parameter; returns its number for the SQL text. */
static int
add_param(struct crm_filter *f, int type, const char *s, long long i,
    double d)
{
	struct crm_param *p;

	f->params = crm_xreallocarray(f->params, f->nparams + 1,
	    sizeof *f->params);
	p = &f->params[f->nparams++];
	p->type = type;
	p->s = s ? crm_nfc(s) : NULL;	/* as names are stored (cust.c) */
	p->i = i;
	p->d = d;
	return (int)f->nparams;
}

/* Edit distance, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	row = crm_xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0]++;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

static const struct field *
find_field(const char *name, int deals)
{
	size_t i;

	for (i = 0; deals && i < NDEAL_FIELDS; i++)
		if (strcmp(name, deal_fields[i].name) == 0)
			return &deal_fields[i];
	for (i = 0; i < NFIELDS; i++)
		if (strcmp(name, fields[i].name) == 0)
			return &fields[i];
	return NULL;
}

/*
 * The i-th name a filter or -f knows of customers (from 0), NULL past
 * the last: crm-segment --help lists them from here, so that the list
 * (and shell completion, which reads it) is never behind the table.
 */
const char *
crm_filter_field_name(size_t i)
{
	return i < NFIELDS ? fields[i].name : NULL;
}

/*
 * "unknown field 'name' (fields: ...)", to free, listing every name of
 * the tables above (with deals, the deal's first), so that it is never
 * behind them.
 */
static char *
field_list(const char *name, int deals)
{
	struct crm_buf b = { 0 };
	const char *pre = deals ? "the customer's " : "";
	size_t i;

	crm_buf_addf(&b, "unknown field '%s' (fields: ", name);
	for (i = 0; deals && i < NDEAL_FIELDS; i++)
		crm_buf_addf(&b, "%s%s, ", i ? "" : "the deal's ",
		    deal_fields[i].name);
	/* Where a name is both, the deal's is meant. */
	for (i = 0; i < NFIELDS; i++)
		if (find_field(fields[i].name, deals) == &fields[i]) {
			crm_buf_addf(&b, "%s%s, ", pre, fields[i].name);
			pre = "";
		}
	crm_buf_adds(&b, "or an extra field)");
	return b.s;
}

/* How far apart two names are: 0 for a difference of case only. */
static size_t
nearness(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0 ? 0 : distance(a, b);
}

/*
 * The extra field some customer (with deals, some deal) has whose name
 * is nearest name, if one is nearer than *bestd ("Cty", "CITY" for
 * City); *bestd becomes its.  NULL when none is, else the name, to free.
 */
static char *
near_extra(struct crm_db *db, const char *name, size_t *bestd, int deals)
{
	struct crm_stmt *st = crm_prepare(db, deals ? "SELECT DISTINCT key "
	    "FROM deal_fields" : "SELECT DISTINCT key FROM customer_fields");
	char *best = NULL;
	const char *k;
	size_t d;

	while (st && crm_step(st) == CRM_ROW)
		if ((k = crm_col_text(st, 0)) != NULL &&
		    (d = nearness(name, k)) < *bestd) {
			*bestd = d;
			free(best);
			best = crm_xstrdup(k);
		}
	crm_finalize(st);
	return best;
}

/*
 * Is key a header that ends in name after a label, as Pipedrive's "Deal
 * - Pipeline" or Salesforce's "Contact: Email" end in Pipeline and
 * Email (case aside)?
 */
static int
header_ends(const char *key, const char *name)
{
	size_t k = strlen(key), n = strlen(name);

	if (n == 0 || k <= n + 1 || strcasecmp(key + k - n, name) != 0)
		return 0;
	k -= n;
	return key[k - 1] == ' ' || key[k - 1] == ':' || key[k - 1] == '-';
}

/*
 * For a name in brackets, which names a spreadsheet's header: the extra
 * field (with deals a deal's first, then a customer's) that is a typo of
 * it or that ends in it after a label ("Deal - Pipeline" for Pipeline),
 * to free; NULL when none is.  Asked before the columns and metrics, so
 * that "[Pipeline]" in a filter on Pipedrive's deals is told of "[Deal -
 * Pipeline]", not of the customer's pipeline metric.
 */
static char *
near_header(struct crm_db *db, const char *name, int deals)
{
	static const char *const sql[] = { "SELECT DISTINCT key FROM "
	    "deal_fields", "SELECT DISTINCT key FROM customer_fields" };
	char *best = NULL;
	const char *k;
	size_t d, bestd = 3, i;

	for (i = deals ? 0 : 1; i < 2 && best == NULL; i++) {
		struct crm_stmt *st = crm_prepare(db, sql[i]);

		while (st && crm_step(st) == CRM_ROW)
			if ((k = crm_col_text(st, 0)) != NULL &&
			    ((d = nearness(name, k)) < bestd ||
			    (header_ends(k, name) && (d = 2) < bestd))) {
				bestd = d;
				free(best);
				best = crm_xstrdup(k);
			}
		crm_finalize(st);
	}
	return best;
}

/*
 * The field nearest name, if one is near enough to be a typo of it
 * ("teir" for tier, "Cty" or "CITY" for the extra field City some
 * customer has), to free; NULL when none is.  After "org." (org set)
 * neither org nor a risk field is one; with deals the deal's fields are
 * too.  Where two are as near, a column or metric comes first, then a
 * deal's field, then an extra field.  With group, only what a report's
 * --group takes: product, a customer column, an extra field (never a
 * metric).  The one loop for the filter language, the field lists (-f,
 * --by) and --group, so that they agree.
 */
static char *
nearest_field(struct crm_db *db, const char *name, int org, int deals,
    int group)
{
	const char *best = NULL;
	char *extra, *deal;
	size_t i, d, bestd = 3;

	if (org && *name == '\0')
		return NULL;	/* no guess for "org." alone */
	for (i = 0; i < NFIELDS; i++)
		if (!(org && (strcmp(fields[i].name, "org") == 0 ||
		    IS_RISK(&fields[i]))) &&
		    !(group && crm_cust_colindex(fields[i].name) < 0) &&
		    (d = nearness(name, fields[i].name)) < bestd)
			bestd = d, best = fields[i].name;
	if (group && (d = nearness(name, "product")) < bestd)
		bestd = d, best = "product";
	for (i = 0; deals && !org && i < NDEAL_FIELDS; i++)
		if ((d = nearness(name, deal_fields[i].name)) < bestd)
			bestd = d, best = deal_fields[i].name;
	extra = near_extra(db, name, &bestd, 0);
	if (deals && !org && (deal = near_extra(db, name, &bestd, 1)) !=
	    NULL) {
		free(extra);
		extra = deal;
	}
	if (extra == NULL && best != NULL)
		extra = crm_xstrdup(best);
	return extra;
}

/*
 * The field a report's --group of name there is not was meant to be, if
 * one is near enough ("tierr" for tier, "Cty" for the extra field City),
 * to free; NULL when none is.
 */
char *
crm_filter_near_group(struct crm_db *db, const char *name)
{
	return nearest_field(db, name, 0, 0, 1);
}

/*
 * For crm-deal -f: among names (a deal list's columns) and the extra
 * fields deals have, the one nearest name, if one is near enough to be a
 * typo of it ("titel", "Deal - Pipelin", a filter's "[Deal - Pipeline]"),
 * to free; NULL when none is.  A column comes first where two are as
 * near, as in nearest_field.
 */
char *
crm_filter_near_deal(struct crm_db *db, const char *name,
    const char *const *names, size_t n)
{
	const char *best = NULL;
	char *extra;
	size_t i, d, bestd = 3;

	for (i = 0; i < n; i++)
		if ((d = nearness(name, names[i])) < bestd)
			bestd = d, best = names[i];
	extra = near_extra(db, name, &bestd, 1);
	if (extra == NULL && best != NULL)
		extra = crm_xstrdup(best);
	return extra;
}

/*
 * The customer's field crm-add --import reads a column name as, when it
 * is not the name itself (Title: role): to free, or NULL; *when as
 * crm_import_read_as says it.
 */
static char *
read_as(const char *name, int deals, const char **when)
{
	char *as = NULL;

	*when = NULL;
	if (!deals)
		as = crm_import_read_as(name, when);

	if (as && strcasecmp(as, name) == 0) {
		free(as);
		as = NULL;
	}
	return as;
}

/*
 * An unknown field: name, or after "org." (org set) the name of the
 * organisation's field; the nearest name when one is close.
 */
static int
unknown_field(struct parser *ps, const char *name, int org, int col)
{
	const char *pre = org ? "org." : "";
	char *best = NULL, *msg, *as = NULL;
	const char *when;
	int r;

	if (!ps->bracket || (best = near_header(ps->db, name, ps->deals &&
	    !org)) == NULL)
		best = nearest_field(ps->db, name, org, ps->deals, 0);

	if (crm_db_failed(ps->db))	/* recorded: the cause */
		msg = crm_xasprintf("field '%s%s' could not be looked up",
		    pre, name);
	else if (best == NULL && org)
		msg = crm_xasprintf("unknown field 'org.%s' (after org.: a "
		    "customer column, a metric, or an extra field)", name);
	else if (best == NULL && (as = read_as(name, ps->deals, &when)) !=
	    NULL)
		msg = crm_xasprintf("unknown field '%s' (an import reads a "
		    "column '%s' as %s%s%s: %ssay %s)", name, name, as,
		    when ? " " : "", when ? when : "", when ? "then " : "", as);
	else if (best == NULL)
		msg = field_list(name, ps->deals);
	else
		msg = crm_xasprintf("unknown field '%s%s' (did you mean "
		    "'%s%s'?)", pre, name, pre, best);
	r = fail(ps, col, "%s", msg);
	free(msg);
	free(best);
	free(as);
	return r;
}

/* The same SQL with alias in place of the customer's "c". */
static char *
realias(const char *sql, const char *alias)
{
	struct crm_buf b = { 0 };
	const char *s;

	for (s = sql; *s; s++) {
		if (s[0] == 'c' && s[1] == '.' && (s == sql ||
		    !(isalnum((unsigned char)s[-1]) || s[-1] == '_'))) {
			crm_buf_addf(&b, "%s.", alias);
			s++;
		} else {
			crm_buf_addc(&b, *s);
		}
	}
	return b.s;
}

/*
 * A field's SQL for customers c of the scope, to free: a person's
 * figures are their own, an organisation's rolled up; a filter on
 * anyone asks which c is.
 */
static char *
scoped_sql(const struct field *fd, enum crm_scope scope)
{
	if (fd->roll == NULL || scope == CRM_SCOPE_PEOPLE)
		return crm_xstrdup(fd->sql);
	if (scope == CRM_SCOPE_ORGS)
		return crm_xstrdup(fd->roll);
	return crm_xasprintf("(CASE WHEN c.type = 'org' THEN %s ELSE %s END)",
	    fd->roll, fd->sql);
}

/*
 * The field of the organisation the customer c is a contact of, to
 * free: its figures rolled up, as crm-segment --orgs has them; none for
 * a customer who is no contact.  A column is looked up; a metric is
 * worked out once for every organisation with contacts, and looked up
 * in that: worked out again for each contact, org.revenue took ten times
 * as long over 200,000 people in 20,000 organisations.
 */
static char *
org_sql(const struct field *fd)
{
	char *in = realias(fd->roll ? fd->roll : fd->sql, "o"), *sql;

	if (fd->roll)
		sql = crm_xasprintf("(WITH om AS MATERIALIZED (SELECT o.id AS "
		    "id, %s AS v FROM customers o WHERE o.id IN (SELECT org_id "
		    "FROM customers WHERE org_id IS NOT NULL)) SELECT v FROM om "
		    "WHERE om.id = c.org_id)", in);
	else
		sql = crm_xasprintf("(SELECT %s FROM customers o WHERE o.id = "
		    "c.org_id)", in);
	free(in);
	return sql;
}

/*
 * Whose extra fields a name is looked up in: the customer's, its
 * organisation's, or in a filter on deals the deal's own (what an
 * import kept beside it: Deal - Pipeline).
 */
#define OF_CUSTOMER	"customer_fields WHERE customer_id = c.id"
#define OF_ORG		"customer_fields WHERE customer_id = c.org_id"
#define OF_DEAL		"deal_fields WHERE deal_id = d.id"

/* An extra field's value, of c, of its organisation or of a deal (in,
 * one of the OF_ above), to free. */
static char *
extra_sql(struct crm_filter *f, const char *name, const char *in,
    int *param)
{
	*param = add_param(f, 's', name, 0, 0);
	return crm_xasprintf("(SELECT value FROM %s AND key = ?%d)", in,
	    *param);
}

/* A field of customers that org.NAME may name: all but org itself. */
static const struct field *
org_field(const char *name)
{
	const struct field *fd = find_field(name, 0);

	/* A risk signal is a customer's own: org.risk is none. */
	return fd && (strcmp(fd->name, "org") == 0 || IS_RISK(fd)) ? NULL :
	    fd;
}

/*
 * Text compared "without regard to the case of ASCII letters; other
 * letters compared as they are" (crm-segment(1)), in code-point order, on
 * both engines: SQLite's lower() folds ASCII only, and PostgreSQL's does
 * on text of collation "C", which lib/pg.c makes of COLLATE BINARY.
 * (SQLite's NOCASE was that, but PostgreSQL's nocase folds every
 * letter's case and orders as the server's collation.)
 */
#define FOLD(x)	"lower(" x " COLLATE BINARY)"

/* The risk levels in their order, and a level's place in it in SQL. */
static const char *const levels[] = { "low", "medium", "high" };
#define LEVEL_SQL "(CASE %s WHEN 'low' THEN 0 WHEN 'medium' THEN 1 " \
	"WHEN 'high' THEN 2 END)"

/*
 * A value for a field of this type, as a parameter: its number, or -1
 * when the value does not fit.  *age says a duration was given for a
 * time, which turns the comparison round.
 */
static int
add_value(struct parser *ps, enum ftype type, const char *v, int *age)
{
	struct crm_dur dur;
	char buf[CRM_TIME_LEN], *end;
	long long n, g;
	double d;
	time_t t;

	*age = 0;
	switch (type) {
	case F_TIME:
	case F_DATE:
		if (crm_parse_dur(v, &dur) == 0) {
			*age = 1;
			t = crm_dur_add(crm_now(), &dur, -1);
		} else if (crm_parse_when(v, &t) < 0) {
			return fail(ps, ps->col, "'%s' is not a duration (30d, "
			    "6w, 3m, 1y) or a date", v);
		}
		return add_param(ps->f, 's', crm_fmt_time(t, buf), 0, 0);
	case F_MONEY:
		if (crm_money_either(v, &n, &g)) {	/* "1.000" */
			char a[32], b[32];
			char *m = crm_xasprintf("'%s' is not an amount: '.' "
			    "before three digits groups thousands as often as "
			    "it marks decimals: write %s or %s", v,
			    crm_fmt_money(n, a), crm_fmt_money(g, b));
			int r = fail(ps, ps->col, "%s", m);

			free(m);
			return r;
		}
		if (crm_parse_money(v, &n) < 0)
			return fail(ps, ps->col, "'%s' is not an amount", v);
		return add_param(ps->f, 'i', NULL, n, 0);
	case F_COUNT:
		n = strtoll(v, &end, 10);
		if (*end || end == v)
			return fail(ps, ps->col, "'%s' is not a whole number",
			    v);
		return add_param(ps->f, 'i', NULL, n, 0);
	case F_FLAG:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			return fail(ps, ps->col, "'%s' is not 0 or 1", v);
		return add_param(ps->f, 'i', NULL, *v == '1', 0);
	case F_LEVEL:
		for (n = 0; n < 3; n++)
			if (strcasecmp(v, levels[n]) == 0)
				return add_param(ps->f, 'i', NULL, n, 0);
		return fail(ps, ps->col, "'%s' is not a risk level (low, "
		    "medium, high)", v);
	case F_REAL:
		d = strtod(v, &end);
		if (*end || end == v)
			return fail(ps, ps->col, "'%s' is not a number", v);
		return add_param(ps->f, 'd', NULL, 0, d);
	default:
		return add_param(ps->f, 's', v, 0, 0);
	}
}

/* Is the token a value, and one more allowed?  Else the error is set. */
static int
is_value(struct parser *ps)
{
	if (ps->tok != T_STRING && (ps->tok != T_WORD || is_kw(ps, "and") ||
	    is_kw(ps, "or"))) {
		fail(ps, ps->col, "a value is needed here%s", "");
		return 0;
	}
	if (++ps->nvalues > MAX_VALUES) {
		fail(ps, ps->col, "too many values (more than %s)",
		    STR(MAX_VALUES));
		return 0;
	}
	return 1;
}

static int
is_text(const struct field *fd)
{
	return fd->type == F_TEXT || fd->type == F_FIELD;
}

/* lhs ["not"] in (v, ...), the "in" just read. */
static int
cond_in(struct parser *ps, const struct field *fd, const char *lhs, int neg)
{
	int n = 0, age, p;

	next(ps);
	if (ps->tok != T_LPAREN)
		return fail(ps, ps->col, "'(' is needed after 'in'%s", "");
	crm_buf_adds(&ps->f->sql, "coalesce(");
	crm_buf_addf(&ps->f->sql, fd->type == F_LEVEL ? LEVEL_SQL :
	    is_text(fd) ? FOLD("%s") : "%s", lhs);
	crm_buf_adds(&ps->f->sql, " IN (");
	next(ps);
	for (;;) {
		if (!is_value(ps) ||
		    (p = add_value(ps, fd->type, ps->text, &age)) < 0)
			return -1;
		crm_buf_addf(&ps->f->sql, is_text(fd) ? "%s" FOLD("?%d") :
		    "%s?%d", n++ ? ", " : "", p);
		next(ps);
		if (ps->tok == T_RPAREN)
			break;
		if (ps->tok != T_COMMA)
			return fail(ps, ps->col, "',' or ')' is needed in the "
			    "list%s", "");
		next(ps);
	}
	/* A customer without the value is not in the list. */
	crm_buf_addf(&ps->f->sql, "), FALSE) = %s", neg ? "FALSE" : "TRUE");
	next(ps);
	return 0;
}

static const char *
turn_round(const char *op)
{
	if (strcmp(op, ">") == 0)
		return "<";
	if (strcmp(op, ">=") == 0)
		return "<=";
	if (strcmp(op, "<") == 0)
		return ">";
	if (strcmp(op, "<=") == 0)
		return ">=";
	return op;
}

/*
 * A number, for comparing an extra field as one: an optional sign, then
 * digits with at most one decimal point.  NUMBER_SQL is the same test on
 * an extra field's value in SQL, giving it as a number or NULL; "1,200",
 * "n/a" and "1e3" are not numbers, so that they are never taken for
 * their leading digits.
 */
#define NUMBER_SQL "CASE WHEN value GLOB '[-+0-9.]*' AND substr(value, 2) " \
	"NOT GLOB '*[^0-9.]*' AND value GLOB '*[0-9]*' AND value NOT GLOB " \
	"'*.*.*' THEN CAST(value AS REAL) END"

static int
is_number(const char *s)
{
	size_t digits = 0, dots = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s == '.')
			dots++;
		else
			return 0;
	}
	return digits > 0 && dots <= 1;
}

/*
 * An extra field < <= > >= a number: as numbers when the field holds one
 * too, else no match (a text that is no number is neither less nor more).
 */
static int
compare_numbers(struct parser *ps, const char *sqlop)
{
	int p = add_param(ps->f, 'd', NULL, 0, strtod(ps->text, NULL));

	crm_buf_addf(&ps->f->sql, "coalesce((SELECT " NUMBER_SQL " FROM "
	    "%s AND key = ?%d) %s ?%d, FALSE)", ps->keyin, ps->key, sqlop, p);
	next(ps);
	return 0;
}

/*
 * lhs OP value, the operator being the current token.  Only operators
 * from this fixed list ever reach the SQL text.
 */
static int
compare(struct parser *ps, const struct field *fd, const char *lhs)
{
	static const char *const ops[] = { "=", "!=", "<>", "<", "<=", ">",
	    ">=", "~" };
	struct crm_buf *sql = &ps->f->sql;
	const char *op = NULL, *sqlop;
	size_t i;
	int age, p;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(ps->text, ops[i]) == 0)
			op = ops[i];
	if (op == NULL)
		return fail(ps, ps->col, "unknown operator '%s'", ps->text);
	sqlop = strcmp(op, "<>") == 0 ? "!=" : op;
	next(ps);
	if (!is_value(ps))
		return -1;
	if (strcmp(op, "~") == 0) {
		/* Case-insensitive: a glob when it has * ? [, else a part. */
		p = add_param(ps->f, 's', ps->text, 0, 0);
		crm_buf_addf(sql, strpbrk(ps->text, "*?[") ?
		    "coalesce(" FOLD("%s") " GLOB " FOLD("?%d") ", FALSE)" :
		    "coalesce(instr(" FOLD("%s") ", " FOLD("?%d") ") > 0, FALSE)",
		    lhs, p);
		next(ps);
		return 0;
	}
	if (fd->type == F_FIELD && strchr("<>", *op) && is_number(ps->text))
		return compare_numbers(ps, sqlop);
	if ((p = add_value(ps, fd->type, ps->text, &age)) < 0)
		return -1;
	if (fd->type == F_LEVEL) {
		/* In the levels' order, not the words'. */
		crm_buf_adds(sql, "coalesce(");
		crm_buf_addf(sql, LEVEL_SQL, lhs);
		crm_buf_addf(sql, " %s ?%d, FALSE)", sqlop, p);
	} else if (fd->type == F_TIME || fd->type == F_DATE) {
		/* "> 30d" is before 30 days ago.  A time there is none of
		 * (never contacted) is longer ago than anything: before every
		 * time, and different from each.  A date there is none of (no
		 * expected close) is neither before nor after any: only
		 * different. */
		if (age)
			sqlop = turn_round(sqlop);
		crm_buf_addf(sql, "coalesce(%s %s ?%d, %s)", lhs, sqlop, p,
		    *sqlop == '!' || (*sqlop == '<' && fd->type == F_TIME) ?
		    "TRUE" : "FALSE");
	} else if (strcmp(sqlop, "!=") == 0) {
		/* A customer without a value differs from any value. */
		crm_buf_addf(sql, is_text(fd) ?
		    "coalesce(" FOLD("%s") " != " FOLD("?%d") ", TRUE)" :
		    "coalesce(%s != ?%d, TRUE)", lhs, p);
	} else if (is_text(fd)) {
		crm_buf_addf(sql, "coalesce(" FOLD("%s") " %s " FOLD("?%d")
		    ", FALSE)", lhs, sqlop, p);
	} else {
		crm_buf_addf(sql, "coalesce(%s %s ?%d, FALSE)", lhs, sqlop, p);
	}
	next(ps);
	return 0;
}

/* What follows a field name. */
static int
cond_rest(struct parser *ps, const struct field *fd, const char *lhs)
{
	int neg = 0;

	if (is_kw(ps, "is")) {
		next(ps);
		if (is_kw(ps, "not"))
			neg = 1, next(ps);
		if (!is_kw(ps, "empty"))
			return fail(ps, ps->col, "'empty' is needed after "
			    "'is'%s", "");
		/* A number is never '' (nor is it compared with text on
		 * PostgreSQL): its text is. */
		crm_buf_addf(&ps->f->sql, is_text(fd) ? "%s(%s IS NULL OR %s "
		    "= '')" : "%s(%s IS NULL OR CAST(%s AS TEXT) = '')",
		    neg ? "NOT " : "", lhs, lhs);
		next(ps);
		return 0;
	}
	if (is_kw(ps, "not")) {
		next(ps);
		if (!is_kw(ps, "in"))
			return fail(ps, ps->col, "'in' is needed after "
			    "'not'%s", "");
		neg = 1;
	}
	if (is_kw(ps, "in"))
		return cond_in(ps, fd, lhs, neg);
	if (ps->tok != T_OP)
		return fail(ps, ps->col, "an operator (= != < <= > >= ~ in "
		    "is) is needed here%s", "");
	return compare(ps, fd, lhs);
}

/*
 * The field name in brackets that starts the token, "]]" being one "]";
 * NULL on error.  next() took the "[" for a word's, as it must where a
 * value goes ("~ [ab]*" is a glob): only here, where a field is wanted,
 * is it read again from the token's start.  The name is taken exactly,
 * spaces included, as the header it came from was.  skip is the
 * length of what comes before the "[" ("org.").
 */
static char *
bracketed(struct parser *ps, size_t skip)
{
	struct crm_buf b = { 0 };
	const char *s;

	for (s = ps->tokp + skip + 1; *s && !(*s == ']' && s[1] != ']'); s++) {
		if (*s == ']')
			s++;
		crm_buf_addc(&b, *s);
	}
	if (*s == '\0' || b.s == NULL) {
		fail(ps, ps->col, *s ? "empty field name in brackets%s" :
		    "unterminated field name in brackets%s", "");
		crm_buf_free(&b);
		return NULL;
	}
	ps->p = s + 1;
	return b.s;
}

/*
 * Has some customer (some deal, with deals) an extra field name (in NFC,
 * as stored: cust.c)?
 */
static int
extra_known(struct crm_db *db, const char *name, int deals)
{
	char *nfc = crm_nfc(name);
	int r = (int)crm_query_int(db, 0, deals ? "SELECT 1 FROM deal_fields "
	    "WHERE key = ? LIMIT 1" : "SELECT 1 FROM customer_fields WHERE "
	    "key = ? LIMIT 1", "s", nfc);

	free(nfc);
	return r;
}

/*
 * The SQL for the field called name, or with org the field name of the
 * customer's organisation, and in *fd what it is; NULL when there is
 * none.  An extra field's name is a parameter, as a value is.
 */
static char *
field_sql(struct parser *ps, const char *name, int org,
    const struct field **fd)
{
	static const struct field extra = { NULL, F_FIELD, NULL, NULL };

	if (org && (*fd = org_field(name)) != NULL)
		return org_sql(*fd);
	if (!org && (*fd = find_field(name, ps->deals)) != NULL &&
	    IS_RISK(*fd)) {
		char *sql = crm_risk_field(ps->f, name);

		if (sql == NULL)	/* recorded: the cause */
			fail(ps, ps->col, "'%s' could not be worked out",
			    name);
		return sql;
	}
	if (!org && *fd != NULL)
		return scoped_sql(*fd, ps->f->scope);
	if (org && (*name == '\0' || strcmp(name, "org") == 0 ||
	    strncmp(name, "org.", 4) == 0)) {
		unknown_field(ps, name, org, ps->col);
		return NULL;
	}
	/* Where a name is a deal's field and a customer's, the deal's is
	 * meant, as for the columns. */
	*fd = &extra;
	ps->keyin = org ? OF_ORG : OF_CUSTOMER;
	if (ps->deals && !org && extra_known(ps->db, name, 1))
		ps->keyin = OF_DEAL;
	else if (!extra_known(ps->db, name, 0)) {
		if (crm_db_failed(ps->db))	/* recorded: the cause */
			fail(ps, ps->col, "field '%s' could not be looked up",
			    name);
		else
			unknown_field(ps, name, org, ps->col);
		return NULL;
	}
	return extra_sql(ps->f, name, ps->keyin, &ps->key);
}

static int
cond(struct parser *ps)
{
	const struct field *fd;
	char *lhs, *name;
	int org, r;

	if (ps->tok != T_WORD)
		return fail(ps, ps->col, "a field name is needed here%s", "");
	/* "and" and "or" are never fields: "tier = gold or or ..." is a
	 * slip, not an unknown field called "or". */
	if (is_kw(ps, "and") || is_kw(ps, "or"))
		return fail(ps, ps->col, "a field name is needed here, found "
		    "'%s'", ps->text);
	/* org.NAME is a field of the customer's organisation; only a bare
	 * word says so, "[org.x]" is a field called that. */
	org = strncmp(ps->text, "org.", 4) == 0;
	ps->bracket = strncmp(ps->text + (org ? 4 : 0), "[", 1) == 0;
	if (strncmp(ps->text, "org.[", 5) == 0)
		name = bracketed(ps, 4);
	else if (*ps->text != '[')
		name = crm_xstrdup(ps->text + (org ? 4 : 0));
	else
		name = bracketed(ps, 0);
	if (name == NULL)
		return -1;
	lhs = field_sql(ps, name, org, &fd);
	free(name);
	if (lhs == NULL)
		return -1;
	next(ps);
	r = cond_rest(ps, fd, lhs);
	free(lhs);
	return r;
}

static int expr_or(struct parser *);

/*
 * "matches 'words'": the customers a full-text search finds (search.c);
 * in a filter on deals, the deals whose own text holds the words (where
 * a name is the deal's and the customer's, the deal's is meant).
 */
static int
matches(struct parser *ps)
{
	char *sub, *err = NULL;
	int col;

	next(ps);
	col = ps->col;
	if (!is_value(ps))
		return -1;
	sub = ps->deals ? crm_search_deals_sql(ps->f, ps->text, &err) :
	    crm_search_ids_sql(ps->f, ps->text, &err);
	if (sub == NULL) {
		fail(ps, col, "matches: %s", err);
		free(err);
		return -1;
	}
	crm_buf_addf(&ps->f->sql, ps->deals ? "d.id IN (%s)" : "c.id IN (%s)",
	    sub);
	free(sub);
	next(ps);
	return 0;
}

static int
expr_not(struct parser *ps)
{
	int r, p;

	if (++ps->depth > MAX_DEPTH)
		return fail(ps, ps->col, "expression nested too deeply "
		    "(more than %s levels)", STR(MAX_DEPTH));
	if (is_kw(ps, "not")) {
		next(ps);
		crm_buf_adds(&ps->f->sql, "NOT ");
		r = expr_not(ps);
	} else if (ps->tok == T_LPAREN) {
		next(ps);
		crm_buf_addc(&ps->f->sql, '(');
		if ((r = expr_or(ps)) == 0) {
			if (ps->tok != T_RPAREN)
				return fail(ps, ps->col, "')' is needed "
				    "here%s", "");
			crm_buf_addc(&ps->f->sql, ')');
			next(ps);
		}
	} else if (++ps->nconds > MAX_CONDS) {
		r = fail(ps, ps->col, "too many conditions (more than %s; a "
		    "list of values goes in 'in (...)')", STR(MAX_CONDS));
	} else if (is_kw(ps, "has")) {
		next(ps);
		if (!is_value(ps))
			return -1;
		p = add_param(ps->f, 's', ps->text, 0, 0);
		crm_buf_addf(&ps->f->sql, "EXISTS (SELECT 1 FROM tags WHERE "
		    "customer_id = c.id AND " FOLD("tag") " = " FOLD("?%d") ")",
		    p);
		next(ps);
		r = 0;
	} else if (is_kw(ps, "matches")) {
		r = matches(ps);
	} else {
		r = cond(ps);
	}
	ps->depth--;
	return r;
}

static int
expr_and(struct parser *ps)
{
	if (expr_not(ps) < 0)
		return -1;
	while (is_kw(ps, "and")) {
		next(ps);
		crm_buf_adds(&ps->f->sql, " AND ");
		if (expr_not(ps) < 0)
			return -1;
	}
	return 0;
}

static int
expr_or(struct parser *ps)
{
	if (expr_and(ps) < 0)
		return -1;
	while (is_kw(ps, "or")) {
		next(ps);
		crm_buf_adds(&ps->f->sql, " OR ");
		if (expr_and(ps) < 0)
			return -1;
	}
	return 0;
}

/*
 * Compile expr into f (f->sql is a condition on customers aliased "c",
 * of the scope: people, organisations or either).  Metrics count the
 * interactions at or after from and before to, either NULL for no bound.
 * On error returns -1 with *err "column N: what is wrong" (to free);
 * when it is that db failed looking up an extra field, db's error is
 * recorded too, and is the cause.
 */
static int
compile(struct crm_db *db, const char *expr, const char *from,
    const char *to, int deals, enum crm_scope scope, struct crm_filter *f,
    char **err)
{
	struct parser ps = { 0 };

	memset(f, 0, sizeof *f);
	f->scope = scope;
	f->db = db;
	add_param(f, 'w', from ? from : "", 0, 0);	/* ?1 */
	add_param(f, 'w', to, 0, 0);			/* ?2, NULL binds NULL */
	ps.db = db, ps.src = ps.p = expr, ps.f = f, ps.deals = deals;
	/* The one place that says which customers a filter is about. */
	if (scope != CRM_SCOPE_ALL)
		crm_buf_adds(&f->sql, scope == CRM_SCOPE_ORGS ?
		    "c.type = 'org' AND (" : "c.type = 'person' AND (");
	next(&ps);
	if (ps.tok == T_END && ps.err == NULL) {
		crm_buf_adds(&f->sql, "TRUE");
	} else if (expr_or(&ps) == 0 && ps.tok != T_END) {
		fail(&ps, ps.col, "unexpected '%s'", ps.text);
	}
	if (scope != CRM_SCOPE_ALL)
		crm_buf_addc(&f->sql, ')');
	free(ps.text);
	if (ps.err) {
		*err = ps.err;
		crm_filter_free(f);
		return -1;
	}
	return 0;
}

/* A filter on people (customers of type 'person'), as most are. */
int
crm_filter_compile(struct crm_db *db, const char *expr, const char *from,
    const char *to, struct crm_filter *f, char **err)
{
	return compile(db, expr, from, to, 0, CRM_SCOPE_PEOPLE, f, err);
}

/*
 * A filter on the customers of scope: people, organisations (whose
 * metrics are rolled up over their contacts), or all of them, each with
 * the metrics of its kind.
 */
int
crm_filter_compile_scope(struct crm_db *db, const char *expr,
    const char *from, const char *to, enum crm_scope scope,
    struct crm_filter *f, char **err)
{
	return compile(db, expr, from, to, 0, scope, f, err);
}

/*
 * The same for a filter on deals: a condition on deals "d" joined to
 * their customers "c", with the deal's names (stage, amount, close ...)
 * before the customer's; customer metrics count all their time.  A deal
 * may be a person's or an organisation's: the scope is all customers.
 */
int
crm_filter_compile_deals(struct crm_db *db, const char *expr,
    struct crm_filter *f, char **err)
{
	return compile(db, expr, NULL, NULL, 1, CRM_SCOPE_ALL, f, err);
}

/*
 * Whether f's window is all time (no start, no end), when the metrics
 * are those kept in cust_totals (agg.c).
 */
int
crm_filter_all_time(const struct crm_filter *f)
{
	return f->nparams >= 2 && f->params[0].s && f->params[0].s[0] ==
	    '\0' && f->params[1].s == NULL;
}

/* Another text parameter for SQL built around f; its number. */
int
crm_filter_param(struct crm_filter *f, const char *s)
{
	return add_param(f, 's', s, 0, 0);
}

int
crm_filter_param_int(struct crm_filter *f, long long i)
{
	return add_param(f, 'i', NULL, i, 0);
}

int
crm_filter_param_real(struct crm_filter *f, double d)
{
	return add_param(f, 'd', NULL, 0, d);
}

/*
 * The SQL for a customer column or metric by name (its window ?1 to ?2),
 * a person's, or NULL; *money says it is an amount in minor units.  A
 * risk name's is "": computed, but only a filter (crm_filter_column)
 * can make it.
 */
const char *
crm_filter_field(const char *name, int *money)
{
	const struct field *fd = find_field(name, 0);

	*money = fd && fd->type == F_MONEY;
	return fd ? fd->sql : NULL;
}

/*
 * Is name a field a filter or a column list may name: a customer column
 * or metric, org.NAME of one of those or of an extra field, or an extra
 * field that some customer has?  0 too when the look-up failed (the
 * caller asks crm_db_failed).
 */
int
crm_filter_known(struct crm_db *db, const char *name)
{
	if (strncmp(name, "org.", 4) == 0) {
		name += 4;
		if (org_field(name))
			return 1;
		/* "org.", "org.org", "org.org.x": no organisation's field. */
		if (*name == '\0' || find_field(name, 0) ||
		    strncmp(name, "org.", 4) == 0)
			return 0;
	} else if (find_field(name, 0)) {
		return 1;
	}
	return crm_query_int(db, 0, "SELECT 1 FROM customer_fields WHERE "
	    "key = ? LIMIT 1", "s", name) != 0;
}

/*
 * A name of a field list (-f, --by) that crm_filter_known does not know:
 * an extra field no customer has (any more: an undo took away the import
 * that brought it), empty for everyone and said, so that a script's list
 * still runs; but a near miss of a column's or metric's name ("teir"), or
 * of an extra field's that customers have ("Cty", "CITY" for City), is
 * an error, as org.NAME of no field is.  0, or -1 with the error
 * recorded about param.
 */
int
crm_filter_absent(struct crm_db *db, const char *name, const char *param)
{
	const char *own = name, *when;
	char *best;
	int org = strncmp(name, "org.", 4) == 0, r;

	if (crm_db_failed(db))
		return -1;	/* the look-up failed: recorded */
	if (org && (*(own += 4) == '\0' || find_field(own, 0) ||
	    strncmp(own, "org.", 4) == 0))
		return crm_fail_arg(CRM_EX_USAGE, param, "unknown field '%s' "
		    "(after org.: a customer column, a metric, or an extra "
		    "field)", name);
	best = nearest_field(db, own, org, 0, 0);
	if (crm_db_failed(db)) {
		free(best);
		return -1;
	}
	if (best) {
		r = crm_fail_arg(CRM_EX_USAGE, param, "unknown field '%s' "
		    "(did you mean '%s%s'?)", name, org ? "org." : "", best);
		free(best);
		return r;
	}
	/* A column an import reads as a crm field is not kept under its
	 * header: the field it became is named (Klaviyo's Title, role). */
	if (!org && (best = read_as(name, 0, &when)) != NULL && when)
		crm_warn("%s: no customer has a field '%s': its cells are "
		    "empty, or an import read the column as %s, as it does %s: "
		    "then say %s %s", crm_optname(param), name, best, when,
		    crm_optname(param), best);
	else if (best)
		crm_warn("%s: no customer has a field '%s': an import reads a "
		    "column '%s' as %s: say %s %s", crm_optname(param), name,
		    name, best, crm_optname(param), best);
	else
		crm_warn("%s: no customer has a field '%s': its cells are "
		    "empty", crm_optname(param), name);
	free(best);
	return 0;
}

/*
 * The SQL, to free, of the column, metric, org.NAME or extra field that
 * name is (one crm_filter_known said is there) for the customers "c" of
 * f's scope; extra fields' names become f's parameters.  *money says it
 * is an amount in minor units.
 */
char *
crm_filter_column(struct crm_filter *f, const char *name, int *money)
{
	const struct field *fd;
	int org = strncmp(name, "org.", 4) == 0, p;

	if (org)
		name += 4;
	fd = org ? org_field(name) : find_field(name, 0);
	*money = fd && fd->type == F_MONEY;
	if (fd && IS_RISK(fd)) {
		char *sql = crm_risk_field(f, name);

		return sql ? sql : crm_xstrdup("NULL");	/* recorded */
	}
	if (fd)
		return org ? org_sql(fd) : scoped_sql(fd, f->scope);
	return extra_sql(f, name, org ? OF_ORG : OF_CUSTOMER, &p);
}

/*
 * The SQL, to free, of a column as crm prints it (crm_filter_column's
 * name): an amount in currency units (CRM_SQL_MONEY), none staying none
 * (org.revenue of a person in no organisation); a mean with its two
 * decimals, as crm-report prints one.
 */
char *
crm_filter_printed(struct crm_filter *f, const char *name)
{
	const char *own = strncmp(name, "org.", 4) == 0 ? name + 4 : name;
	const struct field *fd = own != name ? org_field(own) :
	    find_field(name, 0);
	struct crm_buf b = { 0 };
	char *frag;
	int money;

	frag = crm_filter_column(f, name, &money);
	if (money) {
		crm_buf_adds(&b, "(SELECT CASE WHEN v IS NOT NULL THEN "
		    CRM_SQL_MONEY("v") " END FROM (SELECT ");
		crm_buf_adds(&b, frag);
		crm_buf_adds(&b, " AS v))");
	} else if (fd && fd->type == F_REAL) {
		crm_buf_adds(&b, "fixed(");
		crm_buf_adds(&b, frag);
		crm_buf_adds(&b, ", " STR(MEAN_DECIMALS) ")");
	} else {
		return frag;
	}
	free(frag);
	return b.s;
}

/* Bind f's parameters to st, whose numbers start at first (usually 1). */
void
crm_filter_bind(const struct crm_filter *f, struct crm_stmt *st, int first)
{
	const struct crm_param *p;
	size_t i;

	for (i = 0; i < f->nparams; i++) {
		p = &f->params[i];
		if (p->type == 'i')
			crm_bind_int(st, first + (int)i, p->i);
		else if (p->type == 'd')
			crm_bind_real(st, first + (int)i, p->d);
		else
			crm_bind_text(st, first + (int)i, p->s);
	}
}

void
crm_filter_free(struct crm_filter *f)
{
	size_t i;

	for (i = 0; i < f->nparams; i++)
		free(f->params[i].s);
	free(f->params);
	crm_buf_free(&f->sql);
	memset(f, 0, sizeof *f);
}
