package io.github.eventsuite.notification.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends emails over SMTP. JavaMail blocks, so every send runs on a scheduler of its own
 * with {@code concurrency} threads and a bounded queue: never on an event-loop or consumer
 * thread, and never more connections than the SMTP server should see. The connections stay
 * open across messages ({@link SmtpConnections}).
 */
@Component
class Mailer implements DisposableBean {

	/** How often idle connections are looked for: they close at most this long after their timeout. */
	private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

	private static final String UTF_8 = StandardCharsets.UTF_8.name();

	/** RFC 5322's date-time, as Jakarta Mail's MailDateFormat writes it (less its zone comment), without its lock. */
	private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
			Locale.US);

	private static final int NO_REPLY = -1;

	/** A reply came, its code did not. */
	private static final int UNKNOWN_REPLY = 0;

	private final JavaMailSenderImpl sender;

	private final EmailProperties properties;

	private final SmtpConnections connections;

	private final Scheduler smtp;

	/** See {@link #longestSend}. */
	private final Duration longestSend;

	@Autowired
	Mailer(JavaMailSenderImpl sender, EmailProperties properties, MeterRegistry meters, Clock clock) {
		this(sender, properties, meters, clock,
				Schedulers.newBoundedElastic(properties.concurrency(), properties.queueCapacity(), "smtp"));
	}

	/** With the scheduler the sends run on: {@code concurrency} threads, a bounded queue. */
	Mailer(JavaMailSenderImpl sender, EmailProperties properties, MeterRegistry meters, Clock clock, Scheduler smtp) {
		this.sender = sender;
		this.properties = properties;
		this.longestSend = longestSend(sender, properties);
		this.connections = new SmtpConnections(sender, properties, meters, clock);
		this.smtp = smtp;
		// Closing writes QUIT to a socket: blocking I/O, so on the SMTP scheduler too.
		this.smtp.schedulePeriodically(this.connections::closeIdle, IDLE_CHECK.toMillis(), IDLE_CHECK.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Completes once the SMTP server has accepted the message. Sends nothing, failing with
	 * {@link ClaimExpiredException}, if by the time a connection is ready the conversation
	 * could outlast the claim ({@code claimExpiresAt}): it may have waited in the queue for
	 * long, and another delivery may take an expired claim over and send too. Fails with
	 * {@link SendOutcomeUnknownException} when the whole message was written but no reply came.
	 */
	Mono<Void> send(WelcomeEmail email, Instant claimExpiresAt) {
		return Mono.fromRunnable(() -> sendBy(email, claimExpiresAt.minus(this.longestSend))).subscribeOn(this.smtp).then();
	}

	private void sendBy(WelcomeEmail email, Instant startBy) {
		WrittenOnceMessage message = toMimeMessage(email);
		try {
			if (!this.connections.send(message, startBy)) {
				throw new ClaimExpiredException(email);
			}
		}
		catch (MessagingException ex) {
			int reply = replyCode(ex);
			if (message.written() && reply == NO_REPLY) {
				throw new SendOutcomeUnknownException(email, ex);
			}
			if (reply >= 500) {
				throw new EmailRejectedException(email, reply, ex);
			}
			if (reply >= 400) {
				throw new EmailDeferredException(email, reply, ex);
			}
			throw new MailSendException("Could not send the " + WelcomeEmail.TEMPLATE + " email", ex);
		}
	}

	/**
	 * The server's reply code to the mail, a recipient or the end of data, or
	 * {@value #NO_REPLY}. A reply (e.g. 451 or 554 to the end of data) says for sure that the
	 * server does not have the message.
	 */
	private static int replyCode(MessagingException ex) {
		boolean replied = false;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SMTPAddressFailedException failed) {
				return failed.getReturnCode();
			}
			if (cause instanceof SMTPSendFailedException failed) {
				return failed.getReturnCode();
			}
			if (cause instanceof SMTPSenderFailedException failed) {
				return failed.getReturnCode();
			}
			replied |= cause instanceof SendFailedException;
		}
		return replied ? UNKNOWN_REPLY : NO_REPLY;
	}

	/**
	 * From the moment a send starts until the server's last reply: MAIL, RCPT, DATA and the
	 * end of data each wait up to {@code mail.smtp.timeout} for their reply, the body up to
	 * {@code mail.smtp.writetimeout} to be written. Without both timeouts a send could take
	 * for ever and no claim would be safe.
	 */
	private static Duration longestSend(JavaMailSenderImpl sender, EmailProperties properties) {
		long timeout = millis(sender, "mail.smtp.timeout");
		long writeTimeout = millis(sender, "mail.smtp.writetimeout");
		Duration longest = Duration.ofMillis(5 * Math.max(timeout, writeTimeout));
		if (properties.claimTimeout().compareTo(longest) <= 0) {
			throw new IllegalStateException("notification.email.claim-timeout (" + properties.claimTimeout()
					+ ") must be longer than the longest SMTP send the mail.smtp timeouts allow (" + longest + ")");
		}
		return longest;
	}

	private static long millis(JavaMailSenderImpl sender, String property) {
		String value = sender.getJavaMailProperties().getProperty(property);
		if (value == null || !value.matches("[1-9][0-9]*")) {
			throw new IllegalStateException("spring.mail.properties." + property
					+ " must be set to a positive number of milliseconds, was " + value);
		}
		return Long.parseLong(value);
	}

	/**
	 * Built with Jakarta Mail itself: Spring's {@code MimeMessageHelper} creates a file type
	 * map per message (it reads {@code mime.types} from the classpath) unless the sender has a
	 * default one, which Boot does not set; that was 57% of this service's CPU samples.
	 */
	/**
	 * 7bit for ASCII text in lines SMTP allows (998 characters), as Jakarta Mail chooses; otherwise
	 * quoted-printable, which fits any text (Jakarta Mail would take base64 for text that is
	 * mostly not ASCII).
	 */
	static String transferEncoding(String body) {
		int lineLength = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\n') {
				lineLength = 0;
			}
			else if (c > 127 || (c < 32 && c != '\r' && c != '\t') || (c != '\r' && ++lineLength > 998)) {
				return "quoted-printable";
			}
		}
		return "7bit";
	}

	private WrittenOnceMessage toMimeMessage(WelcomeEmail email) {
		WrittenOnceMessage message = new WrittenOnceMessage(this.sender.getSession(), email.messageId());
		try {
			message.setFrom(new InternetAddress(this.properties.from(), this.properties.fromName(), UTF_8));
			message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to()));
			message.setSubject(email.subject(), UTF_8);
			message.setText(email.body(), UTF_8);
			// Both said here rather than left to saveChanges, which wrote the whole body once
			// more to choose an encoding and formatted the date under a lock: together about
			// two thirds of building a message, itself 11 % of this service's CPU samples at
			// 500/s (#14, docs/benchmarks.md). The same encoding Jakarta Mail chooses for ASCII text.
			message.setHeader("Content-Transfer-Encoding", transferEncoding(email.body()));
			message.setHeader("Date", MAIL_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
			// What JavaMailSenderImpl does before sending; the Message-ID stays ours (WrittenOnceMessage).
			message.saveChanges();
			return message;
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailPreparationException("Could not prepare the " + WelcomeEmail.TEMPLATE + " email", ex);
		}
	}

	@Override
	public void destroy() {
		this.smtp.dispose();
		this.connections.closeAll();
	}

}
