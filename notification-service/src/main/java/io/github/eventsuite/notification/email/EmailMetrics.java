package io.github.eventsuite.notification.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code emails.sent}, {@code emails.failed} and {@code emails.unconfirmed}: SMTP sends the
 * server accepted, send attempts that failed (each one, also those retried later), and sends
 * whose outcome is unknown (docs/guarantees.md). Registered at start-up, so
 * that both are scraped as 0 before the first email.
 */
@Component
class EmailMetrics {

	private final Counter sent;

	private final Counter failed;

	private final Counter unconfirmed;

	EmailMetrics(MeterRegistry meters) {
		this.sent = Counter.builder("emails.sent").tag("template", WelcomeEmail.TEMPLATE)
			.description("Emails the SMTP server accepted")
			.register(meters);
		this.failed = Counter.builder("emails.failed").tag("template", WelcomeEmail.TEMPLATE)
			.description("Email send attempts that failed; the delivery is retried")
			.register(meters);
		this.unconfirmed = Counter.builder("emails.unconfirmed").tag("template", WelcomeEmail.TEMPLATE)
			.description("Emails written whole to the SMTP server without a reply: not sent again, maybe not delivered")
			.register(meters);
	}

	void sent() {
		this.sent.increment();
	}

	void failed() {
		this.failed.increment();
	}

	void unconfirmed() {
		this.unconfirmed.increment();
	}

}
