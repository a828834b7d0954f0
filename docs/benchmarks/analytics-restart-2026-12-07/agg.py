import re,sys,collections
after=sys.argv[2]
txt=open(sys.argv[1]).read()
evs=txt.split('jdk.ExecutionSample {')[1:]
top=collections.Counter(); pk=collections.Counter(); thr=collections.Counter(); n=0
for e in evs:
    m=re.search(r'startTime = (\S+)',e); t=m.group(1)
    # times like 08:10:22.500 (local?) compare HH:MM:SS.mmm
    if t[:12] < after: continue
    n+=1
    th=re.search(r'sampledThread = "([^"]*)"',e); thr[th.group(1) if th else '?']+=1
    frames=re.findall(r'^\s+([\w$.<>/]+)\(',e,re.M)
    if frames: top[frames[0]]+=1
    seen=set()
    for f in frames:
        p='.'.join(f.split('.')[:4])
        if p not in seen: seen.add(p); pk[p]+=1
print(n,'samples after',after)
print('threads',thr.most_common(8))
print('top frames'); [print(' ',c,f) for f,c in top.most_common(15)]
print('packages (inclusive)'); [print(' ',c,f) for f,c in pk.most_common(25)]
