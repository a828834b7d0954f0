import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.EventEnvelope;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/** Writes N users' three events straight onto the topics; as fast as it can, or at most RATE users a second. */
public class HistoryWriter {
	public static void main(String[] args) throws Exception {
		String bootstrap = args[0];
		int users = Integer.parseInt(args[1]);
		int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
		EventSerializer json = new EventSerializer();
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "1");
		long start = System.nanoTime();
		AtomicLong failed = new AtomicLong();
		try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
			Instant t0 = Instant.now().minusSeconds(users / 1000 + 3600);
			for (int i = 0; i < users; i++) {
				if (rate > 0) {
					long ahead = start + i * 1_000_000_000L / rate - System.nanoTime();
					if (ahead > 1_000_000) {
						Thread.sleep(ahead / 1_000_000);
					}
				}
				UUID user = UUID.randomUUID();
				Instant at = t0.plusMillis(i);
				EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), UserRegistrationRequested.TYPE,
						UserRegistrationRequested.SCHEMA_VERSION, at, "scale");
				send(producer, json, new UserRegistrationRequested(envelope, user, "User", "u-" + user + "@example.com"), failed);
				send(producer, json, UserCreated.of(user, "User", "u-" + user + "@example.com", at.plusMillis(3), "scale"), failed);
				send(producer, json, EmailSent.of(user, "welcome", "<w." + user + "@x>", at.plusMillis(40 + i % 500), "scale"), failed);
			}
			producer.flush();
		}
		System.out.printf("%d events in %.1f s, %d failed%n", users * 3L, (System.nanoTime() - start) / 1e9, failed.get());
	}

	static void send(KafkaProducer<String, byte[]> producer, EventSerializer json, BusEvent event, AtomicLong failed) {
		String topic = Topics.topicOf(event);
		producer.send(new ProducerRecord<>(topic, event.key(), json.serialize(topic, event)), (md, ex) -> {
			if (ex != null) failed.incrementAndGet();
		});
	}
}
