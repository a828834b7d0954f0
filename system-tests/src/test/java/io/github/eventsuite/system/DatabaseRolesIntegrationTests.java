package io.github.eventsuite.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PostgreSQL as compose sets it up (docker/postgres): each service has a role of its own,
 * owns its database, may not connect to the other's and is no superuser. That the services
 * run as these roles, the suite's tests show ({@link SuiteProbe#databaseSessions()}).
 */
class DatabaseRolesIntegrationTests {

	private static final PostgreSQLContainer postgres = SuiteContainers.postgres();

	private static final String PERMISSION_DENIED = "42501";

	@BeforeAll
	static void start() {
		postgres.start();
	}

	@AfterAll
	static void stop() {
		postgres.stop();
	}

	@Test
	void eachServiceOwnsItsDatabaseAndCannotConnectToTheOther() throws SQLException {
		assertOwnsOnly("user_service", SuiteContainers.USER_SERVICE_DB_PASSWORD, "users", "notifications");
		assertOwnsOnly("notification_service", SuiteContainers.NOTIFICATION_SERVICE_DB_PASSWORD, "notifications",
				"users");
	}

	@Test
	void noServiceRoleIsASuperuserOrMayMakeRolesOrDatabases() throws SQLException {
		try (Connection admin = connect("postgres", postgres.getUsername(), postgres.getPassword());
				ResultSet roles = admin.createStatement()
					.executeQuery("select rolname, rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles"
							+ " where rolname in ('user_service', 'notification_service') order by rolname")) {
			assertThat(roles.next()).isTrue();
			assertThat(roles.getString(1)).isEqualTo("notification_service");
			assertThat(roles.getBoolean(2)).isFalse();
			assertThat(roles.next()).isTrue();
			assertThat(roles.getString(1)).isEqualTo("user_service");
			assertThat(roles.getBoolean(2)).isFalse();
		}
	}

	@Test
	void aWrongPasswordIsTurnedAway() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connect("users", "user_service", "suite").close())
			.withMessageContaining("password authentication failed");
	}

	/** Migrates (creates a table) in its own database; the other's refuses the connection. */
	private static void assertOwnsOnly(String role, String password, String own, String other) throws SQLException {
		try (Connection connection = connect(own, role, password); Statement sql = connection.createStatement()) {
			sql.execute("create table migrated (id int primary key)");
			sql.execute("drop table migrated");
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(other, role, password).close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo(PERMISSION_DENIED))
			.withMessageContaining("permission denied for database \"" + other + "\"");
	}

	private static Connection connect(String database, String user, String password) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database, user,
				password);
	}

}
