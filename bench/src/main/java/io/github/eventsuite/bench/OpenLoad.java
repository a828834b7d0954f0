package io.github.eventsuite.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * HTTP load in two models. Open: request {@code i} is due at {@code start + i / rate},
 * whatever happened to the ones before it, and its latency counts from when it was due:
 * a stall shows in every request it delayed (no coordinated omission). Closed: a fixed
 * number of requests in flight, for the most the server can take.
 */
final class OpenLoad {

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

	private final int maxInFlight;

	/** Called with each response and the {@code System.nanoTime()} at which its request was due. */
	interface ResponseListener {

		void on(HttpResponse<String> response, long dueNanos);

	}

	private final HttpClient http;

	private final Progress progress;

	OpenLoad(HttpClient http, Progress progress) {
		this(http, progress, MAX_IN_FLIGHT);
	}

	OpenLoad(HttpClient http, Progress progress, int maxInFlight) {
		this.http = http;
		this.progress = progress;
		this.maxInFlight = maxInFlight;
	}

	LoadResult fixedRate(String name, int rate, Duration duration, IntFunction<HttpRequest> requests, int expectedStatus,
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
			this.http.sendAsync(requests.apply(i), HttpResponse.BodyHandlers.ofString()).whenComplete((response, ex) -> {
				inFlight.release();
				long now = System.nanoTime();
				if (ex == null && response.statusCode() == expectedStatus) {
					record(latency, (now - due) / 1000);
					ok.incrementAndGet();
					listener.on(response, due);
				}
				else {
					failures.computeIfAbsent(cause(response, ex), (cause) -> new LongAdder()).increment();
				}
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

	/** Why a request failed: the status it got, or the exception that ended it. */
	private static String cause(HttpResponse<?> response, Throwable ex) {
		if (ex == null) {
			return String.valueOf(response.statusCode());
		}
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName();
	}

	LoadResult saturation(String name, int concurrency, Duration duration, IntFunction<HttpRequest> requests,
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
			this.http.sendAsync(requests.apply(i++), HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
				if (ex == null && response.statusCode() == expectedStatus) {
					record(latency, (System.nanoTime() - sentAt) / 1000);
					ok.incrementAndGet();
				}
				inFlight.release();
			});
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

}
