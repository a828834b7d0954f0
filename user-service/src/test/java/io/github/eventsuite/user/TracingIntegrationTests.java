package io.github.eventsuite.user;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One registration is one trace: the HTTP request, user.register, and user.created through the outbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class TracingIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Test
	void carriesTheCallersTraceIntoUserRegisterAndUserCreated() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String userId = this.client.post().uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.bodyValue("{\"name\":\"Traced\",\"email\":\"traced-" + UUID.randomUUID() + "@example.com\"}")
			.exchange()
			.expectStatus().isAccepted()
			.expectBody(String.class).returnResult().getResponseBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(topics.readAll(Topics.USER_REGISTER)).filteredOn((record) -> traceOf(record).equals(traceId))
				.hasSize(1);
			assertThat(topics.readAll(Topics.USER_CREATED)).filteredOn((record) -> userId.equals(record.key()))
				.singleElement()
				.satisfies((record) -> assertThat(traceOf(record)).isEqualTo(traceId));
		});
	}

	/** The trace id of a record's W3C traceparent header (version-traceid-spanid-flags). */
	private static String traceOf(ConsumerRecord<String, byte[]> record) {
		String traceparent = KafkaTopics.header(record, "traceparent");
		return (traceparent != null) ? traceparent.split("-")[1] : "";
	}

}
