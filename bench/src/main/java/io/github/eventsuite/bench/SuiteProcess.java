package io.github.eventsuite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.eventsuite.local.LocalPorts;

/**
 * The suite under test: the README's no-Docker command ({@code local-suite.jar}) in a
 * process of its own, so that its CPU and memory are its own and not the load generator's.
 */
final class SuiteProcess implements SuiteUnderTest {

	static final String READY_LINE = "Event Suite is running.";

	static final Pattern STARTED = Pattern
		.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private final Process process;

	private final Path data;

	private final LocalPorts ports;

	private SuiteProcess(Process process, Path data, LocalPorts ports) {
		this.process = process;
		this.data = data;
		this.ports = ports;
	}

	static SuiteProcess start(Path home, Path data, int portOffset, Duration timeout) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", home.resolve("local-suite/target/local-suite.jar").toString(),
				"--home=" + home, "--data-dir=" + data, "--fresh", "--port-offset=" + portOffset)
			.redirectErrorStream(true);
		// GreenMail keeps every message in memory; a run sends tens of thousands.
		builder.environment().put("MAILBOX_HEAP", "3g");
		// The load comes from one address at up to thousands a second: measure the pipeline, not
		// user-service's per-client registration limit (the services inherit this).
		builder.environment().put("USER_REGISTRATION_RATELIMIT_ENABLED", "false");
		Process process = builder.start();
		CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> awaitBanner(process));
		if (!ready.get(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroy();
			throw new IllegalStateException("The local suite did not start; see " + data.resolve("logs"));
		}
		return new SuiteProcess(process, data, LocalPorts.DEFAULT.plus(portOffset));
	}

	/** Echoes the launcher's output until its banner; false if it exits first. */
	private static boolean awaitBanner(Process process) {
		BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				System.out.println("  suite | " + line);
				if (line.contains(READY_LINE)) {
					Thread drain = new Thread(() -> discard(lines), "suite-output");
					drain.setDaemon(true);
					drain.start();
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void discard(BufferedReader lines) {
		try {
			lines.lines().forEach((line) -> { });
		}
		catch (java.io.UncheckedIOException ex) {
			// the suite has stopped
		}
	}

	@Override
	public String description() {
		return "local suite (no Docker)";
	}

	@Override
	public LocalPorts ports() {
		return this.ports;
	}

	/** The launcher (it hosts Kafka) and every process it started, by name (PostgreSQL's are many). */
	@Override
	public Map<String, List<ProcessHandle>> processes() {
		Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
		processes.put("launcher + Kafka", List.of(this.process.toHandle()));
		this.process.descendants()
			.forEach((child) -> processes.computeIfAbsent(name(child), (name) -> new ArrayList<>()).add(child));
		return processes;
	}

	private static String name(ProcessHandle process) {
		String line = process.info().commandLine().orElse("") + " " + String.join(" ",
				process.info().arguments().map(List::of).orElse(List.of()));
		for (String name : List.of("user-service", "notification-service", "analytics-service", "sensor-service",
				"greenmail")) {
			if (line.contains(name)) {
				return name;
			}
		}
		return line.contains("postgres") ? "PostgreSQL" : "pid " + process.pid();
	}

	@Override
	public Optional<double[]> startup(String service) throws IOException {
		Path log = this.data.resolve("logs").resolve(service + ".log");
		if (!Files.exists(log)) {
			return Optional.empty();
		}
		Matcher started = STARTED.matcher(Files.readString(log));
		return started.find() ? Optional.of(new double[] { Double.parseDouble(started.group(1)),
				Double.parseDouble(started.group(2)) }) : Optional.empty();
	}

	@Override
	public String kafka() {
		return "127.0.0.1:" + this.ports.kafka();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(90, TimeUnit.SECONDS)) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
		}
	}

}
