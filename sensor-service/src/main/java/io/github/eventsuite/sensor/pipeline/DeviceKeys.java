package io.github.eventsuite.sensor.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key each device posts its readings with, known by its SHA-256 only
 * ({@code sensors.device-keys}: entries {@code device:sha256-hex}). A key is a long random
 * value (a password people choose would want a slow hash such as BCrypt, which at ~50 ms per
 * request no device could afford), so its SHA-256 is as safe to keep as the hash of a token.
 */
final class DeviceKeys {

	/** A device id as readings have it, but without ':', which HTTP Basic cannot carry in a user name. */
	private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]{1,64}):([0-9a-fA-F]{64})");

	private final Map<String, byte[]> sha256ByDevice;

	private DeviceKeys(Map<String, byte[]> sha256ByDevice) {
		this.sha256ByDevice = Map.copyOf(sha256ByDevice);
	}

	/** The entries as configured; a malformed or repeated one fails the start, naming it. */
	static DeviceKeys of(List<String> entries) {
		Map<String, byte[]> keys = new HashMap<>();
		for (String entry : entries) {
			Matcher device = ENTRY.matcher(entry.strip());
			if (!device.matches()) {
				throw new IllegalArgumentException("sensors.device-keys: '" + abbreviated(entry)
						+ "' is not device:sha256, the device's id and the SHA-256 of its key in 64 hex digits");
			}
			if (keys.put(device.group(1), HexFormat.of().parseHex(device.group(2))) != null) {
				throw new IllegalArgumentException("sensors.device-keys: " + device.group(1) + " has two keys");
			}
		}
		return new DeviceKeys(keys);
	}

	/** Whether {@code key} is the device's, compared in constant time. */
	boolean matches(String device, String key) {
		byte[] expected = this.sha256ByDevice.get(device);
		return expected != null && MessageDigest.isEqual(expected, sha256(key));
	}

	boolean isEmpty() {
		return this.sha256ByDevice.isEmpty();
	}

	int size() {
		return this.sha256ByDevice.size();
	}

	static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** A hash mistaken for something else should not end up whole in a log. */
	private static String abbreviated(String entry) {
		return (entry.length() <= 20) ? entry : entry.substring(0, 17) + "...";
	}

}
