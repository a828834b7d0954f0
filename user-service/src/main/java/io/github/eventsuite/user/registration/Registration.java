package io.github.eventsuite.user.registration;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.github.eventsuite.eventbus.PersonalData;

/** A registration as stored, with the user's creation time once it exists. */
record Registration(UUID id, String name, String email, RegistrationStatus status, @Nullable String reason,
		Instant requestedAt, @Nullable Instant createdAt) {

	/** Name and email masked: personal data stays out of logs. */
	@Override
	public String toString() {
		return "Registration[id=" + this.id + ", name=" + PersonalData.maskName(this.name) + ", email="
				+ PersonalData.maskEmail(this.email) + ", status=" + this.status + ", reason=" + this.reason
				+ ", requestedAt=" + this.requestedAt + ", createdAt=" + this.createdAt + "]";
	}

}
