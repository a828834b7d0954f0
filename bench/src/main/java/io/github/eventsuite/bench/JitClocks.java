package io.github.eventsuite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long each service's JIT compilers have worked so far, from its Actuator
 * ({@code jvm.compilation.time}, the JVM's {@code CompilationMXBean}). On two busy cores C2
 * was still compiling a minute after the warm-up: 12.8 s of compilation within the 30 s at
 * 500/s that followed it, half of user-service's CPU there (docs/benchmarks.md, 2026-12-06).
 * The harness warms up until the compilers are nearly quiet, and reports what they still
 * spent within each rate.
 */
final class JitClocks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<String, URI> metrics = new LinkedHashMap<>();

	/** @param managementUrls each service's Actuator base, e.g. {@code http://127.0.0.1:9180/actuator} */
	JitClocks(Map<String, String> managementUrls) {
		managementUrls.forEach((service, url) -> this.metrics.put(service,
				URI.create(url + "/metrics/jvm.compilation.time")));
	}

	/** Milliseconds compiled so far by each service that answers. */
	Map<String, Long> millis() {
		Map<String, Long> millis = new LinkedHashMap<>();
		this.metrics.forEach((service, metric) -> {
			try {
				millis.put(service, millis(metric));
			}
			catch (Exception ex) {
				// not answering (a collection, a restart): left out of this reading
			}
		});
		return millis;
	}

	/**
	 * Milliseconds compiled between two readings, by the services in both; NaN (unknown) when
	 * none is. The compiler threads' elapsed time: on busy cores, an upper bound of their CPU.
	 */
	static double spent(Map<String, Long> before, Map<String, Long> after) {
		return after.entrySet().stream().filter((service) -> before.containsKey(service.getKey()))
			.mapToDouble((service) -> service.getValue() - before.get(service.getKey()))
			.reduce(Double::sum)
			.orElse(Double.NaN);
	}

	private long millis(URI metric) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(metric).timeout(Duration.ofSeconds(2)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(metric + " answered " + response.statusCode());
		}
		long millis = 0;
		for (JsonNode measurement : JSON.readTree(response.body()).get("measurements")) {
			millis += measurement.get("value").asLong();
		}
		return millis;
	}

}
