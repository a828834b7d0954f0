package io.github.eventsuite.notification.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy in front of a real SMTP server that passes everything on, except two faults.
 * Once armed it withholds the server's reply to the next end of data ({@code CRLF.CRLF}):
 * the server has the message, the client never hears so, as when a server stalls (or a
 * network breaks) right after taking a message. And it answers a {@code RCPT TO} of a given
 * address itself: {@code 550} as a server with no such mailbox, {@code 451} as a busy one.
 * It can also hold the reply to the next end of data back for a while, as a slow server.
 */
final class SmtpFaultProxy implements AutoCloseable {

	private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final AtomicBoolean armed = new AtomicBoolean();

	private final AtomicReference<Duration> replyDelay = new AtomicReference<>();

	private final AtomicBoolean holding = new AtomicBoolean();

	private final Map<String, byte[]> recipientReplies = new ConcurrentHashMap<>();

	SmtpFaultProxy(String targetHost, int targetPort) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		daemon(this::acceptAll);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** The next end of data gets no reply (on that connection, nothing more from the server). */
	void withholdNextReplyToEndOfData() {
		this.armed.set(true);
	}

	/** The reply to the next end of data reaches the client {@code delay} after the server gave it. */
	void delayNextReplyToEndOfData(Duration delay) {
		this.replyDelay.set(delay);
	}

	/** Whether the whole message was written and its reply is being held back ({@link #delayNextReplyToEndOfData}). */
	boolean holdingAReply() {
		return this.holding.get();
	}

	/** Every {@code RCPT TO:<address>} gets {@code reply} (e.g. {@code 550 ...}) from the proxy; the server never sees it. */
	void replyToRecipient(String address, String reply) {
		this.recipientReplies.put("RCPT TO:<" + address + ">", (reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
	}

	private void acceptAll() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				daemon(() -> relay(client));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket target = new Socket(this.targetHost, this.targetPort)) {
			AtomicBoolean muted = new AtomicBoolean();
			AtomicLong releaseAt = new AtomicLong();
			Thread upstream = daemon(() -> pipe(client, target, muted, releaseAt, true));
			pipe(target, client, muted, releaseAt, false);
			upstream.join();
		}
		catch (IOException | InterruptedException ex) {
			// The connection ends.
		}
	}

	/**
	 * Client to server: watches for the end of data. Server to client: drops all once muted,
	 * holds a reply back until {@code releaseAt} ({@code System.nanoTime()}, 0 for none).
	 */
	private void pipe(Socket from, Socket to, AtomicBoolean muted, AtomicLong releaseAt, boolean fromClient) {
		byte[] buffer = new byte[8192];
		byte[] tail = new byte[END_OF_DATA.length];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				byte[] reply = fromClient ? replyOf(new String(buffer, 0, read, StandardCharsets.US_ASCII)) : null;
				if (reply != null) {
					from.getOutputStream().write(reply);
					continue;
				}
				if (fromClient && endsData(tail, buffer, read)) {
					if (this.armed.compareAndSet(true, false)) {
						muted.set(true);
					}
					Duration delay = this.replyDelay.getAndSet(null);
					if (delay != null) {
						releaseAt.set(System.nanoTime() + delay.toNanos());
						this.holding.set(true);
					}
				}
				if (!fromClient) {
					holdBack(releaseAt);
				}
				if (fromClient || !muted.get()) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// Either side closed.
		}
	}

	/** A command alone (the client waits for each reply): the whole line is in one read. */
	private byte[] replyOf(String command) {
		return this.recipientReplies.entrySet().stream()
			.filter((recipient) -> command.startsWith(recipient.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Whether the bytes read contain the end of data, also where it began in the bytes read before. */
	private static boolean endsData(byte[] tail, byte[] buffer, int read) {
		byte[] window = new byte[tail.length + read];
		System.arraycopy(tail, 0, window, 0, tail.length);
		System.arraycopy(buffer, 0, window, tail.length, read);
		System.arraycopy(window, window.length - tail.length, tail, 0, tail.length);
		// From 1: a match must end in the new bytes, not lie wholly in the old ones.
		for (int i = 1; i + END_OF_DATA.length <= window.length; i++) {
			if (Arrays.equals(window, i, i + END_OF_DATA.length, END_OF_DATA, 0, END_OF_DATA.length)) {
				return true;
			}
		}
		return false;
	}

	/** A slow server: the proxy's own thread waits, nothing else does. */
	private void holdBack(AtomicLong releaseAt) {
		for (long wait = releaseAt.get() - System.nanoTime(); releaseAt.get() != 0 && wait > 0;
				wait = releaseAt.get() - System.nanoTime()) {
			LockSupport.parkNanos(wait);
		}
		if (releaseAt.getAndSet(0) != 0) {
			this.holding.set(false);
		}
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "smtp-proxy");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
