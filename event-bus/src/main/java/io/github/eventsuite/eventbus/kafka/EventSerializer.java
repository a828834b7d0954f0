package io.github.eventsuite.eventbus.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import io.github.eventsuite.eventbus.BusEvent;
import tools.jackson.core.JacksonException;

/**
 * Writes events as plain JSON, with no Java type information in payload or headers, so
 * that producer and consumer share a schema rather than a class. Raw bytes pass through
 * untouched: that is how records that could not be read reach their dead-letter topic.
 */
public class EventSerializer implements Serializer<Object> {

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null || data instanceof byte[]) {
			return (byte[]) data;
		}
		if (!(data instanceof BusEvent)) {
			throw new SerializationException("only events can be published, not " + data.getClass().getName());
		}
		try {
			return EventJson.MAPPER.writeValueAsBytes(data);
		}
		catch (JacksonException ex) {
			throw new SerializationException("could not write " + ((BusEvent) data).envelope().eventType(), ex);
		}
	}

}
