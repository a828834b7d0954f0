package io.github.eventsuite.eventbus.email;

import java.time.Instant;
import java.util.UUID;

import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.Require;

/**
 * An email was accepted by the SMTP server.
 *
 * @param template which email it was, e.g. {@code welcome}
 * @param messageId the RFC 5322 Message-ID of the sent message
 */
public record EmailSent(EventEnvelope envelope, UUID userId, String template, String messageId, Instant sentAt)
		implements EmailEvent {

	public static final String TYPE = "email.sent";

	public static final int SCHEMA_VERSION = 1;

	public EmailSent {
		Require.schemaVersion(envelope, TYPE, SCHEMA_VERSION);
		Require.present(userId, "userId");
		Require.text(template, "template", 50);
		Require.text(messageId, "messageId", 250);
		Require.present(sentAt, "sentAt");
	}

	/** One email of a template per user: the event id is derived from both. */
	public static EmailSent of(UUID userId, String template, String messageId, Instant sentAt, String correlationId) {
		EventEnvelope envelope = EventEnvelope.once(TYPE, SCHEMA_VERSION, template + "/" + userId, sentAt, correlationId);
		return new EmailSent(envelope, userId, template, messageId, sentAt);
	}

	@Override
	public String key() {
		return this.userId.toString();
	}

}
