#!/usr/bin/env python3
"""Run a command and print "SECONDS PEAK_RSS_KB" for it on stderr's last
line, so bench scripts need no GNU time.  usage: measure.py CMD [ARG...]"""
import resource
import subprocess
import sys
import time

t = time.monotonic()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.3f %d" % (elapsed, rss))
sys.exit(rc)
