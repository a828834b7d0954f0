package io.github.eventsuite.eventbus.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventSerdeTests {

	private final EventSerializer serializer = new EventSerializer();

	private final EventDeserializer deserializer = new EventDeserializer();

	@Test
	void roundTripsEveryEventType() {
		UUID userId = UUID.randomUUID();
		Instant now = Instant.parse("2026-11-25T10:15:30.123Z");
		var register = UserRegistrationRequested.of(userId, "Ada", "ada@example.com", "corr-1");
		var created = UserCreated.of(userId, "Ada", "ada@example.com", now, "corr-1");
		var sent = EmailSent.of(userId, "welcome", "<welcome.1@suite>", now, "corr-1");

		assertThat(roundTrip(Topics.USER_REGISTER, register)).isEqualTo(register);
		assertThat(roundTrip(Topics.USER_CREATED, created)).isEqualTo(created);
		assertThat(roundTrip(Topics.EMAIL_SENT, sent)).isEqualTo(sent);
	}

	@Test
	void writesNoJavaClassNamesAndIsoTimestamps() {
		var created = UserCreated.of(UUID.randomUUID(), "Ada", "ada@example.com",
				Instant.parse("2026-11-25T10:15:30Z"), "corr-1");

		String json = new String(this.serializer.serialize(Topics.USER_CREATED, created), StandardCharsets.UTF_8);

		assertThat(json).doesNotContain("io.github").contains("\"createdAt\":\"2026-11-25T10:15:30Z\"")
			.contains("\"eventType\":\"user.created\"");
	}

	@Test
	void keysRegistrationsByEmailWithoutRevealingIt() {
		var first = UserRegistrationRequested.of(UUID.randomUUID(), "Ada", "ada@example.com", "c1");
		var second = UserRegistrationRequested.of(UUID.randomUUID(), "Ada L", "ada@example.com", "c2");

		assertThat(first.key()).isEqualTo(second.key()).doesNotContain("ada").hasSize(64);
	}

	@Test
	void rejectsMalformedJson() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> deserialize(Topics.USER_CREATED, "{not json"))
			.withMessageStartingWith("user.created: not a valid event");
	}

	@Test
	void rejectsMissingFieldsWithTheFieldName() {
		String json = new String(this.serializer.serialize(Topics.USER_CREATED,
				UserCreated.of(UUID.randomUUID(), "Ada", "ada@example.com", Instant.now(), "c")), StandardCharsets.UTF_8)
			.replaceAll(",\"name\":\"Ada\"", "");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> deserialize(Topics.USER_CREATED, json))
			.withMessage("user.created: name is required");
	}

	@Test
	void rejectsUnknownSchemaVersions() {
		String json = new String(this.serializer.serialize(Topics.EMAIL_SENT,
				EmailSent.of(UUID.randomUUID(), "welcome", "<m@x>", Instant.now(), "c")), StandardCharsets.UTF_8)
			.replace("\"schemaVersion\":1", "\"schemaVersion\":2");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> deserialize(Topics.EMAIL_SENT, json))
			.withMessageContaining("unknown schema version 2 of email.sent");
	}

	@Test
	void rejectsAnEventOfAnotherTopic() {
		byte[] sent = this.serializer.serialize(Topics.EMAIL_SENT,
				EmailSent.of(UUID.randomUUID(), "welcome", "<m@x>", Instant.now(), "c"));

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.deserializer.deserialize(Topics.USER_CREATED, sent))
			.withMessageContaining("expected 'user.created'");
	}

	@Test
	void rejectsEmptyRecordsAndUnknownTopics() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.deserializer.deserialize(Topics.USER_CREATED, null))
			.withMessage("user.created: record has no value");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> deserialize("orders", "{}"))
			.withMessage("no event type is known for topic 'orders'");
	}

	@Test
	void passesRawBytesThroughForDeadLetters() {
		byte[] raw = "{broken".getBytes(StandardCharsets.UTF_8);

		assertThat(this.serializer.serialize(Topics.USER_CREATED.concat(Topics.DEAD_LETTER_SUFFIX), raw)).isSameAs(raw);
	}

	private Object roundTrip(String topic, Object event) {
		return this.deserializer.deserialize(topic, this.serializer.serialize(topic, event));
	}

	private Object deserialize(String topic, String json) {
		return this.deserializer.deserialize(topic, json.getBytes(StandardCharsets.UTF_8));
	}

}
