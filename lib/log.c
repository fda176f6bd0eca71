/*
 * log.c - interactions: every call, e-mail, visit, purchase, return,
 * complaint and rating, checked and written with an audit row; complaints
 * resolved; a customer's timeline.  Amounts are money.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

static const char *const kinds[] = {
	"call", "email", "fax", "meeting", "visit", "web", "chat", "purchase",
	"return", "complaint", "inquiry", "feedback", "note", "invoice",
	"payment",
};

/*
 * The words exports and people use for a kind: the kinds keep their
 * closed set of meanings (reports count them), but "order" in a shop's
 * export or 投诉 in a service desk's is understood, not refused.
 */
static const struct {
	const char *word, *kind;
} kind_words[] = {
	{ "order", "purchase" }, { "sale", "purchase" },
	{ "sales", "purchase" },
	{ "charge", "purchase" }, { "paid", "purchase" },
	{ "订单", "purchase" }, { "购买", "purchase" }, { "销售", "purchase" },
	{ "refund", "return" }, { "refunded", "return" },
	{ "chargeback", "return" },
	{ "退货", "return" }, { "退款", "return" },
	{ "ticket", "complaint" }, { "投诉", "complaint" },
	{ "question", "inquiry" }, { "enquiry", "inquiry" },
	{ "咨询", "inquiry" },
	{ "review", "feedback" }, { "评价", "feedback" },
	{ "反馈", "feedback" },
	{ "phone", "call" }, { "电话", "call" }, { "e-mail", "email" },
	{ "mail", "email" }, { "邮件", "email" }, { "拜访", "visit" },
	{ "meeting", "meeting" }, { "会议", "meeting" }, { "备注", "note" },
	{ "传真", "fax" }, { "聊天", "chat" },
	/* German, French, Spanish */
	{ "kauf", "purchase" }, { "verkauf", "purchase" },
	{ "bestellung", "purchase" }, { "achat", "purchase" },
	{ "vente", "purchase" }, { "commande", "purchase" },
	{ "compra", "purchase" }, { "venta", "purchase" },
	{ "pedido", "purchase" },
	{ "rückgabe", "return" }, { "erstattung", "return" },
	{ "retoure", "return" },
	/*
	 * A German sales document list (a Belegart column): the Rechnung is
	 * the sale, the Gutschrift (credit note) money given back.  Zahlung
	 * is an invoice's payment, as "payment" is; an import skips one that
	 * settles no invoice (iaimport.c), since beside its Rechnung the
	 * goods would count twice.
	 */
	{ "rechnung", "purchase" }, { "gutschrift", "return" },
	{ "zahlung", "payment" },
	{ "retour", "return" }, { "remboursement", "return" },
	{ "devolución", "return" }, { "reembolso", "return" },
	{ "anruf", "call" }, { "appel", "call" }, { "llamada", "call" },
	{ "beschwerde", "complaint" }, { "réclamation", "complaint" },
	{ "queja", "complaint" }, { "reclamación", "complaint" },
	{ "anfrage", "inquiry" }, { "demande", "inquiry" },
	{ "consulta", "inquiry" },
	{ "besuch", "visit" }, { "visite", "visit" }, { "visita", "visit" },
	{ "besprechung", "meeting" }, { "réunion", "meeting" },
	{ "reunión", "meeting" },
	{ "notiz", "note" }, { "nota", "note" },
};

/*
 * Channels are any text; the known ones are folded to one spelling so
 * that the activity report counts 电话 and Phone as one channel.
 */
static const struct {
	const char *word, *channel;
} channel_words[] = {
	{ "phone", "phone" }, { "email", "email" }, { "fax", "fax" },
	{ "web", "web" }, { "wechat", "wechat" }, { "visit", "visit" },
	{ "chat", "chat" }, { "other", "other" },
	{ "tel", "phone" }, { "telephone", "phone" }, { "call", "phone" },
	{ "电话", "phone" }, { "手机", "phone" },
	{ "微信", "wechat" }, { "weixin", "wechat" },
	{ "e-mail", "email" }, { "mail", "email" }, { "邮件", "email" },
	{ "电子邮件", "email" }, { "传真", "fax" },
	{ "网站", "web" }, { "website", "web" }, { "online", "web" },
	{ "internet", "web" }, { "网上", "web" }, { "网络", "web" },
	{ "拜访", "visit" }, { "上门", "visit" }, { "in person", "visit" },
	{ "聊天", "chat" }, { "其他", "other" },
};

/* The channel a kind implies when none is given. */
static const struct {
	const char *kind, *channel;
} implied[] = {
	{ "call", "phone" }, { "email", "email" }, { "fax", "fax" },
	{ "meeting", "visit" }, { "visit", "visit" }, { "web", "web" },
	{ "chat", "chat" },
};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

int
crm_kind_valid(const char *s)
{
	return in_list(s, kinds, NELEM(kinds));
}

/*
 * The kind a word means ("Order", " 投诉 ", "Refunded"), or NULL: case
 * and the spaces around it do not count.
 */
const char *
crm_kind_word(const char *s)
{
	char buf[64];
	size_t i, n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (n >= sizeof buf)
		return NULL;
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[n] = '\0';
	for (i = 0; i < NELEM(kinds); i++)
		if (strcmp(buf, kinds[i]) == 0)
			return kinds[i];
	for (i = 0; i < NELEM(kind_words); i++)
		if (strcmp(buf, kind_words[i].word) == 0)
			return kind_words[i].kind;
	return NULL;
}

/*
 * A channel as stored: a known one (or its other spellings: 微信, Tel,
 * E-Mail) in its one spelling, anything else as given.  s is trimmed.
 */
const char *
crm_channel_word(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(channel_words); i++)
		if (strcasecmp(s, channel_words[i].word) == 0)
			return channel_words[i].channel;
	return s;
}

const char *
crm_kinds(void)
{
	return "call email fax meeting visit web chat purchase return "
	    "complaint inquiry feedback note invoice payment";
}

/*
 * Is ia money dated more than a day after now?  A planned call may be in
 * the future; a purchase, a return or a payment cannot: such a date is
 * a typo or a wrong --date-format (%y read as 2031).  ahead is the
 * caller's: "" the first time, now and a day after.
 */
int
crm_ia_money_ahead(const struct crm_ia *ia, char ahead[CRM_TIME_LEN])
{
	if (ia->at_now || ia->at == NULL || ia->kind == NULL ||
	    (strcmp(ia->kind, "purchase") != 0 &&
	    strcmp(ia->kind, "return") != 0 &&
	    strcmp(ia->kind, "payment") != 0))
		return 0;
	if (ahead[0] == '\0')
		crm_fmt_time(crm_now() + 24 * 60 * 60, ahead);
	return strcmp(ia->at, ahead) > 0;
}

