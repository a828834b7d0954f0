package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

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
		LiveStats stats = new LiveStats((tally, now) -> {
		});
		try {
			assertThat(new StatsHealthIndicator(stats).health().getStatus().getCode()).as("before its start")
				.isEqualTo("OUT_OF_SERVICE");
			stats.start(restored,
					new StatsCheckpoints.CatchUp(Map.of(EMPTIED, 7L), Map.of(USERS, 3L, EMAILS, 1L, EMPTIED, 7L)));
			await().atMost(Duration.ofSeconds(5)).until(() -> stats.recordsBehind() == 3);

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

}
