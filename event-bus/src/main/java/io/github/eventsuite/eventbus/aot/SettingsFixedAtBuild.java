package io.github.eventsuite.eventbus.aot;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Stops a service run with Spring AOT (as the images run it) when it is given a setting that
 * Spring AOT fixed when the jar was built. Such a setting decides which beans exist; with
 * Spring AOT that was decided at build time, so the setting would be ignored without a word:
 * spans set to go to a collector would go nowhere.
 */
public class SettingsFixedAtBuild implements EnvironmentPostProcessor {

	/** The settings of the suite's documentation that switch beans on or off, with their value at build time. */
	static final Map<String, String> AT_BUILD = Map.of(
			"management.opentelemetry.tracing.export.otlp.endpoint", "",
			"management.tracing.baggage.enabled", "false");

	/**
	 * springdoc's, in the services that serve API documentation: where springdoc is absent
	 * (notification-service) they switch nothing, so they may be given to every service.
	 */
	static final Map<String, String> API_DOCUMENTATION_AT_BUILD = Map.of(
			"springdoc.api-docs.enabled", "true",
			"springdoc.swagger-ui.enabled", "true");

	/** A class of springdoc's, present wherever springdoc is. */
	static final String SPRINGDOC = "org.springdoc.core.properties.SpringDocConfigProperties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (AotDetector.useGeneratedArtifacts()) {
			requireAsBuilt(environment, ClassUtils.isPresent(SPRINGDOC, application.getClassLoader()));
		}
	}

	static void requireAsBuilt(Environment environment, boolean servesApiDocumentation) {
		Map<String, String> atBuild = servesApiDocumentation ? API_DOCUMENTATION_AT_BUILD : Map.of();
		List<String> changed = Stream.concat(AT_BUILD.entrySet().stream(), atBuild.entrySet().stream())
			.filter((setting) -> !setting.getValue()
				.equalsIgnoreCase(environment.getProperty(setting.getKey(), setting.getValue()).trim()))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		if (!changed.isEmpty()) {
			throw new IllegalStateException(String.join(", ", changed)
					+ " decides which beans exist, which Spring AOT fixed when the jar was built: run the service"
					+ " without it, -Dspring.aot.enabled=false (in the images in JAVA_TOOL_OPTIONS, in the"
					+ " local suite in SERVICE_JAVA_OPTS; docs/configuration.md)");
		}
	}

}
