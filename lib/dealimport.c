/*
 * dealimport.c - crm-deal --import: deal and opportunity exports of other
 * CRMs (HubSpot, Pipedrive, Salesforce, Odoo, Zoho, Dynamics 365, Copper,
 * vtiger, Capsule, Close, Insightly, Freshsales, SuiteCRM, Bitrix24,
 * monday.com, ActiveCampaign, EspoCRM, Airtable) as deals.
 *
 * Columns are known by their names, never their places: exports carry
 * the columns a user picked, in the user's order, with custom fields
 * among them.  A deal is found again by its id in the other system
 * (source, ref), or, in a file without ids, by its customer and title,
 * so importing a file twice changes nothing and a newer export of the
 * same deals moves them on (a move kept in their history).  A deal
 * belongs to the organisation its row names (found, or made when new),
 * else to the person it names.  Stages the pipeline does not have are
 * added among its open stages by their probability, and said; columns
 * crm has no place for are kept as the deal's fields.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

enum role {
	D_REF, D_TITLE, D_AMOUNT, D_STAGE, D_STATUS, D_PROB, D_CLOSE,
	D_CLOSED, D_WON_AT, D_LOST_AT, D_CREATED, D_OWNER, D_PRODUCT,
	D_REASON, D_EMAIL, D_CONTACT, D_COMPANY, D_ACTIVE, D_ISWON,
	D_ISCLOSED, D_CURRENCY, D_MODIFIED, D_WON_AMOUNT, D_CHANGED,
	D_UPDATED, D_ACCOUNT, D_DELETED, D_NROLES
};

/*
 * What each column means, by its header as crm_norm_header() makes it;
 * for a role with several, the first present wins ("Amount" before
 * Zoho's "Expected Revenue", which is weighted).  The names --map takes
 * are the first of each, written as a header (closed_at, Closed At).
 */
static const char *const aliases[D_NROLES][16] = {
	[D_REF] = { "ref", "recordid", "dealid", "opportunityid",
	    "dealpipedrivesystemid", "id",
	    "(donotmodify)opportunity",	/* Dynamics 365's GUID */
	    /* vtiger's Potential No, as its en_us, en_gb and the tester's
	     * exports label it (POT21) */
	    "opportunitynumber", "opportunityno.", "opportunityno" },
	[D_TITLE] = { "title", "dealname", "dealtitle", "opportunityname",
	    "opportunity", "name", "subject", "topic",
	    "название" },	/* Bitrix24's, in Russian */
	[D_AMOUNT] = { "amount", "dealvalue", "value", "totalamount",
	    "expectedrevenue", "est.revenue", "estimatedrevenue",
	    /* Insightly's whole value; its Bid Amount is per month or
	     * year when Bid Type says so, and is kept */
	    "opportunityvalue",
	    "сумма" },		/* Bitrix24's */
	/* What a won deal was won for (Dynamics 365 asks it at Close as
	 * Won): its amount over the estimate, and the amount of a file
	 * that has no other. */
	[D_WON_AMOUNT] = { "actualrevenue" },
	/* vtiger's and SugarCRM's Sales Stage (Closed Won, Closed Lost),
	 * Capsule's Milestone (Won, Lost), Insightly's Pipeline Stage,
	 * Close's status_label (its status by the name the user gave it) */
	[D_STAGE] = { "stage", "dealstage", "stagename", "dealstage(pipeline)",
	    "salesstage", "milestone", "pipelinestage", "statuslabel",
	    "стадия" },		/* Bitrix24's */
	/* Close's status_type (active, won, lost), Insightly's Opportunity
	 * State (OPEN, SUSPENDED, WON, LOST, ABANDONED) */
	[D_STATUS] = { "status", "dealstatus", "statustype",
	    "opportunitystate" },
	[D_PROB] = { "probability", "dealprobability", "probability(%)",
	    "dealprobability(%)",
	    "winprobability",		/* Copper's */
	    "probabilityofwinning",	/* Insightly's */
	    "confidence",		/* Close's */
	    "closeprobability",		/* monday.com's Deals board */
	    "вероятность" },		/* Bitrix24's */
	[D_CLOSE] = { "close", "closedate", "dealexpectedclosedate",
	    "expectedclosedate", "expectedclosing", "closingdate",
	    "est.closedate", "estimatedclosedate",
	    "forecastclosedate",	/* Insightly's */
	    "forecastedclosedate",	/* ActiveCampaign's */
	    "датазавершения" },		/* Bitrix24's */
	[D_CLOSED] = { "closedat", "dealdealclosedon", "dealclosedon",
	    "closeddate", "dateclosed", "actualclosedate" },
	[D_WON_AT] = { "dealwontime", "wontime", "datewon" },	/* Close's */
	[D_LOST_AT] = { "deallosttime", "losttime", "datelost" },
	[D_CREATED] = { "created", "createdate", "dealdealcreated",
	    "dealcreationdate", "createddate", "createdon", "createdtime",
	    "datecreated",	/* Copper's, as crm-add reads it */
	    "createdat",	/* Freshsales', EspoCRM's createdAt */
	    "датасоздания" },	/* Bitrix24's, as crm-add reads it */
	/* Insightly's User Responsible before its Record Owner (who made
	 * the record), Close's user_name; EspoCRM's assignedUserName and
	 * SuiteCRM's Assigned User (its Assigned to is the user's id),
	 * Bitrix24's Responsible person (Ответственный, as crm-add reads
	 * it) */
	[D_OWNER] = { "owner", "dealowner", "opportunityowner", "salesperson",
	    "assignedusername", "assigneduser", "assignedto",
	    "userresponsible", "recordowner", "username", "responsibleperson",
	    "ответственный" },
	[D_PRODUCT] = { "product", "dealproductname", "associatedproduct",
	    "productname" },
	[D_REASON] = { "reason", "deallostreason", "lostreason",
	    "closedlostreason", "reasonforloss",
	    "lossreason" },		/* Copper's */
	[D_EMAIL] = { "email", "contactemail", "emailaddress" },
	[D_CONTACT] = { "contact", "dealcontactperson", "associatedcontact",
	    "contactname", "contactperson",
	    "primarycontact",		/* Copper's */
	    "contactfullname",		/* ActiveCampaign's */
	    "контакт" },		/* Bitrix24's */
	/* vtiger's Organization Name (as crm-add reads it), Close's
	 * lead_name: a lead there is the company */
	[D_COMPANY] = { "company", "associatedcompany", "dealorganization",
	    "accountname", "organization", "organisation", "companyname",
	    "customer", "potentialcustomer", "account", "organizationname",
	    "leadname",
	    "компания" },	/* Bitrix24's, as crm-add reads it */
	[D_ACTIVE] = { "active" },
	[D_ISWON] = { "won", "iswon", "isclosedwon" },
	[D_ISCLOSED] = { "isclosed", "closed", "isdealclosed?" },
	[D_CURRENCY] = { "currency", "dealcurrency", "currencycode",
	    "opportunitycurrency", "dealcurrencycode",
	    "валюта" },		/* Bitrix24's */
	/* Dynamics 365's last change: a won or lost deal's best close */
	[D_MODIFIED] = { "modifiedon", "(donotmodify)modifiedon" },
	/* Zoho's last change: when a deal lost before its expected close
	 * was lost at the latest */
	[D_CHANGED] = { "modifiedtime" },
	/* The last change of others (HubSpot's and Salesforce's Last
	 * Modified Date, Pipedrive's Deal - Update time): the time that
	 * lets a row reopen a deal closed here (reopen_time) */
	[D_UPDATED] = { "lastmodifieddate", "dealupdatetime", "updatetime",
	    "lastmodified",
	    "dateupdated" },	/* Close's date_updated, Insightly's */
	/* Salesforce's Data Export (Opportunity.csv): the account's id, an
	 * organisation's external id here (find_account), kept too */
	[D_ACCOUNT] = { "accountid" },
	/* SuiteCRM's and SugarCRM's Deleted (0 or 1), Salesforce's
	 * IsDeleted: a row deleted there is skipped as crm-add skips it
	 * (crm_deleted_cell), not imported as an open deal (qa43 1) */
	[D_DELETED] = { "deleted", "isdeleted" },
};

/*
 * Columns not kept as fields: figures the other system works out from
 * the amount (weighted by the probability, or converted to its
 * company's currency), which crm works out itself or never does; kept,
 * they would stay as they were when the deal moves on here.  A
 * pipeline's name (Pipedrive's Deal - Pipeline, HubSpot's Pipeline) is
 * kept: it tells two pipelines' deals apart.
 */
static const char *const ignored[] = {
	"dealweightedvalue", "weightedamount", "amountincompanycurrency",
	"forecastamount",
	"expectedvalue", "annualizedvalue",	/* Close's, in cents */
};

struct ctx {
	struct crm_db *db;
	struct crm_rd *rd;
	struct crm_import *im;
	struct crm_deal_import *opts;
	char *const *names;
	size_t n;
	int col[D_NROLES];	/* the column of each role, -1 for none */
	unsigned char *kept;	/* columns kept as the deal's fields */
	int fraction;		/* probabilities are 0 to 1 (HubSpot's) */
	int prob_read;		/* the column's reading: 0 not yet, else P_* */
	long prob_line;		/* P_PERCENT: the line whose cell says so,
				   P_FRACTION: that whose cell decided */
	char *prob_cell;	/* and that cell */
	int formatted;		/* the amount's twin as shown (Close's
				 * value_formatted), -1 for none */
	int unit;		/* the amount's: 1 as shown, 100 in cents,
				 * 0 not yet known (formatted_amount) */
	long unit_line;		/* the row that showed it */
	int close_cents;	/* Close's value with no such twin */
	int label_stage;	/* the stage is Close's status_label: a won
				 * or lost row's is its outcome's own name
				 * (Lost - Budget), no stage it was in */
	int customer;		/* the company column is headed Customer */
	int odoo;		/* and it is Odoo's: "Company, Person" */
	int monday;		/* monday.com's board (sum_row) */
	int closed_col;		/* the role the row's closed time is from */
	int closed_now;		/* the row's closed at now (unknown_close) */
	long line;		/* the row's, for what is said of it */
	struct crm_currency currency;	/* the database's (row_currency) */
	char *stage;		/* the pipeline's spelling of the row's */
	char *owner;		/* the row's owner in NFC (crm_nfc) */
	char *title;		/* the row's title in NFC */
	int keep_who;		/* the row's deal is its company's: its
				 * contact and e-mail cells are kept too */
	int odoo_person;	/* its company cell names a person too */
	const char *title_as_is;	/* as the file has it (existing) */
	time_t seen;		/* the newest time of the rows so far */
	time_t as_of;		/* of the whole file (file_as_of), 0 not yet */
	int as_of_short;	/* its look stopped before the file's end */
	/* crm-deal's own listing (own_listing): its columns, -1 for none */
	int own, own_id, own_cust, own_name, own_source;
	long long own_deal;	/* the row's deal here, by its id, or 0 */
	struct crm_buf said;	/* stages read as outcomes, said (stage_said) */
	struct file_prob *fp;	/* the open rows' stages (file_probs) */
	size_t nfp;
};

/* How often the file's open rows give a stage a probability. */
struct file_prob {
	char *key;		/* the stage's, crm_stage_key's */
	int prob;		/* -1: a row of the stage giving none */
	long n;
};

static void guessed_columns(struct ctx *x, char *const *norm);

static int
role_of(const char *mapped)
{
	char *norm = crm_norm_header(mapped);
	int r;

	for (r = 0; r < D_NROLES && strcmp(norm, aliases[r][0]); r++)
		;
	free(norm);
	return r < D_NROLES ? r : -1;
}

/*
 * Salesforce's Data Export names a deal's owner by a user's id (OwnerId,
 * 005...) and by no name.  With no owner column it is the deal's owner,
 * as written, and said once here: crm would otherwise give each deal
 * the importing user (CRM_USER), and a report by owner would credit her
 * with all of them.  A --map of it is the user's to say.
 */
static void
owner_id(struct ctx *x, char *const *norm)
{
	const struct crm_rec *rec;
	size_t i, k;
	const char *v = NULL;

	if (x->col[D_OWNER] >= 0)
		return;
	for (i = 0; i < x->n; i++)
		if (x->kept[i] && strcmp(norm[i], "ownerid") == 0 &&
		    !crm_import_mapped(norm[i], x->im->maps, x->im->nmaps))
			break;
	if (i == x->n)
		return;
	x->col[D_OWNER] = (int)i, x->kept[i] = 0;
	for (k = 0; v == NULL && k < 20 && (rec = crm_rd_peek(x->rd, k)); k++)
		if (i < rec->n && *crm_key_trim(rec->f[i]))
			v = crm_key_trim(rec->f[i]);
	crm_warn("%s: %s: the deals' owners are the users' ids as written "
	    "(such as '%s'): the file names no owner by name (say another "
	    "column with {map} 'COLUMN=owner')", crm_rd_name(x->rd),
	    x->names[i], v ? v : "");
}

/* Is one of the file's headers, as crm_norm_header makes them, h? */
static int
has_header(const struct ctx *x, char *const *norm, const char *h)
{
	return crm_in_list(h, (const char *const *)norm, x->n);
}

/*
 * The amount column's twin as its system shows it, headed as it with
 * "formatted" after (Close's value and value_formatted: 1250000 and
 * "$12,500", its value in cents, as its API writes it), read to tell
 * the amount's unit (formatted_amount).  Close's value without it is
 * refused (x->close_cents): Close's export is known by its value_period,
 * value_currency and annualized_value, which no other system's is.
 */
static void
formatted_column(struct ctx *x, char *const *norm)
{
	char *twin;
	size_t i;

	x->formatted = -1;
	if (x->col[D_AMOUNT] < 0)
		return;
	twin = crm_msgf("%sformatted", norm[x->col[D_AMOUNT]]);
	for (i = 0; i < x->n && x->formatted < 0; i++)
		if (strcmp(norm[i], twin) == 0)
			x->formatted = (int)i;
	free(twin);
	x->close_cents = x->formatted < 0 && strcmp(norm[x->col[D_AMOUNT]],
	    "value") == 0 && (has_header(x, norm, "valueperiod") ||
	    has_header(x, norm, "valuecurrency") || has_header(x, norm,
	    "annualizedvalue"));
}

