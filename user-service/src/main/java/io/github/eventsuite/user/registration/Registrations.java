package io.github.eventsuite.user.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import io.github.eventsuite.user.outbox.Outbox;
import reactor.core.publisher.Mono;

/** The registration use cases: accept over the API, complete from {@code user.register}. */
@Service
class Registrations {

	static final String DUPLICATE_EMAIL = "email already registered";

	private static final Logger log = LoggerFactory.getLogger(Registrations.class);

	private final RegistrationRepository repository;

	private final EventPublisher publisher;

	private final Outbox outbox;

	private final TransactionalOperator transaction;

	private final Clock clock;

	Registrations(RegistrationRepository repository, EventPublisher publisher, Outbox outbox,
			TransactionalOperator transaction, Clock clock) {
		this.repository = repository;
		this.publisher = publisher;
		this.outbox = outbox;
		this.transaction = transaction;
		this.clock = clock;
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
		return this.repository.insertPending(id, request.name(), request.email(), correlationId, now)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(EmailAlreadyRegisteredException::new))
			.then(this.publisher.publish(event)
				.onErrorResume((ex) -> this.repository.deletePending(id).then(Mono.error(new RegistrationNotQueuedException(ex)))))
			.doOnSuccess((sent) -> log.info("Registration {} accepted", id))
			.thenReturn(new Registration(id, request.name(), request.email(), RegistrationStatus.PENDING, null, now, null));
	}

	Mono<Registration> find(UUID id) {
		return this.repository.find(id);
	}

	/**
	 * Creates the user and, in the same transaction, puts its {@code user.created} into the
	 * outbox. Idempotent: a redelivered registration changes nothing (its event is in the
	 * outbox already); a second registration of an email that belongs to another user is
	 * rejected and recorded with its reason.
	 */
	Mono<Void> complete(UserRegistrationRequested request) {
		return this.transaction.transactional(createUser(request));
	}

	private Mono<Void> createUser(UserRegistrationRequested request) {
		Instant now = now();
		return this.repository.insertUser(request.userId(), request.name(), request.email(), now)
			.flatMap((inserted) -> inserted
					? settle(request, RegistrationStatus.CREATED, null, now).then(this.outbox.append(UserCreated.of(
							request.userId(), request.name(), request.email(), now, request.envelope().correlationId())))
					: this.repository.findUser(request.userId()).hasElement()
						.flatMap((redelivered) -> redelivered ? Mono.empty() : reject(request, now)));
	}

	private Mono<Void> reject(UserRegistrationRequested request, Instant now) {
		log.warn("Registration {} rejected: {}", request.userId(), DUPLICATE_EMAIL);
		return settle(request, RegistrationStatus.REJECTED, DUPLICATE_EMAIL, now);
	}

	private Mono<Void> settle(UserRegistrationRequested request, RegistrationStatus status, String reason, Instant now) {
		return this.repository.settle(request.userId(), request.name(), request.email(), status, reason, now);
	}

	/** Microseconds: what PostgreSQL stores, so that a re-emitted event equals the first one. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
