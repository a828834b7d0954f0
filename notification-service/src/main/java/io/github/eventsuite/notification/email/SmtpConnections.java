package io.github.eventsuite.notification.email;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP connections kept open across messages. A new connection costs the server's greeting
 * and the EHLO round trip, about 40 ms against GreenMail (docs/benchmarks.md); a message on
 * an open one costs only its own commands.
 *
 * <p>A connection whose send failed is closed, never reused, and so are the idle ones: when
 * the server restarted or dropped its connections, the failed one was only the first to
 * show it. The listener's retry of that email then opens a fresh connection. (A dropped
 * connection shows only when it is used: that send fails, nothing was delivered, and it is
 * retried like any other failure.) Connections idle for
 * {@code connection-idle-timeout} are closed (by {@link #closeIdle()}, and before reuse),
 * sooner than servers time them out; each is closed after {@code messages-per-connection}.
 *
 * <p>Blocking, and called on the SMTP scheduler only: with its {@code concurrency} threads,
 * no more connections are ever in use or kept.
 */
class SmtpConnections {

	private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

	/**
	 * One timer for the write timeout ({@code mail.smtp.writetimeout}) of every connection.
	 * Without it Angus Mail starts a thread per connection, and a connection lasts
	 * {@code messages-per-connection} messages: about 1,000 threads started in a benchmark
	 * run at 1,000/s offered, 50 with it (docs/benchmarks.md). Its timers also keep each
	 * write's cancelled timeout queued until it would have fired; this one drops them.
	 */
	private static final ScheduledExecutorService WRITE_TIMEOUTS = writeTimeouts();

	private final JavaMailSenderImpl sender;

	/** The sender's session, with the shared write-timeout timer. */
	private final Session session;

	private final EmailProperties properties;

	private final Clock clock;

	private final Counter opened;

	private final Counter closed;

	/** Most recently used first: a surplus of connections gathers at the end and times out. */
	private final Deque<SmtpConnection> idle = new ArrayDeque<>();

	private boolean shutDown;

	SmtpConnections(JavaMailSenderImpl sender, EmailProperties properties, MeterRegistry meters, Clock clock) {
		this.sender = sender;
		this.session = Session.getInstance(withSharedWriteTimeouts(sender.getSession().getProperties()));
		this.properties = properties;
		this.clock = clock;
		this.opened = Counter.builder("email.smtp.connections.opened")
			.description("SMTP connections opened (each pays the server's greeting and EHLO)")
			.register(meters);
		this.closed = Counter.builder("email.smtp.connections.closed")
			.description("SMTP connections closed: failed, idle, used up or shut down")
			.register(meters);
	}

	/**
	 * Returns true once the server accepted the message; false, sending nothing, if a
	 * connection was ready only after {@code startBy}.
	 */
	boolean send(MimeMessage message, Instant startBy) throws MessagingException {
		SmtpConnection connection = take();
		if (this.clock.instant().isAfter(startBy)) {
			giveBack(connection);
			return false;
		}
		try {
			connection.send(message);
		}
		catch (MessagingException | RuntimeException ex) {
			close(connection);
			closeAllIdle();
			throw ex;
		}
		giveBack(connection);
		return true;
	}

	/** Closes the connections that have waited for longer than {@code connection-idle-timeout}. */
	void closeIdle() {
		expired().forEach(this::close);
	}

	/** Closes every idle connection now, and every busy one once its message is sent. */
	void closeAll() {
		synchronized (this) {
			this.shutDown = true;
		}
		closeAllIdle();
	}

	private void closeAllIdle() {
		List<SmtpConnection> all;
		synchronized (this) {
			all = List.copyOf(this.idle);
			this.idle.clear();
		}
		all.forEach(this::close);
	}

	private SmtpConnection take() throws MessagingException {
		closeIdle();
		SmtpConnection connection = pollIdle();
		return (connection != null) ? connection : open();
	}

	private synchronized SmtpConnection pollIdle() {
		return this.idle.pollFirst();
	}

	private synchronized List<SmtpConnection> expired() {
		Instant cutoff = this.clock.instant().minus(this.properties.connectionIdleTimeout());
		List<SmtpConnection> expired = new ArrayList<>();
		while (!this.idle.isEmpty() && !this.idle.peekLast().idleSince().isAfter(cutoff)) {
			expired.add(this.idle.pollLast());
		}
		return expired;
	}

	private void giveBack(SmtpConnection connection) {
		boolean usedUp = connection.messagesSent() >= this.properties.messagesPerConnection();
		if (usedUp || !keep(connection)) {
			close(connection);
		}
	}

	private synchronized boolean keep(SmtpConnection connection) {
		if (this.shutDown) {
			return false;
		}
		connection.idleFrom(this.clock.instant());
		this.idle.addFirst(connection);
		return true;
	}

	/** What {@code JavaMailSenderImpl.connectTransport()} does, for a connection that stays open. */
	private SmtpConnection open() throws MessagingException {
		Transport transport = this.session.getTransport(protocol());
		String username = this.sender.getUsername();
		String password = this.sender.getPassword();
		// An empty SMTP_USERNAME (and password) means no authentication, as in JavaMailSenderImpl.
		if ("".equals(username)) {
			username = null;
			password = "".equals(password) ? null : password;
		}
		transport.connect(this.sender.getHost(), this.sender.getPort(), username, password);
		this.opened.increment();
		return new SmtpConnection(transport, this.clock.instant());
	}

	private String protocol() {
		String protocol = this.sender.getProtocol();
		return (protocol != null) ? protocol : JavaMailSenderImpl.DEFAULT_PROTOCOL;
	}

	private Properties withSharedWriteTimeouts(Properties mail) {
		Properties shared = new Properties();
		shared.putAll(mail);
		shared.put("mail." + protocol() + ".executor.writetimeout", WRITE_TIMEOUTS);
		return shared;
	}

	private static ScheduledExecutorService writeTimeouts() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "smtp-write-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	private void close(SmtpConnection connection) {
		try {
			connection.close();
		}
		catch (MessagingException ex) {
			log.debug("SMTP connection did not close cleanly", ex);
		}
		this.closed.increment();
	}

}
