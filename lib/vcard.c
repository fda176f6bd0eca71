/*
 * vcard.c - vCard 2.1, 3.0 and 4.0 read as records, one a card, under a
 * fixed set of column names (the contract with lib/import.c):
 *
 *	external_id name first_name last_name company title email emails
 *	phone "other phones" address "address 2"... tags note birthday url
 *	nickname owner tier industry status created domain type org
 *
 * and, when a card has an ORG, "Department" (CRM_VCARD_UNIT: its units),
 * then, in the order they first appear, other_ids and "id:SOURCE" (from
 * X-CRM-ID), each X-CRM-FIELD's NAME (and each field crm's ADR names in
 * X-CRM-FIELDS for its components, and "Address 1 - City" and the like
 * for another program's: scan_adr) and each other property kept (in
 * upper case: X-SKYPE).  Only the columns some card uses are there.
 *
 * Every record must have the same columns, and a card's columns are only
 * known once the whole file is read, so the file is read twice: the first
 * pass collects the column set (and checks the structure, so a broken
 * file fails before anything is imported), the second hands out cards.
 * Memory is bounded by the column set and the largest card, never by the
 * number of cards.  The reader (rec.c) gives us a seekable UTF-8 file.
 *
 * type is "org" for an organisation's card (KIND:org, or Apple's
 * X-ABShowAs:COMPANY), else "person".  A person's org, the organisation
 * lib/import.c links it to as the Company column of a spreadsheet does,
 * is the first part of its ORG (ORG:Acme Ltd;Sales is Acme Ltd), unless
 * an X-CRM-ORG says which (empty: none), as crm's own vCards do when
 * the link is not that.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

#define VC_LINE_MAX	(16 << 20)	/* longest unfolded line */
#define VC_NOPREF	1000		/* rank of a value with no PREF */

/* The properties we know; everything else is K_OTHER. */
enum kind {
	K_UID, K_FN, K_N, K_ORG, K_TITLE, K_EMAIL, K_TEL, K_ADR, K_CATEGORIES,
	K_NOTE, K_BDAY, K_URL, K_NICKNAME, K_OWNER, K_TIER, K_INDUSTRY,
	K_STATUS, K_CREATED, K_CREDIT, K_TERMS, K_KIND, K_XORG, K_DOMAIN, K_ID, K_FIELD, K_PARTS,
	K_ABLABEL, K_BEGIN, K_END, K_DROP, K_OTHER
};

static const struct {
	const char *prop;
	enum kind kind;
	const char *col;	/* its column, when it has one of its own */
} props[] = {
	{ "UID", K_UID, "external_id" }, { "FN", K_FN, "name" },
	{ "N", K_N, NULL }, { "ORG", K_ORG, "company" },
	{ "TITLE", K_TITLE, "title" }, { "EMAIL", K_EMAIL, NULL },
	{ "TEL", K_TEL, NULL }, { "ADR", K_ADR, NULL },
	{ "CATEGORIES", K_CATEGORIES, "tags" }, { "NOTE", K_NOTE, "note" },
	{ "BDAY", K_BDAY, "birthday" }, { "URL", K_URL, "url" },
	{ "NICKNAME", K_NICKNAME, "nickname" },
	{ "X-CRM-OWNER", K_OWNER, "owner" }, { "X-CRM-TIER", K_TIER, "tier" },
	{ "X-CRM-INDUSTRY", K_INDUSTRY, "industry" },
	{ "X-CRM-STATUS", K_STATUS, "status" },
	{ "X-CRM-CREATED", K_CREATED, "created" },
	/* the customer's credit limit and payment terms (out.c's, qa38) */
	{ "X-CRM-CREDIT-LIMIT", K_CREDIT, "credit_limit" },
	{ "X-CRM-TERMS", K_TERMS, "terms" },
	/* An organisation's card: RFC 6350's KIND:org, Apple's
	 * X-ABShowAs:COMPANY; crm's link and domain (out.c writes them). */
	{ "KIND", K_KIND, NULL }, { "X-ABSHOWAS", K_KIND, NULL },
	/* A contact group's card (KIND:group; Apple's, iCloud's, Fastmail's
	 * X-ADDRESSBOOKSERVER-KIND:group): not a customer, skipped. */
	{ "X-ADDRESSBOOKSERVER-KIND", K_KIND, NULL },
	{ "X-CRM-ORG", K_XORG, NULL }, { "X-CRM-DOMAIN", K_DOMAIN, "domain" },
	{ "X-CRM-ID", K_ID, NULL }, { "X-CRM-FIELD", K_FIELD, NULL },
	{ "BEGIN", K_BEGIN, NULL }, { "END", K_END, NULL },
	/* Media, and what only describes the file or another line. */
	{ "PHOTO", K_DROP, NULL }, { "LOGO", K_DROP, NULL },
	{ "SOUND", K_DROP, NULL }, { "VERSION", K_DROP, NULL },
	{ "PRODID", K_DROP, NULL }, { "REV", K_DROP, NULL },
	{ "X-ABADR", K_DROP, NULL },
	/*
	 * A contact's public key for encrypted mail and how to send to her
	 * (Proton's KEY with X-PM-ENCRYPT, X-PM-SIGN, X-PM-SCHEME,
	 * X-PM-MIMETYPE, X-PM-TLS, its web client's VCARD_KEY_FIELDS): a
	 * mail client's, no customer data; kept, a key of a kilobyte a
	 * contact was in every export and -f all (qa36 F7).
	 */
	{ "KEY", K_DROP, NULL }, { "X-PM-ENCRYPT", K_DROP, NULL },
	{ "X-PM-SIGN", K_DROP, NULL }, { "X-PM-SCHEME", K_DROP, NULL },
	{ "X-PM-MIMETYPE", K_DROP, NULL }, { "X-PM-TLS", K_DROP, NULL },
	/*
	 * Apple's label of its item group's value (item2.X-ABLabel:privat
	 * for item2.EMAIL): an ADR's is its label, as its TYPE would be
	 * (adr_label); another's is dropped, its value kept where it goes
	 * (the phone, other phones and e-mails keep no labels, as a
	 * sheet's labelled numbers do not): labels gathered in a field
	 * apart from what they label said nothing.
	 */
	{ "X-ABLABEL", K_ABLABEL, NULL },
};

/* Names, in order, with a hash table to find one fast. */
struct names {
	char **v;
	size_t n, cap;
	int *slot;		/* index + 1, 0 empty */
	size_t nslot;
};

/* A card's repeated values: emails, phones, addresses. */
struct vlist {
	struct crm_buf text;	/* the values, each ending in '\0' */
	size_t *off;
	int *rank;
	size_t n, cap;
};

/* One content line, taken apart in place. */
struct prop {
	char *name;		/* upper case, without its group */
	char *group;		/* Apple's item group ("item1"), or NULL */
	char *value;		/* raw, still encoded */
	char *charset, *pname, *source;
	char *field;		/* X-CRM-FIELD: the extra field it is */
	const char *parts;	/* ADR's X-CRM-FIELDS, as written */
	size_t nparts;		/* its length */
	char *label;		/* ADR's LABEL */
	const char *type;	/* ADR's TYPE home or work: "Home", "Work" */
	int crm_type;		/* X-CRM-TYPE: that TYPE is a field written
				 * on its own line (out.c), not read here */
	char *omit_year;	/* Apple's X-APPLE-OMIT-YEAR: a date's no year */
	enum kind as;		/* K_FIELD's value read as this kind's */
	int qp, rank;
	int b64;		/* ENCODING=BASE64 (2.1) or b (3.0) */
	int fax;		/* TEL's TYPE says FAX (3.0 TYPE=WORK,FAX, 2.1
				 * ;FAX, 4.0 TYPE=fax) */
	int pager;		/* or PAGER (Google's, Outlook's) */
	enum kind kind;
};

struct crm_vcard {
	FILE *fp;
	long line;		/* physical lines read */
	long pline;		/* first line of the logical line */
	struct crm_buf cur, peek;
	int have_peek, peek_eof, nul;
	long peek_line;
	/* the column set */
	struct names dyn;	/* id:s, fields, other properties (pass 1) */
	struct names fields;	/* of those, crm's extra fields (X-CRM-FIELD) */
	struct names cols;
	size_t nemails, ntels, nadrs, kinds[K_OTHER + 1];
	size_t kinds0[3];	/* emails, phones, addresses before this card */
	size_t scan_adrs;	/* pass 1: the card's addresses so far */
	int c_first, c_last, c_n, c_email, c_emails, c_other_ids, c_type, c_org;
	int c_unit;		/* ORG's units (CRM_VCARD_UNIT) */
	int c_kind[K_OTHER + 1];
	int c_tel, c_more_tels;	/* "phone", "other phones" */
	int *c_adr;
	/* the card being read */
	struct crm_buf *vals;
	const char **out;
	struct vlist emails, tels, adrs;
	struct vlist adr_groups;	/* the item groups of the card's ADRs,
					 * each with its address's number */
	struct vlist tel_groups;	/* the item groups of the card's TELs,
					 * each with its index in tels */
	struct crm_buf orgname, xorg;	/* ORG's first part; X-CRM-ORG */
	struct crm_buf n;		/* the first N, as written */
	int has_n;
	int has_xorg, is_org;
	int is_group;		/* the card is a contact group's */
	long groups;		/* group cards skipped */
	int is_other;		/* KIND:location, or any kind but those */
	long others;		/* such cards skipped */
	int photo;		/* the card has a PHOTO (pass 2), and */
	long photos;		/* how many cards read had one: not kept */
	char other_kind[32];	/* the first such KIND, for the message */
	struct crm_buf dec, tmp;
	char *err, *bad;
	long errline, badline, cardline;
	int scanned;
};

