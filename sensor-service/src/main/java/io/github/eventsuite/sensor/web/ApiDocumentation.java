package io.github.eventsuite.sensor.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI description at {@code /v3/api-docs} (and Swagger UI) says about this API. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI sensorServiceApi() {
		return new OpenAPI().info(new Info().title("sensor-service")
			.version("v1")
			.description("Sensor readings in (each device with its own key), and the pipeline's regions and alerts "
					+ "out. Errors are RFC 9457 problem details."));
	}

}
