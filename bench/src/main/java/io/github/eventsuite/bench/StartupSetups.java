package io.github.eventsuite.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.eventsuite.local.LocalSuite;

/**
 * Start-up of each service alone: on this JDK, and where a JDK 25 is at hand, on it with
 * and without a Java AOT cache (what the images could ship).
 */
final class StartupSetups {

	static final String CURRENT = " · this JDK";

	static final String JDK25 = " · JDK 25";

	static final String AOT = " · JDK 25 + AOT cache";

	private final BenchOptions options;

	private final StartupProbe probe;

	private final Progress progress;

	StartupSetups(BenchOptions options, SuiteProcess suite, Progress progress) {
		this.options = options;
		this.probe = new StartupProbe(options.home(), suite.ports(), options.out().resolve("startup"));
		this.progress = progress;
	}

	void measure(Map<String, Double> results) throws Exception {
		Path javaHome = Path.of(System.getProperty("java.home"));
		int runs = this.options.startupRuns();
		Path aotJava = this.options.aotJava();
		int steps = LocalSuite.SERVICES.size() * ((aotJava != null) ? 3 : 1);
		this.progress.begin("start-up of each service alone (" + runs + " starts each)", steps);
		for (String service : LocalSuite.SERVICES) {
			results.put(service + CURRENT, this.probe.median(service, javaHome, List.of(), runs));
			this.progress.step();
			if (aotJava != null) {
				results.put(service + JDK25, this.probe.median(service, aotJava, List.of(), runs));
				this.progress.step();
				Path cache = this.probe.trainAotCache(service, aotJava);
				results.put(service + AOT, this.probe.median(service, aotJava, List.of("-XX:AOTCache=" + cache), runs));
				this.progress.step();
			}
		}
		this.progress.end();
	}

}
