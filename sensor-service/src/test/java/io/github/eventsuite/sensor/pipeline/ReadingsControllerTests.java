package io.github.eventsuite.sensor.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

@WebFluxTest(value = ReadingsController.class, properties = "sensors.max-batch-size=3")
@Import({ SensorConfiguration.class, ReadingPublisher.class, ReadingsControllerTests.Kafka.class,
		DeviceSecurity.class })
class ReadingsControllerTests {

	private static final String T = "2026-11-25T10:00:01.500Z";

	@Autowired
	private WebTestClient client;

	@Autowired
	private RecordingPublisher kafka;

	@BeforeEach
	void reset() {
		this.kafka.published.clear();
		this.kafka.keys.clear();
		this.kafka.failing = false;
	}

	@Test
	void acceptsOneReadingOnceKafkaHasIt() {
		post("{\"deviceId\":\"sensor-1\",\"timestamp\":\"" + T + "\",\"temperature\":21.5,\"humidity\":40}")
			.expectStatus().isAccepted()
			.expectBody().json("{\"accepted\":1}");

		assertThat(this.kafka.published).singleElement().isInstanceOfSatisfying(SensorReadingTaken.class, (reading) -> {
			assertThat(reading.deviceId()).isEqualTo("sensor-1");
			assertThat(reading.takenAt()).isEqualTo(Instant.parse(T));
			assertThat(reading.temperatureCelsius()).isEqualTo(21.5);
			assertThat(reading.humidityPercent()).isEqualTo(40.0);
		});
	}

	@Test
	void acceptsABatchInItsOrderAndTimestampsWithOffsets() {
		post("[" + reading("sensor-1", 20) + "," + reading("sensor-1", 22).replace("10:00:01Z", "12:00:02+02:00") + ","
				+ reading("sensor-1", 23).replace("10:00:01Z", "10:00:03Z") + "]")
			.expectStatus().isAccepted()
			.expectBody().json("{\"accepted\":3}");

		assertThat(this.kafka.published).extracting((event) -> ((SensorReadingTaken) event).temperatureCelsius())
			.containsExactly(20.0, 22.0, 23.0);
		assertThat(((SensorReadingTaken) this.kafka.published.get(1)).takenAt())
			.isEqualTo(Instant.parse("2026-11-25T10:00:02Z"));
	}

	@Test
	void keysEachReadingByItsDevicesRegion() {
		for (String device : List.of("sensor-1", "sensor-3", "lab-9")) {
			post(device, reading(device, 20)).expectStatus().isAccepted();
		}

		assertThat(this.kafka.keys).containsExactly("north", "south", "unassigned");
	}

