package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The running fold: starts from a restored tally, consumers push events in, any number of
 * readers see the latest statistics and every change after it. A graceful stop ends with a
 * checkpoint of everything counted, so that the restart reads on from there rather than
 * reading again what came since the last periodic one (up to its interval).
 */
class LiveStats implements SmartLifecycle, DisposableBean {

	static final Duration REFRESH = Duration.ofMillis(250);

	private static final Logger log = LoggerFactory.getLogger(LiveStats.class);

	/** Several listener threads count at once, but a sink takes one emission at a time. */
	private final Object turn = new Object();

	private final Sinks.Many<CountedEvent> events = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Stats> latest = Sinks.many().replay().latest();

	private final Checkpoints checkpoints;

	/** Each partition's position after the last event counted, guarded by {@code turn}. */
	private final Map<TopicPartition, Long> counted = new HashMap<>();

	/** The stop's callback, once a stop waits for the last checkpoint. */
	private final AtomicReference<Runnable> stopping = new AtomicReference<>();

	/** The partitions as they were at start: until the tally gets to their ends, it is catching up. */
	private StatsCheckpoints.CatchUp catchUp = StatsCheckpoints.CatchUp.NOTHING;

	/** Records between the tally's positions and {@code catchUp}'s ends; zero for good once caught up. */
	private volatile long behind = -1;

	private volatile Disposable folding = Disposables.disposed();

	/** @param checkpoints sees the tally after each batch, in turn with the fold */
	LiveStats(Checkpoints checkpoints) {
		this.checkpoints = checkpoints;
	}

	/**
	 * Starts folding from the restored tally; until then there are no statistics to serve.
	 * @param catchUp the partitions at start
	 */
	void start(Tally tally, StatsCheckpoints.CatchUp catchUp) {
		this.catchUp = catchUp;
		// Known now, before the fold owns the tally: a start with nothing to catch up with is
		// ready at once rather than at the fold's first tick.
		this.behind = catchUp.behind(tally);
		this.folding = StatsFold.fold(this.events.asFlux(), tally, REFRESH, Schedulers.parallel(), this::afterBatch)
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
			this.counted.merge(event.partition(), event.offset() + 1, Math::max);
		}
	}

	/** On the fold's thread, after each batch and tick. */
	private void afterBatch(Tally tally, Instant now) {
		if (this.behind != 0) {
			this.behind = this.catchUp.behind(tally);
		}
		Runnable stopped = this.stopping.get();
		if (stopped == null) {
			this.checkpoints.offer(tally, now);
		}
		else if (hasFoldedAllCounted(tally) && this.checkpoints.writeLast(tally, now, stopped)) {
			this.stopping.compareAndSet(stopped, null);
		}
	}

	/** False while events counted still wait in the fold's buffer. */
	private boolean hasFoldedAllCounted(Tally tally) {
		synchronized (this.turn) {
			return this.counted.entrySet().stream().allMatch((end) -> tally.position(end.getKey()) >= end.getValue());
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

	/**
	 * After the feed ({@link StatsFeed}) has stopped, so nothing more is counted: once the fold
	 * has taken every event counted, the last checkpoint is written, then the stop goes on.
	 * Waits at most Spring's {@code spring.lifecycle.timeout-per-shutdown-phase}; a failed
	 * write is logged, and the restart reads on from the checkpoint before.
	 */
	@Override
	public void stop(Runnable callback) {
		if (this.folding.isDisposed()) {
			callback.run();
			return;
		}
		this.stopping.set(callback);
	}

	@Override
	public void stop() {
		// Only the stop with a callback ends with a checkpoint: the fold's thread writes it.
	}

	/** Started by {@link #start(Tally, StatsCheckpoints.CatchUp)}, once the feed knows where from. */
	@Override
	public void start() {
	}

	@Override
	public boolean isRunning() {
		return !this.folding.isDisposed();
	}

	/** Stops after the feed, a {@link SmartLifecycle} of the default phase. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	@Override
	public void destroy() {
		this.folding.dispose();
	}

	/** Where the tally's checkpoints go ({@link StatsCheckpoints}); called on the fold's thread. */
	interface Checkpoints {

		/** A checkpoint, if one is due. */
		void offer(Tally tally, Instant now);

		/**
		 * The last checkpoint of a stop, then {@code done}; false if it cannot be started
		 * now (ask again after the next batch).
		 */
		boolean writeLast(Tally tally, Instant now, Runnable done);

	}

}
