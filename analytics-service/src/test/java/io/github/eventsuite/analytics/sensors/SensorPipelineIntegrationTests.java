package io.github.eventsuite.analytics.sensors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.analytics.TestcontainersConfiguration;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import io.github.eventsuite.eventbus.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sensors.windows.idle-timeout=3s", "sensors.regions.devices.lab-1=lab", "sensors.regions.devices.lab-2=lab",
		"sensors.regions.devices.hot-1=greenhouse" })
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class SensorPipelineIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient client;

	@Autowired
	private KafkaConnectionDetails kafka;

	private KafkaTopics topics;

	@BeforeEach
	void connect() {
		this.topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
	}

	@Test
	void foldsPostedReadingsIntoExactRegionStatsAndDeadLettersALateOne() {
		Instant t = Instant.ofEpochSecond((Instant.now().getEpochSecond() - 60) / 5 * 5);

		post("[" + reading("lab-1", t.plusMillis(500), 20.0) + "," + reading("lab-2", t.plusMillis(1500), 24.0) + ","
				+ reading("lab-1", t.plusSeconds(3), 31.0) + "]")
			.expectStatus().isAccepted();

		RegionStats first = new RegionStats("lab", t, t.plusSeconds(5), 3, 25.0, 31.0, 0);
		await().atMost(WAIT).untilAsserted(() -> assertThat(regions()).contains(first));
		await().atMost(WAIT).untilAsserted(() -> assertThat(
				this.topics.events(Topics.SENSOR_REGION_STATS, RegionWindowClosed.class))
			.filteredOn((window) -> window.region().equals("lab"))
			.singleElement()
			.satisfies((window) -> {
				assertThat(window.key()).isEqualTo("lab");
				assertThat(window.windowStart()).isEqualTo(t);
				assertThat(window.windowEnd()).isEqualTo(t.plusSeconds(5));
				assertThat(window.count()).isEqualTo(3);
				assertThat(window.averageTemperature()).isEqualTo(25.0);
				assertThat(window.maxTemperature()).isEqualTo(31.0);
			}));

		post(reading("lab-2", t.plusSeconds(2), 45.0)).expectStatus().isAccepted();
		await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters("lab-2"))
			.singleElement()
			.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
				.startsWith("late: reading of " + t.plusSeconds(2) + " for region 'lab' belongs to window " + t)));

		post(reading("lab-1", t.plusSeconds(6), 22.0)).expectStatus().isAccepted();
		RegionStats second = new RegionStats("lab", t.plusSeconds(5), t.plusSeconds(10), 1, 22.0, 22.0, 1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(regions()).contains(second).doesNotContain(first));
	}

	@Test
	void raisesAnAlertForAHotReading() {
		Instant now = Instant.now().minusSeconds(1);

		post(reading("hot-1", now, 41.5)).expectStatus().isAccepted();

		await().atMost(WAIT).untilAsserted(() -> assertThat(
				this.topics.events(Topics.SENSOR_ALERTS, SensorAlertRaised.class))
			.filteredOn((alert) -> alert.takenAt().equals(now))
			.singleElement()
			.satisfies((alert) -> {
				assertThat(alert.key()).isEqualTo("hot-1");
				assertThat(alert.region()).isEqualTo("greenhouse");
				assertThat(alert.temperatureCelsius()).isEqualTo(41.5);
				assertThat(alert.thresholdCelsius()).isEqualTo(35.0);
				assertThat(alert.reason()).isEqualTo("high temperature: 41.5 °C is above 35.0 °C");
			}));
		this.client.get().uri("/api/sensors/alerts").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[0].deviceId").isEqualTo("hot-1")
			.jsonPath("$[0].region").isEqualTo("greenhouse")
			.jsonPath("$[0].temperature").isEqualTo(41.5);
	}

	@Test
	void deadLettersInvalidReadingsFromKafkaWithTheirReason() {
		String outOfRange = "bad-" + UUID.randomUUID().toString().substring(0, 8);
		String noDevice = "bad-" + UUID.randomUUID().toString().substring(0, 8);
		String json = new String(new EventSerializer().serialize(Topics.SENSOR_READINGS,
				SensorReadingTaken.of(outOfRange, Instant.now(), 75.0, 40.0, "it")), StandardCharsets.UTF_8);

		this.topics.sendRaw(Topics.SENSOR_READINGS, outOfRange, json);
		this.topics.sendRaw(Topics.SENSOR_READINGS, noDevice, json.replace("\"deviceId\":\"" + outOfRange + "\",", ""));

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(deadLetters(outOfRange)).singleElement()
				.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
					.isEqualTo("invalid reading: temperatureCelsius must be between 0 and 50 °C, was 75.0"));
			assertThat(deadLetters(noDevice)).singleElement()
				.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
					.isEqualTo("sensor.readings: deviceId is required"));
		});
	}

	private List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
		return this.topics.readAll(Topics.deadLetterTopicOf(Topics.SENSOR_READINGS)).stream()
			.filter((record) -> key.equals(record.key()))
			.toList();
	}

	private List<RegionStats> regions() {
		return this.client.get().uri("/api/sensors/regions").exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<List<RegionStats>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec post(String body) {
		return this.client.post().uri("/api/sensors/readings").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange();
	}

	private static String reading(String deviceId, Instant at, double temperature) {
		return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":\"" + at + "\",\"temperature\":" + temperature
				+ ",\"humidity\":40}";
	}

}
