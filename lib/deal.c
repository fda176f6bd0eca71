/*
 * deal.c - deals: opportunities on a customer (a person or, later, an
 * organisation) that move through the pipeline's stages until they are
 * won or lost.
 *
 * Every change of stage is a row of deal_history (when, from which stage,
 * to which, a note, who), and every change of any kind an audit row, in
 * the caller's transaction.  The pipeline (stages) is the stages in order
 * with a default probability each; 'won' and 'lost' are always among them
 * and are the two outcomes: a deal that enters one is closed then, a deal
 * that leaves one is open again.  Amounts are minor units (money.c).
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define STAGE_MAX	64	/* longest stage name, in bytes */

int
crm_stage_closed(const char *stage)
{
	return strcmp(stage, "won") == 0 || strcmp(stage, "lost") == 0;
}

/* The stages in order, as "lead, qualified, ...", to free. */
static char *
stage_names(struct crm_db *db)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT name FROM stages ORDER "
	    "BY position");
	struct crm_buf b = { 0 };

	while (crm_step(st) == CRM_ROW)
		crm_buf_addf(&b, "%s%s", b.len ? ", " : "", crm_col_text(st, 0));
	crm_finalize(st);
	return b.s ? b.s : crm_xstrdup("");
}

/* 0 when stage is in the pipeline, else -1 naming the ones there are. */
int
crm_stage_check(struct crm_db *db, const char *stage)
{
	char *names;

	if (crm_query_int(db, 0, "SELECT 1 FROM stages WHERE name = ?", "s",
	    stage))
		return 0;
	if (crm_db_failed(db))
		return -1;
	names = stage_names(db);
	crm_fail(CRM_EX_DATAERR, "unknown stage '%s' (the pipeline: %s)",
	    stage, names);
	free(names);
	return -1;
}

/* One "name:probability" of a pipeline; -1 when it is not one. */
static int
parse_stage(const char *s, char name[STAGE_MAX], int *prob)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long p;

	if (colon == NULL || colon == s || colon - s >= STAGE_MAX)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s' is not "
		    "stage:probability, e.g. proposal:50", s);
	memcpy(name, s, (size_t)(colon - s));
	name[colon - s] = '\0';
	crm_trim(name);
	p = strtol(colon + 1, &end, 10);
	/* Words with spaces between ("Appointment Scheduled", as an
	 * import makes them), but no colon, tab or line break. */
	if (*name == '\0' || strpbrk(name, "\t\r\n:") ||
	    !crm_utf8_str(name))
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s': a stage's "
		    "name is words with no colon in it", s);
	if (end == colon + 1 || *end || p < 0 || p > 100)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s': a "
		    "probability is a whole number from 0 to 100", s);
	*prob = (int)p;
	return 0;
}

/*
 * An outcome's probability is fixed: a won deal counts 100 and a lost one
 * 0 whatever the pipeline says (CRM_DEAL_PROB), so any other figure would
 * be shown by `stages` and used nowhere.
 */
static int
check_outcome(const char *spec, const char *name, int prob)
{
	if (strcmp(name, "won") == 0 && prob != 100)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s': won's "
		    "probability is 100, a won deal is won", spec);
	if (strcmp(name, "lost") == 0 && prob != 0)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s': lost's "
		    "probability is 0, a lost deal is lost", spec);
	return 0;
}

/*
 * The stages of spec, checked: one each, the open stages first (a new
 * deal starts in the first; the funnel and an import's new stages take
 * won and lost to be last), then won and lost, the outcomes.
 */
