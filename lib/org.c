/*
 * org.c - organisations: customers of type 'org' that people are
 * contacts of.  An organisation is found again by its name as it is
 * matched (its key: case, spaces, punctuation and a trailing legal form
 * do not count, so "ACME Ltd." is "Acme Ltd" is "acme"), or by its own
 * e-mail domain (not a mailbox provider's: gmail.com names nobody's
 * company).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/*
 * Legal forms that end a company's name and say nothing of which company
 * it is, as crm_org_key leaves them: lower case, no punctuation.
 */
static const char *const legal_forms[] = {
	"inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
	"limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "ug", "ev",
	"sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as",
	"aps", "kk", "pty", "pte", "pvt", "ooo", "zao", "oao",
	"有限公司", "有限责任公司", "股份有限公司", "集团", "株式会社",
};

/*
 * Mailbox providers and internet providers: an address there says
 * nothing of the company (Joe's comcast.net is not Smith Plumbing's).
 */
static const char *const free_domains[] = {
	"gmail.com", "googlemail.com", "ymail.com", "rocketmail.com",
	"icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
	"pm.me", "tutanota.com", "tuta.io", "fastmail.com", "fastmail.fm",
	"hey.com", "zoho.com", "zohomail.com", "mail.com", "email.com",
	"usa.com", "inbox.com", "gmx.com", "gmx.net", "hushmail.com",
	"comcast.net", "verizon.net", "att.net", "sbcglobal.net",
	"bellsouth.net", "cox.net", "charter.net", "earthlink.net",
	"juno.com", "netzero.net", "optonline.net", "frontier.com",
	"frontiernet.net", "centurylink.net", "windstream.net",
	"roadrunner.com", "rr.com", "twc.com", "spectrum.net", "q.com",
	"btinternet.com", "btopenworld.com", "sky.com", "virginmedia.com",
	"blueyonder.co.uk", "ntlworld.com", "talktalk.net", "tiscali.co.uk",
	"bigpond.com", "bigpond.net.au", "optusnet.com.au", "iinet.net.au",
	"tpg.com.au", "xtra.co.nz", "shaw.ca", "rogers.com", "sympatico.ca",
	"bell.net", "telus.net", "videotron.ca", "t-online.de", "web.de",
	"freenet.de", "arcor.de", "online.de", "posteo.de", "mailbox.org",
	"vodafone.de", "kabelmail.de", "orange.fr", "wanadoo.fr", "free.fr",
	"sfr.fr", "neuf.fr", "laposte.net", "bbox.fr", "libero.it",
	"virgilio.it", "alice.it", "tin.it", "tim.it", "fastwebnet.it",
	"telenet.be", "skynet.be", "proximus.be", "ziggo.nl", "xs4all.nl",
	"kpnmail.nl", "planet.nl", "home.nl", "hetnet.nl", "bluewin.ch",
	"sunrise.ch", "gmx.ch", "chello.at", "aon.at", "telefonica.net",
	"movistar.es", "terra.es", "sapo.pt", "telia.com", "telia.se",
	"online.no", "seznam.cz", "centrum.cz", "wp.pl", "o2.pl",
	"interia.pl", "onet.pl", "mail.ru", "bk.ru", "inbox.ru", "list.ru",
	"rambler.ru", "ukr.net", "naver.com", "daum.net", "hanmail.net",
	"nate.com", "qq.com", "foxmail.com", "163.com", "126.com",
	"yeah.net", "sina.com", "sina.cn", "sohu.com", "aliyun.com",
	"139.com", "189.cn", "21cn.com", "rediffmail.com", "uol.com.br",
	"bol.com.br", "terra.com.br", "ig.com.br", "prodigy.net.mx",
	/* Japan's carriers' and internet providers' mail */
	"docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp",
	"i.softbank.jp", "ybb.ne.jp", "nifty.com", "ocn.ne.jp",
	"biglobe.ne.jp",
	/* Central and Eastern Europe's, Israel's, China's */
	"op.pl", "gazeta.pl", "tlen.pl", "email.cz", "azet.sk", "zoznam.sk",
	"freemail.hu", "citromail.hu", "abv.bg", "mail.bg", "inbox.lv",
	"i.ua", "mail.ee", "hot.ee", "one.lt", "walla.co.il", "tom.com",
	/* reserved for examples, never anybody's company */
	"example.com", "example.net", "example.org", "localhost",
};

