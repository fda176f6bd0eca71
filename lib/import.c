/*
 * import.c - customers from a spreadsheet: map the header, then add or
 * update one customer per row.
 *
 * Headers are matched case-, space-, '-' and '_'-insensitively against
 * the names real exports use (Google and Outlook contacts, webshops,
 * Chinese Excel).  A column that maps to nothing becomes an extra field
 * under its own header, so nothing a user brings is dropped.  A row
 * matches an existing customer by external_id, else by e-mail, and then
 * only its non-empty values are written, so re-importing a file changes
 * nothing and a newer export updates just what changed.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

/* The page cache while rows go in (see crm_import_customers). */
#define IMPORT_CACHE_KB	"4096"

/* Targets beyond the core columns. */
enum { T_FIELD = -1, T_FIRST = -2, T_LAST = -3, T_TAGS = -4, T_SKIP = -5 };

struct colmap {
	int to;			/* a column, or T_* */
	const char *field;	/* extra field name for T_FIELD */
	char *owned;		/* field, when we made the name */
};

static const struct alias {
	const char *from;	/* normalised header */
	int to;
} aliases[] = {
	{ "externalid", CRM_C_EXTERNAL_ID }, { "customerid", CRM_C_EXTERNAL_ID },
	{ "customerno", CRM_C_EXTERNAL_ID },
	{ "customernumber", CRM_C_EXTERNAL_ID },
	{ "accountnumber", CRM_C_EXTERNAL_ID },
	{ "recordid", CRM_C_EXTERNAL_ID }, { "contactid", CRM_C_EXTERNAL_ID },
	{ "客户编号", CRM_C_EXTERNAL_ID }, { "编号", CRM_C_EXTERNAL_ID },
	{ "name", CRM_C_NAME }, { "fullname", CRM_C_NAME },
	{ "displayname", CRM_C_NAME }, { "contactname", CRM_C_NAME },
	{ "customername", CRM_C_NAME }, { "姓名", CRM_C_NAME },
	{ "名称", CRM_C_NAME }, { "客户名称", CRM_C_NAME },
	{ "客户", CRM_C_NAME }, { "联系人", CRM_C_NAME },
	{ "firstname", T_FIRST }, { "givenname", T_FIRST }, { "名", T_FIRST },
	{ "billingfirstname", T_FIRST },
	{ "lastname", T_LAST }, { "familyname", T_LAST }, { "surname", T_LAST },
	{ "billinglastname", T_LAST },
	{ "姓", T_LAST },
	{ "company", CRM_C_COMPANY }, { "companyname", CRM_C_COMPANY },
	{ "organization", CRM_C_COMPANY }, { "organisation", CRM_C_COMPANY },
	{ "organization1name", CRM_C_COMPANY },
	{ "organizationname", CRM_C_COMPANY }, { "accountname", CRM_C_COMPANY },
	{ "defaultaddresscompany", CRM_C_COMPANY },
	{ "billingcompany", CRM_C_COMPANY },
	{ "公司", CRM_C_COMPANY }, { "公司名称", CRM_C_COMPANY },
	{ "单位", CRM_C_COMPANY },
	{ "email", CRM_C_EMAIL }, { "emailaddress", CRM_C_EMAIL },
	{ "email1value", CRM_C_EMAIL }, { "mail", CRM_C_EMAIL },
	{ "billingemail", CRM_C_EMAIL }, { "emailaddress1", CRM_C_EMAIL },
	{ "primaryemail", CRM_C_EMAIL }, { "workemail", CRM_C_EMAIL },
	{ "邮箱", CRM_C_EMAIL }, { "电子邮件", CRM_C_EMAIL },
	{ "电子邮箱", CRM_C_EMAIL },
	{ "phone", CRM_C_PHONE }, { "mobile", CRM_C_PHONE },
	{ "mobilephone", CRM_C_PHONE }, { "businessphone", CRM_C_PHONE },
	{ "phone1value", CRM_C_PHONE }, { "telephone", CRM_C_PHONE },
	{ "phonenumber", CRM_C_PHONE }, { "tel", CRM_C_PHONE },
	{ "primaryphone", CRM_C_PHONE }, { "mobilenumber", CRM_C_PHONE },
	{ "billingphone", CRM_C_PHONE }, { "workphone", CRM_C_PHONE },
	{ "cellphone", CRM_C_PHONE },
	{ "电话", CRM_C_PHONE }, { "手机", CRM_C_PHONE },
	{ "联系电话", CRM_C_PHONE }, { "手机号", CRM_C_PHONE },
	{ "industry", CRM_C_INDUSTRY }, { "行业", CRM_C_INDUSTRY },
	{ "tier", CRM_C_TIER }, { "level", CRM_C_TIER }, { "grade", CRM_C_TIER },
	{ "等级", CRM_C_TIER }, { "级别", CRM_C_TIER },
	{ "客户等级", CRM_C_TIER },
	{ "owner", CRM_C_OWNER }, { "accountowner", CRM_C_OWNER },
	{ "salesrep", CRM_C_OWNER }, { "contactowner", CRM_C_OWNER },
	{ "leadowner", CRM_C_OWNER }, { "负责人", CRM_C_OWNER },
	{ "客户经理", CRM_C_OWNER }, { "销售", CRM_C_OWNER },
	{ "status", CRM_C_STATUS }, { "lifecycle", CRM_C_STATUS },
	{ "状态", CRM_C_STATUS },
	{ "created", CRM_C_CREATED }, { "createdat", CRM_C_CREATED },
	{ "customersince", CRM_C_CREATED }, { "createdate", CRM_C_CREATED },
	{ "createddate", CRM_C_CREATED }, { "datecreated", CRM_C_CREATED },
	{ "创建时间", CRM_C_CREATED },
	{ "创建日期", CRM_C_CREATED },
	{ "tags", T_TAGS }, { "labels", T_TAGS }, { "标签", T_TAGS },
	/* crm's own exports: ids are local to a database, updated is ours */
	{ "id", T_SKIP }, { "updated", T_SKIP },
	{ "crmline", T_SKIP }, { "crmerror", T_SKIP },
};

