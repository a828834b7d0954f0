package io.github.eventsuite.analytics.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoints kept in memory: every offer (none due, so none written) and each last one,
 * as the positions it covers. {@code busy} turns the last one down, as while another
 * checkpoint is being written.
 */
class RecordingCheckpoints implements LiveStats.Checkpoints {

	final List<Map<TopicPartition, Long>> lastOnes = new CopyOnWriteArrayList<>();

	volatile boolean busy;

	@Override
	public void offer(Tally tally, Instant now) {
	}

	@Override
	public boolean writeLast(Tally tally, Instant now, Runnable done) {
		if (this.busy) {
			return false;
		}
		this.lastOnes.add(tally.positions());
		done.run();
		return true;
	}

}
