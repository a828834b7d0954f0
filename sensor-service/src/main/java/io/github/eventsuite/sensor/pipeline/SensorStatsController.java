package io.github.eventsuite.sensor.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/sensors")
class SensorStatsController {

	static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private final LatestRegionStats regions;

	private final RecentAlerts alerts;

	SensorStatsController(LatestRegionStats regions, RecentAlerts alerts) {
		this.regions = regions;
		this.alerts = alerts;
	}

	/**
	 * The latest closed window of every region, sorted by region: read from
	 * {@code sensor.region-stats}, so every instance answers the same.
	 */
	@GetMapping("/regions")
	Mono<List<RegionStats>> regions() {
		return this.regions.current();
	}

	/**
	 * The same list now, then again on each change ({@code regions} events); a slow client
	 * gets the latest list, not a backlog; a comment every 15 s keeps idle connections open.
	 */
	@GetMapping(path = "/regions/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<List<RegionStats>>> regionsStream() {
		Flux<ServerSentEvent<List<RegionStats>>> updates = this.regions.updates()
			.onBackpressureLatest()
			.map((regions) -> ServerSentEvent.builder(regions).event("regions").build());
		Flux<ServerSentEvent<List<RegionStats>>> keepAlive = Flux.interval(KEEP_ALIVE)
			.onBackpressureDrop()
			.map((tick) -> ServerSentEvent.<List<RegionStats>>builder().comment("keep-alive").build());
		return Flux.merge(updates, keepAlive);
	}

	/** The last alerts (at most 50) of {@code sensor.alerts}, newest first. */
	@GetMapping("/alerts")
	List<Alert> alerts() {
		return this.alerts.newestFirst().stream().map(Alert::of).toList();
	}

	record Alert(String deviceId, String region, Instant takenAt, double temperature, double humidity,
			double heatIndex, double threshold, String reason) {

		static Alert of(SensorAlertRaised alert) {
			return new Alert(alert.deviceId(), alert.region(), alert.takenAt(), alert.temperatureCelsius(),
					alert.humidityPercent(), alert.heatIndexCelsius(), alert.thresholdCelsius(), alert.reason());
		}

	}

}
