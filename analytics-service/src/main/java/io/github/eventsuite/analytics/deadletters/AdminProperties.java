package io.github.eventsuite.analytics.deadletters;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin of the dead-letter console ({@code analytics.admin.*}), checked at start-up.
 * There is no password in the jar: without a hash the console is locked for everyone.
 *
 * @param username the admin's user name
 * @param passwordHash the BCrypt hash of the admin's password ({@code $2a$}, {@code $2b$} or
 * {@code $2y$}, e.g. from {@code htpasswd -nbBC 10 admin PASSWORD}), or none
 */
@ConfigurationProperties("analytics.admin")
record AdminProperties(@DefaultValue("admin") String username, @Nullable String passwordHash) {

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

	AdminProperties {
		if (username.isBlank()) {
			throw new IllegalArgumentException("analytics.admin.username must not be blank");
		}
		if (passwordHash != null && !passwordHash.isEmpty() && !BCRYPT.matcher(passwordHash).matches()) {
			throw new IllegalArgumentException("analytics.admin.password-hash must be a BCrypt hash ($2a$10$... with"
					+ " 53 characters of salt and hash), not a password");
		}
	}

	boolean locked() {
		return this.passwordHash == null || this.passwordHash.isEmpty();
	}

}
