package io.github.eventsuite.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline for "every event acknowledged by Kafka": the same broker, a producer with the
 * suite's settings ({@code acks=all}, idempotent, {@code linger.ms} 20 as in event-bus's
 * eventbus-defaults.yml), records the size of a registration, sent as fast as the producer
 * takes them.
 */
final class KafkaAlone {

	static final String TOPIC = "bench.baseline";

	private static final byte[] PAYLOAD = new byte[320];

	private KafkaAlone() {
	}

	static LoadResult run(String bootstrapServers, Duration duration, Progress progress) throws Exception {
		createTopic(bootstrapServers);
		Histogram latency = LoadResult.histogram();
		AtomicLong ok = new AtomicLong();
		long sent = 0;
		progress.begin("Kafka alone (producer, acks=all)", (int) duration.toSeconds());
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(),
				new ByteArraySerializer())) {
			long end = start + duration.toNanos();
			while (System.nanoTime() < end) {
				long sentAt = System.nanoTime();
				producer.send(new ProducerRecord<>(TOPIC, "key-" + (sent % 1024), PAYLOAD), (metadata, ex) -> {
					if (ex == null) {
						OpenLoad.record(latency, (System.nanoTime() - sentAt) / 1000);
						ok.incrementAndGet();
					}
				});
				sent++;
				progress.at((int) ((System.nanoTime() - start) / 1_000_000_000L));
			}
			producer.flush();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		progress.end();
		return new LoadResult("Kafka alone", 0, sent, ok.get(), sent - ok.get(), ok.get() / seconds, latency);
	}

	private static void createTopic(String bootstrapServers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

}