static int
check_stages(char **v, size_t n, int *prob)
{
	char name[STAGE_MAX], other[STAGE_MAX];
	int won = 0, lost = 0, p;
	size_t i, j;

	if (n == 0)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "no stages given");
	for (i = 0; i < n; i++) {
		if (parse_stage(v[i], name, &prob[i]) < 0 ||
		    check_outcome(v[i], name, prob[i]) < 0)
			return -1;
		for (j = 0; j < i; j++)
			if (parse_stage(v[j], other, &p) == 0 &&
			    strcmp(name, other) == 0)
				return crm_fail_arg(CRM_EX_USAGE, "stages",
				    "'%s' is given twice", name);
		if (crm_stage_closed(name)) {
			won |= strcmp(name, "won") == 0;
			lost |= strcmp(name, "lost") == 0;
		} else if (won || lost)
			return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s' "
			    "comes after %s: won and lost are the last stages",
			    name, won ? "won" : "lost");
	}
	if (!won || !lost)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "the pipeline needs "
		    "the stages won and lost (e.g. ...,won:100,lost:0)");
	if (n == 2)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "the pipeline needs "
		    "an open stage before won and lost, for new deals");
	return 0;
}

/*
 * Set the pipeline from "lead:10,qualified:25,...,won:100,lost:0": the
 * stages in this order with these probabilities, replacing the old ones.
 * Deals in a stage no longer there keep it.  Checked before anything is
 * written: 0, or -1 with the error kept.
 */
int
crm_stages_set(struct crm_db *db, const char *spec)
{
	char name[STAGE_MAX], **v;
	size_t n, i;
	int *prob, r;

	v = crm_split_list(spec, &n);
	prob = crm_xcalloc(n, sizeof *prob);
	if ((r = check_stages(v, n, prob)) == 0) {
		crm_exec(db, "DELETE FROM stages", NULL);
		for (i = 0; i < n; i++) {
			parse_stage(v[i], name, &prob[i]);
			crm_exec(db, "INSERT INTO stages (name, position, "
			    "probability) VALUES (?, ?, ?)", "sii", name,
			    (long long)(i + 1), (long long)prob[i]);
		}
		crm_audit(db, "stages", 0, spec);
		r = crm_db_failed(db) ? -1 : 0;
	}
	crm_free_list(v, n);
	free(prob);
	return r;
}

/* The pipeline: stage, position, probability, and the open deals in it. */
int
crm_stages_print(struct crm_db *db, struct crm_out *out)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT name AS stage, "
	    "probability FROM stages ORDER BY position");
	long long n = crm_out_stmt(out, st);

	crm_finalize(st);
	return n < 0 ? -1 : 0;
}

/* Text values of d that will be stored are UTF-8, and d makes sense. */
static int
check_deal(const struct crm_deal *d)
{
	const char *text[] = { d->title, d->owner, d->product, d->reason,
	    d->ref, d->source };
	const char *what[] = { "title", "owner", "product", "reason", "ref",
	    "source" };
	size_t i;

	for (i = 0; i < sizeof text / sizeof text[0]; i++)
		if (text[i] && !crm_utf8_str(text[i]))
			return crm_fail_arg(CRM_EX_DATAERR, what[i],
			    "invalid UTF-8");
	if (d->title && d->title[strspn(d->title, " \t")] == '\0')
		return crm_fail_arg(CRM_EX_DATAERR, "title", "a deal needs a "
		    "title");
	if (d->has_amount && d->amount < 0)
		return crm_fail_arg(CRM_EX_DATAERR, "amount", "a deal's amount "
		    "is not negative");
	if (d->probability > 100)
		return crm_fail_arg(CRM_EX_DATAERR, "probability", "%d is not "
		    "from 0 to 100", d->probability);
	return 0;
}

static void
history(struct crm_db *db, long long id, const char *at, const char *from,
    const char *to, const char *note)
{
	crm_exec(db, "INSERT INTO deal_history (deal_id, at, from_stage, "
	    "stage, note, actor) VALUES (?, ?, ?, ?, ?, ?)", "isssss", id, at,
	    from, to, note, crm_actor());
}

/*
 * A new deal on customer, at (NULL: now), which is also its last update:
 * a deal entered as made weeks ago has been quiet since then.  Its stage is d->stage or the
 * pipeline's first, its owner d->owner or the customer's (or whoever
 * adds it); won or lost, it closed at d->closed_at (NULL: at).  Returns
 * its id, or -1 with the error kept.
 */
