#!/usr/bin/env bash
# Offline checks of the monitoring configuration (no platform, no Prometheus server): the alert rules load and pass
# their unit tests (deploy/prometheus/tests/*.yml, with promtool: ServiceMissing fires per service, shared gauges are
# not added up over instances), and no dashboard panel or alert adds up a gauge that every instance reports alike
# (deploy/grafana/check_dashboard.py --static). Installs prometheus (Debian, for promtool) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v promtool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
promtool check rules deploy/prometheus/alerts.yml
promtool test rules deploy/prometheus/tests/*.yml
python3 deploy/grafana/check_dashboard.py --static
