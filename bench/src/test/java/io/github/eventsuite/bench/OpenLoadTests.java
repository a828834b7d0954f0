package io.github.eventsuite.bench;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A run says why its requests failed, not only how many. */
class OpenLoadTests {

	private final AtomicInteger atOnce = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final ScheduledExecutorService serverThreads = Executors.newScheduledThreadPool(2);

	private final HttpServer server = server();

	private final List<OpenLoad> loads = new ArrayList<>();

	@AfterEach
	void stop() {
		this.loads.forEach(OpenLoad::close);
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	@Test
	void countsTheFailuresOfAFixedRateRunByStatusAndByException() throws InterruptedException {
		OpenLoad load = load(OpenLoad.MAX_IN_FLIGHT);
		URI busy = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/busy");
		URI closed = URI.create("http://127.0.0.1:1/nothing-listens-here");

		LoadResult run = load.fixedRate("mixed", 40, Duration.ofMillis(500),
				(i) -> new OpenLoad.Post((i % 2 == 0) ? busy : closed, "{}"), 202,
				(response, due) -> {
				});

		assertThat(run.sent()).isEqualTo(20);
		assertThat(run.ok()).isZero();
		assertThat(run.failures()).isEqualTo(Map.of("503", 10L, "ConnectException", 10L));
		assertThat(run.failureSummary()).isIn("503 × 10, ConnectException × 10", "ConnectException × 10, 503 × 10");
	}

	@Test
	void sendsNoMoreThanItsInFlightLimitAndCountsTheRestAsNotSent() throws InterruptedException {
		OpenLoad load = load(3);
		URI slow = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/slow");

		LoadResult run = load.fixedRate("slow", 40, Duration.ofMillis(500),
				(i) -> new OpenLoad.Post(slow, "{}"), 202, (response, due) -> {
				});

		assertThat(this.mostAtOnce).hasValueLessThanOrEqualTo(3);
		assertThat(run.ok()).isGreaterThanOrEqualTo(3);
		assertThat(run.failures()).containsOnlyKeys("not sent: 3 in flight");
		assertThat(run.ok() + run.failures().get("not sent: 3 in flight")).isEqualTo(20);
	}

	private HttpServer server() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setExecutor(this.serverThreads);
			// A service that answers each request 300 ms after it came, counting how many it has at once.
			server.createContext("/slow", (exchange) -> {
				this.mostAtOnce.accumulateAndGet(this.atOnce.incrementAndGet(), Math::max);
				this.serverThreads.schedule(() -> {
					this.atOnce.decrementAndGet();
					exchange.sendResponseHeaders(202, -1);
					exchange.close();
					return null;
				}, 300, TimeUnit.MILLISECONDS);
			});
			server.createContext("/busy", (exchange) -> {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A load with a quiet progress bar, closed after the test. */
	private OpenLoad load(int maxInFlight) {
		OpenLoad load = new OpenLoad(new Progress(new PrintStream(OutputStream.nullOutputStream())), maxInFlight);
		this.loads.add(load);
		return load;
	}

}
