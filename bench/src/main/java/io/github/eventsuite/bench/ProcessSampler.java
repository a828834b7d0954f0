package io.github.eventsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resident memory (peak of one-second samples) and CPU time of the suite's processes, and
 * the part of it their JIT compilers used, from {@code /proc} (Linux only; elsewhere nothing
 * is sampled). For a name with several
 * processes (PostgreSQL's backends), memory is the largest one's, shared memory being
 * counted in each, and CPU is their sum. A process that exits keeps the CPU time it was
 * last seen with (sampled every second), and its name is in {@link #exited()}: reading
 * {@code /proc} of a dead process as zero made one that ran out of memory at 1,000/s show
 * -16.3 ms per registration.
 */
final class ProcessSampler implements AutoCloseable {

	private static final long CLOCK_TICKS = 100;

	private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre");

	static final String LOAD_GENERATOR = "load generator";

	private final Map<String, List<ProcessHandle>> processes;

	private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();

	private final Map<String, Long> cpuTicksAtStart = new ConcurrentHashMap<>();

	private final Map<Long, Long> lastCpuTicks = new ConcurrentHashMap<>();

	/** By "pid/tid". */
	private final Map<String, Long> lastCompilerTicks = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();

	private final long startNanos = System.nanoTime();

	ProcessSampler(Map<String, List<ProcessHandle>> processes) {
		this.processes = processes;
		processes.forEach((name, group) -> this.cpuTicksAtStart.put(name, cpuTicks(group)));
		this.sampling.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	private void sample() {
		this.processes.forEach((name, group) -> {
			this.peakRssKb.merge(name, group.stream().mapToLong(ProcessSampler::rssKb).max().orElse(0), Math::max);
			cpuTicks(group);
		});
	}

	/** The names of which a process has exited since the sampler started. */
	Set<String> exited() {
		Set<String> exited = new TreeSet<>();
		this.processes.forEach((name, group) -> {
			if (group.stream().anyMatch((process) -> !process.isAlive())) {
				exited.add(name);
			}
		});
		return exited;
	}

	/** Per process: peak RSS in MB and average CPU in % of one core since the sampler started. */
	Map<String, double[]> results() {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		Map<String, double[]> results = new LinkedHashMap<>();
		this.processes.forEach((name, group) -> {
			double cpuSeconds = (cpuTicks(group) - this.cpuTicksAtStart.getOrDefault(name, 0L)) / (double) CLOCK_TICKS;
			results.put(name, new double[] { this.peakRssKb.getOrDefault(name, 0L) / 1024.0, 100 * cpuSeconds / seconds });
		});
		return results;
	}

	private static long rssKb(ProcessHandle process) {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(0);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private long cpuTicks(List<ProcessHandle> group) {
		return group.stream().mapToLong(this::cpuTicks).sum();
	}

	private long cpuTicks(ProcessHandle process) {
		try {
			long ticks = ticks(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat")));
			this.lastCpuTicks.put(process.pid(), ticks);
			return ticks;
		}
		catch (IOException | RuntimeException ex) {
			return this.lastCpuTicks.getOrDefault(process.pid(), 0L);
		}
	}

	/** utime + stime, fields 14 and 15 of /proc/pid/stat or /proc/pid/task/tid/stat (after the parenthesised name). */
	private static long ticks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * CPU milliseconds each process (and this load generator, as "load generator") has used
	 * so far: take two and subtract to know what a run cost.
	 */
	Map<String, Long> cpuMillis() {
		Map<String, Long> millis = new LinkedHashMap<>();
		this.processes.forEach((name, group) -> millis.put(name, cpuTicks(group) * 1000 / CLOCK_TICKS));
		millis.put(LOAD_GENERATOR, cpuTicks(List.of(ProcessHandle.current())) * 1000 / CLOCK_TICKS);
		return millis;
	}

	/**
	 * CPU milliseconds the JIT compiler threads of every process (this load generator's too)
	 * have used so far; NaN without {@code /proc}. Read when asked, not every second (a
	 * process has dozens of threads to look at): a compiler thread that ends keeps the time
	 * it was last seen with, but one that HotSpot starts and ends between two readings (it
	 * does so on machines with many cores) is missed.
	 */
	double jitCpuMillis() {
		if (!Files.isDirectory(Path.of("/proc/self/task"))) {
			return Double.NaN;
		}
		this.processes.values().forEach((group) -> group.forEach(this::compilerTicks));
		compilerTicks(ProcessHandle.current());
		return this.lastCompilerTicks.values().stream().mapToLong(Long::longValue).sum() * 1000.0 / CLOCK_TICKS;
	}

	/** HotSpot's compiler threads: "C1 CompilerThread0", "C2 CompilerThread0" (comm keeps 15 characters). */
	private void compilerTicks(ProcessHandle process) {
		List<Path> threads;
		try (Stream<Path> listed = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
			threads = listed.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			return; // the process is gone: what was seen of its threads stays
		}
		for (Path thread : threads) {
			try {
				if (COMPILER_THREAD.matcher(Files.readString(thread.resolve("comm"))).lookingAt()) {
					this.lastCompilerTicks.put(process.pid() + "/" + thread.getFileName(),
							ticks(Files.readString(thread.resolve("stat"))));
				}
			}
			catch (IOException ex) {
				// the thread is gone: what was seen of it stays
			}
		}
	}

	@Override
	public void close() {
		this.sampling.shutdownNow();
	}

}
