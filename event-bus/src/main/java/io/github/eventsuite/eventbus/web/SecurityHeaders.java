package io.github.eventsuite.eventbus.web;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The response headers Spring Security writes by default, with the same values and rules:
 * each group only when the answer has none of its headers yet, the cache headers not on a
 * {@code 304}, HSTS (Spring Security's own writer) only over HTTPS.
 *
 * <p>Why not Spring Security's writers themselves: each of its five static writers copies
 * its headers into two new case-insensitive maps on every answer
 * ({@code StaticServerHttpHeadersWriter} iterates {@code HttpHeaders.headerNames()} and
 * {@code forEach}, which copy since Spring Framework 7.0): 5.7 % of the bytes user-service
 * allocated at 500 registrations/s (docs/benchmarks.md, 2026-12-06 late afternoon). Until a fix
 * upstream (docs/upstream/spring-security-static-headers-copied-per-response.md; Spring
 * Security 7.0.6 and main still copy), the groups are kept as fixed lists here.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

	private static final Group CACHE = new Group(
			List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES),
			List.of(CacheControlServerHttpHeadersWriter.CACHE_CONTROL_VALUE, CacheControlServerHttpHeadersWriter.PRAGMA_VALUE,
					CacheControlServerHttpHeadersWriter.EXPIRES_VALUE));

	private static final List<Group> ON_EVERY_ANSWER = List.of(
			Group.of(ContentTypeOptionsServerHttpHeadersWriter.X_CONTENT_OPTIONS,
					ContentTypeOptionsServerHttpHeadersWriter.NOSNIFF),
			Group.of(XFrameOptionsServerHttpHeadersWriter.X_FRAME_OPTIONS,
					XFrameOptionsServerHttpHeadersWriter.Mode.DENY.name()),
			Group.of(XXssProtectionServerHttpHeadersWriter.X_XSS_PROTECTION,
					XXssProtectionServerHttpHeadersWriter.HeaderValue.DISABLED.toString()),
			Group.of(ReferrerPolicyServerHttpHeadersWriter.REFERRER_POLICY, ReferrerPolicy.NO_REFERRER.getPolicy()));

	private final ServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();

	@Override
	public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		if (response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
			CACHE.writeTo(headers);
		}
		for (Group group : ON_EVERY_ANSWER) {
			group.writeTo(headers);
		}
		return this.hsts.writeHttpHeaders(exchange);
	}

	/** Headers written together, or not at all when the answer already has one of them. */
	private record Group(List<String> names, List<String> values) {

		static Group of(String name, String value) {
			return new Group(List.of(name), List.of(value));
		}

		void writeTo(HttpHeaders headers) {
			for (String name : this.names) {
				if (headers.containsHeader(name)) {
					return;
				}
			}
			for (int i = 0; i < this.names.size(); i++) {
				headers.set(this.names.get(i), this.values.get(i));
			}
		}

	}

}
