package io.github.eventsuite.sensor.pipeline;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;


import static org.assertj.core.api.Assertions.assertThat;

@WebFluxTest(value = ReadingsController.class, properties = { "sensors.device-rate-limit.requests-per-second=0.01",
		"sensors.device-rate-limit.burst=2" })
@Import({ SensorConfiguration.class, ReadingPublisher.class, ReadingsControllerTests.Kafka.class,
		DeviceSecurity.class })
class DeviceRateLimitTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ReadingsControllerTests.RecordingPublisher kafka;

	@Test
	void turnsAwayADevicePastItsBurstWithRetryAfterAndLetsAnotherThrough() {
		post("sensor-1").expectStatus().isAccepted();
		post("sensor-1").expectStatus().isAccepted();

		post("sensor-1").expectStatus().isEqualTo(429)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isBetween(99L, 100L))
			.expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail)
				.startsWith("Too many posts from this device; try again in "));
		post("sensor-2").expectStatus().isAccepted();
		assertThat(this.kafka.published).hasSize(3);
	}

	private WebTestClient.ResponseSpec post(String device) {
		return this.client.post().uri("/api/sensors/readings").headers(TestDevices.signedInAs(device))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"deviceId\":\"" + device + "\",\"timestamp\":\"2026-11-25T10:00:01Z\",\"temperature\":20,"
					+ "\"humidity\":40}")
			.exchange();
	}

}
