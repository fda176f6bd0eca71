/*
 * remimport.c - another CRM's open tasks as reminders (crm-remind
 * import): HubSpot's, Salesforce's, Pipedrive's and Zoho's task exports,
 * or any sheet of customers, due dates and notes.  A task done is
 * skipped and counted, one already a reminder (the customer's, due then,
 * of that note) is not added again, and a row that cannot be one is
 * refused as every import refuses a row: file:line: column, exit 65.
 * A task's own id (HubSpot's Record ID, Salesforce's Id, Pipedrive's
 * Activity - ID) is kept with its reminder (schema 20: reminders.source
 * and ref), so that a task imported again is that reminder: moved or
 * its note edited there, it is updated; done there, it is closed (qa35
 * F4).  A task not in the file is left alone: a file is not the whole
 * of the other CRM.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "crm.h"

/* What a column of a task export is. */
enum { R_DUE, R_DUE_TIME, R_NOTE, R_DETAIL, R_OWNER, R_STATUS, R_DONE,
    R_DONE_AT, R_END, R_REF, R_EVERY, R_NTARGETS };

static const struct {
	const char *header;	/* normalised (crm_norm_header) */
	int to;
} heads[] = {
	{ "due", R_DUE }, { "duedate", R_DUE }, { "dueon", R_DUE },
	{ "duedatetime", R_DUE }, { "deadline", R_DUE },
	{ "activitydate", R_DUE },		/* Salesforce's ActivityDate */
	/* Salesforce's Event.csv (event_starts[]) */
	{ "startdatetime", R_DUE }, { "activitydatetime", R_DUE },
	{ "activityduedate", R_DUE },	/* Pipedrive's Activity - Due date */
	{ "duetime", R_DUE_TIME },	/* the time of a Due date's day */
	{ "activityduetime", R_DUE_TIME },
	{ "note", R_NOTE }, { "subject", R_NOTE }, { "tasktitle", R_NOTE },
	{ "tasksubject", R_NOTE }, { "title", R_NOTE }, { "task", R_NOTE },
	{ "activitysubject", R_NOTE },	/* Pipedrive's */
	{ "summary", R_NOTE },
	{ "description", R_DETAIL }, { "notes", R_DETAIL },
	{ "activitynote", R_DETAIL },
	{ "owner", R_OWNER }, { "assignedto", R_OWNER },
	{ "taskowner", R_OWNER }, { "assignee", R_OWNER },
	{ "activityassignedto", R_OWNER },
	{ "activityassignedtouser", R_OWNER },	/* Pipedrive's */
	{ "status", R_STATUS }, { "taskstatus", R_STATUS },
	{ "activitystatus", R_STATUS },
	{ "done", R_DONE }, { "isclosed", R_DONE }, { "completed", R_DONE },
	{ "iscompleted", R_DONE }, { "activitydone", R_DONE },
	{ "completedat", R_DONE_AT }, { "completeddatetime", R_DONE_AT },
	{ "completeddate", R_DONE_AT }, { "closedtime", R_DONE_AT },
	{ "activitymarkedasdonetime", R_DONE_AT },	/* Pipedrive's */
	/* an event's end (Salesforce's EndDateTime): when it was held */
	{ "enddatetime", R_END },
	{ "ref", R_REF },	/* a task's own id (key_names() finds others') */
	{ "every", R_EVERY },	/* crm-remind's own: a repeating one's */
};

struct ri_ctx {
	struct crm_db *db;
	struct crm_rd *rd;
	struct crm_remind_import *opts;
	char *const *names;
	size_t n;
	const char *source;	/* the system the task ids are from */
	const char *old_source;	/* its name an older crm gave, or NULL */
	int own_id;		/* the task's own id's column, or -1 */
	struct crm_keycol kc;
	int at[R_NTARGETS];	/* the column of each, -1 for none */
	char **eff;		/* the header as the customer's key reads it */
	char *words[3];		/* the done rows' words, each once (said) */
	int nwords, more_words;
	int due_alt[2], ndue_alt;	/* an event's other times (due_cols()) */
	int event;		/* the due column is an event's start */
	struct crm_buf unread;	/* headers read as nothing */
	/* crm-remind's own output (own_output): its columns, -1 for none */
	int own, own_cust, own_name, own_email, own_item, own_source;
};

/* The target of a header, or of the name --map gives it; -1 for none. */
static int
target_of(const char *name)
{
	char *t = crm_norm_header(name);
	size_t i;
	int to = -1;

	for (i = 0; i < CRM_NELEM(heads) && to < 0; i++)
		if (strcmp(t, heads[i].header) == 0)
			to = heads[i].to;
	free(t);
	return to;
}

/*
 * Is a header an event's start, and how far first: Salesforce's Event
 * StartDateTime, else ActivityDateTime (empty for an all-day event);
 * 0 for none.
 */
static int
event_rank(const char *name)
{
	static const char *const event_starts[] = { "activitydatetime",
		"startdatetime" };
	char *t = crm_norm_header(name);
	size_t i;
	int r = 0;

	for (i = 0; i < CRM_NELEM(event_starts); i++)
		if (strcmp(t, event_starts[i]) == 0)
			r = (int)i + 1;
	free(t);
	return r;
}

/*
 * The due column of an event file (Salesforce's Event.csv): its start,
 * StartDateTime before ActivityDateTime before ActivityDate, not the
 * first of them in the file (ActivityDate is the day alone: qa35 F2),
 * the others read where it is empty.  A column --map named stays.
 */
