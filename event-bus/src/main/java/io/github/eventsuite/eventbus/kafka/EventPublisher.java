package io.github.eventsuite.eventbus.kafka;

import java.util.concurrent.CompletableFuture;
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
		String topic = Topics.topicOf(event);
		return send(() -> this.kafka.send(topic, event.key(), event));
	}

	/**
	 * {@code KafkaProducer.send} blocks while it waits for metadata or buffer space (up to
	 * {@code max.block.ms}, e.g. when the broker is away), so it is never called on an
	 * event-loop thread: the HTTP or database event loop would stall with it.
	 */
	static <T> Mono<T> send(Supplier<CompletableFuture<T>> send) {
		return Mono.fromFuture(send).subscribeOn(Schedulers.boundedElastic());
	}

}
