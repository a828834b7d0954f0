package io.github.eventsuite.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite on one machine without Docker: PostgreSQL from binaries shipped as a Maven
 * artifact, Kafka's own broker in this process, GreenMail's standalone server, and the
 * four services' own jars with local connection settings: the same code as in docker
 * compose. Started in dependency order; stopped in reverse on Ctrl-C.
 */
public final class LocalSuite implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalSuite.class);

	private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(3);

	public static final List<String> SERVICES = List.of("user-service", "notification-service", "analytics-service",
			"sensor-service");

	private final LocalSuiteOptions options;

	/** Everything started, in start order; stopped in reverse. */
	private final List<AutoCloseable> started = new ArrayList<>();

	private final List<ProcessHandle> processes = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private LocalSuite(LocalSuiteOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		LocalSuiteOptions options;
		try {
			options = LocalSuiteOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		LocalSuite suite = new LocalSuite(options);
		Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "local-suite-stop"));
		try {
			suite.startAll();
		}
		catch (Exception ex) {
			log.error("The local suite could not start: {}", ex.getMessage());
			System.exit(1);
		}
		System.out.println(suite.welcome());
		suite.stopped.await();
	}

	/** Starts everything and returns once every service is ready. */
	public static LocalSuite start(LocalSuiteOptions options) throws Exception {
		LocalSuite suite = new LocalSuite(options);
		try {
			suite.startAll();
			return suite;
		}
		catch (Exception ex) {
			suite.close();
			throw ex;
		}
	}

	private void startAll() throws Exception {
		List<String> taken = this.options.ports().taken();
		if (!taken.isEmpty()) {
			throw new IllegalStateException("Ports in use on " + LocalPorts.HOST + ": " + String.join(", ", taken)
					+ " (docker compose still up? --port-offset moves every port)");
		}
		List<Path> missing = SERVICES.stream().map((name) -> serviceJar(this.options.home(), name))
			.filter((jar) -> !Files.isRegularFile(jar))
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Not built yet: " + missing + " (run mvn package -DskipTests first)");
		}
		Path data = prepareDataDirectory();
		LocalPorts ports = this.options.ports();
		LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), ports.postgres());
		this.started.add(postgres);
		this.processes.add(postgres.handle());
		this.started.add(LocalKafka.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController()));
		startMailServer(data.resolve("logs"));
		startServices(data.resolve("logs"));
	}

	private Path prepareDataDirectory() throws IOException {
		Path data = this.options.dataDirectory();
		if (this.options.fresh()) {
			log.info("Starting fresh: deleting {}", data);
			Directories.deleteRecursively(data);
		}
		return Files.createDirectories(data);
	}

	private void startMailServer(Path logs) throws Exception {
		LocalPorts ports = this.options.ports();
		Path jar = this.options.home().resolve("local-suite/target/greenmail-standalone.jar");
		ChildProcess mail = track(ChildProcess.start("GreenMail",
				ChildProcess.java(jar, mailboxHeap(), "-Dgreenmail.smtp.hostname=" + LocalPorts.HOST,
						"-Dgreenmail.smtp.port=" + ports.smtp(), "-Dgreenmail.auth.disabled",
						// 30 s, not 2 s, for a server to start: on a busy machine GreenMail gave up and exited.
						"-Dgreenmail.startup.timeout=30000",
						"-Dgreenmail.api.hostname=" + LocalPorts.HOST, "-Dgreenmail.api.port=" + ports.mailbox()),
				Map.of(), logs.resolve("greenmail.log")));
		mail.awaitReady(() -> LocalPorts.listening(ports.smtp()) && ok("http://" + LocalPorts.HOST + ":"
				+ ports.mailbox() + "/api/service/readiness"), Duration.ofSeconds(60));
		log.info("GreenMail ready: SMTP on {}:{}", LocalPorts.HOST, ports.smtp());
	}

	/**
	 * GreenMail keeps every message in memory: 512 MB holds tens of thousands of welcome
	 * emails; {@code MAILBOX_HEAP} (e.g. {@code 2g}) for more, as the benchmark sends.
	 */
	private static String mailboxHeap() {
		return "-Xmx" + System.getenv().getOrDefault("MAILBOX_HEAP", "512m");
	}

	/** The services start side by side; each waits for Kafka and its database, which are up. */
	private void startServices(Path logs) throws Exception {
		LocalPorts ports = this.options.ports();
		List<ChildProcess> processes = new ArrayList<>();
		for (String service : SERVICES) {
			processes.add(track(ChildProcess.start(service, serviceCommand(this.options.home(), service),
					serviceEnvironment(ports, service), logs.resolve(service + ".log"))));
		}
		ExecutorService waiting = Executors.newFixedThreadPool(SERVICES.size());
		try {
			List<Future<?>> ready = new ArrayList<>();
			for (int i = 0; i < SERVICES.size(); i++) {
				String service = SERVICES.get(i);
				ChildProcess process = processes.get(i);
				int port = ports.api(service);
				int management = ports.management(service);
				ready.add(waiting.submit(() -> {
					process.awaitReady(() -> ok(readinessUrl(management)), SERVICE_START_TIMEOUT);
					log.info("{} ready on port {}", service, port);
					return null;
				}));
			}
			for (Future<?> service : ready) {
				service.get();
			}
		}
		finally {
			waiting.shutdownNow();
		}
	}

	/**
	 * The services' memory settings, as in their images: a small heap (they keep little:
	 * state is in Kafka and PostgreSQL), the serial collector (no concurrent GC threads or
	 * remembered sets on two cores) and bounded direct memory (Netty's buffers), so that each
	 * stays within 256 MB of resident memory under load (docs/benchmarks.md); a service whose
	 * heap runs out exits rather than run on half dead. Each survivor space is a quarter of
	 * the young generation (10.7 MB), not the default tenth (4.3 MB): a POST in flight holds
	 * about 26 KB, and when user-service fell behind, those that outlived a young collection
	 * overflowed into the old generation and were collected in full, up to a second at a time,
	 * which made more requests wait (a sixth to a third of its CPU at 500 registrations/s).
	 * Spring AOT, as in the images: the bean definitions generated when the jar was built, so
	 * that the start parses no configuration class (0.4-1.2 s sooner on JDK 17; settings that
	 * switch beans on or off need {@code -Dspring.aot.enabled=false} in {@code SERVICE_JAVA_OPTS}).
	 */
	private static final List<String> SERVICE_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:SurvivorRatio=2",
			"-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError", "-Dspring.aot.enabled=true");

	private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	/**
	 * What a service's image sets differently, after {@link #SERVICE_JVM} (a later option wins):
	 * sensor- and analytics-service compile with C1 only, and analytics-service's heap is
	 * smaller (their Dockerfiles say why).
	 */
	private static final Map<String, List<String>> IMAGE_SPECIFIC_OPTIONS = Map.of(
			"sensor-service", List.of(C1_ONLY),
			"analytics-service", List.of(C1_ONLY, "-Xmx96m"));

	/**
	 * A service's JVM options: {@link #imageJvmOptions(String) those of its image}, plus
	 * those in the environment variable {@code SERVICE_JAVA_OPTS} (e.g. a flight recording),
	 * which only the services get.
	 */
	public static List<String> serviceJvmOptions(String service) {
		String extra = System.getenv().getOrDefault("SERVICE_JAVA_OPTS", "").trim();
		List<String> options = imageJvmOptions(service);
		if (!extra.isEmpty()) {
			options.addAll(List.of(extra.split("\\s+")));
		}
		return options;
	}

	/**
	 * {@link #SERVICE_JVM} and the service's own ({@link #IMAGE_SPECIFIC_OPTIONS}): its image's, less
	 * {@code -Xms32m} and what needs Java 22+.
	 */
	static List<String> imageJvmOptions(String service) {
		List<String> options = new ArrayList<>(SERVICE_JVM);
		options.addAll(IMAGE_SPECIFIC_OPTIONS.getOrDefault(service, List.of()));
		return options;
	}

	/** How a service is started: its own jar on this JVM, with {@link #serviceJvmOptions(String)}. */
	public static List<String> serviceCommand(Path home, String service) {
		return ChildProcess.java(serviceJar(home, service), serviceJvmOptions(service).toArray(String[]::new));
	}

	/** BCrypt of "admin": the dead-letter console's password on a development machine, as in compose. */
	private static final String DEV_CONSOLE_PASSWORD_HASH = "$2a$10$L/K9wCkQ06pZNEZGn0s4bOvUhhq36DpjXjb2P.jwkSFeLEwrenK4i";

	/** The SHA-256 of each simulated device's key, "sensor-N-dev-key", as in compose. */
	private static final String DEV_DEVICE_KEYS = "sensor-1:e3be09f1c05be36660b7b736cc585e952983828da1a56aa40e558b5b3870b401,"
			+ "sensor-2:c9a7fdc81dd57828ec973312d355b6efcf18340e2c31e358279e97bd15c15027,"
			+ "sensor-3:a9861868be40b8be18eb4ac44080e104e4ab92cd33ad0bf7b460102e6114877c,"
			+ "sensor-4:1f13b2ce82122e7e61ab264140443947b9388595c95abb7720b621f1358e4bc7,"
			+ "sensor-5:74ef96613007023fef491e2d25105a787444cf8c7cc4de196161de52bed84a4e,"
			+ "sensor-6:a20c19a7d2f414dad6ee6652cc923d0c8f1615a0dcd926bd877289219a942042";

	/** The connection settings a service gets: the same variables as in docker compose. */
	public static Map<String, String> serviceEnvironment(LocalPorts ports, String service) {
		Map<String, String> environment = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS",
				LocalPorts.HOST + ":" + ports.kafka(), "DB_HOST", LocalPorts.HOST, "DB_PORT",
				String.valueOf(ports.postgres()), "SMTP_HOST", LocalPorts.HOST, "SMTP_PORT",
				String.valueOf(ports.smtp()), "PORT",
				String.valueOf(ports.api(service)), "MANAGEMENT_PORT",
				String.valueOf(ports.management(service))));
		if (service.equals("analytics-service")) {
			environment.put("ANALYTICS_ADMIN_PASSWORD_HASH",
					System.getenv().getOrDefault("ANALYTICS_ADMIN_PASSWORD_HASH", DEV_CONSOLE_PASSWORD_HASH));
		}
		else if (service.equals("sensor-service")) {
			environment.put("SENSORS_DEVICE_KEYS", System.getenv().getOrDefault("SENSORS_DEVICE_KEYS", DEV_DEVICE_KEYS));
		}
		else {
			LocalPostgres.ServiceDatabase database = LocalPostgres.databaseOf(service);
			environment.putAll(Map.of("DB_NAME", database.database(), "DB_USER", database.role(), "DB_PASSWORD",
					database.password()));
		}
		return environment;
	}

	public static Path serviceJar(Path home, String service) {
		return home.resolve(service + "/target/" + service + ".jar");
	}

	/** The readiness probe, on the service's management port (Actuator is not on its API port). */
	public static String readinessUrl(int managementPort) {
		return "http://" + LocalPorts.HOST + ":" + managementPort + "/actuator/health/readiness";
	}

	private ChildProcess track(ChildProcess process) {
		this.started.add(process);
		this.processes.add(process.handle());
		return process;
	}

	private boolean ok(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	String welcome() {
		LocalPorts ports = this.options.ports();
		String user = "http://" + LocalPorts.HOST + ":" + ports.userService();
		String analytics = "http://" + LocalPorts.HOST + ":" + ports.analyticsService();
		String sensors = "http://" + LocalPorts.HOST + ":" + ports.sensorService();
		return """

				Event Suite is running. Data and logs: %s
				  Register a user   curl -i -X POST %s/api/users -H 'Content-Type: application/json' \\
				                         -d '{"name":"Ada Lovelace","email":"ada@example.com"}'
				  Registrations     %s/api/users/{id}
				  Statistics        %s/api/stats   (live: %s/api/stats/stream)
				  Dead letters      %s/dead-letters.html   (admin / admin, unless ANALYTICS_ADMIN_PASSWORD_HASH is set)
				  Sensors           %s   (post readings as sensor-1 / sensor-1-dev-key: docs/sensors.md)
				  Metrics           http://%s:%d/actuator/prometheus   (and ports %d, %d, %d; health: /actuator/health)
				  Mailbox           http://%s:%d   (GreenMail; SMTP on port %d)
				  Kafka             %s:%d
				  PostgreSQL        %s:%d   (%s)
				Ctrl-C stops everything.
				""".formatted(this.options.dataDirectory(), user, user, analytics, analytics, analytics, sensors,
				LocalPorts.HOST, ports.userManagement(), ports.notificationManagement(), ports.analyticsManagement(),
				ports.sensorManagement(), LocalPorts.HOST,
				ports.mailbox(), ports.smtp(), LocalPorts.HOST, ports.kafka(), LocalPorts.HOST, ports.postgres(),
				LocalPostgres.SERVICE_DATABASES.stream()
					.map((database) -> "database " + database.database() + ", user " + database.role())
					.collect(Collectors.joining("; ")));
	}

	/** The processes this suite started (PostgreSQL, GreenMail, the services). */
	public List<ProcessHandle> processes() {
		return List.copyOf(this.processes);
	}

	/** Stops everything in reverse start order; safe to call more than once. */
	@Override
	public synchronized void close() {
		if (this.stopped.getCount() == 0) {
			return;
		}
		log.info("Stopping the local suite");
		for (int i = this.started.size() - 1; i >= 0; i--) {
			try {
				this.started.get(i).close();
			}
			catch (Exception ex) {
				log.warn("Stopping {} failed: {}", this.started.get(i), ex.toString());
			}
		}
		this.started.clear();
		log.info("Local suite stopped");
		this.stopped.countDown();
	}

}
