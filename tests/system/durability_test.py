#!/usr/bin/env python3
"""Crash durability of `ordo serve`: kill -9 during group commits, restart, check every acknowledged
command by its idempotency key.

Each cycle runs a concurrent load of instance starts and task completions against the real server,
every request with its own Idempotency-Key, and counts a request as acknowledged only when a 2xx
answer arrived. After a random 0.3-1.5 s the server is killed with SIGKILL in the middle of the
load, `ordo audit verify --deep` runs on the crashed database, and the server restarts on the same
data directory. Then:

  * every acknowledged start, re-sent with its key, answers the same instance id with
    Idempotent-Replayed: true; every unanswered start, re-sent, answers one instance (the one that
    was committed, or a new one);
  * the instances of each process are exactly the distinct ids those keys answered (no duplicates,
    no strays) and no business key (= the idempotency key) appears twice;
  * every acknowledged task completion is completed, and re-sent it replays;
  * no instance is half done: start->script->end instances are completed, user-task instances are
    active with exactly one open task or completed with exactly one completed task.

Cycles accumulate on the same data directory. At the end the server stops, the audit passes once
more, one byte of one stored event is changed with the sqlite3 CLI and `ordo audit verify` must exit
1 naming that instance.
"""

import argparse
import collections
import concurrent.futures
import http.client
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

TASK_PROCESS = "dur-task"
SCRIPT_PROCESS = "dur-script"

MODELS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="durability-definitions" targetNamespace="https://ordo.dev/tests/system">
  <bpmn:process id="dur-task" name="Durability: one user task" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" name="Work" camunda:candidateGroups="durability"/>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
  <bpmn:process id="dur-script" name="Durability: script only" isExecutable="true">
    <bpmn:startEvent id="s-start"/>
    <bpmn:sequenceFlow id="s-f1" sourceRef="s-start" targetRef="double"/>
    <bpmn:scriptTask id="double" name="Double" scriptFormat="feel" camunda:resultVariable="doubled">
      <bpmn:script>n * 2</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:sequenceFlow id="s-f2" sourceRef="double" targetRef="s-end"/>
    <bpmn:endEvent id="s-end"/>
  </bpmn:process>
