package io.github.eventsuite.analytics.stats;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import io.github.eventsuite.eventbus.BusEvent;

/** An event to count, with the record it was read from; no event for a record that could not be read. */
record CountedEvent(@Nullable BusEvent event, TopicPartition partition, long offset) {

}
