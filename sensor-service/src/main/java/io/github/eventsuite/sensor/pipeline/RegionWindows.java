package io.github.eventsuite.sensor.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.github.eventsuite.sensor.pipeline.WindowStores.RegionClock;
import io.github.eventsuite.sensor.pipeline.WindowStores.WindowTotals;

/**
 * The tumbling windows, on event time, of the regions of one partition of
 * {@code sensor.readings}, kept in {@link WindowStores}. The late-data rule:
 * <ul>
 * <li>the watermark is the newest reading's time minus the allowed lateness; every window
 * that ends at or before it closes. A reading from ahead of when it was published (a
 * device's clock runs fast, within {@code sensors.max-clock-skew}) counts in its window but
 * moves the watermark only up to its publication: otherwise one fast clock would make every
 * honest reading of its region late, also in a backlog read long after;</li>
 * <li>a region without readings for the idle timeout (wall-clock time, counted from when
 * this task took the region up) closes its open windows, so a region whose devices stop
 * still reports its last window;</li>
 * <li>a reading whose window is still open counts, however out of order it arrives;</li>
 * <li>a reading whose window has closed is in no window: it is signalled {@code Late},
 * and counted in the {@code lateReadings} of the region's next closed window;</li>
 * <li>a window holds at most {@code maxReadings} distinct readings (it keeps their event
 * ids, so that a repeat counts once): one more is signalled {@code Full} and is in no
 * window. A repeat of a reading it holds is still accepted.</li>
 * </ul>
 * Not thread-safe: a Kafka Streams task is serial.
 */
final class RegionWindows {

	private static final StringSerializer KEYS = new StringSerializer();

	private static final byte[] HELD = new byte[0];

	private final KeyValueStore<String, RegionClock> regions;

	private final KeyValueStore<String, WindowTotals> windows;

	private final KeyValueStore<String, byte[]> readings;

	private final long sizeMillis;

	private final long latenessMillis;

	private final long idleMillis;

	private final int maxReadings;

	/** Wall-clock time of each region's last reading; kept in memory only, as the idle timeout is. */
	private final Map<String, Long> lastReadAt = new HashMap<>();

	private final long takenUpAt;

	RegionWindows(ProcessingContext context, SensorProperties.Windows settings) {
		this.regions = context.getStateStore(WindowStores.REGIONS);
		this.windows = context.getStateStore(WindowStores.WINDOWS);
		this.readings = context.getStateStore(WindowStores.READINGS);
		this.sizeMillis = settings.size().toMillis();
		this.latenessMillis = settings.allowedLateness().toMillis();
		this.idleMillis = settings.idleTimeout().toMillis();
		this.maxReadings = settings.maxReadings();
		this.takenUpAt = context.currentSystemTimeMs();
	}

	/** Empty if the reading is in its window and closes none; else why it is refused, or the windows it closes. */
	List<WindowSignal> add(EnrichedReading reading, long now) {
		String region = reading.region();
		this.lastReadAt.put(region, now);
		RegionClock clock = Objects.requireNonNullElse(this.regions.get(region), RegionClock.NEW);
		long start = windowStart(reading.takenAt().toEpochMilli());
		if (start + this.sizeMillis <= clock.closedUpTo()) {
			this.regions.put(region, clock.withOneMoreLate());
			return List.of(new WindowSignal.Late(reading, Instant.ofEpochMilli(start),
					Instant.ofEpochMilli(clock.closedUpTo())));
		}
		String window = WindowStores.windowKey(region, start);
		String held = WindowStores.readingPrefix(window) + reading.reading().envelope().eventId();
		if (this.readings.get(held) == null) {
			WindowTotals totals = Objects.requireNonNullElse(this.windows.get(window), WindowTotals.empty(start));
			if (totals.count() >= this.maxReadings) {
				return List.of(new WindowSignal.Full(reading, Instant.ofEpochMilli(start), this.maxReadings));
			}
			this.readings.put(held, HELD);
			this.windows.put(window, totals.plus(reading.temperature()));
		}
		long eventTime = Math.min(reading.takenAt().toEpochMilli(), reading.publishedAt().toEpochMilli());
		RegionClock advanced = clock.withNewest(eventTime);
		List<WindowSignal> signals = new ArrayList<>();
		closeUpTo(region, advanced, windowStart(advanced.newest() - this.latenessMillis), signals);
		return signals;
	}

	/** Closes whatever is open in the regions without a reading for the idle timeout. */
	List<WindowSignal> closeIdle(long now) {
		List<WindowSignal> signals = new ArrayList<>();
		for (KeyValue<String, RegionClock> region : regionsIn(this.regions)) {
			long quietSince = this.lastReadAt.getOrDefault(region.key, this.takenUpAt);
			List<WindowTotals> open = openWindows(region.key);
			if (now - quietSince >= this.idleMillis && !open.isEmpty()) {
				closeUpTo(region.key, region.value, open.get(open.size() - 1).start() + this.sizeMillis, signals);
			}
		}
		return signals;
	}

	/** Closes the windows that end at or before {@code boundary}, a window boundary. */
	private void closeUpTo(String region, RegionClock clock, long boundary, List<WindowSignal> signals) {
		long closedUpTo = Math.max(clock.closedUpTo(), boundary);
		long late = clock.late();
		for (WindowTotals window : openWindows(region)) {
			if (window.start() + this.sizeMillis > closedUpTo) {
				break;
			}
			signals.add(new WindowSignal.Closed(stats(region, window, late)));
			late = 0;
			forget(region, window.start());
		}
		RegionClock closed = new RegionClock(closedUpTo, clock.newest(), late);
		if (!closed.equals(this.regions.get(region))) {
			this.regions.put(region, closed);
		}
	}

	private RegionStats stats(String region, WindowTotals window, long late) {
		double average = Math.round(window.sum() / window.count() * 100) / 100.0;
		Instant start = Instant.ofEpochMilli(window.start());
		return new RegionStats(region, start, start.plusMillis(this.sizeMillis), window.count(), average, window.max(),
				late);
	}

	private void forget(String region, long start) {
		String window = WindowStores.windowKey(region, start);
		try (KeyValueIterator<String, byte[]> held = this.readings.prefixScan(WindowStores.readingPrefix(window), KEYS)) {
			List<String> keys = new ArrayList<>();
			held.forEachRemaining((reading) -> keys.add(reading.key));
			keys.forEach(this.readings::delete);
		}
		this.windows.delete(window);
	}

	private List<WindowTotals> openWindows(String region) {
		try (KeyValueIterator<String, WindowTotals> open = this.windows.prefixScan(WindowStores.regionPrefix(region),
				KEYS)) {
			List<WindowTotals> windows = new ArrayList<>();
			open.forEachRemaining((window) -> windows.add(window.value));
			return windows;
		}
	}

	private static List<KeyValue<String, RegionClock>> regionsIn(KeyValueStore<String, RegionClock> regions) {
		try (KeyValueIterator<String, RegionClock> all = regions.all()) {
			List<KeyValue<String, RegionClock>> list = new ArrayList<>();
			all.forEachRemaining(list::add);
			return list;
		}
	}

	private long windowStart(long at) {
		return Math.floorDiv(at, this.sizeMillis) * this.sizeMillis;
	}

}
