package io.github.eventsuite.user.registration;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import reactor.core.publisher.Mono;

@Component
class UserRegisterListener {

	private final Registrations registrations;

	UserRegisterListener(Registrations registrations) {
		this.registrations = registrations;
	}

	/** The record is committed when the Mono completes: after the user row and user.created. */
	@KafkaListener(topics = Topics.USER_REGISTER)
	Mono<Void> on(UserRegistrationRequested event) {
		return this.registrations.complete(event);
	}

}
