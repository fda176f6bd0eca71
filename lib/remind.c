/*
 * remind.c - follow-ups: dated and recurring reminders, cadence rules
 * ("every gold customer gets a call every 30 days"), complaints past
 * their SLA and open deals past their close date or gone quiet, gathered
 * into one list of what is due.
 *
 * Rules, complaints and deals are not stored as reminders: they are
 * worked out from the customers, interactions and deals each time, so
 * logging a call is what clears a rule's or a quiet deal's item, and
 * resolving a complaint clears its item.  Items have ids that say where
 * they come from: 12 (reminder 12), rule:3:17 (rule 3, customer 17),
 * complaint:8 (interaction 8), deal:4 (deal 4).
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The list is gathered here, then printed in due order. */
static const char due_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS due_items (item TEXT, due TEXT, "
    "customer_id INTEGER, owner TEXT, note TEXT, source TEXT, every TEXT)";

/* The settings' keys and what holds when none is stored. */
#define SLA_KEY		"complaint_sla"
#define SLA_DEFAULT	"24h"
#define QUIET_KEY	"deal_quiet"
#define QUIET_DEFAULT	"14d"

/*
 * The kinds of interaction with a deal's customer that count as work on
 * the deal when they are logged against no deal: what a rep does (a
 * call, a mail, a meeting, a note), not what the customer does (a web
 * visit, a purchase, a return, a complaint, an inquiry, feedback).
 */
#define DEAL_CONTACT_KINDS \
	"('call', 'email', 'fax', 'meeting', 'visit', 'chat', 'note')"

/* The stored setting key into buf, else dflt: buf, or NULL when the
 * database failed (no setting read is not "no setting"). */
static const char *
setting(struct crm_db *db, const char *key, const char *dflt, char buf[64])
{
	char *v;

	v = crm_setting(db, key);
	if (crm_db_failed(db)) {
		free(v);
		return NULL;
	}
	snprintf(buf, 64, "%s", v ? v : dflt);
	free(v);
	return buf;
}


/*
 * The stored complaint SLA, 24h when none is stored; valid until the
 * next call.  NULL when the database failed.  (A --sla given instead is
 * the program's to check.)
 */
const char *
crm_remind_sla(struct crm_db *db)
{
	static char buf[64];

	return setting(db, SLA_KEY, SLA_DEFAULT, buf);
}

/*
 * How long an open deal may go without activity before it is due: the
 * stored setting, 14d when none is stored; valid until the next call.
 * NULL when the database failed.
 */
const char *
crm_remind_quiet(struct crm_db *db)
{
	static char buf[64];

	return setting(db, QUIET_KEY, QUIET_DEFAULT, buf);
}

/* Set how long a deal may be quiet (a duration the caller has checked). */
void
crm_remind_set_quiet(struct crm_db *db, const char *quiet)
{
	crm_setting_put(db, QUIET_KEY, quiet);
}

/*
 * Where an owner's mail goes (an address the program has checked), or
 * "" to forget it; audited like the other settings.
 */
void
crm_remind_set_owner(struct crm_db *db, const char *owner,
    const char *address)
{
	char *key = crm_xasprintf("mail:%s", owner);

	struct crm_buf d = { 0 };

	if (*address) {
		crm_setting_put(db, key, address);
	} else {
		crm_exec(db, "DELETE FROM settings WHERE key = ?", "s", key);
		crm_buf_adds(&d, "{");
		crm_json_str(&d, key);
		crm_buf_adds(&d, ":null}");
		crm_audit(db, "settings", 0, d.s);
		crm_buf_free(&d);
	}
	free(key);
}

/* The owners' addresses (owner, address), or one owner's: 0, or -1. */
int
crm_remind_owners(struct crm_db *db, const char *owner, struct crm_out *out)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT substr(key, 6) AS "
	    "owner, value AS address FROM settings WHERE substr(key, 1, 5) = "
	    "'mail:' AND (?1 IS NULL OR key = 'mail:' || ?1) ORDER BY 1");
	long long n;

	crm_bind_text(st, 1, owner);
	n = crm_out_stmt(out, st);
	crm_finalize(st);
	return n < 0 ? -1 : 0;
}

/*
 * The open reminders, due by until unless all.  Two statements, not
 * "(?1 OR due <= ?2)": the index in (done, due) order gives the range
 * only to a plain due <= ?, so the day's list reads the due ones, not
 * every open one.
 */
static void
gather_reminders(struct crm_db *db, const char *until, int all)
{
	/* A failure is kept by the database and seen by due_stmt. */
	if (all)
		crm_exec(db, "INSERT INTO temp.due_items SELECT id, due, "
		    "customer_id, owner, note, 'reminder', every FROM "
		    "reminders WHERE done IS NULL", NULL);
	else
		crm_exec(db, "INSERT INTO temp.due_items SELECT id, due, "
		    "customer_id, owner, note, 'reminder', every FROM "
		    "reminders WHERE done IS NULL AND due <= ?", "s", until);
}

/*
 * The rule's item for the customer in st's row (id, owner, last contact
 * or NULL for never), when it is due by until (or all): due at the last
 * contact plus every in the local calendar, as a reminder, else at the
 * rule's making; the customer's rep keeps the cadence, the rule's owner
 * takes the customers who have none.
 */
