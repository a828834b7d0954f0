package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

import org.apache.kafka.common.TopicPartition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The running fold: starts from a restored tally, consumers push events in, any number of
 * readers see the latest statistics and every change after it.
 */
class LiveStats implements DisposableBean {

	static final Duration REFRESH = Duration.ofMillis(250);

	private static final Logger log = LoggerFactory.getLogger(LiveStats.class);

	/** Several listener threads count at once, but a sink takes one emission at a time. */
	private final Object turn = new Object();

	private final Sinks.Many<CountedEvent> events = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Stats> latest = Sinks.many().replay().latest();

	private final BiConsumer<Tally, Instant> afterBatch;

	/** The partitions as they were at start: until the tally gets to their ends, it is catching up. */
	private StatsCheckpoints.CatchUp catchUp = StatsCheckpoints.CatchUp.NOTHING;

	/** Records between the tally's positions and {@code catchUp}'s ends; zero for good once caught up. */
	private volatile long behind = -1;

	private Disposable folding = Disposables.disposed();

	/** @param afterBatch sees the tally after each batch, in turn with the fold (to checkpoint it) */
	LiveStats(BiConsumer<Tally, Instant> afterBatch) {
		this.afterBatch = afterBatch;
	}

	/**
	 * Starts folding from the restored tally; until then there are no statistics to serve.
	 * @param catchUp the partitions at start
	 */
	void start(Tally tally, StatsCheckpoints.CatchUp catchUp) {
		this.catchUp = catchUp;
		this.folding = StatsFold.fold(this.events.asFlux(), tally, REFRESH, Schedulers.parallel(),
					this.afterBatch.andThen((folded, now) -> trackCatchUp(folded)))
			.subscribe((stats) -> this.latest.emitNext(stats, Sinks.EmitFailureHandler.FAIL_FAST), (ex) -> {
				// Not expected (a failing event is skipped in the fold): stop serving as ready.
				this.behind = -1;
				log.error("The statistics stopped; restart the service to resume from its checkpoint", ex);
			});
	}

	/** Moves the partition's position past a record that could not be read. */
	void skip(TopicPartition partition, long offset) {
		count(new CountedEvent(null, partition, offset));
	}

	void count(CountedEvent event) {
		synchronized (this.turn) {
			this.events.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
		}
	}

	private void trackCatchUp(Tally tally) {
		if (this.behind != 0) {
			this.behind = this.catchUp.behind(tally);
		}
	}

	/** How many records the tally still has to read to reach where the topics ended at start. */
	long recordsBehind() {
		return this.behind;
	}

	Mono<Stats> current() {
		return this.latest.asFlux().next();
	}

	/** The current statistics, then each change. */
	Flux<Stats> updates() {
		return this.latest.asFlux();
	}

	@Override
	public void destroy() {
		this.folding.dispose();
	}

}
