package io.github.eventsuite.notification.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends emails over SMTP. JavaMail blocks, so every send runs on a scheduler of its own
 * with {@code concurrency} threads and a bounded queue: never on an event-loop or consumer
 * thread, and never more connections than the SMTP server should see.
 */
@Component
class Mailer implements DisposableBean {

	private final JavaMailSender sender;

	private final EmailProperties properties;

	private final Scheduler smtp;

	Mailer(JavaMailSender sender, EmailProperties properties) {
		this.sender = sender;
		this.properties = properties;
		this.smtp = Schedulers.newBoundedElastic(properties.concurrency(), properties.queueCapacity(), "smtp");
	}

	/** Completes once the SMTP server has accepted the message. */
	Mono<Void> send(WelcomeEmail email) {
		return Mono.fromRunnable(() -> this.sender.send(toMimeMessage(email))).subscribeOn(this.smtp).then();
	}

	private MimeMessage toMimeMessage(WelcomeEmail email) {
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(new InternetAddress(this.properties.from(), this.properties.fromName(), StandardCharsets.UTF_8.name()));
			helper.setTo(email.to());
			helper.setSubject(email.subject());
			helper.setText(email.body());
			// JavaMailSenderImpl keeps a Message-ID that is set before sending.
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
	}

}
