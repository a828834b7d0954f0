package io.github.eventsuite.eventbus.aot;

import java.util.function.IntConsumer;

import org.flywaydb.core.Flyway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;

/**
 * The training run of an image's AOT cache (JEP 483, 514, 515), at image build time: the
 * service starts as it does in a container, its web servers and listeners included, with no
 * broker, database or SMTP server to reach, and ends once it is started. Flyway does not
 * migrate in it, and the feeds of assigned partitions ({@code AssignedFeed}) do not ask Kafka
 * for them. Spring's own recipe ends the run when the context is refreshed
 * ({@code spring.context.exit=onRefresh}), before anything starts; trained that way, the cache
 * missed about 4,500 of the 18,200 classes user-service loads on its way to ready, 2,800 now
 * (docs/benchmarks.md, 2026-12-08 night).
 * <p>
 * Asked for with the system property {@value #PROPERTY}, which the Dockerfiles set. Checked
 * when the run happens, not as a condition: Spring AOT would fix a condition when the jar is
 * built.
 */
@AutoConfiguration
public class TrainingRun {

	/** The system property that makes a start the training run. */
	public static final String PROPERTY = "eventbus.aot.training-run";

	/** Whether this start is the training run. */
	public static boolean isActive() {
		return SpringProperties.getFlag(PROPERTY);
	}

	/**
	 * Ends the training run once the service is started: its context is closed and the JVM
	 * exits, writing the cache as it does. Exited, not left to end with its last thread: a
	 * thread that outlived the close would hold the image build.
	 */
	@Bean
	static ApplicationListener<ApplicationReadyEvent> trainingRunEndsWhenStarted() {
		return endsWhenStarted(System::exit);
	}

	static ApplicationListener<ApplicationReadyEvent> endsWhenStarted(IntConsumer exit) {
		return (ready) -> {
			if (isActive()) {
				exit.accept(SpringApplication.exit(ready.getApplicationContext()));
			}
		};
	}

	/** Flyway migrates at start, except in the training run, which has no database to migrate. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Flyway.class, FlywayMigrationStrategy.class })
	static class NoMigrationInTrainingRun {

		@Bean
		@ConditionalOnMissingBean
		FlywayMigrationStrategy migrateUnlessTrainingRun() {
			return NoMigrationInTrainingRun::migrateUnlessTrainingRun;
		}

		static void migrateUnlessTrainingRun(Flyway flyway) {
			if (!isActive()) {
				flyway.migrate();
			}
		}

	}

}
