package io.github.eventsuite.sensor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SensorSimulatorTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void takesTurnsOverTheDevicesWithPlausibleValues() {
		var readings = new SensorSimulator.SimulatedReadings(new SensorProperties.Simulator(true, 3, 5, 0), CLOCK,
				new Random(42));

		var generated = LongStream.range(0, 300).mapToObj(readings::next).toList();

		assertThat(generated.subList(0, 4)).extracting(SensorReadingTaken::deviceId)
			.containsExactly("sensor-1", "sensor-2", "sensor-3", "sensor-1");
		assertThat(generated).allSatisfy((reading) -> {
			assertThat(ReadingRules.temperature(reading.temperatureCelsius())).isEmpty();
			assertThat(ReadingRules.humidity(reading.humidityPercent())).isEmpty();
			assertThat(reading.takenAt()).isEqualTo(CLOCK.instant());
		});
	}

	@Test
	void makesTheConfiguredShareOutOfRange() {
		var readings = new SensorSimulator.SimulatedReadings(new SensorProperties.Simulator(true, 3, 5, 1), CLOCK,
				new Random(42));

		assertThat(LongStream.range(0, 50).mapToObj(readings::next))
			.allSatisfy((reading) -> assertThat(ReadingRules.temperature(reading.temperatureCelsius())).isPresent());
	}

	@Test
	void publishesKeyedByRegionWhileRunningAndStopsWithTheApplication() {
		ReadingsControllerTests.RecordingPublisher kafka = new ReadingsControllerTests.RecordingPublisher();
		SensorProperties properties = properties(new SensorProperties.Simulator(true, 2, 200, 0));
		SensorSimulator simulator = new SensorSimulator(properties, new ReadingPublisher(properties, kafka),
				Clock.systemUTC());

		simulator.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> kafka.published.size() >= 20);
		simulator.stop();

		assertThat(simulator.isRunning()).isFalse();
		assertThat(kafka.published).first().isInstanceOfSatisfying(SensorReadingTaken.class,
				(reading) -> assertThat(reading.deviceId()).isEqualTo("sensor-1"));
		assertThat(kafka.keys).first().isEqualTo("north");
	}

	@Test
	void doesNothingUnlessEnabled() {
		ReadingsControllerTests.RecordingPublisher kafka = new ReadingsControllerTests.RecordingPublisher();
		SensorProperties properties = properties(new SensorProperties.Simulator(false, 2, 200, 0));
		SensorSimulator simulator = new SensorSimulator(properties, new ReadingPublisher(properties, kafka),
				Clock.systemUTC());

		simulator.start();

		assertThat(simulator.isRunning()).isFalse();
	}

	private static SensorProperties properties(SensorProperties.Simulator simulator) {
		SensorProperties defaults = SensorStatsControllerTests.properties();
		return new SensorProperties(defaults.maxBatchSize(), defaults.maxClockSkew(), defaults.deviceKeys(),
				defaults.deviceRateLimit(),
				new SensorProperties.Regions(Map.of("sensor-1", "north"), "unassigned"),
				defaults.alerts(), defaults.windows(), simulator);
	}

}
