package io.github.eventsuite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

import io.github.eventsuite.local.LocalSuite;

/**
 * Measures the suite the way messaging benchmarks do: a warm-up, then fixed-rate open-model
 * load per rate (HdrHistogram, latency from when each request was due), the end-to-end
 * time from each POST to its {@code email.sent}, a saturation run, and baselines on the same
 * machine in the same run (a bare WebFlux endpoint, Kafka alone) so results read as ratios.
 */
public final class Bench {

	private static final int PORT_OFFSET = 22000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BenchOptions options;

	private final Progress progress = new Progress(System.out);

	private final Report report = new Report();

	/** For the statistics between runs; the load itself is {@link OpenLoad}'s. */
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	Bench(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Report report = new Bench(options).run(String.join(" ", args));
		System.out.println();
		System.out.println(report.markdown());
		System.out.println("Results: " + options.out());
		System.exit(0);
	}

	Report run(String arguments) throws Exception {
		this.report.command = ("java -jar bench/target/bench.jar " + arguments).trim();
		this.report.machine.putAll(machine());
		try (SuiteUnderTest suite = start()) {
			this.report.machine.put("suite", suite.description());
			measureSuite(suite);
			for (String service : LocalSuite.SERVICES) {
				suite.startup(service).ifPresent((seconds) -> this.report.startup.put(service, seconds));
			}
			if (suite instanceof SuiteProcess local && this.options.startupRuns() > 0) {
				new StartupSetups(this.options, local, this.progress).measure(this.report.startupAlone);
			}
			this.report.runs.add(KafkaAlone.run(suite.kafka(), this.options.duration(), this.progress));
		}
		measureBareWebFlux();
		this.report.targets.addAll(Targets.evaluate(this.report));
		this.report.write(this.options.out());
		return this.report;
	}

	private SuiteUnderTest start() throws Exception {
		if (this.options.compose()) {
			this.progress.note("Starting docker compose (project " + ComposeSuite.PROJECT + ")");
			return ComposeSuite.start(this.options.home(), Duration.ofMinutes(5));
		}
		Path data = this.options.home().resolve("bench/target/suite-data");
		return SuiteProcess.start(this.options.home(), data, PORT_OFFSET, Duration.ofMinutes(4));
	}

