package io.github.eventsuite.analytics.stats;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;

/**
 * What the statistics' listeners do with a record they cannot count. The service that acts
 * on a topic dead-letters its records, once: {@code email.sent} is analytics-service's, so
 * its records go to the dead-letter topic as elsewhere; {@code user.register} and
 * {@code user.created} belong to user-service and notification-service, which dead-letter
 * them, so here they are only logged and skipped, not dead-lettered a second time. Either
 * way the tally's position moves past the record: a restart does not read it again.
 */
class UnreadableStatsRecords implements CommonErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(UnreadableStatsRecords.class);

	private final CommonErrorHandler deadLetters;

	private final LiveStats stats;

	UnreadableStatsRecords(CommonErrorHandler deadLetters, LiveStats stats) {
		this.deadLetters = deadLetters;
		this.stats = stats;
	}

	@Override
	public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
			MessageListenerContainer container) {
		if (Topics.EMAIL_SENT.equals(record.topic())
				&& !this.deadLetters.handleOne(thrownException, record, consumer, container)) {
			return false;
		}
		if (!Topics.EMAIL_SENT.equals(record.topic())) {
			log.warn("Not counted: {}-{}@{} ({}); its own consumer dead-letters it", record.topic(), record.partition(),
					record.offset(), DeadLetterReason.of(thrownException));
		}
		this.stats.skip(new TopicPartition(record.topic(), record.partition()), record.offset());
		return true;
	}

	@Override
	public boolean seeksAfterHandling() {
		return this.deadLetters.seeksAfterHandling();
	}

}
