package io.github.eventsuite.analytics;

import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/** A real Kafka broker, with auto-creation off as in production. */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		return new KafkaContainer(System.getProperty("kafka.image", "apache/kafka:4.1.2"))
			.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
	}

}
