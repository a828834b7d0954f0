package io.github.eventsuite.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a benchmark run is shaped.
 *
 * @param rates the fixed registration rates to run, per second
 * @param warmup load at the lowest rate before anything is measured, at least this long: then
 * more, in rounds, while the JIT compilers of every JVM (the load generator's too) are still
 * busy ({@link WarmUpRounds})
 * @param duration how long each rate is held
 * @param drain how long to wait after a rate for the last emails before counting what is missing
 * @param concurrency requests in flight for the saturation runs (closed model)
 * @param out where the results are written
 * @param home the project's root (the suite's jars)
 * @param startupRuns starts per service and set-up for the start-up times
 * @param aotJava a JDK 25 or newer to measure start-up with a Java AOT cache, or null
 * @param compose measure docker compose instead of the local suite
 * @param soak how long to hold the highest rate held (else the lowest), after the rates; zero skips it
 */
record BenchOptions(List<Integer> rates, Duration warmup, Duration duration, Duration drain, int concurrency, Path out,
		Path home, int startupRuns, Path aotJava, boolean compose, Duration soak) {

	static final String USAGE = """
			Usage: java -jar bench/target/bench.jar [--rates=100,250,500,1000] [--duration=20s] [--warmup=60s]
			                                        [--concurrency=64] [--out=bench/results] [--aot-java=JDK25_HOME]
			                                        [--target=local|compose] [--startup-runs=3] [--soak=600s] [--smoke]
			  --aot-java  a JDK 25+ to measure start-up with a Java AOT cache (default: Temurin 25 if installed)
			  --startup-runs  starts per service and set-up for the start-up times; 0 skips them
			  --target  local: the no-Docker suite (default); compose: docker compose up --build, as its own
			            project on compose's ports (stop your own stack first)
			  --soak  after the rates, hold the highest rate held (else the lowest) for this long: is every
			          service's heap flat, every registration emailed once? (default 0: no soak)
			  --smoke  a few seconds at 20/s: checks that the harness works, measures nothing worth keeping""";

	static BenchOptions parse(String... args) {
		Path home = projectHome();
		Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
		BenchOptions options = new BenchOptions(List.of(100, 250, 500, 1000), Duration.ofSeconds(60),
				Duration.ofSeconds(20), Duration.ofSeconds(30), 64, home.resolve("bench/results"), home, 3,
				Files.isExecutable(jdk25.resolve("bin/java")) ? jdk25 : null, false, Duration.ZERO);
		for (String arg : args) {
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.substring(name.length()).replaceFirst("^=", "");
			options = switch (name) {
				case "--rates" -> options.withRates(Arrays.stream(value.split(",")).map(String::trim)
					.map(Integer::valueOf).toList());
				case "--duration" -> options.withDuration(seconds(value));
				case "--warmup" -> options.withWarmup(seconds(value));
				case "--concurrency" -> options.withConcurrency(Integer.parseInt(value));
				case "--out" -> options.withOut(Path.of(value).toAbsolutePath());
				case "--aot-java" -> options.withAotJava(value.isEmpty() ? null : Path.of(value));
				case "--soak" -> options.withSoak(seconds(value));
				case "--startup-runs" -> options.withStartupRuns(Integer.parseInt(value));
				case "--target" -> switch (value) {
					case "local" -> options.withCompose(false);
					case "compose" -> options.withCompose(true);
					default -> throw new IllegalArgumentException("--target must be local or compose\n" + USAGE);
				};
				case "--smoke" -> options.withRates(List.of(20)).withWarmup(Duration.ofSeconds(1))
					.withDuration(Duration.ofSeconds(3)).withConcurrency(8).withStartupRuns(1).withAotJava(null)
					.withSoak(Duration.ofSeconds(3));
				default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
			};
		}
		if (options.rates().isEmpty() || options.rates().stream().anyMatch((rate) -> rate < 1 || rate > 100_000)) {
			throw new IllegalArgumentException("--rates must be between 1 and 100000 per second");
		}
		return options;
	}

	private static Duration seconds(String value) {
		return Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
	}

	BenchOptions withRates(List<Integer> rates) {
		return new BenchOptions(rates, this.warmup, this.duration, this.drain, this.concurrency, this.out,
				this.home, this.startupRuns, this.aotJava, this.compose, this.soak);
	}

	BenchOptions withWarmup(Duration warmup) {
		return new BenchOptions(this.rates, warmup, this.duration, this.drain, this.concurrency, this.out,
				this.home, this.startupRuns, this.aotJava, this.compose, this.soak);
	}

	BenchOptions withDuration(Duration duration) {
		return new BenchOptions(this.rates, this.warmup, duration, this.drain, this.concurrency, this.out,
				this.home, this.startupRuns, this.aotJava, this.compose, this.soak);
	}

	BenchOptions withConcurrency(int concurrency) {
		return new BenchOptions(this.rates, this.warmup, this.duration, this.drain, concurrency, this.out,
				this.home, this.startupRuns, this.aotJava, this.compose, this.soak);
	}

	BenchOptions withOut(Path out) {
		return new BenchOptions(this.rates, this.warmup, this.duration, this.drain, this.concurrency, out,
				this.home, this.startupRuns, this.aotJava, this.compose, this.soak);
	}

	BenchOptions withStartupRuns(int startupRuns) {
		return new BenchOptions(this.rates, this.warmup, this.duration, this.drain, this.concurrency, this.out, this.home,
				startupRuns, this.aotJava, this.compose, this.soak);
	}

	BenchOptions withAotJava(Path aotJava) {
		return new BenchOptions(this.rates, this.warmup, this.duration, this.drain, this.concurrency, this.out, this.home,
				this.startupRuns, aotJava, this.compose, this.soak);
	}

	BenchOptions withCompose(boolean compose) {
		return new BenchOptions(this.rates, this.warmup, this.duration, this.drain, this.concurrency, this.out, this.home,
				this.startupRuns, this.aotJava, compose, this.soak);
	}

	BenchOptions withSoak(Duration soak) {
		return new BenchOptions(this.rates, this.warmup, this.duration, this.drain, this.concurrency, this.out, this.home,
				this.startupRuns, this.aotJava, this.compose, soak);
	}

	/** bench/target/bench.jar or bench/target/classes: three levels below the project. */
	private static Path projectHome() {
		try {
			Path location = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.getParent().getParent().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
