#!/bin/sh
# Starts RabbitMQ and gives every service its own user, allowed only what it does (least privilege): declare, bind
# and publish to the shared event exchange, publish through the default exchange (retries), and declare, bind and
# consume its own queues (<service>.<purpose>, .retry, .dlq). The default user (RABBITMQ_USER) stays the operator's.
# The health check waits for the marker written once the users exist.
set -eu
marker=/tmp/service-users-ready
rm -f "$marker"

docker-entrypoint.sh rabbitmq-server &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"' TERM INT

rabbitmqctl await_startup --timeout 300

service_user() {
  name="$1" password="$2"
  own="${name}\\..*"
  if ! rabbitmqctl -q add_user "$name" "$password" 2>/dev/null; then
    rabbitmqctl -q change_password "$name" "$password"
  fi
  rabbitmqctl -q set_permissions -p / "$name" \
    "^(inetpublish\\.events|${own})\$" \
    "^(inetpublish\\.events|amq\\.default|${own})\$" \
    "^(inetpublish\\.events|${own})\$"
}

service_user auth-service     "$AUTH_RABBITMQ_PASSWORD"
service_user release-service  "$RELEASE_RABBITMQ_PASSWORD"
service_user customer-service "$CUSTOMER_RABBITMQ_PASSWORD"
service_user build-service    "$BUILD_RABBITMQ_PASSWORD"
service_user notify-service   "$NOTIFY_RABBITMQ_PASSWORD"
touch "$marker"

wait "$server"
