package io.github.eventsuite.user.registration;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.user.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A registration's way through the service, a repeat and a broken record: no address reaches the log. */
// DEBUG: personal data must not reach the log at any level, the per-registration line included.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.io.github.eventsuite.user=debug")
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Test
	void logsNeitherTheEmailAddressNorTheNameOfARegistration(CapturedOutput output) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String email = "ada-" + unique + "@example.com";
		String name = "Ada Logless" + unique;
		String location = register(name, email).expectStatus().isAccepted()
			.returnResult(Map.class).getResponseHeaders().getLocation().toString();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> this.client.get().uri(location).exchange()
			.expectBody().jsonPath("$.status").isEqualTo("created"));
		register(name, email).expectStatus().isEqualTo(409);

		String poisonKey = "poison-" + unique;
		String poisonEmail = "eve-" + unique + "@example.com";
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		topics.sendRaw(Topics.USER_REGISTER, poisonKey, "{\"userId\":\"" + poisonEmail + "\"}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				topics.readAll(Topics.deadLetterTopicOf(Topics.USER_REGISTER)))
			.filteredOn((record) -> poisonKey.equals(record.key()))
			.singleElement()
			.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
				.contains("e***@example.com")
				.doesNotContain(poisonEmail)));

		assertThat(output.getOut() + output.getErr()).contains(location.substring(location.lastIndexOf('/') + 1))
			.doesNotContain(email, poisonEmail, name);
	}

	private WebTestClient.ResponseSpec register(String name, String email) {
		return this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "email", email))
			.exchange();
	}

}
