package io.github.eventsuite.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.slf4j.LoggerFactory;

import io.github.eventsuite.eventbus.testing.Brokers;
import io.github.eventsuite.eventbus.testing.GreenMailbox;

/**
 * The suite as it runs in docker compose: one Kafka (or three, as with
 * docker-compose.ha.yml), one PostgreSQL, one SMTP server and the services, each from its own
 * Dockerfile and the jar Maven just packaged. The registration chain's three services always;
 * sensor-service only for a test that asks for it ({@link #withSensorService()}): on two
 * cores, a fourth JVM slows every other test's start for nothing.
 */
final class SuiteContainers implements AutoCloseable {

	static final int USER_SERVICE_PORT = 8080;

	static final int NOTIFICATION_SERVICE_PORT = 8081;

	static final int ANALYTICS_SERVICE_PORT = 8082;

	static final int SENSOR_SERVICE_PORT = 8083;

	/** Actuator (health, metrics, Prometheus) listens on a port of its own: these are the services'. */
	static final int USER_MANAGEMENT_PORT = 9180;

	static final int NOTIFICATION_MANAGEMENT_PORT = 9181;

	static final int ANALYTICS_MANAGEMENT_PORT = 9182;

	static final int SENSOR_MANAGEMENT_PORT = 9183;

	/** The dead-letter console's admin (SuiteProbe.postAsAdmin). */
	static final String CONSOLE_ADMIN = "admin";

	static final String CONSOLE_PASSWORD = "test-admin-password";

	/** BCrypt of {@link #CONSOLE_PASSWORD}. */
	private static final String CONSOLE_PASSWORD_HASH = "$2a$10$l5ksmvDf6cI1l5eq5FmA8.D0ixfFC265VgYqyCKyM8mWAj2A0oSJm";

	/** The devices that may post readings, each with the SHA-256 of its {@link #deviceKey}. */
	private static final String DEVICE_KEY_HASHES = Stream.of("sensor-1", "sensor-2")
		.map((device) -> device + ":" + sha256Hex(deviceKey(device)))
		.collect(Collectors.joining(","));

	/** The services' own PostgreSQL roles, made by docker/postgres as in compose. */
	static final String USER_SERVICE_DB_PASSWORD = "user-service-test";

	static final String NOTIFICATION_SERVICE_DB_PASSWORD = "notification-service-test";

	private static final Random PORTS = new Random();

	private final Network network = Network.newNetwork();

	/** Published on a fixed host port, so that a restarted broker is where clients left it. */
	final KafkaContainer kafka = Brokers.kafka()
		.withNetwork(this.network)
		.withNetworkAliases("kafka")
		.withListener("kafka:19092")
		.withCreateContainerCmdModifier((create) -> {
			create.getHostConfig()
				.withPortBindings(new PortBinding(Ports.Binding.bindPort(freePort()), new ExposedPort(9092)));
			// The image's entrypoint rewrites files under /opt/kafka/config on every start; on a
			// restart of the same container the offline stand-in image only lets root do that.
			create.withUser("root");
		});

	final PostgreSQLContainer postgres = postgres().withNetwork(this.network)
		.withNetworkAliases("postgres")
		.withCreateContainerCmdModifier((create) -> create.getHostConfig()
			.withPortBindings(new PortBinding(Ports.Binding.bindPort(freePort()), new ExposedPort(5432))));

	final GenericContainer<?> greenMail = new GenericContainer<>("greenmail/standalone:2.1.8")
		.withNetwork(this.network)
		.withNetworkAliases("greenmail")
		.withEnv("GREENMAIL_OPTS", GreenMailbox.CONTAINER_OPTIONS)
		.withExposedPorts(GreenMailbox.SMTP_PORT, GreenMailbox.API_PORT)
		.waitingFor(Wait.forHttp("/api/service/readiness").forPort(GreenMailbox.API_PORT));

	final GenericContainer<?> userService = service("user-service", USER_SERVICE_PORT, USER_MANAGEMENT_PORT, Map.of(
			"DB_HOST", "postgres", "DB_PORT", "5432", "DB_NAME", "users",
			"DB_USER", "user_service", "DB_PASSWORD", USER_SERVICE_DB_PASSWORD,
			// Every registration comes from the Docker host's one address, bursts of 1,000 included.
			"USER_REGISTRATION_RATELIMIT_ENABLED", "false",
			// A SIGKILL often leaves a registration in the producer's buffer (linger 20 ms),
			// published again after resend-after and up to one resend-interval (15 s): 30-45 s
			// here rather than 60-75 s, most of userServiceKilledMidBatch's 67 s in two CI runs.
			// Not the least allowed (20 s): the publication retry would then be 5 s, shorter
			// than a controller's fail-over, and BrokerFailureIntegrationTests waited for the
			// resends instead (72 s against 46 s). The guarantee tested is the same.
			"USER_REGISTRATION_RESENDAFTER", "30s"));

	final GenericContainer<?> notificationService;

