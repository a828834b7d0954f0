package io.github.eventsuite.sensor.pipeline;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeviceKeysTests {

	private static final String SENSOR_1_KEY = "a long random key of sensor-1";

	private static String entry(String device, String key) {
		return device + ":" + HexFormat.of().formatHex(DeviceKeys.sha256(key));
	}

	@Test
	void matchesEachDevicesOwnKeyOnly() {
		DeviceKeys keys = DeviceKeys.of(List.of(entry("sensor-1", SENSOR_1_KEY), " " + entry("sensor-2", "another key")));

		assertThat(keys.matches("sensor-1", SENSOR_1_KEY)).isTrue();
		assertThat(keys.matches("sensor-2", "another key")).isTrue();
		assertThat(keys.matches("sensor-2", SENSOR_1_KEY)).isFalse();
		assertThat(keys.matches("sensor-1", "")).isFalse();
		assertThat(keys.matches("sensor-3", SENSOR_1_KEY)).isFalse();
		assertThat(DeviceKeys.of(List.of()).isEmpty()).isTrue();
	}

	@Test
	void refusesAnEntryThatIsNotADeviceAndAHashOrADeviceTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeviceKeys.of(List.of("sensor-1:" + SENSOR_1_KEY)))
			.withMessage("sensors.device-keys: 'sensor-1:a long r...' is not device:sha256, the device's id and the"
					+ " SHA-256 of its key in 64 hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> DeviceKeys.of(List.of(entry("site:7", "a key"))))
			.withMessageStartingWith("sensors.device-keys: 'site:7:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeviceKeys.of(List.of(entry("sensor-1", "one"), entry("sensor-1", "two"))))
			.withMessage("sensors.device-keys: sensor-1 has two keys");
	}

}
