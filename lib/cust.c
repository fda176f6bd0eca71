/*
 * cust.c - customers: checking and normalising a record, finding one by
 * any of its keys, adding, updating, merging and reassigning, each with a
 * row in the audit trail.
 *
 * A customer is known by its id, its external_id (the id in the system it
 * came from) or its normalised e-mail (trimmed, lower case); the last two
 * are unique, so one person cannot come in twice from two spreadsheets.
 * Callers hold the transaction; these functions only run statements.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

/* Indexed by enum crm_cfield; the names are also the SQL column names. */
static const char *const colnames[CRM_C_NFIELDS] = {
	"external_id", "name", "company", "email", "phone", "industry",
	"tier", "owner", "status", "created", "role", "domain",
};

static const char *const statuses[] = {
	"lead", "prospect", "active", "inactive", "lost",
};

static int
has(const char *v)
{
	return v && *v;
}

const char *
crm_cust_colname(int i)
{
	return i >= 0 && i < CRM_C_NFIELDS ? colnames[i] : NULL;
}

int
crm_cust_colindex(const char *name)
{
	int i;

	for (i = 0; i < CRM_C_NFIELDS; i++)
		if (strcmp(name, colnames[i]) == 0)
			return i;
	return -1;
}

/*
 * Whether a column or field names people (an e-mail, a name, an extra
 * field: anything but what says what kind of customer), so that listing
 * it discloses them.  The kinds: the customer's and its owner's.
 */
int
crm_names_people(const char *name)
{
	static const char *const kinds[] = { "product", "owner", "tier",
	    "industry", "status", "type", "role", "created", "updated" };

	return !crm_in_list(name, kinds, CRM_NELEM(kinds));
}

/*
 * A value of c: its own allocation, or (an import row's) a piece of
 * c->arena, freed with it: one malloc a row instead of one a cell.
 */
static void
release(const struct crm_cust *c, char *v)
{
	uintptr_t p = (uintptr_t)v, a = (uintptr_t)c->arena;

	if (c->arena == NULL || p < a || p >= a + c->narena)
		free(v);
}

/*
 * A name an extra field cannot have: a column's or one of our own, in
 * any case ("Email" beside email would be a puzzle in every export).
 */
int
crm_cust_reserved(const char *name)
{
	static const char *const own[] = { "id", "tags", "updated" };
	static unsigned long long lens;	/* the names' lengths, as bits */
	static unsigned char firsts[256];	/* and first letters */
	size_t i, n = strlen(name);
	int k;

	/* Asked for every cell of an import's row (a wide file's thousands):
	 * most names are told apart by length and first letter alone. */
	if (lens == 0) {
		for (k = 0; k < CRM_C_NFIELDS; k++) {
			lens |= 1ULL << strlen(crm_cust_colname(k));
			firsts[tolower((unsigned char)*crm_cust_colname(k))] = 1;
		}
		for (i = 0; i < sizeof own / sizeof own[0]; i++) {
			lens |= 1ULL << strlen(own[i]);
			firsts[(unsigned char)*own[i]] = 1;
		}
	}
	if (n >= 64 || !(lens >> n & 1) ||
	    !firsts[tolower((unsigned char)*name)])
		return 0;
	for (k = 0; k < CRM_C_NFIELDS; k++)
		if (strcasecmp(name, crm_cust_colname(k)) == 0)
			return 1;
	for (i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcasecmp(name, own[i]) == 0)
			return 1;
	return 0;
}

void
crm_cust_free(struct crm_cust *c)
{
	size_t i;

	for (i = 0; i < CRM_C_NFIELDS; i++)
		release(c, c->v[i]);
	for (i = 0; i < c->nfields; i++) {
		free(c->fields[i].key);
		release(c, c->fields[i].value);
	}
	free(c->fields);
	free(c->fslot);
	free(c->arena);
	crm_free_list(c->tags, c->ntags);
	crm_free_list(c->untags, c->nuntags);
	memset(c, 0, sizeof *c);
}

void
crm_cust_set(struct crm_cust *c, int col, const char *value)
{
	release(c, c->v[col]);
	c->v[col] = value ? crm_xstrdup(value) : NULL;
}

void
crm_cust_field(struct crm_cust *c, const char *key, const char *value)
{
	crm_cust_field_take(c, key, crm_xstrdup(value));
}

/*
 * The key a field given by hand (crm-add -F KEY=VALUE) is kept under:
 * an address's ("Address", "ADDRESS 2") as crm's own, lower case, which
 * a vCard's ADR and a sheet's Address fill, and -o vcard pairs with its
 * parts; a key c has already in another ASCII case ("CITY" after
 * "city") that one, the same field, as set_field finds a kept one.
 * Allocated.
 */
char *
crm_cust_field_key(const struct crm_cust *c, const char *key)
{
	size_t i;
	char *k;

	if (strcasecmp(key, "address") == 0 || (strncasecmp(key, "address ",
	    8) == 0 && key[8] >= '1' && key[8] <= '9' &&
	    strspn(key + 8, "0123456789") == strlen(key + 8) &&
	    strlen(key + 8) <= 2)) {
		k = crm_xstrdup(key);
		for (i = 0; k[i]; i++)
			k[i] = (char)tolower((unsigned char)k[i]);
		return k;
	}
	for (i = 0; i < c->nfields; i++)
		if (strcasecmp(c->fields[i].key, key) == 0)
			return crm_xstrdup(c->fields[i].key);
	return crm_xstrdup(key);
}

/*
 * Fields' keys hashed, once a row has many: a wide file's (a sparse JSON
 * Lines file's thousands of keys) looked each up among all the row's
 * others made an import quadratic in its columns for each row.
 */
enum { FSLOT_FROM = 16 };

static size_t
key_hash(const char *k)
{
	size_t h = 2166136261u;

	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h;
}

/* The slot of key in c->fslot: its field's, or the empty one for it. */
static size_t *
fslot_of(const struct crm_cust *c, const char *key)
{
	size_t i = key_hash(key) & (c->nfslot - 1);

	while (c->fslot[i] && strcmp(c->fields[c->fslot[i] - 1].key, key))
		i = (i + 1) & (c->nfslot - 1);
	return &c->fslot[i];
}

/* Room in the hash for one more field, at most half full. */
static void
fslot_grow(struct crm_cust *c)
{
	size_t i;

	if (2 * (c->nfields + 1) <= c->nfslot)
		return;
	free(c->fslot);
	if (c->nfslot == 0)
		c->nfslot = 4 * FSLOT_FROM;
	while (2 * (c->nfields + 1) > c->nfslot)	/* made again, any size */
		c->nfslot *= 2;
	c->fslot = crm_xreallocarray(NULL, c->nfslot, sizeof *c->fslot);
	memset(c->fslot, 0, c->nfslot * sizeof *c->fslot);
	for (i = 0; i < c->nfields; i++) {
		size_t *slot = fslot_of(c, c->fields[i].key);

		if (*slot == 0)		/* the first of a key, as a scan finds */
			*slot = i + 1;
	}
}

/* The index of c's field key, or c->nfields when it has none. */
static size_t
field_index(struct crm_cust *c, const char *key)
{
	size_t i;

	if (c->nfields < FSLOT_FROM) {
		for (i = 0; i < c->nfields; i++)
			if (strcmp(c->fields[i].key, key) == 0)
				return i;
		return c->nfields;
	}
	fslot_grow(c);
	i = *fslot_of(c, key);
	return i ? i - 1 : c->nfields;
}

/* The same, keeping value (allocated, or in c->arena) rather than a copy. */
void
crm_cust_field_take(struct crm_cust *c, const char *key, char *value)
{
	size_t i = field_index(c, key);

	if (i < c->nfields) {
		release(c, c->fields[i].value);
		c->fields[i].value = value;
		return;
	}
	c->fields = crm_xreallocarray(c->fields, c->nfields + 1,
	    sizeof *c->fields);
	c->fields[c->nfields].key = crm_xstrdup(key);
	c->fields[c->nfields++].value = value;
	if (c->nfslot)
		*fslot_of(c, key) = c->nfields;
}

/*
 * c without its field key: one a row gave that must not be written (an
 * import's opt-out cell that says no beside the customer's mark).
 */
void
crm_cust_field_drop(struct crm_cust *c, const char *key)
{
	size_t i = field_index(c, key);

	if (i == c->nfields)
		return;
	free(c->fields[i].key);
	release(c, c->fields[i].value);
	memmove(&c->fields[i], &c->fields[i + 1],
	    (c->nfields - i - 1) * sizeof *c->fields);
	c->nfields--;
	/* the indexes after it moved: the hash is made again when needed */
	free(c->fslot);
	c->fslot = NULL, c->nfslot = 0;
}

void
crm_cust_tag(struct crm_cust *c, const char *tag, int remove)
{
	char ***v = remove ? &c->untags : &c->tags;
	size_t *n = remove ? &c->nuntags : &c->ntags;

	*v = crm_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = crm_xstrdup(tag);
}

/* Trim in place, keeping the pointer free()-able: 1 if it changed. */
static int
trim_value(char *s)
{
	size_t n = strlen(s);
	char *t = crm_trim(s);

	if (t != s)
		memmove(s, t, strlen(t) + 1);
	return t != s || strlen(s) != n;
}

/* *v as crm_key_email() has it; ASCII needs no copy (most addresses). */
static void
norm_email(const struct crm_cust *c, char **v)
{
	const char *p;
	char *e = crm_key_mailto(*v);

	if (e != *v)
		memmove(*v, e, strlen(e) + 1);
	for (p = *v; *p && !(*p & 0x80); p++)
		;
	if (*p == '\0') {
		crm_lower(*v);
		return;
	}
	e = crm_key_email(*v);
	release(c, *v);
	*v = e;
}

int
crm_email_valid(const char *s)
{
	/* Bytes no address may hold, besides controls and space. */
	static const unsigned char bad[128] = {
		[','] = 1, [';'] = 1, ['<'] = 1, ['>'] = 1, ['('] = 1,
		[')'] = 1, ['['] = 1, [']'] = 1, ['\\'] = 1, ['"'] = 1,
	};
	const char *at = strchr(s, '@'), *p;
	unsigned char c;
	int space;

	if (at == NULL || at == s || strchr(at + 1, '@'))
		return 0;
	/* nor a space or an invisible character of Unicode's: crm_key_email
	 * takes the invisible ones out, a space is refused as ASCII's is */
	for (p = s; (c = (unsigned char)*p); p++)
		if (c <= ' ' || (c < 128 && bad[c]) ||
		    (c >= 128 && crm_invisible_len(p, &space)))
			return 0;
	p = strrchr(at, '.');
	return p && p > at + 1 && p[1] != '\0' && at[1] != '.';
}

static const char *
check_status(char *s)
{
	size_t i;

	crm_lower(s);
	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(s, statuses[i]) == 0)
			return NULL;
	return "not a status (lead, prospect, active, inactive, lost)";
}

