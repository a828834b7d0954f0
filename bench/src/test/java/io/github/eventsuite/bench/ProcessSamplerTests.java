package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A process that exits during a run keeps the CPU time it was last seen with, and is named. */
class ProcessSamplerTests {

	@Test
	void keepsTheCpuTimeOfAProcessThatExitedAndNamesIt() throws Exception {
		Process busy = new ProcessBuilder("bash", "-c", "end=$((SECONDS + 2)); while [ $SECONDS -lt $end ]; do :; done")
			.start();
		try (ProcessSampler sampler = new ProcessSampler(Map.of("busy", List.of(busy.toHandle())))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> sampler.cpuMillis().get("busy") >= 500);
			long seen = sampler.cpuMillis().get("busy");
			assertThat(sampler.exited()).isEmpty();

			busy.waitFor();

			assertThat(sampler.exited()).containsExactly("busy");
			assertThat(sampler.cpuMillis().get("busy")).isGreaterThanOrEqualTo(seen);
		}
	}

}
