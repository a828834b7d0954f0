package io.github.eventsuite.analytics.stats;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/**
 * Feeds the three topics into the statistics. Every instance reads every partition from the
 * beginning (assigned, not through a consumer group): the statistics live in memory, are
 * rebuilt from Kafka's log on each start, and each of several instances holds the whole
 * total rather than its share of the partitions. Events seen twice are counted once.
 */
@Component
class StatsListener {

	/**
	 * Committed offsets are not used to resume (every start reads from 0) but show how far
	 * behind the statistics are. A group of its own: assigned consumers must not commit into
	 * a group whose members subscribe (the sensor pipeline's).
	 */
	static final String GROUP = "analytics-stats";

	private final LiveStats stats;

	StatsListener(LiveStats stats) {
		this.stats = stats;
	}

	@KafkaListener(id = "stats-registrations", groupId = GROUP, topicPartitions = @TopicPartition(topic = Topics.USER_REGISTER,
			partitions = "#{@allPartitions.of('" + Topics.USER_REGISTER + "')}",
			partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(UserRegistrationRequested event) {
		this.stats.count(event);
	}

	@KafkaListener(id = "stats-users", groupId = GROUP, topicPartitions = @TopicPartition(topic = Topics.USER_CREATED,
			partitions = "#{@allPartitions.of('" + Topics.USER_CREATED + "')}",
			partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(UserCreated event) {
		this.stats.count(event);
	}

	@KafkaListener(id = "stats-emails", groupId = GROUP, topicPartitions = @TopicPartition(topic = Topics.EMAIL_SENT,
			partitions = "#{@allPartitions.of('" + Topics.EMAIL_SENT + "')}",
			partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(EmailSent event) {
		this.stats.count(event);
	}

}
