package io.github.eventsuite.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (Kafka's own server classes) in this process, its log
 * kept in the data directory. Configured like compose's broker: topics are never created
 * automatically; the services create theirs at start-up.
 */
final class LocalKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

	private final KafkaRaftServer server;

	private LocalKafka(KafkaRaftServer server) {
		this.server = server;
	}

	static LocalKafka start(Path directory, int port, int controllerPort) throws Exception {
		Properties config = config(directory.resolve("log"), port, controllerPort);
		if (!Files.exists(directory.resolve("log/meta.properties"))) {
			format(directory, config);
		}
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
		server.startup();
		LocalKafka kafka = new LocalKafka(server);
		try {
			awaitBroker(port, Duration.ofSeconds(60));
		}
		catch (Exception ex) {
			kafka.close();
			throw ex;
		}
		log.info("Kafka ready on {}:{}", LocalPorts.HOST, port);
		return kafka;
	}

	private static Properties config(Path log, int port, int controllerPort) {
		Properties config = new Properties();
		config.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@" + LocalPorts.HOST + ":" + controllerPort),
				Map.entry("listeners",
						"PLAINTEXT://" + LocalPorts.HOST + ":" + port + ",CONTROLLER://" + LocalPorts.HOST + ":"
								+ controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://" + LocalPorts.HOST + ":" + port),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"), Map.entry("log.dirs", log.toString()),
				Map.entry("auto.create.topics.enable", "false"), Map.entry("num.partitions", "3"),
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "10"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0")));
		return config;
	}

	/** What {@code kafka-storage.sh format} does, once: a new cluster id and an empty metadata log. */
	private static void format(Path directory, Properties config) throws IOException {
		Files.createDirectories(directory);
		Path file = directory.resolve("server.properties");
		try (OutputStream out = Files.newOutputStream(file)) {
			config.store(out, "Written by the local suite to format the log directory");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exit = StorageTool.execute(new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(),
				"--config", file.toString() }, new PrintStream(output, true, StandardCharsets.UTF_8));
		if (exit != 0) {
			throw new IllegalStateException("Formatting Kafka's log directory failed: " + output);
		}
	}

	private static void awaitBroker(int port, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPorts.HOST + ":" + port))) {
			while (true) {
				try {
					admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					if (Instant.now().isAfter(deadline)) {
						throw new IllegalStateException("Kafka not ready after " + timeout.toSeconds() + " s", ex);
					}
					Thread.sleep(250);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
