/*
 * out.c - record writers: TSV, CSV, JSON Lines, an aligned table, and
 * vCard 4.0 (one card a row, properties by the columns' names).
 *
 * Every program prints a header line and then one record per line, so
 * output pipes into another crm program, awk or a spreadsheet.  TSV is the
 * "linear TSV" convention: no quoting, and \t \n \r \\ escaped inside
 * fields, so a record is always exactly one line.  The table is for
 * people: it has to see every row before it knows the column widths, so it
 * is the one writer that holds the output in memory.
 *
 * The vCard writer is vcard.c's reader in reverse: a row it writes reads
 * back as the same columns, so crm-segment -o vcard | crm-add --import -
 * loses nothing, and a phone or a mail program reads the cards too.
 *
 * The HTML writer streams the rows of a table in a page (html.c) and
 * keeps only the chart column's labels and figures, for the chart at
 * the end.  A writer can have a twin (crm_out_also) that is given the
 * same header and rows: crm-report --mail writes the text and the page
 * of one run.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm.h"

struct crm_out {
	FILE *fp;
	enum crm_fmt fmt;
	char delim;		/* CSV only */
	int spreadsheet;	/* BOM, CRLF, no formulas */
	size_t sheet_row;	/* spreadsheet: the row written (header 1) */
	size_t ncut;		/* spreadsheet: cells cut to Excel's limit */
	size_t nlfcut;		/* ... and to its line feeds' */
	int quiet, held;	/* no header without rows; header held back */
	char *chart;		/* table, html: a bar chart of this column */
	char *title;		/* html: the page's title, or the section's */
	int part;		/* html: a section of a page, not a page */
	char *section;		/* json: the report's part each row is of */
	struct crm_out *also;	/* a twin given the same header and rows */
	char *pick;		/* -f list, resolved at the header */
	size_t *sel, nsel;	/* picked input columns, in output order */
	const char **vals;	/* scratch for a picked row */
	char *types;
	char **names;
	size_t n, nnames;	/* columns; names (a wide row has more) */
	struct crm_buf line;
	/* vCard only: each column's property, or NULL to leave it out */
	char **vprop;
	int *vkind;
	size_t vname, vemail;	/* the columns FN falls back on */
	size_t vn;		/* a card's own N (CRM_VCARD_N) */
	int *vpart, *vgrp;	/* V_PART: its ADR component, its address */
	char **groups;		/* the addresses' names (crm_field_adr) */
	size_t ngroups;
	size_t *glabel;		/* each address's LABEL column, or -1 */
	size_t vcompany, vtype;	/* ORG's column; KIND's */
	size_t vunit;		/* ORG's units (CRM_VCARD_UNIT), V_UNIT */
	/* table only */
	char **cells;		/* nrows * n cells, row-major; NULL is empty */
	char *numeric;		/* per column: every value was a number */
	size_t nrows, cap;
	/* html only: the chart's column, its labels and figures */
	size_t ccol;
	char **clab, **cval;
	int thead;		/* the table's head is written */
	char *hfig;		/* per column: 1 its first value is a figure,
				 * 2 text, 0 none yet */
	struct crm_buf body;	/* the rows, written after the head */
	int failed;		/* a write or the -f list failed: see end */
};

int
crm_fmt_parse(const char *s, enum crm_fmt *fmt)
{
	static const struct {
		const char *name;
		enum crm_fmt fmt;
	} fmts[] = {
		{ "tsv", CRM_FMT_TSV }, { "csv", CRM_FMT_CSV },
		{ "json", CRM_FMT_JSON }, { "jsonl", CRM_FMT_JSON },
		{ "table", CRM_FMT_TABLE }, { "vcard", CRM_FMT_VCARD },
	};

	/* html is crm-report's alone (its pages have charts): the
	 * program parses it. */
	size_t i;

	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		if (strcmp(s, fmts[i].name) == 0) {
			*fmt = fmts[i].fmt;
			return 0;
		}
	return -1;
}

struct crm_out *
crm_out_new(FILE *fp, enum crm_fmt fmt)
{
	struct crm_out *o = crm_xcalloc(1, sizeof *o);

	if (fmt == CRM_FMT_AUTO)
		fmt = isatty(fileno(fp)) ? CRM_FMT_TABLE : CRM_FMT_TSV;
	o->fp = fp;
	o->fmt = fmt;
	o->delim = ',';
	return o;
}

/*
 * CSV for Excel and LibreOffice: a BOM so they read UTF-8, CRLF, and any
 * cell that would start a formula prefixed with ' (OWASP's advice), so an
 * exported name such as =HYPERLINK(...) stays text.
 */
void
crm_out_spreadsheet(struct crm_out *o)
{
	o->fmt = CRM_FMT_CSV;
	o->spreadsheet = 1;
	crm_buf_adds(&o->line, "\xef\xbb\xbf");
}

/* CSV with another delimiter, e.g. to answer a ';' file in kind. */
void
crm_out_delim(struct crm_out *o, int delim)
{
	o->delim = (char)delim;
}

/* Would a spreadsheet take this cell for a formula? (OWASP's list.) */
int
crm_formula_like(const char *s)
{
	const char *p;

	switch (*s) {
	case '=': case '@': case '\t': case '\r':
		return 1;
	case '+': case '-':
		/* "+86 010 1234" and "-12.50" are data, not formulas. */
		for (p = s + 1; *p; p++)
			if (!strchr("0123456789 .,()-/", *p))
				return 1;
		return p == s + 1;
	default:
		return 0;
	}
}

#define DIGITS "0123456789"

/* How many runs of one to four digits, joined by sep, s is (max at most). */
static int
digit_runs(const char *s, char sep, int max)
{
	int runs = 0;
	size_t n;

	for (;;) {
		n = strspn(s, DIGITS);
		if (n == 0 || n > 4 || ++runs > max)
			return 0;
		if (s[n] == '\0')
			return runs;
		if (s[n] != sep)
			return 0;
		s += n + 1;
	}
}

/* Is s an ISO date or month (2024-03-05, 2024-03), a date read as one? */
static int
iso_date(const char *s)
{
	return strspn(s, DIGITS) == 4 && s[4] == '-' &&
	    strspn(s + 5, DIGITS) == 2 && (s[7] == '\0' || (s[7] == '-' &&
	    strspn(s + 8, DIGITS) == 2 && s[10] == '\0'));
}

/* Is s a number with an exponent, 1E5, 1.5e-3? */
static int
exponent_like(const char *s)
{
	size_t n = strspn(s, DIGITS);

	if (n == 0)
		return 0;
	s += n;
	if (*s == '.' && isdigit((unsigned char)s[1]))
		s += 1 + strspn(s + 1, DIGITS);
	if (*s != 'E' && *s != 'e')
		return 0;
	s += 1 + (s[1] == '+' || s[1] == '-');
	n = strspn(s, DIGITS);
	return n > 0 && s[n] == '\0';
}

/* The length of the month name s begins with (Sep, Sept, March), or 0. */
static size_t
month_word(const char *s)
{
	static const char *const months[] = { "january", "february",
	    "march", "april", "may", "june", "july", "august", "september",
	    "october", "november", "december" };
	size_t i, n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 3)
		return 0;
	for (i = 0; i < sizeof months / sizeof *months; i++)
		if (n <= strlen(months[i]) && strncasecmp(s, months[i], n) == 0)
			return n;
	return 0;
}

/* Past a run of one to four digits, or NULL. */
static const char *
skip_digits(const char *s)
{
	size_t n = strspn(s, DIGITS);

	return n > 0 && n <= 4 ? s + n : NULL;
}

/* Past an optional year after a day and a month (Sep-2-2024), or NULL. */
static const char *
skip_year(const char *s)
{
	if (*s && strchr("-/ ", *s))
		return skip_digits(s + 1);
	return s;
}

