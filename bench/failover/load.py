#!/usr/bin/env python3
"""Steady load through the gateway while host A dies and comes back (bench/failover/run.sh starts the hosts).

Load, all through the gateway at http://127.0.0.1:8080 as 张三 (the sandbox's admin):
  readers    2 threads, ~5 requests/s each: customers, releases, one environment, the compare matrix
  records    every 2 s a release record (component failover-probe, a new version each) and right after it a customer
             deployment of that record to one of the bench customer's 10 environments, with evidence and an
             Idempotency-Key; a deployment that fails without an answer is sent again with the same key (as the web
             app does), for up to 30 s
  builds     every 10 s a package build of the newest record (the sandbox's Jenkins finishes it in ~10 s)
  schedules  every 5 s an update schedule due in two hours, owner 张三: its "due soon" reminder goes out within ~5 s
Timeline: BEFORE s of load, then host A is killed (every process, SIGKILL), AFTER s on host B alone, then host A is
started again; REJOIN s after it is registered, the load stops and the events are given up to 90 s to drain.
With --mode stop, host A is frozen (SIGSTOP) instead of killed and goes on (SIGCONT) instead of being started again:
the "kill" and "restart" marks are the freeze and the SIGCONT.

Checked afterwards, from the databases and the sandbox's Feishu inbox:
  reads failed, by second after the kill; writes failed (not answered 2xx) and whether a retry recorded them once;
  every record answered 2xx is stored; every deployment answered 2xx is applied to its environment exactly once
  (customer-service's applied_deployment) and its versions written once (history rows per deployment and component);
  every build answered 2xx reaches an end state; Feishu messages sent twice (identical recipient, title and text);
  reminders sent twice or not at all; how long until host B alone carries the load (the last failed read); host A's
  instances registered again with both registries and serving requests after it is back.
Watched meanwhile: each registry's view of host A's instances (polled every second from the kill to the end: when
each one was dropped and when it was there again), the reads that waited 2 s or more, and the records and schedules
stored although their request was not answered 2xx (a frozen host applies what it had accepted once it goes on).
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import benchlib  # noqa: E402  (percentiles: nearest rank, docs/bench/README.md)


def pct_ms(seconds, p):
    value = benchlib.percentile(seconds, p)
    return None if value is None else round(value * 1000, 1)

GATEWAY = "http://127.0.0.1:8080"
SANDBOX = "http://127.0.0.1:8089"
EUREKA_AUTH = "eureka:" + os.environ.get("EUREKA_PASSWORD", "dev-only-eureka-password")


class Api:
    def __init__(self):
        self.lock = threading.Lock()
        self.token = None
        self.errors = []  # the first answers that were not 2xx, with their problem details
        self.login()

    def login(self):
        token = subprocess.run(["scripts/sandbox-login.sh"], capture_output=True, text=True, check=True).stdout.strip()
        with self.lock:
            self.token = token

    def call(self, method, path, body=None, headers=None, timeout=15):
        """(status, parsed body or None, seconds); status 0 when no answer came."""
        data, hdrs = None, {"Authorization": "Bearer " + self.token, "Accept": "application/json",
                            "Accept-Language": "en"}
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        elif isinstance(body, tuple):  # (content type, bytes)
            hdrs["Content-Type"], data = body
        hdrs.update(headers or {})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(urllib.request.Request(GATEWAY + path, data, hdrs, method=method),
                                        timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw and raw[:1] in b"{[" else None), time.monotonic() - started
        except urllib.error.HTTPError as e:
            raw = e.read()
            with self.lock:
                if len(self.errors) < 20:
                    self.errors.append({"method": method, "path": path.split("?")[0], "status": e.code,
                                        "body": raw[:400].decode(errors="replace")})
            return e.code, None, time.monotonic() - started
        except Exception:  # connection refused/reset, timeout
            return 0, None, time.monotonic() - started


def multipart(fields, files):
    boundary = "----failover" + uuid.uuid4().hex
    out = b""
    for name, (ctype, value) in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
        out += value + b"\r\n"
    for name, filename, ctype, value in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f'Content-Type: {ctype}\r\n\r\n').encode() + value + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return "multipart/form-data; boundary=" + boundary, out


def psql(db, sql):
    r = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
                       capture_output=True, text=True, check=True)
    return [line.split("|") for line in r.stdout.splitlines() if line]


def registered_ips(registry_ip):
    """app -> set of instance IPs, as one registry sees them (None when it does not answer)."""
    req = urllib.request.Request(f"http://{registry_ip}:8761/eureka/apps", headers={"Accept": "application/json"})
    req.add_header("Authorization", "Basic " + __import__("base64").b64encode(EUREKA_AUTH.encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=3) as r:
            apps = json.load(r)["applications"]["application"]
    except Exception:
        return None
    return {a["name"].lower(): {i["ipAddr"] for i in a["instance"] if i.get("status") == "UP"} for a in apps}


def served_requests(ip, management_port):
    """http_server_requests count of one instance (its management port), or None."""
    try:
        with urllib.request.urlopen(f"http://{ip}:{management_port}/actuator/prometheus", timeout=3) as r:
            text = r.read().decode()
    except Exception:
        return None
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("http_server_requests_seconds_count") and 'uri="/actuator' not in line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=int, default=40)
    ap.add_argument("--after", type=int, default=90)
    ap.add_argument("--rejoin", type=int, default=60)
    ap.add_argument("--kill-cmd", required=True)
    ap.add_argument("--restart-cmd", required=True)
    ap.add_argument("--db-prefix", required=True)
    ap.add_argument("--host-a", required=True)
    ap.add_argument("--host-b", default="10.77.0.12")
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", choices=("kill", "stop"), default="kill")
    a = ap.parse_args()
    api = Api()
    me = api.call("GET", "/api/auth/me")[1]
    stamp = time.strftime("%H%M%S")
    status, _, _ = api.call("POST", "/api/components", {"name": "failover-probe", "description": "故障切换压测"})
    assert status in (201, 409), status
    status, customer, _ = api.call("POST", "/api/customers", {"name": f"故障切换压测 {stamp}"})
    assert status == 201, status
    envs = []
    for i in range(10):
        s, env, _ = api.call("POST", f"/api/customers/{customer['id']}/environments", {"name": f"prod-{i}", "type": "PROD"})
        assert s == 201, s
        envs.append(env["id"])

    t0 = time.monotonic()
    stop = threading.Event()
    lock = threading.Lock()
    reads, writes = [], []  # (t, kind, status, seconds)
    records, deployments, builds, schedules = [], [], [], []  # answered 2xx
    marks = {}
    load_average = {"start": os.getloadavg()}
    apps = ("auth-service", "release-service", "customer-service", "build-service", "notify-service")
    # registry ip -> [(t, None | {app: (host A's instance UP there, host B's instance UP there)})]
    registry_views = {a.host_a: [], a.host_b: []}

    def now():
        return time.monotonic() - t0

    def registry_watcher(ip):
        # from the kill to the end of the load; a frozen registry does not answer (3 s each)
        while not stop.is_set():
            t = now()
            view = registered_ips(ip)
            with lock:
                registry_views[ip].append((t, None if view is None else
                                           {app: (a.host_a in view.get(app, set()), a.host_b in view.get(app, set()))
                                            for app in apps}))
            stop.wait(max(0.0, 1 - (now() - t)))

    def reader(k):
        paths = ["/api/customers?size=20", "/api/releases?size=20", f"/api/environments/{envs[k]}",
                 f"/api/versions/compare/mainline?environment={envs[k]}"]
        i = 0
        while not stop.is_set():
            t = now()
            s, _, secs = api.call("GET", paths[i % len(paths)], timeout=10)
            with lock:
                reads.append((t, paths[i % len(paths)].split("?")[0], s, secs))
            i += 1
            time.sleep(max(0.0, 0.2 - secs))

    def note(kind, t, s, secs):
        with lock:
            writes.append((t, kind, s, secs))

    def record_and_deploy():
        n = 0
        while not stop.is_set():
            n += 1
            t = now()
            s, rec, secs = api.call("POST", "/api/releases", {
                "title": f"故障切换 #{n} {stamp}", "tickets": [{"id": f"FO-{n}"}], "updateType": "HOT",
                "configChange": False, "manual": "压测", "items": [{"component": "failover-probe", "version": f"1.0.{n}"}]})
            note("release", t, s, secs)
            if s == 201:
                with lock:
                    records.append({"id": rec["id"], "number": rec["number"], "n": n})
                key = str(uuid.uuid4())
                ctype, body = multipart(
                    {"deployment": ("application/json", json.dumps({
                        "customerId": customer["id"], "environmentIds": [envs[n % len(envs)]],
                        "notes": f"压测部署 #{n}"}).encode())},
                    [("evidence", f"evidence-{n}.txt", "text/plain", f"deployed #{n}\n".encode())])
                first, attempts, deadline = now(), 0, time.monotonic() + 30
                while True:
                    attempts += 1
                    s2, dep, secs2 = api.call("POST", f"/api/releases/{rec['id']}/deployments", (ctype, body),
                                              {"Idempotency-Key": key})
                    note("deployment", now(), s2, secs2)
                    if s2 in (200, 201) or (s2 not in (0, 502, 503, 504)) or time.monotonic() > deadline:
                        break
                    time.sleep(1)
                if s2 in (200, 201):
                    with lock:
                        deployments.append({"id": dep["id"], "release": rec["id"], "environment": envs[n % len(envs)],
                                            "attempts": attempts, "t": first})
            time.sleep(max(0.0, 2 - (now() - t)))

    def builder():
        while not stop.is_set():
            t = now()
            with lock:
                latest = records[-1]["id"] if records else None
            if latest:
                s, b, secs = api.call("POST", "/api/builds", {"releaseId": latest, "type": "PACKAGE"})
                note("build", t, s, secs)
                if s in (200, 201, 202):
                    with lock:
                        builds.append(b["id"])
            stop.wait(10)

    def scheduler():
        n = 0
        while not stop.is_set():
            n += 1
            t = now()
            planned = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 7200))
            title = f"故障切换排期 #{n} {stamp}"
            s, sc, secs = api.call("POST", "/api/schedules", {
                "title": title, "customerId": customer["id"], "environmentIds": [envs[n % len(envs)]],
                "plannedAt": planned, "ownerId": me["openId"]})
            note("schedule", t, s, secs)
            if s == 201:
                with lock:
                    schedules.append({"id": sc["id"], "title": title})
            stop.wait(5)

    def refresher():
        while not stop.wait(240):
            try:
                api.login()
            except Exception:
                pass

    threads = [threading.Thread(target=f, args=args, daemon=True) for f, args in
               [(reader, (0,)), (reader, (1,)), (record_and_deploy, ()), (builder, ()), (scheduler, ()),
                (refresher, ())]]
    for th in threads:
        th.start()

    time.sleep(a.before)
    watchers = [threading.Thread(target=registry_watcher, args=(ip,), daemon=True) for ip in registry_views]
    for th in watchers:
        th.start()
    load_average["kill"] = os.getloadavg()
    marks["kill"] = now()
    print(f"[{marks['kill']:.0f}s] {'freezing (SIGSTOP)' if a.mode == 'stop' else 'killing'} every process of host A",
          flush=True)
    subprocess.run(a.kill_cmd, shell=True, check=False)
    time.sleep(a.after)
    # a frozen host's actuator does not answer (each would wait 3 s): only asked after a kill
    a_before = {p: (served_requests(a.host_a, p) if a.mode == "kill" else None) for p in (9081, 9082, 9083, 9084, 9085)}
    load_average["restart"] = os.getloadavg()
    marks["restart"] = now()
    print(f"[{marks['restart']:.0f}s] {'letting host A go on (SIGCONT)' if a.mode == 'stop' else 'starting host A again'}",
          flush=True)
    restarted = subprocess.run(a.restart_cmd, shell=True, check=False).returncode
    marks["host_a_up"] = now()
    # registered again with both registries (every app with an instance on host A)
    while now() - marks["host_a_up"] < 120:
        views = [registered_ips(a.host_a), registered_ips(a.host_b)]
        if all(v and all(a.host_a in v.get(app, set()) for app in apps) for v in views):
            marks["host_a_registered"] = now()
            break
        time.sleep(1)
    print(f"[{now():.0f}s] host A is up (launcher exit {restarted}) and registered: "
          f"{'host_a_registered' in marks}", flush=True)
    served_start = {p: served_requests(a.host_a, p) for p in (9081, 9082, 9083, 9084, 9085)}
    time.sleep(a.rejoin)
    served_end = {p: served_requests(a.host_a, p) for p in (9081, 9082, 9083, 9084, 9085)}
    load_average["stop"] = os.getloadavg()
    stop.set()
    marks["stop"] = now()
    for th in threads[:5] + watchers:
        th.join(timeout=40)

    # let the events drain: every deployment applied, every build ended, every schedule reminded
    p = a.db_prefix
    dep_ids = [d["id"] for d in deployments]
    build_ids = builds[:]
    drained_at = None
    for _ in range(90):
        applied = {r[0] for r in psql(f"{p}_customer", "select deployment_id from applied_deployment")}
        ended = {r[0] for r in psql(f"{p}_build", "select id from build where status = 'FINISHED'")}
        inbox = json.load(urllib.request.urlopen(f"{SANDBOX}/sandbox/feishu/inbox.json", timeout=5))
        reminded = {s["title"] for s in schedules if any(s["title"] in (m.get("title") or "") for m in inbox)}
        if set(dep_ids) <= applied and set(build_ids) <= ended and len(reminded) == len(schedules):
            drained_at = now()
            break
        time.sleep(1)

    stored_records = {r[0] for r in psql(f"{p}_release", "select id from release_record")}
    history = psql(f"{p}_customer", "select deployment_id, component, count(*) from environment_component_history "
                                    "where deployment_id is not null group by 1, 2")
    written_twice = [h for h in history if int(h[2]) > 1]
    per_release = Counter(r[0] for r in psql(f"{p}_release", "select release_id from customer_deployment"))
    build_status = Counter(r[0] for r in psql(f"{p}_build", "select coalesce(result, status) from build where id in ({})".format(
        ",".join(f"'{b}'" for b in build_ids) or "null")))
    inbox = json.load(urllib.request.urlopen(f"{SANDBOX}/sandbox/feishu/inbox.json", timeout=5))
    sent = Counter((m["recipient"], m["title"], m["text"]) for m in inbox)
    twice = [{"recipient": k[0], "title": k[1], "times": c} for k, c in sent.items() if c > 1]
    reminders = {s["title"]: sum(1 for m in inbox if s["title"] in (m.get("title") or "")) for s in schedules}
    # stored although not answered 2xx (sent to an instance that applied it after the answer was given up)
    answered_titles = {r["n"] for r in records}
    stored_titles = [r[0] for r in psql(f"{p}_release", f"select title from release_record where title like '故障切换 #% {stamp}'")]
    records_unanswered_stored = len([t for t in stored_titles if int(t.split("#")[1].split()[0]) not in answered_titles])
    schedule_titles = {s["title"] for s in schedules}
    schedules_unanswered_stored = len([r for r in psql(f"{p}_release",
                                                        f"select title from update_schedule where title like '故障切换排期 #% {stamp}'")
                                       if r[0] not in schedule_titles])

    kill = marks["kill"]
    failed_reads = [(round(t - kill, 1), path, s) for t, path, s, _ in reads if not 200 <= s < 300]
    after_kill_failed = [f for f in failed_reads if f[0] >= 0]
    buckets = defaultdict(list)
    for t, _, s, secs in reads:
        if 200 <= s < 300:
            buckets[int((t - kill) // 10) * 10].append(secs)
    slow_reads = [(round(t - kill, 1), path, s, round(secs, 2)) for t, path, s, secs in reads if t >= kill and secs >= 2]

    def registry_summary(ip):
        """when host A's instances left this registry's UP list after the kill, and came back after the restart;
        when host B's (which never stopped) were missing from it"""
        views = registry_views[ip]
        unanswered = [round(t - kill, 1) for t, v in views if v is None]
        out = {"polls": len(views), "unanswered_polls": len(unanswered),
               "unanswered_from_to_s_after_kill": [unanswered[0], unanswered[-1]] if unanswered else None,
               "dropped_s_after_kill": {}, "back_s_after_restart": {}, "host_b_missing_s_after_kill": {}}
        for app in apps:
            gone = next((t for t, v in views if kill <= t < marks["restart"] and v is not None and not v[app][0]), None)
            back = next((t for t, v in views if t >= marks["restart"] and v is not None and v[app][0]), None)
            b_missing = [round(t - kill, 1) for t, v in views if v is not None and not v[app][1]]
            if b_missing:
                out["host_b_missing_s_after_kill"][app] = {"polls": len(b_missing), "first": b_missing[0],
                                                           "last": b_missing[-1]}
            out["dropped_s_after_kill"][app] = None if gone is None else round(gone - kill, 1)
            out["back_s_after_restart"][app] = None if back is None else round(back - marks["restart"], 1)
        return out
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "mode": a.mode,
        "load_average_1_5_15": {k: [round(x, 1) for x in v] for k, v in load_average.items()},
        "machine": f"{os.cpu_count()} cores, {os.uname().nodename}",
        "jvm": "Java 25, full JIT, no AOT cache, launcher defaults (-Xmx256m, SerialGC, compact headers)",
        "seconds": {k: round(v, 1) for k, v in marks.items()},
        "reads": {"total": len(reads), "failed": len(failed_reads), "failed_after_kill": len(after_kill_failed),
                  "first_failed_after_kill_s": after_kill_failed[0][0] if after_kill_failed else None,
                  "last_failed_after_kill_s": after_kill_failed[-1][0] if after_kill_failed else None,
                  "failed_later_than_5s_after_kill": len([f for f in after_kill_failed if f[0] > 5]),
                  "failed_statuses": dict(Counter(f[2] for f in failed_reads)),
                  "failed_sample": after_kill_failed[:30],
                  "waited_2s_or_more_after_kill": {"count": len(slow_reads), "sample": slow_reads[:40]},
                  "latency_ms_by_10s_after_kill": {str(k): {"n": len(v), "p50": pct_ms(v, 50), "p99": pct_ms(v, 99)}
                                                   for k, v in sorted(buckets.items())}},
        "writes": {"by_kind": {k: {"total": sum(1 for w in writes if w[1] == k),
                                   "not_2xx": sum(1 for w in writes if w[1] == k and not 200 <= w[2] < 300),
                                   "not_2xx_after_kill_s": [round(w[0] - kill, 1) for w in writes
                                                            if w[1] == k and not 200 <= w[2] < 300]}
                               for k in ("release", "deployment", "build", "schedule")},
                   "deployments_needing_a_retry": sum(1 for d in deployments if d["attempts"] > 1)},
        "answered_2xx": {"records": len(records), "deployments": len(deployments), "builds": len(builds),
                         "schedules": len(schedules)},
        "lost": {"records_not_stored": len([r for r in records if r["id"] not in stored_records]),
                 "deployments_not_applied": len(set(dep_ids) - applied),
                 "builds_not_ended": len(set(build_ids) - ended),
                 "schedules_never_reminded": len([t for t, c in reminders.items() if c == 0])},
        "stored_though_not_answered_2xx": {
            "records": records_unanswered_stored, "schedules": schedules_unanswered_stored,
            "deployments": len({r["id"] for r in records} - {d["release"] for d in deployments} & set(per_release))},
        "registries": {"host_a_registry": registry_summary(a.host_a), "host_b_registry": registry_summary(a.host_b)},
        "twice": {"deployments_recorded_twice_for_one_record": len([r for r, c in per_release.items()
                                                                     if c > 1 and r in {d['release'] for d in deployments}]),
                  "versions_written_twice": len(written_twice),
                  "feishu_messages_sent_twice": twice,
                  "reminders_sent_twice": len([t for t, c in reminders.items() if c > 1])},
        "build_status": dict(build_status),
        "first_errors": api.errors,
        "drained_s_after_stop": round(drained_at - marks["stop"], 1) if drained_at else None,
        "host_a_after_rejoin": {"launcher_exit": restarted,
                                "registered_with_both_registries_s_after_start": round(
                                    marks["host_a_registered"] - marks["host_a_up"], 1)
                                if "host_a_registered" in marks else None,
                                "requests_served_during_rejoin_window": {
                                    str(p): (None if served_end[p] is None or served_start[p] is None
                                             else served_end[p] - served_start[p]) for p in served_end},
                                "before_restart_reachable": None if a.mode == "stop" else
                                {str(p): v is not None for p, v in a_before.items()}},
    }
    with open(a.out, "w") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