long long
crm_deal_add(struct crm_db *db, long long customer, const struct crm_deal *d,
    const char *at)
{
	char *stage = d->stage ? crm_xstrdup(d->stage) : crm_query_text(db,
	    "SELECT name FROM stages ORDER BY position LIMIT 1", NULL);
	char *owner = d->owner ? crm_xstrdup(d->owner) : crm_query_text(db,
	    "SELECT owner FROM customers WHERE id = ?", "i", customer);
	long long id = -1;

	if (at == NULL)
		at = crm_now_str();
	if (check_deal(d) < 0 || stage == NULL || crm_stage_check(db, stage)
	    < 0 || crm_currency_given(db, d->currency, "amount") < 0)
		goto out;
	crm_exec(db, "INSERT INTO deals (customer_id, title, amount, stage, "
	    "probability, close, owner, product, reason, source, ref, created, "
	    "updated, closed) VALUES (?, ?, ?, ?, CASE WHEN ? >= 0 THEN CAST(? AS "
	    "INTEGER) END, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, CASE WHEN ? "
	    "THEN ? END)",
	    "isisiissssssssis", customer, d->title, d->amount, stage,
	    (long long)d->probability, (long long)d->probability, d->close,
	    owner ? owner : crm_actor(), d->product, d->reason, d->source,
	    d->ref, at, at, (long long)crm_stage_closed(stage),
	    d->closed_at ? d->closed_at : at);
	if (crm_db_failed(db))
		goto out;
	id = crm_last_id(db);
	history(db, id, at, NULL, stage, strcmp(stage, "lost") == 0 ?
	    d->reason : NULL);
	crm_audit_item(db, "deal add", customer, "deal", id, "stage", stage);
	if (crm_db_failed(db))
		id = -1;
out:
	free(stage);
	free(owner);
	return id;
}

/* The deal's customer, or -1 (kept) when there is no deal id. */
long long
crm_deal_customer(struct crm_db *db, long long id)
{
	long long c = crm_query_int(db, 0, "SELECT customer_id FROM deals "
	    "WHERE id = ?", "i", id);

	if (c == 0 && !crm_db_failed(db))
		crm_fail(CRM_EX_DATAERR, "no deal %lld", id);
	return c > 0 ? c : -1;
}

/*
 * Why deal id cannot move at time at, as "deal 4 was moved to qualified
 * at T, after at" (to free), or NULL when it can: a move as of before the
 * deal was made or last moved would put its history out of order and
 * make its sales cycle negative.  The same time is not before.
 */
char *
crm_deal_too_early(struct crm_db *db, long long id, const char *at)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT at, from_stage, stage "
	    "FROM deal_history WHERE deal_id = ? ORDER BY at DESC, id DESC "
	    "LIMIT 1");
	char *why = NULL;

	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW && strcmp(at, crm_col_text(st, 0)) < 0)
		why = crm_col_text(st, 1) ? crm_msgf("deal %lld was moved to %s "
		    "at %s, after %s", id, crm_col_text(st, 2), crm_col_text(st,
		    0), at) : crm_msgf("deal %lld was made at %s, after %s", id,
		    crm_col_text(st, 0), at);
	crm_finalize(st);
	return why;
}

/*
 * Why deal id cannot have been moved at time at even in the past: it was
 * made after ("deal 4 was made at T, after at", to free), or NULL.
 */
char *
crm_deal_made_after(struct crm_db *db, long long id, const char *at)
{
	char *made = crm_query_text(db, "SELECT min(at) FROM deal_history "
	    "WHERE deal_id = ?", "i", id), *why = NULL;

	if (made && strcmp(at, made) < 0)
		why = crm_msgf("deal %lld was made at %s, after %s", id, made,
		    at);
	free(made);
	return why;
}

