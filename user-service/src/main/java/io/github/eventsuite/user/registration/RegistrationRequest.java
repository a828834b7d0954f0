package io.github.eventsuite.user.registration;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.github.eventsuite.eventbus.PersonalData;

/**
 * Body of {@code POST /api/users}. The constructor normalises before validation runs: the
 * name is trimmed, the email trimmed and lower-cased.
 */
record RegistrationRequest(
		@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String name,
		@NotBlank @Size(max = 254) @Email(regexp = ".+@[^@]+\\.[^@.]+", message = "must be a valid email address") String email) {

	RegistrationRequest {
		name = (name != null) ? name.strip() : null;
		email = (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

	/** Name and email masked: personal data stays out of logs. */
	@Override
	public String toString() {
		return "RegistrationRequest[name=" + PersonalData.maskName(this.name) + ", email="
				+ PersonalData.maskEmail(this.email) + "]";
	}

}
