package io.github.eventsuite.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Three Kafka nodes, each broker and KRaft controller, configured as docker-compose.ha.yml
 * configures them: topics of three copies of which two must have a record before it counts
 * as written. Each node is published on a fixed host port for the tests' own clients.
 */
final class KafkaCluster {

	static final int SIZE = 3;

	/** The listener the services use, inside the Docker network. */
	private static final int INTERNAL_PORT = 19092;

	private static final int EXTERNAL_PORT = 9092;

	private final List<GenericContainer<?>> nodes;

	private final List<Integer> hostPorts;

	KafkaCluster(Network network) {
		this.hostPorts = IntStream.range(0, SIZE).mapToObj((i) -> SuiteContainers.freePort()).toList();
		this.nodes = IntStream.rangeClosed(1, SIZE).<GenericContainer<?>>mapToObj((id) -> node(network, id)).toList();
	}

	List<GenericContainer<?>> nodes() {
		return this.nodes;
	}

	/** What the services are given: every node, so that any of them can be down at start. */
	String internalBootstrapServers() {
		return IntStream.rangeClosed(1, SIZE).mapToObj((id) -> alias(id) + ":" + INTERNAL_PORT)
			.collect(Collectors.joining(","));
	}

	String bootstrapServers() {
		return this.hostPorts.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/** The node whose broker id is {@code id} (1 to 3). */
	GenericContainer<?> node(int id) {
		return this.nodes.get(id - 1);
	}

	private GenericContainer<?> node(Network network, int id) {
		int hostPort = this.hostPorts.get(id - 1);
		String voters = IntStream.rangeClosed(1, SIZE).mapToObj((voter) -> voter + "@" + alias(voter) + ":9093")
			.collect(Collectors.joining(","));
		return new GenericContainer<>(System.getProperty("kafka.image", "apache/kafka:4.1.2")).withNetwork(network)
			.withNetworkAliases(alias(id))
			.withEnv(Map.ofEntries(Map.entry("KAFKA_NODE_ID", String.valueOf(id)),
					Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
					Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", voters),
					Map.entry("KAFKA_LISTENERS", "INTERNAL://:" + INTERNAL_PORT + ",CONTROLLER://:9093,EXTERNAL://:" + EXTERNAL_PORT),
					Map.entry("KAFKA_ADVERTISED_LISTENERS",
							"INTERNAL://" + alias(id) + ":" + INTERNAL_PORT + ",EXTERNAL://127.0.0.1:" + hostPort),
					Map.entry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
							"INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT"),
					Map.entry("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL"),
					Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
					Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
					Map.entry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3"), Map.entry("KAFKA_MIN_INSYNC_REPLICAS", "2"),
					Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3"),
					Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3"),
					Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"),
					Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"),
					Map.entry("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m")))
			.withCreateContainerCmdModifier((create) -> create.getHostConfig()
				.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), new ExposedPort(EXTERNAL_PORT))))
			// A node is up once the quorum has elected a controller and the broker has joined it.
			.waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
	}

	private static String alias(int id) {
		return "kafka-" + id;
	}

}
