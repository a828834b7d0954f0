package io.github.eventsuite.analytics.stats;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The live statistics: totals, the funnel register → created → emailed, rates, latency
 * percentiles and per-minute windows, all on event time.
 *
 * @param registrationsRequested registrations accepted over the API so far
 * @param usersCreated users created so far
 * @param emailsSent welcome emails sent so far
 * @param emailsPending users created who have not had their welcome email yet
 * @param lastEventAt when the most recent counted event happened; null before the first
 * @param ratePerSecond events per second over the last {@value Tally#RATE_SECONDS} seconds
 * @param registrationToEmail time from a registration to its welcome email
 * @param perMinute counts per minute for the last {@value Tally#MINUTES_KEPT} minutes, oldest first
 */
record Stats(long registrationsRequested, long usersCreated, long emailsSent, long emailsPending,
		@Nullable Instant lastEventAt, Rates ratePerSecond, Latency registrationToEmail, List<Minute> perMinute) {

	static final Stats EMPTY = new Stats(0, 0, 0, 0, null, Rates.ZERO, Latency.NONE, List.of());

	/** Events per second, by kind. */
	record Rates(double registrations, double usersCreated, double emailsSent) {

		static final Rates ZERO = new Rates(0, 0, 0);

	}

	/** Percentiles in milliseconds; null while there are no samples. */
	record Latency(long samples, @Nullable Long p50Millis, @Nullable Long p95Millis, @Nullable Long p99Millis,
			@Nullable Long maxMillis) {

		static final Latency NONE = new Latency(0, null, null, null, null);

	}

	/** One tumbling one-minute window, by event time. */
	record Minute(Instant start, long registrations, long usersCreated, long emailsSent) {

	}

}