/*
 * *v in NFC, as e-mails are (key.c): macOS writes "é" as "e" and U+0301,
 * and a name, a company or a field's text written so would be another
 * organisation, and missed by a filter or a search typed on another
 * keyboard.  ASCII, most values, is left without a copy.
 */
static void
nfc_value(const struct crm_cust *c, char **v)
{
	char *n;

	if (crm_ascii(*v))
		return;
	n = crm_nfc(*v);
	if (strcmp(n, *v) == 0) {
		free(n);
		return;
	}
	release(c, *v);
	*v = n;
}

/* The columns of words people type and filter by, put in NFC. */
static int
nfc_col(int col)
{
	return col == CRM_C_NAME || col == CRM_C_COMPANY ||
	    col == CRM_C_INDUSTRY || col == CRM_C_TIER || col == CRM_C_ROLE ||
	    col == CRM_C_OWNER;
}

/* The keys besides the e-mail a customer is found by and typed with. */
static int
key_col(int col)
{
	return col == CRM_C_PHONE || col == CRM_C_EXTERNAL_ID;
}

/* Check and normalise one core column; an error message or NULL. */
static const char *
check_col(const struct crm_cust *c, int col, char **v)
{
	static char msg[400];
	char buf[CRM_TIME_LEN], *d;
	time_t t;

	/* a name's no-break space is a space, its soft hyphen nothing; and
	 * a key's, a phone's or an id's, so that one at its edges is
	 * trimmed as ASCII's is (a spreadsheet's), and one inside is what
	 * a space is there (an e-mail's is refused: crm_key_email) */
	if (nfc_col(col) || key_col(col))
		crm_invisible_fold(*v, 1);
	trim_value(*v);
	if (!c->utf8_ok && !crm_utf8_str(*v))
		return "invalid UTF-8";
	if (**v == '\0')
		return NULL;
	if (nfc_col(col))
		nfc_value(c, v);
	switch (col) {
	case CRM_C_EMAIL:
		norm_email(c, v);
		return crm_email_valid(*v) ? NULL : crm_email_hint(*v);
	case CRM_C_STATUS:
		return check_status(*v);
	case CRM_C_DOMAIN:
		if ((d = crm_domain_norm(*v)) == NULL)
			return "not a domain (such as example.com)";
		release(c, *v);
		*v = d;
		return crm_domain_free(d) ? "a mailbox provider's domain, no "
		    "organisation's own" : NULL;
	case CRM_C_CREATED:
		if (crm_parse_when(*v, &t) < 0) {
			snprintf(msg, sizeof msg, "not a date (%s)",
			    crm_date_hint(*v));
			return msg;
		}
		release(c, *v);
		*v = crm_xstrdup(crm_fmt_time(t, buf));
		return NULL;
	}
	return NULL;
}

/*
 * *v, its own allocation (a tag, a field's name), in NFC as values are
 * (nfc_value): "café" typed on a Mac is the tag typed elsewhere.
 */
static int
nfc_owned(char **v)
{
	char *n;
	int moved;

	if (crm_ascii(*v))
		return 0;
	n = crm_nfc(*v);
	moved = strcmp(n, *v) != 0;
	free(*v);
	*v = n;
	return moved;
}

static const char *
check_tags(char **tags, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		trim_value(tags[i]);
		if (tags[i][0] == '\0' || strchr(tags[i], ','))
			return "a tag must be non-empty and have no comma";
		if (!crm_utf8_str(tags[i]))
			return "a tag: invalid UTF-8";
		nfc_owned(&tags[i]);
	}
	return NULL;
}

/*
 * Normalise c and say what is wrong with it, if anything: the message,
 * with *col the column (-1 for none) and *what the extra field or tag.
 */
const char *
crm_cust_check(struct crm_cust *c, int *col, const char **what)
{
	const char *err;
	size_t i;
	int k;

	*col = -1, *what = NULL;
	for (k = 0; k < CRM_C_NFIELDS; k++) {
		*col = k;
		if (c->v[k] && (err = check_col(c, k, &c->v[k])))
			return err;
	}
	*col = -1;
	for (i = 0; i < c->nfields; i++) {
		*what = c->fields[i].key;
		c->keys_moved |= trim_value(c->fields[i].key);
		if (c->fields[i].key[0] == '\0')
			return "a field needs a name";
		if (!crm_utf8_str(c->fields[i].key)) {
			*what = NULL;	/* a name that cannot be printed */
			return "a field name: invalid UTF-8";
		}
		c->keys_moved |= nfc_owned(&c->fields[i].key);
		*what = c->fields[i].key;
		if (crm_cust_reserved(c->fields[i].key))
			return "is a column, not an extra field";
		if (!c->utf8_ok && !crm_utf8_str(c->fields[i].value))
			return "invalid UTF-8";
		/* trimmed as the columns are: "  spaced  " read back from
		 * an export is "spaced", whichever way it came in */
		if (c->fields[i].value) {
			trim_value(c->fields[i].value);
			nfc_value(c, &c->fields[i].value);
		}
	}
	/* The keys were trimmed and put in NFC where they lie: their hash,
	 * if any, is made again by the next look-up. */
	free(c->fslot);
	c->fslot = NULL, c->nfslot = 0;
	*what = NULL;
	if ((err = check_tags(c->tags, c->ntags)) ||
	    (err = check_tags(c->untags, c->nuntags)))
		return err;
	return NULL;
}

/* The most a person's name runs to: a longer text is a note. */
#define NAME_WORDS	8
#define NAME_BYTES	100

/* Is the word [w, we) a web address's host (acme.example, www.acme.de):
 * a dot inside, two bytes before it, and lower-case letters after the
 * last one?  "J.R.R." and "St. John" are no such; "Dr.med" is taken for
 * one, a sheet writes it "Dr. med.". */
static int
host_word(const char *w, const char *we)
{
	const char *dot = NULL, *p;

	for (p = w; p < we; p++)
		if (*p == '.')
			dot = p;
	if (dot == NULL || dot - w < 2 || we - dot < 3)
		return 0;
	for (p = dot + 1; p < we; p++)
		if (*p < 'a' || *p > 'z')
			return 0;
	return 1;
}

/*
 * Could v be one person's name as written ("Ann Lee", "Müller, Hans",
 * "O'Brien-Smith, Mary Ann", 王小明)?  The one rule of every place that
 * decides a cell is a name: crm-add's Client or Customer column
 * (import.c), a name turned round to find a person by (crm_name_turned:
 * crm-add's rows, crm-log's key cells, crm-deal's Customer cell).
 * Blanks at its ends aside, v has a letter (of any script); no digit or
 * underscore (C-1001, K10023, ann_lee: a number, a user name); none of
 * the signs of a company or of two people (& / + and parentheses:
 * "Smith & Sons", "Ann & Bob Smith"); no e-mail or web address
 * (ann@x.example, https://..., acme.example); no legal form at its end
 * (Acme GmbH, "Globex, Ltd.": crm_org_legal_form); and at most
 * NAME_WORDS words and NAME_BYTES bytes.
 */
int
crm_name_shaped(const char *v)
{
	const char *end, *w, *p;
	size_t words = 0;
	int letter = 0;

	v += strspn(v, " \t\r\n");
	for (end = v + strlen(v); end > v && strchr(" \t\r\n", end[-1]);
	    end--)
		;
	if (end == v || end - v > NAME_BYTES)
		return 0;
	for (p = v; p < end; p++) {
		if (isdigit((unsigned char)*p) || strchr("_@&/+()\\#=<>|[]{}",
		    *p) != NULL)
			return 0;
		letter |= isalpha((unsigned char)*p) || (*p & 0x80);
	}
	if (!letter || strstr(v, "://") != NULL)
		return 0;
	for (p = v; p < end; ) {
		for (w = p; p < end && *p != ' ' && *p != ','; p++)
			;
		if (p > w && (words++ == NAME_WORDS || host_word(w, p)))
			return 0;
		while (p < end && (*p == ' ' || *p == ','))
			p++;
	}
	return !crm_org_legal_form(v);
}

/* How many words, between spaces, s has. */
static size_t
words_of(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s != ' ' && (s[1] == '\0' || s[1] == ' ');
	return n;
}

/*
 * A person's name the other way round, allocated: "Müller, Hans" as
 * "Hans Müller", and "Hans Peter Müller" as "Müller, Hans Peter" (the
 * last word the family name); NULL for a name of one word, of two
 * commas, of more than three words on a side of its comma, or for what
 * is no person's name (crm_name_shaped: "Globex, Ltd.", "C-1001, A").
 */
char *
crm_name_turned(const char *name)
{
	const char *comma = strchr(name, ','), *sp;
	char *head, *rest, *h, *r, *t = NULL;

	if (!crm_name_shaped(name))
		return NULL;
	if (comma) {
		if (strchr(comma + 1, ','))
			return NULL;
		head = crm_xstrndup(name, (size_t)(comma - name));
		rest = crm_xstrdup(comma + 1);
		h = crm_trim(head), r = crm_trim(rest);
		/* "Last, First": a name of one to three words a side */
		if (*h && *r && words_of(h) <= 3 && words_of(r) <= 3)
			t = crm_xasprintf("%s %s", r, h);
		free(head);
		free(rest);
		return t;
	}
	if ((sp = strrchr(name, ' ')) == NULL || sp == name || !sp[1])
		return NULL;
	return crm_xasprintf("%s, %.*s", sp + 1, (int)(sp - name), name);
}

/*
 * The customer with e-mail e, its own or one of its others (identities).
 */
long long
crm_cust_by_email(struct crm_db *db, const char *e)
{
	/* One statement, not two: on a server each is a round trip, and an
	 * import asks for every row. */
	return crm_query_int(db, 0, "SELECT coalesce((SELECT id FROM "
	    "customers WHERE email = ?1), (SELECT customer_id FROM identities "
	    "WHERE kind = 'email' AND value = ?1 LIMIT 1))", "s", e);
}

/*
 * The customer that system source ("" for none) knows as id: for no
 * source, customers.external_id or an id without a source; for a source,
 * only that source's ids, so two systems' "1001" are two customers.
 */
long long
crm_cust_by_id(struct crm_db *db, const char *source, const char *id)
{
	/* One statement, as crm_cust_by_email. */
	return crm_query_int(db, 0, "SELECT coalesce(CASE WHEN ?2 = '' THEN "
	    "(SELECT id FROM customers WHERE external_id = ?1) END, (SELECT "
	    "customer_id FROM identities WHERE kind = 'id' AND value = ?1 AND "
	    "source = ?2 LIMIT 1))", "ss", id, source);
}

/*
 * A Salesforce id in its other length: a record's id is 15 characters,
 * case-sensitive (a report's), or those 15 and 3 more that encode their
 * case (Data Loader's, the API's), so that 18 compare equal without it:
 * each of the 3 is a letter or digit of "A".."Z0".."5" whose bits say
 * which of 5 characters are capitals.  The other form of id into out,
 * or 0 when id is no Salesforce id (an 18 whose last 3 are not its
 * case: some other system's id of 18 characters).
 */
