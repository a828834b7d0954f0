package io.github.eventsuite.eventbus.kafka;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerWorkInFlightTests {

	private final ListenerWorkInFlight inFlight = new ListenerWorkInFlight();

	private final AtomicInteger stops = new AtomicInteger();

	@Test
	void stopsOnlyOnceTheWorkInFlightHasEnded() {
		Sinks.Empty<Void> sending = Sinks.empty();
		Sinks.Empty<Void> failing = Sinks.empty();
		this.inFlight.start();
		this.inFlight.track(sending.asMono()).subscribe();
		this.inFlight.track(failing.asMono()).subscribe(null, (ex) -> { });

		this.inFlight.stop(this.stops::incrementAndGet);
		assertThat(this.inFlight.isRunning()).isFalse();
		assertThat(this.stops).hasValue(0);

		failing.tryEmitError(new IllegalStateException("ended all the same"));
		assertThat(this.stops).hasValue(0);
		sending.tryEmitEmpty();
		assertThat(this.stops).hasValue(1);
		assertThat(this.inFlight.count()).isZero();
	}

	@Test
	void stopsAtOnceWhenNothingIsInFlight() {
		this.inFlight.start();
		this.inFlight.track(Mono.just("done")).subscribe();

		this.inFlight.stop(this.stops::incrementAndGet);

		assertThat(this.stops).hasValue(1);
	}

	@Test
	void countsWorkFromItsSubscriptionOnly() {
		Mono<Void> notStarted = this.inFlight.track(Mono.never());
		assertThat(this.inFlight.count()).isZero();

		notStarted.subscribe().dispose();

		assertThat(this.inFlight.count()).as("a cancelled one ended too").isZero();
	}

}
