package io.github.eventsuite.analytics.stats;

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

	/**
	 * Several listener threads count at once, but a sink takes one emission at a time: they
	 * take turns on this lock, which also keeps the merged fold strictly serial.
	 */
	private final Object turn = new Object();

	private final Sinks.Many<UserCreated> usersCreated = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<EmailSent> emailsSent = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Stats> latest = Sinks.many().replay().latest();

	private final Disposable folding;

	LiveStats() {
		this.folding = StatsFold.fold(this.usersCreated.asFlux(), this.emailsSent.asFlux())
			.subscribe((stats) -> this.latest.emitNext(stats, Sinks.EmitFailureHandler.FAIL_FAST));
	}

	void count(UserCreated event) {
		synchronized (this.turn) {
			this.usersCreated.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
		}
	}

	void count(EmailSent event) {
		synchronized (this.turn) {
			this.emailsSent.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
		}
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
