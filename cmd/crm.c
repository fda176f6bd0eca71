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

#include "prog.h"

static const char usage_text[] =
"usage: crm command [argument ...]\n"
"       crm help [command]\n"
"       crm [-d db] backup file\n"
"       crm [-d db] check\n"
"       crm copy from to\n"
"       crm [-d db] country [cc | -]\n"
"       crm [-d db] encrypt | decrypt | rekey\n"
"       crm [-d db] grant rep | manager login [owner]\n"
"       crm [-d db] index\n"
"       crm [-d db] revoke login\n"
"       crm [-d db] undo [--list | --forget-before date | audit-id]\n"
"       crm --version\n";

/* --help after the commands: every option, one line each. */
static const char help_text[] =
"\n"
"Options:\n"
"  -d, --db db             the database (default $CRM_DB, else\n"
"                          crm/crm.db in $XDG_DATA_HOME or ~/.local/share)\n"
"  -h, --help              this help\n"
"      --version           the version\n"
"\n"
"Undo:\n"
"      --list              the changes that can be undone\n"
"      --forget-before date  forget the undo data of changes before date\n"
"\n"
"Examples:\n"
"  crm add -n 'Ada Lovelace' -e ada@example.com\n"
"  crm -d /srv/crm/crm.db backup /backup/crm.db\n"
"  crm copy ~/.local/share/crm/crm.db 'host=db.example.com dbname=crm'\n"
"  crm help report\n"
"\n"
"See crm(7) for the overview and crm-COMMAND(1) for each command.\n";

#define usage(status) crm_usage(usage_text, (status))

struct args {
	const char *db;
	char **argv;		/* the command and its arguments */
	int argc;
};

