import re,collections,sys
txt=open(sys.argv[1]).read()
events=txt.split('jdk.ExecutionSample')[1:]
thr=collections.Counter(); inc=collections.Counter(); n=0
keys=sys.argv[2].split(',') if len(sys.argv)>2 else []
for e in events:
    frames=re.findall(r'^\s+(\S+)\(.*?\)\s+line:',e,re.M)
    t=re.search(r'sampledThread = "([^"]*)"',e)
    if not frames: continue
    n+=1
    name=re.sub(r'\d+','N',t.group(1)) if t else '?'
    thr[name]+=1
    s=' '.join(frames)
    for k in keys:
        if k in s: inc[k]+=1
print('samples',n)
for k,v in thr.most_common(12): print('%6.2f%% %s'%(100*v/n,k))
print('--- inclusive')
for k in keys: print('%6.2f%% %s'%(100*inc[k]/n,k))
