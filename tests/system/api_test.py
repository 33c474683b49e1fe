#!/usr/bin/env python3
"""Black-box tests of Ordo's HTTP API and command-line client against the real `ordo serve`.

One server on a kernel-picked loopback port with a fresh data directory and `--demo examples`.
Every test talks HTTP (or runs the `ordo` CLI) only; each prints PASS/FAIL and the run ends with a
summary line. Exit status 0 when every test passed.
"""

import argparse
import datetime
import http.client
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
import uuid

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Models used by the tests (the examples folder provides invoice-approval and employee-onboarding).

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  id="%s" targetNamespace="https://ordo.dev/tests/system">
"""
FOOTER = "</bpmn:definitions>\n"


DECISION_DMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="api-rate-defs" name="Rates"
             namespace="https://ordo.dev/tests/system">
  <decision id="api-rate" name="Rate">
    <literalExpression><text>%s</text></literalExpression>
  </decision>
</definitions>
"""

TIER_DMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="api-tier-defs" name="Tiers"
             namespace="https://ordo.dev/tests/system">
  <decision id="api-tier" name="Tier discount">
    <decisionTable hitPolicy="UNIQUE">
      <input><inputExpression typeRef="string"><text>tier</text></inputExpression></input>
      <output name="discount" typeRef="number"/>
      <rule id="gold"><inputEntry><text>"gold"</text></inputEntry><outputEntry><text>0.15</text></outputEntry></rule>
      <rule id="other"><inputEntry><text>not("gold")</text></inputEntry><outputEntry><text>0</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""

RULE_TASK_MODEL = HEADER % "api-rule-task-defs" + """  <bpmn:process id="api-rule-task" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rules"/>
    <bpmn:businessRuleTask id="rules" camunda:decisionRef="api-tier" camunda:resultVariable="discount"
                           camunda:mapDecisionResult="singleEntry"/>
    <bpmn:sequenceFlow id="f2" sourceRef="rules" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
""" + FOOTER

SHARED_REALISTIC = next((p for p in (
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "conformance", "realistic"),
    "/work/shared/conformance/realistic") if os.path.isdir(p)), "/work/shared/conformance/realistic")


def one_task_model(key, name="One task", assignee=None, groups=None):
    attrs = ""
    if assignee:
        attrs += ' camunda:assignee="%s"' % assignee
    if groups:
        attrs += ' camunda:candidateGroups="%s"' % groups
    return HEADER % (key + "-defs") + """  <bpmn:process id="%s" name="%s" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
    <bpmn:userTask id="step" name="Step"%s/>
    <bpmn:sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
""" % (key, name, attrs) + FOOTER


def job_model(key, job_type):
    return HEADER % (key + "-defs") + """  <bpmn:process id="%s" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
    <bpmn:serviceTask id="call" name="Call">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="%s" retries="3"/>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
""" % (key, job_type) + FOOTER


GATEWAY_MODEL = HEADER % "gateway-defs" + """  <bpmn:process id="api-gateway" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="route"/>
    <bpmn:exclusiveGateway id="route"/>
    <bpmn:sequenceFlow id="to-accepted" sourceRef="route" targetRef="accepted">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">resolve = "accept"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to-rejected" sourceRef="route" targetRef="rejected">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">resolve = "reject"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="accepted"/>
    <bpmn:endEvent id="rejected"/>
  </bpmn:process>
""" + FOOTER

# Four problems, each on its own line: (element, line, words the message must contain).
INVALID_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bad" targetNamespace="t">
  <bpmn:process id="api-invalid" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-nowhere" sourceRef="start" targetRef="ghost"/>
    <bpmn:sequenceFlow id="from-nowhere" sourceRef="phantom" targetRef="end"/>
    <bpmn:scriptTask id="broken-script" scriptFormat="feel"><bpmn:script>1 +</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""
INVALID_PROBLEMS = [
    ("to-nowhere", 5, "ghost"),
    ("from-nowhere", 6, "phantom"),
    ("broken-script", 7, "FEEL"),
]

# ---------------------------------------------------------------------------------------------


