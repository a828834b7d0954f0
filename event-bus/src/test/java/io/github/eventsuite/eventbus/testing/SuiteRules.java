package io.github.eventsuite.eventbus.testing;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Architecture rules every service checks about itself. */
public final class SuiteRules {

	private static final List<String> SERVICES = List.of("user", "notification", "analytics");

	private SuiteRules() {
	}

	/** Services talk through events only: they share event-bus, never each other's code. */
	public static ArchRule dependsOnNoOtherService(String service) {
		String[] others = SERVICES.stream()
			.filter((name) -> !name.equals(service))
			.map((name) -> "io.github.eventsuite." + name + "..")
			.toArray(String[]::new);
		return noClasses().that().resideInAPackage("io.github.eventsuite." + service + "..")
			.should().dependOnClassesThat().resideInAnyPackage(others);
	}

	/** The event bus holds contracts and plumbing, nothing of any service. */
	public static ArchRule eventBusKnowsNoService() {
		return noClasses().that().resideInAPackage("io.github.eventsuite.eventbus..")
			.should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream()
				.map((name) -> "io.github.eventsuite." + name + "..")
				.toArray(String[]::new));
	}

}
