package io.github.eventsuite.eventbus.batch;

import io.github.eventsuite.eventbus.kafka.RetryLaterException;

/**
 * More work was offered than a {@link Batcher} lets wait: nothing of the item was done, and
 * it may be offered again later. Being a {@link RetryLaterException}, it is an outage, never
 * the item's fault.
 */
public final class BatcherFullException extends RetryLaterException {

	public BatcherFullException(int maxWaiting) {
		super(maxWaiting + " items are waiting already");
	}

}
