package io.github.eventsuite.notification.email;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The record of emails being sent and sent, one per user and template. */
@Repository
class SentEmails {

	private final DatabaseClient db;

	SentEmails(DatabaseClient db) {
		this.db = db;
	}

	/** Emits true if this caller now owns the sending of the email. */
	Mono<Boolean> claim(WelcomeEmail email, Instant now) {
		return this.db.sql("""
				insert into sent_emails (user_id, template, message_id, status, claimed_at)
				values (:userId, :template, :messageId, 'SENDING', :now)
				on conflict do nothing""")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.bind("messageId", email.messageId()).bind("now", now)
			.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	/** Takes over a claim whose owner has not finished by {@code staleBefore}: it must have crashed. */
	Mono<Boolean> reclaim(WelcomeEmail email, Instant now, Instant staleBefore) {
		return this.db.sql("""
				update sent_emails set claimed_at = :now
				where user_id = :userId and template = :template and status = 'SENDING' and claimed_at < :staleBefore""")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.bind("now", now).bind("staleBefore", staleBefore)
			.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	/** When the email was sent; empty while it is not (yet). */
	Mono<Instant> sentAt(WelcomeEmail email) {
		return this.db.sql("select sent_at from sent_emails where user_id = :userId and template = :template and status = 'SENT'")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.map((row) -> row.get("sent_at", OffsetDateTime.class).toInstant())
			.one();
	}

	Mono<Void> markSent(WelcomeEmail email, Instant sentAt) {
		return this.db.sql("update sent_emails set status = 'SENT', sent_at = :sentAt where user_id = :userId and template = :template")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE).bind("sentAt", sentAt)
			.then();
	}

	/** Gives a claim up after a failed send, so that the retry can claim it again at once. */
	Mono<Void> release(WelcomeEmail email) {
		return this.db.sql("delete from sent_emails where user_id = :userId and template = :template and status = 'SENDING'")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.then();
	}

}
