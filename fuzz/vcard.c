/*
 * vcard.c - fuzz the vCard reader: any bytes are read as cards or end in
 * an error with a line number; nothing crashes, hangs or reads past a
 * buffer, every card has the header's columns, and every value of a good
 * card is valid UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_vcard *volatile v = NULL;
	const char *const *vals;
	char *const *names;
	FILE *volatile fp;
	size_t i, n;
	long line;
	int r;

	/* fmemopen of 0 bytes fails on some libcs: give it one to spare. */
	if ((fp = fmemopen(NULL, size + 1, "w+b")) == NULL)
		return 0;
	if (fwrite(data, 1, size, fp) != size || fflush(fp) != 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return 0;
	}
	if (FUZZ_GUARD() == 0) {
		v = crm_vcard_new(fp);
		if (crm_vcard_scan(v) == 0) {
			n = crm_vcard_header(v, &names);
			while ((r = crm_vcard_next(v, &vals, &line)) ==
			    CRM_REC_OK || r == CRM_REC_BAD) {
				if (r != CRM_REC_OK)
					continue;
				for (i = 0; i < n; i++)
					if (!crm_utf8_valid(vals[i],
					    strlen(vals[i])))
						abort();
			}
		}
	}
	crm_vcard_free(v);
	fclose(fp);
	return 0;
}
