package io.github.eventsuite.eventbus.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;

import io.github.eventsuite.eventbus.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the dead-letter topics and re-drives their records to the topics they failed on.
 * Each dead letter is re-driven once: a re-drive is marked on the compacted topic
 * {@value Topics#DEAD_LETTERS_REDRIVEN}, and a dead letter marked there is not sent again
 * (a re-driven record that fails again becomes a new dead letter, re-drivable in its turn).
 * Two instances re-driving the same dead letter at the same moment may both send it: every
 * consumer of the suite is idempotent. Reading uses plain consumers without a group
 * (blocking, so on the bounded-elastic scheduler).
 */
public class DeadLetters {

	/** Header on a re-driven record: the dead letter it came from. */
	public static final String REDRIVEN_FROM = "dlt-redriven-from";

	private static final Duration POLL = Duration.ofMillis(200);

	private final ConsumerFactory<?, ?> consumers;

	private final KafkaOperations<Object, Object> kafka;

	public DeadLetters(ConsumerFactory<?, ?> consumers, KafkaOperations<Object, Object> kafka) {
		this.consumers = consumers;
		this.kafka = kafka;
	}

	/**
	 * How many dead letters each topic has: records counted as read, not offsets subtracted.
	 * A dead-letter topic written in transactions (the sensor pipeline's) also holds Kafka's
	 * commit markers, which take offsets but are no records.
	 */
	public Mono<Map<String, Long>> counts() {
		return Mono.fromCallable(() -> {
			try (Consumer<String, byte[]> consumer = consumer()) {
				List<TopicPartition> partitions = new ArrayList<>();
				Map<String, Long> counts = new LinkedHashMap<>();
				for (String topic : Topics.ALL) {
					partitions.addAll(partitions(consumer, topic));
					counts.put(topic, 0L);
				}
				// All dead-letter topics at once: each poll fetches from all of them.
				forEachToEnd(consumer, partitions,
						(record) -> counts.merge(failedTopicOf(record.topic()), 1L, Long::sum));
				return counts;
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** The dead letters of one topic, oldest first per partition, with when each was re-driven. */
	public Mono<List<DeadLetter>> list(String topic) {
		return Mono.fromCallable(() -> {
			try (Consumer<String, byte[]> consumer = consumer()) {
				Map<String, Instant> redriven = redriven(consumer);
				return readAll(consumer, topic).stream()
					.map((record) -> deadLetter(topic, record, redriven.get(markOf(record))))
					.toList();
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Sends one dead letter back to its topic, unless it was re-driven before (then nothing is
	 * sent); emits it with when it was re-driven, empty if there is no such dead letter.
	 */
	public Mono<DeadLetter> redrive(String topic, int partition, long offset) {
		return Mono.fromCallable(() -> {
			try (Consumer<String, byte[]> consumer = consumer()) {
				Optional<ConsumerRecord<String, byte[]>> record = readOne(consumer, topic, partition, offset);
				return record.map((found) -> new Found(found, redriven(consumer).get(markOf(found)))).orElse(null);
			}
		}).subscribeOn(Schedulers.boundedElastic())
			.flatMap((found) -> (found.redrivenAt() != null) ? Mono.just(deadLetter(topic, found.record(), found.redrivenAt()))
					: redriveNow(topic, found.record()).map((at) -> deadLetter(topic, found.record(), at)));
	}

	/**
	 * Sends every dead letter of the topic that was not re-driven before back to it, in order
	 * per partition; emits how many were sent.
	 */
	public Mono<Integer> redriveAll(String topic) {
		return Mono.fromCallable(() -> {
			try (Consumer<String, byte[]> consumer = consumer()) {
				Map<String, Instant> redriven = redriven(consumer);
				return readAll(consumer, topic).stream().filter((record) -> !redriven.containsKey(markOf(record))).toList();
			}
		}).subscribeOn(Schedulers.boundedElastic())
			.flatMap((records) -> Flux.fromIterable(records)
				.concatMap((record) -> redriveNow(topic, record))
				.then(Mono.just(records.size())));
	}

	/** Sends, then marks as re-driven: a crash in between lets it be re-driven once more. */
	private Mono<Instant> redriveNow(String topic, ConsumerRecord<String, byte[]> deadLetter) {
		Instant now = Instant.now();
		ProducerRecord<Object, Object> mark = new ProducerRecord<>(Topics.DEAD_LETTERS_REDRIVEN, markOf(deadLetter),
				now.toString().getBytes(StandardCharsets.UTF_8));
		return send(topic, deadLetter).then(EventPublisher.send(() -> this.kafka.send(mark))).thenReturn(now);
	}

	/** Every dead letter re-driven so far (its {@link #markOf}), and when. */
	private static Map<String, Instant> redriven(Consumer<String, byte[]> consumer) {
		List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS_REDRIVEN, Duration.ofSeconds(10))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		Map<String, Instant> redriven = new LinkedHashMap<>();
		readToEnd(consumer, partitions).forEach((record) -> redriven.put(record.key(),
				Instant.parse(new String(record.value(), StandardCharsets.UTF_8))));
		return redriven;
	}

	/** What identifies a dead letter: its dead-letter topic, partition and offset. */
	private static String markOf(ConsumerRecord<?, ?> deadLetter) {
		return deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset();
	}

	/**
	 * Back to the partition it came from, when the dead letter says which: a record keyed by
	 * something its event does not carry (sensor readings go by region) belongs to whichever
	 * instance owns that partition. Without the header, the key picks the partition.
	 */
	private Mono<Void> send(String topic, ConsumerRecord<String, byte[]> deadLetter) {
		Integer partition = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_PARTITION, Integer.BYTES).map(Long::intValue)
			.orElse(null);
		ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, partition, deadLetter.key(),
				deadLetter.value());
		record.headers().add(REDRIVEN_FROM, markOf(deadLetter).getBytes(StandardCharsets.UTF_8));
		return EventPublisher.send(() -> this.kafka.send(record)).then();
	}

	private List<ConsumerRecord<String, byte[]>> readAll(Consumer<String, byte[]> consumer, String topic) {
		return readToEnd(consumer, partitions(consumer, topic));
	}

	private static List<ConsumerRecord<String, byte[]>> readToEnd(Consumer<String, byte[]> consumer,
			List<TopicPartition> partitions) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		forEachToEnd(consumer, partitions, records::add);
		return records;
	}

	private static String failedTopicOf(String deadLetterTopic) {
		return deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DEAD_LETTER_SUFFIX.length());
	}

	private static void forEachToEnd(Consumer<String, byte[]> consumer, List<TopicPartition> partitions,
			java.util.function.Consumer<ConsumerRecord<String, byte[]>> action) {
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
		while (partitions.stream()
			.anyMatch((partition) -> consumer.position(partition) < end.getOrDefault(partition, 0L))) {
			consumer.poll(POLL).forEach(action);
		}
	}

	private Optional<ConsumerRecord<String, byte[]>> readOne(Consumer<String, byte[]> consumer, String topic,
			int partition, long offset) {
		TopicPartition deadLetters = new TopicPartition(Topics.deadLetterTopicOf(topic), partition);
		// Asked for a partition that does not exist, the consumer would wait out its API timeout.
		if (!partitions(consumer, topic).contains(deadLetters)) {
			return Optional.empty();
		}
		consumer.assign(List.of(deadLetters));
		long start = consumer.beginningOffsets(List.of(deadLetters)).getOrDefault(deadLetters, 0L);
		long end = consumer.endOffsets(List.of(deadLetters)).getOrDefault(deadLetters, 0L);
		if (offset < start || offset >= end) {
			return Optional.empty();
		}
		consumer.seek(deadLetters, offset);
		while (consumer.position(deadLetters) <= offset) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
				if (record.offset() == offset) {
					return Optional.of(record);
				}
			}
		}
		return Optional.empty();
	}

	/** The partitions of the topic's dead-letter topic; an {@code InvalidEventException} for unknown topics. */
	private List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
		Topics.eventTypeOf(topic);
		String deadLetterTopic = Topics.deadLetterTopicOf(topic);
		return consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(10)).stream()
			.map((info) -> new TopicPartition(deadLetterTopic, info.partition()))
			.toList();
	}

	private Consumer<String, byte[]> consumer() {
		// Dead letters the sensor pipeline aborted (its transaction did not commit) are none.
		return ShortLivedConsumers.create(this.consumers, "dead-letters",
				Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
	}

	private static DeadLetter deadLetter(String topic, ConsumerRecord<String, byte[]> record, @Nullable Instant redrivenAt) {
		return new DeadLetter(topic, record.partition(), record.offset(), record.key(),
				Instant.ofEpochMilli(record.timestamp()), text(record, DeadLetterReason.HEADER),
				text(record, KafkaHeaders.DLT_EXCEPTION_FQCN), number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION, 4)
					.map(Long::intValue).orElse(null),
				number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET, 8).orElse(null),
				(record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null, redrivenAt);
	}

	private record Found(ConsumerRecord<String, byte[]> record, @Nullable Instant redrivenAt) {

	}

	private static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static Optional<Long> number(ConsumerRecord<?, ?> record, String name, int size) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value().length != size) {
			return Optional.empty();
		}
		ByteBuffer value = ByteBuffer.wrap(header.value());
		return Optional.of((size == 4) ? value.getInt() : value.getLong());
	}

}
