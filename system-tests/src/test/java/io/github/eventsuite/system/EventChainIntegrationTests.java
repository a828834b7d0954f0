package io.github.eventsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.EventDeserializer;
import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole chain, REST to stats, through the three service images and real infrastructure. */
class EventChainIntegrationTests {

	private static final SuiteContainers suite = new SuiteContainers();

	private static final SuiteProbe probe = new SuiteProbe(suite);

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startSuite() {
		suite.start();
	}

	@AfterAll
	static void stopSuite() {
		suite.close();
	}

	@Test
	void twentyRequestsEndAsSixteenUsersSixteenWelcomeEmailsAndExactStats() {
		List<String> emails = IntStream.rangeClosed(1, 16).mapToObj((i) -> "user" + i + "@example.com").toList();

		Map<String, String> traceOfEmail = emails.stream()
			.collect(Collectors.toMap((email) -> email, (email) -> UUID.randomUUID().toString().replace("-", "")));
		List<HttpResponse<String>> accepted = all(emails.stream()
			.map((email) -> register("{\"name\":\"User " + email.substring(0, email.indexOf('@')) + "\",\"email\":\"" + email + "\"}",
					"00-" + traceOfEmail.get(email) + "-00f067aa0ba902b7-01"))
			.toList());
		List<HttpResponse<String>> invalid = all(List.of(register("{\"name\":\"\",\"email\":\"nobody\"}"),
				register("{\"name\":\"Mallory\",\"email\":\"mallory@example.com\",\"role\":\"admin\"}")));
		List<HttpResponse<String>> repeats = all(List.of(register("{\"name\":\"Again\",\"email\":\"USER1@example.com\"}"),
				register("{\"name\":\"Again\",\"email\":\"  user2@example.com \"}")));

		assertThat(accepted).extracting(HttpResponse::statusCode).containsOnly(202);
		assertThat(invalid).extracting(HttpResponse::statusCode).containsOnly(400);
		assertThat(repeats).extracting(HttpResponse::statusCode).containsOnly(409);
		assertThat(invalid).allSatisfy((response) -> assertThat(response.headers().firstValue("Content-Type"))
			.hasValue("application/problem+json"));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(probe.usersInDatabase()).isEqualTo(16));
		accepted.forEach((response) -> assertThat(probe
			.getJson(probe.userServiceUrl() + response.headers().firstValue("Location").orElseThrow())
			.get("status")
			.asString()).isEqualTo("created"));

		GreenMailbox mailbox = probe.mailbox();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(mailbox.recipients()).containsExactlyInAnyOrderElementsOf(emails);
			assertThat(mailbox.messagesTo(emails)).allSatisfy((email, messages) -> assertThat(messages).as(email)
				.singleElement()
				.satisfies((message) -> assertThat(message.subject()).startsWith("Welcome to Event Suite, User ")));
		});

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(probe.stats()).isEqualTo(new SuiteProbe.Stats(16, 16)));

		KafkaTopics topics = new KafkaTopics(suite.kafka.getBootstrapServers());
		assertThat(topics.events(Topics.USER_REGISTER, UserRegistrationRequested.class)).hasSize(16);
		List<UserCreated> created = topics.events(Topics.USER_CREATED, UserCreated.class);
		assertThat(created).extracting(UserCreated::email).containsExactlyInAnyOrderElementsOf(emails);
		assertThat(topics.events(Topics.EMAIL_SENT, EmailSent.class)).extracting(EmailSent::userId)
			.containsExactlyInAnyOrderElementsOf(created.stream().map(UserCreated::userId).collect(Collectors.toSet()));
		assertEachRegistrationIsOneTrace(topics, traceOfEmail);
	}

	/** Least privilege: neither service talks to PostgreSQL as the superuser or to the other's database. */
	@Test
	void eachServiceConnectsAsItsOwnRoleToItsOwnDatabase() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.databaseSessions())
			.containsExactlyInAnyOrder("notification_service@notifications", "user_service@users"));
	}

	/** The caller's trace id is on the user's user.register, user.created and email.sent records. */
	private static void assertEachRegistrationIsOneTrace(KafkaTopics topics, Map<String, String> traceOfEmail) {
		EventDeserializer events = new EventDeserializer();
		Map<String, String> traceOfUser = new HashMap<>();
		topics.readAll(Topics.USER_CREATED).forEach((record) -> {
			UserCreated user = (UserCreated) events.deserialize(Topics.USER_CREATED, record.value());
			assertThat(traceOf(record)).as(user.email()).isEqualTo(traceOfEmail.get(user.email()));
			traceOfUser.put(user.userId().toString(), traceOf(record));
		});
		assertThat(topics.readAll(Topics.USER_REGISTER)).extracting(EventChainIntegrationTests::traceOf)
			.containsExactlyInAnyOrderElementsOf(traceOfEmail.values());
		assertThat(topics.readAll(Topics.EMAIL_SENT)).hasSize(traceOfEmail.size())
			.allSatisfy((record) -> assertThat(traceOf(record)).isEqualTo(traceOfUser.get(record.key())));
	}

	private static String traceOf(ConsumerRecord<String, byte[]> record) {
		String traceparent = KafkaTopics.header(record, "traceparent");
		return (traceparent != null) ? traceparent.split("-")[1] : null;
	}

	@Test
	void everyServiceReportsReadyWithItsDependencies() {
		assertThat(readiness(suite.url(suite.userService, SuiteContainers.USER_MANAGEMENT_PORT)))
			.containsAll(Set.of("kafka", "r2dbc"));
		assertThat(readiness(suite.url(suite.notificationService, SuiteContainers.NOTIFICATION_MANAGEMENT_PORT)))
			.containsAll(Set.of("kafka", "mail", "r2dbc"));
		assertThat(readiness(suite.url(suite.analyticsService, SuiteContainers.ANALYTICS_MANAGEMENT_PORT)))
			.contains("kafka", "stats");
	}

	private CompletableFuture<HttpResponse<String>> register(String body) {
		return register(body, "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01");
	}

	private CompletableFuture<HttpResponse<String>> register(String body, String traceparent) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(probe.userServiceUrl() + "/api/users"))
			.header("Content-Type", "application/json")
			.header("traceparent", traceparent)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> requests) {
		return requests.stream().map(CompletableFuture::join).toList();
	}

	/** The components of the service's readiness group, which must be UP as a whole. */
	private static Set<String> readiness(String managementUrl) {
		JsonNode readiness = probe.getJson(managementUrl + "/actuator/health/readiness");
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		return readiness.get("components").propertyNames().stream().collect(Collectors.toSet());
	}

}
