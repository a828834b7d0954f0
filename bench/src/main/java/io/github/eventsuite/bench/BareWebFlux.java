package io.github.eventsuite.bench;

import java.net.URI;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ingest baseline: the same framework (Boot, WebFlux on Netty) answering
 * {@code POST /api/users} with 202 after reading the body, and doing nothing else.
 */
final class BareWebFlux implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private BareWebFlux(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static BareWebFlux start() {
		return new BareWebFlux(new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
			.run());
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		RouterFunction<ServerResponse> registrations() {
			return RouterFunctions.route()
				.POST("/api/users", (request) -> request.bodyToMono(String.class)
					.flatMap((body) -> ServerResponse.accepted()
						.location(URI.create("/api/users/" + UUID.randomUUID()))
						.build()))
				.build();
		}

	}

}
