package io.github.eventsuite.eventbus.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.context.ContextRegistry;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.SendResult;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EventPublisherTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	/** What the records are serialized to does not matter here; their keys are kept as given. */
	private static final Serializer<Object> ANY = (topic, data) -> new byte[0];

	/** A caller's context value that context propagation puts on the thread, as it does a trace. */
	private static final String CALLER_KEY = "eventbus.test.caller";

	private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

	/** The template closes its producer after each send: a new one each time, all kept. */
	private final List<MockProducer<Object, Object>> producers = new CopyOnWriteArrayList<>();

	/** Which caller's context was on the thread when each key was serialized, inside the send. */
	private final Map<String, String> callerOfKey = new ConcurrentHashMap<>();

	private final Serializer<Object> keys = (topic, key) -> {
		this.callerOfKey.put(String.valueOf(key), String.valueOf(CALLER.get()));
		return new byte[0];
	};

	private final EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> {
		MockProducer<Object, Object> producer = new MockProducer<>(true, null, this.keys, ANY);
		this.producers.add(producer);
		return producer;
	})));

	@BeforeAll
	static void propagateTheCaller() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(CALLER_KEY, CALLER::get, CALLER::set, CALLER::remove);
	}

	@AfterAll
	static void forgetTheCaller() {
		ContextRegistry.getInstance().removeThreadLocalAccessor(CALLER_KEY);
	}

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

	@Test
	void sendsEachOfConcurrentEventsInItsOrderUnderItsOwnCallersContext() {
		var reading = SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "c");

		StepVerifier.create(Flux.range(0, 20)
			.flatMap((caller) -> this.publisher.publish(reading, "key-" + caller)
				.contextWrite(Context.of(CALLER_KEY, "caller-" + caller))))
			.expectNextCount(20)
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(sent()).extracting(ProducerRecord::key)
			.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((caller) -> "key-" + caller).toList());
		assertThat(this.callerOfKey).hasSize(20)
			.allSatisfy((key, caller) -> assertThat(key).isEqualTo(caller.replace("caller-", "key-")));
	}

	@Test
	void failsTheRestOfABatchWithoutWaitingOnceTheBrokerIsAway() {
		var attempts = new AtomicInteger();
		var publisher = new EventPublisher(failingWith(attempts,
				new TimeoutException("Topic sensor.readings not present in metadata after 10000 ms.")));

		StepVerifier.create(publisher.publishAll(readings(5)))
			.expectErrorSatisfies((ex) -> assertThat(Outages.isOutage(ex)).isTrue())
			.verify(Duration.ofSeconds(5));

		assertThat(attempts).hasValue(1);
	}

	@Test
	void triesEveryEventOfABatchWhenOneFailsForItself() {
		var attempts = new AtomicInteger();
		var publisher = new EventPublisher(failingWith(attempts, new RecordTooLargeException("too large")));

		StepVerifier.create(publisher.publishAll(readings(5)))
			.expectError(RecordTooLargeException.class)
			.verify(Duration.ofSeconds(5));

		assertThat(attempts).hasValue(5);
	}

	private static List<SensorReadingTaken> readings(int count) {
		return IntStream.range(0, count).mapToObj((i) -> SensorReadingTaken.of("sensor-" + i, T0, 21.5, 40.0, "c")).toList();
	}

	/** Every send fails at once with {@code failure}, as the producer's future does after {@code max.block.ms}. */
	private KafkaTemplate<Object, Object> failingWith(AtomicInteger attempts, RuntimeException failure) {
		return new KafkaTemplate<>(new MockProducerFactory<>(() -> new MockProducer<>(true, null, ANY, ANY))) {

			@Override
			public CompletableFuture<SendResult<Object, Object>> send(String topic, Object key, Object data) {
				attempts.incrementAndGet();
				return CompletableFuture.failedFuture(failure);
			}

		};
	}

	private List<ProducerRecord<Object, Object>> sent() {
		return this.producers.stream().flatMap((producer) -> producer.history().stream()).toList();
	}

}
