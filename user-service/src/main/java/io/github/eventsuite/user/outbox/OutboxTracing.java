package io.github.eventsuite.user.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries a trace across the outbox: the event is written in one trace (the consumer's) and
 * sent later by the relay, on a thread of its own. The row keeps the W3C {@code traceparent}
 * of the moment it was written; the relay sends it inside a span that continues that trace.
 */
@Component
class OutboxTracing {

	private static final String TRACEPARENT = "traceparent";

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	/**
	 * Looked up once: a lookup per outbox entry (two per event) was 2.5% of user-service's
	 * samples at 1,000/s (#14, docs/benchmarks.md).
	 */
	OutboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable();
		this.propagator = propagator.getIfAvailable();
	}

	/** The current trace as a {@code traceparent} value; null outside a trace or without tracing. */
	@Nullable String current() {
		Span span = (this.tracer != null) ? this.tracer.currentSpan() : null;
		if (span == null || this.propagator == null) {
			return null;
		}
		Map<String, String> headers = new HashMap<>();
		this.propagator.inject(span.context(), headers, (carrier, key, value) -> headers.put(key, value));
		return headers.get(TRACEPARENT);
	}

	/** Runs {@code send} in a span continuing {@code traceparent} (a new trace when null). */
	<T> T continuing(@Nullable String traceparent, Supplier<T> send) {
		if (this.tracer == null || this.propagator == null || traceparent == null) {
			return send.get();
		}
		Span span = this.propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name("outbox relay").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return send.get();
		}
		finally {
			span.end();
		}
	}

}
