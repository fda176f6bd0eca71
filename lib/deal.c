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

/* s with each run of blanks one space and none around it, in place. */
static char *
squeeze_blanks(char *s)
{
	char *d = s, *p;
	int blank = 1;

	for (p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			if (!blank)
				*d++ = ' ';
			blank = 1;
		} else {
			*d++ = *p;
			blank = 0;
		}
	}
	if (d > s && d[-1] == ' ')
		d--;
	*d = '\0';
	return s;
}

/*
 * A stage name as stages are told apart: in lower case, its blanks one
 * space, none around it ("Contract  sent " is "contract sent"), to
 * free.  Names are typed by hand (crm-deal stages, --stage) after an
 * import wrote them as another system spells them: a slip of case or
 * space must not make a second stage, nor leave a stage's deals behind.
 */
char *
crm_stage_key(const char *name)
{
	return squeeze_blanks(crm_key_fold(name));
}

/* Do a and b name the same stage (crm_stage_key)? */
int
crm_stage_same(const char *a, const char *b)
{
	char *ka = crm_stage_key(a), *kb = crm_stage_key(b);
	int same = strcmp(ka, kb) == 0;

	free(ka);
	free(kb);
	return same;
}

/*
 * The pipeline's stage that stage names, in any case and spacing, as the
 * pipeline spells it (to free); NULL when it has none (or failed).
 */
char *
crm_stage_find(struct crm_db *db, const char *stage)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT name FROM stages ORDER "
	    "BY position");
	char *key = crm_stage_key(stage), *k, *found = NULL;

	while (found == NULL && crm_step(st) == CRM_ROW) {
		k = crm_stage_key(crm_col_text(st, 0));
		if (strcmp(k, key) == 0)
			found = crm_xstrdup(crm_col_text(st, 0));
		free(k);
	}
	crm_finalize(st);
	free(key);
	return found;
}

/*
 * The pipeline's spelling of stage (crm_stage_find), to free, or NULL
 * with the error kept naming the stages there are.
 */
char *
crm_stage_check(struct crm_db *db, const char *stage)
{
	char *found = crm_stage_find(db, stage), *names;

	if (found || crm_db_failed(db))
		return found;
	names = stage_names(db);
	crm_fail(CRM_EX_DATAERR, "unknown stage '%s' (the pipeline: %s)",
	    stage, names);
	free(names);
	return NULL;
}

/* name with its blanks one space and none around it, in place; won and
 * lost, the outcomes, in lower case whatever their case. */
static void
tidy_stage(char *name)
{
	char *p;

	squeeze_blanks(name);
	if (crm_stage_same(name, "won") || crm_stage_same(name, "lost"))
		for (p = name; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 'a' - 'A' : *p);
}

