package io.github.eventsuite.analytics.deadletters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;

import io.github.eventsuite.eventbus.web.ApiSecurity;
import io.github.eventsuite.eventbus.web.SecurityProblems;

/**
 * Who may use the dead-letter console: its page, its API and its re-drives need the admin
 * (HTTP Basic, {@link AdminProperties}); everything else of analytics-service (statistics,
 * the dashboard) stays public. A re-drive also needs the CSRF token: a browser
 * sends cached Basic credentials along with any request, also one another site makes it
 * send. The token is in the {@code XSRF-TOKEN} cookie of the console's responses and goes
 * back in an {@code X-XSRF-TOKEN} header.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class ConsoleSecurity {

	private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

	private static final String[] CONSOLE = { "/api/dead-letters", "/api/dead-letters/**", "/dead-letters.html" };

	/** The console: the admin only, with a CSRF token for what changes anything. */
	@Bean
	@Order(1)
	SecurityWebFilterChain adminOnlyConsole(ServerHttpSecurity http) {
		return ApiSecurity.withoutBrowserLogin(http)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers(CONSOLE))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().hasRole("ADMIN"))
			.httpBasic((basic) -> basic.authenticationEntryPoint((exchange, ex) -> SecurityProblems.unauthorized(exchange,
					"dead-letters", "The dead-letter console needs the admin's credentials (HTTP Basic).")))
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				// The console's script sends the cookie's value as it is (no BREACH masking:
				// the token is never in a response body).
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.accessDeniedHandler((exchange, ex) -> SecurityProblems.write(exchange, HttpStatus.FORBIDDEN,
						"A re-drive needs the CSRF token: the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header.")))
			.addFilterAfter(issueCsrfCookie(), SecurityWebFiltersOrder.CSRF)
			.build();
	}

	/** Everything else (the statistics, the dashboard): public. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain everythingElsePublic(ServerHttpSecurity http) {
		return ApiSecurity.everythingElsePublic(http);
	}

	@Bean
	ReactiveUserDetailsService admins(AdminProperties admin) {
		if (admin.locked()) {
			log.warn("analytics.admin.password-hash is not set: the dead-letter console is locked");
			return (username) -> Mono.empty();
		}
		return new MapReactiveUserDetailsService(
				User.withUsername(admin.username()).password(String.valueOf(admin.passwordHash())).roles("ADMIN").build());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/**
	 * Spring Security makes the token only when something asks for it; the console's
	 * responses ask, so that they carry the cookie (spring-security#5766: the documented way
	 * for a script to get a token in WebFlux; no version does it by itself).
	 */
	private static WebFilter issueCsrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return ((token != null) ? token.then() : Mono.<Void>empty()).then(chain.filter(exchange));
		};
	}

}
