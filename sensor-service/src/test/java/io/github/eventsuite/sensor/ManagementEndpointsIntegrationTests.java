package io.github.eventsuite.sensor;

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

import io.github.eventsuite.eventbus.testing.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Actuator answers on the management port only: readiness, with the pipeline's, and the Prometheus scrape. */
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
	void reportsReadinessWithKafkaAndTheRunningPipeline() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> this.management.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.status").isEqualTo("UP")
			.jsonPath("$.components.sensorPipeline.status").isEqualTo("UP")
			.jsonPath("$.components.sensorPipeline.details.state").isEqualTo("RUNNING"));
	}

	@Test
	void exposesThePipelinesMetricsToPrometheus() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				PrometheusScrape.of(this.managementPort).samples("kafka_stream_thread_process_total"))
			.isNotEmpty());
	}

	@Test
	void servesNoActuatorEndpointOnTheApiPort() {
		assertThat(this.managementPort).isNotEqualTo(this.apiPort);
		for (String endpoint : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus" }) {
			this.api.get().uri(endpoint).exchange().expectStatus().isNotFound();
		}
	}

}
