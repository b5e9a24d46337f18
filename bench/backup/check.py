#!/usr/bin/env python3
"""Backup and restore end to end; run by bench/backup/run.sh inside ./inetpublish scratch (see there)."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

GATEWAY = os.environ.get("GATEWAY", "http://localhost:8080")
PREFIX = os.environ["INETPUBLISH_DB_PREFIX"]
RUN_DIR = os.environ["INETPUBLISH_RUN_DIR"]
SERVICES = ["auth", "release", "customer", "build", "notify"]
PSQL = ["psql", "-X", "-tA", "-h", os.environ.get("DB_HOST", "127.0.0.1"), "-p", os.environ.get("DB_PORT", "5432"),
        "-U", os.environ.get("DB_USER", "postgres")]
started = time.time()
token = ""
failures = []


def say(text):
    print(f"[{time.time() - started:6.1f}s] {text}", flush=True)


def check(ok, text):
    say(("ok    " if ok else "FAIL  ") + text)
    if not ok:
        failures.append(text)


def login():
    global token
    token = subprocess.run(["scripts/sandbox-login.sh"], check=True, capture_output=True, text=True).stdout.strip()


def call(method, path, body=None, raw=False):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(GATEWAY + path, data=data, method=method,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            content = resp.read()
            return resp.status, (content if raw else (json.loads(content) if content else None))
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


def ok(method, path, body=None):
    status, answer = call(method, path, body)
    if not 200 <= status < 300:
        raise SystemExit(f"{method} {path}: {status} {answer}")
    return answer


def sql(db, query):
    return subprocess.run(PSQL + ["-d", f"{PREFIX}_{db}", "-c", query], check=True, capture_output=True,
                          text=True).stdout.strip()


def launcher(*args):
    return subprocess.run(["./inetpublish", *args], capture_output=True, text=True)


def deploy(release_id, customer_id, env_id, name):
    """A customer deployment with one evidence file, as the web app's form sends it (multipart)."""
    evidence = os.path.join(RUN_DIR, name)
    with open(evidence, "w") as f:
        f.write(f"deployment log {name}\n" + "ok\n" * 2000)
    order = json.dumps({"customerId": customer_id, "environmentIds": [env_id], "notes": f"backup test {name}"})
    out = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", "-H", f"Authorization: Bearer {token}",
                          "-F", f"deployment={order};type=application/json",
                          "-F", f"evidence=@{evidence};type=text/plain",
                          f"{GATEWAY}/api/releases/{release_id}/deployments"], capture_output=True, text=True)
    body, status = out.stdout.rsplit("\n", 1)
    if status != "201":
        raise SystemExit(f"deployment {name}: {status} {body}")
    return json.loads(body)


def settle(what, timeout=120):
    """Until every outbox event is sent, no Feishu message waits, no build runs and every deployment is synced."""
    deadline = time.time() + timeout
    while True:
        pending = {db: int(sql(db, "select count(*) from outbox_event where sent_at is null")) for db in SERVICES}
        waiting = int(sql("notify", "select count(*) from notification where status = 'PENDING'"))
        running = int(sql("build", "select count(*) from build where status <> 'FINISHED'"))
        unsynced = int(sql("release", "select count(*) from deployment_environment where sync_status <> 'SYNCED'"))
        if sum(pending.values()) == 0 and waiting == 0 and running == 0 and unsynced == 0:
            time.sleep(3)  # a consumer may still be committing what the last relay sent
            if int(sql("release", "select count(*) from deployment_environment where sync_status <> 'SYNCED'")) == 0 \
                    and sum(int(sql(db, "select count(*) from outbox_event where sent_at is null")) for db in SERVICES) == 0:
                say(f"settled: {what}")
                return
        if time.time() > deadline:
            raise SystemExit(f"not settled after {timeout}s ({what}): outbox {pending}, Feishu waiting {waiting}, "
                             f"builds running {running}, environments unsynced {unsynced}")
        time.sleep(1)


def counts():
    c = {f"inbox {db}": int(sql(db, "select count(*) from inbox_message")) for db in SERVICES}
    c["operation log"] = int(sql("customer", "select count(*) from operation_log"))
    c["version history"] = int(sql("customer", "select count(*) from environment_component_history"))
    c["notifications"] = int(sql("notify", "select count(*) from notification"))
    c["notifications sent"] = int(sql("notify", "select count(*) from notification where status = 'SENT'"))
    c["timeline"] = int(sql("release", "select count(*) from release_timeline"))
    c["builds"] = int(sql("build", "select count(*) from build"))
    c["deployments"] = int(sql("release", "select count(*) from customer_deployment"))
    return c


