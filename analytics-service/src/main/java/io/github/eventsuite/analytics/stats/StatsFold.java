package io.github.eventsuite.analytics.stats;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Flux;

/** Merges the two event streams and folds them into statistics, one value per change. */
final class StatsFold {

	private StatsFold() {
	}

	/**
	 * Each event counts once, however often Kafka delivers it: both event types carry an id
	 * that is the same on every delivery and re-emission, and {@code distinct} drops repeats.
	 */
	static Flux<Stats> fold(Flux<UserCreated> usersCreated, Flux<EmailSent> emailsSent) {
		return Flux.<BusEvent>merge(usersCreated, emailsSent)
			.distinct((event) -> event.envelope().eventId())
			.scan(Stats.EMPTY, Stats::count);
	}

}
