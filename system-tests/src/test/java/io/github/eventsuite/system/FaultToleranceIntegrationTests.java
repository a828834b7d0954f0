package io.github.eventsuite.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.testing.Paused;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import io.github.eventsuite.system.SuiteProbe.Stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise under failure: every registration that got 202 ends as exactly one user, one
 * welcome email and one count in the statistics, whatever stops, pauses or dies on the way.
 * Each test drives registrations, injects its fault in the middle, and checks exactly that.
 */
class FaultToleranceIntegrationTests {

	private static final SuiteContainers suite = new SuiteContainers().withSensorService();

	private static final SuiteProbe probe = new SuiteProbe(suite);

	private static final Duration PACE = Duration.ofMillis(100);

	@BeforeAll
	static void startSuite() {
		suite.start();
	}

	@AfterAll
	static void stopSuite() {
		suite.close();
	}

	@Test
	void kafkaStoppedAndRestartedUnderLoad() throws Exception {
		RegistrationBatch batch = batch("kafka", 80);
		batch.awaitFirstUsers();

		suite.restartKafka();

		batch.assertEveryAcceptedRegistrationTookEffectOnce();
	}

	@Test
	void postgresStoppedFor30SecondsUnderLoad() throws Exception {
		RegistrationBatch batch = batch("postgres", 60);
		batch.awaitFirstUsers();
		suite.stop(suite.postgres);
		try {
			Stats during = settledStats();
			// Users are created in PostgreSQL: none can appear while it is down.
			await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
				.until(() -> probe.stats().usersCreated() == during.usersCreated());
		}
		finally {
			suite.start(suite.postgres);
		}
		batch.assertEveryAcceptedRegistrationTookEffectOnce();
	}

	@Test
	void smtpServerPausedFor60SecondsUnderLoad() throws Exception {
		RegistrationBatch batch = batch("smtp", 60);
		batch.awaitFirstUsers();
		try (Paused paused = Paused.pause(suite.greenMail)) {
			Stats during = settledStats();
			// email.sent follows the SMTP server's acceptance: none while it does not answer.
			await().during(Duration.ofSeconds(55)).atMost(Duration.ofSeconds(65))
				.until(() -> probe.stats().emailsSent() == during.emailsSent());
		}
		batch.assertEveryAcceptedRegistrationTookEffectOnce();
	}

	@Test
	void userServiceKilledMidBatch() throws Exception {
		killMidBatch(suite.userService, "kill-user");
	}

	@Test
	void notificationServiceKilledMidBatch() throws Exception {
		killMidBatch(suite.notificationService, "kill-notification");
	}

	@Test
	void analyticsServiceKilledMidBatch() throws Exception {
		killMidBatch(suite.analyticsService, "kill-analytics");
	}

	/**
	 * A sensor window open at the kill closes after the restart with the readings from
	 * before. The readings after the kill are sent while the service is down, as devices go
	 * on sending: sent only once it is ready again, they could come after the window's idle
	 * timeout, which counts from when the restarted pipeline took the region up (the CI of
	 * 2026-12-05 saw a slow start close the window with two readings).
	 */
	@Test
	void sensorServiceKilledWithAWindowOpen() {
		SensorWindowAcrossAFault window = new SensorWindowAcrossAFault(suite.bootstrapServers());
		window.openWithTwoReadings();
		suite.killAndRestart(suite.sensorService, window::closeWithTwoMore);
		window.assertClosedOnceWithAllThree();
	}

	/** SIGTERM, as a deploy sends it: what was accepted before the stop takes effect once after the start. */
	@Test
	void userServiceStoppedMidBatch() throws Exception {
		stopMidBatch(suite.userService, "stop-user");
	}

	@Test
	void analyticsServiceStoppedMidBatch() throws Exception {
		stopMidBatch(suite.analyticsService, "stop-analytics");
	}

	/** Redelivery of everything notification-service ever consumed sends no email twice. */
	@Test
	void rewoundConsumerOffsetsCauseNoSecondEffect() throws Exception {
		RegistrationBatch batch = batch("rewind", 20);
		batch.assertEveryAcceptedRegistrationTookEffectOnce();
		long users = probe.usersInDatabase();
		Stats stats = probe.stats();
		KafkaTopics topics = new KafkaTopics(suite.kafka.getBootstrapServers());
		int emailsSentBefore = topics.readAll(Topics.EMAIL_SENT).size();
		int userCreated = topics.readAll(Topics.USER_CREATED).size();

		stop(suite.notificationService);
		topics.rewind("notification-service", Topics.USER_CREATED);
		suite.notificationService.start();

		// Each redelivered user.created of a user whose email was sent re-publishes its
		// email.sent (same event id) instead of sending: once they are all there, every
		// record has been delivered again.
		await().atMost(Duration.ofMinutes(2))
			.until(() -> topics.readAll(Topics.EMAIL_SENT).size() >= emailsSentBefore + users);
		assertThat(userCreated).isGreaterThanOrEqualTo((int) users);
		assertThat(probe.usersInDatabase()).isEqualTo(users);
		assertThat(probe.stats()).isEqualTo(stats);
		batch.assertOneEmailEach(probe.userEmails(batch.prefix()));
	}