/* A header as we compare it: lower case, no spaces, '-' or '_'. */
char *
crm_norm_header(const char *s)
{
	char *n = crm_xmalloc(strlen(s) + 1), *d = n;

	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '_' || *s == '\t')
			continue;
		*d++ = *s >= 'A' && *s <= 'Z' ? *s + ('a' - 'A') : *s;
	}
	*d = '\0';
	return n;
}

static int
target_of(const char *name)
{
	size_t i;
	int k;

	if ((k = crm_cust_colindex(name)) >= 0)
		return k;
	if (strcmp(name, "first_name") == 0)
		return T_FIRST;
	if (strcmp(name, "last_name") == 0)
		return T_LAST;
	if (strcmp(name, "tags") == 0)
		return T_TAGS;
	if (strcmp(name, "-") == 0)
		return T_SKIP;
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(name, aliases[i].from) == 0)
			return aliases[i].to;
	return T_FIELD;
}

/* --map FROM=TO for this header, or NULL. */
const char *
crm_import_mapped(const char *norm, char **maps, size_t nmaps)
{
	const char *to = NULL;
	char *from, *eq;
	size_t j;

	for (j = 0; j < nmaps; j++) {
		eq = strchr(maps[j], '=');
		from = crm_xstrndup(maps[j], (size_t)(eq - maps[j]));
		crm_trim(from);
		if (strcmp(norm, from) == 0)
			to = eq + 1;
		else {
			char *n = crm_norm_header(from);

			if (strcmp(norm, n) == 0)
				to = eq + 1;
			free(n);
		}
		free(from);
	}
	return to;
}

/*
 * What each column becomes: a core column, a name part, tags, nothing, or
 * an extra field (named by --map or by the header).  The first column to
 * claim a target wins it; later ones are kept as extra fields.
 */
