package io.github.eventsuite.user.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import reactor.core.publisher.Mono;

/**
 * Events to publish, stored in the caller's database transaction: they reach Kafka if and
 * only if the change they announce is committed, however long Kafka is away.
 */
@Component
public class Outbox {

	private final DatabaseClient db;

	private final OutboxRelay relay;

	private final OutboxTracing tracing;

	private final EventSerializer serializer = new EventSerializer();

	Outbox(DatabaseClient db, OutboxRelay relay, OutboxTracing tracing) {
		this.db = db;
		this.relay = relay;
		this.tracing = tracing;
	}

	private static DatabaseClient.GenericExecuteSpec withTraceparent(DatabaseClient.GenericExecuteSpec insert,
			String traceparent) {
		return (traceparent != null) ? insert.bind("traceparent", traceparent) : insert.bindNull("traceparent", String.class);
	}

	/** Must run inside a transaction; the relay is woken once it commits. */
	public Mono<Void> append(BusEvent event) {
		String topic = Topics.topicOf(event);
		return Mono.defer(() -> withTraceparent(this.db
			.sql("insert into outbox (topic, record_key, payload, traceparent) values (:topic, :key, :payload, :traceparent)")
			.bind("topic", topic)
			.bind("key", event.key())
			.bind("payload", this.serializer.serialize(topic, event)), this.tracing.current()).then())
			.then(TransactionSynchronizationManager.forCurrentTransaction())
			.doOnNext((transaction) -> transaction.registerSynchronization(new TransactionSynchronization() {
				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(Outbox.this.relay::wakeUp);
				}
			}))
			.then();
	}

}
