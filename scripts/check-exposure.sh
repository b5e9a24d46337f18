#!/usr/bin/env bash
# What a stranger on the network or on this machine can reach of a running `./inetpublish up` (issue 21, item 4):
# every listening socket of the processes `up` started is bound to INETPUBLISH_BIND_ADDRESS (127.0.0.1 unless set);
# no service port answers actuator or internal endpoints without a token; the management ports answer health (with
# details) but dead letters only to a token; Eureka answers nobody without its credentials; the API reference is public
# and reaches nothing of a service but its OpenAPI description.
# Prints "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
RUN_DIR="${INETPUBLISH_RUN_DIR:-.run}"
BIND="${INETPUBLISH_BIND_ADDRESS:-127.0.0.1}"
EUREKA_AUTH="${EUREKA_USER:-eureka}:${EUREKA_PASSWORD:-dev-only-eureka-password}"
passed=0 failed=0
check() { # check NAME COMMAND...
  if "${@:2}"; then echo "PASS $1"; passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi
}
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
expect() { # expect CODE CURL-ARGS...
  local got; got="$(status "${@:2}")"
  [[ "$got" == "$1" ]] || { echo "  ${*:2} -> $got, expected $1" >&2; return 1; }
}

bound_only_to_bind_address() {
  local pids pid ok=0 line n=0
  pids="$(cat "$RUN_DIR"/pids/*.pid 2>/dev/null | sort -u)"   # the shared JVM: one pid for seven processes
  [[ -n "$pids" ]] || { echo "  no processes of ./inetpublish up found in $RUN_DIR/pids" >&2; return 1; }
  for pid in $pids; do
    while read -r line; do
      n=$((n + 1))
      # a dual-stack socket shows an IPv4 address as [::ffff:a.b.c.d]
      [[ "$line" == "$BIND:"* || "$line" == "[::ffff:$BIND]:"* ]] || { echo "  pid $pid listens on $line" >&2; ok=1; }
    done < <(ss -ltnpH | grep "pid=$pid," | awk '{print $4}')
  done
  (( n >= 15 )) || { echo "  only $n listening sockets found" >&2; ok=1; }
  return $ok
}

service_ports_hide_internals() {
  local port path ok=0
  for port in 8081 8082 8083 8084 8085; do
    for path in /actuator/health /actuator/deadletters /actuator/prometheus /internal/revocations \
        /actuator/revocations; do
      expect 401 "http://127.0.0.1:$port$path" || ok=1
    done
    expect 401 -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/actuator/deadletters" || ok=1
  done
  return $ok
}

management_ports_guard_dead_letters() {
  local port ok=0 body
  for port in 9081 9082 9083 9084 9085; do
    body="$(curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/health")" || { echo "  no health on $port" >&2; ok=1; }
    [[ "$body" == *'"components"'* ]] || { echo "  health on $port without details" >&2; ok=1; }
    expect 401 "http://127.0.0.1:$port/actuator/deadletters" || ok=1
    expect 401 -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/actuator/deadletters" || ok=1
  done
  return $ok
}

viewer_cannot_replay() {
  local token ok=0
  # 李四 (a viewer unless 张三 gave him a role, never an admin in the local run)
  token="$(scripts/sandbox-login.sh "$(demo/person.py lisi)" 2>/dev/null)" || token=""
  [[ -n "$token" ]] || { echo "  cannot log in as 李四" >&2; return 1; }
  python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; r=json.loads(base64.urlsafe_b64decode(p+"=="))["roles"]; sys.exit("ADMIN" in r)' "$token" \
    || { echo "  李四 is an admin here" >&2; return 1; }
  expect 403 -H "Authorization: Bearer $token" "http://127.0.0.1:9083/actuator/deadletters" || ok=1
  expect 403 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:9083/actuator/deadletters" || ok=1
  return $ok
}

api_reference_is_public_and_narrow() {
  local port service ok=0 body
  # the reference page and every service's description, to anyone, through the gateway
  expect 200 http://127.0.0.1:8080/api-docs/ || ok=1
  for service in auth-service release-service customer-service build-service notify-service; do
    body="$(curl -fsS --max-time 20 "http://127.0.0.1:8080/api-docs/$service.json")" \
      || { echo "  no description of $service through the gateway" >&2; ok=1; continue; }
    [[ "$body" == *'"openapi"'* && "$body" == *'/api/'* ]] || { echo "  $service: not an OpenAPI description" >&2; ok=1; }
    [[ "$body" != *'/actuator'* && "$body" != *'/internal/'* ]] || { echo "  $service describes internals" >&2; ok=1; }
  done
  # nothing else of a service through that door, nor springdoc's other documents on a service port
  expect 404 http://127.0.0.1:8080/api-docs/actuator.json || ok=1
  for port in 8081 8082 8083 8084 8085; do
    expect 401 "http://127.0.0.1:$port/v3/api-docs.yaml" || ok=1
    expect 401 "http://127.0.0.1:$port/v3/api-docs/swagger-config" || ok=1
  done
  return $ok
}

gateway_gets_revocations() {
  expect 200 "http://127.0.0.1:9081/actuator/revocations" \
    && curl -fsS --max-time 5 "http://127.0.0.1:8090/actuator/prometheus" \
      | grep -E '^inetpublish_gateway_revocations_age_seconds' | awk '{exit !($2 < 30)}'
}

eureka_needs_credentials() {
  local fake='{"instance":{"instanceId":"10.9.9.9:release-service:8082","app":"RELEASE-SERVICE","hostName":"10.9.9.9",
    "ipAddr":"10.9.9.9","vipAddress":"release-service","status":"UP","port":{"$":8082,"@enabled":"true"},
    "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}'
  expect 401 -H 'Accept: application/json' http://127.0.0.1:8761/eureka/apps \
    && expect 401 -X POST -H 'Content-Type: application/json' -d "$fake" http://127.0.0.1:8761/eureka/apps/RELEASE-SERVICE \
    && expect 401 http://127.0.0.1:8761/ \
    && expect 200 -u "$EUREKA_AUTH" -H 'Accept: application/json' http://127.0.0.1:8761/eureka/apps
}

check "every port of the local run is bound to $BIND only" bound_only_to_bind_address
check "service ports answer no actuator or internal endpoint without a token" service_ports_hide_internals
check "management ports show health details, dead letters only with a token" management_ports_guard_dead_letters
check "a viewer can neither list nor replay dead letters" viewer_cannot_replay
check "the API reference is public and reaches only the services' descriptions" api_reference_is_public_and_narrow
check "the gateway reads the revocation list from auth-service's management port" gateway_gets_revocations
check "Eureka answers nobody without its credentials" eureka_needs_credentials
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
