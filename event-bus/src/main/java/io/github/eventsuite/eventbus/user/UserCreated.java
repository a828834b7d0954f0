package io.github.eventsuite.eventbus.user;

import java.time.Instant;
import java.util.UUID;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.PersonalData;
import io.github.eventsuite.eventbus.Require;

/**
 * A user was stored: emitted once per user, keyed by the user id.
 *
 * @param email normalised email address: personal data, never logged
 */
public record UserCreated(EventEnvelope envelope, UUID userId, String name, String email, Instant createdAt)
		implements UserEvent {

	public static final String TYPE = "user.created";

	public static final int SCHEMA_VERSION = 1;

	public UserCreated {
		Require.schemaVersion(envelope, TYPE, SCHEMA_VERSION);
		Require.present(userId, "userId");
		Require.text(name, "name", 100);
		Require.email(email, "email");
		Require.present(createdAt, "createdAt");
	}

	/** There is one user.created per user: its event id is derived from the user id. */
	public static UserCreated of(UUID userId, String name, String email, Instant createdAt, String correlationId) {
		EventEnvelope envelope = EventEnvelope.once(TYPE, SCHEMA_VERSION, userId.toString(), createdAt, correlationId);
		return new UserCreated(envelope, userId, name, email, createdAt);
	}

	@Override
	public String key() {
		return this.userId.toString();
	}

	/** Name and email masked: events end up in log lines and exception messages. */
	@Override
	public String toString() {
		return "UserCreated[envelope=" + this.envelope + ", userId=" + this.userId + ", name="
				+ PersonalData.maskName(this.name) + ", email=" + PersonalData.maskEmail(this.email) + ", createdAt="
				+ this.createdAt + "]";
	}

}
