package io.github.eventsuite.sensor.pipeline;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.sensor.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A window open when the sensor pipeline stops is completed after it starts again, with the
 * readings from before the stop in it: its state comes back from the changelog topics. The
 * context it shares with other tests (the device {@code restart-1} has the region
 * {@code restart} in every test context), with the default idle timeout of 10 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class SensorWindowsRestartIntegrationTests {

	private static final String PIPELINE_GROUP = "sensor-pipeline";

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private StreamsBuilderFactoryBean pipeline;

	@Test
	void completesAWindowOpenAtAStopWithTheReadingsFromBeforeTheStop() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		Instant t = Instant.ofEpochSecond((Instant.now().getEpochSecond() - 60) / 5 * 5);

		send(topics, t.plusMillis(500), 20.0);
		RecordMetadata beforeTheStop = send(topics, t.plusMillis(1000), 22.0);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> topics.processed(PIPELINE_GROUP, beforeTheStop));
		this.pipeline.stop();
		this.pipeline.start();

		send(topics, t.plusMillis(2000), 30.0);
		send(topics, t.plusMillis(8000), 25.0);

		RegionStats window = new RegionStats("restart", t, t.plusSeconds(5), 3, 24.0, 30.0, 0);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				topics.events(Topics.SENSOR_REGION_STATS, RegionWindowClosed.class))
			.filteredOn((closed) -> closed.region().equals("restart") && closed.windowStart().equals(t))
			.singleElement()
			.satisfies((closed) -> assertThat(RegionStats.of(closed)).isEqualTo(window)));
	}

	/** Keyed by its region, as {@code ReadingPublisher} keys it. */
	private static RecordMetadata send(KafkaTopics topics, Instant takenAt, double temperature) {
		return topics.publish(SensorReadingTaken.of("restart-1", takenAt, temperature, 40.0, "restart-test"), "restart");
	}

}
