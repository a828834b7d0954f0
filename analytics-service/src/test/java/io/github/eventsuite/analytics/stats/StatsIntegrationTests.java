package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.analytics.SecondInstance;
import io.github.eventsuite.analytics.TestcontainersConfiguration;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class StatsIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Test
	void countsEachUserAndEmailExactlyOnceFromKafka() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		Stats before = stats();
		UUID ada = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		UUID eve = UUID.randomUUID();
		Instant now = Instant.now();

		topics.publish(Events.userCreated(ada, now));
		topics.publish(Events.userCreated(bob, now));
		topics.publish(Events.userCreated(eve, now));
		topics.publish(Events.userCreated(ada, now));
		topics.publish(Events.emailSent(ada, now));
		topics.publish(Events.emailSent(bob, now));
		topics.publish(Events.emailSent(bob, now));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Stats after = stats();
			assertThat(after.usersCreated() - before.usersCreated()).isEqualTo(3);
			assertThat(after.emailsSent() - before.emailsSent()).isEqualTo(2);
		});
	}

	@Test
	void sendsAnUnreadableEventToTheDeadLetterTopicAndKeepsCounting() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		String key = UUID.randomUUID().toString();
		Stats before = stats();

		topics.sendRaw(Topics.EMAIL_SENT, key, "not json at all");
		topics.publish(Events.emailSent(UUID.randomUUID(), Instant.now()));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				topics.readAll(Topics.deadLetterTopicOf(Topics.EMAIL_SENT)))
			.anyMatch((record) -> key.equals(record.key())));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stats().emailsSent()).isEqualTo(before.emailsSent() + 1));
	}

	@Test
	void everyInstanceCountsEveryPartitionSoEachServesTheWholeTotal() {
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());
		KafkaTopics topics = new KafkaTopics(bootstrap);
		Stats before = stats();
		Instant now = Instant.now();
		for (int i = 0; i < 9; i++) {
			UUID user = UUID.randomUUID();
			topics.publish(Events.registered(user, now));
			topics.publish(Events.userCreated(user, now));
			if (i % 3 != 0) {
				topics.publish(Events.emailSent(user, now.plusMillis(100)));
			}
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Stats after = stats();
			assertThat(after.registrationsRequested() - before.registrationsRequested()).isEqualTo(9);
			assertThat(after.usersCreated() - before.usersCreated()).isEqualTo(9);
			assertThat(after.emailsSent() - before.emailsSent()).isEqualTo(6);
		});

		try (SecondInstance second = SecondInstance.start(bootstrap)) {
			WebTestClient secondClient = second.client();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(totals(stats(secondClient)))
				.isEqualTo(totals(stats())));
		}
	}

	private static List<Long> totals(Stats stats) {
		return List.of(stats.registrationsRequested(), stats.usersCreated(), stats.emailsSent(), stats.emailsPending(),
				stats.registrationToEmail().samples());
	}

	private Stats stats() {
		return stats(this.client);
	}

	private static Stats stats(WebTestClient client) {
		return client.get().uri("/api/stats").exchange()
			.expectStatus().isOk()
			.expectBody(Stats.class)
			.returnResult()
			.getResponseBody();
	}

}
