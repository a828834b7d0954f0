package io.github.eventsuite.analytics.sensors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The tumbling windows of one region, folded over event time. The late-data rule:
 * <ul>
 * <li>the watermark is the newest reading's time minus the allowed lateness; every window
 * that ends at or before it closes (and on idle, every open window closes). A reading from
 * ahead of when it was published (a device's clock runs fast, within
 * {@code sensors.max-clock-skew}) counts in its window but moves the watermark only up to
 * its publication: otherwise one fast clock would make every honest reading of its region
 * late, also in a backlog read long after;</li>
 * <li>a reading whose window is still open counts, however out of order it arrives;</li>
 * <li>a reading whose window has closed is in no window: it is signalled {@code Late},
 * and counted in the {@code lateReadings} of the region's next closed window;</li>
 * <li>a window holds at most {@code maxReadings} distinct readings (it keeps their event
 * ids, so that a repeat counts once): one more is signalled {@code Full} and is in no
 * window. A repeat of a reading it holds is still accepted.</li>
 * </ul>
 * Not thread-safe: the stream it serves is serial.
 */
final class RegionWindowState {

	private final String region;

	private final long sizeMillis;

	private final Duration allowedLateness;

	private final int maxReadings;

	private final TreeMap<Instant, Window> open = new TreeMap<>();

	/** Every window ending at or before this instant is closed. */
	private Instant closedUpTo = Instant.MIN;

	private Instant newest = Instant.MIN;

	private long lateSinceLastClosed;

	RegionWindowState(String region, SensorProperties.Windows settings) {
		this.region = region;
		this.sizeMillis = settings.size().toMillis();
		this.allowedLateness = settings.allowedLateness();
		this.maxReadings = settings.maxReadings();
	}

	List<WindowSignal> add(EnrichedReading reading) {
		Instant start = windowStart(reading.takenAt());
		Instant end = start.plusMillis(this.sizeMillis);
		if (!end.isAfter(this.closedUpTo)) {
			this.lateSinceLastClosed++;
			return List.of(new WindowSignal.Late(reading, start, this.closedUpTo));
		}
		Window window = this.open.computeIfAbsent(start, (key) -> new Window());
		if (!window.add(reading)) {
			return List.of(new WindowSignal.Full(reading, start, this.maxReadings));
		}
		Instant eventTime = reading.takenAt().isAfter(reading.publishedAt()) ? reading.publishedAt() : reading.takenAt();
		if (eventTime.isAfter(this.newest)) {
			this.newest = eventTime;
		}
		List<WindowSignal> signals = new ArrayList<>();
		signals.add(new WindowSignal.Accepted(reading));
		closeUpTo(windowStart(this.newest.minus(this.allowedLateness)), signals);
		return signals;
	}

	/** No reading for a while: whatever is open closes. */
	List<WindowSignal> idle() {
		if (this.open.isEmpty()) {
			return List.of();
		}
		List<WindowSignal> signals = new ArrayList<>();
		closeUpTo(this.open.lastKey().plusMillis(this.sizeMillis), signals);
		return signals;
	}

	/** Closes the windows that end at or before {@code boundary}, a window boundary. */
	private void closeUpTo(Instant boundary, List<WindowSignal> signals) {
		if (boundary.isAfter(this.closedUpTo)) {
			this.closedUpTo = boundary;
		}
		Map<Instant, Window> closing = this.open.headMap(this.closedUpTo.minusMillis(this.sizeMillis), true);
		closing.forEach((start, window) -> signals.add(new WindowSignal.Closed(window.stats(start))));
		closing.clear();
	}

	private Instant windowStart(Instant at) {
		return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), this.sizeMillis) * this.sizeMillis);
	}

	private final class Window {

		private final Set<UUID> eventIds = new HashSet<>();

		private double sum;

		private double max = Double.NEGATIVE_INFINITY;

		/** False if the window is full: a reading it holds already is a repeat, and fits. */
		boolean add(EnrichedReading reading) {
			UUID eventId = reading.reading().envelope().eventId();
			if (this.eventIds.contains(eventId)) {
				return true;
			}
			if (this.eventIds.size() >= RegionWindowState.this.maxReadings) {
				return false;
			}
			this.eventIds.add(eventId);
			this.sum += reading.temperature();
			this.max = Math.max(this.max, reading.temperature());
			return true;
		}

		RegionStats stats(Instant start) {
			long count = this.eventIds.size();
			double average = Math.round(this.sum / count * 100) / 100.0;
			long late = RegionWindowState.this.lateSinceLastClosed;
			RegionWindowState.this.lateSinceLastClosed = 0;
			return new RegionStats(RegionWindowState.this.region, start, start.plusMillis(RegionWindowState.this.sizeMillis),
					count, average, this.max, late);
		}

	}

}
