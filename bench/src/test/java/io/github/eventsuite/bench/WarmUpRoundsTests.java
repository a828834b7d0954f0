package io.github.eventsuite.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up goes on while the JIT compilers are busy, up to its cap, and at least once. */
class WarmUpRoundsTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void goesOnWhileTheCompilersAreBusyAndStopsOnceTheyAreQuiet() {
		WarmUpRounds rounds = new WarmUpRounds(Duration.ofSeconds(60), 0);

		assertThat(rounds.another(0)).as("the first round always runs").isTrue();
		rounds.record(7_000, Duration.ofSeconds(20));
		assertThat(rounds.another(20 * SECOND)).as("35 %% of one core").isTrue();
		rounds.record(1_000, Duration.ofSeconds(20));

		assertThat(rounds.another(40 * SECOND)).as("5 %% of one core").isFalse();
		assertThat(rounds.endedByCap()).isFalse();
		assertThat(rounds.jitPercents()).containsExactly(35.0, 5.0);
	}

	@Test
	void stopsAtThreeTimesTheFirstPartWhileTheCompilersAreStillBusy() {
		WarmUpRounds rounds = new WarmUpRounds(Duration.ofSeconds(60), 0);
		rounds.record(4_000, Duration.ofSeconds(20));

		assertThat(rounds.another(179 * SECOND)).isTrue();
		assertThat(rounds.another(180 * SECOND)).isFalse();
		assertThat(rounds.endedByCap()).isTrue();
	}

	@Test
	void stopsWhenTheCompilersCannotBeRead() {
		WarmUpRounds rounds = new WarmUpRounds(Duration.ofSeconds(60), 0);
		rounds.record(Double.NaN, Duration.ofSeconds(20));

		assertThat(rounds.another(20 * SECOND)).isFalse();
		assertThat(rounds.endedByCap()).isFalse();
	}

	@Test
	void aShortWarmUpHasRoundsAsShort() {
		assertThat(new WarmUpRounds(Duration.ofSeconds(1), 0).round()).isEqualTo(Duration.ofSeconds(1));
		assertThat(new WarmUpRounds(Duration.ofSeconds(60), 0).round()).isEqualTo(Duration.ofSeconds(20));
	}

}
