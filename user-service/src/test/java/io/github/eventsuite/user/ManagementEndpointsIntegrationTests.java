package io.github.eventsuite.user;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.testing.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Actuator answers on the management port only: health, metrics and the Prometheus scrape. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class ManagementEndpointsIntegrationTests {

	@Autowired
	private WebTestClient api;

	@LocalServerPort
	private int apiPort;

	@LocalManagementPort
	private int managementPort;

	private WebTestClient management;

	@BeforeEach
	void connect() {
		this.management = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
	}

	@Test
	void reportsReadinessWithKafkaAndDatabase() {
		this.management.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.status").isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status").isEqualTo("UP");
	}

	@Test
	void exposesTheOutboxBacklogAndTheConsumerLagToPrometheus() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
			assertThat(scrape.value("outbox_backlog", "application=\"user-service\"")).hasValue(0.0);
			assertThat(scrape.value("kafka_consumer_fetch_manager_records_lag_max", "client_id=")).isPresent();
		});
	}

	@Test
	void timesRequestsAndRecordsWithoutALongTaskTimerForEach() {
		this.api.get().uri("/api/users/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
			assertThat(scrape.value("http_server_requests_seconds_count", "uri=\"/api/users/{id}\"")).isPresent();
			assertThat(scrape.text().lines().filter((line) -> line.contains("_active_seconds"))).isEmpty();
		});
	}

	@Test
	void servesNoActuatorEndpointOnTheApiPort() {
		assertThat(this.managementPort).isNotEqualTo(this.apiPort);
		for (String endpoint : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus" }) {
			this.api.get().uri(endpoint).exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void exposesOnlyHealthInfoMetricsAndPrometheus() {
		this.management.get().uri("/actuator").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$._links").value(Map.class, (links) -> assertThat(links).containsOnlyKeys("self", "health",
					"health-path", "info", "metrics", "metrics-requiredMetricName", "prometheus"));
	}


}
