package io.github.eventsuite.analytics.stats;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The running fold: consumers push events in, any number of readers see the latest
 * statistics and every change after it.
 */
@Component
class LiveStats implements DisposableBean {

	/** Listener threads emit concurrently; a sink takes one emission at a time, so they wait their turn. */
	private static final Sinks.EmitFailureHandler WAIT_FOR_TURN = Sinks.EmitFailureHandler
		.busyLooping(Duration.ofSeconds(2));

	private final Sinks.Many<UserCreated> usersCreated = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<EmailSent> emailsSent = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Stats> latest = Sinks.many().replay().latest();

	private final Disposable folding;

	LiveStats() {
		this.folding = StatsFold.fold(this.usersCreated.asFlux(), this.emailsSent.asFlux())
			.subscribe((stats) -> this.latest.emitNext(stats, WAIT_FOR_TURN));
	}

	void count(UserCreated event) {
		this.usersCreated.emitNext(event, WAIT_FOR_TURN);
	}

	void count(EmailSent event) {
		this.emailsSent.emitNext(event, WAIT_FOR_TURN);
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
