package io.github.eventsuite.analytics.deadletters;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.eventsuite.eventbus.PersonalData;
import io.github.eventsuite.eventbus.kafka.DeadLetter;

/**
 * A dead letter as the console shows it: personal data in its value masked. In a JSON value
 * every {@code name} and {@code email} field (any case, any type) is masked; in a value that
 * is not JSON (often cut short: why it was dead-lettered) what looks like such a field is;
 * in both, every email address. Re-driving sends the record as it was.
 */
final class MaskedValues {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Set<String> PERSONAL = Set.of("name", "email");

	/** {@code "name": "Ada Lovelace} (closed or not) keeps its first character. */
	private static final Pattern PERSONAL_FIELD = Pattern
		.compile("(\"(?:name|email)\"\\s*:\\s*\")([^\"\\\\]?)[^\"\\\\]*", Pattern.CASE_INSENSITIVE);

	private static final String MASK = "***";

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
			return PersonalData.maskEmailsIn(PERSONAL_FIELD.matcher(value).replaceAll("$1$2" + MASK));
		}
	}

	private static void maskFields(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				if (PERSONAL.contains(field.getKey().toLowerCase(Locale.ROOT))) {
					object.put(field.getKey(), masked(field.getKey(), field.getValue()));
				}
				else {
					maskFields(field.getValue());
				}
			}
		}
		else if (node.isArray()) {
			node.forEach(MaskedValues::maskFields);
		}
	}

	private static @Nullable String masked(String key, JsonNode value) {
		if (!value.isString()) {
			return MASK;
		}
		return key.equalsIgnoreCase("email") ? PersonalData.maskEmail(value.stringValue())
				: PersonalData.maskName(value.stringValue());
	}

}
