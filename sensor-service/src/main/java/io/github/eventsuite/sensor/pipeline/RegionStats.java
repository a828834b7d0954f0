package io.github.eventsuite.sensor.pipeline;

import java.time.Instant;

import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;

/**
 * One closed window of a region, as {@code GET /api/sensors/regions} and the dashboard show
 * it, and as {@code sensor.region-stats} carries it.
 *
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param averageTemperature °C, rounded to hundredths
 * @param lateReadings readings of the region that came after their window had closed,
 * since the region's previous window
 */
record RegionStats(String region, Instant windowStart, Instant windowEnd, long count, double averageTemperature,
		double maxTemperature, long lateReadings) {

	static RegionStats of(RegionWindowClosed event) {
		return new RegionStats(event.region(), event.windowStart(), event.windowEnd(), event.count(),
				event.averageTemperature(), event.maxTemperature(), event.lateReadings());
	}

	RegionWindowClosed toEvent(String correlationId) {
		return RegionWindowClosed.of(this.region, this.windowStart, this.windowEnd, this.count,
				this.averageTemperature, this.maxTemperature, this.lateReadings, correlationId);
	}

}
