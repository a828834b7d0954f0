package io.github.eventsuite.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.PrometheusScrape;
import io.github.eventsuite.eventbus.user.UserCreated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Actuator answers on the management port only: health, metrics and the Prometheus scrape. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class ManagementEndpointsIntegrationTests {

	private static final String SENT = "emails_sent_total";

	private static final String FAILED = "emails_failed_total";

	@Autowired
	private KafkaConnectionDetails kafka;

	@LocalServerPort
	private int apiPort;

	@LocalManagementPort
	private int managementPort;

	private WebTestClient management;

	@BeforeEach
	void connect() {
		this.management = client(this.managementPort);
	}

	@Test
	void reportsReadinessWithKafkaSmtpAndDatabase() {
		this.management.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.status").isEqualTo("UP")
			.jsonPath("$.components.mail.status").isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status").isEqualTo("UP");
	}

	@Test
	void countsASentEmailAndExposesTheConsumerLagToPrometheus() {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		double sentBefore = before.value(SENT, "template=\"welcome\"").orElseThrow();
		double failedBefore = before.value(FAILED, "template=\"welcome\"").orElseThrow();
		UUID userId = UUID.randomUUID();
		new KafkaTopics(String.join(",", this.kafka.getBootstrapServers())).publish(UserCreated.of(userId,
				"Counted Once", "counted-" + userId.toString().substring(0, 8) + "@example.com", Instant.now(), "corr"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape after = PrometheusScrape.of(this.managementPort);
			assertThat(after.value(SENT, "application=\"notification-service\"")).hasValue(sentBefore + 1);
			assertThat(after.value(FAILED, "template=\"welcome\"")).hasValue(failedBefore);
			assertThat(after.value("kafka_consumer_fetch_manager_records_lag_max", "client_id=")).isPresent();
		});
	}

	@Test
	void servesNoActuatorEndpointOnTheApiPort() {
		assertThat(this.managementPort).isNotEqualTo(this.apiPort);
		WebTestClient api = client(this.apiPort);
		for (String endpoint : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus" }) {
			api.get().uri(endpoint).exchange().expectStatus().isNotFound();
		}
	}


	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

}