int
crm_sf_id_other(const char *id, char out[19])
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
	size_t n = strlen(id), i, k;
	char sum[3];

	if (n != 15 && n != 18)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)id[i]))
			return 0;
	for (k = 0; k < 3; k++) {
		int bits = 0;

		for (i = 0; i < 5; i++)
			bits |= (id[k * 5 + i] >= 'A' && id[k * 5 + i] <= 'Z') <<
			    i;
		sum[k] = digits[bits];
	}
	if (n == 18 && memcmp(id + 15, sum, 3) != 0)
		return 0;
	memcpy(out, id, 15);
	if (n == 15)
		memcpy(out + 15, sum, 3), out[18] = '\0';
	else
		out[15] = '\0';
	return 1;
}

/*
 * An id given without its system (crm-log ext:X, a stream's external_id):
 * any customer's, if only one has it; -1 when two systems' customers do.
 */
static long long
by_one_id(struct crm_db *db, const char *id)
{
	long long c = crm_query_int(db, 0, "SELECT id FROM customers WHERE "
	    "external_id = ?", "s", id), n;

	if (c)
		return c;
	n = crm_query_int(db, 0, "SELECT count(DISTINCT customer_id) FROM "
	    "identities WHERE kind = 'id' AND value = ?", "s", id);
	if (n > 1)
		return -1;
	return crm_query_int(db, 0, "SELECT customer_id FROM identities "
	    "WHERE kind = 'id' AND value = ?", "s", id);
}

/*
 * by_one_id(), and a Salesforce id nobody has in its other length (a
 * report's 15 characters for Data Loader's 18, and back): one contact,
 * never a second customer for her (qa30 F2).
 */
static long long
by_any_id(struct crm_db *db, const char *id)
{
	long long c = by_one_id(db, id);
	char other[19];

	return c == 0 && crm_sf_id_other(id, other) ? by_one_id(db, other) :
	    c;
}

static int all_digits(const char *s);

static long long
find_by(struct crm_db *db, const char *col, const char *key)
{
	/* crm's ids are numbers: "zz9" is nobody's, not a question
	 * PostgreSQL refuses (a bigint compared with text) */
	if (strcmp(col, "id") == 0)
		return !all_digits(key) || strlen(key) > 18 ? 0 :
		    crm_query_int(db, 0, "SELECT id FROM customers WHERE id = "
		    "?", "i", strtoll(key, NULL, 10));
	if (strcmp(col, "email") == 0)
		return crm_cust_by_email(db, key);
	return by_any_id(db, key);
}

/*
 * Give customer id the id (source, value): its external_id when it has
 * none and there is no source, else one of its identities.  Returns 0, or
 * the other customer that already has it.
 */
long long
crm_cust_add_id(struct crm_db *db, long long id, const char *source,
    const char *value)
{
	long long other = crm_cust_by_id(db, source, value);

	if (other)
		return other == id ? 0 : other;
	if (*source == '\0' && crm_query_int(db, 0, "SELECT external_id IS "
	    "NULL FROM customers WHERE id = ?", "i", id))
		crm_exec(db, "UPDATE customers SET external_id = ? WHERE id = ?",
		    "si", value, id);
	else
		crm_exec(db, "INSERT INTO identities (customer_id, kind, value, "
		    "source) VALUES (?, 'id', ?, ?)", "iss", id, value, source);
	return 0;
}

/* The same for an e-mail (normalised): the customer's or another one. */
long long
crm_cust_add_email(struct crm_db *db, long long id, const char *email)
{
	long long other = crm_cust_by_email(db, email);

	if (other)
		return other == id ? 0 : other;
	if (crm_query_int(db, 0, "SELECT email IS NULL FROM customers WHERE "
	    "id = ?", "i", id))
		crm_exec(db, "UPDATE customers SET email = ? WHERE id = ?", "si",
		    email, id);
	else
		crm_exec(db, "INSERT INTO identities (customer_id, kind, value, "
		    "source) VALUES (?, 'email', ?, '')", "is", id, email);
	return 0;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The organisation of QuickBooks' "Parent:Job" name's parent, or 0. */
static long long
parent_org(struct crm_db *db, const char *name, const char **err)
{
	const char *colon = strchr(name, ':');
	char *parent;
	long long id;

	if (colon == NULL || colon == name || colon[1] == '\0')
		return 0;
	parent = crm_xstrndup(name, (size_t)(colon - name));
	id = crm_org_by_name(db, parent, err);
	free(parent);
	return id;
}

/*
 * The customer KEY names: "id:N", "email:E", "ext:X", "org:NAME", or
 * bare, which may be any of the first three.  A bare key that names two
 * different customers is an error rather than a guess.  A bare key with
 * no '@' that names nobody so, and "org:NAME", name the organisation of
 * that name (crm_org_key's: case, punctuation and a legal form do not
 * count) or domain; QuickBooks' "Parent:Job" names its parent's
 * organisation when there is none of the whole name (crm-add --import
 * makes a sub-customer or job its parent's: import.c).  0 and *err when
 * there is none.
 */
long long
crm_cust_find(struct crm_db *db, const char *key, const char **err)
{
	static char msg[256];
	char *k = crm_xstrdup(key), *t, *e = NULL;
	const char *name, *oerr;
	long long id = 0, by_id = 0, by_email = 0, by_ext = 0;

	/* as ids and names are stored (check_col): a space of Unicode's is
	 * one, an invisible character none */
	crm_invisible_fold(k, 1);
	name = t = crm_key_trim(k);

	if (strncmp(t, "id:", 3) == 0)
		by_id = find_by(db, "id", crm_key_trim(t + 3)), name = NULL;
	else if (strncmp(t, "email:", 6) == 0)
		by_email = find_by(db, "email", e = crm_key_email(t + 6)),
		    name = NULL;
	else if (strncmp(t, "ext:", 4) == 0)
		by_ext = find_by(db, "external_id", crm_key_trim(t + 4)),
		    name = NULL;
	else if (strncmp(t, "org:", 4) == 0)
		name = crm_key_trim(t + 4);
	else {
		if (all_digits(t))
			by_id = find_by(db, "id", t);
		by_ext = find_by(db, "external_id", t);
		/* An address nobody has is not its domain's organisation. */
		if (strchr(t, '@'))
			by_email = find_by(db, "email", e = crm_key_email(t)),
			    name = NULL;
	}
	free(e);
	if (by_ext < 0) {
		snprintf(msg, sizeof msg, "'%.60s' is an id in two systems: "
		    "say which customer by its id or e-mail", key);
		*err = msg;
		free(k);
		return 0;
	}
	id = by_id ? by_id : by_email ? by_email : by_ext;
	if ((by_id && by_ext && by_id != by_ext) ||
	    (by_email && by_ext && by_email != by_ext)) {
		snprintf(msg, sizeof msg, "'%.60s' names two customers "
		    "(%lld and %lld): say %s:%.60s or ext:%.60s", key, id,
		    by_ext, by_id ? "id" : "email", t, t);
		*err = msg, id = 0;
	} else if (id == 0 && name && *name &&
	    ((id = crm_org_by_name(db, name, &oerr)) < 0 ||
	    (id == 0 && (id = parent_org(db, name, &oerr)) < 0))) {
		*err = oerr ? oerr : "the database failed", id = 0;
	} else if (id == 0) {
		snprintf(msg, sizeof msg, "no customer '%.200s'", key);
		*err = msg;
	}
	free(k);
	return id;
}

/*
 * Why key names nobody, to say: err (crm_cust_find's), or, when it is "no
 * customer" and the key is on the erased list, that she was erased on
 * request and when (qa44 9: a DPO answering a follow-up request must
 * not read "no such customer" as "never had her").  Kept until the next
 * call.
 */
const char *
crm_cust_none_why(struct crm_db *db, const char *key, const char *err)
{
	const char *erased;

	if (strncmp(err, "no customer", 11) != 0 ||
	    (erased = crm_cust_erased_why(db, key, key)) == NULL)
		return err;
	return erased;
}

/*
 * "'shown' was erased on request (day)" when key (crm_cust_find's forms)
 * is on the erased list, else NULL: shown is the key as the user gave it
 * (a stream's cell, without the prefix its column gave it).  Kept until
 * the next call.
 */
const char *
crm_cust_erased_why(struct crm_db *db, const char *key, const char *shown)
{
	static char msg[300];
	char *at;

	if ((at = crm_erased_when(db, key)) == NULL)
		return NULL;
	/* the day only: the time of an erase is the audit row's */
	snprintf(msg, sizeof msg, "'%.200s' was erased on request (%.10s)",
	    shown, at);
	free(at);
	return msg;
}

/* As crm_cust_find, but none is an error: 0 with it recorded (exit 65). */
long long
crm_cust_must_find(struct crm_db *db, const char *key)
{
	const char *err;
	long long id = crm_cust_find(db, key, &err);

	if (id == 0)
		crm_fail(CRM_EX_DATAERR, "%s", crm_cust_none_why(db, key,
		    err));
	return id;
}

/*
 * One key, of a list with no header (line 1 is a key too): fn's return,
 * or -1 with "file:line: why" (65).  by_phone: a phone number nobody's
 * id or e-mail is names its customer, as one key on the command line
 * does (crm-log's, crm-deal's, crm-remind's; not crm-add's -u - and
 * --erase -, which change or erase whom they name).
 */
static int
bare_key(struct crm_db *db, struct crm_rd *rd, const char *key, long line,
    int by_phone, int (*fn)(struct crm_db *, long long,
    const struct crm_rec *, void *), void *ctx)
{
	const char *err, *how;
	long long id;

	if ((id = crm_cust_find(db, key, &err)) == 0 && by_phone &&
	    strncmp(err, "no customer", 11) == 0 &&
	    (id = crm_keycol_phone(db, key, &how)) == 0 &&
	    strcmp(how, "no customer") != 0)
		err = how;
	if (id == 0)
		return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s", crm_rd_name(rd),
		    line, crm_cust_none_why(db, key, err));
	return fn(db, id, NULL, ctx);
}

/*
 * A list of bare keys, one a line (crm-add -u -'s, or a column of
 * e-mails cut from a sheet): its header is the first of them.
 */
static int
bare_keys(struct crm_db *db, struct crm_rd *rd, const char *first,
    int by_phone, int (*fn)(struct crm_db *, long long,
    const struct crm_rec *, void *), void *ctx)
{
	struct crm_rec rec;
	int r;

	if ((r = bare_key(db, rd, first, crm_rd_header_line(rd), by_phone,
	    fn, ctx)) != 0)
		return r;
	while ((r = crm_rd_next(rd, &rec)) != CRM_REC_EOF) {
		if (r != CRM_REC_OK)
			return crm_rd_fail(rd);
		if (crm_rec_blank(&rec))
			continue;
		if ((r = bare_key(db, rd, rec.f[0], rec.line, by_phone, fn,
		    ctx)) != 0)
			return r;
	}
	if (by_phone)
		crm_phone_cross_say(db, crm_rd_name(rd));
	return 0;
}

