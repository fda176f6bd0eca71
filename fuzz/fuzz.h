/*
 * fuzz.h - what the fuzz targets share.  The library reports errors and
 * returns, so one process can try millions of inputs; each run starts
 * with no error kept and no messages printed.
 */
#include <stddef.h>
#include <stdint.h>

#include "crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Call first in every run: 0, as the library never gives up the run. */
#define FUZZ_GUARD() (crm_quiet_errors = 1, crm_err_clear(), 0)
