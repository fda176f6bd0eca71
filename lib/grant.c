/*
 * grant.c - per-rep access on PostgreSQL (crm grant, crm revoke; see
 * doc/scale.md, "Per-rep access").  The roles and row-level security
 * are SQL (share/crm/pg/rls.sql, compiled in): it is run again before
 * each grant, so a database made by an older crm gets today's policies,
 * and the grant itself is that script's crm_grant(), which names the
 * login with format('%I') on the server: a role's name cannot be a bound
 * parameter in GRANT, and is never pasted into SQL here.
 */
#include <string.h>

#include "crm.h"

extern const char crm_pg_rls_sql[];

enum { LOGIN_NONE = -1, LOGIN_OK = 1, LOGIN_UNLIMITED = 2 };

/*
 * Whether the server knows the login, and whether row-level security can
 * limit it: a superuser, a BYPASSRLS role and the tables' owner (or a
 * member of it, who can SET ROLE to it) are never limited.
 */
static int
login_kind(struct crm_db *db, const char *login)
{
	return (int)crm_query_int(db, LOGIN_NONE, "SELECT CASE WHEN "
	    "r.rolsuper OR r.rolbypassrls OR pg_has_role(r.oid, c.relowner, "
	    "'MEMBER') THEN 2 ELSE 1 END FROM pg_roles r, pg_class c "
	    "WHERE r.rolname = ? AND c.oid = to_regclass('customers')", "s",
	    login);
}

static int
known_login(struct crm_db *db, const char *login)
{
	int k = login_kind(db, login);

	if (crm_db_failed(db))
		return -1;
	if (k == LOGIN_NONE)
		return crm_fail(CRM_EX_NOINPUT, "no login '%s' on the server: "
		    "make it first (createuser %s, or CREATE ROLE ... LOGIN)",
		    login, login);
	return k;
}

/* The audit row: what was granted to whom, by the server's login. */
static void
audit(struct crm_db *db, const char *action, const char *login,
    const char *level, const char *owner)
{
	struct crm_buf b = { 0 };

	crm_buf_adds(&b, "{\"login\":");
	crm_json_str(&b, login);
	if (level) {
		crm_buf_adds(&b, ",\"level\":");
		crm_json_str(&b, level);
	}
	if (owner) {
		crm_buf_adds(&b, ",\"owner\":");
		crm_json_str(&b, owner);
	}
	crm_buf_addc(&b, '}');
	crm_audit(db, action, 0, b.s);
	crm_buf_free(&b);
}

static int
finish(struct crm_db *db)
{
	if (crm_db_failed(db)) {
		crm_rollback(db);
		return -1;
	}
	return crm_commit(db);
}

/*
 * crm grant rep|manager LOGIN [OWNER]: a rep sees and changes the
 * customers whose owner is OWNER (their login's name when not given), a
 * manager every customer.  Granting again changes the level or the
 * owner name.  Run by the database's owner.
 */
int
crm_grant(struct crm_db *db, const char *level, const char *login,
    const char *owner)
{
	int rep = strcmp(level, "rep") == 0;

	if (!rep && strcmp(level, "manager") != 0)
		return crm_fail(CRM_EX_USAGE, "'%s': a login is granted 'rep' "
		    "or 'manager'", level);
	if (!rep && owner)
		return crm_fail(CRM_EX_USAGE, "an owner name is a rep's: a "
		    "manager sees every customer");
	if (*login == '\0' || (owner && *owner == '\0'))
		return crm_fail(CRM_EX_USAGE, "an empty %s", *login ? "owner "
		    "name" : "login");
	if (crm_begin(db) < 0)
		return -1;
	if (crm_pg_script(db, crm_pg_rls_sql) < 0) {
		crm_rollback(db);
		return -1;
	}
	switch (known_login(db, login)) {
	case -1:
		crm_rollback(db);
		return -1;
	case LOGIN_UNLIMITED:
		if (rep) {
			crm_rollback(db);
			return crm_fail(CRM_EX_USAGE, "'%s' is a superuser, "
			    "BYPASSRLS or the tables' owner, which row-level "
			    "security never limits: a rep must be an ordinary "
			    "login", login);
		}
		break;
	}
	crm_exec(db, "SELECT crm_grant(?, ?, ?)", "sss", level, login, owner);
	audit(db, "grant", login, level, rep ? (owner ? owner : login) : NULL);
	return finish(db);
}

/*
 * crm revoke LOGIN: every right crm granted it is taken back; 1 when it
 * had none from crm (its rights on crm's tables are taken back anyway).
 */
int
crm_revoke(struct crm_db *db, const char *login)
{
	long long had;

	if (crm_begin(db) < 0)
		return -1;
	if (crm_pg_script(db, crm_pg_rls_sql) < 0 ||
	    known_login(db, login) < 0) {
		crm_rollback(db);
		return -1;
	}
	had = crm_query_int(db, 0, "SELECT crm_revoke(?)", "s", login);
	audit(db, "revoke", login, NULL, NULL);
	return finish(db) < 0 ? -1 : had ? 0 : 1;
}