/*
 * Said of money dated ahead (crm_ia_money_ahead), on standard error
 * after it is logged: an import's n such rows of file, the first on
 * line; or, with file NULL, the one interaction ia, with its time.
 */
void
crm_ia_warn_ahead(const char *file, long n, long line,
    const struct crm_ia *ia)
{
	const char *s = n == 1 ? "" : "s";
	char num[32];

	if (file)
		fprintf(stderr, "%s: %s: %s purchase%s, return%s or payment%s "
		    "dated more than a day from now (the first on line %ld): "
		    "a typo, or a date read in the wrong order (%s)?\n",
		    crm_prog, file, crm_fmt_count(n, num), s, s, s, line,
		    crm_optname("date-format"));
	else
		fprintf(stderr, "%s: a %s dated more than a day from now (%s): "
		    "a typo?\n", crm_prog, ia->kind, ia->at);
}

void
crm_ia_free(struct crm_ia *ia)
{
	size_t i;

	for (i = 0; i < ia->nscores; i++)
		free(ia->scores[i].indicator);
	free(ia->scores);
	ia->scores = NULL;
	ia->nscores = 0;
}

/* "quality=4": a score for one satisfaction indicator. */
const char *
crm_ia_score(struct crm_ia *ia, const char *s)
{
	const char *eq = strchr(s, '=');
	char *name, *copy;
	long v;

	if (eq == NULL || eq == s)
		return "a score is INDICATOR=1..5, e.g. quality=4";
	if (strlen(eq + 1) != 1 || eq[1] < '1' || eq[1] > '5')
		return "a score must be a whole number from 1 to 5";
	v = eq[1] - '0';
	copy = crm_xstrndup(s, (size_t)(eq - s));
	name = crm_xstrdup(crm_trim(copy));
	free(copy);
	if (*name == '\0') {
		free(name);
		return "a score needs an indicator name, e.g. quality=4";
	}
	crm_lower(name);
	ia->scores = crm_xreallocarray(ia->scores, ia->nscores + 1,
	    sizeof *ia->scores);
	ia->scores[ia->nscores].indicator = name;
	ia->scores[ia->nscores++].score = (int)v;
	return NULL;
}

/*
 * "9": the answer to a Net Promoter survey's "how likely are you to
 * recommend us", a whole number from 0 to 10 (9 and 10 promoters, 0 to 6
 * detractors).  Kept as the interaction's field nps, where crm-report
 * satisfaction counts it.  A sheet's 09 or 9.0 is 9; 9.5 is no answer.
 */
const char *
crm_ia_nps(struct crm_ia *ia, const char *s)
{
	size_t n = strspn(s, "0123456789");
	const char *frac = s + n;
	long v = n && n <= 4 ? strtol(s, NULL, 10) : -1;

	if ((*frac == '.' || *frac == ',') && frac[1] &&
	    strspn(frac + 1, "0") == strlen(frac + 1))
		frac += strlen(frac);	/* 9.0, 9,00 */
	if (v < 0 || v > 10 || *frac != '\0')
		return "an NPS score is a whole number from 0 to 10";
	ia->nps = (int)v, ia->has_nps = 1;
	return NULL;
}

/* The text of ia that is not UTF-8: its parameter's name, or NULL. */
static const char *
bad_text(const struct crm_ia *ia)
{
	size_t i;

	if (!crm_utf8_str(ia->owner))
		return "owner";
	if (!crm_utf8_str(ia->channel))
		return "channel";
	if (!crm_utf8_str(ia->product))
		return "product";
	if (!crm_utf8_str(ia->ref))
		return "ref";
	if (!crm_utf8_str(ia->summary))
		return "summary";
	for (i = 0; i < ia->nscores; i++)
		if (!crm_utf8_str(ia->scores[i].indicator))
			return "score";
	return NULL;
}

/*
 * Text from the command line is UTF-8 (a file's rows were checked as they
 * were read): 0, or -1 with the error recorded (exit 65), about the
 * parameter at fault.
 */
int
crm_ia_check_text(const struct crm_ia *ia)
{
	const char *param = bad_text(ia);

	if (param == NULL)
		return 0;
	if (strcmp(param, "summary") == 0)
		return crm_fail(CRM_EX_DATAERR, "the summary: invalid UTF-8");
	return crm_fail_arg(CRM_EX_DATAERR, param, "invalid UTF-8");
}

/*
 * Check an interaction before it is written; NULL or what is wrong.  Its
 * text from the command line is crm_ia_check_text's to check first.
 */
const char *
crm_ia_check(struct crm_ia *ia)
{
	size_t i;

	if (bad_text(ia))
		return "invalid UTF-8";
	if (!ia->kind || !crm_kind_valid(ia->kind))
		return "unknown kind (call email fax meeting visit web chat "
		    "purchase return complaint inquiry feedback note invoice "
		    "payment)";
	if (strcmp(ia->kind, "payment") == 0 && ia->ref == NULL)
		ia->kind = "purchase";	/* a shop's payment: a sale */
	if (ia->channel && *ia->channel == '\0')
		ia->channel = NULL;
	if (ia->channel)
		ia->channel = crm_channel_word(ia->channel);
	/* Money back whichever sign it is given with (--amount -5, a
	 * file's -5.00): a return's amount is kept positive, by every
	 * writer alike (rows older builds stored at a minus stay so;
	 * revenue reads -abs(amount), and imports find them by size). */
	if (strcmp(ia->kind, "return") == 0 && ia->has_amount &&
	    ia->amount < 0)
		ia->amount = -ia->amount;
	if (strcmp(ia->kind, "purchase") == 0 && (!ia->has_amount ||
	    ia->amount <= 0))
		return "a purchase needs a positive amount";
	if ((strcmp(ia->kind, "invoice") == 0 || strcmp(ia->kind,
	    "payment") == 0) && (!ia->has_amount || ia->amount <= 0))
		return strcmp(ia->kind, "invoice") == 0 ? "an invoice needs a "
		    "positive amount" : "a payment needs a positive amount";
	if (strcmp(ia->kind, "invoice") == 0 && (ia->ref == NULL ||
	    ia->ref[strspn(ia->ref, " \t")] == '\0'))
		return "an invoice needs its number as its ref";
	if (strcmp(ia->kind, "payment") == 0 &&
	    ia->ref[strspn(ia->ref, " \t")] == '\0')
		return "a payment needs the number of the invoice it pays as "
		    "its ref";
	if (ia->due && strcmp(ia->kind, "invoice") != 0)
		return "only an invoice has a due date";
	if (ia->has_qty && ia->qty <= 0)
		return "a quantity must be a positive whole number";
	if (ia->rating && (ia->rating < 1 || ia->rating > 5))
		return "a rating must be from 1 to 5";
	if (ia->has_nps && strcmp(ia->kind, "feedback") != 0)
		return "an NPS score is a survey's answer: only feedback has "
		    "one";
	if (ia->channel == NULL)
		for (i = 0; i < NELEM(implied); i++)
			if (strcmp(ia->kind, implied[i].kind) == 0)
				ia->channel = implied[i].channel;
	return NULL;
}

