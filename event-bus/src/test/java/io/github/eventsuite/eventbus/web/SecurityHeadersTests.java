package io.github.eventsuite.eventbus.web;

import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SecurityHeaders} writes what Spring Security's default header filter writes, answer for answer. */
class SecurityHeadersTests {

	@ParameterizedTest
	@EnumSource(Answer.class)
	void writesWhatSpringSecuritysDefaultsWrite(Answer answer) {
		HttpHeaders springSecuritys = answeredThrough(springSecuritysDefaultHeaderFilter(), answer);
		HttpHeaders ours = answeredThrough(ourHeaderFilter(), answer);

		assertThat(ours.toSingleValueMap()).isEqualTo(springSecuritys.toSingleValueMap());
		answer.expected.accept(ours);
	}

	private static HttpHeaders answeredThrough(WebFilter filter, Answer answer) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(answer.url));
		answer.prepare.accept(exchange);
		filter.filter(exchange, (filtered) -> Mono.empty()).then(exchange.getResponse().setComplete()).block();
		return exchange.getResponse().getHeaders();
	}

	private static WebFilter springSecuritysDefaultHeaderFilter() {
		SecurityWebFilterChain defaults = ServerHttpSecurity.http()
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
		return headerFilterOf(defaults);
	}

	private static WebFilter ourHeaderFilter() {
		SecurityWebFilterChain ours = ApiSecurity
			.withoutBrowserLogin(ServerHttpSecurity.http().authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()))
			.build();
		return headerFilterOf(ours);
	}

	private static WebFilter headerFilterOf(SecurityWebFilterChain chain) {
		return chain.getWebFilters()
			.filter(HttpHeaderWriterWebFilter.class::isInstance)
			.single()
			.block();
	}

	enum Answer {

		PLAIN("http://localhost/api/users", (exchange) -> {
		}, (headers) -> assertThat(headers.toSingleValueMap()).containsEntry("X-Content-Type-Options", "nosniff")
			.containsEntry("X-Frame-Options", "DENY")
			.containsEntry("X-XSS-Protection", "0")
			.containsEntry("Referrer-Policy", "no-referrer")
			.containsEntry(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
			.containsEntry(HttpHeaders.PRAGMA, "no-cache")
			.containsEntry(HttpHeaders.EXPIRES, "0")
			.doesNotContainKey("Strict-Transport-Security")),

		OVER_HTTPS("https://localhost/api/users", (exchange) -> {
		}, (headers) -> assertThat(headers.getFirst("Strict-Transport-Security")).startsWith("max-age=")),

		NOT_MODIFIED("http://localhost/api/users", (exchange) -> exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED),
				(headers) -> assertThat(headers.containsHeader(HttpHeaders.CACHE_CONTROL)).isFalse()),

		CACHE_SET_BY_THE_ENDPOINT("http://localhost/api/users",
				(exchange) -> exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "max-age=60"),
				(headers) -> assertThat(headers.toSingleValueMap()).containsEntry(HttpHeaders.CACHE_CONTROL, "max-age=60")
					.doesNotContainKey(HttpHeaders.PRAGMA)),

		FRAMES_ALLOWED_BY_THE_ENDPOINT("http://localhost/api/users",
				(exchange) -> exchange.getResponse().getHeaders().set("x-frame-options", "SAMEORIGIN"),
				(headers) -> assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN"));

		private final String url;

		private final Consumer<ServerWebExchange> prepare;

		private final Consumer<HttpHeaders> expected;

		Answer(String url, Consumer<ServerWebExchange> prepare, Consumer<HttpHeaders> expected) {
			this.url = url;
			this.prepare = prepare;
			this.expected = expected;
		}

	}

}
