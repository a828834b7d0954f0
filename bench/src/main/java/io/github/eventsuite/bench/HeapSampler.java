package io.github.eventsuite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * Samples each service's heap in use once a second from its Actuator
 * ({@code jvm.memory.used}, area heap), into {@link HeapFloors}. Works alike for the local
 * suite and compose: both publish the management ports on 127.0.0.1.
 */
final class HeapSampler implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<String, URI> metrics = new LinkedHashMap<>();

	private final Map<String, HeapFloors> floors = new LinkedHashMap<>();

	private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();

	private final long startNanos = System.nanoTime();

	/** @param managementUrls each service's Actuator base, e.g. {@code http://127.0.0.1:9180/actuator} */
	HeapSampler(Map<String, String> managementUrls) {
		managementUrls.forEach((service, url) -> {
			this.metrics.put(service, URI.create(url + "/metrics/"));
			this.floors.put(service, new HeapFloors());
		});
		this.sampling.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	private void sample() {
		long elapsed = System.nanoTime() - this.startNanos;
		this.metrics.forEach((service, base) -> {
			try {
				this.floors.get(service).record(elapsed, heap(base, "jvm.memory.used"), heap(base, "jvm.memory.max"));
			}
			catch (Exception ex) {
				// not answering this second (a collection, a restart): the next sample counts
			}
		});
	}

	/**
	 * The metric summed over the heap's pools. A pool without a limit reports -1 as its
	 * maximum (G1's eden and survivors): a byte or two off the old generation's limit, which
	 * is the heap's.
	 */
	private long heap(URI base, String metric) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(base.resolve(metric + "?tag=area:heap")).timeout(Duration.ofSeconds(2)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(metric + " answered " + response.statusCode());
		}
		return JSON.readTree(response.body()).get("measurements").get(0).get("value").asLong();
	}

	Map<String, HeapFloors> floors() {
		return this.floors;
	}

	@Override
	public void close() {
		this.sampling.shutdownNow();
	}

}
