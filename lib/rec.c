/*
 * rec.c - the record reader: CSV (through libcsv) and TSV with a header,
 * from a file or standard input, in constant memory.
 *
 * libcsv is a push parser that knows nothing of lines, so we feed it one
 * physical line at a time and note the line on which each record starts:
 * that is the line an error message must name, even when a quoted field
 * spans several.  libcsv accepts ragged rows and any bytes; field counts,
 * NUL bytes and UTF-8 are checked here, and a field's size is capped
 * through its realloc hook so a hostile file cannot take all memory.
 *
 * Input bytes go through iconv first when the user names an encoding, so
 * everything after fill() sees UTF-8.
 *
 * Real files are not always tidy: an export may open with a few lines of
 * notes before its header (LinkedIn's Connections.csv does), and a hand-
 * edited row may leave its trailing empty cells out.  The first is
 * skipped, the second padded; a row longer than the header is refused,
 * since a cell would have nowhere to go.  A list of one column under a
 * header naming a column the program reads is no title above a table:
 * each line is one value, its commas its own; and above a wider row of
 * values ("bob@x.test,Bob,1") it is the header that row is refused
 * against, not a title above a row taken for a header.  vCard files
 * (detected by their BEGIN:VCARD) are read by vcard.c, whose cards come
 * back as records, and LDIF address books (dn: first) by ldif.c.
 *
 * The delimiter is guessed from the first records, not the first line: a
 * title or a header cell with a comma must not decide it.  Two things
 * need the whole input before the first record: JSON Lines' columns
 * (every key of every record) and whether a TSV is crm's own, whose
 * backslashes are escapes, or a spreadsheet's that quotes a cell over
 * two lines as CSV does; those inputs are read twice, a pipe through a
 * temporary file, so memory stays constant in the records.
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "crm.h"

#define CHUNK		65536
#define LINE_MAX_TSV	(16 << 20)
#define PREAMBLE_LINES	50	/* how far to look for a header after notes */
#define GUESS_RECORDS	50	/* records the delimiter is guessed from */
#define JKEYS_SLOTS	(2 * CRM_COLS_MAX)	/* a power of two */

struct crm_rd {
	FILE *fp;
	char *name;
	int format, delim;
	iconv_t cd;
	const char *encoding;
	int single_byte;	/* encoding is one byte a character (CP1252) */
	int not_utf8;		/* what it read is not all UTF-8 (utf8_already) */
	char raw[CHUNK];	/* undecoded bytes, when converting */
	size_t rawlen;
	char *buf;		/* decoded input; buf[pos..len) unread */
	size_t pos, len, cap;
	int eof, done, started, fatal, utf16;
	int empty_ok;		/* crm_rd_opts': nothing at all is no records */
	int cr_lines;		/* 1: lines end in CR alone (an old Mac's), read
				 * as newlines; 0: not; -1: not known yet */
	const char *guess;	/* the encoding a non-UTF-8 file looks like */
	const char *utf16_guess;	/* UTF-16LE or BE with no BOM, or NULL */
	int jsonl_header;	/* the JSON Lines header has been handed out */
	struct jkeys {		/* the keys of all the input's JSON Lines */
		char **v;
		size_t n, bytes;
		size_t *slot;	/* hashed: an index in v + 1, 0 empty */
		const char *full;	/* a limit reached: why */
	} jk;
	off_t start;		/* the file's first byte, to read it again;
				 * -1 when it cannot be (a pipe) */
	int bom;		/* a UTF-8 byte order mark was skipped */
	int tsv_escapes;	/* TSV that is crm's own: undo its escapes;
				 * 'y' said so: in every cell */
	int tsv_quotes;		/* a spreadsheet's tab-delimited text that
				 * quotes its cells as CSV does (tsv_how()) */
	int (*known)(const char *);	/* crm_rd_opts': a column's name */
	int delim_given;	/* the caller's, not guessed */
	int one_column;		/* a list under one known header: a line is
				 * a cell, commas and all (one_column()) */
	int failed;		/* fatal, once the records read are returned */
	struct crm_vcard *vc;	/* format 'v' */
	struct crm_ldif *ld;	/* format 'l' */
	int vc_header;		/* its (or ld's) header has been handed out */
	long line;		/* newlines consumed so far */
	struct csv_parser csv;
	/* the record libcsv is building: its fields one after another,
	 * each ending in '\0', in fbuf, starting at off[] */
	char *fbuf;
	size_t flen, fcap, *off;
	size_t ncur, capcur;
	long cur_line;
	int in_row;
	char *cur_bad;		/* what is wrong with it, if anything */
	size_t bad_col;
	/* finished records waiting to be returned */
	struct pending {
		struct crm_rec rec;
		char *bad;
		size_t bad_col;
	} *q;
	size_t qhead, qlen, qcap;
	/* the lines of the header again that a look ahead took out of q
	 * (crm_rd_peek), said when reading reaches them */
	long *again;
	size_t nagain, capagain;
	char **header;
	size_t nheader;
	long header_line;	/* its line: 2 under a preamble's line */
	struct crm_rec last;
	size_t last_cells;	/* its cells as read, before padding */
	char *err;
	long errline;
};

/* Keep msg (an allocated string) as the error to report. */
static void
set_error(struct crm_rd *rd, long line, char *msg)
{
	free(rd->err);
	rd->err = msg;
	rd->errline = line;
}

/* The line the input has reached: lines read plus those converted. */
static long
bad_line(const struct crm_rd *rd)
{
	long line = rd->line + 1;
	size_t i;

	for (i = rd->pos; i < rd->len; i++)
		line += rd->buf[i] == '\n';
	return line;
}

/*
 * Is an encoding one byte a character, where text already in UTF-8
 * would be read as two or three letters of mojibake (Ã© for é)?
 */
static int
single_byte(const char *enc)
{
	static const char *const prefixes[] = { "cp12", "cp8", "cp4",
	    "windows-12", "windows12", "iso-8859", "iso8859", "iso_8859",
	    "latin", "l1", "koi8", "mac", "ascii", "us-ascii" };
	size_t k;

	for (k = 0; k < sizeof prefixes / sizeof *prefixes; k++)
		if (strncasecmp(enc, prefixes[k], strlen(prefixes[k])) == 0)
			return 1;
	return 0;
}

/*
 * The character a UTF-8 sequence of two or three bytes at p is, when
 * it is one a Western text has (U+00A0 to U+024F: accented letters,
 * and U+2010 to U+20AC: dashes, quotes, the euro); else 0.  Bytes in a
 * one-byte encoding seldom make one (Ã© is C3 A9, é; but ß“ is DF 93,
 * U+07D3, which is no such character), so a line holding one is UTF-8.
 */
static unsigned
western_utf8(const unsigned char *p, size_t left, size_t *len)
{
	unsigned c;

	if (left >= 2 && p[0] >= 0xc2 && p[0] <= 0xdf &&
	    (p[1] & 0xc0) == 0x80) {
		c = (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		*len = 2;
		return c >= 0xa0 && c <= 0x24f ? c : 0;
	}
	if (left >= 3 && p[0] == 0xe2 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		c = (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) <<
		    6 | (p[2] & 0x3f);
		*len = 3;
		return c >= 0x2010 && c <= 0x20ac ? c : 0;
	}
	return 0;
}

/*
 * Are the n bytes at p UTF-8?  A character a read cut in two, at either
 * end, is let be.
 */
static int
utf8_chunk(const unsigned char *p, size_t n)
{
	size_t a = 0, k;

	while (a < n && a < 3 && (p[a] & 0xc0) == 0x80)
		a++;
	for (k = 1; k <= 3 && k <= n - a; k++)
		if ((p[n - k] & 0xc0) != 0x80) {
			if (p[n - k] >= 0xc0)
				n -= k;		/* a character maybe cut */
			break;
		}
	return crm_utf8_valid((const char *)p + a, n - a);
}

/*
 * The n bytes read at raw[from] in a one-byte encoding: refused at the
 * line of the first that is UTF-8 already: read as CP1252 it would be
 * stored as mojibake.  A file two tools appended to, one in UTF-8, one in
 * CP1252, mixes encodings, and read as UTF-8 its other lines are not;
 * one all UTF-8 (a {rejects} file crm wrote of a CP1252 input) is read
 * without {encoding}.  0, or -1.
 */
static int
utf8_already(struct crm_rd *rd, size_t from, size_t n)
{
	const unsigned char *p = (const unsigned char *)rd->raw;
	long line = bad_line(rd), upto;
	size_t i, k, len;
	unsigned c;
	char where[48];

	for (i = 0; i < from; i++)
		line += p[i] == '\n';
	for (i = from; i < from + n; i++) {
		line += p[i] == '\n';
		if (p[i] < 0x80 || (c = western_utf8(p + i, from + n - i,
		    &len)) == 0)
			continue;
		if (rd->not_utf8 || !utf8_chunk(p + from, n)) {
			set_error(rd, line, crm_msgf("'%.*s' is UTF-8 "
			    "already, not %s: the file mixes encodings; "
			    "convert the lines that are %s to UTF-8 (iconv "
			    "-f %s) and import it without {encoding}",
			    (int)len, (const char *)p + i, rd->encoding,
			    rd->encoding, rd->encoding));
			return -1;
		}
		for (k = i, upto = line; k < from + n; k++)
			upto += p[k] == '\n';
		snprintf(where, sizeof where, "up to line %ld, as far as "
		    "read", upto);
		set_error(rd, line, crm_msgf("'%.*s' is UTF-8 already, not "
		    "%s, and the file is valid UTF-8 %s (crm writes a "
		    "{rejects} file in UTF-8, whatever the input's encoding): "
		    "%simport it without {encoding}", (int)len, (const char *)p
		    + i, rd->encoding, feof(rd->fp) ? "throughout" : where,
		    feof(rd->fp) ? "" : "if the rest is too, "));
		return -1;
	}
	rd->not_utf8 |= !utf8_chunk(p + from, n);
	return 0;
}

/*
 * Excel's "Unicode text" is UTF-16 with a byte order mark: read it as
 * what it says it is rather than refuse it for its NUL bytes.
 */
static void
detect_utf16(struct crm_rd *rd, size_t n)
{
	const unsigned char *p = (const unsigned char *)rd->raw;

	if (n < 2 || !((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff)))
		return;
	if ((rd->cd = iconv_open("UTF-8", "UTF-16")) != (iconv_t)-1)
		rd->encoding = "UTF-16", rd->utf16 = 1;
}

/*
 * UTF-16 written without a byte order mark (a database's or a Windows
 * tool's export) has a NUL beside each ASCII character: at every odd
 * byte when little-endian, every even one when big-endian.  Guessed from
 * the first bytes, only to name --encoding when its NULs are refused; a
 * stray NUL in a UTF-8 file is neither (NULs on one side only, and at
 * least half of that side's bytes: ASCII text is all of them).
 */
static const char *
guess_utf16(const unsigned char *p, size_t n)
{
	size_t i, nul[2] = { 0, 0 };

	n &= ~(size_t)1;
	for (i = 0; i < n; i++)
		nul[i & 1] += p[i] == '\0';
	if (nul[1] >= 2 && !nul[0] && nul[1] * 2 >= n / 2)
		return "UTF-16LE";
	if (nul[0] >= 2 && !nul[1] && nul[0] * 2 >= n / 2)
		return "UTF-16BE";
	return NULL;
}

static int
ascii_letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/*
 * A one-byte file from a Mac: Excel for Mac's "CSV (Macintosh)" is Mac
 * Roman, its lines ended by CR alone, and its accented letters are the
 * bytes 0x80-0x9F (é 0x8E, ñ 0x96, á 0x87), where Windows-1252 has
 * punctuation (Ž, –, ‡) seldom written between two letters but for its
 * apostrophes (0x91, 0x92); Windows-1252's own letters are 0xC0-0xFF.
 * Named CP1252, such a file would be stored as "JosŽ Mu–oz".
 *
 * Its lines ended by CR alone tell it first, whatever its letters: no
 * Windows program ends lines so, and a no-break space (0xCA) beside an
 * accented letter ("Zoë Lefèvre", 0x91 0xCA) makes runs of two high
 * bytes, which the letters' count below never sees ("Hans MŸller").
 */
static int
cr_only(const unsigned char *p, size_t n)
{
	size_t i, cr = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n')
			return 0;
		cr += p[i] == '\r';
	}
	return cr > 0;
}

/* Windows-1252's letters against Mac Roman's, between ASCII letters. */
static int
looks_mac(const unsigned char *p, size_t n)
{
	size_t i, mac = 0, win = 0;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x80 || i == 0 || i + 1 == n ||
		    !ascii_letter(p[i - 1]) || !ascii_letter(p[i + 1]))
			continue;
		if (p[i] >= 0xc0)
			win++;
		else if (p[i] <= 0x9f && p[i] != 0x91 && p[i] != 0x92)
			mac++;
	}
	return mac > win;
}

