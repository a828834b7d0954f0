package io.github.eventsuite.eventbus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;

/** Every topic of the suite, and the one event type each carries. */
public final class Topics {

	public static final String USER_REGISTER = "user.register";

	public static final String USER_CREATED = "user.created";

	public static final String EMAIL_SENT = "email.sent";

	public static final String SENSOR_READINGS = "sensor.readings";

	public static final String SENSOR_ALERTS = "sensor.alerts";

	public static final String SENSOR_REGION_STATS = "sensor.region-stats";

	/**
	 * Which dead letters were re-driven, keyed by dead-letter topic/partition/offset
	 * (compacted): not an event topic, and without a dead-letter twin.
	 */
	public static final String DEAD_LETTERS_REDRIVEN = "dead-letters.redriven";

	/** Suffix of the dead-letter topic that every topic has. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	public static final List<String> ALL = List.of(USER_REGISTER, USER_CREATED, EMAIL_SENT, SENSOR_READINGS,
			SENSOR_ALERTS, SENSOR_REGION_STATS);

	private static final Map<String, Class<? extends BusEvent>> EVENT_TYPES = Map.of(
			USER_REGISTER, UserRegistrationRequested.class,
			USER_CREATED, UserCreated.class,
			EMAIL_SENT, EmailSent.class,
			SENSOR_READINGS, SensorReadingTaken.class,
			SENSOR_ALERTS, SensorAlertRaised.class,
			SENSOR_REGION_STATS, RegionWindowClosed.class);

	private static final Map<Class<? extends BusEvent>, String> TOPICS = EVENT_TYPES.entrySet().stream()
		.collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

	private Topics() {
	}

	public static String deadLetterTopicOf(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

	/** The event type a topic carries; an {@link InvalidEventException} for unknown topics. */
	public static Class<? extends BusEvent> eventTypeOf(String topic) {
		Class<? extends BusEvent> type = EVENT_TYPES.get(topic);
		if (type == null) {
			throw new InvalidEventException("no event type is known for topic '" + topic + "'");
		}
		return type;
	}

	/** The topic an event is published to. */
	public static String topicOf(BusEvent event) {
		String topic = TOPICS.get(event.getClass());
		if (topic == null) {
			throw new IllegalArgumentException("no topic carries " + event.getClass().getSimpleName());
		}
		return topic;
	}

}