/*
 * Every customer from the command line or a stream, the one loop the
 * programs share (mblaze's blaze822_loop): without rd, key names one
 * customer; with rd, each record names one through the key column of
 * its header, or, where the stream is one column whose first line is
 * no header's word, each line is a bare key (crm-add -u -'s list, the header
 * the first key).  fn is called for each in order, with the record
 * (NULL for key and a bare key); a nonzero return stops the loop and is
 * returned (fn's -1 with its error recorded).  A header with no
 * customer column, a bad record or an unknown customer returns -1 with
 * the error recorded (exit 65; a bad record or customer as file:line).
 */
static int
each_customer(struct crm_db *db, const char *key, struct crm_rd *rd,
    int by_phone, int (*fn)(struct crm_db *, long long,
    const struct crm_rec *, void *), void *ctx)
{
	struct crm_keycol kc;
	struct crm_rec rec;
	char *const *names;
	const char *why, *how;
	long long customer;
	size_t n;
	int r;

	if (rd == NULL) {
		/* a phone number nobody's id or e-mail is: by phone */
		if ((customer = crm_cust_find(db, key, &why)) == 0 &&
		    strncmp(why, "no customer", 11) == 0 &&
		    (customer = crm_keycol_phone(db, key, &how)) == 0 &&
		    strcmp(how, "no customer") != 0)
			why = how;
		if (customer == 0)
			return crm_fail(CRM_EX_DATAERR, "%s",
			    crm_cust_none_why(db, key, why));
		crm_phone_cross_say(db, NULL);	/* a guess is never silent */
		return fn(db, customer, NULL, ctx);
	}
	/* No header at all: an empty stream (crm_rd_opts' empty_ok). */
	if ((n = crm_rd_header(rd, &names)) == 0)
		return 0;
	/* a word a header has (Name, Phone) is a header without a key */
	if (n == 1 && crm_keycol_find(names, n, &kc) < 0 &&
	    !crm_header_known(names[0]))
		return bare_keys(db, rd, names[0], by_phone, fn, ctx);
	if (crm_keycol_must_find(names, n, &kc, crm_rd_name(rd)) < 0)
		return -1;
	while ((r = crm_rd_next(rd, &rec)) != CRM_REC_EOF) {
		if (r != CRM_REC_OK)
			return crm_rd_fail(rd);
		/* A failed lookup finds nobody: its error is the cause. */
		if ((customer = crm_keycol_customer_why(db, &kc, &rec, &why)) ==
		    0)
			return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s: %s",
			    crm_rd_name(rd), rec.line, kc.name, why);
		if ((r = fn(db, customer, &rec, ctx)) != 0)
			return r;
	}
	crm_phone_cross_say(db, crm_rd_name(rd));
	return 0;
}

int
crm_each_customer(struct crm_db *db, const char *key, struct crm_rd *rd,
    int (*fn)(struct crm_db *, long long, const struct crm_rec *, void *),
    void *ctx)
{
	return each_customer(db, key, rd, 1, fn, ctx);
}

/* The customers a key or a stream names (crm_cust_keys). */
struct keys {
	long long *ids;
	size_t n, cap;
};

static int
keys_add(struct crm_db *db, long long id, const struct crm_rec *rec,
    void *ctx)
{
	struct keys *k = ctx;

	(void)db, (void)rec;
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->ids = crm_xreallocarray(k->ids, k->cap, sizeof *k->ids);
	}
	k->ids[k->n++] = id;
	return 0;
}

/* An id and where it was first named. */
struct named {
	long long id;
	size_t at;
};

