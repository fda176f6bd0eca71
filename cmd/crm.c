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
"       crm --version\n";

static const struct {
	const char *name, *what;
} commands[] = {
	{ "add",     "add, update, import, merge and reassign customers" },
	{ "log",     "record calls, purchases, complaints; show a timeline" },
	{ "segment", "select and export customers" },
};

static const struct option longopts[] = {
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

int
main(int argc, char **argv)
{
	char *helpargv[] = { NULL, "--help", NULL };
	int c;

	crm_setprog(argv[0]);
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
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
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			help();
			crm_close_stdout();
			return 0;
		}
		run(argv[optind + 1], helpargv);
	}
	run(argv[optind], argv + optind);
}
