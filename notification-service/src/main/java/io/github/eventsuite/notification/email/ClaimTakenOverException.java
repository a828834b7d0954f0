package io.github.eventsuite.notification.email;

/**
 * A claim was taken over while its owner was sending (the send or its record outlasted
 * {@code claim-timeout}): the new owner decides, and the delivery is retried to learn how.
 */
class ClaimTakenOverException extends RuntimeException {

	ClaimTakenOverException(EmailClaim claim) {
		super("The claim on email " + claim.email().messageId() + " was taken over while it was being sent");
	}

}
