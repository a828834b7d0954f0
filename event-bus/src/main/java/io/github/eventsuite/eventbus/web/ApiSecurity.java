package io.github.eventsuite.eventbus.web;

import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/** What the services' security filter chains share: they guard APIs, not browser sessions. */
public final class ApiSecurity {

	private ApiSecurity() {
	}

	/**
	 * Stateless: each request brings its own credentials, if any, so no security context is
	 * looked for in a web session. No saved request to return to, no login form, no logout page.
	 * Spring Security's default response headers, written where its own filter would write
	 * them, by {@link SecurityHeaders}.
	 */
	public static ServerHttpSecurity withoutBrowserLogin(ServerHttpSecurity http) {
		return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.addFilterAt(new HttpHeaderWriterWebFilter(new SecurityHeaders()), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable);
	}

	/**
	 * What no other chain matched: public, and no credentials looked at (a client or scraper
	 * that sends some anyway is not turned away). Nothing there acts on a browser's cookies
	 * or cached credentials, so it needs no CSRF token either.
	 */
	public static SecurityWebFilterChain everythingElsePublic(ServerHttpSecurity http) {
		return withoutBrowserLogin(http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.csrf(ServerHttpSecurity.CsrfSpec::disable)).build();
	}

}
