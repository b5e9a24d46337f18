#!/usr/bin/env python3
"""Loads the demo (demo/demo-data.json) into a running platform through its gateway, with the platform's own API, as
an admin would do it by hand: the owners added as people, the component catalog, a CI's integration token and its
main-branch reports, the customers with their environments and versions, then the group bot and the release records.

  demo/seed.py [--gateway URL] [--data FILE]

The admin's access token comes from INETPUBLISH_TOKEN, else from logging in through the sandbox as the file's
`admin` (scripts/sandbox-login.sh). Loaded once, into a platform without customers: a run that stops half-way (a
service that did not answer, a refused request) is completed by the next run, which creates only what is missing
(by component name, customer code, environment name, release title); once the demo's release records (loaded last)
are all there, a run changes nothing. A platform holding customers none of which is the demo's gets no demo. Prints
what it loaded; exits 1 (naming the request and the answer) when the platform refuses something.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "demo-data.json")
RETRIES = 10


class Refused(Exception):
    pass


class Api:
    def __init__(self, gateway, token):
        self.gateway = gateway.rstrip("/")
        self.token = token

    def call(self, method, path, body=None, token=None, form=None):
        headers = {"Authorization": f"Bearer {token or self.token}", "Accept": "application/json"}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.gateway + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                text = answer.read().decode()
                return answer.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def ok(self, method, path, body=None, **kw):
        """The answer of a request that must succeed; a 502/503 (no instance of a service answered, so nothing was
        done) is tried again for a while, anything else refused ends the seeding."""
        for attempt in range(RETRIES + 1):
            status, answer = self.call(method, path, body, **kw)
            if status not in (502, 503) or attempt == RETRIES:
                break
            time.sleep(2)
        if not 200 <= status < 300:
            raise Refused(f"{method} {path}: HTTP {status} {answer}")
        return answer

    def empty(self, path):
        """True when a list answers no items at all."""
        return self.ok("GET", path)["totalItems"] == 0


def expand(value):
    """${FEISHU_API_BASE_URL} in the file's strings: that setting of the local run (the sandbox by default)."""
    if isinstance(value, str):
        return value.replace("${FEISHU_API_BASE_URL}",
                             os.environ.get("FEISHU_API_BASE_URL", "http://localhost:8089").rstrip("/"))
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    return value


def seed_catalog_and_ci(api, demo, people):
    # the owners, added by e-mail as an admin adds someone who has not logged in yet (Feishu's contacts know them;
    # adding someone already there answers 200 and changes nothing)
    for key in dict.fromkeys(c["owner"] for c in demo["customers"]):
        api.ok("POST", "/api/auth/people", {"email": people[key]["email"]})
    for c in demo["catalog"]:
        status, _ = api.call("GET", f"/api/components/{c['name']}")
        if status == 404:
            api.ok("POST", "/api/components", {"name": c["name"], "kind": c["kind"], "description": c["description"],
                                               "owner": c["owner"], "mainlineVersion": c["installed"][0]})
    # the CI: an integration token, exchanged for an access token, reporting its main-branch builds. Its secret is
    # shown once, so a load that stopped between the token and the last report revokes that token and starts again.
    reports = demo["mainlineBuilds"]
    if all(api.ok("GET", f"/api/components/{b['component']}")["mainlineVersion"] == b["version"] for b in reports):
        return
    for token in api.ok("GET", "/api/auth/integration-tokens"):
        if token["name"] == demo["ci"]["name"] and not token["revoked"]:
            api.ok("POST", f"/api/auth/integration-tokens/{token['id']}/revoke")
    created = api.ok("POST", "/api/auth/integration-tokens", demo["ci"])
    ci = api.ok("POST", "/api/auth/token", form={"grant_type": "client_credentials", "client_id": created["clientId"],
                                                 "client_secret": created["clientSecret"]})["access_token"]
    for b in reports:
        api.ok("POST", f"/api/components/{b['component']}/mainline/reports",
               {"version": b["version"], "build": b["build"], "commit": b["commit"]}, token=ci)


