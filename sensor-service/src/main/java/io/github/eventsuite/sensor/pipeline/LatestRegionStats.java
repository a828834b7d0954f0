package io.github.eventsuite.sensor.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The latest closed window of every region, as read from {@code sensor.region-stats}: the
 * same on every instance, whichever instance closed the window. One entry per region.
 */
@Component
class LatestRegionStats {

	private final Map<String, RegionStats> byRegion = new TreeMap<>();

	private final Sinks.Many<List<RegionStats>> latest = Sinks.many().replay().latest();

	LatestRegionStats() {
		this.latest.emitNext(List.of(), Sinks.EmitFailureHandler.FAIL_FAST);
	}

	/** A window older than the region's latest (read late, or again) changes nothing. */
	synchronized void add(RegionStats window) {
		RegionStats known = this.byRegion.get(window.region());
		if (known != null && window.windowStart().isBefore(known.windowStart())) {
			return;
		}
		this.byRegion.put(window.region(), window);
		this.latest.emitNext(List.copyOf(this.byRegion.values()), Sinks.EmitFailureHandler.FAIL_FAST);
	}

	Mono<List<RegionStats>> current() {
		return this.latest.asFlux().next();
	}

	/** The latest window of every region (sorted by region), then the same after each change. */
	Flux<List<RegionStats>> updates() {
		return this.latest.asFlux();
	}

}
