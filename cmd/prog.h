/*
 * prog.h - what every crm program's main shares (cmd/prog.c): opening
 * the database, the one place that maps the library's errors to exit
 * statuses and messages, and the import options of crm-add and crm-log.
 * For cmd/ only; the library reports errors (lib/err.c) and returns.
 */
#ifndef CRM_PROG_H
#define CRM_PROG_H

#include "crm.h"

void crm_prog_init(const char *argv0);
_Noreturn void crm_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void crm_die_err(void);
void crm_check(int r);
void *crm_check_ptr(void *p);
_Noreturn void crm_usage(const char *text, int status);
_Noreturn void crm_help(const char *usage_text, const char *help_text);
/* The options of a file's reading that every import shares
 * (struct crm_import_opts), in the importing group of --help. */
#define CRM_HELP_READ \
	"      --csv               the file is CSV\n" \
	"      --tsv               the file is TSV\n" \
	"      --tsv-escapes yes|no  undo TSV's \\t \\n \\\\ escapes (default: crm's own)\n" \
	"      --delimiter c       the field separator\n" \
	"      --encoding name     the file's character set (default UTF-8)\n" \
	"      --date-format format  how the file writes dates (strptime)\n" \
	"      --map from=to       read column from as to (repeatable)\n"

/* The options every program has, the last group of its --help. */
#define CRM_HELP_DB "Database and program:\n" \
	"  -d, --db db             the database (default $CRM_DB, else\n" \
	"                          crm/crm.db in $XDG_DATA_HOME or ~/.local/share)\n" \
	"  -h, --help              this help\n" \
	"      --version           the version\n"
_Noreturn void crm_usage_error(const char *text, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void crm_close_stdout(void);
struct crm_db *crm_open(const char *opt, int mode);
void crm_prog_usage(const char *text);
const char *crm_arg_when(const char *opt, const char *s,
    char buf[CRM_TIME_LEN]);
const char *crm_arg_dur(const char *opt, const char *s, struct crm_dur *d);
long long crm_arg_id(const char *what, const char *s);
const char *crm_arg_source(const char *usage, const char *s);
long long crm_arg_count(const char *opt, const char *s, long long min);
long long crm_arg_money(const char *opt, const char *s);
const char *crm_arg_names(const char *s);
char *crm_join(char **w, int n);
void crm_import_summary(const struct crm_import *im, int dry_run);

/*
 * The options of an import that crm-add and crm-log share: each program
 * lists them in its longopts with these values and hands what getopt
 * returns to crm_import_opt() first.
 */
enum {
	CRM_OPT_CSV = 512, CRM_OPT_DATEFMT, CRM_OPT_DELIM, CRM_OPT_DRYRUN,
	CRM_OPT_ENCODING, CRM_OPT_MAP, CRM_OPT_REJECTS, CRM_OPT_TSV,
	CRM_OPT_TSVESC, CRM_OPT_DEFER_INDEX,
};
struct crm_import_opts {
	struct crm_rd_opts rd;	/* --csv, --tsv, --delimiter, --encoding */
	struct crm_import im;	/* --map, --rejects; and what it did */
	const char *date_format;
	int dry_run;
};
int crm_import_opt(struct crm_import_opts *o, int c, char *arg,
    const char *usage_text);
int crm_import_opts_given(const struct crm_import_opts *o);
void crm_import_opts_check(const struct crm_import_opts *o,
    const char *usage_text);

#endif