/*
 * A move told after a later one (an export's won at T, read after a move
 * made here after T): kept in the history at its time, from the stage
 * the deal was in then, without changing the deal, whose later move
 * stands.  The caller has checked crm_deal_made_after.  1 when the row
 * is new, 0 when the history has it already (the same file again), -1
 * failed.
 */
int
crm_deal_move_past(struct crm_db *db, long long id, const char *stage,
    const char *at, const char *note)
{
	long long customer = crm_deal_customer(db, id);
	char *from;

	if (customer < 0 || crm_stage_check(db, stage) < 0)
		return -1;
	if (crm_query_int(db, 0, "SELECT count(*) FROM deal_history WHERE "
	    "deal_id = ? AND at = ? AND stage = ?", "iss", id, at, stage))
		return 0;
	from = crm_query_text(db, "SELECT stage FROM deal_history WHERE "
	    "deal_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1", "is",
	    id, at);
	history(db, id, at, from, stage, note);
	crm_audit_item(db, "deal history", customer, "deal", id, "stage",
	    stage);
	free(from);
	return crm_db_failed(db) ? -1 : 1;
}

/*
 * Move deal id to stage at a time (NULL: now), with a note; into 'lost'
 * with the reason.  Moving back is allowed and kept like any move; moving
 * to the stage it is in is refused, as nothing would change.
 */
int
crm_deal_move(struct crm_db *db, long long id, const char *stage,
    const char *at, const char *note, const char *reason)
{
	long long customer = crm_deal_customer(db, id);
	char *from, *why = NULL;
	int r = -1;

	if (customer < 0 || crm_stage_check(db, stage) < 0)
		return -1;
	if ((note && !crm_utf8_str(note)) || (reason && !crm_utf8_str(reason)))
		return crm_fail_arg(CRM_EX_DATAERR, note && !crm_utf8_str(note) ?
		    "note" : "reason", "invalid UTF-8");
	if (at == NULL)
		at = crm_now_str();
	from = crm_query_text(db, "SELECT stage FROM deals WHERE id = ?", "i",
	    id);
	if (from && strcmp(from, stage) == 0) {
		crm_fail(CRM_EX_DATAERR, "deal %lld is already %s: nothing "
		    "changed", id, stage);
		goto out;
	}
	if ((why = crm_deal_too_early(db, id, at)) != NULL) {
		crm_fail(CRM_EX_DATAERR, "%s", why);
		goto out;
	}
	/* The move is activity when it was made, not when it was told. */
	crm_exec(db, "UPDATE deals SET stage = ?, updated = CASE WHEN updated "
	    "> ? THEN updated ELSE ? END, closed = CASE WHEN ? THEN ? END, "
	    "reason = CASE WHEN ? = 'lost' THEN ? END WHERE id = ?",
	    "sssisssi", stage, at, at, (long long)crm_stage_closed(stage), at,
	    stage, reason, id);
	history(db, id, at, from, stage, note ? note : reason);
	crm_audit_item(db, "deal move", customer, "deal", id, "stage",
	    stage);
	r = crm_db_failed(db) ? -1 : 0;
out:
	free(from);
	free(why);
	return r;
}

/* Change what d gives (title, amount, probability, close, owner,
 * product) of deal id; its stage moves only through crm_deal_move. */
int
crm_deal_update(struct crm_db *db, long long id, const struct crm_deal *d)
{
	long long customer = crm_deal_customer(db, id);

	if (customer < 0 || check_deal(d) < 0 || crm_currency_given(db, d->currency, "amount") < 0)
		return -1;
	crm_exec(db, "UPDATE deals SET title = coalesce(?, title), amount = "
	    "CASE WHEN ? THEN ? ELSE amount END, probability = CASE WHEN ? >= "
	    "0 THEN ? ELSE probability END, close = coalesce(?, close), owner "
	    "= coalesce(?, owner), product = coalesce(?, product), updated = "
	    "? WHERE id = ?", "siiiissssi", d->title,
	    (long long)d->has_amount, d->amount, (long long)d->probability,
	    (long long)d->probability, d->close, d->owner, d->product,
	    crm_now_str(), id);
	crm_audit_item(db, "deal update", customer, "deal", id, NULL, NULL);
	return crm_db_failed(db) ? -1 : 0;
}

