package io.github.eventsuite.analytics.deadletters;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The service's security rules for a web slice test ({@code @WebFluxTest} leaves
 * configuration classes out, and Spring Boot's default would lock every endpoint).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ConsoleSecurity.class)
public class WithConsoleSecurity {

}
