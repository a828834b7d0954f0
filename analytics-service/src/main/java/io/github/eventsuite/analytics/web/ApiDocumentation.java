package io.github.eventsuite.analytics.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI description at {@code /v3/api-docs} (and Swagger UI) says about this API. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI analyticsServiceApi() {
		return new OpenAPI().info(new Info().title("analytics-service")
			.version("v1")
			.description("Live statistics of registrations and emails, and the dead-letter console of the whole suite. "
					+ "Errors are RFC 9457 problem details."));
	}

}
