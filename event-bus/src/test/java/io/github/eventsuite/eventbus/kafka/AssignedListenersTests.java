package io.github.eventsuite.eventbus.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AssignedListenersTests {

	private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS = Map
		.of(new TopicPartition("user.created", 0), new OffsetAndMetadata(42));

	@Test
	void aCommitThatFailsUntilTheBrokerIsReadyIsNoErrorAndHasNoStackTrace(CapturedOutput output) {
		AssignedListeners.committed(OFFSETS,
				new RetriableCommitFailedException(new CoordinatorNotAvailableException("The coordinator is not available.")));

		assertThat(output).contains("INFO").contains("Lag not committed yet")
			.contains("CoordinatorNotAvailableException: The coordinator is not available.").doesNotContain("ERROR")
			.doesNotContain("\tat ");
	}

	@Test
	void aCommitThatCannotSucceedByRetryingIsAWarning(CapturedOutput output) {
		AssignedListeners.committed(OFFSETS, new GroupAuthorizationException("Not authorized", "analytics-stats"));

		assertThat(output).contains("WARN").contains("Lag not committed").contains("GroupAuthorizationException");
	}

	@Test
	void aCommitThatSucceededSaysNothing(CapturedOutput output) {
		AssignedListeners.committed(OFFSETS, null);

		assertThat(output).doesNotContain("Lag");
	}

}
