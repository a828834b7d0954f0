package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveStatsTests {

	private static final TopicPartition USERS = new TopicPartition("user.created", 0);

	private static final TopicPartition EMAILS = new TopicPartition("email.sent", 0);

	/** Its records all gone with retention: nothing will be read from it. */
	private static final TopicPartition EMPTIED = new TopicPartition("email.sent", 1);

	@Test
	void isBehindUntilItHasReadAsFarAsTheTopicsWentAtStartCountingUnreadableRecordsAndNotDeletedOnes() {
		Tally restored = new Tally(1_000);
		restored.add(Events.userCreated(UUID.randomUUID(), Instant.now()), USERS, 0);
		LiveStats stats = new LiveStats(new RecordingCheckpoints());
		try {
			assertThat(new StatsHealthIndicator(stats).health().getStatus().getCode()).as("before its start")
				.isEqualTo("OUT_OF_SERVICE");
			stats.start(restored,
					new StatsCheckpoints.CatchUp(Map.of(EMPTIED, 7L), Map.of(USERS, 3L, EMAILS, 1L, EMPTIED, 7L)));
			assertThat(stats.recordsBehind()).as("known at start").isEqualTo(3);

			stats.count(new CountedEvent(Events.userCreated(UUID.randomUUID(), Instant.now()), USERS, 1));
			stats.skip(USERS, 2);
			await().atMost(Duration.ofSeconds(5)).until(() -> stats.recordsBehind() == 1);
			assertThat(new StatsHealthIndicator(stats).health().getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");

			stats.count(new CountedEvent(Events.emailSent(UUID.randomUUID(), Instant.now()), EMAILS, 0));
			await().atMost(Duration.ofSeconds(5)).until(() -> stats.recordsBehind() == 0);
			assertThat(new StatsHealthIndicator(stats).health().getStatus().getCode()).isEqualTo("UP");
		}
		finally {
			stats.destroy();
		}
	}

	@Test
	void isReadyAtItsStartWhenTheCheckpointHoldsEveryRecordOfTheTopics() {
		Tally restored = new Tally(1_000);
		restored.add(Events.userCreated(UUID.randomUUID(), Instant.now()), USERS, 0);
		LiveStats stats = new LiveStats(new RecordingCheckpoints());
		try {
			stats.start(restored, new StatsCheckpoints.CatchUp(Map.of(), Map.of(USERS, 1L)));
			assertThat(new StatsHealthIndicator(stats).health().getStatus().getCode()).isEqualTo("UP");
		}
		finally {
			stats.destroy();
		}
	}

	@Test
	void aStopEndsWithACheckpointOfEveryEventCountedOnceAnotherCheckpointIsWritten() {
		RecordingCheckpoints checkpoints = new RecordingCheckpoints();
		checkpoints.busy = true;
		LiveStats stats = new LiveStats(checkpoints);
		try {
			stats.start(new Tally(1_000), StatsCheckpoints.CatchUp.NOTHING);
			countUsersCreated(stats, 5_000);
			stats.skip(EMAILS, 0);
			AtomicBoolean stopped = new AtomicBoolean();

			stats.stop(() -> stopped.set(true));
			await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).untilFalse(stopped);
			assertThat(checkpoints.lastOnes).as("while another checkpoint is being written").isEmpty();

			checkpoints.busy = false;
			await().atMost(Duration.ofSeconds(5)).untilTrue(stopped);
			assertThat(checkpoints.lastOnes).containsExactly(Map.of(USERS, 5_000L, EMAILS, 1L));
		}
		finally {
			stats.destroy();
		}
	}

	@Test
	void theLastCheckpointWaitsForTheEventsStillInTheFoldsBuffer() {
		RecordingCheckpoints checkpoints = new RecordingCheckpoints();
		LiveStats stats = new LiveStats(checkpoints);
		try {
			stats.start(new Tally(1_000), StatsCheckpoints.CatchUp.NOTHING);
			countUsersCreated(stats, StatsFold.MAX_BATCH + 1);
			AtomicBoolean stopped = new AtomicBoolean();

			stats.stop(() -> stopped.set(true));

			await().atMost(Duration.ofSeconds(5)).untilTrue(stopped);
			assertThat(checkpoints.lastOnes).containsExactly(Map.of(USERS, StatsFold.MAX_BATCH + 1L));
		}
		finally {
			stats.destroy();
		}
	}

	@Test
	void aStopBeforeTheStartGoesOnAtOnce() {
		RecordingCheckpoints checkpoints = new RecordingCheckpoints();
		LiveStats stats = new LiveStats(checkpoints);
		AtomicBoolean stopped = new AtomicBoolean();

		stats.stop(() -> stopped.set(true));

		assertThat(stopped).isTrue();
		assertThat(checkpoints.lastOnes).isEmpty();
	}

	/** Users created, at offsets 0 to {@code count - 1} of one partition. */
	private static void countUsersCreated(LiveStats stats, int count) {
		for (long offset = 0; offset < count; offset++) {
			stats.count(new CountedEvent(Events.userCreated(UUID.randomUUID(), Instant.now()), USERS, offset));
		}
	}

}
