#!/usr/bin/env python3
"""Issue 10's reproduction against a running `./stamp up`: three 8 MiB PUTs trickle in over 25 s
(presigned, so UNSIGNED-PAYLOAD, plain HTTP) while `./stamp move p2 ps2`, `move p2 ps1`,
`move p2 ps2` run 4 s apart and two boto3 writers put 1 KiB-3 MiB objects into the same bucket
(keys of range p2) the whole time. Then every acknowledged object is read back and compared, and
every slow PUT that failed must be absent or whole. Prints the verdict; exits 1 on a broken object
or a 500.
Usage: modules/ministamp/scripts/move-repro.py PORT [STAMP_VERB_FLAGS...]   (needs python3-boto3)
  e.g. ./stamp up --port 19300 --data /tmp/repro & ; move-repro.py 19300 --port 19300 --data /tmp/repro
"""
import boto3, hashlib, http.client, os, random, subprocess, sys, threading, time, urllib.parse
from botocore.config import Config

port = int(sys.argv[1]); verb_flags = sys.argv[2:]
here = os.path.dirname(os.path.abspath(__file__))
stamp = os.path.join(here, '..', '..', '..', 'stamp')
s3 = boto3.client('s3', endpoint_url=f'http://127.0.0.1:{port}', aws_access_key_id='stampede',
                  aws_secret_access_key='stampede-secret', region_name='us-east-1',
                  config=Config(s3={'addressing_style': 'path'}, signature_version='s3v4',
                                max_pool_connections=16))
BUCKET = 'repro'  # 'r' > 'p': the bucket's keys live in range p2 of a fresh stamp
s3.create_bucket(Bucket=BUCKET)
acked, failed, statuses = {}, {}, {}
lock = threading.Lock()
stop = time.time() + 30

def writer(t):
    r = random.Random(t); i = 0
    while time.time() < stop:
        key = f'w{t}-{i}'; i += 1
        data = os.urandom(r.randint(1024, 3 << 20))
        try:
            s3.put_object(Bucket=BUCKET, Key=key, Body=data)
            with lock: acked[key] = hashlib.md5(data).hexdigest()
        except Exception as e:
            code = getattr(e, 'response', {}).get('ResponseMetadata', {}).get('HTTPStatusCode', 'error')
            with lock:
                failed[key] = hashlib.md5(data).hexdigest(); statuses[code] = statuses.get(code, 0) + 1

def trickle(n):
    key = f'slow-{n}'; data = os.urandom(8 << 20)
    url = urllib.parse.urlparse(s3.generate_presigned_url('put_object', Params={'Bucket': BUCKET, 'Key': key}, ExpiresIn=600))
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
    try:
        conn.putrequest('PUT', url.path + '?' + url.query, skip_accept_encoding=True)
        conn.putheader('Content-Length', str(len(data))); conn.endheaders()
        piece = len(data) // 100
        for at in range(0, len(data), piece):
            conn.send(data[at:at + piece]); time.sleep(0.25)
        status = conn.getresponse().status
    except Exception as e:
        status = f'error {e.__class__.__name__}'
    with lock:
        statuses[f'slow {status}'] = statuses.get(f'slow {status}', 0) + 1
        (acked if status == 200 else failed)[key] = hashlib.md5(data).hexdigest()

threads = [threading.Thread(target=writer, args=(t,)) for t in range(2)] + \
          [threading.Thread(target=trickle, args=(n,)) for n in range(3)]
for t in threads: t.start()
for i, server in enumerate(['ps2', 'ps1', 'ps2']):
    time.sleep(4)
    out = subprocess.run([stamp, 'move', 'p2', server] + verb_flags, capture_output=True, text=True)
    print(f'{time.strftime("%H:%M:%S")} ./stamp move p2 {server}: {(out.stdout + out.stderr).strip()}')
for t in threads: t.join()

broken = []
for key, md5 in acked.items():
    try:
        got = hashlib.md5(s3.get_object(Bucket=BUCKET, Key=key)['Body'].read()).hexdigest()
        if got != md5: broken.append(f'{key}: other bytes')
    except Exception as e:
        broken.append(f'{key}: {e}')
half = []
for key, md5 in failed.items():
    try:
        got = hashlib.md5(s3.get_object(Bucket=BUCKET, Key=key)['Body'].read()).hexdigest()
        if got != md5: half.append(key)
    except s3.exceptions.NoSuchKey:
        pass
print(f'acknowledged PUTs: {len(acked)}, broken on read-back: {len(broken)} {broken[:5]}')
print(f'failed PUTs: {len(failed)} by status {statuses}; present but not whole: {len(half)}')
fivehundreds = sum(v for k, v in statuses.items() if '500' in str(k))
sys.exit(1 if broken or half or fivehundreds else 0)
