package io.github.eventsuite.eventbus.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One token bucket per client: {@code burst} tokens, refilled at {@code requestsPerSecond}.
 * Memory is bounded: at most {@code maxClients} buckets, and a bucket untouched for as long
 * as it takes to fill is dropped, since a full bucket and no bucket mean the same.
 * <p>
 * Not Bucket4j: its store of buckets per client in one JVM (bucket4j-caffeine's
 * {@code CaffeineProxyManager}, 8.x) runs every take as a command of its distributed API
 * inside a Caffeine {@code compute}, copying the bucket's state each time; here the same
 * kind of Caffeine map holds plain buckets, taken once per registration on the hot path.
 */
public final class TokenBuckets {

	private final double tokensPerNano;

	private final int capacity;

	private final Clock clock;

	private final Cache<String, Bucket> buckets;

	/**
	 * @param requestsPerSecond calls per second a client may sustain
	 * @param burst calls a client may make at once (the bucket's size)
	 * @param maxClients buckets kept at most; beyond that the least recently seen client is
	 * forgotten (and starts again with a full bucket)
	 */
	public TokenBuckets(double requestsPerSecond, int burst, int maxClients, Clock clock) {
		if (!(requestsPerSecond > 0) || burst < 1 || maxClients < 1) {
			throw new IllegalArgumentException("a token bucket needs a positive rate, burst and number of clients");
		}
		this.tokensPerNano = requestsPerSecond / 1e9;
		this.capacity = burst;
		this.clock = clock;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxClients)
			// As long as an empty bucket takes to fill: a client idle that long is as good as new.
			.expireAfterAccess(Duration.ofNanos((long) Math.ceil(burst / requestsPerSecond * 1e9)))
			.ticker(this::nanos)
			.build();
	}

	/** Takes a token of the client's: zero if there was one, otherwise how long until there is. */
	public Duration take(String client) {
		long now = nanos();
		return this.buckets.get(client, (key) -> new Bucket(this.capacity, now)).take(now);
	}

	/** A wait as {@code Retry-After} gives it: whole seconds, rounded up, at least one. */
	public static long retryAfterSeconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	/** Buckets held, after evicting those due. */
	public long clients() {
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