/* One "name:probability" of a pipeline; -1 when it is not one. */
static int
parse_stage(const char *s, char name[STAGE_MAX], int *prob)
{
	const char *colon = strrchr(s, ':'), *why;

	if (colon == NULL || colon == s || colon - s >= STAGE_MAX)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s' is not "
		    "stage:probability, e.g. proposal:50", s);
	memcpy(name, s, (size_t)(colon - s));
	name[colon - s] = '\0';
	crm_trim(name);
	/* Words with spaces between ("Appointment Scheduled", as an
	 * import makes them), but no colon, tab or line break. */
	if (*name == '\0' || strpbrk(name, "\t\r\n:") ||
	    !crm_utf8_str(name))
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s': a stage's "
		    "name is words with no colon in it", s);
	tidy_stage(name);
	/* read as --probability and an import's column are: "50", "50%" */
	if ((why = crm_parse_percent(colon + 1, 0, prob)) != NULL)
		return crm_fail_arg(CRM_EX_USAGE, "stages", "'%s': %s", s, why);
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
			    crm_stage_same(name, other))
				return strcmp(name, other) == 0 ?
				    crm_fail_arg(CRM_EX_USAGE, "stages", "'%s' "
				    "is given twice", name) :
				    crm_fail_arg(CRM_EX_USAGE, "stages", "'%s' "
				    "is given twice (as '%s' too: a stage's "
				    "name is the same in any case)", name,
				    other);
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
 * Deals and their history in a stage spelt otherwise than name but the
 * same by crm_stage_key (an import's "Contract Sent" retyped "contract
 * sent") take name's spelling: the stage is renamed, its deals stay in
 * it.  The spellings are read first, then changed.
 */
static void
respell_stages(struct crm_db *db, char **names, size_t n)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT stage FROM deals UNION "
	    "SELECT stage FROM deal_history UNION SELECT from_stage FROM "
	    "deal_history WHERE from_stage IS NOT NULL");
	char **old = NULL, **to = NULL, *k, *nk;
	size_t m = 0, i, j;

	while (crm_step(st) == CRM_ROW) {
		k = crm_stage_key(crm_col_text(st, 0));
		for (i = 0; i < n; i++) {
			nk = crm_stage_key(names[i]);
			if (strcmp(k, nk) == 0 && strcmp(crm_col_text(st, 0),
			    names[i]) != 0) {
				old = crm_xreallocarray(old, m + 1, sizeof *old);
				to = crm_xreallocarray(to, m + 1, sizeof *to);
				old[m] = crm_xstrdup(crm_col_text(st, 0));
				to[m++] = names[i];
			}
			free(nk);
		}
		free(k);
	}
	crm_finalize(st);
	for (j = 0; j < m; j++) {
		crm_exec(db, "UPDATE deals SET stage = ? WHERE stage = ?", "ss",
		    to[j], old[j]);
		crm_exec(db, "UPDATE deal_history SET stage = ? WHERE stage = ?",
		    "ss", to[j], old[j]);
		crm_exec(db, "UPDATE deal_history SET from_stage = ? WHERE "
		    "from_stage = ?", "ss", to[j], old[j]);
		free(old[j]);
	}
	free(old);
	free(to);
}

/*
 * Set the pipeline from "lead:10,qualified:25,...,won:100,lost:0": the
 * stages in this order with these probabilities, replacing the old ones.
 * A stage given again in another case or spacing is renamed, its deals
 * with it (respell_stages); deals in a stage no longer there keep it
 * (crm_stages_orphans says which).  Checked before anything is written:
 * 0, or -1 with the error kept.
 */
int
crm_stages_set(struct crm_db *db, const char *spec)
{
	char name[STAGE_MAX], **v, **names;
	size_t n, i;
	int *prob, r;

	v = crm_split_list(spec, &n);
	prob = crm_xcalloc(n, sizeof *prob);
	names = crm_xcalloc(n, sizeof *names);
	if ((r = check_stages(v, n, prob)) == 0) {
		crm_exec(db, "DELETE FROM stages", NULL);
		for (i = 0; i < n; i++) {
			parse_stage(v[i], name, &prob[i]);
			names[i] = crm_xstrdup(name);
			crm_exec(db, "INSERT INTO stages (name, position, "
			    "probability) VALUES (?, ?, ?)", "sii", name,
			    (long long)(i + 1), (long long)prob[i]);
		}
		respell_stages(db, names, n);
		crm_audit(db, "stages", 0, spec);
		r = crm_db_failed(db) ? -1 : 0;
	}
	crm_free_list(v, n);
	crm_free_list(names, n);
	free(prob);
	return r;
}

/*
 * The open deals in stages the pipeline has not (a pipeline set since
 * without them): how many, and those stages in names ("Contract Sent,
 * Appointment Scheduled", the fullest first), or -1 when it failed.
 */
