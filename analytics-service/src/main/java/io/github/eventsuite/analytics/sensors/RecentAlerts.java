package io.github.eventsuite.analytics.sensors;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;

/** The last alerts this instance raised, newest first, for {@code GET /api/sensors/alerts}. */
@Component
class RecentAlerts {

	static final int CAPACITY = 50;

	private final Deque<SensorAlertRaised> alerts = new ArrayDeque<>();

	/** A redelivered reading raises the same alert again; it is listed once. */
	synchronized void add(SensorAlertRaised alert) {
		UUID eventId = alert.envelope().eventId();
		if (this.alerts.stream().anyMatch((known) -> known.envelope().eventId().equals(eventId))) {
			return;
		}
		this.alerts.addFirst(alert);
		if (this.alerts.size() > CAPACITY) {
			this.alerts.removeLast();
		}
	}

	synchronized List<SensorAlertRaised> newestFirst() {
		return List.copyOf(this.alerts);
	}

}
