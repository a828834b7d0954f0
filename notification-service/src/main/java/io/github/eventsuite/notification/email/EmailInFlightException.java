package io.github.eventsuite.notification.email;

import io.github.eventsuite.eventbus.kafka.RetryLaterException;

/** Another delivery of the same event is sending this email right now: try again later. */
class EmailInFlightException extends RetryLaterException {

	EmailInFlightException(WelcomeEmail email) {
		super("Email " + email.messageId() + " is being sent by another delivery");
	}

}
