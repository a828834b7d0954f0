import re,sys,glob
# gcwin.py DIR FROM TO : GC pause ms per log within wall-clock window (HH:MM:SS)
d,a,b=sys.argv[1:4]
for f in sorted(glob.glob(d+'/gc-*.log')):
    y=fu=0;ny=nf=0;after=[]
    for l in open(f):
        m=re.match(r'\[\d{4}-\d\d-\d\dT(\d\d:\d\d:\d\d)\.\d+\+0000\]\[[\d.]+s\] GC\(\d+\) (Pause \w+).*?(\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms',l)
        if not m: continue
        t,kind,bef,aft,cap,ms=m.groups()
        if not (a<=t<=b): continue
        if 'Full' in kind: fu+=float(ms); nf+=1; after.append(int(aft))
        else: y+=float(ms); ny+=1
    print(f.split('/')[-1], 'young %d: %.0f ms, full %d: %.0f ms, live after full %s'%(ny,y,nf,fu,after[:12]))
