#!/usr/bin/env python3
"""Writes dashboards/inetpublish.json, the Grafana dashboard provisioned by docker-compose.yml.

Edit the panels here and rerun `python3 deploy/grafana/dashboard.py`; the JSON is what Grafana loads.

Gauges that count rows in a service's database or messages in a shared queue (SHARED_GAUGES in check_dashboard.py)
are exported by every instance with the same value: panels take their max, never their sum (N instances would show
N times the truth). `check_dashboard.py --static` fails on a sum over them.
"""
import json
import pathlib

ROWS = [
    ("Requests", [
        ("Requests per second by service", "reqps",
         'sum by (application) (rate(http_server_requests_seconds_count[$__rate_interval]))', "{{application}}"),
        ("p95 latency by service and route", "s",
         'histogram_quantile(0.95, sum by (application, uri, le) '
         '(rate(http_server_requests_seconds_bucket[$__rate_interval])))', "{{application}} {{uri}}"),
        ("Server error ratio (5xx) by service", "percentunit",
         'sum by (application) (rate(http_server_requests_seconds_count{status=~"5.."}[$__rate_interval])) / '
         'sum by (application) (rate(http_server_requests_seconds_count[$__rate_interval]))', "{{application}}"),
        ("Client errors (4xx) per second by service and route", "reqps",
         'sum by (application, uri) (rate(http_server_requests_seconds_count{status=~"4.."}[$__rate_interval]))',
         "{{application}} {{uri}}"),
        ("Gateway requests per second by route and status", "reqps",
         'sum by (routeId, httpStatusCode) (rate(spring_cloud_gateway_requests_seconds_count[$__rate_interval]))',
         "{{routeId}} {{httpStatusCode}}"),
        ("Gateway p95 latency by route (includes the service's time)", "s",
         'histogram_quantile(0.95, sum by (routeId, le) '
         '(rate(spring_cloud_gateway_requests_seconds_bucket[$__rate_interval])))', "{{routeId}}"),
    ]),
    ("Builds (Jenkins)", [
        ("Builds finished by type and result (per hour)", "short",
         'sum by (type, result) (increase(inetpublish_builds_finished_total[1h]))', "{{type}} {{result}}"),
        ("Builds in flight", "short", 'max(inetpublish_builds_in_flight)', "in flight"),
        ("Build duration p95 by type", "s",
         'histogram_quantile(0.95, sum by (type, le) (rate(inetpublish_builds_duration_seconds_bucket[1h])))',
         "{{type}}"),
        ("Release records by status", "short", 'max by (status) (inetpublish_releases)', "{{status}}"),
        ("Jenkins call errors", "short",
         'sum by (operation, kind) (increase(inetpublish_jenkins_call_errors_total[15m]))', "{{operation}} {{kind}}"),
    ]),
    ("Events (outbox and consumers)", [
        ("Outbox backlog by service", "short", 'max by (application) (inetpublish_outbox_backlog)', "{{application}}"),
        ("Age of oldest pending outbox row", "s",
         'max by (application) (inetpublish_outbox_oldest_pending_age_seconds)', "{{application}}"),
        ("Published / confirmed / returned / nacked per second", "ops",
         [(f'sum(rate(inetpublish_outbox_{what}_total[$__rate_interval]))', what)
          for what in ("published", "confirmed", "returned", "nacked")], None),
        ("Consumed / duplicates / retried per second by consumer", "ops",
         [(f'sum by (consumer) (rate(inetpublish_events_{what}_total[$__rate_interval]))', "{{consumer}} " + what)
          for what in ("consumed", "duplicates", "retried")], None),
        ("Dead letters waiting", "short", 'max by (application, consumer) (inetpublish_events_dead_letters)',
         "{{application}} {{consumer}}"),
        ("Dead-lettered (per hour) by reason", "short",
         'sum by (consumer, reason) (increase(inetpublish_events_dead_lettered_total[1h]))', "{{consumer}} {{reason}}"),
    ]),
    ("Notifications (Feishu)", [
        ("Sent / failed / retried per minute by channel", "short",
         [(f'sum by (channel) (increase(inetpublish_notifications_{what}_total[1m]))', "{{channel}} " + what)
          for what in ("sent", "failed", "retried")], None),
        ("Notifications pending", "short", 'max(inetpublish_notifications_pending)', "pending"),
        ("Circuit breakers (1 = in that state)", "short",
         'max by (application, name, state) (resilience4j_circuitbreaker_state{state!="closed"})',
         "{{application}} {{name}} {{state}}"),
    ]),
    ("JVM and database", [
        ("Heap used by service", "bytes", 'sum by (application) (jvm_memory_used_bytes{area="heap"})',
         "{{application}}"),
        ("Non-heap used by service", "bytes", 'sum by (application) (jvm_memory_used_bytes{area="nonheap"})',
         "{{application}}"),
        ("GC pause time per second", "s",
         'sum by (application) (rate(jvm_gc_pause_seconds_sum[$__rate_interval]))', "{{application}}"),
        ("Hikari connections active / pending", "short",
         [('sum by (application) (hikaricp_connections_active)', "{{application}} active"),
          ('sum by (application) (hikaricp_connections_pending)', "{{application}} pending")], None),
    ]),
]


def build():
    panels, panel_id, y = [], 1, 0
    for title, row in ROWS:
        panels.append({"type": "row", "title": title, "id": panel_id, "collapsed": False,
                       "gridPos": {"h": 1, "w": 24, "x": 0, "y": y}})
        panel_id += 1
        y += 1
        for i, (ptitle, unit, expr, legend) in enumerate(row):
            panels.append({
                "type": "timeseries", "title": ptitle, "id": panel_id,
                "datasource": {"type": "prometheus", "uid": "prometheus"},
                "gridPos": {"h": 8, "w": 12, "x": 12 * (i % 2), "y": y + 8 * (i // 2)},
                "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
                "options": {"legend": {"displayMode": "table", "placement": "bottom"}},
                "targets": [{"refId": chr(ord("A") + n), "expr": e, "legendFormat": lg,
                             "datasource": {"type": "prometheus", "uid": "prometheus"}}
                            for n, (e, lg) in enumerate(expr if isinstance(expr, list) else [(expr, legend)])],
            })
            panel_id += 1
        y += 8 * ((len(row) + 1) // 2)
    return {
        "uid": "inetpublish-overview", "title": "iNetPublish overview", "tags": ["inetpublish"],
        "timezone": "browser", "schemaVersion": 39, "version": 1, "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"}, "panels": panels,
        "templating": {"list": []}, "annotations": {"list": []},
    }


if __name__ == "__main__":
    out = pathlib.Path(__file__).with_name("dashboards") / "inetpublish.json"
    out.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
