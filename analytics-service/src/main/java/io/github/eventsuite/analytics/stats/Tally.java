package io.github.eventsuite.analytics.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.email.EmailEvent;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserEvent;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/**
 * The running state behind {@link Stats}, in memory bounded by {@code recentUsers}, not by
 * history. A record is counted once because the tally knows, per partition, the offset it
 * has read up to (and a checkpoint stores both together); an event published twice (a
 * re-sent outbox row, a registration published again) is counted once because the journeys
 * of the most recent users are remembered. Not thread-safe: the fold owns it.
 */
final class Tally {

	static final int RATE_SECONDS = 10;

	static final int MINUTES_KEPT = 60;

	/** Bumped when {@link #writeTo} changes: an older checkpoint is then not read. */
	private static final int FORMAT = 1;

	private static final long NEVER = Long.MIN_VALUE;

	enum Kind {

		REGISTERED, CREATED, EMAILED

	}

	/** What is known of one recent user: times in microseconds since the epoch, or NEVER. */
	private static final class Journey {

		long requestedAt = NEVER;

		boolean created;

		long emailedAt = NEVER;

	}

	private final int recentUsers;

	/** The most recent users, oldest first; the oldest is forgotten beyond {@code recentUsers}. */
	private final Map<UUID, Journey> journeys;

	/** Per partition: the offset of the next record to count. */
	private final Map<TopicPartition, Long> positions = new HashMap<>();

	private final long[] totals = new long[Kind.values().length];

	private @Nullable Instant lastEventAt;

	/** Up to an hour, three significant digits. */
	private final Histogram latencies = new Histogram(Duration.ofHours(1).toMillis(), 3);

	private final EventTimeBuckets seconds = new EventTimeBuckets(Duration.ofSeconds(1), RATE_SECONDS);

	private final EventTimeBuckets minutes = new EventTimeBuckets(Duration.ofMinutes(1), MINUTES_KEPT);