static void
due_cols(struct ri_ctx *x, const int *dues, size_t ndues, int mapped)
{
	size_t i, j;
	int best = -1, rank = 0, r;

	for (i = 0; i < ndues && !mapped; i++)
		if ((r = event_rank(x->names[dues[i]])) > rank)
			best = dues[i], rank = r;
	if (best < 0)
		return;
	x->event = 1;
	x->at[R_DUE] = best;
	for (r = 2; r >= 0; r--)	/* the others, by rank */
		for (j = 0; j < ndues && x->ndue_alt < 2; j++)
			if (dues[j] != best &&
			    event_rank(x->names[dues[j]]) == r)
				x->due_alt[x->ndue_alt++] = dues[j];
}

/*
 * The target of a header, --map first ("-": *skip); -1 for none.  A
 * mapped name that is neither a task's column nor a customer's key is
 * refused (a typo would leave the column unread): -2, the error
 * recorded.
 */
static int
target(const char *norm, char **maps, size_t nmaps, int *skip)
{
	const char *m = crm_import_mapped(norm, maps, nmaps);
	struct crm_keycol kc;
	char *const one[1] = { (char *)m };
	int to;

	*skip = m && strcmp(m, "-") == 0;
	if (*skip)
		return -1;
	if ((to = target_of(m ? m : norm)) >= 0 || m == NULL ||
	    crm_keycol_find(one, 1, &kc) == 0)
		return to;
	crm_fail(CRM_EX_USAGE, "--map: '%s' is nothing crm-remind import "
	    "reads: due, note, owner, status, done, ref (the task's id), a "
	    "customer's key (email, external_id, customer, id), or - for none",
	    m);
	return -2;
}

/*
 * Is column i a bare id no cell of which can be crm's (Close's lead_...
 * of its lead export)?  crm's ids are numbers; such a column is another
 * system's, read as external_id as crm-add --import reads it.  The first
 * rows tell, as dealimport.c's guesses look.
 */
static int
foreign_id_col(struct ri_ctx *x, size_t i)
{
	const struct crm_rec *rec;
	const char *v;
	size_t k;

	for (k = 0; k < 20 && (rec = crm_rd_peek(x->rd, k)); k++)
		if (i < rec->n && (v = rec->f[i]) != NULL && *v &&
		    v[strspn(v, "0123456789")] != '\0')
			return 1;
	return 0;
}

/*
 * A customer not found by a bare id read as another system's
 * (foreign_id_col()): said so, lest the user think it crm's id.
 */
static const char *
foreign_id_why(const struct ri_ctx *x, int col, const char *err)
{
	static char msg[300];

	if (col < 0 || (size_t)col >= x->n || strcmp(x->eff[col],
	    "external_id") != 0 || strcasecmp(x->names[col], "id") != 0 ||
	    strncmp(err, "no customer '", 13) != 0)
		return err;
	snprintf(msg, sizeof msg, "%.200s (not an id of crm's: read as "
	    "another system's, external_id)", err);
	return msg;
}

/*
 * The header as the customer's key column is looked for in it: --map's
 * name for a column (email, external_id, customer; "-" none), the
 * contact a task hangs on as another system's id (HubSpot's Associated
 * Contact IDs, Salesforce's WhoId), and a task's own id (Record ID, Task
 * ID, Activity ID) none.
 */
static char **
key_names(struct ri_ctx *x)
{
	static const char *const whose[] = { "associatedcontactids",
		"associatedcontactid", "whoid", "contactid", "personid" };
	static const char *const own[] = { "recordid", "taskid",
		"activityid", "eventid" };
	const struct crm_import *im = x->opts->im;
	char **eff = crm_xcalloc(x->n ? x->n : 1, sizeof *eff), *norm;
	const char *m;
	size_t i;
	int contact = 0, is_own;

	x->own_id = -1;
	for (i = 0; i < x->n; i++) {
		norm = crm_norm_header(x->names[i]);
		m = crm_import_mapped(norm, im->maps, im->nmaps);
		contact |= !m && crm_in_list(norm, whose, CRM_NELEM(whose));
		is_own = !m && crm_in_list(norm, own, CRM_NELEM(own));
		if (is_own && x->own_id < 0)
			x->own_id = (int)i;
		eff[i] = crm_xstrdup(m && strcmp(m, "-") == 0 ? "" : m ? m :
		    crm_in_list(norm, whose, CRM_NELEM(whose)) ? "external_id" :
		    is_own ? "" : x->names[i]);
		free(norm);
	}
	/* beside its contact's id, a bare ID is the task's (Salesforce's) */
	for (i = 0; contact && i < x->n; i++)
		if (strcasecmp(eff[i], "id") == 0) {
			*eff[i] = '\0';
			if (x->own_id < 0)
				x->own_id = (int)i;
		}
	/* else a bare id of no number is another system's (but --map's) */
	for (i = 0; !contact && i < x->n; i++) {
		if (strcmp(eff[i], x->names[i]) != 0 ||
		    strcasecmp(eff[i], "id") != 0)
			continue;
		norm = crm_norm_header(x->names[i]);
		m = crm_import_mapped(norm, im->maps, im->nmaps);
		free(norm);
		if (m == NULL && foreign_id_col(x, i)) {
			free(eff[i]);
			eff[i] = crm_xstrdup("external_id");
		}
	}
	return eff;
}

/*
 * Is a Record ID column Zoho's: spelt "Record Id" as Zoho CRM's exports
 * head it (HubSpot's is "Record ID"), or its ids Zoho's zcrm_... (its
 * exports' own prefix) in the first rows?
 */
static int
zoho_ids(struct ri_ctx *x)
{
	const struct crm_rec *rec;
	size_t k, c = (size_t)x->at[R_REF];

	if (strcmp(x->names[c], "Record Id") == 0)
		return 1;
	for (k = 0; k < 20 && (rec = crm_rd_peek(x->rd, k)); k++)
		if (c < rec->n && strncmp(crm_trim(rec->f[c]), "zcrm_", 5) == 0)
			return 1;
	return 0;
}

