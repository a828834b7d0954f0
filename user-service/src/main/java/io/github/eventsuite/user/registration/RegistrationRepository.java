package io.github.eventsuite.user.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class RegistrationRepository {

	private final DatabaseClient db;

	RegistrationRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Emits false, inserting nothing, when the email already has a pending or created registration. */
	Mono<Boolean> insertPending(UUID id, String name, String email, String correlationId, Instant now) {
		return this.db.sql("""
				insert into registrations (id, email, name, status, correlation_id, requested_at, updated_at)
				values (:id, :email, :name, 'PENDING', :correlationId, :now, :now)
				on conflict do nothing""")
			.bind("id", id).bind("email", email).bind("name", name).bind("correlationId", correlationId)
			.bind("now", now)
			.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	/**
	 * Claims pending registrations not touched since {@code before}: touches them, so that
	 * each is claimed again only after another interval, and skips rows another instance is
	 * claiming at the same moment.
	 */
	Flux<UserRegistrationRequested> claimStalePending(Instant before, Instant now, int limit) {
		return this.db.sql("""
				update registrations set updated_at = :now
				where id in (select id from registrations where status = 'PENDING' and updated_at < :before
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

	/** Frees the email again when a registration could not be queued. */
	Mono<Void> deletePending(UUID id) {
		return this.db.sql("delete from registrations where id = :id and status = 'PENDING'")
			.bind("id", id).then();
	}

	/** Emits false when a user with that id or that email exists already. */
	Mono<Boolean> insertUser(UUID id, String name, String email, Instant createdAt) {
		return this.db.sql("""
				insert into users (id, name, email, created_at) values (:id, :name, :email, :createdAt)
				on conflict do nothing""")
			.bind("id", id).bind("name", name).bind("email", email).bind("createdAt", createdAt)
			.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	/** Records the outcome, also for registrations that did not come through this API. */
	Mono<Void> settle(UUID id, String name, String email, RegistrationStatus status, String reason, Instant now) {
		DatabaseClient.GenericExecuteSpec insert = this.db.sql("""
				insert into registrations (id, email, name, status, reason, requested_at, updated_at)
				values (:id, :email, :name, :status, :reason, :now, :now)
				on conflict (id) do update set status = excluded.status, reason = excluded.reason,
				    updated_at = excluded.updated_at""")
			.bind("id", id).bind("email", email).bind("name", name).bind("status", status.name())
			.bind("now", now);
		return ((reason != null) ? insert.bind("reason", reason) : insert.bindNull("reason", String.class)).then();
	}

	Mono<Registration> findUser(UUID id) {
		return this.db.sql("select id, name, email, created_at from users where id = :id")
			.bind("id", id)
			.map((row) -> new Registration(row.get("id", UUID.class), row.get("name", String.class),
					row.get("email", String.class), RegistrationStatus.CREATED, null, null, instant(row, "created_at")))
			.one();
	}

	Mono<Registration> find(UUID id) {
		return this.db.sql("""
				select r.id, r.name, r.email, r.status, r.reason, r.requested_at, u.created_at
				from registrations r left join users u on u.id = r.id
				where r.id = :id""")
			.bind("id", id)
			.map((row) -> new Registration(row.get("id", UUID.class), row.get("name", String.class),
					row.get("email", String.class), RegistrationStatus.valueOf(row.get("status", String.class)),
					row.get("reason", String.class), instant(row, "requested_at"), instant(row, "created_at")))
			.one();
	}

	private static Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
