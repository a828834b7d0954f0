package io.github.eventsuite.analytics.stats;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import io.github.eventsuite.eventbus.kafka.EventBusProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatsProperties.class)
class StatsConfiguration {

	/** Restored from the latest checkpoint, and checkpointed as it goes. */
	@Bean(destroyMethod = "destroy")
	LiveStats liveStats(StatsCheckpoints checkpoints) {
		Tally tally = checkpoints.restore();
		return new LiveStats(tally, checkpoints.catchUp(StatsListener.TOPICS), checkpoints::offer);
	}

	/**
	 * The statistics' listeners skip or dead-letter what they cannot read, and move on past
	 * it. They run without an observation per record: counting ends a trace rather than
	 * continuing it, and the per-record span and timer were a fifth of analytics-service's
	 * CPU under load (JFR, docs/benchmarks.md). Their lag still shows how far behind they are.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> statsListeners(
			CommonErrorHandler deadLetters, LiveStats stats) {
		CommonErrorHandler unreadable = new UnreadableStatsRecords(deadLetters, stats);
		return (container) -> {
			if (StatsListener.IDS.contains(container.getListenerId())) {
				container.setCommonErrorHandler(unreadable);
				container.getContainerProperties().setObservationEnabled(false);
				// Without an observation, Spring Kafka would time each record with a plain timer instead.
				container.getContainerProperties().setMicrometerEnabled(false);
			}
		};
	}

	/** Created with the suite's topics, before the first checkpoint is read or written. */
	@Bean
	NewTopic statsCheckpointsTopic(EventBusProperties eventBus) {
		EventBusProperties.TopicSettings settings = eventBus.topics();
		return TopicBuilder.name(StatsCheckpoints.TOPIC)
			.partitions(1)
			.replicas(settings.replicationFactor())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()))
			.configs(StatsCheckpoints.topicConfig())
			.build();
	}

}
