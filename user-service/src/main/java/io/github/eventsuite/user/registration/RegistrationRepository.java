package io.github.eventsuite.user.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class RegistrationRepository {

	/**
	 * How long a request, a batch or a background round waits for PostgreSQL before it fails
	 * as an outage (503, the listener's retry, or the next round): a server that accepts connections but never answers would
	 * otherwise hold them without end. A batch takes milliseconds, and well under a second
	 * at the benchmark's saturation; a client waiting longer than this is better told 503.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final DatabaseClient db;

	RegistrationRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Stores the registrations as pending, in one statement; emits the ids of those stored.
	 * One is not stored when its email already has a pending or created registration (also
	 * an earlier one of the list).
	 */
	Flux<UUID> insertPending(List<PendingRegistration> registrations) {
		return this.db.sql("""
				insert into registrations (id, email, name, status, correlation_id, requested_at, updated_at)
				select id, email, name, 'PENDING', correlation_id, requested_at, requested_at
				from unnest(:ids::uuid[], :emails::varchar[], :names::varchar[], :correlationIds::varchar[],
				            :requestedAts::timestamptz[]) with ordinality
				     as r(id, email, name, correlation_id, requested_at, position)
				order by position
				on conflict do nothing
				returning id""")
			.bind("ids", registrations.stream().map((pending) -> pending.event().userId().toString()).toArray(String[]::new))
			.bind("emails", registrations.stream().map((pending) -> pending.event().email()).toArray(String[]::new))
			.bind("names", registrations.stream().map((pending) -> pending.event().name()).toArray(String[]::new))
			.bind("correlationIds", registrations.stream().map((pending) -> pending.event().envelope().correlationId())
				.toArray(String[]::new))
			.bind("requestedAts", registrations.stream().map((pending) -> pending.requestedAt().toString())
				.toArray(String[]::new))
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/** A registration accepted over the API: stored as pending, then published. */
	record PendingRegistration(UserRegistrationRequested event, Instant requestedAt) {

	}

	/**
	 * Records that Kafka acknowledged these registrations' records, for those still pending
	 * (a registration completed meanwhile needs no write).
	 */
	Mono<Void> markPublished(Collection<UUID> ids) {
		return this.db.sql("update registrations set published = true where id = any(:ids::uuid[]) and status = 'PENDING'")
			.bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
			.then();
	}

	/**
	 * Claims pending registrations never acknowledged by Kafka and not touched since
	 * {@code before}: touches them, so that each is claimed again only after another
	 * interval, and skips rows another instance is claiming at the same moment.
	 */
	Flux<UserRegistrationRequested> claimStalePending(Instant before, Instant now, int limit) {
		return this.db.sql("""
				update registrations set updated_at = :now
				where id in (select id from registrations where status = 'PENDING' and not published and updated_at < :before
				             order by updated_at limit :limit for update skip locked)
				returning id, name, email, correlation_id""")
			.bind("now", now).bind("before", before).bind("limit", limit)
			.map((row) -> UserRegistrationRequested.of(row.get("id", UUID.class), row.get("name", String.class),
					row.get("email", String.class), correlationIdOf(row)))
			.all();
	}

	/** Registrations stored before correlation ids were kept get their own id as one. */
	private static String correlationIdOf(Readable row) {
		String correlationId = row.get("correlation_id", String.class);
		return (correlationId != null) ? correlationId : String.valueOf(row.get("id", UUID.class));
	}

	/** Inserts every user whose id and email are both free (the first of the list wins an email); emits their ids. */
	Flux<UUID> insertUsers(List<UserRegistrationRequested> requests, Instant createdAt) {
		return this.db.sql("""
				insert into users (id, name, email, created_at)
				select id, name, email, :createdAt
				from unnest(:ids::uuid[], :names::varchar[], :emails::varchar[]) with ordinality as u(id, name, email, position)
				order by position
				on conflict do nothing
				returning id""")
			.bind("ids", requests.stream().map((request) -> request.userId().toString()).toArray(String[]::new))
			.bind("names", requests.stream().map(UserRegistrationRequested::name).toArray(String[]::new))
			.bind("emails", requests.stream().map(UserRegistrationRequested::email).toArray(String[]::new))
			.bind("createdAt", createdAt)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/** Which of these users exist. */
	Flux<UUID> existingUsers(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return this.db.sql("select id from users where id = any(:ids::uuid[])")
			.bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/** Records the outcomes, also of registrations that did not come through this API; each id at most once. */
	Mono<Void> settleAll(List<Settlement> settlements, Instant now) {
		if (settlements.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				insert into registrations (id, email, name, status, reason, requested_at, updated_at)
				select id, email, name, status, nullif(reason, ''), :now, :now
				from unnest(:ids::uuid[], :emails::varchar[], :names::varchar[], :statuses::varchar[], :reasons::varchar[])
				     as r(id, email, name, status, reason)
				on conflict (id) do update set status = excluded.status, reason = excluded.reason,
				    updated_at = excluded.updated_at""")
			.bind("ids", settlements.stream().map((settled) -> settled.request().userId().toString()).toArray(String[]::new))
			.bind("emails", settlements.stream().map((settled) -> settled.request().email()).toArray(String[]::new))
			.bind("names", settlements.stream().map((settled) -> settled.request().name()).toArray(String[]::new))
			.bind("statuses", settlements.stream().map((settled) -> settled.status().name()).toArray(String[]::new))
			.bind("reasons", settlements.stream().map((settled) -> (settled.reason() != null) ? settled.reason() : "")
				.toArray(String[]::new))
			.bind("now", now)
			.then();
	}

	/** The outcome of one registration: created, or rejected with a reason. */
	record Settlement(UserRegistrationRequested request, RegistrationStatus status, @Nullable String reason) {

	}

	Mono<Registration> find(UUID id) {
		return this.db.sql("""
				select r.id, r.name, r.email, r.status, r.reason, r.requested_at, u.created_at
				from registrations r left join users u on u.id = r.id
				where r.id = :id""")
			.bind("id", id)
			.map((row) -> new Registration(row.get("id", UUID.class), row.get("name", String.class),
					row.get("email", String.class), RegistrationStatus.valueOf(row.get("status", String.class)),
					row.get("reason", String.class), instant(row, "requested_at"), instantOrNull(row, "created_at")))
			.one();
	}

	private static Instant instant(Readable row, String column) {
		return Objects.requireNonNull(instantOrNull(row, column), column);
	}

	private static @Nullable Instant instantOrNull(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
