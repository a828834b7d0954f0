package io.github.eventsuite.analytics.deadletters;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetter;
import io.github.eventsuite.eventbus.kafka.DeadLetters;
import reactor.core.publisher.Mono;

/**
 * The dead-letter console: what failed, why, and a way to send it back once the cause is
 * fixed. Re-driving twice is harmless: every consumer of the suite is idempotent. For the
 * admin only ({@link ConsoleSecurity}); values are shown with personal data masked.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	/** Dead letters per topic. */
	@GetMapping
	Mono<Map<String, Long>> counts() {
		return this.deadLetters.counts();
	}

	@GetMapping("/{topic}")
	Mono<List<DeadLetter>> list(@PathVariable String topic) {
		return this.deadLetters.list(known(topic)).map((list) -> list.stream().map(MaskedValues::of).toList());
	}

	@PostMapping("/{topic}/redrive")
	Mono<Map<String, Integer>> redriveAll(@PathVariable String topic) {
		return this.deadLetters.redriveAll(known(topic)).map((count) -> Map.of("redriven", count));
	}

	@PostMapping("/{topic}/{partition}/{offset}/redrive")
	Mono<DeadLetter> redrive(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
		return this.deadLetters.redrive(known(topic), partition, offset)
			.map(MaskedValues::of)
			.switchIfEmpty(Mono.error(() -> notFound("No dead letter at " + topic + " partition " + partition
					+ " offset " + offset + ".")));
	}

	private static String known(String topic) {
		if (!Topics.ALL.contains(topic)) {
			throw notFound("No topic '" + topic + "'. Topics: " + String.join(", ", Topics.ALL) + ".");
		}
		return topic;
	}

	private static ErrorResponseException notFound(String detail) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail),
				null);
	}

}
