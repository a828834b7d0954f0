package io.github.eventsuite.notification.email;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.MutableClock;
import io.github.eventsuite.notification.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Connections kept open across messages, against a real SMTP server (GreenMail). */
@SpringBootTest
@Import(TestcontainersConfiguration.class)
class SmtpConnectionsIntegrationTests {

	/** These tests are about connections, not claims: a send may always start. */
	private static final Instant NO_DEADLINE = Instant.MAX;

	@Autowired
	private JavaMailSenderImpl sender;

	@Value("${greenmail.api-url}")
	private String greenMailApi;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private SmtpConnections connections;

	@AfterEach
	void shutDown() {
		if (this.connections != null) {
			this.connections.closeAll();
		}
	}

	@Test
	void sendsMessagesOneAfterAnotherOverOneConnection() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 100);

		String[] recipients = { recipient("first"), recipient("second"), recipient("third") };
		for (String to : recipients) {
			this.connections.send(message(to), NO_DEADLINE);
		}

		assertThat(opened()).isEqualTo(1);
		assertThat(closed()).isZero();
		for (String to : recipients) {
			assertThat(mailbox().messagesTo(to)).hasSize(1);
		}
	}

	@Test
	void opensANewConnectionAfterMessagesPerConnection() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 2);

		for (int i = 0; i < 5; i++) {
			this.connections.send(message(recipient("rotated")), NO_DEADLINE);
		}

		assertThat(opened()).isEqualTo(3);
		assertThat(closed()).isEqualTo(2);
	}

	@Test
	void closesAConnectionOnceItWasIdleForTheIdleTimeout() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 100);
		this.connections.send(message(recipient("before-idle")), NO_DEADLINE);

		this.clock.advance(Duration.ofSeconds(29));
		this.connections.closeIdle();
		assertThat(closed()).isZero();

		this.clock.advance(Duration.ofSeconds(1));
		this.connections.closeIdle();
		assertThat(closed()).isEqualTo(1);

		String to = recipient("after-idle");
		this.connections.send(message(to), NO_DEADLINE);
		assertThat(opened()).isEqualTo(2);
		assertThat(mailbox().messagesTo(to)).hasSize(1);
	}

	@Test
	void doesNotReuseAConnectionIdleForTheIdleTimeoutEvenBeforeItIsClosed() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 100);
		this.connections.send(message(recipient("stale")), NO_DEADLINE);

		this.clock.advance(Duration.ofSeconds(30));
		this.connections.send(message(recipient("fresh")), NO_DEADLINE);

		assertThat(opened()).isEqualTo(2);
		assertThat(closed()).isEqualTo(1);
	}

	@Test
	void sendsOverANewConnectionOnceTheServerDroppedTheOpenOne() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 100);
		this.connections.send(message(recipient("before-restart")), NO_DEADLINE);
		GreenMailRestart.restart(this.greenMailApi);

		String to = recipient("after-restart");
		// The open connection's end is only seen when it is used: that send fails, and is
		// not retried here (the listener's retry sends it again, on a new connection).
		assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> this.connections.send(message(to), NO_DEADLINE));
		assertThat(closed()).isEqualTo(1);
		assertThat(mailbox().messagesTo(to)).isEmpty();

		this.connections.send(message(to), NO_DEADLINE);

		assertThat(opened()).isEqualTo(2);
		assertThat(mailbox().messagesTo(to)).hasSize(1);
	}

	@Test
	void closesTheIdleConnectionsTooWhenASendFailsSoThatItsRetryUsesANewOne() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 100);
		openTwoConnections();
		assertThat(opened()).isEqualTo(2);
		GreenMailRestart.restart(this.greenMailApi);

		String to = recipient("retried");
		assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> this.connections.send(message(to), NO_DEADLINE));
		assertThat(closed()).isEqualTo(2);

		this.connections.send(message(to), NO_DEADLINE);

		assertThat(opened()).isEqualTo(3);
		assertThat(mailbox().messagesTo(to)).hasSize(1);
	}

	@Test
	void closesEveryConnectionOnShutdown() throws Exception {
		this.connections = connections(Duration.ofSeconds(30), 100);
		this.connections.send(message(recipient("last")), NO_DEADLINE);

		this.connections.closeAll();

		assertThat(opened()).isEqualTo(1);
		assertThat(closed()).isEqualTo(1);
	}

	/** The first send is held while it writes its message, so the second needs a connection of its own. */
	private void openTwoConnections() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		MimeMessage held = new MimeMessage(message(recipient("held"))) {

			@Override
			public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException, MessagingException {
				writing.countDown();
				awaitQuietly(release);
				super.writeTo(out, ignoreHeaders);
			}

		};
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> sendQuietly(held));
		assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
		this.connections.send(message(recipient("beside")), NO_DEADLINE);
		release.countDown();
		first.get(10, TimeUnit.SECONDS);
	}

	private void sendQuietly(MimeMessage message) {
		try {
			this.connections.send(message, NO_DEADLINE);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private SmtpConnections connections(Duration idleTimeout, int messagesPerConnection) {
		EmailProperties properties = new EmailProperties("welcome@event-suite.local", "Event Suite",
				"event-suite.local", 4, 1000, Duration.ofMinutes(1), idleTimeout, messagesPerConnection);
		return new SmtpConnections(this.sender, properties, this.meters, this.clock);
	}

	private MimeMessage message(String to) throws MessagingException {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message);
		helper.setFrom("welcome@event-suite.local");
		helper.setTo(to);
		helper.setSubject("Connection test");
		helper.setText("Hello");
		message.saveChanges();
		return message;
	}

	private double opened() {
		return this.meters.get("email.smtp.connections.opened").counter().count();
	}

	private double closed() {
		return this.meters.get("email.smtp.connections.closed").counter().count();
	}

	private GreenMailbox mailbox() {
		return new GreenMailbox(this.greenMailApi);
	}

	private static String recipient(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
