package io.github.eventsuite.eventbus.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.github.eventsuite.eventbus.InvalidEventException;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Tells an outage (a database, SMTP server or broker down, unreachable or too slow; or
 * {@link RetryLaterException}) from a failure of the record itself. An outage says nothing
 * about the record: it is waited out, however long, and the record is never dead-lettered
 * for it.
 */
public final class Outages {

	private static final List<Class<? extends Throwable>> OUTAGES = List.of(
			// refused, reset, unknown host, socket timeout: the cause of most of the others
			IOException.class,
			// Reactor's timeout(), a future's get
			TimeoutException.class,
			// broker away, leader moving, not enough replicas, Kafka's own timeouts
			RetriableException.class,
			// R2DBC through Spring (DatabaseClient, transactions): cannot connect, connection lost, query timeout
			DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class,
			RetryLaterException.class);

	private static final int MAX_CAUSES = 16;

	private Outages() {
	}

	/** Whether {@code failure}, or any of its causes, is an outage; an invalid event never is. */
	public static boolean isOutage(Throwable failure) {
		if (failure instanceof InvalidEventException) {
			return false;
		}
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
			if (isOutageItself(cause)) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static boolean isOutageItself(Throwable failure) {
		return OUTAGES.stream().anyMatch((type) -> type.isInstance(failure));
	}

	/**
	 * Retries an outage for as long as it lasts, with exponential backoff and jitter capped
	 * at {@code maxInterval}; any other failure passes through.
	 */
	public static RetryBackoffSpec waitedOut(Duration initialInterval, Duration maxInterval) {
		return Retry.backoff(Long.MAX_VALUE, initialInterval).maxBackoff(maxInterval).jitter(0.5)
			.filter(Outages::isOutage);
	}

}
