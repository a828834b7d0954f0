package io.github.eventsuite.eventbus.kafka;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.SpringProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.github.eventsuite.eventbus.aot.TrainingRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AssignedFeedTests {

	/** How often the feed asked for its container, which asks Kafka for partitions. */
	private final AtomicInteger containersAsked = new AtomicInteger();

	private final AssignedFeed feed = new AssignedFeed() {

		@Override
		protected MessageListenerContainer container() {
			AssignedFeedTests.this.containersAsked.incrementAndGet();
			throw new IllegalStateException("no broker here");
		}

	};

	@AfterEach
	void noLongerATrainingRun() {
		SpringProperties.setProperty(TrainingRun.PROPERTY, null);
	}

	@Test
	void aStartAsksForTheContainer() {
		assertThat(this.feed.isAutoStartup()).isTrue();
		assertThatIllegalStateException().isThrownBy(this.feed::start);

		assertThat(this.containersAsked).hasValue(1);
		assertThat(this.feed.isRunning()).isFalse();
	}

	@Test
	void theTrainingRunDoesNotStartIt() {
		SpringProperties.setFlag(TrainingRun.PROPERTY);

		assertThat(this.feed.isAutoStartup()).isFalse();
	}

}