/*
 * A day and an English month name, Excel's dates with a month's name:
 * Sep-2, SEPT2, March 1, 1-Mar, 2 Oct, 1/Mar/2024 (the gene names that
 * turn into dates).
 */
static int
month_date(const char *s)
{
	size_t n = month_word(s);

	if (n > 0) {
		s += n;
		s += *s != '\0' && strchr("-/. ", *s) != NULL;
		return (s = skip_digits(s)) && (s = skip_year(s)) && *s == '\0';
	}
	if ((s = skip_digits(s)) == NULL || *s == '\0' || !strchr("-/ ", *s))
		return 0;
	s++;
	if ((n = month_word(s)) == 0)
		return 0;
	return (s = skip_year(s + n)) && *s == '\0';
}

/*
 * Past " am", " P" (a time's half of the day), or NULL.  Only after a
 * space, as Q97912 has it, so that a house number (12A) stays as it is.
 */
static const char *
skip_ampm(const char *s)
{
	if (*s++ != ' ')
		return NULL;
	if (*s != 'a' && *s != 'A' && *s != 'p' && *s != 'P')
		return NULL;
	return s + 1 + (s[1] == 'm' || s[1] == 'M');
}

/* A time: 12:30, 9:05:10.5, 1 p, 10:15 AM. */
static int
time_like(const char *s)
{
	const char *p;
	int runs;

	if ((s = skip_digits(s)) == NULL)
		return 0;
	for (runs = 1; *s == ':' && runs < 3; runs++)
		if ((s = skip_digits(s + 1)) == NULL)
			return 0;
	if (runs > 1 && *s == '.' && isdigit((unsigned char)s[1]))
		s += 1 + strspn(s + 1, DIGITS);
	if (*s == '\0')
		return runs > 1;
	return (p = skip_ampm(s)) && *p == '\0';
}

/*
 * Past a number as a spreadsheet reads it in some locale: digits with
 * a decimal point or comma and thousands separators (1,234.50, 1.234,50,
 * 3,5), or NULL; *commas says whether it had a comma.
 */
static const char *
skip_number(const char *s, int *commas)
{
	const char *p = s;

	*commas = 0;
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p) || ((*p == ',' || *p == '.') &&
	    isdigit((unsigned char)p[1]))) {
		*commas |= *p == ',';
		p++;
	}
	return p;
}

/*
 * A number Excel changes: in parentheses, its negative (an accountant's
 * (123) is -123); with a % (10% is 0.1); with a comma, whose meaning
 * depends on the locale the file is opened in (1,234 is 1234 to an
 * English Excel and 1.234 to a German one, 0,50 is 0.5).  A sign before
 * it is allowed, so -1,234 is one too.
 */
static int
number_shape(const char *s)
{
	int commas, paren = 0;

	s += *s == '-';
	if (*s == '(') {
		paren = 1;
		s++;
	}
	if ((s = skip_number(s, &commas)) == NULL)
		return 0;
	if (paren)
		return s[0] == ')' && s[1] == '\0';
	if (*s == '%')
		return s[1] == '\0';
	return commas && *s == '\0';
}

/* A fraction with a whole part, 3 1/2 (3.5), or 0 1/2. */
static int
mixed_fraction(const char *s)
{
	size_t n = strspn(s, DIGITS);

	return n > 0 && s[n] == ' ' && digit_runs(s + n + 1, '/', 2) == 2;
}

/* TRUE and false are Excel's booleans (written back as TRUE, FALSE). */
static int
boolean_like(const char *s)
{
	return strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0;
}

/*
 * Would Excel (or LibreOffice, as it opens a CSV by default) read this
 * text as a number, a date, a time or a boolean and change it?  Digits
 * with a leading zero (07700900123, 02134: the zero is lost), or 12
 * digits or more (the General format shows 1.23457E+11, and a CSV saved
 * from it keeps only that; past 15 the digits are zeros), a + before
 * digits (+447700900123: the + is lost), an exponent (1E5 is 100000),
 * two or three runs of digits joined by - or / (3-4, 1/2: dates) or
 * three by . (1.2.3, a date to a German Excel), a day and a month's name
 * (Sep-2, 1-Mar), a time (12:30, 1 p), a whole number and a fraction
 * (3 1/2), a number in parentheses, with a % or with a comma ((123),
 * 10%, 1,234), TRUE and FALSE in any case.  An ISO date or month
 * (2024-03-05, 2024-03) is a date and stays one; amounts and counts (0,
 * 12.50, -3, 1299) stay numbers.  Microsoft's KB Q97912: a slash or a
 * hyphen makes a date, a colon or a space and A or P a time, an E an
 * exponent, and leading zeros are dropped.
 */
static int
spreadsheet_mangles(const char *s)
{
	const char *p = s + (*s == '+');
	size_t n = strspn(p, DIGITS);

	if (n > 0 && p[n] == '\0')
		return p != s || (n > 1 && *p == '0') || n >= 12;
	if (p != s)
		return 0;
	return exponent_like(s) || (digit_runs(s, '-', 3) >= 2 &&
	    !iso_date(s)) || digit_runs(s, '/', 3) >= 2 ||
	    digit_runs(s, '.', 3) == 3 || month_date(s) || time_like(s) ||
	    mixed_fraction(s) || number_shape(s) || boolean_like(s);
}

/*
 * Is the cell put in a spreadsheet export with a ' before it?  So is one
 * that has its own ' (or several) before such a value, so that the ' the
 * import takes off ('=x, ''0123) is the export's and the value's stays.
 */
static int
spreadsheet_guarded(const char *s)
{
	s += strspn(s, "'");
	return crm_formula_like(s) || spreadsheet_mangles(s);
}

/* Undo the ' a spreadsheet export put before a cell to keep it text. */
void
crm_unneutralise(char *s)
{
	if (s[0] == '\'' && spreadsheet_guarded(s + 1))
		memmove(s, s + 1, strlen(s));
}

static void
tsv_field(struct crm_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t': crm_buf_adds(b, "\\t"); break;
		case '\n': crm_buf_adds(b, "\\n"); break;
		case '\r': crm_buf_adds(b, "\\r"); break;
		case '\\': crm_buf_adds(b, "\\\\"); break;
		default: crm_buf_addc(b, *s);
		}
	}
}

/* RFC 4180: quote only what needs it, double the quotes inside. */
static void
csv_field(struct crm_buf *b, const char *s, char delim)
{
	char special[] = { delim, '"', '\r', '\n', '\0' };
	const char *p;

	if (s[strcspn(s, special)] == '\0' && *s != ' ' &&
	    (*s == '\0' || s[strlen(s) - 1] != ' ')) {
		crm_buf_adds(b, s);
		return;
	}
	crm_buf_addc(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			crm_buf_addc(b, '"');
		crm_buf_addc(b, *p);
	}
	crm_buf_addc(b, '"');
}

/*
 * Write the line built in o->line.  Like a stdio stream, the writer
 * remembers its first failure (a full disk, a closed pipe) and writes
 * nothing after it; crm_out_end() reports it.
 */
static void
write_line(struct crm_out *o)
{
	if (!o->failed &&
	    fwrite(o->line.s, 1, o->line.len, o->fp) != o->line.len) {
		o->failed = 1;
		crm_fail(CRM_EX_IOERR, "write error:");
	}
	o->line.len = 0;
}

static void
put_line(struct crm_out *o)
{
	if (o->spreadsheet)
		crm_buf_addc(&o->line, '\r');
	crm_buf_addc(&o->line, '\n');
	write_line(o);
}

/* The most characters an Excel cell holds ("Excel specifications and
 * limits", Microsoft), counted as Excel counts them: UTF-16 units. */
#define EXCEL_CELL_MAX	32767

/*
 * The bytes of s that make at most EXCEL_CELL_MAX characters, cut
 * before a character (one past U+FFFF is two units); *units, all of s's.
 */