def package(release_id):
    return ok("POST", "/api/builds", {"releaseId": release_id, "type": "PACKAGE"})


def bundle_on_disk(build_id):
    """The files of a build's bundle in build-service's bundle directory: {name: (bytes, SHA-256)}; {} when none."""
    folder = os.path.join(RUN_DIR, "bundles", build_id)
    if not os.path.isdir(folder):
        return {}
    files = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        files[name] = (len(data), hashlib.sha256(data).hexdigest())
    return files


def stored_package(build_id):
    """A build's stored package as people get it: {path: bytes} of every file downloaded, and its manifest."""
    view = ok("GET", f"/api/builds/{build_id}")
    check(view["status"] == "FINISHED" and (view.get("bundle") or {}).get("status") == "STORED" and view["artifacts"],
          f"package build {view.get('releaseNumber')} finished with its bundle stored "
          f"({view['status']}/{view.get('result')}, bundle {(view.get('bundle') or {}).get('status')}, "
          f"{len(view['artifacts'])} file(s))")
    files = {}
    for artifact in view["artifacts"]:
        status, data = call("GET", artifact["downloadPath"], raw=True)
        check(status == 200 and len(data) == artifact["size"] and hashlib.sha256(data).hexdigest() == artifact["sha256"],
              f"its file {artifact['relativePath']} downloads: {status}, {len(data) if status == 200 else '-'} bytes "
              f"of {artifact['size']}, SHA-256 as listed")
        files[artifact["relativePath"]] = data
    status, manifest = call("GET", view["bundle"]["manifestPath"], raw=True) if (view.get("bundle") or {}).get("manifestPath") \
        else (0, b"")
    check(status == 200, f"its manifest answers {status}")
    return files, manifest


# ---- before the backup ---------------------------------------------------------------------------------------------
login()
releases = ok("GET", "/api/releases?size=10")["items"]
assert len(releases) >= 2, "the demo's two release records are missing"
customer = ok("POST", "/api/customers", {"name": "备份恢复测试客户"})
env = ok("POST", f"/api/customers/{customer['id']}/environments", {"name": "prod-backup", "type": "PROD"})
dep_a = deploy(releases[0]["id"], customer["id"], env["id"], "before.log")
build_a = package(releases[0]["id"])
settle("a deployment, a package build and their Feishu messages before the backup")
evidence_a = dep_a["evidence"][0]
status, bytes_a = call("GET", evidence_a["downloadPath"], raw=True)
check(status == 200 and hashlib.sha256(bytes_a).hexdigest() == evidence_a["sha256"], "evidence downloads before the backup")
package_a, manifest_a = stored_package(build_a["id"])
disk_a = bundle_on_disk(build_a["id"])
check(len(disk_a) == len(package_a) > 0, f"the package's bundle before the backup: {disk_a}")
at_backup = counts()
say(f"at the backup: {at_backup}")

# ---- backup while the platform runs --------------------------------------------------------------------------------
backup_dir = os.path.join(RUN_DIR, "backup-test")
shutil.rmtree(backup_dir, ignore_errors=True)
t = time.time()
out = launcher("backup", backup_dir)
check(out.returncode == 0, f"./inetpublish backup while running ({time.time() - t:.1f}s): {out.stdout.strip().splitlines()[0] if out.stdout else out.stderr}")
print(out.stdout, flush=True)

# ---- after the backup ----------------------------------------------------------------------------------------------
dep_b = deploy(releases[1]["id"], customer["id"], env["id"], "after.log")
settle("a deployment after the backup and its Feishu messages")
# notify-service stops: the events of the next two changes wait in its queues, and are still there at the restore
with open(os.path.join(RUN_DIR, "pids", "notify-service.pid")) as f:
    notify_pid = int(f.read().strip())
if os.path.exists(os.path.join(RUN_DIR, "pids", "shared-jvm.pid")):
    sys.exit("notify-service runs in the shared JVM: run this with INETPUBLISH_SHARED_JVM=false (bench/backup/run.sh does)")
os.kill(notify_pid, 15)
while os.path.exists(f"/proc/{notify_pid}"):
    time.sleep(0.5)
build_b = package(releases[1]["id"])
release_c = ok("POST", "/api/releases", {"title": "备份之后的发布", "tickets": [{"id": "SUP-9001"}],
                                         "items": [{"component": "gateway", "version": "2.4.0"}],
                                         "updateType": "HOT", "configChange": False, "manual": "备份之后"})
