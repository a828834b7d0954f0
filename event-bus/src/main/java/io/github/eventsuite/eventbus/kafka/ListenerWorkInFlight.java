package io.github.eventsuite.eventbus.kafka;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

import reactor.core.publisher.Mono;

/**
 * The work that listeners returned as a {@code Mono} and that is not done yet, waited for
 * when the application stops. Spring Kafka (4.0.8) stops a container without waiting for
 * those Monos: the consumer commits what is done and closes, and the pools the work uses
 * (database, SMTP, producer) are closed right after. An email the SMTP server took while
 * its record could no longer be written would then be sent again after the restart, once
 * its claim expired.
 *
 * <p>Stops after the listener containers (their phase is higher, so they stop first: no new
 * work starts) and before any bean is destroyed; waits at most Spring's
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s), e.g. for work that is
 * waiting out an outage. What it did not finish is redelivered after the restart, as after
 * a crash.
 */
public final class ListenerWorkInFlight implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ListenerWorkInFlight.class);

	/** Stops right after the listener containers. */
	static final int PHASE = AbstractMessageListenerContainer.DEFAULT_PHASE - 1;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** The stop's callback while it waits for the last work to end. */
	private final AtomicReference<Runnable> stopped = new AtomicReference<>();

	private volatile boolean running;

	/** The work, counted from its subscription until it ends, however it ends. */
	public <T> Mono<T> track(Mono<T> work) {
		return Mono.defer(() -> {
			this.inFlight.incrementAndGet();
			return work.doFinally((signal) -> ended());
		});
	}

	/** Work not ended yet. */
	public int count() {
		return this.inFlight.get();
	}

	private void ended() {
		if (this.inFlight.decrementAndGet() == 0) {
			runStopped();
		}
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.stopped.set(callback);
		int left = this.inFlight.get();
		if (left > 0) {
			log.info("Waiting for the work of {} records in flight before closing", left);
		}
		if (left == 0) {
			runStopped();
		}
	}

	private void runStopped() {
		Runnable callback = this.stopped.getAndSet(null);
		if (callback != null) {
			callback.run();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
