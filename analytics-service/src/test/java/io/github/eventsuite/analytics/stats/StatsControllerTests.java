package io.github.eventsuite.analytics.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.analytics.deadletters.WithConsoleSecurity;
import io.github.eventsuite.eventbus.BusEvent;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WebFluxTest(StatsController.class)
@Import({ StatsControllerTests.Fold.class, WithConsoleSecurity.class })
class StatsControllerTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Fold {

		@Bean(destroyMethod = "destroy")
		LiveStats liveStats() {
			return newLiveStats();
		}

	}

	@Autowired
	private WebTestClient client;

	@Autowired
	private LiveStats stats;

	@Test
	void answersTheCurrentStatsAsJson() {
		this.stats.count(counted(Events.userCreated(UUID.randomUUID(), Instant.parse("2026-11-25T10:00:00Z"))));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> this.client.get().uri("/api/stats").exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.usersCreated").isEqualTo(1)
			.jsonPath("$.emailsSent").isEqualTo(0)
			.jsonPath("$.emailsPending").isEqualTo(1)
			.jsonPath("$.lastEventAt").isEqualTo("2026-11-25T10:00:00Z")
			.jsonPath("$.perMinute").isArray()
			.jsonPath("$.registrationToEmail.samples").isEqualTo(0));
	}

	@Test
	void streamsTheCurrentStatsThenEachChange() {
		var events = this.client.get().uri("/api/stats/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
			.expectStatus().isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Stats>>() {
			})
			.getResponseBody()
			.filter((event) -> event.data() != null);

		StepVerifier.create(events)
			.assertNext((event) -> assertThat(event.event()).isEqualTo("stats"))
			.then(() -> this.stats.count(counted(Events.emailSent(UUID.randomUUID(), Instant.now()))))
			.assertNext((event) -> assertThat(event.data().emailsSent()).isEqualTo(1))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void keepsIdleStreamsAliveWithComments() {
		StatsController controller = new StatsController(newLiveStats());

		StepVerifier.withVirtualTime(controller::stream)
			.assertNext((event) -> assertThat(event.data()).isEqualTo(Stats.EMPTY))
			.expectNoEvent(StatsController.KEEP_ALIVE.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("keep-alive"))
			.thenCancel()
			.verify();
	}

	private static LiveStats newLiveStats() {
		LiveStats stats = new LiveStats(new RecordingCheckpoints());
		stats.start(new Tally(1_000), StatsCheckpoints.CatchUp.NOTHING);
		return stats;
	}

	private static CountedEvent counted(BusEvent event) {
		return new CountedEvent(event, new TopicPartition("t", 0), OFFSETS.getAndIncrement());
	}

	private static final AtomicLong OFFSETS = new AtomicLong();

}
