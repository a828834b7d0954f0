package io.github.eventsuite.eventbus.kafka;

import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * The work that listeners returned as a {@code Mono} and that is not done yet. Spring Kafka
 * (4.0.8) stops a container without waiting for those Monos: the consumer commits what is
 * done and closes, and the pools the work uses are closed right after. An email the SMTP
 * server took while its record could no longer be written would then be sent again after
 * the restart, once its claim expired. Stops right after the listener containers (no new
 * work starts); what it did not finish is redelivered after the restart, as after a crash.
 * Goes with Spring Kafka 4.2, whose containers can await their async results on stop
 * (spring-kafka#4519, {@code awaitAsyncResultsOnStop}; Boot's
 * {@code spring.kafka.listener.await-async-results-on-stop}, spring-boot#51774).
 */
public final class ListenerWorkInFlight extends WorkInFlight {

	public ListenerWorkInFlight() {
		super(AbstractMessageListenerContainer.DEFAULT_PHASE - 1, "records in flight");
	}

}