long long
crm_stages_orphans(struct crm_db *db, struct crm_buf *names)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT stage, count(*) FROM "
	    "deals WHERE closed IS NULL AND stage NOT IN (SELECT name FROM "
	    "stages) GROUP BY stage ORDER BY count(*) DESC, stage");
	long long n = 0;

	while (crm_step(st) == CRM_ROW) {
		crm_buf_addf(names, "%s%s", names->len ? ", " : "",
		    crm_col_text(st, 0));
		n += crm_col_int(st, 1);
	}
	crm_finalize(st);
	return crm_db_failed(db) ? -1 : n;
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
 * a deal entered as made weeks ago has been quiet since then.  Its stage
 * is d->stage or the pipeline's first, its owner d->owner or the
 * customer's (or whoever adds it); won or lost, it closed at d->closed_at
 * (NULL: at), which its history and last update say.  Audited, a
 * "deal add" row, unless audit is 0 (an import, whose own row counts
 * it).  Returns its id, or -1 with the error kept.
 */
long long
crm_deal_add(struct crm_db *db, long long customer, const struct crm_deal *d,
    const char *at, int audit)
{
	char *stage = d->stage ? crm_stage_check(db, d->stage) :
	    crm_query_text(db, "SELECT name FROM stages ORDER BY position "
	    "LIMIT 1", NULL);
	/* in NFC, as a customer's owner and name are (cust.c) */
	char *owner = d->owner ? crm_nfc(d->owner) : crm_query_text(db,
	    "SELECT owner FROM customers WHERE id = ?", "i", customer);
	char *title = d->title ? crm_nfc(d->title) : NULL;
	const char *entered;
	long long id = -1;

	if (at == NULL)
		at = crm_now_str();
	/* A deal made before it closed (an import's) enters won or lost at
	 * its close, its last activity then: at its making, its history
	 * would say it was closed the moment it opened. */
	entered = stage && crm_stage_closed(stage) && d->closed_at &&
	    strcmp(d->closed_at, at) > 0 ? d->closed_at : at;
	if (check_deal(d) < 0 || stage == NULL ||
	    crm_currency_given(db, d->currency, d->has_amount ?
	    d->amount : 0, "amount") < 0)
		goto out;
	crm_exec(db, "INSERT INTO deals (customer_id, title, amount, stage, "
	    "probability, close, owner, product, reason, source, ref, created, "
	    "updated, closed) VALUES (?, ?, ?, ?, CASE WHEN ? >= 0 THEN CAST(? AS "
	    "INTEGER) END, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, CASE WHEN ? "
	    "THEN ? END)",
	    "isisiissssssssis", customer, title, d->amount, stage,
	    (long long)d->probability, (long long)d->probability, d->close,
	    owner ? owner : crm_actor(), d->product, d->reason, d->source,
	    d->ref, at, entered, (long long)crm_stage_closed(stage),
	    d->closed_at ? d->closed_at : at);
	if (crm_db_failed(db))
		goto out;
	id = crm_last_id(db);
	history(db, id, entered, NULL, stage, strcmp(stage, "lost") == 0 ?
	    d->reason : NULL);
	if (audit)
		crm_audit_item(db, "deal add", customer, "deal", id, "stage",
		    stage);
	if (crm_db_failed(db))
		id = -1;
out:
	free(stage);
	free(owner);
	free(title);
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
	/* an imported deal made before it closed enters its history at the
	 * close (crm_deal_add) */
	char *created = crm_query_text(db, "SELECT created FROM deals WHERE "
	    "id = ?", "i", id);

	if (made && created && strcmp(created, made) < 0) {
		free(made);
		made = created;
		created = NULL;
	}
	free(created);
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
	char *from, *to;
	int r;

	if (customer < 0 || (to = crm_stage_check(db, stage)) == NULL)
		return -1;
	if (crm_query_int(db, 0, "SELECT count(*) FROM deal_history WHERE "
	    "deal_id = ? AND at = ? AND stage = ?", "iss", id, at, to)) {
		free(to);
		return 0;
	}
	from = crm_query_text(db, "SELECT stage FROM deal_history WHERE "
	    "deal_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1", "is",
	    id, at);
	history(db, id, at, from, to, note);
	crm_audit_item(db, "deal history", customer, "deal", id, "stage", to);
	r = crm_db_failed(db) ? -1 : 1;
	free(from);
	free(to);
	return r;
}

