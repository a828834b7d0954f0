package io.github.eventsuite.eventbus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One scrape of a service's {@code /actuator/prometheus} (text format): the value of a
 * sample by metric name and labels.
 */
public record PrometheusScrape(String text) {

	/** Scrapes the service whose Actuator listens on {@code managementPort} of this machine. */
	public static PrometheusScrape of(int managementPort) {
		HttpRequest request = HttpRequest.newBuilder(
				URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Prometheus scrape answered " + response.statusCode());
			}
			return new PrometheusScrape(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The value of the first sample of {@code name} that carries every one of
	 * {@code labels} (each written as in the scrape: {@code topic="user.register"}).
	 */
	public OptionalDouble value(String name, String... labels) {
		return samples(name).stream()
			.filter((line) -> Arrays.stream(labels).allMatch((label) -> labelsOf(line).contains(label)))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst();
	}

	/** The sample lines of {@code name}, without comments or other metrics whose names start alike. */
	public List<String> samples(String name) {
		return this.text.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.toList();
	}

	private static String labelsOf(String line) {
		int open = line.indexOf('{');
		return (open < 0) ? "" : line.substring(open, line.lastIndexOf('}') + 1);
	}

}