	/**
	 * Ends with a batch after the re-drive: user-service used to stop consuming user.register
	 * here (an unreadable record stalled its partition; see
	 * EventBusIntegrationTests.keepsConsumingAPartitionPastAnUnreadableRecord).
	 */
	@Test
	void poisonRecordsAreDeadLetteredWhileTheStreamKeepsFlowingAndRedrivenRecordsCompleteOnce() throws Exception {
		KafkaTopics topics = new KafkaTopics(suite.kafka.getBootstrapServers());
		String poison = "poison-" + UUID.randomUUID();
		// The sensor pipeline's outputs are left out: only sensor-service's views read them.
		List<String> consumed = Topics.ALL.stream()
			.filter((topic) -> !List.of(Topics.SENSOR_ALERTS, Topics.SENSOR_REGION_STATS).contains(topic))
			.toList();
		for (String topic : consumed) {
			topics.sendRaw(topic, poison, "{\"this is\": \"not an event\"}");
		}
		RegistrationBatch batch = batch("after-poison", 10);
		batch.assertEveryAcceptedRegistrationTookEffectOnce();
		String console = suite.url(suite.analyticsService, SuiteContainers.ANALYTICS_SERVICE_PORT) + "/api/dead-letters/";
		for (String topic : consumed) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.getJsonAsAdmin(console + topic).values())
				.anySatisfy((deadLetter) -> {
					assertThat(deadLetter.get("key").asString()).isEqualTo(poison);
					assertThat(deadLetter.get("reason").asString()).startsWith(topic + ": ");
				}));
		}

		// A registration that failed while, say, the database was away for longer than the
		// retries: once the cause is fixed it is re-driven, and re-driving it twice still
		// makes one user with one email.
		String email = "redriven-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		UserRegistrationRequested lost = UserRegistrationRequested.of(UUID.randomUUID(), "Redriven", email, "redrive");
		RecordMetadata deadLetter = topics.sendRaw(Topics.deadLetterTopicOf(Topics.USER_REGISTER), lost.key(),
				new String(new EventSerializer().serialize(Topics.USER_REGISTER, lost), StandardCharsets.UTF_8));
		String redrive = console + Topics.USER_REGISTER + "/" + deadLetter.partition() + "/" + deadLetter.offset()
				+ "/redrive";
		assertThat(probe.postAsAdmin(redrive)).isEqualTo(200);
		assertThat(probe.postAsAdmin(redrive)).isEqualTo(200);

		await().atMost(Duration.ofSeconds(60)).until(() -> probe.mailbox().messagesTo(email).size() == 1);
		// Both copies consumed, no email left claimed: a second email would be there by now.
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(probe::quiescent);
		assertThat(probe.userEmails(email)).containsExactly(email);
		assertThat(probe.mailbox().messagesTo(email)).hasSize(1);
		batch("after-redrive", 10).assertEveryAcceptedRegistrationTookEffectOnce();
	}

	private static void killMidBatch(GenericContainer<?> service, String name) throws Exception {
		midBatch(name, () -> suite.killAndRestart(service));
	}

	private static void stopMidBatch(GenericContainer<?> service, String name) throws Exception {
		midBatch(name, () -> {
			stop(service);
			service.start();
		});
	}

	private static void midBatch(String name, Runnable fault) throws Exception {
		RegistrationBatch batch = batch(name, 40);
		batch.awaitFirstUsers();

		fault.run();

		batch.assertEveryAcceptedRegistrationTookEffectOnce();
	}

	/** An orderly stop (SIGTERM), after which the container is removed. */
	private static void stop(GenericContainer<?> service) {
		service.getDockerClient().stopContainerCmd(service.getContainerId()).withTimeout(30).exec();
		service.stop();
	}

	/**
	 * The statistics once they stop moving. What took effect just before a fault is still on
	 * its way to them: a user committed before PostgreSQL stopped, whose user.created the
	 * outbox relay had already read (the CI of 2026-12-05 counted such users after the stop); an
	 * email the server accepted just before its pause (email.sent, then the fold's 250 ms refresh).
	 */
	private static Stats settledStats() {
		Stats[] seen = { probe.stats() };
		await().pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> {
			Stats now = probe.stats();
			boolean settled = now.equals(seen[0]);
			seen[0] = now;
			return settled;
		});
		return seen[0];
	}

	private static RegistrationBatch batch(String name, int count) {
		return RegistrationBatch.start(probe, name, count, PACE);
	}

}
