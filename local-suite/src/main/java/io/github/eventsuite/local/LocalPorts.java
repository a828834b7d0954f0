package io.github.eventsuite.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port the local suite listens on, all on 127.0.0.1. Defaults are docker compose's.
 * The {@code *Management} ports are the services' Actuator (health, metrics, Prometheus).
 */
public record LocalPorts(int userService, int notificationService, int analyticsService, int sensorService,
		int mailbox, int smtp, int kafka, int kafkaController, int postgres, int userManagement,
		int notificationManagement, int analyticsManagement, int sensorManagement) {

	public static final LocalPorts DEFAULT = new LocalPorts(8080, 8081, 8082, 8083, 8025, 3025, 9092, 9093, 5432,
			9180, 9181, 9182, 9183);

	static final String HOST = "127.0.0.1";

	public LocalPorts plus(int offset) {
		return new LocalPorts(this.userService + offset, this.notificationService + offset,
				this.analyticsService + offset, this.sensorService + offset, this.mailbox + offset, this.smtp + offset,
				this.kafka + offset, this.kafkaController + offset, this.postgres + offset, this.userManagement + offset,
				this.notificationManagement + offset, this.analyticsManagement + offset, this.sensorManagement + offset);
	}

	/** A service's API port, by the service's name ({@link LocalSuite#SERVICES}). */
	public int api(String service) {
		return switch (service) {
			case "user-service" -> this.userService;
			case "notification-service" -> this.notificationService;
			case "analytics-service" -> this.analyticsService;
			case "sensor-service" -> this.sensorService;
			default -> throw new IllegalArgumentException("no such service: " + service);
		};
	}

	/** A service's Actuator port, by the service's name ({@link LocalSuite#SERVICES}). */
	public int management(String service) {
		return switch (service) {
			case "user-service" -> this.userManagement;
			case "notification-service" -> this.notificationManagement;
			case "analytics-service" -> this.analyticsManagement;
			case "sensor-service" -> this.sensorManagement;
			default -> throw new IllegalArgumentException("no such service: " + service);
		};
	}

	int highest() {
		return all().values().stream().mapToInt(Integer::intValue).max().orElseThrow();
	}

	public Map<String, Integer> all() {
		Map<String, Integer> all = new LinkedHashMap<>();
		all.put("user-service", this.userService);
		all.put("notification-service", this.notificationService);
		all.put("analytics-service", this.analyticsService);
		all.put("sensor-service", this.sensorService);
		all.put("mailbox", this.mailbox);
		all.put("SMTP", this.smtp);
		all.put("Kafka", this.kafka);
		all.put("Kafka controller", this.kafkaController);
		all.put("PostgreSQL", this.postgres);
		all.put("user-service management", this.userManagement);
		all.put("notification-service management", this.notificationManagement);
		all.put("analytics-service management", this.analyticsManagement);
		all.put("sensor-service management", this.sensorManagement);
		return all;
	}

	/** The ports something else already listens on, named. */
	List<String> taken() {
		return all().entrySet().stream()
			.filter((port) -> !free(port.getValue()))
			.map((port) -> port.getKey() + " " + port.getValue())
			.toList();
	}

	public static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