static const struct {
	const char *name, *what;
} commands[] = {
	{ "add",     "add, update, import, merge and reassign customers" },
	{ "backup",  "a consistent copy of the database, while it is in use" },
	{ "check",   "integrity and foreign-key checks of the database" },
	{ "copy",    "copy a whole database into an empty one (SQLite, PostgreSQL)" },
	{ "country", "the home country: its numbers are written without a code" },
	{ "deal",    "deals through the pipeline: add, move, won, lost, list" },
	{ "decrypt", "decrypt the database in place (its key: CRM_KEY_FILE)" },
	{ "encrypt", "encrypt the database in place (CRM_KEY_FILE, or asked)" },
	{ "grant",   "PostgreSQL: a login sees its own customers, or all" },
	{ "help",    "this help, or a command's: crm help report" },
	{ "index",   "bring the search index up to date after --defer-index" },
	{ "log",     "record calls, purchases, complaints; show a timeline" },
	{ "rekey",   "a new key for an encrypted database (CRM_NEW_KEY_FILE)" },
	{ "remind",  "follow-ups: reminders, cadence rules, overdue complaints" },
	{ "report",  "sales, service, satisfaction, owners, pipeline, forecast" },
	{ "revoke",  "PostgreSQL: take back what crm grant gave a login" },
	{ "segment", "find customers: filters, RFM, 80/20, tiers, samples" },
	{ "undo",    "undo the last change, or a given one; list what can be" },
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
	fputs("\nCommands:\n", stdout);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  %-9s %s\n", commands[i].name, commands[i].what);
	fputs(help_text, stdout);
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
backup(const char *dbopt, const char *file)
{
	struct crm_db *db;

	db = crm_open(dbopt, CRM_DB_READ);
	crm_check(crm_db_backup(db, file));
	crm_check(crm_db_close(db));
	fprintf(stderr, "crm: %s written\n", file);
	return 0;
}

/*
 * crm copy FROM TO: every row into an empty or new database, either
 * engine either way, in one transaction on TO (lib/copy.c).  FROM is
 * opened first, so a missing one makes no TO.
 */
static int
copy(const char *from, const char *to)
{
	struct crm_db *src, *dst;
	long long rows;
	char num[32];

	src = crm_open(from, CRM_DB_READ);
	dst = crm_open(to, CRM_DB_WRITE);
	rows = crm_copy(src, dst);
	crm_check(rows < 0 ? -1 : 0);
	crm_check(crm_db_close(dst));
	crm_check(crm_db_close(src));
	fprintf(stderr, "crm: %s row%s copied\n", crm_fmt_count(rows, num),
	    rows == 1 ? "" : "s");
	return 0;
}

/* What a load with --defer-index left for the search index, said on
 * stderr when anything (crm check: not a problem, but worth knowing). */
static void
behind_say(struct crm_db *db, const char *cmd)
{
	long long c, i;
	char n[2][32];

	if (crm_search_behind(db, &c, &i) > 0)
		fprintf(stderr, "%s %s: the search index waits for crm index: "
		    "%s customer%s, %s interaction%s\n", crm_prog, cmd,
		    crm_fmt_count(c, n[0]), c == 1 ? "" : "s",
		    crm_fmt_count(i, n[1]), i == 1 ? "" : "s");
}

/*
 * crm index: the search index brought up to date after loads made with
 * --defer-index (search.c), in one transaction; what it did on stderr.
 */
static int
index_command(const char *dbopt)
{
	struct crm_db *db;
	long long c, i;
	char n[2][32];
	int behind;

	db = crm_open(dbopt, CRM_DB_UPDATE);
	behind = crm_search_behind(db, &c, &i);
	crm_check(behind < 0 ? -1 : 0);
	if (behind == 0) {
		crm_search_left(db);	/* a row with nothing behind it */
		crm_check(crm_db_failed(db) ? -1 : 0);
		fprintf(stderr, "%s index: the search index is up to date\n",
		    crm_prog);
	}
	else {
		crm_check(crm_search_index(db, &c, &i));
		fprintf(stderr, "%s index: %s customer%s, %s interaction%s "
		    "indexed\n", crm_prog, crm_fmt_count(c, n[0]),
		    c == 1 ? "" : "s", crm_fmt_count(i, n[1]),
		    i == 1 ? "" : "s");
	}
	crm_check(crm_db_close(db));
	return 0;
}

/* crm check: silent and 0 when all is well, else each problem and 65. */
static int
check(const char *dbopt)
{
	struct crm_db *db;
	long n;
	char num[32];

	db = crm_open(dbopt, CRM_DB_READ);
	n = crm_db_check(db, stdout);
	behind_say(db, "check");
	/* Not the database's problem (its status stands), but a copy of
	 * it in the open. */
	crm_crypt_leftover(crm_db_path(dbopt));
	crm_check(crm_db_close(db));
	crm_close_stdout();
	if (n > 0)
		crm_die(CRM_EX_DATAERR, "%s problem%s in the database",
		    crm_fmt_count(n, num), n == 1 ? "" : "s");
	return 0;
}

/*
 * crm encrypt, decrypt, rekey: the database converted in place; a crash
 * leaves the old file or the new one (lib/crypt.c).
 */
static int
convert(const char *dbopt, const char *verb)
{
	const char *path = crm_db_path(dbopt);
	int op = strcmp(verb, "encrypt") == 0 ? CRM_CRYPT_ENCRYPT :
	    strcmp(verb, "decrypt") == 0 ? CRM_CRYPT_DECRYPT : CRM_CRYPT_REKEY;

	if (path == NULL)
		crm_die_err();
	crm_check(crm_crypt_convert(path, op));
	fprintf(stderr, "crm: %s %s\n", path, op == CRM_CRYPT_ENCRYPT ?
	    "encrypted" : op == CRM_CRYPT_DECRYPT ? "decrypted" :
	    "has a new key");
	return 0;
}

static int
is_convert(const char *cmd)
{
	return strcmp(cmd, "encrypt") == 0 || strcmp(cmd, "decrypt") == 0 ||
	    strcmp(cmd, "rekey") == 0;
}

/*
 * crm country [CC | -]: the database's home country printed (its ISO
 * 3166-1 alpha-2 code and calling code), set by its code, or forgotten
 * with "-".  A phone number written without a country code is then the
 * home country's, and one written with it matches it surely (lib/key.c);
 * without one such a match is a guess, said.  An unknown code is a
 * usage error, as a misspelt command is.
 */
static int
country(const char *dbopt, int argc, char **argv)
{
	const char *name = NULL, *trunk, *cc;
	struct crm_db *db;
	int clear = argc == 2 && strcmp(argv[1], "-") == 0;

	if (argc == 2 && !clear && crm_country_cc(argv[1], &name, &trunk) ==
	    NULL)
		crm_die(CRM_EX_USAGE, "country: '%s' is no country crm knows: "
		    "give its ISO 3166 code of two letters (DE, US, GB ...), "
		    "or - for none", argv[1]);
	db = crm_open(dbopt, argc == 1 ? CRM_DB_READ : CRM_DB_WRITE);
	if (argc == 2) {	/* a change of its own, as crm undo takes it */
		crm_check(crm_begin(db));
		crm_check(crm_phone_home_put(db, name));
		crm_check(crm_commit(db));
	}
	if ((name = crm_phone_home()) != NULL) {
		cc = crm_country_cc(name, &name, &trunk);
		if (argc == 1)
			printf("%s +%s\n", name, cc);
		else
			fprintf(stderr, "crm: the home country is %s (+%s): a "
			    "number written without a country code is "
			    "+%s's\n", name, cc, cc);
	} else {
		fprintf(stderr, "crm: no home country: a number written "
		    "without a country code matches one written with it only "
		    "as a guess, said (crm country CC sets one)\n");
	}
	crm_check(crm_db_close(db));
	crm_close_stdout();
	return 0;
}

/*
 * crm undo [--list | --forget-before DATE | AUDIT_ID]: the last change
 * not undone, or the one with that audit id, is undone; a change a later
 * one built on is refused, naming it (65).
 */
static int
undo(const char *dbopt, int argc, char **argv)
{
	char buf[CRM_TIME_LEN], num[32];
	struct crm_db *db;
	struct crm_out *out;
	long long id = 0, n;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		usage(0);
	if (argc > 1 && strcmp(argv[1], "--list") == 0) {
		if (argc != 2)
			usage(CRM_EX_USAGE);
		db = crm_open(dbopt, CRM_DB_READ);
		out = crm_out_new(stdout, isatty(STDOUT_FILENO) ?
		    CRM_FMT_TABLE : CRM_FMT_TSV);
		crm_check(crm_undo_list(db, out));
		crm_check(crm_db_close(db));
		crm_close_stdout();
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--forget-before") == 0) {
		if (argc != 3)
			usage(CRM_EX_USAGE);
		crm_arg_when("--forget-before", argv[2], buf);
		db = crm_open(dbopt, CRM_DB_UPDATE);
		n = crm_undo_forget_before(db, buf);
		crm_check(n < 0 ? -1 : 0);
		crm_check(crm_db_close(db));
		if (n == 0)	/* nothing written, the trail neither */
			fprintf(stderr, "crm: nothing to forget: no change "
			    "before %s has undo data\n", buf);
		else
			fprintf(stderr, "crm: the undo data of %s change%s "
			    "forgotten\n", crm_fmt_count(n, num),
			    n == 1 ? "" : "s");
		return 0;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		usage(CRM_EX_USAGE);
	if (argc == 2)
		id = crm_arg_id("an audit", argv[1]);
	db = crm_open(dbopt, CRM_DB_UPDATE);
	id = crm_undo(db, id);
	crm_check(id < 0 ? -1 : 0);
	crm_check(crm_db_close(db));
	fprintf(stderr, "crm: change %lld undone\n", id);
	return 0;
}

/*
 * crm grant rep|manager LOGIN [OWNER], crm revoke LOGIN: per-rep access
 * on PostgreSQL (lib/grant.c).  A SQLite name is refused before it is
 * opened, which would make a file.
 */
static int
grant_access(const char *dbopt, int argc, char **argv)
{
	const char *path = crm_db_path(dbopt);
	struct crm_db *db;
	int rc;

	if (path == NULL)
		crm_die_err();
	if (!crm_pg_name(path))
		crm_die(CRM_EX_USAGE, "%s: per-rep access needs a PostgreSQL "
		    "server; a SQLite file is one user's (its file's "
		    "permissions decide who reads it)", path);
	db = crm_open(dbopt, CRM_DB_WRITE);
	if (strcmp(argv[0], "grant") == 0) {
		crm_check(crm_grant(db, argv[1], argv[2],
		    argc == 4 ? argv[3] : NULL));
		crm_check(crm_db_close(db));
		fprintf(stderr, "crm: %s is a %s\n", argv[2], argv[1]);
		return 0;
	}
	rc = crm_revoke(db, argv[1]);
	crm_check(rc < 0 ? -1 : 0);
	crm_check(crm_db_close(db));
	fprintf(stderr, rc ? "crm: %s had no access from crm grant\n" :
	    "crm: %s's access revoked\n", argv[1]);
	return 0;
}

/* '+': the first operand is the command, and what follows is its own. */
static void
parse_args(struct args *a, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "+d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			a->db = optarg;
			break;
		case 'h':
			help();
			crm_close_stdout();
			exit(0);
		case 'V':
			printf("crm %s\n", CRM_VERSION);
			crm_close_stdout();
			exit(0);
		default:
			usage(CRM_EX_USAGE);
		}
	}
	a->argv = argv + optind, a->argc = argc - optind;
}

