package io.github.eventsuite.user.registration;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.github.eventsuite.eventbus.ratelimit.TokenBuckets;
import reactor.core.publisher.Mono;

/**
 * Limits {@code POST /api/users} per client address ({@link TokenBuckets}); a client over
 * its limit gets {@code 429} problem+json with {@code Retry-After} in seconds, before its
 * body is read. {@code X-Forwarded-For} counts only when the request comes from one of
 * {@code trusted-proxies}: the client is then its right-most address that is not a proxy.
 */
@Component
// Registers its properties itself, so that the filter also works in @WebFluxTest slices.
@EnableConfigurationProperties(RegistrationRateLimitProperties.class)
class RegistrationRateLimit implements WebFilter {

	private static final String PATH = "/api/users";

	private final RegistrationRateLimitProperties limit;

	private final TokenBuckets buckets;

	private final Set<String> trustedProxies;

	private final ServerResponse.Context responseContext;

	RegistrationRateLimit(RegistrationRateLimitProperties limit, Clock clock, ServerCodecConfigurer codecs) {
		this.limit = limit;
		this.buckets = new TokenBuckets(limit.requestsPerSecond(), limit.burst(), limit.maxClients(), clock);
		this.trustedProxies = limit.trustedProxies().stream().map(InetAddress::getHostAddress)
			.collect(Collectors.toUnmodifiableSet());
		this.responseContext = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return codecs.getWriters();
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.limit.enabled() || request.getMethod() != HttpMethod.POST
				|| !PATH.equals(request.getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		Duration wait = this.buckets.take(client(request));
		return wait.isZero() ? chain.filter(exchange) : tooManyRequests(exchange, wait);
	}

	private String client(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String client = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: "unknown";
		List<String> forwarded = forwardedFor(request);
		for (int i = forwarded.size() - 1; i >= 0 && this.trustedProxies.contains(client); i--) {
			client = forwarded.get(i);
		}
		return client;
	}

	private static List<String> forwardedFor(ServerHttpRequest request) {
		return request.getHeaders().getValuesAsList("X-Forwarded-For");
	}

	private Mono<Void> tooManyRequests(ServerWebExchange exchange, Duration wait) {
		long seconds = TokenBuckets.retryAfterSeconds(wait);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many registrations from this client: try again in " + seconds + " s.");
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.responseContext));
	}

}
