package io.github.eventsuite.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.local.LocalSuite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness must not rot: a few seconds of load against the real local suite, every
 * registration accepted and every email seen (in the soak too), and every report file written. It measures
 * nothing worth keeping.
 */
class BenchSmokeIntegrationTests {

	@Test
	void runsEveryPhaseAndWritesTheReports() throws Exception {
		Path out = Path.of("target/bench-smoke").toAbsolutePath();
		BenchOptions options = BenchOptions.parse("--smoke", "--out=" + out);

		Report report = new Bench(options).run("--smoke");

		assertThat(report.runs).extracting(LoadResult::name)
			.contains("suite ingest", "suite end to end", "suite to stats", "Kafka alone", "bare WebFlux");
		assertThat(report.runs).filteredOn((run) -> run.name().equals("suite end to end"))
			.singleElement()
			.satisfies((run) -> {
				assertThat(run.sent()).isEqualTo(60);
				assertThat(run.ok()).isEqualTo(60);
				assertThat(run.latencyMicros().getTotalCount()).isEqualTo(60);
			});
		assertThat(report.runs).filteredOn((run) -> run.name().equals("suite to stats"))
			.singleElement()
			.satisfies((run) -> assertThat(run.ok()).isEqualTo(60));
		// Every one of the 60 was seen on each earlier topic of the chain too.
		assertThat(report.runs).filteredOn((run) -> run.name().equals("suite to user.register")
				|| run.name().equals("suite to user.created"))
			.hasSize(2)
			.allSatisfy((run) -> assertThat(run.ok()).isEqualTo(60));
		assertThat(report.runs).allSatisfy((run) -> assertThat(run.ok()).isPositive());
		assertThat(report.cpuPerRegistration.get("20/s").get(Report.JIT_PART)).isNotNegative();
		assertThat(report.startup).containsOnlyKeys(LocalSuite.SERVICES);
		assertThat(report.processes.keySet()).containsAll(LocalSuite.SERVICES);
		// The soak ran at the only rate, and each service's Actuator answered its heap.
		assertThat(report.soak).isNotNull().satisfies((soak) -> {
			assertThat(soak.rate()).isEqualTo(20);
			assertThat(soak.endToEnd().sent()).isEqualTo(60);
			assertThat(soak.endToEnd().ok()).isEqualTo(60);
			assertThat(soak.repeatedEmails()).isZero();
			assertThat(soak.heaps()).containsOnlyKeys(LocalSuite.SERVICES)
				.allSatisfy((service, heap) -> assertThat(heap.maxMb()).isPositive());
		});
		assertThat(report.targets).hasSize(6);
		for (String file : new String[] { "results.json", "results.csv", "summary.md", "report.html" }) {
			assertThat(out.resolve(file)).isNotEmptyFile();
		}
		assertThat(Files.readString(out.resolve("results.csv")).lines()).hasSize(1 + report.runs.size());
	}

}
