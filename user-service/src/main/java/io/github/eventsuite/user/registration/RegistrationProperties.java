package io.github.eventsuite.user.registration;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Registrations ({@code user.registration.*}).
 *
 * @param resendAfter how old a pending registration must be before it is published again:
 * longer than its first publication may take (the producer's {@code delivery.timeout.ms},
 * 15 s), so that only registrations whose first publication failed are re-sent
 */
@Validated
@ConfigurationProperties("user.registration")
record RegistrationProperties(@DefaultValue("1m") @NotNull Duration resendAfter) {

	@AssertTrue(message = "resend-after must be at least 20s: a publication may wait 15s for Kafka")
	boolean isResendAfterLongerThanARequest() {
		return this.resendAfter == null || this.resendAfter.compareTo(Duration.ofSeconds(20)) >= 0;
	}

}