/* One INSERT, with or without the id (the columns before it the same). */
#define IA_INSERT_COLS "customer_id, at, kind, channel, product, quantity, " \
	"amount, rating, summary, ref, owner, created, item, deal_id, due"
#define IA_INSERT_VALS "?1, ?2, ?3, ?4, ?5, nullif(?6, 0), " \
	"CASE WHEN ?7 THEN CAST(?8 AS INTEGER) END, nullif(?9, 0), ?10, ?11, " \
	"?12, ?13, nullif(?14, 0), nullif(?15, 0), nullif(?16, '')"
#define IA_INSERT_ARGS(customer, ia, due) customer, ia->at, ia->kind, \
	ia->channel, ia->product, ia->has_qty ? ia->qty : 0, \
	(long long)ia->has_amount, ia->amount, (long long)ia->rating, \
	ia->summary, ia->ref, ia->owner, crm_now_str(), ia->item, ia->deal, due

static long long ia_insert(struct crm_db *, long long,
    const struct crm_ia *, int, long long);

/*
 * Write one interaction for customer; audit rows are the caller's choice
 * (one per interaction by hand, one per batch for streams and imports).
 * Its id, or -1 with the error recorded: the database refused it (exit
 * 65) or failed.
 */
long long
crm_ia_insert(struct crm_db *db, long long customer, const struct crm_ia *ia,
    int audit)
{
	return ia_insert(db, customer, ia, audit, 0);
}

/*
 * The tags that say customer is not to be e-mailed (CRM_TAG_*, in any
 * case of ASCII letters, as a filter's "has" reads them), ", " between;
 * NULL for none, or with the error kept.
 */
char *
crm_ia_no_mail(struct crm_db *db, long long customer)
{
	return crm_query_text(db, "SELECT group_concat(tag, ', ') FROM "
	    "(SELECT tag FROM tags WHERE customer_id = ? AND lower(tag) IN "
	    "('" CRM_TAG_BOUNCED "', '" CRM_TAG_UNSUB "') ORDER BY tag) t",
	    "i", customer);
}

/*
 * As crm_ia_insert without audit, for a bulk load that numbers its rows
 * (crm_bulk's next): ia gets id, and the engine need not wait for it
 * (crm_exec_sure: what crm_ia_check and the checks here passed, the
 * table takes).  id, or -1 with the error recorded.
 */
long long
crm_ia_insert_new(struct crm_db *db, long long customer,
    const struct crm_ia *ia, long long id)
{
	return ia_insert(db, customer, ia, 0, id);
}

/*
 * Why the database refused a new interaction: the customer's revenue it
 * would take past what 64 bits hold (kept as the table's sums, which a
 * STRICT table will not take as a float), said with the figures and the
 * limit; else what was refused.  -1, with the error kept.
 */
static long long
ia_refused(struct crm_db *db, long long customer, const struct crm_ia *ia)
{
	long long was = crm_query_int(db, 0, "SELECT revenue FROM cust_totals "
	    "WHERE customer_id = ?", "i", customer), now;
	const char *kind = ia->kind ? ia->kind : "";
	long long add = strcmp(kind, "return") == 0 && ia->amount > 0 ?
	    -ia->amount : ia->amount;	/* a return counts -abs(amount) */
	char a[32], b[32];

	if (ia->has_amount && (strcmp(kind, "purchase") == 0 ||
	    strcmp(kind, "return") == 0) && __builtin_add_overflow(was, add,
	    &now))
		return crm_fail(CRM_EX_DATAERR, "customer %lld's revenue, %s, "
		    "and this %s of %s add up past the largest sum crm keeps, "
		    CRM_SUM_LIMIT, customer, crm_fmt_money(was, a), kind,
		    crm_fmt_money(ia->amount, b));
	return crm_fail(CRM_EX_DATAERR, "interaction refused by the database "
	    "(customer %lld)", customer);
}

static long long ia_insert_nfc(struct crm_db *, long long,
    const struct crm_ia *, int, long long);

/*
 * ia_insert_nfc with the owner in NFC, as a customer's is (cust.c): an
 * owner typed on a Mac ("Jürgen" as u and U+0308) is the one typed
 * elsewhere, in crm-segment --by owner and in filters.
 */
static long long
ia_insert(struct crm_db *db, long long customer, const struct crm_ia *ia,
    int audit, long long given)
{
	struct crm_ia nfc;
	char *owner;
	long long id;

	if (ia->owner == NULL || crm_ascii(ia->owner))
		return ia_insert_nfc(db, customer, ia, audit, given);
	nfc = *ia;
	nfc.owner = owner = crm_nfc(ia->owner);
	id = ia_insert_nfc(db, customer, &nfc, audit, given);
	free(owner);
	return id;
}

