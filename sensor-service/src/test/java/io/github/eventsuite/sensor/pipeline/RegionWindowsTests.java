package io.github.eventsuite.sensor.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The windows' rules, through the real topology ({@link PipelineDriver}). */
class RegionWindowsTests {

	/** A window boundary: windows are aligned to the epoch. */
	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	/** Published after all of the readings were taken: only the fast-clock test publishes them sooner. */
	private static final Instant LATER = T0.plus(Duration.ofDays(1));

	private static final SensorProperties.Windows SETTINGS = new SensorProperties.Windows(Duration.ofSeconds(5),
			Duration.ofSeconds(2), Duration.ofSeconds(10), 20_000);

	private static final SensorProperties.Regions REGIONS = new SensorProperties.Regions(
			Map.of("n-1", "north", "n-2", "north", "s-1", "south"), "unassigned");

	private PipelineDriver driver = driver(SETTINGS);

	@AfterEach
	void close() {
		this.driver.close();
	}

	@Test
	void closesAWindowWhenTheWatermarkPassesItsEndWithExactStats() {
		send("n-1", 0_500, 20.0);
		send("n-2", 1_500, 24.0);
		send("n-1", 4_999, 31.5);
		send("n-1", 6_999, 22.0);
		assertThat(this.driver.closedWindows()).isEmpty();

		send("n-2", 7_000, 23.0);
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 0, 3, 25.17, 31.5, 0));

		this.driver.advanceWallClock(SETTINGS.idleTimeout());
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 5_000, 2, 22.5, 23.0, 0));
		assertThat(this.driver.deadLetters()).isEmpty();
	}

	@Test
	void includesOutOfOrderReadingsWithinTheAllowedLateness() {
		send("n-1", 6_000, 30.0);
		send("n-1", 1_000, 10.0);
		send("n-2", 6_500, 40.0);
		send("n-2", 4_000, 20.0);
		send("n-1", 7_000, 35.0);
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 0, 2, 15.0, 20.0, 0));

		this.driver.advanceWallClock(SETTINGS.idleTimeout());
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 5_000, 3, 35.0, 40.0, 0));
	}

	@Test
	void excludesTooLateReadingsAndCountsThemInTheNextWindow() {
		send("n-1", 1_000, 20.0);
		send("n-1", 7_000, 30.0);
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 0, 1, 20.0, 20.0, 0));

		send("n-1", 4_000, 49.0);
		assertThat(this.driver.deadLetters()).singleElement()
			.satisfies((record) -> assertThat(reason(record.headers().lastHeader(DeadLetterReason.HEADER).value()))
				.isEqualTo("late: reading of 2026-11-25T10:00:04Z for region 'north' belongs to window "
						+ "2026-11-25T10:00:00Z, which closed (windows up to 2026-11-25T10:00:05Z are closed)"));
		send("n-2", 12_000, 32.0);
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 5_000, 1, 30.0, 30.0, 1));

		this.driver.advanceWallClock(SETTINGS.idleTimeout());
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 10_000, 1, 32.0, 32.0, 0));
	}

	@Test
	void closesAQuietRegionAfterTheIdleTimeoutAndTreatsItsWindowAsClosedAfterwards() {
		send("s-1", 1_000, 18.0);
		send("s-1", 2_000, 19.0);
		send("s-1", 3_000, 23.0);

		this.driver.advanceWallClock(SETTINGS.idleTimeout().minus(SensorPipeline.IDLE_CHECK));
		assertThat(this.driver.closedWindows()).isEmpty();
		this.driver.advanceWallClock(SensorPipeline.IDLE_CHECK);
		assertThat(this.driver.closedWindows()).containsExactly(closed("south", 0, 3, 20.0, 23.0, 0));

		send("s-1", 4_000, 21.0);
		assertThat(this.driver.deadLetters()).singleElement()
			.satisfies((record) -> assertThat(reason(record.headers().lastHeader(DeadLetterReason.HEADER).value()))
				.startsWith("late: "));
	}

	@Test
	void keepsRegionsApartAndCountsARepeatedReadingOnce() {
		SensorReadingTaken repeated = reading("n-1", 1_000, 20.0);
		this.driver.send("north", repeated, LATER);
		send("s-1", 1_000, 30.0);
		this.driver.send("north", repeated, LATER);
		send("x-9", 2_000, 10.0);

		this.driver.advanceWallClock(SETTINGS.idleTimeout());
		assertThat(this.driver.closedWindows()).containsExactlyInAnyOrder(closed("north", 0, 1, 20.0, 20.0, 0),
				closed("south", 0, 1, 30.0, 30.0, 0), closed("unassigned", 0, 1, 10.0, 10.0, 0));
	}

	@Test
	void turnsAwayAReadingBeyondTheWindowsBoundButAcceptsARepeatOfOneItHolds() {
		this.driver.close();
		this.driver = driver(new SensorProperties.Windows(SETTINGS.size(), SETTINGS.allowedLateness(),
				SETTINGS.idleTimeout(), 2));
		SensorReadingTaken first = reading("n-1", 1_000, 20.0);
		this.driver.send("north", first, LATER);
		send("n-2", 2_000, 30.0);
		send("n-1", 3_000, 40.0);
		assertThat(this.driver.deadLetters()).singleElement()
			.satisfies((record) -> assertThat(reason(record.headers().lastHeader(DeadLetterReason.HEADER).value()))
				.isEqualTo("window full: window 2026-11-25T10:00:00Z of region 'north' holds 2 readings already "
						+ "(sensors.windows.max-readings)"));

		this.driver.send("north", first, LATER);
		send("n-1", 6_000, 25.0);
		this.driver.advanceWallClock(SETTINGS.idleTimeout());
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 0, 2, 25.0, 30.0, 0),
				closed("north", 5_000, 1, 25.0, 25.0, 0));
		assertThat(this.driver.deadLetters()).isEmpty();
	}

	/** Whenever they are read: as they come, or as a backlog an hour later. */
	@Test
	void doesNotLetAReadingFromAheadOfItsPublicationMakeHonestReadingsLate() {
		Instant publishedAt = T0.plusMillis(3_000);
		send("n-2", 1_000, 20.0, publishedAt);
		send("n-1", 59_000, 25.0, publishedAt);
		send("n-2", 2_500, 22.0, publishedAt);
		assertThat(this.driver.deadLetters()).isEmpty();

		this.driver.advanceWallClock(SETTINGS.idleTimeout());
		assertThat(this.driver.closedWindows()).containsExactly(closed("north", 0, 2, 21.0, 22.0, 0),
				closed("north", 55_000, 1, 25.0, 25.0, 0));
	}

	@Test
	void refusesRegionNamesThatWouldBreakTheStoreKeys() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SensorProperties.Regions(Map.of("n-1", "north" + WindowStores.SEPARATOR + "x"), "none"))
			.withMessage("sensors.regions: region names must not be blank or hold control characters");
		assertThatIllegalArgumentException().isThrownBy(() -> new SensorProperties.Regions(Map.of(), " "));
	}

	private static PipelineDriver driver(SensorProperties.Windows windows) {
		SensorProperties properties = new SensorProperties(500, Duration.ofMinutes(1), List.of(),
				new SensorProperties.DeviceRateLimit(5, 20), REGIONS, new SensorProperties.Alerts(35), windows,
				new SensorProperties.Simulator(false, 6, 5, 0));
		return new PipelineDriver(properties, Clock.fixed(LATER, ZoneOffset.UTC), new SimpleMeterRegistry());
	}

	private void send(String deviceId, long millisAfterT0, double temperature) {
		send(deviceId, millisAfterT0, temperature, LATER);
	}

	private void send(String deviceId, long millisAfterT0, double temperature, Instant publishedAt) {
		this.driver.send(REGIONS.regionOf(deviceId), reading(deviceId, millisAfterT0, temperature), publishedAt);
	}

	private static SensorReadingTaken reading(String deviceId, long millisAfterT0, double temperature) {
		return SensorReadingTaken.of(deviceId, T0.plusMillis(millisAfterT0), temperature, 50.0, "test");
	}

	static String reason(byte[] header) {
		return new String(header, StandardCharsets.UTF_8);
	}

	private static RegionStats closed(String region, long startAfterT0, long count, double average, double max,
			long late) {
		Instant start = T0.plusMillis(startAfterT0);
		return new RegionStats(region, start, start.plusSeconds(5), count, average, max, late);
	}

}
