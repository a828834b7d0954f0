package io.github.eventsuite.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.testcontainers.utility.DockerImageName;

/**
 * The services' images: built once per test run from their Dockerfiles and the jars Maven
 * just packaged, by {@code docker compose build}, as {@code docker compose up --build}
 * builds them. Testcontainers' own builder is Docker's legacy one, whose cache BuildKit does
 * not read: a compose build after the tests (.ci/run's, a user's) trained the AOT
 * caches again, about a minute on two cores. Now it finds every layer cached.
 */
final class ServiceImages {

	/** The compose project they are built under: the images are {@code event-suite-system-test-<service>}. */
	private static final String PROJECT = "event-suite-system-test";

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

	private static boolean built;

	private ServiceImages() {
	}

	static synchronized DockerImageName of(String service) {
		if (!built) {
			build();
			built = true;
		}
		return DockerImageName.parse(PROJECT + "-" + service);
	}

	private static void build() {
		Path log = Path.of("target", "service-images-build.log").toAbsolutePath();
		// Only docker-compose.yml, whatever COMPOSE_FILE says: the services' images, no more.
		ProcessBuilder compose = new ProcessBuilder("docker", "compose", "--file", "docker-compose.yml", "--project-name",
				PROJECT, "build")
			.directory(Path.of("..").toAbsolutePath().normalize().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		try {
			Files.createDirectories(log.getParent());
			Process build = compose.start();
			if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				build.destroyForcibly();
				throw new IllegalStateException("docker compose build took longer than " + BUILD_TIMEOUT + "; see " + log);
			}
			if (build.exitValue() != 0) {
				throw new IllegalStateException("docker compose build failed (exit " + build.exitValue() + "): "
						+ Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run docker compose build", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while building the services' images", ex);
		}
	}

}
