package io.github.eventsuite.sensor.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import org.springframework.kafka.support.KafkaHeaders;

import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.DeadLetterReason;
import io.github.eventsuite.eventbus.kafka.EventDeserializer;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;

/**
 * One reading through the pipeline, as a Kafka Streams processor: read it, validate it,
 * enrich it (region, heat index), raise an alert if it is too hot, put it into its region's
 * window, and forward each window that closes. A reading that cannot count (unreadable, out
 * of range, too late, its window full) goes to {@code sensor.readings.DLT} with the reason
 * in {@code dlt-reason}. Kafka Streams commits all of that, the windows' state and the
 * reading's offset in one transaction ({@code exactly_once_v2}): a reading counts once, also
 * across a crash.
 */
class SensorPipeline implements Processor<String, byte[], String, Object> {

	/** How often quiet regions are looked for; their windows close within this of the idle timeout. */
	static final Duration IDLE_CHECK = Duration.ofMillis(500);

	private static final EventDeserializer READINGS = new EventDeserializer();

	private final ReadingRules rules;

	private final Clock clock;

	private final SensorProperties properties;

	private final MeterRegistry meters;

	/** Set by {@link #init}, which Kafka Streams calls before anything else. */
	@SuppressWarnings("NullAway.Init")
	private ProcessorContext<String, Object> context;

	@SuppressWarnings("NullAway.Init")
	private RegionWindows windows;

	SensorPipeline(SensorProperties properties, Clock clock, MeterRegistry meters) {
		this.rules = new ReadingRules(clock, properties.maxClockSkew());
		this.clock = clock;
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.windows = new RegionWindows(context, this.properties.windows());
		context.schedule(IDLE_CHECK, PunctuationType.WALL_CLOCK_TIME,
				(now) -> this.windows.closeIdle(now).forEach(this::forward));
	}

	/**
	 * {@code record.timestamp()}, when the reading was published, is the "now" it is judged
	 * by: a backlog read an hour later is held to the same rule as when it was sent. A record
	 * dated ahead of the clock counts as published now.
	 */
	@Override
	public void process(Record<String, byte[]> record) {
		try {
			SensorReadingTaken reading = (SensorReadingTaken) READINGS.deserialize(Topics.SENSOR_READINGS, record.value());
			Instant now = this.clock.instant();
			Instant publishedAt = Instant.ofEpochMilli(record.timestamp());
			Instant sentAt = publishedAt.isBefore(now) ? publishedAt : now;
			validate(reading, sentAt);
			EnrichedReading enriched = enrich(reading, sentAt);
			raiseAlertIfHot(enriched);
			this.windows.add(enriched, this.context.currentSystemTimeMs()).forEach(this::forward);
		}
		catch (InvalidEventException ex) {
			deadLetter(record, ex);
		}
	}

	private void validate(SensorReadingTaken reading, Instant publishedAt) {
		problem("temperatureCelsius", ReadingRules.temperature(reading.temperatureCelsius()));
		problem("humidityPercent", ReadingRules.humidity(reading.humidityPercent()));
		problem("takenAt", this.rules.timestamp(reading.takenAt(), publishedAt));
	}

	private static void problem(String field, Optional<String> problem) {
		problem.ifPresent((message) -> {
			throw new InvalidEventException("invalid reading: " + field + " " + message);
		});
	}

	private EnrichedReading enrich(SensorReadingTaken reading, Instant publishedAt) {
		double heatIndex = HeatIndex.celsius(reading.temperatureCelsius(), reading.humidityPercent());
		return new EnrichedReading(reading, this.properties.regions().regionOf(reading.deviceId()), heatIndex,
				publishedAt);
	}

	private void raiseAlertIfHot(EnrichedReading enriched) {
		double threshold = this.properties.alerts().highTemperature();
		if (enriched.temperature() <= threshold) {
			return;
		}
		SensorReadingTaken reading = enriched.reading();
		SensorAlertRaised alert = SensorAlertRaised.of(reading.deviceId(), enriched.region(), reading.takenAt(),
				reading.temperatureCelsius(), reading.humidityPercent(), round(enriched.heatIndexCelsius()), threshold,
				"high temperature: " + reading.temperatureCelsius() + " °C is above " + threshold + " °C",
				reading.envelope().correlationId());
		this.context.forward(new Record<>(alert.key(), alert, this.context.currentSystemTimeMs()));
	}

	private void forward(WindowSignal signal) {
		if (signal instanceof WindowSignal.Closed closed) {
			RegionStats stats = closed.stats();
			this.context.forward(new Record<>(stats.region(), stats.toEvent("sensor-windows"),
					this.context.currentSystemTimeMs()));
		}
		else if (signal instanceof WindowSignal.Late late) {
			refused(late, "sensors.readings.late", "Readings that came after their window had closed");
		}
		else if (signal instanceof WindowSignal.Full full) {
			refused(full, "sensors.readings.window-full",
					"Readings turned away because their window held sensors.windows.max-readings already");
		}
	}

	/** Counted, then failed with the reason that {@link #process} dead-letters the reading with. */
	private void refused(WindowSignal.Refused signal, String counter, String description) {
		Counter.builder(counter).tag("region", signal.reading().region())
			.description(description)
			.register(this.meters)
			.increment();
		throw new InvalidEventException(signal.reason());
	}

	/**
	 * Its raw bytes, under the key it came with (its region), with the headers Spring Kafka's
	 * dead-letter publishing writes: the dead-letter console reads them and re-drives the
	 * record to the partition it came from.
	 */
	private void deadLetter(Record<String, byte[]> record, InvalidEventException ex) {
		Headers headers = new RecordHeaders(record.headers().toArray());
		headers.add(DeadLetterReason.HEADER, DeadLetterReason.of(ex).getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, ex.getClass().getName().getBytes(StandardCharsets.UTF_8));
		this.context.recordMetadata().ifPresent((origin) -> origin(headers, origin));
		this.context.forward(new Record<>(record.key(), (Object) record.value(), this.context.currentSystemTimeMs(), headers));
	}

	private static void origin(Headers headers, RecordMetadata origin) {
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(origin.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(origin.offset()).array());
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