	@Test
	void turnsAwayAPostWithoutItsDevicesKey() {
		List<Consumer<HttpHeaders>> credentials = List.of((none) -> {
		}, (headers) -> headers.setBasicAuth("sensor-1", "guessed"),
				(headers) -> headers.setBasicAuth("sensor-404", TestDevices.KEY));
		for (Consumer<HttpHeaders> sent : credentials) {
			this.client.post().uri("/api/sensors/readings").headers(sent).contentType(MediaType.APPLICATION_JSON)
				.bodyValue(reading("sensor-1", 20))
				.exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sensors\"")
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void refusesABatchHoldingAnotherDevicesReadings() {
		post("sensor-1", "[" + reading("sensor-1", 20) + "," + reading("sensor-3", 21) + "]")
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").isEqualTo("Signed in as sensor-1, which may post its own readings only;"
					+ " the body holds readings of sensor-3. None was accepted.");
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void rejectsAnInvalidReadingNamingEveryBadField() {
		post("{\"deviceId\":\"sensor 1\",\"timestamp\":\"yesterday\",\"humidity\":120,\"colour\":\"red\"}")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("The reading is invalid.")
			.jsonPath("$.errors.length()").isEqualTo(5)
			.jsonPath("$.errors[0].field").isEqualTo("colour")
			.jsonPath("$.errors[0].message").isEqualTo("unknown field")
			.jsonPath("$.errors[1].field").isEqualTo("deviceId")
			.jsonPath("$.errors[1].message").isEqualTo("must be 1 to 64 characters of A-Z a-z 0-9 . _ : -")
			.jsonPath("$.errors[2].field").isEqualTo("humidity")
			.jsonPath("$.errors[2].message").isEqualTo("must be between 0 and 100 %, was 120.0")
			.jsonPath("$.errors[3].field").isEqualTo("temperature")
			.jsonPath("$.errors[3].message").isEqualTo("is required")
			.jsonPath("$.errors[4].field").isEqualTo("timestamp")
			.jsonPath("$.errors[0].index").doesNotExist();
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void rejectsAWholeBatchNamingTheIndexOfEachBadReading() {
		post("[" + reading("sensor-1", 20) + "," + reading("sensor-2", 50.5) + ",\"text\"]")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("The batch is invalid; none of its readings was accepted.")
			.jsonPath("$.errors.length()").isEqualTo(2)
			.jsonPath("$.errors[0].index").isEqualTo(1)
			.jsonPath("$.errors[0].field").isEqualTo("temperature")
			.jsonPath("$.errors[0].message").isEqualTo("must be between 0 and 50 °C, was 50.5")
			.jsonPath("$.errors[1].index").isEqualTo(2)
			.jsonPath("$.errors[1].field").isEqualTo("(reading)");
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void rejectsBatchesThatAreEmptyOrTooLarge() {
		String four = IntStream.range(0, 4).mapToObj((i) -> reading("sensor-" + i, 20)).collect(Collectors.joining(","));

		post("[" + four + "]").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").isEqualTo("A batch must hold 1 to 3 readings, this one holds 4.");
		post("[]").expectStatus().isBadRequest();
		post("42").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").isEqualTo("The body must be a reading object or an array of readings.");
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void rejectsReadingsFromTheFuture() {
		String future = Instant.now().plusSeconds(3600).toString();

		post("{\"deviceId\":\"sensor-1\",\"timestamp\":\"" + future + "\",\"temperature\":21,\"humidity\":40}")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].message").isEqualTo("must not be more than 60 s in the future, was " + future);
	}

	@Test
	void rejectsMalformedJsonAsProblemDetails() {
		post("{\"deviceId\":").expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answers503WhenKafkaDoesNotAcknowledge() {
		this.kafka.failing = true;

		post(reading("sensor-1", 20)).expectStatus().isEqualTo(503)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private WebTestClient.ResponseSpec post(String body) {
		return post("sensor-1", body);
	}

	private WebTestClient.ResponseSpec post(String device, String body) {
		return this.client.post().uri("/api/sensors/readings").headers(TestDevices.signedInAs(device))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange();
	}

	private static String reading(String deviceId, double temperature) {
		return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":\"2026-11-25T10:00:01Z\",\"temperature\":" + temperature
				+ ",\"humidity\":40}";
	}

	/** Kafka as the controller sees it: acknowledges (and records, with their keys) or fails. */
	static class RecordingPublisher extends EventPublisher {

		final List<BusEvent> published = new CopyOnWriteArrayList<>();

		final List<String> keys = new CopyOnWriteArrayList<>();

		volatile boolean failing;

		RecordingPublisher() {
			super(null);
		}

		@Override
		public Mono<SendResult<Object, Object>> publish(BusEvent event, String key) {
			return this.failing ? Mono.error(new KafkaException("broker away"))
					: Mono.fromRunnable(() -> record(event, key));
		}

		@Override
		public <E extends BusEvent> Mono<Void> publishAll(List<E> events, Function<? super E, String> key) {
			return this.failing ? Mono.error(new KafkaException("broker away"))
					: Mono.fromRunnable(() -> events.forEach((event) -> record(event, key.apply(event))));
		}

		private void record(BusEvent event, String key) {
			this.published.add(event);
			this.keys.add(key);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Kafka {

		@Bean
		RecordingPublisher recordingPublisher() {
			return new RecordingPublisher();
		}

	}

}
