package io.github.eventsuite.user.registration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: the email has a pending or completed registration already. */
class EmailAlreadyRegisteredException extends ErrorResponseException {

	EmailAlreadyRegisteredException() {
		super(HttpStatus.CONFLICT, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"This email address is already registered.");
		problem.setTitle("Email already registered");
		return problem;
	}

}
