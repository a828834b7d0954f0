package io.github.eventsuite.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.eventsuite.local.LocalPorts;
import io.github.eventsuite.local.LocalSuite;

/**
 * Start-up of one service on its own, next to the running suite (same Kafka and database):
 * wall-clock time from launching its JVM to its readiness probe answering 200, the median
 * of a few starts. Optionally on another JDK and with a Java AOT cache (JDK 25: a training
 * run writes the cache with {@code -XX:AOTCacheOutput}, later starts use {@code -XX:AOTCache}).
 */
final class StartupProbe {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final Path home;

	private final LocalPorts ports;

	private final Path work;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	StartupProbe(Path home, LocalPorts ports, Path work) {
		this.home = home;
		this.ports = ports;
		this.work = work;
	}

	/** Median seconds to ready over {@code runs} starts. */
	double median(String service, Path javaHome, List<String> jvmOptions, int runs) throws Exception {
		List<Double> seconds = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			seconds.add(startOnce(service, javaHome, jvmOptions));
		}
		seconds.sort(Double::compare);
		return seconds.get(seconds.size() / 2);
	}

	/** Starts the service once with {@code -XX:AOTCacheOutput}; the JVM writes the cache when it stops. */
	Path trainAotCache(String service, Path javaHome) throws Exception {
		Path cache = Files.createDirectories(this.work).resolve(service + ".aot");
		Files.deleteIfExists(cache);
		startOnce(service, javaHome, List.of("-XX:AOTCacheOutput=" + cache));
		if (!Files.exists(cache)) {
			throw new IllegalStateException("No AOT cache written for " + service + "; see " + this.work);
		}
		return cache;
	}

	private double startOnce(String service, Path javaHome, List<String> jvmOptions) throws Exception {
		int port = freePort();
		int management = freePort();
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin/java").toString());
		command.addAll(jvmOptions);
		command.addAll(LocalSuite.serviceJvmOptions(service));
		command.addAll(List.of("-jar", LocalSuite.serviceJar(this.home, service).toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Files.createDirectories(this.work).resolve(service + "-startup.log").toFile());
		Map<String, String> environment = builder.environment();
		environment.putAll(LocalSuite.serviceEnvironment(this.ports, service));
		environment.put("PORT", String.valueOf(port));
		environment.put("MANAGEMENT_PORT", String.valueOf(management));
		long start = System.nanoTime();
		Process process = builder.start();
		try {
			while (!ready(management)) {
				if (!process.isAlive() || System.nanoTime() - start > TIMEOUT.toNanos()) {
					throw new IllegalStateException(service + " did not start; see " + this.work);
				}
				Thread.sleep(20);
			}
			return (System.nanoTime() - start) / 1e9;
		}
		finally {
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private boolean ready(int managementPort) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(LocalSuite.readinessUrl(managementPort)))
				.timeout(Duration.ofSeconds(1)).build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