	private void measureSuite(SuiteUnderTest suite) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 6);
		try (OpenLoad load = new OpenLoad(this.progress);
				ChainWatcher chain = new ChainWatcher(suite.kafka());
				StatsWatcher stats = new StatsWatcher(suite.url(suite.ports().analyticsService(), "/api/stats/stream"));
				ProcessSampler sampler = new ProcessSampler(suite.processes())) {
			int lowest = this.options.rates().stream().min(Integer::compare).orElseThrow();
			warmUp(load, suite, chain, stats, sampler, run, lowest);
			// Every rate runs, also after one was not sustained: awaitIdle lets the suite finish
			// the backlog first, so each rate starts from an idle suite.
			int held = 0;
			for (int rate : this.options.rates().stream().sorted().toList()) {
				List<LoadResult> results = measureRate(load, suite, chain, stats, sampler, "suite", run + "-" + rate,
						rate, this.options.duration());
				this.report.runs.addAll(results);
				if (Targets.sustained(results.get(0), results.get(1))) {
					held = rate;
				}
				else {
					this.progress.note("  " + rate + "/s is not sustained end to end");
				}
			}
			soak(load, suite, chain, stats, sampler, run, held);
			awaitIdle(suite);
			emptyMailbox(suite);
			this.report.runs.add(load.saturation("suite ingest", this.options.concurrency(), this.options.duration(),
					registrations(suite.url(suite.ports().userService(), "/api/users"), run + "-max"), 202));
			this.report.processes.putAll(sampler.results());
		}
		awaitIdle(suite);
	}

	/**
	 * The warm-up at the lowest rate, then more of that load in rounds while the JIT
	 * compilers are still busy ({@link WarmUpRounds}). A round's compilers are read over its
	 * load alone: the waits for the emails after it would dilute them.
	 */
	private void warmUp(OpenLoad load, SuiteUnderTest suite, ChainWatcher chain, StatsWatcher stats,
			ProcessSampler sampler, String run, int rate) throws InterruptedException {
		endToEnd(load, suite, chain, stats, "suite", "warm-up-" + run, rate, this.options.warmup());
		WarmUpRounds rounds = new WarmUpRounds(this.options.warmup(), System.nanoTime());
		for (int i = 1; rounds.another(System.nanoTime()); i++) {
			double jitBefore = sampler.jitCpuMillis();
			long start = System.nanoTime();
			load.fixedRate("suite warm-up", rate, rounds.round(),
					registrations(suite.url(suite.ports().userService(), "/api/users"), "warm-up-" + run + "-" + i), 202,
					(response, due) -> { });
			rounds.record(sampler.jitCpuMillis() - jitBefore, Duration.ofNanos(System.nanoTime() - start));
			this.progress.note(String.format("  warm-up: JIT compilers at %.1f %% of one core",
					rounds.jitPercents().get(i - 1)));
		}
		if (rounds.endedByCap()) {
			this.progress.note("  warm-up: ended by its cap, the JIT compilers still busy");
		}
		this.report.warmUpJitPercents.addAll(rounds.jitPercents());
	}

	/**
	 * One rate from an idle suite and an empty mailbox: its results, and the CPU each process
	 * spent per registration, with the part of it their JIT compilers spent.
	 */
	private List<LoadResult> measureRate(OpenLoad load, SuiteUnderTest suite, ChainWatcher chain, StatsWatcher stats,
			ProcessSampler sampler, String name, String prefix, int rate, Duration duration) throws Exception {
		awaitIdle(suite);
		emptyMailbox(suite);
		// One email first: its send finds notification-service's connections closed by
		// the reset (they are all reopened then), so that no email of the run waits for a retry.
		endToEnd(load, suite, chain, stats, "suite", "after-reset-" + prefix, 1, Duration.ofSeconds(1));
		Map<String, Long> cpuBefore = sampler.cpuMillis();
		double jitBefore = sampler.jitCpuMillis();
		List<LoadResult> results = endToEnd(load, suite, chain, stats, name, prefix, rate, duration);
		Map<String, Double> cpu = cpuPerRegistration(cpuBefore, sampler.cpuMillis(), results.get(0).ok(),
				sampler.exited());
		cpu.put(Report.JIT_PART, (sampler.jitCpuMillis() - jitBefore) / (double) Math.max(results.get(0).ok(), 1));
		this.report.cpuPerRegistration.put((name.equals("suite") ? "" : name + " at ") + rate + "/s", cpu);
		sampler.exited().forEach((process) -> this.progress.note("  " + process + " has exited"));
		return results;
	}

	/**
	 * {@code --soak}: the highest rate held (else the lowest rate, which then measures its
	 * backlog too), for long: are the services' heaps flat and every registration emailed once?
	 */
	private void soak(OpenLoad load, SuiteUnderTest suite, ChainWatcher chain, StatsWatcher stats,
			ProcessSampler sampler, String run, int held) throws Exception {
		if (this.options.soak().isZero()) {
			return;
		}
		int rate = (held > 0) ? held : this.options.rates().stream().min(Integer::compare).orElseThrow();
		this.progress.note("Soak: " + rate + "/s for " + this.options.soak().toSeconds() + " s"
				+ ((held > 0) ? "" : ", though no rate was held"));
		long repeatedBefore = chain.repeats("email.sent");
		try (HeapSampler heaps = new HeapSampler(managementUrls(suite))) {
			List<LoadResult> results = measureRate(load, suite, chain, stats, sampler, "soak", run + "-soak", rate,
					this.options.soak());
			this.report.runs.addAll(results);
			this.report.soak = new Soak(rate, this.options.soak(), results.get(0), results.get(1),
					chain.repeats("email.sent") - repeatedBefore, heaps.floors());
		}
	}

	private static Map<String, String> managementUrls(SuiteUnderTest suite) {
		Map<String, String> urls = new LinkedHashMap<>();
		LocalSuite.SERVICES
			.forEach((service) -> urls.put(service, suite.url(suite.ports().management(service), "/actuator")));
		return urls;
	}

	/**
	 * What each process spent per accepted registration between two samples, and in total;
	 * a process that has exited is named so (its CPU counts until it was last seen).
	 */
	private static Map<String, Double> cpuPerRegistration(Map<String, Long> before, Map<String, Long> after,
			long registrations, Set<String> exited) {
		Map<String, Double> perRegistration = new LinkedHashMap<>();
		after.forEach((name, millis) -> perRegistration.put(exited.contains(name) ? name + " (exited)" : name,
				(millis - before.getOrDefault(name, 0L)) / (double) Math.max(registrations, 1)));
		perRegistration.put("total", perRegistration.values().stream().mapToDouble(Double::doubleValue).sum());
		return perRegistration;
	}

	/**
	 * One fixed rate: the ingest result, the end-to-end result once the emails are in (or the
	 * drain ends), the time until the statistics counted them, and the time until each
	 * registration reached {@code user.register} and {@code user.created}.
	 */
	private List<LoadResult> endToEnd(OpenLoad load, SuiteUnderTest suite, ChainWatcher chain, StatsWatcher stats,
			String name, String prefix, int rate, Duration duration) throws InterruptedException {
		long countedBefore = stats.latest();
		Map<UUID, Long> due = new ConcurrentHashMap<>();
		LoadResult ingest = load.fixedRate(name + " ingest", rate, duration,
				registrations(suite.url(suite.ports().userService(), "/api/users"), prefix), 202,
				(response, dueNanos) -> userId(response).ifPresent((id) -> due.put(id, dueNanos)));
		long deadline = System.nanoTime() + this.options.drain().toNanos();
		this.progress.begin("waiting for email.sent of " + due.size() + " registrations", due.size());
		// Only those still waiting are looked up again: scanning all of them every 100 ms was
		// a fifth of the load generator's CPU samples at 500/s (#14).
		Set<UUID> waiting = new HashSet<>(due.keySet());
		while (System.nanoTime() < deadline && !waiting.isEmpty()) {
			Thread.sleep(250);
			waiting.removeIf((id) -> chain.emailSent(id) != null);
			this.progress.at(due.size() - waiting.size());
		}
		this.progress.end();
		LoadResult endToEnd = reached(name + " end to end", rate, due, chain::emailSent);
		List<LoadResult> results = new ArrayList<>(
				List.of(ingest, endToEnd, counted(name, stats, chain, due, countedBefore, rate)));
		// Where a backlog waits: POST to each earlier topic of the chain.
		ChainWatcher.TOPICS.stream().filter((topic) -> !topic.equals("email.sent"))
			.forEach((topic) -> results.add(reached(name + " to " + topic, rate, due, (id) -> chain.arrival(topic, id))));
		return results;
	}

	/** From each registration's due time to its arrival, for those that arrived. */
	private static LoadResult reached(String name, int rate, Map<UUID, Long> due, Function<UUID, Long> arrivalOf) {
		Histogram latency = LoadResult.histogram();
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		long arrived = 0;
		for (var registration : due.entrySet()) {
			Long arrival = arrivalOf.apply(registration.getKey());
			if (arrival != null) {
				OpenLoad.record(latency, (arrival - registration.getValue()) / 1000);
				first = Math.min(first, registration.getValue());
				last = Math.max(last, arrival);
				arrived++;
			}
		}
		double seconds = (arrived == 0) ? 1 : (last - first) / 1e9;
		return new LoadResult(name, rate, due.size(), arrived, due.size() - arrived, arrived / seconds, latency);
	}

	/**
	 * POST to "the statistics show it": the k-th email of the run (in the order they reached
	 * Kafka) is counted when the statistics first show {@code before + k} emails. Exact as long
	 * as nothing else sends emails meanwhile (the runs do not overlap: awaitIdle).
	 */
	private LoadResult counted(String name, StatsWatcher stats, ChainWatcher chain, Map<UUID, Long> due, long before,
			int rate) throws InterruptedException {
		List<Map.Entry<UUID, Long>> arrived = due.entrySet().stream()
			.filter((registration) -> chain.emailSent(registration.getKey()) != null)
			.sorted(Comparator.comparing((registration) -> chain.emailSent(registration.getKey())))
			.toList();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (before >= 0 && System.nanoTime() < deadline && stats.firstShowing(before + arrived.size()) == null) {
			Thread.sleep(50);
		}
		Histogram latency = LoadResult.histogram();
		long counted = 0;
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		for (int k = 0; k < arrived.size() && before >= 0; k++) {
			Long shown = stats.firstShowing(before + k + 1);
			if (shown != null) {
				long posted = arrived.get(k).getValue();
				OpenLoad.record(latency, Math.max(0, shown - posted) / 1000);
				first = Math.min(first, posted);
				last = Math.max(last, shown);
				counted++;
			}
		}
		double seconds = (counted == 0) ? 1 : (last - first) / 1e9;
		return new LoadResult(name + " to stats", rate, due.size(), counted, due.size() - counted, counted / seconds,
				latency);
	}

	/** Until every created user's email is sent (the statistics say so), so that runs do not overlap. */
	private void awaitIdle(SuiteUnderTest suite) throws InterruptedException {
		URI stats = URI.create(suite.url(suite.ports().analyticsService(), "/api/stats"));
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		this.progress.begin("waiting for the suite to finish earlier work", 1);
		while (System.nanoTime() < deadline) {
			try {
				String body = this.http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString())
					.body();
				if (JSON.readTree(body).get("emailsPending").asLong() == 0) {
					break;
				}
			}
			catch (java.io.IOException ex) {
				// not answering yet: try again
			}
			Thread.sleep(500);
		}
		this.progress.end();
	}

	/**
	 * Empties GreenMail (its API's reset) once the suite is idle, so that each run starts
	 * with no mailboxes: GreenMail delivers one message at a time (a synchronized
	 * {@code SmtpManager.send}) and finds the recipient's mailbox by walking a list of them
	 * all ({@code HierarchicalFolder.getChild}), so each welcome email to a new address
	 * took longer than the last, 1.1 ms at 5,000 mailboxes and 2.5 ms at 40,000 (#14,
	 * docs/benchmarks.md). A real SMTP server's acceptance does not grow with its history.
	 * Goes once GreenMail looks mailboxes up by name: the draft of that upstream issue, with
	 * its patch, is docs/upstream/greenmail-mailbox-lookup.md (no release has it yet).
	 * The reset restarts GreenMail's servers: notification-service's open connections fail
	 * once, at the next send, and are opened anew (its retry sends that email).
	 */
	private void emptyMailbox(SuiteUnderTest suite) throws Exception {
		URI api = URI.create(suite.url(suite.ports().mailbox(), "/api/service/"));
		HttpResponse<String> reset = this.http.send(HttpRequest.newBuilder(api.resolve("reset"))
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		if (reset.statusCode() != 200) {
			throw new IllegalStateException("GreenMail's reset answered " + reset.statusCode() + ": " + reset.body());
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.http.send(HttpRequest.newBuilder(api.resolve("readiness")).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode() != 200) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("GreenMail not ready 30 s after its reset");
			}
			Thread.sleep(100);
		}
	}

	private void measureBareWebFlux() throws Exception {
		try (OpenLoad load = new OpenLoad(this.progress); BareWebFlux bare = BareWebFlux.start()) {
			String url = "http://127.0.0.1:" + bare.port() + "/api/users";
			int highest = this.options.rates().stream().max(Integer::compare).orElseThrow();
			load.fixedRate("bare WebFlux", highest, this.options.warmup(), registrations(url, "warm"), 202, (r, d) -> { });
			this.report.runs.add(load.fixedRate("bare WebFlux", highest, this.options.duration(),
					registrations(url, "bare"), 202, (r, d) -> { }));
			this.report.runs.add(load.saturation("bare WebFlux", this.options.concurrency(), this.options.duration(),
					registrations(url, "bare-max"), 202));
		}
	}

	private static IntFunction<OpenLoad.Post> registrations(String url, String prefix) {
		URI uri = URI.create(url);
		return (i) -> new OpenLoad.Post(uri,
				"{\"name\":\"Bench User\",\"email\":\"bench-" + prefix + "-" + i + "@example.com\"}");
	}

	private static Optional<UUID> userId(OpenLoad.Answer answer) {
		return Optional.ofNullable(answer.location()).map((location) -> UUID.fromString(
				location.substring(location.lastIndexOf('/') + 1)));
	}

	private static Map<String, Object> machine() {
		Runtime runtime = Runtime.getRuntime();
		return Map.of("cores", runtime.availableProcessors(), "os",
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
				"java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), "date",
				Instant.now().toString(), "memoryGb", String.format(Locale.ROOT, "%.1f", totalMemoryGb()));
	}

	private static double totalMemoryGb() {
		if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getTotalMemorySize() / 1e9;
		}
		return Double.NaN;
	}

}
