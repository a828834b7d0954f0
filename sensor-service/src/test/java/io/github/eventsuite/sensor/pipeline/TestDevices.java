package io.github.eventsuite.sensor.pipeline;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;

/** The devices the tests post readings for: each has the key {@value #KEY} (test application.properties). */
final class TestDevices {

	static final String KEY = "test-device-key";

	private TestDevices() {
	}

	static Consumer<HttpHeaders> signedInAs(String device) {
		return (headers) -> headers.setBasicAuth(device, KEY);
	}

}
