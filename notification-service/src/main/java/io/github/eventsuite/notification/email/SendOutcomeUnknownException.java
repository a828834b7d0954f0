package io.github.eventsuite.notification.email;

/**
 * The whole message, end-of-data included, was written to the SMTP server, but its reply
 * never came: the server may have accepted the message. Sending again could deliver it
 * twice, so the email is recorded as unconfirmed instead (docs/guarantees.md).
 */
class SendOutcomeUnknownException extends RuntimeException {

	SendOutcomeUnknownException(WelcomeEmail email, Throwable cause) {
		super("No reply to the end of email " + email.messageId() + ": the SMTP server may have it", cause);
	}

}
