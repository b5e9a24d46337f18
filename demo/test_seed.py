"""Tests of demo/seed.py against an in-memory stand-in for the platform's API (the few endpoints the loader uses,
answering as the services do): a first load, a second run that changes nothing, a load that stops at any one of its
writes and is completed by the next run, and a platform with customers of its own.

  python3 -m unittest discover -s demo -p 'test_*.py'
"""
import contextlib
import copy
import io
import json
import os
import unittest
import urllib.parse
import uuid

import seed

DEMO = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-data.json"), encoding="utf-8"))


class Platform:
    """What the loader can see and change, kept as plain data."""

    def __init__(self):
        self.people, self.components, self.tokens, self.customers = set(), {}, [], {}
        self.environments, self.installed, self.releases, self.settings = {}, {}, [], None
        self.writes = 0
        self.fail_at = None  # the n-th write (1-based) answers 500 and changes nothing

    def state(self):
        """Everything a person would see, without generated ids."""
        customers = {c["code"]: {e["name"]: sorted(self.installed.get(e["id"], {}).items())
                                 for e in self.environments.values() if e["customerId"] == c["id"]}
                     for c in self.customers.values()}
        return {"people": sorted(self.people), "components": copy.deepcopy(self.components),
                "activeTokens": sorted(t["name"] for t in self.tokens if not t["revoked"]),
                "customers": customers, "releases": sorted(r["title"] for r in self.releases),
                "settings": self.settings is not None}


class FakeApi(seed.Api):
    def __init__(self, platform):
        super().__init__("http://gateway.invalid", "admin-token")
        self.p = platform

    def call(self, method, path, body=None, token=None, form=None):
        url = urllib.parse.urlsplit(path)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.strip("/").split("/")[1:]  # without "api"
        if method != "GET":
            self.p.writes += 1
            if self.p.writes == self.p.fail_at:
                return 500, '{"title":"Internal Server Error"}'
        return self.route(method, parts, query, body, token, form)

    def route(self, method, parts, query, body, token, form):
        p = self.p
        if parts == ["auth", "people"] and method == "POST":
            created = body["email"] not in p.people
            p.people.add(body["email"])
            return (201 if created else 200), {"email": body["email"]}
        if parts[0] == "components":
            if len(parts) == 1 and method == "POST":
                if body["name"] in p.components:
                    return 409, "exists"
                p.components[body["name"]] = {"mainlineVersion": body["mainlineVersion"]}
                return 201, dict(name=body["name"], **p.components[body["name"]])
            name = parts[1]
            if name not in p.components:
                return 404, "not found"
            if len(parts) == 2 and method == "GET":
                return 200, dict(name=name, **p.components[name])
            if parts[2:] == ["mainline", "reports"] and method == "POST":
                if token not in {t["access"] for t in p.tokens if not t["revoked"]}:
                    return 401, "unknown token"
                p.components[name]["mainlineVersion"] = body["version"]
                return 200, {}
        if parts[:2] == ["auth", "integration-tokens"]:
            if len(parts) == 2 and method == "GET":
                return 200, [dict(t) for t in p.tokens]
            if len(parts) == 2 and method == "POST":
                t = {"id": str(uuid.uuid4()), "name": body["name"], "revoked": False, "clientId": str(uuid.uuid4()),
                     "secret": str(uuid.uuid4()), "access": str(uuid.uuid4())}
                p.tokens.append(t)
                return 201, {"token": t, "clientId": t["clientId"], "clientSecret": t["secret"]}
            if len(parts) == 4 and parts[3] == "revoke":
                next(t for t in p.tokens if t["id"] == parts[2])["revoked"] = True
                return 200, {}
        if parts == ["auth", "token"]:
            t = next(t for t in p.tokens if t["clientId"] == form["client_id"])
            return (200, {"access_token": t["access"]}) if t["secret"] == form["client_secret"] else (401, "bad")
        if parts == ["customers"] and method == "GET":
            q = query.get("q", "").lower()
            items = [c for c in p.customers.values() if q in c["code"].lower() or q in c["name"].lower()]
            return 200, {"items": items[:int(query["size"])], "totalItems": len(items)}
        if parts == ["customers"] and method == "POST":
            if any(c["code"] == body["code"] for c in p.customers.values()):
                return 409, "code taken"
            c = dict(body, id=str(uuid.uuid4()))
            p.customers[c["id"]] = c
            return 201, c
        if len(parts) == 3 and parts[0] == "customers" and parts[2] == "environments":
            e = dict(body, id=str(uuid.uuid4()), customerId=parts[1])
            p.environments[e["id"]] = e
            return 201, e
        if parts == ["environments"] and method == "GET":
            items = [e for e in p.environments.values() if e["customerId"] == query["customerId"]]
            return 200, {"items": items, "totalItems": len(items)}
        if len(parts) == 3 and parts[0] == "environments" and parts[2] == "components":
            if method == "GET":
                return 200, [{"component": k, "version": v} for k, v in p.installed.get(parts[1], {}).items()]
            p.installed[parts[1]] = {i["component"]: i["version"] for i in body["items"]}
            return 200, {"changed": len(body["items"])}
        if parts == ["notifications", "settings"] and method == "PUT":
            p.settings = body
            return 200, body
        if parts == ["releases"] and method == "GET":
            items = [r for r in p.releases if query.get("q", "") in r["title"]]
            return 200, {"items": items[:int(query.get("size", 20))], "totalItems": len(items)}
        if parts == ["releases"] and method == "POST":
            p.releases.append(dict(body, id=str(uuid.uuid4())))
            return 201, p.releases[-1]
        raise AssertionError(f"the loader called {method} {'/'.join(parts)}, which this stand-in does not know")


