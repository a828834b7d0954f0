package io.github.eventsuite.user.registration;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** What the API shows of a registration: the user once created, its status before that. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RegistrationView(UUID id, String status, @Nullable String name, @Nullable String email,
		@Nullable Instant createdAt, @Nullable String reason) {

	static RegistrationView of(Registration registration) {
		String status = registration.status().name().toLowerCase(Locale.ROOT);
		return switch (registration.status()) {
			case PENDING -> new RegistrationView(registration.id(), status, null, null, null, null);
			case REJECTED -> new RegistrationView(registration.id(), status, null, null, null, registration.reason());
			case CREATED -> new RegistrationView(registration.id(), status, registration.name(), registration.email(),
					registration.createdAt(), null);
		};
	}

}
