package io.github.eventsuite.user.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import io.github.eventsuite.eventbus.web.ApiSecurity;

/**
 * Who may use user-service's API: anyone. Registering and looking a registration up by the
 * id it was given are public by design (docs/security.md). Spring Security still stands in
 * front, for its response headers and its firewall, and as the one place a rule would go.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

	@Bean
	SecurityWebFilterChain everythingPublic(ServerHttpSecurity http) {
		return ApiSecurity.everythingElsePublic(http);
	}

}
