package io.github.eventsuite.eventbus.kafka;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusDefaultsTests {

	@Test
	void fillsInWhatNoOtherSourceSetsAndLeavesTheRestToThem() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("a service's application.yml",
					Map.of("eventbus.topics.partitions", "6", "spring.application.name", "some-service")));

		new EventBusDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("eventbus.topics.partitions")).isEqualTo("6");
		assertThat(environment.getProperty("eventbus.topics.replication-factor")).isEqualTo("1");
		assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
		assertThat(environment.getProperty("spring.reactor.netty.shutdown-quiet-period")).isEqualTo("0s");
		assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("some-service");
		assertThat(environment.getProperty("springdoc.api-docs.enabled")).isEqualTo("true");
	}

	@Test
	void producerPropertiesOfAServiceAddToTheDefaultsRatherThanReplaceThem() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("a service's application.yml",
					Map.of("spring.kafka.producer.properties[delivery.timeout.ms]", "15000")));

		new EventBusDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(Binder.get(environment)
			.bind("spring.kafka.producer.properties", Bindable.mapOf(String.class, String.class))
			.get()).containsEntry("delivery.timeout.ms", "15000").containsEntry("linger.ms", "20");
	}

}
