package io.github.eventsuite.analytics.sensors;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class SensorStatsControllerTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void streamsTheRegionsAsRegionsEventsAndKeepsIdleStreamsAlive() {
		List<RegionStats> regions = List.of(new RegionStats("north", T0, T0.plusSeconds(5), 2, 21.0, 22.0, 0));
		LiveRegionWindows windows = new LiveRegionWindows(properties(), null, null) {
			@Override
			Flux<List<RegionStats>> updates() {
				return Flux.just(regions).concatWith(Flux.never());
			}
		};
		SensorStatsController controller = new SensorStatsController(windows, new RecentAlerts());

		StepVerifier.withVirtualTime(controller::regionsStream)
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("regions");
				assertThat(event.data()).isEqualTo(regions);
			})
			.expectNoEvent(SensorStatsController.KEEP_ALIVE.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("keep-alive"))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		windows.destroy();
	}

	@Test
	void answersTheLatestWindowOfEachRegionAsTheDashboardReadsIt() {
		List<RegionStats> regions = List.of(new RegionStats("north", T0, T0.plusSeconds(5), 3, 21.17, 24.5, 1),
				new RegionStats("south", T0, T0.plusSeconds(5), 1, 30.0, 30.0, 0));
		LiveRegionWindows windows = new LiveRegionWindows(properties(), null, null) {
			@Override
			reactor.core.publisher.Mono<List<RegionStats>> current() {
				return reactor.core.publisher.Mono.just(regions);
			}
		};

		WebTestClient.bindToController(new SensorStatsController(windows, new RecentAlerts())).build()
			.get().uri("/api/sensors/regions").exchange()
			.expectStatus().isOk()
			.expectBody().json("""
					[{"region":"north","windowStart":"2026-11-25T10:00:00Z","windowEnd":"2026-11-25T10:00:05Z",
					  "count":3,"averageTemperature":21.17,"maxTemperature":24.5,"lateReadings":1},
					 {"region":"south","windowStart":"2026-11-25T10:00:00Z","windowEnd":"2026-11-25T10:00:05Z",
					  "count":1,"averageTemperature":30.0,"maxTemperature":30.0,"lateReadings":0}]""", JsonCompareMode.STRICT);
		windows.destroy();
	}

	@Test
	void listsAlertsNewestFirstAndEachOnce() {
		RecentAlerts alerts = new RecentAlerts();
		var first = io.github.eventsuite.eventbus.sensor.SensorAlertRaised.of("sensor-1", "north", T0, 40.0, 30.0, 43.2,
				35.0, "hot", "c");
		var second = io.github.eventsuite.eventbus.sensor.SensorAlertRaised.of("sensor-2", "south", T0, 41.0, 30.0, 44.0,
				35.0, "hot", "c");
		alerts.add(first);
		alerts.add(second);
		alerts.add(first);

		assertThat(alerts.newestFirst()).containsExactly(second, first);
	}

	static SensorProperties properties() {
		return new SensorProperties(500, Duration.ofMinutes(1),
				new SensorProperties.Regions(java.util.Map.of(), "unassigned"), new SensorProperties.Alerts(35),
				new SensorProperties.Windows(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10)),
				new SensorProperties.Simulator(false, 6, 5, 0));
	}

}
