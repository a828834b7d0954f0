package io.github.eventsuite.notification.email;

import java.time.Instant;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** One connected SMTP transport, with how many messages it sent and since when it waits. */
final class SmtpConnection {

	private static final Address[] NO_RECIPIENTS = {};

	private final Transport transport;

	private int messagesSent;

	private Instant idleSince;

	SmtpConnection(Transport transport, Instant openedAt) {
		this.transport = transport;
		this.idleSince = openedAt;
	}

	/** Returns once the server accepted the message; the message must be saved ({@code saveChanges}). */
	void send(MimeMessage message) throws MessagingException {
		Address[] recipients = message.getAllRecipients();
		this.transport.sendMessage(message, (recipients != null) ? recipients : NO_RECIPIENTS);
		this.messagesSent++;
	}

	/** Says QUIT; a connection the server or a failure already ended is just released. */
	void close() throws MessagingException {
		this.transport.close();
	}

	int messagesSent() {
		return this.messagesSent;
	}

	Instant idleSince() {
		return this.idleSince;
	}

	void idleFrom(Instant now) {
		this.idleSince = now;
	}

}