/* The columns of a deal as lists and show print them. */
#define DEAL_COLUMNS \
	"d.id, d.customer_id AS customer, c.name, d.title, d.stage, " \
	CRM_SQL_MONEY("d.amount") " AS amount, " CRM_DEAL_PROB \
	" AS probability, " CRM_SQL_MONEY(CRM_DEAL_WEIGHTED) " AS weighted, " \
	"d.close, d.owner, d.product, d.created, d.closed, " \
	"d.reason, nullif(d.source, '') AS source, d.ref"

/*
 * The deals that f (a condition on deals "d" and customers "c" with its
 * parameters, or NULL for all) selects, open ones first, by expected
 * close.  Returns how many, or -1.
 */
long long
crm_deal_list(struct crm_db *db, const struct crm_filter *f,
    struct crm_out *out)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	long long n;

	crm_buf_adds(&sql, "SELECT " DEAL_COLUMNS " FROM deals d "
	    CRM_DEAL_STAGE "JOIN "
	    "customers c ON c.id = d.customer_id");
	if (f && f->sql.len)
		crm_buf_addf(&sql, " WHERE %s", f->sql.s);
	crm_buf_adds(&sql, " ORDER BY d.closed IS NOT NULL, d.close IS NULL, "
	    "d.close, d.id");
	st = crm_prepare(db, sql.s);
	if (f)
		crm_filter_bind(f, st, 1);
	n = crm_out_stmt(out, st);
	crm_finalize(st);
	crm_buf_free(&sql);
	return n;
}

static void
kv(struct crm_out *out, const char *section, const char *key,
    const char *value)
{
	const char *v[3] = { section, key, value };

	crm_out_row(out, v, NULL);
}

/*
 * One deal and its history as (section, field, value) rows: the deal's
 * columns, then each stage it entered ("2026-11-23T10:00:00Z" ->
 * "lead -> proposal: sent the quote (by ann)").
 */
int
crm_deal_show(struct crm_db *db, long long id, struct crm_out *out)
{
	static const char *const hdr[] = { "section", "field", "value" };
	struct crm_stmt *st;
	struct crm_buf b = { 0 };
	int i, n;

	if (crm_deal_customer(db, id) < 0)
		return -1;
	crm_out_header(out, hdr, 3);
	st = crm_prepare(db, "SELECT " DEAL_COLUMNS " FROM deals d "
	    CRM_DEAL_STAGE "JOIN "
	    "customers c ON c.id = d.customer_id WHERE d.id = ?");
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW)
		for (i = 0, n = crm_col_count(st); i < n; i++)
			kv(out, "deal", crm_col_name(st, i), crm_col_text(st, i));
	crm_finalize(st);
	st = crm_prepare(db, "SELECT at, from_stage, stage, note, actor FROM "
	    "deal_history WHERE deal_id = ? ORDER BY at, id");
	crm_bind_int(st, 1, id);
	while (crm_step(st) == CRM_ROW) {
		crm_buf_reset(&b);
		if (crm_col_text(st, 1))
			crm_buf_addf(&b, "%s -> ", crm_col_text(st, 1));
		crm_buf_adds(&b, crm_col_text(st, 2));
		if (crm_col_text(st, 3))
			crm_buf_addf(&b, ": %s", crm_col_text(st, 3));
		crm_buf_addf(&b, " (by %s)", crm_col_text(st, 4));
		kv(out, "history", crm_col_text(st, 0), b.s);
	}
	crm_finalize(st);
	crm_buf_free(&b);
	return crm_db_failed(db) ? -1 : 0;
}
