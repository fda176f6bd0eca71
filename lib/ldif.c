/*
 * ldif.c - an LDIF address book (RFC 2849), Thunderbird's third export
 * beside vCard and CSV, read as records, one an entry, under the column
 * names of Thunderbird's own CSV export (First Name, Primary Email, Work
 * Phone ...), which lib/import.c already reads: the same address book
 * exported either way imports alike.  The attributes are Thunderbird's
 * (its default LDAP attribute map, mailnews.js's ldap_2.servers.default.
 * attrmap, and its export: givenName, sn, cn, mail, mozillaSecondEmail,
 * telephoneNumber, mobile, o, title, street, l, st, postalCode, c,
 * description ...); another is kept under its own name, as a field.
 *
 * The syntax: "attr: value", "attr:: base64" (any value not plain ASCII),
 * "attr:< URL" (not fetched: kept as written), a line beginning with one
 * space continues the one before, "#" lines are comments, a blank line
 * ends an entry, and the file may open with "version: 1".  An entry of
 * a mailing list (objectclass groupOfNames) is skipped and counted: a
 * list is no customer.  A change record (changetype:) is no address
 * book: the file is refused.
 *
 * As vcard.c, the file is read twice, so memory is bounded by the
 * columns and the largest entry: the first pass collects the columns
 * (and finds a broken file before anything is imported), the second
 * hands out the entries.  The reader (rec.c) gives a seekable file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

#define LDIF_LINE_MAX	(16 << 20)	/* longest unfolded line */

/*
 * Thunderbird's attributes (lower case, as compared) and the column of
 * its CSV export each is; the order is the header's.  Several spellings
 * of one (Netscape's xmozilla..., the LDAP schema's long names) share
 * one column.
 */
static const struct {
	const char *attr, *col;
} attrs[] = {
	{ "givenname", "First Name" }, { "sn", "Last Name" },
	{ "surname", "Last Name" }, { "cn", "Display Name" },
	{ "commonname", "Display Name" }, { "displayname", "Display Name" },
	{ "mozillanickname", "Nickname" }, { "xmozillanickname", "Nickname" },
	{ "mail", "Primary Email" },
	{ "mozillasecondemail", "Secondary Email" },
	{ "xmozillasecondemail", "Secondary Email" },
	{ "nsaimid", "Screen Name" }, { "nscpaimscreenname", "Screen Name" },
	{ "telephonenumber", "Work Phone" }, { "homephone", "Home Phone" },
	{ "facsimiletelephonenumber", "Fax Number" }, { "fax", "Fax Number" },
	{ "pager", "Pager Number" }, { "pagerphone", "Pager Number" },
	{ "mobile", "Mobile Number" }, { "cellphone", "Mobile Number" },
	{ "carphone", "Mobile Number" },
	{ "mozillahomestreet", "Home Address" },
	{ "homestreet", "Home Address" },
	{ "mozillahomestreet2", "Home Address 2" },
	{ "mozillahomelocalityname", "Home City" },
	{ "mozillahomestate", "Home State" },
	{ "mozillahomepostalcode", "Home ZipCode" },
	{ "mozillahomecountryname", "Home Country" },
	{ "street", "Work Address" }, { "streetaddress", "Work Address" },
	{ "postofficebox", "Work Address" },
	{ "mozillaworkstreet2", "Work Address 2" },
	{ "l", "Work City" }, { "locality", "Work City" },
	{ "st", "Work State" }, { "region", "Work State" },
	{ "postalcode", "Work ZipCode" }, { "zip", "Work ZipCode" },
	{ "c", "Work Country" }, { "countryname", "Work Country" },
	{ "title", "Job Title" }, { "ou", "Department" },
	{ "department", "Department" }, { "orgunit", "Department" },
	{ "departmentnumber", "Department" }, { "o", "Organization" },
	{ "company", "Organization" },
	{ "mozillaworkurl", "Web Page 1" }, { "workurl", "Web Page 1" },
	{ "mozillahomeurl", "Web Page 2" }, { "homeurl", "Web Page 2" },
	{ "birthyear", "Birth Year" }, { "birthmonth", "Birth Month" },
	{ "birthday", "Birth Day" },
	{ "mozillacustom1", "Custom 1" }, { "custom1", "Custom 1" },
	{ "mozillacustom2", "Custom 2" }, { "custom2", "Custom 2" },
	{ "mozillacustom3", "Custom 3" }, { "custom3", "Custom 3" },
	{ "mozillacustom4", "Custom 4" }, { "custom4", "Custom 4" },
	{ "description", "Notes" }, { "notes", "Notes" },
};

