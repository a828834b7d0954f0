package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process that exits during a run keeps the CPU time it was last seen with, and is named;
 * the JIT compilers' share is found by their threads.
 */
class ProcessSamplerTests {

	@Test
	void keepsTheCpuTimeOfAProcessThatExitedAndNamesIt() throws Exception {
		// Busy until stopped, not for a wall-clock time: on two busy cores, two seconds of
		// wall time gave it less than 500 ms of CPU.
		Process busy = new ProcessBuilder("bash", "-c", "while :; do :; done").start();
		try (ProcessSampler sampler = new ProcessSampler(Map.of("busy", List.of(busy.toHandle())))) {
			await().atMost(Duration.ofSeconds(30)).until(() -> sampler.cpuMillis().get("busy") >= 500);
			long seen = sampler.cpuMillis().get("busy");
			assertThat(sampler.exited()).isEmpty();

			busy.destroy();
			busy.waitFor();

			assertThat(sampler.exited()).containsExactly("busy");
			assertThat(sampler.cpuMillis().get("busy")).isGreaterThanOrEqualTo(seen);
		}
		finally {
			busy.destroyForcibly();
		}
	}

	@Test
	void countsTheCpuOfJitCompilerThreads() {
		try (ProcessSampler sampler = new ProcessSampler(Map.of())) {
			// This JVM's compilers have compiled the test framework's and the sampler's code:
			// a part of this JVM's CPU, not all of it.
			assertThat(sampler.jitCpuMillis()).isPositive()
				.isLessThan(sampler.cpuMillis().get(ProcessSampler.LOAD_GENERATOR).doubleValue());
		}
	}

}
