package io.github.eventsuite.eventbus.kafka;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import reactor.core.publisher.Mono;

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
		return Mono.fromFuture(() -> this.kafka.send(topic, event.key(), event));
	}

}