/*
 * The system a file's task ids are from: --source, else as its columns
 * tell: Pipedrive's "Activity - ID", Zoho's Record Id (zoho_ids()),
 * HubSpot's Record ID, Salesforce's Id beside its WhoId (key_names());
 * "" for any other (Zoho's Task ID, a sheet's Ref, --map's), as a deal
 * imported without --source (dealimport.c).  Two systems' ids do not
 * meet: HubSpot's task 9001 is not Pipedrive's activity 9001.  A Zoho
 * file's ids an older crm kept as HubSpot's (it read Record Id as Record
 * ID) are found under that name too: x->old_source.
 */
static const char *
system_of(struct ri_ctx *x)
{
	char *t;
	const char *sys;

	if (x->opts->im->source)
		return x->opts->im->source;
	t = crm_norm_header(x->names[x->at[R_REF]]);
	sys = strncmp(x->names[x->at[R_REF]], "Activity - ", 11)
	    == 0 ? "pipedrive" : strcmp(t, "recordid") == 0 ? "hubspot" :
	    strcmp(t, "id") == 0 && x->at[R_REF] == x->own_id ? "salesforce" : "";
	if (strcmp(sys, "hubspot") == 0 && zoho_ids(x)) {
		sys = "zoho";
		x->old_source = "hubspot";
	}
	free(t);
	return sys;
}

/*
 * Column i is read as nothing: said once, with the others; not the
 * columns of crm-remind's own listing, read or worked out.
 */
static void
unread(struct ri_ctx *x, size_t i)
{
	/* crm-remind's own: worked out, or the customer's (own_customer) */
	static const char *const listed[] = { "overdue_days", "name",
		"company", "phone", "email", "source", "customer", "id" };

	if (x->own && crm_in_list(x->names[i], listed, CRM_NELEM(listed)))
		return;
	crm_buf_adds(&x->unread, x->unread.len ? ", " : "");
	crm_buf_adds(&x->unread, x->names[i]);
}

/* The column headed exactly name (crm's own spelling), or -1. */
static int
own_col(const struct ri_ctx *x, const char *name)
{
	return crm_header_exact(x->names, x->n, name);
}

/*
 * crm-remind's own output (qa38 F3): id, due, customer and note as crm
 * spells them.  Its customer is an id of the database it was listed
 * from; its email (and name) name the person in any.
 */
static void
own_output(struct ri_ctx *x)
{
	x->own_cust = own_col(x, "customer");
	x->own_name = own_col(x, "name");
	x->own_email = own_col(x, "email");
	x->own_item = own_col(x, "id");
	x->own_source = own_col(x, "source");
	x->own = crm_own_listing(x->names, x->n, CRM_OWN_REMINDERS) &&
	    !crm_import_mapped("customer", x->opts->im->maps,
	    x->opts->im->nmaps) && !crm_import_mapped("email",
	    x->opts->im->maps, x->opts->im->nmaps);
}

/*
 * The customer's key column, refused where the file is another
 * program's output; the columns --map named are not looked at for that
 * (crm_keycol_must_find_as()).  0, or -1 with the error recorded.
 */
static int
keycol_must_find(struct ri_ctx *x)
{
	const struct crm_import *im = x->opts->im;
	char **own = crm_xcalloc(x->n ? x->n : 1, sizeof *own), *norm;
	size_t i;
	int r;

	for (i = 0; i < x->n; i++) {
		norm = crm_norm_header(x->names[i]);
		own[i] = crm_import_mapped(norm, im->maps, im->nmaps) ? "" :
		    x->names[i];
		free(norm);
	}
	r = crm_keycol_must_find_as(x->eff, own, x->n, &x->kc,
	    crm_rd_name(x->rd));
	free(own);
	return r;
}

/* Map the header: the customer's columns, then the task's. 0, or -1. */
static int
map_header(struct ri_ctx *x)
{
	const struct crm_import *im = x->opts->im;
	size_t i, j, ndues = 0;
	char *norm;
	int to, skip, key, dues[4], mapped = 0;

	if (crm_import_check_maps(im->maps, im->nmaps, x->names, x->n,
	    crm_rd_name(x->rd)) < 0)
		return -1;
	x->eff = key_names(x);
	own_output(x);
	if (crm_keycol_find(x->eff, x->n, &x->kc) < 0)
		return crm_no_customer_column(x->names, x->n,
		    crm_rd_name(x->rd), crm_rd_header_line(x->rd));
	if (keycol_must_find(x) < 0)
		return -1;
	x->kc.names = x->names;	/* messages name the file's columns */
	x->kc.name = x->names[x->kc.col];
	for (i = 0; i < R_NTARGETS; i++)
		x->at[i] = -1;
	for (i = 0; i < x->n; i++) {
		norm = crm_norm_header(x->names[i]);
		to = target(norm, im->maps, im->nmaps, &skip);
		if (to == R_DUE)
			mapped |= crm_import_mapped(norm, im->maps,
			    im->nmaps) != NULL;
		free(norm);
		if (to < -1)
			return -1;
		if ((int)i == x->own_id && !skip)
			to = R_REF;	/* read as nothing by its name */
		key = i == x->kc.col;
		for (j = 0; j < x->kc.nalt; j++)
			key |= i == x->kc.alt[j];
		if (to == R_DUE && !key && ndues < CRM_NELEM(dues))
			dues[ndues++] = (int)i;	/* said below if unread */
		if (to >= 0 && x->at[to] < 0 && !key)
			x->at[to] = (int)i;
		else if (!skip && !key && *x->names[i] && to != R_DUE)
			unread(x, i);
	}
	due_cols(x, dues, ndues, mapped);
	x->source = x->at[R_REF] >= 0 ? system_of(x) : "";
	x->opts->source = x->source;
	for (i = 0; i < ndues; i++) {
		key = dues[i] == x->at[R_DUE];
		for (j = 0; j < (size_t)x->ndue_alt; j++)
			key |= dues[i] == x->due_alt[j];
		if (!key)
			unread(x, (size_t)dues[i]);
	}
	return 0;
}

