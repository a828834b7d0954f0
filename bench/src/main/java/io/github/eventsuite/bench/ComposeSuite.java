package io.github.eventsuite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import io.github.eventsuite.local.LocalPorts;

/**
 * The README's {@code docker compose up --build}, as its own compose project, with
 * {@code bench/compose-bench.yml} on top (no rate limit, a mailbox big enough for the run).
 * Container processes are processes of this machine, so they are sampled like the local suite's.
 */
final class ComposeSuite implements SuiteUnderTest {

	static final String PROJECT = "event-suite-bench";

	/** Compose's published ports; Kafka's external listener is 29092. */
	private static final LocalPorts PORTS = new LocalPorts(8080, 8081, 8082, 8083, 8025, 3025, 29092, 29093, 5432,
			9180, 9181, 9182, 9183);

	private static final List<String> CONTAINERS = List.of("user-service", "notification-service", "analytics-service",
			"sensor-service", "kafka", "postgres", "greenmail");

	private final Path home;

	private ComposeSuite(Path home) {
		this.home = home;
	}

	static ComposeSuite start(Path home, Duration timeout) throws IOException, InterruptedException {
		List<String> busy = PORTS.all().entrySet().stream()
			.filter((port) -> port.getValue() != 29093 && LocalPorts.listening(port.getValue()))
			.map((port) -> port.getKey() + " " + port.getValue())
			.toList();
		if (!busy.isEmpty()) {
			throw new IllegalStateException("Ports in use (stop your own compose stack first): " + busy);
		}
		ComposeSuite suite = new ComposeSuite(home);
		suite.compose(timeout.plusMinutes(5), "up", "--build", "--wait", "--wait-timeout",
				String.valueOf(timeout.toSeconds()), "-d");
		return suite;
	}

	@Override
	public String description() {
		return "docker compose";
	}

	@Override
	public LocalPorts ports() {
		return PORTS;
	}

	@Override
	public String kafka() {
		return "127.0.0.1:" + PORTS.kafka();
	}

	@Override
	public Map<String, List<ProcessHandle>> processes() throws IOException {
		Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
		for (String container : CONTAINERS) {
			String id = compose(Duration.ofSeconds(30), "ps", "-q", container).trim();
			String pid = docker(Duration.ofSeconds(30), "inspect", "-f", "{{.State.Pid}}", id).trim();
			ProcessHandle.of(Long.parseLong(pid)).ifPresent((main) -> {
				List<ProcessHandle> all = new ArrayList<>(List.of(main));
				main.descendants().forEach(all::add);
				processes.put(container, all);
			});
		}
		return processes;
	}

	@Override
	public Optional<double[]> startup(String service) throws IOException {
		Matcher started = SuiteProcess.STARTED.matcher(compose(Duration.ofSeconds(30), "logs", "--no-color", service));
		return started.find() ? Optional.of(new double[] { Double.parseDouble(started.group(1)),
				Double.parseDouble(started.group(2)) }) : Optional.empty();
	}

	@Override
	public void close() throws IOException {
		compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
	}

	private String compose(Duration timeout, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("compose", "-p", PROJECT, "-f", "docker-compose.yml", "-f",
				"bench/compose-bench.yml"));
		command.addAll(List.of(arguments));
		return docker(timeout, command.toArray(String[]::new));
	}

	private String docker(Duration timeout, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(this.home.toFile()).redirectErrorStream(true).start();
		try {
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted: " + String.join(" ", command), ex);
		}
	}

}
