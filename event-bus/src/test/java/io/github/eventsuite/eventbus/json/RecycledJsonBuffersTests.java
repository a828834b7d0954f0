package io.github.eventsuite.eventbus.json;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecycledJsonBuffersTests {

	private static final int ENCODINGS = 2_000;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, RecycledJsonBuffersAutoConfiguration.class));

	@Test
	void encodingAResponseBodyReusesItsThreadsBuffers() {
		this.contexts.run((context) -> {
			JacksonJsonEncoder encoder = new JacksonJsonEncoder(context.getBean(JsonMapper.class));
			encode(encoder, ENCODINGS);
			long before = allocatedByThisThread();
			encode(encoder, ENCODINGS);
			long perEncoding = (allocatedByThisThread() - before) / ENCODINGS;
			// Without recycling each encoding allocates about 19 KB of fresh buffers.
			assertThat(perEncoding).isLessThan(4_096);
		});
	}

	@Test
	void bootsJacksonPropertiesStillApply() {
		this.contexts.withPropertyValues("spring.jackson.deserialization.fail-on-unknown-properties=true")
			.run((context) -> assertThatExceptionOfType(UnrecognizedPropertyException.class).isThrownBy(
					() -> context.getBean(JsonMapper.class).readValue("{\"id\":1,\"extra\":2}", Accepted.class)));
	}

	private static void encode(JacksonJsonEncoder encoder, int times) {
		for (int i = 0; i < times; i++) {
			DataBufferUtils.release(encoder.encodeValue(new Accepted(i, "pending"), DefaultDataBufferFactory.sharedInstance,
					ResolvableType.forClass(Accepted.class), MediaType.APPLICATION_JSON, null));
		}
	}

	private static long allocatedByThisThread() {
		return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	record Accepted(long id, String status) {
	}

}
