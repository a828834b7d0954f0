package io.github.eventsuite.eventbus.kafka;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the instants events carry as the serializer writes them, in UTC
 * ({@code 2026-12-07T17:45:25.828228993Z}), without java.time's formatter; anything else
 * (an offset, a leap second, {@code 24:00}, a year beyond 9999, an impossible date) goes to
 * Jackson's own deserializer, which reads it or rejects it as before. Only for the events'
 * mapper ({@link EventJson}), which sets no date format: a {@code @JsonFormat} on an instant
 * would not apply to the form read here.
 *
 * <p>Why: {@code DateTimeFormatter.ISO_INSTANT} builds a new parser for every instant it
 * reads (JDK 17 and 25, {@code DateTimeFormatterBuilder.InstantPrinterParser.parse}), then
 * resolves its fields through a map: 1.6-1.8 KB and 0.4 µs (C2) to 2.2-2.4 µs (C1) per
 * instant, two per event. In analytics-service reading a long backlog, parsing instants was a
 * third of the consumer thread's samples (docs/benchmarks.md, 2026-12-07, 21:30-22:50 UTC).
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

	/** {@code uuuu-MM-ddTHH:mm:ssZ}, the shortest form. */
	private static final int SECONDS_LENGTH = 20;

	private static final int MAX_FRACTION_DIGITS = 9;

	UtcInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			Instant instant = parse(parser.getString());
			if (instant != null) {
				return instant;
			}
		}
		return InstantDeserializer.INSTANT.deserialize(parser, context);
	}

	@Override
	public LogicalType logicalType() {
		return LogicalType.DateTime;
	}

	/** The instant, or null if {@code text} is not a valid instant in exactly this form. */
	static @Nullable Instant parse(String text) {
		if (!hasUtcShape(text)) {
			return null;
		}
		int fractionDigits = Math.max(text.length() - SECONDS_LENGTH - 1, 0);
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int fraction = (fractionDigits > 0) ? digits(text, SECONDS_LENGTH, fractionDigits) : 0;
		// digits() gives -1 for anything but digits, so one negative field makes the OR negative.
		if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59
				|| second > 59) {
			return null;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		long nanos = fraction;
		for (int i = fractionDigits; i < MAX_FRACTION_DIGITS; i++) {
			nanos *= 10;
		}
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
	}

	/** {@code ????-??-??T??:??:??Z}, or with 1 to 9 digits after a {@code .} before the Z. */
	private static boolean hasUtcShape(String text) {
		int length = text.length();
		int fractionDigits = length - SECONDS_LENGTH - 1;
		boolean fraction = fractionDigits >= 1 && fractionDigits <= MAX_FRACTION_DIGITS
				&& text.charAt(SECONDS_LENGTH - 1) == '.';
		return (length == SECONDS_LENGTH || fraction) && text.charAt(length - 1) == 'Z' && text.charAt(4) == '-'
				&& text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':';
	}

	/** The number the {@code count} ASCII digits at {@code start} spell, or -1. */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
