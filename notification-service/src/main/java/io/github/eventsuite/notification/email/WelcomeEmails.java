package io.github.eventsuite.notification.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends each user's welcome email once, however often {@code user.created} is delivered.
 *
 * <p>The email is claimed in PostgreSQL before the SMTP conversation and marked sent after
 * the server accepted it. A delivery that finds it sent only re-publishes {@code email.sent}
 * (same event id); one that finds it being sent fails and is retried later. The one window
 * left: a crash after the SMTP server accepted the message and before it was marked sent
 * (or a database away for longer than the five minutes that marking is retried). After
 * {@code claim-timeout} the email is then sent again, with the same Message-ID.
 */
@Service
class WelcomeEmails {

	private static final Logger log = LoggerFactory.getLogger(WelcomeEmails.class);

	/** About five minutes of an unavailable database. */
	private static final Retry RECORD_SENT = Retry.backoff(30, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10));

	private final SentEmails sentEmails;

	private final Mailer mailer;

	private final EventPublisher publisher;

	private final EmailProperties properties;

	private final Clock clock;

	private final EmailMetrics metrics;

	WelcomeEmails(SentEmails sentEmails, Mailer mailer, EventPublisher publisher, EmailProperties properties,
			Clock clock, EmailMetrics metrics) {
		this.sentEmails = sentEmails;
		this.mailer = mailer;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
	}

	Mono<Void> welcome(UserCreated user) {
		WelcomeEmail email = WelcomeEmail.of(user, this.properties.messageIdDomain());
		return this.sentEmails.sentAt(email)
			.switchIfEmpty(Mono.defer(() -> claimAndSend(email)))
			.map((sentAt) -> EmailSent.of(user.userId(), WelcomeEmail.TEMPLATE, email.messageId(), sentAt,
					user.envelope().correlationId()))
			.flatMap(this.publisher::publish)
			.then();
	}

	private Mono<Instant> claimAndSend(WelcomeEmail email) {
		Instant now = now();
		return this.sentEmails.claim(email, now)
			.flatMap((claimed) -> claimed ? Mono.just(true)
					: this.sentEmails.reclaim(email, now, now.minus(this.properties.claimTimeout())))
			.flatMap((owned) -> owned ? send(email)
					: this.sentEmails.sentAt(email).switchIfEmpty(Mono.error(() -> new EmailInFlightException(email))));
	}

	private Mono<Instant> send(WelcomeEmail email) {
		return this.mailer.send(email)
			.doOnSuccess((accepted) -> this.metrics.sent())
			.doOnError((ex) -> this.metrics.failed())
			.onErrorResume((ex) -> this.sentEmails.release(email).then(Mono.error(ex)))
			.then(Mono.fromSupplier(this::now))
			// The SMTP server has the message: only its record is missing. Retrying the whole
			// delivery would send it again, so the record alone is retried, for minutes.
			.flatMap((sentAt) -> this.sentEmails.markSent(email, sentAt).retryWhen(RECORD_SENT).thenReturn(sentAt))
			.doOnSuccess((sentAt) -> log.info("Welcome email {} sent to user {}", email.messageId(), email.userId()));
	}

	/** Microseconds: what PostgreSQL stores, so that a re-published event equals the first one. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
