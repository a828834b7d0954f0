package io.github.eventsuite.eventbus.kafka;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A record on a dead-letter topic, as an operator sees it.
 *
 * @param topic the topic the record failed on (its dead-letter topic is {@code topic.DLT})
 * @param partition partition of the dead-letter topic
 * @param offset offset in the dead-letter topic: with the partition, what identifies it
 * @param deadLetteredAt when it was dead-lettered
 * @param reason why, in words (the {@code dlt-reason} header)
 * @param exception the exception class that failed it
 * @param originalPartition where it was on the original topic
 * @param originalOffset where it was on the original topic
 * @param value the record value as text (events are JSON)
 * @param redrivenAt when it was re-driven; null if it was not (a dead letter is re-driven once)
 */
public record DeadLetter(String topic, int partition, long offset, @Nullable String key, Instant deadLetteredAt,
		@Nullable String reason, @Nullable String exception, @Nullable Integer originalPartition, @Nullable Long originalOffset,
		@Nullable String value, @Nullable Instant redrivenAt) {

}
