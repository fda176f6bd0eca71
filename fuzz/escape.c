/*
 * escape.c - fuzz the writers' escaping: iCalendar text and line
 * folding, mbox body quoting, HTML text, and TSV and CSV output read
 * back by our own reader (and JSON Lines too).  Properties, not just "no crash": folded lines are at most
 * 75 octets and never split a UTF-8 character; no body line starts
 * "From "; HTML text has no < > " ' and each & starts an entity; a TSV, CSV or JSON Lines record reads back as the same
 * fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static void
check_ics(const char *s, int valid)
{
	struct crm_buf b = { 0 };
	char *out = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	crm_buf_adds(&b, "SUMMARY:");
	crm_ics_text(&b, s);
	crm_ics_line(fp, b.s);
	fclose(fp);
	for (line = strtok_r(out, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		if (n == 0 || line[n - 1] != '\r' || n - 1 > 75)
			abort();
		if (valid && ((unsigned char)line[line[0] == ' '] & 0xc0) ==
		    0x80)
			abort();	/* a line starting mid-character */
		if (strpbrk(line, "\n") != NULL)
			abort();
	}
	free(out);
	crm_buf_free(&b);
}

static void
check_mbox(const char *s)
{
	struct crm_buf b = { 0 };

	crm_mbox_line(&b, s);
	if (strncmp(b.s, "From ", 5) == 0)
		abort();
	crm_buf_free(&b);
}

static void
check_html(const char *s)
{
	static const char *const ents[] = { "&amp;", "&lt;", "&gt;",
	    "&quot;", "&#39;" };
	struct crm_buf b = { 0 };
	const char *p;
	size_t i;

	crm_html_text(&b, s);
	for (p = crm_buf_str(&b); *p; p++) {
		if (strchr("<>\"'", *p))
			abort();
		if (*p != '&')
			continue;
		for (i = 0; i < 5 && strncmp(p, ents[i], strlen(ents[i])); i++)
			;
		if (i == 5)
			abort();
	}
	crm_buf_free(&b);
}

/* A record written as TSV or CSV and read back is the same record. */
static void
check_roundtrip(const char *s, enum crm_fmt fmt)
{
	char path[] = "/tmp/crm-fuzz-esc.XXXXXX";
	const char *names[] = { "a", "b" }, *vals[] = { s, "z" };
	struct crm_rd_opts opts = { 0 };
	struct crm_out *o;
	struct crm_rd *rd;
	struct crm_rec rec;
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		return;
	o = crm_out_new(fp, fmt);
	crm_out_header(o, names, 2);
	crm_out_row(o, vals, NULL);
	crm_out_end(o);
	fclose(fp);
	opts.format = fmt == CRM_FMT_TSV ? 't' : fmt == CRM_FMT_JSON ? 'j' :
	    'c';
	opts.delim = fmt == CRM_FMT_CSV ? ',' : 0;
	if ((rd = crm_rd_open(path, &opts)) == NULL)
		abort();
	if (crm_rd_next(rd, &rec) != CRM_REC_OK || rec.n != 2 ||
	    strcmp(rec.f[0], s) != 0 || strcmp(rec.f[1], "z") != 0)
		abort();
	crm_rd_close(rd);
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (FUZZ_GUARD() == 0) {
		check_ics(s, crm_utf8_valid(s, strlen(s)));
		check_mbox(s);
		check_html(s);
		/* Our writers promise round trips for text we could store:
		 * valid UTF-8 (no NUL: it ends the string here). */
		if (crm_utf8_valid(s, strlen(s)) && *s) {
			check_roundtrip(s, CRM_FMT_TSV);
			check_roundtrip(s, CRM_FMT_CSV);
			check_roundtrip(s, CRM_FMT_JSON);
		}
	}
	free(s);
	return 0;
}
