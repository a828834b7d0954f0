package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(StatsFold.class);

	private StatsFold() {
	}

	/**
	 * The statistics of {@code tally} now, then one value per change; time comes from
	 * {@code scheduler}. After each batch, {@code afterBatch} may look at the tally (to
	 * checkpoint it): it runs in turn with the fold, never beside it.
	 */
	static Flux<Stats> fold(Flux<CountedEvent> events, Tally tally, Duration refresh, Scheduler scheduler,
			BiConsumer<Tally, Instant> afterBatch) {
		return Flux.defer(() -> {
			Flux<List<CountedEvent>> batches = events.bufferTimeout(MAX_BATCH, refresh, scheduler);
			Flux<List<CountedEvent>> ticks = Flux.interval(refresh, refresh, scheduler).map((tick) -> List.of());
			// merge hands on one batch at a time, so the tally is only ever touched serially.
			return Flux.merge(batches, ticks)
				.map((batch) -> {
					batch.forEach((counted) -> count(tally, counted));
					Instant now = now(scheduler);
					afterBatch.accept(tally, now);
					return tally.snapshot(now);
				})
				.startWith(Flux.defer(() -> Flux.just(tally.snapshot(now(scheduler)))))
				.distinctUntilChanged();
		});
	}

	/** An event the tally cannot take is skipped, not allowed to stop the fold. */
	private static void count(Tally tally, CountedEvent counted) {
		try {
			tally.add(counted.event(), counted.partition(), counted.offset());
		}
		catch (RuntimeException ex) {
			log.warn("Not counted: {}-{}@{}: {}", counted.partition().topic(), counted.partition().partition(),
					counted.offset(), ex.toString());
			tally.add(null, counted.partition(), counted.offset());
		}
	}

	private static Instant now(Scheduler scheduler) {
		return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
	}

}