/* Each column's role: --map first, then the aliases in their order. */
static void
find_columns(struct ctx *x)
{
	char **norm = crm_xcalloc(x->n, sizeof *norm);
	const char *m;
	size_t i, k;
	int r;

	x->kept = crm_xcalloc(x->n, 1);
	for (r = 0; r < D_NROLES; r++)
		x->col[r] = -1;
	for (i = 0; i < x->n; i++) {
		norm[i] = crm_norm_header(x->names[i]);
		x->kept[i] = 1;
		m = crm_import_mapped(norm[i], x->im->maps, x->im->nmaps);
		if (m && strcmp(m, "-") == 0)
			x->kept[i] = 0;
		else if (m && (r = role_of(m)) >= 0 && x->col[r] < 0)
			x->col[r] = (int)i, x->kept[i] = 0;
	}
	for (r = 0; r < D_NROLES; r++)
		for (k = 0; x->col[r] < 0 && k < CRM_NELEM(aliases[r]) &&
		    aliases[r][k]; k++)
			for (i = 0; i < x->n; i++)
				if (x->kept[i] && strcmp(norm[i],
				    aliases[r][k]) == 0 && !crm_import_mapped(
				    norm[i], x->im->maps, x->im->nmaps)) {
					x->col[r] = (int)i, x->kept[i] = 0;
					break;
				}
	/* The currency is checked, and kept as the deal's field too, as
	 * Zoho's Modified Time is, read only for a deal lost early, and
	 * the others' last change, read only to reopen a deal. */
	if (x->col[D_CURRENCY] >= 0)
		x->kept[x->col[D_CURRENCY]] = 1;
	if (x->col[D_CHANGED] >= 0)
		x->kept[x->col[D_CHANGED]] = 1;
	if (x->col[D_UPDATED] >= 0)
		x->kept[x->col[D_UPDATED]] = 1;
	if (x->col[D_ACCOUNT] >= 0)
		x->kept[x->col[D_ACCOUNT]] = 1;
	owner_id(x, norm);
	guessed_columns(x, norm);
	for (i = 0; i < x->n; i++) {
		for (k = 0; k < sizeof ignored / sizeof ignored[0]; k++)
			if (strcmp(norm[i], ignored[k]) == 0)
				x->kept[i] = 0;
		if (crm_header_secret(norm[i]))
			x->kept[i] = 0;
	}
	/*
	 * HubSpot's "Deal probability" is a fraction: 0.2 is 20%.
	 * Pipedrive's "Deal - Probability", the same once normalised, is
	 * a percentage, as its "Deal - " columns all are.
	 */
	x->fraction = x->col[D_PROB] >= 0 && strcmp(norm[x->col[D_PROB]],
	    "dealprobability") == 0 && strstr(x->names[x->col[D_PROB]],
	    " - ") == NULL;
	/*
	 * Odoo's Customer names a company's contact "Company, Person"; a
	 * sheet's own Customer column may name a person "Last, First".  The
	 * file is Odoo's by crm.lead's other labels (Expected Closing,
	 * Sales Team; Opportunity beside Expected Revenue), which no other
	 * system's deals and no usual sheet have.
	 */
	formatted_column(x, norm);
	/* monday.com's board export: its Subitems and Item ID columns */
	x->monday = has_header(x, norm, "subitems") || has_header(x, norm,
	    "itemid(autogenerated)");
	x->label_stage = x->col[D_STAGE] >= 0 && strcmp(norm[x->col[D_STAGE]],
	    "statuslabel") == 0;
	x->customer = x->col[D_COMPANY] >= 0 && strcmp(norm[x->col[D_COMPANY]],
	    "customer") == 0;
	x->odoo = x->customer && (has_header(x, norm, "expectedclosing") ||
	    has_header(x, norm, "salesteam") || (has_header(x, norm,
	    "opportunity") && has_header(x, norm, "expectedrevenue")));
	for (i = 0; i < x->n; i++)
		free(norm[i]);
	free(norm);
}

/* How many of the first rows a column's cells are looked at by. */
#define GUESS_ROWS 1000

/*
 * Are column c's cells in the file's first rows all percentages (40%,
 * 40, 0.4), one at least?  Else *bad its first other cell.
 */
static int
percent_column(struct ctx *x, size_t c, const char **bad)
{
	const struct crm_rec *rec;
	const char *v;
	size_t k;
	int kind, p, seen = 0;

	*bad = NULL;
	for (k = 0; k < GUESS_ROWS && (rec = crm_rd_peek(x->rd, k)); k++) {
		if (c >= rec->n || *(v = crm_key_trim(rec->f[c])) == '\0')
			continue;
		kind = crm_percent_kind(v);
		if (kind == CRM_PCT_NONE || (kind != CRM_PCT_PART &&
		    crm_parse_percent(v, 0, &p) != NULL)) {
			*bad = v;
			return 0;
		}
		seen = 1;
	}
	return seen;
}

/*
 * Does a header, as crm_norm_header makes it, name a date of closing to
 * come: close and date in it, no closed ("targetclosedate" holds
 * "closed" only as close and date run together)?
 */
static int
close_date(const char *norm)
{
	const char *p;

	if (strstr(norm, "close") == NULL || strstr(norm, "date") == NULL)
		return 0;
	for (p = norm; (p = strstr(p, "closed")) != NULL; p++)
		if (strncmp(p + 6, "ate", 3) != 0)
			return 0;
	return 1;
}

/*
 * A column crm knows not by its header whose header says what it is, in
 * a file with no column of that role: one with probab, confidence or
 * chance in it (monday.com's Close Probability, a sheet's Win Chance)
 * is the probability when its cells are all percentages (percent_column),
 * else said, never left a field without a word (the weighted pipeline
 * would take the stages' own); one with close and date in it, not
 * closed (a sheet's Target Close Date), is the expected close.  Said, with
 * the --map that keeps it a field.
 */
static void
guessed_columns(struct ctx *x, char *const *norm)
{
	static const char *const prob_words[] = { "probab", "confidence",
	    "chance", "вероятн" };
	const char *bad;
	size_t i, k;
	int prob;

	for (i = 0; i < x->n; i++) {
		if (!x->kept[i] || crm_import_mapped(norm[i], x->im->maps,
		    x->im->nmaps))
			continue;
		for (k = 0, prob = 0; k < CRM_NELEM(prob_words); k++)
			prob |= strstr(norm[i], prob_words[k]) != NULL;
		if (prob && x->col[D_PROB] < 0) {
			if (!percent_column(x, i, &bad)) {
				if (bad)
					crm_warn("%s:%ld: %s: sounds like the "
					    "deals' probability, but '%s' is no "
					    "percentage: kept as a field ({map} "
					    "%s reads it)", crm_rd_name(x->rd),
					    crm_rd_header_line(x->rd),
					    x->names[i], bad, crm_map_word(
					    x->names[i], "probability"));
				continue;
			}
			x->col[D_PROB] = (int)i, x->kept[i] = 0;
		} else if (x->col[D_CLOSE] < 0 && close_date(norm[i])) {
			x->col[D_CLOSE] = (int)i, x->kept[i] = 0;
		} else {
			continue;
		}
		crm_warn("%s:%ld: %s: read as the deals' %s, as its name says "
		    "({map} %s keeps it a field)", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd), x->names[i], prob ?
		    "probability" : "expected close", crm_map_word(x->names[i],
		    "-"));
	}
}

/* The column headed exactly name (crm's own spelling), or -1. */
static int
own_col(const struct ctx *x, const char *name)
{
	return crm_header_exact(x->names, x->n, name);
}

/*
 * crm-deal list's own output (qa38 F1): its header crm's (crm_own_listing,
 * own.c), its customer cells ids.  Its id is a deal's and its customer a
 * customer's id in the database it was listed from, its name the
 * customer's, weighted worked out and source the deal's: none is a
 * company, a ref or a field.  A listing read back into that database is
 * its deals (own_deal), into another its customers are found by e-mail
 * (-f ...,email lists the customer's) or else by name (own_customer).
 */
static void
own_listing(struct ctx *x)
{
	static const char *const computed[] = { "id", "customer", "name",
	    "weighted", "source", "updated" };
	const struct crm_rec *rec;
	const char *v;
	size_t k;
	int c;

	x->own_id = own_col(x, "id"), x->own_cust = own_col(x, "customer");
	x->own_name = own_col(x, "name"), x->own_source = own_col(x, "source");
	x->own = crm_own_listing(x->names, x->n, CRM_OWN_DEALS);
	/* a hand-made sheet's customer column of names is a company's */
	for (k = 0; x->own && k < 20 && (rec = crm_rd_peek(x->rd, k)); k++)
		if ((size_t)x->own_cust < rec->n &&
		    *(v = crm_key_trim(rec->f[x->own_cust])) &&
		    v[strspn(v, "0123456789")] != '\0')
			x->own = 0;
	if (!x->own)
		return;
	for (k = 0; k < sizeof computed / sizeof computed[0]; k++) {
		if ((c = own_col(x, computed[k])) < 0 ||
		    crm_import_mapped(computed[k], x->im->maps, x->im->nmaps))
			continue;
		x->kept[c] = 0;
		if (x->col[D_REF] == c)
			x->col[D_REF] = -1;
		if (x->col[D_COMPANY] == c)
			x->col[D_COMPANY] = -1;
	}
	/* its closed is the time a deal was closed, no flag */
	if ((c = own_col(x, "closed")) >= 0 && x->col[D_ISCLOSED] == c &&
	    x->col[D_CLOSED] < 0)
		x->col[D_ISCLOSED] = -1, x->col[D_CLOSED] = c;
	x->odoo = 0;
}

/* The cell of column c in rec, trimmed, or NULL when empty or absent. */
static const char *
own_val(const struct crm_rec *rec, int c)
{
	char *v;

	if (c < 0 || (size_t)c >= rec->n)
		return NULL;
	v = crm_trim(rec->f[c]);
	return *v ? v : NULL;
}

/* The value of role in rec, trimmed, or NULL when empty or absent. */
static const char *
val(const struct ctx *x, const struct crm_rec *rec, int role)
{
	return own_val(rec, x->col[role]);
}

/* A row's reason: column c's header, then msg (which is freed). */
static char *
own_reason(const struct ctx *x, int c, char *msg)
{
	char *r = crm_import_reason(msg, x->names, c);

	free(msg);
	return r;
}

/* A row's reason: its column's header, then msg (which is freed). */
static char *
reason(const struct ctx *x, int role, char *msg)
{
	return own_reason(x, x->col[role], msg);
}

static int
truthy(const char *s)
{
	return s && crm_yes_no(s) == 1;
}

/*
 * Words for a deal that ended without a sale but not as "lost": Copper's
 * Abandoned (its fourth status), Tryton's Cancelled.  The deal is lost,
 * and the word its reason when the row gives none, so that they are told
 * apart from the deals lost to a competitor or on price.
 */
static const char *const given_up[] = { "abandoned", "cancelled",
    "canceled" };

/*
 * Won and lost in the languages a hand-made pipeline sheet is written in,
 * as crm_org_key makes them: the names SuiteCRM's language packs give
 * Closed Won and Closed Lost (sales_stage_dom: German and Dutch
 * Gewonnen/Verloren, German "Geschlossen Gewonnen", French Gagné/Perdu,
 * Spanish Ganado/Perdido and "Cerrado perdido", Italian "Chiuso Vinto"/
 * "Chiuso Perso", Portuguese Ganha/Perdida, "Fechada Ganha"/"Fechada
 * Perdida", Brazilian Ganhamos/Perdemos), the words alone, in both
 * genders, and French typed without its accents.  Else a sheet's
 * "Gewonnen" is an open stage of 100%, counted in the pipeline and in no
 * win rate.
 */
static const char *const won_words[] = { "won", "closed won", "closedwon",
	"赢单", "成交", "gewonnen", "geschlossen gewonnen",
	"abgeschlossen gewonnen", "gesloten gewonnen", "gagné", "gagnée",
	"gagne", "gagnee", "fermé gagné", "fermée gagnée", "ganado",
	"ganada", "cerrado ganado", "cerrada ganada", "vinto", "vinta",
	"chiuso vinto", "chiusa vinta", "ganho", "ganha", "ganhamos",
	"fechado ganho", "fechada ganha" };
static const char *const lost_words[] = { "lost", "closedlost", "输单",
	"丢单", "verloren", "geschlossen verloren", "abgeschlossen verloren",
	"gesloten verloren", "perdu", "perdue", "fermé perdu",
	"fermée perdue", "perdido", "perdida", "cerrado perdido",
	"cerrada perdida", "perso", "persa", "chiuso perso", "chiusa persa",
	"perdemos", "fechado perdido", "fechada perdida" };

/*
 * Bitrix24's own won and lost stages (its ru and en lang files: the
 * stage ids WON and LOSE), as crm_org_key makes them: known names, read
 * without a word.
 */
static const char *const named_won[] = { "deal won", "сделка успешна" };
static const char *const named_lost[] = { "deal lost", "сделка провалена" };

/*
 * The words of won and lost alone (won_words' and lost_words' and
 * Bitrix24's in Russian), which a stage name read as an outcome holds
 * among its words ("Won via partner", "Verloren an Mitbewerber"):
 * stage_outcome's.  Only a stage's: a note that mentions a loss is none.
 */
static const char *const won_alone[] = { "won", "gewonnen", "gagné",
	"gagnée", "gagne", "gagnee", "ganado", "ganada", "vinto", "vinta",
	"ganho", "ganha", "ganhamos", "успешна", "успешно", "выиграна",
	"выиграно" };
static const char *const lost_alone[] = { "lost", "verloren", "perdu",
	"perdue", "perdido", "perdida", "perso", "persa", "perdemos",
	"провалена", "провалено", "проиграна", "проиграно" };

/*
 * s with its dashes (Airtable's "Closed—won", U+2010 to U+2015 and the
 * minus sign) written as '-', which crm_org_key takes for a space;
 * allocated.
 */
static char *
dash_folded(const char *s)
{
	char *d = crm_xstrdup(s), *o = d;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0x90 &&
		    p[2] <= 0x95) || (p[1] == 0x88 && p[2] == 0x92))) {
			*o++ = '-';
			p += 3;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return d;
}

/* A stage name that means an outcome, whatever the system calls it. */
static const char *
outcome_of(const char *stage)
{
	char *f = dash_folded(stage);
	char *k = crm_org_key(f);	/* "closed won", "closed lost ..." */
	const char *o = NULL;

	free(f);
	if (crm_in_list(k, named_won, CRM_NELEM(named_won)))
		o = "won";
	else if (crm_in_list(k, named_lost, CRM_NELEM(named_lost)))
		o = "lost";
	else if (crm_in_list(k, won_words, CRM_NELEM(won_words)))
		o = "won";
	else if (strncmp(k, "closed lost", 11) == 0 || crm_in_list(k,
	    lost_words, CRM_NELEM(lost_words)) || crm_in_list(k, given_up,
	    CRM_NELEM(given_up)))
		o = "lost";
	free(k);
	return o;
}

/*
 * A stage name that holds a won or a lost word among its words, and not
 * both ("Won via partner", "Сделка выиграна"): that outcome, else NULL.
 */
