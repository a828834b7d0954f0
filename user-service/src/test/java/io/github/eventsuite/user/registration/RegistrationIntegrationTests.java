package io.github.eventsuite.user.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.Paused;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import io.github.eventsuite.user.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class RegistrationIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private StalledRegistrations stalledRegistrations;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private KafkaContainer kafkaContainer;

	@Autowired
	private PostgreSQLContainer postgresContainer;

	private KafkaTopics topics;

	@BeforeEach
	void connect() {
		this.topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
	}

	@Test
	void storesTheUserAndEmitsUserCreatedOnce() {
		String email = unique("ada") + "@example.com";
		String location = register("Ada Lovelace", email.toUpperCase())
			.expectStatus().isAccepted()
			.returnResult(Map.class).getResponseHeaders().getLocation().toString();
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> this.client.get().uri(location).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("created")
			.jsonPath("$.email").isEqualTo(email)
			.jsonPath("$.name").isEqualTo("Ada Lovelace"));

		assertThat(usersWithEmail(email)).isEqualTo(1);
		await().untilAsserted(() -> assertThat(userCreated(id)).singleElement()
			.satisfies((event) -> assertThat(event.email()).isEqualTo(email)));
		assertThat(this.topics.events(Topics.USER_REGISTER, UserRegistrationRequested.class))
			.filteredOn((event) -> event.userId().equals(id))
			.singleElement()
			.satisfies((event) -> assertThat(event.key()).doesNotContain("example"));
	}

	@Test
	void answers409ForAnEmailThatIsAlreadyRegistered() {
		String email = unique("grace") + "@example.com";
		register("Grace", email).expectStatus().isAccepted();

		register("Grace Again", email).expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// A 202 waits for PostgreSQL, not for Kafka: the first one's record follows shortly.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.topics.events(Topics.USER_REGISTER,
				UserRegistrationRequested.class))
			.filteredOn((event) -> event.email().equals(email))
			.hasSize(1));
	}

	/** Records of a poll are processed concurrently, so either one may win; exactly one does. */
	@Test
	void rejectsARacingDuplicateWithItsReasonAndCreatesOneUser() {
		String email = unique("race") + "@example.com";
		List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
		ids.forEach((id) -> this.topics.publish(UserRegistrationRequested.of(id, "Racer", email, "race")));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids.stream().map(this::status))
			.containsExactlyInAnyOrder("created", "rejected"));
		UUID rejected = ids.stream().filter((id) -> status(id).equals("rejected")).findFirst().orElseThrow();
		this.client.get().uri("/api/users/{id}", rejected).exchange()
			.expectBody().jsonPath("$.reason").isEqualTo(Registrations.DUPLICATE_EMAIL);
		assertThat(usersWithEmail(email)).isEqualTo(1);
		assertThat(userCreated(rejected)).isEmpty();
		assertThat(ids.stream().mapToInt((id) -> userCreated(id).size()).sum()).isEqualTo(1);
	}

	@Test
	void redeliveredRegistrationChangesNothing() {
		String email = unique("redelivered") + "@example.com";
		var registration = UserRegistrationRequested.of(UUID.randomUUID(), "Redelivered", email, "again");
		this.topics.publish(registration);
		await().atMost(Duration.ofSeconds(30)).until(() -> userCreated(registration.userId()).size() == 1);

		RecordMetadata redelivery = this.topics.publish(registration);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.topics.processed("user-service", redelivery));
		assertThat(userCreated(registration.userId())).hasSize(1);
		assertThat(usersWithEmail(email)).isEqualTo(1);
	}

	/**
	 * A burst straight onto user.register meets in batches (UserCreations): copies of a record
	 * in the same batch and two registrations racing for one email come out as they would
	 * one at a time.
	 */
	@Test
	void completesABurstWithCopiesAndARaceOnceEach() {
		List<UserRegistrationRequested> burst = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			burst.add(UserRegistrationRequested.of(UUID.randomUUID(), "Burst " + i, unique("burst") + "@example.com", "burst"));
		}
		String raced = unique("raced") + "@example.com";
		List<UUID> racers = List.of(UUID.randomUUID(), UUID.randomUUID());

		burst.forEach(this.topics::publish);
		burst.subList(0, 20).forEach(this.topics::publish);
		racers.forEach((id) -> this.topics.publish(UserRegistrationRequested.of(id, "Racer", raced, "race")));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<UUID, Long> created = userCreatedCounts();
			assertThat(burst).allSatisfy((registration) -> assertThat(created.get(registration.userId())).isEqualTo(1));
			assertThat(racers.stream().map(this::status)).containsExactlyInAnyOrder("created", "rejected");
		});
		assertThat(burst).allSatisfy((registration) -> assertThat(usersWithEmail(registration.email())).isEqualTo(1));
		assertThat(usersWithEmail(raced)).isEqualTo(1);
	}

	/** 202 means stored in PostgreSQL: the client does not wait for Kafka, which takes it later. */
	@Test
	void acceptsARegistrationWhileKafkaIsAwayAndPublishesItOnceKafkaIsBack() {
		String email = unique("paused") + "@example.com";
		String location;
		try (Paused paused = Paused.pause(this.kafkaContainer)) {
			location = register("Paused Kafka", email)
				.expectStatus().isAccepted()
				.returnResult(Map.class).getResponseHeaders().getLocation().toString();
			assertThat(status(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))).isEqualTo("pending");
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> this.client.get().uri(location).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("created"));
		assertThat(usersWithEmail(email)).isEqualTo(1);
	}

	/**
	 * A PostgreSQL that takes connections and never answers (paused, not stopped): requests
	 * get a 503 within the statement timeout instead of waiting as long as it hangs, and
	 * once it answers again registrations complete as before.
	 */
	@Test
	void answers503WhilePostgresHangsAndRecoversOnceItAnswers() {
		String before = register("Before Hang", unique("before") + "@example.com").expectStatus().isAccepted()
			.returnResult(Map.class).getResponseHeaders().getLocation().toString();
		WebTestClient patient = this.client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		try (Paused paused = Paused.pause(this.postgresContainer)) {
			patient.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("name", "During Hang", "email", unique("during") + "@example.com"))
				.exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().valueEquals("Retry-After", "5")
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
			patient.get().uri(before).exchange().expectStatus().isEqualTo(503);
		}
		String email = unique("after") + "@example.com";
		String after = register("After Hang", email).expectStatus().isAccepted()
			.returnResult(Map.class).getResponseHeaders().getLocation().toString();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> this.client.get().uri(after).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("created"));
		assertThat(usersWithEmail(email)).isEqualTo(1);
	}

	/**
	 * As if the process died after storing the registrations, before Kafka acknowledged them:
	 * more than one batch of them, all published again at once. Not published again: one too
	 * fresh to tell, and one Kafka acknowledged that waits in the consumer's backlog.
	 */
	@Test
	void completesRegistrationsLeftPendingByACrashAndLeavesFreshAndAcknowledgedOnesAlone() {
		// The tests' scheduled round runs at start only (config/application.yml): it takes none of these.
		List<UUID> stalled = IntStream.range(0, 250)
			.mapToObj((i) -> insertPending(unique("stalled") + "@example.com", "crashed-request", Duration.ofMinutes(5)))
			.toList();
		UUID fresh = insertPending(unique("fresh") + "@example.com", "in-flight", Duration.ZERO);
		UUID backlogged = insertPending(unique("backlogged") + "@example.com", "acknowledged", Duration.ofMinutes(5));
		this.db.sql("update registrations set published = true where id = :id").bind("id", backlogged)
			.then().block(Duration.ofSeconds(10));

		assertThat(this.stalledRegistrations.resend().block(Duration.ofSeconds(30))).isEqualTo(250);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stalled)
			.allSatisfy((id) -> assertThat(status(id)).isEqualTo("created")));
		assertThat(userCreated(stalled.get(0))).singleElement()
			.satisfies((event) -> assertThat(event.envelope().correlationId()).isEqualTo("crashed-request"));
		assertThat(List.of(fresh, backlogged)).allSatisfy((id) -> assertThat(status(id)).isEqualTo("pending"));
		assertThat(this.topics.events(Topics.USER_REGISTER, UserRegistrationRequested.class))
			.noneMatch((event) -> event.userId().equals(fresh) || event.userId().equals(backlogged));
		assertThat(this.stalledRegistrations.resend().block(Duration.ofSeconds(30)))
			.as("the acknowledged one stays the consumer's").isZero();
	}

	/** The rounds that publish stalled registrations again are scheduled, every resend-interval. */
	@Test
	void schedulesTheRoundsThatPublishStalledRegistrationsAgain(@Autowired ScheduledTaskHolder scheduling) {
		assertThat(scheduling.getScheduledTasks()).extracting(ScheduledTask::getTask)
			.filteredOn((task) -> task.toString().endsWith("StalledRegistrations.resendStalled"))
			.singleElement()
			.isInstanceOfSatisfying(FixedDelayTask.class,
					(task) -> assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1)));
	}

	/**
	 * A consumer far behind (stopped here): the registration Kafka acknowledged waits in its
	 * backlog however long, and is not published again meanwhile.
	 */
	@Test
	void publishesARegistrationOnceWhileItWaitsInTheConsumersBacklog() {
		this.listeners.getListenerContainers().forEach(MessageListenerContainer::stop);
		UUID id;
		try {
			String location = register("Backlog", unique("backlog") + "@example.com").expectStatus().isAccepted()
				.returnResult(Map.class).getResponseHeaders().getLocation().toString();
			id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
			await().atMost(Duration.ofSeconds(30)).until(() -> published(id));
			this.db.sql("update registrations set updated_at = updated_at - interval '5 minutes' where id = :id")
				.bind("id", id).then().block(Duration.ofSeconds(10));

			this.stalledRegistrations.resend().block(Duration.ofSeconds(30));
			assertThat(status(id)).isEqualTo("pending");
		}
		finally {
			this.listeners.getListenerContainers().forEach(MessageListenerContainer::start);
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(id)).isEqualTo("created"));
		assertThat(this.topics.events(Topics.USER_REGISTER, UserRegistrationRequested.class))
			.filteredOn((event) -> event.userId().equals(id)).hasSize(1);
		assertThat(userCreated(id)).hasSize(1);
	}

	@Test
	void sendsAnInvalidRegistrationToTheDeadLetterTopicWithItsReason() {
		String key = unique("poison");
		this.topics.sendRaw(Topics.USER_REGISTER, key, "{\"userId\":\"not-a-uuid\"}");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				this.topics.readAll(Topics.deadLetterTopicOf(Topics.USER_REGISTER)))
			.filteredOn((record) -> key.equals(record.key()))
			.singleElement()
			.satisfies((record) -> {
				assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
					.startsWith("user.register: not a valid event (field userId)")
					.contains("not-a-uuid");
				assertThat(KafkaTopics.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.USER_REGISTER);
			}));
	}

	private WebTestClient.ResponseSpec register(String name, String email) {
		return this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "email", email))
			.exchange();
	}

	private UUID insertPending(String email, String correlationId, Duration age) {
		UUID id = UUID.randomUUID();
		Instant requestedAt = Instant.now().minus(age);
		this.db.sql("""
				insert into registrations (id, email, name, status, correlation_id, requested_at, updated_at)
				values (:id, :email, 'Pending', 'PENDING', :correlationId, :at, :at)""")
			.bind("id", id).bind("email", email).bind("correlationId", correlationId).bind("at", requestedAt)
			.then().block(Duration.ofSeconds(10));
		return id;
	}

	private boolean published(UUID id) {
		return Boolean.TRUE.equals(this.db.sql("select published from registrations where id = :id").bind("id", id)
			.map((row) -> row.get("published", Boolean.class)).one().block(Duration.ofSeconds(10)));
	}

	private String status(UUID id) {
		return this.client.get().uri("/api/users/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody().get("status").toString();
	}

	private List<UserCreated> userCreated(UUID userId) {
		return this.topics.events(Topics.USER_CREATED, UserCreated.class).stream()
			.filter((event) -> event.userId().equals(userId))
			.toList();
	}

	private Map<UUID, Long> userCreatedCounts() {
		return this.topics.events(Topics.USER_CREATED, UserCreated.class).stream()
			.collect(Collectors.groupingBy(UserCreated::userId, Collectors.counting()));
	}

	private long usersWithEmail(String email) {
		return this.db.sql("select count(*) from users where email = :email").bind("email", email)
			.map((row) -> row.get(0, Long.class)).one().block();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
