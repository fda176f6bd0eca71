#!/usr/bin/env python3
"""Write N generated interactions as CSV to stdout for customers numbered
1..C as gen-customers.py makes them (user<i>@example.com): the shape of an
order and contact export.

usage: gen-interactions.py N C [SEED]
"""
import random
import sys

n, c = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
kinds = ["purchase"] * 5 + ["call", "email", "visit", "return", "complaint",
                            "feedback"]
products = ["steel pipe", "valve", "pump", "gasket", "sensor", "cable"]
out = sys.stdout
out.write("email,at,kind,product,quantity,amount,rating,ref\n")
for i in range(1, n + 1):
    k = rng.choice(kinds)
    day = rng.randrange(730)
    at = "2025-%02d-%02dT%02d:%02d:00Z" % (1 + day % 12, 1 + day % 28,
                                          rng.randrange(24), rng.randrange(60))
    if k in ("purchase", "return"):
        amt = "%d.%02d" % (rng.randrange(1, 5000), rng.randrange(100))
        if k == "return":
            amt = "-" + amt
        out.write("user%d@example.com,%s,%s,%s,%d,%s,,SO-%d\n"
                  % (rng.randrange(1, c + 1), at, k, rng.choice(products),
                     rng.randrange(1, 20), amt, i))
    elif k == "feedback":
        out.write("user%d@example.com,%s,%s,,,,%d,\n"
                  % (rng.randrange(1, c + 1), at, k, rng.randrange(1, 6)))
    else:
        out.write("user%d@example.com,%s,%s,,,,,T-%d\n"
                  % (rng.randrange(1, c + 1), at, k, i))
