package io.github.eventsuite.notification.email;

import io.github.eventsuite.eventbus.kafka.RetryLaterException;

/**
 * The email's claim would run out before the SMTP conversation could end (it waited too
 * long for a connection): nothing was sent, and the delivery is retried with a new claim.
 */
class ClaimExpiredException extends RetryLaterException {

	ClaimExpiredException(WelcomeEmail email) {
		super("The claim on email " + email.messageId() + " expires before a send could end; nothing was sent");
	}

}
