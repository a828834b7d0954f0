package io.github.eventsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Registrations at a fixed pace, whatever the answers: a request whose service is down
 * counts as not accepted. Each is bounded by a timeout, so the load always ends.
 */
final class RegistrationLoad {

	/** What one registration got: its HTTP status, or -1 when no answer came. */
	record Outcome(String email, int status) {

		boolean accepted() {
			return this.status == 202;
		}

	}

	private RegistrationLoad() {
	}

	static CompletableFuture<List<Outcome>> start(Supplier<String> userServiceUrl, String prefix, int count,
			Duration every) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String email = prefix + "-" + i + "@example.com";
			CompletableFuture<Outcome> outcome = new CompletableFuture<>();
			outcomes.add(outcome);
			pacer.schedule(() -> register(http, userServiceUrl, email).whenComplete((result, ex) -> outcome.complete(result)),
					every.toMillis() * i, TimeUnit.MILLISECONDS);
		}
		return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
			.thenApply((done) -> outcomes.stream().map(CompletableFuture::join).toList())
			.whenComplete((result, ex) -> pacer.shutdown());
	}

	private static CompletableFuture<Outcome> register(HttpClient http, Supplier<String> userServiceUrl, String email) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(userServiceUrl.get() + "/api/users"))
				.timeout(Duration.ofSeconds(90))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Load Test\",\"email\":\"" + email + "\"}"))
				.build();
			return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
				.thenApply((response) -> new Outcome(email, response.statusCode()))
				.exceptionally((ex) -> new Outcome(email, -1));
		}
		catch (RuntimeException ex) {
			// The service is being restarted: no port to talk to.
			return CompletableFuture.completedFuture(new Outcome(email, -1));
		}
	}

}
