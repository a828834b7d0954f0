package io.github.eventsuite.eventbus.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.batch.Batcher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * Publishes events to their topic, reactively.
 *
 * <p>{@code KafkaProducer.send} blocks while it waits for metadata or buffer space (up to
 * {@code max.block.ms}, e.g. when the broker is away), so it is never called on an
 * event-loop thread: the HTTP or database event loop would stall with it. Events published
 * concurrently (the records of a poll, concurrent requests) are handed to the producer
 * together, in the order they came, by one task on the bounded-elastic scheduler
 * ({@link Batcher}): one thread hop for a batch instead of one per event. Each is sent
 * under its own caller's context (context propagation), so that the record's span and
 * {@code traceparent} continue its caller's trace. What follows the acknowledgement runs on
 * the parallel scheduler, not on the producer's single I/O thread: there it would hold up
 * every other send (under load, the 202s of a whole burst queued behind one thread and
 * batches expired waiting to be sent).
 */
public class EventPublisher {

	/** The most events handed over in one task; they are only appended to the producer's buffer. */
	private static final int MAX_BATCH = 500;

	/** Above {@code max.block.ms} (10 s in the services): a hand-over that takes longer fails as an outage. */
	private static final Duration HAND_OVER_TIMEOUT = Duration.ofSeconds(30);

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private final KafkaOperations<Object, Object> kafka;

	/** One hand-over at a time, so that events go to the producer in the order they were published. */
	private final Batcher<Outgoing, CompletableFuture<SendResult<Object, Object>>> handOvers;

	public EventPublisher(KafkaOperations<Object, Object> kafka) {
		this.kafka = kafka;
		this.handOvers = new Batcher<>(MAX_BATCH, 1, HAND_OVER_TIMEOUT, this::handOver, (ex) -> false);
	}

	/**
	 * Completes only once the broker has acknowledged the record (the producer runs with
	 * {@code acks=all} and idempotence), and fails if it never does.
	 */
	public Mono<SendResult<Object, Object>> publish(BusEvent event) {
		return publish(event, event.key());
	}

	/**
	 * As {@link #publish(BusEvent)}, under a key other than the event's own: for a topic
	 * partitioned by something the event does not carry (sensor readings by their device's
	 * region, which only the producer's configuration knows).
	 */
	public Mono<SendResult<Object, Object>> publish(BusEvent event, String key) {
		return Mono.deferContextual((caller) -> this.handOvers.submit(new Outgoing(event, key, caller)))
			.flatMap(EventPublisher::acknowledged);
	}

	/**
	 * Publishes the events in their order (they are handed to the producer one after the
	 * other on one thread, so events of one key keep their order on its partition) and
	 * completes once the broker has acknowledged every one; fails if any is not.
	 */
	public Mono<Void> publishAll(List<? extends BusEvent> events) {
		return publishAll(events, BusEvent::key);
	}

	/** As {@link #publishAll(List)}, each event under the key {@code key} gives it. */
	public <E extends BusEvent> Mono<Void> publishAll(List<E> events, Function<? super E, String> key) {
		return Mono.deferContextual((caller) -> handOver(
				events.stream().map((event) -> new Outgoing(event, key.apply(event), caller)).toList()))
			.flatMap((sends) -> acknowledged(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))))
			.then();
	}

	/**
	 * Sends each event under its caller's context, in their order. Once a send fails for an
	 * outage (the producer waited {@code max.block.ms} for the broker), the rest of the
	 * batch fails with it instead of each waiting as long again; their callers retry.
	 */
	private Mono<List<CompletableFuture<SendResult<Object, Object>>>> handOver(List<Outgoing> batch) {
		return Mono.fromCallable(() -> {
			List<CompletableFuture<SendResult<Object, Object>>> sends = new ArrayList<>(batch.size());
			Throwable outage = null;
			for (Outgoing outgoing : batch) {
				CompletableFuture<SendResult<Object, Object>> send = (outage != null)
						? CompletableFuture.failedFuture(outage) : outgoing.sendBy(this.kafka);
				outage = (outage != null) ? outage : outageOf(send);
				sends.add(send);
			}
			return sends;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private static @Nullable Throwable outageOf(CompletableFuture<?> send) {
		if (!send.isCompletedExceptionally()) {
			return null;
		}
		Throwable failure = send.handle((result, ex) -> ex).getNow(null);
		return (failure != null && Outages.isOutage(failure)) ? failure : null;
	}

	private static <T> Mono<T> acknowledged(CompletableFuture<T> send) {
		return Mono.fromFuture(send).publishOn(Schedulers.parallel());
	}

	/**
	 * One record on its own, off the event loops as above, for the rare sends (dead letters,
	 * re-drives): {@code handle} puts the caller's trace on the thread.
	 */
	static <T> Mono<T> send(Supplier<CompletableFuture<T>> send) {
		return Mono.just(send)
			.subscribeOn(Schedulers.boundedElastic())
			.<CompletableFuture<T>>handle((sending, sink) -> sink.next(sending.get()))
			.flatMap(EventPublisher::acknowledged);
	}

	/** An event on its way, with the context (the trace) of whoever published it. */
	private record Outgoing(BusEvent event, String key, ContextView caller) {

		CompletableFuture<SendResult<Object, Object>> sendBy(KafkaOperations<Object, Object> kafka) {
			try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(this.caller)) {
				return kafka.send(Topics.topicOf(this.event), this.key, this.event);
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}

	}

}
