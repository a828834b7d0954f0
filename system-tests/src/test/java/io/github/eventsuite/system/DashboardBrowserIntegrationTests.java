package io.github.eventsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live dashboards in a real (headless) browser, fed by the whole suite: analytics-service's
 * of the registration chain, sensor-service's of the sensor pipeline.
 */
class DashboardBrowserIntegrationTests {

	private static final SuiteContainers suite = new SuiteContainers().withSensorService();

	private static final SuiteProbe probe = new SuiteProbe(suite);

	private static ChromeDriver browser;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		suite.start();
		browser = HeadlessChromium.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		suite.close();
	}

	@Test
	void showsRegistrationsUsersEmailsAndLatencyAsTheyHappen() throws Exception {
		open(suite.url(suite.analyticsService, SuiteContainers.ANALYTICS_SERVICE_PORT) + "/");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(text("connection")).isEqualTo("live");
			assertThat(text("registrations")).isEqualTo("0");
		});

		for (int i = 0; i < 3; i++) {
			assertThat(register("Reader " + i, "reader-" + UUID.randomUUID() + "@example.com")).isEqualTo(202);
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(text("registrations")).isEqualTo("3");
			assertThat(text("users-created")).isEqualTo("3");
			assertThat(text("emails-sent")).isEqualTo("3");
			assertThat(text("emails-pending")).isEqualTo("0");
			assertThat(text("samples")).isEqualTo("3");
			assertThat(text("p99")).matches("\\d+ ms|\\d+\\.\\d\\d s");
			assertThat(text("funnel")).contains("emailed: 3 100%");
		});
		assertThat(browser.findElements(By.cssSelector("#per-minute rect"))).isNotEmpty();
		assertThat(probe.stats()).isEqualTo(new SuiteProbe.Stats(3, 3));
	}

	@Test
	void showsClosedSensorWindowsAndAlerts() throws Exception {
		String sensors = suite.url(suite.sensorService, SuiteContainers.SENSOR_SERVICE_PORT);
		open(sensors + "/");
		// All three in one 5 s window: dated from now, they fell into two windows when now was
		// within 200 ms of a boundary (a CI run on 2026-12-03 saw "2 31.3 40.5").
		Instant inAWindow = Instant.ofEpochSecond((Instant.now().getEpochSecond() - 10) / 5 * 5).plusSeconds(1);
		String readings = "/api/sensors/readings";
		assertThat(postAs("sensor-1", sensors + readings,
				"[" + reading("sensor-1", inAWindow, 20) + "," + reading("sensor-1", inAWindow.plusMillis(200), 40.5) + "]"))
			.isEqualTo(202);
		assertThat(postAs("sensor-2", sensors + readings, reading("sensor-2", inAWindow.plusMillis(100), 22)))
			.isEqualTo(202);

		// The region's window closes when nothing more comes for it (idle timeout, 10 s).
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(text("connection")).isEqualTo("live");
			assertThat(text("regions")).contains("north").contains("3").contains("27.5").contains("40.5");
			assertThat(text("alerts")).contains("sensor-1").contains("north").contains("40.5");
		});
	}

	private static String reading(String device, Instant at, double temperature) {
		return "{\"deviceId\":\"" + device + "\",\"timestamp\":\"" + at + "\",\"temperature\":" + temperature
				+ ",\"humidity\":40}";
	}

	/**
	 * Loads the dashboard until the browser shows it. In a CI run both tests once got a page
	 * without the dashboard's static elements right after the suite reported ready (an
	 * error page loads as successfully as any other), and failed at their first lookup.
	 */
	private static void open(String url) {
		// Once more in a CI run (2026-12-02) neither test saw the dashboard within the minute,
		// and both passed when run again: the failure now says what the browser showed instead.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				browser.get(url);
				assertThat(browser.findElements(By.id("connection")))
					.as("the dashboard at %s; the browser shows %s, titled '%s': %s; a plain GET with Accept text/html: %s",
							url, browser.getCurrentUrl(), browser.getTitle(), shown(), plainGet(url))
					.isNotEmpty();
			});
	}

	private static String plainGet(String url) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
						HttpResponse.BodyHandlers.ofString());
			return response.statusCode() + " " + response.body().substring(0, Math.min(response.body().length(), 100));
		}
		catch (Exception ex) {
			return ex.toString();
		}
	}

	private static String shown() {
		String source = String.valueOf(browser.getPageSource()).replaceAll("\\s+", " ");
		return source.substring(0, Math.min(source.length(), 300));
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private int register(String name, String email) throws Exception {
		return post(probe.userServiceUrl() + "/api/users", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
	}

	/** As the device, with its key (SuiteContainers.deviceKey). */
	private int postAs(String device, String url, String json) throws Exception {
		String credentials = device + ":" + SuiteContainers.deviceKey(device);
		return post(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))), json);
	}

	private int post(String url, String json) throws Exception {
		return post(HttpRequest.newBuilder(URI.create(url)), json);
	}

	private int post(HttpRequest.Builder request, String json) throws Exception {
		return this.http.send(request.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
