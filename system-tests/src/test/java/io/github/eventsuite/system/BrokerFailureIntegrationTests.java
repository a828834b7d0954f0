package io.github.eventsuite.system;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import io.github.eventsuite.eventbus.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise of docker-compose.ha.yml: on three brokers, with three copies of every
 * partition of which two must have a record before it counts as written, one broker killed
 * under load refuses no registration and loses none, and none takes effect twice.
 */
class BrokerFailureIntegrationTests {

	private static final SuiteContainers suite = SuiteContainers.withThreeBrokers();

	private static final SuiteProbe probe = new SuiteProbe(suite);

	/** The chain's topics: each is written and read on the way from POST to statistics. */
	private static final List<String> CHAIN = List.of(Topics.USER_REGISTER, Topics.USER_CREATED, Topics.EMAIL_SENT);

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
			.allSatisfy((config) -> assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2"));
	}

	@Test
	void aBrokerKilledUnderLoadRefusesNoRegistrationAndLosesNone() throws Exception {
		RegistrationBatch batch = RegistrationBatch.start(probe, "broker-kill", 150, Duration.ofMillis(100));
		batch.awaitFirstUsers();
		int victim = busiestLeader();

		GenericContainer<?> broker = suite.cluster().node(victim);
		broker.getDockerClient().killContainerCmd(broker.getContainerId()).exec();

		// The fault took hold: the chain's partitions are led by the two brokers left, each
		// written to both of them (two copies in sync: min.insync.replicas, so writes go on).
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(describe(CHAIN).values())
			.flatMap(TopicDescription::partitions)
			.allSatisfy((partition) -> {
				assertThat(partition.leader().id()).isNotEqualTo(victim);
				assertThat(partition.isr()).hasSize(2).noneMatch((node) -> node.id() == victim);
			}));
		Set<String> accepted = batch.assertEveryAcceptedRegistrationTookEffectOnce();
		assertThat(accepted).as("registrations accepted while a broker died").hasSize(150);
	}

	/** The broker that leads the most partitions of the chain's topics: killing it hurts most. */
	private static int busiestLeader() throws Exception {
		Map<Integer, Long> partitionsLed = describe(CHAIN).values().stream()
			.flatMap((topic) -> topic.partitions().stream())
			.map(TopicPartitionInfo::leader)
			.collect(Collectors.groupingBy((leader) -> leader.id(), Collectors.counting()));
		return partitionsLed.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
	}

	private static Map<String, TopicDescription> describe(List<String> topics) throws Exception {
		return admin.describeTopics(topics).allTopicNames().get();
	}

}