/*
 * A file that is not UTF-8 and names no encoding is, in practice, what a
 * Chinese Excel or shop back office writes (GB18030, of which GBK is a
 * part) or a Western one (Windows-1252).  Their bytes tell them apart:
 * GBK's come in pairs, runs of two, four or more where Chinese words are,
 * while Windows-1252 puts one accented letter between ASCII ones.  The
 * guess only names the likely --encoding in the error: read without one,
 * a file that is not UTF-8 is refused, never turned into mojibake (a
 * Cyrillic Windows-1251 file has runs of pairs too).  Lines ended by CR
 * alone are a Mac's, weighed before the runs (cr_only()).
 */
static const char *
guess_legacy(const unsigned char *p, size_t n)
{
	size_t i = 0, run, runs = 0, even = 0, single = 0, long_runs = 0;
	int cr = cr_only(p, n);

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		for (run = 0; i < n && p[i] >= 0x80; i++)
			run++;
		if (i == n)
			break;		/* perhaps cut by the chunk's end */
		runs++;
		even += run % 2 == 0;
		/* a no-break space beside a letter or a sign ("1.234,50
		 * €": A0 80) is one of Windows-1252's too */
		single += run == 1 || (run == 2 && (p[i - 1] == 0xa0 ||
		    p[i - 2] == 0xa0));
		long_runs += run >= 4;
	}
	if (runs == 0)
		return NULL;
	if (cr)
		return "MACINTOSH";
	if (even * 10 >= runs * 9 && long_runs > 0)
		return "GB18030";
	if (single * 10 >= runs * 9)
		return looks_mac(p, n) ? "MACINTOSH" : "CP1252";
	return NULL;
}

/*
 * Japanese Excel and accounting software write Shift_JIS, as Windows'
 * CP932 extends it (㈱, ①: the glibc's SHIFT_JIS refuses those, CP932
 * reads them).  Its kanji are pairs whose second byte may be ASCII
 * (0x40-0x7E), so runs of high bytes (guess_legacy's) do not show it,
 * and GB18030 would read the same bytes as other Chinese characters.
 * What tells them apart is kana: a pair 0x82 0x9F-0xF1 (hiragana) or
 * 0x83 0x40-0x96 (katakana), which Japanese text has somewhere (コード,
 * メールアドレス, デザイン) and GBK almost never.  So: every byte of the
 * chunk a valid CP932 character, some kana among the pairs, and no more
 * half-width katakana (0xA1-0xDF alone, what GBK's bytes read as) than
 * pairs.
 */
static int
looks_sjis(const unsigned char *p, size_t n)
{
	size_t i = 0, pairs = 0, kana = 0, half = 0;
	unsigned char c, t;

	while (i < n) {
		c = p[i];
		if (c < 0x80 || (c >= 0xa1 && c <= 0xdf)) {
			half += c >= 0x80;
			i++;
			continue;
		}
		if (c == 0x80 || c == 0xa0 || c > 0xfc)
			return 0;
		if (i + 1 == n)
			break;		/* perhaps cut by the chunk's end */
		t = p[i + 1];
		if (t < 0x40 || t == 0x7f || t > 0xfc)
			return 0;
		pairs++;
		kana += (c == 0x82 && t >= 0x9f && t <= 0xf1) ||
		    (c == 0x83 && t >= 0x40 && t <= 0x96);
		i += 2;
	}
	return kana > 0 && half <= pairs;
}

/* What to say of a field that is not UTF-8: the encoding to name. */
static char *
not_utf8(const struct crm_rd *rd)
{
	if (rd->guess)
		return crm_msgf("invalid UTF-8; the file looks like %s%s: say "
		    "{encoding} %s", rd->guess, strcmp(rd->guess,
		    "GB18030") == 0 ? " (GBK, from a Chinese Excel or shop)" :
		    strcmp(rd->guess, "CP932") == 0 ? " (Shift_JIS, from a "
		    "Japanese Excel or accounting program)" :
		    strcmp(rd->guess, "MACINTOSH") == 0 ? " (Mac Roman, from "
		    "Excel for Mac)" : " (Windows-1252, from a Western Excel)",
		    rd->guess);
	return crm_msgf("invalid UTF-8 (if the file is in another encoding, "
	    "name it with {encoding}, e.g. {encoding} CP1252, {encoding} "
	    "GB18030 or {encoding} CP932)");
}

/* Read more input into buf, converting it to UTF-8 when asked. */
static int
fill_raw(struct crm_rd *rd)
{
	size_t n, in_left, out_left;
	char *in, *out;

	if (rd->eof)
		return 0;
	if (rd->pos > 0) {
		memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
		rd->len -= rd->pos;
		rd->pos = 0;
	}
	n = fread(rd->raw + rd->rawlen, 1, CHUNK - rd->rawlen, rd->fp);
	if (n == 0) {
		if (ferror(rd->fp)) {
			/* Not bad data: kept as the cause, with its status. */
			crm_fail(CRM_EX_IOERR, "%s: read error:", rd->name);
			set_error(rd, bad_line(rd), crm_xstrdup("read error"));
			return -1;
		}
		rd->eof = 1;
		if (rd->rawlen > 0) {
			set_error(rd, bad_line(rd), crm_xasprintf("input ends "
			    "inside a character (is it really %s?)",
			    rd->encoding));
			return -1;
		}
		return 0;
	}
	if (!rd->started && rd->len == 0 && rd->cd == (iconv_t)-1)
		detect_utf16(rd, n);
	if (!rd->started && rd->len == 0 && rd->cd == (iconv_t)-1) {
		rd->guess = looks_sjis((const unsigned char *)rd->raw, n) ?
		    "CP932" : guess_legacy((const unsigned char *)rd->raw, n);
		rd->utf16_guess = guess_utf16((const unsigned char *)rd->raw,
		    n);
	}
	if (rd->cd == (iconv_t)-1) {
		if (rd->len + n + 1 > rd->cap) {
			rd->cap = rd->len + n + 1 + CHUNK;
			rd->buf = crm_xrealloc(rd->buf, rd->cap);
		}
		memcpy(rd->buf + rd->len, rd->raw, n);
		rd->len += n;
		return 1;
	}
	if (rd->single_byte && utf8_already(rd, rd->rawlen, n) < 0)
		return -1;
	rd->rawlen += n;
	in = rd->raw, in_left = rd->rawlen;
	for (;;) {
		if (rd->cap - rd->len < in_left * 4 + 16) {
			rd->cap = rd->len + in_left * 4 + 16 + CHUNK;
			rd->buf = crm_xrealloc(rd->buf, rd->cap);
		}
		out = rd->buf + rd->len, out_left = rd->cap - rd->len;
		n = iconv(rd->cd, &in, &in_left, &out, &out_left);
		rd->len = (size_t)(out - rd->buf);
		if (n != (size_t)-1 || errno == EINVAL)
			break;		/* done, or a character cut short */
		if (errno != E2BIG) {
			set_error(rd, bad_line(rd), crm_xasprintf("bytes that "
			    "are not valid %s", rd->encoding));
			return -1;
		}
	}
	memmove(rd->raw, in, in_left);
	rd->rawlen = in_left;
	return 1;
}

/*
 * Does the input's first line end in CR alone: 1, 0 when it ends in LF or
 * CR LF, -1 when no line has ended yet.  The first end outside quotes
 * says, not an LF anywhere: Excel for Mac's CSV ends its lines in CR
 * and a cell's line break (Alt+Enter) in LF, and a note of two lines
 * made every later line of such a file line 2 (qa48 F5).
 */
static int
cr_ended(const struct crm_rd *rd)
{
	size_t i;
	int quoted = 0;

	for (i = rd->pos; i < rd->len; i++)
		if (rd->buf[i] == '"')
			quoted = !quoted;
		else if (!quoted && (rd->buf[i] == '\n' || rd->buf[i] == '\r'))
			break;
	if (i == rd->len || (rd->buf[i] == '\r' && i + 1 == rd->len))
		return -1;
	return rd->buf[i] == '\r' && rd->buf[i + 1] != '\n';
}

/*
 * More input into buf, 1, or 0 at its end, -1 when it cannot be read.
 * A file whose lines end in CR alone (Excel for Mac's "CSV (Macintosh)",
 * an old Mac's) has its CRs read as newlines, so that its lines are
 * counted as the lines they are (every message said line 1) and its
 * rows end where they do; its LFs, a cell's line breaks, are read as CR
 * meanwhile, so that they count no line, and are LFs again in the cell.
 */
static int
fill(struct crm_rd *rd)
{
	size_t unread = rd->len - rd->pos, from, i;
	int r = fill_raw(rd);

	if (r <= 0 || rd->cr_lines == 0)
		return r;
	from = rd->pos + unread;	/* where this read's bytes start */
	if (rd->cr_lines < 0) {
		if ((rd->cr_lines = cr_ended(rd)) <= 0) {
			rd->cr_lines = rd->cr_lines < 0 ? -1 : 0;
			return r;
		}
		from = rd->pos;
	}
	for (i = from; i < rd->len; i++)
		if (rd->buf[i] == '\r')
			rd->buf[i] = '\n';
		else if (rd->buf[i] == '\n')
			rd->buf[i] = '\r';	/* a cell's, back in add_field */
	return r;
}

/* Refuse to grow a field past CRM_FIELD_MAX: libcsv reports ENOMEM. */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > CRM_FIELD_MAX + 64)
		return NULL;
	return realloc(p, n);
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;		/* libcsv would trim spaces: keep the data */
}

static void
mark_bad(struct crm_rd *rd, char *why)
{
	if (rd->cur_bad) {
		free(why);
		return;
	}
	rd->cur_bad = why;
	rd->bad_col = rd->ncur;
}

/* Check and keep one field of the record being built. */
static void
add_field(struct crm_rd *rd, const char *s, size_t len)
{
	size_t i;

	if (s == NULL)
		s = "", len = 0;
	if (!rd->in_row) {
		rd->in_row = 1;
		rd->cur_line = rd->line + 1;
	}
	if (rd->ncur >= CRM_COLS_MAX) {
		mark_bad(rd, crm_xasprintf("more than %d columns",
		    CRM_COLS_MAX));
		return;
	}
	if (memchr(s, '\0', len) && rd->utf16_guess)
		mark_bad(rd, crm_msgf("contains NUL bytes, at every other "
		    "byte: the file looks like %s without a byte order mark: "
		    "say {encoding} %s", rd->utf16_guess, rd->utf16_guess));
	else if (memchr(s, '\0', len))
		mark_bad(rd, crm_xstrdup("contains a NUL byte"));
	else if (!crm_utf8_valid(s, len))
		mark_bad(rd, not_utf8(rd));
	else if (len > CRM_FIELD_MAX)
		mark_bad(rd, crm_xasprintf("field longer than %d bytes",
		    CRM_FIELD_MAX));
	if (rd->ncur == rd->capcur) {
		rd->capcur = rd->capcur ? rd->capcur * 2 : 16;
		rd->off = crm_xreallocarray(rd->off, rd->capcur,
		    sizeof *rd->off);
	}
	if (rd->flen + len + 1 > rd->fcap) {
		rd->fcap = (rd->flen + len + 1) * 2;
		rd->fbuf = crm_xrealloc(rd->fbuf, rd->fcap);
	}
	rd->off[rd->ncur++] = rd->flen;
	memcpy(rd->fbuf + rd->flen, s, len);
	rd->fbuf[rd->flen + len] = '\0';
	if (rd->cr_lines == 1)	/* its LF, read as CR (fill) */
		for (i = rd->flen; i < rd->flen + len; i++)
			if (rd->fbuf[i] == '\r')
				rd->fbuf[i] = '\n';
	rd->flen += len + 1;
}

/*
 * The record built so far as one allocation: the field pointers, then
 * the fields' text (one malloc and one free a row, not one a field).
 */
static char **
take_fields(struct crm_rd *rd)
{
	char **f = crm_xmalloc(rd->ncur * sizeof *f + rd->flen), *text;
	size_t i;

	text = (char *)(f + rd->ncur);
	memcpy(text, rd->fbuf, rd->flen);
	for (i = 0; i < rd->ncur; i++)
		f[i] = text + rd->off[i];
	rd->ncur = rd->flen = 0;
	if (rd->fcap > CHUNK * 16) {	/* a huge row need not stay with us */
		free(rd->fbuf);
		rd->fbuf = NULL, rd->fcap = 0;
	}
	return f;
}

