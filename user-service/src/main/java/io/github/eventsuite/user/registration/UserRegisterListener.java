package io.github.eventsuite.user.registration;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.adapter.ConsumerRecordMetadata;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.kafka.ListenerRetry;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import reactor.core.publisher.Mono;

@Component
class UserRegisterListener {

	private final Registrations registrations;

	private final ListenerRetry retry;

	UserRegisterListener(Registrations registrations, ListenerRetry retry) {
		this.registrations = registrations;
		this.retry = retry;
	}

	/** The record is committed when the Mono completes: after the user row and its outbox event. */
	@KafkaListener(topics = Topics.USER_REGISTER)
	Mono<Void> on(UserRegistrationRequested event, ConsumerRecordMetadata record) {
		return this.retry.process(event, record, () -> this.registrations.complete(event));
	}

}