/*
 * Move deal id to the stage given names (crm_stage_find: in any case)
 * at a time (NULL: now), with a note; into 'lost' with the reason.
 * Moving back is allowed and kept like any move; moving to the stage it
 * is in is refused, as nothing would change.
 */
int
crm_deal_move(struct crm_db *db, long long id, const char *given,
    const char *at, const char *note, const char *reason)
{
	long long customer = crm_deal_customer(db, id);
	char *from, *why = NULL, *stage;
	int r = -1;

	if (customer < 0 || (stage = crm_stage_check(db, given)) == NULL)
		return -1;
	if ((note && !crm_utf8_str(note)) || (reason && !crm_utf8_str(reason))) {
		free(stage);
		return crm_fail_arg(CRM_EX_DATAERR, note && !crm_utf8_str(note) ?
		    "note" : "reason", "invalid UTF-8");
	}
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
	free(stage);
	return r;
}

/* Change what d gives (title, amount, probability, close, owner,
 * product) of deal id; its stage moves only through crm_deal_move. */
int
crm_deal_update(struct crm_db *db, long long id, const struct crm_deal *d)
{
	long long customer = crm_deal_customer(db, id);
	char *owner, *title;

	if (customer < 0 || check_deal(d) < 0 || crm_currency_given(db,
	    d->currency, d->has_amount ? d->amount : 0, "amount") < 0)
		return -1;
	owner = d->owner ? crm_nfc(d->owner) : NULL;	/* as crm_deal_add */
	title = d->title ? crm_nfc(d->title) : NULL;
	crm_exec(db, "UPDATE deals SET title = coalesce(?, title), amount = "
	    "CASE WHEN ? THEN ? ELSE amount END, probability = CASE WHEN ? >= "
	    "0 THEN ? ELSE probability END, close = coalesce(?, close), owner "
	    "= coalesce(?, owner), product = coalesce(?, product), updated = "
	    "? WHERE id = ?", "siiiissssi", title,
	    (long long)d->has_amount, d->amount, (long long)d->probability,
	    (long long)d->probability, d->close, owner, d->product,
	    crm_now_str(), id);
	free(owner);
	free(title);
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

/* The names of DEAL_COLUMNS, as the statement gives them, into *names. */
static void
deal_column_names(struct crm_db *db, char ***names, size_t *n)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT " DEAL_COLUMNS " FROM "
	    "deals d " CRM_DEAL_STAGE "JOIN customers c ON c.id = "
	    "d.customer_id WHERE 1 = 0");
	int i;

	*names = NULL, *n = 0;
	for (i = 0; st && i < crm_col_count(st); i++) {
		*names = crm_xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = crm_xstrdup(crm_col_name(st, i));
	}
	crm_finalize(st);
}

/* The extra fields deals have, by name (for -f all), into *n. */
static char **
deal_field_names(struct crm_db *db, size_t *n)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT DISTINCT key FROM "
	    "deal_fields ORDER BY key");
	char **names = NULL;

	*n = 0;
	while (st && crm_step(st) == CRM_ROW) {
		names = crm_xreallocarray(names, *n + 1, sizeof *names);
		names[(*n)++] = crm_xstrdup(crm_col_text(st, 0));
	}
	crm_finalize(st);
	return names;
}

/*
 * A name of the field list (-f) that is no deal's column: an extra field
 * some deal has ("Deal - Pipeline", as Pipedrive's import kept it, in
 * NFC as stored), or one no deal has (any more), whose cells are empty
 * and which is said, as crm-segment -f does with a customer's; a near
 * miss of a column's or of a field's ("titel", "[Deal - Pipeline]") is a
 * usage error.  Its SQL, the field's name a parameter of f, is added to
 * sql.  0, or -1 with the error kept.
 */