static int
by_id_at(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int
by_at(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* Each customer once, in the order first named (a stream may be long). */
static void
unique_ids(struct keys *k)
{
	struct named *v = crm_xcalloc(k->n ? k->n : 1, sizeof *v);
	size_t i, m = 0;

	for (i = 0; i < k->n; i++)
		v[i].id = k->ids[i], v[i].at = i;
	qsort(v, k->n, sizeof *v, by_id_at);
	for (i = 0; i < k->n; i++)
		if (m == 0 || v[m - 1].id != v[i].id)
			v[m++] = v[i];
	qsort(v, m, sizeof *v, by_at);
	for (i = 0; i < m; i++)
		k->ids[i] = v[i].id;
	k->n = m;
	free(v);
}

/*
 * The customers key names, or each record of rd (a stream with a
 * customer column, crm_each_customer's, or a list of keys one a line),
 * each once, in the order first named: crm-add --erase's and -u -'s.
 * Every key must name a customer: -1 with the first that does not (65,
 * as file:line), before anything is changed.  A stream may name none
 * (*n 0): the caller says what that means.
 */
int
crm_cust_keys(struct crm_db *db, const char *key, struct crm_rd *rd,
    long long **ids, size_t *n)
{
	struct keys k = { NULL, 0, 0 };
	int r;

	r = each_customer(db, key, rd, 0, keys_add, &k);
	if (r != 0 || crm_db_failed(db)) {
		free(k.ids);
		return -1;
	}
	unique_ids(&k);
	*ids = k.ids, *n = k.n;
	return 0;
}

/*
 * Another customer (not self) that already has c's external_id, e-mail
 * or domain, or, for an organisation, another organisation of its name
 * (crm_org_key's), 0 for none, -1 when the database failed (the lookups
 * found nothing because they could not look).  *col says which.
 */
long long
crm_cust_conflict(struct crm_db *db, const struct crm_cust *c, long long self,
    const char **col)
{
	long long id;
	char *key, *name;

	*col = NULL;
	if (has(c->v[CRM_C_EXTERNAL_ID]) &&
	    (id = crm_cust_by_id(db, "", c->v[CRM_C_EXTERNAL_ID])) &&
	    id != self) {
		*col = "external_id";
		return id;
	}
	if (has(c->v[CRM_C_EMAIL]) &&
	    (id = find_by(db, "email", c->v[CRM_C_EMAIL])) && id != self) {
		*col = "email";
		return id;
	}
	if (has(c->v[CRM_C_DOMAIN]) && (id = crm_query_int(db, 0, "SELECT id "
	    "FROM customers WHERE domain = ?", "s", c->v[CRM_C_DOMAIN])) &&
	    id != self) {
		*col = "domain";
		return id;
	}
	/* An organisation's name, given or (made one) its own. */
	if (c->type == CRM_TYPE_ORG || (self && has(c->v[CRM_C_NAME]) &&
	    crm_query_int(db, 0, "SELECT type = 'org' FROM customers WHERE "
	    "id = ?", "i", self))) {
		name = has(c->v[CRM_C_NAME]) ? crm_xstrdup(c->v[CRM_C_NAME]) :
		    crm_query_text(db, "SELECT name FROM customers WHERE id = ?",
		    "i", self);
		key = crm_org_key(name ? name : "");
		id = *key ? crm_query_int(db, 0, "SELECT min(id) FROM customers "
		    "WHERE org_key = ? AND type = 'org' AND id <> ?", "si", key,
		    self) : 0;
		free(key);
		free(name);
		if (id) {
			*col = "name";
			return id;
		}
	}
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * What a person or an organisation cannot have (who is "customer N" or
 * "the new customer"): 0, or -1 with the error recorded (exit 65).
 */
static int
check_kind(const struct crm_cust *c, const char *who, int org,
    const char *name)
{
	if (org && c->has_org && c->org_id)
		return crm_fail(CRM_EX_DATAERR, "%s is an organisation: only a "
		    "person is a contact of one", who);
	if (org && has(c->v[CRM_C_ROLE]))
		return crm_fail(CRM_EX_DATAERR, "%s is an organisation: a role "
		    "is a contact's", who);
	if (org && has(c->v[CRM_C_COMPANY]) && (name == NULL ||
	    strcmp(c->v[CRM_C_COMPANY], name) != 0))
		return crm_fail(CRM_EX_DATAERR, "%s is an organisation: its "
		    "company is its name", who);
	if (!org && has(c->v[CRM_C_DOMAIN]))
		return crm_fail(CRM_EX_DATAERR, "%s is a person: a domain is "
		    "an organisation's", who);
	return 0;
}

/* An organisation's name as it is matched; "" is none (exit 65). */
static char *
org_key_of(const char *name)
{
	char *key = crm_org_key(name ? name : "");

	if (name == NULL || *name == '\0')
		crm_fail(CRM_EX_DATAERR, "an organisation needs a name");
	else if (*key == '\0')
		crm_fail(CRM_EX_DATAERR, "'%s' is no organisation's name: "
		    "nothing is left of it to find it by", name);
	return key;
}

/* Detail for the audit trail: {"col":new} or {"col":[old,new]}. */
static void
detail_add(struct crm_buf *d, const char *key, const char *old,
    const char *new)
{
	crm_buf_addc(d, d->len ? ',' : '{');
	crm_json_str(d, key);
	crm_buf_addc(d, ':');
	if (old) {
		crm_buf_addc(d, '[');
		crm_json_str(d, old);
		crm_buf_addc(d, ',');
	}
	if (new)
		crm_json_str(d, new);
	else
		crm_buf_adds(d, "null");
	if (old)
		crm_buf_addc(d, ']');
}

static const char *
detail_end(struct crm_buf *d)
{
	crm_buf_adds(d, d->len ? "}" : "{}");
	return d->s;
}

/* What an update reads of the stored customer (read_stored). */
struct stored {
	char *v[CRM_C_NFIELDS];
	int org;		/* an organisation */
	long long org_id;	/* the organisation it is a contact of, or 0 */
	char *org_name;		/* the name of the organisation c links to */
	/* Its fields in key order, read with its row in a numbered load
	 * (read_stored): known, else set_field asks for each. */
	char **fk, **fv;
	long nf;
	int known;
};

/*
 * Is stored field key k the one a field key is kept under
 * (field_key_as_kept)?  address: key is an address or the note.
 */
static int
kept_as(const char *k, const char *key, int address)
{
	char *a = address ? crm_field_address(k) : NULL;
	int r = strcasecmp(k, key) == 0 || (a && strcmp(a, key) == 0);

	free(a);
	return r;
}

/* Field key's value in o's fields (known), or NULL; allocated. */
static char *
stored_value(const struct stored *o, const char *key)
{
	long i;

	for (i = 0; i < o->nf; i++)
		if (strcmp(o->fk[i], key) == 0)
			return crm_xstrdup(o->fv[i]);
	return NULL;
}

/*
 * The name customer id already has a field key under in another case
 * ("Address", which an older crm-add --import wrote for the "address"
 * a sheet's Address is now), or under the sheet's header an older import
 * kept for an address field ("Address 1 - Formatted" for "address",
 * "Notes" for "note"), so
 * that an upgrade or a file naming it otherwise updates that field
 * instead of adding a second one beside it.  Compared here (ASCII case,
 * as strcasecmp) so both engines agree.  Allocated; NULL when it has
 * none.
 */
static char *
field_key_as_kept(struct crm_db *db, long long id, const char *key,
    const struct stored *o)
{
	struct crm_stmt *st;
	char *kept = NULL;
	int address = strncmp(key, "address", 7) == 0 ||
	    strcmp(key, "note") == 0;
	long i;

	for (i = 0; o && o->known && kept == NULL && i < o->nf; i++)
		if (kept_as(o->fk[i], key, address))
			kept = crm_xstrdup(o->fk[i]);
	if (o && o->known)
		return kept;
	st = crm_prepare(db, "SELECT key FROM customer_fields WHERE "
	    "customer_id = ? ORDER BY key");
	crm_bind_int(st, 1, id);
	while (kept == NULL && crm_step(st) == CRM_ROW)
		if (kept_as(crm_col_text(st, 0), key, address))
			kept = crm_xstrdup(crm_col_text(st, 0));
	crm_finalize(st);
	return kept;
}

/*
 * Is b the text a is, line ends aside?  A vCard has no CR to write
 * (RFC 6350 3.4: \n is a line break), so a note with CRLF inside (an
 * Outlook or Excel cell) comes back with LF: the same note, not a change.
 */
static int
same_text(const char *a, const char *b)
{
	for (;;) {
		if (a[0] == '\r' && a[1] == '\n')
			a++;
		if (b[0] == '\r' && b[1] == '\n')
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++, b++;
	}
}

/* Field key's stored value: from o's fields when read, else asked. */
static char *
field_value(struct crm_db *db, long long id, const char *key,
    const struct stored *o)
{
	if (o && o->known)
		return stored_value(o, key);
	return crm_query_text(db, "SELECT value FROM customer_fields WHERE "
	    "customer_id = ? AND key = ?", "is", id, key);
}

/*
 * Set field key of customer id to value ("" removes it), its old value
 * from o's fields when they were read with the row (NULL: asked).  A
 * write under another key than asked leaves o's fields behind: not read
 * from them again.
 */
static int
set_field(struct crm_db *db, long long id, const char *key, const char *value,
    int is_new, struct crm_buf *detail, struct stored *o)
{
	char *old = NULL, *k, *kept = NULL;
	int changed, rc = CRM_DONE;

	if (!is_new)
		old = field_value(db, id, key, o);
	if (!is_new && old == NULL && !crm_db_failed(db) &&
	    (kept = field_key_as_kept(db, id, key, o)) != NULL) {
		key = kept;
		old = field_value(db, id, key, o);
		if (o)
			o->known = 0;
	}
	changed = *value ? !old || !same_text(old, value) : old != NULL;
	/* Nothing may refuse it: in a numbered load not waited for
	 * (crm_exec_sure: a refusal is the load's end, 70, nothing of it
	 * kept), else were it refused, say so, not lose it. */
	if (changed && *value)
		rc = (db->bulk_sure ? crm_exec_sure : crm_exec)(db,
		    CRM_FIELD_UPSERT, "iss", id, key, value);
	else if (changed)
		rc = (db->bulk_sure ? crm_exec_sure : crm_exec)(db, "DELETE "
		    "FROM customer_fields WHERE customer_id = ? AND key = ?",
		    "is", id, key);
	if (rc == CRM_CONSTRAINT)
		crm_fail(CRM_EX_SOFTWARE, "customer %lld: field %s: the "
		    "database refused the change", id, key);
	if (changed && detail) {
		k = crm_xasprintf("field:%s", key);
		detail_add(detail, k, old, *value ? value : NULL);
		free(k);
	}
	free(old);
	free(kept);
	return changed;
}

static int
set_tag(struct crm_db *db, long long id, const char *tag, int remove,
    struct crm_buf *detail)
{
	int changed;

	if (remove)
		crm_exec(db, "DELETE FROM tags WHERE customer_id = ? AND "
		    "tag = ?", "is", id, tag);
	else
		crm_exec(db, "INSERT OR IGNORE INTO tags (customer_id, tag) "
		    "VALUES (?, ?)", "is", id, tag);
	changed = crm_changes(db) > 0;
	if (changed && detail) {
		/* One key per tag: JSON readers keep only one of a repeated key. */
		char *k = crm_xasprintf("tag:%s", tag);

		detail_add(detail, k, NULL, remove ? "removed" : "added");
		free(k);
	}
	return changed;
}

/*
 * Which address ("address" 1, "address 2" 2, "address 3" 3) key is, or
 * 0; in any case, as set_field finds the field ("Address" updates the
 * "address" kept), so that its stale parts go as they would.
 */
static int
address_no(const char *key)
{
	if (strcasecmp(key, "address") == 0)
		return 1;
	if (strncasecmp(key, "address ", 8) == 0 && (key[8] == '2' ||
	    key[8] == '3') && key[9] == '\0')
		return key[8] - '0';
	return 0;
}

/*
 * Is field key a part of address n (crm_field_adr): Google's "Address n -
 * City" ..., or (plain) a sheet's plain "City" ..., which only the first
 * address has?
 */
static int
part_of(const char *key, int n, int plain)
{
	char *group, want[16];
	int r;

	if (crm_field_adr(key, &group) < 0)
		return 0;
	snprintf(want, sizeof want, "address%d", n);
	r = plain ? n == 1 && *group == '\0' : strcmp(group, want) == 0;
	free(group);
	return r;
}

/*
 * Address n's parts stored for customer id, Google's names, else for the
 * first a sheet's plain ones (as out.c pairs them): keys and values
 * allocated into k[] and v[] (7 at most), how many.
 */
static size_t
stored_parts(struct crm_db *db, long long id, int n, char *k[7], char *v[7])
{
	struct crm_stmt *st;
	size_t m = 0;
	int plain;

	for (plain = 0; plain < 2 && m == 0; plain++) {
		st = crm_prepare(db, "SELECT key, value FROM customer_fields "
		    "WHERE customer_id = ? ORDER BY key");
		crm_bind_int(st, 1, id);
		while (m < 7 && crm_step(st) == CRM_ROW)
			if (part_of(crm_col_text(st, 0), n, plain)) {
				k[m] = crm_xstrdup(crm_col_text(st, 0));
				v[m++] = crm_xstrdup(crm_col_text(st, 1));
			}
		crm_finalize(st);
	}
	return m;
}

/*
 * Address key was given a new value, and c none of its parts: when the
 * parts stored ("Address 1 - City" ... of a vCard's ADR) no longer say
 * what it now says (crm_adr_agree), each part whose words the new
 * address does not hold (crm_adr_says) is the old address's, and is
 * dropped (a mended street number drops the street, not the city),
 * each a change in the audit row like the address's own, in the same
 * transaction: a filter by city no longer finds the old address, and
 * -o vcard no longer carries it.  How many were dropped.
 */
static int
drop_stale_parts(struct crm_db *db, long long id, const struct crm_cust *c,
    const char *key, const char *value, struct crm_buf *detail)
{
	char *k[7], *v[7], label[32];
	size_t i, m;
	int n = address_no(key), dropped = 0;

	if (n == 0)
		return 0;
	for (i = 0; i < c->nfields; i++)
		if (part_of(c->fields[i].key, n, 0) ||
		    part_of(c->fields[i].key, n, 1))
			return 0;	/* the caller's parts go with it */
	m = stored_parts(db, id, n, k, v);
	if (m > 0 && !crm_adr_agree(value, (const char *const *)v, m))
		for (i = 0; i < m; i++)
			if (!crm_adr_says(value, v[i]))
				dropped += set_field(db, id, k[i], "", 0,
				    detail, NULL);
	if (*value == '\0') {	/* an address gone: its label (Home) too */
		snprintf(label, sizeof label, "Address %d - Label", n);
		dropped += set_field(db, id, label, "", 0, detail, NULL);
	}
	for (i = 0; i < m; i++) {
		free(k[i]);
		free(v[i]);
	}
	return dropped;
}

static int
set_extras(struct crm_db *db, long long id, const struct crm_cust *c,
    int keep_nonempty, int is_new, struct crm_buf *detail, struct stored *o)
{
	size_t i;
	int n = 0;

	for (i = 0; i < c->nfields; i++)
		if ((!keep_nonempty || c->fields[i].value[0]) &&
		    set_field(db, id, c->fields[i].key, c->fields[i].value,
		    is_new, detail, o))
			n += 1 + (is_new ? 0 : drop_stale_parts(db, id, c,
			    c->fields[i].key, c->fields[i].value, detail));
	for (i = 0; i < c->ntags; i++)
		n += set_tag(db, id, c->tags[i], 0, detail);
	for (i = 0; i < c->nuntags; i++)
		n += set_tag(db, id, c->untags[i], 1, detail);
	return n;
}

/* One INSERT, with or without the id (the columns after it the same). */
#define CUST_INSERT_COLS "external_id, name, company, email, phone, " \
	"industry, tier, owner, status, created, updated, role, domain, " \
	"type, org_key, org_id"
#define CUST_INSERT_VALS "?1, coalesce(?2, ''), ?3, ?4, ?5, ?6, ?7, ?8, " \
	"coalesce(?9, 'active'), coalesce(?10, ?11), ?11, ?12, ?13, ?14, " \
	"?15, nullif(?16, 0)"

static long long cust_insert(struct crm_db *, const struct crm_cust *, int,
    long long);

/*
 * Add c and return its id, or 0 when its external_id, e-mail or domain
 * belongs to another customer, or -1 with the error recorded when c is
 * not what its type may be (exit 65) or the database failed.  An
 * organisation's company is its name; a contact without a company takes
 * its organisation's name.  With audit 0 the caller records the change
 * itself (an import writes one row for all it added).
 */
long long
crm_cust_insert(struct crm_db *db, const struct crm_cust *c, int audit)
{
	return cust_insert(db, c, audit, 0);
}

/*
 * As crm_cust_insert without audit, for a bulk load that knows c is new
 * (no customer has its keys) and numbers its rows (crm_bulk's next): c
 * gets id, and the engine need not wait for the INSERT (crm_exec_sure).
 * id, or -1 with the error recorded.
 */
long long
crm_cust_insert_new(struct crm_db *db, const struct crm_cust *c,
    long long id)
{
	return cust_insert(db, c, 0, id);
}

static long long
cust_insert(struct crm_db *db, const struct crm_cust *c, int audit,
    long long given)
{
	struct crm_buf detail = { 0 };
	const char *v[CRM_C_NFIELDS];
	char *key = NULL, *company = NULL, oid[32];
	int k, org = c->type == CRM_TYPE_ORG;
	long long id = -1, org_id = !org && c->has_org ? c->org_id : 0;

	for (k = 0; k < CRM_C_NFIELDS; k++)
		v[k] = c->v[k] && *c->v[k] ? c->v[k] : NULL;
	if (check_kind(c, org ? "a new organisation" : "a new person", org,
	    v[CRM_C_NAME]) < 0)
		return -1;
	if (org && *(key = org_key_of(v[CRM_C_NAME])) == '\0')
		goto out;
	if (org)
		v[CRM_C_COMPANY] = v[CRM_C_NAME];
	else if (org_id && v[CRM_C_COMPANY] == NULL)
		v[CRM_C_COMPANY] = company = crm_query_text(db, "SELECT name "
		    "FROM customers WHERE id = ?", "i", org_id);
	for (k = 0; audit && k < CRM_C_NFIELDS; k++)
		if (v[k])
			detail_add(&detail, colnames[k], NULL, v[k]);
	if (audit && org)
		detail_add(&detail, "type", NULL, "org");
	if (audit && org_id) {
		snprintf(oid, sizeof oid, "%lld", org_id);
		detail_add(&detail, "org", NULL, oid);
	}
	if (given > 0) {
		crm_exec_sure(db, "INSERT INTO customers (" CUST_INSERT_COLS
		    ", id) VALUES (" CUST_INSERT_VALS ", ?17)",
		    "sssssssssssssssii", v[0], v[1], v[2], v[3], v[4], v[5],
		    v[6], v[7], v[8], v[9], crm_now_str(), v[CRM_C_ROLE],
		    v[CRM_C_DOMAIN], org ? "org" : "person", key, org_id, given);
		id = given;
		goto extras;
	}
	/* DO NOTHING: a taken key is an answer, not an error to unwind. */
	crm_exec_insert(db, "customers", "INSERT INTO customers ("
	    CUST_INSERT_COLS ") VALUES (" CUST_INSERT_VALS ") ON CONFLICT DO "
	    "NOTHING",
	    "sssssssssssssssi", v[0], v[1], v[2], v[3], v[4], v[5], v[6],
	    v[7], v[8], v[9], crm_now_str(), v[CRM_C_ROLE], v[CRM_C_DOMAIN],
	    org ? "org" : "person", key, org_id);
	if (crm_db_failed(db))
		goto out;	/* no change, and no answer either */
	if (crm_changes(db) == 0) {
		id = 0;		/* the external_id, e-mail or domain is taken */
		goto out;
	}
	id = crm_last_id(db);
extras:
	set_extras(db, id, c, 1, 1, audit ? &detail : NULL, NULL);
	if (audit)
		crm_audit(db, "add", id, detail_end(&detail));
out:
	crm_buf_free(&detail);
	free(company);
	free(key);
	return crm_db_failed(db) ? -1 : id;
}

/* The value to write for column k, or NULL to leave it alone. */
static const char *
new_value(const char *v, const char *old, int k, int keep_nonempty)
{
	if (v == NULL || (keep_nonempty && *v == '\0'))
		return NULL;
	if (*v == '\0' && (k == CRM_C_STATUS || k == CRM_C_CREATED))
		return NULL;	/* these cannot be cleared */
	if (*v ? old && strcmp(old, v) == 0 : !old || !*old)
		return NULL;	/* unchanged */
	/* An import's customer since: the earliest any system knows of. */
	if (k == CRM_C_CREATED && keep_nonempty && old && strcmp(v, old) > 0)
		return NULL;
	return v;
}

/*
 * What an update reads of a customer: its columns, whether it is an
 * organisation, its organisation, the name of organisation ?2 (the one
 * c links to), its id; then, when asked, its fields in key order (one
 * row each, the LEFT JOIN's one row when none).
 */
#define STORED_SELECT "SELECT external_id, name, company, email, phone, " \
	"industry, tier, owner, status, created, role, domain, type = " \
	"'org', coalesce(org_id, 0), (SELECT name FROM customers WHERE id " \
	"= ?2), id"
#define STORED_FIELDS ", key, value FROM customers LEFT JOIN " \
	"customer_fields ON customer_id = id"
#define STORED_BY_ID " WHERE id = ?1"
#define STORED_BY_MAIL " WHERE id = (SELECT coalesce((SELECT id FROM " \
	"customers WHERE email = ?1), (SELECT customer_id FROM identities " \
	"WHERE kind = 'email' AND value = ?1 LIMIT 1)))"

/* Are c's fields to be read with the customer (read_stored)? */
static int
fields_with(const struct crm_db *db, const struct crm_cust *c)
{
	return db->bulk_sure && c->nfields > 0 && !c->keys_moved;
}

/* The rows of st, bound (STORED_SELECT), into o: the customer's id, 0
 * for none. */
static long long
stored_rows(struct crm_db *db, struct crm_stmt *st, int fields,
    struct stored *o)
{
	long long id = 0;
	int k, rc;

	if ((rc = crm_step(st)) == CRM_ROW) {
		for (k = 0; k < CRM_C_NFIELDS; k++)
			if (crm_col_type(st, k) != CRM_NULL)
				o->v[k] = crm_xstrdup(crm_col_text(st, k));
		o->org = (int)crm_col_int(st, CRM_C_NFIELDS);
		o->org_id = crm_col_int(st, CRM_C_NFIELDS + 1);
		if (crm_col_type(st, CRM_C_NFIELDS + 2) != CRM_NULL)
			o->org_name = crm_xstrdup(crm_col_text(st,
			    CRM_C_NFIELDS + 2));
		id = crm_col_int(st, CRM_C_NFIELDS + 3);
		o->known = fields;
	}
	for (k = CRM_C_NFIELDS + 4; fields && rc == CRM_ROW;
	    rc = crm_step(st)) {
		if (crm_col_type(st, k) == CRM_NULL)
			continue;	/* none: the LEFT JOIN's one row */
		o->fk = crm_xreallocarray(o->fk, (size_t)o->nf + 1,
		    sizeof *o->fk);
		o->fv = crm_xreallocarray(o->fv, (size_t)o->nf + 1,
		    sizeof *o->fv);
		o->fk[o->nf] = crm_xstrdup(crm_col_text(st, k));
		o->fv[o->nf++] = crm_xstrdup(crm_col_text(st, k + 1));
	}
	if (crm_db_failed(db))
		o->known = 0;
	crm_reset(st);
	return id;
}

/*
 * Customer id as stored, into o.  In a numbered load (PostgreSQL's: a
 * repeated row of it) its fields come in the same statement when c has
 * some, each key once: on PostgreSQL each read is a round trip, and a
 * repeated row's update read its row and then each field's old value.
 */
static void
read_stored(struct crm_db *db, long long id, const struct crm_cust *c,
    struct stored *o)
{
	static const char sel[] = STORED_SELECT " FROM customers"
	    STORED_BY_ID, with[] = STORED_SELECT STORED_FIELDS STORED_BY_ID
	    " ORDER BY key";
	int fields = fields_with(db, c);
	struct crm_stmt *st = fields ? crm_cached(db, with, with) :
	    crm_cached(db, sel, sel);

	crm_bind_int(st, 1, id);
	crm_bind_int(st, 2, c->has_org ? c->org_id : 0);
	stored_rows(db, st, fields, o);
}

/* A customer read for an update to come (crm_cust_read_by_email). */
struct crm_stored {
	struct stored o;
	long long id;		/* 0: none has the e-mail */
	long long org;		/* the organisation whose name it read */
};

/*
 * In a numbered load, the customer with e-mail email (as
 * crm_cust_by_email finds one, or by another e-mail of theirs) read as
 * crm_cust_update reads it to update it with c, in one statement: the
 * look-up and the read were two round trips on PostgreSQL.  Its id
 * (crm_stored_id, 0 for none), its columns (crm_stored_col); give it to
 * crm_cust_update_read while nothing else wrote the customer.  Free with
 * crm_stored_free.
 */
struct crm_stored *
crm_cust_read_by_email(struct crm_db *db, const char *email,
    const struct crm_cust *c)
{
	static const char sel[] = STORED_SELECT " FROM customers"
	    STORED_BY_MAIL, with[] = STORED_SELECT STORED_FIELDS
	    STORED_BY_MAIL " ORDER BY key";
	struct crm_stored *s = crm_xcalloc(1, sizeof *s);
	int fields = fields_with(db, c);
	struct crm_stmt *st = fields ? crm_cached(db, with, with) :
	    crm_cached(db, sel, sel);

	s->org = c->has_org ? c->org_id : 0;
	crm_bind_text(st, 1, email);
	crm_bind_int(st, 2, s->org);
	s->id = stored_rows(db, st, fields, &s->o);
	/* Its fields may be waiting to be sent, its row not (the e-mail's
	 * read sent what held the e-mail): then asked again one by one. */
	if (s->id && crm_db_bulk_waiting(db, s->id))
		s->o.known = 0;
	return s;
}

long long
crm_stored_id(const struct crm_stored *s)
{
	return s ? s->id : 0;
}

/* Column col (CRM_C_*) of the customer read, NULL for none; -1: whether
 * it is an organisation ("1" or NULL). */
const char *
crm_stored_col(const struct crm_stored *s, int col)
{
	if (col < 0)
		return s->o.org ? "1" : NULL;
	return s->o.v[col];
}

static void
stored_free(struct stored *o)
{
	long i;
	int k;

	for (k = 0; k < CRM_C_NFIELDS; k++)
		free(o->v[k]);
	free(o->org_name);
	for (i = 0; i < o->nf; i++) {
		free(o->fk[i]);
		free(o->fv[i]);
	}
	free(o->fk);
	free(o->fv);
}

void
crm_stored_free(struct crm_stored *s)
{
	if (s)
		stored_free(&s->o);
	free(s);
}

/*
 * A customer is one since the first thing logged for them at the latest:
 * crm-log and crm-log --import move created back to it, and crm-report's
 * base counts from it, so a created given later than that would make
 * crm-segment's created and crm-report's new customers disagree.  The
 * caller asked for that date, so it is refused rather than moved back.
 * 0, or -1 with the error recorded (65).
 */
static int
check_created(struct crm_db *db, long long id, const char *created)
{
	char *first = crm_query_text(db, "SELECT min(at) FROM interactions "
	    "WHERE customer_id = ?", "i", id);
	int r = 0;

	if (first && strcmp(created, first) > 0)
		r = crm_fail(CRM_EX_DATAERR, "customer %lld: created %s is "
		    "after their first interaction, %s", id, created, first);
	free(first);
	return r;
}

/*
 * What an update may not do to customer id, stored as o: make an
 * organisation a person, or an organisation of a contact; give a person
 * a domain, an organisation a role or a company other than its name.
 * name is the name it will have.  0, or -1 with the error recorded.
 */
static int
check_update(const struct crm_cust *c, long long id, const struct stored *o,
    const char *name)
{
	char who[48];

	snprintf(who, sizeof who, "customer %lld", id);
	if (o->org && c->type == CRM_TYPE_PERSON)
		return crm_fail(CRM_EX_DATAERR, "%s is an organisation, not a "
		    "person", who);
	if (!o->org && c->type == CRM_TYPE_ORG && (o->org_id ||
	    has(o->v[CRM_C_ROLE])))
		return crm_fail(CRM_EX_DATAERR, "%s is a contact, and an "
		    "organisation is none: unlink it first ({contact-of} '' "
		    "{role} '')", who);
	return check_kind(c, who, o->org || c->type == CRM_TYPE_ORG, name);
}

/*
 * Write c's core columns that differ from what is stored: one SELECT, and
 * one UPDATE naming only the changed columns ("" clears a column unless
 * keep_nonempty).  Column names come from colnames[], never from input.
 * The UPDATE for each set of changed columns is prepared once and kept,
 * found by its slot in update_key[] (an import updates the same few
 * columns again and again).  An organisation's company follows its name
 * and its key (org_key) too; a person made an organisation (c's type)
 * gets its key; a person's organisation (c's org_id) is set, and its
 * name fills an empty company.  How many values changed, or -1 when the
 * new external_id, e-mail or domain is another customer's, or c is what
 * the customer's type cannot have (recorded, exit 65).
 */
/*
 * The columns whose change the database may refuse: the unique keys, and
 * what a CHECK or NOT NULL holds (status; created, were it cleared).  An
 * UPDATE of none of them in a numbered load (a repeated row's new phone,
 * tier, owner ...) cannot be refused: it goes as crm_exec_sure, not
 * waited for (on PostgreSQL a round trip, and the rows waiting sent).
 */
static const unsigned may_refuse = 1u << CRM_C_EXTERNAL_ID |
    1u << CRM_C_EMAIL | 1u << CRM_C_DOMAIN | 1u << CRM_C_STATUS |
    1u << CRM_C_CREATED;

/*
 * An e-mail replaced by another (crm-add -u -e) stays one of the
 * customer's others, as an import keeps a second system's (qa44 3): a
 * look-up by it still finds them, and an erase puts it on the erased
 * list, so the next import of the old address does not bring them back.
 * The new one, if it was one of their others, is their own now, not
 * both.  A cleared e-mail ("") is dropped: the user said it is none.
 */
static void
keep_replaced_email(struct crm_db *db, long long id, const char *old,
    const char *email)
{
	if (!has(old) || *email == '\0' || strcmp(old, email) == 0)
		return;
	crm_exec(db, "DELETE FROM identities WHERE customer_id = ? AND kind = "
	    "'email' AND value = ?", "is", id, email);
	crm_exec(db, "INSERT INTO identities (customer_id, kind, value, "
	    "source) VALUES (?, 'email', ?, '')", "is", id, old);
}

static int
update_cols(struct crm_db *db, long long id, const struct crm_cust *c,
    int keep_nonempty, struct crm_buf *detail, const struct stored *o)
{
	static const char update_key[1 << CRM_C_NFIELDS];
	const char *set[CRM_C_NFIELDS], *name;
	struct crm_buf sql = { 0 };
	struct crm_stmt *st;
	char *key = NULL, ids[2][32];
	unsigned mask = 0;
	int k, n = 0, p = 0, r = 0, org, convert;

	convert = !o->org && c->type == CRM_TYPE_ORG;
	org = o->org || convert;
	for (k = 0; k < CRM_C_NFIELDS; k++)
		set[k] = new_value(c->v[k], o->v[k], k, keep_nonempty);
	name = set[CRM_C_NAME] ? set[CRM_C_NAME] : o->v[CRM_C_NAME];
	if ((r = check_update(c, id, o, name)) < 0 ||
	    (set[CRM_C_CREATED] && (r = check_created(db, id,
	    set[CRM_C_CREATED])) < 0))
		goto out;
	if (org) {
		set[CRM_C_COMPANY] = o->v[CRM_C_COMPANY] && name &&
		    strcmp(o->v[CRM_C_COMPANY], name) == 0 ? NULL : name;
		if ((set[CRM_C_NAME] || convert) &&
		    *(key = org_key_of(name)) == '\0') {
			r = -1;
			goto out;
		}
	} else if (c->has_org && c->org_id && c->v[CRM_C_COMPANY] == NULL &&
	    !has(o->v[CRM_C_COMPANY]))
		set[CRM_C_COMPANY] = o->org_name;
	crm_buf_adds(&sql, "UPDATE customers SET updated = ?");
	for (k = 0; k < CRM_C_NFIELDS; k++) {
		if (set[k]) {
			crm_buf_addf(&sql, ", %s = ?", colnames[k]);
			detail_add(detail, colnames[k], o->v[k] ? o->v[k] : "",
			    *set[k] ? set[k] : NULL);
			mask |= 1u << k;
			n++;
		}
	}
	if (n > 0) {
		crm_buf_adds(&sql, " WHERE id = ?");
		st = crm_cached(db, &update_key[mask], sql.s);
		crm_bind_text(st, ++p, crm_now_str());
		for (k = 0; k < CRM_C_NFIELDS; k++)
			if (set[k])
				crm_bind_text(st, ++p, *set[k] ||
				    k == CRM_C_NAME ? set[k] : NULL);
		crm_bind_int(st, ++p, id);
		if (db->bulk_sure && !(mask & may_refuse))
			crm_step_sure(st);
		else {
			if (crm_step(st) == CRM_CONSTRAINT)
				r = crm_fail(CRM_EX_DATAERR, "the external_id, "
				    "e-mail or domain belongs to another "
				    "customer");
			crm_reset(st);
		}
	}
	if (r == 0 && set[CRM_C_EMAIL])
		keep_replaced_email(db, id, o->v[CRM_C_EMAIL], set[CRM_C_EMAIL]);
	if (r == 0 && key)
		crm_exec(db, "UPDATE customers SET type = 'org', org_key = ?, "
		    "updated = ? WHERE id = ?", "ssi", key, crm_now_str(), id);
	if (r == 0 && convert) {
		detail_add(detail, "type", "person", "org");
		n++;
	}
	if (r == 0 && !org && c->has_org && c->org_id != o->org_id) {
		snprintf(ids[0], sizeof ids[0], "%lld", o->org_id);
		snprintf(ids[1], sizeof ids[1], "%lld", c->org_id);
		detail_add(detail, "org", o->org_id ? ids[0] : "",
		    c->org_id ? ids[1] : NULL);
		crm_exec(db, "UPDATE customers SET org_id = nullif(?, 0), "
		    "updated = ? WHERE id = ?", "isi", c->org_id,
		    crm_now_str(), id);
		n++;
	}
out:
	free(key);
	crm_buf_free(&sql);
	return r < 0 ? r : n;
}

/* As crm_cust_update, without the audit row. */
static int
apply_update(struct crm_db *db, long long id, const struct crm_cust *c,
    int keep_nonempty, struct crm_buf *detail, struct crm_stored *read)
{
	struct stored o = { 0 };
	int cols, n;

	/* Read already, when c links to the organisation it read the name
	 * of; it is then the caller's no more. */
	if (read && read->id == id && read->org == (c->has_org ? c->org_id :
	    0)) {
		o = read->o;
		memset(&read->o, 0, sizeof read->o);
	} else
		read_stored(db, id, c, &o);
	if ((cols = update_cols(db, id, c, keep_nonempty, detail, &o)) < 0) {
		stored_free(&o);
		return -1;
	}
	n = cols + set_extras(db, id, c, keep_nonempty, 0, detail, &o);
	stored_free(&o);
	if (n > 0 && cols == 0)	/* update_cols() set it when it wrote */
		crm_exec(db, "UPDATE customers SET updated = ? WHERE id = ?",
		    "si", crm_now_str(), id);
	return crm_db_failed(db) ? -1 : n;
}

/*
 * Change what c gives; returns how many values changed (0: nothing), or
 * -1 with the error recorded: the new external_id or e-mail is another
 * customer's (exit 65), or the database failed.
 */
int
crm_cust_update(struct crm_db *db, long long id, const struct crm_cust *c,
    int keep_nonempty)
{
	return crm_cust_update_read(db, id, c, keep_nonempty, NULL);
}

/*
 * As crm_cust_update, with the customer as read (crm_cust_read_by_email;
 * NULL: read here) when nothing wrote it since.
 */
int
crm_cust_update_read(struct crm_db *db, long long id,
    const struct crm_cust *c, int keep_nonempty, struct crm_stored *read)
{
	struct crm_buf detail = { 0 };
	int n = apply_update(db, id, c, keep_nonempty, &detail, read);

	if (n > 0)
		crm_audit(db, "update", id, detail_end(&detail));
	crm_buf_free(&detail);
	return n < 0 || crm_db_failed(db) ? -1 : n;
}

/* The whole record as JSON, so the audit trail keeps what a merge drops. */
static void
record_json(struct crm_db *db, long long id, struct crm_buf *out)
{
	struct crm_stmt *st;
	int k;

	static const char *const more[] = { "type", "org" };

	st = crm_prepare(db, "SELECT external_id, name, company, email, "
	    "phone, industry, tier, owner, status, created, role, domain, "
	    "nullif(type, 'person'), org_id FROM customers WHERE id = ?");
	crm_bind_int(st, 1, id);
	crm_buf_adds(out, "{\"id\":");
	crm_buf_addf(out, "%lld", id);
	if (crm_step(st) == CRM_ROW)
		for (k = 0; k < CRM_C_NFIELDS + 2; k++)
			if (crm_col_type(st, k) != CRM_NULL) {
				crm_buf_addc(out, ',');
				crm_json_str(out, k < CRM_C_NFIELDS ?
				    colnames[k] : more[k - CRM_C_NFIELDS]);
				crm_buf_addc(out, ':');
				crm_json_str(out, crm_col_text(st, k));
			}
	crm_finalize(st);
	st = crm_prepare(db, "SELECT key, value FROM customer_fields WHERE "
	    "customer_id = ? ORDER BY key");
	crm_bind_int(st, 1, id);
	while (crm_step(st) == CRM_ROW) {
		char *key = crm_xasprintf("field:%s",
		    crm_col_text(st, 0));

		crm_buf_addc(out, ',');
		crm_json_str(out, key);
		free(key);
		crm_buf_addc(out, ':');
		crm_json_str(out, crm_col_text(st, 1));
	}
	crm_finalize(st);
	st = crm_prepare(db, "SELECT group_concat(tag, ',') FROM (SELECT tag "
	    "FROM tags WHERE customer_id = ? ORDER BY tag)");
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW &&
	    crm_col_type(st, 0) != CRM_NULL) {
		crm_buf_adds(out, ",\"tags\":");
		crm_json_str(out, crm_col_text(st, 0));
	}
	crm_finalize(st);
	crm_buf_addc(out, '}');
}

/*
 * Take dup's values where keep has none (a copy of them in *c), its
 * organisation too; an organisation's company is its name.
 */
static void
fill_from(struct crm_db *db, long long keep, long long dup, struct crm_cust *c)
{
	struct crm_stmt *st;
	int k;

	st = crm_prepare(db, "SELECT d.external_id, d.name, d.company, "
	    "d.email, d.phone, d.industry, d.tier, d.owner, k.status, "
	    "min(k.created, d.created), d.role, d.domain, "
	    "k.external_id IS NULL, k.name = '', k.company IS NULL AND "
	    "k.type = 'person', k.email IS NULL, k.phone IS NULL, "
	    "k.industry IS NULL, k.tier IS NULL, k.owner IS NULL, 0, 1, "
	    "k.role IS NULL, k.domain IS NULL, "
	    "CASE WHEN k.org_id IS NULL THEN d.org_id END "
	    "FROM customers k, customers d WHERE k.id = ? AND d.id = ?");
	crm_bind_int(st, 1, keep);
	crm_bind_int(st, 2, dup);
	if (crm_step(st) == CRM_ROW) {
		for (k = 0; k < CRM_C_NFIELDS; k++)
			if (crm_col_int(st, k + CRM_C_NFIELDS) &&
			    crm_col_type(st, k) != CRM_NULL)
				crm_cust_set(c, k, crm_col_text(st, k));
		if (crm_col_type(st, 2 * CRM_C_NFIELDS) != CRM_NULL)
			c->has_org = 1, c->org_id = crm_col_int(st,
			    2 * CRM_C_NFIELDS);
	}
	crm_finalize(st);
}

/* A text column or field of customer id, malloc'd, or NULL. */
static char *
phone_of(struct crm_db *db, long long id, int field)
{
	return field ? crm_query_text(db, "SELECT value FROM customer_fields "
	    "WHERE customer_id = ? AND key = 'other phones'", "i", id) :
	    crm_query_text(db, "SELECT phone FROM customers WHERE id = ?",
	    "i", id);
}

/*
 * keep's "other phones" after the merge: its own, then dup's phone (when
 * keep has a phone of its own: else fill_from gives it dup's) and dup's
 * other phones, each number once and none keep's phone however written
 * (crm_phones_join): a string compare kept +447700900555 beside +44 7700
 * 900555, and dup's own other phones were lost when keep had some.
 */
static void
keep_phones(struct crm_db *db, long long keep, long long dup)
{
	char *kp = phone_of(db, keep, 0), *dp = phone_of(db, dup, 0);
	char *ko = phone_of(db, keep, 1), *dov = phone_of(db, dup, 1);
	char *more, *text;

	more = crm_xasprintf("%s%s%s", kp && dp ? dp : "", kp && dp && dov ?
	    ", " : "", dov ? dov : "");
	text = crm_phones_join(kp ? kp : dp, ko, more);
	if (text && (ko == NULL || strcmp(text, ko) != 0))
		crm_exec(db, "INSERT INTO customer_fields (customer_id, key, "
		    "value) VALUES (?, 'other phones', ?) ON CONFLICT "
		    "(customer_id, key) DO UPDATE SET value = excluded.value",
		    "is", keep, text);
	/* its numbers are keep's now: not copied again with dup's fields */
	crm_exec(db, "DELETE FROM customer_fields WHERE customer_id = ? AND "
	    "key = 'other phones'", "i", dup);
	free(text);
	free(more);
	free(kp);
	free(dp);
	free(ko);
	free(dov);
}

/*
 * What keep cannot take over from dup's columns because it has its own
 * (fill_from takes the rest): dup's external_id and e-mail become keep's
 * other ids and e-mails, its phone and other phones keep's other phones
 * (keep_phones); dup's identities move.  Nothing a merge folds in stops
 * finding the customer.
 */
static void
keep_keys(struct crm_db *db, long long keep, long long dup)
{
	crm_exec(db, "INSERT OR IGNORE INTO identities (customer_id, kind, "
	    "value, source) SELECT ?1, 'id', d.external_id, '' FROM customers "
	    "d, customers k WHERE d.id = ?2 AND k.id = ?1 AND d.external_id "
	    "IS NOT NULL AND k.external_id IS NOT NULL AND k.external_id <> "
	    "d.external_id", "ii", keep, dup);
	crm_exec(db, "INSERT OR IGNORE INTO identities (customer_id, kind, "
	    "value, source) SELECT ?1, 'email', d.email, '' FROM customers "
	    "d, customers k WHERE d.id = ?2 AND k.id = ?1 AND d.email IS NOT "
	    "NULL AND k.email IS NOT NULL AND k.email <> d.email", "ii", keep,
	    dup);
	keep_phones(db, keep, dup);
	crm_exec(db, "INSERT INTO customer_fields (customer_id, key, value) "
	    "SELECT ?1, 'other domains', d.domain FROM customers d, customers "
	    "k WHERE d.id = ?2 AND k.id = ?1 AND d.domain IS NOT NULL AND "
	    "k.domain IS NOT NULL AND k.domain <> d.domain ON CONFLICT "
	    "(customer_id, key) DO UPDATE SET value = customer_fields.value || "
	    "', ' || excluded.value", "ii", keep, dup);
	crm_exec(db, "UPDATE identities SET customer_id = ? WHERE customer_id "
	    "= ?", "ii", keep, dup);
}

/*
 * Fold dup into keep, two people or two organisations: keep's values
 * win, dup fills the gaps; fields and tags join, interactions, reminders,
 * deals and an organisation's contacts move; dup is deleted and the
 * audit row keeps its whole record.  0, or -1 with the error recorded:
 * keep and dup are one customer, or a person and an organisation, or
 * both have an invoice of one number (exit 65), or the database failed.
 */
int
crm_cust_merge(struct crm_db *db, long long keep, long long dup)
{
	struct crm_buf detail = { 0 }, rec = { 0 };
	struct crm_cust c = { 0 };
	long long kept_org, dup_org;
	char *ref;
	int r;

	if (keep == dup)
		return crm_fail(CRM_EX_DATAERR, "cannot merge customer %lld "
		    "into itself", keep);
	kept_org = crm_query_int(db, 0, "SELECT type = 'org' FROM customers "
	    "WHERE id = ?", "i", keep);
	dup_org = crm_query_int(db, 0, "SELECT type = 'org' FROM customers "
	    "WHERE id = ?", "i", dup);
	if (crm_db_failed(db))
		return -1;
	if (kept_org != dup_org)
		return crm_fail(CRM_EX_DATAERR, "cannot merge %s %lld into %s "
		    "%lld: only two people or two organisations are merged",
		    dup_org ? "organisation" : "person", dup,
		    kept_org ? "organisation" : "person", keep);
	/* An invoice's number is unique per customer: one payment would
	 * settle both. */
	ref = crm_query_text(db, "SELECT ref FROM interactions WHERE kind = "
	    "'invoice' AND customer_id = ? AND ref IN (SELECT ref FROM "
	    "interactions WHERE kind = 'invoice' AND customer_id = ?) ORDER "
	    "BY id LIMIT 1", "ii", dup, keep);
	if (ref) {
		crm_fail(CRM_EX_DATAERR, "cannot merge customer %lld into %lld: "
		    "both have an invoice %.100s", dup, keep, ref);
		free(ref);
		return -1;
	}
	if (crm_db_failed(db))
		return -1;
	record_json(db, dup, &rec);
	fill_from(db, keep, dup, &c);
	keep_keys(db, keep, dup);
	/* Free dup's unique keys before keep takes them. */
	crm_exec(db, "UPDATE customers SET external_id = NULL, email = NULL, "
	    "domain = NULL WHERE id = ?", "i", dup);
	if ((r = apply_update(db, keep, &c, 1, &detail, NULL)) < 0)
		goto done;
	crm_exec(db, "INSERT OR IGNORE INTO customer_fields (customer_id, "
	    "key, value) SELECT ?, key, value FROM customer_fields "
	    "WHERE customer_id = ?", "ii", keep, dup);
	crm_exec(db, "INSERT OR IGNORE INTO tags (customer_id, tag) "
	    "SELECT ?, tag FROM tags WHERE customer_id = ?", "ii", keep, dup);
	crm_exec(db, "UPDATE interactions SET customer_id = ? "
	    "WHERE customer_id = ?", "ii", keep, dup);
	crm_exec(db, "UPDATE reminders SET customer_id = ? "
	    "WHERE customer_id = ?", "ii", keep, dup);
	/* Deleting dup would delete its deals and unlink its contacts. */
	crm_exec(db, "UPDATE deals SET customer_id = ? WHERE customer_id = ?",
	    "ii", keep, dup);
	crm_exec(db, "UPDATE customers SET org_id = ?, updated = ? WHERE "
	    "org_id = ?", "isi", keep, crm_now_str(), dup);
	crm_exec(db, "DELETE FROM customers WHERE id = ?", "i", dup);
	crm_exec(db, "UPDATE customers SET updated = ? WHERE id = ?", "si",
	    crm_now_str(), keep);
	crm_buf_adds(&detail, detail.len ? ",\"merged\":" : "{\"merged\":");
	crm_buf_add(&detail, rec.s, rec.len);
	crm_audit(db, "merge", keep, detail_end(&detail));
done:
	crm_buf_free(&detail);
	crm_buf_free(&rec);
	crm_cust_free(&c);
	return r < 0 || crm_db_failed(db) ? -1 : 0;
}

/*
 * Give every customer of a leaving rep, people and organisations (and
 * the rep's open work: reminders not done, cadence rules, open deals) to
 * another; how many customers there were, or -1 when the database
 * failed.
 */
static long long
reassign_nfc(struct crm_db *db, const char *from, const char *to)
{
	struct crm_buf detail = { 0 };
	struct crm_stmt *st;
	long long n = 0;

	detail_add(&detail, "owner", from, to);
	detail_end(&detail);
	st = crm_prepare(db, "SELECT id FROM customers WHERE owner = ? "
	    "ORDER BY id");
	crm_bind_text(st, 1, from);
	while (crm_step(st) == CRM_ROW) {
		crm_audit(db, "reassign", crm_col_int(st, 0),
		    detail.s);
		n++;
	}
	crm_finalize(st);
	crm_exec(db, "UPDATE customers SET owner = ?, updated = ? "
	    "WHERE owner = ?", "sss", to, crm_now_str(), from);
	crm_exec(db, "UPDATE reminders SET owner = ? WHERE owner = ? AND "
	    "done IS NULL", "ss", to, from);
	crm_exec(db, "UPDATE rules SET owner = ? WHERE owner = ?", "ss", to,
	    from);
	crm_exec(db, "UPDATE deals SET owner = ?, updated = ? WHERE owner = ? "
	    "AND closed IS NULL", "sss", to, crm_now_str(), from);
	crm_buf_free(&detail);
	return crm_db_failed(db) ? -1 : n;
}

/* from and to in NFC, as owners are stored (check_col). */
long long
crm_cust_reassign(struct crm_db *db, const char *from, const char *to)
{
	char *f = crm_nfc(from), *t = crm_nfc(to);
	long long n = reassign_nfc(db, f, t);

	free(f), free(t);
	return n;
}
