package io.github.eventsuite.eventbus.kafka;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.core.ConsumerFactory;

/**
 * Consumers that read records already on a topic, as raw bytes, then close: the dead-letter
 * console's and analytics-service's checkpoint reader. They commit nothing.
 *
 * <p>They ask the broker not to wait for more records than there are. A consumer's
 * {@code close()} ends its fetch session with one more fetch, which the broker holds for
 * {@code fetch.max.wait.ms} (500 ms by default) when nothing new has come: every read that
 * had fetched took half a second longer to close (KAFKA-19884; measured on analytics-service's
 * start, docs/benchmarks.md 2026-12-07). Nothing to gain from the wait here: they read up to
 * an end known before they fetch.
 */
public final class ShortLivedConsumers {

	private ShortLivedConsumers() {
	}

	/**
	 * A consumer of the factory's settings with {@code overrides} on top of the above.
	 * @param clientIdPrefix names the reader in the broker's logs and metrics
	 */
	@SuppressWarnings("unchecked")
	public static Consumer<String, byte[]> create(ConsumerFactory<?, ?> factory, String clientIdPrefix,
			Map<String, Object> overrides) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0);
		properties.putAll(overrides);
		return (Consumer<String, byte[]>) factory.createConsumer(null, clientIdPrefix, null, properties);
	}

}
