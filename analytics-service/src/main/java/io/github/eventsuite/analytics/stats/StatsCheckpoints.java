package io.github.eventsuite.analytics.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.kafka.ShortLivedConsumers;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The statistics' checkpoints: the whole {@link Tally} with the offsets it covers, in one
 * record of a compacted topic, so that state and offsets are always written together. A
 * start restores the latest one and reads on from its offsets; every instance writes the
 * same key, and any instance's checkpoint is a correct start for any other (a tally is a
 * function of the records up to its offsets).
 */
@Component
class StatsCheckpoints implements LiveStats.Checkpoints, DisposableBean {

	static final String TOPIC = "analytics.stats-checkpoints";

	/** Room for {@link StatsProperties#MAX_RECENT_USERS} journeys of 33 bytes and the rest. */
	static final int MAX_BYTES = 8 * 1024 * 1024;

	/**
	 * Segments of this many bytes: room for the largest checkpoint (Kafka refuses a batch larger
	 * than a segment), and closed often enough for compaction to keep the topic small.
	 * Compaction never touches the segment being written, and Kafka's default segment (1 GB)
	 * took 1,000 users/s an hour to fill with checkpoints of 1.6 MB: the topic grew by 19 MB a
	 * minute, where with these it stayed at 24-37 MB once its first segments were cleaned.
	 */
	static final int SEGMENT_BYTES = 2 * MAX_BYTES;

	private static final String KEY = "stats";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	/** A stop waits this long at most for its checkpoint: Kafka away must not hold a stop up. */
	private static final Duration LAST_WRITE_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(StatsCheckpoints.class);

	private final KafkaAdmin admin;

	private final ConsumerFactory<?, ?> consumers;

	private final KafkaTemplate<String, byte[]> kafka;

	private final StatsProperties properties;

	private final AtomicBoolean writing = new AtomicBoolean();

	private volatile Instant lastWrittenAt = Instant.MIN;

	/** The tally's {@link Tally#progress()} at the last checkpoint: an idle tally is not written again. */
	private volatile long lastProgress = -1;

	@SuppressWarnings("unchecked")
	StatsCheckpoints(KafkaAdmin admin, ConsumerFactory<?, ?> consumers, ProducerFactory<?, ?> producers,
			StatsProperties properties) {
		this.admin = admin;
		this.consumers = consumers;
		this.kafka = new KafkaTemplate<>((ProducerFactory<String, byte[]>) producers,
				Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_BYTES));
		this.properties = properties;
	}

	/** The topic's settings: one partition, one key, compacted, room for a big checkpoint. */
	static Map<String, String> topicConfig() {
		return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
				TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_BYTES),
				TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(SEGMENT_BYTES));
	}

	/**
	 * The tally of the latest checkpoint, or a new one when there is none or it cannot be
	 * read (then the topics are read from the beginning). Reads Kafka synchronously: called
	 * once, while the application starts, before any listener runs.
	 */
	Tally restore() {
		this.admin.initialize();
		try (Consumer<String, byte[]> consumer = consumer()) {
			return latest(consumer).map(this::tallyOf).orElseGet(() -> new Tally(this.properties.recentUsers()));
		}
	}

	/**
	 * What a start has to catch up with: where each partition of the topics ends now, and
	 * where it begins (records before it are gone with retention and will not be read).
	 */
	CatchUp catchUp(Collection<String> topics) {
		try (Consumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = topics.stream()
				.flatMap((topic) -> consumer.partitionsFor(topic, READ_TIMEOUT).stream())
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			return new CatchUp(consumer.beginningOffsets(partitions, READ_TIMEOUT),
					consumer.endOffsets(partitions, READ_TIMEOUT));
		}
	}

	/** The first and the next offset of each partition, when the service started. */
	record CatchUp(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {

		static final CatchUp NOTHING = new CatchUp(Map.of(), Map.of());

		/** Records between the tally's positions (or the beginning, if later) and the ends. */
		long behind(Tally tally) {
			return this.ends.entrySet().stream()
				.mapToLong((end) -> Math.max(0, end.getValue()
						- Math.max(tally.position(end.getKey()), this.beginnings.getOrDefault(end.getKey(), 0L))))
				.sum();
		}

	}

	private Optional<byte[]> latest(Consumer<String, byte[]> consumer) {
		TopicPartition partition = new TopicPartition(TOPIC, 0);
		consumer.assign(List.of(partition));
		long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).getOrDefault(partition, 0L);
		if (end == 0) {
			log.info("No statistics checkpoint yet: counting from the beginning of the topics");
			return Optional.empty();
		}
		consumer.seek(partition, end - 1);
		Instant deadline = Instant.now().plus(READ_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
				if (record.offset() == end - 1) {
					return Optional.ofNullable(record.value());
				}
			}
		}
		throw new IllegalStateException("the statistics checkpoint at " + partition + "@" + (end - 1)
				+ " could not be read within " + READ_TIMEOUT);
	}

	private Tally tallyOf(byte[] checkpoint) {
		try {
			Tally tally = Tally.readFrom(new DataInputStream(new ByteArrayInputStream(checkpoint)),
					this.properties.recentUsers());
			log.info("Statistics restored from a checkpoint of {} bytes", checkpoint.length);
			return tally;
		}
		catch (IOException ex) {
			log.warn("Statistics checkpoint unreadable ({}): counting from the beginning of the topics", ex.toString());
			return new Tally(this.properties.recentUsers());
		}
	}

	/**
	 * Writes a checkpoint of the tally if one is due and none is being written. Called on the
	 * fold's thread, which owns the tally: the state is serialised there, then sent without
	 * holding the fold up; a failed write is logged, the next one is due at once.
	 */
	@Override
	public void offer(Tally tally, Instant now) {
		if (!now.isBefore(this.lastWrittenAt.plus(this.properties.checkpointInterval()))) {
			writeUnlessWritten(tally, now, WRITE_TIMEOUT, () -> {
			});
		}
	}

	/**
	 * Writes the tally now, unless the last checkpoint holds it already, then runs
	 * {@code done}, also if the write failed or took too long; false while another checkpoint
	 * is being written (ask again: a checkpoint sent later must not overtake it). Called on the
	 * fold's thread.
	 */
	@Override
	public boolean writeLast(Tally tally, Instant now, Runnable done) {
		return writeUnlessWritten(tally, now, LAST_WRITE_TIMEOUT, done);
	}

	private boolean writeUnlessWritten(Tally tally, Instant now, Duration timeout, Runnable done) {
		if (!this.writing.compareAndSet(false, true)) {
			return false;
		}
		if (tally.progress() == this.lastProgress) {
			this.writing.set(false);
			done.run();
			return true;
		}
		byte[] checkpoint = bytesOf(tally);
		this.lastWrittenAt = now;
		this.lastProgress = tally.progress();
		// Off the fold's thread: send blocks while Kafka is away.
		Mono.fromFuture(() -> this.kafka.send(TOPIC, KEY, checkpoint))
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(timeout)
			.doFinally((signal) -> {
				this.writing.set(false);
				done.run();
			})
			.subscribe((sent) -> { }, (ex) -> {
				this.lastWrittenAt = Instant.MIN;
				this.lastProgress = -1;
				log.warn("Statistics checkpoint not written: {}", ex.toString());
			});
		return true;
	}

	private static byte[] bytesOf(Tally tally) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			tally.writeTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private Consumer<String, byte[]> consumer() {
		return ShortLivedConsumers.create(this.consumers, "stats-checkpoints", Map.of());
	}

	/** Closes the producer of its own that the template made from the shared factory. */
	@Override
	public void destroy() {
		this.kafka.destroy();
	}

}
