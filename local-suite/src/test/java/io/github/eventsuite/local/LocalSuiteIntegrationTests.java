package io.github.eventsuite.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.eventsuite.eventbus.testing.GreenMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's no-Docker command, end to end: the real service jars on embedded Kafka,
 * PostgreSQL and GreenMail; stopped and started again on the same data directory.
 */
class LocalSuiteIntegrationTests {

	/** Away from compose's ports and the system tests' ones. */
	private static final int PORT_OFFSET = 21000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final LocalPorts ports = LocalPorts.DEFAULT.plus(PORT_OFFSET);

	@Test
	void runsTheWholeChainAndKeepsItsDataAcrossARestartLeavingNothingRunning() throws Exception {
		Path data = Path.of("target/local-suite-test-data").toAbsolutePath();
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> emails = List.of("ada-" + run + "@example.com", "grace-" + run + "@example.com",
				"edsger-" + run + "@example.com");

		LocalSuite suite = LocalSuite.start(options(data, "--fresh"));
		try {
			emails.forEach((email) -> assertThat(register(email)).isEqualTo(202));
			GreenMailbox mailbox = new GreenMailbox("http://127.0.0.1:" + this.ports.mailbox());
			await().atMost(Duration.ofSeconds(60)).until(() -> emails.stream()
				.allMatch((email) -> mailbox.messagesTo(email).size() == 1));
			await().atMost(Duration.ofSeconds(30)).until(() -> stats().equals(List.of(3L, 3L)));
			assertThat(send(HttpRequest.newBuilder(URI.create(url(this.ports.sensorService(), "/api/sensors/regions")))
				.build()).statusCode()).isEqualTo(200);
		}
		finally {
			suite.close();
		}
		assertNothingLeftRunning(suite);

		LocalSuite restarted = LocalSuite.start(options(data));
		try {
			// Statistics are rebuilt from Kafka's kept log; the users are still in PostgreSQL.
			await().atMost(Duration.ofSeconds(30)).until(() -> stats().equals(List.of(3L, 3L)));
			assertThat(register(emails.get(0))).isEqualTo(409);
			assertThat(register("barbara-" + run + "@example.com")).isEqualTo(202);
			await().atMost(Duration.ofSeconds(60)).until(() -> stats().equals(List.of(4L, 4L)));
		}
		finally {
			restarted.close();
		}
		assertNothingLeftRunning(restarted);
	}

	private LocalSuiteOptions options(Path data, String... extra) {
		String[] args = new String[extra.length + 2];
		args[0] = "--data-dir=" + data;
		args[1] = "--port-offset=" + PORT_OFFSET;
		System.arraycopy(extra, 0, args, 2, extra.length);
		return LocalSuiteOptions.parse(args);
	}

	private void assertNothingLeftRunning(LocalSuite suite) {
		assertThat(suite.processes()).isNotEmpty().noneMatch(ProcessHandle::isAlive);
		assertThat(this.ports.all().values()).noneMatch(LocalPorts::listening);
	}

	private int register(String email) {
		String body = "{\"name\":\"Local User\",\"email\":\"" + email + "\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(this.ports.userService(), "/api/users")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request).statusCode();
	}

	/** [usersCreated, emailsSent] */
	private List<Long> stats() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(this.ports.analyticsService(), "/api/stats"))).build();
		JsonNode stats = JSON.readTree(send(request).body());
		return List.of(stats.get("usersCreated").asLong(), stats.get("emailsSent").asLong());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String url(int port, String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
