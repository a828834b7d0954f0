package io.github.eventsuite.eventbus.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.PersonalData;
import io.github.eventsuite.eventbus.Require;

/**
 * A registration was accepted over the API and waits to become a user.
 *
 * @param userId the id the new user will have
 * @param name trimmed display name, 1 to 100 characters
 * @param email normalised (lower-case) email address: personal data, never logged
 */
public record UserRegistrationRequested(EventEnvelope envelope, UUID userId, String name, String email)
		implements UserEvent {

	public static final String TYPE = "user.register";

	public static final int SCHEMA_VERSION = 1;

	public UserRegistrationRequested {
		Require.schemaVersion(envelope, TYPE, SCHEMA_VERSION);
		Require.present(userId, "userId");
		Require.text(name, "name", 100);
		Require.email(email, "email");
	}

	public static UserRegistrationRequested of(UUID userId, String name, String email, String correlationId) {
		return new UserRegistrationRequested(EventEnvelope.next(TYPE, SCHEMA_VERSION, correlationId), userId, name, email);
	}

	/**
	 * Keyed by the email so that all registrations of one address land on one partition, in
	 * order; hashed so that the address itself stays out of the key.
	 */
	@Override
	public String key() {
		return emailKey(this.email);
	}

	/** Name and email masked: events end up in log lines and exception messages. */
	@Override
	public String toString() {
		return "UserRegistrationRequested[envelope=" + this.envelope + ", userId=" + this.userId + ", name="
				+ PersonalData.maskName(this.name) + ", email=" + PersonalData.maskEmail(this.email) + "]";
	}

	static String emailKey(String email) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
