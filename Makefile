# crm - a Unix toolkit for customer relationship management.
#
#   make            build the programs
#   make check      install what is missing, build with -Werror, run t/
#   make check SAN=1  the same under AddressSanitizer and UBSan
#   make check-pg   the same tests on PostgreSQL, a throwaway server
#   make demo       install what is missing, build, run the tour on a sample
#   make install    PREFIX=/usr/local DESTDIR= (binaries, man pages, share,
#                   bash completion)
#   make bench      time crm against the sqlite3 shell and DuckDB on
#                   generated data (make bench-questions: issue 16's only;
#                   make bench-pg: PostgreSQL beside SQLite)
#   make fuzz       run the libFuzzer targets (FUZZ_TIME seconds each)

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/crm
COMPDIR  ?= $(PREFIX)/share/bash-completion/completions

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifeq ($(SAN),1)
SANFLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
endif
ALL_CFLAGS = -std=gnu11 $(WARN) $(CFLAGS) $(SANFLAGS)
ALL_CPPFLAGS = -D_GNU_SOURCE -DCRM_VERSION='"$(VERSION)"' -Ilib $(CPPFLAGS)
# libpq is not linked: lib/pg.c loads it (dlopen) when a connection string
# is first met, so that SQLite's runs do not load it and what it needs.
# SQLite, libcsv and libsodium are linked in from their .a files (Debian's
# -dev packages ship them beside the .so): as shared libraries, the dynamic
# loader's symbol look-ups at every start were 1.7 M of the 12.9 M
# instructions of a crm-log call (bench/README.md, issue 16).  A fix to
# SQLite then needs crm rebuilt; STATIC_LIBS=0 links the shared ones, and
# so does a system without the .a files.
STATIC_LIBS ?= 1
STATIC_MISSING := $(filter-out /%,$(foreach l,sqlite3 csv sodium,\
    $(shell $(CC) -print-file-name=lib$(l).a)))
ifeq ($(STATIC_LIBS)$(STATIC_MISSING),1)
LDLIBS    = -Wl,-Bstatic -lsqlite3 -lcsv -lsodium -Wl,-Bdynamic -lm
else
LDLIBS    = -lsqlite3 -lcsv -lsodium -lm
endif
# libpq's header: Debian keeps it in a directory of its own.
PG_INCLUDE := $(shell pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)

PROGS = crm crm-add crm-deal crm-log crm-remind crm-report crm-segment
BINS  = $(PROGS:%=cmd/%)
# One a schema version; lib/sqlite.c lists them in the same order.
MIGRATIONS = share/crm/migrate-2.sql share/crm/migrate-3.sql \
    share/crm/migrate-4.sql share/crm/migrate-5.sql \
    share/crm/migrate-6.sql share/crm/migrate-7.sql \
    share/crm/migrate-8.sql share/crm/migrate-9.sql \
    share/crm/migrate-10.sql share/crm/migrate-11.sql \
    share/crm/migrate-12.sql \
    share/crm/migrate-13.sql \
    share/crm/migrate-14.sql \
    share/crm/migrate-15.sql \
    share/crm/migrate-16.sql \
    share/crm/migrate-17.sql \
    share/crm/migrate-18.sql \
    share/crm/migrate-19.sql \
    share/crm/migrate-20.sql \
    share/crm/migrate-21.sql
# PostgreSQL's, after its schema (SQLite's 8); lib/pg.c lists them too.
PG_MIGRATIONS = share/crm/pg/migrate-9.sql share/crm/pg/migrate-10.sql \
    share/crm/pg/migrate-11.sql share/crm/pg/migrate-12.sql \
    share/crm/pg/migrate-13.sql share/crm/pg/migrate-14.sql \
    share/crm/pg/migrate-15.sql share/crm/pg/migrate-16.sql \
    share/crm/pg/migrate-17.sql share/crm/pg/migrate-18.sql \
    share/crm/pg/migrate-19.sql share/crm/pg/migrate-20.sql \
    share/crm/pg/migrate-21.sql
