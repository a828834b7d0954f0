package io.github.eventsuite.eventbus.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads what a real GreenMail server received, through its REST API (port 8080). */
public final class GreenMailbox {

	public static final int SMTP_PORT = 3025;

	public static final int API_PORT = 8080;

	/**
	 * The image's own GREENMAIL_OPTS without {@code -Dgreenmail.verbose}, which logs every
	 * SMTP line and held the server to about 23 messages/s; and 30 s instead of 2 s for each
	 * of its servers to start: with brokers and databases starting beside it on two cores,
	 * GreenMail gave up on its SMTPS server and exited ("Could not start mail server smtps
	 * ... try to set server startup timeout > 2000"), failing a whole test class.
	 */
	public static final String CONTAINER_OPTIONS = "-Dgreenmail.setup.test.all -Dgreenmail.hostname=0.0.0.0"
			+ " -Dgreenmail.auth.disabled -Dgreenmail.startup.timeout=30000";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final int LOOKUPS_AT_ONCE = 32;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String apiUrl;

	public GreenMailbox(String apiUrl) {
		this.apiUrl = apiUrl;
	}

	/** The messages in the recipient's inbox; none if the recipient has never received one. */
	public List<Message> messagesTo(String recipient) {
		String path = "/api/user/" + URLEncoder.encode(recipient, StandardCharsets.UTF_8) + "/messages/";
		HttpResponse<String> response = get(path);
		if (response.statusCode() == 404 || response.statusCode() == 400) {
			return List.of();
		}
		return List.of(JSON.readValue(response.body(), Message[].class));
	}

	/**
	 * Each recipient's messages (none for one that never received any), in the recipients'
	 * order. Looked up {@value #LOOKUPS_AT_ONCE} at a time: a look-up waits about 45 ms for
	 * GreenMail's answer however idle it is, so that one after the other, the 1,500 inboxes
	 * of a burst took 69 s, and 32 at a time 2.4 s.
	 */
	public Map<String, List<Message>> messagesTo(Collection<String> recipients) {
		ExecutorService lookups = Executors.newFixedThreadPool(LOOKUPS_AT_ONCE);
		try {
			Map<String, Future<List<Message>>> pending = new LinkedHashMap<>();
			recipients.forEach((recipient) -> pending.put(recipient, lookups.submit(() -> messagesTo(recipient))));
			Map<String, List<Message>> messages = new LinkedHashMap<>();
			for (Map.Entry<String, Future<List<Message>>> lookup : pending.entrySet()) {
				messages.put(lookup.getKey(), lookup.getValue().get());
			}
			return messages;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not read an inbox from GreenMail", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			lookups.shutdownNow();
		}
	}

	/** Every recipient that has received at least one message. */
	public List<String> recipients() {
		return List.of(JSON.readValue(get("/api/user").body(), User[].class)).stream().map(User::email).toList();
	}

	private HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + path)).timeout(Duration.ofSeconds(10)).build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GreenMail API not reachable at " + this.apiUrl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Message(String subject, @JsonProperty("Message-ID") String messageId,
			String mimeMessage) {

	}

	record User(String login, String email) {

	}

}
