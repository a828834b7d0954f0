package io.github.eventsuite.user.registration;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import reactor.core.publisher.Mono;

/**
 * Publishes again the registrations still pending a while after they were accepted and
 * never acknowledged by Kafka: their first publication failed (Kafka away or slow) or died
 * with the process. The pending row is this first hop's outbox. A registration whose record
 * Kafka did acknowledge is left alone however long the consumer's backlog (re-publishing
 * those doubled the work exactly when there was too much, #14); one acknowledged just before
 * the process died, unmarked, is published twice, and the consumer creates its user once
 * ({@code Registrations.complete}).
 */
@Component
class StalledRegistrations {

	private static final Logger log = LoggerFactory.getLogger(StalledRegistrations.class);

	private static final int BATCH_SIZE = 100;

	private final RegistrationRepository repository;

	private final EventPublisher publisher;

	private final RegistrationProperties properties;

	private final Clock clock;

	StalledRegistrations(RegistrationRepository repository, EventPublisher publisher,
			RegistrationProperties properties, Clock clock) {
		this.repository = repository;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A round at start, then each {@code user.registration.resend-interval} after the last
	 * one ended. Spring subscribes to the same Mono for every round (hence the defer) and
	 * logs a failed round at WARN; the next round tries again.
	 */
	@Scheduled(fixedDelayString = "${user.registration.resend-interval}")
	Mono<Long> resendStalled() {
		return Mono.defer(this::resend);
	}

	/**
	 * Publishes every stale registration, a batch at a time, the next batch as soon as one is
	 * acknowledged (after an outage thousands may wait); emits how many.
	 */
	Mono<Long> resend() {
		return resendBatch().expand((count) -> (count == BATCH_SIZE) ? resendBatch() : Mono.empty())
			.reduce(0L, Long::sum);
	}

	private Mono<Long> resendBatch() {
		Instant now = this.clock.instant();
		return this.repository.claimStalePending(now.minus(this.properties.resendAfter()), now, BATCH_SIZE)
			.collectList()
			.timeout(RegistrationRepository.TIMEOUT)
			.filter((stale) -> !stale.isEmpty())
			.flatMap((stale) -> {
				log.warn("{} registrations still pending: publishing them again", stale.size());
				return this.publisher.publishAll(stale)
					.then(this.repository.markPublished(stale.stream().map(UserRegistrationRequested::userId).toList())
						.timeout(RegistrationRepository.TIMEOUT))
					.thenReturn((long) stale.size());
			})
			.defaultIfEmpty(0L);
	}

}
