package io.github.eventsuite.analytics.stats;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.AssignedFeed;
import io.github.eventsuite.eventbus.kafka.AssignedListeners;

/**
 * Feeds the three topics into the statistics. Every instance reads every partition
 * (assigned, not through a consumer group), so each holds the whole total rather than its
 * share of the partitions. On start it restores the latest checkpoint ({@link StatsCheckpoints})
 * and reads on from its offsets, not from the beginning: after the context's refresh
 * ({@link AssignedListeners} says why).
 *
 * <p>One consumer reads all of them: the fold counts one event at a time anyway, and each
 * consumer more is one more fetch and commit per round. It runs without an observation per
 * record: counting ends a trace rather than continuing it, and the per-record span and
 * timer were a fifth of analytics-service's CPU under load (JFR, docs/benchmarks.md).
 */
@Component
class StatsFeed extends AssignedFeed {

	/**
	 * Committed offsets are not used to resume (the checkpoint's are) but show how far behind
	 * the statistics are. A group of its own: assigned consumers must not commit into a group
	 * whose members subscribe.
	 */
	static final String GROUP = "analytics-stats";

	static final List<String> TOPICS = List.of(Topics.USER_REGISTER, Topics.USER_CREATED, Topics.EMAIL_SENT);

	private final StatsCheckpoints checkpoints;

	private final LiveStats stats;

	private final AssignedListeners listeners;

	private final CommonErrorHandler unreadable;

	StatsFeed(StatsCheckpoints checkpoints, LiveStats stats, KafkaAdmin admin,
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory, CommonErrorHandler deadLetters) {
		this.checkpoints = checkpoints;
		this.stats = stats;
		this.listeners = new AssignedListeners(admin, factory);
		this.unreadable = new UnreadableStatsRecords(deadLetters, stats);
	}

	@Override
	protected ConcurrentMessageListenerContainer<Object, Object> container() {
		Tally tally = this.checkpoints.restore();
		StatsCheckpoints.CatchUp catchUp = this.checkpoints.catchUp(TOPICS);
		this.stats.start(tally, catchUp);
		// From where the checkpoint left each partition; a record before it is skipped by the
		// tally anyway, so a re-read (the container restarted) never counts twice.
		List<TopicPartitionOffset> partitions = catchUp.ends().keySet().stream()
			.map((partition) -> new TopicPartitionOffset(partition.topic(), partition.partition(), tally.position(partition)))
			.toList();
		ConcurrentMessageListenerContainer<Object, Object> container = this.listeners.container("stats", GROUP, partitions,
				this::count);
		container.setCommonErrorHandler(this.unreadable);
		container.getContainerProperties().setObservationEnabled(false);
		// Without an observation, Spring Kafka would time each record with a plain timer instead.
		container.getContainerProperties().setMicrometerEnabled(false);
		return container;
	}

	private void count(ConsumerRecord<Object, Object> record) {
		if (!(record.value() instanceof BusEvent event)) {
			throw new IllegalArgumentException("not an event: " + record.value());
		}
		this.stats.count(new CountedEvent(event, new TopicPartition(record.topic(), record.partition()), record.offset()));
	}

}