LIBOBJ = lib/agg.o lib/aggscan.o lib/copy.o lib/country.o \
         lib/crypt.o lib/cust.o lib/db.o lib/deal.o lib/dealimport.o \
         lib/erase.o lib/err.o lib/expr.o lib/grant.o lib/hint.o lib/html.o lib/iaimport.o lib/import.o \
         lib/jsonl.o lib/ldif.o lib/key.o lib/log.o lib/model.o lib/money.o lib/nfc.o lib/notify.o lib/org.o \
         lib/out.o lib/own.o lib/rec.o lib/recv.o lib/remimport.o lib/remind.o lib/report.o lib/schema.o \
         lib/pg.o lib/pgschema.o lib/risk.o lib/search.o lib/seg.o lib/smalloc.o lib/sqlite.o lib/store.o lib/tally.o lib/undo.o lib/util.o \
         lib/vcard.o lib/when.o
MAN1  = $(PROGS:%=man/%.1)
MAN7  = man/crm.7

all: $(BINS)

# Rebuild everything when the flags change (a SAN=1 or WERROR=1 build must
# not reuse objects built without them, nor a STATIC_LIBS=0 one programs
# linked with them).
BUILD_LINE = $(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) $(LDLIBS)
.flags: FORCE
	@echo '$(BUILD_LINE)' | cmp -s - $@ || echo '$(BUILD_LINE)' > $@