static size_t
excel_fit(const char *s, size_t *units)
{
	size_t i, cut = 0;
	unsigned char c;
	int over = 0;

	*units = 0;
	for (i = 0; s[i]; i++) {
		c = (unsigned char)s[i];
		if ((c & 0xc0) == 0x80)
			continue;	/* within the character before */
		*units += c >= 0xf0 ? 2 : 1;
		if (!over && *units > EXCEL_CELL_MAX)
			over = 1, cut = i;
	}
	return over ? cut : i;
}

/* The most line feeds an Excel cell holds (the same specifications). */
#define EXCEL_CELL_LF	253

/*
 * The bytes of s before its line feed past EXCEL_CELL_LF (and the CR of
 * a CRLF there), or all of them; *lfs, s's line feeds.
 */
static size_t
excel_fit_lines(const char *s, size_t *lfs)
{
	const char *p = s, *cut = NULL;

	*lfs = 0;
	while ((p = strchr(p, '\n')) != NULL) {
		if (++*lfs == EXCEL_CELL_LF + 1)
			cut = p > s && p[-1] == '\r' ? p - 1 : p;
		p++;
	}
	return cut ? (size_t)(cut - s) : strlen(s);
}

/* Say the first cell cut of a kind: its row, column, what is too much. */
static void
cell_cut_said(const struct crm_out *o, size_t col, size_t n,
    const char *what, int max)
{
	char num[24];

	snprintf(num, sizeof num, "%zu", col + 1);
	crm_warn("{spreadsheet}: row %zu, column %s: %zu %s, cut to Excel's "
	    "%d", o->sheet_row, col < o->nnames ? o->names[col] : num, n,
	    what, max);
}

/*
 * A cell of a CSV for spreadsheets: one that would be read as a formula
 * or a number other than the value behind a ', and no longer than an
 * Excel cell holds, 32,767 characters and 253 line feeds: past them
 * Excel cuts the cell or spills it into the next, without a word.  Cut
 * at a character's edge or before the line feed too many, the first cut
 * of each kind said with its row and column, how many in all at the end
 * (crm_out_end).
 */
static void
sheet_cell(struct crm_out *o, size_t col, const char *s)
{
	char *own = NULL, *lines = NULL, *cut;
	size_t units = 0, fit = 0, lfs;

	if (spreadsheet_guarded(s))
		s = own = crm_xasprintf("'%s", s);
	fit = excel_fit_lines(s, &lfs);
	if (lfs > EXCEL_CELL_LF) {
		if (o->nlfcut++ == 0)
			cell_cut_said(o, col, lfs, "line feeds", EXCEL_CELL_LF);
		s = lines = crm_xstrndup(s, fit);
	}
	/* A byte is at most one unit: most cells are not looked into. */
	if (strlen(s) > EXCEL_CELL_MAX)
		fit = excel_fit(s, &units);
	if (units > EXCEL_CELL_MAX) {
		if (o->ncut++ == 0)
			cell_cut_said(o, col, units, "characters",
			    EXCEL_CELL_MAX);
		cut = crm_xstrndup(s, fit);
		free(own);
		s = own = cut;
	}
	csv_field(&o->line, s, o->delim);
	free(lines);
	free(own);
}

static void
delimited_row(struct crm_out *o, const char *const *vals)
{
	size_t i;

	o->sheet_row++;
	for (i = 0; i < o->n; i++) {
		if (i > 0)
			crm_buf_addc(&o->line, o->fmt == CRM_FMT_CSV ?
			    o->delim : '\t');
		if (o->spreadsheet)
			sheet_cell(o, i, vals[i] ? vals[i] : "");
		else if (o->fmt == CRM_FMT_CSV)
			csv_field(&o->line, vals[i] ? vals[i] : "", o->delim);
		else
			tsv_field(&o->line, vals[i] ? vals[i] : "");
	}
	put_line(o);
}

/* "name":value, a number (or JSON already written) as it is when num. */
static void
json_member(struct crm_buf *b, const char *name, const char *val, int num)
{
	crm_json_str(b, name);
	crm_buf_addc(b, ':');
	if (val == NULL)
		crm_buf_adds(b, "null");
	else if (num)
		crm_buf_adds(b, val);
	else
		crm_json_str(b, val);
}

static void
json_row(struct crm_out *o, const char *const *vals, const char *types)
{
	size_t i;

	crm_buf_addc(&o->line, '{');
	if (o->section) {
		json_member(&o->line, "section", o->section, 0);
		if (o->n > 0)
			crm_buf_addc(&o->line, ',');
	}
	for (i = 0; i < o->n; i++) {
		if (i > 0)
			crm_buf_addc(&o->line, ',');
		json_member(&o->line, o->names[i], vals[i],
		    types && types[i] == 'n');
	}
	crm_buf_addc(&o->line, '}');
	put_line(o);
}

/*
 * The current row of st as the members of a JSON object, as a JSON
 * Lines row writes them (numbers as numbers, NULL as null), for a
 * document that nests rows: the caller writes the braces.
 */
void
crm_json_members(struct crm_buf *b, struct crm_stmt *st)
{
	int i, n = crm_col_count(st), t;

	for (i = 0; i < n; i++) {
		if (i > 0)
			crm_buf_addc(b, ',');
		t = crm_col_type(st, i);
		json_member(b, crm_col_name(st, i), t == CRM_NULL ? NULL :
		    crm_col_text(st, i), t == CRM_INT || t == CRM_REAL);
	}
}

/* How a column's value is written in a vCard. */
enum { V_DROP, V_TEXT, V_LIST, V_ADR, V_CATEGORIES, V_ORG, V_KIND, V_LINK,
	V_PART, V_UNIT };

static const struct {
	const char *col, *prop;
	int kind;
} vcard_cols[] = {
	{ "name", "FN", V_TEXT }, { "email", "EMAIL;PREF=1", V_TEXT },
	{ "emails", "EMAIL", V_LIST }, { "phone", "TEL;PREF=1", V_TEXT },
	{ "company", "ORG", V_ORG }, { "role", "TITLE", V_TEXT },
	/* An organisation's card says so (RFC 6350's KIND), and a person's
	 * link to one is its ORG's first part unless X-CRM-ORG says another
	 * (vcard.c reads them back so). */
	{ "type", "KIND", V_KIND }, { "org", "X-CRM-ORG", V_LINK },
	{ "domain", "X-CRM-DOMAIN", V_TEXT },
	{ "title", "TITLE", V_TEXT },
	{ "tags", "CATEGORIES", V_CATEGORIES }, { "note", "NOTE", V_TEXT },
	{ "address", "ADR", V_ADR }, { "url", "URL", V_TEXT },
	{ "birthday", "BDAY", V_TEXT }, { "nickname", "NICKNAME", V_TEXT },
	{ "external_id", "UID", V_TEXT }, { "owner", "X-CRM-OWNER", V_TEXT },
	{ "tier", "X-CRM-TIER", V_TEXT },
	{ "industry", "X-CRM-INDUSTRY", V_TEXT },
	{ "status", "X-CRM-STATUS", V_TEXT },
	{ "created", "X-CRM-CREATED", V_TEXT },
	/* stored, though a filter names them too (vcard.c reads them) */
	{ "credit_limit", "X-CRM-CREDIT-LIMIT", V_TEXT },
	{ "terms", "X-CRM-TERMS", V_TEXT },
	{ "other_ids", "X-CRM-ID", V_LIST },
	/* local to this database, or ours to keep */
	{ "id", NULL, V_DROP }, { "updated", NULL, V_DROP },
};

/* A parameter value, quoted, with RFC 6868's ^ escapes. */
static void
vcard_param(struct crm_buf *b, const char *s)
{
	crm_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '^')
			crm_buf_adds(b, "^^");
		else if (*s == '\n')
			crm_buf_adds(b, "^n");
		else if (*s == '"')
			crm_buf_adds(b, "^'");
		else if (*s != '\r')
			crm_buf_addc(b, *s);
	}
	crm_buf_addc(b, '"');
}

