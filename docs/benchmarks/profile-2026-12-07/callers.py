# The outermost Micrometer frame of each sample and its caller: what the observations cost, and whose.
import re, collections, sys
events = open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]
c = collections.Counter(); n = 0
for e in events:
    frames = re.findall(r'^\s+(\S+)\(.*?\)\s+line:', e, re.M)
    if not frames:
        continue
    n += 1
    ms = [i for i, f in enumerate(frames) if 'micrometer' in f]
    if ms:
        i = ms[-1]
        c[frames[i] + '  <-  ' + (frames[i + 1] if i + 1 < len(frames) else '-')] += 1
for k, v in c.most_common(12):
    print('%5.2f%% %s' % (100 * v / n, k))
