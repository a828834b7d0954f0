#!/usr/bin/env bash
# Kafka with SASL/SCRAM on every client listener and ACLs (docker-compose.secure.yml).
# KRaft keeps SCRAM credentials in its metadata, and the first ones (the admin's, which the
# broker itself uses, and the services') can only be written when the storage is formatted
# (KIP-900): so format here, with the image's configuration, then start as the image does;
# its own format step finds the storage formatted. Once the broker answers, the ACLs
# (acls.sh) are applied as the admin, and /tmp/acls-applied tells the health check.
set -euo pipefail

for variable in ADMIN_KAFKA_PASSWORD USER_SERVICE_KAFKA_PASSWORD NOTIFICATION_SERVICE_KAFKA_PASSWORD \
		ANALYTICS_SERVICE_KAFKA_PASSWORD SENSOR_SERVICE_KAFKA_PASSWORD; do
	[ -n "${!variable:-}" ] || { echo "$variable must be set" >&2; exit 1; }
done

# The image's translation of KAFKA_* variables into properties (KAFKA_FOO_BAR -> foo.bar,
# ___ -> '-', __ -> '_').
env | grep -E '^KAFKA_[A-Z0-9_]+=' | while IFS='=' read -r key value; do
	printf '%s=%s\n' "$(echo "${key#KAFKA_}" | tr 'A-Z' 'a-z' | sed -e 's/_/./g' -e 's/\.\.\./-/g' -e 's/\.\./_/g')" "$value"
done >/tmp/format.properties

scram() { printf 'SCRAM-SHA-256=[name=%s,password=%s]' "$1" "$2"; }
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" \
	-c /tmp/format.properties \
	--add-scram "$(scram admin "$ADMIN_KAFKA_PASSWORD")" \
	--add-scram "$(scram user-service "$USER_SERVICE_KAFKA_PASSWORD")" \
	--add-scram "$(scram notification-service "$NOTIFICATION_SERVICE_KAFKA_PASSWORD")" \
	--add-scram "$(scram analytics-service "$ANALYTICS_SERVICE_KAFKA_PASSWORD")" \
	--add-scram "$(scram sensor-service "$SENSOR_SERVICE_KAFKA_PASSWORD")"
rm -f /tmp/format.properties /tmp/acls-applied

cat >/tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$ADMIN_KAFKA_PASSWORD";
PROPERTIES

(
	until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 \
			--command-config /tmp/admin.properties >/dev/null 2>&1; do
		sleep 1
	done
	bash "$(dirname "$0")/acls.sh" localhost:9092 /tmp/admin.properties && touch /tmp/acls-applied
) &

exec /etc/kafka/docker/run
