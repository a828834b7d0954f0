package io.github.eventsuite.user;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class ApiDocumentationIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void describesTheRegistrationApiInOpenApi() {
		this.client.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.info.title").isEqualTo("user-service")
			.jsonPath("$.paths['/api/users'].post.requestBody.content['application/json'].schema").exists()
			.jsonPath("$.paths['/api/users/{id}'].get").exists();
	}

	@Test
	void servesSwaggerUi() {
		this.client.get().uri("/swagger-ui.html").exchange()
			.expectStatus().is3xxRedirection();
		this.client.get().uri("/webjars/swagger-ui/index.html").accept(MediaType.TEXT_HTML).exchange()
			.expectStatus().isOk();
	}

}