static const char *
words_outcome(const char *stage)
{
	char *f = dash_folded(stage), *k = crm_org_key(f), *w, *save = NULL;
	int won = 0, lost = 0;

	free(f);
	for (w = strtok_r(k, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		won |= crm_in_list(w, won_alone, CRM_NELEM(won_alone));
		lost |= crm_in_list(w, lost_alone, CRM_NELEM(lost_alone));
	}
	free(k);
	return won != lost ? (won ? "won" : "lost") : NULL;
}

/*
 * Words of a stage name that sound like an end without saying won or
 * lost ("Closed", "Done", "Отказ"): a stage so named, added to the
 * pipeline as an open one, is flagged in the summary (ensure_stage).
 */
static const char *const end_words[] = { "closed", "done", "completed",
	"complete", "finished", "signed", "paid", "rejected", "declined",
	"refused", "success", "successful", "failed", "failure", "отказ",
	"завершена", "завершено", "закрыта", "закрыто", "abgeschlossen",
	"geschlossen", "terminé", "fermé", "cerrado", "chiuso", "fechado",
	"gesloten" };

/* Does stage's name have one of end_words among its words? */
static int
looks_ended(const char *stage)
{
	char *f = dash_folded(stage), *k = crm_org_key(f), *w, *save = NULL;
	int r = 0;

	free(f);
	for (w = strtok_r(k, " ", &save); w && !r; w = strtok_r(NULL, " ",
	    &save))
		r = crm_in_list(w, end_words, CRM_NELEM(end_words));
	free(k);
	return r;
}

/*
 * A stage cell's outcome: a name that means one (outcome_of), else one
 * that holds its word (words_outcome, said by stage_said).  Else the
 * stage stayed an open one at 0%, in the pipeline's figures (Bitrix24's
 * "Deal won", qa43 3).
 */
static const char *
stage_outcome(const char *stage)
{
	const char *o = outcome_of(stage);

	return o ? o : words_outcome(stage);
}

/*
 * A deal's status that says it is open (Pipedrive's open, Close's
 * active).  Insightly's Suspended is one of its two open states.
 */
static const char *const open_words[] = { "open", "active", "in progress",
    "ongoing", "pending", "suspended", "进行中", "跟进中" };

/*
 * Is the cell a deal's outcome (Won, Closed Lost, Gagné, ABANDONED), as a
 * stage or a status writes it?  A short cell of no digit or address,
 * which a note that mentions a loss is not.  The cell may be a peeked
 * one, not trimmed.
 */
static const char *
outcome_cell(const char *s)
{
	char *v;
	const char *o = NULL;

	if (strlen(s) > 40 || strpbrk(s, "0123456789@") != NULL)
		return NULL;
	v = crm_xstrdup(s);
	if (*crm_trim(v))
		o = outcome_of(crm_trim(v));
	free(v);
	return o;
}

/* Is the cell, trimmed, an open status word (open_words)? */
static int
open_cell(const char *s)
{
	char *k = crm_org_key(s);
	int r = crm_in_list(k, open_words, CRM_NELEM(open_words));

	free(k);
	return r;
}

/* The row's status or stage cell when it is a given_up word, or NULL. */
static const char *
given_up_word(const struct ctx *x, const struct crm_rec *rec)
{
	const int roles[] = { D_STATUS, D_STAGE };
	const char *v;
	char *k;
	size_t i;
	int hit = 0;

	for (i = 0; i < CRM_NELEM(roles) && !hit; i++) {
		if ((v = val(x, rec, roles[i])) == NULL)
			continue;
		k = crm_org_key(v);
		hit = crm_in_list(k, given_up, CRM_NELEM(given_up));
		free(k);
	}
	return hit ? v : NULL;
}

/*
 * The row's status (Pipedrive's Deal - Status: open, won, lost, deleted):
 * 0 a deal to import (its outcome is row_stage's), 2 a deal deleted
 * there (deleted_row: closed if it was imported open, else skipped), 1
 * a word crm does not know, refused with *why: taken as open it would
 * swell the pipeline.
 */
static int
row_status(const struct ctx *x, const struct crm_rec *rec, char **why)
{
	static const char *const deleted[] = { "deleted", "removed", "已删除" };
	const char *v = val(x, rec, D_STATUS);
	char *k;
	int r = 1;

	if (v == NULL || outcome_of(v) != NULL)
		return 0;
	k = crm_org_key(v);
	if (crm_in_list(k, open_words, CRM_NELEM(open_words)))
		r = 0;
	else if (crm_in_list(k, deleted, CRM_NELEM(deleted)))
		r = 2;
	free(k);
	/* Airtable's Sales CRM keeps its stages under Status */
	if (r == 1 && x->col[D_STAGE] < 0)
		*why = reason(x, D_STATUS, crm_msgf("'%s' is not a deal status "
		    "crm knows (open, won, lost; deleted deals are skipped); if "
		    "the column holds the deals' stages, say so with {map} %s",
		    v, crm_map_word(x->names[x->col[D_STATUS]], "stage")));
	else if (r == 1)
		*why = reason(x, D_STATUS, crm_msgf("'%s' is not a deal status "
		    "crm knows (open, won, lost; deleted deals are skipped)",
		    v));
	return r;
}

/* The row's stage: an outcome its status columns say, else its own. */
static const char *
row_stage(const struct ctx *x, const struct crm_rec *rec)
{
	const char *status = val(x, rec, D_STATUS), *stage = val(x, rec,
	    D_STAGE), *o;

	if (status && (o = outcome_of(status)) != NULL)
		return o;
	if (x->col[D_ISWON] >= 0 && truthy(val(x, rec, D_ISWON)))
		return "won";
	if (x->col[D_ISCLOSED] >= 0 && truthy(val(x, rec, D_ISCLOSED)))
		return "lost";	/* closed and not won */
	/* Odoo: a lost opportunity is archived (Active empty). */
	if (x->col[D_ACTIVE] >= 0 && !truthy(val(x, rec, D_ACTIVE)) &&
	    (stage == NULL || stage_outcome(stage) == NULL))
		return "lost";
	if (stage && (o = stage_outcome(stage)) != NULL)
		return o;
	return stage;
}

/* How many of the first rows outcome_column looks at. */
#define OUTCOME_ROWS 1000

/*
 * The column of the file's first rows, of those crm keeps as fields, with
 * the most outcome cells (outcome_cell), or -1; *all_open when its other
 * cells are all open words (open_cell), *first its first outcome.
 */
static int
outcome_guess(struct ctx *x, int *all_open, char **first)
{
	const struct crm_rec *rec;
	size_t *hits = crm_xcalloc(x->n, sizeof *hits), i, k;
	int c = -1;

	for (k = 0; k < OUTCOME_ROWS && (rec = crm_rd_peek(x->rd, k)); k++)
		for (i = 0; i < x->n && i < rec->n; i++)
			if (x->kept[i] && outcome_cell(rec->f[i]))
				hits[i]++;
	for (i = 0; i < x->n; i++)
		if (hits[i] && (c < 0 || hits[i] > hits[c]))
			c = (int)i;
	free(hits);
	*all_open = c >= 0, *first = NULL;
	for (k = 0; c >= 0 && k < OUTCOME_ROWS && (rec = crm_rd_peek(x->rd,
	    k)); k++) {
		if ((size_t)c >= rec->n || *crm_key_trim(rec->f[c]) == '\0')
			continue;
		if (outcome_cell(rec->f[c])) {
			if (*first == NULL)
				*first = rec->f[c];
		} else if (!open_cell(rec->f[c]))
			*all_open = 0;
	}
	return c;
}

static int rec_says(const struct ctx *x, const struct crm_rec *rec, int role,
    int flag);

/* Does the stage column say an outcome in the file's first rows? */
static int
stage_says_outcome(struct ctx *x)
{
	const struct crm_rec *rec;
	size_t k;

	for (k = 0; k < OUTCOME_ROWS && (rec = crm_rd_peek(x->rd, k)); k++)
		if (rec_says(x, rec, D_STAGE, 0))
			return 1;
	return 0;
}

/*
 * Every CRM spells the column of its deals' outcomes its own way (vtiger's
 * Sales Stage, Capsule's Milestone, Insightly's Opportunity State, a
 * sheet's Result), and a deal whose outcome is kept as a field is open:
 * a file of won and lost deals would swell the pipeline, said nowhere.
 * In a file with no status column crm reads, a column whose cells are
 * outcomes (Won, Closed Lost, Gagné, Abandoned) is read as the deals'
 * status when its other cells are all open words (Open, Active), else,
 * when the file has no stage column either, as their stage; and said.
 * A status beside a stage column that says no outcome (Insightly's
 * Pipeline Stage) is the outcome the stage lacks.  A row whose outcome
 * is still in a column crm does not read is refused (unread_outcome).
 */
static void
outcome_column(struct ctx *x)
{
	char *first;
	int all_open, c;

	if (x->own || x->col[D_STATUS] >= 0 || x->col[D_ISWON] >= 0 ||
	    x->col[D_ISCLOSED] >= 0 || x->col[D_ACTIVE] >= 0 ||
	    (c = outcome_guess(x, &all_open, &first)) < 0 ||
	    (x->col[D_STAGE] >= 0 && (!all_open || stage_says_outcome(x))))
		return;
	x->col[all_open ? D_STATUS : D_STAGE] = c, x->kept[c] = 0;
	crm_warn("%s:%ld: %s: its cells are deals' outcomes (such as '%s'): "
	    "read as the deals' %s ({map} %s keeps it a field)",
	    crm_rd_name(x->rd), crm_rd_header_line(x->rd), x->names[c],
	    crm_key_trim(first), all_open ? "status" : "stage",
	    crm_map_word(x->names[c], "-"));
}

/*
 * A row that would be an open deal while a column crm keeps as a field
 * says it was won or lost (outcome_column's, past its first rows, or
 * beside a stage column of no outcome: Insightly's Pipeline Stage beside
 * its state): refused, saying the --map that reads it, as the status when
 * the file has a stage, else as the stage.  1 with *why.
 */
static int
unread_outcome(const struct ctx *x, const struct crm_rec *rec,
    const char *stage, char **why)
{
	const char *o;
	size_t i;

	if (x->own || (stage && crm_stage_closed(stage)))
		return 0;
	for (i = 0; i < x->n && i < rec->n; i++)
		if (x->kept[i] && (o = outcome_cell(rec->f[i])) != NULL) {
			*why = own_reason(x, (int)i, crm_msgf("'%s' says the deal "
			    "was %s, and no column crm reads says so%s%s%s: say "
			    "this one does with {map} %s (or %s to take the deal "
			    "as open)", crm_key_trim(rec->f[i]), o, stage ?
			    " (its stage is '" : "", stage ? stage : "", stage ?
			    "')" : "", crm_map_word(
			    x->names[i], x->col[D_STAGE] >= 0 ? "status" :
			    "stage"), crm_map_word(x->names[i], "-")));
			return 1;
		}
	return 0;
}

/* A date of the row, as --date-format or ISO 8601 reads it. */
static int
row_time(const struct ctx *x, const struct crm_rec *rec, int role,
    char buf[CRM_TIME_LEN], const char **out, char **why)
{
	const char *v = val(x, rec, role), *fmt = crm_date_format();
	time_t t;

	*out = NULL;
	if (v == NULL)
		return 0;
	if ((fmt ? crm_parse_when_as(v, fmt, &t) : crm_parse_when(v, &t)) < 0) {
		*why = reason(x, role, crm_msgf("'%s' is not a date (%s)", v,
		    crm_date_hint(v)));
		return -1;
	}
	*out = crm_fmt_time(t, buf);
	return 0;
}

/* How many of the first rows file_probs reads the stages of, and how
 * many prob_column looks at ahead to tell its column's reading. */
#define PROB_ROWS 10000

/* How a column of probabilities without a header that says is read. */
enum { P_PERCENT = 1, P_FRACTION, P_UNSURE };

/*
 * The column's reading, decided at its first cell of 1 or less: a
 * spreadsheet's percent cells saved as numbers are fractions (0.125,
 * 0.5, 1), so a column whose every cell is 1 or less, one of them
 * between 0 and 1, is read as fractions; one with a cell above 1 or
 * with its '%' is of percents (its 0.5 is then refused, not 0.5%); one
 * of 0s and 1s only says not which (1 is 1% or 100%).  The cells to
 * come are peeked at; those before were above 1, or there were none.
 */
static void
prob_column(struct ctx *x, const char *v)
{
	const struct crm_rec *rec;
	size_t k, c = (size_t)x->col[D_PROB];
	int kind = crm_percent_kind(v), part = kind == CRM_PCT_PART;
	char *cell;

	if (kind == CRM_PCT_PERCENT) {
		x->prob_read = P_PERCENT, x->prob_line = x->line;
		x->prob_cell = crm_xstrdup(v);
		return;
	}
	for (k = 0; k < PROB_ROWS && (rec = crm_rd_peek(x->rd, k)); k++) {
		if (c >= rec->n)
			continue;
		cell = crm_xstrdup(rec->f[c]);
		kind = crm_percent_kind(crm_trim(cell));
		if (kind == CRM_PCT_PERCENT) {
			x->prob_read = P_PERCENT, x->prob_line = rec->line;
			x->prob_cell = crm_xstrdup(crm_trim(cell));
			free(cell);
			return;
		}
		part |= kind == CRM_PCT_PART;
		free(cell);
	}
	x->prob_read = part ? P_FRACTION : P_UNSURE;
	x->prob_line = x->line;
	if (part && k == PROB_ROWS && crm_rd_peek(x->rd, k))	/* said */
		fprintf(stderr, "%s: %s:%ld: %s: its cells in the next %d rows "
		    "are all from 0 to 1: read as fractions of one (0.2 is "
		    "20%%); a cell above 1 further on is refused\n", crm_prog,
		    crm_rd_name(x->rd), x->line, x->names[c], PROB_ROWS);
	else if (part)	/* a reading, said as crm-add says its own */
		fprintf(stderr, "%s: %s:%ld: %s: its cells are all from 0 to "
		    "1: read as fractions of one (0.2 is 20%%)\n", crm_prog,
		    crm_rd_name(x->rd), x->line, x->names[c]);
}

/*
 * The row's probability in percent, -1 when it gives none: a whole
 * percent (crm_parse_percent, as --probability), from a column of
 * fractions when its header says so (HubSpot's) or its cells do
 * (prob_column).  A fraction of a percent is refused, never rounded.
 */
static int
row_prob(struct ctx *x, const struct crm_rec *rec, int *prob, char **why)
{
	const char *v = val(x, rec, D_PROB), *err;

	*prob = -1;
	if (v == NULL)
		return 0;
	if (!x->fraction && !x->prob_read && crm_percent_kind(v) !=
	    CRM_PCT_NONE)
		prob_column(x, v);
	if (x->prob_read == P_UNSURE && crm_percent_kind(v) == CRM_PCT_ONE) {
		*why = reason(x, D_PROB, crm_msgf("'%s' is 1%% or, as a "
		    "fraction of one, 100%%: the column's other cells are 0 or "
		    "1 and say not which; write 1%% or 100%%", v));
		return -1;
	}
	if ((err = crm_parse_percent(v, x->fraction || x->prob_read ==
	    P_FRACTION, prob)) == NULL)
		return 0;
	if (x->prob_read == P_PERCENT && crm_percent_kind(v) == CRM_PCT_PART)
		*why = reason(x, D_PROB, crm_msgf("%s; the column holds "
		    "percents, as its '%s' at line %ld says", err,
		    x->prob_cell, x->prob_line));
	else if (x->prob_read == P_FRACTION && crm_percent_kind(v) ==
	    CRM_PCT_PERCENT)	/* past prob_column's look */
		*why = reason(x, D_PROB, crm_msgf("%s; the column was read as "
		    "fractions of one from line %ld, its cells in the %d rows "
		    "from there being all from 0 to 1", err, x->prob_line,
		    PROB_ROWS));
	else
		*why = reason(x, D_PROB, crm_msgf("%s", err));
	return -1;
}


/* Count one open row of stage with probability prob (-1 for none). */
static void
file_prob_count(struct ctx *x, const char *stage, int prob)
{
	char *key = crm_stage_key(stage);
	size_t i;

	for (i = 0; i < x->nfp; i++)
		if (x->fp[i].prob == prob && strcmp(x->fp[i].key, key) == 0) {
			x->fp[i].n++;
			free(key);
			return;
		}
	x->fp = crm_xrealloc(x->fp, (x->nfp + 1) * sizeof *x->fp);
	x->fp[x->nfp].key = key, x->fp[x->nfp].prob = prob;
	x->fp[x->nfp++].n = 1;
}

/*
 * The probability the file's open rows give stage most often (the
 * higher of two as often: a row's own is the deal's, kept beside its
 * stage's), -1 for none: a stage's own, whichever row names it first.  A won or lost row's 0 or 100 is its outcome's, not
 * the stage it closed from (Odoo's lost New at 0 in its first row made
 * New a stage of 0%, "the file gives none", put after Proposition, and
 * the funnel counted its deals as past them; the same file in another
 * order had it first, qa43 5).
 */
static int
file_prob(const struct ctx *x, const char *stage)
{
	char *key = crm_stage_key(stage);
	size_t i, best = x->nfp;

	for (i = 0; i < x->nfp; i++)
		if (x->fp[i].prob >= 0 && strcmp(x->fp[i].key, key) == 0 &&
		    (best == x->nfp || x->fp[i].n > x->fp[best].n ||
		    (x->fp[i].n == x->fp[best].n && x->fp[i].prob >
		    x->fp[best].prob)))
			best = i;
	free(key);
	return best < x->nfp ? x->fp[best].prob : -1;
}

/*
 * The open rows' stages and their probabilities in the file's first
 * PROB_ROWS rows, before any row is taken (file_prob).  A row whose
 * probability is refused gives none here; it is refused in its turn.
 */
static void
file_probs(struct ctx *x)
{
	const struct crm_rec *rec;
	const char *stage;
	char *why = NULL;
	size_t k;
	int prob;

	if (x->col[D_STAGE] < 0 || x->own)
		return;
	for (k = 0; k < PROB_ROWS && (rec = crm_rd_peek(x->rd, k)); k++) {
		if ((stage = row_stage(x, rec)) == NULL ||
		    crm_stage_closed(stage) || row_status(x, rec, &why) != 0) {
			free(why);
			why = NULL;
			continue;
		}
		x->line = rec->line;
		if (row_prob(x, rec, &prob, &why) < 0) {
			free(why);
			why = NULL;
			prob = -1;
		}
		file_prob_count(x, stage, prob);
	}
}

static void
file_probs_free(struct ctx *x)
{
	size_t i;

	for (i = 0; i < x->nfp; i++)
		free(x->fp[i].key);
	free(x->fp);
}

/*
 * Where a stage new to the pipeline goes: among the open stages by the
 * probability the file gives it, before the first with a higher one
 * (HubSpot's Appointment Scheduled, 20%, before Qualified To Buy, 40%,
 * whichever a row names first: the funnel counts a deal as having passed
 * every stage before its own), else after them all, as one it gives no
 * probability, in the order the rows name them.  The position it takes.
 */
static long long
stage_place(struct ctx *x, int prob)
{
	return crm_query_int(x->db, 0, "SELECT coalesce((SELECT min(position) "
	    "FROM stages WHERE name NOT IN ('won', 'lost') AND probability > "
	    "? AND ? >= 0), (SELECT max(position) + 1 FROM stages WHERE name "
	    "NOT IN ('won', 'lost')), 1)", "ii", (long long)prob,
	    (long long)prob);
}

/*
 * Pipedrive's default pipeline, in its order: Qualified, Contact Made,
 * Demo Scheduled (Meeting Scheduled), Proposal Made, Negotiations
 * Started (an older account's: Lead In, Contact Made, Needs Defined,
 * Proposal Made, Negotiations Started; t/data/real/SOURCES.md), with
 * crm's own stages that mean the same at the same rank.  Its deals
 * export gives a stage no probability, so its stages cannot be put in
 * order as HubSpot's and Salesforce's are (stage_place): they went in
 * the order the rows named them, and the funnel had Contact Made after
 * Proposal Made (qa35 F8).
 */
static const struct {
	const char *key;	/* crm_stage_key()'s */
	int rank;
} pipedrive_stages[] = {
	{ "lead in", 1 }, { "lead", 1 }, { "qualified", 2 },
	{ "contact made", 3 }, { "demo scheduled", 4 }, { "needs defined", 4 },
	{ "meeting scheduled", 4 },
	{ "proposal made", 5 }, { "proposal", 5 },
	{ "negotiations started", 6 }, { "negotiation", 6 },
};

/* A stage's place in Pipedrive's default pipeline, 0 for none. */
static int
pipedrive_rank(const char *stage)
{
	char *key = crm_stage_key(stage);
	size_t i;
	int r = 0;

	for (i = 0; i < CRM_NELEM(pipedrive_stages) && r == 0; i++)
		if (strcmp(key, pipedrive_stages[i].key) == 0)
			r = pipedrive_stages[i].rank;
	free(key);
	return r;
}

static const char *system_name(const struct ctx *x);

/*
 * Where a stage of Pipedrive's default pipeline of rank r, new to crm's,
 * goes: before the first open stage of a later rank, else after them
 * all (stage_place's).  Stages of no rank (the user's own) are passed
 * over.  The position it takes.
 */
static long long
pipedrive_place(struct ctx *x, int r)
{
	struct crm_stmt *st = crm_prepare(x->db, "SELECT name, position FROM "
	    "stages WHERE name NOT IN ('won', 'lost') ORDER BY position");
	long long at = 0, last = 0;

	while (crm_step(st) == CRM_ROW) {
		last = crm_col_int(st, 1);
		if (at == 0 && pipedrive_rank(crm_col_text(st, 0)) > r)
			at = last;
	}
	crm_finalize(st);
	return at ? at : last + 1;
}

/*
 * The open stage before position at with a probability above 0, whose
 * probability a stage of no probability placed there takes (*prob); its
 * name, to free, or NULL for none (*prob unchanged).
 */
static char *
stage_before(struct ctx *x, long long at, int *prob)
{
	struct crm_stmt *st = crm_prepare(x->db, "SELECT name, probability "
	    "FROM stages WHERE name NOT IN ('won', 'lost') AND position < ? "
	    "AND probability > 0 ORDER BY position DESC LIMIT 1");
	char *name = NULL;

	crm_bind_int(st, 1, at);
	if (crm_step(st) == CRM_ROW) {
		name = crm_xstrdup(crm_col_text(st, 0));
		*prob = (int)crm_col_int(st, 1);
	}
	crm_finalize(st);
	return name;
}

/*
 * The stage's probability, adding it to the pipeline first when it is
 * not there: where stage_place says (a Pipedrive file's stage of no
 * probability where Pipedrive's pipeline has it, pipedrive_place),
 * with the probability the row gives; without one, a stage put in its
 * place by Pipedrive's order takes that of the stage before it
 * (stage_before: a deal further on is no less likely to be won, and at
 * 0% its deals would weigh nothing in the weighted pipeline, qa40 Q4),
 * any other 0, after them all, where its place says nothing of it.  The
 * summary says which.  Counted for the summary.  A
 * stage there in another case or spacing is that one ("contract sent"
 * is "Contract Sent", crm_stage_find): *stage becomes its spelling, so
 * the deal is not moved to a second stage.  -1 when the database failed.
 */
static int
ensure_stage(struct ctx *x, const char **stage, int prob)
{
	long long p, at;
	int given, r = 0;
	char *before = NULL;

	free(x->stage);
	if ((x->stage = crm_stage_find(x->db, *stage)) != NULL) {
		*stage = x->stage;
		p = crm_query_int(x->db, 0, "SELECT probability FROM stages "
		    "WHERE name = ?", "s", *stage);
		return crm_db_failed(x->db) ? -1 : (int)p;
	}
	if (crm_db_failed(x->db))
		return -1;
	if ((p = file_prob(x, *stage)) >= 0)
		prob = (int)p;	/* the open rows' most often */
	given = prob >= 0;
	if (!given && (r = pipedrive_rank(*stage)) > 0 && strcasecmp(
	    system_name(x), "pipedrive") == 0) {
		at = pipedrive_place(x, r);
		before = stage_before(x, at, &prob);
	} else {
		at = stage_place(x, prob);
	}
	prob = prob < 0 ? 0 : prob;
	/* The stages from there on one down; positions are unique at each
	 * row, so by way of ones no stage has. */
	crm_exec(x->db, "UPDATE stages SET position = position + 1000000 "
	    "WHERE position >= ?", "i", at);
	crm_exec(x->db, "UPDATE stages SET position = position - 999999 "
	    "WHERE position >= 1000000", NULL);
	crm_exec(x->db, "INSERT INTO stages (name, position, probability) "
	    "VALUES (?, ?, ?)", "sii", *stage, at, (long long)prob);
	crm_buf_addf(&x->opts->new_stages, "%s%s (%d%%%s%s%s%s)",
	    x->opts->new_stages.len ? ", " : "", *stage, prob, before ?
	    " as " : "", before ? before : "", before ? " before it: the "
	    "file gives none" : given ? "" : ": the file gives none",
	    looks_ended(*stage) ? "; an open stage, though its name sounds "
	    "like an outcome" : "");
	free(before);
	return crm_db_failed(x->db) ? -1 : prob;
}

/* "Ann Lee (ann@x.example)", HubSpot's associated contact: its e-mail. */
static char *
email_in(const char *s)
{
	const char *open = s ? strrchr(s, '(') : NULL;
	const char *close = open ? strchr(open, ')') : NULL;

	if (close == NULL || memchr(open, '@', (size_t)(close - open)) == NULL)
		return NULL;
	return crm_xstrndup(open + 1, (size_t)(close - open - 1));
}

/* A person by exact name, when exactly one has it: id, 0, or -1. */
static long long
person_by_name(struct crm_db *db, const char *name)
{
	long long n = crm_query_int(db, 0, "SELECT count(*) FROM customers "
	    "WHERE name = ? AND type = 'person'", "s", name);

	if (crm_db_failed(db))
		return -1;
	return n == 1 ? crm_query_int(db, 0, "SELECT id FROM customers WHERE "
	    "name = ? AND type = 'person'", "s", name) : 0;
}

static long long
add_person(struct ctx *x, const char *name, const char *email)
{
	struct crm_cust c = { 0 };
	long long id;

	crm_cust_set(&c, CRM_C_NAME, name ? name : "");
	crm_cust_set(&c, CRM_C_EMAIL, email);
	id = crm_cust_insert(x->db, &c, 0);	/* counted in the import's row */
	crm_cust_free(&c);
	if (id > 0)
		x->opts->customers++;
	return id;
}

/*
 * Is s a legal form alone (" Ltd.", "Inc"), as crm_org_key drops it
 * after a name?  Asked after one ("x Ltd." is "x"): the word alone is a
 * whole name, which crm_org_key keeps.
 */
static int
legal_form(const char *s)
{
	char *named = crm_msgf("x %s", s), *key = crm_org_key(named);
	int legal = strcmp(key, "x") == 0;

	free(named);
	free(key);
	return legal;
}

/*
 * Odoo writes a company's contact as "Initech, Lena Ortiz": the company
 * is what stands before the last comma, unless the whole is a known
 * organisation or what follows is a legal form ("Globex, Ltd.").  The
 * company (in *name's buffer or the value) and the person in *name.
 */
static const char *
odoo_company(struct ctx *x, const char *value, char **name)
{
	const char *comma = strrchr(value, ',');

	if (comma == NULL || crm_org_find(x->db, value, NULL) != 0 ||
	    legal_form(comma + 1))
		return value;
	free(*name);
	*name = crm_xstrdup(value);
	(*name)[comma - value] = '\0';
	return *name;	/* the deal is the company's; the cell is kept */
}

/* s with no blanks at either end, allocated. */
static char *
trimmed(const char *s, size_t n)
{
	char *t = crm_xstrndup(s, n), *v = crm_trim(t), *r = crm_xstrdup(v);

	free(t);
	return r;
}

/*
 * The person a Customer cell names as a whole: "Becker, Jonas" as
 * written, or as "Jonas Becker" when that is how she was added, and
 * "Jonas Becker" as "Becker, Jonas".  Her id, 0, or -1 when the database
 * failed.
 */
static long long
person_named(struct crm_db *db, const char *value)
{
	long long id = person_by_name(db, value);
	char *turned;

	/* turned only what is a person's name (crm_name_shaped) */
	if (id == 0 && (turned = crm_name_turned(value)) != NULL) {
		id = person_by_name(db, turned);
		free(turned);
	}
	return id;
}

/*
 * "Initech, Lena Ortiz" in a file that is not Odoo's: Odoo's "Company,
 * Person" only when Initech is an organisation here and Lena Ortiz a
 * person of it.
 */
static int
known_contact(struct ctx *x, const char *value, const char *comma)
{
	char *org = trimmed(value, (size_t)(comma - value)), *person =
	    trimmed(comma + 1, strlen(comma + 1));
	long long o = crm_org_find(x->db, org, NULL), n = 0;

	if (o > 0)
		n = crm_query_int(x->db, 0, "SELECT count(*) FROM customers "
		    "WHERE type = 'person' AND org_id = ? AND name = ?", "is",
		    o, person);
	free(org);
	free(person);
	return n > 0;
}

/*
 * A Customer column's cell: the company it names (value, or the part of
 * it in *name's buffer), or NULL when it names a person, then *id her
 * when she is known, else *name her name ("Becker, Jonas", to find or
 * make as any person).  The whole cell naming a known customer wins
 * (a sheet's "Becker, Jonas" is never Becker GmbH's); then Odoo's
 * "Company, Person" in Odoo's file (odoo_company), or in another where
 * both are known (known_contact); then a "Last, First" is a person,
 * never a new organisation named by her surname; else the cell is a
 * company's name ("Globex, Ltd.").  -1 in *id when the database failed.
 */
/*
 * Is each word of name (crm_org_key's) in s, folded?  Jane Solo's in
 * "jane.solo", Deco Addict's in "deco-addict".
 */
static int
words_in(const char *name, const char *s)
{
	char *k = crm_org_key(name), *low = crm_key_fold(s), *w, *save = NULL;
	int all = *k != '\0';

	for (w = strtok_r(k, " ", &save); w && all; w = strtok_r(NULL, " ",
	    &save))
		all = strstr(low, w) != NULL;
	free(k);
	free(low);
	return all;
}

/*
 * Odoo's Customer naming a private person as a whole ("Jane Solo" beside
 * jane.solo@gmail.example): a person's name whose words are all in the
 * e-mail's local part while its domain names not the cell (Deco Addict's
 * deco.addict82@deco-addict.example is the company's own address).  With
 * --add-customers she was made an organisation, and nobody a person.
 */
static int
person_cell(const char *value, const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	char *local;
	int r;

	if (at == NULL || strchr(value, ',') || !crm_name_shaped(value) ||
	    crm_org_legal_form(value) || words_in(value, at + 1))
		return 0;
	local = crm_xstrndup(email, (size_t)(at - email));
	r = words_in(value, local);
	free(local);
	return r;
}

static const char *
customer_cell(struct ctx *x, const char *value, const char *email,
    char **name, long long *id)
{
	const char *comma = strrchr(value, ',');
	long long org = crm_org_find(x->db, value, NULL);
	char *turned;

	*id = 0;
	if (org > 0)
		return value;
	if (org == 0)
		*id = person_named(x->db, value);
	if (*id == 0 && comma && (x->odoo || known_contact(x, value, comma)))
		return odoo_company(x, value, name);
	if (crm_db_failed(x->db))
		*id = -1;
	if (*id != 0)
		return NULL;
	if (comma == NULL && person_cell(value, email)) {
		*name = crm_xstrdup(value);
		return NULL;	/* Odoo's private person: found or made */
	}
	if (comma == NULL || (turned = crm_name_turned(value)) == NULL)
		return value;	/* "Globex, Ltd.", "Smith, Jones & Co" */
	free(turned);
	*name = crm_xstrdup(value);
	return NULL;
}

/*
 * A Salesforce id: 15 or 18 letters and digits, at least four of them
 * digits (0015g00000AAA01AAA): a record's id, never a company's name.
 */
static int
sf_id_shaped(const char *v)
{
	size_t n = strlen(v), i, digits = 0;

	if (n != 15 && n != 18)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)v[i]))
			return 0;
		digits += isdigit((unsigned char)v[i]) != 0;
	}
	return digits >= 4;
}