/* Cell t of rec, trimmed; NULL when there is none or it is empty. */
static const char *
cell(const struct ri_ctx *x, const struct crm_rec *rec, int t)
{
	const char *v;

	if (x->at[t] < 0 || (size_t)x->at[t] >= rec->n)
		return NULL;
	v = crm_trim(rec->f[x->at[t]]);
	return *v ? v : NULL;
}

static int
yes(const char *v)
{
	return crm_yes_no(v) == 1 || strcasecmp(v, "done") == 0;
}

static int
no(const char *v)
{
	char *t = crm_norm_header(v);
	int r = crm_yes_no(v) == 0 || strcmp(t, "todo") == 0;

	free(t);
	return r;
}

/*
 * Is the row's task done: its status a done word, its done column true,
 * or a time it was completed?  0 open, 1 done (*word what said so), -1
 * with *err for a status or done cell that says neither.
 */
static int
task_done(const struct ri_ctx *x, const struct crm_rec *rec,
    const char **word, const char **err, int *col)
{
	static char msg[200];
	const char *v;
	enum crm_task_state s;
	int r = 0;

	*word = NULL;
	if ((v = cell(x, rec, R_STATUS)) != NULL) {
		/* crm-log's words: not held (vtiger's, a cancelled one) is
		 * no reminder either (qa41 7) */
		s = crm_task_state(v);
		r = s == CRM_TASK_DONE || s == CRM_TASK_NOT_HELD ? 1 :
		    s == CRM_TASK_OPEN ? 0 : -1;
		if (r < 0) {
			*col = x->at[R_STATUS];
			snprintf(msg, sizeof msg, "'%.60s' is neither open nor "
			    "done: --map %s takes every row as open", v,
			    crm_map_word(x->names[x->at[R_STATUS]], "-"));
			*err = msg;
			return -1;
		}
		*word = v;
	}
	if (r == 0 && (v = cell(x, rec, R_DONE)) != NULL) {
		if (!yes(v) && !no(v)) {
			*col = x->at[R_DONE];
			snprintf(msg, sizeof msg, "'%.60s' is neither yes nor no",
			    v);
			*err = msg;
			return -1;
		}
		if (yes(v))
			r = 1, *word = x->names[x->at[R_DONE]];
	}
	if (r == 0 && cell(x, rec, R_DONE_AT))
		r = 1, *word = x->names[x->at[R_DONE_AT]];
	return r;
}

/* The row's due time into due; NULL, or what is wrong (*col its column). */
static const char *
row_due(const struct ri_ctx *x, const struct crm_rec *rec,
    char due[CRM_TIME_LEN], int *col)
{
	const char *v = cell(x, rec, R_DUE), *clock = cell(x, rec, R_DUE_TIME);
	char *at = NULL;
	time_t t;
	int r, k, c = x->at[R_DUE];

	for (k = 0; v == NULL && k < x->ndue_alt; k++) {	/* an event's */
		c = x->due_alt[k];
		v = (size_t)c < rec->n ? crm_trim(rec->f[c]) : "";
		v = *v ? v : NULL;
	}
	if (v == NULL)
		c = x->at[R_DUE];

	if (v == NULL && x->opts->due) {
		strcpy(due, x->opts->due);
		return NULL;
	}
	*col = c;
	if (v == NULL)
		return x->at[R_DUE] < 0 ? "no due date column: --due or --in "
		    "gives every row's" : "no due date: --due or --in gives "
		    "the rows without one theirs";
	if (clock)	/* Pipedrive's Due date and Due time */
		v = at = crm_xasprintf("%s %s", v, clock);
	r = crm_parse_when_as(v, x->opts->date_format, &t);
	free(at);
	if (r < 0)
		return crm_date_hint_column(crm_trim(rec->f[c]), x->rd,
		    (size_t)c);
	crm_fmt_time(t, due);
	return NULL;
}

/*
 * Is the same reminder there already: hers, due then, of that note?
 * Its id, 0 for none, -1 when the database failed.  With a task's id
 * (ref), only one imported without an id (before schema 20, or from a
 * file without them) is: another task's reminder is another task's.
 */
static long long
already(struct ri_ctx *x, long long customer, const char *due,
    const char *note, const char *ref)
{
	return crm_query_int(x->db, -1, "SELECT coalesce(min(id), 0) FROM "
	    "reminders WHERE customer_id = ? AND due = ? AND note = ? AND "
	    "(? IS NULL OR ref IS NULL)", "isss", customer, due, note, ref);
}

/*
 * The reminder of the task of id ref: its id, 0 for none (or failed).
 * One an older crm kept under the system's old name (x->old_source) is
 * it, and takes the name from now on: counted, said.
 */
static long long
by_ref(struct ri_ctx *x, const char *ref)
{
	long long id = ref ? crm_query_int(x->db, 0, "SELECT id FROM "
	    "reminders WHERE source = ? AND ref = ?", "ss", x->source, ref) : 0;

	if (id == 0 && ref && x->old_source && (id = crm_query_int(x->db, 0,
	    "SELECT id FROM reminders WHERE source = ? AND ref = ?", "ss",
	    x->old_source, ref)) > 0) {
		crm_exec(x->db, "UPDATE reminders SET source = ? WHERE id = ?",
		    "si", x->source, id);
		if (x->opts->renamed++ == 0)
			snprintf(x->opts->renamed_from,
			    sizeof x->opts->renamed_from, "%s", x->old_source);
	}
	return id;
}

