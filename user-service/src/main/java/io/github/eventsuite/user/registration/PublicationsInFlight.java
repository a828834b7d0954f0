package io.github.eventsuite.user.registration;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.kafka.WorkInFlight;

/**
 * Registrations answered 202 whose {@code user.register} is still being published (and
 * marked published). A stop waits for them once the web server's graceful shutdown has
 * answered the last requests, before the producer and the database pool close: otherwise
 * one answered just before a SIGTERM stayed pending until {@link StalledRegistrations}
 * published it a minute after the restart.
 */
@Component
class PublicationsInFlight extends WorkInFlight {

	PublicationsInFlight() {
		super(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1, "registrations being published");
	}

}
