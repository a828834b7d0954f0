package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
 * Notes when each user's {@code email.sent} arrives ({@code System.nanoTime()}): the end of
 * the chain, as a consumer of the topic sees it. Reads from the end of the topic as it was
 * when the watcher started; commits nothing.
 */
final class EmailSentWatcher implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaConsumer<String, byte[]> consumer;

	private final Map<UUID, Long> arrivals = new ConcurrentHashMap<>();

	private final Thread polling;

	private volatile boolean running = true;

	EmailSentWatcher(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
		var partitions = this.consumer.partitionsFor("email.sent").stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
		this.polling = new Thread(this::poll, "email-sent-watcher");
		this.polling.setDaemon(true);
		this.polling.start();
	}

	private void poll() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					long now = System.nanoTime();
					JsonNode event = JSON.readTree(record.value());
					this.arrivals.putIfAbsent(UUID.fromString(event.get("userId").asString()), now);
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
	Long arrival(UUID userId) {
		return this.arrivals.get(userId);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.polling.join(5_000);
	}

}