static void
rule_row(struct crm_db *db, struct crm_stmt *st, long long rule,
    const struct crm_dur *d, const char *every, const char *note,
    const char *owner, const char *created, const char *until, int all)
{
	char due[CRM_TIME_LEN], *item;
	const char *last = crm_col_text(st, 2);
	time_t t;

	if (last == NULL || crm_parse_when(last, &t) < 0)
		snprintf(due, sizeof due, "%s", created);
	else
		crm_fmt_time(crm_dur_add_local(t, d), due);
	if (!all && strcmp(due, until) > 0)
		return;
	item = crm_xasprintf("rule:%lld:%lld", rule, crm_col_int(st, 0));
	crm_exec(db, "INSERT INTO temp.due_items VALUES (?, ?, ?, "
	    "coalesce(nullif(?, ''), ?), ?, 'rule', ?)", "ssissss",
	    item, due, crm_col_int(st, 0), crm_col_text(st, 1),
	    owner, note, every);
	free(item);
}

/* Each row of f's query sql (f's parameters bound) through rule_row. */
static void
rule_rows(struct crm_db *db, struct crm_filter *f, const char *sql,
    long long rule, const struct crm_dur *d, const char *every,
    const char *note, const char *owner, const char *created,
    const char *until, int all)
{
	struct crm_stmt *st = crm_prepare(db, sql);

	crm_filter_bind(f, st, 1);
	while (crm_step(st) == CRM_ROW)
		rule_row(db, st, rule, d, every, note, owner, created, until,
		    all);
	crm_finalize(st);
}

/*
 * The latest last contact (*cut) that can make a rule's item due by
 * until: until less the cadence, with time to spare (rule_row's test is
 * exact): 4 days for a cadence in months (28 to 31 days a month, and the
 * local calendar's offset), 1 for one in days or hours (a local day is
 * 23 to 25 hours across summer time).  -1 when until is not a time.
 */
static int
rule_cut(const char *until, const struct crm_dur *d, char cut[CRM_TIME_LEN])
{
	time_t t;

	if (crm_parse_when(until, &t) < 0)
		return -1;
	crm_fmt_time(crm_dur_add(t, d, -1) + (d->months ? 4 : 1) * 86400,
	    cut);
	return 0;
}

/*
 * A rule's customers are due "every" after their last contact (never
 * contacted: since the rule was made), each the item of the customer's
 * owner, else of the rule's.  A rule whose filter no longer
 * compiles (a custom field since dropped) is skipped with a warning, so
 * one stale rule does not hide everything else that is due.
 *
 * The last contact is the kept one (cust_totals.last_at, agg.c).  For
 * the list of a day (not --all), those contacted long enough ago are
 * found through its index (schema 18), when they are few: a quarter of
 * the customers at most, else every customer of the filter is read, as
 * the index would only add a lookup to each.  The never contacted are
 * then those of cust_never (schema 19: people, as a rule's filter takes
 * people only), kept at write time, each looked up for the filter:
 * finding them among all the customers read every one of them, 96% of
 * a kept-up morning at 1,000,000 customers.  CROSS JOIN keeps SQLite's
 * planner, which has no statistics, from reading the filter's customers
 * through an index of theirs and looking each up in the set.
 */
static int
gather_rule(struct crm_db *db, long long rule, const char *expr,
    const char *every, const char *note, const char *owner,
    const char *created, const char *until, int all, long long customers)
{
	struct crm_filter f;
	struct crm_buf sql = { 0 };
	struct crm_dur d;
	char *err, cut[CRM_TIME_LEN];
	int few;

	if (crm_filter_compile(db, expr, NULL, NULL, &f, &err) < 0) {
		if (crm_db_failed(db)) {	/* not the rule's fault */
			free(err);
			return -1;
		}
		crm_warn("rule %lld: %s: skipped", rule, err);
		free(err);
		return 0;
	}
	if (crm_parse_dur(every, &d) < 0) {
		crm_filter_free(&f);
		return crm_fail(CRM_EX_DATAERR, "rule %lld: bad duration '%s'",
		    rule, every);
	}
	few = !all && rule_cut(until, &d, cut) == 0 && 4 * crm_query_int(db,
	    0, "SELECT count(*) FROM cust_totals WHERE last_at <= ?", "s",
	    cut) <= customers;
	if (few) {
		crm_buf_addf(&sql, "SELECT c.id, c.owner, t.last_at FROM "
		    "cust_totals t JOIN customers c ON c.id = t.customer_id "
		    "WHERE t.last_at <= ?%d AND (%s)", crm_filter_param(&f,
		    cut), f.sql.s);
		rule_rows(db, &f, sql.s, rule, &d, every, note, owner, created,
		    until, all);
		crm_buf_free(&sql);
		crm_buf_addf(&sql, "SELECT c.id, c.owner, NULL FROM "
		    "cust_never n CROSS JOIN customers c WHERE c.id = "
		    "n.customer_id AND (%s)", f.sql.s);
		rule_rows(db, &f, sql.s, rule, &d, every, note, owner, created,
		    until, all);
	} else {
		crm_buf_addf(&sql, "SELECT c.id, c.owner, t.last_at FROM "
		    "customers c LEFT JOIN cust_totals t ON t.customer_id = "
		    "c.id WHERE (%s)", f.sql.s);
		if (!all && rule_cut(until, &d, cut) == 0)
			crm_buf_addf(&sql, " AND (t.last_at IS NULL OR "
			    "t.last_at <= ?%d)", crm_filter_param(&f, cut));
		rule_rows(db, &f, sql.s, rule, &d, every, note, owner, created,
		    until, all);
	}
	crm_buf_free(&sql);
	crm_filter_free(&f);
	return 0;
}

