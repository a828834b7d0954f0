package io.github.eventsuite.analytics.deadletters;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetters;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code dead.letters{topic}}: how many records each topic has dead-lettered, refreshed every 30 s. */
@Component
class DeadLetterMetrics implements SmartLifecycle {

	private static final Duration REFRESH = Duration.ofSeconds(30);

	private final DeadLetters deadLetters;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private volatile @Nullable Disposable refreshing;

	DeadLetterMetrics(DeadLetters deadLetters, MeterRegistry meters) {
		this.deadLetters = deadLetters;
		for (String topic : Topics.ALL) {
			AtomicLong count = this.counts.computeIfAbsent(topic, (name) -> new AtomicLong());
			Gauge.builder("dead.letters", count, AtomicLong::get).tag("topic", topic)
				.description("Records on the topic's dead-letter topic")
				.register(meters);
		}
	}

	@Override
	public void start() {
		this.refreshing = Flux.interval(Duration.ZERO, REFRESH)
			.onBackpressureDrop()
			.concatMap((tick) -> this.deadLetters.counts().onErrorResume((ex) -> Mono.empty()), 1)
			.subscribe((counts) -> counts.forEach(this::set));
	}

	private void set(String topic, long count) {
		AtomicLong gauge = this.counts.get(topic);
		if (gauge != null) {
			gauge.set(count);
		}
	}

	@Override
	public void stop() {
		Disposable refreshing = this.refreshing;
		if (refreshing != null) {
			refreshing.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable refreshing = this.refreshing;
		return refreshing != null && !refreshing.isDisposed();
	}

}
