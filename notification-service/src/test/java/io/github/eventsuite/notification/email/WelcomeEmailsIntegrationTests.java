package io.github.eventsuite.notification.email;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.notification.TestcontainersConfiguration;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

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
	private MeterRegistry meters;

	@Value("${greenmail.api-url}")
	private String greenMailApi;

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
		var docker = this.greenMailContainer.getDockerClient();
		docker.pauseContainerCmd(this.greenMailContainer.getContainerId()).exec();
		try {
			StepVerifier.create(this.welcomeEmails.welcome(user)).expectError().verify(Duration.ofSeconds(60));
			assertThat(status(user)).isNull();
		}
		finally {
			docker.unpauseContainerCmd(this.greenMailContainer.getContainerId()).exec();
		}
	}

	@Test
	void sendsTheEmailOnceOverANewConnectionWhenThePausedSmtpServerIsBack() {
		StepVerifier.create(this.welcomeEmails.welcome(user("warm-up"))).verifyComplete();
		double openedBefore = this.meters.get("email.smtp.connections.opened").counter().count();
		UserCreated user = user("paused");
		var docker = this.greenMailContainer.getDockerClient();
		docker.pauseContainerCmd(this.greenMailContainer.getContainerId()).exec();
		try {
			// The connection the warm-up left open answers no more: the send times out.
			StepVerifier.create(this.welcomeEmails.welcome(user)).expectError().verify(Duration.ofSeconds(60));
		}
		finally {
			docker.unpauseContainerCmd(this.greenMailContainer.getContainerId()).exec();
		}

		StepVerifier.create(this.welcomeEmails.welcome(user)).verifyComplete();

		assertThat(mailbox().messagesTo(user.email())).hasSize(1);
		assertThat(status(user)).isEqualTo("SENT");
		assertThat(this.meters.get("email.smtp.connections.opened").counter().count()).isGreaterThan(openedBefore);
	}

	private String status(UserCreated user) {
		return this.db.sql("select status from sent_emails where user_id = :userId").bind("userId", user.userId())
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