static int
gather_rules(struct crm_db *db, const char *until, int all)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT id, expr, every, note, "
	    "owner, created FROM rules ORDER BY id");
	long long customers = -1;
	int r = 0;

	while (r == 0 && crm_step(st) == CRM_ROW) {
		/* Counted once, for the list of a day, if there are rules. */
		if (!all && customers < 0) {
			customers = crm_query_int(db, 0, "SELECT count(*) FROM "
			    "customers", NULL);
			if (crm_db_failed(db)) {
				r = -1;
				break;
			}
		}
		r = gather_rule(db, crm_col_int(st, 0), crm_col_text(st, 1),
		    crm_col_text(st, 2), crm_col_text(st, 3),
		    crm_col_text(st, 4), crm_col_text(st, 5), until, all,
		    customers);
	}
	crm_finalize(st);
	return r;
}

/* Open complaints are due when the SLA (d) after they were opened runs
 * out. */
static void
gather_complaints(struct crm_db *db, const struct crm_dur *d,
    const char *until, int all)
{
	struct crm_stmt *st;
	char due[CRM_TIME_LEN], *item;
	time_t t;

	/* The customer's owner hears of it, not whoever logged it (often
	 * an import or the service desk); the logger when there is none. */
	st = crm_prepare(db, "SELECT i.id, i.at, i.customer_id, coalesce("
	    "c.owner, i.owner), i.summary FROM interactions i JOIN customers "
	    "c ON c.id = i.customer_id WHERE i.kind = 'complaint' AND "
	    "i.resolved IS NULL ORDER BY i.at");
	while (crm_step(st) == CRM_ROW) {
		if (crm_parse_when(crm_col_text(st, 1),
		    &t) < 0)
			continue;
		crm_fmt_time(crm_dur_add(t, d, 1), due);
		if (!all && strcmp(due, until) > 0)
			continue;
		item = crm_xasprintf("complaint:%lld",
		    crm_col_int(st, 0));
		crm_exec(db, "INSERT INTO temp.due_items VALUES (?, ?, ?, ?, "
		    "coalesce('Complaint: ' || ?, 'Complaint'), 'complaint', "
		    "NULL)", "ssiss", item, due,
		    crm_col_int(st, 2),
		    crm_col_text(st, 3),
		    crm_col_text(st, 4));
		free(item);
	}
	crm_finalize(st);
}

/*
 * Invoices with something open are due at their due date (recv.c); the
 * customer's owner hears of it, else whoever logged the invoice.  Paid
 * in full, an invoice's item is gone; a payment dated after now is not
 * made yet, as for open_amount (expr.c).
 */
static void
gather_invoices(struct crm_db *db, const char *until, int all)
{
	crm_exec(db, "INSERT INTO temp.due_items SELECT 'invoice:' || id, "
	    "due, customer_id, owner, 'Invoice ' || ref || ': ' || "
	    CRM_SQL_MONEY("open") " || ' open', 'invoice', NULL FROM (SELECT "
	    "i.id, i.due, i.customer_id, coalesce(c.owner, i.owner) AS owner, "
	    "i.ref, " CRM_SQL_INVOICE_OPEN("p.at <= crm_now()") " AS "
	    "open FROM interactions i "
	    "JOIN customers c ON c.id = i.customer_id WHERE i.kind = "
	    "'invoice' AND i.due IS NOT NULL AND (?1 OR i.due <= ?2)) WHERE "
	    "open > 0", "is", (long long)all, until);
}

/*
 * Deals, for their items: id, customer, owner (the deal's, else the
 * customer's, else whoever made the deal: its first move's actor), title, stage, amount, expected close, closed, and the
 * last activity: the latest of the last stage move (deal_history, whose
 * first row is the deal's creation), the last update, what was logged
 * against the deal, and the customer's contacts of DEAL_CONTACT_KINDS
 * logged against no deal (one logged against another deal was about
 * that one); an organisation's, those logged on its people too (its
 * contacts, org_id, as crm-report's organisation views have them): a
 * call to the buyer is work on the company's deal.  What was logged
 * against deals is read in one pass, as interactions.deal_id has no
 * index; each customer's contacts backwards through the customer's
 * index, to the first that counts (twice as fast as max() over them
 * all), its people through customers_org.  A WHERE clause follows.
 */
#define LAST_CONTACT(who) "(SELECT i.at FROM interactions i WHERE " \
	"i.customer_id = " who " AND i.deal_id IS NULL AND i.kind IN " \
	DEAL_CONTACT_KINDS " ORDER BY i.at DESC LIMIT 1)"
#define DEAL_ITEM_SQL \
	"WITH touched AS (SELECT deal_id, max(at) AS at FROM interactions " \
	"WHERE deal_id IS NOT NULL GROUP BY deal_id) " \
	"SELECT d.id, d.customer_id, coalesce(nullif(d.owner, ''), " \
	"nullif(c.owner, ''), (SELECT h.actor FROM deal_history h WHERE " \
	"h.deal_id = d.id ORDER BY h.at, h.id LIMIT 1)), d.title, " \
	"d.stage, " CRM_SQL_MONEY("d.amount") ", d.close, d.closed, " \
	"max(d.updated, coalesce((SELECT max(h.at) FROM deal_history h " \
	"WHERE h.deal_id = d.id), ''), coalesce(t.at, ''), max(coalesce(" \
	LAST_CONTACT("d.customer_id") ", ''), coalesce((SELECT max(" \
	LAST_CONTACT("m.id") ") FROM customers m WHERE m.org_id = " \
	"d.customer_id), ''))) " \
	"FROM deals d JOIN customers c ON c.id = d.customer_id LEFT JOIN " \
	"touched t ON t.deal_id = d.id "