static unsigned long
hash(const char *s)
{
	unsigned long h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int
names_find(const struct names *nm, const char *s)
{
	size_t i;

	if (nm->nslot == 0)
		return -1;
	for (i = hash(s) & (nm->nslot - 1); nm->slot[i];
	    i = (i + 1) & (nm->nslot - 1))
		if (strcmp(nm->v[nm->slot[i] - 1], s) == 0)
			return nm->slot[i] - 1;
	return -1;
}

static void
names_rehash(struct names *nm)
{
	size_t i, j;

	free(nm->slot);
	nm->nslot = nm->nslot ? nm->nslot * 2 : 64;
	nm->slot = crm_xcalloc(nm->nslot, sizeof *nm->slot);
	for (i = 0; i < nm->n; i++) {
		for (j = hash(nm->v[i]) & (nm->nslot - 1); nm->slot[j];
		    j = (j + 1) & (nm->nslot - 1))
			;
		nm->slot[j] = (int)i + 1;
	}
}

/* The index of s, added if it is new. */
static int
names_add(struct names *nm, const char *s)
{
	int i = names_find(nm, s);

	if (i >= 0)
		return i;
	if (nm->n == nm->cap) {
		nm->cap = nm->cap ? nm->cap * 2 : 16;
		nm->v = crm_xreallocarray(nm->v, nm->cap, sizeof *nm->v);
	}
	nm->v[nm->n++] = crm_xstrdup(s);
	if (nm->n * 2 > nm->nslot)
		names_rehash(nm);
	else {
		size_t j;

		for (j = hash(s) & (nm->nslot - 1); nm->slot[j];
		    j = (j + 1) & (nm->nslot - 1))
			;
		nm->slot[j] = (int)nm->n;
	}
	return (int)nm->n - 1;
}

static void
names_free(struct names *nm)
{
	while (nm->n > 0)
		free(nm->v[--nm->n]);
	free(nm->v);
	free(nm->slot);
}

static int
fail(struct crm_vcard *v, long line, char *msg)
{
	if (v->err == NULL) {
		v->err = msg;
		v->errline = line;
	} else {
		free(msg);
	}
	return -1;
}

/* What is wrong with the card being read: its first problem counts. */
static void
card_bad(struct crm_vcard *v, char *msg)
{
	if (v->bad) {
		free(msg);
		return;
	}
	v->bad = msg;
	v->badline = v->pline;
}

/*
 * One physical line, without its line end, into b: 1, or 0 at the end.
 * getc is enough here: the file is ours, local and buffered.
 */
static int
phys_line(struct crm_vcard *v, struct crm_buf *b)
{
	int c, any = 0;

	crm_buf_reset(b);
	while ((c = getc_unlocked(v->fp)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (c == '\0')
			v->nul = 1;
		if (b->len < VC_LINE_MAX + 1)
			crm_buf_addc(b, (char)c);
	}
	if (!any)
		return 0;
	v->line++;
	if (b->len > 0 && b->s[b->len - 1] == '\r')
		b->s[--b->len] = '\0';
	if (v->line == 1 && b->len >= 3 && memcmp(b->s, "\xef\xbb\xbf", 3) == 0)
		memmove(b->s, b->s + 3, (b->len -= 3) + 1);
	crm_buf_add(b, "", 0);	/* b->s is a string, even for "" */
	return 1;
}

/* Is the name-and-parameters part of s QUOTED-PRINTABLE (2.1)? */
static int
is_qp(const char *s)
{
	const char *colon = strchr(s, ':');
	const char *p = strcasestr(s, "QUOTED-PRINTABLE");

	return p && (colon == NULL || p < colon);
}

/*
 * The next logical line in v->cur: folded lines (a line end, then a
 * space or a tab) joined, and in 2.1 quoted-printable a soft line break
 * (a '=' at the end) joined to the line after.  1, 0 at the end, -1.
 */
static int
next_line(struct crm_vcard *v)
{
	struct crm_buf t;
	int qp;

	if (!v->have_peek && !v->peek_eof) {
		if (!phys_line(v, &v->peek))
			v->peek_eof = 1;
		v->have_peek = !v->peek_eof;
		v->peek_line = v->line;
	}
	if (!v->have_peek)
		return 0;
	t = v->cur, v->cur = v->peek, v->peek = t;
	v->pline = v->peek_line;
	qp = is_qp(v->cur.s);
	v->nul = 0;
	for (;;) {
		if (!phys_line(v, &v->peek)) {
			v->have_peek = 0, v->peek_eof = 1;
			break;
		}
		v->peek_line = v->line;
		if (qp && v->cur.len > 0 && v->cur.s[v->cur.len - 1] == '=') {
			v->cur.s[--v->cur.len] = '\0';
			crm_buf_add(&v->cur, v->peek.s, v->peek.len);
		} else if (v->peek.len > 0 && (v->peek.s[0] == ' ' ||
		    v->peek.s[0] == '\t')) {
			crm_buf_add(&v->cur, v->peek.s + 1, v->peek.len - 1);
		} else {
			v->have_peek = 1;
			break;
		}
		if (v->cur.len > VC_LINE_MAX)
			return fail(v, v->pline, crm_xstrdup("line longer "
			    "than 16 MiB"));
	}
	if (v->cur.len > VC_LINE_MAX)
		return fail(v, v->pline, crm_xstrdup("line longer than 16 "
		    "MiB"));
	if (v->nul)
		return fail(v, v->pline, crm_xstrdup("contains a NUL byte"));
	return 1;
}

static int
blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* RFC 6868 in a parameter value: ^n newline, ^' quote, ^^ caret. */
static void
param_unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (*s == '^' && (s[1] == 'n' || s[1] == '\'' || s[1] == '^')) {
			s++;
			*d++ = *s == 'n' ? '\n' : *s == '\'' ? '"' : '^';
		} else if (*s != '"') {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Is word among TYPE's values (TYPE=INTERNET,pref or "work,pref")? */
static int
type_has(const char *s, const char *word)
{
	const char *p = s;
	size_t n, len = strlen(word);

	while (*p) {
		p += strspn(p, ",\" ");
		n = strcspn(p, ",\" ");
		if (n == len && strncasecmp(p, word, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

static int
has_pref(const char *s)
{
	return type_has(s, "pref");
}

/*
 * Home or work among TYPE's values ("HOME", "work,pref", 2.1's bare
 * WORK): "Home" or "Work", as Google's Address 1 - Label says them; NULL
 * for neither (pref, dom, postal ... say no such thing).
 */
static const char *
home_work(const char *s)
{
	return type_has(s, "home") ? "Home" : type_has(s, "work") ? "Work" :
	    NULL;
}

/* One parameter, KEY=VALUE or a 2.1 bare VALUE. */
static void
param(struct prop *pr, const char *key, char *val)
{
	long n;

	if (val == NULL) {		/* 2.1: ;WORK;PREF;QUOTED-PRINTABLE */
		if (strcasecmp(key, "QUOTED-PRINTABLE") == 0)
			pr->qp = 1;
		else if (strcasecmp(key, "BASE64") == 0)
			pr->b64 = 1;
		else if (has_pref(key))
			pr->rank = 1;
		else if (home_work(key))
			pr->type = home_work(key);
		else if (type_has(key, "fax"))
			pr->fax = 1;
		else if (type_has(key, "pager"))
			pr->pager = 1;
		return;
	}
	if (strcasecmp(key, "TYPE") == 0) {
		if (has_pref(val))
			pr->rank = 1;
		if (type_has(val, "fax"))
			pr->fax = 1;
		else if (type_has(val, "pager"))
			pr->pager = 1;
		if (home_work(val))
			pr->type = home_work(val);
	} else if (strcasecmp(key, "X-CRM-TYPE") == 0) {
		pr->crm_type = 1;
	} else if (strcasecmp(key, "PREF") == 0) {
		n = strtol(val, NULL, 10);
		if (n >= 1 && n < pr->rank)
			pr->rank = (int)n;
	} else if (strcasecmp(key, "ENCODING") == 0) {
		pr->qp = strcasecmp(val, "QUOTED-PRINTABLE") == 0;
		pr->b64 = strcasecmp(val, "BASE64") == 0 ||
		    strcasecmp(val, "B") == 0;
	} else if (strcasecmp(key, "CHARSET") == 0) {
		param_unescape(val);
		pr->charset = val;
	} else if (strcasecmp(key, "NAME") == 0) {
		param_unescape(val);
		pr->pname = val;
	} else if (strcasecmp(key, "SOURCE") == 0) {
		param_unescape(val);
		pr->source = val;
	} else if (strcasecmp(key, "X-CRM-FIELD") == 0) {
		param_unescape(val);
		pr->field = val;
	} else if (strcasecmp(key, "X-CRM-FIELDS") == 0) {
		pr->parts = val;	/* a list: split when it is used */
		pr->nparts = strlen(val);
	} else if (strcasecmp(key, "LABEL") == 0) {
		param_unescape(val);
		pr->label = val;
	} else if (strcasecmp(key, "X-APPLE-OMIT-YEAR") == 0) {
		param_unescape(val);
		pr->omit_year = val;
	}
}

/*
 * ADR;X-CRM-FIELDS="","","Business Street","Business City",... (out.c's):
 * the extra field each of the seven components is, "" for none, into
 * name[7] (allocated).  Values are quoted, with RFC 6868's escapes.
 */
static void
part_names(const struct prop *pr, char *name[7])
{
	const char *p = pr->parts, *end = p + pr->nparts, *start;
	size_t k;
	int quoted;

	for (k = 0; k < 7; k++) {
		name[k] = NULL;
		if (p == NULL || p > end)
			continue;
		for (start = p, quoted = 0; p < end && (quoted || *p != ',');
		    p++)
			if (*p == '"')
				quoted = !quoted;
		name[k] = crm_xstrndup(start, (size_t)(p - start));
		param_unescape(name[k]);
		p++;
	}
}

/*
 * crm's own TEL, ADR, NOTE, URL or NICKNAME of an extra field (out.c
 * writes TEL;X-CRM-FIELD="Mobile Phone"): that field's column, its value
 * read as the property's, so that a round trip keeps the field's name.
 */
static void
own_field(struct prop *pr)
{
	static char fax[] = CRM_VCARD_FAX, pager[] = CRM_VCARD_PAGER;

	/* A fax is no phone: the field "fax", as a sheet's "Fax:" number
	 * is (lib/import.c labelled_phone), and out.c writes it back as
	 * TEL;TYPE=FAX.  crm's own field of a fax keeps its name.  A
	 * pager is no number to call either: the field "pager", as a
	 * sheet's Pager column is. */
	if (pr->kind == K_TEL && (pr->fax || pr->pager) && (pr->field ==
	    NULL || *pr->field == '\0'))
		pr->field = pr->fax ? fax : pager;
	if (pr->field == NULL || *pr->field == '\0' || (pr->kind != K_TEL &&
	    pr->kind != K_ADR && pr->kind != K_NOTE && pr->kind != K_URL &&
	    pr->kind != K_NICKNAME))
		return;
	pr->as = pr->kind;
	pr->kind = K_FIELD;
	pr->pname = pr->field;
}

static enum kind
kind_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof props / sizeof props[0]; i++)
		if (strcmp(name, props[i].prop) == 0)
			return props[i].kind;
	return K_OTHER;
}

/*
 * Take the logical line s apart in place: [group.]NAME *(;PARAM) :VALUE.
 * Parameter values may be quoted, and then hold ';' and ':'.
 */
static int
parse_prop(struct crm_vcard *v, char *s, struct prop *pr)
{
	char *p, *key, *val, *dot;
	int quoted;

	memset(pr, 0, sizeof *pr);
	pr->rank = VC_NOPREF;
	p = s + strcspn(s, ";:");
	if (*p == '\0' || p == s)
		return fail(v, v->pline, crm_xasprintf("not a vCard line "
		    "(NAME:VALUE): '%.40s'", s));
	pr->name = s;
	while (*p == ';') {
		*p++ = '\0';
		key = p, val = NULL;
		for (quoted = 0; *p && (quoted || (*p != ';' && *p != ':'));
		    p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == '=' && !quoted && val == NULL) {
				*p = '\0';
				val = p + 1;
			}
		}
		if (*p == '\0')
			return fail(v, v->pline, crm_xstrdup("a property "
			    "without ':' and a value"));
		if (*p == ';' || *p == ':') {
			char c = *p;

			*p = '\0';
			if (*key)
				param(pr, key, val);
			*p = c;
		}
	}
	*p++ = '\0';
	pr->value = p;
	if ((dot = strrchr(pr->name, '.'))) {
		*dot = '\0';
		pr->group = pr->name;
		pr->name = dot + 1;		/* item1.EMAIL */
	}
	for (p = pr->name; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p -= 'a' - 'A';
	pr->kind = kind_of(pr->name);
	own_field(pr);
	if (pr->kind == K_ADR && pr->parts && pr->label == NULL)
		pr->kind = K_PARTS;	/* its parts, and no address */
	return 0;
}

/* The column a property of kind K_ID, K_FIELD or K_OTHER goes in. */
static char *
dyn_name(const struct prop *pr)
{
	if (pr->kind == K_ID)
		return pr->source && *pr->source ? crm_xasprintf("id:%s",
		    pr->source) : crm_xstrdup("other_ids");
	if (pr->kind == K_FIELD && pr->pname && *pr->pname)
		return crm_xstrdup(pr->pname);
	return crm_xstrdup(pr->name);
}

/*
 * Walk the file's structure: fn is called for each property inside a
 * card, begin and end at each card's edges.  -1 on a broken structure.
 */
static int
walk(struct crm_vcard *v, int (*fn)(struct crm_vcard *, struct prop *),
    void (*edge)(struct crm_vcard *, int))
{
	struct prop pr;
	long begin = 0;
	int r;

	while ((r = next_line(v)) > 0) {
		if (blank(v->cur.s))
			continue;
		if (begin == 0) {
			if (strcasecmp(crm_trim(v->cur.s), "BEGIN:VCARD") != 0)
				return fail(v, v->pline, crm_xasprintf("not a "
				    "vCard: '%.40s' where BEGIN:VCARD should "
				    "be", v->cur.s));
			begin = v->pline;
			edge(v, 1);
			continue;
		}
		if (parse_prop(v, v->cur.s, &pr) < 0)
			return -1;
		if (pr.kind == K_BEGIN)
			return fail(v, v->pline, crm_xasprintf("BEGIN: inside "
			    "the card that begins on line %ld (no END:VCARD)",
			    begin));
		if (pr.kind == K_END) {
			edge(v, 0);
			if (v->scanned)
				return 1;	/* pass 2: one card at a time */
			begin = 0;
			continue;
		}
		if (pr.kind == K_DROP && v->scanned && pr.name &&
		    strcmp(pr.name, "PHOTO") == 0)
			v->photo = 1;	/* counted once the card is read */
		if (pr.kind != K_DROP && fn(v, &pr) < 0)
			return -1;
	}
	if (r < 0)
		return -1;
	if (begin)
		return fail(v, begin, crm_xstrdup("BEGIN: the card that "
		    "begins here has no END:VCARD"));
	return 0;
}

static int component(const char **s, int sep, struct crm_buf *b);

/*
 * Another program's ADR (Apple's, Google's, Outlook's, Thunderbird's:
 * ;;1 Main St;Springfield;IL;62701;USA) is its address, and its parts
 * the fields a Google Contacts CSV has for them, so that a customer is
 * filtered by city or country whichever file they came from: the first
 * address's are "Address 1 - City" and so on, the second's "Address 2 -
 * City", and so on up to CRM_ADR_MAX (crm_field_adr's), and out.c
 * writes them back as the ADR's components.  An ADR of a street alone
 * (crm's own for an address that has no parts) has none: the address
 * is all it says.
 */
static const char *const adr_parts[7] = { "PO Box", "Extended Address",
	"Street", "City", "Region", "Postal Code", "Country" };

/*
 * The components of the ADR value s into comp[7] (allocated, NULL for
 * none); 1 when one besides the street has something (parts to keep).
 */
static int
adr_components(const char *s, char *comp[7])
{
	struct crm_buf c = { 0 };
	size_t k;
	int other = 0;

	for (k = 0; k < 7; k++)
		comp[k] = NULL;
	for (k = 0; k < 7 && component(&s, ';', &c); k++) {
		if (*crm_trim(c.s) == '\0')
			continue;
		comp[k] = crm_xstrdup(crm_trim(c.s));
		other |= k != 2;
	}
	crm_buf_free(&c);
	return other;
}

/* The field of component k of the card's address j (from 1). */
static char *
adr_field(size_t j, size_t k)
{
	return crm_xasprintf("Address %zu - %s", j, adr_parts[k]);
}

/* Pass 1: another program's ADR: the fields of its parts are columns. */
static int
scan_adr(struct crm_vcard *v, const struct prop *pr)
{
	char *comp[7], *name;
	size_t k;
	int other = adr_components(pr->value, comp), r = 0, any = 0;

	for (k = 0; k < 7; k++)
		any |= comp[k] != NULL;
	if (any)
		v->scan_adrs++;
	for (k = 0; k < 7; k++) {
		if ((comp[k] || pr->b64) && other && r == 0 &&
		    v->scan_adrs <= CRM_ADR_MAX) {
			name = adr_field(v->scan_adrs, k);
			if (names_find(&v->dyn, name) < 0 &&
			    v->dyn.n >= CRM_COLS_MAX)
				r = fail(v, v->pline, crm_xasprintf("more "
				    "than %d columns", CRM_COLS_MAX));
			names_add(&v->dyn, name);
			names_add(&v->fields, name);
			free(name);
		}
		free(comp[k]);
	}
	return r;
}

/* Pass 1: the fields an ADR's parts go in are columns (crm's fields). */
static int
scan_parts(struct crm_vcard *v, const struct prop *pr)
{
	char *name[7];
	size_t k;
	int r = 0;

	part_names(pr, name);
	for (k = 0; k < 7; k++) {
		if (name[k] && *name[k] && r == 0) {
			if (names_find(&v->dyn, name[k]) < 0 &&
			    v->dyn.n >= CRM_COLS_MAX)
				r = fail(v, v->pline, crm_xasprintf("more "
				    "than %d columns", CRM_COLS_MAX));
			names_add(&v->dyn, name[k]);
			names_add(&v->fields, name[k]);
		}
		free(name[k]);
	}
	return r;
}

/*
 * Another program's ADR j's TYPE home or work (Apple's, Google's,
 * Outlook's ADR;TYPE=HOME): the field "Address j - Label", as Google
 * Contacts' CSV has it, so that -o vcard writes it back (out.c); NULL
 * for none, or crm's own ADR, whose label is a field of its own line.
 * Allocated.
 */
static char *
adr_label(const struct prop *pr, size_t j)
{
	if (pr->type == NULL || pr->crm_type || pr->parts || j == 0)
		return NULL;
	return crm_xasprintf("Address %zu - Label", j);
}

static void vlist_add(struct vlist *l, const char *s, int rank);
static void vlist_reset(struct vlist *l);

/* Address j (1, 2 ...) is in pr's item group, if it has one. */
static void
adr_group(struct crm_vcard *v, const struct prop *pr, size_t j)
{
	if (pr->group && *pr->group && j > 0)
		vlist_add(&v->adr_groups, pr->group, (int)j);
}

/* The number of the card's address in item group g, or 0 for none. */
static size_t
group_adr(const struct crm_vcard *v, const char *g)
{
	size_t i;

	for (i = 0; g && i < v->adr_groups.n; i++)
		if (strcasecmp(v->adr_groups.text.s + v->adr_groups.off[i],
		    g) == 0)
			return (size_t)v->adr_groups.rank[i];
	return 0;
}

/*
 * Is s (an X-ABLabel's value) Apple's label of a fax number: its own
 * "_$!<WorkFAX>!$_", HomeFAX or OtherFAX, or a label "Fax" of the user's?
 */
static int
fax_label(const char *s)
{
	static const char *const faxes[] = { "_$!<WorkFAX>!$_",
		"_$!<HomeFAX>!$_", "_$!<OtherFAX>!$_", "Fax" };
	size_t i, n;

	s += strspn(s, " \t");
	n = strcspn(s, "\r\n");
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (i = 0; i < sizeof faxes / sizeof faxes[0]; i++)
		if (n == strlen(faxes[i]) && strncasecmp(s, faxes[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Pass 1: Apple's X-ABLabel of an ADR read before it in the card
 * (item3.ADR:... then item3.X-ABLabel:_$!<Other>!$_): the label's column.
 */
static int
scan_ablabel(struct crm_vcard *v, const struct prop *pr)
{
	size_t j = group_adr(v, pr->group);
	char *name;
	int r = 0;

	if (j == 0 && fax_label(pr->value)) {	/* a TEL's: its column */
		if (names_find(&v->dyn, CRM_VCARD_FAX) < 0 &&
		    v->dyn.n >= CRM_COLS_MAX)
			return fail(v, v->pline, crm_xasprintf("more than %d "
			    "columns", CRM_COLS_MAX));
		names_add(&v->dyn, CRM_VCARD_FAX);
		names_add(&v->fields, CRM_VCARD_FAX);
		return 0;
	}
	if (j == 0)
		return 0;	/* an EMAIL's, a TEL's: dropped */
	name = crm_xasprintf("Address %zu - Label", j);
	if (names_find(&v->dyn, name) < 0 && v->dyn.n >= CRM_COLS_MAX)
		r = fail(v, v->pline, crm_xasprintf("more than %d columns",
		    CRM_COLS_MAX));
	names_add(&v->dyn, name);
	names_add(&v->fields, name);
	free(name);
	return r;
}

/* Pass 1: another program's ADR, and its label's column. */
static int
scan_adr_label(struct crm_vcard *v, const struct prop *pr)
{
	char *name;
	size_t before = v->scan_adrs;
	int r = scan_adr(v, pr);

	if (r == 0 && v->scan_adrs > before)	/* not an empty ADR */
		adr_group(v, pr, v->scan_adrs);
	if (r == 0 && v->scan_adrs > before &&
	    (name = adr_label(pr, v->scan_adrs)) != NULL) {
		if (names_find(&v->dyn, name) < 0 && v->dyn.n >= CRM_COLS_MAX)
			r = fail(v, v->pline, crm_xasprintf("more than %d "
			    "columns", CRM_COLS_MAX));
		names_add(&v->dyn, name);
		names_add(&v->fields, name);
		free(name);
	}
	return r;
}

/* Pass 1: note the columns this property needs. */
static int
scan_prop(struct crm_vcard *v, struct prop *pr)
{
	char *name;

	v->kinds[pr->kind]++;
	if (pr->kind == K_ID || pr->kind == K_FIELD || pr->kind == K_OTHER) {
		name = dyn_name(pr);
		if (names_find(&v->dyn, name) < 0 && v->dyn.n >= CRM_COLS_MAX) {
			free(name);
			return fail(v, v->pline, crm_xasprintf("more than %d "
			    "columns", CRM_COLS_MAX));
		}
		names_add(&v->dyn, name);
		if (pr->kind == K_FIELD)
			names_add(&v->fields, name);
		free(name);
	}
	if (pr->kind == K_ADR && pr->parts)
		v->scan_adrs++;		/* crm's: its LABEL is an address */
	if (pr->parts && (pr->kind == K_PARTS || pr->kind == K_ADR))
		return scan_parts(v, pr);
	if (pr->kind == K_ADR)
		return scan_adr_label(v, pr);
	if (pr->kind == K_ABLABEL)
		return scan_ablabel(v, pr);
	return 0;
}


/* Pass 1 at a card's edge: keep the most emails, phones, addresses. */
static void
scan_edge(struct crm_vcard *v, int begin)
{
	size_t *k = v->kinds, *k0 = v->kinds0;

	if (begin) {
		k0[0] = k[K_EMAIL], k0[1] = k[K_TEL], k0[2] = k[K_ADR];
		v->scan_adrs = 0;
		vlist_reset(&v->adr_groups);
		return;
	}
	if (k[K_EMAIL] - k0[0] > v->nemails)
		v->nemails = k[K_EMAIL] - k0[0];
	if (k[K_TEL] - k0[1] > v->ntels)
		v->ntels = k[K_TEL] - k0[1];
	if (k[K_ADR] - k0[2] > v->nadrs)
		v->nadrs = k[K_ADR] - k0[2];
}

static int
col_if(struct crm_vcard *v, int want, const char *name)
{
	return want ? names_add(&v->cols, name) : -1;
}

/* A numbered column: "phone", "phone 2", ... */
static int *
numbered(struct crm_vcard *v, const char *base, size_t n)
{
	int *c = crm_xcalloc(n ? n : 1, sizeof *c);
	size_t i;
	char *name;

	for (i = 0; i < n; i++) {
		name = i ? crm_xasprintf("%s %zu", base, i + 1) :
		    crm_xstrdup(base);
		c[i] = names_add(&v->cols, name);
		free(name);
	}
	return c;
}

/* The header, in a fixed order, of only the columns some card uses. */
static int
build_header(struct crm_vcard *v)
{
	size_t i, k;

	for (i = 0; i <= K_OTHER; i++)
		v->c_kind[i] = -1;
	for (k = 0; k < sizeof props / sizeof props[0]; k++) {
		enum kind kd = props[k].kind;

		if (kd == K_N) {
			v->c_first = col_if(v, v->kinds[K_N] > 0, "first_name");
			v->c_last = col_if(v, v->kinds[K_N] > 0, "last_name");
			v->c_n = col_if(v, v->kinds[K_N] > 0, CRM_VCARD_N);
		} else if (kd == K_EMAIL) {
			v->c_email = col_if(v, v->nemails > 0, "email");
			v->c_emails = col_if(v, v->nemails > 1, "emails");
		} else if (kd == K_TEL) {
			/* The others as every other source's (lib/import.c
			 * split_phone, keep_own_phone), for one filter */
			v->c_tel = col_if(v, v->ntels > 0, "phone");
			v->c_more_tels = col_if(v, v->ntels > 1,
			    "other phones");
		} else if (kd == K_ADR) {
			v->c_adr = numbered(v, "address", v->nadrs);
		} else if (props[k].col && (v->kinds[kd] > 0 ||
		    kd == K_FN)) {	/* never a header of no columns */
			v->c_kind[kd] = names_add(&v->cols, props[k].col);
		}
	}
	v->c_type = col_if(v, v->kinds[K_KIND] > 0, "type");
	v->c_org = col_if(v, v->kinds[K_ORG] > 0 || v->kinds[K_XORG] > 0,
	    "org");
	v->c_unit = col_if(v, v->kinds[K_ORG] > 0, CRM_VCARD_UNIT);
	for (i = 0; i < v->dyn.n; i++)
		names_add(&v->cols, v->dyn.v[i]);
	v->c_other_ids = names_find(&v->cols, "other_ids");
	if (v->cols.n > CRM_COLS_MAX)
		return fail(v, 1, crm_xasprintf("more than %d columns",
		    CRM_COLS_MAX));
	v->vals = crm_xcalloc(v->cols.n ? v->cols.n : 1, sizeof *v->vals);
	v->out = crm_xcalloc(v->cols.n ? v->cols.n : 1, sizeof *v->out);
	return 0;
}

/* A reader over fp, which must be seekable (it is read twice). */
struct crm_vcard *
crm_vcard_new(FILE *fp)
{
	struct crm_vcard *v = crm_xcalloc(1, sizeof *v);

	v->fp = fp;
	return v;
}

/* Pass 1; then the header is known and the cards can be read. */
int
crm_vcard_scan(struct crm_vcard *v)
{
	if (walk(v, scan_prop, scan_edge) < 0 || build_header(v) < 0)
		return -1;
	if (fseek(v->fp, 0, SEEK_SET) != 0)
		return fail(v, 0, crm_xasprintf("cannot read it twice: %s",
		    strerror(errno)));
	v->line = 0, v->have_peek = v->peek_eof = 0;
	v->scanned = 1;
	return 0;
}

size_t
crm_vcard_header(const struct crm_vcard *v, char *const **names)
{
	*names = v->cols.v;
	return v->cols.n;
}

/*
 * Is column name an extra field of crm's by its own name (X-CRM-FIELD:
 * TEL;X-CRM-FIELD="Mobile Phone")?  Then it is that field, whatever a
 * sheet's header of that name would be read as: the phone, for one.
 */
int
crm_vcard_field(const struct crm_vcard *v, const char *name)
{
	return names_find(&v->fields, name) >= 0;
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ?
	    c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void
qp_decode(struct crm_buf *b, const char *s)
{
	int h, l;

	for (; *s; s++) {
		if (*s == '=' && (h = hexval(s[1])) >= 0 &&
		    (l = hexval(s[2])) >= 0) {
			crm_buf_addc(b, (char)(h * 16 + l));
			s += 2;
		} else {
			crm_buf_addc(b, *s);
		}
	}
}

/*
 * RFC 4648 base64 into b, spaces (a 2.1 value's folds) skipped; -1 when
 * s is not base64.  A vCard's ENCODING=b and an LDIF's "attr::" (ldif.c).
 */
int
crm_base64_decode(struct crm_buf *b, const char *s)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long acc = 0;
	int bits = 0, pad = 0;
	const char *p;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		if (*s == '=' && ++pad <= 2)
			continue;
		if (pad || (p = strchr(abc, *s)) == NULL)
			return -1;
		acc = (acc << 6 | (unsigned long)(p - abc)) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			crm_buf_addc(b, (char)(acc >> bits & 0xff));
		}
	}
	return 0;
}

/* v->dec from CHARSET to UTF-8; -1 if it cannot be. */
static int
convert(struct crm_vcard *v, const struct prop *pr)
{
	int r = crm_to_utf8(&v->dec, pr->charset);

	if (r == -1)
		card_bad(v, crm_xasprintf("%s: unknown CHARSET '%.40s'",
		    pr->name, pr->charset));
	if (r == -2)
		card_bad(v, crm_xasprintf("%s: bytes that are not valid %.40s",
		    pr->name, pr->charset));
	return r < 0 ? -1 : 0;
}

/* A quoted-printable =0D=0A is a line end: the one we store is "\n". */
static void
crlf(struct crm_buf *b)
{
	size_t i, j;

	for (i = j = 0; i < b->len; i++)
		if (!(b->s[i] == '\r' && i + 1 < b->len && b->s[i + 1] == '\n'))
			b->s[j++] = b->s[i];
	b->len = j;
	crm_buf_add(b, "", 0);
}

/* The value as UTF-8 text in v->dec, or -1 (the card is bad). */
static int
decode(struct crm_vcard *v, const struct prop *pr)
{
	crm_buf_reset(&v->dec);
	if (pr->b64 && pr->kind != K_OTHER) {
		/* Text crm reads, which a 2.1 phone may write so as others
		 * write quoted-printable; a property of no column of ours
		 * may hold any bytes (a KEY), and stays as written. */
		if (crm_base64_decode(&v->dec, pr->value) < 0) {
			card_bad(v, crm_xasprintf("%s: not base64, as its "
			    "ENCODING says", pr->name));
			return -1;
		}
	} else if (pr->qp)
		qp_decode(&v->dec, pr->value);
	else
		crm_buf_adds(&v->dec, pr->value);
	if (pr->charset && convert(v, pr) < 0)
		return -1;
	crlf(&v->dec);
	if (memchr(v->dec.s, '\0', v->dec.len)) {
		card_bad(v, crm_xasprintf("%s: contains a NUL byte", pr->name));
		return -1;
	}
	if (!crm_utf8_valid(v->dec.s, v->dec.len)) {
		card_bad(v, crm_msgf("%s: invalid UTF-8 (if the file is in "
		    "another encoding, name it with {encoding}, e.g. "
		    "{encoding} CP1252)", pr->name));
		return -1;
	}
	return 0;
}

/*
 * The next component of a structured value, split at an unescaped sep
 * (';' or ','), with RFC 6350's escapes undone: into b, and *s moved on.
 * Apple writes "\:" too.  0 when there is none left.
 */
static int
component(const char **s, int sep, struct crm_buf *b)
{
	const char *p = *s;

	crm_buf_reset(b);
	crm_buf_add(b, "", 0);
	if (p == NULL)
		return 0;
	for (; *p && *p != sep; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			crm_buf_addc(b, *p == 'n' || *p == 'N' ? '\n' : *p);
		} else {
			crm_buf_addc(b, *p);
		}
	}
	*s = *p ? p + 1 : NULL;
	return 1;
}

/* Add s to column col, after sep if it has something already. */
static void
put(struct crm_vcard *v, int col, const char *s, const char *sep)
{
	if (col < 0 || *s == '\0')
		return;
	if (v->vals[col].len > 0)
		crm_buf_adds(&v->vals[col], sep);
	crm_buf_adds(&v->vals[col], s);
}

static void
vlist_add(struct vlist *l, const char *s, int rank)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->off = crm_xreallocarray(l->off, l->cap, sizeof *l->off);
		l->rank = crm_xreallocarray(l->rank, l->cap, sizeof *l->rank);
	}
	l->off[l->n] = l->text.len;
	l->rank[l->n++] = rank;
	crm_buf_add(&l->text, s, strlen(s) + 1);
}

/* The most preferred value's index: the lowest PREF, the first on ties. */
static size_t
vlist_best(const struct vlist *l)
{
	size_t i, best = 0;

	for (i = 1; i < l->n; i++)
		if (l->rank[i] < l->rank[best])
			best = i;
	return best;
}

/* "street, city, region postcode, country", empty parts left out. */
static void
address(const char *s, struct crm_buf *out)
{
	struct crm_buf c = { 0 };
	char *part[7] = { 0 };
	size_t i;

	for (i = 0; i < 7 && component(&s, ';', &c); i++)
		part[i] = crm_xstrdup(c.s);
	crm_buf_reset(out);
	for (i = 0; i < 7; i++) {
		if (part[i] == NULL || *part[i] == '\0')
			continue;
		/* region and postcode share a part: "GA 30303" */
		crm_buf_adds(out, out->len == 0 ? "" : i == 5 && part[4] &&
		    *part[4] ? " " : ", ");
		crm_buf_adds(out, part[i]);
	}
	crm_buf_add(out, "", 0);
	for (i = 0; i < 7; i++)
		free(part[i]);
	crm_buf_free(&c);
}

/* Another program's ADR j's parts into their fields (scan_adr's). */
static void
foreign_parts(struct crm_vcard *v, const char *s, size_t j)
{
	char *comp[7], *name;
	size_t k;
	int other = adr_components(s, comp);

	for (k = 0; k < 7; k++) {
		if (comp[k] && other && j <= CRM_ADR_MAX) {
			name = adr_field(j, k);
			put(v, names_find(&v->cols, name), comp[k], ", ");
			free(name);
		}
		free(comp[k]);
	}
}

/* crm's ADR: each component into the field X-CRM-FIELDS names. */
static void
parts(struct crm_vcard *v, const struct prop *pr, const char *s)
{
	char *name[7];
	size_t k;

	part_names(pr, name);
	for (k = 0; k < 7 && component(&s, ';', &v->tmp); k++)
		if (name[k] && *name[k])
			put(v, names_find(&v->cols, name[k]), v->tmp.s, ", ");
	for (k = 0; k < 7; k++)
		free(name[k]);
}

/*
 * ORG: the organisation's name the company, its units (RFC 6350 6.6.4:
 * ORG:ABC\, Inc.;North American Division;Marketing) the department,
 * joined by " / ": so that a book that says the unit and one that does
 * not give the same company, and a filter on it finds both.
 */
static void
org(struct crm_vcard *v, const char *s)
{
	int col = v->c_kind[K_ORG], first = v->orgname.len == 0, k;

	for (k = 0; component(&s, ';', &v->tmp); k++) {
		if (k == 0 && first)	/* the first ORG's organisation */
			crm_buf_adds(&v->orgname, crm_trim(v->tmp.s));
		put(v, k == 0 ? col : v->c_unit, crm_trim(v->tmp.s),
		    k == 0 ? ", " : " / ");	/* ", ": a second ORG */
	}
}

/*
 * KIND (RFC 6350: individual, group, org, location, or a name of some
 * other registry's or vendor's) and X-ABShowAs (COMPANY, PERSON).  A
 * place's card, or one of a kind crm does not know, is no customer: it
 * is skipped as a group's is, not taken for a person.
 */
static void
kind(struct crm_vcard *v, const char *s)
{
	const char *t;

	component(&s, '\0', &v->tmp);
	t = crm_trim(v->tmp.s);
	if (strcasecmp(t, "org") == 0 || strcasecmp(t, "organization") == 0 ||
	    strcasecmp(t, "company") == 0)
		v->is_org = 1;
	else if (strcasecmp(t, "group") == 0)
		v->is_group = 1;
	else if (*t && strcasecmp(t, "individual") != 0 &&
	    strcasecmp(t, "person") != 0) {
		v->is_other = 1;
		if (v->others == 0)
			snprintf(v->other_kind, sizeof v->other_kind, "%s", t);
	}
}

/*
 * Apple's date with no year (BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15, on
 * ANNIVERSARY and X-ABDATE too): the year it names is a placeholder, and
 * the date is --03-15 as vCard 4.0 and Google write it.  A date of
 * another year than the one named keeps its year.
 */
static void
omit_year(const struct prop *pr, struct crm_buf *b)
{
	const char *y = pr->omit_year, *s = b->s;
	char md[4];

	if (y == NULL || strlen(y) != 4 || strspn(y, "0123456789") != 4 ||
	    strncmp(s, y, 4) != 0)
		return;
	if (s[4] == '-' && strspn(s + 5, "0123456789") == 2 && s[7] == '-' &&
	    strspn(s + 8, "0123456789") == 2 && s[10] == '\0')
		memcpy(md, s + 5, 2), memcpy(md + 2, s + 8, 2);
	else if (strspn(s + 4, "0123456789") == 4 && s[8] == '\0')
		memcpy(md, s + 4, 4);	/* the basic form, 16040315 */
	else
		return;
	crm_buf_reset(b);
	crm_buf_addf(b, "--%.2s-%.2s", md, md + 2);
}

/*
 * Apple's fax label of the card's TEL in item group g (item3.TEL:... then
 * item3.X-ABLabel:_$!<WorkFAX>!$_): the number is the field "fax", as
 * TEL;TYPE=FAX's is (own_field), and no phone.
 */
static void
tel_fax(struct crm_vcard *v, const char *g)
{
	struct vlist *gl = &v->tel_groups, *tl = &v->tels;
	size_t i, k, t;
	int col = names_find(&v->cols, CRM_VCARD_FAX);

	for (i = 0; g && i < gl->n; i++)
		if (gl->rank[i] >= 0 &&
		    strcasecmp(gl->text.s + gl->off[i], g) == 0)
			break;
	if (col < 0 || g == NULL || i == gl->n)
		return;
	t = (size_t)gl->rank[i];
	put(v, col, tl->text.s + tl->off[t], ", ");
	memmove(tl->off + t, tl->off + t + 1,
	    (tl->n - t - 1) * sizeof *tl->off);
	memmove(tl->rank + t, tl->rank + t + 1,
	    (tl->n - t - 1) * sizeof *tl->rank);
	tl->n--;
	gl->rank[i] = -1;	/* taken */
	for (k = 0; k < gl->n; k++)	/* the TELs after it moved up */
		if (gl->rank[k] > (int)t)
			gl->rank[k]--;
}

/*
 * Apple's X-ABLabel of the card's ADR in its item group: the address's
 * label ("Address j - Label"), in place of one its TYPE gave, as Apple
 * shows it: its own words for _$!<Home>!$_, _$!<Work>!$_, _$!<Other>!$_
 * (Home, Work, Other), a label of the user's as written.  Another
 * value's label is dropped (scan_ablabel).
 */
static void
ablabel(struct crm_vcard *v, const struct prop *pr, const char *s)
{
	size_t j = group_adr(v, pr->group), n;
	char *name, *t;
	int col;

	if (j == 0) {
		if (fax_label(s))
			tel_fax(v, pr->group);
		return;
	}
	component(&s, '\0', &v->tmp);
	t = crm_trim(v->tmp.s);
	n = strlen(t);
	if (n > 8 && strncmp(t, "_$!<", 4) == 0 &&
	    strcmp(t + n - 4, ">!$_") == 0) {
		t[n - 4] = '\0';
		t += 4;
	}
	name = crm_xasprintf("Address %zu - Label", j);
	if ((col = names_find(&v->cols, name)) >= 0 && *t) {
		crm_buf_reset(&v->vals[col]);
		put(v, col, t, "");
	}
	free(name);
}

/* Pass 2: one property's value into its column. */
static int
card_prop(struct crm_vcard *v, struct prop *pr)
{
	const char *s;
	char *name, *t;
	int col;

	if (decode(v, pr) < 0)
		return 0;	/* the card is bad; read on to its end */
	s = v->dec.s;
	switch (pr->kind) {
	case K_N:
		if (!v->has_n)
			crm_buf_adds(&v->n, v->dec.s);
		v->has_n = 1;
		component(&s, ';', &v->tmp);
		put(v, v->c_last, v->tmp.s, " ");
		component(&s, ';', &v->tmp);
		put(v, v->c_first, v->tmp.s, " ");
		break;
	case K_ORG:
		org(v, s);
		break;
	case K_KIND:
		kind(v, s);
		break;
	case K_XORG:
		component(&s, '\0', &v->tmp);
		crm_buf_reset(&v->xorg);
		crm_buf_adds(&v->xorg, crm_trim(v->tmp.s));
		v->has_xorg = 1;
		break;
	case K_EMAIL:
		component(&s, '\0', &v->tmp);
		if (*(t = crm_trim(v->tmp.s)))
			vlist_add(&v->emails, t, pr->rank);
		break;
	case K_TEL:
		component(&s, '\0', &v->tmp);
		t = crm_trim(v->tmp.s);
		if (strncasecmp(t, "tel:", 4) == 0)	/* 4.0: a URI */
			t += 4;
		if (*t)
			vlist_add(&v->tels, t, pr->rank);
		if (*t && pr->group && *pr->group)	/* its X-ABLabel's */
			vlist_add(&v->tel_groups, pr->group,
			    (int)v->tels.n - 1);
		break;
	case K_PARTS:
		parts(v, pr, s);
		break;
	case K_ADR:
		if (pr->parts) {	/* crm's: the parts, and the address */
			parts(v, pr, s);
			vlist_add(&v->adrs, pr->label, pr->rank);
			break;
		}
		address(s, &v->tmp);
		if (v->tmp.len > 0) {
			vlist_add(&v->adrs, v->tmp.s, pr->rank);
			adr_group(v, pr, v->adrs.n);
			foreign_parts(v, s, v->adrs.n);
			if ((name = adr_label(pr, v->adrs.n)) != NULL) {
				put(v, names_find(&v->cols, name), pr->type,
				    ", ");
				free(name);
			}
		}
		break;
	case K_ABLABEL:
		ablabel(v, pr, s);
		break;
	case K_CATEGORIES:	/* "Dublin\\, Ireland" is one category */
		while (component(&s, ',', &v->tmp))
			put(v, v->c_kind[K_CATEGORIES],
			    crm_tag_uncomma(v->tmp.s), ",");
		break;
	case K_ID: case K_FIELD: case K_OTHER:
		name = dyn_name(pr);
		col = names_find(&v->cols, name);
		free(name);
		if (pr->as == K_ADR) {
			address(s, &v->tmp);
		} else {
			component(&s, '\0', &v->tmp);
			if (pr->as == K_TEL && strncasecmp(v->tmp.s, "tel:",
			    4) == 0)
				memmove(v->tmp.s, v->tmp.s + 4,
				    strlen(v->tmp.s + 4) + 1);
			omit_year(pr, &v->tmp);
		}
		put(v, col, v->tmp.s, pr->as == K_NOTE ? "\n" : ", ");
		break;
	default:
		component(&s, '\0', &v->tmp);
		omit_year(pr, &v->tmp);
		put(v, v->c_kind[pr->kind], v->tmp.s, pr->kind == K_NOTE ?
		    "\n" : ", ");
	}
	return 0;
}

static void
vlist_reset(struct vlist *l)
{
	crm_buf_reset(&l->text);
	l->n = 0;
}

/* The preferred email and phone first, the others after. */
static void
card_lists(struct crm_vcard *v)
{
	size_t i, best;

	if (v->emails.n > 0) {
		best = vlist_best(&v->emails);
		put(v, v->c_email, v->emails.text.s + v->emails.off[best], "");
		for (i = 0; i < v->emails.n; i++)
			if (i != best)
				put(v, v->c_emails, v->emails.text.s +
				    v->emails.off[i], ", ");
	}
	if (v->tels.n > 0) {
		best = vlist_best(&v->tels);
		put(v, v->c_tel, v->tels.text.s + v->tels.off[best], "");
		for (i = 0; i < v->tels.n; i++)
			if (i != best)
				put(v, v->c_more_tels, v->tels.text.s +
				    v->tels.off[i], ", ");
	}
	for (i = 0; i < v->adrs.n && i < v->nadrs; i++)
		put(v, v->c_adr[i], v->adrs.text.s + v->adrs.off[i], ", ");
}

/*
 * A person's FN that is one of the card's e-mails, with no N (or an empty
 * one), names nobody: it is what a card must have (RFC 6350: FN is
 * required) for someone with no name, as out.c writes it and address
 * books show it.  The name stays empty, so that a round trip changes
 * nothing; a name that is an e-mail as well keeps its N.
 */
static void
no_name(struct crm_vcard *v)
{
	int fn = v->c_kind[K_FN];
	size_t i;

	if (fn < 0 || v->is_org || (v->c_first >= 0 &&
	    v->vals[v->c_first].len > 0) || (v->c_last >= 0 &&
	    v->vals[v->c_last].len > 0))
		return;
	for (i = 0; i < v->emails.n; i++)
		if (strcasecmp(crm_buf_str(&v->vals[fn]),
		    v->emails.text.s + v->emails.off[i]) == 0) {
			crm_buf_reset(&v->vals[fn]);
			return;
		}
}

static int n_fits(const char *kept, const char *name);

/*
 * The parts of N crm's fields on the card give (X-CRM-FIELD;NAME="Middle
 * Name": crm_vcard_n_part), as out.c wrote N from them.
 */
static void
n_parts(struct crm_vcard *v, const char *parts[5])
{
	size_t i;
	int k;

	for (i = 0; i < v->cols.n; i++)
		if (names_find(&v->fields, v->cols.v[i]) >= 0 &&
		    (k = crm_vcard_n_part(v->cols.v[i],
		    crm_buf_str(&v->vals[i]))) >= 0)
			parts[k] = crm_buf_str(&v->vals[i]);
}

/*
 * The card's N, with its five components (a 2.1 card may write two), as
 * a field (CRM_VCARD_N) when its name would not give it back (crm_vcard_n)
 * and it is this name's: "García López;María José", which "María José
 * García López" splits otherwise, goes out as it came in.
 */
static void
keep_n(struct crm_vcard *v)
{
	struct crm_buf name = { 0 }, d = { 0 };
	const char *p, *parts[5] = { 0 };
	size_t semis = 0;

	if (!v->has_n || v->c_n < 0 || v->is_org)
		return;
	for (p = crm_buf_str(&v->n); *p; p++)
		if (*p == '\\' && p[1])
			p++;
		else if (*p == ';')
			semis++;
	for (; semis < 4; semis++)
		crm_buf_addc(&v->n, ';');
	crm_buf_adds(&name, crm_buf_str(&v->vals[v->c_kind[K_FN]]));
	if (name.len == 0 && v->c_first >= 0) {	/* as lib/import.c joins */
		crm_buf_adds(&name, crm_buf_str(&v->vals[v->c_first]));
		crm_buf_adds(&name, name.len ? " " : "");
		crm_buf_adds(&name, crm_buf_str(&v->vals[v->c_last]));
	}
	n_parts(v, parts);
	crm_vcard_n(&d, crm_buf_str(&name), NULL, parts);
	if (strcmp(crm_buf_str(&d), crm_buf_str(&v->n)) != 0 &&
	    n_fits(crm_buf_str(&v->n), crm_buf_str(&name)))
		put(v, v->c_n, crm_buf_str(&v->n), "");
	crm_buf_free(&name);
	crm_buf_free(&d);
}

static void
card_edge(struct crm_vcard *v, int begin)
{
	size_t i;

	if (begin) {
		v->photo = 0;
		for (i = 0; i < v->cols.n; i++)
			crm_buf_reset(&v->vals[i]);
		vlist_reset(&v->emails);
		vlist_reset(&v->tels);
		vlist_reset(&v->adrs);
		vlist_reset(&v->adr_groups);
		vlist_reset(&v->tel_groups);
		crm_buf_reset(&v->orgname);
		crm_buf_reset(&v->xorg);
		crm_buf_reset(&v->n);
		v->has_n = 0;
		v->has_xorg = v->is_org = v->is_group = v->is_other = 0;
		free(v->bad);
		v->bad = NULL;
		v->cardline = v->pline;
		return;
	}
	card_lists(v);
	no_name(v);
	keep_n(v);
	put(v, v->c_type, v->is_org ? "org" : "person", "");
	if (!v->is_org)
		put(v, v->c_org, crm_buf_str(v->has_xorg ? &v->xorg :
		    &v->orgname), "");
}

/*
 * The next card: CRM_REC_OK or CRM_REC_BAD with *vals (one value a
 * column) and *line (its BEGIN:VCARD); crm_vcard_error says what is
 * wrong with a bad one.  CRM_REC_EOF, or CRM_REC_FATAL.
 */
int
crm_vcard_next(struct crm_vcard *v, const char *const **vals, long *line)
{
	char num[32];
	size_t i;
	int r;

	if (v->err || !v->scanned)
		return CRM_REC_FATAL;
	/* A group's card is skipped, and the groups counted at the end:
	 * a group is no person (its members are their own cards). */
	while ((r = walk(v, card_prop, card_edge)) > 0 && (v->is_group ||
	    v->is_other) && !v->bad)
		*(v->is_group ? &v->groups : &v->others) += 1;
	if (r < 0)
		return CRM_REC_FATAL;
	if (r == 0) {
		if (v->groups)
			crm_warn("%s contact group card%s skipped: a group is "
			    "not a customer", crm_fmt_count(v->groups, num),
			    v->groups == 1 ? "" : "s");
		if (v->others)
			crm_warn("%s card%s of another kind (%sKIND:%s) "
			    "skipped: neither a person nor an organisation",
			    crm_fmt_count(v->others, num),
			    v->others == 1 ? "" : "s", v->others ==
			    1 ? "" : "the first: ", v->other_kind);
		/* crm keeps no pictures: said, not dropped without a word */
		if (v->photos)
			crm_warn("%ld %s not kept: crm keeps no pictures",
			    v->photos, v->photos == 1 ? "card's photo" :
			    "cards' photos");
		v->groups = v->others = v->photos = 0;
		return CRM_REC_EOF;
	}
	v->photos += v->photo;
	for (i = 0; i < v->cols.n; i++)
		v->out[i] = crm_buf_str(&v->vals[i]);
	*vals = v->out;
	*line = v->cardline;
	return v->bad ? CRM_REC_BAD : CRM_REC_OK;
}

/* The error (fatal, or the last card's), and its line. */
const char *
crm_vcard_error(const struct crm_vcard *v, long *line)
{
	if (line)
		*line = v->err ? v->errline : v->badline;
	return v->err ? v->err : v->bad;
}

static void
vlist_free(struct vlist *l)
{
	crm_buf_free(&l->text);
	free(l->off);
	free(l->rank);
}

void
crm_vcard_free(struct crm_vcard *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v->vals && i < v->cols.n; i++)
		crm_buf_free(&v->vals[i]);
	free(v->vals);
	free(v->out);
	free(v->c_adr);
	names_free(&v->dyn);
	names_free(&v->fields);
	names_free(&v->cols);
	vlist_free(&v->emails);
	vlist_free(&v->tels);
	vlist_free(&v->adrs);
	vlist_free(&v->adr_groups);
	vlist_free(&v->tel_groups);
	crm_buf_free(&v->orgname);
	crm_buf_free(&v->xorg);
	crm_buf_free(&v->n);
	crm_buf_free(&v->cur);
	crm_buf_free(&v->peek);
	crm_buf_free(&v->dec);
	crm_buf_free(&v->tmp);
	free(v->err);
	free(v->bad);
	free(v);
}

/*
 * N (RFC 6350 6.2.2: family; given; additional; prefixes; suffixes) from
 * a display name, for a card whose own N was not kept.  Address books
 * file and sort by it, so a split that may be wrong is not made: a name
 * it cannot take apart safely is all family name, as one word is.
 */
static const char *const n_prefixes[] = { "dr", "mr", "mrs", "ms", "miss",
	"mx", "prof", "sir", "dame", "lord", "lady", "rev", "revd", "fr",
	"hon", "herr", "frau", "mme", "mlle", "dr-ing", "dipl-ing", NULL };
/*
 * A German or Austrian doctorate's faculty after Dr. or Prof., written
 * in lower case with a dot: "Dr. med.", "Dr. rer. nat.", "Dr. h.c." is
 * one prefix ("Dr. Phil Smith" is Phil's).
 */
static const char *const n_faculties[] = { "med", "dent", "vet", "rer",
	"nat", "pol", "soc", "oec", "phil", "jur", "iur", "theol", "hc",
	"habil", "sc", "techn", "agr", "mult", "publ", NULL };
/* post-nominals: generations, degrees, professions, honours ("Ph.D.") */
static const char *const n_suffixes[] = { "jr", "sr", "ii", "iii", "iv",
	"phd", "dphil", "md", "esq", "mba", "cpa", "dds", "dvm", "jd", "llm",
	"msc", "bsc", "kc", "qc", "obe", "mbe", "cbe", "frcs", NULL };
/* post-nominals that are family names too ("Ann Ma"): only as capitals */
static const char *const n_suffixes_caps[] = { "BA", "MA", "PE", "RN", NULL };
/* a family name's first word: "Jan van der Berg" is of "van der Berg" */
static const char *const n_particles[] = { "van", "von", "de", "der", "den",
	"da", "di", "du", "del", "della", "la", "le", "bin", "ibn", "al",
	"ten", "ter", NULL };
/* a company's name, never a person's to take apart */
static const char *const n_company[] = { "inc", "ltd", "llc", "gmbh", "ag",
	"corp", "plc", "limited", "co", "company", NULL };

/* Is the word w[0..n) one of list's, case and dots aside ("Ph.D.")? */
static int
n_word_in(const char *w, size_t n, const char *const *list)
{
	char lc[16];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (w[i] == '.')
			continue;
		if (k + 1 >= sizeof lc)
			return 0;
		lc[k++] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	}
	lc[k] = '\0';
	for (i = 0; list[i]; i++)
		if (strcmp(lc, list[i]) == 0)
			return 1;
	return 0;
}

/* Is the word w a post-nominal: any case, or one of the capitals-only? */
static int
n_suffix(const char *w)
{
	char up[8];
	size_t i, k = 0;

	if (n_word_in(w, strlen(w), n_suffixes))
		return 1;
	for (i = 0; w[i]; i++) {
		if (w[i] == '.')
			continue;
		if (k + 1 >= sizeof up)
			return 0;
		up[k++] = w[i];
	}
	up[k] = '\0';
	for (i = 0; n_suffixes_caps[i]; i++)
		if (strcmp(up, n_suffixes_caps[i]) == 0)
			return 1;
	return 0;
}

/* Is w a faculty of the prefix before it ("med." of "Dr. med.")? */
static int
n_faculty(const char *w)
{
	size_t n = strlen(w);

	return n > 1 && w[n - 1] == '.' && w[0] >= 'a' && w[0] <= 'z' &&
	    n_word_in(w, n, n_faculties);
}

/* How many of the words w[0..n) are prefixes, with their faculties. */
static size_t
n_prefix_words(char *const *w, size_t n)
{
	size_t lo = 0;

	while (lo < n && (n_word_in(w[lo], strlen(w[lo]), n_prefixes) ||
	    (lo > 0 && n_faculty(w[lo]))))
		lo++;
	return lo;
}

/*
 * The prefixes w[0..n) as N's list: ',' between two ("Prof.,Dr."), a
 * space before a faculty, which is of the one before ("Dr. med.").
 */
static void
n_prefixes_out(struct crm_buf *b, char *const *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			crm_buf_addc(b, n_faculty(w[i]) ? ' ' : ',');
		crm_ics_text(b, w[i]);
	}
}

/* The words of s (allocated copies), split at spaces and tabs. */
static char **
n_words(const char *s, size_t *n)
{
	char **w = NULL;
	size_t len;

	*n = 0;
	for (;;) {
		s += strspn(s, " \t");
		if (*s == '\0')
			return w;
		len = strcspn(s, " \t");
		w = crm_xreallocarray(w, *n + 1, sizeof *w);
		w[(*n)++] = crm_xstrndup(s, len);
		s += len;
	}
}

/*
 * Words from..to-1 joined by sep: ',' between one component's values
 * ("Dr.,Prof."), ' ' within one value ("van der Berg").
 */
static void
n_words_out(struct crm_buf *b, char *const *w, size_t from, size_t to,
    char sep)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (i > from)
			crm_buf_addc(b, sep);
		crm_ics_text(b, w[i]);
	}
}