static long long
ia_insert_nfc(struct crm_db *db, long long customer, const struct crm_ia *ia,
    int audit, long long given)
{
	/* The rows that hang on a new one need not be waited for either. */
	int (*exec)(struct crm_db *, const char *, const char *, ...) =
	    given ? crm_exec_nowait : crm_exec;
	struct crm_buf d = { 0 };
	char due[CRM_TIME_LEN];
	long long id;
	size_t i;
	int rc;

	if (ia->deal && crm_ia_check_deal(db, customer, ia) < 0)
		return -1;
	if (crm_recv_check(db, customer, ia, due) < 0)
		return -1;
	if (given)
		rc = crm_exec_sure(db, "INSERT INTO interactions ("
		    IA_INSERT_COLS ", id) VALUES (" IA_INSERT_VALS ", ?17)",
		    "issssiiiissssiisi", IA_INSERT_ARGS(customer, ia, due),
		    given);
	else
		rc = crm_exec(db, "INSERT INTO interactions (" IA_INSERT_COLS
		    ") VALUES (" IA_INSERT_VALS ")", "issssiiiissssiis",
		    IA_INSERT_ARGS(customer, ia, due));
	if (rc == CRM_CONSTRAINT)
		return ia_refused(db, customer, ia);
	if (rc == CRM_FAIL)
		return -1;
	id = given ? given : crm_last_id(db);
	/* A customer is a customer since the first thing logged for them:
	 * history logged after the customer moves created back, so that
	 * the figures of a period do not depend on the day it was added.
	 * An import (no audit row each) does it once a customer at its
	 * end, rather than at every earlier row. */
	if (audit)
		crm_exec(db, "UPDATE customers SET created = ?1 WHERE id = ?2 "
		    "AND created > ?1", "si", ia->at, customer);
	for (i = 0; i < ia->nscores; i++)
		exec(db, "INSERT INTO scores (interaction_id, indicator, "
		    "score) VALUES (?, ?, ?) ON CONFLICT (interaction_id, "
		    "indicator) DO UPDATE SET score = "
		    "excluded.score", "isi", id, ia->scores[i].indicator,
		    (long long)ia->scores[i].score);
	if (ia->has_nps) {
		char nps[4];

		snprintf(nps, sizeof nps, "%d", ia->nps);
		exec(db, "INSERT INTO interaction_fields (interaction_id, "
		    "key, value) VALUES (?, 'nps', ?) ON CONFLICT "
		    "(interaction_id, key) DO UPDATE SET value = "
		    "excluded.value", "is", id, nps);
	}
	/* An export's columns crm has no place for, kept beside it. */
	for (i = 0; i < ia->nfields; i++)
		exec(db, "INSERT INTO interaction_fields (interaction_id, "
		    "key, value) VALUES (?, ?, ?) ON CONFLICT (interaction_id, "
		    "key) DO UPDATE SET "
		    "value = excluded.value", "iss", id, ia->fields[i].key,
		    ia->fields[i].value);
	if (audit) {
		crm_buf_addf(&d, "{\"interaction\":%lld,\"kind\":", id);
		crm_json_str(&d, ia->kind);
		crm_buf_addc(&d, '}');
		crm_audit(db, "log", customer, d.s);
		crm_buf_free(&d);
	}
	return crm_db_failed(db) ? -1 : id;
}

/*
 * Whether ia may be logged against its deal for customer: the deal is
 * there, it is the customer's or their organisation's (or the customer
 * is the organisation of the deal's person), and a purchase or return
 * is against a won deal only: money comes from a sale that was made.
 * 0, or -1 with the error kept (65).
 */
int
crm_ia_check_deal(struct crm_db *db, long long customer,
    const struct crm_ia *ia)
{
	char *stage = crm_query_text(db, "SELECT stage FROM deals WHERE id = "
	    "? AND " CRM_SQL_DEAL_OF, "ii", ia->deal, customer);
	int r = 0;

	if (stage == NULL && !crm_db_failed(db))
		r = crm_fail(CRM_EX_DATAERR, crm_query_int(db, 0, "SELECT 1 "
		    "FROM deals WHERE id = ?", "i", ia->deal) ? "deal %lld is "
		    "not customer %lld's" : "no deal %lld", ia->deal, customer);
	else if (stage && (strcmp(ia->kind, "purchase") == 0 ||
	    strcmp(ia->kind, "return") == 0) && strcmp(stage, "won") != 0)
		r = crm_fail(CRM_EX_DATAERR, "deal %lld is %s, not won: a %s "
		    "is logged against a won deal", ia->deal, stage, ia->kind);
	free(stage);
	return crm_db_failed(db) ? -1 : r;
}

/*
 * The interaction of this customer that an import's row ia is already:
 * its id, or 0.  The same kind, ref and line of the order, and the same
 * time (in UTC, to the second) unless the file gave none: a file that
 * gives no time gives "now", another on every run, so then any time
 * matches, with a ref or without; a row whose time cell was empty in a
 * file that has a time column (CRM_AT_EMPTY) matches only rows logged
 * at now too, not a call of March (qa30 F4).  A row that its ref and line do not
 * name alone (!keyed: no line number, and a ref that is an order's, not
 * the row's, or none) is the same only with the same product, quantity,
 * amount and summary too: an order sheet's lines, two sales of a day,
 * two calls; a return's amount by its size, whatever sign it was
 * stored with (qa28 F1: -5.00 logged by an older build is the 5.00 an
 * import reads now).  (An order's line that its place does not name,
 * the import finds by its product: crm_ia_find_line().)  *amount (and
 * *has_amount) get what the one found came to, a return's positive.
 * (Looking up every row by its ref, without its time, reads all the
 * customer's rows from the table, not one entry of the index on
 * (customer_id, at): an import of 2,000,000 rows took half as long
 * again.)  nth skips the first nth that
 * are (the file's earlier like rows' own): two like rows of one file are
 * two interactions, and the file read again finds each its own.
 * The kind is a CAST, not the bare parameter: SQLite 3.40 compares a
 * bare one with the partial index's "kind = 'complaint'"
 * (interactions_open_complaints) to know whether it may use it, and
 * then prepares the statement again whenever the kind bound changes:
 * 98,000 instructions a row, 37% of an import that looks every row up
 * (bench/README.md, *Bulk loads*).
 */
#define IA_SAME "SELECT id, amount FROM interactions WHERE customer_id = ? " \
	"AND kind = CAST(? AS TEXT) AND ref IS ? AND item IS nullif(?, 0)"
#define IA_AT " AND at = ?"
/* a row logged at now (crm-log's default, an import's row of no time)
 * has its time of logging as its time: CRM_AT_EMPTY finds those alone */
#define IA_UNTIMED " AND at = created"
#define IA_ALIKE_(amount) " AND product IS ? AND quantity IS nullif(?, 0) " \
	"AND " amount " IS CASE WHEN ? THEN CAST(? AS INTEGER) END AND " \
	"summary IS ?"
#define IA_ALIKE IA_ALIKE_("amount")
/* A return's amount by its size: builds before 2026-12 stored an
 * import's return as the file signed it (-5.00), crm-log's command line
 * as typed; it is money back either way (agg.c's -abs(amount)). */
#define IA_ALIKE_RETURN IA_ALIKE_("abs(amount)")
#define IA_FIRST " ORDER BY id LIMIT 1 OFFSET ?"
#define IA_LINE "SELECT id, amount, quantity FROM interactions WHERE " \
	"customer_id = ?1 AND kind = CAST(?2 AS TEXT) AND ref IS ?3 AND " \
	"item IS NOT NULL AND product IS ?4"

/* Is ia a return, whose amount is compared by its size? */
static int
is_return(const struct crm_ia *ia)
{
	return ia->kind && strcmp(ia->kind, "return") == 0;
}

