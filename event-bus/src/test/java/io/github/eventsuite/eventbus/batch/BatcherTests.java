package io.github.eventsuite.eventbus.batch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.kafka.Outages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class BatcherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

	private Batcher<Integer, String> batcher;

	@Test
	void answersEachOfManyConcurrentItemsFromFewBatches() {
		this.batcher = new Batcher<>(50, 1, TIMEOUT, this::echo, (ex) -> false);

		StepVerifier.create(Flux.range(0, 200).flatMap((i) -> this.batcher.submit(i).map((result) -> i + "=" + result), 200)
			.collectList())
			.assertNext((results) -> assertThat(results).hasSize(200)
				.allSatisfy((result) -> assertThat(result.split("=")[1]).isEqualTo("#" + result.split("=")[0])))
			.verifyComplete();
		assertThat(this.batches).hasSizeLessThanOrEqualTo(8).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(50));
		assertThat(this.batches.stream().mapToInt(List::size).sum()).isEqualTo(200);
	}

	@Test
	void aLoneItemLeavesAtOnce() {
		this.batcher = new Batcher<>(50, 1, TIMEOUT, this::echo, (ex) -> false);

		StepVerifier.create(this.batcher.submit(7)).expectNext("#7").expectComplete().verify(Duration.ofMillis(500));
		assertThat(this.batches).containsExactly(List.of(7));
	}

	/** Items that arrive one by one, within the linger of the first, leave together when it is over. */
	@Test
	void anItemWaitsUpToTheLingerForOthersToShareItsBatch() {
		StepVerifier.withVirtualTime(() -> {
			this.batcher = new Batcher<>(50, 1, Duration.ofMillis(100), TIMEOUT, this::echo, (ex) -> false);
			return Flux.merge(this.batcher.submit(0), Mono.delay(Duration.ofMillis(40)).then(this.batcher.submit(1)),
					Mono.delay(Duration.ofMillis(99)).then(this.batcher.submit(2)),
					Mono.delay(Duration.ofMillis(150)).then(this.batcher.submit(3)));
		})
			.thenAwait(Duration.ofMillis(99))
			.then(() -> assertThat(this.batches).isEmpty())
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.batches).containsExactly(List.of(0, 1, 2)))
			.thenAwait(Duration.ofMillis(5))
			.expectNext("#0", "#1", "#2")
			.thenAwait(Duration.ofMillis(144))
			.then(() -> assertThat(this.batches).hasSize(1))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.batches).containsExactly(List.of(0, 1, 2), List.of(3)))
			.thenAwait(Duration.ofMillis(5))
			.expectNext("#3")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aFullBatchLeavesWithoutLingering() {
		this.batcher = new Batcher<>(3, 1, Duration.ofMinutes(1), TIMEOUT, this::echo, (ex) -> false);

		StepVerifier.create(Flux.range(0, 3).flatMap(this.batcher::submit, 3).collectList())
			.assertNext((results) -> assertThat(results).containsExactlyInAnyOrder("#0", "#1", "#2"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.batches).containsExactly(List.of(0, 1, 2));
	}

	@Test
	void anItemThatFailsABatchFailsAloneWhenTheFailureIsTheItems() {
		this.batcher = new Batcher<>(10, 1, TIMEOUT, this::failOnThirteen,
				IllegalArgumentException.class::isInstance);

		StepVerifier.create(Flux.range(10, 5).flatMap((i) -> this.batcher.submit(i)
			.map((result) -> i + ":" + result)
			.onErrorResume((ex) -> Mono.just(i + ":failed " + ex.getMessage())), 5).collectList())
			.assertNext((results) -> assertThat(results).containsExactlyInAnyOrder("10:#10", "11:#11", "12:#12",
					"13:failed 13", "14:#14"))
			.verifyComplete();
	}

	@Test
	void aFailureOfTheWholeBatchFailsEveryItemWithoutRetryingThemOneByOne() {
		this.batcher = new Batcher<>(10, 1, TIMEOUT, (items) -> {
			this.batches.add(items);
			return Mono.delay(Duration.ofMillis(20)).then(Mono.error(new IllegalStateException("database away")));
		}, IllegalArgumentException.class::isInstance);

		StepVerifier.create(Flux.range(0, 4).flatMap((i) -> this.batcher.submit(i)
			.onErrorResume((ex) -> Mono.just(ex.getMessage())), 4).collectList())
			.assertNext((results) -> assertThat(results).containsOnly("database away").hasSize(4))
			.verifyComplete();
		assertThat(this.batches).containsExactly(List.of(0), List.of(1, 2, 3));
	}

	/** A database that takes the statement and never answers: the batch fails, its slot is free again. */
	@Test
	void aBatchThatNeverEndsFailsWithATimeoutAndFreesItsSlot() {
		this.batcher = new Batcher<>(10, 1, Duration.ofMillis(200), (items) -> {
			this.batches.add(items);
			return items.contains(0) ? Mono.never() : echo(items);
		}, (ex) -> false);

		StepVerifier.create(this.batcher.submit(0)).expectError(TimeoutException.class).verify(Duration.ofSeconds(5));
		StepVerifier.create(this.batcher.submit(1)).expectNext("#1").expectComplete().verify(Duration.ofSeconds(5));
		assertThat(Outages.isOutage(new TimeoutException())).as("waited out by listeners, 503 for requests").isTrue();
	}

	/** Overload: beyond maxWaiting an item is turned away at once, and taken again once there is room. */
	@Test
	void turnsAwayAnItemBeyondMaxWaitingAtOnceAndTakesItOnceThereIsRoom() {
		Sinks.Empty<Void> databaseAnswers = Sinks.empty();
		this.batcher = new Batcher<>(10, 1, 3, TIMEOUT, (items) -> {
			this.batches.add(items);
			return databaseAnswers.asMono().then(Mono.just(items.stream().map((i) -> "#" + i).toList()));
		}, (ex) -> false);
		List<String> answered = new CopyOnWriteArrayList<>();
		Flux.range(0, 4).flatMap(this.batcher::submit).subscribe(answered::add);

		StepVerifier.create(this.batcher.submit(4))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BatcherFullException.class)
				.hasMessage("3 items are waiting already")
				.satisfies((full) -> assertThat(Outages.isOutage(full)).as("503 for requests").isTrue()))
			.verify(Duration.ofMillis(500));
		databaseAnswers.tryEmitEmpty();
		StepVerifier.create(this.batcher.submit(5)).expectNext("#5").expectComplete().verify(Duration.ofSeconds(5));
		assertThat(answered).containsExactlyInAnyOrder("#0", "#1", "#2", "#3");
		assertThat(this.batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(5));
	}

	/** Many callers on many threads, work finishing on other threads: every item is answered. */
	@Test
	void answersEveryItemFromManyThreadsWhileBatchesFinishElsewhere() {
		this.batcher = new Batcher<>(20, 2, TIMEOUT, (items) -> Mono.just(items.stream().map((i) -> "#" + i).toList())
			.delayElement(Duration.ofNanos(ThreadLocalRandom.current().nextLong(2_000_000))), (ex) -> false);

		StepVerifier.create(Flux.range(0, 20_000)
			.parallel(4).runOn(Schedulers.parallel())
			.flatMap((i) -> this.batcher.submit(i).map((result) -> result.equals("#" + i)))
			.sequential()
			.collectList())
			.assertNext((results) -> assertThat(results).hasSize(20_000).containsOnly(true))
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	private Mono<List<String>> echo(List<Integer> items) {
		this.batches.add(items);
		return Mono.just(items.stream().map((i) -> "#" + i).toList()).delayElement(Duration.ofMillis(5));
	}

	private Mono<List<String>> failOnThirteen(List<Integer> items) {
		return items.contains(13) ? Mono.error(new IllegalArgumentException("13")) : echo(items);
	}

}
