#!/usr/bin/env python3
"""gen-deals.py N C: N deals as a HubSpot-like export for the customers
user1..userC@example.com that gen-customers.py makes, with stages, amounts,
close dates and creation dates spread as a real pipeline's are."""
import random
import sys

n, c = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(11)
stages = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]
weights = [30, 20, 15, 10, 15, 10]
owners = ["ann", "bob", "chen", "dana", "eve"]
print("Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,"
      "Deal owner,Email")
for i in range(1, n + 1):
    stage = rnd.choices(stages, weights)[0]
    cm = rnd.randrange(24)         # close: 2026-01 .. 2027-12
    close = "%d-%02d-%02d" % (2026 + cm // 12, cm % 12 + 1, rnd.randrange(1, 29))
    made = rnd.randrange(12)       # created: 2025-06 .. 2026-05
    created = "%d-%02d-%02dT%02d:00:00Z" % (2025 + (made + 5) // 12,
                                           (made + 5) % 12 + 1,
                                           rnd.randrange(1, 29),
                                           rnd.randrange(24))
    amount = "%d.%02d" % (rnd.randrange(500, 200000), rnd.randrange(100))
    print("%d,Deal %d,%s,%s,%s,%s,%s,user%d@example.com" % (
        i, i, stage, amount, close, created, rnd.choice(owners),
        rnd.randrange(1, c + 1)))
