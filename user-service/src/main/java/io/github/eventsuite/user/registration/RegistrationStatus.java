package io.github.eventsuite.user.registration;

enum RegistrationStatus {

	/** Accepted over the API, published to {@code user.register}, user not created yet. */
	PENDING,

	/** The user exists. */
	CREATED,

	/** The consumer refused it; the registration's reason says why. */
	REJECTED

}
