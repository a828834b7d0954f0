package io.github.eventsuite.eventbus.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The changes from a published schema that would break a consumer: every event already on a
 * topic was written against the published version, and consumers re-read old events.
 * Adding a property nobody requires is fine (readers ignore unknown properties).
 */
final class SchemaCompatibility {

	private SchemaCompatibility() {
	}

	static List<String> breakingChanges(JsonNode published, JsonNode current) {
		List<String> changes = new ArrayList<>();
		compare("", published, current, changes);
		return changes;
	}

	private static void compare(String path, JsonNode published, JsonNode current, List<String> changes) {
		for (String keyword : List.of("type", "format", "enum")) {
			if (!Objects.equals(published.get(keyword), current.get(keyword))) {
				changes.add(path + ": " + keyword + " " + published.get(keyword) + " became " + current.get(keyword));
			}
		}
		if (published.has("items")) {
			compare(path + "[]", published.get("items"), current.path("items"), changes);
		}
		if (!published.has("properties")) {
			return;
		}
		Set<String> wasRequired = names(published.path("required"));
		names(current.path("required")).stream()
			.filter((name) -> !wasRequired.contains(name))
			.forEach((name) -> changes.add(path + "/" + name + ": newly required; events written before lack it"));
		published.get("properties").propertyNames().forEach((name) -> {
			JsonNode now = current.path("properties").get(name);
			if (now == null) {
				changes.add(path + "/" + name + ": removed");
			}
			else {
				compare(path + "/" + name, published.get("properties").get(name), now, changes);
			}
		});
	}

	private static Set<String> names(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).collect(Collectors.toSet());
	}

}
