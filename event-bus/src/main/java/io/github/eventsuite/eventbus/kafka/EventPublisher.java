package io.github.eventsuite.eventbus.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes events to their topic, reactively. */
public class EventPublisher {

	private final KafkaOperations<Object, Object> kafka;

	public EventPublisher(KafkaOperations<Object, Object> kafka) {
		this.kafka = kafka;
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
		String topic = Topics.topicOf(event);
		return send(() -> this.kafka.send(topic, key, event));
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
		return send(() -> CompletableFuture.allOf(events.stream()
			.map((event) -> this.kafka.send(Topics.topicOf(event), key.apply(event), event))
			.toArray(CompletableFuture[]::new))).then();
	}

	/**
	 * {@code KafkaProducer.send} blocks while it waits for metadata or buffer space (up to
	 * {@code max.block.ms}, e.g. when the broker is away), so it is never called on an
	 * event-loop thread: the HTTP or database event loop would stall with it. It is called
	 * in {@code handle}, where Reactor puts the caller's trace on the thread (context
	 * propagation {@code limited}): the record's span and {@code traceparent} continue it.
	 * What follows the acknowledgement runs on the parallel scheduler, not on the producer's
	 * single I/O thread: there it would hold up every other send (under load, the 202s of a
	 * whole burst queued behind one thread and batches expired waiting to be sent).
	 */
	static <T> Mono<T> send(Supplier<CompletableFuture<T>> send) {
		return Mono.just(send)
			.subscribeOn(Schedulers.boundedElastic())
			.<CompletableFuture<T>>handle((sending, sink) -> sink.next(sending.get()))
			.flatMap(Mono::fromFuture)
			.publishOn(Schedulers.parallel());
	}

}
