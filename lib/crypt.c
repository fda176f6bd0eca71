/*
 * crypt.c - encryption at rest (storage part, beside sqlite.c): a small
 * SQLite VFS, "crm-crypt", over the default unix one, that encrypts every
 * page of an encrypted database, of its WAL and of its temporary files
 * with libsodium; the key (a key file or a passphrase) and the file's
 * plain header; and encrypt, decrypt and rekey, which convert a database
 * in place atomically.  The design, the threat model and the format are
 * in doc/encryption.md.
 *
 * The main file is a 4096-byte header, then SQLite's pages.  Each page
 * is sealed with XChaCha20-Poly1305: a random 24-byte nonce and the
 * 16-byte tag live in the page's last 40 bytes, which SQLite is told to
 * reserve and never uses; the page's offset is authenticated with it, so
 * a page changed or moved is an error, never data.  SQLite always gets
 * the reserved bytes back as zeros, as it wrote them: its WAL checksums
 * are computed over the page it holds.  The WAL keeps its header and
 * frame headers plain (page numbers, salts, checksums) and seals each
 * frame's page the same way.  Temporary files get a stream cipher under
 * a random key of their own, forgotten when they close.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "crm.h"

#define HDR_SIZE	4096
#define MAGIC		"crm encrypted database\n"	/* 23 bytes + NUL */
#define MAGIC_LEN	24
#define FORMAT		1
#define RESERVE		40		/* nonce 24 + tag 16 */
#define NONCE		crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG		crypto_aead_xchacha20poly1305_ietf_ABYTES
#define KEYLEN		32
#define SALT		16
#define MAC_AT		(HDR_SIZE - 32)
#define KDF_CTX		"crmdb v1"

enum { KIND_RAW = 1, KIND_PASS = 2 };	/* header byte 33 */
enum { KDF_BLAKE2B = 0, KDF_ARGON2ID = 1 };
enum { F_PLAIN, F_DB, F_WAL, F_TEMP };
#define WAL_HDR		32
#define FRAME_HDR	24

/* A database's key, registered by its full path for the VFS. */
struct ckey {
	char *path;
	unsigned char page[KEYLEN];	/* seals pages */
	unsigned char hdr[HDR_SIZE];	/* the file's header, as written */
	int pgsz;
	/* The last page read from the WAL, plain and sealed: a checkpoint
	 * writes it to the database next, as it is (see c_write). */
	uint32_t lastno;
	unsigned char *plain, *sealed;
	struct ckey *next;
};

struct cfile {
	sqlite3_file base;
	int kind;
	struct ckey *key;		/* F_DB, F_WAL */
	unsigned char tkey[KEYLEN];	/* F_TEMP */
	unsigned char tnonce[crypto_stream_xchacha20_NONCEBYTES];
	unsigned char *buf;		/* one page */
	size_t bufsz;
	sqlite3_int64 hdroff;		/* F_WAL: the last frame header */
	uint32_t hdrno;			/* written, and its page number */
	sqlite3_file *real;
};

static struct ckey *keys;
static sqlite3_vfs vfs, *base;
static char failure[256];		/* the last page that did not open */

/* The key registry */

static char *
full_path(const char *path)
{
	char *out;

	if (base == NULL)
		base = sqlite3_vfs_find(NULL);
	out = crm_xcalloc(1, (size_t)base->mxPathname + 1);
	/* SQLITE_OK_SYMLINK is a success: the link resolved. */
	if ((base->xFullPathname(base, path, base->mxPathname + 1, out) &
	    0xff) != SQLITE_OK) {
		free(out);
		return crm_xstrdup(path);
	}
	return out;
}

static struct ckey *
find_key(const char *full)
{
	struct ckey *k;

	for (k = keys; full && k; k = k->next)
		if (strcmp(k->path, full) == 0)
			return k;
	return NULL;
}

/* Forget path's key, wiping it. */
void
crm_crypt_forget(const char *path)
{
	struct ckey **pp, *k;
	char *full = full_path(path);

	for (pp = &keys; (k = *pp); pp = &k->next)
		if (strcmp(k->path, full) == 0) {
			*pp = k->next;
			free(k->path);
			if (k->plain) {
				sodium_memzero(k->plain, (size_t)k->pgsz);
				free(k->plain);
				free(k->sealed);
			}
			sodium_munlock(k, sizeof *k);	/* and wipes it */
			free(k);
			break;
		}
	free(full);
}

/* Page sealing */

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = v & 0xff;
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * A nonce is never used twice with one key: 16 random bytes drawn once
 * per process, then a counter.
 */
static void
next_nonce(unsigned char *nonce)
{
	static unsigned char prefix[16];
	static uint64_t count;

	if (count == 0)
		randombytes_buf(prefix, sizeof prefix);
	memcpy(nonce, prefix, sizeof prefix);
	put64(nonce + sizeof prefix, ++count);
}

/*
 * What a page is sealed with besides its key: its page number, so that
 * it cannot be moved; the same in the database and in a WAL frame, so a
 * checkpoint can copy a sealed page as it is.
 */
static void
make_ad(unsigned char ad[4], uint32_t pgno)
{
	ad[0] = pgno >> 24, ad[1] = pgno >> 16 & 0xff;
	ad[2] = pgno >> 8 & 0xff, ad[3] = pgno & 0xff;
}

static void
seal(const struct cfile *f, unsigned char *pg, uint32_t pgno)
{
	int n = f->key->pgsz - RESERVE;
	unsigned char ad[4];

	make_ad(ad, pgno);
	next_nonce(pg + n);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(pg, pg + n + NONCE,
	    NULL, pg, (unsigned long long)n, ad, sizeof ad, NULL, pg + n,
	    f->key->page);
}

/* 0, or -1 when the page does not authenticate. */
static int
unseal(const struct cfile *f, unsigned char *pg, uint32_t pgno)
{
	int n = f->key->pgsz - RESERVE;
	unsigned char ad[4];

	make_ad(ad, pgno);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(pg, NULL, pg,
	    (unsigned long long)n, pg + n + NONCE, ad, sizeof ad, pg + n,
	    f->key->page) != 0)
		return -1;
	memset(pg + n, 0, RESERVE);	/* as SQLite wrote them */
	return 0;
}