enum { D_ID, D_CUSTOMER, D_OWNER, D_TITLE, D_STAGE, D_AMOUNT, D_CLOSE,
	D_CLOSED, D_LAST };

/* An open deal's one item. */
struct deal_item {
	char due[CRM_TIME_LEN];
	char close[CRM_TIME_LEN];	/* expected close, "" for none */
	char last[CRM_TIME_LEN];	/* last activity, "" for none */
	int closing;	/* the item is the close date */
	int quiet;	/* no activity for the quiet time, by now */
};

/*
 * The item of the open deal in st's row.  A deal can be due twice over:
 * at its expected close, and when it goes quiet (last activity +
 * quiet).  It has one item: the close date once that has passed, or
 * when it comes first; else when it goes quiet.  So past close wins
 * over quiet: the forecast is wrong, and a touch does not put it right
 * (the note says it is quiet too).  1 when no date could be read.
 */
static int
deal_item(struct crm_stmt *st, const struct crm_dur *quiet,
    struct deal_item *it)
{
	const char *now = crm_now_str(), *s;
	char qdue[CRM_TIME_LEN] = "";
	time_t t;

	it->close[0] = it->last[0] = '\0';
	if ((s = crm_col_text(st, D_CLOSE)) && crm_parse_when(s, &t) == 0)
		crm_fmt_time(t, it->close);
	if ((s = crm_col_text(st, D_LAST)) && crm_parse_when(s, &t) == 0) {
		crm_fmt_time(t, it->last);
		crm_fmt_time(crm_dur_add_local(t, quiet), qdue);
	}
	it->quiet = *qdue && strcmp(qdue, now) <= 0;
	it->closing = *it->close && (!*qdue || strcmp(it->close, now) < 0 ||
	    strcmp(it->close, qdue) <= 0);
	if (!it->closing && !*qdue)
		return 1;
	snprintf(it->due, sizeof it->due, "%s", it->closing ? it->close :
	    qdue);
	return 0;
}

/* "Deal 'Mill' (proposal, 1200.00) was to close on 2026-11-01", or
 * "...: no activity since 2026-10-01", or both; to free. */
static char *
deal_note(struct crm_stmt *st, const struct deal_item *it)
{
	struct crm_buf b = { 0 };

	crm_buf_addf(&b, "Deal '%s' (%s, %s)", crm_col_text(st, D_TITLE),
	    crm_col_text(st, D_STAGE), crm_col_text(st, D_AMOUNT));
	if (it->closing)
		crm_buf_addf(&b, " %s to close on %.10s", strcmp(it->close,
		    crm_now_str()) < 0 ? "was" : "is", it->close);
	if (!it->closing || it->quiet)
		crm_buf_addf(&b, "%s no activity since %.10s", it->closing ?
		    ";" : ":", it->last);
	return b.s;
}

/*
 * How long a deal may go quiet, as a duration (*d) and as stored
 * (*every, valid until the next crm_remind_quiet): 0, or -1.
 */
static int
quiet_dur(struct crm_db *db, struct crm_dur *d, const char **every)
{
	const char *q;

	if ((q = crm_remind_quiet(db)) == NULL)
		return -1;
	if (crm_parse_dur(q, d) < 0 || (!d->months && !d->seconds))
		return crm_fail(CRM_EX_DATAERR, "the stored deal quiet time "
		    "'%s' is not a duration (%s)", q, CRM_ARG_DUR_HINT);
	if (every)
		*every = q;
	return 0;
}

/* Open deals past their close date or gone quiet, owned by the deal's
 * owner, else the customer's, else whoever made the deal. */
static int
gather_deals(struct crm_db *db, const char *until, int all)
{
	struct crm_stmt *st;
	struct deal_item it;
	struct crm_dur quiet;
	const char *every;
	char *item, *note;

	if (quiet_dur(db, &quiet, &every) < 0)
		return -1;
	st = crm_prepare(db, DEAL_ITEM_SQL "WHERE d.closed IS NULL ORDER BY "
	    "d.id");
	while (crm_step(st) == CRM_ROW) {
		if (deal_item(st, &quiet, &it) != 0 ||
		    (!all && strcmp(it.due, until) > 0))
			continue;
		item = crm_xasprintf("deal:%lld", crm_col_int(st, D_ID));
		note = deal_note(st, &it);
		crm_exec(db, "INSERT INTO temp.due_items VALUES (?, ?, ?, ?, ?, "
		    "'deal', ?)", "ssisss", item, it.due,
		    crm_col_int(st, D_CUSTOMER),
		    crm_col_text(st, D_OWNER), note,
		    it.closing ? NULL : every);
		free(item);
		free(note);
	}
	crm_finalize(st);
	return 0;
}

/*
 * Deal id's item as it is now: 0 with due and *closing (the item is its
 * close date; else it is quiet); 1 and *why when there is none (no such
 * deal, or it is won or lost); -1 when the database failed or the stored
 * quiet time is not a duration.
 */