/*
 * When the row's event was held, into at: its end (EndDateTime), else
 * its start, t (qa41 F4: not the time the file was imported), but never
 * after now, an event under way.  NULL, or what is wrong (*col its
 * column).
 */
static const char *
event_held_at(const struct ri_ctx *x, const struct crm_rec *rec, time_t t,
    char at[CRM_TIME_LEN], int *col)
{
	const char *v = cell(x, rec, R_END);

	if (v && crm_parse_when_as(v, x->opts->date_format, &t) < 0) {
		*col = x->at[R_END];
		return crm_date_hint_column(v, x->rd, (size_t)*col);
	}
	crm_fmt_time(t < crm_now() ? t : crm_now(), at);
	return NULL;
}

/*
 * When the row's task was done: its completion time (Completed At,
 * CompletedDateTime, Marked as done time, Closed Time) read as its due
 * date is (--date-format, the zone it names, else TZ); an event's end or
 * start (event_held_at()); else now, a file that does not say.  NULL,
 * or what is wrong (*col its column).
 */
static const char *
row_done_at(const struct ri_ctx *x, const struct crm_rec *rec,
    char at[CRM_TIME_LEN], int *col)
{
	const char *v = cell(x, rec, R_DONE_AT);
	char start[CRM_TIME_LEN];
	time_t t;
	int c;

	if (v == NULL && x->event && row_due(x, rec, start, &c) == NULL &&
	    crm_parse_when(start, &t) == 0)
		return event_held_at(x, rec, t, at, col);
	if (v == NULL) {
		strcpy(at, crm_now_str());
		return NULL;
	}
	if (crm_parse_when_as(v, x->opts->date_format, &t) < 0) {
		*col = x->at[R_DONE_AT];
		return crm_date_hint_column(v, x->rd, (size_t)*col);
	}
	crm_fmt_time(t, at);
	return NULL;
}

/*
 * The task of reminder id is done (or, an event, held) in the file, at
 * at: the reminder closed when open, and counted; one done here already
 * is a done task skipped.  0, or -1 when the database failed.
 */
