package io.github.eventsuite.eventbus.testing;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import org.jspecify.annotations.NullMarked;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Architecture rules every service checks about itself. */
public final class SuiteRules {

	private static final List<String> SERVICES = List.of("user", "notification", "analytics", "sensor");

	private static final DescribedPredicate<JavaClass> IN_A_NULL_MARKED_PACKAGE = DescribedPredicate
		.describe("in a @NullMarked package", (javaClass) -> javaClass.getPackage().isAnnotatedWith(NullMarked.class));

	private static final DescribedPredicate<JavaClass> ENTRY_POINT = DescribedPredicate.describe(
			"an entry point (a @RestController, or a class with a @KafkaListener method)",
			(javaClass) -> javaClass.isAnnotatedWith(RestController.class) || javaClass.getMethods()
				.stream()
				.anyMatch((method) -> method.isAnnotatedWith(KafkaListener.class)));

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

	/**
	 * Every package of the service and of the event bus is {@code @NullMarked}: whatever is not
	 * {@code @Nullable} is never null, and NullAway checks it when the code compiles.
	 */
	public static ArchRule nullMarked(String service) {
		return classes().that()
			.resideInAnyPackage("io.github.eventsuite." + service + "..", "io.github.eventsuite.eventbus..")
			.and().resideOutsideOfPackage("io.github.eventsuite.eventbus.testing..")
			.should(be(IN_A_NULL_MARKED_PACKAGE));
	}

	/**
	 * Entry points (controllers, Kafka listeners) call use cases ({@code @Service}), use cases
	 * call stores ({@code @Repository}); never the other way, and no entry point reaches a
	 * store past its use case. Classes in none of the three (plumbing such as an outbox relay)
	 * are not judged.
	 */
	public static ArchRule layered(String service) {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("entry point").definedBy(ENTRY_POINT)
			.layer("use case").definedBy(annotatedWith(Service.class))
			.layer("store").definedBy(annotatedWith(Repository.class))
			.whereLayer("entry point").mayNotBeAccessedByAnyLayer()
			.whereLayer("use case").mayOnlyBeAccessedByLayers("entry point")
			.whereLayer("store").mayOnlyBeAccessedByLayers("use case")
			.as("in " + service + ": entry points -> use cases -> stores");
	}

	/** The service's feature packages may use each other one way only. */
	public static ArchRule featuresFreeOfCycles(String service) {
		return slices().matching("io.github.eventsuite." + service + ".(*)..").should().beFreeOfCycles();
	}

}
