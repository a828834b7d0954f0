package io.github.eventsuite.eventbus.aot;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.SpringProperties;

/**
 * Flyway migrates at start, except in the training run of an image's AOT cache: a start that
 * ends once the context is refreshed ({@code spring.context.exit=onRefresh}), at image build
 * time, with no database to migrate. The Spring team's recipe for such a run switches Flyway
 * off (spring-lifecycle-smoke-tests, boot/flyway); with Spring AOT, which fixed Flyway's
 * beans when the jar was built, that setting no longer applies, so the training run would
 * fail to connect. Skipping the migration there lets the cache be trained on the start the
 * image really makes, Spring AOT's included.
 */
@AutoConfiguration
@ConditionalOnClass({ Flyway.class, FlywayMigrationStrategy.class })
public class NoMigrationInTrainingRun {

	/** How Spring Framework's {@code DefaultLifecycleProcessor} asks for the exit at refresh. */
	static final String EXIT = "spring.context.exit";

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy migrateUnlessTrainingRun() {
		return NoMigrationInTrainingRun::migrateUnlessTrainingRun;
	}

	static void migrateUnlessTrainingRun(Flyway flyway) {
		if (!"onRefresh".equalsIgnoreCase(SpringProperties.getProperty(EXIT))) {
			flyway.migrate();
		}
	}

}
