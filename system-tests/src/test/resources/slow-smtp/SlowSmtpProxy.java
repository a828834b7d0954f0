import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy that holds every new connection for a while before passing it on: an SMTP
 * server that accepts at most (concurrent connections / delay) messages per second, since
 * JavaMail opens one connection per message. Run: java SlowSmtpProxy.java PORT HOST PORT MILLIS
 */
public class SlowSmtpProxy {

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		String targetHost = args[1];
		int targetPort = Integer.parseInt(args[2]);
		long delayMillis = Long.parseLong(args[3]);
		try (ServerSocket server = new ServerSocket(port)) {
			System.out.println("slow-smtp listening on " + port + ", delay " + delayMillis + " ms");
			while (true) {
				Socket client = server.accept();
				Thread.ofVirtual().start(() -> relay(client, targetHost, targetPort, delayMillis));
			}
		}
	}

	private static void relay(Socket client, String targetHost, int targetPort, long delayMillis) {
		try (client; Socket target = new Socket(targetHost, targetPort)) {
			Thread.sleep(delayMillis);
			Thread upstream = Thread.ofVirtual().start(() -> pipe(client, target));
			pipe(target, client);
			upstream.join();
		}
		catch (IOException | InterruptedException ex) {
			// The connection ends; the client sees it closed.
		}
	}

	private static void pipe(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			in.transferTo(out);
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// Either side closed.
		}
	}

}
