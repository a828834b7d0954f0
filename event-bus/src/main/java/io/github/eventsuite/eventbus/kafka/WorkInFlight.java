package io.github.eventsuite.eventbus.kafka;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import reactor.core.publisher.Mono;

/**
 * Work under way that nothing waits for (a {@code Mono} subscribed to and left running),
 * waited for when the application stops: at its phase, after whatever starts such work
 * has stopped (a higher phase stops first), and before any bean is destroyed, so before
 * the pools the work uses (database, SMTP, producer) close. Waits at most Spring's
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s), e.g. for work that is
 * waiting out an outage.
 */
public class WorkInFlight implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WorkInFlight.class);

	private final int phase;

	/** What the work is about, for the log line of a stop that waits. */
	private final String what;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** The stop's callback while it waits for the last work to end. */
	private final AtomicReference<Runnable> stopped = new AtomicReference<>();

	private volatile boolean running;

	protected WorkInFlight(int phase, String what) {
		this.phase = phase;
		this.what = what;
	}

	/** The work, counted from its subscription until it ends, however it ends. */
	public final <T> Mono<T> track(Mono<T> work) {
		return Mono.defer(() -> {
			this.inFlight.incrementAndGet();
			return work.doFinally((signal) -> ended());
		});
	}

	/** Work not ended yet. */
	public final int count() {
		return this.inFlight.get();
	}

	private void ended() {
		if (this.inFlight.decrementAndGet() == 0) {
			runStopped();
		}
	}

	@Override
	public final void stop(Runnable callback) {
		this.running = false;
		this.stopped.set(callback);
		int left = this.inFlight.get();
		if (left > 0) {
			log.info("Waiting for {} {} before closing", left, this.what);
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
	public final void start() {
		this.running = true;
	}

	@Override
	public final void stop() {
		this.running = false;
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return this.phase;
	}

}
