package io.github.eventsuite.eventbus.sensor;

import java.time.Instant;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Require;

/**
 * The readings of one region in one event-time window, once the window closed. One event
 * per region and window: its event id is derived from both.
 *
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param count readings in the window, at least one
 * @param averageTemperature mean temperature in °C, rounded to hundredths
 * @param maxTemperature highest temperature in °C
 * @param lateReadings readings of the region that arrived after their own window had
 * closed, since the previous window of the region was emitted; they are not in any window
 */
public record RegionWindowClosed(EventEnvelope envelope, String region, Instant windowStart, Instant windowEnd,
		long count, Double averageTemperature, Double maxTemperature, long lateReadings) implements SensorEvent {

	public static final String TYPE = "sensor.region-window-closed";

	public static final int SCHEMA_VERSION = 1;

	public RegionWindowClosed {
		Require.schemaVersion(envelope, TYPE, SCHEMA_VERSION);
		Require.text(region, "region", 64);
		Require.present(windowStart, "windowStart");
		Require.present(windowEnd, "windowEnd");
		if (!windowEnd.isAfter(windowStart)) {
			throw new InvalidEventException("windowEnd must be after windowStart");
		}
		if (count < 1 || lateReadings < 0) {
			throw new InvalidEventException("count must be positive and lateReadings not negative");
		}
		Require.finite(averageTemperature, "averageTemperature");
		Require.finite(maxTemperature, "maxTemperature");
	}

	public static RegionWindowClosed of(String region, Instant windowStart, Instant windowEnd, long count,
			double averageTemperature, double maxTemperature, long lateReadings, String correlationId) {
		EventEnvelope envelope = EventEnvelope.once(TYPE, SCHEMA_VERSION, region + "/" + windowStart, windowEnd,
				correlationId);
		return new RegionWindowClosed(envelope, region, windowStart, windowEnd, count, averageTemperature,
				maxTemperature, lateReadings);
	}

	@Override
	public String key() {
		return this.region;
	}

}
