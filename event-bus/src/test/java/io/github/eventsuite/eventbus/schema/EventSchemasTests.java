package io.github.eventsuite.eventbus.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.eventsuite.eventbus.BusEvent;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.sensor.RegionWindowClosed;
import io.github.eventsuite.eventbus.sensor.SensorAlertRaised;
import io.github.eventsuite.eventbus.sensor.SensorReadingTaken;
import io.github.eventsuite.eventbus.user.UserCreated;
import io.github.eventsuite.eventbus.user.UserRegistrationRequested;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published event schemas (src/main/resources/event-schemas) against the code. After a
 * compatible change (a new optional property), or for a new schema version, publish with
 * {@code mvn -pl event-bus test -Dtest=EventSchemasTests -Devent-schemas.publish=true}; a
 * breaking change to a published version is refused either way.
 */
class EventSchemasTests {

	private static final Path PUBLISHED = Path.of("src/main/resources");

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** One event of each type, as producers write them. */
	private static final Map<Class<? extends BusEvent>, BusEvent> SAMPLES = Map.of(
			UserRegistrationRequested.class, UserRegistrationRequested.of(UUID.randomUUID(), "Ada", "ada@example.com", "c-1"),
			UserCreated.class, UserCreated.of(UUID.randomUUID(), "Ada", "ada@example.com", Instant.now(), "c-1"),
			EmailSent.class, EmailSent.of(UUID.randomUUID(), "welcome", "<m@example.com>", Instant.now(), "c-1"),
			SensorReadingTaken.class, SensorReadingTaken.of("sensor-1", Instant.now(), 21.5, 40, "c-1"),
			SensorAlertRaised.class, SensorAlertRaised.of("sensor-1", "north", Instant.now(), 41, 60, 55.2, 40,
					"temperature above 40 °C", "c-1"),
			RegionWindowClosed.class, RegionWindowClosed.of("north", Instant.now(), Instant.now().plusSeconds(5), 3,
					21.5, 23, 0, "c-1"));

	@BeforeAll
	static void publishWhenAsked() throws IOException {
		if (Boolean.getBoolean("event-schemas.publish")) {
			for (Class<? extends BusEvent> type : EventSchemas.eventTypes()) {
				JsonNode published = published(type);
				if (published == null || SchemaCompatibility.breakingChanges(published, EventSchemas.of(type)).isEmpty()) {
					Path file = PUBLISHED.resolve(EventSchemas.resourceOf(type, EventSchemas.schemaVersion(type)));
					Files.createDirectories(file.getParent());
					Files.writeString(file, json.writeValueAsString(EventSchemas.of(type)) + "\n");
				}
			}
		}
	}

	@Test
	void everyEventTypeHasItsCurrentVersionPublished() {
		assertThat(EventSchemas.eventTypes()).allSatisfy((type) -> assertThat(published(type))
			.as("%s v%d is not published: run with -Devent-schemas.publish=true", type.getSimpleName(),
					EventSchemas.schemaVersion(type))
			.isNotNull());
	}

	@Test
	void noEventBreaksItsPublishedSchema() {
		assertThat(EventSchemas.eventTypes()).allSatisfy((type) -> assertThat(
				SchemaCompatibility.breakingChanges(published(type), EventSchemas.of(type)))
			.as("%s breaks its published v%d: make the change compatible, or bump SCHEMA_VERSION (and teach "
					+ "consumers the new version)", type.getSimpleName(), EventSchemas.schemaVersion(type))
			.isEmpty());
	}

	@Test
	void publishedSchemasMatchTheCode() {
		assertThat(EventSchemas.eventTypes()).allSatisfy((type) -> assertThat(published(type))
			.as("%s changed compatibly: publish again with -Devent-schemas.publish=true", type.getSimpleName())
			.isEqualTo(EventSchemas.of(type)));
	}

	@Test
	void eventsOnTheWireMatchTheirSchema() {
		assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(EventSchemas.eventTypes());
		SAMPLES.forEach((type, event) -> {
			JsonNode wire = json.readTree(new EventSerializer().serialize("any", event));
			assertThat(JsonShape.violations(EventSchemas.of(type), wire)).as(type.getSimpleName()).isEmpty();
		});
	}

	@Test
	void flagsRemovedRetypedAndNewlyRequiredFieldsAsBreaking() {
		JsonNode published = json.readTree("""
				{"type":"object","required":["id","at"],"properties":{
				  "id":{"type":"string","format":"uuid"},"at":{"type":"string","format":"date-time"},
				  "note":{"type":"string"}}}""");
		JsonNode current = json.readTree("""
				{"type":"object","required":["id","count","note"],"properties":{
				  "id":{"type":"integer"},"count":{"type":"integer"},"note":{"type":"string"},
				  "extra":{"type":"string"}}}""");

		assertThat(SchemaCompatibility.breakingChanges(published, current)).containsExactlyInAnyOrder(
				"/count: newly required; events written before lack it",
				"/note: newly required; events written before lack it", "/at: removed",
				"/id: type \"string\" became \"integer\"", "/id: format \"uuid\" became null");
	}

	@Test
	void acceptsANewOptionalField() {
		JsonNode published = json.readTree("""
				{"type":"object","required":["id"],"properties":{"id":{"type":"string"}}}""");
		JsonNode current = json.readTree("""
				{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"note":{"type":"string"}}}""");

		assertThat(SchemaCompatibility.breakingChanges(published, current)).isEmpty();
	}

	private static JsonNode published(Class<? extends BusEvent> type) {
		String resource = EventSchemas.resourceOf(type, EventSchemas.schemaVersion(type));
		try (InputStream in = EventSchemasTests.class.getClassLoader().getResourceAsStream(resource)) {
			return (in != null) ? json.readTree(in) : fromSources(resource);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Just published in this run: not on the test classpath yet. */
	private static JsonNode fromSources(String resource) {
		Path file = PUBLISHED.resolve(resource);
		return Files.exists(file) ? json.readTree(file.toFile()) : null;
	}

}
