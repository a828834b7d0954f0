package io.github.eventsuite.notification.email;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.r2dbc.core.DatabaseClient;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.kafka.Outages;
import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.MutableClock;
import io.github.eventsuite.eventbus.testing.Paused;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.notification.TestcontainersConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The claims that make sending idempotent, against real PostgreSQL and SMTP servers. */
@SpringBootTest
@Import(TestcontainersConfiguration.class)
class WelcomeEmailsIntegrationTests {

	@Autowired
	private WelcomeEmails welcomeEmails;

	@Autowired
	private SentEmails sentEmails;

	@Autowired
	private EmailProperties properties;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private GenericContainer<?> greenMailContainer;

	@Autowired
	private PostgreSQLContainer postgres;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JavaMailSenderImpl sender;

	@Autowired
	private EventPublisher publisher;

	@Value("${greenmail.api-url}")
	private String greenMailApi;

	/**
	 * A database restart leaves every pooled connection dead, each found so only when it is
	 * next taken: the pool tries the next within the same acquisition, up to all of them, so
	 * the first statement after the restart does not fail (it failed five times in a row in
	 * the fault suite, each retried after a back-off).
	 */
	@Test
	void theFirstStatementAfterEveryPooledConnectionDiedSucceeds() throws Exception {
		WelcomeEmail email = WelcomeEmail.of(user("pool"), this.properties.messageIdDomain());
		StepVerifier.create(Flux.range(0, 10).flatMap((i) -> this.db.sql("select pg_sleep(0.1)").then(), 10))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		try (Connection admin = DriverManager.getConnection(this.postgres.getJdbcUrl(), this.postgres.getUsername(),
				this.postgres.getPassword()); Statement statement = admin.createStatement()) {
			String others = " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
					+ " and backend_type = 'client backend'";
			statement.execute("select pg_terminate_backend(pid)" + others);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				try (ResultSet left = statement.executeQuery("select count(*)" + others)) {
					return left.next() && left.getInt(1) == 0;
				}
			});
		}

		StepVerifier.create(this.sentEmails.sentAt(email)).expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void leavesAnEmailThatAnotherDeliveryIsSendingToThatDelivery() {
		UserCreated user = user("in-flight");
		WelcomeEmail email = WelcomeEmail.of(user, this.properties.messageIdDomain());
		this.sentEmails.claim(email, Instant.now()).block(Duration.ofSeconds(5));

		StepVerifier.create(this.welcomeEmails.welcome(user))
			.expectError(EmailInFlightException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(mailbox().messagesTo(user.email())).isEmpty();
	}

	@Test
	void sendsAgainWhenTheClaimOfACrashedSenderIsStale() {
		UserCreated user = user("stale");
		WelcomeEmail email = WelcomeEmail.of(user, this.properties.messageIdDomain());
		this.sentEmails.claim(email, Instant.now().minus(this.properties.claimTimeout()).minusSeconds(1))
			.block(Duration.ofSeconds(5));

		StepVerifier.create(this.welcomeEmails.welcome(user)).verifyComplete();

		assertThat(mailbox().messagesTo(user.email())).singleElement()
			.satisfies((message) -> assertThat(message.messageId()).isEqualTo(email.messageId()));
		assertThat(status(user)).isEqualTo("SENT");
	}

	@Test
	void releasesTheClaimWhenTheSmtpServerIsAway() {
		UserCreated user = user("smtp-away");
		try (Paused paused = Paused.pause(this.greenMailContainer)) {
			StepVerifier.create(this.welcomeEmails.welcome(user)).expectError().verify(Duration.ofSeconds(60));
			assertThat(status(user)).isNull();
		}
	}

	@Test
	void sendsTheEmailOnceOverANewConnectionWhenThePausedSmtpServerIsBack() {
		StepVerifier.create(this.welcomeEmails.welcome(user("warm-up"))).verifyComplete();
		double openedBefore = this.meters.get("email.smtp.connections.opened").counter().count();
		UserCreated user = user("paused");
		try (Paused paused = Paused.pause(this.greenMailContainer)) {
			// The connection the warm-up left open answers no more: the send times out.
			StepVerifier.create(this.welcomeEmails.welcome(user)).expectError().verify(Duration.ofSeconds(60));
		}

		StepVerifier.create(this.welcomeEmails.welcome(user)).verifyComplete();

		assertThat(mailbox().messagesTo(user.email())).hasSize(1);
		assertThat(status(user)).isEqualTo("SENT");
		assertThat(this.meters.get("email.smtp.connections.opened").counter().count()).isGreaterThan(openedBefore);
	}

	@Test
	void aSenderWhoseClaimWasTakenOverCanNeitherMarkNorReleaseIt() {
		WelcomeEmail email = WelcomeEmail.of(user("fenced"), this.properties.messageIdDomain());
		Instant now = Instant.now();
		EmailClaim crashed = this.sentEmails.claim(email, now.minus(this.properties.claimTimeout()).minusSeconds(1))
			.block(Duration.ofSeconds(5));
		EmailClaim takenOver = this.sentEmails.reclaim(email, now, now.minus(this.properties.claimTimeout()))
			.block(Duration.ofSeconds(5));
		assertThat(takenOver).isNotNull();

		this.sentEmails.release(crashed).block(Duration.ofSeconds(5));
		assertThat(status(email.userId())).isEqualTo("SENDING");
		assertThat(this.sentEmails.markSent(crashed, now).block(Duration.ofSeconds(5))).isFalse();
		assertThat(this.sentEmails.markUnconfirmed(crashed, now).block(Duration.ofSeconds(5))).isFalse();
		assertThat(status(email.userId())).isEqualTo("SENDING");
		assertThat(this.sentEmails.markSent(takenOver, now).block(Duration.ofSeconds(5))).isTrue();
		assertThat(status(email.userId())).isEqualTo("SENT");
	}

	/**
	 * A send that waited for a connection until its claim was taken over sends nothing: the
	 * delivery that took the claim over has sent the email by then.
	 */
	@Test
	void doesNotStartASendThatCouldOutlastItsClaim() throws Exception {
		MutableClock clock = new MutableClock(Instant.now().minus(this.properties.claimTimeout()).minusSeconds(10));
		Scheduler oneThread = Schedulers.newBoundedElastic(1, 10, "one-smtp-thread");
		CountDownLatch busy = new CountDownLatch(1);
		oneThread.schedule(() -> awaitQuietly(busy));
		try {
			WelcomeEmails slowSender = welcomeEmails(new Mailer(this.sender, this.properties, new SimpleMeterRegistry(),
					clock, oneThread), clock);
			UserCreated user = user("queued");
			CompletableFuture<Void> queued = slowSender.welcome(user).toFuture();
			await().atMost(Duration.ofSeconds(10)).until(() -> "SENDING".equals(status(user.userId())));

			// The first claim is stale by now: another delivery takes it over and sends.
			StepVerifier.create(this.welcomeEmails.welcome(user)).verifyComplete();
			clock.advance(this.properties.claimTimeout());
			busy.countDown();

			assertThat(queued).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(ClaimExpiredException.class);
			assertThat(mailbox().messagesTo(user.email())).hasSize(1);
			assertThat(status(user.userId())).isEqualTo("SENT");
		}
		finally {
			busy.countDown();
			oneThread.dispose();
		}
	}

	/**
	 * The server took the whole message, and its reply was lost: the email is recorded as
	 * unconfirmed and email.sent published; a redelivery does not send it again.
	 */
	@Test
	void doesNotSendAgainWhenTheReplyToTheEndOfDataNeverCame() throws Exception {
		try (SmtpFaultProxy proxy = new SmtpFaultProxy(this.greenMailContainer.getHost(),
				this.greenMailContainer.getMappedPort(GreenMailbox.SMTP_PORT))) {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			Clock clock = Clock.systemUTC();
			WelcomeEmails throughProxy = welcomeEmails(new Mailer(senderTo(proxy.port()), this.properties, meters, clock),
					clock, new EmailMetrics(meters));
			UserCreated user = user("no-reply");
			proxy.withholdNextReplyToEndOfData();

			StepVerifier.create(throughProxy.welcome(user)).verifyComplete();
			StepVerifier.create(throughProxy.welcome(user)).verifyComplete();

			assertThat(mailbox().messagesTo(user.email())).hasSize(1);
			assertThat(status(user.userId())).isEqualTo("UNCONFIRMED");
			assertThat(meters.get("emails.unconfirmed").counter().count()).isEqualTo(1.0);
			assertThat(meters.get("emails.sent").counter().count()).isZero();
		}
	}

	/** A 5xx: the server will never take it. Not retried (straight to the dead letters), nothing else held up. */
	@Test
	void failsForGoodWithTheReplyCodeWhenTheServerRejectsTheRecipient() throws Exception {
		try (SmtpFaultProxy proxy = proxyToGreenMail()) {
			WelcomeEmails throughProxy = welcomeEmailsThrough(proxy);
			UserCreated rejected = user("no-mailbox");
			UserCreated next = user("next-mailbox");
			proxy.replyToRecipient(rejected.email(), "550 5.1.1 <" + rejected.email() + ">: no such mailbox");

			StepVerifier.create(throughProxy.welcome(rejected))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidEventException.class)
					.hasMessageEndingWith("for good (reply 550)")
					.hasMessageNotContaining(rejected.email()))
				.verify(Duration.ofSeconds(30));
			StepVerifier.create(throughProxy.welcome(next)).verifyComplete();

			assertThat(mailbox().messagesTo(rejected.email())).isEmpty();
			assertThat(status(rejected)).isNull();
			assertThat(mailbox().messagesTo(next.email())).hasSize(1);
		}
	}

	/** A 4xx: "not now". Nothing sent, the claim released, and the failure waited out as an outage. */
	@Test
	void failsForNowWhenTheServerDefersTheRecipient() throws Exception {
		try (SmtpFaultProxy proxy = proxyToGreenMail()) {
			WelcomeEmails throughProxy = welcomeEmailsThrough(proxy);
			UserCreated deferred = user("busy-mailbox");
			proxy.replyToRecipient(deferred.email(), "451 4.3.0 Try again later");

			StepVerifier.create(throughProxy.welcome(deferred))
				.expectErrorSatisfies((ex) -> assertThat(Outages.isOutage(ex)).as(ex.toString()).isTrue())
				.verify(Duration.ofSeconds(30));

			assertThat(mailbox().messagesTo(deferred.email())).isEmpty();
			assertThat(status(deferred)).isNull();
		}
	}

	private SmtpFaultProxy proxyToGreenMail() throws IOException {
		return new SmtpFaultProxy(this.greenMailContainer.getHost(), this.greenMailContainer.getMappedPort(GreenMailbox.SMTP_PORT));
	}

	private WelcomeEmails welcomeEmailsThrough(SmtpFaultProxy proxy) {
		Clock clock = Clock.systemUTC();
		return welcomeEmails(new Mailer(senderTo(proxy.port()), this.properties, new SimpleMeterRegistry(), clock), clock);
	}

	private WelcomeEmails welcomeEmails(Mailer mailer, Clock clock) {
		return welcomeEmails(mailer, clock, new EmailMetrics(new SimpleMeterRegistry()));
	}

	private WelcomeEmails welcomeEmails(Mailer mailer, Clock clock, EmailMetrics metrics) {
		return new WelcomeEmails(this.sentEmails, mailer, this.publisher, this.properties, clock, metrics);
	}

	/** The suite's SMTP settings, through {@code port} on this host, with short timeouts. */
	private JavaMailSenderImpl senderTo(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		Properties properties = new Properties();
		properties.putAll(this.sender.getJavaMailProperties());
		properties.put("mail.smtp.timeout", "2000");
		properties.put("mail.smtp.writetimeout", "2000");
		properties.put("mail.smtp.connectiontimeout", "2000");
		sender.setJavaMailProperties(properties);
		return sender;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String status(UserCreated user) {
		return status(user.userId());
	}

	private String status(UUID userId) {
		return this.db.sql("select status from sent_emails where user_id = :userId").bind("userId", userId)
			.map((row) -> row.get(0, String.class)).one().block(Duration.ofSeconds(5));
	}

	private GreenMailbox mailbox() {
		return new GreenMailbox(this.greenMailApi);
	}

	private static UserCreated user(String prefix) {
		UUID userId = UUID.randomUUID();
		return UserCreated.of(userId, "Claimed", prefix + "-" + userId.toString().substring(0, 8) + "@example.com",
				Instant.now(), "claims");
	}

}
