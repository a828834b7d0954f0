package io.github.eventsuite.analytics.stats;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.BusEvent;

import static io.github.eventsuite.analytics.stats.Events.emailSent;
import static io.github.eventsuite.analytics.stats.Events.registered;
import static io.github.eventsuite.analytics.stats.Events.userCreated;
import static org.assertj.core.api.Assertions.assertThat;

class TallyTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	private final Tally tally = new Tally();

	@Test
	void countsTheFunnelOncePerUserHoweverOftenItsEventsArrive() {
		UUID ada = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		UUID eve = UUID.randomUUID();
		add(registered(ada, T0), registered(bob, T0), registered(eve, T0), registered(ada, T0.plusSeconds(60)));
		add(userCreated(ada, T0), userCreated(bob, T0), userCreated(ada, T0));
		add(emailSent(ada, T0), emailSent(ada, T0));

		Stats stats = this.tally.snapshot(T0.plusSeconds(1));

		assertThat(stats.registrationsRequested()).isEqualTo(3);
		assertThat(stats.usersCreated()).isEqualTo(2);
		assertThat(stats.emailsSent()).isEqualTo(1);
		assertThat(stats.emailsPending()).isEqualTo(1);
	}

	@Test
	void neverCountsAnEmailThatOvertookItsUserAsPending() {
		UUID ada = UUID.randomUUID();
		add(emailSent(ada, T0));
		assertThat(this.tally.snapshot(T0).emailsPending()).isZero();

		add(userCreated(ada, T0));
		assertThat(this.tally.snapshot(T0).emailsPending()).isZero();
	}

	@Test
	void measuresRegistrationToEmailWhicheverIsReadFirst() {
		UUID ada = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		add(registered(ada, T0), emailSent(ada, T0.plusMillis(200)));
		add(emailSent(bob, T0.plusMillis(1_000)), registered(bob, T0));
		add(emailSent(ada, T0.plusMillis(900)));

		Stats.Latency latency = this.tally.snapshot(T0).registrationToEmail();

		assertThat(latency.samples()).isEqualTo(2);
		assertThat(latency.p50Millis()).isEqualTo(200);
		assertThat(latency.p99Millis()).isEqualTo(1_000);
		assertThat(latency.maxMillis()).isEqualTo(1_000);
	}

	@Test
	void computesPercentilesOverAllPairs() {
		IntStream.rangeClosed(1, 100).forEach((millis) -> {
			UUID user = UUID.randomUUID();
			add(registered(user, T0), emailSent(user, T0.plusMillis(millis)));
		});

		Stats.Latency latency = this.tally.snapshot(T0).registrationToEmail();

		assertThat(latency).isEqualTo(new Stats.Latency(100, 50L, 95L, 99L, 100L));
	}

	@Test
	void countsPerMinuteOnEventTimeForTheLastHour() {
		add(registered(UUID.randomUUID(), T0.minusSeconds(3_600)), registered(UUID.randomUUID(), T0.plusSeconds(10)),
				registered(UUID.randomUUID(), T0.plusSeconds(50)), userCreated(UUID.randomUUID(), T0.plusSeconds(65)));

		assertThat(this.tally.snapshot(T0.plusSeconds(90)).perMinute()).containsExactly(
				new Stats.Minute(T0, 2, 0, 0), new Stats.Minute(T0.plusSeconds(60), 0, 1, 0));
		assertThat(this.tally.snapshot(T0.plusSeconds(90)).registrationsRequested()).isEqualTo(3);
	}

	@Test
	void ratesCountTheLastTenSecondsOfEventTime() {
		IntStream.range(0, 20).forEach((i) -> add(registered(UUID.randomUUID(), T0.minusSeconds(5))));
		IntStream.range(0, 7).forEach((i) -> add(emailSent(UUID.randomUUID(), T0)));
		IntStream.range(0, 50).forEach((i) -> add(userCreated(UUID.randomUUID(), T0.minusSeconds(11))));

		assertThat(this.tally.snapshot(T0).ratePerSecond()).isEqualTo(new Stats.Rates(2.0, 0, 0.7));
		assertThat(this.tally.snapshot(T0.plusSeconds(10)).ratePerSecond()).isEqualTo(Stats.Rates.ZERO);
	}

	private void add(BusEvent... events) {
		for (var event : events) {
			this.tally.add(event);
		}
	}

}
