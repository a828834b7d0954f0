package io.github.eventsuite.notification.email;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.adapter.ConsumerRecordMetadata;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.ListenerRetry;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Mono;

@Component
class WelcomeEmailListener {

	private final WelcomeEmails welcomeEmails;

	private final ListenerRetry retry;

	WelcomeEmailListener(WelcomeEmails welcomeEmails, ListenerRetry retry) {
		this.welcomeEmails = welcomeEmails;
		this.retry = retry;
	}

	/** The record is committed after the email was sent (or found sent) and email.sent published. */
	@KafkaListener(topics = Topics.USER_CREATED)
	Mono<Void> on(UserCreated event, ConsumerRecordMetadata record) {
		return this.retry.process(event, record, () -> this.welcomeEmails.welcome(event));
	}

}
