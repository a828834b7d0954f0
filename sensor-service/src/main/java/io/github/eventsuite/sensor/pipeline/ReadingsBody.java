package io.github.eventsuite.sensor.pipeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code POST /api/sensors/readings}: one reading object, or an array of
 * them. All or nothing: any bad reading fails the whole request with a 400 that names every
 * bad field (and, in a batch, the index of its reading).
 * <p>
 * Read from the tree, not bound to a record and checked by Bean Validation: binding stops at
 * the first value of the wrong JSON type, and coerces others this API refuses ({@code 42}
 * to {@code "42"}, {@code "21.5"} to {@code 21.5}). Jackson 3.1's problem-collecting reader
 * (jackson-databind#1196) goes on past a bad string and an unknown field, but still stops at
 * a boolean or an object where a number goes (tried with 3.1.4, Boot 4.0.7's); once it
 * collects those too, a record with constraints can replace this class.
 */
final class ReadingsBody {

	private static final Set<String> FIELDS = Set.of("deviceId", "timestamp", "temperature", "humidity");

	private final int maxBatchSize;

	private final ReadingRules rules;

	ReadingsBody(int maxBatchSize, ReadingRules rules) {
		this.maxBatchSize = maxBatchSize;
		this.rules = rules;
	}

	List<SensorReadingTaken> readings(JsonNode body, String correlationId) {
		if (body.isObject()) {
			return List.of(reading(body, null, correlationId));
		}
		if (!body.isArray()) {
			throw invalid("The body must be a reading object or an array of readings.", List.of());
		}
		if (body.isEmpty() || body.size() > this.maxBatchSize) {
			throw invalid("A batch must hold 1 to " + this.maxBatchSize + " readings, this one holds " + body.size() + ".",
					List.of());
		}
		List<SensorReadingTaken> readings = new ArrayList<>();
		List<FieldProblem> problems = new ArrayList<>();
		for (int index = 0; index < body.size(); index++) {
			try {
				readings.add(reading(body.get(index), index, correlationId));
			}
			catch (InvalidReadings ex) {
				problems.addAll(ex.problems);
			}
		}
		if (!problems.isEmpty()) {
			throw invalid("The batch is invalid; none of its readings was accepted.", problems);
		}
		return readings;
	}

	private SensorReadingTaken reading(JsonNode node, @Nullable Integer index, String correlationId) {
		if (!node.isObject()) {
			throw new InvalidReadings(List.of(new FieldProblem(index, "(reading)", "must be a JSON object")));
		}
		Problems problems = new Problems(index);
		node.propertyNames().stream().filter((name) -> !FIELDS.contains(name)).sorted()
			.forEach((name) -> problems.add(name, Optional.of("unknown field")));
		String deviceId = deviceId(node.get("deviceId"), problems);
		Instant timestamp = timestamp(node.get("timestamp"), problems);
		Double temperature = number(node.get("temperature"), "temperature", problems);
		Double humidity = number(node.get("humidity"), "humidity", problems);
		if (temperature != null) {
			problems.add("temperature", ReadingRules.temperature(temperature));
		}
		if (humidity != null) {
			problems.add("humidity", ReadingRules.humidity(humidity));
		}
		// A value is missing only where a problem says so.
		if (!problems.list.isEmpty() || deviceId == null || timestamp == null || temperature == null || humidity == null) {
			throw (index != null) ? new InvalidReadings(problems.list)
					: invalid("The reading is invalid.", problems.list);
		}
		return SensorReadingTaken.of(deviceId, timestamp, temperature, humidity, correlationId);
	}

	private static @Nullable String deviceId(@Nullable JsonNode node, Problems problems) {
		if (node == null || node.isNull()) {
			problems.add("deviceId", Optional.of("is required"));
			return null;
		}
		if (!node.isString() || !SensorReadingTaken.DEVICE_ID.matcher(node.stringValue()).matches()) {
			problems.add("deviceId", Optional.of("must be 1 to 64 characters of A-Z a-z 0-9 . _ : -"));
			return null;
		}
		return node.stringValue();
	}

	private @Nullable Instant timestamp(@Nullable JsonNode node, Problems problems) {
		if (node == null || node.isNull()) {
			problems.add("timestamp", Optional.of("is required"));
			return null;
		}
		try {
			Instant timestamp = OffsetDateTime.parse(node.isString() ? node.stringValue() : "").toInstant();
			problems.add("timestamp", this.rules.timestamp(timestamp));
			return timestamp;
		}
		catch (DateTimeParseException ex) {
			problems.add("timestamp", Optional.of("must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:00:00Z"));
			return null;
		}
	}

	private static @Nullable Double number(@Nullable JsonNode node, String field, Problems problems) {
		if (node == null || node.isNull()) {
			problems.add(field, Optional.of("is required"));
			return null;
		}
		if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
			problems.add(field, Optional.of("must be a number"));
			return null;
		}
		return node.doubleValue();
	}

	private static ErrorResponseException invalid(String detail, List<FieldProblem> problems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		if (!problems.isEmpty()) {
			problem.setProperty("errors", problems.stream()
				.sorted(Comparator.comparing((FieldProblem error) -> (error.index() != null) ? error.index() : -1)
					.thenComparing(FieldProblem::field))
				.toList());
		}
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	/**
	 * @param index the reading's position in a batch; absent for a single reading
	 * @param field the JSON field, or {@code (reading)} for the reading as a whole
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FieldProblem(@Nullable Integer index, String field, String message) {

	}

	private record Problems(@Nullable Integer index, List<FieldProblem> list) {

		Problems(@Nullable Integer index) {
			this(index, new ArrayList<>());
		}

		void add(String field, Optional<String> message) {
			message.ifPresent((text) -> this.list.add(new FieldProblem(this.index, field, text)));
		}

	}

	private static final class InvalidReadings extends RuntimeException {

		private final transient List<FieldProblem> problems;

		InvalidReadings(List<FieldProblem> problems) {
			super(null, null, false, false);
			this.problems = problems;
		}

	}

}
