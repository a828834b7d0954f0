import java.lang.management.ManagementFactory;
import java.time.*;
import java.time.format.*;
import java.util.function.Supplier;

public class Inst {
	static com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
	static Object sink;
	static void m(String label, Supplier<Object> s) {
		for (int i = 0; i < 300_000; i++) sink = s.get();
		long t = Thread.currentThread().getId(); long b0 = mx.getThreadAllocatedBytes(t); long n0 = System.nanoTime();
		int n = 300_000; for (int i = 0; i < n; i++) sink = s.get();
		System.out.printf("%-40s %6d B %6.3f us%n", label, (mx.getThreadAllocatedBytes(t) - b0) / n, (System.nanoTime() - n0) / 1e3 / n);
	}
	public static void main(String[] a) {
		String s = "2026-12-07T17:45:25.828228993Z";
		m("Instant.parse", () -> Instant.parse(s));
		m("ISO_OFFSET_DATE_TIME.parse(Instant::from)", () -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from));
		m("OffsetDateTime.parse().toInstant()", () -> OffsetDateTime.parse(s).toInstant());
		m("LocalDateTime.parse(s without Z)", () -> LocalDateTime.parse(s.subSequence(0, s.length() - 1)).toInstant(ZoneOffset.UTC));
		m("ZonedDateTime.parse", () -> ZonedDateTime.parse(s).toInstant());
	}
}
