package io.github.eventsuite.user.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes outbox rows to Kafka in id order, then deletes them. One relay works at a
 * time across all instances (a PostgreSQL advisory lock), so the order per key holds. A
 * failed round is simply tried again: Kafka may then see an event twice, never lose one,
 * and consumers deduplicate by event id.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Arbitrary, fixed: identifies "the outbox relay" among advisory locks. */
	private static final long RELAY_LOCK = 0x6f7574626f78L;

	/**
	 * How long a round may take: a PostgreSQL that accepts connections but never answers
	 * fails it (the next tick tries again) instead of holding the relay for as long as it
	 * hangs. Above the bound of a round's sends while Kafka is away (max.block.ms 10 s, then
	 * delivery.timeout.ms 15 s: application.yml).
	 */
	static final Duration ROUND_TIMEOUT = Duration.ofSeconds(30);

	/** How long the backlog count waits for PostgreSQL. */
	private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(10);

	private final DatabaseClient db;

	private final KafkaOperations<Object, Object> kafka;

	private final OutboxTracing tracing;

	private final TransactionalOperator transaction;

	private final OutboxProperties properties;

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();

	private final AtomicLong backlog = new AtomicLong();

	private volatile @Nullable Disposable relaying;

	OutboxRelay(DatabaseClient db, KafkaOperations<Object, Object> kafka, TransactionalOperator transaction,
			OutboxProperties properties, MeterRegistry meters, OutboxTracing tracing) {
		this.db = db;
		this.kafka = kafka;
		this.tracing = tracing;
		this.transaction = transaction;
		this.properties = properties;
		Gauge.builder("outbox.backlog", this.backlog, AtomicLong::get)
			.description("Events in the outbox not yet acknowledged by Kafka")
			.register(meters);
	}

	void wakeUp() {
		this.wakeUps.tryEmitNext(Boolean.TRUE);
	}

	/**
	 * Hand-written rather than {@code @Scheduled}: a round also starts as soon as a commit
	 * wakes the relay ({@link #wakeUp}), which a fixed schedule cannot express.
	 */
	@Override
	public void start() {
		Disposable relay = Flux.merge(Flux.interval(this.properties.pollInterval()).map((tick) -> Boolean.TRUE),
				this.wakeUps.asFlux())
			.onBackpressureLatest()
			.concatMap((tick) -> relay().onErrorResume((ex) -> {
				log.warn("Outbox relay round failed, will retry: {}", ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
		// Counted on its own schedule: while Kafka is away a relay round waits for it, the count must not.
		Disposable count = Flux.interval(Duration.ZERO, this.properties.pollInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> countBacklog().onErrorResume((ex) -> Mono.empty()), 1)
			.subscribe();
		this.relaying = Disposables.composite(relay, count);
	}

	/** One round: publish what is waiting; emits how many events were sent. */
	Mono<Integer> relay() {
		return this.transaction.transactional(lock()
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> unsent())
			.flatMap((rows) -> publish(rows).then(delete(rows)).thenReturn(rows.size())))
			.defaultIfEmpty(0)
			.timeout(ROUND_TIMEOUT);
	}

	private Mono<Boolean> lock() {
		return this.db.sql("select pg_try_advisory_xact_lock(:lock)").bind("lock", RELAY_LOCK)
			.map((row) -> row.get(0, Boolean.class)).one();
	}

	private Mono<List<OutboxRow>> unsent() {
		return this.db.sql("select id, topic, record_key, payload, traceparent from outbox order by id limit :limit")
			.bind("limit", this.properties.batchSize())
			.map((row) -> new OutboxRow(row.get("id", Long.class), row.get("topic", String.class),
					row.get("record_key", String.class), row.get("payload", byte[].class),
					row.get("traceparent", String.class)))
			.all()
			.collectList()
			.filter((rows) -> !rows.isEmpty());
	}

	/**
	 * All sends are issued in order before any is awaited: the producer keeps that order per
	 * partition. Off the database's event loop: {@code send} blocks while Kafka is away.
	 */
	private Mono<Void> publish(List<OutboxRow> rows) {
		return Mono.defer(() -> {
			CompletableFuture<?>[] sends = rows.stream()
				.map((row) -> this.tracing.continuing(row.traceparent(),
						() -> this.kafka.send(row.topic(), row.key(), row.payload())))
				.toArray(CompletableFuture[]::new);
			return Mono.fromFuture(CompletableFuture.allOf(sends));
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** Kafka has them: nothing reads them again, and the table stays as small as its backlog. */
	private Mono<Void> delete(List<OutboxRow> rows) {
		Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
		return this.db.sql("delete from outbox where id = any(:ids)").bind("ids", ids).then();
	}

	private Mono<Void> countBacklog() {
		return this.db.sql("select count(*) from outbox")
			.map((row) -> row.get(0, Long.class)).one()
			.timeout(COUNT_TIMEOUT)
			.doOnNext(this.backlog::set)
			.then();
	}

	@Override
	public void stop() {
		Disposable relaying = this.relaying;
		if (relaying != null) {
			relaying.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable relaying = this.relaying;
		return relaying != null && !relaying.isDisposed();
	}

	private record OutboxRow(long id, String topic, String key, byte[] payload, String traceparent) {

	}

}
