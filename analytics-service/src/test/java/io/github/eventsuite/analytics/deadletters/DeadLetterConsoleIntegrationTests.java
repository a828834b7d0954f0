package io.github.eventsuite.analytics.deadletters;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.eventsuite.analytics.TestcontainersConfiguration;
import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.eventbus.email.EmailSent;
import io.github.eventsuite.eventbus.kafka.DeadLetter;
import io.github.eventsuite.eventbus.kafka.DeadLetters;
import io.github.eventsuite.eventbus.kafka.EventSerializer;
import io.github.eventsuite.eventbus.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestcontainersConfiguration.class)
class DeadLetterConsoleIntegrationTests {

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private DeadLetterMetrics metrics;

	@Autowired
	private MeterRegistry meters;

	private KafkaTopics topics;

	/** Signed in as the console's admin, with a CSRF token. */
	private WebTestClient admin;

	@BeforeEach
	void connect() {
		this.topics = new KafkaTopics(String.join(",", this.kafka.getBootstrapServers()));
		this.admin = ConsoleAdmin.of(this.client);
	}

	@Test
	void opensTheConsoleToTheAdminOnlyAndTheStatisticsToAnyone() {
		for (String path : List.of("/api/dead-letters", "/api/dead-letters/email.sent", "/dead-letters.html")) {
			this.client.get().uri(path).exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"dead-letters\"")
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
			this.client.get().uri(path).headers((headers) -> headers.setBasicAuth(ConsoleAdmin.USERNAME, "guessed"))
				.exchange()
				.expectStatus().isUnauthorized();
		}
		// Without the CSRF token a POST is refused before its credentials are even looked at.
		this.client.post().uri("/api/dead-letters/user.created/redrive").exchange().expectStatus().isForbidden();
		this.client.get().uri("/api/stats").exchange().expectStatus().isOk();
		this.client.get().uri("/").exchange().expectStatus().isOk();
		// Credentials sent along to a public endpoint (a scraper behind a proxy) are not looked at.
		this.client.get().uri("/api/stats").headers((headers) -> headers.setBasicAuth("someone", "anything"))
			.exchange()
			.expectStatus().isOk();
	}

	/** Basic credentials are sent by a browser with any request, also one that another site makes it send. */
	@Test
	void refusesAReDriveWithoutTheCsrfToken() {
		String topic = Topics.USER_CREATED;
		RecordMetadata deadLetter = this.topics.sendRaw(Topics.deadLetterTopicOf(topic), UUID.randomUUID().toString(), "{}");

		this.client.post().uri("/api/dead-letters/{topic}/{partition}/{offset}/redrive", topic, deadLetter.partition(),
				deadLetter.offset())
			.headers((headers) -> headers.setBasicAuth(ConsoleAdmin.USERNAME, ConsoleAdmin.PASSWORD))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(copiesRedrivenFrom(topic, deadLetter)).isZero();
	}

	@Test
	void showsValuesWithNamesAndEmailAddressesMasked() {
		String key = UUID.randomUUID().toString();
		// As notification-service dead-letters an unreadable user.created.
		this.topics.sendRaw(Topics.deadLetterTopicOf(Topics.USER_CREATED), key,
				"{\"envelope\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"note\":\"cc bob@example.org\"}");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(Topics.USER_CREATED))
			.filteredOn((deadLetter) -> key.equals(deadLetter.key()))
			.singleElement()
			.satisfies((deadLetter) -> assertThat(deadLetter.value()).isEqualTo(
					"{\"envelope\":42,\"name\":\"A***\",\"email\":\"a***@example.com\",\"note\":\"cc b***@example.org\"}")));
	}

	@Test
	void listsADeadLetterWithItsReason() {
		String key = UUID.randomUUID().toString();
		this.topics.sendRaw(Topics.EMAIL_SENT, key, "{\"envelope\":42}");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(Topics.EMAIL_SENT))
			.filteredOn((deadLetter) -> key.equals(deadLetter.key()))
			.singleElement()
			.satisfies((deadLetter) -> {
				assertThat(deadLetter.reason()).startsWith("email.sent: not a valid event (field envelope)");
				assertThat(deadLetter.value()).isEqualTo("{\"envelope\":42}");
				assertThat(deadLetter.originalOffset()).isNotNull();
			}));
		this.admin.get().uri("/api/dead-letters").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$['email.sent']").value((Integer count) -> assertThat(count).isPositive());
	}

	/**
	 * As the sensor pipeline writes them: in transactions, each of which leaves a commit
	 * marker that takes an offset. Counted by offsets, two dead letters would be three.
	 */
	@Test
	void countsDeadLettersWrittenInATransactionAsRecordsInTheConsoleAndTheMetric() {
		long before = consoleCount(Topics.SENSOR_READINGS);
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.getBootstrapServers(),
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dead-letter-count-" + UUID.randomUUID());
		try (Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			for (int i = 0; i < 2; i++) {
				producer.send(new ProducerRecord<>(Topics.deadLetterTopicOf(Topics.SENSOR_READINGS), "lab", "{\"not\": \"a reading\"}"));
			}
			producer.commitTransaction();
		}

		assertThat(consoleCount(Topics.SENSOR_READINGS)).isEqualTo(before + 2);
		this.metrics.refresh().block(Duration.ofSeconds(30));
		assertThat(this.meters.get("dead.letters").tag("topic", Topics.SENSOR_READINGS).gauge().value())
			.isEqualTo(before + 2);
	}

	private long consoleCount(String topic) {
		return this.admin.get().uri("/api/dead-letters").exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Long>>() {
			})
			.returnResult()
			.getResponseBody()
			.get(topic);
	}

	@Test
	void redrivesADeadLetterOnceItsCauseIsFixedAndRedrivingAgainSendsNothing() {
		EmailSent lost = EmailSent.of(UUID.randomUUID(), "welcome", "<lost@test>", Instant.now(), "redrive");
		RecordMetadata deadLetter = this.topics.sendRaw(Topics.deadLetterTopicOf(Topics.EMAIL_SENT), lost.key(),
				new String(new EventSerializer().serialize(Topics.EMAIL_SENT, lost), StandardCharsets.UTF_8));
		long before = emailsSent();

		redrive(deadLetter).expectStatus().isOk().expectBody()
			.jsonPath("$.key").isEqualTo(lost.key())
			.jsonPath("$.redrivenAt").isNotEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> emailsSent() == before + 1);
		redrive(deadLetter).expectStatus().isOk().expectBody().jsonPath("$.redrivenAt").isNotEmpty();

		assertThat(copiesRedrivenFrom(Topics.EMAIL_SENT, deadLetter)).isEqualTo(1);
		assertThat(deadLetters(Topics.EMAIL_SENT)).filteredOn((listed) -> listed.offset() == deadLetter.offset()
				&& listed.partition() == deadLetter.partition())
			.singleElement()
			.satisfies((listed) -> assertThat(listed.redrivenAt()).isNotNull());
	}

	@Test
	void redrivesAllOnlyWhatWasNotRedrivenBefore() {
		String topic = Topics.USER_CREATED;
		RecordMetadata first = this.topics.sendRaw(Topics.deadLetterTopicOf(topic), UUID.randomUUID().toString(), "{}");
		this.admin.post().uri("/api/dead-letters/{topic}/redrive", topic).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.redriven").value((Integer count) -> assertThat(count).isPositive());
		RecordMetadata second = this.topics.sendRaw(Topics.deadLetterTopicOf(topic), UUID.randomUUID().toString(), "{}");

		this.admin.post().uri("/api/dead-letters/{topic}/redrive", topic).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.redriven").isEqualTo(1);

		assertThat(copiesRedrivenFrom(topic, first)).isEqualTo(1);
		assertThat(copiesRedrivenFrom(topic, second)).isEqualTo(1);
	}

	/** Records on the topic that were re-driven from the dead letter. */
	private long copiesRedrivenFrom(String topic, RecordMetadata deadLetter) {
		String origin = deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset();
		return this.topics.readAll(topic).stream()
			.filter((record) -> origin.equals(KafkaTopics.header(record, DeadLetters.REDRIVEN_FROM)))
			.count();
	}

	/** A record keyed by something its event does not carry (readings go by region) must go back where it was. */
	@Test
	void redrivesADeadLetterToThePartitionItCameFromWhateverItsKey() {
		String key = "device-" + UUID.randomUUID();
		int keyed = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
		int original = (keyed + 1) % 3;
		ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(Topics.deadLetterTopicOf(Topics.SENSOR_READINGS),
				key, "{\"this is\": \"not a reading\"}".getBytes(StandardCharsets.UTF_8));
		deadLetter.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(original).array());
		RecordMetadata sent = this.topics.send(deadLetter);

		this.admin.post().uri("/api/dead-letters/{topic}/{partition}/{offset}/redrive", Topics.SENSOR_READINGS,
				sent.partition(), sent.offset())
			.exchange()
			.expectStatus().isOk();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.topics.readAll(Topics.SENSOR_READINGS))
			.filteredOn((record) -> key.equals(record.key()))
			.singleElement()
			.satisfies((record) -> assertThat(record.partition()).isEqualTo(original)));
	}

	@Test
	void servesTheConsolePage() {
		this.admin.get().uri("/dead-letters.html").exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<h1>Dead letters</h1>").contains("api/dead-letters"));
	}

	@Test
	void answers404ForUnknownTopicsAndDeadLetters() {
		this.admin.get().uri("/api/dead-letters/orders").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.admin.post().uri("/api/dead-letters/user.created/0/999999/redrive").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/**
	 * Hostile coordinates, as the admin with the CSRF token, sent as written (the encoded
	 * slash and percent are not encoded again): each a 400 or 404 with problem details, also
	 * where Spring Security's firewall turns the request away before the console.
	 */
	@Test
	void refusesHostileReDriveCoordinatesWithA4xx() {
		for (String path : List.of("/api/dead-letters/user.created/-1/0/redrive", "/api/dead-letters/x/0/0/redrive",
				"/api/dead-letters/user.created/0/99999999999999999999/redrive", "/api/dead-letters/..%2F..%2Fetc/redrive",
				"/api/dead-letters/..%252F..%252Fetc/redrive", "/api/dead-letters/user.created/abc/def/redrive")) {
			this.admin.post().uri(URI.create("http://localhost:" + this.port + path)).exchange()
				.expectStatus().value((status) -> assertThat(status).as("POST %s", path).isIn(400, 404))
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private WebTestClient.ResponseSpec redrive(RecordMetadata deadLetter) {
		return this.admin.post().uri("/api/dead-letters/{topic}/{partition}/{offset}/redrive", Topics.EMAIL_SENT,
				deadLetter.partition(), deadLetter.offset())
			.exchange();
	}

	private List<DeadLetter> deadLetters(String topic) {
		return this.admin.get().uri("/api/dead-letters/{topic}", topic).exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<List<DeadLetter>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private long emailsSent() {
		Map<?, ?> stats = this.client.get().uri("/api/stats").exchange().expectBody(Map.class).returnResult()
			.getResponseBody();
		return ((Number) stats.get("emailsSent")).longValue();
	}

}
