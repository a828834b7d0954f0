package io.github.eventsuite.eventbus.aot;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SettingsFixedAtBuildTests {

	@Test
	void theSettingsAsBuiltPass() {
		assertThatNoException().isThrownBy(() -> SettingsFixedAtBuild.requireAsBuilt(environment(Map.of()), true));
		assertThatNoException().isThrownBy(() -> SettingsFixedAtBuild.requireAsBuilt(environment(Map.of(
				"management.tracing.baggage.enabled", "FALSE", "management.tracing.sampling.probability", "1.0")), true));
	}

	@Test
	void anOtlpEndpointStopsTheStartAndSaysWhy() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SettingsFixedAtBuild.requireAsBuilt(environmentVariables(Map.of(
					"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://collector:4318/v1/traces")), false))
			.withMessageStartingWith("management.opentelemetry.tracing.export.otlp.endpoint decides which beans exist")
			.withMessageContaining("-Dspring.aot.enabled=false");
	}

	@Test
	void theApiDocumentationSwitchedOffStopsTheStartOfAServiceThatServesIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SettingsFixedAtBuild.requireAsBuilt(environmentVariables(Map.of(
					"SPRINGDOC_API_DOCS_ENABLED", "false")), true))
			.withMessageStartingWith("springdoc.api-docs.enabled decides which beans exist");
	}

	@Test
	void theApiDocumentationSwitchedOffIsNothingToAServiceWithout() {
		assertThatNoException().isThrownBy(() -> SettingsFixedAtBuild.requireAsBuilt(environmentVariables(Map.of(
				"SPRINGDOC_API_DOCS_ENABLED", "false", "SPRINGDOC_SWAGGER_UI_ENABLED", "false")), false));
	}

	@Test
	void looksSpringdocUpByAClassSpringdocHas() {
		assertThat(ClassUtils.isPresent(SettingsFixedAtBuild.SPRINGDOC, getClass().getClassLoader())).isTrue();
	}

	@Test
	void everySettingChangedIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SettingsFixedAtBuild.requireAsBuilt(environment(Map.of(
					"management.opentelemetry.tracing.export.otlp.endpoint", "http://collector:4318/v1/traces",
					"management.tracing.baggage.enabled", "true")), true))
			.withMessageStartingWith("management.opentelemetry.tracing.export.otlp.endpoint,"
					+ " management.tracing.baggage.enabled decides");
	}

	private static StandardEnvironment environment(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
		return environment;
	}

	private static StandardEnvironment environmentVariables(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("variables", variables));
		return environment;
	}

}
