/*
 * html.c - the pieces of an HTML report page: the page's head and foot,
 * escaped text, and a bar chart as inline SVG.
 *
 * A report page is mailed and opened from cron's mail or a file, printed,
 * read on a phone: so it is one self-contained file, with its style
 * inline, no script and no URL at all (inline SVG needs no xmlns in
 * HTML), and a table that scrolls sideways on a narrow screen rather than
 * squeezing the figures.  out.c's HTML writer streams the table with
 * these; only the chart's labels and values wait for the end.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

/* Text for an element or a quoted attribute: & < > " ' escaped,
 * control characters (no place in HTML) as spaces. */
void
crm_html_text(struct crm_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': crm_buf_adds(b, "&amp;"); break;
		case '<': crm_buf_adds(b, "&lt;"); break;
		case '>': crm_buf_adds(b, "&gt;"); break;
		case '"': crm_buf_adds(b, "&quot;"); break;
		case '\'': crm_buf_adds(b, "&#39;"); break;
		default:
			crm_buf_addc(b, (unsigned char)*s < ' ' &&
			    *s != '\n' && *s != '\t' ? ' ' : *s);
		}
	}
}

/*
 * Print-friendly: black on white, the bars keep their colour on paper,
 * a section is not split across pages.  On a phone the table scrolls in
 * its box and the chart shrinks to the screen's width.
 */
static const char style[] =
"body{font:15px/1.4 system-ui,-apple-system,\"Segoe UI\",sans-serif;"
"margin:1em auto;padding:0 1em;max-width:60em;color:#111;background:#fff}"
"h1{font-size:1.35em;margin:.2em 0 .8em}"
"h2{font-size:1.15em;margin:1.6em 0 .5em}"
".t{overflow-x:auto;-webkit-overflow-scrolling:touch}"
"table{border-collapse:collapse;font-variant-numeric:tabular-nums}"
"th,td{padding:.25em .7em;border-bottom:1px solid #ddd;"
"text-align:left;white-space:nowrap}"
"thead th{border-bottom:2px solid #444}"
".n{text-align:right}"
"figure{margin:1em 0}"
"figcaption{font-size:.9em;color:#444}"
"svg{display:block;width:100%;max-width:480px;height:auto;overflow:visible}"
"svg text{font:13px system-ui,sans-serif;fill:#111}"
"svg .v{fill:#333}"
"rect{fill:#3b6ea8}"
"@media (max-width:32em){svg text{font-size:16px}}"
"@media print{body{margin:0;max-width:none;font-size:11pt}"
".t{overflow:visible}th,td{white-space:normal}"
"section,figure{break-inside:avoid}"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* From the doctype to the page's heading. */
void
crm_html_head(struct crm_buf *b, const char *title)
{
	crm_buf_adds(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	crm_html_text(b, title);
	crm_buf_addf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
	    style);
	crm_html_text(b, title);
	crm_buf_adds(b, "</h1>\n");
}

void
crm_html_foot(struct crm_buf *b)
{
	crm_buf_adds(b, "</body>\n</html>\n");
}

/* s cut to at most max octets, between characters, "…" if cut. */
static void
label(struct crm_buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	char *cut;

	if (n <= max) {
		crm_html_text(b, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	cut = crm_xstrndup(s, max);
	crm_html_text(b, cut);
	crm_buf_adds(b, "\xe2\x80\xa6");
	free(cut);
}

/*
 * Horizontal bars, one per row (a rect even for nothing, so a row is
 * never missing), labelled by the first column with the figure after
 * the bar: readable at a phone's width, where upright bars of many
 * periods would not be.  A negative or empty figure draws no length.
 * Geometry in the viewBox's units, a pixel each on a wide screen; a
 * phone shrinks it to its width, and the style enlarges the text then.
 */
enum { W = 480, LABEL = 150, ROW = 22, VALUE = 70 };

void
crm_html_chart(struct crm_buf *b, const char *column, const char *by,
    char *const *labels, char *const *values, size_t n)
{
	double v, max = 0;
	size_t i;
	int len, y;

	for (i = 0; i < n; i++)
		if (values[i] && (v = strtod(values[i], NULL)) > max)
			max = v;
	crm_buf_adds(b, "<figure>\n<svg viewBox=\"0 0 ");
	crm_buf_addf(b, "%d %zu\" role=\"img\" aria-label=\"", W,
	    n * ROW + 8);
	crm_html_text(b, column);
	crm_buf_adds(b, " by ");
	crm_html_text(b, by);
	crm_buf_adds(b, "\">\n");
	for (i = 0; i < n; i++) {
		v = values[i] ? strtod(values[i], NULL) : 0;
		len = max > 0 && v > 0 ? (int)((W - LABEL - VALUE) * v / max +
		    0.5) : 0;
		y = (int)i * ROW + 4;
		crm_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    LABEL - 6, y + 15);
		label(b, labels[i] ? labels[i] : "", 18);
		crm_buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\"></rect><text class=\"v\" x=\"%d\" y=\"%d\">",
		    LABEL, y + 2, len, ROW - 6, LABEL + len + 4, y + 15);
		crm_html_text(b, values[i] ? values[i] : "");
		crm_buf_adds(b, "</text>\n");
	}
	crm_buf_adds(b, "</svg>\n<figcaption>");
	crm_html_text(b, column);
	crm_buf_adds(b, " by ");
	crm_html_text(b, by);
	crm_buf_adds(b, "</figcaption>\n</figure>\n");
}

