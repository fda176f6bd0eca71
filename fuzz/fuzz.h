/*
 * fuzz.h - what the fuzz targets share: errors that end a run of the
 * library (crm_die) come back to the target instead of exiting, so one
 * process can try millions of inputs.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jmp_buf fuzz_env;

static void
fuzz_back(int status)
{
	longjmp(fuzz_env, status ? status : 1);
}

/* Call first in every run: returns nonzero when the library gave up. */
#define FUZZ_GUARD() \
	(crm_quiet_errors = 1, crm_die_hook = fuzz_back, setjmp(fuzz_env))
