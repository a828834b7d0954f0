package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the warm-up may end: after its first part, once a round of load leaves the JIT
 * compilers below {@value #QUIET_PERCENT} % of one core, or once the rounds have taken
 * three times the first part (the last round may run over by its own length). On two busy
 * cores C2 was still compiling a minute after a 60 s warm-up, and its compilations counted
 * in the measured rate's CPU (docs/benchmarks.md, 2026-12-06).
 */
final class WarmUpRounds {

	/** Below this share of one core, the JIT compilers count as done with the warm-up's paths. */
	static final double QUIET_PERCENT = 10;

	private static final Duration LONGEST_ROUND = Duration.ofSeconds(20);

	private static final int CAP_IN_WARM_UPS = 3;

	private final Duration round;

	private final long endNanos;

	private final List<Double> jitPercents = new ArrayList<>();

	/** @param warmup the warm-up's first part, just done; @param nowNanos {@link System#nanoTime()} */
	WarmUpRounds(Duration warmup, long nowNanos) {
		this.round = (warmup.compareTo(LONGEST_ROUND) < 0) ? warmup : LONGEST_ROUND;
		this.endNanos = nowNanos + CAP_IN_WARM_UPS * warmup.toNanos();
	}

	Duration round() {
		return this.round;
	}

	/**
	 * Records a round, the JIT compilers' CPU in it; NaN when it cannot be read (no
	 * {@code /proc}), which ends the warm-up.
	 */
	void record(double jitCpuMillis, Duration took) {
		this.jitPercents.add(100 * jitCpuMillis / took.toMillis());
	}

	/**
	 * Whether another round is needed and allowed: none yet, or the last left the compilers
	 * busy; and the cap not reached.
	 */
	boolean another(long nowNanos) {
		return (this.jitPercents.isEmpty() || lastRoundBusy()) && nowNanos - this.endNanos < 0;
	}

	/** Asked once no other round runs: whether the cap ended the warm-up, the compilers still busy. */
	boolean endedByCap() {
		return lastRoundBusy();
	}

	/** False before any round, and when the compilers could not be read (NaN). */
	private boolean lastRoundBusy() {
		return !this.jitPercents.isEmpty() && this.jitPercents.get(this.jitPercents.size() - 1) >= QUIET_PERCENT;
	}

	/** Each round's JIT compilers, in % of one core. */
	List<Double> jitPercents() {
		return List.copyOf(this.jitPercents);
	}

}
