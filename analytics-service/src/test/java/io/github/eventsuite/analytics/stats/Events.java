package io.github.eventsuite.analytics.stats;

import java.time.Instant;
import java.util.UUID;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/** The events the statistics count, happening at given times. */
final class Events {

	private Events() {
	}

	static UserRegistrationRequested registered(UUID userId, Instant at) {
		EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), UserRegistrationRequested.TYPE,
				UserRegistrationRequested.SCHEMA_VERSION, at, "c");
		return new UserRegistrationRequested(envelope, userId, "User", "user-" + userId + "@example.com");
	}

	static UserCreated userCreated(UUID userId, Instant at) {
		return UserCreated.of(userId, "User", "user-" + userId + "@example.com", at, "c");
	}

	static EmailSent emailSent(UUID userId, Instant at) {
		return EmailSent.of(userId, "welcome", "<welcome." + userId + "@test>", at, "c");
	}

}
