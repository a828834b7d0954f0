package io.github.eventsuite.eventbus.kafka;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.github.eventsuite.eventbus.InvalidEventException;
import reactor.core.Exceptions;

import static org.assertj.core.api.Assertions.assertThat;

class OutagesTests {

	@Test
	void anIoFailureOrTimeoutAnywhereInTheCausesIsAnOutage() {
		assertThat(Outages.isOutage(new IllegalStateException("send failed",
				new UncheckedIOException(new SocketTimeoutException("Read timed out"))))).isTrue();
		assertThat(Outages.isOutage(new TimeoutException())).isTrue();
		assertThat(Outages.isOutage(Exceptions.retryExhausted("exhausted", new TimeoutException()))).isTrue();
	}

	@Test
	void aDependencyThatIsAwayOrSaysTryLaterIsAnOutage() {
		assertThat(Outages.isOutage(new org.apache.kafka.common.errors.TimeoutException("metadata"))).isTrue();
		assertThat(Outages.isOutage(new DataAccessResourceFailureException("connection refused"))).isTrue();
		assertThat(Outages.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
		assertThat(Outages.isOutage(new RetryLaterException("another delivery holds it"))).isTrue();
	}

	@Test
	void aFailureOfTheRecordIsNone() {
		assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
		assertThat(Outages.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(Outages.isOutage(new InvalidEventException("email must be a normalised email address",
				new UncheckedIOException(new SocketTimeoutException()))))
			.isFalse();
	}

}
