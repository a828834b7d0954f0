import os,sys,re
# cum.py PID: CPU per thread name since the process started
pid=sys.argv[1]; agg={}
for t in os.listdir(f'/proc/{pid}/task'):
    try: s=open(f'/proc/{pid}/task/{t}/stat').read()
    except OSError: continue
    name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
    k=name if 'Compiler' in name else re.sub(r'\d+','#',name); agg[k]=agg.get(k,0)+int(f[11])+int(f[12])
tot=sum(agg.values()); print(f'total {tot/100:.2f} s')
for k,v in sorted(agg.items(),key=lambda x:-x[1])[:12]: print(f'{v/100:7.2f} s {k}')
