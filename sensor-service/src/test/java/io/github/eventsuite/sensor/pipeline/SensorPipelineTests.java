package io.github.eventsuite.sensor.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

import static org.assertj.core.api.Assertions.assertThat;

class SensorPipelineTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final SensorProperties properties = properties(20_000);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private PipelineDriver driver = new PipelineDriver(this.properties, Clock.fixed(NOW, ZoneOffset.UTC), this.meters);

	@AfterEach
	void close() {
		this.driver.close();
	}

	@Test
	void deadLettersReadingsOutOfRangeWithTheReasonAndWhereTheyCameFrom() {
		send(SensorReadingTaken.of("sensor-1", NOW, 50.1, 40.0, "c"), NOW);
		send(SensorReadingTaken.of("sensor-1", NOW, 20.0, -0.5, "c"), NOW);
		send(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(61), 20.0, 40.0, "c"), NOW);

		List<TestRecord<String, byte[]>> deadLetters = this.driver.deadLetters();
		assertThat(deadLetters).extracting((record) -> text(record.headers(), DeadLetterReason.HEADER)).containsExactly(
				"invalid reading: temperatureCelsius must be between 0 and 50 °C, was 50.1",
				"invalid reading: humidityPercent must be between 0 and 100 %, was -0.5",
				"invalid reading: takenAt must not be more than 60 s in the future, was 2026-11-25T10:01:01Z");
		assertThat(deadLetters).allSatisfy((record) -> assertThat(record.key()).isEqualTo("north"));
		TestRecord<String, byte[]> last = deadLetters.get(2);
		assertThat(text(last.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.SENSOR_READINGS);
		assertThat(ByteBuffer.wrap(last.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
			.isEqualTo(2);
		assertThat(text(last.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(InvalidEventException.class.getName());
		assertThat(new String(last.value(), StandardCharsets.UTF_8)).contains("\"takenAt\":\"2026-11-25T10:01:01Z\"");
		assertThat(this.driver.alerts()).isEmpty();
	}

	@Test
	void deadLettersAnUnreadableRecordAsItCame() {
		this.driver.sendRaw("north", "{not json".getBytes(StandardCharsets.UTF_8), NOW);

		assertThat(this.driver.deadLetters()).singleElement().satisfies((record) -> {
			assertThat(text(record.headers(), DeadLetterReason.HEADER)).startsWith("sensor.readings: not a valid event");
			assertThat(record.value()).asString(StandardCharsets.UTF_8).isEqualTo("{not json");
		});
	}

	@Test
	void acceptsTheEdgesOfTheRangesWithoutAnAlert() {
		send(SensorReadingTaken.of("sensor-1", NOW, 0.0, 100.0, "c"), NOW);
		send(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(1), 35.0, 0.0, "c"), NOW);

		assertThat(this.driver.deadLetters()).isEmpty();
		assertThat(this.driver.alerts()).isEmpty();
	}

	@Test
	void raisesAnAlertAboveTheThresholdWithRegionAndHeatIndex() {
		send(SensorReadingTaken.of("sensor-1", NOW, 35.5, 50.0, "c"), NOW);

		assertThat(this.driver.alerts()).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("sensor-1");
			assertThat(record.value().deviceId()).isEqualTo("sensor-1");
			assertThat(record.value().region()).isEqualTo("north");
			assertThat(record.value().heatIndexCelsius()).isEqualTo(Math.round(HeatIndex.celsius(35.5, 50.0) * 100) / 100.0);
			assertThat(record.value().thresholdCelsius()).isEqualTo(35.0);
			assertThat(record.value().reason()).isEqualTo("high temperature: 35.5 °C is above 35.0 °C");
		});
	}

	/**
	 * A backlog read an hour after it was published: a reading up to the allowed skew ahead of
	 * its publication counts but does not make the honest ones after it late, and one beyond
	 * the skew is rejected, although the clock is long past both.
	 */
	@Test
	void judgesABacklogByWhenItWasPublishedNotByWhenItIsRead() {
		this.driver.close();
		this.driver = new PipelineDriver(this.properties, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), this.meters);

		send(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(59), 20.0, 40.0, "c"), NOW);
		send(SensorReadingTaken.of("sensor-1", NOW.minusSeconds(1), 21.0, 40.0, "c"), NOW);
		assertThat(this.driver.deadLetters()).isEmpty();

		send(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(61), 20.0, 40.0, "c"), NOW);
		assertThat(this.driver.deadLetters()).singleElement()
			.satisfies((record) -> assertThat(text(record.headers(), DeadLetterReason.HEADER)).isEqualTo(
					"invalid reading: takenAt must not be more than 60 s in the future, was 2026-11-25T10:01:01Z"));
	}

	@Test
	void deadLettersALateReadingAsLateAndCountsIt() {
		send(SensorReadingTaken.of("sensor-9", NOW.minusSeconds(30), 20.0, 40.0, "c"), NOW);
		send(SensorReadingTaken.of("sensor-9", NOW.minusSeconds(10), 20.0, 40.0, "c"), NOW);
		send(SensorReadingTaken.of("sensor-9", NOW.minusSeconds(29), 20.0, 40.0, "c"), NOW);

		assertThat(this.driver.deadLetters()).singleElement()
			.satisfies((record) -> assertThat(text(record.headers(), DeadLetterReason.HEADER))
				.startsWith("late: reading of 2026-11-25T09:59:31Z for region 'unassigned'"));
		assertThat(this.meters.get("sensors.readings.late").tag("region", "unassigned").counter().count()).isEqualTo(1);
	}

	@Test
	void deadLettersAReadingBeyondItsWindowsBoundAsWindowFullAndCountsIt() {
		this.driver.close();
		this.driver = new PipelineDriver(properties(1), Clock.fixed(NOW, ZoneOffset.UTC), this.meters);

		SensorReadingTaken first = SensorReadingTaken.of("sensor-1", NOW.minusSeconds(4), 20.0, 40.0, "c");
		send(first, NOW);
		send(first, NOW);
		send(SensorReadingTaken.of("sensor-1", NOW.minusSeconds(3), 21.0, 40.0, "c"), NOW);

		assertThat(this.driver.deadLetters()).singleElement()
			.satisfies((record) -> assertThat(text(record.headers(), DeadLetterReason.HEADER))
				.startsWith("window full: window 2026-11-25T09:59:55Z of region 'north' holds 1 readings"));
		assertThat(this.meters.get("sensors.readings.window-full").tag("region", "north").counter().count()).isEqualTo(1);
	}

	private void send(SensorReadingTaken reading, Instant publishedAt) {
		this.driver.send(this.properties.regions().regionOf(reading.deviceId()), reading, publishedAt);
	}

	private static String text(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static SensorProperties properties(int maxReadings) {
		return new SensorProperties(500, Duration.ofMinutes(1), List.of(), new SensorProperties.DeviceRateLimit(5, 20),
				new SensorProperties.Regions(Map.of("sensor-1", "north"), "unassigned"), new SensorProperties.Alerts(35),
				new SensorProperties.Windows(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10),
						maxReadings),
				new SensorProperties.Simulator(false, 6, 5, 0));
	}

}
