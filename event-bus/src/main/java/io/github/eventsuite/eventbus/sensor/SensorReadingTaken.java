package io.github.eventsuite.eventbus.sensor;

import java.time.Instant;
import java.util.regex.Pattern;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Require;

/**
 * A device measured temperature and humidity. The record checks only what makes it a
 * reading at all (every field present, a well-formed device id, finite numbers); whether
 * the values are plausible (ranges, clock skew) is the consumer's rule, so that a reading
 * out of range still arrives and is dead-lettered with that reason.
 *
 * @param deviceId e.g. {@code sensor-1}: letters, digits and {@code . _ : -}, at most 64
 * @param takenAt when the device took the reading (event time)
 * @param temperatureCelsius air temperature in °C
 * @param humidityPercent relative humidity in %
 */
public record SensorReadingTaken(EventEnvelope envelope, String deviceId, Instant takenAt, Double temperatureCelsius,
		Double humidityPercent) implements SensorEvent {

	public static final String TYPE = "sensor.reading-taken";

	public static final int SCHEMA_VERSION = 1;

	/** What a device id looks like; the HTTP API checks the same pattern. */
	public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	public SensorReadingTaken {
		Require.schemaVersion(envelope, TYPE, SCHEMA_VERSION);
		Require.text(deviceId, "deviceId", 64);
		if (!DEVICE_ID.matcher(deviceId).matches()) {
			throw new InvalidEventException("deviceId must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
		}
		Require.present(takenAt, "takenAt");
		Require.finite(temperatureCelsius, "temperatureCelsius");
		Require.finite(humidityPercent, "humidityPercent");
	}

	/**
	 * A device takes one reading per instant: the event id is derived from device and time,
	 * so the same reading sent twice (a retried request, a redelivery) is recognised as one.
	 */
	public static SensorReadingTaken of(String deviceId, Instant takenAt, double temperatureCelsius,
			double humidityPercent, String correlationId) {
		EventEnvelope envelope = EventEnvelope.once(TYPE, SCHEMA_VERSION, deviceId + "/" + takenAt, takenAt,
				correlationId);
		return new SensorReadingTaken(envelope, deviceId, takenAt, temperatureCelsius, humidityPercent);
	}

	/**
	 * The device. {@code sensor.readings} is partitioned coarser, by the device's region,
	 * which only the producer's configuration knows: its producers publish under the region
	 * ({@code EventPublisher.publish(event, key)}). A device is in one region, so its readings
	 * still stay in order on one partition.
	 */
	@Override
	public String key() {
		return this.deviceId;
	}

}