# The schema and its migrations, compiled in as C strings.
lib/schema.c: share/crm/schema.sql $(MIGRATIONS)
	{ echo '/* generated from share/crm by make: do not edit */'; \
	  echo 'const char crm_schema_sql[] = {'; \
	  od -An -v -tx1 share/crm/schema.sql | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  for f in $(MIGRATIONS); do \
	    n=$${f##*migrate-}; \
	    echo "const char crm_migrate_$${n%.sql}_sql[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0x00 };'; \
	  done; } > $@.tmp && mv $@.tmp $@

# PostgreSQL's schema (lib/pg.c) and its per-rep access (lib/grant.c),
# compiled in the same way.
lib/pgschema.c: share/crm/pg/schema.sql $(PG_MIGRATIONS) share/crm/pg/rls.sql
	{ echo '/* generated from share/crm/pg by make: do not edit */'; \
	  echo 'const char crm_pg_schema_sql[] = {'; \
	  od -An -v -tx1 share/crm/pg/schema.sql | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  for f in $(PG_MIGRATIONS); do \
	    n=$${f##*migrate-}; \
	    echo "const char crm_pg_migrate_$${n%.sql}_sql[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0x00 };'; \
	  done; \
	  echo 'const char crm_pg_rls_sql[] = {'; \
	  od -An -v -tx1 share/crm/pg/rls.sql | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; } > $@.tmp && mv $@.tmp $@

lib/pg.o: lib/pg.c lib/crm.h .flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I$(PG_INCLUDE) -c -o $@ lib/pg.c

lib/%.o: lib/%.c lib/crm.h .flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ $<

lib/libcrm.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

cmd/prog.o: cmd/prog.c cmd/prog.h lib/crm.h .flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd -c -o $@ cmd/prog.c

cmd/%: cmd/%.c cmd/prog.o lib/libcrm.a lib/crm.h cmd/prog.h .flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd $(LDFLAGS) -o $@ $< cmd/prog.o \
	    lib/libcrm.a $(LDLIBS)

deps:
	@sh .ci/deps

check: deps
	$(MAKE) WERROR=1 all fuzz-replay t/lib/libcheck
	PATH="$(CURDIR)/cmd:$$PATH" bats t

# The same suite on PostgreSQL (lib/pg.c, doc/scale.md): a throwaway
# server started from .ci/pg, every test file run with its databases on
# it (t/helper.bash's CRM_TEST_ENGINE=pg; a test that is SQLite's own
# skips, saying why; t/900 to t/940 compare the engines), the
# server gone.  The files that compare the engines themselves run in
# `make check` already, the same on either setting, so not twice.
ENGINE_TESTS = t/900-pg.bats t/910-copy.bats t/920-rls.bats \
    t/930-pg-writers.bats t/940-pg-search.bats
check-pg: deps
	$(MAKE) WERROR=1 all t/lib/libcheck
	@d=$$(mktemp -d /tmp/crm-pg.XXXXXX) && \
	    CRM_PG=$$(sh .ci/pg start $$d) || { rm -rf $$d; exit 1; }; \
	    CRM_TEST_ENGINE=pg CRM_PG="$$CRM_PG" \
	    PATH="$(CURDIR)/cmd:$$PATH" \
	    bats $(filter-out $(ENGINE_TESTS),$(sort $(wildcard t/*.bats))); \
	    rc=$$?; sh .ci/pg stop $$d; exit $$rc

# The library's own promises, checked from a program linked with it alone.
t/lib/libcheck: t/lib/libcheck.c lib/libcrm.a lib/crm.h .flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -o $@ t/lib/libcheck.c \
	    lib/libcrm.a $(LDLIBS)

# Fuzzing: libFuzzer targets for every parser and escaper (clang).  `make
# fuzz` runs each for FUZZ_TIME seconds and grows its corpus; `make check`
# replays every corpus once with the ordinary compiler.
FUZZ_TARGETS = escape expr rec vcard when
FUZZ_TIME ?= 60
LIBSRC = $(LIBOBJ:.o=.c)

fuzz/bin/%-replay: fuzz/%.c fuzz/driver.c fuzz/fuzz.h lib/libcrm.a .flags
	@mkdir -p fuzz/bin
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -o $@ fuzz/$*.c fuzz/driver.c \
	    lib/libcrm.a $(LDLIBS)

fuzz-replay: $(FUZZ_TARGETS:%=fuzz/bin/%-replay)
	@for t in $(FUZZ_TARGETS); do \
	    fuzz/bin/$$t-replay fuzz/corpus/$$t/* || exit 1; done

fuzz/bin/%-fuzz: fuzz/%.c fuzz/fuzz.h $(LIBSRC) lib/crm.h
	@mkdir -p fuzz/bin
	clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	    $(ALL_CPPFLAGS) -o $@ fuzz/$*.c $(LIBSRC) $(LDLIBS)

fuzz: $(FUZZ_TARGETS:%=fuzz/bin/%-fuzz)
	@for t in $(FUZZ_TARGETS); do \
	    echo "fuzz: $$t for $(FUZZ_TIME)s"; \
	    fuzz/bin/$$t-fuzz -max_total_time=$(FUZZ_TIME) -timeout=10 \
	        -rss_limit_mb=1024 -detect_leaks=0 -print_final_stats=1 \
	        -artifact_prefix=fuzz/bin/$$t- \
	        fuzz/corpus/$$t >fuzz/bin/$$t.log 2>&1 || \
	        { tail -n 40 fuzz/bin/$$t.log; exit 1; }; \
	    grep -h 'number_of_executed_units' fuzz/bin/$$t.log; done

demo: deps
	$(MAKE) all
	PATH="$(CURDIR)/cmd:$$PATH" sh share/crm/demo.sh

# Speed as a ratio to an anchor timed in the same run (see bench/README.md).
# bench-questions: issue 16's questions, crm / sqlite3 / DuckDB, at
# BENCH_GROWTH_INTERACTIONS and BENCH_INTERACTIONS interactions.
BENCH_CUSTOMERS ?= 1000000
BENCH_INTERACTIONS ?= 10000000
BENCH_GROWTH_INTERACTIONS ?= 2000000
bench-questions: all
	sh bench/questions.sh $(BENCH_CUSTOMERS) $(BENCH_GROWTH_INTERACTIONS) \
	    $(BENCH_INTERACTIONS)

# bench-pg: crm on PostgreSQL beside SQLite, each against its anchor (a
# throwaway server from .ci/pg, or CRM_PG); left out, with a note, where
# PostgreSQL is not installed.
bench-pg: all
	sh bench/pg.sh $(BENCH_CUSTOMERS) $(BENCH_GROWTH_INTERACTIONS) \
	    $(BENCH_INTERACTIONS)

bench: all
	sh bench/questions.sh $(BENCH_CUSTOMERS) $(BENCH_GROWTH_INTERACTIONS) \
	    $(BENCH_INTERACTIONS)
	sh bench/pg.sh $(BENCH_CUSTOMERS) $(BENCH_GROWTH_INTERACTIONS) \
	    $(BENCH_INTERACTIONS)
	sh bench/import.sh $(BENCH_CUSTOMERS)
	sh bench/log.sh $(BENCH_INTERACTIONS) $(BENCH_CUSTOMERS)
	sh bench/segment.sh $(BENCH_INTERACTIONS) $(BENCH_CUSTOMERS)
	sh bench/report.sh $(BENCH_INTERACTIONS) $(BENCH_CUSTOMERS)
	sh bench/deals.sh $(BENCH_DEALS) $(BENCH_DEAL_CUSTOMERS)
	sh bench/orgs.sh $(BENCH_CUSTOMERS) $(BENCH_ORGS) $(BENCH_ORG_INTERACTIONS)
	sh bench/crypt.sh $(BENCH_CRYPT_CUSTOMERS) $(BENCH_CRYPT_INTERACTIONS)
	sh bench/search.sh $(BENCH_INTERACTIONS) $(BENCH_CUSTOMERS)

# The reliability promises at full size (t/800-reliability.bats runs them
# small): 8 writers x 500 writes, 10 kills each of a 200,000-row import,
# of --apply and of crm-remind done.
stress: all
	PATH="$(CURDIR)/cmd:$$PATH" bash bench/stress.sh all

install: all install-completion
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(SHAREDIR)
	install -m 0755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -m 0644 share/crm/schema.sql $(MIGRATIONS) share/crm/demo.sh \
	    share/crm/sample-customers.csv share/crm/sample-update.csv \
	    share/crm/sample-orders.csv share/crm/crontab.example \
	    $(DESTDIR)$(SHAREDIR)
	install -d $(DESTDIR)$(SHAREDIR)/pg
	install -m 0644 share/crm/pg/schema.sql $(PG_MIGRATIONS) \
	    share/crm/pg/rls.sql $(DESTDIR)$(SHAREDIR)/pg

# bash completion: one file for every program, a link for each crm-* name
# (bash-completion loads a command's file by its name).
install-completion:
	install -d $(DESTDIR)$(COMPDIR)
	install -m 0644 share/bash-completion/completions/crm $(DESTDIR)$(COMPDIR)
	for p in $(filter-out crm,$(PROGS)); do \
	    ln -sf crm $(DESTDIR)$(COMPDIR)/$$p || exit 1; done

uninstall:
	cd $(DESTDIR)$(BINDIR) && rm -f $(PROGS)
	cd $(DESTDIR)$(MANDIR)/man1 && rm -f $(PROGS:%=%.1)
	rm -f $(DESTDIR)$(MANDIR)/man7/crm.7
	rm -rf $(DESTDIR)$(SHAREDIR)
	cd $(DESTDIR)$(COMPDIR) && rm -f $(PROGS)

clean:
	rm -f $(BINS) t/lib/libcheck cmd/*.o lib/*.o lib/libcrm.a lib/schema.c lib/pgschema.c .flags
	rm -rf fuzz/bin

.PHONY: all bench bench-pg bench-questions check check-pg clean demo deps fuzz fuzz-replay install install-completion stress uninstall FORCE
