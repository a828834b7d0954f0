package io.github.eventsuite.eventbus.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * What the services' Spring Security shares, beside their chains ({@link ApiSecurity}). Only
 * in the services with Spring Security.
 */
@AutoConfiguration
@ConditionalOnClass(ServerExchangeRejectedHandler.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SecurityDefaultsAutoConfiguration {

	/**
	 * What Spring Security's firewall turns away before any chain (an encoded slash or percent
	 * in the path, say) gets problem details too, not its default empty {@code 400}.
	 */
	@Bean
	@ConditionalOnMissingBean
	ServerExchangeRejectedHandler rejectedRequestsAsProblems() {
		return (exchange, ex) -> SecurityProblems.write(exchange, HttpStatus.BAD_REQUEST, "The request was rejected: "
				+ "its path or headers hold what this API does not take, such as an encoded slash or percent sign.");
	}

	/**
	 * No observation of each filter, authentication and authorization inside the request's
	 * own: the request is still timed and traced. Without them Spring Security cost
	 * user-service about 67 µs per request instead of about 95 (docs/benchmarks.md, 2026-12-06).
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings requestObservedOnce() {
		return SecurityObservationSettings.noObservations();
	}

}
