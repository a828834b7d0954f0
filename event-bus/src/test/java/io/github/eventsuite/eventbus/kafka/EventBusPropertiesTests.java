package io.github.eventsuite.eventbus.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventBusPropertiesTests {

	@Test
	void acceptsThreeCopiesOfWhichTwoMustHaveEveryRecord() {
		EventBusProperties.TopicSettings settings = new EventBusProperties.TopicSettings(3, (short) 3, 2);

		assertThat(settings.minInsyncReplicas()).isEqualTo(2);
	}

	@Test
	void rejectsMoreInSyncReplicasThanCopies() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventBusProperties.TopicSettings(3, (short) 1, 2))
			.withMessage("eventbus.topics.min-insync-replicas must be between 1 and the replication factor (1), was 2");
	}

	@Test
	void rejectsNoInSyncReplica() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventBusProperties.TopicSettings(3, (short) 3, 0))
			.withMessageStartingWith("eventbus.topics.min-insync-replicas must be between 1");
	}

}
