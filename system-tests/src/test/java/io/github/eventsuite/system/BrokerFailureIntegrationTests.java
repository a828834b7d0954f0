package io.github.eventsuite.system;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;

import io.github.eventsuite.eventbus.Topics;
import io.github.eventsuite.system.RegistrationLoad.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise of docker-compose.ha.yml: on three brokers, with three copies of every
 * partition of which two must have a record before it counts as written, one broker killed
 * under load loses no accepted registration, none takes effect twice, and the two brokers
 * left go on taking registrations.
 */
class BrokerFailureIntegrationTests {

	private static final SuiteContainers suite = SuiteContainers.withThreeBrokers();

	private static final SuiteProbe probe = new SuiteProbe(suite);

	/** The chain's topics: each is written and read on the way from POST to statistics. */
	private static final List<String> CHAIN = List.of(Topics.USER_REGISTER, Topics.USER_CREATED, Topics.EMAIL_SENT);

	private static final Logger log = LoggerFactory.getLogger(BrokerFailureIntegrationTests.class);

	private static final Duration PACE = Duration.ofMillis(100);

	private static Admin admin;

	@BeforeAll
	static void startSuite() {
		suite.start();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers()));
	}

	@AfterAll
	static void stopSuite() {
		if (admin != null) {
			admin.close();
		}
		suite.close();
	}

	@Test
	void everyTopicHasThreeCopiesOfWhichTwoMustHaveEachRecord() throws Exception {
		List<String> topics = Topics.ALL.stream().flatMap((topic) -> List.of(topic, Topics.deadLetterTopicOf(topic)).stream())
			.toList();

		assertThat(describe(topics).values()).flatMap(TopicDescription::partitions)
			.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(KafkaCluster.SIZE));
		List<ConfigResource> resources = topics.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
		Collection<Config> configs = admin.describeConfigs(resources).all().get().values();
		assertThat(configs).hasSize(topics.size())
			.allSatisfy((config) -> {
				ConfigEntry minInsyncReplicas = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
				assertThat(minInsyncReplicas.value()).isEqualTo("2");
				// Set on the topic by the services, not inherited from the brokers' default.
				assertThat(minInsyncReplicas.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
			});
	}

	/**
	 * The active KRaft controller, which also leads partitions, is the hardest broker to lose:
	 * a new controller is elected before the dead broker is fenced and its partitions get new
	 * leaders. Until then (broker.session.timeout.ms, 9 s, and more) sends to its partitions
	 * wait, and those not acknowledged within 15 s fail; the API does not wait for them (202
	 * once PostgreSQL has the registration), so every registration is accepted, and none may
	 * be lost or take effect twice: a failed publication is made again later.
	 */
	@Test
	void theControllerKilledUnderLoadLosesNoAcceptedRegistrationAndWritesGoOnWithTwoBrokers() throws Exception {
		RegistrationBatch during = RegistrationBatch.start(probe, "broker-kill", 150, PACE);
		during.awaitFirstUsers();
		int victim = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
		assertThat(partitionsLedBy(victim)).as("partitions of the chain led by the controller").isPositive();

		GenericContainer<?> broker = suite.cluster().node(victim);
		broker.getDockerClient().killContainerCmd(broker.getContainerId()).exec();

		// The fault took hold: the chain's partitions are led by the two brokers left, each
		// written to both of them (two copies in sync: min.insync.replicas, so writes go on).
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(describe(CHAIN).values())
			.flatMap(TopicDescription::partitions)
			.allSatisfy((partition) -> {
				assertThat(partition.leader()).as("leader of partition %d", partition.partition()).isNotNull();
				assertThat(partition.leader().id()).isNotEqualTo(victim);
				assertThat(partition.isr()).hasSize(2).noneMatch((node) -> node.id() == victim);
			}));
		assertThat(during.load().get()).as("registrations sent while the broker was lost").allMatch(Outcome::accepted);
		RegistrationBatch after = RegistrationBatch.start(probe, "two-brokers", 20, PACE);
		assertThat(after.load().get()).as("registrations on the two brokers left").allMatch(Outcome::accepted);
		during.assertEveryAcceptedRegistrationTookEffectOnce();
		after.assertEveryAcceptedRegistrationTookEffectOnce();
		log.info("Broker {} (the controller) killed: {} of {} registrations sent meanwhile were accepted", victim,
				during.load().get().stream().filter(Outcome::accepted).count(), during.load().get().size());
	}

	private static long partitionsLedBy(int broker) throws Exception {
		return describe(CHAIN).values().stream()
			.flatMap((topic) -> topic.partitions().stream())
			.filter((partition) -> partition.leader() != null && partition.leader().id() == broker)
			.count();
	}

	private static Map<String, TopicDescription> describe(List<String> topics) throws Exception {
		return admin.describeTopics(topics).allTopicNames().get();
	}

}