static void
end_record(struct crm_rd *rd)
{
	struct pending *p;

	if (rd->qhead + rd->qlen == rd->qcap) {
		if (rd->qhead > 0) {
			memmove(rd->q, rd->q + rd->qhead,
			    rd->qlen * sizeof *rd->q);
			rd->qhead = 0;
		} else {
			rd->qcap = rd->qcap ? rd->qcap * 2 : 8;
			rd->q = crm_xreallocarray(rd->q, rd->qcap,
			    sizeof *rd->q);
		}
	}
	p = &rd->q[rd->qhead + rd->qlen++];
	p->rec.n = rd->ncur;
	p->rec.f = take_fields(rd);
	p->rec.line = rd->cur_line;
	p->bad = rd->cur_bad;
	p->bad_col = rd->bad_col;
	rd->cur_bad = NULL;
	rd->in_row = 0;
}

static void
csv_cb_field(void *s, size_t len, void *data)
{
	add_field(data, s, len);
}

static void
csv_cb_row(int c, void *data)
{
	(void)c;
	end_record(data);
}

static int
csv_failed(struct crm_rd *rd, long line)
{
	int e = csv_error(&rd->csv);
	size_t col = rd->in_row ? rd->ncur : 0;	/* the field being read */

	if (e == CSV_ENOMEM && col < rd->nheader)
		set_error(rd, line, crm_xasprintf("%s: field longer than %d "
		    "bytes", rd->header[col], CRM_FIELD_MAX));
	else if (e == CSV_ENOMEM)
		set_error(rd, line, crm_xasprintf("field longer than %d bytes",
		    CRM_FIELD_MAX));
	else
		set_error(rd, line, crm_xstrdup(e == CSV_EPARSE ? "malformed "
		    "quoted field (a quote inside an unquoted field, or text "
		    "after a closing quote)" : csv_strerror(e)));
	return -1;
}

/* Feed libcsv up to the next newline; 0 at the end, -1 on error. */
static int
feed_csv(struct crm_rd *rd)
{
	const char *s, *nl;
	size_t n, skip;

	if (rd->pos == rd->len) {
		int r = fill(rd);

		if (r < 0)
			return -1;
		if (r == 0) {
			if (csv_fini(&rd->csv, csv_cb_field, csv_cb_row, rd))
				return set_error(rd, rd->cur_line, crm_xstrdup(
				    "unterminated quoted field starts here")),
				    -1;
			rd->done = 1;
			return 0;
		}
	}
	s = rd->buf + rd->pos;
	n = rd->len - rd->pos;
	if ((nl = memchr(s, '\n', n)))
		n = (size_t)(nl - s) + 1;
	/* Blank lines between records are not records; note where one starts. */
	for (skip = 0; !rd->in_row && skip < n && (s[skip] == '\n' ||
	    s[skip] == '\r'); skip++)
		;
	if (!rd->in_row && skip < n) {
		rd->in_row = 1;
		rd->cur_line = rd->line + 1;
	}
	if (csv_parse(&rd->csv, s, n, csv_cb_field, csv_cb_row, rd) != n)
		return csv_failed(rd, rd->line + 1);
	rd->pos += n;
	if (nl)
		rd->line++;
	return 1;
}

/* Is each backslash of s one of crm's escapes, \t \n \r \\? */
static int
tsv_escapes_only(const char *s)
{
	for (; (s = strchr(s, '\\')); s += 2)
		if (!s[1] || !strchr("tnr\\", s[1]))
			return 0;
	return 1;
}

/*
 * Undo our TSV escapes in place.  A cell with another backslash was
 * written by hand (see C:\Users\bob, edited into crm's own file): it
 * is kept as written, unless --tsv-escapes=yes said so.
 */
