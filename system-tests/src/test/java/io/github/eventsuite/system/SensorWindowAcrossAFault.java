package io.github.eventsuite.system;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import io.github.eventsuite.eventbus.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sensor window open when a fault hits sensor-service: two readings in it before the
 * fault, one after it, and one that closes it. Written straight to {@code sensor.readings},
 * keyed by region as the service keys them, in a region no other test writes to.
 */
final class SensorWindowAcrossAFault {

	/** In no region of the configuration: the default region. */
	private static final String DEVICE = "fault-1";

	private static final String REGION = "unassigned";

	private static final String PIPELINE_GROUP = "sensor-pipeline";

	private final KafkaTopics topics;

	private Instant start = Instant.EPOCH;

	SensorWindowAcrossAFault(String bootstrapServers) {
		this.topics = new KafkaTopics(bootstrapServers);
	}

	/**
	 * Returns once the pipeline has committed both readings, so that they are in the window's
	 * state at the fault, not waiting in Kafka. The window is the next one: its readings are
	 * from ahead of their publication (within the allowed skew), so they cannot close it.
	 */
	void openWithTwoReadings() {
		this.start = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 5 * 5 + 5);
		send(500, 20.0);
		RecordMetadata second = send(1_000, 22.0);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.topics.processed(PIPELINE_GROUP, second));
	}

	/** One more reading in the window, then one whose watermark closes it. */
	void closeWithTwoMore() {
		send(2_000, 30.0);
		send(9_000, 25.0);
	}

	void assertClosedOnceWithAllThree() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				this.topics.events(Topics.SENSOR_REGION_STATS, RegionWindowClosed.class))
			.filteredOn((window) -> window.region().equals(REGION) && window.windowStart().equals(this.start))
			.singleElement()
			.satisfies((window) -> {
				assertThat(window.count()).isEqualTo(3);
				assertThat(window.averageTemperature()).isEqualTo(24.0);
				assertThat(window.maxTemperature()).isEqualTo(30.0);
			}));
	}

	private RecordMetadata send(long millisAfterStart, double temperature) {
		return this.topics.publish(SensorReadingTaken.of(DEVICE, this.start.plusMillis(millisAfterStart), temperature,
				40.0, "fault-test"), REGION);
	}

}
