package io.github.eventsuite.sensor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes made-up readings to {@code sensor.readings} while the application runs, when
 * {@code sensors.simulator.enabled}: devices {@code sensor-1} to {@code sensor-N} in turn,
 * {@code rate} readings per second in all, now and then one out of range on purpose.
 */
@Component
class SensorSimulator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SensorSimulator.class);

	/** Readings waiting for Kafka at most; beyond that, ticks are dropped rather than queued. */
	private static final int IN_FLIGHT = 64;

	private final SensorProperties.Simulator settings;

	private final ReadingPublisher publisher;

	private final SimulatedReadings readings;

	private volatile @Nullable Disposable running;

	SensorSimulator(SensorProperties properties, ReadingPublisher publisher, Clock clock) {
		this.settings = properties.simulator();
		this.publisher = publisher;
		this.readings = new SimulatedReadings(this.settings, clock, new Random());
	}

	/**
	 * Hand-written rather than {@code @Scheduled}: the period comes from a rate in readings
	 * per second, the tick numbers the device in turn, and readings waiting for Kafka are bounded.
	 */
	@Override
	public void start() {
		if (!this.settings.enabled()) {
			return;
		}
		Duration period = Duration.ofNanos(Math.round(1_000_000_000 / this.settings.rate()));
		log.info("Simulating {} devices at {} readings/s", this.settings.devices(), this.settings.rate());
		this.running = Flux.interval(period)
			.onBackpressureDrop()
			.flatMap((tick) -> this.publisher.publish(this.readings.next(tick))
				.onErrorResume((ex) -> {
					log.warn("A simulated reading was not published: {}", ex.toString());
					return Mono.empty();
				}), IN_FLIGHT)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.running;
		if (running != null) {
			running.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable running = this.running;
		return running != null && !running.isDisposed();
	}

	/** Made-up readings: each device hovers around its own temperature and humidity. */
	static final class SimulatedReadings {

		private final SensorProperties.Simulator settings;

		private final Clock clock;

		private final Random random;

		SimulatedReadings(SensorProperties.Simulator settings, Clock clock, Random random) {
			this.settings = settings;
			this.clock = clock;
			this.random = random;
		}

		SensorReadingTaken next(long tick) {
			int device = (int) (tick % this.settings.devices()) + 1;
			double temperature = Math.min(ReadingRules.MAX_TEMPERATURE,
					Math.max(ReadingRules.MIN_TEMPERATURE, 18 + (device % 5) * 3 + this.random.nextGaussian() * 2));
			double humidity = Math.min(100, Math.max(0, 35 + (device % 4) * 10 + this.random.nextGaussian() * 5));
			if (this.random.nextDouble() < this.settings.invalidRatio()) {
				// out of range on purpose: the pipeline dead-letters it with the reason
				temperature = 60 + this.random.nextDouble() * 20;
			}
			return SensorReadingTaken.of("sensor-" + device, this.clock.instant(), round(temperature), round(humidity),
					"simulator");
		}

		private static double round(double value) {
			return Math.round(value * 10) / 10.0;
		}

	}

}