static void
tsv_unescape(char *s, int forced)
{
	char *d = s;

	if (!forced && !tsv_escapes_only(s))
		return;
	for (; *s; s++) {
		if (*s == '\\' && s[1] && strchr("tnr\\", s[1])) {
			s++;
			*d++ = *s == 't' ? '\t' : *s == 'n' ? '\n' :
			    *s == 'r' ? '\r' : '\\';
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

static void
tsv_record(struct crm_rd *rd, char *line, size_t len)
{
	char *p = line, *tab;

	rd->in_row = 1;
	rd->cur_line = rd->line;
	for (;;) {
		tab = memchr(p, '\t', len - (size_t)(p - line));
		if (tab)
			*tab = '\0';
		add_field(rd, p, tab ? (size_t)(tab - p) :
		    len - (size_t)(p - line));
		/* Unescaping only shortens: the rest of fbuf is slack.  A
		 * spreadsheet's tab-delimited text is kept as written. */
		if (rd->tsv_escapes) {
			tsv_unescape(rd->fbuf + rd->off[rd->ncur - 1],
			    rd->tsv_escapes == 'y');
			rd->flen = rd->off[rd->ncur - 1] + strlen(rd->fbuf +
			    rd->off[rd->ncur - 1]) + 1;
		}
		if (!tab)
			break;
		p = tab + 1;
	}
	end_record(rd);
}

/*
 * JSON Lines, as -o json writes them or another tool (jq -c, an API's
 * dump) that leaves a record's absent keys out: the keys of the whole
 * input, in the order first met, are the header (jsonl_keys() read them
 * all first), and each record's values go under their keys, a key left
 * out empty.  The keys are looked up by hash: a hostile file of 4,096
 * keys in shuffled orders costs no more than a tidy one.
 */
static size_t *
jkeys_slot(const struct jkeys *k, const char *key)
{
	size_t h = (size_t)crm_seen_hash(0, key) & (JKEYS_SLOTS - 1);

	while (k->slot[h] && strcmp(k->v[k->slot[h] - 1], key) != 0)
		h = (h + 1) & (JKEYS_SLOTS - 1);
	return &k->slot[h];
}

/* crm_json_object's pair() for the first reading: a key kept if new. */
static const char *
jsonl_key(void *ctx, const char *key, const char *value)
{
	struct jkeys *k = ctx;
	size_t *slot, len = strlen(key);

	(void)value;
	if (!crm_utf8_str(key))
		return "";	/* its record is bad: said when it is read */
	if (*(slot = jkeys_slot(k, key)) != 0)
		return NULL;
	if (k->n == CRM_COLS_MAX)
		return k->full = "more than 4096 keys in all";
	if (k->bytes + len > CRM_FIELD_MAX)
		return k->full = "the keys together are longer than 1 MiB";
	if ((k->n & (k->n - 1)) == 0)	/* 0, 1, 2, 4 ... full: double */
		k->v = crm_xreallocarray(k->v, k->n ? k->n * 2 : 1,
		    sizeof *k->v);
	k->v[k->n++] = crm_xstrdup(key);
	k->bytes += len;
	*slot = k->n;
	return NULL;
}

/* One record's values, by column. */
struct jrow {
	const struct jkeys *k;
	char **vals;
	size_t next;		/* the column after the last key's */
};

static const char *
jsonl_value(void *ctx, const char *key, const char *value)
{
	struct jrow *j = ctx;
	static char why[128];
	size_t i, *slot;

	/* One writer's records keep one order: try the next key first. */
	if (j->next < j->k->n && strcmp(j->k->v[j->next], key) == 0)
		i = j->next;
	else if (*(slot = jkeys_slot(j->k, key)) != 0)
		i = *slot - 1;
	else if (!crm_utf8_str(key))
		return "a key that is not UTF-8";
	else
		return "a key that was not there when the input was first "
		    "read (is it being written?)";
	if (j->vals[i]) {
		snprintf(why, sizeof why, "key '%.60s' twice", key);
		return why;
	}
	j->vals[i] = crm_xstrdup(value);
	j->next = i + 1;
	return NULL;
}

/* The header: every key of the input, on the first record's line. */
static void
jsonl_header(struct crm_rd *rd)
{
	size_t i;

	rd->in_row = 1;
	rd->cur_line = rd->line;
	for (i = 0; i < rd->jk.n; i++)
		add_field(rd, rd->jk.v[i], strlen(rd->jk.v[i]));
	end_record(rd);
	rd->jsonl_header = 1;
}

static void
jsonl_record(struct crm_rd *rd, char *line, size_t len)
{
	struct jrow j = { &rd->jk, NULL, 0 };
	const char *why;
	size_t col, i, n = rd->jk.n;

	if (!rd->jsonl_header)
		jsonl_header(rd);
	rd->in_row = 1;
	rd->cur_line = rd->line;
	j.vals = crm_xcalloc(n ? n : 1, sizeof *j.vals);
	why = crm_json_object(line, len, jsonl_value, &j, &col);
	for (i = 0; i < n; i++)	/* a bad one's too, for --rejects */
		add_field(rd, j.vals[i] ? j.vals[i] : "",
		    j.vals[i] ? strlen(j.vals[i]) : 0);
	if (why && rd->cur_bad == NULL) {	/* else a field's fault is told */
		mark_bad(rd, crm_xasprintf("character %zu: %s", col, why));
		rd->bad_col = (size_t)-1;	/* no one column to name */
	}
	end_record(rd);
	for (i = 0; i < n; i++)
		free(j.vals[i]);
	free(j.vals);
}

/*
 * The next line, without its CR LF, NUL-terminated in place: 1, or 0 at
 * the end, -1 on error.  A blank line comes back with *n 0.
 */
static int
next_line(struct crm_rd *rd, char **line, size_t *n)
{
	char *s, *nl;
	int r;

	while (!(nl = memchr(rd->buf + rd->pos, '\n', rd->len - rd->pos))) {
		if (rd->len - rd->pos > LINE_MAX_TSV)
			return set_error(rd, rd->line + 1, crm_xstrdup(
			    "line longer than 16 MiB")), -1;
		if ((r = fill(rd)) < 0)
			return -1;
		if (r == 0)
			break;
	}
	s = rd->buf + rd->pos;
	*n = nl ? (size_t)(nl - s) : rd->len - rd->pos;
	if (*n == 0 && !nl) {
		rd->done = 1;
		return 0;
	}
	rd->pos += *n + (nl != NULL);
	rd->line++;
	if (*n > 0 && s[*n - 1] == '\r')
		(*n)--;
	s[*n] = '\0';
	*line = s;
	return 1;
}

/* Read one TSV line (a whole one: TSV has no quoting). */
static int
feed_tsv(struct crm_rd *rd)
{
	char *s;
	size_t n;
	int r;

	if ((r = next_line(rd, &s, &n)) > 0 && n > 0)
		tsv_record(rd, s, n);	/* a blank line is not a record */
	return r;
}

/* The byte at rd->pos + i, read on for it: -1 past the end, -2 refused. */
static int
byte_at(struct crm_rd *rd, size_t i)
{
	int r;

	while (rd->pos + i >= rd->len) {
		if (rd->len - rd->pos > LINE_MAX_TSV)
			return set_error(rd, rd->line + 1, crm_xstrdup(
			    "quoted value longer than 16 MiB")), -2;
		if ((r = fill(rd)) < 0)
			return -2;
		if (r == 0)
			return -1;
	}
	return (unsigned char)rd->buf[rd->pos + i];
}

/*
 * A line of a list that opens a quote: 1 when the quote closes at the
 * end of a line, blanks aside, this one or one below (a spreadsheet's
 * "Acme, Inc." or a value over two lines), its length with the quotes
 * in *n; 0 when it closes with text after it on this line ("Lee, Ann"
 * <lee@x.test>), kept as written; -1 when it closes on a line below
 * with text after it or never: refused, as no reading of it is sure.
 */
static int
quoted_span(struct crm_rd *rd, size_t *n)
{
	long nl = 0;
	size_t i, j;
	int c, after;

	for (i = 1;; i++) {
		if ((c = byte_at(rd, i)) == -2)
			return -1;
		if (c == -1)
			return set_error(rd, rd->line + 1, crm_xstrdup("the "
			    "quote that opens this line is never closed")), -1;
		nl += c == '\n';
		if (c != '"')
			continue;
		if ((after = byte_at(rd, i + 1)) == '"') {
			i++;	/* "" is a quote inside */
			continue;
		}
		for (j = i + 1; after == ' ' || after == '\t';)
			after = byte_at(rd, ++j);	/* "Acme, Inc."  */
		if (after == '\r')
			after = byte_at(rd, j + 1);
		if (after == -2)
			return -1;
		if (after == -1 || after == '\n') {
			*n = i + 1;
			return 1;
		}
		if (nl == 0)
			return 0;
		return set_error(rd, rd->line + 1, crm_xasprintf("the quote "
		    "that opens this line closes on line %ld with text after "
		    "it", rd->line + 1 + nl)), -1;
	}
}

/*
 * One value of a one-column list: a line, its commas its own; a quoted
 * field, as CSV writes it, when the quote that opens the line closes at
 * the end of one (quoted_span()).
 */
static int
feed_one(struct crm_rd *rd)
{
	char *s;
	size_t n, i, d;
	int r, c;

	if ((c = byte_at(rd, 0)) == -2)
		return -1;
	if (c == '"') {
		if ((r = quoted_span(rd, &n)) < 0)
			return -1;
		if (r > 0) {
			rd->in_row = 1;
			rd->cur_line = rd->line + 1;
			s = rd->buf + rd->pos;
			for (i = 1, d = 0; i + 1 < n; i++) {
				rd->line += s[i] == '\n';
				i += s[i] == '"';	/* "" */
				s[d++] = s[i];
			}
			add_field(rd, s, d);
			rd->pos += n;
			r = next_line(rd, &s, &n);	/* the line's end */
			end_record(rd);
			return r < 0 ? -1 : 1;
		}
	}
	if ((r = next_line(rd, &s, &n)) <= 0 || s[strspn(s, " \t")] == '\0')
		return r;	/* a blank line is not a record */
	rd->in_row = 1;
	rd->cur_line = rd->line;
	add_field(rd, s, n);
	end_record(rd);
	return r;
}

/*
 * A cell of a quoting TSV that opens with a quote at rd->pos + i: the
 * offset of the quote that closes it, a tab, a line's end or the
 * input's after it ("Prefers calls / Jürgen Wolf is his deputy" over
 * two lines, "Wants the ""gold"" plan"), "" a quote inside; 0 when no
 * quote closes it so (Google Sheets' "Big" box, written as it is: the
 * cell is its text), -1 refused (the error kept).
 */
static long
tsvq_close(struct crm_rd *rd, size_t i)
{
	int c, after;

	for (i++;; i++) {
		if ((c = byte_at(rd, i)) < 0)
			return c == -2 ? -1 : 0;
		if (c != '"')
			continue;
		if ((after = byte_at(rd, i + 1)) == '"') {
			i++;
			continue;
		}
		if (after == '\r')
			after = byte_at(rd, i + 2) == '\n' ? '\n' : 'x';
		if (after == -2)
			return -1;
		return after == '\t' || after == '\n' || after == -1 ?
		    (long)i : 0;
	}
}

/* The end of a cell's text from rd->pos + i: its tab or line end. */
static long
tsvq_plain(struct crm_rd *rd, size_t i)
{
	int c;

	while ((c = byte_at(rd, i)) >= 0 && c != '\t' && c != '\n')
		i++;
	return c == -2 ? -1 : (long)i;
}

/*
 * One record of a spreadsheet's tab-delimited text that quotes as CSV
 * does (Excel's "Text (Tab delimited)": a cell holding a line break or a
 * quote is quoted, its quotes doubled), a cell that opens with a quote
 * not closing at its end kept as written.  The record's cells are found
 * first (the input read on as far as they go), then taken from the
 * buffer, which no longer moves.
 */
struct tsvq_cell {
	size_t from, to;	/* offsets from rd->pos */
	int quoted;
};

static int
feed_tsvq(struct crm_rd *rd)
{
	struct tsvq_cell *cell = NULL;
	size_t n = 0, cap = 0, i = 0, k, d;
	long end;
	int c, r = 1;
	char *s;

	if ((c = byte_at(rd, 0)) == -2)
		return -1;
	if (c == -1) {
		rd->done = 1;
		return 0;
	}
	for (;;) {
		if (n == cap)
			cell = crm_xreallocarray(cell, cap = cap ? cap * 2 : 16,
			    sizeof *cell);
		cell[n].from = i, cell[n].quoted = 0;
		end = 0;
		if (byte_at(rd, i) == '"' && (end = tsvq_close(rd, i)) > 0) {
			cell[n].from = i + 1, cell[n].quoted = 1;
			cell[n++].to = (size_t)end;
			i = (size_t)end + 1;
		} else if (end == 0 && (end = tsvq_plain(rd, i)) >= 0) {
			cell[n++].to = (size_t)end;
			i = (size_t)end;
		}
		if (end < 0 || (c = byte_at(rd, i)) == -2) {
			r = -1;
			break;
		}
		if (c == '\r')		/* a quoted cell's CR LF */
			c = byte_at(rd, ++i);
		if (c != '\t')
			break;
		i++;
	}
	if (r < 0) {
		free(cell);
		return -1;
	}
	s = rd->buf + rd->pos;
	i += c == '\n';
	rd->in_row = 1;
	rd->cur_line = rd->line + 1;
	for (k = 0; k < i; k++)	/* before a quoted cell's "" are undone */
		rd->line += s[k] == '\n';
	if (n == 1 && !cell[0].quoted && (cell[0].to == cell[0].from ||
	    (cell[0].to == cell[0].from + 1 && s[cell[0].from] == '\r')))
		rd->in_row = 0;		/* a blank line is not a record */
	for (k = 0; k < n && rd->in_row; k++) {
		if (!cell[k].quoted && cell[k].to > cell[k].from &&
		    s[cell[k].to - 1] == '\r' && (k + 1 == n))
			cell[k].to--;	/* the line's CR LF */
		for (d = cell[k].from, end = (long)cell[k].from;
		    cell[k].quoted && end < (long)cell[k].to; end++) {
			s[d++] = s[end];
			end += s[end] == '"';	/* "" */
		}
		add_field(rd, s + cell[k].from, cell[k].quoted ?
		    d - cell[k].from : cell[k].to - cell[k].from);
	}
	if (rd->in_row)
		end_record(rd);
	rd->pos += i;
	free(cell);
	return 1;
}

/* One line of JSON Lines. */
static int
feed_jsonl(struct crm_rd *rd)
{
	char *s;
	size_t n;
	int r;

	if ((r = next_line(rd, &s, &n)) > 0 && s[strspn(s, " \t")])
		jsonl_record(rd, s, n);	/* not a blank line */
	return r;
}

/* The header of a file another reader reads (vcard.c, ldif.c), once. */
static int
feed_names(struct crm_rd *rd, char *const *names, size_t n)
{
	size_t i;

	rd->vc_header = 1;
	rd->in_row = 1;
	rd->cur_line = 1;
	for (i = 0; i < n; i++)
		add_field(rd, names[i], strlen(names[i]));
	end_record(rd);
	return 1;
}

/*
 * One entry such a reader gave: r is its _next's, line the entry's
 * first, why and wline its error, what the file's kind for a fault
 * with no word.
 */
static int
feed_entry(struct crm_rd *rd, int r, const char *const *vals, size_t n,
    long line, const char *why, long wline, const char *what)
{
	size_t i;

	if (r == CRM_REC_EOF) {
		rd->done = 1;
		return 0;
	}
	if (r == CRM_REC_FATAL)
		return set_error(rd, wline, crm_xstrdup(why ? why : what)), -1;
	/* A bad card is named by its BEGIN line, as a record by its first. */
	rd->in_row = 1;
	rd->cur_line = line;
	if (r == CRM_REC_BAD) {		/* told before its fields' faults */
		mark_bad(rd, crm_xstrdup(why));
		rd->bad_col = (size_t)-1;	/* the message names the property */
	}
	for (i = 0; i < n; i++)
		add_field(rd, vals[i], strlen(vals[i]));
	end_record(rd);
	return 1;
}

/* One vCard (the header first), as vcard.c reads it. */
static int
feed_vcard(struct crm_rd *rd)
{
	const char *const *vals = NULL;
	char *const *names;
	const char *why;
	long line = 0, wline;
	size_t n = crm_vcard_header(rd->vc, &names);
	int r;

	if (!rd->vc_header)
		return feed_names(rd, names, n);
	r = crm_vcard_next(rd->vc, &vals, &line);
	why = crm_vcard_error(rd->vc, &wline);
	return feed_entry(rd, r, vals, n, line, why, wline, "unreadable vCard");
}

/* One LDIF entry (the header first), as ldif.c reads it. */
static int
feed_ldif(struct crm_rd *rd)
{
	const char *const *vals = NULL;
	char *const *names;
	const char *why;
	long line = 0, wline;
	size_t n = crm_ldif_header(rd->ld, &names);
	int r;

	if (!rd->vc_header)
		return feed_names(rd, names, n);
	r = crm_ldif_next(rd->ld, &vals, &line);
	why = crm_ldif_error(rd->ld, &wline);
	return feed_entry(rd, r, vals, n, line, why, wline, "unreadable LDIF");
}

/* The next record or records of the input, in its format. */
static int
feed(struct crm_rd *rd)
{
	if (rd->one_column)
		return feed_one(rd);
	if (rd->format == 't' && rd->tsv_quotes)
		return feed_tsvq(rd);
	return rd->format == 't' ? feed_tsv(rd) : rd->format == 'j' ?
	    feed_jsonl(rd) : rd->format == 'v' ? feed_vcard(rd) :
	    rd->format == 'l' ? feed_ldif(rd) : feed_csv(rd);
}

/*
 * What one candidate delimiter makes of the first records: how many of
 * it each holds outside quotes, the line each starts on, and whether it
 * has a quote at all (a tab-separated header with quotes is a
 * spreadsheet's, read as CSV).  A quote opens a quoted field only where
 * a field starts, as in RFC 4180, so that a TSV cell's 5" screen does not
 * take the lines below it into one record.
 */
struct split {
	int delim;
	size_t n;			/* records read */
	size_t count[GUESS_RECORDS];
	long line[GUESS_RECORDS];
	char quotes[GUESS_RECORDS];
	size_t seen, spaced;		/* delimiters; those a space follows */
	size_t width, agree;		/* the count most records have; how many */
	size_t header;			/* the first record with that count */
	size_t bad;			/* quotes CSV would refuse: a quote
					 * inside a field, text after one */
};

static void
split_add(struct split *sp, size_t count, long line, int quotes,
    size_t seen, size_t spaced)
{
	sp->count[sp->n] = count;
	sp->line[sp->n] = line;
	sp->quotes[sp->n++] = (char)quotes;
	sp->seen += seen;
	sp->spaced += spaced;
}

static void
split_records(const char *s, size_t len, int eof, struct split *sp)
{
	size_t i, count = 0, seen = 0, spaced = 0;
	long line = 1, start = 1;
	int quoted = 0, field_start = 1, blank = 1, quotes = 0, closed = 0;
	char c;

	for (i = 0; i < len && sp->n < GUESS_RECORDS; i++) {
		c = s[i];
		line += c == '\n';
		if (quoted) {
			if (c == '"' && i + 1 < len && s[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = 0, closed = 1;
			continue;	/* a quoted newline is the record's */
		}
		if (blank && c != '\r' && c != '\n')
			blank = 0, start = line;
		quotes |= c == '"';
		/* What this delimiter makes malformed, as CSV (a TSV quotes
		 * nothing: its 5" screen is a cell's text). */
		if (sp->delim != '\t' && ((c == '"' && !field_start) ||
		    (closed && c != sp->delim && c != '\r' && c != '\n')))
			sp->bad++;
		closed = 0;
		if (c == '"' && field_start) {
			quoted = 1;
		} else if (c == '\n') {
			if (!blank)
				split_add(sp, count, start, quotes, seen,
				    spaced);
			count = seen = spaced = 0, blank = 1, quotes = 0;
		} else if (c == sp->delim) {
			count++, seen++;
			spaced += i + 1 < len && s[i + 1] == ' ';
		}
		field_start = c == sp->delim || c == '\n';
	}
	/* The last line has no newline when the input ends there. */
	if (eof && i == len && !quoted && !blank && sp->n < GUESS_RECORDS)
		split_add(sp, count, start, quotes, seen, spaced);
}

/*
 * The count of delimiters most records share (the larger on a tie: a
 * title's one comma against the two of a header with one row), how many
 * share it, and the first of those, the header as far as the guess goes.
 */
static void
split_width(struct split *sp)
{
	size_t i, j, agree;

	for (i = 0; i < sp->n; i++) {
		if (sp->count[i] == 0)
			continue;
		for (agree = 0, j = 0; j < sp->n; j++)
			agree += sp->count[j] == sp->count[i];
		if (agree > sp->agree || (agree == sp->agree &&
		    sp->count[i] > sp->width))
			sp->width = sp->count[i], sp->agree = agree;
	}
	for (i = 0; i < sp->n && sp->count[i] != sp->width; i++)
		;
	sp->header = i;
}

/* Mostly followed by a space: text's comma ("Name, Vorname"). */
static int
texty(const struct split *sp)
{
	return sp->spaced * 2 > sp->seen;
}

/*
 * From its header to the last record read, does every record split
 * into 2 to width + 1 fields (a short row is padded), with a row under
 * the header: a table, whatever is above it.
 */
static int
table_below(const struct split *sp)
{
	size_t i;

	if (sp->header + 1 >= sp->n)
		return 0;
	for (i = sp->header; i < sp->n; i++)
		if (sp->count[i] == 0 || sp->count[i] > sp->width)
			return 0;
	return 1;
}

/*
 * Keep of cand[0, n) those keep() says, unless it says none; the number
 * kept.
 */
static size_t
keep_if(struct split **cand, size_t n, int (*keep)(const struct split *))
{
	size_t k, kept = 0;

	for (k = 0; k < n; k++)
		kept += keep(cand[k]);
	if (kept == 0)
		return n;
	for (k = 0, kept = 0; k < n; k++)
		if (keep(cand[k]))
			cand[kept++] = cand[k];
	return kept;
}

static int
well_formed(const struct split *sp)
{
	return sp->bad == 0;
}

/* A table below its header, not split at text's ", ". */
static int
plain_table(const struct split *sp)
{
	return !texty(sp) && table_below(sp);
}

static const char *
delim_name(int c)
{
	return c == '\t' ? "tab" : c == ';' ? "';'" : "','";
}

/* Refuse the input: the delimiters in best[0, n) split it alike. */
static int
delim_unclear(struct crm_rd *rd, struct split *const *best, size_t n)
{
	struct crm_buf b = { 0 };
	size_t k;

	for (k = 0; k < n; k++)
		crm_buf_addf(&b, "%s%s", k == 0 ? "" : k + 1 < n ? ", " :
		    " or ", delim_name(best[k]->delim));
	set_error(rd, best[0]->line[best[0]->header], crm_msgf("the "
	    "delimiter could be %s: the first lines split alike at each; "
	    "say which with {delimiter}", crm_buf_str(&b)));
	crm_buf_free(&b);
	return -1;
}

/*
 * The delimiter of a CSV or TSV: of ',', ';' and tab, the one that
 * splits the most of the first records (up to GUESS_RECORDS) into as
 * many fields as each other, so that a title above the header
 * ("Kundenliste, Stand 05.03.2024") or a header cell holding another
 * ("Name, Vorname;E-Mail") is outvoted by the rows.  Of two that split
 * as many alike, one mostly followed by a space is text's ("Müller,
 * Jürgen"), and one that leaves the first record out of them is not
 * the delimiter (the decimal commas of a ';' file's rows); if that does
 * not tell them apart, the input is refused, naming the option that
 * says which (a wrong guess would store every row wrong, silently).
 * ',' when there is none (one column).  *hsp is the winner's split.
 */
static int
guess_delim(struct crm_rd *rd, struct split *sp, int eof,
    const struct split **hsp)
{
	static const char cands[] = { ',', ';', '\t' };
	struct split *cand[3], *best[3];
	size_t k, c = 0, n = 0, plain = 0, kept = 0, first;

	for (k = 0; k < 3; k++) {
		memset(&sp[k], 0, sizeof sp[k]);
		sp[k].delim = cands[k];
		split_records(rd->buf + rd->pos, rd->len - rd->pos, eof,
		    &sp[k]);
		split_width(&sp[k]);
		if (sp[k].width > 0)
			cand[c++] = &sp[k];
	}
	/* One that makes the file malformed, as its quoted notes' lines
	 * split at their ';', is not it; nor is text's ", " against a
	 * table below its header (rows with a ';' note, or a title). */
	c = keep_if(cand, c, well_formed);
	c = keep_if(cand, c, plain_table);
	for (k = 0; k < c; k++) {
		if (n > 0 && cand[k]->agree > best[0]->agree)
			n = 0;
		if (n == 0 || cand[k]->agree == best[0]->agree)
			best[n++] = cand[k];
	}
	rd->delim = ',';
	*hsp = NULL;
	if (n == 0)
		return 0;
	for (k = 0; k < n; k++)
		plain += !texty(best[k]);
	for (k = 0; k < n; k++)
		if (plain == 0 || !texty(best[k]))
			best[kept++] = best[k];
	for (k = 0, n = kept, first = 0; k < n; k++)
		first += best[k]->header == 0;
	for (k = 0, kept = 0; k < n; k++)
		if (first == 0 || best[k]->header == 0)
			best[kept++] = best[k];
	if (kept > 1)
		return delim_unclear(rd, best, kept);
	rd->delim = best[0]->delim;
	*hsp = best[0];
	return 0;
}

/* Read on until GUESS_RECORDS lines are in, or 256 KiB, or the end. */
static int
fill_for_guess(struct crm_rd *rd)
{
	size_t seen = 0, lines = 0, i;
	int r;

	for (;;) {
		for (i = rd->pos + seen; i < rd->len; i++)
			lines += rd->buf[i] == '\n';
		seen = rd->len - rd->pos;
		if (lines >= GUESS_RECORDS || seen >= 4 * CHUNK ||
		    (r = fill(rd)) == 0)
			return 0;
		if (r < 0)	/* the input is refused; its line is counted */
			return -1;
	}
}

static int names_columns(const struct crm_rd *, const char *, int);

/*
 * From the line below the first, a table: the first record with the
 * most fields (2 or more) and every record after it splitting into 2 or
 * more, fewer than its header's a short row the reader pads; the lines
 * between the first and that header a title block's.
 */
static int
table_under(const struct split *sp)
{
	size_t i, h, most = 0;

	for (i = 1; i < sp->n; i++)
		if (sp->count[i] > most)
			most = sp->count[i];
	for (h = 1; h < sp->n && sp->count[h] != most; h++)
		;
	if (most == 0 || h + 1 >= sp->n || sp->bad > 0 || texty(sp))
		return 0;
	for (i = h + 1; i < sp->n; i++)
		if (sp->count[i] == 0)
			return 0;
	return 1;
}

/*
 * Is the line [s, end), split at d, a row of values, not one value with
 * a d in it: an address alone in a cell ("bob@x.test,Bob,1") beside a
 * cell with none?  "Lee, Ann <lee@x.test>" is one value, and so is
 * "ann@x.test, bob@x.test" (two addresses in one cell, said as such).
 */
static int
value_row(const char *s, const char *end, int d)
{
	char *copy = crm_xstrndup(s, (size_t)(end - s)), *p, *next;
	int alone = 0, none = 0;

	copy[strcspn(copy, "\r")] = '\0';
	if (strchr(copy, d) == NULL) {
		free(copy);
		return 0;
	}
	for (p = copy; p; p = next) {
		if ((next = strchr(p, d)) != NULL)
			*next++ = '\0';
		p = crm_trim(p);
		if (*p == '"' && strlen(p) > 1 && p[strlen(p) - 1] == '"')
			p[strlen(p) - 1] = '\0', p++;	/* "bob@x.test" */
		if (strchr(p, '@') == NULL)
			none |= *p != '\0';
		else if (p[strcspn(p, " <>\"")] == '\0')
			alone = 1;
	}
	free(copy);
	return alone && none;
}

/* Is a line below the first, at ',', ';' or a tab, a row of values? */
static int
rows_below(const char *s, const char *end)
{
	static const char cands[] = { ',', ';', '\t' };
	const char *nl;
	size_t k, lines;

	for (lines = 0; s < end && lines < GUESS_RECORDS; s = nl + 1, lines++) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		for (k = 0; k < 3; k++)
			if (value_row(s, nl, cands[k]))
				return 1;
		if (nl == end)
			break;
	}
	return 0;
}

/*
 * Is the input a list under one header cell naming a column the caller
 * knows (email, Company), each line one value, however many commas a
 * value holds ("Lee, Ann <lee@x.test>", "Acme, Inc.")?  So unless the
 * line below it names columns, one known, at ',', ';' or a tab (a title
 * "Name" above "email, name, phone"), or a delimiter makes a table of
 * the lines below it, short rows and all (a title above rows), or a
 * line below is a row of values ("bob@x.test,Bob,1": a header too
 * narrow for its rows, which skip_preamble keeps as the header, so that
 * the row is refused as wider than it).  A list is read so to its end,
 * past the lines looked at here.
 */
static int
one_column(const struct crm_rd *rd, int eof)
{
	static const char cands[] = { ',', ';', '\t' };
	const char *s = rd->buf + rd->pos, *end = rd->buf + rd->len, *nl;
	struct split sp;
	char *head;
	size_t k;
	int known;

	if (rd->known == NULL)
		return 0;
	while (s < end && (*s == '\n' || *s == '\r'))
		s++;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		return 0;	/* a header alone: nothing to tell */
	head = crm_xstrndup(s, (size_t)(nl - s));
	head[strcspn(head, "\r")] = '\0';
	known = head[strcspn(head, ",;\t\"")] == '\0' &&
	    rd->known(crm_trim(head));
	free(head);
	if (!known)
		return 0;
	for (s = nl; s < end && strchr("\r\n \t", *s); s++)
		;
	if (rows_below(s, end))
		return 0;
	nl = memchr(s, '\n', (size_t)(end - s));
	head = crm_xstrndup(s, nl ? (size_t)(nl - s) : (size_t)(end - s));
	head[strcspn(head, "\r")] = '\0';
	for (k = 0; k < 3 && known; k++)
		known = !names_columns(rd, head, cands[k]);
	free(head);
	for (k = 0; k < 3 && known; k++) {
		memset(&sp, 0, sizeof sp);
		sp.delim = cands[k];
		split_records(rd->buf + rd->pos, rd->len - rd->pos, eof, &sp);
		known = !table_under(&sp);
	}
	return known;
}

/* The line after s's (end when none). */
static const char *
line_after(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? nl + 1 : end;
}

/*
 * Does the input at s open as LDIF (RFC 2849), Thunderbird's third
 * address book export beside vCard and CSV: comment lines (#), a
 * "version: 1" line, then the first entry's "dn:" (or "dn::", base64)?
 * Read as a CSV it would be one column of "dn: cn=Ann"; ldif.c reads it.
 */
static int
ldif_start(const char *s, const char *end)
{
	int version = 0;

	/* comments (and their folds), blank lines, one version line */
	while (s < end && (strchr("# \r\n", *s) || (!version && end - s >= 8
	    && strncasecmp(s, "version:", 8) == 0)))
		version |= *s == 'v' || *s == 'V', s = line_after(s, end);
	return end - s >= 3 && strncasecmp(s, "dn:", 3) == 0;
}

/*
 * Does '|' split the first records into a table from the first line on,
 * where the delimiter guessed (h, its split; NULL when none split them)
 * does not, as LibreOffice's and a database's pipe-separated text is?
 * Then the input is refused naming the option (qa48 F7): read at ',' its
 * rows were one cell each, refused as a quote out of place or as lines
 * above a header, and no message said why.  Not guessed as a delimiter:
 * a '|' is as often a cell's own (tags, "A | B" titles).
 */
static int
pipe_table(struct crm_rd *rd, const struct split *h)
{
	struct split p;

	memset(&p, 0, sizeof p);
	p.delim = '|';
	split_records(rd->buf + rd->pos, rd->len - rd->pos, rd->eof, &p);
	split_width(&p);
	if (p.width == 0 || p.header != 0 || !well_formed(&p) ||
	    p.agree * 2 <= p.n || (h && (h->agree >= p.agree ||
	    (h->header == 0 && h->width >= p.width))))
		return 0;
	return set_error(rd, 1, crm_msgf("the lines split alike at '|' into "
	    "%zu columns, not at %s: say {delimiter} '|'", p.width + 1,
	    delim_name(rd->delim))), -1;
}

/*
 * Guess JSON Lines, vCard, LDIF, TSV, or CSV and its delimiter: -1 when
 * the delimiter cannot be told (the error kept).
 */
static int
detect(struct crm_rd *rd)
{
	struct split sp[3];
	const struct split *h;
	size_t i;

	if (rd->buf == NULL)
		return 0;	/* empty input: the header read says so */
	if (fill_for_guess(rd) < 0)
		return -1;
	for (i = rd->pos; i < rd->len && strchr(" \t\r\n", rd->buf[i]) &&
	    rd->buf[i]; i++)
		;
	if (rd->format == 0 && i < rd->len && rd->buf[i] == '{') {
		rd->format = 'j';	/* JSON Lines: -o json */
		return 0;
	}
	if (rd->format == 0 && rd->len - i >= 11 &&
	    strncasecmp(rd->buf + i, "BEGIN:VCARD", 11) == 0) {
		rd->format = 'v';
		rd->delim = ',';	/* for the rejects, written as CSV */
		return 0;
	}
	if (rd->format == 0 && ldif_start(rd->buf + i, rd->buf + rd->len))
		rd->format = 'l';
	if ((rd->format == 'v' || rd->format == 'l') && rd->delim == 0)
		rd->delim = ',';	/* for the rejects, written as CSV */
	if (rd->format == 'j' || rd->format == 'v' || rd->format == 'l')
		return 0;	/* said by the caller */
	if (rd->format == 't' && rd->delim == 0)
		rd->delim = '\t';
	if (rd->delim != 0) {
		if (rd->format == 0)
			rd->format = 'c';
		return 0;
	}
	if ((rd->format == 0 || rd->format == 'c') && one_column(rd, rd->eof)) {
		rd->format = 'c';
		rd->delim = ',';	/* for the rejects, written as CSV */
		rd->one_column = 1;
		return pipe_table(rd, NULL);
	}
	if (guess_delim(rd, sp, rd->eof, &h) < 0 || pipe_table(rd, h) < 0)
		return -1;
	/*
	 * Tabs make TSV, ours, which has no quotes; a tab-separated header
	 * with quotes, or Excel's UTF-16 "Unicode text", is a spreadsheet's,
	 * which quotes like CSV.  A TSV whose records alone quote so (Excel's
	 * "Text (Tab delimited)") is told when it is read through
	 * (tsv_how()).
	 */
	if (rd->format == 0)
		rd->format = rd->delim == '\t' && !h->quotes[h->header] &&
		    !rd->utf16 ? 't' : 'c';
	return 0;
}

static size_t
nonempty(const struct crm_rec *rec)
{
	size_t i, n = 0;

	for (i = 0; i < rec->n; i++)
		n += rec->f[i][strspn(rec->f[i], " \t")] != '\0';
	return n;
}

/* The k-th record waiting, reading on for it; NULL if there is none. */
static struct crm_rec *
peek_record(struct crm_rd *rd, size_t k)
{
	while (k >= rd->qlen) {
		if (rd->done || rd->failed || rd->line >= PREAMBLE_LINES)
			return NULL;
		if (feed(rd) < 0)
			rd->done = rd->failed = 1;	/* after these records */
	}
	return &rd->q[rd->qhead + k].rec;
}

/*
 * Could rec be a header: names, not a customer's values (no e-mail
 * address, no number)?
 */
static int
header_like(const struct crm_rec *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strchr(rec->f[i], '@') || crm_is_amount(rec->f[i]))
			return 0;
	return 1;
}

/* The first non-empty cell of the records before the k-th, or "". */
static const char *
first_text(const struct crm_rd *rd, size_t k)
{
	const struct crm_rec *r;
	size_t i, j;

	for (i = 0; i < k; i++)
		for (r = &rd->q[rd->qhead + i].rec, j = 0; j < r->n; j++)
			if (r->f[j][strspn(r->f[j], " \t")])
				return r->f[j];
	return "";
}

static int header_at_any(const struct crm_rd *, const struct crm_rec *);

/*
 * A report's line of a label and its value above its table ("Export
 * Date,2026-12-01", "Total Orders,4"): two cells, no e-mail address (a
 * row of a two-column list of people), the first no column's name the
 * caller knows (a two-column header).
 */
static int
label_line(const struct crm_rd *rd, const struct crm_rec *r)
{
	const char *f, *first = NULL;
	size_t i, n = 0;

	for (i = 0; i < r->n; i++) {
		f = r->f[i] + strspn(r->f[i], " \t");
		if (*f == '\0')
			continue;
		if (strchr(f, '@'))
			return 0;
		if (n++ == 0)
			first = f;
	}
	return n == 2 && !rd->known(first);
}

/*
 * The header under lines of a label and its value, from the k-th record
 * (label_line): the first record after them, with more cells than two,
 * read as a header that names a column the caller knows at the file's
 * delimiter; empty lines may come between.  Its place, or k when there
 * is none: a wider row that is no such header (a ragged row of a
 * two-column file) leaves the two cells the header.
 */
static size_t
header_under_labels(struct crm_rd *rd, size_t k)
{
	struct crm_rec *r;
	size_t m;

	for (m = k; (r = peek_record(rd, m)); m++) {
		if (nonempty(r) == 0 || (nonempty(r) == 2 &&
		    label_line(rd, r)))
			continue;
		return nonempty(r) > 2 && header_at_any(rd, r) == rd->delim ?
		    m : k;
	}
	return k;
}

/*
 * Is the first record one cell naming a column the caller knows
 * ("email", "Name") above a row of values (an address, a number: not a
 * header)?  Then it is the header, too narrow for the rows below it,
 * not a title: "email" above "ann@x.test" above "bob@x.test,Bob,1"
 * has no header further down, and taking a row for one would refuse
 * the next rows as having no name and no e-mail, naming nothing wrong.
 */
static int
narrow_header(const struct crm_rd *rd, const struct crm_rec *header)
{
	const struct crm_rec *first = &rd->q[rd->qhead].rec;
	char *cell;
	int known;

	if (rd->known == NULL || first->n != 1 || header_like(header))
		return 0;
	cell = crm_xstrdup(first->f[0]);
	known = rd->known(crm_trim(cell));
	free(cell);
	return known;
}

/*
 * DATEV's format line above the header of each of its files
 * ("EXTF";700;16;"Debitoren/Kreditoren";5;...: the format, its version,
 * the kind of data, the firm's numbers): not a header, not data.
 * Skipped, and said, when a record follows it.
 */
static void
skip_datev(struct crm_rd *rd)
{
	struct crm_rec *r = peek_record(rd, 0);
	long line;

	if (r == NULL || r->n < 4 || (strcmp(r->f[0], "EXTF") != 0 &&
	    strcmp(r->f[0], "DTVF") != 0) || peek_record(rd, 1) == NULL)
		return;
	r = &rd->q[rd->qhead].rec;
	line = r->line;
	crm_warn("%s:%ld: DATEV's format line (%.4s), before the header: "
	    "skipped", rd->name, line, r->f[0]);
	free(r->f);
	free(rd->q[rd->qhead].bad);
	rd->qhead++, rd->qlen--;
}

/*
 * s as a message may show it: a byte that is no part of a UTF-8
 * character as \xNN (a CP1252 title's "Ums\xe4tze", which a terminal
 * showed as garbage), malloc'd.
 */
static char *
shown(const char *s)
{
	struct crm_buf b = { 0 };
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	while (*p) {
		len = *p < 0x80 ? 1 : *p >= 0xc2 && *p <= 0xdf ? 2 :
		    *p >= 0xe0 && *p <= 0xef ? 3 : *p >= 0xf0 && *p <= 0xf4 ?
		    4 : 0;
		if (len > 0 && strnlen((const char *)p, len) == len &&
		    crm_utf8_valid((const char *)p, len)) {
			crm_buf_add(&b, (const char *)p, len);
			p += len;
		} else {
			crm_buf_addf(&b, "\\x%02x", *p++);
		}
	}
	s = crm_xstrdup(crm_buf_str(&b));
	crm_buf_free(&b);
	return (char *)s;
}

/*
 * Notes before the header (LinkedIn's "Notes:" and a quoted paragraph;
 * a report's title padded with commas to the header's width, as Excel
 * saves it: "Report,,,," and ",,,,"): leading records with at most one
 * non-empty cell, before the first record within PREAMBLE_LINES lines
 * that has two, are not the header, when they have fewer cells than
 * that record or it reads as a header (header_like).  A one-column file
 * has no such record and keeps its header; a row of empty cells before
 * the header goes whatever its width.  What text goes is said on
 * stderr (empty cells alone, nothing).
 */
static void
skip_preamble(struct crm_rd *rd)
{
	struct crm_rec *r, *header;
	size_t i, k;
	char *text, *why, *shown_text;
	long first;
	int utf8;

	if (rd->format != 'c' && rd->format != 't')
		return;
	skip_datev(rd);
	for (k = 0; (header = peek_record(rd, k)) && nonempty(header) < 2; k++)
		;
	if (header && rd->known && label_line(rd, header) &&
	    (k = header_under_labels(rd, k)) > 0)
		header = &rd->q[rd->qhead + k].rec;
	if (header == NULL || k == 0 || narrow_header(rd, header))
		return;
	for (i = 0; i < k; i++) {
		r = &rd->q[rd->qhead + i].rec;
		if (nonempty(r) > 0 && r->n >= header->n && !header_like(header))
			return;
	}
	/* Empty cells alone lose nothing: said only when text goes.  Text
	 * that is not UTF-8 is shown escaped, and what to say said now: a
	 * header-level complaint (crm-log's "no amount column") comes
	 * before any row's invalid UTF-8 would. */
	text = crm_xstrdup(first_text(rd, k));
	utf8 = crm_utf8_valid(text, strlen(text));
	why = utf8 ? crm_xstrdup("") : not_utf8(rd);
	shown_text = shown(crm_key_trim(text));
	first = rd->q[rd->qhead].rec.line;
	if (*text && first == header->line - 1)
		crm_warn("%s:%ld: before the header, skipped: '%.60s'%s%s",
		    rd->name, first, shown_text, utf8 ? "" : "; ", why);
	else if (*text)
		crm_warn("%s:%ld-%ld: before the header, skipped: '%.60s'%s%s",
		    rd->name, first, header->line - 1, shown_text, utf8 ? "" :
		    "; ", why);
	free(text);
	free(why);
	free(shown_text);
	for (i = 0; i < k; i++, rd->qhead++, rd->qlen--) {
		free(rd->q[rd->qhead].rec.f);
		free(rd->q[rd->qhead].bad);
	}
}

static int
read_header(struct crm_rd *rd)
{
	struct crm_rec rec;
	int r;

	skip_preamble(rd);
	r = crm_rd_next(rd, &rec);

	/* A pipe whose writer had nothing to say (crm-remind on a quiet
	 * day prints nothing, for cron): no header, no records. */
	if (r == CRM_REC_EOF && rd->empty_ok) {
		rd->done = 1;
		return 0;
	}
	/* "empty file" alone: true of a CSV, a vCard or an LDIF, which
	 * nothing in it tells apart */
	if (r == CRM_REC_EOF)
		set_error(rd, 1, crm_xstrdup("empty file"));
	if (r == CRM_REC_BAD)
		set_error(rd, rec.line, crm_xasprintf("header: %s", rd->err));
	if (r != CRM_REC_OK) {
		rd->fatal = 1;
		return -1;
	}
	rd->header = rd->last.f;
	rd->nheader = rd->last.n;
	rd->header_line = rec.line;
	rd->last.f = NULL;
	rd->last.n = 0;
	return 0;
}

/*
 * All of fp in a temporary file, read from the start.  A program that
 * writes reads its whole input before it takes the database's lock: in
 * `crm-segment | crm-log -` on one database, the first program records
 * its export when it ends, which it could not do while the second held
 * the lock waiting for more input.
 */
static FILE *
spool(FILE *fp)
{
	FILE *tmp = tmpfile();
	char buf[CHUNK];
	size_t n;

	if (tmp == NULL) {
		crm_fail(CRM_EX_CANTCREAT, "cannot make a temporary file:");
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (fwrite(buf, 1, n, tmp) != n)
			break;
	if (ferror(fp))
		crm_fail(CRM_EX_IOERR, "standard input:");
	else if (n > 0 || fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0)
		crm_fail(CRM_EX_IOERR, "temporary file:");
	else
		return tmp;
	fclose(tmp);
	return NULL;
}

/*
 * The rest of the input into a temporary file of our own, as UTF-8
 * (converted on the way if an encoding was named), which then is the
 * input, from its start, with nothing left to convert: for a second
 * reading of what cannot be read twice (a pipe), and for vcard.c.  0, or
 * -1 with the error kept.
 */
static int
spool_rest(struct crm_rd *rd)
{
	FILE *tmp = tmpfile();
	size_t i;
	int r;

	if (tmp == NULL)
		return crm_fail(CRM_EX_CANTCREAT,
		    "cannot make a temporary file:");
	do {
		if (rd->len > rd->pos && fwrite(rd->buf + rd->pos, 1,
		    rd->len - rd->pos, tmp) != rd->len - rd->pos) {
			fclose(tmp);
			return crm_fail(CRM_EX_IOERR, "temporary file:");
		}
		for (i = rd->pos; i < rd->len; i++)
			rd->line += rd->buf[i] == '\n';  /* for fill's errors */
		rd->pos = rd->len;
	} while ((r = fill(rd)) > 0);
	if (r < 0 || fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0) {
		fclose(tmp);
		if (r < 0)
			return -1;
		return crm_fail(CRM_EX_IOERR, "temporary file:");
	}
	if (rd->fp != stdin)
		fclose(rd->fp);
	rd->fp = tmp;
	rd->start = 0;
	rd->pos = rd->len = rd->rawlen = 0;
	rd->eof = 0;
	rd->line = 0;
	if (rd->cd != (iconv_t)-1)
		iconv_close(rd->cd);
	rd->cd = (iconv_t)-1;
	return 0;
}

/* Excel's UTF-8 byte order mark; twice in a file saved again by a tool
 * that adds its own (PowerShell's Set-Content). */
static void
skip_bom(struct crm_rd *rd)
{
	while (rd->len >= rd->pos + 3 &&
	    memcmp(rd->buf + rd->pos, "\xef\xbb\xbf", 3) == 0)
		rd->pos += 3, rd->bom = 1;
}

/* Read the input again from its first byte. */
static int
reread(struct crm_rd *rd)
{
	if (fseeko(rd->fp, rd->start, SEEK_SET) != 0)
		return crm_fail(CRM_EX_IOERR, "%s:", rd->name);
	rd->pos = rd->len = rd->rawlen = 0;
	rd->eof = rd->done = 0;
	rd->line = 0;
	if (rd->cd != (iconv_t)-1)
		iconv(rd->cd, NULL, NULL, NULL, NULL);
	if (fill(rd) < 0)
		return -1;
	skip_bom(rd);
	return 0;
}

/*
 * Is a TSV input crm's own (-o tsv), whose backslashes are its escapes?
 * Its cells' backslashes are \t \n \r \\ and nothing else; a
 * spreadsheet's tab-delimited text (Excel's, LibreOffice's, Google
 * Sheets') escapes nothing, and its \\server\share or \d+ is what it
 * says.  So: UTF-8 with no byte order mark (neither is ours), at least
 * one cell whose backslashes are all escapes, and more of those than
 * cells with another backslash (a tie is a spreadsheet's: its
 * C:\\new beside C:\\data).  CR LF line ends do not count against
 * it (a Windows editor or unix2dos keeps the escapes), nor does a cell
 * edited by hand (kept as written: tsv_unescape()).  When the file has
 * both kinds of cell, stderr says which way it was read.  tsv_how()
 * counts the cells: 1 ours, 0 not.
 */
struct tsv_cells {
	size_t escaped, other;	/* cells with escapes alone; with others */
	int esc, stray, any;	/* in the cell read: a pending \, a stray \,
				 * an escape */
};

static int tsv_ours(struct crm_rd *, const struct tsv_cells *);

static void
tsv_cells_scan(struct tsv_cells *t, const char *s, size_t n)
{
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (t->esc) {
			t->esc = 0;
			if (strchr("tnr\\", c))
				t->any = 1;
			else
				t->stray = 1;
			if (c != '\t' && c != '\n')
				continue;
		}
		if (c == '\\') {
			t->esc = 1;
		} else if (c == '\t' || c == '\n') {
			t->other += t->stray;
			t->escaped += t->any && !t->stray;
			t->stray = t->any = 0;
		}
	}
}

/*
 * Does a tab-delimited text quote its cells as CSV does?  Excel's "Text
 * (Tab delimited)" quotes a cell holding a line break, a tab or a quote,
 * its quotes doubled, though its header has none; Google Sheets' a cell
 * with a line break, and leaves one that merely opens with a quote ("Big"
 * box) as it is.  So: some cell that opens with a quote and closes at its
 * end over two lines or more (its other quoted cells, with "" inside, are
 * then read so too); and no quote that opens a cell closing on a line
 * below with text after it, or never (a quote that is a cell's text, in
 * a TSV that quotes nothing).  A cell with "" inside alone is no sign:
 * crm's own TSV writes a value of quotes as it is (""""), and reads it
 * back the same (fuzz/escape.c), where a line break inside a cell is
 * never its.
 */
struct tsv_quotes {
	int state;		/* 0 a cell starts, 1 in a plain one, 2 in a
				 * quoted one, 3 a quote in it, 4 then a CR */
	int nl;			/* the quoted cell: a line break */
	size_t quoted;		/* closed cells over two lines or more */
	size_t bad;		/* opened cells never closed at their end */
};

static void
tsvq_closed(struct tsv_quotes *q)
{
	q->quoted += q->nl;
	q->state = 0;
}

static void
tsvq_scan(struct tsv_quotes *q, const char *s, size_t n)
{
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		switch (q->state) {
		case 0:
		case 1:
			if (c == '\t' || c == '\n')
				q->state = 0;
			else if (q->state == 0 && c == '"')
				q->state = 2, q->nl = 0;
			else
				q->state = 1;
			break;
		case 2:
			q->nl |= c == '\n';
			if (c == '"')
				q->state = 3;
			break;
		default:	/* 3, 4: the quote that closes, or text */
			if (q->state == 3 && c == '"')
				q->state = 2;	/* a "" inside */
			else if (q->state == 3 && c == '\r')
				q->state = 4;
			else if (c == '\t' || c == '\n')
				tsvq_closed(q);
			else
				q->bad += q->nl, q->state = 1;
		}
	}
}

/* The input's end: a quoted cell left open is no quoting. */
static void
tsvq_end(struct tsv_quotes *q)
{
	if (q->state == 2)
		q->bad++;
	else if (q->state >= 3)
		tsvq_closed(q);
}

/*
 * Read a TSV to its end for how its cells are written: crm's own
 * escapes (the return, as tsv_ours() says), or a spreadsheet's quotes
 * (rd->tsv_quotes; never in crm's own, whose cells hold no line break),
 * then from the start again; -1 on error (kept).
 */
static int
tsv_how(struct crm_rd *rd)
{
	struct tsv_cells t = { 0 };
	struct tsv_quotes q = { 0 };
	int r = 1, ours;

	if (rd->tsv_escapes == 'y')
		return 'y';	/* --tsv-escapes=yes: crm's own */
	ours = rd->tsv_escapes != 'n' && rd->cd == (iconv_t)-1 && !rd->bom;
	if (rd->start < 0 && spool_rest(rd) < 0)
		return -1;
	while (r > 0) {
		if (ours)
			tsv_cells_scan(&t, rd->buf + rd->pos,
			    rd->len - rd->pos);
		tsvq_scan(&q, rd->buf + rd->pos, rd->len - rd->pos);
		rd->pos = rd->len;
		r = fill(rd);
	}
	tsv_cells_scan(&t, "\n", 1);	/* the last cell */
	tsvq_end(&q);
	if (r < 0 || reread(rd) < 0)
		return -1;
	ours = ours ? tsv_ours(rd, &t) : 0;
	rd->tsv_quotes = !ours && q.quoted > 0 && q.bad == 0;
	return ours;
}

static int
tsv_ours(struct crm_rd *rd, const struct tsv_cells *t)
{
	if (t->escaped == 0 || t->other >= t->escaped) {
		if (t->escaped > 0)
			crm_warn("%s: backslashes kept as written (%zu cells "
			    "hold other backslashes than \\t \\n \\r \\\\, "
			    "%zu only those): to undo them as crm's own TSV "
			    "escapes, say --tsv-escapes=yes", rd->name,
			    t->other, t->escaped);
		return 0;
	}
	if (t->other > 0)
		crm_warn("%s: read as crm's own TSV: \\t \\n \\r \\\\ undone "
		    "in %zu cells, %zu cells with other backslashes kept as "
		    "written; to keep every backslash, say --tsv-escapes=no",
		    rd->name, t->escaped, t->other);
	return 1;	/* guessed: a cell with a stray backslash is kept */
}

/*
 * Read every line of JSON Lines for its keys (a key of a bad record too,
 * up to its fault), then from the start again: the memory it takes is
 * the keys', whatever the number of records.  -1 when a limit is passed
 * or the input cannot be read (the error kept).
 */
static int
jsonl_keys(struct crm_rd *rd)
{
	const char *why;
	size_t n, col;
	char *s;
	int r;

	if (rd->start < 0 && spool_rest(rd) < 0)
		return -1;
	rd->jk.slot = crm_xcalloc(JKEYS_SLOTS, sizeof *rd->jk.slot);
	while ((r = next_line(rd, &s, &n)) > 0) {
		if (!s[strspn(s, " \t")])
			continue;	/* a blank line */
		why = crm_json_object(s, n, jsonl_key, &rd->jk, &col);
		if (rd->jk.full)
			return set_error(rd, rd->line, crm_xasprintf(
			    "character %zu: %s", col, why)), -1;
	}
	if (r < 0)
		return -1;
	return reread(rd);
}

/*
 * vcard.c reads its input twice, so from a file of our own: the rest of
 * the input, then its first pass, which finds the columns and any broken
 * card.
 */
static int
open_vcard(struct crm_rd *rd)
{
	const char *why;
	long line;

	if (spool_rest(rd) < 0)
		return -1;
	rd->vc = crm_vcard_new(rd->fp);
	if (crm_vcard_scan(rd->vc) < 0) {
		why = crm_vcard_error(rd->vc, &line);
		set_error(rd, line, crm_xstrdup(why));
		return -1;
	}
	return 0;
}

/* ldif.c, as vcard.c, reads its input twice, from a file of our own. */
static int
open_ldif(struct crm_rd *rd)
{
	const char *why;
	long line;

	if (spool_rest(rd) < 0)
		return -1;
	/* a base64 value not UTF-8 is read in --encoding (not a BOM's) */
	rd->ld = crm_ldif_new(rd->fp, rd->utf16 ? NULL : rd->encoding);
	if (crm_ldif_scan(rd->ld) < 0) {
		why = crm_ldif_error(rd->ld, &line);
		set_error(rd, line, crm_xstrdup(why));
		return -1;
	}
	return 0;
}

/*
 * Open path ("-" or NULL: standard input) and read its header.  Returns
 * the reader, or NULL with *status and the reader's error set; the
 * reader, if any, is still to be closed.  Only a file that cannot be
 * opened gives NULL and *rdp NULL.
 */
int
crm_rd_try(const char *path, const struct crm_rd_opts *opts,
    struct crm_rd **rdp)
{
	struct crm_rd *rd = crm_xcalloc(1, sizeof *rd);
	struct stat st;

	*rdp = rd;
	rd->cd = (iconv_t)-1;
	rd->cr_lines = -1;
	if ((path == NULL || strcmp(path, "-") == 0) && opts && opts->spool) {
		rd->name = crm_xstrdup("stdin");
		if ((rd->fp = spool(stdin)) == NULL) {
			rd->fp = stdin;		/* nothing to close */
			set_error(rd, 0, crm_xstrdup(crm_error()->msg));
			return crm_err_status();
		}
	} else if (path == NULL || strcmp(path, "-") == 0) {
		rd->fp = stdin;
		rd->name = crm_xstrdup("stdin");
	} else {
		rd->name = crm_xstrdup(path);
		if ((rd->fp = fopen(path, "rb")) == NULL) {
			set_error(rd, 0, crm_xasprintf("%s", strerror(errno)));
			rd->fp = stdin;		/* nothing to close */
			return CRM_EX_NOINPUT;
		}
	}
	rd->format = opts ? opts->format : 0;
	rd->empty_ok = opts ? opts->empty_ok : 0;
	rd->delim = opts ? opts->delim : 0;
	rd->delim_given = rd->delim != 0;
	rd->tsv_escapes = opts ? opts->tsv_escapes : 0;
	rd->known = opts ? opts->known : NULL;
	if (opts && opts->encoding) {
		rd->encoding = opts->encoding;
		rd->single_byte = single_byte(opts->encoding);
		rd->cd = iconv_open("UTF-8", opts->encoding);
		if (rd->cd == (iconv_t)-1) {
			set_error(rd, 0, crm_xasprintf("unknown encoding '%s' "
			    "(see iconv -l)", opts->encoding));
			return CRM_EX_USAGE;
		}
	}
	rd->start = fstat(fileno(rd->fp), &st) == 0 && S_ISREG(st.st_mode) ?
	    ftello(rd->fp) : -1;
	if (fill(rd) < 0)
		return crm_err_status() ? crm_err_status() : CRM_EX_DATAERR;
	skip_bom(rd);
	if (detect(rd) < 0)
		return crm_err_status() ? crm_err_status() : CRM_EX_DATAERR;
	if ((rd->format == 'v' && open_vcard(rd) < 0) ||
	    (rd->format == 'l' && open_ldif(rd) < 0))
		return crm_err_status() ? crm_err_status() : CRM_EX_DATAERR;
	csv_init(&rd->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&rd->csv, no_space);
	csv_set_realloc_func(&rd->csv, capped_realloc);
	csv_set_delim(&rd->csv, (unsigned char)rd->delim);
	rd->started = 1;
	if ((rd->format == 'j' && jsonl_keys(rd) < 0) || (rd->format == 't' &&
	    (rd->tsv_escapes = tsv_how(rd)) < 0))
		return crm_err_status() ? crm_err_status() : CRM_EX_DATAERR;
	if (read_header(rd) < 0)
		return CRM_EX_DATAERR;
	return 0;
}

/* crm_rd_try, or NULL with the error kept (the reader closed). */
struct crm_rd *
crm_rd_open(const char *path, const struct crm_rd_opts *opts)
{
	struct crm_rd *rd;
	int status = crm_rd_try(path, opts, &rd);

	if (status == 0)
		return rd;
	if (crm_error() == NULL && (status == CRM_EX_NOINPUT ||
	    status == CRM_EX_USAGE))
		crm_fail(status, "%s%s%s", status == CRM_EX_NOINPUT ?
		    rd->name : "", status == CRM_EX_NOINPUT ? ": " : "",
		    rd->err);
	else if (crm_error() == NULL)
		crm_fail(status, "%s:%ld: %s", rd->name, rd->errline, rd->err);
	crm_rd_close(rd);
	return NULL;
}

/* --delimiter: one character, or "tab"; -1 when it cannot be one. */
int
crm_parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
		return '\t';
	if (strlen(s) != 1 || strchr("\"\r\n", *s))
		return -1;
	return (unsigned char)*s;
}

const char *
crm_rd_name(const struct crm_rd *rd)
{
	return rd->name;
}

/* The bytes of a regular file, for an estimate of its rows; 0 else. */
long long
crm_rd_size(const struct crm_rd *rd)
{
	struct stat st;

	if (rd->fp == NULL || fstat(fileno(rd->fp), &st) < 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
	return (long long)st.st_size;
}

size_t
crm_rd_header(const struct crm_rd *rd, char *const **names)
{
	*names = rd->header;
	return rd->nheader;
}

/* The line of the file the header is on, for a message about it. */
long
crm_rd_header_line(const struct crm_rd *rd)
{
	return rd->header_line > 0 ? rd->header_line : 1;
}

int
crm_rd_format(const struct crm_rd *rd)
{
	return rd->format;
}

/* Is column name an extra field by its own name (vCards: vcard.c's)? */
int
crm_rd_field(const struct crm_rd *rd, const char *name)
{
	return rd->vc != NULL && crm_vcard_field(rd->vc, name);
}

int
crm_rd_delim(const struct crm_rd *rd)
{
	return rd->delim;
}

/* The first error, or NULL; a fatal one from open is returned here too. */
const char *
crm_rd_error(const struct crm_rd *rd, long *line)
{
	if (line)
		*line = rd->errline;
	return rd->err;
}

/* The reader's error kept as the cause ("file:line: what"): -1. */
int
crm_rd_fail(const struct crm_rd *rd)
{
	return crm_fail(CRM_EX_DATAERR, "%s:%ld: %s", crm_rd_name(rd),
	    rd->errline, rd->err);
}

/*
 * A row whose trailing empty cells were left out, as ragged files do,
 * with them put back: one allocation again, pointers then text.
 */
static void
pad_record(struct crm_rec *rec, size_t n)
{
	size_t i, len, text = n - rec->n;
	char **f, *t;
	const char *s;

	for (i = 0; i < rec->n; i++)
		text += strlen(rec->f[i]) + 1;
	f = crm_xmalloc(n * sizeof *f + text);
	t = (char *)(f + n);
	for (i = 0; i < n; i++) {
		s = i < rec->n ? rec->f[i] : "";
		len = strlen(s) + 1;
		memcpy(t, s, len);
		f[i] = t;
		t += len;
	}
	free(rec->f);
	rec->f = f;
	rec->n = n;
}

static int
pop(struct crm_rd *rd, struct crm_rec *rec)
{
	struct pending *p = &rd->q[rd->qhead++];

	rd->qlen--;
	rd->last_cells = p->rec.n;
	if (rd->header && p->rec.n > 0 && p->rec.n < rd->nheader)
		pad_record(&p->rec, rd->nheader);
	rd->last = p->rec;
	*rec = p->rec;
	if (p->bad) {
		if (p->bad_col < rd->nheader) {
			set_error(rd, rec->line, crm_xasprintf("%s: %s",
			    rd->header[p->bad_col], p->bad));
			free(p->bad);
		} else {
			set_error(rd, rec->line, p->bad);
		}
		return CRM_REC_BAD;
	}
	if (rd->header && rec->n != rd->nheader && rd->nheader == 1) {
		/* "email" above "bob@x.test,Bob,1": what to mend, and where */
		set_error(rd, rec->line, crm_xasprintf("row has %zu fields, "
		    "the header has 1 ('%.60s', line %ld): name each of the "
		    "row's columns in the header", rec->n, rd->header[0],
		    crm_rd_header_line(rd)));
		return CRM_REC_BAD;
	}
	if (rd->header && rec->n != rd->nheader) {
		set_error(rd, rec->line, crm_xasprintf("row has %zu fields, "
		    "the header has %zu", rec->n, rd->nheader));
		return CRM_REC_BAD;
	}
	return CRM_REC_OK;
}

/*
 * Is rec the header again?  Two exports joined with cat have the second
 * one's header in the middle: a row of column names, not data, with the
 * byte order mark its file began with (Excel's "CSV UTF-8" writes one).
 */
static int
header_again(const struct crm_rd *rd, const struct crm_rec *rec)
{
	const char *f;
	size_t i;

	if ((rd->format != 'c' && rd->format != 't') || rd->header == NULL ||
	    rec->n != rd->nheader || rec->n < 2)
		return 0;
	for (i = 0; i < rec->n; i++) {
		f = rec->f[i];
		while (i == 0 && strncmp(f, "\xef\xbb\xbf", 3) == 0)
			f += 3;
		if (strcmp(f, rd->header[i]) != 0)
			return 0;
	}
	return 1;
}

/*
 * Say the header again at its line: where crm_rd_next() reached it, or
 * for the ones crm_rd_peek() took out, when reading passes their line.
 */
static void
say_again(const struct crm_rd *rd, long line)
{
	crm_warn("%s:%ld: the header again (files joined?): skipped",
	    rd->name, line);
}

/* Say the headers again taken out before line (all of them: LONG_MAX). */
static void
say_again_before(struct crm_rd *rd, long line)
{
	size_t i = 0;

	while (i < rd->nagain && rd->again[i] < line)
		say_again(rd, rd->again[i++]);
	if (i == 0)
		return;	/* none said (again may be NULL: memmove's UB) */
	memmove(rd->again, rd->again + i, (rd->nagain - i) * sizeof
	    *rd->again);
	rd->nagain -= i;
}

/*
 * Take the header again out of the records from q's from-th on, just
 * read for a look ahead: the look sees the rows as reading will, the
 * column under the second header as under the first (a Capsule export
 * joined to another: its Type column's second "Type" cell is no type,
 * qa52 F4).  Its line is kept, to be said in its turn.
 */
static void
drop_again(struct crm_rd *rd, size_t from)
{
	struct pending *p;
	size_t i = from;

	while (i < rd->qlen) {
		p = &rd->q[rd->qhead + i];
		if (p->bad || !header_again(rd, &p->rec)) {
			i++;
			continue;
		}
		if (rd->nagain == rd->capagain) {
			rd->capagain = rd->capagain ? rd->capagain * 2 : 4;
			rd->again = crm_xreallocarray(rd->again,
			    rd->capagain, sizeof *rd->again);
		}
		rd->again[rd->nagain++] = p->rec.line;
		free(p->rec.f);
		memmove(p, p + 1, (rd->qlen - i - 1) * sizeof *p);
		rd->qlen--;
	}
}

/*
 * The next record: CRM_REC_OK, CRM_REC_BAD (rec holds it, crm_rd_error
 * says what is wrong, reading may go on), CRM_REC_FATAL or CRM_REC_EOF.
 * rec stays valid until the next call.  A row that is the header again
 * is skipped, and said.
 */
int
crm_rd_next(struct crm_rd *rd, struct crm_rec *rec)
{
	int r;

	do {
		free(rd->last.f);
		rd->last.f = NULL;
		rd->last.n = 0;
		if (rd->fatal) {
			say_again_before(rd, LONG_MAX);
			return CRM_REC_FATAL;
		}
		while (rd->qlen == 0) {
			if (rd->failed) {
				say_again_before(rd, LONG_MAX);
				rd->fatal = 1;
				return CRM_REC_FATAL;
			}
			if (rd->done) {
				say_again_before(rd, LONG_MAX);
				return CRM_REC_EOF;
			}
			r = feed(rd);
			if (r < 0) {
				rd->done = rd->fatal = 1;
				return CRM_REC_FATAL;
			}
		}
		if (rd->nagain)
			say_again_before(rd, rd->q[rd->qhead].rec.line);
		r = pop(rd, rec);
		if (r == CRM_REC_OK && header_again(rd, rec))
			say_again(rd, rec->line);
		else
			return r;
	} while (1);
}

/*
 * The cells the record crm_rd_next() returned last had as read, before
 * a short row was padded: 1 for a line with no delimiter at all.
 */
size_t
crm_rd_cells(const struct crm_rd *rd)
{
	return rd->last_cells;
}

/*
 * The k-th record still to come (0: the one crm_rd_next() returns next),
 * read on for it and kept; NULL past the end or an error, which
 * crm_rd_next() then reports after the records before it.  For a look
 * at a column's cells before any row is taken; unpadded: a short
 * record's n is its own.
 */
const struct crm_rec *
crm_rd_peek(struct crm_rd *rd, size_t k)
{
	size_t was;
	int r;

	while (k >= rd->qlen) {
		if (rd->done || rd->failed || rd->fatal)
			return NULL;
		was = rd->qlen;
		r = feed(rd);
		if (r < 0)
			rd->done = rd->failed = 1;	/* after these records */
		drop_again(rd, was);
	}
	return &rd->q[rd->qhead + k].rec;
}

/* Does s, split at d, name two columns or more, one the caller knows? */
static int
names_columns(const struct crm_rd *rd, const char *s, int d)
{
	char *copy = crm_xstrdup(s), *p, *next;
	size_t n = 0;
	int known = 0, row = 0;

	for (p = copy; p; p = next) {
		if ((next = strchr(p, d)) != NULL)
			*next++ = '\0';
		n++;
		row |= strchr(p, '@') != NULL;	/* an address: a row */
		p = crm_trim(p);
		if (*p == '"' && strlen(p) > 1 && p[strlen(p) - 1] == '"')
			p[strlen(p) - 1] = '\0', p++;	/* "email" */
		known |= rd->known(p);
	}
	free(copy);
	return n > 1 && known && !row;
}

/* Does rec read as a header, at the delimiter or at another? */
static int
header_at_any(const struct crm_rd *rd, const struct crm_rec *rec)
{
	static const char cands[] = { ',', ';', '\t' };
	size_t i, c;
	int known = 0;

	for (i = 0; i < rec->n; i++)
		known |= rd->known(rec->f[i]);
	if (rec->n > 1 && known && header_like(rec))
		return rd->delim;
	for (i = 0; i < rec->n && !rd->delim_given; i++)
		for (c = 0; c < 3; c++)
			if (cands[c] != rd->delim &&
			    names_columns(rd, rec->f[i], cands[c]))
				return cands[c];
	return 0;
}

/*
 * The line of a header below the one read, under a title block too
 * long or too wide for the reader to skip (more than PREAMBLE_LINES
 * lines; lines of two cells): the first record of the lines that
 * follow that names columns, one the caller knows (crm_rd_opts' known),
 * at the delimiter or, when it was guessed, at another (*d).  0 for
 * none.  The records are peeked at, not taken.
 */
long
crm_rd_header_below(struct crm_rd *rd, int *d)
{
	const struct crm_rec *r;
	size_t k;

	if (rd->known == NULL || (rd->format != 'c' && rd->format != 't'))
		return 0;
	for (k = 0; k < 2 * PREAMBLE_LINES && (r = crm_rd_peek(rd, k)); k++)
		if ((*d = header_at_any(rd, r)) != 0)
			return r->line;
	return 0;
}

void
crm_rd_close(struct crm_rd *rd)
{
	if (rd == NULL)
		return;
	while (rd->qlen > 0) {
		free(rd->q[rd->qhead].rec.f);
		free(rd->q[rd->qhead++].bad);
		rd->qlen--;
	}
	free(rd->q);
	free(rd->again);
	free(rd->last.f);
	free(rd->header);
	free(rd->fbuf);
	free(rd->off);
	free(rd->cur_bad);
	while (rd->jk.n > 0)
		free(rd->jk.v[--rd->jk.n]);
	free(rd->jk.v);
	free(rd->jk.slot);
	crm_vcard_free(rd->vc);
	crm_ldif_free(rd->ld);
	if (rd->started)
		csv_free(&rd->csv);
	if (rd->cd != (iconv_t)-1)
		iconv_close(rd->cd);
	if (rd->fp && rd->fp != stdin)
		fclose(rd->fp);
	free(rd->buf);
	free(rd->name);
	free(rd->err);
	free(rd);
}