/* Are all words of s suffixes ("Jr.", "Jr. PhD")?  Not for none. */
static int
n_all_suffixes(const char *s)
{
	char **w;
	size_t i, n;
	int r;

	w = n_words(s, &n);
	for (r = n > 0, i = 0; i < n; i++)
		r &= n_suffix(w[i]);
	crm_free_list(w, n);
	return r;
}

/* Are all words of s prefixes ("Dr.", "Prof. Dr. med.")?  Not for none. */
static int
n_all_prefixes(const char *s)
{
	char **w;
	size_t n;
	int r;

	w = n_words(s, &n);
	r = n > 0 && n_prefix_words(w, n) == n;
	crm_free_list(w, n);
	return r;
}

/* Could s be a person's name to take apart?  Not "Acme Supplies Ltd". */
static int
n_safe(char *const *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strpbrk(w[i], "0123456789&@/()\"+") || n_word_in(w[i],
		    strlen(w[i]), n_company))
			return 0;
	return 1;
}

/* Is the text s one of safe words, and some? */
static int
n_safe_text(const char *s)
{
	char **w;
	size_t n;
	int r;

	w = n_words(s, &n);
	r = n > 0 && n_safe(w, n);
	crm_free_list(w, n);
	return r;
}

/*
 * The words of given (prefixes first, suffixes last) taken apart into
 * N's components in b; family, when a comma gave it apart ("Appleseed,
 * Johnny Q."), is the family name; sfx, the suffixes after a comma
 * ("King, Jr."), joins the suffixes, and pfx, the prefixes after one
 * ("Lee, Ann, Dr."), the prefixes.  0, and b as it was, when they
 * cannot be taken apart safely.
 */
