package io.github.eventsuite.user.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.Paused;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.user.TestcontainersConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@Import(TestcontainersConfiguration.class)
class OutboxIntegrationTests {

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionalOperator transaction;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private KafkaContainer kafkaContainer;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private PostgreSQLContainer postgresContainer;

	@Autowired
	private OutboxRelay relay;

	@Test
	void keepsEventsWhileKafkaIsAwayAndPublishesThemWhenItIsBack() {
		List<UserCreated> events = IntStream.range(0, 5)
			.mapToObj((i) -> UserCreated.of(UUID.randomUUID(), "Outboxed " + i, "outboxed-" + UUID.randomUUID() + "@example.com",
					Instant.now().truncatedTo(ChronoUnit.MICROS), "outbox-test"))
			.toList();
		try (Paused paused = Paused.pause(this.kafkaContainer)) {
			Flux.fromIterable(events).concatMap((event) -> this.transaction.transactional(append(event)))
				.then()
				.block(Duration.ofSeconds(10));

			await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == events.size());
		}

		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				topics.events(Topics.USER_CREATED, UserCreated.class))
			.filteredOn((event) -> "outbox-test".equals(event.envelope().correlationId()))
			.containsExactlyInAnyOrderElementsOf(events));
		await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
	}

	/**
	 * A PostgreSQL that takes connections and never answers (paused) fails a relay round
	 * within its bound instead of holding the relay for as long as it hangs; once it answers,
	 * rounds relay again.
	 */
	@Test
	void failsARoundWithinItsBoundWhilePostgresHangsAndRelaysOnceItAnswers() {
		try (Paused paused = Paused.pause(this.postgresContainer)) {
			StepVerifier.create(this.relay.relay())
				.expectError(TimeoutException.class)
				.verify(OutboxRelay.ROUND_TIMEOUT.plusSeconds(30));
		}
		UserCreated event = UserCreated.of(UUID.randomUUID(), "After Hang", "after-hang@example.com", Instant.now(), "hang");
		this.transaction.transactional(append(event)).block(Duration.ofSeconds(10));

		awaitPublished(event);
	}

	/** Kafka holds what was published: the outbox keeps only what is still to be sent. */
	@Test
	void deletesTheEventsKafkaAcknowledged() {
		UserCreated event = UserCreated.of(UUID.randomUUID(), "Relayed", "relayed-" + UUID.randomUUID() + "@example.com",
				Instant.now().truncatedTo(ChronoUnit.MICROS), "relayed");
		this.transaction.transactional(append(event)).block(Duration.ofSeconds(10));

		awaitPublished(event);
		await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(event) == 0);
	}

	@Test
	void writesNothingWhenTheTransactionRollsBack() {
		UserCreated event = UserCreated.of(UUID.randomUUID(), "Rolled Back", "rolled-back@example.com", Instant.now(), "rb");

		Mono<Void> failing = this.transaction.transactional(append(event)
			.then(Mono.error(new IllegalStateException("the change itself failed"))));

		failing.onErrorResume(IllegalStateException.class, (ex) -> Mono.empty()).block(Duration.ofSeconds(10));
		assertThat(rowsOf(event)).isZero();
	}

	private void awaitPublished(BusEvent event) {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				topics.events(Topics.USER_CREATED, UserCreated.class))
			.anySatisfy((published) -> assertThat(published.envelope().eventId()).isEqualTo(event.envelope().eventId())));
	}

	private long rowsOf(BusEvent event) {
		return this.db.sql("select count(*) from outbox where record_key = :key").bind("key", event.key())
			.map((row) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
	}

	private double backlog() {
		return this.meters.get("outbox.backlog").gauge().value();
	}

	private Mono<Void> append(BusEvent event) {
		return this.outbox.appendAll(List.of(new Outbox.Entry(event, null)));
	}

}
