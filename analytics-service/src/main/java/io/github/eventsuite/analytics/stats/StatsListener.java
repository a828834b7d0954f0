package io.github.eventsuite.analytics.stats;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;

/**
 * Feeds both topics into the statistics. The statistics live in memory, so on every start
 * (and every rebalance) the consumer reads its partitions from the beginning and rebuilds
 * them; events seen twice are counted once by the fold.
 */
@Component
class StatsListener extends AbstractConsumerSeekAware {

	private final LiveStats stats;

	StatsListener(LiveStats stats) {
		this.stats = stats;
	}

	@KafkaListener(topics = Topics.USER_CREATED)
	void on(UserCreated event) {
		this.stats.count(event);
	}

	@KafkaListener(topics = Topics.EMAIL_SENT)
	void on(EmailSent event) {
		this.stats.count(event);
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		super.onPartitionsAssigned(assignments, callback);
		callback.seekToBeginning(assignments.keySet());
	}

}
