package io.github.eventsuite.eventbus.aot;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.SpringProperties;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TrainingRunTests {

	/** The exit codes the training run ended the JVM with. */
	private final List<Integer> exits = new ArrayList<>();

	/** A database that is not there: every connection asked for is counted and refused. */
	private final AtomicInteger connectionsAsked = new AtomicInteger();

	private final Flyway flyway = Flyway.configure().dataSource(new AbstractDataSource() {

		@Override
		public Connection getConnection() throws SQLException {
			TrainingRunTests.this.connectionsAsked.incrementAndGet();
			throw new SQLException("no database here");
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}).load();

	@AfterEach
	void noLongerATrainingRun() {
		SpringProperties.setProperty(TrainingRun.PROPERTY, null);
	}

	@Test
	void aStartMigrates() {
		assertThatExceptionOfType(FlywayException.class)
			.isThrownBy(() -> TrainingRun.NoMigrationInTrainingRun.migrateUnlessTrainingRun(this.flyway));
		assertThat(this.connectionsAsked).hasPositiveValue();
	}

	@Test
	void theTrainingRunLeavesTheDatabaseAlone() {
		SpringProperties.setFlag(TrainingRun.PROPERTY);

		TrainingRun.NoMigrationInTrainingRun.migrateUnlessTrainingRun(this.flyway);

		assertThat(this.connectionsAsked).hasValue(0);
	}

	@Test
	void aStartGoesOnOnceStarted() {
		try (GenericApplicationContext context = started()) {
			TrainingRun.endsWhenStarted(this.exits::add).onApplicationEvent(ready(context));

			assertThat(context.isActive()).isTrue();
			assertThat(this.exits).isEmpty();
		}
	}

	@Test
	void theTrainingRunEndsOnceStarted() {
		SpringProperties.setFlag(TrainingRun.PROPERTY);
		try (GenericApplicationContext context = started()) {
			TrainingRun.endsWhenStarted(this.exits::add).onApplicationEvent(ready(context));

			assertThat(context.isActive()).isFalse();
			assertThat(this.exits).containsExactly(0);
		}
	}

	@Test
	void everyServiceHasIt() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(TrainingRun.class.getName());
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TrainingRun.class))
			.run((context) -> assertThat(context).hasBean("trainingRunEndsWhenStarted")
				.hasSingleBean(FlywayMigrationStrategy.class));
	}

	private static GenericApplicationContext started() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		return context;
	}

	private static ApplicationReadyEvent ready(GenericApplicationContext context) {
		return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);
	}

}
