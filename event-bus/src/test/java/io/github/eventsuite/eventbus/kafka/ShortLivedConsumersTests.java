package io.github.eventsuite.eventbus.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ShortLivedConsumersTests {

	@Test
	void readRawBytesCommitNothingAndAskTheBrokerNotToWaitForRecordsOnTopOfTheServicesSettings() {
		Map<String, Object> made = new HashMap<>();
		DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092", ConsumerConfig.GROUP_ID_CONFIG, "service",
						ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500)) {

			@Override
			protected Consumer<Object, Object> createRawConsumer(Map<String, Object> config) {
				made.putAll(config);
				return new MockConsumer<>("earliest");
			}

		};

		ShortLivedConsumers.create(factory, "reader", Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))
			.close();

		assertThat(made).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
			.containsEntry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
			.containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)
			.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0)
			.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		assertThat((String) made.get(ConsumerConfig.CLIENT_ID_CONFIG)).startsWith("reader");
	}

}