/*
 * Attributes that are no customer's data: the entry's name in the
 * directory, its classes, its last change, a mail format preference,
 * pictures and certificates (binary), a list's members.
 */
static const char *const dropped[] = { "dn", "objectclass",
	"modifytimestamp", "mozillausehtmlmail", "xmozillausehtmlmail",
	"jpegphoto", "photo", "usercertificate", "usersmimecertificate",
	"member", "uniquemember" };

struct crm_ldif {
	FILE *fp;
	long line;		/* physical lines read */
	struct crm_buf peek;	/* the next physical line, read ahead */
	int have_peek, peek_eof;
	long peek_line;
	struct crm_buf lg;	/* the logical (unfolded) line */
	long lg_line;		/* where it began */
	struct crm_buf dec;	/* a decoded value */
	char *err;
	long errline;
	char **cols;		/* the header */
	size_t ncols, capcols;
	struct crm_buf *vals;	/* this entry's, a column each */
	const char **out;
	long entry_line;	/* the entry's first line */
	int scanned, in_entry, is_list;
	int binary;		/* the value is no UTF-8 text (base64's) */
	const char *encoding;	/* --encoding: a base64 value's, not UTF-8 */
	char *bad;		/* why this entry is refused, or NULL */
	long bad_line;
	struct crm_buf seen;	/* this entry's attributes so far, "\n" each */
	long lists;		/* mailing lists skipped */
};

static int
fail(struct crm_ldif *l, long line, char *msg)
{
	if (l->err == NULL) {
		l->err = msg;
		l->errline = line;
	} else {
		free(msg);
	}
	return -1;
}

/* One physical line into l->peek, without its end; 0 at the end. */
static int
read_physical(struct crm_ldif *l)
{
	int c;

	crm_buf_reset(&l->peek);
	if ((c = getc(l->fp)) == EOF)
		return ferror(l->fp) ? fail(l, l->line, crm_xasprintf("%s",
		    strerror(errno))) : 0;
	for (; c != EOF && c != '\n'; c = getc(l->fp)) {
		if (l->peek.len >= LDIF_LINE_MAX)
			return fail(l, l->line + 1, crm_xstrdup("a line longer "
			    "than 16 MB"));
		crm_buf_addc(&l->peek, (char)c);
	}
	if (l->peek.len && l->peek.s[l->peek.len - 1] == '\r')
		l->peek.s[--l->peek.len] = '\0';
	l->peek_line = ++l->line;
	return 1;
}

/*
 * The next logical line into l->lg: a physical line and those that
 * continue it (one space first, taken off).  1, 0 at the end, -1.
 */
static int
next_logical(struct crm_ldif *l)
{
	int r;

	if (!l->have_peek && !l->peek_eof) {
		if ((r = read_physical(l)) < 0)
			return -1;
		l->have_peek = r > 0, l->peek_eof = r == 0;
	}
	if (l->peek_eof)
		return 0;
	crm_buf_reset(&l->lg);
	crm_buf_add(&l->lg, l->peek.s ? l->peek.s : "", l->peek.len);
	l->lg_line = l->peek_line;
	for (;;) {
		if ((r = read_physical(l)) < 0)
			return -1;
		if (r == 0) {
			l->have_peek = 0, l->peek_eof = 1;
			break;
		}
		if (l->peek.len == 0 || l->peek.s[0] != ' ' || l->lg.len == 0) {
			l->have_peek = 1;
			break;
		}
		crm_buf_add(&l->lg, l->peek.s + 1, l->peek.len - 1);
	}
	return 1;
}

