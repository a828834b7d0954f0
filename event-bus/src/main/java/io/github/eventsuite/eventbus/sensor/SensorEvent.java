package io.github.eventsuite.eventbus.sensor;

import io.github.eventsuite.eventbus.BusEvent;

/**
 * Events of the sensor pipeline: topics {@code sensor.readings}, {@code sensor.alerts} and
 * {@code sensor.region-stats}.
 */
public sealed interface SensorEvent extends BusEvent permits SensorReadingTaken, SensorAlertRaised, RegionWindowClosed {

}
