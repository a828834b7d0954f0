package io.github.eventsuite.sensor.pipeline;

import java.time.Instant;

/** What a reading does to the windows besides counting: it is refused, or it closes windows. */
sealed interface WindowSignal {

	/** The reading is in no window; {@link #reason()} says why (it ends on the dead-letter topic). */
	sealed interface Refused extends WindowSignal {

		EnrichedReading reading();

		String reason();

	}

	/** The reading's window had closed: it is in no window, only counted as late. */
	record Late(EnrichedReading reading, Instant windowStart, Instant closedUpTo) implements Refused {

		@Override
		public String reason() {
			return "late: reading of " + this.reading.takenAt() + " for region '" + this.reading.region()
					+ "' belongs to window " + this.windowStart + ", which closed (windows up to " + this.closedUpTo
					+ " are closed)";
		}

	}

	/** The reading's window holds as many readings as it may ({@code sensors.windows.max-readings}). */
	record Full(EnrichedReading reading, Instant windowStart, int maxReadings) implements Refused {

		@Override
		public String reason() {
			return "window full: window " + this.windowStart + " of region '" + this.reading.region() + "' holds "
					+ this.maxReadings + " readings already (sensors.windows.max-readings)";
		}

	}

	record Closed(RegionStats stats) implements WindowSignal {

	}

}
