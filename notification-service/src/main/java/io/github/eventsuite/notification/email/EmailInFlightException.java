package io.github.eventsuite.notification.email;

/** Another delivery of the same event is sending this email right now: try again later. */
class EmailInFlightException extends RuntimeException {

	EmailInFlightException(WelcomeEmail email) {
		super("Email " + email.messageId() + " is being sent by another delivery");
	}

}
