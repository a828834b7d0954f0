package io.github.eventsuite.eventbus.testing;

import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Another instance of the service under test in the test's JVM, on the same broker: the
 * test's own application and this one are two instances of a scaled-out service.
 */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * @param application the service's {@code @SpringBootApplication} class
	 * @param properties further {@code name=value} settings, as the first instance has them
	 */
	public static SecondInstance start(Class<?> application, String bootstrapServers, String... properties) {
		String[] args = Stream.concat(
				Stream.of("server.port=0", "management.server.port=0", "spring.kafka.bootstrap-servers=" + bootstrapServers),
				Stream.of(properties))
			.map("--"::concat)
			.toArray(String[]::new);
		return new SecondInstance(new SpringApplicationBuilder(application)
			.initializers(SecondInstance::keepGlobalNettyResources)
			.run(args));
	}

	public WebTestClient client() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.context.getEnvironment().getProperty("local.server.port"))
			.build();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Closing a second application in this JVM would otherwise dispose Reactor Netty's global
	 * resources, which the test's own context (its management server) uses too.
	 */
	private static void keepGlobalNettyResources(ConfigurableApplicationContext context) {
		context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof ReactorResourceFactory resources) {
					resources.setUseGlobalResources(false);
				}
				return bean;
			}
		});
	}

}
