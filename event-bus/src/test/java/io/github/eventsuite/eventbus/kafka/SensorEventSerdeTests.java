package io.github.eventsuite.eventbus.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SensorEventSerdeTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	private final EventSerializer serializer = new EventSerializer();

	private final EventDeserializer deserializer = new EventDeserializer();

	@Test
	void roundTripsEverySensorEventOnItsTopic() {
		var reading = SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "c");
		var alert = SensorAlertRaised.of("sensor-1", "north", T0, 41.0, 40.0, 44.6, 35.0, "too hot", "c");
		var window = RegionWindowClosed.of("north", T0, T0.plusSeconds(5), 3, 22.5, 24.0, 1, "c");

		assertThat(roundTrip(Topics.SENSOR_READINGS, reading)).isEqualTo(reading);
		assertThat(roundTrip(Topics.SENSOR_ALERTS, alert)).isEqualTo(alert);
		assertThat(roundTrip(Topics.SENSOR_REGION_STATS, window)).isEqualTo(window);
		assertThat(Topics.topicOf(reading)).isEqualTo("sensor.readings");
		assertThat(Topics.topicOf(alert)).isEqualTo("sensor.alerts");
		assertThat(Topics.topicOf(window)).isEqualTo("sensor.region-stats");
	}

	@Test
	void keysReadingsAndAlertsByDeviceAndWindowsByRegion() {
		assertThat(SensorReadingTaken.of("sensor-7", T0, 20.0, 50.0, "c").key()).isEqualTo("sensor-7");
		assertThat(SensorAlertRaised.of("sensor-7", "south", T0, 40.0, 50.0, 50.0, 35.0, "hot", "c").key())
			.isEqualTo("sensor-7");
		assertThat(RegionWindowClosed.of("south", T0, T0.plusSeconds(5), 1, 20.0, 20.0, 0, "c").key())
			.isEqualTo("south");
	}

	@Test
	void givesTheSameReadingTheSameEventId() {
		assertThat(SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "a").envelope().eventId())
			.isEqualTo(SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "b").envelope().eventId())
			.isNotEqualTo(SensorReadingTaken.of("sensor-1", T0.plusMillis(1), 21.5, 40.0, "a").envelope().eventId());
	}

	@Test
	void rejectsAReadingWithoutTemperatureNamingTheField() {
		String json = json(SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "c")).replace(",\"temperatureCelsius\":21.5", "");

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> deserialize(Topics.SENSOR_READINGS, json))
			.withMessage("sensor.readings: temperatureCelsius is required");
	}

	@Test
	void rejectsMalformedDeviceIdsButLeavesRangesToTheConsumer() {
		String json = json(SensorReadingTaken.of("sensor-1", T0, 21.5, 40.0, "c")).replace("\"sensor-1\"", "\"sensor 1\"");

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> deserialize(Topics.SENSOR_READINGS, json))
			.withMessage("sensor.readings: deviceId must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
		assertThat(SensorReadingTaken.of("sensor-1", T0, 99.0, 140.0, "c").temperatureCelsius()).isEqualTo(99.0);
	}

	@Test
	void rejectsNonFiniteNumbers() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> SensorReadingTaken.of("sensor-1", T0, Double.NaN, 40.0, "c"))
			.withMessage("temperatureCelsius must be a finite number");
	}

	@Test
	void rejectsEmptyWindows() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> RegionWindowClosed.of("north", T0, T0.plusSeconds(5), 0, 0.0, 0.0, 0, "c"))
			.withMessage("count must be positive and lateReadings not negative");
	}

	private String json(Object event) {
		return new String(this.serializer.serialize(null, event), StandardCharsets.UTF_8);
	}

	private Object roundTrip(String topic, Object event) {
		return this.deserializer.deserialize(topic, this.serializer.serialize(topic, event));
	}

	private Object deserialize(String topic, String json) {
		return this.deserializer.deserialize(topic, json.getBytes(StandardCharsets.UTF_8));
	}

}
