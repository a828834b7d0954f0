package io.github.eventsuite.analytics.sensors;

import java.time.Instant;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.adapter.ConsumerRecordMetadata;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.ListenerRetry;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.publisher.Mono;

/**
 * Feeds {@code sensor.readings} into the pipeline. A reading that is unreadable, out of range
 * or too late goes to {@code sensor.readings.DLT} with the reason in {@code dlt-reason}; the
 * record is committed once its alert (if any) is in Kafka and it is in its window.
 */
@Component
class SensorReadingListener {

	private final SensorPipeline pipeline;

	private final ListenerRetry retry;

	SensorReadingListener(SensorPipeline pipeline, ListenerRetry retry) {
		this.pipeline = pipeline;
		this.retry = retry;
	}

	/**
	 * One consumer, as for notification-service's Mono listener: a failure that reaches
	 * Spring Kafka 4.0.8's async failure handling could otherwise land on a consumer that
	 * does not own the partition. The windows are one serial fold anyway.
	 */
	@KafkaListener(topics = Topics.SENSOR_READINGS, concurrency = "1")
	Mono<Void> on(SensorReadingTaken event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key,
			ConsumerRecordMetadata record) {
		// A dead letter keeps the key the reading came with (its region), not the device's.
		Instant publishedAt = Instant.ofEpochMilli(record.timestamp());
		return this.retry.process(event, (key != null) ? key : event.key(), record,
				() -> this.pipeline.process(event, publishedAt));
	}

}
