package io.github.eventsuite.eventbus;

/**
 * A record that can never be processed: malformed, of an unknown type or schema version, or
 * failing validation. Retrying cannot help, so it goes straight to the dead-letter topic.
 */
public class InvalidEventException extends IllegalArgumentException {

	public InvalidEventException(String message) {
		super(message);
	}

	public InvalidEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
