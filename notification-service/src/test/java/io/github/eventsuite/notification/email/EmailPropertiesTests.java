package io.github.eventsuite.notification.email;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class EmailPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(WithEmailProperties.class);

	@Test
	void keepsConnectionsOpenForThirtySecondsAndAHundredMessagesByDefault() {
		this.context.run((context) -> {
			EmailProperties properties = context.getBean(EmailProperties.class);
			assertThat(properties.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.messagesPerConnection()).isEqualTo(100);
		});
	}

	@Test
	void refusesAConnectionIdleTimeoutShorterThanASecond() {
		this.context.withPropertyValues("notification.email.connection-idle-timeout=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("connection-idle-timeout must be at least 1s"));
	}

	@Test
	void refusesFewerThanOneMessagePerConnection() {
		this.context.withPropertyValues("notification.email.messages-per-connection=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("messagesPerConnection"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EmailProperties.class)
	static class WithEmailProperties {

	}

}
