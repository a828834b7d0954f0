package io.github.eventsuite.sensor;

import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import io.github.eventsuite.eventbus.testing.Brokers;

/** A real Kafka broker, with auto-creation off as in production. */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		return Brokers.kafka();
	}

}