def demo_customers(api, demo):
    """The demo's customers the platform holds (by code, archived ones too), each with its environments by name."""
    found = {}
    for c in demo["customers"]:
        page = api.ok("GET", "/api/customers?" + urllib.parse.urlencode({"q": c["code"], "status": "ALL", "size": 100}))
        customer = next((x for x in page["items"] if x["code"] == c["code"]), None)
        if customer is not None:
            envs = api.ok("GET", f"/api/environments?customerId={customer['id']}&size=100")["items"]
            found[c["code"]] = (customer, {e["name"]: e for e in envs})
    return found


def seed_customers(api, demo, found):
    """Creates what is missing of the demo's customers, environments and installed versions: a first load does it
    all, a load that stopped half-way goes on where it stopped."""
    for c in demo["customers"]:
        if c["code"] in found:
            customer, envs = found[c["code"]]
        else:
            customer, envs = api.ok("POST", "/api/customers", {
                "name": c["name"], "code": c["code"], "contact": c["contact"],
                "ownerId": people_of(demo)[c["owner"]]["openId"], "tags": c["tags"]}), {}
        for e in c["environments"]:
            env = envs.get(e["name"])
            if env is None:
                target = e.get("jenkinsTarget")
                env = api.ok("POST", f"/api/customers/{customer['id']}/environments",
                             {"name": e["name"], "type": e["type"], "internalTest": target is not None,
                              "jenkinsTarget": target})
            elif api.ok("GET", f"/api/environments/{env['id']}/components"):
                continue  # created and given its versions by an earlier load
            api.ok("PUT", f"/api/environments/{env['id']}/components",
                   {"items": [{"component": k["name"], "version": k["installed"][e["age"]]} for k in demo["catalog"]]})


def held_titles(api, demo):
    """The demo's release records the platform holds (by title)."""
    return {r["title"] for r in demo["releases"] if any(
        x["title"] == r["title"] for x in api.ok("GET", "/api/releases?" + urllib.parse.urlencode(
            {"q": r["title"], "size": 100}))["items"])}


def people_of(demo):
    return {p["key"]: p for p in demo["people"]}


def seed(api, demo):
    """The whole demo, or what is missing of it when an earlier load stopped half-way (each step creates only what
    is not there yet). The release records come last, so a platform holding all of them has the whole demo, and a
    later run changes nothing even where people have edited or archived what the demo brought. A platform that holds
    customers but none of the demo's is someone's own data: the demo is not mixed into it."""
    held = held_titles(api, demo)
    if len(held) == len(demo["releases"]):
        return
    found = demo_customers(api, demo)
    if not found and not api.empty("/api/customers?status=ALL&size=1"):
        print("  the platform holds customers of its own: the demo is not loaded into it")
        return
    seed_catalog_and_ci(api, demo, people_of(demo))
    seed_customers(api, demo, found)
    api.ok("PUT", "/api/notifications/settings", expand(demo["notificationSettings"]))
    for r in demo["releases"]:
        if r["title"] not in held:
            api.ok("POST", "/api/releases", expand(r))
    print(f"  {'completed (an earlier load had stopped half-way)' if found or held else 'loaded'} the demo: "
          f"{len(demo['catalog'])} components, {len(demo['mainlineBuilds'])} CI reports, "
          f"{len(demo['customers'])} customers with their environments, {len(demo['releases'])} release records and "
          f"the sandbox group bot")


def admin_token(demo):
    """Logged in as a person does, at the address people use (sandbox-login.sh: GATEWAY, default localhost:8080)."""
    admin = next(p for p in demo["people"] if p["key"] == demo["admin"])
    login = os.path.join(HERE, "..", "scripts", "sandbox-login.sh")
    done = subprocess.run([login, admin["openId"]], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"demo/seed.py: cannot log in as {admin['name']} through the sandbox: {done.stderr.strip()}")
    return done.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default=os.environ.get("GATEWAY", "http://localhost:8080"))
    parser.add_argument("--data", default=DATA)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as f:
        demo = json.load(f)
    api = Api(args.gateway, os.environ.get("INETPUBLISH_TOKEN") or admin_token(demo))
    try:
        seed(api, demo)
    except Refused as e:
        print(f"demo/seed.py: the platform refused {e}", file=sys.stderr)
        return 1
    except OSError as e:  # nothing answers there (URLError is an OSError)
        print(f"demo/seed.py: cannot reach the platform at {args.gateway}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
