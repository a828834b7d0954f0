package io.github.eventsuite.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local suite runs each service with the JIT and the heap of its image, so that both measure alike. */
class ServiceJvmTests {

	private static final Pattern IMAGE_OPTIONS = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

	private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	@Test
	void startsEachServiceWithTheJitAndHeapOfItsImage() throws IOException {
		for (String service : LocalSuite.SERVICES) {
			List<String> options = LocalSuite.imageJvmOptions(service);
			assertThat(options.contains(C1_ONLY)).as(service).isEqualTo(imageOptions(service).contains(C1_ONLY));
			assertThat(lastHeapLimit(options)).as(service).isEqualTo(lastHeapLimit(imageOptions(service)));
			// SERVICE_JAVA_OPTS (the build sets it for every test) only comes after them.
			assertThat(LocalSuite.serviceJvmOptions(service)).as(service).startsWith(options.toArray(String[]::new));
		}
	}

	/** The JVM takes the last {@code -Xmx} given. */
	private static String lastHeapLimit(List<String> options) {
		return options.stream().filter((option) -> option.startsWith("-Xmx")).reduce((first, second) -> second).orElseThrow();
	}

	private static List<String> imageOptions(String service) throws IOException {
		Matcher options = IMAGE_OPTIONS.matcher(Files.readString(Path.of("..", service, "Dockerfile")));
		assertThat(options.find()).as(service + "'s Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
		return List.of(options.group(1).split("\\s+"));
	}

}
