package io.github.eventsuite.notification.email;

import io.github.eventsuite.eventbus.kafka.RetryLaterException;

/** The SMTP server said "not now" (a {@code 4xx} reply, e.g. 421 or 451): sent again later, however late. */
class EmailDeferredException extends RetryLaterException {

	EmailDeferredException(WelcomeEmail email, int replyCode, Throwable cause) {
		super("The SMTP server deferred welcome email " + email.messageId() + " (reply " + replyCode + ")", cause);
	}

}
