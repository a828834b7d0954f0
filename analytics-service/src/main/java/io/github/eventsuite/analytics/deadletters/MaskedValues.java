package io.github.eventsuite.analytics.deadletters;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.eventsuite.eventbus.PersonalData;
import io.github.eventsuite.eventbus.kafka.DeadLetter;

/**
 * A dead letter as the console shows it: personal data in its value masked. In a JSON value
 * every {@code name} and {@code email} field is masked, in any other value every email
 * address; re-driving sends the record as it was.
 */
final class MaskedValues {

	private static final JsonMapper JSON = JsonMapper.shared();

	private MaskedValues() {
	}

	static DeadLetter of(DeadLetter deadLetter) {
		return new DeadLetter(deadLetter.topic(), deadLetter.partition(), deadLetter.offset(), deadLetter.key(),
				deadLetter.deadLetteredAt(), deadLetter.reason(), deadLetter.exception(), deadLetter.originalPartition(),
				deadLetter.originalOffset(), mask(deadLetter.value()), deadLetter.redrivenAt());
	}

	static @Nullable String mask(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			JsonNode tree = JSON.readTree(value);
			maskFields(tree);
			return PersonalData.maskEmailsIn(JSON.writeValueAsString(tree));
		}
		catch (JacksonException ex) {
			return PersonalData.maskEmailsIn(value);
		}
	}

	private static void maskFields(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				JsonNode child = field.getValue();
				if (child.isString() && field.getKey().equals("name")) {
					object.put("name", PersonalData.maskName(child.stringValue()));
				}
				else if (child.isString() && field.getKey().equals("email")) {
					object.put("email", PersonalData.maskEmail(child.stringValue()));
				}
				else {
					maskFields(child);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach(MaskedValues::maskFields);
		}
	}

}
