package io.github.eventsuite.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.system.RegistrationLoad.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst far larger than the SMTP server's rate: the backlog must wait in Kafka, not in
 * notification-service's heap, and every email must still go out exactly once.
 */
class BackpressureIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(BackpressureIntegrationTests.class);

	/** Fifty times what the SMTP server takes per second. */
	private static final int BURST = 1000;

	/**
	 * Four SMTP connections at a time, each held 200 ms by the proxy and used for one message
	 * (the proxy slows connections, not messages): at most 20 emails per second.
	 */
	private static final SuiteContainers suite = new SuiteContainers(Duration.ofMillis(200),
			Map.of("JAVA_TOOL_OPTIONS", "-Xmx128m", "SMTP_CONCURRENCY", "4", "SMTP_MESSAGES_PER_CONNECTION", "1"));

	private static final SuiteProbe probe = new SuiteProbe(suite);

	@BeforeAll
	static void startSuite() {
		suite.start();
	}

	@AfterAll
	static void stopSuite() {
		suite.close();
	}

	@Test
	void aBurstFiftyTimesTheSmtpRateWaitsInKafkaAndSendsEveryEmailOnce() throws Exception {
		KafkaTopics topics = new KafkaTopics(suite.kafka.getBootstrapServers());
		String notification = suite.url(suite.notificationService, SuiteContainers.NOTIFICATION_MANAGEMENT_PORT);
		long heapBefore = heapUsed(notification);
		AtomicLong maxHeap = new AtomicLong(heapBefore);
		AtomicLong maxLag = new AtomicLong();

		CompletableFuture<List<Outcome>> load = RegistrationLoad.start(probe::userServiceUrl, "burst", BURST,
				Duration.ofMillis(4));
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			maxHeap.accumulateAndGet(heapUsed(notification), Math::max);
			maxLag.accumulateAndGet(topics.lag("notification-service", Topics.USER_CREATED), Math::max);
			return load.isDone() && probe.stats().emailsSent() == BURST;
		});
		long heapAfter = heapUsed(notification);
		log.info("Burst of {}: notification-service heap before {} MB, max {} MB, after {} MB; max lag in Kafka {}",
				BURST, mb(heapBefore), mb(maxHeap.get()), mb(heapAfter), maxLag.get());

		assertThat(load.get()).extracting(Outcome::status).containsOnly(202);
		assertThat(maxLag.get()).as("the backlog waited in Kafka").isGreaterThan(BURST / 2);
		assertThat(probe.status(notification + "/actuator/health/readiness")).isEqualTo(200);
		assertThat(probe.stats()).isEqualTo(new SuiteProbe.Stats(BURST, BURST));
		GreenMailbox mailbox = probe.mailbox();
		assertThat(mailbox.recipients()).hasSize(BURST)
			.allSatisfy((email) -> assertThat(mailbox.messagesTo(email)).as(email).hasSize(1));
	}

	private static long heapUsed(String managementUrl) {
		return (long) probe.getJson(managementUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap")
			.get("measurements").get(0).get("value").asDouble();
	}

	private static long mb(long bytes) {
		return bytes / (1024 * 1024);
	}

}
