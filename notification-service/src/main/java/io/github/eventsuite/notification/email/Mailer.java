package io.github.eventsuite.notification.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
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

	private final JavaMailSenderImpl sender;

	private final EmailProperties properties;

	private final SmtpConnections connections;

	private final Scheduler smtp;

	Mailer(JavaMailSenderImpl sender, EmailProperties properties, MeterRegistry meters, Clock clock) {
		this.sender = sender;
		this.properties = properties;
		this.connections = new SmtpConnections(sender, properties, meters, clock);
		this.smtp = Schedulers.newBoundedElastic(properties.concurrency(), properties.queueCapacity(), "smtp");
		// Closing writes QUIT to a socket: blocking I/O, so on the SMTP scheduler too.
		this.smtp.schedulePeriodically(this.connections::closeIdle, IDLE_CHECK.toMillis(), IDLE_CHECK.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** Completes once the SMTP server has accepted the message. */
	Mono<Void> send(WelcomeEmail email) {
		return Mono.fromRunnable(() -> send(toMimeMessage(email))).subscribeOn(this.smtp).then();
	}

	private void send(MimeMessage message) {
		try {
			this.connections.send(message);
		}
		catch (MessagingException ex) {
			throw new MailSendException("Could not send the " + WelcomeEmail.TEMPLATE + " email", ex);
		}
	}

	private MimeMessage toMimeMessage(WelcomeEmail email) {
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(new InternetAddress(this.properties.from(), this.properties.fromName(), StandardCharsets.UTF_8.name()));
			helper.setTo(email.to());
			helper.setSubject(email.subject());
			helper.setText(email.body());
			helper.setSentDate(new Date());
			// What JavaMailSenderImpl does before sending: saving the message replaces its
			// Message-ID with a generated one, so ours is set after.
			message.saveChanges();
			message.setHeader("Message-ID", email.messageId());
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
