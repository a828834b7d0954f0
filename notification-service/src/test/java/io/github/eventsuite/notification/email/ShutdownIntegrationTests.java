package io.github.eventsuite.notification.email;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.testing.Brokers;
import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.notification.NotificationServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop (SIGTERM: the context closes) while an email is being sent: the service finishes
 * it, records it sent and publishes {@code email.sent} before its database, SMTP and Kafka
 * clients close. The service runs as its own application here, so that it can be stopped
 * while the containers and the checks go on.
 */
class ShutdownIntegrationTests {

	private static final KafkaContainer kafka = Brokers.kafka();

	private static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");

	private static final GenericContainer<?> greenMail = new GenericContainer<>("greenmail/standalone:2.1.8")
		.withEnv("GREENMAIL_OPTS", GreenMailbox.CONTAINER_OPTIONS)
		.withExposedPorts(GreenMailbox.SMTP_PORT, GreenMailbox.API_PORT)
		.waitingFor(Wait.forHttp("/api/service/readiness").forPort(GreenMailbox.API_PORT));

	@BeforeAll
	static void startInfrastructure() {
		Startables.deepStart(kafka, postgres, greenMail).join();
	}

	@AfterAll
	static void stopInfrastructure() {
		greenMail.stop();
		postgres.stop();
		kafka.stop();
	}

	@Test
	void finishesTheEmailItIsSendingBeforeItsClientsClose() throws Exception {
		UUID userId = UUID.randomUUID();
		UserCreated user = UserCreated.of(userId, "Stopping", "stop-" + userId.toString().substring(0, 8) + "@example.com",
				Instant.now(), "shutdown");
		try (SmtpFaultProxy slowServer = new SmtpFaultProxy(greenMail.getHost(),
				greenMail.getMappedPort(GreenMailbox.SMTP_PORT))) {
			ConfigurableApplicationContext service = start(slowServer.port());
			// Longer than the rest of the stop takes: without waiting, the pools would be closed by then.
			slowServer.delayNextReplyToEndOfData(Duration.ofSeconds(5));
			new KafkaTopics(kafka.getBootstrapServers()).publish(user);
			await().atMost(Duration.ofSeconds(60)).until(slowServer::holdingAReply);

			service.close();
		}

		assertThat(status(userId)).isEqualTo("SENT");
		assertThat(new GreenMailbox(greenMailApi()).messagesTo(user.email())).hasSize(1);
		assertThat(new KafkaTopics(kafka.getBootstrapServers()).events(Topics.EMAIL_SENT, EmailSent.class))
			.filteredOn((sent) -> sent.userId().equals(userId))
			.hasSize(1);
	}

	private static ConfigurableApplicationContext start(int smtpPort) {
		String database = "//" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + postgres.getDatabaseName();
		// As arguments: they override application.yml, as the environment does in production.
		return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
				"--server.port=0", "--management.server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka.getBootstrapServers(),
				"--spring.r2dbc.url=r2dbc:postgresql:" + database, "--spring.r2dbc.username=" + postgres.getUsername(),
				"--spring.r2dbc.password=" + postgres.getPassword(),
				"--spring.flyway.url=jdbc:postgresql:" + database, "--spring.flyway.user=" + postgres.getUsername(),
				"--spring.flyway.password=" + postgres.getPassword(),
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
				// The production timeout: the reply held back must not time out (the tests' is 3 s).
				"--spring.mail.properties[mail.smtp.timeout]=10000");
	}

	private static String status(UUID userId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword());
				PreparedStatement query = connection.prepareStatement("select status from sent_emails where user_id = ?")) {
			query.setObject(1, userId);
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
	}

	private static String greenMailApi() {
		return "http://" + greenMail.getHost() + ":" + greenMail.getMappedPort(GreenMailbox.API_PORT);
	}

}
