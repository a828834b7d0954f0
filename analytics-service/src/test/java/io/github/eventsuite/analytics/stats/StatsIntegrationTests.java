package io.github.eventsuite.analytics.stats;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.analytics.AnalyticsServiceApplication;
import io.github.eventsuite.analytics.TestcontainersConfiguration;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.SecondInstance;

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

	@Autowired
	private StatsCheckpoints checkpoints;

	@Autowired
	private MeterRegistry meters;

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

	/** Counting ends a trace: no span and no timer per record (they cost a fifth of the CPU). */
	@Test
	void countsWithoutAnObservationPerRecord() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		Stats before = stats();

		topics.publish(Events.userCreated(UUID.randomUUID(), Instant.now()));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stats().usersCreated()).isEqualTo(before.usersCreated() + 1));
		assertThat(this.meters.getMeters())
			.filteredOn((meter) -> meter.getId().getName().startsWith("spring.kafka.listener"))
			.extracting(Meter::getId)
			.noneMatch((meter) -> meter.getTags().stream().anyMatch((tag) -> tag.getValue().startsWith("stats-")));
	}

	/** Its consumer group's lag shows how far behind the statistics are: what they counted is committed, within seconds. */
	@Test
	void commitsWhatItCountedSoThatItsLagShows() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));

		RecordMetadata counted = topics.publish(Events.emailSent(UUID.randomUUID(), Instant.now()));

		await().atMost(Duration.ofSeconds(30)).until(() -> topics.processed(StatsFeed.GROUP, counted));
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
	void skipsAnUnreadableUserCreatedThatItsOwnConsumerDeadLetters() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		UUID user = UUID.randomUUID();
		Stats before = stats();

		topics.sendRaw(Topics.USER_CREATED, user.toString(), "not json at all");
		topics.publish(Events.userCreated(user, Instant.now()));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stats().usersCreated()).isEqualTo(before.usersCreated() + 1));
		// Same key, same partition: the unreadable record was handled before the event after it was counted.
		assertThat(topics.readAll(Topics.deadLetterTopicOf(Topics.USER_CREATED)))
			.noneMatch((record) -> user.toString().equals(record.key()));
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

		try (SecondInstance second = SecondInstance.start(AnalyticsServiceApplication.class, bootstrap)) {
			WebTestClient secondClient = second.client();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(totals(stats(secondClient)))
				.isEqualTo(totals(stats())));
		}
	}

	@Test
	void restartsFromItsCheckpointWithExactTotalsAfterRetentionDeletedEveryRecord() throws Exception {
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());
		KafkaTopics topics = new KafkaTopics(bootstrap);
		Instant now = Instant.now();
		for (int i = 0; i < 6; i++) {
			UUID user = UUID.randomUUID();
			topics.publish(Events.registered(user, now));
			topics.publish(Events.userCreated(user, now));
			topics.publish(Events.emailSent(user, now.plusMillis(100 * i)));
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			Map<TopicPartition, Long> ends = nonEmpty(endOffsets(admin));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.checkpoints.restore().positions())
				.containsAllEntriesOf(ends));
			Stats counted = stats();

			admin.deleteRecords(ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
					(end) -> RecordsToDelete.beforeOffset(end.getValue())))).all().get(30, TimeUnit.SECONDS);

			try (SecondInstance second = SecondInstance.start(AnalyticsServiceApplication.class, bootstrap)) {
				WebTestClient secondClient = second.client();
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(totals(stats(secondClient))).isEqualTo(totals(counted)));
			}
		}
	}

	/**
	 * The latest checkpoint may be older than what was read and committed (a lagging instance
	 * wrote it last, or a crash came between a commit and the next checkpoint): a start must
	 * read on from the checkpoint's offsets, not from the group's committed ones.
	 */
	@Test
	void readsOnFromTheCheckpointsOffsetsWhenTheyAreBehindTheCommittedOnes() throws Exception {
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());
		KafkaTopics topics = new KafkaTopics(bootstrap);
		Instant now = Instant.now();
		topics.publish(Events.userCreated(UUID.randomUUID(), now));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			Map<TopicPartition, Long> ends = nonEmpty(endOffsets(admin));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.checkpoints.restore().positions())
				.containsAllEntriesOf(ends));
			Tally older = this.checkpoints.restore();

			for (int i = 0; i < 6; i++) {
				topics.publish(Events.userCreated(UUID.randomUUID(), now));
			}
			Map<TopicPartition, Long> later = nonEmpty(endOffsets(admin));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.checkpoints.restore().positions())
				.containsAllEntriesOf(later));
			Stats counted = stats();
			ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
			older.writeTo(new DataOutputStream(checkpoint));
			topics.send(new ProducerRecord<>(StatsCheckpoints.TOPIC, "stats", checkpoint.toByteArray()));

			try (SecondInstance second = SecondInstance.start(AnalyticsServiceApplication.class, bootstrap)) {
				WebTestClient secondClient = second.client();
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(totals(stats(secondClient))).isEqualTo(totals(counted)));
			}
		}
	}

	/**
	 * Compacted in segments that close every few checkpoints: compaction never cleans the
	 * segment being written, so with Kafka's default (1 GB) the topic grew by every checkpoint
	 * for an hour at 1,000 users/s. Each segment still holds the largest checkpoint.
	 */
	@Test
	void keepsItsCheckpointsOnACompactedTopicWhoseSegmentsClose() {
		KafkaTopics topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));

		assertThat(topics.settings(StatsCheckpoints.TOPIC))
			.containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024))
			.containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
	}

	/** A partition no record went to has nothing to cover. */
	private static Map<TopicPartition, Long> nonEmpty(Map<TopicPartition, Long> ends) {
		return ends.entrySet().stream()
			.filter((end) -> end.getValue() > 0)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.USER_REGISTER, Topics.USER_CREATED, Topics.EMAIL_SENT))
			.allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
			.flatMap((topic) -> topic.partitions().stream().map((partition) -> new TopicPartition(topic.name(), partition.partition())))
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
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
