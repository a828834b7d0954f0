package io.github.eventsuite.sensor.pipeline;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/sensors/readings")
class ReadingsController {

	private static final Logger log = LoggerFactory.getLogger(ReadingsController.class);

	private final ReadingsBody body;

	private final ReadingPublisher publisher;

	ReadingsController(SensorProperties properties, Clock clock, ReadingPublisher publisher) {
		this.body = new ReadingsBody(properties.maxBatchSize(), new ReadingRules(clock, properties.maxClockSkew()));
		this.publisher = publisher;
	}

	/**
	 * One reading or a batch, all of the device signed in ({@link DeviceSecurity}); 202 once
	 * Kafka has acknowledged every reading. Sending the same readings again after a failure
	 * is safe: a reading (device and time) counts once.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, Integer>>> post(@RequestBody JsonNode body, Principal device) {
		List<SensorReadingTaken> readings = this.body.readings(body, UUID.randomUUID().toString());
		List<String> others = readings.stream().map(SensorReadingTaken::deviceId)
			.filter((id) -> !id.equals(device.getName())).distinct().toList();
		if (!others.isEmpty()) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"Signed in as " + device.getName() + ", which may post its own readings only; the body holds readings of "
							+ String.join(", ", others) + ". None was accepted."), null);
		}
		return this.publisher.publishAll(readings)
			.onErrorMap((ex) -> notAcknowledged(readings.size(), ex))
			.thenReturn(ResponseEntity.accepted().body(Map.of("accepted", readings.size())));
	}

	private static ErrorResponseException notAcknowledged(int readings, Throwable ex) {
		log.warn("Kafka did not acknowledge {} readings: {}", readings, ex.toString());
		HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status,
				"Kafka did not acknowledge the readings; send them again (a repeated reading counts once)."), ex);
	}

}
