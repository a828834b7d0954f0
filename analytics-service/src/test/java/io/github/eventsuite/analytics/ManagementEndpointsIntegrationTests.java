package io.github.eventsuite.analytics;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.Topics;
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
	void reportsReadinessWithKafka() {
		this.management.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.status").isEqualTo("UP")
			.jsonPath("$.components.stats.status").isEqualTo("UP");
	}

	@Test
	void exposesDeadLettersPerTopicAndTheConsumerLagToPrometheus() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
			for (String topic : Topics.ALL) {
				assertThat(scrape.value("dead_letters", "application=\"analytics-service\"", "topic=\"" + topic + "\""))
					.as(topic).isPresent();
			}
			assertThat(scrape.value("kafka_consumer_fetch_manager_records_lag_max", "client_id=")).isPresent();
		});
	}

	@Test
	void servesNoActuatorEndpointOnTheApiPort() {
		assertThat(this.managementPort).isNotEqualTo(this.apiPort);
		for (String endpoint : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus" }) {
			this.api.get().uri(endpoint).exchange().expectStatus().isNotFound();
		}
	}


}
