package io.github.eventsuite.notification.email;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The right to send one email, taken in PostgreSQL: its token fences every later change of
 * the claim (a sender whose claim was taken over changes nothing), and it lasts
 * {@code claim-timeout} from {@code claimedAt}, after which another delivery may take it over.
 */
record EmailClaim(WelcomeEmail email, UUID token, Instant claimedAt) {

	static EmailClaim take(WelcomeEmail email, Instant now) {
		return new EmailClaim(email, UUID.randomUUID(), now);
	}

	Instant expiresAt(Duration claimTimeout) {
		return this.claimedAt.plus(claimTimeout);
	}

}
