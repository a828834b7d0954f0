package io.github.eventsuite.eventbus;

import java.util.Locale;

/** Field checks for event records: consumed events are validated as strictly as HTTP input. */
public final class Require {

	private Require() {
	}

	public static <T> T present(T value, String field) {
		if (value == null) {
			throw new InvalidEventException(field + " is required");
		}
		return value;
	}

	/** Non-blank text of at most {@code maxLength} characters, without control characters. */
	public static String text(String value, String field, int maxLength) {
		present(value, field);
		if (value.isBlank()) {
			throw new InvalidEventException(field + " must not be blank");
		}
		if (value.length() > maxLength) {
			throw new InvalidEventException(field + " must be at most " + maxLength + " characters");
		}
		if (hasControlCharacter(value)) {
			throw new InvalidEventException(field + " must not contain control characters");
		}
		return value;
	}

	/**
	 * A loop, not {@code chars().anyMatch}: every event's text fields pass here, and with C1
	 * only (analytics-service) the stream's objects are allocated for each field.
	 */
	private static boolean hasControlCharacter(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/** A present, finite number: neither NaN nor infinite. */
	public static Double finite(Double value, String field) {
		present(value, field);
		if (value.isNaN() || value.isInfinite()) {
			throw new InvalidEventException(field + " must be a finite number");
		}
		return value;
	}

	/** A syntactically plausible, already normalised (lower-case) email address. */
	public static String email(String value, String field) {
		text(value, field, 254);
		int at = value.indexOf('@');
		if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1 || !value.equals(value.toLowerCase(Locale.ROOT))) {
			throw new InvalidEventException(field + " must be a normalised email address");
		}
		return value;
	}

	public static void schemaVersion(EventEnvelope envelope, String eventType, int supportedVersion) {
		present(envelope, "envelope");
		if (!envelope.eventType().equals(eventType)) {
			throw new InvalidEventException("envelope.eventType is '" + envelope.eventType() + "', expected '" + eventType + "'");
		}
		if (envelope.schemaVersion() > supportedVersion) {
			throw new InvalidEventException("unknown schema version " + envelope.schemaVersion() + " of " + eventType
					+ " (this consumer knows up to " + supportedVersion + ")");
		}
	}

}
