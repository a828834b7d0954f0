package io.github.eventsuite.eventbus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings a service's jar carries: its {@code application.yml} and event-bus's
 * defaults, as they resolve with nothing set in the environment.
 */
public final class PackagedSettings {

	private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|credential|token).*");

	private static final String[] FILES = { "application.yml", "eventbus-defaults.yml" };

	private PackagedSettings() {
	}

	/**
	 * Every setting named like a secret that has a value of its own in the jar, with that
	 * value: there should be none. A password comes from the environment (compose and the
	 * local suite set development ones), so a service that is not given one cannot log in
	 * with a password everyone can read in the jar.
	 */
	public static Map<String, String> secretsWithAValue() {
		Map<String, String> found = new TreeMap<>();
		// Resolved against nothing: a default (${DB_PASSWORD:suite}) comes out, a bare ${DB_PASSWORD} stays.
		PropertySourcesPropertyResolver nothingSet = new PropertySourcesPropertyResolver(new MutablePropertySources());
		for (String file : FILES) {
			for (PropertySource<?> source : load(file)) {
				if (source instanceof EnumerablePropertySource<?> settings) {
					for (String name : settings.getPropertyNames()) {
						String value = nothingSet.resolvePlaceholders(String.valueOf(settings.getProperty(name)));
						if (SECRET.matcher(name).matches() && !value.isEmpty() && !value.startsWith("${")) {
							found.put(name, value);
						}
					}
				}
			}
		}
		return found;
	}

	private static Iterable<PropertySource<?>> load(String file) {
		try {
			return new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