/* amount of a row of ia's kind as compared: a return's by its size. */
static long long
as_compared(const struct crm_ia *ia, long long amount)
{
	return is_return(ia) && amount < 0 ? -amount : amount;
}

long long
crm_ia_find(struct crm_db *db, long long customer, const struct crm_ia *ia,
    int keyed, long long nth, long long *amount, int *has_amount)
{
	static const char *const sql[9] = {
		IA_SAME IA_AT IA_FIRST, IA_SAME IA_FIRST,
		IA_SAME IA_UNTIMED IA_FIRST,
		IA_SAME IA_AT IA_ALIKE IA_FIRST, IA_SAME IA_ALIKE IA_FIRST,
		IA_SAME IA_UNTIMED IA_ALIKE IA_FIRST,
		IA_SAME IA_AT IA_ALIKE_RETURN IA_FIRST,
		IA_SAME IA_ALIKE_RETURN IA_FIRST,
		IA_SAME IA_UNTIMED IA_ALIKE_RETURN IA_FIRST,
	};
	const char *q = sql[(keyed ? 0 : is_return(ia) ? 6 : 3) +
	    (ia->at_now == CRM_AT_EMPTY ? 2 : ia->at_now ? 1 : 0)];
	struct crm_stmt *st = crm_cached(db, q, q);
	long long id = 0;
	int i = 5;

	if (amount)
		*amount = 0, *has_amount = 0;
	if (st == NULL)
		return 0;
	crm_bind_int(st, 1, customer);
	crm_bind_ref(st, 2, ia->kind);
	crm_bind_ref(st, 3, ia->ref);
	crm_bind_int(st, 4, ia->item);
	if (!ia->at_now)
		crm_bind_ref(st, i++, ia->at);
	if (!keyed) {
		crm_bind_ref(st, i++, ia->product);
		crm_bind_int(st, i++, ia->has_qty ? ia->qty : 0);
		crm_bind_int(st, i++, ia->has_amount);
		crm_bind_int(st, i++, as_compared(ia, ia->amount));
		crm_bind_ref(st, i++, ia->summary);
	}
	crm_bind_int(st, i, nth);
	if (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		if (amount && crm_col_type(st, 1) != CRM_NULL)
			*amount = as_compared(ia, crm_col_int(st, 1)),
			*has_amount = 1;
	}
	crm_reset(st);
	return id;
}

/*
 * An interaction logged before id before that ia may be the same as but
 * for its amount: the customer's, of ia's kind, ref and line, at a time
 * in [from, to) (ia's day), of its product where both name one (a Pump
 * is no corrected Valve), with another amount (a return's by its size).
 * A hand-made sheet has no order ids: a corrected amount in it, imported
 * again, is logged as a second one, and said (iaimport.c).
 * Its id and *amount, or 0.
 */
#define IA_DAY_(amount) "SELECT id, amount FROM interactions WHERE " \
	"customer_id = ? AND kind = CAST(? AS TEXT) AND ref IS ? AND item IS " \
	"nullif(?, 0) AND at >= ? AND at < ? AND id < ? AND (product IS ? OR " \
	"product IS NULL OR CAST(? AS TEXT) IS NULL) AND amount IS NOT " \
	"NULL AND " amount " <> ? ORDER BY at, amount LIMIT 1"

long long
crm_ia_same_day(struct crm_db *db, long long customer,
    const struct crm_ia *ia, const char *from, const char *to,
    long long before, long long *amount)
{
	static const char *const sql[2] = { IA_DAY_("amount"),
	    IA_DAY_("abs(amount)") };
	const char *q = sql[is_return(ia)];
	struct crm_stmt *st = crm_cached(db, q, q);
	long long id = 0;

	if (st == NULL)
		return 0;
	crm_bind_int(st, 1, customer);
	crm_bind_ref(st, 2, ia->kind);
	crm_bind_ref(st, 3, ia->ref);
	crm_bind_int(st, 4, ia->item);
	crm_bind_ref(st, 5, from);
	crm_bind_ref(st, 6, to);
	crm_bind_int(st, 7, before);
	crm_bind_ref(st, 8, ia->product);
	crm_bind_ref(st, 9, ia->product);
	crm_bind_int(st, 10, as_compared(ia, ia->amount));
	if (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		*amount = as_compared(ia, crm_col_int(st, 1));
	}
	crm_reset(st);
	return id;
}

/*
 * The row an earlier import logged that ia is, when that import read
 * no product or summary column, or this one reads none: a column one
 * file has and the other has not does not make two rows (qa20 F5: a
 * review imported again with --map body=summary was logged twice).
 * As crm_ia_find() for a row !keyed, but a product or summary that
 * either side lacks matches any, and only rows below before (not the
 * file's own: two of its rows, one with a note and one without, stay
 * two).  Its id, or 0.
 */
#define IA_LOOSE_(amount) "SELECT id FROM interactions WHERE " \
	"customer_id = ? AND kind = CAST(? AS TEXT) AND ref IS ? AND item IS " \
	"nullif(?, 0) AND id < ? AND (product IS ? OR product IS NULL OR " \
	"CAST(? AS TEXT) IS NULL) AND quantity IS nullif(?, 0) AND " amount \
	" IS CASE WHEN ? THEN CAST(? AS INTEGER) END AND (summary IS ? OR " \
	"summary IS NULL OR CAST(? AS TEXT) IS NULL)"
#define IA_LOOSE IA_LOOSE_("amount")
#define IA_LOOSE_RETURN IA_LOOSE_("abs(amount)")	/* as IA_ALIKE_RETURN */

long long
crm_ia_find_loose(struct crm_db *db, long long customer,
    const struct crm_ia *ia, long long nth, long long before)
{
	static const char *const sql[6] = {
		IA_LOOSE IA_AT IA_FIRST, IA_LOOSE IA_FIRST,
		IA_LOOSE IA_UNTIMED IA_FIRST,
		IA_LOOSE_RETURN IA_AT IA_FIRST, IA_LOOSE_RETURN IA_FIRST,
		IA_LOOSE_RETURN IA_UNTIMED IA_FIRST,
	};
	const char *q = sql[(is_return(ia) ? 3 : 0) +
	    (ia->at_now == CRM_AT_EMPTY ? 2 : ia->at_now ? 1 : 0)];
	struct crm_stmt *st;
	long long id = 0;
	int i = 1;

	if ((st = crm_cached(db, q, q)) == NULL)
		return 0;
	crm_bind_int(st, i++, customer);
	crm_bind_ref(st, i++, ia->kind);
	crm_bind_ref(st, i++, ia->ref);
	crm_bind_int(st, i++, ia->item);
	crm_bind_int(st, i++, before);
	crm_bind_ref(st, i++, ia->product);
	crm_bind_ref(st, i++, ia->product);
	crm_bind_int(st, i++, ia->has_qty ? ia->qty : 0);
	crm_bind_int(st, i++, ia->has_amount);
	crm_bind_int(st, i++, as_compared(ia, ia->amount));
	crm_bind_ref(st, i++, ia->summary);
	crm_bind_ref(st, i++, ia->summary);
	if (!ia->at_now)
		crm_bind_ref(st, i++, ia->at);
	crm_bind_int(st, i, nth);
	if (crm_step(st) == CRM_ROW)
		id = crm_col_int(st, 0);
	crm_reset(st);
	return id;
}

