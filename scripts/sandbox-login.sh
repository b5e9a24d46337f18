#!/usr/bin/env bash
# Logs in the way a person does — gateway -> Feishu (the sandbox's authorize page) -> callback -> refresh — and
# prints a platform access token. Only works against a local run with the sandbox (./inetpublish up).
#   TOKEN=$(scripts/sandbox-login.sh [open_id])       default: the demo's admin, 张三 (demo/person.py)
#   COOKIE=$(scripts/sandbox-login.sh --refresh-cookie [open_id])   the refresh cookie's value instead (step 4 is
#                                                     left to the caller, as a browser tab does it)
set -euo pipefail
GATEWAY="${GATEWAY:-http://localhost:8080}"
PRINT=access-token
if [[ "${1:-}" == --refresh-cookie ]]; then PRINT=refresh-cookie; shift; fi
OPEN_ID="${1:-$("$(dirname "$0")/../demo/person.py")}"
jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT

header() { grep -i "^$1:" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

# 1. the platform sends the browser to Feishu's authorize page (state + PKCE kept by auth-service)
authorize="$(curl -fsS -o /dev/null -D - -c "$jar" -b "$jar" "$GATEWAY/api/auth/login" | header location)"
[[ -n "$authorize" ]] || { echo "login did not redirect" >&2; exit 1; }
# 2. the person picks a user on the sandbox's page: the form posts the same query parameters back
base="${authorize%%\?*}"
query="${authorize#*\?}"
form=()
IFS='&' read -ra pairs <<<"$query"
for pair in "${pairs[@]}"; do form+=(--data-urlencode "$(python3 -c 'import sys,urllib.parse;k,_,v=sys.argv[1].partition("=");print(urllib.parse.unquote_plus(k)+"="+urllib.parse.unquote_plus(v))' "$pair")"); done
callback="$(curl -fsS -o /dev/null -D - "${form[@]}" --data-urlencode "open_id=$OPEN_ID" \
  --data-urlencode "decision=approve" "$base" | header location)"
[[ "$callback" == *code=* ]] || { echo "authorize did not return a code: $callback" >&2; exit 1; }
# 3. the callback (through the gateway) sets the refresh cookie; it is Secure, so curl would not send it back
#    over http by itself: take it from the Set-Cookie header
[[ "$callback" == http* ]] || callback="$GATEWAY$callback"
refresh="$(curl -fsS -o /dev/null -D - -c "$jar" -b "$jar" "$callback" \
  | grep -i '^set-cookie: inetpublish_refresh=' | head -1 | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')"
[[ -n "$refresh" ]] || { echo "callback set no refresh cookie" >&2; exit 1; }
if [[ "$PRINT" == refresh-cookie ]]; then printf '%s\n' "$refresh"; exit 0; fi
# 4. the web app trades the cookie for an access token
curl -fsS -X POST -H "Cookie: inetpublish_refresh=$refresh" -H "Origin: $GATEWAY" "$GATEWAY/api/auth/refresh" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("accessToken") or d.get("access_token"))'
