package io.github.eventsuite.user.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.HostileInputs;
import io.github.eventsuite.eventbus.testing.HostileInputs.Hostile;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.user.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed, oversized, wrongly typed, deeply nested and hostile requests: each
 * must get a 4xx, none may reach Kafka or the database, and the service must stay healthy.
 */
// The rate limit would answer most of these 429 before validation sees them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "user.registration.rate-limit.enabled=false")
@Import(TestcontainersConfiguration.class)
class HostileInputIntegrationTests {

	private static final String VALID = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private DatabaseClient db;

	@Test
	void refusesEveryHostileRequestWithA4xxAndKeepsNothing() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		int eventsBefore = topics.readAll(Topics.USER_REGISTER).size();
		long rowsBefore = registrations();
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build();

		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (Hostile input : HostileInputs.against(VALID, (name) -> "{\"name\":" + name + ",\"email\":\"no-at-sign\"}",
				2_000, 42)) {
			int status = post(client, input);
			statuses.merge(status, 1, Integer::sum);
			if (status < 400 || status >= 500) {
				failures.add(status + " for " + input);
			}
		}
		for (String id : List.of("x", "../../etc/passwd", "%00", "1' or '1'='1", "9".repeat(5_000), UUID.randomUUID() + "x")) {
			int status = client.get().uri("/api/users/{id}", id).exchange().expectBody().returnResult().getStatus().value();
			statuses.merge(status, 1, Integer::sum);
			if (status < 400 || status >= 500) {
				failures.add(status + " for GET /api/users/" + id);
			}
		}
		for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
			int status = client.method(method).uri("/api/users").exchange().expectBody().returnResult().getStatus().value();
			statuses.merge(status, 1, Integer::sum);
			if (status != 405) {
				failures.add(status + " for " + method + " /api/users");
			}
		}

		assertThat(failures).as("statuses seen: %s", statuses).isEmpty();
		assertThat(statuses).containsKeys(400, 413, 415);
		assertThat(registrations()).isEqualTo(rowsBefore);
		assertThat(topics.readAll(Topics.USER_REGISTER)).hasSize(eventsBefore);
		WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build()
			.get().uri("/actuator/health").exchange().expectStatus().isOk();
		client.post().uri("/api/users").header("Content-Type", "application/json")
			.bodyValue("{\"name\":\"Still Here\",\"email\":\"still-" + UUID.randomUUID() + "@example.com\"}")
			.exchange()
			.expectStatus().isAccepted();
	}

	private static int post(WebTestClient client, Hostile input) {
		WebTestClient.RequestBodySpec request = client.post().uri("/api/users");
		if (input.contentType() != null) {
			request.header("Content-Type", input.contentType());
		}
		input.headers().forEach(request::header);
		return request.bodyValue(input.body()).exchange().expectBody().returnResult().getStatus().value();
	}

	private long registrations() {
		return this.db.sql("select count(*) from registrations").map((row) -> row.get(0, Long.class)).one().block();
	}

}
