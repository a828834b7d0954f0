package io.github.eventsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's results as JSON, CSV, Markdown and a self-contained HTML page with charts. */
final class Report {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	final Map<String, Object> machine = new LinkedHashMap<>();

	final List<LoadResult> runs = new ArrayList<>();

	/** Spring's "Started in" and "process running for", the services started side by side with the suite. */
	final Map<String, double[]> startup = new LinkedHashMap<>();

	/** Seconds from launching a service's JVM alone to ready, by service and JVM set-up. */
	final Map<String, Double> startupAlone = new LinkedHashMap<>();

	final Map<String, double[]> processes = new LinkedHashMap<>();

	/** Per rate run: CPU ms per registration of each process, from POSTs to the last email. */
	final Map<String, Map<String, Double>> cpuPerRegistration = new LinkedHashMap<>();

	/** A row of each rate's CPU: in the processes' rows already, and not added to the total again. */
	static final String JIT_PART = "of which JIT compilers (every JVM above)";

	/** The JIT compilers' CPU in each round of load after the warm-up's first part, in % of one core. */
	final List<Double> warmUpJitPercents = new ArrayList<>();

	final List<Target> targets = new ArrayList<>();

	/** {@code --soak}'s result, or null when none ran. */
	Soak soak;

	String command = "";

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.json"), JSON.writeValueAsString(asMap()));
		Files.writeString(directory.resolve("results.csv"), csv());
		Files.writeString(directory.resolve("summary.md"), markdown());
		Files.writeString(directory.resolve("report.html"), html());
	}

	private Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("command", this.command);
		map.put("machine", this.machine);
		map.put("runs", this.runs.stream().map(Report::row).toList());
		map.put("startup", this.startup.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				(e) -> Map.of("startedSeconds", e.getValue()[0], "jvmSeconds", e.getValue()[1]), (a, b) -> a,
				LinkedHashMap::new)));
		map.put("startupAloneSeconds", this.startupAlone);
		map.put("processesUnderLoad", this.processes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				(e) -> Map.of("peakRssMb", round(e.getValue()[0]), "cpuPercentOfOneCore", round(e.getValue()[1])),
				(a, b) -> a, LinkedHashMap::new)));
		map.put("cpuMsPerRegistration", this.cpuPerRegistration);
		map.put("warmUpJitPercentOfOneCore", this.warmUpJitPercents);
		map.put("targets", this.targets);
		if (this.soak != null) {
			map.put("soak", soakMap(this.soak));
		}
		return map;
	}

	private static Map<String, Object> soakMap(Soak soak) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("ratePerSecond", soak.rate());
		map.put("seconds", soak.duration().toSeconds());
		map.put("accepted", soak.endToEnd().sent());
		map.put("emailed", soak.endToEnd().ok());
		map.put("repeatedEmails", soak.repeatedEmails());
		map.put("heapFloorMbByMinute", soak.heaps().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				(e) -> e.getValue().floorsMb().stream().map(Report::round).toList(), (a, b) -> a, LinkedHashMap::new)));
		map.put("heapMaxMb", soak.heaps().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				(e) -> round(e.getValue().maxMb()), (a, b) -> a, LinkedHashMap::new)));
		return map;
	}

	private static Map<String, Object> row(LoadResult run) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("name", run.name());
		row.put("targetRate", run.targetRate());
		row.put("sent", run.sent());
		row.put("ok", run.ok());
		row.put("errors", run.errors());
		row.put("failures", run.failures());
		row.put("throughputPerSecond", round(run.throughput()));
		row.put("p50Ms", round(run.percentileMillis(50)));
		row.put("p99Ms", round(run.percentileMillis(99)));
		row.put("p999Ms", round(run.percentileMillis(99.9)));
		row.put("maxMs", round(run.maxMillis()));
		return row;
	}

	private String csv() {
		StringBuilder csv = new StringBuilder("name,target_rate,sent,ok,errors,throughput_per_s,p50_ms,p99_ms,p999_ms,max_ms,failures\n");
		for (LoadResult run : this.runs) {
			csv.append(String.join(",", run.name(), String.valueOf(run.targetRate()), String.valueOf(run.sent()),
					String.valueOf(run.ok()), String.valueOf(run.errors()), number(run.throughput()),
					number(run.percentileMillis(50)), number(run.percentileMillis(99)),
					number(run.percentileMillis(99.9)), number(run.maxMillis()), '"' + run.failureSummary() + '"'))
				.append('\n');
		}
		return csv.toString();
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("Command: `").append(this.command).append("`  \nMachine: ").append(this.machine).append("\n\n");
		md.append("| target | goal | measured | met |\n|---|---|---|---|\n");
		this.targets.forEach((t) -> md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ")
			.append(t.measured()).append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n"));
		md.append("\n| run | rate/s | sent | ok | errors | throughput/s | p50 ms | p99 ms | p99.9 ms | max ms | failures |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		this.runs.forEach((run) -> md.append("| ").append(run.name()).append(" | ")
			.append((run.targetRate() == 0) ? "max" : String.valueOf(run.targetRate())).append(" | ").append(run.sent())
			.append(" | ").append(run.ok()).append(" | ").append(run.errors()).append(" | ")
			.append(number(run.throughput())).append(" | ").append(number(run.percentileMillis(50))).append(" | ")
			.append(number(run.percentileMillis(99))).append(" | ").append(number(run.percentileMillis(99.9)))
			.append(" | ").append(number(run.maxMillis())).append(" | ").append(run.failureSummary()).append(" |\n"));
		md.append("\n| service started alone | seconds from JVM launch to ready (median) |\n|---|---|\n");
		this.startupAlone.forEach((name, seconds) -> md.append("| ").append(name).append(" | ")
			.append(number(seconds)).append(" |\n"));
		md.append("\n| service, started with the suite (all at once) | started in s (Spring) | since JVM start s |\n|---|---|---|\n");
		this.startup.forEach((name, s) -> md.append("| ").append(name).append(" | ").append(number(s[0])).append(" | ")
			.append(number(s[1])).append(" |\n"));
		md.append("\nJIT compilers in the warm-up's rounds after its first part, % of one core: ")
			.append(this.warmUpJitPercents.isEmpty() ? "no round"
					: this.warmUpJitPercents.stream().map(Report::number).collect(Collectors.joining(", ")))
			.append("\n");
		this.cpuPerRegistration.forEach((run, perProcess) -> {
			md.append("\n| CPU ms per registration, ").append(run).append(" | ms |\n|---|---|\n");
			perProcess.forEach((name, ms) -> md.append("| ").append(name).append(" | ").append(number(ms)).append(" |\n"));
		});
		if (this.soak != null) {
			md.append("\n").append(soakMarkdown(this.soak));
		}
		md.append("\n| process | peak RSS MB under load | CPU % of one core |\n|---|---|---|\n");
		this.processes.forEach((name, p) -> md.append("| ").append(name).append(" | ").append(number(p[0]))
			.append(" | ").append(number(p[1])).append(" |\n"));
		return md.toString();
	}

	private static String soakMarkdown(Soak soak) {
		StringBuilder md = new StringBuilder();
		md.append("Soak: ").append(soak.rate()).append("/s for ").append(soak.duration().toSeconds()).append(" s: ")
			.append(soak.endToEnd().ok()).append(" of ").append(soak.endToEnd().sent())
			.append(" accepted registrations emailed, ").append(soak.repeatedEmails()).append(" emailed twice\n\n");
		md.append("| service | heap limit MB | heap floor MB by minute | growth MB |\n|---|---|---|---|\n");
		soak.heaps().forEach((service, heap) -> md.append("| ").append(service).append(" | ")
			.append(number(heap.maxMb())).append(" | ")
			.append(heap.floorsMb().stream().map(Report::number).collect(Collectors.joining(", "))).append(" | ")
			.append(number(heap.growthMb())).append(" |\n"));
		return md.toString();
	}

	private String html() {
		return """
				<!doctype html><html><head><meta charset="utf-8"><title>Event Suite benchmark</title>
				<style>body{font-family:sans-serif;max-width:980px;margin:2em auto}table{border-collapse:collapse}
				td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}</style></head><body>
				<h1>Event Suite benchmark</h1>
				<h2>Latency by rate (ms, log scale)</h2>%s
				<h2>Throughput (per second, log scale)</h2>%s
				<h2>Numbers</h2><pre>%s</pre></body></html>
				""".formatted(Charts.latencyByRate(this.runs), Charts.throughput(this.runs),
				markdown().replace("&", "&amp;").replace("<", "&lt;"));
	}

	static double round(double value) {
		return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
	}

	static String number(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
	}

}
