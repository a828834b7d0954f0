package io.github.eventsuite.eventbus.batch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Gathers work that arrives one item at a time, but concurrently (the records of one Kafka
 * poll, which async listeners handle all at once; concurrent HTTP requests), into batches
 * for one set-based call each: one SQL statement and one commit for a batch instead of one
 * per item. Each caller still gets its own item's result or failure, so per-record retry and
 * dead-lettering stay as they are.
 *
 * <p>Group commit, as databases do it: an item leaves at once when fewer than
 * {@code concurrency} batches are in flight; otherwise it waits, and when a batch is done
 * everything that gathered meanwhile (up to {@code maxSize}) leaves as the next one. So an
 * idle service adds no delay, and a busy one makes bigger batches instead of more calls.
 * (Reactor's {@code bufferTimeout} would add a timer to every batch, and its variant that
 * respects backpressure still has open bugs, e.g. reactor-core#4377.)
 *
 * <p>Where items arrive one by one even under load (each at the end of its own SMTP
 * conversation), a slot is nearly always free and they would leave alone: with a
 * {@code linger}, as Kafka's producer has one, an item that would leave in a batch that is
 * not full waits up to that long for others to join it.
 *
 * <p>A batch that fails because of one of its items ({@code itemFailure}, e.g. a constraint
 * violation) is tried again item by item, so that the item fails alone; any other failure
 * (the database is away) fails every item of the batch, and each caller retries its own.
 * A batch not done within {@code timeout} fails with a {@code TimeoutException}, an
 * {@link io.github.eventsuite.eventbus.kafka.Outages outage}: a database that accepts
 * connections but never answers (hung, not down) would otherwise hold every caller, and
 * every slot, for as long as it hangs.
 *
 * <p>At most {@code maxWaiting} items wait: beyond that an item fails at once with a
 * {@link BatcherFullException}. Work offered faster than it can be done (an HTTP API under
 * overload) is then turned away while it is cheap to do so, instead of piling up with its
 * request in memory until the heap runs out; the caller answers "busy, try again".
 *
 * @param <T> an item of work
 * @param <R> its result
 */
public final class Batcher<T, R> {

	private final int maxSize;

	private final int concurrency;

	private final Function<List<T>, Mono<List<R>>> work;

	private final Predicate<Throwable> itemFailure;

	private final Duration timeout;

	private final int maxWaiting;

	private final long lingerNanos;

	/** Guarded by {@code this}, as are {@link #inFlight} and {@link #wakeUpDue}. */
	private final Queue<Pending<T, R>> waiting = new ArrayDeque<>();

	private int inFlight;

	/** Whether a timer will look again at items held back by the linger. */
	private boolean wakeUpDue;

	private final AtomicInteger starting = new AtomicInteger();

	/**
	 * A batcher whose callers bound what waits themselves (the records of one Kafka poll).
	 * @param timeout how long a batch may take before it fails
	 * @param work does a batch, emitting one non-null result per item, in the items' order
	 * @param itemFailure whether a batch's failure may be caused by one item alone
	 */
	public Batcher(int maxSize, int concurrency, Duration timeout, Function<List<T>, Mono<List<R>>> work,
			Predicate<Throwable> itemFailure) {
		this(maxSize, concurrency, Duration.ZERO, timeout, work, itemFailure);
	}

	/**
	 * A batcher whose callers bound what waits themselves, and whose items wait up to
	 * {@code linger} for others while their batch is not full.
	 * @param linger how long an item may wait for others to share its batch
	 * @param timeout how long a batch may take before it fails
	 * @param work does a batch, emitting one non-null result per item, in the items' order
	 * @param itemFailure whether a batch's failure may be caused by one item alone
	 */
	public Batcher(int maxSize, int concurrency, Duration linger, Duration timeout,
			Function<List<T>, Mono<List<R>>> work, Predicate<Throwable> itemFailure) {
		this(maxSize, concurrency, Integer.MAX_VALUE, linger, timeout, work, itemFailure);
	}

	/**
	 * @param maxWaiting how many items may wait for a batch before more are turned away
	 * @param timeout how long a batch may take before it fails
	 * @param work does a batch, emitting one non-null result per item, in the items' order
	 * @param itemFailure whether a batch's failure may be caused by one item alone
	 */
	public Batcher(int maxSize, int concurrency, int maxWaiting, Duration timeout,
			Function<List<T>, Mono<List<R>>> work, Predicate<Throwable> itemFailure) {
		this(maxSize, concurrency, maxWaiting, Duration.ZERO, timeout, work, itemFailure);
	}

	private Batcher(int maxSize, int concurrency, int maxWaiting, Duration linger, Duration timeout,
			Function<List<T>, Mono<List<R>>> work, Predicate<Throwable> itemFailure) {
		if (maxSize < 1 || concurrency < 1 || maxWaiting < 1 || linger.isNegative() || timeout.isNegative()
				|| timeout.isZero()) {
			throw new IllegalArgumentException("a batcher needs maxSize, concurrency and maxWaiting >= 1, "
					+ "a linger >= 0 and a positive timeout");
		}
		this.maxSize = maxSize;
		this.lingerNanos = linger.toNanos();
		this.maxWaiting = maxWaiting;
		this.concurrency = concurrency;
		this.timeout = timeout;
		this.work = work;
		this.itemFailure = itemFailure;
	}

	/**
	 * The item's result, once the batch it joined is done; a {@link BatcherFullException}
	 * at once if {@code maxWaiting} items are waiting already.
	 */
	public Mono<R> submit(T item) {
		return Mono.defer(() -> {
			Sinks.One<R> result = Sinks.one();
			synchronized (this) {
				if (this.waiting.size() >= this.maxWaiting) {
					return Mono.error(new BatcherFullException(this.maxWaiting));
				}
				this.waiting.add(new Pending<>(item, result, now()));
			}
			startBatches();
			return result.asMono();
		});
	}

	/**
	 * Starts as many batches as there are free slots and waiting items, outside the lock. A
	 * call while another is at it only makes that one look again: a batch that finishes at
	 * once (and calls this from its end) cannot recurse.
	 */
	private void startBatches() {
		if (this.starting.getAndIncrement() != 0) {
			return;
		}
		do {
			for (List<Pending<T, R>> batch = nextBatch(); batch != null; batch = nextBatch()) {
				run(batch).doFinally((signal) -> {
					synchronized (this) {
						this.inFlight--;
					}
					startBatches();
				}).subscribe();
			}
		}
		while (this.starting.decrementAndGet() != 0);
	}

	private synchronized @Nullable List<Pending<T, R>> nextBatch() {
		if (this.waiting.isEmpty() || this.inFlight >= this.concurrency) {
			return null;
		}
		long lingerLeft = this.lingerNanos - (now() - this.waiting.element().since());
		if (lingerLeft > 0 && this.waiting.size() < this.maxSize) {
			wakeUpIn(lingerLeft);
			return null;
		}
		List<Pending<T, R>> batch = new ArrayList<>(Math.min(this.waiting.size(), this.maxSize));
		while (!this.waiting.isEmpty() && batch.size() < this.maxSize) {
			batch.add(this.waiting.poll());
		}
		this.inFlight++;
		return batch;
	}

	/** Called holding the lock: one timer at a time. */
	private void wakeUpIn(long nanos) {
		if (this.wakeUpDue) {
			return;
		}
		this.wakeUpDue = true;
		clock().schedule(() -> {
			synchronized (this) {
				this.wakeUpDue = false;
			}
			startBatches();
		}, nanos, TimeUnit.NANOSECONDS);
	}

	/** Reactor's timers: virtual time in tests. */
	private static Scheduler clock() {
		return Schedulers.parallel();
	}

	private long now() {
		return (this.lingerNanos > 0) ? clock().now(TimeUnit.NANOSECONDS) : 0;
	}

	private Mono<Void> run(List<Pending<T, R>> batch) {
		return call(batch).onErrorResume((ex) -> (batch.size() > 1 && this.itemFailure.test(ex))
				? Flux.fromIterable(batch).concatMap((one) -> call(List.of(one)).onErrorResume((single) -> {
					one.result().tryEmitError(single);
					return Mono.empty();
				})).then()
				: Mono.fromRunnable(() -> batch.forEach((pending) -> pending.result().tryEmitError(ex))));
	}

	private Mono<Void> call(List<Pending<T, R>> batch) {
		return Mono.defer(() -> this.work.apply(batch.stream().map(Pending::item).toList()))
			.timeout(this.timeout)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("a batch emitted no results")))
			.flatMap((results) -> (results.size() == batch.size()) ? Mono.just(results)
					: Mono.error(new IllegalStateException(results.size() + " results for " + batch.size() + " items")))
			.doOnNext((results) -> {
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).result().tryEmitValue(results.get(i));
				}
			})
			.then();
	}

	private record Pending<T, R>(T item, Sinks.One<R> result, long since) {

	}

}
