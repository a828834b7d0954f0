package io.github.eventsuite.analytics.deadletters;

import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A client signed in as the console's admin (test application.properties), with a CSRF token. */
public final class ConsoleAdmin {

	public static final String USERNAME = "admin";

	public static final String PASSWORD = "test-admin-password";

	private ConsoleAdmin() {
	}

	public static WebTestClient of(WebTestClient client) {
		ResponseCookie token = client.get().uri("/api/dead-letters")
			.headers((headers) -> headers.setBasicAuth(USERNAME, PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.returnResult(String.class)
			.getResponseCookies().getFirst("XSRF-TOKEN");
		if (token == null) {
			throw new IllegalStateException("The console's response set no XSRF-TOKEN cookie");
		}
		return client.mutate()
			.defaultHeaders((headers) -> {
				headers.setBasicAuth(USERNAME, PASSWORD);
				headers.set("X-XSRF-TOKEN", token.getValue());
			})
			.defaultCookie("XSRF-TOKEN", token.getValue())
			.build();
	}

}
