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
import io.github.eventsuite.eventbus.kafka.Outages;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends each user's welcome email once, however often {@code user.created} is delivered.
 *
 * <p>The email is claimed in PostgreSQL before the SMTP conversation and marked sent after
 * the server accepted it. A delivery that finds it sent only re-publishes {@code email.sent}
 * (same event id); one that finds it being sent fails and is retried later. Every change of
 * a claim names its token, and a send starts only while the conversation can end before
 * the claim expires: a claim taken over after {@code claim-timeout} (its sender crashed)
 * leaves the old sender nothing to send or mark. A send whose outcome is unknown (the whole
 * message was written, no reply came) is recorded as unconfirmed and not sent again.
 * The window left: a crash after the SMTP server accepted the message and before it was
 * marked sent (marking is retried for as long as the database is away). After
 * {@code claim-timeout} the email is then sent again, same Message-ID.
 */
@Service
class WelcomeEmails {

	private static final Logger log = LoggerFactory.getLogger(WelcomeEmails.class);

	/** However long the database is away; any other failure is not retried here. */
	private static final Retry RECORD_SENT = Outages.waitedOut(Duration.ofMillis(200), Duration.ofSeconds(10));

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

	/**
	 * Claimed first, looked up only if that fails: the first delivery of a user's event, by far
	 * the most common, then costs two statements (claim, mark sent), not three.
	 */
	Mono<Void> welcome(UserCreated user) {
		WelcomeEmail email = WelcomeEmail.of(user, this.properties.messageIdDomain());
		Instant now = now();
		return this.sentEmails.claim(email, now)
			.flatMap(this::send)
			.switchIfEmpty(Mono.defer(() -> sentOrTakenOver(email, now)))
			.map((sentAt) -> EmailSent.of(user.userId(), WelcomeEmail.TEMPLATE, email.messageId(), sentAt,
					user.envelope().correlationId()))
			.flatMap(this.publisher::publish)
			.then();
	}

	/** Another delivery claimed it: it was sent, or its sender crashed (a stale claim), or it is being sent now. */
	private Mono<Instant> sentOrTakenOver(WelcomeEmail email, Instant now) {
		return this.sentEmails.sentAt(email)
			.switchIfEmpty(Mono.defer(() -> this.sentEmails.reclaim(email, now, now.minus(this.properties.claimTimeout()))
				.flatMap(this::send)))
			.switchIfEmpty(Mono.error(() -> new EmailInFlightException(email)));
	}

	private Mono<Instant> send(EmailClaim claim) {
		WelcomeEmail email = claim.email();
		return this.mailer.send(email, claim.expiresAt(this.properties.claimTimeout()))
			.doOnSuccess((accepted) -> this.metrics.sent())
			.thenReturn(Boolean.TRUE)
			.onErrorResume(SendOutcomeUnknownException.class, (ex) -> unconfirmed(email, ex))
			// Nothing reached the server: the retry may claim it again at once.
			.onErrorResume((ex) -> {
				this.metrics.failed();
				// A release that fails leaves the claim to expire; the send's failure decides what follows.
				return this.sentEmails.release(claim).onErrorResume((releaseFailed) -> {
					ex.addSuppressed(releaseFailed);
					return Mono.empty();
				}).then(Mono.error(ex));
			})
			.flatMap((confirmed) -> record(claim, confirmed));
	}

	/** Sending again could deliver it twice; not sending again, it is lost if the server does not have it. */
	private Mono<Boolean> unconfirmed(WelcomeEmail email, SendOutcomeUnknownException ex) {
		log.warn("Welcome email {} to user {} is unconfirmed and not sent again: {}", email.messageId(),
				email.userId(), String.valueOf(ex.getCause()));
		this.metrics.unconfirmed();
		return Mono.just(Boolean.FALSE);
	}

	/**
	 * The SMTP server has (or may have) the message: only its record is missing. Retrying
	 * the whole delivery would send it again, so the record alone is retried, until it is written.
	 */
	private Mono<Instant> record(EmailClaim claim, boolean confirmed) {
		Instant at = now();
		Mono<Boolean> settle = confirmed ? this.sentEmails.markSent(claim, at) : this.sentEmails.markUnconfirmed(claim, at);
		return settle.retryWhen(RECORD_SENT)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new ClaimTakenOverException(claim)))
			// DEBUG: a line per email was 8% of the database event loop's samples at 500/s (#14);
			// the emails.sent counter counts them; an unconfirmed one is logged at WARN above.
			.doOnSuccess((settled) -> log.debug("Welcome email {} {} to user {}", claim.email().messageId(),
					confirmed ? "sent" : "unconfirmed", claim.email().userId()))
			.thenReturn(at);
	}

	/** Microseconds: what PostgreSQL stores, so that a re-published event equals the first one. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