int
crm_deal_item(struct crm_db *db, long long id, char due[CRM_TIME_LEN],
    int *closing, const char **why)
{
	struct crm_stmt *st;
	struct deal_item it;
	struct crm_dur quiet;
	const char *stage;
	int r = 1;

	if (quiet_dur(db, &quiet, NULL) < 0)
		return -1;
	*why = "no such deal";
	st = crm_prepare(db, DEAL_ITEM_SQL "WHERE d.id = ?");
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW) {
		stage = crm_col_text(st, D_STAGE);
		if (crm_col_type(st, D_CLOSED) != CRM_NULL) {
			*why = strcmp(stage, "won") == 0 ? "the deal is won" :
			    strcmp(stage, "lost") == 0 ? "the deal is lost" :
			    "the deal is closed";
		} else if (deal_item(st, &quiet, &it) == 0) {
			memcpy(due, it.due, CRM_TIME_LEN);
			*closing = it.closing;
			r = 0;
		} else {
			*why = "the deal has no date";
		}
	}
	crm_finalize(st);
	return crm_db_failed(db) ? -1 : r;
}

/*
 * Log ia for deal id's customer and against the deal: work on the deal,
 * so its quiet item clears.  The interaction's id, or -1 (no such deal,
 * or the database failed).
 */
long long
crm_deal_item_done(struct crm_db *db, long long id, const struct crm_ia *ia)
{
	long long customer = crm_deal_customer(db, id);
	struct crm_ia on = *ia;

	if (customer < 0)
		return -1;
	on.deal = id;
	return crm_ia_insert(db, customer, &on, 1);
}

/*
 * The complaint SLA as a duration: l->sla, which the program has checked
 * (it is checked again here, as the parameter "sla", because a bad one
 * would leave the duration unset), else the stored setting.
 */
static int
sla_dur(struct crm_db *db, const struct crm_remind_list *l, struct crm_dur *d)
{
	const char *sla;

	if (l->sla) {
		if (crm_parse_dur(l->sla, d) < 0 || (!d->months && !d->seconds))
			return crm_fail_arg(CRM_EX_USAGE, "sla", "'%s' is not "
			    "a duration (%s)", l->sla, CRM_ARG_DUR_HINT);
		return 0;
	}
	if ((sla = crm_remind_sla(db)) == NULL)
		return -1;
	if (crm_parse_dur(sla, d) < 0)	/* only crm_remind_set_sla stores it */
		return crm_fail(CRM_EX_DATAERR, "the stored complaint SLA "
		    "'%s' is not a duration (%s)", sla, CRM_ARG_DUR_HINT);
	return 0;
}

/*
 * A rule that searches ("matches 'words'") reads the search index, which
 * a load with --defer-index may have left behind; a search brings it up
 * to date first in a write transaction of its own (search.c), which the
 * list's reader's transaction cannot hold: so it is done here, before
 * it.  Nothing is written (and no lock taken) when nothing waits or no
 * rule has the word; one that has it only in a value costs a catch-up
 * the next search would do anyway.  0, or -1 (75 when a writer holds the
 * database, as for a search).
 */
static int
rules_search_ready(struct crm_db *db)
{
	if (crm_query_int(db, 0, "SELECT count(*) FROM rules WHERE "
	    "lower(expr) LIKE '%matches%'", NULL) == 0)
		return crm_db_failed(db) ? -1 : 0;
	return crm_search_ready(db);
}

/*
 * What is due by l->until (everything open with l->all), optionally for
 * one owner, as a statement with the columns crm-remind prints, in due
 * order; NULL when it failed.
 */
static struct crm_stmt *
due_stmt(struct crm_db *db, const struct crm_remind_list *l)
{
	struct crm_stmt *st;
	struct crm_dur sla;

	if (sla_dur(db, l, &sla) < 0 || rules_search_ready(db) < 0)
		return NULL;
	crm_exec(db, due_table, NULL);
	/* Every source read at one moment, and the items written at once
	 * rather than each in a transaction of its own (a quarter less
	 * time with 100,000 deals).  Only the temp table is written, so
	 * this is a reader's transaction (DEFERRED): on PostgreSQL a plain
	 * BEGIN is a writer's and waits for the writers' lock, which an
	 * import holds until it ends; a read-only one may still write a
	 * temporary table. */
	crm_exec(db, "BEGIN DEFERRED", NULL);
	crm_exec(db, "DELETE FROM temp.due_items", NULL);
	gather_reminders(db, l->until, l->all);
	if (gather_rules(db, l->until, l->all) < 0)
		goto fail;
	gather_complaints(db, &sla, l->until, l->all);
	gather_invoices(db, l->until, l->all);
	if (gather_deals(db, l->until, l->all) < 0)
		goto fail;
	crm_exec(db, "COMMIT", NULL);
	st = crm_prepare(db, "SELECT d.item AS id, d.due, CASE WHEN d.due < ?1 "
	    "THEN CAST(julianday(?1) - julianday(d.due) AS INTEGER) ELSE 0 "
	    "END AS overdue_days, c.id AS customer, c.name, c.company, "
	    "c.phone, c.email, d.owner, d.note, d.source, d.every "
	    "FROM temp.due_items d JOIN customers c ON c.id = d.customer_id "
	    "WHERE ?2 IS NULL OR d.owner = ?2 ORDER BY d.due, d.source, "
	    "length(d.item), d.item");
	crm_bind_text(st, 1, crm_now_str());
	crm_bind_text(st, 2, l->owner);
	return st;	/* NULL if the database failed */
fail:
	crm_rollback(db);
	return NULL;
}

/* The customer a printed row names (its column customer), for the
 * audit trail. */
static void
told_customer(struct crm_stmt *st, void *told)
{
	crm_told_add(told, crm_col_int(st, 3));
}

/*
 * The list on stdout, for people (l->fmt, l->fields), for mail or for a
 * calendar: 0, 1 when mail went out but not for every owner (the
 * warning names them), or -1 when it failed (the database, a rule, -f
 * naming no column, a write).
 */
