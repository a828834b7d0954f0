package io.github.eventsuite.analytics.sensors;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The running windows of the regions whose partitions of {@code sensor.readings} this
 * instance owns: listeners offer readings and learn whether they counted; closed windows go
 * to {@code sensor.region-stats}, which every instance reads back for its API
 * ({@link LatestRegionStats}).
 */
@Component
class LiveRegionWindows implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LiveRegionWindows.class);

	/** A verdict is a few microseconds away; this only stops a listener from waiting forever. */
	private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(10);

	/** Several listener threads offer at once; a sink takes one emission at a time. */
	private final Object turn = new Object();

	private final Sinks.Many<EnrichedReading> readings = Sinks.many().unicast().onBackpressureBuffer();

	/** Offered readings waiting for their verdict, by identity: the fold hands back the same instance. */
	private final Map<EnrichedReading, Sinks.One<WindowSignal>> verdicts = Collections
		.synchronizedMap(new IdentityHashMap<>());

	private final EventPublisher publisher;

	private final MeterRegistry meters;

	private final Disposable windowing;

	LiveRegionWindows(SensorProperties properties, EventPublisher publisher, MeterRegistry meters) {
		this.publisher = publisher;
		this.meters = meters;
		this.windowing = RegionWindows.windows(this.readings.asFlux(), properties.windows())
			.doOnNext(this::observe)
			.ofType(WindowSignal.Closed.class)
			.onBackpressureBuffer()
			.concatMap((closed) -> publish(closed.stats()))
			.subscribe();
	}

	/** Completes once the reading is in its window; fails with the reason if it is in none (late, or its window full). */
	Mono<Void> offer(EnrichedReading reading) {
		Sinks.One<WindowSignal> verdict = Sinks.one();
		this.verdicts.put(reading, verdict);
		synchronized (this.turn) {
			this.readings.emitNext(reading, Sinks.EmitFailureHandler.FAIL_FAST);
		}
		return verdict.asMono()
			.timeout(VERDICT_TIMEOUT)
			.doFinally((signal) -> this.verdicts.remove(reading))
			.flatMap((signal) -> (signal instanceof WindowSignal.Refused refused)
					? Mono.error(new InvalidEventException(refused.reason())) : Mono.empty());
	}

	private void observe(WindowSignal signal) {
		if (signal instanceof WindowSignal.Accepted accepted) {
			verdict(accepted.reading(), signal);
		}
		else if (signal instanceof WindowSignal.Late late) {
			refused(late, "sensors.readings.late", "Readings that came after their window had closed");
		}
		else if (signal instanceof WindowSignal.Full full) {
			refused(full, "sensors.readings.window-full",
					"Readings turned away because their window held sensors.windows.max-readings already");
		}
	}

	private void refused(WindowSignal.Refused signal, String counter, String description) {
		Counter.builder(counter).tag("region", signal.reading().region())
			.description(description)
			.register(this.meters)
			.increment();
		verdict(signal.reading(), signal);
	}

	private void verdict(EnrichedReading reading, WindowSignal signal) {
		Sinks.One<WindowSignal> verdict = this.verdicts.get(reading);
		if (verdict != null) {
			verdict.tryEmitValue(signal);
		}
	}

	/**
	 * Retried until Kafka takes it: a closed window exists only in memory. Its event id is
	 * derived from region and window, so a repeat counts once downstream.
	 */
	private Mono<Void> publish(RegionStats stats) {
		return this.publisher.publish(stats.toEvent("sensor-windows"))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((retry) -> log.warn("Publishing the window {} of {} failed, retrying: {}",
						stats.windowStart(), stats.region(), retry.failure().toString())))
			.then();
	}

	@Override
	public void destroy() {
		this.windowing.dispose();
	}

}