static int
auth_failed(const struct cfile *f, sqlite3_int64 where, uint32_t pgno)
{
	if (f->kind == F_WAL)
		snprintf(failure, sizeof failure, "page %lu in its WAL (at "
		    "byte %lld) does not authenticate: the file is damaged or "
		    "was tampered with", (unsigned long)pgno, (long long)where);
	else
		snprintf(failure, sizeof failure, "page %lu does not "
		    "authenticate: the file is damaged or was tampered with",
		    (unsigned long)pgno);
	return SQLITE_IOERR_DATA;
}

/*
 * Where the sealed page holding logical byte off starts, and its size:
 * a page of a database (after the header), or a frame's page in a WAL;
 * 0 for a plain region (the WAL's headers), with *len its size.
 */
static int
region(const struct cfile *f, sqlite3_int64 off, sqlite3_int64 *start,
    sqlite3_int64 *len)
{
	sqlite3_int64 pg = f->key->pgsz, r;

	if (f->kind == F_DB) {
		*start = off / pg * pg;
		*len = pg;
		return 1;
	}
	if (off < WAL_HDR) {
		*start = 0, *len = WAL_HDR;
		return 0;
	}
	r = (off - WAL_HDR) % (FRAME_HDR + pg);
	*start = off - r;
	if (r < FRAME_HDR) {
		*len = FRAME_HDR;
		return 0;
	}
	*start += FRAME_HDR;
	*len = pg;
	return 1;
}

static sqlite3_int64
phys(const struct cfile *f, sqlite3_int64 off)
{
	return f->kind == F_DB ? off + HDR_SIZE : off;
}

/*
 * The number of the page at logical offset start: in a database from
 * its place; in a WAL from its frame's header, which the caller has
 * (hdr), or was the last written, or is read.
 */
static int
page_no(struct cfile *f, sqlite3_int64 start, const unsigned char *hdr,
    uint32_t *pgno)
{
	unsigned char b[4];
	int rc;

	if (f->kind == F_DB) {
		*pgno = (uint32_t)(start / f->key->pgsz + 1);
		return SQLITE_OK;
	}
	if (hdr == NULL && f->hdroff == start - FRAME_HDR) {
		*pgno = f->hdrno;
		return SQLITE_OK;
	}
	if (hdr == NULL) {
		rc = f->real->pMethods->xRead(f->real, b, 4, start - FRAME_HDR);
		if (rc != SQLITE_OK)
			return rc;
		hdr = b;
	}
	*pgno = (uint32_t)hdr[0] << 24 | hdr[1] << 16 | hdr[2] << 8 | hdr[3];
	return SQLITE_OK;
}

/* Keep the WAL page just read, for the checkpoint's write of it. */
static void
keep_last(struct cfile *f, uint32_t pgno, const unsigned char *sealed)
{
	struct ckey *k = f->key;

	if (k->plain == NULL) {
		k->plain = malloc((size_t)k->pgsz);
		k->sealed = malloc((size_t)k->pgsz);
		if (k->plain == NULL || k->sealed == NULL) {
			free(k->plain);
			free(k->sealed);
			k->plain = k->sealed = NULL;
			return;
		}
	}
	memcpy(k->sealed, sealed, (size_t)k->pgsz);
	memcpy(k->plain, f->buf, (size_t)k->pgsz);
	k->lastno = pgno;
}

/*
 * The plain page at logical offset start into f->buf: SQLITE_OK,
 * SQLITE_IOERR_SHORT_READ (zeros past the end), or an error.  hdr: its
 * WAL frame's header, if the caller has it.
 */
static int
read_page(struct cfile *f, sqlite3_int64 start, const unsigned char *hdr)
{
	unsigned char sealed[65536];
	uint32_t pgno;
	int rc;

	rc = f->real->pMethods->xRead(f->real, f->buf, f->key->pgsz,
	    phys(f, start));
	if (rc == SQLITE_IOERR_SHORT_READ) {
		memset(f->buf, 0, (size_t)f->key->pgsz);
		return rc;
	}
	if (rc != SQLITE_OK || (rc = page_no(f, start, hdr, &pgno)) !=
	    SQLITE_OK)
		return rc;
	if (f->kind == F_WAL)
		memcpy(sealed, f->buf, (size_t)f->key->pgsz);
	if (unseal(f, f->buf, pgno) < 0)
		return auth_failed(f, start, pgno);
	if (f->kind == F_WAL)
		keep_last(f, pgno, sealed);
	return SQLITE_OK;
}

/* Temporary files: a stream cipher at the byte's offset. */
static void
temp_xor(const struct cfile *f, unsigned char *p, int n, sqlite3_int64 off)
{
	unsigned char ks[4096 + 64];
	int skip = (int)(off % 64), done = 0, m;
	uint64_t blk = (uint64_t)off / 64;

	while (done < n) {
		m = n - done < 4096 ? n - done : 4096;
		memset(ks, 0, (size_t)(skip + m));
		crypto_stream_xchacha20_xor_ic(ks, ks, (unsigned long long)(skip +
		    m), f->tnonce, blk, f->tkey);
		for (int i = 0; i < m; i++)
			p[done + i] ^= ks[skip + i];
		done += m;
		blk += (uint64_t)(skip + m) / 64;
		skip = (skip + m) % 64;
	}
	sodium_memzero(ks, sizeof ks);
}

/* The io methods */

static int
c_close(sqlite3_file *file)
{
	struct cfile *f = (struct cfile *)file;
	int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) :
	    SQLITE_OK;

	if (f->buf) {
		sodium_memzero(f->buf, f->bufsz);
		free(f->buf);
	}
	sodium_memzero(f->tkey, sizeof f->tkey);
	return rc;
}

