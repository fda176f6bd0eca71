/*
 * rec.c - fuzz the record reader (CSV, TSV, JSON Lines, LDIF): any bytes
 * are read as records or end in an error with a line number; nothing
 * crashes, hangs or reads past a buffer, and every field handed out is
 * valid UTF-8 without NUL bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/crm-fuzz-rec.XXXXXX";
	struct crm_rd *volatile rd = NULL;
	struct crm_rd_opts opts = { 0 };
	struct crm_rec rec;
	size_t i;
	int fd, r;

	if ((fd = mkstemp(path)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	/* The first byte picks the options, so all of them get exercised. */
	if (size > 0) {
		opts.format = data[0] & 1 ? 't' : data[0] & 2 ? 'c' : 0;
		opts.delim = opts.format == 't' ? 0 : data[0] & 4 ? ';' : 0;
		opts.encoding = data[0] & 8 ? "GB18030" : NULL;
	}
	if (FUZZ_GUARD() == 0 && crm_rd_try(path, &opts, (struct crm_rd **)&rd)
	    == 0) {
		while ((r = crm_rd_next(rd, &rec)) != CRM_REC_EOF &&
		    r != CRM_REC_FATAL) {
			if (r != CRM_REC_OK)
				continue;
			for (i = 0; i < rec.n; i++)
				if (!crm_utf8_valid(rec.f[i], strlen(rec.f[i])))
					abort();
		}
	}
	crm_rd_close(rd);
	unlink(path);
	return 0;
}
