/*
 * fuzz.h - what the fuzz targets share.  The library reports errors and
 * returns; crm_die, which only programs have, is here until no library
 * function calls it, and comes back to the target instead of exiting, so
 * one process can try millions of inputs.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jmp_buf fuzz_env;

void
crm_die(int status, const char *fmt, ...)
{
	(void)fmt;
	longjmp(fuzz_env, status ? status : 1);
}

/* Call first in every run: returns nonzero when the library gave up. */
#define FUZZ_GUARD() \
	(crm_quiet_errors = 1, crm_err_clear(), setjmp(fuzz_env))