/*
 * Fill in what interaction id lacks and an import's row ia of it gives:
 * its rating, product and summary, each only where it has none (an
 * import adds, it does not change what was logged).  *differ gets the
 * CRM_FILL_* bits of those it has and ia gives otherwise, left as they
 * are.  The CRM_FILL_* bits of those filled in, or -1 (the database).
 */
int
crm_ia_fill(struct crm_db *db, long long id, const struct crm_ia *ia,
    int *differ)
{
	static const char q[] = "SELECT rating, product, summary FROM "
	    "interactions WHERE id = ?";
	struct crm_stmt *st = crm_cached(db, q, q);
	int fill = 0, r;

	*differ = 0;
	if (st == NULL)
		return -1;
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW) {
		if (ia->rating && crm_col_type(st, 0) == CRM_NULL)
			fill |= CRM_FILL_RATING;
		else if (ia->rating && crm_col_int(st, 0) != ia->rating)
			*differ |= CRM_FILL_RATING;
		if (ia->product && crm_col_type(st, 1) == CRM_NULL)
			fill |= CRM_FILL_PRODUCT;
		else if (ia->product && strcmp(crm_col_text(st, 1),
		    ia->product) != 0)
			*differ |= CRM_FILL_PRODUCT;
		if (ia->summary && crm_col_type(st, 2) == CRM_NULL)
			fill |= CRM_FILL_SUMMARY;
		else if (ia->summary && strcmp(crm_col_text(st, 2),
		    ia->summary) != 0)
			*differ |= CRM_FILL_SUMMARY;
	}
	crm_reset(st);
	if (crm_db_failed(db))
		return -1;
	if (fill == 0)
		return 0;
	r = crm_exec(db, "UPDATE interactions SET rating = coalesce(rating, "
	    "nullif(CAST(? AS INTEGER), 0)), product = coalesce(product, "
	    "CAST(? AS TEXT)), summary = coalesce(summary, CAST(? AS TEXT)) "
	    "WHERE id = ?", "issi", fill & CRM_FILL_RATING ?
	    (long long)ia->rating : 0LL, fill & CRM_FILL_PRODUCT ?
	    ia->product : NULL, fill & CRM_FILL_SUMMARY ? ia->summary : NULL,
	    id);
	return r < 0 || crm_db_failed(db) ? -1 : fill;
}

/*
 * The line of an order that an import's line ia is already, told by its
 * product rather than its place: an order exported again with a line
 * added above the others has its lines in other places.  Among the
 * lines of the order (same customer, kind, ref, and time unless the file
 * gave none) with the same product and not taken by another line of the
 * file's order (taken), the one with the same quantity and amount, else
 * the first: its id, or 0.  *amount and *has_amount as crm_ia_find().
 */
long long
crm_ia_find_line(struct crm_db *db, long long customer,
    const struct crm_ia *ia, const long long *taken, size_t ntaken,
    long long *amount, int *has_amount)
{
	static const char *const sql[2] = {
		IA_LINE " AND at = ?5 ORDER BY id", IA_LINE " ORDER BY id",
	};
	const char *q = sql[ia->at_now ? 1 : 0];
	struct crm_stmt *st = crm_cached(db, q, q);
	long long id = 0, first = 0, id_amount = 0, first_amount = 0, c;
	int id_has = 0, first_has = 0, same;
	size_t k;

	*amount = 0, *has_amount = 0;
	if (st == NULL)
		return 0;
	crm_bind_int(st, 1, customer);
	crm_bind_ref(st, 2, ia->kind);
	crm_bind_ref(st, 3, ia->ref);
	crm_bind_ref(st, 4, ia->product);
	if (!ia->at_now)
		crm_bind_ref(st, 5, ia->at);
	while (id == 0 && crm_step(st) == CRM_ROW) {
		c = crm_col_int(st, 0);
		for (k = 0; k < ntaken && taken[k] != c; k++)
			;
		if (k < ntaken)
			continue;
		same = (crm_col_type(st, 2) == CRM_NULL ? !ia->has_qty :
		    ia->has_qty && crm_col_int(st, 2) == ia->qty) &&
		    (crm_col_type(st, 1) == CRM_NULL ? !ia->has_amount :
		    ia->has_amount && as_compared(ia, crm_col_int(st, 1)) ==
		    as_compared(ia, ia->amount));
		if (same) {
			id = c, id_amount = as_compared(ia, crm_col_int(st, 1));
			id_has = crm_col_type(st, 1) != CRM_NULL;
		} else if (first == 0) {
			first = c;
			first_amount = as_compared(ia, crm_col_int(st, 1));
			first_has = crm_col_type(st, 1) != CRM_NULL;
		}
	}
	crm_reset(st);
	if (id == 0)
		id = first, id_amount = first_amount, id_has = first_has;
	if (id)
		*amount = id_amount, *has_amount = id_has;
	return id;
}

/*
 * The interaction of this customer that an import's row ia is already,
 * told by the export's own id of the row, kept as its extra field key
 * (Amazon's shipment-item-id): the same kind and ref, and that field's
 * value.  Neither its place in the file nor its product tells two
 * shipments of one order's item apart, and a later report may hold the
 * second alone.  Its id, or 0; *amount and *has_amount as crm_ia_find().
 */
long long
crm_ia_find_by_field(struct crm_db *db, long long customer,
    const struct crm_ia *ia, const char *key, const char *value,
    long long *amount, int *has_amount)
{
	static const char q[] = "SELECT i.id, i.amount FROM interactions i "
	    "JOIN interaction_fields f ON f.interaction_id = i.id WHERE "
	    "i.customer_id = ? AND i.kind = CAST(? AS TEXT) AND i.ref IS ? "
	    "AND f.key = ? AND f.value = ? ORDER BY i.id LIMIT 1";
	struct crm_stmt *st = crm_cached(db, q, q);
	long long id = 0;

	*amount = 0, *has_amount = 0;
	if (st == NULL)
		return 0;
	crm_bind_int(st, 1, customer);
	crm_bind_ref(st, 2, ia->kind);
	crm_bind_ref(st, 3, ia->ref);
	crm_bind_ref(st, 4, key);
	crm_bind_ref(st, 5, value);
	if (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		if (crm_col_type(st, 1) != CRM_NULL)
			*amount = as_compared(ia, crm_col_int(st, 1)),
			*has_amount = 1;
	}
	crm_reset(st);
	return id;
}

