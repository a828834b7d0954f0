import sys,re
pid=sys.argv[1]
cur=None; out=[]
for line in open(f'/proc/{pid}/smaps'):
    if re.match(r'^[0-9a-f]+-[0-9a-f]+ ',line):
        cur=line.split(None,5); cur=[cur[0], cur[5].strip() if len(cur)>5 else '', {}]; out.append(cur)
    else:
        k,v=line.split(':',1); v=v.strip().split()
        if v and v[0].isdigit(): cur[2][k]=int(v[0])
agg={}
for a,name,d in out:
    key='anon' if not name else name
    if 'app.aot' in name: key='app.aot'
    elif '.so' in name: key='libs'
    if key not in ('anon','app.aot','libs'): key='other'
    g=agg.setdefault(key,[0,0])
    g[0]+=d.get('Rss',0); g[1]+=d.get('Private_Dirty',0)
print(' '.join(f"{k}={v[0]//1024}({v[1]//1024}d)" for k,v in agg.items()))
