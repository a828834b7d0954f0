package io.github.eventsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.testing.GreenMailbox;
import io.github.eventsuite.eventbus.testing.KafkaTopics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the running suite shows from outside: its HTTP APIs, its database, its mailbox. */
final class SuiteProbe {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CONSOLE = "/api/dead-letters";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final SuiteContainers suite;

	SuiteProbe(SuiteContainers suite) {
		this.suite = suite;
	}

	String userServiceUrl() {
		return this.suite.url(this.suite.userService, SuiteContainers.USER_SERVICE_PORT);
	}

	/** The analytics statistics as {usersCreated, emailsSent}. */
	Stats stats() {
		JsonNode stats = json.readTree(get(this.suite.url(this.suite.analyticsService, SuiteContainers.ANALYTICS_SERVICE_PORT)
				+ "/api/stats"));
		return new Stats(stats.get("usersCreated").asLong(), stats.get("emailsSent").asLong());
	}

	GreenMailbox mailbox() {
		return new GreenMailbox(this.suite.url(this.suite.greenMail, GreenMailbox.API_PORT));
	}

	/** The HTTP status of a GET; -1 when the service does not answer. */
	int status(String url) {
		try {
			return this.http.send(request(url), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/**
	 * The HTTP status of a POST without body to the dead-letter console, as its admin with the
	 * CSRF token that a GET of the console handed out.
	 */
	int postAsAdmin(String url) {
		String console = url.substring(0, url.indexOf(CONSOLE) + CONSOLE.length());
		HttpResponse<Void> page = this.http.sendAsync(asAdmin(console).build(), HttpResponse.BodyHandlers.discarding())
			.join();
		String token = page.headers().allValues("Set-Cookie").stream()
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
			.findFirst()
			.orElseThrow(() -> new AssertionError("GET " + console + " answered " + page.statusCode() + " without a token"));
		HttpRequest request = asAdmin(url).timeout(Duration.ofSeconds(30))
			.header("Cookie", "XSRF-TOKEN=" + token)
			.header("X-XSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).join().statusCode();
	}

	/** The dead-letter console's JSON, as its admin. */
	JsonNode getJsonAsAdmin(String url) {
		HttpResponse<String> response = this.http.sendAsync(asAdmin(url).build(), HttpResponse.BodyHandlers.ofString())
			.join();
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private static HttpRequest.Builder asAdmin(String url) {
		String credentials = SuiteContainers.CONSOLE_ADMIN + ":" + SuiteContainers.CONSOLE_PASSWORD;
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	String get(String url) {
		HttpResponse<String> response = this.http.sendAsync(request(url), HttpResponse.BodyHandlers.ofString()).join();
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	JsonNode getJson(String url) {
		return json.readTree(get(url));
	}

	/** The emails of the users in the database whose address starts with the prefix. */
	List<String> userEmails(String prefix) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement query = connection.prepareStatement("select email from users where email like ?")) {
			query.setString(1, prefix + "%");
			List<String> emails = new ArrayList<>();
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					emails.add(result.getString(1));
				}
			}
			return emails;
		}
	}

	/**
	 * Who is connected to which database, as "role@database", besides this probe: the
	 * services should each be there as their own role, never as the superuser.
	 */
	Set<String> databaseSessions() throws SQLException {
		try (Connection connection = connect(); ResultSet result = connection.createStatement()
			.executeQuery("select distinct usename || '@' || datname from pg_stat_activity"
					+ " where backend_type = 'client backend' and usename <> current_user")) {
			Set<String> sessions = new TreeSet<>();
			while (result.next()) {
				sessions.add(result.getString(1));
			}
			return sessions;
		}
	}

	long usersInDatabase() throws SQLException {
		try (Connection connection = connect();
				ResultSet result = connection.createStatement().executeQuery("select count(*) from users")) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * Nothing is under way any more, so nothing can still happen: every {@code user.register}
	 * and {@code user.created} is committed by its consumer, every registration settled,
	 * every outbox row relayed and no email claimed without being sent. An exactly-once
	 * check made only then also sees a second email that a redelivery or a stale claim would
	 * send after the first one arrived.
	 */
	boolean quiescent() throws SQLException {
		KafkaTopics topics = new KafkaTopics(this.suite.bootstrapServers());
		return topics.caughtUp("user-service", Topics.USER_REGISTER)
				&& topics.caughtUp("notification-service", Topics.USER_CREATED)
				&& count(connect(), "select count(*) from registrations where status = 'PENDING'") == 0
				&& count(connect(), "select count(*) from outbox") == 0
				&& count(connect("notifications"), "select count(*) from sent_emails where status = 'SENDING'") == 0;
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (connection; ResultSet result = connection.createStatement().executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** user-service's database, as the superuser (the test's, not the services'). */
	private Connection connect() throws SQLException {
		return connect("users");
	}

	private Connection connect(String database) throws SQLException {
		String url = this.suite.postgres.getJdbcUrl().replaceFirst("/" + this.suite.postgres.getDatabaseName() + "(?=\\?|$)",
				"/" + database);
		return DriverManager.getConnection(url, this.suite.postgres.getUsername(), this.suite.postgres.getPassword());
	}

	private static HttpRequest request(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
	}

	record Stats(long usersCreated, long emailsSent) {

	}

}
