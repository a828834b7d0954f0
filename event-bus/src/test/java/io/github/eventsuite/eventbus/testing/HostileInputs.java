package io.github.eventsuite.eventbus.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Bodies and headers an API must refuse with a 4xx: malformed, truncated, oversized, wrongly
 * typed, deeply nested and hostile JSON, wrong media types, and hostile header values. Seeded,
 * so a failure can be reproduced. Every body is built so that it is invalid whatever the
 * endpoint's rules: it is malformed, or it breaks a rule in {@code alwaysInvalid}.
 */
public final class HostileInputs {

	/** One request: a media type (null: none), the raw body, and extra headers. */
	public record Hostile(String description, String contentType, byte[] body, Map<String, String> headers) {

		@Override
		public String toString() {
			return this.description;
		}

	}

	private static final List<String> HOSTILE_STRINGS = List.of("", " ", "\u0000", "\u001b[31m", "\u202e", "\ud83d\ude00",
			"'; drop table users; --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd",
			"%00", "\r\nX-Injected: 1", "{{7*7}}", "\\u0000", "null", "true", "-1", "1e309", "NaN", "a".repeat(5_000),
			"\ufeff", "\udc00");

	private static final List<String> HOSTILE_VALUES = List.of("null", "true", "false", "0", "-1", "1e309",
			"123456789012345678901234567890", "-0.0", "[]", "{}", "[null]", "{\"$ne\":null}", "[\"a\",\"b\"]",
			"{\"nested\":{\"deeper\":[1,2,3]}}");

	private static final String STRUCTURE = "{}[]\":,\\\u0000";

	private HostileInputs() {
	}

	/**
	 * About {@code count} hostile requests for an endpoint whose valid body is {@code valid}
	 * (a JSON object), where {@code alwaysInvalid} turns any string into a body the endpoint
	 * must reject (for instance, by pairing it with an invalid field).
	 */
	public static List<Hostile> against(String valid, Function<String, String> alwaysInvalid, int count, long seed) {
		Random random = new Random(seed);
		List<Hostile> inputs = new ArrayList<>();
		for (String value : HOSTILE_STRINGS) {
			inputs.add(json("hostile string " + printable(value), alwaysInvalid.apply(quote(value))));
		}
		for (String value : HOSTILE_VALUES) {
			inputs.add(json("hostile value " + value, alwaysInvalid.apply(value)));
		}
		for (int cut = 1; cut < valid.length(); cut++) {
			inputs.add(json("truncated at " + cut, valid.substring(0, cut)));
		}
		inputs.add(json("nested 2,000 deep", "[".repeat(2_000) + "]".repeat(2_000)));
		inputs.add(json("objects nested 1,500 deep", "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500)));
		inputs.add(json("empty body", ""));
		inputs.add(json("a JSON array", "[" + alwaysInvalid.apply("1") + "]"));
		inputs.add(json("a JSON string", "\"" + valid.replace("\"", "\\\"") + "\""));
		inputs.add(json("trailing garbage", valid + "}}}"));
		inputs.add(json("two documents", valid + valid));
		inputs.add(json("comments", "/* x */" + valid));
		inputs.add(json("single quotes", valid.replace('"', '\'')));
		inputs.add(json("oversized 17 KiB", alwaysInvalid.apply(quote("x".repeat(17 * 1024)))));
		inputs.add(json("oversized 2 MiB", "[" + "1,".repeat(1024 * 1024) + "1]"));
		inputs.add(new Hostile("invalid UTF-8", "application/json", new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }, Map.of()));
		inputs.add(new Hostile("UTF-16 body", "application/json", alwaysInvalid.apply("1").getBytes(StandardCharsets.UTF_16), Map.of()));
		for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/json-patch+json", "*/*")) {
			inputs.add(new Hostile("media type " + type, type, bytes(valid), Map.of()));
		}
		inputs.add(new Hostile("no media type", null, bytes(valid), Map.of()));
		inputs.add(new Hostile("huge header", "application/json", bytes(alwaysInvalid.apply("1")),
				Map.of("X-Filler", "x".repeat(20_000))));
		for (String header : List.of("", "a b", "a".repeat(101), "<script>", "'; drop table x; --", "\u00e9t\u00e9")) {
			inputs.add(new Hostile("correlation id " + printable(header), "application/json",
					bytes(alwaysInvalid.apply("1")), Map.of("X-Correlation-Id", header)));
		}
		String invalid = alwaysInvalid.apply("\"x\"");
		while (inputs.size() < count) {
			inputs.add(random.nextBoolean() ? json("random text", randomText(random))
					: json("mutated", mutate(invalid, random)));
		}
		return inputs;
	}

	/** Drops, inserts or replaces a few characters of an invalid body. */
	private static String mutate(String body, Random random) {
		StringBuilder text = new StringBuilder(body);
		int edits = 1 + random.nextInt(4);
		for (int i = 0; i < edits && text.length() > 1; i++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(3)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, STRUCTURE.charAt(random.nextInt(STRUCTURE.length())));
				default -> text.setCharAt(at, (char) random.nextInt(0x80));
			}
		}
		return text.toString();
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(200);
		for (int i = 0; i < length; i++) {
			text.append((char) random.nextInt(0x250));
		}
		return text.toString();
	}

	private static Hostile json(String description, String body) {
		return new Hostile(description, "application/json", bytes(body), Map.of());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		value.chars().forEach((c) -> quoted.append((c < 0x20 || c == '"' || c == '\\')
				? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return quoted.append('"').toString();
	}

	private static String printable(String value) {
		String shown = value.length() > 20 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
		return shown.chars().allMatch((c) -> c >= 0x20 && c < 0x7f) ? "'" + shown + "'"
				: "'" + shown.codePoints().mapToObj((c) -> (c >= 0x20 && c < 0x7f) ? String.valueOf((char) c)
						: String.format("\\u%04x", c)).reduce("", String::concat) + "'";
	}

}
