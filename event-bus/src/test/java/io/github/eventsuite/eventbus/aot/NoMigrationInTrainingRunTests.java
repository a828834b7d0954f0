package io.github.eventsuite.eventbus.aot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.SpringProperties;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NoMigrationInTrainingRunTests {

	/** A database that is not there: every connection asked for is counted and refused. */
	private final AtomicInteger connectionsAsked = new AtomicInteger();

	private final Flyway flyway = Flyway.configure().dataSource(new AbstractDataSource() {

		@Override
		public Connection getConnection() throws SQLException {
			NoMigrationInTrainingRunTests.this.connectionsAsked.incrementAndGet();
			throw new SQLException("no database here");
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}).load();

	@AfterEach
	void noLongerATrainingRun() {
		SpringProperties.setProperty(NoMigrationInTrainingRun.EXIT, null);
	}

	@Test
	void aStartMigrates() {
		assertThatExceptionOfType(FlywayException.class)
			.isThrownBy(() -> NoMigrationInTrainingRun.migrateUnlessTrainingRun(this.flyway));
		assertThat(this.connectionsAsked).hasPositiveValue();
	}

	@Test
	void aTrainingRunThatEndsAtRefreshLeavesTheDatabaseAlone() {
		SpringProperties.setProperty(NoMigrationInTrainingRun.EXIT, "onRefresh");

		NoMigrationInTrainingRun.migrateUnlessTrainingRun(this.flyway);

		assertThat(this.connectionsAsked).hasValue(0);
	}

}
