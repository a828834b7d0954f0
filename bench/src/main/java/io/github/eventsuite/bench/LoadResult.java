package io.github.eventsuite.bench;

import java.util.Map;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * One measured run.
 *
 * @param name what ran ("suite ingest", "bare WebFlux", "suite end to end", "Kafka alone")
 * @param targetRate the fixed rate asked for, per second; 0 for a saturation run
 * @param sent requests or records sent
 * @param ok those that succeeded (202, acknowledged, email.sent seen)
 * @param errors those that failed or never completed
 * @param throughput successes per second over the run
 * @param latencyMicros latency of each success, in microseconds
 */
record LoadResult(String name, int targetRate, long sent, long ok, long errors, double throughput,
		Histogram latencyMicros, Map<String, Long> failures) {

	LoadResult(String name, int targetRate, long sent, long ok, long errors, double throughput,
			Histogram latencyMicros) {
		this(name, targetRate, sent, ok, errors, throughput, latencyMicros, Map.of());
	}

	/** The failures by cause, most frequent first: "503 × 1200, HttpTimeoutException × 31". */
	String failureSummary() {
		return this.failures.entrySet().stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((failure) -> failure.getKey() + " × " + failure.getValue())
			.collect(Collectors.joining(", "));
	}

	double percentileMillis(double percentile) {
		return (this.latencyMicros.getTotalCount() == 0) ? Double.NaN
				: this.latencyMicros.getValueAtPercentile(percentile) / 1000.0;
	}

	double maxMillis() {
		return (this.latencyMicros.getTotalCount() == 0) ? Double.NaN : this.latencyMicros.getMaxValue() / 1000.0;
	}

	static Histogram histogram() {
		return new Histogram(3_600_000_000L, 3);
	}

}
