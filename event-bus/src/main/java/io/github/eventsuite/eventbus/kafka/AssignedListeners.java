package io.github.eventsuite.eventbus.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Listener containers for what every instance reads whole: partitions assigned to them, not
 * shared out by a consumer group. Made when the application starts, not while its context
 * refreshes (as {@code @KafkaListener(topicPartitions = ...)} would need them), because
 * which partitions a topic has is asked of Kafka: a slow broker delays readiness rather than
 * failing the refresh. Made by each feed that reads so ({@link AssignedFeed}:
 * analytics-service's statistics, sensor-service's views).
 */
public class AssignedListeners {

	private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(AssignedListeners.class);

	private final KafkaAdmin admin;

	private final ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	public AssignedListeners(KafkaAdmin admin, ConcurrentKafkaListenerContainerFactory<Object, Object> factory) {
		this.admin = admin;
		this.factory = factory;
	}

	/** The topic's partitions, asked of Kafka once the suite's topics exist (creating them is a no-op if they do). */
	public List<Integer> partitionsOf(String topic) {
		this.admin.initialize();
		return Objects.requireNonNull(this.admin.describeTopics(topic).get(topic), topic).partitions().stream()
			.map((partition) -> partition.partition())
			.toList();
	}

	/**
	 * A container of one consumer reading the partitions from their offsets, not started.
	 * It commits into {@code group} only so that its lag shows how far behind it is: every
	 * {@link #COMMIT_INTERVAL}, without waiting for the broker. A synchronous commit after
	 * every poll (Spring Kafka's default) was a fifth of analytics-service's CPU samples at
	 * 500 registrations/s (docs/benchmarks.md), for offsets nothing resumes from.
	 */
	public ConcurrentMessageListenerContainer<Object, Object> container(String id, String group,
			List<TopicPartitionOffset> partitions, MessageListener<Object, Object> listener) {
		ConcurrentMessageListenerContainer<Object, Object> container = this.factory
			.createContainer(partitions.toArray(TopicPartitionOffset[]::new));
		container.setBeanName(id);
		container.setConcurrency(1);
		ContainerProperties properties = container.getContainerProperties();
		properties.setGroupId(group);
		properties.setAckMode(ContainerProperties.AckMode.TIME);
		properties.setAckTime(COMMIT_INTERVAL.toMillis());
		properties.setSyncCommits(false);
		properties.setCommitCallback(AssignedListeners::committed);
		container.setupMessageListener(listener);
		return container;
	}

	/**
	 * A commit that failed leaves the lag shown older: the next commit, once new records
	 * came, carries newer offsets (an asynchronous commit is not retried). Spring Kafka's
	 * default callback logs it as an error with a stack trace, which a new broker's first
	 * commits got while its offsets topic was still being created
	 * ({@code CoordinatorNotAvailableException}).
	 */
	static void committed(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable Exception ex) {
		if (ex instanceof RetriableException) {
			log.info("Lag not committed yet ({}); the next commit after new records carries it",
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
		else if (ex != null) {
			log.warn("Lag not committed ({}); the next commit after new records carries it", ex.toString());
		}
	}

}
