package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.eventsuite.eventbus.BusEvent;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Folds the merged event streams into statistics. Events are taken in batches (at most one
 * per {@code refresh}), and a tick every {@code refresh} moves the rates and windows on even
 * when nothing arrives, so readers see at most one new value per {@code refresh}, however
 * fast the events come.
 */
final class StatsFold {

	static final int MAX_BATCH = 1_000;

	private StatsFold() {
	}

	/** The statistics now, then one value per change; time comes from {@code scheduler}. */
	static Flux<Stats> fold(Flux<BusEvent> events, Duration refresh, Scheduler scheduler) {
		return Flux.defer(() -> {
			Tally tally = new Tally();
			Flux<List<BusEvent>> batches = events.bufferTimeout(MAX_BATCH, refresh, scheduler);
			Flux<List<BusEvent>> ticks = Flux.interval(refresh, refresh, scheduler).map((tick) -> List.of());
			// merge hands on one batch at a time, so the tally is only ever touched serially.
			return Flux.merge(batches, ticks)
				.map((batch) -> {
					batch.forEach(tally::add);
					return tally.snapshot(now(scheduler));
				})
				.startWith(Stats.EMPTY)
				.distinctUntilChanged();
		});
	}

	private static Instant now(Scheduler scheduler) {
		return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
	}

}
