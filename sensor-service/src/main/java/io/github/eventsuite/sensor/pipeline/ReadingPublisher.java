package io.github.eventsuite.sensor.pipeline;

import java.util.List;

import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.publisher.Mono;

/**
 * Publishes readings to {@code sensor.readings} keyed by their device's region, not by the
 * device: the windows are per region, so all of a region's readings must reach the one
 * instance that owns the region's partition, or several instances would each close a part
 * of the same window. Every instance must therefore share the device → region map. A device
 * is in one region, so its readings still keep their order.
 */
@Component
class ReadingPublisher {

	private final SensorProperties.Regions regions;

	private final EventPublisher publisher;

	ReadingPublisher(SensorProperties properties, EventPublisher publisher) {
		this.regions = properties.regions();
		this.publisher = publisher;
	}

	Mono<Void> publish(SensorReadingTaken reading) {
		return this.publisher.publish(reading, regionOf(reading)).then();
	}

	/** In their order; completes once Kafka has acknowledged every one. */
	Mono<Void> publishAll(List<SensorReadingTaken> readings) {
		return this.publisher.publishAll(readings, this::regionOf);
	}

	private String regionOf(SensorReadingTaken reading) {
		return this.regions.regionOf(reading.deviceId());
	}

}
