package io.github.eventsuite.eventbus.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	@Test
	void letsTheBurstThroughThenSaysHowLongToWait() {
		TokenBuckets buckets = new TokenBuckets(2, 3, 100, this.clock);

		assertThat(List.of(buckets.take("a"), buckets.take("a"), buckets.take("a")))
			.containsOnly(Duration.ZERO);
		assertThat(buckets.take("a")).isEqualTo(Duration.ofMillis(500));
		assertThat(buckets.take("b")).isZero();
	}

	@Test
	void refillsAtTheRateUpToTheBurst() {
		TokenBuckets buckets = new TokenBuckets(2, 3, 100, this.clock);
		for (int i = 0; i < 3; i++) {
			buckets.take("a");
		}

		this.clock.advance(Duration.ofMillis(250));
		assertThat(buckets.take("a")).isEqualTo(Duration.ofMillis(250));
		this.clock.advance(Duration.ofMillis(250));
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isEqualTo(Duration.ofMillis(500));

		this.clock.advance(Duration.ofHours(1));
		assertThat(List.of(buckets.take("a"), buckets.take("a"), buckets.take("a")))
			.containsOnly(Duration.ZERO);
		assertThat(buckets.take("a")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void keepsAtMostMaxClientsAndForgetsThoseIdleLongEnoughToHaveRefilled() {
		TokenBuckets buckets = new TokenBuckets(2, 3, 2, this.clock);
		buckets.take("a");
		buckets.take("b");
		buckets.take("c");
		assertThat(buckets.clients()).isEqualTo(2);

		this.clock.advance(Duration.ofMillis(1499));
		assertThat(buckets.clients()).isEqualTo(2);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(buckets.clients()).isZero();
	}

	@Test
	void givesRetryAfterInWholeSecondsRoundedUp() {
		assertThat(List.of(Duration.ofMillis(1), Duration.ofMillis(1000), Duration.ofMillis(1001), Duration.ofSeconds(100))
			.stream()
			.map(TokenBuckets::retryAfterSeconds)).containsExactly(1L, 1L, 2L, 100L);
	}

}