int
crm_remind_list(struct crm_db *db, const struct crm_remind_list *l)
{
	struct crm_stmt *st = due_stmt(db, l);
	struct crm_told told = { 0 };
	struct crm_out *out;
	int r;

	if (st == NULL)
		return -1;
	if (l->mail) {
		r = crm_remind_mail(stdout, db, st, l->to, l->domain,
		    l->owner != NULL, &told);
	} else if (l->ics) {
		r = crm_remind_ics(stdout, db, st, &told);
	} else {
		out = crm_out_new(stdout, l->fmt);
		crm_out_fields(out, l->fields);
		crm_out_quiet(out);
		r = crm_out_stmt_each(out, st, told_customer, &told) < 0 ?
		    -1 : 0;
		if (crm_out_end(out) < 0)
			r = -1;
	}
	crm_finalize(st);
	if (r >= 0 && told.items > 0)
		crm_audit_told(db, l->mail ? "crm-remind --mail" : l->ics ?
		    "crm-remind -o ics" : "crm-remind", &told);
	free(told.ids);
	return r;
}

/* Set the complaint SLA (a duration the caller has checked). */
void
crm_remind_set_sla(struct crm_db *db, const char *sla)
{
	crm_setting_put(db, SLA_KEY, sla);
}

/*
 * A reminder for customer; without an owner it is the customer's rep's
 * (so a team lead's `crm-segment | crm-remind add -` reaches each rep),
 * else the actor's.  An imported task's keeps its id there (ref) and
 * the system's (source): remimport.c.
 */
static long long
remind_insert(struct crm_db *db, long long customer, const char *due,
    const char *every, const char *note, const char *owner,
    const char *source, const char *ref)
{
	/* in NFC, as a customer's owner is (cust.c) */
	char *nfc = owner ? crm_nfc(owner) : NULL;

	crm_exec(db, "INSERT INTO reminders (customer_id, due, every, note, "
	    "owner, created, first_due, source, ref) VALUES (?1, ?2, ?3, ?4, "
	    "coalesce(?5, (SELECT owner FROM customers WHERE id = ?1), ?6), "
	    "?7, CASE WHEN ?3 IS NOT NULL THEN ?2 END, ?8, ?9)", "issssssss",
	    customer, due, every, note, nfc, crm_actor(), crm_now_str(),
	    source, ref);
	free(nfc);
	return crm_last_id(db);
}

/* An imported task's reminder, with its id there (remimport.c); every
 * for crm-remind's own listing read back, else NULL (a one-off). */
long long
crm_remind_add_task(struct crm_db *db, long long customer, const char *due,
    const char *every, const char *note, const char *owner,
    const char *source, const char *ref)
{
	return remind_insert(db, customer, due, every, note, owner, source,
	    ref);
}

long long
crm_remind_add(struct crm_db *db, long long customer, const char *due,
    const char *every, const char *note, const char *owner, int audit)
{
	struct crm_buf d = { 0 };
	long long id = remind_insert(db, customer, due, every, note, owner, "",
	    NULL);

	if (audit) {
		crm_buf_addf(&d, "{\"reminder\":%lld,\"due\":", id);
		crm_json_str(&d, due);
		crm_buf_addc(&d, '}');
		crm_audit(db, "remind", customer, d.s);
		crm_buf_free(&d);
	}
	return id;
}

/*
 * The first time after now in the series first, first + every, ...;
 * counted from the first due date each time, so January 31st monthly
 * stays at the end of the month after February; in the local calendar,
 * so the 1st stays the 1st east of UTC.
 */
static time_t
next_due(time_t first, const struct crm_dur *every)
{
	time_t now = crm_now(), t = first;
	long n;

	for (n = 1; t <= now; n++) {
		struct crm_dur k = { every->months * (int)n,
		    every->seconds * n };

		t = crm_dur_add_local(first, &k);
	}
	return t;
}

/* Reminder id's customer, 0 for none. */
long long
crm_remind_customer(struct crm_db *db, long long id)
{
	return crm_query_int(db, 0, "SELECT customer_id FROM reminders WHERE "
	    "id = ?", "i", id);
}

static void
audit_reminder(struct crm_db *db, const char *action, long long id,
    const char *key, const char *value)
{
	crm_audit_item(db, action, crm_remind_customer(db, id), "reminder", id,
	    key, value);
}

/*
 * Why reminder id (due: its due date) cannot be done now, recorded; 0
 * when it can.  The database is asked first: a lookup that failed is not
 * a reminder that is missing or done.
 */
static int
not_doable(struct crm_db *db, long long id, const char *due, const char *done,
    const char *every)
{
	if (crm_db_failed(db))
		return -1;
	if (due == NULL)
		return crm_fail(CRM_EX_DATAERR, "no reminder %lld", id);
	if (done)
		return crm_fail(CRM_EX_DATAERR, "reminder %lld was already "
		    "done at %s", id, done);
	if (every && strcmp(due, crm_now_str()) > 0)
		return crm_fail(CRM_EX_DATAERR, "reminder %lld is not due "
		    "until %s: nothing done (snooze or rm it instead)", id, due);
	return 0;
}

/*
 * Complete reminder id: a one-off is done, early or late; a recurring
 * one moves to its first date after now, however many were missed, and
 * only once it is due, so a second "done" cannot advance it twice.
 * 0 with next set to the next due date ("" when the reminder is
 * finished), or -1 when it cannot be done or the database failed.
 */
