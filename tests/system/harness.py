"""Shared pieces of the system tests: a real `ordo serve` process and a small HTTP client.

Python 3 standard library only. The server always runs on a loopback port the kernel picked, with
its own data directory, and is killed when the test ends (also on failure or Ctrl-C).
"""

import atexit
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time

HEALTH_TIMEOUT_S = 20.0


def free_port():
    """A loopback port that was free a moment ago (the kernel picked it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> value
        self.body = body  # bytes
        self._json = None
        self._parsed = False

    @property
    def json(self):
        if not self._parsed:
            self._parsed = True
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self._json = None
        return self._json

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        text = self.text
        if len(text) > 600:
            text = text[:600] + "..."
        return "HTTP %d %s" % (self.status, text)


class Client:
    """A keep-alive HTTP/1.1 client for one thread. Connection errors propagate as OSError or
    http.client.HTTPException; the connection is then dropped and re-opened on the next call."""

    def __init__(self, port, timeout=30.0):
        self.port = port
        self.timeout = timeout
        self.conn = None

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None

    def request(self, method, path, body=None, headers=None, content_type="application/json"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
        elif isinstance(body, str):
            body = body.encode("utf-8")
        hdrs = {}
        if body is not None:
            hdrs["Content-Type"] = content_type
        if headers:
            hdrs.update(headers)
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            self.conn.request(method, path, body=body, headers=hdrs)
            r = self.conn.getresponse()
            data = r.read()
            resp = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
            if r.will_close:
                self.close()
            return resp
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, key=None, headers=None, **kw):
        hdrs = dict(headers or {})
        if key is not None:
            hdrs["Idempotency-Key"] = key
        return self.request("POST", path, body=body if body is not None else {}, headers=hdrs, **kw)


_servers = []


def _kill_all():
    for s in list(_servers):
        s.kill9()


atexit.register(_kill_all)


def _on_signal(signum, frame):
    _kill_all()
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _on_signal)


class Server:
    """One `ordo serve` process on a fresh loopback port."""

    def __init__(self, ordo, data_dir, log_path, demo=None):
        self.ordo = ordo
        self.data_dir = data_dir
        self.log_path = log_path
        self.demo = demo
        self.proc = None
        self.port = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        last_error = None
        for _ in range(3):  # the port may be taken between picking and listening
            self.port = free_port()
            args = [self.ordo, "serve", "--listen", "127.0.0.1:%d" % self.port, "--data-dir", self.data_dir]
            if self.demo:
                args += ["--demo", self.demo]
            log = open(self.log_path, "ab")
            log.write(("\n=== %s\n" % " ".join(args)).encode())
            log.flush()
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log.close()
            _servers.append(self)
            try:
                self._wait_healthy()
                return self
            except RuntimeError as e:
                last_error = e
                self.kill9()
        raise RuntimeError("the server did not start: %s\n%s" % (last_error, self.log_tail()))

    def _wait_healthy(self):
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        client = Client(self.port, timeout=2.0)
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("ordo serve exited with status %s" % self.proc.returncode)
            try:
                r = client.get("/healthz")
                if r.status == 200:
                    client.close()
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        client.close()
        raise RuntimeError("/healthz did not answer 200 within %.0f s" % HEALTH_TIMEOUT_S)

    def kill9(self):
        """SIGKILL: no clean shutdown, no flush beyond what was committed."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        if self in _servers:
            _servers.remove(self)

    def stop(self, timeout=20.0):
        """SIGTERM and wait; returns the exit status (SIGKILL if it does not stop in time)."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill9()
            rc = None
        if self in _servers:
            _servers.remove(self)
        return rc

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as f:
                data = f.read().decode("utf-8", "replace").splitlines()
            return "\n".join("    | " + l for l in data[-lines:])
        except OSError:
            return "    (no server log)"


def run(args, timeout=120):
    """Runs a command; returns (exit status, stdout, stderr) as text."""
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class Failures:
    """Collects failed checks so one run reports everything that broke."""

    def __init__(self, limit_per_kind=10):
        self.items = []
        self.limit = limit_per_kind
        self.counts = {}

    def check(self, cond, kind, message):
        if not cond:
            self.add(kind, message)
        return bool(cond)

    def add(self, kind, message):
        n = self.counts.get(kind, 0) + 1
        self.counts[kind] = n
        if n <= self.limit:
            self.items.append("%s: %s" % (kind, message))
            print("FAIL %s: %s" % (kind, message), flush=True)
        elif n == self.limit + 1:
            print("FAIL %s: (further failures of this kind are only counted)" % kind, flush=True)

    def total(self):
        return sum(self.counts.values())

    def __bool__(self):
        return bool(self.counts)