/*
 * "address 3": the numbered columns vcard.c reads back.  An older crm's
 * "phone 2" is a field now (vcard.c reads a card's further TELs as "other
 * phones"): its TEL carries X-CRM-FIELD, so that a round trip keeps it.
 */
static int
numbered(const char *name, const char *base)
{
	size_t n = strlen(base);

	return strncmp(name, base, n) == 0 && name[n] == ' ' &&
	    name[n + 1] >= '2' && name[n + 1] <= '9' &&
	    name[n + 1 + strspn(name + n + 1, "0123456789")] == '\0';
}

/*
 * An extra field that is the same thing as a property's column under a
 * sheet's header (crm_field_vcard's like): Google's "Phone 2 - Value" a
 * TEL, "other phones" one TEL each, "Notes" a NOTE, "Website" a URL, an
 * older import's "Address" an ADR, so a phone that imports crm's card
 * gets them (vcard_header adds the field's name as X-CRM-FIELD).
 */
static void
vcard_like(struct crm_out *o, size_t i, const char *like, struct crm_buf *b)
{
	size_t k;

	if (strcmp(like, "phone") == 0 || strcmp(like, "phones") == 0) {
		o->vkind[i] = strcmp(like, "phones") == 0 ? V_LIST : V_TEXT;
		crm_buf_adds(b, "TEL");
		return;
	}
	for (k = 0; strcmp(like, vcard_cols[k].col) != 0; k++)
		;
	o->vkind[i] = vcard_cols[k].kind;
	crm_buf_adds(b, vcard_cols[k].prop);
}

/*
 * Is column i an address's part ("Business City": crm_field_adr) that no
 * earlier column of that address has?  Then it is a component of the
 * address's one ADR (vcard_adr), and V_PART.
 */
static int
vcard_part(struct crm_out *o, size_t i)
{
	char *group;
	size_t g, j;
	int k = crm_field_adr(o->names[i], &group);

	if (k < 0)
		return 0;
	for (g = 0; g < o->ngroups && strcmp(o->groups[g], group) != 0; g++)
		;
	for (j = 0; j < i; j++)
		if (o->vkind[j] == V_PART && o->vgrp[j] == (int)g &&
		    o->vpart[j] == k)
			break;
	if (j < i) {		/* a second "State" beside "Region" */
		free(group);
		return 0;
	}
	if (g == o->ngroups) {
		o->groups = crm_xreallocarray(o->groups, g + 1,
		    sizeof *o->groups);
		o->groups[o->ngroups++] = group;
	} else {
		free(group);
	}
	o->vkind[i] = V_PART;
	o->vgrp[i] = (int)g;
	o->vpart[i] = k;
	return 1;
}

/* Which address ("address" 1, "address 2" 2 ...) column name is, or 0. */
static long
address_number(const char *name)
{
	if (strcmp(name, "address") == 0)
		return 1;
	return numbered(name, "address") ? strtol(name + 8, NULL, 10) : 0;
}

/*
 * The address (crm_field_adr's group) whose LABEL address column n
 * ("address" 1, "address 2" 2) is: Google's Address n, or for the first
 * a sheet's plain Street, City ...; -1 for none.
 */
static size_t
pair_group(const struct crm_out *o, long n)
{
	char want[32];
	size_t g, plain = (size_t)-1;

	snprintf(want, sizeof want, "address%ld", n);
	for (g = 0; g < o->ngroups; g++) {
		if (strcmp(o->groups[g], want) == 0)
			return g;
		if (*o->groups[g] == '\0' && plain == (size_t)-1)
			plain = g;
	}
	return n == 1 ? plain : (size_t)-1;
}

/*
 * Each address's LABEL column, so that its ADR is written there, in the
 * order of the address columns, as vcard.c reads a card's ADR back.
 */
static void
vcard_pair(struct crm_out *o)
{
	size_t g, i;
	long n;

	o->glabel = crm_xcalloc(o->ngroups ? o->ngroups : 1,
	    sizeof *o->glabel);
	for (g = 0; g < o->ngroups; g++)
		o->glabel[g] = (size_t)-1;
	for (i = 0; i < o->n; i++)
		if ((n = address_number(o->names[i])) > 0 &&
		    (g = pair_group(o, n)) != (size_t)-1 &&
		    o->glabel[g] == (size_t)-1)
			o->glabel[g] = i;
}

/* Each column's property: the table, id:SOURCE, or X-CRM-FIELD. */
static void
vcard_header(struct crm_out *o)
{
	struct crm_buf b = { 0 };
	const char *name;
	size_t i, k;
	int money;

	o->vprop = crm_xcalloc(o->n, sizeof *o->vprop);
	o->vkind = crm_xcalloc(o->n, sizeof *o->vkind);
	o->vpart = crm_xcalloc(o->n, sizeof *o->vpart);
	o->vgrp = crm_xcalloc(o->n, sizeof *o->vgrp);
	o->vname = o->vemail = o->vcompany = o->vtype = o->vunit = (size_t)-1;
	o->vn = (size_t)-1;
	for (i = 0; i < o->n; i++) {
		name = o->names[i];
		o->vkind[i] = V_TEXT;
		for (k = 0; k < sizeof vcard_cols / sizeof vcard_cols[0] &&
		    strcmp(name, vcard_cols[k].col) != 0; k++)
			;
		crm_buf_reset(&b);
		if (k < sizeof vcard_cols / sizeof vcard_cols[0]) {
			o->vkind[i] = vcard_cols[k].kind;
			if (vcard_cols[k].prop)
				crm_buf_adds(&b, vcard_cols[k].prop);
		} else if (numbered(name, "address")) {
			o->vkind[i] = V_ADR;
			crm_buf_adds(&b, "ADR");
		} else if (strcmp(name, CRM_VCARD_N) == 0) {
			o->vkind[i] = V_DROP;	/* N's, by vcard_name */
			o->vn = i;
		} else if (vcard_part(o, i)) {
			;	/* in its address's ADR */
		} else if (strcmp(name, CRM_VCARD_FAX) == 0) {
			/* a fax ("a, b") is a TEL each that says so, which
			 * vcard.c reads back as this field */
			o->vkind[i] = V_LIST;
			crm_buf_adds(&b, "TEL;TYPE=FAX");
		} else if (strcmp(name, CRM_VCARD_PAGER) == 0) {
			/* a pager likewise, TYPE=PAGER (vCard 3.0's, 2.1's
			 * ;PAGER), so that a phone shows it as one: under
			 * crm's own X-CRM-FIELD no other reader saw it */
			o->vkind[i] = V_LIST;
			crm_buf_adds(&b, "TEL;TYPE=PAGER");
		} else if (crm_field_vcard(name)) {
			/* and its name, which crm's reader keeps and other
			 * readers ignore: a round trip keeps "Notes" */
			vcard_like(o, i, crm_field_vcard(name), &b);
			crm_buf_adds(&b, ";X-CRM-FIELD=");
			vcard_param(&b, name);
		} else if (strncmp(name, "id:", 3) == 0 && name[3]) {
			o->vkind[i] = V_LIST;
			crm_buf_adds(&b, "X-CRM-ID;SOURCE=");
			vcard_param(&b, name + 3);
		} else if ((crm_filter_field(name, &money) &&
		    crm_cust_colindex(name) < 0) ||
		    crm_header_computed(name, o->names, o->n)) {
			o->vkind[i] = V_DROP;	/* computed: revenue, ... */
		} else {
			crm_buf_adds(&b, "X-CRM-FIELD;NAME=");
			vcard_param(&b, name);
		}
		if (o->vkind[i] == V_PART) {	/* when not in its ADR */
			crm_buf_adds(&b, "X-CRM-FIELD;NAME=");
			vcard_param(&b, name);
		}
		if (o->vkind[i] != V_DROP)
			o->vprop[i] = crm_xstrdup(crm_buf_str(&b));
		if (strcmp(name, "name") == 0)
			o->vname = i;
		if (strcmp(name, "email") == 0)
			o->vemail = i;
		if (strcmp(name, "company") == 0)
			o->vcompany = i;
		if (strcmp(name, "type") == 0)
			o->vtype = i;
		if (strcmp(name, CRM_VCARD_UNIT) == 0 && o->vkind[i] == V_TEXT)
			o->vunit = i;
	}
	/* A department beside a company is ORG's unit; alone, a field. */
	if (o->vunit != (size_t)-1 && o->vcompany != (size_t)-1)
		o->vkind[o->vunit] = V_UNIT;
	vcard_pair(o);
	crm_buf_free(&b);
}

