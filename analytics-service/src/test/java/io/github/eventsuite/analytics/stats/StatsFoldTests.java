package io.github.eventsuite.analytics.stats;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.user.UserCreated;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class StatsFoldTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void countsUsersAndEmailsFromBothStreams() {
		UUID ada = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		TestPublisher<UserCreated> created = TestPublisher.create();
		TestPublisher<EmailSent> sent = TestPublisher.create();

		StepVerifier.create(StatsFold.fold(created.flux(), sent.flux()))
			.expectNext(Stats.EMPTY)
			.then(() -> created.next(userCreated(ada, T0)))
			.expectNext(new Stats(1, 0, 1, T0))
			.then(() -> created.next(userCreated(bob, T0.plusSeconds(1))))
			.expectNext(new Stats(2, 0, 2, T0.plusSeconds(1)))
			.then(() -> sent.next(emailSent(ada, T0.plusSeconds(2))))
			.expectNext(new Stats(2, 1, 1, T0.plusSeconds(2)))
			.then(created::complete)
			.then(sent::complete)
			.verifyComplete();
	}

	@Test
	void countsARedeliveredEventOnce() {
		UUID ada = UUID.randomUUID();
		UserCreated first = userCreated(ada, T0);
		UserCreated redelivered = userCreated(ada, T0);

		StepVerifier.create(StatsFold.fold(Flux.just(first, redelivered), Flux.just(emailSent(ada, T0), emailSent(ada, T0))))
			.expectNext(Stats.EMPTY, new Stats(1, 0, 1, T0), new Stats(1, 1, 0, T0))
			.verifyComplete();
	}

	@Test
	void keepsTheLatestEventTimeWhenEventsArriveOutOfOrder() {
		StepVerifier.create(StatsFold.fold(Flux.just(userCreated(UUID.randomUUID(), T0.plusSeconds(5)),
				userCreated(UUID.randomUUID(), T0)), Flux.empty()))
			.expectNext(Stats.EMPTY, new Stats(1, 0, 1, T0.plusSeconds(5)), new Stats(2, 0, 2, T0.plusSeconds(5)))
			.verifyComplete();
	}

	@Test
	void neverReportsNegativePendingWhenAnEmailOvertakesItsUser() {
		StepVerifier.create(StatsFold.fold(Flux.empty(), Flux.just(emailSent(UUID.randomUUID(), T0))))
			.expectNext(Stats.EMPTY, new Stats(0, 1, 0, T0))
			.verifyComplete();
	}

	static UserCreated userCreated(UUID userId, Instant at) {
		return UserCreated.of(userId, "User", "user-" + userId + "@example.com", at, "c");
	}

	static EmailSent emailSent(UUID userId, Instant at) {
		return EmailSent.of(userId, "welcome", "<welcome." + userId + "@test>", at, "c");
	}

}