static int
n_split(struct crm_buf *b, const char *given, const char *family,
    const char *sfx, const char *pfx)
{
	char **w, **sw, **pw;
	size_t n, ns, np, lo, hi, mid;
	int ok;

	w = n_words(given, &n);
	sw = n_words(sfx ? sfx : "", &ns);
	pw = n_words(pfx ? pfx : "", &np);
	hi = n;
	lo = n_prefix_words(w, n);
	while (hi > lo && n_suffix(w[hi - 1]))
		hi--;
	ok = n_safe(w, n) && (family ? n_safe_text(family) : hi > lo);
	if (ok) {
		/* given, additional names, then the family name: the last
		 * word, or from its particle on */
		mid = hi;
		if (family == NULL)
			for (mid = lo + 1 < hi ? lo + 1 : lo; mid + 1 < hi &&
			    !n_word_in(w[mid], strlen(w[mid]), n_particles);
			    mid++)
				;
		if (family)
			crm_ics_text(b, family);
		else
			n_words_out(b, w, mid, hi, ' ');
		crm_buf_addc(b, ';');
		if (mid > lo)
			crm_ics_text(b, w[lo]);
		crm_buf_addc(b, ';');
		if (mid > lo + 1)
			n_words_out(b, w, lo + 1, mid, ',');
		crm_buf_addc(b, ';');
		n_prefixes_out(b, w, lo);
		if (lo > 0 && np > 0)
			crm_buf_addc(b, ',');
		n_prefixes_out(b, pw, np);
		crm_buf_addc(b, ';');
		n_words_out(b, w, hi, n, ',');
		if (hi < n && ns > 0)
			crm_buf_addc(b, ',');
		n_words_out(b, sw, 0, ns, ',');
	}
	crm_free_list(w, n);
	crm_free_list(sw, ns);
	crm_free_list(pw, np);
	return ok;
}

