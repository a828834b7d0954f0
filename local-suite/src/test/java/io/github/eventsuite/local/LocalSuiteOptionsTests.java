package io.github.eventsuite.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalSuiteOptionsTests {

	@TempDir
	Path home;

	@Test
	void defaultsToComposePortsAndADataDirectoryInTheProject() {
		LocalSuiteOptions options = LocalSuiteOptions.parse("--home=" + this.home);

		assertThat(options.ports()).isEqualTo(LocalPorts.DEFAULT);
		assertThat(options.dataDirectory()).isEqualTo(this.home.resolve(".local-suite"));
		assertThat(options.fresh()).isFalse();
	}

	@Test
	void movesEveryPortByTheOffset() {
		LocalSuiteOptions options = LocalSuiteOptions.parse("--home=" + this.home, "--port-offset=1000", "--fresh");

		assertThat(options.ports().userService()).isEqualTo(9080);
		assertThat(options.ports().userManagement()).isEqualTo(10180);
		assertThat(options.ports().postgres()).isEqualTo(6432);
		assertThat(options.ports().kafkaController()).isEqualTo(10093);
		assertThat(options.fresh()).isTrue();
	}

	@Test
	void rejectsUnknownOptionsAndPortsOutOfRangeWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalSuiteOptions.parse("--home=" + this.home, "--detach"))
			.withMessageContaining("unknown option --detach")
			.withMessageContaining("Usage:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalSuiteOptions.parse("--home=" + this.home, "--port-offset=60000"))
			.withMessageContaining("below 65536");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalSuiteOptions.parse("--home=" + this.home, "--port-offset=many"))
			.withMessageContaining("must be a number");
	}

}
