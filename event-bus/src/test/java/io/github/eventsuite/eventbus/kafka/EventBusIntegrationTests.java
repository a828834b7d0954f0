package io.github.eventsuite.eventbus.kafka;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.adapter.ConsumerRecordMetadata;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.testing.Brokers;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared plumbing on a real broker: topics, publishing, retry with backoff, dead letters.
 * Three consumers per listener, as ListenerRetry keeps failures away from Spring Kafka's
 * asynchronous failure handling.
 */
@SpringBootTest(properties = { "spring.kafka.consumer.group-id=event-bus-tests", "spring.kafka.listener.concurrency=3",
		"eventbus.retry.initial-interval=50ms", "eventbus.retry.max-interval=200ms", "eventbus.retry.max-retries=3",
		"spring.kafka.producer.properties[max.block.ms]=500" })
class EventBusIntegrationTests {

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private KafkaAdmin admin;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private FlakyListener listener;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private ListenerRetry retry;

	private KafkaTopics topics;

	@BeforeEach
	void connect() {
		this.topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		// A record consumed while the group is still forming can be delivered a second time
		// (at least once): the exact counts below need a settled group.
		await().atMost(Duration.ofSeconds(30)).until(this::groupSettled);
	}

	/**
	 * Each of the three consumers owns one partition: all have joined, no rebalance is due.
	 * All three partitions assigned is not enough: the first consumer to join can get them
	 * all and give two back as the others join (seen after a restart here), while a record of
	 * the test is in flight, to be delivered again.
	 */
	private boolean groupSettled() {
		var container = (ConcurrentMessageListenerContainer<?, ?>) this.registry.getListenerContainer(FlakyListener.ID);
		return container.getContainers().size() == 3 && container.getContainers().stream()
			.allMatch((consumer) -> consumer.getAssignedPartitions() != null && consumer.getAssignedPartitions().size() == 1);
	}

