package io.github.eventsuite.sensor;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.github.eventsuite.eventbus.testing.SuiteRules;

@AnalyzeClasses(packages = "io.github.eventsuite", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule dependsOnNoOtherService = SuiteRules.dependsOnNoOtherService("sensor");

	@ArchTest
	static final ArchRule eventBusKnowsNoService = SuiteRules.eventBusKnowsNoService();

	@ArchTest
	static final ArchRule nullMarked = SuiteRules.nullMarked("sensor");

	@ArchTest
	static final ArchRule featuresFreeOfCycles = SuiteRules.featuresFreeOfCycles("sensor");

	@ArchTest
	static final ArchRule layered = SuiteRules.layered("sensor");

}
