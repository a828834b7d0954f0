package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notes when each user's event arrives on each of the chain's topics
 * ({@code System.nanoTime()}), as a consumer of the topic sees it: {@code email.sent} is the
 * end of the chain; {@code user.register} and {@code user.created} tell which hop a backlog
 * waits in. Reads from the end of the topics as they were when the watcher started; commits
 * nothing.
 */
final class ChainWatcher implements AutoCloseable {

	/** The chain's topics, in the order a registration reaches them. */
	static final List<String> TOPICS = List.of("user.register", "user.created", "email.sent");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaConsumer<String, byte[]> consumer;

	private final Map<String, Map<UUID, Long>> arrivals = new ConcurrentHashMap<>();

	/** Events of a user that arrived on a topic after the first: on email.sent, a second email. */
	private final Map<String, LongAdder> repeats = new ConcurrentHashMap<>();

	private final Thread polling;

	private volatile boolean running = true;

	ChainWatcher(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
		var partitions = TOPICS.stream()
			.flatMap((topic) -> this.consumer.partitionsFor(topic).stream())
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		TOPICS.forEach((topic) -> {
			this.arrivals.put(topic, new ConcurrentHashMap<>());
			this.repeats.put(topic, new LongAdder());
		});
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
		this.polling = new Thread(this::poll, "chain-watcher");
		this.polling.setDaemon(true);
		this.polling.start();
	}

	private void poll() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					long now = System.nanoTime();
					JsonNode event = JSON.readTree(record.value());
					if (this.arrivals.get(record.topic())
						.putIfAbsent(UUID.fromString(event.get("userId").asString()), now) != null) {
						this.repeats.get(record.topic()).increment();
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close();
		}
	}

	/** When the user's email.sent arrived, or null if it has not. */
	Long emailSent(UUID userId) {
		return arrival("email.sent", userId);
	}

	/** When the user's event arrived on the topic, or null if it has not. */
	Long arrival(String topic, UUID userId) {
		return this.arrivals.get(topic).get(userId);
	}

	/** How many events arrived on the topic for a user already seen there, since the watcher started. */
	long repeats(String topic) {
		return this.repeats.get(topic).sum();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.polling.join(5_000);
	}

}
