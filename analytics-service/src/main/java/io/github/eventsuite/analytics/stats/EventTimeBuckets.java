package io.github.eventsuite.analytics.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Tumbling windows on event time: counts per kind in buckets of a fixed width, keeping only
 * the newest {@code kept} buckets before "now". Not thread-safe: owned by the fold.
 */
final class EventTimeBuckets {

	private final long widthMillis;

	private final int kept;

	private final NavigableMap<Long, long[]> counts = new TreeMap<>();

	EventTimeBuckets(Duration width, int kept) {
		this.widthMillis = width.toMillis();
		this.kept = kept;
	}

	void add(Instant at, Tally.Kind kind) {
		this.counts.computeIfAbsent(bucketOf(at), (bucket) -> new long[Tally.Kind.values().length])[kind.ordinal()]++;
	}

	/** The buckets from {@code kept - 1} before the one holding {@code now} up to it, oldest first; older ones are dropped. */
	NavigableMap<Long, long[]> window(Instant now) {
		long newest = bucketOf(now);
		long oldest = newest - (this.kept - 1) * this.widthMillis;
		this.counts.headMap(oldest, false).clear();
		return this.counts.headMap(newest, true);
	}

	void writeTo(DataOutput out) throws IOException {
		out.writeInt(this.counts.size());
		for (var bucket : this.counts.entrySet()) {
			out.writeLong(bucket.getKey());
			for (long count : bucket.getValue()) {
				out.writeLong(count);
			}
		}
	}

	void readFrom(DataInput in) throws IOException {
		this.counts.clear();
		for (int buckets = in.readInt(); buckets > 0; buckets--) {
			long[] counts = new long[Tally.Kind.values().length];
			long bucket = in.readLong();
			for (int kind = 0; kind < counts.length; kind++) {
				counts[kind] = in.readLong();
			}
			this.counts.put(bucket, counts);
		}
	}

	private long bucketOf(Instant at) {
		return Math.floorDiv(at.toEpochMilli(), this.widthMillis) * this.widthMillis;
	}

}
