package io.github.eventsuite.user.registration;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.user.TestcontainersConfiguration;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit on the real server, keyed by the peer's address: two loopback addresses are two
 * clients. Invalid bodies, so that nothing is stored: the limit applies before the body is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class RegistrationRateLimitIntegrationTests {

	/** The default burst. */
	private static final int BURST = 20;

	@LocalServerPort
	private int port;

	@Test
	void limitsEachClientAddressOnItsOwn() {
		WebTestClient first = clientFrom("127.0.0.2");
		List<Integer> passed = new ArrayList<>();
		EntityExchangeResult<String> limited = null;
		for (int i = 0; i < 2 * BURST && limited == null; i++) {
			EntityExchangeResult<String> result = invalidRegistration(first);
			if (result.getStatus().value() == 429) {
				limited = result;
			}
			else {
				passed.add(result.getStatus().value());
			}
		}

		assertThat(passed).hasSizeGreaterThanOrEqualTo(BURST).containsOnly(400);
		assertThat(limited).isNotNull();
		assertThat(limited.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(invalidRegistration(clientFrom("127.0.0.3")).getStatus().value()).isEqualTo(400);
	}

	private WebTestClient clientFrom(String address) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	private static EntityExchangeResult<String> invalidRegistration(WebTestClient client) {
		return client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"\",\"email\":\"not-an-email\"}")
			.exchange()
			.expectBody(String.class).returnResult();
	}

}
