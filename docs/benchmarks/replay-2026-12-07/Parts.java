import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.core.*;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.DeserializationFeature;

public class Parts {
	static com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
	static Object sink;
	static void m(String label, Supplier<Object> s) {
		for (int i = 0; i < 200_000; i++) sink = s.get();
		long t = Thread.currentThread().getId(); long b0 = mx.getThreadAllocatedBytes(t); long n0 = System.nanoTime();
		int n = 200_000; for (int i = 0; i < n; i++) sink = s.get();
		System.out.printf("%-40s %6d B %6.2f us%n", label, (mx.getThreadAllocatedBytes(t) - b0) / n, (System.nanoTime() - n0) / 1e3 / n);
	}
	public static void main(String[] a) {
		byte[] data = "{\"envelope\":{\"eventId\":\"e79c7542-5cbe-3bac-9f21-a65de5c4ccf1\",\"eventType\":\"email.sent\",\"schemaVersion\":1,\"occurredAt\":\"2026-12-07T17:45:25.828228993Z\",\"correlationId\":\"scale\"},\"userId\":\"c154627e-75db-46d3-945e-cbdbbba31678\",\"template\":\"welcome\",\"messageId\":\"<w.c154627e-75db-46d3-945e-cbdbbba31678@x>\",\"sentAt\":\"2026-12-07T17:45:25.828228993Z\"}".getBytes();
		JsonMapper def = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		JsonMapper tl = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		JsonFactory f = def.tokenStreamFactory();
		m("Instant.parse", () -> Instant.parse("2026-12-07T17:45:25.828228993Z"));
		m("UUID.fromString", () -> UUID.fromString("c154627e-75db-46d3-945e-cbdbbba31678"));
		m("tokens only, default pool", () -> { try (JsonParser p = def.createParser(data)) { int c = 0; while (p.nextToken() != null) c++; return c; } });
		m("tokens only, thread-local pool", () -> { try (JsonParser p = tl.createParser(data)) { int c = 0; while (p.nextToken() != null) c++; return c; } });
		m("tokens+text, default pool", () -> { try (JsonParser p = def.createParser(data)) { int c = 0; JsonToken t; while ((t = p.nextToken()) != null) if (t == JsonToken.VALUE_STRING) c += p.getString().length(); return c; } });
		m("readTree default", () -> def.readTree(data));
		m("readValue EmailSent default", () -> def.readValue(data, io.github.eventsuite.eventbus.email.EmailSent.class));
		m("readValue EmailSent thread-local", () -> tl.readValue(data, io.github.eventsuite.eventbus.email.EmailSent.class));
		m("readValue Map", () -> def.readValue(data, java.util.Map.class));
	}
}