/*
 * The organisation the row's account id names (AccountId, or a company
 * cell shaped as a Salesforce id, as --map 'AccountId=company' makes it),
 * by its external id or an id of any source: its id; 0 when the row
 * names none that way.  An id that no organisation has is refused
 * (*why), not made an organisation named by the id.  -1 when the
 * database failed.
 */
static long long
find_account(struct ctx *x, const struct crm_rec *rec, const char *company,
    char **why)
{
	const char *v = val(x, rec, D_ACCOUNT);
	int role = v ? D_ACCOUNT : D_COMPANY;
	long long id;

	/* a company cell is looked up only when it is no name (a row
	 * each: a deals file of names asks nothing more) */
	if (v == NULL && ((v = company) == NULL || !sf_id_shaped(v)))
		return 0;
	id = crm_org_by_id(x->db, v);
	if (crm_db_failed(x->db))
		return -1;
	if (id > 0)
		return id;
	if (role == D_ACCOUNT && company && !sf_id_shaped(company))
		return 0;	/* the company its name gives takes it */
	*why = reason(x, role, crm_msgf("no organisation has the id '%s': "
	    "import the accounts first (crm-add {import} Account.csv), an "
	    "id is no company's name", v));
	return 0;
}

/*
 * Whose deal a row of crm-deal's own listing is.  In the database it
 * was listed from, its customer: the customer with that id and the
 * listing's name (without a name column, the one whose deal the row's
 * id is), unless its e-mail is another's here, and the row's deal that
 * deal (x->own_deal).  Elsewhere the customer of the listing's e-mail
 * (-f ...,email, or a column --map names so), else the one customer of
 * its name: an id of another database names nobody here, and is never
 * a company's name.
 */
