#!/usr/bin/env python3
"""Garbage-collection benchmark (issue 10): starts its own `./stamp up` in a fresh data directory,
overwrites one 1 MiB key 2,000 times, writes 10,000 small objects (8 KiB) and deletes 90% of them,
then samples every 5 s for 2 minutes the bytes of the extent files on every extent node's disk
against the bound 1.5 x (3 x live bytes) + the open extents' files, while reading the live objects
back. With --kill it kills -9 the stamp in the middle of a forced gc pass, starts it again on the
same data and checks that every live object reads back and the space still comes back.
Usage: modules/ministamp/scripts/gc-bench.py [--kill] [--port 9300] [--scale 1.0]
       (run from the project root; needs python3-boto3; prints one line per sample and a verdict)
"""
import argparse, boto3, concurrent.futures as cf, glob, hashlib, json, os, random, shutil, signal
import subprocess, sys, tempfile, time, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument('--port', type=int, default=9300)
ap.add_argument('--scale', type=float, default=1.0, help='fraction of the workload (1.0: as specified)')
ap.add_argument('--kill', action='store_true')
ap.add_argument('--keep', action='store_true', help='keep the data directory')
args = ap.parse_args()
port, console = args.port, f'http://127.0.0.1:{args.port + 1}'
data = tempfile.mkdtemp(prefix='gc-bench-')
log = open(os.path.join(data, 'stamp.log'), 'ab')
proc = None

def up():
    global proc
    proc = subprocess.Popen(['./stamp', 'up', '--port', str(port), '--data', data], stdout=log, stderr=log)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(console + '/health', timeout=2).status == 200:
                return
        except Exception:
            pass
        time.sleep(0.5)
    sys.exit('the stamp did not come up; see ' + data + '/stamp.log')

def admin(verb):
    token = open(os.path.join(data, 'console.token')).read().strip()
    req = urllib.request.Request(console + '/admin/' + verb, method='POST',
                                 headers={'Authorization': 'Bearer ' + token})
    return urllib.request.urlopen(req, timeout=300).read().decode()

def status():
    return json.load(urllib.request.urlopen(console + '/status', timeout=30))

def disk():
    """Bytes of every extent file, and of the open extents' files."""
    st = status()
    open_ids = {e['id'] for e in st['extents'] if not e['sealed']}
    total = opened = 0
    for f in glob.glob(os.path.join(data, '**', '*.ext'), recursive=True):
        try:
            n = os.path.getsize(f)
        except OSError:
            continue
        total += n
        if os.path.basename(f)[:-4] in open_ids:
            opened += n
    return total, opened, st

up()
s3 = boto3.client('s3', endpoint_url=f'http://127.0.0.1:{port}', aws_access_key_id='stampede',
                  aws_secret_access_key='stampede-secret', region_name='us-east-1')
s3.create_bucket(Bucket='gc-bench')
live = {}
overwrites, smalls = int(2000 * args.scale), int(10000 * args.scale)
t0 = time.time()
big = b''
for i in range(overwrites):
    big = random.Random(i).randbytes(1 << 20)
    s3.put_object(Bucket='gc-bench', Key='big', Body=big)
live['big'] = hashlib.md5(big).hexdigest()
t1 = time.time()

def put_small(i):
    body = random.Random(10**6 + i).randbytes(8192)
    s3.put_object(Bucket='gc-bench', Key=f'small/{i}', Body=body)
    return i, hashlib.md5(body).hexdigest()

def delete_small(i):
    s3.delete_object(Bucket='gc-bench', Key=f'small/{i}')

with cf.ThreadPoolExecutor(8) as pool:
    for i, md5 in pool.map(put_small, range(smalls)):
        live[f'small/{i}'] = md5
    doomed = [i for i in range(smalls) if i % 10 != 0]
    list(pool.map(delete_small, doomed))
for i in doomed:
    del live[f'small/{i}']
t2 = time.time()
live_bytes = (1 << 20) + 8192 * (len(live) - 1)
print(f'workload: {overwrites} overwrites of 1 MiB in {t1 - t0:.0f} s, {smalls} small PUTs and {len(doomed)} '
      f'DELETEs in {t2 - t1:.0f} s; live {live_bytes} bytes in {len(live)} objects', flush=True)

def check_reads():
    bad = 0
    for k, md5 in live.items():
        if hashlib.md5(s3.get_object(Bucket='gc-bench', Key=k)['Body'].read()).hexdigest() != md5:
            bad += 1
    return bad

if args.kill:
    import threading
    threading.Thread(target=lambda: admin('gc'), daemon=True).start()
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    print('killed -9 the stamp in the middle of a gc pass; starting it again', flush=True)
    up()

bound_ok = False
end = time.time() + 120
while True:
    total, opened, st = disk()
    bound = 1.5 * 3 * live_bytes + opened
    bad = check_reads()
    bound_ok = total <= bound
    print(f't+{time.time() - t2:5.0f} s: extent files {total / 2**20:8.1f} MiB (open extents {opened / 2**20:6.1f} MiB), '
          f'bound {bound / 2**20:7.1f} MiB, stored/live {total / live_bytes:6.1f}x, reads wrong {bad}', flush=True)
    if bad or time.time() > end:
        break
    time.sleep(5)
print(f'verdict: {"within" if bound_ok else "OVER"} the bound 2 minutes after the workload; '
      f'{"every live object reads back" if not bad else str(bad) + " objects read back wrong"}')
proc.send_signal(signal.SIGTERM)
proc.wait()
if not args.keep:
    shutil.rmtree(data, ignore_errors=True)
sys.exit(0 if bound_ok and not bad else 1)
