#!/usr/bin/env python3
"""Alternating timing of whole commands (docs/performance.md).

Usage: python3 benches/interleave.py RUNS 'command one' 'command two' ...

Runs every command once to warm the page cache, then RUNS rounds of each command in turn
(every other round in reverse order), so all of them see the same load on a shared
machine; prints per command the median, the mean, the 25th and 10th percentiles and the
deciles of the wall time (fork, exec and wait from Python included, about 0.6 ms here for
/bin/true), and the median and mean CPU time (user + system of the process and its
threads), which the machine's noise moves far less.
"""

import os
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
    cpu = [[] for _ in argvs]
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for argv in argvs:
        subprocess.run(argv, **quiet)
    for round_ in range(runs):
        order = list(enumerate(argvs))
        if round_ % 2:
            order.reverse()
        for i, argv in order:
            start = time.perf_counter()
            child = subprocess.Popen(argv, **quiet)
            _, _, usage = os.wait4(child.pid, 0)
            times[i].append((time.perf_counter() - start) * 1000)
            cpu[i].append((usage.ru_utime + usage.ru_stime) * 1000)
    for command, t, c in zip(commands, times, cpu):
        t.sort()
        deciles = [round(t[len(t) * q // 10], 1) for q in range(10)]
        print(
            f"median {statistics.median(t):6.2f} ms  mean {statistics.mean(t):6.2f}  "
            f"p25 {t[len(t) // 4]:6.2f}  p10 {t[len(t) // 10]:6.2f}  {command}"
        )
        print(f"  deciles {deciles}")
        print(f"  cpu median {statistics.median(c):6.2f} ms  mean {statistics.mean(c):6.2f}")


if __name__ == "__main__":
    main()