settle("a build and a release record after the backup, notify-service stopped")
disk_b = bundle_on_disk(build_b["id"])
check(len(disk_b) > 0, f"the package after the backup has its bundle too: {disk_b}")
after_backup = counts()
say(f"after the backup: {after_backup}")

def notify_queued():
    out = subprocess.run(["rabbitmqctl", "list_queues", "-q", "name", "messages"], check=True, capture_output=True,
                         text=True).stdout
    prefix = os.environ.get("INETPUBLISH_QUEUE_PREFIX", "") + "notify-service."
    return sum(int(line.split()[1]) for line in out.splitlines() if line.startswith(prefix) and len(line.split()) == 2)


queued = notify_queued()
check(queued > 0, f"{queued} events after the backup wait in notify-service's queues")

# ---- restore refuses ---------------------------------------------------------------------------------------------
# scripts/restore.sh as an operator runs it by hand: with build-service's bundle directory (./inetpublish restore gives
# it .run/bundles itself); without it a backup that holds bundle files is refused, naming the variable
with_bundles = dict(os.environ, BUILD_BUNDLE_DIR=os.path.join(RUN_DIR, "bundles"))
out = subprocess.run(["scripts/restore.sh", backup_dir], capture_output=True, text=True,
                     env={k: v for k, v in os.environ.items() if k != "BUILD_BUNDLE_DIR"})
check(out.returncode != 0 and "set BUILD_BUNDLE_DIR" in out.stderr,
      "restore without the bundle directory refuses, naming BUILD_BUNDLE_DIR")
out = subprocess.run(["scripts/restore.sh", backup_dir], capture_output=True, text=True, env=with_bundles)
check(out.returncode != 0 and "the platform is running" in out.stderr and f"{PREFIX}_release" in out.stderr,
      "restore refuses while the platform runs, naming the databases in use: " + out.stderr.strip().splitlines()[0])
out = launcher("restore", backup_dir)
check(out.returncode != 0 and "the platform is running" in out.stderr, "./inetpublish restore refuses while it runs")
damaged = backup_dir + "-damaged"
shutil.rmtree(damaged, ignore_errors=True)
shutil.copytree(backup_dir, damaged)
with open(os.path.join(damaged, "build.dump"), "ab") as f:
    f.write(b"x")
os.remove(os.path.join(damaged, "notify.dump"))
with open(os.path.join(damaged, "manifest.tsv")) as f:
    manifest = f.read()
with open(os.path.join(damaged, "manifest.tsv"), "w") as f:
    f.write(re.sub(r"^format\tinetpublish-backup/\d+$", "format\tinetpublish-backup/9", manifest, flags=re.M))
out = subprocess.run(["scripts/restore.sh", damaged], capture_output=True, text=True, env=with_bundles)
check(out.returncode != 0 and "build.dump (build) has" in out.stderr and "notify.dump (notify) is missing" in out.stderr
      and "inetpublish-backup/9" in out.stderr, "restore refuses a damaged backup, naming each fault:\n" + out.stderr)

# ---- stop, restore, start ----------------------------------------------------------------------------------------
out = launcher("down")
check(out.returncode == 0, "./inetpublish down")
t = time.time()
out = launcher("restore", backup_dir)
print(out.stdout, out.stderr, flush=True)
check(out.returncode == 0, f"./inetpublish restore ({time.time() - t:.1f}s)")
report = out.stdout
check(f"{dep_b['releaseNumber']} | 备份恢复测试客户" in report, "the report lists the deployment after the backup")
check(f"PACKAGE | FINISHED/SUCCESS | {build_b['releaseNumber']}" in report, "the report lists the build after the backup")
check(f"| {release_c['number']} | 备份之后的发布" in report, "the report lists the release record after the backup")
sent_after = after_backup["notifications sent"] - at_backup["notifications sent"]
check(f"Feishu messages sent after the backup (people received them; the platform no longer knows them): {sent_after}" in report
      and sent_after > 0, f"the report lists the {sent_after} Feishu messages sent after the backup")
log_after = after_backup["operation log"] - at_backup["operation log"]
check(f"Operation log entries after the backup (everything people and the platform changed): {log_after}" in report
      and log_after > 0, f"the report lists the {log_after} operation log entries after the backup")
check(os.path.isfile(report.rsplit("the report is in ", 1)[-1].strip()), "the report is written next to the backup")
kept = [line.split("\t") for line in open(os.path.join(backup_dir, "manifest.tsv")).read().splitlines()
        if line.startswith("bundle\t")]