	final GenericContainer<?> analyticsService = service("analytics-service", ANALYTICS_SERVICE_PORT,
			ANALYTICS_MANAGEMENT_PORT, Map.of("ANALYTICS_ADMIN_PASSWORD_HASH", CONSOLE_PASSWORD_HASH));

	final GenericContainer<?> sensorService = service("sensor-service", SENSOR_SERVICE_PORT, SENSOR_MANAGEMENT_PORT,
			Map.of("SENSORS_DEVICE_KEYS", DEVICE_KEY_HASHES));

	private boolean withSensorService;

	/** Optional: three brokers in place of {@link #kafka}. */
	private final KafkaCluster cluster;

	/** Optional: an SMTP server that accepts a limited number of messages per second. */
	private final GenericContainer<?> slowSmtp;

	/** What notification-service was given, so that more instances of it get the same. */
	private final Map<String, String> notificationEnvironment;

	/** Further notification-service instances a test started (scale-out). */
	private final List<GenericContainer<?>> moreNotificationServices = new ArrayList<>();

	SuiteContainers() {
		this(false);
	}

	private SuiteContainers(boolean threeBrokers) {
		this.cluster = threeBrokers ? new KafkaCluster(this.network) : null;
		this.slowSmtp = null;
		this.notificationEnvironment = Map.of();
		this.notificationService = notificationService(this.notificationEnvironment);
	}

	/**
	 * A suite whose notification-service talks to GreenMail through a proxy that holds each
	 * SMTP connection for {@code delay}, with the given extra environment.
	 */
	SuiteContainers(Duration delay, Map<String, String> notificationEnvironment) {
		this.cluster = null;
		this.slowSmtp = new GenericContainer<>("eclipse-temurin:25-jre").withNetwork(this.network)
			.withNetworkAliases("slow-smtp")
			.withCopyFileToContainer(MountableFile.forClasspathResource("slow-smtp/SlowSmtpProxy.java"),
					"/proxy/SlowSmtpProxy.java")
			.withCommand("java", "/proxy/SlowSmtpProxy.java", "2525", "greenmail",
					String.valueOf(GreenMailbox.SMTP_PORT), String.valueOf(delay.toMillis()))
			.waitingFor(Wait.forLogMessage(".*slow-smtp listening.*", 1));
		Map<String, String> environment = new HashMap<>(notificationEnvironment);
		environment.put("SMTP_HOST", "slow-smtp");
		environment.put("SMTP_PORT", "2525");
		this.notificationEnvironment = environment;
		this.notificationService = notificationService(environment);
	}

	/** The suite on three brokers, each topic with three copies of which two must have a record. */
	static SuiteContainers withThreeBrokers() {
		return new SuiteContainers(true);
	}

	/** Starts sensor-service too. */
	SuiteContainers withSensorService() {
		this.withSensorService = true;
		return this;
	}

	void start() {
		List<GenericContainer<?>> infrastructure = new ArrayList<>(List.of(this.postgres, this.greenMail));
		infrastructure.addAll((this.cluster != null) ? this.cluster.nodes() : List.of(this.kafka));
		Startables.deepStart(infrastructure).join();
		if (this.slowSmtp != null) {
			this.slowSmtp.start();
		}
		List<GenericContainer<?>> services = new ArrayList<>(
				List.of(this.userService, this.notificationService, this.analyticsService));
		if (this.withSensorService) {
			services.add(this.sensorService);
		}
		services.forEach(this::connectToKafka);
		Startables.deepStart(services).join();
	}

	KafkaCluster cluster() {
		return this.cluster;
	}

	/** Where the tests' own Kafka clients connect. */
	String bootstrapServers() {
		return (this.cluster != null) ? this.cluster.bootstrapServers() : this.kafka.getBootstrapServers();
	}

	private void connectToKafka(GenericContainer<?> service) {
		if (this.cluster == null) {
			service.withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092");
			return;
		}
		service.withEnv("KAFKA_BOOTSTRAP_SERVERS", this.cluster.internalBootstrapServers())
			.withEnv("TOPIC_REPLICATION_FACTOR", String.valueOf(KafkaCluster.SIZE))
			.withEnv("TOPIC_MIN_INSYNC_REPLICAS", "2");
	}

	private GenericContainer<?> notificationService(Map<String, String> overrides) {
		Map<String, String> environment = new HashMap<>(Map.of(
				"DB_HOST", "postgres", "DB_PORT", "5432", "DB_NAME", "notifications",
				"DB_USER", "notification_service", "DB_PASSWORD", NOTIFICATION_SERVICE_DB_PASSWORD,
				"SMTP_HOST", "greenmail", "SMTP_PORT", String.valueOf(GreenMailbox.SMTP_PORT),
				// A killed sender's claim is taken over sooner than in production (1 min); the
				// SMTP timeouts shrink with it, since a send must fit five of them into its claim.
				"EMAIL_CLAIM_TIMEOUT", "20s", "SMTP_TIMEOUT_MILLIS", "3000"));
		environment.putAll(overrides);
		return service("notification-service", NOTIFICATION_SERVICE_PORT, NOTIFICATION_MANAGEMENT_PORT, environment);
	}