/*
 * Providers under any country's domain: yahoo.de, hotmail.co.uk,
 * gmx.at, yandex.kz.
 */
static const char *const free_any_tld[] = {
	"yahoo", "hotmail", "live", "outlook", "msn", "aol", "gmx", "yandex",
	"tiscali", "windowslive",
};

/* Top-level domains that are nobody's (RFC 2606, RFC 6761). */
static const char *const free_tlds[] = { "test", "invalid", "localhost" };

static int
is_legal_form(const char *word)
{
	return crm_in_list(word, legal_forms, CRM_NELEM(legal_forms));
}

/*
 * name folded as organisations are matched: lower case, punctuation and
 * runs of space as one space, in NFC (a "Café" macOS wrote is the café
 * typed elsewhere); allocated.
 */
static char *
org_words(const char *name)
{
	/* folded in the fold's own copy: crm_org_key is asked a row */
	char *f = crm_key_fold(name), *s, *d, *p;
	int space = 1;

	crm_invisible_fold(f, 1);	/* "Café\u00a0Noir" is "Café Noir" */
	s = d = crm_nfc(f);
	free(f);
	for (p = s; *p; p++) {
		if (strchr(" \t\r\n.,;:!?'\"()[]&/-_", *p)) {
			if (!space)
				*d++ = ' ';
			space = 1;
		} else {
			*d++ = *p;
			space = 0;
		}
	}
	while (d > s && d[-1] == ' ')
		d--;
	*d = '\0';
	return s;
}

/*
 * Does name end in a legal form after a word of its own ("Acme GmbH",
 * "Globex, Ltd.")?  A company's name then, no person's.
 */
int
crm_org_legal_form(const char *name)
{
	char *s = org_words(name), *last = strrchr(s, ' ');
	int r = last != NULL && is_legal_form(last + 1);

	free(s);
	return r;
}

/*
 * name as organisations are matched, allocated: its words (org_words)
 * without a legal form at its end ("Globex, Ltd." and "GLOBEX LTD" are
 * "globex").  "" when nothing is left.
 */
char *
crm_org_key(const char *name)
{
	char *s = org_words(name), *last, *p;

	/* One legal form at the end, unless it is the whole name. */
	if ((last = strrchr(s, ' ')) != NULL && is_legal_form(last + 1))
		*last = '\0';
	else if (last == NULL)
		for (p = s; *p; p++)	/* 北京某某有限公司: no space before */
			if (p > s && (unsigned char)*p >= 0x80 &&
			    is_legal_form(p)) {
				*p = '\0';
				break;
			}
	return s;
}

/*
 * Is s a country's or a generic top-level domain, alone or under a
 * second level of its own (de, com, co.uk, com.au, com.br)?
 */
