#!/usr/bin/env python3
"""Run a command and print "SECONDS PEAK_RSS_KB" for it on stdout, so bench
scripts need no GNU time of their own.  -q throws the command's stderr
away (the sqlite3 shell reports every row a constraint refuses).

The peak RSS is the command's own, read by /usr/bin/time (a small C
program) where there is one: getrusage() of a child forked from Python
reports at least Python's own 13 MB, which it had before the exec.
Without /usr/bin/time that is what it prints.
usage: measure.py [-q] CMD [ARG...]"""
import os
import resource
import subprocess
import sys
import tempfile
import time

args = sys.argv[1:]
quiet = args[:1] == ["-q"]
if quiet:
    args = args[1:]
gnu_time = "/usr/bin/time"
out = None
if os.access(gnu_time, os.X_OK):
    fd, out = tempfile.mkstemp(prefix="measure.")
    os.close(fd)
    args = [gnu_time, "-q", "-f", "%M", "-o", out] + args
t = time.monotonic()
rc = subprocess.run(args, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL if quiet else None).returncode
elapsed = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if out is not None:
    try:
        with open(out) as f:
            lines = [l for l in f.read().split() if l.isdigit()]
        if lines:
            rss = int(lines[-1])
    finally:
        os.unlink(out)
print("%.3f %d" % (elapsed, rss))
sys.exit(rc)
