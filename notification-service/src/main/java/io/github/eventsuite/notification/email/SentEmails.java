package io.github.eventsuite.notification.email;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.github.eventsuite.eventbus.batch.Batcher;
import reactor.core.publisher.Mono;

/**
 * The record of emails being sent and sent, one per user and template. Every change after
 * the claim is a compare-and-set on the claim's token: only the current owner of a claim
 * can mark it sent, unconfirmed or release it.
 *
 * <p>The emails of one poll are handled concurrently; the statements each of them needs on
 * its way (claim it, mark it sent; is it sent, after a claim that failed) are gathered into
 * one statement for all of them ({@link Batcher}). Taking over, releasing and marking
 * unconfirmed are rare and go one by one.
 */
@Repository
class SentEmails {

	/**
	 * Rows per statement: a poll's records (up to 200, max-poll-records) go in several
	 * statements, two at a time, as measured in docs/benchmarks.md (2026-12-05).
	 */
	private static final int BATCH_SIZE = 50;

	/**
	 * How long a statement waits for PostgreSQL before it fails as an outage
	 * (the listener's retry waits it out): a server that accepts connections but never
	 * answers would otherwise hold the poll without end.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a mark waits for others to share its statement. The marks come one at a time
	 * (each when its own SMTP conversation ends) and without a wait left nearly one by one:
	 * 0.79 transactions per email at 500/s (docs/benchmarks.md, 2026-12-06).
	 */
	private static final Duration MARK_LINGER = Duration.ofMillis(10);


	private final DatabaseClient db;

	private final Batcher<UUID, Optional<Instant>> sentAts;

	private final Batcher<EmailClaim, Boolean> claims;

	private final Batcher<Settlement, Boolean> sent;

	SentEmails(DatabaseClient db) {
		this.db = db;
		this.sentAts = batcher(Duration.ZERO, this::sentAtAll);
		this.claims = batcher(Duration.ZERO, this::claimAll);
		this.sent = batcher(MARK_LINGER, this::markSentAll);
	}

	private static <T, R> Batcher<T, R> batcher(Duration linger, Function<List<T>, Mono<List<R>>> work) {
		return new Batcher<>(BATCH_SIZE, 2, linger, TIMEOUT, work, DataIntegrityViolationException.class::isInstance);
	}

	/** When the email was sent (or its unconfirmed send ended); empty while it is not (yet). */
	Mono<Instant> sentAt(WelcomeEmail email) {
		return this.sentAts.submit(email.userId()).flatMap(Mono::justOrEmpty);
	}

