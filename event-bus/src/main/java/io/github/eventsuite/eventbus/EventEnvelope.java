package io.github.eventsuite.eventbus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Metadata every event carries.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param eventType logical type name (never a Java class name), e.g. {@code user.created}
 * @param schemaVersion version of the payload schema for {@code eventType}
 * @param occurredAt when the fact happened
 * @param correlationId ties together all events caused by one request
 */
public record EventEnvelope(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
		String correlationId) {

	public EventEnvelope {
		Require.present(eventId, "envelope.eventId");
		Require.text(eventType, "envelope.eventType", 100);
		Require.present(occurredAt, "envelope.occurredAt");
		Require.text(correlationId, "envelope.correlationId", 100);
		if (schemaVersion < 1) {
			throw new InvalidEventException("envelope.schemaVersion must be at least 1");
		}
	}

	/** A new envelope for an event of the given type, caused by {@code correlationId}. */
	public static EventEnvelope next(String eventType, int schemaVersion, String correlationId) {
		return new EventEnvelope(UUID.randomUUID(), eventType, schemaVersion, Instant.now(), correlationId);
	}

	/**
	 * The envelope of an event that happens at most once per {@code aggregateKey}: its id is
	 * derived from type and key, so an event emitted again (after a redelivery) carries the
	 * same id and consumers recognise it as the same event.
	 */
	public static EventEnvelope once(String eventType, int schemaVersion, String aggregateKey, Instant occurredAt,
			String correlationId) {
		UUID eventId = UUID.nameUUIDFromBytes((eventType + "/" + aggregateKey).getBytes(StandardCharsets.UTF_8));
		return new EventEnvelope(eventId, eventType, schemaVersion, occurredAt, correlationId);
	}

}
