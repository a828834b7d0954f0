package io.github.eventsuite.analytics.stats;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code stats}): out of service until the statistics have read as far as
 * the topics went when the service started, so that no instance serves totals it has not
 * caught up with yet.
 */
@Component
class StatsHealthIndicator implements HealthIndicator {

	private final LiveStats stats;

	StatsHealthIndicator(LiveStats stats) {
		this.stats = stats;
	}

	@Override
	public Health health() {
		long behind = this.stats.recordsBehind();
		if (behind == 0) {
			return Health.up().build();
		}
		return Health.outOfService().withDetail("recordsBehind", (behind < 0) ? "not known yet" : behind).build();
	}

}