</bpmn:definitions>
"""

ACKED, REJECTED, UNKNOWN = "acked", "rejected", "unknown"


class Attempt:
    """One keyed command sent during a load."""

    __slots__ = ("kind", "key", "path", "body", "outcome", "status", "result", "cycle", "task", "final")

    def __init__(self, kind, key, path, body, cycle, task=None):
        self.kind = kind  # "start-task", "start-script", "complete"
        self.key = key
        self.path = path
        self.body = body
        self.cycle = cycle
        self.task = task
        self.outcome = None
        self.status = None
        self.result = None  # parsed JSON of the acknowledged answer
        self.final = None  # instance id (starts) after the post-restart re-send


class Load:
    """A concurrent load of keyed starts and completions against one server."""

    def __init__(self, port, threads, cycle, open_tasks, rng_seed):
        self.port = port
        self.threads = threads
        self.cycle = cycle
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.attempts = []
        self.open_tasks = collections.deque(open_tasks)
        self.inflight = 0
        self.rng_seed = rng_seed
        self.errors = []  # unexpected HTTP answers

    def _send(self, client, attempt):
        with self.lock:
            self.attempts.append(attempt)
            self.inflight += 1
        try:
            r = client.post(attempt.path, attempt.body, key=attempt.key)
        except (OSError, http.client.HTTPException):
            attempt.outcome = UNKNOWN
            return None
        finally:
            with self.lock:
                self.inflight -= 1
        attempt.status = r.status
        if 200 <= r.status < 300 and isinstance(r.json, dict):
            attempt.outcome = ACKED
            attempt.result = r.json
        else:
            attempt.outcome = REJECTED
            with self.lock:
                self.errors.append("%s %s (key %s) answered %r" % (attempt.kind, attempt.path, attempt.key, r))
        return r

    def _worker(self, index):
        rng = random.Random(self.rng_seed * 1000 + index)
        client = harness.Client(self.port, timeout=10.0)
        n = 0
        while not self.stop.is_set():
            n += 1
            task = None
            roll = rng.random()
            if roll < 0.35:
                with self.lock:
                    task = self.open_tasks.popleft() if self.open_tasks else None
            if task is not None:
                a = Attempt("complete", str(uuid.uuid4()), "/api/v1/tasks/%s/complete" % task,
                            {"variables": {"done": True, "by": "t%d" % index}}, self.cycle, task=task)
                if self._send(client, a) is None and not self.stop.is_set():
                    time.sleep(0.01)
                continue
            key = str(uuid.uuid4())
            if roll < 0.70:
                a = Attempt("start-task", key, "/api/v1/processes/%s/instances" % TASK_PROCESS,
                            {"variables": {"n": n, "thread": index}, "businessKey": key}, self.cycle)
            else:
                a = Attempt("start-script", key, "/api/v1/processes/%s/instances" % SCRIPT_PROCESS,
                            {"variables": {"n": n, "thread": index}, "businessKey": key}, self.cycle)
            r = self._send(client, a)
            if r is None:
                if not self.stop.is_set():
                    time.sleep(0.01)
                continue
            if a.kind == "start-task" and a.outcome == ACKED:
                # Learn the task id so another request can complete it.
                try:
                    t = client.get("/api/v1/tasks?state=open&instance=%s" % a.result.get("id"))
                except (OSError, http.client.HTTPException):
                    continue
                if t.status == 200 and isinstance(t.json, dict):
                    with self.lock:
                        for item in t.json.get("items", []):
                            self.open_tasks.append(item["id"])
        client.close()

    def run_until_killed(self, server, kill_after_s):
        workers = [threading.Thread(target=self._worker, args=(i,), daemon=True) for i in range(self.threads)]
        for w in workers:
            w.start()
        time.sleep(kill_after_s)
        with self.lock:
            inflight = self.inflight
            sent = len(self.attempts)
        server.kill9()
        self.stop.set()
        for w in workers:
            w.join(timeout=30)
        return inflight, sent


def parallel(port, items, fn, threads):
    """Runs fn(client, item) for every item on `threads` keep-alive clients; returns the results."""
    local = threading.local()
    clients = []
    clients_lock = threading.Lock()

    def call(item):
        c = getattr(local, "client", None)
        if c is None:
            c = harness.Client(port, timeout=30.0)
            local.client = c
            with clients_lock:
                clients.append(c)
        return fn(c, item)

    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(call, items))
    for c in clients:
        c.close()
    return results


def list_all(client, path, limit=1000):
    """Follows `next` cursors; returns every item."""
    items = []
    cursor = None
    sep = "&" if "?" in path else "?"
    for _ in range(100000):
        url = "%s%slimit=%d" % (path, sep, limit)
        if cursor:
            url += "&cursor=%s" % cursor
        r = client.get(url)
        if r.status != 200 or not isinstance(r.json, dict):
            raise RuntimeError("GET %s answered %r" % (url, r))
        items.extend(r.json["items"])
        cursor = r.json.get("next")
        if not cursor:
            return items
    raise RuntimeError("GET %s: the cursor never ended" % path)


class DurabilityTest:
    def __init__(self, args):
        self.args = args
        self.failures = harness.Failures()
        self.rng = random.Random(args.seed)
        self.all_attempts = []
        self.open_tasks = []
        self.cycle_stats = []
        self.audit_seconds = 0.0

    # ----- helpers -----

    def audit(self, when, deep=True):
        args = [self.args.ordo, "audit", "verify", "--data-dir", self.data_dir] + (["--deep"] if deep else [])
        t0 = time.monotonic()
        rc, out, err = harness.run(args, timeout=300)
        self.audit_seconds += time.monotonic() - t0
        self.failures.check(rc == 0, "audit",
                            "%s: `%s` exited %d:\n%s%s" % (when, " ".join(args), rc, out, err))
        return rc, out

    def deploy(self, client):
        r = client.request("POST", "/api/v1/deployments", MODELS, content_type="application/xml",
                           headers={"Idempotency-Key": "durability-models"})
        if r.status != 201:
            raise RuntimeError("deploying the test models answered %r" % r)
        keys = sorted(p["key"] for p in r.json["processes"])
        if keys != [SCRIPT_PROCESS, TASK_PROCESS]:
            raise RuntimeError("deployment answered processes %s" % keys)

    # ----- checks after a restart -----

    def resend_starts(self, server, attempts):
        def resend(client, a):
            try:
                return a, client.post(a.path, a.body, key=a.key)
            except (OSError, http.client.HTTPException) as e:
                return a, e

        for a, r in parallel(server.port, attempts, resend, self.args.threads):
            if not isinstance(r, harness.Response):
                self.failures.add("resend", "re-sending start %s failed: %s" % (a.key, r))
                continue
            if r.status != 201 or not isinstance(r.json, dict):
                self.failures.add("resend", "re-sent start %s (%s, first answer %s) answered %r"
                                  % (a.key, a.kind, a.outcome, r))
                continue
            a.final = r.json.get("id")
            replayed = r.header("Idempotent-Replayed") == "true"
            if a.outcome == ACKED:
                self.failures.check(replayed, "lost-ack",
                                    "acknowledged start %s (instance %s) was not replayed after the restart: %r"
                                    % (a.key, a.result.get("id"), r))
                self.failures.check(a.final == a.result.get("id"), "lost-ack",
                                    "acknowledged start %s answered instance %s, after the restart %s"
                                    % (a.key, a.result.get("id"), a.final))
            elif a.outcome == UNKNOWN:
                a.result = r.json
                a.outcome = "committed-unacked" if replayed else "retried"

    def resend_completions(self, server, attempts):
        def resend(client, a):
            try:
                task = client.get("/api/v1/tasks/%s" % a.task)
                return a, task, client.post(a.path, a.body, key=a.key)
            except (OSError, http.client.HTTPException) as e:
                return a, None, e

        for a, task, r in parallel(server.port, attempts, resend, self.args.threads):
            if not isinstance(r, harness.Response):
                self.failures.add("resend", "re-sending completion of task %s failed: %s" % (a.task, r))
                continue
            replayed = r.header("Idempotent-Replayed") == "true"
            if a.outcome == ACKED:
                state = task.json.get("state") if task is not None and isinstance(task.json, dict) else None
                self.failures.check(task is not None and task.status == 200 and state == "completed", "lost-ack",
                                    "acknowledged completion of task %s (key %s) is not completed after the "
                                    "restart: GET answered %r" % (a.task, a.key, task))
                self.failures.check(r.status == 200 and replayed and r.json == a.result, "lost-ack",
                                    "acknowledged completion of task %s (key %s, answer %s), re-sent, answered "
                                    "%r (replayed: %s)" % (a.task, a.key, a.result, r, replayed))
            elif a.outcome == UNKNOWN:
                # Committed before the kill (replayed) or done now; 409 only if another request
                # completed the same task, which the load never does.
                self.failures.check(r.status == 200, "resend",
                                    "unanswered completion of task %s (key %s), re-sent, answered %r"
                                    % (a.task, a.key, r))
                a.outcome = "committed-unacked" if replayed else "retried"

    def check_state(self, server, when):
        client = harness.Client(server.port)
        try:
            script_items = list_all(client, "/api/v1/instances?processKey=%s" % SCRIPT_PROCESS)
            task_items = list_all(client, "/api/v1/instances?processKey=%s" % TASK_PROCESS)
            tasks = list_all(client, "/api/v1/tasks")
            expected = {SCRIPT_PROCESS: set(), TASK_PROCESS: set()}
            for a in self.all_attempts:
                if a.kind.startswith("start") and a.final is not None:
                    expected[SCRIPT_PROCESS if a.kind == "start-script" else TASK_PROCESS].add(a.final)
            for process, items in ((SCRIPT_PROCESS, script_items), (TASK_PROCESS, task_items)):
                ids = [i["id"] for i in items]
                dup = [i for i, c in collections.Counter(ids).items() if c > 1]
                self.failures.check(not dup, "duplicate", "%s: the listing of %s repeats ids %s" % (when, process, dup[:10]))
                self.failures.check(len(ids) == len(expected[process]), "count",
                                    "%s: %d instances of %s, but the idempotency keys answered %d distinct ids"
                                    % (when, len(ids), process, len(expected[process])))
                extra = set(ids) - expected[process]
                missing = expected[process] - set(ids)
                self.failures.check(not extra, "count", "%s: %s instances no key answered: %s"
                                    % (when, process, sorted(extra, key=int)[:10]))
                self.failures.check(not missing, "count", "%s: %s instances answered by a key but not listed: %s"
                                    % (when, process, sorted(missing, key=int)[:10]))
                bks = collections.Counter(i.get("businessKey") for i in items)
                twice = [k for k, c in bks.items() if c > 1]
                self.failures.check(not twice, "duplicate",
                                    "%s: %s business keys (idempotency keys) started more than one instance: %s"
                                    % (when, process, twice[:5]))
            for i in script_items:
                self.failures.check(i["state"] == "completed", "half-state",
                                    "%s: start->script->end instance %s is %s" % (when, i["id"], i["state"]))
            by_instance = collections.defaultdict(list)
            for t in tasks:
                by_instance[t["instance"]].append(t)
            task_instance_ids = {i["id"] for i in task_items}
            strays = set(by_instance) - task_instance_ids
            self.failures.check(not strays, "half-state", "%s: tasks of unknown instances %s" % (when, sorted(strays)[:10]))
            active = []
            for i in task_items:
                ts = by_instance.get(i["id"], [])
                states = sorted(t["state"] for t in ts)
                if i["state"] == "active":
                    active.append(i["id"])
                    self.failures.check(states == ["open"], "half-state",
                                        "%s: active user-task instance %s has tasks %s (want exactly one open)"
                                        % (when, i["id"], states))
                elif i["state"] == "completed":
                    self.failures.check(states == ["completed"], "half-state",
                                        "%s: completed user-task instance %s has tasks %s (want one completed)"
                                        % (when, i["id"], states))
                else:
                    self.failures.add("half-state", "%s: user-task instance %s is %s" % (when, i["id"], i["state"]))
            # Acknowledged completions finished their instance.
            state_of = {i["id"]: i["state"] for i in task_items}
            task_by_id = {t["id"]: t for t in tasks}
            for a in self.all_attempts:
                if a.kind == "complete" and a.outcome == ACKED:
                    t = task_by_id.get(a.task)
                    ok = t is not None and t["state"] == "completed" and state_of.get(t["instance"]) == "completed"
                    self.failures.check(ok, "lost-ack", "%s: acknowledged completion of task %s: task %s, instance %s"
                                        % (when, a.task, t and t["state"],
                                           t and state_of.get(t["instance"])))
            # A sample of instances read one by one: the projection agrees with the listing.
            sample = self.rng.sample(task_items, min(10, len(task_items))) + \
                self.rng.sample(script_items, min(10, len(script_items)))
            for i in sample:
                r = client.get("/api/v1/instances/%s" % i["id"])
                if not self.failures.check(r.status == 200, "read", "%s: GET instance %s answered %r" % (when, i["id"], r)):
                    continue
                d = r.json
                if i["processKey"] == SCRIPT_PROCESS:
                    v = d.get("variables", {})
                    self.failures.check(d["state"] == "completed" and d["active"] == []
                                        and v.get("doubled") == 2 * v.get("n", 0), "half-state",
                                        "%s: script instance %s reads %s" % (when, i["id"], d))
                elif d["state"] == "active":
                    self.failures.check(d["active"] == ["work"], "half-state",
                                        "%s: active user-task instance %s has active elements %s"
                                        % (when, i["id"], d["active"]))
                else:
                    self.failures.check(d["state"] == "completed" and d["active"] == []
                                        and d["variables"].get("done") is True, "half-state",
                                        "%s: completed user-task instance %s reads %s" % (when, i["id"], d))
            self.open_tasks = [t["id"] for t in tasks if t["state"] == "open"]
            self.rng.shuffle(self.open_tasks)
            return len(script_items), len(task_items), len(active)
        finally:
            client.close()

    # ----- tamper -----

    def tamper(self):
        db = os.path.join(self.data_dir, "ordo.db")
        sqlite = shutil.which("sqlite3")
        if sqlite is None:
            self.failures.add("tamper", "the sqlite3 CLI is not installed; cannot change an event body")
            return
        rc, out, err = harness.run([sqlite, db, "SELECT instance_id FROM events GROUP BY instance_id "
                                                "HAVING count(*) > 1 ORDER BY instance_id"])
        ids = out.split()
        if rc != 0 or not ids:
            rc, out, err = harness.run([sqlite, db, "SELECT DISTINCT instance_id FROM events ORDER BY instance_id"])
            ids = out.split()
        if rc != 0 or not ids:
            self.failures.add("tamper", "cannot list event rows: %s %s" % (out, err))
            return
        victim = ids[len(ids) // 2]  # not the first one the audit reads
        rc, out, err = harness.run([sqlite, db, "SELECT seq_first, hex(body) FROM events WHERE instance_id = %s "
                                                "ORDER BY seq_first DESC LIMIT 1" % victim])
        seq, hexbody = out.strip().split("|")
        body = bytes.fromhex(hexbody)
        # Change one digit of the event's timestamp: the bytes still parse, only the hash can tell.
        at = body.find(b'"at":')
        if at < 0:
            self.failures.add("tamper", "event body of instance %s has no \"at\": %r" % (victim, body[:200]))
            return
        pos = at + len(b'"at":') + 5
        changed = bytearray(body)
        changed[pos] = ord("7") if body[pos] != ord("7") else ord("3")
        update = "UPDATE events SET body = X'%s' WHERE instance_id = %s AND seq_first = %s" % (
            bytes(changed).hex(), victim, seq)
        rc, out, err = harness.run([sqlite, db, update])
        if not self.failures.check(rc == 0, "tamper", "sqlite3 UPDATE failed: %s %s" % (out, err)):
            return
        rc, out, err = harness.run([self.args.ordo, "audit", "verify", "--data-dir", self.data_dir], timeout=300)
        self.failures.check(rc == 1, "tamper", "after changing one byte of instance %s, `ordo audit verify` exited %d "
                                               "(want 1):\n%s%s" % (victim, rc, out, err))
        self.failures.check("BROKEN: instance %s," % victim in out, "tamper",
                            "`ordo audit verify` does not name instance %s:\n%s%s" % (victim, out, err))
        # Put the byte back: the chain verifies again, so the break was that byte alone.
        restore = "UPDATE events SET body = X'%s' WHERE instance_id = %s AND seq_first = %s" % (hexbody, victim, seq)
        harness.run([sqlite, db, restore])
        rc, out, err = harness.run([self.args.ordo, "audit", "verify", "--data-dir", self.data_dir], timeout=300)
        self.failures.check(rc == 0, "tamper", "after restoring the byte, `ordo audit verify` exited %d:\n%s%s"
                            % (rc, out, err))
        print("tamper: changed byte %d of instance %s's event row %s; audit verify named it" % (pos, victim, seq),
              flush=True)

    # ----- main -----

    def run(self):
        t0 = time.monotonic()
        self.data_dir = os.path.join(self.workdir, "data")
        log_path = os.path.join(self.workdir, "server.log")
        server = harness.Server(self.args.ordo, self.data_dir, log_path).start()
        client = harness.Client(server.port)
        self.deploy(client)
        client.close()
        for cycle in range(1, self.args.cycles + 1):
            kill_after = self.rng.uniform(0.3, 1.5)
            load = Load(server.port, self.args.threads, cycle, self.open_tasks, self.rng.randrange(1 << 30))
            inflight, sent = load.run_until_killed(server, kill_after)
            self.all_attempts.extend(load.attempts)
            for e in load.errors[:10]:
                self.failures.add("load", "cycle %d: %s" % (cycle, e))
            counts = collections.Counter((a.kind, a.outcome) for a in load.attempts)
            self.audit("cycle %d, after kill -9" % cycle)
            server = harness.Server(self.args.ordo, self.data_dir, log_path).start()
            starts = [a for a in load.attempts if a.kind.startswith("start") and a.outcome in (ACKED, UNKNOWN)]
            completions = [a for a in load.attempts if a.kind == "complete" and a.outcome in (ACKED, UNKNOWN)]
            self.resend_starts(server, starts)
            self.resend_completions(server, completions)
            n_script, n_task, n_active = self.check_state(server, "cycle %d" % cycle)
            late = collections.Counter(a.outcome for a in load.attempts)
            stat = {
                "cycle": cycle, "kill_after": kill_after, "sent": len(load.attempts),
                "inflight_at_kill": inflight,
                "acked_starts": counts[("start-task", ACKED)] + counts[("start-script", ACKED)],
                "acked_completions": counts[("complete", ACKED)],
                "unanswered": late["committed-unacked"] + late["retried"],
                "committed_unacked": late["committed-unacked"],
            }
            self.cycle_stats.append(stat)
            print("cycle %d: killed after %.2f s with %d requests in flight; %d acked starts, %d acked completions, "
                  "%d unanswered (%d of them had been committed); now %d script + %d user-task instances "
                  "(%d active)" % (cycle, kill_after, inflight, stat["acked_starts"], stat["acked_completions"],
                                   stat["unanswered"], stat["committed_unacked"], n_script, n_task, n_active),
                  flush=True)
            if not server.alive():
                self.failures.add("server", "the server died during the checks:\n" + server.log_tail())
                server = harness.Server(self.args.ordo, self.data_dir, log_path).start()
        # Every acknowledged start of every cycle replays once more on the final server.
        acked = [a for a in self.all_attempts if a.kind.startswith("start") and a.outcome == ACKED]
        self.resend_starts(server, acked)
        self.check_state(server, "after re-sending every acknowledged start")
        rc = server.stop()
        self.failures.check(rc == 0, "server", "SIGTERM: the server exited with %s:\n%s" % (rc, server.log_tail()))
        self.audit("after a clean stop")
        total_inflight = sum(s["inflight_at_kill"] for s in self.cycle_stats)
        self.failures.check(total_inflight > 0, "kill", "no kill landed while requests were in flight")
        self.failures.check(len(acked) > 0, "load", "no start was acknowledged in any cycle")
        self.tamper()
        return time.monotonic() - t0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--ordo", required=True, help="path of the ordo binary")
    p.add_argument("--examples", help="examples folder (unused; the models are inline)")
    p.add_argument("--cycles", type=int, default=int(os.environ.get("ORDO_KILL_CYCLES", "5")),
                   help="kill -9 cycles (default 5, or $ORDO_KILL_CYCLES)")
    p.add_argument("--threads", type=int, default=16, help="concurrent client threads")
    p.add_argument("--seed", type=int, default=int(os.environ.get("ORDO_SEED", "0")) or int(time.time()))
    p.add_argument("--keep", action="store_true", help="keep the data directory and server log")
    args = p.parse_args()
    if not os.access(args.ordo, os.X_OK):
        print("durability_test: FAIL: %s is not an executable" % args.ordo)
        return 1
    test = DurabilityTest(args)
    test.workdir = tempfile.mkdtemp(prefix="ordo-durability-")
    print("durability_test: seed %d, %d cycles, %d threads, work dir %s" % (args.seed, args.cycles, args.threads,
                                                                             test.workdir), flush=True)
    elapsed = 0.0
    crashed = None
    try:
        elapsed = test.run()
    except Exception as e:  # noqa: BLE001 - report whatever broke, then fail
        import traceback
        traceback.print_exc()
        crashed = "%s: %s" % (type(e).__name__, e)
    finally:
        harness._kill_all()
    acked_starts = sum(s["acked_starts"] for s in test.cycle_stats)
    acked_completions = sum(s["acked_completions"] for s in test.cycle_stats)
    committed_unacked = sum(s["committed_unacked"] for s in test.cycle_stats)
    if crashed or test.failures:
        what = crashed or "; ".join("%d %s" % (n, k) for k, n in sorted(test.failures.counts.items()))
        print("durability_test: FAILED (%s) after %d cycles, seed %d; work dir kept at %s"
              % (what, len(test.cycle_stats), args.seed, test.workdir))
        log = os.path.join(test.workdir, "server.log")
        if os.path.exists(log):
            with open(log, "rb") as f:
                tail = f.read().decode("utf-8", "replace").splitlines()[-30:]
            print("server log (last lines):\n" + "\n".join("    | " + l for l in tail))
        return 1
    if not args.keep:
        shutil.rmtree(test.workdir, ignore_errors=True)
    print("durability_test: PASSED: %d kill -9 cycles, %d acknowledged starts and %d acknowledged completions "
          "all survived, %d unanswered commands found committed, audit verify --deep ok, tampering detected "
          "(%.1f s, %.1f s in audits)" % (len(test.cycle_stats), acked_starts, acked_completions, committed_unacked,
                                         elapsed, test.audit_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
