#!/usr/bin/env python3
"""Write N generated customers as CSV to stdout, the shape of a webshop or
ERP export: customers user1..userN, and about 2% more rows that are an
earlier customer again, from another spreadsheet: no customer number, the
e-mail in other case with spaces around it, so deduplication has real
work to do.

usage: gen-customers.py N [SEED]
"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
industries = ["steel", "energy", "food", "retail", "logistics", "finance"]
tiers = ["platinum", "gold", "silver", "general"]
owners = ["alice", "bob", "chen", "dana", "emil"]
cities = ["London", "北京", "上海", "Berlin", "Madrid", "Seoul"]
out = sys.stdout
out.write("Customer No,Full Name,Company,E-mail Address,Mobile Phone,"
          "Industry,Tier,Owner,City\n")
def row(no, i, email):
    out.write('%s,Customer %d,"Company %d, Ltd.",%s,+86 %010d,%s,%s,%s,%s\n'
              % (no, i, i % 5000, email, rng.randrange(10**9),
                 rng.choice(industries), rng.choice(tiers),
                 rng.choice(owners), rng.choice(cities)))


for i in range(1, n + 1):
    row("C-%d" % i, i, "user%d@example.com" % i)
    if i > 100 and rng.random() < 0.02:
        j = rng.randrange(1, i)
        row("", j, " User%d@Example.COM " % j)
