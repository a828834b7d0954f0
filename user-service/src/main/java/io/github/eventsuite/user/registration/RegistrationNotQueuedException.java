package io.github.eventsuite.user.registration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 503: Kafka did not acknowledge the registration. Nothing was kept; the client may retry. */
class RegistrationNotQueuedException extends ErrorResponseException {

	RegistrationNotQueuedException(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
		getHeaders().set("Retry-After", "5");
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The registration could not be queued and was not kept. Please try again.");
		problem.setTitle("Registration not queued");
		return problem;
	}

}