static int
close_task(struct ri_ctx *x, long long id, const char *word, const char *at)
{
	if (crm_query_int(x->db, -1, "SELECT done IS NULL FROM reminders "
	    "WHERE id = ?", "i", id) != 1)
		return crm_db_failed(x->db) ? -1 : 1;
	crm_exec(x->db, "UPDATE reminders SET done = ? WHERE id = ?", "si",
	    at, id);
	if (x->opts->closed++ == 0)
		snprintf(x->opts->closed_word, sizeof x->opts->closed_word,
		    "%s", word);
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * The task's due date in the file, kept with its reminder
 * (reminders.source_due, schema 21) each time an import sees the task,
 * so that the next import tells a task moved there from one snoozed or
 * done here (last_file_due()): snooze and a repeating one's done move
 * due and first_due, not this.  Written only when it changes.
 */
static void
file_due_kept(struct ri_ctx *x, long long id, const char *file_due)
{
	crm_exec(x->db, "UPDATE reminders SET source_due = ?1 WHERE id = ?2 "
	    "AND source_due IS NOT ?1", "si", file_due, id);
}

/*
 * Was reminder id snoozed here (a remind-snooze row of it in the trail,
 * by its customer: audit's index)?
 */
static int
snoozed(struct ri_ctx *x, long long id, long long customer)
{
	char *like = crm_xasprintf("{\"reminder\":%lld,%%", id);
	long long n = crm_query_int(x->db, 0, "SELECT count(*) FROM audit "
	    "WHERE customer_id = ? AND action = 'remind-snooze' AND detail "
	    "LIKE ?", "is", customer, like);

	free(like);
	return n > 0;
}

/*
 * The task's due date in the file the reminder was last imported from,
 * into f: its source_due (file_due_kept()); else (an older crm's import)
 * the reminder never snoozed, its due, a repeating one's first due (done
 * moves its due, not that).  1, or 0 when it is not known (snoozed since
 * an older crm imported it).
 */
static int
last_file_due(struct ri_ctx *x, long long id, long long customer,
    char f[CRM_TIME_LEN])
{
	char *d = crm_query_text(x->db, "SELECT source_due FROM reminders "
	    "WHERE id = ?", "i", id);

	if (d == NULL && snoozed(x, id, customer))
		return 0;
	if (d == NULL)
		d = crm_query_text(x->db, "SELECT CASE WHEN every IS NULL THEN "
		    "due ELSE coalesce(first_due, due) END FROM reminders WHERE "
		    "id = ?", "i", id);
	snprintf(f, CRM_TIME_LEN, "%s", d ? d : "");
	free(d);
	return 1;
}

/*
 * The due date the reminder of the task of id is to have: the file's
 * (due), unless the reminder was snoozed or a repeating one done here
 * since it was last imported and the file's due is the same as then:
 * the task was not moved there, and the user's move stays (counted,
 * said).  Not known (an older crm's import, snoozed since): the user's
 * stays, said with the file's.  A task moved there moves its reminder.
 */
static const char *
due_to_keep(struct ri_ctx *x, const struct crm_rec *rec, long long id,
    long long customer, const char *due, char now[CRM_TIME_LEN])
{
	char *d = crm_query_text(x->db, "SELECT due FROM reminders WHERE id = ? "
	    "AND done IS NULL", "i", id);
	char f[CRM_TIME_LEN];
	int known;

	if (d == NULL || strcmp(d, due) == 0) {
		free(d);
		return due;
	}
	snprintf(now, CRM_TIME_LEN, "%s", d);
	free(d);
	known = last_file_due(x, id, customer, f);
	if (known && strcmp(f, due) != 0)
		return due;	/* moved there */
	if (known)
		x->opts->kept++;
	else
		fprintf(stderr, "%s: %s:%ld: reminder %lld snoozed here: its due "
		    "%s kept (the file's is %s: crm-remind snooze %lld %s moves "
		    "it)\n", crm_prog, crm_rd_name(x->rd), rec->line, id, now,
		    due, id, due);
	return now;
}

/*
 * The task of reminder id, open in the file: moved to another due date,
 * its note edited, on another customer, assigned to another owner or
 * repeating otherwise there (owner: the file's owner cell, NULL keeps
 * the reminder's; every: the file's every cell when it has the column,
 * NULL then a one-off), the reminder is so here, and counted; else it is
 * there already.  A series moved or of another interval starts at the
 * new due date, as a snoozed one does.  One done here stays done (the
 * task was done here first).  0, or -1 when the database failed.
 */
static int
update_task(struct ri_ctx *x, const struct crm_rec *rec, long long id,
    long long customer, const char *file_due, const char *note,
    const char *owner, const char *every)
{
	char kept[CRM_TIME_LEN];
	const char *due = due_to_keep(x, rec, id, customer, file_due, kept);
	/* in NFC, as remind_insert keeps an owner */
	char *nfc = owner ? crm_nfc(owner) : NULL;
	int has_every = x->at[R_EVERY] >= 0;
	long long same = crm_query_int(x->db, -1, "SELECT done IS NOT NULL OR "
	    "(customer_id = ?1 AND due = ?2 AND note = ?3 AND "
	    "coalesce(owner, '') = coalesce(?4, owner, '') AND "
	    "coalesce(every, '') = coalesce(CASE WHEN ?5 = 1 THEN ?6 ELSE "
	    "every END, '')) FROM reminders WHERE id = ?7", "isssisi",
	    customer, due, note, nfc, (long long)has_every, every, id);

	file_due_kept(x, id, file_due);
	if (same == 0) {
		crm_exec(x->db, "UPDATE reminders SET customer_id = ?1, "
		    "due = ?2, note = ?3, owner = coalesce(?4, owner), "
		    "every = CASE WHEN ?5 = 1 THEN ?6 ELSE every END, "
		    "first_due = CASE WHEN (CASE WHEN ?5 = 1 THEN ?6 ELSE "
		    "every END) IS NULL THEN NULL WHEN due = ?2 AND "
		    "coalesce(every, '') = coalesce(CASE WHEN ?5 = 1 THEN ?6 "
		    "ELSE every END, '') THEN coalesce(first_due, ?2) ELSE ?2 "
		    "END WHERE id = ?7", "isssisi", customer, due, note, nfc,
		    (long long)has_every, every, id);
		x->opts->updated++;
	} else if (same > 0) {
		x->opts->there++;
	}
	free(nfc);
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * The row's open task, not a reminder by its id: one there already
 * without an id is it (and takes the id), else it is added with it.
 * 0, or -1 when the database failed.
 */
static int
add_task(struct ri_ctx *x, long long customer, const char *due,
    const char *every, const char *note, const char *owner, const char *ref)
{
	long long id = already(x, customer, due, note, ref);

	if (id < 0)
		return -1;
	if (id > 0) {
		x->opts->there++;
		if (ref)	/* taken for this task from now on */
			crm_exec(x->db, "UPDATE reminders SET source = ?, "
			    "ref = ?, source_due = ? WHERE id = ?", "sssi",
			    x->source, ref, due, id);
	} else if ((id = crm_remind_add_task(x->db, customer, due, every, note,
	    owner, x->source, ref)) > 0) {
		x->opts->im->added++;
		if (ref)	/* its task's due there, for the next import */
			file_due_kept(x, id, due);
	}
	return crm_db_failed(x->db) ? -1 : 0;
}

/* Column c of rec, trimmed; NULL when there is none or it is empty. */
static const char *
own_cell(const struct crm_rec *rec, int c)
{
	const char *v;

	if (c < 0 || (size_t)c >= rec->n)
		return NULL;
	v = crm_trim(rec->f[c]);
	return *v ? v : NULL;
}

/*
 * Is a row of crm-remind's own output an item it works out (a rule's, a
 * complaint's, an invoice's, a deal's), no stored reminder?  Its source,
 * else NULL.  Imported, each would be a reminder beside the item the
 * list goes on showing while it is due.  Without the source column (-f)
 * the item's id says: "deal:4", where a reminder's is a number.
 */
static const char *
computed(const struct ri_ctx *x, const struct crm_rec *rec)
{
	static const char *const kinds[] = { "rule", "complaint", "invoice",
		"deal" };
	const char *src = own_cell(rec, x->own_source), *item;
	size_t i, n;

	if (!x->own)
		return NULL;
	if (src)
		return strcmp(src, "reminder") == 0 ? NULL : src;
	item = own_cell(rec, x->own_item);
	for (i = 0; item && i < CRM_NELEM(kinds); i++)
		if (strncmp(item, kinds[i], n = strlen(kinds[i])) == 0 &&
		    item[n] == ':')
			return kinds[i];
	return NULL;
}

/* The sources of the computed rows, said with the count: each once. */
static void
computed_word(struct crm_remind_import *o, const char *src)
{
	char *w = o->computed_what, *p;
	size_t len = strlen(src), used = strlen(w);

	for (p = w; (p = strstr(p, src)) != NULL; p += len)
		if ((p == w || p[-1] == ' ') && (p[len] == ',' || !p[len]))
			return;
	if (used + len + 3 < sizeof o->computed_what)
		snprintf(w + used, sizeof o->computed_what - used, "%s%s",
		    used ? ", " : "", src);
}

/*
 * Whose a row of crm-remind's own output is: the customer its e-mail
 * names, in any database; the customer of its id only where that id is
 * the listed customer's (the same name).  An e-mail and an id of this
 * database that name two customers are refused (*col the e-mail's).
 * Without an e-mail: the customer of the id so, else the one of the
 * name.  0 with *err when none.
 */
static long long
own_customer(struct ri_ctx *x, const struct crm_rec *rec, const char **err,
    int *col)
{
	static char msg[300];
	const char *cust = own_cell(rec, x->own_cust), *name = own_cell(rec,
	    x->own_name), *email = own_cell(rec, x->own_email);
	long long here = 0, id, n;
	char *key;

	*err = NULL;
	if (cust && x->own_name >= 0)
		here = crm_query_int(x->db, 0, "SELECT min(id) FROM customers "
		    "WHERE CAST(id AS TEXT) = ? AND coalesce(name, '') = ?",
		    "ss", cust, name ? name : "");
	if (email) {
		key = crm_xasprintf("email:%s", email);
		id = crm_cust_find(x->db, key, err);
		free(key);
		if (id > 0 && here > 0 && id != here) {
			snprintf(msg, sizeof msg, "%.100s is customer %lld's "
			    "here, but the row's customer %lld (%.60s) is "
			    "another: say which (--map customer=- or "
			    "email=-)", email, id, here, name);
			*err = msg, *col = x->own_email;
			return 0;
		}
		if (id == 0 && here == 0) {
			/* as she was written: not the key's "email:" */
			snprintf(msg, sizeof msg, "no customer '%.200s'",
			    email);
			*err = msg;
		}
		if (id > 0 || here == 0) {
			*col = x->own_email;
			return id;
		}
		*err = NULL;
		return here;	/* her e-mail changed since */
	}
	if (here > 0)
		return here;
	if (name && (n = crm_query_int(x->db, 0, "SELECT count(*) FROM "
	    "customers WHERE name = ?", "s", name)) == 1)
		return crm_query_int(x->db, 0, "SELECT id FROM customers WHERE "
		    "name = ?", "s", name);
	if (name || x->own_name >= 0) {
		snprintf(msg, sizeof msg, "no customer '%.100s' here (the "
		    "row's customer %.20s is another database's id): add them "
		    "first, or name them by e-mail", name ? name : "",
		    cust ? cust : "");
		*err = msg, *col = x->own_name >= 0 ? x->own_name :
		    x->own_cust;
		return 0;
	}
	*col = (int)x->kc.col;
	return crm_keycol_customer(x->db, &x->kc, rec, err);
}

/* The row's every (a repeating reminder's): NULL, or *bad when wrong. */
static const char *
row_every(const struct ri_ctx *x, const struct crm_rec *rec,
    const char **bad)
{
	const char *v = cell(x, rec, R_EVERY);
	struct crm_dur d;

	*bad = NULL;
	if (v && crm_parse_dur(v, &d) != 0)
		*bad = "not a duration crm-remind add --every takes (7d, 2w, "
		    "1m)";
	return v;
}

/*
 * The word of a done row, said with the count: each word once, as the
 * file writes it (Held, Not Held, Completed), the first three.
 */
static void
done_word(struct ri_ctx *x, const char *word)
{
	int i;

	for (i = 0; i < x->nwords; i++)
		if (strcasecmp(x->words[i], word) == 0)
			return;
	if (x->nwords < (int)CRM_NELEM(x->words))
		x->words[x->nwords++] = crm_xstrdup(word);
	else
		x->more_words = 1;
}

/* The done rows' words, said: "Held, Completed", then ", ..." */
static void
done_words(const struct ri_ctx *x, char *buf, size_t cap)
{
	struct crm_buf b = { 0 };
	int i;

	for (i = 0; i < x->nwords; i++)
		crm_buf_addf(&b, "%s%.40s", i ? ", " : "", x->words[i]);
	crm_buf_adds(&b, x->more_words ? ", ..." : "");
	snprintf(buf, cap, "%s", b.s ? b.s : "");
	crm_buf_free(&b);
}

/*
 * Is the row no task at all: its note (its title; its description where
 * there is no title column) and its due date empty?  Close's lead
 * export, a lead with no next task: next_task_text and next_task_date
 * empty, its description the lead's (qa41 9).  Skipped and counted, not
 * refused: a task with a note and no due date still is (--due gives it
 * one).  Only in a file that has both columns and no --due or --in: a
 * file of no task columns at all (a contact list given by mistake) is
 * refused with its hint, as is a row of no note where --due gives the
 * date (qa45).
 */
static int
no_task(const struct ri_ctx *x, const struct crm_rec *rec)
{
	int k;

	if ((x->at[R_NOTE] < 0 && x->at[R_DETAIL] < 0) ||
	    (x->at[R_DUE] < 0 && x->ndue_alt == 0) || x->opts->due)
		return 0;
	if (cell(x, rec, x->at[R_NOTE] >= 0 ? R_NOTE : R_DETAIL) ||
	    cell(x, rec, R_DUE))
		return 0;
	for (k = 0; k < x->ndue_alt; k++)
		if ((size_t)x->due_alt[k] < rec->n &&
		    *crm_trim(rec->f[x->due_alt[k]]))
			return 0;
	return 1;
}

/* What a row of no task lacked, said with the count: its columns. */
static void
no_task_why(const struct ri_ctx *x, char *buf, size_t cap)
{
	int note = x->at[R_NOTE] >= 0 ? x->at[R_NOTE] : x->at[R_DETAIL];

	if (note >= 0 && x->at[R_DUE] >= 0)
		snprintf(buf, cap, "%.60s and %.60s empty", x->names[note],
		    x->names[x->at[R_DUE]]);
	else
		snprintf(buf, cap, "no note and no due date");
}

/* One row: 0 taken or skipped, 1 refused with *why, -1 failed. */
static int
import_row(const struct crm_rec *rec, void *ctx, char **why)
{
	struct ri_ctx *x = ctx;
	struct crm_remind_import *o = x->opts;
	const char *err = NULL, *word, *note, *owner, *every = NULL;
	const char *ref = cell(x, rec, R_REF);
	char due[CRM_TIME_LEN], *text = NULL;
	long long customer = 0, id;
	time_t at;
	int col = -1, done, r;

	if (crm_rec_blank(rec))
		return 0;
	if ((word = computed(x, rec)) != NULL) {
		o->computed++;
		computed_word(o, word);
		crm_import_skip(o->im);
		return 0;
	}
	if ((id = by_ref(x, ref)) == 0 && crm_db_failed(x->db))
		return -1;
	done = task_done(x, rec, &word, &err, &col);
	if (done == 1 && id > 0 && (err = row_done_at(x, rec, due, &col))) {
		*why = crm_import_reason(err, x->names, col);
		return 1;
	}
	if (done == 1 && id > 0 && (r = close_task(x, id, word, due)) <= 0)
		return r;
	if (done == 1) {
		o->done++;
		done_word(x, word);
		crm_import_skip(o->im);	/* not imported: the every-row rule */
		return 0;
	}
	if (done == 0 && no_task(x, rec)) {
		o->no_task++;
		crm_import_skip(o->im);
		return 0;
	}
	if (done == 0 && x->own)
		customer = own_customer(x, rec, &err, &col);
	else if (done == 0 && (customer = crm_keycol_customer(x->db, &x->kc,
	    rec, &err)) == 0)
		col = (int)x->kc.col;
	if (customer == 0 && err)
		err = foreign_id_why(x, col, err);
	if (err == NULL)
		err = row_due(x, rec, due, &col);
	if (err == NULL && (every = row_every(x, rec, &err)) && err)
		col = x->at[R_EVERY];
	if (err == NULL && x->event && crm_parse_when(due, &at) == 0 &&
	    at <= crm_now()) {
		/* an event that has started is held: crm-log --import
		 * logs it, no reminder due in the past (qa35 F2); its
		 * reminder from before is done */
		if (id > 0 && (err = event_held_at(x, rec, at, due, &col))) {
			*why = crm_import_reason(err, x->names, col);
			return 1;
		}
		if (id > 0 && (r = close_task(x, id, "held", due)) <= 0)
			return r;
		o->held++;
		crm_import_skip(o->im);
		return 0;
	}
	note = cell(x, rec, R_NOTE);
	if (note == NULL)
		note = cell(x, rec, R_DETAIL);
	else if (cell(x, rec, R_DETAIL))
		note = text = crm_xasprintf("%s: %s", note, cell(x, rec,
		    R_DETAIL));
	if (err == NULL && note == NULL) {
		col = x->at[R_NOTE] >= 0 ? x->at[R_NOTE] : -1;
		err = "no note (a task's subject or title)";
	}
	if (err == NULL && !crm_utf8_str(note))
		err = "invalid UTF-8";
	if (err) {
		*why = crm_import_reason(err, x->names, col);
		free(text);
		return 1;
	}
	owner = cell(x, rec, R_OWNER);
	r = id > 0 ? update_task(x, rec, id, customer, due, note, owner,
	    every) :
	    add_task(x, customer, due, every, note, owner ? owner : o->owner,
	    ref);
	free(text);
	return r;
}

/*
 * What the import did, for the audit and the undo: remind-import, as
 * crm-remind's other rows are remind-..., so that the trail and crm undo
 * --list tell it from crm-add's customers (import).
 */
static void
audit_reminders(struct ri_ctx *x)
{
	struct crm_buf d = { 0 };

	crm_buf_adds(&d, "{\"file\":");
	crm_json_str(&d, crm_rd_name(x->rd));
	crm_buf_addf(&d, ",\"reminders\":%ld,\"already\":%ld,\"done\":%ld,"
	    "\"held\":%ld,\"updated\":%ld,\"closed\":%ld,\"rejected\":%ld}",
	    x->opts->im->added, x->opts->there, x->opts->done, x->opts->held,
	    x->opts->updated, x->opts->closed, x->opts->im->rejected);
	crm_audit(x->db, "remind-import", 0, d.s);
	crm_buf_free(&d);
}

/*
 * Import rd's tasks as reminders.  0, or -1 with the error recorded (a
 * refused row without --rejects: exit 65, and the caller rolls back).
 */
int
crm_import_reminders(struct crm_db *db, struct crm_rd *rd,
    struct crm_remind_import *opts)
{
	struct ri_ctx x = { .db = db, .rd = rd, .opts = opts };
	int r;

	if ((x.n = crm_rd_header(rd, &x.names)) == 0)
		return 0;	/* an empty file: nothing to do */
	if ((r = map_header(&x)) == 0 && x.unread.len)
		fprintf(stderr, "%s: %s: not read: %s\n", crm_prog,
		    crm_rd_name(rd), x.unread.s);
	if (r == 0)
		r = crm_import_rows(rd, opts->im, import_row, &x);
	if (r == 0)
		audit_reminders(&x);
	if (r == 0 && opts->done)
		done_words(&x, opts->done_word, sizeof opts->done_word);
	if (r == 0 && opts->no_task)
		no_task_why(&x, opts->no_task_why, sizeof opts->no_task_why);
	while (x.nwords > 0)
		free(x.words[--x.nwords]);
	crm_buf_free(&x.unread);
	if (x.eff)
		crm_free_list(x.eff, x.n);
	return r;
}