static long long
own_customer(struct ctx *x, const struct crm_rec *rec, char **why)
{
	const char *cust = own_val(rec, x->own_cust), *name = own_val(rec,
	    x->own_name), *deal = own_val(rec, x->own_id), *email = val(x, rec,
	    D_EMAIL);
	long long id = 0, n, mail = email ? crm_cust_by_email(x->db, email) :
	    0;

	x->own_deal = 0;
	x->keep_who = x->odoo_person = 0;
	if (cust && (mail <= 0 || mail == strtoll(cust, NULL, 10)) &&
	    crm_query_int(x->db, 0, "SELECT count(*) FROM customers "
	    "WHERE CAST(id AS TEXT) = ? AND name = coalesce(?, name)", "ss",
	    cust, name) == 1 && (name || (deal && crm_query_int(x->db, 0,
	    "SELECT count(*) FROM deals WHERE CAST(id AS TEXT) = ? AND "
	    "CAST(customer_id AS TEXT) = ?", "ss", deal, cust) == 1))) {
		id = strtoll(cust, NULL, 10);
		x->own_deal = deal ? crm_query_int(x->db, 0, "SELECT id FROM "
		    "deals WHERE CAST(id AS TEXT) = ? AND customer_id = ?",
		    "si", deal, id) : 0;
		return crm_db_failed(x->db) ? -1 : id;
	}
	if (email)
		id = mail;
	else if (name && (n = crm_query_int(x->db, 0, "SELECT count(*) FROM "
	    "customers WHERE name = ?", "s", name)) == 1)
		id = crm_query_int(x->db, 0, "SELECT id FROM customers WHERE "
		    "name = ?", "s", name);
	else if (name && n > 1) {
		*why = own_reason(x, x->own_name, crm_msgf("%lld customers here are "
		    "named '%s': crm-deal's listing names its customer by "
		    "another database's id (%s), which says not which (add the "
		    "deal with crm-deal add)", n, name, cust ? cust : ""));
		return 0;
	}
	if (id == 0 && (name || email) && x->opts->add_customers)
		id = add_person(x, name, email);
	else if (id == 0 && !crm_db_failed(x->db))
		*why = own_reason(x, email ? x->col[D_EMAIL] : name ?
		    x->own_name : x->own_cust, name || email ? crm_msgf("no "
		    "customer %s here: crm-deal's listing names its customer by "
		    "another database's id (%s); add them first (crm-add), or "
		    "with {add-customers} one is made", email ? email : name,
		    cust ? cust : "") : crm_msgf("'%s' is a customer's id in "
		    "the database crm-deal listed, not here, and the listing has "
		    "no name or e-mail column to find them by: list the deals "
		    "with -f id,customer,name,email,... and import that",
		    cust ? cust : ""));
	return crm_db_failed(x->db) ? -1 : id;
}

/* Does the local part of email name organisation org (words_in)? */
static int
org_address(struct ctx *x, long long org, const char *email)
{
	char *name = crm_query_text(x->db, "SELECT name FROM customers WHERE "
	    "id = ?", "i", org), *local = crm_xstrndup(email, strcspn(email,
	    "@"));
	int r = name && words_in(name, local);

	free(name);
	free(local);
	return r;
}

/*
 * The person beside the organisation a row's deal is of (Odoo's
 * "Azure Interior, Brandon Freeman" with his e-mail, ActiveCampaign's
 * Contact Full Name and Contact Email beside Account Name): with
 * --add-customers found by the e-mail, or by name among org's people,
 * else made, org's contact, as the man page promises ("make the people
 * rows name").  The deal stays org's.  0, or -1 when the database
 * failed.
 */
static int
org_person(struct ctx *x, const struct crm_rec *rec, long long org,
    const char *email)
{
	const char *cell = val(x, rec, D_COMPANY), *comma, *contact = val(x,
	    rec, D_CONTACT);
	struct crm_cust c = { 0 };
	char *name = NULL, *open;
	long long id = 0;

	if (x->odoo_person && cell && (comma = strrchr(cell, ',')) != NULL)
		name = trimmed(comma + 1, strlen(comma + 1));
	else if (contact) {
		name = crm_xstrdup(contact);
		if ((open = strrchr(name, '(')) != NULL && strchr(open, '@'))
			*open = '\0';
		crm_trim(name);
	}
	if (name && (*name == '\0' || strchr(name, '@'))) {
		free(name);	/* an address is no name */
		name = NULL;
	}
	/* Odoo's Deco Addict with deco.addict82@...: the company's own
	 * address, no person's (kept as the deal's field) */
	if (name == NULL && email && org_address(x, org, email))
		return 0;
	if (email)
		id = crm_cust_by_email(x->db, email);
	else if (name)
		id = crm_query_int(x->db, 0, "SELECT id FROM customers WHERE "
		    "type = 'person' AND org_id = ? AND name = ? ORDER BY id "
		    "LIMIT 1", "is", org, name);
	if (id != 0 || (email == NULL && name == NULL) || (email &&
	    crm_erased_is(x->db, "email", "", email) > 0)) {
		free(name);
		return crm_db_failed(x->db) ? -1 : 0;
	}
	crm_cust_set(&c, CRM_C_NAME, name ? name : "");
	crm_cust_set(&c, CRM_C_EMAIL, email);
	c.has_org = 1, c.org_id = org;
	id = crm_cust_insert(x->db, &c, 0);
	crm_cust_free(&c);
	free(name);
	if (id > 0)
		x->opts->customers++;
	return id < 0 ? -1 : 0;
}

/*
 * The --map of the hint of a row that names nobody: a column kept as a
 * field whose header says it holds contacts (monday.com's Contacts, the
 * plural), as 'Contacts=contact'; else 'COLUMN=company'.  Allocated.
 */
static char *
whose_map(const struct ctx *x)
{
	char *h;
	size_t i;
	int hit = 0;

	for (i = 0; i < x->n && !hit; i++) {
		h = crm_norm_header(x->names[i]);
		hit = x->kept[i] && strstr(h, "contact") != NULL;
		free(h);
	}
	return crm_xstrdup(hit ? crm_map_word(x->names[i - 1], "contact") :
	    crm_map_word("COLUMN", "company"));
}

/*
 * Whose deal the row is: the organisation it names (found or made), else
 * the person its e-mail or contact names (made with add_customers, unless
 * the e-mail is on the erased list: 0, no *why, counted).  The customer's
 * id, 0 with *why when it names none, -1 when the database failed.
 */
static long long
row_customer(struct ctx *x, const struct crm_rec *rec, char **why)
{
	const char *company = val(x, rec, D_COMPANY), *contact = val(x, rec,
	    D_CONTACT);
	char *email = val(x, rec, D_EMAIL) ? crm_xstrdup(val(x, rec, D_EMAIL)) :
	    email_in(contact), *name = NULL, *open, *hint;
	long long id = 0;
	int added;

	if (x->own) {
		free(email);
		return own_customer(x, rec, why);
	}
	x->keep_who = x->odoo_person = 0;
	/* Close's lead named after its one person (lead_name and
	 * contact_name Carlos Mendes): the deal is hers, not a new
	 * organisation's of her name */
	if (company && contact && !x->customer && strcasecmp(company,
	    contact) == 0 && crm_org_find(x->db, company, NULL) == 0)
		company = NULL;
	if (company && x->customer &&
	    (company = customer_cell(x, company, email, &name, &id)) == NULL &&
	    id != 0)
		goto out;	/* a known person, or the database failed */
	x->keep_who = company != NULL;
	x->odoo_person = company != NULL && name != NULL;
	if ((id = find_account(x, rec, company, why)) != 0 || *why)
		goto out;
	if (company) {
		id = crm_org_for(x->db, company, NULL, val(x, rec, D_OWNER),
		    &added);
		x->opts->orgs += added && id > 0;
		if (id > 0 && x->opts->add_customers && org_person(x, rec, id,
		    email) < 0)
			id = -1;
		goto out;
	}
	/* "Ann Lee (ann@x.example)": the name is what stands before. */
	if (contact && name == NULL) {
		name = crm_xstrdup(contact);
		if ((open = strrchr(name, '(')) != NULL && strchr(open, '@'))
			*open = '\0';
		crm_trim(name);
	}
	if (email)
		id = crm_cust_by_email(x->db, email);
	else if (name && *name)
		id = person_by_name(x->db, name);
	if (id == 0 && email && crm_erased_is(x->db, "email", "", email) > 0) {
		x->im->erased++;	/* not brought back: said, no why */
		crm_import_skip(x->im);
	} else if (id == 0 && (email || (name && *name)) &&
	    x->opts->add_customers)
		id = add_person(x, name && *name ? name : NULL, email);
	else if (id == 0 && !crm_db_failed(x->db)) {
		hint = whose_map(x);
		*why = email || (name && *name) ? crm_msgf("no customer %s (with "
		    "{add-customers} one is made)", email ? email : name) :
		    x->im->rejects_path ? crm_msgf("the row names no "
		    "company, contact or e-mail (say which column does with "
		    "{map} %s)", hint) : crm_msgf("the row names no "
		    "company, contact or e-mail, and a deal is someone's: say "
		    "which column names them with {map} %s, or "
		    "leave such rows out with {rejects} FILE", hint);
		free(hint);
	}
out:
	free(email);
	free(name);
	return crm_db_failed(x->db) ? -1 : id;
}

/*
 * The deal the row is already: by (source, ref), or in a file without
 * ids by customer and title among the deals from the same source.  The
 * title as the file has it too: a deal imported from it before titles
 * were put in NFC is the same deal (and gets the NFC title).
 */
static long long
existing(struct ctx *x, const struct crm_deal *d, long long customer)
{
	if (d->ref)
		return crm_query_int(x->db, 0, "SELECT id FROM deals WHERE "
		    "source = coalesce(?, '') AND ref = ?", "ss", d->source,
		    d->ref);
	return crm_query_int(x->db, 0, "SELECT min(id) FROM deals WHERE "
	    "customer_id = ? AND title IN (?, ?) AND source = coalesce(?, '') "
	    "AND ref IS NULL", "isss", customer, d->title, x->title_as_is,
	    d->source);
}

/*
 * Does the row keep column i beside the deal?  Its other columns; and
 * when its company takes the deal, the person it names there (the
 * contact, the e-mail, Odoo's "Company, Person" as written): a deal has
 * one customer, and the person would be lost.
 */
static int
kept_cell(const struct ctx *x, size_t i)
{
	return x->kept[i] || (x->keep_who && ((int)i == x->col[D_CONTACT] ||
	    (int)i == x->col[D_EMAIL] || ((int)i == x->col[D_COMPANY] &&
	    x->odoo_person)));
}

/*
 * The row's other columns, kept beside the deal.  A value it has already
 * is not written again: a re-import of the same file changes nothing, so
 * that it is no change for crm undo (each such write was an image of the
 * row kept, and the run one to undo).
 */
static void
keep_fields(struct ctx *x, const struct crm_rec *rec, long long id)
{
	size_t i;

	for (i = 0; i < x->n && i < rec->n; i++)
		if (kept_cell(x, i) && *rec->f[i])
			crm_exec(x->db, "INSERT INTO deal_fields (deal_id, key, "
			    "value) VALUES (?, ?, ?) ON CONFLICT (deal_id, key) DO "
			    "UPDATE SET value = excluded.value WHERE "
			    "deal_fields.value IS NOT excluded.value", "iss", id,
			    x->names[i], rec->f[i]);
}

/*
 * The row's amount: what a won deal was won for when the file says
 * (Actual Revenue, not zero), else its amount column's, else Actual
 * Revenue's in a file that has no other.
 */
static const char *
row_amount(struct ctx *x, const struct crm_rec *rec, const char *stage)
{
	const char *amount = val(x, rec, D_AMOUNT), *actual = val(x, rec,
	    D_WON_AMOUNT);
	long long cents;

	if (actual && (x->col[D_AMOUNT] < 0 || (stage && strcasecmp(stage,
	    "won") == 0 && crm_parse_money(actual, &cents) == 0 && cents)))
		return actual;
	return amount;
}

/*
 * The row's currency, its currency column's or its amount's own code
 * ("12000 EUR"), checked against the database's (crm_currency_check):
 * amounts in two currencies would add up in the pipeline's figures.
 * amount is the row's (row_amount).  1 with *why when refused.
 */
static int
row_currency(struct ctx *x, const struct crm_rec *rec, const char *amount,
    char **why)
{
	const char *code = val(x, rec, D_CURRENCY), *written = amount ?
	    crm_money_currency(amount) : NULL;
	char *msg;

	/* SugarCRM's and SuiteCRM's id of the base currency (currency_id
	 * -99, its default): the database's own, no code to check */
	if (code && strcmp(code, "-99") == 0)
		code = NULL;
	if (code && (msg = crm_currency_cell(x->db, &x->currency, code,
	    x->names[x->col[D_CURRENCY]])) != NULL) {
		*why = reason(x, D_CURRENCY, msg);
		return 1;
	}
	if (written && (msg = crm_currency_check(x->db, &x->currency,
	    written, NULL)) != NULL) {
		*why = reason(x, D_AMOUNT, msg);
		return 1;
	}
	return 0;
}

/*
 * The row's amount as its formatted twin says (formatted_column): the
 * same amount, or the amount in cents (the twin rounded to whole units
 * at most), then read as cents, said at the first such row.  A file
 * has one unit: a row that tells the other one, or neither, is
 * refused; never is an amount stored a hundred times too large or too
 * small.  0, or -1 with *why.
 */
static int
formatted_amount(struct ctx *x, const struct crm_rec *rec, const char *amount,
    long long *cents, char **why)
{
	const char *shown = own_val(rec, x->formatted);
	long long f;
	int same, in_cents;

	if (shown == NULL || amount != val(x, rec, D_AMOUNT))
		return 0;
	if (crm_parse_money(shown, &f) < 0)
		f = -1;
	same = f == *cents;
	in_cents = f >= 0 && *cents % 100 == 0 && llabs(*cents / 100 - f) < 100;
	if (same && in_cents)	/* 0: either */
		return 0;
	if ((same && x->unit != 100) || (in_cents && x->unit != 1)) {
		if (!x->unit && in_cents)
			fprintf(stderr, "%s: %s:%ld: %s: in cents, as %s says "
			    "('%s' for %s): read as such\n", crm_prog,
			    crm_rd_name(x->rd), x->line, x->names[x->col[D_AMOUNT]],
			    x->names[x->formatted], shown, amount);
		if (!x->unit)
			x->unit = same ? 1 : 100, x->unit_line = x->line;
		if (in_cents)
			*cents /= 100;
		return 0;
	}
	*why = reason(x, D_AMOUNT, same || in_cents ? crm_msgf("'%s' is %s's "
	    "'%s' %s, but at line %ld the column was %s, and a file has one "
	    "unit: fix the row, or read the amounts from %s with {map} %s",
	    amount, x->names[x->formatted], shown, same ? "as written" :
	    "in cents", x->unit_line, x->unit == 1 ? "as written" : "in cents",
	    x->names[x->formatted], crm_map_word(x->names[x->formatted],
	    "amount")) :
	    crm_msgf("'%s' is neither %s's '%s' nor that in cents: say which "
	    "column is the amount with {map} %s", amount,
	    x->names[x->formatted], shown, crm_map_word(x->names[x->formatted],
	    "amount")));
	return -1;
}

/*
 * The row's amount into *cents: 0, or -1 with *why.  "kr 120" is read
 * when the row's currency column, or else the database's currency, says
 * which crown (crm_money_word); one with a fraction where that currency,
 * or the amount's own, has none ("1500.5" yen) is refused.  A
 * negative one is refused here, at its line and column, as crm_deal_add
 * would refuse it as --amount's.
 */
