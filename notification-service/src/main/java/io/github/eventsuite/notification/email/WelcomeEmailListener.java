package io.github.eventsuite.notification.email;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.EventPublisher;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Mono;

@Component
class WelcomeEmailListener {

	private static final Logger log = LoggerFactory.getLogger(WelcomeEmailListener.class);

	private final Mailer mailer;

	private final EventPublisher publisher;

	private final EmailProperties properties;

	private final Clock clock;

	WelcomeEmailListener(Mailer mailer, EventPublisher publisher, EmailProperties properties, Clock clock) {
		this.mailer = mailer;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
	}

	/** Sends the welcome email, then emits email.sent; the record is committed after both. */
	@KafkaListener(topics = Topics.USER_CREATED)
	Mono<Void> on(UserCreated event) {
		WelcomeEmail email = WelcomeEmail.of(event, this.properties.messageIdDomain());
		return this.mailer.send(email)
			.then(Mono.fromSupplier(() -> EmailSent.of(event.userId(), WelcomeEmail.TEMPLATE, email.messageId(),
					this.clock.instant(), event.envelope().correlationId())))
			.flatMap(this.publisher::publish)
			.doOnSuccess((sent) -> log.info("Welcome email {} sent to user {}", email.messageId(), event.userId()))
			.then();
	}

}