	@Test
	void createsEveryTopicAndItsDeadLetterTopicWithTheConfiguredPartitions() throws Exception {
		try (AdminClient client = AdminClient.create(this.admin.getConfigurationProperties())) {
			Map<String, TopicDescription> topics = client.describeTopics(Set.of("user.register", "user.created",
					"email.sent", "user.register.DLT", "user.created.DLT", "email.sent.DLT")).allTopicNames().get();

			assertThat(topics.values()).hasSize(6).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(3));
		}
	}

	@Test
	void retriesATransientFailureWithBackoffUntilItSucceeds() {
		EmailSent event = emailSent("fails-twice");

		this.publisher.publish(event).block(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.listener.processed.contains(event.envelope().eventId()));
		assertThat(this.listener.attempts(event)).isEqualTo(3);
		assertThat(deadLetters(event)).isZero();
	}

	@Test
	void deadLettersARecordThatExhaustsItsRetriesWithTheReason() {
		EmailSent event = emailSent("always-fails");

		this.publisher.publish(event).block(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(event)).isOne());
		assertThat(this.listener.attempts(event)).isEqualTo(4);
		assertThat(this.topics.readAll(Topics.deadLetterTopicOf(Topics.EMAIL_SENT)))
			.filteredOn((record) -> record.key().equals(event.key()))
			.singleElement()
			.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
				.isEqualTo("IllegalStateException: SMTP server unreachable"));
	}

	@Test
	void waitsOutAnOutageLongerThanTheRetriesAndDeadLettersNothing() {
		EmailSent event = emailSent("outage");

		this.publisher.publish(event).block(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.listener.processed.contains(event.envelope().eventId()));
		assertThat(this.listener.attempts(event)).isEqualTo(FlakyListener.OUTAGE_ATTEMPTS + 1);
		assertThat(deadLetters(event)).isZero();
	}

	/**
	 * The dead-letter topic is missing (deleted here; as good as a broker that is away): the
	 * dead letter is sent again and again, the record not given up, until the topic is back.
	 */
	@Test
	void keepsSendingADeadLetterUntilKafkaTakesIt() throws Exception {
		String deadLetterTopic = Topics.deadLetterTopicOf(Topics.USER_REGISTER);
		EmailSent event = emailSent("undeliverable");
		ConsumerRecordMetadata record = new ConsumerRecordMetadata(
				new RecordMetadata(new TopicPartition(Topics.USER_REGISTER, 0), 42, 0, 0, 0, 0), TimestampType.CREATE_TIME);
		try (AdminClient client = AdminClient.create(this.admin.getConfigurationProperties())) {
			client.deleteTopics(List.of(deadLetterTopic)).all().get();
			await().atMost(Duration.ofSeconds(30)).until(() -> !client.listTopics().names().get().contains(deadLetterTopic));
			try {
				StepVerifier.create(this.retry.process(event, record, () -> Mono.error(new InvalidEventException("unreadable"))))
					// Sends fail every max.block.ms (500 ms here): several in this time.
					.expectSubscription()
					.expectNoEvent(Duration.ofSeconds(3))
					.then(() -> createTopic(client, deadLetterTopic))
					.expectComplete()
					.verify(Duration.ofSeconds(60));
			}
			finally {
				createTopic(client, deadLetterTopic);
			}
		}
		assertThat(this.topics.readAll(deadLetterTopic)).filteredOn((dead) -> dead.key().equals(event.key()))
			.singleElement()
			.satisfies((dead) -> assertThat(KafkaTopics.header(dead, DeadLetterReason.HEADER)).isEqualTo("unreadable"));
	}

	private static void createTopic(AdminClient client, String name) {
		try {
			client.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** spring-kafka#4504: the first of two failing async records on one partition was skipped. */
	@Test
	void deadLettersBothOfTwoFailingRecordsOnOnePartition() {
		UUID userId = UUID.randomUUID();
		EmailSent first = EmailSent.of(userId, "always-fails", "<1@test>", Instant.now(), "c");
		EmailSent second = EmailSent.of(userId, "always-fails-too", "<2@test>", Instant.now(), "c");

		this.publisher.publish(first).then(this.publisher.publish(second)).block(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(first)).isEqualTo(2));
	}

	/**
	 * One poll, one partition: a record still in flight when the next one cannot be read,
	 * then a good one. The error handler used to seek the good one back while the container
	 * still waited for its acknowledgement: the consumer stayed paused for ever.
	 */
	@Test
	void keepsConsumingAPartitionPastAnUnreadableRecord() {
		UUID userId = UUID.randomUUID();
		EmailSent slow = EmailSent.of(userId, "slow", "<slow@test>", Instant.now(), "c");
		EmailSent after = EmailSent.of(userId, "fine", "<after@test>", Instant.now(), "c");
		MessageListenerContainer container = this.registry.getListenerContainer(FlakyListener.ID);

		container.stop();
		this.publisher.publish(slow).block(Duration.ofSeconds(10));
		this.topics.sendRaw(Topics.EMAIL_SENT, slow.key(), "not an event");
		this.publisher.publish(after).block(Duration.ofSeconds(10));
		container.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.listener.processed.contains(after.envelope().eventId())
				&& this.topics.caughtUp("event-bus-tests", Topics.EMAIL_SENT));
		assertThat(this.listener.attempts(after)).isOne();
		assertThat(this.topics.readAll(Topics.deadLetterTopicOf(Topics.EMAIL_SENT)))
			.filteredOn((record) -> record.key().equals(slow.key()))
			.singleElement()
			.satisfies((record) -> assertThat(KafkaTopics.header(record, DeadLetterReason.HEADER))
				.startsWith("email.sent: not a valid event"));
	}

	private long deadLetters(EmailSent event) {
		return this.topics.readAll(Topics.deadLetterTopicOf(Topics.EMAIL_SENT)).stream()
			.filter((record) -> record.key().equals(event.key()))
			.count();
	}

	private static EmailSent emailSent(String template) {
		return EmailSent.of(UUID.randomUUID(), template, "<m@test>", Instant.now(), "c");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		@ServiceConnection
		KafkaContainer kafkaContainer() {
			return Brokers.kafka();
		}

		@Bean
		FlakyListener flakyListener(ListenerRetry retry) {
			return new FlakyListener(retry);
		}

	}

	/** Fails as the event's template says: twice, or always; or takes its time. */
	static class FlakyListener {

		static final String ID = "flaky";

		/** More than the three retries a failure of the record gets. */
		static final int OUTAGE_ATTEMPTS = 10;

		final Set<UUID> processed = ConcurrentHashMap.newKeySet();

		private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final ListenerRetry retry;

		FlakyListener(ListenerRetry retry) {
			this.retry = retry;
		}

		@KafkaListener(id = ID, idIsGroup = false, topics = Topics.EMAIL_SENT)
		Mono<Void> on(EmailSent event, ConsumerRecordMetadata record) {
			return this.retry.process(event, record, () -> attempt(event));
		}

		private Mono<Void> attempt(EmailSent event) {
			int attempt = this.attempts.computeIfAbsent(event.envelope().eventId(), (id) -> new AtomicInteger())
				.incrementAndGet();
			if (event.template().startsWith("always-fails") || (event.template().equals("fails-twice") && attempt <= 2)) {
				return Mono.error(new IllegalStateException("SMTP server unreachable"));
			}
			if (event.template().equals("outage") && attempt <= OUTAGE_ATTEMPTS) {
				return Mono.error(new UncheckedIOException(new ConnectException("Connection refused")));
			}
			Mono<Long> pause = event.template().equals("slow") ? Mono.delay(Duration.ofMillis(500)) : Mono.empty();
			return pause.then(Mono.fromRunnable(() -> this.processed.add(event.envelope().eventId())));
		}

		int attempts(EmailSent event) {
			return this.attempts.get(event.envelope().eventId()).get();
		}

	}

}
