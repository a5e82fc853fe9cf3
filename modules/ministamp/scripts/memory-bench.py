#!/usr/bin/env python3
"""Memory benchmark (issue 10 item 7, "Memory is bounded"): starts its own `./stamp up` in a fresh
data directory (with STAMP_JAVA_OPTS if set, else the stamp script's default flags), runs one workload
and prints the stamp's peak RSS (VmHWM in /proc/<pid>/status), the wall time, the failures and
whether the stamp's log holds an OutOfMemoryError; then stops the stamp and deletes the directory.

  big    CLIENTS concurrent PUTs of MIB MiB each (bodies generated while they stream, never held
         whole), then CLIENTS concurrent GETs of them, every byte compared while it streams
  mixed  modules/ministamp/scripts/mixed-load.py PORT SECONDS against the stamp

Usage: modules/ministamp/scripts/memory-bench.py big [--clients 32] [--mib 256] [--port 9400]
       modules/ministamp/scripts/memory-bench.py mixed [--seconds 90] [--port 9400]
(run from the project root; needs python3-boto3; the client runs with boto3's standard retries,
so a 503 SlowDown is retried as the SDKs do)
"""
import argparse, boto3, concurrent.futures as cf, io, os, random, shutil, signal, subprocess, sys
import tempfile, threading, time, urllib.request
from botocore.config import Config

ap = argparse.ArgumentParser()
ap.add_argument('workload', choices=['big', 'mixed'])
ap.add_argument('--port', type=int, default=9400)
ap.add_argument('--clients', type=int, default=32)
ap.add_argument('--mib', type=int, default=256)
ap.add_argument('--seconds', type=int, default=90)
args = ap.parse_args()

BASE = random.Random(7).randbytes(1 << 20)
BASE2 = memoryview(BASE + BASE)


class Pattern(io.RawIOBase):
    """Object `seed`'s bytes: a rotation of BASE per object, produced while read, seekable."""

    def __init__(self, seed, size):
        self.shift, self.size, self.pos = (seed * 7919) % len(BASE), size, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self.pos

    def seek(self, offset, whence=0):
        self.pos = {0: 0, 1: self.pos, 2: self.size}[whence] + offset
        return self.pos

    def slice(self, pos, n):
        start = (pos + self.shift) % len(BASE)
        return BASE2[start:start + min(n, len(BASE))]

    def readinto(self, b):
        n = min(len(b), self.size - self.pos)
        if n <= 0:
            return 0
        s = self.slice(self.pos, n)
        b[:len(s)] = s
        self.pos += len(s)
        return len(s)


def s3_client(port):
    return boto3.client('s3', endpoint_url=f'http://127.0.0.1:{port}', aws_access_key_id='stampede',
                        aws_secret_access_key='stampede-secret', region_name='us-east-1',
                        config=Config(max_pool_connections=max(64, args.clients * 2),
                                      retries={'max_attempts': 10, 'mode': 'standard'},
                                      read_timeout=300))


def big(port):
    s3 = s3_client(port)
    s3.create_bucket(Bucket='big')
    size = args.mib << 20
    failures = []

    def put(i):
        s3.put_object(Bucket='big', Key=f'o{i}', Body=io.BufferedReader(Pattern(i, size), 1 << 20),
                      ContentLength=size)

    def get(i):
        body = s3.get_object(Bucket='big', Key=f'o{i}')['Body']
        expected, pos = Pattern(i, size), 0
        while True:
            chunk = body.read(1 << 20)
            if not chunk:
                break
            at = 0
            while at < len(chunk):
                want = expected.slice(pos + at, len(chunk) - at)
                if chunk[at:at + len(want)] != want:
                    raise AssertionError(f'o{i} differs near byte {pos + at}')
                at += len(want)
            pos += len(chunk)
        if pos != size:
            raise AssertionError(f'o{i} read {pos} of {size} bytes')

    times = {}
    for name, op in (('put', put), ('get', get)):
        start = time.time()
        with cf.ThreadPoolExecutor(args.clients) as pool:
            for i, f in enumerate([pool.submit(op, i) for i in range(args.clients)]):
                try:
                    f.result()
                except Exception as e:
                    failures.append(f'{name} o{i}: {e}')
        times[name] = time.time() - start
    mib = args.clients * args.mib
    print(f'big: {args.clients} x {args.mib} MiB: PUT {times["put"]:.1f} s ({mib / times["put"]:.1f} MiB/s), '
          f'GET {times["get"]:.1f} s ({mib / times["get"]:.1f} MiB/s), failures {len(failures)}')
    for f in failures[:10]:
        print('  ' + f)
    return not failures


def mixed(port):
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run([sys.executable, os.path.join(here, 'mixed-load.py'), str(port), str(args.seconds)],
                         capture_output=True, text=True)
    print('mixed: ' + out.stdout.strip() + (' ' + out.stderr.strip()[-500:] if out.returncode else ''))
    return out.returncode == 0


def status(pid):
    fields = {}
    try:
        for line in open(f'/proc/{pid}/status'):
            k, _, v = line.partition(':')
            fields[k] = v.strip()
    except OSError:
        pass
    return fields


data = tempfile.mkdtemp(prefix='memory-bench-')
log_path = os.path.join(data, 'stamp.log')
log = open(log_path, 'ab')
proc = subprocess.Popen(['./stamp', 'up', '--port', str(args.port), '--data', os.path.join(data, 'stamp')],
                        stdout=log, stderr=log)
peak_rss = [0]
done = threading.Event()


def sample():
    while not done.wait(1):
        rss = status(proc.pid).get('VmRSS', '0 kB').split()[0]
        peak_rss[0] = max(peak_rss[0], int(rss))


ok = False
try:
    deadline = time.time() + 600
    while True:
        try:
            if urllib.request.urlopen(f'http://127.0.0.1:{args.port + 1}/health', timeout=2).status == 200:
                break
        except Exception:
            pass
        if proc.poll() is not None or time.time() > deadline:
            sys.exit(f'the stamp did not come up; see {log_path}')
        time.sleep(0.5)
    threading.Thread(target=sample, daemon=True).start()
    started = time.time()
    ok = big(args.port) if args.workload == 'big' else mixed(args.port)
    wall = time.time() - started
    st = status(proc.pid)
    done.set()
    oom = 'OutOfMemoryError' in open(log_path, errors='replace').read()
    print(f'stamp pid {proc.pid}: VmHWM {st.get("VmHWM")} (peak VmRSS sampled {peak_rss[0] // 1024} MiB), '
          f'wall {wall:.1f} s, OutOfMemoryError in log: {oom}, JVM flags: '
          f'{os.environ.get("STAMP_JAVA_OPTS", "(the stamp script default)")}')
    ok = ok and not oom
finally:
    done.set()
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.close()
    if ok:
        shutil.rmtree(data, ignore_errors=True)
    else:
        print(f'kept {data} (stamp.log) for a look; delete it afterwards')
sys.exit(0 if ok else 1)
