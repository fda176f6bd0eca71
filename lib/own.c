/*
 * own.c - crm's own listings, known when an import reads one back.
 *
 * A user pipes one program's output into another's import (crm-deal list
 * into crm-deal --import, crm-remind --all into crm-remind import,
 * crm-segment into crm-add --import) or keeps a listing as a backup.  Its
 * ids are the database's it was listed from and some of its columns are
 * worked out, so each import reads such a file its own way; which header
 * is which listing is said here, once, from the columns the writers
 * print, spelt exactly as they print them (a sheet's "ID" or "Customer"
 * is its user's).  t/916-own-listings.bats runs every writer in every
 * format an import reads and reads the output back, so a writer's
 * renamed column fails there, not in a user's import; crm.7 (Output
 * formats) lists the marks for users.
 */
#include <stddef.h>

#include "crm.h"

/*
 * The listings, by the columns that mark them: all of all[] and, where
 * any[] lists some, one of those.  A kind is any of its rows; a row with
 * refines is that kind's listing first.
 */
static const struct own {
	enum crm_own kind, refines;
	const char *all[4];
	const char *any[6];
} listings[] = {
	/* crm-deal list (deal.c's DEAL_COLUMNS): the deal's id, its
	 * customer's id, its title */
	{ CRM_OWN_DEALS, CRM_OWN_NONE, { "id", "customer", "title" }, { NULL } },
	/* crm-remind's listing (remind.c's due list) */
	{ CRM_OWN_REMINDERS, CRM_OWN_NONE, { "id", "due", "customer", "note" },
	    { NULL } },
	/* crm-segment's (seg.c, out.c): the id beside a column only crm
	 * writes (Zendesk has external_id, created_at and
	 * tags beside its own id), --risk's risk (risk.c) among them, not
	 * its level as an older crm named it: another system's lowercase
	 * id and level are its id and a tier ... */
	{ CRM_OWN_CUSTOMERS, CRM_OWN_NONE, { "id" }, { "updated", "last_contact",
	    "revenue", "rfm", "share", "risk" } },
	/* ... or beside crm-segment's default columns' last two */
	{ CRM_OWN_CUSTOMERS, CRM_OWN_NONE, { "id", "tier", "owner" }, { NULL } },
	/* crm-segment --orgs: an organisation's domain and its count of
	 * people (worked out), no type column needed */
	{ CRM_OWN_ORGS, CRM_OWN_CUSTOMERS, { "domain", "contacts" },
	    { NULL } },
};

/* Does the header have every column of all[] and one of any[], if any? */
static int
row_matches(const struct own *o, char *const *names, size_t n)
{
	size_t k;
	int any = o->any[0] == NULL;

	for (k = 0; k < CRM_NELEM(o->all) && o->all[k]; k++)
		if (!crm_names_have(names, n, o->all[k]))
			return 0;
	for (k = 0; k < CRM_NELEM(o->any) && o->any[k] && !any; k++)
		any = crm_names_have(names, n, o->any[k]);
	return any;
}

/*
 * Is a header (names, n: as the file spells it) crm's own listing of
 * kind?  By the header alone: an import asks the rest (the cells, its
 * --map) itself.
 */
int
crm_own_listing(char *const *names, size_t n, enum crm_own kind)
{
	size_t i;

	for (i = 0; i < CRM_NELEM(listings); i++)
		if (listings[i].kind == kind && row_matches(&listings[i],
		    names, n) && (listings[i].refines == CRM_OWN_NONE ||
		    crm_own_listing(names, n, listings[i].refines)))
			return 1;
	return 0;
}
