package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.HdrHistogram.Histogram;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.email.EmailEvent;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserEvent;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/**
 * The running state behind {@link Stats}. Each user's journey is remembered, so an event
 * delivered or emitted twice counts once, and a user's registration and welcome email can
 * be paired however late or out of order either is read. Not thread-safe: the fold owns it.
 */
final class Tally {

	static final int RATE_SECONDS = 10;

	static final int MINUTES_KEPT = 60;

	enum Kind {

		REGISTERED, CREATED, EMAILED

	}

	/** What is known of one user: roughly 100 bytes each (an estimate, not measured). */
	private static final class Journey {

		Instant requestedAt;

		boolean created;

		Instant emailedAt;

	}

	private final Map<UUID, Journey> journeys = new HashMap<>();

	private final long[] totals = new long[Kind.values().length];

	private long awaitingEmail;

	private Instant lastEventAt;

	/** Up to an hour, three significant digits. */
	private final Histogram latencies = new Histogram(Duration.ofHours(1).toMillis(), 3);

	private final EventTimeBuckets seconds = new EventTimeBuckets(Duration.ofSeconds(1), RATE_SECONDS);

	private final EventTimeBuckets minutes = new EventTimeBuckets(Duration.ofMinutes(1), MINUTES_KEPT);

	void add(BusEvent event) {
		Journey journey = this.journeys.computeIfAbsent(userOf(event), (userId) -> new Journey());
		if (event instanceof UserRegistrationRequested && journey.requestedAt == null) {
			journey.requestedAt = event.envelope().occurredAt();
			count(Kind.REGISTERED, journey.requestedAt);
			pair(journey);
		}
		else if (event instanceof UserCreated created && !journey.created) {
			journey.created = true;
			this.awaitingEmail += (journey.emailedAt == null) ? 1 : 0;
			count(Kind.CREATED, created.createdAt());
		}
		else if (event instanceof EmailSent sent && journey.emailedAt == null) {
			journey.emailedAt = sent.sentAt();
			this.awaitingEmail -= journey.created ? 1 : 0;
			count(Kind.EMAILED, journey.emailedAt);
			pair(journey);
		}
	}

	private static UUID userOf(BusEvent event) {
		if (event instanceof UserEvent user) {
			return user.userId();
		}
		if (event instanceof EmailEvent email) {
			return email.userId();
		}
		throw new IllegalArgumentException("not counted: " + event.envelope().eventType());
	}

	private void count(Kind kind, Instant at) {
		this.totals[kind.ordinal()]++;
		this.seconds.add(at, kind);
		this.minutes.add(at, kind);
		this.lastEventAt = (this.lastEventAt == null || at.isAfter(this.lastEventAt)) ? at : this.lastEventAt;
	}

	/** Records the registration-to-email time once both ends are known. */
	private void pair(Journey journey) {
		if (journey.requestedAt != null && journey.emailedAt != null) {
			long millis = Duration.between(journey.requestedAt, journey.emailedAt).toMillis();
			this.latencies.recordValue(Math.min(Math.max(0, millis), this.latencies.getHighestTrackableValue()));
		}
	}

	Stats snapshot(Instant now) {
		return new Stats(total(Kind.REGISTERED), total(Kind.CREATED), total(Kind.EMAILED), this.awaitingEmail,
				this.lastEventAt, rates(now), latency(), perMinute(now));
	}

	private long total(Kind kind) {
		return this.totals[kind.ordinal()];
	}

	private Stats.Rates rates(Instant now) {
		long[] sums = new long[Kind.values().length];
		this.seconds.window(now).values().forEach((counts) -> {
			for (int kind = 0; kind < sums.length; kind++) {
				sums[kind] += counts[kind];
			}
		});
		return new Stats.Rates(perSecond(sums[0]), perSecond(sums[1]), perSecond(sums[2]));
	}

	private static double perSecond(long count) {
		return (double) count / RATE_SECONDS;
	}

	private Stats.Latency latency() {
		long samples = this.latencies.getTotalCount();
		if (samples == 0) {
			return Stats.Latency.NONE;
		}
		return new Stats.Latency(samples, this.latencies.getValueAtPercentile(50),
				this.latencies.getValueAtPercentile(95), this.latencies.getValueAtPercentile(99),
				this.latencies.getMaxValue());
	}

	private List<Stats.Minute> perMinute(Instant now) {
		return this.minutes.window(now).entrySet().stream()
			.map((entry) -> new Stats.Minute(Instant.ofEpochMilli(entry.getKey()), entry.getValue()[0],
					entry.getValue()[1], entry.getValue()[2]))
			.toList();
	}

}
