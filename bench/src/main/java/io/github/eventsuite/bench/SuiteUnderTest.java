package io.github.eventsuite.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.eventsuite.local.LocalPorts;

/** The running suite a benchmark measures: the local suite or docker compose. */
interface SuiteUnderTest extends AutoCloseable {

	/** How the report names it. */
	String description();

	LocalPorts ports();

	/** Kafka's bootstrap address from this machine. */
	String kafka();

	default String url(int port, String path) {
		return "http://127.0.0.1:" + port + path;
	}

	/** Its processes by name, for CPU and memory samples. */
	Map<String, List<ProcessHandle>> processes() throws IOException;

	/** Spring Boot's own start-up line of a service: seconds to started, and since the JVM began. */
	Optional<double[]> startup(String service) throws IOException;

}
