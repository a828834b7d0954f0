package io.github.eventsuite.sensor.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;

/**
 * The newest alerts of {@code sensor.alerts}, newest first, for {@code GET /api/sensors/alerts}.
 * Ordered by when they were raised, not by when they were read: the partitions are read in
 * no particular order, and every instance must list the same alerts.
 */
@Component
class RecentAlerts {

	static final int CAPACITY = 50;

	private static final Comparator<SensorAlertRaised> NEWEST_FIRST = Comparator
		.comparing((SensorAlertRaised alert) -> alert.envelope().occurredAt())
		.reversed()
		.thenComparing((alert) -> alert.envelope().eventId());

	private final NavigableSet<SensorAlertRaised> alerts = new TreeSet<>(NEWEST_FIRST);

	/** A redelivered reading raises the same alert again; it is listed once. */
	synchronized void add(SensorAlertRaised alert) {
		UUID eventId = alert.envelope().eventId();
		if (this.alerts.stream().anyMatch((known) -> known.envelope().eventId().equals(eventId))) {
			return;
		}
		this.alerts.add(alert);
		if (this.alerts.size() > CAPACITY) {
			this.alerts.pollLast();
		}
	}

	synchronized List<SensorAlertRaised> newestFirst() {
		return List.copyOf(this.alerts);
	}

}