/*
 * N's value for name, escaped, appended to b: "Dr. Johnny Q. Appleseed
 * Jr." is Appleseed;Johnny;Q.;Dr.;Jr., "Appleseed, Johnny" (Last, First)
 * Appleseed;Johnny;;;, "Martin Luther King, Jr." King;Martin;Luther;;Jr.,
 * "Lee, Ann, Dr." (Last, First, Title) and "Ann Lee, Dr." Lee;Ann;;Dr.;,
 * "Dr. med. Anna Schmidt" Schmidt;Anna;;Dr. med.;.  A name that is not
 * safely a person's words (a company's, more commas, digits) is all
 * family name: sorted as written, never split wrongly.  0 then.
 */
static int
n_derive(struct crm_buf *b, const char *name)
{
	char *s = crm_xstrdup(name), *t = crm_trim(s), *comma, *sfx = NULL,
	    *pfx = NULL;
	int ok;

	/* "King, Jr., PhD": the suffixes after the last commas */
	while ((comma = strrchr(t, ',')) && n_all_suffixes(comma + 1)) {
		*comma = ' ';
		sfx = comma + 1;
	}
	if (sfx)
		sfx[-1] = '\0';
	/* "Lee, Ann, Dr.", "Ann Lee, Dr.": the prefixes after the name */
	if ((comma = strrchr(t, ',')) && n_all_prefixes(comma + 1)) {
		*comma = '\0';
		pfx = comma + 1;
	}
	comma = strchr(t, ',');
	if (comma && strchr(comma + 1, ',')) {
		ok = 0;		/* "A, B, C": whose is which? */
	} else if (comma) {
		*comma = '\0';
		ok = n_split(b, comma + 1, crm_trim(t), sfx, pfx);
	} else {
		ok = n_split(b, t, NULL, sfx, pfx);
	}
	free(s);
	if (!ok) {
		s = crm_xstrdup(name);
		crm_ics_text(b, crm_trim(s));
		crm_buf_adds(b, ";;;;");
		free(s);
	}
	return ok;
}

