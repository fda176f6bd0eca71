#!/usr/bin/env python3
"""Write N interactions as CSV to stdout, for customers numbered 1..C as
gen-customers.py makes them, each with a summary of 3 to 8 words, Latin
and Chinese: what bench/search.sh and bench/search-pg.sh search.

usage: gen-search.py N C
"""
import random, sys
n, c = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(3)
words = ("valve spring pump gasket sensor cable steel pipe leak pressure "
         "delivery invoice late broken replaced ordered quote price "
         "discount warranty return install visit call meeting follow up "
         "asked about 阀门 弹簧 泵 报价 交货 维修 客户 满意 问题").split()
out = sys.stdout
out.write("email,at,kind,summary\n")
for i in range(1, n + 1):
    day = rng.randrange(730)
    out.write("user%d@example.com,2025-%02d-%02dT%02d:%02d:00Z,%s,%s\n" % (
        rng.randrange(1, c + 1), 1 + day % 12, 1 + day % 28,
        rng.randrange(24), rng.randrange(60),
        rng.choice(["call", "email", "visit", "note"]),
        " ".join(rng.choice(words) for _ in range(rng.randint(3, 8)))))
