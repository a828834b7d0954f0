package io.github.eventsuite.analytics.sensors;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.publisher.Mono;

/**
 * One reading through the pipeline: validate, enrich (region, heat index), raise an alert if
 * it is too hot, put it into its region's window. A reading that cannot count fails with
 * {@link InvalidEventException}, whose message becomes the dead-letter reason.
 */
@Component
class SensorPipeline {

	private final ReadingRules rules;

	private final SensorProperties properties;

	private final EventPublisher publisher;

	private final LiveRegionWindows windows;

	SensorPipeline(SensorProperties properties, Clock clock, EventPublisher publisher, LiveRegionWindows windows) {
		this.rules = new ReadingRules(clock, properties.maxClockSkew());
		this.properties = properties;
		this.publisher = publisher;
		this.windows = windows;
	}

	/** The alert, if any, is in Kafka before the reading is offered to its window. */
	Mono<Void> process(SensorReadingTaken reading) {
		return Mono.defer(() -> {
			validate(reading);
			EnrichedReading enriched = enrich(reading);
			return raiseAlertIfHot(enriched).then(this.windows.offer(enriched));
		});
	}

	private void validate(SensorReadingTaken reading) {
		problem("temperatureCelsius", ReadingRules.temperature(reading.temperatureCelsius()));
		problem("humidityPercent", ReadingRules.humidity(reading.humidityPercent()));
		problem("takenAt", this.rules.timestamp(reading.takenAt()));
	}

	private static void problem(String field, Optional<String> problem) {
		problem.ifPresent((message) -> {
			throw new InvalidEventException("invalid reading: " + field + " " + message);
		});
	}

	EnrichedReading enrich(SensorReadingTaken reading) {
		double heatIndex = HeatIndex.celsius(reading.temperatureCelsius(), reading.humidityPercent());
		return new EnrichedReading(reading, this.properties.regions().regionOf(reading.deviceId()), heatIndex);
	}

	private Mono<Void> raiseAlertIfHot(EnrichedReading enriched) {
		double threshold = this.properties.alerts().highTemperature();
		if (enriched.temperature() <= threshold) {
			return Mono.empty();
		}
		SensorReadingTaken reading = enriched.reading();
		SensorAlertRaised alert = SensorAlertRaised.of(reading.deviceId(), enriched.region(), reading.takenAt(),
				reading.temperatureCelsius(), reading.humidityPercent(), round(enriched.heatIndexCelsius()), threshold,
				"high temperature: " + reading.temperatureCelsius() + " °C is above " + threshold + " °C",
				reading.envelope().correlationId());
		return this.publisher.publish(alert).then();
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
