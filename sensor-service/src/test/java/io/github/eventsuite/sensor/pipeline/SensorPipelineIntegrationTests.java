package io.github.eventsuite.sensor.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.SecondInstance;
import io.github.eventsuite.sensor.SensorServiceApplication;
import io.github.eventsuite.sensor.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		SensorPipelineIntegrationTests.IDLE_TIMEOUT, "sensors.regions.devices.lab-1=lab", "sensors.regions.devices.lab-2=lab",
		"sensors.regions.devices.hot-1=greenhouse", SensorPipelineIntegrationTests.SPLIT_1,
		SensorPipelineIntegrationTests.SPLIT_2, SensorPipelineIntegrationTests.SPLIT_3 })
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class SensorPipelineIntegrationTests {

	static final String IDLE_TIMEOUT = "sensors.windows.idle-timeout=3s";

	/**
	 * Three devices of one region whose ids, as keys, land on three different partitions:
	 * keyed by device, the region's readings would reach both instances of a group of two.
	 */
	static final String SPLIT_1 = "sensors.regions.devices.split-1=split";

	static final String SPLIT_2 = "sensors.regions.devices.split-2=split";

	static final String SPLIT_3 = "sensors.regions.devices.split-3=split";

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient client;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private StreamsBuilderFactoryBean pipeline;

	@Autowired
	private KafkaAdmin kafkaAdmin;

	private KafkaTopics topics;

	@BeforeEach
	void connect() {
		this.topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
	}

	/**
	 * Compaction never cleans the segment being written: the changelogs roll one every 10
	 * minutes, not every 1 GB or 7 days, and keep a delete an hour, not a day, so that they stay
	 * small (application.yml).
	 */
	@Test
	void logsTheWindowsToChangelogsThatCompactionCanKeepSmall() {
		// Kafka Streams creates its changelogs in its first rebalance, after the context has started.
		await().atMost(WAIT).until(() -> !readingPartitions(this.pipeline).isEmpty());

		assertThat(WindowStores.NAMES).allSatisfy((store) -> assertThat(
				this.topics.settings("sensor-pipeline-" + store + "-changelog"))
			.containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.containsEntry(TopicConfig.SEGMENT_MS_CONFIG, "600000")
			.containsEntry(TopicConfig.DELETE_RETENTION_MS_CONFIG, "3600000"));
	}

	@Test
	void foldsPostedReadingsIntoExactRegionStatsAndDeadLettersALateOne() {
		Instant t = Instant.ofEpochSecond((Instant.now().getEpochSecond() - 60) / 5 * 5);

		post("lab-1", "[" + reading("lab-1", t.plusMillis(500), 20.0) + "," + reading("lab-1", t.plusSeconds(3), 31.0)
				+ "]")
			.expectStatus().isAccepted();
		post("lab-2", reading("lab-2", t.plusMillis(1500), 24.0)).expectStatus().isAccepted();

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

		post("lab-2", reading("lab-2", t.plusSeconds(2), 45.0)).expectStatus().isAccepted();
		// Keyed by its region, as it came: a re-drive sends it back to the region's partition.
		await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters("lab"))
			.singleElement()
			.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
				.startsWith("late: reading of " + t.plusSeconds(2) + " for region 'lab' belongs to window " + t)));

		post("lab-1", reading("lab-1", t.plusSeconds(6), 22.0)).expectStatus().isAccepted();
		RegionStats second = new RegionStats("lab", t.plusSeconds(5), t.plusSeconds(10), 1, 22.0, 22.0, 1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(regions()).contains(second).doesNotContain(first));
	}

	@Test
	void raisesAnAlertForAHotReading() {
		Instant now = Instant.now().minusSeconds(1);

		post("hot-1", reading("hot-1", now, 41.5)).expectStatus().isAccepted();

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
		await().atMost(WAIT).untilAsserted(() -> this.client.get().uri("/api/sensors/alerts").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[0].deviceId").isEqualTo("hot-1")
			.jsonPath("$[0].region").isEqualTo("greenhouse")
			.jsonPath("$[0].temperature").isEqualTo(41.5));
	}

	@Test
	void withTwoInstancesInTheGroupOneClosesARegionsWindowWithAllItsReadingsAndBothServeIt() {
		int partitions = this.kafkaAdmin.describeTopics(Topics.SENSOR_READINGS).get(Topics.SENSOR_READINGS).partitions().size();
		assertThat(Stream.of("split-1", "split-2", "split-3").map((device) -> partitionOf(device, partitions)))
			.as("the premise: keyed by device, the region's readings would be on every partition")
			.containsExactlyInAnyOrder(0, 1, 2);
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());

		try (SecondInstance second = SecondInstance.start(SensorServiceApplication.class, bootstrap, IDLE_TIMEOUT, SPLIT_1, SPLIT_2, SPLIT_3)) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Set<TopicPartition> mine = readingPartitions(this.pipeline);
				Set<TopicPartition> theirs = readingPartitions(second.bean(StreamsBuilderFactoryBean.class));
				assertThat(mine).isNotEmpty();
				assertThat(theirs).isNotEmpty().doesNotContainAnyElementsOf(mine);
				assertThat(mine.size() + theirs.size()).isEqualTo(partitions);
			});
			Instant t = Instant.ofEpochSecond((Instant.now().getEpochSecond() - 60) / 5 * 5);

			post("split-1", "[" + reading("split-1", t.plusMillis(500), 20.0) + ","
					+ reading("split-1", t.plusMillis(2000), 22.0) + "]").expectStatus().isAccepted();
			post("split-2", "[" + reading("split-2", t.plusMillis(1000), 24.0) + ","
					+ reading("split-2", t.plusMillis(2500), 41.0) + "]").expectStatus().isAccepted();
			post("split-3", "[" + reading("split-3", t.plusMillis(1500), 28.0) + ","
					+ reading("split-3", t.plusMillis(3000), 27.0) + "]").expectStatus().isAccepted();

			RegionStats window = new RegionStats("split", t, t.plusSeconds(5), 6, 27.0, 41.0, 0);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(regions(this.client)).contains(window);
				assertThat(regions(second.client())).contains(window);
			});
			assertThat(this.topics.events(Topics.SENSOR_REGION_STATS, RegionWindowClosed.class))
				.filteredOn((closed) -> closed.region().equals("split"))
				.singleElement()
				.satisfies((closed) -> assertThat(RegionStats.of(closed)).isEqualTo(window));
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(alertedTemperatures(this.client, "split-2")).containsExactly(41.0);
				assertThat(alertedTemperatures(second.client(), "split-2")).containsExactly(41.0);
			});
		}
	}

	/** The partition Kafka's producer picks for a record key. */
	private static int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	/** The partitions of {@code sensor.readings} whose windows the instance's sensor pipeline keeps. */
	private static Set<TopicPartition> readingPartitions(StreamsBuilderFactoryBean pipeline) {
		KafkaStreams streams = pipeline.getKafkaStreams();
		if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
			return Set.of();
		}
		return streams.metadataForLocalThreads().stream()
			.flatMap((thread) -> thread.activeTasks().stream())
			.flatMap((task) -> task.topicPartitions().stream())
			.filter((partition) -> partition.topic().equals(Topics.SENSOR_READINGS))
			.collect(Collectors.toSet());
	}

	private static List<Double> alertedTemperatures(WebTestClient client, String deviceId) {
		return client.get().uri("/api/sensors/alerts").exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<List<SensorStatsController.Alert>>() {
			})
			.returnResult()
			.getResponseBody()
			.stream()
			.filter((alert) -> alert.deviceId().equals(deviceId))
			.map(SensorStatsController.Alert::temperature)
			.toList();
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
		return regions(this.client);
	}

	private static List<RegionStats> regions(WebTestClient client) {
		return client.get().uri("/api/sensors/regions").exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<List<RegionStats>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec post(String device, String body) {
		return this.client.post().uri("/api/sensors/readings").headers(TestDevices.signedInAs(device))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange();
	}

	private static String reading(String deviceId, Instant at, double temperature) {
		return "{\"deviceId\":\"" + deviceId + "\",\"timestamp\":\"" + at + "\",\"temperature\":" + temperature
				+ ",\"humidity\":40}";
	}

}
