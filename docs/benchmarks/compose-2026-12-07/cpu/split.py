# Splits proc-stat.log (stat.sh: epoch, then /proc/stat's cpu line, every 2 s) by minute since
# its start: the machine's idle, user, system and soft-interrupt shares, as in docs/benchmarks.md.
import collections, sys
rows = [l.split() for l in open(sys.argv[1] if len(sys.argv) > 1 else 'proc-stat.log')]
by = collections.defaultdict(list)
for a, b in zip(rows, rows[1:]):
    d = [int(y) - int(x) for x, y in zip(a[2:], b[2:])]
    total = sum(d)
    if total > 0:
        by[(int(a[0]) - int(rows[0][0])) // 60].append((d[3], d[0] + d[1], d[2], d[6], total))
for minute, samples in sorted(by.items()):
    t = sum(s[4] for s in samples)
    print(minute, 'idle %.1f user %.1f sys %.1f softirq %.1f' % tuple(100 * sum(s[i] for s in samples) / t for i in range(4)))
