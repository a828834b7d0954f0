package io.github.eventsuite.notification.email;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.user.UserCreated;

import static org.assertj.core.api.Assertions.assertThat;

class WelcomeEmailTests {

	private final UUID userId = UUID.randomUUID();

	private final UserCreated user = UserCreated.of(this.userId, "Ada Lovelace", "ada@example.com", Instant.now(), "c");

	@Test
	void greetsTheUserByName() {
		WelcomeEmail email = WelcomeEmail.of(this.user, "suite.test");

		assertThat(email.to()).isEqualTo("ada@example.com");
		assertThat(email.subject()).isEqualTo("Welcome to Event Suite, Ada Lovelace!");
		assertThat(email.body()).startsWith("Hi Ada Lovelace,");
	}

	@Test
	void derivesTheMessageIdFromTheUser() {
		assertThat(WelcomeEmail.of(this.user, "suite.test").messageId())
			.isEqualTo("<welcome." + this.userId + "@suite.test>")
			.isEqualTo(WelcomeEmail.of(this.user, "suite.test").messageId());
	}

}
