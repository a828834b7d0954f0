package io.github.eventsuite.eventbus.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UtcInstantDeserializerTests {

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private static final Instant YEAR_1 = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant YEAR_9999 = Instant.parse("9999-12-31T23:59:59.999999999Z");

	@Test
	void readsWhatTheSerializerWritesAsJavaTimeDoes() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 100_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(YEAR_1.getEpochSecond(), YEAR_9999.getEpochSecond()),
					fractionOfSomeLength(random));
			String text = DateTimeFormatter.ISO_INSTANT.format(instant);

			assertThat(UtcInstantDeserializer.parse(text)).as(text).isEqualTo(instant);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
			"2024-02-29T12:00:00.5Z", "1969-12-31T23:59:59.1Z", "2026-12-07T17:45:25.82Z",
			"2026-12-07T17:45:25.828Z", "2026-12-07T17:45:25.8282Z", "2026-12-07T17:45:25.82822Z",
			"2026-12-07T17:45:25.828228Z", "2026-12-07T17:45:25.8282289Z", "2026-12-07T17:45:25.82822899Z",
			"2000-01-01T00:00:00.000000001Z" })
	void readsEveryFractionLengthAsJavaTimeDoes(String text) {
		assertThat(UtcInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-07T17:45:25+01:00", "2026-12-07T23:59:60Z", "+10000-01-01T00:00:00Z",
			"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T17:60:00Z",
			"2026-12-07T17:45:25.Z", "2026-12-07T17:45:25.1234567890Z", "2026-12-07 17:45:25Z",
			"2026-12-07T17:45:2xZ", "2026-12-07T17:45:25z", "2026-12-07T17:45:25", "", "-001-01-01T00:00:00Z",
			"2026-12-07t17:45:25Z" })
	void leavesEveryOtherFormToJacksonWhichReadsThemAsBefore(String text) {
		assertThat(UtcInstantDeserializer.parse(text)).isNull();
		String json = "\"" + text + "\"";
		// Read through the events' mapper as by Jackson's own: the same instant, or both refuse it.
		Instant expected;
		try {
			expected = PLAIN.readValue(json, Instant.class);
		}
		catch (JacksonException ex) {
			assertThatExceptionOfType(JacksonException.class)
				.isThrownBy(() -> EventJson.MAPPER.readValue(json, Instant.class));
			return;
		}
		assertThat(EventJson.MAPPER.readValue(json, Instant.class)).isEqualTo(expected);
	}

	@Test
	void isTheEventsMappersWayToReadInstants() {
		assertThat(EventJson.MAPPER.registeredModules()).extracting(JacksonModule::getModuleName)
			.contains("utc-instants");
	}

	@Test
	void eventsWithoutAnInstantAreStillRejected() {
		String json = emailSentJson();
		String withNull = json.replaceFirst("\"occurredAt\":\"[^\"]*\"", "\"occurredAt\":null");
		String without = json.replaceFirst(",\"occurredAt\":\"[^\"]*\"", "");

		for (String event : new String[] { withNull, without }) {
			assertThatExceptionOfType(InvalidEventException.class)
				.isThrownBy(() -> new EventDeserializer().deserialize(Topics.EMAIL_SENT,
						event.getBytes(StandardCharsets.UTF_8)))
				.withMessage("email.sent: envelope.occurredAt is required");
		}
	}

	@Test
	void eventsStillReadInstantsWithAnOffset() {
		String json = emailSentJson().replace("\"sentAt\":\"2026-12-07T17:45:25.828Z\"",
				"\"sentAt\":\"2026-12-07T18:45:25.828+01:00\"");

		EmailSent sent = (EmailSent) new EventDeserializer().deserialize(Topics.EMAIL_SENT,
				json.getBytes(StandardCharsets.UTF_8));

		assertThat(sent.sentAt()).isEqualTo(Instant.parse("2026-12-07T17:45:25.828Z"));
	}

	@Test
	void eventsWithAnImpossibleDateAreStillRejectedWithTheField() {
		String json = emailSentJson().replace("\"sentAt\":\"2026-12-07T17:45:25.828Z\"",
				"\"sentAt\":\"2026-02-30T17:45:25.828Z\"");

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> new EventDeserializer().deserialize(Topics.EMAIL_SENT, json.getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("email.sent: not a valid event (field sentAt)");
	}

	/** Nanoseconds with 0 to 9 significant digits. */
	private static int fractionOfSomeLength(SplittableRandom random) {
		int nanos = random.nextInt(1_000_000_000);
		int unit = 1;
		for (int digits = random.nextInt(10); digits < 9; digits++) {
			unit *= 10;
		}
		return nanos - nanos % unit;
	}

	private static String emailSentJson() {
		byte[] json = new EventSerializer().serialize(Topics.EMAIL_SENT, EmailSent.of(UUID.randomUUID(), "welcome",
				"<m@x>", Instant.parse("2026-12-07T17:45:25.828Z"), "c"));
		return new String(json, StandardCharsets.UTF_8);
	}

}
