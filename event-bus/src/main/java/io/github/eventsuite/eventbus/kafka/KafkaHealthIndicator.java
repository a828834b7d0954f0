package io.github.eventsuite.eventbus.kafka;

import java.time.Duration;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

import reactor.core.publisher.Mono;

/** UP while the cluster answers; the readiness group includes it, so traffic stops when Kafka is gone. */
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final AdminClient admin;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		super("Kafka health check failed");
		this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
		return Mono.<Integer>create((sink) -> cluster.nodes().whenComplete((nodes, ex) -> {
			if (ex != null) {
				sink.error(ex);
			}
			else {
				sink.success(nodes.size());
			}
		})).map((nodes) -> builder.up().withDetail("nodes", nodes).build());
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(1));
	}

}
