package io.github.eventsuite.sensor;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.testing.PackagedSettings;

import static org.assertj.core.api.Assertions.assertThat;

class PackagedSettingsTests {

	@Test
	void theJarHoldsNoPassword() {
		assertThat(PackagedSettings.secretsWithAValue()).isEmpty();
	}

}