/*
 * A purchase of the customer's order ia->ref logged before interaction
 * before (by an earlier import) at the other level of detail: a line of
 * it when ia is the order's total (no line number), the order's total
 * when ia is a line.  Two exports of the same orders (Etsy's orders and
 * order items files) would count each sale twice.  Within two days of
 * ia's time unless the file gave none: the same order, whatever zone
 * each file's dates are in, and the lookup stays on the index on
 * (customer_id, at).  Its id, or 0.
 */
#define IA_OTHER "SELECT id FROM interactions WHERE customer_id = ?1 AND " \
	"kind = 'purchase' AND ref = ?2 AND id < ?3 AND item IS "
#define IA_NEAR " AND at BETWEEN ?4 AND ?5"

long long
crm_ia_find_other_level(struct crm_db *db, long long customer,
    const struct crm_ia *ia, long long before)
{
	static const char *const sql[4] = {
		IA_OTHER "NULL" IA_NEAR " LIMIT 1", IA_OTHER "NULL LIMIT 1",
		IA_OTHER "NOT NULL" IA_NEAR " LIMIT 1",
		IA_OTHER "NOT NULL LIMIT 1",
	};
	char from[CRM_TIME_LEN], to[CRM_TIME_LEN];
	time_t t;
	int near = !ia->at_now && crm_parse_when(ia->at, &t) == 0;
	const char *q = sql[(ia->item > 0 ? 0 : 2) + (near ? 0 : 1)];
	struct crm_stmt *st;
	long long id = 0;

	if (ia->ref == NULL || strcmp(ia->kind, "purchase") != 0)
		return 0;
	if ((st = crm_cached(db, q, q)) == NULL)
		return 0;
	crm_bind_int(st, 1, customer);
	crm_bind_text(st, 2, ia->ref);
	crm_bind_int(st, 3, before);
	if (near) {
		crm_bind_text(st, 4, crm_fmt_time(t - 2 * 86400, from));
		crm_bind_text(st, 5, crm_fmt_time(t + 2 * 86400, to));
	}
	if (crm_step(st) == CRM_ROW)
		id = crm_col_int(st, 0);
	crm_reset(st);
	return id;
}

/* Interaction id's customer, 0 for none. */
long long
crm_ia_customer(struct crm_db *db, long long id)
{
	return crm_query_int(db, 0, "SELECT customer_id FROM interactions "
	    "WHERE id = ?", "i", id);
}

/*
 * Complaint id resolved at at, as an import's ticket export says, unless
 * it is resolved already (an import adds, it never changes): the
 * import's audit row is its record.
 */
void
crm_ia_set_resolved(struct crm_db *db, long long id, const char *at)
{
	crm_exec(db, "UPDATE interactions SET resolved = ? WHERE id = ? AND "
	    "kind = 'complaint' AND resolved IS NULL AND at <= ?", "sis", at,
	    id, at);
}

/*
 * Interaction id rated as a help desk's ticket export says: rated after
 * it was logged, or rated again (Zendesk lets a customer change her
 * satisfaction, and a later export says the one she gave last).  The
 * export's own cell is kept as the field key (its header): a rating is
 * the export's to change only where that field says the export gave it
 * (a rating given by hand, with no such field, stays), and only when
 * the cell changed; the field follows the cell.  1 when it had no
 * rating, 2 when it had another, 0 when it keeps the one it had.  The
 * aggregates follow by their update trigger, undo by its own.
 */
int
crm_ia_set_rating(struct crm_db *db, long long id, int rating,
    const char *key, const char *cell)
{
	char *stored = NULL;
	int r = 0;

	crm_exec(db, "UPDATE interactions SET rating = ? WHERE id = ? AND "
	    "rating IS NULL", "ii", (long long)rating, id);
	if (crm_changes(db) > 0)
		r = 1;
	else if (key && cell && (stored = crm_query_text(db, "SELECT value "
	    "FROM interaction_fields WHERE interaction_id = ? AND key = ?",
	    "is", id, key)) != NULL && strcmp(stored, cell) != 0) {
		crm_exec(db, "UPDATE interactions SET rating = ? WHERE id = ? "
		    "AND rating <> ?", "iii", (long long)rating, id,
		    (long long)rating);
		r = crm_changes(db) > 0 ? 2 : 0;
	}
	free(stored);
	if (key && cell)
		crm_exec(db, "UPDATE interaction_fields SET value = ? WHERE "
		    "interaction_id = ? AND key = ? AND value <> ?", "siss",
		    cell, id, key, cell);
	return r;
}

/*
 * Drop interaction id's extra field key where it holds value: a cell an
 * earlier import kept as a field that a column of its own now holds
 * (a survey's Comment filled in as the summary, Jira's Issue key as the
 * ref), so that the row does not keep it twice.
 */
void
crm_ia_drop_field(struct crm_db *db, long long id, const char *key,
    const char *value)
{
	if (key && value)
		crm_exec(db, "DELETE FROM interaction_fields WHERE "
		    "interaction_id = ? AND key = ? AND value = ?", "iss", id,
		    key, value);
}

/*
 * Give ticket id, logged by a build that read no ticket number, the
 * number ref and the agent owner (in NFC, as ia_insert_nfc() keeps an
 * owner) an export of it gives, each only where it has none, so that
 * the ticket is found by its number from now on (an edited subject is
 * the same ticket).  1 when something was given, 0 when not, -1 (the
 * database).
 */
int
crm_ia_fill_ticket(struct crm_db *db, long long id, const char *ref,
    const char *owner)
{
	char *nfc = owner && !crm_ascii(owner) ? crm_nfc(owner) : NULL;
	int r;

	r = crm_exec(db, "UPDATE interactions SET ref = coalesce(ref, "
	    "CAST(? AS TEXT)), owner = coalesce(owner, CAST(? AS TEXT)) "
	    "WHERE id = ? AND ((ref IS NULL AND CAST(? AS TEXT) IS NOT NULL) "
	    "OR (owner IS NULL AND CAST(? AS TEXT) IS NOT NULL))", "ssiss",
	    ref, nfc ? nfc : owner, id, ref, nfc ? nfc : owner);
	free(nfc);
	if (r < 0 || crm_db_failed(db))
		return -1;
	return crm_changes(db) > 0;
}

