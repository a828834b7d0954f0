package io.github.eventsuite.notification.email;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarts a GreenMail server through its REST API: its SMTP server stops and starts again,
 * every client connection is dropped, and the mailboxes are emptied.
 */
final class GreenMailRestart {

	private GreenMailRestart() {
	}

	static void restart(String apiUrl) throws IOException, InterruptedException {
		HttpRequest reset = HttpRequest.newBuilder(URI.create(apiUrl + "/api/service/reset"))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(reset, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

}
