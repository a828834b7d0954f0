package io.github.eventsuite.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One service's heap in use during a soak, as the lowest sample of each minute: an upper
 * bound of what is live (garbage promoted to the old generation stays there until a full
 * collection). A heap that holds state per registration raises its floor minute after
 * minute; one that holds only what is in flight keeps it flat.
 */
final class HeapFloors {

	private static final long MINUTE_NANOS = 60_000_000_000L;

	/** A minute counts once it has this many of its one-second samples: the last, cut short, does not. */
	private static final int SAMPLES_PER_MINUTE = 50;

	private final List<Long> floors = new ArrayList<>();

	private final List<Integer> samples = new ArrayList<>();

	private long maxBytes = -1;

	/** A sample taken {@code elapsedNanos} into the soak. */
	synchronized void record(long elapsedNanos, long usedBytes, long maxBytes) {
		int minute = (int) (elapsedNanos / MINUTE_NANOS);
		while (this.floors.size() <= minute) {
			this.floors.add(Long.MAX_VALUE);
			this.samples.add(0);
		}
		this.floors.set(minute, Math.min(this.floors.get(minute), usedBytes));
		this.samples.set(minute, this.samples.get(minute) + 1);
		this.maxBytes = Math.max(this.maxBytes, maxBytes);
	}

	/** The floor of each whole minute, in MB. */
	synchronized List<Double> floorsMb() {
		List<Double> whole = new ArrayList<>();
		for (int minute = 0; minute < this.floors.size(); minute++) {
			if (this.samples.get(minute) >= SAMPLES_PER_MINUTE) {
				whole.add(mb(this.floors.get(minute)));
			}
		}
		return whole;
	}

	/** The last minute's floor less the first's, in MB; NaN with fewer than two minutes. */
	synchronized double growthMb() {
		List<Double> floors = floorsMb();
		return (floors.size() < 2) ? Double.NaN : floors.get(floors.size() - 1) - floors.get(0);
	}

	synchronized double maxMb() {
		return (this.maxBytes < 0) ? Double.NaN : mb(this.maxBytes);
	}

	/** Flat: the floor grew by less than a tenth of the heap's limit over the soak. */
	synchronized boolean flat() {
		double growth = growthMb();
		return !Double.isNaN(growth) && !Double.isNaN(maxMb()) && growth < maxMb() / 10;
	}

	private static double mb(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

}