static int
c_read(sqlite3_file *file, void *out, int n, sqlite3_int64 off)
{
	struct cfile *f = (struct cfile *)file;
	sqlite3_int64 start, len, end = off + n, stop;
	unsigned char *o = out;
	int rc, ret = SQLITE_OK;

	if (f->kind == F_PLAIN)
		return f->real->pMethods->xRead(f->real, out, n, off);
	if (f->kind == F_TEMP) {
		rc = f->real->pMethods->xRead(f->real, out, n, off);
		if (rc == SQLITE_IOERR_SHORT_READ) {	/* zeros past the end */
			if (f->real->pMethods->xFileSize(f->real, &len) !=
			    SQLITE_OK)
				return SQLITE_IOERR_READ;
			n = len <= off ? 0 : len - off < n ? (int)(len - off) :
			    n;
		}
		if (rc == SQLITE_OK || rc == SQLITE_IOERR_SHORT_READ)
			temp_xor(f, out, n, off);
		return rc;
	}
	while (off < end) {
		stop = end;
		if (!region(f, off, &start, &len)) {
			if (stop > start + len)
				stop = start + len;
			rc = f->real->pMethods->xRead(f->real, o, (int)(stop -
			    off), phys(f, off));
		} else {
			if (stop > start + len)
				stop = start + len;
			rc = read_page(f, start, f->kind == F_WAL &&
			    (unsigned char *)out + FRAME_HDR <= o ?
			    o - FRAME_HDR : NULL);
			/*
			 * WAL recovery reads whole frames, header and page,
			 * and checks each frame's checksum over the page to
			 * find where the log ends: a page that does not open
			 * (torn by a power cut, or changed) reads as zeros,
			 * whose checksum fails, and the log ends before it,
			 * as SQLite itself decides for a torn frame.
			 */
			if (rc == SQLITE_IOERR_DATA && f->kind == F_WAL &&
			    (unsigned char *)out + FRAME_HDR <= o) {
				failure[0] = '\0';
				memset(f->buf, 0, (size_t)f->key->pgsz);
				rc = SQLITE_OK;
			}
			memcpy(o, f->buf + (off - start), (size_t)(stop - off));
		}
		if (rc == SQLITE_IOERR_SHORT_READ)
			ret = rc;
		else if (rc != SQLITE_OK)
			return rc;
		o += stop - off;
		off = stop;
	}
	return ret;
}

/*
 * SQLite must have left the reserved bytes to us: a page 1 that says
 * otherwise (or another page size) is refused before it is written.
 */
static int
page1_ok(const struct cfile *f, const unsigned char *p, int n)
{
	if (n < 100 || memcmp(p, "SQLite format 3", 16) != 0)
		return 1;
	return p[20] == RESERVE && (p[16] << 8 | p[17]) ==
	    (f->key->pgsz == 65536 ? 1 : f->key->pgsz);
}

static int
c_write(sqlite3_file *file, const void *in, int n, sqlite3_int64 off)
{
	struct cfile *f = (struct cfile *)file;
	sqlite3_int64 start, len, end = off + n, stop;
	const unsigned char *i = in;
	unsigned char *tmp;
	struct ckey *k = f->key;
	uint32_t pgno;
	int rc;

	if (f->kind == F_PLAIN)
		return f->real->pMethods->xWrite(f->real, in, n, off);
	if (f->kind == F_TEMP) {
		if ((tmp = malloc((size_t)n)) == NULL)
			return SQLITE_NOMEM;
		memcpy(tmp, in, (size_t)n);
		temp_xor(f, tmp, n, off);
		rc = f->real->pMethods->xWrite(f->real, tmp, n, off);
		free(tmp);
		return rc;
	}
	while (off < end) {
		stop = end;
		if (!region(f, off, &start, &len)) {
			if (stop > start + len)
				stop = start + len;
			/* A frame header: its page is written next. */
			if (f->kind == F_WAL && start >= WAL_HDR &&
			    off == start && stop - off >= 4) {
				f->hdroff = start;
				f->hdrno = (uint32_t)i[0] << 24 | i[1] << 16 |
				    i[2] << 8 | i[3];
			}
			rc = f->real->pMethods->xWrite(f->real, i, (int)(stop -
			    off), phys(f, off));
		} else if ((rc = page_no(f, start, NULL, &pgno)) != SQLITE_OK) {
			return rc;
		} else if (f->kind == F_DB && off == start && stop == start +
		    len && k->plain && k->lastno == pgno && memcmp(i,
		    k->plain, (size_t)len) == 0) {
			/* A checkpoint: the page as it is in the WAL. */
			rc = f->real->pMethods->xWrite(f->real, k->sealed,
			    k->pgsz, phys(f, start));
		} else {
			if (stop > start + len)
				stop = start + len;
			/* Part of a page: read, change, seal it again. */
			if (off != start || stop != start + len) {
				rc = read_page(f, start, NULL);
				if (rc != SQLITE_OK && rc !=
				    SQLITE_IOERR_SHORT_READ)
					return rc;
			}
			memcpy(f->buf + (off - start), i, (size_t)(stop - off));
			if (!page1_ok(f, f->buf, f->key->pgsz))
				return SQLITE_IOERR_WRITE;
			seal(f, f->buf, pgno);
			rc = f->real->pMethods->xWrite(f->real, f->buf,
			    f->key->pgsz, phys(f, start));
		}
		if (rc != SQLITE_OK)
			return rc;
		i += stop - off;
		off = stop;
	}
	return SQLITE_OK;
}

static int
c_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xTruncate(f->real, f->kind == F_DB ? size +
	    HDR_SIZE : size);
}

static int
c_sync(sqlite3_file *file, int flags)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xSync(f->real, flags);
}

static int
c_size(sqlite3_file *file, sqlite3_int64 *size)
{
	struct cfile *f = (struct cfile *)file;
	int rc = f->real->pMethods->xFileSize(f->real, size);

	if (rc == SQLITE_OK && f->kind == F_DB)
		*size = *size > HDR_SIZE ? *size - HDR_SIZE : 0;
	return rc;
}

static int
c_lock(sqlite3_file *file, int lock)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xLock(f->real, lock);
}

static int
c_unlock(sqlite3_file *file, int lock)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xUnlock(f->real, lock);
}

static int
c_reserved(sqlite3_file *file, int *out)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int
c_fcntl(sqlite3_file *file, int op, void *arg)
{
	struct cfile *f = (struct cfile *)file;
	sqlite3_int64 hint;

	if (op == SQLITE_FCNTL_SIZE_HINT && f->kind == F_DB) {
		hint = *(sqlite3_int64 *)arg + HDR_SIZE;
		return f->real->pMethods->xFileControl(f->real, op, &hint);
	}
	if (op == SQLITE_FCNTL_VFSNAME) {
		*(char **)arg = sqlite3_mprintf("crm-crypt");
		return SQLITE_OK;
	}
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int
c_sector(sqlite3_file *file)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xSectorSize(f->real);
}

static int
c_device(sqlite3_file *file)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int
c_shmmap(sqlite3_file *file, int pg, int pgsz, int extend,
    void volatile **pp)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xShmMap(f->real, pg, pgsz, extend, pp);
}

