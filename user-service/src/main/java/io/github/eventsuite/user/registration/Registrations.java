package io.github.eventsuite.user.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import io.github.eventsuite.eventbus.batch.Batcher;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import io.github.eventsuite.user.registration.RegistrationRepository.PendingRegistration;
import reactor.core.publisher.Mono;

/** The registration use cases: accept over the API, complete from {@code user.register}. */
@Service
class Registrations {

	static final String DUPLICATE_EMAIL = "email already registered";

	private static final Logger log = LoggerFactory.getLogger(Registrations.class);

	private static final int PENDING_BATCH_SIZE = 200;


	private final RegistrationRepository repository;

	private final EventPublisher publisher;

	private final UserCreations creations;

	private final Batcher<PendingRegistration, Boolean> pending;

	private final Clock clock;

	Registrations(RegistrationRepository repository, EventPublisher publisher, UserCreations creations, Clock clock) {
		this.repository = repository;
		this.publisher = publisher;
		this.creations = creations;
		this.clock = clock;
		// A lone request is written at once; under load, requests gather while
		// the previous two are being written.
		this.pending = new Batcher<>(PENDING_BATCH_SIZE, 2, this::storePending,
				DataIntegrityViolationException.class::isInstance);
	}

	/**
	 * Records the registration as pending, then publishes it; completes once Kafka has
	 * acknowledged it. If Kafka never does, the pending record is removed again so that the
	 * client can simply retry.
	 */
	Mono<Registration> accept(RegistrationRequest request, String correlationId) {
		UUID id = UUID.randomUUID();
		Instant now = now();
		var event = UserRegistrationRequested.of(id, request.name(), request.email(), correlationId);
		return this.pending.submit(new PendingRegistration(event, now))
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(EmailAlreadyRegisteredException::new))
			.then(this.publisher.publish(event)
				.onErrorResume((ex) -> this.repository.deletePending(id).then(Mono.error(new RegistrationNotQueuedException(ex)))))
			// handle: Reactor puts the request's trace on this thread for the log line.
			.handle((sent, sink) -> {
				log.info("Registration {} accepted", id);
				sink.next(new Registration(id, request.name(), request.email(), RegistrationStatus.PENDING, null, now, null));
			});
	}

	/** Concurrent requests' pending rows: one statement and one commit for a batch. */
	private Mono<List<Boolean>> storePending(List<PendingRegistration> registrations) {
		return this.repository.insertPending(registrations).collect(HashSet<UUID>::new, Set::add)
			.map((stored) -> registrations.stream().map((pending) -> stored.contains(pending.event().userId())).toList());
	}

	Mono<Registration> find(UUID id) {
		return this.repository.find(id);
	}

	/** Creates the user and its {@code user.created}, batched with others ({@link UserCreations}). */
	Mono<Void> complete(UserRegistrationRequested request) {
		return this.creations.create(request).then();
	}


	/** Microseconds: what PostgreSQL stores, so that a re-emitted event equals the first one. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