/* Is cmd one of crm's own commands, not another program's? */
static int
is_own(const char *cmd)
{
	static const char *const own[] = { "backup", "check", "undo",
	    "grant", "revoke", "index", "country" };
	size_t i;

	for (i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcmp(cmd, own[i]) == 0)
			return 1;
	return is_convert(cmd);
}

/*
 * -d db after one of our own commands ("crm undo -d x.db"), as every
 * other program takes it anywhere: taken out of the command's operands.
 * The other programs read their own.
 */
static void
own_db_option(struct args *a)
{
	const char *v;
	int i, j, n;

	if (a->argc < 1 || !is_own(a->argv[0]))
		return;
	for (i = 1; i < a->argc && strcmp(a->argv[i], "--"); ) {
		n = 0, v = NULL;
		if (strcmp(a->argv[i], "-d") == 0 || strcmp(a->argv[i],
		    "--db") == 0)
			n = 2, v = i + 1 < a->argc ? a->argv[i + 1] : NULL;
		else if (strncmp(a->argv[i], "--db=", 5) == 0)
			n = 1, v = a->argv[i] + 5;
		else if (strncmp(a->argv[i], "-d", 2) == 0)
			n = 1, v = a->argv[i] + 2;
		if (n == 0) {
			i++;
			continue;
		}
		if (v == NULL || (a->db && strcmp(a->db, v) != 0))
			usage(CRM_EX_USAGE);	/* none, or two databases */
		a->db = v;
		for (j = i; j + n <= a->argc; j++)
			a->argv[j] = a->argv[j + n];
		a->argc -= n;
	}
}

