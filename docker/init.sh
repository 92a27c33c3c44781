#!/bin/sh
# One-shot setup of the compose stack, idempotent: `init.sh topics` (in the Kafka image) creates the
# topics; `init.sh connectors` (in a curl image) registers the sink connectors and the uptime probe source.
set -eu
MODE=${1:?usage: init.sh topics|connectors}
KAFKA=${KAFKA:-kafka:9092}
CONNECT=${CONNECT:-http://connect:8083}
PARTITIONS=${PARTITIONS:-4}
T=/opt/kafka/bin/kafka-topics.sh

if [ "$MODE" = topics ]; then
for topic in events alerts counters events.dlq connect.dlq alarm-status-changed send-alarm-digest alarm-digest alarm-status-changed.dlq notifications probes; do
  $T --bootstrap-server "$KAFKA" --create --if-not-exists --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1
done
for topic in rules routing targets; do
  $T --bootstrap-server "$KAFKA" --create --if-not-exists --topic "$topic" --partitions 1 --replication-factor 1 --config cleanup.policy=compact
done
# Acknowledgements (POST /v1/alerts/{key}/ack): compacted, keyed by alert key, partitioned like alerts.
$T --bootstrap-server "$KAFKA" --create --if-not-exists --topic acks --partitions "$PARTITIONS" --replication-factor 1 --config cleanup.policy=compact
exit 0
fi

until curl -fsS "$CONNECT/connectors" >/dev/null; do echo "waiting for Connect..."; sleep 2; done

put() {
  curl -fsS -X PUT "$CONNECT/connectors/$1/config" -H 'Content-Type: application/json' -d "$2" >/dev/null
  echo "connector $1 registered"
}
COMMON='"tasks.max":"1","errors.tolerance":"all","errors.deadletterqueue.topic.name":"connect.dlq","errors.deadletterqueue.topic.replication.factor":"1","errors.deadletterqueue.context.headers.enable":"true"'
ES='"connector.class":"io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector","connection.urls":"http://elasticsearch:9200","connection.username":"elastic","connection.password":"${env:ELASTIC_PASSWORD}","index.pattern":"{topic}-{yyyy.MM.dd}"'
put alertstream-es-events "{$COMMON,$ES,\"topics\":\"events\",\"event.time.field\":\"timestamp\",\"index.template.profile\":\"event\"}"
put alertstream-es-alerts "{$COMMON,$ES,\"topics\":\"alerts\",\"event.time.field\":\"at\",\"index.template.profile\":\"alert\",\"document.id.field\":\"id\"}"
put alertstream-redis-counters "{$COMMON,\"connector.class\":\"io.alertstream.connectors.redis.RedisSinkConnector\",\"topics\":\"counters\",\"redis.host\":\"redis\",\"redis.port\":\"6379\",\"redis.password\":\"\${env:REDIS_PASSWORD}\"}"
put alertstream-notify-email "{$COMMON,\"connector.class\":\"io.alertstream.connectors.email.EmailSinkConnector\",\"topics\":\"notifications\",\"smtp.host\":\"${SMTP_HOST:-mailpit}\",\"smtp.port\":\"${SMTP_PORT:-1025}\",\"smtp.security\":\"${SMTP_SECURITY:-none}\",\"smtp.username\":\"${SMTP_USERNAME:-}\",\"smtp.password\":\"\${env:SMTP_PASSWORD}\",\"email.from\":\"${EMAIL_FROM:-alertstream <alertstream@localhost>}\"}"
put alertstream-notify-webhook "{$COMMON,\"connector.class\":\"io.alertstream.connectors.webhook.WebhookSinkConnector\",\"topics\":\"notifications\",\"webhook.allowed.url.prefixes\":\"${WEBHOOK_ALLOWED_URL_PREFIXES:-https://hooks.slack.com/}\",\"webhook.auth.type\":\"${WEBHOOK_AUTH_TYPE:-none}\",\"webhook.auth.url.prefixes\":\"${WEBHOOK_AUTH_URL_PREFIXES:-}\",\"webhook.auth.token\":\"\${env:WEBHOOK_TOKEN}\"}"
# Uptime probes (issue #17): checks the targets of the compacted `targets` topic and writes one schemaless JSON
# result per check to `probes`, which the engine reads beside `events`. No errors.* keys: those are for sinks.
# probe.allow.private.networks stays at its default (false): a target must not make the worker probe the
# compose network's own services.
put alertstream-probes "{\"connector.class\":\"io.alertstream.connectors.probe.ProbeSourceConnector\",\"tasks.max\":\"1\",\"targets.topic\":\"targets\",\"targets.bootstrap.servers\":\"$KAFKA\",\"probes.topic\":\"probes\",\"probe.location\":\"${PROBE_LOCATION:-compose}\",\"value.converter\":\"org.apache.kafka.connect.json.JsonConverter\",\"value.converter.schemas.enable\":\"false\"}"
