package io.github.eventsuite.eventbus.kafka;

import java.util.Objects;

import org.apache.kafka.common.serialization.Deserializer;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import tools.jackson.core.JacksonException;

/**
 * Reads the event a topic carries. Anything that is not a valid event of that topic's
 * type raises {@link InvalidEventException} with a reason a person can act on; wrapped in
 * Spring Kafka's {@code ErrorHandlingDeserializer} the record then goes to the dead-letter
 * topic instead of stopping the partition.
 */
public class EventDeserializer implements Deserializer<BusEvent> {

	@Override
	public BusEvent deserialize(String topic, byte[] data) {
		Class<? extends BusEvent> type = Topics.eventTypeOf(topic);
		if (data == null || data.length == 0) {
			throw new InvalidEventException(topic + ": record has no value");
		}
		try {
			return EventJson.MAPPER.readValue(data, type);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException(topic + ": " + reason(ex), ex);
		}
	}

	private static String reason(JacksonException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEventException) {
				return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
			}
		}
		String field = ex.getPath().stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.reduce((parent, child) -> parent + "." + child)
			.map((path) -> " (field " + path + ")")
			.orElse("");
		return "not a valid event" + field + ": " + ex.getOriginalMessage();
	}

}
