#!/usr/bin/env bash
# What each service may do in Kafka (docker-compose.secure.yml): write the topics it
# produces, read the topics it consumes, in its own consumer groups. Every service creates
# the suite's topics at start if they are missing, so each may create and describe them.
# analytics-service re-drives dead letters to the topic they failed on, so it may write
# user.register, user.created, email.sent and the sensor. topics too. No service may write
# another's events otherwise: user-service cannot write email.sent, notification-service
# cannot write user.created, sensor-service cannot write the chain's topics.
# Usage: acls.sh BOOTSTRAP_SERVER ADMIN_COMMAND_CONFIG
set -euo pipefail
bootstrap=$1
config=$2

# kafka-acls.sh runs this class; the offline stand-in image ships no kafka-acls.sh.
acl() {
	/opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.AclCommand --bootstrap-server "$bootstrap" \
		--command-config "$config" --add "$@" >/dev/null
}
suite_topics=(--topic user. --topic email. --topic sensor. --topic dead-letters. --topic analytics.)

acl --allow-principal User:user-service --allow-principal User:notification-service \
	--allow-principal User:analytics-service --allow-principal User:sensor-service --operation Create \
	--operation Describe --operation DescribeConfigs --resource-pattern-type prefixed "${suite_topics[@]}"

acl --allow-principal User:user-service --operation Write \
	--topic user.register --topic user.created --topic user.register.DLT
acl --allow-principal User:user-service --operation Read --topic user.register --group user-service

acl --allow-principal User:notification-service --operation Write --topic email.sent --topic user.created.DLT
acl --allow-principal User:notification-service --operation Read --topic user.created --group notification-service

acl --allow-principal User:analytics-service --operation Read --resource-pattern-type prefixed \
	"${suite_topics[@]}" --group analytics-
acl --allow-principal User:analytics-service --operation Write --resource-pattern-type prefixed \
	--topic analytics. --topic dead-letters.
acl --allow-principal User:analytics-service --operation Write --topic user.register --topic user.created \
	--topic email.sent --topic sensor.readings --topic sensor.alerts --topic sensor.region-stats \
	--topic user.register.DLT --topic user.created.DLT --topic email.sent.DLT

# sensor-service takes readings onto sensor.readings and its pipeline writes the sensor.
# topics; its views read them (consumer group sensor-views).
acl --allow-principal User:sensor-service --operation Write --resource-pattern-type prefixed --topic sensor.
acl --allow-principal User:sensor-service --operation Read --resource-pattern-type prefixed --topic sensor. \
	--group sensor-
# Its pipeline runs on Kafka Streams, exactly once (consumer group sensor-pipeline): it
# creates, reads and writes its own changelog topics and writes in transactions of its own.
acl --allow-principal User:sensor-service --operation Create --operation Describe --operation DescribeConfigs \
	--operation Read --operation Write --resource-pattern-type prefixed --topic sensor-pipeline-
acl --allow-principal User:sensor-service --operation Write --operation Describe --resource-pattern-type prefixed \
	--transactional-id sensor-pipeline-

echo "ACLs applied"
