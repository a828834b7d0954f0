package io.github.eventsuite.eventbus.kafka;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapping of events on the wire, shared by the serializer and the deserializer. */
final class EventJson {

	/**
	 * Tolerant reader: fields added by a newer producer are ignored, while every field this
	 * version needs is checked by the event record itself.
	 */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private EventJson() {
	}

}
