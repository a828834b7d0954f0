package io.github.eventsuite.eventbus.user;

import java.util.UUID;

import io.github.eventsuite.eventbus.BusEvent;

/** Events of the user life cycle: topics {@code user.register} and {@code user.created}. */
public sealed interface UserEvent extends BusEvent permits UserRegistrationRequested, UserCreated {

	UUID userId();

}
