package io.github.eventsuite.eventbus.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema (draft 2020-12) of each event, generated from its record: the wire format
 * other teams can code against without reading Java. The published versions live in
 * {@code event-schemas/<type>/v<version>.json} on this module's classpath.
 */
public final class EventSchemas {

	public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<Class<?>, String> TYPES = Map.ofEntries(Map.entry(String.class, "string"),
			Map.entry(UUID.class, "string"), Map.entry(Instant.class, "string"), Map.entry(int.class, "integer"),
			Map.entry(Integer.class, "integer"), Map.entry(long.class, "integer"), Map.entry(Long.class, "integer"),
			Map.entry(double.class, "number"), Map.entry(Double.class, "number"), Map.entry(boolean.class, "boolean"),
			Map.entry(Boolean.class, "boolean"));

	private static final Map<Class<?>, String> FORMATS = Map.of(UUID.class, "uuid", Instant.class, "date-time");

	private EventSchemas() {
	}

	/** The schema of an event type as this code writes and reads it. */
	public static ObjectNode of(Class<? extends BusEvent> eventType) {
		ObjectNode schema = json.createObjectNode()
			.put("$schema", DIALECT)
			.put("$id", "urn:event-suite:event:" + typeName(eventType) + ":v" + schemaVersion(eventType))
			.put("title", eventType.getSimpleName())
			.put("x-topic", topicOf(eventType));
		schema.setAll(objectOf(eventType));
		return schema;
	}

	/** The classpath resource that holds the published schema of a version. */
	public static String resourceOf(Class<? extends BusEvent> eventType, int version) {
		return "event-schemas/" + typeName(eventType) + "/v" + version + ".json";
	}

	public static String typeName(Class<? extends BusEvent> eventType) {
		return (String) constant(eventType, "TYPE");
	}

	public static int schemaVersion(Class<? extends BusEvent> eventType) {
		return (Integer) constant(eventType, "SCHEMA_VERSION");
	}

	/** Every event type carried by a topic. */
	public static List<Class<? extends BusEvent>> eventTypes() {
		return Topics.ALL.stream().<Class<? extends BusEvent>>map(Topics::eventTypeOf).toList();
	}

	private static String topicOf(Class<? extends BusEvent> eventType) {
		return Topics.ALL.stream().filter((topic) -> Topics.eventTypeOf(topic) == eventType).findFirst().orElseThrow();
	}

	/** Every component is required: the records reject events without them. */
	private static ObjectNode objectOf(Class<?> record) {
		ObjectNode object = json.createObjectNode().put("type", "object");
		ObjectNode properties = object.putObject("properties");
		RecordComponent[] components = record.getRecordComponents();
		for (RecordComponent component : components) {
			properties.set(component.getName(), schemaOf(component.getGenericType()));
		}
		Arrays.stream(components).forEach((component) -> object.withArray("required").add(component.getName()));
		return object;
	}

	private static JsonNode schemaOf(Type type) {
		if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
			ObjectNode array = json.createObjectNode().put("type", "array");
			array.set("items", schemaOf(list.getActualTypeArguments()[0]));
			return array;
		}
		Class<?> raw = (Class<?>) type;
		if (TYPES.containsKey(raw)) {
			ObjectNode scalar = json.createObjectNode().put("type", TYPES.get(raw));
			return FORMATS.containsKey(raw) ? scalar.put("format", FORMATS.get(raw)) : scalar;
		}
		if (raw.isEnum()) {
			ObjectNode enumeration = json.createObjectNode().put("type", "string");
			Arrays.stream(raw.getEnumConstants()).forEach((value) -> enumeration.withArray("enum").add(value.toString()));
			return enumeration;
		}
		if (raw.isRecord()) {
			return objectOf(raw);
		}
		throw new IllegalArgumentException("no JSON Schema mapping for " + raw.getName());
	}

	private static Object constant(Class<?> eventType, String name) {
		try {
			return eventType.getField(name).get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalArgumentException(eventType.getName() + " lacks public static " + name, ex);
		}
	}

}
