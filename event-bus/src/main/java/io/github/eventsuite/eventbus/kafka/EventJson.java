package io.github.eventsuite.eventbus.kafka;

import java.time.Instant;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The JSON mapping of events on the wire, shared by the serializer and the deserializer. */
final class EventJson {

	/**
	 * Tolerant reader: fields added by a newer producer are ignored, while every field this
	 * version needs is checked by the event record itself. Instants in UTC, as written, are
	 * read without java.time's formatter ({@link UtcInstantDeserializer} says why).
	 */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.addModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
		.build();

	private EventJson() {
	}

}