/* The column an attribute (lower case) is, or NULL: its own name. */
static const char *
attr_col(const char *attr)
{
	size_t i;

	for (i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcmp(attr, attrs[i].attr) == 0)
			return attrs[i].col;
	return NULL;
}

static int
attr_dropped(const char *attr)
{
	size_t i;

	for (i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		if (strcmp(attr, dropped[i]) == 0)
			return 1;
	return 0;
}

static long
col_index(const struct crm_ldif *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->ncols; i++)
		if (strcasecmp(l->cols[i], name) == 0)
			return (long)i;
	return -1;
}

static void
col_add(struct crm_ldif *l, const char *name)
{
	if (col_index(l, name) >= 0)
		return;
	if (l->ncols == l->capcols) {
		l->capcols = l->capcols ? 2 * l->capcols : 16;
		l->cols = crm_xreallocarray(l->cols, l->capcols,
		    sizeof *l->cols);
	}
	l->cols[l->ncols++] = crm_xstrdup(name);
}

/*
 * A base64 value of an attribute crm reads (attr) that is not UTF-8:
 * Thunderbird writes UTF-8, an older Netscape export may not.  With
 * --encoding it is read in that encoding, as the file's plain text is;
 * else, or if it is not text even so, its entry is refused (its line and
 * why; --rejects takes it, the other entries import) and the value left
 * out.  A NUL is no text in any encoding.
 */
static void
not_text(struct crm_ldif *l, const char *attr)
{
	int r = -2;

	if (l->encoding && !memchr(l->dec.s, '\0', l->dec.len) &&
	    (r = crm_to_utf8(&l->dec, l->encoding)) == 0 &&
	    crm_utf8_valid(l->dec.s, l->dec.len)) {
		l->binary = 0;
		return;
	}
	if (l->bad == NULL) {
		l->bad = memchr(l->dec.s, '\0', l->dec.len) ?
		    crm_xasprintf("%s: not text (a NUL byte in its base64 "
		    "value)", attr) : l->encoding == NULL ?
		    crm_msgf("%s: its base64 value is not UTF-8 text (if "
		    "the file is in another encoding, name it with "
		    "{encoding})", attr) : r == -1 ?
		    crm_msgf("%s: unknown {encoding} '%.40s'", attr,
		    l->encoding) : crm_xasprintf("%s: its base64 value is "
		    "not valid %.40s text", attr, l->encoding);
		l->bad_line = l->lg_line;
	}
}

/*
 * Split logical line s into its attribute (lower case, options after
 * ';' cut off: "cn;lang-de") and its value, base64 decoded into l->dec.
 * -1 when it is no "attr: value" line.
 */
