#!/usr/bin/env python3
"""Write the last two weeks of a company that keeps its cadences, as CSV
to stdout in gen-interactions.py's shape, for customers numbered 1..C
(user<i>@example.com): the morning of DAY (default 2026-11-23), the bench
"now".

Every customer had a call in the 13 days before DAY (1 to 12 days before,
in office hours), so every cadence rule of 14 days or more finds them
within it; every 997th customer was missed (no call: their last contact
is the history's, a year old, and their rules are due).  Every 499th
customer complained in the 4 days before DAY, so a few complaints are
open, all past a 24-hour SLA.

usage: gen-morning.py C [DAY]
"""
import datetime
import sys

c = int(sys.argv[1])
day = datetime.date.fromisoformat(sys.argv[2] if len(sys.argv) > 2
                                  else "2026-11-23")
out = sys.stdout
out.write("email,at,kind,product,quantity,amount,rating,ref\n")
for i in range(1, c + 1):
    if i % 997 != 0:
        d = day - datetime.timedelta(days=1 + i % 12)
        out.write("user%d@example.com,%sT%02d:%02d:00Z,call,,,,,M-%d\n"
                  % (i, d.isoformat(), 8 + i % 10, i % 60, i))
    if i % 701 == 0:
        d = day - datetime.timedelta(days=1 + i % 4)
        out.write("user%d@example.com,%sT%02d:%02d:00Z,complaint,,,,,MC-%d\n"
                  % (i, d.isoformat(), 9 + i % 8, i % 60, i))
