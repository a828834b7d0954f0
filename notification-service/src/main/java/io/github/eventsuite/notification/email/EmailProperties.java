package io.github.eventsuite.notification.email;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How emails are sent ({@code notification.email.*}).
 *
 * @param from sender address
 * @param fromName sender display name
 * @param messageIdDomain right-hand side of the Message-IDs this service generates
 * @param concurrency SMTP sends in flight at most; more wait in the queue
 * @param queueCapacity sends that may wait for a free slot before new ones are refused (and retried)
 * @param claimTimeout how long a claim on an email lasts: after it, another delivery of the
 * same event assumes the sender crashed and sends again. A send starts only while it can end
 * before its claim expires, so this must be longer than the longest send the SMTP timeouts
 * allow (five times {@code mail.smtp.timeout}, checked at start-up); the rest is how long a
 * send may wait for a free connection. A redelivered email whose sender crashed waits for
 * the claim to go stale as for an outage, however long ({@code EmailInFlightException})
 * @param connectionIdleTimeout how long an open SMTP connection may wait for the next message
 * before it is closed; shorter than the server's own timeout (often one to five minutes)
 * @param messagesPerConnection messages sent over one SMTP connection before it is closed and
 * a new one opened; 1 opens a connection per message
 */
@Validated
@ConfigurationProperties("notification.email")
record EmailProperties(@DefaultValue("welcome@event-suite.local") @NotBlank @Email String from,
		@DefaultValue("Event Suite") @NotBlank String fromName,
		@DefaultValue("event-suite.local") @Pattern(regexp = "[A-Za-z0-9.-]+") String messageIdDomain,
		@DefaultValue("8") @Min(1) @Max(64) int concurrency,
		@DefaultValue("1000") @Min(1) int queueCapacity,
		@DefaultValue("1m") @NotNull Duration claimTimeout,
		@DefaultValue("30s") @NotNull Duration connectionIdleTimeout,
		@DefaultValue("100") @Min(1) int messagesPerConnection) {

	@AssertTrue(message = "connection-idle-timeout must be at least 1s")
	boolean isConnectionIdleTimeoutAtLeastASecond() {
		return this.connectionIdleTimeout == null || this.connectionIdleTimeout.compareTo(Duration.ofSeconds(1)) >= 0;
	}

}
