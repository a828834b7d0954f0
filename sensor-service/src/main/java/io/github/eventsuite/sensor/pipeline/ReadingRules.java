package io.github.eventsuite.sensor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What makes a well-formed reading plausible; the HTTP API and the Kafka consumer apply the
 * same rules (the event record itself checks only the structure).
 */
final class ReadingRules {

	static final double MIN_TEMPERATURE = 0;

	static final double MAX_TEMPERATURE = 50;

	private final Clock clock;

	private final Duration maxClockSkew;

	ReadingRules(Clock clock, Duration maxClockSkew) {
		this.clock = clock;
		this.maxClockSkew = maxClockSkew;
	}

	static Optional<String> temperature(double celsius) {
		return (celsius >= MIN_TEMPERATURE && celsius <= MAX_TEMPERATURE) ? Optional.empty()
				: Optional.of("must be between 0 and 50 °C, was " + celsius);
	}

	static Optional<String> humidity(double percent) {
		return (percent >= 0 && percent <= 100) ? Optional.empty()
				: Optional.of("must be between 0 and 100 %, was " + percent);
	}

	/** A reading arriving now. */
	Optional<String> timestamp(Instant takenAt) {
		return timestamp(takenAt, this.clock.instant());
	}

	/** A reading published at {@code publishedAt}: read later (a backlog), it is judged by when it was sent. */
	Optional<String> timestamp(Instant takenAt, Instant publishedAt) {
		return takenAt.isAfter(publishedAt.plus(this.maxClockSkew))
				? Optional.of("must not be more than " + this.maxClockSkew.toSeconds() + " s in the future, was " + takenAt)
				: Optional.empty();
	}

}
