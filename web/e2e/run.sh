#!/usr/bin/env bash
# End-to-end tests of the web app in headless Chromium against a running platform (`./inetpublish up`, which starts
# the sandbox in place of Feishu and Jenkins). One script per scenario of docs/product.md plus impact search -> schedules
# and roles; screenshots go to docs/screenshots/. Prints "N passed, M failed" and exits non-zero when any failed.
#
#   web/e2e/run.sh                 all scenarios
#   web/e2e/run.sh 03 04           only the scripts whose names start with these prefixes
#
# E2E_BASE_URL (default http://localhost:8080) and E2E_SANDBOX_URL (default http://127.0.0.1:8089) point elsewhere.
set -uo pipefail
cd "$(dirname "$0")/.."

e2e/ensure-browser.sh || { echo "0 passed, 1 failed"; exit 1; }
if [[ ! -d node_modules/playwright-core ]]; then
  node scripts/ensure-deps.mjs || { echo "0 passed, 1 failed"; exit 1; }
fi

base="${E2E_BASE_URL:-http://localhost:8080}"
if ! curl -fsS -o /dev/null --max-time 5 "$base/"; then
  echo "the platform is not reachable at $base (start it with ./inetpublish up)"
  echo "0 passed, 1 failed"
  exit 1
fi

scripts=()
for f in e2e/[0-9]*.mjs; do
  if [[ $# -eq 0 ]]; then scripts+=("$f"); continue; fi
  for p in "$@"; do [[ "$(basename "$f")" == "$p"* ]] && scripts+=("$f"); done
done

passed=0 failed=0
for f in "${scripts[@]}"; do
  if node "$f"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
