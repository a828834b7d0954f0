package io.github.eventsuite.notification.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The write timeout of every SMTP connection runs on one shared timer, against a bare SMTP
 * server of the test's own that can stop reading in the middle of a message.
 */
class SmtpWriteTimeoutTests {

	/** Far more than the loopback's socket buffers take: the write must block. */
	private static final int STALLED_BODY_CHARS = 32 * 1024 * 1024;

	private final List<SmtpConnections> opened = new CopyOnWriteArrayList<>();

	private BareSmtpServer server;

	@AfterEach
	void shutDown() throws IOException {
		this.opened.forEach(SmtpConnections::closeAll);
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void failsASendOnceTheServerStopsReadingForTheWriteTimeout() throws Exception {
		this.server = new BareSmtpServer(true);
		SmtpConnections connections = connections();
		MimeMessage message = message("x".repeat(STALLED_BODY_CHARS));

		assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> assertThatExceptionOfType(MessagingException.class)
					.isThrownBy(() -> connections.send(message, Instant.MAX)));
	}

	@Test
	void startsNoThreadForAConnection() throws Exception {
		this.server = new BareSmtpServer(false);
		long before = writeTimeoutThreadsOfTheirOwn();

		for (int i = 0; i < 3; i++) {
			// Each keeps its connection open: Angus Mail's own timer would live as long.
			connections().send(message("Hello"), Instant.MAX);
		}

		assertThat(this.server.connections()).isEqualTo(3);
		assertThat(writeTimeoutThreadsOfTheirOwn() - before).isLessThan(3);
	}

	/** What Angus Mail starts per connection without a shared timer: an unnamed pool's thread. */
	private static long writeTimeoutThreadsOfTheirOwn() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.isAlive() && thread.getName().matches("pool-\\d+-thread-\\d+"))
			.count();
	}

	private SmtpConnections connections() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(this.server.port());
		Properties properties = new Properties();
		properties.put("mail.smtp.connectiontimeout", "2000");
		properties.put("mail.smtp.timeout", "2000");
		properties.put("mail.smtp.writetimeout", "500");
		sender.setJavaMailProperties(properties);
		EmailProperties email = new EmailProperties("welcome@event-suite.local", "Event Suite", "event-suite.local",
				4, 1000, Duration.ofMinutes(1), Duration.ofSeconds(30), 100);
		SmtpConnections connections = new SmtpConnections(sender, email, new SimpleMeterRegistry(),
				Clock.systemUTC());
		this.opened.add(connections);
		return connections;
	}

	private static MimeMessage message(String body) throws MessagingException {
		MimeMessage message = new JavaMailSenderImpl().createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message);
		helper.setFrom("welcome@event-suite.local");
		helper.setTo("someone@example.com");
		helper.setSubject("Write timeout test");
		helper.setText(body);
		message.saveChanges();
		return message;
	}

	/** Just enough SMTP for Jakarta Mail; when stalling, it stops reading once DATA begins. */
	private static final class BareSmtpServer implements AutoCloseable {

		private final ServerSocket socket;

		private final boolean stall;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final CountDownLatch closed = new CountDownLatch(1);

		BareSmtpServer(boolean stall) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.stall = stall;
			daemon(this::accept);
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int connections() {
			return this.accepted.size();
		}

		private void accept() {
			try {
				while (true) {
					Socket client = this.socket.accept();
					this.accepted.add(client);
					daemon(() -> converse(client));
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		private void converse(Socket client) {
			try (client) {
				BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
				OutputStream out = client.getOutputStream();
				reply(out, "220 bare ESMTP");
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
					if (command.equals("DATA")) {
						reply(out, "354 go ahead");
						if (this.stall) {
							this.closed.await();
							return;
						}
						while (!".".equals(in.readLine())) {
							// the message
						}
						reply(out, "250 queued");
					}
					else if (command.equals("QUIT")) {
						reply(out, "221 bye");
						return;
					}
					else {
						reply(out, "250 ok");
					}
				}
			}
			catch (IOException ex) {
				// the client went away
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static void daemon(Runnable task) {
			Thread thread = new Thread(task, "bare-smtp");
			thread.setDaemon(true);
			thread.start();
		}

		private static void reply(OutputStream out, String line) throws IOException {
			out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}

		@Override
		public void close() throws IOException {
			this.closed.countDown();
			this.socket.close();
		}

	}

}
