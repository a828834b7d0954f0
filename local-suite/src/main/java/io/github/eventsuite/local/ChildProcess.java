package io.github.eventsuite.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A process the suite started, its output in a log file, stopped with SIGTERM first. */
final class ChildProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

	private static final Duration GRACE = Duration.ofSeconds(30);

	private final String name;

	private final Process process;

	private final Path logFile;

	private ChildProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logFile)
			throws IOException {
		Files.createDirectories(logFile.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		builder.environment().putAll(environment);
		log.debug("Starting {}: {}", name, command);
		return new ChildProcess(name, builder.start(), logFile);
	}

	/** A JVM like this one running {@code jar}. */
	static List<String> java(Path jar, String... options) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return concat(List.of(java), List.of(options), List.of("-jar", jar.toString()));
	}

	/** Waits until {@code ready} holds; fails early, with the end of the log, if the process dies. */
	void awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!ready.getAsBoolean()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; end of "
						+ this.logFile + ":\n" + tail());
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(this.name + " not ready after " + timeout.toSeconds() + " s; end of "
						+ this.logFile + ":\n" + tail());
			}
			Thread.sleep(250);
		}
	}

	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.name + " still running after " + timeout.toSeconds() + " s");
		}
		return this.process.exitValue();
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/** SIGTERM (a graceful shutdown for the services), then SIGKILL after the grace period. */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
				log.warn("{} did not stop within {} s: killing it", this.name, GRACE.toSeconds());
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(log not readable: " + ex.getMessage() + ")";
		}
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

}
