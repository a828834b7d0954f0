package io.github.eventsuite.eventbus.testing;

import org.testcontainers.kafka.KafkaContainer;

/** The Kafka broker of the tests: the image of the build (kafka.image), auto-creation off as in production. */
public final class Brokers {

	private Brokers() {
	}

	public static KafkaContainer kafka() {
		return new KafkaContainer(System.getProperty("kafka.image", "apache/kafka:4.1.2"))
			.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
	}

}