static int
c_shmlock(sqlite3_file *file, int offset, int n, int flags)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void
c_shmbarrier(sqlite3_file *file)
{
	struct cfile *f = (struct cfile *)file;

	f->real->pMethods->xShmBarrier(f->real);
}

static int
c_shmunmap(sqlite3_file *file, int del)
{
	struct cfile *f = (struct cfile *)file;

	return f->real->pMethods->xShmUnmap(f->real, del);
}

/* Version 2: no xFetch, so SQLite never maps the (sealed) file. */
static const sqlite3_io_methods methods = {
	2, c_close, c_read, c_write, c_truncate, c_sync, c_size, c_lock,
	c_unlock, c_reserved, c_fcntl, c_sector, c_device, c_shmmap,
	c_shmlock, c_shmbarrier, c_shmunmap, NULL, NULL,
};

/*
 * Whether k's database has no page yet.  Its rollback journal can then
 * hold no page (a journal keeps the pages a transaction changes that
 * were there before it), only its header: the journal of a new file
 * (VACUUM INTO writes one) is allowed, any other is refused.
 */
static int
empty_db(const struct ckey *k)
{
	struct stat sb;

	return stat(k->path, &sb) == 0 && sb.st_size <= HDR_SIZE;
}

/*
 * A file of a registered database is sealed; its rollback journal is
 * refused, but for a new file (an encrypted database is always in WAL
 * mode, and a journal would hold plain pages); temporary files are
 * sealed whenever a key is registered.
 */
static int
c_open(sqlite3_vfs *v, sqlite3_filename name, sqlite3_file *file, int flags,
    int *outflags)
{
	struct cfile *f = (struct cfile *)file;
	struct ckey *k = NULL;
	int rc;

	(void)v;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)(f + 1);
	if (flags & SQLITE_OPEN_MAIN_DB)
		k = find_key(name), f->kind = k ? F_DB : F_PLAIN;
	else if (flags & SQLITE_OPEN_WAL)
		k = find_key(sqlite3_filename_database(name)),
		    f->kind = k ? F_WAL : F_PLAIN;
	else if (flags & SQLITE_OPEN_MAIN_JOURNAL) {
		/* Plain: it can hold no page (see empty_db), or refused. */
		k = find_key(sqlite3_filename_database(name));
		if (k && !empty_db(k))
			return SQLITE_CANTOPEN;
		k = NULL, f->kind = F_PLAIN;
	} else if (keys && !(flags & SQLITE_OPEN_SUPER_JOURNAL))
		f->kind = F_TEMP;
	f->key = k;
	if (k && (f->buf = malloc(f->bufsz = (size_t)k->pgsz)) == NULL)
		return SQLITE_NOMEM;
	if (f->kind == F_TEMP) {
		crypto_stream_xchacha20_keygen(f->tkey);
		randombytes_buf(f->tnonce, sizeof f->tnonce);
	}
	rc = base->xOpen(base, name, f->real, flags, outflags);
	if (rc != SQLITE_OK) {
		free(f->buf);
		f->buf = NULL;
		return rc;
	}
	f->base.pMethods = &methods;
	return SQLITE_OK;
}

static int
v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	return base->xDelete(base, name, sync);
}

static int
v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return base->xAccess(base, name, flags, out);
}

static int
v_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return base->xFullPathname(base, name, n, out);
}

static int
v_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return base->xRandomness(base, n, out);
}

static int
v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return base->xSleep(base, us);
}

static int
v_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return base->xCurrentTime(base, out);
}

static int
v_lasterr(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return base->xGetLastError(base, n, out);
}

static int
v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return base->xCurrentTimeInt64(base, out);
}

/* The VFS's name, registered on first use (never as the default). */
const char *
crm_crypt_vfs(void)
{
	if (vfs.zName)
		return vfs.zName;
	if (sodium_init() < 0) {
		crm_fail(CRM_EX_SOFTWARE, "libsodium cannot start");
		return NULL;
	}
	if (base == NULL)
		base = sqlite3_vfs_find(NULL);
	vfs.iVersion = 2;
	vfs.szOsFile = (int)sizeof(struct cfile) + base->szOsFile;
	vfs.mxPathname = base->mxPathname;
	vfs.zName = "crm-crypt";
	vfs.xOpen = c_open;
	vfs.xDelete = v_delete;
	vfs.xAccess = v_access;
	vfs.xFullPathname = v_full;
	vfs.xRandomness = v_random;
	vfs.xSleep = v_sleep;
	vfs.xCurrentTime = v_time;
	vfs.xGetLastError = v_lasterr;
	vfs.xCurrentTimeInt64 = v_time64;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
		vfs.zName = NULL;
		crm_fail(CRM_EX_SOFTWARE, "cannot register the encrypting VFS");
		return NULL;
	}
	return vfs.zName;
}

/* The message of the last page that did not authenticate, once; or NULL. */
const char *
crm_crypt_failure(void)
{
	static char said[sizeof failure];

	if (failure[0] == '\0')
		return NULL;
	memcpy(said, failure, sizeof said);
	failure[0] = '\0';
	return said;
}

/* The header and the key */

/* 1 if path is an encrypted database, 0 if not (or absent), -1. */
int
crm_crypt_state(const char *path)
{
	char magic[MAGIC_LEN];
	int fd;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 0 : crm_fail(CRM_EX_NOINPUT, "%s:",
		    path);
	n = read(fd, magic, sizeof magic);
	close(fd);
	return n == (ssize_t)sizeof magic && memcmp(magic, MAGIC,
	    sizeof magic) == 0;
}

/* The secret a key file holds, checked like ssh checks its keys. */
static int
read_key_file(const char *var, const char *file, unsigned char *out,
    size_t *len)
{
	struct stat sb;
	ssize_t n;
	int fd;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return crm_fail(CRM_EX_NOPERM, "%s: cannot read the key file "
		    "%s:", var, file);
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return crm_fail(CRM_EX_NOPERM, "%s: %s is not a regular file",
		    var, file);
	}
	if ((sb.st_mode & 077) || sb.st_uid != getuid()) {
		close(fd);
		return crm_fail(CRM_EX_NOPERM, "%s: the key file %s has mode "
		    "%04o%s: it must be yours and readable by you alone "
		    "(chmod 600 %s)", var, file, (unsigned)(sb.st_mode & 07777),
		    sb.st_uid != getuid() ? " and is not yours" : "", file);
	}
	n = read(fd, out, 1024);
	close(fd);
	if (n < 0)
		return crm_fail(CRM_EX_NOPERM, "%s: cannot read the key file "
		    "%s:", var, file);
	if (n >= 1024) {
		sodium_memzero(out, 1024);
		return crm_fail(CRM_EX_NOPERM, "%s: the key file %s is too "
		    "long (1023 bytes at most)", var, file);
	}
	*len = (size_t)n;
	if (*len && out[*len - 1] == '\n')
		(*len)--;
	if (*len && out[*len - 1] == '\r')
		(*len)--;
	if (*len == 0)
		return crm_fail(CRM_EX_NOPERM, "%s: the key file %s is empty",
		    var, file);
	return 0;
}

