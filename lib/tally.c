/*
 * tally.c - sums by group, added up in C: a hash from a tuple of keys
 * (each text or NULL, as SQL's GROUP BY tells them apart: NULL is one
 * group, '' another) to a row of 64-bit sums.  crm-report adds up its
 * kept cells with it (report.c): one plain SELECT of the cells in the
 * order of their customer, merged with the customers, rather than SQL's
 * join and GROUP BY, which sorted every cell by its group.
 *
 * Memory is bounded: past CRM_TALLY_MAX bytes of groups crm_tally_at()
 * says so (NULL), and the caller asks SQL instead; a report grouped by
 * something that names customers one by one (an e-mail) may have more
 * groups than cells.  CRM_TALLY_MAX=N in the environment bounds a tally
 * to N groups, so that a test can show the same figures from SQL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define CRM_TALLY_MAX (16u << 20)

struct tally_row {
	char *key;		/* the keys, each "\1text\0" or "\0" */
	size_t keylen;
	uint64_t hash;
	long long sums[];
};

struct crm_tally {
	int nkeys, nsums;
	struct tally_row **slot;	/* open addressing, a power of two */
	size_t nslots, n;
	struct tally_row **rows;	/* in the order first seen */
	size_t bytes, max;	/* max: groups (CRM_TALLY_MAX), or 0 */
	struct crm_buf k;
};

struct crm_tally *
crm_tally_new(int nkeys, int nsums)
{
	struct crm_tally *t = crm_xcalloc(1, sizeof *t);
	const char *e = getenv("CRM_TALLY_MAX");

	if (e && *e)
		t->max = (size_t)strtoul(e, NULL, 10) + 1;
	t->nkeys = nkeys;
	t->nsums = nsums;
	t->nslots = 64;
	t->slot = crm_xcalloc(t->nslots, sizeof *t->slot);
	return t;
}

void
crm_tally_free(struct crm_tally *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->rows[i]->key);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->slot);
	crm_buf_free(&t->k);
	free(t);
}

static uint64_t
fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static void
grow(struct crm_tally *t)
{
	struct tally_row **old = t->slot;
	size_t i, j, n = t->nslots;

	t->nslots *= 2;
	t->slot = crm_xcalloc(t->nslots, sizeof *t->slot);
	for (i = 0; i < n; i++) {
		if (old[i] == NULL)
			continue;
		for (j = old[i]->hash & (t->nslots - 1); t->slot[j];
		    j = (j + 1) & (t->nslots - 1))
			;
		t->slot[j] = old[i];
	}
	free(old);
}

/*
 * The sums of the group of keys[0..nkeys) (NULL for SQL's NULL), zero
 * when new; NULL when the tally has grown past its bound.
 */
long long *
crm_tally_at(struct crm_tally *t, const char *const *keys)
{
	struct tally_row *r;
	uint64_t h;
	size_t j;
	int i;

	crm_buf_reset(&t->k);
	for (i = 0; i < t->nkeys; i++) {
		if (keys[i] == NULL) {
			crm_buf_addc(&t->k, '\0');
			continue;
		}
		crm_buf_addc(&t->k, '\1');
		crm_buf_adds(&t->k, keys[i]);
		crm_buf_addc(&t->k, '\0');
	}
	h = fnv(t->k.s, t->k.len);
	for (j = h & (t->nslots - 1); (r = t->slot[j]) != NULL;
	    j = (j + 1) & (t->nslots - 1))
		if (r->hash == h && r->keylen == t->k.len &&
		    memcmp(r->key, t->k.s, t->k.len) == 0)
			return r->sums;
	t->bytes += sizeof *r + (size_t)t->nsums * sizeof(long long) +
	    t->k.len + 3 * sizeof(void *);
	if (t->bytes > CRM_TALLY_MAX || (t->max && t->n + 1 >= t->max))
		return NULL;
	r = crm_xcalloc(1, sizeof *r + (size_t)t->nsums * sizeof(long long));
	r->key = crm_xmalloc(t->k.len);
	memcpy(r->key, t->k.s, t->k.len);
	r->keylen = t->k.len;
	r->hash = h;
	t->slot[j] = r;
	if (t->n % 64 == 0)
		t->rows = crm_xreallocarray(t->rows, t->n + 64,
		    sizeof *t->rows);
	t->rows[t->n++] = r;
	if (2 * t->n > t->nslots)
		grow(t);
	return r->sums;
}

size_t
crm_tally_count(const struct crm_tally *t)
{
	return t->n;
}

/* The i-th group (in the order first seen): its keys into keys[], each
 * NULL or text that lives as long as the tally; returns its sums. */
long long *
crm_tally_row(const struct crm_tally *t, size_t i, const char **keys)
{
	const struct tally_row *r = t->rows[i];
	const char *p = r->key;
	int k;

	for (k = 0; k < t->nkeys; k++) {
		if (*p++ == '\0') {
			keys[k] = NULL;
			continue;
		}
		keys[k] = p;
		p += strlen(p) + 1;
	}
	return t->rows[i]->sums;
}