/*
 * The component (2 additional names, 3 prefixes, 4 suffixes) of N an
 * extra field with this value gives, or -1: Google Contacts' Middle Name
 * (Additional Name in its older CSV), Name Prefix and Name Suffix, and
 * Outlook's Middle Name, Suffix and Title, which crm-add keeps beside a
 * Job Title as a salutation (so only one of prefixes' words: Dr., Mrs.).
 */
int
crm_vcard_n_part(const char *field, const char *value)
{
	if (value == NULL || *value == '\0')
		return -1;
	if (strcasecmp(field, "Middle Name") == 0 ||
	    strcasecmp(field, "Additional Name") == 0)
		return 2;
	if (strcasecmp(field, "Name Prefix") == 0 ||
	    (strcasecmp(field, "Title") == 0 && n_all_prefixes(value)))
		return 3;
	if (strcasecmp(field, "Name Suffix") == 0 ||
	    strcasecmp(field, "Suffix") == 0)
		return 4;
	return -1;
}

/* Past N's next component in the escaped s (at its ';' or its end). */
static const char *
n_next(const char *s)
{
	for (; *s && *s != ';'; s++)
		if (*s == '\\' && s[1])
			s++;
	return s;
}

/*
 * The escaped N d with parts[2..4] (when given) as its additional names,
 * prefixes and suffixes, appended to b.
 */
