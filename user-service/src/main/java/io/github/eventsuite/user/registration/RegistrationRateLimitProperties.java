package io.github.eventsuite.user.registration;

import java.net.InetAddress;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many registrations one client may send ({@code user.registration.rate-limit.*}): a
 * token bucket per client address.
 *
 * @param enabled whether {@code POST /api/users} is limited at all
 * @param requestsPerSecond registrations per second a client may sustain
 * @param burst registrations a client may send at once (the bucket's size)
 * @param maxClients buckets kept at most; beyond that the least recently seen client is
 * forgotten (and starts again with a full bucket)
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the
 * client; from any other address the header is ignored, so that clients cannot pick their
 * own bucket
 */
@Validated
@ConfigurationProperties("user.registration.rate-limit")
record RegistrationRateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("10") @Positive double requestsPerSecond, @DefaultValue("20") @Min(1) @Max(100_000) int burst,
		@DefaultValue("10000") @Min(1) int maxClients, @DefaultValue @NotNull List<InetAddress> trustedProxies) {

}
