package io.github.eventsuite.analytics.sensors;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-region tumbling windows on event time: the readings are grouped by region and each
 * region's readings are folded into its {@link RegionWindowState}, together with an idle
 * signal once the region has been quiet for the idle timeout (wall-clock time, so a
 * region whose devices stop still reports its last window).
 */
final class RegionWindows {

	/** More than there will ever be regions: each needs its own group. Regions come from configuration. */
	private static final int MAX_REGIONS = 1024;

	private RegionWindows() {
	}

	static Flux<WindowSignal> windows(Flux<EnrichedReading> readings, SensorProperties.Windows settings) {
		return readings.groupBy(EnrichedReading::region)
			.flatMap((region) -> Flux.defer(() -> {
				RegionWindowState state = new RegionWindowState(region.key(), settings);
				return region.publish((shared) -> Flux.merge(
						shared.map((reading) -> (Step) () -> state.add(reading)),
						shared.switchMap((reading) -> Mono.delay(settings.idleTimeout()).map((tick) -> (Step) state::idle))))
					.concatMapIterable(Step::apply);
			}), MAX_REGIONS);
	}

	/** One step of a region's fold; merged from two sources, applied strictly one after the other. */
	private interface Step {

		List<WindowSignal> apply();

	}

}
