package io.github.eventsuite.analytics.stats;

import java.time.Instant;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;

/**
 * The live statistics.
 *
 * @param usersCreated users created so far
 * @param emailsSent welcome emails sent so far
 * @param emailsPending users still waiting for their welcome email
 * @param lastEventAt when the most recent counted event happened; null before the first
 */
record Stats(long usersCreated, long emailsSent, long emailsPending, Instant lastEventAt) {

	static final Stats EMPTY = new Stats(0, 0, 0, null);

	/** These statistics with one more (distinct) event counted. */
	Stats count(BusEvent event) {
		long created = this.usersCreated + ((event instanceof UserCreated) ? 1 : 0);
		long sent = this.emailsSent + ((event instanceof EmailSent) ? 1 : 0);
		return new Stats(created, sent, Math.max(0, created - sent), latest(event.envelope().occurredAt()));
	}

	private Instant latest(Instant occurredAt) {
		return (this.lastEventAt == null || occurredAt.isAfter(this.lastEventAt)) ? occurredAt : this.lastEventAt;
	}

}
