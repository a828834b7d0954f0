package io.github.eventsuite.notification;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		useMailStreamProviderDirectly();
		SpringApplication.run(NotificationServiceApplication.class, args);
	}

	/**
	 * Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the class path
	 * several times per message written (jakartaee/mail-api#861): in a Boot jar that was 11
	 * to 19% of this service's CPU samples under load (flight recordings of the benchmark).
	 * Naming the implementation makes the lookup a plain class load.
	 */
	static void useMailStreamProviderDirectly() {
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

}
