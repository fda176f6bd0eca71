/*
 * libcheck.c - the library's promise that it never exits, checked from
 * inside: each case calls libcrm where it must fail and shows that the
 * call returned, with the error kept (status, parameter, message), and
 * that the process goes on.  Run by t/015-lib.bats as `libcheck CASE`;
 * prints what it found and exits 0 when the case holds, 1 when not.
 *
 * Only libcrm is linked, not cmd/prog.o: a library call that tried to
 * exit through crm_die would not even link.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm.h"

static int failures;

static void
expect(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

/* The kept error is status, about arg (or none), and says text. */
static void
expect_err(int status, const char *arg, const char *text)
{
	const struct crm_err *e = crm_error();

	if (e == NULL) {
		expect(0, "an error is kept");
		return;
	}
	printf("kept: %d %s: %s\n", e->status, e->arg ? e->arg : "-",
	    e->msg);
	expect(e->status == status, "its status");
	expect((arg == NULL && e->arg == NULL) ||
	    (arg && e->arg && strcmp(arg, e->arg) == 0), "its parameter");
	expect(strstr(e->msg, text) != NULL, "its message");
}

static void
open_missing(const char *dir)
{
	char *path = crm_xasprintf("%s/none.db", dir);

	expect(crm_db_open(path, CRM_DB_READ) == NULL, "no database: NULL");
	expect_err(CRM_EX_NOINPUT, NULL, "no database yet");
	expect(access(path, F_OK) < 0, "and no file made");
	free(path);
}

static void
open_dir(const char *dir)
{
	expect(crm_db_open(dir, CRM_DB_WRITE) == NULL, "a directory: NULL");
	expect_err(CRM_EX_NOINPUT, NULL, "is a directory");
}

/* A failed statement: every later one fails, commit and close say so. */
static void
sticky(const char *dir)
{
	char *path = crm_xasprintf("%s/sticky.db", dir), *why = NULL;
	struct crm_db *db = crm_db_open(path, CRM_DB_WRITE);

	expect(db != NULL, "a new database opens");
	expect(crm_begin(db) == 0, "begin");
	expect(crm_exec(db, "INSERT INTO customers (name, created, updated) "
	    "VALUES ('a', 'x', 'x')", NULL) == CRM_DONE, "a good insert");
	expect(crm_exec_try(db, &why, "SELECT * FROM nowhere", NULL) ==
	    CRM_FAIL && why != NULL, "a tried statement fails");
	expect(!crm_db_failed(db) && crm_error() == NULL,
	    "and leaves neither the database failed nor an error kept");
	free(why);
	expect(crm_exec(db, "SELECT * FROM nowhere", NULL) == CRM_FAIL,
	    "a bad statement fails");
	expect(crm_db_failed(db), "the database is failed");
	expect(crm_exec(db, "INSERT INTO customers (name, created, updated) "
	    "VALUES ('b', 'x', 'x')", NULL) == CRM_FAIL,
	    "a good statement after it fails too");
	expect(crm_query_int(db, -7, "SELECT 1", NULL) == -7,
	    "a query after it gives its 'none'");
	expect(crm_commit(db) == -1, "commit refuses");
	expect(crm_db_close(db) == -1, "close says it failed");
	expect_err(CRM_EX_SOFTWARE, NULL, "no such table: nowhere");
	crm_err_clear();
	db = crm_db_open(path, CRM_DB_READ);
	expect(db && crm_query_int(db, -1, "SELECT count(*) FROM customers",
	    NULL) == 0, "nothing of the failed transaction was written");
	expect(crm_db_close(db) == 0, "a clean close");
	free(path);
}

static void
fields(void)
{
	const char *names[] = { "id", "name" }, *row[] = { "1", "Ann" };
	struct crm_out *o = crm_out_new(stdout, CRM_FMT_TSV);

	crm_out_fields(o, "name,nope");
	expect(crm_out_header(o, names, 2) == -1, "an unknown field: -1");
	expect(crm_out_row(o, row, NULL) == -1, "rows after it: -1");
	expect(crm_out_end(o) == -1, "the end says it failed");
	expect_err(CRM_EX_USAGE, "fields", "unknown field 'nope' (fields: id, "
	    "name)");
}

