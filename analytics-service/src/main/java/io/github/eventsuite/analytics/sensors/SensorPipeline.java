package io.github.eventsuite.analytics.sensors;

import java.time.Clock;
import java.time.Instant;
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

	private final Clock clock;

	private final SensorProperties properties;

	private final EventPublisher publisher;

	private final LiveRegionWindows windows;

	SensorPipeline(SensorProperties properties, Clock clock, EventPublisher publisher, LiveRegionWindows windows) {
		this.rules = new ReadingRules(clock, properties.maxClockSkew());
		this.clock = clock;
		this.properties = properties;
		this.publisher = publisher;
		this.windows = windows;
	}

	/**
	 * The alert, if any, is in Kafka before the reading is offered to its window.
	 * {@code publishedAt}, its record's timestamp, is the "now" the reading is judged by: a
	 * backlog read an hour later is held to the same rule as when it was sent. A record
	 * dated ahead of the clock counts as published now.
	 */
	Mono<Void> process(SensorReadingTaken reading, Instant publishedAt) {
		return Mono.defer(() -> {
			Instant sentAt = publishedAt.isBefore(this.clock.instant()) ? publishedAt : this.clock.instant();
			validate(reading, sentAt);
			EnrichedReading enriched = enrich(reading, sentAt);
			return raiseAlertIfHot(enriched).then(this.windows.offer(enriched));
		});
	}

	private void validate(SensorReadingTaken reading, Instant publishedAt) {
		problem("temperatureCelsius", ReadingRules.temperature(reading.temperatureCelsius()));
		problem("humidityPercent", ReadingRules.humidity(reading.humidityPercent()));
		problem("takenAt", this.rules.timestamp(reading.takenAt(), publishedAt));
	}

	private static void problem(String field, Optional<String> problem) {
		problem.ifPresent((message) -> {
			throw new InvalidEventException("invalid reading: " + field + " " + message);
		});
	}

	EnrichedReading enrich(SensorReadingTaken reading, Instant publishedAt) {
		double heatIndex = HeatIndex.celsius(reading.temperatureCelsius(), reading.humidityPercent());
		return new EnrichedReading(reading, this.properties.regions().regionOf(reading.deviceId()), heatIndex,
				publishedAt);
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
