/*
 * crm - the front door: "crm add ..." runs crm-add with the rest of the
 * command line, so one name is enough to remember.
 *
 * The program is looked for beside this binary first (so an uninstalled
 * build runs its own siblings), then on PATH.  Options are parsed with a
 * leading '+' so that nothing after the command name is taken for ours.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

static const char usage_text[] =
"usage: crm command [argument ...]\n"
"       crm help [command]\n"
"       crm [-d db] backup file\n"
"       crm [-d db] check\n"
"       crm --version\n";

static const struct {
	const char *name, *what;
} commands[] = {
	{ "add",     "add, update, import, merge and reassign customers" },
	{ "backup",  "a consistent copy of the database, while it is in use" },
	{ "check",   "integrity and foreign-key checks of the database" },
	{ "log",     "record calls, purchases, complaints; show a timeline" },
	{ "remind",  "follow-ups: reminders, cadence rules, overdue complaints" },
	{ "report",  "summary, activity, sales, service, satisfaction, owners" },
	{ "segment", "find customers: filters, RFM, 80/20, tiers, samples" },
};

static const struct option longopts[] = {
	{ "db",      required_argument, NULL, 'd' },
	{ "help",    no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
help(void)
{
	size_t i;

	fputs(usage_text, stdout);
	fputs("\ncommands:\n", stdout);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  %-9s %s\n", commands[i].name, commands[i].what);
	fputs("\nSee crm(7) for the overview and crm-COMMAND(1) for each "
	    "command.\n", stdout);
}

/* Run crm-NAME from beside this binary, else from PATH. */
static _Noreturn void
run(const char *name, char **argv)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n;

	argv[0] = crm_xasprintf("crm-%s", name);
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/'))) {
			*slash = '\0';
			path = crm_xasprintf("%s/%s", self, argv[0]);
			if (access(path, X_OK) == 0)
				execv(path, argv);
			free(path);
		}
	}
	execvp(argv[0], argv);
	if (errno == ENOENT)
		crm_die(CRM_EX_USAGE, "'%s' is not a crm command (see crm help)",
		    name);
	crm_die(CRM_EX_SOFTWARE, "cannot run %s:", argv[0]);
}

/* crm backup FILE: the online backup API copies one consistent moment. */
static int
backup(const char *dbopt, int argc, char **argv)
{
	sqlite3 *db;

	if (argc != 2) {
		fputs(usage_text, stderr);
		return CRM_EX_USAGE;
	}
	db = crm_db_open(dbopt, CRM_DB_READ);
	crm_db_backup(db, argv[1]);
	crm_db_close(db);
	fprintf(stderr, "crm: %s written\n", argv[1]);
	return 0;
}

/* crm check: silent and 0 when all is well, else each problem and 65. */
static int
check(const char *dbopt, int argc)
{
	sqlite3 *db;
	long n;

	if (argc != 1) {
		fputs(usage_text, stderr);
		return CRM_EX_USAGE;
	}
	db = crm_db_open(dbopt, CRM_DB_READ);
	n = crm_db_check(db, stdout);
	crm_db_close(db);
	crm_close_stdout();
	if (n > 0)
		crm_die(CRM_EX_DATAERR, "%ld problem%s in the database", n,
		    n == 1 ? "" : "s");
	return 0;
}

int
main(int argc, char **argv)
{
	char *helpargv[] = { NULL, "--help", NULL };
	const char *dbopt = NULL;
	int c;

	crm_setprog(argv[0]);
	while ((c = getopt_long(argc, argv, "+d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			help();
			crm_close_stdout();
			return 0;
		case 'V':
			printf("crm %s\n", CRM_VERSION);
			crm_close_stdout();
			return 0;
		default:
			fputs(usage_text, stderr);
			return CRM_EX_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage_text, stderr);
		return CRM_EX_USAGE;
	}
	if (strcmp(argv[optind], "backup") == 0)
		return backup(dbopt, argc - optind, argv + optind);
	if (strcmp(argv[optind], "check") == 0)
		return check(dbopt, argc - optind);
	if (dbopt)
		setenv("CRM_DB", dbopt, 1);	/* -d for the program run */
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			help();
			crm_close_stdout();
			return 0;
		}
		if (strcmp(argv[optind + 1], "backup") == 0 ||
		    strcmp(argv[optind + 1], "check") == 0) {
			fputs(usage_text, stdout);	/* our own commands */
			crm_close_stdout();
			return 0;
		}
		run(argv[optind + 1], helpargv);
	}
	run(argv[optind], argv + optind);
}
