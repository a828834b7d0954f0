package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.DisposableBean;

import reactor.core.Disposable;
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

	/** Several listener threads count at once, but a sink takes one emission at a time. */
	private final Object turn = new Object();

	private final Sinks.Many<CountedEvent> events = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Stats> latest = Sinks.many().replay().latest();

	/** Where the restored checkpoint left each partition: the listeners resume there. */
	private final Map<TopicPartition, Long> resumePositions;

	/** The end of each partition at start: until the tally gets there, it is catching up. */
	private final Map<TopicPartition, Long> catchUpTo;

	/** Records between the tally's positions and {@code catchUpTo}; zero for good once caught up. */
	private volatile long behind = -1;

	private final Disposable folding;

	/**
	 * @param catchUpTo the end of each partition at start
	 * @param afterBatch sees the tally after each batch, in turn with the fold (to checkpoint it)
	 */
	LiveStats(Tally tally, Map<TopicPartition, Long> catchUpTo, BiConsumer<Tally, Instant> afterBatch) {
		this.resumePositions = tally.positions();
		this.catchUpTo = Map.copyOf(catchUpTo);
		this.folding = StatsFold.fold(this.events.asFlux(), tally, REFRESH, Schedulers.parallel(),
					afterBatch.andThen((folded, now) -> trackCatchUp(folded)))
			.subscribe((stats) -> this.latest.emitNext(stats, Sinks.EmitFailureHandler.FAIL_FAST));
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

	/**
	 * The offset to read a partition from after a start. Records before the tally's own
	 * position are skipped by the tally anyway, so a re-read never counts twice.
	 */
	long resumePosition(TopicPartition partition) {
		return this.resumePositions.getOrDefault(partition, 0L);
	}

	private void trackCatchUp(Tally tally) {
		if (this.behind != 0) {
			this.behind = this.catchUpTo.entrySet().stream()
				.mapToLong((end) -> Math.max(0, end.getValue() - tally.position(end.getKey())))
				.sum();
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
