package io.github.eventsuite.sensor.pipeline;

import java.time.Instant;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

/**
 * A valid reading with what the pipeline adds: its region and heat index, and when it was
 * published (its record's timestamp, or the clock if that is earlier): how far it may move
 * its region's watermark, whenever it is read.
 */
record EnrichedReading(SensorReadingTaken reading, String region, double heatIndexCelsius, Instant publishedAt) {

	Instant takenAt() {
		return this.reading.takenAt();
	}

	double temperature() {
		return this.reading.temperatureCelsius();
	}

}
