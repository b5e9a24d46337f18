#!/usr/bin/env python3
"""Where a benchmark's time went: the services' own request timers and GC pauses over the whole run, read from their
management ports (service port + 1000) and printed as Markdown list items.

usage: timers.py PORTS LABEL=APP:URI ...   e.g.
  timers.py 9082,9083 "release-service \\`GET /api/plans\\`=release-service:/api/plans"
Each LABEL=APP:URI gives one line: the 200 answers of URI in APP (count, mean) and APP's minor and major GCs."""
import re
import sys
import urllib.request

m = {}
for port in sys.argv[1].split(","):
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=10).read().decode()
    except OSError:
        continue
    for line in text.splitlines():
        r = re.match(r"(\w+)\{(.*)\} (\S+)$", line.strip())
        if r:
            m.setdefault((r.group(1), r.group(2)), float(r.group(3)))


def total(name, *parts):
    return [v for (n, labels), v in m.items() if n == name and all(p in labels for p in parts)]


def timer(app, uri):
    c = sum(total("http_server_requests_seconds_count", app, uri, "status=\"200\""))
    s = sum(total("http_server_requests_seconds_sum", app, uri, "status=\"200\""))
    return "%d requests, %.1f ms each on average" % (c, 1000 * s / c) if c else "no requests"


def gc(app, kind):
    c = sum(total("jvm_gc_pause_seconds_count", app, kind))
    s = sum(total("jvm_gc_pause_seconds_sum", app, kind))
    x = max(total("jvm_gc_pause_seconds_max", app, kind) or [0])
    return "%d %s GCs, %.0f ms in all, longest %.0f ms" % (c, kind, 1000 * s, 1000 * x)


if not m:
    print("- (the services' timers could not be read)")
for arg in sys.argv[2:]:
    label, target = arg.rsplit("=", 1)
    app, uri = target.split(":", 1)
    print(f"- {label}: " + timer(app, f'uri="{uri}"') + "; " + gc(app, "minor") + ", " + gc(app, "major"))