static int
field_column(struct crm_db *db, struct crm_filter *f, struct crm_buf *sql,
    const char *name, char *const *cols, size_t ncols)
{
	char *key = crm_nfc(name), *best = NULL;
	int r = 0;

	if (!crm_query_int(db, 0, "SELECT 1 FROM deal_fields WHERE key = ? "
	    "LIMIT 1", "s", key) && !crm_db_failed(db)) {
		best = crm_filter_near_deal(db, name,
		    (const char *const *)cols, ncols);
		if (best)
			r = crm_fail_arg(CRM_EX_USAGE, "fields", "unknown field "
			    "'%s' (did you mean '%s'?)", name, best);
		else if (!crm_db_failed(db))
			crm_warn("%s: no deal has a field '%s': its cells are "
			    "empty", crm_optname("fields"), name);
	}
	crm_buf_addf(sql, ", (SELECT value FROM deal_fields WHERE deal_id = "
	    "d.id AND key = ?%d)", crm_filter_param(f, key));
	free(key);
	free(best);
	return crm_db_failed(db) ? -1 : r;
}

/*
 * The SQL of a customer's column the field list may name beside the
 * deal's, or NULL: the customer's e-mail, by which a listing read back
 * into another database finds the person (dealimport.c's own_customer),
 * as the filter reads it, before a deal's field of that name.  Only
 * where -f names it: the listing's columns stay as they were.
 */
static const char *
customer_column(const char *name)
{
	return strcmp(name, "email") == 0 ? ", c.email" : NULL;
}

/*
 * The deals that f (a condition on deals "d" and customers "c" with its
 * parameters) selects, open ones first, by expected close: the deal's
 * columns, and the extra fields the field list (-f, NULL for none) names
 * after them.  Returns how many, or -1.
 */
long long
crm_deal_list(struct crm_db *db, struct crm_filter *f, const char *fields,
    struct crm_out *out)
{
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	char **names, **want = NULL;
	size_t n, nbase, nwant = 0, i;
	long long rows = -1;

	deal_column_names(db, &names, &n);
	nbase = n;
	crm_buf_adds(&sql, "SELECT " DEAL_COLUMNS);
	if (crm_fields_all(fields))	/* the columns, then every field */
		want = deal_field_names(db, &nwant);
	else if (fields)
		want = crm_split_list(fields, &nwant);
	for (i = 0; i < nwant; i++) {
		if (crm_names_have(names, n, want[i]))
			continue;	/* a column, or a field twice */
		if (customer_column(want[i]))
			crm_buf_adds(&sql, customer_column(want[i]));
		else if (field_column(db, f, &sql, want[i], names, nbase) < 0)
			goto out;
		names = crm_xreallocarray(names, n + 1, sizeof *names);
		names[n++] = crm_xstrdup(want[i]);
	}
	crm_buf_adds(&sql, " FROM deals d " CRM_DEAL_STAGE "JOIN "
	    "customers c ON c.id = d.customer_id");
	if (f->sql.len)
		crm_buf_addf(&sql, " WHERE %s", f->sql.s);
	crm_buf_adds(&sql, " ORDER BY d.closed IS NOT NULL, d.close IS NULL, "
	    "d.close, d.id");
	st = crm_prepare(db, sql.s);
	crm_filter_bind(f, st, 1);
	if (n > 0 && crm_out_header(out, (const char *const *)names, n) == 0)
		rows = crm_out_stmt(out, st);
	crm_finalize(st);
out:
	crm_free_list(names, n);
	crm_free_list(want, nwant);
	crm_buf_free(&sql);
	return crm_db_failed(db) ? -1 : rows;
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
 * columns, its fields, then each stage it entered ("2026-11-23T10:00:00Z" ->
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
	/* What an import kept beside it (its pipeline, its contact ...). */
	st = crm_prepare(db, "SELECT key, value FROM deal_fields WHERE "
	    "deal_id = ? ORDER BY key");
	crm_bind_int(st, 1, id);
	while (crm_step(st) == CRM_ROW)
		kv(out, "field", crm_col_text(st, 0), crm_col_text(st, 1));
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
