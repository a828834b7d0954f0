package io.github.eventsuite.eventbus.email;

import java.util.UUID;

import io.github.eventsuite.eventbus.BusEvent;

/** Events about emails sent to users: topic {@code email.sent}. */
public sealed interface EmailEvent extends BusEvent permits EmailSent {

	UUID userId();

}
