import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * {@code java SmtpFlood.java PORT MESSAGES CONNECTIONS BLOCK [PREFIX]}: sends MESSAGES
 * welcome-sized messages to 127.0.0.1:PORT over CONNECTIONS kept-open SMTP connections, one
 * command at a time, each to a new address PREFIX&lt;n&gt;@example.com (or all to one address
 * when PREFIX is {@code same}), and prints the rate of every BLOCK messages.
 */
public class SmtpFlood {
	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]), total = Integer.parseInt(args[1]), conns = Integer.parseInt(args[2]);
		int block = Integer.parseInt(args[3]);
		String prefix = args.length > 4 ? args[4] : "u";
		AtomicInteger next = new AtomicInteger();
		AtomicLong blockStart = new AtomicLong(System.nanoTime());
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(conns);
		long start = System.nanoTime();
		for (int c = 0; c < conns; c++) {
			pool.submit(() -> {
				try (Socket s = new Socket("127.0.0.1", port)) {
					s.setTcpNoDelay(true);
					BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
					Writer out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII));
					read(in); cmd(in, out, "EHLO bench");
					int i;
					while ((i = next.getAndIncrement()) < total) {
						String to = prefix.equals("same") ? "same@example.com" : prefix + i + "@example.com";
						cmd(in, out, "MAIL FROM:<welcome@eventsuite.example>");
						cmd(in, out, "RCPT TO:<" + to + ">");
						cmd(in, out, "DATA");
						out.write("From: welcome@eventsuite.example\r\nTo: " + to + "\r\nSubject: Welcome, user " + i
								+ "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello user " + i
								+ ",\r\nwelcome to the event suite. Your account is ready.\r\n.\r\n");
						out.flush();
						read(in);
						int d = done.incrementAndGet();
						if (d % block == 0) {
							long now = System.nanoTime();
							long prev = blockStart.getAndSet(now);
							System.out.printf("%d delivered, last %d at %.0f/s%n", d, block, block / ((now - prev) / 1e9));
						}
					}
					cmd(in, out, "QUIT");
				} catch (Exception e) { e.printStackTrace(); }
				return null;
			});
		}
		pool.shutdown(); pool.awaitTermination(1, TimeUnit.HOURS);
		System.out.printf("total %d in %.1f s%n", done.get(), (System.nanoTime() - start) / 1e9);
	}
	static void cmd(BufferedReader in, Writer out, String line) throws IOException { out.write(line + "\r\n"); out.flush(); read(in); }
	static String read(BufferedReader in) throws IOException {
		String l;
		do { l = in.readLine(); if (l == null) throw new EOFException(); } while (l.length() > 3 && l.charAt(3) == '-');
		if (l.charAt(0) >= '4') throw new IOException(l);
		return l;
	}
}
