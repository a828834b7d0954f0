package io.github.eventsuite.notification.email;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * The record of emails being sent and sent, one per user and template. Every change after
 * the claim is a compare-and-set on the claim's token: only the current owner of a claim
 * can mark it sent, unconfirmed or release it.
 */
@Repository
class SentEmails {

	private final DatabaseClient db;

	SentEmails(DatabaseClient db) {
		this.db = db;
	}

	/** The claim, if this caller now owns the sending of the email; empty if another row exists. */
	Mono<EmailClaim> claim(WelcomeEmail email, Instant now) {
		EmailClaim claim = EmailClaim.take(email, now);
		return this.db.sql("""
				insert into sent_emails (user_id, template, message_id, status, claimed_at, claim_token)
				values (:userId, :template, :messageId, 'SENDING', :now, :token)
				on conflict do nothing""")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.bind("messageId", email.messageId()).bind("now", now).bind("token", claim.token())
			.fetch().rowsUpdated().filter((rows) -> rows == 1).map((rows) -> claim);
	}

	/** Takes over a claim whose owner has not finished by {@code staleBefore}: it must have crashed. */
	Mono<EmailClaim> reclaim(WelcomeEmail email, Instant now, Instant staleBefore) {
		EmailClaim claim = EmailClaim.take(email, now);
		return this.db.sql("""
				update sent_emails set claimed_at = :now, claim_token = :token
				where user_id = :userId and template = :template and status = 'SENDING' and claimed_at < :staleBefore""")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.bind("now", now).bind("token", claim.token()).bind("staleBefore", staleBefore)
			.fetch().rowsUpdated().filter((rows) -> rows == 1).map((rows) -> claim);
	}

	/** When the email was sent (or its unconfirmed send ended); empty while it is not (yet). */
	Mono<Instant> sentAt(WelcomeEmail email) {
		return this.db.sql("""
				select sent_at from sent_emails
				where user_id = :userId and template = :template and status in ('SENT', 'UNCONFIRMED')""")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.map((row) -> row.get("sent_at", OffsetDateTime.class).toInstant())
			.one();
	}

	/** Emits false if the claim is no longer this one: it was taken over. */
	Mono<Boolean> markSent(EmailClaim claim, Instant sentAt) {
		return settle(claim, "SENT", sentAt);
	}

	/** The server may have the message, or not: it is not sent again. False if the claim was taken over. */
	Mono<Boolean> markUnconfirmed(EmailClaim claim, Instant endedAt) {
		return settle(claim, "UNCONFIRMED", endedAt);
	}

	private Mono<Boolean> settle(EmailClaim claim, String status, Instant at) {
		return this.db.sql("""
				update sent_emails set status = :status, sent_at = :at
				where user_id = :userId and template = :template and status = 'SENDING' and claim_token = :token""")
			.bind("status", status).bind("at", at).bind("userId", claim.email().userId())
			.bind("template", WelcomeEmail.TEMPLATE).bind("token", claim.token())
			.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	/** Gives a claim up after a send that failed before the server had the message, so that the retry can claim it at once. */
	Mono<Void> release(EmailClaim claim) {
		return this.db.sql("""
				delete from sent_emails
				where user_id = :userId and template = :template and status = 'SENDING' and claim_token = :token""")
			.bind("userId", claim.email().userId()).bind("template", WelcomeEmail.TEMPLATE).bind("token", claim.token())
			.then();
	}

}
