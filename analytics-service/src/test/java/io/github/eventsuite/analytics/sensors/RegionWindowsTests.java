package io.github.eventsuite.analytics.sensors;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

class RegionWindowsTests {

	/** A window boundary: windows are aligned to the epoch. */
	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	/** Virtual time: a test that waits for real is stuck. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final SensorProperties.Windows SETTINGS = new SensorProperties.Windows(Duration.ofSeconds(5),
			Duration.ofSeconds(2), Duration.ofSeconds(10), 20_000);

	/** Published after all of the readings were taken: only the fast-clock test publishes them sooner. */
	private static final Instant LATER = T0.plus(Duration.ofDays(1));

	private static final SensorProperties.Regions REGIONS = new SensorProperties.Regions(
			Map.of("n-1", "north", "n-2", "north", "s-1", "south"), "unassigned");

	@Test
	void closesAWindowWhenTheWatermarkPassesItsEndWithExactStats() {
		TestPublisher<EnrichedReading> readings = TestPublisher.create();

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), SETTINGS).filter(RegionWindowsTests::notAccepted))
			.then(() -> readings.next(reading("n-1", 0_500, 20.0), reading("n-2", 1_500, 24.0), reading("n-1", 4_999, 31.5)))
			.then(() -> readings.next(reading("n-1", 6_999, 22.0)))
			.expectNoEvent(Duration.ofSeconds(1))
			.then(() -> readings.next(reading("n-2", 7_000, 23.0)))
			.expectNext(closed("north", 0, 3, 25.17, 31.5, 0))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.expectNext(closed("north", 5_000, 2, 22.5, 23.0, 0))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void includesOutOfOrderReadingsWithinTheAllowedLateness() {
		TestPublisher<EnrichedReading> readings = TestPublisher.create();

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), SETTINGS).filter(RegionWindowsTests::notAccepted))
			.then(() -> readings.next(reading("n-1", 6_000, 30.0), reading("n-1", 1_000, 10.0)))
			.then(() -> readings.next(reading("n-2", 6_500, 40.0), reading("n-2", 4_000, 20.0)))
			.then(() -> readings.next(reading("n-1", 7_000, 35.0)))
			.expectNext(closed("north", 0, 2, 15.0, 20.0, 0))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.expectNext(closed("north", 5_000, 3, 35.0, 40.0, 0))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void excludesTooLateReadingsAndCountsThemInTheNextWindow() {
		TestPublisher<EnrichedReading> readings = TestPublisher.create();
		EnrichedReading tooLate = reading("n-1", 4_000, 49.0);

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), SETTINGS).filter(RegionWindowsTests::notAccepted))
			.then(() -> readings.next(reading("n-1", 1_000, 20.0), reading("n-1", 7_000, 30.0)))
			.expectNext(closed("north", 0, 1, 20.0, 20.0, 0))
			.then(() -> readings.next(tooLate))
			.assertNext((signal) -> assertThat(signal).isEqualTo(new WindowSignal.Late(tooLate, T0, T0.plusSeconds(5))))
			.then(() -> readings.next(reading("n-2", 12_000, 32.0)))
			.expectNext(closed("north", 5_000, 1, 30.0, 30.0, 1))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.expectNext(closed("north", 10_000, 1, 32.0, 32.0, 0))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void closesAQuietRegionAfterTheIdleTimeoutAndTreatsItsWindowAsClosedAfterwards() {
		TestPublisher<EnrichedReading> readings = TestPublisher.create();

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), SETTINGS).filter(RegionWindowsTests::notAccepted))
			.then(() -> readings.next(reading("s-1", 1_000, 18.0), reading("s-1", 2_000, 19.0)))
			.then(() -> readings.next(reading("s-1", 3_000, 23.0)))
			.expectNoEvent(SETTINGS.idleTimeout().minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(closed("south", 0, 3, 20.0, 23.0, 0))
			.then(() -> readings.next(reading("s-1", 4_000, 21.0)))
			.assertNext((signal) -> assertThat(signal).isInstanceOf(WindowSignal.Late.class))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void keepsRegionsApartAndCountsARepeatedReadingOnce() {
		TestPublisher<EnrichedReading> readings = TestPublisher.create();

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), SETTINGS).filter(RegionWindowsTests::notAccepted))
			.then(() -> readings.next(reading("n-1", 1_000, 20.0), reading("s-1", 1_000, 30.0), reading("n-1", 1_000, 20.0),
					reading("x-9", 2_000, 10.0)))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.recordWith(java.util.ArrayList::new)
			.expectNextCount(3)
			.consumeRecordedWith((signals) -> assertThat(signals).containsExactlyInAnyOrder(
					closed("north", 0, 1, 20.0, 20.0, 0), closed("south", 0, 1, 30.0, 30.0, 0),
					closed("unassigned", 0, 1, 10.0, 10.0, 0)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void turnsAwayAReadingBeyondTheWindowsBoundButAcceptsARepeatOfOneItHolds() {
		SensorProperties.Windows twoAtMost = new SensorProperties.Windows(SETTINGS.size(), SETTINGS.allowedLateness(),
				SETTINGS.idleTimeout(), 2);
		TestPublisher<EnrichedReading> readings = TestPublisher.create();
		EnrichedReading third = reading("n-1", 3_000, 40.0);

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), twoAtMost).filter(RegionWindowsTests::notAccepted))
			.then(() -> readings.next(reading("n-1", 1_000, 20.0), reading("n-2", 2_000, 30.0), third))
			.assertNext((signal) -> assertThat(signal).isEqualTo(new WindowSignal.Full(third, T0, 2)))
			.then(() -> readings.next(reading("n-1", 1_000, 20.0), reading("n-1", 6_000, 25.0)))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.expectNext(closed("north", 0, 2, 25.0, 30.0, 0))
			.expectNext(closed("north", 5_000, 1, 25.0, 25.0, 0))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(new WindowSignal.Full(third, T0, 2).reason())
			.isEqualTo("window full: window 2026-11-25T10:00:00Z of region 'north' holds 2 readings already "
					+ "(sensors.windows.max-readings)");
	}

	/** Whenever they are read: as they come, or as a backlog an hour later. */
	@Test
	void doesNotLetAReadingFromAheadOfItsPublicationMakeHonestReadingsLate() {
		TestPublisher<EnrichedReading> readings = TestPublisher.create();
		Instant publishedAt = T0.plusMillis(3_000);
		EnrichedReading fast = reading("n-1", 59_000, 25.0, publishedAt);

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(readings.flux(), SETTINGS))
			.then(() -> readings.next(reading("n-2", 1_000, 20.0, publishedAt), fast, reading("n-2", 2_500, 22.0, publishedAt)))
			.expectNext(new WindowSignal.Accepted(reading("n-2", 1_000, 20.0, publishedAt)))
			.expectNext(new WindowSignal.Accepted(fast))
			.expectNext(new WindowSignal.Accepted(reading("n-2", 2_500, 22.0, publishedAt)))
			.then(readings::complete)
			.thenAwait(SETTINGS.idleTimeout())
			.recordWith(java.util.ArrayList::new)
			.expectNextCount(2)
			.consumeRecordedWith((signals) -> assertThat(signals).containsExactly(closed("north", 0, 2, 21.0, 22.0, 0),
					closed("north", 55_000, 1, 25.0, 25.0, 0)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void acceptsEveryReadingOfAnOpenWindow() {
		EnrichedReading reading = reading("n-1", 1_000, 20.0);

		StepVerifier.withVirtualTime(() -> RegionWindows.windows(reactor.core.publisher.Flux.just(reading), SETTINGS))
			.expectNext(new WindowSignal.Accepted(reading))
			.thenAwait(SETTINGS.idleTimeout())
			.expectNext(closed("north", 0, 1, 20.0, 20.0, 0))
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static boolean notAccepted(WindowSignal signal) {
		return !(signal instanceof WindowSignal.Accepted);
	}

	static EnrichedReading reading(String deviceId, long millisAfterT0, double temperature) {
		return reading(deviceId, millisAfterT0, temperature, LATER);
	}

	static EnrichedReading reading(String deviceId, long millisAfterT0, double temperature, Instant publishedAt) {
		SensorReadingTaken reading = SensorReadingTaken.of(deviceId, T0.plusMillis(millisAfterT0), temperature, 50.0, "test");
		return new EnrichedReading(reading, REGIONS.regionOf(deviceId), HeatIndex.celsius(temperature, 50.0), publishedAt);
	}

	private static WindowSignal closed(String region, long startAfterT0, long count, double average, double max,
			long late) {
		Instant start = T0.plusMillis(startAfterT0);
		return new WindowSignal.Closed(new RegionStats(region, start, start.plusSeconds(5), count, average, max, late));
	}

}