/* PROP:value, the value escaped as RFC 6350 text. */
static void
vcard_prop(struct crm_out *o, struct crm_buf *b, const char *prop,
    const char *pre, const char *val, const char *post)
{
	crm_buf_reset(b);
	crm_buf_addf(b, "%s:%s", prop, pre);
	crm_ics_text(b, val);
	crm_buf_adds(b, post);
	crm_fold_line(&o->line, b->s);
}

/*
 * FN, and N: the card's own that came in, or from the name and the
 * fields that give its other parts (Middle Name, Name Prefix: vcard.c).
 */
static void
vcard_name(struct crm_out *o, struct crm_buf *b, const char *const *vals)
{
	const char *name = o->vname != (size_t)-1 ? vals[o->vname] : NULL;
	const char *parts[5] = { 0 };
	size_t i;
	int k;

	if (name == NULL || *name == '\0') {
		name = o->vemail != (size_t)-1 && vals[o->vemail] &&
		    *vals[o->vemail] ? vals[o->vemail] : "(no name)";
		vcard_prop(o, b, "FN", "", name, "");
		return;
	}
	vcard_prop(o, b, "FN", "", name, "");
	for (i = 0; i < o->n; i++)
		if (o->vkind[i] != V_DROP &&
		    (k = crm_vcard_n_part(o->names[i], vals[i])) >= 0)
			parts[k] = vals[i];
	crm_buf_reset(b);
	crm_buf_adds(b, "N:");
	crm_vcard_n(b, name, o->vn != (size_t)-1 ? vals[o->vn] : NULL, parts);
	crm_fold_line(&o->line, b->s);
}

/* Values separated by ", " (emails, ids), one property line each. */
static void
vcard_list(struct crm_out *o, struct crm_buf *b, const char *prop,
    const char *val)
{
	const char *p;
	char *one;

	while (*val) {
		p = strstr(val, ", ");
		one = crm_xstrndup(val, p ? (size_t)(p - val) : strlen(val));
		if (*one)
			vcard_prop(o, b, prop, "", one, "");
		free(one);
		val = p ? p + 2 : val + strlen(val);
	}
}

/* Tags "a,b" as CATEGORIES:a,b with each tag escaped. */
static void
vcard_categories(struct crm_out *o, struct crm_buf *b, const char *val)
{
	char **tags;
	size_t i, n;

	tags = crm_split_list(val, &n);
	crm_buf_reset(b);
	crm_buf_adds(b, "CATEGORIES:");
	for (i = 0; i < n; i++) {
		if (i > 0)
			crm_buf_addc(b, ',');
		crm_ics_text(b, tags[i]);
	}
	if (n > 0)
		crm_fold_line(&o->line, b->s);
	crm_free_list(tags, n);
}

/*
 * A company as ORG: the company the organisation's name, the department
 * (unit: CRM_VCARD_UNIT's field, its " / " parts, as vcard.c joins ORG's
 * units) the units, each escaped.  A company an older crm joined with
 * its units stays one name, as stored, so a round trip keeps it.
 */
static void
vcard_org(struct crm_out *o, struct crm_buf *b, const char *val,
    const char *unit)
{
	const char *p;
	char *one;

	crm_buf_reset(b);
	crm_buf_adds(b, "ORG:");
	crm_ics_text(b, val);
	for (; unit && *unit; unit = p ? p + 3 : "") {
		p = strstr(unit, " / ");
		one = p ? crm_xstrndup(unit, (size_t)(p - unit)) :
		    crm_xstrdup(unit);
		crm_buf_addc(b, ';');
		crm_ics_text(b, one);
		free(one);
	}
	crm_fold_line(&o->line, b->s);
}

/*
 * A person's organisation, when it is not the one vcard.c takes from ORG
 * (its first part): X-CRM-ORG, empty for none.
 */
static void
vcard_link(struct crm_out *o, struct crm_buf *b, const char *const *vals,
    const char *org)
{
	const char *company = o->vcompany != (size_t)-1 &&
	    vals[o->vcompany] ? vals[o->vcompany] : "";

	org = org ? org : "";
	if (strcmp(org, company) != 0)
		vcard_prop(o, b, "X-CRM-ORG", "", org, "");
}

/* Has address g a part with a value in this row? */
static int
vcard_has_parts(const struct crm_out *o, const char *const *vals, int g)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (o->vkind[i] == V_PART && o->vgrp[i] == g && vals[i] &&
		    *vals[i])
			return 1;
	return 0;
}

/*
 * Does address g's text (its LABEL column) say what its parts say
 * (crm_adr_agree)?  Else the ADR is not made of the parts: a phone shows
 * what the address says (vcard_row).
 */
static int
vcard_agree(const struct crm_out *o, const char *const *vals, int g)
{
	const char *part[7];
	size_t i, n = 0;

	for (i = 0; i < o->n && n < 7; i++)
		if (o->vkind[i] == V_PART && o->vgrp[i] == g && vals[i])
			part[n++] = vals[i];
	return crm_adr_agree(vals[o->glabel[g]], part, n);
}

/*
 * Is address g written as its parts' ADR in this row: it has parts, and
 * no address text, or one that agrees with them?
 */
static int
vcard_paired(const struct crm_out *o, const char *const *vals, int g)
{
	size_t l = o->glabel[g];

	return vcard_has_parts(o, vals, g) && (l == (size_t)-1 ||
	    vals[l] == NULL || *vals[l] == '\0' || vcard_agree(o, vals, g));
}

/*
 * ";TYPE=home" or ";TYPE=work" for address n's ADR into b, when its
 * label field (Google's "Address n - Label", which vcard.c fills from
 * another card's TYPE) says Home or Work, with X-CRM-TYPE naming that
 * field: the field is written on its own line as ever, and vcard.c reads
 * such a TYPE as no second label.  Nothing for another label.
 */
static void
vcard_adr_type(const struct crm_out *o, struct crm_buf *b,
    const char *const *vals, long n)
{
	char want[32];
	size_t i;

	snprintf(want, sizeof want, "Address %ld - Label", n);
	for (i = 0; i < o->n && strcmp(o->names[i], want) != 0; i++)
		;
	if (i == o->n || vals[i] == NULL || (strcasecmp(vals[i], "home") !=
	    0 && strcasecmp(vals[i], "work") != 0))
		return;
	crm_buf_addf(b, ";TYPE=%s;X-CRM-TYPE=", strcasecmp(vals[i], "home") ==
	    0 ? "home" : "work");
	vcard_param(b, want);
}

/*
 * The number of the address group g is ("address2": 2; a sheet's plain
 * Street, City ...: 1), for its label; 0 for Outlook's Business, Home and
 * Other, whose group says it (*implied: "work", "home" or NULL).
 */
static long
group_number(const char *group, const char **implied)
{
	*implied = strcmp(group, "business") == 0 ? "work" :
	    strcmp(group, "home") == 0 ? "home" : NULL;
	if (*group == '\0')
		return 1;
	return strncmp(group, "address", 7) == 0 ? strtol(group + 7, NULL, 10) :
	    0;
}

/*
 * Address g as one ADR, its parts in their components (RFC 6350: PO box,
 * extended, street, locality, region, code, country), the fields they are
 * named in X-CRM-FIELDS (vcard.c reads them back into those fields), and
 * the address column, when it goes with them, as its LABEL.
 */
