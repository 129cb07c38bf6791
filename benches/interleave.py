#!/usr/bin/env python3
"""Alternating timing of whole commands (docs/performance.md).

Usage: python3 benches/interleave.py RUNS 'command one' 'command two' ...

Runs every command once to warm the page cache, then RUNS rounds of each command in turn,
so all of them see the same load on a shared machine; prints per command the median, the
mean, the 25th and 10th percentiles and the deciles of the wall time (fork, exec and wait
from Python included, about 0.6 ms here for /bin/true).
"""

import shlex
import statistics
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    commands = sys.argv[2:]
    argvs = [shlex.split(c) for c in commands]
    times = [[] for _ in argvs]
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for argv in argvs:
        subprocess.run(argv, **quiet)
    for _ in range(runs):
        for i, argv in enumerate(argvs):
            start = time.perf_counter()
            subprocess.run(argv, **quiet)
            times[i].append((time.perf_counter() - start) * 1000)
    for command, t in zip(commands, times):
        t.sort()
        deciles = [round(t[len(t) * q // 10], 1) for q in range(10)]
        print(
            f"median {statistics.median(t):6.2f} ms  mean {statistics.mean(t):6.2f}  "
            f"p25 {t[len(t) // 4]:6.2f}  p10 {t[len(t) // 10]:6.2f}  {command}"
        )
        print(f"  deciles {deciles}")


if __name__ == "__main__":
    main()