/* A passphrase asked on the terminal, without echo. */
static int
ask(const char *prompt, unsigned char *out, size_t *len)
{
	struct termios old, quiet;
	FILE *tty;
	int c, ok;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return -1;
	fputs(prompt, tty);
	fflush(tty);
	ok = tcgetattr(fileno(tty), &old) == 0;
	if (ok) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	*len = 0;
	while ((c = getc(tty)) != EOF && c != '\n')
		if (*len < 1023)
			out[(*len)++] = (unsigned char)c;
	if (ok)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return 0;
}

/*
 * The secret for path: the file $var names, else a passphrase asked on
 * the terminal (twice when it is a new one).  *kind KIND_RAW for 64 hex
 * digits (a 256-bit key), else KIND_PASS.
 */
static int
get_secret(const char *path, const char *var, int twice, unsigned char *out,
    size_t *len, int *kind)
{
	unsigned char again[1024];
	const char *file = getenv(var);
	char prompt[512];
	size_t n2 = 0, i;
	int r;

	if (file && *file)
		r = read_key_file(var, file, out, len);
	else {
		snprintf(prompt, sizeof prompt, "%s for %s: ", twice ?
		    "new passphrase" : "passphrase", path);
		if (ask(prompt, out, len) < 0)
			return crm_fail(CRM_EX_NOPERM, "%s: %s and there is "
			    "no terminal to ask a passphrase on: set %s", path,
			    twice ? "no key given" : "is encrypted", var);
		r = 0;
		if (*len == 0)
			r = crm_fail(CRM_EX_NOPERM, "%s: no passphrase given",
			    path);
		else if (twice && (ask("again: ", again, &n2) < 0 || n2 !=
		    *len || sodium_memcmp(again, out, *len) != 0))
			r = crm_fail(CRM_EX_NOPERM, "%s: the passphrases "
			    "differ", path);
		sodium_memzero(again, sizeof again);
	}
	if (r < 0)
		return -1;
	*kind = KIND_PASS;
	if (*len == 64) {
		*kind = KIND_RAW;
		for (i = 0; i < 64; i++)
			if (!strchr("0123456789abcdefABCDEF", out[i]))
				*kind = KIND_PASS;
	}
	return 0;
}

/* Master key from the secret and the header's salt and parameters. */
static int
derive(const char *path, const unsigned char *secret, size_t len, int kind,
    const unsigned char *hdr, unsigned char *page, unsigned char *check)
{
	unsigned char raw[KEYLEN], master[KEYLEN];
	int r = 0;

	if (kind == KIND_RAW) {
		sodium_hex2bin(raw, sizeof raw, (const char *)secret, 64, NULL,
		    NULL, NULL);
		crypto_generichash(master, sizeof master, hdr + 52, SALT, raw,
		    sizeof raw);
	} else if (crypto_pwhash(master, sizeof master, (const char *)secret,
	    len, hdr + 52, get64(hdr + 36), (size_t)get64(hdr + 44),
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		r = crm_fail(CRM_EX_SOFTWARE, "%s: not enough memory to "
		    "stretch the passphrase", path);
	crypto_kdf_derive_from_key(page, KEYLEN, 1, KDF_CTX, master);
	crypto_kdf_derive_from_key(check, KEYLEN, 2, KDF_CTX, master);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(master, sizeof master);
	return r;
}

static void
header_mac(unsigned char *mac, const unsigned char *hdr,
    const unsigned char *check)
{
	crypto_generichash(mac, 32, hdr, MAC_AT, check, KEYLEN);
}

/* A new header for a database of pages of pgsz, sealed with secret. */
static void
new_header(unsigned char *hdr, int pgsz, int kind)
{
	memset(hdr, 0, HDR_SIZE);
	memcpy(hdr, MAGIC, MAGIC_LEN);
	hdr[27] = FORMAT;
	hdr[30] = (unsigned char)(pgsz >> 8), hdr[31] = (unsigned char)pgsz;
	hdr[29] = (unsigned char)(pgsz >> 16);
	hdr[32] = RESERVE;
	hdr[33] = (unsigned char)kind;
	hdr[34] = kind == KIND_RAW ? KDF_BLAKE2B : KDF_ARGON2ID;
	hdr[35] = 1;		/* XChaCha20-Poly1305-IETF */
	if (kind == KIND_PASS) {
		put64(hdr + 36, crypto_pwhash_OPSLIMIT_INTERACTIVE);
		put64(hdr + 44, crypto_pwhash_MEMLIMIT_INTERACTIVE);
	}
	randombytes_buf(hdr + 52, SALT);
}

static struct ckey *
add_key(const char *path, const unsigned char *hdr, const unsigned char *page)
{
	struct ckey *k;

	crm_crypt_forget(path);
	k = crm_xcalloc(1, sizeof *k);
	sodium_mlock(k, sizeof *k);	/* not to swap, if allowed */
	k->path = full_path(path);
	memcpy(k->hdr, hdr, HDR_SIZE);
	memcpy(k->page, page, KEYLEN);
	k->pgsz = hdr[29] << 16 | hdr[30] << 8 | hdr[31];
	k->next = keys;
	keys = k;
	return k;
}

static int
write_header(const char *path, const unsigned char *hdr)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return crm_fail(CRM_EX_CANTCREAT, "%s:", path);
	if (pwrite(fd, hdr, HDR_SIZE, 0) != HDR_SIZE || fsync(fd) < 0) {
		close(fd);
		return crm_fail(CRM_EX_IOERR, "%s: cannot write its header:",
		    path);
	}
	return close(fd) < 0 ? crm_fail(CRM_EX_IOERR, "%s:", path) : 0;
}

/*
 * The header's fields are used before its MAC can be checked (the KDF's
 * parameters make the key that checks it): only values format 1 allows.
 */
static int
header_sane(const unsigned char *hdr)
{
	uint32_t pgsz = (uint32_t)hdr[28] << 24 | hdr[29] << 16 | hdr[30] << 8 |
	    hdr[31];
	uint64_t ops = get64(hdr + 36), mem = get64(hdr + 44);

	if (pgsz < 512 || pgsz > 65536 || (pgsz & (pgsz - 1)) ||
	    hdr[32] != RESERVE || hdr[35] != 1)
		return 0;
	if (hdr[33] == KIND_RAW)
		return hdr[34] == KDF_BLAKE2B;
	return hdr[33] == KIND_PASS && hdr[34] == KDF_ARGON2ID &&
	    ops >= crypto_pwhash_OPSLIMIT_MIN && ops <= 64 &&
	    mem >= crypto_pwhash_MEMLIMIT_MIN && mem <= (uint64_t)4 << 30;
}

static int
read_header(const char *path, unsigned char *hdr)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return crm_fail(CRM_EX_NOINPUT, "%s:", path);
	n = pread(fd, hdr, HDR_SIZE, 0);
	close(fd);
	if (n != HDR_SIZE || memcmp(hdr, MAGIC, MAGIC_LEN) != 0)
		return crm_fail(CRM_EX_DATAERR, "%s: its encryption header is "
		    "cut short", path);
	if (get64(hdr + 24) >> 32 != FORMAT)
		return crm_fail(CRM_EX_DATAERR, "%s: encrypted in format %u, "
		    "which this crm does not know: upgrade crm", path,
		    (unsigned)(get64(hdr + 24) >> 32));
	if (!header_sane(hdr))
		return crm_fail(CRM_EX_NOPERM, "%s: its encryption header is "
		    "damaged or was tampered with", path);
	return 0;
}

