package io.github.eventsuite.analytics.stats;

import java.util.Objects;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The partitions of a topic, for listeners that read all of them. Asked while the listeners
 * are set up, which is before Kafka's admin creates the suite's topics on a fresh broker:
 * so it has them created first (creating existing topics is a no-op). Public because the
 * listeners' SpEL calls it.
 */
@Component
public class AllPartitions {

	private final KafkaAdmin admin;

	AllPartitions(KafkaAdmin admin) {
		this.admin = admin;
	}

	public String[] of(String topic) {
		this.admin.initialize();
		return Objects.requireNonNull(this.admin.describeTopics(topic).get(topic), topic).partitions().stream()
			.map((partition) -> String.valueOf(partition.partition()))
			.toArray(String[]::new);
	}

}