int
crm_remind_done(struct crm_db *db, long long id, char next[CRM_TIME_LEN])
{
	char *due, *every, *done, *first = NULL;
	struct crm_dur d;
	time_t t;
	int r;

	next[0] = '\0';
	due = crm_query_text(db, "SELECT due FROM reminders WHERE id = ?",
	    "i", id);
	done = crm_query_text(db, "SELECT done FROM reminders WHERE id = ?",
	    "i", id);
	every = crm_query_text(db, "SELECT every FROM reminders WHERE id = ?",
	    "i", id);
	if ((r = not_doable(db, id, due, done, every)) < 0)
		goto out;
	first = crm_query_text(db, "SELECT coalesce(first_due, due) FROM "
	    "reminders WHERE id = ?", "i", id);
	if (every && crm_parse_dur(every, &d) == 0 &&
	    crm_parse_when(first, &t) == 0) {
		crm_fmt_time(next_due(t, &d), next);
		crm_exec(db, "UPDATE reminders SET due = ? WHERE id = ?", "si",
		    next, id);
		audit_reminder(db, "remind-done", id, "next", next);
	} else {
		crm_exec(db, "UPDATE reminders SET done = ? WHERE id = ?", "si",
		    crm_now_str(), id);
		audit_reminder(db, "remind-done", id, NULL, NULL);
	}
	r = crm_db_failed(db) ? -1 : 0;
out:
	free(due);
	free(done);
	free(every);
	free(first);
	return r;
}

/* Move open reminder id, and a recurring one's series, to until: 0, or
 * -1 (none open, or it failed). */
int
crm_remind_snooze(struct crm_db *db, long long id, const char *until)
{
	long long open = crm_query_int(db, 0, "SELECT 1 FROM reminders WHERE "
	    "id = ? AND done IS NULL", "i", id);

	if (crm_db_failed(db))
		return -1;
	if (!open)
		return crm_fail(CRM_EX_DATAERR, "no open reminder %lld", id);
	/* A recurring one goes on from the new date: its series starts
	 * there (next_due counts from first_due). */
	crm_exec(db, "UPDATE reminders SET due = ?1, first_due = CASE WHEN "
	    "every IS NOT NULL THEN ?1 END WHERE id = ?2", "si", until, id);
	audit_reminder(db, "remind-snooze", id, "due", until);
	return crm_db_failed(db) ? -1 : 0;
}

/* Remove reminder id: 0, or -1 (there is none, or it failed). */
int
crm_remind_rm(struct crm_db *db, long long id)
{
	long long found = crm_query_int(db, 0, "SELECT 1 FROM reminders WHERE "
	    "id = ?", "i", id);

	if (crm_db_failed(db))
		return -1;
	if (!found)
		return crm_fail(CRM_EX_DATAERR, "no reminder %lld", id);
	audit_reminder(db, "remind-rm", id, NULL, NULL);
	crm_exec(db, "DELETE FROM reminders WHERE id = ?", "i", id);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * Is customer in f, and when were they last contacted (*last, to free,
 * NULL for never)?
 */
static int
in_filter(struct crm_db *db, struct crm_filter *f, long long customer,
    char **last)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	int found = 0;

	crm_buf_addf(&sql, "SELECT (SELECT last_at FROM cust_totals WHERE "
	    "customer_id = c.id) FROM customers c WHERE c.id = ?%d AND %s",
	    crm_filter_param_int(f, customer), f->sql.s);
	st = crm_prepare(db, sql.s);
	crm_filter_bind(f, st, 1);
	if (crm_step(st) == CRM_ROW) {
		found = 1;
		if (crm_col_type(st, 0) != CRM_NULL)
			*last = crm_xstrdup(crm_col_text(st, 0));
	}
	crm_finalize(st);
	crm_buf_free(&sql);
	return found;
}

/*
 * Is customer in rule's filter, and when is the rule's item for them
 * due?  0 and *due set; 1 and *why when there is no such item; -1 when
 * the database failed (a failed lookup is not a missing rule).
 */
int
crm_rule_item(struct crm_db *db, long long rule, long long customer,
    char due[CRM_TIME_LEN], const char **why)
{
	struct crm_filter f;
	struct crm_dur d;
	char *expr, *every, *created, *err, *last = NULL;
	int found = 0, r;
	time_t t;

	expr = crm_query_text(db, "SELECT expr FROM rules WHERE id = ?", "i",
	    rule);
	every = crm_query_text(db, "SELECT every FROM rules WHERE id = ?", "i",
	    rule);
	created = crm_query_text(db, "SELECT created FROM rules WHERE id = ?",
	    "i", rule);
	*why = "no such rule";	/* or one whose filter no longer compiles */
	if (expr && every && crm_parse_dur(every, &d) == 0) {
		if (crm_filter_compile(db, expr, NULL, NULL, &f, &err) < 0) {
			free(err);
		} else {
			found = in_filter(db, &f, customer, &last);
			crm_filter_free(&f);
			*why = "the customer is not in the rule";
		}
	}
	if (found && last && crm_parse_when(last, &t) == 0)
		crm_fmt_time(crm_dur_add_local(t, &d), due);
	else if (found)
		snprintf(due, CRM_TIME_LEN, "%s", created);
	r = crm_db_failed(db) ? -1 : found ? 0 : 1;
	free(expr);
	free(every);
	free(created);
	free(last);
	return r;
}

/*
 * A cadence rule: every customer of expr is due every (a duration the
 * caller has checked) after their last contact.  Its id, or -1 when expr
 * is not a filter or the database failed.
 */
