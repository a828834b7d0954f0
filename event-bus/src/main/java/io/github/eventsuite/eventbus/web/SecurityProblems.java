package io.github.eventsuite.eventbus.web;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

/**
 * Problem details (RFC 9457) for what Spring Security turns away before any controller is
 * reached, as the rest of the API answers its errors.
 */
public final class SecurityProblems {

	private SecurityProblems() {
	}

	/** {@code 401} with a Basic challenge for {@code realm}. */
	public static Mono<Void> unauthorized(ServerWebExchange exchange, String realm, String detail) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
		return write(exchange, HttpStatus.UNAUTHORIZED, detail);
	}

	/** The detail is one of the callers' own constant sentences: nothing to escape. */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