static void
reader(const char *dir)
{
	char *path = crm_xasprintf("%s/none.csv", dir);

	expect(crm_rd_open(path, NULL) == NULL, "a missing file: NULL");
	expect_err(CRM_EX_NOINPUT, NULL, "none.csv: No such file");
	free(path);
}

/* {param} names an option once the program has said how it spells it;
 * what the user gave is never read for one. */
static void
optnames(void)
{
	static const struct crm_optname t[] = { { "encoding", "--encoding" } };
	char *s;

	s = crm_msgf("name it with {encoding}");
	expect(strcmp(s, "name it with encoding") == 0, "no table: the name");
	free(s);
	crm_set_optnames(t, 1);
	s = crm_msgf("name it with {encoding}");
	expect(strcmp(s, "name it with --encoding") == 0, "the option");
	free(s);
	s = crm_msgf("a value: %s", "{encoding}");
	expect(strcmp(s, "a value: {encoding}") == 0, "values kept as given");
	free(s);
	crm_fail(CRM_EX_DATAERR, "first {encoding}");
	crm_fail(CRM_EX_USAGE, "second");
	expect_err(CRM_EX_DATAERR, NULL, "first --encoding");
}

static void
now(void)
{
	setenv("CRM_NOW", "not a date", 1);
	expect(crm_now() > 0, "a bad CRM_NOW: the clock stands in");
	expect(crm_now_check() == -1, "and the check says so");
	expect_err(CRM_EX_USAGE, NULL, "CRM_NOW: 'not a date'");
}

/*
 * What an erase will do (crm-add --erase, another branch): in one change
 * audited 'erase', forget the customer's undo data, then delete them.
 */
static void
undo_erase(const char *path, const char *id, int forget)
{
	struct crm_db *db = crm_db_open(path, CRM_DB_WRITE);
	long long c = atoll(id);

	expect(db != NULL, "the database opens");
	expect(crm_begin(db) == 0, "a change begins");
	crm_audit(db, "erase", c, NULL);
	if (forget)
		expect(crm_undo_forget_customer(db, c) == 0,
		    "the undo data forgets");
	crm_exec(db, "DELETE FROM customers WHERE id = ?", "i", c);
	expect(crm_commit(db) == 0, "and the erase is committed");
	expect(crm_db_close(db) == 0, "and closed");
}

/*
 * SQL built in one buffer, run through crm_exec and crm_query_int with
 * other text each time: the cache, keyed by the buffer's address, must
 * not run the statement the buffer held before.
 */
static void
cache(const char *path)
{
	struct crm_db *db = crm_db_open(path, CRM_DB_WRITE);
	char buf[64];
	int i, right = 0;

	expect(db != NULL, "the database opens");
	expect(crm_begin(db) == 0, "a change begins");
	for (i = 1; i <= 3; i++) {
		snprintf(buf, sizeof buf, "SELECT %d", i);
		right += crm_query_int(db, 0, buf, NULL) == i;
	}
	expect(right == 3, "each text of the buffer gives its own answer");
	snprintf(buf, sizeof buf, "UPDATE settings SET value = 'x'");
	crm_exec(db, buf, NULL);
	snprintf(buf, sizeof buf, "INSERT INTO settings VALUES ('k', 'v')");
	crm_exec(db, buf, NULL);
	expect(crm_query_int(db, 0, "SELECT count(*) FROM settings WHERE "
	    "key = 'k' AND value = 'v'", NULL) == 1,
	    "the insert ran, not the update before it");
	expect(crm_commit(db) == 0, "and it is committed");
	expect(crm_db_close(db) == 0, "and closed");
}

/* mktime, counted: this program's stands before libc's for libcrm. */
static long mktimes;

time_t
mktime(struct tm *tm)
{
	static time_t (*real)(struct tm *);

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "mktime");
	mktimes++;
	return real(tm);
}

/*
 * Local times in a zone with summer time, as an import reads them: at
 * most one mktime each (it was three), and the same answers as ever.
 */
static void
local_times(void)
{
	char s[32];
	time_t t;
	int h, d, right = 0, n = 0;

	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	for (d = 1; d <= 28; d++)
		for (h = 0; h < 24; h++, n++) {
			snprintf(s, sizeof s, "2026-07-%02d %02d:30", d, h);
			right += crm_parse_when(s, &t) == 0 && t == 1782865800 +
			    (d - 1) * 86400L + (h - 2) * 3600L;
		}
	expect(right == n, "July in Berlin is UTC+2");
	printf("%d times, %ld mktime calls\n", n, mktimes);
	expect(mktimes <= n, "at most one mktime a time");
	right = crm_parse_when("2026-10-25 02:30", &t) == 0 && t == 1792888200;
	expect(right, "the hour that happens twice: its first time");
	right = crm_parse_when("2026-03-29 02:30", &t) == 0 && t == 1774747800;
	expect(right, "the hour skipped: the offset before");
}

