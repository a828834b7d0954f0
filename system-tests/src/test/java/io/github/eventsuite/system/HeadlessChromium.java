package io.github.eventsuite.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, driven through its own chromedriver: nothing is downloaded. Other
 * locations can be given with CHROMIUM and CHROMEDRIVER.
 */
final class HeadlessChromium {

	private HeadlessChromium() {
	}

	static ChromeDriver start() {
		File browser = installed("CHROMIUM", "/usr/bin/chromium");
		File driver = installed("CHROMEDRIVER", "/usr/bin/chromedriver");
		ChromeOptions options = new ChromeOptions().setBinary(browser)
			// Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile());
		ChromeDriver chromium = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(),
				options);
		chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return chromium;
	}

	private static File installed(String variable, String debianPath) {
		File file = new File(System.getenv().getOrDefault(variable, debianPath));
		if (!file.canExecute()) {
			throw new IllegalStateException(file + " not found: the browser test needs Chromium and its driver "
					+ "(Debian/Ubuntu: apt-get install chromium chromium-driver), or set " + variable);
		}
		return file;
	}

	private static String profile() {
		try {
			return Files.createTempDirectory("chromium-profile").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
