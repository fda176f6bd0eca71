/*
 * prog.h - what every crm program's main shares (cmd/prog.c): opening
 * the database, and the one place that maps the library's errors to exit
 * statuses and messages.  For cmd/ only; the library reports errors
 * (lib/err.c) and returns.
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
_Noreturn void crm_usage_error(const char *text, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void crm_close_stdout(void);
struct crm_db *crm_open(const char *opt, int mode);
void crm_prog_usage(const char *text);
const char *crm_arg_when(const char *opt, const char *s,
    char buf[CRM_TIME_LEN]);
const char *crm_arg_dur(const char *opt, const char *s, struct crm_dur *d);
long long crm_arg_id(const char *what, const char *s);
long long crm_arg_count(const char *opt, const char *s, long long min);
long long crm_arg_money(const char *opt, const char *s);

#endif
