package io.github.eventsuite.eventbus.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EventPublisherTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	/** What the records are serialized to does not matter here; their keys are kept as given. */
	private static final Serializer<Object> ANY = (topic, data) -> new byte[0];

	/** The template closes its producer after each send: a new one each time, all kept. */
	private final List<MockProducer<Object, Object>> producers = new CopyOnWriteArrayList<>();

	private final EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> {
		MockProducer<Object, Object> producer = new MockProducer<>(true, null, ANY, ANY);
		this.producers.add(producer);
		return producer;
	})));

	@Test
	void publishesUnderTheEventsOwnKeyUnlessGivenAnother() {
		var reading = SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "c");

		StepVerifier.create(this.publisher.publish(reading).then(this.publisher.publish(reading, "north")))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(sent()).extracting(ProducerRecord::topic, ProducerRecord::key)
			.containsExactly(tuple("sensor.readings", "sensor-1"), tuple("sensor.readings", "north"));
	}

	@Test
	void publishesABatchInItsOrderUnderTheKeysGiven() {
		var first = SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "c");
		var second = SensorReadingTaken.of("sensor-3", T0, 22.5, 40.0, "c");

		StepVerifier.create(this.publisher.publishAll(List.of(first, second), (reading) -> "region-of-" + reading.deviceId()))
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(sent()).extracting(ProducerRecord::key, ProducerRecord::value)
			.containsExactly(tuple("region-of-sensor-1", first), tuple("region-of-sensor-3", second));
	}

	private List<ProducerRecord<Object, Object>> sent() {
		return this.producers.stream().flatMap((producer) -> producer.history().stream()).toList();
	}

}