static void
n_with_parts(struct crm_buf *b, const char *d, const char *const parts[5])
{
	const char *end;
	int k;

	for (k = 0; k < 5; k++) {
		end = n_next(d);
		if (k > 0)
			crm_buf_addc(b, ';');
		if (k >= 2 && parts[k] && *parts[k])
			crm_ics_text(b, parts[k]);
		else
			crm_buf_add(b, d, (size_t)(end - d));
		d = *end ? end + 1 : end;
	}
}

/*
 * Is kept (a card's N, escaped) this name's?  Its family name (or, with
 * none, its given name) is in it.  A customer renamed since is not.
 */
static int
n_fits(const char *kept, const char *name)
{
	struct crm_buf c = { 0 };
	const char *s = kept;
	int r;

	if (kept == NULL || strpbrk(kept, "\r\n") || name == NULL)
		return 0;
	component(&s, ';', &c);
	if (c.len == 0)
		component(&s, ';', &c);
	r = c.len > 0 && strstr(name, crm_trim(c.s)) != NULL;
	crm_buf_free(&c);
	return r;
}

/*
 * N's value for a customer named name, escaped, into b: kept, the N of
 * the card it came from (CRM_VCARD_N), while it is this name's, else
 * N from the name, with the additional names, prefixes and suffixes of
 * parts (the customer's fields crm_vcard_n_part names; NULL for none)
 * when the name is a person's to take apart.
 */
void
crm_vcard_n(struct crm_buf *b, const char *name, const char *kept,
    const char *const parts[5])
{
	struct crm_buf d = { 0 };

	if (kept && *kept && n_fits(kept, name)) {
		crm_buf_adds(b, kept);
		return;
	}
	if (n_derive(&d, name ? name : "") && parts)
		n_with_parts(b, crm_buf_str(&d), parts);
	else
		crm_buf_adds(b, crm_buf_str(&d));
	crm_buf_free(&d);
}
