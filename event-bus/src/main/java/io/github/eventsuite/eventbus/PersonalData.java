package io.github.eventsuite.eventbus;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Names and email addresses are personal data: what may reach a log is masked here, keeping
 * just enough to tell cases apart ({@code a***@example.com}, {@code A***}).
 */
public final class PersonalData {

	private static final String MASK = "***";

	/** Something shaped like an email address anywhere in a text: a first character kept, the domain kept. */
	/** Letters of any script: {@code andré@example.com} is an address too. */
	private static final Pattern EMAIL = Pattern.compile(
			"([\\p{Alnum}_%+-])[\\p{Alnum}._%+-]*@([\\p{Alnum}-]+(?:\\.[\\p{Alnum}-]+)*)", Pattern.UNICODE_CHARACTER_CLASS);

	private PersonalData() {
	}

	/** {@code ada@example.com} becomes {@code a***@example.com}; anything without a local part becomes {@code ***}. */
	public static @Nullable String maskEmail(@Nullable String email) {
		if (email == null) {
			return null;
		}
		int at = email.lastIndexOf('@');
		return (at < 1) ? MASK : email.charAt(0) + MASK + email.substring(at);
	}

	/** {@code Ada Lovelace} becomes {@code A***}: the first character, never the length. */
	public static @Nullable String maskName(@Nullable String name) {
		return (name == null || name.isEmpty()) ? name : name.charAt(0) + MASK;
	}

	/** The text with every email address in it masked, e.g. an exception's message about a rejected recipient. */
	public static String maskEmailsIn(String text) {
		return EMAIL.matcher(text).replaceAll("$1" + MASK + "@$2");
	}

}
