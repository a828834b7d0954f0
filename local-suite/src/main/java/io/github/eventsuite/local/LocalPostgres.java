package io.github.eventsuite.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from binaries shipped as a Maven artifact, its data kept in the
 * data directory. Each service gets its own database, as in docker compose.
 */
final class LocalPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

	/**
	 * Each service's role and the database it owns, as docker/postgres makes them in compose:
	 * no service connects as the superuser or to the other's database. The passwords are
	 * development ones (the server trusts every local connection anyway).
	 */
	static final List<ServiceDatabase> SERVICE_DATABASES = List.of(
			new ServiceDatabase("user-service", "users", "user_service", "user-service-dev"),
			new ServiceDatabase("notification-service", "notifications", "notification_service",
					"notification-service-dev"));

	/** PostgreSQL will not run as root; as root the suite runs it as this user ("nobody"). */
	private static final int UNPRIVILEGED = 65534;

	private final ChildProcess server;

	private LocalPostgres(ChildProcess server) {
		this.server = server;
	}

	static LocalPostgres start(Path directory, int port) throws Exception {
		Path binaries = PostgresBinaries.unpackInto(directory.resolve("binaries"));
		Path data = directory.resolve("data");
		boolean root = Directories.runningAsRoot();
		if (!Files.exists(data.resolve("PG_VERSION"))) {
			Files.createDirectories(data);
			own(directory, root);
			run(unprivileged(root, binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
					"-A", "trust", "-E", "UTF8", "--no-locale"), directory.resolve("initdb.log"));
		}
		own(directory, root);
		ChildProcess server = ChildProcess.start("PostgreSQL",
				unprivileged(root, binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
						String.valueOf(port), "-h", LocalPorts.HOST, "-c", "unix_socket_directories="),
				Map.of(), directory.resolve("postgres.log"));
		LocalPostgres postgres = new LocalPostgres(server);
		try {
			server.awaitReady(() -> accepts(port), Duration.ofSeconds(60));
			createDatabases(port);
		}
		catch (Exception ex) {
			postgres.close();
			throw ex;
		}
		log.info("PostgreSQL ready on {}:{}", LocalPorts.HOST, port);
		return postgres;
	}

	private static List<String> unprivileged(boolean root, String... command) {
		List<String> line = new ArrayList<>();
		if (root) {
			line.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups", "--"));
		}
		line.addAll(List.of(command));
		return line;
	}

	private static void own(Path directory, boolean root) throws IOException {
		if (root) {
			Directories.changeOwner(directory, UNPRIVILEGED, UNPRIVILEGED);
		}
	}

	private static void run(List<String> command, Path logFile) throws Exception {
		try (ChildProcess initdb = ChildProcess.start("initdb", command, Map.of(), logFile)) {
			int exit = initdb.awaitExit(Duration.ofMinutes(2));
			if (exit != 0) {
				throw new IllegalStateException("initdb failed with exit code " + exit + "; see " + logFile);
			}
		}
	}

	private static boolean accepts(int port) {
		try (Connection connection = connect(port, "postgres")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** The services' roles and databases; idempotent, so a restart keeps what exists. */
	private static void createDatabases(int port) throws SQLException {
		try (Connection connection = connect(port, "postgres"); Statement sql = connection.createStatement()) {
			for (ServiceDatabase service : SERVICE_DATABASES) {
				if (!exists(sql, "select 1 from pg_roles where rolname = '" + service.role() + "'")) {
					sql.execute("create role " + service.role() + " login password '" + service.password() + "'");
				}
				if (!exists(sql, "select 1 from pg_database where datname = '" + service.database() + "'")) {
					sql.execute("create database " + service.database() + " owner " + service.role());
					sql.execute("revoke all on database " + service.database() + " from public");
				}
			}
		}
	}

	static ServiceDatabase databaseOf(String service) {
		return SERVICE_DATABASES.stream()
			.filter((database) -> database.service().equals(service))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(service + " has no database"));
	}

	private static boolean exists(Statement sql, String query) throws SQLException {
		try (var result = sql.executeQuery(query)) {
			return result.next();
		}
	}

	private static Connection connect(int port, String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://" + LocalPorts.HOST + ":" + port + "/" + database,
				"postgres", "");
	}

	ProcessHandle handle() {
		return this.server.handle();
	}

	/** SIGTERM: PostgreSQL's "smart" shutdown, which the services' stop has made quick. */
	@Override
	public void close() {
		this.server.close();
	}

	record ServiceDatabase(String service, String database, String role, String password) {

	}

}
