package io.github.eventsuite.analytics.stats;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/stats")
class StatsController {

	static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private final LiveStats stats;

	StatsController(LiveStats stats) {
		this.stats = stats;
	}

	@GetMapping
	Mono<Stats> current() {
		return this.stats.current();
	}

	/**
	 * The current statistics, then one event per change. A client that reads slower than the
	 * statistics change gets the latest value, not a growing backlog; a comment every 15 s
	 * keeps idle connections open through proxies.
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Stats>> stream() {
		Flux<ServerSentEvent<Stats>> updates = this.stats.updates()
			.onBackpressureLatest()
			.map((stats) -> ServerSentEvent.builder(stats).event("stats").build());
		Flux<ServerSentEvent<Stats>> keepAlive = Flux.interval(KEEP_ALIVE)
			.onBackpressureDrop()
			.map((tick) -> ServerSentEvent.<Stats>builder().comment("keep-alive").build());
		return Flux.merge(updates, keepAlive);
	}

}
