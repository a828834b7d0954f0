package io.github.eventsuite.sensor.pipeline;

import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.kafka.AssignedFeed;
import io.github.eventsuite.eventbus.kafka.AssignedListeners;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;

/**
 * Feeds what {@code GET /api/sensors/regions} and {@code /alerts} answer from the topics the
 * pipeline publishes to, not from this instance's own windows: each instance folds only the
 * regions of its partitions of {@code sensor.readings}, but every instance reads every
 * partition of these two (assigned, not through a consumer group, as the statistics do), so
 * all of them answer the same.
 * <ul>
 * <li>{@code sensor.region-stats} from the beginning: only the latest window per region is
 * kept, and every instance then knows every region, also one quiet since long before it
 * started; the time to catch up after a start grows with the topic's retention.</li>
 * <li>{@code sensor.alerts}: the last {@value RecentAlerts#CAPACITY} of each partition, among
 * which are the newest {@value RecentAlerts#CAPACITY} of all, the only ones kept. Read from
 * twice as many offsets back: the pipeline writes its alerts in transactions, and each
 * transaction leaves a commit marker that takes an offset, so at most every other offset
 * holds no alert.</li>
 * </ul>
 * A partition trimmed by retention is read from its earliest record still there. One consumer
 * reads both, from when the application has started ({@link AssignedListeners} says why).
 */
@Component
class SensorViewsFeed extends AssignedFeed {

	/**
	 * Committed offsets are not used to resume but show how far behind the views are. A group
	 * of its own: assigned consumers must not commit into a group whose members subscribe.
	 */
	static final String GROUP = "sensor-views";

	private final LatestRegionStats regions;

	private final RecentAlerts alerts;

	private final AssignedListeners listeners;

	SensorViewsFeed(LatestRegionStats regions, RecentAlerts alerts, KafkaAdmin admin,
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory) {
		this.regions = regions;
		this.alerts = alerts;
		this.listeners = new AssignedListeners(admin, factory);
	}

	@Override
	protected ConcurrentMessageListenerContainer<Object, Object> container() {
		List<TopicPartitionOffset> partitions = Stream.concat(
				from(Topics.SENSOR_REGION_STATS, 0L),
				from(Topics.SENSOR_ALERTS, -2L * RecentAlerts.CAPACITY))
			.toList();
		return this.listeners.container("sensor-views", GROUP, partitions, this::on);
	}

	/** Each partition of the topic, from the offset (a negative one counts back from its end). */
	private Stream<TopicPartitionOffset> from(String topic, long offset) {
		return this.listeners.partitionsOf(topic).stream()
			.map((partition) -> new TopicPartitionOffset(topic, partition, offset));
	}

	private void on(ConsumerRecord<Object, Object> record) {
		if (record.value() instanceof RegionWindowClosed closed) {
			this.regions.add(RegionStats.of(closed));
		}
		else if (record.value() instanceof SensorAlertRaised alert) {
			this.alerts.add(alert);
		}
		else {
			throw new IllegalArgumentException("neither a closed window nor an alert: " + record.value());
		}
	}

}
