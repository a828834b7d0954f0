package io.github.eventsuite.analytics.stats;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.github.eventsuite.eventbus.kafka.EventBusProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatsProperties.class)
class StatsConfiguration {

	/** Started by {@link StatsFeed} from the latest checkpoint, and checkpointed as it goes. */
	@Bean(destroyMethod = "destroy")
	LiveStats liveStats(StatsCheckpoints checkpoints) {
		return new LiveStats(checkpoints);
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
