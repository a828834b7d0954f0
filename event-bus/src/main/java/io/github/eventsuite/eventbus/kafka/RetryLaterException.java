package io.github.eventsuite.eventbus.kafka;

/**
 * The record is fine, but cannot be processed yet for a reason outside it: a dependency
 * answered "try later", or another delivery holds the work. Like any {@link Outages outage}
 * it is retried for as long as it lasts and never dead-lettered ({@link ListenerRetry}).
 */
public class RetryLaterException extends RuntimeException {

	public RetryLaterException(String message) {
		super(message);
	}

	public RetryLaterException(String message, Throwable cause) {
		super(message, cause);
	}

}
