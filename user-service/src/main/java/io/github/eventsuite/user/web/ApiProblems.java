package io.github.eventsuite.user.web;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.DisconnectedClientHelper;

import io.github.eventsuite.eventbus.PersonalData;
import io.github.eventsuite.eventbus.batch.BatcherFullException;
import io.github.eventsuite.eventbus.kafka.Outages;
import reactor.core.publisher.Mono;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error leaves the API as RFC 9457 {@code application/problem+json}; input errors
 * name each offending field in {@code errors}.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private static final DisconnectedClientHelper disconnectedClients = new DisconnectedClientHelper(
			ApiProblems.class.getName());

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<FieldProblem> errors = ex.getFieldErrors().stream()
			.map((error) -> new FieldProblem(error.getField(),
					Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid")))
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request body is invalid.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getReason());
		problem.setTitle("Invalid request");
		Throwable cause = jsonCause(ex);
		if (cause instanceof UnrecognizedPropertyException unknown) {
			problem.setDetail("The request body is invalid.");
			problem.setProperty("errors", List.of(new FieldProblem(unknown.getPropertyName(), "unknown field")));
		}
		else if (cause instanceof DatabindException wrongType) {
			problem.setDetail("The request body is invalid.");
			problem.setProperty("errors", List.of(new FieldProblem(path(wrongType), "wrong type or format")));
		}
		else if (cause instanceof StreamReadException) {
			problem.setDetail("The request body is not well-formed JSON.");
		}
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	/**
	 * Anything unexpected: a 500 that reveals nothing internal, logged with its stack trace.
	 * Except an outage (the database away, a timeout: {@link Outages}): a 503 the client may
	 * retry, logged in one line; one stack trace per request would flood the log. And except
	 * a client that hung up (its own timeout, under overload): nobody is left to answer, and
	 * it is no error of the service's (a line at DEBUG). And except overload: a 503 too, sent
	 * before any work was done and not logged, since under overload that would be thousands
	 * of lines a second (http.server.requests counts them, by status).
	 */
	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		if (disconnectedClients.checkAndLogClientDisconnectedException(ex)) {
			return Mono.empty();
		}
		if (ex instanceof BatcherFullException) {
			return unavailable(ex, "Service busy", "Too many requests are waiting already. Please try again shortly.",
					exchange);
		}
		if (Outages.isOutage(ex)) {
			return handleOutage(ex, exchange);
		}
		log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "An unexpected error occurred.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), status, exchange);
	}

	private Mono<ResponseEntity<Object>> handleOutage(Exception ex, ServerWebExchange exchange) {
		log.warn("{} {} answered 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
				PersonalData.maskEmailsIn(String.valueOf(ex)));
		return unavailable(ex, "Service unavailable",
				"The service cannot reach what it needs right now. Please try again shortly.", exchange);
	}

	private Mono<ResponseEntity<Object>> unavailable(Exception ex, String title, String detail,
			ServerWebExchange exchange) {
		HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	private static @Nullable Throwable jsonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamReadException || cause instanceof DatabindException) {
				return cause;
			}
		}
		return null;
	}

	private static String path(DatabindException ex) {
		return ex.getPath().stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.reduce((parent, child) -> parent + "." + child)
			.orElse("(body)");
	}

	record FieldProblem(String field, String message) {

	}

}
