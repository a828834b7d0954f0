package io.github.eventsuite.user.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.github.eventsuite.eventbus.batch.Batcher;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import io.github.eventsuite.user.outbox.Outbox;
import io.github.eventsuite.user.registration.RegistrationRepository.Settlement;
import reactor.core.publisher.Mono;

/**
 * Creates users from {@code user.register}, many in one transaction: the records of a poll
 * are handled concurrently and meet here in batches, so that a batch costs four statements
 * and one commit (users, the registrations' outcomes, the outbox), not four and a commit per
 * record. Each record still learns its own outcome (and is retried or dead-lettered alone).
 */
@Component
class UserCreations {

	private static final Logger log = LoggerFactory.getLogger(UserCreations.class);

	/** Half of a poll (500 records by default): two batches can be in flight at once. */
	private static final int BATCH_SIZE = 250;


	private final RegistrationRepository repository;

	private final Outbox outbox;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Batcher<Creation, Outcome> batches;

	UserCreations(RegistrationRepository repository, Outbox outbox, TransactionalOperator transaction, Clock clock) {
		this.repository = repository;
		this.outbox = outbox;
		this.transaction = transaction;
		this.clock = clock;
		// A constraint a single record breaks fails its batch: then each is tried alone.
		this.batches = new Batcher<>(BATCH_SIZE, 2, RegistrationRepository.TIMEOUT, this::createAll, DataIntegrityViolationException.class::isInstance);
	}

	/**
	 * Creates the user and, in the same transaction, puts its {@code user.created} into the
	 * outbox. Idempotent: a redelivered registration changes nothing (its event is in the
	 * outbox already); a registration of an email that belongs to another user is rejected
	 * and recorded with its reason.
	 */
	Mono<Outcome> create(UserRegistrationRequested request) {
		// handle: Reactor puts the caller's trace on this thread here, for currentTrace to read.
		return Mono.just(request)
			.<Creation>handle((registration, sink) -> sink.next(new Creation(registration, this.outbox.currentTrace())))
			.flatMap(this.batches::submit);
	}

	private Mono<List<Outcome>> createAll(List<Creation> creations) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Map<UUID, Creation> byUser = new LinkedHashMap<>();
		creations.forEach((creation) -> byUser.putIfAbsent(creation.request().userId(), creation));
		List<UserRegistrationRequested> requests = byUser.values().stream().map(Creation::request).toList();
		return this.transaction.transactional(this.repository.insertUsers(requests, now).collect(HashSet<UUID>::new, Set::add)
			.flatMap((created) -> this.repository.existingUsers(notIn(created, byUser.keySet()))
				.collect(HashSet<UUID>::new, Set::add)
				.flatMap((redelivered) -> record(byUser.values(), created, redelivered, now))))
			.map((outcomes) -> creations.stream().map((creation) -> outcomes.get(creation.request().userId())).toList());
	}

	private Mono<Map<UUID, Outcome>> record(Iterable<Creation> creations, Set<UUID> created, Set<UUID> redelivered,
			Instant now) {
		Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
		List<Settlement> settlements = new ArrayList<>();
		List<Outbox.Entry> events = new ArrayList<>();
		for (Creation creation : creations) {
			UserRegistrationRequested request = creation.request();
			Outcome outcome = created.contains(request.userId()) ? Outcome.CREATED
					: redelivered.contains(request.userId()) ? Outcome.ALREADY_CREATED : Outcome.REJECTED;
			outcomes.put(request.userId(), outcome);
			if (outcome == Outcome.CREATED) {
				settlements.add(new Settlement(request, RegistrationStatus.CREATED, null));
				events.add(new Outbox.Entry(UserCreated.of(request.userId(), request.name(), request.email(), now,
						request.envelope().correlationId()), creation.traceparent()));
			}
			else if (outcome == Outcome.REJECTED) {
				log.warn("Registration {} rejected: {}", request.userId(), Registrations.DUPLICATE_EMAIL);
				settlements.add(new Settlement(request, RegistrationStatus.REJECTED, Registrations.DUPLICATE_EMAIL));
			}
		}
		return this.repository.settleAll(settlements, now).then(this.outbox.appendAll(events)).thenReturn(outcomes);
	}

	private static Set<UUID> notIn(Set<UUID> created, Set<UUID> all) {
		Set<UUID> rest = new HashSet<>(all);
		rest.removeAll(created);
		return rest;
	}


	/** What became of a registration. */
	enum Outcome {

		CREATED, ALREADY_CREATED, REJECTED

	}

	/** A registration to complete, with the trace its record came in. */
	private record Creation(UserRegistrationRequested request, @Nullable String traceparent) {

	}

}
