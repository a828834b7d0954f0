package io.github.eventsuite.eventbus.testing;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import org.testcontainers.containers.GenericContainer;

import static org.awaitility.Awaitility.await;

/**
 * A container whose processes are frozen ({@code docker pause}): it hangs, its connections
 * stay open and unanswered, as a server that stopped responding. Closing it resumes them.
 *
 * <p>A pause is tried again until it takes: on a busy machine runc can fail to freeze every
 * process in time ("OCI runtime pause failed: unable to freeze") and thaws them again. Its
 * maintainers leave the retry to the caller (opencontainers/runc#4388); seen in CI here.
 * Docker reports it as a 500, a subclass of {@code DockerException}: Awaitility's
 * {@code ignoreException} ignores its exact class only, so the retry never happened
 * (OutboxIntegrationTests failed on the first "unable to freeze").
 */
public final class Paused implements AutoCloseable {

	private final DockerClient docker;

	private final String containerId;

	private Paused(DockerClient docker, String containerId) {
		this.docker = docker;
		this.containerId = containerId;
	}

	public static Paused pause(GenericContainer<?> container) {
		Paused paused = new Paused(container.getDockerClient(), container.getContainerId());
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
				.ignoreExceptionsInstanceOf(DockerException.class)
				.until(paused::pausedNow);
		}
		catch (RuntimeException ex) {
			// A pause that took after all must not leave the container frozen for the next tests.
			if (paused.isPaused()) {
				paused.close();
			}
			throw ex;
		}
		return paused;
	}

	private boolean pausedNow() {
		if (!isPaused()) {
			this.docker.pauseContainerCmd(this.containerId).exec();
		}
		return isPaused();
	}

	private boolean isPaused() {
		return Boolean.TRUE.equals(this.docker.inspectContainerCmd(this.containerId).exec().getState().getPaused());
	}

	/** Resumes the container. */
	@Override
	public void close() {
		this.docker.unpauseContainerCmd(this.containerId).exec();
	}

}