static int
row_money(struct ctx *x, const struct crm_rec *rec, const char *amount,
    long long *cents, char **why)
{
	const char *code = val(x, rec, D_CURRENCY);
	char *kr = crm_money_word(amount, code ? code :
	    crm_currency_known(x->db, &x->currency));
	const char *v = kr ? kr : amount;
	int col = amount == val(x, rec, D_AMOUNT) ? D_AMOUNT : D_WON_AMOUNT;
	int read = crm_parse_money_cell(v, cents, x->rd,
	    (size_t)x->col[col], rec->line) == 0;
	const char *whole = read ? crm_money_whole(*cents, code ? code :
	    crm_currency_known(x->db, &x->currency) ?
	    crm_currency_known(x->db, &x->currency) :
	    crm_money_currency(amount)) : NULL;

	if (read && *cents >= 0 && whole == NULL) {
		free(kr);
		return x->formatted >= 0 ? formatted_amount(x, rec, amount,
		    cents, why) : 0;
	}
	*why = reason(x, col, whole ? crm_msgf("%s", whole) :
	    read ? crm_msgf("'%s': a deal's amount "
	    "is not negative", amount) : crm_money_sign_refusal(v) ?
	    crm_msgf("%s", crm_money_sign_refusal(v)) :
	    crm_msgf("'%s' is not an amount (%s)", amount,
	    crm_money_hint_column(amount, x->rd, (size_t)x->col[col])));
	free(kr);
	return -1;
}

/*
 * A won or lost row that gives no time it closed (Copper's and an older
 * HubSpot export's deals with no Close Date): closed by its last change
 * (Last Modified Date, Deal - Update time, Modified Time) when the row
 * has one that is not before it was made nor after now, else by now, the
 * import's time, and counted (x->closed_now): closed at its making, as
 * it was, it looked closed the moment it opened, its sales cycle 0 days.
 * 0, or -1 with *why (its last change is no date).
 */
static int
unknown_close(struct ctx *x, const struct crm_rec *rec, struct crm_deal *d,
    char buf[CRM_TIME_LEN], const char *created, char **why)
{
	static const int roles[] = { D_UPDATED, D_CHANGED };
	const char *t;
	size_t i;

	for (i = 0; i < CRM_NELEM(roles); i++) {
		if (row_time(x, rec, roles[i], buf, &t, why) < 0)
			return -1;
		if (t && strcmp(t, crm_now_str()) <= 0 && (created == NULL ||
		    strcmp(t, created) >= 0)) {
			d->closed_at = t, x->closed_col = roles[i];
			return 0;
		}
	}
	d->closed_at = crm_now_str();
	x->closed_col = D_CLOSE;	/* none: the message names no column */
	x->closed_now = 1;
	return 0;
}

/*
 * A stage read as an outcome by a word in its name (words_outcome), said
 * once for each name: a user whose stage "Lost contact" is open sees it,
 * and how to keep it (as a field: the rows then take no stage).
 */
static void
stage_said(struct ctx *x, const struct crm_rec *rec)
{
	const char *v = val(x, rec, D_STAGE), *o;
	char *key;

	if (x->own || v == NULL || outcome_of(v) != NULL ||
	    (o = words_outcome(v)) == NULL)
		return;
	key = crm_msgf("\n%s\n", v);
	if (x->said.s == NULL || strstr(x->said.s, key) == NULL) {
		crm_buf_adds(&x->said, key);
		crm_warn("%s:%ld: %s: '%s' read as %s: its name says so",
		    crm_rd_name(x->rd), x->line, x->names[x->col[D_STAGE]], v,
		    o);
	}
	free(key);
}

/*
 * What the row says of the deal, checked, its currency last; 1 with *why
 * when refused.  Its stage and amount are worked out once.
 */
static int
row_deal(struct ctx *x, const struct crm_rec *rec, struct crm_deal *d,
    char bufs[4][CRM_TIME_LEN], const char **created, char **why)
{
	const char *amount, *closed, *won, *lost;

	memset(d, 0, sizeof *d);
	x->closed_now = 0;
	d->stage = row_stage(x, rec);
	stage_said(x, rec);
	amount = row_amount(x, rec, d->stage);
	d->source = x->own && own_val(rec, x->own_source) ? own_val(rec,
	    x->own_source) : x->im->source;
	d->ref = val(x, rec, D_REF);
	d->title = x->title_as_is = val(x, rec, D_TITLE);
	free(x->title);		/* as crm_deal_add */
	d->title = x->title = d->title ? crm_nfc(d->title) : NULL;
	d->owner = val(x, rec, D_OWNER);
	free(x->owner);		/* as a customer's owner is (cust.c) */
	d->owner = x->owner = d->owner ? crm_nfc(d->owner) : NULL;
	d->product = val(x, rec, D_PRODUCT);
	d->reason = val(x, rec, D_REASON);
	if (d->reason == NULL && d->stage && strcmp(d->stage, "lost") == 0)
		d->reason = given_up_word(x, rec);
	if (d->title == NULL) {
		*why = reason(x, D_TITLE, crm_msgf("empty: a deal needs a "
		    "name"));
		return 1;
	}
	if (amount && row_money(x, rec, amount, &d->amount, why) < 0)
		return 1;
	d->has_amount = amount != NULL;
	if (row_prob(x, rec, &d->probability, why) < 0 ||
	    row_time(x, rec, D_CLOSE, bufs[0], &d->close, why) < 0 ||
	    row_time(x, rec, D_CREATED, bufs[1], created, why) < 0 ||
	    row_time(x, rec, D_CLOSED, bufs[2], &closed, why) < 0 ||
	    row_time(x, rec, D_WON_AT, bufs[3], &won, why) < 0)
		return 1;
	if (row_time(x, rec, D_LOST_AT, bufs[3], &lost, why) < 0)
		return 1;
	/*
	 * Closed when the file says, else when the deal was last changed
	 * (Dynamics 365's Modified On: it was won then), else at its
	 * expected close, but never after now: a deal lost before the day
	 * it was expected to close was lost by its last change (Zoho's
	 * Modified Time), else by now.
	 */
	if (!closed && !won && !lost && d->stage && crm_stage_closed(d->stage)
	    && row_time(x, rec, D_MODIFIED, bufs[3], &won, why) < 0)
		return 1;
	d->closed_at = closed ? closed : won ? won : lost ? lost : d->close;
	x->closed_col = closed ? D_CLOSED : won ? (x->col[D_WON_AT] >= 0 &&
	    val(x, rec, D_WON_AT) ? D_WON_AT : D_MODIFIED) : lost ?
	    D_LOST_AT : D_CLOSE;
	if (x->closed_col == D_CLOSE && d->closed_at && d->stage &&
	    crm_stage_closed(d->stage) && strcmp(d->closed_at,
	    crm_now_str()) > 0) {
		if (row_time(x, rec, D_CHANGED, bufs[3], &won, why) < 0)
			return 1;
		d->closed_at = won && strcmp(won, crm_now_str()) <= 0 ? won :
		    crm_now_str();
		x->closed_col = won == d->closed_at ? D_CHANGED : D_CLOSE;
	}
	if (d->closed_at == NULL && d->stage && crm_stage_closed(d->stage) &&
	    unknown_close(x, rec, d, bufs[3], *created, why) < 0)
		return 1;
	if (d->stage && crm_stage_closed(d->stage) && d->closed_at &&
	    *created && strcmp(d->closed_at, *created) < 0) {
		*why = reason(x, x->closed_col, crm_msgf("closed at %s, before "
		    "it was made at %s", d->closed_at, *created));
		return 1;
	}
	return row_currency(x, rec, amount, why);
}

/*
 * The row's outcome dated before the deal's last move, a move made here
 * after the export was taken: the later move stands, and the export's is
 * kept in the history at its time (crm_deal_move_past), said on standard
 * error, and said again when the history has it already (the same file
 * again): the deal is not as the row says, which is never "unchanged".
 * 1 when the history gained it, 2 when it had it, -1 failed.
 */
static int
older_move(struct ctx *x, long long id, const struct crm_deal *d)
{
	char *stage = crm_query_text(x->db, "SELECT stage FROM deals WHERE "
	    "id = ?", "i", id), *last = crm_query_text(x->db, "SELECT max(at) "
	    "FROM deal_history WHERE deal_id = ?", "i", id);
	int r = crm_deal_move_past(x->db, id, d->stage, d->closed_at,
	    "import");

	if (r >= 0)
		fprintf(stderr, "%s: %s:%ld: deal %lld was moved to %s here at "
		    "%s, after the file's %s at %s: the file's move is %s its "
		    "history, the deal stays %s", crm_prog, crm_rd_name(x->rd),
		    x->line, id, stage ? stage : "?", last ? last : "?",
		    d->stage, d->closed_at, r > 0 ? "kept in" : "in",
		    stage ? stage : "?");
	if (r == 0)
		fprintf(stderr, " (crm-deal move %lld %s takes the file's)",
		    id, d->stage);
	if (r >= 0)
		fputc('\n', stderr);
	free(stage);
	free(last);
	return r > 0 ? 1 : r == 0 ? 2 : -1;
}

/* A time of rec, in a peeked record too (not trimmed in place): 0 none. */
static time_t
rec_time(const struct ctx *x, const struct crm_rec *rec, int role)
{
	const char *fmt = crm_date_format();
	int c = x->col[role];
	char *v;
	time_t t = 0;

	if (c < 0 || (size_t)c >= rec->n)
		return 0;
	v = crm_xstrdup(rec->f[c]);
	if (*crm_trim(v) && (fmt ? crm_parse_when_as(crm_trim(v), fmt, &t) :
	    crm_parse_when(crm_trim(v), &t)) < 0)
		t = 0;
	free(v);
	return t;
}

/* Does rec's role say true, or name an outcome (a peeked record)? */
static int
rec_says(const struct ctx *x, const struct crm_rec *rec, int role, int flag)
{
	int c = x->col[role], r;
	char *v;

	if (c < 0 || (size_t)c >= rec->n)
		return 0;
	v = crm_xstrdup(rec->f[c]);
	r = flag ? truthy(crm_trim(v)) : *crm_trim(v) && (role == D_STAGE ?
	    stage_outcome(v) : outcome_of(v)) != NULL;
	free(v);
	return r;
}

/*
 * The newest time rec holds, never after now: an export that holds it
 * was taken after it.  Its times of making, closing and change, and its
 * expected close when it is won or lost (HubSpot's Close Date is then
 * when it closed); not an open deal's expected close, a day to come.
 */
static time_t
rec_newest(const struct ctx *x, const struct crm_rec *rec)
{
	static const int roles[] = { D_CREATED, D_CLOSED, D_WON_AT, D_LOST_AT,
	    D_MODIFIED, D_CHANGED, D_UPDATED, D_CLOSE };
	time_t now = 0, t, newest = 0;
	size_t i;

	crm_parse_when(crm_now_str(), &now);
	for (i = 0; i < CRM_NELEM(roles); i++) {
		if (roles[i] == D_CLOSE && !rec_says(x, rec, D_STAGE, 0) &&
		    !rec_says(x, rec, D_STATUS, 0) && !rec_says(x, rec,
		    D_ISWON, 1) && !rec_says(x, rec, D_ISCLOSED, 1))
			continue;
		if ((t = rec_time(x, rec, roles[i])) > newest)
			newest = t < now ? t : now;
	}
	return newest;
}

/* How many rows to come file_as_of looks at. */
#define AS_OF_ROWS 10000
#define AS_OF_ROWS_TEXT "10,000"

/*
 * When the file was taken at the earliest: the newest time of its rows,
 * those read (x->seen) and the next AS_OF_ROWS to come (peeked at once,
 * when a row first asks), so in constant memory: a time further on is
 * known once the rows before it are read, and a row asking before then
 * is taken as older (said, as such a row is).  1 when it holds none.
 */
static time_t
file_as_of(struct ctx *x)
{
	const struct crm_rec *rec;
	size_t k;
	time_t t;

	if (x->as_of == 0) {
		x->as_of = 1;
		for (k = 0; k < AS_OF_ROWS && (rec = crm_rd_peek(x->rd, k));
		    k++)
			if ((t = rec_newest(x, rec)) > x->as_of)
				x->as_of = t;
		x->as_of_short = k == AS_OF_ROWS && crm_rd_peek(x->rd, k);
	}
	return x->seen > x->as_of ? x->seen : x->as_of;
}

/* What a row older than its deal is said to be: by the whole file, or
 * by as much of it as file_as_of looked at. */
static const char *
no_later_time(const struct ctx *x)
{
	return x->as_of_short ? "holds no later time in its rows read and "
	    "the next " AS_OF_ROWS_TEXT " (an older export, as far as those "
	    "tell)" : "holds no later time (it is an older export)";
}

/*
 * What a move to stage, said as the way to take a row not taken, needs
 * first: the stage in the pipeline, which such a row does not add.
 */
static const char *
stage_first(struct ctx *x, const char *stage)
{
	char *found = crm_stage_find(x->db, stage);

	free(found);
	return found ? "" : ", once crm-deal stages has it";
}

/* The role of the row's own last change (reopen_time), or -1. */
static int
own_time_role(const struct ctx *x)
{
	return x->col[D_UPDATED] >= 0 ? D_UPDATED : x->col[D_MODIFIED] >= 0 ?
	    D_MODIFIED : x->col[D_CHANGED] >= 0 ? D_CHANGED : -1;
}

/*
 * A row that would move a deal won or lost here back to an open stage.
 * An open row has no time of its own, and an export taken before the
 * deal closed (an older file imported again) says as much as one taken
 * after it was reopened there.  The row reopens it only when it is
 * newer than the deal's last move here: by its own last change (Last
 * Modified Date, Modified On, Modified Time), then at that time (*at),
 * else by the newest time the file holds (file_as_of: it was taken
 * after), then now (*at NULL), when it is told, as a move by hand is.
 * Else nothing of the row is written, the deal stays,
 * standard error says so and the summary counts it.  0 to go on, 1
 * kept, 2 refused with *why (its time is no date), -1 failed.
 */
static int
reopen_time(struct ctx *x, const struct crm_rec *rec, long long id,
    const struct crm_deal *d, char buf[CRM_TIME_LEN], const char **at,
    char **why)
{
	int role = own_time_role(x) >= 0 ? own_time_role(x) : D_CHANGED;
	char *stage, *closed, *last, as_of[CRM_TIME_LEN];
	const char *own;
	int r = 0;

	*at = NULL;
	if (d->stage == NULL || crm_stage_closed(d->stage))
		return 0;
	stage = crm_query_text(x->db, "SELECT stage FROM deals WHERE id = ? "
	    "AND closed IS NOT NULL", "i", id);
	if (stage == NULL)
		return crm_db_failed(x->db) ? -1 : 0;
	if (row_time(x, rec, role, buf, &own, why) < 0) {
		free(stage);
		return 2;
	}
	closed = crm_query_text(x->db, "SELECT closed FROM deals WHERE id = ?",
	    "i", id);
	/* a deal added won has one move, when it was made, before */
	last = crm_query_text(x->db, "SELECT max(at) FROM (SELECT at FROM "
	    "deal_history WHERE deal_id = ? UNION ALL SELECT closed FROM deals "
	    "WHERE id = ?) t", "ii", id, id);
	if (own && last && strcmp(own, last) > 0)
		*at = strcmp(own, crm_now_str()) > 0 ? crm_now_str() : own;
	else if (own == NULL && last && strcmp(crm_fmt_time(file_as_of(x),
	    as_of), last) > 0)
		*at = NULL;	/* when, the file says not: now, as told */
	else {
		if (own)
			fprintf(stderr, "%s: %s:%ld: deal %lld is %s here since "
			    "%s; the file says %s as of its %s %s, before: the "
			    "deal stays %s\n", crm_prog, crm_rd_name(x->rd),
			    x->line, id, stage, closed ? closed : "?", d->stage,
			    x->names[x->col[role]], own, stage);
		else
			fprintf(stderr, "%s: %s:%ld: deal %lld is %s here since "
			    "%s; the file says %s, and %s: the deal stays %s "
			    "(crm-deal move %lld '%s' reopens it%s)\n",
			    crm_prog, crm_rd_name(x->rd), x->line, id, stage,
			    closed ? closed : "?", d->stage, no_later_time(x),
			    stage, id, d->stage, stage_first(x, d->stage));
		x->opts->older++;
		r = 1;
	}
	free(stage);
	free(closed);
	free(last);
	return crm_db_failed(x->db) ? -1 : r;
}