static struct colmap *
map_header(char *const *names, size_t n, char **maps, size_t nmaps)
{
	struct colmap *cm = crm_xcalloc(n, sizeof *cm);
	int claimed[CRM_C_NFIELDS + 5] = { 0 };
	const char *to;
	char *h, *t;
	size_t i;

	for (i = 0; i < n; i++) {
		crm_unneutralise(names[i]);
		h = crm_norm_header(names[i]);
		cm[i].field = names[i];
		if ((to = crm_import_mapped(h, maps, nmaps)) && strcmp(to, "-") == 0) {
			cm[i].to = T_SKIP;	/* the user drops it */
		} else if (to) {
			t = crm_norm_header(to);
			cm[i].to = crm_cust_colindex(to) >= 0 ?
			    crm_cust_colindex(to) : target_of(t);
			if (cm[i].to == T_FIELD)
				cm[i].field = to;
			free(t);
		} else {
			cm[i].to = target_of(h);
		}
		free(h);
		if (*crm_trim(names[i]) == '\0') {
			/* A column with no header (a trailing comma): its
			 * cells, if any, are kept under its position. */
			cm[i].to = T_FIELD;
			cm[i].field = cm[i].owned = crm_xasprintf("column %zu",
			    i + 1);
		} else if (cm[i].to != T_FIELD && cm[i].to != T_SKIP &&
		    claimed[cm[i].to + 5]++) {
			/* A second phone column ("Work Phone", then "Mobile
			 * Number"): an extra field under its own name, or,
			 * if that is a column's ("email" twice), under a name
			 * that is not. */
			cm[i].to = T_FIELD;
			if (!crm_cust_reserved(names[i]))
				cm[i].field = names[i];
			else
				cm[i].field = cm[i].owned = crm_xasprintf("%s "
				    "(column %zu)", names[i], i + 1);
		}
	}
	return cm;
}

static int
is_cjk(const char *s)
{
	return (unsigned char)*s >= 0xe3 && (unsigned char)*s <= 0xe9;
}

/* "First Last", or family name first with no space for Chinese names. */
static void
join_name(struct crm_cust *c, const char *first, const char *last)
{
	char *name;

	if (c->v[CRM_C_NAME] && *crm_trim(c->v[CRM_C_NAME]))
		return;
	first = first ? first : "", last = last ? last : "";
	if (is_cjk(last))
		name = crm_xasprintf("%s%s", last, first);
	else
		name = crm_xasprintf("%s%s%s", first, *first && *last ? " " :
		    "", last);
	crm_cust_set(c, CRM_C_NAME, crm_trim(name));
	free(name);
}

/* Google writes "a ::: b", most others "a, b". */
static void
split_tags(struct crm_cust *c, const char *v)
{
	char *copy = crm_xstrdup(v), *p, *tok, *save = NULL;

	while ((p = strstr(copy, ":::")))
		memcpy(p, ",,,", 3);
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		tok = crm_trim(tok);
		if (*tok)
			crm_cust_tag(c, tok, 0);
	}
	free(copy);
}

/*
 * Build the customer a row describes.  Its values are copies (the row
 * itself goes to the rejects file as read), all in one block, c->arena.
 */
static void
row_to_cust(const struct crm_rec *rec, const struct colmap *cm,
    struct crm_cust *c)
{
	char *first = NULL, *last = NULL, *v;
	size_t i, len, size = 0;

	for (i = 0; i < rec->n; i++)
		if (cm[i].to != T_SKIP)
			size += strlen(rec->f[i]) + 1;
	c->arena = v = crm_xmalloc(size);
	c->narena = size;
	c->utf8_ok = 1;		/* crm_rd_next() checked every field */
	for (i = 0; i < rec->n; i++) {
		if (cm[i].to == T_SKIP)
			continue;
		len = strlen(rec->f[i]) + 1;
		memcpy(v, rec->f[i], len);
		crm_unneutralise(v);
		switch (cm[i].to) {
		case T_FIRST:
			first = v;
			break;
		case T_LAST:
			last = v;
			break;
		case T_TAGS:
			split_tags(c, v);
			break;
		case T_FIELD:
			crm_cust_field_take(c, cm[i].field, v);
			break;
		default:
			c->v[cm[i].to] = v;	/* each column has one */
		}
		v += len;
	}
	if (first || last)
		join_name(c, first, last);
}

static int
header_col(const struct colmap *cm, size_t n, int to)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cm[i].to == to)
			return (int)i;
	return -1;
}

/* Normalise and check the row's customer; NULL or what is wrong. */
static const char *
check_row(struct crm_cust *c, const struct colmap *cm, size_t n, int *col)
{
	static char msg[160];
	const char *err, *what;
	int k;

	*col = -1;
	if ((err = crm_cust_check(c, &k, &what)) == NULL)
		return NULL;
	*col = k >= 0 ? header_col(cm, n, k) : -1;
	if (*col < 0 && what) {
		snprintf(msg, sizeof msg, "%.100s: %s", what, err);
		return msg;
	}
	return err;
}

