package io.github.eventsuite.notification.email;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.Paused;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.notification.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class WelcomeEmailIntegrationTests {

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private EmailProperties properties;

	@Autowired
	private GenericContainer<?> greenMailContainer;

	@Value("${greenmail.api-url}")
	private String greenMailApi;

	private KafkaTopics topics;

	private GreenMailbox mailbox;

	@BeforeEach
	void connect() {
		this.topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		this.mailbox = new GreenMailbox(this.greenMailApi);
	}

	@Test
	void sendsTheWelcomeEmailAndEmitsEmailSent() {
		UUID userId = UUID.randomUUID();
		String email = "grace-" + userId.toString().substring(0, 8) + "@example.com";
		this.topics.publish(UserCreated.of(userId, "Grace Hopper", email, Instant.now(), "corr-grace"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.mailbox.messagesTo(email))
			.singleElement()
			.satisfies((message) -> {
				assertThat(message.subject()).isEqualTo("Welcome to Event Suite, Grace Hopper!");
				assertThat(message.messageId()).isEqualTo("<welcome." + userId + "@event-suite.local>");
				assertThat(message.mimeMessage()).contains("Hi Grace Hopper,").contains("welcome@event-suite.local");
			}));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				this.topics.events(Topics.EMAIL_SENT, EmailSent.class))
			.filteredOn((sent) -> sent.userId().equals(userId))
			.singleElement()
			.satisfies((sent) -> {
				assertThat(sent.template()).isEqualTo("welcome");
				assertThat(sent.messageId()).isEqualTo("<welcome." + userId + "@event-suite.local>");
				assertThat(sent.envelope().correlationId()).isEqualTo("corr-grace");
			}));
	}

	@Test
	void sendsTheWelcomeEmailOnceWhenUserCreatedIsDeliveredAgain() {
		UUID userId = UUID.randomUUID();
		String email = "twice-" + userId.toString().substring(0, 8) + "@example.com";
		UserCreated event = UserCreated.of(userId, "Delivered Twice", email, Instant.now(), "corr-twice");
		this.topics.publish(event);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.mailbox.messagesTo(email).size() == 1);

		RecordMetadata again = this.topics.publish(event);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.topics.processed("notification-service", again));
		assertThat(this.mailbox.messagesTo(email)).hasSize(1);
		assertThat(this.topics.events(Topics.EMAIL_SENT, EmailSent.class))
			.filteredOn((sent) -> sent.userId().equals(userId))
			.hasSize(2)
			.satisfies((sent) -> assertThat(sent.get(1)).isEqualTo(sent.get(0)));
	}

	@Test
	void sendsManyWelcomeEmailsOverNoMoreConnectionsThanSmtpConcurrency() {
		double openedBefore = connectionsOpened();

		List<UserCreated> users = publishUsers("many", 20);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertOneEmailEach(users));
		assertThat(connectionsOpened() - openedBefore).isLessThanOrEqualTo(this.properties.concurrency());
	}

	@Test
	void sendsTheNextWelcomeEmailsOnceEachAfterTheSmtpServerDroppedItsConnections() throws Exception {
		List<UserCreated> before = publishUsers("before-drop", 8);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertOneEmailEach(before));
		double openedBefore = connectionsOpened();

		GreenMailRestart.restart(this.greenMailApi);
		List<UserCreated> after = publishUsers("after-drop", 8);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertOneEmailEach(after));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				this.topics.events(Topics.EMAIL_SENT, EmailSent.class))
			.filteredOn((sent) -> after.stream().anyMatch((user) -> user.userId().equals(sent.userId())))
			.extracting(EmailSent::userId)
			.containsExactlyInAnyOrderElementsOf(after.stream().map(UserCreated::userId).toList()));
		assertOneEmailEach(after);
		assertThat(connectionsOpened()).isGreaterThan(openedBefore);
	}

	/** Far longer than the one retry a failure of the record gets here (test application.properties). */
	@Test
	void sendsTheWelcomeEmailOnceWhenTheSmtpServerIsBackAfterAnOutageLongerThanTheRetries() {
		UUID userId = UUID.randomUUID();
		UserCreated user = UserCreated.of(userId, "Waited Out", "outage-" + userId.toString().substring(0, 8) + "@example.com",
				Instant.now(), "corr-outage");
		double failedBefore = failedSends();
		try (Paused paused = Paused.pause(this.greenMailContainer)) {
			this.topics.publish(user);
			await().atMost(Duration.ofSeconds(90)).until(() -> failedSends() >= failedBefore + 3);
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				this.topics.events(Topics.EMAIL_SENT, EmailSent.class))
			.filteredOn((sent) -> sent.userId().equals(userId))
			.hasSize(1));
		assertThat(this.mailbox.messagesTo(user.email())).hasSize(1);
		assertThat(this.topics.readAll(Topics.deadLetterTopicOf(Topics.USER_CREATED)))
			.noneMatch((record) -> userId.toString().equals(record.key()));
	}

	@Test
	void sendsAnInvalidUserCreatedToTheDeadLetterTopicAndNoEmail() {
		String key = UUID.randomUUID().toString();
		this.topics.sendRaw(Topics.USER_CREATED, key, """
				{"envelope":{"eventId":"%s","eventType":"user.created","schemaVersion":1,
				"occurredAt":"2026-11-25T10:00:00Z","correlationId":"c"},
				"userId":"%s","name":"No Mail","email":"not-an-address","createdAt":"2026-11-25T10:00:00Z"}"""
			.formatted(UUID.randomUUID(), key));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				this.topics.readAll(Topics.deadLetterTopicOf(Topics.USER_CREATED)))
			.filteredOn((record) -> key.equals(record.key()))
			.singleElement()
			.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
				.isEqualTo("user.created: email must be a normalised email address")));
		assertThat(this.mailbox.messagesTo("not-an-address")).isEmpty();
	}

	private List<UserCreated> publishUsers(String prefix, int count) {
		List<UserCreated> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID userId = UUID.randomUUID();
			String email = prefix + "-" + userId.toString().substring(0, 8) + "@example.com";
			users.add(UserCreated.of(userId, "User " + i, email, Instant.now(), "corr-" + prefix));
		}
		users.forEach(this.topics::publish);
		return users;
	}

	private void assertOneEmailEach(List<UserCreated> users) {
		for (UserCreated user : users) {
			assertThat(this.mailbox.messagesTo(user.email())).as(user.email()).hasSize(1);
		}
	}

	private double failedSends() {
		return this.meters.get("emails.failed").counter().count();
	}

	private double connectionsOpened() {
		return this.meters.get("email.smtp.connections.opened").counter().count();
	}

}
