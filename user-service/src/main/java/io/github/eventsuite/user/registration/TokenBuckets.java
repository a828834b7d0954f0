package io.github.eventsuite.user.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One token bucket per client: {@code burst} tokens, refilled at {@code requestsPerSecond}.
 * Memory is bounded: at most {@code maxClients} buckets, and a bucket untouched for as long
 * as it takes to fill is dropped, since a full bucket and no bucket mean the same.
 */
final class TokenBuckets {

	private final double tokensPerNano;

	private final int capacity;

	private final Clock clock;

	private final Cache<String, Bucket> buckets;

	TokenBuckets(RegistrationRateLimitProperties limit, Clock clock) {
		this.tokensPerNano = limit.requestsPerSecond() / 1e9;
		this.capacity = limit.burst();
		this.clock = clock;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(limit.maxClients())
			.expireAfterAccess(limit.refillTime())
			.ticker(this::nanos)
			.build();
	}

	/** Takes a token of the client's: zero if there was one, otherwise how long until there is. */
	Duration take(String client) {
		long now = nanos();
		return this.buckets.get(client, (key) -> new Bucket(this.capacity, now)).take(now);
	}

	/** Buckets held, after evicting those due. */
	long clients() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private long nanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	private final class Bucket {

		private double tokens;

		private long refilledAt;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAt = now;
		}

		synchronized Duration take(long now) {
			this.tokens = Math.min(TokenBuckets.this.capacity,
					this.tokens + Math.max(0, now - this.refilledAt) * TokenBuckets.this.tokensPerNano);
			this.refilledAt = Math.max(now, this.refilledAt);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Duration.ZERO;
			}
			return Duration.ofNanos((long) Math.ceil((1 - this.tokens) / TokenBuckets.this.tokensPerNano));
		}

	}

}
