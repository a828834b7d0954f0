package io.github.eventsuite.sensor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.EventDeserializer;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

/**
 * The sensor pipeline's topology in Kafka Streams' {@link TopologyTestDriver}: the real
 * processor and stores, no broker, and wall-clock time that moves only when a test moves it.
 */
final class PipelineDriver implements AutoCloseable {

	private static final EventDeserializer EVENTS = new EventDeserializer();

	private final TopologyTestDriver driver;

	private final TestInputTopic<String, byte[]> readings;

	private final TestOutputTopic<String, byte[]> alerts;

	private final TestOutputTopic<String, byte[]> regionStats;

	private final TestOutputTopic<String, byte[]> deadLetters;

	PipelineDriver(SensorProperties properties, Clock clock, MeterRegistry meters) {
		StreamsBuilder builder = new StreamsBuilder();
		SensorStreams.topology(builder, properties, clock, meters);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "sensor-pipeline-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		this.driver = new TopologyTestDriver(builder.build(), config, Instant.EPOCH);
		this.readings = this.driver.createInputTopic(Topics.SENSOR_READINGS, new StringSerializer(),
				new ByteArraySerializer());
		this.alerts = output(Topics.SENSOR_ALERTS);
		this.regionStats = output(Topics.SENSOR_REGION_STATS);
		this.deadLetters = output(Topics.deadLetterTopicOf(Topics.SENSOR_READINGS));
	}

	private TestOutputTopic<String, byte[]> output(String topic) {
		return this.driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
	}

	/** Published at {@code publishedAt}, keyed as {@code ReadingPublisher} keys it. */
	void send(String key, SensorReadingTaken reading, Instant publishedAt) {
		sendRaw(key, new EventSerializer().serialize(Topics.SENSOR_READINGS, reading), publishedAt);
	}

	void sendRaw(String key, byte[] value, Instant publishedAt) {
		this.readings.pipeInput(key, value, publishedAt);
	}

	void advanceWallClock(Duration duration) {
		this.driver.advanceWallClockTime(duration);
	}

	/** The windows closed since the last call. */
	List<RegionStats> closedWindows() {
		return this.regionStats.readValuesToList().stream()
			.map((value) -> RegionStats.of((RegionWindowClosed) EVENTS.deserialize(Topics.SENSOR_REGION_STATS, value)))
			.toList();
	}

	/** The alerts raised since the last call. */
	List<TestRecord<String, SensorAlertRaised>> alerts() {
		return this.alerts.readRecordsToList().stream()
			.map((record) -> new TestRecord<>(record.key(),
					(SensorAlertRaised) EVENTS.deserialize(Topics.SENSOR_ALERTS, record.value())))
			.toList();
	}

	/** The readings dead-lettered since the last call. */
	List<TestRecord<String, byte[]>> deadLetters() {
		return this.deadLetters.readRecordsToList();
	}

	@Override
	public void close() {
		this.driver.close();
	}

}
