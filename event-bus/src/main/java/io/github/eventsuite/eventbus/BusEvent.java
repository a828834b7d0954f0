package io.github.eventsuite.eventbus;

/**
 * An event on the bus: a past-tense fact with its envelope and the record key that keeps
 * the events of one aggregate in order on one partition.
 */
public interface BusEvent {

	EventEnvelope envelope();

	/** The Kafka record key. Never personal data: keys end up in broker logs and tools. */
	String key();

}
