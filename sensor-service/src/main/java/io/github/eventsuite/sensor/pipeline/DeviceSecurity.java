package io.github.eventsuite.sensor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import io.github.eventsuite.eventbus.ratelimit.TokenBuckets;
import io.github.eventsuite.eventbus.web.ApiSecurity;
import io.github.eventsuite.eventbus.web.SecurityProblems;

/**
 * Who may post readings: a device, with its own id and key (HTTP Basic, {@link DeviceKeys}),
 * as often as its rate limit lets it, and only its own readings ({@link ReadingsController}).
 * Without keys, no device may. A device sends no cookies and acts for no browser, so there
 * is no CSRF token to ask for. Everything else (the views, the dashboard) is public.
 */
@Configuration(proxyBeanMethods = false)
class DeviceSecurity {

	private static final String REALM = "sensors";

	private static final Logger log = LoggerFactory.getLogger(DeviceSecurity.class);

	@Bean
	@Order(1)
	SecurityWebFilterChain devicesPostTheirReadings(ServerHttpSecurity http, SensorProperties properties,
			DeviceKeys keys, ReactiveAuthenticationManager devices, Clock clock) {
		return ApiSecurity.withoutBrowserLogin(http)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/sensors/readings"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().hasRole("DEVICE"))
			.httpBasic((basic) -> basic.authenticationManager(devices)
				.authenticationEntryPoint((exchange, ex) -> SecurityProblems.unauthorized(exchange, REALM,
						"A reading needs its device's id and key (HTTP Basic).")))
			.addFilterAfter(rateLimited(properties.deviceRateLimit(), keys, clock), SecurityWebFiltersOrder.AUTHORIZATION)
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	/** Everything else (the views, the dashboard): public. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain everythingElsePublic(ServerHttpSecurity http) {
		return ApiSecurity.everythingElsePublic(http);
	}

	@Bean
	DeviceKeys deviceKeys(SensorProperties properties) {
		DeviceKeys keys = DeviceKeys.of(properties.deviceKeys());
		if (keys.isEmpty()) {
			log.warn("sensors.device-keys is empty: POST /api/sensors/readings turns every device away");
		}
		return keys;
	}

	/** Checks a device's key; as a bean, it also keeps Spring Boot from making a user with a generated password. */
	@Bean
	ReactiveAuthenticationManager devices(DeviceKeys keys) {
		return (authentication) -> Mono.fromCallable(() -> {
			String device = authentication.getName();
			if (!keys.matches(device, String.valueOf(authentication.getCredentials()))) {
				throw new BadCredentialsException("not this device's key");
			}
			return UsernamePasswordAuthenticationToken.authenticated(device, null,
					AuthorityUtils.createAuthorityList(List.of("ROLE_DEVICE")));
		});
	}

	/**
	 * After authorization, before the body is read: the buckets are the known devices' only,
	 * so their number is bounded by the configuration.
	 */
	private static WebFilter rateLimited(SensorProperties.DeviceRateLimit limit, DeviceKeys keys, Clock clock) {
		TokenBuckets buckets = new TokenBuckets(limit.requestsPerSecond(), limit.burst(), Math.max(1, keys.size()),
				clock);
		return (exchange, chain) -> exchange.getPrincipal()
			.map((device) -> buckets.take(device.getName()))
			.defaultIfEmpty(Duration.ZERO)
			.flatMap((wait) -> wait.isZero() ? chain.filter(exchange) : tooManyPosts(exchange, wait));
	}

	private static Mono<Void> tooManyPosts(ServerWebExchange exchange, Duration wait) {
		long seconds = TokenBuckets.retryAfterSeconds(wait);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		return SecurityProblems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"Too many posts from this device; try again in " + seconds + " s.");
	}

}
