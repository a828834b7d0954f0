package io.github.eventsuite.analytics.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.BusEvent;

import static io.github.eventsuite.analytics.stats.Events.emailSent;
import static io.github.eventsuite.analytics.stats.Events.registered;
import static io.github.eventsuite.analytics.stats.Events.userCreated;
import static org.assertj.core.api.Assertions.assertThat;

class TallyTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	private final Tally tally = new Tally(100_000);

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

	@Test
	void holdsOnlyTheMostRecentUsersWhateverTheHistoryAndStillCountsExactly() {
		Tally small = new Tally(10_000);
		int users = 400_000;
		for (int i = 0; i < users; i++) {
			UUID user = UUID.randomUUID();
			Instant at = T0.plusMillis(i);
			small.add(registered(user, at));
			small.add(userCreated(user, at));
			small.add(emailSent(user, at.plusMillis(5)));
		}

		Stats stats = small.snapshot(T0.plusMillis(users));
		assertThat(small.recentUsersHeld()).isEqualTo(10_000);
		assertThat(List.of(stats.registrationsRequested(), stats.usersCreated(), stats.emailsSent(), stats.emailsPending()))
			.containsExactly((long) users, (long) users, (long) users, 0L);
		assertThat(stats.registrationToEmail().samples()).isEqualTo(users);
		assertThat(stats.registrationToEmail().maxMillis()).isEqualTo(5);
	}

	@Test
	void countsACopyOnceWhileItsUserIsRecentAndAgainAfterwards() {
		Tally small = new Tally(2);
		UUID ada = UUID.randomUUID();
		small.add(userCreated(ada, T0));
		small.add(userCreated(ada, T0));
		assertThat(small.snapshot(T0).usersCreated()).isEqualTo(1);

		small.add(userCreated(UUID.randomUUID(), T0));
		small.add(userCreated(UUID.randomUUID(), T0));
		small.add(userCreated(ada, T0));
		assertThat(small.snapshot(T0).usersCreated()).isEqualTo(4);
	}

	@Test
	void countsARecordOnceHoweverOftenItsOffsetIsReadAgain() {
		TopicPartition partition = new TopicPartition("user.created", 1);
		this.tally.add(userCreated(UUID.randomUUID(), T0), partition, 0);
		this.tally.add(userCreated(UUID.randomUUID(), T0), partition, 1);

		this.tally.add(userCreated(UUID.randomUUID(), T0), partition, 0);
		this.tally.add(userCreated(UUID.randomUUID(), T0), partition, 1);
		this.tally.add(userCreated(UUID.randomUUID(), T0), new TopicPartition("user.created", 2), 0);

		assertThat(this.tally.snapshot(T0).usersCreated()).isEqualTo(3);
		assertThat(this.tally.position(partition)).isEqualTo(2);
	}

	@Test
	void goesOnFromItsCheckpointAsIfItHadNeverStopped() throws IOException {
		TopicPartition registrations = new TopicPartition("user.register", 0);
		TopicPartition emails = new TopicPartition("email.sent", 0);
		UUID ada = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		this.tally.add(registered(ada, T0), registrations, 0);
		this.tally.add(registered(bob, T0.plusSeconds(70)), registrations, 1);
		this.tally.add(emailSent(ada, T0.plusMillis(300)), emails, 0);
		ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
		this.tally.writeTo(new DataOutputStream(checkpoint));

		Tally restored = Tally.readFrom(new DataInputStream(new ByteArrayInputStream(checkpoint.toByteArray())), 100_000);
		for (Tally either : List.of(this.tally, restored)) {
			either.add(emailSent(ada, T0.plusMillis(300)), emails, 0);
			either.add(emailSent(ada, T0.plusMillis(900)), emails, 1);
			either.add(emailSent(bob, T0.plusSeconds(71)), emails, 2);
		}

		Instant now = T0.plusSeconds(75);
		assertThat(restored.snapshot(now)).isEqualTo(this.tally.snapshot(now));
		assertThat(restored.snapshot(now).emailsSent()).isEqualTo(2);
		assertThat(restored.snapshot(now).registrationToEmail().samples()).isEqualTo(2);
		assertThat(restored.positions()).isEqualTo(this.tally.positions());
	}

	private void add(BusEvent... events) {
		for (var event : events) {
			this.tally.add(event);
		}
	}

}
