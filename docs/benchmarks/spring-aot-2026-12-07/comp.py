import re,sys,collections
txt=open(sys.argv[1]).read()
ev=[]
for b in txt.split('jdk.Compilation {')[1:]:
    d=float(re.search(r'duration = ([\d.]+) (ms|s|us|ns)',b).group(1)); u=re.search(r'duration = [\d.]+ (\w+)',b).group(1)
    d = d*1000 if u=='s' else d/1000 if u=='us' else d/1e6 if u=='ns' else d
    comp=re.search(r'compiler = "(\w+)"',b).group(1); m=re.search(r'method = (\S+)',b).group(1)
    osr='isOsr = true' in b
    ev.append((comp,m,d,osr))
for c in ('c1','c2'):
    e=[x for x in ev if x[0]==c]; print(c, len(e), 'compiles', f'{sum(x[2] for x in e)/1000:.2f} s', 'osr', sum(1 for x in e if x[3]))
pk=collections.Counter(); n=collections.Counter()
for c,m,d,o in ev:
    if c!='c2': continue
    p='.'.join(m.split('(')[0].split('.')[:3]); pk[p]+=d; n[p]+=1
print('c2 by package (top):')
for p,d in pk.most_common(25): print(f'  {d:8.1f} ms {n[p]:4d} {p}')
print('c2 slowest:')
for c,m,d,o in sorted([x for x in ev if x[0]=='c2'],key=lambda x:-x[2])[:15]: print(f'  {d:7.1f} ms {m[:120]} {"OSR" if o else ""}')
