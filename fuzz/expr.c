/*
 * expr.c - fuzz the filter language: an expression compiles or is
 * refused with a message, and what compiles is always valid SQL that
 * runs.  A syntax error from SQLite would mean input had
 * reached the SQL text; "too large" or "parser stack overflow" that the
 * expression's limits are too loose.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static struct crm_db *db;

/* A dry run's database: in memory, with the schema, one customer. */
static void
open_db(void)
{
	if (db)
		return;
	if ((db = crm_db_open("/nonexistent/crm-fuzz.db", CRM_DB_DRYRUN)) ==
	    NULL)
		abort();
	crm_exec(db, "INSERT INTO customers (id, name, created, updated) "
	    "VALUES (1, 'a', '', '')", NULL);
	crm_exec(db, "INSERT INTO customer_fields VALUES (1, 'City', 'x')",
	    NULL);
	if (crm_db_failed(db))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *err = NULL, *sql;
	struct crm_filter f;
	struct crm_stmt *st;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	setenv("CRM_NOW", "2026-11-23T10:00:00Z", 1);
	open_db();
	if (FUZZ_GUARD() == 0 &&
	    crm_filter_compile(db, s, NULL, NULL, &f, &err) == 0) {
		/* The filter twice, as crm-segment --sample puts it: the
		 * deepest statement it must fit in. */
		sql = crm_xasprintf("SELECT count(*) FROM customers c WHERE %s "
		    "AND c.id IN (SELECT c.id FROM customers c WHERE %s LIMIT "
		    "1)", f.sql.s, f.sql.s);
		if ((st = crm_prepare(db, sql)) == NULL)
			abort();
		crm_filter_bind(&f, st, 1);
		if (crm_step(st) == CRM_FAIL)
			abort();
		crm_finalize(st);
		free(sql);
		crm_filter_free(&f);
	}
	free(err);
	free(s);
	return 0;
}
