# usage: readings.py SECONDS BATCH: 6 devices, each posting 5 batches/s of BATCH readings to sensor-service; prints status counts
import base64, datetime, json, random, sys, threading, time, urllib.request
from collections import Counter
secs, batch = int(sys.argv[1]), int(sys.argv[2]); codes = Counter(); lock = threading.Lock()
def device(n):
    auth = "Basic " + base64.b64encode(("sensor-%d:sensor-%d-dev-key" % (n, n)).encode()).decode()
    end = time.time() + secs; nxt = time.time()
    while time.time() < end:
        ts = datetime.datetime.now(datetime.timezone.utc).isoformat()
        body = json.dumps([{"deviceId": "sensor-%d" % n, "timestamp": ts, "temperature": round(random.uniform(15, 35), 2),
                            "humidity": round(random.uniform(20, 90), 1)} for i in range(batch)]).encode()
        req = urllib.request.Request("http://127.0.0.1:8083/api/sensors/readings", body,
                                     {"Content-Type": "application/json", "Authorization": auth})
        try: c = urllib.request.urlopen(req, timeout=10).status
        except urllib.error.HTTPError as e: c = e.code
        except Exception as e: c = type(e).__name__
        with lock: codes[c] += 1
        nxt += 0.2; time.sleep(max(0, nxt - time.time()))
ts = [threading.Thread(target=device, args=(n,)) for n in range(1, 7)]
[t.start() for t in ts]; [t.join() for t in ts]; print(dict(codes))
