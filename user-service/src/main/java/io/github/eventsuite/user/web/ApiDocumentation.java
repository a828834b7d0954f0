package io.github.eventsuite.user.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI description at {@code /v3/api-docs} (and Swagger UI) says about this API. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI userServiceApi() {
		return new OpenAPI().info(new Info().title("user-service")
			.version("v1")
			.description("Registers users: 202 once the registration is stored (PostgreSQL), then the user appears at "
					+ "Location. Errors are RFC 9457 problem details."));
	}

}
