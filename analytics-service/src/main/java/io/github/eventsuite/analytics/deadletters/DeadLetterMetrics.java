package io.github.eventsuite.analytics.deadletters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetters;
import reactor.core.publisher.Mono;

/** {@code dead.letters{topic}}: how many records each topic has dead-lettered, refreshed every 30 s. */
@Component
class DeadLetterMetrics {

	private final DeadLetters deadLetters;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	DeadLetterMetrics(DeadLetters deadLetters, MeterRegistry meters) {
		this.deadLetters = deadLetters;
		for (String topic : Topics.ALL) {
			AtomicLong count = this.counts.computeIfAbsent(topic, (name) -> new AtomicLong());
			Gauge.builder("dead.letters", count, AtomicLong::get).tag("topic", topic)
				.description("Records on the topic's dead-letter topic")
				.register(meters);
		}
	}

	/** From the start, then 30 s after each refresh has ended; a failed one keeps the last counts. */
	@Scheduled(fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
	Mono<Void> refresh() {
		return this.deadLetters.counts()
			.doOnNext((counts) -> counts.forEach(this::set))
			.onErrorResume((ex) -> Mono.empty())
			.then();
	}

	private void set(String topic, long count) {
		AtomicLong gauge = this.counts.get(topic);
		if (gauge != null) {
			gauge.set(count);
		}
	}

}