/* The one yes/no reader: the words, any case, blanks; nothing else. */
static void
yes_no(void)
{
	static const char *const yes[] = { "true", "TRUE", " Yes ", "y", "1",
	    "X", "\tyes" };
	static const char *const no[] = { "false", "No", "N", "0", " FALSE\t" };
	static const char *const other[] = { "", " ", "done", "yess", "2",
	    "true false", "ja", "-1", "verylongword" };
	size_t i;

	for (i = 0; i < CRM_NELEM(yes); i++)
		expect(crm_yes_no(yes[i]) == 1, yes[i]);
	for (i = 0; i < CRM_NELEM(no); i++)
		expect(crm_yes_no(no[i]) == 0, no[i]);
	for (i = 0; i < CRM_NELEM(other); i++)
		expect(crm_yes_no(other[i]) == -1, other[i]);
}

/* One rule of a person's name (crm_name_shaped), and what is turned. */
static void
names(void)
{
	static const char *const yes[] = { "Ann Lee", " Müller, Hans ",
	    "J. R. R. Tolkien", "Mary-Ann O'Brien", "王小明",
	    "Maria de los Ángeles García" };
	static const char *const no[] = { "", " ", "C-1001", "K10023",
	    "ann_lee", "ann@x.example", "www.acme.example", "acme.example",
	    "https://acme.example/ann", "Acme GmbH", "Globex, Ltd.",
	    "Smith & Sons", "Ann & Bob Smith", "Sales/Marketing",
	    "Ann Lee (VIP)", "#17", "-", "one two three four five six seven "
	    "eight nine" };
	static const char *const turn[][2] = { { "Müller, Hans",
	    "Hans Müller" }, { "Hans Peter Müller", "Müller, Hans Peter" },
	    { "Becker, Jonas", "Jonas Becker" } };
	static const char *const stay[] = { "Ann", "Lee, Ann, Dr.",
	    "Globex, Ltd.", "Smith, Jones & Co", "C-1001, Ann",
	    "acme.example, Sales", "a b c d, Ann" };
	size_t i;
	char *t;

	for (i = 0; i < CRM_NELEM(yes); i++)
		expect(crm_name_shaped(yes[i]), yes[i]);
	for (i = 0; i < CRM_NELEM(no); i++)
		expect(!crm_name_shaped(no[i]), no[i]);
	for (i = 0; i < CRM_NELEM(turn); i++) {
		t = crm_name_turned(turn[i][0]);
		expect(t && strcmp(t, turn[i][1]) == 0, turn[i][1]);
		free(t);
	}
	for (i = 0; i < CRM_NELEM(stay); i++) {
		t = crm_name_turned(stay[i]);
		expect(t == NULL, stay[i]);
		free(t);
	}
}

int
main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "", *dir = argc > 2 ? argv[2] :
	    ".";

	crm_setprog("libcheck");
	if (strcmp(c, "open-missing") == 0)
		open_missing(dir);
	else if (strcmp(c, "open-dir") == 0)
		open_dir(dir);
	else if (strcmp(c, "sticky") == 0)
		sticky(dir);
	else if (strcmp(c, "fields") == 0)
		fields();
	else if (strcmp(c, "reader") == 0)
		reader(dir);
	else if (strcmp(c, "optnames") == 0)
		optnames();
	else if (strcmp(c, "yes-no") == 0)
		yes_no();
	else if (strcmp(c, "names") == 0)
		names();
	else if (strcmp(c, "now") == 0)
		now();
	else if (strcmp(c, "local-times") == 0)
		local_times();
	else if (strcmp(c, "cache") == 0 && argc > 2)
		cache(argv[2]);
	else if (strcmp(c, "undo-erase") == 0 && argc > 3)
		undo_erase(argv[2], argv[3], argc == 4);
	else
		expect(0, "a case this program knows");
	printf("still running: %s\n", failures ? "with failures" : "all held");
	return failures != 0;
}
