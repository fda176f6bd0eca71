/*
 * iaimport.c - interactions from a file or a stream, and the key column
 * that names each record's customer in every stream a program reads.
 *
 * One interaction per row, for the customer its key column names; a row
 * already logged (same customer, time, kind, ref and line, and without a
 * line number the same product, quantity, amount and summary: see
 * crm_ia_find()) is not logged again, so an order export can be imported
 * every night.  One that changed since is said, not applied.
 *
 * The exports of the shops and payment services a company already has
 * (Shopify, Squarespace, WooCommerce, Magento, Odoo, Stripe, PayPal,
 * Square, Etsy, eBay, Amazon's orders and FBA shipments, Taobao, JD,
 * Youzan) are known by their headers and read as they are: each
 * system's table below says what its columns are.  A column crm has no
 * place for is kept beside the interaction (interaction_fields); only
 * secrets are not stored.  The figures these rules give are described
 * in crm-log(1), which must stay true to this file.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/*
 * Streams of customers: the output of crm-segment or crm-remind, or any
 * CSV/TSV naming customers.  Columns that can only name a customer come
 * first; a bare id last, since in another program's output (crm-log
 * --show, crm-remind's list) id is an interaction's or a reminder's.
 */
/*
 * The prefix of a Salesforce account's id (AccountId, WhatId): an
 * external id as "ext:" is, but only a value of an account's key prefix
 * 001 names one (key_empty()): a WhatId is as often an opportunity's.
 * Its own array, so that its address tells it from "ext:".
 */
static const char acct_prefix[] = "ext:";

static const struct {
	const char *header;	/* normalised */
	const char *prefix;	/* for crm_cust_find() */
} keycols[] = {
	{ "customer", "" }, { "客户", "" },
	{ "kunde", "" }, { "client", "" }, { "cliente", "" },
	{ "取引先", "" },	/* Japanese: the customer (trading partner) */
	{ "customerid", "ext:" },	/* as crm-add reads it */
	{ "externalid", "ext:" }, { "customerno", "ext:" },
	{ "customernumber", "ext:" }, { "客户编号", "ext:" },
	{ "customercode", "ext:" },	/* Vend, Lightspeed */
	{ "取引先コード", "ext:" },	/* freee's and Japanese lists' */
	{ "customerreferenceid", "ext:" },
	{ "email", "email:" }, { "emailaddress", "email:" },
	{ "email1value", "email:" }, { "邮箱", "email:" },
	{ "电子邮件", "email:" }, { "customeremail", "email:" },
	{ "billingemail", "email:" }, { "billingemailaddress", "email:" },
	{ "email(billing)", "email:" }, { "fromemailaddress", "email:" },
	{ "email(rechnung)", "email:" },	/* WooCommerce in German */
	{ "买家邮箱", "email:" },
	{ "requesteremail", "email:" },	/* Zendesk's tickets */
	{ "inviteeemail", "email:" },	/* Calendly's bookings */
	{ "contactemail", "email:" },	/* Aircall's calls */
	{ "reviewuseremail", "email:" },	/* Trustpilot's reviews */
	{ "revieweremail", "email:" },	/* Judge.me's reviewer_email */
	{ "买家会员名", "ext:" }, { "buyeruserid", "ext:" }, { "buyer", "ext:" },
	{ "下单帐号", "ext:" }, { "下单账号", "ext:" },
	/*
	 * The person another CRM's activity, note or task is with (qa30
	 * F2): Salesforce's WhoId (Data Loader's WHOID, a report's Who Id),
	 * Zoho's Who Id, HubSpot's Associated Contact IDs (several split by
	 * `;': the first), Pipedrive's Person - ID: the ids of their
	 * contacts exports, which crm-add keeps (external_id).  HubSpot's
	 * Associated Contact ("Ann Lee (ann@example.com)": the e-mail in
	 * it) and the person's name (Salesforce's Name (contact), Zoho's
	 * Contact Name, Pipedrive's Person, Contact person) after them.
	 * Beside them the export's own id (ID, Record ID) is the record's:
	 * record_id().
	 */
	{ "whoid", "ext:" }, { "associatedcontactids", "ext:" },
	{ "associatedcontactid", "ext:" }, { "personid", "ext:" },
	{ "personemail", "email:" },
	{ "associatedcontact", "" }, { "name(contact)", "" },
	{ "contactname", "" }, { "person", "" }, { "contactperson", "" },
	{ "id", "id:" },
	/*
	 * A note on an organisation with no person (Pipedrive's Organization
	 * - Name; an Account Name): the organisation's, as crm-add made it
	 * from the people's export (qa30 F5), when no person is named.
	 */
	{ "organizationname", "org:" }, { "organisationname", "org:" },
	{ "organization", "org:" }, { "organisation", "org:" },
	{ "accountname", "org:" },
	/*
	 * A Salesforce task or event on an account alone (an empty WhoId,
	 * qa35 F6): the account's, as crm-add kept its Id (external_id).
	 * AccountId first, then a WhatId of an account: a Data Loader
	 * export has no AccountId.
	 */
	{ "accountid", acct_prefix }, { "whatid", acct_prefix },
};

/* Is keycols' entry k one of an activity's person (above)? */
static int
keycol_who(int k)
{
	static const char *const who[] = { "whoid", "associatedcontactids",
	    "associatedcontactid", "personid", "personemail",
	    "associatedcontact", "name(contact)", "contactname", "person",
	    "contactperson", NULL };
	size_t i;

	for (i = 0; k >= 0 && who[i]; i++)
		if (strcmp(keycols[k].header, who[i]) == 0)
			return 1;
	return 0;
}

static int
keycol_rank(const char *norm)
{
	size_t k;

	for (k = 0; k < NELEM(keycols); k++)
		if (strcmp(norm, keycols[k].header) == 0)
			return (int)k;
	return -1;
}

/*
 * A header of none of the names above that crm-add reads as a customer's
 * e-mail or number (E-Mail-Adresse, Courriel, Correo, Kundennummer,
 * Numéro client): the customer's key, the e-mail first.  Only when no
 * other column is, so that a file read before is read as it was.  0, or
 * -1 for none.
 */
static int
keycol_local(char *const *names, size_t n, struct crm_keycol *kc)
{
	size_t i, col[2] = { n, n };
	char *h;
	int c;

	for (i = 0; i < n; i++) {
		h = crm_norm_header(names[i]);
		c = crm_header_column(h);
		if (c != CRM_C_EMAIL && c != CRM_C_EXTERNAL_ID)
			c = crm_header_buyer(h);	/* an order's buyer */
		free(h);
		if (c == CRM_C_EMAIL && col[0] == n)
			col[0] = i;
		else if (c == CRM_C_EXTERNAL_ID && col[1] == n)
			col[1] = i;
	}
	if (col[0] == n && col[1] == n)
		return -1;
	memset(kc, 0, sizeof *kc);
	kc->names = names;
	kc->col = col[0] < n ? col[0] : col[1];
	kc->prefix = col[0] < n ? "email:" : "ext:";
	if (col[0] < n && col[1] < n) {
		kc->alt[0] = col[1], kc->altprefix[0] = "ext:";
		kc->nalt = 1;
	}
	kc->name = names[kc->col];
	return 0;
}

/*
 * Every key column, best first: the first that is not empty in a record
 * names its customer (crm-segment writes an empty external_id for a
 * customer without one, and its id then).
 */
int
crm_keycol_find(char *const *names, size_t n, struct crm_keycol *kc)
{
	int rank[CRM_KEYS_MAX + 1], r, who = 0;
	size_t cols[CRM_KEYS_MAX + 1], i, j, k = 0;
	char *h;

	for (i = 0; i < n; i++) {
		h = crm_norm_header(names[i]);
		who |= keycol_who(keycol_rank(h));
		free(h);
	}
	for (i = 0; i < n; i++) {
		h = crm_norm_header(names[i]);
		r = keycol_rank(h);
		free(h);
		/* beside the person's columns, an id is the record's own */
		if (r < 0 || (who && strcmp(keycols[r].prefix, "id:") == 0))
			continue;
		for (j = k; j > 0 && rank[j - 1] > r; j--)
			rank[j] = rank[j - 1], cols[j] = cols[j - 1];
		if (j <= CRM_KEYS_MAX) {
			rank[j] = r, cols[j] = i;
			if (k <= CRM_KEYS_MAX)
				k += k < CRM_KEYS_MAX + 1;
		}
	}
	if (k == 0)
		return keycol_local(names, n, kc);
	memset(kc, 0, sizeof *kc);
	kc->col = cols[0], kc->prefix = keycols[rank[0]].prefix;
	kc->name = names[cols[0]], kc->names = names;
	for (j = 1; j < k && kc->nalt < CRM_KEYS_MAX; j++) {
		kc->alt[kc->nalt] = cols[j];
		kc->altprefix[kc->nalt++] = keycols[rank[j]].prefix;
	}
	return 0;
}

/*
 * Another program's output whose only key is an id that is not a
 * customer's: which program's, or 0.  Known by the columns it always has.
 */
enum { FOREIGN_NONE, FOREIGN_SHOW, FOREIGN_REMIND, FOREIGN_REPORT };

static int
foreign_ids(char *const *names, size_t n, const struct crm_keycol *kc)
{
	if (strcmp(kc->prefix, "id:") != 0 || kc->nalt)
		return FOREIGN_NONE;
	if (crm_header_has(names, n, "state") ||
	    crm_header_has(names, n, "resolved") ||
	    crm_header_has(names, n, "scores"))
		return FOREIGN_SHOW;
	if (crm_header_has(names, n, "due") ||
	    crm_header_has(names, n, "every"))
		return FOREIGN_REMIND;
	if (crm_header_has(names, n, "kind") &&
	    crm_header_has(names, n, "at"))
		return FOREIGN_SHOW;
	if (crm_header_has(names, n, "kind") ||
	    crm_header_has(names, n, "period"))
		return FOREIGN_REPORT;
	return FOREIGN_NONE;
}

/*
 * The key column of a stream: 0, or -1 with the error recorded (exit 65)
 * saying why there is none.
 */
int
crm_keycol_must_find(char *const *names, size_t n, struct crm_keycol *kc,
    const char *file)
{
	return crm_keycol_must_find_as(names, names, n, kc, file);
}

/*
 * The same, of a header as --map reads it (eff), whose columns --map
 * did not name are own (the file's names, "" for a column --map named):
 * a column --map named is the user's word, not the mark of another
 * program's output (a sheet's When mapped to due is no crm-remind
 * listing's due; an id --map named is a customer's).
 */
int
crm_keycol_must_find_as(char *const *eff, char *const *own, size_t n,
    struct crm_keycol *kc, const char *file)
{
	int foreign;

	if (crm_keycol_find(eff, n, kc) < 0)
		return crm_fail(CRM_EX_DATAERR, "%s:1: no customer column (id, "
		    "external_id, email or customer)", file);
	foreign = *own[kc->col] ? foreign_ids(own, n, kc) : FOREIGN_NONE;
	switch (foreign) {
	case FOREIGN_SHOW:
		return crm_fail(CRM_EX_DATAERR, "%s:1: this looks like crm-log "
		    "{show}'s output: its id is an interaction's, not a "
		    "customer's", file);
	case FOREIGN_REMIND:
		return crm_fail(CRM_EX_DATAERR, "%s:1: this looks like "
		    "crm-remind's output: its id is a reminder's, not a "
		    "customer's", file);
	case FOREIGN_REPORT:
		return crm_fail(CRM_EX_DATAERR, "%s:1: this looks like "
		    "crm-report's output: its id is not a customer's",
		    file);
	}
	return 0;
}

/*
 * The length of an extension's mark at s, after a number's digits, with
 * the spaces around it: "x", "ext", "ext.", "extension" (any case), "#",
 * a comma (a dialler's pause), RFC 3966's ";ext=", 转 or 分机; 0 when
 * none.  Those key.c reads an extension after (ext_starts), as the
 * person who typed the key may have.
 */
static size_t
ext_mark(const char *s)
{
	static const char *const mark[] = {
		";ext=", "extension", "ext.", "ext", "x", "#", ",",
		"\xe5\x88\x86\xe6\x9c\xba", "\xe8\xbd\xac",	/* 分机 转 */
	};
	const char *p = s + strspn(s, " ");
	size_t i, n;

	for (i = 0; i < sizeof mark / sizeof mark[0]; i++)
		if (strncasecmp(p, mark[i], n = strlen(mark[i])) == 0)
			return (size_t)(p + n - s) + strspn(p + n, " ");
	return 0;
}

/*
 * Is v a phone number and nothing else: digits and the marks numbers are
 * written with ("+1 (415) 555-0132", "07700 900123", Excel's "'+44 ..."),
 * seven digits or more, perhaps an extension after them ("+1 312 555
 * 0100 x101", "(312) 555-0100 #101", "021-87654321转808": ext_mark, one
 * to six digits), no other letter (a call log's From, a caller's
 * number)?  A customer key of that shape is looked up by phone too, on
 * the command line, in a stream and in an import alike, after its id,
 * e-mail and name (an e-mail has its '@', a name its letters).  Bare
 * digits are a phone only after a trunk 0: "10001234" or Shopify's 13
 * digits are a customer's number in some system.
 */
static int
phone_shaped(const char *v)
{
	size_t digits = 0, marks = 0, ext = 0, exit_code = 0;

	if (*v == '\'')
		v++;
	if (*v != '+' && *v != '(' && !(*v >= '0' && *v <= '9'))
		return 0;
	marks = *v == '0';
	/* 00 and North America's 011 dial out: not the number's digits,
	 * of which E.164 has at most 15 */
	if (strncmp(v, "011", 3) == 0 || strncmp(v, "00", 2) == 0)
		exit_code = v[1] == '1' ? 3 : 2;
	for (; *v; v++)
		if (*v >= '0' && *v <= '9')
			digits++;
		else if (strchr(" +-.()/", *v))
			marks++;
		else if (digits >= 7 && (ext = ext_mark(v)) > 0)
			break;
		else
			return 0;
	if (*v) {	/* an extension: its digits alone, to the end */
		v += ext;
		if ((ext = strspn(v, "0123456789")) == 0 || ext > 6 ||
		    v[ext + strspn(v + ext, " ")] != '\0')
			return 0;
	}
	return digits >= 7 && digits <= 15 + exit_code && marks > 0;
}

/*
 * A number as German DIN 5008 writes one with an extension, "030
 * 1234567-102" (the number grouped by spaces, the extension after its
 * one hyphen), written so that key.c reads the extension: "030 1234567
 * x102", allocated; NULL for a number not written so.  Such a key is
 * also a number in other countries' writing ("312 555-0100"): it is
 * read so only when it is no customer's as it stands, and then finds
 * only a customer whose number has that extension (crm_phone_of).
 */
static char *
din_extension(const char *phone)
{
	const char *h = strrchr(phone, '-'), *sp = strpbrk(phone, " /)");
	size_t n;

	if (h == NULL || strchr(phone, '-') != h || sp == NULL || sp > h)
		return NULL;
	n = strspn(h + 1, "0123456789");
	if (n == 0 || n > 5 || h[1 + n] != '\0')
		return NULL;
	return crm_xasprintf("%.*s x%s", (int)(h - phone), phone, h + 1);
}

/*
 * A customer's numbers: her phone and her "other phones", where crm-add
 * keeps the number a new one replaced (crm-add -u ... -p NEW) and those
 * a row gave beside the phone.  She is found by any of them, as crm-add
 * finds her (has_number in import.c).  Followed by WHERE or ORDER BY.
 */
#define PHONES_COLS "id, phone, (SELECT value FROM customer_fields " \
	"WHERE customer_id = customers.id AND key = 'other phones')"
#define PHONES_SQL "SELECT " PHONES_COLS " FROM customers "

/*
 * The customer whose number is phone (crm_phone_of: her phone or one of
 * her other phones), as crm-add compares numbers (crm_phone_same:
 * "+14155550132" is "(415) 555-0132", "+447700900123" is "07700
 * 900123"): the only one who has it written alike (crm_phone_exact),
 * else the only one who has it at all.  Two or more (a line two people
 * share, a number one had and another has now) are no one more than
 * another: 0 and *err says so, naming them.  A customer found by her
 * number written the other way (with its country code and without) is a
 * guess, noted to be said (crm_phone_cross_note).
 * Every customer with a number is read: a stream's or the command line's
 * one key (the import looks up a map first: phone_customer()).  key is
 * phone as given, phone as read (din_extension's, with ext).  With sure,
 * a guess is no one: 0, *sure set and *err saying why.
 */
static long long
by_phone_as(struct crm_db *db, const char *key, const char *phone,
    int ext, const char **err, int *sure)
{
	static char msg[300];
	struct crm_stmt *st;
	struct crm_buf ids = { 0 };
	long long id = 0, exact = 0, n = 0, nexact = 0;
	char *theirs, *cross = NULL;	/* the one found's, written otherwise */
	int is, same = 0, crossed = 0;

	st = crm_prepare(db, PHONES_SQL "ORDER BY id");
	while (crm_step(st) == CRM_ROW) {
		if ((is = crm_phone_of(crm_col_text(st, 1), crm_col_text(st, 2),
		    phone, ext, &theirs, &same)) == 0)
			continue;
		if (n++ == 0)
			id = crm_col_int(st, 0), cross = theirs, theirs = NULL,
			    crossed = same;
		free(theirs);
		if (is == 3 && nexact++ == 0)
			exact = crm_col_int(st, 0);
		if (n <= 5)
			crm_buf_addf(&ids, "%s%lld", n > 1 ? ", " : "",
			    crm_col_int(st, 0));
	}
	crm_finalize(st);
	*err = "no customer";
	if (nexact == 1 && n > 1)	/* hers exactly, not written otherwise */
		n = 1, id = exact, free(cross), cross = NULL;
	if (n == 1 && cross && sure) {
		snprintf(msg, sizeof msg, "%.60s is customer %lld's %.60s only "
		    "if both are in one country, which crm does not know", key,
		    id, cross);
		*err = msg, *sure = 1, n = 0, id = 0;
	} else if (n == 1 && cross) {
		crm_phone_cross_note(db, key, id, cross, crossed);
	}
	free(cross);
	if (n >= 2) {
		snprintf(msg, sizeof msg, "%.60s is the phone of %lld customers "
		    "(%s%s): say which by e-mail or id", key, n, ids.s,
		    n > 5 ? ", ..." : "");
		*err = msg;
	}
	free(ids.s);
	return n < 2 ? id : 0;
}

/*
 * by_phone_as the number phone, and when it is no customer's, as German
 * DIN 5008's number and extension (din_extension: "030 1234567-102").
 */
static long long
by_phone_sure(struct crm_db *db, const char *phone, const char **err,
    int *sure)
{
	long long id;
	char *din;

	if (*phone == '\'')	/* Excel's "keep as text" mark */
		phone++;
	if ((id = by_phone_as(db, phone, phone, 0, err, sure)) != 0 ||
	    strcmp(*err, "no customer") != 0 ||
	    (din = din_extension(phone)) == NULL)
		return id;
	id = by_phone_as(db, phone, din, 1, err, sure);
	free(din);
	return id;
}

static long long
by_phone(struct crm_db *db, const char *phone, const char **err)
{
	return by_phone_sure(db, phone, err, NULL);
}

/*
 * The customer whose number phone is, as crm-log finds her by it
 * (by_phone), when that is sure: a number written with its country code
 * on one side only is a guess, and no one (*err says so, and *guess is
 * set).  crm-add's row with a phone and neither name nor e-mail.
 */
long long
crm_cust_by_phone(struct crm_db *db, const char *phone, const char **err,
    int *guess)
{
	*guess = 0;
	return by_phone_sure(db, phone, err, guess);
}

/*
 * Does a key column leave the customer unnamed?  Empty, or an id of 0:
 * BigCommerce gives every guest the Customer ID 0.
 */
static int
key_empty(const struct crm_rec *rec, size_t col, const char *prefix)
{
	const char *v;

	if (col >= rec->n || *(v = crm_trim(rec->f[col])) == '\0')
		return 1;
	if (prefix == acct_prefix)	/* an opportunity's, not an account */
		return strncmp(v, "001", 3) != 0;
	return strcmp(v, "0") == 0 && (strcmp(prefix, "ext:") == 0 ||
	    strcmp(prefix, "id:") == 0);
}

/* The first key column a record fills, and its prefix; NULL if none. */
static const char *
key_used(const struct crm_keycol *kc, const struct crm_rec *rec,
    const char **prefix)
{
	size_t col = kc->col, j;

	*prefix = kc->prefix;
	for (j = 0; key_empty(rec, col, *prefix) && j < kc->nalt; j++)
		col = kc->alt[j], *prefix = kc->altprefix[j];
	return key_empty(rec, col, *prefix) ? NULL : rec->f[col];
}

/*
 * The one person named name written the other way round (name_turned):
 * a hand-made sheet's "Hans Müller" is the "Müller, Hans" another sheet
 * added.  0 when none or several are: two would be a guess.
 */
static long long
by_turned_name(struct crm_db *db, const char *name)
{
	char *t = crm_name_turned(name);
	long long id = 0;

	if (t && crm_query_int(db, 0, "SELECT count(*) FROM customers WHERE "
	    "name = ? AND type = 'person'", "s", t) == 1)
		id = crm_query_int(db, 0, "SELECT id FROM customers WHERE name "
		    "= ? AND type = 'person'", "s", t);
	free(t);
	return id;
}

/*
 * A customer by exact name, for a key that is neither an id nor an
 * e-mail (PrestaShop's Customer column holds "J. Doe"), or, when nobody
 * has it, the one person of it written the other way round
 * (by_turned_name): 0 and *err naming them when several have it, 0 and
 * no *err when none.  The name as names are stored: without the
 * invisible characters (crm_invisible_fold) and in NFC.
 */
static long long
by_exact_name(struct crm_db *db, const char *written, const char **err)
{
	static char msg[300];
	long long n;
	char *ids, *copy = crm_xstrdup(written), *name;

	crm_invisible_fold(copy, 1);
	name = crm_nfc(crm_trim(copy));
	free(copy);
	*err = NULL;
	n = crm_query_int(db, 0, "SELECT count(*) FROM customers WHERE name = "
	    "?", "s", name);
	if (n == 0) {
		n = by_turned_name(db, name);
		free(name);
		return n;
	}
	if (n == 1) {
		n = crm_query_int(db, 0, "SELECT id FROM customers WHERE name "
		    "= ?", "s", name);
		free(name);
		return n;
	}
	ids = crm_query_text(db, "SELECT group_concat(id, ', ') FROM (SELECT "
	    "id FROM customers WHERE name = ? ORDER BY id LIMIT 5)", "s",
	    name);
	snprintf(msg, sizeof msg, "'%.100s' is the name of %lld customers "
	    "(%s%s): say which by id or e-mail", name, n, ids,
	    n > 5 ? ", ..." : "");
	free(ids);
	free(name);
	*err = msg;
	return 0;
}

/*
 * The one person a key cell names: the first of several an activity is
 * with (HubSpot's "39779198735;39779198736"), and the e-mail of a
 * person written "Ann Lee (ann@example.com)" or "Ann Lee
 * <ann@example.com>" (HubSpot's Associated Contact).  v itself, or a
 * copy in *own to free.
 */
static const char *
who_value(const char *v, const char *prefix, char **own)
{
	const char *semi, *open, *at;
	size_t n;

	*own = NULL;
	if (strcmp(prefix, "ext:") != 0 && strcmp(prefix, "email:") != 0 &&
	    *prefix != '\0')
		return v;
	n = (semi = strchr(v, ';')) ? (size_t)(semi - v) : strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		n--;
	if (*prefix != 'e' && n > 2 && (v[n - 1] == ')' || v[n - 1] == '>') &&
	    (open = memrchr(v, v[n - 1] == ')' ? '(' : '<', n)) != NULL &&
	    (at = memchr(open, '@', (size_t)(v + n - open))) != NULL &&
	    open > v)
		return *own = crm_xstrndup(open + 1, (size_t)(v + n - open -
		    2));
	/* a bare key's ';' may be a name's ("Smith; John"): ids only */
	return semi && *prefix ? (*own = crm_xstrndup(v, n)) : v;
}

/* How keycol_customer looks: by phone too; says a key erased on request. */
enum { KC_PHONES = 1, KC_ERASED = 2 };

/*
 * The customer a record names; 0 and *err when none.  A phone number
 * under a key of no kind (customer) nobody's name or id is, is looked up
 * by phone with KC_PHONES.  With KC_ERASED, a key on the erased list is
 * said so (crm_cust_erased_why), not "no customer": the one-key path's
 * words, where nobody is a stream's end (an import skips and counts,
 * with the list asked before).
 */
static long long
keycol_customer(struct crm_db *db, struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err, int how)
{
	int phones = how & KC_PHONES;
	static char msg[256];
	const char *prefix, *v = key_used(kc, rec, &prefix);
	size_t j;
	char *key, *own = NULL;
	long long id;

	for (j = 0; kc->names && v && j < kc->nalt; j++)
		if (v == rec->f[kc->alt[j]])
			kc->name = kc->names[kc->alt[j]];
	if (kc->names && (v == NULL || v == rec->f[kc->col]))
		kc->name = kc->names[kc->col];
	if (v == NULL) {
		*err = "no customer given";
		return 0;
	}
	v = who_value(v, prefix, &own);
	if (strcmp(prefix, "phone:") == 0) {
		id = phones ? by_phone(db, v, err) : 0;
		if (!phones)	/* the import's: phone_customer() */
			*err = "no customer";
	} else {
		key = crm_xasprintf("%s%s", prefix, v);
		id = crm_cust_find(db, key, err);
		free(key);
	}
	if (id == 0 && *prefix == '\0' && strchr(v, '@') == NULL &&
	    strncmp(*err, "no customer", 11) == 0) {
		const char *why;

		if ((id = by_exact_name(db, v, &why)) || why) {
			*err = why;
			free(own);
			return id;
		}
		if (phones && phone_shaped(v) && ((id = by_phone(db, v,
		    err)) || strcmp(*err, "no customer") != 0)) {
			free(own);
			return id;
		}
	}
	if (id == 0 && strncmp(*err, "no customer", 11) == 0) {
		const char *erased = NULL;

		if (how & KC_ERASED) {
			key = crm_xasprintf("%s%s", prefix, v);
			erased = crm_cust_erased_why(db, key, v);
			free(key);
		}
		if (erased == NULL) {
			snprintf(msg, sizeof msg, "no customer '%.200s'", v);
			erased = msg;
		}
		*err = erased;
	}
	free(own);
	return id;
}

long long
crm_keycol_customer(struct crm_db *db, struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err)
{
	return keycol_customer(db, kc, rec, err, KC_PHONES);
}

/* As crm_keycol_customer, a key erased on request said so: a stream's. */
long long
crm_keycol_customer_why(struct crm_db *db, struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err)
{
	return keycol_customer(db, kc, rec, err, KC_PHONES | KC_ERASED);
}

/*
 * The customer a key of the command line names by phone (crm-log
 * +14155550132 call): when key is a phone number, as a stream's customer
 * cell is looked up (by_phone()); else 0 and *err "no customer".
 */
long long
crm_keycol_phone(struct crm_db *db, const char *key, const char **err)
{
	*err = "no customer";
	return phone_shaped(key) ? by_phone(db, key, err) : 0;
}

/* What a column of an interaction file is. */
enum {
	I_AT, I_CLOCK, I_ZONE, I_KIND, I_CHANNEL, I_PRODUCT, I_QTY,
	I_AMOUNT, I_PRICE, I_LINE, I_DISCOUNT, I_REFUND, I_RATING,
	I_SUMMARY, I_REF, I_OWNER, I_STATUS, I_TYPE, I_NAME, I_FIRST,
	I_LAST, I_PHONE, I_PAYEE, I_COMPANY, I_REFUNDED,
	I_NAME2,		/* the buyer's name when I_NAME is empty */
	I_QTY_NET, I_LINE_NET,	/* a quantity, a line less its refunds */
	I_ITEM,			/* the export's own number of an order's line */
	I_CANCELLED,		/* when the order was cancelled, if it was */
	I_DUE, I_PAID, I_OPEN, I_PAID_AT,	/* an invoice's (recv.c) */
	I_CURRENCY,		/* the currency of the row's amounts */
	I_ORIG_AMOUNT,		/* Stripe's amount before conversion */
	I_DISPUTED, I_DISPUTE,	/* Stripe's disputed amount, dispute status */
	I_REFUND_AT,		/* when the refund was made (Stripe's) */
	I_RESOLVED,		/* when a complaint (a ticket) was solved */
	I_STATE,		/* a status, if its value is one (State) */
	I_DISPUTED_YES, I_DISPUTE_WON,	/* Gumroad's yes/no columns */
	I_KIND_WORD,		/* a kind, if its value is one's word */
	I_SHIPPING,		/* the postage in an order's total */
	I_HANDLING,		/* a handling fee in an order's total */
	I_ORDER_DISCOUNT,	/* an order's coupon, on each of its lines */
	I_ORDER_GOODS,		/* the order's goods before it (Subtotal) */
	I_PART_REFUND,		/* Square's refund by amount (Partial Refunds) */
	I_CSAT,			/* a help desk's Good/Bad satisfaction */
	I_LINE_ID,		/* the export's own id of the row (kept) */
	I_TITLE,		/* a review's title, before its text (kept) */
	I_PRODUCTS,		/* an order's lines in one cell (kept) */
	I_NPS,			/* a survey's 0 to 10 (Net Promoter) */
	I_PAY_STATUS,		/* a payment's status beside an order's */
	I_TAX,			/* the tax in an order's total */
	I_REF_ALT,		/* the order's id: its ref when its number is
				 * empty (SkyVerge's order_id) */
	I_REFUNDS,		/* an order's refunds in one cell, each with
				 * its amount and date (refund_items) */
	I_MKT_TAX,		/* a marketplace's tax in the amount, not the
				 * seller's (eBay collected tax): taken off */
	I_POSTING,		/* QuickBooks' Posting: No, not in the books */
	I_KEY, I_SCORE,
	I_FIELD, I_SKIP, I_SECRET,
	I_AT_UTC,		/* a time in UTC ("Created (UTC)") */
	I_NTARGETS
};

struct alias {
	const char *from;	/* normalised header */
	int to;
	const char *prefix;	/* I_KEY: for crm_cust_find() */
};

static const struct alias ia_aliases[] = {
	{ "at", I_AT, NULL }, { "date", I_AT, NULL }, { "time", I_CLOCK, NULL },
	{ "datetime", I_AT, NULL }, { "orderdate", I_AT, NULL },
	{ "createdat", I_AT, NULL }, { "日期", I_AT, NULL },
	{ "createdtime", I_AT, NULL },	/* Freshdesk's, Zoho's */
	{ "时间", I_CLOCK, NULL }, { "下单时间", I_AT, NULL },
	{ "timezone", I_ZONE, NULL },
	/* Braintree's: the IANA zone of each row's Created Datetime */
	{ "createddatetime", I_AT, NULL }, { "createdtimezone", I_ZONE, NULL },
	{ "datum", I_AT, NULL }, { "uhrzeit", I_CLOCK, NULL },
	{ "zeitzone", I_ZONE, NULL }, { "created(utc)", I_AT_UTC, NULL },
	{ "createddate(utc)", I_AT_UTC, NULL }, { "createddate", I_AT, NULL },
	{ "created", I_AT, NULL }, { "datecreated", I_AT, NULL },
	{ "purchasedate", I_AT, NULL }, { "saledate", I_AT, NULL },
	{ "transactiondate", I_AT, NULL }, { "付款时间", I_AT, NULL },
	{ "创建时间", I_AT, NULL }, { "成交时间", I_AT, NULL },
	/* an order's state, read with one vocabulary (order_state()) */
	{ "status", I_STATUS, NULL }, { "orderstatus", I_STATUS, NULL },
	{ "financialstatus", I_STATUS, NULL },
	{ "paymentstatus", I_STATUS, NULL }, { "订单状态", I_STATUS, NULL },
	{ "交易状态", I_STATUS, NULL },
	{ "orderstate", I_STATUS, NULL },
	{ "transactionstatus", I_STATUS, NULL },
	{ "salestatus", I_STATUS, NULL }, { "invoicestatus", I_STATUS, NULL },
	{ "attendeestatus", I_STATUS, NULL },	/* Eventbrite's */
	{ "bestellstatus", I_STATUS, NULL },
	{ "auftragsstatus", I_STATUS, NULL },
	{ "statusderbestellung", I_STATUS, NULL },
	{ "statut", I_STATUS, NULL }, { "statutdelacommande", I_STATUS, NULL },
	{ "estadodelpedido", I_STATUS, NULL },
	/* Bling's and Tiny's order lists (Brazil): the order's situation */
	{ "situação", I_STATUS, NULL }, { "situacao", I_STATUS, NULL },
	{ "situaçãodopedido", I_STATUS, NULL },
	{ "statusdopedido", I_STATUS, NULL },
	/* Italian, Dutch and Polish shops' (PrestaShop's, WooCommerce's) */
	{ "statoordine", I_STATUS, NULL },
	{ "statodell'ordine", I_STATUS, NULL },
	{ "bestelstatus", I_STATUS, NULL },
	{ "statusbestelling", I_STATUS, NULL },
	{ "statuszamówienia", I_STATUS, NULL },
	/*
	 * A bare "State" or "Estado" is as often an address's state or
	 * province: an order's state only when its value is a status word
	 * (I_STATE); "CA" or "Jalisco" stays a field.  French "État" too.
	 */
	{ "state", I_STATE, NULL }, { "estado", I_STATE, NULL },
	{ "état", I_STATE, NULL }, { "stato", I_STATE, NULL },
	{ "refundamount", I_REFUND, NULL },
	{ "refundedamount", I_REFUND, NULL },
	{ "amountrefunded", I_REFUND, NULL },
	{ "totalrefunded", I_REFUND, NULL }, { "退款金额", I_REFUND, NULL },
	{ "currency", I_CURRENCY, NULL }, { "currencycode", I_CURRENCY, NULL },
	{ "ordercurrency", I_CURRENCY, NULL },
	{ "transactioncurrency", I_CURRENCY, NULL },
	{ "währung", I_CURRENCY, NULL }, { "devise", I_CURRENCY, NULL },
	{ "moneda", I_CURRENCY, NULL }, { "divisa", I_CURRENCY, NULL },
	{ "币种", I_CURRENCY, NULL }, { "货币", I_CURRENCY, NULL },
	{ "kind", I_KIND, NULL }, { "type", I_KIND, NULL },
	/*
	 * A payment's type read as Type is (Braintree's sale, a ledger's
	 * Refund) when its value is a kind's word; else (Gumroad's Payment
	 * Type "Card") a field (I_KIND_WORD).  Credit and debit are refused:
	 * a refund to Braintree, money in to a bank.
	 */
	{ "transactiontype", I_KIND_WORD, NULL },
	{ "paymenttype", I_KIND_WORD, NULL },
	{ "eventtype", I_KIND_WORD, NULL },
	{ "entrytype", I_KIND_WORD, NULL },
	{ "类型", I_KIND, NULL },
	{ "channel", I_CHANNEL, NULL }, { "渠道", I_CHANNEL, NULL },
	{ "product", I_PRODUCT, NULL }, { "item", I_PRODUCT, NULL },
	{ "sku", I_PRODUCT, NULL }, { "productname", I_PRODUCT, NULL },
	{ "商品", I_PRODUCT, NULL }, { "产品", I_PRODUCT, NULL },
	{ "quantity", I_QTY, NULL }, { "qty", I_QTY, NULL },
	{ "数量", I_QTY, NULL },
	{ "amount", I_AMOUNT, NULL }, { "total", I_AMOUNT, NULL },
	{ "ordertotal", I_AMOUNT, NULL }, { "金额", I_AMOUNT, NULL },
	{ "totalamount", I_AMOUNT, NULL },	/* many shops' order lists */
	{ "总额", I_AMOUNT, NULL }, { "grandtotal", I_AMOUNT, NULL },
	{ "ordertotal(inctax)", I_AMOUNT, NULL },	/* BigCommerce */
	/*
	 * German, French and Spanish names of an order sheet's or a call
	 * log's columns (the customer's, as crm-add reads them:
	 * keycol_local()).
	 */
	{ "bestelldatum", I_AT, NULL }, { "kaufdatum", I_AT, NULL },
	{ "fecha", I_AT, NULL }, { "datedecommande", I_AT, NULL },
	{ "fechadepedido", I_AT, NULL }, { "heure", I_CLOCK, NULL },
	{ "hora", I_CLOCK, NULL },
	{ "art", I_KIND, NULL }, { "typ", I_KIND, NULL },
	{ "belegart", I_KIND, NULL },	/* a German sales document list's */
	{ "tipo", I_KIND, NULL },
	{ "kanal", I_CHANNEL, NULL }, { "canal", I_CHANNEL, NULL },
	{ "produkt", I_PRODUCT, NULL }, { "artikel", I_PRODUCT, NULL },
	{ "artikelname", I_PRODUCT, NULL },
	{ "produit", I_PRODUCT, NULL }, { "article", I_PRODUCT, NULL },
	{ "producto", I_PRODUCT, NULL }, { "artículo", I_PRODUCT, NULL },
	{ "menge", I_QTY, NULL }, { "anzahl", I_QTY, NULL },
	{ "quantité", I_QTY, NULL }, { "cantidad", I_QTY, NULL },
	{ "betrag", I_AMOUNT, NULL }, { "summe", I_AMOUNT, NULL },
	{ "gesamtbetrag", I_AMOUNT, NULL }, { "montant", I_AMOUNT, NULL },
	{ "bestellsumme", I_AMOUNT, NULL },
	{ "importe", I_AMOUNT, NULL }, { "monto", I_AMOUNT, NULL },
	{ "bewertung", I_RATING, NULL },
	{ "valoración", I_RATING, NULL },
	{ "notiz", I_SUMMARY, NULL }, { "bemerkung", I_SUMMARY, NULL },
	{ "beschreibung", I_SUMMARY, NULL }, { "betreff", I_SUMMARY, NULL },
	{ "remarque", I_SUMMARY, NULL }, { "commentaire", I_SUMMARY, NULL },
	{ "objet", I_SUMMARY, NULL }, { "nota", I_SUMMARY, NULL },
	{ "descripción", I_SUMMARY, NULL }, { "asunto", I_SUMMARY, NULL },
	{ "bestellnummer", I_REF, NULL }, { "bestellung", I_REF, NULL },
	{ "auftragsnummer", I_REF, NULL }, { "referenz", I_REF, NULL },
	{ "commande", I_REF, NULL }, { "numérodecommande", I_REF, NULL },
	{ "référence", I_REF, NULL }, { "pedido", I_REF, NULL },
	{ "númerodepedido", I_REF, NULL }, { "referencia", I_REF, NULL },
	{ "rating", I_RATING, NULL }, { "评分", I_RATING, NULL },
	/*
	 * Review exports' star ratings, 1 to 5 (t/data/real/SOURCES.md):
	 * Yotpo's Review Score, Trustpilot's Review Stars, Google Play's
	 * Star Rating, and the names others write beside them.
	 */
	{ "reviewscore", I_RATING, NULL }, { "reviewstars", I_RATING, NULL },
	{ "reviewrating", I_RATING, NULL }, { "starrating", I_RATING, NULL },
	{ "stars", I_RATING, NULL }, { "overallrating", I_RATING, NULL },
	{ "rating(1-5)", I_RATING, NULL }, { "stars(1-5)", I_RATING, NULL },
	/*
	 * Review exports (t/data/real/SOURCES.md): the review's time,
	 * text and title (title_summary()), and the reviewer's name, which
	 * --add-customers gives the customers it adds.
	 */
	{ "reviewdate", I_AT, NULL }, { "reviewcreatedat", I_AT, NULL },
	{ "reviewsubmitdateandtime", I_AT, NULL },	/* Google Play's */
	{ "reviewposteddate", I_AT, NULL },
	{ "reviewcreated(utc)", I_AT_UTC, NULL },	/* Trustpilot's */
	{ "reviewdate(utc)", I_AT_UTC, NULL },
	{ "body", I_SUMMARY, NULL }, { "reviewcontent", I_SUMMARY, NULL },
	{ "reviewtext", I_SUMMARY, NULL }, { "reviewbody", I_SUMMARY, NULL },
	{ "title", I_TITLE, NULL }, { "reviewtitle", I_TITLE, NULL },
	{ "reviewheader", I_TITLE, NULL },
	{ "reviewername", I_NAME, NULL }, { "reviewusername", I_NAME, NULL },
	{ "displayname", I_NAME, NULL },	/* Yotpo's */
	{ "summary", I_SUMMARY, NULL }, { "note", I_SUMMARY, NULL },
	{ "notes", I_SUMMARY, NULL }, { "description", I_SUMMARY, NULL },
	{ "subject", I_SUMMARY, NULL }, { "备注", I_SUMMARY, NULL },
	/* a survey's answer in words (Delighted's Comment) */
	{ "comment", I_SUMMARY, NULL }, { "comments", I_SUMMARY, NULL },
	{ "摘要", I_SUMMARY, NULL },
	{ "ref", I_REF, NULL }, { "order", I_REF, NULL },
	{ "orderid", I_REF, NULL }, { "orderno", I_REF, NULL },
	{ "ordernumber", I_REF, NULL }, { "reference", I_REF, NULL },
	{ "order#", I_REF, NULL },	/* Eventbrite's */
	{ "ticket", I_REF, NULL }, { "ticketid", I_REF, NULL },
	{ "订单号", I_REF, NULL },
	{ "owner", I_OWNER, NULL }, { "负责人", I_OWNER, NULL },
	/* a complaint's resolution: help desks' ticket exports (Zendesk's
	 * Solved at, Freshdesk's Resolved time) */
	{ "resolved", I_RESOLVED, NULL }, { "solvedat", I_RESOLVED, NULL },
	{ "resolvedat", I_RESOLVED, NULL }, { "resolvedtime", I_RESOLVED, NULL },
	{ "closedat", I_RESOLVED, NULL }, { "closedtime", I_RESOLVED, NULL },
	{ "erledigtam", I_RESOLVED, NULL },
	/* an order's line number, so that --map can name one: "item" is
	 * a product already */
	{ "line", I_ITEM, NULL }, { "linenumber", I_ITEM, NULL },
	{ "lineno", I_ITEM, NULL }, { "line#", I_ITEM, NULL },
	/* invoices and payments (kind invoice, payment) */
	{ "due", I_DUE, NULL }, { "duedate", I_DUE, NULL },
	{ "invoiceno", I_REF, NULL }, { "invoice#", I_REF, NULL },
	/* not "invoice number": Paddle's beside its id, which is the ref */
	/*
	 * The customer's own data (as crm-segment writes it, or as a shop
	 * names its buyer): what --add-customers gives a new customer.
	 * A plain Name is the person's (Delighted's, Patreon's, a form's,
	 * a sheet's: qa32 F5); Shopify's, its order number, is its own
	 * table's (shopify[]).  A form's question (Google Forms' "Your full
	 * name") and the first and last names of other languages
	 * (crm-add's: qa33 F9) too.
	 */
	{ "name", I_NAME, NULL },
	{ "personname", I_NAME, NULL },	/* Pipedrive's activity's person */
	{ "company", I_COMPANY, NULL }, { "billingcompany", I_COMPANY, NULL },
	{ "customername", I_NAME, NULL }, { "billingname", I_NAME, NULL },
	{ "buyername", I_NAME, NULL }, { "fullname", I_NAME, NULL },
	/* when the refund was made (Teachable's Refunded At, as Stripe's
	 * Refunded date): its return's time, not the sale's (qa47 F6) */
	{ "refundedat", I_REFUND_AT, NULL }, { "refundedon", I_REFUND_AT, NULL },
	{ "refunddate", I_REFUND_AT, NULL },
	/* Eventbrite's and Big Cartel's buyer, as crm-add reads them */
	{ "buyerfirstname", I_FIRST, NULL }, { "buyerlastname", I_LAST, NULL },
	{ "yourname", I_NAME, NULL }, { "yourfullname", I_NAME, NULL },
	{ "billingfirstname", I_FIRST, NULL }, { "firstname", I_FIRST, NULL },
	{ "billinglastname", I_LAST, NULL }, { "lastname", I_LAST, NULL },
	{ "vorname", I_FIRST, NULL }, { "nachname", I_LAST, NULL },
	{ "prénom", I_FIRST, NULL }, { "prenom", I_FIRST, NULL },
	{ "nome", I_FIRST, NULL }, { "cognome", I_LAST, NULL },
	{ "sobrenome", I_LAST, NULL }, { "apellidos", I_LAST, NULL },
	{ "voornaam", I_FIRST, NULL }, { "achternaam", I_LAST, NULL },
	{ "firma", I_COMPANY, NULL },
	{ "customerphone", I_PHONE, NULL }, { "billingphone", I_PHONE, NULL },
	/*
	 * The names and phones of lead forms and bookings (qa31 F1, F8):
	 * Meta's phone_number, Calendly's invitee (Invitee Name, its Text
	 * Reminder Number), Acuity's Phone: what --add-customers gives the
	 * customers it adds, and how a lead with no e-mail is found again
	 * (by_name()).  A bare Phone is not kept as an extra field, as
	 * before it was read (crm-segment's streams have one).
	 */
	{ "phonenumber", I_PHONE, NULL }, { "phone", I_PHONE, NULL },
	{ "inviteename", I_NAME, NULL },
	{ "inviteefirstname", I_FIRST, NULL },
	{ "inviteelastname", I_LAST, NULL },
	{ "textremindernumber", I_PHONE, NULL },
	/* WooCommerce's billing columns in German */
	{ "vorname(rechnung)", I_FIRST, NULL },
	{ "nachname(rechnung)", I_LAST, NULL },
	{ "firma(rechnung)", I_COMPANY, NULL },
	{ "telefon(rechnung)", I_PHONE, NULL },
	{ NULL, 0, NULL }
};

/*
 * Second names: a column under one of these is read only when no column
 * of its target was found by the names above (second_choice()), so that
 * it never takes the place of a column crm reads already.  Magento 1's
 * Purchased On is the time of a file with no order date, not beside
 * Shopify's Created at; a payment's Transaction ID or an invoice's number
 * is the ref only when no order number is; Shopify's Presentment
 * Currency (the buyer's) is the amount's only when no Currency is (the
 * shop's, of Amount).  Compared without their dots (Qty., Order No.).
 */
static const struct alias ia_second[] = {
	/* times (Magento 1's order grid, shops' Paid At / Placed At) */
	{ "purchasedon", I_AT, NULL }, { "purchasedat", I_AT, NULL },
	{ "paidat", I_AT, NULL }, { "paidon", I_AT, NULL },
	{ "placedat", I_AT, NULL }, { "placedon", I_AT, NULL },
	{ "orderplaced", I_AT, NULL }, { "orderplacedat", I_AT, NULL },
	{ "timestamp", I_AT, NULL },	/* Google Forms' responses */
	{ "orderedat", I_AT, NULL }, { "orderedon", I_AT, NULL },
	/* a call's start, in phone systems' call logs: Twilio's Start
	 * Time, Aircall's started_at, Dialpad's date_started, 3CX's Call
	 * Time and its CDR's time-start */
	{ "starttime", I_AT, NULL }, { "startedat", I_AT, NULL },
	{ "datestarted", I_AT, NULL }, { "calltime", I_AT, NULL },
	{ "timestart", I_AT, NULL },
	/* in a call log only (call_only()): Vonage's start */
	{ "start", I_AT, NULL },
	/* order numbers (ERPs' Sales Order, SO Number, Document No.) */
	{ "ordernr", I_REF, NULL }, { "orderreference", I_REF, NULL },
	{ "orderref", I_REF, NULL }, { "ordername", I_REF, NULL },
	{ "salesorder", I_REF, NULL }, { "salesordernumber", I_REF, NULL },
	{ "salesorderno", I_REF, NULL }, { "sonumber", I_REF, NULL },
	{ "sono", I_REF, NULL }, { "documentno", I_REF, NULL },
	{ "documentnumber", I_REF, NULL }, { "invoicenumber", I_REF, NULL },
	{ "receiptnumber", I_REF, NULL }, { "receiptno", I_REF, NULL },
	{ "transactionid", I_REF, NULL }, { "bestellnr", I_REF, NULL },
	{ "auftragsnr", I_REF, NULL }, { "belegnummer", I_REF, NULL },
	{ "belegnr", I_REF, NULL }, { "n°decommande", I_REF, NULL },
	{ "nodecommande", I_REF, NULL }, { "numerodecommande", I_REF, NULL },
	/* quantities (Magento's Qty Ordered, Amazon's quantity-purchased) */
	{ "qtyordered", I_QTY, NULL }, { "quantityordered", I_QTY, NULL },
	/* not Units (kg, l: a unit of measure) nor Pieces (a jigsaw's
	 * 1000): their cells can't tell; the unread-column note names them */
	{ "itemquantity", I_QTY, NULL },
	{ "quantitypurchased", I_QTY, NULL }, { "noofitems", I_QTY, NULL },
	{ "numberofitems", I_QTY, NULL },
	{ "stück", I_QTY, NULL }, { "stückzahl", I_QTY, NULL },
	/* products */
	{ "itemname", I_PRODUCT, NULL }, { "itemtitle", I_PRODUCT, NULL },
	{ "producttitle", I_PRODUCT, NULL },
	/* Judge.me's product_handle (its URL's name, glow-serum): the
	 * product its review is of; its product_id, a number, stays a
	 * field as Yotpo's Product ID beside its Product Name does */
	{ "producthandle", I_PRODUCT, NULL },
	{ "itemdescription", I_PRODUCT, NULL },
	{ "productdescription", I_PRODUCT, NULL },
	{ "bezeichnung", I_PRODUCT, NULL },
	{ "artikelbezeichnung", I_PRODUCT, NULL },
	{ "désignation", I_PRODUCT, NULL }, { "libellé", I_PRODUCT, NULL },
	/* currencies */
	{ "währungscode", I_CURRENCY, NULL },
	{ "currencyiso", I_CURRENCY, NULL },
	{ "currencyisocode", I_CURRENCY, NULL },
	{ "curr", I_CURRENCY, NULL }, { "cur", I_CURRENCY, NULL },
	{ "presentmentcurrency", I_CURRENCY, NULL },
	{ "settlementcurrency", I_CURRENCY, NULL },
	{ "paymentcurrency", I_CURRENCY, NULL },
	/* a bare Score (Yotpo's API, a review's score) is a rating only
	 * when its cells are 1 to 5: not a lead's score of 0 to 100 */
	{ "score", I_RATING, NULL },
	/* a Net Promoter survey's answer, 0 to 10, when its cells are */
	{ "nps", I_NPS, NULL }, { "npsscore", I_NPS, NULL },
	{ "enps", I_NPS, NULL }, { "enpsscore", I_NPS, NULL },
	{ "netpromoterscore", I_NPS, NULL }, { "npsrating", I_NPS, NULL },
	/* payment states (Shopware's Zahlungsstatus ...) */
	{ "zahlungsstatus", I_STATUS, NULL },
	{ "paymentstate", I_STATUS, NULL },
	{ "statutdupaiement", I_STATUS, NULL },
	{ "estadodelpago", I_STATUS, NULL },
	{ "statopagamento", I_STATUS, NULL },
	{ "statodelpagamento", I_STATUS, NULL },
	{ "betaalstatus", I_STATUS, NULL },
	{ "orderstatusname", I_STATUS, NULL },
	{ "currentstatus", I_STATUS, NULL },
	/* a call's outcome (RingCentral's Action Result: Missed, Voicemail;
	 * missed_call()) */
	{ "actionresult", I_STATUS, NULL }, { "callstatus", I_STATUS, NULL },
	{ "callresult", I_STATUS, NULL },
	/* in a call log only: Zoom's and Vonage's result (Call connected,
	 * Missed) */
	{ "result", I_STATUS, NULL },
	/* a buyer's phone when its cells are phones (Razorpay's contact) */
	{ "contact", I_PHONE, NULL },
	{ NULL, 0, NULL }
};

/*
 * An invoice list's own names (--kind invoice, or a system's invoices),
 * before the names above: what is still owed of an invoice under the
 * names accounting systems' lists write (QuickBooks' Balance Due and
 * Open Balance, Zoho's Balance, FreshBooks' Outstanding, Amount Due),
 * what was paid and when, and the invoice's own date and number, which
 * in an order export are not the order's.  open, paid and paid_at are
 * crm's names of them, for --map (a bare Open or Paid header is not
 * read: bare_word()).
 */
static const struct alias ia_invoice[] = {
	{ "open", I_OPEN, NULL }, { "balance", I_OPEN, NULL },
	{ "balancedue", I_OPEN, NULL }, { "openbalance", I_OPEN, NULL },
	{ "amountdue", I_OPEN, NULL }, { "dueamount", I_OPEN, NULL },
	{ "outstanding", I_OPEN, NULL },
	{ "outstandingamount", I_OPEN, NULL },
	{ "amountoutstanding", I_OPEN, NULL },
	{ "outstandingbalance", I_OPEN, NULL },
	{ "amountremaining", I_OPEN, NULL },
	{ "remainingamount", I_OPEN, NULL },
	{ "remainingbalance", I_OPEN, NULL },
	{ "unpaidamount", I_OPEN, NULL }, { "amountunpaid", I_OPEN, NULL },
	{ "paid", I_PAID, NULL }, { "amountpaid", I_PAID, NULL },
	{ "paidamount", I_PAID, NULL }, { "totalpaid", I_PAID, NULL },
	{ "paidat", I_PAID_AT, NULL }, { "paiddate", I_PAID_AT, NULL },
	{ "datepaid", I_PAID_AT, NULL }, { "paidon", I_PAID_AT, NULL },
	{ "paymentdate", I_PAID_AT, NULL },
	{ "lastpaymentdate", I_PAID_AT, NULL },
	{ "invoicedate", I_AT, NULL }, { "issuedate", I_AT, NULL },
	{ "dateissued", I_AT, NULL }, { "invoicenumber", I_REF, NULL },
	/*
	 * The same in other languages (qa33 F9): German (lexoffice's and
	 * sevDesk's Belegdatum, Belegnummer, Bruttobetrag), French (Sage's
	 * N° pièce, Échéance, Montant TTC), Spanish, Italian, Dutch and
	 * Japanese (freee's 請求書番号, 発行日, 支払期日, 合計金額).  The
	 * amount is the gross, tax included, as Xero's and Zoho's Total
	 * is: what the customer owes.  The net (Nettobetrag, Montant HT,
	 * 小計, Subtotal) stays a field.
	 */
	{ "belegdatum", I_AT, NULL }, { "rechnungsdatum", I_AT, NULL },
	{ "fälligkeitsdatum", I_DUE, NULL }, { "fälligam", I_DUE, NULL },
	{ "fälligkeit", I_DUE, NULL }, { "belegnummer", I_REF, NULL },
	{ "belegnr", I_REF, NULL }, { "rechnungsnummer", I_REF, NULL },
	{ "rechnungsnr", I_REF, NULL }, { "bruttobetrag", I_AMOUNT, NULL },
	{ "offenerbetrag", I_OPEN, NULL }, { "bezahltam", I_PAID_AT, NULL },
	{ "datedefacture", I_AT, NULL }, { "datefacture", I_AT, NULL },
	{ "échéance", I_DUE, NULL }, { "dated'échéance", I_DUE, NULL },
	{ "n°pièce", I_REF, NULL }, { "n°facture", I_REF, NULL },
	{ "numérodefacture", I_REF, NULL }, { "montantttc", I_AMOUNT, NULL },
	{ "totalttc", I_AMOUNT, NULL }, { "resteàpayer", I_OPEN, NULL },
	{ "fechadeemisión", I_AT, NULL }, { "fechadefactura", I_AT, NULL },
	{ "fechafactura", I_AT, NULL }, { "vencimiento", I_DUE, NULL },
	{ "fechadevencimiento", I_DUE, NULL }, { "número", I_REF, NULL },
	{ "númerodefactura", I_REF, NULL },
	{ "datafattura", I_AT, NULL }, { "scadenza", I_DUE, NULL },
	{ "datascadenza", I_DUE, NULL }, { "numerofattura", I_REF, NULL },
	{ "factuurdatum", I_AT, NULL }, { "vervaldatum", I_DUE, NULL },
	{ "factuurnummer", I_REF, NULL }, { "totaal", I_AMOUNT, NULL },
	{ "請求書番号", I_REF, NULL }, { "発行日", I_AT, NULL },
	{ "請求日", I_AT, NULL }, { "支払期日", I_DUE, NULL },
	{ "入金期日", I_DUE, NULL }, { "合計金額", I_AMOUNT, NULL },
	{ "通貨", I_CURRENCY, NULL }, { "ステータス", I_STATUS, NULL },
	{ NULL, 0, NULL }
};

/*
 * The systems whose exports are read as they are.  A system is known by
 * headers it always has (sig, all of them); its table then says what its
 * columns are, before the general names above.
 */
enum {
	S_LINES = 1,		/* one row per line item, order fields carried */
	S_REFUND_ROWS = 2,	/* a refund is a row of its own */
	S_NOBODY_SKIP = 4,	/* rows without a buyer are skipped */
	S_PAYMENTS = 8,		/* a payment service, not a shop */
	S_CLOSED_REFUND = 16,	/* "closed" is a refunded order */
	S_DECIMAL_COMMA = 32,	/* amounts are 1.234,56 */
	S_TOTALS = 64,		/* a last row of totals, not a sale */
	S_SALE_ROWS = 128,	/* a sale's row, then rows of its parts */
	S_INVOICES = 256,	/* an accounting system's invoices */
	S_INVOICE_LINES = 512,	/* a row a line of an invoice: its lines
				 * one after another, summed (inv_lines) */
	S_GROUPED = 1024,	/* a customer's rows under a row of her
				 * name alone, in the first column */
	S_INVOICE_REPEAT = 2048,	/* a row a line of an invoice, its
				 * total on each: counted once */
	S_PAY_ROWS = 4096,	/* its Payment rows date what the invoices'
				 * open balances say was paid (pay_settle) */
	S_KEY_ONLY = 8192,	/* a row without a key is skipped, even one
				 * with a name (Ko-fi's Anonymous) */
	S_VOUCHERS = 16384,	/* an accounting register's vouchers: Sales a
				 * sale, Credit Note a return (Tally's) */
	S_ORDER_ROWS = 32768,	/* a row an item of an order, the order's
				 * total on each: one order (same_order) */
	S_CREDITS = 65536,	/* a payment's type sale or credit, a credit
				 * a refund (Braintree's) */
	S_DASH_EMPTY = 131072,	/* "--" is an empty cell (eBay's 2023+) */
	S_SALE_REF = 262144,	/* a refund row names its sale's id
				 * (sale_header): it is the sale's return
				 * (credit_link) */
	S_NAME_KEY = 524288,	/* its buyer is named alone, no e-mail nor
				 * phone (Mollie's Consumer name) */
};

struct sys {
	const char *name;
	const char *sig[3];
	const char *datefmt;	/* the export's date order, for slashes */
	const char *zone;	/* the zone of times that name none */
	int flags;
	const struct alias *cols;
};

#define K(h, p) { h, I_KEY, p }
#define C(h, t) { h, t, NULL }
#define END { NULL, 0, NULL }

static const struct alias shopify[] = {
	C("name", I_REF), K("email", "email:"), C("financialstatus", I_STATUS),
	C("createdat", I_AT), C("lineitemquantity", I_QTY),
	C("lineitemname", I_PRODUCT), C("lineitemprice", I_PRICE),
	C("lineitemdiscount", I_DISCOUNT), C("refundedamount", I_REFUND),
	C("billingname", I_NAME), C("billingphone", I_PHONE),
	C("phone", I_PHONE), C("notes", I_SUMMARY), C("id", I_FIELD),
	C("total", I_FIELD), C("subtotal", I_FIELD), C("shipping", I_FIELD),
	C("taxes", I_FIELD), C("discountamount", I_FIELD),
	C("lineitemsku", I_FIELD), C("cancelledat", I_CANCELLED), END
};
/*
 * Squarespace's orders (Orders > Download CSV): Shopify's shape, its
 * order's columns on every line, but no Lineitem discount: the coupon
 * is the order's Discount Amount alone, taken off the order's lines
 * (order_discount()).  Its number is Order ID, its refund Amount
 * Refunded.
 */
/*
 * Shopify's own columns, which Squarespace's export has not: a Shopify
 * file with an Order ID a merchant added is still Shopify's.
 */
static const char *const squarespace_not[] = {
	"lineitemdiscount", "name", "id", "refundedamount", NULL
};
static const struct alias squarespace[] = {
	C("orderid", I_REF), K("email", "email:"), C("financialstatus", I_STATUS),
	C("createdat", I_AT), C("lineitemquantity", I_QTY),
	C("lineitemname", I_PRODUCT), C("lineitemprice", I_PRICE),
	C("discountamount", I_ORDER_DISCOUNT),
	C("amountrefunded", I_REFUND), C("billingname", I_NAME),
	C("billingphone", I_PHONE), C("total", I_FIELD),
	C("subtotal", I_ORDER_GOODS), C("shipping", I_FIELD),
	C("taxes", I_FIELD), C("lineitemsku", I_FIELD),
	C("cancelledat", I_CANCELLED), END
};
/*
 * "Advanced Order Export For WooCommerce": its labels (Item Name in
 * newer versions, Name before; Item # the line's own number).  Its
 * Quantity (- Refund) is read when Quantity is not there: the lines are
 * then what was kept, and the refund column is not taken again.
 */
static const struct alias woo_plugin[] = {
	C("ordernumber", I_REF), C("orderstatus", I_STATUS),
	C("orderdate", I_AT), K("email(billing)", "email:"),
	C("firstname(billing)", I_FIRST), C("lastname(billing)", I_LAST),
	C("fullname(billing)", I_NAME), C("company(billing)", I_COMPANY),
	C("phone(billing)", I_PHONE), C("name", I_PRODUCT),
	C("itemname", I_PRODUCT), C("item#", I_ITEM),
	C("quantity", I_QTY), C("quantity(refund)", I_QTY_NET),
	C("itemcost", I_PRICE), C("orderlinetotal", I_LINE),
	C("orderlinetotal(refund)", I_LINE_NET),
	C("orderrefundamount", I_REFUND), C("ordertotalamount", I_FIELD),
	C("customernote", I_SUMMARY), C("sku", I_FIELD), END
};
/*
 * WooCommerce, one row per order (the Advanced Order Export plugin's
 * order fields, WebToffee's Order Export, and the like): Order Total has
 * shipping, fees and tax too; the goods are Order Subtotal Amount (the
 * lines before coupons, without tax) less Cart Discount Amount, both
 * ticked by default, WebToffee's order_subtotal less cart_discount.  A
 * file without them logs the Order Total as it gives it.  WebToffee's
 * refund_items is each refund of the order, its amount and date
 * (refunds_cell()).
 */
static const struct alias woo_rows[] = {
	C("ordernumber", I_REF), C("orderid", I_REF_ALT), C("status", I_STATUS),
	C("orderstatus", I_STATUS), C("orderdate", I_AT),
	K("billingemail", "email:"), K("billingemailaddress", "email:"),
	K("customeremail", "email:"), C("billingfirstname", I_FIRST),
	C("billinglastname", I_LAST), C("billingphone", I_PHONE),
	K("email(billing)", "email:"), C("firstname(billing)", I_FIRST),
	C("lastname(billing)", I_LAST), C("phone(billing)", I_PHONE),
	C("ordertotal", I_AMOUNT), C("ordertotalamount", I_AMOUNT),
	C("orderrefund", I_REFUND), C("refundedtotal", I_REFUND),
	C("orderrefundamount", I_REFUND),
	C("ordersubtotalamount", I_LINE), C("cartdiscountamount", I_DISCOUNT),
	C("ordersubtotal", I_LINE), C("cartdiscount", I_DISCOUNT),
	C("refunditems", I_REFUNDS), C("billingcompany", I_COMPANY),
	C("customernote", I_SUMMARY), C("customerid", I_FIELD),
	C("customeruser", I_FIELD), END
};
/*
 * SkyVerge's Customer/Order CSV Export in its legacy import format, one
 * row per order: order_total has the shipping, the fees and the tax
 * (order_tax, WooCommerce's total tax: the shipping's and the fees'
 * too); the goods, as WooCommerce's subtotal less its discount, are
 * order_total less order_shipping, order_fees and order_tax
 * (goods_ex_tax()).  Its order_number is empty without a sequential
 * numbers plugin: order_id is then the ref.
 */
static const struct alias woo_legacy[] = {
	C("ordernumber", I_REF), C("orderid", I_REF_ALT), C("date", I_AT),
	C("status", I_STATUS), C("ordertotal", I_AMOUNT),
	C("ordershipping", I_SHIPPING), C("orderfees", I_HANDLING),
	C("ordertax", I_TAX), K("billingemail", "email:"),
	C("billingfirstname", I_FIRST), C("billinglastname", I_LAST),
	C("billingphone", I_PHONE), C("billingcompany", I_COMPANY),
	C("customernote", I_SUMMARY), C("customeruser", I_FIELD), END
};
/*
 * SkyVerge's "Customer/Order CSV Export", one row per item (its column
 * keys as headers): item_total is the line's goods after discounts;
 * order_total has shipping, fees and tax too, and refunded_total is the
 * order's refund.  item_id is WooCommerce's own id of the line, not its
 * place: the lines are numbered by place and told apart by product.
 */
static const struct alias woo_items[] = {
	C("ordernumber", I_REF), C("orderid", I_FIELD), C("status", I_STATUS),
	C("orderdate", I_AT), C("date", I_AT), K("billingemail", "email:"),
	C("billingfirstname", I_FIRST), C("billinglastname", I_LAST),
	C("billingfullname", I_NAME), C("billingcompany", I_COMPANY),
	C("billingphone", I_PHONE), C("itemname", I_PRODUCT),
	C("itemquantity", I_QTY), C("itemtotal", I_LINE),
	C("refundedtotal", I_REFUND), C("ordertotal", I_FIELD),
	C("itemrefunded", I_FIELD), C("itemsku", I_FIELD),
	C("customernote", I_SUMMARY), C("customerid", I_FIELD), END
};
/*
 * Wix Stores' orders (Orders > Export, full-order.csv): a row an item of
 * an order, the order's own columns (Total, Payment status, the buyer)
 * on each, or only on its first row; so an order is one purchase
 * (same_order()).  Its goods are Total less Shipping rate and Total tax
 * (goods_ex_tax()), its refund Refunded amount.  The item's columns stay
 * the row's fields.
 */
static const struct alias wix[] = {
	C("ordernumber", I_REF), C("datecreated", I_AT), C("time", I_CLOCK),
	K("contactemail", "email:"), C("notefromcustomer", I_SUMMARY),
	C("billingname", I_NAME), C("billingphone", I_PHONE),
	C("billingcompanyname", I_COMPANY), C("paymentstatus", I_STATUS),
	C("total", I_AMOUNT), C("shippingrate", I_SHIPPING),
	C("totaltax", I_TAX), C("refundedamount", I_REFUND),
	C("currency", I_CURRENCY), C("item", I_FIELD), C("variant", I_FIELD),
	C("sku", I_FIELD), C("qty", I_FIELD), C("price", I_FIELD),
	C("quantityrefunded", I_FIELD), C("netamount", I_FIELD), END
};
/*
 * Magento's order grid: Grand Total has shipping and tax too; its
 * Subtotal is the order's goods without them (sales_order.base_subtotal,
 * in the store's base currency), before any coupon: the grid has no
 * discount column.  So the goods are at most Grand Total less Shipping
 * and Handling (goods_paid()).  A grid without Subtotal logs the Grand
 * Total.
 */
static const struct alias magento[] = {
	C("id", I_REF), C("purchasedate", I_AT), C("billtoname", I_NAME),
	C("grandtotal(purchased)", I_AMOUNT), C("subtotal", I_LINE),
	C("shippingandhandling", I_SHIPPING),
	C("status", I_STATUS),
	K("customeremail", "email:"), C("totalrefunded", I_REFUND), END
};
/*
 * BigCommerce's order export: Subtotal (ex tax) is the goods before a
 * coupon (the export's Coupon Details is text, not a sum), so the goods
 * are at most Order Total (ex tax) less Shipping Cost and Handling Cost
 * (ex tax) (goods_paid()), all without tax, as revenue is counted.
 * Order Total (inc tax) is what the buyer paid, kept as a field.
 */
static const struct alias bigcommerce[] = {
	C("orderid", I_REF), C("ordertotal(extax)", I_AMOUNT),
	C("ordertotal(inctax)", I_FIELD), C("subtotal(extax)", I_LINE),
	C("subtotal(inctax)", I_FIELD), C("shippingcost(extax)", I_SHIPPING),
	C("shippingcost(inctax)", I_FIELD),
	C("handlingcost(extax)", I_HANDLING),
	C("handlingcost(inctax)", I_FIELD),
	C("ordercurrencycode", I_CURRENCY), C("totalquantity", I_QTY),
	C("productdetails", I_PRODUCTS), END
};
static const struct alias stripe[] = {
	C("id", I_REF), C("created(utc)", I_AT_UTC), C("created", I_AT),
	C("createddate(utc)", I_AT_UTC),	/* the unified export's */
	C("amount", I_AMOUNT), C("amountrefunded", I_REFUND),
	C("status", I_STATUS), K("customeremail", "email:"),
	K("customerid", "ext:"), C("customerdescription", I_NAME),
	C("cardname", I_NAME2),
	C("description", I_SUMMARY), C("disputedamount", I_DISPUTED),
	C("disputestatus", I_DISPUTE), C("refundeddate(utc)", I_REFUND_AT),
	END
};
/*
 * Stripe's payments with the account's own currency beside the charge's:
 * the converted amounts are revenue; the charge's are kept as fields
 * (its amount also scales a dispute's, which Stripe gives unconverted).
 */
static const struct alias stripe_converted[] = {
	C("id", I_REF), C("created(utc)", I_AT_UTC), C("created", I_AT),
	C("createddate(utc)", I_AT_UTC),
	C("convertedamount", I_AMOUNT), C("amount", I_ORIG_AMOUNT),
	C("convertedamountrefunded", I_REFUND), C("amountrefunded", I_FIELD),
	C("convertedcurrency", I_CURRENCY), C("currency", I_FIELD),
	C("status", I_STATUS), K("customeremail", "email:"),
	K("customerid", "ext:"), C("customerdescription", I_NAME),
	C("cardname", I_NAME2),
	C("description", I_SUMMARY), C("disputedamount", I_DISPUTED),
	C("disputestatus", I_DISPUTE), C("refundeddate(utc)", I_REFUND_AT),
	END
};
static const struct alias paypal[] = {
	C("date", I_AT), C("time", I_CLOCK), C("timezone", I_ZONE),
	C("name", I_NAME), C("type", I_TYPE), C("status", I_STATUS),
	C("gross", I_AMOUNT), K("fromemailaddress", "email:"),
	C("toemailaddress", I_PAYEE), C("transactionid", I_REF),
	C("itemtitle", I_PRODUCT), C("quantity", I_QTY),
	C("contactphonenumber", I_PHONE), C("subject", I_SUMMARY),
	C("note", I_FIELD), C("itemid", I_FIELD), END
};
static const struct alias square[] = {
	C("date", I_AT), C("time", I_CLOCK), C("timezone", I_ZONE),
	C("item", I_PRODUCT), C("qty", I_QTY), C("netsales", I_LINE),
	C("eventtype", I_TYPE), C("transactionid", I_REF),
	K("customerreferenceid", "ext:"), K("customerid", "ext:"),
	C("customername", I_NAME), C("sku", I_FIELD), END
};
/*
 * Square's Transactions export, a row a payment: Net Sales is the goods
 * after discounts (Gross Sales is before them; Total Collected has tax
 * and tip too).  A refund is a row of its own, Event Type Refund: its
 * Net Sales is the goods given back, its Partial Refunds a refund by
 * amount, which Square leaves out of Net Sales (square_refund()).
 */
static const struct alias square_tx[] = {
	C("date", I_AT), C("time", I_CLOCK), C("timezone", I_ZONE),
	C("netsales", I_AMOUNT), C("partialrefunds", I_PART_REFUND),
	C("eventtype", I_TYPE), C("transactionid", I_REF),
	K("customerreferenceid", "ext:"), K("customerid", "ext:"),
	C("customername", I_NAME), C("description", I_SUMMARY),
	C("grosssales", I_FIELD), C("discounts", I_FIELD),
	C("totalcollected", I_FIELD), C("transactionstatus", I_FIELD),
	C("channel", I_FIELD), C("source", I_FIELD), C("details", I_FIELD),
	END
};
/*
 * Etsy's orders: the goods are Order Value less Discount Amount, as its
 * order items file's lines add up; Order Total has shipping and tax too.
 */
static const struct alias etsy_orders[] = {
	C("saledate", I_AT), C("orderid", I_REF), K("buyeruserid", "ext:"),
	K("buyer", "ext:"), C("fullname", I_NAME), C("ordervalue", I_LINE),
	C("discountamount", I_DISCOUNT), C("ordertotal", I_FIELD),
	C("status", I_STATUS), C("firstname", I_FIELD),
	C("lastname", I_FIELD), C("sku", I_FIELD), END
};
static const struct alias etsy_items[] = {
	C("saledate", I_AT), C("orderid", I_REF), K("buyer", "ext:"),
	C("itemname", I_PRODUCT), C("quantity", I_QTY), C("price", I_PRICE),
	C("itemtotal", I_LINE), C("discountamount", I_DISCOUNT),
	C("shipname", I_NAME), C("transactionid", I_FIELD), END
};
/*
 * A help desk's ticket export: Freshdesk's (Ticket ID), Zendesk's (its
 * customer the Requester: Requester email, Requester id), Jira's (Issue
 * key) or Help Scout's (Conversation ID).  Its ticket's number is the
 * ref and the row's identity (keyed()): the same ticket exported again
 * with an edited subject is not a second complaint.  Its Type or
 * Ticket type is the ticket's (Question, Incident, Problem, Feature
 * Request), not which of crm's kinds a row is, which --kind says; its
 * agent is the interaction's owner, the way it came its channel,
 * Zendesk's Satisfaction Score (Good, Bad) the customer's rating, and
 * its Requester the requester's name, a new customer's (--add-customers;
 * Freshdesk's Full name is one by the common aliases).
 * Freshdesk's Survey results stay a field: what its cells say was not
 * found.
 */
static const struct alias tickets[] = {
	C("assignee", I_OWNER),		/* Zendesk's, Jira's */
	C("agent", I_OWNER),		/* Freshdesk's */
	C("assignedto", I_OWNER),	/* Help Scout's */
	C("ticketowner", I_OWNER),	/* HubSpot's, Zoho Desk's */
	C("issuekey", I_REF),		/* Jira's: SUP-101 */
	C("number", I_REF),		/* Help Scout's: 1041 */
	C("via", I_CHANNEL),		/* Zendesk's: Mail, Web form ... */
	C("source", I_CHANNEL),		/* Freshdesk's: Email, Portal ... */
	C("satisfactionscore", I_CSAT),
	/* Help Scout's Great, Okay, Not Good (csat_rating()) */
	C("rating", I_CSAT), C("happinessrating", I_CSAT),
	C("requester", I_NAME),		/* Zendesk's: Ann Lee */
	END
};

static int
ticket_export(char *const *norm, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(norm[i], "ticketid") == 0 ||
		    strcmp(norm[i], "issuekey") == 0 ||
		    strcmp(norm[i], "conversationid") == 0 ||
		    (strncmp(norm[i], "requester", 9) == 0 &&
		    keycol_rank(norm[i]) >= 0))
			return 1;
	return 0;
}

/*
 * The help desks' names of the ways a ticket came (Zendesk's Via, as its
 * export and its API's via types write them; Freshdesk's Source) that
 * are crm's channels (log.c folds those it knows: Mail, Email, Chat,
 * Phone); any other (Twitter, Web service (API), Closed ticket) is
 * stored as given.
 */
static const char *
ticket_channel(const char *v)
{
	static const struct {
		const char *via, *channel;
	} ways[] = {
		{ "web form", "web" }, { "web_form", "web" },
		{ "web widget", "web" }, { "web_widget", "web" },
		{ "portal", "web" }, { "feedback widget", "web" },
		{ "phone call (incoming)", "phone" },
		{ "phone call (outgoing)", "phone" },
		{ "phone call (outbound)", "phone" },
		{ "phone_call_inbound", "phone" },
		{ "phone_call_outbound", "phone" },
		{ "cti phone call (inbound)", "phone" },
		{ "cti phone call (outbound)", "phone" },
		{ "voicemail", "phone" }, { "cti voicemail", "phone" },
		{ "outbound email", "email" },
	};
	size_t i;

	for (i = 0; i < NELEM(ways); i++)
		if (strcasecmp(v, ways[i].via) == 0)
			return ways[i].channel;
	return v;
}

/*
 * Is v the word w, alone or before a space or `_' ("Good with comment",
 * good_with_comment), in any case?
 */
static int
csat_word(const char *v, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(v, w, n) == 0 && (v[n] == '\0' || v[n] == ' ' ||
	    v[n] == '_');
}

/*
 * A help desk's satisfaction as the interaction's rating: Zendesk's Good
 * or Bad (Satisfaction Score, "Good with comment" too) 5 or 1, so that
 * the satisfaction report's mean rating is 1 + 4 x the share rated good;
 * Help Scout's Great, Okay and Not Good (its API's great, ok, not-good)
 * 5, 3 and 1 on the same scale; Offered and Unoffered are no rating; a
 * digit 1 to 5 is one as it is.  NULL, or what is wrong.
 */
static const char *
csat_rating(const char *v, struct crm_ia *ia)
{
	if (csat_word(v, "good") || csat_word(v, "great"))
		ia->rating = 5;
	else if (csat_word(v, "okay") || csat_word(v, "ok"))
		ia->rating = 3;
	else if (csat_word(v, "bad") || strcasecmp(v, "not good") == 0 ||
	    strcasecmp(v, "not-good") == 0 || strcasecmp(v, "not_good") == 0)
		ia->rating = 1;
	else if (strlen(v) == 1 && *v >= '1' && *v <= '5')
		ia->rating = *v - '0';
	else if (strcasecmp(v, "offered") != 0 &&
	    strcasecmp(v, "unoffered") != 0)
		return "not a satisfaction (Good, Bad; Great, Okay, Not Good; "
		    "Offered, Unoffered; or a rating from 1 to 5)";
	return NULL;
}

/*
 * eBay's Orders report (Seller Hub, "Download report"): a row an item
 * sold, Sold For its unit price; Total Price has shipping and tax too.
 */
static const struct alias ebay[] = {
	C("ordernumber", I_REF), K("buyeremail", "email:"),
	K("buyerusername", "ext:"), C("buyername", I_NAME),
	C("itemtitle", I_PRODUCT), C("quantity", I_QTY),
	C("soldfor", I_PRICE), C("saledate", I_AT),
	C("shiptophone", I_PHONE), C("buyernote", I_SUMMARY),
	C("totalprice", I_FIELD), C("salesrecordnumber", I_FIELD), END
};
/*
 * The same report from ebay.de ("Bestellungen" > "Bericht
 * herunterladen"): ';' between cells, 1.116,99 € amounts, 10-Dez-25
 * dates (when.c reads German month names for %b).  Verkauft für is the
 * unit price; Gesamtbetrag has Verpackung und Versand too, as Total
 * Price has.
 */
static const struct alias ebay_de[] = {
	C("bestellnummer", I_REF), K("emaildeskäufers", "email:"),
	K("nutzernamedeskäufers", "ext:"), C("namedeskäufers", I_NAME),
	C("angebotstitel", I_PRODUCT), C("anzahl", I_QTY),
	C("verkauftfür", I_PRICE), C("verkauftam", I_AT),
	C("telefonnummerdesempfängers", I_PHONE),
	C("gesamtbetrag", I_FIELD), C("verkaufsprotokollnummer", I_FIELD),
	END
};
/*
 * Amazon Seller Central's order report (Orders > Order Reports, New
 * Orders; tab-separated, hyphenated headers): a row an item, item-price
 * the line's price (quantity x unit price), less item-promotion-discount;
 * item-tax and the shipping are not the goods.  order-item-id is
 * Amazon's own id of the line, not its place: the lines are numbered by
 * place and told apart by product.  The buyer's e-mail is Amazon's relay
 * address (...@marketplace.amazon.com), the same for each of her orders.
 */
static const struct alias amazon[] = {
	C("orderid", I_REF), C("orderitemid", I_FIELD), C("purchasedate", I_AT),
	C("paymentsdate", I_FIELD), K("buyeremail", "email:"),
	C("buyername", I_NAME), C("buyerphonenumber", I_PHONE),
	C("productname", I_PRODUCT), C("quantitypurchased", I_QTY),
	C("currency", I_CURRENCY), C("itemprice", I_LINE),
	C("itempromotiondiscount", I_DISCOUNT), C("sku", I_FIELD),
	C("itemtax", I_FIELD), C("shippingprice", I_FIELD),
	C("shippingtax", I_FIELD), C("shippromotiondiscount", I_FIELD),
	C("saleschannel", I_FIELD), END
};
/*
 * Amazon's Amazon Fulfilled Shipments report (FBA; Reports >
 * Fulfillment, GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL,
 * tab-separated): a row a shipment of an order's item, so an order
 * shipped in two parcels is two rows of one amazon-order-id, one order,
 * and a later report may hold the second shipment alone.  A row is
 * found again by its shipment-item-id, Amazon's id of it, not by its
 * place or its product (I_LINE_ID).  item-price is what the shipment's
 * quantity came to, as in the order report, less item-promotion-discount
 * (written there as a negative amount).
 */
static const struct alias amazon_fba[] = {
	C("amazonorderid", I_REF), C("shipmentitemid", I_LINE_ID),
	C("purchasedate", I_AT), K("buyeremail", "email:"),
	C("buyername", I_NAME), C("buyerphonenumber", I_PHONE),
	C("productname", I_PRODUCT), C("quantityshipped", I_QTY),
	C("currency", I_CURRENCY), C("itemprice", I_LINE),
	C("itempromotiondiscount", I_DISCOUNT), C("sku", I_FIELD),
	C("merchantorderid", I_FIELD), C("shipmentid", I_FIELD),
	C("amazonorderitemid", I_FIELD), C("paymentsdate", I_FIELD),
	C("shipmentdate", I_FIELD), C("reportingdate", I_FIELD),
	C("itemtax", I_FIELD), C("shippingprice", I_FIELD),
	C("shippingtax", I_FIELD), C("shippromotiondiscount", I_FIELD),
	C("saleschannel", I_FIELD), END
};
/*
 * Taobao's orders: 买家实际支付金额 (what the buyer paid) has the postage,
 * 买家应付邮费, too; 买家应付货款 is what the goods came to before a
 * voucher, so the goods are at most what was paid less the postage
 * (goods_paid()).
 */
static const struct alias taobao[] = {
	C("订单编号", I_REF), K("买家会员名", "ext:"),
	C("买家实际支付金额", I_AMOUNT), C("买家应付货款", I_LINE),
	C("买家应付邮费", I_SHIPPING),
	C("订单状态", I_STATUS),
	C("收货人姓名", I_NAME), C("联系手机", I_PHONE),
	C("订单创建时间", I_AT), C("宝贝标题", I_PRODUCT),
	C("宝贝总数量", I_QTY), C("买家留言", I_SUMMARY),
	C("订单备注", I_FIELD), END
};
static const struct alias jd[] = {
	C("订单号", I_REF), C("商品名称", I_PRODUCT), C("订购数量", I_QTY),
	C("下单时间", I_AT), C("京东价", I_PRICE), C("订单状态", I_STATUS),
	K("下单帐号", "ext:"), K("下单账号", "ext:"), C("客户姓名", I_NAME),
	C("联系电话", I_PHONE), C("订单备注", I_SUMMARY),
	C("订单金额", I_FIELD), C("应付金额", I_FIELD), END
};
static const struct alias youzan[] = {
	C("订单号", I_REF), C("订单状态", I_STATUS), C("买家付款时间", I_AT),
	K("收货人手机号/提货人手机号", "phone:"),
	C("全部商品名称", I_PRODUCT), C("订单实付金额", I_AMOUNT),
	C("买家备注", I_SUMMARY), C("商家订单备注", I_FIELD), END
};
/*
 * Tally's registers (Sales Register, Day Book: Display > Account Books,
 * exported to Excel or CSV): a voucher a row, its party's ledger (the
 * customer, by name) under Particulars, its Voucher Type, Voucher No.,
 * and Value, the goods before GST (Gross Total has the GST too).  Dates
 * 5-Nov-26; a last Grand Total row.  Its headers are reconstructed (C
 * in t/data/real/SOURCES.md).
 */
static const struct alias tally[] = {
	C("date", I_AT), K("particulars", ""), C("vouchertype", I_TYPE),
	C("voucherno.", I_REF), C("voucherno", I_REF), C("value", I_AMOUNT),
	C("grosstotal", I_FIELD), END
};
static const struct alias gumroad[] = {
	C("purchaseid", I_REF), C("itemname", I_PRODUCT),
	C("buyername", I_NAME), K("purchaseemail", "email:"),
	K("buyeremail", "email:"), C("purchasedate", I_AT),
	C("saleprice($)", I_AMOUNT), C("partialrefund($)", I_REFUND),
	C("fullyrefunded?", I_REFUNDED), C("quantity", I_QTY),
	C("disputed?", I_DISPUTED_YES), C("disputewon?", I_DISPUTE_WON),
	C("rating", I_FIELD), C("review", I_FIELD), END
};
static const struct alias paypal_de[] = {
	C("datum", I_AT), C("uhrzeit", I_CLOCK), C("zeitzone", I_ZONE),
	C("name", I_NAME), C("typ", I_TYPE), C("status", I_STATUS),
	C("brutto", I_AMOUNT), K("absenderemailadresse", "email:"),
	C("empfängeremailadresse", I_PAYEE), C("transaktionscode", I_REF),
	C("artikelbezeichnung", I_PRODUCT), C("anzahl", I_QTY),
	C("telefon", I_PHONE), C("betreff", I_SUMMARY),
	C("hinweis", I_FIELD), C("artikelnummer", I_FIELD), END
};
/*
 * PayPal's activity download in French: its types are Paiement Express
 * Checkout, Paiement sur site marchand, Remboursement (de paiement),
 * Virement standard, Conversion de devise générale (row_type()).
 */
static const struct alias paypal_fr[] = {
	C("date", I_AT), C("heure", I_CLOCK), C("fuseauhoraire", I_ZONE),
	C("nom", I_NAME), C("type", I_TYPE), C("état", I_STATUS),
	C("avantcommission", I_AMOUNT), C("brut", I_AMOUNT),
	K("del'adresseemail", "email:"), C("àl'adresseemail", I_PAYEE),
	C("numérodetransaction", I_REF), C("titredel'objet", I_PRODUCT),
	C("quantité", I_QTY), C("numérodetéléphoneducontact", I_PHONE),
	C("objet", I_SUMMARY), C("remarque", I_FIELD),
	C("numérodel'objet", I_FIELD), END
};
/*
 * Odoo's Sales > Orders list, exported: Total (amount_total) has the
 * taxes too; Untaxed Amount, when the export has it, is the goods.  The
 * customer is the partner's display name ("Azure Interior, Brandon
 * Freeman" for a company's contact), as crm-add read Odoo's contacts.
 */
static const struct alias odoo_orders[] = {
	C("orderreference", I_REF), C("orderdate", I_AT), K("customer", ""),
	C("salesperson", I_OWNER), C("untaxedamount", I_LINE),
	C("total", I_AMOUNT), C("status", I_STATUS), END
};
static const struct alias vend[] = {
	C("date", I_AT), C("receiptnumber", I_REF), C("linetype", I_TYPE),
	K("customercode", "ext:"), C("customername", I_NAME),
	C("note", I_SUMMARY), C("quantity", I_QTY), C("total", I_AMOUNT),
	C("status", I_STATUS), C("details", I_FIELD), END
};
static const struct alias pinduoduo[] = {
	C("商品", I_PRODUCT), C("订单号", I_REF), C("订单状态", I_STATUS),
	C("用户实付金额(元)", I_AMOUNT), C("商品数量(件)", I_QTY),
	C("收货人", I_NAME), C("手机", I_PHONE), C("支付时间", I_AT),
	C("售后状态", I_REFUNDED), C("商家备注", I_SUMMARY), END
};
static const struct alias weidian[] = {
	C("订单编号", I_REF), C("订单状态", I_STATUS), C("付款时间", I_AT),
	C("下单时间", I_FIELD), C("商品名称", I_PRODUCT),
	C("商品数量", I_QTY), C("实付金额", I_AMOUNT), C("订单金额", I_FIELD),
	C("收货人", I_NAME), C("联系电话", I_PHONE), C("买家备注", I_SUMMARY),
	END
};

/*
 * Accounting systems' invoice lists: a row an invoice, with what has
 * been paid of it (recv.c).  Xero's export has a row a line item, the
 * invoice's columns (its Total too) on each (S_INVOICE_REPEAT, as Zoho
 * Books'); Stripe's and QuickBooks' a row an invoice.
 */
static const struct alias xero[] = {
	C("contactname", I_NAME), K("emailaddress", "email:"),
	C("invoicenumber", I_REF), C("invoicedate", I_AT),
	C("duedate", I_DUE), C("total", I_AMOUNT),
	C("invoiceamountpaid", I_PAID), C("type", I_TYPE),
	C("status", I_STATUS), C("reference", I_FIELD),
	C("description", I_FIELD), C("quantity", I_FIELD),
	C("invoiceamountdue", I_OPEN), END
};
/*
 * Zoho Books' invoices (Sales > Invoices > Export, Invoice.csv): a row a
 * line item, the invoice's columns on each (S_INVOICE_REPEAT); Total is
 * the invoice's, Balance what is still owed of it, Last Payment Date
 * when it was paid, when the export has it (t/data/real/SOURCES.md).
 * The line's own columns are kept as fields of the invoice's first.
 */
static const struct alias zoho_invoices[] = {
	C("invoicedate", I_AT), C("invoicenumber", I_REF),
	C("invoiceid", I_FIELD), C("invoicestatus", I_STATUS),
	C("customername", I_NAME), K("customerid", "ext:"),
	C("duedate", I_DUE), C("total", I_AMOUNT), C("balance", I_OPEN),
	C("lastpaymentdate", I_PAID_AT), C("currencycode", I_CURRENCY),
	C("subtotal", I_FIELD), C("itemname", I_FIELD),
	C("itemdesc", I_FIELD), C("quantity", I_FIELD),
	C("itemprice", I_FIELD), C("itemtotal", I_FIELD), END
};
static const struct alias stripe_invoices[] = {
	C("number", I_REF), C("id", I_FIELD), K("customeremail", "email:"),
	K("customer", "ext:"), C("customername", I_NAME),
	C("amountdue", I_AMOUNT), C("amountpaid", I_PAID),
	C("status", I_STATUS), C("date(utc)", I_AT_UTC),
	C("duedate(utc)", I_DUE), C("paidat(utc)", I_PAID_AT),
	C("total", I_FIELD), C("amountremaining", I_FIELD), END
};
/*
 * FreshBooks' Invoice Details report: a row a line of an invoice, each
 * with the invoice's number, dates and status, its own Line Total
 * (t/data/real/SOURCES.md).  The client is found by name, as Xero's.
 */
static const struct alias freshbooks[] = {
	C("clientname", I_NAME), C("invoice#", I_REF),
	C("dateissued", I_AT), C("datedue", I_DUE),
	C("invoicestatus", I_STATUS), C("datepaid", I_PAID_AT),
	C("linetotal", I_AMOUNT), C("itemname", I_FIELD),
	C("itemdescription", I_FIELD), C("quantity", I_FIELD),
	C("rate", I_FIELD), END
};
/*
 * QuickBooks Online's Sales by Customer Detail report: rows grouped
 * under a row of the customer's name alone, in a first column with no
 * header (S_GROUPED: in_group()), then a row a line of an invoice or
 * sales receipt, "Total for NAME" and a last TOTAL, skipped and counted
 * (t/data/real/SOURCES.md).  Credit Memo and Refund Receipt are returns.
 */
static const struct alias qbo_sales[] = {
	K("", ""), C("date", I_AT), C("transactiontype", I_TYPE),
	C("num", I_REF), C("product/service", I_PRODUCT),
	C("memo/description", I_SUMMARY), C("qty", I_QTY),
	C("salesprice", I_PRICE), C("amount", I_LINE),
	C("balance", I_FIELD), END
};
/*
 * QuickBooks Online's Transaction List by Customer: grouped as Sales by
 * Customer Detail is (S_GROUPED), a row a transaction: Invoice and Sales
 * Receipt sales, Refund and Credit Memo returns, a Payment skipped (its
 * invoice is the sale), and a row of Posting No (an Estimate, in no
 * books) skipped (t/data/real/SOURCES.md).
 */
static const struct alias qbo_txlist[] = {
	K("", ""), C("date", I_AT), C("transactiontype", I_TYPE),
	C("num", I_REF), C("posting", I_POSTING),
	C("memo/description", I_SUMMARY), C("account", I_FIELD),
	C("amount", I_AMOUNT), C("split", I_FIELD), END
};
static const struct alias quickbooks[] = {
	C("date", I_AT), C("transactiontype", I_TYPE), C("num", I_REF),
	K("customer", ""), K("name", ""), C("duedate", I_DUE),
	C("amount", I_AMOUNT), C("openbalance", I_OPEN),
	C("memo/description", I_SUMMARY), END
};

/*
 * Ko-fi's transactions export (Ko-fi, Payments, Download CSV): a row a
 * payment, Received what the supporter paid, From their name (which
 * --add-customers gives them), Message the summary; its
 * TransactionType (Donation, Shop Order, Subscription, Commission) is
 * money received each, kept as a field.  A tip of no e-mail (From
 * Anonymous) is no customer's: skipped and counted (S_KEY_ONLY).
 */
static const struct alias kofi[] = {
	C("datetime(utc)", I_AT_UTC), C("from", I_NAME),
	C("message", I_SUMMARY), C("item", I_PRODUCT),
	C("received", I_AMOUNT), C("given", I_FIELD),
	C("currency", I_CURRENCY), C("transactiontype", I_FIELD),
	C("transactionid", I_REF), K("buyeremail", "email:"),
	C("reference", I_FIELD), END
};

/*
 * Braintree's Transaction Search export (t/data/real/SOURCES.md): a row
 * a transaction, Transaction Type sale or credit (a refund, its Refunded
 * Transaction ID the sale's: S_CREDITS); the money taken is Amount
 * Submitted For Settlement (Amount Authorized has declined and voided
 * ones' too); Created Datetime is local to each row's Created Timezone;
 * the buyer is Customer First and Last Name, her e-mail and Braintree's
 * Customer ID.  Service Fee is Braintree's, never revenue: a field.
 */
/*
 * eBay's Transaction report (Payments, Reports, 2023 on): lines of the
 * report's own before its header, "--" for an empty cell (S_DASH_EMPTY);
 * a row an Order, Refund, Other fee, Payout, Shipping label ...: the
 * orders are sales and the refunds returns, the rest eBay's and the
 * seller's, skipped and counted.  Gross transaction amount has the tax
 * eBay collected for the state (eBay collected tax), never the seller's:
 * taken off (I_MKT_TAX).  The buyer is her Buyer username, as in the
 * Orders report (ebay[]), so that both find her.
 */
static const struct alias ebay_tx[] = {
	C("transactioncreationdate", I_AT), C("type", I_TYPE),
	C("ordernumber", I_REF), K("buyerusername", "ext:"),
	C("buyername", I_NAME), C("grosstransactionamount", I_AMOUNT),
	C("ebaycollectedtax", I_MKT_TAX), C("transactioncurrency", I_CURRENCY),
	C("itemtitle", I_PRODUCT), C("quantity", I_QTY),
	C("description", I_SUMMARY), END
};
static const struct alias braintree[] = {
	C("transactionid", I_REF), C("transactiontype", I_TYPE),
	C("transactionstatus", I_STATUS), C("createddatetime", I_AT),
	C("createdtimezone", I_ZONE), C("currencyisocode", I_CURRENCY),
	C("amountsubmittedforsettlement", I_AMOUNT),
	C("amountauthorized", I_FIELD), C("servicefee", I_FIELD),
	K("customeremail", "email:"), K("customerid", "ext:"),
	C("customerfirstname", I_FIRST), C("customerlastname", I_LAST),
	C("customercompany", I_COMPANY), C("customerphone", I_PHONE),
	C("orderid", I_FIELD), C("refundedtransactionid", I_FIELD),
	C("settlementdate", I_FIELD), C("disbursementdate", I_FIELD),
	C("merchantaccount", I_FIELD), END
};

/*
 * Big Cartel's orders (Orders, Download CSV), one row an order, its items
 * packed in one Items cell: header unverified (no copy of it was found,
 * t/data/real/SOURCES.md).  The goods are Item total less Discount
 * total, as other shops' are (line_amount, order_discount); Shipping
 * total, Tax total and Total price are kept as fields, never revenue.
 * Number is the order's; Item count its units.
 */
static const struct alias bigcartel[] = {
	C("number", I_REF), K("buyeremail", "email:"),
	C("buyerfirstname", I_FIRST), C("buyerlastname", I_LAST),
	C("buyerphonenumber", I_PHONE), C("items", I_PRODUCTS),
	C("itemcount", I_QTY), C("itemtotal", I_LINE),
	C("discounttotal", I_ORDER_DISCOUNT), C("shippingtotal", I_FIELD),
	C("taxtotal", I_FIELD), C("totalprice", I_AMOUNT),
	C("currency", I_CURRENCY), C("paymentstatus", I_STATUS),
	C("createdat", I_AT), C("completedat", I_FIELD), END
};

/*
 * Mollie's settlement report (t/data/real/SOURCES.md): a row a payment,
 * refund, chargeback or fee; Status paidout a payment settled; ID the
 * payment's own (tr_..., re_..., chb_...), its ref, never a customer's
 * number; Consumer name the buyer.  A refund's or chargeback's row is at
 * a minus: its return.  A row of no consumer (Mollie's fees, a refund
 * it writes without the name) is nobody's: skipped and counted.
 */
static const struct alias mollie[] = {
	C("date", I_AT), C("paymentmethod", I_FIELD),
	C("currency", I_CURRENCY), C("amount", I_AMOUNT),
	C("status", I_STATUS), C("id", I_REF), C("description", I_SUMMARY),
	C("consumername", I_NAME), C("consumerbankaccount", I_FIELD),
	C("consumerbic", I_FIELD), C("settlementcurrency", I_FIELD),
	C("settlementamount", I_FIELD), C("settlementreference", I_FIELD),
	C("amountrefunded", I_FIELD), END
};

static const struct sys systems[] = {
	{ "xero", { "contactname", "invoicenumber", "duedate" }, NULL, NULL,
	    S_INVOICES | S_INVOICE_REPEAT, xero },
	{ "stripe", { "amountdue", "amountpaid", "number" }, NULL, NULL,
	    S_INVOICES, stripe_invoices },
	{ "zohobooks", { "invoiceid", "invoicenumber", "invoicestatus" },
	    NULL, NULL, S_INVOICES | S_INVOICE_REPEAT, zoho_invoices },
	{ "freshbooks", { "clientname", "invoice#", "invoicestatus" },
	    "%m/%d/%Y", NULL, S_INVOICES | S_INVOICE_LINES, freshbooks },
	{ "quickbooks", { "transactiontype", "num", "product/service" },
	    "%m/%d/%Y", NULL, S_LINES | S_GROUPED | S_TOTALS, qbo_sales },
	{ "quickbooks", { "transactiontype", "num", "posting" }, "%m/%d/%Y",
	    NULL, S_GROUPED | S_TOTALS, qbo_txlist },
	{ "quickbooks", { "transactiontype", "num", "openbalance" },
	    "%m/%d/%Y", NULL, S_INVOICES | S_TOTALS | S_PAY_ROWS, quickbooks },
	{ "squarespace", { "orderid", "financialstatus", "lineitemname" },
	    NULL, NULL, S_LINES, squarespace },
	{ "shopify", { "financialstatus", "lineitemname", NULL }, NULL, NULL,
	    S_LINES, shopify },
	{ "woocommerce", { "ordernumber", "email(billing)", NULL }, NULL,
	    NULL, S_LINES, woo_plugin },
	{ "woocommerce", { "ordernumber", "email(billing)", NULL }, NULL,
	    NULL, 0, woo_rows },	/* the plugin's, no item column */
	{ "woocommerce", { "ordernumber", "billingemail", "itemtotal" }, NULL,
	    NULL, S_LINES, woo_items },
	{ "woocommerce", { "ordernumberformatted", "ordershipping",
	    "billingemail" }, NULL, NULL, 0, woo_legacy },
	{ "woocommerce", { "ordernumber", "billingemail", NULL }, NULL, NULL,
	    0, woo_rows },
	{ "woocommerce", { "ordernumber", "billingemailaddress", NULL }, NULL,
	    NULL, 0, woo_rows },
	{ "woocommerce", { "ordernumber", "customeremail", "ordertotal" },
	    NULL, NULL, 0, woo_rows },
	{ "wix", { "ordernumber", "contactemail", "paymentstatus" }, NULL,
	    NULL, S_ORDER_ROWS, wix },
	{ "magento", { "purchasedate", "grandtotal(purchased)", NULL }, NULL,
	    NULL, S_CLOSED_REFUND, magento },
	{ "bigcommerce", { "orderid", "subtotal(extax)", "ordertotal(extax)" },
	    NULL, NULL, 0, bigcommerce },
	{ "stripe", { "convertedamount", "customeremail", "status" }, NULL,
	    NULL, S_PAYMENTS | S_NOBODY_SKIP, stripe_converted },
	{ "stripe", { "amountrefunded", "customeremail", "status" }, NULL,
	    NULL, S_PAYMENTS | S_NOBODY_SKIP, stripe },
	{ "stripe", { "createddate(utc)", "customeremail", "status" }, NULL,
	    NULL, S_PAYMENTS | S_NOBODY_SKIP, stripe },
	{ "paypal", { "fromemailaddress", "transactionid", "gross" },
	    "%m/%d/%Y %H:%M:%S", NULL, S_REFUND_ROWS | S_NOBODY_SKIP |
	    S_PAYMENTS | S_SALE_REF, paypal },
	{ "square", { "eventtype", "netsales", "item" }, NULL, NULL,
	    S_LINES | S_REFUND_ROWS | S_NOBODY_SKIP, square },
	{ "square", { "eventtype", "netsales", "totalcollected" }, NULL,
	    NULL, S_REFUND_ROWS | S_NOBODY_SKIP, square_tx },
	{ "etsy", { "saledate", "itemname", "orderid" }, "%m/%d/%y", NULL,
	    S_LINES, etsy_items },
	{ "etsy", { "saledate", "orderid", "buyer" }, "%m/%d/%y", NULL, 0,
	    etsy_orders },
	{ "ebay", { "salesrecordnumber", "ordernumber", "soldfor" },
	    "%b-%d-%y", NULL, S_LINES, ebay },
	{ "ebay", { "verkaufsprotokollnummer", "bestellnummer",
	    "verkauftfür" }, "%d-%b-%y", NULL, S_LINES | S_DECIMAL_COMMA,
	    ebay_de },
	{ "amazon", { "orderitemid", "buyeremail", "itemprice" }, NULL, NULL,
	    S_LINES, amazon },
	{ "amazon", { "amazonorderid", "shipmentitemid", "quantityshipped" },
	    NULL, NULL, S_LINES, amazon_fba },
	{ "taobao", { "订单编号", "买家会员名", NULL }, NULL, "+0800", 0,
	    taobao },
	{ "jd", { "订单号", "京东价", NULL }, NULL, "+0800", S_LINES, jd },
	{ "youzan", { "订单号", "订单实付金额", NULL }, NULL, "+0800", 0,
	    youzan },
	{ "tally", { "particulars", "vouchertype", "value" }, "%d-%b-%y",
	    NULL, S_TOTALS | S_VOUCHERS, tally },
	{ "gumroad", { "purchaseid", "purchaseemail", "saleprice($)" }, NULL,
	    NULL, S_TOTALS, gumroad },
	{ "paypal", { "absenderemailadresse", "transaktionscode", "brutto" },
	    "%d.%m.%Y %H:%M:%S", NULL, S_REFUND_ROWS | S_NOBODY_SKIP |
	    S_PAYMENTS | S_DECIMAL_COMMA | S_SALE_REF, paypal_de },
	{ "paypal", { "del'adresseemail", "numérodetransaction",
	    "avantcommission" }, "%d/%m/%Y %H:%M:%S", NULL, S_REFUND_ROWS |
	    S_NOBODY_SKIP | S_PAYMENTS | S_DECIMAL_COMMA | S_SALE_REF,
	    paypal_fr },
	{ "paypal", { "del'adresseemail", "numérodetransaction", "brut" },
	    "%d/%m/%Y %H:%M:%S", NULL, S_REFUND_ROWS | S_NOBODY_SKIP |
	    S_PAYMENTS | S_DECIMAL_COMMA | S_SALE_REF, paypal_fr },
	{ "vend", { "receiptnumber", "linetype", "customercode" }, NULL, NULL,
	    S_SALE_ROWS, vend },
	{ "odoo", { "orderreference", "orderdate", "status" }, NULL, NULL, 0,
	    odoo_orders },
	{ "pinduoduo", { "订单号", "用户实付金额(元)", "收货人" }, NULL,
	    "+0800", 0, pinduoduo },
	{ "weidian", { "订单编号", "实付金额", "收货人" }, NULL, "+0800", 0,
	    weidian },
	{ "kofi", { "received", "buyeremail", "transactionid" }, NULL, NULL,
	    S_NOBODY_SKIP | S_KEY_ONLY, kofi },
	{ "ebay", { "transactioncreationdate", "grosstransactionamount",
	    "buyerusername" }, "%b %d, %Y", NULL, S_PAYMENTS | S_DASH_EMPTY,
	    ebay_tx },
	{ "bigcartel", { "buyeremail", "itemtotal", "discounttotal" }, NULL,
	    NULL, 0, bigcartel },
	{ "mollie", { "consumername", "settlementamount",
	    "settlementreference" }, NULL, NULL, S_PAYMENTS | S_NOBODY_SKIP |
	    S_NAME_KEY, mollie },
	{ "braintree", { "amountsubmittedforsettlement", "transactionstatus",
	    "createdtimezone" }, "%m/%d/%Y %H:%M:%S", NULL, S_PAYMENTS |
	    S_NOBODY_SKIP | S_CREDITS | S_SALE_REF, braintree },
};

/*
 * Does a header cell name a column crm reads: a customer's (as crm-add
 * knows them), or one a report's export is known by whose header is
 * under the report's lines (eBay's Transaction creation date)?  The
 * reader then finds it under its lines of a label and a value (eBay's
 * Start date, "Oct 1, 2026").  Not every system's: a bare Status or
 * Number is no header's sign, and a line "Status,Open" above a table
 * stays a label's.
 */
int
crm_ia_header_known(const char *name)
{
	char *norm;
	size_t s, k;
	int r = crm_header_known(name);

	if (r)
		return r;
	norm = crm_norm_header(name);
	for (s = 0; s < NELEM(systems) && !r; s++)
		for (k = 0; k < 3 && systems[s].sig[k] && !r &&
		    (systems[s].flags & S_DASH_EMPTY); k++)
			r = strcmp(norm, systems[s].sig[k]) == 0;
	free(norm);
	return r;
}

/*
 * Has a file a column a layout of lines reads for the line (its
 * product, quantity, price or line total)?  Without one, a system's
 * file is its one row per order (the WooCommerce plugin's order fields
 * alone), the next entry of systems[] that fits.
 */
static int
line_columns(const struct sys *sys, char *const *norm, size_t n)
{
	const struct alias *a;
	size_t i;

	for (i = 0; i < n; i++)
		for (a = sys->cols; a->from; a++)
			if (strcmp(norm[i], a->from) == 0 && (a->to ==
			    I_PRODUCT || a->to == I_QTY || a->to == I_QTY_NET ||
			    a->to == I_PRICE || a->to == I_LINE ||
			    a->to == I_LINE_NET || a->to == I_ITEM))
				return 1;
	return 0;
}

/* Has the header any of the columns cols (NULL-terminated, or NULL)? */
static int
has_any(char *const *norm, size_t n, const char *const *cols)
{
	size_t i;

	for (; cols && *cols; cols++)
		for (i = 0; i < n; i++)
			if (strcmp(norm[i], *cols) == 0)
				return 1;
	return 0;
}

/*
 * Does a file give each row an item's own price and quantity that a
 * system's table of one row per order does not know (Item Price, Item
 * Quantity beside Order Total: a shop's line-item export)?  Then it is
 * not that system's: WooCommerce's order rows have no item price, and a
 * file of lines read as one row an order lost its orders' second lines
 * as "already there" (qa47 F1).  The file is read as lines of its own
 * (item_rows()).
 */
static const char *const item_prices[] = { "itemprice", "lineitemprice",
    "itemunitprice", "productprice", "priceperitem", NULL };
static const char *const item_qtys[] = { "itemquantity", "itemqty",
    "lineitemquantity", "productquantity", "quantity", "qty", NULL };

static int
foreign_lines(const struct sys *sys, char *const *norm, size_t n)
{
	const struct alias *a;
	int price = 0, qty = 0;
	size_t i;

	if (sys->flags & (S_LINES | S_INVOICES | S_PAYMENTS))
		return 0;
	for (i = 0; i < n; i++) {
		for (a = sys->cols; a->from && strcmp(norm[i], a->from); a++)
			;
		if (a->from)
			continue;	/* the system's own column */
		price |= has_any(&norm[i], 1, item_prices);
		qty |= has_any(&norm[i], 1, item_qtys);
	}
	return price && qty;
}

static const struct sys *
sys_find(char *const *norm, size_t n)
{
	size_t s, k, i;
	int ok;

	for (s = 0; s < NELEM(systems); s++) {
		ok = (!(systems[s].flags & S_LINES) ||
		    line_columns(&systems[s], norm, n)) &&
		    !foreign_lines(&systems[s], norm, n);
		for (k = 0; k < 3 && systems[s].sig[k] && ok; k++) {
			for (i = 0; i < n; i++)
				if (strcmp(norm[i], systems[s].sig[k]) == 0)
					break;
			ok = i < n;
		}
		if (ok && !(systems[s].cols == squarespace &&
		    has_any(norm, n, squarespace_not)))
			return &systems[s];
	}
	return NULL;
}

static const struct alias *
lookup(const struct alias *a, const char *norm)
{
	for (; a && a->from; a++)
		if (strcmp(norm, a->from) == 0)
			return a;
	return NULL;
}

/*
 * A header's name as lookup() finds it, or without its dots when that
 * finds none: "Order No." is "Order No", "Qty." is "Qty".
 */
static const struct alias *
lookup_dotless(const struct alias *a, const char *norm)
{
	const struct alias *r;
	char *t, *d;
	const char *s;

	if ((r = lookup(a, norm)) || strchr(norm, '.') == NULL)
		return r;
	t = d = crm_xmalloc(strlen(norm) + 1);
	for (s = norm; *s; s++)
		if (*s != '.')
			*d++ = *s;
	*d = '\0';
	r = *t ? lookup(a, t) : NULL;
	free(t);
	return r;
}

/* What a column of an interaction file becomes. */
struct col {
	int to;
	const char *prefix;	/* I_KEY */
	char *field;		/* I_FIELD: the extra field's name */
	char *score;		/* I_SCORE: the indicator */
	const struct crm_optcol *opt;	/* it says whether to send e-mail */
	int opt_every;		/* every row opted out: Mailchimp's files */
};

/* The order being read, when an export has one row per line item. */
struct order {
	char *ref;		/* its number */
	char **first;		/* its first row's values, per column */
	long long item;		/* the line being read */
	long long goods;	/* what its purchases came to */
	long long coupon, coupon_left;	/* its discount, what is left of it */
	long long subtotal, before;	/* its goods, and its lines' so far,
					 * before the discount */
	long long ret_id;	/* the return its refund column made, */
	long long ret_amount;	/* of this amount */
	int ret_seen, ret_had;	/* its return was there: as logged, */
	long long ret_was, ret_file;	/* and as the refund column says */
	long ret_line;
	long long *taken;	/* the interactions its lines are (by_product) */
	size_t ntaken, ctaken;
};

/* Rows an export holds that are nobody's purchase: counted, said once. */
#define SKIP_WORDS 4
struct skip {
	const char *why;
	long n;
	char *words[SKIP_WORDS];	/* the first few statuses or types */
	size_t nwords;
	int more;		/* another word, not kept */
};
enum { SK_STATUS, SK_TYPE, SK_NOBODY, SK_FREE, SK_PART, SK_SUBTOTALS,
	SK_TOTALS, SK_INVOICE, SK_FOOTER, SK_ERASED, SK_UNSETTLED,
	SK_INVLINE, SK_INVREPEAT, SK_INTERNAL, SK_TEXT, SK_OPEN, SK_NOT_HELD,
	SK_NOT_YET, SK_ORDER_LINE, SK_N };

/*
 * The import's customers by e-mail, in memory: a row's customer is found
 * without a query once the map has it.  It holds what a query would
 * answer (the customers of the database when the file is big next to
 * them, then each customer found by a query), and nothing else: a miss
 * asks the database, as before, so a map that is full is only slower.
 * Its memory is bounded: KEYMAP_TEXT for the addresses and ids (some
 * 390,000 addresses of 22 characters), at most KEYMAP_MAX of them, so
 * at most 2^19 slots of 8 bytes: 16 MB in all.  It was twice that (24
 * MB, 699,050 addresses), which with the rest put a load of 10,000,000
 * rows over issue 16's 64 MB; the time the smaller map costs is in
 * bench/README.md (*Memory*).  CRM_KEYMAP_MAX (tests only, HACKING.md)
 * bounds the addresses instead, to prove what happens past the bound.
 * Open addressing: a slot is an offset into text (0: empty), where the
 * customer's id precedes its address.
 */
#define KEYMAP_TEXT	(12 << 20)	/* addresses and ids */
#define KEYMAP_MAX	(KEYMAP_TEXT / 32)	/* 3/4 of 2^19 slots at most */
#define IA_ROW_BYTES	64	/* a row of an export, about: for an estimate */
/*
 * Rows whose line is remembered, to say "the same as line N" of a row
 * read twice in a file (past it: "the same as a row above"): 4 MB.
 */
#define IA_LINES_MAX	(1 << 20)
/*
 * The keys the filter of a load into an empty table (x->seen) is sized
 * for on SQLite, whose page cache and WAL index are the process's: 4
 * MiB at most, 16 bits a key up to 2,097,152 rows, then more of them
 * wrongly "maybe" (about 2% at 4,000,000, a third at 10,000,000), each
 * only the look-up every row had without the filter; 8 MiB would put a
 * load of 10,000,000 rows near issue 16's 64 MB (bench/README.md, *Bulk
 * loads*).  PostgreSQL's is crm_seen_init's.
 */
#define IA_SEEN_KEYS	(1 << 21)

struct keymap {
	uint32_t *slot;		/* offsets into text, 0 for none */
	uint32_t *hash;		/* each slot's hash, to skip most compares */
	size_t nslot, n, max;
	char *text;
	size_t len, cap;
};

static uint32_t
km_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h ? h : 1;
}

static struct keymap *
km_new(void)
{
	struct keymap *m = crm_xcalloc(1, sizeof *m);
	const char *s = getenv("CRM_KEYMAP_MAX");

	m->max = KEYMAP_MAX;
	if (s && *s)
		m->max = strtoul(s, NULL, 10);
	m->nslot = 1024;
	m->slot = crm_xcalloc(m->nslot, sizeof *m->slot);
	m->hash = crm_xcalloc(m->nslot, sizeof *m->hash);
	m->len = 1;	/* offset 0 is "none" */
	m->cap = 4096;
	m->text = crm_xmalloc(m->cap);
	return m;
}

static void
km_free(struct keymap *m)
{
	if (m == NULL)
		return;
	free(m->slot);
	free(m->hash);
	free(m->text);
	free(m);
}

/* The slot of e, or the empty slot where it would go. */
static size_t
km_find(const struct keymap *m, const char *e, uint32_t h)
{
	size_t i = h & (m->nslot - 1);

	while (m->slot[i] && (m->hash[i] != h ||
	    strcmp(m->text + m->slot[i] + sizeof(long long), e) != 0))
		i = (i + 1) & (m->nslot - 1);
	return i;
}

static long long
km_get(const struct keymap *m, const char *e)
{
	size_t i = km_find(m, e, km_hash(e));
	long long id;

	if (m->slot[i] == 0)
		return 0;
	memcpy(&id, m->text + m->slot[i], sizeof id);
	return id;
}

static void
km_grow(struct keymap *m)
{
	uint32_t *slot = m->slot, *hash = m->hash;
	size_t i, j, n = m->nslot;

	m->nslot *= 2;
	m->slot = crm_xcalloc(m->nslot, sizeof *m->slot);
	m->hash = crm_xcalloc(m->nslot, sizeof *m->hash);
	for (i = 0; i < n; i++) {
		if (slot[i] == 0)
			continue;
		for (j = hash[i] & (m->nslot - 1); m->slot[j];
		    j = (j + 1) & (m->nslot - 1))
			;
		m->slot[j] = slot[i], m->hash[j] = hash[i];
	}
	free(slot);
	free(hash);
}

/* Remember e's customer, unless the map is full: 0, or -1 when full. */
static int
km_put(struct keymap *m, const char *e, long long id)
{
	size_t i, need = sizeof id + strlen(e) + 1;
	uint32_t h = km_hash(e);

	if (m->n >= m->max || m->len + need > KEYMAP_TEXT)
		return -1;
	if ((m->n + 1) * 4 > m->nslot * 3)
		km_grow(m);
	if (m->slot[i = km_find(m, e, h)])
		return 0;
	while (m->len + need > m->cap) {
		m->cap = m->cap * 2 < KEYMAP_TEXT ? m->cap * 2 : KEYMAP_TEXT;
		m->text = crm_xrealloc(m->text, m->cap);
	}
	memcpy(m->text + m->len, &id, sizeof id);
	memcpy(m->text + m->len + sizeof id, e, need - sizeof id);
	m->slot[i] = (uint32_t)m->len, m->hash[i] = h;
	m->len += need;
	m->n++;
	return 0;
}

/*
 * The customers' addresses, when the file has about as many rows as the
 * database has customers or more (one pass over the e-mail index costs
 * less than a query a customer); as many as the map holds.
 */
static void
km_load(struct crm_db *db, struct keymap *m, long long rows)
{
	struct crm_stmt *st;

	if (rows < crm_query_int(db, 0, "SELECT max(id) FROM customers",
	    NULL))
		return;
	st = crm_prepare(db, "SELECT email, id FROM customers WHERE email IS "
	    "NOT NULL");
	while (crm_step(st) == CRM_ROW &&
	    km_put(m, crm_col_text(st, 0), crm_col_int(st, 1)) == 0)
		;
	crm_finalize(st);
}

/*
 * The key map's key for a key cell: an e-mail as crm stores it, an id
 * with its kind before it (and a byte no address has), so that it is
 * never taken for an address.  Allocated.
 */
static char *
km_key(const char *prefix, const char *v)
{
	size_t np, nv;
	char *k;

	if (strcmp(prefix, "email:") == 0)
		return crm_key_email(v);
	/* Not crm_xasprintf: it was 2% of an import that has ids. */
	v = crm_trim((char *)v);
	np = strlen(prefix), nv = strlen(v);
	k = crm_xmalloc(np + nv + 2);
	k[0] = '\001';
	memcpy(k + 1, prefix, np);
	memcpy(k + 1 + np, v, nv + 1);
	return k;
}

/*
 * PayPal's currency conversions: a payment in another currency than the
 * account's is followed (or preceded) by two "General Currency
 * Conversion" rows whose Reference Txn ID is the payment's Transaction
 * ID, one taking its amount out in its currency, one putting it in in the
 * account's.  The last few conversions are kept by that id, and a payment
 * in another currency than the database's waits for its pair (until a
 * row that is not one of its conversions), to be logged in the
 * database's currency at its rate, or refused as any other.
 */
#define FX_RECENT	16
struct fx_pair {
	char ref[40];		/* the payment's Transaction ID */
	long long home, away;	/* the amounts in and out, minor units */
	char away_code[8];	/* the currency taken out */
	int has_home, has_away;
};
struct fx {
	int col;		/* Reference Txn ID, -1 for none */
	struct fx_pair recent[FX_RECENT];
	size_t next;		/* the oldest of recent, reused next */
	struct crm_rec held;	/* a payment waiting for its pair */
	int holding;
	const struct fx_pair *use;	/* the pair of the row being logged */
};

/*
 * How many rows of the file so far were like each row read (the same
 * customer and all crm_ia_find() compares, hashed): the n-th like row is
 * the n-th like interaction, so two like sales of a day are two, and the
 * file read again finds each its own.  Open addressing; an entry is the
 * row's 64-bit hash less its low 16 bits, which hold the count instead.
 */
struct occ {
	unsigned long long *keys;	/* hash << 16 | count, 0 empty */
	size_t cap, n, max;
	int spilled;		/* temp.like_rows made */
};

/*
 * The map holds at most OCC_MAX rows' keys (2^20 slots of 8 bytes: 8 MB),
 * so that a file of millions of rows without refs keeps the import's
 * memory bounded; the keys of rows past it are counted in a temporary
 * table instead, which SQLite keeps on disk past its cache.  CRM_OCC_MAX
 * (tests only, HACKING.md) bounds the map lower, to prove the table.
 */
#define OCC_MAX		(1u << 19)

/*
 * What the cells of a column crm does not read look like (look_row()):
 * what a part the file lacks would hold, said after the import.
 */
enum { LK_DATE = 1, LK_CODE = 2, LK_STATE = 4, LK_QTY = 8,
	LK_EPOCH = 16 };	/* a time column's seconds since 1970 */

#define LK_CODES	4	/* the codes a column's note names */
struct look {
	int bits;		/* what every cell so far could be */
	long n;			/* its cells that are not empty */
	char code[LK_CODES][4];	/* its currency codes, the first first */
	int ncodes, more;	/* how many; more than LK_CODES */
	int other;		/* a second code, or a state but paid */
	char first[16];		/* its first cell, for LK_EPOCH's note */
	/* LK_DATE's --date-formats (crm_date_formats_narrow), of its first
	 * LK_DATE_LOOKS cells: the note's --map reads them with it */
	unsigned long long mask;
	int needs;
};
#define LK_DATE_LOOKS	100

/*
 * What an invoice list says was paid of an invoice, held until its
 * Payment rows have dated it (S_PAY_ROWS, pay_settle()): the part logged
 * already (taken by the first payments) and the part still to log.
 */
struct inv_part {
	long long customer, done, need;
	char *ref, *owner, *summary;
	char at[CRM_TIME_LEN], paid_at[CRM_TIME_LEN];
	long line;
};

/* A Payment row of an invoice list: what it applied, when, its line. */
struct pay_row {
	long long customer, amount;
	long long unlisted;	/* of it, paid of invoices the file does not
				 * list, logged now or before (pay_unlisted) */
	char at[CRM_TIME_LEN];
	long line;
};

/* A credit note of an invoice list not applied yet (credit_settle()). */
struct credit {
	long long customer, amount;
	char *ref, *label;
	char at[CRM_TIME_LEN];
	long line;
};

#define IA_TWINS	8	/* headers written twice that are said */
struct ia_ctx {
	struct crm_db *db;
	struct crm_rd *rd;
	char *const *names;
	size_t n;
	struct col *cols;
	int at[I_NTARGETS];	/* the column of each target, -1 for none */
	int second_ref, second_qty;	/* read under a second name */
	const struct sys *sys;
	struct crm_keycol kc;
	int has_key;
	int twins[IA_TWINS][2];	/* a column read, its namesake (twins()) */
	int ntwins;
	const struct crm_ia *defaults;
	struct crm_import *im;
	struct crm_ia_import *opts;
	struct order order;
	struct skip plugin;	/* orders of a status a plugin added, sales
				 * (plugin_status()) */
	long shop_local;	/* a shop's times of no zone read in TZ */
	int shop_local_col;	/* the column of the first (say_shop_zone) */
	struct {		/* the amounts above a totals row (tot_add) */
		long long sum;
		long long net;	/* with returns' amounts taken off */
		long rows;
		int bad;	/* a cell not read, a sum past 64 bits, two
				 * currencies: nothing to compare */
		char *currency;
	} tot;
	int og_rows;		/* order_rows(): 1 yes, -1 no, 0 not known */
	int og_lines;		/* its rows are lines after all (og_decide) */
	int item_rows;		/* a file of no system, a row an item of its
				 * order (item_rows()) */
	int coupon_differs;	/* said: an order's rows of two discounts */
	int og_sure;		/* its amount's header or system says whose
				 * total it is: the file is not asked */
	struct crm_buf og_cells;	/* the cells of the first row of the
				 * order whose rows are read as one, */
	size_t *og_at;		/* where each begins in them (same_order) */
	size_t og_n;		/* how many */
	struct skip skips[SK_N];
	struct {		/* refunds of no customer (nobody_refund()) */
		long n, line[4];
		long long sum;	/* their amounts, > 0 */
	} refunds_nobody;
	int erased;		/* the erased list: 0 not read, 1 empty, 2 not */
	struct keymap *km;	/* e-mail -> customer, for the import */
	struct keymap *byname;	/* name and phone -> customer (by_name) */
	int byname_full;	/* it could not hold them all */
	struct keymap *phones;	/* a phone's digits -> customer */
	struct keymap *phones_many;	/* digits two customers' phones have */
	int phones_full;	/* they could not hold them all */
	int call_dir, call_from, call_to;	/* a call log's Direction,
				 * From and To (call_log_key()), or -1 */
	int call_ftype, call_ttype;	/* or 3CX's from-type and to-type */
	int call_fname, call_tname;	/* the caller's and the callee's
				 * names (call_names()), or -1 */
	int call_name;		/* the row's other party's (call_side()) */
	int call_talk;		/* 8x8's Talk Time (call_log_talk()), or -1 */
	int calls;		/* a call log's shape (call_log()) */
	long line;		/* the line of the row being read */
	uint32_t *lines;	/* the line of each interaction it logged, */
	size_t nlines;		/* by its id less the first's */
	struct crm_currency currency;	/* the database's (row_currency) */
	/* On an engine that wants them (crm_bulk's next): the id of the
	 * next interaction, else 0.  Into an empty table, the keys of the
	 * rows logged (ia_key): a row none had is no row's again. */
	long long next;
	struct crm_seen seen;
	struct occ occ;		/* like rows of the file so far */
	const char *resolved;	/* the row's complaint's resolution, or NULL */
	long untimed;		/* complaints solved by Status, with no time */
	char ahead[CRM_TIME_LEN];	/* now and a day: money after it is */
	int partial_said;	/* a partial refund of no amount, said once */
	int goods_less;		/* the amount is a Subtotal before the order's
				 * discount, taken off it (goods_column()) */
	struct part_refund *prs;	/* Square's Partial Refunds (square_refund) */
	size_t nprs;
	long future, future_line;	/* a typo: counted, the first's line */
	int qty_net;		/* the lines read are less their refunds */
	int tickets;		/* a help desk's (ticket_export()) */
	int score_col;		/* a bare Score read as a rating by its
				 * cells + 1, or - (its column + 1) when
				 * not: an NPS survey's (nps_file()) */
	struct fx fx;		/* PayPal's conversions (fx_row) */
	int date_col;		/* whole_time()'s date column + 1, or 0 */
	char date_at[CRM_TIME_LEN];	/* a row's time by that date alone */
	struct look *looks;	/* what unread columns' cells look like */
	int inc_total;		/* BigCommerce's Order Total (inc tax), or -1 */
	int lead_id;		/* a Meta lead form's id (record_id), or -1 */
	char *inv_ref;		/* the invoice whose lines were summed */
	char *group;		/* the customer of a grouped report's rows */
	int group_end;		/* its TOTAL read: the rest is its footer */
	long paid_now;		/* invoices' payments of no date: at now */
	struct inv_part *parts;	/* paid parts held for Payment rows */
	size_t nparts;
	struct pay_row *pays;	/* a list's Payment rows (S_PAY_ROWS) */
	size_t npays;
	long long pay_left;	/* of them, what settles nothing paid */
	long pay_left_n, pay_left_line;
	long long pay_unlisted;	/* of them, what paid invoices of crm's
				 * the file does not list (pay_unlisted) */
	long pay_unlisted_n, pay_unlisted_line;
	char *unlisted_refs[3];	/* those invoices, the first few, */
	int unlisted_nrefs, unlisted_more;	/* and more not named */
	struct credit *credits;	/* credit notes not applied yet */
	size_t ncredits;
	long long credit_left;	/* of them, what settles nothing open */
	long credit_left_n, credit_left_line;
	int act;		/* another CRM's activities (act_file()) */
	int phone_log;		/* a phone system's log: a Direction */
	int record_ref;		/* the ref is the activity's own id */
	int done_col[4], done_how[4];	/* its columns that say whether */
	int ndone;		/* it took place (act_done()) */
	int owner_id;		/* the owner column may hold ids (OWNERID) */
	long look_rows;		/* the rows read, not footers (look_say()) */
	int at_alt[3], nat_alt;	/* an activity's other times (act_time()) */
	int done_at;		/* 1 + the column of when a task was marked
				 * done, when its due date is its time; 0 */
	int event_file;		/* Salesforce's Event.csv (act_ahead()) */
	struct crm_buf html;	/* a row's HTML summary as text */
	char *html_key;		/* the field its HTML is kept as */
	long html_n;		/* such summaries, said once (say_html()) */
	int deal_id, deal_title;	/* 1 + the columns that name an
				 * activity's deal by its id, by its title
				 * (act_deal_cols()); 0 for none */
	int deal_what;		/* deal_id is a WhatId: not only deals' */
	int deal_related;	/* 1 + vtiger's Related To: a deal's title
				 * or an organisation's (row_deal()) */
	int deal_linked;	/* the row's deal was found (row_deal()) */
	struct nodeal {		/* rows whose deal was not linked, by why */
		long n, line;	/* how many, the first's line */
		char *said;	/* and its cell, as said */
	} nodeal[3];
};

/* Count a row of s, and keep word, one of the first few. */
static void
skip_word(struct skip *s, const char *word)
{
	size_t i;

	s->n++;
	if (word == NULL || *word == '\0')
		return;
	for (i = 0; i < s->nwords; i++)
		if (strcmp(s->words[i], word) == 0)
			return;
	if (s->nwords < SKIP_WORDS)
		s->words[s->nwords++] = crm_xstrdup(word);
	else
		s->more = 1;
}

static void
skipped(struct ia_ctx *x, int why, const char *word)
{
	crm_import_skip(x->im);
	skip_word(&x->skips[why], word);
}

static void
say_skipped(struct ia_ctx *x)
{
	static const char *const why[SK_N] = {
		"not a purchase", "not a customer's payment",
		"no customer named", "nothing paid",
		"part of the sale above", "subtotals, not a sale",
		"totals, not a sale",
		"not an invoice sent",
		"a report's footer, not a sale",
		"a customer erased on request",
		"a payment that settles no invoice logged is not a second "
		    "sale; log the invoice first to take it",
		"lines of the invoice above, summed into it",
		"lines of the invoice above, its total counted once",
		"an internal call, no customer's",
		"a text message, not a call: crm has no kind for it",
		"not done yet",
		"did not take place",
		"not held yet (it starts after now)",
		"more items of an order above",
	};
	struct skip *s;
	char num[32];
	size_t i;
	int k;

	for (k = 0; k < SK_N; k++) {
		s = &x->skips[k];
		if (s->n == 0)
			continue;
		fprintf(stderr, "%s: %s: %s row%s skipped: %s", crm_prog,
		    crm_rd_name(x->rd), crm_fmt_count(s->n, num),
		    s->n == 1 ? "" : "s", why[k]);
		for (i = 0; i < s->nwords; i++)
			fprintf(stderr, "%s%s", i ? ", " : " (", s->words[i]);
		fprintf(stderr, "%s", s->more ? ", ...)" : s->nwords ? ")" :
		    "");
		if (k == SK_ORDER_LINE)	/* which columns said so */
			fprintf(stderr, "; the rows of one %s with one %s are "
			    "one order's items, its %s counted once",
			    x->names[x->at[I_REF]], x->names[x->at[I_AMOUNT]],
			    x->names[x->at[I_AMOUNT]]);
		if (k == SK_ORDER_LINE && !x->og_sure)	/* og_decide() */
			fprintf(stderr, " (the file cannot tell: if each "
			    "row's %s is its own line's, %s %s logs every "
			    "row)", x->names[x->at[I_AMOUNT]],
			    crm_optname("map"), crm_map_word(
			    x->names[x->at[I_AMOUNT]], "amount"));
		fprintf(stderr, "%s\n", k == SK_SUBTOTALS ? "; a customer's "
		    "sale? a date, e-mail or id in its row keeps it" :
		    k == SK_OPEN ? "; open tasks are reminders, not "
		    "contacts: crm-remind import FILE adds them" :
		    k == SK_NOT_YET ? "; a planned event is a reminder, not "
		    "a contact: crm-remind import FILE adds it" : "");
		for (i = 0; i < s->nwords; i++)
			free(s->words[i]);
	}
}

/*
 * Is a column's value kept as an extra field?  Everything the interaction
 * does not hold already: an order's state, its unit price and discount,
 * the billing name and phone, and every column crm has no name for.
 */
static int
kept(int t)
{
	switch (t) {
	case I_FIELD: case I_STATUS: case I_TYPE: case I_PRICE:
	case I_DISCOUNT: case I_REFUND: case I_NAME: case I_FIRST:
	case I_LAST: case I_PHONE: case I_PAYEE: case I_COMPANY:
	case I_NAME2: case I_QTY_NET: case I_LINE_NET: case I_CANCELLED:
	case I_CURRENCY: case I_ORIG_AMOUNT:
	case I_DISPUTED: case I_DISPUTE: case I_REFUND_AT: case I_RESOLVED:
	case I_STATE: case I_DISPUTED_YES: case I_DISPUTE_WON:
	case I_KIND_WORD: case I_SHIPPING: case I_HANDLING:
	case I_ORDER_DISCOUNT: case I_ORDER_GOODS: case I_PART_REFUND:
	case I_CSAT: case I_LINE_ID: case I_TITLE: case I_PRODUCTS:
	case I_PAY_STATUS: case I_TAX: case I_REF_ALT: case I_REFUNDS:
	case I_MKT_TAX: case I_POSTING:
		return 1;
	}
	return 0;
}

/* An extra field's name: its header, or "column N" for none. */
static char *
field_name(char *const *names, const struct col *cols, size_t i)
{
	char *name = crm_trim(names[i]);
	size_t j;

	if (*name == '*')	/* Xero's mark of a required column */
		name = crm_trim(name + 1);
	if (*name == '\0')
		return crm_xasprintf("column %zu", i + 1);
	for (j = 0; j < i; j++)
		if (cols[j].field && strcmp(cols[j].field, name) == 0)
			return crm_xasprintf("%s (column %zu)", name, i + 1);
	return crm_xstrdup(name);
}

/*
 * crm's own names of an invoice's open and paid parts, for --map: a
 * bare Open or Paid header is as often a yes/no column, so it is read
 * only when --map names it.
 */
static int
bare_word(const char *norm)
{
	return strcmp(norm, "open") == 0 || strcmp(norm, "paid") == 0;
}

/* Is the file an invoice list: --kind invoice, or a system's invoices? */
static int
invoices(const struct ia_ctx *x)
{
	const char *kind = x->defaults->kind;

	return kind ? strcmp(kind, "invoice") == 0 :
	    x->sys && (x->sys->flags & S_INVOICES);
}

/*
 * One column's target: --map, the system's table, an invoice list's
 * names, the general names.
 */
static void
map_col(struct ia_ctx *x, size_t i, const char *norm, const char *mapped)
{
	struct col *c = &x->cols[i];
	const struct alias *a;
	char *t;

	c->to = -1;
	if (mapped && strcmp(crm_trim((char *)mapped), "-") == 0) {
		c->to = I_SKIP;	/* dropped on purpose */
		return;
	}
	if (crm_header_secret(norm)) {
		c->to = I_SECRET;
		return;
	}
	if (!mapped && crm_header_rejects(norm)) {
		c->to = I_SKIP;	/* our own rejects file's, fixed */
		return;
	}
	t = crm_norm_header(mapped ? mapped : norm);
	if (mapped && strcmp(t, "nps") == 0) {
		c->to = I_NPS;	/* a Net Promoter survey's answer */
	} else if (mapped && (strcmp(t, "price") == 0 ||
	    strcmp(t, "unitprice") == 0)) {
		c->to = I_PRICE;	/* times the quantity (line_amount) */
	} else if (strncmp(t, "score:", 6) == 0 && t[6]) {
		c->to = I_SCORE;
		c->score = crm_xstrdup(strchr(mapped ? mapped : x->names[i],
		    ':') + 1);
	} else if ((!mapped && x->sys && (a = lookup(x->sys->cols, t))) ||
	    (!mapped && x->tickets && (a = lookup(tickets, t))) ||
	    (invoices(x) && (a = lookup_dotless(ia_invoice, t)) &&
	    (mapped || !bare_word(t))) ||
	    (a = lookup_dotless(ia_aliases, t))) {
		c->to = a->to, c->prefix = a->prefix;
	} else if (crm_header_buyer(t) == CRM_C_NAME) {
		c->to = I_NAME;	/* an order's buyer, as crm-add reads it */
	}
	free(t);
	if (c->to < 0)
		c->to = I_FIELD;
}

/*
 * The customer's key columns of a known system, in the order its table
 * gives them; 0 when it has one.
 */
static int
sys_keys(struct ia_ctx *x, char *const *norm)
{
	const struct alias *a;
	size_t i;
	int k = 0;

	for (a = x->sys->cols; a->from; a++) {
		if (a->to != I_KEY)
			continue;
		for (i = 0; i < x->n; i++) {
			if (x->cols[i].to != I_KEY || strcmp(norm[i], a->from))
				continue;
			if (k++ == 0) {
				x->kc.col = i, x->kc.prefix = a->prefix;
				x->kc.name = x->names[i];
			} else if (x->kc.nalt < CRM_KEYS_MAX) {
				x->kc.alt[x->kc.nalt] = i;
				x->kc.altprefix[x->kc.nalt++] = a->prefix;
			}
		}
	}
	x->kc.names = x->names;
	return k ? 0 : -1;
}

/*
 * An e-mail names a customer best: a shop's customer number is its own
 * (BigCommerce's 0 is every guest), an e-mail is the person's.  When a
 * file has both, the e-mail is tried first, the number after.
 */
static void
prefer_email(struct crm_keycol *kc)
{
	size_t j, col;
	const char *prefix;

	if (strcmp(kc->prefix, "email:") == 0)
		return;
	for (j = 0; j < kc->nalt; j++)
		if (strcmp(kc->altprefix[j], "email:") == 0)
			break;
	if (j == kc->nalt)
		return;
	col = kc->alt[j], prefix = kc->altprefix[j];
	memmove(kc->alt + 1, kc->alt, j * sizeof *kc->alt);
	memmove(kc->altprefix + 1, kc->altprefix, j * sizeof *kc->altprefix);
	kc->alt[0] = kc->col, kc->altprefix[0] = kc->prefix;
	kc->col = col, kc->prefix = prefix;
}

/*
 * Is a second key column another system's number for the customer (a
 * shop's Customer ID beside its e-mail)?  Kept with the interaction, as
 * every column crm has no place for; crm's own id and external_id are
 * the customer's already.
 */
static int
foreign_number(const char *prefix, const char *norm)
{
	return strcmp(prefix, "email:") != 0 && strcmp(norm, "id") != 0 &&
	    strcmp(norm, "externalid") != 0;
}

/*
 * Stripe's balance history (id, Type, Source, Amount, Fee, Net, ...,
 * Available On (UTC), Transfer): charges, refunds, payouts and fees, its
 * id a balance transaction's txn_..., and no customer in it.
 */
static int
stripe_balance(const char *norm)
{
	return strcmp(norm, "availableon(utc)") == 0 ||
	    strcmp(norm, "availableon") == 0;
}

/*
 * A bare "id" beside a customer's own columns (Paddle's customer_id and
 * customer_email, a Stripe balance's Customer, a help desk's Requester
 * email, Aircall's contact_email) or in a call log (a Direction column:
 * Aircall's, Vonage's, whose customer is From or To) is the record's id,
 * a payment's txn_..., a ticket's number, a call's: its ref, not a
 * customer (qa29 F3: Aircall's calls added customers named 1001, 1002).
 * So is another CRM's activity's ID or Record ID beside the columns of
 * the person it is with (Salesforce's WHOID, HubSpot's Associated
 * Contact IDs: keycols' who), and a Meta lead form's lead id beside its
 * form_id (qa30 F2, qa31 F1: read as the customer, they added one
 * customer per activity, per lead).
 */
static void
record_id(struct ia_ctx *x, char *const *norm, char **eff)
{
	size_t i, id = x->n;
	int customer = 0, ref = 0, r;

	for (i = 0; i < x->n; i++) {
		if ((strcmp(norm[i], "id") == 0 ||
		    strcmp(norm[i], "recordid") == 0) && id == x->n)
			id = i;
		r = keycol_rank(norm[i]);
		customer |= ((strncmp(norm[i], "customer", 8) == 0 ||
		    strncmp(norm[i], "requester", 9) == 0 ||	/* Zendesk */
		    strncmp(norm[i], "contact", 7) == 0) && r >= 0) ||
		    keycol_who(r) ||	/* a CRM's activity */
		    strcmp(norm[i], "formid") == 0 ||	/* Meta's lead */
		    strcmp(norm[i], "direction") == 0 ||
		    strcmp(norm[i], "calldirection") == 0 ||
		    stripe_balance(norm[i]);
		ref |= x->cols[i].to == I_REF;
	}
	if (id == x->n || !customer || x->cols[id].to != I_FIELD)
		return;
	if (crm_header_has(x->names, x->n, "formid") && !ref)
		x->lead_id = (int)id;
	x->cols[id].to = ref ? I_FIELD : I_REF;
	eff[id][0] = '\0';	/* no longer a key column */
}

/*
 * A system without a buyer's id or e-mail (拼多多, 微店) names its
 * customer by name and phone, as by_name() finds one; an accounting
 * system's invoice list (Xero's ContactName) by name alone.
 */
static int
by_name_phone(struct ia_ctx *x)
{
	size_t i;
	int name = 0, phone = 0;

	for (i = 0; x->sys && i < x->n; i++) {
		if (x->cols[i].to == I_NAME && !name++)
			x->kc.name = x->names[i];
		phone |= x->cols[i].to == I_PHONE;
	}
	return name && (phone || (x->sys->flags & (S_INVOICES | S_NAME_KEY)));
}

/*
 * A quantity or line total less what was refunded of it (WooCommerce's
 * Quantity (- Refund), Order Line Total (- Refund)) is the line's when
 * the file has no other: its lines are then what the buyer kept, so the
 * order's refund column would take the refund back twice; it is kept as
 * a field instead.
 */
static void
net_column(struct ia_ctx *x, int from, int to)
{
	int q = x->at[from], f = x->at[I_REFUND];

	x->cols[q].to = to;
	free(x->cols[q].field);
	x->cols[q].field = NULL;
	x->at[to] = q, x->at[from] = -1;
	x->qty_net = 1;
	if (f >= 0) {
		x->cols[f].to = I_FIELD;
		x->at[I_REFUND] = -1;
	}
}

static int data_row(const struct crm_rec *rec);

/*
 * The line of a header under a title block ("Exported from ...",
 * "Period: ...", each padded with commas as a spreadsheet saves it, so
 * the reader did not take them for notes): the first of the next lines
 * that names a customer's column.  0 for none.  The file is refused
 * already: reading on costs nothing.
 */
static long
header_below(struct ia_ctx *x)
{
	struct crm_keycol kc;
	struct crm_rec rec;
	int k;

	for (k = 0; k < 20 && crm_rd_next(x->rd, &rec) == CRM_REC_OK; k++)
		if (rec.n > 1 && !data_row(&rec) &&
		    crm_keycol_find(rec.f, rec.n, &kc) == 0)
			return rec.line;
	return 0;
}

/*
 * Is rec a row of data, not a header: a cell holds an e-mail address or
 * a number (Judge.me's row whose source is "email" has its reviewer's
 * address and rating beside it: qa20 F6)?
 */
static int
data_row(const struct crm_rec *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strchr(rec->f[i], '@') || crm_is_amount(rec->f[i]))
			return 1;
	return 0;
}

/*
 * Is the header read a table's own, not a title block's line: a column
 * crm reads (a rating, a time, a kind ...) among cells most of which
 * name something ("Exported from Shop,,,," is one cell and commas)?
 * Then no line below it is taken for the header: the lines below are
 * its rows.
 */
static int
header_read(const struct ia_ctx *x)
{
	size_t i, named = 0;
	int read = 0, t;

	for (i = 0; i < x->n; i++) {
		named += *crm_trim(x->names[i]) != '\0';
		t = x->cols[i].to;
		read |= t < I_KEY || t == I_AT_UTC;
	}
	return read && 2 * named > x->n;
}

/*
 * A call log's columns of the two parties' numbers (Twilio's From and
 * To, 3CX's CDR from-no and to-no) and of which way the call went: the
 * column, or -1.
 */
static int
header_col(char *const *norm, size_t n, const char *const *names)
{
	size_t i, k;

	for (k = 0; names[k]; k++)
		for (i = 0; i < n; i++)
			if (strcmp(norm[i], names[k]) == 0)
				return (int)i;
	return -1;
}

/* Twilio's and Vonage's From, 3CX's CDR from-no, 8x8's Caller, Zoom's
 * caller_number; To, to-no, Callee, callee_number */
static const char *const from_heads[] = { "from", "fromno", "fromnumber",
    "caller", "callernumber", NULL };
static const char *const to_heads[] = { "to", "tono", "tonumber", "callee",
    "calleenumber", NULL };
static const char *const way_heads[] = { "direction", "calldirection",
    NULL };
/* 3CX's CDR: which side is an outside line (from-type, to-type) */
static const char *const ftype_heads[] = { "fromtype", NULL };
static const char *const ttype_heads[] = { "totype", NULL };
/* Dialpad's: the other party's number and the firm's, either way */
static const char *const ext_heads[] = { "externalnumber", NULL };
static const char *const int_heads[] = { "internalnumber", NULL };
/* The caller's name and the callee's: Zoom's caller_name, callee_name;
 * 8x8's Caller Name, Callee Name; 3CX's from-dispname, to-dispname;
 * Twilio's Call resource's caller_name (an inbound call's caller ID);
 * a layout crm does not know as --map names them ('Who=from name') */
static const char *const fname_heads[] = { "callername", "fromname",
    "fromdispname", NULL };
static const char *const tname_heads[] = { "calleename", "toname",
    "todispname", NULL };
/* How long the parties talked: 8x8's Talk Time, 00:00:00 on a call its
 * Status calls Completed that nobody answered (no Answer Time) */
static const char *const talk_heads[] = { "talktime", NULL };
/*
 * A call's own id, its ref (call_id_ref()): Twilio's Call SID (its Call
 * resource's sid), Zoom Phone's call_id, 8x8's Call ID, 3CX's callid,
 * Dialpad's call_id.  Not Twilio's Parent Call SID nor Account SID.
 */
static const char *const call_ids[] = { "callid", "callsid", "sid", NULL };

/*
 * Does a file with no customer's column look like a call log: a call
 * log's status or a Direction beside a Duration (call_log()), a
 * Direction, or a header that speaks of calls (Call Type, Caller ID)?
 */
static int
call_shaped(const struct ia_ctx *x, char *const *norm)
{
	size_t i;

	if (x->calls || header_col(norm, x->n, way_heads) >= 0)
		return 1;
	for (i = 0; i < x->n; i++)
		if (strstr(norm[i], "call"))
			return 1;
	return 0;
}

/*
 * The columns whose cells in the first row are phone numbers, the first
 * two, for a hint (else "COLUMN"): a caller's and a called number.  A
 * number has a + or nine digits at least, not a date's eight.
 */
static void
number_cols(struct ia_ctx *x, const char **a, const char **b)
{
	const struct crm_rec *rec = crm_rd_peek(x->rd, 0);
	const char *v;
	size_t i, k, digits;

	*a = *b = "COLUMN";
	for (i = 0; rec && i < x->n && i < rec->n; i++) {
		v = crm_trim(rec->f[i]);
		for (k = 0, digits = 0; v[k]; k++)
			digits += v[k] >= '0' && v[k] <= '9';
		if (!phone_shaped(v) || (*v != '+' && digits < 9))
			continue;
		if (strcmp(*a, "COLUMN") == 0)
			*a = x->names[i];
		else {
			*b = x->names[i];
			return;
		}
	}
}

/*
 * A call log's columns crm does not know (qa29 F9): --map names its two
 * numbers From and To, and its direction, so that the direction says
 * which is the customer's, as in a log crm knows; a customer's column
 * would take the firm's own number on every call out.
 */
static int
no_call_column(struct ia_ctx *x, char *const *norm, const char *from,
    const char *to)
{
	char way[160] = "";

	if (strstr(from, "=customer"))	/* a log of one number */
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "if this is a call log and its one number the other "
		    "party's, say so with {map} %s", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd), from);

	if (header_col(norm, x->n, way_heads) < 0)
		snprintf(way, sizeof way, ", and which way each call went "
		    "with %s 'COLUMN=direction'", crm_optname("map"));
	return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: if "
	    "this is a call log, say which column holds the caller's number "
	    "and which the called number with {map} %s {map} %s%s (the "
	    "customer is From on a call in, To on a call out); or the "
	    "customer's own column with {map} 'COLUMN=customer'",
	    crm_rd_name(x->rd), crm_rd_header_line(x->rd), from, to, way);
}

/* A file with no customer's column, refused saying what to do. */
static int
no_customer_column(struct ia_ctx *x, char *const *norm)
{
	const char *a, *b;
	char caller[200], called[200];
	int d, from;
	long line;

	number_cols(x, &a, &b);	/* before the lines below are read */
	snprintf(caller, sizeof caller, "%s", crm_map_word(a, "from"));
	snprintf(called, sizeof called, "%s", crm_map_word(b, "to"));
	if (strcmp(a, "COLUMN") != 0 && strcmp(b, "COLUMN") == 0)
		snprintf(caller, sizeof caller, "%s", crm_map_word(a,
		    "customer"));	/* one number: the other party's */
	line = header_read(x) ? 0 : crm_rd_header_below(x->rd, &d);

	if (line == 0 && !header_read(x))
		line = header_below(x);

	if (line > 1)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "line %ld looks like the header, under a title block: "
		    "delete the lines above it", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd), line);
	/* Amazon's All Orders report (amazon-order-id, purchase-date,
	 * last-updated-date, order-status ...) has no buyer at all: no
	 * --map can help.  Not an FBA shipments report (its own dates). */
	if (crm_header_has(x->names, x->n, "amazonorderid") &&
	    crm_header_has(x->names, x->n, "purchasedate") &&
	    crm_header_has(x->names, x->n, "lastupdateddate"))
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "Amazon's All Orders report names no buyer (no e-mail, "
		    "name or id), so its orders are no customer's; crm reads "
		    "Amazon's order report (Orders, Order Reports: buyer-email) "
		    "and its Amazon Fulfilled Shipments report (FBA), which do",
		    crm_rd_name(x->rd), crm_rd_header_line(x->rd));
	/* Shopify Payments' payout transactions (Payouts, Export): Stripe's
	 * Available On and Net, with a Payout Status and the order's
	 * Checkout: charges, refunds, chargebacks, fees, no buyer (qa39 F6) */
	if (header_col(norm, x->n, (const char *const[]){ "availableon",
	    NULL }) >= 0 && crm_header_has(x->names, x->n, "net") &&
	    (crm_header_has(x->names, x->n, "payoutstatus") ||
	    crm_header_has(x->names, x->n, "cardsource")))
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "Shopify Payments' payout transactions name no buyer (its "
		    "Order is the order's number, its charges' buyers are not "
		    "in it); crm reads Shopify's orders export (Orders, "
		    "Export: Email), which does", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd));
	/* Etsy's payments statement (Date, Type, Title or Description,
	 * Info, Currency, Amount, Fees & Taxes, Net): sales, fees and
	 * deposits by order number alone */
	if (crm_header_has(x->names, x->n, "fees&taxes") &&
	    crm_header_has(x->names, x->n, "net"))
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "Etsy's payments statement names no buyer (a sale is an "
		    "order's number alone); crm reads Etsy's orders, "
		    "EtsySoldOrders (Download Data: Buyer User ID), which do",
		    crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd));
	if (header_col(norm, x->n, (const char *const[]){ "availableon(utc)",
	    "availableon", NULL }) >= 0 && crm_header_has(x->names, x->n,
	    "net"))
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "Stripe's balance history names no customer (its id is a "
		    "balance transaction's, its charges' buyers are not in "
		    "it); crm reads Stripe's payments export (Payments, "
		    "Export: Customer Email), which does",
		    crm_rd_name(x->rd), crm_rd_header_line(x->rd));
	if ((from = header_col(norm, x->n, from_heads)) >= 0 &&
	    header_col(norm, x->n, to_heads) >= 0)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no customer column: "
		    "a call log's numbers, and no Direction column to say "
		    "whether %s or %s is the customer's: say which with {map} "
		    "%s", crm_rd_name(x->rd), crm_rd_header_line(x->rd),
		    x->names[from], x->names[header_col(norm, x->n, to_heads)],
		    crm_map_word(x->names[from], "customer"));
	if (call_shaped(x, norm))
		return no_call_column(x, norm, caller, called);
	return crm_no_customer_column(x->names, x->n, crm_rd_name(x->rd),
	    crm_rd_header_line(x->rd));
}

/*
 * A call log's column of one part (its From, To or Direction): one that
 * --map names so ('Caller=from': a layout crm does not know), else one
 * under a header of that name not mapped to something else; -1 for none.
 */
static int
call_col(const struct ia_ctx *x, char *const *norm, char *const *eff,
    const char *mapped, const char *const *names)
{
	char *t;
	size_t i, k;
	int found = -1;

	for (i = 0; i < x->n && found < 0; i++) {
		if (!mapped[i])
			continue;
		t = crm_norm_header(eff[i]);
		for (k = 0; names[k] && found < 0; k++)
			if (strcmp(t, names[k]) == 0)
				found = (int)i;
		free(t);
	}
	for (k = 0; names[k] && found < 0; k++)
		for (i = 0; i < x->n && found < 0; i++)
			if (!mapped[i] && strcmp(norm[i], names[k]) == 0)
				found = (int)i;
	return found;
}

/*
 * A call log with no customer column names the other party by number:
 * From on an inbound call, To on an outbound one, as its Direction says,
 * or the side that is an outside line as 3CX's from-type and to-type say
 * (call_side()).  The key is then that phone (phone_customer()), never
 * the firm's own number on the other side.  The columns by their headers
 * (Twilio's From and To, 8x8's Caller and Callee, Zoom's caller_number
 * and callee_number), or as --map names them ('Caller=from',
 * 'Callee=to', 'Way=direction').  Dialpad's external_number beside its
 * internal_number is the other party's number whichever way the call
 * went.
 */
static void
call_log_key(struct ia_ctx *x, char *const *norm, char *const *eff,
    const char *mapped)
{
	int from = call_col(x, norm, eff, mapped, from_heads);
	int to = call_col(x, norm, eff, mapped, to_heads);
	int way = call_col(x, norm, eff, mapped, way_heads);
	int ft = header_col(norm, x->n, ftype_heads);
	int tt = header_col(norm, x->n, ttype_heads);
	int ext = header_col(norm, x->n, ext_heads);

	if (ext >= 0 && !mapped[ext] && x->cols[ext].to == I_FIELD &&
	    header_col(norm, x->n, int_heads) >= 0)
		from = to = ext, way = -1;	/* Dialpad's */
	else if (from < 0 || to < 0 || (way < 0 && (ft < 0 || tt < 0)) ||
	    x->cols[from].to != I_FIELD || x->cols[to].to != I_FIELD)
		return;
	memset(&x->kc, 0, sizeof x->kc);
	x->kc.col = (size_t)from, x->kc.prefix = "phone:";
	x->kc.names = x->names, x->kc.name = x->names[from];
	x->call_from = from, x->call_to = to, x->call_dir = way;
	if (way < 0 && from != to)
		x->call_ftype = ft, x->call_ttype = tt;
	x->has_key = 1;
}

/*
 * A call log read by direction (call_log_key()) names the other party
 * by the caller's name on a call in and the callee's on a call out, as
 * it reads her number (call_side(), row_name()): the other name is the
 * firm's own user's (qa32 F1: Zoom's caller_name mapped as the full
 * name named a customer after the user who made the call out).  The
 * columns by their headers (fname_heads, tname_heads) or as --map names
 * them ('Who=from name', 'Whom=to name'); they stay extra fields.  Such
 * a column mapped as the customer's name is refused: it is hers on some
 * rows only.  0, or -1 with the error recorded (exit 65).
 */
static int
call_names(struct ia_ctx *x, char *const *norm, char *const *eff,
    const char *mapped)
{
	int f, t;
	size_t i;

	x->call_fname = x->call_tname = x->call_name = -1;
	if (x->call_from < 0 || x->call_from == x->call_to)
		return 0;	/* Dialpad's: one party's number */
	for (i = 0; i < x->n; i++) {
		int in = header_col(&norm[i], 1, fname_heads) == 0;

		if (!mapped[i] || (x->cols[i].to != I_NAME &&
		    x->cols[i].to != I_NAME2 && x->cols[i].to != I_FIRST &&
		    x->cols[i].to != I_LAST) ||
		    (!in && header_col(&norm[i], 1, tname_heads) != 0))
			continue;
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s: the %s name is "
		    "the firm's own user's on a call %s, so it is no "
		    "customer's name on every row: without that {map} crm "
		    "reads it as hers on calls %s, and the %s name on calls "
		    "%s", crm_rd_name(x->rd), crm_rd_header_line(x->rd),
		    x->names[i], in ? "caller's" : "callee's",
		    in ? "out" : "in", in ? "in" : "out",
		    in ? "callee's" : "caller's", in ? "out" : "in");
	}
	f = call_col(x, norm, eff, mapped, fname_heads);
	t = call_col(x, norm, eff, mapped, tname_heads);
	if (f >= 0 && x->cols[f].to == I_FIELD && f != x->call_from &&
	    f != x->call_to)
		x->call_fname = f;
	if (t >= 0 && x->cols[t].to == I_FIELD && t != x->call_from &&
	    t != x->call_to && t != f)
		x->call_tname = t;
	return 0;
}

/*
 * A call log's two numbers and its direction name the other party, and
 * a bare Email beside them is the firm's user's whose log it is (a Zoom
 * Phone user's, a Dialpad target's): before such a key column, the
 * numbers are tried (call_log_key()), and the e-mail is kept as an extra
 * field (lost[]).  Not beside a customer's own column (Aircall's
 * contact_email, a Customer).
 */
static void
call_log_first(struct ia_ctx *x, char *const *norm, char *const *eff,
    const char *mapped, char *lost)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (*eff[i] && keycol_rank(norm[i]) >= 0 && !mapped[i] &&
		    strcmp(norm[i], "email") != 0 &&
		    strcmp(norm[i], "emailaddress") != 0)
			return;
	call_log_key(x, norm, eff, mapped);
	for (i = 0; x->has_key && i < x->n; i++)
		if (*eff[i] && keycol_rank(norm[i]) >= 0 && !mapped[i])
			lost[i] = 1;
}

/*
 * Is the file a phone system's call log: the other party by From, To
 * and Direction (call_log_key()), a Direction beside a Duration
 * (Twilio's, Aircall's, RingCentral's), or a call's own status column
 * (RingCentral's Action Result, Call Status, Call Result)?  Its rows
 * are calls with no --kind (implied_kind()): its Status is the call's
 * (completed, no-answer), its Price what the call cost (qa28 F6: read
 * as a sale's, Twilio's log was refused for no amount column).
 */
static int
call_log(const struct ia_ctx *x, char *const *norm)
{
	static const char *const spans[] = { "duration", "callduration",
	    NULL };
	static const char *const results[] = { "actionresult", "callstatus",
	    "callresult", NULL };

	if (x->sys)
		return 0;
	return x->call_from >= 0 || (header_col(norm, x->n, way_heads) >= 0 &&
	    header_col(norm, x->n, spans) >= 0) ||
	    header_col(norm, x->n, results) >= 0;
}

/* Is a 3CX CDR's from-type or to-type cell an outside line? */
static int
line_type(const struct crm_rec *rec, int col)
{
	return (size_t)col < rec->n &&
	    strcasecmp(crm_trim(rec->f[col]), "line") == 0;
}

/*
 * Which party of a call log's row is the customer: From for a call in
 * (inbound, incoming; Twilio's inbound), To for one out (outbound,
 * outgoing; Twilio's outbound-api and outbound-dial); in 3CX's CDR the
 * side whose type is Line (an outside line; Extension, Queue, IVR are
 * the firm's).  0; 1 for an internal call, no customer's (neither side
 * a Line, a Direction of internal): skipped, counted; -1 and *err for
 * any other way.
 */
static int
call_side(struct ia_ctx *x, const struct crm_rec *rec, struct crm_keycol *kc,
    const char **err)
{
	static char msg[400];
	const char *d = x->call_dir >= 0 && (size_t)x->call_dir < rec->n ?
	    crm_trim(rec->f[x->call_dir]) : "";
	int fl, tl;

	x->call_name = -1;
	if (x->call_from == x->call_to)	/* Dialpad's external_number */
		return 0;
	if (x->call_dir < 0) {
		fl = line_type(rec, x->call_ftype);
		tl = line_type(rec, x->call_ttype);
		if (fl != tl) {
			kc->col = (size_t)(fl ? x->call_from : x->call_to);
			kc->name = x->names[kc->col];
			x->call_name = fl ? x->call_fname : x->call_tname;
			return 0;
		}
		if (!fl)
			return 1;
		snprintf(msg, sizeof msg, "both sides are an outside Line, so "
		    "which of %.60s and %.60s is the customer is not known: "
		    "leave such calls out of the file, or %s FILE sets them "
		    "aside and imports the rest", x->names[x->call_from],
		    x->names[x->call_to], crm_optname("rejects"));
		x->kc.name = x->names[x->call_ftype];
		*err = msg;
		return -1;
	}
	if (strcasecmp(d, "internal") == 0)
		return 1;
	if (strncasecmp(d, "inbound", 7) == 0 ||
	    strncasecmp(d, "incoming", 8) == 0 || strcasecmp(d, "in") == 0)
		kc->col = (size_t)x->call_from, x->call_name = x->call_fname;
	else if (strncasecmp(d, "outbound", 8) == 0 ||
	    strncasecmp(d, "outgoing", 8) == 0 || strcasecmp(d, "out") == 0)
		kc->col = (size_t)x->call_to, x->call_name = x->call_tname;
	else {
		snprintf(msg, sizeof msg, "'%.60s' is neither inbound nor "
		    "outbound, so which of %.60s and %.60s is the customer is "
		    "not known: leave such calls out of the file, or %s FILE "
		    "sets them aside and imports the rest", d,
		    x->names[x->call_from], x->names[x->call_to],
		    crm_optname("rejects"));
		x->kc.name = x->names[x->call_dir];
		*err = msg;
		return -1;
	}
	kc->name = x->names[kc->col];
	return 0;
}

/*
 * Column i would be target t, which an earlier column holds: the target
 * column i gets.  A column the user named with --map wins over one crm
 * took by its header (crm-log(1): --map is applied first), and that one
 * is then kept as an extra field; else the first keeps it, and a second
 * "Date" is kept.
 */
static int
claim(struct ia_ctx *x, size_t i, int t, const char *mapped)
{
	int held = x->at[t];
	struct col *h = &x->cols[held];

	if (!mapped[i] || mapped[held])
		return I_FIELD;
	if (h->to == I_AT_UTC)
		x->at[I_AT_UTC] = -1;
	h->to = I_FIELD;
	free(h->field);
	h->field = field_name(x->names, x->cols, (size_t)held);
	x->at[t] = -1;
	return t;
}

/*
 * The key columns named with --map come first, before those crm took by
 * their header (crm-log(1): --map is applied first); one of these of the
 * same kind as a mapped one (a second e-mail, when --map named the
 * buyer's) is no key then, and lost[] says so: it is kept as an extra
 * field, as a column that loses a part to --map is.
 */
static void
mapped_keys_first(struct crm_keycol *kc, const char *mapped, char *lost)
{
	size_t col[CRM_KEYS_MAX + 1], out[CRM_KEYS_MAX + 1], i, j, n, k = 0;
	const char *pre[CRM_KEYS_MAX + 1], *opre[CRM_KEYS_MAX + 1];
	int pass, same;

	col[0] = kc->col, pre[0] = kc->prefix;
	for (n = 1; n <= kc->nalt; n++)
		col[n] = kc->alt[n - 1], pre[n] = kc->altprefix[n - 1];
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++) {
			if (!mapped[col[i]] != !pass)
				continue;
			for (j = 0, same = 0; !pass && j < n; j++)
				same |= mapped[col[j]] &&
				    strcmp(pre[j], pre[i]) == 0;
			if (same)
				lost[col[i]] = 1;
			else
				out[k] = col[i], opre[k++] = pre[i];
		}
	kc->col = out[0], kc->prefix = opre[0];
	for (kc->nalt = 0; kc->nalt + 1 < k; kc->nalt++)
		kc->alt[kc->nalt] = out[kc->nalt + 1],
		kc->altprefix[kc->nalt] = opre[kc->nalt + 1];
}

/*
 * A ticket export with no ticket number read (Help Scout's without its
 * Number): its conversation's id is the ticket's ref, so that the ticket
 * is found again by it (keyed()).
 */
static void
ticket_ref(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (!mapped[i] && x->cols[i].to == I_FIELD &&
		    strcmp(norm[i], "conversationid") == 0) {
			x->cols[i].to = I_REF;
			free(x->cols[i].field);
			x->cols[i].field = NULL;
			x->at[I_REF] = (int)i;
			return;
		}
}

/* The column of target t kept as an extra field instead. */
static void
as_field(struct ia_ctx *x, int t)
{
	int q = x->at[t];

	x->cols[q].to = I_FIELD;
	free(x->cols[q].field);
	x->cols[q].field = field_name(x->names, x->cols, (size_t)q);
	x->at[t] = -1;
}

static int second_fits(struct ia_ctx *x, size_t col, int to);

/*
 * Is a second name one only a call log's column has: a bare Start (the
 * call's, Vonage's) or Result (Zoom's Call connected), in any other file
 * a subscription's start or a test's result?
 */
static int
call_only(const struct ia_ctx *x, const char *norm)
{
	return !x->calls && (strcmp(norm, "start") == 0 ||
	    strcmp(norm, "result") == 0);
}

static int nps_file(struct ia_ctx *x, char *const *norm);

/*
 * A Net Promoter survey's answer, its cells 0 to 10: the question itself
 * as the header ("How likely are you to recommend us to a friend?"), or
 * the bare Score of a file that is such a survey (Delighted's, its
 * Survey type nps).  NPS, NPS Score, eNPS are ia_second's.
 */
static int
nps_column(struct ia_ctx *x, char *const *norm, size_t i)
{
	int asked = strstr(norm[i], "torecommend") != NULL ||
	    strstr(norm[i], "netpromoter") != NULL;

	if (x->at[I_NPS] >= 0 || !(asked || (strcmp(norm[i], "score") == 0 &&
	    nps_file(x, norm))) || !second_fits(x, i, I_NPS))
		return 0;
	if (!asked && second_fits(x, i, I_RATING))
		x->score_col = -(int)(i + 1);	/* 1 to 5 here: said */
	return 1;
}

/*
 * The columns under a second name (ia_second) whose target no other
 * column has and whose cells fit it (second_fits()): read as that, the
 * first of them; the others stay fields, as a name alone is not enough
 * (a Curr of Y/N, a Sales Order of Yes/No).
 */
static void
second_choice(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	const struct alias *a;
	struct col *c;
	size_t i;

	for (i = 0; i < x->n; i++) {
		c = &x->cols[i];
		if (mapped[i] || c->to != I_FIELD)
			continue;
		if (nps_column(x, norm, i)) {
			c->to = I_NPS, x->at[I_NPS] = (int)i;
			free(c->field);
			c->field = NULL;
			continue;
		}
		if (call_only(x, norm[i]) ||
		    (a = lookup_dotless(ia_second, norm[i])) == NULL ||
		    x->at[a->to] >= 0 || !second_fits(x, i, a->to))
			continue;
		if (a->to == I_RATING && nps_file(x, norm)) {
			x->score_col = -(int)(i + 1);	/* kept: 0 to 10 */
			continue;
		}
		if (a->to == I_RATING)
			x->score_col = (int)(i + 1);
		c->to = a->to;
		x->at[a->to] = (int)i;
		x->second_ref |= a->to == I_REF;
		x->second_qty |= a->to == I_QTY;
		if (!kept(a->to)) {
			free(c->field);
			c->field = NULL;
		}
	}
}

/* Whether norm, its dots aside (MwSt.), is one of words. */
static int
dotless_in(const char *norm, const char *const *words)
{
	char t[64];
	size_t n = 0;

	for (; *norm && n < sizeof t - 1; norm++)
		if (*norm != '.')
			t[n++] = *norm;
	t[n] = '\0';
	for (; *words; words++)
		if (strcmp(t, *words) == 0)
			return 1;
	return 0;
}

/* The column whose header is one of words, not --map'ed; -1 if none. */
static int
column_in(const struct ia_ctx *x, char *const *norm, const char *mapped,
    const char *const *words)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (!mapped[i] && dotless_in(norm[i], words))
			return (int)i;
	return -1;
}

/* Column i read as to, in place of what it was (a field). */
static void
read_as(struct ia_ctx *x, size_t i, int to)
{
	free(x->cols[i].field);
	x->cols[i].field = kept(to) ? field_name(x->names, x->cols, i) : NULL;
	x->cols[i].to = to;
	x->at[to] = (int)i;
}

/*
 * Are the cells of column col amounts, every one not empty of the first
 * records (as second_fits looks)?
 */
static int
amount_cells(struct ia_ctx *x, size_t col)
{
	const struct crm_rec *rec;
	const char *v;
	size_t k;

	for (k = 0; k < 1000 && (rec = crm_rd_peek(x->rd, k)); k++) {
		if (col >= rec->n || *(v = crm_trim(rec->f[col])) == '\0')
			continue;
		if (!crm_is_amount(v))
			return 0;
	}
	return 1;
}

/*
 * A hand-made sheet with an amount column and a total beside it (Amount
 * and Total, Betrag and Summe, 金额 and 总额: net and gross, or a row's
 * sale and what the sheet adds to it), in either order: the amount is
 * counted and the total kept as a field, as a shop's goods are read and
 * not its Total with tax and shipping (goods_column, crm-log(1)), and
 * said, so that which column is revenue does not hang on which comes
 * first (qa48 F1).  Two of a kind (Total and Grand Total, Amount and
 * Betrag), or an invoice list's, whose Total is what is owed, are
 * refused naming the --map that settles it: which is meant cannot be
 * told.  Not a known system's file (its table says), nor one where --map
 * named the amount, nor a second whose cells are no amounts (a field, as
 * before).  0, or -1 with the error recorded.
 */
static int
amount_or_total(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	static const char *const totals[] = { "total", "ordertotal",
	    "totalamount", "grandtotal", "ordertotal(inctax)", "summe",
	    "gesamtbetrag", "bestellsumme", "totalttc", "totaal", "总额",
	    "合計金額", NULL };
	const struct alias *al;
	int a = x->at[I_AMOUNT], o = -1, tot_a, tot_o;
	size_t i;

	if (x->sys || x->tickets || a < 0 || mapped[a])
		return 0;
	for (i = 0; i < x->n && o < 0; i++)
		if ((int)i != a && !mapped[i] && x->cols[i].to == I_FIELD &&
		    strcmp(norm[i], norm[a]) != 0 &&	/* twins(): F2 */
		    (((al = lookup_dotless(ia_aliases, norm[i])) &&
		    al->to == I_AMOUNT) || (invoices(x) &&
		    (al = lookup_dotless(ia_invoice, norm[i])) &&
		    al->to == I_AMOUNT)))
			o = (int)i;
	if (o < 0 || !amount_cells(x, (size_t)o))
		return 0;	/* its cells are no amounts: a field */
	tot_a = dotless_in(norm[a], totals);
	tot_o = dotless_in(norm[o], totals);
	if (tot_a == tot_o || invoices(x))
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s and %s both name "
		    "the amount, and which is counted cannot be told: say "
		    "which with %s '%s=amount' or %s '%s=amount'",
		    crm_rd_name(x->rd), crm_rd_header_line(x->rd),
		    x->names[a], x->names[o], crm_optname("map"), x->names[a],
		    crm_optname("map"), x->names[o]);
	if (tot_a) {	/* the total came first: the amount is read */
		free(x->cols[a].field);
		x->cols[a].to = I_FIELD;
		x->cols[a].field = field_name(x->names, x->cols, (size_t)a);
		read_as(x, (size_t)o, I_AMOUNT);
		o = a;
	}
	crm_warn("%s: the %s column is not counted: %s is (a total may hold "
	    "tax or shipping; %s '%s=amount' counts it instead)",
	    crm_rd_name(x->rd), x->names[o], x->names[x->at[I_AMOUNT]],
	    crm_optname("map"), x->names[o]);
	return 0;
}

/*
 * Headers written twice where crm reads the first (Amount, Amount: a
 * merged header cell unmerged and filled in; Email twice): said, and
 * for a column of the figures or of who the customer is, the pair kept,
 * so that a row where the second holds something else is refused
 * (twin_cells) rather than one of them taken without a word (qa48 F2).
 * A text's second (Notes twice) is kept as a field, as it always was.
 * --map cannot tell two columns of one header apart: the header line
 * must, and the message says so.
 */
static int
twin_counts(int t)
{
	static const int figures[] = { I_AT, I_KIND, I_KIND_WORD, I_QTY,
	    I_AMOUNT, I_PRICE, I_LINE, I_DISCOUNT, I_REFUND, I_RATING, I_REF,
	    I_STATUS, I_STATE, I_NAME, I_FIRST, I_LAST, I_CURRENCY, I_KEY };
	size_t k;

	for (k = 0; k < NELEM(figures); k++)
		if (t == figures[k])
			return 1;
	return 0;
}

static void
twins(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	size_t i, j;
	int t;

	for (i = 0; i < x->n; i++) {
		t = x->cols[i].to;
		if (mapped[i] || t == I_FIELD || t == I_SKIP || t == I_SECRET ||
		    *norm[i] == '\0')
			continue;
		for (j = i + 1; j < x->n; j++) {
			if (mapped[j] || strcmp(norm[i], norm[j]) != 0)
				continue;
			if (!twin_counts(t) || x->ntwins == IA_TWINS) {
				crm_warn("%s: columns %zu and %zu are both "
				    "headed %s: the first is read, the second "
				    "kept as a field", crm_rd_name(x->rd),
				    i + 1, j + 1, x->names[i]);
				break;
			}
			x->twins[x->ntwins][0] = (int)i;
			x->twins[x->ntwins++][1] = (int)j;
			crm_warn("%s: columns %zu and %zu are both headed %s: "
			    "the first is read; a row where the second holds "
			    "something else is refused (name them apart in "
			    "the header line to keep both)", crm_rd_name(x->rd),
			    i + 1, j + 1, x->names[i]);
			break;
		}
	}
}

/*
 * A row whose two columns of one header (twins()) hold different values:
 * why, with *col the second's; NULL when they agree (case aside: an
 * address's JM@ and jm@) or one is empty.
 */
static const char *
twin_cells(const struct ia_ctx *x, const struct crm_rec *rec, int *col)
{
	static char msg[360];
	const char *a, *b;
	int k, i, j;

	for (k = 0; k < x->ntwins; k++) {
		i = x->twins[k][0], j = x->twins[k][1];
		if ((size_t)j >= rec->n)
			continue;
		a = crm_trim(rec->f[i]), b = crm_trim(rec->f[j]);
		if (*a == '\0' || *b == '\0' || strcasecmp(a, b) == 0)
			continue;
		*col = j;
		snprintf(msg, sizeof msg, "columns %d and %d are both headed "
		    "%s and hold '%.40s' and '%.40s': which is meant cannot be "
		    "told; name them apart in the header line (then %s says "
		    "which is read, if crm does not)", i + 1, j + 1,
		    x->names[i], a, b, crm_optname("map"));
		return msg;
	}
	return NULL;
}

/*
 * A payment's status beside an order's (Shopware's Zahlungsstatus beside
 * its Bestellstatus, a shop's Payment Status beside its Order Status):
 * read too, so that a payment refunded makes an order done a return
 * (qa33 F6); the order's state says the rest.  Whichever comes first,
 * the order's column is the order's status.
 */
static void
pay_status_column(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	static const char *const pay[] = { "paymentstatus", "zahlungsstatus",
	    "paymentstate", "statutdupaiement", "statutpaiement",
	    "estadodelpago", "estadodepago", "statopagamento",
	    "statodelpagamento", "betaalstatus", "betalingsstatus",
	    "statusdopagamento", "situaçãodopagamento",
	    "statuspłatności", NULL };
	const char *kind = x->defaults->kind;
	const struct alias *a;
	int p, o = x->at[I_STATUS];
	size_t i;

	if (x->sys || o < 0 || (kind && strcmp(kind, "purchase") != 0) ||
	    (p = column_in(x, norm, mapped, pay)) < 0)
		return;
	if (p == o) {	/* the payment's came first: the order's is a field */
		for (i = 0, o = -1; i < x->n && o < 0; i++)
			if (!mapped[i] && x->cols[i].to == I_FIELD &&
			    (a = lookup(ia_aliases, norm[i])) &&
			    a->to == I_STATUS && !dotless_in(norm[i], pay))
				o = (int)i;
		if (o < 0)
			return;
		read_as(x, (size_t)o, I_STATUS);
	} else if (x->cols[p].to != I_FIELD)
		return;
	read_as(x, (size_t)p, I_PAY_STATUS);
}

/*
 * Bling's and Tiny's order lists (Brazil) name the order's number and
 * time Número and Data, words too bare to read anywhere else: they are
 * read so only beside the order's Situação (qa33 F5).
 */
static void
brazil_columns(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	static const char *const situ[] = { "situação", "situacao",
	    "situaçãodopedido", NULL };
	static const char *const num[] = { "número", "numero", "nº", "n°",
	    NULL };
	static const char *const data[] = { "data", "datadopedido",
	    "datadavenda", NULL };
	int i;

	if (x->sys || column_in(x, norm, mapped, situ) < 0)
		return;
	if (x->at[I_REF] < 0 && (i = column_in(x, norm, mapped, num)) >= 0 &&
	    x->cols[i].to == I_FIELD)
		read_as(x, (size_t)i, I_REF);
	if (x->at[I_AT] < 0 && (i = column_in(x, norm, mapped, data)) >= 0 &&
	    x->cols[i].to == I_FIELD)	/* its 05/11/2026: --date-format */
		read_as(x, (size_t)i, I_AT);
}

/*
 * A hand-made order sheet's unit price beside its quantity and no total
 * (Qty, Price; Menge, Einzelpreis): the price, times the quantity, as
 * the known shops' layouts read theirs (line_amount), so that 3 x 10.00
 * is 30.00, not 10.00 (qa37 F7).  Not where a column has the amount,
 * nor a known system's file (its table says), nor a column --map named.
 */
static const char *const unit_prices[] = { "price", "unitprice",
    "priceeach", "itemprice", "priceperunit", "preis", "einzelpreis",
    "stückpreis", "prix", "prixunitaire", "precio", "preciounitario",
    "单价", NULL };

static void
unit_price(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	int p;

	if (x->sys || x->at[I_QTY] < 0 || x->at[I_AMOUNT] >= 0 ||
	    x->at[I_PRICE] >= 0 || x->at[I_LINE] >= 0 ||
	    (p = column_in(x, norm, mapped, unit_prices)) < 0 ||
	    x->cols[p].to != I_FIELD)
		return;
	read_as(x, (size_t)p, I_PRICE);
}

/* An order's discount column (Discount, Rabatt ...): crm-log(1). */
static const char *const discount_words[] = { "discount", "discountamount",
    "discounts", "totaldiscount", "discounttotal", "rabatt", "descuento",
    "remise", "sconto", "desconto", "korting", NULL };

/*
 * An order list's Total beside its goods' Subtotal and its tax or
 * shipping (Shopware's Zwischensumme, Versandkosten, MwSt. and
 * Gesamtbetrag; Bling's Total produtos, Frete and Total): revenue is the
 * goods, as the known shops' layouts take it (qa33 F6), so the Subtotal
 * is read as the amount, and said once.  --map 'Total=amount' takes the
 * whole.  Not an invoice's: what is owed is the whole.
 */
static void
goods_column(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	static const char *const totals[] = { "total", "gesamtbetrag",
	    "grandtotal", "ordertotal", "totalamount", "bestellsumme",
	    "totaldopedido", "totalgeneral", "totale", NULL };
	static const char *const goods[] = { "subtotal", "zwischensumme",
	    "totalprodutos", "totaldosprodutos", "valordosprodutos",
	    "sous-total", "soustotal", "subtotale", "warenwert",
	    "subtotaal", "itemssubtotal", NULL };
	static const char *const extra[] = { "tax", "taxes", "vat", "gst",
	    "mwst", "ust", "umsatzsteuer", "steuer", "iva", "tva", "btw",
	    "imposte", "impostos", "totaltax", "taxamount", "shipping",
	    "shippingcost", "versandkosten", "versand", "frete",
	    "valordofrete", "envío", "envio", "gastosdeenvío",
	    "gastosdeenvio", "fraisdeport", "fraisdelivraison", "livraison",
	    "spedizione", "verzendkosten", NULL };
	const char *kind = x->defaults->kind;
	int a = x->at[I_AMOUNT], g, e, d;

	/* a kind column's invoice is owed its whole: --kind purchase only */
	if (x->sys || a < 0 || mapped[a] || (kind && strcmp(kind,
	    "purchase") != 0) || (!kind && (x->at[I_KIND] >= 0 ||
	    x->at[I_KIND_WORD] >= 0)) || x->at[I_PRICE] >= 0 ||
	    x->at[I_LINE] >= 0 ||
	    !dotless_in(norm[a], totals) ||
	    (g = column_in(x, norm, mapped, goods)) < 0 ||
	    x->cols[g].to != I_FIELD ||
	    (e = column_in(x, norm, mapped, extra)) < 0)
		return;
	read_as(x, (size_t)g, I_AMOUNT);
	/* a Subtotal is before the order's discount (Paddle's) */
	if (x->at[I_ORDER_DISCOUNT] < 0 && (d = column_in(x, norm, mapped,
	    discount_words)) >= 0 && x->cols[d].to == I_FIELD) {
		read_as(x, (size_t)d, I_ORDER_DISCOUNT);
		x->goods_less = 1;
	}
	x->cols[a].to = I_FIELD;
	x->cols[a].field = field_name(x->names, x->cols, (size_t)a);
	crm_warn("%s: %s includes %s: the goods, %s%s%s, are read as the "
	    "amount (--map '%s=amount' takes the whole)", crm_rd_name(x->rd),
	    x->names[a], x->names[e], x->names[g], x->goods_less ? " less " :
	    "", x->goods_less ? x->names[x->at[I_ORDER_DISCOUNT]] : "",
	    x->names[a]);
}

/*
 * A file of no known system whose rows are the items of its orders: an
 * order number, an item's own price (Item Price) and quantity, and the
 * order's total repeated on each of its rows (Order Total), the shape of
 * Shopify's export under other names (Ecwid's and other shops').  Each
 * row is then its line, price x quantity, as Shopify's are read
 * (line_amount), the order's fields carried from its first row, and the
 * order's total kept as a field: every item counts, with its own product
 * and quantity, and the order once in the order counts (one number).
 * Said once; --map 'Order Total=amount' reads the rows as before.
 */
static int order_total_header(const char *name);

static void
item_rows(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	int a = x->at[I_AMOUNT], p;

	if (x->sys || x->at[I_REF] < 0 || a < 0 || mapped[a] ||
	    x->at[I_QTY] < 0 || x->at[I_PRODUCT] < 0 || x->at[I_PRICE] >= 0 ||
	    x->at[I_LINE] >= 0 || x->act || x->calls || x->tickets ||
	    order_total_header(x->names[a]) == 0 ||
	    (p = column_in(x, norm, mapped, item_prices)) < 0 ||
	    x->cols[p].to != I_FIELD)
		return;
	read_as(x, (size_t)p, I_PRICE);
	x->cols[a].to = I_FIELD;
	x->cols[a].field = field_name(x->names, x->cols, (size_t)a);
	x->at[I_AMOUNT] = -1;
	x->item_rows = 1;
	crm_warn("%s: a row an item of its %s: each row's %s x %s is its "
	    "line's amount, %s the order's, kept as a field (%s %s counts "
	    "the order's total instead, once an order)", crm_rd_name(x->rd),
	    x->names[x->at[I_REF]], x->names[p], x->names[x->at[I_QTY]],
	    x->names[a], crm_optname("map"), crm_map_word(x->names[a],
	    "Order Total"));
}

/*
 * An order's Discount column that no table read (qa52 F1): taken off
 * the goods, as crm-log(1) says.  In a file read a row an item
 * (item_rows()) it is the order's, repeated on each of its rows: shared
 * out once over the order's lines (order_discount()), in proportion to
 * each line's part of its Order Subtotal when there is one, so that the
 * order's purchases, each product's line and its buyer's revenue add up
 * to the goods less the coupon once.  In a file of one row an order whose
 * goods are its Order Subtotal (WooCommerce's shape), it comes off that
 * row's goods (line_amount()).  Said once; --map 'Discount=Discount'
 * keeps it a field.
 */
static int line_rows(const struct ia_ctx *x);

static const char *const order_goods_words[] = { "ordersubtotal",
    "ordersubtotalamount", "subtotal", "itemssubtotal", NULL };

static void
discount_column(struct ia_ctx *x, char *const *norm, const char *mapped)
{
	int d, g, l = x->at[I_LINE];

	if (x->at[I_DISCOUNT] >= 0 || x->at[I_ORDER_DISCOUNT] >= 0 ||
	    (d = column_in(x, norm, mapped, discount_words)) < 0 ||
	    x->cols[d].to != I_FIELD)
		return;
	if (x->item_rows) {
		read_as(x, (size_t)d, I_ORDER_DISCOUNT);
		g = x->at[I_ORDER_GOODS] >= 0 ? -1 : column_in(x, norm, mapped,
		    order_goods_words);
		if (g >= 0 && x->cols[g].to == I_FIELD)
			read_as(x, (size_t)g, I_ORDER_GOODS);
		crm_warn("%s: %s is the order's, on each of its rows: taken "
		    "off once an order, shared out over its lines%s%s "
		    "(%s %s keeps it a field)", crm_rd_name(x->rd),
		    x->names[d], x->at[I_ORDER_GOODS] >= 0 ? " by their part "
		    "of " : "", x->at[I_ORDER_GOODS] >= 0 ?
		    x->names[x->at[I_ORDER_GOODS]] : "", crm_optname("map"),
		    crm_map_word(x->names[d], x->names[d]));
		return;
	}
	if (l < 0 || line_rows(x) || x->at[I_PRICE] >= 0 ||
	    !dotless_in(norm[l], order_goods_words))
		return;
	read_as(x, (size_t)d, I_DISCOUNT);
	crm_warn("%s: the goods, %s less %s, are the order's amount (%s %s "
	    "keeps %s a field)", crm_rd_name(x->rd), x->names[l], x->names[d],
	    crm_optname("map"), crm_map_word(x->names[d], x->names[d]),
	    x->names[d]);
}

/*
 * Map an interaction file's header.  --map comes first, and so it can
 * name the customer's column too; every column without a place is kept
 * as an extra field; secrets are skipped, and said so once.  0, or -1
 * with the error recorded (exit 65) when no column names the customer.
 */
static int
map_header(struct ia_ctx *x)
{
	char **norm = crm_xcalloc(x->n, sizeof *norm);
	char **eff = crm_xcalloc(x->n, sizeof *eff);
	struct crm_buf secrets = { 0 };
	const char *m;
	size_t i;
	char *mapped = crm_xcalloc(x->n ? x->n : 1, 1);
	char *lost = crm_xcalloc(x->n ? x->n : 1, 1);
	int t, mapped_key = 0;

	for (i = 0; i < x->n; i++)
		norm[i] = crm_norm_header(x->names[i]);
	x->sys = sys_find(norm, x->n);
	x->tickets = x->sys == NULL && ticket_export(norm, x->n);
	x->inc_total = x->lead_id = -1;
	for (i = 0; x->sys && x->sys->cols == bigcommerce && i < x->n; i++)
		if (strcmp(norm[i], "ordertotal(inctax)") == 0)
			x->inc_total = (int)i;
	x->cols = crm_xcalloc(x->n, sizeof *x->cols);
	for (t = 0; t < I_NTARGETS; t++)
		x->at[t] = -1;
	for (i = 0; i < x->n; i++) {
		m = crm_import_mapped(norm[i], x->im->maps, x->im->nmaps);
		eff[i] = crm_xstrdup(m ? m : x->names[i]);
		mapped[i] = m != NULL;
		map_col(x, i, norm[i], m);
		/* crm-add's opt-out columns (Gumroad's Do not contact?,
		 * HubSpot's Unsubscribed from all email ...), kept as
		 * fields, tag the customer as crm-add does */
		if (m == NULL && x->cols[i].to == I_FIELD)
			x->cols[i].opt = crm_optout_column(norm[i], x->names,
			    x->n, &x->cols[i].opt_every);
		else if (x->cols[i].to == I_FIELD)	/* =unsubscribed */
			x->cols[i].opt = crm_optout_mapped(m);
		if (m && x->cols[i].to == I_FIELD) {
			char *h = crm_norm_header(m);

			mapped_key |= keycol_rank(h) >= 0;
			free(h);
		}
		if (x->cols[i].to == I_SECRET)
			crm_buf_addf(&secrets, "%s%s", secrets.len ? ", " : "",
			    x->names[i]);
	}
	if (x->sys && !mapped_key)	/* --map names the key: it wins */
		x->has_key = sys_keys(x, norm) == 0;
	if (!x->sys && !mapped_key)
		record_id(x, norm, eff);
	x->call_dir = x->call_from = x->call_to = -1;
	x->call_ftype = x->call_ttype = -1;
	x->call_fname = x->call_tname = x->call_name = -1;
	if (!x->has_key && !mapped_key)
		call_log_first(x, norm, eff, mapped, lost);
	for (i = 0; x->sys && !x->has_key && i < x->n; i++)
		if (x->cols[i].to != I_FIELD && x->cols[i].to != I_KEY)
			eff[i][0] = '\0';	/* Xero's ContactName: its name */
	if (!x->has_key && crm_keycol_find(eff, x->n, &x->kc) == 0) {
		x->has_key = 1;
		x->kc.names = x->names;
		prefer_email(&x->kc);
		if (mapped_key)
			mapped_keys_first(&x->kc, mapped, lost);
		x->kc.name = x->names[x->kc.col];
	}
	if (!x->has_key)
		call_log_key(x, norm, eff, mapped);
	x->calls = call_log(x, norm);
	x->call_talk = x->calls ? header_col(norm, x->n, talk_heads) : -1;
	if (x->call_talk >= 0 && (mapped[x->call_talk] ||
	    x->cols[x->call_talk].to != I_FIELD))
		x->call_talk = -1;
	if ((t = call_names(x, norm, eff, mapped)) != 0 ||
	    (!x->has_key && !by_name_phone(x))) {
		if (t == 0)
			t = no_customer_column(x, norm);
		crm_buf_free(&secrets);
		crm_free_list(norm, x->n);
		crm_free_list(eff, x->n);
		free(mapped);
		free(lost);
		return t;
	}
	for (i = 0; i < x->n; i++) {
		struct col *c = &x->cols[i];
		size_t j;
		int other_id = 0;

		if (x->has_key && i == x->kc.col)
			c->to = I_KEY;
		for (j = 0; x->has_key && j < x->kc.nalt; j++)
			if (i == x->kc.alt[j]) {
				c->to = I_SKIP;	/* read through kc */
				other_id = foreign_number(x->kc.altprefix[j],
				    norm[i]);
			}
		if (c->to == I_KEY && (!x->has_key || i != x->kc.col))
			c->to = I_SKIP;
		if (!x->sys && c->to == I_FIELD && keycol_rank(norm[i]) >= 0)
			c->to = I_SKIP;	/* another key of the same customer */
		if (other_id || lost[i])
			c->to = I_FIELD;
		if (c->to < I_KEY && x->at[c->to] >= 0)
			c->to = claim(x, i, c->to, mapped);
		if (c->to < I_KEY)
			x->at[c->to] = (int)i;
		if (c->to == I_AT_UTC)
			x->at[I_AT] = (int)i, x->at[I_AT_UTC] = (int)i;
		if (kept(c->to) && !(c->to == I_PHONE && !x->sys &&
		    strcmp(norm[i], "phone") == 0))	/* as before: no field */
			c->field = field_name(x->names, x->cols, i);
	}
	if (x->tickets && x->at[I_KIND] >= 0 && !mapped[x->at[I_KIND]] &&
	    strcmp(norm[x->at[I_KIND]], "type") == 0)
		as_field(x, I_KIND);	/* the ticket's Type */
	if (x->tickets && x->at[I_REF] < 0)
		ticket_ref(x, norm, mapped);
	if (x->tickets && x->at[I_REF] >= 0 && !mapped[x->at[I_REF]] &&
	    (strcmp(norm[x->at[I_REF]], "issuekey") == 0 ||
	    strcmp(norm[x->at[I_REF]], "number") == 0 ||
	    strcmp(norm[x->at[I_REF]], "conversationid") == 0))
		x->second_ref = 1;	/* rows logged before qa26 had none */
	if (x->at[I_QTY] < 0 && x->at[I_QTY_NET] >= 0)
		net_column(x, I_QTY_NET, I_QTY);
	if (x->at[I_LINE] < 0 && x->at[I_LINE_NET] >= 0)
		net_column(x, I_LINE_NET, I_LINE);
	if (x->at[I_AT] < 0 && x->at[I_CLOCK] >= 0) {	/* "time" alone */
		x->cols[x->at[I_CLOCK]].to = I_AT;
		x->at[I_AT] = x->at[I_CLOCK], x->at[I_CLOCK] = -1;
	}
	twins(x, norm, mapped);
	if ((t = amount_or_total(x, norm, mapped)) != 0) {
		crm_buf_free(&secrets);
		crm_free_list(norm, x->n);
		crm_free_list(eff, x->n);
		free(mapped);
		free(lost);
		return t;
	}
	second_choice(x, norm, mapped);
	pay_status_column(x, norm, mapped);
	brazil_columns(x, norm, mapped);
	goods_column(x, norm, mapped);
	unit_price(x, norm, mapped);
	item_rows(x, norm, mapped);
	discount_column(x, norm, mapped);
	if (secrets.len)
		fprintf(stderr, "%s: %s: not stored (secrets): %s\n", crm_prog,
		    crm_rd_name(x->rd), secrets.s);
	crm_buf_free(&secrets);
	crm_free_list(norm, x->n);
	crm_free_list(eff, x->n);
	free(mapped);
	free(lost);
	return 0;
}

/* Where an order's state puts its rows. */
enum { ST_PAID, ST_REFUNDED, ST_NOT_PAID, ST_UNKNOWN };

static const struct {
	const char *word;
	int state;
} states[] = {
	/*
	 * English: shops' and payment services' own words (Shopify,
	 * WooCommerce's wc-*, Stripe, PayPal, BigCommerce, Magento), then
	 * some systems' own below.  Each word once: same_status() reads `_'
	 * as a space, so "partially_paid" is "partially paid"
	 * (t/015-lib.bats checks the table).
	 */
	{ "paid", ST_PAID }, { "partially paid", ST_PAID },
	{ "partially refunded", ST_PAID }, { "completed", ST_PAID },
	{ "complete", ST_PAID }, { "processing", ST_PAID },
	{ "succeeded", ST_PAID }, { "captured", ST_PAID },
	/* card terminals' and payment services' (SumUp's, Paystack's) */
	{ "successful", ST_PAID }, { "success", ST_PAID },
	{ "fulfilled", ST_PAID }, { "shipped", ST_PAID },
	{ "disputed", ST_PAID }, { "wc-completed", ST_PAID },
	{ "wc-processing", ST_PAID }, { "delivered", ST_PAID },
	{ "closed", ST_PAID }, { "payment accepted", ST_PAID },
	{ "remote payment accepted", ST_PAID },
	{ "awaiting fulfillment", ST_PAID }, { "awaiting shipment", ST_PAID },
	{ "awaiting pickup", ST_PAID },
	/* Braintree's: settling and submitted are money taken, settled
	 * paid out; authorized (above) not yet, declines not at all */
	{ "settled", ST_PAID }, { "settling", ST_PAID },
	{ "paidout", ST_PAID },	/* Mollie's: paid, and settled */
	{ "submitted for settlement", ST_PAID },
	{ "processor declined", ST_NOT_PAID },
	{ "gateway rejected", ST_NOT_PAID },
	{ "settlement declined", ST_NOT_PAID },
	{ "refunded", ST_REFUNDED }, { "fully refunded", ST_REFUNDED },
	{ "wc-refunded", ST_REFUNDED },
	{ "voided", ST_NOT_PAID }, { "void", ST_NOT_PAID },
	{ "cancelled", ST_NOT_PAID }, { "canceled", ST_NOT_PAID },
	{ "wc-cancelled", ST_NOT_PAID }, { "expired", ST_NOT_PAID },
	{ "failed", ST_NOT_PAID }, { "wc-failed", ST_NOT_PAID },
	{ "declined", ST_NOT_PAID }, { "denied", ST_NOT_PAID },
	{ "pending", ST_NOT_PAID }, { "pending payment", ST_NOT_PAID },
	{ "wc-pending", ST_NOT_PAID }, { "on hold", ST_NOT_PAID },
	{ "on-hold", ST_NOT_PAID }, { "wc-on-hold", ST_NOT_PAID },
	{ "authorized", ST_NOT_PAID }, { "uncaptured", ST_NOT_PAID },
	{ "draft", ST_NOT_PAID }, { "trash", ST_NOT_PAID },
	{ "checkout-draft", ST_NOT_PAID },	/* WooCommerce Blocks' */
	{ "wc-checkout-draft", ST_NOT_PAID },
	{ "reversed", ST_NOT_PAID }, { "unpaid", ST_NOT_PAID },
	{ "past due", ST_NOT_PAID },
	{ "incomplete", ST_NOT_PAID }, { "payment error", ST_NOT_PAID },
	{ "billed", ST_NOT_PAID },	/* Paddle: invoiced, not paid yet */
	/*
	 * Odoo's sale orders (sale.order's state as its list export writes
	 * it): a quotation, sent or not, is no sale yet; a confirmed Sales
	 * Order is, and so is one Locked (done) after it.
	 */
	{ "quotation", ST_NOT_PAID }, { "quotation sent", ST_NOT_PAID },
	{ "sales order", ST_PAID }, { "locked", ST_PAID },
	/* Eventbrite's attendees: one not attending had the money back */
	{ "attending", ST_PAID }, { "checked in", ST_PAID },
	{ "not attending", ST_NOT_PAID }, { "checked out", ST_PAID },
	{ "refund requested", ST_PAID },	/* not had back yet */
	{ "transferred", ST_NOT_PAID },	/* the new attendee's row pays */
	{ "deleted", ST_NOT_PAID },
	/*
	 * PrestaShop 1.7/8's default order states (ps_order_state) and its
	 * checkout modules'; "Awaiting ..." ones are not paid below too.
	 */
	{ "processing in progress", ST_PAID },
	{ "on backorder (paid)", ST_PAID },
	{ "on backorder (not paid)", ST_NOT_PAID },
	{ "awaiting check payment", ST_NOT_PAID },
	{ "awaiting bank wire payment", ST_NOT_PAID },
	{ "awaiting cash on delivery validation", ST_NOT_PAID },
	{ "waiting for payment", ST_NOT_PAID },
	{ "waiting for paypal payment", ST_NOT_PAID },
	{ "waiting for credit card payment", ST_NOT_PAID },
	{ "waiting for local payment method payment", ST_NOT_PAID },
	{ "authorized. to be captured by merchant", ST_NOT_PAID },
	{ "authorization voided", ST_NOT_PAID },
	{ "payment abandoned", ST_NOT_PAID },
	{ "partial refund", ST_PAID },	/* with a return, as partially */
	{ "partial payment", ST_PAID },	/* as partially paid */
	/*
	 * Vend / Lightspeed X-Series sale statuses (ONACCOUNT_CLOSED: `_' is
	 * read as a space).  On account the goods went, so it is a sale; an
	 * open lay-by (still being paid off, the goods kept) and a parked
	 * (SAVED) sale are not yet.
	 */
	{ "onaccount", ST_PAID }, { "onaccount closed", ST_PAID },
	{ "layby closed", ST_PAID }, { "dispatched closed", ST_PAID },
	{ "picked up closed", ST_PAID }, { "awaiting dispatch", ST_PAID },
	{ "layby", ST_NOT_PAID }, { "saved", ST_NOT_PAID },
	/* a generic Payment Status column's */
	{ "not paid", ST_NOT_PAID }, { "payment pending", ST_NOT_PAID },
	{ "payment failed", ST_NOT_PAID }, { "abandoned", ST_NOT_PAID },
	{ "chargeback", ST_REFUNDED },	/* the bank took the money back */
	/* Chinese shops' order states (Taobao, JD, Youzan, Pinduoduo) */
	{ "已发货，待签收", ST_PAID }, { "已收货", ST_PAID },
	{ "待收货", ST_PAID }, { "交易完成", ST_PAID },
	{ "交易成功", ST_PAID }, { "买家已付款，等待卖家发货", ST_PAID },
	{ "卖家已发货，等待买家确认", ST_PAID }, { "已付款", ST_PAID },
	{ "完成", ST_PAID }, { "已完成", ST_PAID }, { "待发货", ST_PAID },
	{ "已发货", ST_PAID }, { "等待出库", ST_PAID },
	{ "等待确认收货", ST_PAID }, { "已签收", ST_PAID },
	{ "已退款", ST_REFUNDED }, { "退款成功", ST_REFUNDED },
	{ "交易关闭", ST_NOT_PAID }, { "已关闭", ST_NOT_PAID },
	{ "已取消", ST_NOT_PAID }, { "订单取消", ST_NOT_PAID },
	{ "(删除)锁定", ST_NOT_PAID }, { "锁定", ST_NOT_PAID },
	{ "等待买家付款", ST_NOT_PAID }, { "待付款", ST_NOT_PAID },
	/*
	 * German, French and Spanish shops' words (WooCommerce's, Shopware's
	 * and PrestaShop's translations, PayPal's), lower case: order_state()
	 * folds the value's case beyond ASCII too.
	 */
	{ "abgeschlossen", ST_PAID }, { "bezahlt", ST_PAID },
	{ "offen", ST_NOT_PAID },	/* Shopware's, lexoffice's: not yet */
	{ "in bearbeitung", ST_PAID },
	{ "versandt", ST_PAID }, { "versendet", ST_PAID },
	{ "geliefert", ST_PAID }, { "zugestellt", ST_PAID },
	{ "fertiggestellt", ST_PAID }, { "erledigt", ST_PAID },
	{ "teilweise erstattet", ST_PAID },
	{ "teilweise rückerstattet", ST_PAID },
	{ "erstattet", ST_REFUNDED }, { "rückerstattet", ST_REFUNDED },
	{ "zurückerstattet", ST_REFUNDED },
	{ "ausstehend", ST_NOT_PAID }, { "storniert", ST_NOT_PAID },
	{ "zahlung ausstehend", ST_NOT_PAID },
	{ "in wartestellung", ST_NOT_PAID }, { "wartend", ST_NOT_PAID },
	{ "fehlgeschlagen", ST_NOT_PAID }, { "entwurf", ST_NOT_PAID },
	{ "abgebrochen", ST_NOT_PAID }, { "annulliert", ST_NOT_PAID },
	/* French */
	{ "payée", ST_PAID }, { "payé", ST_PAID }, { "en cours", ST_PAID },
	{ "terminée", ST_PAID }, { "terminé", ST_PAID },
	{ "expédiée", ST_PAID }, { "expédié", ST_PAID },
	{ "livrée", ST_PAID }, { "livré", ST_PAID },
	{ "validée", ST_PAID }, { "paiement accepté", ST_PAID },
	{ "partiellement remboursée", ST_PAID },
	{ "partiellement remboursé", ST_PAID },
	{ "remboursée", ST_REFUNDED }, { "remboursé", ST_REFUNDED },
	{ "annulée", ST_NOT_PAID }, { "annulé", ST_NOT_PAID },
	{ "en attente", ST_NOT_PAID },
	{ "en attente de paiement", ST_NOT_PAID },
	{ "échouée", ST_NOT_PAID }, { "échoué", ST_NOT_PAID },
	{ "brouillon", ST_NOT_PAID }, { "refusée", ST_NOT_PAID },
	{ "refusé", ST_NOT_PAID },
	/* Spanish */
	{ "pagado", ST_PAID }, { "pagada", ST_PAID },
	{ "procesando", ST_PAID }, { "completado", ST_PAID },
	{ "completada", ST_PAID }, { "enviado", ST_PAID },
	{ "enviada", ST_PAID }, { "entregado", ST_PAID },
	{ "entregada", ST_PAID }, { "pago aceptado", ST_PAID },
	{ "reembolsado parcialmente", ST_PAID },
	{ "parcialmente reembolsado", ST_PAID },
	{ "reembolsado", ST_REFUNDED }, { "reembolsada", ST_REFUNDED },
	{ "devuelto", ST_REFUNDED }, { "devuelta", ST_REFUNDED },
	{ "cancelado", ST_NOT_PAID }, { "cancelada", ST_NOT_PAID },
	{ "anulado", ST_NOT_PAID }, { "anulada", ST_NOT_PAID },
	{ "pendiente", ST_NOT_PAID }, { "pendiente de pago", ST_NOT_PAID },
	{ "en espera", ST_NOT_PAID }, { "fallido", ST_NOT_PAID },
	{ "fallida", ST_NOT_PAID }, { "borrador", ST_NOT_PAID },
	{ "rechazado", ST_NOT_PAID }, { "rechazada", ST_NOT_PAID },
	/*
	 * Portuguese (Brazil): Bling's and Tiny's (Olist's) order
	 * situations, Nuvemshop's and WooCommerce's statuses.  Atendido is
	 * Bling's done order; Em andamento one not done (nor paid) yet.
	 */
	{ "atendido", ST_PAID }, { "atendida", ST_PAID },
	{ "concluído", ST_PAID }, { "concluido", ST_PAID },
	{ "concluída", ST_PAID }, { "concluida", ST_PAID },
	{ "entregue", ST_PAID }, { "pago", ST_PAID }, { "paga", ST_PAID },
	{ "aprovado", ST_PAID },	/* Tiny's: the payment approved */
	{ "devolvido", ST_REFUNDED }, { "devolvida", ST_REFUNDED },
	{ "em aberto", ST_NOT_PAID }, { "aberto", ST_NOT_PAID },
	{ "pendente", ST_NOT_PAID }, { "em andamento", ST_NOT_PAID },
	{ "aguardando pagamento", ST_NOT_PAID },
	{ "pagamento pendente", ST_NOT_PAID },
	/*
	 * Italian, Dutch and Polish: PrestaShop's order states (its install
	 * data, langs/{it,nl,pl}/data/order_state.xml) and WooCommerce's
	 * statuses in those languages.  A word with two meanings is left
	 * out, and refused as unknown: PrestaShop's "In attesa di
	 * rifornimento" is a backorder paid or not, Dutch "In behandeling"
	 * is processing in one translation and pending in another.
	 */
	{ "pagamento accettato", ST_PAID }, { "pagamento remoto accettato",
	    ST_PAID }, { "preparazione in corso", ST_PAID },
	{ "in elaborazione", ST_PAID }, { "elaborazione", ST_PAID },
	{ "consegna in corso", ST_PAID }, { "spedito", ST_PAID },
	{ "consegnato", ST_PAID }, { "completato", ST_PAID },
	{ "evaso", ST_PAID }, { "pagato", ST_PAID },
	{ "rimborsato", ST_REFUNDED },
	{ "annullato", ST_NOT_PAID }, { "cancellato", ST_NOT_PAID },
	{ "errore di pagamento", ST_NOT_PAID },
	{ "pagamento in sospeso", ST_NOT_PAID }, { "in sospeso", ST_NOT_PAID },
	{ "in attesa", ST_NOT_PAID }, { "non riuscito", ST_NOT_PAID },
	{ "fallito", ST_NOT_PAID }, { "bozza", ST_NOT_PAID },
	/* Dutch */
	{ "betaling aanvaard", ST_PAID }, { "betaling op afstand aanvaard",
	    ST_PAID }, { "wordt momenteel voorbereid", ST_PAID },
	{ "verwerken", ST_PAID }, { "verzonden", ST_PAID },
	{ "afgeleverd", ST_PAID }, { "voltooid", ST_PAID },
	{ "afgerond", ST_PAID }, { "betaald", ST_PAID },
	{ "terugbetaald", ST_REFUNDED }, { "terugbetaling", ST_REFUNDED },
	{ "gerestitueerd", ST_REFUNDED },
	{ "geannuleerd", ST_NOT_PAID }, { "betalingsfout", ST_NOT_PAID },
	{ "mislukt", ST_NOT_PAID }, { "in wachtrij", ST_NOT_PAID },
	{ "in de wacht", ST_NOT_PAID }, { "concept", ST_NOT_PAID },
	/* Polish */
	{ "płatność zaakceptowana", ST_PAID }, { "płatność przyjęta",
	    ST_PAID }, { "przygotowanie w toku", ST_PAID },
	{ "w trakcie realizacji", ST_PAID }, { "wysłane", ST_PAID },
	{ "dostarczone", ST_PAID }, { "zrealizowane", ST_PAID },
	{ "opłacone", ST_PAID },
	{ "zwrot", ST_REFUNDED }, { "zwrot pieniędzy", ST_REFUNDED },
	{ "zwrócone", ST_REFUNDED },
	{ "anulowane", ST_NOT_PAID }, { "błąd płatności", ST_NOT_PAID },
	{ "oczekujące na płatność", ST_NOT_PAID }, { "wstrzymane",
	    ST_NOT_PAID }, { "wstrzymane (oczekujące)", ST_NOT_PAID },
	{ "nieudane", ST_NOT_PAID }, { "szkic", ST_NOT_PAID },
};

/*
 * Two status words the same, case aside and with `_' read as a space
 * (Vend's ONACCOUNT_CLOSED, AWAITING_PICKUP).
 */
static int
same_status(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int ca = *a == '_' ? ' ' : tolower((unsigned char)*a);
		int cb = *b == '_' ? ' ' : tolower((unsigned char)*b);

		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/*
 * A status word with a capital beyond ASCII ("Échouée", "ZURÜCKERSTATTET")
 * as the table writes it, in lower case: ST_UNKNOWN when it is not there
 * either.
 */
static int
folded_state(const char *s)
{
	const unsigned char *p;
	char *f;
	size_t i;
	int st = ST_UNKNOWN;

	for (p = (const unsigned char *)s; *p && *p < 0x80; p++)
		;
	if (*p == '\0')
		return ST_UNKNOWN;	/* ASCII: compared already */
	f = crm_key_fold(s);
	for (i = 0; i < NELEM(states) && st == ST_UNKNOWN; i++)
		if (same_status(f, states[i].word))
			st = states[i].state;
	free(f);
	return st;
}

/*
 * A status that waits for the money, in PrestaShop's words: "Awaiting
 * bank wire payment", "In attesa di pagamento con assegno", "In
 * afwachting van bankoverschrijving", "Oczekiwanie na płatność Paypal".
 * BigCommerce's "Awaiting fulfillment" is in states[], paid.
 */
static int
awaiting(const char *s)
{
	static const char *const waits[] = { "awaiting",
	    "in attesa di pagamento", "in afwachting van", "oczekiwanie" };
	char *f = crm_key_fold(s);
	size_t i;
	int yes = 0;

	for (i = 0; i < NELEM(waits) && !yes; i++)
		yes = strncmp(f, waits[i], strlen(waits[i])) == 0;
	free(f);
	return yes;
}

/*
 * The state an order's status word means.  Magento's "closed" is a
 * refunded order (a credit memo closes it); elsewhere a closed sale is
 * done.
 */
static int
order_state(const char *s, const struct sys *sys)
{
	size_t i;

	if (sys && (sys->flags & S_CLOSED_REFUND) && strcasecmp(s,
	    "closed") == 0)
		return ST_REFUNDED;
	for (i = 0; i < NELEM(states); i++)
		if (same_status(s, states[i].word))
			return states[i].state;
	if (awaiting(s))
		return ST_NOT_PAID;
	return folded_state(s);
}

/*
 * A currency cell: a known ISO 4217 code (any case) or a sign or word
 * crm knows (€, £, $, R$, RMB, kr ...: crm_money_cell); not a Y or a
 * price.
 */
static int
currency_cell(const char *v)
{
	const char *codes;

	return crm_money_cell(v, NULL, &codes) != NULL || codes != NULL;
}

/* A flag's word: a column of them is no order number. */
static int
flag_word(const char *v)
{
	static const char *const words[] = { "yes", "no", "y", "n", "true",
	    "false", "ja", "nein", "oui", "non", "si", "sí", NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (strcasecmp(v, words[i]) == 0)
			return 1;
	return 0;
}

/* A quantity's cell: a whole number, or one by weight (1.5, 1,5). */
static int
qty_cell(const char *v)
{
	size_t n = strspn(v, "0123456789");

	if (n == 0)
		return 0;
	if (v[n] == '.' || v[n] == ',')
		return v[n + 1] != '\0' && strspn(v + n + 1, "0123456789") ==
		    strlen(v + n + 1);
	return v[n] == '\0';
}

/* Whether cell v fits target to, for a column under a second name. */
static int
second_cell(const struct ia_ctx *x, const char *v, int to)
{
	const char *kind = x->defaults->kind;
	time_t t;

	switch (to) {
	case I_AT:
		return crm_parse_when_as(v, x->sys ? x->sys->datefmt : NULL,
		    &t) == 0;
	case I_REF:
		return !flag_word(v);
	case I_QTY:
		return qty_cell(v);
	case I_CURRENCY:
		return currency_cell(v);
	case I_RATING:
		return strlen(v) == 1 && *v >= '1' && *v <= '5';
	case I_NPS: {
		struct crm_ia nps = { 0 };

		return crm_ia_nps(&nps, v) == NULL;
	}
	case I_PHONE:
		return phone_shaped(v);
	case I_STATUS:	/* a complaint's open, a call's Missed: their own words */
		return (kind ? strcmp(kind, "purchase") != 0 &&
		    strcmp(kind, "return") != 0 : x->calls) ||
		    order_state(v, x->sys) != ST_UNKNOWN;
	}
	return 1;
}

/*
 * Whether the cells of column col fit target to: every one that is not
 * empty, of the first SECOND_LOOK records (read ahead, before any row
 * is taken: the rows logged are all read the same way).  A file whose
 * later cells differ has those rows refused, as a column of a first
 * name's would.  A time's column (Timestamp, Paid At) needs only one
 * date among them: its name says what it is, a date confirms it, and
 * its other rows are refused as a Date column's are (file:line:
 * Timestamp: not a date), where a field would have logged every row at
 * now without a word for one bad cell (qa32 F2).
 */
#define SECOND_LOOK	1000

static int
second_fits(struct ia_ctx *x, size_t col, int to)
{
	const struct crm_rec *rec;
	const char *v;
	size_t k, good = 0, bad = 0;

	for (k = 0; k < SECOND_LOOK && (rec = crm_rd_peek(x->rd, k)); k++) {
		if (col >= rec->n)
			continue;
		v = crm_trim(rec->f[col]);
		if (*v == '\0' || strcmp(v, x->names[col]) == 0)
			continue;	/* empty; the header again */
		if (second_cell(x, v, to))
			good++;
		else if (to != I_AT)
			return 0;
		else
			bad++;
	}
	return to != I_AT || bad == 0 || good > 0;
}

/*
 * Is the file a Net Promoter survey, its scores 0 to 10: a header that
 * says so (NPS, NPS Score, eNPS, Net Promoter Score, "How likely are
 * you to recommend ...") or a cell of its first rows that is a survey's type nps or enps
 * (Delighted's Survey type)?  Its bare Score is then no rating from 1
 * to 5, even in a month whose scores all happen to be 5 or less.
 */
static int
nps_file(struct ia_ctx *x, char *const *norm)
{
	const struct crm_rec *rec;
	const char *v;
	size_t i, k, n;

	for (i = 0; i < x->n; i++) {
		n = strlen(norm[i]);
		if (strncmp(norm[i], "nps", 3) == 0 || (n >= 3 &&
		    strcmp(norm[i] + n - 3, "nps") == 0) ||
		    strstr(norm[i], "netpromoter") ||
		    strstr(norm[i], "torecommend"))
			return 1;	/* NPS Score, eNPS, likely to recommend */
	}
	for (k = 0; k < SECOND_LOOK && (rec = crm_rd_peek(x->rd, k)); k++)
		for (i = 0; i < rec->n; i++) {
			v = crm_trim(rec->f[i]);
			if (strcasecmp(v, "nps") == 0 ||
			    strcasecmp(v, "enps") == 0)
				return 1;
		}
	return 0;
}

/*
 * A payment service's row type: a customer's payment, refund, or
 * neither; or a part of the sale on the row above it (Vend's "Sale Line"
 * and "Payment" rows after its "Sale").  PayPal writes them in its
 * account's language: Website-Zahlung, Rückzahlung, Allgemeine Abbuchung.
 */
enum { TY_PAYMENT, TY_REFUND, TY_OTHER, TY_PART };

static int
has_word(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcasestr(s, *words))
			return 1;
	return 0;
}

static int
row_type(const char *s, const struct sys *sys)
{
	static const char *const refund[] = { "refund", "reversal",
	    "chargeback", "rückzahlung", "erstattung", "rückbuchung",
	    "remboursement", NULL };
	static const char *const other[] = { "withdraw", "transfer",
	    "conversion", "authoriz", "hold", "fee", "abbuchung", "gebühr",
	    "überweisung", "umrechnung", "einbehalt", "autorisierung",
	    "virement", "retrait", "suspen", "déblocage", "commission",
	    "autorisation", NULL };
	static const char *const payment[] = { "payment", "sale", "order",
	    "donation", "zahlung", "paiement", NULL };

	if (sys && (sys->flags & S_INVOICES))	/* not a credit note */
		return strcasestr(s, "invoice") ? TY_PAYMENT : TY_OTHER;
	if (sys && (sys->flags & S_GROUPED))	/* QuickBooks' sales */
		return strcasecmp(s, "invoice") == 0 || strcasecmp(s,
		    "sales receipt") == 0 ? TY_PAYMENT : strcasecmp(s,
		    "credit memo") == 0 || strcasecmp(s, "refund receipt") ==
		    0 || strcasecmp(s, "refund") == 0 ? TY_REFUND : TY_OTHER;
	if (sys && (sys->flags & S_VOUCHERS))	/* Receipt, Journal: not sales */
		return strcasecmp(s, "sales") == 0 ? TY_PAYMENT :
		    strcasecmp(s, "credit note") == 0 ? TY_REFUND : TY_OTHER;
	if (sys && (sys->flags & S_CREDITS))	/* Braintree's credit */
		return strcasecmp(s, "sale") == 0 ? TY_PAYMENT :
		    strcasecmp(s, "credit") == 0 ? TY_REFUND : TY_OTHER;
	if (sys && (sys->flags & S_SALE_ROWS))
		return strcasecmp(s, "sale") == 0 ? TY_PAYMENT :
		    strcasecmp(s, "return") == 0 ? TY_REFUND : TY_PART;
	if (has_word(s, refund))
		return TY_REFUND;
	if (has_word(s, other))
		return TY_OTHER;
	if (has_word(s, payment))
		return TY_PAYMENT;
	return TY_OTHER;
}

/*
 * Is a payment service's row (its type, its gross) a customer paying us?
 * crm-add, given a PayPal file, imports those rows' payers only: the
 * other side of a payment we made, a refund or a fee is no buyer.
 */
int
crm_payment_row(const char *type, const char *gross)
{
	return row_type(type, NULL) == TY_PAYMENT &&
	    *(gross + strspn(gross, " ")) != '-';
}

/* The value of a row's column for target, or NULL. */
static const char *
val(const struct ia_ctx *x, const struct crm_rec *rec, int target)
{
	int i = x->at[target];
	const char *v;

	if (i < 0)
		return NULL;
	v = (size_t)i < rec->n ? crm_trim(rec->f[i]) : "";
	return *v ? v : NULL;
}

/*
 * A row of no customer that gives money back (Mollie's refund written
 * without the consumer's name: its status a refund's, as order_state()
 * reads it, and an amount): skipped, but counted apart from the fees,
 * with its amount, so that the user sees the revenue it leaves too high
 * and logs it by hand (say_refunds_nobody(), qa52 F2).  Which payment
 * it refunds the file does not say surely (its Description is free
 * text): not guessed.  1 when it is one.
 */
static int
nobody_refund(struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *st = val(x, rec, I_STATUS), *v = val(x, rec, I_AMOUNT);
	long long a;

	if (!st || !v || order_state(st, x->sys) != ST_REFUNDED ||
	    crm_parse_money_cell(v, &a, x->rd, (size_t)x->at[I_AMOUNT],
	    rec->line) < 0 || a == 0)
		return 0;
	crm_import_skip(x->im);
	if (x->refunds_nobody.n < (long)NELEM(x->refunds_nobody.line))
		x->refunds_nobody.line[x->refunds_nobody.n] = rec->line;
	x->refunds_nobody.n++;
	x->refunds_nobody.sum += a < 0 ? -a : a;
	return 1;
}

static void
say_refunds_nobody(const struct ia_ctx *x)
{
	char num[32], sum[32];
	long i, n = x->refunds_nobody.n;

	if (n == 0)
		return;
	crm_fmt_money(x->refunds_nobody.sum, sum);
	fprintf(stderr, "%s: %s: %s refund%s of %s%s skipped (line%s",
	    crm_prog, crm_rd_name(x->rd), crm_fmt_count(n, num), n == 1 ?
	    "" : "s", sum, n == 1 ? "" : " in all", n == 1 ? "" : "s");
	for (i = 0; i < n && i < (long)NELEM(x->refunds_nobody.line); i++)
		fprintf(stderr, "%s%ld", i ? ", " : " ",
		    x->refunds_nobody.line[i]);
	fprintf(stderr, "%s): no customer named, so revenue is that much "
	    "too high; crm-log CUSTOMER return --amount %s logs %s\n",
	    n > (long)NELEM(x->refunds_nobody.line) ? ", ..." : "", n == 1 ?
	    sum : "AMOUNT", n == 1 ? "it" : "each");
}

/* The word the row's kind was read from: its kind or its type column. */
static const char *
kind_cell(const struct ia_ctx *x, const struct crm_rec *rec)
{
	return val(x, rec, x->at[I_KIND] >= 0 ? I_KIND : I_KIND_WORD);
}

/*
 * A line item's row with the order's values where it leaves them out
 * (Shopify gives the e-mail, the time and the state on the first line
 * only); its own product, quantity, price and extra columns stay its own.
 * NULL when nothing is carried.
 */
static char **
carry(const struct ia_ctx *x, const struct crm_rec *rec)
{
	char **f;
	size_t i;
	int t;

	if (x->order.item < 2 || x->order.first == NULL)
		return NULL;
	f = crm_xcalloc(rec->n ? rec->n : 1, sizeof *f);
	for (i = 0; i < rec->n; i++) {
		t = i < x->n ? x->cols[i].to : I_FIELD;
		f[i] = rec->f[i];
		if (*crm_trim(f[i]) == '\0' && i < x->n && x->order.first[i] &&
		    t != I_PRODUCT && t != I_QTY && t != I_PRICE &&
		    t != I_LINE && t != I_DISCOUNT && t != I_REFUND &&
		    t != I_FIELD && t != I_SCORE)
			f[i] = x->order.first[i];
	}
	return f;
}

/*
 * A refund column gives what was paid back, shipping and taxes too; but
 * only the goods were revenue, so a return takes back at most what the
 * order's purchases came to: a fully refunded order nets 0, not less.
 * Its lines are known only when the order ends.
 */
static void changed(struct ia_ctx *, long, const struct crm_ia *, long long,
    int);

static void
settle_refund(struct ia_ctx *x)
{
	struct crm_ia ret = { .kind = "return", .has_amount = 1 };

	if (x->order.ret_id && x->order.ret_amount > x->order.goods &&
	    x->order.goods > 0)
		crm_ia_set_amount(x->db, x->order.ret_id, x->order.goods);
	if (x->order.ret_seen) {	/* logged before: as it would be now? */
		ret.ref = x->order.ref, ret.amount = x->order.ret_file;
		if (ret.amount > x->order.goods && x->order.goods > 0)
			ret.amount = x->order.goods;
		changed(x, x->order.ret_line, &ret, x->order.ret_was,
		    x->order.ret_had);
	}
	x->order.goods = x->order.ret_id = x->order.ret_amount = 0;
	x->order.ret_seen = 0;
}

/*
 * Is a row a line item of an order, its order's fields carried: a known
 * system's lines (S_LINES), or a file of no system that item_rows()
 * found to be one.
 */
static int
line_rows(const struct ia_ctx *x)
{
	return x->sys ? (x->sys->flags & S_LINES) != 0 : x->item_rows;
}

/* Keep an order's first row while its number stays the same. */
static void
follow_order(struct ia_ctx *x, const struct crm_rec *rec)
{
	long long prev = x->order.item;
	const char *ref;
	size_t i;

	if (!line_rows(x) || x->at[I_REF] < 0)
		return;
	x->order.item = 0;	/* val() does not carry while we look */
	ref = val(x, rec, I_REF);
	if (ref && x->order.ref && strcmp(ref, x->order.ref) == 0) {
		x->order.item = prev + 1;
		return;
	}
	settle_refund(x);
	x->order.item = 1;
	x->order.coupon = x->order.coupon_left = 0;	/* order_discount() */
	x->order.subtotal = x->order.before = 0;
	x->order.ntaken = 0;
	free(x->order.ref);
	if (x->order.first)
		crm_free_list(x->order.first, x->n);
	x->order.ref = ref ? crm_xstrdup(ref) : NULL;
	x->order.first = crm_xcalloc(x->n, sizeof *x->order.first);
	for (i = 0; i < x->n && i < rec->n; i++)
		x->order.first[i] = crm_xstrdup(crm_trim(rec->f[i]));
}

/*
 * PayPal writes the date in its account's country's order, and the zone
 * beside it: 03/05/2024 with PST is 5 March, 05/03/2024 with GMT too.
 */
static int
us_zone(const char *z)
{
	static const char *const us[] = { "PST", "PDT", "MST", "MDT", "CST",
	    "CDT", "EST", "EDT", "AKST", "AKDT", "HST" };
	size_t i;

	for (i = 0; i < NELEM(us); i++)
		if (strcasecmp(z, us[i]) == 0)
			return 1;
	return 0;
}

/* The German names of Central European time, as PayPal.de writes them. */
static const char *
zone_word(const char *z)
{
	if (strcmp(z, "MEZ") == 0)
		return "CET";
	if (strcmp(z, "MESZ") == 0)
		return "CEST";
	return z;
}

/* Is z a time zone crm reads (PST, GMT+08:00, +0800)? */
static int
zone_known(const char *z)
{
	char *s = crm_xasprintf("2000-01-01T00:00:00 %s", z);
	time_t t;
	int r = crm_parse_when_as(s, "%Y-%m-%dT%H:%M:%S", &t);

	free(s);
	return r == 0;
}

/*
 * Is d an ISO date alone (2024-03-05)?  Its time column is then read as
 * --date-format %Y-%m-%d reads one: 14:30, and 2:30 PM too.
 */
static int
iso_day(const char *d)
{
	time_t t;

	return strlen(d) == 10 && crm_parse_when_as(d, "%Y-%m-%d", &t) == 0;
}

/*
 * Does a time name its zone: an offset after its time of day
 * (2024-03-05T14:22:11+01:00, -0500), Z, or a zone's name (UTC, CET)
 * at its end, not AM or PM?
 */
static int
names_zone(const char *d)
{
	const char *c = strchr(d, ':');
	size_t n = strlen(d);

	while (n > 0 && d[n - 1] == ' ')
		n--;
	if (n == 0 || c == NULL)
		return 0;	/* a day alone: no time to have a zone */
	if (strcspn(c, "+-") < strlen(c))
		return 1;
	if (!isalpha((unsigned char)d[n - 1]))
		return 0;
	if (n >= 2 && (strncasecmp(d + n - 2, "AM", 2) == 0 ||
	    strncasecmp(d + n - 2, "PM", 2) == 0))
		return 0;
	return 1;
}

/*
 * A WooCommerce export's order time names no zone: the plugins write it
 * as WordPress keeps it, in the shop's own zone (its General Settings),
 * which the file does not say (WebToffee's order_date is the order
 * post's post_date, local; WooCommerce's API has date_created_gmt
 * beside it for that reason).  It is read in this machine's zone (TZ),
 * not guessed: counted, and said once at the end (say_shop_zone()).
 */
static void
shop_zone(struct ia_ctx *x, const char *d, int col)
{
	/* WooCommerce's, and a shop's line-item export of no system crm
	 * knows (item_rows()): both write the shop's local time (qa51 F1) */
	if ((x->sys == NULL ? !x->item_rows :
	    strcmp(x->sys->name, "woocommerce") != 0) || names_zone(d))
		return;
	if (x->shop_local++ == 0)
		x->shop_local_col = col;
}

static void
say_shop_zone(const struct ia_ctx *x)
{
	const char *tz = getenv("TZ");
	char num[32];

	if (x->shop_local == 0)
		return;
	fprintf(stderr, "%s: %s: %s: no time zone in %s row%s: read in %s%s; "
	    "a shop's export writes its shop's own%s: if that is another, "
	    "crm undo this import and run it again "
	    "with TZ set to the shop's (TZ=Europe/Berlin crm-log --import ...)"
	    "\n",
	    crm_prog, crm_rd_name(x->rd), x->names[x->shop_local_col],
	    crm_fmt_count(x->shop_local, num), x->shop_local == 1 ? "" : "s",
	    tz && *tz ? "TZ=" : "this machine's local time", tz && *tz ? tz :
	    " (TZ not set)", x->sys ? " (a WordPress site's time zone)" :
	    " time zone");
}

/*
 * The time of a row: its date, with the separate clock and zone columns
 * PayPal and Square have, in the zone the export is in.
 */
static const char *
row_time(struct ia_ctx *x, const struct crm_rec *rec, struct crm_ia *ia,
    char *buf, int *col)
{
	const char *d = val(x, rec, I_AT), *clock = val(x, rec, I_CLOCK);
	const char *zone = val(x, rec, I_ZONE), *fmt = NULL;
	static char msg[560];
	struct crm_buf b = { 0 };
	time_t t;
	int r, dc = x->at[I_AT], k;

	/* a done task due on a day, no time of day: when it was done */
	if (d && clock == NULL && x->done_at && (size_t)x->done_at <=
	    rec->n && *crm_trim(rec->f[x->done_at - 1]) != '\0')
		d = rec->f[dc = x->done_at - 1];
	/* an activity's time empty in its own column: its next one's (a
	 * task's ACTIVITYDATE where COMPLETEDDATETIME is empty) */
	for (k = 0; d == NULL && k < x->nat_alt; k++)
		if (*(d = (size_t)(dc = x->at_alt[k]) < rec->n ?
		    crm_trim(rec->f[dc]) : "") == '\0')
			d = NULL;
		else
			clock = NULL;	/* the first column's */
	if (d == NULL)
		return NULL;
	*col = dc;
	crm_buf_adds(&b, d);
	if (clock)
		crm_buf_addf(&b, " %s", clock);
	if (x->sys)
		fmt = x->sys->datefmt;
	if (fmt && strncmp(fmt, "%m/", 3) == 0 && zone && !us_zone(zone) &&
	    !(x->sys->flags & S_CREDITS))	/* Braintree's month first */
		fmt = "%d/%m/%Y %H:%M:%S";	/* PayPal outside the US */
	if (zone)
		crm_buf_addf(&b, " %s", zone_word(zone));
	else if (x->at[I_AT_UTC] >= 0)
		crm_buf_adds(&b, " UTC");
	r = -1;
	if (!zone && x->sys && x->sys->zone) {	/* try the export's zone */
		crm_buf_addf(&b, " %s", x->sys->zone);
		r = crm_parse_when_as(b.s, fmt, &t);
		b.len -= strlen(x->sys->zone) + 1, b.s[b.len] = '\0';
	}
	if (r < 0)
		r = crm_parse_when_as(b.s, fmt, &t);
	if (r >= 0 && !zone && x->at[I_AT_UTC] < 0 && (x->sys ?
	    !x->sys->zone : x->item_rows))
		shop_zone(x, b.s, dc);
	if (r < 0 && clock && fmt == NULL && iso_day(d))
		r = crm_parse_when_as(b.s, "%Y-%m-%d", &t);	/* "2:22 PM" */
	if (r < 0 && zone && !zone_known(zone_word(zone))) {
		*col = x->at[I_ZONE];
		snprintf(msg, sizeof msg, "unknown time zone '%.40s' (a UTC "
		    "offset such as +13:00 or GMT+13:00 is read)", zone);
	} else if (r < 0 && clock) {
		b.len = 0;
		crm_buf_addf(&b, "%s %s", d, clock);
		snprintf(msg, sizeof msg, "not a date: %.40s and %.40s are read "
		    "together ('%.60s'): a %s must cover both, or the date "
		    "alone with the time as 14:30 or 2:30 PM",
		    x->names[x->at[I_AT]], x->names[x->at[I_CLOCK]], b.s,
		    crm_optname("date-format"));
	} else if (r < 0) {
		snprintf(msg, sizeof msg, "not a date (%s)",
		    crm_date_hint_column(d, x->rd, (size_t)dc));
	}
	crm_buf_free(&b);
	if (r < 0)
		return msg;
	ia->at = crm_fmt_time(t, buf);
	return NULL;
}

/*
 * Where an invoice's status puts it: owed (open, in part or in full),
 * paid in full, or owed by nobody (not sent yet, cancelled, written
 * off); an unknown word is refused, not guessed (inv_status()).
 */
enum { IS_OPEN, IS_PAID, IS_VOID, IS_UNKNOWN };

static const struct {
	const char *word;
	int state;
} inv_states[] = {
	/*
	 * English: Xero's (Awaiting Payment, AUTHORISED, SUBMITTED),
	 * FreshBooks' (sent, viewed, partial, overdue, disputed, auto-paid),
	 * Zoho Books' (Sent, Overdue, PartiallyPaid, Unpaid; Pending
	 * Approval and Approved come before it is sent), Stripe's (open,
	 * paid, void, uncollectible).
	 */
	{ "paid", IS_PAID }, { "auto-paid", IS_PAID },
	{ "open", IS_OPEN }, { "sent", IS_OPEN }, { "viewed", IS_OPEN },
	{ "overdue", IS_OPEN }, { "partial", IS_OPEN },
	{ "partially paid", IS_OPEN }, { "partiallypaid", IS_OPEN },
	{ "unpaid", IS_OPEN }, { "past due", IS_OPEN },
	{ "awaiting payment", IS_OPEN }, { "awaiting approval", IS_OPEN },
	{ "authorised", IS_OPEN }, { "authorized", IS_OPEN },
	{ "submitted", IS_OPEN }, { "disputed", IS_OPEN },
	{ "outstanding", IS_OPEN }, { "due", IS_OPEN },
	{ "resent", IS_OPEN }, { "retry", IS_OPEN },	/* FreshBooks' */
	{ "failed", IS_OPEN },	/* an automatic payment that failed */
	{ "closed", IS_PAID }, { "deposited", IS_PAID },
	{ "draft", IS_VOID }, { "void", IS_VOID }, { "voided", IS_VOID },
	{ "deleted", IS_VOID }, { "uncollectible", IS_VOID },
	{ "pending approval", IS_VOID }, { "approved", IS_VOID },
	{ "rejected", IS_VOID }, { "cancelled", IS_VOID },
	{ "canceled", IS_VOID },
	/* German: lexoffice's, sevDesk's, Zoho Books' in German */
	{ "bezahlt", IS_PAID }, { "beglichen", IS_PAID },
	{ "offen", IS_OPEN }, { "ausstehend", IS_OPEN },
	{ "fällig", IS_OPEN }, { "überfällig", IS_OPEN },
	{ "teilweise bezahlt", IS_OPEN }, { "teilbezahlt", IS_OPEN },
	{ "gesendet", IS_OPEN }, { "versendet", IS_OPEN },
	{ "unbezahlt", IS_OPEN }, { "gemahnt", IS_OPEN },
	{ "storniert", IS_VOID }, { "storno", IS_VOID },
	{ "entwurf", IS_VOID }, { "annulliert", IS_VOID },
	{ "ausstehende genehmigung", IS_VOID }, { "genehmigt", IS_VOID },
	{ "abgelehnt", IS_VOID },
	/* French */
	{ "payée", IS_PAID }, { "payé", IS_PAID }, { "réglée", IS_PAID },
	{ "réglé", IS_PAID }, { "soldée", IS_PAID },
	{ "en retard", IS_OPEN }, { "en attente", IS_OPEN },
	{ "impayée", IS_OPEN }, { "impayé", IS_OPEN },
	{ "envoyée", IS_OPEN }, { "à payer", IS_OPEN }, { "échue", IS_OPEN },
	{ "partiellement payée", IS_OPEN },
	{ "partiellement réglée", IS_OPEN },
	{ "annulée", IS_VOID }, { "annulé", IS_VOID },
	{ "brouillon", IS_VOID },
	/* Spanish and Portuguese */
	{ "pagada", IS_PAID }, { "pagado", IS_PAID }, { "pago", IS_PAID },
	{ "paga", IS_PAID }, { "cobrada", IS_PAID },
	{ "pendiente", IS_OPEN }, { "pendiente de pago", IS_OPEN },
	{ "vencida", IS_OPEN }, { "vencido", IS_OPEN },
	{ "enviada", IS_OPEN }, { "no pagada", IS_OPEN },
	{ "impagada", IS_OPEN }, { "parcialmente pagada", IS_OPEN },
	{ "em aberto", IS_OPEN }, { "aberta", IS_OPEN },
	{ "anulada", IS_VOID }, { "anulado", IS_VOID },
	{ "cancelada", IS_VOID }, { "cancelado", IS_VOID },
	{ "borrador", IS_VOID }, { "rascunho", IS_VOID },
	/* Italian */
	{ "pagata", IS_PAID }, { "pagato", IS_PAID }, { "saldata", IS_PAID },
	{ "scaduta", IS_OPEN }, { "scaduto", IS_OPEN },
	{ "da pagare", IS_OPEN }, { "non pagata", IS_OPEN },
	{ "inviata", IS_OPEN }, { "aperta", IS_OPEN },
	{ "parzialmente pagata", IS_OPEN },
	{ "annullata", IS_VOID }, { "annullato", IS_VOID },
	{ "bozza", IS_VOID },
	/* Dutch */
	{ "betaald", IS_PAID }, { "openstaand", IS_OPEN },
	{ "onbetaald", IS_OPEN }, { "vervallen", IS_OPEN },
	{ "verzonden", IS_OPEN }, { "gedeeltelijk betaald", IS_OPEN },
	{ "geannuleerd", IS_VOID }, { "concept", IS_VOID },
	/* Japanese: freee's 入金待ち and 入金済み, and the usual words */
	{ "入金済み", IS_PAID }, { "入金済", IS_PAID },
	{ "支払済み", IS_PAID }, { "支払済", IS_PAID },
	{ "未入金", IS_OPEN }, { "入金待ち", IS_OPEN },
	{ "未払い", IS_OPEN }, { "未払", IS_OPEN },
	{ "キャンセル", IS_VOID }, { "下書き", IS_VOID },
};

/* The state an invoice's status word means, case aside (any script). */
static int
inv_state(const char *s)
{
	char *f;
	size_t i;
	int st = IS_UNKNOWN;

	for (i = 0; i < NELEM(inv_states); i++)
		if (same_status(s, inv_states[i].word))
			return inv_states[i].state;
	f = crm_key_fold(s);	/* "Payée", "ÜBERFÄLLIG" */
	for (i = 0; i < NELEM(inv_states) && st == IS_UNKNOWN; i++)
		if (same_status(f, inv_states[i].word))
			st = inv_states[i].state;
	/* QuickBooks' list's "Overdue 12 days", "Due in 5 days" */
	if (st == IS_UNKNOWN && (strncmp(f, "overdue ", 8) == 0 ||
	    strncmp(f, "due in ", 7) == 0 || strncmp(f, "due on ", 7) == 0))
		st = IS_OPEN;
	free(f);
	return st;
}

/*
 * An invoice's status that says it is owed by nobody: not sent yet, or
 * cancelled, or written off (Stripe's "uncollectible").
 */
static int
unsent(const char *s)
{
	return inv_state(s) == IS_VOID;
}

struct row;
static void one_product(const struct ia_ctx *, const char *,
    struct crm_ia *, struct row *);

/* The parts of a row beyond the interaction itself. */
struct row {
	long long refund, discount, price, line;
	int has_refund, has_price, has_line, state, type;
	long long shipping;	/* the postage in the order's total */
	int has_shipping;
	long long handling;	/* a handling fee in it, 0 for none */
	long long mkt_tax;	/* a marketplace's tax in it (I_MKT_TAX) */
	long long coupon;	/* the order's discount (I_ORDER_DISCOUNT) */
	long long subtotal;	/* its goods before it (I_ORDER_GOODS) */
	int has_coupon, has_subtotal;
	long long part_refund;	/* Square's Partial Refunds */
	int has_part_refund;
	long long tax;		/* the tax in the order's total (I_TAX) */
	int has_tax;
	const char *refunds;	/* the order's refunds (I_REFUNDS), or NULL */
	int pay_word;		/* the file's word for the row: a payment */
	int credit;		/* an invoice list's credit note (inv_doc) */
	const char *doc;	/* its kind cell's word, when inv_doc() read it */
	int refunded;		/* Gumroad's "Fully Refunded?" says yes */
	int cancelled;		/* Shopify's "Cancelled at" has a time */
	int unposted;		/* QuickBooks' Posting No (an Estimate) */
	const char *status;	/* the order's status, and its column */
	int status_col;
	const char *pay_status;	/* the payment's, beside (I_PAY_STATUS) */
	long long paid, open;	/* an invoice's paid part, or open part */
	int has_paid, has_open;
	long long orig, disputed;	/* Stripe's: see stripe_converted[] */
	int has_orig, has_disputed, dispute_lost;
	int disputed_yes, dispute_won;	/* see lost_dispute() */
	char due[CRM_TIME_LEN], paid_at[CRM_TIME_LEN];
	char refund_at[CRM_TIME_LEN];	/* "" when the file has none */
	char resolved[CRM_TIME_LEN];	/* a complaint's, "" for none */
	struct crm_rd *rd;	/* the file, and the row's line: an amount */
	long at_line;		/* is read by its column (money) */
	long long frac_num, frac_den;	/* a quantity by weight: 1.5 is */
	int has_frac;			/* 15 / 10 */
	const char *currency;	/* the row's currency column's, or NULL */
	const char *home;	/* the database's currency, or NULL */
	char product[256];	/* the one product of I_PRODUCTS */
};

/*
 * The value of a "Key: value" part of BigCommerce's Product Details,
 * into buf: up to the next ", Product " (a name may hold a comma), else
 * the end.  NULL when the cell has no such part.
 */
static const char *
detail(const char *v, const char *key, char *buf, size_t cap)
{
	const char *p = v, *e;
	size_t n = strlen(key), len;

	while (p && strncmp(p, key, n) != 0)
		if ((p = strstr(p, ", ")) != NULL)
			p += 2;
	if (p == NULL)
		return NULL;
	p += n;
	len = (e = strstr(p, ", Product ")) ? (size_t)(e - p) : strlen(p);
	if (len >= cap)
		len = cap - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return crm_trim(buf);
}

/*
 * BigCommerce's Product Details, an order's lines in one cell ("Product
 * ID: 77, Product Qty: 2, Product SKU: W-1, Product Name: Widget, ..."
 * a line, " | " between lines): the product of a one-line order, and its
 * quantity when the file has no Total Quantity.  An order of several
 * lines is one purchase (its goods are the order's), so it names no one
 * product: the cell stays a field, as it always does.
 */
static void
one_product(const struct ia_ctx *x, const char *v, struct crm_ia *ia,
    struct row *r)
{
	char qty[32], *end;
	const char *q;
	long n;

	if (strstr(v, " | ") != NULL || ia->product ||
	    detail(v, "Product Name: ", r->product, sizeof r->product) ==
	    NULL || *crm_trim(r->product) == '\0')
		return;
	ia->product = crm_trim(r->product);
	if (x->at[I_QTY] < 0 && (q = detail(v, "Product Qty: ", qty,
	    sizeof qty)) != NULL && (n = strtol(q, &end, 10)) > 0 &&
	    *end == '\0')
		ia->qty = n, ia->has_qty = 1;
}

/*
 * The amount v of column i into *out; NULL, or what is wrong.  "kr 120"
 * is read when the row's currency column, or else the database's
 * currency, says which crown (crm_money_word), and "1,500.5" is refused
 * where that currency, or the amount's own code, has no minor unit.
 */
static const char *
money(const char *v, long long *out, int *col, int i, const struct row *r)
{
	static char msg[480];
	char *kr = crm_money_word(v, r->currency ? r->currency : r->home);
	const char *err = NULL;

	*col = i;
	if (kr)
		v = kr;
	if (crm_parse_money_cell(v, out, r->rd, (size_t)i, r->at_line) < 0) {
		if ((err = crm_money_sign_refusal(v)) == NULL) {
			snprintf(msg, sizeof msg, "not an amount (%s)",
			    crm_money_hint_column(v, r->rd, (size_t)i));
			err = msg;
		}
	} else {	/* "1,500.5" in yen: by the row's currency, or its own */
		err = crm_money_whole(*out, r->currency ? r->currency :
		    r->home ? r->home : crm_money_currency(v));
	}
	free(kr);
	return err;
}

/*
 * A yes/no column's yes: 1, true, yes, and 拼多多's after-sale state of
 * a refunded order.
 */
static int
yes(const char *v)
{
	return crm_yes_no(v) == 1 || strcmp(v, "退款成功") == 0;
}

/*
 * An invoice's date column (due, paid at) as a time into buf, in the
 * export's date order and, for Stripe's "(UTC)" columns, in UTC.  NULL,
 * or what is wrong.
 */
static const char *
col_time(const struct ia_ctx *x, size_t col, const char *v,
    char buf[CRM_TIME_LEN])
{
	static char msg[560];
	char *s = crm_xasprintf("%s%s", v, x->at[I_AT_UTC] >= 0 ? " UTC" : "");
	time_t t;
	int r = crm_parse_when_as(s, x->sys ? x->sys->datefmt : NULL, &t);

	free(s);
	if (r < 0) {
		snprintf(msg, sizeof msg, "not a date (%s)",
		    crm_date_hint_column(v, x->rd, col));
		return msg;
	}
	crm_fmt_time(t, buf);
	return NULL;
}

/* An extra field of the interaction: key and value stay the caller's. */
static void
add_field(struct crm_ia *ia, const char *key, const char *value)
{
	if (value == NULL)
		return;
	ia->fields = crm_xreallocarray(ia->fields, ia->nfields + 1,
	    sizeof *ia->fields);
	ia->fields[ia->nfields].key = (char *)key;
	ia->fields[ia->nfields++].value = (char *)value;
}

/*
 * A quantity with a fraction (Square's 1.5 lb of a by-weight item, a
 * fabric shop's 0.75 m): into r as num / den, 1 when v is one.  The
 * schema's quantity is a whole number, so the line keeps its money and
 * the quantity as written, as an extra field, and no quantity.
 */
static int
frac_qty(const struct ia_ctx *x, const char *v, struct row *r)
{
	long long num = 0, den = 1;
	const char *p = v;
	int digits = 0, fraction = 0;

	if (*p == '-' && x->sys)
		p++;	/* a refund's, as for whole numbers */
	for (; isdigit((unsigned char)*p) && num < 1000000; p++, digits++)
		num = num * 10 + (*p - '0');
	if (digits == 0 || (*p != '.' && *p != ','))
		return 0;
	for (p++; isdigit((unsigned char)*p) && den < 1000; p++) {
		num = num * 10 + (*p - '0'), den *= 10;
		fraction |= *p != '0';
	}
	if (*p || !fraction)
		return 0;
	r->frac_num = num, r->frac_den = den, r->has_frac = 1;
	return 1;
}

/*
 * A quantity whose thousands are grouped as the file's amounts are, into
 * buf without the marks: "1,000" is 1000, and with --decimal-comma
 * "1.000" and "2.500" (where "0,5" is half): a Menge column follows the
 * decimal convention its Betrag does.  v itself when it has no such
 * grouping: groups of three after a first of one to three, not starting
 * with 0, then maybe the decimals.  A group of thousands never follows a
 * leading zero: "0,250" (and "0.250" with --decimal-comma) is a quarter
 * kilo, by weight, not 250 pieces.
 */
static const char *
qty_ungroup(const char *v, char *buf, size_t cap)
{
	char group = crm_decimal_comma() ? '.' : ',';
	char mark = crm_decimal_comma() ? ',' : '.';
	const char *p = v;
	size_t n = 0, run = 0, groups = 0;

	if (*p == '-')
		buf[n++] = *p++;
	if (*p == '0')
		return v;	/* "0,250", "01,000": not thousands */
	for (; *p && *p != mark; p++) {
		if (n + 1 >= cap)
			return v;
		if (isdigit((unsigned char)*p)) {
			buf[n++] = *p, run++;
			continue;
		}
		if (*p != group || run == 0 || run > 3 || (groups && run != 3))
			return v;
		groups++, run = 0;
	}
	if (groups == 0 || run != 3 || n + strlen(p) >= cap)
		return v;
	strcpy(buf + n, p);	/* the decimals, as frac_qty reads them */
	return buf;
}

/* What a quantity is, in the decimal convention in force. */
static const char *
qty_refusal(void)
{
	static char msg[160];

	if (crm_decimal_comma())
		snprintf(msg, sizeof msg, "not a quantity: a positive whole "
		    "number (3, 1.000) or one by weight (1,5), as %s reads "
		    "them", crm_optname("decimal-comma"));
	else
		snprintf(msg, sizeof msg, "not a quantity: a positive whole "
		    "number (3, 1,000) or one by weight (1.5)");
	return msg;
}

/*
 * A Transaction/Payment/Event/Entry Type column's value: a kind's word
 * is the row's kind (Refund a return, Payment a payment, as under Type);
 * a word of money that moves but is no sale nor refund (Payout, Fee,
 * Transfer, a QuickBooks Sales Receipt), or that means a refund to one
 * system and money in to another (Credit, Debit), is refused rather
 * than logged as --kind says; anything else (Gumroad's Payment Type
 * "Card") is a field.  NULL, or what is wrong.
 */
static const char *
type_word(struct ia_ctx *x, size_t i, const char *v, struct crm_ia *ia)
{
	static const char *const two_way[] = { "credit", "debit", NULL };
	static const char *const no_sale[] = { "payout", "transfer", "fee",
	    "adjustment", "withdrawal", "deposit", "reversal", "dispute",
	    "sales receipt", "credit memo", "journal entry", "expense",
	    "bill", NULL };
	static char msg[200];
	const char *kind;
	int k;

	for (k = 0; two_way[k] && strcasecmp(v, two_way[k]) != 0; k++)
		;
	if (two_way[k]) {
		snprintf(msg, sizeof msg, "'%.40s' is a refund to some systems,"
		    " money in to others: not guessed (leave such rows out of "
		    "the file; --map %s takes every row as --kind says)", v,
		    crm_map_word(x->names[i], "-"));
		return msg;
	}
	for (k = 0; no_sale[k] && strcasecmp(v, no_sale[k]) != 0; k++)
		;
	if (no_sale[k]) {
		snprintf(msg, sizeof msg, "'%.40s' is neither a sale nor a "
		    "refund: not guessed (leave such rows out of the file; "
		    "--map %s takes every row as --kind says)", v,
		    crm_map_word(x->names[i], "-"));
		return msg;
	}
	if ((kind = crm_kind_word(v)) != NULL)
		ia->kind = kind;
	return NULL;
}

/*
 * The kind a kind column's cell v says (crm_kind_word()), or NULL.  In a
 * call log (call_log()) a Type column says by what a record went, as
 * RingCentral's says Voice, Fax or SMS: a Voice record is a call (qa28
 * F6: refused as no kind, even with --kind call given).
 */
static const char *act_type(const char *v);

static const char *
call_type(const struct ia_ctx *x, const char *v)
{
	const char *kind = crm_kind_word(v);

	while (*v == ' ')
		v++;
	if (kind == NULL && x->calls && strncasecmp(v, "voice", 5) == 0 &&
	    v[5 + strspn(v + 5, " ")] == '\0')
		kind = "call";
	if (kind == NULL && x->act)
		kind = act_type(v);
	return kind;
}

/*
 * Is a call log's Type a text message (RingCentral's SMS, a Message)?
 * crm's kinds have none for it (chat is a conversation on the web): such
 * a row is skipped and counted, never logged as a call.
 */
static int
text_message(const struct ia_ctx *x, const char *v)
{
	static const char *const words[] = { "sms", "mms", "text",
	    "text message", "message", "sms/mms", NULL };
	size_t k;

	if (!x->calls || v == NULL)
		return 0;
	for (k = 0; words[k] && strcasecmp(v, words[k]) != 0; k++)
		;
	return words[k] != NULL;
}

/*
 * What an invoice list's kind column (lexoffice's and sevDesk's
 * Belegart, Sage's Type) says a row is: DOC_INVOICE, DOC_CREDIT (a
 * credit note: Xero's, QuickBooks' and Europe's accounting systems'),
 * DOC_NONE (a quote, a delivery note: no money owed), or 0 when the
 * word is none of these.  In an invoice list a Rechnung is an invoice,
 * never the purchase an order file's is (lib/log.c).
 */
enum { DOC_INVOICE = 1, DOC_CREDIT, DOC_NONE };

static int
inv_doc(const char *v)
{
	static const struct {
		const char *word;
		int doc;
	} docs[] = {
		{ "invoice", DOC_INVOICE }, { "sales invoice", DOC_INVOICE },
		{ "tax invoice", DOC_INVOICE }, { "rechnung", DOC_INVOICE },
		{ "abschlagsrechnung", DOC_INVOICE },
		{ "schlussrechnung", DOC_INVOICE },
		{ "facture", DOC_INVOICE }, { "factura", DOC_INVOICE },
		{ "fattura", DOC_INVOICE }, { "factuur", DOC_INVOICE },
		{ "fatura", DOC_INVOICE }, { "請求書", DOC_INVOICE },
		{ "credit note", DOC_CREDIT }, { "credit memo", DOC_CREDIT },
		{ "sales credit note", DOC_CREDIT },
		{ "gutschrift", DOC_CREDIT },
		{ "rechnungskorrektur", DOC_CREDIT },
		{ "stornorechnung", DOC_CREDIT }, { "avoir", DOC_CREDIT },
		{ "facture d'avoir", DOC_CREDIT },
		{ "nota di credito", DOC_CREDIT },
		{ "nota de crédito", DOC_CREDIT },
		{ "nota de credito", DOC_CREDIT },
		{ "factura rectificativa", DOC_CREDIT },
		{ "creditnota", DOC_CREDIT }, { "creditfactuur", DOC_CREDIT },
		{ "quote", DOC_NONE }, { "estimate", DOC_NONE },
		{ "angebot", DOC_NONE }, { "lieferschein", DOC_NONE },
		{ "auftragsbestätigung", DOC_NONE }, { "devis", DOC_NONE },
		{ "bon de livraison", DOC_NONE },
		{ "presupuesto", DOC_NONE }, { "albarán", DOC_NONE },
		{ "preventivo", DOC_NONE }, { "offerte", DOC_NONE },
		{ "見積書", DOC_NONE }, { "納品書", DOC_NONE },
	};
	char *f = crm_key_fold(crm_trim((char *)v));
	size_t i;
	int d = 0;

	for (i = 0; i < NELEM(docs) && d == 0; i++)
		if (same_status(f, docs[i].word))
			d = docs[i].doc;
	free(f);
	return d;
}

/*
 * Where the refund of a refund_items cell that p begins ends: at a ';'
 * that begins the next (amount: or id: after it), not one in a reason's
 * text, which the plugin writes as it is.
 */
static size_t
refund_end(const char *p)
{
	const char *q = p, *n;

	while ((q = strchr(q, ';')) != NULL) {
		n = q + 1 + strspn(q + 1, " ");
		if (strncmp(n, "amount:", 7) == 0 || strncmp(n, "id:", 3) == 0)
			return (size_t)(q - p);
		q++;
	}
	return strlen(p);
}

/*
 * The next refund of WebToffee's refund_items, from *p on: its refunds
 * one after another, ';' between them, each its fields "amount:5.00|
 * reason:damaged|date:2024-03-08 10:00:00" (with id: in later
 * versions).  The plugin writes the date with PHP's date() of the
 * refund's time, in WordPress's zone for PHP, UTC: read as UTC.  Its
 * *amount, and its time into at ("" for none); *p moved past it.  1 for
 * a refund, 0 at the end, -1 and *why for one crm cannot read.
 */
static int
refund_next(const char **p, long long *amount, char at[CRM_TIME_LEN],
    const struct row *r, const char **why)
{
	char *one, *f, *save = NULL, *utc;
	size_t len;
	int col, has = 0, rc = 1;
	time_t t;

	*p += strspn(*p, "; \t\r\n");
	if (**p == '\0')
		return 0;
	len = refund_end(*p);
	one = crm_xmalloc(len + 1);
	memcpy(one, *p, len);
	one[len] = '\0';
	*p += len;
	at[0] = '\0';
	*amount = 0;
	for (f = strtok_r(one, "|", &save); f && rc > 0;
	    f = strtok_r(NULL, "|", &save)) {
		f = crm_trim(f);
		if (strncmp(f, "amount:", 7) == 0) {
			has = 1;
			if ((*why = money(crm_trim(f + 7), amount, &col, 0, r)))
				rc = -1;
		} else if (strncmp(f, "date:", 5) == 0 && *crm_trim(f + 5)) {
			utc = crm_xasprintf("%s UTC", crm_trim(f + 5));
			if (crm_parse_when_as(utc, NULL, &t) < 0)
				*why = "a refund's date is not a date", rc = -1;
			else
				crm_fmt_time(t, at);
			free(utc);
		}
	}
	free(one);
	if (rc > 0 && !has)
		*why = "a refund with no amount (each is amount:5.00|"
		    "reason:...|date:..., ';' between them)", rc = -1;
	if (rc > 0 && *amount < 0)
		*amount = -*amount;
	return rc;
}

/* Can every refund of a refund_items cell be read?  NULL, or why not. */
static const char *
refunds_cell(const char *v, const struct row *r)
{
	long long amount;
	char at[CRM_TIME_LEN];
	const char *why = NULL;
	int rc;

	while ((rc = refund_next(&v, &amount, at, r, &why)) > 0)
		;
	return rc < 0 ? why : NULL;
}

/* One column's value into the interaction; NULL or what is wrong. */
static const char *
put_value(struct ia_ctx *x, size_t i, const char *v, struct crm_ia *ia,
    struct row *r)
{
	const char *err, *qv;
	char *end, *score, qbuf[64];
	long q;
	int col;

	switch (x->cols[i].to) {
	case I_KIND:
		if (invoices(x) && (q = inv_doc(v)) != 0) {
			ia->kind = "invoice", r->doc = v;
			r->credit = q == DOC_CREDIT;
			if (q == DOC_NONE)
				r->type = TY_OTHER;	/* skipped, counted */
			break;
		}
		if ((ia->kind = call_type(x, v)) == NULL && x->act &&
		    !x->phone_log && x->defaults->kind) {
			/* an activity's type of its CRM's own (a Salesforce
			 * picklist's Follow-up): --kind's, the type kept; a
			 * phone system's Type (RingCentral's Video) is how a
			 * record went, refused (t/335) */
			ia->kind = x->defaults->kind;
			add_field(ia, x->names[i], v);
			break;
		}
		if (ia->kind == NULL) {
			static char msg[400];
			const char *k = x->defaults->kind;

			if (k)	/* given: the column is what stands in its way */
				snprintf(msg, sizeof msg, "'%.60s' is not a kind "
				    "(%s): --map %s ignores the column, so that "
				    "--kind %s says every row's", v, crm_kinds(),
				    crm_map_word(x->names[i], "-"), k);
			else
				snprintf(msg, sizeof msg, "'%.60s' is not a kind "
				    "(%s): --map %s ignores the column, --kind "
				    "then says it", v, crm_kinds(),
				    crm_map_word(x->names[i], "-"));
			return msg;
		}
		r->pay_word = strcmp(ia->kind, "payment") == 0;
		break;
	case I_CHANNEL:
		ia->channel = x->tickets ? ticket_channel(v) : v;
		break;
	case I_PRODUCT: ia->product = v; break;
	case I_PRODUCTS:
		one_product(x, v, ia, r);
		break;
	case I_SUMMARY: ia->summary = v; break;
	case I_TITLE: break;	/* title_summary() */
	case I_REF:
		if ((err = crm_excel_hint(v)) != NULL)
			return err;	/* two orders would be one */
		ia->ref = v;
		break;
	case I_ITEM:
		q = strtol(v, &end, 10);
		if (*end || q <= 0)
			return "not a line number (1, 2 ...)";
		ia->item = q;
		break;
	case I_OWNER: ia->owner = v; break;
	case I_QTY:
		qv = qty_ungroup(v, qbuf, sizeof qbuf);
		q = strtol(qv, &end, 10);
		if ((*end == '.' || (*end == ',' && crm_decimal_comma())) &&
		    strspn(end + 1, "0") == strlen(end + 1))
			end += strlen(end);	/* "2.00", "1.000,00" */
		if (*end && !x->qty_net && frac_qty(x, qv, r)) {
			add_field(ia, x->names[i], v);
			break;
		}
		if (*end || (q == 0 && !x->qty_net) || (q < 0 && !x->sys))
			return x->qty_net ? "not a whole number" :
			    qty_refusal();
		ia->qty = q < 0 ? -q : q, ia->has_qty = 1;
		break;
	case I_AMOUNT:
		if ((err = money(v, &ia->amount, &col, (int)i, r)))
			return err;
		ia->has_amount = 1;
		break;
	case I_PRICE:
		r->has_price = 1;
		return money(v, &r->price, &col, (int)i, r);
	case I_LINE:
		r->has_line = 1;
		return money(v, &r->line, &col, (int)i, r);
	case I_DISCOUNT:
		if ((err = money(v, &r->discount, &col, (int)i, r)))
			return err;
		r->discount = r->discount < 0 ? -r->discount : r->discount;
		break;
	case I_SHIPPING:
		r->has_shipping = 1;
		return money(v, &r->shipping, &col, (int)i, r);
	case I_MKT_TAX:
		return money(v, &r->mkt_tax, &col, (int)i, r);
	case I_HANDLING:
		return money(v, &r->handling, &col, (int)i, r);
	case I_ORDER_DISCOUNT:
		if ((err = money(v, &r->coupon, &col, (int)i, r)))
			return err;
		r->coupon = r->coupon < 0 ? -r->coupon : r->coupon;
		r->has_coupon = 1;
		break;
	case I_ORDER_GOODS:
		r->has_subtotal = 1;
		return money(v, &r->subtotal, &col, (int)i, r);
	case I_PART_REFUND:
		r->has_part_refund = 1;
		return money(v, &r->part_refund, &col, (int)i, r);
	case I_REFUND:
		r->has_refund = 1;
		return money(v, &r->refund, &col, (int)i, r);
	case I_TAX:
		r->has_tax = 1;
		return money(v, &r->tax, &col, (int)i, r);
	case I_REFUNDS:
		r->refunds = v;
		return refunds_cell(v, r);
	case I_STATUS:	/* read once the row's kind is known */
		r->status = v, r->status_col = (int)i;
		break;
	case I_PAY_STATUS:
		r->pay_status = v;
		break;
	case I_KIND_WORD:	/* "Refund" is a kind; "Card" is not */
		if (x->at[I_KIND] >= 0)
			break;
		if ((err = type_word(x, i, v, ia)))
			return err;
		r->pay_word = crm_kind_word(v) && strcmp(crm_kind_word(v),
		    "payment") == 0;
		break;
	case I_STATE:	/* "CA" is a place; "Cancelled" a status */
		if (x->at[I_STATUS] < 0 && (order_state(v, x->sys) !=
		    ST_UNKNOWN || (invoices(x) && inv_state(v) != IS_UNKNOWN)))
			r->status = v, r->status_col = (int)i;
		break;
	case I_REFUNDED:
		r->refunded |= yes(v);
		break;
	case I_DUE:
		if ((err = col_time(x, i, v, r->due)))
			return err;
		ia->due = r->due;
		break;
	case I_PAID_AT:
		return col_time(x, i, v, r->paid_at);
	case I_REFUND_AT:
		return col_time(x, i, v, r->refund_at);
	case I_RESOLVED:
		return col_time(x, i, v, r->resolved);
	case I_PAID:
		r->has_paid = 1;
		return money(v, &r->paid, &col, (int)i, r);
	case I_OPEN:
		r->has_open = 1;
		return money(v, &r->open, &col, (int)i, r);
	case I_CANCELLED:
		r->cancelled = 1;	/* a time: the order is no sale */
		break;
	case I_CURRENCY:	/* checked once the row is one to log */
		break;
	case I_ORIG_AMOUNT:
		r->has_orig = 1;
		return money(v, &r->orig, &col, (int)i, r);
	case I_DISPUTED:
		r->has_disputed = 1;
		return money(v, &r->disputed, &col, (int)i, r);
	case I_DISPUTE:
		r->dispute_lost = strcasecmp(v, "lost") == 0;
		break;
	case I_DISPUTED_YES:
		r->disputed_yes = yes(v);
		break;
	case I_DISPUTE_WON:
		r->dispute_won = yes(v);
		break;
	case I_TYPE: r->type = row_type(v, x->sys); break;
	case I_POSTING: r->unposted = strcasecmp(v, "no") == 0; break;
	case I_RATING:
		if (strlen(v) != 1 || *v < '1' || *v > '5')
			return "a rating is from 1 to 5";
		ia->rating = *v - '0';
		break;
	case I_CSAT:
		return csat_rating(v, ia);
	case I_NPS:
		return crm_ia_nps(ia, v);
	case I_SCORE:
		score = crm_xasprintf("%s=%s", x->cols[i].score, v);
		err = crm_ia_score(ia, score);
		free(score);
		return err;
	}
	return NULL;
}

/*
 * The order's state from its status, for a purchase (a complaint's
 * "open" is not an order's): NULL, or the column and what is wrong.
 */
/*
 * Is s a word only an invoice's status is (FreshBooks' sent, viewed,
 * overdue, partial; Xero's AUTHORISED, SUBMITTED), where an order
 * export's was expected?
 */
static int
invoice_word(const char *s)
{
	static const char *const words[] = { "sent", "viewed", "overdue",
	    "partial", "disputed", "authorised", "authorized", "submitted",
	    NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/*
 * The words a refusal offers in place of a status crm knows not, in the
 * file's language where its headers tell it (qa33 F10): the status
 * column's own name (Bestellstatus, Statut, Situação), else another
 * column's (Datum, Fecha).  English otherwise.
 */
static const char *
status_words(const struct ia_ctx *x, int col)
{
	static const struct {
		const char *const heads[8];
		const char *words;
	} langs[] = {
		{ { "bestellstatus", "auftragsstatus", "zahlungsstatus",
		    "statusderbestellung", "datum", "bestelldatum", "betrag",
		    "belegart" }, "bezahlt, erstattet or storniert" },
		{ { "statut", "statutdelacommande", "état", "statutdupaiement",
		    "datedecommande", "montant", "commande", "devise" },
		    "payée, remboursée or annulée" },
		/* not Pedido, Cliente, Valor: Spanish and Portuguese both */
		{ { "estado", "estadodelpedido", "estadodelpago", "fecha",
		    "importe", "moneda", "númerodepedido", NULL },
		    "pagado, reembolsado or cancelado" },
		{ { "situação", "situacao", "statusdopedido", "frete",
		    "totalprodutos", "situaçãodopedido", NULL },
		    "pago, devolvido or cancelado" },
		{ { "stato", "statoordine", "statodell'ordine",
		    "statopagamento", "ordine", "importo", "totale", NULL },
		    "pagato, rimborsato or annullato" },
		{ { "bestelstatus", "statusbestelling", "betaalstatus",
		    "bestelling", "bedrag", NULL }, "betaald, terugbetaald or "
		    "geannuleerd" },
		{ { "statuszamówienia", "zamówienie", "kwota", NULL },
		    "opłacone, zwrot or anulowane" },
	};
	size_t pass, l, k, i;
	char *n;
	int hit;

	for (pass = 0; pass < 2; pass++)
		for (l = 0; l < NELEM(langs); l++)
			for (i = pass ? 0 : (size_t)col; i < (pass ? x->n :
			    (size_t)col + 1); i++) {
				n = crm_norm_header(x->names[i]);
				for (k = 0, hit = 0; k < 8 && langs[l].heads[k] &&
				    !hit; k++)
					hit = strcmp(n, langs[l].heads[k]) == 0;
				free(n);
				if (hit)
					return langs[l].words;
			}
	return "paid, refunded or cancelled";
}

/*
 * A status saying some of the money went back (Shopify's partially
 * refunded, Shopware's Teilweise erstattet): how much, the file may not
 * say.
 */
static int
part_refunded(const char *s)
{
	static const char *const words[] = { "teilweise erstattet",
	    "teilweise rückerstattet", "partiellement remboursée",
	    "partiellement remboursé", "reembolsado parcialmente",
	    "parcialmente reembolsado", "rimborsato parzialmente",
	    "parzialmente rimborsato", "gedeeltelijk terugbetaald",
	    "częściowo zwrócone", NULL };
	char *f;
	size_t i;
	int yes = 0;

	if (strncasecmp(s, "partial", 7) == 0 && strcasestr(s, "refund"))
		return 1;
	f = crm_key_fold(s);
	for (i = 0; words[i] && !yes; i++)
		yes = same_status(f, words[i]);
	free(f);
	return yes;
}

/*
 * Is s an order status a plugin added to WooCommerce (SkyVerge's and
 * WebToffee's exports write the status's slug: a plugin's printed,
 * wc-shipped)?  WooCommerce's own reports (Analytics) count every
 * status but the ones its settings exclude, pending, failed and
 * cancelled by default: such an order is a sale there, and here.  A
 * label (Advanced Order Export's "In behandeling", a translation's) is
 * not a slug: still refused as unknown.
 */
static int
plugin_status(const struct ia_ctx *x, const char *s)
{
	if (x->sys == NULL || strcmp(x->sys->name, "woocommerce") != 0 ||
	    *s == '\0')
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/* Say the orders plugin_status() counted as sales, and free the words. */
static void
say_plugin_status(struct ia_ctx *x)
{
	struct skip *s = &x->plugin;
	char num[32];
	size_t i;

	if (s->n == 0)
		return;
	fprintf(stderr, "%s: %s: %s order%s of a status WooCommerce has not, "
	    "a plugin's", crm_prog, crm_rd_name(x->rd), crm_fmt_count(s->n,
	    num), s->n == 1 ? "" : "s");
	for (i = 0; i < s->nwords; i++)
		fprintf(stderr, "%s%s", i ? ", " : " (", s->words[i]);
	fprintf(stderr, "%s, counted as %s, as WooCommerce's reports count "
	    "every status but pending, failed and cancelled (if %s, leave "
	    "such rows out of the file)\n", s->more ? ", ...)" : s->nwords ?
	    ")" : "", s->n == 1 ? "a sale" : "sales", s->n == 1 ?
	    "it is not one" : "they are not");
	for (i = 0; i < s->nwords; i++)
		free(s->words[i]);
	s->nwords = 0;
}

static const char *
row_state(struct ia_ctx *x, const struct crm_ia *ia, struct row *r,
    int *col)
{
	static char msg[300];

	if (r->status == NULL && r->pay_status)	/* the order's cell empty */
		r->status = r->pay_status, r->status_col =
		    x->at[I_PAY_STATUS];

	if (r->status && ia->kind && strcmp(ia->kind, "purchase") == 0 &&
	    order_state(r->status, x->sys) == ST_UNKNOWN &&
	    plugin_status(x, r->status)) {
		r->state = ST_PAID;	/* as WooCommerce's reports count it */
		skip_word(&x->plugin, r->status);
	} else if (r->status && ia->kind && strcmp(ia->kind, "purchase") == 0 &&
	    (r->state = order_state(r->status, x->sys)) == ST_UNKNOWN) {
		*col = r->status_col;
		if (invoice_word(r->status)) {
			snprintf(msg, sizeof msg, "'%.60s' is an invoice's "
			    "status, not an order's: an invoice list is "
			    "imported with %s invoice", r->status,
			    crm_optname("kind"));
			return msg;
		}
		/* Not --map 'Status=-': it would log the file's cancelled
		 * and failed orders as sales too. */
		snprintf(msg, sizeof msg, "'%.60s' is not an order status crm "
		    "knows: not guessed (write %s in its place, as it means, "
		    "or leave such rows out of the file)", r->status,
		    status_words(x, r->status_col));
		return msg;
	}
	if (r->refunded && r->state == ST_PAID)
		r->state = ST_REFUNDED;
	/* a payment refunded: the order, done, was a return (qa33 F6) */
	if (r->pay_status && r->state == ST_PAID && ia->kind &&
	    strcmp(ia->kind, "purchase") == 0 && order_state(r->pay_status,
	    x->sys) == ST_REFUNDED)
		r->state = ST_REFUNDED;
	if (r->status && r->state == ST_PAID && !r->has_refund &&
	    x->at[I_REFUND] < 0 && !x->partial_said &&
	    (part_refunded(r->status) || (r->pay_status &&
	    part_refunded(r->pay_status)))) {
		int pc = part_refunded(r->status) ? r->status_col :
		    x->at[I_PAY_STATUS];

		/* Nothing says how much went back: the sale is counted whole,
		 * not guessed, and said (once a file). */
		x->partial_said = 1;
		crm_warn("%s:%ld: %s: %s, and the file says not how much: "
		    "counted whole (a refund column, or crm-log CUSTOMER return "
		    "--amount, gives it)", crm_rd_name(x->rd), x->line,
		    x->names[pc], pc == r->status_col ? r->status :
		    r->pay_status);
	}
	if (r->cancelled && ia->kind && strcmp(ia->kind, "purchase") == 0)
		r->state = ST_NOT_PAID;	/* whatever was refunded of it */
	return NULL;
}

/*
 * A dispute the seller lost is a chargeback: the disputed amount went
 * back to the buyer as a refund does, so it is added to the refund.
 * Stripe gives it in the charge's currency: with the amount converted
 * to the account's, it is converted in the same proportion.  Gumroad
 * says only Disputed? and Dispute Won?: a dispute not won took the
 * sale's whole amount back.
 */
static void
lost_dispute(const struct crm_ia *ia, struct row *r)
{
	__int128 d = r->disputed;

	if (r->disputed_yes && !r->dispute_won && ia->has_amount) {
		r->refund = ia->amount < 0 ? -ia->amount : ia->amount;
		r->has_refund = 1;
		return;
	}
	if (!r->dispute_lost || !r->has_disputed || r->disputed == 0)
		return;
	if (r->has_orig && r->orig != 0 && ia->has_amount) {
		d = d * ia->amount;
		d = (d + (d < 0 ? -1 : 1) * (r->orig / 2)) / r->orig;
	}
	r->refund += (long long)(d < 0 ? -d : d);
	r->has_refund = 1;
}

/*
 * A payment in another currency, in the database's at the rate of its
 * conversion: amount x in / out, rounded half away from zero.  PayPal
 * converts what is left after its fee, so the rate is what is applied,
 * to the whole payment.
 */
static void
fx_convert(const struct fx_pair *p, struct crm_ia *ia)
{
	__int128 a = (__int128)ia->amount * p->home;

	a = (a + (a < 0 ? -1 : 1) * (p->away / 2)) / p->away;
	ia->amount = (long long)a;
}

/*
 * The currency of a row's amounts (its currency column's), checked
 * against the database's (crm_currency_check: one currency per
 * database).  NULL, or what is wrong.
 */
static const char *
row_currency(struct ia_ctx *x, const char *v)
{
	static char msg[400];
	char *err;

	/* € is EUR; $ is taken where the database's currency is a dollar;
	 * kr where it is one of the crowns; a Y would be the database's */
	err = crm_currency_cell(x->db, &x->currency, v,
	    x->names[x->at[I_CURRENCY]]);
	if (err == NULL)
		return NULL;
	snprintf(msg, sizeof msg, "%s", err);
	free(err);
	return msg;
}

/*
 * The currency an amount cell is written in ("$7.50", "¥1,000", "12
 * EUR"), checked as a currency column is: a $ amount is never EUR.
 * NULL, or what is wrong, *col its column.
 */
static const char *
amount_currency(struct ia_ctx *x, const struct crm_rec *rec, int *col)
{
	static const int cols[] = { I_AMOUNT, I_PRICE, I_LINE };
	static char msg[400];
	const char *v, *code;
	char *err;
	size_t i;

	for (i = 0; i < NELEM(cols); i++) {
		if ((v = val(x, rec, cols[i])) == NULL ||
		    (code = crm_money_currency(v)) == NULL ||
		    (err = crm_currency_check(x->db, &x->currency, code,
		    NULL)) == NULL)
			continue;
		*col = x->at[cols[i]];
		snprintf(msg, sizeof msg, "%s", err);
		free(err);
		return msg;
	}
	return NULL;
}

/*
 * An order's goods where its subtotal is before a coupon (Magento's,
 * Taobao's, BigCommerce's): no more than what was paid less the postage
 * (and a handling fee), so that a coupon order counts what it brought
 * in, not its list price.  Before any conversion: the total and the
 * postage are in the same currency.
 */
static void
goods_paid(const struct crm_ia *ia, struct row *r)
{
	long long paid;

	if (!r->has_line || !r->has_shipping || !ia->has_amount)
		return;
	paid = ia->amount - r->shipping - r->handling;
	if (paid < r->line)
		r->line = paid < 0 ? 0 : paid;
}

/*
 * An order's goods where its total is all the export gives (SkyVerge's
 * legacy rows): the total less its shipping, fees and tax.  1 when the
 * amount is changed so.
 */
static int
goods_ex_tax(struct crm_ia *ia, const struct row *r)
{
	long long goods;

	if (!r->has_tax || r->has_line || r->has_price || !ia->has_amount ||
	    ia->amount <= 0)
		return 0;
	goods = ia->amount - r->shipping - r->handling - r->tax;
	ia->amount = goods < 0 ? 0 : goods;
	return 1;
}

/*
 * BigCommerce's Refund Amount is what went back to the buyer, tax
 * included, where its goods are counted without tax: the refund is taken
 * ex tax too, in the order's proportion, refund x Order Total (ex tax) /
 * Order Total (inc tax), rounded half away from zero to the cent (33.00
 * paid, 30.00 ex tax, 11.00 refunded: 10.00 back).  Before goods_paid()
 * makes the amount the goods.
 */
static void
refund_ex_tax(const struct ia_ctx *x, const struct crm_rec *rec,
    const struct crm_ia *ia, struct row *r)
{
	const char *v;
	long long inc;
	__int128 d;
	int col;

	if (x->inc_total < 0 || !r->has_refund || r->refund == 0 ||
	    !ia->has_amount || ia->amount <= 0 ||
	    (size_t)x->inc_total >= rec->n)
		return;
	v = crm_trim(rec->f[x->inc_total]);
	if (*v == '\0' || money(v, &inc, &col, x->inc_total, r) != NULL ||
	    inc <= ia->amount)
		return;	/* no tax, or no figure to scale by */
	d = (__int128)r->refund * ia->amount;
	d = (d + (d < 0 ? -1 : 1) * (inc / 2)) / inc;
	r->refund = (long long)d;
}

/*
 * A line's amount: its line total, or price x quantity, less its own
 * discount; else the row's amount (an order's total).  1 when the line
 * gave it.
 */
static int
line_amount(struct crm_ia *ia, const struct row *r)
{
	long long q = ia->has_qty ? ia->qty : 1;

	if (r->has_line)
		ia->amount = r->line, ia->has_amount = 1;
	else if (r->has_price && r->has_frac)	/* rounded half away */
		ia->amount = (r->price * r->frac_num + (r->price < 0 ? -1 : 1) *
		    r->frac_den / 2) / r->frac_den, ia->has_amount = 1;
	else if (r->has_price)
		ia->amount = r->price * q, ia->has_amount = 1;
	else
		return 0;
	ia->amount -= r->discount;
	return 1;
}

/*
 * An order's discount that its lines do not share out (Squarespace's
 * Discount Amount, the same on each line): shared out here, each line
 * taking its part of the order's goods before the discount (Subtotal),
 * rounded so that the parts add up to the whole discount; without a
 * subtotal, taken off the lines in turn.  No line goes below 0, so the
 * order's purchases come to its goods less the coupon.  The first line
 * says how much.
 */
static void
order_discount(struct ia_ctx *x, struct crm_ia *ia, const struct row *r)
{
	struct order *o = &x->order;
	long long take = 0, upto;
	__int128 d;

	if (ia->item <= 1) {
		o->coupon = o->coupon_left = r->has_coupon ? r->coupon : 0;
		o->subtotal = r->has_subtotal ? r->subtotal : 0;
		o->before = 0;
	}
	/* a discount that differs between the rows of one order is not the
	 * order's written again, maybe each line's own: said, once */
	if (ia->item > 1 && r->has_coupon && r->coupon != o->coupon &&
	    !x->coupon_differs) {
		x->coupon_differs = 1;
		crm_warn("%s:%ld: %s differs from the one on its order's first "
		    "row: taken as the order's, the first row's, once (if "
		    "each row's is its line's own, the revenue is off by the "
		    "others)", crm_rd_name(x->rd), r->at_line,
		    x->names[x->at[I_ORDER_DISCOUNT]]);
	}
	if (!ia->has_amount || ia->amount <= 0 || o->coupon_left <= 0)
		return;
	o->before += ia->amount;
	if (o->subtotal > 0 && o->before < o->subtotal) {
		d = (__int128)o->coupon * o->before;
		upto = (long long)((d + o->subtotal / 2) / o->subtotal);
		take = upto - (o->coupon - o->coupon_left);
	} else
		take = o->coupon_left;	/* the last line, or no subtotal */
	if (take > ia->amount)
		take = ia->amount;
	if (take > 0) {
		ia->amount -= take;
		o->coupon_left -= take;
	}
}

/*
 * Square's refund by amount (Partial Refunds), which its Net Sales
 * leaves out: on a Refund row, given back with the goods the row
 * refunds.  On a payment's row it is not taken, since Square lists the
 * refund as a row of its own (and whether a payment's row repeats its
 * Refund row's is not known: taken twice it would be given back twice).
 * Each is held, with its transaction, so that the end of the import can
 * say those whose Refund row is nowhere (square_refunds_say).
 */
struct part_refund {
	long line;
	char *ref;		/* its Transaction ID, or NULL */
	long long amount;	/* given back, > 0 */
	int refund;		/* a Refund row's, not a payment's */
};
#define PART_REFUNDS_MAX	4096	/* held; past them, said as a whole */

static void
square_refund(struct ia_ctx *x, struct crm_ia *ia, const struct row *r)
{
	long long a = ia->has_amount ? ia->amount : 0, p = r->part_refund;
	struct part_refund *pr;

	if (!r->has_part_refund || p == 0)
		return;
	if (x->nprs <= PART_REFUNDS_MAX) {
		x->prs = crm_xreallocarray(x->prs, x->nprs + 1, sizeof *x->prs);
		pr = &x->prs[x->nprs++];
		pr->line = x->line, pr->amount = p < 0 ? -p : p;
		pr->ref = ia->ref ? crm_xstrdup(ia->ref) : NULL;
		pr->refund = r->type == TY_REFUND;
	}
	if (r->type == TY_REFUND) {
		a = a < 0 ? -a : a;
		ia->amount = a + (p < 0 ? -p : p), ia->has_amount = 1;
	}
}

/* Does a Refund row of the file, or a return logged before, give back
 * payment pr's transaction? */
static int
part_refund_given(const struct ia_ctx *x, const struct part_refund *pr)
{
	size_t i;

	for (i = 0; i < x->nprs; i++)
		if (x->prs[i].refund && x->prs[i].ref &&
		    strcmp(x->prs[i].ref, pr->ref) == 0)
			return 1;
	return crm_query_int(x->db, 0, "SELECT 1 FROM interactions WHERE "
	    "kind = 'return' AND ref = ? LIMIT 1", "s", pr->ref) == 1;
}

/*
 * The payments' Partial Refunds not taken whose transaction no Refund
 * row gives back, in the file or before it: each said with the way to
 * log it, the customer its payment was logged for by id (the first ten;
 * then how many more).
 */
static void
square_refunds_say(struct ia_ctx *x)
{
	struct part_refund *pr;
	char amt[32], who[32];
	long long id;
	size_t i, said = 0;

	for (i = 0; x->nprs <= PART_REFUNDS_MAX && i < x->nprs; i++) {
		pr = &x->prs[i];
		if (pr->refund || (pr->ref && part_refund_given(x, pr)))
			continue;
		if (said++ >= 10)
			continue;
		id = pr->ref ? crm_query_int(x->db, 0, "SELECT customer_id "
		    "FROM interactions WHERE ref = ? AND kind = 'purchase' "
		    "ORDER BY id LIMIT 1", "s", pr->ref) : 0;
		if (id > 0)
			snprintf(who, sizeof who, "%lld", id);
		else
			snprintf(who, sizeof who, "CUSTOMER");
		crm_warn("%s:%ld: %s of %s on a payment's row not taken, and no "
		    "Refund row gives it back: Square lists a refund as a row "
		    "of its own; if it was given back, log it: crm-log %s "
		    "return --amount %s%s%s", crm_rd_name(x->rd), pr->line,
		    x->names[x->at[I_PART_REFUND]], crm_fmt_money(pr->amount,
		    amt), who, amt, pr->ref ? " --ref " : "", pr->ref ?
		    pr->ref : "");
	}
	if (said > 10)
		crm_warn("%s: %zu more payments' %s not taken, as above",
		    crm_rd_name(x->rd), said - 10,
		    x->names[x->at[I_PART_REFUND]]);
	if (x->nprs > PART_REFUNDS_MAX)
		crm_warn("%s: %s on payments' rows not taken: Square lists a "
		    "refund as a row of its own (too many to check each)",
		    crm_rd_name(x->rd), x->names[x->at[I_PART_REFUND]]);
}

/* The extra fields of a row, as the export has them. */
static void
row_fields(struct ia_ctx *x, const struct crm_rec *rec, struct crm_ia *ia)
{
	const char *v;
	size_t i;

	for (i = 0; i < rec->n && i < x->n; i++) {
		if (!x->cols[i].field || *(v = crm_trim(rec->f[i])) == '\0')
			continue;
		add_field(ia, x->cols[i].field, v);
	}
}

/* The e-mail of a row in any of its key columns, or NULL. */
static const char *
key_email(const struct crm_keycol *kc, const struct crm_rec *rec)
{
	size_t j;

	if (strcmp(kc->prefix, "email:") == 0 && !key_empty(rec, kc->col, ""))
		return rec->f[kc->col];
	for (j = 0; j < kc->nalt; j++)
		if (strcmp(kc->altprefix[j], "email:") == 0 &&
		    !key_empty(rec, kc->alt[j], ""))
			return rec->f[kc->alt[j]];
	return NULL;
}

/*
 * The buyer's name: its own column, or first and last, or the second
 * name column (Stripe's Card Name when Customer Description is empty);
 * NULL if none.
 */
static const char *
row_name_as_written(struct ia_ctx *x, const struct crm_rec *rec,
    char **full)
{
	const char *first = val(x, rec, I_FIRST), *last = val(x, rec, I_LAST);

	*full = NULL;
	if (x->call_name >= 0 && (size_t)x->call_name < rec->n &&
	    *crm_trim(rec->f[x->call_name]))	/* a call's other party's */
		return crm_trim(rec->f[x->call_name]);
	if (val(x, rec, I_NAME) || !(first || last))
		return val(x, rec, I_NAME) ? val(x, rec, I_NAME) :
		    val(x, rec, I_NAME2);
	return *full = crm_xasprintf("%s%s%s", first ? first : "",
	    first && last ? " " : "", last ? last : "");
}

/*
 * row_name_as_written's name as a customer's is stored (cust.c): a
 * no-break space a space, a zero width space or soft hyphen nothing, so
 * that the row finds the customer a clean sheet added, and adds her so.
 * A copy in *full when it differs.
 */
static const char *
row_name(struct ia_ctx *x, const struct crm_rec *rec, char **full)
{
	const char *name = row_name_as_written(x, rec, full), *p;
	char *copy, *t;
	int space;

	for (p = name; p && *p; p++)
		if ((*p & 0x80) && crm_invisible_len(p, &space))
			break;
	if (p == NULL || *p == '\0')
		return name;
	copy = crm_xstrdup(name);
	crm_invisible_fold(copy, 1);
	t = crm_trim(copy);
	memmove(copy, t, strlen(t) + 1);
	free(*full);
	return *full = copy;
}

/*
 * The buyer's phone as a new customer's: without Excel's "keep as
 * text" mark ('+44 ...) and Meta's lead forms' "p:" (p:+14155550132,
 * as its Lead Ads download writes every phone_number); NULL if none.
 */
static const char *
row_phone(const struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *p = val(x, rec, I_PHONE);

	if (p && *p == '\'')
		p++;
	if (p && (p[0] == 'p' || p[0] == 'P') && p[1] == ':')
		p = crm_trim((char *)p + 2);
	return p && *p ? p : NULL;
}

static void byname_put(struct ia_ctx *, const char *, const char *,
    long long);
static void phone_put(struct ia_ctx *, const char *, long long);

/*
 * Is a caller's name no name: what a caller ID shows when it has none
 * (WIRELESS CALLER, Unknown, Anonymous, Restricted, Private,
 * UNAVAILABLE, CELL PHONE CA), or the number itself?  Compared in lower
 * case, its marks and spaces as one space.  Such a name never becomes a
 * customer's (h-call26: two WIRELESS CALLERs were two customers so
 * named).
 */
static int
no_caller_name(const char *name)
{
	static const char *const words[] = { "wireless caller", "unknown",
	    "unknown caller", "unknown name", "unknown number", "anonymous",
	    "anonymous caller", "restricted", "restricted number", "private",
	    "private caller", "private number", "unavailable", "no caller id",
	    "caller id blocked", "blocked", "out of area", "toll free call",
	    "cell phone", NULL };
	char buf[40];
	size_t n = 0, k;
	int digits = 0, other = 0;
	const char *p;

	for (p = name; *p; p++) {
		digits |= *p >= '0' && *p <= '9';
		other |= strchr("0123456789+-()./ ", *p) == NULL;
	}
	if (digits && !other)	/* the number as its name */
		return 1;
	for (p = name; *p && n + 1 < sizeof buf; p++) {
		int c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			buf[n++] = (char)(c | 0x20);
		else if (c & 0x80)
			return 0;	/* a name in another script */
		else if (n && buf[n - 1] != ' ')
			buf[n++] = ' ';
	}
	if (*p)
		return 0;	/* longer than any of them */
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	for (k = 0; words[k]; k++)
		if (strcmp(buf, words[k]) == 0 || (strcmp(words[k],
		    "cell phone") == 0 && strncmp(buf, "cell phone ", 11) == 0 &&
		    strlen(buf) == 13))	/* CELL PHONE   CA: and its state */
			return 1;
	return 0;
}

/*
 * The way out for a call log's row read by direction whose other party
 * crm has no name for, and the file has no column of her side's names:
 * a column of each side's names, never one column of names (the
 * caller's is the firm's user's on a call out: call_names()).
 */
static void
call_names_hint(const struct ia_ctx *x, int in, const char *key,
    char *msg, size_t size)
{
	const char *m = crm_optname("map");

	if (x->call_fname < 0 && x->call_tname < 0)
		snprintf(msg, size, "no customer with phone %.60s, and no "
		    "name to add her by: crm-add -n NAME -p '%.60s' adds her, "
		    "and so do columns of the caller's and the callee's names "
		    "(%s 'COLUMN=from name' %s 'COLUMN=to name': the "
		    "customer's is the caller's on a call in, the callee's on "
		    "a call out)", key, key, m, m);
	else
		snprintf(msg, size, "no customer with phone %.60s, and no "
		    "name to add her by: crm-add -n NAME -p '%.60s' adds her, "
		    "and so does a column of the %s names (%s 'COLUMN=%s "
		    "name')", key, key, in ? "caller's" : "callee's", m,
		    in ? "from" : "to");
}

/*
 * The organisation of a row's organisation key column (Pipedrive's
 * Organization - Name beside the person an activity is with): a person
 * added by the row is its contact when crm has it, else it is her
 * company's name.  0, or -1 when the database failed.
 */
static int
row_org(struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec, struct crm_cust *c)
{
	const char *v;
	long long org;
	size_t j;

	for (j = 0; j < kc->nalt; j++) {
		if (strcmp(kc->altprefix[j], "org:") != 0 ||
		    key_empty(rec, kc->alt[j], "org:"))
			continue;
		v = crm_trim(rec->f[kc->alt[j]]);
		if ((org = crm_org_find(x->db, v, NULL)) < 0)
			return -1;
		if (org > 0)
			c->has_org = 1, c->org_id = org;
		else
			crm_cust_set(c, CRM_C_COMPANY, v);
		return 0;
	}
	return 0;
}

/*
 * A customer from the order's name, e-mail, phone and company
 * (--add-customers); the id that named it is its identity.  Its id, 0
 * and *err when it cannot be added, -1 when the database failed.
 */
static long long
add_customer(struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err)
{
	const char *prefix = "", *what, *name, *phone = row_phone(x, rec);
	const char *key = x->has_key ? key_used(kc, rec, &prefix) : NULL;
	const char *placeholder = NULL;
	struct crm_cust c = { 0 };
	long long id = 0;
	char *full;
	int col, by_number = key && (strcmp(prefix, "phone:") == 0 ||
	    (*prefix == '\0' && phone_shaped(key)));

	if ((name = row_name(x, rec, &full)) != NULL &&
	    no_caller_name(name))
		placeholder = name, name = NULL;
	if (name == NULL && !by_number)
		name = key;
	if (name == NULL) {
		static char msg[512];

		/* a number is no name: crm-add adds nobody by a phone alone */
		if (key == NULL) {
			*err = "no customer given, and no name to add one by";
			free(full);
			return 0;
		}
		if (placeholder)
			snprintf(msg, sizeof msg, "no customer with phone "
			    "%.60s, and '%.40s' is a caller ID's, no name: "
			    "crm-add -n NAME -p '%.60s' adds her", key,
			    placeholder, key);
		else if (x->call_name >= 0)	/* a call's side's, empty */
			snprintf(msg, sizeof msg, "no customer with phone "
			    "%.60s, and no name in %.40s to add her by: crm-add "
			    "-n NAME -p '%.60s' adds her", key,
			    x->names[x->call_name], key);
		else if (x->call_from >= 0 && x->call_from != x->call_to)
			call_names_hint(x, kc->col == (size_t)x->call_from,
			    key, msg, sizeof msg);
		else
			snprintf(msg, sizeof msg, "no customer with phone "
			    "%.60s, and no name to add her by: crm-add -n NAME "
			    "-p '%.60s' adds her, and so does a column of names "
			    "(%s 'COLUMN=full name')", key, key,
			    crm_optname("map"));
		*err = msg;
		free(full);
		return 0;
	}
	if (by_number && phone == NULL)
		phone = key;
	crm_cust_set(&c, CRM_C_NAME, name);
	if (x->has_key && key_email(kc, rec))
		crm_cust_set(&c, CRM_C_EMAIL, key_email(kc, rec));
	if (phone && *phone == '\'')	/* Excel's "keep as text" mark */
		phone++;
	if (x->lead_id >= 0 && val(x, rec, I_REF))
		/* a lead form's lead id is hers, as crm-add keeps it */
		crm_cust_set(&c, CRM_C_EXTERNAL_ID, val(x, rec, I_REF));
	if (phone)
		crm_cust_set(&c, CRM_C_PHONE, phone);
	if (val(x, rec, I_COMPANY))
		crm_cust_set(&c, CRM_C_COMPANY, val(x, rec, I_COMPANY));
	else if (x->has_key && row_org(x, kc, rec, &c) < 0) {
		crm_cust_free(&c);
		free(full);
		return -1;
	}
	if ((*err = crm_cust_check(&c, &col, &what)) == NULL &&
	    (id = crm_cust_insert(x->db, &c, 1)) == 0)
		*err = "the customer's e-mail or id is another's";
	if (id > 0 && key && strcmp(prefix, "ext:") == 0)
		crm_cust_add_id(x->db, id, x->sys ? x->sys->name : "", key);
	else if (id > 0 && key && *prefix == '\0' && !by_number &&
	    strcmp(name, key) != 0 && strchr(key, '@') == NULL)
		/* a bare key that is not her name (a marketplace's buyer
		 * username beside Buyer name): her id, as crm_cust_find()
		 * reads a bare key, so the next row and run find her (qa39 F1) */
		crm_cust_add_id(x->db, id, "", key);
	if (id > 0 && c.v[CRM_C_PHONE]) {	/* as stored */
		byname_put(x, c.v[CRM_C_NAME], c.v[CRM_C_PHONE], id);
		phone_put(x, c.v[CRM_C_PHONE], id);
	}
	crm_cust_free(&c);
	free(full);
	if (*err || id < 0)
		return *err ? 0 : -1;
	x->opts->customers++;
	return id;
}

/*
 * The key of a customer in x->byname: her name, then the kind of key and
 * its digits: 'D' her phone's digits (crm_key_phone); 'I' or 'N' the
 * national significant number of a phone written as international or in
 * national form (crm_key_phone_national), which a phone written the
 * other way looks up (crm_phone_same): "07700 900123" finds
 * "+447700900123"; 'J' or 'B' the same for crm_key_phone_bare:
 * "13800138000" finds "+86 138 0013 8000".
 */
static char *
name_phone_key(const char *name, int kind, const char *digits)
{
	return crm_xasprintf("%s\037%c%s", name, kind, digits);
}

/*
 * The i-th (0 to 2) of a phone's three keyed forms: its digits (to free;
 * NULL when it has none of that form) and in *kind the letter
 * name_phone_key files them under: 'D' all its digits, 'I' or 'N' its
 * national number, 'J' or 'B' its bare one, by whether the number was
 * written as international.  A look-up asks under the other writing
 * (flip), so that a number written one way finds one written the other.
 */
static char *
phone_form(const char *phone, int i, int flip, int *kind)
{
	int intl = 0;
	char *d = i == 0 ? crm_key_phone(phone) : i == 1 ?
	    crm_key_phone_national(phone, &intl) :
	    crm_key_phone_bare(phone, &intl);

	intl = intl != flip;
	*kind = i == 0 ? 'D' : i == 1 ? (intl ? 'I' : 'N') : intl ? 'J' : 'B';
	return d;
}

/* Remember customer id by her name and phone, if the map is read. */
static void
byname_put(struct ia_ctx *x, const char *name, const char *phone,
    long long id)
{
	char *d, *key;
	int kind, i;

	if (x->byname == NULL || phone == NULL)
		return;
	for (i = 0; i < 3; i++) {
		if ((d = phone_form(phone, i, 0, &kind)) == NULL)
			continue;
		key = name_phone_key(name, kind, d);
		if (*d && km_put(x->byname, key, id) < 0)
			x->byname_full = 1;
		free(key);
		free(d);
	}
}

/*
 * Every customer with a phone, by her name and its digits, read in one
 * pass at the first row that asks (the lowest id first, as crm-add's
 * namesakes are): a file of phone orders asks for each row, and the name
 * is indexed only among customers without an e-mail or id.
 */
static void
byname_load(struct ia_ctx *x)
{
	struct crm_stmt *st;
	char **v;
	size_t n, i;

	x->byname = km_new();
	st = crm_prepare(x->db, "SELECT " PHONES_COLS ", name FROM customers "
	    "ORDER BY id");
	while (crm_step(st) == CRM_ROW && !x->byname_full) {
		byname_put(x, crm_col_text(st, 3), crm_col_text(st, 1),
		    crm_col_int(st, 0));
		v = crm_phones_split(crm_col_text(st, 2), &n);
		for (i = 0; i < n; i++)
			byname_put(x, crm_col_text(st, 3), v[i],
			    crm_col_int(st, 0));
		crm_free_list(v, n);
	}
	crm_finalize(st);
}

/* The customer in x->byname of name and phone (by_name_and_phone). */
static long long
byname_get(struct ia_ctx *x, const char *name, const char *phone)
{
	long long id = 0;
	char *d, *key;
	int kind, i;

	for (i = 0; i < 3 && id == 0; i++) {
		if ((d = phone_form(phone, i, 1, &kind)) == NULL)
			continue;
		key = name_phone_key(name, kind, d);
		id = km_get(x->byname, key);
		free(key);
		free(d);
	}
	return id;
}

/*
 * What is wrong with a row whose name and phone (written as no customer's
 * is) match n customers' alike, theirs their phones: said about the
 * phone column, with the ways out: the phone written as one of theirs
 * (then it is hers exactly), or a key column with the customer's e-mail.
 */
static const char *
namesakes_why(struct ia_ctx *x, const char *name, const char *phone,
    long long n, const char *theirs)
{
	static char msg[600];
	char way[200];

	if (x->has_key)
		snprintf(way, sizeof way, "the customer's e-mail in %.60s",
		    x->kc.name);
	else
		snprintf(way, sizeof way,
		    "a column of the customer's e-mail: %s %s",
		    crm_optname("map"), crm_map_word("COLUMN", "email"));
	x->kc.name = x->names[x->at[I_PHONE]];
	snprintf(msg, sizeof msg, "'%.100s' with phone %.60s is %lld "
	    "customers or more, whose phones are written otherwise (%s%s): "
	    "write the row's phone as one of theirs, or give %s", name,
	    phone, n, theirs, n > 3 ? ", ..." : "", way);
	return msg;
}

/*
 * The customer of name whose phone is phone, whatever other keys she
 * has: the one whose phone is written as phone (crm_phone_exact), else
 * the only one whose phone is crm_phone_same.  Two or more of them (x101
 * and x102 for a row without the extension, +44 and +49 for a national
 * "07700 900123") are no one more than another: 0 and *err says so.
 */
static long long
phone_namesake(struct ia_ctx *x, const char *name, const char *phone,
    const char **err)
{
	struct crm_stmt *st;
	struct crm_buf theirs_all = { 0 };
	long long id = 0, exact = 0, n = 0;
	const char *own;
	char *theirs, *cross = NULL;	/* the first one's, written otherwise */
	int is, same = 0, crossed = 0;

	st = crm_prepare(x->db, PHONES_SQL "WHERE name = ? ORDER BY id");
	crm_bind_text(st, 1, name);
	while (exact == 0 && crm_step(st) == CRM_ROW) {
		own = crm_col_text(st, 1);
		if ((is = crm_phone_of(own, crm_col_text(st, 2), phone, 0,
		    &theirs, &same)) == 0)
			continue;
		if (n++ == 0)
			id = crm_col_int(st, 0), cross = theirs, theirs = NULL,
			    crossed = same;
		free(theirs);
		if (is == 3)
			exact = crm_col_int(st, 0);
		if (n <= 3)	/* the first few, to write the row's as one */
			crm_buf_addf(&theirs_all, "%s%.40s", n > 1 ? ", " : "",
			    own ? own : "");
	}
	crm_finalize(st);
	if (exact == 0 && n >= 2)
		*err = namesakes_why(x, name, phone, n, theirs_all.s);
	free(theirs_all.s);
	if (exact == 0 && n == 1 && cross)	/* said, as by_phone()'s */
		crm_phone_cross_note(x->db, phone, id, cross, crossed);
	free(cross);
	return exact ? exact : n < 2 ? id : 0;
}

/*
 * Customer id's phone in x->phones, by its digits in byname's three
 * forms ('D', 'I' or 'N', 'J' or 'B': name_phone_key, with no name): a
 * key two customers' phones have is put in x->phones_many too, and
 * looked up among them all (by_phone()).
 */
static void
phone_put(struct ia_ctx *x, const char *phone, long long id)
{
	char *d, *key;
	long long had = 0;
	int kind, i;

	if (x->phones == NULL || phone == NULL)
		return;
	for (i = 0; i < 3; i++) {
		if ((d = phone_form(phone, i, 0, &kind)) == NULL)
			continue;
		key = name_phone_key("", kind, d);
		if (*d && (had = km_get(x->phones, key)) == 0) {
			if (km_put(x->phones, key, id) < 0)
				x->phones_full = 1;
		} else if (*d && had != id &&
		    km_put(x->phones_many, key, 1) < 0) {
			x->phones_full = 1;
		}
		free(key);
		free(d);
	}
}

/* Customer id's other phones (a list: crm_phones_split) into x->phones. */
static void
phones_put(struct ia_ctx *x, const char *others, long long id)
{
	char **v;
	size_t n = 0, i;

	if (others == NULL || *others == '\0')
		return;
	v = crm_phones_split(others, &n);
	for (i = 0; i < n; i++)
		phone_put(x, v[i], id);
	crm_free_list(v, n);
}

/*
 * Every customer's numbers (PHONES_SQL: her phone and other phones) into
 * x->phones, at the first row that asks.
 */
static void
phone_load(struct ia_ctx *x)
{
	struct crm_stmt *st;

	x->phones = km_new();
	x->phones_many = km_new();
	st = crm_prepare(x->db, PHONES_SQL "ORDER BY id");
	while (crm_step(st) == CRM_ROW && !x->phones_full) {
		phone_put(x, crm_col_text(st, 1), crm_col_int(st, 0));
		phones_put(x, crm_col_text(st, 2), crm_col_int(st, 0));
	}
	crm_finalize(st);
}

/*
 * The customer x->phones has for phone, looked up as phone_put() put
 * them (a number written as international finds one written in
 * national form); *many when a key is two customers', or two keys are.
 */
static long long
phone_get(struct ia_ctx *x, const char *phone, int *many)
{
	long long id = 0, got;
	char *d, *key;
	int kind, i;

	for (i = 0; i < 3; i++) {
		if ((d = phone_form(phone, i, 1, &kind)) == NULL)
			continue;
		key = name_phone_key("", kind, d);
		if (*d && km_get(x->phones_many, key))
			*many = 1;
		if (*d && (got = km_get(x->phones, key)) != 0) {
			*many |= id && got != id;	/* two, by two forms */
			id = got;
		}
		free(key);
		free(d);
	}
	return id;
}

/*
 * The customer whose phone is phone (a call log's From or To), as
 * by_phone() finds her, the map saying who first: a file of calls asks
 * for each row.  0 and *err when none.
 */
static long long
phone_customer(struct ia_ctx *x, const char *phone, const char **err)
{
	static const char key;
	struct crm_stmt *st;
	long long id;
	char *theirs = NULL, *din;
	int many = 0, is = 0, same = 0;

	if (*phone == '\'')
		phone++;
	if (x->phones == NULL)
		phone_load(x);
	id = phone_get(x, phone, &many);
	if (many || x->phones_full)
		return by_phone(x->db, phone, err);
	*err = "no customer";
	if (id == 0 && (din = din_extension(phone)) != NULL) {
		/* the number without its DIN 5008 extension someone's? */
		id = phone_get(x, din, &many);
		free(din);
		return id || many ? by_phone(x->db, phone, err) : 0;
	}
	if (id == 0)
		return 0;
	/* the map's digits say nothing of extensions, nor whether the
	 * writings cross: crm_phone_of */
	st = crm_cached(x->db, &key, PHONES_SQL "WHERE id = ?");
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW && (is = crm_phone_of(crm_col_text(st, 1),
	    crm_col_text(st, 2), phone, 0, &theirs, &same)) == 1)
		crm_phone_cross_note(x->db, phone, id, theirs, same);
	crm_reset(st);
	free(theirs);
	return is ? id : by_phone(x->db, phone, err);
}

/*
 * The customer of name whose phone is phone (phone_namesake): the map
 * says whether any customer of the name has such a phone (most rows of a
 * file of new customers have none), the query which.
 */
static long long
by_name_and_phone(struct ia_ctx *x, const char *name, const char *phone,
    const char **err)
{
	if (x->byname == NULL)
		byname_load(x);
	if (byname_get(x, name, phone) == 0 && !x->byname_full)
		return 0;
	return phone_namesake(x, name, phone, err);
}

/*
 * An order without a buyer's e-mail or id (a shop's till, a phone
 * checkout) names its customer by name and phone: the customer of that
 * name and phone, whatever other keys she has (she ordered by e-mail
 * before, or came from the shop's customers export), the phones compared
 * as crm_phone_same does (by their digits, a national form as its
 * international one, an extension on one side only when no other
 * customer of the name matches too: phone_namesake); without a phone, the
 * one of that name known by neither e-mail nor id, as crm-add finds such
 * a customer.  So a re-import adds nobody twice.
 */
static long long
by_name(struct ia_ctx *x, const struct crm_rec *rec, const char **err)
{
	const char *name, *phone = row_phone(x, rec);
	long long id;
	char *full;

	if ((name = row_name(x, rec, &full)) == NULL)
		return 0;
	id = crm_query_int(x->db, 0, "SELECT id FROM customers WHERE name = "
	    "?1 AND email IS NULL AND external_id IS NULL AND (phone IS ?2 OR "
	    "?2 IS NULL) ORDER BY id LIMIT 1", "ss", name, phone);
	if (id == 0 && phone)
		id = by_name_and_phone(x, name, phone, err);
	free(full);
	return id;
}

/* Is the erased list read, and not empty?  Read once. */
static int
erased_any(struct ia_ctx *x)
{
	if (x->erased == 0)
		x->erased = crm_erased_any(x->db) > 0 ? 2 : 1;
	return x->erased == 2;
}

/*
 * A row that names its customer by e-mail and by the system's own
 * customer number (Stripe's cus_..., Square's customer id) teaches crm
 * that number: a later row with the number alone finds the same
 * customer instead of making a second one.  A number another customer
 * has already is left alone.
 */
static void
learn_ids(struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec, long long id)
{
	const char *v;
	char *key;
	size_t j;

	for (j = 0; j < kc->nalt; j++) {
		/* an account's id is her organisation's, never hers */
		if (strcmp(kc->altprefix[j], "ext:") != 0 ||
		    kc->altprefix[j] == acct_prefix || kc->alt[j] >= rec->n)
			continue;
		v = crm_trim(rec->f[kc->alt[j]]);
		if (*v == '\0' || strcmp(v, "0") == 0)
			continue;
		/* Known as hers (other_keys put it there): no query. */
		key = x->km ? km_key("ext:", v) : NULL;
		if (key && km_get(x->km, key) == id) {
			free(key);
			continue;
		}
		/* An id erased on request is nobody's again. */
		if (!(erased_any(x) && crm_erased_is(x->db, "id", x->sys ?
		    x->sys->name : "", v)) && crm_cust_add_id(x->db, id,
		    x->sys ? x->sys->name : "", v) == 0 && key)
			km_put(x->km, key, id);
		free(key);
	}
}

/*
 * A key cell that is a phone number (a call log's From; Youzan's buyer's
 * phone): under customer, a customer's id or name first, as
 * crm_keycol_customer() takes it; then the customer of that number
 * (phone_customer()).
 */
static long long
number_customer(struct ia_ctx *x, struct crm_keycol *kc,
    const struct crm_rec *rec, const char *v, const char **err)
{
	static char msg[300];
	long long id;

	if ((id = keycol_customer(x->db, kc, rec, err, 0)) != 0 ||
	    strncmp(*err, "no customer '", 13) != 0)
		return id;
	if ((id = phone_customer(x, v, err)) == 0 &&
	    strcmp(*err, "no customer") == 0) {
		snprintf(msg, sizeof msg, "no customer '%.200s'", v);
		*err = msg;
	}
	return id;
}

/*
 * crm_keycol_customer(), through the import's key map when the row names
 * its customer by e-mail: the same answer, without a query when the map
 * has it.
 */
static long long
mapped_customer(struct ia_ctx *x, struct crm_keycol *kc,
    const struct crm_rec *rec, const char **err)
{
	const char *prefix, *v = key_used(kc, rec, &prefix);
	char *e;
	long long id;

	if (v && (strcmp(prefix, "phone:") == 0 || (*prefix == '\0' &&
	    phone_shaped(v))))
		return number_customer(x, kc, rec, v, err);
	if (v == NULL || strcmp(prefix, "email:") != 0 || x->km == NULL)
		return crm_keycol_customer(x->db, kc, rec, err);
	/* Most addresses are as crm stores them already: no copy then. */
	for (e = (char *)v; *e > ' ' && *e < 0x7f && !(*e >= 'A' &&
	    *e <= 'Z'); e++)
		;
	e = *e ? crm_key_email(v) : (char *)v;
	if ((id = km_get(x->km, e)) == 0 &&
	    (id = crm_keycol_customer(x->db, kc, rec, err)) > 0)
		km_put(x->km, e, id);
	if (e != v)
		free(e);
	return id;
}

/*
 * The customer one key cell of a row names, as a row with that cell alone
 * would find her (crm_keycol_customer), through the key map: 0 and *err
 * when nobody.
 */
static long long
cell_customer(struct ia_ctx *x, const struct crm_keycol *kc, size_t col,
    const char *prefix, const struct crm_rec *rec, const char **err)
{
	struct crm_keycol one = *kc;
	char *key = x->km ? km_key(prefix, rec->f[col]) : NULL;
	long long id = key ? km_get(x->km, key) : 0;

	if (id) {
		free(key);
		return id;
	}
	/* The system's own id first: one query, where the search among
	 * every system's ids is three. */
	if (strcmp(prefix, "ext:") == 0)
		id = crm_cust_by_id(x->db, x->sys ? x->sys->name : "",
		    crm_trim(rec->f[col]));
	if (id == 0) {
		one.col = col, one.prefix = prefix, one.nalt = 0;
		one.names = NULL;	/* kc's column name is kept */
		id = crm_keycol_customer(x->db, &one, rec, err);
	}
	if (id > 0 && key)
		km_put(x->km, key, id);
	free(key);
	return id;
}

/* A key's kind, as crm-add's messages name it. */
static const char *
key_kind(const char *prefix)
{
	return strcmp(prefix, "email:") == 0 ? "e-mail" : "id";
}

/*
 * Is a key column of this kind one a row's customer is checked by?  An
 * e-mail or a system's customer number; not a bare id (last of the key
 * columns: often the record's own, an order's or a ticket's number), nor
 * a name.
 */
static int
checked_kind(const char *prefix)
{
	/* not an account's id: the organisation of the person beside it */
	return prefix != acct_prefix && (strcmp(prefix, "email:") == 0 ||
	    strcmp(prefix, "ext:") == 0);
}

static int key_erased(struct ia_ctx *, const struct crm_rec *, size_t,
    const char *);

/*
 * An erased key of a row whose customer another key found: left out (not
 * learned as hers) and said.
 */
static void
left_out(struct ia_ctx *x, const struct crm_rec *rec, size_t col)
{
	crm_warn("%s:%ld: %s: %s is erased on request: left out",
	    crm_rd_name(x->rd), rec->line, x->names[col],
	    crm_trim(rec->f[col]));
}

/*
 * Is v customer id's id in the system whose export this is (a Stripe
 * cus_..., an eBay username: learned under its name, or her external_id
 * from that system's customers export, when it is not a bare number)?
 * Not a generic external_id, a number 1..N of some other system, or an
 * account id a company's people share: such an id alone does not take a
 * row whose e-mail nobody has.
 */
static int
system_id(struct ia_ctx *x, char *v, long long id)
{
	v = crm_trim(v);
	return x->sys && (v[strspn(v, "0123456789")] != '\0' ||
	    crm_cust_by_id(x->db, x->sys->name, v) == id);
}

/*
 * What is wrong with a row whose key cells name two customers (m's, and
 * other by alternative j): with an id among them, crm-add's way out first
 * (drop the id column), a merge only if they are one person.
 */
static const char *
conflict(const struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_match *m, size_t col, const char *prefix, size_t j,
    long long other)
{
	if (strcmp(kc->altprefix[j], "email:") != 0)
		return crm_match_conflict_id(m, other, x->names[kc->alt[j]]);
	if (strcmp(prefix, "email:") != 0)
		return crm_match_conflict_id(m, other, x->names[col]);
	return crm_match_conflict(m, other);
}

/*
 * The row's other key cells (kc's alternatives: a shop's customer id
 * beside the e-mail, a second address) must name the customer the first
 * names, or nobody: crm-add's rule (resolve() in import.c), so that a
 * Stripe customer who changed her e-mail is found by her cus_... and a
 * row whose keys are two customers' is refused, never guessed.  *id is
 * the customer the first cell named (0: nobody); on return the row's,
 * else 0 and *err why (the conflict, its column in x->kc.name).  When
 * only another cell found her, the row's new address becomes another
 * e-mail of hers, as crm-add keeps it (not when it is erased), when that
 * cell is the system's own id (system_id()); a generic id beside an
 * address nobody has is another person, refused as crm-add refuses it.
 * 0; 1 when the row is refused (*err); -1 when the database failed.
 */
static int
other_keys(struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec, long long *id, const char **err)
{
	struct crm_match m = { 0 };
	const char *prefix, *v = key_used(kc, rec, &prefix), *why;
	const char *found_by = "email:";	/* the kind that found m.id */
	size_t j, col = kc->col;
	long long other;
	char *e;
	int r;

	if (v == NULL)
		return 0;
	if (*id == 0) {
		/* the other cells' look-ups write keycol_customer()'s
		 * message again: the first cell's is the row's (qa35 F10:
		 * "Person - Email: no customer '101'") */
		static char first[256];

		snprintf(first, sizeof first, "%s", *err);
		*err = first;
	}
	for (j = 0; rec->f[col] != v && j < kc->nalt; j++)
		col = kc->alt[j];
	crm_match_key(&m, *id, key_kind(prefix), v, (int)col);
	for (j = 0; j < kc->nalt; j++) {
		if (kc->alt[j] == col || !checked_kind(kc->altprefix[j]) ||
		    key_empty(rec, kc->alt[j], kc->altprefix[j]))
			continue;
		other = cell_customer(x, kc, kc->alt[j], kc->altprefix[j],
		    rec, &why);
		if (crm_match_key(&m, other, key_kind(kc->altprefix[j]),
		    rec->f[kc->alt[j]], (int)kc->alt[j]) < 0) {
			x->kc.name = x->names[kc->alt[j]];
			*err = conflict(x, kc, &m, col, prefix, j, other);
			*id = 0;
			return 1;
		}
		if (other && other == m.id && m.id_col == (int)kc->alt[j])
			found_by = kc->altprefix[j];
	}
	if (*id || m.id == 0)
		return crm_db_failed(x->db) ? -1 : 0;
	/* Found by another cell: the first names nobody.  An erased key is
	 * not another person's: hers, left out (t/170). */
	if (erased_any(x) && (r = key_erased(x, rec, col, prefix)) != 0) {
		*id = m.id;
		if (r > 0)
			left_out(x, rec, col);
		return r < 0 ? -1 : 0;
	}
	if (strcmp(prefix, "email:") == 0 && strcmp(found_by, "email:") != 0 &&
	    !system_id(x, rec->f[m.id_col], m.id)) {
		/* A generic id and an address nobody has: another person. */
		x->kc.name = x->names[m.id_col];
		*err = crm_match_other_person(m.id, crm_trim(rec->f[m.id_col]),
		    x->names[m.id_col]);
		return crm_db_failed(x->db) ? -1 : 1;
	}
	*id = m.id;
	if (strcmp(prefix, "email:") != 0)
		return crm_db_failed(x->db) ? -1 : 0;
	e = crm_key_email(v);
	if (crm_email_valid(e) && crm_cust_add_email(x->db, *id, e) == 0 &&
	    x->km)
		km_put(x->km, e, *id);
	free(e);
	return crm_db_failed(x->db) ? -1 : 0;
}

/* Is the customer key at col (of the kind prefix says) on the list? */
static int
key_erased(struct ia_ctx *x, const struct crm_rec *rec, size_t col,
    const char *prefix)
{
	const char *v;
	int r;

	if (col >= rec->n || *(v = crm_trim(rec->f[col])) == '\0')
		return 0;
	if (strcmp(prefix, "email:") == 0 || (*prefix == '\0' && strchr(v, '@')))
		return crm_erased_is(x->db, "email", "", v);
	if (*prefix == '\0' || (strcmp(prefix, "ext:") == 0 && !x->sys))
		return crm_erased_is(x->db, "id", "", v);
	/* A system's id: erased as that system's (crm-add --source) or as
	 * her external_id (a customers export read without it). */
	if (strcmp(prefix, "ext:") == 0 && (r = crm_erased_is(x->db, "id",
	    x->sys->name, v)) != 0)
		return r;
	if (strcmp(prefix, "ext:") == 0)
		return crm_erased_is(x->db, "id", "", v);
	return 0;
}

/*
 * A row none of whose keys names a customer crm has (other_keys tried
 * them all), and whose first key is not erased: is another of its keys
 * on the list (her Stripe cus_... or shop id beside an address crm never
 * saw)?  Then the row is hers, skipped, not a new customer: 1 with *key
 * and *keycol that key, else 0; -1 when the database failed.
 */
static int
other_erased(struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec, size_t col, const char **key, size_t *keycol)
{
	size_t j;
	int r;

	for (j = 0; j < kc->nalt; j++) {
		if (kc->alt[j] == col || key_empty(rec, kc->alt[j],
		    kc->altprefix[j]))
			continue;
		if ((r = key_erased(x, rec, kc->alt[j], kc->altprefix[j])) != 0) {
			if (r > 0)
				*keycol = kc->alt[j],
				*key = crm_trim(rec->f[kc->alt[j]]);
			return r;
		}
	}
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * Is the row's customer, whom the database does not know, one erased on
 * request (erase.c's list of their e-mails and ids)?  By the key the row
 * names its customer by (key_used): 0 when it is not on the list; when it
 * is, 2 and kc turned to another key column of the row that is not (a
 * shared second address on the list, the row's own id not), which names
 * the customer instead, else 1: skipped.  *key the erased value, *keycol
 * its column; -1 when the database failed.
 */
static int
row_erased(struct ia_ctx *x, struct crm_keycol *kc, const struct crm_rec *rec,
    const char **key, size_t *keycol)
{
	const char *prefix;
	size_t col, j;
	int r;

	*key = NULL;
	if (!erased_any(x) || !x->has_key)
		return crm_db_failed(x->db) ? -1 : 0;
	if ((*key = key_used(kc, rec, &prefix)) == NULL)
		return 0;
	for (j = 0, col = kc->col; rec->f[col] != *key && j < kc->nalt; j++)
		col = kc->alt[j];
	*keycol = col, *key = crm_trim(rec->f[col]);
	if ((r = key_erased(x, rec, col, prefix)) == 0)
		return other_erased(x, kc, rec, col, key, keycol);
	if (r < 0)
		return r;
	for (j = 0; j < kc->nalt; j++) {
		if (kc->alt[j] == col || key_empty(rec, kc->alt[j],
		    kc->altprefix[j]))
			continue;
		if ((r = key_erased(x, rec, kc->alt[j], kc->altprefix[j])) < 0)
			return -1;
		if (r == 0) {
			kc->col = kc->alt[j], kc->prefix = kc->altprefix[j];
			kc->nalt = 0;	/* the one key of the row left */
			return 2;
		}
	}
	return 1;
}

/*
 * Is a name abbreviated to an initial and a surname ("J. DOE": PrestaShop's
 * orders list writes CONCAT(LEFT(firstname, 1), '. ', lastname))?  John
 * and Jane Doe are both "J. DOE", so crm makes no customer of it.
 */
static int
abbreviated(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;

	while (*p == ' ')
		p++;
	if (*p >= 0xc0)		/* one letter beyond ASCII: Ł., É. */
		for (p++; (*p & 0xc0) == 0x80; p++)
			;
	else if (isalpha(*p))
		p++;
	else
		return 0;
	if (p[0] != '.' || p[1] != ' ')
		return 0;
	for (p += 2; *p == ' '; p++)
		;
	return *p != '\0' && strchr((const char *)p, '@') == NULL;
}

/*
 * A row named only by an abbreviated name that no customer has: what to
 * say instead of adding her (--add-customers) or suggesting it.  NULL
 * when the row's key is not such a name.  Only a customer of exactly
 * that name is hers, so importing the shop's customers first does not
 * help (Marie Dupont is not "M. Dupont"): the way out is an export with
 * the e-mail or id.  PrestaShop's own order export (its header: ID,
 * Reference, New client, Delivery, Customer ...) has neither, so it is
 * named, and the shop's SQL Manager, which exports a query's rows.
 */
static const char *
abbreviated_key(const struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec)
{
	static char msg[500];
	const char *prefix, *v = key_used(kc, rec, &prefix);

	if (v == NULL || *prefix != '\0' || !abbreviated(v))
		return NULL;
	if (crm_header_has(x->names, x->n, "newclient") &&
	    crm_header_has(x->names, x->n, "delivery"))
		snprintf(msg, sizeof msg, "no customer '%.100s': PrestaShop's "
		    "order export names its customer only by an initial and a "
		    "surname, with no e-mail or customer id, so its orders are "
		    "no customer's; export them with the customer's e-mail "
		    "(a query of the SQL Manager, Advanced Parameters > "
		    "Database, or an export module) and import that",
		    crm_trim((char *)v));
	else
		snprintf(msg, sizeof msg, "no customer '%.100s': an initial "
		    "and a surname may be several people, so no customer is "
		    "added by it, nor found under a whole first name; export "
		    "the orders with the customer's e-mail or id",
		    crm_trim((char *)v));
	return msg;
}

/* Does the row give a buyer's name, to add her by? */
static int
row_named(const struct ia_ctx *x, const struct crm_rec *rec)
{
	return val(x, rec, I_NAME) || val(x, rec, I_NAME2) ||
	    val(x, rec, I_FIRST) || val(x, rec, I_LAST);
}

/* Does the row give a name a customer may have (no_caller_name())? */
static int
row_has_name(struct ia_ctx *x, const struct crm_rec *rec)
{
	char *full;
	const char *name = row_name(x, rec, &full);
	int r = name && !no_caller_name(name);

	free(full);
	return r;
}

/*
 * The key of a row that is another system's contact id (an activity's
 * WHOID, Associated Contact IDs; a Salesforce id in any ext: column of
 * a row with no name): what names its customer there, no name to add
 * one by.  NULL if not.
 */
static const char *
who_id(const struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec)
{
	const char *prefix, *v = key_used(kc, rec, &prefix);
	size_t col = kc->col, j;
	char other[19], *h;
	int who;

	if (v == NULL || strcmp(prefix, "ext:") != 0 || prefix == acct_prefix)
		return NULL;
	for (j = 0; rec->f[col] != v && j < kc->nalt; j++)
		col = kc->alt[j];
	h = crm_norm_header(x->names[col]);
	who = keycol_who(keycol_rank(h));
	free(h);
	v = crm_trim((char *)v);
	return who || (crm_sf_id_other(v, other) && strpbrk(v,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") &&
	    !row_named(x, rec)) ? v : NULL;
}

/*
 * A contact id of a row that names nobody crm has (her contacts were
 * not imported): the person the row's next key columns name (the
 * e-mail in HubSpot's Associated Contact, Pipedrive's Person - Email),
 * who learns the id, so that the next row with it alone finds her; 0
 * for none, -1 when the database failed.  Never the organisation of
 * the row's organisation column, nor any organisation: the id is a
 * person's, and an organisation given it becomes her when her contacts
 * export is read (qa35 F3: Initech renamed Cai Chen).
 */
static long long
who_rest(struct ia_ctx *x, const struct crm_keycol *kc,
    const struct crm_rec *rec, const char *whoid)
{
	struct crm_keycol rest = *kc;
	const char *prefix, *v = key_used(kc, rec, &prefix), *why;
	size_t j = 0, k;
	long long id;

	if (v != rec->f[kc->col])
		for (j = 1; j <= kc->nalt && rec->f[kc->alt[j - 1]] != v; j++)
			;
	/* no key column after it; an account's id (last) is not hers */
	if (j >= kc->nalt || kc->altprefix[j] == acct_prefix)
		return 0;
	for (k = j, rest.nalt = 0; k < kc->nalt; k++) {
		if (strcmp(kc->altprefix[k], "org:") == 0 ||
		    kc->altprefix[k] == acct_prefix)
			continue;
		rest.alt[rest.nalt] = kc->alt[k];
		rest.altprefix[rest.nalt++] = kc->altprefix[k];
	}
	if (rest.nalt == 0)	/* an organisation's columns alone */
		return 0;
	rest.col = rest.alt[0], rest.prefix = rest.altprefix[0];
	memmove(rest.alt, rest.alt + 1, --rest.nalt * sizeof rest.alt[0]);
	memmove(rest.altprefix, rest.altprefix + 1, rest.nalt *
	    sizeof rest.altprefix[0]);
	if ((id = mapped_customer(x, &rest, rec, &why)) <= 0)
		return id < 0 ? -1 : 0;
	if (crm_query_int(x->db, 0, "SELECT count(*) FROM customers WHERE "
	    "id = ? AND type = 'org'", "i", id) != 0)
		return crm_db_failed(x->db) ? -1 : 0;
	if (!(erased_any(x) && crm_erased_is(x->db, "id", "", whoid)) &&
	    crm_cust_add_id(x->db, id, "", whoid) < 0)
		return -1;
	return id;
}


/*
 * The customer of a row; 0 and *err when none, -1 when it is skipped or
 * the database failed (crm_db_failed says which).
 */
static long long
row_customer(struct ia_ctx *x, const struct crm_rec *rec, int refund,
    const char **err)
{
	static char msg[300];
	struct crm_keycol kc = x->kc;
	long long id;
	const char *payee = val(x, rec, I_PAYEE), *key, *abbr;
	size_t keycol;
	int r;

	if (x->call_from >= 0 && (r = call_side(x, rec, &kc, err)) != 0) {
		if (r > 0)
			skipped(x, SK_INTERNAL, NULL);
		return r > 0 ? -1 : 0;
	}
	if (refund && payee && x->at[I_PAYEE] >= 0) {
		/* PayPal: a refund goes from us to the customer */
		kc.col = (size_t)x->at[I_PAYEE], kc.nalt = 0;
		kc.prefix = "email:";
	}
	if (!x->has_key)
		*err = "no customer given";	/* by name and phone */
	else {
		id = mapped_customer(x, &kc, rec, err);
		if (id >= 0 && (r = other_keys(x, &kc, rec, &id, err)) != 0)
			return r < 0 ? -1 : 0;	/* the row refused */
		if (id) {
			learn_ids(x, &kc, rec, id);
			return id;
		}
		if (strncmp(*err, "names two customers", 19) == 0)
			return 0;
	}
	x->kc.name = kc.name;
	if (strcmp(*err, "no customer given") == 0 &&
	    (id = by_name(x, rec, err)))
		return id;
	if ((strcmp(*err, "no customer given") == 0 || (x->has_key &&
	    strcmp(kc.prefix, "ext:") == 0 && strncmp(*err, "no customer '",
	    13) == 0)) && x->sys && (x->sys->flags & S_INVOICES) &&
	    val(x, rec, I_NAME)) {
		/* Xero: EmailAddress, else ContactName, any customer's;
		 * Zoho: Customer ID, else Customer Name, her id then hers */
		static char none[240];
		const char *name = val(x, rec, I_NAME), *why;

		if ((id = by_exact_name(x->db, name, &why)) || why) {
			x->kc.name = x->names[x->at[I_NAME]];
			*err = why;
			if (id > 0 && x->has_key && (key = key_used(&kc, rec,
			    &abbr)) && strcmp(abbr, "ext:") == 0 &&
			    crm_cust_add_id(x->db, id, x->sys->name, key) < 0)
				return -1;
			return id;
		}
		if (!x->has_key || strcmp(kc.prefix, "ext:") != 0) {
			x->kc.name = x->names[x->at[I_NAME]];
			snprintf(none, sizeof none, "no customer '%.200s'",
			    name);
			*err = none;
		}	/* else "no customer 'ID'" as it was */
	}
	if (strncmp(*err, "no customer", 11) == 0 &&
	    (r = row_erased(x, &kc, rec, &key, &keycol)) != 0) {
		if (r == 1)	/* never brought back by an import */
			skipped(x, SK_ERASED, key);
		if (r != 2)
			return -1;
		if ((id = mapped_customer(x, &kc, rec, err)) > 0) {
			crm_warn("%s:%ld: %s: %s is erased on request: left "
			    "out", crm_rd_name(x->rd), rec->line,
			    x->names[keycol], key);
			x->kc.name = kc.name;
			return id;
		}
		if (id < 0 || strncmp(*err, "no customer", 11) != 0)
			return id;
		/* Her other key names nobody crm has (her id in a shop
		 * crm never learned): still hers, not a new customer. */
		skipped(x, SK_ERASED, key);
		return -1;
	}
	if (x->has_key && strncmp(*err, "no customer '", 13) == 0 &&
	    (abbr = abbreviated_key(x, &kc, rec)) != NULL) {	/* a key's */
		*err = abbr;
		return 0;
	}
	if (x->has_key && strncmp(*err, "no customer '", 13) == 0 &&
	    (key = key_used(&kc, rec, &abbr)) && strcmp(abbr, "id:") == 0) {
		/* crm numbers its customers itself: nobody is added by an
		 * id (a Stripe balance's txn_..., a call's): it would be
		 * added again by every run, found by no id */
		snprintf(msg, sizeof msg, "no customer with id '%.40s' (a "
		    "column headed %.20s is crm's own customer number; %s "
		    "'%.20s=external_id' reads another system's, '%.20s=ref' "
		    "a payment's or an order's own)", key, kc.name,
		    crm_optname("map"), kc.name, kc.name);
		*err = msg;
		return 0;
	}
	if (x->has_key && strncmp(*err, "no customer '", 13) == 0 &&
	    (key = who_id(x, &kc, rec)) != NULL) {
		/* another CRM's contact id: hers, never a new customer's
		 * name (qa30 F2); or the customer of the row's e-mail */
		if ((id = who_rest(x, &kc, rec, key)) != 0)
			return id;
		if (x->opts->add_customers && row_named(x, rec)) {
			/* her name: she is added, with the id */
			if ((id = add_customer(x, &kc, rec, err)) > 0)
				learn_ids(x, &kc, rec, id);
			return id;
		}
		snprintf(msg, sizeof msg, "no customer with %.40s '%.60s': "
		    "the contacts export of the system it is from, imported "
		    "first (crm-add --import), gives crm its contacts' ids",
		    kc.name, key);
		*err = msg;
		return 0;
	}
	if (x->has_key && strncmp(*err, "no customer '", 13) == 0 &&
	    (key = key_used(&kc, rec, &abbr)) && strcmp(abbr, "org:") == 0) {
		/* an organisation's note is no person's to add */
		snprintf(msg, sizeof msg, "no organisation '%.100s' (crm-add "
		    "--org -n NAME adds it)", crm_trim((char *)key));
		*err = msg;
		return 0;
	}
	if (x->has_key && strncmp(*err, "no customer '", 13) == 0 &&
	    (key = key_used(&kc, rec, &abbr)) && abbr == acct_prefix) {
		/* a Salesforce account's id is never a new customer's name */
		snprintf(msg, sizeof msg, "no organisation with %.40s "
		    "'%.60s': the accounts export (Account.csv), imported "
		    "first (crm-add --import), gives crm its accounts' ids",
		    kc.name, crm_trim((char *)key));
		*err = msg;
		return 0;
	}
	if (strcmp(*err, "no customer given") == 0 && x->sys &&
	    (x->sys->flags & S_KEY_ONLY)) {
		skipped(x, SK_NOBODY, NULL);
		return -1;
	}
	if (x->opts->add_customers && strncmp(*err, "no customer", 11) == 0 &&
	    (row_named(x, rec) || strcmp(*err, "no customer given") != 0)) {
		if ((id = add_customer(x, &kc, rec, err)) > 0)
			learn_ids(x, &kc, rec, id);
		return id;
	}
	if (strcmp(*err, "no customer given") == 0 && x->sys &&
	    (x->sys->flags & S_NOBODY_SKIP)) {
		if (!nobody_refund(x, rec))
			skipped(x, SK_NOBODY, NULL);
		return -1;
	}
	if (strncmp(*err, "no customer '", 13) == 0 && x->has_key &&
	    (key = key_used(&kc, rec, &abbr)) && (strcmp(abbr, "phone:") == 0 ||
	    (*abbr == '\0' && phone_shaped(key))) && !row_has_name(x, rec)) {
		/* a number alone is no name (add_customer()), nor is a
		 * caller ID's WIRELESS CALLER */
		snprintf(msg, sizeof msg, "%.160s (a number alone adds nobody: "
		    "crm-add -n NAME -p '%.40s' adds her)", *err, key);
		*err = msg;
	} else if (strncmp(*err, "no customer '", 13) == 0) {
		snprintf(msg, sizeof msg, "%.240s (%s adds them)", *err,
		    crm_optname("add-customers"));
		*err = msg;
	}
	return 0;
}

/*
 * Tag the row's customer unsubscribed or bounced when an opt-out column
 * of crm-add's (crm_optout_column: Gumroad's Do not contact?, HubSpot's
 * Unsubscribed from all email, Email Opt Out ...) says she asked not to
 * be written to or her address bounced, as crm-add does with the same
 * file (a mailing's 'not has unsubscribed' would mail her else): the
 * tags are added through crm_cust_update, so audit and undo see them as
 * any other, and never taken away (an old file read after a new one
 * would put her back on the list).  The columns are kept as the
 * interaction's fields too.  Counted when new to her.  0, or -1 when the
 * database failed.
 */
static int
optout_row(struct ia_ctx *x, const struct crm_rec *rec, long long customer)
{
	struct crm_cust c = { 0 };
	int mark[2] = { 0, 0 }, n, t;
	char *had;
	size_t i;

	for (i = 0; i < x->n && i < rec->n; i++)
		if (x->cols[i].opt && (t = crm_optout_mark(x->cols[i].opt,
		    x->cols[i].opt_every, rec->f[i])) >= 0)
			mark[t] = 1;
	if (!mark[CRM_OPT_UNSUB] && !mark[CRM_OPT_BOUNCED])
		return 0;
	had = crm_ia_no_mail(x->db, customer);
	for (t = CRM_OPT_UNSUB; t <= CRM_OPT_BOUNCED; t++)
		if (mark[t] && had && strcasestr(had, crm_optout_tag(t)))
			mark[t] = 0;	/* hers already */
		else if (mark[t])
			crm_cust_tag(&c, crm_optout_tag(t), 0);
	free(had);
	n = mark[CRM_OPT_UNSUB] || mark[CRM_OPT_BOUNCED] ?
	    crm_cust_update(x->db, customer, &c, 1) : 0;
	crm_cust_free(&c);
	if (n > 0) {
		x->opts->unsubscribed += mark[CRM_OPT_UNSUB];
		x->opts->bounced += mark[CRM_OPT_BOUNCED];
	}
	return n < 0 || crm_db_failed(x->db) ? -1 : 0;
}

/* Remember that the row being read logged interaction id. */
static void
logged(struct ia_ctx *x, long long id)
{
	unsigned long long k;
	size_t n;

	if (x->im->added++ == 0)
		x->im->first_id = id;
	x->im->last_id = id;
	k = (unsigned long long)(id - x->im->first_id);
	if (k >= IA_LINES_MAX)
		return;	/* said as "a row above" */
	if (k >= x->nlines) {
		n = x->nlines ? x->nlines : 1024;
		while (n <= k)
			n *= 2;
		x->lines = crm_xreallocarray(x->lines, n, sizeof *x->lines);
		memset(x->lines + x->nlines, 0, (n - x->nlines) *
		    sizeof *x->lines);
		x->nlines = n;
	}
	x->lines[k] = x->line > 0 && x->line < (long)UINT32_MAX ?
	    (uint32_t)x->line : 0;
}

/* The line of the file that logged interaction id, or 0 (not known). */
static long
logged_line(const struct ia_ctx *x, long long id)
{
	unsigned long long k = (unsigned long long)(id - x->im->first_id);

	return x->im->added && id >= x->im->first_id && k < x->nlines ?
	    (long)x->lines[k] : 0;
}

static int act_kind(const char *k);

/*
 * Is ia's ref an activity's own id (Salesforce's Task ID, HubSpot's
 * Record ID, Pipedrive's Activity - ID, Close's acti_...: act_columns())?
 * It is the activity, whatever its text says now and whatever zone its
 * time was read in: the same customer, kind and id are the same
 * activity (qa30 F3: a call exported again with its note edited, or
 * read again under another TZ, was logged a second time).
 */
static int
act_id(const struct ia_ctx *x, const struct crm_ia *ia)
{
	return ia->ref && x->record_ref && act_kind(ia->kind);
}

/*
 * Is ia's ref (and line) the key of its row?  A line number is; an
 * invoice's or payment's number is; a known export's ref, where each
 * row is one order or payment (Stripe's ch_..., PayPal's transaction), is;
 * a ticket's number in a help desk's export is (its subject can change).
 * Any other row is told apart by what it holds too (crm_ia_find()).
 */
static int
keyed(const struct ia_ctx *x, const struct crm_ia *ia)
{
	return ia->item > 0 || strcmp(ia->kind, "invoice") == 0 ||
	    strcmp(ia->kind, "payment") == 0 || (ia->ref && x->sys &&
	    !line_rows(x)) || (ia->ref && x->tickets) ||
	    act_id(x, ia);
}

/*
 * A keyed row logged before, read again with another amount: left as
 * logged (an import does not update), and said on standard error.
 */
static void
changed(struct ia_ctx *x, long at_line, const struct crm_ia *ia,
    long long was, int had)
{
	char a[32], b[32], line[40] = "";

	if (!ia->has_amount || (had && was == ia->amount))
		return;
	x->opts->changed++;
	if (ia->item > 0 && ia->ref)
		snprintf(line, sizeof line, " line %lld", ia->item);
	fprintf(stderr, "%s: %s:%ld: %s %s%s is %s here, %s as logged: left "
	    "as logged\n", crm_prog, crm_rd_name(x->rd), at_line, ia->kind,
	    ia->ref ? ia->ref : "(no ref)", line,
	    crm_fmt_money(ia->amount, a), had ? crm_fmt_money(was, b) :
	    "no amount");
}

/*
 * What crm_ia_find compares in every case, hashed: a row whose key no
 * row logged had finds nothing (x->seen).
 */
/*
 * The n numbers of v in buf, a space between them, as "%lld %lld ..."
 * writes them: the hashed keys below are asked several times a row, and
 * snprintf's 1,100 instructions each were 3% of an import's (bench/
 * README.md, *Bulk loads*).  buf holds 24 bytes a number.
 */
static const char *
ints(char *buf, const long long *v, size_t n)
{
	char *p = buf;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			*p++ = ' ';
		crm_fmt_int(v[i], p);
		p += strlen(p);
	}
	*p = '\0';
	return buf;
}

static unsigned long long
ia_key(long long customer, const struct crm_ia *ia)
{
	const long long v[] = { customer, ia->item };
	char n[2 * 24];

	ints(n, v, CRM_NELEM(v));
	return crm_seen_hash(crm_seen_hash(crm_seen_hash(0, n), ia->kind),
	    ia->ref);
}

/* Write ia, numbered here when the engine wants: its id, or -1. */
static long long
ia_add(struct ia_ctx *x, long long customer, const struct crm_ia *ia)
{
	long long id;

	if (x->next) {
		if ((id = crm_ia_insert_new(x->db, customer, ia, x->next)) > 0)
			x->next++;
	} else
		id = crm_ia_insert(x->db, customer, ia, 0);
	if (id > 0 && x->seen.bits)
		crm_seen_add(&x->seen, ia_key(customer, ia));
	return id;
}

/*
 * Is ia a line of an order told apart by its product rather than its
 * place?  An export without a number of its own for each line (Shopify,
 * Square) lists an order's lines in an order that can change: a line
 * added above the others moves them.  WooCommerce's Item # is the line's.
 */
static int
by_product(const struct ia_ctx *x, const struct crm_ia *ia)
{
	return line_rows(x) && x->at[I_ITEM] < 0 &&
	    ia->item > 0 && ia->ref && ia->product;
}

/* The interaction a line of the order being read is: not another's. */
static void
take(struct ia_ctx *x, long long id)
{
	if (x->order.ntaken == x->order.ctaken) {
		x->order.ctaken = x->order.ctaken ? 2 * x->order.ctaken : 16;
		x->order.taken = crm_xreallocarray(x->order.taken,
		    x->order.ctaken, sizeof *x->order.taken);
	}
	x->order.taken[x->order.ntaken++] = id;
}

/*
 * Is ia a purchase of an order that an earlier import logged at the other
 * level of detail, its total against its lines (crm_ia_find_other_level:
 * Etsy's orders and order items files are two exports of the same
 * sales)?  Then it is not logged, what was logged first stays, and the
 * rows skipped are counted and said at the end (say_other_level).
 */
static int
other_level(struct ia_ctx *x, long long customer, const struct crm_ia *ia)
{
	if (x->seen.bits)	/* the table was empty: no earlier import */
		return 0;
	if (crm_ia_find_other_level(x->db, customer, ia, x->im->added ?
	    x->im->first_id : LLONG_MAX) == 0)
		return 0;
	x->opts->other_level++;
	return 1;
}

/* What other_level() skipped, said once. */
static void
say_other_level(const struct ia_ctx *x)
{
	char num[32];

	if (x->opts->other_level == 0)
		return;
	fprintf(stderr, "%s: %s: %s purchase%s skipped: %s order%s logged "
	    "already from another export at another level of detail (an "
	    "order's total, its lines): what was logged first stays, not "
	    "counted twice\n", crm_prog, crm_rd_name(x->rd),
	    crm_fmt_count(x->opts->other_level, num),
	    x->opts->other_level == 1 ? "" : "s",
	    x->opts->other_level == 1 ? "its" : "their",
	    x->opts->other_level == 1 ? " is" : "s are");
}

/* Every field of ia that crm_ia_find() compares for a row !keyed. */
static unsigned long long
row_key(long long customer, const struct crm_ia *ia)
{
	const long long v[] = { ia->has_qty, ia->qty, ia->has_amount,
		ia->amount };
	char n[4 * 24];

	ints(n, v, CRM_NELEM(v));
	return crm_seen_hash(crm_seen_hash(crm_seen_hash(crm_seen_hash(
	    ia_key(customer, ia), ia->at_now ? NULL : ia->at), ia->product),
	    ia->summary), n);
}

static void
occ_grow(struct occ *o)
{
	unsigned long long *old = o->keys, k;
	size_t i, j, cap = o->cap;

	o->cap = cap ? 2 * cap : 1024;
	o->keys = crm_xcalloc(o->cap, sizeof *o->keys);
	for (i = 0; i < cap; i++) {
		if ((k = old[i]) == 0)
			continue;
		for (j = (k >> 16) & (o->cap - 1); o->keys[j];
		    j = (j + 1) & (o->cap - 1))
			;
		o->keys[j] = k;
	}
	free(old);
}

/* The map's slot for key: its entry, or the empty slot it would take. */
static unsigned long long *
occ_slot(struct occ *o, unsigned long long key)
{
	size_t j;

	for (j = (key >> 16) & (o->cap - 1); o->keys[j];
	    j = (j + 1) & (o->cap - 1))
		if ((o->keys[j] & ~0xffffULL) == key)
			break;
	return &o->keys[j];
}

/* How many like rows came before the one of hash h, counted in the
 * temporary table (the map is full). */
static long long
occurrence_spilled(struct crm_db *db, struct occ *o, unsigned long long h)
{
	long long n, key = (long long)h;

	if (!o->spilled) {
		crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS like_rows "
		    "(h INTEGER PRIMARY KEY, n INTEGER NOT NULL)", NULL);
		crm_exec(db, "DELETE FROM temp.like_rows", NULL);
		o->spilled = 1;
	}
	/* Most rows are the first of their kind: tried as new first, one
	 * statement rather than a look-up and then an insert (at 1,000,000
	 * rows half of all rows come here).  An UPSERT ... RETURNING costs
	 * more: SQLite keeps what it returns in a temporary table made
	 * every time. */
	crm_exec(db, "INSERT OR IGNORE INTO temp.like_rows VALUES (?, 1)",
	    "i", key);
	if (crm_db_failed(db) || crm_changes(db) > 0)
		return 0;
	n = crm_query_int(db, 0, "SELECT n FROM temp.like_rows WHERE h = ?",
	    "i", key);
	crm_exec(db, "UPDATE temp.like_rows SET n = n + 1 WHERE h = ?", "i",
	    key);
	return n;
}

/* How many like rows came before this one (counted now). */
static long long
occurrence(struct crm_db *db, struct occ *o, unsigned long long h)
{
	unsigned long long key = (h >> 16 ? h >> 16 : 1) << 16, *k;
	const char *s;

	if (o->cap == 0) {
		o->max = (s = getenv("CRM_OCC_MAX")) && *s ?
		    strtoul(s, NULL, 10) : OCC_MAX;
		occ_grow(o);
	}
	if (o->n < o->max && 2 * (o->n + 1) > o->cap)
		occ_grow(o);
	k = occ_slot(o, key);
	if (*k == 0) {
		if (o->n >= o->max)
			return occurrence_spilled(db, o, h);
		*k = key | 1, o->n++;
		return 0;
	}
	if ((*k & 0xffff) == 0xffff)
		return 0xfffe;	/* 65,535 like rows: the rest are one */
	return (long long)((*k)++ & 0xffff);
}

/*
 * The row ia as an import before the second names logged it (qa12 F6):
 * a Transaction ID or a Qty Ordered was an extra field then, its ref or
 * quantity NULL, so an export imported then and again now would log its
 * rows twice (and so were Jira's Issue key and Help Scout's ticket
 * numbers before qa26).  The stored row the same but for them, each
 * once (nth counted as crm_ia_find() wants): its id, 0, or -1 (the
 * database).
 */
static long long
logged_without_second(struct ia_ctx *x, long long customer,
    const struct crm_ia *ia)
{
	struct crm_ia was = *ia;
	long long nth, id;

	if (!(x->second_ref && ia->ref) && !(x->second_qty && ia->has_qty))
		return 0;
	if (x->second_ref)
		was.ref = NULL, was.item = 0;
	if (x->second_qty)
		was.has_qty = 0, was.qty = 0;
	if (x->seen.bits && !crm_seen_maybe(&x->seen, ia_key(customer, &was)))
		return 0;	/* no row of the load has its key */
	nth = occurrence(x->db, &x->occ, row_key(customer, &was));
	id = crm_ia_find(x->db, customer, &was, 0, nth, NULL, NULL);
	return crm_db_failed(x->db) ? -1 : id;
}
/* The extra field a ticket export's satisfaction column is kept as
 * (its header), or NULL: crm_ia_set_rating compares it. */
static const char *
csat_key(const struct ia_ctx *x)
{
	return x->at[I_CSAT] >= 0 ? x->cols[x->at[I_CSAT]].field : NULL;
}

/* The value of ia's extra field key, or NULL. */
static const char *
kv_value(const struct crm_ia *ia, const char *key)
{
	size_t i;

	for (i = 0; key && i < ia->nfields; i++)
		if (strcmp(ia->fields[i].key, key) == 0)
			return ia->fields[i].value;
	return NULL;
}


/* The extra field a row's own id is kept as (its header), or NULL. */
static const char *
line_id_key(const struct ia_ctx *x)
{
	return x->at[I_LINE_ID] >= 0 ? x->cols[x->at[I_LINE_ID]].field : NULL;
}

/*
 * Interaction id's extra field under the header of target t's column,
 * holding v, dropped: an import before read no column as t and kept
 * the cell as a field (qa28 F9: a survey's Comment), which the row now
 * holds in its place.
 */
static void
drop_old_field(struct ia_ctx *x, long long id, int t, const char *v)
{
	char *key;

	if (x->at[t] < 0 || v == NULL)
		return;
	key = field_name(x->names, x->cols, (size_t)x->at[t]);
	crm_ia_drop_field(x->db, id, key, v);
	free(key);
}

/*
 * Interaction id, already there, given what an earlier import did not
 * read (crm_ia_fill()): a rating (the row's rating column, --map
 * 'Review Score=rating' on a re-import: qa20 F4), and when it was found
 * by crm_ia_find_loose() a product or summary.  What it holds otherwise
 * stays and is counted, said once at the end (say_differ()).  1 when
 * something was filled in, 0 when not, -1 (the database).
 */
static int
fill_in(struct ia_ctx *x, long long id, const struct crm_ia *ia, int loose)
{
	struct crm_ia give = *ia;
	int fill, differ, i;

	if (!loose)	/* the same product and summary: found by them */
		give.product = give.summary = NULL;
	if ((fill = crm_ia_fill(x->db, id, &give, &differ)) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (differ & (1 << i))
			x->opts->differ[i]++;
	if (fill & CRM_FILL_RATING)
		x->opts->rated++;
	if (fill & (CRM_FILL_PRODUCT | CRM_FILL_SUMMARY))
		x->opts->filled++;
	if (fill & CRM_FILL_PRODUCT)
		drop_old_field(x, id, I_PRODUCT, give.product);
	if (fill & CRM_FILL_SUMMARY)
		drop_old_field(x, id, I_SUMMARY, give.summary);
	return crm_db_failed(x->db) ? -1 : fill != 0;
}

/*
 * A bare Score, a second name of the rating: said when it was read as
 * one by its cells alone (1 to 5 in this file is no proof: a month of
 * an NPS survey's detractors is 5, 3, 4), and when a survey's 0 to 10
 * was kept as an extra field instead.
 */
static void
say_score(const struct ia_ctx *x)
{
	const char *h;

	if (x->score_col == 0)
		return;
	h = x->names[(x->score_col > 0 ? x->score_col : -x->score_col) - 1];
	if (x->score_col > 0)
		fprintf(stderr, "%s: %s: %s read as a rating from 1 to 5, as "
		    "its every cell is one (if it is a score of 0 to 10, an "
		    "NPS, %s %s reads it as one)\n",
		    crm_prog, crm_rd_name(x->rd), h, crm_optname("map"),
		    crm_map_word(h, "nps"));
	else if (x->at[I_NPS] == -x->score_col - 1)
		fprintf(stderr, "%s: %s: %s read as an NPS score from 0 to "
		    "10, not as a rating: the file is a Net Promoter survey "
		    "(%s %s reads it as one)\n", crm_prog, crm_rd_name(x->rd),
		    h, crm_optname("map"), crm_map_word(h, "rating"));
	else
		fprintf(stderr, "%s: %s: %s kept as an extra field, not read "
		    "as a rating: the file is an NPS survey, scored 0 to 10, "
		    "not 1 to 5 (%s %s reads it as one)\n", crm_prog,
		    crm_rd_name(x->rd), h, crm_optname("map"),
		    crm_map_word(h, "rating"));
}

/* The rows already there that fill_in() found holding another rating,
 * product or summary than the file's, said once a column. */
static void
say_differ(const struct ia_ctx *x)
{
	static const char *const what[3] = { "rating", "product", "summary" };
	char num[32];
	int i;

	for (i = 0; i < 3; i++)
		if (x->opts->differ[i])
			fprintf(stderr, "%s: %s: %s row%s already there "
			    "differ%s in %s: not changed (an import adds what "
			    "a row lacks, it does not change what was "
			    "logged)\n", crm_prog, crm_rd_name(x->rd),
			    crm_fmt_count(x->opts->differ[i], num),
			    x->opts->differ[i] == 1 ? "" : "s",
			    x->opts->differ[i] == 1 ? "s" : "", what[i]);
}

/*
 * Ticket id, logged by a crm that read no ticket number (before qa26:
 * Jira's Issue key, Help Scout's Number were extra fields) and found
 * the same but for it (logged_without_second()), given its number and
 * agent (qa28 F2): else it stays one without a ref, and the export
 * read again with its subject edited would log a second complaint.
 * The fields that held them go, as the row holds them now.  1 when
 * given (counted as filled in), 0 when it had them, -1 (the database).
 */
static int
give_number(struct ia_ctx *x, long long id, const struct crm_ia *ia)
{
	int r = crm_ia_fill_ticket(x->db, id, ia->ref, ia->owner);

	if (r <= 0)
		return r;
	x->opts->filled++;
	drop_old_field(x, id, I_REF, ia->ref);
	drop_old_field(x, id, I_OWNER, ia->owner);
	return crm_db_failed(x->db) ? -1 : 1;
}

/*
 * An activity logged before without its deal (its deal imported since,
 * or an older crm that did not read the column): linked now, counted.
 * One linked to another deal, by hand, stays.  0, or -1 failed.
 */
static int
link_deal(struct ia_ctx *x, long long id, long long deal)
{
	crm_exec(x->db, "UPDATE interactions SET deal_id = ? WHERE id = ? AND "
	    "deal_id IS NULL", "ii", deal, id);
	if (!crm_db_failed(x->db) && crm_changes(x->db) > 0)
		x->opts->deals++;
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * A row about to be logged, told apart by what it holds (no id): one
 * that an earlier import logged with the same customer, kind and day
 * (in the local zone, as a sheet's dates are read) but another amount is
 * said and counted, as it may be that row with its amount corrected
 * (qa37 F11: 10.00, then 12.00 in the sheet exported again, was 22.00
 * of revenue and nothing said).  Not the file's own rows: two sales a
 * day are two.  Asked only of a row whose key the load's filter says a
 * row of the table may have.  0, or -1 (the database).
 */
static int
same_day(struct ia_ctx *x, long long customer, const struct crm_ia *ia)
{
	char from[CRM_TIME_LEN], to[CRM_TIME_LEN], a[32];
	long long was;
	time_t t;
	struct tm tm;

	if (!ia->has_amount || ia->at_now || ia->at == NULL ||
	    crm_parse_when(ia->at, &t) < 0 || localtime_r(&t, &tm) == NULL)
		return 0;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0, tm.tm_isdst = -1;
	crm_fmt_time(mktime(&tm), from);
	tm.tm_mday++, tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	crm_fmt_time(mktime(&tm), to);
	if (crm_ia_same_day(x->db, customer, ia, from, to, x->im->added ?
	    x->im->first_id : LLONG_MAX, &was) == 0)
		return crm_db_failed(x->db) ? -1 : 0;
	x->opts->same_day++;
	fprintf(stderr, "%s: %s:%ld: the same customer, kind and day as an "
	    "interaction already there with another amount (%s): logged as "
	    "a second one; %s to check\n", crm_prog, crm_rd_name(x->rd),
	    x->line, crm_fmt_money(was, a), crm_optname("dry-run"));
	return 0;
}

/*
 * Is ia a return whose ref is its sale's, not its own (eBay's
 * transaction report's Refund rows, its Order number; Braintree's
 * credit and PayPal's refund, linked to their sale by credit_link)?  Two refunds of one sale on
 * one day then share customer, kind, ref and time: the nth of them in
 * the file is the nth logged (log_ia), so that two refunds are two
 * returns and the file read again finds each.
 */
static int
shared_ref(const struct ia_ctx *x, const struct crm_ia *ia)
{
	return x->sys && ia->ref && strcmp(ia->kind, "return") == 0 &&
	    (x->sys->cols == ebay_tx || (x->sys->flags & S_SALE_REF));
}

/*
 * Log ia unless it is there already (crm_ia_find(), key says how it is
 * told apart; an order's line by its product, crm_ia_find_line(); a row
 * by its own id, crm_ia_find_by_field()): its
 * id, 0 when it was there, -1 with the error recorded when it could not
 * be written.  A row the same as one logged from
 * above in the same file is said, not counted as already there.
 */
static long long
log_ia(struct ia_ctx *x, long long customer, const struct crm_ia *ia,
    int key)
{
	long long id, was, nth = 0;
	long line;
	const char *lkey = line_id_key(x), *lid = kv_value(ia, lkey);
	int had, product = !lid && by_product(x, ia), loose = 0, gave = 0;
	int maybe = 1;		/* a row of the table may have its key */

	if (!key && !product && !lid)
		nth = occurrence(x->db, &x->occ, row_key(customer, ia));
	else if (key && !lid && shared_ref(x, ia))	/* its nth of the day */
		nth = occurrence(x->db, &x->occ, crm_seen_hash(ia_key(customer,
		    ia), ia->at_now ? NULL : ia->at));

	if (lid)
		id = crm_ia_find_by_field(x->db, customer, ia, lkey, lid, &was,
		    &had);
	else if (!(maybe = !x->seen.bits || crm_seen_maybe(&x->seen,
	    ia_key(customer, ia))) && !product)
		id = 0;		/* nothing to look up */
	else if (act_id(x, ia)) {	/* found by its id, at any time */
		struct crm_ia any = *ia;

		any.at_now = 1;
		id = crm_ia_find(x->db, customer, &any, key, nth, &was, &had);
	} else
		id = product ? crm_ia_find_line(x->db, customer, ia,
		    x->order.taken, x->order.ntaken, &was, &had) :
		    crm_ia_find(x->db, customer, ia, key, nth, &was, &had);
	if (id == 0 && !key && !product && !lid && !x->seen.bits &&
	    !crm_db_failed(x->db) && (id = crm_ia_find_loose(x->db, customer,
	    ia, nth, x->im->added ? x->im->first_id : LLONG_MAX)) > 0)
		loose = 1;
	if (crm_db_failed(x->db))
		return -1;
	if (id == 0 && !product && !lid &&
	    (id = logged_without_second(x, customer, ia)) != 0) {
		if (id < 0)
			return -1;
		if (!(x->tickets && key)) {
			x->im->unchanged++;
			return 0;
		}
		/* a ticket: numbered now, then as one found by its number */
		if ((gave = give_number(x, id, ia)) < 0)
			return -1;
	}
	if (id > 0 && product)
		take(x, id);
	if (id > 0 && !key && x->im->added && id >= x->im->first_id) {
		x->opts->once++;
		if ((line = logged_line(x, id)) > 0)
			fprintf(stderr, "%s: %s:%ld: the same as line %ld; "
			    "counted once\n", crm_prog, crm_rd_name(x->rd),
			    x->line, line);
		else
			fprintf(stderr, "%s: %s:%ld: the same as a row above; "
			    "counted once\n", crm_prog, crm_rd_name(x->rd),
			    x->line);
		return 0;
	}
	if (id > 0 && x->deal_linked && link_deal(x, id, ia->deal) < 0)
		return -1;
	if (id > 0 && (x->resolved || (x->tickets && ia->rating))) {
		int since = 0;	/* solved or (re-)rated since it was logged */

		if (x->resolved) {
			crm_ia_set_resolved(x->db, id, x->resolved);
			if (crm_changes(x->db) > 0)
				x->opts->resolved++, since = 1;
		}
		if (x->tickets && ia->rating) {
			const char *field = csat_key(x);

			switch (crm_ia_set_rating(x->db, id, ia->rating, field,
			    kv_value(ia, field))) {
			case 1:
				x->opts->rated++, since = 1;
				break;
			case 2:	/* Good, then Bad: the one she gave last */
				x->opts->rerated++, since = 1;
				break;
			}
		}
		if (since)
			return 0;	/* not "already there" */
	}
	if (id > 0 && (x->tickets || act_id(x, ia)) && key) {
		struct crm_ia subject = *ia;	/* found by its number */

		subject.rating = 0;	/* crm_ia_set_rating's, above */
		switch (fill_in(x, id, &subject, 1)) {
		case -1:
			return -1;
		case 1:
			return 0;	/* not "already there" */
		}
	}
	if (id > 0 && !x->tickets && (ia->rating || loose)) {
		switch (fill_in(x, id, ia, loose)) {
		case -1:
			return -1;
		case 1:
			return 0;	/* not "already there" */
		}
	}
	if (id > 0 && gave)
		return 0;	/* filled in, not "already there" */
	if (id > 0) {
		x->im->unchanged++;
		if (key && x->order.item == 1 && ia->item == 0 &&
		    strcmp(ia->kind, "return") == 0) {
			/* the order's refund: compared once capped */
			x->order.ret_seen = 1, x->order.ret_had = had;
			x->order.ret_was = was, x->order.ret_file = ia->amount;
			x->order.ret_line = x->line;
		} else if (key) {
			changed(x, x->line, ia, was, had);
		}
		return 0;
	}
	if (other_level(x, customer, ia))
		return 0;
	if (!key && !product && !lid && maybe && same_day(x, customer, ia) < 0)
		return -1;
	if ((id = ia_add(x, customer, ia)) < 0)
		return -1;
	if (x->resolved)
		crm_ia_set_resolved(x->db, id, x->resolved);
	if (product)
		take(x, id);
	logged(x, id);
	return id;
}

/*
 * A payment of an invoice logged: 0, or -1 with the error recorded.
 * One of no date the file gives (now) is counted, said after the import.
 */
static int
log_part(struct ia_ctx *x, long long customer, const struct crm_ia *pay,
    int now)
{
	long long id;

	if (pay->amount <= 0)
		return 0;
	if ((id = ia_add(x, customer, pay)) < 0)
		return -1;
	logged(x, id);
	x->paid_now += now;
	return 0;
}

/*
 * The paid part of invoice inv, pay (done of it logged already), held
 * for the file's Payment rows to date (pay_settle()).
 */
static void
hold_part(struct ia_ctx *x, long long customer, const struct crm_ia *inv,
    const struct crm_ia *pay, long long done, const char *paid_at)
{
	struct inv_part *p;

	x->parts = crm_xreallocarray(x->parts, x->nparts + 1,
	    sizeof *x->parts);
	p = &x->parts[x->nparts++];
	memset(p, 0, sizeof *p);
	p->customer = customer, p->done = done, p->need = pay->amount;
	p->ref = crm_xstrdup(inv->ref);
	p->owner = pay->owner ? crm_xstrdup(pay->owner) : NULL;
	p->summary = pay->summary ? crm_xstrdup(pay->summary) : NULL;
	snprintf(p->at, sizeof p->at, "%s", inv->at);
	snprintf(p->paid_at, sizeof p->paid_at, "%s", paid_at);
	p->line = x->line;
}

/*
 * What an invoice list says has been settled of invoice inv (its amount
 * less its open balance, else its paid column), beyond the payments
 * logged already, logged as a payment: at its paid-at time, else now.
 * The open balance comes first: Xero's InvoiceAmountDue is less what a
 * credit note took off too, which its InvoiceAmountPaid leaves out, and
 * what is still owed is what the chase and the ageing need; the part a
 * credit settled is said in the payment's summary.
 * An export read every night logs each part as it is paid.  0, or -1
 * with the error recorded.
 */
static int
log_paid(struct ia_ctx *x, long long customer, const struct crm_ia *inv,
    const struct row *r)
{
	struct crm_ia pay = { 0 };
	long long paid, open, settled, done;

	if (!r->has_paid && !r->has_open)
		return 0;
	settled = r->has_open ? inv->amount - r->open : r->paid;
	done = crm_recv_paid(x->db, customer, inv->ref);
	paid = settled - done;
	open = crm_recv_open(x->db, customer, inv->ref);
	if (crm_db_failed(x->db))
		return -1;
	if (paid > open)
		paid = open;
	if (paid < 0)
		paid = 0;
	/* the payment an import before logged, counted as it was (a second
	 * import of the file says as many already there as the first
	 * logged); held parts are counted by the Payment rows */
	if (paid == 0 && done > 0 && settled > 0 &&
	    !(x->sys && (x->sys->flags & S_PAY_ROWS)))
		x->im->unchanged++;
	pay.kind = "payment", pay.ref = inv->ref, pay.owner = inv->owner;
	pay.amount = paid, pay.has_amount = 1;
	if (r->has_paid && r->has_open && settled > r->paid)
		pay.summary = "settled in part by a credit note";
	pay.at = r->paid_at[0] ? r->paid_at : crm_now_str();
	if (x->sys && (x->sys->flags & S_PAY_ROWS)) {
		hold_part(x, customer, inv, &pay, done < settled ? done :
		    settled, r->paid_at);
		return 0;
	}
	return log_part(x, customer, &pay, r->paid_at[0] == '\0');
}

/*
 * What is wrong with an invoice list's row that says more was paid of
 * the invoice than its amount (Xero's InvoiceAmountPaid above its Total,
 * an open balance below nothing), or NULL.
 */
static char *
paid_beyond(struct ia_ctx *x, const struct crm_ia *inv, const struct row *r)
{
	char a[32], b[32];
	long long paid;

	if (!r->has_paid && !r->has_open)
		return NULL;
	paid = r->has_paid ? r->paid : inv->amount - r->open;
	if (paid <= inv->amount)
		return NULL;
	return crm_xasprintf("%s: %s paid is more than the invoice's %s",
	    x->names[x->at[r->has_paid ? I_PAID : I_OPEN]],
	    crm_fmt_money(paid, a), crm_fmt_money(inv->amount, b));
}

/*
 * Does a column name an invoice (Invoice Number, Invoice Date, Invoice
 * Status)?  A file of them with due dates is an invoice list.
 */
static int
invoice_header(const struct ia_ctx *x)
{
	size_t i;
	char *h;
	int yes = 0;

	for (i = 0; i < x->n && !yes; i++) {
		h = crm_norm_header(x->names[i]);
		yes = strstr(h, "invoice") != NULL;
		free(h);
	}
	return yes;
}

/*
 * What crm_ia_check() finds wrong with a row, with the column it is
 * about: "Total: a purchase needs a positive amount".  The column is the
 * one the row's value came from (its amount, line total or price; its
 * kind, ref, quantity, rating), none when an option gave it.
 */
static char *
check_reason(const struct ia_ctx *x, const char *err)
{
	int col = -1;

	if (strstr(err, "amount"))
		col = x->at[I_LINE] >= 0 ? x->at[I_LINE] : x->at[I_AMOUNT] >=
		    0 ? x->at[I_AMOUNT] : x->at[I_PRICE];
	else if (strstr(err, "kind"))
		col = x->at[I_KIND];
	else if (strstr(err, "ref"))
		col = x->at[I_REF];
	else if (strstr(err, "quantity"))
		col = x->at[I_QTY];
	else if (strstr(err, "rating"))
		col = x->at[I_RATING];
	else if (strstr(err, "NPS"))
		col = x->at[I_NPS];
	else if (strstr(err, "due"))
		col = x->at[I_DUE];
	if (strcmp(err, "only an invoice has a due date") == 0 &&
	    x->at[I_KIND] < 0 && invoice_header(x)) {
		char *e = crm_xasprintf("%s: an invoice list is imported with "
		    "%s invoice", err, crm_optname("kind"));
		char *r = crm_import_reason(e, x->names, col);

		free(e);
		return r;
	}
	return crm_import_reason(err, x->names, col);
}

/*
 * A refund column's return is dated when the money went back, when the
 * export says (Stripe's Refunded date (UTC)), not at the charge; but the
 * charge's return logged already stays the one, at its own time: one an
 * earlier crm logged at the charge's time, or one logged at an earlier
 * refund date (Stripe's Amount Refunded adds up, and its date moves with
 * a second refund), so that the file again adds no second return and a
 * grown refund is said, not logged twice.  refund_at is the row's
 * buffer: it takes the time of the return found.
 */
static void
refund_time(struct ia_ctx *x, long long customer, struct crm_ia *ret,
    char refund_at[CRM_TIME_LEN])
{
	struct crm_ia any = *ret;
	long long id;
	char *at;

	if (!ret->at_now && crm_ia_find(x->db, customer, ret, 1, 0, NULL,
	    NULL) > 0)
		return;
	any.at_now = 1;		/* any time: the charge's return */
	if ((id = crm_ia_find(x->db, customer, &any, 1, 0, NULL, NULL)) > 0 &&
	    (at = crm_query_text(x->db, "SELECT at FROM interactions WHERE "
	    "id = ?", "i", id)) != NULL) {
		snprintf(refund_at, CRM_TIME_LEN, "%s", at);
		free(at);
	}
	ret->at = refund_at, ret->at_now = 0;
}

/*
 * An order's refunds its row lists (WebToffee's refund_items): a return
 * each, at its own date (the order's when it names none), together at
 * most what the order's goods came to.  Each is keyed by the order's
 * ref and its time, so the file read again logs none twice; the first
 * found logged at another time (a return an earlier crm logged at the
 * order's time, from its Refunded status) stands for them all.
 */
static int
log_refunds(struct ia_ctx *x, long long customer, const struct crm_ia *ia,
    const struct row *r)
{
	struct crm_ia ret;
	const char *p = r->refunds, *why;
	char at[CRM_TIME_LEN], own[CRM_TIME_LEN];
	long long amount, left = ia->has_amount ? ia->amount : 0;
	int first = 1, moved = 0;

	while (left > 0 && !moved && refund_next(&p, &amount, at, r,
	    &why) > 0) {
		ret = *ia;
		ret.kind = "return", ret.fields = NULL, ret.nfields = 0;
		ret.scores = NULL, ret.nscores = 0;
		ret.item = 0, ret.has_qty = 0, ret.product = NULL;
		ret.amount = amount < left ? amount : left;
		if (ret.amount <= 0)
			continue;
		if (at[0]) {
			ret.at = at, ret.at_now = 0;
			snprintf(own, sizeof own, "%s", at);
			if (first)
				refund_time(x, customer, &ret, at);
			moved = strcmp(at, own) != 0;
		}
		first = 0;
		if (log_ia(x, customer, &ret, ret.ref != NULL ||
		    keyed(x, &ret)) < 0)
			return -1;
		left -= ret.amount;
	}
	return 0;
}

/*
 * A row whose time whole_time() took, logged before at its date alone
 * (by a crm that read Purchase Date only): it is that one, at that time,
 * so that the file read again adds no second sale.
 */
static void
logged_by_date(struct ia_ctx *x, const struct crm_rec *rec,
    long long customer, struct crm_ia *ia)
{
	struct crm_ia then = *ia;
	const char *v;
	time_t t;
	size_t d = (size_t)x->date_col - 1;

	if (x->date_col == 0 || ia->at_now || d >= rec->n ||
	    *(v = crm_trim(rec->f[d])) == '\0' ||
	    crm_parse_when_as(v, x->sys ? x->sys->datefmt : NULL, &t) < 0)
		return;
	then.at = crm_fmt_time(t, x->date_at);
	if (strcmp(then.at, ia->at) != 0 && crm_ia_find(x->db, customer,
	    &then, keyed(x, ia), 0, NULL, NULL) > 0 &&
	    crm_ia_find(x->db, customer, ia, keyed(x, ia), 0, NULL,
	    NULL) == 0)
		ia->at = x->date_at;
}

static int numbered(const char *norm);

/*
 * Does a column's header name a person's name (Trustpilot's Review
 * Username, a Nick Name), not a shop's, product's or company's, nor
 * one of our own people's (Pipedrive's Note - User, an activity's
 * Assigned to, Owner, Calendly's host, a sales rep: qa30 F5, the hint
 * named our rep as the customer)?  A user's is a name only as a
 * Username.
 */
static int
person_name(const char *h)
{
	static const char *const not[] = { "shop", "store", "company",
	    "product", "item", "file", "domain", "business", "account",
	    "organi", "campaign", "owner", "assign", "agent", "host",
	    "salesperson", "salesrep", "creat", "modifi",
	    "organizer", NULL };

	char *norm = crm_norm_header(h), *user = strstr(norm, "user");
	int r = (strstr(norm, "name") || (user && strncmp(user, "username",
	    8) == 0 && user != norm) || strstr(norm, "author")) &&
	    !has_word(norm, not) && !numbered(norm);	/* a user id */

	free(norm);
	return r;
}

/*
 * A row whose customer's cell is empty (Trustpilot's review of no
 * e-mail: qa20 F10): what to do.  --rejects leaves such rows out; an
 * unread column of names read as the buyer's name adds them by it with
 * --add-customers.
 */
static const char *
no_key_hint(const struct ia_ctx *x)
{
	static char msg[400];
	const char *col = NULL, *name;
	size_t i;
	int n = 0;

	for (i = 0; i < x->n && !col; i++)
		if (x->cols[i].to == I_FIELD && person_name(x->names[i]))
			col = x->names[i];
	name = x->at[I_NAME] >= 0 ? x->names[x->at[I_NAME]] : NULL;
	n = snprintf(msg, sizeof msg, "no customer given");
	if (!x->im->rejects_path)
		n += snprintf(msg + n, sizeof msg - n, "; %s FILE leaves such "
		    "rows out", crm_optname("rejects"));
	if (name && !x->opts->add_customers)
		snprintf(msg + n, sizeof msg - n, "; %s adds them by their "
		    "%s", crm_optname("add-customers"), name);
	else if (!name && col)
		snprintf(msg + n, sizeof msg - n, "; %s %s with %s adds them "
		    "by name", crm_optname("map"), crm_map_word(col,
		    "customer name"), crm_optname("add-customers"));
	return msg;
}

/*
 * A negative amount where --kind says purchase (a sales ledger's credit
 * line): money back, which crm logs as a return.  What the user may do,
 * added to err; err itself for any other refusal.
 */
static const char *
money_back(const struct ia_ctx *x, const struct crm_ia *ia, const char *err)
{
	static char msg[400];
	char num[32];

	if (!ia->has_amount || ia->amount >= 0 || x->at[I_KIND] >= 0 ||
	    strcmp(ia->kind, "purchase") != 0)
		return err;
	if (x->im->rejects_path)	/* left out already */
		snprintf(msg, sizeof msg, "%s; %s is money back, a return: a "
		    "kind column saying return on such rows logs it so", err,
		    crm_fmt_money(ia->amount, num));
	else
		snprintf(msg, sizeof msg, "%s; %s is money back, a return: a "
		    "kind column saying return on such rows logs it so, or %s "
		    "FILE leaves them out", err, crm_fmt_money(ia->amount, num),
		    crm_optname("rejects"));
	return msg;
}

/*
 * A plain file can say one refund twice: the sale's Status Refunded and
 * the refund's own row, the sale's number its ref too (SumUp's
 * transactions: Sale Refunded 120.00, then Refund -120.00).  The payment
 * exports crm knows say it once: their refunds are rows (S_REFUND_ROWS)
 * and a status makes no return.  A plain file is not known to have such
 * rows before one is read, so the two are tied by the customer and the
 * ref.  The return a status makes is at its sale's time; the refund's
 * row, read after it (in this file or a later export), is that return,
 * moved to the row's time and amount, not a second one
 * (refund_row_said); read before it, it is the refund, and the status
 * makes none (refund_row_read).  Two refund rows of one sale are two
 * returns: only the first finds the status's.
 */
#define RETURN_BY_STATUS "SELECT r.id FROM interactions r WHERE " \
	"r.customer_id = ?1 AND r.kind = 'return' AND r.ref = ?2 AND " \
	"r.at <> ?3 AND EXISTS (SELECT 1 FROM interactions p WHERE " \
	"p.customer_id = ?1 AND p.kind = 'purchase' AND p.ref = ?2 AND " \
	"p.at = r.at) ORDER BY r.id LIMIT 1"

/*
 * A plain file's refund row whose sale's status made its return: that
 * return made this row's.  1 done, 0 not such a row, -1 failed.
 */
static int
refund_row_said(struct ia_ctx *x, long long customer, const struct crm_ia *ia)
{
	long long id;

	if (x->sys || strcmp(ia->kind, "return") != 0 || ia->ref == NULL ||
	    ia->at_now || !ia->has_amount)
		return 0;
	id = crm_query_int(x->db, 0, RETURN_BY_STATUS, "iss", customer,
	    ia->ref, ia->at);
	if (id == 0)
		return crm_db_failed(x->db) ? -1 : 0;
	crm_ia_move(x->db, id, ia->at, ia->amount);
	return crm_db_failed(x->db) ? -1 : 1;
}

/*
 * Is h (normalised) the column a refund row of an S_SALE_REF system
 * names its sale's id in: Braintree's Refunded Transaction ID, PayPal's
 * Reference Txn ID (Numéro de la transaction de référence in French,
 * Zugehöriger Transaktionscode in German)?
 */
static int
sale_header(const char *h)
{
	return strcmp(h, "refundedtransactionid") == 0 ||
	    strcmp(h, "referencetxnid") == 0 ||
	    strcmp(h, "numérodelatransactionderéférence") == 0 ||
	    strcmp(h, "zugehörigertransaktionscode") == 0;
}

/*
 * Braintree's credit and PayPal's refund are their sale's return: the
 * ref the sale's Transaction ID, which the refund row's Refunded
 * Transaction ID or Reference Txn ID gives (sale_header), as a Shopify
 * or Stripe refund's is its order's or charge's; its own Transaction ID
 * kept as a field.  A refund an older crm logged under its own id is
 * there already: 1, counted so (left as logged).  0 otherwise (ia
 * linked where it can be), -1 failed.
 */
static int
credit_link(struct ia_ctx *x, long long customer, struct crm_ia *ia)
{
	const char *sale = NULL;
	char *h;
	size_t i;

	if (!x->sys || !(x->sys->flags & S_SALE_REF) || ia->ref == NULL)
		return 0;
	for (i = 0; i < x->n && sale == NULL; i++) {
		h = crm_norm_header(x->names[i]);
		if (sale_header(h))
			sale = kv_value(ia, x->names[i]);
		free(h);
	}
	if (sale == NULL || *sale == '\0' || strcmp(sale, ia->ref) == 0)
		return 0;
	if (crm_ia_find(x->db, customer, ia, 1, 0, NULL, NULL) > 0) {
		x->im->unchanged++;	/* logged so before: kept */
		return 1;
	}
	if (crm_db_failed(x->db))
		return -1;
	add_field(ia, x->names[x->at[I_REF]], ia->ref);
	ia->ref = sale;
	return 0;
}

/*
 * A plain file's sale whose status says refunded, its refund a row of
 * its own logged already (a return of its ref at another time than the
 * sale's): no second return, and none counted (the refund's row counts
 * it, as the file read again says).  1 so, 0 not, -1 failed.
 */
static int
refund_row_read(struct ia_ctx *x, long long customer, const struct crm_ia *ret)
{
	if (x->sys || ret->ref == NULL || ret->at_now)
		return 0;
	if (crm_query_int(x->db, 0, "SELECT 1 FROM interactions WHERE "
	    "customer_id = ? AND kind = 'return' AND ref = ? AND at <> ? "
	    "LIMIT 1", "iss", customer, ret->ref, ret->at) == 0)
		return crm_db_failed(x->db) ? -1 : 0;
	return 1;
}

/* Why a deal a row names was not linked (nodeal[]). */
enum { ND_MISSING, ND_OTHER, ND_TWO };

/* The cell of column c (1 + its index) of rec, trimmed; NULL if empty. */
static const char *
cell_at(const struct crm_rec *rec, int c)
{
	const char *v;

	if (c == 0 || (size_t)(c - 1) >= rec->n)
		return NULL;
	v = crm_trim(rec->f[c - 1]);
	return *v ? v : NULL;
}

/*
 * Of the deals that may hold customer's activity (CRM_SQL_DEAL_OF), the
 * one whose ref (its title, by_title) is a or b: its id, 0 with *why
 * when none or several are, -1 when the database failed.
 */
static long long
deal_named(struct ia_ctx *x, long long customer, int by_title,
    const char *a, const char *b, int *why)
{
	/* asked for every row: prepared once (crm_cached) */
	static const char by_ref[] = "SELECT count(*), min(id) FROM deals "
	    "WHERE ref IN (?1, ?3) AND " CRM_SQL_DEAL_OF;
	static const char by_name[] = "SELECT count(*), min(id) FROM deals "
	    "WHERE title IN (?1, ?3) AND " CRM_SQL_DEAL_OF;
	struct crm_stmt *st = crm_cached(x->db, by_title ? by_name : by_ref,
	    by_title ? by_name : by_ref);
	long long n = 0, id = 0;

	if (st == NULL)
		return -1;
	crm_bind_text(st, 1, a);
	crm_bind_int(st, 2, customer);
	crm_bind_text(st, 3, b);
	if (crm_step(st) == CRM_ROW)
		n = crm_col_int(st, 0), id = crm_col_int(st, 1);
	crm_reset(st);
	if (crm_db_failed(x->db))
		return -1;
	if (n == 1)
		return id;
	if (n > 1) {
		*why = ND_TWO;
		return 0;
	}
	*why = crm_query_int(x->db, 0, by_title ? "SELECT 1 FROM deals WHERE "
	    "title IN (?, ?) LIMIT 1" : "SELECT 1 FROM deals WHERE ref IN (?, "
	    "?) LIMIT 1", "ss", a, b) ? ND_OTHER : ND_MISSING;
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * The deal vtiger's Related To names, when it is a deal's title (it
 * names the organisation as often, or a ticket): among the customer's
 * deals as a title column's (deal_named()), exactly one.  Several so
 * named: 0 with *why ND_TWO (said); none: 0, *why -1 (the
 * organisation's name, no deal's: nothing to say).  -1 failed.
 */
static long long
related_deal(struct ia_ctx *x, long long customer, const char *rel, int *why)
{
	char *nfc = crm_ascii(rel) ? NULL : crm_nfc(rel);
	int w = -1;
	long long deal = deal_named(x, customer, 1, nfc ? nfc : rel,
	    nfc ? nfc : rel, &w);

	free(nfc);
	*why = deal == 0 && w == ND_TWO ? ND_TWO : -1;
	return deal;
}

/*
 * The deal an activity's row names (act_deal_cols()), among those of its
 * customer's (their own, their organisation's): by its id, as crm-deal
 * --import keeps it (any source's: the customer tells two apart), the
 * first of several ("id; id"), a Salesforce id of 18 characters its 15
 * too (a report's); else by its title, when exactly one of them has it.
 * A WhatId that is no opportunity's (not 006, or no deal's: Zoho's What
 * Id may be an account's) names none.  ia->deal gets it.  A deal named
 * and not linked is counted by why and said once (say_nodeal()): the row
 * is logged without it, the contact it was.  0, or -1 when the database
 * failed.
 */
static int
row_deal(struct ia_ctx *x, const struct crm_rec *rec, long long customer,
    struct crm_ia *ia)
{
	const char *id = cell_at(rec, x->deal_id), *title = cell_at(rec,
	    x->deal_title), *said = NULL, *rel;
	char first[64], sf15[16], *nfc = NULL;
	long long deal = 0;
	long long rdeal;
	size_t len;
	int why = -1, col = 0, rwhy = -1;

	x->deal_linked = 0;
	if (ia->deal)
		return 0;	/* --deal said which */
	if (id) {
		len = strcspn(id, ";");
		snprintf(first, sizeof first, "%.*s", (int)len, id);
		id = crm_trim(first);
		len = strlen(id);
		if (x->deal_what && strncmp(id, "006", 3) != 0 &&
		    (len == 15 || len == 18) && strspn(id, "0123456789"
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
		    len)
			id = NULL;	/* a Salesforce account's, a case's */
	}
	if (id && *id) {
		snprintf(sf15, sizeof sf15, "%.15s", id);
		if ((deal = deal_named(x, customer, 0, id, len == 18 ?
		    sf15 : id, &why)) < 0)
			return -1;
		if (deal == 0 && x->deal_what && strncmp(id, "006", 3) != 0)
			why = -1;	/* another record's, it seems */
		said = id, col = x->deal_id;
	}
	if (deal == 0 && title) {
		if (!crm_ascii(title))
			title = nfc = crm_nfc(title);	/* as crm_deal_add */
		deal = deal_named(x, customer, 1, title, title, &why);
		said = title, col = x->deal_title;
	}
	if (deal == 0 && (rel = cell_at(rec, x->deal_related)) != NULL &&
	    ((rdeal = related_deal(x, customer, rel, &rwhy)) != 0 ||
	    rwhy >= 0))
		deal = rdeal, why = rwhy, said = rel, col = x->deal_related;
	if (deal > 0) {
		ia->deal = deal, x->deal_linked = 1;
	} else if (deal == 0 && why >= 0) {
		struct nodeal *nd = &x->nodeal[why];

		if (nd->n++ == 0) {
			nd->line = x->line;
			nd->said = crm_xasprintf("%s '%s'", x->names[col - 1],
			    said);
		}
	}
	free(nfc);
	return deal < 0 ? -1 : 0;
}

/* The rows whose deal was not linked, a line for each reason. */
static void
say_nodeal(const struct ia_ctx *x)
{
	static const char *const why[] = {
		[ND_MISSING] = "crm has no such deal: logged without it (import "
		    "the deals first, crm-deal --import; this file imported "
		    "again then links them)",
		[ND_OTHER] = "the deal is another customer's, not the row's "
		    "person's nor their organisation's: logged without it",
		[ND_TWO] = "two or more of the customer's deals are named so: "
		    "logged without one (crm-log --deal ID names it)",
	};
	char num[32];
	size_t k;

	for (k = 0; k < NELEM(x->nodeal); k++)
		if (x->nodeal[k].n)
			fprintf(stderr, "%s: %s:%ld: %s row%s name%s a deal not "
			    "linked (%s%s): %s\n", crm_prog,
			    crm_rd_name(x->rd), x->nodeal[k].line,
			    crm_fmt_count(x->nodeal[k].n, num),
			    x->nodeal[k].n == 1 ? "" : "s",
			    x->nodeal[k].n == 1 ? "s" : "",
			    x->nodeal[k].said, x->nodeal[k].n == 1 ? "" :
			    ", ...", why[k]);
}

/*
 * The row as interactions: its purchase (or other kind), and a refund.
 * 0 logged or skipped, 1 refused with *why, -1 failed (recorded).
 */
static int
log_row(struct ia_ctx *x, const struct crm_rec *rec, struct crm_ia *ia,
    struct row *r, char **why)
{
	struct crm_ia ret;
	const char *err;
	char due[CRM_TIME_LEN];
	long long customer, id;
	int refund, by_col, lines;

	if (ia->kind == NULL) {
		*why = check_reason(x, crm_ia_check(ia));
		return 1;
	}
	refund = r->type == TY_REFUND || (ia->has_amount && ia->amount < 0 &&
	    x->sys && strcmp(ia->kind, "purchase") == 0);
	if (refund)
		ia->kind = "return";
	/* Money back whichever sign a file writes it with (a till's refund
	 * row at -120.00): a return's amount is kept positive. */
	if (strcmp(ia->kind, "return") == 0 && ia->amount < 0)
		ia->amount = -ia->amount;
	if (r->pay_word && strcmp(ia->kind, "payment") == 0 && ia->ref ==
	    NULL) {
		skipped(x, SK_UNSETTLED, kind_cell(x, rec));
		return 0;	/* no invoice named: no sale either */
	}
	if (strcmp(ia->kind, "purchase") == 0 && ia->has_amount &&
	    ia->amount == 0 && (x->sys || !x->defaults->has_amount)) {
		/* a free line, ticket or gift: the file's 0.00, not a typo */
		skipped(x, SK_FREE, NULL);
		return 0;
	}
	/* Checked before its customer: a rejected row adds nobody. */
	if ((err = crm_ia_check(ia))) {
		*why = check_reason(x, money_back(x, ia, err));
		return 1;
	}
	customer = row_customer(x, rec, refund, &err);
	if (crm_db_failed(x->db))
		return -1;	/* found nobody because it could not look */
	if (customer < 0)
		return 0;
	if (customer == 0) {
		*why = crm_xasprintf("%s: %s", x->kc.name, strcmp(err,
		    "no customer given") == 0 ? no_key_hint(x) : err);
		return 1;
	}
	if (optout_row(x, rec, customer) < 0)
		return -1;
	if ((x->deal_id || x->deal_title || x->deal_related) &&
	    row_deal(x, rec, customer, ia) < 0)
		return -1;
	/*
	 * A file's payment (Payment, Zahlung) settles an invoice
	 * or is skipped, in every language: the sale it pays for is its
	 * order's or invoice's row, and taking it as a purchase would count
	 * that sale twice.  (--kind payment without a kind column still
	 * refuses a row of no invoice: the user said each row settles one.)
	 */
	if (r->pay_word && strcmp(ia->kind, "payment") == 0 &&
	    crm_recv_open(x->db, customer, ia->ref) < 0) {
		skipped(x, SK_UNSETTLED, kind_cell(x, rec));
		return 0;
	}
	if (strcmp(ia->kind, "invoice") == 0 && (*why = paid_beyond(x, ia,
	    r)))
		return 1;
	/* One logged already is said in log_ia() if it changed. */
	if ((strcmp(ia->kind, "invoice") == 0 || strcmp(ia->kind,
	    "payment") == 0) && crm_ia_find(x->db, customer, ia, 1, 0, NULL,
	    NULL) == 0 && (err = crm_recv_why(x->db, customer, ia, due))) {
		*why = crm_xstrdup(err);
		return 1;
	}
	if (crm_db_failed(x->db))
		return -1;
	logged_by_date(x, rec, customer, ia);
	if ((id = refund_row_said(x, customer, ia)) != 0)
		return id < 0 ? -1 : 0;
	if (refund && (id = credit_link(x, customer, ia)) != 0)
		return id < 0 ? -1 : 0;
	if ((id = log_ia(x, customer, ia, keyed(x, ia))) < 0)
		return -1;
	if (id > 0 && x->deal_linked)
		x->opts->deals++;
	if (strcmp(ia->kind, "invoice") == 0)
		return log_paid(x, customer, ia, r);
	/* What the order's purchases came to: past 64 bits (a file whose
	 * rows are no order's adds up all of them) more than any refund. */
	if (strcmp(ia->kind, "purchase") == 0 && ia->has_amount &&
	    __builtin_add_overflow(x->order.goods, ia->amount,
	    &x->order.goods))
		x->order.goods = LLONG_MAX;
	/*
	 * A refunded order: a return of what was given back, once: the
	 * refund column's amount (the order's, with its first line), at
	 * most what was bought (settle_refund), else the whole of a
	 * refunded order.
	 */
	if (!refund && r->refunds && strcmp(ia->kind, "purchase") == 0)
		return log_refunds(x, customer, ia, r);
	by_col = r->has_refund && r->refund != 0;
	if (refund || (!by_col && r->state != ST_REFUNDED) ||
	    (x->sys && (x->sys->flags & S_REFUND_ROWS)))
		return 0;
	if (x->at[I_REFUND] >= 0 && x->order.item > 1)
		return 0;	/* the order's refund went with line 1 */
	ret = *ia;
	ret.kind = "return", ret.fields = NULL, ret.nfields = 0;
	ret.scores = NULL, ret.nscores = 0;
	ret.amount = by_col ? r->refund : ia->amount;
	ret.amount = ret.amount < 0 ? -ret.amount : ret.amount;
	if (by_col)
		ret.item = 0, ret.has_qty = 0, ret.product = NULL;
	if (by_col && r->refund_at[0])
		refund_time(x, customer, &ret, r->refund_at);
	lines = line_rows(x) && x->at[I_REF] >= 0;
	if (by_col && !lines && ia->has_amount && ia->amount > 0 &&
	    strcmp(ia->kind, "purchase") == 0 && ret.amount > ia->amount)
		ret.amount = ia->amount;	/* one row, one order */
	if (ret.amount <= 0)
		return 0;
	if (!by_col && (id = refund_row_read(x, customer, &ret)) != 0)
		return id < 0 ? -1 : 0;
	/* A refund column's return is the order's: its ref is its key. */
	if ((id = log_ia(x, customer, &ret, (by_col && ret.ref) ||
	    keyed(x, &ret))) < 0)
		return -1;
	if (id && by_col && lines)
		x->order.ret_id = id, x->order.ret_amount = ret.amount;
	return 0;
}

/*
 * Does a key cell other than the totals line's word name a customer: an
 * id, a customer number, a phone, an e-mail address?  Then the line is
 * a sale of a customer whose name reads as a subtotal ("Acme Total",
 * Customer ID 1001), as crm-add keeps such a row (its key_cell).  A key
 * column of names (Customer, Kunde: no prefix) does not count: its cell
 * is the label of the subtotal.  A short row's sum may fall under an
 * e-mail column: only an address is one.
 */
static int
keyed_total(const struct ia_ctx *x, const struct crm_rec *rec,
    const char *word)
{
	const char *prefix;
	size_t j, col;
	int ph = x->at[I_PHONE];

	if (ph >= 0 && (size_t)ph < rec->n && rec->f[ph] != word &&
	    !key_empty(rec, (size_t)ph, "phone:"))
		return 1;
	for (j = 0; x->has_key && j <= x->kc.nalt; j++) {
		col = j ? x->kc.alt[j - 1] : x->kc.col;
		prefix = j ? x->kc.altprefix[j - 1] : x->kc.prefix;
		if (*prefix == '\0' || col >= rec->n || rec->f[col] == word ||
		    key_empty(rec, col, prefix))
			continue;
		if (strcmp(prefix, "email:") != 0 || strchr(rec->f[col], '@'))
			return 1;
	}
	return 0;
}

/*
 * A row of totals, not a sale or an invoice: a totals line (crm-add's,
 * crm_totals_line) with no key of a customer's in it (keyed_total),
 * Gumroad's and QuickBooks' last, "Totals" or "TOTAL" in its first
 * column, or in an invoice list a row of neither a number nor a customer.
 */
static int
totals_row(struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *first, *prefix;

	if (crm_totals_line(rec, &first))
		return !keyed_total(x, rec, first);
	if (x->sys == NULL || !(x->sys->flags & S_TOTALS) || rec->n == 0)
		return 0;
	first = crm_trim(rec->f[0]);
	if (strcasecmp(first, "totals") == 0 || strcasecmp(first, "total") == 0)
		return 1;
	return (x->sys->flags & S_INVOICES) && val(x, rec, I_REF) == NULL &&
	    (!x->has_key || key_used(&x->kc, rec, &prefix) == NULL);
}

/*
 * A row's cell of the amount column, added up for the file's own totals
 * row below it (tot_check), whatever the row is then taken for: the
 * sheet's sum is of its column.
 */
static void
tot_add(struct ia_ctx *x, const struct crm_rec *rec)
{
	size_t c = (size_t)x->at[I_AMOUNT];
	const char *v, *cur, *kind;
	long long a;

	if (x->sys || x->at[I_AMOUNT] < 0 || x->tot.bad || c >= rec->n ||
	    *(v = crm_trim(rec->f[c])) == '\0')
		return;
	if ((cur = val(x, rec, I_CURRENCY)) != NULL) {
		if (x->tot.currency == NULL)
			x->tot.currency = crm_xstrdup(cur);
		else if (strcmp(cur, x->tot.currency) != 0)
			x->tot.bad = 1;		/* no one sum */
	}
	kind = kind_cell(x, rec);
	if (kind && (kind = crm_kind_word(kind)) == NULL)
		kind = kind_cell(x, rec);
	if (crm_parse_money_cell(v, &a, x->rd, c, rec->line) < 0 ||
	    __builtin_add_overflow(x->tot.sum, a, &x->tot.sum) ||
	    __builtin_add_overflow(x->tot.net, kind && strcmp(kind,
	    "return") == 0 && a > 0 ? -a : a, &x->tot.net))
		x->tot.bad = 1;
	x->tot.rows++;
}

/*
 * A sheet's own totals row (Summe, Total, Gesamt) with an amount in the
 * amount column: compared with what the rows above it add up to in that
 * column (as written, or with its returns taken off), and said where it
 * is neither (qa37: a row lost or edited since the sum was made;
 * nothing is changed for it).  A subtotal is not compared; a total
 * starts the count again below it.  A known system's totals are its
 * own (Tally's Grand Total nets its credit notes and leaves receipts
 * out): not compared.
 */
static void
tot_check(struct ia_ctx *x, const struct crm_rec *rec, const char *word)
{
	size_t c = (size_t)x->at[I_AMOUNT];
	const char *v;
	char a[32], b[32], n[32];
	long long t;

	if (x->sys || x->at[I_AMOUNT] < 0 || crm_subtotal_word(word))
		return;
	if (!x->tot.bad && x->tot.rows > 0 && c < rec->n &&
	    *(v = crm_trim(rec->f[c])) != '\0' &&
	    crm_parse_money_cell(v, &t, x->rd, c, rec->line) == 0 &&
	    t != x->tot.sum && t != x->tot.net)
		fprintf(stderr, "%s: %s:%ld: the file's %s row says %s, but "
		    "the %s row%s above it come%s to %s in %s: a row left out, "
		    "or changed since the sum was made? (the rows are logged "
		    "as read)\n", crm_prog, crm_rd_name(x->rd), rec->line,
		    word, crm_fmt_money(t, a), crm_fmt_count(x->tot.rows, n),
		    x->tot.rows == 1 ? "" : "s", x->tot.rows == 1 ? "s" : "",
		    crm_fmt_money(x->tot.sum, b), x->names[c]);
	x->tot.sum = x->tot.net = x->tot.rows = x->tot.bad = 0;
	free(x->tot.currency);
	x->tot.currency = NULL;
}

/*
 * A totals row skipped and counted; a subtotal line under its own count,
 * with the labels ("Subtotal January", "Acme Total"), where a row of a
 * customer's would have been refused for its date or e-mail.
 */
static void
totals_skipped(struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *first;

	if (crm_totals_line(rec, &first))
		tot_check(x, rec, crm_trim((char *)first));
	if (crm_totals_line(rec, &first) && crm_subtotal_word(first)) {
		char *copy = crm_xstrdup(first);

		skipped(x, SK_SUBTOTALS, crm_key_trim(copy));
		free(copy);
	} else
		skipped(x, SK_TOTALS, NULL);
}

/*
 * A hand sheet's row of no customer and no date but an amount, its label
 * in another cell or none (",,,,127422.01," under the rows; a monthly
 * ",,,,2834.46,March total"): a sum or subtotal without the word in its
 * first cell that crm skips by (totals_row).  Refused as before, with
 * why, at its amount, where the first cell it failed was its kind's or
 * its e-mail's (qa48 F6).  NULL when the row is not one.
 */
static const char *
sum_row(struct ia_ctx *x, const struct crm_rec *rec, int *col)
{
	static char msg[400];
	const char *prefix, *v, *label = NULL;
	char a[32], n[32];
	long long t, above;
	size_t c = (size_t)x->at[I_AMOUNT], i;

	if (x->sys || !x->has_key || x->at[I_AMOUNT] < 0 || c >= rec->n ||
	    key_used(&x->kc, rec, &prefix) != NULL || val(x, rec, I_AT) ||
	    val(x, rec, I_NAME) || val(x, rec, I_PHONE) ||
	    crm_parse_money_cell(crm_trim(rec->f[c]), &t, x->rd, c,
	    rec->line) < 0)
		return NULL;
	for (i = 0; i < rec->n && label == NULL; i++)
		if (i != c && *(v = crm_trim(rec->f[i])) != '\0')
			label = v;
	*col = (int)c;
	snprintf(msg, sizeof msg, "no customer and no date, only an amount%s"
	    "%.40s%s: looks like a sum or subtotal row", label ? " and '" : "",
	    label ? label : "", label ? "'" : "");
	above = x->tot.sum - t;
	if (!x->tot.bad && x->tot.rows == 2 && (above == t ||
	    x->tot.net - t == t))
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " (the "
		    "row above it is %s)", crm_fmt_money(t, a));
	else if (!x->tot.bad && x->tot.rows > 2 && (above == t ||
	    x->tot.net - t == t))
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " (the "
		    "%s rows above it come to %s)", crm_fmt_count(x->tot.rows -
		    1, n), crm_fmt_money(t, a));
	snprintf(msg + strlen(msg), sizeof msg - strlen(msg), ": write Total "
	    "or Subtotal in its first cell and it is skipped, or leave it out "
	    "of the file (%s FILE sets such rows aside)",
	    crm_optname("rejects"));
	x->tot.sum = x->tot.net = x->tot.rows = x->tot.bad = 0;
	free(x->tot.currency);	/* a sum: the next counts from here */
	x->tot.currency = NULL;
	return msg;
}

/*
 * An order logged as a purchase that its row now says is not one
 * (cancelled, voided): the purchase stands, since an import does not
 * undo; said on standard error with what to do.  Its number names it
 * (any customer's: the export is one shop's).
 */
static void
purchase_stands(struct ia_ctx *x, const struct crm_ia *ia, const char *state)
{
	char a[32];
	long long was;

	if (ia->ref == NULL || strcmp(ia->kind ? ia->kind : "", "purchase") !=
	    0)
		return;
	was = ia->at ? crm_query_int(x->db, -1, "SELECT sum(coalesce(amount, "
	    "0)) FROM interactions WHERE kind = 'purchase' AND ref = ? AND "
	    "at = ?", "ss", ia->ref, ia->at) : crm_query_int(x->db, -1,
	    "SELECT sum(coalesce(amount, 0)) FROM interactions WHERE kind = "
	    "'purchase' AND ref = ?", "s", ia->ref);
	if (was < 0)
		return;
	fprintf(stderr, "%s: %s:%ld: order %s is %s here, logged as a "
	    "purchase of %s: the purchase stands (log a return to take it "
	    "back)\n", crm_prog, crm_rd_name(x->rd), x->line, ia->ref,
	    state ? state : "not paid", crm_fmt_money(was, a));
}

/*
 * A complaint's resolution from a help desk's ticket export: its solved
 * time (Solved at, Resolved time) for log_ia() to set, after its opening;
 * a Status of solved or closed with no such time is counted (said once:
 * left open).  NULL, or what is wrong with the row.
 */
static char *
complaint_resolved(struct ia_ctx *x, const struct crm_ia *ia,
    const struct row *r)
{
	static const char *const done[] = { "solved", "closed", "resolved",
	    "erledigt", "geschlossen", NULL };
	size_t k;

	if (ia->kind == NULL || strcmp(ia->kind, "complaint") != 0)
		return NULL;
	if (r->resolved[0] && !ia->at_now && strcmp(r->resolved, ia->at) < 0)
		return crm_xasprintf("%s: %s is before the complaint's %s",
		    x->names[x->at[I_RESOLVED]], r->resolved, ia->at);
	if (r->resolved[0]) {
		x->resolved = r->resolved;
		return NULL;
	}
	for (k = 0; r->status && done[k]; k++)
		if (strcasecmp(crm_trim((char *)r->status), done[k]) == 0)
			x->untimed++;
	return NULL;
}

/*
 * A customer id (or phone) in a key column that Excel wrote as
 * 1.23457E+15 (hint.c): its digits are lost, and another customer's may
 * read the same.  NULL, or what is wrong and *col.
 */
static const char *
excel_key(const struct ia_ctx *x, const struct crm_rec *rec, int *col)
{
	const char *err;
	size_t j, c;

	for (j = 0; x->has_key && j <= x->kc.nalt; j++) {
		c = j == 0 ? x->kc.col : x->kc.alt[j - 1];
		if (c < rec->n && strcmp(j == 0 ? x->kc.prefix :
		    x->kc.altprefix[j - 1], "email:") != 0 &&
		    (err = crm_excel_hint(rec->f[c])) != NULL) {
			*col = (int)c;
			return err;
		}
	}
	return NULL;
}

/*
 * Invoice ia's amount, its first line's, with the lines below it of the
 * same number added (FreshBooks' Invoice Details: a row a line, each
 * its own Line Total; qa20 F3): the records to come, peeked at, while
 * their number is ia's.  import_line() then skips them, counted.  NULL,
 * or what is wrong with a line's amount (*col its column).
 */
static const char *
inv_lines(struct ia_ctx *x, struct crm_ia *ia, const struct row *r,
    int *col)
{
	const struct crm_rec *rec;
	const char *v, *err;
	long long a;
	size_t k, rc = (size_t)x->at[I_REF], ac = (size_t)x->at[I_AMOUNT];

	if (x->at[I_AMOUNT] < 0 || !ia->has_amount)
		return NULL;
	for (k = 0; (rec = crm_rd_peek(x->rd, k)) != NULL; k++) {
		if (rc >= rec->n || strcmp(crm_trim(rec->f[rc]), ia->ref) != 0)
			break;
		if (ac >= rec->n || *(v = crm_trim(rec->f[ac])) == '\0')
			continue;
		if ((err = money(v, &a, col, (int)ac, r)))
			return err;
		if (__builtin_add_overflow(ia->amount, a, &ia->amount))
			return "the invoice's lines add up to more than crm "
			    "holds";
	}
	return NULL;
}

/* Words of an invoice's status that say it is paid in full. */
static int
paid_word(const char *s)
{
	return inv_state(s) == IS_PAID;
}

/*
 * An invoice's status crm does not know ("blahblah"), where an invoice
 * list's row was to be logged: refused, not guessed, as an order's is
 * (an unknown word logged as owed would chase a cancelled invoice, one
 * read as paid hide what is owed).  NULL, or what is wrong and *col.
 */
static const char *
inv_status(const struct ia_ctx *x, const struct crm_ia *ia,
    const struct row *r, int *col)
{
	static char msg[400];

	if (r->status == NULL || ia->kind == NULL || strcmp(ia->kind,
	    "invoice") != 0 || inv_state(r->status) != IS_UNKNOWN)
		return NULL;
	*col = r->status_col;
	snprintf(msg, sizeof msg, "'%.60s' is not an invoice status crm "
	    "knows: not guessed (write paid, open or cancelled in its place, "
	    "as it means; --map %s reads every invoice as open, what is paid "
	    "then given by a paid or open balance column)", r->status,
	    crm_map_word(x->names[r->status_col], "-"));
	return msg;
}

/*
 * An invoice whose status says paid, in a file with no paid or open
 * amount (FreshBooks' paid, with its Date Paid): paid in full, logged
 * as its payment by log_paid() at that time.
 */
static void
paid_status(const struct crm_ia *ia, struct row *r)
{
	if (strcmp(ia->kind ? ia->kind : "", "invoice") == 0 && r->status &&
	    paid_word(r->status) && !r->has_paid && !r->has_open &&
	    ia->has_amount)
		r->has_paid = 1, r->paid = ia->amount;
}

/*
 * A review's title as its summary when its text is empty or not read
 * (Judge.me's "Love it" of no body: qa20 F12); the text is the summary
 * otherwise, the title an extra field.  Never the two joined: a row
 * read with --map body=summary or without must hold the same summary,
 * which tells like rows apart (crm_ia_find()).
 */
static void
title_summary(struct ia_ctx *x, const struct crm_rec *rec, struct crm_ia *ia)
{
	if (ia->summary == NULL)
		ia->summary = val(x, rec, I_TITLE);
}

/*
 * Did nobody talk on the row's call: its Talk Time (x->call_talk) a
 * zero span, 0, 0:00 or 00:00:00?  8x8's log says Completed of a call
 * that rang out unanswered, its Talk Time 00:00:00 (h-calllay30: such a
 * call was logged as one that took place).  An empty cell says nothing.
 */
static int
call_untalked(const struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *v;

	if (x->call_talk < 0 || (size_t)x->call_talk >= rec->n)
		return 0;
	v = crm_trim(rec->f[x->call_talk]);
	return strchr(v, '0') && strspn(v, "0:.") == strlen(v);
}

/*
 * A call that did not connect (Twilio's no-answer, busy, failed and
 * canceled; Aircall's and RingCentral's Missed; a Voicemail; a Talk
 * Time of 0 whatever the status: call_untalked()) was a try,
 * not a conversation: with no summary of its own, its summary says so
 * ("Missed call: no-answer", "Missed call") in buf, so that a timeline, a search and
 * the one who calls back tell it from a call that took place.  Its
 * status stays a field too.
 */
static void
missed_call(struct crm_ia *ia, const struct row *r, int untalked, char *buf,
    size_t cap)
{
	static const char *const words[] = { "no-answer", "no answer",
	    "no_answer", "noanswer", "missed", "missed call", "busy",
	    "failed", "canceled", "cancelled", "voicemail", "unanswered",
	    "abandoned", "rejected", "declined",
	    "line busy", "not answered",	/* RingCentral's API's */
	    NULL };
	const char *v;
	size_t k;

	if (ia->summary || (r->status == NULL && !untalked) ||
	    ia->kind == NULL || strcmp(ia->kind, "call") != 0)
		return;
	v = r->status ? crm_trim((char *)r->status) : "";
	for (k = 0; words[k] && strcasecmp(v, words[k]) != 0; k++)
		;
	if (words[k] == NULL && !untalked)
		return;
	if (words[k] == NULL || strncasecmp(v, "missed", 6) == 0)
		/* no "Missed call: Missed", nor ": Completed" */
		snprintf(buf, cap, "Missed call");
	else
		snprintf(buf, cap, "Missed call: %.60s", v);
	ia->summary = buf;
}

/*
 * The customer of an invoice list's row that is no invoice (a payment, a
 * credit note): its id; 0 skipped; -2 refused with *why; -1 failed.
 */
static long long
list_customer(struct ia_ctx *x, const struct crm_rec *rec, char **why)
{
	const char *err;
	long long customer = row_customer(x, rec, 0, &err);

	if (crm_db_failed(x->db))
		return -1;
	if (customer < 0)
		return 0;
	if (customer == 0) {
		*why = crm_xasprintf("%s: %s", x->kc.name, strcmp(err,
		    "no customer given") == 0 ? no_key_hint(x) : err);
		return -2;
	}
	return customer;
}

/*
 * A credit note of an invoice list that is not applied in full yet
 * (Xero's Type Sales credit note, Status Awaiting Payment, its
 * InvoiceAmountDue the credit left; QuickBooks' Credit Memo, its Open
 * balance negative): the credit left, kept to settle its customer's
 * open invoices at the end of the file (credit_settle()).  crm keeps no
 * credit of its own: a credit takes off what is owed as a payment does.
 * Its other lines' rows are skipped as an invoice's.  0 kept or skipped,
 * 1 refused with *why, -1 failed.
 */
static int
credit_row(struct ia_ctx *x, const struct crm_rec *rec, const struct crm_ia *ia,
    const struct row *r, char **why)
{
	const char *type = r->doc ? r->doc : val(x, rec, I_TYPE);
	struct credit *c;
	long long customer, left;

	if (ia->ref && x->ncredits && strcmp(x->credits[x->ncredits -
	    1].ref, ia->ref) == 0) {
		skipped(x, SK_INVREPEAT, NULL);
		return 0;
	}
	left = r->has_open ? r->open : !ia->has_amount ? 0 : r->has_paid ?
	    (ia->amount < 0 ? -ia->amount : ia->amount) - (r->paid < 0 ?
	    -r->paid : r->paid) : ia->amount;
	left = left < 0 ? -left : left;
	if (ia->ref == NULL || ia->at == NULL || left == 0) {
		skipped(x, SK_INVOICE, type);	/* nothing left to apply */
		return 0;
	}
	if ((customer = list_customer(x, rec, why)) <= 0)
		return customer == -2 ? 1 : (int)customer;
	x->credits = crm_xreallocarray(x->credits, x->ncredits + 1,
	    sizeof *x->credits);
	c = &x->credits[x->ncredits++];
	c->customer = customer, c->amount = left, c->line = x->line;
	c->ref = crm_xstrdup(ia->ref);
	c->label = crm_xasprintf("%s %s", strcasestr(type, "memo") ?
	    "credit memo" : "credit note", ia->ref);
	snprintf(c->at, sizeof c->at, "%s", ia->at);
	return 0;
}

/*
 * The credit notes kept by credit_row(), once every invoice of the file
 * is logged: each settles its customer's open invoices oldest first, as
 * a payment of its label ("credit note CN-7") at its date (an invoice
 * issued after it, at the invoice's), less what a payment of that label
 * took already, so a second import logs nothing.  What no open invoice
 * takes is said.  0, or -1 with the error recorded.
 */
static int
credit_settle(struct ia_ctx *x)
{
	struct crm_ia pay = { 0 };
	struct crm_recv_inv *v;
	struct credit *c;
	long long left, t;
	long line = x->line;
	size_t i, j, n;

	for (i = 0; i < x->ncredits; i++) {
		c = &x->credits[i];
		left = c->amount - crm_query_int(x->db, 0, "SELECT "
		    "coalesce(sum(amount), 0) FROM interactions WHERE kind = "
		    "'payment' AND customer_id = ? AND summary = ?", "is",
		    c->customer, c->label);
		/* each payment of it logged before counted, as it was */
		if (left < c->amount)
			x->im->unchanged += crm_query_int(x->db, 0, "SELECT "
			    "count(*) FROM interactions WHERE kind = 'payment' "
			    "AND customer_id = ? AND summary = ?", "is",
			    c->customer, c->label);
		if (left <= 0)
			continue;
		v = crm_recv_open_list(x->db, c->customer, &n);
		if (crm_db_failed(x->db))
			return -1;
		x->line = c->line;
		for (j = 0; j < n && left > 0; j++) {
			t = left < v[j].open ? left : v[j].open;
			pay.kind = "payment", pay.ref = v[j].ref;
			pay.summary = c->label, pay.amount = t;
			pay.has_amount = 1;
			pay.at = strcmp(v[j].at, c->at) > 0 ? v[j].at : c->at;
			if (log_part(x, c->customer, &pay, 0) < 0) {
				crm_recv_open_free(v, n);
				return -1;
			}
			left -= t;
		}
		crm_recv_open_free(v, n);
		if (left > 0 && x->credit_left_n++ == 0)
			x->credit_left_line = c->line;
		x->credit_left += left > 0 ? left : 0;
	}
	x->line = line;
	return 0;
}

/*
 * A Payment row of an invoice list (QuickBooks' Transaction type
 * Payment, its Amount negative, its Open balance what is not applied
 * yet): what it applied, kept to date the paid parts of its customer's
 * invoices (pay_settle()).  Its Num is the payment's own reference, not
 * an invoice's: the report does not say which invoice it paid.  0 kept
 * or skipped, 1 refused with *why, -1 failed.
 */
static int
pay_row(struct ia_ctx *x, const struct crm_rec *rec, const struct crm_ia *ia,
    const struct row *r, char **why)
{
	struct pay_row *p;
	long long customer, amount;

	amount = ia->amount < 0 ? -ia->amount : ia->amount;
	if (r->has_open)	/* unapplied: crm keeps no unapplied cash */
		amount -= r->open < 0 ? -r->open : r->open;
	if (!ia->has_amount || ia->at == NULL || amount <= 0) {
		skipped(x, SK_INVOICE, val(x, rec, I_TYPE));
		return 0;
	}
	if ((customer = list_customer(x, rec, why)) <= 0)
		return customer == -2 ? 1 : (int)customer;
	x->pays = crm_xreallocarray(x->pays, x->npays + 1, sizeof *x->pays);
	p = &x->pays[x->npays++];
	p->customer = customer, p->amount = amount, p->line = x->line;
	snprintf(p->at, sizeof p->at, "%s", ia->at);
	return 0;
}

/* Paid parts by customer, then invoice date, then line: oldest first. */
static int
part_cmp(const void *a, const void *b)
{
	const struct inv_part *p = a, *q = b;
	int c;

	if (p->customer != q->customer)
		return p->customer < q->customer ? -1 : 1;
	if ((c = strcmp(p->at, q->at)) != 0)
		return c;
	return (p->line > q->line) - (p->line < q->line);
}

/* Payment rows by date, then line. */
static int
pay_cmp(const void *a, const void *b)
{
	const struct pay_row *p = a, *q = b;
	int c = strcmp(p->at, q->at);

	return c ? c : (p->line > q->line) - (p->line < q->line);
}

/* Is ref an invoice of the file's, of the customer whose parts begin at
 * first (sorted by customer)? */
static int
part_listed(const struct ia_ctx *x, size_t first, long long customer,
    const char *ref)
{
	size_t i;

	for (i = first; i < x->nparts && x->parts[i].customer == customer; i++)
		if (strcmp(x->parts[i].ref, ref) == 0)
			return 1;
	return 0;
}

/* An invoice of crm's a Payment row paid, named in what is said after. */
static void
unlisted_ref(struct ia_ctx *x, const char *ref)
{
	int i, max = (int)(sizeof x->unlisted_refs / sizeof *x->unlisted_refs);

	for (i = 0; i < x->unlisted_nrefs; i++)
		if (strcmp(x->unlisted_refs[i], ref) == 0)
			return;
	if (x->unlisted_nrefs == max)
		x->unlisted_more = 1;
	else
		x->unlisted_refs[x->unlisted_nrefs++] = crm_xstrdup(ref);
}

/*
 * What *a of Payment row i its customer's invoices in the file did not
 * take: a list exported by date leaves out the invoice it paid, which an
 * earlier file gave.  Her open invoices crm has that the file does not
 * list take it, oldest first as in pay_apply(), never one issued after
 * it; said after the import.  What a payment of the same day logged to
 * such invoices already (this file read before, or a newer list that
 * listed the invoice) is taken first, less what the day's rows above
 * took of it, so a second import logs nothing: each invoice of it
 * counted already there, as the import that logged it counted it logged.
 * The rest is left in *a.  0, or -1 with the error recorded.
 */
static int
pay_unlisted(struct ia_ctx *x, size_t i, size_t first, long long *a)
{
	struct pay_row *p = &x->pays[i];
	struct crm_ia pay = { 0 };
	struct crm_recv_inv *v;
	long long above = 0, t, s;
	size_t j, n;
	int said = 0;

	for (j = i; j-- > 0 && strcmp(x->pays[j].at, p->at) == 0;)
		if (x->pays[j].customer == p->customer)
			above += x->pays[j].unlisted;
	v = crm_recv_paid_at(x->db, p->customer, p->at, &n);
	for (j = 0; j < n && *a > 0; j++) {
		if (part_listed(x, first, p->customer, v[j].ref))
			continue;
		s = above < v[j].open ? above : v[j].open;
		above -= s;		/* the day's rows above took it */
		t = *a < v[j].open - s ? *a : v[j].open - s;
		if (t <= 0)
			continue;
		*a -= t, p->unlisted += t;
		x->im->unchanged++;
	}
	crm_recv_open_free(v, n);
	if (*a <= 0)
		return crm_db_failed(x->db) ? -1 : 0;
	v = crm_recv_open_list(x->db, p->customer, &n);
	if (crm_db_failed(x->db))
		return -1;
	for (j = 0; j < n && *a > 0; j++) {
		if (strncmp(v[j].at, p->at, 10) > 0)
			break;	/* issued after it: so are the rest */
		if (part_listed(x, first, p->customer, v[j].ref))
			continue;	/* the file's balance says no */
		t = *a < v[j].open ? *a : v[j].open;
		pay.kind = "payment", pay.ref = v[j].ref, pay.amount = t;
		pay.has_amount = 1, pay.at = p->at;
		if (log_part(x, p->customer, &pay, 0) < 0) {
			crm_recv_open_free(v, n);
			return -1;
		}
		if (x->pay_unlisted == 0)
			x->pay_unlisted_line = p->line;
		x->pay_unlisted_n += !said++;
		*a -= t, p->unlisted += t;
		x->pay_unlisted += t;
		unlisted_ref(x, v[j].ref);
	}
	crm_recv_open_free(v, n);
	return 0;
}

/*
 * One Payment row p applied to its customer's invoices of the file,
 * oldest first (the rows cannot say which it paid: oldest first is the
 * usual rule then, crm-log(1)), from the first part of its customer's
 * parts on: what the invoices' open balances say was paid and crm has
 * logged already is taken first, then what is still to log, logged at
 * the payment's date.
 * Never an invoice issued after the payment.  What they do not take
 * goes to her invoices the file does not list (pay_unlisted()); what is
 * left then is said.  0, or -1 with the error recorded.
 */
static int
pay_apply(struct ia_ctx *x, size_t k, size_t first)
{
	struct crm_ia pay = { 0 };
	const struct pay_row *p = &x->pays[k];
	struct inv_part *q;
	long long a = p->amount, t;
	size_t i;

	for (i = first; i < x->nparts && a > 0; i++) {
		q = &x->parts[i];
		if (q->customer != p->customer)
			break;
		if (strncmp(q->at, p->at, 10) > 0)
			break;	/* issued after it: so are the rest */
		t = a < q->done ? a : q->done;
		q->done -= t, a -= t;
		/* the part an import before logged, counted as it was */
		x->im->unchanged += t > 0;
		t = a < q->need ? a : q->need;
		if (t <= 0)
			continue;
		pay.kind = "payment", pay.ref = q->ref, pay.owner = q->owner;
		pay.summary = q->summary, pay.amount = t, pay.has_amount = 1;
		pay.at = p->at;
		if (log_part(x, p->customer, &pay, 0) < 0)
			return -1;
		q->need -= t, a -= t;
	}
	if (a > 0 && pay_unlisted(x, k, first, &a) < 0)
		return -1;
	if (a > 0 && x->pay_left_n++ == 0)
		x->pay_left_line = p->line;
	x->pay_left += a;
	return 0;
}

/*
 * An invoice list's Payment rows (S_PAY_ROWS), at the end of the file:
 * each dates what the open balances of its customer's invoices say was
 * paid (pay_apply()); what no Payment row dates is logged as before, at
 * its paid-at time, else now.  The open balances decide how much was
 * paid, so a payment is never counted twice, and a second import of the
 * file logs nothing.  0, or -1 with the error recorded.
 */
static int
pay_settle(struct ia_ctx *x)
{
	struct crm_ia pay = { 0 };
	struct inv_part *q;
	long line = x->line;
	size_t i, j = 0;

	if (x->nparts > 1)
		qsort(x->parts, x->nparts, sizeof *x->parts, part_cmp);
	if (x->npays > 1)
		qsort(x->pays, x->npays, sizeof *x->pays, pay_cmp);
	for (i = 0; i < x->npays; i++) {
		/* the customer's first part: parts are sorted by customer */
		size_t lo = 0, hi = x->nparts, mid;

		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (x->parts[mid].customer < x->pays[i].customer)
				lo = mid + 1;
			else
				hi = mid;
		}
		x->line = x->pays[i].line;
		if (pay_apply(x, i, lo) < 0)
			return -1;
	}
	for (j = 0; j < x->nparts; j++) {
		q = &x->parts[j];
		/* logged before and no row dates it: at now, as it was */
		x->im->unchanged += q->done > 0;
		if (q->need <= 0)
			continue;
		x->line = q->line;
		pay.kind = "payment", pay.ref = q->ref, pay.owner = q->owner;
		pay.summary = q->summary, pay.amount = q->need;
		pay.has_amount = 1;
		pay.at = q->paid_at[0] ? q->paid_at : crm_now_str();
		if (log_part(x, q->customer, &pay, q->paid_at[0] == '\0') < 0)
			return -1;
	}
	x->line = line;
	return 0;
}

/*
 * Another CRM's activities (Salesforce's Tasks and Events, HubSpot's
 * calls, notes and tasks, Pipedrive's activities, Zoho CRM's Calls,
 * Close's, a booking system's appointments): rows of contacts with a
 * customer, not of money nor tickets.  Each has its own id, its own
 * time beside the record's creation, its owner, a body beside its
 * subject, and a status that says whether it took place at all
 * (t/data/real/SOURCES.md, qa30).
 */
static int
act_kind(const char *k)
{
	static const char *const kinds[] = { "call", "email", "fax",
	    "meeting", "visit", "web", "chat", "note", NULL };
	size_t i;

	for (i = 0; k && kinds[i]; i++)
		if (strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

static int mapped_name(const struct ia_ctx *x, size_t i);

/*
 * The first column, in the order of heads (normalised headers), that
 * crm keeps as an extra field and --map did not name: its index, or -1.
 */
static int
field_col(const struct ia_ctx *x, char *const *norm, const char *const *heads)
{
	size_t i, k;

	for (k = 0; heads[k]; k++)
		for (i = 0; i < x->n; i++)
			if (strcmp(norm[i], heads[k]) == 0 &&
			    x->cols[i].to == I_FIELD && !mapped_name(x, i))
				return (int)i;
	return -1;
}

/* Column i read as target t (which no column holds), no longer a field. */
static void
take_col(struct ia_ctx *x, int i, int t)
{
	struct col *c = &x->cols[i];

	c->to = t;
	free(c->field);
	c->field = kept(t) ? field_name(x->names, x->cols, (size_t)i) : NULL;
	x->at[t] = i;
}

/* Is the column of target t one crm took by its header, not --map's? */
static int
unmapped(const struct ia_ctx *x, int t)
{
	return x->at[t] >= 0 && !mapped_name(x, (size_t)x->at[t]);
}

/*
 * The activity's own time, before the record's creation time (Zoho's
 * Created Time is when the call was entered, its Call Start Time when
 * it was made: qa30 F6): Zoho CRM's Call Start Time, Salesforce's
 * Event STARTDATETIME, else ACTIVITYDATETIME (empty for an all-day
 * event), else ACTIVITYDATE, a Task's COMPLETEDDATETIME
 * and ACTIVITYDATE, HubSpot's Activity date and a task's Completed at,
 * Pipedrive's Activity - Due date (its Due time beside it), HubSpot's
 * Meeting start time, Calendly's Start Date & Time, Acuity's Start Time;
 * a Pipedrive note's Note - Add time, when it was written.
 */
static const char *const act_times[] = {
	"callstarttime", "startdatetime", "activitydatetime",
	"meetingstarttime", "startdate&time", "completeddatetime",
	"completedat", "activitydate", "activityduedate", "starttime",
	"noteaddtime", NULL
};
/* A record's creation time, which an activity's own time goes before. */
static const char *const created_heads[] = {
	"createdtime", "createddate", "createdat", "created", "datecreated",
	"createdate", NULL
};

/* The owner (who dealt with it) under its names in activity exports. */
static const char *const act_owners[] = {
	"activityassignedto", "assignedto", "activityassignedtouser",
	"callowner", "taskowner", "meetingowner", "eventowner",
	"activityowner", "username", "assigned", "ownername", "ownerid",
	"noteuser", NULL
};

/*
 * The activity's text (its body: HubSpot's Call notes and Note body,
 * Pipedrive's Activity - Note and Note - Content, Salesforce's and
 * Zoho's Description) is the summary; its title (a subject, HubSpot's
 * Call Title, Pipedrive's Activity - Subject) is the summary only when
 * the body is empty (title_summary()), and kept as a field.
 */
static const char *const act_bodies[] = {
	"callnotes", "notebody", "notecontent", "activitynote",
	"meetingnotes", "emailbody", "description", "body", "notes", "note",
	"comments", "comment", NULL
};
static const char *const act_titles[] = {
	"calltitle", "activitysubject", "tasktitle", "meetingname",
	"meetingtitle", "subject", "title", "eventtypename", NULL
};

/*
 * The headers of an activity's own id (Salesforce's ID, HubSpot's Record
 * ID, Pipedrive's Activity - ID and Note - ID, Close's id): as the ref,
 * the activity itself (act_id()).  Not an Order ID or a Deal ID: two
 * calls about one order are two calls.
 */
static const char *const act_ids[] = {
	"id", "recordid", "activityid", "noteid", "callid", "taskid",
	"eventid", "meetingid", "engagementid", "appointmentid", NULL
};

/* Is norm one of heads? */
static int
has_head(const char *norm, const char *const *heads)
{
	for (; *heads; heads++)
		if (strcmp(norm, *heads) == 0)
			return 1;
	return 0;
}

/* The activity's type, which says its kind (act_type()). */
static const char *const act_types[] = {
	"activitytype", "tasktype", "engagementtype", NULL
};

/*
 * The columns that say whether an activity took place (act_done()): a
 * status word (Salesforce's and Zoho's Status, HubSpot's Task Status,
 * Zoho's Call Status, Acuity's status), a yes for done (Salesforce's
 * ISCLOSED, Pipedrive's Activity - Done: Done or To do), a yes for not
 * (Calendly's Canceled and Marked as No-Show).
 */
enum { DH_WORD, DH_DONE, DH_NOT };
static const struct {
	const char *head;
	int how;
} done_heads[] = {
	{ "status", DH_WORD }, { "taskstatus", DH_WORD },
	{ "callstatus", DH_WORD }, { "activitystatus", DH_WORD },
	{ "meetingstatus", DH_WORD }, { "eventstatus", DH_WORD },
	{ "appointmentstatus", DH_WORD }, { "meetingoutcome", DH_WORD },
	{ "isclosed", DH_DONE }, { "done", DH_DONE },
	{ "activitydone", DH_DONE }, { "iscomplete", DH_DONE },
	{ "iscompleted", DH_DONE },
	{ "canceled", DH_NOT }, { "cancelled", DH_NOT },
	{ "iscanceled", DH_NOT }, { "iscancelled", DH_NOT },
	{ "markedasnoshow", DH_NOT }, { "noshow", DH_NOT },
	{ "isnoshow", DH_NOT },
};

/*
 * Is the file another CRM's activities: --kind an activity's, or no
 * --kind and a kind or call status column with no money beside it?
 */
static int
act_file(const struct ia_ctx *x)
{
	const char *kind = x->defaults->kind;

	if (x->sys || x->tickets)
		return 0;
	if (kind)
		return act_kind(kind);
	return (x->at[I_KIND] >= 0 || x->calls) && x->at[I_AMOUNT] < 0 &&
	    x->at[I_PRICE] < 0 && x->at[I_LINE] < 0;
}

/* The activity's body as summary, its title beside it (act_bodies[]). */
static void
act_summary(struct ia_ctx *x, char *const *norm)
{
	int body, title, s = x->at[I_SUMMARY];

	if (s >= 0 && mapped_name(x, (size_t)s))
		return;
	if (s >= 0) {	/* crm's own pick, weighed with the others */
		x->cols[s].to = I_FIELD;
		x->at[I_SUMMARY] = -1;
	}
	body = field_col(x, norm, act_bodies);
	title = field_col(x, norm, act_titles);
	if (s >= 0 && body < 0 && title < 0)
		body = s;
	if (body >= 0)
		take_col(x, body, I_SUMMARY);
	else if (title >= 0)
		take_col(x, title, I_SUMMARY), title = -1;
	if (s >= 0 && x->cols[s].to == I_FIELD && x->cols[s].field == NULL)
		x->cols[s].field = field_name(x->names, x->cols, (size_t)s);
	if (title >= 0 && title != body && x->at[I_TITLE] < 0)
		take_col(x, title, I_TITLE);
}

/*
 * An activity's time: its own (act_times[]) before the record's
 * creation; a task's Due date when nothing else dates it (a done one's,
 * the open ones are skipped), else a field: only an invoice has one.
 */
static void
act_time(struct ia_ctx *x, char *const *norm)
{
	int at = x->at[I_AT], own, clock;
	size_t k;

	for (k = 0; at >= 0 && created_heads[k] &&
	    strcmp(norm[at], created_heads[k]) != 0; k++)
		;
	if ((at < 0 || (created_heads[k] && !mapped_name(x, (size_t)at) &&
	    x->at[I_AT_UTC] < 0)) && (own = field_col(x, norm,
	    act_times)) >= 0) {
		if (at >= 0)
			as_field(x, I_AT);
		take_col(x, own, I_AT);
		if (strcmp(norm[own], "activityduedate") == 0 &&
		    x->at[I_CLOCK] < 0 && (clock = field_col(x, norm,
		    (const char *const[]){ "activityduetime", NULL })) >= 0)
			take_col(x, clock, I_CLOCK);
		/* a task due on a day (no Due time) was done when it was
		 * marked so, not at midnight (qa35 F9): row_time() */
		if (strcmp(norm[own], "activityduedate") == 0 &&
		    (clock = field_col(x, norm, (const char *const[]){
		    "activitymarkedasdonetime", NULL })) >= 0)
			x->done_at = clock + 1;
		/* a row whose own time is empty: its next, else its
		 * creation (row_time()), not now */
		for (k = 0; act_times[k] && x->nat_alt < 2; k++)
			if ((clock = field_col(x, norm, (const char *const[]){
			    act_times[k], NULL })) >= 0)
				x->at_alt[x->nat_alt++] = clock;
	}
	if (x->at[I_DUE] >= 0 && x->at[I_AT] < 0 && unmapped(x, I_DUE)) {
		clock = x->at[I_DUE];
		x->at[I_DUE] = -1;
		take_col(x, clock, I_AT);
	} else if (x->at[I_DUE] >= 0 && unmapped(x, I_DUE)) {
		if (x->nat_alt < 2 && x->at[I_AT] != at)
			x->at_alt[x->nat_alt++] = x->at[I_DUE];
		as_field(x, I_DUE);
	}
	if (at >= 0 && x->at[I_AT] != at)
		x->at_alt[x->nat_alt++] = at;
}

/*
 * The columns of the deal an activity is about (qa35 F7): its id in the
 * system it came from, as crm-deal --import keeps a deal's (ref):
 * Pipedrive's Deal - ID, HubSpot's Associated Deal IDs, Salesforce's
 * WhatId (an opportunity's when it starts 006, else an account's or a
 * case's) and Zoho's What Id; and its title: Pipedrive's Deal - Title,
 * HubSpot's Associated Deal.  They stay kept as fields too.
 */
static const char *const deal_ids[] = {
	"dealid", "associateddealids", "associateddealid", "whatid", NULL
};
static const char *const deal_titles[] = {
	"dealtitle", "associateddeal", NULL
};
/* vtiger Calendar's Related To: a deal's (Potential's) title, or not */
static const char *const related_to[] = { "relatedto", NULL };

/* The first column of heads, in their order, --map did not name: 1 + its
 * index, or 0. */
static int
deal_col(const struct ia_ctx *x, char *const *norm, const char *const *heads)
{
	size_t i, k;

	for (k = 0; heads[k]; k++)
		for (i = 0; i < x->n; i++)
			if (strcmp(norm[i], heads[k]) == 0 &&
			    !mapped_name(x, i))
				return (int)i + 1;
	return 0;
}

static void
act_deal_cols(struct ia_ctx *x, char *const *norm)
{
	x->deal_id = deal_col(x, norm, deal_ids);
	x->deal_title = deal_col(x, norm, deal_titles);
	x->deal_what = x->deal_id && strcmp(norm[x->deal_id - 1],
	    "whatid") == 0;
	x->deal_related = deal_col(x, norm, related_to);
}

/*
 * A call log's call id is the call's ref (call_ids[]), when the file has
 * no ref of its own: the same call read again, its note edited or its
 * status changed, is the same call (act_id(), keyed()), not a second
 * one (Twilio's Call SID was kept as a field, and a log exported again
 * with a note edited logged the call twice).  A bare id beside a
 * Direction is the ref already (record_id()).
 */
static void
call_id_ref(struct ia_ctx *x)
{
	char **norm;
	size_t i;
	int c;

	if (!x->calls || x->at[I_REF] >= 0)
		return;
	norm = crm_xcalloc(x->n ? x->n : 1, sizeof *norm);
	for (i = 0; i < x->n; i++)
		norm[i] = crm_norm_header(x->names[i]);
	if ((c = field_col(x, norm, call_ids)) >= 0) {
		take_col(x, c, I_REF);
		x->record_ref = 1;
	}
	crm_free_list(norm, x->n);
}

/*
 * Read the columns of another CRM's activities (act_file()): the
 * activity's time, owner, text, type, and the columns that say whether
 * it took place, and its deal.  Nothing --map named is changed.
 */
static void
act_columns(struct ia_ctx *x)
{
	char **norm;
	size_t i, k;
	int c;

	x->ndone = 0;
	norm = crm_xcalloc(x->n ? x->n : 1, sizeof *norm);
	for (i = 0; i < x->n; i++) {
		norm[i] = crm_norm_header(x->names[i]);
		x->phone_log |= strcmp(norm[i], "direction") == 0 ||
		    strcmp(norm[i], "calldirection") == 0;
		x->event_file |= strcmp(norm[i], "startdatetime") == 0 ||
		    strcmp(norm[i], "activitydatetime") == 0;
	}
	/* Pipedrive's Activity - Type is its kind column: no --kind */
	if (!(x->act = act_file(x) || (!x->defaults->kind && !x->sys &&
	    !x->tickets && x->at[I_KIND] < 0 && x->at[I_AMOUNT] < 0 &&
	    x->at[I_PRICE] < 0 && x->at[I_LINE] < 0 &&
	    field_col(x, norm, act_types) >= 0))) {
		crm_free_list(norm, x->n);
		return;
	}
	x->phone_log |= x->call_dir >= 0;
	act_time(x, norm);
	act_summary(x, norm);
	if (x->at[I_OWNER] < 0 && (c = field_col(x, norm, act_owners)) >= 0) {
		take_col(x, c, I_OWNER);
		x->owner_id = strcmp(norm[c], "ownerid") == 0;
	}
	if (x->at[I_KIND] < 0 && x->at[I_KIND_WORD] < 0 &&
	    (c = field_col(x, norm, act_types)) >= 0)
		take_col(x, c, I_KIND);
	for (k = 0; k < NELEM(done_heads) && x->ndone < 4; k++)
		for (i = 0; i < x->n && x->ndone < 4; i++)
			if (strcmp(norm[i], done_heads[k].head) == 0 &&
			    (x->cols[i].to == I_FIELD ||
			    x->cols[i].to == I_STATUS) && !mapped_name(x, i)) {
				x->done_col[x->ndone] = (int)i;
				x->done_how[x->ndone++] = done_heads[k].how;
			}
	/* the activity's own id is its ref: found again by it (keyed());
	 * Pipedrive's Activity - ID, kept as a field, is (a bare id is
	 * another's: record_id()) */
	if (x->at[I_REF] < 0 && (c = field_col(x, norm, act_ids + 1)) >= 0)
		take_col(x, c, I_REF);
	if ((c = x->at[I_REF]) >= 0)
		x->record_ref = has_head(norm[c], act_ids);
	act_deal_cols(x, norm);
	crm_free_list(norm, x->n);
}

/*
 * The kind an activity's type says where crm's kinds have no such word
 * (crm_kind_word() reads Call, Email, Meeting, Note): a task, a to-do,
 * a deadline or Salesforce's Other that was done is a note of it;
 * Pipedrive's Lunch a meeting.  NULL for none.
 */
static const char *
act_type(const char *v)
{
	static const struct {
		const char *word, *kind;
	} types[] = {
		{ "task", "note" }, { "to-do", "note" }, { "todo", "note" },
		{ "to do", "note" }, { "deadline", "note" },
		{ "other", "note" }, { "lunch", "meeting" },
		{ "breakfast", "meeting" }, { "dinner", "meeting" },
		{ "event", "meeting" }, { "appointment", "meeting" },
	};
	size_t i;

	v = crm_trim((char *)v);
	for (i = 0; i < NELEM(types); i++)
		if (strcasecmp(v, types[i].word) == 0)
			return types[i].kind;
	return NULL;
}

/*
 * A status word that says the activity has not taken place yet (an
 * open task, a planned call, an e-mail not sent: crm_task_state()'s
 * table, which crm-remind import reads too): SK_OPEN; one that says it
 * never will (Zoho's Cancelled, vtiger's Not Held, a booking's no-show):
 * SK_NOT_HELD; else -1.  A phone system's log (a Direction column) keeps
 * its canceled and no-answer calls as tries (missed_call()).
 */
static int
act_status(const struct ia_ctx *x, const char *v)
{
	switch (crm_task_state(v)) {
	case CRM_TASK_OPEN:
		return x->phone_log ? -1 : SK_OPEN;
	case CRM_TASK_NOT_HELD:
		return x->phone_log ? -1 : SK_NOT_HELD;
	default:
		return -1;
	}
}

/*
 * A yes (true, 1, yes, Done) or a no (false, 0, no; Pipedrive's To do,
 * and Undone as its import writes it): 1, 0, -1.
 */
static int
act_yes(const char *v)
{
	int r = crm_yes_no(v);

	if (r >= 0)
		return r;
	if (strcasecmp(v, "done") == 0)
		return 1;
	if (strcasecmp(v, "to do") == 0 || strcasecmp(v, "not done") == 0 ||
	    strcasecmp(v, "undone") == 0)
		return 0;
	return -1;
}

/*
 * Did the activity of this row take place?  -1 when so (or its file
 * does not say), else the reason it is skipped (SK_OPEN, SK_NOT_HELD)
 * and in *word what said so (a status, or the column and its value):
 * an open task or a planned call logged as a contact would make the
 * customer's last contact one that has not been (qa30 F1), a cancelled
 * booking a meeting that was not held (qa31 F4).
 */
static int
act_done(struct ia_ctx *x, const struct crm_rec *rec, const char *kind,
    char *word, size_t cap)
{
	const char *v;
	int k, why, yes;

	if (!x->act || !act_kind(kind))
		return -1;
	for (k = 0; k < x->ndone; k++) {
		int c = x->done_col[k];

		v = (size_t)c < rec->n ? crm_trim(rec->f[c]) : "";
		if (*v == '\0')
			continue;
		why = -1;
		switch (x->done_how[k]) {
		case DH_WORD:
			if ((why = act_status(x, v)) >= 0)
				snprintf(word, cap, "%.60s", v);
			break;
		case DH_DONE:
			if ((yes = act_yes(v)) == 0) {
				why = SK_OPEN;
				if (isdigit((unsigned char)*v) ||
				    strcasecmp(v, "false") == 0 ||
				    strcasecmp(v, "no") == 0 ||
				    strcasecmp(v, "n") == 0)
					snprintf(word, cap, "%.40s %.20s",
					    x->names[c], v);
				else
					snprintf(word, cap, "%.60s", v);
			}
			break;
		case DH_NOT:
			if ((yes = act_yes(v)) == 1) {
				why = SK_NOT_HELD;
				snprintf(word, cap, "%.60s", x->names[c]);
			}
			break;
		}
		if (why >= 0)
			return why;
	}
	return -1;
}

/*
 * Does a column of the row say the activity was done (a done yes, a
 * status Completed or Held)?  Then a time after now is not a plan.
 */
static int
act_said_done(const struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *v;
	int k;

	for (k = 0; k < x->ndone; k++) {
		int c = x->done_col[k];

		v = (size_t)c < rec->n ? crm_trim(rec->f[c]) : "";
		if (x->done_how[k] == DH_DONE && act_yes(v) == 1)
			return 1;
		if (x->done_how[k] == DH_WORD &&
		    crm_task_state(v) == CRM_TASK_DONE)
			return 1;
	}
	return 0;
}

/*
 * Is the row's activity an event not held yet: a Salesforce event (its
 * StartDateTime or ActivityDateTime column) that starts after now, that
 * no column says was done?  Event.csv holds the planned meetings beside
 * the held ones, and nothing else says which (qa35 F2): logged, it
 * would be a contact that has not been; crm-remind import takes it.
 * Only an event file: a task's date is when it was due, not held.
 */
static int
act_ahead(const struct ia_ctx *x, const struct crm_rec *rec,
    const struct crm_ia *ia)
{
	time_t t;

	if (!x->act || !x->event_file || !act_kind(ia->kind) || ia->at ==
	    NULL || x->phone_log)
		return 0;
	return crm_parse_when(ia->at, &t) == 0 && t > crm_now() &&
	    !act_said_done(x, rec);
}

/*
 * A summary written in HTML (HubSpot's Call notes and Note body,
 * Pipedrive's Note - Content, Close's note: "<p>Discussed
 * <strong>renewal</strong>.</p>") is stored as its text, so that the
 * timeline reads it and a search for "strong" finds no tag (qa30 F8);
 * the HTML is kept as an extra field, "COLUMN (HTML)".  Said once
 * (say_html()).
 */
static void
html_summary(struct ia_ctx *x, struct crm_ia *ia)
{
	int c = x->at[I_SUMMARY] >= 0 ? x->at[I_SUMMARY] : x->at[I_TITLE];

	if (c < 0)
		return;
	if (x->html_key == NULL)
		x->html_key = crm_xasprintf("%s (HTML)", x->names[c]);
	add_field(ia, x->html_key, ia->summary);
	ia->summary = crm_html_to_text(&x->html, ia->summary);
	if (*ia->summary == '\0')
		ia->summary = NULL;
	x->html_n++;
}

/* The summaries html_summary() stored as text, said once. */
static void
say_html(const struct ia_ctx *x)
{
	char num[32];

	if (x->html_n)
		fprintf(stderr, "%s: %s: %s summar%s written in HTML stored as "
		    "text (tags out, entities decoded), the HTML kept as the "
		    "extra field %s\n", crm_prog, crm_rd_name(x->rd),
		    crm_fmt_count(x->html_n, num), x->html_n == 1 ? "y" : "ies",
		    x->html_key);
}

/*
 * An owner column that may hold ids (Salesforce's OWNERID, 0055g0...):
 * a name or an address is the owner; an id, a word of letters and
 * digits alone, is kept as the field it was, so the owner is no id.
 */
static void
act_owner(const struct ia_ctx *x, struct crm_ia *ia)
{
	const char *v = ia->owner;

	if (!x->owner_id || v == NULL || strchr(v, ' ') || strchr(v, '@'))
		return;
	for (; *v; v++)
		if (isdigit((unsigned char)*v))
			break;
	if (*v == '\0')
		return;	/* no digit: a name (jsmith) */
	add_field(ia, x->names[x->at[I_OWNER]], ia->owner);
	ia->owner = NULL;
}

/*
 * The kind of a file's rows when neither a column nor --kind says: a
 * call log's calls (call_log()), an
 * invoice list's invoices, an order export's purchases, and a review
 * export's (a rating column, no amount: Trustpilot, Judge.me, Yotpo)
 * and a Net Promoter survey's feedback.  NULL when the file does not say.
 */
static const char *
implied_kind(const struct ia_ctx *x)
{
	if (x->calls)
		return "call";
	if (x->sys || x->at[I_STATUS] >= 0)
		return x->sys && (x->sys->flags & S_INVOICES) ? "invoice" :
		    "purchase";
	if ((x->at[I_RATING] >= 0 || x->at[I_NPS] >= 0) &&
	    x->at[I_AMOUNT] < 0 && !x->tickets)
		return "feedback";
	return NULL;
}

/*
 * One row, its order's values carried: 0 logged or skipped, 1 refused
 * with *why, -1 failed (the error recorded).
 */
static int
import_line(struct ia_ctx *x, const struct crm_rec *rec, char **why)
{
	struct crm_ia ia = *x->defaults;
	struct row r = { .state = ST_PAID, .type = TY_PAYMENT };
	char at[CRM_TIME_LEN], *sc, missed[80], word[80];
	const char *err = NULL, *v, *codes;
	size_t i;
	int col = -1, rc, goods, taxed;

	ia.scores = NULL, ia.nscores = 0, ia.fields = NULL, ia.nfields = 0;
	ia.item = x->order.item;
	/* as its code: "kr" in a SEK database is SEK, for "120 kr" */
	if ((r.currency = val(x, rec, I_CURRENCY)) != NULL &&
	    (v = crm_money_cell(r.currency, crm_currency_known(x->db,
	    &x->currency), &codes)) != NULL)
		r.currency = v;
	r.home = crm_currency_known(x->db, &x->currency);
	r.rd = x->rd, r.at_line = rec->line;
	if (ia.kind == NULL)
		ia.kind = implied_kind(x);
	if (x->at[I_KIND] >= 0 && text_message(x, val(x, rec, I_KIND))) {
		skipped(x, SK_TEXT, val(x, rec, I_KIND));
		return 0;
	}
	if (totals_row(x, rec)) {
		totals_skipped(x, rec);
		return 0;
	}
	if ((err = sum_row(x, rec, &col)) != NULL) {
		*why = crm_import_reason(err, x->names, col);
		return 1;
	}
	x->look_rows++;	/* a row, not a footer: the date hint's count */
	for (i = 0; i < x->defaults->nscores; i++) {	/* --score */
		sc = crm_xasprintf("%s=%d", x->defaults->scores[i].indicator,
		    x->defaults->scores[i].score);
		crm_ia_score(&ia, sc);
		free(sc);
	}
	for (i = 0; i < x->n && err == NULL; i++) {
		int t = x->cols[i].to;

		if (t == I_SCORE) {
			if (i >= rec->n || *(v = crm_trim(rec->f[i])) == '\0')
				continue;
		} else if (t >= I_KEY || t == I_AT || t == I_CLOCK ||
		    t == I_ZONE || t == I_NAME || t == I_NAME2 ||
		    t == I_FIRST || t == I_LAST ||
		    t == I_PHONE || t == I_PAYEE || t == I_COMPANY ||
		    (int)i != x->at[t] ||
		    (v = val(x, rec, t)) == NULL) {
			continue;
		}
		col = (int)i;
		err = put_value(x, i, v, &ia, &r);
	}
	if (err == NULL && ia.ref == NULL && (v = val(x, rec, I_REF_ALT))) {
		if ((err = crm_excel_hint(v)) != NULL)
			col = x->at[I_REF_ALT];
		ia.ref = v;	/* no order number: the order's id */
	}
	if (err == NULL && (rc = act_done(x, rec, ia.kind, word,
	    sizeof word)) >= 0) {
		skipped(x, rc, word);	/* not a contact that took place */
		free(ia.fields);
		crm_ia_free(&ia);
		return 0;
	}
	if (err == NULL)
		act_owner(x, &ia);
	if (err == NULL && ia.has_nps && x->at[I_NPS] >= 0 && ia.kind &&
	    strcmp(ia.kind, "feedback") != 0) {
		/* a survey's answer is feedback's; on a call or a ticket
		 * the cell stays what it came as */
		ia.has_nps = 0;
		add_field(&ia, x->names[x->at[I_NPS]], val(x, rec, I_NPS));
	}
	if (err == NULL)
		title_summary(x, rec, &ia);
	if (err == NULL && ia.summary && crm_html_cell(ia.summary))
		html_summary(x, &ia);
	if (err == NULL)
		missed_call(&ia, &r, call_untalked(x, rec), missed,
		    sizeof missed);
	if (err == NULL)
		err = twin_cells(x, rec, &col);
	if (err == NULL)
		err = excel_key(x, rec, &col);
	if (err == NULL)
		err = row_state(x, &ia, &r, &col);
	if (err == NULL)
		err = inv_status(x, &ia, &r, &col);
	if (err == NULL)
		lost_dispute(&ia, &r);
	if (err == NULL && (err = row_time(x, rec, &ia, at, &col)) == NULL)
		col = -1;
	if (err) {
		*why = crm_import_reason(err, x->names, col);
		crm_ia_free(&ia);
		return 1;
	}
	if (act_ahead(x, rec, &ia)) {
		skipped(x, SK_NOT_YET, NULL);
		free(ia.fields);
		crm_ia_free(&ia);
		return 0;
	}
	if (ia.kind && strcmp(ia.kind, "invoice") == 0 && x->sys &&
	    (x->sys->flags & S_INVOICES) && r.type == TY_OTHER && (v =
	    val(x, rec, I_TYPE)) && (strcasestr(v, "credit note") ||
	    strcasecmp(v, "credit memo") == 0) && !(r.status &&
	    (unsent(r.status) || paid_word(r.status)))) {
		rc = credit_row(x, rec, &ia, &r, why);
		crm_ia_free(&ia);
		return rc;
	}
	if (r.credit) {		/* a credit note named by the kind column */
		rc = 0;
		if (r.status && (unsent(r.status) || paid_word(r.status)))
			skipped(x, SK_INVOICE, r.doc);	/* applied, or void */
		else
			rc = credit_row(x, rec, &ia, &r, why);
		crm_ia_free(&ia);
		return rc;
	}
	if (ia.kind && strcmp(ia.kind, "invoice") == 0 && x->sys &&
	    (x->sys->flags & S_PAY_ROWS) && (v = val(x, rec, I_TYPE)) &&
	    strcasecmp(v, "payment") == 0) {
		rc = pay_row(x, rec, &ia, &r, why);
		crm_ia_free(&ia);
		return rc;
	}
	if (ia.kind && strcmp(ia.kind, "invoice") == 0 && (r.type ==
	    TY_OTHER || (r.status && unsent(r.status)))) {
		skipped(x, SK_INVOICE, r.type != TY_OTHER ? r.status : r.doc ?
		    r.doc : val(x, rec, I_TYPE));
		crm_ia_free(&ia);
		return 0;
	}
	if (x->sys && (x->sys->flags & S_REFUND_ROWS) && r.type ==
	    TY_PAYMENT && ia.has_amount && ia.amount < 0)
		r.type = TY_OTHER;	/* a payment we made, not one to us */
	if (r.unposted)
		r.type = TY_OTHER;	/* in no books: an estimate */
	if (r.state == ST_NOT_PAID && ia.item <= 1)
		purchase_stands(x, &ia, v = r.cancelled ? "cancelled" : r.status);
	if (r.state == ST_NOT_PAID || r.type == TY_OTHER || r.type ==
	    TY_PART) {
		v = r.cancelled ? "cancelled" : r.type != TY_PAYMENT ?
		    val(x, rec, I_TYPE) : r.status;
		/* a register's Receipt, QuickBooks' Payment are the
		 * customer's payment: "not a purchase" (SK_STATUS), not "not
		 * a customer's payment" */
		skipped(x, r.type == TY_PART ? SK_PART : (r.type == TY_OTHER &&
		    !(x->sys && (x->sys->flags & (S_VOUCHERS | S_GROUPED)))) ||
		    (x->sys && (x->sys->flags & S_PAYMENTS)) ? SK_TYPE :
		    SK_STATUS, v);
		crm_ia_free(&ia);
		return 0;
	}
	if (ia.has_amount)	/* eBay's collected tax, never the seller's */
		ia.amount -= r.mkt_tax;
	refund_ex_tax(x, rec, &ia, &r);
	goods_paid(&ia, &r);
	taxed = goods_ex_tax(&ia, &r);
	if (x->fx.use && ia.has_amount)
		fx_convert(x->fx.use, &ia);
	else if ((v = val(x, rec, I_CURRENCY)) && (err = row_currency(x, v))) {
		*why = crm_import_reason(err, x->names, x->at[I_CURRENCY]);
		crm_ia_free(&ia);
		return 1;
	}
	if (!x->fx.use && (err = amount_currency(x, rec, &col))) {
		*why = crm_import_reason(err, x->names, col);
		crm_ia_free(&ia);
		return 1;
	}
	goods = strcmp(ia.kind ? ia.kind : "", "purchase") == 0 &&
	    line_amount(&ia, &r);
	if (goods && x->at[I_ORDER_DISCOUNT] >= 0)
		order_discount(x, &ia, &r);
	else if (x->goods_less && r.has_coupon && ia.has_amount)
		ia.amount -= r.coupon < ia.amount ? r.coupon : ia.amount;
	if (x->at[I_PART_REFUND] >= 0)
		square_refund(x, &ia, &r);
	if (strcmp(ia.kind ? ia.kind : "", "invoice") == 0 && !ia.has_amount &&
	    r.has_open)	/* an open balance alone: what is owed */
		ia.amount = r.open, ia.has_amount = 1, r.has_open = 0;
	if (strcmp(ia.kind ? ia.kind : "", "invoice") == 0 && x->sys &&
	    (x->sys->flags & (S_INVOICE_LINES | S_INVOICE_REPEAT)) && ia.ref) {
		if (x->inv_ref && strcmp(x->inv_ref, ia.ref) == 0) {
			skipped(x, (x->sys->flags & S_INVOICE_LINES) ?
			    SK_INVLINE : SK_INVREPEAT, NULL);
			crm_ia_free(&ia);
			return 0;	/* summed into its first line's, or
					 * its total is the first's */
		}
		free(x->inv_ref);
		x->inv_ref = crm_xstrdup(ia.ref);
		if ((x->sys->flags & S_INVOICE_LINES) &&
		    (err = inv_lines(x, &ia, &r, &col))) {
			*why = crm_import_reason(err, x->names, col);
			crm_ia_free(&ia);
			return 1;
		}
	}
	paid_status(&ia, &r);
	if (ia.at == NULL)
		ia.at = crm_now_str(), ia.at_now = x->at[I_AT] >= 0 ?
		    CRM_AT_EMPTY : 1;
	row_fields(x, rec, &ia);
	if ((x->fx.use && ia.has_amount) || ((goods || taxed) && val(x, rec,
	    I_AMOUNT)))
		add_field(&ia, x->names[x->at[I_AMOUNT]], val(x, rec,
		    I_AMOUNT));	/* the amount as paid, or the order's total */
	if ((*why = complaint_resolved(x, &ia, &r))) {
		crm_ia_free(&ia);
		free(ia.fields);
		return 1;
	}
	rc = log_row(x, rec, &ia, &r, why);
	x->resolved = NULL;
	if (rc == 0 && crm_ia_money_ahead(&ia, x->ahead) && x->future++ == 0)
		x->future_line = x->line;
	free(ia.fields);
	crm_ia_free(&ia);
	return rc;
}

/*
 * A report's footer under its rows, as crm-add skips it (crm_footer_line:
 * "Grand Totals (5 records)", "Confidential Information - Do Not
 * Distribute", "Generated By: ...", eBay's "2,record(s) downloaded,..."
 * and "Seller ID : ..."), when it names no customer (but eBay's trailer
 * and Salesforce's lines always, whatever the column they fill) and its
 * first cell is not an amount of the amount column:
 * SK_FOOTER + 1, or -1 for a totals line, skipped and counted here.  A
 * row with a customer or an amount is read as a row, and refused if it
 * is bad.  0 when it is not one.
 */
static int
footer_row(struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *word, *prefix;
	int f = crm_footer_line(rec, &word, &x->im->footer_seen);

	if (f == 0)
		return 0;
	if (f == 1 && x->has_key && key_used(&x->kc, rec, &prefix) != NULL)
		return 0;
	if (x->at[I_AMOUNT] == 0 && crm_is_amount(rec->f[0]))
		return 0;
	if (!crm_totals_line(rec, &word))
		return SK_FOOTER + 1;
	totals_skipped(x, rec);
	return -1;	/* said */
}

/*
 * A grouped report's row of a customer's name alone (QuickBooks' "Mike
 * Sanderson,,,,"): the customer of the rows below it, remembered.  Not
 * a totals line ("Total for Mike Sanderson,,,$2,651.00", TOTAL), whose
 * amount is in another cell.
 */
static int
group_row(struct ia_ctx *x, const struct crm_rec *rec)
{
	size_t i;

	if (rec->n == 0 || *crm_trim(rec->f[0]) == '\0')
		return 0;
	for (i = 1; i < rec->n; i++)
		if (*crm_trim(rec->f[i]) != '\0')
			return 0;
	free(x->group);
	x->group = crm_xstrdup(crm_trim(rec->f[0]));
	return 1;
}

/*
 * A grouped report's row under its customer's row, its first cell
 * empty: its cells with the customer's name in that one (malloc'd
 * array, the strings the record's and x->group), or NULL.
 */
static char **
in_group(const struct ia_ctx *x, const struct crm_rec *rec)
{
	char **f;

	if (x->group == NULL || rec->n == 0 || *crm_trim(rec->f[0]) != '\0')
		return NULL;
	f = crm_xreallocarray(NULL, rec->n, sizeof *f);
	memcpy(f, rec->f, rec->n * sizeof *f);
	f[0] = x->group;
	return f;
}

/*
 * One interaction row: 0 logged, already there or skipped; 1 refused, -1
 * failed (as import_line).
 */
/*
 * Does an amount column's header name an order's total (Total, Order
 * Total, Grand Total), not a line's (Amount, Line Total, Item Total,
 * Subtotal)?  2 when it can only be the order's (Order Total, Grand
 * Total, Order Amount), 1 when it may be either's (Total).
 */
static int
order_total_header(const char *name)
{
	char *h = crm_norm_header(name);
	int yes = (strstr(h, "total") || strncmp(h, "order", 5) == 0) &&
	    !strstr(h, "line") && !strstr(h, "item") && !strstr(h, "sub");

	if (yes && (strncmp(h, "order", 5) == 0 || strstr(h, "grand")))
		yes = 2;
	free(h);
	return yes;
}

/*
 * The header the amount column is read as: --map's word for it, else
 * its own (--map Total=amount says each row's Total is its line's,
 * --map 'Total=Order Total' that it is the order's on each row).
 */
static int
amount_total_header(const struct ia_ctx *x)
{
	char *h = crm_norm_header(x->names[x->at[I_AMOUNT]]);
	const char *m = crm_import_mapped(h, x->im->maps, x->im->nmaps);
	int r = order_total_header(m ? m : x->names[x->at[I_AMOUNT]]);

	free(h);
	return r;
}

/* Is a column's cell the order's, on each of its rows, not the item's? */
static int
order_cell(int t)
{
	switch (t) {
	case I_PRODUCT: case I_QTY: case I_PRICE: case I_LINE: case I_DISCOUNT:
	case I_ITEM: case I_QTY_NET: case I_LINE_NET: case I_FIELD:
	case I_SCORE: case I_SKIP: case I_SECRET: case I_LINE_ID:
	case I_PRODUCTS:
		return 0;
	}
	return 1;
}

/*
 * Are rows of one order number the items of one order, its total on
 * each: a file crm knows no system of (or Wix's), with an order's total
 * and no line's amount or number?  Its header says; og_decide() then
 * asks its rows whether they are lines after all.
 */
static int
order_rows(struct ia_ctx *x)
{
	if (x->og_rows == 0)	/* the header's: once, not a row's cost */
		x->og_rows = (x->sys == NULL || (x->sys->flags &
		    S_ORDER_ROWS)) && x->at[I_REF] >= 0 &&
		    x->at[I_AMOUNT] >= 0 && x->at[I_LINE] < 0 &&
		    x->at[I_PRICE] < 0 && x->at[I_ITEM] < 0 && !x->act &&
		    !x->calls && !x->tickets && !x->record_ref &&
		    amount_total_header(x) ? 1 : -1;
	return x->og_rows > 0;
}

/* A record's cell i, trimmed ("" past its end). */
static const char *
og_rec_cell(const struct crm_rec *rec, size_t i)
{
	return i < rec->n ? crm_trim(rec->f[i]) : "";
}

/*
 * Do two rows of one order number say one order (their cells of the
 * order's but the amount the same, where both give one)?  *goods: 1
 * when a product or quantity cell differs (two lines, not a repeat).
 */
static int
og_one_order(const struct ia_ctx *x, const struct crm_rec *a,
    const struct crm_rec *b, int *goods)
{
	const char *u, *v;
	size_t i;
	int t;

	*goods = 0;
	for (i = 0; i < x->n; i++) {
		u = og_rec_cell(a, i), v = og_rec_cell(b, i);
		if (*u == '\0' || *v == '\0' || strcmp(u, v) == 0)
			continue;
		t = x->cols[i].to;
		if (t == I_PRODUCT || t == I_QTY)
			*goods = 1;
		else if ((int)i != x->at[I_AMOUNT] && order_cell(t))
			return 0;	/* another buyer, time, state: a sale */
	}
	return 1;
}

/*
 * Whose is the Total of a file of rows of orders (order_rows) whose
 * header does not say: asked of the whole file, before a row is taken,
 * not of its first order.  Two rows of one order (the same buyer, time
 * and state) with two Totals are two lines: every row is its line's
 * (x->og_lines), as soon as one order shows it.  Else rows of one
 * Total and different products or quantities lean to lines, and are
 * read so, loudly, with the --map that says otherwise; rows of one
 * Total and the same goods are one order (same_order() says so as it
 * skips them, with the --map that says otherwise).  The rows looked at
 * are kept for the import (crm_rd_peek): a file proven early is not
 * read through, and at most OG_LOOK rows are asked, so that the import
 * stays in constant memory (at 300,000 rows the whole file held took
 * 26 MB more); past them a file that showed nothing is one order's.
 */
#define OG_LOOK	10000

static void
og_decide(struct ia_ctx *x)
{
	const struct crm_rec *rec, *first;
	size_t k, k0 = 0, r;
	long goods_line = 0;
	char *goods_ref = NULL;
	const char *ref;
	int goods, open = 0;

	if (!order_rows(x))
		return;
	x->og_sure = x->sys != NULL || amount_total_header(x) == 2;
	if (x->og_sure)
		return;
	r = (size_t)x->at[I_REF];
	for (k = 0; k < OG_LOOK && (rec = crm_rd_peek(x->rd, k)); k++) {
		if (crm_rec_blank(rec))
			continue;
		ref = og_rec_cell(rec, r);
		/* k0 < k: kept already, rec stays where it is */
		first = open ? crm_rd_peek(x->rd, k0) : NULL;
		if (first == NULL || *ref == '\0' ||
		    strcmp(ref, og_rec_cell(first, r)) != 0) {
			k0 = k, open = *ref != '\0';
			continue;
		}
		if (!og_one_order(x, first, rec, &goods))
			continue;
		if (strcmp(og_rec_cell(first, (size_t)x->at[I_AMOUNT]),
		    og_rec_cell(rec, (size_t)x->at[I_AMOUNT])) != 0 &&
		    *og_rec_cell(rec, (size_t)x->at[I_AMOUNT])) {
			x->og_lines = 1;	/* proven: said by no one */
			free(goods_ref);
			return;
		}
		if (goods && goods_ref == NULL)
			goods_line = rec->line, goods_ref = crm_xstrdup(ref);
	}
	if (goods_ref == NULL)
		return;
	x->og_lines = 1;
	fprintf(stderr, "%s: %s:%ld: the rows of %s %s have one %s and "
	    "other goods, and no order's %s differs from row to row: each "
	    "row's %s read as its own line's, every row a sale; if it is the "
	    "order's total on each of its rows, %s %s counts it once an "
	    "order\n", crm_prog, crm_rd_name(x->rd), goods_line,
	    x->names[r], goods_ref, x->names[x->at[I_AMOUNT]],
	    x->names[x->at[I_AMOUNT]], x->names[x->at[I_AMOUNT]],
	    crm_optname("map"), crm_map_word(x->names[x->at[I_AMOUNT]],
	    "Order Total"));
	free(goods_ref);
}

/* The first row's cell i of the order being read ("" past its end). */
static const char *
og_cell(const struct ia_ctx *x, size_t i)
{
	return i < x->og_n ? x->og_cells.s + x->og_at[i] : "";
}

/*
 * Keep a row as its order's first: its cells in one buffer, used again
 * from row to row (a row's copy is no allocation once it has grown).
 */
static void
og_keep(struct ia_ctx *x, const struct crm_rec *rec)
{
	size_t i, n = rec->n < x->n ? rec->n : x->n;

	if (x->og_at == NULL)
		x->og_at = crm_xcalloc(x->n ? x->n : 1, sizeof *x->og_at);
	x->og_cells.len = 0;
	for (i = 0; i < n; i++) {
		x->og_at[i] = x->og_cells.len;
		crm_buf_adds(&x->og_cells, crm_trim(rec->f[i]));
		crm_buf_addc(&x->og_cells, '\0');
	}
	x->og_n = n;
}

/*
 * A row of the order the row above began (the same order number): its
 * empty cells of the order's columns take the first row's (*f, a new
 * list, when one did: Wix leaves them empty on an order's later rows);
 * then, when all of them are the first row's (the same total, buyer,
 * time and state), it is another item of that order, which the first
 * row logged whole: 1, to skip it.  A row of another total is a sale of
 * its own (a refund row, a second payment).
 */
static int
same_order(struct ia_ctx *x, const struct crm_rec *rec, char ***f)
{
	const char *ref, *v;
	size_t i, r = (size_t)x->at[I_REF];
	int same = 1;

	*f = NULL;
	if (!order_rows(x))
		return 0;
	ref = r < rec->n ? crm_trim(rec->f[r]) : "";
	if (*ref == '\0' || r >= x->og_n || strcmp(ref, og_cell(x, r)) != 0) {
		og_keep(x, rec);
		return 0;
	}
	*f = crm_xcalloc(rec->n ? rec->n : 1, sizeof **f);
	for (i = 0; i < rec->n; i++) {
		(*f)[i] = rec->f[i];
		if (i >= x->n || !order_cell(x->cols[i].to))
			continue;
		v = crm_trim(rec->f[i]);
		if (*v == '\0' && *og_cell(x, i))
			(*f)[i] = (char *)og_cell(x, i);
		else if (strcmp(v, og_cell(x, i)) != 0)
			same = 0;
	}
	for (; i < x->n; i++)	/* a short row: its missing cells empty */
		if (order_cell(x->cols[i].to) && *og_cell(x, i))
			same = 0;
	if (x->og_lines)	/* og_decide(): every row its line's */
		return 0;
	if (same)
		skipped(x, SK_ORDER_LINE, ref);
	return same;
}

static int
import_ia_row(struct ia_ctx *x, const struct crm_rec *line, char **why)
{
	struct crm_rec carried = *line, grouped = *line;
	char **f, **g = NULL;
	int rc;

	if (crm_rec_blank(line))
		return 0;
	if (x->sys && (x->sys->flags & S_GROUPED)) {
		if (x->group_end) {	/* "Accrual basis Sunday, ..." */
			skipped(x, SK_FOOTER, NULL);
			return 0;
		}
		/* the report's TOTAL, skipped below: its last row */
		x->group_end = line->n > 0 &&
		    strcasecmp(crm_trim(line->f[0]), "total") == 0;
		if (group_row(x, line))
			return 0;
		if (line->n > 0 && strncasecmp(crm_trim(line->f[0]),
		    "total for ", 10) == 0) {	/* the group's subtotal */
			skipped(x, SK_SUBTOTALS, "Total for ...");
			return 0;
		}
		if ((g = in_group(x, line)) != NULL) {
			grouped.f = g;
			carried = grouped;
			line = &grouped;
		}
	}
	if ((rc = footer_row(x, line)) != 0) {
		if (rc > 0)
			skipped(x, rc - 1, NULL);
		return 0;
	}
	if (!totals_row(x, line))
		tot_add(x, line);	/* for the file's own sum below */
	follow_order(x, line);
	if ((f = carry(x, line)) == NULL && same_order(x, line, &f)) {
		free(f);
		free(g);
		return 0;	/* an item of the order above: logged */
	}
	if (f)
		carried.f = f;
	rc = import_line(x, &carried, why);
	free(f);
	free(g);
	return rc;
}

/* The pair of conversions of the payment ref, made when make says. */
static struct fx_pair *
fx_pair(struct fx *fx, const char *ref, int make)
{
	struct fx_pair *p;
	size_t i;

	if (ref == NULL || strlen(ref) >= sizeof fx->recent[0].ref)
		return NULL;
	for (i = 0; i < FX_RECENT; i++)
		if (strcmp(fx->recent[i].ref, ref) == 0)
			return &fx->recent[i];
	if (!make)
		return NULL;
	p = &fx->recent[fx->next++ % FX_RECENT];
	memset(p, 0, sizeof *p);
	snprintf(p->ref, sizeof p->ref, "%s", ref);
	return p;
}

/* The pair of payment ref, in currency code, when both halves are
 * there, or NULL. */
static const struct fx_pair *
fx_whole(struct fx *fx, const char *ref, const char *code)
{
	const struct fx_pair *p = fx_pair(fx, ref, 0);

	return p && p->has_home && p->has_away && p->away && code &&
	    strcasecmp(p->away_code, code) == 0 ? p : NULL;
}

static const char *
fx_ref(const struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *v = (size_t)x->fx.col < rec->n ? crm_trim(rec->f[x->fx.col])
	    : "";

	return *v ? v : NULL;
}

/* A conversion row, kept as its payment's half of the pair. */
static int
fx_note(struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *type = val(x, rec, I_TYPE), *cur = val(x, rec,
	    I_CURRENCY), *gross = val(x, rec, I_AMOUNT), *home;
	struct fx_pair *p;
	long long a;

	if (type == NULL || !(strcasestr(type, "conversion") ||
	    strcasestr(type, "umrechnung")))
		return 0;
	home = crm_currency_known(x->db, &x->currency);
	if (cur && gross && home && crm_parse_money(gross, &a) == 0 &&
	    (p = fx_pair(&x->fx, fx_ref(x, rec), 1)) != NULL) {
		a = a < 0 ? -a : a;
		if (strcasecmp(cur, home) == 0)
			p->home = a, p->has_home = 1;
		else {
			p->away = a, p->has_away = 1;
			snprintf(p->away_code, sizeof p->away_code, "%s", cur);
		}
	}
	return 1;
}

/*
 * The payment held back, logged now: in the database's currency when
 * its conversions came, else refused as any row in another currency (at
 * its own line).  0, or -1 with the error recorded.
 */
static int
fx_settle(struct ia_ctx *x)
{
	struct crm_rec *h = &x->fx.held;
	long line = x->line;
	char *why = NULL;
	int r;

	if (!x->fx.holding)
		return 0;
	x->fx.holding = 0;
	x->fx.use = fx_whole(&x->fx, val(x, h, I_REF), val(x, h,
	    I_CURRENCY));
	x->line = h->line;
	r = import_ia_row(x, h, &why);
	x->fx.use = NULL;
	x->line = line;
	if (r > 0 && crm_db_failed(x->db))
		free(why);
	else if (r > 0)
		r = crm_import_reject(x->im, x->rd, h, why);
	crm_free_list(h->f, h->n);
	h->f = NULL;
	return crm_db_failed(x->db) ? -1 : r;
}

/*
 * A row of a file with PayPal's Reference Txn ID, before it is logged:
 * a conversion is kept, and settles the payment held when it completes
 * its pair; another row settles it first.  A payment in another currency
 * than the database's is logged at once when its pair came before it,
 * else held back.  0 to log the row now, 1 held, -1 failed.
 */
static int
fx_row(struct ia_ctx *x, const struct crm_rec *rec)
{
	const char *cur = val(x, rec, I_CURRENCY), *home, *ref;
	size_t i;

	if (crm_rec_blank(rec))
		return 0;
	if (fx_note(x, rec)) {
		if (x->fx.holding && fx_whole(&x->fx, val(x, &x->fx.held,
		    I_REF), val(x, &x->fx.held, I_CURRENCY)))
			return fx_settle(x) < 0 ? -1 : 0;
		return 0;
	}
	if (fx_settle(x) < 0)
		return -1;
	home = crm_currency_known(x->db, &x->currency);
	if (cur == NULL || home == NULL || strcasecmp(cur, home) == 0 ||
	    (ref = val(x, rec, I_REF)) == NULL)
		return 0;
	if ((x->fx.use = fx_whole(&x->fx, ref, cur)) != NULL)
		return 0;
	x->fx.held.f = crm_xcalloc(rec->n + 1, sizeof *rec->f);
	for (i = 0; i < rec->n; i++)
		x->fx.held.f[i] = crm_xstrdup(rec->f[i]);
	x->fx.held.n = rec->n, x->fx.held.line = rec->line;
	x->fx.holding = 1;
	return 1;
}

/* The Reference Txn ID column of a file that has the others fx_row
 * reads, else -1. */
static int
fx_column(const struct ia_ctx *x)
{
	size_t i;
	char *h;
	int c = -1;

	if (x->at[I_CURRENCY] < 0 || x->at[I_REF] < 0 || x->at[I_TYPE] < 0 ||
	    x->at[I_AMOUNT] < 0)
		return -1;
	for (i = 0; i < x->n && c < 0; i++) {
		h = crm_norm_header(x->names[i]);
		if (strcmp(h, "referencetxnid") == 0)
			c = (int)i;
		free(h);
	}
	return c;
}

static void
audit_batch(struct crm_db *db, const char *action, const char *file, long n,
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

/*
 * Is a header a customer's running total or what she will pay, not a
 * payment (Patreon's Lifetime Amount and Pledge Amount, a Total Spent,
 * an amount to date, MRR): logged as a purchase it would be counted
 * again in every month's list (qa31 F3).
 */
static int
cumulative(const char *h)
{
	static const char *const words[] = { "lifetime", "pledge", "spent",
	    "todate", "mrr", "ltv", "cumulative", "willpay", "recurring",
	    NULL };

	return has_word(h, words);
}

/* The column most likely to hold an order's amount, for a hint. */
static const char *
amount_guess(const struct ia_ctx *x, int *totals)
{
	static const char *const best[] = { "ordertotal", "grandtotal",
	    "amount", "gross", "totalpaid", "金额", NULL };
	static const char *const good[] = { "total", "price", NULL };
	size_t i, pass;
	char *h;
	int hit;

	*totals = 0;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < x->n; i++) {
			if (x->cols[i].to != I_FIELD)
				continue;
			h = crm_norm_header(x->names[i]);
			hit = has_word(h, pass ? good : best) &&
			    strncmp(h, "sub", 3) != 0 &&
			    !crm_header_not_amount(h);
			if (hit && cumulative(h))
				hit = 0, *totals = 1;
			free(h);
			if (hit)
				return x->names[i];
		}
	return "COLUMN";
}

/* Did --map name column i? */
static int
mapped_name(const struct ia_ctx *x, size_t i)
{
	char *h = crm_norm_header(x->names[i]);
	int m = crm_import_mapped(h, x->im->maps, x->im->nmaps) != NULL;

	free(h);
	return m;
}

/*
 * A column that holds the whole time of a date column crm took (Gumroad's
 * Purchase Time (UTC timezone), "2026-04-20 23:30:00 UTC", beside its
 * Purchase Date) is the time instead; the date is kept as a field.  Not
 * when --map named either.
 */
static void
whole_time(struct ia_ctx *x)
{
	static const char *const whole[] = { "purchasetime(utctimezone)",
	    NULL };
	int d = x->at[I_AT];
	size_t i, k;
	char *h;

	if (d < 0 || x->at[I_CLOCK] >= 0 || x->at[I_AT_UTC] >= 0)
		return;
	for (i = 0; i < x->n; i++) {
		if (x->cols[i].to != I_FIELD)
			continue;
		h = crm_norm_header(x->names[i]);
		for (k = 0; whole[k] && strcmp(h, whole[k]); k++)
			;
		if (whole[k] && !crm_import_mapped(h, x->im->maps,
		    x->im->nmaps) && !mapped_name(x, (size_t)d)) {
			free(x->cols[i].field);
			x->cols[i].field = NULL;
			x->cols[i].to = I_AT, x->at[I_AT] = (int)i;
			x->cols[d].to = I_FIELD;
			x->cols[d].field = field_name(x->names, x->cols,
			    (size_t)d);
			x->date_col = d + 1;
			free(h);
			return;
		}
		free(h);
	}
}

/*
 * A file whose every row would be refused the same way is refused at its
 * header, saying what to add: no kind at all, or purchases and no
 * column with their amount.  0, or -1 with the error recorded (exit 65).
 */
static int
check_columns(const struct ia_ctx *x)
{
	const char *kind = x->defaults->kind;
	int totals;

	if (x->at[I_KIND] >= 0)
		return 0;	/* each row says */
	if (kind == NULL && x->tickets)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no kind column: a "
		    "ticket export's Type is the ticket's (Question, Incident "
		    "...): say which kind the tickets are with {kind} "
		    "complaint (or inquiry ...)", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd));
	if (kind == NULL)
		kind = implied_kind(x);
	if (kind == NULL)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no kind column: say "
		    "which with {kind}, or {map} 'COLUMN=kind'",
		    crm_rd_name(x->rd), crm_rd_header_line(x->rd));
	/* A Status column alone made it orders, and no money is in it: a
	 * report of tasks (Salesforce's Completed, Not Started) as likely
	 * (qa30 F10: refused for no amount column). */
	if (x->defaults->kind == NULL && !x->sys && !x->calls &&
	    x->at[I_STATUS] >= 0 && strcmp(kind, "purchase") == 0 &&
	    x->at[I_AMOUNT] < 0 && x->at[I_PRICE] < 0 && x->at[I_LINE] < 0 &&
	    strcmp(amount_guess(x, &totals), "COLUMN") == 0 && !totals)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no kind column: say "
		    "which kind the rows are with {kind} (call, meeting, note "
		    "...), or {map} 'COLUMN=kind'; orders need their amount "
		    "too, {map} 'COLUMN=amount'", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd));
	if ((strcmp(kind, "purchase") == 0 || strcmp(kind, "invoice") == 0 ||
	    strcmp(kind, "payment") == 0) && x->at[I_AMOUNT] < 0 &&
	    (strcmp(kind, "invoice") != 0 || x->at[I_OPEN] < 0) &&
	    x->at[I_PRICE] < 0 && x->at[I_LINE] < 0) {
		const char *guess = amount_guess(x, &totals);

		if (strcmp(guess, "COLUMN") == 0 && totals)
			return crm_fail(CRM_EX_DATAERR, "%s:%ld: no amount "
			    "column: a member or customer list holds running "
			    "totals and pledges, not payments (each would be "
			    "counted again by every month's list): crm-add "
			    "--import reads it; crm-log reads the payments "
			    "export", crm_rd_name(x->rd),
			    crm_rd_header_line(x->rd));
		if (x->at[I_QTY] >= 0 && strcasestr(guess, "price"))
			return crm_fail(CRM_EX_DATAERR, "%s:%ld: no amount "
			    "column: say which with {map} %s (a unit price, "
			    "times %s), or {map} %s for a line's total",
			    crm_rd_name(x->rd), crm_rd_header_line(x->rd),
			    crm_map_word(guess, "price"),
			    x->names[x->at[I_QTY]],
			    crm_map_word(guess, "amount"));
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: no amount column: say "
		    "which with {map} %s", crm_rd_name(x->rd),
		    crm_rd_header_line(x->rd), crm_map_word(guess, "amount"));
	}
	return 0;
}

/*
 * A header that names a number of its own (an id, a year, a postcode):
 * its small numbers are no quantity.
 */
static int
numbered(const char *norm)
{
	static const char *const words[] = { "id", "number", "#", "nr",
	    "zip", "postal", "post", "plz", "code", "year", "line", "age",
	    "rating", "score", "nummer", "numéro", "día", "day", "month",
	    "week", "hour", NULL };
	size_t n = strlen(norm);

	return has_word(norm, words) || (n >= 2 && strcmp(norm + n - 2,
	    "no") == 0);
}

/*
 * A header that names a time (started_at, Start Time, Date, timestamp):
 * its numbers may be seconds since 1970, as APIs give times (Aircall's
 * started_at); another column's (an id, a phone's digits) are not.
 */
static int
timed_header(const char *norm)
{
	static const char *const words[] = { "time", "date", "start",
	    "created", "stamp", "when", NULL };
	size_t n = strlen(norm);

	return has_word(norm, words) || (n > 2 && strcmp(norm + n - 2,
	    "at") == 0);
}

/*
 * Which of the parts a file lacks (a time, a currency, an order's state,
 * a quantity beside its product) each column crm keeps as an extra field
 * is watched for: every such column, until a cell says otherwise.
 */
static void
look_init(struct ia_ctx *x)
{
	const char *kind = x->defaults->kind;
	size_t i;
	int bits = 0;
	char *h;

	if (x->at[I_AT] < 0 && !x->defaults->at)
		bits |= LK_DATE;
	if (x->at[I_CURRENCY] < 0 && x->fx.col < 0)
		bits |= LK_CODE;
	if (x->at[I_STATUS] < 0 && x->at[I_STATE] < 0 && x->at[I_KIND] < 0 &&
	    x->at[I_KIND_WORD] < 0 && kind && strcmp(kind, "purchase") == 0)
		bits |= LK_STATE;
	if (kind == NULL)
		kind = implied_kind(x);	/* as check_columns() takes it */
	if (x->at[I_QTY] < 0 && x->at[I_PRODUCT] >= 0 && (kind == NULL ||
	    strcmp(kind, "purchase") == 0 || strcmp(kind, "return") == 0))
		bits |= LK_QTY;	/* goods: not a ticket's product */
	if (bits == 0)
		return;
	x->looks = crm_xcalloc(x->n, sizeof *x->looks);
	for (i = 0; i < x->n; i++) {
		if (x->cols[i].to != I_FIELD)
			continue;
		x->looks[i].bits = bits;
		x->looks[i].mask = ~0ULL;
		h = crm_norm_header(x->names[i]);
		if (numbered(h))
			x->looks[i].bits &= ~LK_QTY;
		if (crm_header_birth(h))	/* a buyer's, not the row's */
			x->looks[i].bits &= ~LK_DATE;
		if ((x->looks[i].bits & LK_DATE) && timed_header(h))
			x->looks[i].bits |= LK_EPOCH;
		free(h);
	}
}

/*
 * Is v a time in seconds since 1970, as an API writes it: nine or ten
 * digits, 1973 to 2286 (milliseconds, thirteen, are said otherwise).
 */
static int
epoch_cell(const char *v)
{
	size_t n = strspn(v, "0123456789");

	return v[n] == '\0' && (n == 9 || n == 10) && *v != '0';
}

/* A currency code of an unread column's cell, kept if it is new. */
static void
look_code(struct look *l, const char *v)
{
	int k;

	for (k = 0; k < l->ncodes; k++)
		if (strcmp(l->code[k], v) == 0)
			return;
	l->other |= l->ncodes > 0;
	if (l->ncodes < LK_CODES)
		memcpy(l->code[l->ncodes++], v, 4);
	else
		l->more = 1;
}

/*
 * The codes a column holds, for its note: "EUR ..." for one, "AUD and
 * NZD", "AUD, NZD and USD", or the first few and "...".
 */
static void
look_codes(const struct look *l, char *buf, size_t cap)
{
	size_t len = 0;
	int k;

	if (l->ncodes == 1) {
		snprintf(buf, cap, "%s ...", l->code[0]);
		return;
	}
	buf[0] = '\0';
	for (k = 0; k < l->ncodes && len < cap; k++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", k == 0 ?
		    "" : k == l->ncodes - 1 && !l->more ? " and " : ", ",
		    l->code[k]);
	if (l->more && len < cap)
		snprintf(buf + len, cap - len, ", ...");
}

/* A row's cells, against what their columns could be. */
static void
look_row(struct ia_ctx *x, const struct crm_rec *rec)
{
	struct look *l;
	const char *v, *code;
	size_t i;
	int st;

	for (i = 0; x->looks && i < x->n && i < rec->n; i++) {
		l = &x->looks[i];
		if (l->bits == 0 || *(v = crm_trim(rec->f[i])) == '\0')
			continue;
		if (l->n++ == 0)
			snprintf(l->first, sizeof l->first, "%s", v);
		if ((l->bits & LK_DATE) && !crm_date_like(v))
			l->bits &= ~LK_DATE;
		else if ((l->bits & LK_DATE) && l->n <= LK_DATE_LOOKS)
			l->needs |= crm_date_formats_narrow(v, &l->mask);
		if ((l->bits & LK_EPOCH) && !epoch_cell(v))
			l->bits &= ~LK_EPOCH;
		if ((l->bits & LK_CODE) && (strlen(v) != 3 ||
		    (code = crm_money_currency(v)) == NULL ||
		    strcmp(code, v) != 0))
			l->bits &= ~LK_CODE;
		else if (l->bits & LK_CODE)
			look_code(l, v);
		if (l->bits & LK_STATE) {
			st = order_state(v, x->sys);
			if (st == ST_UNKNOWN)
				l->bits &= ~LK_STATE;
			else
				l->other |= st != ST_PAID;
		}
		if ((l->bits & LK_QTY) && (strlen(v) > 3 ||
		    strspn(v, "0123456789") != strlen(v)))
			l->bits &= ~LK_QTY;
	}
}

/*
 * Said after the import, one line a column: an unread column whose cells
 * all look like the part the file lacks, with the --map that reads it.
 * Quiet when reading it would change nothing: one currency, the
 * database's; states that are all paid.
 */
/*
 * Of the unread columns every value of which is a date, the one to
 * suggest as the rows' time: the first whose name is not a later
 * event's (Trustpilot's Company Reply Date (UTC) beside Review Created
 * (UTC): qa20 F10), else the first.  Its column, or -1.
 */
static int
date_hinted(const struct ia_ctx *x)
{
	static const char *const later[] = { "reply", "replied",
	    "response", "answer", "updated", "modified", "changed", "edited",
	    "due", "paid", "shipped", "closed", "resolved", "deleted",
	    "last", "expir", NULL };
	size_t i;
	int best = -1, score, top = -1;
	char *h;

	/* A column with a date in every row before one with empty cells
	 * (Pipedrive's Activity - Marked as done time is empty for the
	 * open ones: qa30 F4), then a name that is no later event's. */
	for (i = 0; x->looks && i < x->n; i++) {
		if (x->looks[i].n == 0 ||
		    !(x->looks[i].bits & (LK_DATE | LK_EPOCH)))
			continue;
		h = crm_norm_header(x->names[i]);
		score = 2 * (x->looks[i].n >= x->look_rows) +
		    !has_word(h, later);
		free(h);
		if (score > top)
			top = score, best = (int)i;
	}
	return best;
}

/*
 * An unread column whose every value is seconds since 1970 (an API's
 * times, Aircall's started_at) would have been the rows' time: said with
 * the first value as a date, and the options that read it.
 */
static void
say_epoch(const struct ia_ctx *x, const char *name, const char *first,
    const char *undo)
{
	char when[CRM_TIME_LEN];

	crm_fmt_time((time_t)strtoll(first, NULL, 10), when);
	fprintf(stderr, "%s: %s: %s: every value is a time in seconds since "
	    "1970 (%s is %s), but the rows were logged at now (no time "
	    "column): if it is their time, %ssay %s %s %s %%s\n", crm_prog,
	    crm_rd_name(x->rd), name, first, when, undo, crm_optname("map"),
	    crm_map_word(name, "at"), crm_optname("date-format"));
}

static void
look_say(struct ia_ctx *x)
{
	const char *known, *name, *undo;
	char codes[LK_CODES * 5 + 8];
	struct look *l;
	size_t i;
	int date;

	/* crm undo is SQLite's own (undo.c) */
	undo = strcmp(crm_db_engine(x->db), "sqlite") == 0 ? "crm undo, then " :
	    "";
	date = date_hinted(x);
	for (i = 0; x->looks && i < x->n; i++) {
		l = &x->looks[i];
		name = x->names[i];
		if (l->n == 0)
			continue;
		known = (l->bits & LK_CODE) ? crm_currency_known(x->db,
		    &x->currency) : NULL;
		if ((l->bits & (LK_DATE | LK_EPOCH)) && (int)i != date)
			continue;	/* one time to suggest */
		if (l->bits & LK_EPOCH)
			say_epoch(x, name, l->first, undo);
		else if ((l->bits & LK_DATE) && l->needs &&
		    *crm_date_formats_say(l->mask) == '\0')
			fprintf(stderr, "%s: %s: %s: every value looks like a "
			    "date, but the rows were logged at now (no time "
			    "column): crm reads none as written, with no "
			    "%s either (a zone it does not know? a UTC offset "
			    "such as GMT+2 is read)\n", crm_prog,
			    crm_rd_name(x->rd), name,
			    crm_optname("date-format"));
		else if ((l->bits & LK_DATE) && l->n < x->look_rows) {
			char a[32], b[32];

			fprintf(stderr, "%s: %s: %s: %s of %s values are "
			    "dates, the others empty, but the rows were logged "
			    "at now (no time column): if it is their time, "
			    "%ssay %s %s%s (its rows of no date are then logged "
			    "at now)\n", crm_prog, crm_rd_name(x->rd), name,
			    crm_fmt_count(l->n, a), crm_fmt_count(x->look_rows,
			    b), undo, crm_optname("map"),
			    crm_map_word(name, "at"), l->needs ?
			    crm_date_formats_say(l->mask) : "");
		} else if (l->bits & LK_DATE)
			fprintf(stderr, "%s: %s: %s: every value is a date, "
			    "but the rows were logged at now (no time "
			    "column): if it is their time, %ssay %s %s%s\n",
			    crm_prog, crm_rd_name(x->rd), name, undo,
			    crm_optname("map"), crm_map_word(name, "at"),
			    l->needs ? crm_date_formats_say(l->mask) : "");
		else if ((l->bits & LK_CODE) && (l->other ||
		    (known && strcmp(known, l->code[0]) != 0))) {
			look_codes(l, codes, sizeof codes);
			fprintf(stderr, "%s: %s: %s: every value is a "
			    "currency code (%s), not read: the amounts "
			    "were taken as one currency; if it is theirs, "
			    "%ssay %s %s\n", crm_prog, crm_rd_name(x->rd),
			    name, codes, undo, crm_optname("map"),
			    crm_map_word(name, "currency"));
		}
		else if ((l->bits & LK_STATE) && l->other)
			fprintf(stderr, "%s: %s: %s: every value is an "
			    "order's state, not read: every row was taken as "
			    "a purchase, cancelled and refunded ones too; "
			    "if it is the orders', %ssay %s %s\n", crm_prog,
			    crm_rd_name(x->rd), name, undo, crm_optname("map"),
			    crm_map_word(name, "status"));
		else if (l->bits & LK_QTY)
			fprintf(stderr, "%s: %s: %s: every value is a whole "
			    "number beside the product, not read as its "
			    "quantity: if it is, %ssay %s %s\n", crm_prog,
			    crm_rd_name(x->rd), name, undo, crm_optname("map"),
			    crm_map_word(name, "quantity"));
	}
}

/*
 * Payments of invoices the file gives no date of are logged at the time
 * of the import, as crm-log(1) says: said, naming what the file lacks,
 * so that the days to pay and the ageing history are not taken for the
 * file's.  Xero's invoice export has no date of payment; Zoho Books'
 * has Last Payment Date only when it was chosen; Stripe's Paid At is
 * empty for an invoice paid in part; QuickBooks' list dates a payment by
 * its Payment rows.  And the Payment rows' money that settles nothing
 * the open balances say was paid (pay_apply()).
 */
static void
say_paid_now(const struct ia_ctx *x)
{
	static const char *const col[][2] = { { "zohobooks",
	    "Last Payment Date" }, { "freshbooks", "Date Paid" }, { "stripe",
	    "Paid At (UTC)" }, { NULL, NULL } };
	const char *sys = x->sys ? x->sys->name : "", *name = NULL;
	char num[32], m[32];
	int k, many = x->paid_now != 1;

	if (x->pay_unlisted > 0) {
		fprintf(stderr, "%s: %s:%ld: %s of %s Payment row%s logged "
		    "to open invoices the file does not list (", crm_prog,
		    crm_rd_name(x->rd), x->pay_unlisted_line,
		    crm_fmt_money(x->pay_unlisted, m),
		    crm_fmt_count(x->pay_unlisted_n, num),
		    x->pay_unlisted_n == 1 ? "" : "s");
		for (k = 0; k < x->unlisted_nrefs; k++)
			fprintf(stderr, "%s%s", k ? ", " : "",
			    x->unlisted_refs[k]);
		fprintf(stderr, "%s), oldest first: more than the open "
		    "balances of its customer's invoices in the file say was "
		    "paid of them\n", x->unlisted_more ? ", ..." : "");
	}
	if (x->pay_left > 0)
		fprintf(stderr, "%s: %s:%ld: %s of %s Payment row%s not "
		    "logged: more than the open balances of its customer's "
		    "invoices in the file say was paid of them, and than her "
		    "other open invoices owe; crm keeps no unapplied cash\n",
		    crm_prog, crm_rd_name(x->rd), x->pay_left_line,
		    crm_fmt_money(x->pay_left, m),
		    crm_fmt_count(x->pay_left_n, num),
		    x->pay_left_n == 1 ? "" : "s");
	if (x->credit_left > 0)
		fprintf(stderr, "%s: %s:%ld: %s of %s credit note%s not "
		    "logged: its customer has no open invoice it could settle, "
		    "and crm keeps no unapplied cash\n", crm_prog,
		    crm_rd_name(x->rd), x->credit_left_line,
		    crm_fmt_money(x->credit_left, m),
		    crm_fmt_count(x->credit_left_n, num),
		    x->credit_left_n == 1 ? "" : "s");
	if (x->paid_now == 0)
		return;
	fprintf(stderr, "%s: %s: %s payment%s of invoices logged at now, the "
	    "time of the import: ", crm_prog, crm_rd_name(x->rd),
	    crm_fmt_count(x->paid_now, num), many ? "s" : "");
	for (k = 0; col[k][0]; k++)
		if (strcmp(sys, col[k][0]) == 0)
			name = col[k][1];
	if (x->sys && (x->sys->flags & S_PAY_ROWS))
		fprintf(stderr, "no Payment row of the file dates %s\n",
		    many ? "them" : "it");
	else if (x->at[I_PAID_AT] >= 0)
		fprintf(stderr, "%s %s %s empty\n", many ? "their" : "its",
		    x->names[x->at[I_PAID_AT]], many ? "are" : "is");
	else if (name)
		fprintf(stderr, "the file has no %s column (another column "
		    "of the payment's date is read with %s 'COLUMN=paid_at')"
		    "\n", name, crm_optname("map"));
	else
		fprintf(stderr, "%s (a column of the payment's date is read "
		    "with %s 'COLUMN=paid_at')\n", strcmp(sys, "xero") == 0 ?
		    "Xero's invoice export has no date of payment" : "the file "
		    "has no column of the payment's date", crm_optname("map"));
}

/*
 * An order or payment export whose time column crm does not read would
 * put every sale on the day of the import, the revenue of months on one
 * day: said once, naming the column that looks like a date, for --map.
 * A help desk's tickets too (complaints): opened now, their resolution
 * times would be lost.
 * A file without any date column (notes, calls, a sheet of sales) is
 * logged at now as crm-log(1) says, silently.
 */
static void
say_no_time(const struct ia_ctx *x)
{
	static const char *const datey[] = { "date", "created", "time",
	    "datum", "fecha", "日期", "时间", NULL };
	const char *kind = x->defaults->kind;
	size_t i;
	char *h;
	int hit = 0;

	if (x->at[I_AT] >= 0 || x->defaults->at)
		return;
	if (kind == NULL && !x->calls && (x->sys || x->at[I_STATUS] >= 0))
		kind = "purchase";
	if (kind == NULL || (strcmp(kind, "purchase") != 0 &&
	    strcmp(kind, "return") != 0 && strcmp(kind, "complaint") != 0))
		return;
	for (i = 0; i < x->n && !hit; i++) {
		h = crm_norm_header(x->names[i]);
		hit = x->cols[i].to == I_FIELD && has_word(h, datey);
		free(h);
	}
	if (hit && x->looks)
		x->looks[i - 1].bits &= ~LK_DATE;	/* said here */
	if (hit)
		fprintf(stderr, "%s: %s: no time column: logged at now (if %s "
		    "is the time, say %s %s)\n", crm_prog,
		    crm_rd_name(x->rd), x->names[i - 1], crm_optname("map"),
		    crm_map_word(x->names[i - 1], "at"));
}

/*
 * A row, as crm_import_rows() takes it.  A lookup on a database that
 * failed finds nothing: what then looks like a refused row is the
 * database's failure, and ends the import.
 */
/* eBay's "--" cells made empty, as the rest of crm reads empty cells. */
static void
dash_empty(const struct crm_rec *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strcmp(crm_trim(rec->f[i]), "--") == 0)
			rec->f[i][0] = '\0';
}

static int
ia_row(const struct crm_rec *rec, void *p, char **why)
{
	struct ia_ctx *x = p;
	int r;

	x->line = rec->line;
	if (x->sys && (x->sys->flags & S_DASH_EMPTY))
		dash_empty(rec);
	if (x->looks)
		look_row(x, rec);
	if (x->fx.col >= 0 && (r = fx_row(x, rec)) != 0)
		return r < 0 ? -1 : 0;
	r = import_ia_row(x, rec, why);
	x->fx.use = NULL;

	if (r > 0 && crm_db_failed(x->db))
		free(*why);
	return crm_db_failed(x->db) ? -1 : r;
}

/*
 * What only the rows needed, given back before the catch-ups and the
 * index made again, whose sorters take memory of their own: the peak is
 * the larger of the two, not their sum (bench/README.md, *Memory*).
 */
static void
maps_free(struct ia_ctx *x)
{
	km_free(x->km);
	x->km = NULL;
	km_free(x->byname);
	x->byname = NULL;
	km_free(x->phones);
	km_free(x->phones_many);
	x->phones = x->phones_many = NULL;
	crm_seen_free(&x->seen);
	free(x->occ.keys);
	memset(&x->occ, 0, sizeof x->occ);
	free(x->lines);
	x->lines = NULL;
	x->nlines = 0;
}

static void
ctx_free(struct ia_ctx *x)
{
	size_t i;

	crm_buf_free(&x->html);
	free(x->tot.currency);
	free(x->html_key);
	for (i = 0; i < NELEM(x->nodeal); i++)
		free(x->nodeal[i].said);

	for (i = 0; i < x->nprs; i++)
		free(x->prs[i].ref);
	free(x->prs);
	for (i = 0; i < x->nparts; i++) {
		free(x->parts[i].ref);
		free(x->parts[i].owner);
		free(x->parts[i].summary);
	}
	free(x->parts);
	free(x->pays);
	for (i = 0; i < (size_t)x->unlisted_nrefs; i++)
		free(x->unlisted_refs[i]);
	for (i = 0; i < x->ncredits; i++) {
		free(x->credits[i].ref);
		free(x->credits[i].label);
	}
	free(x->credits);

	for (i = 0; x->cols && i < x->n; i++) {
		free(x->cols[i].field);
		free(x->cols[i].score);
	}
	free(x->cols);
	free(x->looks);
	free(x->order.ref);
	free(x->order.taken);
	free(x->inv_ref);
	free(x->group);
	crm_currency_free(&x->currency);
	if (x->fx.held.f)
		crm_free_list(x->fx.held.f, x->fx.held.n);
	if (x->order.first)
		crm_free_list(x->order.first, x->n);
	crm_buf_free(&x->og_cells);
	free(x->og_at);
}

/*
 * The customers of the interactions the import added are customers since
 * their earliest interaction when that is earlier than their created (a
 * store's orders of last year, imported today): one update a customer,
 * found through the new rows' ids, the earliest read from cust_totals,
 * which the catch-up has just made (two grouped subqueries a customer
 * through the index on (customer_id, at) cost 8% more of the update).
 * Undo's images of them go in in one statement (undo.c), not a trigger's
 * copy of each customer.
 */
static void
settle_created(struct crm_db *db, const struct crm_import *im, int empty)
{
	static const char set[] = "created = (SELECT first_at FROM "
	    "cust_totals t WHERE t.customer_id = customers.id)";

	if (im->added == 0)
		return;
	/*
	 * Into an empty table every row is the import's: its customers are
	 * those cust_totals has, each once in id order (the order the
	 * update visits them in, and undo numbers them by), not looked for
	 * among all the new rows.  A failure is kept by the database.
	 */
	if (empty) {
		crm_undo_update(db, "customers", set, "id IN (SELECT "
		    "customer_id FROM cust_totals) AND created > (SELECT "
		    "first_at FROM cust_totals t WHERE t.customer_id = "
		    "customers.id)", 0, 0);
		return;
	}
	crm_undo_update(db, "customers", set, "id IN (SELECT customer_id "
	    "FROM interactions WHERE id BETWEEN ?1 AND ?2) AND created > "
	    "(SELECT first_at FROM cust_totals t WHERE t.customer_id = "
	    "customers.id)", im->first_id, im->last_id);
}

/*
 * Interactions from a file: one per row (and a return for a refunded
 * order), for the customer its key column names.  0, or -1 with the
 * error recorded: a header to refuse, a row without --rejects (exit 65),
 * the database.
 */
int
crm_import_interactions(struct crm_db *db, struct crm_rd *rd, struct crm_import *im,
    const struct crm_ia *defaults, struct crm_ia_import *opts)
{
	struct ia_ctx x = { 0 };
	struct crm_bulk bulk = { 0 };
	char num[32];
	int r;

	x.db = db, x.rd = rd, x.defaults = defaults, x.im = im;
	x.opts = opts;
	x.n = crm_rd_header(rd, &x.names);
	if (crm_import_check_maps(im->maps, im->nmaps, x.names, x.n,
	    crm_rd_name(rd)) < 0)
		return -1;
	if ((r = map_header(&x)) == 0) {
		if (x.at[I_AT] < 0 && x.at[I_AT_UTC] >= 0)
			x.at[I_AT] = x.at[I_AT_UTC];
		act_columns(&x);
		call_id_ref(&x);
		whole_time(&x);
		r = check_columns(&x);
	}
	if (r == 0) {
		x.fx.col = fx_column(&x);
		look_init(&x);
		say_no_time(&x);
		og_decide(&x);	/* before a row: the whole file's say */
	}
	if (r == 0 && x.sys && (x.sys->flags & S_DECIMAL_COMMA))
		crm_set_decimal_comma(1);	/* PayPal.de's 1.234,56 */
	if (r == 0) {	/* the rows go in as a bulk load (sqlite.c) */
		bulk.what = CRM_BULK_INTERACTIONS;
		bulk.rows = crm_rd_size(rd) / IA_ROW_BYTES;
		bulk.defer = im->defer_index;
		crm_db_bulk_begin(db, &bulk);
		/* The table was empty: only the load's rows can be there. */
		if ((x.next = bulk.next) == 1)
			crm_seen_init(&x.seen, bulk.rows);
		else if (bulk.empty)
			crm_seen_init(&x.seen, bulk.rows < IA_SEEN_KEYS ?
			    bulk.rows : IA_SEEN_KEYS);
		x.km = km_new();
		km_load(db, x.km, bulk.rows);
	}
	if (r == 0) {
		/* indexed for search at the end, in one go (search.c) */
		crm_search_defer(db);
		crm_agg_defer(db);	/* added up at the end (agg.c) */
		r = crm_import_rows(rd, im, ia_row, &x);
		if (r == 0)
			r = fx_settle(&x);	/* a payment held at the end */
		if (r == 0)
			r = pay_settle(&x);	/* invoices' Payment rows */
		if (r == 0)
			r = credit_settle(&x);	/* and credit notes */
		maps_free(&x);
		if (!im->defer_index)	/* else crm index or a search */
			crm_search_catch_up(db);
		crm_agg_catch_up(db);
	}
	maps_free(&x);
	if (r == 0) {
		settle_refund(&x);
		settle_created(db, im, bulk.empty);
		square_refunds_say(&x);
		say_skipped(&x);
		say_refunds_nobody(&x);
		say_plugin_status(&x);
		say_shop_zone(&x);
		say_html(&x);
		say_nodeal(&x);
		say_other_level(&x);
		say_differ(&x);
		say_score(&x);
		crm_phone_cross_say(db, crm_rd_name(rd));
		look_say(&x);
		say_paid_now(&x);
		if (x.future)
			crm_ia_warn_ahead(crm_rd_name(rd), x.future,
			    x.future_line, NULL);
		if (x.untimed)
			fprintf(stderr, "%s: %s: %s complaint%s solved or "
			    "closed by %s with no time it was: left open (name "
			    "the column of that time with %s 'COLUMN=resolved')\n",
			    crm_prog, crm_rd_name(rd), crm_fmt_count(x.untimed,
			    num), x.untimed == 1 ?
			    "" : "s", x.names[x.at[I_STATUS]], crm_optname("map"));
		audit_batch(db, "log-import", crm_rd_name(rd), im->added,
		    im->first_id, im->last_id);
	}
	if (bulk.what == CRM_BULK_INTERACTIONS)
		crm_db_bulk_end(db, &bulk);
	if (r == 0 && im->defer_index)	/* nothing left to index: no row */
		crm_search_left(db);
	ctx_free(&x);
	return r < 0 || crm_db_failed(db) ? -1 : 0;
}
