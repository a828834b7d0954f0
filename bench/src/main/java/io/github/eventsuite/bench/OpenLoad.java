package io.github.eventsuite.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP load in two models. Open: request {@code i} is due at {@code start + i / rate},
 * whatever happened to the ones before it, and its latency counts from when it was due:
 * a stall shows in every request it delayed (no coordinated omission). Closed: a fixed
 * number of requests in flight, for the most the server can take.
 * <p>
 * On Reactor Netty's client, pooled keep-alive connections: the JDK's {@code HttpClient}
 * spent about 2.4 ms of CPU per request here at 500/s (#14, docs/benchmarks.md), CPU the
 * suite under test shares on the same cores.
 */
final class OpenLoad implements AutoCloseable {

	/**
	 * Requests in flight at most in a fixed-rate run, as a client's connection pool would
	 * hold them: one due while this many are open is not sent and counts as failed ("not
	 * sent"), so the schedule stays open. Without it a suite that fell behind had thousands
	 * of connections opened at it (3,880 on the local suite at 1,000/s), and against compose
	 * at 500/s every connection to the published port was refused from then on, which fits
	 * Docker's userland proxy stopping for good when it runs out of file descriptors
	 * (moby/moby#6402); the proxy's own log was not kept to prove it.
	 */
	static final int MAX_IN_FLIGHT = 2_000;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** One request of a run: a JSON body posted to a URI. */
	record Post(URI uri, String json) {

	}

	/** What a run needs of a response. */
	record Answer(int status, @Nullable String location) {

	}

	/** Called with each expected response and the {@code System.nanoTime()} at which its request was due. */
	interface ResponseListener {

		void on(Answer answer, long dueNanos);

	}

	private final int maxInFlight;

	private final ConnectionProvider connections;

	private final HttpClient http;

	private final Progress progress;

	OpenLoad(Progress progress) {
		this(progress, MAX_IN_FLIGHT);
	}

	OpenLoad(Progress progress, int maxInFlight) {
		this.progress = progress;
		this.maxInFlight = maxInFlight;
		this.connections = ConnectionProvider.builder("bench-load")
			.maxConnections(maxInFlight)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		this.http = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
			.responseTimeout(TIMEOUT)
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON));
	}

	LoadResult fixedRate(String name, int rate, Duration duration, IntFunction<Post> requests, int expectedStatus,
			ResponseListener listener) throws InterruptedException {
		int count = (int) (rate * duration.toMillis() / 1000);
		Histogram latency = LoadResult.histogram();
		AtomicLong ok = new AtomicLong();
		Map<String, LongAdder> failures = new ConcurrentHashMap<>();
		CountDownLatch done = new CountDownLatch(count);
		long periodNanos = 1_000_000_000L / rate;
		long start = System.nanoTime();
		this.progress.begin(name + " at " + rate + "/s", count);
		Semaphore inFlight = new Semaphore(this.maxInFlight);
		for (int i = 0; i < count; i++) {
			long due = start + i * periodNanos;
			LockSupport.parkNanos(due - System.nanoTime());
			if (!inFlight.tryAcquire()) {
				failures.computeIfAbsent("not sent: " + this.maxInFlight + " in flight", (cause) -> new LongAdder())
					.increment();
				this.progress.step();
				done.countDown();
				continue;
			}
			send(requests.apply(i)).subscribe((answer) -> {
				inFlight.release();
				if (answer.status() == expectedStatus) {
					record(latency, (System.nanoTime() - due) / 1000);
					ok.incrementAndGet();
					listener.on(answer, due);
				}
				else {
					failures.computeIfAbsent(String.valueOf(answer.status()), (cause) -> new LongAdder()).increment();
				}
				this.progress.step();
				done.countDown();
			}, (ex) -> {
				inFlight.release();
				failures.computeIfAbsent(cause(ex), (cause) -> new LongAdder()).increment();
				this.progress.step();
				done.countDown();
			});
		}
		done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
		double seconds = (System.nanoTime() - start) / 1e9;
		this.progress.end();
		Map<String, Long> failed = new TreeMap<>();
		failures.forEach((cause, n) -> failed.put(cause, n.sum()));
		if (done.getCount() > 0) {
			failed.put("no answer", done.getCount());
		}
		return new LoadResult(name, rate, count, ok.get(), count - ok.get(), ok.get() / seconds, latency, failed);
	}

	private Mono<Answer> send(Post post) {
		return this.http.post()
			.uri(post.uri())
			.send(ByteBufFlux.fromString(Mono.just(post.json())))
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((ignored) -> new Answer(response.status().code(),
						response.responseHeaders().get(HttpHeaderNames.LOCATION))));
	}

	/**
	 * Why a request failed: the exception's class; for Netty's annotated wrappers (such as
	 * {@code AnnotatedConnectException}) the JDK's class they extend.
	 */
	private static String cause(Throwable ex) {
		Class<?> type = ex.getClass();
		while (type.getSimpleName().startsWith("Annotated") && type.getSuperclass() != null) {
			type = type.getSuperclass();
		}
		return type.getSimpleName();
	}

	LoadResult saturation(String name, int concurrency, Duration duration, IntFunction<Post> requests,
			int expectedStatus) throws InterruptedException {
		Histogram latency = LoadResult.histogram();
		AtomicLong ok = new AtomicLong();
		AtomicLong sent = new AtomicLong();
		Semaphore inFlight = new Semaphore(concurrency);
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		this.progress.begin(name + " with " + concurrency + " in flight", (int) duration.toSeconds());
		int i = 0;
		while (System.nanoTime() < end) {
			inFlight.acquire();
			long sentAt = System.nanoTime();
			sent.incrementAndGet();
			send(requests.apply(i++)).subscribe((answer) -> {
				if (answer.status() == expectedStatus) {
					record(latency, (System.nanoTime() - sentAt) / 1000);
					ok.incrementAndGet();
				}
				inFlight.release();
			}, (ex) -> inFlight.release());
			this.progress.at((int) ((System.nanoTime() - start) / 1_000_000_000L));
		}
		inFlight.acquire(concurrency);
		double seconds = (System.nanoTime() - start) / 1e9;
		this.progress.end();
		return new LoadResult(name, 0, sent.get(), ok.get(), sent.get() - ok.get(), ok.get() / seconds, latency);
	}

	static void record(Histogram histogram, long micros) {
		synchronized (histogram) {
			histogram.recordValue(Math.max(0, Math.min(micros, histogram.getHighestTrackableValue())));
		}
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

}
