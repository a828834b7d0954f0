import java.lang.management.ManagementFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One VARIANT alone in its JVM, 10 rounds of 1,000,000 calls, the last 5 reported (ns per call; bytes per call):
 * j3record / j3bean: Jackson 3 reads a 5-component record / the same as a bean with public fields;
 * j2record / j2bean: the same with Jackson 2; mh-invokeWithArguments / mh-spreader: the record's
 * canonical constructor called as Jackson 3's AnnotatedConstructor.call(Object[]) does, and through a
 * spreader made once.
 * Build and run (jackson-databind 3.1.4 and 2.21.4 on the class path, as Spring Boot 4.0.7 has them):
 *   javac --release 17 -cp "$CP" One.java && java -cp "$CP:." One j3record      (add -XX:TieredStopAtLevel=1 for C1 only)
 */
public class One {

	public record Point(String id, String name, long x, long y, String region) {
	}

	public static class Bean {
		public String id;
		public String name;
		public long x;
		public long y;
		public String region;
	}

	static Object sink;
	interface Call { Object call() throws Throwable; }
	public static void main(String[] a) throws Throwable {
		var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		byte[] json = "{\"id\":\"3f1c5e1a-8d2b-4f6e-9a7c-1b2d3e4f5a6b\",\"name\":\"Ada\",\"x\":12345,\"y\":67890,\"region\":\"north\"}".getBytes();
		var j3 = tools.jackson.databind.json.JsonMapper.builder().build();
		var j2 = new com.fasterxml.jackson.databind.ObjectMapper();
		MethodHandle ctor = MethodHandles.lookup().findConstructor(Point.class,
				MethodType.methodType(void.class, String.class, String.class, long.class, long.class, String.class));
		MethodHandle generic = ctor.asType(ctor.type().generic());
		MethodHandle spreader = generic.asSpreader(Object[].class, 5);
		Call c = switch (a[0]) {
			case "j3record" -> () -> j3.readValue(json, Point.class);
			case "j3bean" -> () -> j3.readValue(json, Bean.class);
			case "j2record" -> () -> j2.readValue(json, Point.class);
			case "j2bean" -> () -> j2.readValue(json, Bean.class);
			case "mh-invokeWithArguments" -> () -> generic.invokeWithArguments(new Object[] { "3f1c5e1a", "Ada", 12345L, 67890L, "north" });
			case "mh-spreader" -> () -> (Object) spreader.invokeExact(new Object[] { "3f1c5e1a", "Ada", 12345L, 67890L, "north" });
			default -> throw new IllegalArgumentException(a[0]);
		};
		StringBuilder out = new StringBuilder(String.format("%-24s", a[0]));
		for (int round = 0; round < 10; round++) {
			long t = Thread.currentThread().getId(); long b0 = mx.getThreadAllocatedBytes(t); long n0 = System.nanoTime();
			int n = 1_000_000;
			for (int i = 0; i < n; i++) sink = c.call();
			if (round >= 5) out.append(String.format(" %5.0f", (System.nanoTime() - n0) / (double) n));
			if (round == 9) out.append(String.format(" ns; %d B", (mx.getThreadAllocatedBytes(t) - b0) / n));
		}
		System.out.println(out);
	}
}
