package io.github.eventsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Follows analytics-service's live statistics ({@code /api/stats/stream}, as the dashboard
 * does) and notes when each count of sent emails was first shown ({@code System.nanoTime()}).
 */
final class StatsWatcher implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {nanoTime, emailsSent} in the order they were shown; counts never go down. */
	private final List<long[]> shown = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Thread reading;

	private volatile Stream<String> lines;

	/** Reads on a thread of its own: the load generator's HTTP threads stay its own. */
	StatsWatcher(String streamUrl) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(streamUrl)).header("Accept", "text/event-stream").build();
		this.reading = new Thread(() -> read(request), "stats-watcher");
		this.reading.setDaemon(true);
		this.reading.start();
	}

	private void read(HttpRequest request) {
		try {
			this.lines = this.http.send(request, HttpResponse.BodyHandlers.ofLines()).body();
			this.lines.filter((line) -> line.startsWith("data:"))
				.forEach((line) -> record(JSON.readTree(line.substring(5)).get("emailsSent").asLong()));
		}
		catch (IOException | UncheckedIOException ex) {
			// closed, or the service went away: what was seen stays
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized void record(long emailsSent) {
		this.shown.add(new long[] { System.nanoTime(), emailsSent });
	}

	/** When the statistics first showed at least {@code emailsSent} emails, or null if not yet. */
	synchronized Long firstShowing(long emailsSent) {
		for (long[] value : this.shown) {
			if (value[1] >= emailsSent) {
				return value[0];
			}
		}
		return null;
	}

	/** The latest count shown, or -1 before the first value. */
	synchronized long latest() {
		return this.shown.isEmpty() ? -1 : this.shown.get(this.shown.size() - 1)[1];
	}

	@Override
	public void close() {
		Stream<String> open = this.lines;
		if (open != null) {
			open.close();
		}
		this.reading.interrupt();
	}

}
