package io.github.eventsuite.eventbus.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.adapter.ConsumerRecordMetadata;
import org.springframework.kafka.support.KafkaHeaders;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Retry for listeners that return a {@code Mono}, inside the {@code Mono}, with exponential
 * backoff and jitter. An {@link Outages outage} (a database or SMTP server away, a broker
 * timing out) is retried for as long as it lasts: the consumer keeps its partitions, polls
 * on, and its lag shows the records waiting. Any other failure is retried
 * {@code max-retries} times; a record that still fails, or fails for good
 * ({@link InvalidEventException}), goes to its dead-letter topic with the same headers
 * Spring Kafka's recoverer writes. The {@code Mono} completes, and the record is
 * committed, only then.
 *
 * <p>Why not Spring Kafka's {@code DefaultErrorHandler} for these listeners: with 4.0.8, a
 * record whose asynchronous attempt fails while later records of its partition are still
 * in flight can be committed without a retry (seen in the SMTP fault test: six emails never
 * sent, offsets past them). The error handler still deals with records that cannot be read.
 */
public class ListenerRetry {

	private static final Logger log = LoggerFactory.getLogger(ListenerRetry.class);

	private final EventBusProperties.Retry settings;

	private final KafkaOperations<Object, Object> kafka;

	private final ListenerWorkInFlight inFlight;

	public ListenerRetry(EventBusProperties.Retry settings, KafkaOperations<Object, Object> kafka,
			ListenerWorkInFlight inFlight) {
		this.settings = settings;
		this.kafka = kafka;
		this.inFlight = inFlight;
	}

	/** The work for one record, retried (each attempt asks for new work), dead-lettered if it cannot be done. */
	public Mono<Void> process(BusEvent event, ConsumerRecordMetadata record, Supplier<Mono<?>> work) {
		return process(event, event.key(), record, work);
	}

	/**
	 * As {@link #process(BusEvent, ConsumerRecordMetadata, Supplier)} for a record keyed by
	 * something other than {@code event.key()} (sensor readings go by region): its dead letter
	 * keeps the key it came with.
	 */
	public Mono<Void> process(BusEvent event, String key, ConsumerRecordMetadata record, Supplier<Mono<?>> work) {
		// The inner retry waits out outages; anything else reaches the outer one, which
		// starts the work (and the inner retry) afresh, max-retries times at most.
		// contextCapture: the listener's trace (open on the consumer thread while it returns this
		// Mono) goes along to every thread the work runs on, and into the records it sends.
		// inFlight: a stop waits for it before the pools it uses close (ListenerWorkInFlight).
		return this.inFlight.track(Mono.defer(work).then()
			.retryWhen(logged(waitedOut(), record))
			.retryWhen(logged(Retry.backoff(this.settings.maxRetries(), this.settings.initialInterval())
				.maxBackoff(this.settings.maxInterval())
				.jitter(0.5)
				.filter((ex) -> !(ex instanceof InvalidEventException)), record))
			.onErrorResume((ex) -> deadLetter(event, key, record, ex)))
			.contextCapture();
	}

	private RetryBackoffSpec waitedOut() {
		return Outages.waitedOut(this.settings.initialInterval(), this.settings.maxInterval());
	}

	private static RetryBackoffSpec logged(RetryBackoffSpec retry, ConsumerRecordMetadata record) {
		return retry.doBeforeRetry((signal) -> logRetry(signal.totalRetries() + 1, record, signal.failure()))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	/** Every attempt of the first few, then every tenth: an outage of hours must not flood the log. */
	private static void logRetry(long attempt, ConsumerRecordMetadata record, Throwable failure) {
		if (attempt <= 5 || attempt % 10 == 0) {
			log.warn("Attempt {} at {}-{}@{} failed: {}", attempt, record.topic(), record.partition(), record.offset(),
					DeadLetterReason.of(failure));
		}
	}

	private Mono<Void> deadLetter(BusEvent event, String key, ConsumerRecordMetadata record, Throwable ex) {
		String reason = DeadLetterReason.of(ex);
		log.error("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
		ProducerRecord<Object, Object> deadLetter = new ProducerRecord<>(Topics.deadLetterTopicOf(record.topic()),
				record.partition(), key, event);
		Headers headers = deadLetter.headers();
		headers.add(DeadLetterReason.HEADER, reason.getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, ex.getClass().getName().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
		// Until Kafka has it: the record is committed once this completes, and a dead letter
		// lost to a broker that is away would lose the record with it.
		return EventPublisher.send(() -> this.kafka.send(deadLetter))
			.retryWhen(logged(waitedOut(), record))
			.then();
	}

}