long long
crm_rule_add(struct crm_db *db, const char *expr, const char *every,
    const char *note, const char *owner)
{
	struct crm_filter f;
	struct crm_buf d = { 0 };
	long long id;
	char *err, *nfc;

	if (crm_filter_compile(db, expr, NULL, NULL, &f, &err) < 0) {
		if (!crm_db_failed(db))	/* else the database said why */
			crm_fail(CRM_EX_USAGE, "expression: %s", err);
		free(err);
		return -1;
	}
	crm_filter_free(&f);
	nfc = owner ? crm_nfc(owner) : NULL;	/* as crm_remind_add's */
	crm_exec(db, "INSERT INTO rules (expr, every, note, owner, created) "
	    "VALUES (?, ?, ?, ?, ?)", "sssss", expr, every, note, nfc,
	    crm_now_str());
	free(nfc);
	id = crm_last_id(db);
	crm_buf_addf(&d, "{\"rule\":%lld,\"expr\":", id);
	crm_json_str(&d, expr);
	crm_buf_adds(&d, ",\"every\":");
	crm_json_str(&d, every);
	crm_buf_addc(&d, '}');
	crm_audit(db, "rule-add", 0, d.s);
	crm_buf_free(&d);
	return crm_db_failed(db) ? -1 : id;
}

/* Print the rules in the order they were made: 0, or -1 when the
 * database or the writing failed (out keeps its failure for
 * crm_out_end too). */
int
crm_rule_list(struct crm_db *db, struct crm_out *out)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT id, expr, every, note, "
	    "owner, created FROM rules ORDER BY id");
	int r;

	if (st == NULL)
		return -1;
	r = crm_out_stmt(out, st) < 0 ? -1 : 0;
	crm_finalize(st);
	return r;
}

/* Remove rule id: 0; 1 when there is none (the caller says so, in its
 * words); -1 when the database failed. */
int
crm_rule_rm(struct crm_db *db, long long id)
{
	struct crm_buf d = { 0 };

	if (crm_exec(db, "DELETE FROM rules WHERE id = ?", "i", id) ==
	    CRM_FAIL)
		return -1;
	if (crm_changes(db) == 0)
		return 1;
	crm_buf_addf(&d, "{\"rule\":%lld}", id);
	crm_audit(db, "rule-rm", 0, d.s);
	crm_buf_free(&d);
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * A task's or an activity's status as another CRM writes it, the one
 * table crm-log --import and crm-remind import read (qa41 7: vtiger's
 * Held was done to one and nothing to the other).  The words are folded
 * as task_word_is() compares them: case aside, no space, `-' or `_'.
 *   open: not taken place yet (Salesforce's, Zoho's and HubSpot's Not
 *     Started, In Progress, Waiting ..., Deferred; vtiger's Planned and
 *     Pending Input; Zoho's Scheduled, Overdue; Pipedrive's To do;
 *     Close's draft, scheduled, outbox for an e-mail not sent)
 *   done: it took place (Completed; vtiger's Held; Closed, Resolved)
 *   not held: it never will (Zoho's Cancelled, vtiger's Not Held, a
 *     booking's no-show)
 */
static const struct {
	const char *word;
	enum crm_task_state state;
} task_words[] = {
	{ "notstarted", CRM_TASK_OPEN }, { "inprogress", CRM_TASK_OPEN },
	{ "waiting", CRM_TASK_OPEN }, { "waitingonsomeoneelse", CRM_TASK_OPEN },
	{ "waitingonsomeone", CRM_TASK_OPEN },
	{ "waitingonothers", CRM_TASK_OPEN },
	{ "waitingforinput", CRM_TASK_OPEN }, { "pendinginput", CRM_TASK_OPEN },
	{ "deferred", CRM_TASK_OPEN }, { "open", CRM_TASK_OPEN },
	{ "todo", CRM_TASK_OPEN }, { "scheduled", CRM_TASK_OPEN },
	{ "planned", CRM_TASK_OPEN }, { "overdue", CRM_TASK_OPEN },
	{ "pending", CRM_TASK_OPEN }, { "upcoming", CRM_TASK_OPEN },
	{ "new", CRM_TASK_OPEN }, { "draft", CRM_TASK_OPEN },
	{ "outbox", CRM_TASK_OPEN }, { "notdone", CRM_TASK_OPEN },
	{ "completed", CRM_TASK_DONE }, { "complete", CRM_TASK_DONE },
	{ "done", CRM_TASK_DONE }, { "held", CRM_TASK_DONE },
	{ "closed", CRM_TASK_DONE }, { "finished", CRM_TASK_DONE },
	{ "resolved", CRM_TASK_DONE },
	{ "cancelled", CRM_TASK_NOT_HELD }, { "canceled", CRM_TASK_NOT_HELD },
	{ "noshow", CRM_TASK_NOT_HELD }, { "notheld", CRM_TASK_NOT_HELD },
};

/* Is v the folded word w: ASCII case aside, its spaces, `-' and `_' not? */
static int
task_word_is(const char *v, const char *w)
{
	for (;; v++) {
		if (*v == ' ' || *v == '-' || *v == '_' || *v == '\t')
			continue;
		if (*w == '\0' || *v == '\0')
			return *w == *v;
		if ((*v >= 'A' && *v <= 'Z' ? *v + ('a' - 'A') : *v) != *w++)
			return 0;
	}
}

/* What status word v says of a task: open, done, not held, or unknown. */
enum crm_task_state
crm_task_state(const char *v)
{
	size_t i;

	for (i = 0; v && i < CRM_NELEM(task_words); i++)
		if (task_word_is(v, task_words[i].word))
			return task_words[i].state;
	return CRM_TASK_UNKNOWN;
}
