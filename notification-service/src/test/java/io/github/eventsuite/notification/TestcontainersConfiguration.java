package io.github.eventsuite.notification;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import io.github.eventsuite.eventbus.testing.Brokers;
import io.github.eventsuite.eventbus.testing.GreenMailbox;

/** A real Kafka broker (auto-creation off, as in production), PostgreSQL and a real SMTP server. */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		return Brokers.kafka();
	}

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer("postgres:17");
	}

	@Bean
	GenericContainer<?> greenMailContainer() {
		return new GenericContainer<>("greenmail/standalone:2.1.8")
			.withEnv("GREENMAIL_OPTS", GreenMailbox.CONTAINER_OPTIONS)
			.withExposedPorts(GreenMailbox.SMTP_PORT, GreenMailbox.API_PORT)
			.waitingFor(Wait.forHttp("/api/service/readiness").forPort(GreenMailbox.API_PORT));
	}

	@Bean
	DynamicPropertyRegistrar smtpProperties(GenericContainer<?> greenMailContainer) {
		return (registry) -> {
			registry.add("spring.mail.host", greenMailContainer::getHost);
			registry.add("spring.mail.port", () -> greenMailContainer.getMappedPort(GreenMailbox.SMTP_PORT));
			registry.add("greenmail.api-url", () -> "http://" + greenMailContainer.getHost() + ":"
					+ greenMailContainer.getMappedPort(GreenMailbox.API_PORT));
		};
	}

}
