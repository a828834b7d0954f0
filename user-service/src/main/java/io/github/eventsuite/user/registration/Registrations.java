package io.github.eventsuite.user.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
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
import io.github.eventsuite.eventbus.kafka.Outages;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import io.github.eventsuite.user.registration.RegistrationRepository.PendingRegistration;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

/** The registration use cases: accept over the API, complete from {@code user.register}. */
@Service
class Registrations {

	static final String DUPLICATE_EMAIL = "email already registered";

	private static final Logger log = LoggerFactory.getLogger(Registrations.class);

	private static final int PENDING_BATCH_SIZE = 200;

	/**
	 * Requests waiting for their pending row at most; more are answered 503 at once. At
	 * 1,000/s offered on two cores, waiting without a bound ran user-service out of its
	 * 128 MB heap (#14, docs/benchmarks.md); five batches' worth is a second or less of
	 * waiting when the database keeps up at all.
	 */
	private static final int MAX_WAITING = 5 * PENDING_BATCH_SIZE;

	private static final int PUBLISHED_BATCH_SIZE = 500;

	/** Publications in flight at most: about 10 MB of events and futures. */
	private static final int MAX_PUBLISHING = 10_000;


	private final RegistrationRepository repository;

	private final EventPublisher publisher;

	private final UserCreations creations;

	private final Batcher<PendingRegistration, Boolean> pending;

	private final Batcher<UUID, Boolean> published;

	private final Clock clock;

	private final PublicationsInFlight publishing;

	/** Until {@link StalledRegistrations} would take over: one delivery timeout less. */
	private final Duration retryPublishingFor;

	Registrations(RegistrationRepository repository, EventPublisher publisher, UserCreations creations,
			RegistrationProperties properties, Clock clock, PublicationsInFlight publishing) {
		this.retryPublishingFor = properties.resendAfter().minusSeconds(15);
		this.repository = repository;
		this.publisher = publisher;
		this.creations = creations;
		this.clock = clock;
		this.publishing = publishing;
		// A lone request is written at once; under load, requests gather while
		// the previous two are being written.
		this.pending = new Batcher<>(PENDING_BATCH_SIZE, 2, MAX_WAITING, RegistrationRepository.TIMEOUT,
				this::storePending, DataIntegrityViolationException.class::isInstance);
		this.published = new Batcher<>(PUBLISHED_BATCH_SIZE, 1, RegistrationRepository.TIMEOUT,
				(ids) -> repository.markPublished(ids).thenReturn(Collections.nCopies(ids.size(), true)), (ex) -> false);
	}

	/**
	 * Records the registration as pending and completes once that is committed: from then on
	 * it is kept. It is published to {@code user.register} at once, without the request
	 * waiting for Kafka; if that fails (Kafka away, the process gone),
	 * {@link StalledRegistrations} publishes it again once it has been pending for a while.
	 */
	Mono<Registration> accept(RegistrationRequest request, String correlationId) {
		UUID id = UUID.randomUUID();
		Instant now = now();
		var event = UserRegistrationRequested.of(id, request.name(), request.email(), correlationId);
		return this.pending.submit(new PendingRegistration(event, now))
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(EmailAlreadyRegisteredException::new))
			.flatMap((stored) -> Mono.deferContextual((context) -> {
				publishSoon(event, context);
				return Mono.just(stored);
			}))
			// handle: Reactor puts the request's trace on this thread for the log line. DEBUG: a
			// line per registration cost 5% of the database event loop's samples at 500/s (#14);
			// the count is in http.server.requests, the single registration in its trace.
			.handle((stored, sink) -> {
				log.debug("Registration {} accepted", id);
				sink.next(new Registration(id, request.name(), request.email(), RegistrationStatus.PENDING, null, now, null));
			});
	}

	/**
	 * Publishes without holding the request: under the request's context, so that the
	 * record continues its trace. An outage (a broker lost, Kafka restarting) is retried
	 * until shortly before {@link StalledRegistrations} would publish the registration again.
	 * At most about {@value #MAX_PUBLISHING} at once: beyond that (Kafka slow or away) a
	 * registration stays pending for {@link StalledRegistrations}, rather than in memory. A
	 * stop waits for them ({@link PublicationsInFlight}).
	 */
	private void publishSoon(UserRegistrationRequested event, ContextView request) {
		if (this.publishing.count() >= MAX_PUBLISHING) {
			log.warn("Registration {} left pending: {} publications in flight", event.userId(), MAX_PUBLISHING);
			return;
		}
		this.publishing.track(this.publisher.publish(event)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(5))
				.filter(Outages::isOutage))
			.timeout(this.retryPublishingFor)
			.then(markPublished(event.userId())))
			.contextWrite(request)
			.subscribe((sent) -> {
			}, (ex) -> log.warn("Registration {} not published yet, left pending: {}", event.userId(), ex.toString()));
	}

	/**
	 * So that {@link StalledRegistrations} leaves it alone while it waits in a backlog; if
	 * the mark fails, the registration is only published once more.
	 */
	private Mono<Void> markPublished(UUID id) {
		return this.published.submit(id).then().onErrorResume((ex) -> {
			log.debug("Registration {} published, not marked: {}", id, ex.toString());
			return Mono.empty();
		});
	}

	/** Concurrent requests' pending rows: one statement and one commit for a batch. */
	private Mono<List<Boolean>> storePending(List<PendingRegistration> registrations) {
		return this.repository.insertPending(registrations).collect(HashSet<UUID>::new, Set::add)
			.map((stored) -> registrations.stream().map((pending) -> stored.contains(pending.event().userId())).toList());
	}

	Mono<Registration> find(UUID id) {
		return this.repository.find(id).timeout(RegistrationRepository.TIMEOUT);
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
