/*
 * smalloc.c - small blocks for SQLite's memory (sqlite.c hands these to
 * SQLITE_CONFIG_MALLOC): a block of up to SMALL_MAX bytes comes from a
 * free list of its size class, else is cut from a 64 KB chunk; a larger
 * one is malloc's.  A freed small block goes back on its class's list,
 * never to malloc: the chunks live as long as the process.
 *
 * Why: every run parses the whole schema (its tables, triggers and
 * views, some 51,000 characters at schema 14) into some 15,000 small
 * allocations, and frees them again when it closes the database.
 * Debian's SQLite is built without its lookaside (SQLITE_OMIT_LOOKASIDE),
 * so each went through glibc's malloc and free: 4.4 M instructions, a
 * quarter of a single crm-log call (bench/README.md).  A pop from a list
 * or a cut from a chunk is a few instructions.
 *
 * One thread: sqlite.c configures SQLite single-threaded, and only
 * SQLite allocates here.  Every block has an 8-byte header holding its
 * usable size (SQLite asks for it, and free needs the class); the
 * payload is 8-byte aligned, as SQLite's own allocator promises.
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define SMALL_MAX	512		/* larger blocks are malloc's */
#define GRAIN		16		/* the size classes' step */
#define CHUNK		(64 * 1024)	/* small blocks are cut from these */

typedef unsigned long long head;	/* a block's usable size */

static void *free_list[SMALL_MAX / GRAIN + 1];	/* by size / GRAIN */
static char *cut, *cut_end;		/* what is left of the chunk */

/* The usable size a request of n bytes gets. */
int
crm_small_roundup(int n)
{
	if (n <= SMALL_MAX)
		return (n + GRAIN - 1) / GRAIN * GRAIN;
	return (n + 7) / 8 * 8;
}

static void *
small_new(size_t size)
{
	head *h;
	size_t need = sizeof *h + size;

	if ((size_t)(cut_end - cut) < need) {
		/* the rest of the old chunk (under a block) is let go */
		if ((cut = malloc(CHUNK)) == NULL)
			return NULL;
		cut_end = cut + CHUNK;
	}
	h = (head *)(void *)cut;
	cut += need;
	*h = size;
	return h + 1;
}

/* A block of at least n bytes (n > 0), NULL when memory is out. */
void *
crm_small_alloc(int n)
{
	size_t c, size;
	void **p;
	head *h;

	if (n <= SMALL_MAX) {
		c = ((size_t)n + GRAIN - 1) / GRAIN;
		if ((p = free_list[c]) == NULL)
			return small_new(c * GRAIN);
		free_list[c] = *p;
		return p;
	}
	size = (size_t)crm_small_roundup(n);
	if ((h = malloc(sizeof *h + size)) == NULL)
		return NULL;
	*h = size;
	return h + 1;
}

/* The usable size of block p. */
int
crm_small_size(void *p)
{
	return p ? (int)((head *)p)[-1] : 0;
}

void
crm_small_free(void *p)
{
	head *h = (head *)p - 1;

	if (p == NULL)
		return;
	if (*h > SMALL_MAX) {
		free(h);
		return;
	}
	*(void **)p = free_list[*h / GRAIN];
	free_list[*h / GRAIN] = p;
}

/* Block p grown or shrunk to at least n bytes, its content kept up to
 * the smaller size; NULL (p untouched) when memory is out. */
void *
crm_small_realloc(void *p, int n)
{
	size_t old = (size_t)crm_small_size(p);
	size_t size = (size_t)crm_small_roundup(n);
	head *h;
	void *q;

	if (size == old)
		return p;
	if (old > SMALL_MAX && size > SMALL_MAX) {
		if ((h = realloc((head *)p - 1, sizeof *h + size)) == NULL)
			return NULL;
		*h = size;
		return h + 1;
	}
	if ((q = crm_small_alloc(n)) == NULL)
		return NULL;
	memcpy(q, p, old < size ? old : size);
	crm_small_free(p);
	return q;
}