/*
 * Is s a cell of HTML: it starts with a tag (<p>, <div>, <br/>)?  Note
 * bodies are stored so by HubSpot, Pipedrive and Close (qa30 F8); a
 * text that merely holds a < ("<3", "< 5 days") is not.
 */
int
crm_html_cell(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (s[0] != '<' || !(s[1] == '/' || (s[1] >= 'a' && s[1] <= 'z') ||
	    (s[1] >= 'A' && s[1] <= 'Z')))
		return 0;
	return strchr(s, '>') != NULL;
}

/* The character of an entity at s (after its '&'): its length, or 0. */
static size_t
entity(const char *s, struct crm_buf *b)
{
	static const struct {
		const char *name, *text;
	} names[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
		{ "quot;", "\"" }, { "apos;", "'" }, { "nbsp;", " " },
	};
	unsigned long c = 0;
	size_t i, n;
	char *end;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(s, names[i].name, n = strlen(names[i].name)) == 0) {
			crm_buf_adds(b, names[i].text);
			return n;
		}
	if (s[0] != '#')
		return 0;
	c = s[1] == 'x' || s[1] == 'X' ? strtoul(s + 2, &end, 16) :
	    strtoul(s + 1, &end, 10);
	if (*end != ';' || end == s + 1 || c == 0 || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	if (c < 0x80) {
		crm_buf_addc(b, c < ' ' && c != '\n' && c != '\t' ? ' ' :
		    (char)c);
	} else if (c < 0x800) {
		crm_buf_addc(b, (char)(0xC0 | c >> 6));
		crm_buf_addc(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		crm_buf_addc(b, (char)(0xE0 | c >> 12));
		crm_buf_addc(b, (char)(0x80 | (c >> 6 & 0x3F)));
		crm_buf_addc(b, (char)(0x80 | (c & 0x3F)));
	} else {
		crm_buf_addc(b, (char)(0xF0 | c >> 18));
		crm_buf_addc(b, (char)(0x80 | (c >> 12 & 0x3F)));
		crm_buf_addc(b, (char)(0x80 | (c >> 6 & 0x3F)));
		crm_buf_addc(b, (char)(0x80 | (c & 0x3F)));
	}
	return (size_t)(end - s) + 1;
}

/* Does the tag at s (after its '<') end a line: br, p, div, li ...? */
static int
block_tag(const char *s)
{
	static const char *const blocks[] = { "br", "p", "div", "li", "tr",
	    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
	    "blockquote", NULL };
	size_t i, n;

	if (*s == '/')
		s++;
	for (i = 0; blocks[i]; i++) {
		n = strlen(blocks[i]);
		if (strncasecmp(s, blocks[i], n) == 0 && (s[n] == '>' ||
		    s[n] == ' ' || s[n] == '/' || s[n] == '\t'))
			return 1;
	}
	return 0;
}

/*
 * An HTML cell's text into b (emptied first): its tags out, a block's
 * (p, div, br, li) a line's end, its entities (&amp;, &quot;, &#39;,
 * &#x20AC;) the characters they stand for, runs of blanks one space and
 * of line ends one; trimmed.  b->s, "" for none.
 */
const char *
crm_html_to_text(struct crm_buf *b, const char *s)
{
	size_t n;
	int nl = 0, sp = 0;

	b->len = 0;
	crm_buf_adds(b, "");
	while (*s) {
		if (*s == '<') {
			const char *e = strchr(s, '>');

			if (e == NULL)
				break;	/* a tag cut off: the rest is it */
			nl |= block_tag(s + 1);
			s = e + 1;
			continue;
		}
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			nl |= *s == '\n', sp = 1;
			s++;
			continue;
		}
		if (b->len > 0 && nl)
			crm_buf_addc(b, '\n');
		else if (b->len > 0 && sp)
			crm_buf_addc(b, ' ');
		nl = sp = 0;
		if (*s == '&' && (n = entity(s + 1, b)) > 0)
			s += n + 1;
		else
			crm_buf_addc(b, *s++);
	}
	return b->s;
}
