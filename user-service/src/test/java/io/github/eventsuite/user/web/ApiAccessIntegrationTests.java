package io.github.eventsuite.user.web;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.user.TestcontainersConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API is public, behind Spring Security: anyone gets in, credentials or not, and every
 * answer carries its headers; what its firewall turns away is problem details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class ApiAccessIntegrationTests {

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@Test
	void isPublicWithOrWithoutCredentials() {
		this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Grace Hopper\",\"email\":\"grace-" + UUID.randomUUID() + "@example.com\"}")
			.exchange()
			.expectStatus().isAccepted();
		this.client.get().uri("/api/users/" + UUID.randomUUID()).headers((headers) -> headers.setBasicAuth("who", "ever"))
			.exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void answersWithSpringSecuritysHeaders() {
		this.client.get().uri("/api/users/" + UUID.randomUUID()).exchange()
			.expectStatus().isNotFound()
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, (value) -> assertThat(value).contains("no-store"));
	}

	@Test
	void turnsAwayAnEncodedSlashWithProblemDetails() {
		this.client.get().uri(URI.create("http://localhost:" + this.port + "/api/users/%2e%2e%2factuator")).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).startsWith("The request was rejected"));
	}

}