/* A command, and the right operands for the commands that are ours. */
static void
check_args(const struct args *a)
{
	if (a->argc < 1)
		usage(CRM_EX_USAGE);
	if (strcmp(a->argv[0], "backup") == 0 && a->argc != 2)
		usage(CRM_EX_USAGE);
	if (strcmp(a->argv[0], "copy") == 0 && (a->argc != 3 || a->db))
		usage(CRM_EX_USAGE);
	if ((strcmp(a->argv[0], "check") == 0 ||
	    strcmp(a->argv[0], "index") == 0 || is_convert(a->argv[0])) &&
	    a->argc != 1)
		usage(CRM_EX_USAGE);
	if (strcmp(a->argv[0], "grant") == 0 && a->argc != 3 && a->argc != 4)
		usage(CRM_EX_USAGE);
	if (strcmp(a->argv[0], "revoke") == 0 && a->argc != 2)
		usage(CRM_EX_USAGE);
	if (strcmp(a->argv[0], "country") == 0 && a->argc > 2)
		usage(CRM_EX_USAGE);
}

/* crm help [COMMAND]: ours from the usage, the others' from their --help. */
static int
help_command(const struct args *a)
{
	char *helpargv[] = { NULL, "--help", NULL };

	if (a->argc < 2) {
		help();
		crm_close_stdout();
		return 0;
	}
	if (strcmp(a->argv[1], "backup") == 0 ||
	    strcmp(a->argv[1], "check") == 0 || is_convert(a->argv[1]) ||
	    strcmp(a->argv[1], "index") == 0 ||
	    strcmp(a->argv[1], "copy") == 0 ||
	    strcmp(a->argv[1], "country") == 0 ||
	    strcmp(a->argv[1], "undo") == 0 ||
	    strcmp(a->argv[1], "grant") == 0 ||
	    strcmp(a->argv[1], "revoke") == 0)
		usage(0);
	run(a->argv[1], helpargv);
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };

	crm_prog_init(argv[0]);
	parse_args(&a, argc, argv);
	own_db_option(&a);
	check_args(&a);
	if (strcmp(a.argv[0], "backup") == 0)
		return backup(a.db, a.argv[1]);
	if (strcmp(a.argv[0], "check") == 0)
		return check(a.db);
	if (strcmp(a.argv[0], "index") == 0)
		return index_command(a.db);
	if (strcmp(a.argv[0], "copy") == 0)
		return copy(a.argv[1], a.argv[2]);
	if (is_convert(a.argv[0]))
		return convert(a.db, a.argv[0]);
	if (strcmp(a.argv[0], "undo") == 0)
		return undo(a.db, a.argc, a.argv);
	if (strcmp(a.argv[0], "country") == 0)
		return country(a.db, a.argc, a.argv);
	if (strcmp(a.argv[0], "grant") == 0 ||
	    strcmp(a.argv[0], "revoke") == 0)
		return grant_access(a.db, a.argc, a.argv);
	if (a.db)
		setenv("CRM_DB", a.db, 1);	/* -d for the program run */
	if (strcmp(a.argv[0], "help") == 0)
		return help_command(&a);
	run(a.argv[0], a.argv);
}
