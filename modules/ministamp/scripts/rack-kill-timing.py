#!/usr/bin/env python3
"""Times a rack failure against a running `./stamp up`: a boto3 writer keeps PUTting objects of
1 KiB..1 MiB, rack r2 is killed through the console, and the script prints the time from the kill
to the first acknowledged PUT started after it, the time until the stamp reports no
under-replicated extent, and whether every acknowledged object reads back identical.
Usage: modules/ministamp/scripts/rack-kill-timing.py [PORT [DATA]]
       (defaults 9000 and stamp-data, as given to ./stamp up; needs python3-boto3)
"""
import boto3, threading, time, json, urllib.request, random, hashlib, sys
port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
console = f"http://127.0.0.1:{port+1}"
data = sys.argv[2] if len(sys.argv) > 2 else 'stamp-data'
token = open(f'{data}/console.token').read().strip()
s3 = boto3.client('s3', endpoint_url=f'http://127.0.0.1:{port}', aws_access_key_id='stampede',
                  aws_secret_access_key='stampede-secret', region_name='us-east-1')
for b in ['rk-alpha', 'rk-mike', 'rk-zulu']:
    try: s3.create_bucket(Bucket=b)
    except Exception: pass
acked = {}; events = []; stop = False
def writer():
    rnd = random.Random(7); i = 0
    while not stop:
        b = rnd.choice(['rk-alpha', 'rk-mike', 'rk-zulu']); k = f'obj-{i}'; i += 1
        data = rnd.randbytes(rnd.randint(1024, 1 << 20))
        t = time.time()
        try:
            s3.put_object(Bucket=b, Key=k, Body=data); acked[(b, k)] = hashlib.md5(data).hexdigest()
            events.append((t, time.time(), True))
        except Exception as e:
            events.append((t, time.time(), False))
def status():
    return json.load(urllib.request.urlopen(console + '/status'))
th = threading.Thread(target=writer); th.start()
time.sleep(5)
t0 = time.time()
urllib.request.urlopen(urllib.request.Request(console + '/admin/kill-rack?rack=r2', method='POST',
                                              headers={'Authorization': 'Bearer ' + token})).read()
seen_under = False; healed = None
while time.time() - t0 < 120:
    st = status(); u = st['underReplicated'] + st.get('extentsNeedingRepair', 0)
    if u > 0: seen_under = True
    if seen_under and u == 0: healed = time.time() - t0; break
    time.sleep(0.1)
time.sleep(2); stop = True; th.join()
after = [e for e in events if e[0] >= t0]
first_ok = min((e[1] - t0 for e in after if e[2]), default=None)
failed = sum(1 for e in events if not e[2])
lat_around = max((e[1] - e[0] for e in events if abs(e[0] - t0) < 10), default=0)
bad = 0
for (b, k), md5 in acked.items():
    if hashlib.md5(s3.get_object(Bucket=b, Key=k)['Body'].read()).hexdigest() != md5: bad += 1
fmt = lambda s: "never" if s is None else f"{s:.2f} s"
print(f"PUTs: {len(events)} total, {failed} failed; first PUT started after the kill acknowledged "
      f"{fmt(first_ok)} after it; slowest PUT around the kill {lat_around:.2f} s; "
      f"full re-replication {fmt(healed)} after the kill; acknowledged objects read back: {len(acked)-bad}/{len(acked)}")
sys.exit(0 if bad == 0 and healed is not None else 1)
