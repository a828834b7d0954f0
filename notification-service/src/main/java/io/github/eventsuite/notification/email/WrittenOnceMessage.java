package io.github.eventsuite.notification.email;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message that knows whether it was written out whole. The SMTP transport writes it once,
 * after DATA, and then only sends the end of data and reads the reply: a failure after that
 * leaves open whether the server has the message.
 */
class WrittenOnceMessage extends MimeMessage {

	/** The same for every send of one email, so that a second copy can be recognised as one. */
	private final String messageId;

	private volatile boolean written;

	WrittenOnceMessage(Session session, String messageId) {
		super(session);
		this.messageId = messageId;
	}

	/**
	 * Saving the message keeps this Message-ID rather than generating one, as Jakarta Mail
	 * means subclasses to do: generating looked up the local address for every message,
	 * 1.6 % of notification-service's CPU samples at 500/s (#14).
	 */
	@Override
	protected void updateMessageID() throws MessagingException {
		setHeader("Message-ID", this.messageId);
	}

	@Override
	public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
		super.writeTo(out, ignoreList);
		this.written = true;
	}

	boolean written() {
		return this.written;
	}

}
