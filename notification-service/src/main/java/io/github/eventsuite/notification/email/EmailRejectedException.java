package io.github.eventsuite.notification.email;

import io.github.eventsuite.eventbus.InvalidEventException;

/**
 * The SMTP server refused the email for good (a {@code 5xx} reply, e.g. no such mailbox):
 * sending it again cannot help, so its {@code user.created} goes to the dead-letter topic at
 * once, with the reply code as the reason, and holds up no other email. The server's reply
 * text is left out: it often repeats the address.
 */
class EmailRejectedException extends InvalidEventException {

	EmailRejectedException(WelcomeEmail email, int replyCode, Throwable cause) {
		super("The SMTP server rejected welcome email " + email.messageId() + " for good (reply " + replyCode + ")", cause);
	}

}
