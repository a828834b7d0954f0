package io.github.eventsuite.eventbus.sensor;

import java.time.Instant;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.Require;

/**
 * A reading crossed an alert threshold. At most one alert per reading: its event id is
 * derived from the reading's device and time.
 *
 * @param region the region the device belongs to
 * @param takenAt when the reading was taken
 * @param heatIndexCelsius the apparent temperature of the reading
 * @param thresholdCelsius the threshold that was crossed
 * @param reason what was crossed, in words
 */
public record SensorAlertRaised(EventEnvelope envelope, String deviceId, String region, Instant takenAt,
		Double temperatureCelsius, Double humidityPercent, Double heatIndexCelsius, Double thresholdCelsius,
		String reason) implements SensorEvent {

	public static final String TYPE = "sensor.alert-raised";

	public static final int SCHEMA_VERSION = 1;

	public SensorAlertRaised {
		Require.schemaVersion(envelope, TYPE, SCHEMA_VERSION);
		Require.text(deviceId, "deviceId", 64);
		Require.text(region, "region", 64);
		Require.present(takenAt, "takenAt");
		Require.finite(temperatureCelsius, "temperatureCelsius");
		Require.finite(humidityPercent, "humidityPercent");
		Require.finite(heatIndexCelsius, "heatIndexCelsius");
		Require.finite(thresholdCelsius, "thresholdCelsius");
		Require.text(reason, "reason", 250);
	}

	public static SensorAlertRaised of(String deviceId, String region, Instant takenAt, double temperatureCelsius,
			double humidityPercent, double heatIndexCelsius, double thresholdCelsius, String reason,
			String correlationId) {
		EventEnvelope envelope = EventEnvelope.once(TYPE, SCHEMA_VERSION, deviceId + "/" + takenAt, Instant.now(),
				correlationId);
		return new SensorAlertRaised(envelope, deviceId, region, takenAt, temperatureCelsius, humidityPercent,
				heatIndexCelsius, thresholdCelsius, reason);
	}

	@Override
	public String key() {
		return this.deviceId;
	}

}