/*
 * Does the row put open deal id in an earlier stage than its own (stage)?
 * A stage the pipeline has not yet is where it would be added
 * (stage_place), before the stage whose place it takes.  A stage of the
 * deal's the pipeline has not is never after another.
 */
static int
stage_back(struct ctx *x, const char *stage, const struct crm_deal *d)
{
	long long cur = crm_query_int(x->db, 0, "SELECT position FROM stages "
	    "WHERE name = ?", "s", stage), pos;
	char *to;

	if (cur <= 0 || d->stage == NULL)
		return 0;
	if ((to = crm_stage_find(x->db, d->stage)) != NULL) {
		pos = crm_query_int(x->db, 0, "SELECT position FROM stages WHERE "
		    "name = ?", "s", to);
		free(to);
		return pos > 0 && pos < cur;
	}
	/* added at cur, it would be before the deal's */
	pos = stage_place(x, d->probability);
	return pos > 0 && pos <= cur;
}

/*
 * The time the deal was last changed as the row's system saw it: the
 * row's own last change that an import kept with the deal (a field of
 * the same header), read as the row's are; NULL when there is none.
 */
static const char *
kept_time(struct ctx *x, long long id, int role, char buf[CRM_TIME_LEN])
{
	const char *fmt = crm_date_format();
	char *v;
	time_t t;
	int bad;

	if (role < 0 || role == D_MODIFIED)	/* not kept (find_columns) */
		return NULL;
	v = crm_query_text(x->db, "SELECT value FROM deal_fields WHERE "
	    "deal_id = ? AND key = ?", "is", id, x->names[x->col[role]]);
	if (v == NULL)
		return NULL;
	bad = (fmt ? crm_parse_when_as(crm_trim(v), fmt, &t) :
	    crm_parse_when(crm_trim(v), &t)) < 0;
	free(v);
	return bad ? NULL : crm_fmt_time(t, buf);
}

/*
 * A row that would move an open deal back to an earlier open stage, or
 * change its amount: an older export imported again after a newer one
 * says as much as a newer one, as for reopen_time.  It is taken only
 * when it is newer than the deal's last change: by its own last change,
 * later than the one an import kept with the deal, else than the deal's
 * last move or change here (a move back then made at that time, *at);
 * without one, by the newest time the file holds (file_as_of).  Else
 * nothing of the row is written, not its stage either, standard error
 * says so with the commands that take the file's, and the summary counts
 * it.  A move forward needs no proof: an older row never makes one.
 * 0 to go on, 1 kept, 2 refused with *why (its time is no date), -1
 * failed.
 */
static int
older_open(struct ctx *x, const struct crm_rec *rec, long long id,
    const struct crm_deal *d, char buf[CRM_TIME_LEN], const char **at,
    char **why)
{
	int role = own_time_role(x), back, r = 0;
	char *stage, *last, as_of[CRM_TIME_LEN], kbuf[CRM_TIME_LEN];
	char m[2][32];
	const char *own, *kept, *ref;
	long long amount;
	struct crm_buf says = { 0 }, cmds = { 0 };

	if (d->stage && crm_stage_closed(d->stage))
		return 0;
	stage = crm_query_text(x->db, "SELECT stage FROM deals WHERE id = ? "
	    "AND closed IS NULL", "i", id);
	if (stage == NULL)
		return crm_db_failed(x->db) ? -1 : 0;
	amount = crm_query_int(x->db, 0, "SELECT amount FROM deals WHERE id "
	    "= ?", "i", id);
	back = stage_back(x, stage, d);
	if (!back && amount == d->amount) {
		free(stage);
		return crm_db_failed(x->db) ? -1 : 0;
	}
	own = NULL;
	if (role >= 0 && row_time(x, rec, role, buf, &own, why) < 0) {
		free(stage);
		return 2;
	}
	last = crm_query_text(x->db, "SELECT max(at) FROM (SELECT at FROM "
	    "deal_history WHERE deal_id = ? UNION ALL SELECT updated FROM "
	    "deals WHERE id = ?) t", "ii", id, id);
	kept = own ? kept_time(x, id, role, kbuf) : NULL;
	ref = kept ? kept : last;
	if (own && ref && strcmp(own, ref) > 0)
		*at = back && last && strcmp(own, last) > 0 ? (strcmp(own,
		    crm_now_str()) > 0 ? crm_now_str() : own) : NULL;
	else if (own == NULL && last && strcmp(crm_fmt_time(file_as_of(x),
	    as_of), last) > 0)
		*at = NULL;	/* when, the file says not: now, as told */
	else {
		if (back) {
			crm_buf_addf(&says, "%s", d->stage);
			crm_buf_addf(&cmds, "crm-deal move %lld '%s'%s", id,
			    d->stage, stage_first(x, d->stage));
		}
		if (amount != d->amount) {
			crm_buf_addf(&says, "%san amount of %s", back ? ", " :
			    "", crm_fmt_money(d->amount, m[0]));
			crm_buf_addf(&cmds, "%scrm-deal update %lld --amount %s",
			    back ? "; " : "", id, m[0]);
		}
		if (own)
			fprintf(stderr, "%s: %s:%ld: deal %lld was changed at %s; "
			    "the file says %s as of its %s %s, before: the deal "
			    "stays %s, %s (to take the file's: %s)\n",
			    crm_prog, crm_rd_name(x->rd), x->line, id, ref ?
			    ref : "?", says.s, x->names[x->col[role]], own,
			    stage, crm_fmt_money(amount, m[1]), cmds.s);
		else
			fprintf(stderr, "%s: %s:%ld: deal %lld was changed here "
			    "at %s; the file says %s, and %s: the deal stays "
			    "%s, %s (to take the file's: %s)\n", crm_prog,
			    crm_rd_name(x->rd), x->line, id, last ? last : "?",
			    says.s, no_later_time(x), stage, crm_fmt_money(
			    amount, m[1]), cmds.s);
		x->opts->older++;
		r = 1;
	}
	crm_buf_free(&says);
	crm_buf_free(&cmds);
	free(stage);
	free(last);
	return crm_db_failed(x->db) ? -1 : r;
}

/*
 * An existing deal brought to what the row says: 1 if anything changed,
 * 2 if not while its outcome is not the deal's (older_move).  What the
 * row leaves empty (owner, product, stage) stays as stored and
 * is compared as stored: a deal given the customer's owner when it was
 * added is not changed again by each import of the same file.  A deal
 * reopened moves at the row's last change (reopen_time), else now.
 */
static int
update_deal(struct ctx *x, long long id, const struct crm_deal *d, int past,
    const char *reopen)
{
	long long changed = crm_query_int(x->db, 0, "SELECT count(*) FROM "
	    "deals WHERE id = ? AND (title IS NOT ? OR amount IS NOT ? OR "
	    "close IS NOT ? OR owner IS NOT coalesce(?, owner) OR product IS "
	    "NOT coalesce(?, product) OR stage IS NOT coalesce(?, stage))",
	    "isisssss", id, d->title, d->amount, d->close, d->owner,
	    d->product, past ? NULL : d->stage);
	int moved = past ? older_move(x, id, d) : 0;

	if (changed == 0 || moved < 0)
		return moved;
	crm_exec(x->db, "UPDATE deals SET title = ?, amount = ?, close = ?, "
	    "owner = coalesce(?, owner), product = coalesce(?, product), "
	    "updated = ? WHERE id = ?", "sissssi", d->title, d->amount,
	    d->close, d->owner, d->product, crm_now_str(), id);
	crm_audit_item(x->db, "deal update", crm_deal_customer(x->db, id),
	    "deal", id, NULL, NULL);
	if (!past && d->stage && crm_query_int(x->db, 0, "SELECT stage IS "
	    "NOT ? FROM deals WHERE id = ?", "si", d->stage, id))
		crm_deal_move(x->db, id, d->stage, crm_stage_closed(d->stage) ?
		    d->closed_at : reopen, "import", d->reason);
	return 1;
}

/* Does role's cell hold something, other than the footer's word? */
static int
other_cell(const struct ctx *x, const struct crm_rec *rec, int role,
    const char *word)
{
	int c = x->col[role];

	return c >= 0 && (size_t)c < rec->n && rec->f[c] != word &&
	    val(x, rec, role) != NULL;
}

/*
 * The words of a pipeline sheet's lines of figures under its Total (as
 * crm_org_key makes them): the weighted pipeline ("Weighted", German
 * "Gewichtet", French "Pondéré", Spanish and Portuguese "Ponderado",
 * Italian "Ponderato", Dutch "Gewogen", alone or with the word for a
 * total or a value), and the deals' average or count.  No deal is
 * called so and named by no customer.
 */
static const char *const sums_words[] = { "weighted", "weighted total",
	"total weighted", "weighted pipeline", "weighted value",
	"weighted amount", "weighted sum", "weighted forecast", "gewichtet",
	"gewichtete summe", "summe gewichtet", "gesamt gewichtet",
	"gewichteter wert", "gewichteter betrag", "gewichtetes volumen",
	"pondéré", "pondérée", "pondere", "ponderee", "total pondéré",
	"montant pondéré", "valeur pondérée", "ponderado", "total ponderado",
	"importe ponderado", "valor ponderado", "ponderato",
	"totale ponderato", "valore ponderato", "gewogen", "gewogen totaal",
	"gewogen waarde", "average", "avg", "count", "durchschnitt",
	"mittelwert", "anzahl", "moyenne", "nombre de deals" };

/* Is the cell a percentage ("43 %", "12.5%"), a sheet's average one? */
static int
percent_cell(const char *c)
{
	size_t n = strlen(c);

	while (n > 0 && (c[n - 1] == ' ' || c[n - 1] == '\t'))
		n--;
	if (n < 2 || c[n - 1] != '%')
		return 0;
	n--;
	while (n > 0 && c[n - 1] == ' ')
		n--;
	return n > 0 && strspn(c, " 0123456789.,") >= n;
}

/*
 * A line of a pipeline sheet's figures under its rows, as crm_totals_line
 * is of its Total: one of sums_words in the first cell that has
 * something, every other cell empty, an amount or a percentage
 * ("Weighted,,,€11,925.00").  *word is that cell.
 */
static int
pipeline_sums(const struct crm_rec *rec, const char **word)
{
	size_t i, first = 0;
	const char *c;
	char *k;
	int yes;

	while (first < rec->n && *crm_key_trim(rec->f[first]) == '\0')
		first++;
	if (first == rec->n)
		return 0;
	k = crm_org_key(rec->f[first]);
	yes = crm_in_list(k, sums_words, CRM_NELEM(sums_words));
	free(k);
	for (i = first + 1; yes && i < rec->n; i++) {
		c = crm_key_trim(rec->f[i]);
		yes = *c == '\0' || crm_is_amount(c) || percent_cell(c);
	}
	if (yes)
		*word = rec->f[first];
	return yes;
}

/*
 * A group's sum under its rows with no word at all in monday.com's export
 * (each group's Deal Value summed on a row of its own, its Name empty):
 * no deal's name, an amount, and nothing but amounts.  A deal without a
 * name is refused; this one refused the whole file (qa43 6).  Only in
 * monday's file: elsewhere sums with no word over them may be a deal
 * whose name is missing, refused as such.
 */
static int
sum_row(const struct ctx *x, const struct crm_rec *rec)
{
	const char *c;
	size_t i;

	if (!x->monday || val(x, rec, D_TITLE) != NULL || val(x, rec,
	    D_AMOUNT) == NULL)
		return 0;
	for (i = 0; i < rec->n; i++)
		if (*(c = crm_key_trim(rec->f[i])) != '\0' && !crm_is_amount(c))
			return 0;
	return 1;
}

/*
 * A report's footer or totals line under its rows, as crm-add skips it
 * (crm_footer_line: Salesforce's "Grand Totals (5 records)",
 * "Confidential Information - Do Not Distribute", a spreadsheet's
 * "Total" with its sum; Salesforce's lines always, whatever the column
 * they fill, even the amount's): it names no company or contact but by
 * its word (Excel's "Acme Total" under the Account column is the label of the
 * group), no e-mail address, and no deal's id, and has no amount unless
 * it is a totals line.  A row with any of them is a deal's, as crm-log
 * keeps a subtotal-looking row with a customer's key (keyed_total): read,
 * and refused if it is bad.
 */
static int
footer_row(struct ctx *x, const struct crm_rec *rec)
{
	const char *word;
	int f = crm_footer_line(rec, &word, &x->im->footer_seen);
	int sums = f == 0 && pipeline_sums(rec, &word);

	if (f == 0 && !sums && sum_row(x, rec))
		return 1;
	if (f == 2)
		return 1;	/* eBay's trailer: nothing else */
	if ((f == 0 && !sums) || other_cell(x, rec, D_COMPANY, word) ||
	    other_cell(x, rec, D_CONTACT, word) ||
	    other_cell(x, rec, D_REF, word) || (other_cell(x, rec, D_EMAIL,
	    word) && strchr(val(x, rec, D_EMAIL), '@')))
		return 0;
	return sums || crm_totals_line(rec, &word) || val(x, rec, D_AMOUNT) ==
	    NULL;
}

/*
 * The system a file's deals are from, for a reason that names it: the
 * --source given, else as its columns tell (Pipedrive's "Deal - ..."
 * names, HubSpot's Record ID), else the words that say so.
 */
static const char *
system_name(const struct ctx *x)
{
	int status = x->col[D_STATUS], ref = x->col[D_REF];

	if (x->im->source)
		return x->im->source;
	if (status >= 0 && strncmp(x->names[status], "Deal - ", 7) == 0)
		return "pipedrive";
	if (ref >= 0 && strcmp(x->names[ref], "Record ID") == 0)
		return "hubspot";
	return "the CRM it came from";
}

/*
 * A deal deleted in the system it came from: one imported before while
 * open is closed here, lost "deleted in pipedrive" (else it would stay
 * in the pipeline's figures for ever), at the later of now and its last
 * move, and counted; one never imported, or closed already, is skipped
 * and counted.  0, or -1 when the database failed.
 */
static int
deleted_row(struct ctx *x, const struct crm_rec *rec)
{
	const char *ref = val(x, rec, D_REF), *at = crm_now_str();
	long long id = ref ? crm_query_int(x->db, 0, "SELECT id FROM deals "
	    "WHERE source = coalesce(?, '') AND ref = ? AND closed IS NULL",
	    "ss", x->im->source, ref) : 0;
	char *last, *reason;
	int r;

	if (id <= 0) {
		x->opts->deleted++;	/* said by the program */
		crm_import_skip(x->im);
		return crm_db_failed(x->db) ? -1 : 0;
	}
	last = crm_query_text(x->db, "SELECT max(at) FROM deal_history WHERE "
	    "deal_id = ?", "i", id);
	if (last && strcmp(last, at) > 0)
		at = last;
	reason = crm_msgf("deleted in %s", system_name(x));
	r = crm_deal_move(x->db, id, "lost", at, NULL, reason);
	if (r == 0 && x->opts->closed++ == 0)
		x->opts->closed_why = crm_xstrdup(reason);
	free(last);
	free(reason);
	return r;
}

/*
 * When a new deal was made: the file's created date, else now; but one
 * the file says was won or lost before now, with no created date, was
 * made at its close at the latest: made now, it would be closed before it
 * was made, and its sales cycle negative.  Counted, and said by the
 * program: its cycle is 0 days.
 */
static const char *
made_at(struct ctx *x, const struct crm_deal *d, const char *created)
{
	if (created || d->stage == NULL || !crm_stage_closed(d->stage) ||
	    d->closed_at == NULL || strcmp(d->closed_at, crm_now_str()) >= 0)
		return created;
	x->opts->made_at_close++;
	return d->closed_at;
}