static int
has(const char *v)
{
	return v && *v;
}

/*
 * Check the row's customer and find the one it updates (0: a new one): by
 * external_id, else by e-mail.  A row whose keys point at two customers,
 * or whose e-mail matches a customer known by another external_id, is an
 * error: updating would lose one of them.  On error, *col is the header
 * index of the column at fault (-1: none).
 */
static const char *
resolve(sqlite3 *db, struct crm_cust *c, const struct colmap *cm, size_t n,
    long long *id, int *col)
{
	static char msg[256];
	const char *ext, *email;
	long long by_ext = 0, by_email = 0;
	char *other;

	*id = 0, *col = -1;
	ext = c->v[CRM_C_EXTERNAL_ID], email = c->v[CRM_C_EMAIL];
	ext = ext && *ext ? ext : NULL, email = email && *email ? email : NULL;
	if (ext)
		by_ext = crm_query_int(db, 0, "SELECT id FROM customers WHERE "
		    "external_id = ?", "s", ext);
	if (email)
		by_email = crm_query_int(db, 0, "SELECT id FROM customers "
		    "WHERE email = ?", "s", email);
	*id = by_ext ? by_ext : by_email;
	if (*id == 0 && !email && (!c->v[CRM_C_NAME] || !*c->v[CRM_C_NAME]))
		return "no name and no e-mail";
	if (by_ext && by_email && by_ext != by_email) {
		*col = header_col(cm, n, CRM_C_EMAIL);
		snprintf(msg, sizeof msg, "belongs to customer %lld, not to "
		    "customer %lld of this row's external_id", by_email, by_ext);
		return msg;
	}
	if (ext && !by_ext && by_email && (other = crm_query_text(db,
	    "SELECT external_id FROM customers WHERE id = ?", "i", by_email))) {
		*col = header_col(cm, n, CRM_C_EXTERNAL_ID);
		snprintf(msg, sizeof msg, "the e-mail is customer %lld's, whose "
		    "external_id is '%.100s', not this one", by_email, other);
		free(other);
		return msg;
	}
	return NULL;
}

