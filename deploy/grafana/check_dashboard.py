#!/usr/bin/env python3
"""Checks the provisioned Grafana dashboard against a live Prometheus scraping the platform.

Without Grafana at hand, this is what rendering the dashboard would show wrong: every panel query is evaluated
as Grafana would send it (``$__rate_interval`` taken as 2m) and must be valid PromQL, and every metric a panel
names must be one the platform exports — a misspelt or renamed metric is an empty panel nobody notices.

A few metrics appear only once what they count has happened (a Jenkins call failed, an event was dead-lettered);
those are listed in ``APPEAR_ON_FIRST_OCCURRENCE`` with the reason and are reported, not failed, when absent.

Usage: check_dashboard.py http://127.0.0.1:9095   (exit status 1 on any failure)
"""
import json
import pathlib
import re
import sys
import urllib.parse
import urllib.request

DASHBOARD = pathlib.Path(__file__).with_name("dashboards") / "inetpublish.json"

APPEAR_ON_FIRST_OCCURRENCE = {
    "inetpublish_builds_finished_total": "counted per type and result when a build finishes",
    "inetpublish_builds_duration_seconds_bucket": "timed per type when a build finishes",
    "inetpublish_notifications_sent_total": "counted per channel when Feishu accepts a message",
    "inetpublish_jenkins_call_errors_total": "counted per operation and kind when a Jenkins call fails",
    "inetpublish_events_dead_lettered_total": "counted per consumer and reason when a message is dead-lettered",
    "inetpublish_events_retried_total": "counted per consumer when a delivery is retried",
    "inetpublish_events_duplicates_total": "counted per consumer when a duplicate is dropped",
    "inetpublish_outbox_returned_total": "counted when the broker returns an unroutable event",
    "inetpublish_outbox_nacked_total": "counted when the broker refuses an event",
    "inetpublish_notifications_failed_total": "counted per channel when a notification fails for good",
    "inetpublish_notifications_retried_total": "counted per channel when Feishu asks to try again",
}

GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
NAME = re.compile(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()")


def metric_names(expr):
    """Metric names in a PromQL expression: what is left once strings, label matchers, ranges, grouping clauses,
    function calls and numbers are taken out."""
    bare = re.sub(r'"[^"]*"', "", expr)
    bare = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", bare)
    bare = GROUPING.sub("", bare)
    return {name for name in NAME.findall(bare) if not name[0].isdigit()}


def get(prometheus, path, **params):
    url = f"{prometheus}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def targets(dashboard):
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            yield panel["title"], target["expr"]


def main(prometheus):
    dashboard = json.loads(DASHBOARD.read_text())
    exported = set(get(prometheus, "/api/v1/label/__name__/values")["data"])
    failures, absent_known, checked = [], set(), 0
    for title, expr in targets(dashboard):
        checked += 1
        query = expr.replace("$__rate_interval", "2m")
        try:
            answer = get(prometheus, "/api/v1/query", query=query)
            if answer.get("status") != "success":
                failures.append(f"{title}: Prometheus refused {query!r}: {answer}")
        except urllib.error.HTTPError as refused:
            failures.append(f"{title}: Prometheus refused {query!r}: {refused.read().decode()[:200]}")
        for name in metric_names(expr):
            if name in exported:
                continue
            if name in APPEAR_ON_FIRST_OCCURRENCE:
                absent_known.add(name)
            else:
                failures.append(f"{title}: no metric {name} is exported by any target")
    for name in sorted(absent_known):
        print(f"  not yet present (expected): {name} — {APPEAR_ON_FIRST_OCCURRENCE[name]}")
    for failure in failures:
        print(f"  {failure}")
    print(f"  {checked} panel queries checked, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