/*
 * Register the key of an encrypted database, from the secret in $var
 * (or asked): an existing one's header must authenticate with it; for
 * a new one (create, the file empty) the header is written.
 */
static int
open_key(const char *path, const char *shown, const char *var, int create,
    int pgsz)
{
	unsigned char secret[1024], page[KEYLEN], check[KEYLEN], mac[32];
	unsigned char hdr[HDR_SIZE];
	size_t len = 0;
	int kind = 0, r;

	if (crm_crypt_vfs() == NULL)
		return -1;
	memset(check, 0, sizeof check);
	if (!create && read_header(path, hdr) < 0)
		return -1;
	if (get_secret(shown, var, create && !(getenv(var) && *getenv(var)),
	    secret, &len, &kind) < 0) {
		sodium_memzero(secret, sizeof secret);
		return -1;
	}
	if (create)
		new_header(hdr, pgsz, kind);
	/* The kinds differ: a wrong key, told before a raw key's header
	 * is read for a passphrase's stretching parameters it has not. */
	if (!create && hdr[33] != kind)
		r = crm_fail(CRM_EX_NOPERM, "%s: wrong key: the database was "
		    "encrypted with a %s, %s holds a %s", path, hdr[33] ==
		    KIND_RAW ? "raw key" : "passphrase", getenv(var) &&
		    *getenv(var) ? var : "the terminal gave", kind == KIND_RAW ?
		    "raw key" : "passphrase");
	else
		r = derive(path, secret, len, kind, hdr, page, check);
	sodium_memzero(secret, sizeof secret);
	header_mac(mac, hdr, check);
	if (r == 0 && create) {
		memcpy(hdr + MAC_AT, mac, 32);
		r = write_header(path, hdr);
	} else if (r == 0 && sodium_memcmp(mac, hdr + MAC_AT, 32) != 0)
		r = crm_fail(CRM_EX_NOPERM, "%s: wrong key (or its encryption "
		    "header is damaged)", path);
	if (r == 0)
		add_key(path, hdr, page);
	sodium_memzero(page, sizeof page);
	sodium_memzero(check, sizeof check);
	return r;
}

/* Whether a key was given for the database (a new one is encrypted). */
int
crm_crypt_wanted(void)
{
	const char *s = getenv("CRM_KEY_FILE");

	return s && *s;
}

/*
 * Make ready to open path: 1 and its key registered if it is encrypted
 * (or new, empty, and a key is given: then its header is written), 0 if
 * plain.
 * A key given for a plain database is refused: the user believes it is
 * encrypted.
 */
int
crm_crypt_setup(const char *path)
{
	int enc = crm_crypt_state(path);
	struct stat sb;

	if (enc < 0)
		return -1;
	if (enc)
		return open_key(path, path, "CRM_KEY_FILE", 0, 0) < 0 ? -1 : 1;
	if (!crm_crypt_wanted())
		return 0;
	/* Empty: made by this run, or left by one killed just after. */
	if (stat(path, &sb) == 0 && sb.st_size == 0)
		return open_key(path, path, "CRM_KEY_FILE", 1, 4096) < 0 ? -1 :
		    1;
	return crm_fail(CRM_EX_NOPERM, "%s: is not encrypted, but CRM_KEY_FILE "
	    "is set: encrypt it with 'crm encrypt', or unset CRM_KEY_FILE",
	    path);
}

/* A new file at copy (empty), sealed like path: the same header and key. */
int
crm_crypt_clone(const char *path, const char *copy)
{
	struct ckey *k;
	char *full = full_path(path);

	k = find_key(full);
	free(full);
	if (k == NULL)
		return 0;
	if (write_header(copy, k->hdr) < 0)
		return -1;
	add_key(copy, k->hdr, k->page);
	return 1;
}

/* Encrypt, decrypt, rekey */

static int
conv_fail(sqlite3 *conn, const char *path, int rc)
{
	const char *why = crm_crypt_failure();

	if (why)
		return crm_fail(CRM_EX_NOPERM, "%s: %s; nothing was changed",
		    path, why);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return crm_fail(CRM_EX_TEMPFAIL, "%s: database is busy: %s",
		    path, crm_busy_advice());
	return crm_fail((rc & 0xff) == SQLITE_FULL || (rc & 0xff) ==
	    SQLITE_IOERR ? CRM_EX_IOERR : CRM_EX_CANTCREAT, "%s: %s; nothing "
	    "was changed", path, conn ? sqlite3_errmsg(conn) :
	    sqlite3_errstr(rc));
}

