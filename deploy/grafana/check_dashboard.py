#!/usr/bin/env python3
"""Checks the provisioned Grafana dashboard against a live Prometheus scraping the platform.

Without Grafana at hand, this is what rendering the dashboard would show wrong: every panel query is evaluated
as Grafana would send it (``$__rate_interval`` taken as 2m) and must be valid PromQL, and every metric a panel
names must be one the platform exports — a misspelt or renamed metric is an empty panel nobody notices.

A few metrics appear only once what they count has happened (a Jenkins call failed, an event was dead-lettered);
those are listed in ``APPEAR_ON_FIRST_OCCURRENCE`` with the reason and are reported, not failed, when absent.

Gauges that report shared state (rows in a service's database, messages in a queue every instance reads) have the
same value on every instance: a panel or alert must take their max (or min), not their sum, or two instances show
twice the truth. ``--static`` checks that without Prometheus (dashboard and alerts.yml); the live check also checks
that SHARED_GAUGES names every gauge whose HELP text says it is shared (SHARED_MARK), so the list cannot fall behind.

Usage: check_dashboard.py http://127.0.0.1:9095   (exit status 1 on any failure)
       check_dashboard.py --static
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

ALERTS = pathlib.Path(__file__).parent.parent / "prometheus" / "alerts.yml"

# the words every shared gauge's description ends with (io.inetpublish.common.observability.SharedGauges)
SHARED_MARK = "same value on every instance"
SHARED_GAUGES = {
    "inetpublish_outbox_backlog": "rows in the service's outbox table",
    "inetpublish_outbox_oldest_pending_age_seconds": "age of the oldest row in the outbox table",
    "inetpublish_events_dead_letters": "depth of a consumer's dead-letter queue, one queue for all instances",
    "inetpublish_builds_in_flight": "builds in build-service's database",
    "inetpublish_releases": "release records in release-service's database",
    "inetpublish_notifications_pending": "notification rows in notify-service's database",
}
ADDING = r"\b(sum|avg|count|count_values|group|stddev|stdvar|quantile|topk|bottomk)\b"


def sums_over_shared(expr):
    """Shared gauges that ``expr`` adds up across instances: an aggregation other than max/min applied directly to
    the gauge, as in ``sum by (application) (inetpublish_outbox_backlog)`` or ``sum(inetpublish_releases{...})``."""
    found = set()
    for name in SHARED_GAUGES:
        pattern = ADDING + r"\s*(?:(?:by|without)\s*\([^)]*\)\s*)?\(\s*(?:[\d.]+\s*,\s*)?" + name + r"\b"
        if re.search(pattern, expr):
            found.add(name)
    return found


def static_check():
    dashboard = json.loads(DASHBOARD.read_text())
    failures, checked = [], 0
    for title, expr in targets(dashboard):
        checked += 1
        for name in sorted(sums_over_shared(expr)):
            failures.append(f"panel {title!r} adds up {name} over instances ({SHARED_GAUGES[name]}); use max")
    # alerts.yml read as text (no YAML parser needed): an expression is one line or a block under "expr: |"
    for name in sorted(sums_over_shared(ALERTS.read_text())):
        failures.append(f"alerts.yml adds up {name} over instances ({SHARED_GAUGES[name]}); use max")
    # the check itself: what it must find
    assert sums_over_shared("sum by (application) (inetpublish_outbox_backlog)") == {"inetpublish_outbox_backlog"}
    assert sums_over_shared('sum(inetpublish_releases{status="X"})') == {"inetpublish_releases"}
    assert sums_over_shared("max by (status) (inetpublish_releases)") == set()
    assert sums_over_shared("sum by (application) (hikaricp_connections_active)") == set()
    for failure in failures:
        print(f"  {failure}")
    print(f"  {checked} panel queries and the alert rules checked for sums over shared gauges, "
          f"{len(failures)} problems")
    return 1 if failures else 0


def shared_by_help(prometheus):
    """Gauges whose HELP text says every instance reports the same value."""
    metadata = get(prometheus, "/api/v1/metadata")["data"]
    return {name for name, entries in metadata.items()
            if any(SHARED_MARK in entry.get("help", "") for entry in entries)}


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
    for name in sorted(shared_by_help(prometheus) - set(SHARED_GAUGES)):
        failures.append(f"{name} says it is shared ({SHARED_MARK!r}) but SHARED_GAUGES does not list it")
    for name in sorted(absent_known):
        print(f"  not yet present (expected): {name} — {APPEAR_ON_FIRST_OCCURRENCE[name]}")
    for failure in failures:
        print(f"  {failure}")
    print(f"  {checked} panel queries checked, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "--static":
        sys.exit(static_check())
    sys.exit(static_check() or main(sys.argv[1].rstrip("/")))