check(sorted((k[1], int(k[3]), k[2]) for k in kept if k[1].startswith(build_a["id"] + "/"))
      == sorted((f"{build_a['id']}/{n}", b, h) for n, (b, h) in disk_a.items())
      and not [k for k in kept if k[1].startswith(build_b["id"] + "/")],
      f"the backup's manifest lists the package's bundle files with their sizes and SHA-256, not the later one's "
      f"({len(kept)} bundle file(s) in all)")
check(bundle_on_disk(build_a["id"]) == disk_a, "the bundle directory holds the package's files of before the backup, "
      "byte for byte (SHA-256 of each)")
check(bundle_on_disk(build_b["id"]) == {}, "and not the files of the package after the backup (they went to the safety copy)")

t = time.time()
out = launcher("up")
check(out.returncode == 0, f"./inetpublish up after the restore ({time.time() - t:.1f}s): every service healthy and registered"
      + ("" if out.returncode == 0 else "\n" + out.stdout + out.stderr))
if out.returncode != 0:
    sys.exit(1)
login()
settle("the restored platform re-sent its outboxes", timeout=180)
after_restore = counts()
say(f"after the restore: {after_restore}")
# the inboxes hold, besides what they held at the backup, only the marks restore wrote for the events created after
# it (so a copy of one in a queue is skipped); everything else is exactly as at the backup
marks = int(re.search(r"marked handled in every consumer inbox, (\d+) marks", report).group(1))
inbox_growth = sum(after_restore[k] - at_backup[k] for k in at_backup if k.startswith("inbox "))
check(inbox_growth == marks and marks > 0, f"inboxes: {inbox_growth} rows more than at the backup = the {marks} marks restore wrote")
queued_now = notify_queued()
check(queued_now == 0, f"notify-service took the {queued} waiting events from its queues ({queued_now} left) and "
      "skipped them (marked by restore): no Feishu message for a build or release record the platform no longer has")
for key, value in at_backup.items():
    if not key.startswith("inbox "):
        check(after_restore[key] == value, f"{key}: {value} at the backup, {after_restore[key]} after the restore")
resent = sum(int(sql(db, "select count(*) from outbox_event")) for db in SERVICES)
duplicates = 0
for port in (9081, 9082, 9083, 9084, 9085):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=10) as resp:
        for line in resp.read().decode().splitlines():
            if line.startswith("inetpublish_events_duplicates_total"):
                duplicates += float(line.rsplit(" ", 1)[1])
check(duplicates > 0, f"the {resent} events of the restored outboxes were sent again; the consumers skipped "
      f"{duplicates:.0f} deliveries they had applied before the backup")

# ---- everything answered before the backup is there; nothing after it ------------------------------------------
check(call("GET", f"/api/deployments/{dep_a['id']}")[0] == 200, "the deployment before the backup is there")
view = ok("GET", f"/api/deployments/{dep_a['id']}")
check(all(e["syncStatus"] == "SYNCED" for e in view["environments"]), "and its environment is synced")
status, data = call("GET", evidence_a["downloadPath"], raw=True)
check(status == 200 and data == bytes_a, "its evidence file is there byte for byte")
check(call("GET", f"/api/builds/{build_a['id']}")[0] == 200, "the build before the backup is there")
package_now, manifest_now = stored_package(build_a["id"])
check(package_now == package_a and manifest_now == manifest_a,
      f"its package downloads byte for byte as before the backup ({sum(len(v) for v in package_a.values())} bytes in "
      f"{len(package_a)} file(s)), and so does its manifest")
check(call("GET", f"/api/customers/{customer['id']}")[0] == 200, "the customer created before the backup is there")
check(call("GET", f"/api/deployments/{dep_b['id']}")[0] == 404, "the deployment after the backup is gone")
check(call("GET", f"/api/builds/{build_b['id']}")[0] == 404, "the build after the backup is gone")
check(call("GET", f"/api/releases/{release_c['id']}")[0] == 404, "the release record after the backup is gone")

# ---- and the platform works on ----------------------------------------------------------------------------------
dep_d = deploy(releases[1]["id"], customer["id"], env["id"], "again.log")
settle("a deployment after the restore")
view = ok("GET", f"/api/deployments/{dep_d['id']}")
check(all(e["syncStatus"] == "SYNCED" for e in view["environments"]), "a deployment after the restore syncs its versions")
final = counts()
check(final["operation log"] > at_backup["operation log"] and final["inbox customer"] > at_backup["inbox customer"],
      f"and is applied once: operation log {at_backup['operation log']} -> {final['operation log']}")

say(f"{'FAILED: ' + str(len(failures)) if failures else 'all passed'} ({time.time() - started:.0f}s)")
sys.exit(1 if failures else 0)