/*
 * The open stage a won or lost row's deal was closed from: Pipedrive
 * gives a won deal's status as Won beside the stage it was in then
 * (Negotiations Started), which was dropped, so that the history and the
 * funnel had the deal never pass it (qa35 F8).  Its stage cell when the
 * row's outcome is its status's (or a Won or Closed column's, or Odoo's
 * Active), not the cell's own.  *last gets the pipeline's spelling
 * (ensure_stage: added as a stage of no probability when new), to free;
 * NULL for none.  0, or -1 when the database failed.
 */
static int
last_stage(struct ctx *x, const struct crm_rec *rec, const struct crm_deal *d,
    char **last)
{
	const char *v = val(x, rec, D_STAGE);

	*last = NULL;
	/* Copper's Closed beside its Won or Lost status is no open stage */
	if (d->stage == NULL || !crm_stage_closed(d->stage) || v == NULL ||
	    stage_outcome(v) != NULL || crm_stage_same(v, "closed"))
		return 0;
	if (ensure_stage(x, &v, -1) < 0)
		return -1;
	*last = crm_xstrdup(v);
	return 0;
}

/*
 * An open deal the row closes from a later stage than its own (last,
 * Pipedrive's Negotiations Started beside Won for a deal imported in
 * Proposal Made) is moved there first, when it closed (the file says not
 * when it got there, only that it was there by then), so that its
 * history says it passed that stage and its outcome is from it, as
 * crm-deal won says, and the funnel counts it there.  A row's stage
 * before the deal's own here is no move back: the deal closes from where
 * it is.  0, or -1 when the database failed.
 */
static int
close_from(struct ctx *x, long long id, const struct crm_deal *d,
    const char *last)
{
	if (last == NULL || crm_query_int(x->db, 0, "SELECT count(*) FROM "
	    "deals d WHERE d.id = ?1 AND d.closed IS NULL AND d.stage <> ?2 "
	    "AND coalesce((SELECT position FROM stages WHERE name = d.stage), "
	    "0) < (SELECT position FROM stages WHERE name = ?2)", "is", id,
	    last) == 0)
		return crm_db_failed(x->db) ? -1 : 0;
	return crm_deal_move(x->db, id, last, d->closed_at, "import", NULL);
}

/*
 * A new deal: made in the stage it was closed from (last), then moved to
 * its outcome at its close, both in its history; else made as the row
 * says.  Its id, or -1 with the error kept.
 */
static long long
add_deal(struct ctx *x, long long customer, const struct crm_deal *d,
    const char *at, const char *last)
{
	struct crm_deal open = *d;
	long long id;

	if (last == NULL)
		return crm_deal_add(x->db, customer, d, at, 0);
	open.stage = last, open.closed_at = NULL, open.reason = NULL;
	if ((id = crm_deal_add(x->db, customer, &open, at, 0)) < 0 ||
	    crm_deal_move(x->db, id, d->stage, d->closed_at, NULL,
	    d->reason) < 0)
		return -1;
	return id;
}

/*
 * An outcome dated before existing deal id's last move: before it was
 * made is refused (1, *why) before anything is written; after, it is
 * the past of a move made here since (older_move): *past.  0, or -1 when
 * the database failed.
 */
static int
outcome_past(struct ctx *x, long long id, const struct crm_deal *d,
    int *past, char **why)
{
	char *msg;

	if (d->stage && crm_stage_closed(d->stage) && d->closed_at &&
	    crm_query_int(x->db, 0, "SELECT stage IS NOT ? FROM deals WHERE "
	    "id = ?", "si", d->stage, id) && (msg = crm_deal_too_early(x->db,
	    id, d->closed_at)) != NULL) {
		free(msg);
		if ((msg = crm_deal_made_after(x->db, id, d->closed_at)) !=
		    NULL) {
			*why = reason(x, x->closed_col, msg);
			return 1;
		}
		*past = 1;
	}
	return crm_db_failed(x->db) ? -1 : 0;
}

static int
row(const struct crm_rec *rec, void *ctx, char **why)
{
	struct ctx *x = ctx;
	char bufs[4][CRM_TIME_LEN], upd[CRM_TIME_LEN];
	struct crm_deal d;
	const char *created, *reopen = NULL;
	long long customer, id;
	time_t t;
	char *last = NULL;
	int p, past = 0;

	*why = NULL;
	x->line = rec->line;
	if (crm_rec_blank(rec))
		return 0;
	if (footer_row(x, rec)) {
		x->im->skipped++;	/* said by the program */
		crm_import_skip(x->im);
		return 0;
	}
	if ((t = rec_newest(x, rec)) > x->seen)
		x->seen = t;
	if (!x->own && val(x, rec, D_DELETED) &&
	    crm_deleted_cell(val(x, rec, D_DELETED)))
		return deleted_row(x, rec);
	if ((p = row_status(x, rec, why)) != 0)
		return p == 2 ? deleted_row(x, rec) : 1;
	if (row_deal(x, rec, &d, bufs, &created, why) ||
	    unread_outcome(x, rec, d.stage, why))
		return 1;
	if ((customer = row_customer(x, rec, why)) <= 0)
		return customer < 0 ? -1 : *why != NULL;	/* or erased */
	/* A row older than its deal here adds not even its stage. */
	if ((id = x->own_deal > 0 ? x->own_deal : existing(x, &d,
	    customer)) > 0 && ((p = reopen_time(x, rec,
	    id, &d, upd, &reopen, why)) != 0 || (p = older_open(x, rec, id,
	    &d, upd, &reopen, why)) != 0))
		return p == 1 ? 0 : p == 2 ? 1 : -1;
	if (id > 0 && (p = outcome_past(x, id, &d, &past, why)) != 0)
		return p;
	if (!past && !x->label_stage && (p = last_stage(x, rec, &d,
	    &last)) < 0)
		return -1;
	if (d.stage && (p = ensure_stage(x, &d.stage, d.probability)) < 0) {
		free(last);
		return -1;
	}
	/*
	 * The stage's own probability is the stage's, not the deal's; a won
	 * or lost row's is the outcome's (Copper's 100 and 0), or the stage
	 * it was closed from had (its Abandoned keeps its stage's 10): none
	 * of the deal's own, which a deal lost by hand keeps from when it
	 * was open.  Stored, it would be shown nowhere (a lost deal counts
	 * 0) and come back if the deal is reopened.
	 */
	if (d.stage && (d.probability == p || crm_stage_closed(d.stage)))
		d.probability = -1;
	if (id > 0) {
		if ((!past && close_from(x, id, &d, last) < 0) ||
		    (p = update_deal(x, id, &d, past, reopen)) < 0) {
			free(last);
			return -1;
		}
		if (p == 2)
			x->opts->older++;
		else if (p)
			x->im->updated++;
		else
			x->im->unchanged++;
	} else if (!crm_db_failed(x->db)) {
		if ((id = add_deal(x, customer, &d, made_at(x, &d, created),
		    last)) < 0) {
			free(last);
			return -1;
		}
		if (x->im->added++ == 0)	/* for the import's audit row */
			x->im->first_id = id;
		x->im->last_id = id;
		x->opts->closed_now += x->closed_now;
	}
	free(last);
	keep_fields(x, rec, id);
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * A column that looks like the deals' value when none is read as it
 * ("Deal Size", "Weighted Revenue"), for the message; NULL for none.
 */
static const char *
amount_guess(const struct ctx *x)
{
	static const char *const money[] = { "revenue", "value", "amount",
	    "size", "price", "total", "worth", "betrag", "wert", "umsatz",
	    "montant", "importe", "valor", "金额", "budget", NULL };
	/* SaaS's yearly and monthly values: whole headers only ("arr" is
	 * in "carrier") */
	static const char *const whole[] = { "arr", "mrr", "acv", "tcv",
	    NULL };
	const char *const *w;
	char *h;
	size_t i;
	int hit = 0;

	for (i = 0; i < x->n && !hit; i++) {
		if (!x->kept[i])	/* read, ignored, or --map'd to - */
			continue;
		h = crm_norm_header(x->names[i]);
		for (w = money; *w && !hit && !crm_header_not_amount(h); w++)
			hit = strstr(h, *w) != NULL;
		for (w = whole; *w && !hit; w++)
			hit = strcmp(h, *w) == 0;
		free(h);
	}
	return hit ? x->names[i - 1] : NULL;
}

/*
 * A deals file with no column crm reads as the amount, but one that
 * looks like it, is refused as crm-log --import refuses an order file:
 * its deals would all be worth nothing.  A file with no such column at
 * all (a list of leads) is imported without amounts.
 */
static int
no_amount_column(const struct ctx *x)
{
	const char *guess;

	if (x->col[D_AMOUNT] >= 0 || (guess = amount_guess(x)) == NULL)
		return 0;
	return crm_fail(CRM_EX_DATAERR, "%s:%ld: no amount column: say which "
	    "with {map} %s (or %s to take the deals without an amount)",
	    crm_rd_name(x->rd), crm_rd_header_line(x->rd),
	    crm_map_word(guess, "amount"), crm_map_word(guess, "-"));
}

/*
 * The column to name in the hint of a file with no deal name: one that
 * describes the deal (Close's opportunities have no name, only a note),
 * else COLUMN.  Only in a file of deals, with an amount and a stage, a
 * probability or a close date: a tasks or invoices file given by
 * mistake has its notes too, which would name no deal.
 */
static const char *
title_guess(const struct ctx *x)
{
	static const char *const words[] = { "note", "notes", "description",
	    "details", "opportunitydetails", "summary" };
	const char *g = NULL;
	char *h;
	size_t i;

	if (x->col[D_AMOUNT] < 0 || (x->col[D_STAGE] < 0 &&
	    x->col[D_PROB] < 0 && x->col[D_CLOSE] < 0 &&
	    x->col[D_WON_AT] < 0 && x->col[D_LOST_AT] < 0))
		return "COLUMN";
	for (i = 0; i < x->n && g == NULL; i++) {
		h = crm_norm_header(x->names[i]);
		if (x->kept[i] && crm_in_list(h, words, CRM_NELEM(words)))
			g = x->names[i];
		free(h);
	}
	return g ? g : "COLUMN";
}

/* The open stages crm's pipeline starts with (migrate-4.sql). */
#define DEFAULT_STAGES "lead:10,qualified:25,proposal:50,negotiation:75"

/* Are the pipeline's open stages still crm's own, as it made them? */
static int
default_stages(struct crm_db *db)
{
	struct crm_stmt *st = crm_prepare(db, "SELECT name, probability FROM "
	    "stages WHERE name NOT IN ('won', 'lost') ORDER BY position");
	struct crm_buf b = { 0 };
	int r;

	while (crm_step(st) == CRM_ROW)
		crm_buf_addf(&b, "%s%s:%lld", b.len ? "," : "", crm_col_text(st,
		    0), crm_col_int(st, 1));
	crm_finalize(st);
	r = b.s && strcmp(b.s, DEFAULT_STAGES) == 0;
	crm_buf_free(&b);
	return r;
}

/*
 * After a file that brought its own stages to crm's pipeline as it was
 * made, and unused (no deal before the import: a pipeline deals are in
 * is the user's, whose next move may be to one of its stages): those of
 * crm's no deal has ever been in are left out, and said.
 * The funnel counts a deal as having passed every stage before its own,
 * so lead, qualified ... would each count every deal of the file, which
 * never was in them.  A stage a deal was in stays.
 */
static void
drop_default_stages(struct ctx *x)
{
	static const char *const names[] = { "lead", "qualified", "proposal",
	    "negotiation" };
	size_t i;

	for (i = 0; i < CRM_NELEM(names); i++)
		if (crm_query_int(x->db, 0, "SELECT count(*) FROM deals WHERE "
		    "stage = ?1", "s", names[i]) + crm_query_int(x->db, 0,
		    "SELECT count(*) FROM deal_history WHERE stage = ?1 OR "
		    "from_stage = ?1", "s", names[i]) == 0) {
			crm_exec(x->db, "DELETE FROM stages WHERE name = ?", "s",
			    names[i]);
			crm_buf_addf(&x->opts->dropped_stages, "%s%s",
			    x->opts->dropped_stages.len ? ", " : "", names[i]);
		}
}

/*
 * The import's one audit row (deal-import, as crm-add's is import and
 * crm-log's log-import): the file, the counts, and the first and last id
 * of the deals it added, which are consecutive (one writer at a time).
 * The deals it adds have no row of their own, nor the people it makes
 * (as crm-add --import's); the deals it changes or closes have theirs
 * (deal update, deal move), as do the organisations it makes (add), and
 * each deal's history its moves.  Written last, so that crm undo --list
 * names the change by it.  A run that changed nothing writes it too: the
 * trail says who ran what; crm undo passes over such a run (undo.c).
 */
static void
audit_deals(struct ctx *x)
{
	const struct crm_import *im = x->im;
	const struct crm_deal_import *o = x->opts;
	struct crm_buf d = { 0 };

	crm_buf_adds(&d, "{\"file\":");
	crm_json_str(&d, crm_rd_name(x->rd));
	crm_buf_addf(&d, ",\"added\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
	    "\"rejected\":%ld", im->added, im->updated, im->unchanged,
	    im->rejected);
	if (o->older)
		crm_buf_addf(&d, ",\"older\":%ld", o->older);
	if (o->closed)
		crm_buf_addf(&d, ",\"closed\":%ld", o->closed);
	if (o->orgs)
		crm_buf_addf(&d, ",\"organisations\":%ld", o->orgs);
	if (o->customers)
		crm_buf_addf(&d, ",\"customers\":%ld", o->customers);
	if (im->added)
		crm_buf_addf(&d, ",\"deal_ids\":[%lld,%lld]", im->first_id,
		    im->last_id);
	crm_buf_addc(&d, '}');
	crm_audit(x->db, "deal-import", 0, d.s);
	crm_buf_free(&d);
}

/*
 * Import rd's deals in the caller's transaction: counts in im (added,
 * updated, unchanged, rejected) and opts (organisations and people made,
 * stages added).  0, or -1 with the error recorded.
 */
int
crm_import_deals(struct crm_db *db, struct crm_rd *rd, struct crm_import *im,
    struct crm_deal_import *opts)
{
	struct ctx x = { 0 };
	int r, defaults;

	x.db = db, x.rd = rd, x.im = im, x.opts = opts;
	x.n = crm_rd_header(rd, &x.names);
	if (crm_import_check_maps(im->maps, im->nmaps, x.names, x.n,
	    crm_rd_name(rd)) < 0)
		return -1;
	find_columns(&x);
	own_listing(&x);
	if (x.col[D_TITLE] < 0) {
		r = crm_fail(CRM_EX_DATAERR, "%s:%ld: no deal name column "
		    "(Deal Name, Opportunity Name, Deal - Title ...): say which "
		    "with {map} %s", crm_rd_name(rd), crm_rd_header_line(rd),
		    crm_map_word(title_guess(&x), "title"));
		free(x.kept);
		return r;
	}
	if (no_amount_column(&x) < 0) {
		free(x.kept);
		return -1;
	}
	if (x.close_cents) {
		free(x.kept);
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s: Close writes an "
		    "opportunity's value in cents, and the file has no "
		    "value_formatted to tell: export that column too (or say "
		    "another column with {map} 'COLUMN=amount')",
		    crm_rd_name(rd), crm_rd_header_line(rd),
		    x.names[x.col[D_AMOUNT]]);
	}
	outcome_column(&x);
	file_probs(&x);
	defaults = default_stages(db) && crm_query_int(db, 0, "SELECT "
	    "count(*) FROM (SELECT 1 FROM deals LIMIT 1) AS d", NULL) == 0;
	r = crm_import_rows(rd, im, row, &x);
	if (r == 0 && defaults && opts->new_stages.len)
		drop_default_stages(&x);
	if (r == 0)
		audit_deals(&x);
	free(x.kept);
	free(x.stage);
	free(x.owner);
	free(x.title);
	free(x.prob_cell);
	crm_buf_free(&x.said);
	file_probs_free(&x);
	crm_currency_free(&x.currency);
	return r;
}
