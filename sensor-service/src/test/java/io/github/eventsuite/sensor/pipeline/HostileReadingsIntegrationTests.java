package io.github.eventsuite.sensor.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.HostileInputs;
import io.github.eventsuite.eventbus.testing.HostileInputs.Hostile;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.sensor.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed, oversized, nested and hostile bodies and headers against the
 * endpoint that takes readings: each gets a 4xx, no reading reaches Kafka, and the service
 * stays healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class HostileReadingsIntegrationTests {

	private static final String VALID = "{\"deviceId\":\"sensor-1\",\"timestamp\":\"2026-11-25T10:00:00Z\","
			+ "\"temperature\":21.5,\"humidity\":40}";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Test
	void refusesEveryHostileReadingWithA4xxAndPublishesNothing() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		int readingsBefore = topics.readAll(Topics.SENSOR_READINGS).size();
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build();
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();

		// Any value in deviceId, paired with a timestamp that is not one.
		for (Hostile input : HostileInputs.against(VALID, (device) -> "{\"deviceId\":" + device
				+ ",\"timestamp\":\"yesterday\",\"temperature\":21.5,\"humidity\":40}", 2_000, 7)) {
			check(statuses, failures, input.toString(), post(client, "/api/sensors/readings", input));
		}

		assertThat(failures).as("statuses seen: %s", statuses).isEmpty();
		assertThat(statuses).containsKeys(400, 413, 415);
		assertThat(topics.readAll(Topics.SENSOR_READINGS)).hasSize(readingsBefore);
		WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build()
			.get().uri("/actuator/health").exchange().expectStatus().isOk();
		assertThat(post(client, "/api/sensors/readings", new Hostile("valid", "application/json",
				VALID.getBytes(StandardCharsets.UTF_8), Map.of()))).isEqualTo(202);
	}

	private static void check(Map<Integer, Integer> statuses, List<String> failures, String what, int status) {
		statuses.merge(status, 1, Integer::sum);
		if (status < 400 || status >= 500) {
			failures.add(status + " for " + what);
		}
	}

	/** Signed in as the reading's device: what is turned away is the body, not a missing key. */
	private static int post(WebTestClient client, String path, Hostile input) {
		WebTestClient.RequestBodySpec request = client.post().uri(path).headers(TestDevices.signedInAs("sensor-1"));
		if (input.contentType() != null) {
			request.header("Content-Type", input.contentType());
		}
		input.headers().forEach(request::header);
		return request.bodyValue(input.body()).exchange().expectBody().returnResult().getStatus().value();
	}

}