	Tally(int recentUsers) {
		this.recentUsers = recentUsers;
		this.journeys = new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Journey> eldest) {
				return size() > Tally.this.recentUsers;
			}

		};
	}

	/**
	 * Counts a record read from Kafka, unless the tally has counted its offset already; a
	 * record that could not be read ({@code event} null) only moves the position on.
	 */
	void add(@Nullable BusEvent event, TopicPartition partition, long offset) {
		if (offset < position(partition)) {
			return;
		}
		this.positions.put(partition, offset + 1);
		if (event != null) {
			add(event);
		}
	}

	void add(BusEvent event) {
		Journey journey = this.journeys.computeIfAbsent(userOf(event), (userId) -> new Journey());
		if (event instanceof UserRegistrationRequested && journey.requestedAt == NEVER) {
			journey.requestedAt = micros(event.envelope().occurredAt());
			count(Kind.REGISTERED, event.envelope().occurredAt());
			pair(journey);
		}
		else if (event instanceof UserCreated created && !journey.created) {
			journey.created = true;
			count(Kind.CREATED, created.createdAt());
		}
		else if (event instanceof EmailSent sent && journey.emailedAt == NEVER) {
			journey.emailedAt = micros(sent.sentAt());
			count(Kind.EMAILED, sent.sentAt());
			pair(journey);
		}
	}

	/** Where to resume reading a partition: the record after the last one counted. */
	long position(TopicPartition partition) {
		return this.positions.getOrDefault(partition, 0L);
	}

	private static UUID userOf(BusEvent event) {
		if (event instanceof UserEvent user) {
			return user.userId();
		}
		if (event instanceof EmailEvent email) {
			return email.userId();
		}
		throw new IllegalArgumentException("not counted: " + event.envelope().eventType());
	}

	private void count(Kind kind, Instant at) {
		this.totals[kind.ordinal()]++;
		this.seconds.add(at, kind);
		this.minutes.add(at, kind);
		this.lastEventAt = (this.lastEventAt == null || at.isAfter(this.lastEventAt)) ? at : this.lastEventAt;
	}

	/**
	 * Records the registration-to-email time once both ends are known. Both must be read
	 * while the user is among the recent ones: an email read more than {@code recentUsers}
	 * users after its registration gives no sample.
	 */
	private void pair(Journey journey) {
		if (journey.requestedAt != NEVER && journey.emailedAt != NEVER) {
			long millis = (journey.emailedAt - journey.requestedAt) / 1_000;
			this.latencies.recordValue(Math.min(Math.max(0, millis), this.latencies.getHighestTrackableValue()));
		}
	}

	Stats snapshot(Instant now) {
		return new Stats(total(Kind.REGISTERED), total(Kind.CREATED), total(Kind.EMAILED), pending(),
				this.lastEventAt, rates(now), latency(), perMinute(now));
	}

	private long total(Kind kind) {
		return this.totals[kind.ordinal()];
	}

	/** Users created minus emails sent; never negative while an email overtakes its user. */
	private long pending() {
		return Math.max(0, total(Kind.CREATED) - total(Kind.EMAILED));
	}

	private Stats.Rates rates(Instant now) {
		long[] sums = new long[Kind.values().length];
		this.seconds.window(now).values().forEach((counts) -> {
			for (int kind = 0; kind < sums.length; kind++) {
				sums[kind] += counts[kind];
			}
		});
		return new Stats.Rates(perSecond(sums[0]), perSecond(sums[1]), perSecond(sums[2]));
	}

	private static double perSecond(long count) {
		return (double) count / RATE_SECONDS;
	}

	private Stats.Latency latency() {
		long samples = this.latencies.getTotalCount();
		if (samples == 0) {
			return Stats.Latency.NONE;
		}
		return new Stats.Latency(samples, this.latencies.getValueAtPercentile(50),
				this.latencies.getValueAtPercentile(95), this.latencies.getValueAtPercentile(99),
				this.latencies.getMaxValue());
	}

	private List<Stats.Minute> perMinute(Instant now) {
		return this.minutes.window(now).entrySet().stream()
			.map((entry) -> new Stats.Minute(Instant.ofEpochMilli(entry.getKey()), entry.getValue()[0],
					entry.getValue()[1], entry.getValue()[2]))
			.toList();
	}

	/** Every partition's position, a copy. */
	Map<TopicPartition, Long> positions() {
		return Map.copyOf(this.positions);
	}

	/** Grows with every record read: tells a tally that moved from one that did not. */
	long progress() {
		return this.positions.values().stream().mapToLong(Long::longValue).sum();
	}

	/** How many users' journeys are held: at most {@code recentUsers}. */
	int recentUsersHeld() {
		return this.journeys.size();
	}

	/** The whole state with the offsets it covers: restored by {@link #readFrom}. */
	void writeTo(DataOutput out) throws IOException {
		out.writeInt(FORMAT);
		out.writeInt(this.positions.size());
		for (Map.Entry<TopicPartition, Long> position : this.positions.entrySet()) {
			out.writeUTF(position.getKey().topic());
			out.writeInt(position.getKey().partition());
			out.writeLong(position.getValue());
		}
		for (long total : this.totals) {
			out.writeLong(total);
		}
		out.writeLong((this.lastEventAt != null) ? this.lastEventAt.getEpochSecond() : NEVER);
		out.writeInt((this.lastEventAt != null) ? this.lastEventAt.getNano() : 0);
		ByteBuffer histogram = ByteBuffer.allocate(this.latencies.getNeededByteBufferCapacity());
		int length = this.latencies.encodeIntoCompressedByteBuffer(histogram);
		out.writeInt(length);
		out.write(histogram.array(), 0, length);
		this.seconds.writeTo(out);
		this.minutes.writeTo(out);
		out.writeInt(this.journeys.size());
		for (Map.Entry<UUID, Journey> entry : this.journeys.entrySet()) {
			out.writeLong(entry.getKey().getMostSignificantBits());
			out.writeLong(entry.getKey().getLeastSignificantBits());
			out.writeLong(entry.getValue().requestedAt);
			out.writeBoolean(entry.getValue().created);
			out.writeLong(entry.getValue().emailedAt);
		}
	}

	/** A tally as written by {@link #writeTo}, keeping at most {@code recentUsers} journeys. */
	static Tally readFrom(DataInput in, int recentUsers) throws IOException {
		int format = in.readInt();
		if (format != FORMAT) {
			throw new IOException("checkpoint format " + format + " is not " + FORMAT);
		}
		Tally tally = new Tally(recentUsers);
		for (int count = in.readInt(); count > 0; count--) {
			tally.positions.put(new TopicPartition(in.readUTF(), in.readInt()), in.readLong());
		}
		for (int kind = 0; kind < tally.totals.length; kind++) {
			tally.totals[kind] = in.readLong();
		}
		long lastSecond = in.readLong();
		int lastNano = in.readInt();
		tally.lastEventAt = (lastSecond != NEVER) ? Instant.ofEpochSecond(lastSecond, lastNano) : null;
		byte[] histogram = new byte[in.readInt()];
		in.readFully(histogram);
		try {
			tally.latencies.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(histogram), 0));
		}
		catch (DataFormatException ex) {
			throw new IOException("unreadable latency histogram", ex);
		}
		tally.seconds.readFrom(in);
		tally.minutes.readFrom(in);
		for (int count = in.readInt(); count > 0; count--) {
			Journey journey = new Journey();
			UUID user = new UUID(in.readLong(), in.readLong());
			journey.requestedAt = in.readLong();
			journey.created = in.readBoolean();
			journey.emailedAt = in.readLong();
			tally.journeys.put(user, journey);
		}
		return tally;
	}

	private static long micros(Instant at) {
		return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
	}

}
