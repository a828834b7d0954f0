package io.github.eventsuite.analytics.sensors;

import java.time.Instant;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

/** A valid reading with what the pipeline adds: its region and heat index. */
record EnrichedReading(SensorReadingTaken reading, String region, double heatIndexCelsius) {

	Instant takenAt() {
		return this.reading.takenAt();
	}

	double temperature() {
		return this.reading.temperatureCelsius();
	}

}
