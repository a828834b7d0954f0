package io.github.eventsuite.sensor.pipeline;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Where the sensor windows live: three in-memory key-value stores, each of which Kafka
 * Streams logs to a compacted changelog topic and restores from it when a partition of
 * {@code sensor.readings} is taken up, after a restart, a {@code kill -9}, or a move to
 * another instance. In memory, not in RocksDB: a window holds at most
 * {@code sensors.windows.max-readings} readings and closes within seconds, and RocksDB
 * would add tens of megabytes of native memory to every instance.
 * <p>
 * Keys sort like the windows: a region, then a window's start, then a reading's event id,
 * separated by a character no region name may hold.
 */
final class WindowStores {

	/** Region → {@link RegionClock}. */
	static final String REGIONS = "sensor-regions";

	/** Region and window start → {@link WindowTotals}: the region's open windows, oldest first. */
	static final String WINDOWS = "sensor-windows";

	/** Region, window start and event id → nothing: the readings an open window holds, so a repeat counts once. */
	static final String READINGS = "sensor-window-readings";

	static final String[] NAMES = { REGIONS, WINDOWS, READINGS };

	static final char SEPARATOR = '\u001F';

	private WindowStores() {
	}

	static List<StoreBuilder<? extends KeyValueStore<String, ?>>> builders() {
		return List.of(store(REGIONS, RegionClock.SERDE), store(WINDOWS, WindowTotals.SERDE),
				store(READINGS, Serdes.ByteArray()));
	}

	private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
		return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values);
	}

	/** The prefix of every key of a region's windows. */
	static String regionPrefix(String region) {
		return region + SEPARATOR;
	}

	/** Unsigned hex of the start flipped at the sign bit: sorts as the start does, also before 1970. */
	static String windowKey(String region, long start) {
		return regionPrefix(region) + "%016x".formatted(start ^ Long.MIN_VALUE);
	}

	static String readingPrefix(String windowKey) {
		return windowKey + SEPARATOR;
	}

	/**
	 * Where a region's windows stand.
	 *
	 * @param closedUpTo every window ending at or before this (epoch ms) is closed
	 * @param newest the newest event time of the region's readings (epoch ms)
	 * @param late readings that came after their window had closed since the region's last
	 * closed window
	 */
	record RegionClock(long closedUpTo, long newest, long late) {

		static final RegionClock NEW = new RegionClock(Long.MIN_VALUE, Long.MIN_VALUE, 0);

		static final Serde<RegionClock> SERDE = Serdes.serdeFrom(
				(Serializer<RegionClock>) (topic, clock) -> (clock == null) ? null
						: ByteBuffer.allocate(24).putLong(clock.closedUpTo).putLong(clock.newest).putLong(clock.late).array(),
				(Deserializer<RegionClock>) (topic, bytes) -> {
					if (bytes == null) {
						return null;
					}
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					return new RegionClock(buffer.getLong(), buffer.getLong(), buffer.getLong());
				});

		RegionClock withOneMoreLate() {
			return new RegionClock(this.closedUpTo, this.newest, this.late + 1);
		}

		RegionClock withNewest(long eventTime) {
			return new RegionClock(this.closedUpTo, Math.max(this.newest, eventTime), this.late);
		}

	}

	/** The sum, maximum and count of one open window's readings, and its start (epoch ms). */
	record WindowTotals(long start, long count, double sum, double max) {

		static final Serde<WindowTotals> SERDE = Serdes.serdeFrom(
				(Serializer<WindowTotals>) (topic, totals) -> (totals == null) ? null
						: ByteBuffer.allocate(32).putLong(totals.start).putLong(totals.count).putDouble(totals.sum)
							.putDouble(totals.max).array(),
				(Deserializer<WindowTotals>) (topic, bytes) -> {
					if (bytes == null) {
						return null;
					}
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					return new WindowTotals(buffer.getLong(), buffer.getLong(), buffer.getDouble(), buffer.getDouble());
				});

		static WindowTotals empty(long start) {
			return new WindowTotals(start, 0, 0, Double.NEGATIVE_INFINITY);
		}

		WindowTotals plus(double temperature) {
			return new WindowTotals(this.start, this.count + 1, this.sum + temperature, Math.max(this.max, temperature));
		}

	}

}
