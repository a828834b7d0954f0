package io.github.eventsuite.user.registration;

import java.time.Instant;
import java.util.UUID;

/** A registration as stored, with the user's creation time once it exists. */
record Registration(UUID id, String name, String email, RegistrationStatus status, String reason,
		Instant requestedAt, Instant createdAt) {

}