def load(platform):
    seed.RETRIES = 0
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            seed.seed(FakeApi(platform), DEMO)
        return True
    except seed.Refused:
        return False


class SeedTest(unittest.TestCase):

    def full(self):
        platform = Platform()
        self.assertTrue(load(platform))
        return platform

    def test_a_first_load_brings_the_whole_demo(self):
        state = self.full().state()
        self.assertEqual(sorted(c["code"] for c in DEMO["customers"]), sorted(state["customers"]))
        for c in DEMO["customers"]:
            self.assertEqual(sorted(e["name"] for e in c["environments"]), sorted(state["customers"][c["code"]]))
            for envs in state["customers"][c["code"]].values():
                self.assertEqual(len(DEMO["catalog"]), len(envs))
        self.assertEqual(sorted(r["title"] for r in DEMO["releases"]), state["releases"])
        self.assertEqual({b["component"]: b["version"] for b in DEMO["mainlineBuilds"]},
                         {b["component"]: state["components"][b["component"]]["mainlineVersion"]
                          for b in DEMO["mainlineBuilds"]})
        self.assertEqual([DEMO["ci"]["name"]], state["activeTokens"])

    def test_a_second_run_changes_nothing(self):
        platform = self.full()
        writes = platform.writes
        self.assertTrue(load(platform))
        self.assertEqual(writes, platform.writes)

    def test_a_load_that_stopped_at_any_write_is_completed_by_the_next_run(self):
        expected = self.full()
        for n in range(1, expected.writes + 1):
            with self.subTest(failed_write=n):
                platform = Platform()
                platform.fail_at = n
                self.assertFalse(load(platform))
                platform.fail_at = None
                self.assertTrue(load(platform))
                self.assertEqual(expected.state(), platform.state())
                writes = platform.writes
                self.assertTrue(load(platform))
                self.assertEqual(writes, platform.writes, "a third run wrote again")

    def test_a_platform_with_customers_of_its_own_gets_no_demo(self):
        platform = Platform()
        platform.customers["x"] = {"id": "x", "code": "OWN", "name": "自己的客户"}
        self.assertTrue(load(platform))
        self.assertEqual(0, platform.writes)


if __name__ == "__main__":
    unittest.main()
