package io.github.eventsuite.user.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

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

	/** The trace the caller is in, for an entry appended later in a batch (null outside a trace). */
	public @Nullable String currentTrace() {
		return this.tracing.current();
	}

	/**
	 * Appends every entry in one statement, in their order (the relay publishes in id order).
	 * Must run inside a transaction; the relay is woken once it commits.
	 */
	public Mono<Void> appendAll(List<Entry> entries) {
		if (entries.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> this.db.sql("""
				insert into outbox (topic, record_key, payload, traceparent)
				select topic, record_key, convert_to(payload, 'UTF8'), nullif(traceparent, '')
				from unnest(:topics::varchar[], :keys::varchar[], :payloads::text[], :traceparents::varchar[])
				     with ordinality as entry(topic, record_key, payload, traceparent, position)
				order by position""")
			.bind("topics", entries.stream().map((entry) -> Topics.topicOf(entry.event())).toArray(String[]::new))
			.bind("keys", entries.stream().map((entry) -> entry.event().key()).toArray(String[]::new))
			.bind("payloads", entries.stream().map(this::json).toArray(String[]::new))
			.bind("traceparents", entries.stream()
				.map((entry) -> (entry.traceparent() != null) ? entry.traceparent() : "")
				.toArray(String[]::new))
			.then())
			.then(TransactionSynchronizationManager.forCurrentTransaction())
			.doOnNext((transaction) -> transaction.registerSynchronization(new TransactionSynchronization() {
				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(Outbox.this.relay::wakeUp);
				}
			}))
			.then();
	}

	private String json(Entry entry) {
		return new String(this.serializer.serialize(Topics.topicOf(entry.event()), entry.event()), StandardCharsets.UTF_8);
	}

	/**
	 * An event and the W3C {@code traceparent} of the change it announces (null for none).
	 */
	public record Entry(BusEvent event, @Nullable String traceparent) {

	}

}
