package io.github.eventsuite.user.registration;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;

import io.github.eventsuite.eventbus.testing.MutableClock;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/**
 * Two registrations per second and a burst of three per client; 127.0.0.9 is a trusted
 * proxy. Each test uses client addresses of its own: the buckets live as long as the context.
 */
@WebFluxTest(controllers = RegistrationController.class,
		properties = { "user.registration.rate-limit.requests-per-second=2", "user.registration.rate-limit.burst=3",
				"user.registration.rate-limit.trusted-proxies=127.0.0.9" })
@Import(RegistrationRateLimitTests.RemoteAddressFromHeader.class)
class RegistrationRateLimitTests {

	private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	private static final String PROXY = "127.0.0.9";

	@Autowired
	private WebTestClient client;

	@TestBean
	private Clock clock;

	@MockitoBean
	private Registrations registrations;

	static Clock clock() {
		return CLOCK;
	}

	@BeforeEach
	void acceptEveryRegistration() {
		UUID id = UUID.randomUUID();
		given(this.registrations.accept(any(), anyString())).willReturn(Mono.just(new Registration(id, "Ada",
				"ada@example.com", RegistrationStatus.PENDING, null, Instant.parse("2026-11-26T10:00:00Z"), null)));
	}

	@Test
	void letsTheBurstThroughThenAnswers429WithRetryAfter() {
		for (int i = 0; i < 3; i++) {
			register("127.0.0.2").expectStatus().isAccepted();
		}

		register("127.0.0.2").expectStatus().isEqualTo(429)
			.expectHeader().valueEquals("Retry-After", "1")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.title").isEqualTo("Too Many Requests")
			.jsonPath("$.detail").isEqualTo("Too many registrations from this client: try again in 1 s.")
			.jsonPath("$.instance").isEqualTo("/api/users")
			.jsonPath("$.properties").doesNotExist();
	}

	@Test
	void anotherClientIsNotAffected() {
		exhaust("127.0.0.3");

		register("127.0.0.4").expectStatus().isAccepted();
	}

	@Test
	void tokensComeBackAsTimePasses() {
		exhaust("127.0.0.5");

		CLOCK.advance(Duration.ofMillis(499));
		register("127.0.0.5").expectStatus().isEqualTo(429);
		CLOCK.advance(Duration.ofMillis(1));
		register("127.0.0.5").expectStatus().isAccepted();
		register("127.0.0.5").expectStatus().isEqualTo(429);
	}

	@Test
	void readingRegistrationsIsNotLimited() {
		exhaust("127.0.0.6");

		this.client.get().uri("/api/users/not-a-uuid").header(RemoteAddressFromHeader.HEADER, "127.0.0.6").exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void forwardedForNamesTheClientOnlyBehindATrustedProxy() {
		exhaust(PROXY, "127.0.0.20");
		register(PROXY, "127.0.0.21").expectStatus().isAccepted();
		register(PROXY, "127.0.0.22, " + PROXY).expectStatus().isAccepted();

		exhaust("127.0.0.7", "127.0.0.30");
		register("127.0.0.7", "127.0.0.31").expectStatus().isEqualTo(429);
	}

	private void exhaust(String remote, String... forwardedFor) {
		for (int i = 0; i < 3; i++) {
			register(remote, forwardedFor).expectStatus().isAccepted();
		}
		register(remote, forwardedFor).expectStatus().isEqualTo(429);
	}

	private WebTestClient.ResponseSpec register(String remote, String... forwardedFor) {
		return this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.header(RemoteAddressFromHeader.HEADER, remote)
			.headers((headers) -> {
				if (forwardedFor.length > 0) {
					headers.add("X-Forwarded-For", String.join(", ", forwardedFor));
				}
			})
			.bodyValue("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
			.exchange();
	}

	/** The mock server has no peer: the test names it in a header, set before the rate limit runs. */
	@TestConfiguration(proxyBeanMethods = false)
	static class RemoteAddressFromHeader {

		static final String HEADER = "X-Test-Remote-Address";

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter remoteAddressFromHeader() {
			return (exchange, chain) -> {
				String remote = exchange.getRequest().getHeaders().getFirst(HEADER);
				return chain.filter((remote == null) ? exchange : exchange.mutate()
					.request((request) -> request.remoteAddress(new InetSocketAddress(remote, 40000)))
					.build());
			};
		}

	}

}