static void
vcard_adr(struct crm_out *o, struct crm_buf *b, const char *const *vals,
    int g)
{
	const char *comp[7] = { 0 }, *field[7] = { 0 }, *implied;
	size_t i;
	long n = group_number(o->groups[g], &implied);
	int k;

	if (!vcard_has_parts(o, vals, g))
		return;
	for (i = 0; i < o->n; i++)
		if (o->vkind[i] == V_PART && o->vgrp[i] == g && vals[i] &&
		    *vals[i])
			comp[o->vpart[i]] = vals[i], field[o->vpart[i]] =
			    o->names[i];
	crm_buf_reset(b);
	crm_buf_adds(b, "ADR");
	if (implied)	/* Outlook's Business Street ...: TYPE=work */
		crm_buf_addf(b, ";TYPE=%s", implied);
	else if (n > 0)
		vcard_adr_type(o, b, vals, n);
	crm_buf_adds(b, ";X-CRM-FIELDS=");
	for (k = 0; k < 7; k++) {
		crm_buf_adds(b, k ? "," : "");
		vcard_param(b, field[k] ? field[k] : "");
	}
	if (o->glabel[g] != (size_t)-1 && vals[o->glabel[g]] &&
	    *vals[o->glabel[g]]) {
		crm_buf_adds(b, ";LABEL=");
		vcard_param(b, vals[o->glabel[g]]);
	}
	crm_buf_addc(b, ':');
	for (k = 0; k < 7; k++) {
		crm_buf_adds(b, k ? ";" : "");
		crm_ics_text(b, comp[k] ? comp[k] : "");
	}
	crm_fold_line(&o->line, b->s);
}

/*
 * Is column i where the ADR of its address is written: the first of its
 * parts when it has no LABEL column, else that column?
 */
static int
vcard_first_part(const struct crm_out *o, size_t i)
{
	size_t j;

	if (o->glabel[o->vgrp[i]] != (size_t)-1)
		return 0;
	for (j = 0; j < i; j++)
		if (o->vkind[j] == V_PART && o->vgrp[j] == o->vgrp[i])
			return 0;
	return 1;
}

/* The address whose LABEL column i is, or -1. */
static int
vcard_label_of(const struct crm_out *o, size_t i)
{
	size_t g;

	for (g = 0; g < o->ngroups; g++)
		if (o->glabel[g] == i)
			return (int)g;
	return -1;
}

static void
vcard_row(struct crm_out *o, const char *const *vals)
{
	struct crm_buf b = { 0 }, t = { 0 };
	size_t i;
	int g;

	crm_fold_line(&o->line, "BEGIN:VCARD");
	crm_fold_line(&o->line, "VERSION:4.0");
	vcard_name(o, &b, vals);
	for (i = 0; i < o->n; i++) {
		if (o->vkind[i] == V_LINK && !(o->vtype != (size_t)-1 &&
		    vals[o->vtype] && strcmp(vals[o->vtype], "org") == 0))
			vcard_link(o, &b, vals, vals[i]);
		if (o->vkind[i] == V_PART) {
			if (vcard_first_part(o, i))
				vcard_adr(o, &b, vals, o->vgrp[i]);
			/* beside an address that says otherwise: kept for
			 * crm, where a phone does not show it */
			else if (vals[i] && *vals[i] &&
			    !vcard_paired(o, vals, o->vgrp[i]))
				vcard_prop(o, &b, o->vprop[i], "", vals[i],
				    "");
			continue;
		}
		if ((g = vcard_label_of(o, i)) >= 0 &&
		    vcard_paired(o, vals, g)) {
			vcard_adr(o, &b, vals, g);
			continue;	/* the LABEL of its parts' ADR */
		}
		if (o->vprop[i] == NULL || vals[i] == NULL || *vals[i] == '\0' ||
		    i == o->vname)
			continue;
		switch (o->vkind[i]) {
		case V_ORG:
			vcard_org(o, &b, vals[i], o->vunit != (size_t)-1 &&
			    o->vkind[o->vunit] == V_UNIT ? vals[o->vunit] :
			    NULL);
			break;
		case V_UNIT:	/* in ORG, unless there is no company */
			if (vals[o->vcompany] == NULL ||
			    *vals[o->vcompany] == '\0')
				vcard_prop(o, &b, o->vprop[i], "", vals[i], "");
			break;
		case V_KIND:	/* a person is the default: "individual" */
			if (strcmp(vals[i], "org") == 0)
				crm_fold_line(&o->line, "KIND:org");
			break;
		case V_LINK:
			break;
		case V_LIST:
			vcard_list(o, &b, o->vprop[i], vals[i]);
			break;
		case V_ADR:	/* the whole address in the street part */
			crm_buf_reset(&t);
			crm_buf_adds(&t, o->vprop[i]);
			if (address_number(o->names[i]) > 0)
				vcard_adr_type(o, &t, vals,
				    address_number(o->names[i]));
			vcard_prop(o, &b, t.s, ";;", vals[i], ";;;;");
			break;
		case V_CATEGORIES:
			vcard_categories(o, &b, vals[i]);
			break;
		default:
			vcard_prop(o, &b, o->vprop[i], "", vals[i], "");
		}
	}
	crm_fold_line(&o->line, "END:VCARD");
	crm_buf_free(&b);
	crm_buf_free(&t);
	write_line(o);
}

