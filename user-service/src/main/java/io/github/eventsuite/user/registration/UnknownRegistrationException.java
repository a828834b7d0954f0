package io.github.eventsuite.user.registration;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: no registration has this id. */
class UnknownRegistrationException extends ErrorResponseException {

	UnknownRegistrationException(UUID id) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user has the id " + id + "."), null);
	}

}
