/*
 * when.c - fuzz the date and duration parsers: any text is parsed or
 * refused, and what is parsed prints as a time that parses to itself.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[CRM_TIME_LEN];
	struct crm_dur d;
	time_t t, back;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	setenv("CRM_NOW", "2026-11-23T10:00:00Z", 1);
	setenv("TZ", "UTC", 1);
	if (FUZZ_GUARD() == 0) {
		if (crm_parse_when(s, &t) == 0 && t > 0 && t < 253402300799) {
			crm_fmt_time(t, out);
			if (crm_parse_when(out, &back) != 0 || back != t)
				abort();	/* our own output must read back */
		}
		if (crm_parse_dur(s, &d) == 0 && (d.months < 0 ||
		    d.seconds < 0))
			abort();
	}
	free(s);
	return 0;
}
