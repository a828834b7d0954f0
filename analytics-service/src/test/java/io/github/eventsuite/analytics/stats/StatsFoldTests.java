package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.BusEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static io.github.eventsuite.analytics.stats.Events.emailSent;
import static io.github.eventsuite.analytics.stats.Events.registered;
import static io.github.eventsuite.analytics.stats.Events.userCreated;
import static org.assertj.core.api.Assertions.assertThat;

class StatsFoldTests {

	private static final Duration REFRESH = Duration.ofMillis(250);

	private static final TopicPartition PARTITION = new TopicPartition("t", 0);

	private long offset;

	private final Sinks.Many<CountedEvent> events = Sinks.many().unicast().onBackpressureBuffer();

	@Test
	void batchesEventsIntoAtMostOneValuePerRefresh() {
		UUID ada = UUID.randomUUID();

		StepVerifier.withVirtualTime(this::fold)
			.expectNext(Stats.EMPTY)
			.then(() -> emit(registered(ada, now()), userCreated(ada, now()), userCreated(ada, now()),
					emailSent(ada, now().plusMillis(40))))
			.expectNoEvent(REFRESH.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((stats) -> {
				assertThat(stats.registrationsRequested()).isEqualTo(1);
				assertThat(stats.usersCreated()).isEqualTo(1);
				assertThat(stats.emailsSent()).isEqualTo(1);
				assertThat(stats.registrationToEmail().p50Millis()).isEqualTo(40);
			})
			.thenCancel()
			.verify();
	}

	@Test
	void letsTheRateFallToZeroWhenEventsStop() {
		StepVerifier.withVirtualTime(this::fold)
			.expectNext(Stats.EMPTY)
			.then(() -> emit(registered(UUID.randomUUID(), now()), registered(UUID.randomUUID(), now())))
			.thenAwait(REFRESH)
			.assertNext((stats) -> assertThat(stats.ratePerSecond().registrations()).isEqualTo(0.2))
			.thenAwait(Duration.ofSeconds(10))
			.assertNext((stats) -> {
				assertThat(stats.ratePerSecond()).isEqualTo(Stats.Rates.ZERO);
				assertThat(stats.registrationsRequested()).isEqualTo(2);
			})
			.expectNoEvent(Duration.ofMinutes(1))
			.thenCancel()
			.verify();
	}

	@Test
	void takesAFullBatchWithoutWaitingForTheRefresh() {
		StepVerifier.withVirtualTime(this::fold)
			.expectNext(Stats.EMPTY)
			.then(() -> {
				for (int i = 0; i < StatsFold.MAX_BATCH; i++) {
					emit(userCreated(UUID.randomUUID(), now()));
				}
			})
			.assertNext((stats) -> assertThat(stats.usersCreated()).isEqualTo(StatsFold.MAX_BATCH))
			.thenCancel()
			.verify();
	}

	private Flux<Stats> fold() {
		return StatsFold.fold(this.events.asFlux(), new Tally(10_000), REFRESH, Schedulers.parallel(),
				(tally, now) -> {
				});
	}

	private void emit(BusEvent... batch) {
		for (BusEvent event : batch) {
			this.events.emitNext(new CountedEvent(event, PARTITION, this.offset++), Sinks.EmitFailureHandler.FAIL_FAST);
		}
	}

	private static Instant now() {
		return Instant.ofEpochMilli(VirtualTimeScheduler.get().now(java.util.concurrent.TimeUnit.MILLISECONDS));
	}

}