/* "1299.50", "-3": a figure, right-aligned in a table like a number. */
static int
looks_numeric(const char *s)
{
	int digits = 0;

	if (*s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	return digits > 0 && *s == '\0';
}

static void
table_row(struct crm_out *o, const char *const *vals, const char *types)
{
	struct crm_buf b = { 0 };
	size_t i;

	if (o->nrows + 1 > o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->cells = crm_xreallocarray(o->cells, o->cap * o->n,
		    sizeof *o->cells);
	}
	for (i = 0; i < o->n; i++) {
		/* Escaped like TSV so a newline cannot break the layout. */
		tsv_field(&b, vals[i] ? vals[i] : "");
		o->cells[o->nrows * o->n + i] = crm_xstrdup(crm_buf_str(&b));
		crm_buf_reset(&b);
		if (vals[i] && *vals[i] && !(types && types[i] == 'n') &&
		    !looks_numeric(vals[i]))
			o->numeric[i] = 0;
	}
	crm_buf_free(&b);
	o->nrows++;
}

/* A figure: right-aligned in a table and a page. */
static int
is_figure(const char *v, const char *types, size_t i)
{
	return v && *v && ((types && types[i] == 'n') || looks_numeric(v));
}

/* The page's head (or the section's heading) and the table's start;
 * the chart column, found among the columns printed. */
static void
html_begin(struct crm_out *o)
{
	const char *title = o->title ? o->title : "crm";
	size_t i;

	if (o->part) {
		crm_buf_adds(&o->line, "<section>\n<h2>");
		crm_html_text(&o->line, title);
		crm_buf_adds(&o->line, "</h2>\n");
	} else {
		crm_html_head(&o->line, title);
	}
	crm_buf_adds(&o->line, "<div class=\"t\"><table>\n");
	write_line(o);
	for (i = 1; o->chart && i < o->n; i++)
		if (strcmp(o->names[i], o->chart) == 0)
			o->ccol = i;
}

/*
 * The table's head, written at the end: a column whose first value (of
 * those not empty: a credit limit few customers have) is a figure has
 * its name right-aligned over it, so the rows wait for that.
 */
static void
html_thead(struct crm_out *o)
{
	size_t i;

	crm_buf_adds(&o->line, "<thead><tr>");
	for (i = 0; i < o->n; i++) {
		crm_buf_adds(&o->line, o->hfig && o->hfig[i] == 1 ?
		    "<th class=\"n\">" : "<th>");
		crm_html_text(&o->line, o->names[i]);
		crm_buf_adds(&o->line, "</th>");
	}
	crm_buf_adds(&o->line, "</tr></thead>\n<tbody>\n");
	o->thead = 1;
}

static void
html_row(struct crm_out *o, const char *const *vals, const char *types)
{
	size_t i;

	if (o->hfig == NULL)
		o->hfig = crm_xcalloc(o->n ? o->n : 1, 1);
	crm_buf_adds(&o->body, "<tr>");
	for (i = 0; i < o->n; i++) {
		if (o->hfig[i] == 0 && vals[i] && *vals[i])
			o->hfig[i] = is_figure(vals[i], types, i) ? 1 : 2;
		crm_buf_adds(&o->body, is_figure(vals[i], types, i) ?
		    "<td class=\"n\">" : "<td>");
		crm_html_text(&o->body, vals[i]);
		crm_buf_adds(&o->body, "</td>");
	}
	crm_buf_adds(&o->body, "</tr>\n");
	if (o->ccol == 0)
		return;
	if (o->nrows + 1 > o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->clab = crm_xreallocarray(o->clab, o->cap, sizeof *o->clab);
		o->cval = crm_xreallocarray(o->cval, o->cap, sizeof *o->cval);
	}
	o->clab[o->nrows] = crm_xstrdup(vals[0] ? vals[0] : "");
	o->cval[o->nrows] = vals[o->ccol] ? crm_xstrdup(vals[o->ccol]) : NULL;
	o->nrows++;
}

/* The table's end, the chart, the section's or the page's end. */
static void
html_end(struct crm_out *o)
{
	size_t r;

	if (!o->thead)
		html_thead(o);
	if (o->body.len)
		crm_buf_add(&o->line, o->body.s, o->body.len);
	crm_buf_free(&o->body);
	free(o->hfig);
	o->hfig = NULL;
	crm_buf_adds(&o->line, "</tbody></table></div>\n");
	if (o->ccol && o->nrows > 0)
		crm_html_chart(&o->line, o->chart, o->names[0],
		    o->clab, o->cval, o->nrows);
	if (o->part)
		crm_buf_adds(&o->line, "</section>\n");
	else
		crm_html_foot(&o->line);
	write_line(o);
	for (r = 0; r < o->nrows; r++) {
		free(o->clab[r]);
		free(o->cval[r]);
	}
}

/*
 * A twin: every header and row given to o (crm_out_header, _row, _stmt)
 * goes to also too, and so do the field list, the title and part; the
 * chart is each writer's own.  crm_out_end(o) ends and frees it.
 */
void
crm_out_also(struct crm_out *o, struct crm_out *also)
{
	o->also = also;
}

/* HTML: the page's title and heading, or the section's heading. */
void
crm_out_title(struct crm_out *o, const char *title)
{
	free(o->title);
	o->title = title ? crm_xstrdup(title) : NULL;
	if (o->also)
		crm_out_title(o->also, title);
}

/* HTML: a section (heading, table, chart) of a page the caller begins
 * and ends (crm_html_head, crm_html_foot), not a page of its own. */
/*
 * JSON Lines: each row is of section name of a report in parts (crm-report
 * monthly, risk), said in its first member "section", so that every line
 * is a record, with no line of a title or a part's name between them.
 */
void
crm_out_section(struct crm_out *o, const char *name)
{
	free(o->section);
	o->section = name ? crm_xstrdup(name) : NULL;
}

void
crm_out_part(struct crm_out *o)
{
	o->part = 1;
	if (o->also)
		crm_out_part(o->also);
}

/*
 * Print only these columns (a -f list), in this order; "all" (or NULL)
 * every column, as crm-segment's -f all (crm_fields_all).
 */
void
crm_out_fields(struct crm_out *o, const char *list)
{
	free(o->pick);
	o->pick = list && !crm_fields_all(list) ? crm_xstrdup(list) : NULL;
	if (o->also)
		crm_out_fields(o->also, list);
}

/* Is a -f list "all": every column, and with crm-segment and crm-deal
 * every extra field too? */
int
crm_fields_all(const char *list)
{
	return list && strcmp(list, "all") == 0;
}

/* An unknown name in the field list: a usage error naming what there is. */
static int
unknown_field(const char *name, const char *const *names, size_t n)
{
	struct crm_buf all = { 0 };
	size_t j;

	for (j = 0; j < n; j++)
		crm_buf_addf(&all, "%s%s", j ? ", " : "", names[j]);
	crm_fail_arg(CRM_EX_USAGE, "fields", "unknown field '%s' (fields: %s)",
	    name, crm_buf_str(&all));
	crm_buf_free(&all);
	return -1;
}

/*
 * The columns of names the field list picks, in its order, into *sel
 * (allocated) and *nsel; -1 with a usage error for an empty list or a
 * name there is not.
 */
static int
resolve_fields(const char *list, const char *const *names, size_t n,
    size_t **sel, size_t *nsel)
{
	char **want;
	size_t nwant, i, j;

	*sel = NULL;
	*nsel = 0;
	want = crm_split_list(list, &nwant);
	if (nwant == 0)
		return crm_fail_arg(CRM_EX_USAGE, "fields", "no fields given");
	*sel = crm_xcalloc(nwant, sizeof **sel);
	for (i = 0; i < nwant; i++) {
		for (j = 0; j < n && strcmp(want[i], names[j]) != 0; j++)
			;
		if (j == n) {
			unknown_field(want[i], names, n);
			crm_free_list(want, nwant);
			free(*sel);
			*sel = NULL;
			return -1;
		}
		(*sel)[i] = j;
	}
	*nsel = nwant;
	crm_free_list(want, nwant);
	return 0;
}

/* Resolve the field list against the real header; -1 for a bad list. */
static int
pick_columns(struct crm_out *o, const char *const *names, size_t n)
{
	size_t i;

	if (resolve_fields(o->pick, names, n, &o->sel, &o->nsel) < 0)
		return -1;
	o->vals = crm_xcalloc(o->nsel, sizeof *o->vals);
	o->types = crm_xcalloc(o->nsel, 1);
	for (i = 0; i < o->nsel; i++)
		o->vals[i] = names[o->sel[i]];
	return 0;
}

/* The header: the column names, picked by the field list if there is
 * one; -1 when the list names a column there is not. */
int
crm_out_header(struct crm_out *o, const char *const *names, size_t n)
{
	size_t i;

	if (o->also && crm_out_header(o->also, names, n) < 0)
		o->failed = 1;
	if (o->failed)
		return -1;
	if (o->pick && o->sel == NULL) {
		if (pick_columns(o, names, n) < 0) {
			o->failed = 1;
			return -1;
		}
		names = o->vals, n = o->nsel;
	}

	o->n = o->nnames = n;
	o->names = crm_xcalloc(n, sizeof *o->names);
	o->numeric = crm_xcalloc(n, 1);
	for (i = 0; i < n; i++) {
		o->names[i] = crm_xstrdup(names[i]);
		o->numeric[i] = 1;
	}
	if (o->fmt == CRM_FMT_VCARD)
		vcard_header(o);
	if (o->fmt == CRM_FMT_HTML)
		html_begin(o);
	if (o->fmt == CRM_FMT_TSV || o->fmt == CRM_FMT_CSV) {
		if (o->quiet)
			o->held = 1;
		else
			delimited_row(o, (const char *const *)o->names);
	}
	return o->failed ? -1 : 0;
}

/* Under a table, bars for one column of figures (time series). */
void
crm_out_chart(struct crm_out *o, const char *column)
{
	free(o->chart);
	o->chart = column ? crm_xstrdup(column) : NULL;
}

/* Print nothing at all, not even the header, when there are no rows:
 * cron mails any output, so "nothing due" must be silence. */
void
crm_out_quiet(struct crm_out *o)
{
	o->quiet = 1;
}

int
crm_out_row(struct crm_out *o, const char *const *vals, const char *types)
{
	size_t i;

	if (o->also && crm_out_row(o->also, vals, types) < 0)
		o->failed = 1;
	if (o->failed)
		return -1;
	if (o->sel) {
		for (i = 0; i < o->nsel; i++) {
			o->vals[i] = vals[o->sel[i]];
			o->types[i] = types ? types[o->sel[i]] : 's';
		}
		vals = o->vals, types = o->types;
	}
	if (o->held) {
		o->held = 0;
		delimited_row(o, (const char *const *)o->names);
	}
	switch (o->fmt) {
	case CRM_FMT_JSON:
		json_row(o, vals, types);
		break;
	case CRM_FMT_TABLE:
		table_row(o, vals, types);
		break;
	case CRM_FMT_VCARD:
		vcard_row(o, vals);
		break;
	case CRM_FMT_HTML:
		html_row(o, vals, types);
		break;
	default:
		delimited_row(o, vals);
	}
	return o->failed ? -1 : 0;
}

/*
 * A row wider than the header (a rejected row with too many cells), kept
 * whole: for CSV and TSV the extra cells follow; JSON has no place for
 * them, so they are named "column N" there.
 */
int
crm_out_row_wide(struct crm_out *o, const char *const *vals, size_t n)
{
	size_t keep = o->n, i;
	char **names = o->names;

	if (n <= o->n || o->sel || o->fmt == CRM_FMT_TABLE ||
	    o->fmt == CRM_FMT_HTML || o->also || o->failed)
		return crm_out_row(o, vals, NULL);
	if (o->held) {
		o->held = 0;
		delimited_row(o, (const char *const *)o->names);
	}
	if (o->fmt == CRM_FMT_JSON) {
		o->names = crm_xcalloc(n, sizeof *o->names);
		for (i = 0; i < n; i++)
			o->names[i] = i < keep ? names[i] :
			    crm_xasprintf("column %zu", i - 1);
		o->n = n;
		json_row(o, vals, NULL);
		for (i = keep; i < n; i++)
			free(o->names[i]);
		free(o->names);
		o->names = names;
	} else {
		o->n = n;
		delimited_row(o, vals);
	}
	o->n = keep;
	return o->failed ? -1 : 0;
}

/* Write every row of a statement (the header is its column names, unless
 * one was given); returns the number of rows, or -1 when the statement or
 * the writing failed. */
long long
crm_out_stmt(struct crm_out *o, struct crm_stmt *st)
{
	return crm_out_stmt_each(o, st, NULL, NULL);
}

/* The same, calling each(st, ctx) on every row as it is written. */
long long
crm_out_stmt_each(struct crm_out *o, struct crm_stmt *st,
    void (*each)(struct crm_stmt *, void *), void *ctx)
{
	long long rows = 0;
	size_t i, n = (size_t)crm_col_count(st);
	int rc = CRM_DONE;
	const char **vals = crm_xcalloc(n, sizeof *vals);
	char *types = crm_xcalloc(n, 1);

	if (o->names == NULL) {
		for (i = 0; i < n; i++)
			vals[i] = crm_col_name(st, (int)i);
		crm_out_header(o, vals, n);
	}
	while (!o->failed && (rc = crm_step(st)) == CRM_ROW) {
		for (i = 0; i < n; i++) {
			int t = crm_col_type(st, (int)i);

			vals[i] = t == CRM_NULL ? NULL :
			    crm_col_text(st, (int)i);
			types[i] = t == CRM_INT || t == CRM_REAL ?
			    'n' : 's';
		}
		crm_out_row(o, vals, types);
		if (each)
			each(st, ctx);
		rows++;
	}
	free(vals);
	free(types);
	return o->failed || rc == CRM_FAIL ? -1 : rows;
}

static void
pad(struct crm_out *o, int n)
{
	while (n-- > 0)
		crm_buf_addc(&o->line, ' ');
}

static void
table_line(struct crm_out *o, char *const *cells, const int *width)
{
	size_t i;
	int w;

	for (i = 0; i < o->n; i++) {
		w = width[i] - crm_utf8_width(cells[i]);
		if (i > 0)
			pad(o, 2);
		if (o->numeric[i])
			pad(o, w);
		crm_buf_adds(&o->line, cells[i]);
		if (!o->numeric[i] && i + 1 < o->n)
			pad(o, w);
	}
	put_line(o);
}

/* Draw bars for the chart column under the table, labelled by column 0. */
static void
draw_chart(struct crm_out *o, const int *width)
{
	size_t col, r;
	double v, max = 0;
	int bar;

	for (col = 0; col < o->n && strcmp(o->names[col], o->chart); col++)
		;
	if (col == o->n || col == 0 || o->nrows == 0)
		return;
	for (r = 0; r < o->nrows; r++)
		if ((v = strtod(o->cells[r * o->n + col], NULL)) > max)
			max = v;
	crm_buf_addf(&o->line, "\n%s", o->chart);
	put_line(o);
	for (r = 0; r < o->nrows; r++) {
		v = strtod(o->cells[r * o->n + col], NULL);
		bar = max > 0 && v > 0 ? (int)(40 * v / max + 0.5) : 0;
		crm_buf_adds(&o->line, o->cells[r * o->n]);
		pad(o, width[0] - crm_utf8_width(o->cells[r * o->n]) + 1);
		while (bar-- > 0)
			crm_buf_adds(&o->line, "\xe2\x96\x88");	/* U+2588 */
		crm_buf_addf(&o->line, " %s", o->cells[r * o->n + col]);
		put_line(o);
	}
}

static void
table_flush(struct crm_out *o)
{
	int *width = crm_xcalloc(o->n, sizeof *width);
	size_t i, r;
	int w;

	for (i = 0; i < o->n; i++)
		width[i] = crm_utf8_width(o->names[i]);
	for (r = 0; r < o->nrows; r++)
		for (i = 0; i < o->n; i++) {
			w = crm_utf8_width(o->cells[r * o->n + i]);
			if (w > width[i])
				width[i] = w;
		}
	table_line(o, o->names, width);
	for (r = 0; r < o->nrows; r++)
		table_line(o, o->cells + r * o->n, width);
	if (o->chart)
		draw_chart(o, width);
	for (r = 0; r < o->nrows * o->n; r++)
		free(o->cells[r]);
	free(width);
}

/* Finish (a table is printed only now) and free o; -1 if anything failed,
 * with the first error kept. */
int
crm_out_end(struct crm_out *o)
{
	size_t i;
	int failed;

	if (o->fmt == CRM_FMT_TABLE && o->names && !(o->quiet &&
	    o->nrows == 0) && !o->failed)
		table_flush(o);
	if (o->fmt == CRM_FMT_HTML && o->names && !o->failed)
		html_end(o);
	if (o->also && crm_out_end(o->also) < 0)
		o->failed = 1;
	if (o->ncut > 1)
		crm_warn("{spreadsheet}: %zu cells cut to Excel's %d characters",
		    o->ncut, EXCEL_CELL_MAX);
	if (o->nlfcut > 1)
		crm_warn("{spreadsheet}: %zu cells cut to Excel's %d line "
		    "feeds", o->nlfcut, EXCEL_CELL_LF);
	for (i = 0; i < o->n; i++) {
		free(o->names[i]);
		free(o->vprop ? o->vprop[i] : NULL);
	}
	free(o->names);
	free(o->vprop);
	free(o->vkind);
	free(o->vpart);
	free(o->vgrp);
	free(o->glabel);
	for (i = 0; i < o->ngroups; i++)
		free(o->groups[i]);
	free(o->groups);
	free(o->numeric);
	free(o->cells);
	free(o->pick);
	free(o->chart);
	free(o->section);
	free(o->title);
	free(o->clab);
	free(o->cval);
	free(o->hfig);
	crm_buf_free(&o->body);
	free(o->sel);
	free(o->vals);
	free(o->types);
	crm_buf_free(&o->line);
	failed = o->failed;
	free(o);
	return failed ? -1 : 0;
}
