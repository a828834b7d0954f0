package io.github.eventsuite.user.registration;

import java.net.ConnectException;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.eventbus.batch.BatcherFullException;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@WebFluxTest(RegistrationController.class)
class RegistrationControllerTests {

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private Registrations registrations;

	@Test
	void acceptsAValidRegistrationWithLocationAndNormalisedInput() {
		UUID id = UUID.randomUUID();
		var expected = new RegistrationRequest("Ada Lovelace", "ada@example.com");
		given(this.registrations.accept(eq(expected), anyString())).willReturn(Mono.just(
				new Registration(id, "Ada Lovelace", "ada@example.com", RegistrationStatus.PENDING, null, Instant.now(), null)));

		this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"  Ada Lovelace \",\"email\":\" Ada@Example.COM\"}")
			.exchange()
			.expectStatus().isAccepted()
			.expectHeader().location("/api/users/" + id)
			.expectHeader().exists(RegistrationController.CORRELATION_ID)
			.expectBody()
			.jsonPath("$.id").isEqualTo(id.toString())
			.jsonPath("$.status").isEqualTo("pending");
	}

	@Test
	void listsEveryFieldErrorAsProblemDetails() {
		post("{\"name\":\"   \",\"email\":\"not-an-email\"}")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.errors.length()").isEqualTo(2)
			.jsonPath("$.errors[0].field").isEqualTo("email")
			.jsonPath("$.errors[1].field").isEqualTo("name");
		then(this.registrations).should(never()).accept(any(), anyString());
	}

	@Test
	void rejectsNamesLongerThan100Characters() {
		post("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"a@example.com\"}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field").isEqualTo("name")
			.jsonPath("$.errors[0].message").isEqualTo("size must be between 0 and 100");
	}

	@Test
	void rejectsMissingFields() {
		post("{}").expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()").isEqualTo(2);
	}

	@Test
	void rejectsUnknownFields() {
		post("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"admin\":true}")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field").isEqualTo("admin")
			.jsonPath("$.errors[0].message").isEqualTo("unknown field");
	}

	@Test
	void rejectsWronglyTypedFields() {
		post("{\"name\":{\"first\":\"Ada\"},\"email\":\"ada@example.com\"}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field").isEqualTo("name");
	}

	@Test
	void rejectsMalformedJson() {
		post("{\"name\":").expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("The request body is not well-formed JSON.");
	}

	@Test
	void rejectsBodiesOver16KiB() {
		post("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}")
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsOtherMediaTypes() {
		this.client.post().uri("/api/users").contentType(MediaType.TEXT_PLAIN).bodyValue("Ada")
			.exchange()
			.expectStatus().isEqualTo(415)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsMalformedCorrelationIds() {
		this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
			.header(RegistrationController.CORRELATION_ID, "bad id\t")
			.bodyValue("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
			.exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void answers409ForAKnownEmail() {
		given(this.registrations.accept(any(), anyString()))
			.willReturn(Mono.error(new EmailAlreadyRegisteredException()));

		post("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
			.expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("Email already registered");
	}

	@Test
	void showsPendingRejectedAndCreatedRegistrations() {
		UUID id = UUID.randomUUID();
		given(this.registrations.find(id)).willReturn(Mono.just(
				new Registration(id, "Ada", "ada@example.com", RegistrationStatus.REJECTED, "email already registered",
						Instant.now(), null)));

		this.client.get().uri("/api/users/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("rejected")
			.jsonPath("$.reason").isEqualTo("email already registered")
			.jsonPath("$.email").doesNotExist();
	}

	@Test
	void answers404ForUnknownIdsAnd400ForMalformedOnes() {
		UUID id = UUID.randomUUID();
		given(this.registrations.find(id)).willReturn(Mono.empty());

		this.client.get().uri("/api/users/{id}", id).exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get().uri("/api/users/not-a-uuid").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answers503WithRetryAfterWhenTheDatabaseIsAway() {
		UUID id = UUID.randomUUID();
		given(this.registrations.find(id)).willReturn(Mono.error(new DataAccessResourceFailureException(
				"Failed to obtain R2DBC Connection", new ConnectException("Connection refused"))));

		this.client.get().uri("/api/users/{id}", id).exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("Service unavailable");
	}

	/** Overload: turned away before any work was done, and no log line per request. */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void answers503WithRetryAfterAndLogsNothingWhenTooManyRegistrationsAreWaiting(CapturedOutput output) {
		given(this.registrations.accept(any(), anyString())).willReturn(Mono.error(new BatcherFullException(1000)));

		post("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("Service busy")
			.jsonPath("$.detail").isEqualTo("Too many requests are waiting already. Please try again shortly.");
		assertThat(output).doesNotContain("BatcherFullException").doesNotContain("answered 503");
	}

	@Test
	void answers500RevealingNothingForAnythingUnexpected() {
		UUID id = UUID.randomUUID();
		given(this.registrations.find(id)).willReturn(Mono.error(new IllegalStateException("secret internals")));

		this.client.get().uri("/api/users/{id}", id).exchange()
			.expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("An unexpected error occurred.");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void answersNothingAndLogsNoErrorWhenTheClientHungUp(CapturedOutput output) {
		UUID id = UUID.randomUUID();
		given(this.registrations.find(id))
			.willReturn(Mono.error(new AbortedException("Connection has been closed BEFORE send operation")));

		this.client.get().uri("/api/users/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().isEmpty();
		assertThat(output).doesNotContain("Unexpected error").doesNotContain("AbortedException");
	}

	private WebTestClient.ResponseSpec post(String body) {
		return this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

}
