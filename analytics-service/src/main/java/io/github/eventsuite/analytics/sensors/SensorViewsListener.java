package io.github.eventsuite.analytics.sensors;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

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
 * which are the newest {@value RecentAlerts#CAPACITY} of all, the only ones kept.</li>
 * </ul>
 * A partition trimmed by retention is read from its earliest record still there.
 */
@Component
class SensorViewsListener {

	/**
	 * Committed offsets are not used to resume but show how far behind the views are. A group
	 * of its own: assigned consumers must not commit into a group whose members subscribe.
	 */
	static final String GROUP = "analytics-sensor-views";

	private final LatestRegionStats regions;

	private final RecentAlerts alerts;

	SensorViewsListener(LatestRegionStats regions, RecentAlerts alerts) {
		this.regions = regions;
		this.alerts = alerts;
	}

	@KafkaListener(id = "sensor-region-stats", groupId = GROUP, concurrency = "1",
			properties = "auto.offset.reset=earliest",
			topicPartitions = @TopicPartition(topic = Topics.SENSOR_REGION_STATS,
					partitions = "#{@allPartitions.of('" + Topics.SENSOR_REGION_STATS + "')}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(RegionWindowClosed event) {
		this.regions.add(RegionStats.of(event));
	}

	@KafkaListener(id = "sensor-alerts", groupId = GROUP, concurrency = "1", properties = "auto.offset.reset=earliest",
			topicPartitions = @TopicPartition(topic = Topics.SENSOR_ALERTS,
					partitions = "#{@allPartitions.of('" + Topics.SENSOR_ALERTS + "')}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "-" + RecentAlerts.CAPACITY)))
	void on(SensorAlertRaised event) {
		this.alerts.add(event);
	}

}