static sqlite3 *
conv_open(const char *path, int ms)
{
	sqlite3 *conn = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, "crm-crypt");
	if (rc != SQLITE_OK) {
		conv_fail(conn, path, rc);
		sqlite3_close(conn);
		return NULL;
	}
	sqlite3_busy_timeout(conn, ms);
	return conn;
}

/* The first column of sql's first row, as an integer (or -1). */
static long long
conv_int(sqlite3 *conn, const char *sql, int col)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, col);
	sqlite3_finalize(st);
	return v;
}

/*
 * The database at conn in WAL mode.  An encrypted one has no rollback
 * journal (it would hold plain pages): the change is made with none,
 * which only a file not yet in use (a new one, a copy) may be.
 */
int
crm_crypt_wal(void *h, int sealed)
{
	sqlite3 *conn = h;
	sqlite3_stmt *st;
	int wal = 0, n = RESERVE;

	if (sealed)
		sqlite3_file_control(conn, "main", SQLITE_FCNTL_RESERVE_BYTES,
		    &n);
	if (sqlite3_prepare_v2(conn, "PRAGMA journal_mode", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") ==
		    0;
	sqlite3_finalize(st);
	if (wal)
		return SQLITE_OK;
	if (sealed && sqlite3_exec(conn, "PRAGMA journal_mode = OFF", NULL,
	    NULL, NULL) != SQLITE_OK)
		return sqlite3_errcode(conn);
	if (sqlite3_prepare_v2(conn, "PRAGMA journal_mode = WAL", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") ==
		    0;
	sqlite3_finalize(st);
	return wal ? SQLITE_OK : sqlite3_errcode(conn) != SQLITE_OK ?
	    sqlite3_errcode(conn) : SQLITE_CANTOPEN;
}

static int
fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) |
	    O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

static char *
dir_of(const char *path)
{
	char *d = crm_xstrdup(path), *slash = strrchr(d, '/');

	if (slash == d)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else {
		free(d);
		d = crm_xstrdup(".");
	}
	return d;
}

static void
unlink_set(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char *p;
	size_t i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		p = crm_xasprintf("%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

/*
 * The conversion's audit row (action: encrypt, decrypt, rekey), written
 * into the copy before it is checked (qa44 6): it is in the database if
 * and only if the rename put the copy in its place, and in the old file
 * never.  Who and when as every row (crm_actor, crm_now_str).
 */
static int
convert_audit(sqlite3 *c, const char *action)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(c, "INSERT INTO audit (at, actor, action) "
	    "VALUES (?, ?, ?)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, crm_now_str(), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, crm_actor(), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
		    sqlite3_errcode(c);
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * The copy, in tmp: sealed with the new key (op encrypts or rekeys) or
 * plain, in WAL mode, with its audit row, checked, and on the disk.
 */
static int
convert_copy(const char *path, const char *tmp, int op, int ms)
{
	static const char *const action[] = { "encrypt", "decrypt", "rekey" };
	sqlite3_stmt *st = NULL;
	sqlite3 *c, *src;
	int rc, n = RESERVE, sealed = op != CRM_CRYPT_DECRYPT, said = 0;
	const char *ok;

	/* VACUUM INTO is not for a connection in a transaction (the lock). */
	if ((src = conv_open(path, ms)) == NULL)
		return -1;
	if (sealed)
		sqlite3_file_control(src, "main", SQLITE_FCNTL_RESERVE_BYTES,
		    &n);
	rc = sqlite3_prepare_v2(src, "VACUUM INTO ?", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(src);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		conv_fail(src, path, rc);
	sqlite3_close(src);
	if (rc != SQLITE_OK || (c = conv_open(tmp, ms)) == NULL)
		return -1;
	rc = crm_crypt_wal(c, sealed);
	if (rc == SQLITE_OK)
		rc = convert_audit(c, action[op]);
	st = NULL;
	/* Every line of the check, each asked whether it is true (SQLite
	 * 3.40 has a false one: crm_sqlite_problem); while the statement
	 * runs, so its own queries read the same copy. */
	if (rc == SQLITE_OK && (rc = sqlite3_prepare_v2(c, "PRAGMA quick_check",
	    -1, &st, NULL)) == SQLITE_OK) {
		while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
			ok = (const char *)sqlite3_column_text(st, 0);
			if (ok == NULL || crm_sqlite_problem(c, ok)) {
				/* The check's words, not the connection's
				 * (which has no error: "not an error"). */
				crm_fail(CRM_EX_DATAERR, "%s: the converted "
				    "copy fails SQLite's check (%s); nothing "
				    "was changed: see crm check", path,
				    ok ? ok : "no answer");
				rc = SQLITE_CORRUPT;
				said = 1;
			}
		}
	}
	sqlite3_finalize(st);
	if (said) {
		sqlite3_close(c);
		return -1;
	}
	if (rc != SQLITE_OK) {
		conv_fail(c, path, rc);
		sqlite3_close(c);
		return -1;
	}
	if (sqlite3_close(c) != SQLITE_OK || fsync_path(tmp, 0) < 0)
		return crm_fail(CRM_EX_IOERR, "%s: cannot write the copy %s; "
		    "nothing was changed", path, tmp);
	return 0;
}

/* The old file's write lock, with its WAL empty; NULL if busy. */
static sqlite3 *
convert_lock(const char *path, const char *real, int ms)
{
	sqlite3 *conn;
	char *wal;
	struct stat sb;
	int rc, empty;

	if ((conn = conv_open(path, ms)) == NULL)
		return NULL;
	if (conv_int(conn, "PRAGMA application_id", 0) != 0x63726d31) {
		crm_crypt_failure();
		conv_fail(conn, path, sqlite3_errcode(conn) ? sqlite3_errcode(
		    conn) : SQLITE_NOTADB);
		if (crm_err_status() == CRM_EX_CANTCREAT)
			crm_fail(CRM_EX_DATAERR, "%s: not a crm database", path);
		sqlite3_close(conn);
		return NULL;
	}
	/* Every change in the file itself, then no other writer. */
	conv_int(conn, "PRAGMA wal_checkpoint(TRUNCATE)", 0);
	rc = sqlite3_exec(conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	wal = crm_xasprintf("%s-wal", real);
	empty = stat(wal, &sb) < 0 || sb.st_size == 0;
	free(wal);
	if (rc != SQLITE_OK || !empty) {
		conv_fail(conn, path, rc != SQLITE_OK ? rc : SQLITE_BUSY);
		sqlite3_close(conn);
		return NULL;
	}
	return conn;
}

/*
 * Whether a conversion killed before its rename (SIGKILL, a crash) left
 * its copy, path's .crypt-new, beside the database: a whole copy (plain
 * after a decrypt) that keeps what was in the database then, erased
 * values too (qa44 4).  Said on stderr, naming it: 1 if there, else 0
 * (a PostgreSQL database: 0).  crm_crypt_convert removes it.
 */
int
crm_crypt_leftover(const char *path)
{
	char *real, *tmp;
	int there;

	if (path == NULL || crm_pg_name(path))
		return 0;
	real = full_path(path);
	tmp = crm_xasprintf("%s.crypt-new", real);
	if ((there = access(tmp, F_OK) == 0))
		crm_warn("%s: left by a crm encrypt, decrypt or rekey that was "
		    "killed: a whole copy of the database (plain after "
		    "decrypt), which may hold erased values; remove it (the "
		    "next crm encrypt, decrypt or rekey does)", tmp);
	free(tmp);
	free(real);
	return there;
}

/*
 * Encrypt, decrypt or rekey the database at path in place: the new file
 * is written beside it, put on the disk, and renamed over the old one,
 * so a crash leaves one or the other, whole.  The old WAL is empty and
 * stays (other processes may hold it open).
 */
int
crm_crypt_convert(const char *path, int op)
{
	static const char *const verb[] = { "encrypt", "decrypt", "rekey" };
	sqlite3 *lock = NULL;
	/* The file itself, if path is a symbolic link: the link stays. */
	char *real = full_path(path), *dir = dir_of(real);
	char *tmp = crm_xasprintf("%s.crypt-new", real);
	int enc, r = -1, made = 0, ms, held = 0;
	sigset_t hold, was;

	if (crm_pg_name(path)) {
		crm_fail(CRM_EX_USAGE, "%s: crm %s is SQLite's own: a "
		    "PostgreSQL server encrypts with its own tools (an "
		    "encrypted disk, TLS), not crm", path, verb[op]);
		goto out;
	}
	if (crm_busy_timeout(&ms) < 0 || (enc = crm_crypt_state(path)) < 0 ||
	    crm_crypt_vfs() == NULL)
		goto out;
	if (access(path, F_OK) < 0) {
		crm_fail(CRM_EX_NOINPUT, "%s: no database yet (crm-add creates "
		    "it)", path);
		goto out;
	}
	if (enc == (op == CRM_CRYPT_ENCRYPT)) {
		crm_fail(CRM_EX_DATAERR, "%s: cannot %s it: it is %s", path,
		    verb[op], enc ? "already encrypted (crm rekey changes its "
		    "key)" : "not encrypted");
		goto out;
	}
	if (enc && open_key(path, path, "CRM_KEY_FILE", 0, 0) < 0)
		goto out;
	if ((lock = convert_lock(path, real, ms)) == NULL)
		goto out;
	/* With the lock held no other conversion is writing it: one that
	 * was killed left it (crm_crypt_leftover). */
	if (access(tmp, F_OK) == 0)
		crm_warn("%s: removed, left by a conversion that was killed",
		    tmp);
	unlink_set(tmp);
	if (close(open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) <
	    0) {
		crm_fail(CRM_EX_CANTCREAT, "%s:", tmp);
		goto out;
	}
	made = 1;
	if (op != CRM_CRYPT_DECRYPT && open_key(tmp, path, op ==
	    CRM_CRYPT_ENCRYPT ? "CRM_KEY_FILE" : "CRM_NEW_KEY_FILE", 1,
	    (int)conv_int(lock, "PRAGMA page_size", 0)) < 0)
		goto out;
	/*
	 * From the copy until it is renamed or removed, a signal waits (a
	 * passphrase asked above can still be given up with ^C): an
	 * interrupted decrypt must not leave a plain copy beside the
	 * encrypted file (only SIGKILL can; the next conversion removes it).
	 */
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	sigaddset(&hold, SIGQUIT);
	sigprocmask(SIG_BLOCK, &hold, &was);
	held = 1;
	if (convert_copy(path, tmp, op, ms) < 0)
		goto out;
	if (rename(tmp, real) < 0) {
		crm_fail(CRM_EX_CANTCREAT, "%s: cannot rename %s over it:",
		    path, tmp);
		goto out;
	}
	fsync_path(dir, 1);
	r = 0;
out:
	if (lock) {
		sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(lock);
	}
	if (r < 0 && made)
		unlink_set(tmp);
	crm_crypt_forget(tmp);
	crm_crypt_forget(path);
	free(tmp);
	free(real);
	free(dir);
	if (held)
		sigprocmask(SIG_SETMASK, &was, NULL);
	return r;
}

/*
 * A keyed hash of text (BLAKE2b-256 keyed with the 32 bytes keyhex
 * spells), in hex, allocated; NULL with the error kept.  The erased
 * list (erase.c) keeps only these: an address cannot be read back from
 * it, only recognised by one who has the database's key.
 */
char *
crm_crypt_mac_hex(const char *keyhex, const char *text)
{
	unsigned char key[crypto_generichash_KEYBYTES];
	unsigned char mac[crypto_generichash_BYTES];
	char hex[2 * crypto_generichash_BYTES + 1];
	size_t n;

	if (sodium_init() < 0) {
		crm_fail(CRM_EX_SOFTWARE, "libsodium cannot start");
		return NULL;
	}
	if (sodium_hex2bin(key, sizeof key, keyhex, strlen(keyhex), NULL, &n,
	    NULL) != 0 || n != sizeof key) {
		crm_fail(CRM_EX_DATAERR, "the erased list's key is damaged");
		return NULL;
	}
	crypto_generichash(mac, sizeof mac, (const unsigned char *)text,
	    strlen(text), key, sizeof key);
	sodium_memzero(key, sizeof key);
	return crm_xstrdup(sodium_bin2hex(hex, sizeof hex, mac, sizeof mac));
}

/* 32 random bytes in hex, allocated: a new key for crm_crypt_mac_hex. */
char *
crm_crypt_new_key_hex(void)
{
	unsigned char key[crypto_generichash_KEYBYTES];
	char hex[2 * crypto_generichash_KEYBYTES + 1];

	if (sodium_init() < 0) {
		crm_fail(CRM_EX_SOFTWARE, "libsodium cannot start");
		return NULL;
	}
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	sodium_memzero(key, sizeof key);
	return crm_xstrdup(hex);
}
