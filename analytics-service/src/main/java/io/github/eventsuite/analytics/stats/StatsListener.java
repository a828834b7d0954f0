package io.github.eventsuite.analytics.stats;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;

/**
 * Feeds both topics into the statistics. The statistics live in memory, so a partition this
 * instance has not read since it started is read from the beginning; events seen twice are
 * counted once by the fold.
 */
@Component
class StatsListener extends AbstractConsumerSeekAware {

	private final LiveStats stats;

	private final Set<TopicPartition> counted = ConcurrentHashMap.newKeySet();

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
		List<TopicPartition> unread = assignments.keySet().stream().filter(this.counted::add).toList();
		if (!unread.isEmpty()) {
			callback.seekToBeginning(unread);
		}
	}

}
