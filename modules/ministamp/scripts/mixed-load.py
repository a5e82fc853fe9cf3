#!/usr/bin/env python3
"""Mixed load against a running `./stamp up`, for measuring its peak RSS: 16 threads for DURATION
seconds doing 70% GETs / 30% PUTs of 4 KiB..8 MiB objects, plus 4 threads doing 64 MiB PUTs and
GETs; prints the operation counts. Watch the stamp's VmHWM in /proc/<pid>/status meanwhile.
Usage: modules/ministamp/scripts/mixed-load.py PORT DURATION   (needs python3-boto3)
"""
import boto3, threading, time, random, sys, os
from botocore.config import Config
port = int(sys.argv[1]); duration = int(sys.argv[2])
s3 = boto3.client('s3', endpoint_url=f'http://127.0.0.1:{port}', aws_access_key_id='stampede',
                  aws_secret_access_key='stampede-secret', region_name='us-east-1',
                  config=Config(max_pool_connections=64, retries={'max_attempts': 10, 'mode': 'standard'}))
s3.create_bucket(Bucket='mix')
stop = time.time() + duration
ops = {'put': 0, 'get': 0, 'err': 0}
lock = threading.Lock()
def small(t):
    r = random.Random(t); keys = []
    while time.time() < stop:
        try:
            if not keys or r.random() < 0.3:
                k = f't{t}-{len(keys)}'; s3.put_object(Bucket='mix', Key=k, Body=os.urandom(r.choice([4096, 65536, 1 << 20, 8 << 20])))
                keys.append(k); op = 'put'
            else:
                s3.get_object(Bucket='mix', Key=r.choice(keys))['Body'].read(); op = 'get'
        except Exception as e:
            op = 'err'
        with lock: ops[op] += 1
def big(t):
    data = os.urandom(64 << 20)
    while time.time() < stop:
        try:
            s3.put_object(Bucket='mix', Key=f'big{t}', Body=data)
            body = s3.get_object(Bucket='mix', Key=f'big{t}')['Body']
            while body.read(1 << 20): pass
            with lock: ops['put'] += 1; ops['get'] += 1
        except Exception:
            with lock: ops['err'] += 1
ths = [threading.Thread(target=small, args=(i,)) for i in range(16)] + [threading.Thread(target=big, args=(i,)) for i in range(4)]
[t.start() for t in ths]; [t.join() for t in ths]
print(ops)
