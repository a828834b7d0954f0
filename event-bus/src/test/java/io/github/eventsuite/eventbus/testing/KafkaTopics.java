package io.github.eventsuite.eventbus.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.InvalidEventException;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.EventDeserializer;
import io.github.eventsuite.eventbus.kafka.EventSerializer;

/** Test access to a real broker: read a whole topic, publish raw or typed records. */
public final class KafkaTopics {

	private final String bootstrapServers;

	public KafkaTopics(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Every record the topic holds right now, from the beginning of each partition; of records
	 * written in transactions (the sensor pipeline's), only those committed.
	 */
	public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	/**
	 * The events a topic holds right now, read as its consumers read them. Records that are
	 * not valid events (poison records a test sent on purpose) are left out: their consumers
	 * dead-letter them.
	 */
	public <T extends BusEvent> List<T> events(String topic, Class<T> type) {
		EventDeserializer deserializer = new EventDeserializer();
		return readAll(topic).stream()
			.<T>mapMulti((record, events) -> {
				try {
					events.accept(type.cast(deserializer.deserialize(topic, record.value())));
				}
				catch (InvalidEventException ex) {
					// not an event
				}
			})
			.toList();
	}

	public RecordMetadata publish(BusEvent event) {
		return publish(event, event.key());
	}

	/** Under a key of the publisher's choosing: sensor readings go by region. */
	public RecordMetadata publish(BusEvent event, String key) {
		return send(Topics.topicOf(event), key, new EventSerializer().serialize(null, event));
	}

	public RecordMetadata sendRaw(String topic, String key, String value) {
		return send(topic, key, value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Whether the consumer group has committed past the record: it has been processed (a
	 * service commits a record only once its work is done).
	 */
	public boolean processed(String groupId, RecordMetadata record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		return withAdmin((admin) -> {
			OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS)
				.get(partition);
			return committed != null && committed.offset() > record.offset();
		});
	}

	/** Moves the (inactive) consumer group back to the start of the topic: everything is delivered again. */
	public void rewind(String groupId, String topic) {
		withAdmin((admin) -> {
			Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
			partitions(admin, topic).forEach((partition) -> start.put(partition, new OffsetAndMetadata(0)));
			return admin.alterConsumerGroupOffsets(groupId, start).all().get(10, TimeUnit.SECONDS);
		});
	}

	/** Records of the topic that the consumer group has not committed yet: its backlog in Kafka. */
	public long lag(String groupId, String topic) {
		return withAdmin((admin) -> {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			partitions(admin, topic).forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
			return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
				.mapToLong((end) -> end.getValue().offset()
						- ((committed.get(end.getKey()) != null) ? committed.get(end.getKey()).offset() : 0))
				.sum();
		});
	}

	/** Whether the consumer group has committed everything the topic holds. */
	public boolean caughtUp(String groupId, String topic) {
		return lag(groupId, topic) == 0;
	}

	/** The settings made on the topic itself (not inherited from the broker's defaults), by name. */
	public Map<String, String> settings(String topic) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		return withAdmin((admin) -> admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
			.get(resource).entries().stream()
			.filter((entry) -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
			.collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value)));
	}

	private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
		return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
			.partitions().stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
	}

	private <T> T withAdmin(AdminCall<T> call) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			return call.apply(admin);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka admin call failed", ex);
		}
	}

	private interface AdminCall<T> {

		T apply(Admin admin) throws Exception;

	}

	private RecordMetadata send(String topic, String key, byte[] value) {
		return send(new ProducerRecord<>(topic, key, value));
	}

	/** A record as it is given: partition, headers and all. */
	public RecordMetadata send(ProducerRecord<String, byte[]> record) {
		String topic = record.topic();
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
			return producer.send(record).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not send to " + topic, ex);
		}
	}

	/** A header of a record as text, e.g. the dead-letter reason. */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
