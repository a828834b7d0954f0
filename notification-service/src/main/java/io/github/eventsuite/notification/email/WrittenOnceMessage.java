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

	private volatile boolean written;

	WrittenOnceMessage(Session session) {
		super(session);
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
