package io.github.eventsuite.analytics;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.github.eventsuite", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** Services talk through events only: they share event-bus, never each other's code. */
	@ArchTest
	static final ArchRule dependsOnNoOtherService = noClasses().that()
		.resideInAPackage("io.github.eventsuite.analytics..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.github.eventsuite.user..", "io.github.eventsuite.notification..");

	@ArchTest
	static final ArchRule eventBusKnowsNoService = noClasses().that()
		.resideInAPackage("io.github.eventsuite.eventbus..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.github.eventsuite.user..", "io.github.eventsuite.notification..",
				"io.github.eventsuite.analytics..");

}
