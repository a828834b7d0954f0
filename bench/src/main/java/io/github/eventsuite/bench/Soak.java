package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One held rate kept up for long (issue 14's soak: 10 minutes at the highest rate held),
 * to expose state that grows with every registration.
 *
 * @param rate the highest rate held in the same run (else the lowest tried), per second
 * @param duration how long it was held
 * @param ingest the POSTs
 * @param endToEnd POST to {@code email.sent}: every accepted registration, or what is missing
 * @param repeatedEmails {@code email.sent} events for a user already emailed
 * @param heaps each service's heap floor by minute
 */
record Soak(int rate, Duration duration, LoadResult ingest, LoadResult endToEnd, long repeatedEmails,
		Map<String, HeapFloors> heaps) {

	/** Held for the whole soak: the API took the rate and the chain kept up. */
	boolean held() {
		return Targets.sustained(this.ingest, this.endToEnd);
	}

	/** Every accepted registration emailed, none twice. */
	boolean nothingLostOrDoubled() {
		return this.endToEnd.errors() == 0 && this.repeatedEmails == 0;
	}

	boolean heapsFlat() {
		return !this.heaps.isEmpty() && this.heaps.values().stream().allMatch(HeapFloors::flat);
	}

}
