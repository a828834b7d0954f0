package io.github.eventsuite.eventbus.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code eventbus-defaults.yml}, the settings every service shares, as the last
 * property source: anything else (a service's application.yml, the environment, the
 * command line) overrides it.
 */
public class EventBusDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "eventbus-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE, EventBusDefaults.class.getClassLoader()))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
