package io.github.eventsuite.notification.email;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Mono;

@Component
class WelcomeEmailListener {

	private final WelcomeEmails welcomeEmails;

	WelcomeEmailListener(WelcomeEmails welcomeEmails) {
		this.welcomeEmails = welcomeEmails;
	}

	/** The record is committed after the email was sent (or found sent) and email.sent published. */
	@KafkaListener(topics = Topics.USER_CREATED)
	Mono<Void> on(UserCreated event) {
		return this.welcomeEmails.welcome(event);
	}

}
