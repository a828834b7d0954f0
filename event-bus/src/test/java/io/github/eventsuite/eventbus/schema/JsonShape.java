package io.github.eventsuite.eventbus.schema;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Checks a JSON document against the subset of JSON Schema that {@link EventSchemas} writes. */
final class JsonShape {

	private JsonShape() {
	}

	static List<String> violations(JsonNode schema, JsonNode value) {
		List<String> violations = new ArrayList<>();
		check("", schema, value, violations);
		return violations;
	}

	private static void check(String path, JsonNode schema, JsonNode value, List<String> violations) {
		String type = schema.get("type").asString();
		boolean matches = switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber();
			case "number" -> value.isNumber();
			case "boolean" -> value.isBoolean();
			default -> false;
		};
		if (!matches) {
			violations.add(path + ": expected " + type + ", was " + value);
			return;
		}
		if ("object".equals(type)) {
			schema.path("required").valueStream().map(JsonNode::asString).filter((name) -> !value.has(name))
				.forEach((name) -> violations.add(path + "/" + name + ": missing"));
			value.propertyNames().stream().filter((name) -> !schema.get("properties").has(name))
				.forEach((name) -> violations.add(path + "/" + name + ": not in the schema"));
			schema.get("properties").propertyNames().stream().filter(value::has)
				.forEach((name) -> check(path + "/" + name, schema.get("properties").get(name), value.get(name), violations));
		}
		if ("array".equals(type)) {
			value.valueStream().forEach((item) -> check(path + "[]", schema.get("items"), item, violations));
		}
	}

}
