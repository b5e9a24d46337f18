# shellcheck shell=bash
# The demo data (sourced by ./inetpublish): loaded once through the gateway by demo/seed.py at the end of `up`.

TOKEN=""
# false once a load failed: `up` carries on without it, a platform of its own (scripts/launcher/scratch.sh) stops
DEMO_LOADED=true

# The demo (demo/demo-data.json: the sandbox's people, catalog, customers, group bot, release records), loaded once
# through the gateway with the platform's own API by demo/seed.py, logged in as the demo's admin (张三).
load_demo() {
  [[ "$INETPUBLISH_DEMO_DATA" == "true" ]] || return 0
  INETPUBLISH_TOKEN="$TOKEN" "$ROOT/demo/seed.py" --gateway http://127.0.0.1:8080 2>>"$LOG_DIR/demo.log" && return 0
  DEMO_LOADED=false
  say "  (the demo data was not loaded completely, see $LOG_DIR/demo.log; the next ./inetpublish up completes it)"
}
