package io.github.eventsuite.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import io.github.eventsuite.eventbus.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Kafka as docker-compose.secure.yml runs it (docker/kafka-secure): SASL/SCRAM on every
 * client listener, and ACLs that let each service write its own events and read what it
 * consumes. That the services work on it was checked by hand (docs/security.md); this test
 * shows what they cannot do.
 */
class KafkaAclsIntegrationTests {

	private static final int PORT = SuiteContainers.freePort();

	private static final Map<String, String> PASSWORDS = Map.of("admin", "admin-test", "user-service",
			"user-service-test", "notification-service", "notification-service-test", "analytics-service",
			"analytics-service-test", "sensor-service", "sensor-service-test");

	private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule required";

	private static final GenericContainer<?> kafka = new GenericContainer<>("apache/kafka:4.1.2")
		.withCreateContainerCmdModifier((create) -> create.withEntrypoint("bash", "/opt/suite/start.sh")
			.getHostConfig()
			.withPortBindings(new PortBinding(Ports.Binding.bindPort(PORT), new ExposedPort(29092))))
		.withExposedPorts(29092)
		.withCopyFileToContainer(MountableFile.forHostPath(Path.of("..", "docker", "kafka-secure").toAbsolutePath()),
				"/opt/suite/")
		.withEnv(Map.ofEntries(Map.entry("KAFKA_NODE_ID", "1"), Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
				Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:9093"),
				Map.entry("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://127.0.0.1:9093,EXTERNAL://:29092"),
				Map.entry("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://localhost:9092,EXTERNAL://localhost:" + PORT),
				Map.entry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
						"INTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT"),
				Map.entry("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL"),
				Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
				Map.entry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-256"),
				Map.entry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "SCRAM-SHA-256"),
				Map.entry("KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___256_SASL_JAAS_CONFIG",
						SCRAM + " username=\"admin\" password=\"admin-test\";"),
				Map.entry("KAFKA_LISTENER_NAME_EXTERNAL_SCRAM___SHA___256_SASL_JAAS_CONFIG", SCRAM + ";"),
				Map.entry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
				Map.entry("KAFKA_SUPER_USERS", "User:admin;User:ANONYMOUS"),
				Map.entry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false"),
				Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
				Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
				Map.entry("ADMIN_KAFKA_PASSWORD", PASSWORDS.get("admin")),
				Map.entry("USER_SERVICE_KAFKA_PASSWORD", PASSWORDS.get("user-service")),
				Map.entry("NOTIFICATION_SERVICE_KAFKA_PASSWORD", PASSWORDS.get("notification-service")),
				Map.entry("ANALYTICS_SERVICE_KAFKA_PASSWORD", PASSWORDS.get("analytics-service")),
				Map.entry("SENSOR_SERVICE_KAFKA_PASSWORD", PASSWORDS.get("sensor-service"))))
		.waitingFor(Wait.forSuccessfulCommand("test -f /tmp/acls-applied").withStartupTimeout(Duration.ofMinutes(3)));

	@BeforeAll
	static void start() throws Exception {
		kafka.start();
		try (Admin admin = Admin.create(client("admin", PASSWORDS.get("admin")))) {
			admin.createTopics(List.of(Topics.USER_REGISTER, Topics.USER_CREATED, Topics.EMAIL_SENT,
					Topics.SENSOR_READINGS, Topics.SENSOR_REGION_STATS).stream()
				.map((topic) -> new NewTopic(topic, 1, (short) 1))
				.toList()).all().get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stop() {
		kafka.stop();
	}

	@Test
	void eachServiceWritesItsOwnEventsAndNoOtherServicesEvents() {
		assertWrites("user-service", Topics.USER_REGISTER);
		assertWrites("user-service", Topics.USER_CREATED);
		assertMayNotWrite("user-service", Topics.EMAIL_SENT);

		assertWrites("notification-service", Topics.EMAIL_SENT);
		assertMayNotWrite("notification-service", Topics.USER_CREATED);
		assertMayNotWrite("notification-service", Topics.USER_REGISTER);

		assertWrites("sensor-service", Topics.SENSOR_READINGS);
		assertWrites("sensor-service", Topics.SENSOR_REGION_STATS);
		assertMayNotWrite("sensor-service", Topics.USER_CREATED);
		assertMayNotWrite("sensor-service", Topics.EMAIL_SENT);
	}

	@Test
	void aServiceReadsOnlyWhatItConsumes() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumer("user-service", "user-service"))) {
			consumer.subscribe(List.of(Topics.EMAIL_SENT));
			assertThat(catchThrowable(() -> consumer.poll(Duration.ofSeconds(10))))
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void aWrongPasswordIsTurnedAway() {
		assertThat(failureOfSend("user-service", "guessed", Topics.USER_REGISTER))
			.isInstanceOf(SaslAuthenticationException.class);
	}

	private static void assertWrites(String service, String topic) {
		assertThat(failureOfSend(service, PASSWORDS.get(service), topic)).as("%s writing %s", service, topic).isNull();
	}

	private static void assertMayNotWrite(String service, String topic) {
		assertThat(failureOfSend(service, PASSWORDS.get(service), topic)).as("%s writing %s", service, topic)
			.isInstanceOf(TopicAuthorizationException.class);
	}

	/** What sending one record ended with: null once Kafka acknowledged it. */
	private static Throwable failureOfSend(String user, String password, String topic) {
		Map<String, Object> config = client(user, password);
		config.putAll(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.MAX_BLOCK_MS_CONFIG,
				15_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			Throwable failure = catchThrowable(
					() -> producer.send(new ProducerRecord<>(topic, "key", "{}")).get(30, TimeUnit.SECONDS));
			return (failure instanceof ExecutionException) ? failure.getCause() : failure;
		}
	}

	private static Map<String, Object> consumer(String user, String group) {
		Map<String, Object> config = client(user, PASSWORDS.get(user));
		config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		return config;
	}

	private static Map<String, Object> client(String user, String password) {
		return new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + PORT,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM,
				"SCRAM-SHA-256", SaslConfigs.SASL_JAAS_CONFIG,
				SCRAM + " username=\"" + user + "\" password=\"" + password + "\";"));
	}

}