/* Made when the first bad row comes, 0600: it holds customer data. */
static void
open_rejects(struct crm_import *im)
{
	int fd;

	if (strcmp(im->rejects_path, "-") == 0) {
		im->rejects = stdout;
		return;
	}
	fd = open(im->rejects_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	if (fd < 0 || (im->rejects = fdopen(fd, "w")) == NULL)
		crm_die(CRM_EX_CANTCREAT, "%s:", im->rejects_path);
}

/* Close the rejects file, if one was written; a write error is fatal. */
void
crm_import_finish(struct crm_import *im)
{
	if (im->rej_out)
		crm_out_end(im->rej_out);
	im->rej_out = NULL;
	if (im->rejects && im->rejects != stdout && fclose(im->rejects) != 0)
		crm_die(CRM_EX_IOERR, "%s:", im->rejects_path);
	im->rejects = NULL;
}

/* The bad row, in the input's format, after its line and what is wrong. */
static void
put_reject(struct crm_import *im, const struct crm_rd *rd,
    const struct crm_rec *rec, const char *err)
{
	char *const *names;
	size_t i, n = crm_rd_header(rd, &names);
	const char **vals = crm_xcalloc(n + 2, sizeof *vals);
	char line[32];

	if (im->rej_out == NULL) {
		open_rejects(im);
		im->rej_out = crm_out_new(im->rejects, crm_rd_format(rd) ==
		    't' ? CRM_FMT_TSV : crm_rd_format(rd) == 'j' ?
		    CRM_FMT_JSON : CRM_FMT_CSV);
		crm_out_delim(im->rej_out, crm_rd_delim(rd));
		vals[0] = "crm_line", vals[1] = "crm_error";
		for (i = 0; i < n; i++)
			vals[i + 2] = names[i];
		crm_out_header(im->rej_out, vals, n + 2);
	}
	snprintf(line, sizeof line, "%ld", rec->line);
	vals[0] = line, vals[1] = err;
	for (i = 0; i < n; i++)
		vals[i + 2] = i < rec->n ? rec->f[i] : "";
	crm_out_row(im->rej_out, vals, NULL);
	free(vals);
}

char *
crm_import_reason(const char *err, char *const *names, int col)
{
	return col >= 0 ? crm_xasprintf("%s: %s", names[col], err) :
	    crm_xstrdup(err);
}

/* A customer's whole record as one value, to compare before and after. */
#define RECORD(id) "(SELECT json_array(c.external_id, c.name, c.company, " \
	"c.email, c.phone, c.industry, c.tier, c.owner, c.status, " \
	"c.created, (SELECT json_group_object(key, value) FROM (SELECT key, " \
	"value FROM customer_fields WHERE customer_id = c.id ORDER BY key)), " \
	"(SELECT group_concat(tag, ',') FROM (SELECT tag FROM tags WHERE " \
	"customer_id = c.id ORDER BY tag))) FROM customers c WHERE c.id = " \
	id ")"

/* Spreadsheets leave rows of empty cells at the end: no customer there. */
int
crm_rec_blank(const struct crm_rec *rec)
{
	const char *p;
	size_t i;

	for (i = 0; i < rec->n; i++)
		for (p = rec->f[i]; *p; p++)
			if (*p != ' ' && *p != '\t')
				return 0;
	return 1;
}

/*
 * The extra fields of customers this import adds go in FB_ROWS at a time,
 * one multi-row INSERT instead of one statement each: for most files that
 * statement is half of what a new customer costs.  They wait in a fixed
 * number of slots (constant memory) and are written before anything reads
 * customer_fields: an update, a snapshot, the counting at the end.
 */
#define FB_ROWS	32

struct fbatch {
	long long id[FB_ROWS];
	size_t key[FB_ROWS], val[FB_ROWS];	/* offsets into text */
	size_t n;
	struct crm_buf text;		/* kept between batches */
};

/* "INSERT ... VALUES (?,?,?),(?,?,?),... ON CONFLICT ...", made once. */
static const char *
fb_sql(void)
{
	static struct crm_buf sql;
	size_t i;

	if (sql.s)
		return sql.s;
	crm_buf_adds(&sql, "INSERT INTO customer_fields (customer_id, key, "
	    "value) VALUES (?, ?, ?)");
	for (i = 1; i < FB_ROWS; i++)
		crm_buf_adds(&sql, ", (?, ?, ?)");
	/* A repeated key keeps the last value, as one row at a time does. */
	crm_buf_adds(&sql, " ON CONFLICT DO UPDATE SET value = excluded.value");
	return sql.s;
}

static void
fb_flush(sqlite3 *db, struct fbatch *fb)
{
	static const char key;
	sqlite3_stmt *st;
	size_t i;
	int p = 0;

	if (fb->n == FB_ROWS) {
		st = crm_stmt(db, &key, fb_sql());
		for (i = 0; i < fb->n; i++) {
			sqlite3_bind_int64(st, ++p, fb->id[i]);
			sqlite3_bind_text(st, ++p, fb->text.s + fb->key[i], -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(st, ++p, fb->text.s + fb->val[i], -1,
			    SQLITE_STATIC);
		}
		if (crm_step(st) != SQLITE_DONE)
			crm_die(CRM_EX_SOFTWARE, "extra fields refused by the "
			    "database");
		sqlite3_reset(st);
	} else {
		for (i = 0; i < fb->n; i++)
			crm_exec(db, CRM_FIELD_UPSERT, "iss", fb->id[i],
			    fb->text.s + fb->key[i], fb->text.s + fb->val[i]);
	}
	fb->n = 0;
	fb->text.len = 0;
}

/* Queue the non-empty extra fields of new customer id (as set_extras). */
static void
fb_add(sqlite3 *db, struct fbatch *fb, long long id, const struct crm_cust *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		if (c->fields[i].value[0] == '\0')
			continue;
		if (fb->n == FB_ROWS)
			fb_flush(db, fb);
		fb->id[fb->n] = id;
		fb->key[fb->n] = fb->text.len;
		crm_buf_add(&fb->text, c->fields[i].key,
		    strlen(c->fields[i].key) + 1);
		fb->val[fb->n] = fb->text.len;
		crm_buf_add(&fb->text, c->fields[i].value,
		    strlen(c->fields[i].value) + 1);
		fb->n++;
	}
}

/* One row: 0 done (counted), -1 rejected with *why set. */
static int
import_row(sqlite3 *db, const struct crm_rec *rec, const struct colmap *cm,
    char *const *names, size_t n, struct crm_import *im, struct fbatch *fb,
    char **why)
{
	struct crm_cust c = { 0 };
	const char *err;
	long long id;
	size_t nfields;
	int col, new = 0;

	if (crm_rec_blank(rec))
		return 0;
	row_to_cust(rec, cm, &c);
	/*
	 * Most rows of an import are new customers: try the insert first
	 * and let the unique indexes say when one exists, which saves two
	 * index lookups a row.  A refused insert changes nothing.  The
	 * extra fields of a new one wait in fb.
	 */
	id = 0;
	if ((err = check_row(&c, cm, n, &col)) == NULL &&
	    (has(c.v[CRM_C_NAME]) || has(c.v[CRM_C_EMAIL]))) {
		nfields = c.nfields, c.nfields = 0;
		id = crm_cust_insert(db, &c, 0);
		c.nfields = nfields;
		if (id > 0)
			fb_add(db, fb, id, &c);
	}
	if (id > 0) {
		new = 1;
	} else if (err == NULL) {
		fb_flush(db, fb);	/* what follows reads them */
		err = resolve(db, &c, cm, n, &id, &col);
		new = id == 0;
	}
	if (err) {
		*why = crm_import_reason(err, names, col);
		crm_cust_free(&c);
		return -1;
	}
	if (new) {
		if (id == 0 && (id = crm_cust_insert(db, &c, 0)) == 0)
			crm_die(CRM_EX_SOFTWARE, "customer refused by the "
			    "database");
		if (im->added++ == 0)
			im->first_id = id;
		im->last_id = id;
	} else {
		/* A customer this import added is counted as added, not
		 * as updated (count_matched): it needs no snapshot. */
		if (im->added == 0 || id < im->first_id || id > im->last_id)
			crm_exec(db, "INSERT OR IGNORE INTO temp.import_seen "
			    "(id, rec) VALUES (?1, " RECORD("?1") ")", "i", id);
		crm_cust_update(db, id, &c, 1);
	}
	crm_cust_free(&c);
	return 0;
}

/*
 * Existing customers the import matched count as updated when their
 * record differs at the end from before the import's first row for them,
 * so a file whose duplicate rows disagree still re-imports as unchanged.
 * The snapshots live in a temporary table, not in our memory.
 */
static void
count_matched(sqlite3 *db, struct crm_import *im)
{
	im->updated = crm_query_int(db, 0, "SELECT count(*) FROM "
	    "temp.import_seen s WHERE s.id NOT BETWEEN ?1 AND ?2 AND "
	    "s.rec IS NOT " RECORD("s.id"), "ii", im->first_id,
	    im->added ? im->last_id : -1);
	im->unchanged = crm_query_int(db, 0, "SELECT count(*) FROM "
	    "temp.import_seen WHERE id NOT BETWEEN ?1 AND ?2", "ii",
	    im->first_id, im->added ? im->last_id : -1) - im->updated;
	crm_exec(db, "DROP TABLE temp.import_seen", NULL);
}

#define PROGRESS_EVERY	10000

/*
 * On a terminal, how far a long import has got, on one line that the
 * summary then replaces; nothing in a pipe or a cron job's mail.
 */
static void
progress(long rows, int done)
{
	static int tty = -1;
	char n[32];

	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	if (!tty || rows < PROGRESS_EVERY)
		return;
	if (done)
		fputs("\r\033[K", stderr);
	else if (rows % PROGRESS_EVERY == 0)
		fprintf(stderr, "\r%s: %s rows read", crm_prog,
		    crm_fmt_count(rows, n));
}

/*
 * Feed every record of rd to row(); a bad record or a row row() refuses
 * ends the program, or with a rejects file goes there.
 */
void
crm_import_rows(struct crm_rd *rd, struct crm_import *im,
    int (*row)(const struct crm_rec *, void *, char **), void *ctx)
{
	struct crm_rec rec;
	const char *err;
	char *why;
	long line, rows = 0;
	int r;

	while ((r = crm_rd_next(rd, &rec)) != CRM_REC_EOF) {
		progress(++rows, 0);
		if (r == CRM_REC_FATAL) {
			err = crm_rd_error(rd, &line);
			progress(rows, 1);
			crm_die(CRM_EX_DATAERR, "%s:%ld: %s", crm_rd_name(rd),
			    line, err);
		}
		if (r == CRM_REC_BAD)
			why = crm_xstrdup(crm_rd_error(rd, NULL));
		else if (row(&rec, ctx, &why) == 0)
			continue;
		if (im->rejects_path == NULL) {
			progress(rows, 1);
			crm_die(CRM_EX_DATAERR, "%s:%ld: %s", crm_rd_name(rd),
			    rec.line, why);
		}
		put_reject(im, rd, &rec, why);
		im->rejected++;
		free(why);
	}
	progress(rows, 1);
}

/*
 * One audit row for the import: which file, the counts, and the range of
 * ids it added (rows inserted in one transaction get consecutive ids).
 * Each update has its own row with the old and new values.
 */
static void
audit_import(sqlite3 *db, const struct crm_rd *rd, const struct crm_import *im)
{
	struct crm_buf d = { 0 };

	crm_buf_adds(&d, "{\"file\":");
	crm_json_str(&d, crm_rd_name(rd));
	crm_buf_addf(&d, ",\"added\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
	    "\"rejected\":%ld", im->added, im->updated, im->unchanged,
	    im->rejected);
	if (im->added)
		crm_buf_addf(&d, ",\"added_ids\":[%lld,%lld]", im->first_id,
		    im->last_id);
	crm_buf_addc(&d, '}');
	crm_audit(db, "import", 0, d.s);
	crm_buf_free(&d);
}

/*
 * Import every record of rd.  Without im->rejects the first bad row ends
 * the program (exit 65) before the caller commits, so the database is
 * unchanged; with it, bad rows go there and the rest land.
 */
struct cust_ctx {
	sqlite3 *db;
	struct colmap *cm;
	char *const *names;
	size_t n;
	struct crm_import *im;
	struct fbatch fb;
};

static int
cust_row(const struct crm_rec *rec, void *p, char **why)
{
	struct cust_ctx *x = p;

	return import_row(x->db, rec, x->cm, x->names, x->n, x->im, &x->fb,
	    why);
}

void
crm_import_customers(sqlite3 *db, struct crm_rd *rd, struct crm_import *im)
{
	struct cust_ctx x = { .db = db, .im = im };
	long long cache;
	char sql[48];
	int fk;
	size_t i;

	x.n = crm_rd_header(rd, &x.names);
	x.cm = map_header(x.names, x.n, im->maps, im->nmaps);
	crm_exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_seen (id INTEGER "
	    "PRIMARY KEY, rec TEXT)", NULL);
	/*
	 * The schema's only CHECK, customers.status IN (...), makes SQLite
	 * 3.40 build a temporary b-tree of the five statuses for every row
	 * written, over 10% of an import.  crm_cust_check() has already
	 * refused any other status, so while our rows go in it is skipped.
	 */
	crm_exec(db, "PRAGMA ignore_check_constraints = ON", NULL);
	/*
	 * Likewise the foreign key probe of every extra field and tag
	 * written: their customer_id is one the import has just inserted
	 * or found in this transaction, and nothing here deletes a
	 * customer.  The pragma cannot change inside a transaction; the
	 * connection flag can, and is put back below.
	 */
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &fk);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
	/*
	 * Measured side by side (bench/README.md): with a 4 MB page cache
	 * 1,000,000 customers import as fast as with the 16 MB
	 * crm_db_open() sets (2 to 16 MB are all within the noise: more
	 * pages read back from the WAL, less CPU for each), in a third of
	 * the memory.
	 */
	cache = crm_query_int(db, -2000, "PRAGMA cache_size", NULL);
	crm_exec(db, "PRAGMA cache_size = -" IMPORT_CACHE_KB, NULL);
	crm_import_rows(rd, im, cust_row, &x);
	fb_flush(db, &x.fb);
	crm_buf_free(&x.fb.text);
	/* PRAGMA takes no parameters: the number is SQLite's own. */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", cache);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		crm_die(CRM_EX_SOFTWARE, "%s", sqlite3_errmsg(db));
	crm_exec(db, "PRAGMA ignore_check_constraints = OFF", NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, fk, NULL);
	for (i = 0; i < x.n; i++)
		free(x.cm[i].owned);
	free(x.cm);
	count_matched(db, im);
	audit_import(db, rd, im);
}

