package io.github.eventsuite.sensor.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sensor pipeline ({@code sensors.*}), checked at start-up.
 *
 * @param maxBatchSize readings one {@code POST /api/sensors/readings} may carry
 * @param maxClockSkew how far in the future a reading's timestamp may be; a reading from
 * further ahead would push its region's watermark past every honest reading
 * @param deviceKeys {@code device:sha256} entries: the devices that may post readings, each
 * with the SHA-256 of its key ({@link DeviceKeys}); none, and no device may
 * @param deviceRateLimit how often each device may post
 * @param regions which device belongs to which region
 * @param alerts when a reading raises an alert
 * @param windows the per-region event-time windows
 * @param simulator the built-in readings generator
 */
@ConfigurationProperties("sensors")
record SensorProperties(@DefaultValue("500") int maxBatchSize, @DefaultValue("1m") Duration maxClockSkew,
		@DefaultValue List<String> deviceKeys, @DefaultValue DeviceRateLimit deviceRateLimit,
		@DefaultValue Regions regions, @DefaultValue Alerts alerts, @DefaultValue Windows windows,
		@DefaultValue Simulator simulator) {

	SensorProperties {
		deviceKeys = List.copyOf(deviceKeys);
		if (maxBatchSize < 1 || maxBatchSize > 10_000) {
			throw new IllegalArgumentException("sensors.max-batch-size must be between 1 and 10000, was " + maxBatchSize);
		}
		if (maxClockSkew.isNegative()) {
			throw new IllegalArgumentException("sensors.max-clock-skew must not be negative");
		}
	}

	/**
	 * A token bucket per device: a device over it gets {@code 429} before its body is read.
	 *
	 * @param requestsPerSecond posts per second a device may sustain (a post may be a batch)
	 * @param burst posts a device may make at once
	 */
	record DeviceRateLimit(@DefaultValue("5") double requestsPerSecond, @DefaultValue("20") int burst) {

		DeviceRateLimit {
			if (!(requestsPerSecond > 0) || burst < 1) {
				throw new IllegalArgumentException(
						"sensors.device-rate-limit needs a positive requests-per-second and burst");
			}
		}

	}

	/**
	 * @param devices device id to region
	 * @param defaultRegion the region of every device not in {@code devices}
	 */
	record Regions(@DefaultValue Map<String, String> devices, @DefaultValue("unassigned") String defaultRegion) {

		Regions {
			devices = Map.copyOf(devices);
			if (Stream.concat(Stream.of(defaultRegion), devices.values().stream()).anyMatch(Regions::unfit)) {
				throw new IllegalArgumentException(
						"sensors.regions: region names must not be blank or hold control characters");
			}
		}

		/** A control character would break the windows' store keys ({@link WindowStores}). */
		private static boolean unfit(String region) {
			return region.isBlank() || region.chars().anyMatch(Character::isISOControl);
		}

		String regionOf(String deviceId) {
			return this.devices.getOrDefault(deviceId, this.defaultRegion);
		}

	}

	/** @param highTemperature a reading above this many °C raises an alert */
	record Alerts(@DefaultValue("35") double highTemperature) {

		Alerts {
			if (!Double.isFinite(highTemperature)) {
				throw new IllegalArgumentException("sensors.alerts.high-temperature must be a number of °C");
			}
		}

	}

	/**
	 * @param size length of the tumbling windows
	 * @param allowedLateness how far behind the newest reading of its region a reading may
	 * be and still count: a window closes once the newest reading is this far past its end
	 * @param idleTimeout wall-clock time without readings after which a region's open windows
	 * close anyway, so that a quiet region still reports
	 * @param maxReadings distinct readings one window of a region holds at most (about 100
	 * bytes of heap each); more are dead-lettered as {@code window full}, so that no burst of
	 * readings can fill the heap
	 */
	record Windows(@DefaultValue("5s") Duration size, @DefaultValue("2s") Duration allowedLateness,
			@DefaultValue("10s") Duration idleTimeout, @DefaultValue("20000") int maxReadings) {

		Windows {
			if (size.toMillis() < 1 || allowedLateness.isNegative() || idleTimeout.toMillis() < 1) {
				throw new IllegalArgumentException(
						"sensors.windows needs a positive size and idle-timeout and a non-negative allowed-lateness");
			}
			if (maxReadings < 1 || maxReadings > 1_000_000) {
				throw new IllegalArgumentException(
						"sensors.windows.max-readings must be between 1 and 1000000, was " + maxReadings);
			}
		}

	}

	/**
	 * @param enabled whether to generate readings at all
	 * @param devices readings come from {@code sensor-1} to {@code sensor-<devices>}
	 * @param rate readings per second, all devices together
	 * @param invalidRatio share of readings made out of range on purpose (they end on the
	 * dead-letter topic), 0 to 1
	 */
	record Simulator(@DefaultValue("false") boolean enabled, @DefaultValue("6") int devices,
			@DefaultValue("5") double rate, @DefaultValue("0") double invalidRatio) {

		Simulator {
			if (devices < 1 || devices > 10_000) {
				throw new IllegalArgumentException("sensors.simulator.devices must be between 1 and 10000, was " + devices);
			}
			if (!(rate > 0 && rate <= 1000)) {
				throw new IllegalArgumentException("sensors.simulator.rate must be above 0 and at most 1000, was " + rate);
			}
			if (!(invalidRatio >= 0 && invalidRatio <= 1)) {
				throw new IllegalArgumentException("sensors.simulator.invalid-ratio must be between 0 and 1, was " + invalidRatio);
			}
		}

	}

}
