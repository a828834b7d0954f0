package io.github.eventsuite.sensor.pipeline;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.RecordContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.EventSerializer;

/**
 * The sensor pipeline runs on Kafka Streams: {@code sensor.readings} through
 * {@link SensorPipeline} to {@code sensor.alerts}, {@code sensor.region-stats} and
 * {@code sensor.readings.DLT}. Kafka Streams gives what the windows need and a hand-written
 * fold could not: state that outlives the process (changelogged {@link WindowStores}),
 * partitions that move between instances with their state, and exactly-once processing.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class SensorStreams {

	private static final Logger log = LoggerFactory.getLogger(SensorStreams.class);

	/** Only written: Kafka Streams never reads the outputs back. */
	private static final Serde<Object> OUTPUTS = Serdes.serdeFrom(new EventSerializer(),
			(Deserializer<Object>) (topic, bytes) -> bytes);

	@Bean
	KStream<String, byte[]> sensorReadings(StreamsBuilder builder, SensorProperties properties, Clock clock,
			MeterRegistry meters) {
		return topology(builder, properties, clock, meters);
	}

	static KStream<String, byte[]> topology(StreamsBuilder builder, SensorProperties properties, Clock clock,
			MeterRegistry meters) {
		WindowStores.builders().forEach(builder::addStateStore);
		KStream<String, byte[]> readings = builder.stream(Topics.SENSOR_READINGS,
				Consumed.with(Serdes.String(), Serdes.ByteArray()));
		readings.process(() -> new SensorPipeline(properties, clock, meters), WindowStores.NAMES)
			.to(SensorStreams::topicOf, Produced.with(Serdes.String(), OUTPUTS));
		return readings;
	}

	/** Alerts and closed windows to their topics; a reading that cannot count, as it came, to its dead-letter topic. */
	private static String topicOf(String key, Object value, RecordContext context) {
		return (value instanceof BusEvent event) ? Topics.topicOf(event)
				: Topics.deadLetterTopicOf(Topics.SENSOR_READINGS);
	}

	/**
	 * A stream thread that dies (Kafka away longer than {@code task.timeout.ms}, say) is
	 * replaced: its tasks start again from their last commit. Every reading's own failure is
	 * dead-lettered before it could get here.
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer sensorStreamsThreadReplacement() {
		return (factory) -> factory.setStreamsUncaughtExceptionHandler((ex) -> {
			log.error("A sensor pipeline thread failed; replacing it", ex);
			return StreamThreadExceptionResponse.REPLACE_THREAD;
		});
	}

	/** Down unless the sensor pipeline runs, or is taking up partitions. */
	@Bean
	HealthIndicator sensorPipelineHealthIndicator(StreamsBuilderFactoryBean factory) {
		return () -> {
			KafkaStreams streams = factory.getKafkaStreams();
			KafkaStreams.State state = (streams != null) ? streams.state() : KafkaStreams.State.CREATED;
			Health.Builder health = (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)
					? Health.up() : Health.down();
			return health.withDetail("state", state.name()).build();
		};
	}

}
