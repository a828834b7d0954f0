package io.github.eventsuite.analytics.stats;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.BusEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The running fold: consumers push events in, any number of readers see the latest
 * statistics and every change after it.
 */
@Component
class LiveStats implements DisposableBean {

	static final Duration REFRESH = Duration.ofMillis(250);

	/** Several listener threads count at once, but a sink takes one emission at a time. */
	private final Object turn = new Object();

	private final Sinks.Many<BusEvent> events = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Stats> latest = Sinks.many().replay().latest();

	private final Disposable folding;

	LiveStats() {
		this.folding = StatsFold.fold(this.events.asFlux(), REFRESH, Schedulers.parallel())
			.subscribe((stats) -> this.latest.emitNext(stats, Sinks.EmitFailureHandler.FAIL_FAST));
	}

	void count(BusEvent event) {
		synchronized (this.turn) {
			this.events.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
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
