package io.github.eventsuite.user.registration;

import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/users")
class RegistrationController {

	static final String CORRELATION_ID = "X-Correlation-Id";

	private static final Pattern VALID_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private final Registrations registrations;

	RegistrationController(Registrations registrations) {
		this.registrations = registrations;
	}

	/**
	 * 202 once the registration is committed in PostgreSQL (it is published to Kafka
	 * without the client waiting); the user appears at {@code Location} shortly after.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<RegistrationView>> register(@Valid @RequestBody RegistrationRequest request,
			@RequestHeader(name = CORRELATION_ID, required = false) String correlationId) {
		String correlation = correlationIdOrNew(correlationId);
		return this.registrations.accept(request, correlation)
			.map((registration) -> ResponseEntity.accepted()
				.location(URI.create("/api/users/" + registration.id()))
				.header(CORRELATION_ID, correlation)
				.body(RegistrationView.of(registration)));
	}

	@GetMapping("/{id}")
	Mono<RegistrationView> find(@PathVariable UUID id) {
		return this.registrations.find(id)
			.map(RegistrationView::of)
			.switchIfEmpty(Mono.error(() -> new UnknownRegistrationException(id)));
	}

	private static String correlationIdOrNew(String header) {
		if (header == null) {
			return UUID.randomUUID().toString();
		}
		if (!VALID_CORRELATION_ID.matcher(header).matches()) {
			throw new ServerWebInputException(CORRELATION_ID + " must be 1 to 100 characters of A-Z a-z 0-9 . _ : -");
		}
		return header;
	}

}
