package io.github.eventsuite.analytics.stats;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.adapter.ConsumerRecordMetadata;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/**
 * Feeds the three topics into the statistics. Every instance reads every partition
 * (assigned, not through a consumer group), so each holds the whole total rather than its
 * share of the partitions. A start reads on from the offsets of the restored checkpoint
 * ({@link StatsCheckpoints}), not from the beginning.
 */
@Component
class StatsListener implements ConsumerSeekAware {

	/**
	 * Committed offsets are not used to resume (the checkpoint's are) but show how far behind
	 * the statistics are. A group of its own: assigned consumers must not commit into a group
	 * whose members subscribe (the sensor pipeline's).
	 */
	static final String GROUP = "analytics-stats";

	static final List<String> TOPICS = List.of(Topics.USER_REGISTER, Topics.USER_CREATED, Topics.EMAIL_SENT);

	static final String REGISTRATIONS = "stats-registrations";

	static final String USERS = "stats-users";

	static final String EMAILS = "stats-emails";

	static final Set<String> IDS = Set.of(REGISTRATIONS, USERS, EMAILS);

	private final LiveStats stats;

	StatsListener(LiveStats stats) {
		this.stats = stats;
	}

	@KafkaListener(id = REGISTRATIONS, groupId = GROUP, topicPartitions = @org.springframework.kafka.annotation.TopicPartition(
			topic = Topics.USER_REGISTER, partitions = "#{@allPartitions.of('" + Topics.USER_REGISTER + "')}"))
	void on(UserRegistrationRequested event, ConsumerRecordMetadata record) {
		count(event, record);
	}

	@KafkaListener(id = USERS, groupId = GROUP, topicPartitions = @org.springframework.kafka.annotation.TopicPartition(
			topic = Topics.USER_CREATED, partitions = "#{@allPartitions.of('" + Topics.USER_CREATED + "')}"))
	void on(UserCreated event, ConsumerRecordMetadata record) {
		count(event, record);
	}

	@KafkaListener(id = EMAILS, groupId = GROUP, topicPartitions = @org.springframework.kafka.annotation.TopicPartition(
			topic = Topics.EMAIL_SENT, partitions = "#{@allPartitions.of('" + Topics.EMAIL_SENT + "')}"))
	void on(EmailSent event, ConsumerRecordMetadata record) {
		count(event, record);
	}

	private void count(BusEvent event, ConsumerRecordMetadata record) {
		this.stats.count(new CountedEvent(event, new TopicPartition(record.topic(), record.partition()), record.offset()));
	}

	/** Called when a container starts with its assigned partitions: resume at the checkpoint. */
	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		assignments.keySet().forEach((partition) -> callback.seek(partition.topic(), partition.partition(),
				this.stats.resumePosition(partition)));
	}

}
