import io.github.eventsuite.eventbus.*;
import io.github.eventsuite.eventbus.user.*;
import io.github.eventsuite.eventbus.email.*;
import io.github.eventsuite.eventbus.kafka.*;
import java.util.UUID;
import java.time.Instant;

public class Cold {
  public static void main(String[] a) {
    long t0 = System.nanoTime();
    EventSerializer ser = new EventSerializer();
    EventDeserializer de = new EventDeserializer();
    UUID id = UUID.randomUUID();
    var reg = UserRegistrationRequested.of(id, "Ada Lovelace", "ada@example.com", "c-1");
    var created = UserCreated.of(id, "Ada Lovelace", "ada@example.com", Instant.now(), "c-1");
    byte[] r = ser.serialize(Topics.USER_REGISTER, reg);
    byte[] c = ser.serialize(Topics.USER_CREATED, created);
    long t1 = System.nanoTime();
    System.out.printf("serializer ready + 2 serialized: %.1f ms%n", (t1 - t0) / 1e6);
    for (String[] x : new String[][] {{Topics.USER_REGISTER}, {Topics.USER_CREATED}}) {
      byte[] d = x[0].equals(Topics.USER_REGISTER) ? r : c;
      long s = System.nanoTime(); de.deserialize(x[0], d); long e = System.nanoTime();
      System.out.printf("first %s: %.1f ms%n", x[0], (e - s) / 1e6);
    }
    for (int round = 0; round < 5; round++) {
      long s = System.nanoTime();
      for (int i = 0; i < 5000; i++) { de.deserialize(Topics.USER_REGISTER, r); de.deserialize(Topics.USER_CREATED, c); }
      System.out.printf("10,000 more, round %d: %.1f ms%n", round, (System.nanoTime() - s) / 1e6);
    }
  }
}
