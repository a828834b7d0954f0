package io.github.eventsuite.eventbus.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.PersonalData;

/**
 * Why a record was dead-lettered, in one header a person can read. Spring Kafka's own
 * {@code kafka_dlt-exception-message} holds only the outermost message, which for an
 * unreadable record is just "failed to deserialize".
 */
public final class DeadLetterReason {

	public static final String HEADER = "dlt-reason";

	private DeadLetterReason() {
	}

	static Headers headers(Exception ex) {
		return new RecordHeaders().add(HEADER, of(ex).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The validation message if there is one, else the innermost cause; email addresses in
	 * it masked (an SMTP server's or a parser's message may quote one), since the reason is
	 * logged as well as put in the header.
	 */
	public static String of(Throwable ex) {
		return PersonalData.maskEmailsIn(unmasked(ex));
	}

	private static String unmasked(Throwable ex) {
		Throwable innermost = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEventException) {
				return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
			}
			innermost = cause;
		}
		return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
	}

}
