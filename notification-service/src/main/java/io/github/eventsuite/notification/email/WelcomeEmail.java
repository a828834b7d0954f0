package io.github.eventsuite.notification.email;

import java.util.UUID;

import io.github.eventsuite.eventbus.PersonalData;
import io.github.eventsuite.eventbus.user.UserCreated;

/**
 * The welcome email of one user. Its Message-ID is derived from the user id, so a message
 * sent again for the same user is recognisable as the same message.
 */
record WelcomeEmail(UUID userId, String to, String subject, String body, String messageId) {

	static final String TEMPLATE = "welcome";

	static WelcomeEmail of(UserCreated user, String messageIdDomain) {
		String subject = "Welcome to Event Suite, " + user.name() + "!";
		String body = """
				Hi %s,

				welcome aboard! Your account has been created and is ready to use.

				The Event Suite team
				""".formatted(user.name());
		String messageId = "<" + TEMPLATE + "." + user.userId() + "@" + messageIdDomain + ">";
		return new WelcomeEmail(user.userId(), user.email(), subject, body, messageId);
	}

	/** The recipient masked, subject and body (they greet the user by name) left out. */
	@Override
	public String toString() {
		return "WelcomeEmail[userId=" + this.userId + ", to=" + PersonalData.maskEmail(this.to) + ", messageId="
				+ this.messageId + "]";
	}

}
