package io.github.eventsuite.eventbus.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event bus ({@code eventbus.*}).
 *
 * @param topics how the suite's topics are created
 * @param retry how a record whose processing failed for a transient reason is retried
 */
@ConfigurationProperties("eventbus")
public record EventBusProperties(@DefaultValue TopicSettings topics, @DefaultValue Retry retry) {

	/**
	 * @param partitions partitions of every topic and its dead-letter topic
	 * @param replicationFactor copies of every partition; at most the number of brokers
	 * @param minInsyncReplicas copies that must have a record before a producer ({@code acks=all})
	 * is told it is written; with 3 copies, 2 lets one broker be lost without losing a record
	 * or refusing writes
	 */
	public record TopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
			@DefaultValue("1") int minInsyncReplicas) {

		public TopicSettings {
			if (partitions < 1 || partitions > 1000) {
				throw new IllegalArgumentException("eventbus.topics.partitions must be between 1 and 1000, was " + partitions);
			}
			if (replicationFactor < 1) {
				throw new IllegalArgumentException("eventbus.topics.replication-factor must be at least 1, was " + replicationFactor);
			}
			if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
				throw new IllegalArgumentException("eventbus.topics.min-insync-replicas must be between 1 and the replication factor ("
						+ replicationFactor + "), was " + minInsyncReplicas);
			}
		}

	}

	/**
	 * An outage (database, SMTP server or broker away: {@link Outages}) is retried for as long
	 * as it lasts, every {@code maxInterval} at most; any other failure {@code maxRetries}
	 * times (about four minutes with the defaults) before the record is dead-lettered.
	 * @param initialInterval wait before the first retry
	 * @param multiplier growth of the wait from one retry to the next
	 * @param maxInterval longest wait between two retries
	 * @param maxRetries retries of a failure that is not an outage before the record goes to
	 * the dead-letter topic
	 */
	public record Retry(@DefaultValue("500ms") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("30s") Duration maxInterval, @DefaultValue("12") int maxRetries) {

		public Retry {
			if (initialInterval.isNegative() || initialInterval.isZero() || maxInterval.compareTo(initialInterval) < 0) {
				throw new IllegalArgumentException("eventbus.retry needs 0 < initial-interval <= max-interval");
			}
			if (multiplier < 1.0) {
				throw new IllegalArgumentException("eventbus.retry.multiplier must be at least 1.0, was " + multiplier);
			}
			if (maxRetries < 0) {
				throw new IllegalArgumentException("eventbus.retry.max-retries must not be negative, was " + maxRetries);
			}
		}

	}

}
