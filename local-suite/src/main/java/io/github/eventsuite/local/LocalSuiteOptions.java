package io.github.eventsuite.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the local suite is started with.
 *
 * @param home the project's root: the service jars are {@code <service>/target/<service>.jar}
 * @param dataDirectory where Kafka's log, PostgreSQL's data and the logs are kept between runs
 * @param fresh whether to delete the data directory first
 * @param ports where everything listens, on 127.0.0.1
 */
public record LocalSuiteOptions(Path home, Path dataDirectory, boolean fresh, LocalPorts ports) {

	static final String USAGE = """
			Usage: java -jar local-suite/target/local-suite.jar [--data-dir=DIR] [--fresh] [--port-offset=N] [--home=DIR]
			  --data-dir     where data and logs are kept between runs (default: .local-suite in the project)
			  --fresh        delete the data directory first: no users, no events, no statistics
			  --port-offset  add N to every port (default ports: 8080-8083 services, 9180-9183 their
			                 Actuator, 8025 mailbox, 9092 Kafka, 5432 PostgreSQL, 3025 SMTP)
			  --home         the project's root directory (default: found from this jar's location)""";

	public LocalSuiteOptions {
		if (!Files.isDirectory(home)) {
			throw new IllegalArgumentException("--home: not a directory: " + home);
		}
	}

	/** Options with the defaults; the data directory is resolved against the project. */
	public static LocalSuiteOptions parse(String... args) {
		Path home = null;
		Path data = null;
		boolean fresh = false;
		int offset = 0;
		for (String arg : args) {
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
			switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
				case "--home" -> home = Path.of(value);
				case "--data-dir" -> data = Path.of(value);
				case "--fresh" -> fresh = true;
				case "--port-offset" -> offset = portOffset(value);
				default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
			}
		}
		home = (home != null) ? home : projectHome();
		data = (data != null) ? data : home.resolve(".local-suite");
		return new LocalSuiteOptions(home.toAbsolutePath().normalize(), data.toAbsolutePath().normalize(), fresh,
				LocalPorts.DEFAULT.plus(offset));
	}

	private static int portOffset(String value) {
		try {
			int offset = Integer.parseInt(value);
			if (offset < 0 || LocalPorts.DEFAULT.highest() + offset > 65535) {
				throw new IllegalArgumentException("--port-offset must keep every port below 65536: " + value);
			}
			return offset;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--port-offset must be a number: " + value, ex);
		}
	}

	/** local-suite/target/local-suite.jar or local-suite/target/classes: three levels below the project. */
	private static Path projectHome() {
		try {
			Path location = Path.of(LocalSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.getParent().getParent().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return Arrays.toString(new Object[] { this.home, this.dataDirectory, this.fresh, this.ports });
	}

}