	private Mono<List<Optional<Instant>>> sentAtAll(List<UUID> userIds) {
		return this.db.sql("""
				select user_id, sent_at from sent_emails
				where user_id = any(:userIds::uuid[]) and template = :template and status in ('SENT', 'UNCONFIRMED')""")
			.bind("userIds", strings(userIds, UUID::toString))
			.bind("template", WelcomeEmail.TEMPLATE)
			.map((row) -> Map.entry(row.get("user_id", UUID.class), row.get("sent_at", OffsetDateTime.class).toInstant()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
			.map((sentAt) -> userIds.stream().map((userId) -> Optional.ofNullable(sentAt.get(userId))).toList());
	}

	/** The claim, if this caller now owns the sending of the email; empty if another row exists. */
	Mono<EmailClaim> claim(WelcomeEmail email, Instant now) {
		EmailClaim claim = EmailClaim.take(email, now);
		return this.claims.submit(claim).filter(Boolean::booleanValue).map((claimed) -> claim);
	}

	/** Copies of one email in a batch: the first row wins, the others conflict with it. */
	private Mono<List<Boolean>> claimAll(List<EmailClaim> claims) {
		return this.db.sql("""
				insert into sent_emails (user_id, template, message_id, status, claimed_at, claim_token)
				select user_id, :template, message_id, 'SENDING', claimed_at, claim_token
				from unnest(:userIds::uuid[], :messageIds::varchar[], :claimedAts::timestamptz[], :tokens::uuid[])
				     with ordinality as c(user_id, message_id, claimed_at, claim_token, position)
				order by position
				on conflict do nothing
				returning claim_token""")
			.bind("template", WelcomeEmail.TEMPLATE)
			.bind("userIds", strings(claims, (claim) -> claim.email().userId()))
			.bind("messageIds", strings(claims, (claim) -> claim.email().messageId()))
			.bind("claimedAts", strings(claims, EmailClaim::claimedAt))
			.bind("tokens", strings(claims, EmailClaim::token))
			.map((row) -> row.get("claim_token", UUID.class))
			.all()
			.collect(HashSet<UUID>::new, Set::add)
			.map((taken) -> claims.stream().map((claim) -> taken.contains(claim.token())).toList());
	}

	/** Takes over a claim whose owner has not finished by {@code staleBefore}: it must have crashed. */
	Mono<EmailClaim> reclaim(WelcomeEmail email, Instant now, Instant staleBefore) {
		EmailClaim claim = EmailClaim.take(email, now);
		return this.db.sql("""
				update sent_emails set claimed_at = :now, claim_token = :token
				where user_id = :userId and template = :template and status = 'SENDING' and claimed_at < :staleBefore""")
			.bind("userId", email.userId()).bind("template", WelcomeEmail.TEMPLATE)
			.bind("now", now).bind("token", claim.token()).bind("staleBefore", staleBefore)
			.fetch().rowsUpdated().timeout(TIMEOUT).filter((rows) -> rows == 1).map((rows) -> claim);
	}

	/** Emits false if the claim is no longer this one: it was taken over. */
	Mono<Boolean> markSent(EmailClaim claim, Instant sentAt) {
		return this.sent.submit(new Settlement(claim, sentAt));
	}

	private Mono<List<Boolean>> markSentAll(List<Settlement> settlements) {
		return this.db.sql("""
				update sent_emails e set status = 'SENT', sent_at = s.sent_at
				from unnest(:userIds::uuid[], :tokens::uuid[], :sentAts::timestamptz[]) as s(user_id, claim_token, sent_at)
				where e.user_id = s.user_id and e.template = :template and e.status = 'SENDING'
				  and e.claim_token = s.claim_token
				returning e.claim_token""")
			.bind("userIds", strings(settlements, (settled) -> settled.claim().email().userId()))
			.bind("tokens", strings(settlements, (settled) -> settled.claim().token()))
			.bind("sentAts", strings(settlements, Settlement::at))
			.bind("template", WelcomeEmail.TEMPLATE)
			.map((row) -> row.get("claim_token", UUID.class))
			.all()
			.collect(HashSet<UUID>::new, Set::add)
			.map((settled) -> settlements.stream().map((settlement) -> settled.contains(settlement.claim().token())).toList());
	}

	/** The server may have the message, or not: it is not sent again. False if the claim was taken over. */
	Mono<Boolean> markUnconfirmed(EmailClaim claim, Instant endedAt) {
		return this.db.sql("""
				update sent_emails set status = 'UNCONFIRMED', sent_at = :at
				where user_id = :userId and template = :template and status = 'SENDING' and claim_token = :token""")
			.bind("at", endedAt).bind("userId", claim.email().userId())
			.bind("template", WelcomeEmail.TEMPLATE).bind("token", claim.token())
			.fetch().rowsUpdated().timeout(TIMEOUT).map((rows) -> rows == 1);
	}

	/** Gives a claim up after a send that failed before the server had the message, so that the retry can claim it at once. */
	Mono<Void> release(EmailClaim claim) {
		return this.db.sql("""
				delete from sent_emails
				where user_id = :userId and template = :template and status = 'SENDING' and claim_token = :token""")
			.bind("userId", claim.email().userId()).bind("template", WelcomeEmail.TEMPLATE).bind("token", claim.token())
			.then()
			.timeout(TIMEOUT);
	}

	/** As text, for the {@code unnest} of an array parameter. */
	private static <T> String[] strings(List<T> items, Function<? super T, ?> value) {
		return items.stream().map((item) -> value.apply(item).toString()).toArray(String[]::new);
	}


	private record Settlement(EmailClaim claim, Instant at) {

	}

}
