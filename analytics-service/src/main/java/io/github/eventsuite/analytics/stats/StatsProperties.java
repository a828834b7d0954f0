package io.github.eventsuite.analytics.stats;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the statistics ({@code analytics.stats.*}), checked at start-up.
 *
 * @param recentUsers how many of the most recent users' journeys are kept: copies of an event
 * read within that many users count once, and a registration and its email read within it
 * give a latency sample. About 100 bytes of heap and 33 bytes of checkpoint each.
 * @param checkpointInterval how often the state and the offsets it covers are written to
 * {@value StatsCheckpoints#TOPIC}; a restart reads again at most this much of the topics
 */
@ConfigurationProperties("analytics.stats")
record StatsProperties(@DefaultValue("50000") int recentUsers, @DefaultValue("5s") Duration checkpointInterval) {

	/** Keeps a checkpoint under {@link StatsCheckpoints#MAX_BYTES}. */
	static final int MAX_RECENT_USERS = 200_000;

	StatsProperties {
		if (recentUsers < 1 || recentUsers > MAX_RECENT_USERS) {
			throw new IllegalArgumentException(
					"analytics.stats.recent-users must be between 1 and " + MAX_RECENT_USERS + ", was " + recentUsers);
		}
		if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
			throw new IllegalArgumentException(
					"analytics.stats.checkpoint-interval must be at least 100ms, was " + checkpointInterval);
		}
	}

}