def parse_ts(text):
    """Seconds since the epoch of an API timestamp ("2025-01-31T10:00:00.000Z")."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class Failed(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failed(message)


class ApiTest:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.server = None
        self.c = None
        self.results = []
        self.skipped = 0

    # ----- helpers -----

    def expect(self, r, status, what):
        """Asserts the status; error answers must be problem+json with a matching status."""
        check(r.status == status, "%s: want HTTP %d, got %r" % (what, status, r))
        if status >= 400:
            ctype = r.header("content-type") or ""
            check(ctype.startswith("application/problem+json"),
                  "%s: error Content-Type is %r, want application/problem+json" % (what, ctype))
            p = r.json
            check(isinstance(p, dict), "%s: problem body is not a JSON object: %r" % (what, r))
            for f in ("type", "title", "status", "detail"):
                check(f in p, "%s: problem body has no %r: %r" % (what, f, r))
            check(p["status"] == status, "%s: problem status %r != HTTP %d" % (what, p["status"], status))
            check(isinstance(p["detail"], str) and p["detail"], "%s: empty problem detail" % what)
        else:
            ctype = r.header("content-type") or ""
            check(ctype.startswith("application/json"), "%s: Content-Type is %r" % (what, ctype))
            check(r.json is not None, "%s: body is not JSON: %r" % (what, r))
        return r.json

    def deploy(self, xml, key=None):
        headers = {"Idempotency-Key": key} if key else None
        r = self.c.request("POST", "/api/v1/deployments", xml, content_type="application/xml", headers=headers)
        return r

    def deploy_ok(self, xml):
        r = self.deploy(xml)
        return self.expect(r, 201, "deploy")

    def start(self, key, variables=None, business_key=None, idem=None, **extra):
        body = {"variables": variables or {}}
        if business_key is not None:
            body["businessKey"] = business_key
        body.update(extra)
        return self.c.post("/api/v1/processes/%s/instances" % key, body, key=idem)

    def start_ok(self, key, variables=None, **kw):
        r = self.start(key, variables, **kw)
        return self.expect(r, 201, "start %s" % key)

    def instance(self, iid):
        return self.expect(self.c.get("/api/v1/instances/%s" % iid), 200, "GET instance %s" % iid)

    def open_tasks(self, iid):
        return self.expect(self.c.get("/api/v1/tasks?state=open&instance=%s" % iid), 200, "tasks")["items"]

    def acquire(self, job_type, worker, lock_ms=60000, max_jobs=10):
        r = self.c.post("/api/v1/jobs/acquire", {"type": job_type, "worker": worker, "max": max_jobs, "lockMs": lock_ms})
        return self.expect(r, 200, "acquire %s by %s" % (job_type, worker))["items"]

    def list_all(self, path, limit):
        items, cursor, pages = [], None, 0
        sep = "&" if "?" in path else "?"
        while True:
            url = "%s%slimit=%d" % (path, sep, limit) + ("&cursor=%s" % cursor if cursor else "")
            body = self.expect(self.c.get(url), 200, "GET " + url)
            pages += 1
            check(len(body["items"]) <= limit, "GET %s: %d items over the limit" % (url, len(body["items"])))
            items.extend(body["items"])
            cursor = body["next"]
            if cursor is None:
                return items, pages
            check(isinstance(cursor, str) and cursor, "GET %s: next is %r" % (url, cursor))
            check(pages < 1000, "GET %s: the cursor never ends" % path)

    def server_healthy(self):
        """True when the server process runs and answers /healthz (waits up to 2 s)."""
        deadline = time.monotonic() + 2.0
        probe = harness.Client(self.server.port, timeout=2.0)
        try:
            while time.monotonic() < deadline:
                if not self.server.alive():
                    return False
                try:
                    if probe.get("/healthz").status == 200:
                        return True
                except (OSError, http.client.HTTPException):
                    time.sleep(0.1)
            return False
        finally:
            probe.close()

    def restart(self):
        """kill -9 and start again on the same data directory (a new port)."""
        self.c.close()
        self.server.kill9()
        self.server.start()
        self.c = harness.Client(self.server.port)

    def cli(self, *args, server=None):
        argv = [self.args.ordo] + list(args) + ["--server", server or self.server.url]
        return harness.run(argv, timeout=60)

    # ----- tests -----

    def test_healthz(self):
        r = self.c.get("/healthz")
        body = self.expect(r, 200, "GET /healthz")
        check(body.get("status") == "ok", "healthz body %r" % body)

    def test_demo_processes_listed(self):
        # --demo deploys right after the server starts listening: allow it a moment.
        deadline = time.monotonic() + 10
        while True:
            body = self.expect(self.c.get("/api/v1/processes"), 200, "GET /api/v1/processes")
            keys = {p["key"]: p for p in body["items"]}
            if len(keys) >= 4 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        for k in ("invoice-approval", "employee-onboarding", "vendor-review", "vendor-risk-check"):
            check(k in keys, "--demo did not deploy %s: %s" % (k, sorted(keys)))
            check(keys[k]["version"] == 1, "%s has version %s" % (k, keys[k]["version"]))
        check("next" in body and body["next"] is None, "processes list: next is %r" % body.get("next"))

    def test_deployment_versioning(self):
        v1 = one_task_model("api-versioned", name="Versioned one")
        d1 = self.deploy_ok(v1)
        p1 = d1["processes"]
        check(len(p1) == 1 and p1[0]["key"] == "api-versioned" and p1[0]["version"] == 1,
              "first deployment answered %s" % d1)
        check(isinstance(d1["id"], str) and isinstance(p1[0]["id"], str), "ids are not strings: %s" % d1)
        same = self.deploy_ok(v1)["processes"][0]
        check(same["version"] == 1 and same["id"] == p1[0]["id"],
              "identical XML made %s, want version 1 id %s" % (same, p1[0]["id"]))
        v2 = self.deploy_ok(one_task_model("api-versioned", name="Versioned two"))["processes"][0]
        check(v2["version"] == 2 and v2["id"] != p1[0]["id"], "changed XML made %s, want version 2" % v2)
        latest = {p["key"]: p for p in self.expect(self.c.get("/api/v1/processes"), 200, "processes")["items"]}
        check(latest["api-versioned"]["version"] == 2 and latest["api-versioned"]["name"] == "Versioned two",
              "latest listing shows %s" % latest["api-versioned"])
        every = self.expect(self.c.get("/api/v1/processes?all=true"), 200, "processes?all=true")["items"]
        versions = sorted(p["version"] for p in every if p["key"] == "api-versioned")
        check(versions == [1, 2], "all=true lists versions %s" % versions)
        self.expect(self.c.get("/api/v1/processes?all=maybe"), 400, "processes?all=maybe")
        # New instances use the latest version unless one is asked for.
        check(self.start_ok("api-versioned")["version"] == 2, "start did not use version 2")
        check(self.start_ok("api-versioned", version=1)["version"] == 1, "start with version 1")
        self.expect(self.start("api-versioned", version=7), 404, "start with an unknown version")

    def test_invalid_bpmn_lists_every_problem(self):
        r = self.deploy(INVALID_MODEL)
        p = self.expect(r, 400, "deploy invalid BPMN")
        errors = p.get("errors")
        check(isinstance(errors, list) and errors, "no errors list: %r" % r)
        for e in errors:
            check(isinstance(e.get("line"), int) and e["line"] >= 1, "problem without a line >= 1: %s" % e)
            check(isinstance(e.get("message"), str) and e["message"], "problem without a message: %s" % e)
            check("element" in e, "problem without an element member: %s" % e)
        for element, line, word in INVALID_PROBLEMS:
            hit = [e for e in errors if e.get("element") == element and e.get("line") == line and word in e["message"]]
            check(hit, "no problem for element %r on line %d mentioning %r; got %s" % (element, line, word, errors))
        # Nothing was deployed.
        keys = [x["key"] for x in self.expect(self.c.get("/api/v1/processes?all=true"), 200, "processes")["items"]]
        check("api-invalid" not in keys, "the invalid process was deployed")
        # Malformed XML names its line.
        p = self.expect(self.deploy("<?xml version=\"1.0\"?>\n<a>\n<b></a>\n"), 400, "deploy malformed XML")
        check(p.get("errors") and all(e.get("line", 0) >= 1 for e in p["errors"]), "malformed XML: %s" % p)
        self.expect(self.deploy("   \n"), 400, "deploy an empty body")
        self.expect(self.c.request("POST", "/api/v1/deployments", INVALID_MODEL, content_type="application/json"),
                    415, "deploy with Content-Type application/json")

    def test_start_read_complete_invoice(self):
        inst = self.start_ok("invoice-approval", {"amount": 2500, "supplier": "ACME"}, business_key="INV-1")
        check(inst["processKey"] == "invoice-approval" and inst["state"] == "active" and inst["version"] == 1,
              "start answered %s" % inst)
        d = self.instance(inst["id"])
        for f in ("id", "processKey", "version", "state", "variables", "active", "incidents"):
            check(f in d, "GET instance has no %r: %s" % (f, d))
        check(d["variables"] == {"amount": 2500, "supplier": "ACME"}, "variables %s" % d["variables"])
        check(d["active"] == ["approve"] and d["incidents"] == [], "active %s incidents %s" % (d["active"], d["incidents"]))
        check(d.get("businessKey") == "INV-1", "businessKey %r" % d.get("businessKey"))
        tasks = self.open_tasks(inst["id"])
        check(len(tasks) == 1 and tasks[0]["element"] == "approve" and tasks[0]["candidateGroups"] == ["managers"]
              and tasks[0]["instance"] == inst["id"] and tasks[0]["state"] == "open", "tasks %s" % tasks)
        tid = tasks[0]["id"]
        one = self.expect(self.c.get("/api/v1/tasks/%s" % tid), 200, "GET task")
        check(one["id"] == tid and one["state"] == "open", "GET task %s" % one)
        done = self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, {"variables": {"approved": True}}), 200,
                           "complete task")
        check(done.get("id") == tid, "complete answered %s" % done)
        d = self.instance(inst["id"])
        check(d["state"] == "completed" and d["active"] == [] and d["variables"].get("approved") is True,
              "after approval the instance reads %s" % d)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, {"variables": {"approved": True}}), 409,
                    "completing a completed task")
        # Small amounts are approved by the script task without anyone.
        small = self.start_ok("invoice-approval", {"amount": 300})
        check(small["state"] == "completed", "small invoice state %s" % small["state"])
        check(self.instance(small["id"])["variables"].get("approved") is True, "small invoice not approved")
        # Rejection path.
        big = self.start_ok("invoice-approval", {"amount": 9000})
        tid = self.open_tasks(big["id"])[0]["id"]
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, {"variables": {"approved": False}}), 200, "reject")
        check(self.instance(big["id"])["state"] == "completed", "rejected invoice not completed")
        # Exact decimals travel unchanged.
        dec = self.c.request("POST", "/api/v1/processes/invoice-approval/instances",
                             '{"variables":{"amount":1000.10,"big":12345678901234567890.5}}')
        dec = self.expect(dec, 201, "start with decimals")
        raw = self.c.get("/api/v1/instances/%s" % dec["id"]).text
        check('"amount":1000.10' in raw or '"amount":1000.1' in raw, "decimal amount changed: %s" % raw)
        check("12345678901234567890.5" in raw, "big decimal changed: %s" % raw)

    def test_history(self):
        inst = self.start_ok("invoice-approval", {"amount": 5})
        body = self.expect(self.c.get("/api/v1/instances/%s/history" % inst["id"]), 200, "history")
        items = body["items"]
        check(body["next"] is None, "history next %r" % body["next"])
        seqs = [e["seq"] for e in items]
        check(seqs == list(range(1, len(items) + 1)), "history seqs %s" % seqs)
        types = [e["type"] for e in items]
        check(types[0] == "InstanceCreated" and types[-1] == "InstanceCompleted", "history types %s" % types)
        paged, pages = self.list_all("/api/v1/instances/%s/history" % inst["id"], 2)
        check([e["seq"] for e in paged] == seqs, "paged history %s != %s" % ([e["seq"] for e in paged], seqs))
        check(pages >= len(items) // 2, "history with limit=2 came in %d pages" % pages)
        self.expect(self.c.get("/api/v1/instances/999999999/history"), 404, "history of an unknown instance")

    def test_pagination_and_filters(self):
        self.deploy_ok(one_task_model("api-paging", assignee="alice", groups="clerks,auditors"))
        ids = [self.start_ok("api-paging", {"i": i})["id"] for i in range(25)]
        items, pages = self.list_all("/api/v1/instances?processKey=api-paging", 10)
        got = [i["id"] for i in items]
        check(pages == 3, "25 instances with limit=10 came in %d pages" % pages)
        check(sorted(got, key=int) == sorted(ids, key=int) and len(set(got)) == 25,
              "paging returned %d items (%d distinct), want the 25 started" % (len(got), len(set(got))))
        check(got == sorted(got, key=int), "pages are not in id order: %s" % got)
        first = self.expect(self.c.get("/api/v1/instances?processKey=api-paging&limit=10"), 200, "page 1")
        check(len(first["items"]) == 10 and first["next"], "page 1: %d items, next %r" % (len(first["items"]), first["next"]))
        # Exactly a page's worth: the last page may come back empty, but nothing repeats.
        exact, _ = self.list_all("/api/v1/instances?processKey=api-paging", 25)
        check(len(exact) == 25, "limit=25 listing has %d items" % len(exact))
        # Finish five of them: the state filter splits the set.
        for iid in ids[:5]:
            tid = self.open_tasks(iid)[0]["id"]
            self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, {}), 200, "complete")
        done, _ = self.list_all("/api/v1/instances?processKey=api-paging&state=completed", 3)
        active, _ = self.list_all("/api/v1/instances?processKey=api-paging&state=active", 7)
        check(sorted(i["id"] for i in done) == sorted(ids[:5]), "state=completed gives %s" % [i["id"] for i in done])
        check(len(active) == 20 and all(i["state"] == "active" for i in active), "state=active gives %d" % len(active))
        check(all(i["processKey"] == "api-paging" for i in done + active), "processKey filter leaks other processes")
        # Task filters.
        alice, _ = self.list_all("/api/v1/tasks?state=open&assignee=alice", 6)
        check(len([t for t in alice if t["instance"] in ids]) == 20 and all(t["assignee"] == "alice" for t in alice),
              "assignee=alice gives %d tasks" % len(alice))
        clerks, _ = self.list_all("/api/v1/tasks?state=open&candidateGroup=auditors", 1000)
        check(len([t for t in clerks if t["instance"] in ids]) == 20
              and all("auditors" in t["candidateGroups"] for t in clerks), "candidateGroup=auditors gives %d" % len(clerks))
        nobody, _ = self.list_all("/api/v1/tasks?assignee=nobody-at-all", 10)
        check(nobody == [], "assignee=nobody-at-all gives %s" % nobody)
        completed, _ = self.list_all("/api/v1/tasks?state=completed&instance=%s" % ids[0], 10)
        check(len(completed) == 1 and completed[0]["state"] == "completed", "completed task of %s: %s" % (ids[0], completed))
        # Bad query parameters.
        for q in ("state=sleeping", "limit=0", "limit=1001", "limit=ten", "cursor=abc", "cursor=-5"):
            self.expect(self.c.get("/api/v1/instances?" + q), 400, "GET /api/v1/instances?" + q)
        for q in ("state=sleeping", "instance=abc", "limit=0"):
            self.expect(self.c.get("/api/v1/tasks?" + q), 400, "GET /api/v1/tasks?" + q)

    def test_idempotency(self):
        key = "idem-" + str(uuid.uuid4())
        before = len(self.list_all("/api/v1/instances?processKey=invoice-approval", 1000)[0])
        r1 = self.start("invoice-approval", {"amount": 4000}, idem=key)
        first = self.expect(r1, 201, "keyed start")
        check(r1.header("Idempotent-Replayed") is None, "first answer carries Idempotent-Replayed")
        r2 = self.start("invoice-approval", {"amount": 4000}, idem=key)
        again = self.expect(r2, 201, "keyed start, retried")
        check(r2.header("Idempotent-Replayed") == "true", "retry lacks Idempotent-Replayed: %s" % r2.headers)
        check(again == first, "retry answered %s, first %s" % (again, first))
        after = len(self.list_all("/api/v1/instances?processKey=invoice-approval", 1000)[0])
        check(after == before + 1, "two keyed starts made %d instances" % (after - before))
        self.expect(self.start("invoice-approval", {"amount": 4001}, idem=key), 422, "same key, different body")
        # The key is scoped per route: the same key completes a task.
        tid = self.open_tasks(first["id"])[0]["id"]
        body = {"variables": {"approved": True}}
        c1 = self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, body, key=key), 200, "keyed complete")
        r = self.c.post("/api/v1/tasks/%s/complete" % tid, body, key=key)
        c2 = self.expect(r, 200, "keyed complete, retried (not 409)")
        check(r.header("Idempotent-Replayed") == "true" and c2 == c1, "complete retry: %r" % r)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, {"variables": {"approved": False}}, key=key), 422,
                    "complete, same key, different body")
        check(self.instance(first["id"])["variables"]["approved"] is True, "the 422 changed the instance")
        # Deployments replay too.
        xml = one_task_model("api-idem-deploy")
        d1 = self.expect(self.deploy(xml, key=key), 201, "keyed deploy")
        r = self.deploy(xml, key=key)
        check(r.header("Idempotent-Replayed") == "true" and r.json == d1, "deploy retry: %r" % r)
        self.expect(self.deploy(xml.replace("One task", "Other"), key=key), 422, "deploy, same key, different body")

    def test_cancel(self):
        inst = self.start_ok("invoice-approval", {"amount": 7000})
        tid = self.open_tasks(inst["id"])[0]["id"]
        r = self.expect(self.c.post("/api/v1/instances/%s/cancel" % inst["id"], {"reason": "duplicate invoice"}), 200,
                        "cancel")
        check(r.get("state") == "terminated", "cancel answered %s" % r)
        d = self.instance(inst["id"])
        check(d["state"] == "terminated" and d["active"] == [], "after cancel: %s" % d)
        t = self.expect(self.c.get("/api/v1/tasks/%s" % tid), 200, "GET canceled task")
        check(t["state"] == "canceled", "the task of a canceled instance is %s" % t["state"])
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % tid, {}), 409, "completing a canceled task")
        self.expect(self.c.post("/api/v1/instances/%s/cancel" % inst["id"], {}), 409, "canceling twice")
        done = self.start_ok("invoice-approval", {"amount": 1})
        self.expect(self.c.post("/api/v1/instances/%s/cancel" % done["id"], {}), 409, "canceling a completed instance")
        terminated, _ = self.list_all("/api/v1/instances?state=terminated", 1000)
        check(inst["id"] in [i["id"] for i in terminated], "state=terminated does not list %s" % inst["id"])

    def test_incident_resolve(self):
        self.deploy_ok(GATEWAY_MODEL)
        inst = self.start_ok("api-gateway", {"other": 1})
        check(inst["state"] == "incident", "start with the condition's variable missing: state %s" % inst["state"])
        d = self.instance(inst["id"])
        check(len(d["incidents"]) == 1, "incidents %s" % d["incidents"])
        inc = d["incidents"][0]
        check(inc["element"] == "route" and inc["state"] == "open" and inc["kind"] and inc["message"],
              "incident %s" % inc)
        listed = self.expect(self.c.get("/api/v1/incidents?instance=%s" % inst["id"]), 200, "GET incidents")
        check([i["id"] for i in listed["items"]] == [inc["id"]], "GET /incidents lists %s" % listed)
        incidents, _ = self.list_all("/api/v1/instances?state=incident&processKey=api-gateway", 100)
        check(inst["id"] in [i["id"] for i in incidents], "state=incident does not list the instance")
        # Resolving with the variable set lets the gateway choose a path.
        r = self.c.post("/api/v1/incidents/%s/resolve" % inc["id"], {"variables": {"resolve": "accept"}})
        self.expect(r, 200, "resolve with variables")
        d = self.instance(inst["id"])
        check(d["state"] == "completed" and d["variables"].get("resolve") == "accept", "after resolve: %s" % d)
        check(d["incidents"][0]["state"] == "resolved", "incident after resolve: %s" % d["incidents"])
        hist = self.expect(self.c.get("/api/v1/instances/%s/history" % inst["id"]), 200, "history")["items"]
        check(any(e["element"] == "accepted" for e in hist), "the accepted end event never ran: %s"
              % [(e["type"], e["element"]) for e in hist])
        self.expect(self.c.post("/api/v1/incidents/%s/resolve" % inc["id"], {}), 409, "resolving twice")
        self.expect(self.c.post("/api/v1/incidents/999999999/resolve", {}), 404, "resolving an unknown incident")
        self.expect(self.c.get("/api/v1/incidents"), 400, "GET /incidents without instance")

    def test_decisions(self):
        # The demo folder deploys expense-routing.dmn (before the processes that call it).
        deadline = time.monotonic() + 10
        while True:
            listed = self.expect(self.c.get("/api/v1/decisions"), 200, "GET /api/v1/decisions")
            keys = {d["key"]: d for d in listed["items"]}
            if "expense-approvers" in keys or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        check("expense-approvers" in keys and keys["expense-approvers"]["version"] == 1,
              "decisions listed: %s" % listed)
        check(listed["next"] is None, "decisions next %r" % listed["next"])
        procs = [p["key"] for p in self.expect(self.c.get("/api/v1/processes?all=true"), 200, "processes")["items"]]
        check("expense-approvers" not in procs, "a decision is listed as a process: %s" % procs)

        # Stateless evaluation with the rules that fired.
        r = self.c.post("/api/v1/decisions/expense-approvers/evaluate",
                        {"variables": {"amount": 1500, "category": "equipment"}})
        out = self.expect(r, 200, "evaluate expense-approvers")
        check(out["result"] == ["team-leads", "finance", "it"], "result %s" % out)
        check(out["decision"]["key"] == "expense-approvers" and out["decision"]["version"] == 1, "decision %s" % out)
        check([(m["rule"], m["ruleId"]) for m in out["matchedRules"]]
              == [(1, "team-lead"), (2, "finance-large"), (3, "it-equipment")], "matched %s" % out["matchedRules"])
        check(out["diagnostics"] == [], "diagnostics %s" % out["diagnostics"])
        small = self.expect(self.c.post("/api/v1/decisions/expense-approvers/evaluate",
                                        {"variables": {"amount": 20, "category": "travel"}}), 200, "evaluate small")
        check(small["result"] == ["team-leads"] and [m["rule"] for m in small["matchedRules"]] == [1],
              "small claim %s" % small)
        # A missing input is reported, not hidden.
        missing = self.expect(self.c.post("/api/v1/decisions/expense-approvers/evaluate", {"variables": {"amount": 5}}),
                              200, "evaluate without category")
        check(any("category" in d["message"] for d in missing["diagnostics"]), "diagnostics %s" % missing)
        self.expect(self.c.post("/api/v1/decisions/no-such-decision/evaluate", {}), 404, "evaluate unknown")
        self.expect(self.c.post("/api/v1/decisions/expense-approvers/evaluate", {"variables": [1]}), 400,
                    "variables not an object")
        self.expect(self.c.post("/api/v1/decisions/expense-approvers/evaluate", {"vars": {}}), 400, "unknown member")
        self.expect(self.c.post("/api/v1/decisions/expense-approvers/evaluate", {"version": 9}), 404, "unknown version")

        # The process calls the decision; its candidate groups come from the result.
        inst = self.start_ok("expense-claim", {"amount": 1500, "category": "equipment"})
        check(inst["state"] == "active", "expense claim %s" % inst)
        tasks = self.open_tasks(inst["id"])
        check(len(tasks) == 1 and tasks[0]["candidateGroups"] == ["team-leads", "finance", "it"], "tasks %s" % tasks)
        hist = self.expect(self.c.get("/api/v1/instances/%s/history" % inst["id"]), 200, "history")["items"]
        evaluated = [e for e in hist if e["type"] == "DecisionEvaluated"]
        check(len(evaluated) == 1 and evaluated[0]["element"] == "route", "history %s" % [e["type"] for e in hist])
        data = evaluated[0]["data"]
        check(data["decision"] == "expense-approvers" and data["version"] == 1
              and data["matchedRules"] == ["expense-approvers#1", "expense-approvers#2", "expense-approvers#3"]
              and data["matchedRuleIds"] == ["team-lead", "finance-large", "it-equipment"], "DecisionEvaluated %s" % data)

        # Versions: the same document keeps its version; a changed one makes version 2.
        dmn = DECISION_DMN % "0.1"
        d1 = self.deploy_ok(dmn)
        check(d1["processes"] == [] and [d["key"] for d in d1["decisions"]] == ["api-rate"]
              and d1["decisions"][0]["version"] == 1, "DMN deployment %s" % d1)
        again = self.deploy_ok(dmn)["decisions"][0]
        check(again["version"] == 1 and again["id"] == d1["decisions"][0]["id"], "identical DMN made %s" % again)
        v2 = self.deploy_ok(DECISION_DMN % "0.2")["decisions"][0]
        check(v2["version"] == 2, "changed DMN made %s" % v2)
        rate = self.expect(self.c.post("/api/v1/decisions/api-rate/evaluate", {"variables": {}}), 200, "rate v2")
        check(rate["result"] == 0.2, "latest version evaluated %s" % rate)
        rate1 = self.expect(self.c.post("/api/v1/decisions/api-rate/evaluate", {"version": 1}), 200, "rate v1")
        check(rate1["result"] == 0.1, "version 1 evaluated %s" % rate1)

        # A broken DMN document is refused with a line, and nothing is stored.
        bad = self.expect(self.deploy(DECISION_DMN.replace("</decision>", "") % "0.3"), 400, "deploy broken DMN")
        check(bad.get("errors") and all(e.get("line", 0) >= 1 for e in bad["errors"]), "broken DMN: %s" % bad)
        check("invalid DMN document" in bad.get("detail", ""), "broken DMN detail: %s" % bad.get("detail"))
        bad_cell = DECISION_DMN % "0.1 +"
        p = self.expect(self.deploy(bad_cell), 400, "deploy a DMN whose expression does not parse")
        check(any(e.get("element") == "api-rate" and e.get("line") == 5 for e in p.get("errors", [])),
              "the bad expression is not located: %s" % p)
        after = [d for d in self.expect(self.c.get("/api/v1/decisions?all=true"), 200, "decisions")["items"]
                 if d["key"] == "api-rate"]
        check(len(after) == 2, "a broken document changed the decisions: %s" % after)

        # A process whose decision is not deployed yet raises an incident; deploying and resolving
        # continues it.
        self.deploy_ok(RULE_TASK_MODEL)
        waiting = self.start_ok("api-rule-task", {"tier": "gold"})
        check(waiting["state"] == "incident", "rule task without its decision: %s" % waiting)
        inc = self.instance(waiting["id"])["incidents"][0]
        check("no decision 'api-tier'" in inc["message"], "incident %s" % inc)
        self.deploy_ok(TIER_DMN)
        self.expect(self.c.post("/api/v1/incidents/%s/resolve" % inc["id"], {}), 200, "resolve after deploying")
        d = self.instance(waiting["id"])
        check(d["state"] == "completed" and d["variables"].get("discount") == 0.15, "after resolve %s" % d)

    def test_cli_evaluate(self):
        rc, out, err = self.cli("evaluate", "expense-approvers", "--var", "amount=1500", "--var", "category=equipment")
        check(rc == 0 and out.splitlines()[0] == '["team-leads","finance","it"]', "evaluate: rc %d out %r err %r"
              % (rc, out, err))
        check("rules: expense-approvers: #1 (team-lead) #2 (finance-large) #3 (it-equipment)" in out,
              "evaluate did not list the rules: %r" % out)
        rc, out, err = self.cli("evaluate", "no-such-decision")
        check(rc != 0 and "no decision 'no-such-decision'" in err, "evaluate unknown: rc %d err %r" % (rc, err))
        dmn = os.path.join(self.args.examples, "expense-routing.dmn")
        rc, out, err = self.cli("deploy", dmn)
        check(rc == 0 and "deployed decision expense-approvers version 1" in out, "deploy DMN: rc %d out %r err %r"
              % (rc, out, err))

    def test_camunda_invoice_decisions(self):
        path = os.path.join(SHARED_REALISTIC, "camunda-bpm-platform-invoice", "invoiceBusinessDecisions.dmn")
        with open(path, encoding="utf-8") as f:
            dmn = f.read()
        d = self.deploy_ok(dmn)
        check(sorted(x["key"] for x in d["decisions"]) == ["invoice-assign-approver", "invoiceClassification"],
              "deployed %s" % d)
        for variables, want in (({"amount": 30, "invoiceCategory": "Travel Expenses"}, ["accounting", "sales"]),
                                ({"amount": 700, "invoiceCategory": "Misc"}, ["management"]),
                                ({"amount": 5000, "invoiceCategory": "Software License Costs"}, ["management"])):
            out = self.expect(self.c.post("/api/v1/decisions/invoice-assign-approver/evaluate",
                                          {"variables": variables}), 200, "evaluate %s" % variables)
            check(out["result"] == want, "%s gave %s, want %s" % (variables, out["result"], want))
            check([x["decision"] for x in out["decisions"]] == ["invoiceClassification", "invoice-assign-approver"],
                  "evaluation order %s" % out["decisions"])

    def test_camunda_invoice_end_to_end(self):
        """The Camunda 7 invoice example, unchanged: DMN, the called review process, the invoice."""
        folder = os.path.join(SHARED_REALISTIC, "camunda-bpm-platform-invoice")

        def read(name):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                return f.read()

        self.deploy_ok(read("invoiceBusinessDecisions.dmn"))
        review_dep = self.deploy_ok(read("reviewInvoice.bpmn"))
        check(review_dep["warnings"] == [], "reviewInvoice warnings %s" % review_dep["warnings"])
        dep = self.deploy_ok(read("invoice.v2.bpmn"))
        check([p["key"] for p in dep["processes"]] == ["invoice"], "deployed %s" % dep)
        warnings = dep["warnings"]
        check([(w["element"], w["line"]) for w in warnings] == [("approveInvoice", 33), ("approveInvoice", 38)],
              "listener warnings %s" % warnings)
        check(all("is not run: listeners never run in Ordo" in w["message"] for w in warnings), "%s" % warnings)
        # The CLI says the same on stderr.
        rc, out, err = self.cli("deploy", os.path.join(folder, "invoice.v2.bpmn"))
        check(rc == 0, "ordo deploy: %s" % err)
        check("warning: invoice.v2.bpmn:33: approveInvoice: camunda:taskListener on 'create' (javascript script)"
              in err, "ordo deploy stderr: %r" % err)

        inst = self.start_ok("invoice", {"creditor": "Great Pizza for Everyone Inc.", "amount": 30,
                                         "invoiceCategory": "Travel Expenses", "invoiceNumber": "GPFE-23232323"},
                             business_key="GPFE-23232323")
        iid = inst["id"]
        tasks = self.open_tasks(iid)
        check([t["element"] for t in tasks] == ["approveInvoice"], "open tasks %s" % tasks)
        approve = tasks[0]
        check(approve["candidateGroups"] == ["accounting", "sales"], "candidate groups %s" % approve)
        created = parse_ts(approve["createdAt"])
        check(parse_ts(approve["dueAt"]) - created == 7 * 86400, "approve due %s" % approve)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % approve["id"], {"variables": {"approved": False}}),
                    200, "reject")

        children = self.list_all("/api/v1/instances?parent=%s" % iid, 100)[0]
        check([(c["processKey"], c["parentInstance"]) for c in children] == [("ReviewInvoice", iid)],
              "called instances %s" % children)
        r = self.c.get("/api/v1/instances?parent=abc")
        self.expect(r, 400, "parent=abc")
        child = children[0]["id"]
        check(self.instance(iid)["active"] == ["reviewInvoice"], "invoice waits: %s" % self.instance(iid))
        assign = self.open_tasks(child)
        check([t["assignee"] for t in assign] == ["demo"], "assign reviewer %s" % assign)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % assign[0]["id"], {"variables": {"reviewer": "mary"}}),
                    200, "assign reviewer")
        # Both instances, the caller waiting on the called one, come back after a kill -9.
        self.restart()
        review = self.open_tasks(child)
        check([t["assignee"] for t in review] == ["mary"], "review %s" % review)
        check(parse_ts(review[0]["dueAt"]) - parse_ts(review[0]["createdAt"]) == 2 * 86400, "review due %s" % review)
        # Cancelling the called instance alone is refused: its caller waits for it.
        r = self.c.post("/api/v1/instances/%s/cancel" % child, {"reason": "no"})
        self.expect(r, 409, "cancel a called instance")
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % review[0]["id"], {"variables": {"clarified": True}}),
                    200, "clarify")
        check(self.instance(child)["state"] == "completed", "review instance %s" % self.instance(child))
        back = self.instance(iid)
        check(back["variables"].get("clarified") is True and "reviewer" not in back["variables"],
              "variables out of the review %s" % back["variables"])
        again = self.open_tasks(iid)
        check([t["element"] for t in again] == ["approveInvoice"], "approve again %s" % again)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % again[0]["id"], {"variables": {"approved": True}}),
                    200, "approve")
        transfer = self.open_tasks(iid)
        check([t["element"] for t in transfer] == ["prepareBankTransfer"], "transfer %s" % transfer)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % transfer[0]["id"], {}), 200, "transfer")
        jobs = self.acquire("org.camunda.bpm.example.invoice.service.ArchiveInvoiceService", "archiver")
        check([j["instance"] for j in jobs] == [iid], "archive jobs %s" % jobs)
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % jobs[0]["id"], {"worker": "archiver"}), 200, "archive")
        check(self.instance(iid)["state"] == "completed", "invoice %s" % self.instance(iid))

    def test_offline_decision_commands(self):
        # `ordo decide` and `ordo feel` need no server.
        ordo = self.args.ordo
        dmn = os.path.join(SHARED_REALISTIC, "camunda-bpm-platform-invoice", "invoiceBusinessDecisions.dmn")
        rc, out, err = harness.run([ordo, "decide", dmn, "invoice-assign-approver", "--context",
                                    '{"amount": 30, "invoiceCategory": "Travel Expenses"}'])
        check(rc == 0 and out.strip() == '["accounting","sales"]', "decide: rc %d out %r err %r" % (rc, out, err))
        check("rules: invoiceClassification: #4 (DecisionRule_0cuxolz)" in err
              and "rules: invoice-assign-approver: #1 (row-49839158-1) #2 (row-49839158-6)" in err,
              "decide did not name the rules that fired: %r" % err)
        rc, out, err = harness.run([ordo, "decide", dmn, "no-such-decision", "--context", "{}"])
        check(rc != 0 and "no-such-decision" in err, "decide unknown decision: rc %d err %r" % (rc, err))
        rc, out, err = harness.run([ordo, "decide", os.path.join(self.workdir, "missing.dmn"), "x"])
        check(rc != 0 and "missing.dmn" in err, "decide missing file: rc %d err %r" % (rc, err))
        rc, out, err = harness.run([ordo, "decide", dmn, "invoiceClassification", "--context", "[1]"])
        check(rc != 0 and "--context" in err, "decide with a non-object context: rc %d err %r" % (rc, err))
        rc, out, err = harness.run([ordo, "feel", 'date("2024-01-31") + duration("P1M")'])
        check(rc == 0 and out.strip() == '"2024-02-29"', "feel date: rc %d out %r err %r" % (rc, out, err))
        rc, out, err = harness.run([ordo, "feel", "amount > 1000 and risk = \"high\"", "--context",
                                    '{"amount": 1500, "risk": "high"}'])
        check(rc == 0 and out.strip() == "true", "feel with context: rc %d out %r err %r" % (rc, out, err))
        rc, out, err = harness.run([ordo, "feel", "1 +"])
        check(rc != 0 and "error" in err, "feel syntax error: rc %d err %r" % (rc, err))

    def test_job_lease_expiry(self):
        self.deploy_ok(job_model("api-lease", "lease-job"))
        inst = self.start_ok("api-lease", {"order": 17})
        locked_at = time.monotonic()
        jobs = self.acquire("lease-job", "worker-a", lock_ms=200)
        check(len(jobs) == 1 and jobs[0]["instance"] == inst["id"], "worker-a acquired %s" % jobs)
        job = jobs[0]
        check(job["variables"] == {"order": 17} and job["type"] == "lease-job" and job["element"] == "call",
              "job %s" % job)
        taken = self.acquire("lease-job", "worker-b")
        if time.monotonic() - locked_at < 0.15:  # only meaningful while the 200 ms lease surely runs
            check(taken == [], "a locked job was handed out again at once: %s" % taken)
        time.sleep(1.0)
        again = self.acquire("lease-job", "worker-b", lock_ms=60000)
        check([j["id"] for j in again] == [job["id"]], "after the lease expired worker-b acquired %s" % again)
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % job["id"], {"worker": "worker-a", "variables": {"x": 1}}),
                    409, "completion by the worker whose lease expired")
        self.expect(self.c.post("/api/v1/jobs/%s/fail" % job["id"], {"worker": "worker-a", "retries": 1}), 409,
                    "failure reported by the worker whose lease expired")
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % job["id"], {"worker": "worker-b", "variables": {"shipped": True}}),
                    200, "completion by the lease owner")
        d = self.instance(inst["id"])
        check(d["state"] == "completed" and d["variables"] == {"order": 17, "shipped": True}, "after the job: %s" % d)
        r = self.c.post("/api/v1/jobs/%s/complete" % job["id"], {"worker": "worker-b"})
        check(r.status in (404, 409), "completing a finished job answered %r" % r)
        self.expect(self.c.post("/api/v1/jobs/999999999/complete", {"worker": "w"}), 404, "completing an unknown job")

    def test_job_retries_backoff(self):
        self.deploy_ok(job_model("api-retry", "retry-job"))
        inst = self.start_ok("api-retry")
        job = self.acquire("retry-job", "worker-a")[0]
        check(job["retries"] == 3, "job retries %s (the model says 3)" % job["retries"])
        failed_at = time.monotonic()
        r = self.expect(self.c.post("/api/v1/jobs/%s/fail" % job["id"],
                                    {"worker": "worker-a", "retries": 2, "message": "try later", "backoffMs": 500}),
                        200, "fail with backoff")
        check(r.get("retries") == 2 and r.get("incident") is None, "fail answered %s" % r)
        early = self.acquire("retry-job", "worker-b")
        if time.monotonic() - failed_at < 0.4:  # only meaningful inside the 500 ms backoff
            check(early == [], "the job was acquirable during its backoff: %s" % early)
        deadline = time.monotonic() + 5
        again = []
        time.sleep(0.6)
        while not again and time.monotonic() < deadline:
            again = self.acquire("retry-job", "worker-b")
            if not again:
                time.sleep(0.1)
        check([j["id"] for j in again] == [job["id"]] and again[0]["retries"] == 2,
              "after the backoff worker-b acquired %s" % again)
        r = self.expect(self.c.post("/api/v1/jobs/%s/fail" % job["id"],
                                    {"worker": "worker-b", "retries": 0, "message": "disk full"}), 200, "final failure")
        check(r.get("incident"), "no incident for a job out of retries: %s" % r)
        d = self.instance(inst["id"])
        check(d["state"] == "incident" and d["incidents"] and "disk full" in d["incidents"][0]["message"],
              "instance after the final failure: %s" % d)
        check(self.acquire("retry-job", "worker-c") == [], "a job out of retries was handed out")
        self.expect(self.c.post("/api/v1/incidents/%s/resolve" % r["incident"], {}), 200, "resolve the job incident")
        back = self.acquire("retry-job", "worker-c")
        check([j["id"] for j in back] == [job["id"]] and back[0]["retries"] >= 1,
              "after resolving, the job came back as %s" % back)
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % job["id"], {"worker": "worker-c"}), 200, "complete")
        check(self.instance(inst["id"])["state"] == "completed", "instance not completed after the job")

    def test_onboarding_example(self):
        inst = self.start_ok("employee-onboarding", {"manager": "maria"})
        tasks = self.open_tasks(inst["id"])
        check(sorted(t["element"] for t in tasks) == ["contract", "first-week", "laptop"], "parallel tasks %s" % tasks)
        by = {t["element"]: t for t in tasks}
        check(by["first-week"]["assignee"] == "maria" and by["contract"]["candidateGroups"] == ["hr"]
              and by["laptop"]["candidateGroups"] == ["it"], "task assignment %s" % tasks)
        for i, t in enumerate(tasks):
            check(self.acquire("create-accounts", "it-bot") == [], "the service task started before the join")
            self.expect(self.c.post("/api/v1/tasks/%s/complete" % t["id"], {"variables": {"step%d" % i: True}}), 200,
                        "complete " + t["element"])
        jobs = [j for j in self.acquire("create-accounts", "it-bot") if j["instance"] == inst["id"]]
        check(len(jobs) == 1, "after the join: jobs %s" % jobs)
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % jobs[0]["id"], {"worker": "it-bot", "variables": {"accounts": 3}}),
                    200, "complete create-accounts")
        check(self.instance(inst["id"])["state"] == "completed", "onboarding did not complete")

    def test_vendor_review_example(self):
        """The demo's call activity: a high-risk vendor goes to compliance with a due date."""
        for spend, want in ((250000, ["compliance"]), (5000, [])):
            iid = self.start_ok("vendor-review", {"country": "NL", "annualSpend": spend})["id"]
            docs = self.open_tasks(iid)
            check([t["element"] for t in docs] == ["documents"], "documents task %s" % docs)
            check(parse_ts(docs[0]["dueAt"]) - parse_ts(docs[0]["createdAt"]) == 3 * 86400, "due %s" % docs)
            self.expect(self.c.post("/api/v1/tasks/%s/complete" % docs[0]["id"], {}), 200, "documents")
            called = self.list_all("/api/v1/instances?parent=%s" % iid, 10)[0]
            check([(c["processKey"], c["state"]) for c in called] == [("vendor-risk-check", "completed")],
                  "risk check %s" % called)
            after = self.open_tasks(iid)
            check([t["candidateGroups"] for t in after] == ([want] if want else []), "after the check: %s" % after)
            state = self.instance(iid)
            check(state["variables"]["risk"] == ("high" if want else "low"), "risk %s" % state["variables"])
            check(state["state"] == ("active" if want else "completed"), "state %s" % state["state"])

    def test_client_errors(self):
        c = self.c
        # Malformed JSON: the detail gives the position.
        p = self.expect(c.request("POST", "/api/v1/processes/invoice-approval/instances", '{"variables": {"a": tru}}'),
                        400, "malformed JSON")
        check("line 1" in p["detail"] and "column" in p["detail"], "malformed JSON detail lacks a position: %s" % p["detail"])
        p = self.expect(c.request("POST", "/api/v1/processes/invoice-approval/instances", '{\n  "variables": {\n    "a": 1,\n  }\n}'),
                        400, "malformed JSON on line 4")
        check("line 4" in p["detail"], "multi-line malformed JSON detail: %s" % p["detail"])
        self.expect(c.request("POST", "/api/v1/processes/invoice-approval/instances", "[1,2]"), 400, "JSON array body")
        # Wrong member types.
        for body, member in (({"variables": [1]}, "variables"), ({"businessKey": 5}, "businessKey"),
                             ({"version": "two"}, "version"), ({"version": 1.5}, "version")):
            p = self.expect(c.post("/api/v1/processes/invoice-approval/instances", body), 400, "start with %s" % body)
            check(member in p["detail"], "detail for %s does not name %r: %s" % (body, member, p["detail"]))
        for body in ({"type": "x", "worker": "w", "max": "5"}, {"type": "x"}, {"worker": "w"},
                     {"type": "x", "worker": "w", "max": 0}, {"type": "x", "worker": "w", "lockMs": 0}, {"type": 3, "worker": "w"}):
            self.expect(c.post("/api/v1/jobs/acquire", body), 400, "acquire with %s" % body)
        self.expect(c.post("/api/v1/jobs/1/fail", {"worker": "w"}), 400, "fail without retries")
        self.expect(c.post("/api/v1/jobs/1/fail", {"worker": "w", "retries": -1}), 400, "fail with retries -1")
        self.expect(c.post("/api/v1/tasks/1/complete", {"variables": "yes"}), 400, "complete with variables a string")
        # Unknown ids and keys.
        for method, path in (("GET", "/api/v1/instances/999999999"), ("GET", "/api/v1/instances/abc"),
                             ("GET", "/api/v1/instances/0"), ("GET", "/api/v1/tasks/999999999"),
                             ("POST", "/api/v1/tasks/999999999/complete"), ("POST", "/api/v1/jobs/999999999/fail"),
                             ("POST", "/api/v1/instances/999999999/cancel"),
                             ("POST", "/api/v1/processes/no-such-process/instances"),
                             ("GET", "/api/v1/nothing-here"), ("GET", "/"), ("POST", "/api/v2/deployments")):
            body = {"worker": "w", "retries": 1} if method == "POST" else None
            self.expect(c.request(method, path, body), 404, "%s %s" % (method, path))
        # Wrong methods name the allowed one.
        for method, path, allowed in (("DELETE", "/api/v1/instances/1", "GET"), ("GET", "/api/v1/deployments", "POST"),
                                      ("PUT", "/api/v1/tasks/1/complete", "POST"), ("POST", "/healthz", "GET")):
            r = c.request(method, path, {} if method != "GET" else None)
            self.expect(r, 405, "%s %s" % (method, path))
            check(allowed in (r.header("Allow") or ""), "%s %s: Allow header %r" % (method, path, r.header("Allow")))

    def test_huge_body(self):
        limit = 16 * 1024 * 1024
        body = b'{"variables":{"blob":"' + b"x" * (limit + 16) + b'"}}'
        try:
            r = harness.Client(self.server.port, timeout=60).request(
                "POST", "/api/v1/processes/invoice-approval/instances", body)
        except (OSError, http.client.HTTPException) as e:
            raise Failed("a body over 16 MiB broke the connection instead of answering 413: %r" % e)
        self.expect(r, 413, "body over 16 MiB")
        # Without Content-Length (chunked), the limit holds too.
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        try:
            chunks = (b"x" * (1 << 20) for _ in range(17))
            conn.request("POST", "/api/v1/processes/invoice-approval/instances", body=chunks,
                         headers={"Content-Type": "application/json"}, encode_chunked=True)
            resp = conn.getresponse()
            status, data = resp.status, resp.read()
        except (OSError, http.client.HTTPException) as e:
            raise Failed("a chunked body over 16 MiB broke the connection instead of answering 413: %r" % e)
        finally:
            conn.close()
        check(status == 413, "chunked body over 16 MiB answered %d %r" % (status, data[:300]))
        # The server still works.
        self.expect(self.c.get("/healthz"), 200, "healthz after the huge bodies")

    def test_concurrent_retries_same_key(self):
        # Sixteen clients send the same keyed start at once: one instance, one answer.
        key = "race-" + str(uuid.uuid4())
        body = {"variables": {"amount": 42}, "businessKey": key}
        barrier = threading.Barrier(16)
        answers = []
        lock = threading.Lock()

        def send():
            c = harness.Client(self.server.port)
            barrier.wait()
            r = c.post("/api/v1/processes/invoice-approval/instances", body, key=key)
            c.close()
            with lock:
                answers.append(r)

        threads = [threading.Thread(target=send) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status for r in answers)
        ids = {r.json.get("id") for r in answers if r.status == 201}
        check(ids and len(ids) == 1, "same-key starts answered ids %s (statuses %s)" % (ids, statuses))
        # While the first is running a retry may get 409; every other answer is the first one's.
        check(all(s in (201, 409) for s in statuses), "same-key starts answered %s" % statuses)
        fresh = [r for r in answers if r.status == 201 and r.header("Idempotent-Replayed") != "true"]
        check(len(fresh) == 1, "%d answers claim to be the first" % len(fresh))
        mine = [i for i in self.list_all("/api/v1/instances?processKey=invoice-approval", 1000)[0]
                if i.get("businessKey") == key]
        check(len(mine) == 1, "same-key starts made %d instances" % len(mine))

    def test_cursor_out_of_range(self):
        # A cursor this API never returned is refused (400) or ends the listing; it never restarts it.
        for path in ("/api/v1/instances", "/api/v1/tasks"):
            for cursor in ("99999999999999999999", "18446744073709551615", "9223372036854775808"):
                r = self.c.get("%s?limit=5&cursor=%s" % (path, cursor))
                if r.status == 400:
                    self.expect(r, 400, "%s?cursor=%s" % (path, cursor))
                    continue
                body = self.expect(r, 200, "%s?cursor=%s" % (path, cursor))
                check(body["items"] == [] and body["next"] is None,
                      "GET %s?cursor=%s (past every id) lists ids %s again"
                      % (path, cursor, [i["id"] for i in body["items"]]))

    def test_state_survives_restart(self):
        # kill -9, restart on the same data directory: leases, backoffs, incidents and tasks hold.
        self.deploy_ok(job_model("api-restart-lease", "restart-lease-job"))
        self.deploy_ok(job_model("api-restart-backoff", "restart-backoff-job"))
        leased = self.start_ok("api-restart-lease")
        backing = self.start_ok("api-restart-backoff")
        stuck = self.start_ok("api-gateway")
        waiting = self.start_ok("invoice-approval", {"amount": 1500})
        lj = self.acquire("restart-lease-job", "worker-a", lock_ms=60000)[0]
        bj = self.acquire("restart-backoff-job", "worker-a")[0]
        self.expect(self.c.post("/api/v1/jobs/%s/fail" % bj["id"], {"worker": "worker-a", "retries": 2,
                                                                    "backoffMs": 2500}), 200, "fail with backoff")
        failed_at = time.monotonic()
        self.restart()
        check(self.acquire("restart-lease-job", "worker-b") == [], "a leased job was handed out after the restart")
        # Deployed decisions come back compiled, every version.
        if any(d["key"] == "api-rate" for d in self.expect(self.c.get("/api/v1/decisions"), 200, "decisions")["items"]):
            for version, want in ((1, 0.1), (2, 0.2)):
                out = self.expect(self.c.post("/api/v1/decisions/api-rate/evaluate", {"version": version}), 200,
                                  "evaluate api-rate v%d after the restart" % version)
                check(out["result"] == want, "api-rate v%d after the restart: %s" % (version, out))
        if time.monotonic() - failed_at < 2.0:
            check(self.acquire("restart-backoff-job", "worker-b") == [], "the backoff was lost in the restart")
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % lj["id"], {"worker": "worker-a"}), 200,
                    "the lease owner completes after the restart")
        check(self.instance(leased["id"])["state"] == "completed", "leased instance not completed")
        deadline = time.monotonic() + 10
        got = []
        while not got and time.monotonic() < deadline:
            got = self.acquire("restart-backoff-job", "worker-b")
            time.sleep(0.1 if not got else 0)
        check([j["id"] for j in got] == [bj["id"]] and got[0]["retries"] == 2, "after the backoff: %s" % got)
        self.expect(self.c.post("/api/v1/jobs/%s/complete" % bj["id"], {"worker": "worker-b"}), 200, "complete")
        check(self.instance(backing["id"])["state"] == "completed", "backoff instance not completed")
        inc = self.instance(stuck["id"])["incidents"]
        check(len(inc) == 1 and inc[0]["state"] == "open", "incident after the restart: %s" % inc)
        self.expect(self.c.post("/api/v1/incidents/%s/resolve" % inc[0]["id"], {"variables": {"resolve": "reject"}}),
                    200, "resolve after the restart")
        check(self.instance(stuck["id"])["state"] == "completed", "incident instance not completed")
        tasks = self.open_tasks(waiting["id"])
        check(len(tasks) == 1, "open tasks after the restart: %s" % tasks)
        self.expect(self.c.post("/api/v1/tasks/%s/complete" % tasks[0]["id"], {"variables": {"approved": True}}),
                    200, "complete after the restart")
        check(self.instance(waiting["id"])["state"] == "completed", "invoice not completed after the restart")

    def test_deeply_nested_json(self):
        # Nesting is refused with a 4xx past the parser's limit; no depth brings the server down.
        for depth in (16, 48, 64, 100, 129, 1000, 100000):
            body = '{"variables":{"deep":' + "[" * depth + "]" * depth + "}}"
            try:
                r = self.c.request("POST", "/api/v1/processes/api-paging/instances", body)
            except (OSError, http.client.HTTPException) as e:
                alive = self.server_healthy()
                raise Failed("JSON nested %d deep: no answer (%r); the server %s" % (
                    depth, e, "is still running" if alive else "died with status %s" % self.server.proc.returncode))
            check(r.status in (201, 400, 413), "JSON nested %d deep answered %r" % (depth, r))
            if r.status != 201:
                self.expect(r, r.status, "JSON nested %d deep" % depth)
        self.expect(self.c.get("/healthz"), 200, "healthz after deep JSON")

    def test_cli(self):
        inv = os.path.join(self.args.examples, "invoice-approval.bpmn")
        rc, out, err = self.cli("deploy", inv)
        check(rc == 0 and "deployed invoice-approval version 1" in out, "ordo deploy: rc %d\n%s%s" % (rc, out, err))
        rc, out, err = self.cli("start", "invoice-approval", "--var", "amount=2500", "--var", "supplier=CLI Ltd")
        check(rc == 0 and out.startswith("started instance "), "ordo start: rc %d\n%s%s" % (rc, out, err))
        iid = out.split()[2]
        d = self.instance(iid)
        check(d["variables"] == {"amount": 2500, "supplier": "CLI Ltd"} and d["active"] == ["approve"],
              "the CLI's instance reads %s" % d)
        rc, out, err = self.cli("tasks")
        check(rc == 0, "ordo tasks: rc %d\n%s" % (rc, err))
        rows = [l.split() for l in out.splitlines()[1:]]
        mine = [r for r in rows if len(r) > 1 and r[1] == iid]
        check(len(mine) == 1, "ordo tasks does not list one task of instance %s:\n%s" % (iid, out))
        tid = mine[0][0]
        rc, out, err = self.cli("complete", tid, "--var", "approved=true")
        check(rc == 0 and tid in out, "ordo complete: rc %d\n%s%s" % (rc, out, err))
        d = self.instance(iid)
        check(d["state"] == "completed" and d["variables"].get("approved") is True, "after ordo complete: %s" % d)
        rc, out, err = self.cli("instances")
        check(rc == 0, "ordo instances: rc %d\n%s" % (rc, err))
        row = [l.split() for l in out.splitlines() if l.split()[:1] == [iid]]
        check(row and row[0][1] == "invoice-approval" and "completed" in row[0], "ordo instances row %s:\n%s" % (row, out))
        rc, out, err = self.cli("instances", "--process", "invoice-approval", "--state", "completed")
        check(rc == 0 and iid in out.split(), "ordo instances --process --state misses %s:\n%s%s" % (iid, out, err))
        # Errors: non-zero exit, a message naming what was wrong.
        missing = os.path.join(self.workdir, "no-such-model.bpmn")
        rc, out, err = self.cli("deploy", missing)
        check(rc != 0 and missing in err, "ordo deploy of a missing file: rc %d, stderr %r" % (rc, err))
        port = harness.free_port()
        dead = "http://127.0.0.1:%d" % port
        rc, out, err = self.cli("tasks", server=dead)
        check(rc != 0 and str(port) in err, "ordo tasks with an unreachable server: rc %d, stderr %r" % (rc, err))
        rc, out, err = self.cli("start", "invoice-approval", server=dead)
        check(rc != 0 and str(port) in err, "ordo start with an unreachable server: rc %d, stderr %r" % (rc, err))
        rc, out, err = self.cli("complete", "999999999")
        check(rc != 0 and "999999999" in err, "ordo complete of an unknown task: rc %d, stderr %r" % (rc, err))
        rc, out, err = self.cli("start", "no-such-process")
        check(rc != 0 and "no-such-process" in err, "ordo start of an unknown process: rc %d, stderr %r" % (rc, err))
        bad = os.path.join(self.workdir, "invalid.bpmn")
        with open(bad, "w") as f:
            f.write(INVALID_MODEL)
        rc, out, err = self.cli("deploy", bad)
        check(rc != 0 and all(("line %d" % line) in err and element in err for element, line, _ in INVALID_PROBLEMS),
              "ordo deploy of an invalid model: rc %d, stderr %r" % (rc, err))
        rc, out, err = self.cli("start", "invoice-approval", "--var", "novalue")
        check(rc != 0 and "novalue" in err, "ordo start --var novalue: rc %d, stderr %r" % (rc, err))

    def test_audit_after_run(self):
        # Stops the server (clean shutdown), then the offline audit verifies every chain.
        rc = self.server.stop()
        check(rc == 0, "SIGTERM: the server exited with %s\n%s" % (rc, self.server.log_tail()))
        rc, out, err = harness.run([self.args.ordo, "audit", "verify", "--deep", "--data-dir", self.data_dir], timeout=300)
        check(rc == 0 and "every hash chain verifies" in out, "audit verify --deep: rc %d\n%s%s" % (rc, out, err))
        rc, out, err = harness.run([self.args.ordo, "audit", "verify", "--data-dir", os.path.join(self.workdir, "none")])
        check(rc != 0 and "none" in err, "audit verify of a missing database: rc %d %r" % (rc, err))

    # ----- driver -----

    def run(self):
        self.data_dir = os.path.join(self.workdir, "data")
        self.server = harness.Server(self.args.ordo, self.data_dir, os.path.join(self.workdir, "server.log"),
                                     demo=self.args.examples).start()
        self.c = harness.Client(self.server.port)
        tests = [getattr(self, n) for n in dir(self) if n.startswith("test_") and n != "test_audit_after_run"]
        tests.sort(key=lambda f: f.__code__.co_firstlineno)
        tests.append(self.test_audit_after_run)
        if self.args.only:
            tests = [t for t in tests if any(o in t.__name__ for o in self.args.only.split(","))]
        if self.args.skip:
            skipped = [t for t in tests if any(o in t.__name__ for o in self.args.skip.split(","))]
            for t in skipped:
                print("SKIP %s" % t.__name__[len("test_"):], flush=True)
            self.skipped = len(skipped)
            tests = [t for t in tests if t not in skipped]
        for t in tests:
            name = t.__name__[len("test_"):]
            t0 = time.monotonic()
            try:
                if t != self.test_audit_after_run and not self.server_healthy():
                    raise Failed("the server is not running:\n" + self.server.log_tail())
                t()
                self.results.append((name, None))
                print("PASS %-36s %.2f s" % (name, time.monotonic() - t0), flush=True)
            except Failed as e:
                self.results.append((name, str(e)))
                print("FAIL %-36s %s" % (name, e), flush=True)
            except Exception as e:  # noqa: BLE001 - an unexpected error fails this test only
                self.results.append((name, "%s: %s" % (type(e).__name__, e)))
                print("FAIL %-36s %s\n%s" % (name, e, traceback.format_exc()), flush=True)
            self.c.close()
            if t != self.test_audit_after_run and not self.server_healthy():
                msg = "the server died (status %s) during %s:\n%s" % (self.server.proc.returncode, name,
                                                                       self.server.log_tail(15))
                print("FAIL %-36s %s" % (name, msg), flush=True)
                if self.results[-1][1] is None:
                    self.results[-1] = (name, msg)
                self.restart()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--ordo", required=True, help="path of the ordo binary")
    p.add_argument("--examples", required=True, help="the examples folder (invoice-approval.bpmn, ...)")
    p.add_argument("--only", help="comma-separated substrings of the test names to run")
    p.add_argument("--skip", default=os.environ.get("ORDO_SYSTEM_SKIP"),
                   help="comma-separated substrings of the test names not to run (default $ORDO_SYSTEM_SKIP)")
    p.add_argument("--keep", action="store_true", help="keep the data directory and server log")
    args = p.parse_args()
    for f in ("invoice-approval.bpmn", "employee-onboarding.bpmn"):
        if not os.path.exists(os.path.join(args.examples, f)):
            print("api_test: FAIL: %s has no %s" % (args.examples, f))
            return 1
    workdir = tempfile.mkdtemp(prefix="ordo-api-")
    t0 = time.monotonic()
    test = ApiTest(args, workdir)
    try:
        test.run()
    except Exception as e:  # noqa: BLE001
        traceback.print_exc()
        test.results.append(("setup", "%s: %s" % (type(e).__name__, e)))
    finally:
        harness._kill_all()
    failed = [(n, m) for n, m in test.results if m]
    elapsed = time.monotonic() - t0
    if failed:
        print("api_test: FAILED %d of %d tests (%s) in %.1f s; work dir kept at %s"
              % (len(failed), len(test.results), ", ".join(n for n, _ in failed), elapsed, workdir))
        print("server log (last lines):\n" + test.server.log_tail(30) if test.server else "")
        return 1
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print("api_test: PASSED all %d tests%s in %.1f s"
          % (len(test.results), " (%d skipped)" % test.skipped if test.skipped else "", elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
