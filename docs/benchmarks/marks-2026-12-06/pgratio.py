# Transactions per inserted row in each database, per run of run.sh: python3 pgratio.py OUT
# (notifications inserts one claim per email; users three rows per registration).
import sys
out = sys.argv[1]
runs=[]
t={}
for l in open(out + '/times.txt'):
    n,k,v=l.split(); t.setdefault(n,{})[k]=int(v)
rows=[l.split() for l in open(out + '/pg.txt') if l.strip()]
for n,w in t.items():
    if 'end' not in w: continue
    for db in ('users','notifications'):
        r=[x for x in rows if x[1]==db and w['start']<=float(x[0])<=w['end']]
        if len(r)<2: continue
        a,b=r[0],r[-1]
        tx=int(b[2])-int(a[2]); ins=int(b[4])-int(a[4]); upd=int(b[5])-int(a[5])
        print(f"{n} {db}: tx {tx} inserted {ins} updated {upd} tx/inserted {tx/max(ins,1):.3f} tx/updated {tx/max(upd,1):.3f} samples {len(r)}")
