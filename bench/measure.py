#!/usr/bin/env python3
"""Run a command and print "SECONDS PEAK_RSS_KB" for it on stdout, so bench
scripts need no GNU time.  -q throws the command's stderr away (the
sqlite3 shell reports every row a constraint refuses).
usage: measure.py [-q] CMD [ARG...]"""
import resource
import subprocess
import sys
import time

args = sys.argv[1:]
quiet = args[:1] == ["-q"]
if quiet:
    args = args[1:]
t = time.monotonic()
rc = subprocess.run(args, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL if quiet else None).returncode
elapsed = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.3f %d" % (elapsed, rss))
sys.exit(rc)