static int
country_suffix(const char *s)
{
	const char *dot = strchr(s, '.');
	size_t n = dot ? (size_t)(dot - s) : strlen(s);

	if (n < 2 || n > 3 || (dot && strchr(dot + 1, '.')))
		return 0;
	return dot == NULL || (strlen(dot + 1) == 2);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Whether domain is one of free_domains: looked for in a sorted copy
 * made once, since an import asks for every row and most domains are in
 * none (a scan of the list cost 20,000 customers 47 M instructions).
 */
static int
in_free_domains(const char *domain)
{
	static const char *sorted[CRM_NELEM(free_domains)];
	static int made;

	if (!made) {
		memcpy(sorted, free_domains, sizeof sorted);
		qsort(sorted, CRM_NELEM(sorted), sizeof sorted[0], str_cmp);
		made = 1;
	}
	return bsearch(&domain, sorted, CRM_NELEM(sorted), sizeof sorted[0],
	    str_cmp) != NULL;
}

/*
 * Whether domain is a mailbox or internet provider's (gmail.com,
 * comcast.net, yahoo.de ...), or one reserved for examples.
 */
int
crm_domain_free(const char *domain)
{
	const char *dot = strchr(domain, '.'), *tld = strrchr(domain, '.');
	size_t i, n = dot ? (size_t)(dot - domain) : 0;

	if (in_free_domains(domain) ||
	    (tld && crm_in_list(tld + 1, free_tlds, CRM_NELEM(free_tlds))))
		return 1;
	for (i = 0; dot && i < CRM_NELEM(free_any_tld); i++)
		if (strlen(free_any_tld[i]) == n && strncmp(domain,
		    free_any_tld[i], n) == 0 && country_suffix(dot + 1))
			return 1;
	return 0;
}

/*
 * A web address or a domain as an organisation's own domain, allocated:
 * trimmed, lower case, without scheme, "www.", user, port, path or a
 * final dot ("https://www.Globex.com/about" is "globex.com").  NULL when
 * it is none: no dot between two labels, spaces, or bytes no host name
 * has.
 */
char *
crm_domain_norm(const char *s)
{
	char *copy = crm_xstrdup(s), *d = crm_key_fold(crm_key_trim(copy)),
	    *p, *q;
	size_t n;

	free(copy);
	p = d;
	if ((q = strstr(p, "://")) != NULL && q > p &&
	    strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789+.-") ==
	    (size_t)(q - p))
		p = q + 3;
	else if (strncmp(p, "//", 2) == 0)
		p += 2;
	p[strcspn(p, "/?#")] = '\0';
	if ((q = strrchr(p, '@')) != NULL)	/* user@host of a URL */
		p = q + 1;
	p[strcspn(p, ":")] = '\0';
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	n = strlen(p);
	if (n > 0 && p[n - 1] == '.')
		p[--n] = '\0';
	memmove(d, p, n + 1);
	for (p = d; *p; p++)
		if (!((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			break;
	if (*p || d[0] == '.' || d[0] == '-' || strstr(d, "..") ||
	    (p = strrchr(d, '.')) == NULL || p[1] == '\0') {
		free(d);
		return NULL;
	}
	return d;
}

/* The domain of an e-mail address, if it may be a company's own. */
const char *
crm_org_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	if (at == NULL || at[1] == '\0' || crm_domain_free(at + 1))
		return NULL;
	return at + 1;
}

/*
 * The organisation another system's id names (a Salesforce AccountId):
 * its external_id, or an id of any --source; the first, 0 for none.
 */
long long
crm_org_by_id(struct crm_db *db, const char *id)
{
	return crm_query_int(db, 0, "SELECT id FROM customers WHERE type = "
	    "'org' AND (external_id = ? OR id IN (SELECT customer_id FROM "
	    "identities WHERE kind = 'id' AND value = ?)) ORDER BY id LIMIT 1",
	    "ss", id, id);
}

/*
 * The organisation called name (by its key), or by its domain when that
 * is given: its id, 0 for none, -1 when the database failed.  Two of one
 * name: the first made.
 */
long long
crm_org_find(struct crm_db *db, const char *name, const char *domain)
{
	long long id = 0;
	char *key;

	if (name && *name) {
		key = crm_org_key(name);
		if (*key)
			id = crm_query_int(db, 0, "SELECT min(id) FROM customers "
			    "WHERE org_key = ? AND type = 'org'", "s", key);
		free(key);
	}
	if (id == 0 && domain && *domain)
		id = crm_query_int(db, 0, "SELECT id FROM customers WHERE "
		    "domain = ? AND type = 'org'", "s", domain);
	return crm_db_failed(db) ? -1 : id;
}

/*
 * The organisation key names by its name (crm_org_key) or its domain,
 * for a key on the command line that names no customer by id, external
 * id or e-mail (crm_cust_find): its id, 0 for none, -1 with *err set
 * when the name is two organisations', or when the database failed.
 */
long long
crm_org_by_name(struct crm_db *db, const char *key, const char **err)
{
	static char msg[256];
	char *k = crm_org_key(key), *domain;
	long long id = 0, last = 0;

	*err = NULL;
	if (*k) {
		id = crm_query_int(db, 0, "SELECT min(id) FROM customers WHERE "
		    "org_key = ? AND type = 'org'", "s", k);
		last = crm_query_int(db, 0, "SELECT max(id) FROM customers "
		    "WHERE org_key = ? AND type = 'org'", "s", k);
	}
	free(k);
	if (id != last) {
		snprintf(msg, sizeof msg, "'%.60s' is the name of two "
		    "organisations (%lld and %lld): say which by its id", key,
		    id, last);
		*err = msg;
		return -1;
	}
	if (id == 0 && (domain = crm_domain_norm(key)) != NULL) {
		id = crm_query_int(db, 0, "SELECT id FROM customers WHERE "
		    "domain = ? AND type = 'org'", "s", domain);
		free(domain);
	}
	return crm_db_failed(db) ? -1 : id;
}

/*
 * The organisation key names (crm_cust_find's keys, or its name or
 * domain), for a person to be a contact of: its id, or 0 with the error
 * recorded (exit 65): nobody, a person, or the database failed.
 */
long long
crm_org_must_find(struct crm_db *db, const char *key)
{
	const char *err;
	long long id = crm_cust_find(db, key, &err);

	if (id == 0 && crm_db_failed(db))
		return 0;
	if (id == 0 && strncmp(err, "no customer ", 12) == 0)
		crm_fail(CRM_EX_DATAERR, "no organisation '%.200s' (to add "
		    "one: crm-add {org} -n NAME)", key);
	else if (id == 0)
		crm_fail(CRM_EX_DATAERR, "%s", err);
	else if (crm_query_int(db, 0, "SELECT type = 'org' FROM customers "
	    "WHERE id = ?", "i", id) == 0) {
		if (!crm_db_failed(db))
			crm_fail(CRM_EX_DATAERR, "'%.200s' is customer %lld, a "
			    "person, not an organisation", key, id);
		id = 0;
	}
	return id;
}

static long long org_add(struct crm_db *, const char *, const char *,
    const char *, long long);

/*
 * A new organisation: name, its own e-mail domain (or NULL), owner (or
 * NULL); audited.  Its id, or -1.
 */
long long
crm_org_add(struct crm_db *db, const char *name, const char *domain,
    const char *owner)
{
	return org_add(db, name, domain, owner, 0);
}

/*
 * The same for a bulk load that numbers its rows (crm_bulk's next) and
 * knows no organisation has name's key: it gets id, and the engine need
 * not wait for it (crm_exec_sure).  id, or -1.
 */
long long
crm_org_add_new(struct crm_db *db, const char *name, const char *domain,
    const char *owner, long long id)
{
	return org_add(db, name, domain, owner, id);
}

static long long
org_add(struct crm_db *db, const char *name, const char *domain,
    const char *owner, long long given)
{
	struct crm_buf d = { 0 };
	char *key = crm_org_key(name), *clean = crm_xstrdup(name), *nfc;
	long long id = -1;

	/* as a person's company is kept (cust.c): no invisible characters,
	 * Unicode's spaces as ASCII's, trimmed, in NFC */
	crm_invisible_fold(clean, 1);
	name = nfc = crm_nfc(crm_trim(clean));
	free(clean);
	if (*key == '\0') {
		crm_fail(CRM_EX_DATAERR, "'%s' is no organisation's name", name);
		goto out;
	}
	if (domain && crm_query_int(db, 0, "SELECT 1 FROM customers WHERE "
	    "domain = ?", "s", domain))
		domain = NULL;	/* another's already: the name is enough */
	if (given > 0)
		crm_exec_sure(db, "INSERT INTO customers (type, name, company, "
		    "org_key, domain, owner, created, updated, id) VALUES "
		    "('org', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "sssssssi", name,
		    name, key, domain, owner, crm_now_str(), crm_now_str(),
		    given);
	else
		crm_exec(db, "INSERT INTO customers (type, name, company, "
		    "org_key, domain, owner, created, updated) VALUES ('org', "
		    "?, ?, ?, ?, ?, ?, ?)", "sssssss", name, name, key, domain,
		    owner, crm_now_str(), crm_now_str());
	if (crm_db_failed(db))
		goto out;
	id = given > 0 ? given : crm_last_id(db);
	crm_buf_adds(&d, "{\"org\":");
	crm_json_str(&d, name);
	crm_buf_addc(&d, '}');
	crm_audit(db, "add", id, d.s);
	crm_buf_free(&d);
out:
	free(key);
	free(nfc);
	return crm_db_failed(db) ? -1 : id;
}

/*
 * The organisation for a company name or a person's e-mail domain: found,
 * or made when new.  *added says it was made.  Its id, 0 when neither
 * names one, -1 when the database failed.
 */
long long
crm_org_for(struct crm_db *db, const char *company, const char *email,
    const char *owner, int *added)
{
	return crm_org_link(db, company, crm_org_domain(email), owner, added);
}

/*
 * The same for a company's own domain (not a mailbox provider's: the
 * caller checked) rather than an e-mail.
 */
long long
crm_org_link(struct crm_db *db, const char *company, const char *domain,
    const char *owner, int *added)
{
	long long id;

	*added = 0;
	if ((id = crm_org_find(db, company, domain)) != 0)
		return id;
	if (company == NULL || *company == '\0')
		return 0;
	*added = 1;
	return crm_org_add(db, company, domain, owner);
}

/*
 * Organisation org takes the domain of person's e-mail as its own when
 * another of its contacts has an address there too, it has none, and no
 * one else has it: one person's address may be an internet provider's
 * we do not know (Joe's at Smith Plumbing), two colleagues' is their
 * company's.  1 when it took it, 0 when not, -1 when the database
 * failed.
 */
int
crm_org_learn_domain(struct crm_db *db, long long org, long long person,
    const char *email)
{
	struct crm_cust c = { 0 };
	const char *d = crm_org_domain(email);
	char *like;
	int n = 0;

	if (d == NULL || crm_query_int(db, 0, "SELECT 1 FROM customers WHERE "
	    "domain = ? OR (id = ? AND domain IS NOT NULL)", "si", d, org))
		return crm_db_failed(db) ? -1 : 0;
	like = crm_xasprintf("%%@%s", d);
	if (crm_query_int(db, 0, "SELECT count(*) FROM customers WHERE "
	    "org_id = ? AND id <> ? AND type = 'person' AND email LIKE ?",
	    "iis", org, person, like) > 0) {
		crm_cust_set(&c, CRM_C_DOMAIN, d);
		n = crm_cust_update(db, org, &c, 0);
		crm_cust_free(&c);
	}
	free(like);
	return n < 0 || crm_db_failed(db) ? -1 : n > 0;
}

/*
 * crm_org_learn_domain for person id as it now is (its organisation and
 * e-mail), for crm-add's options, so that they follow an import's rule:
 * an organisation takes a domain when given or shared by two contacts,
 * never from one person's address.  1 when it took it, 0 when not, -1
 * when the database failed.
 */
int
crm_org_learn_person(struct crm_db *db, long long id)
{
	long long org = crm_query_int(db, 0, "SELECT org_id FROM customers "
	    "WHERE id = ? AND type = 'person'", "i", id);
	char *email;
	int r = 0;

	if (org > 0 && (email = crm_query_text(db, "SELECT email FROM "
	    "customers WHERE id = ?", "i", id)) != NULL) {
		r = crm_org_learn_domain(db, org, id, email);
		free(email);
	}
	return crm_db_failed(db) ? -1 : r;
}
