import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import io.github.eventsuite.eventbus.*;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.*;
import io.github.eventsuite.eventbus.user.*;

public class Alloc {
	public static void main(String[] a) {
		var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		EventSerializer ser = new EventSerializer(); EventDeserializer de = new EventDeserializer();
		UUID user = UUID.randomUUID(); Instant at = Instant.now();
		EventEnvelope env = new EventEnvelope(UUID.randomUUID(), UserRegistrationRequested.TYPE, UserRegistrationRequested.SCHEMA_VERSION, at, "scale");
		BusEvent[] evs = { new UserRegistrationRequested(env, user, "User", "u-" + user + "@example.com"),
			UserCreated.of(user, "User", "u-" + user + "@example.com", at.plusMillis(3), "scale"),
			EmailSent.of(user, "welcome", "<w." + user + "@x>", at.plusMillis(40), "scale") };
		for (BusEvent e : evs) {
			String topic = Topics.topicOf(e); byte[] data = ser.serialize(topic, e);
			for (int i = 0; i < 200_000; i++) de.deserialize(topic, data);
			long t = Thread.currentThread().getId(); long b0 = mx.getThreadAllocatedBytes(t); long n0 = System.nanoTime();
			int n = 200_000; for (int i = 0; i < n; i++) de.deserialize(topic, data);
			System.out.printf("%s: %d bytes json, %d bytes allocated, %.2f us per read%n", topic, data.length, (mx.getThreadAllocatedBytes(t) - b0) / n, (System.nanoTime() - n0) / 1e3 / n);
		}
	}
}