static int
split_line(struct crm_ldif *l, char *s, char **attr, const char **value)
{
	char *colon = strchr(s, ':'), *p, *v;
	int b64;

	if (colon == NULL || colon == s)
		return fail(l, l->lg_line, crm_xasprintf("not an LDIF line "
		    "(attribute: value): '%.60s'", s));
	*colon = '\0';
	if ((p = strchr(s, ';')) != NULL)
		*p = '\0';
	for (p = s; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
	*attr = s;
	v = colon + 1;
	b64 = *v == ':';
	crm_buf_reset(&l->dec);
	if (b64) {
		if (crm_base64_decode(&l->dec, v + 1) < 0)
			return fail(l, l->lg_line, crm_xasprintf("%s: not "
			    "base64, as its '::' says", s));
	} else {
		if (*v == '<')	/* a URL, not fetched: kept as written */
			v++;
		v += strspn(v, " ");
		crm_buf_adds(&l->dec, v);
	}
	*value = crm_buf_str(&l->dec);
	/* base64 may be any bytes; a plain value is the file's text, whose
	 * faults the import says with the row (and --encoding mends) */
	l->binary = b64 && (memchr(*value, '\0', l->dec.len) ||
	    !crm_utf8_valid(*value, l->dec.len));
	if (l->binary && attr_col(s))
		not_text(l, s);
	*value = crm_buf_str(&l->dec);
	return 0;
}

/*
 * One entry's attribute: fn is called with it; the first of an entry
 * must be its dn (after the file's version line).
 */
static int
entry_attr(struct crm_ldif *l, const char *attr, const char *value,
    int (*fn)(struct crm_ldif *, const char *, const char *))
{
	if (!l->in_entry) {
		if (strcmp(attr, "version") == 0 && l->entry_line == 0)
			return 0;	/* "version: 1", the file's */
		if (strcmp(attr, "dn") != 0)
			return fail(l, l->lg_line, crm_xasprintf("an LDIF "
			    "entry begins with dn:, not %.40s:", attr));
		l->in_entry = 1;
		l->entry_line = l->lg_line;
		l->is_list = 0;
		crm_buf_reset(&l->seen);
		return 0;
	}
	if (strcmp(attr, "changetype") == 0)
		return fail(l, l->lg_line, crm_xstrdup("an LDIF change record "
		    "(changetype:), not an address book: export the address "
		    "book itself"));
	if (strcmp(attr, "objectclass") == 0 && strcasecmp(value,
	    "groupOfNames") == 0)
		l->is_list = 1;
	return fn(l, attr, value);
}

/*
 * The next entry, each attribute given to fn: 1, 0 at the end of the
 * file, -1 on a fault (recorded).
 */
static int
walk(struct crm_ldif *l, int (*fn)(struct crm_ldif *, const char *,
    const char *))
{
	const char *value;
	char *attr;
	int r;

	l->in_entry = 0;
	free(l->bad);
	l->bad = NULL;
	while ((r = next_logical(l)) > 0) {
		if (l->lg.len == 0) {
			if (l->in_entry)
				return 1;	/* a blank line ends it */
			continue;
		}
		if (l->lg.s[0] == '#')
			continue;	/* a comment */
		if (split_line(l, l->lg.s, &attr, &value) < 0 ||
		    entry_attr(l, attr, value, fn) < 0)
			return -1;
	}
	return r < 0 ? -1 : l->in_entry;
}

/*
 * The column attribute attr's value goes to, to free: its own, or for
 * the entry's second value of it "Primary Email 2", "Work Phone 2" (the
 * numbered columns import.c reads as another e-mail, another phone).
 * LDAP allows any attribute several values; Thunderbird writes one.
 */
static char *
value_col(struct crm_ldif *l, const char *attr)
{
	const char *col = attr_col(attr), *p;
	char *line;
	int n = 1;

	line = crm_xasprintf("%s\n", attr);
	for (p = crm_buf_str(&l->seen); (p = strstr(p, line)) != NULL;
	    p += strlen(line))
		if (p == l->seen.s || p[-1] == '\n')
			n++;
	crm_buf_adds(&l->seen, line);
	free(line);
	return n == 1 ? crm_xstrdup(col ? col : attr) :
	    crm_xasprintf("%s %d", col ? col : attr, n);
}

/* The first pass: every column some entry fills. */
static int
scan_attr(struct crm_ldif *l, const char *attr, const char *value)
{
	char *col;

	if (attr_dropped(attr) || l->is_list || *value == '\0' ||
	    (l->binary && attr_col(attr) == NULL))
		return 0;	/* binary: a picture, a key, no text */
	/* a column crm reads, whose entry is refused (not_text): its column
	 * all the same, that entry said by its own fault */
	col = value_col(l, attr);
	col_add(l, col);
	free(col);
	return 0;
}

/* encoding: --encoding's, or NULL (see not_text) */
struct crm_ldif *
crm_ldif_new(FILE *fp, const char *encoding)
{
	struct crm_ldif *l = crm_xcalloc(1, sizeof *l);

	l->fp = fp;
	l->encoding = encoding;
	return l;
}

int
crm_ldif_scan(struct crm_ldif *l)
{
	int r;

	while ((r = walk(l, scan_attr)) > 0)
		;
	if (r < 0)
		return -1;
	if (l->ncols == 0)
		return fail(l, 1, crm_xstrdup("nothing to import: the LDIF "
		    "file's entries are mailing lists or empty"));
	if (fseek(l->fp, 0, SEEK_SET) != 0)
		return fail(l, 0, crm_xasprintf("cannot read it twice: %s",
		    strerror(errno)));
	l->line = 0, l->have_peek = l->peek_eof = 0, l->entry_line = 0;
	l->vals = crm_xcalloc(l->ncols, sizeof *l->vals);
	l->out = crm_xcalloc(l->ncols, sizeof *l->out);
	l->scanned = 1;
	return 0;
}

size_t
crm_ldif_header(const struct crm_ldif *l, char *const **names)
{
	*names = l->cols;
	return l->ncols;
}

/*
 * The second pass: a value into its column (value_col's: two mail: are
 * Primary Email and Primary Email 2).  Two spellings of one attribute
 * (cn and displayName) share a column: the first given is kept.
 */
static int
card_attr(struct crm_ldif *l, const char *attr, const char *value)
{
	char *col;
	long i;

	if (attr_dropped(attr) || l->is_list || *value == '\0' || l->binary)
		return 0;
	col = value_col(l, attr);
	i = col_index(l, col);
	free(col);
	if (i >= 0 && l->vals[i].len == 0)	/* the first pass saw it */
		crm_buf_adds(&l->vals[i], value);
	return 0;
}

int
crm_ldif_next(struct crm_ldif *l, const char *const **vals, long *line)
{
	char num[32];
	size_t i;
	int r;

	if (l->err || !l->scanned)
		return CRM_REC_FATAL;
	do {
		for (i = 0; i < l->ncols; i++)
			crm_buf_reset(&l->vals[i]);
		r = walk(l, card_attr);
		l->lists += r > 0 && l->is_list;
	} while (r > 0 && l->is_list);
	if (r < 0)
		return CRM_REC_FATAL;
	if (r == 0) {
		if (l->lists)
			crm_warn("%s mailing list%s skipped: a list is not a "
			    "customer", crm_fmt_count(l->lists, num),
			    l->lists == 1 ? "" : "s");
		l->lists = 0;
		return CRM_REC_EOF;
	}
	for (i = 0; i < l->ncols; i++)
		l->out[i] = crm_buf_str(&l->vals[i]);
	*vals = l->out;
	/* a refused entry by the line of its fault, as a fault of the
	 * file's is said */
	*line = l->bad ? l->bad_line : l->entry_line;
	return l->bad ? CRM_REC_BAD : CRM_REC_OK;
}

/* The file's fault, else the entry's (CRM_REC_BAD), with its line. */
const char *
crm_ldif_error(const struct crm_ldif *l, long *line)
{
	*line = l->err ? l->errline : l->bad_line;
	return l->err ? l->err : l->bad;
}

void
crm_ldif_free(struct crm_ldif *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->ncols; i++) {
		free(l->cols[i]);
		if (l->vals)
			crm_buf_free(&l->vals[i]);
	}
	free(l->cols);
	free(l->vals);
	free(l->out);
	crm_buf_free(&l->peek);
	crm_buf_free(&l->lg);
	crm_buf_free(&l->dec);
	crm_buf_free(&l->seen);
	free(l->err);
	free(l->bad);
	free(l);
}
