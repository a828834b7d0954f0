package io.github.eventsuite.analytics.sensors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class SensorPipelineTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final SensorProperties properties = new SensorProperties(500, Duration.ofMinutes(1), List.of(),
			new SensorProperties.DeviceRateLimit(5, 20),
			new SensorProperties.Regions(Map.of("sensor-1", "north"), "unassigned"), new SensorProperties.Alerts(35),
			new SensorProperties.Windows(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), 20_000),
			new SensorProperties.Simulator(false, 6, 5, 0));

	private final ReadingsControllerTests.RecordingPublisher kafka = new ReadingsControllerTests.RecordingPublisher();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LiveRegionWindows windows = new LiveRegionWindows(this.properties, this.kafka, this.meters);

	private final SensorPipeline pipeline = new SensorPipeline(this.properties, Clock.fixed(NOW, ZoneOffset.UTC),
			this.kafka, this.windows);

	@AfterEach
	void stop() {
		this.windows.destroy();
	}

	@Test
	void rejectsReadingsOutOfRangeWithTheReason() {
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-1", NOW, 50.1, 40.0, "c"), NOW))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidEventException.class)
				.hasMessage("invalid reading: temperatureCelsius must be between 0 and 50 °C, was 50.1"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-1", NOW, 20.0, -0.5, "c"), NOW))
			.expectErrorMessage("invalid reading: humidityPercent must be between 0 and 100 %, was -0.5")
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(61), 20.0, 40.0, "c"), NOW))
			.expectErrorMessage("invalid reading: takenAt must not be more than 60 s in the future, was 2026-11-25T10:01:01Z")
			.verify(Duration.ofSeconds(5));
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void acceptsTheEdgesOfTheRangesWithoutAnAlert() {
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-1", NOW, 0.0, 100.0, "c"), NOW))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(1), 35.0, 0.0, "c"), NOW))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.kafka.published).isEmpty();
	}

	@Test
	void raisesAnAlertAboveTheThresholdWithRegionAndHeatIndex() {
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-1", NOW, 35.5, 50.0, "c"), NOW))
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(this.kafka.published).singleElement().isInstanceOfSatisfying(SensorAlertRaised.class, (alert) -> {
			assertThat(alert.deviceId()).isEqualTo("sensor-1");
			assertThat(alert.region()).isEqualTo("north");
			assertThat(alert.heatIndexCelsius()).isEqualTo(Math.round(HeatIndex.celsius(35.5, 50.0) * 100) / 100.0);
			assertThat(alert.thresholdCelsius()).isEqualTo(35.0);
			assertThat(alert.reason()).isEqualTo("high temperature: 35.5 °C is above 35.0 °C");
		});
		assertThat(this.kafka.keys).containsExactly("sensor-1");
	}

	/**
	 * A backlog read an hour after it was published: a reading up to the allowed skew ahead of
	 * its publication counts but does not make the honest ones after it late, and one beyond
	 * the skew is rejected, although the clock is long past both.
	 */
	@Test
	void judgesABacklogByWhenItWasPublishedNotByWhenItIsRead() {
		SensorPipeline anHourLater = new SensorPipeline(this.properties, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC),
				this.kafka, this.windows);

		StepVerifier.create(anHourLater.process(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(59), 20.0, 40.0, "c"), NOW)
			.then(anHourLater.process(SensorReadingTaken.of("sensor-1", NOW.minusSeconds(1), 21.0, 40.0, "c"), NOW)))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(anHourLater.process(SensorReadingTaken.of("sensor-1", NOW.plusSeconds(61), 20.0, 40.0, "c"), NOW))
			.expectErrorMessage("invalid reading: takenAt must not be more than 60 s in the future, was 2026-11-25T10:01:01Z")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsALateReadingAsLateAndCountsIt() {
		StepVerifier.create(this.pipeline.process(SensorReadingTaken.of("sensor-9", NOW.minusSeconds(30), 20.0, 40.0, "c"), NOW)
			.then(this.pipeline.process(SensorReadingTaken.of("sensor-9", NOW.minusSeconds(10), 20.0, 40.0, "c"), NOW))
			.then(this.pipeline.process(SensorReadingTaken.of("sensor-9", NOW.minusSeconds(29), 20.0, 40.0, "c"), NOW)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidEventException.class)
				.hasMessageStartingWith("late: reading of 2026-11-25T09:59:31Z for region 'unassigned'"))
			.verify(Duration.ofSeconds(5));

		assertThat(this.meters.get("sensors.readings.late").tag("region", "unassigned").counter().count()).isEqualTo(1);
	}

	@Test
	void failsAReadingBeyondItsWindowsBoundAsWindowFullAndCountsIt() {
		SensorProperties oneAWindow = new SensorProperties(500, Duration.ofMinutes(1), List.of(),
				this.properties.deviceRateLimit(), this.properties.regions(), this.properties.alerts(),
				new SensorProperties.Windows(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), 1),
				this.properties.simulator());
		LiveRegionWindows full = new LiveRegionWindows(oneAWindow, this.kafka, this.meters);
		SensorPipeline pipeline = new SensorPipeline(oneAWindow, Clock.fixed(NOW, ZoneOffset.UTC), this.kafka, full);
		try {
			StepVerifier.create(pipeline.process(SensorReadingTaken.of("sensor-1", NOW.minusSeconds(4), 20.0, 40.0, "c"), NOW)
				.then(pipeline.process(SensorReadingTaken.of("sensor-1", NOW.minusSeconds(4), 20.0, 40.0, "c"), NOW))
				.then(pipeline.process(SensorReadingTaken.of("sensor-1", NOW.minusSeconds(3), 21.0, 40.0, "c"), NOW)))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidEventException.class)
					.hasMessageStartingWith("window full: window 2026-11-25T09:59:55Z of region 'north' holds 1 readings"))
				.verify(Duration.ofSeconds(5));
			assertThat(this.meters.get("sensors.readings.window-full").tag("region", "north").counter().count()).isEqualTo(1);
		}
		finally {
			full.destroy();
		}
	}

}
