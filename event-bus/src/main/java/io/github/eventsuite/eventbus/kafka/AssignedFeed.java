package io.github.eventsuite.eventbus.kafka;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.github.eventsuite.eventbus.aot.TrainingRun;

/**
 * A consumer of assigned partitions ({@link AssignedListeners}), made and started when the
 * application starts and stopped with it: analytics-service's statistics, sensor-service's views.
 * Not in the training run of an image's AOT cache ({@link TrainingRun}), which has no broker to
 * ask for partitions.
 */
public abstract class AssignedFeed implements SmartLifecycle {

	private volatile @Nullable MessageListenerContainer container;

	/** The container to start, made now that Kafka may be asked. */
	protected abstract MessageListenerContainer container();

	@Override
	public final void start() {
		MessageListenerContainer container = container();
		container.start();
		this.container = container;
	}

	/** Not started in the training run of an image's AOT cache, which has no broker to ask. */
	@Override
	public final boolean isAutoStartup() {
		return !TrainingRun.isActive();
	}

	@Override
	public final void stop() {
		MessageListenerContainer container = this.container;
		if (container != null) {
			container.stop();
			this.container = null;
		}
	}

	@Override
	public final boolean isRunning() {
		return this.container != null;
	}

}
