package io.github.eventsuite.sensor.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class SensorStatsControllerTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void streamsTheRegionsAsRegionsEventsAndKeepsIdleStreamsAlive() {
		LatestRegionStats regions = new LatestRegionStats();
		RegionStats north = new RegionStats("north", T0, T0.plusSeconds(5), 2, 21.0, 22.0, 0);
		regions.add(north);
		SensorStatsController controller = new SensorStatsController(regions, new RecentAlerts());

		StepVerifier.withVirtualTime(controller::regionsStream)
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("regions");
				assertThat(event.data()).containsExactly(north);
			})
			.expectNoEvent(SensorStatsController.KEEP_ALIVE.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("keep-alive"))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void answersTheLatestWindowOfEachRegionAsTheDashboardReadsIt() {
		LatestRegionStats regions = new LatestRegionStats();
		regions.add(new RegionStats("south", T0, T0.plusSeconds(5), 1, 30.0, 30.0, 0));
		regions.add(new RegionStats("north", T0.minusSeconds(5), T0, 7, 20.0, 20.5, 0));
		regions.add(new RegionStats("north", T0, T0.plusSeconds(5), 3, 21.17, 24.5, 1));

		WebTestClient.bindToController(new SensorStatsController(regions, new RecentAlerts())).build()
			.get().uri("/api/sensors/regions").exchange()
			.expectStatus().isOk()
			.expectBody().json("""
					[{"region":"north","windowStart":"2026-11-25T10:00:00Z","windowEnd":"2026-11-25T10:00:05Z",
					  "count":3,"averageTemperature":21.17,"maxTemperature":24.5,"lateReadings":1},
					 {"region":"south","windowStart":"2026-11-25T10:00:00Z","windowEnd":"2026-11-25T10:00:05Z",
					  "count":1,"averageTemperature":30.0,"maxTemperature":30.0,"lateReadings":0}]""", JsonCompareMode.STRICT);
	}

	@Test
	void keepsARegionsLatestWindowWhenAnOlderOneIsReadAfterIt() {
		LatestRegionStats regions = new LatestRegionStats();
		RegionStats latest = new RegionStats("north", T0, T0.plusSeconds(5), 3, 21.0, 22.0, 0);
		RegionStats older = new RegionStats("north", T0.minusSeconds(5), T0, 9, 19.0, 20.0, 0);

		regions.add(latest);
		regions.add(older);

		StepVerifier.create(regions.current()).expectNext(List.of(latest)).verifyComplete();
	}

	@Test
	void listsAlertsNewestFirstAndEachOnce() {
		RecentAlerts alerts = new RecentAlerts();
		SensorAlertRaised first = alert("sensor-1", T0);
		SensorAlertRaised second = alert("sensor-2", T0.plusSeconds(1));
		alerts.add(first);
		alerts.add(second);
		alerts.add(first);

		assertThat(alerts.newestFirst()).containsExactly(second, first);
	}

	@Test
	void keepsTheNewestAlertsByWhenTheyWereRaisedWhateverOrderTheyAreReadIn() {
		RecentAlerts alerts = new RecentAlerts();
		List<SensorAlertRaised> raised = IntStream.range(0, RecentAlerts.CAPACITY + 10)
			.mapToObj((i) -> alert("sensor-" + i, T0.plusSeconds(i)))
			.toList();
		List<SensorAlertRaised> shuffled = new ArrayList<>(raised);
		Collections.shuffle(shuffled, new Random(7));

		shuffled.forEach(alerts::add);

		List<SensorAlertRaised> newestFirst = new ArrayList<>(raised);
		Collections.reverse(newestFirst);
		assertThat(alerts.newestFirst()).containsExactlyElementsOf(newestFirst.subList(0, RecentAlerts.CAPACITY));
	}

	/** An alert raised at {@code raisedAt}. */
	private static SensorAlertRaised alert(String deviceId, Instant raisedAt) {
		SensorAlertRaised alert = SensorAlertRaised.of(deviceId, "north", T0, 40.0, 30.0, 43.2, 35.0, "hot", "c");
		EventEnvelope envelope = alert.envelope();
		return new SensorAlertRaised(new EventEnvelope(envelope.eventId(), envelope.eventType(),
				envelope.schemaVersion(), raisedAt, envelope.correlationId()), alert.deviceId(), alert.region(),
				alert.takenAt(), alert.temperatureCelsius(), alert.humidityPercent(), alert.heatIndexCelsius(),
				alert.thresholdCelsius(), alert.reason());
	}

	static SensorProperties properties() {
		return new SensorProperties(500, Duration.ofMinutes(1), List.of(),
				new SensorProperties.DeviceRateLimit(5, 20),
				new SensorProperties.Regions(java.util.Map.of(), "unassigned"), new SensorProperties.Alerts(35),
				new SensorProperties.Windows(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), 20_000),
				new SensorProperties.Simulator(false, 6, 5, 0));
	}

}