/* Correct what interaction id came to (an import's capped refund). */
void
crm_ia_set_amount(struct crm_db *db, long long id, long long amount)
{
	crm_exec(db, "UPDATE interactions SET amount = ? WHERE id = ?", "ii",
	    amount, id);
}

/*
 * Make return id the refund a row of the file gives: its time and
 * amount (a return a sale's status made, at the sale's time, before the
 * refund's own row was read: iaimport.c's refund_row_said).
 */
void
crm_ia_move(struct crm_db *db, long long id, const char *at,
    long long amount)
{
	crm_exec(db, "UPDATE interactions SET at = ?, amount = ? WHERE id = ?",
	    "sii", at, amount, id);
}

/* A text column as a string of its own (malloc'd), NULL for NULL. */
static char *
col_dup(struct crm_stmt *st, int i)
{
	return crm_col_type(st, i) == CRM_NULL ? NULL :
	    crm_xstrdup(crm_col_text(st, i));
}

/*
 * Why complaint id cannot be closed at time at (recorded, exit 65), or
 * -1 when the database failed; 0 when it can, with its customer in
 * *customer.  One look-up for all it needs: each statement a call
 * prepares costs some 15,000 instructions.
 */
static int
unresolvable(struct crm_db *db, long long id, const char *at,
    long long *customer)
{
	struct crm_stmt *st;
	char *kind = NULL, *resolved = NULL, *opened = NULL;
	int r = -1;

	st = crm_prepare(db, "SELECT kind, resolved, at, customer_id FROM "
	    "interactions WHERE id = ?");
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW) {
		kind = col_dup(st, 0);
		resolved = col_dup(st, 1);
		opened = col_dup(st, 2);
		*customer = crm_col_int(st, 3);
	}
	crm_finalize(st);
	if (crm_db_failed(db))
		goto done;
	if (kind == NULL)
		crm_fail(CRM_EX_DATAERR, "no interaction %lld", id);
	else if (strcmp(kind, "complaint") != 0)
		crm_fail(CRM_EX_DATAERR, "interaction %lld is %s %s, not a "
		    "complaint: only complaints are resolved", id,
		    strchr("aeiouAEIOU", kind[0]) && kind[0] ? "an" : "a",
		    kind);
	else if (resolved)
		crm_fail(CRM_EX_DATAERR, "complaint %lld was already resolved "
		    "at %s", id, resolved);
	else if (strcmp(at, opened) < 0)
		crm_fail(CRM_EX_DATAERR, "complaint %lld was opened at %s, "
		    "after %s", id, opened, at);
	else
		r = 0;
done:
	free(kind);
	free(resolved);
	free(opened);
	return r;
}

/*
 * Close complaint id at time at: 0, or -1 with the error recorded (exit
 * 65 when that makes no sense).
 */
int
crm_ia_resolve(struct crm_db *db, long long id, const char *at,
    const char *summary)
{
	struct crm_buf d = { 0 };
	long long customer = 0;

	if (unresolvable(db, id, at, &customer) < 0)
		return -1;
	crm_exec(db, "UPDATE interactions SET resolved = ?, resolution = ? "
	    "WHERE id = ?", "ssi", at, summary, id);
	crm_buf_addf(&d, "{\"interaction\":%lld,\"resolved\":", id);
	crm_json_str(&d, at);
	crm_buf_addc(&d, '}');
	crm_audit(db, "resolve", customer, d.s);
	crm_buf_free(&d);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * A customer's timeline, newest first, to out, and an export row for it
 * in the audit trail saying what (the command that asked).  Amounts print
 * as exact decimals; a complaint's state is open or resolved, an
 * invoice's open or paid (in full), with its due date.  How many
 * rows, or -1 with the error recorded and nothing audited: an export
 * that failed (a write error, a field list naming no column) exported
 * nothing.
 */
long long
crm_ia_show(struct crm_db *db, long long customer, const char *since,
    const char *kind, const char *search, struct crm_out *out,
    const char *what)
{
	struct crm_filter f = { 0 };
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	char *sub = NULL, *err = NULL;
	long long rows;

	crm_filter_param_int(&f, customer);	/* ?1 */
	crm_filter_param(&f, since);		/* ?2 */
	crm_filter_param(&f, kind);		/* ?3 */
	if (search && (sub = crm_search_interactions_sql(db, &f, search,
	    &err)) == NULL) {
		crm_fail_arg(CRM_EX_USAGE, "search", "%s", err);
		free(err);
		crm_filter_free(&f);
		return -1;
	}
	crm_buf_adds(&sql, "SELECT i.id, i.at, i.kind, i.channel, i.product, "
	    "i.quantity, CASE WHEN i.amount IS NOT NULL THEN "
	    CRM_SQL_MONEY("i.amount") " END AS amount, i.rating, "
	    CRM_SQL_NPS_OF("i") " AS nps, "
	    "(SELECT group_concat(indicator || '=' || score, ',') FROM "
	    "(SELECT indicator, score FROM scores WHERE interaction_id = i.id "
	    "ORDER BY indicator)) AS scores, i.summary, i.ref, i.owner, "
	    "CASE WHEN i.kind = 'complaint' THEN CASE WHEN i.resolved IS NULL "
	    "THEN 'open' ELSE 'resolved' END WHEN i.kind = 'invoice' THEN "
	    "CASE WHEN " CRM_SQL_INVOICE_OPEN("p.at <= crm_now()") " > 0 "
	    "THEN 'open' ELSE 'paid' END "
	    "END AS state, i.resolved, i.resolution, i.due "
	    "FROM interactions i WHERE i.customer_id = ?1 AND (?2 IS NULL OR "
	    "i.at >= ?2) AND (?3 IS NULL OR i.kind = ?3)");
	/* Only the words' matches: a timeline narrowed (search.c), each of
	 * its rows looked up in the index, not every match of the words
	 * (--show of one customer --search valve, 200,000 interactions:
	 * 0.10 s, 0.05 s; the old way grew with the matches: 0.26 s in
	 * 1,000,000). */
	if (sub)
		crm_buf_addf(&sql, " AND EXISTS (%s AND rowid = i.id)", sub);
	crm_buf_adds(&sql, " ORDER BY i.at DESC, i.id DESC");
	free(sub);
	st = crm_prepare(db, sql.s);
	crm_filter_bind(&f, st, 1);
	rows = crm_out_stmt(out, st);
	crm_finalize(st);
	crm_buf_free(&sql);
	crm_filter_free(&f);
	if (rows < 0)
		return -1;
	crm_audit_export_of(db, what, rows, customer);
	return rows;
}