	/** Every notification-service instance running: the first, then those started since. */
	List<GenericContainer<?>> notificationServices() {
		List<GenericContainer<?>> all = new ArrayList<>(List.of(this.notificationService));
		all.addAll(this.moreNotificationServices);
		return all;
	}

	/** More notification-services, in the same consumer group, with the same settings, started together. */
	void startMoreNotificationServices(int count) {
		List<GenericContainer<?>> more = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			GenericContainer<?> another = notificationService(this.notificationEnvironment);
			connectToKafka(another);
			more.add(another);
		}
		this.moreNotificationServices.addAll(more);
		Startables.deepStart(more).join();
	}

	/**
	 * On 127.0.0.1, not "localhost": the mapped port is the IPv4 one, and Docker 20.10 here
	 * gives a random mapping different host ports on IPv4 and IPv6 (seen: analytics-service's
	 * API on 0.0.0.0:32985 and [::]:32983). Chromium tries ::1 first for "localhost", so the
	 * browser test reached whatever had that port on IPv6, another service's 404 for "/".
	 */
	String url(GenericContainer<?> service, int port) {
		String host = "localhost".equals(service.getHost()) ? "127.0.0.1" : service.getHost();
		return "http://" + host + ":" + service.getMappedPort(port);
	}

	/** Stops the broker (SIGTERM, as an orderly shutdown does) and starts the same container again. */
	void restartKafka() {
		stop(this.kafka);
		start(this.kafka);
	}

	/** An orderly stop of the container, which keeps it (and its data) to be started again. */
	void stop(GenericContainer<?> container) {
		container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(30).exec();
	}

	/** Starts a stopped container again; fixed host ports keep it where clients expect it. */
	void start(GenericContainer<?> container) {
		container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
	}

	/** SIGKILL, then a new container of the same image: the process dies mid-work and comes back. */
	void killAndRestart(GenericContainer<?> service) {
		killAndRestart(service, () -> {
		});
	}

	/** As {@link #killAndRestart(GenericContainer)}, doing {@code whileDown} before the new container starts. */
	void killAndRestart(GenericContainer<?> service, Runnable whileDown) {
		service.getDockerClient().killContainerCmd(service.getContainerId()).exec();
		whileDown.run();
		service.stop();
		service.start();
	}

	static String deviceKey(String device) {
		return device + "-test-key";
	}

	private static String sha256Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** PostgreSQL as compose sets it up: each service's role and database (docker/postgres). */
	static PostgreSQLContainer postgres() {
		return new PostgreSQLContainer("postgres:17").withEnv("USER_SERVICE_DB_PASSWORD", USER_SERVICE_DB_PASSWORD)
			.withEnv("NOTIFICATION_SERVICE_DB_PASSWORD", NOTIFICATION_SERVICE_DB_PASSWORD)
			.withCopyFileToContainer(MountableFile.forHostPath(Path.of("..", "docker", "postgres").toAbsolutePath()),
					"/docker-entrypoint-initdb.d/");
	}

	/**
	 * A host port for a fixed binding (a container restarted keeps it), taken below 32768:
	 * Docker maps the other containers' ports from the kernel's ephemeral range above it, and
	 * a port found free there could be handed to another container of the same start before
	 * this one binds it (a CI run of 2026-12-04: GreenMail got 32879, then PostgreSQL's fixed
	 * 32879 failed with "port is already allocated").
	 */
	static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20_000 + PORTS.nextInt(12_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return port;
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IllegalStateException("No free port between 20000 and 32000");
	}

	private GenericContainer<?> service(String name, int port, int managementPort, Map<String, String> env) {
		return new GenericContainer<>(ServiceImages.of(name)).withNetwork(this.network)
			// C1 only, on top of the image's own options, as every other JVM of the build runs
			// (pom.xml): these tests measure no speed, and each container lives through minutes
			// at most, all of them warm-up (docs/benchmarks.md, 2026-12-06). .ci/run's compose
			// stack runs the images as shipped.
			.withEnv("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1")
			.withEnv(env)
			.withExposedPorts(port, managementPort)
			.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(name)).withPrefix(name))
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(managementPort).forStatusCode(200)
				.withStartupTimeout(Duration.ofMinutes(3)));
	}

	@Override
	public void close() {
		this.moreNotificationServices.forEach(GenericContainer::stop);
		for (GenericContainer<?> container : new GenericContainer<?>[] { this.userService, this.notificationService,
				this.analyticsService, this.sensorService, this.slowSmtp, this.greenMail, this.postgres, this.kafka }) {
			if (container != null) {
				container.stop();
			}
		}
		if (this.cluster != null) {
			this.cluster.nodes().forEach(GenericContainer::stop);
		}
		this.network.close();
	}

}
